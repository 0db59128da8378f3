"""Sending notifications: an inbox row now, the e-mail once the transaction commits."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.functional import Promise

from .messages import MESSAGES
from .models import Kind, Notification

if TYPE_CHECKING:  # the user model lives in accounts, a layer this app does not import
    from volex.accounts.models import User


def user_language(user: User) -> str:
    """The language `user` reads Volex in: their preference when the site offers it, else the
    site's default (messages and certificates are written in it)."""
    codes = {code for code, _name in settings.LANGUAGES}
    language = getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE
    return language if language in codes else settings.LANGUAGE_CODE


def _render(template: str | Promise, params: Mapping[str, object]) -> str:
    return str(template) % {key: str(value) for key, value in params.items()}


@transaction.atomic
def notification_send(
    *, recipient: User, kind: Kind | str, params: Mapping[str, object], url: str = ""
) -> Notification:
    """Store a message for `recipient` in their language and e-mail it after commit."""
    subject_template, body_template = MESSAGES[Kind(kind)]
    full = {"message": "", **params}
    language = user_language(recipient)
    with translation.override(language):
        subject = _render(subject_template, full)[:200]
        body = _render(body_template, full).strip()
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, language=language, subject=subject, body=body, url=url
    )

    def enqueue() -> None:
        from .tasks import notification_email_send

        notification_email_send.enqueue(notification.pk)

    transaction.on_commit(enqueue)
    return notification


def notification_send_many(
    *,
    recipients: Iterable[User],
    kind: Kind | str,
    params: Mapping[str, object],
    url: str = "",
) -> list[Notification]:
    return [
        notification_send(recipient=user, kind=kind, params=params, url=url)
        for user in {user.pk: user for user in recipients}.values()
    ]


@transaction.atomic
def notification_mark_read(*, notification: Notification, user: User) -> Notification:
    if notification.recipient_id != user.pk:
        raise PermissionError("not the recipient")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notification_mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def notifications_mark_answered(*, recipient: User, kinds: Iterable[Kind | str], url: str) -> int:
    """Mark read the messages of `kinds` about `url` that asked `recipient` for an answer they
    have now given (an offer accepted or declined): the stored text stays as sent, but it no
    longer counts as a new request."""
    return Notification.objects.filter(
        recipient=recipient, kind__in=[str(k) for k in kinds], url=url, read_at__isnull=True
    ).update(read_at=timezone.now())
