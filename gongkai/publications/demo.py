"""Demo step (演示数据): disclosure sections for the demo agencies, and 中卫市司法局's
2023 proactive-disclosure records behind the seed report's figures.

A sample of the catalogue pages (and the consultation) goes through the bureau's review
workflow (初审, 保密审查, 终审) with the demo reviewers; the rest is loaded as history that
was already published, and the audit trail says so. Publication dates are those of the
story (2023). Idempotent: existing records (by document number and page slug) are left
as they are.
"""

from __future__ import annotations

import datetime

from gongkai.agencies.models import Role
from gongkai.core.demodata import DemoContext

from . import demo_content as content
from .demo_bureau import SFJ, BureauLoader
from .demo_pages import (
    DEMO_MARK,
    ItemSpec,
    Reviewers,
    SectionBuilder,
    without_review_mail,
)
from .models import (
    Art20Category,
    CatalogueItemPage,
    DisclosureAttribute,
    DisclosureIndexPage,
    DocumentType,
    ItemKind,
    OfficialDocument,
    Topic,
)
from .services.catalogue import disclosure_section_ensure
from .services.documents import (
    document_register,
)
from .services.workflow import review_workflow_configure

ORDER = 30

GOVERNMENT = "中卫市人民政府"
SECTION_SLUGS = {
    GOVERNMENT: "szf",
    SFJ: "sfj",
    "中卫市示范民政局（演示）": "mzj",
    "中卫市示范交通运输局（演示）": "jtj",
    "中卫市示范市场监督管理局（演示）": "scjgj",
}
# Every n-th page (in order of publication) replays the full review workflow.
REVIEW_SAMPLE = 16


def _government_regulation(ctx: DemoContext, section: DisclosureIndexPage) -> str:
    """The city's regulation the bureau drafted and interpreted (市政府规章)."""
    government = ctx.agencies[GOVERNMENT]
    head = ctx.users["gov_supervisor"]
    title, written = content.BUILDING_WASTE_REGULATION
    document = OfficialDocument.objects.filter(agency=government, title=title).first()
    if document is None:
        document = document_register(
            acting_user=head,
            agency=government,
            title=title,
            written_on=written,
            attribute=DisclosureAttribute.PROACTIVE,
            doc_type=DocumentType.REGULATION,
            effective_from=written + datetime.timedelta(days=30),
            is_demo=True,
        )
    builder = SectionBuilder(
        section,
        Reviewers(
            submitter=head, by_step={"初审": head, "保密审查": head, "终审": head}
        ),
    )
    slug = "regulation-2023-building-waste"
    builder.page(
        ItemSpec(
            CatalogueItemPage,
            slug,
            f"《{title}》",
            written + datetime.timedelta(days=5),
            {
                "kind": ItemKind.DOCUMENT,
                "document": document,
                "category": Art20Category.RULES,
                "topic": Topic.CONSTRUCTION,
                "summary": f"{title}。{DEMO_MARK}",
                "body": f"<p>{title}全文。{DEMO_MARK}</p>",
            },
        )
    )
    return slug


def _sections(ctx: DemoContext) -> dict[str, DisclosureIndexPage]:
    admin = ctx.users["admin"]
    sections = {
        name: disclosure_section_ensure(
            acting_user=admin, agency=ctx.agencies[name], slug=slug
        )
        for name, slug in SECTION_SLUGS.items()
    }
    # The government's demo staff is one head; all three steps are theirs.
    review_workflow_configure(
        acting_user=admin,
        agency=ctx.agencies[GOVERNMENT],
        steps=[("初审", Role.HEAD), ("保密审查", Role.HEAD), ("终审", Role.HEAD)],
    )
    return sections


def load(ctx: DemoContext) -> None:
    with without_review_mail():
        _load(ctx)


def _load(ctx: DemoContext) -> None:
    sections = _sections(ctx)
    regulation_slug = _government_regulation(ctx, sections[GOVERNMENT])
    bureau = BureauLoader(ctx, sections)
    specs = [
        *bureau.normative_documents(),
        *bureau.documents_2023(),
        *bureau.information(),
        *bureau.decisions(),
        *bureau.interpretations(regulation_slug),
    ]
    for n, spec in enumerate(sorted(specs, key=lambda s: (s.published, s.slug))):
        spec.review = n % REVIEW_SAMPLE == 0
        bureau.builder.page(spec)
    bureau.consultation()
    bureau.figures()
    ctx.notes.append(
        "主动公开：中卫市司法局 2023 年目录、公文登记、规范性文件、解读、征求意见和年度数据已载入"
        "（演示数据），门户 /gk/sfj/。"
    )
