"""The parsing and cleaning of the packaged reference data (no database, no Django settings)."""

from __future__ import annotations

import ast
import csv
import random
from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

import pycountry
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from volex.reference import sources
from volex.reference.sources import (
    CORRECTIONS,
    COUNTRY_BOUNDS,
    HEADQUARTERS_COUNTRY,
    RawPeaceOperation,
    RawSkillGroup,
)


@pytest.fixture(scope="module")
def raw_operations() -> dict[str, RawPeaceOperation]:
    return {" ".join(raw.acronym.split()): raw for raw in sources.read_raw_peace_operations()}


@pytest.fixture(scope="module")
def operations() -> dict[str, sources.PeaceOperationRecord]:
    return {record.acronym: record for record in sources.read_peace_operations()}


def raw(**overrides: str) -> RawPeaceOperation:
    values = {
        "acronym": "TEST",
        "name": "United Nations Test Mission",
        "lead_department": "DPO",
        "is_active": "No",
        "start_date": "2000-01-01",
        "end_date": "2001-01-01",
        "headquarters": "",
        "longitude": "",
        "latitude": "",
    }
    values.update(overrides)
    return RawPeaceOperation(**values)


# ---------------------------------------------------------------------------------------------
# Peace operations: one test (at least) per known flaw of the extract
# ---------------------------------------------------------------------------------------------


def test_every_row_of_the_file_is_read_once(operations, raw_operations):
    with sources.PEACE_OPERATIONS_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(operations) == len(rows) == len(raw_operations)
    assert set(operations) == {row["mission_acronym"].strip() for row in rows}


def test_decimal_commas_in_coordinates_are_read_as_decimals(raw_operations, operations):
    assert "," in raw_operations["UNPSG"].latitude  # the flaw is in the file...
    assert operations["UNPSG"].latitude == Decimal("45.8167")  # ...and read correctly
    assert operations["UNPSG"].longitude == Decimal("15.9833")
    assert sources.parse_decimal("-13,2344") == Decimal("-13.2344")
    assert sources.parse_decimal(" 2.5 ") == Decimal("2.5")
    assert sources.parse_decimal("") is None
    for record in operations.values():
        for value in (record.latitude, record.longitude):
            assert value is None or isinstance(value, Decimal)


@pytest.mark.parametrize("value", ["1,234.5", "abc", "nan", "1,2,3"])
def test_ambiguous_or_invalid_numbers_are_rejected(value):
    with pytest.raises(ValueError):
        sources.parse_decimal(value)


def test_swapped_coordinates_are_put_back(raw_operations, operations):
    # Rows sharing a headquarters must end up on the same point, whichever way round the file
    # wrote them; the file itself disagrees for Mogadishu, Gaza and Luanda.
    points = defaultdict(set)
    raw_points = defaultdict(set)
    for acronym, record in operations.items():
        if record.latitude is not None:
            points[record.headquarters].add((record.latitude, record.longitude))
            raw_points[record.headquarters].add(
                (raw_operations[acronym].latitude, raw_operations[acronym].longitude)
            )
    for city in ("Mogadishu", "Gaza", "Luanda"):
        assert len(raw_points[city]) == 2, city  # the flaw is there...
    assert {city: len(found) for city, found in points.items() if len(found) != 1} == {}
    # ...and the right way round (Mogadishu is north of the equator, Luanda south of it).
    assert points["Mogadishu"] == {(Decimal("2.0333"), Decimal("45.35"))}
    assert points["Luanda"] == {(Decimal("-8.8383"), Decimal("13.2344"))}
    assert points["Gaza"] == {(Decimal("31.5"), Decimal("34.4667"))}
    for acronym in ("UNOSOM I", "UNOSOM II", "UNEF", "UNAVEM I", "UNAVEM II", "MINUSMA"):
        assert "latitude and longitude swapped back" in operations[acronym].fixes, acronym
    for acronym in ("UNOSOM", "UNEF I", "MONUA", "UNAVEM"):
        assert "latitude and longitude swapped back" not in operations[acronym].fixes, acronym


