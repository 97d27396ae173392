"""What the assembler gathers besides values: warnings, the source line and the confidence of every field, and,
when asked, a trace of the choices it made (`jixiao parse --explain`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from jixiao.assemble.notes import READ_WARNINGS
from jixiao.model import ReadWarning

if TYPE_CHECKING:
    from jixiao.assemble.indicators import WrapRow

LOW_CONFIDENCE = 0.6  # below this a field gets a warning: never a silent guess


@dataclass
class Choice:
    """One decision of a segmentation search: what was chosen, with its score, and the runners-up."""

    what: str  # e.g. '指标行 3' or '项目资金 年度资金总额'
    chosen: str
    score: float
    alternatives: list[tuple[str, float]] = field(default_factory=list)
    line: int | None = None


@dataclass
class Context:
    file: str
    warnings: list[ReadWarning] = field(default_factory=list)
    fields: dict[str, int] = field(default_factory=dict)
    confidence: dict[str, float] = field(default_factory=dict)
    explain: bool = False
    choices: list[Choice] = field(default_factory=list)
    sections: list[tuple[str, int | None, int | None]] = field(default_factory=list)
    blank_merges: list[tuple[int, int, int]] = field(default_factory=list)  # (col, first, last row): empty merges
    # flowed text whose cells wrap: each cell column's width measured in this form's indicator table (set when
    # read), and the widest over the document's other forms (given for a second reading)
    table_widths: dict[str, float] = field(default_factory=dict)
    column_widths: dict[str, float] = field(default_factory=dict)
    # per wrapped row, what decided which cells take its lines, and the plan chosen: a form is read again with
    # the other forms' widths only where some row's plan would change with them
    wrap_rows: list[tuple[WrapRow, list]] = field(default_factory=list)

    def warn(self, code: str, message: str, path: str | None = None, line: int | None = None) -> None:
        assert code in READ_WARNINGS, f"undocumented read warning {code}"
        self.warnings.append(ReadWarning(code=code, message=message, path=path, line=line))

    def mark(self) -> tuple:
        """What has been recorded so far, to go back to where a reading is tried and not kept."""
        return (list(self.warnings), list(self.choices), list(self.wrap_rows), dict(self.table_widths),
                dict(self.fields), dict(self.confidence))

    def rewind(self, mark: tuple) -> None:
        """Back to what `mark` recorded (a reading tried and not kept leaves no warning, choice or field)."""
        warnings, choices, wrap_rows, widths, fields, confidence = mark
        self.warnings[:], self.choices[:], self.wrap_rows[:] = warnings, choices, wrap_rows
        self.table_widths.clear()
        self.table_widths.update(widths)
        self.fields.clear()
        self.fields.update(fields)
        self.confidence.clear()
        self.confidence.update(confidence)

    def at(self, path: str, line: int | None) -> None:
        if line is not None:
            self.fields.setdefault(path, line)

    def sure(self, path: str, value: float) -> None:
        """Record a field's confidence (the lowest evidence wins)."""
        value = round(max(0.0, min(1.0, value)), 2)
        old = self.confidence.get(path)
        if old is None or value < old:
            self.confidence[path] = value

    def choose(self, what: str, options: list[tuple[str, float]], line: int | None = None) -> None:
        """Keep a search's best options for --explain (only when asked: it costs time)."""
        if self.explain and options:
            ranked = sorted(options, key=lambda o: -o[1])
            self.choices.append(Choice(what, ranked[0][0], ranked[0][1], ranked[1:4], line))


def margin_confidence(best: float, runner_up: float | None) -> float:
    """Confidence from how much better the chosen reading scored than the next one."""
    if runner_up is None:
        return 1.0
    gap = best - runner_up
    if gap >= 3:
        return 1.0
    if gap <= 0:
        return 0.5
    return round(0.5 + gap / 6, 2)
