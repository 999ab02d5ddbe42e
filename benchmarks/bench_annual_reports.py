"""Building and aggregating annual reports from large case records, on PostgreSQL.

Targets (issue 7):
- building one agency-year from 100,000 cases: under 200 ms;
- aggregating a government of 200 departments with 1,000,000 cases: under 2 s;
- the build's time divided by the time of the bare SQL aggregates it needs, measured
  in the same run: under 2.

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_annual_reports.py``. Uses the
test settings against ``DATABASE_URL`` (default: the local PostgreSQL,
``postgres://postgres@127.0.0.1:5432/gk_bench_annual_reports``; Django creates and drops
``test_gk_bench_annual_reports``). ``BENCH_KEEPDB=1`` keeps the generated database for the
next run. Rows are generated with ``INSERT … SELECT generate_series`` (seconds, not
minutes); timings are medians of repeated warm runs.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gk_bench_annual_reports"
)

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

SINGLE_CASES = 100_000
DEPARTMENTS = 200
AGGREGATE_CASES = 1_000_000
YEAR = 2023
RUNS = 21

OUTCOMES = [
    "granted",
    "partially_granted",
    "withheld_state_secret",
    "withheld_law_prohibited",
    "withheld_security_stability",
    "withheld_third_party",
    "withheld_internal_affairs",
    "withheld_process_info",
    "withheld_enforcement_file",
    "withheld_inquiry_matter",
    "unavailable_not_held",
    "unavailable_needs_creation",
    "unavailable_still_unclear",
    "declined_petition",
    "declined_duplicate",
    "declined_publication",
    "declined_excessive",
    "declined_confirmation",
    "other_no_correction",
    "other_fee_unpaid",
    "other_other",
]
APPLICANTS = [
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_services",
    "other_org",
]
VARYING = {
    "id",
    "agency_id",
    "tracking_number",
    "received_on",
    "answered_on",
    "status",
    "outcome",
    "governing_outcome",
    "applicant_type",
    "id_number",
    "split_from_id",
    "possible_duplicate_of_id",
}


def paired_ms(
    first: Callable[[], object], second: Callable[[], object], runs: int = RUNS
) -> tuple[float, float, float]:
    """Medians of ``first`` and ``second`` run alternately (so that load from other
    processes falls on both alike), and the median of the per-pair ratios."""
    first(), second()
    a, b = [], []
    for _ in range(runs):
        for func, out in ((first, a), (second, b)):
            start = time.perf_counter()
            func()
            out.append((time.perf_counter() - start) * 1000)
    ratios = [x / y for x, y in zip(a, b, strict=True)]
    return statistics.median(a), statistics.median(b), statistics.median(ratios)


def median_ms(func: Callable[[], object], runs: int = RUNS) -> float:
    func()  # warm-up: connection, caches, query plans
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _array(values: list[str]) -> str:
    return "ARRAY[" + ",".join(f"'{v}'" for v in values) + "]"


def generate_cases(agency_ids: list[int], per_agency: int, start_serial: int) -> None:
    """``per_agency`` applications for each agency, received 2021–2024, 85 % answered
    within 0–59 days, applicant types and outcomes spread over every column and row."""
    from gongkai.cases.models import Application
    from tests.factories.cases import ApplicationFactory

    template = ApplicationFactory(agency_id=agency_ids[0], tracking_number="TEMPLATE")
    copied = [
        f.column for f in Application._meta.concrete_fields if f.attname not in VARYING
    ]
    columns = ", ".join(copied)
    from_template = ", ".join(f"t.{c}" for c in copied)
    sql = f"""
        INSERT INTO cases_application (
            {columns}, agency_id, tracking_number, received_on, answered_on, status,
            outcome, governing_outcome, applicant_type, id_number
        )
        SELECT {from_template}, a.id,
            'B' || lpad((%(start)s + (a.ord - 1) * %(n)s + g)::text, 11, '0'),
            r.received, r.answered,
            CASE WHEN r.answered IS NULL THEN 'in_progress' ELSE 'closed' END,
            CASE WHEN r.answered IS NULL THEN '' ELSE
                ({_array(OUTCOMES)})[1 + (g * 7 + a.id) %% {len(OUTCOMES)}] END,
            '',
            ({_array(APPLICANTS)})[1 + (g * 13 + a.id) %% {len(APPLICANTS)}],
            'ID' || ((g * 31) %% 50000)::text
        FROM cases_application t,
            unnest(%(agencies)s::bigint[]) WITH ORDINALITY AS a(id, ord),
            generate_series(1, %(n)s) AS g,
            LATERAL (
                SELECT DATE '2021-01-01' + ((g * 37 + a.id) %% 1460)::int AS received
            ) AS d,
            LATERAL (
                SELECT d.received,
                    CASE WHEN (g %% 20) < 17
                        THEN d.received + ((g * 11) %% 60)::int ELSE NULL END AS answered
            ) AS r
        WHERE t.id = %(template)s
    """  # noqa: S608 - model column names and module constants only
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {
                "start": start_serial,
                "agencies": agency_ids,
                "n": per_agency,
                "template": template.pk,
            },
        )
    Application.objects.filter(pk=template.pk).delete()


def generate_appeals(agency_ids: list[int], per_agency: int) -> None:
    sql = """
        INSERT INTO cases_appeal (agency_id, kind, reference, authority, appellant,
            filed_on, decided_on, result, note, is_demo, created_at)
        SELECT a.id,
            (ARRAY['reconsideration','litigation_direct',
                   'litigation_after_reconsideration'])[1 + g %% 3],
            '', '', '', DATE '2021-01-01' + ((g * 53 + a.id) %% 1460)::int,
            CASE WHEN g %% 4 = 0 THEN NULL
                ELSE DATE '2021-01-01' + ((g * 53 + a.id) %% 1460)::int + 90 END,
            CASE WHEN g %% 4 = 0 THEN 'pending'
                ELSE (ARRAY['upheld','corrected','other'])[1 + g %% 3] END,
            '', false, now()
        FROM unnest(%(agencies)s::bigint[]) AS a(id), generate_series(1, %(n)s) AS g
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, {"agencies": agency_ids, "n": per_agency})


