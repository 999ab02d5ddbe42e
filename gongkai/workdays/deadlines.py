"""Statutory deadlines of the application procedure, with explanations a clerk can
read aloud.

- Art. 30: supplementation notice within 7 working days of receipt; the reply period
  restarts from receipt of the supplement; the applicant gets a reasonable period.
- Art. 33: reply within 20 working days, counted from the day after receipt; one
  extension of at most 20 working days (§2).
- Art. 32 and 34: consultation of third parties and other agencies (15 working days)
  does not count towards the reply period.
- 国办函〔2020〕109号: the fee is paid within 20 working days from the day after the
  applicant receives the fee notice.

Pure: every function takes the calendar and, where a running pause needs it,
``today`` as arguments; nothing reads the clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .calendar import (
    ONE_DAY,
    Calendar,
    Span,
    add_working_days,
    in_pause,
    normalise_pauses,
)
from .text import cn_count, date_list, full_date, full_span

REPLY_WORKING_DAYS = 20  # Art. 33 §1
MAX_EXTENSION_WORKING_DAYS = 20  # Art. 33 §2
SUPPLEMENT_NOTICE_WORKING_DAYS = 7  # Art. 30
CONSULTATION_WORKING_DAYS = 15  # Art. 32, Art. 34
FEE_PAYMENT_WORKING_DAYS = 20  # 国办函〔2020〕109号


@dataclass(frozen=True)
class Deadline:
    """A due date and the sentences that explain how it was computed.

    ``provisional`` is true while a pause is still running: the date moves later
    each working day until the pause ends.
    """

    due: date
    explanation: list[str]
    provisional: bool = False
    basis: str = ""


@dataclass(frozen=True)
class Pause:
    """A period that does not count towards the reply period (Art. 32, 34).

    Bounds are inclusive. ``end`` is ``None`` while the pause is still running; it
    then counts as running up to ``today``.
    """

    start: date
    end: date | None
    reason: str


def _passed_over(
    calendar: Calendar, start: date, due: date, spans: Sequence[Span]
) -> tuple[list[date], list[date], int]:
    """Holidays and make-up days counted between ``start`` and ``due`` (exclusive of
    ``start``), and the number of working days skipped because of pauses."""
    holidays: list[date] = []
    makeup: list[date] = []
    paused = 0
    day = start
    while day < due:
        day += ONE_DAY
        if in_pause(day, spans):
            paused += calendar.is_workday(day)
        elif day in calendar.holidays:
            holidays.append(day)
        elif day in calendar.makeup_workdays:
            makeup.append(day)
    return holidays, makeup, paused


def _holiday_label(calendar: Calendar, holidays: Sequence[date]) -> str:
    labels: list[str] = []
    for day in holidays:
        name = calendar.name_of(day)
        if name and name not in labels:
            labels.append(name)
    return "、".join(labels) + "假日" if labels else "节假日"


def _details(
    calendar: Calendar, start: date, due: date, spans: Sequence[Span]
) -> list[str]:
    holidays, makeup, paused = _passed_over(calendar, start, due, spans)
    parts = []
    if holidays:
        parts.append(f"已扣除{_holiday_label(calendar, holidays)}")
    if makeup:
        parts.append(
            f"计入{date_list(makeup, year=start.year)}"
            f"{cn_count(len(makeup))}个调休工作日"
        )
    if paused:
        parts.append(f"暂停期间的{paused}个工作日不计入")
    return parts


def _count_sentence(
    calendar: Calendar,
    *,
    event: str,
    start: date,
    n: int,
    outcome: str,
    spans: Sequence[Span] = (),
    extra: Sequence[str] = (),
) -> tuple[date, str]:
    due = add_working_days(calendar, start, n, pauses=spans)
    parts = [*extra, *_details(calendar, start, due, spans)]
    detail = f"（{'，'.join(parts)}）" if parts else ""
    sentence = (
        f"{full_date(start)}{event}；自次日起算{n}个工作日{detail}；"
        f"{outcome}为{full_date(due)}。"
    )
    return due, sentence


def _resolve_pauses(
    pauses: Sequence[Pause], today: date | None
) -> tuple[tuple[Span, ...], list[str], bool]:
    spans: list[Span] = []
    sentences: list[str] = []
    running = False
    for pause in pauses:
        if pause.end is None:
            if today is None:
                raise ValueError(
                    f"“{pause.reason}”自{full_date(pause.start)}起尚未结束，"
                    "计算期限需要提供今天的日期。"
                )
            running = True
            sentences.append(
                f"{pause.reason}自{full_date(pause.start)}起暂停计算，至今"
                f"（{full_date(today)}）尚未结束，暂按截至今日计算；暂停结束前"
                "期限随之顺延（《条例》第三十二条、第三十四条）。"
            )
            if today >= pause.start:
                spans.append((pause.start, today))
            continue
        spans.append((pause.start, pause.end))
        sentences.append(
            f"{pause.reason}期间（{full_span(pause.start, pause.end)}）暂停计算，"
            "不计入期限（《条例》第三十二条、第三十四条）。"
        )
    return normalise_pauses(spans), sentences, running


def reply_deadline(
    calendar: Calendar,
    *,
    received_on: date,
    supplement_received_on: date | None = None,
    pauses: Sequence[Pause] = (),
    extension_days: int = 0,
    today: date | None = None,
) -> Deadline:
    """The reply deadline of an application.

    Art. 33 §1: 20 working days counted from the day after receipt (Art. 31 fixes the
    date of receipt). Art. 30: when the applicant was asked to supplement, the period
    restarts from receipt of the supplement. Art. 33 §2: an approved extension of at
    most 20 working days is added. Art. 32 and 34: consultation pauses are excluded;
    a running pause (``end=None``) counts up to ``today`` and makes the result
    provisional.
    """
    if not 0 <= extension_days <= MAX_EXTENSION_WORKING_DAYS:
        raise ValueError(
            f"延长答复期限应为0至{MAX_EXTENSION_WORKING_DAYS}个工作日"
            f"（《条例》第三十三条第二款），收到 {extension_days}。"
        )
    spans, sentences, running = _resolve_pauses(pauses, today)
    start, event = received_on, "收到申请"
    if supplement_received_on is not None:
        if supplement_received_on < received_on:
            raise ValueError(
                f"收到补正材料的日期（{full_date(supplement_received_on)}）"
                f"早于收到申请的日期（{full_date(received_on)}）。"
            )
        sentences.insert(
            0,
            f"{full_date(received_on)}收到申请，经告知补正，答复期限自收到补正材料"
            "之日起重新计算（《条例》第三十条）。",
        )
        start, event = supplement_received_on, "收到补正材料"
    extra = []
    if extension_days:
        sentences.append(
            f"经批准延长答复期限{extension_days}个工作日（《条例》第三十三条第二款）。"
        )
        extra.append(f"含延长的{extension_days}个工作日")
    due, sentence = _count_sentence(
        calendar,
        event=event,
        start=start,
        n=REPLY_WORKING_DAYS + extension_days,
        outcome="答复期限",
        spans=spans,
        extra=extra,
    )
    return Deadline(
        due=due,
        explanation=[*sentences, sentence],
        provisional=running,
        basis="《条例》第三十三条",
    )


def _simple(
    calendar: Calendar, *, event: str, start: date, n: int, outcome: str, basis: str
) -> Deadline:
    due, sentence = _count_sentence(
        calendar, event=event, start=start, n=n, outcome=outcome
    )
    return Deadline(due=due, explanation=[sentence], basis=basis)


def supplement_notice_deadline(calendar: Calendar, *, received_on: date) -> Deadline:
    """Art. 30: the supplementation notice goes out within 7 working days of receipt."""
    return _simple(
        calendar,
        event="收到申请",
        start=received_on,
        n=SUPPLEMENT_NOTICE_WORKING_DAYS,
        outcome="一次性告知补正的期限",
        basis="《条例》第三十条",
    )


def consultation_deadline(calendar: Calendar, *, sent_on: date) -> Deadline:
    """Art. 32 and 34: the consulted party answers within 15 working days."""
    return _simple(
        calendar,
        event="发出征求意见",
        start=sent_on,
        n=CONSULTATION_WORKING_DAYS,
        outcome="提出意见的期限",
        basis="《条例》第三十二条、第三十四条",
    )


def fee_payment_deadline(calendar: Calendar, *, notice_received_on: date) -> Deadline:
    """国办函〔2020〕109号: pay within 20 working days from the day after the
    applicant receives the fee notice; otherwise the application is deemed
    abandoned."""
    return _simple(
        calendar,
        event="申请人收到收费通知",
        start=notice_received_on,
        n=FEE_PAYMENT_WORKING_DAYS,
        outcome="缴费期限",
        basis="国办函〔2020〕109号",
    )


def supplement_period_deadline(
    calendar: Calendar, *, notified_on: date, working_days: int
) -> Deadline:
    """Art. 30: the end of the reasonable period given to the applicant to
    supplement; no supplement by then without good reason = deemed abandoned."""
    if working_days < 1:
        raise ValueError(f"补正期限至少为1个工作日（收到 {working_days}）。")
    return _simple(
        calendar,
        event="告知申请人补正",
        start=notified_on,
        n=working_days,
        outcome="申请人补正的期限",
        basis="《条例》第三十条",
    )