def test_every_located_operation_lies_in_its_country(operations):
    located = [r for r in operations.values() if r.latitude is not None and r.country_code]
    assert len(located) > 60
    outside = [
        r.acronym for r in located if not sources.in_bounds(r.latitude, r.longitude, r.country_code)
    ]
    assert outside == []


def test_a_latitude_beyond_90_is_swapped_even_without_a_country():
    record = sources.clean_peace_operation(
        raw(headquarters="Nowhere", longitude="12,5", latitude="104,9")
    )
    assert (record.latitude, record.longitude) == (Decimal("12.5"), Decimal("104.9"))
    assert record.country_code is None


def test_a_point_outside_its_country_is_swapped_only_when_the_swap_fits():
    fixed = sources.fix_coordinates(Decimal("45.35"), Decimal("2.0333"), "SO")
    assert fixed == (Decimal("2.0333"), Decimal("45.35"), True)
    # Neither way round fits: kept as published rather than guessed.
    kept = sources.fix_coordinates(Decimal("10"), Decimal("10"), "SO")
    assert kept == (Decimal("10"), Decimal("10"), False)


def test_half_a_coordinate_pair_is_dropped():
    record = sources.clean_peace_operation(raw(headquarters="Zagreb", longitude="15,98"))
    assert record.latitude is None and record.longitude is None


def test_active_flags_are_read_case_insensitively(raw_operations, operations):
    assert raw_operations["MINUSTAH"].is_active == "NO"
    assert operations["MINUSTAH"].is_active is False
    assert operations["UNIFIL"].is_active is True
    for value, expected in [("Yes", True), ("YES", True), (" no ", False), ("No", False)]:
        assert sources.parse_bool(value) is expected
    with pytest.raises(ValueError):
        sources.parse_bool("maybe")


def test_missing_dates_are_none(raw_operations, operations):
    assert raw_operations["UNOHCI"].start_date == raw_operations["UNOHCI"].end_date == ""
    assert operations["UNOHCI"].start_date is None
    assert operations["UNOHCI"].end_date is None
    assert operations["UNSCOB"].start_date is None
    assert operations["UNSCOB"].end_date == date(1951, 7, 12)
    assert operations["UNFICYP"].end_date is None  # still running
    assert sources.parse_date("  ") is None


def test_dates_are_ordered(operations):
    assert [
        r.acronym
        for r in operations.values()
        if r.start_date and r.end_date and r.end_date < r.start_date
    ] == []


def test_the_truncated_name_is_restored(raw_operations, operations):
    assert sources.looks_truncated(sources.clean_name(raw_operations["DOMREP"].name))
    assert operations["DOMREP"].name == (
        "Mission of the Representative of the Secretary-General in the Dominican Republic"
    )
    assert [r.acronym for r in operations.values() if sources.looks_truncated(r.name)] == []
    assert [r.acronym for r in operations.values() if r.name[:1] in "\"'"] == []


def test_minusma_is_closed(raw_operations, operations):
    assert sources.parse_bool(raw_operations["MINUSMA"].is_active) is True  # as published
    assert operations["MINUSMA"].is_active is False
    assert operations["MINUSMA"].end_date == date(2023, 12, 31)
    assert any("2690" in fix for fix in operations["MINUSMA"].fixes)


def test_corrections_are_applied_only_to_their_acronym():
    assert set(CORRECTIONS) == {"DOMREP", "MINUSMA"}
    other = sources.clean_peace_operation(raw(acronym="UNTEST", is_active="Yes", end_date=""))
    assert other.is_active is True and other.end_date is None
    custom = {"UNTEST": sources.Correction(reason="test", is_active=False)}
    fixed = sources.clean_peace_operation(
        raw(acronym="UNTEST", is_active="Yes", end_date=""), custom
    )
    assert fixed.is_active is False and fixed.end_date is None


