"""``gongkai portal_snapshots``: render the catalogue item pages served to anonymous
visitors (see ``gongkai.portal.snapshots``).

Publication renders an item's page by itself; this command renders those a change
touched in bulk, those whose 有效性 changed with the date, and every page after an
upgrade (new templates). Run it daily after ``publications_daily``, e.g.
``15 1 * * * gongkai portal_snapshots``, and once after each deployment.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.portal import snapshots


class Command(BaseCommand):
    help = (
        "生成公开信息页面的静态页（发布时已自动生成；每日及升级后运行）"
        " / render the catalogue item pages served to visitors"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--all",
            action="store_true",
            help="全部重新生成（默认只生成缺少或已过时的）/ render every page again",
        )
        parser.add_argument(
            "--language",
            action="append",
            help="只生成该语言（可重复，默认全部）/ only this language",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        known = [code for code, _name in settings.LANGUAGES]
        languages = options["language"] or known
        unknown = [code for code in languages if code not in known]
        if unknown:
            raise CommandError(
                f"未知的语言：{'、'.join(unknown)}（可选：{'、'.join(known)}）"
            )
        if not snapshots.enabled():
            raise CommandError("静态页未启用（PORTAL_SNAPSHOTS=0）。")
        started = time.perf_counter()
        dropped = snapshots.drop_withdrawn()
        if options["all"]:
            count = snapshots.render_snapshots(languages=languages)
        else:
            ids = snapshots.pages_to_render(languages)
            count = snapshots.render_snapshots(ids, languages=languages) if ids else 0
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"已生成 {count} 个信息页面的静态页（{'、'.join(languages)}），"
            f"清除已撤下的 {dropped} 个，用时 {seconds:.1f} 秒。"
        )
