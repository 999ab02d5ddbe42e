"""Deriving the application's outcome from its items (Art. 36, 37)."""

import pytest

from gongkai.cases.choices import OUTCOME_KEYS, TABLE3_ROWS
from gongkai.cases.outcomes import (
    OUTCOME_BASIS,
    derived_outcome,
    needs_governing_choice,
)
from gongkai.cases.transitions import CaseActionRefused

CASES = [
    (["granted"], "", "granted"),
    (["granted", "granted"], "", "granted"),
    (["granted", "unavailable_not_held"], "", "partially_granted"),
    (["partially_granted"], "", "partially_granted"),
    (["partially_granted", "partially_granted"], "", "partially_granted"),
    (["withheld_third_party", "granted"], "declined_petition", "partially_granted"),
    (["declined_petition"], "", "declined_petition"),
    (["withheld_state_secret", "withheld_state_secret"], "", "withheld_state_secret"),
    (
        ["unavailable_not_held", "withheld_process_info"],
        "withheld_process_info",
        "withheld_process_info",
    ),
    (
        ["unavailable_not_held", "withheld_process_info"],
        "unavailable_not_held",
        "unavailable_not_held",
    ),
]


@pytest.mark.parametrize(("items", "governing", "expected"), CASES)
def test_derived_outcome(items, governing, expected):
    assert derived_outcome(items, governing) == expected


@pytest.mark.parametrize(
    ("items", "governing"),
    [
        ([], ""),
        (["granted", ""], ""),
        (["unavailable_not_held", "withheld_process_info"], ""),
        (["unavailable_not_held", "withheld_process_info"], "declined_petition"),
    ],
)
def test_derived_outcome_refusals_in_chinese(items, governing):
    with pytest.raises(CaseActionRefused) as exc:
        derived_outcome(items, governing)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(exc.value))


def test_needs_governing_choice():
    assert needs_governing_choice(["unavailable_not_held", "declined_duplicate"])
    assert not needs_governing_choice(["granted", "declined_duplicate"])
    assert not needs_governing_choice(["declined_duplicate", "declined_duplicate"])


def test_keys_match_the_report_contract():
    assert len(OUTCOME_KEYS) == 21
    assert TABLE3_ROWS[0] == "new_received" and TABLE3_ROWS[-1] == "carried_forward"
    assert len(TABLE3_ROWS) == 25
    assert set(OUTCOME_BASIS) == set(OUTCOME_KEYS)
