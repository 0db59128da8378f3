import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from volex.settings.base import DEV_BASE_URL, INSECURE_SECRET_KEY
from volex.settings.checks import check_base_url, check_production_settings

GOOD_KEY = "k" * 50
GOOD_URL = "https://volex.example.org"


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
        check_production_settings(secret_key=secret_key, debug=debug, base_url=GOOD_URL)


def test_production_settings_accept_a_real_key():
    check_production_settings(secret_key=GOOD_KEY, debug=False, base_url=GOOD_URL)


@pytest.mark.parametrize(
    ("base_url", "allow_http", "message"),
    [
        ("", False, "public address"),
        (DEV_BASE_URL, False, "public address"),
        (DEV_BASE_URL + "/", True, "public address"),
        ("volex.example.org", False, "public address"),
        ("ftp://volex.example.org", False, "public address"),
        ("http://volex.example.org", False, "https"),
    ],
)
def test_production_refuses_a_missing_or_plain_http_base_url(base_url, allow_http, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        check_production_settings(
            secret_key=GOOD_KEY, debug=False, base_url=base_url, allow_http=allow_http
        )


def test_production_accepts_http_only_when_explicitly_allowed():
    check_production_settings(
        secret_key=GOOD_KEY, debug=False, base_url="http://volex.internal:8000", allow_http=True
    )
    check_production_settings(secret_key=GOOD_KEY, debug=False, base_url=GOOD_URL + "/volex/")


def test_the_embedded_mode_accepts_its_default_but_not_a_bare_host():
    check_base_url(DEV_BASE_URL, production=False)
    with pytest.raises(ImproperlyConfigured, match="public address"):
        check_base_url("127.0.0.1:8000", production=False)


# the checkout under test, not whichever volex the interpreter has installed
SOURCE = str(Path(__file__).resolve().parents[3])


def _start(env):
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": SOURCE,
            "DJANGO_SETTINGS_MODULE": "volex.settings.prod",
            **env,
        },
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_process_will_not_start_without_secret_key():
    result = _start({"VOLEX_BASE_URL": GOOD_URL})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
    assert _start({"SECRET_KEY": GOOD_KEY, "VOLEX_BASE_URL": GOOD_URL}).returncode == 0


def test_production_process_will_not_start_without_its_public_address():
    result = _start({"SECRET_KEY": GOOD_KEY})
    assert result.returncode != 0
    assert "VOLEX_BASE_URL must be the site's public address" in result.stderr
    result = _start({"SECRET_KEY": GOOD_KEY, "VOLEX_BASE_URL": "http://volex.example.org"})
    assert "VOLEX_BASE_URL must use https" in result.stderr
    allowed = {"VOLEX_BASE_URL": "http://volex.example.org", "VOLEX_BASE_URL_ALLOW_HTTP": "1"}
    assert _start({"SECRET_KEY": GOOD_KEY, **allowed}).returncode == 0


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


# --- Every VOLEX_* setting declared once -----------------------------------------------------

PACKAGE = Path(SOURCE) / "volex"
VOLEX_NAME = re.compile(r"\bVOLEX_[A-Z0-9_]*[A-Z0-9]\b")


def _volex_names_in_code() -> dict[str, str]:
    """Each VOLEX_* name in the package (outside test folders: a test-only switch such as
    VOLEX_TEST_TRANSFORMER is not a setting), with one file that uses it."""
    names: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix not in {".py", ".md", ".html", ".txt"} or "tests" in path.parts:
            continue
        for name in VOLEX_NAME.findall(path.read_text(encoding="utf-8")):
            names.setdefault(name, str(path.relative_to(PACKAGE)))
    return names


def test_every_volex_setting_is_declared_in_base_settings_and_named_in_the_readme():
    base = (PACKAGE / "settings" / "base.py").read_text(encoding="utf-8")
    readme = (Path(SOURCE).parent / "README.md").read_text(encoding="utf-8")
    names = _volex_names_in_code()
    assert "VOLEX_BASE_URL" in names and "VOLEX_DUTY_OF_CARE" in names
    undeclared = {
        name: used
        for name, used in names.items()
        if not re.search(rf'^{name} = |environ\.get\("{name}"', base, re.M)
    }
    assert undeclared == {}, "declare these in settings/base.py, read from the environment"
    unnamed = {name: used for name, used in names.items() if f"`{name}`" not in readme}
    assert unnamed == {}, "name these in README.md (Running on PostgreSQL, Other variables)"


def test_volex_settings_are_read_without_a_second_default():
    readers = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if re.search(r"getattr\(\s*settings,\s*[\"']VOLEX_", path.read_text(encoding="utf-8"))
    ]
    assert readers == [], "read the setting as an attribute: its default lives in settings/base.py"
