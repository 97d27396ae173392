"""The REST API under /api/v1: OAuth2 password tokens, upload, forms, scoring without saving, the workflow.

Every route but the token one needs `Authorization: Bearer <token>`; a form of a unit the account does not cover
is answered 404, as a missing one is. Errors are `{"detail": "<Chinese message>"}`.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, File, HTTPException, Query, Request, UploadFile
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm
from pydantic import BaseModel, ValidationError

from jixiao.check.profile import load_profile
from jixiao.messages import place, validation_message
from jixiao.model import Form
from jixiao.store.accounts import Account, account_of_token, authenticate, issue_token
from jixiao.store.rows import checked_rows
from jixiao.store.workflow import Action, Status, WorkflowError, history, list_forms, take_step, visible_place
from jixiao.web.forms import form_document
from jixiao.web.security import wait_message
from jixiao.web.upload import UploadError, store_upload

router = APIRouter(prefix="/api/v1")
_bearer = OAuth2PasswordBearer(tokenUrl="/api/v1/token", auto_error=False)
UNAUTHORIZED = "未登录，或令牌无效、已过期：先用 POST /api/v1/token 取得令牌，放在 Authorization: Bearer 头中"


def current_account(request: Request, token: Annotated[str | None, Depends(_bearer)]) -> Account:
    account = None
    if token:
        with request.app.state.engine.connect() as conn:
            account = account_of_token(conn, token, "api")
    if account is None:
        raise HTTPException(401, UNAUTHORIZED, headers={"WWW-Authenticate": "Bearer"})
    return account


Caller = Annotated[Account, Depends(current_account)]


def _failed(exc: WorkflowError | UploadError) -> HTTPException:
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


@router.post("/documents", status_code=201, summary="上传文档：读取、检查并存入语料库")
def upload(request: Request, account: Caller, file: Annotated[UploadFile, File()]) -> dict:
    state = request.app.state
    try:
        uploaded = store_upload(state.engine, file.file, file.filename, account, state.uploads, state.profile,
                                state.max_upload)
    except UploadError as exc:
        raise _failed(exc) from None
    with state.engine.connect() as conn:
        forms = [form_document(conn, account, i) for i in uploaded.form_ids]
    return {"document_id": uploaded.document_id, "forms": forms, "problem": uploaded.problem}


@router.get("/forms", summary="自评表列表（按年度、主管部门、状态筛选，分页）")
def forms(request: Request, account: Caller, year: int | None = None, department: str | None = None,
          status: Status | None = None, limit: Annotated[int, Query(ge=1, le=200)] = 50,
          offset: Annotated[int, Query(ge=0)] = 0) -> dict:
    with request.app.state.engine.connect() as conn:
        page = list_forms(conn, account, year=year, department=department, status=status, limit=limit,
                          offset=offset)
    return {"total": page.total, "limit": limit, "offset": offset, "forms": page.forms}


@router.get("/forms/{form_id}", summary="一张自评表：记录、重算结果、问题、状态")
def form(request: Request, account: Caller, form_id: int) -> dict:
    with request.app.state.engine.connect() as conn:
        try:
            return form_document(conn, account, form_id)
        except WorkflowError as exc:
            raise _failed(exc) from None


@router.get("/forms/{form_id}/history", summary="一张自评表的流转记录")
def form_history(request: Request, account: Caller, form_id: int) -> list[dict]:
    with request.app.state.engine.connect() as conn:
        try:
            visible_place(conn, account, form_id)
        except WorkflowError as exc:
            raise _failed(exc) from None
        return history(conn, form_id)


class Comment(BaseModel):
    comment: str | None = None


def _step(request: Request, account: Account, form_id: int, action: Action, body: Comment | None) -> dict:
    engine = request.app.state.engine
    try:
        with engine.begin() as conn:
            take_step(conn, account, form_id, action, body.comment if body else None)
        with engine.connect() as conn:
            return form_document(conn, account, form_id)
    except WorkflowError as exc:
        raise _failed(exc) from None


@router.post("/forms/{form_id}/submit", summary="提交（草稿或已退回 → 已提交）")
def submit(request: Request, account: Caller, form_id: int, body: Comment | None = None) -> dict:
    return _step(request, account, form_id, Action.submit, body)


@router.post("/forms/{form_id}/return", summary="退回（已提交 → 已退回），须填写意见")
def return_(request: Request, account: Caller, form_id: int, body: Comment | None = None) -> dict:
    return _step(request, account, form_id, Action.return_, body)


@router.post("/forms/{form_id}/approve", summary="通过（已提交 → 已通过）")
def approve(request: Request, account: Caller, form_id: int, body: Comment | None = None) -> dict:
    return _step(request, account, form_id, Action.approve, body)


@router.post("/score", summary="为一张表（交换记录）重算评分并检查，不保存")
def score_record(request: Request, account: Caller, record: Annotated[dict[str, Any], Body()]) -> dict:
    try:
        form = Form.model_validate(record)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise HTTPException(422, f"{place(first['loc'])}：{validation_message(first)}"
                                 f"（共 {exc.error_count()} 处不符合交换记录格式）") from None
    row = checked_rows(form, load_profile(request.app.state.profile), 0)
    return {"recomputed": {k: row[k] for k in ("execution_rate_recomputed", "funds_score_recomputed",
                                               "total_score_recomputed", "grade_recomputed", "risk")},
            "fund_rows": row["fund_rows"], "indicators": row["indicators"], "findings": row["findings"],
            "counts": {"error": row["errors"], "warning": row["warnings"], "info": row["infos"]}}
