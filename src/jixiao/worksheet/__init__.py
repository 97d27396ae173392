"""The 复核表 (review worksheet): per form, every number jixiao checks as printed beside the check service's
recomputation, every finding with its rule, place and explanation, and blank 复核意见 / 复核人 / 日期 fields
for the reviewer; a batch adds a 汇总 (summary) of all its forms.

This module gathers the data — from forms just read (`from_forms`) or from the corpus (`from_corpus`) — as plain
records; `jixiao.worksheet.xlsx` and `jixiao.worksheet.docx` lay them out. Nothing here recomputes a number: the
recomputed values, formulas and agreement come from `jixiao.check.score` (the `Scorecard`), the findings from the
rule catalogue, the risk from `jixiao.check.risk`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, select

from jixiao.check import check_forms, score
from jixiao.check.catalogue import load_rules
from jixiao.check.findings import SEVERITY_ZH, Finding, Severity
from jixiao.check.profile import Profile, load_profile
from jixiao.check.risk import Risk, assess
from jixiao.check.rounding import fmt
from jixiao.check.score import Number, Scorecard
from jixiao.model import FUND_ROWS, Form
from jixiao.places import FUND_ROW_ZH, place_of
from jixiao.store.query import Filter, documents_t, findings_t, forms_t, load_forms

TITLE = "财政项目支出绩效自评复核表"


@dataclass(frozen=True)
class Item:
    """One checked number (or the grade): as printed and as recomputed, with how it was recomputed.

    `agrees` is the check service's verdict (None when it cannot tell: nothing printed, or nothing to recompute
    from); `difference` is printed − recomputed, for numbers."""

    label: str
    printed: float | str | None
    recomputed: float | str | None
    formula: str
    agrees: bool | None
    difference: float | None = None
    percent: bool = False


@dataclass(frozen=True)
class Entry:
    """One finding as the worksheet lists it."""

    code: str
    title: str  # the rule's title in the catalogue
    severity: str  # error / warning / info
    place: str  # Chinese: 绩效指标第 3 行（三级指标名）· 得分
    line: str | None  # where in the form's file: "18", or "41（第3页）" in paged input
    message: str
    provided: str | None
    expected: str | None
    explanation: str | None  # the recomputation with its numbers
    rule_doc: str  # why the rule exists: the first paragraph of its catalogue text

    @property
    def where(self) -> str:
        """The place and, on a line of its own, the line in the form's file."""
        return self.place + (f"\n第 {self.line} 行" if self.line else "")

    @property
    def severity_zh(self) -> str:
        return SEVERITY_ZH[Severity(self.severity)]


@dataclass
class FormSheet:
    """One form's worksheet."""

    number: int  # 1, 2, … in the batch
    project_name: str | None
    department: str | None
    implementing_unit: str | None
    year: int | None
    source: str  # file and lines
    items: list[Item]
    findings: list[Entry]
    risk: Risk | None
    self_score: float | None
    recomputed_score: float | None
    grade: str | None
    grade_recomputed: str | None
    profile: str  # the scoring profile it was checked under
    waived: int = 0
    form_id: int | None = None  # in the corpus

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def difference(self) -> float | None:
        """Self-score − recomputed score."""
        return _difference(self.self_score, self.recomputed_score)


@dataclass
class Batch:
    """The worksheets of one run: the forms, where they came from, and the files that could not be read."""

    sheets: list[FormSheet]
    scope: str  # the inputs or the corpus filter, in Chinese
    profile: str
    failures: list[tuple[str, str]] = field(default_factory=list)  # (file, message)


def _difference(printed: float | None, recomputed: float | None) -> float | None:
    """printed − recomputed, rounded so that floating-point dust shows as 0.00, not −0.00."""
    return None if printed is None or recomputed is None else round(printed - recomputed, 4) + 0.0


def _number(label: str, number: Number | None, printed: float | None, percent: bool = False) -> Item:
    if number is None:
        return Item(label, printed, None, "表上没有全年预算数或全年执行数，无法重算", None, percent=percent)
    return Item(label, number.printed, number.expected, number.explanation,
                None if number.printed is None else number.ok, _difference(number.printed, number.expected), percent)


def items_of(form: Form, card: Scorecard) -> list[Item]:
    """The checked numbers of a scored form: each fund row's execution rate, the funds score, every indicator's
    score, the total and the grade."""
    items = []
    for name in FUND_ROWS:
        row = getattr(form.funds, name)
        if row is None:
            continue
        checked = card.funds.get(name)
        if checked and checked.rate or row.execution_rate is not None:
            items.append(_number(f"执行率：{FUND_ROW_ZH[name]}", checked.rate if checked else None,
                                 row.execution_rate, percent=True))
        if name == "total":
            items.append(_number("资金得分：预算执行率", checked.score if checked else None, row.score))
    for scored, indicator in zip(card.indicators, form.indicators, strict=True):
        label = "／".join(t for t in (indicator.level1, indicator.level2, indicator.name) if t) or "（无名称）"
        recomputed = scored.recomputed()
        band = ""
        if scored.low is not None and scored.high is not None:
            band = f"规则允许 {scored.low:.2f}–{scored.high:.2f} 分；"
        distance = scored.distance()
        items.append(Item(f"指标得分：{label}", scored.printed, recomputed,
                          band + (scored.formula or scored.unscored_reason or ""),
                          None if distance is None else distance == 0, _difference(scored.printed, recomputed)))
    total = card.recomputed_total
    formula = "；".join(t for t in (card.recomputed_formula, f"表上各项得分之和：{card.parts_formula}"
                                    if card.parts_formula else "") if t)
    difference = _difference(form.total_score, total)
    items.append(Item("总分", form.total_score, total, formula or "有得分为空或无法计分，无法重算总分",
                      None if difference is None else abs(difference) <= card.profile.scoring.sum_tolerance,
                      difference))
    grade = card.profile.grade_of(total) if total is not None else None
    printed = card.profile.normal_grade(form.grade) if form.grade else None
    items.append(Item("评分等级", form.grade, grade, "按重算总分和配置的等级标准" if grade else "无重算总分",
                      None if grade is None or not form.grade else printed == grade))
    return items


