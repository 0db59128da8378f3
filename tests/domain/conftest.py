"""Keeps tests/domain free of Django: they need only `src` on the path.

Run them with `PYTHONPATH=src pytest tests/domain -p no:django`; the path is also added here so that
a plain `pytest tests/domain -p no:django` works from the repository root.
"""

from __future__ import annotations

import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))
