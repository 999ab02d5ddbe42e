"""Demo step: applications and appeals (演示数据).

- 中卫市司法局, 2023: exactly the seed report's table 3 — one application from a
  natural person, received and answered in 2023 within the deadline, partially
  disclosed (one item disclosed, one not held, with the agency to ask named);
  nothing carried over or forward. It goes through the real services (timeline and
  audit). A few current cases give the office's staff something to work on.
- The three fictional departments, 2023–2025: a few hundred simulated cases
  (``demo_sim``, fixed seed), every outcome row used, some carried across year ends,
  some open past their deadline at the history's reference date (31 Dec 2025), some
  with supplementation, consultations, extensions, fees, and some appealed. A small
  batch of current cases (received in the last few weeks before the load) shows
  deadlines that are not yet due.

Idempotent: nothing is generated when demo applications already exist.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from gongkai.agencies.models import Membership, Role
from gongkai.agencies.services import staff_group
from gongkai.audit.models import AuditEntry
from gongkai.core.demodata import DEMO_PASSWORD, DemoContext
from gongkai.workdays import Calendar, UnknownYearError, add_working_days

from .choices import ApplicantType, Channel, Delivery, IdType, Outcome, RequestedForm
from .demo_sim import CaseBuilder, Plan
from .models import (
    Appeal,
    Application,
    ApplicationItem,
    CaseEvent,
    Consultation,
    Extension,
    FeeNotice,
    Supplementation,
)
from .selectors.deadlines import case_calendar
from .services import (
    ApplicantInput,
    ItemDecision,
    ItemInput,
    case_approve_reply,
    case_draft_reply,
    case_register,
    case_send_reply,
    case_start,
    reserve_tracking_numbers,
)
from .services.intake import find_possible_duplicate

ORDER = 40
SEED = 20231231
HISTORY_CUTOFF = datetime.date(2025, 12, 31)
HISTORY_YEARS = (2023, 2024, 2025)
DEMO_QUERY_CODE = "DEMO2023"
SFJ = "中卫市司法局"

FICTIONAL: dict[str, tuple[str, str, list[str]]] = {
    "中卫市示范民政局（演示）": (
        "mz",
        "示范民政局",
        [
            "2022年度城乡最低生活保障资金发放情况",
            "本市养老机构名单及核定床位数",
            "临时救助审批结果汇总",
            "殡葬服务收费项目及标准",
            "社会组织登记和年检信息",
            "特困人员供养标准调整文件",
            "婚姻登记档案查询办理流程",
            "居家养老服务补贴发放明细",
        ],
    ),
    "中卫市示范交通运输局（演示）": (
        "jt",
        "示范交通局",
        [
            "某县道改扩建工程立项批复及资金来源",
            "出租汽车经营权配置方案",
            "农村公路养护资金使用情况",
            "道路运输行政处罚裁量基准",
            "城市公交线路调整论证材料",
            "某桥梁定期检测报告",
            "客运班线经营许可信息",
            "治超站点设置依据",
        ],
    ),
    "中卫市示范市场监督管理局（演示）": (
        "sj",
        "示范市监局",
        [
            "某企业行政处罚决定书",
            "2023年食品安全监督抽检结果",
            "某商标侵权案件调查材料",
            "价格监督检查情况通报",
            "特种设备定期检验记录",
            "个体工商户登记信息",
            "农贸市场计量器具检定情况",
            "消费投诉处理结果统计",
        ],
    ),
}

# Outcome weights for answered demo cases (the procedural rows come from scenarios).
OUTCOME_WEIGHTS: dict[str, int] = {
    Outcome.GRANTED: 40,
    Outcome.PARTIALLY_GRANTED: 14,
    Outcome.WITHHELD_STATE_SECRET: 1,
    Outcome.WITHHELD_LAW_PROHIBITED: 1,
    Outcome.WITHHELD_SECURITY_STABILITY: 1,
    Outcome.WITHHELD_THIRD_PARTY: 3,
    Outcome.WITHHELD_INTERNAL_AFFAIRS: 2,
    Outcome.WITHHELD_PROCESS_INFO: 3,
    Outcome.WITHHELD_ENFORCEMENT_FILE: 2,
    Outcome.WITHHELD_INQUIRY_MATTER: 1,
    Outcome.UNAVAILABLE_NOT_HELD: 12,
    Outcome.UNAVAILABLE_NEEDS_CREATION: 4,
    Outcome.UNAVAILABLE_STILL_UNCLEAR: 1,
    Outcome.DECLINED_PETITION: 4,
    Outcome.DECLINED_DUPLICATE: 2,
    Outcome.DECLINED_PUBLICATION: 1,
    Outcome.DECLINED_EXCESSIVE: 1,
    Outcome.DECLINED_CONFIRMATION: 1,
    Outcome.OTHER_NO_CORRECTION: 2,
    Outcome.OTHER_FEE_UNPAID: 1,
    Outcome.OTHER_OTHER: 2,
}
APPLICANT_WEIGHTS: dict[str, int] = {
    ApplicantType.NATURAL_PERSON: 70,
    ApplicantType.COMMERCIAL: 12,
    ApplicantType.RESEARCH: 3,
    ApplicantType.SOCIAL_WELFARE: 3,
    ApplicantType.LEGAL_SERVICES: 7,
    ApplicantType.OTHER_ORG: 5,
}
ORG_NAMES: dict[str, str] = {
    ApplicantType.COMMERCIAL: "中卫市{}商贸有限公司（演示）",
    ApplicantType.RESEARCH: "宁夏{}研究院（演示）",
    ApplicantType.SOCIAL_WELFARE: "中卫市{}公益协会（演示）",
    ApplicantType.LEGAL_SERVICES: "宁夏{}律师事务所（演示）",
    ApplicantType.OTHER_ORG: "中卫市{}村民委员会（演示）",
}
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
WORDS = "沙坡头黄河鼓楼腾格里香山宣和柔远常乐永康镇罗"


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


# --- staff ------------------------------------------------------------------------------


def _staff_user(
    ctx: DemoContext, username: str, agency: Any, role: str, label: str
) -> Any:
    user = ctx.users.get(username)
    if user is None:
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"first_name": label.split(" /")[0]}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(staff_group())
        ctx.users[username] = user
        ctx.logins.append((username, DEMO_PASSWORD, label))
    Membership.objects.get_or_create(user=user, agency=agency, role=role)
    return user


def _fictional_staff(ctx: DemoContext) -> dict[str, tuple[Any, Any]]:
    """A clerk and a head for each fictional department (mz_clerk already exists)."""
    staff = {}
    for name, (prefix, short, _items) in FICTIONAL.items():
        agency = ctx.agencies[name]
        clerk = _staff_user(
            ctx, f"{prefix}_clerk", agency, Role.CLERK, f"{short} 经办人 / clerk"
        )
        head = _staff_user(
            ctx,
            f"{prefix}_head",
            agency,
            Role.HEAD,
            f"{short} 办公室负责人 / head of office",
        )
        staff[name] = (clerk, head)
    return staff


# --- 中卫市司法局 ----------------------------------------------------------------------------

SFJ_APPLICANT = ApplicantInput(
    applicant_type=ApplicantType.NATURAL_PERSON,
    name="马某（演示）",
    id_type=IdType.RESIDENT_ID,
    id_number="640502198805120017",
    requested_form=RequestedForm.PAPER,
    delivery=Delivery.POST,
    phone="13909550000",
    address="中卫市沙坡头区（演示数据）",
)


def _sfj_2023(ctx: DemoContext, calendar: Calendar) -> Application:
    """The one application behind the seed report's table 3 (partially granted)."""
    clerk, head = ctx.users["sfj_clerk"], ctx.users["sfj_head"]
    case = case_register(
        acting_user=clerk,
        agency=ctx.agencies[SFJ],
        applicant=SFJ_APPLICANT,
        items=[
            ItemInput("2022年度全市法律援助案件办理情况统计"),
            ItemInput("2022年度某律师事务所年度考核原始材料"),
        ],
        channel=Channel.IN_PERSON,
        received_on=datetime.date(2023, 6, 12),
        receipt_note="申请人到司法局办公室当面提交（演示数据）",
        is_demo=True,
    ).case
    case = case_start(acting_user=clerk, case=case, on=datetime.date(2023, 6, 13))
    granted, not_held = case.items.order_by("position")
    case = case_draft_reply(
        acting_user=clerk,
        case=case,
        decisions={
            granted.pk: ItemDecision(Outcome.GRANTED),
            not_held.pk: ItemDecision(
                Outcome.UNAVAILABLE_NOT_HELD, refer_to="宁夏回族自治区律师协会（演示）"
            ),
        },
        summary="提供法律援助案件统计；律师事务所考核原始材料本机关不掌握，告知向有关单位咨询。",
    )
    case = case_approve_reply(
        acting_user=head, case=case, approved_on=datetime.date(2023, 6, 29)
    )
    return case_send_reply(
        acting_user=clerk,
        case=case,
        sent_on=datetime.date(2023, 6, 30),
        calendar=calendar,
    )


