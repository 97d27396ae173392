"""`jixiao export` in every format, on the sample corpus: each writes what it says, reads back with the tool it is
for (csv module, pyarrow, the interchange reader, the Fiscal Data Package structure), follows the filter, and
copes with an empty corpus."""

from __future__ import annotations

import codecs
import csv
import json
from importlib import resources
from pathlib import Path

import jsonschema
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from sqlalchemy import Engine, select

from jixiao.export import ExportFormat, export
from jixiao.export.datapackage import FDP_FUNDS
from jixiao.export.tables import FORMS, TABLES
from jixiao.records import load_records
from jixiao.store.database import open_engine
from jixiao.store.query import Filter, findings_t, forms_t, fund_rows_t, load_forms

COUNTS = {"forms": 58, "fund_rows": 232, "indicators": 495, "findings": 459}


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_csv_files_link_by_form_id(sample_engine: Engine, tmp_path: Path) -> None:
    calls = []
    paths = export(sample_engine, ExportFormat.csv, tmp_path / "csv", progress=lambda *a: calls.append(a))
    assert [p.name for p in paths] == ["forms.csv", "fund_rows.csv", "indicators.csv", "findings.csv"]
    for path, table in zip(paths, TABLES, strict=True):
        assert path.read_bytes().startswith(codecs.BOM_UTF8)  # so Excel reads the Chinese as UTF-8
        rows = read_csv(path)
        assert list(rows[0]) == table.keys and len(rows) == COUNTS[table.name]
    forms = {row["form_id"] for row in read_csv(paths[0])}
    for path in paths[1:]:
        assert {row["form_id"] for row in read_csv(path)} <= forms
    forms_rows = read_csv(paths[0])
    risks = [float(row["risk"]) for row in forms_rows]
    assert risks == sorted(risks, reverse=True)  # the highest risk first, as the report's forms table
    first = next(row for row in forms_rows if row["lines"] == "3-29")
    assert (first["year"], first["project_name"], first["fund_unit"], first["annual_budget_wan"]) == (
        "2023", "产业转型升级重点工作", "万元", "1995.03")
    finding = next(r for r in read_csv(paths[3]) if r["code"] == "AR04")
    assert finding["severity"] == "error" and finding["category"] == "accuracy"  # codes, not labels
    assert read_csv(paths[1])[0]["row"] == "total"
    total = sum(COUNTS.values())
    assert calls[-1] == (total, total)


def test_parquet_files_are_typed(sample_engine: Engine, tmp_path: Path) -> None:
    paths = export(sample_engine, "parquet", tmp_path / "parquet")
    tables = {p.stem: pq.read_table(p) for p in paths}
    assert {name: t.num_rows for name, t in tables.items()} == COUNTS
    forms = tables["forms"]
    assert forms.schema.field("form_id").type == pa.int64() and forms.schema.field("year").type == pa.int64()
    assert forms.schema.field("total_score").type == pa.float64()
    assert forms.schema.field("project_name").type == pa.string()
    assert forms.schema.field("execution_rate_recomputed").metadata[b"header"].decode() == "执行率（重算）"
    assert forms.schema.field("risk").type == pa.float64()
    assert forms.column_names == FORMS.keys
    funds = tables["fund_rows"]
    assert funds.schema.field("initial_budget_wan").type == pa.float64()
    assert funds.column("initial_budget_wan")[0].as_py() == 2270
    assert pq.ParquetFile(paths[2]).metadata.num_row_groups == 1
    csv_rows = read_csv(export(sample_engine, "csv", tmp_path / "csv")[2])
    assert [str(v) for v in tables["indicators"].column("name").to_pylist()] == [r["name"] for r in csv_rows]


