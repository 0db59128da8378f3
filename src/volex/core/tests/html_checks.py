"""Checks of a rendered page that a browser or a screen reader relies on: element ids are unique,
and every id that `aria-describedby`, `aria-labelledby` or a label's `for` names exists."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

REFERRING = ("aria-describedby", "aria-labelledby", "aria-controls")


class _IdReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: Counter[str] = Counter()
        self.referred: list[tuple[str, str, str]] = []  # (tag, attribute, id)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids[value] += 1
            elif name in REFERRING:
                self.referred.extend((tag, name, ref) for ref in value.split())
            elif name == "for" and tag == "label":
                self.referred.append((tag, name, value))


def html_problems(html: str) -> list[str]:
    """What is wrong with the page's ids, one line per problem (empty when nothing is)."""
    reader = _IdReader()
    reader.feed(html)
    problems = [f"duplicate id {i!r} ({n}×)" for i, n in sorted(reader.ids.items()) if n > 1]
    problems += [
        f"<{tag} {attr}> names missing id {ref!r}"
        for tag, attr, ref in reader.referred
        if ref not in reader.ids
    ]
    return problems
