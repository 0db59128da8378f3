import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from volex.settings.base import INSECURE_SECRET_KEY
from volex.settings.checks import check_production_settings

GOOD_KEY = "k" * 50


@pytest.mark.parametrize(
    ("secret_key", "debug", "message"),
    [
        (INSECURE_SECRET_KEY, False, "SECRET_KEY"),
        ("", False, "SECRET_KEY"),
        ("short", False, "SECRET_KEY"),
        (GOOD_KEY, True, "DEBUG"),
    ],
)
def test_production_settings_refuse_insecure_defaults(secret_key, debug, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        check_production_settings(secret_key=secret_key, debug=debug)


def test_production_settings_accept_a_real_key():
    check_production_settings(secret_key=GOOD_KEY, debug=False)


def _start(env):
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "volex.settings.prod", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_process_will_not_start_without_secret_key():
    result = _start({})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
    assert _start({"SECRET_KEY": GOOD_KEY}).returncode == 0


def test_database_url_selects_the_database(monkeypatch):
    import dj_database_url

    parsed = dj_database_url.parse("postgresql://postgres@127.0.0.1:5432/volex")
    assert parsed["ENGINE"] == "django.db.backends.postgresql"
    assert parsed["NAME"] == "volex"


def test_volex_command_lists_its_subcommands():
    result = subprocess.run(
        [sys.executable, "-m", "volex.cli", "help"], capture_output=True, text=True, check=True
    )
    for command in ("demo", "serve", "seed", "migrate"):
        assert command in result.stdout
