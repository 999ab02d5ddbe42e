from __future__ import annotations

import datetime

import pytest

from gongkai.cases.choices import ApplicantType, Delivery, IdType, RequestedForm
from gongkai.cases.services import ApplicantInput, ItemInput, case_register
from gongkai.workdays.packaged import package_calendar

_CALENDAR = package_calendar()


@pytest.fixture
def calendar():
    """The State Council schedules 2004–2026 as packaged (no database)."""
    return _CALENDAR


@pytest.fixture
def office(tree, member):
    """A department with one person per role, and a supervisor above it."""
    agency = tree["a"]
    return {
        "agency": agency,
        "clerk": member(agency, "clerk", username="clerk"),
        "clerk2": member(agency, "clerk", username="clerk2"),
        "reviewer": member(agency, "reviewer", username="reviewer"),
        "head": member(agency, "head", username="head"),
        "admin": member(agency, "admin", username="agency_admin"),
        "supervisor": member(tree["gov"], "supervisor", username="supervisor"),
        "outsider": member(tree["b"], "clerk", username="outsider"),
    }


APPLICANT = ApplicantInput(
    applicant_type=ApplicantType.NATURAL_PERSON,
    name="张三",
    id_type=IdType.RESIDENT_ID,
    id_number="640302199001011234",
    requested_form=RequestedForm.PAPER,
    delivery=Delivery.POST,
    phone="13900000000",
    address="中卫市沙坡头区某路1号",
)


@pytest.fixture
def register(office):
    """register(**overrides) -> a case registered by the clerk (2023-03-01, in person)."""

    def make(**overrides):
        kwargs = {
            "acting_user": office["clerk"],
            "agency": office["agency"],
            "applicant": APPLICANT,
            "items": [
                ItemInput("2022年度部门预算"),
                ItemInput("", document_number="中卫司发〔2023〕12号"),
            ],
            "channel": "in_person",
            "received_on": datetime.date(2023, 3, 1),
        }
        kwargs.update(overrides)
        return case_register(**kwargs).case

    return make
