from collections import Counter
from datetime import UTC, date, datetime

import pytest
from django.contrib.auth import get_user_model

from volex.assignments.models import Assignment, AssignmentLanguage, AssignmentSkill
from volex.assignments.rules import assignment_service
from volex.domain.eligibility import check_service
from volex.seeding import seed
from volex.seeding.reference import load_reference
from volex.volunteers.models import Volunteer, VolunteerLanguage, VolunteerSkill

TODAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def run(volunteers=300, assignments=60, **kwargs):
    kwargs.setdefault("batch_size", 128)
    return seed(volunteers, assignments, progress=False, today=TODAY, now=NOW, **kwargs)


@pytest.mark.django_db
def test_counts_are_right():
    report = run()
    assert report.volunteers == 300 and report.assignments == 60
    assert Volunteer.objects.count() == 300
    assert get_user_model().objects.count() == 300
    assert Assignment.objects.count() == 60
    assert report.rows["volunteers_volunteerskill"] == VolunteerSkill.objects.count() > 300 * 3
    assert VolunteerLanguage.objects.count() >= 300
    assert Volunteer.nationalities.through.objects.count() >= 300
    assert not get_user_model().objects.first().has_usable_password()


@pytest.mark.django_db
def test_every_assignment_passes_the_category_rules():
    run(volunteers=0, assignments=200)
    assignments = Assignment.objects.select_related("duty_station")
    assert all(check_service(assignment_service(a)) == [] for a in assignments)
    published = assignments.filter(state="published")
    assert published.count() > 100 and not published.filter(published_at__isnull=True).exists()
    assert set(assignments.values_list("positions", flat=True)) >= {1, 700, 2000}
    assert AssignmentSkill.objects.filter(is_required=True).count() >= 200 * 2
    assert AssignmentLanguage.objects.count() >= 200
    assert Assignment.sdg_goals.through.objects.count() >= 200


@pytest.mark.django_db
def test_names_and_languages_fit_the_nationality():
    run(volunteers=600, assignments=0)
    kenyans = Volunteer.objects.filter(nationalities="KE").prefetch_related("languages")
    assert kenyans.count() > 10
    for volunteer in kenyans:
        spoken = {vl.language_id for vl in volunteer.languages.all()}
        assert spoken & {"sw", "en"}, spoken
    french = Volunteer.objects.filter(nationalities="FR", heritage_countries__isnull=True)
    assert all(
        v.languages.filter(language_id="fr", level__in=["native", "C2"]).exists() for v in french
    )
    assert all(v.languages.filter(level="native").count() <= 1 for v in Volunteer.objects.all())
    # one native language each, drawn from the country's languages
    natives = Counter(VolunteerLanguage.objects.filter(level="native").values_list(
        "language_id", flat=True))  # fmt: skip
    assert natives["sw"] > 0 and natives["fr"] > 0


@pytest.mark.django_db
def test_skills_relate_to_the_occupation():
    run(volunteers=300, assignments=0)
    ref = load_reference()
    mapped = {o.id: set(ref.skill_map.skills[i].tolist()) for i, o in enumerate(ref.occupations)}
    transversal = set(ref.skill_map.transversal.tolist())
    for volunteer in Volunteer.objects.prefetch_related("skills"):
        skills = {s.skill_id for s in volunteer.skills.all()}
        assert skills - transversal, "at least one occupational skill"
        assert skills - transversal <= mapped[volunteer.occupation_id]
    nurse = next(
        i for i, o in enumerate(ref.occupations) if o.title == "nurse responsible for general care"
    )
    titles = " ".join(ref.skill_titles[s] for s in ref.skill_map.skills[nurse] if s >= 0)
    assert "nursing" in titles or "care" in titles
    assert "nursing" in ref.skill_map.fields[nurse][0]


@pytest.mark.django_db
def test_seeding_twice_adds_without_collisions():
    run(volunteers=150, assignments=30)
    run(volunteers=150, assignments=30)  # same seed: same names, new ids and e-mails
    assert Volunteer.objects.count() == 300
    emails = list(get_user_model().objects.values_list("email", flat=True))
    assert len(set(emails)) == 300
    assert Assignment.objects.count() == 60


@pytest.mark.django_db
def test_same_seed_same_data():
    """Runs with the same seed write the same people and assignments (only ids differ)."""

    def seeded(rng_seed):
        user_after = get_user_model().objects.order_by("-id").values_list("id", flat=True).first()
        job_after = Assignment.objects.order_by("-id").values_list("id", flat=True).first()
        run(volunteers=120, assignments=25, rng_seed=rng_seed)
        users = get_user_model().objects.filter(id__gt=user_after or 0).order_by("id")
        people = [(u.first_name, u.last_name, u.volunteer.birth_date, u.volunteer.gender,
                   tuple(sorted(u.volunteer.nationalities.values_list("code", flat=True))),
                   tuple(sorted(u.volunteer.skills.values_list("skill_id", flat=True))))
                  for u in users.select_related("volunteer")]  # fmt: skip
        jobs = list(Assignment.objects.filter(id__gt=job_after or 0).order_by("id").values_list(
            "title", "category", "start_date", "end_date", "positions", "host_id"))  # fmt: skip
        return people, jobs

    first = seeded(7)
    assert len(first[0]) == 120 and len(first[1]) == 25
    assert seeded(7) == first
    assert seeded(8) != first


@pytest.mark.django_db
def test_seed_command_prints_counts_and_rate(capsys):
    from django.core.management import call_command

    call_command("seed", volunteers=50, assignments=5, no_progress=True)
    out = capsys.readouterr().out
    assert "Volunteers: 50" in out and "volunteers/s" in out
