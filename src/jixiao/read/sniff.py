"""What a file really is, from its first bytes: published files are often misnamed (a .xls that is an HTML
page, a .doc that is a .docx, a .pdf saved as .txt), so the suffix is only the last word."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from jixiao.errors import InputError
from jixiao.read.limits import ZIP_ERRORS, check_zip

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
_OLE_WORKBOOK = ("Workbook".encode("utf-16-le"), "Book\x00".encode("utf-16-le"))
_OLE_DOCUMENT = "WordDocument".encode("utf-16-le")
_OLE_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # an encrypted .docx/.xlsx is an OLE file holding it
_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")  # PNG, JPEG, TIFF (both byte orders)
# a web archive (.mht, or a .doc saved as "single file web page"): a MIME message of several parts
_MIME = re.compile(rb"(?im)^mime-version:\s*1\.0")
_MULTIPART = re.compile(rb"(?im)^content-type:\s*multipart/related")
_ODF = {"application/vnd.oasis.opendocument.text": "office", "application/vnd.oasis.opendocument.spreadsheet": "office"}


def kind_of(path: Path, head: bytes, file: str) -> str:
    """One of: pdf, docx, xlsx, xls, office (an old or other office format that LibreOffice converts), image (a
    scan or photo, read by OCR), mhtml (a web archive), text."""
    if head.lstrip(b"\r\n\t \xef\xbb\xbf")[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(ZIP):
        return _zip_kind(path, file)
    if head.startswith(OLE):
        return _ole_kind(path, file)
    if head.startswith(b"{\\rtf"):
        return "office"
    if head.startswith(_IMAGES):
        return "image"
    if _MIME.search(head) and _MULTIPART.search(head):
        return "mhtml"
    return "text"


def _zip_kind(path: Path, file: str) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            check_zip(archive, file)
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                if mimetype in _ODF:
                    return _ODF[mimetype]
    except ZIP_ERRORS as exc:
        raise InputError(file, f"文件是损坏的 ZIP 容器（.docx/.xlsx 等），无法打开：{exc}") from exc
    raise InputError(file, "文件是 ZIP 压缩包，但不是 Word（.docx）或 Excel（.xlsx）文档；请解压后再读取其中的文件")


def ole_names(path: Path) -> bytes:
    """The start of an OLE2 compound file, where the directory of a small file names its streams (UTF-16)."""
    with path.open("rb") as handle:
        return handle.read(4 << 20)


def is_word_binary(path: Path) -> bool:
    """An OLE2 file holding a Word document's stream (a .doc, or a WPS 文字 .wps that saved one), whatever its
    name says."""
    return _OLE_DOCUMENT in ole_names(path)


def _ole_kind(path: Path, file: str) -> str:
    """An OLE2 compound file: an Excel 97–2003 workbook (or a WPS 表格 .et that saved one) is read directly;
    anything else (.doc, .wps) goes through LibreOffice; an encrypted Office file is refused, saying so."""
    data = ole_names(path)
    if _OLE_ENCRYPTED in data:
        raise InputError(file, "Office 文档已加密（需要密码），无法读取；请提供未加密的版本")
    if any(name in data for name in _OLE_WORKBOOK) and _OLE_DOCUMENT not in data:
        return "xls"
    return "office"

