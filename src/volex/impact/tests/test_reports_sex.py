"""The report's sex breakdown reads a volunteer's self-described gender exactly as
`volex.domain.people.sex_from_gender` does: the same words as programme targets, no copy."""

from datetime import date
from decimal import Decimal

import pytest

from volex.domain.people import FEMALE_WORDS, MALE_WORDS, sex_from_gender
from volex.impact.reports import Breakdown, ReportScope, ScopeKind, report_build
from volex.organizations.tests.factories import OrganizationFactory
from volex.volunteers.tests.factories import VolunteerFactory

from .reporting import assignment_in, deployment_of, hours_of

# written as volunteers write them: capitals, spaces, every script of the word lists
GENDERS = ["W", "Femenina", "женщина", "Girl", " Female ", "女性", "أنثى", "FEMME",
           "M", "Hombre", "МУЖЧИНА", "Boy", "男", "ذكر",
           "non-binary", "Frau", "", "   "]  # fmt: skip


def _report_of(*genders: str):
    host = OrganizationFactory(country_id="KE")
    assignment = assignment_in(host)
    for gender in genders:
        deployment = deployment_of(assignment, VolunteerFactory(gender=gender))
        hours_of(deployment, 10)
    scope = ReportScope(
        kind=ScopeKind.ORGANIZATION, organization=host, start=date(2024, 1, 1),
        end=date(2024, 12, 31),
    )  # fmt: skip
    return report_build(scope=scope)


@pytest.mark.django_db
@pytest.mark.parametrize("gender", GENDERS)
def test_a_volunteer_counts_under_the_sex_their_gender_reads_as(gender):
    sex = sex_from_gender(gender)
    [row] = _report_of(gender).rows(Breakdown.SEX)
    assert row.key == ("" if sex is None else sex.value)
    assert (row.deployments, row.volunteers, row.hours) == (1, 1, Decimal("10.00"))


@pytest.mark.django_db
def test_every_word_of_the_domain_lists_counts_as_its_sex():
    report = _report_of(*sorted(FEMALE_WORDS), *sorted(MALE_WORDS))
    rows = {row.key: row for row in report.rows(Breakdown.SEX)}
    assert set(rows) == {"female", "male"}
    assert rows["female"].volunteers == len(FEMALE_WORDS)
    assert rows["male"].volunteers == len(MALE_WORDS)
    assert rows["female"].hours == 10 * len(FEMALE_WORDS)
