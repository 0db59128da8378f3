"""One date style and one date-time style across the site, set per language by the locale
formats (`volex.core.formats`) rather than spelt out in templates: English reads
"22 Jun 2027" and "18 Dec 2026 00:56" everywhere, French writes its own."""

import re
from datetime import UTC, date, datetime
from pathlib import Path

from django.template import Context, Template
from django.utils import formats, translation

SRC = Path(__file__).resolve().parents[2]
DAY = date(2027, 6, 22)
MOMENT = datetime(2026, 12, 18, 0, 56, tzinfo=UTC)


def test_english_dates_and_date_times_have_one_style_each():
    with translation.override("en"):
        assert formats.date_format(DAY) == "22 Jun 2027"
        assert formats.date_format(MOMENT, "DATETIME_FORMAT") == "18 Dec 2026 00:56"
        rendered = Template("{{ day }}|{{ moment }}|{{ day|date }}").render(
            Context({"day": DAY, "moment": MOMENT})
        )
        assert rendered == "22 Jun 2027|18 Dec 2026 00:56|22 Jun 2027"


def test_french_formats_dates_its_own_way():
    with translation.override("fr"):
        assert formats.date_format(DAY) == "22 juin 2027"


def test_no_template_spells_out_a_date_format():
    # A format written in a template would ignore the language; only the year alone is allowed.
    spelt = []
    for path in SRC.rglob("*.html"):
        for match in re.finditer(r'\|date:"([^"]*)"', path.read_text()):
            if match.group(1) not in ("Y", "DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATE_FORMAT"):
                spelt.append(f"{path.relative_to(SRC)}: {match.group(1)}")
    assert spelt == []
