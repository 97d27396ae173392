"""Server-rendered pages (Jinja2, Chinese, no script): login, the forms list, upload, and a form in the 自评表
layout with its findings marked on their cells, its history and the workflow buttons.

A page session is a random token in an HttpOnly, SameSite=Strict cookie (stored hashed, like API tokens); every
POST but the login carries the session's CSRF token (`accounts.csrf_token`) in a hidden field, checked here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy import Connection

from jixiao.check import row_of
from jixiao.model import FUND_ROWS
from jixiao.model import Form as Record
from jixiao.places import FUND_ROW_ZH, place_of
from jixiao.store.accounts import (
    ROLE_ZH,
    Account,
    AccountError,
    Role,
    account_of_token,
    add_user,
    change_user,
    csrf_token,
    issue_token,
    list_users,
    revoke_token,
    same,
    user_count,
)
from jixiao.store.edits import (
    EDITABLE,
    correct,
    corrections_of,
    editable_paths,
    next_year,
    step,
    validated,
    waive,
)
from jixiao.store.query import load_form
from jixiao.store.workflow import (
    STATUS_ZH,
    STEPS,
    Action,
    CellNote,
    Status,
    WorkflowError,
    history,
    list_forms,
    open_notes,
    visible_place,
)
from jixiao.web import api
from jixiao.web.downloads import form_file
from jixiao.web.forms import form_document
from jixiao.web.inbox import waiting
from jixiao.web.indicator_sheet import template
from jixiao.web.security import SESSION_COOKIE
from jixiao.web.twins import json_block, twin_links
from jixiao.web.upload import Uploaded, UploadError, safe_name

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))
templates.env.filters["json_block"] = json_block
COOKIE = SESSION_COOKIE
PAGE_SIZE = 50
SEVERITY_ORDER = {"error": 3, "warning": 2, "info": 1}
LOW_CONFIDENCE = 0.8  # a cell read with less is marked on the form page
CSRF_MESSAGE = "表单已失效（缺少或不符的 CSRF 令牌），请刷新页面后再试"


_UNSEEN = object()


def _session(request: Request) -> tuple[Account, str] | None:
    """The signed-in account and its session token, looked up once per request."""
    cached = getattr(request.state, "session", _UNSEEN)
    if cached is not _UNSEEN:
        return cached
    token = request.cookies.get(COOKIE)
    found = None
    if token:
        with request.app.state.engine.connect() as conn:
            account = account_of_token(conn, token, "session")
        found = (account, token) if account else None
    request.state.session = found
    return found


def _render(request: Request, name: str, status: int = 200, **context: object) -> HTMLResponse:
    session = _session(request) if "account" not in context else None
    if session:
        context["account"], token = session
        context["csrf"] = csrf_token(token)
    if isinstance(context.get("account"), Account):  # the header's count of what waits (待办)
        with request.app.state.engine.connect() as conn:
            context["waiting"] = waiting(conn, context["account"])
    return templates.TemplateResponse(request, name, {"role_zh": ROLE_ZH, "status_zh": STATUS_ZH, **context},
                                      status_code=status)


def _login_redirect() -> RedirectResponse:
    return RedirectResponse("/login", status_code=303)


def _checked(request: Request, csrf: str | None) -> Account | Response:
    """The session's account when the CSRF token matches; the login page or a 403 page otherwise."""
    session = _session(request)
    if session is None:
        return _login_redirect()
    account, token = session
    if not csrf or not same(csrf, csrf_token(token)):
        return _render(request, "error.html", 403, message=CSRF_MESSAGE)
    return account


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/forms", status_code=303)


@router.get("/docs")
def api_docs(request: Request) -> HTMLResponse:
    """The REST API's interactive docs (Swagger UI from the package, over /openapi.json); open to all, like the
    schema: every call it makes needs a token."""
    return _render(request, "docs.html", account=None)


@router.get("/login")
def login_page(request: Request) -> HTMLResponse:
    with request.app.state.engine.connect() as conn:
        no_users = user_count(conn) == 0
    return _render(request, "login.html", account=None, no_users=no_users)


@router.post("/login")
def login(request: Request, username: Annotated[str, Form()] = "", password: Annotated[str, Form()] = "") -> Response:
    try:
        account = api.login(request, username, password)
    except HTTPException as exc:
        return _render(request, "login.html", exc.status_code, account=None, message=exc.detail, username=username)
    with request.app.state.engine.begin() as conn:
        token = issue_token(conn, account, "session")
    response = RedirectResponse("/forms", status_code=303)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", secure=request.url.scheme == "https",
                        path="/")
    return response


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str | None, Form()] = None) -> Response:
    checked = _checked(request, csrf)
    if not isinstance(checked, Account):
        return checked
    with request.app.state.engine.begin() as conn:
        revoke_token(conn, request.cookies[COOKIE])
    response = _login_redirect()
    response.delete_cookie(COOKIE, path="/")
    return response


