"""Every URL the resolver knows, GET and POST, against every role.

The cases are generated from the URL resolver: `test_every_url_has_a_case` fails for a route that
has no case here, so a new view cannot ship without saying who may use it. Each case is asked by
the six roles of the role matrix (anonymous, volunteer, supervisor of the owning organization,
supervisor of another organization, programme manager, administrator); each role's request runs
in a savepoint that is rolled back, so a POST by one role does not change what the next one finds.

Status codes: 200/201 answered; 302 redirected (to log in for the anonymous, else back to a page
with a message); 400 allowed but the input or state is refused in words; 401 the API wants a
login; 403 refused; 404 not visible to this role; 405 method not allowed.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ROLES = ["anonymous", "volunteer", "supervisor_own", "supervisor_other", "manager", "admin"]

# Routes that are not Volex's own views, each with why it has no case.
NOT_VOLEX = {
    "set_language": "Django's language switch (tested by the translation tests)",
    "accounts:logout": "Django's own logout view",
}


def _route_names(patterns=None, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # Django's admin checks is_staff itself (test_admin_coverage)
            inner = ":".join(n for n in (namespace, pattern.namespace or "") if n)
            names |= _route_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


@dataclass
class Scene:
    """One of each object a URL can name, owned by the own organization's programme."""

    world: object
    application: object
    deployment: object
    hours: object
    flag: object
    notification: object
    roll_call_token: str
    wage_import: object
    extra: dict = field(default_factory=dict)


@pytest.fixture
def scene(world):
    from volex.assignments.tests.factories import AssignmentFactory
    from volex.deployments import services as deployments
    from volex.deployments.models import RiskFlag, RollCallAnswer
    from volex.deployments.tests.factories import deploy
    from volex.impact.services import wage_table_import
    from volex.notifications.models import Kind
    from volex.notifications.services import notification_send
    from volex.selection.services import application_apply

    users = world.users
    application = application_apply(volunteer=world.volunteer, assignment=world.published)
    serving = AssignmentFactory(host=world.own_org, title="Service Role")
    deployment = deploy(world.volunteer, serving, users["supervisor_own"])
    monday = date.today() - timedelta(days=date.today().weekday() + 7)
    hours = deployments.hours_record(
        deployment=deployment,
        by=world.volunteer.user,
        period_start=monday,
        period_end=monday + timedelta(days=4),
        hours=Decimal("20"),
        activity="Training of trainers",
    )
    deployments.checkin_submit(
        deployment=deployment,
        by=world.volunteer.user,
        wellbeing=1,
        workload=5,
        safety="unsafe",
        wants_to_talk=True,
    )
    flag = RiskFlag.objects.filter(deployment=deployment).first()
    assert flag is not None, "a check-in saying unsafe raises a duty-of-care flag"
    roll_call = deployments.roll_call_start(
        by=users["manager"], country_id=deployment.assignment.duty_station.country_id
    )
    answer = RollCallAnswer.objects.get(roll_call=roll_call, deployment=deployment)
    notification = notification_send(
        recipient=world.volunteer.user,
        kind=Kind.SHORTLISTED,
        params={"assignment": "x", "host": "y"},
    )
    report = wage_table_import(
        file=io.BytesIO(b"country,isco\n"), uploaded_by=users["manager"], file_name="w.csv"
    )
    return Scene(
        world=world,
        application=application,
        deployment=deployment,
        hours=hours,
        flag=flag,
        notification=notification,
        roll_call_token=answer.token,
        wage_import=report.record,
    )


@dataclass(frozen=True)
class Case:
    id: str
    route: str
    method: str
    kwargs: Callable[[Scene], dict] = lambda s: {}
    data: dict = field(default_factory=dict)
    query: str = ""


def _published(s):
    return {"pk": s.world.published.pk}


def _draft(s):
    return {"pk": s.world.draft.pk}


def _application(s):
    return {"pk": s.application.pk}


def _deployment(s):
    return {"pk": s.deployment.pk}


def _hours(s):
    return {"pk": s.hours.pk}


GET, POST, PUT, PATCH = "get", "post", "put", "patch"
ANON_302 = 302  # the login page
CASES: list[Case] = []


def case(route, method, _, kwargs=lambda s: {}, data=None, query="", label=""):
    CASES.append(
        Case(
            id=f"{route}{'[' + label + ']' if label else ''} {method.upper()}",
            route=route,
            method=method,
            kwargs=kwargs,
            data=data or {},
            query=query,
        )
    )


X = None  # the expected row of each case is in EXPECTED, at the end of this module

