"""Background work of the notifications app: sending the e-mail of a notification."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task

from .models import Notification


@task()
def notification_email_send(notification_id: int) -> None:
    notification = (
        Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    )
    if notification is None or notification.emailed_at or not notification.recipient.email:
        return
    body = notification.body
    if notification.url:
        base = getattr(settings, "VOLEX_BASE_URL", "").rstrip("/")
        body = f"{body}\n\n{base}{notification.url}"
    send_mail(
        notification.subject,
        body,
        None,
        [notification.recipient.email],
    )
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
