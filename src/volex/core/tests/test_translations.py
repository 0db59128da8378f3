"""The French catalogue: complete, current with the code, compiled, and used by the pages.

To bring the catalogue up to date after changing marked strings, from ``src/volex``::

    DJANGO_SETTINGS_MODULE=volex.settings.test python -m django makemessages -l fr \\
        --no-location --ignore 'tests/*' --ignore '*/tests/*' --ignore 'locale/*'
    # translate the new entries (no empty msgstr, no "fuzzy" flag), then
    python -m django compilemessages
"""

from __future__ import annotations

import gettext as gettext_module
import re
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

import volex

PACKAGE_DIR = Path(volex.__file__).resolve().parent
LC_MESSAGES = PACKAGE_DIR / "locale" / "fr" / "LC_MESSAGES"
PO_PATH = LC_MESSAGES / "django.po"
MO_PATH = LC_MESSAGES / "django.mo"

# The options the catalogue is made with (see the module docstring).
MAKEMESSAGES_IGNORE = ["tests/*", "*/tests/*", "locale/*"]
GETTEXT_TOOLS = ("xgettext", "msguniq", "msgmerge", "msgattrib")
EXTRACTED_SUFFIXES = (".py", ".html", ".txt")  # makemessages' defaults for the "django" domain
SKIPPED_DIRS = {"tests", "locale", "__pycache__", "node_modules"}


# --- a small PO parser -------------------------------------------------------------------------

_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    '"': '"',
    "\\": "\\",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
}
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')


def _unquote(token: str, where: str) -> str:
    token = token.strip()
    if len(token) < 2 or token[0] != '"' or token[-1] != '"':
        raise ValueError(f"{where}: not a quoted string: {token!r}")

    def escape(match: re.Match) -> str:
        char = match.group(1)
        if char not in _ESCAPES:
            raise ValueError(f"{where}: unknown escape \\{char}")
        return _ESCAPES[char]

    return re.sub(r"\\(.)", escape, token[1:-1])


@dataclass
class Entry:
    line: int
    msgid: str | None = None
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid or "")

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    def label(self) -> str:
        ctxt = f" [msgctxt {self.msgctxt!r}]" if self.msgctxt is not None else ""
        return f"line {self.line}: {self.msgid!r}{ctxt}"


def parse_po(text: str, name: str = "<po>") -> list[Entry]:
    """Entries of a PO file: multi-line strings, msgctxt, plurals, flags and obsolete (#~) entries."""
    entries: list[Entry] = []
    entry: Entry | None = None
    target: tuple[str, int | None] | None = None  # the field continuation lines extend

    def finish() -> None:
        nonlocal entry, target
        if entry is not None and entry.msgid is not None:
            entries.append(entry)
        elif entry is not None and (entry.msgstr or entry.msgctxt is not None):
            raise ValueError(f"{name}:{entry.line}: entry without msgid")
        entry, target = None, None

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        obsolete = False
        if line.startswith("#~"):
            obsolete, line = True, line[2:].strip()
            if line.startswith("|"):  # previous msgid of an obsolete entry
                continue
        elif line.startswith("#"):
            if entry is not None and entry.msgstr:  # comments open the next entry
                finish()
            if entry is None:
                entry = Entry(number)
            if line.startswith("#,"):
                entry.flags.update(f.strip() for f in line[2:].split(",") if f.strip())
            continue
        if not line:
            finish()
            continue
        where = f"{name}:{number}"
        match = _KEYWORD.match(line)
        if match:
            keyword, index, value = match.group(1), match.group(2), _unquote(match.group(3), where)
            if keyword in ("msgctxt", "msgid") and entry is not None and entry.msgstr:
                finish()  # a new entry without a blank line before it
            if entry is None:
                entry = Entry(number)
            entry.obsolete = entry.obsolete or obsolete
            if keyword == "msgctxt":
                entry.msgctxt, target = value, ("msgctxt", None)
            elif keyword == "msgid":
                entry.msgid, target = value, ("msgid", None)
            elif keyword == "msgid_plural":
                entry.msgid_plural, target = value, ("msgid_plural", None)
            else:
                i = int(index) if index is not None else 0
                if index is None and entry.msgid_plural is not None:
                    raise ValueError(f"{where}: plural entry with a plain msgstr")
                if i in entry.msgstr:
                    raise ValueError(f"{where}: msgstr[{i}] given twice")
                entry.msgstr[i], target = value, ("msgstr", i)
        elif line.startswith('"'):
            if entry is None or target is None:
                raise ValueError(f"{where}: string continuation outside an entry")
            value = _unquote(line, where)
            attr, i = target
            if attr == "msgstr":
                entry.msgstr[i] += value
            else:
                setattr(entry, attr, getattr(entry, attr) + value)
        else:
            raise ValueError(f"{where}: cannot parse {raw!r}")
    finish()
    return entries


def read_po(path: Path) -> list[Entry]:
    return parse_po(path.read_text(encoding="utf-8"), str(path))


def live_entries(entries: list[Entry]) -> list[Entry]:
    return [e for e in entries if not e.obsolete and not e.is_header]


