"""The table-2 statistics selector with 1,000,000 catalogue items on PostgreSQL.

Run: ``.venv/bin/python benchmarks/bench_publications.py`` (or ``make bench``).
Creates a throw-away PostgreSQL database (``BENCH_PG_URL``, default
postgres://postgres@127.0.0.1:5432/gk_bench_publications_<pid>; Django adds the
``test_`` prefix), migrates it, bulk-loads with COPY:

- 1,000,000 catalogue entries over 200 agencies and 10 years, one "large" agency
  holding 100,000 of them (10,000 a year);
- 200,000 register documents (a third of them normative, with validity and repeals);
- yearly figures and new-media figures for every agency and year;

then times ``publication_stats(agency=…, year=…)`` — the same function and queries as
in production — for a typical and for the large agency, and drops the database.
Catalogue rows are loaded into the entry table directly (no Wagtail pages): the
selector reads only that table, which each published page writes to.
"""

from __future__ import annotations

import io
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_PG_URL",
    f"postgres://postgres@127.0.0.1:5432/gk_bench_publications_{os.getpid()}",
)

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

TOTAL_ENTRIES = int(os.environ.get("BENCH_ENTRIES", "1000000"))
AGENCIES = 200
LARGE_SHARE = TOTAL_ENTRIES // 10
YEARS = list(range(2016, 2026))
DOCUMENTS = TOTAL_ENTRIES // 5
KINDS = [
    "document",
    "information",
    "information",
    "reconsideration_decision",
    "interpretation",
]
CATEGORIES = [f"{n:02d}_x" for n in range(1, 16)]
REPEATS = 30


def copy_rows(table: str, columns: list[str], rows: list[tuple]) -> None:
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join("\\N" if v is None else str(v) for v in row) + "\n")
    buffer.seek(0)
    statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with connection.connection.cursor() as cursor, cursor.copy(statement) as copy:
        while chunk := buffer.read(1 << 20):
            copy.write(chunk)


def load_agencies() -> list[int]:
    from gongkai.agencies.models import Agency

    Agency.objects.bulk_create(
        Agency(
            name=f"基准测试第{n}局",
            kind="department",
            level="municipal",
            org_code=f"B{n:07d}",
        )
        for n in range(AGENCIES)
    )
    return list(Agency.objects.order_by("id").values_list("id", flat=True))


def entry_rows(agency_ids: list[int], rng: random.Random) -> list[tuple]:
    large = agency_ids[0]
    others = agency_ids[1:]
    now = "2026-01-01 00:00:00+08"
    rows = []
    for n in range(TOTAL_ENTRIES):
        agency = large if n < LARGE_SHARE else others[n % len(others)]
        year = YEARS[n % len(YEARS)]
        day = date(year, 1, 1) + timedelta(days=rng.randrange(365))
        rows.append(
            (
                agency,
                f"B/{year}-{n:07d}",
                f"条目{n}",
                rng.choice(KINDS),
                rng.choice(CATEGORIES),
                "",
                "other",
                day.isoformat(),
                "",
                "f",
                now,
            )
        )
    return rows


def document_rows(agency_ids: list[int], rng: random.Random) -> list[tuple]:
    now = "2026-01-01 00:00:00+08"
    rows = []
    for n in range(DOCUMENTS):
        agency = (
            agency_ids[0] if n < DOCUMENTS // 10 else agency_ids[1 + n % (AGENCIES - 1)]
        )
        written = date(2012, 1, 1) + timedelta(days=rng.randrange(14 * 365))
        normative = n % 3 == 0
        valid_until = written + timedelta(days=5 * 365) if normative else None
        repealed = (
            written + timedelta(days=rng.randrange(1, 2000))
            if normative and n % 7 == 0
            else None
        )
        rows.append(
            (
                agency,
                f"文件{n}",
                "",
                written.isoformat(),
                "normative" if normative else "other",
                "",
                "proactive",
                "",
                "",
                valid_until and valid_until.isoformat(),
                "",
                repealed and repealed.isoformat(),
                "",
                "f",
                now,
            )
        )
    return rows


def load(agency_ids: list[int]) -> None:
    rng = random.Random(20231231)
    copy_rows(
        "publications_catalogueentry",
        [
            "agency_id",
            "index_number",
            "title",
            "kind",
            "category",
            "art21_category",
            "topic",
            "published_on",
            "withdrawal_reason",
            "is_demo",
            "created_at",
        ],
        entry_rows(agency_ids, rng),
    )
    copy_rows(
        "publications_officialdocument",
        [
            "agency_id",
            "title",
            "organ_code",
            "written_on",
            "doc_type",
            "signer",
            "attribute",
            "attribute_reason",
            "attribute_review_note",
            "valid_until",
            "trial",
            "repealed_on",
            "repeal_reason",
            "is_demo",
            "created_at",
        ],
        document_rows(agency_ids, rng),
    )
    figures = [
        (agency, year, item, 7, "基准", "f", "2026-01-01 00:00:00+08")
        for agency in agency_ids
        for year in YEARS
        for item in ("licensing", "penalties", "enforcement", "fees")
    ]
    copy_rows(
        "publications_yearlyfigure",
        ["agency_id", "year", "item", "value", "source", "is_demo", "entered_at"],
        figures,
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def time_stats(agency, year: int) -> tuple[float, float]:
    from gongkai.publications.selectors.stats import publication_stats

    publication_stats(agency=agency, year=year)  # warm
    runs = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        publication_stats(agency=agency, year=year)
        runs.append((time.perf_counter() - start) * 1000)
    runs.sort()
    return statistics.median(runs), runs[int(len(runs) * 0.95) - 1]


def explain_entry_count(agency_id: int, year: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN (ANALYZE, BUFFERS off, TIMING off, SUMMARY off) "
            "SELECT kind, COUNT(*) FROM publications_catalogueentry "
            "WHERE agency_id = %s AND published_on BETWEEN %s AND %s GROUP BY kind",
            [agency_id, date(year, 1, 1), date(year, 12, 31)],
        )
        return "\n".join("    " + row[0] for row in cursor.fetchall())


def main() -> None:
    setup_test_environment()
    started = time.perf_counter()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from gongkai.agencies.models import Agency
        from gongkai.publications.models import CatalogueEntry

        agency_ids = load_agencies()
        load(agency_ids)
        total = CatalogueEntry.objects.count()
        print(
            f"database {connection.settings_dict['NAME']}: {total:,} catalogue entries, "
            f"set up in {time.perf_counter() - started:.0f} s"
        )
        for label, agency_id in (
            ("typical agency", agency_ids[57]),
            ("large agency", agency_ids[0]),
        ):
            agency = Agency.objects.get(pk=agency_id)
            rows = CatalogueEntry.objects.filter(
                agency=agency, published_on__year=2023
            ).count()
            median, p95 = time_stats(agency, 2023)
            verdict = "met" if p95 < 200 else "NOT met"
            print(
                f"publication_stats, {label} ({rows:,} items in 2023): "
                f"median {median:.1f} ms, p95 {p95:.1f} ms (target < 200 ms: {verdict})"
            )
        print("plan of the catalogue count, large agency:")
        print(explain_entry_count(agency_ids[0], 2023))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
