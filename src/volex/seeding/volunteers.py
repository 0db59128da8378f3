"""Volunteer profiles, a batch at a time: every random draw is made for the whole batch with
numpy, then one loop turns the draws into rows of plain values for the writer."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import numpy as np

from .countries import DIASPORA_HOMES
from .places import CAPITALS
from .reference import Reference
from .sectors import SECTOR_PURPOSE
from .skills import draw_top_k
from .texts import EMPLOYERS, GENDER_WORDS, capitalized, common_name

CEFR_EXTRA = np.array(["B1", "B2", "C1", "C2"], dtype=object)
CEFR_EXTRA_P = (0.2, 0.35, 0.3, 0.15)
# extra languages and how likely a volunteer speaks each, besides those of their country
EXTRA_LANGUAGES = (("en", 0.75), ("fr", 0.18), ("es", 0.10), ("ar", 0.05))
EDUCATION_YEARS = {"secondary": 18, "vocational": 20, "bachelor": 22, "master": 24, "doctorate": 29}
SKILL_LEVELS = ("basic", "intermediate", "advanced", "expert")


@dataclass
class Batch:
    """Rows per table (keys of `tables()`), in the columns each table lists."""

    rows: dict[str, list[tuple]] = field(default_factory=dict)

    def add(self, table: str) -> list[tuple]:
        return self.rows.setdefault(table, [])


def _days(base: date, offsets: np.ndarray) -> np.ndarray:
    """ISO date strings, `offsets` days after `base`."""
    return (np.datetime64(base, "D") + offsets.astype("timedelta64[D]")).astype(str)


class VolunteerFactory:
    def __init__(
        self, ref: Reference, *, seed: int, today: date, now: datetime, timestamps
    ) -> None:
        self.ref = ref
        self.seed = seed
        self.today = today
        self.now = np.datetime64(now.astimezone(UTC).replace(tzinfo=None), "s")
        self.timestamps = timestamps  # datetime64 array -> text the backend stores
        self.homes = np.array([c for c, _ in DIASPORA_HOMES if c in ref.countries], dtype=object)
        weights = np.array([w for c, w in DIASPORA_HOMES if c in ref.countries])
        self.home_p = weights / weights.sum()
        self.origin_codes = np.array([o.country for o in ref.origins], dtype=object)
        self.siblings = self._siblings()
        self.titles = [capitalized(o.title)[:160] for o in ref.occupations]
        self.fields = [capitalized(f[0]) for f in ref.skill_map.fields]

    def _siblings(self) -> np.ndarray:
        """Per occupation, another one of the same ISCO unit group (an earlier job)."""
        groups: dict[str, list[int]] = {}
        for i, occupation in enumerate(self.ref.occupations):
            groups.setdefault(occupation.isco, []).append(i)
        result = np.arange(len(self.ref.occupations))
        for members in groups.values():
            for pos, i in enumerate(members):
                result[i] = members[(pos + 1) % len(members)]
        return result

    def batch(self, index: int, user_ids: list[int], volunteer_ids: list[int]) -> Batch:
        ref, today, size = self.ref, self.today, len(user_ids)
        rng = np.random.default_rng([self.seed, 1, index])
        origin = rng.choice(len(ref.origins), size, p=ref.origin_weights)
        pool_pick = rng.integers(0, 1 << 30, size)
        diaspora = rng.random(size) < 0.08
        home = rng.choice(self.homes, size, p=self.home_p)
        dual = rng.random(size) < np.where(diaspora, 0.6, 0.05)
        second = self.origin_codes[rng.choice(len(ref.origins), size, p=ref.origin_weights)]
        abroad = rng.random(size) < 0.06
        gender = rng.choice(4, size, p=(0.51, 0.43, 0.045, 0.015))
        gender_word = rng.integers(0, len(GENDER_WORDS), size)
        female_name = np.where(gender >= 2, rng.random(size) < 0.5, gender == 0)
        first_pick, family_pick = rng.integers(0, 1 << 30, (2, size))
        age_days = ((18 + np.minimum(rng.gamma(2.2, 6.0, size), 57.9)) * 365.25).astype(np.int64)
        ages = age_days // 365
        birth = _days(today, -age_days)
        occupation = rng.choice(len(ref.occupations), size, p=ref.occupation_weights)
        experience = np.maximum(0, ages - 22 - rng.integers(0, 4, size))
        n_skills = rng.integers(3, 7, size)
        picks = draw_top_k(rng, ref.skill_map.weights[occupation], n_skills)
        skill_ids = np.where(
            picks >= 0, np.take_along_axis(ref.skill_map.skills[occupation], picks, axis=1), -1
        )
        transversal = ref.skill_map.transversal[
            rng.integers(0, len(ref.skill_map.transversal), (size, 2))
        ]
        n_transversal = rng.choice(3, size, p=(0.4, 0.4, 0.2))
        skill_years = rng.random((size, picks.shape[1] + 2))
        extra_lang = rng.random((size, len(EXTRA_LANGUAGES)))
        extra_level = rng.choice(CEFR_EXTRA, (size, len(EXTRA_LANGUAGES) + 2), p=CEFR_EXTRA_P)
        edu_draw, job_draw, cat_draw = rng.random((3, size))
        job_start = _days(today, -(experience * 365 + rng.integers(0, 300, size)))
        job_end = _days(today, -rng.integers(30, 400, size))
        job_current = rng.random(size) < 0.7
        employer_pick = rng.integers(0, 1 << 30, (2, size))
        available_from = rng.integers(0, 180, size)
        available_from_s = _days(today, available_from)
        available_until = _days(today, available_from + rng.integers(90, 730, size))
        open_ended = rng.random(size) < 0.15
        consent = rng.random(size) < 0.8
        joined_at = self.now - rng.integers(0, 3 * 365 * 86400, size).astype("timedelta64[s]")
        joined = self.timestamps(joined_at)
        second_sector = rng.integers(0, len(SECTOR_PURPOSE), size)
        sectors_all = list(SECTOR_PURPOSE)

        # plain Python values: indexing lists in the loop is much cheaper than numpy scalars
        (origin, pool_pick, diaspora, home, dual, second, abroad, gender, gender_word,
         female_name, first_pick, family_pick, ages, birth, occupation, experience, skill_ids,
         transversal, n_transversal, skill_years, extra_lang, extra_level, edu_draw, job_draw,
         cat_draw, job_start, job_end, job_current, employer_pick, available_from_s,
         available_until, open_ended, consent, joined, second_sector) = (
            a.tolist() for a in (
                origin, pool_pick, diaspora, home, dual, second, abroad, gender, gender_word,
                female_name, first_pick, family_pick, ages, birth, occupation, experience,
                skill_ids, transversal, n_transversal, skill_years, extra_lang, extra_level,
                edu_draw, job_draw, cat_draw, job_start, job_end, job_current, employer_pick,
                available_from_s, available_until, open_ended, consent, joined, second_sector,
            )
        )  # fmt: skip
        occupation_ids = ref.occupation_ids.tolist()
        occupation_major = ref.occupation_major.tolist()
        siblings = self.siblings.tolist()
        out = Batch()
        users, volunteers = out.add("user"), out.add("volunteer")
        nationality, heritage = out.add("nationality"), out.add("heritage")
        languages, skills = out.add("language"), out.add("skill")
        education, experience_rows = out.add("education"), out.add("experience")
        passwords = rng.bytes(20 * size).hex()
        now = self.timestamps(np.array([self.now]))[0]
        for i in range(size):
            uid, vid = user_ids[i], volunteer_ids[i]
            org = ref.origins[origin[i]]
            pool_index = pool_pick[i] % len(org.pools)
            pool = org.pools[pool_index]
            if female_name[i]:
                j = first_pick[i] % len(pool.female)
                first, first_ascii = pool.female[j], pool.female_ascii[j]
            else:
                j = first_pick[i] % len(pool.male)
                first, first_ascii = pool.male[j], pool.male_ascii[j]
            k = family_pick[i] % len(pool.family)
            last, last_ascii = pool.family[k], pool.family_ascii[k]
            email = f"{first_ascii}.{last_ascii}.{uid}@example.org"
            # where they belong and live
            if diaspora[i]:
                nats = [home[i], org.country] if dual[i] else [home[i]]
                heritage.append((vid, org.country))
                residence = home[i]
            else:
                nats = [org.country]
                if dual[i] and second[i] != org.country:
                    nats.append(second[i])
                residence = home[i] if abroad[i] and home[i] != org.country else org.country
            nats = list(dict.fromkeys(nats))
            for country in nats:
                nationality.append((vid, country))
            # languages: mother tongue, the country's other official ones, then extras
            spoken: dict[str, str] = {}
            tongue = org.mother_tongues[pool_index]
            if tongue:
                spoken[tongue] = "native"
            for n, code in enumerate(org.languages[:2]):
                spoken.setdefault(code, "C2" if n == 0 else extra_level[i][-1])
            if diaspora[i]:
                for code in ref.countries[residence].languages[:1]:
                    spoken.setdefault(code, "C2")
            for n, (code, chance) in enumerate(EXTRA_LANGUAGES):
                if extra_lang[i][n] < chance and code in ref.languages:
                    spoken.setdefault(code, extra_level[i][n])
            for code, level in spoken.items():
                languages.append((vid, code, level))
            # occupation, skills, education, experience
            occ = occupation[i]
            years = int(experience[i])
            seen = set()
            for n, skill in enumerate(skill_ids[i]):
                if skill < 0:
                    continue
                seen.add(skill)
                y = int(skill_years[i][n] * (years + 1))
                skills.append((vid, skill, SKILL_LEVELS[min(3, y // 3)], y))
            for n in range(n_transversal[i]):
                skill = transversal[i][n]
                if skill not in seen:
                    seen.add(skill)
                    skills.append((vid, skill, "advanced", int(skill_years[i][-1] * years)))
            sector = ref.occupation_sectors[occ]
            major = occupation_major[occ]
            level = _education_level(major, edu_draw[i], int(ages[i]))
            capital = CAPITALS.get(residence, "")
            year = int(birth[i][:4]) + EDUCATION_YEARS[level]
            education.append(
                (
                    vid,
                    level,
                    "General education" if level == "secondary" else self.fields[occ],
                    _institution(level, capital),
                    year if year <= today.year else None,
                )
            )
            employers = EMPLOYERS[sector]
            employer = employers[employer_pick[0][i] % len(employers)].format(capital=capital)
            title = self.titles[occ]
            if years > 0:
                current = job_current[i]
                experience_rows.append(
                    (vid, title, employer, occupation_ids[occ], residence,
                     job_start[i], None if current else max(job_end[i], job_start[i]), "")
                )  # fmt: skip
                if years >= 6 and job_draw[i] < 0.5:
                    earlier = siblings[occ]
                    other = employers[employer_pick[1][i] % len(employers)].format(capital=capital)
                    start = date.fromisoformat(job_start[i]) - timedelta(days=3 * 365)
                    experience_rows.append(
                        (vid, self.titles[earlier], other, occupation_ids[earlier],
                         nats[-1], start.isoformat(), job_start[i], "")
                    )  # fmt: skip
            headline = (
                f"{title} with {years} years of experience" if years else f"{title}, early career"
            )[:160]
            country_name = common_name(ref.countries[nats[0]].name)
            summary = f"{title} from {country_name}, keen to support {SECTOR_PURPOSE[sector]}."
            sectors = [sector]
            if sectors_all[second_sector[i]] != sector:
                sectors.append(sectors_all[second_sector[i]])
            categories = _categories(int(ages[i]), int(major), bool(diaspora[i]),
                                     cat_draw[i], residence not in nats)  # fmt: skip
            users.append(
                (uid, "!" + passwords[i * 40 : i * 40 + 40], None, False, email, first, last, email,
                 False, True, joined[i], "fr" if tongue == "fr" else "en")
            )  # fmt: skip
            volunteers.append(
                (vid, joined[i], now, uid, birth[i], _gender(gender[i], gender_word[i]), residence,
                 headline, summary, occupation_ids[occ], json.dumps(sectors),
                 json.dumps(categories), available_from_s[i],
                 None if open_ended[i] else available_until[i], bool(consent[i]),
                 joined[i] if consent[i] else None, joined[i])
            )  # fmt: skip
        return out


def _gender(kind: int, word: int) -> str:
    return ("woman", "man", "", GENDER_WORDS[word])[kind]


def _education_level(major: int, draw: float, age: int) -> str:
    if major in (1, 2):
        level = "bachelor" if draw < 0.45 else "master" if draw < 0.9 else "doctorate"
    elif major == 3:
        level = "vocational" if draw < 0.4 else "bachelor"
    elif major in (4, 5):
        level = "secondary" if draw < 0.5 else "vocational"
    else:
        level = "secondary" if draw < 0.7 else "vocational"
    while EDUCATION_YEARS[level] > age + 1 and level != "secondary":
        level = {"doctorate": "master", "master": "bachelor", "bachelor": "secondary"}.get(
            level, "secondary"
        )
    return level


def _institution(level: str, capital: str) -> str:
    if not capital or level == "secondary":
        return ""
    return f"{capital} Polytechnic" if level == "vocational" else f"University of {capital}"


def _categories(age: int, major: int, diaspora: bool, draw: float, abroad: bool) -> list[str]:
    result = ["national_specialist"] if age >= 25 else []
    if age <= 29:
        result += ["national_youth", "international_youth"]
        if age <= 26 and draw < 0.4:
            result += ["national_university", "international_university"]
    if 25 <= age <= 75 and draw < 0.7:
        result.append("international_specialist")
    if age >= 35 and major in (1, 2):
        result += ["national_expert", "international_expert"]
    if draw < 0.3:
        result.append("community")
    if diaspora:
        result.append("diaspora")
    if abroad and draw < 0.05:
        result.append("refugee")
    if draw < 0.75:
        result.append("online")
    return result
