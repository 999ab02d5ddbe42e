"""Public portal under load: catalogue, item and search pages with 100,000 items.

Builds a throw-away database (SQLite file; PostgreSQL too when reachable) holding one
agency with 100,000 published catalogue items (Wagtail pages, catalogue entries and
search index rows, bulk-inserted), starts gunicorn on 127.0.0.1 with the production
settings, and drives it with 20 concurrent clients written with ``http.client``
(threads), one scenario after another:

- catalogue: the agency's catalogue, first pages and deeper pages (up to page 200),
  with and without filters (category, year, type, validity) and sort orders;
- item: random item pages (metadata block, body, attachments, interpretations);
- search: two-character words, longer words and 文号 lookups.

Three load shapes per scenario: one client alone (the service time); 20 clients each
sending its next request as soon as the last one is answered (a closed loop without
think time: the server is saturated and the latency includes the queue); and 20
paced clients pausing on average ``--think-ms`` (1 s) between requests, like people
reading pages. Prints p50/p95/p99 and the shares served from the page cache and
from the item pages rendered on publication. The loader renders those pages as the
daily job does (``gongkai portal_snapshots``, timed). Each database is measured twice
on the same data, with the anonymous page cache (``gongkai/portal/page_cache.py``)
and the item snapshots (``gongkai/portal/snapshots.py``) off and then on
(``--page-cache``); the cache is Redis (database 15, emptied first) when it answers
on 127.0.0.1. Only 127.0.0.1 is ever contacted.

    .venv/bin/python benchmarks/bench_portal.py                 # SQLite and PostgreSQL
    .venv/bin/python benchmarks/bench_portal.py --only sqlite --seconds 10

The corpus (titles, bodies, 文号) and the search rows come from
``benchmarks/bench_search.py`` (same generator, same segmentation); the 1,000,000-item
search measurement is that script's ``--million`` run (figures in docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
LOCALHOST = "127.0.0.1"
SEED = 20231
SECTION_SLUG = "bench"
DEEPEST_PAGE = 200
SEARCH_WORDS = [
    "预算",
    "许可",
    "法律",
    "养老",
    "安全",
    "行政处罚",
    "最低生活保障",
    "政府采购",
]
BATCH = 2000


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


# --- Loading (runs in a child process configured for the throw-away database) ---


def _path(parent: str, n: int, alphabet: str, steplen: int) -> str:
    digits = ""
    while n:
        n, rest = divmod(n, len(alphabet))
        digits = alphabet[rest] + digits
    return parent + digits.rjust(steplen, "0")


def _setup_section() -> tuple[Any, Any]:
    from django.contrib.auth import get_user_model

    from gongkai.agencies.models import Agency, AgencyKind, AgencyLevel
    from gongkai.publications.services.catalogue import disclosure_section_ensure

    agency = Agency.objects.create(
        name="中卫市基准测试局",
        kind=AgencyKind.DEPARTMENT,
        level=AgencyLevel.MUNICIPAL,
        org_code="BENCH0001",
        office_name="办公室",
        phone="0955-0000000",
    )
    admin = get_user_model().objects.create(username="bench", is_superuser=True)
    section = disclosure_section_ensure(
        acting_user=admin, agency=agency, slug=SECTION_SLUG
    )
    return agency, section


def _item_facts(raw: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    from gongkai.publications.models import Art20Category, ItemKind, Topic, Validity

    published = datetime.date(raw["year"], raw["month"], raw["day"])
    is_document = rng.random() < 0.4
    return {
        "title": "".join(raw["title_parts"])[:255],
        "doc_number": "".join(raw["doc_number_parts"]) if is_document else "",
        "kind": ItemKind.DOCUMENT if is_document else ItemKind.INFORMATION,
        "category": rng.choice(Art20Category.values),
        "topic": rng.choice(Topic.values),
        "validity": rng.choice([Validity.VALID, Validity.VALID, Validity.LAPSED])
        if is_document
        else "",
        "published": published,
        "written": published - datetime.timedelta(days=rng.randint(1, 15)),
        "summary": "".join(raw["body_parts"][:4])[:300],
        "body": "".join(f"<p>{part}</p>" for part in raw["body_parts"]),
    }


def _insert_pages(section: Any, facts: list[dict[str, Any]], first: int) -> list[int]:
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from wagtail.models import Page

    from gongkai.publications.models import CatalogueItemPage

    content_type = ContentType.objects.get_for_model(CatalogueItemPage)
    pages = []
    for offset, fact in enumerate(facts):
        n = first + offset
        moment = timezone.make_aware(
            datetime.datetime.combine(fact["published"], datetime.time(9))
        )
        pages.append(
            Page(
                path=_path(section.path, n + 1, Page.alphabet, Page.steplen),
                depth=section.depth + 1,
                numchild=0,
                title=fact["title"],
                draft_title=fact["title"],
                slug=f"item-{n}",
                content_type=content_type,
                live=True,
                has_unpublished_changes=False,
                url_path=f"{section.url_path}item-{n}/",
                first_published_at=moment,
                last_published_at=moment,
                translation_key=uuid.uuid4(),
                locale_id=section.locale_id,
            )
        )
    created = Page.objects.bulk_create(pages)
    return [page.pk for page in created]


def _insert_children(page_ids: list[int], facts: list[dict[str, Any]]) -> None:
    from django.db import connection

    from gongkai.publications.models import CatalogueItemPage

    columns = [f.column for f in CatalogueItemPage._meta.local_concrete_fields]
    rows = []
    for page_id, fact in zip(page_ids, facts, strict=True):
        values = {
            "page_ptr_id": page_id,
            "category": fact["category"],
            "art21_category": "",
            "topic": fact["topic"],
            "summary": fact["summary"],
            "withdrawal_reason": "",
            "is_demo": False,
            "kind": fact["kind"],
            "document_id": None,
            "doc_number": fact["doc_number"],
            "written_on": fact["written"],
            "validity": fact["validity"],
            "body": fact["body"],
        }
        rows.append([values[c] for c in columns])
    table = CatalogueItemPage._meta.db_table
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _insert_entries(
    agency: Any, page_ids: list[int], facts: list[dict[str, Any]], first: int
) -> None:
    from gongkai.publications.models import CatalogueEntry

    CatalogueEntry.objects.bulk_create(
        CatalogueEntry(
            agency=agency,
            index_number=f"BENCH0001/{fact['published'].year}-{first + i + 1:06d}",
            page_id=page_id,
            title=fact["title"],
            kind=fact["kind"],
            category=fact["category"],
            topic=fact["topic"],
            published_on=fact["published"],
        )
        for i, (page_id, fact) in enumerate(zip(page_ids, facts, strict=True))
    )


def _insert_search_rows(
    agency: Any,
    raws: list[dict[str, Any]],
    page_ids: list[int],
    facts: list[dict[str, Any]],
    first: int,
) -> None:
    """Search rows as ``bench_search`` builds them, keyed and linked to the pages."""
    from django.db import connection

    from bench_search import COLUMNS, entry_row

    from gongkai.portal.indexing import object_key
    from gongkai.search.backends import ENTRY_TABLE

    now = connection.ops.adapt_datetimefield_value(datetime.datetime.now(datetime.UTC))
    names = [c.strip() for c in COLUMNS.split(",")]
    rows = []
    for n, (raw, page_id, fact) in enumerate(zip(raws, page_ids, facts, strict=True)):
        row = list(entry_row(raw, [agency.pk], now))
        row[names.index("agency_id")] = agency.pk
        row[names.index("object_key")] = object_key(page_id)
        row[names.index("url")] = f"/gk/{SECTION_SLUG}/item-{first + n}/"
        row[names.index("category")] = fact["category"]
        rows.append(row)
    sql = f"INSERT INTO {ENTRY_TABLE} ({COLUMNS}) VALUES ({', '.join(['%s'] * len(names))})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def load(count: int) -> dict[str, Any]:
    """Create the agency, its section and ``count`` published items; index them."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from bench_search import Corpus

    from gongkai.publications.models import Art20Category
    from gongkai.search.backends import backend_for

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter()
    agency, section = _setup_section()
    corpus = Corpus(SEED)
    rng = random.Random(SEED)
    backend = backend_for(connection)
    with connection.cursor() as cursor:
        for statement in backend.drop_sql:
            cursor.execute(statement)
    doc_numbers: list[str] = []
    for first in range(0, count, BATCH):
        raws = [corpus.entry(n) for n in range(first, min(count, first + BATCH))]
        for raw in raws:
            raw["agency_index"] = 0
        facts = [_item_facts(raw, rng) for raw in raws]
        with transaction.atomic():
            page_ids = _insert_pages(section, facts, first)
            _insert_children(page_ids, facts)
            _insert_entries(agency, page_ids, facts, first)
            _insert_search_rows(agency, raws, page_ids, facts, first)
        doc_numbers += [f["doc_number"] for f in facts[:2] if f["doc_number"]]
    type(section).objects.filter(pk=section.pk).update(numchild=count)
    with connection.cursor() as cursor:
        for statement in backend.create_sql:
            cursor.execute(statement)
        cursor.execute("ANALYZE")
    loaded = time.perf_counter()
    # What publication does page by page, for the bulk-inserted items at once: the
    # daily job renders every item lacking a page (visitors here ask in Chinese).
    call_command("portal_snapshots", "--language", "zh-hans", verbosity=0)
    rendered = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "agency_id": agency.pk,
        "items": count,
        "migrate_s": round(migrated - started, 1),
        "load_s": round(loaded - migrated, 1),
        "render_s": round(rendered - loaded, 1),
        "doc_numbers": doc_numbers[:40],
        "categories": list(Art20Category.values),
        "server": _server_info(),
    }


