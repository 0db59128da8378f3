"""Language proficiency on the CEFR scale, with 'native' above C2."""

from __future__ import annotations

from enum import StrEnum


class CEFRLevel(StrEnum):
    A1 = "A1"
    A2 = "A2"
    B1 = "B1"
    B2 = "B2"
    C1 = "C1"
    C2 = "C2"
    NATIVE = "native"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {level: i + 1 for i, level in enumerate(CEFRLevel)}
