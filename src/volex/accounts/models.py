"""Users. A user's roles come from what they hold, not from a single flag:

- volunteer: has a volunteer profile (`user.volunteer`);
- host supervisor / programme manager: a membership of an organization with that role (a user may
  belong to several organizations);
- administrator: a staff user (Django admin and reference data).
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    email = models.EmailField(_("e-mail address"), unique=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language of the interface and of the messages Volex sends you."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_administrator(self) -> bool:
        return self.is_active and self.is_staff
