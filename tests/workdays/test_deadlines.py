"""Statutory deadlines (Art. 30, 32–34; 109号), table-driven, with explanations."""

from datetime import date

import pytest

from gongkai.workdays import (
    Calendar,
    Pause,
    UnknownYearError,
    consultation_deadline,
    fee_payment_deadline,
    reply_deadline,
    supplement_notice_deadline,
    supplement_period_deadline,
)

D = date

# label, keyword arguments of reply_deadline, expected due date
REPLY_CASES = [
    ("weekend receipt", {"received_on": D(2024, 3, 2)}, D(2024, 3, 29)),
    ("plain Friday", {"received_on": D(2024, 3, 1)}, D(2024, 3, 29)),
    ("2024 国庆节", {"received_on": D(2024, 9, 27)}, D(2024, 10, 30)),
    ("2025 国庆节、中秋节", {"received_on": D(2025, 9, 26)}, D(2025, 10, 30)),
    ("2024 春节", {"received_on": D(2024, 2, 2)}, D(2024, 3, 6)),
    ("2025 春节", {"received_on": D(2025, 1, 24)}, D(2025, 2, 27)),
    ("year end", {"received_on": D(2024, 12, 20)}, D(2025, 1, 20)),
    (
        "supplement restarts the period",
        {"received_on": D(2024, 9, 2), "supplement_received_on": D(2024, 9, 20)},
        D(2024, 10, 23),
    ),
    (
        "extension of 20 working days",
        {"received_on": D(2024, 9, 27), "extension_days": 20},
        D(2024, 11, 27),
    ),
    (
        "pause spanning the 2024 National Day break",
        {
            "received_on": D(2024, 9, 20),
            "pauses": [Pause(D(2024, 9, 27), D(2024, 10, 10), "征求第三方意见")],
        },
        D(2024, 10, 31),
    ),
    (
        "pause across the year end",
        {
            "received_on": D(2025, 12, 15),
            "pauses": [Pause(D(2025, 12, 24), D(2026, 1, 5), "征求其他机关意见")],
        },
        D(2026, 1, 23),
    ),
    (
        "supplement, extension and pause together",
        {
            "received_on": D(2025, 9, 1),
            "supplement_received_on": D(2025, 9, 26),
            "extension_days": 20,
            "pauses": [Pause(D(2025, 10, 9), D(2025, 10, 20), "征求第三方意见")],
        },
        # 40 working days from 26 Sep: 28 Sep (make-up), 29, 30 Sep, then the
        # 9 pause working days (9–10, 11 make-up, 13–17, 20 Oct) are skipped and
        # 21 Oct–10 Dec gives the other 37.
        D(2025, 12, 10),
    ),
]


@pytest.mark.parametrize(
    ("label", "kwargs", "expected"), REPLY_CASES, ids=[c[0] for c in REPLY_CASES]
)
def test_reply_deadline(cal, label, kwargs, expected):
    deadline = reply_deadline(cal, **kwargs)
    assert deadline.due == expected
    assert deadline.provisional is False
    assert deadline.explanation[-1].endswith(
        f"答复期限为{expected.year}年{expected.month}月{expected.day}日。"
    )


def test_reply_explanation_reads_aloud(cal):
    deadline = reply_deadline(cal, received_on=D(2024, 9, 27))
    assert deadline.explanation == [
        "2024年9月27日收到申请；自次日起算20个工作日（已扣除国庆节假日，计入9月29日、"
        "10月12日两个调休工作日）；答复期限为2024年10月30日。"
    ]
    assert deadline.basis == "《条例》第三十三条"


def test_reply_explanation_plain_period_has_no_parenthesis(cal):
    deadline = reply_deadline(cal, received_on=D(2024, 3, 1))
    assert deadline.explanation == [
        "2024年3月1日收到申请；自次日起算20个工作日；答复期限为2024年3月29日。"
    ]


def test_reply_explanation_with_supplement_extension_and_pause(cal):
    deadline = reply_deadline(
        cal,
        received_on=D(2025, 9, 1),
        supplement_received_on=D(2025, 9, 26),
        extension_days=20,
        pauses=[Pause(D(2025, 10, 9), D(2025, 10, 20), "征求第三方意见")],
    )
    assert deadline.explanation == [
        "2025年9月1日收到申请，经告知补正，答复期限自收到补正材料之日起重新计算"
        "（《条例》第三十条）。",
        "征求第三方意见期间（2025年10月9日至10月20日）暂停计算，不计入期限"
        "（《条例》第三十二条、第三十四条）。",
        "经批准延长答复期限20个工作日（《条例》第三十三条第二款）。",
        "2025年9月26日收到补正材料；自次日起算40个工作日（含延长的20个工作日，"
        "已扣除国庆节、中秋节假日，计入9月28日一个调休工作日，暂停期间的9个工作日"
        "不计入）；答复期限为2025年12月10日。",
    ]