# --- fictional departments -----------------------------------------------------------


def _applicant(rng: random.Random, kind: str) -> dict[str, Any]:
    if kind == ApplicantType.NATURAL_PERSON:
        birth = datetime.date(1950, 1, 1) + datetime.timedelta(
            days=rng.randint(0, 20000)
        )
        return {
            "applicant_name": f"{rng.choice(SURNAMES)}某（演示）",
            "id_type": IdType.RESIDENT_ID,
            "id_number": f"640502{birth:%Y%m%d}{rng.randint(100, 999)}{rng.choice('0123456789X')}",
        }
    word = "".join(rng.sample(WORDS, 2))
    return {
        "applicant_name": ORG_NAMES[kind].format(word),
        "contact_person": f"{rng.choice(SURNAMES)}某（演示）",
        "id_type": IdType.CREDIT_CODE,
        "id_number": f"91640500{rng.randint(10**9, 10**10 - 1)}",
    }


def _working_day(
    rng: random.Random, calendar: Calendar, start: datetime.date, end: datetime.date
) -> datetime.date:
    day = start + datetime.timedelta(days=rng.randint(0, (end - start).days))
    while not calendar.is_workday(day):
        day += datetime.timedelta(days=1)
    return day


def _plan(
    rng: random.Random,
    calendar: Calendar,
    agency: Any,
    staff: tuple[Any, Any],
    texts: list[str],
    received: datetime.date,
) -> Plan:
    outcome = _pick(rng, OUTCOME_WEIGHTS)
    return Plan(
        agency=agency,
        clerk=staff[0],
        head=staff[1],
        received=received,
        applicant_type=_pick(rng, APPLICANT_WEIGHTS),
        outcome=outcome,
        items=rng.sample(texts, rng.choice([1, 1, 2, 2, 3])),
        supplement=rng.random() < 0.08,
        consult=rng.choice(["third_party", "agency"]) if rng.random() < 0.10 else "",
        fee="paid" if rng.random() < 0.03 else "",
        extend=rng.random() < 0.06,
        late=rng.random() < 0.03,
        appeal=outcome not in (Outcome.GRANTED,) and rng.random() < 0.10,
    )


