from __future__ import annotations

import io

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from gongkai.portal.apply_forms import ID_CHECK_CHARS, ID_WEIGHTS

# Smallest valid headers of the accepted types (content is checked by magic bytes).
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"0" * 64


def resident_id(body: str = "64050219900101123") -> str:
    """A resident identity number with a correct check character."""
    total = sum(int(d) * w for d, w in zip(body, ID_WEIGHTS, strict=True))
    return body + ID_CHECK_CHARS[total % 11]


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters live in the cache: each test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def id_png():
    return lambda name="id.png", content=PNG: SimpleUploadedFile(
        name, content, content_type="image/png"
    )


@pytest.fixture
def apply_data():
    """apply_data(**overrides) -> a complete, valid POST of the application form."""

    def make(**overrides):
        data = {
            "submission_token": "t" * 32,
            "applicant_type": "natural_person",
            "name": "张三",
            "id_type": "resident_id",
            "id_number": resident_id(),
            "phone": "13900000000",
            "email": "zhang@example.org",
            "address": "",
            "postcode": "",
            "contact_person": "",
            "requested_form": "electronic",
            "delivery": "email",
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "0",
            "items-MIN_NUM_FORMS": "1",
            "items-MAX_NUM_FORMS": "10",
            "items-0-description": "2023年度部门预算",
            "items-0-document_number": "",
            "id_document": io.BytesIO(PNG),
        }
        data["id_document"].name = "身份证.png"
        data.update(overrides)
        return {k: v for k, v in data.items() if v is not None}

    return make


def publish(page):
    """Publish a draft page as the end of its review would (fires page_published)."""
    page.save_revision().publish(skip_permission_checks=True, log_action=False)
    return type(page).objects.get(pk=page.pk)


@pytest.fixture
def catalogue(tree):
    """A published catalogue for 甲市司法局: a normative document in force, one
    repealed, an information item, an interpretation and two consultations."""
    import datetime

    from gongkai.publications.models import (
        Art20Category,
        InterpretationPage,
        ItemKind,
        Topic,
    )
    from tests.factories.publications import (
        OfficialDocumentFactory,
        draft_consultation,
        draft_item,
        section_for,
    )

    agency = tree["a"]
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
