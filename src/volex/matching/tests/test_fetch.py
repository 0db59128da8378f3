from datetime import date

import pytest

from volex.assignments.services import LanguageNeed
from volex.domain.categories import Category
from volex.domain.cefr import CEFRLevel
from volex.domain.matching.types import Gender
from volex.matching.fetch import (
    experience_years,
    fetch_assignment,
    fetch_profile_records,
    fetch_profiles,
    gender_of,
    profile_facts_from_orm,
)
from volex.volunteers.models import Education, WorkExperience
from volex.volunteers.selectors import volunteer_get

from . import helpers


def _rich_volunteer(n: int):
    picked = helpers.skills(3)
    made = helpers.volunteer(
        skill_levels=[(picked[0], "expert", 7), (picked[1], "basic", 1)],
        languages=[("fr", "C1"), ("en", "native")],
        nationalities=("KE", "TZ"),
        heritage_countries=("UG",),
        gender="Woman" if n % 2 else "",
    )
    Education.objects.create(volunteer=made, level="master", field_of_study="Public health")
    WorkExperience.objects.create(
        volunteer=made, title="Nurse", start_date=date(2015, 1, 1), end_date=date(2018, 1, 1)
    )
    WorkExperience.objects.create(
        volunteer=made, title="Midwife", start_date=date(2017, 1, 1), end_date=date(2020, 1, 1)
    )
    return made


@pytest.mark.django_db
def test_fetch_gives_the_same_facts_as_the_orm_objects():
    made = [_rich_volunteer(n) for n in range(4)]
    today = date(2026, 1, 1)
    records = fetch_profile_records([v.pk for v in made], today=today)
    for volunteer in made:
        expected = profile_facts_from_orm(volunteer_get(pk=volunteer.pk), today=today)
        assert records[volunteer.pk].facts == expected
    facts = records[made[1].pk].facts
    assert facts.gender is Gender.FEMALE
    assert facts.nationalities == {"KE", "TZ"} and facts.heritage_countries == {"UG"}
    assert facts.languages == {"fr": CEFRLevel.C1, "en": CEFRLevel.NATIVE}
    assert facts.experience_years == 5.0  # 2015-2020, the overlap counted once
    assert {s.level for s in facts.skills} == {4, 1}
    assert all(s.group_id and s.label for s in facts.skills)
    assert "Public health" in facts.education and "Midwife" in facts.summary
    assert facts.deployed == ()  # in service nowhere, no offer accepted


@pytest.mark.django_db
def test_fetch_takes_a_handful_of_queries_whatever_the_number_of_profiles(
    django_assert_max_num_queries,
):
    for n in range(6):
        _rich_volunteer(n)
    with django_assert_max_num_queries(10):  # the taxonomy, then nine per batch
        batches = list(fetch_profiles())
    assert sum(len(b) for b in batches) == 6
    with django_assert_max_num_queries(2 + 9 * 3):  # the taxonomy, the batches, nine each
        batches = list(fetch_profiles(batch_size=2))
    assert [len(b) for b in batches] == [2, 2, 2]


@pytest.mark.django_db
def test_fetch_assignment_needs(world):
    required, desired = helpers.skills(2)
    made = helpers.assignment(
        host=world.own_org,
        required=[required],
        desired=[desired],
        languages=[LanguageNeed("fr", "B2"), LanguageNeed("es", "A2", is_required=False)],
        country="UG",
    )
    needs = fetch_assignment(made.pk)
    assert needs.category is Category.INTERNATIONAL_SPECIALIST and needs.country == "UG"
    assert needs.period.start == made.start_date and needs.period.end == made.end_date
    assert [s.skill_id for s in needs.required_skills] == [str(required.pk)]
    assert needs.required_skills[0].group_id == str(required.root_id)
    assert needs.required_skills[0].label == required.title
    assert [s.skill_id for s in needs.desired_skills] == [str(desired.pk)]
    assert [(n.code, n.min_level, n.required) for n in needs.languages] == [
        ("es", CEFRLevel.A2, False),
        ("fr", CEFRLevel.B2, True),
    ]
    assert needs.title == made.title and "Coordinate the programme." in needs.description