def _history_plans(
    rng: random.Random,
    calendar: Calendar,
    ctx: DemoContext,
    staff: dict[str, tuple[Any, Any]],
) -> list[Plan]:
    plans: list[Plan] = []
    for name, (_prefix, _short, texts) in FICTIONAL.items():
        agency = ctx.agencies[name]
        for year in HISTORY_YEARS:
            count = rng.randint(28, 40)
            dates = [
                _working_day(
                    rng,
                    calendar,
                    datetime.date(year, 1, 4),
                    datetime.date(year, 12, 10),
                )
                for _ in range(count)
            ]
            # Late-December applications are answered in January: carried over.
            dates += [
                _working_day(
                    rng,
                    calendar,
                    datetime.date(year, 12, 18),
                    datetime.date(year, 12, 27),
                )
                for _ in range(2)
            ]
            plans += [
                _plan(rng, calendar, agency, staff[name], texts, d) for d in dates
            ]
    _force_coverage(rng, plans)
    return sorted(plans, key=lambda p: (p.received, p.agency.pk))


def _force_coverage(rng: random.Random, plans: list[Plan]) -> None:
    """Every outcome row at least once (2024, answered well before year end), a few
    cases stuck open past their deadline in autumn 2025, and some appeals."""
    early_2024 = [
        p
        for p in plans
        if datetime.date(2024, 1, 1) <= p.received <= datetime.date(2024, 9, 30)
    ]
    for plan, outcome in zip(
        rng.sample(early_2024, len(Outcome.values)), Outcome.values, strict=True
    ):
        plan.outcome, plan.late, plan.appeal = (
            outcome,
            False,
            outcome != Outcome.GRANTED,
        )
    autumn_2025 = [
        p
        for p in plans
        if datetime.date(2025, 9, 1) <= p.received <= datetime.date(2025, 11, 20)
    ]
    for plan in rng.sample(autumn_2025, min(5, len(autumn_2025))):
        plan.stuck = True


