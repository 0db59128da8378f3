import pytest

from volex.matching.index import reset_indexes


@pytest.fixture(autouse=True)
def _fresh_indexes():
    """Each test starts with no in-memory index (the database rolls back between tests)."""
    reset_indexes()
    yield
    reset_indexes()


@pytest.fixture(autouse=True)
def _hashing_encoder(settings):
    """The lexical encoder: deterministic and with no model to load."""
    from volex.matching.encoders import clear_cache

    settings.VOLEX_MATCHING_ENCODER = "hashing"
    clear_cache()
    yield
    clear_cache()
