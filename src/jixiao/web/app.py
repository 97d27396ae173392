"""The web app's factory: the corpus engine, the uploads directory and the check profile in `app.state`, the API
and page routes, secure headers, and every error answered in Chinese (never a traceback).

The interactive API docs are at /docs: Swagger UI's files come from the fastapi-offline package and are served
by the app (FastAPI's own page loads them from a CDN with an inline script, which the CSP and offline use forbid).
The OpenAPI schema is at /openapi.json. The dashboard's charts use the ECharts file the HTML report ships
(report/assets), served at /static/report/.
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

import jixiao
from jixiao.check.profile import DEFAULT_PROFILE, load_profile
from jixiao.messages import place, validation_message
from jixiao.read.limits import current
from jixiao.store.faults import fault_message
from jixiao.web import api, corpus_pages, pages
from jixiao.web.security import SecureHeaders, Throttle

log = logging.getLogger("jixiao.web")
STATUS_ZH = {400: "请求有误", 401: "未登录", 403: "无权进行此操作", 404: "没有这个页面或资源", 405: "不支持此请求方法",
             413: "请求过大", 422: "请求内容不符合要求", 429: "请求过于频繁"}


def create_app(engine: Engine, uploads: Path, *, profile: str = DEFAULT_PROFILE,
               max_upload: int | None = None, throttle: Throttle | None = None) -> FastAPI:
    """The app over an open corpus `engine` (migrated), keeping uploaded files under `uploads`."""
    load_profile(profile)  # a bad profile fails at start, not on the first upload
    app = FastAPI(title="jixiao 绩效自评表", version=jixiao.__version__, docs_url=None, redoc_url=None,
                  description="读取、重算、检查财政项目支出绩效自评表；上传、审核流转。")
    app.state.engine = engine
    app.state.uploads = uploads
    app.state.profile = profile
    app.state.max_upload = current().file_bytes if max_upload is None else max_upload  # the readers' limit
    app.state.throttle = throttle or Throttle()
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(corpus_pages.router)
    app.mount("/static/report", StaticFiles(packages=[("jixiao.report", "assets")]), name="report-assets")
    app.mount("/static", StaticFiles(packages=[("jixiao.web", "static")]), name="static")
    app.mount("/docs/assets", StaticFiles(directory=str(resources.files("fastapi_offline") / "static")),
              name="docs-assets")
    app.add_middleware(SecureHeaders, max_body=app.state.max_upload + (1 << 20),  # the multipart envelope around it
                       max_json=current().text_bytes)  # a JSON body is a record: the readers' limit for text
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(SQLAlchemyError, _store_error)
    app.add_exception_handler(Exception, _internal)
    return app


def run(app: FastAPI, host: str, port: int) -> None:
    """Serve `app` under uvicorn in this process. What exists at start (modules, compiled templates, the rule
    catalogue, the profile) is moved out of the garbage collector's reach first (`gc.freeze`): otherwise every
    full collection walks all of it while the requests in flight wait — under load that was most of the pages'
    p95 (bench/web.py: 118 → 43 ms on the forms list)."""
    import gc

    import uvicorn

    gc.collect()
    gc.freeze()
    uvicorn.run(app, host=host, port=port, log_level="warning")


async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
    first = exc.errors()[0] if exc.errors() else {}
    where = place([p for p in first.get("loc", ()) if p != "body"])
    return JSONResponse({"detail": f"{where}：{validation_message(first)}"}, status_code=422)


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    detail = exc.detail if isinstance(exc.detail, str) and not exc.detail.isascii() else (
        STATUS_ZH.get(exc.status_code, "请求失败"))
    return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=exc.headers)


async def _store_error(request: Request, exc: SQLAlchemyError) -> JSONResponse:
    log.error("语料库出错：%s", exc)
    return JSONResponse({"detail": fault_message(exc)}, status_code=503)


async def _internal(request: Request, exc: Exception) -> JSONResponse:
    log.exception("内部错误")
    return JSONResponse({"detail": f"服务器内部错误（{type(exc).__name__}），请报告此问题"}, status_code=500)