def test_every_headquarters_in_the_file_is_in_the_city_table(raw_operations, operations):
    cities = {" ".join(r.headquarters.split()) for r in raw_operations.values()} - {""}
    assert sorted(cities - set(HEADQUARTERS_COUNTRY)) == []
    assert [r.fixes for r in operations.values() if any("city table" in f for f in r.fixes)] == []


def test_headquarters_map_to_real_countries_with_bounds():
    codes = {code for code in HEADQUARTERS_COUNTRY.values() if code}
    assert codes <= {country.alpha_2 for country in pycountry.countries}
    assert codes <= set(COUNTRY_BOUNDS)


def test_headquarters_cities_give_the_country(operations):
    assert operations["UNPSG"].country_code == "HR"
    assert operations["MINUSMA"].country_code == "ML"
    assert operations["UNMOGIP"].country_code is None  # alternates between two countries
    assert operations["UNYOM"].headquarters == "" and operations["UNYOM"].country_code is None
    assert sources.country_for_headquarters("  zagreb ") == "HR"
    assert sources.country_for_headquarters("Atlantis") is None
    unknown = sources.clean_peace_operation(raw(headquarters="Atlantis"))
    assert unknown.country_code is None and unknown.fixes


def test_headquarters_whitespace_is_trimmed(raw_operations, operations):
    assert raw_operations["UNMOGIP"].headquarters.endswith(" ")
    assert operations["UNMOGIP"].headquarters == "Islamabad (Nov-Apr) and Srinagar (May-Oct)"


# ---------------------------------------------------------------------------------------------
# SDGs
# ---------------------------------------------------------------------------------------------


def test_sdg_counts_and_languages():
    goals, targets = sources.read_sdg()
    assert [goal.number for goal in goals] == list(range(1, 18))
    assert len(targets) == 169
    assert len({target.code for target in targets}) == 169
    present = {lang for lang in sources.SDG_LANGUAGES if (sources.SDG_DIR / lang).is_dir()}
    assert present == {"en", "fr", "es", "ar", "ru", "zh-Hans"}
    for goal in goals:
        assert set(goal.translations) == set(sources.SDG_TRANSLATED_LANGUAGES)
        assert all(entry["title"] and entry["short"] for entry in goal.translations.values())
    for target in targets:
        assert set(target.translations) == set(sources.SDG_TRANSLATED_LANGUAGES), target.code


def test_sdg_texts_match_the_yaml():
    english = yaml.safe_load((sources.SDG_DIR / "en" / "global_goals.yml").read_text("utf-8"))
    french = yaml.safe_load((sources.SDG_DIR / "fr" / "global_targets.yml").read_text("utf-8"))
    goals, targets = sources.read_sdg()
    goal = goals[3]
    assert goal.short_title == english["4-short"]
    target = next(t for t in targets if t.code == "4.a")
    assert target.translations["fr"] == french["4-a-title"].strip()


def test_targets_sort_numbers_before_letters_and_naturally():
    _goals, targets = sources.read_sdg()
    goal_17 = [t.code for t in targets if t.goal == 17]
    assert goal_17[:3] == ["17.1", "17.2", "17.3"]
    assert goal_17[-1] == "17.19"
    goal_1 = [t.code for t in targets if t.goal == 1]
    assert goal_1 == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.a", "1.b"]
    assert sources.target_sort_key("10") > sources.target_sort_key("9")
    assert sources.target_sort_key("a") > sources.target_sort_key("19")
    assert sources.target_sort_key("b") == sources.target_sort_key("a") + 1
    with pytest.raises(ValueError):
        sources.target_sort_key("ab")


# ---------------------------------------------------------------------------------------------
# ISCO-08 and ESCO
# ---------------------------------------------------------------------------------------------


