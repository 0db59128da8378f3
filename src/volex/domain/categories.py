"""Categories of volunteer service and the rules each one sets (domain brief, "Category")."""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    INTERNATIONAL_SPECIALIST = "international_specialist"
    INTERNATIONAL_EXPERT = "international_expert"
    INTERNATIONAL_YOUTH = "international_youth"
    INTERNATIONAL_UNIVERSITY = "international_university"
    NATIONAL_SPECIALIST = "national_specialist"
    NATIONAL_EXPERT = "national_expert"
    NATIONAL_YOUTH = "national_youth"
    NATIONAL_UNIVERSITY = "national_university"
    COMMUNITY = "community"
    REFUGEE = "refugee"
    ONLINE = "online"
    DIASPORA = "diaspora"


class Scope(StrEnum):
    """Where a volunteer of a category may serve, relative to their own countries."""

    INTERNATIONAL = "international"  # outside every nationality
    NATIONAL = "national"  # in a country of nationality
    DIASPORA = "diaspora"  # in a country of heritage
    RESIDENCE = "residence"  # community and refugee volunteers serve where they live
    ONLINE = "online"  # from anywhere, no duty station


SCOPE: dict[Category, Scope] = {
    Category.INTERNATIONAL_SPECIALIST: Scope.INTERNATIONAL,
    Category.INTERNATIONAL_EXPERT: Scope.INTERNATIONAL,
    Category.INTERNATIONAL_YOUTH: Scope.INTERNATIONAL,
    Category.INTERNATIONAL_UNIVERSITY: Scope.INTERNATIONAL,
    Category.NATIONAL_SPECIALIST: Scope.NATIONAL,
    Category.NATIONAL_EXPERT: Scope.NATIONAL,
    Category.NATIONAL_YOUTH: Scope.NATIONAL,
    Category.NATIONAL_UNIVERSITY: Scope.NATIONAL,
    Category.COMMUNITY: Scope.RESIDENCE,
    Category.REFUGEE: Scope.RESIDENCE,
    Category.ONLINE: Scope.ONLINE,
    Category.DIASPORA: Scope.DIASPORA,
}

# Age at the start of service, inclusive bounds. International service takes ages 18 to 75 (brief);
# every other category starts at the age of majority. Youth and university categories follow the
# common programme practice of 18 to 29.
MIN_AGE = 18
INTERNATIONAL_MAX_AGE = 75
YOUTH_MAX_AGE = 29

YOUTH_CATEGORIES = frozenset(
    {
        Category.INTERNATIONAL_YOUTH,
        Category.INTERNATIONAL_UNIVERSITY,
        Category.NATIONAL_YOUTH,
        Category.NATIONAL_UNIVERSITY,
    }
)


def age_bounds(category: Category) -> tuple[int, int | None]:
    """(minimum, maximum or None) age at the start of service, inclusive."""
    if category in YOUTH_CATEGORIES:
        return MIN_AGE, YOUTH_MAX_AGE
    if SCOPE[category] in (Scope.INTERNATIONAL, Scope.DIASPORA):
        return MIN_AGE, INTERNATIONAL_MAX_AGE
    return MIN_AGE, None
