"""Read a rendered form back as the browser would submit it, for round-trip tests of edit pages:
GET the page, take what its form shows, POST it back unchanged."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[list[tuple[str, str]]] = []
        self._fields: list[tuple[str, str]] | None = None
        self._select: tuple[str, bool] | None = None  # (name, multiple)
        self._select_values: list[str] = []
        self._select_first: str | None = None
        self._option: tuple[str | None, bool] | None = None  # (value, selected)
        self._option_text = ""
        self._textarea: str | None = None
        self._textarea_text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "form":
            self._fields = []
            return
        if self._fields is None:
            return
        name = values.get("name")
        if tag == "input" and name and "disabled" not in values:
            kind = (values.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in values:
                    self._fields.append((name, values.get("value") or "on"))
            elif kind not in ("submit", "button", "image", "reset", "file"):
                self._fields.append((name, values.get("value") or ""))
        elif tag == "select" and name:
            self._select = (name, "multiple" in values)
            self._select_values = []
            self._select_first = None
        elif tag == "option" and self._select is not None:
            self._option = (values.get("value"), "selected" in values)
            self._option_text = ""
        elif tag == "textarea" and name:
            self._textarea = name
            self._textarea_text = ""

    def handle_data(self, data: str) -> None:
        if self._option is not None:
            self._option_text += data
        if self._textarea is not None:
            self._textarea_text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "option" and self._option is not None:
            value, selected = self._option
            value = self._option_text.strip() if value is None else value
            if self._select_first is None:
                self._select_first = value
            if selected:
                self._select_values.append(value)
            self._option = None
        elif tag == "select" and self._select is not None and self._fields is not None:
            name, multiple = self._select
            chosen = self._select_values
            if not chosen and not multiple and self._select_first is not None:
                chosen = [self._select_first]  # a browser sends the first option
            self._fields.extend((name, value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._fields is not None:
            # HTML drops the newline that opens a textarea's content.
            text = self._textarea_text
            self._fields.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "form" and self._fields is not None:
            self.forms.append(self._fields)
            self._fields = None


def form_values(html: str, *, having: str) -> dict[str, list[str]]:
    """The values the first form with a field named `having` would submit, as lists per name
    (the shape of `client.post(url, data)` with repeated keys)."""
    reader = _FormReader()
    reader.feed(html)
    for fields in reader.forms:
        if any(name == having for name, _value in fields):
            data: dict[str, list[str]] = {}
            for name, value in fields:
                data.setdefault(name, []).append(value)
            return data
    raise AssertionError(f"no form with a field named {having!r}")