def _current_plans(
    rng: random.Random,
    calendar: Calendar,
    ctx: DemoContext,
    staff: dict[str, tuple[Any, Any]],
    today: datetime.date,
) -> list[Plan]:
    """A few cases received in the last weeks (deadlines not yet due)."""
    plans = []
    teams = {
        **{n: staff[n] for n in FICTIONAL},
        SFJ: (ctx.users["sfj_clerk"], ctx.users["sfj_head"]),
    }
    sfj_texts = [
        "2024年度行政复议决定书目录",
        "人民调解员补贴发放标准",
        "公证机构收费标准依据",
    ]
    for name, team in teams.items():
        texts = FICTIONAL[name][2] if name in FICTIONAL else sfj_texts
        for _ in range(4 if name in FICTIONAL else 3):
            received = _working_day(
                rng, calendar, today - datetime.timedelta(days=24), today
            )
            plan = _plan(
                rng, calendar, ctx.agencies[name], team, texts, min(received, today)
            )
            plan.appeal = False
            plans.append(plan)
    return plans


def _duplicate_applicants(plans: list[Plan], applicants: list[dict[str, Any]]) -> None:
    """A declined duplicate repeats an earlier application of the same applicant."""
    last_by_agency: dict[int, int] = {}
    for index, plan in enumerate(plans):
        earlier = last_by_agency.get(plan.agency.pk)
        if plan.outcome == Outcome.DECLINED_DUPLICATE and earlier is not None:
            applicants[index] = dict(applicants[earlier])
            plan.items = list(plans[earlier].items)
            plan.applicant_type = plans[earlier].applicant_type
        last_by_agency[plan.agency.pk] = index


def _applications(
    rng: random.Random, plans: list[Plan], query_hash: str
) -> list[Application]:
    applicants = [_applicant(rng, plan.applicant_type) for plan in plans]
    _duplicate_applicants(plans, applicants)
    by_year: dict[int, list[int]] = defaultdict(list)
    for index, plan in enumerate(plans):
        by_year[plan.received.year].append(index)
    numbers: dict[int, str] = {}
    for year, indexes in by_year.items():
        for index, number in zip(
            indexes,
            reserve_tracking_numbers(year=year, count=len(indexes)),
            strict=True,
        ):
            numbers[index] = number
    return [
        Application(
            agency=plan.agency,
            tracking_number=numbers[index],
            query_code_hash=query_hash,
            applicant_type=plan.applicant_type,
            phone=f"139{rng.randint(10**7, 10**8 - 1)}",
            address="中卫市（演示数据）",
            requested_form=rng.choice(RequestedForm.values),
            delivery=rng.choice(Delivery.values),
            channel=rng.choice(Channel.values),
            received_on=plan.received,
            registered_by=plan.clerk,
            is_demo=True,
            **applicants[index],
        )
        for index, plan in enumerate(plans)
    ]


