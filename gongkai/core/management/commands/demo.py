from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gongkai.core.demodata import demo_load


class Command(BaseCommand):
    help = "演示数据 / demo data: `gongkai demo load` 载入演示机关、用户和业务记录（可重复执行）"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser(
            "load", help="载入演示数据（幂等）/ load the demo data (idempotent)"
        )

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "load":
            ctx = demo_load()
            self.stdout.write(
                self.style.SUCCESS("演示数据已载入 / demo data loaded（演示数据）")
            )
            self.stdout.write("演示账号 / demo logins（密码 password）:")
            for username, password, description in ctx.logins:
                self.stdout.write(f"  {username:<22} {password:<14} {description}")
            for note in ctx.notes:
                self.stdout.write(note)