def test_json_reads_back_as_interchange_records(sample_engine: Engine, tmp_path: Path) -> None:
    (path,) = export(sample_engine, "json", tmp_path / "forms.json")
    result = load_records(path)
    assert result.error is None and len(result.forms) == 58
    with sample_engine.connect() as conn:
        stored = [form for _, form in load_forms(conn)]
    assert result.forms == stored
    schema = json.loads(resources.files("jixiao").joinpath("schema/form.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    doc = json.loads(path.read_text(encoding="utf-8"))
    for record in doc["forms"]:
        assert not list(validator.iter_errors(record))
    assert len(doc["findings"]) == 459
    finding = next(f for f in doc["findings"] if f["code"] == "AR04")
    with sample_engine.connect() as conn:
        stored_finding = conn.execute(select(findings_t).where(findings_t.c.code == "AR04")
                                      .order_by(findings_t.c.id)).mappings().first()
        ids = list(conn.execute(select(forms_t.c.id).order_by(forms_t.c.id)).scalars())
    assert ids[finding["form"]] == stored_finding["form_id"]
    assert {k: finding[k] for k in ("path", "message", "severity", "line")} == {
        k: stored_finding[k] for k in ("path", "message", "severity", "line")}


def test_json_checks_like_the_documents(sample_engine: Engine, tmp_path: Path) -> None:
    from tests.test_cli import run

    (path,) = export(sample_engine, "json", tmp_path / "forms.json")
    from_json = json.loads(run("check", str(path), "--input-format", "json", "--format", "json").stdout)
    assert from_json["summary"]["forms"] == 58 and from_json["errors"] == []
    assert from_json["summary"]["by_severity"]["error"] == 7


FDP_STRUCTURE = {  # what the Fiscal Data Package spec (0.3) asks of datapackage.json
    "type": "object",
    "required": ["profile", "name", "title", "resources", "model"],
    "properties": {
        "profile": {"const": "fiscal-data-package"},
        "name": {"type": "string", "pattern": "^[-a-z0-9._/]+$"},
        "fiscalPeriod": {"type": "object", "required": ["start"]},
        "resources": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["name", "path", "schema", "profile"],
            "properties": {"profile": {"const": "tabular-data-resource"},
                           "schema": {"type": "object", "required": ["fields"]}}}},
        "model": {"type": "object", "required": ["measures", "dimensions"], "properties": {
            "measures": {"type": "object", "minProperties": 1, "additionalProperties": {
                "type": "object", "required": ["source", "currency"],
                "properties": {"currency": {"pattern": "^[A-Z]{3}$"},
                               "direction": {"enum": ["expenditure", "revenue"]},
                               "phase": {"enum": ["proposed", "approved", "adjusted", "executed"]}}}},
            "dimensions": {"type": "object", "minProperties": 1, "additionalProperties": {
                "type": "object", "required": ["attributes", "primaryKey"],
                "properties": {
                    "attributes": {"type": "object", "minProperties": 1,
                                   "additionalProperties": {"type": "object", "required": ["source"]}},
                    "dimensionType": {"enum": ["datetime", "entity", "classification", "activity", "fact",
                                               "location", "other"]},
                    "classificationType": {"enum": ["functional", "administrative", "economic"]}}}}}},
    },
}


def test_fiscal_data_package(sample_engine: Engine, tmp_path: Path) -> None:
    data, descriptor = export(sample_engine, "fdp", tmp_path / "fdp")
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(FDP_STRUCTURE).validate(package)
    resource = package["resources"][0]
    assert resource["path"] == data.name and not data.read_bytes().startswith(codecs.BOM_UTF8)
    fields = [f["name"] for f in resource["schema"]["fields"]]
    rows = read_csv(data)
    assert list(rows[0]) == fields == FDP_FUNDS.keys and len(rows) == 232
    model = package["model"]
    sources = {m["source"] for m in model["measures"].values()}
    sources |= {a["source"] for d in model["dimensions"].values() for a in d["attributes"].values()}
    assert sources <= set(fields)
    phases = {m["source"]: m["phase"] for m in model["measures"].values()}
    assert phases == {"approved": "approved", "adjusted": "adjusted", "executed": "executed"}
    assert {m["currency"] for m in model["measures"].values()} == {"CNY"}
    assert model["dimensions"]["date"]["dimensionType"] == "datetime"
    assert model["dimensions"]["administrative-classification"]["classificationType"] == "administrative"
    assert package["fiscalPeriod"] == {"start": "2021-01-01", "end": "2024-12-31"}
    with sample_engine.connect() as conn:  # amounts in yuan: 万元 × 10,000, 元 as they are
        stored = conn.execute(select(fund_rows_t.c.initial_budget, fund_rows_t.c.executed, forms_t.c.fund_unit)
                              .join(forms_t, forms_t.c.id == fund_rows_t.c.form_id).order_by(fund_rows_t.c.id)).all()
    assert {unit for *_, unit in stored} == {"万元", "元"}
    for row, (initial, executed, unit) in zip(rows, stored, strict=True):
        factor = 10_000 if unit == "万元" else 1
        for text, amount in ((row["approved"], initial), (row["executed"], executed)):
            assert (text == "") if amount is None else float(text) == pytest.approx(amount * factor, abs=0.005)
    assert rows[0]["approved"] == "22700000.0" and rows[0]["adjusted"] == "19950300.0"  # rounded to the fen


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_filters_apply_to_every_format(fmt: ExportFormat, sample_engine: Engine, tmp_path: Path) -> None:
    flt = Filter(rule="AR04")
    with sample_engine.connect() as conn:
        expected = set(conn.execute(select(findings_t.c.form_id).where(findings_t.c.code == "AR04")).scalars())
    out = tmp_path / ("out.json" if fmt is ExportFormat.json else "out.xlsx" if fmt is ExportFormat.xlsx else "out")
    paths = export(sample_engine, fmt, out, flt)
    if fmt is ExportFormat.json:
        doc = json.loads(paths[0].read_text(encoding="utf-8"))
        assert len(doc["forms"]) == len(expected) and {f["form"] for f in doc["findings"]} == set(range(len(expected)))
        return
    if fmt is ExportFormat.xlsx:
        import openpyxl

        ws = openpyxl.load_workbook(paths[0])["表单"]
        assert {row[0] for row in ws.iter_rows(min_row=2, values_only=True)} == expected
        return
    for path in paths:
        if path.suffix == ".csv":
            assert {int(r["form_id"]) for r in read_csv(path)} <= expected
        elif path.suffix == ".parquet":
            assert set(pq.read_table(path).column("form_id").to_pylist()) <= expected
    if fmt is not ExportFormat.fdp:
        first = paths[0]
        ids = read_csv(first) if first.suffix == ".csv" else pq.read_table(first).to_pylist()
        assert {int(r["form_id"]) for r in ids} == expected