# --- Public pages and the site ---
case("site:home", GET, X)
case("site:healthz", GET, X)
case("accounts:signup", GET, X)
case("accounts:signup", POST, X, data={"email": ""})
case("accounts:login", GET, X)
case("organizations:list", GET, X)
case("organizations:detail", GET, X, lambda s: {"slug": s.world.own_org.slug}, label="verified")
case("organizations:detail", GET, X, lambda s: {"slug": s.world.pending_org.slug}, label="pending")
# --- Volunteers ---
case("volunteers:me", GET, X)
case("volunteers:edit", GET, X)
case("volunteers:edit", POST, X, data={"first_name": ""})
case("volunteers:detail", GET, X, lambda s: {"pk": s.world.other_volunteer.pk})
# --- Assignments ---
case("assignments:list", GET, X)
case("assignments:manage", GET, X)
case("assignments:create", GET, X)
case("assignments:create", POST, X, data={"title": ""})
case("assignments:occupation-options", GET, X, query="occupation=nurse")
case("assignments:detail", GET, X, _published, label="published")
case("assignments:detail", GET, X, _draft, label="draft")
case("assignments:edit", GET, X, _draft)
case("assignments:edit", POST, X, _draft, data={"title": ""})
case("assignments:duplicate", POST, X, _published)
case("assignments:submit", POST, X, _draft)
case("assignments:approve", POST, X, _draft)
case("assignments:return", POST, X, _draft)
# --- Matching ---
case("matching:candidates", GET, X, _published)
case("matching:for-me", GET, X)
# --- Selection ---
case("selection:mine", GET, X)
case("selection:pipeline", GET, X, _published)
case("selection:apply", GET, X, _published)
case("selection:apply", POST, X, lambda s: {"pk": s.world.draft.pk}, label="draft")
case("selection:invite", POST, X, _published, data={"volunteer": "0"})
case("selection:application", GET, X, _application)
for action in ("longlist", "shortlist", "prefer", "reject", "assess", "offer"):
    case("selection:action", POST, X, lambda s, a=action: {**_application(s), "action": a},
         label=action)  # fmt: skip
for action in ("withdraw", "decline", "accept", "onboarding"):
    case("selection:action", POST, X, lambda s, a=action: {**_application(s), "action": a},
         label=action)  # fmt: skip
# --- Notifications ---
case("notifications:inbox", GET, X)
case("notifications:read-all", POST, X)
case("notifications:open", POST, X, lambda s: {"pk": s.notification.pk})
# --- Deployments ---
case("deployments:mine", GET, X)
case("deployments:team", GET, X)
case("deployments:board", GET, X, query="country=UG")
case("deployments:roll-call-start", POST, X, data={"country": "UG"})
case("deployments:roll-call-answer", GET, X, lambda s: {"token": s.roll_call_token})
case("deployments:roll-call-answer", POST, X, lambda s: {"token": s.roll_call_token},
     data={"answer": "safe"})  # fmt: skip
case("deployments:start", GET, X, lambda s: {"application_pk": s.application.pk})
case("deployments:detail", GET, X, _deployment)
case("deployments:log-hours", POST, X, _deployment, data={"hours": "x"})
case("deployments:check-in", POST, X, _deployment, data={"wellbeing": "x"})
case("deployments:add-result", POST, X, _deployment, data={"description": ""})
case("deployments:extend", POST, X, _deployment, data={"new_end_date": "x"})
case("deployments:end-early", POST, X, _deployment, data={"reason": ""})
case("deployments:complete", POST, X, _deployment)
case("deployments:certificate", GET, X, _deployment)
case("deployments:approve-hours", POST, X, _hours)
case("deployments:reject-hours", POST, X, _hours, data={"reason": ""})
case("deployments:follow-up", POST, X, lambda s: {"pk": s.flag.pk}, data={"notes": ""})
# --- Impact ---
case("impact:wage-list", GET, X)
case("impact:wage-import", GET, X)
case("impact:wage-import-detail", GET, X, lambda s: {"pk": s.wage_import.pk})
case("impact:reports", GET, X)
case("impact:report-export", GET, X, lambda s: {"fmt": "csv"})
# --- API ---
case("api:schema", GET, X)
case("api:docs", GET, X)
case("api:token", POST, X, data={"username": "nobody", "password": "wrong"})
case("api:organization-list", GET, X)
case("api:organization-detail", GET, X, lambda s: {"pk": s.world.own_org.pk})
case("api:assignment-list", GET, X)
case("api:assignment-detail", GET, X, _published, label="published")
case("api:assignment-detail", GET, X, _draft, label="draft")
case("api:assignment-manage", GET, X)
case("api:assignment-create", POST, X, data={"title": ""})
case("api:assignment-update", PUT, X, _draft, data={"title": ""})
case("api:assignment-update", PATCH, X, _draft, data={"title": "Renamed"})
case("api:assignment-duplicate", POST, X, _published)
case("api:assignment-submit", POST, X, _draft)
case("api:assignment-approve", POST, X, _draft)
case("api:assignment-return", POST, X, _draft)
case("api:assignment-history", GET, X, _draft)
case("api:selection-my-applications", GET, X)
case("api:selection-my-invitations", GET, X)
case("api:selection-apply", POST, X, lambda s: {"pk": s.world.draft.pk})
case("api:selection-assignment-applications", GET, X, _published)
case("api:selection-assignment-candidates", GET, X, _published)
case("api:selection-invite", POST, X, _published, data={"volunteer": 0})
case("api:selection-application", GET, X, _application)
for action in ("longlist", "shortlist", "assess", "prefer", "offer", "reject"):
    case(f"api:selection-{action}", POST, X, _application)