def _audit_entries(events: list[CaseEvent]) -> list[AuditEntry]:
    """The audit trail of the simulated steps, as ``record_step`` would have written
    it step by step (the step's date is in ``after``; the entry's own time is the
    moment the demo was loaded)."""
    return [
        AuditEntry(
            actor=event.actor,
            actor_name=event.actor_name,
            agency_id=event.application.agency_id,
            action=f"case.{event.kind}",
            target_type=Application._meta.label,
            target_id=str(event.application.pk),
            target_repr=str(event.application)[:255],
            after={
                "event": event.kind,
                "on": event.on.isoformat() if event.on else None,
                "note": event.note,
                "demo": True,
                **event.data,
            },
        )
        for event in events
    ]


def _save(builds: list[Any]) -> None:
    Application.objects.bulk_create([b.case for b in builds])
    ApplicationItem.objects.bulk_create([i for b in builds for i in b.items])
    events = [e for b in builds for e in b.events]
    CaseEvent.objects.bulk_create(events)
    AuditEntry.objects.bulk_create(_audit_entries(events))
    records = [r for b in builds for r in b.records]
    for model in (Supplementation, Consultation, Extension, FeeNotice):
        model.objects.bulk_create([r for r in records if isinstance(r, model)])  # type: ignore[misc]
    Appeal.objects.bulk_create([a for b in builds for a in b.appeals])
    for build in builds:
        if build.case.outcome == Outcome.DECLINED_DUPLICATE:
            duplicate = find_possible_duplicate(build.case)
            if duplicate is not None:
                Application.objects.filter(pk=build.case.pk).update(
                    possible_duplicate_of=duplicate
                )


def _simulate(
    rng: random.Random,
    calendar: Calendar,
    plans: list[Plan],
    cutoff: datetime.date,
    query_hash: str,
) -> list[Any]:
    applications = _applications(rng, plans, query_hash)
    return [
        CaseBuilder(
            plan, rng=rng, calendar=calendar, cutoff=cutoff, application=application
        ).build()
        for plan, application in zip(plans, applications, strict=True)
    ]


def _current(
    rng: random.Random,
    calendar: Calendar,
    ctx: DemoContext,
    staff: dict[str, tuple[Any, Any]],
    query_hash: str,
) -> list[Any]:
    today = timezone.localdate()
    try:
        add_working_days(calendar, today, 20)
    except UnknownYearError:
        return []  # the calendar does not know the coming weeks yet
    plans = sorted(
        _current_plans(rng, calendar, ctx, staff, today), key=lambda p: p.received
    )
    return _simulate(rng, calendar, plans, today, query_hash)


def load(ctx: DemoContext) -> None:
    staff = _fictional_staff(ctx)
    if Application.objects.filter(is_demo=True).exists():
        ctx.notes.append("依申请公开：演示申请已存在，未重复生成。")
        return
    calendar = case_calendar()
    sfj_case = _sfj_2023(ctx, calendar)
    query_hash = make_password(DEMO_QUERY_CODE)
    Application.objects.filter(pk=sfj_case.pk).update(query_code_hash=query_hash)
    rng = random.Random(SEED)
    builds = _simulate(
        rng,
        calendar,
        _history_plans(rng, calendar, ctx, staff),
        HISTORY_CUTOFF,
        query_hash,
    )
    builds += _current(rng, calendar, ctx, staff, query_hash)
    _save(builds)
    total = Application.objects.filter(is_demo=True).count()
    open_count = (
        Application.objects.filter(is_demo=True).exclude(status="closed").count()
    )
    ctx.notes.append(
        f"依申请公开：已生成演示申请 {total} 件（未办结 {open_count} 件），"
        f"复议诉讼 {Appeal.objects.filter(is_demo=True).count()} 件；"
        f"中卫市司法局 2023 年 1 件（{sfj_case.tracking_number}，部分公开）。"
        f"演示申请的查询码均为 {DEMO_QUERY_CODE}。"
    )
