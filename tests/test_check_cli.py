"""`jixiao check`, `jixiao rules`, `jixiao profiles` as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import EXAMPLES, ROOT, SEEDS
from tests.test_cli import run
from tests.test_rules import BASE

FINDING_KEYS = {"code", "name", "severity", "form_index", "path", "provided", "expected", "difference", "message",
                "source"}


def run_in(folder, *args: str) -> subprocess.CompletedProcess:
    """`jixiao` run in `folder` (where it looks for jixiao.toml), on the source tree."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "jixiao", *args], capture_output=True, text=True, cwd=folder,
                          env=env)


def _write(tmp_path, record: dict, name: str = "forms.json"):
    path = tmp_path / name
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return path


def seeds_report() -> dict:
    result = run("check", str(EXAMPLES), "--format", "json")
    assert result.returncode == 1, result.stderr  # the seeds hold real errors
    return json.loads(result.stdout)


def test_check_json_report_on_all_seeds():
    doc = seeds_report()
    assert [f["index"] for f in doc["forms"]] == list(range(58))
    summary = doc["summary"]
    assert summary["forms"] == 58 and summary["files"] == 5
    assert summary["by_severity"]["error"] == 7
    assert sum(summary["by_rule"].values()) == summary["findings"] == sum(summary["by_severity"].values())
    finding = next(f for form in doc["forms"] for f in form["findings"] if f["code"] == "EX01")
    assert set(finding) >= FINDING_KEYS
    assert finding["path"] == "funds.current_year.execution_rate" and finding["severity"] == "error"
    assert finding["provided"] == 0.0 and finding["expected"] == 88.7
    assert "62.07 / 69.98" in finding["explanation"]
    risks = [form["risk"] for form in doc["forms"]]
    assert all(set(r) >= {"score", "findings", "inflation", "execution", "factor", "budget_wan", "parts"}
               for r in risks)
    low = next(form for form in doc["forms"] if form["project_name"] == "纪检专项工作经费")
    assert low["risk"]["execution"] == pytest.approx(0.5 * (90 - 2.2), abs=0.01)  # 执行率 2.20% 自评优
    assert any(part.startswith("执行 43.9") for part in low["risk"]["parts"])
    # the files checked together are a small corpus: 2023 经信委 targets below the same project's 2021 ones (RF10)
    lowered = [f for form in doc["forms"] for f in form["findings"] if f["code"] == "RF10"]
    assert summary["by_rule"]["RF10"] == len(lowered) == 9 and {f["severity"] for f in lowered} == {"warning"}
    report = next(f for f in lowered if "产业投资年报" in f["message"])
    assert report["source"].startswith(str(EXAMPLES / "000_")) and "001_b9ea70bf1d9aee39.txt:" in report["explanation"]
    alone = json.loads(run("check", str(SEEDS[0]), "--format", "json").stdout)  # 2023 alone: nothing to compare
    assert "RF10" not in alone["summary"]["by_rule"]


def test_default_output_starts_with_the_errors_and_fits_on_a_few_screens():
    doc = seeds_report()
    result = run("check", str(EXAMPLES))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    counts = doc["summary"]["by_severity"]
    assert lines[0] == f"错误（{counts['error']} 条）"
    errors = lines[1:1 + counts["error"]]
    assert all("  错误  " in line for line in errors)
    places = [(line.split(":")[0], int(line.split(":")[1].split()[0])) for line in errors]
    assert places == sorted(places)  # then by file and line
    assert f"警告（{counts['warning']} 条）" in lines
    assert not any("  提示  " in line for line in lines)  # infos are not listed by default
    assert len(lines) < 250
    # the summary keeps every count, and says what was left out
    assert (f"共检查 5 个文件、58 张自评表：错误 {counts['error']}，警告 {counts['warning']}，"
            f"提示 {counts['info']}，已豁免 0；评分配置 national") in lines
    assert f"未列出提示 {counts['info']} 条（--level info 列出全部）" in lines
    assert any(line.startswith("风险最高的表") for line in lines)


def test_level_info_lists_every_finding_and_grouped_is_the_old_view():
    doc = seeds_report()
    everything = run("check", str(EXAMPLES), "--level", "info").stdout.splitlines()
    listed = [line for line in everything if line.startswith(str(EXAMPLES))]
    assert len(listed) == doc["summary"]["findings"]
    assert not any(line.startswith("未列出") for line in everything)
    grouped = run("check", str(SEEDS[1]), "--level", "error", "--explain", "--format", "grouped")
    out = grouped.stdout
    assert grouped.returncode == 1
    assert out.startswith("[") and "综合部门重点工作" in out and "风险分" in out
    assert f"{SEEDS[1]}:" in out and "  AR04  " in out and "44,497,200" in out
    assert "共检查 1 个文件、5 张自评表：错误 3" in out


def test_select_and_ignore_on_the_command_line():
    result = run("check", str(EXAMPLES), "--format", "json", "--select", "EX,AR", "--ignore", "EX04")
    doc = json.loads(result.stdout)
    codes = set(doc["summary"]["by_rule"])
    assert codes and all(code[:2] in ("EX", "AR") for code in codes) and "EX04" not in codes
    only_info = run("check", str(EXAMPLES), "--select", "RF01", "--format", "json")
    assert only_info.returncode == 0  # no error-severity finding is reported, so none fails the run
    assert set(json.loads(only_info.stdout)["summary"]["by_rule"]) == {"RF01"}
    shown = run("check", str(EXAMPLES), "--select", "AR", "--select", "SC08").stdout
    assert "条规则（AR、SC08）" in shown
    bad = run("check", str(EXAMPLES), "--ignore", "RF01,XY1")
    assert bad.returncode == 2 and "--ignore 中的 XY1 不是规则代码或代码前缀" in bad.stderr


