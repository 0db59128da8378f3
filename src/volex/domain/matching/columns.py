"""A columnar store of a pool of profiles: numpy arrays, one row per profile.

Filters and scoring read whole columns at once, never Python objects row by row. Rows are added or
replaced with `upsert` (buffers grow by doubling, so adding one profile is amortised O(1)) and
withdrawn with `remove` (the row stays, marked inactive). Many-valued facts (nationalities,
countries of heritage, deployments, skills) are `Ragged` columns: flat arrays of entries with the
row that owns each; replacing a row's entries marks the old ones dead (owner -1) and appends.

Dates are stored as integers: birth dates as `yyyymmdd` keys (so that "aged at least N on day D"
is one integer comparison, exactly as `dates.age_on` counts birthdays, 29 February included) and
other days as proleptic Gregorian ordinals.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import numpy as np

from ..cefr import CEFRLevel
from ..eligibility import Candidate
from .types import Gender, MatchingInputError, Period, ProfileFacts, SkillFact

OPEN_START = 0  # availability without a first day
OPEN_END = np.iinfo(np.int32).max  # availability without a last day
GENDER_CODES: dict[Gender | None, int] = {
    None: -1,
    Gender.FEMALE: 0,
    Gender.MALE: 1,
    Gender.OTHER: 2,
}
_GENDER_OF_CODE = {code: gender for gender, code in GENDER_CODES.items()}
_LEVEL_OF_RANK = {level.rank: level for level in CEFRLevel}


def birth_key(day: date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


class Vocabulary:
    """Codes (countries, languages, skills) to dense integer ids, in order of first sight."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self.codes: list[str] = []

    def __len__(self) -> int:
        return len(self.codes)

    def add(self, code: str) -> int:
        found = self._ids.get(code)
        if found is None:
            found = self._ids[code] = len(self.codes)
            self.codes.append(code)
        return found

    def get(self, code: str | None) -> int:
        """The id of `code`, or -1 if it was never seen (no row has it)."""
        return -1 if code is None else self._ids.get(code, -1)


class Buffer:
    """A growable numpy array: `data` is a view of the first `size` rows."""

    def __init__(self, dtype: Any, tail: tuple[int, ...] = (), fill: Any = 0) -> None:
        self._array = np.full((16, *tail), fill, dtype=dtype)
        self._fill = fill
        self.size = 0

    @property
    def data(self) -> np.ndarray:
        return self._array[: self.size]

    def grow_to(self, size: int) -> None:
        if size > len(self._array):
            capacity = max(size, 2 * len(self._array))
            bigger = np.full((capacity, *self._array.shape[1:]), self._fill, self._array.dtype)
            bigger[: self.size] = self._array[: self.size]
            self._array = bigger
        self.size = max(self.size, size)

    def widen_to(self, width: int) -> None:
        """Grow the second axis (a matrix column per language, for instance)."""
        if width > self._array.shape[1]:
            capacity = max(width, 2 * self._array.shape[1])
            wider = np.full((len(self._array), capacity), self._fill, self._array.dtype)
            wider[:, : self._array.shape[1]] = self._array
            self._array = wider

    def extend(self, values: np.ndarray) -> None:
        start = self.size
        self.grow_to(start + len(values))
        self._array[start : self.size] = values


class Ragged:
    """Many entries per row: flat value columns, the owning row of each entry, per-row ranges."""

    def __init__(self, fields: dict[str, Any]) -> None:
        self.owner = Buffer(np.int32)
        self.values = {name: Buffer(dtype) for name, dtype in fields.items()}
        self.start = Buffer(np.int64)
        self.count = Buffer(np.int32)

    def column(self, name: str) -> np.ndarray:
        return self.values[name].data

    def assign(self, rows: np.ndarray, counts: np.ndarray, values: dict[str, np.ndarray]) -> None:
        """Replace the entries of `rows` (counts[i] entries for rows[i], values flattened)."""
        n_rows = int(rows.max()) + 1 if len(rows) else 0
        self.start.grow_to(max(n_rows, self.start.size))
        self.count.grow_to(max(n_rows, self.count.size))
        old = _ranges(self.start.data[rows], self.count.data[rows])
        self.owner.data[old] = -1
        base = self.owner.size
        self.owner.extend(np.repeat(rows.astype(np.int32), counts))
        for name, buffer in self.values.items():
            buffer.extend(values[name])
        self.start.data[rows] = base + np.concatenate(([0], np.cumsum(counts)[:-1])).astype(
            np.int64
        )
        self.count.data[rows] = counts

    def entries(self, rows: np.ndarray) -> np.ndarray:
        """Indices of the live entries of `rows`, row by row."""
        return _ranges(self.start.data[rows], self.count.data[rows])

    def rows_with(self, name: str, value: int, n_rows: int) -> np.ndarray:
        """A boolean mask over rows: which rows have an entry whose `name` equals `value`."""
        mask = np.zeros(n_rows, dtype=bool)
        if value < 0:
            return mask
        owners = self.owner.data[self.values[name].data == value]
        mask[owners[owners >= 0]] = True
        return mask