def _int(text: str | None) -> int | None:
    return int(text) if text and text.strip().isdecimal() and len(text.strip()) < 10 else None


@router.get("/forms")
def forms_page(request: Request, year: str | None = None, department: str | None = None, status: str | None = None,
               page: str | None = None) -> Response:
    session = _session(request)
    if session is None:
        return _login_redirect()
    account, _ = session
    chosen = Status(status) if status in Status.__members__ else None
    number = max(_int(page) or 1, 1)
    with request.app.state.engine.connect() as conn:
        found = list_forms(conn, account, year=_int(year), department=department or None, status=chosen,
                           limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE)
    filters = {"year": _int(year) or "", "department": department or "", "status": chosen.value if chosen else ""}
    pages = (found.total + PAGE_SIZE - 1) // PAGE_SIZE

    def link(n: int) -> str:
        return "/forms?" + urlencode({**{k: v for k, v in filters.items() if v}, "page": n})

    return _render(request, "forms.html", page=found, filters=filters, number=number, pages=pages, link=link,
                   statuses=list(Status), twins=twin_links("/forms", {k: str(v) for k, v in filters.items()},
                                                           table=True))


@router.get("/upload")
def upload_page(request: Request) -> Response:
    return _render(request, "upload.html") if _session(request) else _login_redirect()


@router.post("/upload")
def upload(request: Request, file: list[UploadFile], csrf: Annotated[str | None, Form()] = None) -> Response:
    checked = _checked(request, csrf)
    if not isinstance(checked, Account):
        return checked
    if len(file) > api.MAX_FILES:
        return _render(request, "upload.html", 422, message=f"一次最多上传 {api.MAX_FILES} 个文件")
    results = api.upload_files(request, checked, file)
    done = [r for r in results if isinstance(r, Uploaded)]
    if len(results) == 1 and done and not done[0].problem:
        return RedirectResponse(f"/forms/{done[0].form_ids[0]}", status_code=303)
    if len(results) == 1 and not done:
        failed = results[0]
        assert isinstance(failed, UploadError)
        return _render(request, "upload.html", failed.status, message=failed.message)
    with request.app.state.engine.connect() as conn:
        rows = [(safe_name(f.filename), r.problem if isinstance(r, Uploaded) else r.message,
                 list_forms(conn, checked, document_id=r.document_id).forms if isinstance(r, Uploaded) else [])
                for f, r in zip(file, results, strict=True)]
    return _render(request, "upload.html", 201 if done else 422, results=rows)


def _marks(findings: list[dict]) -> dict[str, str]:
    """The worst severity of the unwaived findings on each record path and on each row (`row_of`)."""
    marks: dict[str, str] = {}
    for finding in findings:
        if finding["waived"]:
            continue
        for key in (finding["path"], row_of(finding["path"])):
            if SEVERITY_ORDER[finding["severity"]] > SEVERITY_ORDER.get(marks.get(key, ""), 0):
                marks[key] = finding["severity"]
    return marks


def _fill_page(request: Request, record: dict, form_id: int | None = None, notes: dict[str, str] | None = None
               ) -> Response:
    """The fill-in page; `notes`: the comments of the form's last return on its cells, listed and marked."""
    places = {path: place_of(validated(record), path) for path in notes} if notes else {}
    return _render(request, "fill.html", record=record, form_id=form_id, notes=notes or {}, places=places,
                   fund_rows=[(name, FUND_ROW_ZH[name]) for name in FUND_ROWS])


@router.get("/forms/new")
def new_form_page(request: Request, start: Annotated[str | None, Query(alias="from")] = None) -> Response:
    """The fill-in page of a new form: empty, or next year's started from form `from`."""
    session = _session(request)
    if session is None:
        return _login_redirect()
    account, _ = session
    if account.role not in (Role.filler, Role.admin):
        return _render(request, "error.html", 403, message=f"{ROLE_ZH[account.role]}不能填报自评表")
    record = Record(department=account.units[0] if account.role is Role.filler else None).record()
    if start is not None:
        with request.app.state.engine.connect() as conn:
            try:
                visible_place(conn, account, _int(start) or 0)
            except WorkflowError as exc:
                return _render(request, "error.html", exc.status, message=exc.message)
            loaded = load_form(conn, _int(start) or 0)
        if loaded:
            record = next_year(loaded[1]).record()
    return _fill_page(request, record)


