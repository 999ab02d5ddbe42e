"""Demo step (演示数据): disclosure sections for the demo agencies, and 中卫市司法局's
2023 proactive-disclosure records behind the seed report's figures.

Every catalogue page goes through the bureau's review workflow (初审, 保密审查, 终审)
with the demo reviewers; publication dates are then those of the story (2023), while
the review records carry the time the demo was loaded. Idempotent: existing records
(by document number and page slug) are left as they are.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from wagtail.models import Page

from gongkai.agencies.models import Role
from gongkai.core.demodata import DemoContext

from . import demo_content as content
from .context import acting
from .models import (
    Art20Category,
    CatalogueItemPage,
    CommentStatus,
    ConsultationPage,
    DisclosureAttribute,
    DisclosureIndexPage,
    DocumentType,
    InterpretationPage,
    ItemKind,
    OfficialDocument,
    Platform,
    Topic,
    TrialKind,
)
from .services.catalogue import disclosure_section_ensure
from .services.consultations import (
    consultation_comment_moderate,
    consultation_comment_submit,
)
from .services.documents import (
    document_attribute_decide,
    document_register,
    document_repeal,
)
from .services.figures import (
    new_media_account_save,
    new_media_figures_set,
    yearly_figure_set,
)
from .services.workflow import review_workflow_configure

ORDER = 30

SFJ = "中卫市司法局"
GOVERNMENT = "中卫市人民政府"
SECTION_SLUGS = {
    GOVERNMENT: "szf",
    SFJ: "sfj",
    "中卫市示范民政局（演示）": "mzj",
    "中卫市示范交通运输局（演示）": "jtj",
    "中卫市示范市场监督管理局（演示）": "scjgj",
}
TZ = ZoneInfo("Asia/Shanghai")
# Every n-th page (in order of publication) replays the full review workflow.
REVIEW_SAMPLE = 16
HISTORY_ACTOR = "演示数据载入（已发布的历史记录）"
DEMO_MARK = "（演示数据）"
SOURCE = "演示数据：{}"


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, 0, tzinfo=TZ)


def _working_day(day: datetime.date) -> datetime.date:
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


def _publish(
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
    Page.objects.filter(pk=page.pk).update(last_published_at=_at(when, 16))
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
            first_published_at=_at(spec.published),
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
        return _publish(page, self.reviewers, spec.published, review=spec.review)


def _category_for(subject: str) -> str:
    if any(word in subject for word in ("计划", "要点", "方案")):
        return Art20Category.PLANS
    if any(word in subject for word in ("执法", "双随机")):
        return Art20Category.PENALTIES
    return Art20Category.OTHER


class BureauLoader:
    """中卫市司法局's 2023 records (see ``demo_content``)."""

    def __init__(self, ctx: DemoContext, sections: dict[str, DisclosureIndexPage]):
        self.ctx = ctx
        self.agency = ctx.agencies[SFJ]
        self.clerk = ctx.users["sfj_clerk"]
        self.reviewer = ctx.users["sfj_reviewer"]
        self.head = ctx.users["sfj_head"]
        self.builder = SectionBuilder(
            sections[SFJ],
            Reviewers(
                submitter=self.clerk,
                by_step={
                    "初审": self.reviewer,
                    "保密审查": self.reviewer,
                    "终审": self.head,
                },
            ),
        )

    # -- register ---------------------------------------------------------------

    def document(
        self, *, organ_code: str, year: int, serial: int, **fields: Any
    ) -> OfficialDocument:
        found = OfficialDocument.objects.filter(
            agency=self.agency, organ_code=organ_code, doc_year=year, doc_serial=serial
        ).first()
        if found is not None:
            return found
        attribute = fields.pop("attribute", DisclosureAttribute.PROACTIVE)
        reason = fields.pop("attribute_reason", "")
        document = document_register(
            acting_user=self.clerk,
            agency=self.agency,
            organ_code=organ_code,
            doc_year=year,
            doc_serial=serial,
            attribute=attribute,
            attribute_reason=reason,
            signer="局长（演示数据）",
            is_demo=True,
            **fields,
        )
        return document_attribute_decide(
            acting_user=self.reviewer,
            document=document,
            attribute=attribute,
            attribute_reason=reason,
            note="属性审核同意（演示数据）",
        )

    def normative_documents(self) -> list[ItemSpec]:
        specs = []
        per_year: dict[int, int] = {}
        documents: list[OfficialDocument] = []
        rows: list[tuple[str, datetime.date, bool, int | None]] = [
            (t, w, False, None) for t, w, _trial in content.NORMATIVE
        ]
        rows.append((*content.AMENDMENT[:2], False, content.AMENDMENT[2]))
        rows.append((*content.TRIAL_REPEALED, True, None))
        for title, written, trial, amends_index in sorted(rows, key=lambda r: r[1]):
            serial = per_year[written.year] = per_year.get(written.year, 0) + 1
            document = self.document(
                organ_code="卫司规发",
                year=written.year,
                serial=serial,
                title=f"中卫市司法局关于印发《{title}》的通知",
                written_on=written,
                doc_type=DocumentType.NORMATIVE,
                effective_from=written
                if trial
                else written + datetime.timedelta(days=30),
                trial=TrialKind.TRIAL if trial else TrialKind.NONE,
                amends=documents[amends_index] if amends_index is not None else None,
            )
            documents.append(document)
            specs.append(
                self._document_spec(
                    document, f"norm-{written.year}-{serial:02d}", Art20Category.RULES
                )
            )
        self._repeal_trial(documents)
        return specs

    def _repeal_trial(self, documents: list[OfficialDocument]) -> None:
        trial = next(d for d in documents if d.trial)
        if trial.repealed_on is None:
            document_repeal(
                acting_user=self.clerk,
                document=trial,
                repealed_on=content.TRIAL_REPEALED_ON,
                reason="试行期届满，予以废止（演示数据）",
            )

    def _document_spec(
        self, document: OfficialDocument, slug: str, category: str
    ) -> ItemSpec:
        published = _working_day(document.written_on + datetime.timedelta(days=5))
        return ItemSpec(
            CatalogueItemPage,
            slug,
            document.title,
            published,
            {
                "kind": ItemKind.DOCUMENT,
                "document": document,
                "category": category,
                "summary": f"{document.title}。{DEMO_MARK}",
                "body": f"<p>{document.title}全文。{DEMO_MARK}</p>",
            },
        )

    def documents_2023(self) -> list[ItemSpec]:
        subjects = list(content.DOCUMENT_SUBJECTS)
        rows: list[tuple[str, str, str]] = [(s, "", "") for s in subjects]
        for n, row in enumerate(content.NOT_PROACTIVE):
            rows.insert(11 * (n + 1), row)
        specs = []
        start = datetime.date(2023, 1, 5)
        span = (datetime.date(2023, 12, 15) - start).days
        for index, (subject, attribute, reason) in enumerate(rows):
            written = _working_day(
                start + datetime.timedelta(days=span * index // (len(rows) - 1))
            )
            title = subject if attribute else f"中卫市司法局关于{subject}的通知"
            document = self.document(
                organ_code="卫司发",
                year=2023,
                serial=index + 1,
                title=title,
                written_on=written,
                **(
                    {"attribute": attribute, "attribute_reason": reason}
                    if attribute
                    else {}
                ),
            )
            if not attribute:
                specs.append(
                    self._document_spec(
                        document, f"doc-2023-{index + 1:02d}", _category_for(subject)
                    )
                )
        return specs

    # -- other catalogue items ----------------------------------------------------

    def information(self) -> list[ItemSpec]:
        specs = []
        for n in range(61):
            month = min(n // 5 + 1, 12)
            template = content.INFORMATION_SUBJECTS[
                n % len(content.INFORMATION_SUBJECTS)
            ]
            day = _working_day(datetime.date(2023, month, 3 + (n % 5) * 5))
            title = template.format(m=month)
            if n == 60:
                title = "市司法局举办“政府开放日”活动"
            specs.append(
                ItemSpec(
                    CatalogueItemPage,
                    f"info-2023-{n + 1:02d}",
                    title,
                    day,
                    {
                        "kind": ItemKind.INFORMATION,
                        "category": Art20Category.OTHER,
                        "summary": f"{title}。{DEMO_MARK}",
                        "body": f"<p>{title}。{DEMO_MARK}</p>",
                    },
                )
            )
        return specs

    def decisions(self) -> list[ItemSpec]:
        specs = []
        for n in range(content.RECONSIDERATION_DECISIONS):
            day = _working_day(
                datetime.date(
                    2023,
                    1 + n * 12 // content.RECONSIDERATION_DECISIONS,
                    10 + n % 3 * 5,
                )
            )
            number = f"卫政复决字〔2023〕{n + 1}号"
            specs.append(
                ItemSpec(
                    CatalogueItemPage,
                    f"decision-2023-{n + 1:02d}",
                    f"行政复议决定书（{number}）",
                    day,
                    {
                        "kind": ItemKind.RECONSIDERATION_DECISION,
                        "doc_number": number,
                        "written_on": day - datetime.timedelta(days=3),
                        "category": Art20Category.OTHER,
                        "summary": f"行政复议决定书，当事人信息已按规定处理。{DEMO_MARK}",
                        "body": f"<p>行政复议决定书正文（{number}）。{DEMO_MARK}</p>",
                    },
                )
            )
        return specs

    def interpretations(self, regulation_slug: str) -> list[ItemSpec]:
        specs = []
        for n, (title, form, about_regulation) in enumerate(content.INTERPRETATIONS):
            day = _working_day(
                datetime.date(2023, 5, 4) + datetime.timedelta(days=4 * n)
                if about_regulation
                else datetime.date(2023, 8, 2) + datetime.timedelta(days=7 * (n - 6))
            )
            specs.append(
                ItemSpec(
                    InterpretationPage,
                    f"interp-2023-{n + 1:02d}",
                    title,
                    day,
                    {
                        "form": form,
                        "category": Art20Category.RULES,
                        "summary": f"{title}。{DEMO_MARK}",
                        "body": f"<p>{title}。{DEMO_MARK}</p>",
                        **(
                            {"video_url": "https://www.nxzw.gov.cn/"}
                            if form == "video"
                            else {}
                        ),
                    },
                    explains=[regulation_slug] if about_regulation else [],
                )
            )
        return specs

    # -- consultation, figures ----------------------------------------------------

    def consultation(self) -> None:
        spec = ItemSpec(
            ConsultationPage,
            "consultation-canchu-2023",
            content.CONSULTATION_TITLE,
            content.CONSULTATION_OPENS,
            {
                "category": Art20Category.RULES,
                "topic": Topic.CONSTRUCTION,
                "opens_on": content.CONSULTATION_OPENS,
                "closes_on": content.CONSULTATION_CLOSES,
                "summary": f"公开征求《{content.CONSULTATION_TITLE}》意见，期限30日。{DEMO_MARK}",
                "body": f"<p>《{content.CONSULTATION_TITLE}》全文。{DEMO_MARK}</p>",
            },
        )
        page = self.builder.page(spec)
        assert isinstance(page, ConsultationPage)
        if page.comments.exists():
            return
        for n, (name, body, status, adoption) in enumerate(
            content.CONSULTATION_COMMENTS
        ):
            comment = consultation_comment_submit(
                consultation=page,
                body=f"{body}{DEMO_MARK}",
                name=name,
                now=_at(
                    content.CONSULTATION_OPENS + datetime.timedelta(days=3 + 5 * n)
                ),
                is_demo=True,
            )
            consultation_comment_moderate(
                acting_user=self.reviewer,
                comment=comment,
                status=status,
                note=""
                if status == CommentStatus.APPROVED
                else "与征求意见内容无关（演示数据）",
                adoption=adoption,
            )
        page.feedback = content.CONSULTATION_FEEDBACK
        page.save_revision(user=self.clerk)
        _publish(
            page,
            self.builder.reviewers,
            content.CONSULTATION_CLOSES + datetime.timedelta(days=14),
        )

    def figures(self) -> None:
        for item, value in content.YEARLY_FIGURES.items():
            yearly_figure_set(
                acting_user=self.clerk,
                agency=self.agency,
                year=2023,
                item=item,
                value=value,
                source=SOURCE.format("本局业务系统年度统计"),
                is_demo=True,
            )
        name, operator, issues, articles = content.WECHAT
        account = new_media_account_save(
            acting_user=self.clerk,
            agency=self.agency,
            platform=Platform.WECHAT,
            name=name,
            operator=operator,
            is_demo=True,
        )
        new_media_figures_set(
            acting_user=self.clerk,
            account=account,
            year=2023,
            issues=issues,
            articles=articles,
            source=SOURCE.format("微信公众平台后台统计"),
        )


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


@contextlib.contextmanager
def _without_review_mail() -> Iterator[None]:
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


def load(ctx: DemoContext) -> None:
    with _without_review_mail():
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
