"""The statistics selector: table 2 and section 二 per agency and year."""

import datetime
from decimal import Decimal

import pytest

from gongkai.publications.models import (
    CatalogueEntry,
    NewMediaAccount,
    NewMediaYearFigures,
)
from gongkai.publications.selectors.stats import publication_stats
from gongkai.publications.services.figures import yearly_figure_set
from tests.factories.publications import OfficialDocumentFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def entry(agency, n, kind, published_on, category="15_other"):
    return CatalogueEntry.objects.create(
        agency=agency,
        index_number=f"T/{n:05d}",
        title=f"条目{n}",
        kind=kind,
        category=category,
        topic="other",
        published_on=published_on,
    )


def test_figures_not_entered_are_blank_not_zero(tree):
    table2 = publication_stats(agency=tree["a"], year=2023).table2
    assert table2 == {
        "regulations": {"issued": 0, "repealed": 0, "in_force": 0},
        "normative_documents": {"issued": 0, "repealed": 0, "in_force": 0},
        "licensing": {"decisions": None},
        "penalties": {"decisions": None},
        "enforcement": {"decisions": None},
        "fees": {"amount_wan_yuan": None},
    }


def test_yearly_figures_and_fee_decimal(tree, member):
    clerk = member(tree["a"], "clerk")
    for item, value in (("licensing", 74), ("fees", "12.50"), ("penalties", 0)):
        yearly_figure_set(
            acting_user=clerk,
            agency=tree["a"],
            year=2023,
            item=item,
            value=value,
            source="系统",
        )
    yearly_figure_set(
        acting_user=clerk,
        agency=tree["a"],
        year=2022,
        item="licensing",
        value=5,
        source="系统",
    )
    table2 = publication_stats(agency=tree["a"], year=2023).table2
    assert table2["licensing"] == {"decisions": 74}
    assert table2["penalties"] == {"decisions": 0}
    assert table2["enforcement"] == {"decisions": None}
    assert table2["fees"]["amount_wan_yuan"] == Decimal("12.5")
    assert str(table2["fees"]["amount_wan_yuan"]) == "12.5"


def test_published_counts_by_kind_category_and_year(tree):
    a, b = tree["a"], tree["b"]
    entry(a, 1, "document", D(2023, 1, 1), "03_plans")
    entry(a, 2, "document", D(2023, 12, 31))
    entry(a, 3, "information", D(2023, 6, 1))
    entry(a, 4, "reconsideration_decision", D(2023, 6, 1))
    entry(a, 5, "interpretation", D(2023, 6, 1), "01_rules")
    entry(a, 6, "document", D(2022, 12, 31))  # previous year
    entry(a, 7, "document", D(2024, 1, 1))  # next year
    entry(b, 8, "document", D(2023, 6, 1))  # other agency
    withdrawn = entry(a, 9, "information", D(2023, 7, 1))
    withdrawn.withdrawn_on = D(2023, 8, 1)
    withdrawn.save()

    stats = publication_stats(agency=a, year=2023)
    assert stats.documents_published == 2
    assert stats.information_published == 2  # a later withdrawal does not undo it
    assert stats.reconsideration_decisions_published == 1
    assert stats.interpretations == 1
    assert stats.by_category == {
        "03_plans": {"document": 1},
        "15_other": {"document": 1, "information": 2, "reconsideration_decision": 1},
        "01_rules": {"interpretation": 1},
    }
    assert stats.by_channel["portal"]["documents"] == 2


# doc_type, written, effective, valid_until, repealed → counted as (issued, repealed, in_force) in 2023
RULE_CASES = [
    ("normative", D(2023, 3, 1), D(2023, 4, 1), D(2028, 3, 31), None, (1, 0, 1)),
    ("normative", D(2023, 12, 20), D(2024, 1, 1), D(2028, 12, 31), None, (1, 0, 0)),
    (
        "normative",
        D(2021, 7, 1),
        D(2021, 7, 1),
        D(2023, 6, 30),
        D(2023, 7, 1),
        (0, 1, 0),
    ),
    ("normative", D(2021, 7, 1), D(2021, 7, 1), D(2023, 6, 30), None, (0, 1, 0)),
    ("normative", D(2019, 1, 1), D(2019, 1, 1), D(2023, 12, 30), None, (0, 1, 0)),
    ("normative", D(2019, 1, 1), D(2019, 1, 1), D(2023, 12, 31), None, (0, 0, 1)),
    ("normative", D(2019, 1, 1), D(2019, 1, 1), D(2022, 12, 31), None, (0, 1, 0)),
    ("normative", D(2019, 1, 1), D(2019, 1, 1), D(2022, 12, 30), None, (0, 0, 0)),
    ("normative", D(2019, 1, 1), D(2019, 1, 1), None, D(2023, 5, 1), (0, 1, 0)),
    ("normative", D(2019, 1, 1), D(2019, 1, 1), None, D(2024, 1, 1), (0, 0, 1)),
    (
        "normative",
        D(2019, 1, 1),
        D(2019, 1, 1),
        D(2023, 3, 1),
        D(2023, 2, 1),
        (0, 1, 0),
    ),
    ("regulation", D(2023, 5, 1), None, None, None, (1, 0, 1)),
    ("other", D(2023, 5, 1), None, None, None, (0, 0, 0)),
]


@pytest.mark.parametrize(
    ("doc_type", "written", "effective", "until", "repealed", "expected"), RULE_CASES
)
def test_rules_issued_repealed_in_force(
    tree, doc_type, written, effective, until, repealed, expected
):
    OfficialDocumentFactory(
        agency=tree["a"],
        doc_type=doc_type,
        written_on=written,
        effective_from=effective,
        valid_until=until,
        repealed_on=repealed,
    )
    table2 = publication_stats(agency=tree["a"], year=2023).table2
    key = "regulations" if doc_type == "regulation" else "normative_documents"
    cells = table2[key]
    assert (cells["issued"], cells["repealed"], cells["in_force"]) == expected


def test_new_media_per_account(tree):
    account = NewMediaAccount.objects.create(
        agency=tree["a"], platform="wechat", name="法治甲市", operator="甲市司法局"
    )
    NewMediaYearFigures.objects.create(
        account=account, year=2023, issues=3, articles=9, source="后台"
    )
    NewMediaYearFigures.objects.create(
        account=account, year=2022, issues=1, articles=1, source="后台"
    )
    stats = publication_stats(agency=tree["a"], year=2023)
    assert [(m.name, m.issues, m.articles) for m in stats.new_media] == [
        ("法治甲市", 3, 9)
    ]
    assert stats.by_channel["wechat:法治甲市"] == {"issues": 3, "articles": 9}


def test_stats_query_count_does_not_grow(tree, django_assert_max_num_queries):
    for n in range(30):
        entry(tree["a"], n, "document", D(2023, 1 + n % 12, 1))
        OfficialDocumentFactory(
            agency=tree["a"], normative=True, written_on=D(2020, 1, 1)
        )
    with django_assert_max_num_queries(8):
        publication_stats(agency=tree["a"], year=2023)
