"""Working-day arithmetic over an explicit holiday calendar (Art. 33 of the 条例).

Pure Python: no Django import, no clock reads. The calendar itself is loaded by the
``gongkai.holidays`` app (``gongkai.holidays.selectors.calendar_get``).
"""

from .calendar import (
    Calendar,
    UnknownYearError,
    add_working_days,
    is_weekend,
    working_days_between,
)
from .deadlines import (
    Deadline,
    Pause,
    consultation_deadline,
    fee_payment_deadline,
    reply_deadline,
    supplement_notice_deadline,
    supplement_period_deadline,
)

__all__ = [
    "Calendar",
    "Deadline",
    "Pause",
    "UnknownYearError",
    "add_working_days",
    "consultation_deadline",
    "fee_payment_deadline",
    "is_weekend",
    "reply_deadline",
    "supplement_notice_deadline",
    "supplement_period_deadline",
    "working_days_between",
]