for action in ("accept", "decline", "withdraw", "onboarding"):
    case(f"api:selection-{action}", POST, X, _application)
case("api:inbox", GET, X)
case("api:notification-read", POST, X, lambda s: {"pk": s.notification.pk})
case("api:deployment-list", GET, X)
case("api:deployment-board", GET, X, query="country=UG")
case("api:deployment-detail", GET, X, _deployment)
case("api:deployment-hours", GET, X, _deployment)
case("api:deployment-hours", POST, X, _deployment, data={"hours": "x"})
case("api:deployment-checkins", GET, X, _deployment)
case("api:deployment-checkins", POST, X, _deployment, data={"wellbeing": "x"})
case("api:deployment-flags", GET, X, _deployment)
case("api:deployment-results", POST, X, _deployment, data={"description": ""})
case("api:hours-approve", POST, X, _hours)
case("api:hours-reject", POST, X, _hours, data={"reason": ""})
case("api:impact-report", GET, X)
case("api:impact-report-reach", GET, X, lambda s: {"name": "sex"})
case("api:impact-report-breakdown", GET, X, lambda s: {"name": "sdg_goal"})
case("api:my-profile", GET, X)
case("api:my-profile", PATCH, X, data={"headline": "Nurse"})
case("api:assignment-candidates", GET, X, _published)
case("api:assignment-match-run-create", POST, X, _published)
case("api:my-matches", GET, X)


def _ask(client_as, scene, case: Case, role: str) -> int:
    client = client_as(scene.world.users[role])
    url = reverse(case.route, kwargs=case.kwargs(scene))
    if case.query:
        url = f"{url}?{case.query}"
    with transaction.atomic():
        if case.method == GET:
            response = client.get(url)
        elif case.route.startswith("api:"):
            send = {POST: client.post, PUT: client.put, PATCH: client.patch}[case.method]
            response = send(url, case.data, content_type="application/json")
        else:
            response = client.post(url, case.data)
        transaction.set_rollback(True)
    return response.status_code


def test_every_url_has_a_case():
    covered = {c.route for c in CASES} | set(NOT_VOLEX)
    missing = _route_names() - covered
    assert not missing, f"routes without a case in the URL matrix: {sorted(missing)}"
    unknown = covered - _route_names()
    assert not unknown, f"cases for routes that no longer exist: {sorted(unknown)}"


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_url_matrix(scene, client_as, case):
    got = [_ask(client_as, scene, case, role) for role in ROLES]
    assert got == EXPECTED[case.id], dict(zip(ROLES, got, strict=True))


def test_every_case_has_its_expected_row():
    assert sorted(EXPECTED) == sorted(c.id for c in CASES)


