import pytest


@pytest.fixture(autouse=True)
def _matching_engine(lexical_matching_engine):
    """Each test matches with the lexical encoder and starts with no in-memory index (root
    conftest)."""
