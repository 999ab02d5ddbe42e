"""The multi-agency proactive-disclosure sums equal the sum of the publications app's
per-agency statistics (the two must never drift apart)."""

import datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.annual_reports.publication_sums import publication_sums
from gongkai.annual_reports.sources import publication_figures_for
from gongkai.publications.models import (
    NewMediaAccount,
    NewMediaYearFigures,
    YearlyFigure,
)
from tests.factories import AgencyFactory
from tests.factories.publications import OfficialDocumentFactory

D = datetime.date


def figure(agency, item, value):
    YearlyFigure.objects.create(
        agency=agency, year=2023, item=item, value=Decimal(value), source="测试"
    )


def sum_per_agency(agencies):
    per = [publication_figures_for(agency=a, year=2023) for a in agencies]
    table2 = {}
    for row in per[0]["table2"]:
        table2[row] = {}
        for cell in per[0]["table2"][row]:
            values = [p["table2"][row][cell] for p in per]
            table2[row][cell] = None if None in values else sum(values)
    counts = {
        key: sum(p[key] for p in per)
        for key in per[0]
        if key not in ("table2", "new_media")
    }
    return table2, counts, sorted((m for p in per for m in p["new_media"]), key=str)


def test_sums_equal_the_per_agency_statistics(db):
    a, b, c = (AgencyFactory() for _ in range(3))
    OfficialDocumentFactory(agency=a, normative=True, written_on=D(2023, 2, 1))
    OfficialDocumentFactory(
        agency=a, normative=True, written_on=D(2019, 2, 1), repealed_on=D(2023, 6, 1)
    )
    OfficialDocumentFactory(agency=b, normative=True, written_on=D(2020, 5, 1))
    OfficialDocumentFactory(
        agency=b, normative=True, written_on=D(2021, 1, 1), valid_until=D(2023, 3, 31)
    )
    OfficialDocumentFactory(agency=c, regulation=True, written_on=D(2023, 8, 1))
    for agency, value in ((a, 10), (b, 5), (c, 1)):
        figure(agency, "licensing", value)
        figure(agency, "fees", "0.5")
    figure(a, "penalties", 3)  # b and c never entered theirs: the sum is blank
    for agency, (issues, articles) in ((a, (10, 40)), (b, (2, 3))):
        account = NewMediaAccount.objects.create(
            agency=agency, platform="wechat", name=f"号{agency.pk}", operator="办公室"
        )
        NewMediaYearFigures.objects.create(
            account=account, year=2023, issues=issues, articles=articles, source="测试"
        )
    agencies = [a, b, c]
    with CaptureQueriesContext(connection) as queries:
        sums = publication_sums(agency_ids=[x.pk for x in agencies], year=2023)
    assert len(queries) <= 6
    table2, counts, media = sum_per_agency(agencies)
    assert sums["table2"] == table2
    assert sums["table2"]["licensing"]["decisions"] == 16
    assert sums["table2"]["penalties"]["decisions"] is None
    assert sums["table2"]["fees"]["amount_wan_yuan"] == Decimal("1.5")
    assert sums["table2"]["normative_documents"] == {
        "issued": 1,
        "repealed": 2,
        "in_force": 2,
    }
    assert {k: sums[k] for k in counts} == counts
    assert sorted(sums["new_media"], key=str) == media
