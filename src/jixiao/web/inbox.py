"""What waits for an account (待办): for a filler, its unit's returned forms (with the reviewer's comment) and
its drafts not yet submitted; for a reviewer, the forms of its units submitted, resubmitted or in review; for an
admin, those of every unit. The inbox page, `GET /api/v1/inbox` and the count in every page's header all call
`inbox`."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, func, select

from jixiao.store.accounts import Account, Role
from jixiao.store.workflow import STATUS_ZH, Status, count_forms, history_t, list_forms

WAITING: dict[Role, tuple[Status, ...]] = {  # returned first: it is what the reviewer asked to fix
    Role.filler: (Status.returned, Status.draft),
    Role.reviewer: (Status.resubmitted, Status.in_review, Status.submitted),
    Role.admin: (Status.resubmitted, Status.in_review, Status.submitted),
}
TODO_ZH = {Status.returned: "按退回意见修改后重新提交", Status.draft: "填完后提交",
           Status.submitted: "审核：通过或退回", Status.resubmitted: "复审：按退回意见核对修改，通过或再退回",
           Status.in_review: "继续审核：通过或退回"}


@dataclass(frozen=True)
class Inbox:
    total: int
    items: list[dict] = field(default_factory=list)


def inbox(conn: Connection, account: Account, limit: int = 200) -> Inbox:
    """The forms waiting for `account` (at most `limit` of them, newest first within each status) and how many
    there are in all; a returned form carries the comment, the reviewer and the time of its return."""
    total, items = 0, []
    for status in WAITING[account.role]:
        page = list_forms(conn, account, status=status, limit=max(limit - len(items), 0))
        total += page.total
        items += [{**form, "status_zh": STATUS_ZH[status], "todo": TODO_ZH[status]} for form in page.forms]
    returned = [item["id"] for item in items if item["status"] == Status.returned]
    if returned:
        last = (select(func.max(history_t.c.id)).where(history_t.c.form_id.in_(returned),
                                                       history_t.c.to_status == Status.returned.value)
                .group_by(history_t.c.form_id))
        steps = {row.form_id: row for row in conn.execute(
            select(history_t.c.form_id, history_t.c.comment, history_t.c.user_name, history_t.c.at)
            .where(history_t.c.id.in_(last)))}
        for item in items:
            step = steps.get(item["id"])
            if step is not None:
                item.update(comment=step.comment or "（见表页上的逐项意见）", returned_by=step.user_name,
                            returned_at=step.at.isoformat())
    return Inbox(total, items)


def waiting(conn: Connection, account: Account) -> int:
    """How many forms wait for `account` (the count beside 待办 in every page's header)."""
    return count_forms(conn, account, WAITING[account.role])
