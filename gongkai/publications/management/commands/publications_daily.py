"""``gongkai publications_daily``: the daily job on normative documents.

Records documents whose validity ended as lapsed (失效) and sends the re-evaluation
reminders due (configurable, by default 6 months before expiry). Safe to run more than
once a day. Run it from cron, e.g. ``5 1 * * * gongkai publications_daily``.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from gongkai.publications.services.normative import normative_daily


class Command(BaseCommand):
    help = "主动公开每日任务：规范性文件到期标记失效、到期前提醒 / daily job on normative documents"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            help="按指定日期运行（YYYY-MM-DD），默认今天 / run as of this date",
        )

    def handle(self, *args: Any, date: str | None = None, **options: Any) -> None:
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{date}") from exc
        result = normative_daily(today=today)
        self.stdout.write(
            f"{today.isoformat()}：标记失效 {len(result.lapsed)} 件，"
            f"发送到期提醒 {len(result.reminded)} 件。"
        )
        for document in result.lapsed:
            self.stdout.write(f"  失效：{document}")
        for document in result.reminded:
            self.stdout.write(f"  提醒：{document}（有效期至 {document.valid_until}）")
