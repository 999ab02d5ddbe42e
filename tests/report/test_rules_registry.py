import re

from gongkai.report.rules import RULE_IDS, RULES, check_report, has_errors

SPEC_SEVERITIES = {
    "T3.BALANCE": "error",
    "T3.ROW_TOTAL": "error",
    "T3.OUTCOME_TOTAL": "error",
    "T4.GROUP_TOTAL": "error",
    "VAL.NEGATIVE": "error",
    "VAL.NOT_INTEGER": "error",
    "VAL.BLANK": "warning",
    "VAL.UNCERTAIN": "warning",
    "FMT.SECTION_MISSING": "error",
    "FMT.ROW_MISSING": "error",
    "FMT.LEGACY": "warning",
    "X.CARRY_CHAIN": "error",
    "X.T2_IN_FORCE": "warning",
    "TXT.MISMATCH": "warning",
    "TXT.CONTRADICTION": "warning",
    "PUB.LATE": "warning",
}


def test_every_spec_rule_is_registered_with_its_severity():
    assert {rule_id: RULES[rule_id].severity for rule_id in RULE_IDS} == SPEC_SEVERITIES


def test_every_rule_cites_what_it_enforces():
    for rule in RULES.values():
        assert re.search(r"Art\. \d+|30号|109号|spec §", rule.doc), rule.id


def test_only_runs_the_named_rules(seed):
    seed.table3["granted"]["total"] = -1
    assert {f.rule for f in check_report(seed, only=["VAL.NEGATIVE"])} == {
        "VAL.NEGATIVE"
    }
    assert has_errors(check_report(seed))


def test_finding_serialises(seed):
    seed.table3["granted"]["total"] = -1
    finding = check_report(seed, only=["VAL.NEGATIVE"])[0]
    assert finding.to_dict() == {
        "rule": "VAL.NEGATIVE",
        "severity": "error",
        "message": finding.message,
        "where": "table3.granted.total",
    }
