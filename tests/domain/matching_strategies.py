"""Hypothesis strategies for random pools of profiles and assignments (shared by the tests)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from volex.domain.categories import Category
from volex.domain.cefr import CEFRLevel
from volex.domain.matching.types import (
    AssignmentNeeds,
    Gender,
    LanguageNeed,
    Period,
    ProfileFacts,
    SkillFact,
    SkillNeed,
)

COUNTRIES = ("KE", "SN", "FR", "PE", "NP")
LANGUAGES = ("en", "fr", "es", "sw")
SKILLS = tuple(f"s{i}" for i in range(8))
GROUP_OF = {s: f"g{i // 3}" for i, s in enumerate(SKILLS)}  # s0-s2 in g0, s3-s5 in g1...

days = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))
country_sets = st.frozensets(st.sampled_from(COUNTRIES), max_size=2)


@st.composite
def periods(draw: st.DrawFn, max_days: int = 900) -> Period:
    start = draw(days)
    return Period(start, start + timedelta(days=draw(st.integers(0, max_days))))


skill_facts = st.builds(
    lambda s, level, years: SkillFact(s, GROUP_OF[s], level, years, label=f"skill {s}"),
    st.sampled_from(SKILLS),
    st.integers(1, 4),
    st.floats(0, 30, allow_nan=False),
)


@st.composite
def profiles(draw: st.DrawFn, profile_id: str = "p") -> ProfileFacts:
    skills = draw(st.lists(skill_facts, max_size=4, unique_by=lambda s: s.skill_id))
    return ProfileFacts(
        profile_id=profile_id,
        birth_date=draw(
            st.none() | st.dates(min_value=date(1940, 1, 1), max_value=date(2012, 12, 31))
        ),
        gender=draw(st.none() | st.sampled_from(list(Gender))),
        nationalities=draw(country_sets),
        heritage_countries=draw(country_sets),
        residence_country=draw(st.none() | st.sampled_from(COUNTRIES)),
        languages=draw(
            st.dictionaries(st.sampled_from(LANGUAGES), st.sampled_from(list(CEFRLevel)))
        ),
        skills=tuple(skills),
        experience_years=draw(st.floats(0, 40, allow_nan=False, width=32)),
        available=draw(st.none() | periods()),
        deployed=tuple(draw(st.lists(periods(max_days=300), max_size=2))),
        consent_to_match=draw(st.booleans()),
    )


@st.composite
def pools(draw: st.DrawFn, min_size: int = 0, max_size: int = 25) -> list[ProfileFacts]:
    n = draw(st.integers(min_size, max_size))
    return [draw(profiles(profile_id=f"p{i}")) for i in range(n)]


GROUPS = tuple(sorted(set(GROUP_OF.values())))
skill_needs = st.builds(
    lambda s, level, label: SkillNeed(s, GROUP_OF[s], level, label=label),
    st.sampled_from(SKILLS),
    st.integers(1, 4),
    st.sampled_from(["", "Data analysis", "Nursing"]),
) | st.builds(  # a whole group asked for: any of its skills shows it
    lambda g, level: SkillNeed(
        g,
        "root",
        level,
        label=f"group {g}",
        narrower=frozenset(s for s in SKILLS if GROUP_OF[s] == g),
    ),
    st.sampled_from(GROUPS),
    st.integers(1, 4),
)


@st.composite
def assignments(draw: st.DrawFn) -> AssignmentNeeds:
    return AssignmentNeeds(
        assignment_id="a",
        category=draw(st.sampled_from(list(Category))),
        country=draw(st.none() | st.sampled_from(COUNTRIES)),
        period=draw(periods()),
        positions=draw(st.integers(1, 5)),
        title=draw(st.sampled_from(["", "Health officer"])),
        required_skills=tuple(
            draw(st.lists(skill_needs, max_size=3, unique_by=lambda s: s.skill_id))
        ),
        desired_skills=tuple(
            draw(st.lists(skill_needs, max_size=2, unique_by=lambda s: s.skill_id))
        ),
        languages=tuple(
            draw(
                st.lists(
                    st.builds(
                        LanguageNeed,
                        st.sampled_from(LANGUAGES),
                        st.sampled_from(list(CEFRLevel)),
                        st.booleans(),
                    ),
                    max_size=2,
                    unique_by=lambda n: n.code,
                )
            )
        ),
        min_experience_years=draw(st.sampled_from([0.0, 2.0, 10.0])),
    )
