"""``gongkai portal_index_catalogue``: (re)index the published catalogue for search."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gongkai.portal.indexing import catalogue_index_all


class Command(BaseCommand):
    help = (
        "为公众检索重建已公开目录信息的索引 / index the published catalogue for search"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--agency", type=int, action="append", help="只处理该机关（可重复）"
        )
        parser.add_argument(
            "--no-attachments", action="store_true", help="不抽取附件文字"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        count = catalogue_index_all(
            agency_ids=options["agency"],
            with_attachments=not options["no_attachments"],
        )
        self.stdout.write(f"已索引 {count} 条公开信息。")
