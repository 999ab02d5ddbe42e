"""The transition table: who may take which step from which status."""

import pytest

from gongkai.agencies.permissions import Perm
from gongkai.cases.choices import Status
from gongkai.cases.transitions import (
    LETTER_ACTIONS,
    TRANSITIONS,
    Action,
    allowed_actions,
)
from tests.factories.cases import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_table_covers_every_action_except_registration():
    assert set(TRANSITIONS) == set(Action) - {Action.REGISTER, *LETTER_ACTIONS}


def test_closed_is_final_except_notes_attachments_and_override():
    from_closed = {a for a, t in TRANSITIONS.items() if Status.CLOSED in t.sources}
    assert from_closed == {Action.ADD_NOTE, Action.ATTACH, Action.OVERRIDE_OUTCOME}


def test_only_abandon_and_send_reply_close():
    closing = {a for a, t in TRANSITIONS.items() if t.target == Status.CLOSED}
    assert closing == {Action.ABANDON, Action.SEND_REPLY}


def test_extension_needs_the_head():
    assert TRANSITIONS[Action.EXTEND].perms == (Perm.APPROVE,)


@pytest.mark.parametrize(
    ("role", "status", "expected"),
    [
        ("clerk", Status.REGISTERED, {"request_supplement", "start", "split"}),
        (
            "clerk",
            Status.IN_PROGRESS,
            {
                "request_supplement",
                "consult",
                "answer_consultation",
                "issue_fee_notice",
                "draft_reply",
                "split",
            },
        ),
        ("reviewer", Status.REPLY_DRAFTED, {"return_reply", "approve_reply"}),
        (
            "head",
            Status.REPLY_DRAFTED,
            {
                "extend",
                "draft_reply",
                "return_reply",
                "approve_reply",
                "override_outcome",
            },
        ),
        ("supervisor", Status.IN_PROGRESS, set()),
        ("admin", Status.IN_PROGRESS, set()),
        ("clerk", Status.CLOSED, set()),
    ],
)
def test_allowed_actions(office, role, status, expected):
    case = ApplicationFactory(
        agency=office["agency"], status=status, closed=status == Status.CLOSED
    )
    always = {"add_note", "attach", "assign"} if role in ("clerk", "head") else set()
    if role == "reviewer":
        always = {"add_note"}
    if status == Status.CLOSED:
        always -= {"assign"}
    assert set(allowed_actions(user=office[role], case=case)) == expected | always
