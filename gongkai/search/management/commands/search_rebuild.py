from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from gongkai.search.services import search_index_rebuild


class Command(BaseCommand):
    help = (
        "重建全文检索索引 / re-create the full-text search index (SQLite FTS5 table "
        "or PostgreSQL tsvector columns) from the search entries"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--resegment",
            action="store_true",
            help="先重新分词（词典变更后使用）/ segment the stored text again first",
        )

    def handle(self, *args: Any, resegment: bool = False, **options: Any) -> None:
        count = search_index_rebuild(resegment=resegment)
        self.stdout.write(
            self.style.SUCCESS(
                _("Search index rebuilt: %(count)d entries.") % {"count": count}
            )
        )
