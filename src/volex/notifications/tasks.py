"""Background work of the notifications app: sending the e-mail of a notification."""

from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task

from volex.core.links import absolute_url

from .models import Notification


@task()
def notification_email_send(notification_id: int) -> None:
    """E-mail a stored notification once (its link made absolute); a no-op when it was sent
    already or the recipient has no address."""
    notification = (
        Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    )
    if notification is None or notification.emailed_at or not notification.recipient.email:
        return
    body = notification.body
    if notification.url:  # read in a mail client, off the site: a path alone leads nowhere
        body = f"{body}\n\n{absolute_url(notification.url)}"
    send_mail(
        notification.subject,
        body,
        None,
        [notification.recipient.email],
    )
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