def _ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Concatenated aranges [start, start + count) without a Python loop."""
    counts = counts.astype(np.int64)
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(starts.astype(np.int64) - np.cumsum(counts) + counts, counts)
    return offsets + np.arange(total, dtype=np.int64)


class ProfileColumns:
    """The pool of profiles as columns (see module doc); `embeddings` is (n, dim)."""

    def __init__(self, dim: int, dtype: Any = np.float16) -> None:
        self.dim = dim
        self.ids: list[str] = []
        self.row_of: dict[str, int] = {}
        self.countries = Vocabulary()
        self.languages = Vocabulary()
        self.skills = Vocabulary()
        self.groups = Vocabulary()
        self._birth = Buffer(np.int32)
        self._gender = Buffer(np.int8, fill=-1)
        self._residence = Buffer(np.int16, fill=-1)
        self._consent = Buffer(np.bool_)
        self._active = Buffer(np.bool_)
        self._avail_start = Buffer(np.int32)
        self._avail_end = Buffer(np.int32)
        self._experience = Buffer(np.float32)
        self._levels = Buffer(np.int8, tail=(4,))
        self._embeddings = Buffer(dtype, tail=(dim,))
        self.nationalities = Ragged({"country": np.int16})
        self.heritage = Ragged({"country": np.int16})
        self.busy = Ragged({"start": np.int32, "end": np.int32})
        self.skill_entries = Ragged(
            {"skill": np.int32, "group": np.int32, "level": np.int8, "years": np.float32}
        )

    @classmethod
    def from_profiles(
        cls, profiles: Sequence[ProfileFacts], embeddings: np.ndarray, dtype: Any = np.float16
    ) -> ProfileColumns:
        store = cls(int(np.asarray(embeddings).shape[1]), dtype)
        store.upsert(profiles, embeddings)
        return store

    def __len__(self) -> int:
        return len(self.ids)

    # columns (views of the first len(self) rows)

    @property
    def birth_key(self) -> np.ndarray:
        return self._birth.data

    @property
    def gender(self) -> np.ndarray:
        return self._gender.data

    @property
    def residence(self) -> np.ndarray:
        return self._residence.data

    @property
    def consent(self) -> np.ndarray:
        return self._consent.data

    @property
    def active(self) -> np.ndarray:
        return self._active.data

    @property
    def available_start(self) -> np.ndarray:
        return self._avail_start.data

    @property
    def available_end(self) -> np.ndarray:
        return self._avail_end.data

    @property
    def experience(self) -> np.ndarray:
        return self._experience.data

    @property
    def embeddings(self) -> np.ndarray:
        return self._embeddings.data

    @property
    def language_levels(self) -> np.ndarray:
        """(n, n_languages) int8: the CEFR rank of each language (0: none)."""
        return self._levels.data[:, : len(self.languages)]

    def upsert(self, profiles: Sequence[ProfileFacts], embeddings: np.ndarray) -> np.ndarray:
        """Add or replace profiles (by profile_id) with their embeddings; returns their rows."""
        embeddings = np.asarray(embeddings)
        if embeddings.shape != (len(profiles), self.dim):
            raise MatchingInputError(
                f"expected embeddings of shape ({len(profiles)}, {self.dim}), "
                f"got {embeddings.shape}"
            )
        rows = np.empty(len(profiles), dtype=np.int64)
        for i, profile in enumerate(profiles):
            row = self.row_of.get(profile.profile_id)
            if row is None:
                row = self.row_of[profile.profile_id] = len(self.ids)
                self.ids.append(profile.profile_id)
            rows[i] = row
        if len(np.unique(rows)) != len(rows):
            raise MatchingInputError("a profile_id appears twice in one upsert")
        n = len(self.ids)
        for buffer in self._row_buffers():
            buffer.grow_to(n)
        self._fill_scalars(rows, profiles)
        self._embeddings.data[rows] = embeddings
        self._fill_ragged(rows, profiles)
        return rows

    def remove(self, profile_ids: Iterable[str]) -> None:
        """Withdraw profiles from matching (their rows stay, inactive)."""
        for profile_id in profile_ids:
            row = self.row_of.get(profile_id)
            if row is not None:
                self._active.data[row] = False

    def _row_buffers(self) -> list[Buffer]:
        return [
            self._birth,
            self._gender,
            self._residence,
            self._consent,
            self._active,
            self._avail_start,
            self._avail_end,
            self._experience,
            self._levels,
            self._embeddings,
        ]

    def _fill_scalars(self, rows: np.ndarray, profiles: Sequence[ProfileFacts]) -> None:
        self._birth.data[rows] = [birth_key(p.birth_date) if p.birth_date else 0 for p in profiles]
        self._gender.data[rows] = [GENDER_CODES[p.gender] for p in profiles]
        self._residence.data[rows] = [
            self.countries.add(p.residence_country) if p.residence_country else -1 for p in profiles
        ]
        self._consent.data[rows] = [p.consent_to_match for p in profiles]
        self._active.data[rows] = True
        self._avail_start.data[rows] = [
            p.available.start.toordinal() if p.available else OPEN_START for p in profiles
        ]
        self._avail_end.data[rows] = [
            p.available.end.toordinal() if p.available else OPEN_END for p in profiles
        ]
        self._experience.data[rows] = [p.experience_years for p in profiles]
        entries = [
            (row, self.languages.add(code), level.rank)
            for row, p in zip(rows.tolist(), profiles, strict=True)
            for code, level in p.languages.items()
        ]
        self._levels.widen_to(len(self.languages))
        self._levels.data[rows] = 0
        if entries:
            r, c, v = (np.array(x) for x in zip(*entries, strict=True))
            self._levels.data[r, c] = v

    def _fill_ragged(self, rows: np.ndarray, profiles: Sequence[ProfileFacts]) -> None:
        def countries(sets: list[frozenset[str]]) -> tuple[np.ndarray, dict[str, np.ndarray]]:
            codes = [self.countries.add(c) for s in sets for c in sorted(s)]
            counts = np.array([len(s) for s in sets], dtype=np.int64)
            return counts, {"country": np.array(codes, dtype=np.int16)}

        self.nationalities.assign(rows, *countries([p.nationalities for p in profiles]))
        self.heritage.assign(rows, *countries([p.heritage_countries for p in profiles]))
        periods = [d for p in profiles for d in p.deployed]
        self.busy.assign(
            rows,
            np.array([len(p.deployed) for p in profiles], dtype=np.int64),
            {
                "start": np.array([d.start.toordinal() for d in periods], dtype=np.int32),
                "end": np.array([d.end.toordinal() for d in periods], dtype=np.int32),
            },
        )
        skills = [s for p in profiles for s in p.skills]
        self.skill_entries.assign(
            rows,
            np.array([len(p.skills) for p in profiles], dtype=np.int64),
            {
                "skill": np.array([self.skills.add(s.skill_id) for s in skills], dtype=np.int32),
                "group": np.array(
                    [self.groups.add(s.group_id) if s.group_id else -1 for s in skills],
                    dtype=np.int32,
                ),
                "level": np.array([s.level for s in skills], dtype=np.int8),
                "years": np.array([s.years for s in skills], dtype=np.float32),
            },
        )

    # per-row reads (for explanations and tests; filters and scoring read whole columns)

    def candidate(self, row: int) -> Candidate:
        facts = self.facts(row)
        return facts.candidate

    def facts(self, row: int) -> ProfileFacts:
        """The facts of one row as the engine stored them (no free text, no labels)."""
        key = int(self._birth.data[row])
        birth = date(key // 10000, key // 100 % 100, key % 100) if key else None
        residence = int(self._residence.data[row])
        start, end = int(self._avail_start.data[row]), int(self._avail_end.data[row])
        available = None
        if start != OPEN_START or end != OPEN_END:
            available = Period(
                date.fromordinal(max(start, 1)), date.fromordinal(min(end, date.max.toordinal()))
            )
        one = np.array([row])
        nat = self.nationalities.column("country")[self.nationalities.entries(one)]
        her = self.heritage.column("country")[self.heritage.entries(one)]
        busy = self.busy.entries(one)
        skills = self.skill_entries.entries(one)
        levels = self._levels.data[row, : len(self.languages)]
        return ProfileFacts(
            profile_id=self.ids[row],
            birth_date=birth,
            gender=_GENDER_OF_CODE[int(self._gender.data[row])],
            nationalities=frozenset(self.countries.codes[int(c)] for c in nat),
            heritage_countries=frozenset(self.countries.codes[int(c)] for c in her),
            residence_country=self.countries.codes[residence] if residence >= 0 else None,
            languages={
                self.languages.codes[i]: _LEVEL_OF_RANK[int(levels[i])]
                for i in np.flatnonzero(levels)
            },
            skills=tuple(
                SkillFact(
                    skill_id=self.skills.codes[int(self.skill_entries.column("skill")[e])],
                    group_id=(
                        self.groups.codes[g]
                        if (g := int(self.skill_entries.column("group")[e])) >= 0
                        else None
                    ),
                    level=int(self.skill_entries.column("level")[e]),
                    years=float(self.skill_entries.column("years")[e]),
                )
                for e in skills
            ),
            experience_years=float(self._experience.data[row]),
            available=available,
            deployed=tuple(
                Period(
                    date.fromordinal(int(self.busy.column("start")[e])),
                    date.fromordinal(int(self.busy.column("end")[e])),
                )
                for e in busy
            ),
            consent_to_match=bool(self._consent.data[row]),
        )
