"""Table 3 and table 4 of the annual report from the case records."""

import datetime
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.cases.choices import APPLICANT_COLUMNS, OUTCOME_KEYS, TABLE3_ROWS
from gongkai.cases.models import Appeal, Application, FeeNotice
from gongkai.cases.selectors import case_fees_collected, case_table3, case_table4
from tests.factories import AgencyFactory
from tests.factories.cases import AppealFactory, ApplicationFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def _nonzero(table):
    return {
        (row, col): n for row, cells in table.items() for col, n in cells.items() if n
    }


def test_empty_table_has_every_key():
    table = case_table3(agency_ids=[], year=2023)
    assert list(table) == list(TABLE3_ROWS)
    assert all(list(cells) == [*APPLICANT_COLUMNS, "total"] for cells in table.values())
    assert not _nonzero(table)


def test_carry_over_across_years():
    agency = AgencyFactory()
    ApplicationFactory(
        agency=agency,
        applicant_type="commercial",
        received_on=D(2022, 12, 20),
        closed=True,
        outcome="withheld_process_info",
        answered_on=D(2023, 1, 10),
    )
    # Answered on 1 January: carried over into 2023 and processed in 2023.
    ApplicationFactory(
        agency=agency,
        received_on=D(2022, 12, 28),
        closed=True,
        answered_on=D(2023, 1, 1),
    )
    ApplicationFactory(agency=agency, received_on=D(2023, 12, 29), status="in_progress")
    ids = [agency.pk]
    assert _nonzero(case_table3(agency_ids=ids, year=2022)) == {
        ("new_received", "commercial"): 1,
        ("new_received", "natural_person"): 1,
        ("new_received", "total"): 2,
        ("carried_forward", "commercial"): 1,
        ("carried_forward", "natural_person"): 1,
        ("carried_forward", "total"): 2,
    }
    assert _nonzero(case_table3(agency_ids=ids, year=2023)) == {
        ("new_received", "natural_person"): 1,
        ("new_received", "total"): 1,
        ("carried_over", "commercial"): 1,
        ("carried_over", "natural_person"): 1,
        ("carried_over", "total"): 2,
        ("withheld_process_info", "commercial"): 1,
        ("withheld_process_info", "total"): 1,
        ("granted", "natural_person"): 1,
        ("granted", "total"): 1,
        ("processed_total", "commercial"): 1,
        ("processed_total", "natural_person"): 1,
        ("processed_total", "total"): 2,
        ("carried_forward", "natural_person"): 1,
        ("carried_forward", "total"): 1,
    }
    assert _nonzero(case_table3(agency_ids=ids, year=2024)) == {
        ("carried_over", "natural_person"): 1,
        ("carried_over", "total"): 1,
        ("carried_forward", "natural_person"): 1,
        ("carried_forward", "total"): 1,
    }


def test_scoped_to_the_given_agencies():
    a, b = AgencyFactory(), AgencyFactory()
    ApplicationFactory(agency=a, received_on=D(2023, 5, 1))
    ApplicationFactory(agency=b, received_on=D(2023, 5, 1))
    assert case_table3(agency_ids=[a.pk], year=2023)["new_received"]["total"] == 1
    assert case_table3(agency_ids=[a.pk, b.pk], year=2023)["new_received"]["total"] == 2


def _oracle(rows, year):
    """Table 3 computed the slow, obvious way in Python."""
    start, end = D(year, 1, 1), D(year, 12, 31)
    table = {r: dict.fromkeys(APPLICANT_COLUMNS, 0) for r in TABLE3_ROWS}
    for kind, received, answered, outcome in rows:
        if start <= received <= end:
            table["new_received"][kind] += 1
        if received < start and (answered is None or answered >= start):
            table["carried_over"][kind] += 1
        if answered is not None and start <= answered <= end:
            table[outcome][kind] += 1
            table["processed_total"][kind] += 1
        if received <= end and (answered is None or answered > end):
            table["carried_forward"][kind] += 1
    return table


case_rows = st.lists(
    st.tuples(
        st.sampled_from(APPLICANT_COLUMNS),
        st.dates(D(2021, 1, 1), D(2024, 12, 31)),
        st.one_of(st.none(), st.integers(0, 400)),
        st.sampled_from(OUTCOME_KEYS),
    ),
    max_size=40,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=case_rows)
