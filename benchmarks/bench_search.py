"""Search latency on a synthetic corpus of Chinese government documents.

Indexes 100,000 entries into a throwaway SQLite database and a throwaway PostgreSQL
database (created and dropped here), then times ``search_query`` (facets, ranking,
one page of highlighted hits) for common two-character words, longer words and
文号 lookups, and times ``search_index_upsert`` (real jieba segmentation) per entry.

    .venv/bin/python benchmarks/bench_search.py             # 100k on both databases
    .venv/bin/python benchmarks/bench_search.py --million   # also 1M on PostgreSQL
    BENCH_SEARCH_1M=1 make bench                           # the same through make

Options: ``--entries N`` (default 100000), ``--pg-url URL`` (server to create the
throwaway database on; default $BENCH_PG_URL or postgres://postgres@127.0.0.1:5432/postgres;
PostgreSQL is skipped when unreachable), ``--only sqlite|postgresql``.

To keep the run short, the bulk corpus is segmented phrase by phrase (each distinct
phrase once, memoised) and inserted with executemany, then the full-text index is
built in one pass; per-entry indexing cost is measured separately on 1,000 entries.
The 100k run takes about five minutes on a busy 2-core machine; the 1M step adds
about nine (most of it loading and indexing).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import string
import subprocess
import sys
import tempfile
import time
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = 20231

AGENCIES = [
    ("中卫市人民政府", "卫政"),
    ("中卫市司法局", "卫司"),
    ("中卫市民政局", "卫民"),
    ("中卫市交通运输局", "卫交"),
    ("中卫市市场监督管理局", "卫市监"),
    ("中卫市财政局", "卫财"),
    ("中卫市教育局", "卫教"),
    ("中卫市卫生健康委员会", "卫卫健"),
    ("中卫市生态环境局", "卫环"),
    ("中卫市人力资源和社会保障局", "卫人社"),
    ("中卫市应急管理局", "卫应急"),
    ("沙坡头区人民政府", "沙政"),
]
SUBJECTS = [
    "行政许可",
    "行政处罚",
    "行政复议",
    "政府信息公开",
    "财政预算",
    "财政决算",
    "政府采购",
    "养老服务",
    "最低生活保障",
    "安全生产",
    "食品安全",
    "道路运输",
    "市场监管",
    "公共法律服务",
    "人民调解",
    "法律援助",
    "社区矫正",
    "普法宣传",
    "行政执法",
    "规范性文件",
    "重大建设项目",
    "就业创业",
    "医疗保障",
    "义务教育",
    "环境保护",
    "突发事件应急",
    "公务员招录",
    "统计数据",
    "乡村振兴",
    "营商环境",
    "司法鉴定",
    "公证服务",
    "住房保障",
    "农村公路",
    "大气污染防治",
    "消防安全",
    "特种设备",
    "药品监管",
    "残疾人补贴",
    "临时救助",
]
VERBS = ["印发", "公布", "开展", "做好", "加强", "进一步规范", "调整", "组织实施"]
OBJECTS = [
    "工作",
    "事项清单",
    "实施细则",
    "专项行动",
    "考核结果",
    "检查情况",
    "有关事项",
    "管理办法",
]
DOC_TYPES = [
    "通知",
    "公告",
    "决定",
    "意见",
    "报告",
    "批复",
    "通报",
    "实施方案",
    "工作要点",
    "公示",
]
LAWS = [
    "中华人民共和国政府信息公开条例",
    "中华人民共和国行政许可法",
    "中华人民共和国行政处罚法",
    "中华人民共和国预算法",
    "中华人民共和国安全生产法",
    "中华人民共和国食品安全法",
    "优化营商环境条例",
    "法律援助法",
    "社区矫正法",
    "人民调解法",
]
PURPOSES = [
    "深入贯彻落实党中央、国务院决策部署",
    "进一步提高政务公开质量",
    "切实保障人民群众合法权益",
    "推进法治政府建设",
    "优化营商环境",
    "规范行政执法行为",
    "加强基层治理能力建设",
    "做好年度重点工作",
    "提升公共服务水平",
    "防范化解重大风险",
]
ACTIONS = [
    "现将有关事项通知如下",
    "经研究决定，予以公布",
    "请各单位认真贯彻执行",
    "结合本地实际，制定本方案",
    "对相关情况予以通报",
    "请于规定时间内报送材料",
    "将考核结果予以公示，公示期为五个工作日",
    "对申请材料进行了审查，符合法定条件",
    "依法作出如下决定",
    "现予以公开，接受社会监督",
]
SENTENCES = [
    "为{purpose}，根据《{law}》有关规定，{action}。",
    "{agency}高度重视{subject}工作，{action}。",
    "各县（区）、各部门要把{subject}作为重点任务，{action}。",
    "本年度共办理{subject}事项{n}件，较上年增长{m}%。",
    "如对{subject}有疑问，请在工作日内联系{agency}办公室。",
    "{subject}的依据、条件、程序及办理结果按照《{law}》第{n}条执行。",
]
COMMON_WORDS = ["许可", "司法", "公开", "安全", "服务", "财政", "执法", "养老"]
LONGER_WORDS = ["法律援助", "社区矫正", "政府信息公开", "最低生活保障", "营商环境 考核"]
RARER_WORDS = [
    "残疾人补贴 公示",
    "特种设备 通报",
    "司法鉴定 批复",
    "临时救助 决定",
    "农村公路 意见",
]
REPEATS = 5
DOC_LOOKUPS = 40


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


class Corpus:
    """Deterministic synthetic entries, segmented phrase by phrase."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.serials: dict[tuple[int, int], int] = {}
        # Bodies are drawn from a pool of distinct sentences, per agency.
        self.pool = [
            [self.sentence(agency, self.rng.choice(SUBJECTS)) for _ in range(400)]
            for agency, _abbr in AGENCIES
        ]

    def sentence(self, agency: str, subject: str) -> list[str]:
        """One sentence as phrases: the template's literal text and its slot values."""
        values = {
            "purpose": self.rng.choice(PURPOSES),
            "law": self.rng.choice(LAWS),
            "action": self.rng.choice(ACTIONS),
            "agency": agency,
            "subject": subject,
            "n": str(self.rng.randint(1, 300)),
            "m": str(self.rng.randint(1, 40)),
        }
        phrases: list[str] = []
        for literal, slot, _spec, _conv in string.Formatter().parse(
            self.rng.choice(SENTENCES)
        ):
            phrases.append(literal)
            if slot:
                phrases.append(values[slot])
        return [p for p in phrases if p]

    def entry(self, n: int) -> dict[str, Any]:
        rng = self.rng
        a = rng.randrange(len(AGENCIES))
        agency, abbr = AGENCIES[a]
        year = rng.randint(2018, 2024)
        serial = self.serials[(a, year)] = self.serials.get((a, year), 0) + 1
        subject = rng.choice(SUBJECTS)
        title_parts = [
            agency,
            "关于",
            rng.choice(VERBS),
            subject,
            rng.choice(OBJECTS),
            "的",
            rng.choice(DOC_TYPES),
        ]
        body_parts = [
            p
            for _ in range(rng.randint(3, 6))
            for p in self.sentence(agency, rng.choice([subject, *SUBJECTS]))
        ]
        return {
            "agency_index": a,
            "kind": "catalogue_item",
            "object_key": f"bench.Item:{n}",
            "url": f"/catalogue/{n}/",
            "title_parts": title_parts,
            "doc_number_parts": [f"{abbr}发", "〔", str(year), "〕", str(serial), "号"],
            "index_number": f"{640500000 + a:09d}/{year}-{serial:05d}",
            "category": f"art20_{rng.randint(1, 15)}",
            "year": year,
            "month": rng.randint(1, 12),
            "day": rng.randint(1, 28),
            "body_parts": body_parts,
        }


