"""The certificate of service: a one-page PDF in the volunteer's language (reportlab)."""

from __future__ import annotations

from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from volex.notifications.services import user_language

from .models import Deployment, HourRecord, HourStatus


def certificate_pdf(deployment: Deployment) -> bytes:
    """The certificate of an ended deployment, written in the volunteer's language."""
    user = deployment.volunteer.user
    approved = sum(
        HourRecord.objects.filter(deployment=deployment, status=HourStatus.APPROVED).values_list(
            "hours", flat=True
        )
    )
    with translation.override(user_language(user)):
        styles = getSampleStyleSheet()
        name = user.get_full_name() or user.get_username()
        station = str(deployment.duty_station) if deployment.duty_station_id else _("Online")
        params = {
            "name": escape(name),
            "assignment": escape(deployment.assignment.title),
            "host": escape(deployment.assignment.host.name),
            "station": escape(station),
            "start": formats.date_format(deployment.start_date, "DATE_FORMAT"),
            "end": formats.date_format(deployment.last_day, "DATE_FORMAT"),
            "hours": approved,
        }
        story = [
            Paragraph(_("Certificate of service"), styles["Title"]),
            Spacer(1, 18),
            Paragraph(
                _(
                    "This certifies that %(name)s served as a volunteer on the assignment "
                    '"%(assignment)s" with %(host)s at %(station)s, from %(start)s to %(end)s.'
                )
                % params,
                styles["BodyText"],
            ),
            Spacer(1, 12),
            Paragraph(_("Approved hours of service: %(hours)s") % params, styles["BodyText"]),
        ]
        if deployment.performance_assessment:
            story += [
                Spacer(1, 12),
                Paragraph(_("Assessment by the supervisor"), styles["Heading3"]),
                Paragraph(deployment.get_performance_rating_display(), styles["BodyText"]),
                Paragraph(escape(deployment.performance_assessment), styles["BodyText"]),
            ]
        buffer = BytesIO()
        document = SimpleDocTemplate(
            buffer, pagesize=A4, title=_("Certificate of service"), author="Volex"
        )
        document.build(story)
    return buffer.getvalue()
