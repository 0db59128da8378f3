"""What each notification says. Templates are translated in the recipient's language."""

from django.utils.translation import gettext_lazy as _

from .models import Kind

MESSAGES = {
    Kind.INVITED: (
        _("You are invited to apply: %(assignment)s"),
        _(
            '%(host)s thinks your profile fits the assignment "%(assignment)s" and invites '
            "you to apply.\n\n%(message)s"
        ),
    ),
    Kind.SHORTLISTED: (
        _("You are shortlisted: %(assignment)s"),
        _(
            'Your application for "%(assignment)s" with %(host)s is shortlisted. The host '
            "organization will contact you about the assessment."
        ),
    ),
    Kind.OFFERED: (
        _("An offer for you: %(assignment)s"),
        _(
            '%(host)s offers you the assignment "%(assignment)s". Please accept or decline '
            "the offer before %(expires)s."
        ),
    ),
    Kind.OFFER_EXPIRING: (
        _("Your offer expires soon: %(assignment)s"),
        _(
            'The offer for "%(assignment)s" with %(host)s expires on %(expires)s. Accept or '
            "decline it before then."
        ),
    ),
    Kind.OFFER_EXPIRED: (
        _("Your offer has expired: %(assignment)s"),
        _('The offer for "%(assignment)s" with %(host)s expired on %(expires)s.'),
    ),
    Kind.NOT_SELECTED: (
        _("About your application: %(assignment)s"),
        _(
            'Thank you for applying to "%(assignment)s" with %(host)s. The host organization '
            "has selected other candidates this time.\n\n%(message)s"
        ),
    ),
    Kind.OFFER_ACCEPTED: (
        _("Offer accepted: %(assignment)s"),
        _('%(volunteer)s accepted the offer for "%(assignment)s". Onboarding can start.'),
    ),
    Kind.APPLICATION_RECEIVED: (
        _("New application: %(assignment)s"),
        _('%(volunteer)s applied for "%(assignment)s". The application waits for your review.'),
    ),
    Kind.ASSIGNMENT_SUBMITTED: (
        _("To approve: %(assignment)s"),
        _('"%(assignment)s" of %(host)s was submitted for approval.\n\n%(message)s'),
    ),
    Kind.ASSIGNMENT_RETURNED: (
        _("Returned for changes: %(assignment)s"),
        _('"%(assignment)s" was returned for changes:\n\n%(message)s'),
    ),
    Kind.ASSIGNMENT_APPROVED: (
        _("Approved: %(assignment)s"),
        _('"%(assignment)s" was approved.\n\n%(message)s'),
    ),
    Kind.SERVICE_ENDING: (
        _("Service ends in %(days)s days: %(volunteer)s"),
        _(
            'The service of %(volunteer)s on "%(assignment)s" ends on %(end)s (%(days)s days). '
            "Plan the handover, an extension or the end of assignment."
        ),
    ),
    Kind.RISK_FLAG: (
        _("Volunteer at risk: %(volunteer)s"),
        _(
            '%(volunteer)s ("%(assignment)s") was flagged: %(rule)s.\n\n%(details)s\n\n'
            "Please follow up and record what was done."
        ),
    ),
    Kind.ROLL_CALL: (
        _("Roll-call: are you safe?"),
        _(
            "A roll-call has started for everyone deployed in %(scope)s. Open the link and answer "
            "'safe' or 'need help' now.\n\n%(message)s"
        ),
    ),
    Kind.HOURS_REJECTED: (
        _("Hours returned: %(period)s"),
        _("Your hours for %(period)s were not approved: %(reason)s"),
    ),
}
