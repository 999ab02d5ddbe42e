from pathlib import Path

import pytest

from gongkai.report.jsonio import report_from_json

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
SEED_JSON = FIXTURES / "zhongwei-justice-bureau-2023.json"


@pytest.fixture
def seed():
    return report_from_json(SEED_JSON.read_text(encoding="utf-8"))