def _visible_form(request: Request, form_id: int) -> tuple[Account, dict] | Response:
    """The signed-in account and the stored form it may see, or the page to answer with instead (the login page,
    or the refusal in Chinese)."""
    session = _session(request)
    if session is None:
        return _login_redirect()
    account, _ = session
    with request.app.state.engine.connect() as conn:
        try:
            return account, form_document(conn, account, form_id)
        except WorkflowError as exc:
            return _render(request, "error.html", exc.status, message=exc.message)


@router.get("/forms/{form_id}/edit")
def edit_form_page(request: Request, form_id: int) -> Response:
    found = _visible_form(request, form_id)
    if isinstance(found, Response):
        return found
    account, form = found
    if not _may_edit(account, Status(form["status"])):
        return _render(request, "error.html", 409, message=f"这张表的状态是“{form['status_zh']}”，"
                                                           f"只有草稿或已退回的表才能由填报人或管理员修改")
    with request.app.state.engine.connect() as conn:
        notes = open_notes(history(conn, form_id))
    return _fill_page(request, {k: form[k] for k in Record.model_fields if k in form}, form_id, notes)


@router.get("/forms/{form_id}/files/{kind}")
def form_download_page(request: Request, form_id: int, kind: str) -> Response:
    session = _session(request)
    if session is None:
        return _login_redirect()
    with request.app.state.engine.connect() as conn:
        try:
            content, media, disposition = form_file(conn, session[0], form_id, kind)
        except WorkflowError as exc:
            return _render(request, "error.html", exc.status, message=exc.message)
    return Response(content, media_type=media, headers={"Content-Disposition": disposition})


@router.get("/indicator-template.xlsx")
def indicator_template(request: Request) -> Response:
    if _session(request) is None:
        return _login_redirect()
    return Response(template(), media_type=api.XLSX, headers={"Content-Disposition": api.TEMPLATE_NAME})


def _may_edit(account: Account, status: Status) -> bool:
    return account.role in (Role.filler, Role.admin) and status in EDITABLE


def _may_correct(account: Account, status: Status) -> bool:
    return status is not Status.approved and (account.role is not Role.filler or status in EDITABLE)


@router.get("/forms/{form_id}")
def form_page(request: Request, form_id: int) -> Response:
    return _form_page(request, form_id)


def _form_page(request: Request, form_id: int, message: str | None = None, status_code: int = 200) -> Response:
    """The form's page, with `message` (a refused change, in Chinese) above it."""
    found = _visible_form(request, form_id)
    if isinstance(found, Response):
        return found
    account, form = found
    with request.app.state.engine.connect() as conn:
        steps = history(conn, form_id)
        corrections = corrections_of(conn, form_id)
    status = Status(form["status"])
    actions = [(action.value, move.zh) for action, move in STEPS.items()
               if account.role in move.roles and status in move.moves]
    confidence = {path: value for path, value in ((form.get("source") or {}).get("confidence") or {}).items()
                  if value < LOW_CONFIDENCE}
    record = validated({k: form[k] for k in Record.model_fields if k in form})
    cells = editable_paths(record)
    paths = sorted(cells, key=lambda p: (p not in confidence, confidence.get(p, 1.0)))
    notes = open_notes(steps)
    return _render(request, "form.html", form=form, marks=_marks(form["findings"]), history=steps, actions=actions,
                   fund_rows=[(name, FUND_ROW_ZH[name], form["funds"].get(name)) for name in FUND_ROWS],
                   confidence=confidence, corrections=corrections, paths=paths, notes=notes,
                   places={path: place_of(record, path) for path in cells},
                   returned=next((s for s in reversed(steps) if s["to"] == Status.returned), None) if notes else None,
                   may_edit=_may_edit(account, status), may_correct=_may_correct(account, status),
                   may_start=account.role in (Role.filler, Role.admin),
                   may_waive=account.role in (Role.reviewer, Role.admin) and status is not Status.approved,
                   message=message, status=status_code)


def _change(request: Request, form_id: int, csrf: str | None, change: Callable[[Connection, Account], object]
            ) -> Response:
    """A change of a stored form from its page: CSRF checked, `change` in one transaction, the page again (with
    the Chinese message and the error's status when the change was refused)."""
    checked = _checked(request, csrf)
    if not isinstance(checked, Account):
        return checked
    try:
        with request.app.state.engine.begin() as conn:
            change(conn, checked)
    except WorkflowError as exc:
        if exc.status == 404:
            return _render(request, "error.html", 404, message=exc.message)
        return _form_page(request, form_id, exc.message, exc.status)
    return RedirectResponse(f"/forms/{form_id}", status_code=303)


