from datetime import date

import pytest

from gongkai.report.rules import check_report
from tests.report.conftest import fired


@pytest.fixture
def previous(seed):
    prev = seed.copy()
    prev.year = 2022
    prev.table2["normative_documents"].update(issued=2, repealed=0, in_force=14)
    return prev


def test_seed_with_consistent_previous_is_quiet(seed, previous):
    assert check_report(seed, previous=previous) == []


def test_carry_chain_fires(seed, previous):
    previous.table3["carried_forward"]["natural_person"] = 2
    previous.table3["carried_forward"]["total"] = 2
    found = fired(seed, "X.CARRY_CHAIN", previous=previous)
    assert [f.where for f in found] == [
        "table3.carried_over.natural_person",
        "table3.carried_over.total",
    ]
    assert found[1].message == "表三 总计列：2022 年结转下年度 2 ≠ 2023 年上年结转 0"
    assert found[1].severity == "error"


def test_carry_chain_needs_previous_and_skips_blanks(seed, previous):
    previous.table3["carried_forward"]["total"] = 5
    assert fired(seed, "X.CARRY_CHAIN") == []
    seed.table3["carried_over"]["total"] = None
    assert fired(seed, "X.CARRY_CHAIN", previous=previous) == []
    previous.table3["carried_forward"]["total"] = None
    seed.table3["carried_over"]["total"] = 0
    assert fired(seed, "X.CARRY_CHAIN", previous=previous) == []


def test_t2_in_force_warns(seed, previous):
    previous.table2["normative_documents"]["in_force"] = 20
    found = fired(seed, "X.T2_IN_FORCE", previous=previous)
    assert [(f.where, f.severity) for f in found] == [
        ("table2.normative_documents.in_force", "warning")
    ]
    assert found[0].message == (
        "表二「行政规范性文件」：上年现行有效 20 + 本年制发 0 − 本年废止 1 = 19 ≠ 现行有效 13"
    )


def test_t2_in_force_skips_blank(seed, previous):
    previous.table2["normative_documents"]["in_force"] = 20
    seed.table2["normative_documents"]["issued"] = None
    assert fired(seed, "X.T2_IN_FORCE", previous=previous) == []


def test_previous_of_the_wrong_year_is_refused(seed):
    with pytest.raises(ValueError, match="2022"):
        check_report(seed, previous=seed)


@pytest.mark.parametrize(
    ("level", "published", "late"),
    [
        ("department", date(2024, 1, 31), False),
        ("department", date(2024, 2, 1), True),
        ("government", date(2024, 3, 31), False),
        ("government", date(2024, 4, 1), True),
        ("department", None, False),
    ],
)
def test_pub_late(seed, level, published, late):
    seed.level = level
    seed.published_on = published
    found = fired(seed, "PUB.LATE")
    assert bool(found) is late
    if late:
        assert found[0].severity == "warning" and "迟 1 天" in found[0].message
