"""Where the packaged reference data lies: the copies under ``volex/reference/data/``.

See ``data/ATTRIBUTION.md`` for their sources and licences; ``volex.reference.refresh_data``
regenerates them.
"""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
