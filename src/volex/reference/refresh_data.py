"""Refresh the packaged reference data from a checkout of the shared data sets (a maintainer tool).

    python -m volex.reference.refresh_data /path/to/shared/data

The product never runs this: it reads only the copies under ``volex/reference/data/``. The copies
keep the source files' own layout and column names but drop what Volex does not use, so that the
package stays small:

- ``sdg/<lang>/global_goals.yml`` and ``global_targets.yml`` for the six UN languages, unchanged
  (the indicators files are not copied), with ``sdg/LICENSE``;
- ``esco/*.csv.gz``: the tabiya CSV export, gzipped, keeping only the columns listed in
  ``ESCO_COLUMNS``; ``skills_hierarchy`` keeps only the skill-group to skill-group rows, because
  the individual skills they would link to are not shipped;
- ``peace-operations/DPPADPOSS-PKO.csv``: byte for byte as published (its flaws are corrected on
  import, by ``volex.reference.sources.peace_operations``).
"""

from __future__ import annotations

import csv
import gzip
import io
import shutil
import sys
from pathlib import Path

from .sources.paths import DATA_DIR
from .sources.sdg import SDG_LANGUAGES

SDG_FILES = ("global_goals.yml", "global_targets.yml")
ESCO_COLUMNS = {
    "ISCOGroups.csv": ["ORIGINURI", "ID", "CODE", "PREFERREDLABEL", "DESCRIPTION"],
    "occupations.csv": [
        "ORIGINURI",
        "ID",
        "ISCOGROUPCODE",
        "CODE",
        "PREFERREDLABEL",
        "ALTLABELS",
        "DESCRIPTION",
    ],
    "occupations_hierarchy.csv": ["PARENTOBJECTTYPE", "PARENTID", "CHILDID", "CHILDOBJECTTYPE"],
    "skillGroups.csv": ["ORIGINURI", "ID", "CODE", "PREFERREDLABEL", "ALTLABELS", "DESCRIPTION"],
    "skills_hierarchy.csv": ["PARENTOBJECTTYPE", "PARENTID", "CHILDID", "CHILDOBJECTTYPE"],
}


def _keep_row(name: str, row: dict[str, str]) -> bool:
    if name == "skills_hierarchy.csv":
        return row["PARENTOBJECTTYPE"] == "skillgroup" and row["CHILDOBJECTTYPE"] == "skillgroup"
    return True


def strip_csv(source: Path, target: Path, columns: list[str]) -> int:
    with source.open(newline="", encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if _keep_row(source.name, row)]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    # mtime=0 keeps the gzip bytes reproducible.
    with target.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(buffer.getvalue().encode("utf-8"))
    return len(rows)


def refresh(source_dir: Path, data_dir: Path = DATA_DIR) -> None:
    (data_dir / "sdg").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source_dir / "sdg" / "LICENSE", data_dir / "sdg" / "LICENSE")
    for lang in SDG_LANGUAGES:
        (data_dir / "sdg" / lang).mkdir(exist_ok=True)
        for name in SDG_FILES:
            shutil.copyfile(source_dir / "sdg" / lang / name, data_dir / "sdg" / lang / name)
    (data_dir / "esco").mkdir(exist_ok=True)
    shutil.copyfile(
        source_dir / "esco" / "CSV_Format_Documentation.md",
        data_dir / "esco" / "CSV_Format_Documentation.md",
    )
    for name, columns in ESCO_COLUMNS.items():
        count = strip_csv(source_dir / "esco" / name, data_dir / "esco" / f"{name}.gz", columns)
        print(f"esco/{name}.gz: {count} rows")
    (data_dir / "peace-operations").mkdir(exist_ok=True)
    shutil.copyfile(
        source_dir / "peace-operations" / "DPPADPOSS-PKO.csv",
        data_dir / "peace-operations" / "DPPADPOSS-PKO.csv",
    )


if __name__ == "__main__":  # pragma: no cover - maintainer tool
    if len(sys.argv) != 2:
        sys.exit("usage: python -m volex.reference.refresh_data /path/to/shared/data")
    refresh(Path(sys.argv[1]))
