"""``gongkai portal_purge_pending``: delete identity documents kept for forms that were
never sent (run daily)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gongkai.portal.uploads import PENDING_MAX_AGE, pending_purge


class Command(BaseCommand):
    help = "删除未提交表单暂存的身份证明材料 / delete uploads kept for forms never sent"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--hours",
            type=float,
            default=PENDING_MAX_AGE / 3600,
            help="保留时长（小时）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        count = pending_purge(older_than=datetime.timedelta(hours=options["hours"]))
        self.stdout.write(f"已删除 {count} 个暂存文件。")