@cache
def seg(phrase: str) -> str:
    from gongkai.search.segment import segment

    return segment([phrase])


COLUMNS = (
    "agency_id, kind, category, year, published_at, indexed_at, doc_number_key, "
    "index_number_key, object_key, url, title, doc_number, index_number, summary, "
    "body_text, attachment_text, segmented_title, segmented"
)


def entry_row(raw: dict[str, Any], agency_ids: list[int], now: Any) -> tuple[Any, ...]:
    """One entry as a row, segmented as ``search_index_upsert`` would."""
    import datetime

    from gongkai.search.segment import normalise_number

    doc_number = "".join(raw["doc_number_parts"])
    body = "".join(raw["body_parts"])
    seg_title = " ".join(
        [*map(seg, raw["title_parts"]), *map(seg, raw["doc_number_parts"])]
    )
    from django.db import connection

    published = connection.ops.adapt_datetimefield_value(
        datetime.datetime(raw["year"], raw["month"], raw["day"], 1, tzinfo=datetime.UTC)
    )
    return (
        agency_ids[raw["agency_index"]],
        raw["kind"],
        raw["category"],
        raw["year"],
        published,
        now,
        normalise_number(doc_number),
        normalise_number(raw["index_number"]),
        raw["object_key"],
        raw["url"],
        "".join(raw["title_parts"]),
        doc_number,
        raw["index_number"],
        "".join(raw["body_parts"][:6]),
        body,
        "",
        seg_title,
        " ".join([seg_title, *map(seg, raw["body_parts"])]),
    )