def test_year_filter(sample_engine: Engine, tmp_path: Path) -> None:
    paths = export(sample_engine, "csv", tmp_path / "csv", Filter(year=2023))
    forms = read_csv(paths[0])
    assert {r["year"] for r in forms} == {"2023"} and len(forms) == 35
    data, descriptor = export(sample_engine, "fdp", tmp_path / "fdp", Filter(year=2023))
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    assert package["fiscalPeriod"] == {"start": "2023-01-01", "end": "2023-12-31"} and "2023 年" in package[
        "description"]
    assert {r["year"] for r in read_csv(data)} == {"2023"}


def test_empty_corpus(tmp_path: Path) -> None:
    engine = open_engine(str(tmp_path / "empty.db"))
    for table, path in zip(TABLES, export(engine, "csv", tmp_path / "csv"), strict=True):
        assert read_csv(path) == [] and path.read_text(encoding="utf-8-sig").startswith(",".join(table.keys))
    for path in export(engine, "parquet", tmp_path / "parquet"):
        assert pq.read_table(path).num_rows == 0
    (path,) = export(engine, "json", tmp_path / "forms.json")
    assert json.loads(path.read_text(encoding="utf-8")) == {"forms": [], "findings": []}
    _, descriptor = export(engine, "fdp", tmp_path / "fdp")
    assert "fiscalPeriod" not in json.loads(descriptor.read_text(encoding="utf-8"))
    assert export(engine, "xlsx", tmp_path / "empty.xlsx")[0].exists()
    assert not list(tmp_path.rglob("*.part"))
    engine.dispose()


def test_postgres_exports_what_sqlite_exports(postgres_url: str, sample_engine: Engine, tmp_path: Path) -> None:
    from jixiao.ingest import ingest

    from .conftest import EXAMPLES
    from .test_store import fresh_postgres

    engine = fresh_postgres(postgres_url)
    ingest(engine, [EXAMPLES], jobs=1)  # one worker, so form ids are those of the SQLite sample
    for fmt in (ExportFormat.csv, ExportFormat.fdp):
        pg = export(engine, fmt, tmp_path / f"pg-{fmt}")
        lite = export(sample_engine, fmt, tmp_path / f"lite-{fmt}")
        for a, b in zip(pg, lite, strict=True):
            if a.suffix == ".csv":
                assert a.read_bytes() == b.read_bytes(), a.name
    (pg_json,) = export(engine, "json", tmp_path / "pg.json")
    (lite_json,) = export(sample_engine, "json", tmp_path / "lite.json")
    assert load_records(pg_json).forms == load_records(lite_json).forms
    engine.dispose()


def test_every_column_is_documented() -> None:
    from tests.conftest import ROOT

    doc = (ROOT / "docs" / "export.md").read_text(encoding="utf-8")
    for table in (*TABLES, FDP_FUNDS):
        for c in table.columns:
            assert f"| `{c.key}` | {c.header} | {c.kind} |" in doc, (table.name, c.key)
