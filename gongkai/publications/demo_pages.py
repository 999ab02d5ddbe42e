"""Demo helpers: creating catalogue pages and publishing them (演示数据)."""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from wagtail.models import Page

from .context import acting
from .models import (
    CatalogueItemPage,
    DisclosureIndexPage,
    Topic,
)

TZ = ZoneInfo("Asia/Shanghai")
HISTORY_ACTOR = "演示数据载入（已发布的历史记录）"
DEMO_MARK = "（演示数据）"
SOURCE = "演示数据：{}"


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, 0, tzinfo=TZ)


def working_day(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


@dataclass
class Reviewers:
    submitter: Any
    by_step: dict[str, Any]


@dataclass
class ItemSpec:
    page_class: type[Page]
    slug: str
    title: str
    published: datetime.date
    fields: dict[str, Any] = field(default_factory=dict)
    explains: list[str] = field(default_factory=list)
    review: bool = True


def _review(page: Page, reviewers: Reviewers) -> None:
    """Run ``page`` through every step of its agency's review workflow."""
    workflow = page.get_workflow()
    state = workflow.start(page, reviewers.submitter)
    while state.status == state.STATUS_IN_PROGRESS:
        task_state = state.current_task_state
        step = task_state.task.name.split("·")[-1]
        task_state.task.specific.on_action(
            task_state, reviewers.by_step[step], "approve", comment="同意（演示数据）"
        )
        state.refresh_from_db()


def publish_page(
    page: Page, reviewers: Reviewers, when: datetime.date, *, review: bool = True
) -> Page:
    """Publish a demo page, through the review workflow or as loaded history.

    Replaying the full review for every page of a year makes the demo load slow, so
    only a sample goes through it; the others are loaded as history that was already
    published, recorded as such in the audit trail (actor ``HISTORY_ACTOR``).
    """
    if review:
        _review(page, reviewers)
    else:
        with acting(HISTORY_ACTOR):
            page.get_latest_revision().publish(skip_permission_checks=True)
    Page.objects.filter(pk=page.pk).update(last_published_at=at(when, 16))
    return type(page).objects.get(pk=page.pk)


class SectionBuilder:
    """Creates an agency's demo pages through its review workflow."""

    def __init__(self, section: DisclosureIndexPage, reviewers: Reviewers) -> None:
        self.section = section
        self.reviewers = reviewers
        self.existing = set(
            Page.objects.child_of(section).values_list("slug", flat=True)
        )

    def page(self, spec: ItemSpec) -> Page:
        if spec.slug in self.existing:
            return Page.objects.child_of(self.section).get(slug=spec.slug).specific
        page = spec.page_class(
            title=spec.title,
            slug=spec.slug,
            live=False,
            owner=self.reviewers.submitter,
            first_published_at=at(spec.published),
            **{"topic": Topic.JUSTICE, **spec.fields},
        )
        page.is_demo = True  # type: ignore[attr-defined]
        self.section.add_child(instance=page)
        if spec.explains:
            page.explains.set(  # type: ignore[attr-defined]
                CatalogueItemPage.objects.filter(slug__in=spec.explains)
            )
        page.save_revision(user=self.reviewers.submitter)
        self.existing.add(spec.slug)
        return publish_page(page, self.reviewers, spec.published, review=spec.review)


@contextlib.contextmanager
def without_review_mail() -> Iterator[None]:
    """Replaying a year of reviews must not mail the demo reviewers hundreds of times."""
    from wagtail.admin import signal_handlers as handlers
    from wagtail.models import TaskState, WorkflowState
    from wagtail.signals import (
        task_submitted,
        workflow_approved,
        workflow_rejected,
        workflow_submitted,
    )

    receivers = [
        (
            task_submitted,
            handlers.task_submission_email_notifier,
            TaskState,
            "group_approval_task_submitted_email_notification",
        ),
        (
            workflow_submitted,
            handlers.workflow_submission_email_notifier,
            WorkflowState,
            "workflow_state_submitted_email_notification",
        ),
        (
            workflow_rejected,
            handlers.workflow_rejection_email_notifier,
            WorkflowState,
            "workflow_state_rejected_email_notification",
        ),
        (
            workflow_approved,
            handlers.workflow_approval_email_notifier,
            WorkflowState,
            "workflow_state_approved_email_notification",
        ),
    ]
    disconnected = [
        r for r in receivers if r[0].disconnect(sender=r[2], dispatch_uid=r[3])
    ]
    try:
        yield
    finally:
        for signal, receiver, sender, uid in disconnected:
            signal.connect(receiver, sender=sender, dispatch_uid=uid)
