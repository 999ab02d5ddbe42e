"""Catalogue entries, index numbers (索引号), scheduled publishing and withdrawal."""

import datetime

from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from wagtail.models import Revision

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.publications.models import CatalogueEntry, CatalogueItemPage
from gongkai.publications.services.catalogue import index_number_allocate
from tests.factories.publications import draft_item, run_review, section_for

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def setup(tree, member):
    a = tree["a"]
    a.org_code = "000014349"
    a.save()
    people = {
        "clerk": member(a, "clerk"),
        "reviewer": member(a, "reviewer"),
        "head": member(a, "head"),
    }
    section = section_for(a)
    reviewers = {
        "初审": people["reviewer"],
        "保密审查": people["reviewer"],
        "终审": people["head"],
    }

    def publish(page):
        return run_review(page, submitter=people["clerk"], reviewers=reviewers)

    return {"agency": a, "section": section, "publish": publish, **people}


def allocate(agency, day):
    with transaction.atomic():
        return index_number_allocate(agency=agency, on=day)


def test_index_numbers_follow_the_template_per_year(setup):
    agency = setup["agency"]
    assert allocate(agency, D(2018, 5, 1)) == "000014349/2018-00001"
    assert allocate(agency, D(2018, 12, 31)) == "000014349/2018-00002"
    assert allocate(agency, D(2019, 1, 1)) == "000014349/2019-00001"
    agency.index_number_template = "SFJ-{serial:06d}"
    agency.save()
    assert allocate(agency, D(2019, 1, 2)) == "SFJ-000001"
    assert allocate(agency, D(2020, 1, 2)) == "SFJ-000002"


def test_deleted_items_keep_their_number(setup):
    first = setup["publish"](draft_item(setup["section"], owner=setup["clerk"]))
    number = CatalogueEntry.objects.get(page=first).index_number
    first.delete()
    entry = CatalogueEntry.objects.get(index_number=number)
    assert entry.page is None and entry.withdrawn_on is not None
    assert AuditEntry.objects.filter(action="catalogue.delete").exists()
    second = setup["publish"](draft_item(setup["section"], owner=setup["clerk"]))
    assert CatalogueEntry.objects.get(page=second).index_number != number


def test_numbers_already_taken_are_skipped(setup):
    agency = setup["agency"]
    year = timezone.localdate().year
    CatalogueEntry.objects.create(
        agency=agency,
        index_number=f"000014349/{year}-00001",
        title="迁移来的条目",
        kind="information",
        category="15_other",
        topic="other",
        published_on=D(year, 1, 1),
    )
    page = setup["publish"](draft_item(setup["section"], owner=setup["clerk"]))
    assert (
        CatalogueEntry.objects.get(page=page).index_number == f"000014349/{year}-00002"
    )


def test_republishing_refreshes_facts_but_keeps_number_and_date(setup):
    page = setup["publish"](
        draft_item(setup["section"], owner=setup["clerk"], category="15_other")
    )
    entry = CatalogueEntry.objects.get(page=page)
    page.category = "04_statistics"
    page.title = "更正后的标题"
    page.save_revision(user=setup["clerk"])
    page = setup["publish"](CatalogueItemPage.objects.get(pk=page.pk))
    again = CatalogueEntry.objects.get(page=page)
    assert (again.index_number, again.published_on) == (
        entry.index_number,
        entry.published_on,
    )
    assert (again.category, again.title) == ("04_statistics", "更正后的标题")


def test_scheduled_publishing_after_review(setup):
    go_live = timezone.now() + datetime.timedelta(days=2)
    page = draft_item(setup["section"], owner=setup["clerk"], go_live_at=go_live)
    page = setup["publish"](page)
    assert not page.live
    assert not CatalogueEntry.objects.exists()
    revision = Revision.objects.get(
        object_id=str(page.pk), approved_go_live_at__isnull=False
    )
    # Time passes: the scheduled moment is now in the past.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    CatalogueItemPage.objects.filter(pk=page.pk).update(go_live_at=past)
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
    assert CatalogueEntry.objects.filter(page=page).exists()
    assert (
        AuditEntry.objects.get(action="catalogue.publish").actor_name
        == "系统（定时发布）"
    )


def test_scheduled_withdrawal_records_its_reason(setup):
    page = draft_item(
        setup["section"],
        owner=setup["clerk"],
        expire_at=timezone.now() + datetime.timedelta(days=30),
        withdrawal_reason="活动已结束",
    )
    page = setup["publish"](page)
    assert page.live
    CatalogueItemPage.objects.filter(pk=page.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live and page.expired
    entry = CatalogueEntry.objects.get(page=page)
    assert entry.withdrawn_on == timezone.localdate()
    assert entry.withdrawal_reason == "活动已结束"
