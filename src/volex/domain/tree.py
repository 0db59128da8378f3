"""Walking a tree held as a child → parent map (the organization tree: a mission, its field
offices, their sub-offices). Pure, so the matching engine can walk a map it has loaded once."""

from __future__ import annotations

from collections.abc import Mapping


def ancestor_chain(node: int, parents: Mapping[int, int | None]) -> list[int]:
    """`node`, its parent, its parent's parent... up to the root (a cycle is walked once)."""
    chain: list[int] = []
    seen: set[int] = set()
    current: int | None = node
    while current is not None and current not in seen:
        chain.append(current)
        seen.add(current)
        current = parents.get(current)
    return chain