BARE_SQL = [
    # Table 3: new, carried over, carried forward per applicant type.
    """SELECT applicant_type,
        COUNT(*) FILTER (WHERE received_on >= %(start)s),
        COUNT(*) FILTER (WHERE received_on < %(start)s),
        COUNT(*) FILTER (WHERE answered_on IS NULL OR answered_on > %(end)s)
       FROM cases_application
       WHERE agency_id = %(agency)s AND received_on <= %(end)s
         AND (answered_on IS NULL OR answered_on >= %(start)s)
       GROUP BY applicant_type""",
    # Table 3: outcome rows.
    """SELECT applicant_type, outcome, COUNT(*) FROM cases_application
       WHERE agency_id = %(agency)s AND answered_on BETWEEN %(start)s AND %(end)s
       GROUP BY applicant_type, outcome""",
    # Table 4: decided in the year, and pending at its end.
    """SELECT kind, result, COUNT(*) FROM cases_appeal
       WHERE agency_id = %(agency)s AND filed_on <= %(end)s
         AND decided_on BETWEEN %(start)s AND %(end)s GROUP BY kind, result""",
    """SELECT kind, COUNT(*) FROM cases_appeal
       WHERE agency_id = %(agency)s AND filed_on <= %(end)s
         AND (decided_on IS NULL OR decided_on > %(end)s) GROUP BY kind""",
    # Information processing fees collected (section 六).
    """SELECT SUM(f.amount) FROM cases_feenotice f
       JOIN cases_application a ON a.id = f.application_id
       WHERE a.agency_id = %(agency)s AND f.paid_on BETWEEN %(start)s AND %(end)s""",
    # Not needed here: the distinct-applicant count ("收到 N 名自然人申请") is asked
    # only when every new application comes from one type of applicant.
]


def bare_sql(agency_id: int) -> None:
    params = {"agency": agency_id, "start": f"{YEAR}-01-01", "end": f"{YEAR}-12-31"}
    with connection.cursor() as cursor:
        for sql in BARE_SQL:
            cursor.execute(sql, params)
            cursor.fetchall()


