"""Server-rendered pages (Jinja2, Chinese, no script): login, the forms list, upload, and a form in the 自评表
layout with its findings marked on their cells, its history and the workflow buttons.

A page session is a random token in an HttpOnly, SameSite=Strict cookie (stored hashed, like API tokens); every
POST but the login carries the session's CSRF token (`accounts.csrf_token`) in a hidden field, checked here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from jixiao.check import row_of
from jixiao.check.score import FUND_ROW_ZH
from jixiao.model import FUND_ROWS
from jixiao.store.accounts import ROLE_ZH, Account, account_of_token, csrf_token, issue_token, revoke_token, same
from jixiao.store.workflow import (
    STATUS_ZH,
    STEPS,
    Action,
    Status,
    WorkflowError,
    history,
    list_forms,
    take_step,
)
from jixiao.web import api
from jixiao.web.forms import form_document
from jixiao.web.security import SESSION_COOKIE
from jixiao.web.upload import UploadError, store_upload

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))
COOKIE = SESSION_COOKIE
PAGE_SIZE = 50
SEVERITY_ORDER = {"error": 3, "warning": 2, "info": 1}
CSRF_MESSAGE = "表单已失效（缺少或不符的 CSRF 令牌），请刷新页面后再试"


def _session(request: Request) -> tuple[Account, str] | None:
    token = request.cookies.get(COOKIE)
    if not token:
        return None
    with request.app.state.engine.connect() as conn:
        account = account_of_token(conn, token, "session")
    return (account, token) if account else None


def _render(request: Request, name: str, status: int = 200, **context: object) -> HTMLResponse:
    session = _session(request) if "account" not in context else None
    if session:
        context["account"], token = session
        context["csrf"] = csrf_token(token)
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


@router.get("/login")
def login_page(request: Request) -> HTMLResponse:
    return _render(request, "login.html", account=None)


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
    return int(text) if text and text.strip().isdigit() and len(text.strip()) < 10 else None


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
                   statuses=list(Status))


@router.get("/upload")
def upload_page(request: Request) -> Response:
    return _render(request, "upload.html") if _session(request) else _login_redirect()


@router.post("/upload")
def upload(request: Request, file: UploadFile, csrf: Annotated[str | None, Form()] = None) -> Response:
    checked = _checked(request, csrf)
    if not isinstance(checked, Account):
        return checked
    state = request.app.state
    try:
        uploaded = store_upload(state.engine, file.file, file.filename, checked, state.uploads, state.profile,
                                state.max_upload)
    except UploadError as exc:
        return _render(request, "upload.html", exc.status, message=exc.message)
    return RedirectResponse(f"/forms/{uploaded.form_ids[0]}", status_code=303)


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


@router.get("/forms/{form_id}")
def form_page(request: Request, form_id: int) -> Response:
    session = _session(request)
    if session is None:
        return _login_redirect()
    account, _ = session
    with request.app.state.engine.connect() as conn:
        try:
            form = form_document(conn, account, form_id)
        except WorkflowError as exc:
            return _render(request, "error.html", exc.status, message=exc.message)
        steps = history(conn, form_id)
    status = Status(form["status"])
    actions = [(action.value, step.zh) for action, step in STEPS.items()
               if account.role in step.roles and status in step.sources]
    return _render(request, "form.html", form=form, marks=_marks(form["findings"]), history=steps, actions=actions,
                   fund_rows=[(name, FUND_ROW_ZH[name], form["funds"].get(name)) for name in FUND_ROWS])


@router.post("/forms/{form_id}/{action}")
def form_step(request: Request, form_id: int, action: str, csrf: Annotated[str | None, Form()] = None,
              comment: Annotated[str | None, Form()] = None) -> Response:
    checked = _checked(request, csrf)
    if not isinstance(checked, Account):
        return checked
    if action not in {a.value for a in Action}:
        return _render(request, "error.html", 404, message="没有这个操作")
    try:
        with request.app.state.engine.begin() as conn:
            take_step(conn, checked, form_id, Action(action), comment)
    except WorkflowError as exc:
        return _render(request, "error.html", exc.status, message=exc.message)
    return RedirectResponse(f"/forms/{form_id}", status_code=303)