def test_isco_levels_and_parents():
    groups = sources.read_isco_groups()
    assert Counter(group.level for group in groups) == {1: 10, 2: 43, 3: 130, 4: 436}
    by_code = {group.code: group for group in groups}
    assert by_code["0"].title == "Armed forces occupations"
    assert by_code["2654"].parent_code == "265"
    for group in groups:
        assert group.level == len(group.code)
        if group.level == 1:
            assert group.parent_code is None
        else:
            assert group.parent_code == group.code[:-1]
            assert by_code[group.parent_code].level == group.level - 1
    # parents come before children, so they can be inserted in this order
    seen: set[str] = set()
    for group in groups:
        assert group.parent_code is None or group.parent_code in seen
        seen.add(group.code)


def test_every_occupation_links_to_an_existing_unit_group():
    unit_groups = {g.code for g in sources.read_isco_groups() if g.level == 4}
    occupations = sources.read_occupations()
    assert len(occupations) == 3007
    assert [o.esco_code for o in occupations if o.isco_code not in unit_groups] == []
    assert len({o.uri for o in occupations}) == len({o.esco_code for o in occupations}) == 3007
    assert all(o.esco_code.startswith(o.isco_code) for o in occupations)


def test_occupation_labels():
    occupation = next(o for o in sources.read_occupations() if o.esco_code == "2654.1.7")
    assert occupation.title == "technical director"
    assert "head of technical" in occupation.alt_labels
    assert occupation.title not in occupation.alt_labels
    assert occupation.description.startswith("Technical directors")
    assert sources.split_labels("a\n\n b \nA\nc", exclude="c") == ("a", "b")


def test_skill_hierarchy_is_a_tree_with_four_roots():
    skills = sources.read_skill_groups()
    groups, _links = sources.read_raw_skill_groups()
    assert len(skills) == len(groups) == 640
    by_uri = {skill.uri: skill for skill in skills}
    assert len(by_uri) == len(skills)
    roots = [skill for skill in skills if skill.level == 1]
    assert sorted(skill.code for skill in roots) == ["K", "L", "S", "T"]
    for skill in skills:
        # walking up terminates (no cycle) after exactly level - 1 steps, at the root
        node, steps = skill, 0
        while node.parent_uri is not None:
            node = by_uri[node.parent_uri]
            steps += 1
            assert steps < len(skills)
        assert steps == skill.level - 1
        assert node.uri == skill.root_uri
    assert [s.uri for s in skills if s.parent_uri and by_uri[s.parent_uri].level >= s.level] == []


def test_skill_codes_sit_under_their_prefix():
    by_uri = {skill.uri: skill for skill in sources.read_skill_groups()}
    for skill in by_uri.values():
        if skill.code and skill.parent_uri and by_uri[skill.parent_uri].code:
            assert sources.code_is_under(skill.code, by_uri[skill.parent_uri].code), skill.code


@pytest.mark.parametrize(
    ("child", "parent", "expected"),
    [
        ("S1", "S", True),
        ("S1.2", "S1", True),
        ("S1.2.3", "S1.2", True),
        ("S10", "S1", False),
        ("S1.2", "S", True),  # an ancestor, not only the parent
        ("S1", "S1", False),
        ("S1", "", False),
        ("", "S", False),
    ],
)
def test_code_is_under(child, parent, expected):
    assert sources.code_is_under(child, parent) is expected


def _group(id_: str, code: str) -> RawSkillGroup:
    return RawSkillGroup(id_, f"http://example.org/{id_}", code, id_, (), "")


GROUPS = [
    _group("s", "S"),
    _group("s1", "S1"),
    _group("s2", "S2"),
    _group("s21", "S2.1"),
    _group("t", "T"),
    _group("x", ""),
]
# s21 ("S2.1") is listed under S1, S2 and T: its code says S2, although S1 sorts first.
LINKS = [("s", "s1"), ("s", "s2"), ("s1", "s21"), ("s2", "s21"), ("t", "s21"), ("t", "x")]


