"""A checked batch kept on disk for the terminal report (`jixiao check` as a table or grouped).

The reviewer's order lists every finding of the run, errors first and then by place, so the terminal report can
only begin once every form is checked; held as objects, the findings of 100,000 forms take well over a gigabyte.
They are kept instead in a private temporary SQLite database (`sqlite3.connect("")`: on disk, deleted when
closed, a small page cache in memory), with the columns the report sorts and groups by, and read back in order.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from types import TracebackType
from typing import NamedTuple

from jixiao.check.batch import SpillError
from jixiao.check.findings import Finding, FormReport, InputFailure, Severity, Summary, Tally
from jixiao.check.risk import Risk
from jixiao.check.select import SEVERITY_RANK, place
from jixiao.model import Waiver

_SCHEMA = """
CREATE TABLE forms (number INTEGER PRIMARY KEY, form_index INTEGER, file TEXT, project_name TEXT, risk REAL,
                    risk_parts TEXT, counts TEXT, unused_waivers TEXT);
CREATE TABLE findings (seq INTEGER PRIMARY KEY, form_number INTEGER, rank INTEGER, file TEXT, line INTEGER,
                       form_index INTEGER, code TEXT, path TEXT, waived INTEGER, same TEXT, finding TEXT);
CREATE INDEX findings_of_form ON findings (form_number);
"""
_REVIEWER_ORDER = "rank, file, line, form_index, code, path, seq"


class FormLine(NamedTuple):
    """What the report shows of a form besides its findings."""

    number: int
    index: int
    file: str | None
    project_name: str | None
    risk: float
    risk_parts: list[str]
    counts: dict[str, int]  # findings by severity, whatever level is listed
    unused_waivers: list[Waiver]


def same(finding: Finding) -> str | None:
    """What makes findings about whole forms the same finding on many forms: rule, place and message but for a
    year in it (the figures of a message are the finding: '执行率只有 50.28%' is never the same as another).
    None for a finding about a row (a path with a number), which is never folded."""
    if any(ch.isdigit() for ch in finding.path or ""):
        return None
    return "\x00".join((finding.code, finding.path or "", re.sub(r"(?:19|20)\d\d", "#", finding.message)))


class HeldReport:
    """The forms' reports and risks of a run, added one at a time, and read back in the report's orders."""

    def __init__(self, profile: str, files: int, failures: list[InputFailure]) -> None:
        self.profile, self.files, self.failures = profile, files, failures
        self.tally = Tally()
        try:
            self._db = sqlite3.connect("")
            self._db.executescript(_SCHEMA)
        except sqlite3.Error as exc:
            raise SpillError(str(exc)) from None

    def __enter__(self) -> HeldReport:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._db.close()

    def add(self, form: FormReport, risk: Risk) -> None:
        self.tally.add(form)
        number = self.tally.forms - 1
        counts = {s.value: form.count(s) for s in Severity if form.count(s)}
        rows = [(number, SEVERITY_RANK[f.severity], *place(f), f.form_index, f.code, f.path, waived,
                 same(f) if not waived else None, f.model_dump_json())
                for waived, findings in ((0, form.findings), (1, form.waived)) for f in findings]
        try:
            with self._db:
                self._db.execute("INSERT INTO forms VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (
                    number, form.index, form.file, form.project_name, risk.score,
                    json.dumps(risk.parts(), ensure_ascii=False), json.dumps(counts),
                    json.dumps([w.model_dump(mode="json") for w in form.unused_waivers], ensure_ascii=False)))
                self._db.executemany("INSERT INTO findings (form_number, rank, file, line, form_index, code, path, "
                                     "waived, same, finding) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        except sqlite3.Error as exc:
            raise SpillError(str(exc)) from None

    @property
    def summary(self) -> Summary:
        return self.tally.summary(self.files, len(self.failures))

    def findings(self, severity: Severity | None = None, waived: bool = False) -> Iterator[Finding]:
        """The findings of `severity` (None: all), or the waived ones, in the reviewer's order: by severity, then
        file and line, then form, rule and path."""
        where, args = "waived = ?", [int(waived)]
        if severity is not None:
            where, args = where + " AND rank = ?", [*args, SEVERITY_RANK[severity]]
        for (text,) in self._db.execute(f"SELECT finding FROM findings WHERE {where} ORDER BY {_REVIEWER_ORDER}",
                                        args):
            yield Finding.model_validate_json(text)

    def count(self, severity: Severity) -> int:
        return self.tally.severities[severity.value]

    def waived_count(self) -> int:
        return self.tally.waived

    def repeats(self, severity: Severity) -> dict[str, int]:
        """How many forms each foldable finding (`same`) of `severity` is on."""
        return dict(self._db.execute("SELECT same, COUNT(*) FROM findings WHERE waived = 0 AND rank = ? AND same "
                                     "IS NOT NULL GROUP BY same", (SEVERITY_RANK[severity],)))

    def _lines(self, sql: str, args: tuple = ()) -> Iterator[FormLine]:
        for number, index, file, name, risk, parts, counts, unused in self._db.execute(
                "SELECT number, form_index, file, project_name, risk, risk_parts, counts, unused_waivers FROM forms "
                + sql, args):
            yield FormLine(number, index, file, name, risk, json.loads(parts), json.loads(counts),
                           [Waiver.model_validate(w) for w in json.loads(unused)])

    def forms(self) -> Iterator[FormLine]:
        """Every form in input order."""
        return self._lines("ORDER BY number")

    def by_risk(self, limit: int | None) -> tuple[list[FormLine], int]:
        """The forms whose risk score is above 0, highest first (the first `limit`; None: all), and how many
        there are."""
        total = self._db.execute("SELECT COUNT(*) FROM forms WHERE risk > 0").fetchone()[0]
        return list(self._lines("WHERE risk > 0 ORDER BY risk DESC, form_index, number LIMIT ?",
                                (-1 if limit is None else limit,))), total

    def project_names(self) -> dict[int, str | None]:
        """Each form's index → its project name, for the findings' lines."""
        return dict(self._db.execute("SELECT form_index, project_name FROM forms"))

    def form_findings(self, number: int, severities: list[Severity], waived: bool = False) -> list[Finding]:
        """A form's findings of `severities` (or its waived ones), by place, then severity and rule."""
        ranks = [SEVERITY_RANK[s] for s in severities]
        marks = ", ".join("?" * len(ranks)) or "NULL"
        rows = self._db.execute(
            f"SELECT finding FROM findings WHERE form_number = ? AND waived = ?"
            f"{'' if waived else f' AND rank IN ({marks})'} ORDER BY file, line, rank, code, seq",
            (number, int(waived), *([] if waived else ranks)))
        return [Finding.model_validate_json(text) for (text,) in rows]
