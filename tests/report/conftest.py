from pathlib import Path

import pytest

from gongkai.report.jsonio import report_from_json
from gongkai.report.model import Report
from gongkai.report.rules import check_report

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
SEED_JSON = FIXTURES / "zhongwei-justice-bureau-2023.json"
GOLDEN = Path(__file__).resolve().parent / "golden"


def load_seed() -> Report:
    return report_from_json(SEED_JSON.read_text(encoding="utf-8"))


@pytest.fixture
def seed():
    return load_seed()


@pytest.fixture
def zero():
    """A consistent report with every cell 0 and empty sections."""
    return Report.zero(agency="某某局", year=2023)


def fired(report, rule_id, **kwargs):
    """The findings of one rule."""
    return check_report(report, only=[rule_id], **kwargs)
