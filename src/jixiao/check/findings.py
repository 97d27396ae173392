"""Findings and the check report: one object that the terminal, JSON and (later) HTML/Excel are rendered from.

The finding shape follows the DATA Act broker (field, value provided, expected value, difference, rule label)
plus a dotted path into the record and the source line.
"""

from __future__ import annotations

from collections import Counter
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field

from jixiao.model import Waiver


class Severity(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


SEVERITY_ZH = {Severity.error: "错误", Severity.warning: "警告", Severity.info: "提示"}


class Category(StrEnum):
    """What kind of problem a rule finds (DATA Act broker categories, plus design and plausibility)."""

    accuracy = "accuracy"
    completeness = "completeness"
    design = "design"
    plausibility = "plausibility"


CATEGORY_ZH = {Category.accuracy: "准确性", Category.completeness: "完整性",
               Category.design: "指标设计", Category.plausibility: "合理性"}


class Detail(BaseModel):
    """One place a summary finding stands for (RF01 lists its rows): path, source line, and what is said of it."""

    path: str
    source: str | None = None
    text: str


class Finding(BaseModel):
    code: str
    name: str
    severity: Severity
    form_index: int
    path: str  # dotted path into the record: funds.total.execution_rate, indicators.3.score, grade
    provided: Any = None
    expected: Any = None
    difference: float | None = None
    message: str  # Chinese
    source: str | None = None  # file:line
    explanation: str | None = None  # the recomputation with the numbers filled in
    waived: str | None = None  # the waiver's reason, when a waiver covers this finding
    details: list[Detail] = Field(default_factory=list)  # the rows a summary finding stands for (RF01)


class FormReport(BaseModel):
    index: int
    file: str | None = None
    project_name: str | None = None
    findings: list[Finding] = Field(default_factory=list)
    waived: list[Finding] = Field(default_factory=list)
    unused_waivers: list[Waiver] = Field(default_factory=list)  # waivers that covered no finding

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def entry(self, show_waived: bool = False) -> dict[str, Any]:
        """The form's item in the JSON document of `jixiao check --format json`."""
        entry: dict[str, Any] = {"index": self.index, "file": self.file, "project_name": self.project_name,
                                 "findings": [f.model_dump(mode="json", exclude={"waived"}) for f in self.findings]}
        if show_waived:
            entry["waived"] = [f.model_dump(mode="json") for f in self.waived]
            entry["unused_waivers"] = [w.model_dump(mode="json") for w in self.unused_waivers]
        return entry


class InputFailure(BaseModel):
    file: str
    line: int | None = None
    message: str


class Summary(BaseModel):
    files: int = 0
    forms: int = 0
    findings: int = 0
    by_severity: dict[str, int] = Field(default_factory=dict)
    by_rule: dict[str, int] = Field(default_factory=dict)
    waived: int = 0
    unreadable: int = 0


class Tally:
    """The summary's counts, kept form by form: a check that streams its forms (`jixiao.check.batch`) sums them
    without holding the forms' reports."""

    def __init__(self) -> None:
        self.forms = 0
        self.severities: Counter[str] = Counter()
        self.rules: Counter[str] = Counter()
        self.waived = 0

    def add(self, form: FormReport) -> None:
        self.forms += 1
        self.severities.update(f.severity.value for f in form.findings)
        self.rules.update(f.code for f in form.findings)
        self.waived += len(form.waived)

    @property
    def has_errors(self) -> bool:
        return self.severities[Severity.error.value] > 0

    def summary(self, files: int, unreadable: int) -> Summary:
        return Summary(
            files=files, forms=self.forms, findings=sum(self.severities.values()),
            by_severity={s.value: self.severities.get(s.value, 0) for s in Severity},
            by_rule=dict(sorted(self.rules.items())), waived=self.waived, unreadable=unreadable)


class Report(BaseModel):
    """The result of checking a set of forms. `summary` is derived, so it always agrees with the findings."""

    profile: str
    forms: list[FormReport] = Field(default_factory=list)
    errors: list[InputFailure] = Field(default_factory=list)
    files: int = 0

    @property
    def summary(self) -> Summary:
        tally = Tally()
        for form in self.forms:
            tally.add(form)
        return tally.summary(self.files, len(self.errors))

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.error for form in self.forms for f in form.findings)

    def document(self, show_waived: bool = False) -> dict[str, Any]:
        """The JSON document of `jixiao check --format json`."""
        return {"profile": self.profile, "forms": [form.entry(show_waived) for form in self.forms],
                "summary": self.summary.model_dump(mode="json"),
                "errors": [e.model_dump(mode="json") for e in self.errors]}
