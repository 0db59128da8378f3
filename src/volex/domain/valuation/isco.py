"""The ISCO-08 hierarchy as its codes spell it: a unit group "2221" belongs to the minor group
"222", the sub-major group "22" and the major group "2"."""

from __future__ import annotations

import re
from enum import IntEnum

__all__ = ["IscoCodeError", "IscoLevel", "isco_code", "isco_lineage", "isco_parent"]

_CODE = re.compile(r"^[0-9]{1,4}$")


class IscoCodeError(ValueError):
    """Not an ISCO-08 code (one to four digits)."""


class IscoLevel(IntEnum):
    MAJOR_GROUP = 1
    SUB_MAJOR_GROUP = 2
    MINOR_GROUP = 3
    UNIT_GROUP = 4

    @property
    def label(self) -> str:
        """ "major group", "sub-major group", "minor group" or "unit group"."""
        return {1: "major group", 2: "sub-major group", 3: "minor group", 4: "unit group"}[self]


def isco_code(value: str) -> str:
    """`value` stripped, checked to be an ISCO-08 code of one to four digits."""
    code = value.strip() if isinstance(value, str) else ""
    if not _CODE.match(code):
        raise IscoCodeError(f"An ISCO-08 code has one to four digits, not {value!r}")
    return code


def isco_parent(code: str) -> str | None:
    code = isco_code(code)
    return code[:-1] or None


def isco_lineage(code: str) -> tuple[str, ...]:
    """`code` and the groups above it, most specific first: "2221" → ("2221", "222", "22", "2")."""
    code = isco_code(code)
    return tuple(code[:length] for length in range(len(code), 0, -1))
