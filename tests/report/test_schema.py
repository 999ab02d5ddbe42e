from gongkai.report.jsonio import KNOWN_KEYS, REQUIRED_KEYS, report_to_json
from gongkai.report.model import SECTION_KEYS, T2_ROWS, T3_COLUMNS, T3_ROWS, T4_GROUPS
from gongkai.report.schema import report_schema


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


def _conforms(value, schema):
    """A small check of the schema keywords used here (type, properties, required,
    additionalProperties, enum, const, items) — enough to check our own output."""
    kinds = {"object": dict, "array": list, "string": str, "null": type(None)}
    types = schema.get("type")
    if types is not None:
        names = types if isinstance(types, list) else [types]
        ok = any(
            isinstance(value, kinds[n])
            if n in kinds
            else isinstance(value, int | float) and not isinstance(value, bool)
            for n in names
        )
        assert ok, (value, types)
    if "enum" in schema:
        assert value in schema["enum"]
    if "const" in schema:
        assert value == schema["const"]
    if isinstance(value, dict) and "properties" in schema:
        assert set(schema.get("required", [])) <= set(value)
        if schema.get("additionalProperties") is False:
            assert set(value) <= set(schema["properties"])
        for key, item in value.items():
            _conforms(item, schema["properties"][key])
    if isinstance(value, list) and "items" in schema:
        for item in value:
            _conforms(item, schema["items"])


def test_seed_json_conforms_to_the_schema(seed):
    seed.inferred = ["table3.granted.total"]
    _conforms(report_to_json(seed), report_schema())
