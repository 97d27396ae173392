"""Web archives (MHTML: `.mht`, `.mhtml`, and the `.doc` files Word and office systems save as "single file web
page"): a MIME message whose HTML part holds the form. The part is decoded (quoted-printable or base64, in its
charset) with the standard library's `email` package and read as any HTML page; pictures and styles beside it
are left."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from pathlib import Path

from jixiao.errors import InputError
from jixiao.read.decode import decode_text
from jixiao.read.html import read_html
from jixiao.read.limits import current, read_bounded
from jixiao.read.tokens import Document


def read_mhtml(path: Path, file: str) -> Document:
    data = read_bounded(path, current().file_bytes, file, "网页存档")
    message = email.message_from_bytes(data, policy=email.policy.default)
    part = next((p for p in message.walk() if p.get_content_type() == "text/html"), None)
    if not isinstance(part, EmailMessage):
        raise InputError(file, "网页存档（MHTML）中没有 HTML 网页部分，无法读取")
    body = part.get_payload(decode=True)
    if not isinstance(body, bytes):
        raise InputError(file, "网页存档（MHTML）的 HTML 部分无法解码")
    if len(body) > current().text_bytes:  # (the pictures beside it may be large; the page is read as a text's)
        raise InputError(file, "网页存档（MHTML）的 HTML 部分过大，未读取")
    charset = part.get_content_charset()
    try:
        text = body.decode(charset) if charset else None
    except (LookupError, UnicodeDecodeError):
        text = None
    notices = []
    if text is None:  # no charset stated, or one that does not decode it: as a text file's bytes
        text, _, notices = decode_text(body, file)
    doc = read_html(text, file)
    doc.warnings[:0] = notices
    return doc
