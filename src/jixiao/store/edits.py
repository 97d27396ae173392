"""Changing a stored form in place: a form filled in on the web (created, then saved again while a draft), a
misread cell corrected (kept with who, when and the value before it), a finding waived with a reason.

Every change re-scores and re-checks the whole form (`checked_rows`, under the profile its document was checked
with), replaces its rows and keeps its id, unit, status and history; the corpus rules are run again on its
department(s). Who may change what is decided here, beside the workflow (`jixiao.store.workflow`):

- create or save a whole form: a filler (its unit) or an admin, while the form is a draft or returned;
- correct a cell: a filler while draft or returned, a reviewer or an admin until the form is approved;
- waive a finding: a reviewer or an admin until the form is approved;
- move it a workflow step (`step`): as `jixiao.store.workflow.STEPS` says, a return with comments on its cells.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, delete, insert, select, update

from jixiao.check.profile import load_profile
from jixiao.corpus_check import recheck
from jixiao.messages import place as place_zh
from jixiao.messages import validation_message
from jixiao.model import FUND_COLUMNS, FUND_ROWS, Confidence, Form, FundRow, Funds, Indicator, Waiver
from jixiao.store.accounts import ROLE_ZH, Account, Role
from jixiao.store.query import load_form
from jixiao.store.rows import INDICATOR_COLUMNS, checked_rows
from jixiao.store.tables import Correction, Document, FindingRow, FormRow, FundRowRow, IndicatorRow
from jixiao.store.workflow import (
    MAX_COMMENT,
    STATUS_ZH,
    Action,
    CellNote,
    Status,
    WorkflowError,
    claim,
    note,
    take_step,
    visible_place,
)
from jixiao.store.write import Unstorable, check_storable, insert_document

forms_t = FormRow.__table__
documents_t = Document.__table__
corrections_t = Correction.__table__
_CHILDREN = (("fund_rows", FundRowRow.__table__), ("indicators", IndicatorRow.__table__),
             ("findings", FindingRow.__table__))
WEB_FOLDER = "网页填报"  # the document path of a form filled in on the web: 网页填报/<random>/网页填报
SCALARS = ("title", "year", "project_name", "department", "implementing_unit", "fund_unit", "goal_expected",
           "goal_actual", "total_weight", "total_score", "grade")
EDITABLE = (Status.draft, Status.returned)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def validated(record: Any) -> Form:
    """The Form of an interchange record; WorkflowError 422 naming the first place that is wrong."""
    try:
        return Form.model_validate(record)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise WorkflowError(422, f"{place_zh(first['loc'])}：{validation_message(first)}"
                                 f"（共 {exc.error_count()} 处不符合交换记录格式）") from None


def _storable(row: dict) -> None:
    try:
        check_storable([row])
    except Unstorable as exc:
        message = exc.message.replace("第 1 张表的 ", "").replace("；此文件未导入", "；未保存")
        raise WorkflowError(422, message) from None


def _may_fill(account: Account) -> None:
    if account.role not in (Role.filler, Role.admin):
        raise WorkflowError(403, f"{ROLE_ZH[account.role]}不能填报或修改整张自评表")


def create_form(conn: Connection, account: Account, form: Form, profile: str) -> int:
    """Store `form` (filled in on the web) as a new draft of the account's unit (a filler's) or of the 主管部门
    it states (an admin's); its id. The record's `source` is dropped: the form comes from no file."""
    _may_fill(account)
    form = form.model_copy(update={"source": None, "confidence": None})
    row = checked_rows(form, load_profile(profile), 0)
    _storable(row)
    path = f"{WEB_FOLDER}/{uuid.uuid4().hex}/{WEB_FOLDER}"
    document_id = insert_document(conn, path, WEB_FOLDER, hashlib.sha256(path.encode()).hexdigest(), 0, profile,
                                  [row])
    claim(conn, document_id, account, "新建（网页填报）")
    recheck(conn, [form.department] if form.department else [])
    return conn.execute(select(forms_t.c.id).where(forms_t.c.document_id == document_id)).scalar_one()


def _replace(conn: Connection, form_id: int, form: Form) -> None:
    """Re-score and re-check `form` and write it over the stored form `form_id` (same id, status, history)."""
    stored = conn.execute(select(forms_t.c.form_index, forms_t.c.department, documents_t.c.profile)
                          .join(documents_t, documents_t.c.id == forms_t.c.document_id)
                          .where(forms_t.c.id == form_id)).one()
    row = checked_rows(form, load_profile(stored.profile), stored.form_index)
    _storable(row)
    children = {key: row.pop(key) for key, _ in _CHILDREN}
    conn.execute(update(forms_t).where(forms_t.c.id == form_id).values(**row))
    for key, table in _CHILDREN:
        conn.execute(delete(table).where(table.c.form_id == form_id))
        if children[key]:
            conn.execute(insert(table), [{**child, "form_id": form_id} for child in children[key]])
    recheck(conn, {d for d in (stored.department, form.department) if d})


def _stored(conn: Connection, form_id: int) -> Form:
    loaded = load_form(conn, form_id)
    if loaded is None:
        raise WorkflowError(404, f"没有编号为 {form_id} 的自评表，或您无权查看")
    return loaded[1]


def save_form(conn: Connection, account: Account, form_id: int, form: Form) -> None:
    """Write `form` over the draft (or returned form) `form_id`: the whole record, its source and waivers kept
    from the stored form (a record sent by a browser carries neither)."""
    _, status = visible_place(conn, account, form_id)
    _may_fill(account)
    if status not in EDITABLE:
        raise WorkflowError(409, f"这张表的状态是“{STATUS_ZH[status]}”，只有草稿或已退回的表才能修改")
    stored = _stored(conn, form_id)
    _replace(conn, form_id, form.model_copy(update={"source": stored.source, "confidence": stored.confidence,
                                                    "waivers": stored.waivers, "warnings": stored.warnings}))


def editable_paths(form: Form) -> list[str]:
    """The record paths of the cells a correction may change."""
    funds = [f"funds.{r}.{c}" for r in FUND_ROWS for c in FUND_COLUMNS]
    indicators = [f"indicators.{i}.{c}" for i in range(len(form.indicators)) for c in INDICATOR_COLUMNS]
    return [*SCALARS, *funds, *indicators]


def step(conn: Connection, account: Account, form_id: int, action: Action, comment: str | None,
         notes: Sequence[CellNote] = ()) -> Status:
    """Move a stored form one workflow step (`take_step`), its cells known when a return comments on them."""
    paths = editable_paths(_stored(conn, form_id)) if notes else ()
    return take_step(conn, account, form_id, action, comment, notes, paths)


def _value_at(record: dict, parts: list[str]) -> Any:
    node: Any = record
    for part in parts:
        if node is None:
            return None
        node = node[int(part)] if isinstance(node, list) else node.get(part)
    return node


def _set(record: dict, parts: list[str], value: Any) -> None:
    node: Any = record
    for part in parts[:-1]:
        if isinstance(node, list):
            node = node[int(part)]
        else:
            if node.get(part) is None:
                node[part] = {}
            node = node[part]
    node[parts[-1]] = value


def correct(conn: Connection, account: Account, form_id: int, path: str, value: Any) -> dict:
    """Correct one cell (`path`, as in `editable_paths`) of a stored form to `value` (text, a number, or null;
    empty text is null): kept as a row of `corrections` (the value before it, who, when), the cell's reading
    confidence set to 1 and its read warnings dropped (the correction supersedes them), the form re-checked.
    The correction made, as `corrections_of` gives it."""
    _, status = visible_place(conn, account, form_id)
    if status is Status.approved:
        raise WorkflowError(409, "这张表已通过，不能再更正")
    if account.role is Role.filler and status not in EDITABLE:
        raise WorkflowError(409, f"这张表的状态是“{STATUS_ZH[status]}”，填报人只能更正草稿或已退回的表")
    form = _stored(conn, form_id)
    if path not in editable_paths(form):
        raise WorkflowError(422, f"不能更正“{path}”：应为自评表的一个单元格，如 year、funds.total.executed、"
                                 f"indicators.0.actual")
    if isinstance(value, str):
        value = value.strip() or None
    record = form.record()
    parts = path.split(".")
    before = _value_at(record, parts)
    _set(record, parts, value)
    corrected = validated(record)
    after = _value_at(corrected.record(), parts)
    if after == before:
        raise WorkflowError(422, f"{path}：新值与原值相同，未更正")
    source = corrected.source
    if source is not None:
        source.confidence[path] = 1.0
        corrected.confidence = Confidence.of(source.confidence)
    corrected.warnings = [w for w in corrected.warnings if w.path != path]
    _replace(conn, form_id, corrected)
    now = _now()
    conn.execute(insert(corrections_t), {"form_id": form_id, "path": path, "before": before, "after": after,
                                         "user_id": account.id, "user_name": account.name, "at": now})
    return {"path": path, "before": before, "after": after, "user": account.name, "at": now.isoformat()}


def corrections_of(conn: Connection, form_id: int) -> list[dict]:
    """The corrections of a form, oldest first: path, before, after, user, at (UTC)."""
    rows = conn.execute(select(corrections_t).where(corrections_t.c.form_id == form_id)
                        .order_by(corrections_t.c.id)).mappings()
    return [{"path": r["path"], "before": r["before"], "after": r["after"], "user": r["user_name"],
             "at": r["at"].isoformat()} for r in rows]


def waive(conn: Connection, account: Account, form_id: int, code: str, path: str | None, reason: str) -> Waiver:
    """Waive the form's findings of rule `code` (at `path`, when given) with `reason`: the waiver is kept in the
    form's record (its `waivers`, as a waiver file would add it), the form re-checked, and who and when kept as a
    row of its history (the status unchanged)."""
    _, status = visible_place(conn, account, form_id)
    if account.role not in (Role.reviewer, Role.admin):
        raise WorkflowError(403, f"{ROLE_ZH[account.role]}不能豁免问题")
    if status is Status.approved:
        raise WorkflowError(409, "这张表已通过，不能再豁免问题")
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError(422, "豁免须填写理由（reason）")
    if len(reason) > MAX_COMMENT:
        raise WorkflowError(422, f"理由过长（{len(reason)} 字），上限 {MAX_COMMENT} 字")
    path = (path or "").strip() or None
    found = conn.execute(select(FindingRow.__table__.c.path).where(
        FindingRow.__table__.c.form_id == form_id, FindingRow.__table__.c.code == code,
        FindingRow.__table__.c.waived.is_(None))).scalars().all()
    if not found or (path is not None and path not in found):
        where = f"在 {path} " if path else ""
        raise WorkflowError(422, f"这张表没有规则 {code} {where}的未豁免问题")
    form = _stored(conn, form_id)
    waiver = Waiver(code=code, reason=reason, path=path)
    _replace(conn, form_id, form.model_copy(update={"waivers": [*form.waivers, waiver]}))
    note(conn, account, form_id, status, f"豁免 {code}{'（' + path + '）' if path else ''}：{reason}")
    return waiver


def next_year(form: Form) -> Form:
    """Next year's form started from `form`: the same project, units, fund weights, goal and indicators (names,
    targets, weights); the year one later; amounts, actuals, scores, deviations, totals and grade empty."""
    funds = Funds(**{name: FundRow(weight=row.weight) for name in FUND_ROWS
                     if (row := getattr(form.funds, name)) is not None})
    indicators = [Indicator(level1=i.level1, level2=i.level2, name=i.name, target=i.target, weight=i.weight)
                  for i in form.indicators]
    return Form(title=form.title, year=form.year + 1 if form.year and form.year < 9999 else None,
                project_name=form.project_name, department=form.department,
                implementing_unit=form.implementing_unit, fund_unit=form.fund_unit, funds=funds,
                goal_expected=form.goal_expected, indicators=indicators, total_weight=form.total_weight)
