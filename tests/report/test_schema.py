import json

import jsonschema
import pytest

from gongkai.report.jsonio import (
    KNOWN_KEYS,
    REQUIRED_KEYS,
    ReportFormatError,
    report_from_json,
    report_to_json,
)
from gongkai.report.model import SECTION_KEYS, T2_ROWS, T3_COLUMNS, T3_ROWS, T4_GROUPS
from gongkai.report.parsers.checker import check_bytes
from gongkai.report.schema import report_schema
from tests.report.parsers.conftest import FIXTURES


def test_schema_has_the_model_keys():
    schema = report_schema()
    props = schema["properties"]
    assert set(props) == set(KNOWN_KEYS)
    assert set(schema["required"]) == set(REQUIRED_KEYS)
    assert list(props["sections"]["properties"]) == list(SECTION_KEYS)
    assert list(props["table2"]["properties"]) == list(T2_ROWS)
    assert list(props["table3"]["properties"]) == list(T3_ROWS)
    assert list(props["table4"]["properties"]) == list(T4_GROUPS)
    granted = props["table3"]["properties"]["granted"]
    assert (
        granted["required"] == list(T3_COLUMNS)
        and granted["additionalProperties"] is False
    )


def _validator():
    schema = report_schema()
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)  # a valid JSON Schema of the draft it names
    return validator(schema, format_checker=validator.FORMAT_CHECKER)


def test_schema_is_a_valid_draft_2020_12_schema():
    assert report_schema()["$schema"].endswith("/2020-12/schema")
    assert isinstance(_validator(), jsonschema.Draft202012Validator)


def test_seed_json_conforms_to_the_schema(seed):
    seed.inferred = ["table3.granted.total"]
    assert list(_validator().iter_errors(report_to_json(seed))) == []


def test_checker_output_conforms_to_the_schema():
    """Each object of ``gongkai report check --json`` is a report in the schema."""
    validator = _validator()
    for name in (
        "zhongwei-justice-bureau-2023-annual-report.txt",
        "pingtan-zone-2021.txt",
        "shanghai-stcsm-2024.md",
    ):
        result = check_bytes((FIXTURES / name).read_bytes(), name=name)
        assert list(validator.iter_errors(result.to_json())) == [], name


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("table3", "granted", "natural_person"), "一"),
        (("table3", "granted", "natural_person"), True),
        (("table3", "granted", "unknown_column"), 0),
        (("table2", "fees", "amount_wan_yuan"), "很多"),
        (("table4", "reconsideration", "total"), [0]),
        (("level",), "county"),
        (("year",), "二〇二三"),
        (("unknown_key",), 1),
    ],
)
def test_schema_and_loader_refuse_the_same_documents(seed, path, value):
    """What the published schema refuses, the loader refuses too (and says why)."""
    document = report_to_json(seed)
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert list(_validator().iter_errors(document)), (path, value)
    with pytest.raises(ReportFormatError):
        report_from_json(json.dumps(document, ensure_ascii=False))


def test_a_fraction_is_accepted_by_both_and_flagged_by_the_rules(seed):
    """1.5 applications is a number of the wrong kind, not a malformed document: the
    schema and the loader accept it and VAL.NOT_INTEGER names the cell."""
    from gongkai.report.rules import check_report

    document = report_to_json(seed)
    document["table3"]["granted"]["natural_person"] = 1.5
    assert list(_validator().iter_errors(document)) == []
    report = report_from_json(json.dumps(document))
    flagged = [f.where for f in check_report(report) if f.rule == "VAL.NOT_INTEGER"]
    assert flagged == ["table3.granted.natural_person"]
