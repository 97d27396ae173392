"""A checked form as table rows, and those rows back into a `Form`.

Rows are plain dicts so that they cross process boundaries cheaply: ingest builds them in worker processes
and the writer only inserts them. `form_from_rows` is the inverse, used for round trips and report pages.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from jixiao.check import check
from jixiao.check.catalogue import load_rules
from jixiao.check.findings import Finding, FormReport, Severity
from jixiao.check.profile import Profile
from jixiao.check.risk import Risk, claimed_grade, form_risk, risk_of
from jixiao.check.score import Scorecard, score
from jixiao.check.values import Value
from jixiao.messages import validation_message
from jixiao.model import (
    FUND_COLUMNS,
    FUND_ROWS,
    Confidence,
    Form,
    FundRow,
    Indicator,
    ReadWarning,
    Source,
)
from jixiao.money import to_wan
from jixiao.places import FUND_ROW_ZH

Row = dict[str, Any]
INDICATOR_COLUMNS = tuple(Indicator.model_fields)


def checked_rows(form: Form, profile: Profile, index: int, codes: list[str] | None = None) -> Row:
    """Score and check `form` (`codes`: only these rules), and return its row for `forms` with its child rows
    under `fund_rows`, `indicators` and `findings`."""
    card = score(form, profile)
    report = check(form, profile, index=index, card=card, codes=codes)
    row = _form_row(form, card, report, profile, index)
    row.update(risk_row(form_risk(form, report.findings, card, profile)))
    row["fund_rows"] = _fund_rows(form, card)
    row["indicators"] = _indicator_rows(form, card)
    row["findings"] = [finding_row(f) for f in [*report.findings, *report.waived]]
    return row


def _form_row(form: Form, card: Scorecard, report: FormReport, profile: Profile, index: int) -> Row:
    source = form.source or Source(file="", form_index=index)
    funds_score = card.funds_score
    total = card.recomputed_total
    counts = {s.value: report.count(s) for s in Severity}
    return {
        "form_index": index, "title": form.title, "year": form.year, "project_name": form.project_name,
        "department": form.department, "implementing_unit": form.implementing_unit, "fund_unit": form.fund_unit,
        "goal_expected": form.goal_expected, "goal_actual": form.goal_actual, "total_weight": form.total_weight,
        "total_score": form.total_score, "grade": form.grade,
        "execution_rate_recomputed": card.execution_rate,
        "funds_score_recomputed": funds_score.exact if funds_score else None,
        "total_score_recomputed": total,
        "grade_recomputed": profile.grade_of(total) if total is not None else None,
        "errors": counts["error"], "warnings": counts["warning"], "infos": counts["info"],
        "first_line": source.first_line, "last_line": source.last_line, "page": source.page,
        "field_lines": dict(source.fields),
        "confidence": form.confidence.overall if form.confidence else None,
        "field_confidence": dict(source.confidence),
        "read_warnings": [w.model_dump(mode="json") for w in form.warnings],
        "waivers": [w.model_dump(mode="json") for w in form.waivers],
    }


def risk_row(risk: Risk) -> Row:
    return {"risk": risk.score, "risk_parts": risk.model_dump(mode="json", exclude={"score"})}


def risk_columns(profile: Profile, *, errors: int, warnings: int, self_score: float | None,
                 recomputed_score: float | None, execution_rate: float | None, grade: str | None,
                 annual_budget: float | None, fund_unit: str | None) -> Row:
    """`risk` and `risk_parts` of a stored form, from its columns (the migration that added them uses this)."""
    label, floor = claimed_grade(profile, grade, self_score)
    return risk_row(risk_of(errors=errors, warnings=warnings, self_score=self_score, recomputed_score=recomputed_score,
                            execution_rate=execution_rate, grade=label, grade_floor=floor,
                            budget_wan=to_wan(annual_budget, fund_unit), unit_assumed=fund_unit is None))


def _columns(record: BaseModel, names: Iterable[str]) -> Row:
    """A flat record's fields as columns (model_dump does the same several times slower)."""
    return {name: getattr(record, name) for name in names}