def _server_info() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT current_setting('server_version')")
            return f"PostgreSQL {cursor.fetchone()[0]}"
        cursor.execute("SELECT sqlite_version()")
        return f"SQLite {cursor.fetchone()[0]}"


# --- The server and the clients (in the parent process) ---------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOCALHOST, 0))
        return int(sock.getsockname()[1])


REDIS_BENCH_DB = 15


def redis_url() -> str:
    """Production's shared cache when Redis answers on 127.0.0.1 (database 15, emptied
    before each run so that one database's cached pages never serve another's);
    otherwise the per-process memory cache."""
    try:
        with socket.create_connection((LOCALHOST, 6379), timeout=1) as sock:
            sock.sendall(f"SELECT {REDIS_BENCH_DB}\r\nFLUSHDB\r\n".encode())
            replies = b""
            while replies.count(b"\r\n") < 2:
                chunk = sock.recv(64)
                if not chunk:
                    return ""
                replies += chunk
    except OSError:
        return ""
    return f"redis://{LOCALHOST}:6379/{REDIS_BENCH_DB}"


def server_env(database_url: str, var_dir: str) -> dict[str, str]:
    return {
        **os.environ,
        "REDIS_URL": redis_url(),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench-only-" + uuid.uuid4().hex,
        "ALLOWED_HOSTS": LOCALHOST,
        "SECURE_SSL_REDIRECT": "0",
        "GONGKAI_VAR_DIR": var_dir,
        "MEDIA_ROOT": str(Path(var_dir) / "media"),
        "LOG_LEVEL": "ERROR",
        "DATABASE_CONN_MAX_AGE": "60",
        "PYTHONPATH": f"{ROOT}{os.pathsep}{Path(__file__).resolve().parent}",
    }


