"""`jixiao check`, `jixiao rules`, `jixiao profiles` as a user runs them."""

from __future__ import annotations

import json

from tests.conftest import EXAMPLES, SEEDS
from tests.test_cli import run
from tests.test_rules import BASE

FINDING_KEYS = {"code", "name", "severity", "form_index", "path", "provided", "expected", "difference", "message",
                "source"}


def _write(tmp_path, record: dict, name: str = "forms.json"):
    path = tmp_path / name
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return path


def test_check_json_report_on_all_seeds():
    result = run("check", str(EXAMPLES), "--format", "json")
    assert result.returncode == 1, result.stderr  # the seeds hold real errors
    doc = json.loads(result.stdout)
    assert [f["index"] for f in doc["forms"]] == list(range(58))
    summary = doc["summary"]
    assert summary["forms"] == 58 and summary["files"] == 5
    assert summary["by_severity"]["error"] == 9
    assert sum(summary["by_rule"].values()) == summary["findings"] == sum(summary["by_severity"].values())
    finding = next(f for form in doc["forms"] for f in form["findings"] if f["code"] == "EX01")
    assert set(finding) >= FINDING_KEYS
    assert finding["path"] == "funds.total.execution_rate" and finding["severity"] == "error"
    assert finding["provided"] == 98.29 and finding["expected"] == 98.28
    assert "23,435,000 / 23,845,000" in finding["explanation"]


def test_check_terminal_groups_by_form_with_file_line_code():
    result = run("check", str(SEEDS[1]), "--level", "error", "--explain")
    assert result.returncode == 1
    out = result.stdout
    assert "综合部门重点工作" in out
    assert f"{SEEDS[1]}:" in out and "  EX01  " in out and "98.29" in out
    assert "共检查 1 个文件、5 张自评表：错误 6" in out


