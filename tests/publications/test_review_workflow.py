"""The pre-publication review (Art. 17, 三审三校) through Wagtail's admin over HTTP."""

from wagtail.models import Page, PageLogEntry, WorkflowState
from wagtail.test.utils.form_data import querydict_from_html, rich_text

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.publications.models import CatalogueEntry, CatalogueItemPage
from tests.factories.publications import draft_item, section_for, superuser

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(tree, member):
    a = tree["a"]
    people = {
        "clerk": member(a, "clerk", "a_clerk"),
        "reviewer": member(a, "reviewer", "a_reviewer"),
        "head": member(a, "head", "a_head"),
        "other_clerk": member(tree["b"], "clerk", "b_clerk"),
        "other_reviewer": member(tree["b"], "reviewer", "b_reviewer"),
    }
    section_for(tree["b"])
    return {**people, "section": section_for(a)}


def add_url(section):
    return f"/admin/pages/add/publications/catalogueitempage/{section.pk}/"


def create_via_admin(client, section, action, **fields):
    form = querydict_from_html(
        client.get(add_url(section)).content.decode(), form_id="page-edit-form"
    )
    form.update(
        {
            "title": "关于开展普法活动的通知",
            "slug": "pufa",
            "kind": "information",
            "category": "15_other",
            "topic": "justice",
            "body": rich_text("<p>正文</p>"),
            action: "1",
            **fields,
        }
    )
    return client.post(add_url(section), form)


def act(client, page, action, comment=""):
    state = WorkflowState.objects.active().get(object_id=str(page.pk))
    url = f"/admin/pages/workflow/action/{page.pk}/{action}/{state.current_task_state_id}/"
    return client.post(url, {"comment": comment})


def current_step(page):
    state = WorkflowState.objects.filter(object_id=str(page.pk)).order_by("-id").first()
    return (
        state.status,
        state.current_task_state.task.name if state.current_task_state else None,
    )


def test_page_goes_live_only_after_all_three_steps(client, staff):
    client.force_login(staff["clerk"])
    response = create_via_admin(client, staff["section"], "action-submit")
    assert response.status_code == 302
    page = CatalogueItemPage.objects.get(slug="pufa")
    assert not page.live
    assert current_step(page) == ("in_progress", "甲市司法局·初审")

    # The author cannot approve their own submission.
    act(client, page, "approve")
    assert current_step(page) == ("in_progress", "甲市司法局·初审")

    client.force_login(staff["reviewer"])
    act(client, page, "approve", "初审通过")
    assert current_step(page) == ("in_progress", "甲市司法局·保密审查")
    assert not CatalogueItemPage.objects.get(pk=page.pk).live

    act(client, page, "approve", "不涉密")
    assert current_step(page) == ("in_progress", "甲市司法局·终审")
    act(client, page, "approve")  # a reviewer is not a final approver
    assert current_step(page) == ("in_progress", "甲市司法局·终审")

    client.force_login(staff["head"])
    act(client, page, "approve", "同意发布")
    page.refresh_from_db()
    assert page.live
    assert current_step(page)[0] == "approved"

    entry = CatalogueEntry.objects.get(page=page)
    assert entry.index_number.startswith(f"{page.agency.org_code}/")
    history = set(
        PageLogEntry.objects.filter(page=page).values_list("action", flat=True)
    )
    assert {"wagtail.workflow.approve", "wagtail.publish"} <= history
    actions = list(
        AuditEntry.objects.filter(
            target_type="publications.CatalogueItemPage"
        ).values_list("action", "actor_name")
    )
    assert ("review.submit", "a_clerk") in actions
    assert ("review.approve", "a_reviewer") in actions
    assert ("review.approve", "a_head") in actions
    assert AuditEntry.objects.get(action="catalogue.publish").actor_name == "a_head"
    assert client.get(page.url).status_code == 200


def test_nobody_publishes_directly(client, staff):
    client.force_login(staff["clerk"])
    create_via_admin(client, staff["section"], "action-publish")
    page = CatalogueItemPage.objects.get(slug="pufa")
    assert not page.live

    root = superuser()
    client.force_login(root)
    form = querydict_from_html(
        client.get(f"/admin/pages/{page.pk}/edit/").content.decode(),
        form_id="page-edit-form",
    )
    form["action-publish"] = "1"
    client.post(f"/admin/pages/{page.pk}/edit/", form)
    assert not CatalogueItemPage.objects.get(pk=page.pk).live
    assert not CatalogueEntry.objects.exists()


