import pytest


@pytest.fixture(autouse=True)
def _matching_engine(settings):
    """The lexical encoder: the e-mail tests walk applications through selection, which matches."""
    from volex.matching.encoders import clear_cache
    from volex.matching.index import reset_indexes

    settings.VOLEX_MATCHING_ENCODER = "hashing"
    clear_cache()
    reset_indexes()
    yield
    reset_indexes()
    clear_cache()