@router.post("/forms/{form_id}/correct")
def correct_cell(request: Request, form_id: int, csrf: Annotated[str | None, Form()] = None,
                 path: Annotated[str, Form(max_length=80)] = "", value: Annotated[str, Form()] = "") -> Response:
    return _change(request, form_id, csrf, lambda conn, account: correct(conn, account, form_id, path, value))


@router.post("/forms/{form_id}/waive")
def waive_finding(request: Request, form_id: int, csrf: Annotated[str | None, Form()] = None,
                  code: Annotated[str, Form(max_length=8)] = "", path: Annotated[str, Form(max_length=200)] = "",
                  reason: Annotated[str, Form()] = "") -> Response:
    return _change(request, form_id, csrf, lambda conn, account: waive(conn, account, form_id, code, path, reason))


def cell_notes(paths: list[str], comments: list[str]) -> list[CellNote]:
    """The return form's rows of comments on single cells (a chosen cell and its comment); blank rows skipped."""
    notes = []
    for row, (path, comment) in enumerate(zip(paths, comments, strict=False), 1):
        path, comment = path.strip(), comment.strip()
        if path and comment:
            notes.append(CellNote(path, comment))
        elif path or comment:
            raise WorkflowError(422, f"逐项意见第 {row} 行：请既选单元格，又写意见")
    return notes


@router.post("/forms/{form_id}/{action}")
def form_step(request: Request, form_id: int, action: str, csrf: Annotated[str | None, Form()] = None,
              comment: Annotated[str | None, Form()] = None,
              note_path: Annotated[list[str] | None, Form()] = None,
              note_comment: Annotated[list[str] | None, Form()] = None) -> Response:
    if action not in {a.value for a in Action}:
        return _render(request, "error.html", 404, message="没有这个操作")

    def move(conn: Connection, account: Account) -> None:
        notes = cell_notes(note_path or [], note_comment or []) if action == Action.return_ else []
        step(conn, account, form_id, Action(action), comment, notes)

    return _change(request, form_id, csrf, move)


def _admin_session(request: Request, csrf: str | None = None, *, post: bool = False) -> Account | Response:
    """The admin's account (CSRF checked on a POST); the login page or a 403 page otherwise."""
    if post:
        checked = _checked(request, csrf)
    else:
        session = _session(request)
        checked = session[0] if session else _login_redirect()
    if isinstance(checked, Account) and checked.role is not Role.admin:
        return _render(request, "error.html", 403, message="只有管理员能管理用户")
    return checked


def _users_page(request: Request, status: int = 200, message: str | None = None) -> Response:
    with request.app.state.engine.connect() as conn:
        users = list_users(conn)
    return _render(request, "users.html", status, users=users, roles=list(Role), message=message)


@router.get("/users")
def users_page(request: Request) -> Response:
    checked = _admin_session(request)
    return _users_page(request) if isinstance(checked, Account) else checked


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("、", "\n").splitlines() if line.strip()]


@router.post("/users")
def add_user_page(request: Request, csrf: Annotated[str | None, Form()] = None,
                  name: Annotated[str, Form(max_length=80)] = "", role: Annotated[str, Form()] = "",
                  password: Annotated[str, Form(max_length=200)] = "", units: Annotated[str, Form()] = ""
                  ) -> Response:
    checked = _admin_session(request, csrf, post=True)
    if not isinstance(checked, Account):
        return checked
    if role not in Role.__members__:
        return _users_page(request, 422, "请选择角色")
    try:
        with request.app.state.engine.begin() as conn:
            add_user(conn, name, Role(role), password, _lines(units))
    except AccountError as exc:
        return _users_page(request, 422, f"{exc.message}；账户未建立")
    return RedirectResponse("/users", status_code=303)


@router.post("/users/{user_id}")
def change_user_page(request: Request, user_id: int, csrf: Annotated[str | None, Form()] = None,
                     units: Annotated[str | None, Form()] = None, disabled: Annotated[str | None, Form()] = None
                     ) -> Response:
    checked = _admin_session(request, csrf, post=True)
    if not isinstance(checked, Account):
        return checked
    try:
        with request.app.state.engine.begin() as conn:
            change_user(conn, user_id, units=_lines(units) if units is not None else None,
                        disabled=None if disabled is None else disabled == "1")
    except AccountError as exc:
        return _users_page(request, 422, exc.message)
    return RedirectResponse("/users", status_code=303)
