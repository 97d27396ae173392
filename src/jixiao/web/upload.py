"""An uploaded document into the corpus: its bytes kept under the uploads directory (named by their SHA-256, so
the same bytes are one file), then read, checked and stored by `jixiao.ingest` like a file on the command line,
and its forms made drafts of the uploader's unit (`jixiao.store.workflow.claim`). The server's request threads
read uploads one at a time (`_READING`)."""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import Engine, select

from jixiao.console import clean
from jixiao.ingest import Outcome, ingest
from jixiao.read.limits import current
from jixiao.store.accounts import Account
from jixiao.store.tables import Document, FormRow
from jixiao.store.workflow import claim, place

CHUNK = 1 << 20
MAX_NAME = 120
_READING = threading.Lock()  # one upload read at a time per process: pdfium is not thread-safe, and memory stays flat


class UploadError(Exception):
    """An upload that gave no form: `status` (HTTP) and a Chinese `message` naming the file and why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Uploaded:
    document_id: int
    form_ids: list[int]
    problem: str | None = None  # some forms of the file could not be read: which and why


def safe_name(name: str | None) -> str:
    """The file's own name, without directories, control characters or leading dots, cut to MAX_NAME."""
    base = clean((name or "").replace("\\", "/").rsplit("/", 1)[-1]).strip().lstrip(".")
    return base[-MAX_NAME:] or "upload"


def _copy(stream: BinaryIO, out: BinaryIO, name: str, limit: int) -> str:
    """Copy at most `limit` bytes of `stream` to `out`; their SHA-256. UploadError when too large or empty."""
    digest = hashlib.sha256()
    size = 0
    while chunk := stream.read(CHUNK):
        size += len(chunk)
        if size > limit:
            raise UploadError(413, f"{name}：文件过大，超过上传上限 {limit >> 20} MB；未读取")
        digest.update(chunk)
        out.write(chunk)
    if size == 0:
        raise UploadError(422, f"{name}：文件为空；未读取")
    return digest.hexdigest()


def save_bounded(stream: BinaryIO, target: Path, name: str, limit: int) -> Path:
    """`stream` copied to `target` (at most `limit` bytes, else UploadError 413)."""
    with target.open("wb") as out:
        _copy(stream, out, name, limit)
    return target


def _save(stream: BinaryIO, directory: Path, name: str, limit: int) -> tuple[Path, str]:
    """Copy at most `limit` bytes of `stream` beside their final place; (the kept file, its SHA-256)."""
    directory.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".upload-")
    try:
        with os.fdopen(handle, "wb") as out:
            sha256 = _copy(stream, out, name, limit)
        final = directory / sha256[:2] / sha256 / name
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(temporary, final)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return final, sha256


def store_upload(engine: Engine, stream: BinaryIO, filename: str | None, account: Account, uploads: Path,
                 profile: str, limit: int | None = None) -> Uploaded:
    """Keep, read, check and store one uploaded document for `account`; UploadError when no form could be
    stored (unreadable, hostile, too big) or when the same bytes are stored already as another unit's forms."""
    name = safe_name(filename)
    path, sha256 = _save(stream, uploads, name, current().file_bytes if limit is None else limit)
    with _READING:
        summary = ingest(engine, [path], profile=profile, jobs=1)
    documents, forms = Document.__table__, FormRow.__table__
    with engine.begin() as conn:
        document_id = conn.execute(select(documents.c.id).where(documents.c.sha256 == sha256)).scalar()
        if document_id is None:
            path.unlink(missing_ok=True)  # nothing of it is stored: its bytes are not kept either
            failure = summary.failures[0].message if summary.failures else "未读到自评表"
            raise UploadError(422, f"{name}：{failure}")
        if summary.outcomes[Outcome.added] or summary.outcomes[Outcome.new_version]:
            claim(conn, document_id, account)
        ids = list(conn.execute(select(forms.c.id).where(forms.c.document_id == document_id)
                                .order_by(forms.c.form_index)).scalars())
        if not all(account.sees((place(conn, i) or (None,))[0]) for i in ids):
            raise UploadError(409, f"{name}：同样内容的文件已由其他单位上传，不能再次上传")
    problem = summary.failures[0].message if summary.failures else None
    return Uploaded(document_id, ids, problem)
