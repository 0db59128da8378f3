"""Fixtures shared by the Django test suites: the roles of the role matrix, made by the services."""

from __future__ import annotations

from dataclasses import dataclass

import pytest


@dataclass
class World:
    own_org: object
    other_org: object
    pending_org: object
    published: object
    draft: object
    other_draft: object
    volunteer: object
    other_volunteer: object
    users: dict


@pytest.fixture
def world(db):
    from volex.accounts.tests.factories import UserFactory
    from volex.assignments.tests.factories import AssignmentFactory
    from volex.organizations.tests.factories import MembershipFactory, OrganizationFactory
    from volex.volunteers.tests.factories import VolunteerFactory

    own_org = OrganizationFactory(name="Own Host", country_id="UG")
    other_org = OrganizationFactory(name="Other Host", country_id="CF")
    pending_org = OrganizationFactory(name="Pending Host", verification_status="pending")
    supervisor_own = MembershipFactory(organization=own_org).user
    supervisor_other = MembershipFactory(organization=other_org).user
    manager = MembershipFactory(organization=own_org, role="programme_manager").user
    admin = UserFactory(is_staff=True, is_superuser=True)
    volunteer = VolunteerFactory()
    other_volunteer = VolunteerFactory(birth_date=__import__("datetime").date(1980, 1, 2))
    return World(
        own_org=own_org,
        other_org=other_org,
        pending_org=pending_org,
        published=AssignmentFactory(host=own_org, title="Published Role"),
        draft=AssignmentFactory(host=own_org, title="Draft Role", publish=False),
        other_draft=AssignmentFactory(host=other_org, title="Other Draft", publish=False),
        volunteer=volunteer,
        other_volunteer=other_volunteer,
        users={
            "anonymous": None,
            "volunteer": volunteer.user,
            "supervisor_own": supervisor_own,
            "supervisor_other": supervisor_other,
            "manager": manager,
            "admin": admin,
        },
    )


@pytest.fixture
def client_as(client):
    """`client_as(user)` logs the test client in as `user` (None stays anonymous)."""

    def login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return login


@pytest.fixture
def lexical_matching_engine(settings):
    """The real matching engine with its lexical encoder (deterministic, no model to load) and
    no in-memory index carried over from another test. Suites that walk applications through
    selection (which matches) use it for every test."""
    from volex.matching.encoders import clear_cache
    from volex.matching.index import reset_indexes

    settings.VOLEX_MATCHING_ENCODER = "hashing"
    clear_cache()
    reset_indexes()
    yield
    reset_indexes()
    clear_cache()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Keep the serialized test database (reference data loaded by migrations) reachable from
    every connection object. Playwright's sync API runs an event loop in the main thread, and
    Django's connection handler (an asgiref Local) then hands the tests a fresh connection object
    without `_test_serialized_contents`: `serialized_rollback` would silently restore nothing and
    every transactional test after the first would find the reference tables flushed."""
    from django.db import connections

    for alias in connections:
        connection = connections[alias]
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents is not None:
            type(connection)._test_serialized_contents = contents
    return None


@pytest.fixture(autouse=True)
def _english_by_default():
    """Each test starts in English: LocaleMiddleware leaves the last request's language active in
    the thread, so a French page in one test would turn the next test's messages French."""
    from django.conf import settings

    if not settings.configured:  # the pure domain tests run without Django
        yield
        return
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()