def test_finishing_without_every_step_is_refused(staff):
    page = draft_item(staff["section"], owner=staff["clerk"])
    state = page.get_workflow().start(page, staff["clerk"])
    with pytest.raises(Exception, match="初审"):
        state.finish(user=staff["head"])
    assert not CatalogueItemPage.objects.get(pk=page.pk).live


def test_rejection_returns_the_page_to_its_author(client, staff):
    client.force_login(staff["clerk"])
    create_via_admin(client, staff["section"], "action-submit")
    page = CatalogueItemPage.objects.get(slug="pufa")
    client.force_login(staff["reviewer"])
    act(client, page, "approve")
    act(client, page, "reject", "第二段涉及内部信息，请删除")
    assert current_step(page)[0] == "needs_changes"
    assert not CatalogueItemPage.objects.get(pk=page.pk).live
    rejection = PageLogEntry.objects.get(page=page, action="wagtail.workflow.reject")
    assert rejection.data["comment"] == "第二段涉及内部信息，请删除"
    audit = AuditEntry.objects.get(action="review.reject")
    assert audit.after["comment"] == "第二段涉及内部信息，请删除"
    assert AuditEntry.objects.filter(action="review.return_to_author").exists()

    # The author edits and resubmits; every step must approve the new version.
    client.force_login(staff["clerk"])
    edit_url = f"/admin/pages/{page.pk}/edit/"
    form = querydict_from_html(
        client.get(edit_url).content.decode(), form_id="page-edit-form"
    )
    form["body"] = rich_text("<p>已删除内部信息</p>")
    form["action-submit"] = "1"
    assert client.post(edit_url, form).status_code == 302
    for _ in range(5):
        status, step = current_step(page)
        if status != "in_progress":
            break
        client.force_login(
            staff["head"] if step.endswith("终审") else staff["reviewer"]
        )
        act(client, page, "approve")
    page.refresh_from_db()
    assert page.live
    assert "已删除内部信息" in client.get(page.url).content.decode()


def test_staff_edit_only_their_own_agency(client, staff, tree):
    page = draft_item(staff["section"], owner=staff["clerk"])
    client.force_login(staff["other_clerk"])
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    response = client.get(add_url(staff["section"]))
    assert response.status_code == 302 and response["Location"] == "/admin/"
    client.force_login(staff["clerk"])
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    own = Page.objects.get(pk=page.pk)
    other_section = Page.objects.get(slug=f"a{tree['b'].pk}")
    assert own.permissions_for_user(staff["clerk"]).can_edit()
    assert not other_section.permissions_for_user(staff["clerk"]).can_add_subpage()


def test_other_agencys_reviewer_cannot_approve(client, staff):
    client.force_login(staff["clerk"])
    create_via_admin(client, staff["section"], "action-submit")
    page = CatalogueItemPage.objects.get(slug="pufa")
    client.force_login(staff["other_reviewer"])
    act(client, page, "approve")
    assert current_step(page) == ("in_progress", "甲市司法局·初审")


def test_art21_category_and_register_rules_in_the_form(client, staff, tree):
    from tests.factories.publications import OfficialDocumentFactory

    withheld = OfficialDocumentFactory(agency=tree["a"], withheld=True)
    client.force_login(staff["clerk"])
    response = create_via_admin(
        client,
        staff["section"],
        "action-submit",
        kind="document",
        document=str(withheld.pk),
        art21_category="rural_policy",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "该公文的公开属性为“不予公开”，不得主动公开。" in body
    assert "该第二十一条类别仅适用于乡镇。" in body
    assert not CatalogueItemPage.objects.filter(slug="pufa").exists()


def test_items_stay_in_their_agency_section(staff, tree):
    page = draft_item(staff["section"], owner=staff["clerk"])
    other_section = Page.objects.get(slug=f"a{tree['b'].pk}")
    tester = page.permissions_for_user(superuser())
    assert not tester.can_move_to(other_section)
    assert not tester.can_publish() and not tester.can_unpublish()