def setup_data() -> dict[str, object]:
    from gongkai.agencies.models import Agency

    government = Agency.objects.filter(name="基准测试市人民政府").first()
    if government is not None:  # kept from an earlier run (BENCH_KEEPDB=1)
        single = Agency.objects.get(name="基准测试单机关")
        return {"single": single, "government": government}
    with transaction.atomic():
        return _generate()


def _generate() -> dict[str, object]:
    from gongkai.annual_reports.models import AnnualReport
    from tests.factories import AgencyFactory

    started = time.perf_counter()
    single = AgencyFactory(name="基准测试单机关")
    generate_cases([single.pk], SINGLE_CASES, 0)
    generate_appeals([single.pk], 400)
    government = AgencyFactory(government=True, name="基准测试市人民政府")
    departments = [
        AgencyFactory(name=f"基准测试市第{i:03d}局", parent=government)
        for i in range(DEPARTMENTS)
    ]
    ids = [d.pk for d in departments]
    generate_cases(ids, AGGREGATE_CASES // DEPARTMENTS, SINGLE_CASES)
    generate_appeals(ids, 20)
    AnnualReport.objects.bulk_create(
        [AnnualReport(agency=d, year=YEAR) for d in departments]
    )
    print(f"  data generated in {time.perf_counter() - started:.1f} s")
    return {"single": single, "government": government}


def run() -> None:
    from gongkai.annual_reports.aggregation import aggregate_government
    from gongkai.annual_reports.build import report_build
    from gongkai.cases.models import Application

    data = setup_data()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    single, government = data["single"], data["government"]
    total = Application.objects.count()
    print(f"  applications in the database: {total:,}")

    report = report_build(agency=single, year=YEAR)  # type: ignore[arg-type]
    assert report.cell("table3.new_received.total")
    build_ms, sql_ms, ratio = paired_ms(
        lambda: report_build(agency=single, year=YEAR),  # type: ignore[arg-type]
        lambda: bare_sql(single.pk),  # type: ignore[attr-defined]
    )
    result = aggregate_government(government=government, year=YEAR)  # type: ignore[arg-type]
    assert len(result.contributions) == DEPARTMENTS + 1 and not result.missing
    aggregate_ms = median_ms(
        lambda: aggregate_government(government=government, year=YEAR),  # type: ignore[arg-type]
        runs=5,
    )
    build_gov_ms = median_ms(
        lambda: report_build(agency=government, year=YEAR),  # type: ignore[arg-type]
        runs=5,
    )
    print(f"  database: {connection.vendor} {connection.settings_dict['NAME']}")
    print(f"  load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("| measurement | median | target |\n|---|---:|---|")
    print(
        f"| build one agency-year, {SINGLE_CASES:,} cases | {build_ms:.1f} ms | < 200 ms: {'met' if build_ms < 200 else 'NOT met'} |"
    )
    print(f"| bare SQL aggregates of that build | {sql_ms:.1f} ms | |")
    print(
        f"| build ÷ bare SQL | {ratio:.2f} | < 2: {'met' if ratio < 2 else 'NOT met'} |"
    )
    print(
        f"| aggregate {DEPARTMENTS} departments, {AGGREGATE_CASES:,} cases | {aggregate_ms:.0f} ms | < 2 s: {'met' if aggregate_ms < 2000 else 'NOT met'} |"
    )
    print(
        f"| build the government's report (aggregate + narrative) | {build_gov_ms:.0f} ms | |"
    )


def main() -> None:
    if "postgres" not in os.environ["DATABASE_URL"]:
        print("bench_annual_reports: skipped (needs PostgreSQL: set DATABASE_URL)")
        return
    setup_test_environment()
    keep = os.environ.get("BENCH_KEEPDB") == "1"
    old_name = connection.creation.create_test_db(
        verbosity=0, autoclobber=True, keepdb=keep
    )
    try:
        run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=keep)


if __name__ == "__main__":
    main()
