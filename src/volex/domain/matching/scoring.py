"""Score components per candidate, vectorised over rows, and their explanation in words.

Each component lies in [0, 1]:

- `semantic`: how much closer the profile's and the assignment's texts are than unrelated texts,
  `relatedness`: their embeddings' cosine rescaled from the encoder's baseline (0) to 1;
- `required_skills` / `desired_skills`: mean credit over the skills asked for. A skill held at the
  minimum level or above earns 1, below it level / minimum, and so does a skill below the one
  asked for in the taxonomy (`SkillNeed.narrower`: it shows the broader skill); a different
  skill of the same ESCO group earns `MatchWeights.group_credit`; the best credit among the
  volunteer's skills counts;
- `languages`: mean over the languages asked for of min(1, rank held / rank asked);
- `experience`: min(1, years / years asked), or years / `experience_target_years` if none asked;
- `preference`: 1 for an assignment in a country of the volunteer's heritage, or in a country of
  nationality when the category is not international (a national volunteer in their own country).

The total is the weighted mean of the components that apply: the skill and language components
only count when the assignment asks for skills or languages, so assignments without them are not
scored on a constant. `score_profile` is the per-row reference the vectorised `score_rows` is
tested against; `explain` renders one candidate's components in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..categories import SCOPE, Scope
from ..eligibility import _
from .columns import ProfileColumns
from .filters import FilterOptions, why_excluded
from .types import (
    COMPONENTS,
    AssignmentNeeds,
    Explanation,
    MatchingInputError,
    MatchWeights,
    Phrase,
    ProfileFacts,
    ScoreComponents,
    SkillFact,
    SkillNeed,
)

PHRASES = {
    "required": _("covers %(covered)s of %(total)s required skills"),
    "missing": _("missing: %(skills)s"),
    "related": _("related skill in the same group for: %(skills)s"),
    "narrower": _("shown by a more specific skill held: %(skills)s"),
    "below_level": _("below the level asked for: %(skills)s"),
    "desired": _("has %(covered)s of %(total)s desired skills"),
    "language": _("%(language)s %(level)s %(kind)s, has %(has)s"),
    "language_missing": _("%(language)s %(level)s %(kind)s, not spoken"),
    "experience": _("%(years)s years of experience (%(target)s asked)"),
    "heritage": _("diaspora volunteer in a country of heritage (%(country)s)"),
    "national": _("national volunteer in their own country (%(country)s)"),
    "semantic": _("profile text relatedness %(similarity)s"),
    "total": _("score %(total)s"),
}


@dataclass(frozen=True)
class ScoreArrays:
    """Components and total for many candidates (one entry per row scored)."""

    semantic: np.ndarray
    required_skills: np.ndarray
    desired_skills: np.ndarray
    languages: np.ndarray
    experience: np.ndarray
    preference: np.ndarray
    total: np.ndarray

    def __len__(self) -> int:
        return len(self.total)

    def at(self, i: int) -> ScoreComponents:
        return ScoreComponents(
            **{name: float(getattr(self, name)[i]) for name in (*COMPONENTS, "total")}
        )


def applicable_weights(needs: AssignmentNeeds, weights: MatchWeights) -> dict[str, float]:
    """The weights of the components that apply to `needs` (see module doc)."""
    applies = {
        "required_skills": bool(needs.required_skills),
        "desired_skills": bool(needs.desired_skills),
        "languages": bool(needs.languages),
    }
    return {k: w for k, w in weights.as_dict().items() if applies.get(k, True)}


def relatedness(similarity: np.ndarray | float, baseline: float) -> np.ndarray:
    """The semantic score of cosines: (cosine - baseline) / (1 - baseline), clipped to [0, 1].
    `baseline` is the encoder's cosine for unrelated texts (`Encoder.similarity_baseline`):
    static models put every pair of texts at a high cosine (0.88 for unrelated occupations with
    the packaged one), which left the component nearly constant whatever its weight."""
    if not 0.0 <= baseline < 1.0:
        raise MatchingInputError("the similarity baseline must be in [0, 1)")
    raw = np.asarray(similarity, dtype=np.float32)
    scaled: np.ndarray = np.clip((raw - baseline) / (1.0 - baseline), 0.0, 1.0)
    return scaled.astype(np.float32)


def _total(components: dict[str, np.ndarray], applicable: dict[str, float]) -> np.ndarray:
    norm = sum(applicable.values())
    if norm <= 0:
        return np.zeros_like(components["semantic"])
    total = sum(components[k] * (w / norm) for k, w in applicable.items())
    return np.asarray(total, dtype=np.float32)


def skill_credit(need: SkillNeed, skills: Sequence[SkillFact], group_credit: float) -> float:
    """The best credit any of `skills` earns for `need` (see module doc)."""
    best = 0.0
    for skill in skills:
        credit = 0.0
        if need.is_shown_by(skill.skill_id):
            credit = min(1.0, skill.level / max(need.min_level, 1))
        if need.group_id is not None and skill.group_id == need.group_id:
            credit = max(credit, group_credit)
        best = max(best, credit)
    return best


def _skill_credits(
    columns: ProfileColumns, rows: np.ndarray, needs: Sequence[SkillNeed], group_credit: float
) -> np.ndarray:
    """(len(rows), len(needs)) best credit of each row for each skill asked for."""
    out = np.zeros((len(rows), len(needs)), dtype=np.float32)
    if not needs or not len(rows):
        return out
    entries = columns.skill_entries
    picked = entries.entries(rows)
    position = np.repeat(np.arange(len(rows)), entries.count.data[rows])
    skill = entries.column("skill")[picked]
    group = entries.column("group")[picked]
    level = entries.column("level")[picked].astype(np.float32)
    for j, need in enumerate(needs):
        shown = skill == columns.skills.get(need.skill_id)
        if need.narrower:
            narrower = [columns.skills.get(code) for code in sorted(need.narrower)]
            shown |= np.isin(skill, narrower)
        group_id = columns.groups.get(need.group_id)
        credit = np.where(shown, np.minimum(1.0, level / max(need.min_level, 1)), 0.0)
        if group_id >= 0:
            credit = np.maximum(credit, np.where(group == group_id, group_credit, 0.0))
        np.maximum.at(out[:, j], position, credit.astype(np.float32))
    return out


def _preference(columns: ProfileColumns, rows: np.ndarray, needs: AssignmentNeeds) -> np.ndarray:
    scope = SCOPE[needs.category]
    if needs.country is None or scope is Scope.ONLINE:
        return np.zeros(len(rows), dtype=np.float32)
    country = columns.countries.get(needs.country)
    n = len(columns)
    liked = columns.heritage.rows_with("country", country, n)[rows]
    if scope is not Scope.INTERNATIONAL:
        liked |= columns.nationalities.rows_with("country", country, n)[rows]
    return np.asarray(liked, dtype=np.float32)


def score_rows(
    columns: ProfileColumns,
    needs: AssignmentNeeds,
    rows: np.ndarray,
    similarity: np.ndarray,
    weights: MatchWeights | None = None,
) -> ScoreArrays:
    """Components for `rows` of the store; `similarity` is each row's semantic score, in [0, 1]
    (`relatedness` of its cosine to the assignment)."""
    weights = weights or MatchWeights()
    rows = np.asarray(rows, dtype=np.int64)
    ones = np.ones(len(rows), dtype=np.float32)
    required = _skill_credits(columns, rows, needs.required_skills, weights.group_credit)
    desired = _skill_credits(columns, rows, needs.desired_skills, weights.group_credit)
    languages = ones
    if needs.languages:
        levels = np.zeros((len(rows), len(needs.languages)), dtype=np.float32)
        for j, need in enumerate(needs.languages):
            column = columns.languages.get(need.code)
            if column >= 0:
                held = columns.language_levels[rows, column].astype(np.float32)
                levels[:, j] = np.minimum(1.0, held / need.min_level.rank)
        languages = levels.mean(axis=1)
    target = needs.min_experience_years or weights.experience_target_years
    components = {
        "semantic": np.clip(np.asarray(similarity, dtype=np.float32), 0.0, 1.0),
        "required_skills": required.mean(axis=1) if needs.required_skills else ones,
        "desired_skills": desired.mean(axis=1) if needs.desired_skills else ones,
        "languages": languages,
        "experience": np.minimum(1.0, columns.experience[rows] / target).astype(np.float32),
        "preference": _preference(columns, rows, needs),
    }
    total = _total(components, applicable_weights(needs, weights))
    return ScoreArrays(**components, total=total)


def score_profile(
    needs: AssignmentNeeds,
    profile: ProfileFacts,
    similarity: float,
    weights: MatchWeights | None = None,
) -> ScoreComponents:
    """The components of one profile, computed row by row (the reference for `score_rows`)."""
    weights = weights or MatchWeights()

    def mean_credit(skill_needs: Sequence[SkillNeed]) -> float:
        if not skill_needs:
            return 1.0
        credits = [skill_credit(n, profile.skills, weights.group_credit) for n in skill_needs]
        return sum(credits) / len(credits)

    languages = 1.0
    if needs.languages:
        held = [profile.languages.get(n.code) for n in needs.languages]
        languages = sum(
            min(1.0, h.rank / n.min_level.rank) if h else 0.0
            for n, h in zip(needs.languages, held, strict=True)
        ) / len(needs.languages)
    scope = SCOPE[needs.category]
    preference = 0.0
    if needs.country is not None and scope is not Scope.ONLINE:
        national = scope is not Scope.INTERNATIONAL and needs.country in profile.nationalities
        preference = float(needs.country in profile.heritage_countries or national)
    target = needs.min_experience_years or weights.experience_target_years
    values = {
        "semantic": min(1.0, max(0.0, similarity)),
        "required_skills": mean_credit(needs.required_skills),
        "desired_skills": mean_credit(needs.desired_skills),
        "languages": languages,
        "experience": min(1.0, profile.experience_years / target),
        "preference": preference,
    }
    applicable = applicable_weights(needs, weights)
    norm = sum(applicable.values())
    total = sum(values[k] * w for k, w in applicable.items()) / norm if norm else 0.0
    return ScoreComponents(**values, total=total)


def _names(skills: Sequence[SkillNeed]) -> str:
    return ", ".join(skill.name for skill in skills)


def explain(
    needs: AssignmentNeeds,
    profile: ProfileFacts,
    similarity: float,
    weights: MatchWeights | None = None,
    options: FilterOptions | None = None,
    active: bool = True,
) -> Explanation:
    """Why `profile` is excluded, or how it scores, in words."""
    weights = weights or MatchWeights()
    excluded = why_excluded(needs, profile, options, active)
    if excluded:
        return Explanation(profile.profile_id, False, None, excluded)
    components = score_profile(needs, profile, similarity, weights)
    phrases = [Phrase(PHRASES["total"], {"total": f"{components.total:.2f}"})]
    if needs.required_skills:
        credits = [
            skill_credit(n, profile.skills, weights.group_credit) for n in needs.required_skills
        ]
        held = {s.skill_id for s in profile.skills}

        def shown(need: SkillNeed) -> bool:
            return any(need.is_shown_by(skill_id) for skill_id in held)

        full = [n for n, c in zip(needs.required_skills, credits, strict=True) if c >= 1.0]
        low = [n for n in needs.required_skills if shown(n) and n not in full]
        related = [
            n
            for n, c in zip(needs.required_skills, credits, strict=True)
            if 0 < c < 1.0 and not shown(n)
        ]
        missing = [n for n, c in zip(needs.required_skills, credits, strict=True) if c == 0]
        through = [n for n in full if n.skill_id not in held and shown(n)]  # a narrower one
        total = len(needs.required_skills)
        phrases.append(Phrase(PHRASES["required"], {"covered": len(full), "total": total}))
        groups = (("missing", missing), ("below_level", low), ("related", related))
        for key, group in (*groups, ("narrower", through)):
            if group:
                phrases.append(Phrase(PHRASES[key], {"skills": _names(group)}))
    if needs.desired_skills:
        covered = sum(
            skill_credit(n, profile.skills, weights.group_credit) >= 1.0
            for n in needs.desired_skills
        )
        phrases.append(
            Phrase(PHRASES["desired"], {"covered": covered, "total": len(needs.desired_skills)})
        )
    for need in needs.languages:
        has = profile.languages.get(need.code)
        params = {"language": need.code, "level": need.min_level.value}
        kind = _("required") if need.required else _("desired")
        if has is None:
            phrases.append(Phrase(PHRASES["language_missing"], {**params, "kind": kind}))
        else:
            phrases.append(Phrase(PHRASES["language"], {**params, "kind": kind, "has": has.value}))
    target = needs.min_experience_years or weights.experience_target_years
    phrases.append(
        Phrase(
            PHRASES["experience"],
            {"years": f"{profile.experience_years:g}", "target": f"{target:g}"},
        )
    )
    if components.preference:
        key = "heritage" if needs.country in profile.heritage_countries else "national"
        phrases.append(Phrase(PHRASES[key], {"country": needs.country}))
    phrases.append(Phrase(PHRASES["semantic"], {"similarity": f"{components.semantic:.2f}"}))
    return Explanation(profile.profile_id, True, components, tuple(phrases))
