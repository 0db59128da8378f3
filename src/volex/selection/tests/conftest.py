import pytest


@pytest.fixture(autouse=True)
def _matching_engine(lexical_matching_engine):
    """Every test here matches with the lexical encoder (root conftest)."""