def header(entries: list[Entry]) -> tuple[Entry, dict[str, str]]:
    found = [e for e in entries if e.is_header and not e.obsolete]
    assert len(found) == 1, 'the catalogue needs exactly one header entry (msgid "")'
    fields = {}
    for line in found[0].msgstr.get(0, "").splitlines():
        if ":" in line:
            k, v = line.split(":", 1)
            fields[k.strip()] = v.strip()
    return found[0], fields


# --- placeholders ------------------------------------------------------------------------------

_PYTHON_FORMAT = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0 +\-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?(?P<conv>[diouxXeEfFgGcrsa%])"
)
_NAMED = re.compile(r"%\((\w+)\)")
_BRACE = re.compile(r"(?<!\{)\{([^{}]*)\}(?!\})")


def placeholders(text: str, flags: set[str]) -> Counter:
    """The format directives of `text`, as a multiset: what a translation must keep."""
    found: Counter = Counter()
    if "python-format" in flags:
        for m in _PYTHON_FORMAT.finditer(text):
            name = m.group("name")
            found["%" + (f"({name})" if name is not None else "") + m.group("conv")] += 1
    else:
        found.update(f"%({name})" for name in _NAMED.findall(text))
    if "python-brace-format" in flags:
        found.update("{" + name + "}" for name in _BRACE.findall(text))
    return found


# --- (a) every entry translated, not fuzzy, same placeholders -----------------------------------


def test_catalogue_header_is_french_with_french_plural_rule():
    entries = read_po(PO_PATH)
    entry, fields = header(entries)
    assert "fuzzy" not in entry.flags, "the header is fuzzy: msgfmt would drop Plural-Forms"
    assert fields.get("Language") == "fr"
    assert "charset=UTF-8" in fields.get("Content-Type", "")
    assert fields.get("Plural-Forms", "").replace(" ", "") == "nplurals=2;plural=(n>1);"


def test_every_entry_is_translated_not_fuzzy_and_keeps_its_placeholders():
    entries = live_entries(read_po(PO_PATH))
    assert len(entries) > 300, "the catalogue looks truncated"
    problems: list[str] = []
    seen: set = set()
    for e in entries:
        if e.key in seen:
            problems.append(f"{e.label()}: duplicate entry")
        seen.add(e.key)
        if "fuzzy" in e.flags:
            problems.append(f"{e.label()}: fuzzy")
        if e.msgid_plural is None:
            expected_forms = [0]
            sources = {0: e.msgid}
        else:
            expected_forms = [0, 1]
            sources = {0: e.msgid_plural, 1: e.msgid_plural}
        if sorted(e.msgstr) != expected_forms:
            problems.append(f"{e.label()}: forms {sorted(e.msgstr)}, expected {expected_forms}")
            continue
        for i, source in sources.items():
            text = e.msgstr[i]
            if not text.strip():
                problems.append(f"{e.label()}: msgstr[{i}] is empty")
                continue
            want, got = placeholders(source, e.flags), placeholders(text, e.flags)
            if want != got:
                problems.append(
                    f"{e.label()}: msgstr[{i}] placeholders {sorted(got.elements())} "
                    f"!= msgid {sorted(want.elements())}"
                )
            for edge in (str.startswith, str.endswith):
                if edge(source, "\n") != edge(text, "\n"):
                    problems.append(f"{e.label()}: msgstr[{i}] and msgid differ in line breaks")
    assert not problems, f"{len(problems)} problem(s) in {PO_PATH}:\n" + "\n".join(problems)


def test_placeholder_check_catches_mistakes():
    flags = {"python-format"}
    assert placeholders("%(n)s of %(total)s (%(share)s%%)", flags) == placeholders(
        "%(total)s : %(n)s (%(share)s %%)", flags
    )
    assert placeholders("%(n)s item", flags) != placeholders("%(m)s élément", flags)
    assert placeholders("Unknown “%s”.", flags) != placeholders("Inconnu.", flags)
    entries = parse_po(
        'msgid ""\nmsgstr "Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
        '#, fuzzy, python-format\nmsgctxt "c"\nmsgid ""\n"a %(x)s "\n"b"\nmsgid_plural "as"\n'
        'msgstr[0] "un"\nmsgstr[1] ""\n"des"\n\n#~ msgid "old"\n#~ msgstr "vieux"\n'
    )
    assert [(e.msgctxt, e.msgid, e.msgstr, e.obsolete) for e in entries] == [
        (None, "", {0: "Plural-Forms: nplurals=2; plural=(n > 1);\n"}, False),
        ("c", "a %(x)s b", {0: "un", 1: "des"}, False),
        (None, "old", {0: "vieux"}, True),
    ]
    assert entries[1].flags == {"fuzzy", "python-format"}


# --- (b) the catalogue is up to date with the code ----------------------------------------------


