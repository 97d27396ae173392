"""Corpus rules in the store: the rules that compare a form with the same project's earlier year (RF10, a target
lower than last year's) run against the corpus, and their findings are stored like every other rule's — in the
findings table, the forms' counts by severity and their risk score — so `jixiao report` and `jixiao export` show
them with the rest.

Ingest checks each file on its own (in worker processes), so it cannot see other years; after a run it calls
`recheck` for the 主管部门 whose current forms changed. A department is rechecked whole: a 2021 form ingested
after the 2023 one changes the 2023 form's findings, and a changed file's old version no longer counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from sqlalchemy import Connection, delete, insert, select, update

from jixiao.check import Prior, check, score
from jixiao.check.catalogue import load_rules
from jixiao.check.findings import Severity
from jixiao.check.history import Dated, last_years
from jixiao.check.profile import load_profile
from jixiao.check.risk import risk_of
from jixiao.store.query import Filter, documents_t, findings_t, form_ids, forms_t, load_forms
from jixiao.store.rows import finding_row, risk_row

COUNT_COLUMN = {Severity.error.value: "errors", Severity.warning.value: "warnings", Severity.info.value: "infos"}
RISK_INPUTS = ("self_score", "recomputed_score", "execution_rate", "grade", "grade_floor", "budget_wan",
               "unit_assumed")


def corpus_codes(codes: Iterable[str] | None = None) -> list[str]:
    """The codes of the corpus rules (`Rule.corpus`), of those among `codes` when given."""
    chosen = None if codes is None else set(codes)
    return [code for code, rule in load_rules().items() if rule.corpus and (chosen is None or code in chosen)]


def departments_of(conn: Connection, paths: Iterable[str]) -> set[str]:
    """The 主管部门 of the forms of every stored version of these files (a new version can move a form)."""
    wanted = sorted(set(paths))
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        found.update(name for (name,) in conn.execute(
            select(forms_t.c.department).distinct().join(documents_t, documents_t.c.id == forms_t.c.document_id)
            .where(documents_t.c.path.in_(wanted[start:start + 500]), forms_t.c.department.is_not(None))))
    return found


def recheck(conn: Connection, departments: Iterable[str], codes: Iterable[str] | None = None) -> Counter[str]:
    """Run the corpus rules (those among `codes`, when given) on the current forms of `departments`, each form
    under the profile its document was checked with; replace the rules' stored findings and update the forms'
    counts and risk. Returns the unwaived findings now stored for those rules, by severity."""
    rules = corpus_codes(codes)
    found: Counter[str] = Counter()
    if not rules:
        return found
    for department in sorted(set(departments)):
        found += _recheck_department(conn, department, rules)
    return found


def _recheck_department(conn: Connection, department: str, rules: list[str]) -> Counter[str]:
    current = conn.execute(
        select(forms_t.c.id, forms_t.c.project_name, forms_t.c.year, forms_t.c.form_index, documents_t.c.profile)
        .join(documents_t, documents_t.c.id == forms_t.c.document_id)
        .where(forms_t.c.id.in_(form_ids(Filter(department=department))))).all()
    earlier = last_years(Dated(row.id, department, row.project_name, row.year) for row in current)
    ids = [row.id for row in current]
    stored = {form_id for (form_id,) in conn.execute(
        select(findings_t.c.form_id).distinct().where(findings_t.c.form_id.in_(ids), findings_t.c.code.in_(rules)))}
    todo = set(earlier) | stored
    if not todo:
        return Counter()
    needed = todo | set(earlier.values())
    rows = {row.id: row for row in current}
    forms = {form_id: form for form_id, form in load_forms(conn, Filter(department=department)) if form_id in needed}
    cards = {form_id: score(form, load_profile(rows[form_id].profile)) for form_id, form in forms.items()}
    found: Counter[str] = Counter()
    for form_id in sorted(todo):
        profile = load_profile(rows[form_id].profile)
        before = earlier.get(form_id)
        report = check(forms[form_id], profile, index=rows[form_id].form_index, card=cards[form_id], codes=rules,
                       previous=Prior(forms[before], cards[before]) if before is not None else None)
        new = [{**finding_row(f), "form_id": form_id} for f in [*report.findings, *report.waived]]
        found.update(f.severity.value for f in report.findings)
        _replace(conn, form_id, rules, new)
    return found


def _replace(conn: Connection, form_id: int, rules: list[str], new: list[dict]) -> None:
    """Swap the form's findings of `rules` for `new` and move its counts and risk by the difference."""
    mine = (findings_t.c.form_id == form_id, findings_t.c.code.in_(rules))
    old = Counter(severity for (severity,) in conn.execute(
        select(findings_t.c.severity).where(*mine, findings_t.c.waived.is_(None))))
    now = Counter(row["severity"] for row in new if row["waived"] is None)
    conn.execute(delete(findings_t).where(*mine))
    if new:
        conn.execute(insert(findings_t), new)
    if old == now:
        return
    form = conn.execute(select(forms_t.c.errors, forms_t.c.warnings, forms_t.c.infos, forms_t.c.risk_parts)
                        .where(forms_t.c.id == form_id)).one()
    counts = {column: getattr(form, column) + now[severity] - old[severity]
              for severity, column in COUNT_COLUMN.items()}
    values: dict = dict(counts)
    if form.risk_parts:
        values.update(risk_row(risk_of(errors=counts["errors"], warnings=counts["warnings"],
                                       **{k: form.risk_parts[k] for k in RISK_INPUTS if k in form.risk_parts})))
    conn.execute(update(forms_t).where(forms_t.c.id == form_id).values(**values))
