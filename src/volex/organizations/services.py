"""Writes for organizations and memberships: the only place that changes their state."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import Membership, MembershipRole, Organization, VerificationStatus

if TYPE_CHECKING:  # the user model lives in accounts, a layer above this app
    from volex.accounts.models import User


def _unique_slug(name: str, acronym: str) -> str:
    base = slugify(acronym or name)[:70] or "organization"
    slug, n = base, 1
    while Organization.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def organization_create(
    *,
    name: str,
    kind: str,
    country_id: str,
    acronym: str = "",
    parent: Organization | None = None,
    peace_operation_id: int | None = None,
    is_network_member: bool = False,
    website: str = "",
    description: str = "",
    verification_status: str = VerificationStatus.PENDING,
) -> Organization:
    organization = Organization(
        name=name.strip(),
        acronym=acronym.strip(),
        slug=_unique_slug(name, acronym),
        kind=kind,
        country_id=country_id,
        parent=parent,
        peace_operation_id=peace_operation_id,
        is_network_member=is_network_member,
        website=website,
        description=description,
        verification_status=verification_status,
    )
    organization.full_clean()
    organization.save()
    return organization


@transaction.atomic
def organization_set_verification(*, organization: Organization, status: str) -> Organization:
    if status not in VerificationStatus.values:
        raise ValidationError(
            {"verification_status": _("Unknown verification status “%s”.") % status}
        )
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    organization.verification_status = status
    organization.save(update_fields=["verification_status", "updated_at"])
    return organization


@transaction.atomic
def membership_grant(
    *, user: User, organization: Organization, role: str, title: str = ""
) -> Membership:
    if role not in MembershipRole.values:
        raise ValidationError({"role": _("Unknown role “%s”.") % role})
    membership, _created = Membership.objects.get_or_create(
        user=user, organization=organization, role=role, defaults={"title": title}
    )
    return membership