def run_loader(env: dict[str, str], count: int) -> dict[str, Any]:
    done = subprocess.run(  # noqa: S603
        [sys.executable, __file__, "--load", "--items", str(count)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


class Server:
    """gunicorn on 127.0.0.1 (sync workers, one per CPU), started and stopped here."""

    def __init__(self, env: dict[str, str], workers: int) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(  # noqa: S603
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "config.wsgi:application",
                "--bind",
                f"{LOCALHOST}:{self.port}",
                "--workers",
                str(workers),
                "--timeout",
                "120",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.process.stderr.read().decode()[-3000:])  # type: ignore[union-attr]
            try:
                status, _ms, _hit = get(self.port, "/")
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer within 60 s")

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def get(port: int, path: str) -> tuple[int, float, str]:
    """One GET to 127.0.0.1; (status, milliseconds, ``X-Page-Cache``: "hit" from the
    page cache, "snapshot" from the pages rendered on publication, "" otherwise)."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection(LOCALHOST, port, timeout=60)
    try:
        connection.request("GET", path, headers={"Accept-Language": "zh-CN"})
        response = connection.getresponse()
        response.read()
        status = response.status
        hit = response.getheader("X-Page-Cache") or ""
    finally:
        connection.close()
    return status, (time.perf_counter() - started) * 1000, hit


def drive(
    port: int,
    next_path: Callable[[random.Random], str],
    clients: int,
    seconds: float,
    think_ms: float = 0.0,
    seed: int = SEED,
) -> dict[str, Any]:
    """``clients`` threads sending requests for ``seconds``: back to back, or after
    a random pause averaging ``think_ms`` (exponentially distributed). Each load
    shape gets its own ``seed``, so one does not replay the pages another has just
    put in the page cache."""
    latencies: list[float] = []
    errors: list[str] = []
    hits = {"hit": 0, "snapshot": 0}
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(number: int) -> None:
        rng = random.Random(seed * 1000 + number)
        mine: list[float] = []
        while time.monotonic() < stop_at:
            path = next_path(rng)
            try:
                status, ms, hit = get(port, path)
            except OSError as exc:
                with lock:
                    errors.append(f"{path}: {exc}")
                continue
            if status != 200:
                with lock:
                    errors.append(f"{path}: HTTP {status}")
            mine.append(ms)
            if hit in hits:
                with lock:
                    hits[hit] += 1
            if think_ms:
                pause = rng.expovariate(1000 / think_ms)
                time.sleep(max(0.0, min(pause, stop_at - time.monotonic())))
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {
        "requests": len(latencies),
        "per_second": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 95), 1) if latencies else None,
        "p99_ms": round(percentile(latencies, 99), 1) if latencies else None,
        "errors": len(errors),
        "hit_pct": round(100 * hits["hit"] / len(latencies)) if latencies else 0,
        "snapshot_pct": round(100 * hits["snapshot"] / len(latencies))
        if latencies
        else 0,
        "first_errors": errors[:3],
    }


def scenarios(loaded: dict[str, Any]) -> dict[str, Callable[[random.Random], str]]:
    agency, items, categories = (
        loaded["agency_id"],
        loaded["items"],
        loaded["categories"],
    )
    base = f"/agency/{agency}/catalogue/"
    doc_numbers = loaded["doc_numbers"] or ["卫司发〔2020〕1号"]

    def catalogue(rng: random.Random) -> str:
        roll = rng.random()
        if roll < 0.3:
            return base
        if roll < 0.5:
            return f"{base}?page={rng.randint(2, DEEPEST_PAGE)}"
        if roll < 0.7:
            return f"{base}?category={rng.choice(categories)}"
        if roll < 0.8:
            return f"{base}?year={rng.randint(2018, 2024)}&page={rng.randint(1, 5)}"
        if roll < 0.9:
            return f"{base}?kind=document&validity={rng.choice(['valid', 'lapsed'])}"
        return (
            f"{base}?sort={rng.choice(['oldest', 'index'])}&page={rng.randint(1, 20)}"
        )

    def item(rng: random.Random) -> str:
        return f"/gk/{SECTION_SLUG}/item-{rng.randrange(items)}/"

    def search(rng: random.Random) -> str:
        q = rng.choice(SEARCH_WORDS) if rng.random() < 0.85 else rng.choice(doc_numbers)
        return f"/search/?q={quote(q)}"

    return {"catalogue": catalogue, "item": item, "search": search}


def measure(
    env: dict[str, str], loaded: dict[str, Any], args: argparse.Namespace
) -> dict[str, Any]:
    server = Server(env, args.workers)
    try:
        results: dict[str, Any] = {}
        for name, next_path in scenarios(loaded).items():
            # warm-up, not counted
            drive(server.port, next_path, args.clients, 3, seed=SEED)
            results[name] = {
                "1 client": drive(
                    server.port, next_path, 1, args.seconds / 2, seed=SEED + 1
                ),
                f"{args.clients} clients": drive(
                    server.port, next_path, args.clients, args.seconds, seed=SEED + 2
                ),
                f"{args.clients} paced": drive(
                    server.port,
                    next_path,
                    args.clients,
                    args.seconds,
                    args.think_ms,
                    seed=SEED + 3,
                ),
            }
        return results
    finally:
        server.stop()


@contextmanager
def sqlite_database() -> Iterator[tuple[str, str]]:
    with tempfile.TemporaryDirectory(prefix="gk-bench-portal-") as tmp:
        yield f"sqlite:///{tmp}/bench.sqlite3", tmp


@contextmanager
def postgres_database(server_url: str) -> Iterator[tuple[str, str] | None]:
    import psycopg

    name = f"gk_bench_portal_{os.getpid()}"
    try:
        admin = psycopg.connect(server_url, autocommit=True)
    except psycopg.OperationalError as exc:
        print(f"PostgreSQL unreachable, skipped: {exc}".strip())
        yield None
        return
    with admin, tempfile.TemporaryDirectory(prefix="gk-bench-portal-") as tmp:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"{server_url.rsplit('/', 1)[0]}/{name}", tmp
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def report(
    label: str,
    env: dict[str, str],
    loaded: dict[str, Any],
    results: dict[str, Any],
    args: argparse.Namespace,
) -> None:
    print(
        f"{label}: {loaded['server']}, {loaded['items']:,} items "
        f"(migrate {loaded['migrate_s']} s, load and index {loaded['load_s']} s, "
        f"render the item pages {loaded['render_s']} s); "
        f"gunicorn {args.workers} workers; cache "
        f"{'Redis' if env.get('REDIS_URL') else 'per-process memory'}; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    for name, result in results.items():
        for mode, r in result.items():
            print(
                f"    {name:<9} {mode:<10} p50 {r['p50_ms']:>7} ms  p95 {r['p95_ms']:>7} ms  "
                f"p99 {r['p99_ms']:>7} ms  {r['per_second']:>6} req/s  "
                f"({r['requests']} requests, {r['errors']} errors, "
                f"{r['hit_pct']} % from the page cache, "
                f"{r['snapshot_pct']} % from snapshots)"
            )
            for error in r["first_errors"]:
                print(f"        {error}")


def run(label: str, database: tuple[str, str], args: argparse.Namespace) -> None:
    url, tmp = database
    env = server_env(url, tmp)
    loaded = run_loader(env, args.items)
    modes = ["off", "on"] if args.page_cache == "both" else [args.page_cache]
    for mode in modes:
        env = {
            **server_env(url, tmp),
            "PORTAL_PAGE_CACHE": "1" if mode == "on" else "0",
            "PORTAL_SNAPSHOTS": "1" if mode == "on" else "0",
        }
        results = measure(env, loaded, args)
        report(f"{label}, page cache and snapshots {mode}", env, loaded, results, args)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument(
        "--think-ms",
        type=float,
        default=1000.0,
        help="mean pause of the paced clients between two requests",
    )
    parser.add_argument(
        "--pg-url",
        default=os.environ.get(
            "BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres"
        ),
    )
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument(
        "--page-cache",
        choices=["on", "off", "both"],
        default="both",
        help=(
            "anonymous page cache and item snapshots in the server "
            "(both: off, then on, same data)"
        ),
    )
    parser.add_argument("--load", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load:
        print(json.dumps(load(args.items)))
        return 0
    print(
        f"Portal benchmark (seed {SEED}), {os.cpu_count()} CPUs, {args.clients} clients, {args.seconds:.0f} s per scenario"
    )
    if args.only in (None, "sqlite"):
        with sqlite_database() as database:
            run("SQLite", database, args)
    if args.only in (None, "postgresql"):
        with postgres_database(args.pg_url) as database:
            if database is not None:
                run("PostgreSQL", database, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