def test_running_pause_counts_to_today_and_is_provisional(cal):
    kwargs = {
        "received_on": D(2024, 9, 20),
        "pauses": [Pause(D(2024, 10, 8), None, "征求第三方意见")],
    }
    with pytest.raises(ValueError, match="需要提供今天的日期"):
        reply_deadline(cal, **kwargs)
    deadline = reply_deadline(cal, today=D(2024, 10, 15), **kwargs)
    assert deadline.due == D(2024, 11, 1)
    assert deadline.provisional is True
    assert "尚未结束" in deadline.explanation[0]
    # One working day later, the date moves one working day later.
    later = reply_deadline(cal, today=D(2024, 10, 16), **kwargs)
    assert later.due == D(2024, 11, 4)


def test_running_pause_that_starts_after_today_excludes_nothing(cal):
    deadline = reply_deadline(
        cal,
        received_on=D(2024, 3, 1),
        pauses=[Pause(D(2024, 3, 20), None, "征求第三方意见")],
        today=D(2024, 3, 10),
    )
    assert deadline.due == D(2024, 3, 29)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"extension_days": 21}, "0至20个工作日"),
        ({"extension_days": -1}, "0至20个工作日"),
        ({"supplement_received_on": D(2024, 2, 29)}, "早于收到申请的日期"),
        (
            {"pauses": [Pause(D(2024, 3, 10), D(2024, 3, 9), "征求第三方意见")]},
            "早于开始日期",
        ),
    ],
)
def test_reply_deadline_refuses_bad_input(cal, kwargs, message):
    with pytest.raises(ValueError, match=message):
        reply_deadline(cal, received_on=D(2024, 3, 1), **kwargs)


def test_reply_deadline_into_an_unknown_year(cal):
    with pytest.raises(UnknownYearError, match="2027"):
        reply_deadline(cal, received_on=D(2026, 12, 10))


def test_reply_deadline_in_a_year_entered_by_hand():
    # A 2027 schedule as an administrator would enter it (hypothetical dates).
    cal = Calendar.from_days(
        {D(2027, 1, 1): False, D(2027, 1, 4): False, D(2027, 1, 9): True},
        [2027],
        names={D(2027, 1, 1): "元旦", D(2027, 1, 4): "元旦"},
    )
    deadline = reply_deadline(cal, received_on=D(2027, 1, 1))
    # 5–8 Jan (4), Sat 9 Jan (5), 11–15 (10), 18–22 (15), 25–29 (20)
    assert deadline.due == D(2027, 1, 29)
    assert "已扣除元旦假日" in deadline.explanation[0]
    assert "计入1月9日一个调休工作日" in deadline.explanation[0]


# function, keyword arguments, expected due, expected wording
OTHER_CASES = [
    (
        supplement_notice_deadline,
        {"received_on": D(2024, 9, 27)},
        D(2024, 10, 12),
        "一次性告知补正的期限为2024年10月12日",
    ),
    (
        supplement_notice_deadline,
        {"received_on": D(2025, 1, 24)},
        D(2025, 2, 10),
        "计入1月26日、2月8日两个调休工作日",
    ),
    (
        consultation_deadline,
        {"sent_on": D(2025, 9, 30)},
        D(2025, 10, 28),
        "提出意见的期限为2025年10月28日",
    ),
    (
        fee_payment_deadline,
        {"notice_received_on": D(2024, 2, 7)},
        D(2024, 3, 12),
        "申请人收到收费通知；自次日起算20个工作日（已扣除春节假日",
    ),
    (
        supplement_period_deadline,
        {"notified_on": D(2024, 12, 25), "working_days": 10},
        D(2025, 1, 9),
        "自次日起算10个工作日（已扣除元旦假日）",
    ),
]


@pytest.mark.parametrize(("func", "kwargs", "expected", "wording"), OTHER_CASES)
def test_other_deadlines(cal, func, kwargs, expected, wording):
    deadline = func(cal, **kwargs)
    assert deadline.due == expected
    assert wording in deadline.explanation[0]


def test_supplement_period_needs_at_least_one_day(cal):
    with pytest.raises(ValueError, match="至少为1个工作日"):
        supplement_period_deadline(cal, notified_on=D(2024, 3, 1), working_days=0)
