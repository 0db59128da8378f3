"""Descriptions of assignment at real duty stations, hosted by organizations that work there."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import numpy as np

from volex.domain.categories import SCOPE, Category, Scope
from volex.domain.dates import add_months
from volex.domain.eligibility import Service, check_service

from .organizations import Host
from .reference import Reference
from .sectors import SECTOR_GOALS, SECTOR_GROUPS, SECTOR_PURPOSE
from .skills import draw_top_k
from .texts import (
    CONTEXT,
    ONLINE_CONTEXT,
    QUALIFICATIONS,
    RESULTS,
    TITLE_PATTERNS,
    capitalized,
    common_name,
)
from .volunteers import Batch

# category -> weight, by kind of host
UN_CATEGORIES = {
    "international_specialist": 34, "international_expert": 5, "international_youth": 10,
    "international_university": 4, "national_specialist": 18, "national_youth": 5,
    "community": 5, "diaspora": 5, "refugee": 2, "online": 12,
}  # fmt: skip
NATIONAL_CATEGORIES = {
    "national_specialist": 35, "national_expert": 5, "national_youth": 25,
    "national_university": 10, "community": 15, "online": 10,
}  # fmt: skip
NGO_CATEGORIES = {
    "international_specialist": 20, "international_youth": 10, "national_specialist": 25,
    "national_youth": 10, "community": 15, "diaspora": 5, "online": 15,
}  # fmt: skip
MISSION_SECTORS = ("peacebuilding", "governance", "protection", "administration", "logistics",
                   "ict", "health", "gender", "emergency")  # fmt: skip
MONTHS = np.array([0, 2, 3, 6, 6, 9, 12, 12, 12, 18, 24])  # 0: six weeks exactly
STATES = np.array(["published", "draft", "closed", "filled", "cancelled"], dtype=object)
STATE_P = (0.82, 0.08, 0.04, 0.04, 0.02)
MIN_YEARS = {"expert": 10, "specialist": 3, "youth": 0, "university": 0}
# (country, place, positions, title): the surges the domain brief cites
SURGES = (
    ("KH", "Phnom Penh", 700, "District electoral supervisor – elections support"),
    ("TL", "Dili", 2000, "Electoral support volunteer – popular consultation"),
)


@dataclass(frozen=True)
class Station:
    id: int
    country: str
    place: str
    hardship: str
    family: bool
    peace_operation: int | None


def _weights(table: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    values = np.array(list(table.values()), dtype=np.float64)
    return np.array(list(table), dtype=object), values / values.sum()


class AssignmentFactory:
    def __init__(
        self, ref: Reference, stations: list[Station], hosts: list[Host], *, seed: int,
        today: date, now: datetime, timestamps, surges: bool = True,
    ) -> None:  # fmt: skip
        self.ref, self.stations, self.hosts = ref, stations, hosts
        self.seed, self.today, self.timestamps = seed, today, timestamps
        self.now = np.datetime64(now.astimezone(UTC).replace(tzinfo=None), "s")
        self.category_tables = {
            kind: _weights(table)
            for kind, table in (("un", UN_CATEGORIES), ("national", NATIONAL_CATEGORIES),
                                ("ngo", NGO_CATEGORIES))
        }  # fmt: skip
        self.surges = surges
        self.hosts_at = {s.id: self._hosts_for(s) for s in stations}
        self.global_hosts = [h for h in hosts if h.kind in ("un_entity", "ngo")] or hosts
        sectors = list(SECTOR_PURPOSE)
        self.sectors = np.array(sectors, dtype=object)
        majors = ref.occupation_major
        self.by_sector = {
            sector: np.array(
                [i for i, s in enumerate(ref.occupation_sectors) if s == sector and majors[i] <= 3]
                or [i for i, s in enumerate(ref.occupation_sectors) if s == sector]
                or [0]
            )
            for sector in sectors
        }

    def _hosts_for(self, station: Station) -> list[Host]:
        mission = [h for h in self.hosts if h.peace_operation and
                   h.peace_operation == station.peace_operation]  # fmt: skip
        local = [h for h in self.hosts if h.country == station.country and h not in mission]
        return mission + local

    def _category_table(self, host: Host) -> str:
        if host.kind in ("un_entity", "peace_operation"):
            return "un"
        return "ngo" if host.kind == "ngo" else "national"

    def batch(self, index: int, ids: list[int], first: int) -> Batch:
        """Rows for assignments number first .. first+len(ids)-1 of the run."""
        ref, size = self.ref, len(ids)
        rng = np.random.default_rng([self.seed, 2, index])
        station_pick, host_pick, occ_pick, title_pick = rng.integers(0, 1 << 30, (4, size))
        local_host = rng.random(size) < 0.7
        category_draw = rng.random(size)
        sector_draw = rng.integers(0, 1 << 30, size)
        start = rng.integers(14, 240, size)
        months = rng.choice(MONTHS, size)
        positions = np.where(rng.random(size) < 0.08, rng.integers(2, 6, size), 1)
        surge = rng.random(size) < 0.001
        states = rng.choice(STATES, size, p=STATE_P)
        published = self.timestamps(
            self.now - rng.integers(3600, 60 * 86400, size).astype("timedelta64[s]")
        )
        deadline_gap = rng.integers(10, 30, size)
        n_required = rng.integers(2, 5, size)
        goal_draw, target_draw, group_draw = rng.random((3, size, 3))
        level_draw = rng.random(size)
        now = self.timestamps(np.array([self.now]))[0]

        out = Batch()
        rows, goals, targets = (
            out.add("assignment"),
            out.add("assignment_goal"),
            out.add("assignment_target"),
        )
        skills, languages = out.add("assignment_skill"), out.add("assignment_language")
        for i in range(size):
            aid, number = ids[i], first + i
            station = self.stations[station_pick[i] % len(self.stations)]
            title_override = None
            if self.surges and number < len(SURGES):
                found = self._surge_station(number)
                if found is not None:
                    station, positions[i], title_override = found
            candidates = self.hosts_at[station.id] if local_host[i] else []
            pool = candidates or self.global_hosts
            if title_override:  # elections support is run by the UN system
                pool = [h for h in self.hosts if h.kind == "un_entity"] or pool
            host = pool[host_pick[i] % len(pool)]
            cats, cat_p = self.category_tables[self._category_table(host)]
            category = cats[np.searchsorted(np.cumsum(cat_p), category_draw[i] * 0.999999)]
            if title_override:
                category = "international_specialist" if number == 0 else "national_specialist"
            online = SCOPE[Category(category)] is Scope.ONLINE
            if host.kind == "peace_operation":
                sector = MISSION_SECTORS[sector_draw[i] % len(MISSION_SECTORS)]
            else:
                sector = self.sectors[sector_draw[i] % len(self.sectors)]
            if title_override:
                sector = "governance"
            occupations = self.by_sector[sector]
            occ = int(occupations[occ_pick[i] % len(occupations)])
            begin = self.today + timedelta(days=int(start[i]))
            if months[i]:
                end = add_months(begin, int(months[i])) - timedelta(days=1)
            else:
                end = begin + timedelta(days=41)
            country = None if online else station.country
            problems = check_service(Service(Category(category), country, begin, end))
            if problems:  # never expected: the generator keeps to the rules
                raise AssertionError(f"generated assignment breaks {problems}")
            seats = int(positions[i])
            if surge[i] and not title_override:
                seats = int(rng.integers(100, 500))
            state = "published" if title_override else states[i]
            published_at = published[i] if state != "draft" and not (
                state == "cancelled" and level_draw[i] < 0.5
            ) else None  # fmt: skip
            goal_list = SECTOR_GOALS[sector]
            chosen_goals = sorted({goal_list[0], goal_list[int(goal_draw[i, 0] * len(goal_list))]})
            chosen_targets = []
            for n, goal in enumerate(chosen_goals):
                codes = ref.sdg_targets.get(goal, ())
                if codes:
                    chosen_targets.append(codes[int(target_draw[i, n] * len(codes))])
            group_list = SECTOR_GROUPS[sector]
            groups = sorted({group_list[int(d * len(group_list))] for d in group_draw[i]})
            # skills: required from the occupation's skill groups, then desired ones
            picks = draw_top_k(
                rng, ref.skill_map.weights[occ : occ + 1], np.array([n_required[i] + 2])
            )[0]
            skill_ids = [int(ref.skill_map.skills[occ, p]) for p in picks if p >= 0]
            kind = category.rsplit("_", 1)[-1]
            years = MIN_YEARS.get(kind, 1)
            for n, skill in enumerate(skill_ids):
                required = bool(n < n_required[i])
                level = "advanced" if kind == "expert" or (required and level_draw[i] < 0.4) else (
                    "intermediate"
                )  # fmt: skip
                skills.append((aid, skill, required, level, years if required else 0))
            asked = self._languages(station, category, online)
            for code, (level, required) in asked.items():
                languages.append((aid, code, level, required))
            for goal in chosen_goals:
                goals.append((aid, goal))
            for code in chosen_targets:
                targets.append((aid, code))
            occupation_title = capitalized(ref.occupations[occ].title)
            purpose = SECTOR_PURPOSE[sector]
            title = title_override or TITLE_PATTERNS[title_pick[i] % len(TITLE_PATTERNS)].format(
                occupation=occupation_title, sector=sector.replace("_", " "),
                place=station.place, purpose=purpose,
            )[:200]  # fmt: skip
            country_name = common_name(ref.countries[station.country].name)
            context = (ONLINE_CONTEXT if online else CONTEXT).format(
                host=host.name, country=country_name, purpose=purpose, place=station.place,
                hardship=f"class {station.hardship}",
                family="" if station.family else " (non-family)",
                category=category.replace("_", " ") + " volunteer",
            )  # fmt: skip
            titles = [ref.skill_titles[s] for s in skill_ids]
            tasks = "Under the supervision of the team leader, the volunteer will:\n" + "\n".join(
                f"- {capitalized(t)};" for t in titles[: n_required[i]]
            )
            lang_text = ", ".join(
                f"{ref.language_names.get(c, c)} ({lv})" for c, (lv, req) in asked.items() if req
            )
            qualifications = QUALIFICATIONS.format(
                education="Bachelor's degree" if kind != "youth" else "Secondary education",
                field=ref.skill_map.fields[occ][0], years=years,
                languages=f"working knowledge of {lang_text}" if lang_text else "good English",
                skill=titles[-1] if titles else "community work",
            )  # fmt: skip
            results = RESULTS.format(purpose=purpose, people=50 * (1 + int(level_draw[i] * 20)))
            deadline = (begin - timedelta(days=int(deadline_gap[i]))).isoformat()
            rows.append(
                (aid, now, now, None, host.id, title, context, tasks, results, qualifications,
                 None if online else station.id, category, seats, begin.isoformat(),
                 end.isoformat(), sector, int(ref.occupation_ids[occ]), json.dumps(groups),
                 state, published_at, deadline)
            )  # fmt: skip
        return out

    def _surge_station(self, number: int):
        country, place, seats, title = SURGES[number]
        for station in self.stations:
            if station.country == country and station.place == place:
                return station, seats, title
        return None

    def _languages(self, station: Station, category: str, online: bool) -> dict:
        """{language code: (minimum level, required)}: the country's language and English."""
        asked: dict[str, tuple[str, bool]] = {}
        local = () if online else self.ref.countries[station.country].languages[:1]
        international = SCOPE[Category(category)] in (Scope.INTERNATIONAL, Scope.ONLINE)
        for code in local:
            asked[code] = ("B2", True) if international else ("C1", True)
        if "en" in self.ref.languages:
            asked.setdefault("en", ("B2", True) if international else ("B1", False))
        return asked
