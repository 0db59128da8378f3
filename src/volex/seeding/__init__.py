"""Synthetic data at any size: `seed(volunteers, assignments)` and the `volex seed` command.

Not a Django app (no models): it writes rows of the domain apps' tables in bulk."""

from .api import SeedReport, seed

__all__ = ["SeedReport", "seed"]
