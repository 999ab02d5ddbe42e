"""The application queue with 100,000 cases.

Run: ``.venv/bin/python benchmarks/bench_cases.py`` (or ``make bench``). For each
backend (a throw-away SQLite file and, when reachable, a throw-away PostgreSQL
database on 127.0.0.1:5432) it migrates an empty database, bulk-creates 100,000
applications (one item each; consultations, extensions and supplementations on some;
97 % answered) for one agency, then times back-office pages through Django's test
client as a clerk of that agency and prints the query count, median and p95.

Each backend runs in its own process (Django's settings are per process). After the
bulk load the database gets ``ANALYZE`` (PostgreSQL: ``VACUUM ANALYZE``), as autovacuum
would. ``BENCH_CASES``, ``BENCH_RUNS`` and ``BENCH_BACKENDS`` (``sqlite,postgres``) adjust
the run.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = int(os.environ.get("BENCH_CASES", "100000"))
RUNS = int(os.environ.get("BENCH_RUNS", "30"))
PG_SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
BACKENDS = os.environ.get("BENCH_BACKENDS", "sqlite,postgres").split(",")
BATCH = 5000


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _populate(agency, clerk, head) -> None:  # type: ignore[no-untyped-def]
    from gongkai.cases.choices import APPLICANT_COLUMNS, OUTCOME_KEYS
    from gongkai.cases.models import (
        Application,
        ApplicationItem,
        Consultation,
        Extension,
        Supplementation,
    )

    rng = random.Random(1)
    start = date(2016, 1, 4)
    span = (date(2025, 12, 20) - start).days
    for offset in range(0, CASES, BATCH):
        batch = []
        for n in range(offset, min(offset + BATCH, CASES)):
            received = start + timedelta(days=span * n // CASES)
            answered = rng.random() < 0.97
            batch.append(
                Application(
                    agency=agency,
                    tracking_number=f"B{n:09d}",
                    query_code_hash="!",
                    applicant_type=rng.choice(APPLICANT_COLUMNS),
                    applicant_name=f"申请人{n}",
                    id_type="resident_id",
                    id_number=f"6405021990{n:08d}",
                    requested_form="paper",
                    delivery="post",
                    channel="in_person",
                    received_on=received,
                    status="closed" if answered else "in_progress",
                    answered_on=received + timedelta(days=rng.randint(5, 40))
                    if answered
                    else None,
                    outcome=rng.choice(OUTCOME_KEYS) if answered else "",
                    assigned_to=clerk if n % 3 else None,
                )
            )
        created = Application.objects.bulk_create(batch)
        ApplicationItem.objects.bulk_create(
            ApplicationItem(
                application=a, description="某项政府信息", normalised="某项政府信息"
            )
            for a in created
        )
        Consultation.objects.bulk_create(
            Consultation(
                application=a,
                kind="agency",
                party="某局",
                sent_on=a.received_on,
                answered_on=a.received_on + timedelta(days=7),
            )
            for a in created[::50]
        )
        Extension.objects.bulk_create(
            Extension(
                application=a,
                days=20,
                reason="x",
                approved_by=head,
                approved_on=a.received_on,
            )
            for a in created[7::40]
        )
        Supplementation.objects.bulk_create(
            Supplementation(
                application=a,
                notified_on=a.received_on,
                period_days=10,
                requested="x",
                supplemented_on=a.received_on + timedelta(days=3),
            )
            for a in created[11::60]
        )


def _time(client, url: str) -> tuple[int, float, float]:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    warm = client.get(url)  # warm caches
    assert warm.status_code == 200, (url, warm.status_code)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    count = len(queries)  # read now: the next request resets the query log
    times = []
    for _ in range(RUNS):
        began = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - began) * 1000)
    return count, statistics.median(times), _percentile(times, 0.95)


def run_backend(label: str) -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from gongkai.agencies.models import Agency, Membership
    from gongkai.agencies.services import staff_group
    from gongkai.cases.selectors import case_table3

    began = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter()
    agency = Agency.objects.create(
        name="基准测试局", kind="department", level="municipal"
    )
    users = get_user_model().objects
    clerk = users.create_user("bench_clerk", password="x")
    head = users.create_user("bench_head", password="x")
    clerk.groups.add(staff_group())
    Membership.objects.create(user=clerk, agency=agency, role="clerk")
    Membership.objects.create(user=head, agency=agency, role="head")
    _populate(agency, clerk, head)
    with connection.cursor() as cursor:
        # Statistics and (PostgreSQL) the visibility map, as autovacuum leaves them
        # after a bulk load: a steady-state database, not one caught mid-import.
        cursor.execute(
            "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
        )
    populated = time.perf_counter()
    print(
        f"[{label}] migrate {migrated - began:.1f} s; bulk-create {CASES:,} cases {populated - migrated:.1f} s"
    )
    client = Client()
    client.force_login(clerk)
    pages = [
        ("queue, first page", "/admin/gongkai/cases/"),
        ("queue, page 1000", "/admin/gongkai/cases/?p=1000"),
        ("queue, status=in_progress", "/admin/gongkai/cases/?status=in_progress"),
        (
            "queue, year=2024 + applicant type",
            "/admin/gongkai/cases/?year=2024&applicant_type=commercial",
        ),
        ("queue, overdue (deadlines computed)", "/admin/gongkai/cases/?due=overdue"),
        ("my cases", "/admin/gongkai/cases/mine/"),
        ("case page", "/admin/gongkai/cases/1/"),
    ]
    print(f"[{label}] {'page':<38} {'queries':>7} {'median ms':>10} {'p95 ms':>8}")
    for name, url in pages:
        count, median, p95 = _time(client, url)
        print(f"[{label}] {name:<38} {count:>7} {median:>10.1f} {p95:>8.1f}")
    times = []
    for _ in range(10):
        t = time.perf_counter()
        case_table3(agency_ids=[agency.pk], year=2024)
        times.append((time.perf_counter() - t) * 1000)
    print(
        f"[{label}] {'case_table3 (2 queries)':<38} {2:>7} {statistics.median(times):>10.1f} {_percentile(times, 0.95):>8.1f}"
    )


def _child(label: str, database_url: str) -> int:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.call([sys.executable, __file__, "--run", label], env=env)  # noqa: S603


def _sqlite() -> None:
    with tempfile.TemporaryDirectory(prefix="gk-bench-") as tmp:
        _child("sqlite", f"sqlite:///{tmp}/bench.sqlite3")


def _postgres() -> None:
    try:
        import psycopg

        admin = psycopg.connect(
            f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=3
        )
    except Exception as exc:  # noqa: BLE001 - report and skip
        print(f"[postgres] skipped: {exc}")
        return
    name = f"gk_bench_cases_{uuid.uuid4().hex[:8]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        _child("postgres", f"{PG_SERVER}/{name}")
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--run":
        sys.path.insert(0, str(ROOT))
        run_backend(sys.argv[2])
        return
    print(f"Application queue with {CASES:,} cases, {RUNS} timed requests per page")
    if "sqlite" in BACKENDS:
        _sqlite()
    if "postgres" in BACKENDS:
        _postgres()


if __name__ == "__main__":
    main()
