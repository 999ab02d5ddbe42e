"""中卫市司法局's synthetic 2023 records (演示数据) behind the seed report; see
``demo_content`` for the figures and ``demo`` for the step that runs this."""

from __future__ import annotations

import datetime
from typing import Any

from gongkai.core.demodata import DemoContext

from . import demo_content as content
from .demo_pages import (
    DEMO_MARK,
    SOURCE,
    ItemSpec,
    Reviewers,
    SectionBuilder,
    at,
    publish_page,
    working_day,
)
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

SFJ = "中卫市司法局"


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
        published = working_day(document.written_on + datetime.timedelta(days=5))
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
            written = working_day(
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
            day = working_day(datetime.date(2023, month, 3 + (n % 5) * 5))
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
            day = working_day(
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
            day = working_day(
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
                now=at(content.CONSULTATION_OPENS + datetime.timedelta(days=3 + 5 * n)),
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
        publish_page(
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
