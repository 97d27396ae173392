"""Which findings a run reports: rule selection as ruff does it, the reviewer's order, and the project file
`jixiao.toml` that holds a team's choices."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.check.findings import Finding, Severity
from jixiao.check.select import Selection, SelectionError, parse_codes, reviewer_order, select_findings, shown
from jixiao.config import CheckConfig, find_config, load_config, selection_for
from jixiao.errors import InputError

CODES = ("AR01", "AR04", "DS07", "EX01", "EX03", "RF01", "SC07", "SC08", "SC10")


def enabled(selection: Selection) -> list[str]:
    return [code for code in CODES if selection.enabled(code)]


def finding(code: str, severity: Severity, source: str, index: int = 0) -> Finding:
    return Finding(code=code, name="x", severity=severity, form_index=index, path="grade", message="m",
                   source=source)


def test_codes_and_prefixes_are_parsed_and_checked():
    assert parse_codes("sc, EX01  AR") == ("SC", "EX01", "AR")
    assert parse_codes(["SC07", "SC07,ALL"]) == ("SC07", "ALL")
    assert parse_codes(None) == () and parse_codes("") == ()
    with pytest.raises(SelectionError, match="ZZ 不是规则代码或代码前缀"):
        parse_codes("SC,ZZ")
    with pytest.raises(SelectionError, match="相近的有"):
        parse_codes("SC99")


def test_select_and_ignore_as_ruff_does():
    assert enabled(Selection()) == list(CODES)
    assert enabled(Selection.layered([(("SC", "EX"), ())])) == ["EX01", "EX03", "SC07", "SC08", "SC10"]
    # the more specific selector wins, whichever list it is in; ignore wins a tie
    assert enabled(Selection.layered([(("SC",), ("SC10",))])) == ["SC07", "SC08"]
    assert enabled(Selection.layered([(("SC10",), ("SC",))])) == ["SC10"]
    assert enabled(Selection.layered([(("SC",), ("SC",))])) == []
    assert enabled(Selection.layered([(("ALL",), ("RF", "DS"))])) == ["AR01", "AR04", "EX01", "EX03", "SC07",
                                                                     "SC08", "SC10"]


def test_command_line_layer_over_the_file():
    file = CheckConfig(select=("SC", "EX"), ignore=("EX03",))
    assert enabled(selection_for(file)) == ["EX01", "SC07", "SC08", "SC10"]
    # --ignore takes codes out of what the file left
    assert enabled(selection_for(file, ignore=("SC10",))) == ["EX01", "SC07", "SC08"]
    # --select starts over: the file's select and ignore no longer apply
    assert enabled(selection_for(file, select=("AR", "EX"))) == ["AR01", "AR04", "EX01", "EX03"]
    assert selection_for(CheckConfig()).level is Severity.warning
    assert selection_for(CheckConfig(level=Severity.error)).level is Severity.error
    assert selection_for(CheckConfig(level=Severity.error), level=Severity.info).level is Severity.info


def test_reviewer_order_and_level():
    findings = [finding("RF01", Severity.info, "b.txt:3"), finding("SC07", Severity.warning, "b.txt:2"),
                finding("AR04", Severity.error, "b.txt:40"), finding("EX01", Severity.error, "a.txt:90"),
                finding("DS07", Severity.warning, "a.txt:10"), finding("AR04", Severity.error, "b.txt:9")]
    ordered = reviewer_order(findings)
    assert [(f.code, f.source) for f in ordered] == [
        ("EX01", "a.txt:90"), ("AR04", "b.txt:9"), ("AR04", "b.txt:40"),
        ("DS07", "a.txt:10"), ("SC07", "b.txt:2"), ("RF01", "b.txt:3")]
    assert [f.code for f in shown(ordered, Severity.warning)] == ["EX01", "AR04", "AR04", "DS07", "SC07"]
    assert [f.code for f in shown(ordered, Severity.error)] == ["EX01", "AR04", "AR04"]
    chosen = select_findings(findings, Selection.layered([(None, ("AR",))]))
    assert {f.code for f in chosen} == {"RF01", "SC07", "EX01", "DS07"}


def test_project_file_is_found_in_parents(tmp_path: Path):
    (tmp_path / "jixiao.toml").write_text('[check]\nselect = ["SC", "EX"]\nignore = "SC10, EX03"\n'
                                          'level = "错误"\nprofile = "shanghai"\n', encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / "jixiao.toml"
    config = load_config(start=deep)
    assert config.path == tmp_path / "jixiao.toml"
    assert config.check == CheckConfig(select=("SC", "EX"), ignore=("SC10", "EX03"), level=Severity.error,
                                       profile="shanghai")
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    (empty / "jixiao.toml").write_text("", encoding="utf-8")
    assert load_config(start=empty).check == CheckConfig()


@pytest.mark.parametrize(("text", "message"), [
    ("[check]\nselct = [\"SC\"]\n", "[check] 中有不认识的项 selct"),
    ("[chek]\n", "不认识的项 chek"),
    ("[check]\nlevel = \"high\"\n", "level 应为 error、warning 或 info"),
    ("[check]\nselect = [\"QQ\"]\n", "[check] select 中的 QQ 不是规则代码"),
    ("[check]\nselect = [1]\n", "[check] select 应为规则代码"),
    ("[check\n", "不是有效的 TOML"),
])
def test_a_wrong_project_file_names_the_file_and_the_key(tmp_path: Path, text: str, message: str):
    path = tmp_path / "jixiao.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_config(path)
    assert message in info.value.message and info.value.file == str(path)
