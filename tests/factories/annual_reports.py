"""Factories for the annual report workspace, one trait per workflow state.

Approved and published traits carry a frozen snapshot (an all-zero report of the
agency's name and year, with sections); tests that need real figures go through the
services.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

import factory

from gongkai.annual_reports.models import (
    AnnualReport,
    CellOverride,
    ImportedReport,
    ReportSectionRevision,
    ReportStatus,
    WarningAcknowledgement,
)
from gongkai.annual_reports.tables import report_level
from gongkai.report.jsonio import report_to_json
from gongkai.report.model import Report

from .agencies import AgencyFactory


def frozen_json(agency, year, *, published_on=None, carried_forward=0):  # noqa: ANN001
    """A consistent all-zero report of ``agency`` on ``year`` in the spec's JSON shape
    (``carried_forward`` applications left open, received in the year)."""
    report = Report.zero(agency=agency.name, year=year, level=report_level(agency))
    report.published_on = published_on
    if carried_forward:
        for column in ("natural_person", "total"):
            report.set_cell(f"table3.new_received.{column}", carried_forward)
            report.set_cell(f"table3.carried_forward.{column}", carried_forward)
    return report_to_json(report)


class AnnualReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualReport

    agency = factory.SubFactory(AgencyFactory)
    year = 2023
    version = 1
    status = ReportStatus.DRAFT

    class Params:
        approved = factory.Trait(
            status=ReportStatus.APPROVED,
            snapshot=factory.LazyAttribute(lambda o: frozen_json(o.agency, o.year)),
            approved_at=factory.LazyFunction(timezone.now),
        )
        published = factory.Trait(
            status=ReportStatus.PUBLISHED,
            published_on=factory.LazyAttribute(
                lambda o: datetime.date(o.year + 1, 1, 20)
            ),
            snapshot=factory.LazyAttribute(
                lambda o: frozen_json(o.agency, o.year, published_on=o.published_on)
            ),
            approved_at=factory.LazyFunction(timezone.now),
            published_at=factory.LazyFunction(timezone.now),
        )


class SectionRevisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportSectionRevision

    report = factory.SubFactory(AnnualReportFactory)
    section = "problems"
    text = "存在的主要问题及改进情况。"


class CellOverrideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CellOverride

    report = factory.SubFactory(AnnualReportFactory)
    path = "table2.licensing.decisions"
    value = Decimal(74)
    reason = "行政许可数据由政务服务平台统计。"


class AcknowledgementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WarningAcknowledgement

    report = factory.SubFactory(AnnualReportFactory)
    rule = "VAL.BLANK"
    where = "table2.penalties.decisions"
    note = "已核实。"


class ImportedReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImportedReport

    agency = factory.SubFactory(AgencyFactory)
    year = 2022
    source_name = "2022年报告.pdf"
    data = factory.LazyAttribute(lambda o: frozen_json(o.agency, o.year))
