"""The rule catalogue: every rule is documented and has pass/fail fixtures (tests/rules/CODE.toml), run here
by one generic test against a clean base form (tests/rules/base.json) with only that rule switched on."""

from __future__ import annotations

import copy
import json
import re
import tomllib
from pathlib import Path

import pytest

from jixiao.check import Prior, check, run_rules, score
from jixiao.check.catalogue import load_rules
from jixiao.check.profile import load_profile, profile_names
from jixiao.model import Form

FIXTURES = Path(__file__).parent / "rules"
BASE = json.loads((FIXTURES / "base.json").read_text(encoding="utf-8"))
CATALOGUE = load_rules()


def _set(record: dict, path: str, value) -> None:
    *parents, last = path.split(".")
    node = record
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node.setdefault(part, {})
    if isinstance(node, list):
        if int(last) == len(node):
            node.append(value)
        else:
            node[int(last)] = value
    else:
        node[last] = value


def build(case: dict) -> Form:
    """The base form with the case's changes: `set` (dotted path → value), `unset` (paths set to null),
    `drop` (indicator positions removed, highest first)."""
    record = copy.deepcopy(BASE)
    for path, value in case.get("set", {}).items():
        _set(record, path, value)
    for path in case.get("unset", []):
        _set(record, path, None)
    for index in sorted(case.get("drop", []), reverse=True):
        del record["indicators"][index]
    return Form.model_validate(record)


def findings_of(code: str, case: dict):
    """The rule's findings on the case's form; a corpus rule's case gives the same project's earlier form as
    `previous` (changes to the base form, whose year is then one less unless the case sets it)."""
    form = build(case)
    profile = load_profile(case.get("profile", "national"))
    previous = None
    if "previous" in case:
        earlier = {"set": {"year": form.year - 1}, **case["previous"]}
        earlier["set"] = {"year": form.year - 1, **earlier["set"]}
        before = build(earlier)
        previous = Prior(before, score(before, profile))
    return run_rules(form, score(form, profile), profile, 0, codes=[code], previous=previous)


def _cases():
    for code in CATALOGUE:
        path = FIXTURES / f"{code}.toml"
        if not path.exists():
            continue
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for kind in ("fail", "pass"):
            for n, case in enumerate(data.get(kind, [])):
                yield pytest.param(code, kind, case, id=f"{code}-{kind}-{n}")


@pytest.mark.parametrize(("code", "kind", "case"), list(_cases()))
def test_rule_fixture(code, kind, case):
    findings = findings_of(code, case)
    if kind == "pass":
        assert findings == [], [f.message for f in findings]
        return
    assert sorted(f.path for f in findings) == sorted(case["paths"]), [(f.path, f.message) for f in findings]
    if "severity" in case:
        assert {f.severity.value for f in findings} == {case["severity"]}
    for finding in findings:
        assert finding.code == code and finding.message and finding.source


@pytest.mark.parametrize("code", list(CATALOGUE))
def test_rule_is_documented_and_has_fixtures(code):
    rule = CATALOGUE[code]
    assert re.fullmatch(r"[A-Z]{2}\d{2}", rule.code)
    assert re.fullmatch(r"[a-z]+\.[a-z0-9_]+", rule.name)
    assert rule.title and re.search(r"[\u4e00-\u9fff]", rule.title)
    doc = rule.doc()
    assert re.search(r"^不合格示例", doc, re.M) and re.search(r"^合格示例", doc, re.M), \
        "docstring needs a failing and a passing example"
    assert set(rule.params) == set(rule.param_docs), "every parameter needs a description"
    assert all(re.fullmatch(r"R\d+", ref) and 1 <= int(ref[1:]) <= 35 for ref in rule.refs)
    path = FIXTURES / f"{code}.toml"
    assert path.exists(), f"missing fixtures {path}"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data.get("fail") and data.get("pass"), "fixtures need at least one failing and one passing case"


def test_catalogue_covers_rules_md():
    covered = {ref for rule in CATALOGUE.values() for ref in rule.refs}
    assert covered == {f"R{n}" for n in range(1, 36)}


def test_names_are_unique():
    names = [rule.name for rule in CATALOGUE.values()]
    assert len(names) == len(set(names))


def test_base_form_is_clean_under_every_profile():
    for name in profile_names():
        assert check(build({}), name).findings == [], name


def test_profile_severity_overrides_name_real_rules():
    for name in profile_names():
        profile = load_profile(name)
        assert set(profile.severity) <= set(CATALOGUE), name
        assert set(profile.params) <= set(CATALOGUE), name
        for code, params in profile.params.items():
            assert set(params) <= set(CATALOGUE[code].params), (name, code)