def load(
    count: int, corpus: Corpus, agency_ids: list[int]
) -> tuple[float, float, list[str]]:
    """Bulk-load ``count`` entries, then build the full-text index in one pass."""
    import datetime

    from django.db import connection, transaction

    from gongkai.search.backends import ENTRY_TABLE, backend_for

    backend = backend_for(connection)
    now = connection.ops.adapt_datetimefield_value(datetime.datetime.now(datetime.UTC))
    insert = f"INSERT INTO {ENTRY_TABLE} ({COLUMNS}) VALUES ({', '.join(['%s'] * 18)})"  # noqa: S608
    doc_numbers: list[str] = []
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for statement in backend.drop_sql:
            cursor.execute(statement)
    batch = []
    for n in range(count):
        raw = corpus.entry(n)
        if n % max(1, count // DOC_LOOKUPS) == 0:
            doc_numbers.append("".join(raw["doc_number_parts"]))
        batch.append(entry_row(raw, agency_ids, now))
        if len(batch) == 5000 or n == count - 1:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(insert, batch)
            batch = []
    loaded = time.perf_counter()
    with connection.cursor() as cursor:
        for statement in backend.create_sql:
            cursor.execute(statement)
        cursor.execute("ANALYZE")
    return loaded - started, time.perf_counter() - loaded, doc_numbers


def time_queries(queries: list[str], repeats: int) -> dict[str, Any]:
    """The database's work for each query: the results cache
    (``gongkai/search/cache.py``) is emptied before every timed call, so no repeat
    is answered from it."""
    from django.core.cache import cache

    from gongkai.search.selectors import search_query

    for q in queries:  # warm the database's caches and jieba
        search_query(q=q)
    timings: list[float] = []
    cpu: list[float] = []
    totals: list[int] = []
    exact = 0
    for _ in range(repeats):
        for q in queries:
            cache.clear()
            t0, c0 = time.perf_counter(), time.process_time()
            results = search_query(q=q)
            timings.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            totals.append(results.total)
            exact += results.total_is_exact
    return {
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 95), 1),
        "cpu_median_ms": round(statistics.median(cpu), 1),
        "queries": len(timings),
        "counted": exact,
        "mean_hits": round(statistics.mean(totals)),
        "min_hits": min(totals),
    }


def time_upserts(corpus: Corpus, agencies: list[Any], count: int = 1000) -> float:
    from gongkai.search.services import search_index_upsert

    started = time.perf_counter()
    for n in range(count):
        raw = corpus.entry(10_000_000 + n)
        search_index_upsert(
            agency=agencies[raw["agency_index"]],
            kind=raw["kind"],
            object_key=raw["object_key"],
            url=raw["url"],
            title="".join(raw["title_parts"]),
            doc_number="".join(raw["doc_number_parts"]) + "补",
            index_number=raw["index_number"] + "b",
            category=raw["category"],
            year=raw["year"],
            body_text="".join(raw["body_parts"]),
        )
    return (time.perf_counter() - started) / count * 1000


