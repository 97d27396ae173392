"""The REST API under /api/v1: OAuth2 password tokens, upload, forms, scoring without saving, the workflow.

Every route but the token one needs `Authorization: Bearer <token>`, or — for the pages' own script — the page
session's cookie with its CSRF token in the `X-CSRF-Token` header (another site can send the cookie but cannot
read the token). A form of a unit the account does not cover is answered 404, as a missing one is. Errors are
`{"detail": "<Chinese message>"}`.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, File, HTTPException, Query, Request, Response, UploadFile
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm
from pydantic import BaseModel, Field
from sqlalchemy import Connection

from jixiao.check.profile import load_profile
from jixiao.errors import InputError
from jixiao.store.accounts import (
    Account,
    AccountError,
    Role,
    account_of_token,
    add_user,
    authenticate,
    change_user,
    csrf_token,
    issue_token,
    list_users,
    same,
)
from jixiao.store.edits import correct, corrections_of, create_form, next_year, save_form, step, validated, waive
from jixiao.store.query import load_form
from jixiao.store.rows import checked_rows
from jixiao.store.workflow import Action, CellNote, Status, WorkflowError, history, list_forms, visible_place
from jixiao.web.downloads import form_file
from jixiao.web.forms import form_document
from jixiao.web.inbox import inbox
from jixiao.web.indicator_sheet import read_indicators, template
from jixiao.web.security import CSRF_HEADER, SESSION_COOKIE, wait_message
from jixiao.web.upload import Uploaded, UploadError, safe_name, save_bounded, store_upload

router = APIRouter(prefix="/api/v1")
_bearer = OAuth2PasswordBearer(tokenUrl="/api/v1/token", auto_error=False)
UNAUTHORIZED = "未登录，或令牌无效、已过期：先用 POST /api/v1/token 取得令牌，放在 Authorization: Bearer 头中"


def current_account(request: Request, token: Annotated[str | None, Depends(_bearer)]) -> Account:
    """The account of the bearer token, or of the page session when the request carries its CSRF token."""
    account = None
    session = request.cookies.get(SESSION_COOKIE)
    csrf = request.headers.get(CSRF_HEADER)
    with request.app.state.engine.connect() as conn:
        if token:
            account = account_of_token(conn, token, "api")
        elif session and csrf and same(csrf, csrf_token(session)):
            account = account_of_token(conn, session, "session")
    if account is None:
        raise HTTPException(401, UNAUTHORIZED, headers={"WWW-Authenticate": "Bearer"})
    return account


Caller = Annotated[Account, Depends(current_account)]


def _failed(exc: WorkflowError | UploadError | AccountError) -> HTTPException:
    if isinstance(exc, AccountError):
        return HTTPException(422, exc.message)
    return HTTPException(exc.status, exc.message)


class TokenOut(BaseModel):
    access_token: str
    token_type: str = "bearer"


@router.post("/token", response_model=TokenOut, summary="以用户名和密码取得令牌（OAuth2 password）")
def token(request: Request, form: Annotated[OAuth2PasswordRequestForm, Depends()]) -> TokenOut:
    account = login(request, form.username, form.password)
    with request.app.state.engine.begin() as conn:
        return TokenOut(access_token=issue_token(conn, account, "api"))


def login(request: Request, name: str, password: str) -> Account:
    """The account of a right name and password, under login throttling; HTTPException 429 or 401 otherwise."""
    throttle = request.app.state.throttle
    address = request.client.host if request.client else "-"
    wait = throttle.wait(name, address)
    if wait:
        raise HTTPException(429, wait_message(wait), headers={"Retry-After": str(wait)})
    with request.app.state.engine.connect() as conn:
        account = authenticate(conn, name, password)
    if account is None:
        throttle.failed(name, address)
        raise HTTPException(401, "用户名或密码错误", headers={"WWW-Authenticate": "Bearer"})
    throttle.succeeded(name)
    return account


MAX_FILES = 20


@router.post("/documents", status_code=201, summary="上传文档（一个或多个）：读取、检查并存入语料库")
def upload(request: Request, account: Caller, file: Annotated[list[UploadFile], File()]) -> dict:
    if len(file) > MAX_FILES:
        raise HTTPException(422, f"一次最多上传 {MAX_FILES} 个文件（收到 {len(file)} 个）")
    results = upload_files(request, account, file)
    stored = [r for r in results if isinstance(r, Uploaded)]
    if not stored:
        first = results[0]
        assert isinstance(first, UploadError)
        raise HTTPException(first.status, "；".join(r.message for r in results if isinstance(r, UploadError)))
    with request.app.state.engine.connect() as conn:
        documents = [{"file": safe_name(f.filename), "status": 201, "document_id": r.document_id,
                      "forms": [form_document(conn, account, i) for i in r.form_ids], "problem": r.problem}
                     if isinstance(r, Uploaded) else
                     {"file": safe_name(f.filename), "status": r.status, "detail": r.message}
                     for f, r in zip(file, results, strict=True)]
    done = [d for d in documents if d["status"] == 201]
    return {"document_id": done[0]["document_id"], "forms": [f for d in done for f in d["forms"]],
            "problem": "；".join(d.get("problem") or d.get("detail") or "" for d in documents
                                 if d.get("problem") or d.get("detail")) or None,
            "documents": documents}


def upload_files(request: Request, account: Account, files: list[UploadFile]) -> list[Uploaded | UploadError]:
    """Each uploaded file stored in turn (`store_upload`); one that fails does not stop the others."""
    state = request.app.state
    results: list[Uploaded | UploadError] = []
    for item in files:
        try:
            results.append(store_upload(state.engine, item.file, item.filename, account, state.uploads,
                                        state.profile, state.max_upload))
        except UploadError as exc:
            results.append(exc)
    return results


@router.get("/forms", summary="自评表列表（按年度、主管部门、状态筛选，分页）")
def forms(request: Request, account: Caller, year: int | None = None, department: str | None = None,
          status: Status | None = None, limit: Annotated[int, Query(ge=1, le=200)] = 50,
          offset: Annotated[int, Query(ge=0)] = 0) -> dict:
    with request.app.state.engine.connect() as conn:
        page = list_forms(conn, account, year=year, department=department, status=status, limit=limit,
                          offset=offset)
    return {"total": page.total, "limit": limit, "offset": offset, "forms": page.forms}


@router.get("/inbox", summary="待办：等待我处理的自评表（填报人：退回的和未提交的；审核人、管理员：已提交的）")
def waiting(request: Request, account: Caller, limit: Annotated[int, Query(ge=0, le=1000)] = 200) -> dict:
    with request.app.state.engine.connect() as conn:
        found = inbox(conn, account, limit)
    return {"total": found.total, "forms": found.items}


@router.get("/forms/{form_id}", summary="一张自评表：记录、重算结果、问题、状态")
def form(request: Request, account: Caller, form_id: int) -> dict:
    with request.app.state.engine.connect() as conn:
        try:
            return form_document(conn, account, form_id)
        except WorkflowError as exc:
            raise _failed(exc) from None


def _of_visible_form(request: Request, account: Account, form_id: int,
                     read: Callable[[Connection, int], list[dict]]) -> list[dict]:
    """`read` of a form `account` may see (its history, its corrections); 404 otherwise."""
    with request.app.state.engine.connect() as conn:
        try:
            visible_place(conn, account, form_id)
        except WorkflowError as exc:
            raise _failed(exc) from None
        return read(conn, form_id)


@router.get("/forms/{form_id}/history", summary="一张自评表的流转记录")
def form_history(request: Request, account: Caller, form_id: int) -> list[dict]:
    return _of_visible_form(request, account, form_id, history)


class FieldComment(BaseModel):
    path: str = Field(max_length=80, description="单元格的记录路径，如 funds.total.executed、indicators.3.actual")
    comment: str


class Comment(BaseModel):
    comment: str | None = None
    fields: list[FieldComment] = Field(default=[], description="逐项意见（仅退回时）：对单个单元格的意见")


def _step(request: Request, account: Account, form_id: int, action: Action, body: Comment | None) -> dict:
    engine = request.app.state.engine
    body = body or Comment()
    try:
        with engine.begin() as conn:
            step(conn, account, form_id, action, body.comment, [CellNote(f.path, f.comment) for f in body.fields])
        with engine.connect() as conn:
            return form_document(conn, account, form_id)
    except WorkflowError as exc:
        raise _failed(exc) from None


@router.post("/forms/{form_id}/submit", summary="提交（草稿 → 已提交，已退回 → 已重新提交）")
def submit(request: Request, account: Caller, form_id: int, body: Comment | None = None) -> dict:
    return _step(request, account, form_id, Action.submit, body)


@router.post("/forms/{form_id}/review", summary="开始审核（已提交或已重新提交 → 审核中）")
def review(request: Request, account: Caller, form_id: int, body: Comment | None = None) -> dict:
    return _step(request, account, form_id, Action.review, body)


@router.post("/forms/{form_id}/return", summary="退回（已提交、已重新提交或审核中 → 已退回），须填写意见或逐项意见")
def return_(request: Request, account: Caller, form_id: int, body: Comment | None = None) -> dict:
    return _step(request, account, form_id, Action.return_, body)


@router.post("/forms/{form_id}/approve", summary="通过（已提交、已重新提交或审核中 → 已通过）")
def approve(request: Request, account: Caller, form_id: int, body: Comment | None = None) -> dict:
    return _step(request, account, form_id, Action.approve, body)


@router.post("/score", summary="为一张表（交换记录）重算评分并检查，不保存")
def score_record(request: Request, account: Caller, record: Annotated[dict[str, Any], Body()]) -> dict:
    try:
        form = validated(record)
    except WorkflowError as exc:
        raise _failed(exc) from None
    row = checked_rows(form, load_profile(request.app.state.profile), 0)
    return {"recomputed": {k: row[k] for k in ("execution_rate_recomputed", "funds_score_recomputed",
                                               "total_score_recomputed", "grade_recomputed", "risk")},
            "fund_rows": row["fund_rows"], "indicators": row["indicators"], "findings": row["findings"],
            "counts": {"error": row["errors"], "warning": row["warnings"], "info": row["infos"]}}


@router.post("/forms", status_code=201, summary="新建一张自评表（交换记录），存为草稿")
def create(request: Request, account: Caller, record: Annotated[dict[str, Any], Body()]) -> dict:
    engine = request.app.state.engine
    try:
        with engine.begin() as conn:
            form_id = create_form(conn, account, validated(record), request.app.state.profile)
        with engine.connect() as conn:
            return form_document(conn, account, form_id)
    except WorkflowError as exc:
        raise _failed(exc) from None


@router.put("/forms/{form_id}", summary="保存草稿（或已退回的表）：以交换记录替换，重算并检查")
def update(request: Request, account: Caller, form_id: int, record: Annotated[dict[str, Any], Body()]) -> dict:
    engine = request.app.state.engine
    try:
        with engine.begin() as conn:
            save_form(conn, account, form_id, validated(record))
        with engine.connect() as conn:
            return form_document(conn, account, form_id)
    except WorkflowError as exc:
        raise _failed(exc) from None


@router.get("/forms/{form_id}/next-year", summary="以这张表为底稿的下一年度交换记录（不保存）")
def next_year_record(request: Request, account: Caller, form_id: int) -> dict:
    with request.app.state.engine.connect() as conn:
        try:
            visible_place(conn, account, form_id)
        except WorkflowError as exc:
            raise _failed(exc) from None
        loaded = load_form(conn, form_id)
    if loaded is None:
        raise HTTPException(404, f"没有编号为 {form_id} 的自评表，或您无权查看")
    return next_year(loaded[1]).record()


class CorrectionIn(BaseModel):
    path: str = Field(max_length=80)
    value: str | float | None = None


@router.get("/forms/{form_id}/corrections", summary="一张自评表的更正记录")
def corrections(request: Request, account: Caller, form_id: int) -> list[dict]:
    return _of_visible_form(request, account, form_id, corrections_of)


@router.post("/forms/{form_id}/corrections", status_code=201, summary="更正一个读错的单元格，重新检查")
def add_correction(request: Request, account: Caller, form_id: int, body: CorrectionIn) -> dict:
    try:
        with request.app.state.engine.begin() as conn:
            correct(conn, account, form_id, body.path, body.value)
        with request.app.state.engine.connect() as conn:
            return form_document(conn, account, form_id)
    except WorkflowError as exc:
        raise _failed(exc) from None


class WaiverIn(BaseModel):
    code: str = Field(max_length=8)
    path: str | None = Field(default=None, max_length=80)
    reason: str


@router.post("/forms/{form_id}/waivers", status_code=201, summary="豁免一个问题（须填写理由），重新检查")
def add_waiver(request: Request, account: Caller, form_id: int, body: WaiverIn) -> dict:
    try:
        with request.app.state.engine.begin() as conn:
            waive(conn, account, form_id, body.code, body.path, body.reason)
        with request.app.state.engine.connect() as conn:
            return form_document(conn, account, form_id)
    except WorkflowError as exc:
        raise _failed(exc) from None


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE_NAME = "attachment; filename=indicators.xlsx; filename*=UTF-8''%E7%BB%A9%E6%95%88%E6%8C%87%E6%A0%87.xlsx"


@router.get("/forms/{form_id}/files/{kind}", summary="下载：官方表样的 xlsx / docx / pdf，或复核表（worksheet）")
def form_download(request: Request, account: Caller, form_id: int, kind: str) -> Response:
    with request.app.state.engine.connect() as conn:
        try:
            content, media, disposition = form_file(conn, account, form_id, kind)
        except WorkflowError as exc:
            raise _failed(exc) from None
    return Response(content, media_type=media, headers={"Content-Disposition": disposition})


@router.get("/indicator-template.xlsx", summary="绩效指标表的 Excel 模板")
def indicator_template(account: Caller) -> Response:
    return Response(template(), media_type=XLSX,
                    headers={"Content-Disposition": TEMPLATE_NAME})


@router.post("/indicators/import", summary="从 Excel（.xlsx）读出绩效指标表，不保存")
def import_indicators(request: Request, account: Caller, file: Annotated[UploadFile, File()]) -> dict:
    return indicators_of(request, file)


def indicators_of(request: Request, file: UploadFile) -> dict:
    """The indicators of an uploaded .xlsx: `{"indicators", "warnings"}`; 413/422 in Chinese otherwise."""
    name = safe_name(file.filename)
    with tempfile.TemporaryDirectory(prefix="jixiao-indicators-") as folder:
        try:
            path = save_bounded(file.file, Path(folder) / "sheet.xlsx", name, request.app.state.max_upload)
            imported = read_indicators(path, name)
        except UploadError as exc:
            raise _failed(exc) from None
        except InputError as exc:
            raise HTTPException(422, f"{name}：{exc.message}") from None
    return {"indicators": [i.model_dump(mode="json") for i in imported.indicators], "warnings": imported.warnings}


def _admin(account: Account) -> None:
    if account.role is not Role.admin:
        raise HTTPException(403, "只有管理员能管理用户")


class UserIn(BaseModel):
    name: str = Field(max_length=80)
    role: Role
    password: str = Field(max_length=200)
    units: list[str] = Field(default_factory=list, max_length=100)


class UserChange(BaseModel):
    units: list[str] | None = Field(default=None, max_length=100)
    disabled: bool | None = None


@router.get("/users", summary="用户列表（管理员）")
def users(request: Request, account: Caller) -> list[dict]:
    _admin(account)
    with request.app.state.engine.connect() as conn:
        return list_users(conn)


@router.post("/users", status_code=201, summary="建立用户（管理员）")
def new_user(request: Request, account: Caller, body: UserIn) -> dict:
    _admin(account)
    try:
        with request.app.state.engine.begin() as conn:
            made = add_user(conn, body.name, body.role, body.password, body.units)
    except AccountError as exc:
        raise _failed(exc) from None
    return {"id": made.id, "name": made.name, "role": made.role.value, "units": list(made.units),
            "disabled": False}


@router.patch("/users/{user_id}", summary="修改用户的单位，停用或启用（管理员）")
def edit_user(request: Request, account: Caller, user_id: int, body: UserChange) -> dict:
    _admin(account)
    try:
        with request.app.state.engine.begin() as conn:
            change_user(conn, user_id, units=body.units, disabled=body.disabled)
    except AccountError as exc:
        raise HTTPException(404 if exc.message.startswith("没有编号") else 422, exc.message) from None
    with request.app.state.engine.connect() as conn:
        return next(u for u in list_users(conn) if u["id"] == user_id)