def test_project_file_and_command_line_over_it(tmp_path):
    project = tmp_path / "project"
    (project / "sub").mkdir(parents=True)
    (project / "jixiao.toml").write_text('[check]\nselect = ["SC", "EX", "AR"]\nignore = ["SC10"]\n'
                                         'level = "error"\nprofile = "shanghai"\n', encoding="utf-8")

    def check(*args: str) -> dict:
        result = run_in(project / "sub", "check", str(EXAMPLES), "--format", "json", *args)
        assert result.returncode in (0, 1), result.stderr
        return json.loads(result.stdout)

    from_file = check()
    assert from_file["profile"] == "shanghai"
    codes = set(from_file["summary"]["by_rule"])
    assert codes and all(code[:2] in ("SC", "EX", "AR") for code in codes) and "SC10" not in codes
    assert set(check("--ignore", "AR")["summary"]["by_rule"]) == {c for c in codes if not c.startswith("AR")}
    assert set(check("--select", "RF07")["summary"]["by_rule"]) == {"RF07"}
    assert check("--profile", "national")["profile"] == "national"
    terminal = run_in(project / "sub", "check", str(EXAMPLES)).stdout
    assert "  警告  " not in terminal and "未列出警告" in terminal  # level = "error" from the file
    assert "  警告  " in run_in(project / "sub", "check", str(EXAMPLES), "--level", "warning").stdout
    other = tmp_path / "other.toml"
    other.write_text('[check]\nselect = ["GR"]\n', encoding="utf-8")
    assert all(c.startswith("GR") for c in check("--config", str(other))["summary"]["by_rule"])
    (project / "jixiao.toml").write_text('[check]\nlevel = "loud"\n', encoding="utf-8")
    bad = run_in(project / "sub", "check", str(EXAMPLES))
    assert bad.returncode == 2 and "jixiao.toml" in bad.stderr and "level 应为 error、warning 或 info" in bad.stderr


def test_ignoring_a_superseding_rule_lets_the_superseded_one_show(tmp_path):
    """The selection reaches the checker before it merges overlapping findings: SC09 (overshoot without a reason)
    replaces SC07 (overshoot) on its row, so ignoring SC09 must bring SC07 back, not leave the row silent."""
    import copy

    record = copy.deepcopy(BASE)
    record["indicators"][0]["actual"] = "26(场)"  # target ≥10(场), no reason given
    path = _write(tmp_path, {"forms": [record]})

    def found(folder, *args: str) -> list[tuple[str, str]]:
        result = run_in(folder, "check", str(path), "--format", "json", *args)
        assert result.returncode in (0, 1), result.stderr
        return [(f["code"], f["path"]) for f in json.loads(result.stdout)["forms"][0]["findings"]]

    assert found(tmp_path) == [("SC09", "indicators.0.deviation")]
    assert found(tmp_path, "--ignore", "SC09") == [("SC07", "indicators.0.target")]
    assert found(tmp_path, "--select", "SC07") == [("SC07", "indicators.0.target")]
    (tmp_path / "jixiao.toml").write_text('[check]\nignore = ["SC09"]\n', encoding="utf-8")
    assert found(tmp_path) == [("SC07", "indicators.0.target")]
    assert found(tmp_path, "--select", "SC", "--ignore", "SC") == []  # nothing selected: no rule runs


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
    shown = run("check", str(path), "--show-waived", "--level", "info").stdout
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
    assert "forms.0.indicators：应为列表 [...]，而不是 \"不是列表\"" in result.stderr
    assert "不是有效的 JSON" in result.stderr
    assert "Traceback" not in result.stderr and "Input should" not in result.stderr


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
    assert listing.returncode == 0 and "EX02" in listing.stdout and "共 59 条规则" in listing.stdout
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
                       '[[waiver]]\nfile = "001_b9ea70bf1d9aee39.txt"\nform = 4\ncode = "AR04"\n'
                       'path = "funds.current_year.executed"\nreason = "原表空白，已向单位核实"\n', encoding="utf-8")
    result = run("check", str(SEEDS[1]), "--format", "json", "--waivers", str(waivers), "--show-waived")
    doc = json.loads(result.stdout)
    waived = {(f["form_index"], f["code"]) for form in doc["forms"] for f in form["waived"]}
    assert waived == {(1, "AR04"), (4, "AR04")}
    assert doc["summary"]["by_severity"]["error"] == 0 and result.returncode == 0
    bad = tmp_path / "bad.toml"
    bad.write_text('[[waiver]]\ncode = "AR04"\n', encoding="utf-8")
    result = run("check", str(SEEDS[1]), "--waivers", str(bad))
    assert result.returncode == 2 and "第 1 条豁免（[[waiver]]）的 reason 不对：缺少这一项（必填）" in result.stderr


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
    assert result.returncode == 2 and "forms.0.funds.total.executed：应为数字，而不是 \"九十五\"" in result.stderr
