"""The corpus pages: what waits for me (/inbox), the dashboard of `jixiao report` served live (/dashboard), the
rule catalogue (/rules, /rules/{code}) and the lowered-targets table (/lowered-targets), each with filters and
limited to the forms the account may see; and their JSON and CSV twins (`.json`, `.csv`), the forms list's too.

A page without a session goes to the login page; a twin answers 401 in Chinese. A twin also takes an API token
(`Authorization: Bearer`), so scripts can read it; it is a GET that changes nothing, so it needs no CSRF token
(the session cookie is SameSite=Strict: another site's request does not carry it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response
from sqlalchemy import Connection

from jixiao.check.profile import load_profile
from jixiao.store.accounts import Account, account_of_token
from jixiao.store.workflow import Status, list_forms
from jixiao.web.api import UNAUTHORIZED
from jixiao.web.corpus import (
    LOWERED_COLUMNS,
    RULE_COLUMNS,
    Chosen,
    chosen_filter,
    dashboard,
    lowered_targets,
    rule_entry,
    rule_rows,
)
from jixiao.web.inbox import inbox
from jixiao.web.pages import PAGE_SIZE, _int, _login_redirect, _render, _session
from jixiao.web.twins import csv_twin, json_twin, twin_links

router = APIRouter(include_in_schema=False)
FORM_COLUMNS = ("id", "document_id", "file", "year", "project_name", "department", "unit", "status", "total_score",
                "total_score_recomputed", "grade", "errors", "warnings", "risk")
CSV_BATCH = 1000


def _page_account(request: Request) -> Account | None:
    session = _session(request)
    return session[0] if session else None


def _twin_account(request: Request) -> Account:
    """The account of the page session or of an API bearer token; HTTPException 401 otherwise."""
    account = _page_account(request)
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if account is None and scheme.lower() == "bearer" and token.strip():
        with request.app.state.engine.connect() as conn:
            account = account_of_token(conn, token.strip(), "api")
    if account is None:
        raise HTTPException(401, UNAUTHORIZED, headers={"WWW-Authenticate": "Bearer"})
    return account


def _chosen(request: Request, account: Account) -> Chosen:
    return chosen_filter(account, request.query_params)


def _grades() -> list[str]:
    return [band.label for band in sorted(load_profile().grades, key=lambda b: -b.min)]


# --- 待办 ---------------------------------------------------------------------------------------------------

@router.get("/inbox")
def inbox_page(request: Request) -> Response:
    account = _page_account(request)
    if account is None:
        return _login_redirect()
    with request.app.state.engine.connect() as conn:
        found = inbox(conn, account)
    return _render(request, "inbox.html", inbox=found, twins=twin_links("/inbox", {}, table=False))


@router.get("/inbox.json")
def inbox_json(request: Request) -> Response:
    account = _twin_account(request)
    with request.app.state.engine.connect() as conn:
        found = inbox(conn, account)
    return json_twin({"total": found.total, "forms": found.items})


# --- 统计 (dashboard) -----------------------------------------------------------------------------------------

def _filtered_page(request: Request, template: str, path: str, table: bool,
                   compute: Callable[[Connection, Account, Any], Any]) -> Response:
    """A corpus page under the request's filters (what the account may see), with the filter form and the links
    to its JSON (and, for a table, CSV) twins."""
    account = _page_account(request)
    if account is None:
        return _login_redirect()
    chosen = _chosen(request, account)
    with request.app.state.engine.connect() as conn:
        data = compute(conn, account, chosen)
    return _render(request, template, data=data, values=chosen.values, grades=_grades(),
                   rules=rule_rows(load_profile(request.app.state.profile)),
                   twins=twin_links(path, chosen.values, table=table))


@router.get("/dashboard")
def dashboard_page(request: Request) -> Response:
    return _filtered_page(request, "dashboard.html", "/dashboard", False,
                          lambda conn, account, chosen: dashboard(conn, account, chosen))


@router.get("/dashboard.json")
def dashboard_json(request: Request) -> Response:
    account = _twin_account(request)
    with request.app.state.engine.connect() as conn:
        return json_twin(dashboard(conn, account, _chosen(request, account)))


# --- 规则 ---------------------------------------------------------------------------------------------------

@router.get("/rules")
def rules_page(request: Request) -> Response:
    if _page_account(request) is None:
        return _login_redirect()
    profile = request.app.state.profile
    return _render(request, "rules.html", rules=rule_rows(load_profile(profile)), profile=profile,
                   twins=twin_links("/rules", {}, table=True))


@router.get("/rules.json")
def rules_json(request: Request) -> Response:
    _twin_account(request)
    profile = request.app.state.profile
    return json_twin({"profile": profile, "columns": list(RULE_COLUMNS), "rules": rule_rows(load_profile(profile))})


@router.get("/rules.csv")
def rules_csv(request: Request) -> Response:
    _twin_account(request)
    rows = rule_rows(load_profile(request.app.state.profile))
    return csv_twin("rules", RULE_COLUMNS, ([row[c] for c in RULE_COLUMNS] for row in rows))


@router.get("/rules/{code}.json")
def rule_json(request: Request, code: str) -> Response:
    _twin_account(request)
    entry = rule_entry(code, load_profile(request.app.state.profile))
    if entry is None:
        raise HTTPException(404, f"没有代码为 {code[:20]} 的规则")
    return json_twin(entry)


@router.get("/rules/{code}")
def rule_page(request: Request, code: str) -> Response:
    if _page_account(request) is None:
        return _login_redirect()
    entry = rule_entry(code, load_profile(request.app.state.profile))
    if entry is None:
        return _render(request, "error.html", 404, message=f"没有代码为 {code[:20]} 的规则")
    return _render(request, "rule.html", rule=entry, twins={"json": f"/rules/{entry['code']}.json"})


# --- 指标调低 -----------------------------------------------------------------------------------------------

@router.get("/lowered-targets")
def lowered_page(request: Request) -> Response:
    return _filtered_page(request, "lowered.html", "/lowered-targets", True,
                          lambda conn, account, chosen: lowered_targets(conn, chosen))


@router.get("/lowered-targets.json")
def lowered_json(request: Request) -> Response:
    account = _twin_account(request)
    with request.app.state.engine.connect() as conn:
        return json_twin(lowered_targets(conn, _chosen(request, account)))


@router.get("/lowered-targets.csv")
def lowered_csv(request: Request) -> Response:
    account = _twin_account(request)
    with request.app.state.engine.connect() as conn:
        data = lowered_targets(conn, _chosen(request, account))
    return csv_twin("lowered-targets", LOWERED_COLUMNS, ([row[c] for c in LOWERED_COLUMNS] for row in data["rows"]))


# --- 自评表列表的孪生 ----------------------------------------------------------------------------------------

def _form_filters(year: str | None, department: str | None, status: str | None) -> dict:
    return {"year": _int(year), "department": department or None,
            "status": Status(status) if status in Status.__members__ else None}


@router.get("/forms.json")
def forms_json(request: Request, year: str | None = None, department: str | None = None,
               status: str | None = None, page: str | None = None) -> Response:
    """The forms list's page `page` (as /forms shows it, PAGE_SIZE forms a page)."""
    account = _twin_account(request)
    number = max(_int(page) or 1, 1)
    with request.app.state.engine.connect() as conn:
        found = list_forms(conn, account, **_form_filters(year, department, status), limit=PAGE_SIZE,
                           offset=(number - 1) * PAGE_SIZE)
    return json_twin({"total": found.total, "page": number, "page_size": PAGE_SIZE, "forms": found.forms})


@router.get("/forms.csv")
def forms_csv(request: Request, year: str | None = None, department: str | None = None,
              status: str | None = None, limit: Annotated[int, Query(ge=1, le=100_000)] = 100_000) -> Response:
    """Every form of the list's filter (up to `limit`), not one page."""
    account = _twin_account(request)
    filters = _form_filters(year, department, status)

    def rows() -> Iterator[list]:
        with request.app.state.engine.connect() as conn:
            for offset in range(0, limit, CSV_BATCH):
                found = list_forms(conn, account, **filters, limit=min(CSV_BATCH, limit - offset), offset=offset)
                yield from ([form[c] for c in FORM_COLUMNS] for form in found.forms)
                if len(found.forms) < CSV_BATCH:
                    return

    return csv_twin("forms", FORM_COLUMNS, rows())