def test_balance_identity_and_carry_chain_on_random_data(data):
    agency = AgencyFactory(name="随机数据局")
    rows = []
    objects = []
    for n, (kind, received, delay, outcome) in enumerate(data):
        answered = None if delay is None else received + datetime.timedelta(days=delay)
        rows.append((kind, received, answered, outcome))
        objects.append(
            Application(
                agency=agency,
                tracking_number=f"H{n:08d}",
                applicant_type=kind,
                applicant_name="某人",
                id_type="resident_id",
                id_number=str(n),
                requested_form="paper",
                delivery="post",
                channel="in_person",
                received_on=received,
                status="closed" if answered else "in_progress",
                answered_on=answered,
                outcome=outcome if answered else "",
            )
        )
    Application.objects.bulk_create(objects)
    try:
        previous = None
        for year in range(2020, 2027):
            table = case_table3(agency_ids=[agency.pk], year=year)
            expected = _oracle(rows, year)
            for row in TABLE3_ROWS:
                for col in APPLICANT_COLUMNS:
                    assert table[row][col] == expected[row][col], (year, row, col)
                assert table[row]["total"] == sum(
                    table[row][c] for c in APPLICANT_COLUMNS
                )
            for col in [*APPLICANT_COLUMNS, "total"]:
                assert (
                    table["new_received"][col] + table["carried_over"][col]
                    == table["processed_total"][col] + table["carried_forward"][col]
                )
                assert table["processed_total"][col] == sum(
                    table[r][col] for r in OUTCOME_KEYS
                )
                if previous is not None:
                    assert (
                        previous["carried_forward"][col] == table["carried_over"][col]
                    )
            previous = table
    finally:
        Application.objects.filter(agency=agency).delete()


def test_table3_uses_a_constant_number_of_queries(django_assert_num_queries):
    agency = AgencyFactory()
    rng = random.Random(7)
    for _ in range(30):
        ApplicationFactory(
            agency=agency,
            received_on=D(2023, rng.randint(1, 12), rng.randint(1, 28)),
            applicant_type=rng.choice(APPLICANT_COLUMNS),
        )
    with django_assert_num_queries(2):
        case_table3(agency_ids=[agency.pk], year=2023)


def test_table4_counting_rule():
    agency = AgencyFactory()
    AppealFactory(
        agency=agency,
        filed_on=D(2022, 11, 1),
        decided_on=D(2023, 2, 1),
        result="upheld",
    )
    AppealFactory(
        agency=agency,
        filed_on=D(2023, 3, 1),
        decided_on=D(2023, 6, 1),
        result="corrected",
    )
    AppealFactory(agency=agency, filed_on=D(2023, 7, 1), kind="litigation_direct")
    AppealFactory(
        agency=agency,
        filed_on=D(2023, 8, 1),
        kind="litigation_after_reconsideration",
        decided_on=D(2024, 1, 5),
        result="other",
    )
    AppealFactory(
        agency=agency, filed_on=D(2021, 1, 1), decided_on=D(2021, 6, 1), result="upheld"
    )
    AppealFactory(agency=agency, filed_on=D(2024, 1, 2))
    ids = [agency.pk]
    t2022 = case_table4(agency_ids=ids, year=2022)
    assert t2022["reconsideration"] == {
        "upheld": 0,
        "corrected": 0,
        "other": 0,
        "pending": 1,
        "total": 1,
    }
    t2023 = case_table4(agency_ids=ids, year=2023)
    assert t2023["reconsideration"] == {
        "upheld": 1,
        "corrected": 1,
        "other": 0,
        "pending": 0,
        "total": 2,
    }
    assert t2023["litigation_direct"]["pending"] == 1
    assert t2023["litigation_after_reconsideration"]["pending"] == 1
    t2024 = case_table4(agency_ids=ids, year=2024)
    assert t2024["litigation_after_reconsideration"]["other"] == 1
    assert t2024["litigation_direct"]["pending"] == 1
    assert t2024["reconsideration"]["pending"] == 1
    for table in (t2022, t2023, t2024):
        assert list(table) == [
            "reconsideration",
            "litigation_direct",
            "litigation_after_reconsideration",
        ]
        for cells in table.values():
            assert cells["total"] == sum(
                cells[k] for k in ("upheld", "corrected", "other", "pending")
            )
    assert Appeal.objects.count() == 6


def test_fees_collected():
    agency = AgencyFactory()
    paid = ApplicationFactory(agency=agency, in_progress=True)
    unpaid = ApplicationFactory(agency=agency, in_progress=True)
    for case, paid_on in ((paid, D(2023, 4, 1)), (unpaid, None)):
        FeeNotice.objects.create(
            application=case,
            method="by_volume",
            pages=2219,
            amount=83460,
            issued_on=D(2023, 3, 6),
            received_on=D(2023, 3, 6),
            paid_on=paid_on,
        )
    assert case_fees_collected(agency_ids=[agency.pk], year=2023) == 83460
    assert case_fees_collected(agency_ids=[agency.pk], year=2024) == 0
