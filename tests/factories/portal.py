"""Builders for the public portal's tests: a published catalogue, valid identity
numbers, minimal files of the accepted upload types."""

from __future__ import annotations

import datetime
from typing import Any

from gongkai.portal.apply_forms import ID_CHECK_CHARS, ID_WEIGHTS
from gongkai.publications.models import (
    Art20Category,
    InterpretationPage,
    ItemKind,
    Topic,
)

from .publications import (
    OfficialDocumentFactory,
    draft_consultation,
    draft_item,
    section_for,
)

# Smallest valid headers of the accepted types (content is checked by magic bytes).
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"0" * 64


def resident_id(body: str = "64050219900101123") -> str:
    """A resident identity number with a correct check character."""
    total = sum(int(d) * w for d, w in zip(body, ID_WEIGHTS, strict=True))
    return body + ID_CHECK_CHARS[total % 11]


def publish(page: Any) -> Any:
    """Publish a draft page as the end of its review would (fires page_published)."""
    page.save_revision().publish(skip_permission_checks=True, log_action=False)
    return type(page).objects.get(pk=page.pk)


def build_catalogue(agency: Any) -> dict[str, Any]:
    """A published catalogue for ``agency``: a normative document in force, one
    repealed, an information item, an interpretation and two consultations."""
    section = section_for(agency, slug="sfj")
    today = datetime.date.today()
    in_force = OfficialDocumentFactory(
        agency=agency,
        normative=True,
        organ_code="甲司规",
        doc_year=2023,
        doc_serial=1,
        title="甲市法律援助实施办法",
        written_on=datetime.date(2023, 3, 1),
    )
    repealed = OfficialDocumentFactory(
        agency=agency,
        normative=True,
        organ_code="甲司规",
        doc_year=2020,
        doc_serial=2,
        title="甲市公证收费管理规定",
        written_on=datetime.date(2020, 5, 1),
        repealed_on=today - datetime.timedelta(days=30),
    )
    rule = publish(
        draft_item(
            section,
            title="甲市法律援助实施办法",
            kind=ItemKind.DOCUMENT,
            document=in_force,
            category=Art20Category.RULES,
            topic=Topic.JUSTICE,
            summary="法律援助的申请与审查。",
            body="<p>第一条 为了规范法律援助工作，制定本办法。</p>",
        )
    )
    old = publish(
        draft_item(
            section,
            title="甲市公证收费管理规定",
            kind=ItemKind.DOCUMENT,
            document=repealed,
            category=Art20Category.RULES,
            topic=Topic.JUSTICE,
        )
    )
    info = publish(
        draft_item(
            section,
            title="2023年度部门预算公开",
            kind=ItemKind.INFORMATION,
            category=Art20Category.BUDGETS,
            topic=Topic.FINANCE,
            validity="",
            body="<p>预算收入合计1234万元。</p>",
        )
    )
    interpretation = InterpretationPage(
        title="《甲市法律援助实施办法》解读",
        slug="interp-1",
        live=False,
        category=Art20Category.RULES,
        topic=Topic.JUSTICE,
        body="<p>解读正文。</p>",
    )
    section.add_child(instance=interpretation)
    interpretation.explains.add(rule)
    interpretation = publish(interpretation)
    open_consultation = publish(
        draft_consultation(section, title="甲市养犬管理办法（征求意见稿）")
    )
    closed_consultation = publish(
        draft_consultation(
            section,
            title="甲市停车管理办法（征求意见稿）",
            opens_on=today - datetime.timedelta(days=60),
            closes_on=today - datetime.timedelta(days=30),
            feedback="<p>共收到意见12条，采纳5条。</p>",
        )
    )
    return {
        "agency": agency,
        "section": section,
        "rule": rule,
        "old": old,
        "info": info,
        "interpretation": interpretation,
        "open": open_consultation,
        "closed": closed_consultation,
    }
