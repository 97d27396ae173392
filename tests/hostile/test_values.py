"""Values no form holds, in interchange records (JSON) and in the store: each a Chinese read error naming the file,
the form and the reason (or null with a warning), never a traceback; the valid forms of the same file are kept,
JSON output stays valid, the store refuses what it cannot hold, and report and export survive any stored row."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from jixiao.records import load_records
from jixiao.store.write import Unstorable, check_storable

from .common import good_record, no_traceback, run, strict_json, write_json

# name of the bad second form of a file → what the message says of it
CASES = {
    "nan": "total_score：NaN 无法读取：JSON 中没有 NaN 和 Infinity，应为数字或 null",
    "infinity": "total_score：-Infinity 无法读取：JSON 中没有 NaN 和 Infinity",
    "huge_float": "total_score：1e400 无法读取：数字超出可读取的范围（整数部分至多 15 位）",
    "long_integer": "year：99999999999999999999…（5000 个字符） 无法读取：数字有 5000 位",
    "year_10_30": "year：10000000000000000000…（31 个字符） 无法读取：数字有 31 位",
    "year_out_of_range": "year：应不大于 9999，而不是 20233",
    "markup_key": "funds.total.[/red]：不认识这一项（多余的项）",
    "deep_in_form": "indicators.0：应为对象 {...}",
}
BAD_VALUES = {
    "nan": ("total_score", "NaN"), "infinity": ("total_score", "-Infinity"), "huge_float": ("total_score", "1e400"),
    "long_integer": ("year", "9" * 5000), "year_10_30": ("year", str(10 ** 30)), "year_out_of_range": ("year", "20233"),
}


def _bad_form(name: str) -> str:
    record = good_record()
    if name == "markup_key":
        record["funds"]["total"]["[/red]"] = 1
        return json.dumps(record, ensure_ascii=False)
    if name == "deep_in_form":
        nested: list = []
        for _ in range(40):
            nested = [nested]
        record["indicators"] = [nested]
        return json.dumps(record, ensure_ascii=False)
    key, literal = BAD_VALUES[name]
    record[key] = "__BAD__"
    return json.dumps(record, ensure_ascii=False).replace('"__BAD__"', literal)


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_form_is_rejected_by_place_and_the_others_kept(name: str, tmp_path: Path) -> None:
    said = CASES[name]
    good = json.dumps(good_record(), ensure_ascii=False)
    path = tmp_path / f"{name}.json"
    path.write_text(f'{{"forms": [{good}, {_bad_form(name)}]}}', encoding="utf-8")
    result = run("check", str(path), "--format", "json")
    assert result.returncode == 2 and no_traceback(result)
    assert f"错误 {path}：1 张表无法读取，未读入：forms.1.{said}" in result.stderr
    assert "（第 2 张表“产业转型升级重点工作”，共 1 处不符合交换记录格式）；其余 1 张表已读入" in result.stderr
    doc = strict_json(result.stdout)  # valid JSON: no NaN
    assert doc["summary"]["forms"] == 1 and doc["summary"]["unreadable"] == 1


@pytest.mark.parametrize(("text", "said"), [
    ("[" * 100_000 + "]" * 100_000, "JSON 嵌套过深（远超 64 层），不是交换记录"),
    ('{"forms": [1e5, ', "不是有效的 JSON：Expecting value（第 1 行第 17 列）"),
    ('{"forms": {"a": 1}}', '应为交换记录 {"forms": [...]}'),
])
def test_file_that_is_no_record_is_one_error_and_other_files_are_checked(text: str, said: str,
                                                                          tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(text, encoding="utf-8")
    good = write_json(tmp_path / "good.json", {"forms": [good_record()]})
    result = run("check", str(bad), str(good), "--format", "json")
    assert result.returncode == 2 and no_traceback(result)
    assert f"错误 {bad}" in result.stderr and said in result.stderr
    assert strict_json(result.stdout)["summary"]["forms"] == 1


def test_lone_surrogate_and_nul_are_null_with_a_warning(tmp_path: Path) -> None:
    record = good_record()
    text = json.dumps({"forms": [record]}, ensure_ascii=True)
    text = text.replace('"project_name": "', '"project_name": "\\ud800', 1)
    text = text.replace('"department": "', '"department": "\\u0000', 1)
    path = tmp_path / "surrogate.json"
    path.write_text(text, encoding="ascii")
    result = load_records(path)
    assert result.error is None and len(result.forms) == 1
    form = result.forms[0]
    assert form.project_name is None and form.department is None
    notes = {w.path: (w.code, w.message) for w in form.warnings}
    assert notes["project_name"] == ("P060", "含有无效的 Unicode 字符（孤立的代理项，如 \\ud800），按空值处理")
    assert notes["department"] == ("P060", "含有 NUL 字符（\\u0000），按空值处理")
    checked = run("check", str(path), "--format", "json")
    assert checked.returncode in (0, 1) and no_traceback(checked)
    strict_json(checked.stdout)


def test_ingest_stores_good_forms_and_files_next_to_hostile_ones(tmp_path: Path) -> None:
    """One batch: a file of one good and one NaN form, a 5,000-digit year, deep nesting, a good document. The good
    forms are stored; each bad file is a failure with its reason; exit 2; nothing else lost."""
    good = json.dumps(good_record(), ensure_ascii=False)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a_mixed.json").write_text(f'{{"forms": [{good}, {_bad_form("nan")}]}}', encoding="utf-8")
    (docs / "b_long.json").write_text(f'{{"forms": [{_bad_form("long_integer")}]}}', encoding="utf-8")
    (docs / "c_deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (docs / "d_good.txt").write_text((Path(__file__).parents[2] / "examples" / "003_a203d4b834672a09.txt")
                                     .read_text(encoding="utf-8"), encoding="utf-8")
    db = tmp_path / "c.db"
    result = run("ingest", str(docs), "--db", str(db))
    assert result.returncode == 2 and no_traceback(result)
    assert "a_mixed.json：1 张表无法读取，未读入：forms.1.total_score：NaN 无法读取" in result.stderr
    assert "b_long.json：1 张表无法读取，未读入：forms.0.year：" in result.stderr
    assert "c_deep.json：JSON 嵌套过深" in result.stderr
    with sqlite3.connect(db) as conn:
        stored = dict(conn.execute("SELECT name, form_count FROM documents"))
        failures = {Path(p).name for (p,) in conn.execute("SELECT path FROM ingest_failures")}
    assert stored == {"a_mixed.json": 1, "d_good.txt": 6}
    assert failures == {"a_mixed.json", "b_long.json", "c_deep.json"}


@pytest.mark.parametrize(("value", "said"), [
    (float("nan"), "不是有限的数字"), (float("inf"), "不是有限的数字"), (1 << 70, "超出 64 位整数的范围"),
    ("a\x00b", "含有 NUL 字符"), ("\ud800", "含有无效的 Unicode 字符（孤立的代理项）"),
])
def test_store_refuses_values_it_cannot_hold(value: object, said: str) -> None:
    with pytest.raises(Unstorable, match=f"第 2 张表的 indicators.0.score（.*）{said}，不能存入语料库"):
        check_storable([{"year": 2023}, {"year": 2023, "indicators": [{"score": value}]}])


def test_report_and_export_survive_any_stored_row(sample_db: Path, tmp_path: Path) -> None:
    """Rows written by hand or an older jixiao: infinities, a year beyond int range, control characters."""
    db = tmp_path / "c.db"
    db.write_bytes(sample_db.read_bytes())
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE fund_rows SET executed = 9e999 WHERE id = 1")
        conn.execute("UPDATE indicators SET score = -9e999 WHERE id = 2")
        conn.execute("UPDATE forms SET total_score = 9e999, risk = 9e999, year = 9223372036854775807 WHERE id = 3")
        conn.execute("UPDATE forms SET department = ? WHERE id = 4", ("部门\x1b[2J\x00x",))
    report = run("report", "--db", str(db), "-o", str(tmp_path / "report"))
    assert report.returncode == 0 and no_traceback(report), report.stderr
    exported = run("export", "--db", str(db), "-f", "json", "-o", str(tmp_path / "e.json"))
    assert exported.returncode == 0 and no_traceback(exported), exported.stderr
    forms = strict_json((tmp_path / "e.json").read_text(encoding="utf-8"))["forms"]
    repaired = {w["path"]: w["message"] for f in forms for w in f["warnings"] if w["code"] == "P061"}
    assert repaired["year"] == "语料库中存储的值无效（应不大于 9999，而不是 9223372036854775807），按空值处理"
    assert repaired["total_score"].startswith("语料库中存储的值无效（应为有限的数字")
    for fmt in ("csv", "xlsx", "parquet", "fdp"):
        result = run("export", "--db", str(db), "-f", fmt, "-o", str(tmp_path / f"e.{fmt}"))
        assert result.returncode == 0 and no_traceback(result), (fmt, result.stderr)
