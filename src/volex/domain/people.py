"""Facts about people that several parts of Volex count the same way.

Volunteers describe their gender in their own words. Programme targets (allocation) and the
sex-disaggregated figures of reports both need it reduced to female, male or another gender; this
module is the one place that does it, so a target of "50 % women" and a report's "women" column
count the same people.
"""

from __future__ import annotations

from enum import StrEnum


class Sex(StrEnum):
    """Self-described gender reduced to what targets and reports count."""

    FEMALE = "female"
    MALE = "male"
    OTHER = "other"


# The words (in the six UN languages' Latin and native scripts where volunteers use them) that
# read as female or male. Anything else that is written counts as another gender.
FEMALE_WORDS = frozenset(
    {
        "f", "w", "female", "woman", "girl",
        "femme", "féminin", "feminin", "fille",
        "mujer", "femenino", "femenina",
        "امرأة", "أنثى", "انثى",
        "женщина", "женский", "ж",
        "女", "女性",
    }
)  # fmt: skip
MALE_WORDS = frozenset(
    {
        "m", "male", "man", "boy",
        "homme", "masculin", "garçon",
        "hombre", "masculino",
        "رجل", "ذكر",
        "мужчина", "мужской", "м",
        "男", "男性",
    }
)  # fmt: skip


def sex_from_gender(text: str | None) -> Sex | None:
    """The sex that a self-described gender reads as; None when nothing was written."""
    word = " ".join((text or "").lower().split())
    if not word:
        return None
    if word in FEMALE_WORDS:
        return Sex.FEMALE
    if word in MALE_WORDS:
        return Sex.MALE
    return Sex.OTHER