def test_gender_and_experience_helpers():
    assert gender_of("") is None and gender_of(" Female ") is Gender.FEMALE
    assert gender_of("man") is Gender.MALE and gender_of("non-binary") is Gender.OTHER
    today = date(2026, 1, 1)
    assert experience_years([], today) == 0
    assert experience_years([(date(2020, 1, 1), None)], today) == 6.0


@pytest.mark.django_db
def test_a_skill_asked_for_lists_every_skill_below_it():
    """ESCO's hierarchy: a need for "working with computers" is shown by any skill under it."""
    from volex.matching.fetch import SkillTaxonomy
    from volex.reference.models import Skill

    computers = Skill.objects.get(code="S5")  # working with computers
    need = SkillTaxonomy().need(computers.pk, "basic")
    parents = dict(Skill.objects.values_list("pk", "parent_id"))

    def ancestors(pk):
        while parents.get(pk) is not None:
            pk = parents[pk]
            yield pk

    below = {str(pk) for pk in parents if computers.pk in set(ancestors(pk))}
    assert need.narrower == below
    data = Skill.objects.get(code="S5.5")  # accessing and analysing digital data
    assert need.is_shown_by(str(data.pk)) and need.is_shown_by(str(computers.pk))
    leaf = next(pk for pk in parents if pk not in set(parents.values()))
    assert SkillTaxonomy().need(leaf, "basic").narrower == frozenset()


@pytest.mark.django_db
def test_the_periods_a_volunteer_is_committed_to(world):
    """In service: to the planned end; an offer accepted, not started: the assignment's dates;
    the batch path and the ORM reference agree."""
    from datetime import timedelta

    from volex.deployments.tests.factories import deploy, ready
    from volex.matching.fetch import Period

    staff = world.users["supervisor_own"]
    serving, accepted, free = (helpers.volunteer(headline=h) for h in ("a", "b", "c"))
    first = helpers.assignment(host=world.own_org, required=helpers.skills(1), country="UG")
    second = helpers.assignment(host=world.own_org, required=helpers.skills(1), country="UG")
    deployment = deploy(serving, first, staff, days_ago=10)
    ready(accepted, second, staff)
    records = fetch_profile_records([serving.pk, accepted.pk, free.pk])
    assert records[serving.pk].facts.deployed == (
        Period(deployment.start_date, deployment.planned_end_date),
    )
    assert deployment.start_date == date.today() - timedelta(days=10)
    assert records[accepted.pk].facts.deployed == (Period(second.start_date, second.end_date),)
    assert records[free.pk].facts.deployed == ()
    for volunteer in (serving, accepted, free):
        expected = profile_facts_from_orm(volunteer_get(pk=volunteer.pk))
        assert records[volunteer.pk].facts.deployed == expected.deployed


@pytest.mark.django_db
def test_a_volunteer_committed_twice_has_both_periods_in_order(world):
    """In service on one assignment and an offer accepted on a later one: both periods, the
    earlier first (periods have no order of their own: sorting them used to raise)."""
    from datetime import timedelta

    from volex.deployments.tests.factories import deploy, ready
    from volex.matching.fetch import Period

    staff = world.users["supervisor_own"]
    busy = helpers.volunteer(headline="busy")
    now = helpers.assignment(host=world.own_org, required=helpers.skills(1), country="UG")
    later = helpers.assignment(
        host=world.own_org,
        required=helpers.skills(1),
        country="UG",
        start_date=date.today() + timedelta(days=400),
    )
    deployment = deploy(busy, now, staff, days_ago=10)
    ready(busy, later, staff)
    assert fetch_profile_records([busy.pk])[busy.pk].facts.deployed == (
        Period(deployment.start_date, deployment.planned_end_date),
        Period(later.start_date, later.end_date),
    )


def test_selection_and_deployments_register_their_commitment_sources():
    """Matching reads committed periods from the apps above it through their registered
    sources (it imports neither); each app registers once, however often `ready()` runs."""
    from django.apps import apps

    from volex.deployments.selectors import deployment_periods_in_service
    from volex.matching.commitments import commitment_sources
    from volex.selection.selectors import accepted_offer_periods

    apps.get_app_config("selection").ready()
    apps.get_app_config("deployments").ready()
    assert sorted(commitment_sources(), key=lambda f: f.__name__) == [
        accepted_offer_periods,
        deployment_periods_in_service,
    ]