def _why(code: str) -> str:
    rule = load_rules().get(code)
    return rule.doc().split("\n\n")[0].replace("\n", "") if rule else ""


def _title(code: str, fallback: str) -> str:
    rule = load_rules().get(code)
    return rule.title if rule else fallback


def entry_of(form: Form, finding: Finding) -> Entry:
    line = finding.source.rpartition(":")[2] if finding.source and ":" in finding.source else None
    return Entry(finding.code, _title(finding.code, finding.name), finding.severity.value,
                 place_of(form, finding.path), line, finding.message, _text(finding.provided),
                 _text(finding.expected), finding.explanation, _why(finding.code))


_NUMBER = re.compile(r"-?\d+\.\d+")


def _text(value: object) -> str | None:
    """A finding's provided or expected value as text; a number (or the corpus's text of one, "16221100.0") with
    thousands separators and no trailing zeros, as the findings' messages write numbers."""
    if value is None:
        return None
    if isinstance(value, float) or (isinstance(value, str) and _NUMBER.fullmatch(value)):
        return fmt(float(value))
    return str(value)


def _source(form: Form) -> str:
    src = form.source
    if src is None:
        return "—"
    lines = f"第 {src.first_line}–{src.last_line} 行" if src.first_line and src.last_line else ""
    return f"{src.file}（第 {src.form_index + 1} 张表{'，' + lines if lines else ''}）"


def _sheet(number: int, form: Form, card: Scorecard, findings: list[Entry], risk: Risk | None, waived: int,
           form_id: int | None = None) -> FormSheet:
    total = card.recomputed_total
    return FormSheet(number, form.project_name, form.department, form.implementing_unit, form.year, _source(form),
                     items_of(form, card), findings, risk, form.total_score, total, form.grade,
                     card.profile.grade_of(total) if total is not None else None, card.profile.name, waived,
                     form_id)


def from_forms(forms: Sequence[Form], profile: Profile, codes: Iterable[str] | None = None) -> list[FormSheet]:
    """The worksheets of forms read from documents, checked together as `jixiao check` checks them (`codes`: only
    these rules; the forms of one project in several years are compared, RF10)."""
    cards = [score(form, profile) for form in forms]
    report = check_forms(forms, profile, codes=codes, cards=cards)
    risks = assess(forms, report, profile, cards)
    return [_sheet(i, form, card, [entry_of(form, f) for f in checked.findings], risk, len(checked.waived))
            for i, (form, card, checked, risk) in enumerate(zip(forms, cards, report.forms, risks, strict=True),
                                                            start=1)]


def _stored_entry(form: Form, row: dict) -> Entry:
    line = None if row["line"] is None else str(row["line"])
    return Entry(row["code"], _title(row["code"], row["name"]), row["severity"], place_of(form, row["path"]), line,
                 row["message"], _text(row["provided"]), _text(row["expected"]), row["explanation"], _why(row["code"]))


def from_corpus(conn: Connection, flt: Filter) -> list[FormSheet]:
    """The worksheets of the corpus forms `flt` selects, in id order (`stored_sheet`)."""
    return [stored_sheet(conn, form_id, form, number)
            for number, (form_id, form) in enumerate(load_forms(conn, flt), start=1)]


def stored_sheet(conn: Connection, form_id: int, form: Form, number: int = 1) -> FormSheet:
    """The worksheet of a stored form: re-scored by the check service under the profile its document was checked
    with (as ingest scored it), with its stored findings and risk."""
    row = conn.execute(select(documents_t.c.profile, forms_t.c.risk, forms_t.c.risk_parts)
                       .join_from(forms_t, documents_t, documents_t.c.id == forms_t.c.document_id)
                       .where(forms_t.c.id == form_id)).one()
    findings = conn.execute(select(findings_t).where(findings_t.c.form_id == form_id)
                            .order_by(findings_t.c.id)).mappings().all()
    entries = [_stored_entry(form, dict(f)) for f in findings if f["waived"] is None]
    risk = Risk(score=row.risk, **row.risk_parts) if row.risk is not None and row.risk_parts else None
    card = score(form, load_profile(row.profile))
    return _sheet(number, form, card, entries, risk, len(findings) - len(entries), form_id)


def output_kind(path: Path) -> str | None:
    """xlsx, docx or pdf by the output's suffix; None for any other."""
    kind = path.suffix.lower().lstrip(".")
    return kind if kind in ("xlsx", "docx", "pdf") else None
