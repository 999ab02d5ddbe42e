"""Public consultations (征求意见): comments only inside the window, moderation, feedback."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wagtail.test.utils.form_data import querydict_from_html, rich_text

import pytest

from gongkai.publications.models import ConsultationComment, ConsultationPage
from gongkai.publications.services.consultations import consultation_comment_moderate
from tests.factories.publications import draft_consultation, run_review, section_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(tree, member):
    people = {
        "clerk": member(tree["a"], "clerk"),
        "reviewer": member(tree["a"], "reviewer"),
        "head": member(tree["a"], "head"),
    }
    section = section_for(tree["a"])

    def consultation(**fields):
        page = draft_consultation(section, **fields)
        return run_review(
            page,
            submitter=people["clerk"],
            reviewers={
                "初审": people["reviewer"],
                "保密审查": people["reviewer"],
                "终审": people["head"],
            },
        )

    return {"section": section, "consultation": consultation, **people}


def test_comment_while_open_waits_for_moderation(client, setup):
    page = setup["consultation"]()
    response = client.post(page.url, {"body": "建议增加过渡期。"})
    assert response.status_code == 302
    comment = ConsultationComment.objects.get()
    assert (comment.status, comment.name) == ("pending", "")
    assert "建议增加过渡期" not in client.get(page.url).content.decode()
    consultation_comment_moderate(
        acting_user=setup["reviewer"],
        comment=comment,
        status="approved",
        adoption="adopted",
    )
    assert "建议增加过渡期" in client.get(page.url).content.decode()


@pytest.mark.parametrize(
    ("opens", "closes"),
    [(-40, -10), (3, 30)],  # closed, not yet open (days from today)
)
def test_no_comments_outside_the_window(client, setup, opens, closes):
    today = timezone.localdate()
    page = setup["consultation"](
        opens_on=today + datetime.timedelta(days=opens),
        closes_on=today + datetime.timedelta(days=closes),
    )
    response = client.post(page.url, {"body": "迟到的意见"})
    assert response.status_code == 400
    assert not ConsultationComment.objects.exists()
    assert (
        "迟到的意见" not in response.content.decode()
        or "<form" not in response.content.decode()
    )


def test_window_bounds_are_inclusive(client, setup):
    today = timezone.localdate()
    page = setup["consultation"](
        opens_on=today - datetime.timedelta(days=29), closes_on=today
    )
    assert client.post(page.url, {"body": "最后一天的意见"}).status_code == 302
    assert ConsultationComment.objects.count() == 1


def test_identity_required_per_consultation(client, setup):
    page = setup["consultation"](identity_required=True)
    response = client.post(page.url, {"body": "意见"})
    assert response.status_code == 400
    assert not ConsultationComment.objects.exists()
    response = client.post(
        page.url, {"body": "意见", "name": "张三", "contact": "13800000000"}
    )
    assert response.status_code == 302
    assert ConsultationComment.objects.get().name == "张三"


def test_moderation_rules(setup, member, tree):
    page = setup["consultation"]()
    comment = ConsultationComment.objects.create(
        consultation=page, body="广告", submitted_at=timezone.now()
    )
    with pytest.raises(PermissionDenied):
        consultation_comment_moderate(
            acting_user=member(tree["b"], "reviewer"),
            comment=comment,
            status="approved",
        )
    with pytest.raises(ValidationError):
        consultation_comment_moderate(
            acting_user=setup["reviewer"], comment=comment, status="rejected"
        )
    consultation_comment_moderate(
        acting_user=setup["reviewer"],
        comment=comment,
        status="rejected",
        note="与本稿无关",
    )
    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by) == ("rejected", setup["reviewer"])


def test_feedback_shown_after_closing_and_only_then_editable(client, setup):
    today = timezone.localdate()
    page = setup["consultation"](
        opens_on=today - datetime.timedelta(days=40),
        closes_on=today - datetime.timedelta(days=11),
        feedback="<p>采纳情况：已采纳2条。</p>",
    )
    assert "采纳情况" in client.get(page.url).content.decode()

    # While open, the feedback field is refused by the editing form.
    client.force_login(setup["clerk"])
    url = f"/admin/pages/add/publications/consultationpage/{setup['section'].pk}/"
    form = querydict_from_html(
        client.get(url).content.decode(), form_id="page-edit-form"
    )
    assert form["opens_on"] == today.isoformat()
    assert form["closes_on"] == (today + datetime.timedelta(days=29)).isoformat()
    form.update(
        {
            "title": "某办法（征求意见稿）",
            "slug": "draft",
            "category": "01_rules",
            "topic": "justice",
            "body": rich_text("<p>草案</p>"),
            "feedback": rich_text("<p>提前写好的反馈</p>"),
            "action-submit": "1",
        }
    )
    response = client.post(url, form)
    assert response.status_code == 200
    assert not ConsultationPage.objects.filter(slug="draft").exists()
