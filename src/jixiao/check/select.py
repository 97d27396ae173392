"""Which findings a run reports and in which order: rule selection by code or prefix (`--select`, `--ignore`, as
ruff does it), the severity shown (`--level`), and the reviewer's order (errors first, then by place).

The command line and (later) the web app call these functions, so a selection means the same everywhere:

    >>> from jixiao.check.select import Selection
    >>> choice = Selection.layered([(None, ("DS", "RF01")), (("SC", "EX", "AR"), ("SC10",))])
    >>> [code for code in ("AR04", "DS07", "RF01", "SC07", "SC10") if choice.enabled(code)]
    ['AR04', 'SC07']

A selection is made of layers, the project file's (`jixiao.toml`) first, then the command line's. A layer with
`select` starts over: it enables exactly the codes its selectors match. Its `ignore` removes codes. Within one layer
the most specific selector wins (`select = ["SC"]`, `ignore = ["SC10"]` leaves SC10 out; `select = ["SC10"]`,
`ignore = ["SC"]` keeps it), and at equal length `ignore` wins. So `--select` on the command line replaces the
file's choice, and `--ignore` on the command line removes codes from whatever the layers before left.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from jixiao.check.catalogue import load_rules
from jixiao.check.findings import Finding, FormReport, Report, Severity

ALL = "ALL"  # the selector that matches every code, as in ruff
SEVERITY_RANK = {Severity.error: 0, Severity.warning: 1, Severity.info: 2}
DEFAULT_LEVEL = Severity.warning  # what the terminal shows unless told: warnings and errors


class SelectionError(ValueError):
    """A selector that names no rule: the message is Chinese and says what exists."""


def parse_codes(value: str | Iterable[str] | None, *, known: Iterable[str] | None = None,
                where: str = "--select") -> tuple[str, ...]:
    """Selectors from "SC, EX01" (comma or space separated) or a list of such strings, upper-cased; each must be
    `ALL`, a rule code or a prefix of one (`S`, `SC`, `SC0`, `SC07`). Raises SelectionError naming the bad one."""
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else list(value)
    codes = list(known) if known is not None else list(load_rules())
    found: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise SelectionError(f"{where} 应为规则代码，如 \"SC\" 或 \"EX01\"，而不是 {item!r}")
        for part in re.split(r"[\s,，、]+", item.strip()):
            if not part:
                continue
            code = part.upper()
            if code != ALL and not any(c.startswith(code) for c in codes):
                close = sorted({c[:len(code)] for c in codes if c[:2] == code[:2]})[:6]
                hint = f"；相近的有：{'、'.join(close)}" if close else ""
                raise SelectionError(f"{where} 中的 {part} 不是规则代码或代码前缀{hint}"
                                     "（jixiao rules 列出全部规则）")
            if code not in found:
                found.append(code)
    return tuple(found)


def _match(code: str, selectors: Sequence[str]) -> int:
    """How specific the best selector matching `code` is: its length (ALL counts 0); -1 when none matches."""
    best = -1
    for s in selectors:
        if s == ALL:
            best = max(best, 0)
        elif code.startswith(s):
            best = max(best, len(s))
    return best


@dataclass(frozen=True)
class Layer:
    """One source of selectors: the project file, or the command line. `select` None: keep what was enabled."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()

    def apply(self, code: str, enabled: bool) -> bool:
        ignored = _match(code, self.ignore)
        if self.select is not None:
            chosen = _match(code, self.select)
            return chosen >= 0 and chosen > ignored
        return enabled and ignored < 0


@dataclass(frozen=True)
class Selection:
    """Which rule codes are reported (the layers, in order) and the lowest severity shown on a terminal."""

    layers: tuple[Layer, ...] = ()
    level: Severity = DEFAULT_LEVEL

    @classmethod
    def layered(cls, layers: Iterable[tuple[Sequence[str] | None, Sequence[str]]],
                level: Severity = DEFAULT_LEVEL) -> Selection:
        """From (select or None, ignore) pairs, earliest first."""
        return cls(tuple(Layer(None if s is None else tuple(s), tuple(i)) for s, i in layers), level)

    def enabled(self, code: str) -> bool:
        on = True
        for layer in self.layers:
            on = layer.apply(code, on)
        return on

    def codes(self) -> list[str] | None:
        """The codes of the rules to run, in catalogue order; None when every rule is. Passed to `check` before
        it merges superseded findings, so that leaving out a superseding rule (SC09) lets the one it would have
        replaced (SC07) be reported."""
        if self.is_everything:
            return None
        return [code for code in load_rules() if self.enabled(code)]

    @property
    def is_everything(self) -> bool:
        return not any(layer.select is not None or layer.ignore for layer in self.layers)

    def describe(self) -> str:
        """The selection in Chinese, for summaries ("" when every rule is reported)."""
        if self.is_everything:
            return ""
        shown = [code for code in load_rules() if self.enabled(code)]
        return f"报告 {len(shown)} 条规则（{'、'.join(_compact(shown))}）"


def _compact(codes: list[str]) -> list[str]:
    """Codes shortened to their two-letter family where a whole family is in: ["AR", "EX01", "SC"]."""
    catalogue = list(load_rules())
    out: list[str] = []
    for code in codes:
        family = code[:2]
        if all(c in codes for c in catalogue if c.startswith(family)):
            if family not in out:
                out.append(family)
        else:
            out.append(code)
    return out


def select_findings(findings: Iterable[Finding], selection: Selection) -> list[Finding]:
    """The findings of the rules `selection` enables, in their order (the level is for display: see `shown`)."""
    return [f for f in findings if selection.enabled(f.code)]


def shown(findings: Iterable[Finding], level: Severity) -> list[Finding]:
    """The findings at `level` or above."""
    return [f for f in findings if SEVERITY_RANK[f.severity] <= SEVERITY_RANK[level]]


def place(finding: Finding) -> tuple[str, int]:
    """(file, line) of a finding's source `file:line`; line 0 when unknown."""
    file, _, line = (finding.source or "").rpartition(":")
    return (file, int(line)) if line.isdecimal() else (finding.source or "", 0)


def reviewer_order(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first, then warnings, then infos; within a severity by file and line, then form, code and path."""
    return sorted(findings, key=lambda f: (SEVERITY_RANK[f.severity], place(f), f.form_index, f.code, f.path))


def select_form(form: FormReport, selection: Selection) -> FormReport:
    """`form` with only the findings (and waived findings) of the rules `selection` enables; a waiver of a rule
    that is not reported is not counted as unused."""
    if selection.is_everything:
        return form
    return form.model_copy(update={
        "findings": select_findings(form.findings, selection),
        "waived": select_findings(form.waived, selection),
        "unused_waivers": [w for w in form.unused_waivers if selection.enabled(w.code)],
    })


def select_report(report: Report, selection: Selection) -> Report:
    """`report` with each form's findings narrowed to `selection` (`select_form`); the summary, derived from the
    findings, follows."""
    if selection.is_everything:
        return report
    return report.model_copy(update={"forms": [select_form(form, selection) for form in report.forms]})
