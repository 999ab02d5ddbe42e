"""The demo's 中卫市司法局 2023 records give exactly the seed report's figures."""

from decimal import Decimal

from django.core.management import call_command

from wagtail.models import WorkflowState

import pytest

from gongkai.agencies.models import Agency
from gongkai.audit.models import AuditEntry
from gongkai.publications.models import (
    CatalogueEntry,
    CatalogueItemPage,
    OfficialDocument,
)
from gongkai.publications.selectors.stats import publication_stats

pytestmark = pytest.mark.django_db

SEED_TABLE2 = {
    "regulations": {"issued": 0, "repealed": 0, "in_force": 0},
    "normative_documents": {"issued": 0, "repealed": 1, "in_force": 13},
    "licensing": {"decisions": 74},
    "penalties": {"decisions": 0},
    "enforcement": {"decisions": 0},
    "fees": {"amount_wan_yuan": Decimal("0")},
}


def test_demo_bureau_2023_gives_the_seed_figures(client):
    call_command("demo", "load")
    sfj = Agency.objects.get(name="中卫市司法局")
    stats = publication_stats(agency=sfj, year=2023)

    assert stats.table2 == SEED_TABLE2
    assert str(stats.table2["fees"]["amount_wan_yuan"]) == "0"
    assert stats.documents_published == 47
    assert stats.information_published == 61
    assert stats.reconsideration_decisions_published == 37
    assert stats.interpretations == 10
    assert [(m.platform, m.name, m.issues, m.articles) for m in stats.new_media] == [
        ("wechat", "法治中卫", 233, 1376)
    ]
    [consultation] = stats.consultations
    assert consultation.title == "中卫市餐厨垃圾管理办法（征求意见稿）"
    assert consultation.days == 30
    assert consultation.feedback_published

    # Every demo record is marked. A sample of the pages replayed the three review
    # steps; the others were loaded as already-published history, and say so.
    assert not CatalogueEntry.objects.filter(agency=sfj, is_demo=False).exists()
    assert not OfficialDocument.objects.filter(agency=sfj, is_demo=False).exists()
    reviewed = WorkflowState.objects.filter(status="approved")
    assert reviewed.count() >= 10
    for state in reviewed:
        assert set(state.task_states.values_list("task__name", "status")) >= {
            (f"{state.workflow.name.split('·')[0]}·初审", "approved"),
            (f"{state.workflow.name.split('·')[0]}·保密审查", "approved"),
            (f"{state.workflow.name.split('·')[0]}·终审", "approved"),
        }
    publications = AuditEntry.objects.filter(action="catalogue.publish", agency=sfj)
    assert publications.count() == CatalogueEntry.objects.filter(agency=sfj).count()
    assert set(publications.values_list("actor_name", flat=True)) == {
        "sfj_head",
        "演示数据载入（已发布的历史记录）",
    }
    page = CatalogueItemPage.objects.get(slug="doc-2023-01")

    # The public page shows the standard metadata block.
    body = client.get(page.url).content.decode()
    entry = CatalogueEntry.objects.get(page=page)
    assert entry.index_number.startswith("DEMO00002/2023-")
    for text in (
        entry.index_number,
        "中卫市司法局",
        "卫司发〔2023〕1号",
        "演示数据",
        "索引号",
        "发布机构",
        "成文日期",
        "发布日期",
        "有效性",
        "主题分类",
    ):
        assert text in body

    section = client.get("/gk/sfj/").content.decode()
    latest = CatalogueEntry.objects.filter(agency=sfj).order_by("-published_on", "-id")[
        0
    ]
    assert latest.index_number in section and "公开目录" in section
    assert "中卫市司法局" in client.get("/gk/").content.decode()

    # Loading again changes nothing.
    def counts():
        return (
            CatalogueEntry.objects.count(),
            OfficialDocument.objects.count(),
            AuditEntry.objects.count(),
        )

    before = counts()
    call_command("demo", "load")
    assert counts() == before
    assert publication_stats(agency=sfj, year=2023).table2 == SEED_TABLE2
