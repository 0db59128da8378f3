"""Read and clean the packaged reference data: plain dataclasses in, plain dataclasses out.

This package imports nothing from Django or from other Volex apps, so that it can be tested (and
reused) without settings or a database. It reads only the copies under ``data/`` (see
``data/ATTRIBUTION.md``) and the ``pycountry`` package. One module per source:

- :mod:`.iso`: countries and languages (``pycountry``);
- :mod:`.sdg`: the Sustainable Development Goals and their targets;
- :mod:`.esco`: ESCO's ISCO-08 groups, occupations and skill groups;
- :mod:`.peace_operations`: the UN peace operations, with the corrections of the extract;
- :mod:`.paths`: where the data lies.

Every name of those modules that callers use is importable from here too
(``from volex.reference import sources``; ``sources.read_countries()``).
"""

from __future__ import annotations

from .esco import (
    ESCO_DIR,
    ISCOGroupRecord,
    OccupationRecord,
    RawSkillGroup,
    SkillGroupRecord,
    build_skill_tree,
    code_is_under,
    read_isco_groups,
    read_occupations,
    read_raw_skill_groups,
    read_skill_groups,
    split_labels,
)
from .iso import CountryRecord, LanguageRecord, read_countries, read_languages
from .paths import DATA_DIR
from .peace_operations import (
    COORDINATE_PLACES,
    CORRECTIONS,
    COUNTRY_BOUNDS,
    HEADQUARTERS_COUNTRY,
    PEACE_OPERATIONS_CSV,
    Correction,
    PeaceOperationRecord,
    RawPeaceOperation,
    clean_name,
    clean_peace_operation,
    country_for_headquarters,
    fix_coordinates,
    in_bounds,
    looks_truncated,
    parse_bool,
    parse_date,
    parse_decimal,
    read_peace_operations,
    read_raw_peace_operations,
)
from .sdg import (
    SDG_DIR,
    SDG_LANGUAGES,
    SDG_TRANSLATED_LANGUAGES,
    SDGGoalRecord,
    SDGTargetRecord,
    read_sdg,
    target_sort_key,
)

__all__ = [
    "CORRECTIONS",
    "COORDINATE_PLACES",
    "COUNTRY_BOUNDS",
    "DATA_DIR",
    "ESCO_DIR",
    "HEADQUARTERS_COUNTRY",
    "PEACE_OPERATIONS_CSV",
    "SDG_DIR",
    "SDG_LANGUAGES",
    "SDG_TRANSLATED_LANGUAGES",
    "Correction",
    "CountryRecord",
    "ISCOGroupRecord",
    "LanguageRecord",
    "OccupationRecord",
    "PeaceOperationRecord",
    "RawPeaceOperation",
    "RawSkillGroup",
    "SDGGoalRecord",
    "SDGTargetRecord",
    "SkillGroupRecord",
    "build_skill_tree",
    "clean_name",
    "clean_peace_operation",
    "code_is_under",
    "country_for_headquarters",
    "fix_coordinates",
    "in_bounds",
    "looks_truncated",
    "parse_bool",
    "parse_date",
    "parse_decimal",
    "read_countries",
    "read_isco_groups",
    "read_languages",
    "read_occupations",
    "read_peace_operations",
    "read_raw_peace_operations",
    "read_raw_skill_groups",
    "read_sdg",
    "read_skill_groups",
    "split_labels",
    "target_sort_key",
]
