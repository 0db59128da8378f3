import pytest


@pytest.fixture(autouse=True)
def _matching_engine(settings):
    from volex.matching.encoders import clear_cache
    from volex.matching.index import reset_indexes

    settings.VOLEX_MATCHING_ENCODER = "hashing"
    clear_cache()
    reset_indexes()
    yield
    reset_indexes()
    clear_cache()


@pytest.fixture
def deployment(world):
    from .factories import deploy

    return deploy(world.volunteer, world.published, world.users["supervisor_own"])
