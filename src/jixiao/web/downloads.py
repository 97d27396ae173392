"""A stored form's files for download: the form in the official layout (`jixiao render`: xlsx, docx, pdf) and its
复核表 (`jixiao worksheet`, xlsx) — made by the same services as the command line, for the API and the pages."""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Connection

from jixiao.render import RenderFormat, render_forms
from jixiao.render.fonts import FontError
from jixiao.store.accounts import Account
from jixiao.store.query import load_form
from jixiao.store.workflow import WorkflowError, visible_place
from jixiao.worksheet import Batch, stored_sheet
from jixiao.worksheet.xlsx import write_xlsx

MEDIA = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "pdf": "application/pdf"}
KINDS = {"xlsx": ("xlsx", "自评表"), "docx": ("docx", "自评表"), "pdf": ("pdf", "自评表"),
         "worksheet": ("xlsx", "复核表")}  # the download's name → (file type, what the file name says it is)


def form_file(conn: Connection, account: Account, form_id: int, kind: str) -> tuple[bytes, str, str]:
    """(content, media type, Content-Disposition) of the file `kind` of a form `account` may see; WorkflowError
    404 for an unknown kind or a form it may not see, 503 when the server has no Chinese font for a PDF."""
    if kind not in KINDS:
        raise WorkflowError(404, f"没有“{kind}”这种下载；可下载 {'、'.join(KINDS)}")
    visible_place(conn, account, form_id)
    loaded = load_form(conn, form_id)
    if loaded is None:
        raise WorkflowError(404, f"没有编号为 {form_id} 的自评表，或您无权查看")
    _, form = loaded
    suffix, what = KINDS[kind]
    with tempfile.TemporaryDirectory(prefix="jixiao-download-") as tmp:
        path = Path(tmp) / f"form.{suffix}"
        if kind == "worksheet":
            sheet = stored_sheet(conn, form_id, form)
            write_xlsx(Batch([sheet], f"编号 {form_id}", sheet.profile), path)
        else:
            try:
                render_forms([form], RenderFormat(kind), path)
            except FontError as exc:
                raise WorkflowError(503, f"服务器上没有可用的中文字体，无法生成 PDF：{exc}") from None
        content = path.read_bytes()
    name = f"{form.project_name or f'自评表{form_id}'}-{what}.{suffix}"
    disposition = f"attachment; filename=form-{form_id}.{suffix}; filename*=UTF-8''{quote(name)}"
    return content, MEDIA[suffix], disposition
