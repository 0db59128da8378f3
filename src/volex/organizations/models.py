from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from volex.core.models import TimeStampedModel


class OrganizationKind(models.TextChoices):
    UN_ENTITY = "un_entity", _("UN entity")
    PEACE_OPERATION = "peace_operation", _("Peace operation or political mission")
    GOVERNMENT = "government", _("Government")
    NGO = "ngo", _("Non-governmental organization")
    NATIONAL_SCHEME = "national_scheme", _("National volunteer scheme")
    ACADEMIC = "academic", _("Academic")
    PRIVATE_SECTOR = "private_sector", _("Private sector")


class VerificationStatus(models.TextChoices):
    PENDING = "pending", _("Pending verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")
    SUSPENDED = "suspended", _("Suspended")


class Organization(TimeStampedModel):
    """A host entity or network member; a mission's field office has the mission as parent."""

    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=32, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganizationKind.choices)
    country = models.ForeignKey(
        "reference.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="organizations",
        help_text=_("Country of the headquarters or of the office."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    peace_operation = models.ForeignKey(
        "reference.PeaceOperation",
        verbose_name=_("peace operation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    verification_status = models.CharField(
        _("verification status"),
        max_length=16,
        choices=VerificationStatus.choices,
        default=VerificationStatus.PENDING,
    )
    is_network_member = models.BooleanField(
        _("network member"),
        default=False,
        help_text=_("Shares practices and runs partnerships in the Volex network."),
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=OrganizationKind.values), name="organization_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(verification_status__in=VerificationStatus.values),
                name="organization_verification_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="organization_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def is_verified(self) -> bool:
        return self.verification_status == VerificationStatus.VERIFIED


class MembershipRole(models.TextChoices):
    HOST_SUPERVISOR = "host_supervisor", _("Host supervisor")
    PROGRAMME_MANAGER = "programme_manager", _("Programme manager")
    NETWORK_MEMBER = "network_member", _("Network member")


class Membership(TimeStampedModel):
    """A user's role in one organization; a user may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=32, choices=MembershipRole.choices)
    title = models.CharField(_("job title"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organization__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"], name="membership_unique_role"
            ),
            models.CheckConstraint(
                condition=Q(role__in=MembershipRole.values), name="membership_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organization}"
