"""Results of a service: what was achieved, for whom (reach by sex, age and group), towards which
SDG targets."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from volex.accounts.models import User
from volex.reference.models import SDGTarget

from .. import permissions
from ..errors import DeploymentError
from ..models import (
    Deployment,
    Result,
    ResultReach,
)
from ._shared import _lock, _refused


@transaction.atomic
def result_record(
    *,
    deployment: Deployment,
    by: User,
    description: str,
    date: date,
    output: str = "",
    sdg_target_codes: Iterable[str] = (),
    reach: Iterable[Mapping[str, Any]] = (),
) -> Result:
    deployment = _lock(deployment)
    if not (permissions.is_own(by, deployment) or permissions.can_review_hours(by, deployment)):
        raise PermissionDenied(_("You may not record results for this service."))
    if not description.strip():
        raise _refused("description", _("Describe the result."), "required")
    if date < deployment.start_date or date > max(deployment.last_day, timezone.localdate()):
        raise _refused(
            "date",
            _("The date must fall within the service, from %(start)s.")
            % {"start": deployment.start_date},
            DeploymentError.END_OUT_OF_SERVICE,
        )
    rows = [
        ResultReach(
            sex=row.get("sex") or "unknown",
            age_group=row.get("age_group") or "unknown",
            with_disability=bool(row.get("with_disability")),
            group=row.get("group") or "",
            people=int(row.get("people") or 0),
        )
        for row in reach
    ]
    for index, row in enumerate(rows):
        try:
            row.full_clean(exclude=["result"])
        except ValidationError as error:
            raise ValidationError(
                {f"reach[{index}].{field}": errs for field, errs in error.error_dict.items()}
            ) from None
        if row.people <= 0:
            raise _refused(f"reach[{index}].people", _("Count at least one person."), "min")
    result = Result.objects.create(
        deployment=deployment,
        description=description.strip(),
        output=output.strip(),
        date=date,
    )
    codes = list(sdg_target_codes)
    if codes:
        found = list(SDGTarget.objects.filter(code__in=codes))
        if len(found) != len(set(codes)):
            raise _refused("sdg_targets", _("Unknown SDG target."), "invalid")
        result.sdg_targets.set(found)
    for row in rows:
        row.result = result
    ResultReach.objects.bulk_create(rows)
    return result