def tree_by_id(groups, links) -> dict[str, sources.SkillGroupRecord]:
    return {r.uri.rsplit("/", 1)[1]: r for r in sources.build_skill_tree(groups, links)}


def test_a_group_with_several_parents_gets_the_one_its_code_implies():
    tree = tree_by_id(GROUPS, LINKS)
    assert tree["s21"].parent_uri.endswith("/s2")
    assert tree["s21"].level == 3
    assert tree["s21"].root_uri.endswith("/s")
    assert tree["x"].parent_uri.endswith("/t") and tree["x"].level == 2


@given(st.randoms(use_true_random=False))
def test_the_primary_parent_does_not_depend_on_row_order(rng: random.Random):
    groups, links = GROUPS[:], LINKS[:]
    rng.shuffle(groups)
    rng.shuffle(links)
    shuffled = {r.uri: r for r in sources.build_skill_tree(groups, links)}
    reference = {r.uri: r for r in sources.build_skill_tree(GROUPS, LINKS)}
    assert shuffled == reference


def test_without_a_code_prefix_the_smallest_coded_parent_wins():
    groups = [_group("b", "B"), _group("a", "A"), _group("n", ""), _group("c", "")]
    tree = tree_by_id(groups, [("n", "c"), ("b", "c"), ("a", "c")])
    assert tree["c"].parent_uri.endswith("/a")


def test_a_cycle_is_an_error():
    groups = [_group("a", "A"), _group("b", "B"), _group("c", "C")]
    with pytest.raises(ValueError, match="cycle"):
        sources.build_skill_tree(groups, [("a", "b"), ("b", "c"), ("c", "a")])


def test_the_packaged_data_stays_small():
    total = sum(path.stat().st_size for path in sources.DATA_DIR.rglob("*") if path.is_file())
    assert total < 3 * 1024 * 1024
    assert (sources.DATA_DIR / "ATTRIBUTION.md").is_file()
    assert (sources.DATA_DIR / "sdg" / "LICENSE").read_text().startswith("MIT License")


def test_sources_modules_do_not_import_django():
    """Neither Django nor another Volex module: each module imports only the standard library,
    pycountry, yaml and its sibling modules."""
    modules = sorted(Path(sources.__file__).parent.glob("*.py"))
    assert {path.stem for path in modules} >= {"iso", "sdg", "esco", "peace_operations"}
    for path in modules:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                imported = [node.module or ""] if node.level == 0 else []
                assert node.level <= 1, f"{path.name} imports from outside the package"
            else:
                continue
            for name in imported:
                assert name.split(".")[0] not in {"django", "volex"}, f"{path.name}: {name}"


# ---------------------------------------------------------------------------------------------
# Countries and languages
# ---------------------------------------------------------------------------------------------


def test_countries_use_common_names():
    countries = {c.code: c for c in sources.read_countries()}
    assert len(countries) == len(pycountry.countries)
    assert countries["BO"].name == "Bolivia"
    assert countries["FR"].name == "France"
    assert countries["FR"].alpha3 == "FRA" and countries["FR"].numeric == "250"


def test_languages_are_living_individual_ones_plus_iso_639_1():
    languages = {lang.code: lang for lang in sources.read_languages()}
    assert languages["fr"].alpha3 == "fra" and languages["fr"].is_common
    assert languages["ar"].is_common  # a macrolanguage, kept for its ISO 639-1 code
    assert languages["la"].is_common  # historical, kept for its ISO 639-1 code
    assert "apc" in languages and not languages["apc"].is_common  # Levantine Arabic
    assert "ang" not in languages  # Old English: historical, no ISO 639-1 code
    assert all(len(code) == (2 if lang.is_common else 3) for code, lang in languages.items())
    assert len({lang.alpha3 for lang in languages.values()}) == len(languages)
