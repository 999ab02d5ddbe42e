"""Deriving an application's outcome from its items (Art. 36, Art. 37).

One application counts in exactly one table-3 outcome row: ``granted`` when every
item is provided in full, ``partially_granted`` when some items are provided (fully
or by segregation, Art. 37) and some are not; otherwise the handler picks the single
governing row among the items' outcomes. The head may override with a reason.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext_lazy as _

from .choices import PROVIDED_OUTCOMES, Outcome
from .transitions import CaseActionRefused


def derived_outcome(item_outcomes: Sequence[str], governing: str = "") -> str:
    """The application's outcome given its items' outcomes.

    ``governing`` is the handler's choice, needed only when no item is provided and
    the items' outcomes differ; it must be one of them.
    """
    if not item_outcomes or any(not outcome for outcome in item_outcomes):
        raise CaseActionRefused(_("Every requested item needs an outcome."))
    if all(outcome == Outcome.GRANTED for outcome in item_outcomes):
        return Outcome.GRANTED
    if any(outcome in PROVIDED_OUTCOMES for outcome in item_outcomes):
        return Outcome.PARTIALLY_GRANTED
    distinct = set(item_outcomes)
    if len(distinct) == 1:
        return item_outcomes[0]
    if governing in distinct:
        return governing
    raise CaseActionRefused(
        _(
            "The items have different outcomes and none is provided: choose the governing outcome among them."
        )
    )


def needs_governing_choice(item_outcomes: Sequence[str]) -> bool:
    """Whether the handler must pick the governing row (see ``derived_outcome``)."""
    return (
        bool(item_outcomes)
        and not any(outcome in PROVIDED_OUTCOMES for outcome in item_outcomes)
        and len(set(item_outcomes)) > 1
    )


# Default legal basis per outcome, offered to the handler (who may edit it). Articles
# of the 条例 (2019 revision) as mapped in ``docs/statutes.md``.
_ART = "《中华人民共和国政府信息公开条例》"
OUTCOME_BASIS: dict[str, str] = {
    Outcome.GRANTED: _ART + "第三十六条",
    Outcome.PARTIALLY_GRANTED: _ART + "第三十七条",
    Outcome.WITHHELD_STATE_SECRET: _ART + "第十四条",
    Outcome.WITHHELD_LAW_PROHIBITED: _ART + "第十四条",
    Outcome.WITHHELD_SECURITY_STABILITY: _ART + "第十四条",
    Outcome.WITHHELD_THIRD_PARTY: _ART + "第十五条",
    Outcome.WITHHELD_INTERNAL_AFFAIRS: _ART + "第十六条",
    Outcome.WITHHELD_PROCESS_INFO: _ART + "第十六条",
    Outcome.WITHHELD_ENFORCEMENT_FILE: _ART + "第十六条",
    Outcome.WITHHELD_INQUIRY_MATTER: _ART + "第十六条",
    Outcome.UNAVAILABLE_NOT_HELD: _ART + "第三十六条",
    Outcome.UNAVAILABLE_NEEDS_CREATION: _ART + "第三十八条",
    Outcome.UNAVAILABLE_STILL_UNCLEAR: _ART + "第三十条",
    Outcome.DECLINED_PETITION: _ART + "第三十九条",
    Outcome.DECLINED_DUPLICATE: _ART + "第三十六条",
    Outcome.DECLINED_PUBLICATION: _ART + "第三十六条",
    Outcome.DECLINED_EXCESSIVE: _ART + "第三十五条",
    Outcome.DECLINED_CONFIRMATION: _ART + "第三十六条",
    Outcome.OTHER_NO_CORRECTION: _ART + "第三十条",
    Outcome.OTHER_FEE_UNPAID: _ART
    + "第四十二条、国办函〔2020〕109号《政府信息公开信息处理费管理办法》",
    Outcome.OTHER_OTHER: _ART + "第三十六条",
}
