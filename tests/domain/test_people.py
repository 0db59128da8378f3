"""Sex from self-described gender (`volex.domain.people`): the one reading targets and reports
share."""

from __future__ import annotations

import pytest

from volex.domain.people import FEMALE_WORDS, MALE_WORDS, Sex, sex_from_gender


@pytest.mark.parametrize("text", [None, "", "   ", "\t\n"])
def test_nothing_written_is_no_sex(text: str | None) -> None:
    assert sex_from_gender(text) is None


@pytest.mark.parametrize(
    ("text", "sex"),
    [
        ("F", Sex.FEMALE), (" Female ", Sex.FEMALE), ("WOMAN", Sex.FEMALE), ("W", Sex.FEMALE),
        ("Femenina", Sex.FEMALE), ("Женщина", Sex.FEMALE), ("女性", Sex.FEMALE),
        ("M", Sex.MALE), ("  male", Sex.MALE), ("Hombre", Sex.MALE), ("МУЖЧИНА", Sex.MALE),
        ("男", Sex.MALE), ("Garçon", Sex.MALE),
    ],
)  # fmt: skip
def test_case_and_surrounding_whitespace_do_not_matter(text: str, sex: Sex) -> None:
    assert sex_from_gender(text) is sex


@pytest.mark.parametrize("text", ["non-binary", "Frau", "femalе", "prefer not to say", "x"])
def test_anything_else_written_is_another_gender(text: str) -> None:
    # "femalе" ends with a Cyrillic е: not the word, another gender
    assert sex_from_gender(text) is Sex.OTHER


def test_every_listed_word_reads_as_its_sex_and_no_word_is_in_both_lists() -> None:
    assert not FEMALE_WORDS & MALE_WORDS
    assert all(sex_from_gender(word) is Sex.FEMALE for word in FEMALE_WORDS)
    assert all(sex_from_gender(word.upper()) is Sex.MALE for word in MALE_WORDS)
    assert all(word == " ".join(word.lower().split()) for word in FEMALE_WORDS | MALE_WORDS)
