"""The review workflow of a form: draft → submitted → in review → returned → resubmitted → in review → approved,
each step kept with who, when and the comment (a return also with comments on single cells, `review_notes`); and
which forms an account may see (its units, `Account.sees`). A reviewer may also return or approve a form it has not
opened for review.

A form ingested on the command line has no `form_status` row: it is a draft of the 主管部门 it prints. Its row is
made on its first step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import ColumnElement, Connection, func, insert, select, update

from jixiao.store.accounts import ROLE_ZH, Account, Role
from jixiao.store.query import form_unit
from jixiao.store.tables import Document, FindingRow, FormHistory, FormRow, FormStatus, ReviewNote

forms_t = FormRow.__table__
documents_t = Document.__table__
status_t = FormStatus.__table__
history_t = FormHistory.__table__
findings_t = FindingRow.__table__
notes_t = ReviewNote.__table__


class Status(StrEnum):
    draft = "draft"
    submitted = "submitted"
    in_review = "in_review"
    returned = "returned"
    resubmitted = "resubmitted"
    approved = "approved"


STATUS_ZH = {Status.draft: "草稿", Status.submitted: "已提交", Status.in_review: "审核中", Status.returned: "已退回",
             Status.resubmitted: "已重新提交", Status.approved: "已通过"}
WAITING_REVIEW = (Status.submitted, Status.resubmitted)
UNDER_REVIEW = (*WAITING_REVIEW, Status.in_review)


class Action(StrEnum):
    submit = "submit"
    review = "review"
    return_ = "return"
    approve = "approve"


@dataclass(frozen=True)
class Step:
    moves: dict[Status, Status]  # from → to
    roles: tuple[Role, ...]
    zh: str


REVIEWERS = (Role.reviewer, Role.admin)
STEPS = {
    Action.submit: Step({Status.draft: Status.submitted, Status.returned: Status.resubmitted},
                        (Role.filler, Role.admin), "提交"),
    Action.review: Step(dict.fromkeys(WAITING_REVIEW, Status.in_review), REVIEWERS, "开始审核"),
    Action.return_: Step(dict.fromkeys(UNDER_REVIEW, Status.returned), REVIEWERS, "退回"),
    Action.approve: Step(dict.fromkeys(UNDER_REVIEW, Status.approved), REVIEWERS, "通过"),
}
MAX_COMMENT = 2000
MAX_NOTES = 200


@dataclass(frozen=True)
class CellNote:
    """A reviewer's comment on one cell (a record path, as a correction names it) of a returned form."""

    path: str
    comment: str


