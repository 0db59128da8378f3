"""`volex seed` on a database that `volex migrate` has not set up yet says what to do, in one
line and with a failing exit code, instead of ending in a traceback."""

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[3]


def _volex(*args, home: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "DJANGO_SETTINGS_MODULE": "volex.settings.dev",
        "VOLEX_HOME": str(home),
        "DATABASE_URL": f"sqlite:///{home / 'volex.sqlite3'}",
    }
    return subprocess.run(
        [sys.executable, "-c", "from volex.cli import main; main()", *args],
        env=env,
        cwd=home,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_seed_before_migrate_says_to_migrate_first(tmp_path):
    done = _volex("seed", "--volunteers", "1", "--assignments", "1", "--no-progress", home=tmp_path)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "Run `volex migrate` first" in done.stderr