def _fund_rows(form: Form, card: Scorecard) -> list[Row]:
    rows = []
    for name in FUND_ROWS:
        row: FundRow | None = getattr(form.funds, name)
        if row is None:
            continue
        check_ = card.funds.get(name)
        rate = check_.rate if check_ else None
        fund_score = check_.score if check_ else None
        rows.append({"row": name, "label": FUND_ROW_ZH[name], **_columns(row, FUND_COLUMNS),
                     "execution_rate_recomputed": rate.exact if rate else None,
                     "score_recomputed": fund_score.exact if fund_score else None})
    return rows


def _value_columns(prefix: str, value: Value) -> Row:
    return {f"{prefix}_op": value.op.value if value.op else None, f"{prefix}_number": value.number,
            f"{prefix}_unit": value.unit or None}


def _indicator_rows(form: Form, card: Scorecard) -> list[Row]:
    lines = form.source.fields if form.source else {}
    rows = []
    for position, (indicator, scored) in enumerate(zip(form.indicators, card.indicators, strict=True)):
        rows.append({
            "position": position, **_columns(indicator, INDICATOR_COLUMNS),
            **_value_columns("target", scored.target), **_value_columns("actual", scored.actual),
            "kind": scored.kind.value, "score_low": scored.low, "score_high": scored.high,
            "line": lines.get(f"indicators.{position}"),
        })
    return rows


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def finding_row(finding: Finding) -> Row:
    rule = load_rules().get(finding.code)
    line = finding.source.rsplit(":", 1)[-1] if finding.source else None
    return {
        "code": finding.code, "name": finding.name, "severity": finding.severity.value,
        "category": rule.category.value if rule else "", "path": finding.path, "message": finding.message,
        "provided": _text(finding.provided), "expected": _text(finding.expected), "difference": finding.difference,
        "explanation": finding.explanation, "line": int(line) if line and line.isdecimal() else None,
        "waived": finding.waived,
    }


def form_from_rows(document_path: str, form: Row, fund_rows: list[Row], indicators: list[Row]) -> Form:
    """The `Form` record stored in these rows (the inverse of `checked_rows`, without the recomputed columns)."""
    data = {
        "source": {"file": document_path, "form_index": form["form_index"], "first_line": form["first_line"],
                   "last_line": form["last_line"], "page": form["page"], "fields": form["field_lines"] or {},
                   "confidence": form["field_confidence"] or {}},
        **{k: form[k] for k in ("title", "year", "project_name", "department", "implementing_unit", "fund_unit",
                                "goal_expected", "goal_actual", "total_weight", "total_score", "grade")},
        "funds": {r["row"]: {c: r[c] for c in FUND_COLUMNS} for r in fund_rows},
        "indicators": [{k: r[k] for k in INDICATOR_COLUMNS} for r in sorted(indicators, key=lambda r: r["position"])],
        "warnings": list(form["read_warnings"] or []),
        "waivers": list(form["waivers"] or []),
    }
    record = _validated(data)
    if record.source and record.source.confidence:
        record.confidence = Confidence.of(record.source.confidence)
    return record


REPAIRS = 5  # rounds of nulling what does not validate before a stored form is given up as empty


def _validated(data: dict) -> Form:
    """The Form of stored values. A value that does not validate (NaN or infinity, a year out of range: a row
    written by hand or by an older jixiao) is read as null with warning P061, so that one bad row never stops a
    report or an export; an item of a list that stays invalid is left out."""
    notes: list[ReadWarning] = []
    for _ in range(REPAIRS):
        try:
            record = Form.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors():
                place = ".".join(map(str, error["loc"]))
                _drop(data, list(error["loc"]))
                notes.append(ReadWarning(code="P061", path=place,
                                         message=f"语料库中存储的值无效（{validation_message(error)}），按空值处理"))
            continue
        record.warnings.extend(notes)
        return record
    return Form(warnings=notes)


def _drop(data: Any, loc: list[int | str]) -> None:
    """Null the value at `loc`; when it is null already (a required value), remove the list item holding it."""
    parents = []
    node = data
    for key in loc[:-1]:
        parents.append((node, key))
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return
    leaf = loc[-1] if loc else None
    if isinstance(node, dict | list) and leaf is not None and _get(node, leaf) is not None:
        node[leaf] = None
        return
    for parent, key in reversed([*parents, (node, leaf)]):
        if isinstance(parent, list) and isinstance(key, int) and 0 <= key < len(parent):
            del parent[key]
            return


def _get(node: dict | list, key: int | str) -> Any:
    try:
        return node[key]  # type: ignore[index]
    except (KeyError, IndexError, TypeError):
        return None