class WorkflowError(Exception):
    """A step that cannot be taken: `status` is the HTTP status that says why (404, 403, 409, 422)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


form_status = func.coalesce(status_t.c.status, Status.draft.value)


def _visible(account: Account) -> ColumnElement[bool] | None:
    return None if account.all_units else form_unit.in_(account.units)


def visible_units(account: Account) -> tuple[str, ...] | None:
    """The units whose forms `account` may see, as a `Filter.units` (None: every unit)."""
    return None if account.all_units else tuple(account.units)


def claim(conn: Connection, document_id: int, account: Account, comment: str = "上传") -> None:
    """Make the stored document's forms drafts of the uploader's unit (a filler's) or of the unit each prints,
    with the upload as the first step of their history; forms that have a status already keep it."""
    rows = conn.execute(select(forms_t.c.id, forms_t.c.department, status_t.c.form_id.label("has"))
                        .outerjoin(status_t, status_t.c.form_id == forms_t.c.id)
                        .where(forms_t.c.document_id == document_id)).all()
    now = _now()
    for row in rows:
        if row.has is not None:
            continue
        unit = account.units[0] if account.role is Role.filler else row.department
        conn.execute(insert(status_t), {"form_id": row.id, "unit": unit, "status": Status.draft.value,
                                        "owner_id": account.id, "updated_at": now})
        conn.execute(insert(history_t), {"form_id": row.id, "from_status": None, "to_status": Status.draft.value,
                                         "user_id": account.id, "user_name": account.name, "at": now,
                                         "comment": comment})


def place(conn: Connection, form_id: int) -> tuple[str | None, Status] | None:
    """(unit, status) of a stored form, None when there is no such form."""
    joined = forms_t.outerjoin(status_t, status_t.c.form_id == forms_t.c.id)
    row = conn.execute(select(form_unit, form_status).select_from(joined)
                       .where(forms_t.c.id == form_id)).first()
    return (row[0], Status(row[1])) if row else None


def visible_place(conn: Connection, account: Account, form_id: int) -> tuple[str | None, Status]:
    """(unit, status) of a form `account` may see; WorkflowError 404 otherwise (another unit's form is not
    told apart from a missing one)."""
    found = place(conn, form_id)
    if found is None or not account.sees(found[0]):
        raise WorkflowError(404, f"没有编号为 {form_id} 的自评表，或您无权查看")
    return found


def _too_long(text: str, what: str) -> None:
    if len(text) > MAX_COMMENT:
        raise WorkflowError(422, f"{what}过长（{len(text)} 字），上限 {MAX_COMMENT} 字")


def take_step(conn: Connection, account: Account, form_id: int, action: Action, comment: str | None,
              notes: Sequence[CellNote] = (), paths: Sequence[str] = ()) -> Status:
    """Move the form one step; the new status. A return needs a comment, or `notes` on single cells (each path one
    of `paths`, the form's cells). The caller's transaction holds the change, its history row and its notes."""
    unit, status = visible_place(conn, account, form_id)
    step = STEPS[action]
    if account.role not in step.roles:
        raise WorkflowError(403, f"{ROLE_ZH[account.role]}不能{step.zh}自评表")
    comment = (comment or "").strip() or None
    notes = [CellNote(n.path.strip(), n.comment.strip()) for n in notes if n.comment.strip()]
    if notes and action is not Action.return_:
        raise WorkflowError(422, "逐项意见（fields）只能在退回时填写")
    if action is Action.return_ and not comment and not notes:
        raise WorkflowError(422, "退回时须填写意见（comment）或逐项意见（fields），说明要修改什么")
    if comment:
        _too_long(comment, "意见")
    if len(notes) > MAX_NOTES:
        raise WorkflowError(422, f"逐项意见过多（{len(notes)} 条），上限 {MAX_NOTES} 条")
    for n in notes:
        if n.path not in paths:
            raise WorkflowError(422, f"逐项意见的位置“{n.path[:80]}”不是这张表的单元格，应如 year、"
                                     f"funds.total.executed、indicators.0.actual")
        _too_long(n.comment, f"{n.path} 的意见")
    if status not in step.moves:
        allowed = "、".join(STATUS_ZH[s] for s in step.moves)
        raise WorkflowError(409, f"这张表的状态是“{STATUS_ZH[status]}”，只有“{allowed}”的表才能{step.zh}")
    target = step.moves[status]
    now = _now()
    changed = conn.execute(update(status_t).where(status_t.c.form_id == form_id, status_t.c.status == status.value)
                           .values(status=target.value, updated_at=now)).rowcount
    if not changed:
        if conn.execute(select(status_t.c.form_id).where(status_t.c.form_id == form_id)).first():
            raise WorkflowError(409, "这张表的状态刚被别人改变，请刷新后再试")
        conn.execute(insert(status_t), {"form_id": form_id, "unit": unit, "status": target.value,
                                        "owner_id": None, "updated_at": now})
    made = conn.execute(insert(history_t), {"form_id": form_id, "from_status": status.value,
                                            "to_status": target.value, "user_id": account.id,
                                            "user_name": account.name, "at": now, "comment": comment})
    if notes:
        step_id = made.inserted_primary_key[0]
        conn.execute(insert(notes_t), [{"form_id": form_id, "history_id": step_id, "path": n.path,
                                        "comment": n.comment} for n in notes])
    return target


def note(conn: Connection, account: Account, form_id: int, status: Status, comment: str) -> None:
    """A row of the form's history that does not change its status (a waiver: who, when, what)."""
    conn.execute(insert(history_t), {"form_id": form_id, "from_status": status.value, "to_status": status.value,
                                     "user_id": account.id, "user_name": account.name, "at": _now(),
                                     "comment": comment})


def history(conn: Connection, form_id: int) -> list[dict]:
    """The form's steps, oldest first: from, to, user, at (UTC), comment, and `fields`: the comments on single
    cells made with the step (a return's), each {path, comment}."""
    notes: dict[int, list[dict]] = {}
    for r in conn.execute(select(notes_t).where(notes_t.c.form_id == form_id).order_by(notes_t.c.id)).mappings():
        notes.setdefault(r["history_id"], []).append({"path": r["path"], "comment": r["comment"]})
    rows = conn.execute(select(history_t).where(history_t.c.form_id == form_id).order_by(history_t.c.id)).mappings()
    return [{"from": r["from_status"], "to": r["to_status"], "user": r["user_name"], "at": r["at"].isoformat(),
             "comment": r["comment"], "fields": notes.get(r["id"], [])} for r in rows]


def open_notes(steps: list[dict]) -> dict[str, str]:
    """The cell comments of the form's last return, by path, while the form is being fixed or reviewed again
    (none once it is approved or was never returned)."""
    returns = [s for s in steps if s["to"] == Status.returned]
    if not returns or steps[-1]["to"] == Status.approved:
        return {}
    return {n["path"]: n["comment"] for n in returns[-1]["fields"]}


@dataclass(frozen=True)
class Page:
    total: int
    forms: list[dict]


def count_forms(conn: Connection, account: Account, statuses: Sequence[Status]) -> int:
    """How many current forms `account` may see are in one of `statuses` (one query: the header's 待办 count)."""
    query = (select(func.count()).select_from(
        forms_t.join(documents_t, documents_t.c.id == forms_t.c.document_id)
        .outerjoin(status_t, status_t.c.form_id == forms_t.c.id))
        .where(documents_t.c.is_current.is_(True), form_status.in_([s.value for s in statuses])))
    visible = _visible(account)
    if visible is not None:
        query = query.where(visible)
    return conn.execute(query).scalar_one()


def list_forms(conn: Connection, account: Account, *, year: int | None = None, department: str | None = None,
               status: Status | None = None, document_id: int | None = None, limit: int = 50,
               offset: int = 0) -> Page:
    """The current forms `account` may see, narrowed by year, 主管部门 (the form's unit), status and document,
    newest first."""
    query = (select(forms_t.c.id, forms_t.c.document_id, forms_t.c.year, forms_t.c.project_name,
                    forms_t.c.department, forms_t.c.total_score, forms_t.c.total_score_recomputed, forms_t.c.grade,
                    forms_t.c.errors, forms_t.c.warnings, forms_t.c.risk, form_unit.label("unit"),
                    form_status.label("status"), documents_t.c.name.label("file"))
             .select_from(forms_t.join(documents_t, documents_t.c.id == forms_t.c.document_id)
                          .outerjoin(status_t, status_t.c.form_id == forms_t.c.id))
             .where(documents_t.c.is_current.is_(True)))
    visible = _visible(account)
    if visible is not None:
        query = query.where(visible)
    if year is not None:
        query = query.where(forms_t.c.year == year)
    if department:
        query = query.where(form_unit == department)
    if status is not None:
        query = query.where(form_status == status.value)
    if document_id is not None:
        query = query.where(forms_t.c.document_id == document_id)
    total = conn.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    rows = conn.execute(query.order_by(forms_t.c.id.desc()).limit(limit).offset(offset)).mappings()
    return Page(total, [dict(r) for r in rows])


def findings_of(conn: Connection, form_id: int) -> list[dict]:
    rows = conn.execute(select(findings_t).where(findings_t.c.form_id == form_id).order_by(findings_t.c.id)).mappings()
    return [{k: v for k, v in r.items() if k not in ("id", "form_id")} for r in rows]
