"""A stored form as the API and the pages show it: the interchange record, its unit and status, what jixiao
recomputed and its findings. The server's own file paths are not shown: a form's file is its document's name."""

from __future__ import annotations

from sqlalchemy import Connection

from jixiao.store.accounts import Account
from jixiao.store.query import load_form
from jixiao.store.workflow import STATUS_ZH, WorkflowError, findings_of, visible_place

RECOMPUTED = ("execution_rate_recomputed", "funds_score_recomputed", "total_score_recomputed", "grade_recomputed",
              "errors", "warnings", "infos", "risk", "confidence")


def form_document(conn: Connection, account: Account, form_id: int) -> dict:
    """The form `form_id` for `account`; WorkflowError 404 when it does not exist or is another unit's."""
    unit, status = visible_place(conn, account, form_id)
    loaded = load_form(conn, form_id)
    if loaded is None:  # deleted since visible_place looked
        raise WorkflowError(404, f"没有编号为 {form_id} 的自评表，或您无权查看")
    row, form = loaded
    record = form.record()
    if record.get("source"):
        record["source"]["file"] = row["path"].replace("\\", "/").rsplit("/", 1)[-1]
    return {"id": form_id, "document_id": row["document_id"], "unit": unit, "status": status.value,
            "status_zh": STATUS_ZH[status], **record, "recomputed": {k: row[k] for k in RECOMPUTED},
            "findings": findings_of(conn, form_id)}
