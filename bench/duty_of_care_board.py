"""The duty of care board for one country with 5,000 volunteers in service (issue 5 target:
under 300 ms median over 20 requests, with a bounded number of queries).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test \
        PYTHONPATH=src .venv/bin/python bench/duty_of_care_board.py [--deployed 5000] [--runs 20]

Creates a throw-away test database (Django's test runner machinery, so reference data is loaded
by the migrations), bulk-inserts organizations, users, volunteers, assignments at ten duty
stations in Uganda, ready applications, deployments, two check-ins each and open flags on one in
ten, then requests /deployments/board/?country=UG as a programme manager --runs times through the
test client (full middleware, template rendering). Baseline in the same run: the same page of
rows read naively (last check-in and open flags asked per row, relations loaded lazily).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "volex.settings.test")


def seed(n: int) -> object:
    from django.utils import timezone

    from volex.accounts.models import User
    from volex.assignments.models import Assignment, DutyStation
    from volex.deployments.models import CheckIn, Deployment, RiskFlag
    from volex.organizations.models import Membership, Organization
    from volex.selection.models import Application
    from volex.volunteers.models import Volunteer

    host = Organization.objects.create(
        name="Bench Host", slug="bench-host", kind="un_entity", country_id="UG"
    )
    manager = User.objects.create_user(
        username="manager@bench.org", email="manager@bench.org", password="x"
    )
    Membership.objects.create(user=manager, organization=host, role="programme_manager")
    supervisor = User.objects.create_user(
        username="supervisor@bench.org", email="supervisor@bench.org", password="x"
    )
    Membership.objects.create(user=supervisor, organization=host, role="host_supervisor")
    stations = DutyStation.objects.bulk_create(
        DutyStation(country_id="UG", place=f"Station {i}", hardship_class="ABCDE"[i % 5])
        for i in range(10)
    )
    today = timezone.localdate()
    now = timezone.now()
    assignments = Assignment.objects.bulk_create(
        Assignment(
            host=host,
            title=f"Bench assignment {i}",
            category="international_specialist",
            sector="health",
            duty_station=stations[i % 10],
            positions=100,
            start_date=today - timedelta(days=90),
            end_date=today + timedelta(days=270),
            state="published",
            published_at=now,
        )
        for i in range((n + 99) // 100)
    )
    users = User.objects.bulk_create(
        User(
            username=f"v{i}@bench.org",
            email=f"v{i}@bench.org",
            first_name=f"Given{i}",
            last_name=f"Family{i}",
            password="!",
        )
        for i in range(n)
    )
    volunteers = Volunteer.objects.bulk_create(Volunteer(user=user) for user in users)
    applications = Application.objects.bulk_create(
        Application(assignment=assignments[i // 100], volunteer=volunteer, stage="ready")
        for i, volunteer in enumerate(volunteers)
    )
    deployments = Deployment.objects.bulk_create(
        Deployment(
            application=application,
            volunteer=application.volunteer,
            assignment=application.assignment,
            supervisor=supervisor,
            duty_station=application.assignment.duty_station,
            start_date=today - timedelta(days=60),
            planned_end_date=today + timedelta(days=270),
        )
        for application in applications
    )
    CheckIn.objects.bulk_create(
        CheckIn(
            deployment=deployment,
            submitted_at=now - timedelta(days=days + i % 20),
            wellbeing=1 + i % 5,
            workload=3,
            safety="safe",
        )
        for i, deployment in enumerate(deployments)
        for days in (3, 17)
    )
    RiskFlag.objects.bulk_create(
        RiskFlag(deployment=deployment, rule="low_wellbeing", evidence="bench", raised_at=now)
        for deployment in deployments[::10]
    )
    return manager


def naive_rows(user, country: str) -> int:
    """The baseline: a page of the board read row by row."""
    from volex.deployments.models import CheckIn, Deployment, RiskFlag

    rows = 0
    for deployment in Deployment.objects.filter(
        state="in_service", duty_station__country_id=country
    ).order_by("pk")[:200]:
        str(deployment.volunteer.user)
        str(deployment.duty_station.country)
        str(deployment.supervisor)
        CheckIn.objects.filter(deployment=deployment).order_by("-submitted_at").first()
        RiskFlag.objects.filter(deployment=deployment, status="open").count()
        list(deployment.volunteer.nationalities.all())
        rows += 1
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--deployed", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import (
        CaptureQueriesContext,
        setup_test_environment,
        teardown_test_environment,
    )

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    old_name = connection.settings_dict["NAME"]
    # A database of its own, so the benchmark never meets a test run on the same server.
    connection.settings_dict.setdefault("TEST", {})["NAME"] = f"volex_bench_board_{os.getpid()}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        started = time.perf_counter()
        manager = seed(args.deployed)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("ANALYZE")
        print(
            f"seeded {args.deployed:,} deployments in {time.perf_counter() - started:.1f} s "
            f"({connection.vendor})"
        )
        client = Client()
        client.force_login(manager)
        url = "/deployments/board/?country=UG"
        response = client.get(url)  # warm up
        assert response.status_code == 200, response.status_code
        assert response.context["summary"]["deployed"] == args.deployed
        timings = []
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as queries:
                began = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - began) * 1000)
        board_queries = len(queries)
        base_times = []
        for _ in range(3):
            with CaptureQueriesContext(connection) as base_queries:
                began = time.perf_counter()
                naive_rows(manager, "UG")
                base_times.append((time.perf_counter() - began) * 1000)
        print(f"{'what':<44} {'median ms':>10} {'max ms':>8} {'queries':>8}")
        print(
            f"{'board page (200 rows + summary), ' + str(args.runs) + ' runs':<44} "
            f"{statistics.median(timings):>10.1f} {max(timings):>8.1f} {board_queries:>8}"
        )
        print(
            f"{'baseline: same 200 rows read per row, 3 runs':<44} "
            f"{statistics.median(base_times):>10.1f} {max(base_times):>8.1f} "
            f"{len(base_queries):>8}"
        )
        print("target: median < 300 ms, queries bounded (independent of the number of rows)")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