def worker(count: int) -> dict[str, Any]:
    """Runs inside a fresh interpreter configured for one database."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from gongkai.agencies.models import Agency, AgencyKind, AgencyLevel

    call_command("migrate", "gongkai_search", verbosity=0)
    agencies = [
        Agency.objects.create(
            name=name, kind=AgencyKind.DEPARTMENT, level=AgencyLevel.MUNICIPAL
        )
        for name, _abbr in AGENCIES
    ]
    corpus = Corpus(SEED)
    load_s, index_s, doc_numbers = load(count, corpus, [a.pk for a in agencies])
    typed = [d.replace("〔", "[").replace("〕", "]") for d in doc_numbers]
    result = {
        "vendor": connection.vendor,
        "server": _server_info(),
        "entries": count,
        "load_s": round(load_s, 1),
        "index_build_s": round(index_s, 1),
        "common_words": time_queries(COMMON_WORDS, REPEATS),
        "longer_words": time_queries(LONGER_WORDS, REPEATS),
        "rarer_words": time_queries(RARER_WORDS, REPEATS),
        "doc_number": time_queries(typed, 1),
        "upsert_ms_per_entry": round(time_upserts(corpus, agencies), 2),
    }
    return result


def _server_info() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT current_setting('server_version'), current_setting('shared_buffers')"
            )
            version, buffers = cursor.fetchone()
            return f"PostgreSQL {version}, shared_buffers {buffers}"
        cursor.execute("SELECT sqlite_version()")
        return f"SQLite {cursor.fetchone()[0]}"


def run_worker(database_url: str, count: int) -> dict[str, Any]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "0",
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(  # noqa: S603
        [sys.executable, __file__, "--worker", "--entries", str(count)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def with_sqlite(count: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="gk-bench-search-") as tmp:
        return run_worker(f"sqlite:///{tmp}/bench.sqlite3", count)


def with_postgres(server_url: str, count: int) -> dict[str, Any] | None:
    import psycopg

    name = f"gk_bench_search_{os.getpid()}_{count}"
    try:
        admin = psycopg.connect(server_url, autocommit=True)
    except psycopg.OperationalError as exc:
        print(f"PostgreSQL unreachable, skipped: {exc}".strip())
        return None
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            base = server_url.rsplit("/", 1)[0]
            return run_worker(f"{base}/{name}", count)
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def report(result: dict[str, Any]) -> None:
    print(f"{result['server']}, load average {os.getloadavg()[0]:.1f}")
    print(
        f"{result['vendor']:<10} {result['entries']:>9,} entries: "
        f"bulk load {result['load_s']} s, index build {result['index_build_s']} s, "
        f"search_index_upsert {result['upsert_ms_per_entry']} ms/entry"
    )
    for label in ("common_words", "longer_words", "rarer_words", "doc_number"):
        r = result[label]
        print(
            f"    {label:<13} median {r['median_ms']:>7} ms  p95 {r['p95_ms']:>7} ms  "
            f"client CPU {r['cpu_median_ms']:>6} ms  ({r['queries']} queries, "
            f"{r['counted']} counted exactly, mean {r['mean_hits']:,} hits, "
            f"min {r['min_hits']:,})"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument(
        "--million",
        action="store_true",
        default=bool(os.environ.get("BENCH_SEARCH_1M")),
    )
    parser.add_argument(
        "--pg-url",
        default=os.environ.get(
            "BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres"
        ),
    )
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.entries)))
        return 0
    print(f"Search benchmark (seed {SEED}), {os.cpu_count()} CPUs")
    print(f"common words {COMMON_WORDS}; longer words {LONGER_WORDS}")
    print(f"rarer words {RARER_WORDS}")
    if args.only in (None, "sqlite"):
        report(with_sqlite(args.entries))
    if args.only in (None, "postgresql"):
        for count in [args.entries] + ([1_000_000] if args.million else []):
            result = with_postgres(args.pg_url, count)
            if result is None:
                break
            report(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