# Expected status per case, in the order of ROLES:
# anonymous, volunteer, supervisor_own, supervisor_other, manager, admin.
# Notes: a volunteer asking for a host's step gets the pipeline's refusal in words (302 with a
# message on pages, 400 in the API), as a host asking for a volunteer's step does; a roll-call is
# answered by its token alone (the link in the message), so every role reaches it.
EXPECTED = {
    "site:home GET": [200, 200, 200, 200, 200, 200],
    "site:healthz GET": [200, 200, 200, 200, 200, 200],
    "accounts:signup GET": [200, 302, 302, 302, 302, 302],
    "accounts:signup POST": [200, 302, 302, 302, 302, 302],
    "accounts:login GET": [200, 302, 302, 302, 302, 302],
    "organizations:list GET": [200, 200, 200, 200, 200, 200],
    "organizations:detail[verified] GET": [200, 200, 200, 200, 200, 200],
    "organizations:detail[pending] GET": [404, 404, 404, 404, 404, 200],
    "volunteers:me GET": [302, 200, 404, 404, 404, 404],
    "volunteers:edit GET": [302, 200, 404, 404, 404, 404],
    "volunteers:edit POST": [302, 200, 404, 404, 404, 404],
    "volunteers:detail GET": [302, 403, 403, 403, 200, 200],
    "assignments:list GET": [200, 200, 200, 200, 200, 200],
    "assignments:manage GET": [302, 403, 200, 200, 200, 200],
    "assignments:create GET": [302, 403, 200, 200, 200, 200],
    "assignments:occupation-options GET": [302, 403, 200, 200, 200, 200],
    "assignments:create POST": [302, 403, 200, 200, 200, 200],
    "assignments:detail[published] GET": [200, 200, 200, 200, 200, 200],
    "assignments:detail[draft] GET": [404, 404, 200, 404, 200, 200],
    "assignments:edit GET": [302, 404, 200, 404, 200, 200],
    "assignments:edit POST": [302, 404, 200, 404, 200, 200],
    "assignments:duplicate POST": [302, 403, 302, 403, 302, 302],
    "assignments:submit POST": [302, 404, 302, 404, 302, 302],
    "assignments:approve POST": [302, 404, 403, 404, 302, 302],
    "assignments:return POST": [302, 404, 403, 404, 302, 302],
    "matching:candidates GET": [302, 403, 200, 403, 200, 200],
    "matching:for-me GET": [302, 200, 404, 404, 404, 404],
    "selection:mine GET": [302, 200, 403, 403, 403, 403],
    "selection:pipeline GET": [302, 403, 200, 403, 200, 200],
    "selection:apply GET": [302, 302, 403, 403, 403, 403],
    "selection:apply[draft] POST": [302, 404, 403, 403, 403, 403],
    "selection:invite POST": [302, 403, 404, 403, 404, 404],
    "selection:application GET": [302, 200, 200, 404, 200, 200],
    "selection:action[longlist] POST": [302, 302, 302, 404, 302, 302],
    "selection:action[shortlist] POST": [302, 302, 302, 404, 302, 302],
    "selection:action[prefer] POST": [302, 302, 302, 404, 302, 302],
    "selection:action[reject] POST": [302, 302, 302, 404, 302, 302],
    "selection:action[assess] POST": [302, 302, 302, 404, 302, 302],
    "selection:action[offer] POST": [302, 302, 302, 404, 302, 302],
    "selection:action[withdraw] POST": [302, 302, 302, 404, 302, 302],
    "selection:action[decline] POST": [302, 302, 302, 404, 302, 302],
    "selection:action[accept] POST": [302, 302, 302, 404, 302, 302],
    "selection:action[onboarding] POST": [302, 302, 302, 404, 302, 302],
    "notifications:inbox GET": [302, 200, 200, 200, 200, 200],
    "notifications:read-all POST": [302, 302, 302, 302, 302, 302],
    "notifications:open POST": [302, 302, 404, 404, 404, 404],
    "deployments:mine GET": [302, 200, 404, 404, 404, 404],
    "deployments:team GET": [302, 403, 200, 200, 200, 200],
    "deployments:board GET": [302, 403, 200, 200, 200, 200],
    "deployments:roll-call-start POST": [302, 403, 403, 403, 302, 302],
    "deployments:roll-call-answer GET": [200, 200, 200, 200, 200, 200],
    "deployments:roll-call-answer POST": [302, 302, 302, 302, 302, 302],
    "deployments:start GET": [302, 403, 200, 403, 200, 200],
    "deployments:detail GET": [302, 200, 200, 404, 200, 200],
    "deployments:log-hours POST": [302, 400, 400, 404, 400, 400],
    "deployments:check-in POST": [302, 400, 400, 404, 400, 400],
    "deployments:add-result POST": [302, 400, 400, 404, 400, 400],
    "deployments:extend POST": [302, 400, 400, 404, 400, 400],
    "deployments:end-early POST": [302, 302, 302, 404, 302, 302],
    "deployments:complete POST": [302, 400, 400, 404, 400, 400],
    "deployments:certificate GET": [302, 404, 404, 404, 404, 404],
    "deployments:approve-hours POST": [302, 403, 302, 404, 302, 302],
    "deployments:reject-hours POST": [302, 403, 302, 404, 302, 302],
    "deployments:follow-up POST": [302, 404, 404, 404, 302, 302],
    "impact:wage-list GET": [302, 403, 403, 403, 200, 200],
    "impact:wage-import GET": [302, 403, 403, 403, 200, 200],
    "impact:wage-import-detail GET": [302, 403, 403, 403, 200, 200],
    "impact:reports GET": [302, 403, 200, 200, 200, 200],
    "impact:report-export GET": [302, 403, 200, 200, 200, 200],
    "api:schema GET": [200, 200, 200, 200, 200, 200],
    "api:docs GET": [200, 200, 200, 200, 200, 200],
    "api:token POST": [400, 400, 400, 400, 400, 400],
    "api:organization-list GET": [200, 200, 200, 200, 200, 200],
    "api:organization-detail GET": [200, 200, 200, 200, 200, 200],
    "api:assignment-list GET": [200, 200, 200, 200, 200, 200],
    "api:assignment-detail[published] GET": [200, 200, 200, 200, 200, 200],
    "api:assignment-detail[draft] GET": [404, 404, 200, 404, 200, 200],
    "api:assignment-manage GET": [401, 200, 200, 200, 200, 200],
    "api:assignment-create POST": [401, 400, 400, 400, 400, 400],
    "api:assignment-update PUT": [401, 404, 400, 404, 400, 400],
    "api:assignment-update PATCH": [401, 404, 200, 404, 200, 200],
    "api:assignment-duplicate POST": [401, 403, 201, 403, 201, 201],
    "api:assignment-submit POST": [401, 404, 200, 404, 200, 200],
    "api:assignment-approve POST": [401, 404, 403, 404, 400, 400],
    "api:assignment-return POST": [401, 404, 403, 404, 400, 400],
    "api:assignment-history GET": [401, 404, 200, 404, 200, 200],
    "api:selection-my-applications GET": [401, 200, 403, 403, 403, 403],
    "api:selection-my-invitations GET": [401, 200, 403, 403, 403, 403],
    "api:selection-apply POST": [401, 404, 403, 403, 403, 403],
    "api:selection-assignment-applications GET": [401, 403, 200, 403, 200, 200],
    "api:selection-assignment-candidates GET": [401, 403, 200, 403, 200, 200],
    "api:selection-invite POST": [401, 403, 404, 403, 404, 404],
    "api:selection-application GET": [401, 200, 200, 404, 200, 200],
    "api:selection-longlist POST": [401, 400, 200, 404, 200, 200],
    "api:selection-shortlist POST": [401, 400, 200, 404, 200, 200],
    "api:selection-assess POST": [401, 400, 400, 404, 400, 400],
    "api:selection-prefer POST": [401, 400, 400, 404, 400, 400],
    "api:selection-offer POST": [401, 400, 400, 404, 400, 400],
    "api:selection-reject POST": [401, 400, 200, 404, 200, 200],
    "api:selection-accept POST": [401, 400, 400, 404, 400, 400],
    "api:selection-decline POST": [401, 400, 400, 404, 400, 400],
    "api:selection-withdraw POST": [401, 200, 400, 404, 400, 400],
    "api:selection-onboarding POST": [401, 400, 400, 404, 400, 400],
    "api:inbox GET": [401, 200, 200, 200, 200, 200],
    "api:notification-read POST": [401, 200, 404, 404, 404, 404],
    "api:deployment-list GET": [401, 200, 200, 200, 200, 200],
    "api:deployment-board GET": [401, 403, 200, 200, 200, 200],
    "api:deployment-detail GET": [401, 200, 200, 404, 200, 200],
    "api:deployment-hours GET": [401, 200, 200, 404, 200, 200],
    "api:deployment-hours POST": [401, 400, 400, 404, 400, 400],
    "api:deployment-checkins GET": [401, 200, 403, 404, 200, 200],
    "api:deployment-checkins POST": [401, 400, 400, 404, 400, 400],
    "api:deployment-flags GET": [401, 200, 403, 404, 200, 200],
    "api:deployment-results POST": [401, 400, 400, 404, 400, 400],
    "api:hours-approve POST": [401, 403, 200, 404, 200, 200],
    "api:hours-reject POST": [401, 400, 400, 404, 400, 400],
    "api:impact-report GET": [401, 403, 200, 200, 200, 200],
    "api:impact-report-reach GET": [401, 403, 200, 200, 200, 200],
    "api:impact-report-breakdown GET": [401, 403, 200, 200, 200, 200],
    "api:my-profile GET": [401, 200, 404, 404, 404, 404],
    "api:my-profile PATCH": [401, 200, 404, 404, 404, 404],
    "api:assignment-candidates GET": [401, 403, 200, 403, 200, 200],
    "api:assignment-match-run-create POST": [401, 403, 201, 403, 201, 201],
    "api:my-matches GET": [401, 200, 404, 404, 404, 404],
}
