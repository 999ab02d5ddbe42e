"""Demo step: the working-day calendar (real State Council schedules, not demo data).

Runs first so that every later step can compute deadlines. On a migrated database the
data migration has already entered the package's years and this changes nothing.
"""

from __future__ import annotations

from gongkai.core.demodata import DemoContext

from .selectors import calendar_get
from .services import calendar_seed_from_package

ORDER = 5


def load(ctx: DemoContext) -> None:
    seeded = calendar_seed_from_package(acting_user=None)
    known = sorted(calendar_get().known_years)
    if seeded:
        ctx.notes.append(
            f"工作日历：已从 chinesecalendar 录入 {seeded[0]}–{seeded[-1]} 年节假日安排。"
        )
    if known:
        ctx.notes.append(
            f"工作日历：已发布 {known[0]}–{known[-1]} 年（共 {len(known)} 年）；"
            "新年度安排由系统管理员在后台“工作日历”中录入并发布。"
        )
