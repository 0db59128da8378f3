import pytest


@pytest.fixture(autouse=True)
def _matching_engine(settings):
    """The real matching engine with its lexical encoder (deterministic, no model to load) and
    no in-memory index carried over from another test."""
    from volex.matching.encoders import clear_cache
    from volex.matching.index import reset_indexes

    settings.VOLEX_MATCHING_ENCODER = "hashing"
    clear_cache()
    reset_indexes()
    yield
    reset_indexes()
    clear_cache()
