"""Demo step of the portal: index the demo catalogue for the public search."""

from __future__ import annotations

from gongkai.core.demodata import DemoContext

from .indexing import catalogue_index_all

ORDER = 90  # after the catalogue (publications) is loaded


def load(ctx: DemoContext) -> None:
    count = catalogue_index_all()
    ctx.notes.append(
        f"公众门户：已为检索索引 {count} 条公开信息；各机关公开专栏见 /agency/<编号>/，"
        "在线申请 /agency/<编号>/apply/，申请进度查询 /track/。"
    )
