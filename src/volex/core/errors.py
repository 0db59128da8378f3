"""Turning domain rule violations into Django validation errors that name field and rule."""

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from volex.domain.eligibility import RuleViolation


def rule_messages(
    violations: Iterable[RuleViolation], labels: Mapping[str, Mapping[object, str]] | None = None
) -> dict[str, list[ValidationError]]:
    """Group violations by field as translated `ValidationError`s coded by their rule.

    `labels` maps a parameter name to {value: human label}, so that messages read
    "International specialist" and "Kenya" rather than codes.
    """
    labels = labels or {}
    errors: dict[str, list[ValidationError]] = {}
    for violation in violations:
        params = {
            name: labels.get(name, {}).get(value, value) for name, value in violation.params.items()
        }
        message = gettext(violation.template) % params
        errors.setdefault(violation.field, []).append(
            ValidationError(message, code=violation.rule.value)
        )
    return errors


def raise_for_violations(
    violations: list[RuleViolation], labels: Mapping[str, Mapping[object, str]] | None = None
) -> None:
    if violations:
        raise ValidationError(rule_messages(violations, labels))