def _copy_sources(destination: Path) -> None:
    """The files makemessages reads, without tests, catalogues, caches or data."""

    def ignore(directory: str, names: list[str]) -> set[str]:
        skipped = set()
        for name in names:
            path = Path(directory) / name
            if path.is_dir():
                if name in SKIPPED_DIRS or name.startswith("."):
                    skipped.add(name)
            elif not name.endswith(EXTRACTED_SUFFIXES):
                skipped.add(name)
        return skipped

    shutil.copytree(PACKAGE_DIR, destination, ignore=ignore)


def test_catalogue_has_every_string_the_code_marks(tmp_path, monkeypatch):
    missing_tools = [tool for tool in GETTEXT_TOOLS if shutil.which(tool) is None]
    if missing_tools:
        pytest.fail(
            "GNU gettext tools are missing ("
            + ", ".join(missing_tools)
            + "): install gettext (e.g. `apt-get install gettext`) to check the catalogue.",
            pytrace=False,
        )
    source = tmp_path / "volex"
    _copy_sources(source)
    (source / "locale").mkdir()
    monkeypatch.chdir(source)
    # With no LOCALE_PATHS, makemessages writes only into ./locale, i.e. the temporary copy.
    with override_settings(LOCALE_PATHS=[]):
        call_command(
            "makemessages",
            locale=["fr"],
            no_location=True,
            ignore_patterns=MAKEMESSAGES_IGNORE,
            verbosity=0,
        )
    fresh = live_entries(read_po(source / "locale" / "fr" / "LC_MESSAGES" / "django.po"))
    assert len(fresh) > 300, "makemessages found suspiciously few strings"
    committed = {e.key: e for e in live_entries(read_po(PO_PATH))}
    missing = []
    for e in fresh:
        have = committed.get(e.key)
        if have is None:
            missing.append(e.label().split(": ", 1)[1])
        elif have.msgid_plural != e.msgid_plural:
            missing.append(f"{e.msgid!r} (plural is now {e.msgid_plural!r})")
    assert not missing, (
        f"{len(missing)} marked string(s) missing from {PO_PATH.relative_to(PACKAGE_DIR.parent.parent)}; "
        "run makemessages (see this module's docstring), translate, compilemessages:\n"
        + "\n".join(missing)
    )


# --- (c) the compiled catalogue matches the PO file ---------------------------------------------


def test_mo_file_matches_po_file():
    assert MO_PATH.exists(), f"{MO_PATH} is missing: run compilemessages"
    with MO_PATH.open("rb") as fp:
        compiled = gettext_module.GNUTranslations(fp)
    expected: dict = {}
    for e in live_entries(read_po(PO_PATH)):
        if "fuzzy" in e.flags:
            continue
        key = e.msgid if e.msgctxt is None else f"{e.msgctxt}\x04{e.msgid}"
        if e.msgid_plural is None:
            expected[key] = e.msgstr[0]
        else:
            for i, text in e.msgstr.items():
                expected[(key, i)] = text
    actual = {k: v for k, v in compiled._catalog.items() if k != ""}
    stale = sorted(
        (repr(k) for k in expected.keys() | actual.keys() if expected.get(k) != actual.get(k)),
        key=str,
    )
    assert not stale, (
        "django.mo is out of date with django.po; run compilemessages. Differences:\n"
        + "\n".join(stale[:50])
    )
    assert compiled.info().get("plural-forms", "").replace(" ", "") == "nplurals=2;plural=(n>1);"
    assert compiled.ngettext("%(n)s position", "%(n)s positions", 0) == "%(n)s poste"
    assert compiled.ngettext("%(n)s position", "%(n)s positions", 2) == "%(n)s postes"


def test_django_uses_the_french_catalogue():
    with translation.override("fr"):
        assert translation.gettext("Assignments") == "Affectations"
        assert translation.gettext("duty station") == "lieu d\u2019affectation"
        assert translation.gettext("Programme manager") == "Gestionnaire de programme"
        assert translation.gettext("SDG") == "ODD"
        position = "%(n)s position", "%(n)s positions"
        assert translation.ngettext(*position, 0) % {"n": 0} == "0 poste"
        assert translation.ngettext(*position, 1) % {"n": 1} == "1 poste"
        assert translation.ngettext(*position, 2) % {"n": 2} == "2 postes"
    with translation.override("en"):
        assert translation.gettext("Assignments") == "Assignments"


# --- (d) a page rendered in French --------------------------------------------------------------


@pytest.mark.django_db
def test_assignment_list_renders_in_french(client):
    from volex.assignments.tests.factories import AssignmentFactory

    AssignmentFactory(title="Community Health Officer")
    response = client.get("/assignments/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="fr">' in page
    for french in (
        "Affectations de volontaires",
        "Afficher les affectations",
        "Effacer les filtres",
        "1 affectation trouvée",
        "1 poste",
        "Spécialiste international",
        "Se connecter",
    ):
        assert french in page, f"{french!r} not on the French page"
    for english in ("Volunteer assignments", "Show assignments", "assignment found", "Log in"):
        assert english not in page, f"{english!r} left in English on the French page"


@pytest.mark.django_db
def test_language_cookie_switches_to_french(client):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    page = client.get("/assignments/").content.decode()
    assert "Affectations de volontaires" in page
    assert "Aucune affectation publiée ne correspond à ces filtres." in page