def test_clean_form_exits_zero_and_interchange_input_is_checked(tmp_path):
    path = _write(tmp_path, {"forms": [BASE]})
    result = run("check", str(path), "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["forms"][0]["findings"] == []


def test_parse_output_round_trips_into_check(tmp_path):
    out = tmp_path / "seed.out"
    assert run("parse", str(SEEDS[4]), "--format", "json", "-o", str(out)).returncode == 0
    from_text = json.loads(run("check", str(SEEDS[4]), "--format", "json").stdout)
    from_json = json.loads(run("check", str(out), "--input-format", "json", "--format", "json").stdout)
    assert from_json["forms"] == from_text["forms"]


def test_waivers_set_findings_aside_and_are_audited(tmp_path):
    record = json.loads(json.dumps(BASE))
    record["total_score"] = 99.5  # AR02
    record["waivers"] = [{"code": "AR02", "reason": "原表如此，已向单位核实"},
                         {"code": "EX01", "reason": "旧豁免"}]
    path = _write(tmp_path, {"forms": [record]})
    result = run("check", str(path), "--format", "json", "--show-waived")
    assert result.returncode == 0  # the only error is waived
    form = json.loads(result.stdout)["forms"][0]
    assert form["findings"] == []
    assert [(f["code"], f["waived"]) for f in form["waived"]] == [("AR02", "原表如此，已向单位核实")]
    assert [w["code"] for w in form["unused_waivers"]] == ["EX01"]
    shown = run("check", str(path), "--show-waived").stdout
    assert "已豁免：原表如此，已向单位核实" in shown and "EX01 没有对应的问题" in shown


def test_unreadable_input_exits_two_and_other_files_are_checked(tmp_path):
    good = _write(tmp_path, {"forms": [BASE]}, "good.json")
    bad = _write(tmp_path, {"forms": [{"indicators": "不是列表"}]}, "bad.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{不是 JSON", encoding="utf-8")
    result = run("check", str(good), str(bad), str(broken), "--format", "json")
    assert result.returncode == 2
    doc = json.loads(result.stdout)
    assert doc["summary"]["forms"] == 1 and doc["summary"]["unreadable"] == 2
    assert "forms.0.indicators" in result.stderr and "不是有效的 JSON" in result.stderr
    assert "Traceback" not in result.stderr


def test_profile_option(tmp_path):
    record = json.loads(json.dumps(BASE))
    record["total_score"], record["grade"] = 85.2, "优"
    record["indicators"][0]["score"] = 6.0
    record["indicators"][0]["actual"] = "3(场)"
    record["indicators"][0]["deviation"] = "场地原因，下一步调整"
    path = _write(tmp_path, {"forms": [record]})
    national = json.loads(run("check", str(path), "--format", "json").stdout)
    bands80 = json.loads(run("check", str(path), "--format", "json", "--profile", "bands80").stdout)
    assert "GR02" in national["summary"]["by_rule"] and "GR02" not in bands80["summary"]["by_rule"]
    unknown = run("check", str(path), "--profile", "火星")
    assert unknown.returncode == 2 and "没有名为 火星 的评分配置" in unknown.stderr


def test_rules_list_and_explain():
    listing = run("rules")
    assert listing.returncode == 0 and "EX02" in listing.stdout and "共 49 条规则" in listing.stdout
    one = run("rules", "ex02")
    assert one.returncode == 0 and "execution.score" in one.stdout and "不合格示例" in one.stdout
    params = run("rules", "RF07")
    assert "rate = 60.0" in params.stdout
    missing = run("rules", "ZZ99")
    assert missing.returncode == 2 and "没有代码为 ZZ99 的规则" in missing.stderr


def test_profiles_listing():
    result = run("profiles")
    assert result.returncode == 0
    for name in ("national", "shanghai", "guangxi", "strict", "bands80"):
        assert name in result.stdout


def test_waiver_file_for_documents(tmp_path):
    waivers = tmp_path / "waivers.toml"
    waivers.write_text('[[waiver]]\nproject = "综合部门重点工作"\ncode = "AR04"\nreason = "原表如此，已与单位核实"\n\n'
                       '[[waiver]]\nfile = "001_b9ea70bf1d9aee39.txt"\nform = 2\ncode = "EX01"\n'
                       'path = "funds.total.execution_rate"\nreason = "印刷错误"\n', encoding="utf-8")
    result = run("check", str(SEEDS[1]), "--format", "json", "--waivers", str(waivers), "--show-waived")
    doc = json.loads(result.stdout)
    waived = {(f["form_index"], f["code"]) for form in doc["forms"] for f in form["waived"]}
    assert waived == {(1, "AR04"), (2, "EX01")}
    assert doc["summary"]["by_severity"]["error"] == 3 and result.returncode == 1
    bad = tmp_path / "bad.toml"
    bad.write_text('[[waiver]]\ncode = "AR04"\n', encoding="utf-8")
    result = run("check", str(SEEDS[1]), "--waivers", str(bad))
    assert result.returncode == 2 and "第 1 条豁免" in result.stderr and "reason" in result.stderr


def test_interchange_amounts_given_as_text_are_read(tmp_path):
    record = json.loads(json.dumps(BASE))
    record["fund_unit"] = None
    record["funds"]["total"].update(annual_budget="1,000,000元", executed="950,000.00元", initial_budget="100万元")
    record["funds"]["current_year"].update(annual_budget="100", executed="95", initial_budget="100")
    path = _write(tmp_path, {"forms": [record]})
    doc = json.loads(run("check", str(path), "--format", "json").stdout)
    assert doc["errors"] == []
    # the first unit seen (万元) is the form's: 1,000,000 元 = 100 万元 adds up with the sub-row, rate 95%
    assert doc["forms"][0]["findings"] == []
    bad = json.loads(json.dumps(BASE))
    bad["funds"]["total"]["executed"] = "九十五"
    result = run("check", str(_write(tmp_path, {"forms": [bad]}, "bad.json")))
    assert result.returncode == 2 and "forms.0.funds.total.executed" in result.stderr
