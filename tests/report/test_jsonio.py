import json
from decimal import Decimal

import pytest

from gongkai.report.jsonio import (
    ReportFormatError,
    report_dumps,
    report_from_json,
    report_to_json,
)
from tests.report.conftest import SEED_JSON


def seed_data():
    return json.loads(SEED_JSON.read_text(encoding="utf-8"))


def test_seed_round_trips_exactly():
    data = seed_data()
    assert report_to_json(report_from_json(data)) == data


def test_fee_amount_is_written_as_a_string(seed):
    seed.set_cell("table2.fees.amount_wan_yuan", Decimal("12.5"))
    assert report_to_json(seed)["table2"]["fees"] == {"amount_wan_yuan": "12.5"}
    assert report_from_json(report_dumps(seed)).cell(
        "table2.fees.amount_wan_yuan"
    ) == Decimal("12.5")


def test_null_is_blank_not_zero():
    data = seed_data()
    data["table3"]["granted"]["total"] = None
    report = report_from_json(data)
    assert report.cell("table3.granted.total") is None
    assert report_to_json(report)["table3"]["granted"]["total"] is None


def test_absent_row_is_recorded_as_missing():
    data = seed_data()
    del data["table3"]["granted"]
    data["table4"]["litigation_direct"] = None
    report = report_from_json(data)
    assert report.missing_rows == ["table3.granted", "table4.litigation_direct"]
    assert report.cell("table3.granted.total") is None
    out = report_to_json(report)
    assert "granted" not in out["table3"] and "litigation_direct" not in out["table4"]


def test_non_integer_count_is_carried_for_the_rules():
    data = json.loads(
        SEED_JSON.read_text(encoding="utf-8").replace(
            '"natural_person": 1', '"natural_person": 1.5', 1
        )
    )
    assert report_from_json(data).cell("table3.new_received.natural_person") == Decimal(
        "1.5"
    )


def test_whole_float_is_an_integer():
    text = SEED_JSON.read_text(encoding="utf-8").replace(
        '"natural_person": 1', '"natural_person": 1.0', 1
    )
    value = report_from_json(text).cell("table3.new_received.natural_person")
    assert value == 1 and isinstance(value, int)


def test_optional_lists_round_trip():
    data = seed_data()
    data["inferred"] = ["table3.granted.total"]
    data["uncertain"] = ["table3.new_received.total"]
    data["legacy_labels"] = ["本年新制作数量"]
    data["section_order"] = [
        "overview",
        "applications",
        "proactive",
        "appeals",
        "problems",
        "other",
    ]
    assert report_to_json(report_from_json(data)) == data


def test_checked_report_keys_are_accepted():
    data = seed_data()
    data["file"] = "x.json"
    data["findings"] = []
    assert report_from_json(data).agency == "中卫市司法局"


def _mutate(path, value):
    data = seed_data()
    target = data
    keys = path.split(".")
    for key in keys[:-1]:
        target = target[key]
    if value is KeyError:
        del target[keys[-1]]
    else:
        target[keys[-1]] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "named"),
    [
        ("year", "2023", "year"),
        ("year", True, "year"),
        ("agency", "", "agency"),
        ("level", "city", "level"),
        ("format", "2019", "format"),
        ("published_on", "2024-02-30", "published_on"),
        ("published_on", 20240131, "published_on"),
        ("preamble", 1, "preamble"),
        ("sections", [], "sections"),
        ("sections.overview", 3, "sections.overview"),
        ("sections.summary", "x", "sections.summary"),
        ("table3.granted.total", "1", "table3.granted.total"),
        ("table3.granted.total", True, "table3.granted.total"),
        ("table3.granted.total", KeyError, "table3.granted.total"),
        ("table3.granted.subtotal", 1, "table3.granted.subtotal"),
        ("table3.granted", [1, 2], "table3.granted"),
        ("table3.subtotal", {}, "table3.subtotal"),
        ("table2.fees.amount_wan_yuan", "十二", "table2.fees.amount_wan_yuan"),
        ("table2.fees.amount_wan_yuan", "NaN", "table2.fees.amount_wan_yuan"),
        ("table4", None, "table4"),
        ("table2", KeyError, "table2"),
        ("extra", 1, "extra"),
        ("inferred", ["table3.nope.total"], "inferred[0]"),
        ("section_order", "overview", "section_order"),
    ],
)
def test_unusable_input_names_the_key(path, value, named):
    with pytest.raises(ReportFormatError) as info:
        report_from_json(_mutate(path, value))
    assert named in str(info.value)


@pytest.mark.parametrize(
    "text", ["", "{", "[1, 2]", '"report"', "{'a': 1}", b"\xff\xfe"]
)
def test_malformed_json_is_a_format_error(text):
    with pytest.raises(ReportFormatError) as info:
        report_from_json(text)
    assert "JSON" in str(info.value)


def test_format_error_is_a_value_error():
    assert issubclass(ReportFormatError, ValueError)


def test_negative_count_is_read_for_the_rules():
    report = report_from_json(_mutate("table3.granted.total", -1))
    assert report.cell("table3.granted.total") == -1
