"""Every page names an SVG favicon that the static files hold (browsers ask for /favicon.ico
otherwise, and the tab shows a blank page icon)."""

import re
from pathlib import Path

from django.contrib.staticfiles import finders


def test_every_page_links_a_favicon_that_exists(client, db):
    html = client.get("/").content.decode()
    link = re.search(r'<link rel="icon" type="image/svg\+xml" href="/static/([^"]+)">', html)
    assert link, "no <link rel=icon> in the page's head"
    path = finders.find(link.group(1))
    assert path and Path(path).read_text().lstrip().startswith("<svg")
