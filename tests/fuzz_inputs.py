"""Fuzzing the readers: a seed corpus per reader (a web archive's wrap the HTML seed: `mhtml`) and the mutations
made of it, shared by the brief CI targets (tests/test_fuzz_readers.py, hypothesis) and the long run on demand
(bench/fuzz.py, subprocess-isolated).

A mutated document goes through what `jixiao parse` does with a file — sniffing, the reader, the assembler —
and may end in a form, nothing, or the project's read error (`InputError`). Anything else is a crash. Zip
containers (.docx, .xlsx) are mostly mutated inside a member, so the XML reader is reached, not only the zip
checksum.
"""

from __future__ import annotations

import base64
import io
import json
import quopri
import random
import zipfile
from functools import cache
from pathlib import Path

from jixiao.assemble import read_document
from jixiao.errors import InputError
from jixiao.read import read_path
from tests.conftest import GOLDEN, SEEDS

KINDS = ("text", "html", "mhtml", "docx", "xlsx", "xls", "pdf")
SUFFIX = {"text": ".txt", "html": ".html", "mhtml": ".mht", "docx": ".docx", "xlsx": ".xlsx", "xls": ".xls",
          "pdf": ".pdf"}


def mhtml(html: str, charset: str = "utf-8", encoding: str = "quoted-printable") -> bytes:
    """A web archive as Word or a browser saves one: a multipart/related message, the page quoted-printable or
    base64 in its charset, a picture beside it."""
    body = html.encode(charset)
    encoded = quopri.encodestring(body) if encoding == "quoted-printable" else base64.encodebytes(body)
    return b"\r\n".join([
        b"MIME-Version: 1.0", b'Content-Type: multipart/related; boundary="----=_NextPart_01"', b"",
        b"------=_NextPart_01", b"Content-Location: file:///C:/form.htm",
        f"Content-Transfer-Encoding: {encoding}".encode(), f'Content-Type: text/html; charset="{charset}"'.encode(),
        b"", encoded, b"------=_NextPart_01", b"Content-Type: image/png", b"Content-Transfer-Encoding: base64", b"",
        base64.encodebytes(b"\x89PNG\r\n\x1a\n" + bytes(64)), b"------=_NextPart_01--", b""])


def _forms(name: str = "003_a203d4b834672a09", count: int = 2) -> list[dict]:
    return json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))["forms"][:count]


@cache
def seeds(kind: str, folder: Path) -> tuple[bytes, ...]:
    """Seed documents of one reader (made once per folder; .xls and .pdf need LibreOffice, else a small
    hand-made seed)."""
    from tests.hostile.test_readers import pdf_pages

    if kind == "text":  # the samples, a sheet saved as CSV, tables drawn in characters, a cell per line (blanks kept)
        from tests.layout_render import render

        drawn = tuple(render(_forms(), layout).encode("utf-8")
                      for layout in ("csv", "box", "box_wrapped", "cell_lines_blank"))
        return tuple(seed.read_bytes() for seed in SEEDS) + drawn
    if kind == "html":
        from tests.layout_render import render

        return (render(_forms(), "html").encode("utf-8"), render(_forms(), "html", markup=True).encode("utf-8"))
    if kind == "mhtml":
        from tests.layout_render import render

        return (mhtml(render(_forms(), "html")), mhtml(render(_forms(), "html"), "gb18030", "base64"))
    if kind == "docx":
        from tests.docx_render import render_docx

        render_docx(_forms(), path := folder / "seed.docx", page_breaks=True)
        return (path.read_bytes(),)
    if kind == "xlsx":
        from tests.xlsx_render import render_xlsx

        render_xlsx(_forms(), path := folder / "seed.xlsx")
        return (path.read_bytes(),)
    from tests.pdf_render import soffice

    if kind == "xls":
        if soffice() is None:
            return ()
        from tests.xlsx_render import render_xls

        render_xls(_forms(count=1), path := folder / "seed.xls")
        return (path.read_bytes(),)
    assert kind == "pdf"
    hand_made = pdf_pages(2)
    if soffice() is None:
        return (hand_made,)
    from tests.docx_render import render_docx
    from tests.pdf_render import libreoffice_pdf

    render_docx(_forms(count=1), source := folder / "pdfseed.docx")
    [pdf] = libreoffice_pdf([source], folder / "pdf", folder / "profile")
    return (pdf.read_bytes(), hand_made)


def mutate_bytes(data: bytes, rng: random.Random, rounds: int = 1) -> bytes:
    """A few byte-level mutations: bit flips, random or 'interesting' bytes, cut, duplicated or dropped spans."""
    out = bytearray(data)
    for _ in range(rounds):
        if not out:
            out.extend(rng.randbytes(rng.randint(1, 16)))
            continue
        at = rng.randrange(len(out))
        span = rng.randint(1, min(64, len(out) - at))
        op = rng.randrange(7)
        if op == 0:
            out[at] ^= 1 << rng.randrange(8)
        elif op == 1:
            out[at:at + span] = rng.randbytes(span)
        elif op == 2:
            out[at:at] = rng.choice([b"\x00", b"\xff", b"<", b"&", b"\t", b"\n", b"|", b"9" * 40, b"-1", b"\xe4\xb8"])
        elif op == 3:
            del out[at:at + span]
        elif op == 4:
            out[at:at] = out[at:at + span] * rng.randint(2, 50)
        elif op == 5:
            del out[at:]
        else:
            for k in range(at, min(len(out), at + span)):
                out[k] = rng.choice(b"0123456789.,%<>=\"' \n\t")
    return bytes(out)


def mutate(kind: str, data: bytes, rng: random.Random) -> bytes:
    """A mutant of a seed: inside one member of a zip container (most of the time), else its bytes."""
    rounds = rng.choice((1, 1, 2, 4, 16))
    if kind in ("docx", "xlsx") and rng.random() < 0.8:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = {info.filename: archive.read(info) for info in archive.infolist()}
        xml = [name for name in members if name.endswith(".xml") or name.endswith(".rels")]
        name = rng.choice(xml)
        members[name] = mutate_bytes(members[name], rng, rounds)
        packed = io.BytesIO()
        with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
            for member, content in members.items():
                archive.writestr(member, content)
        return packed.getvalue()
    return mutate_bytes(data, rng, rounds)


def read_one(path: Path) -> int:
    """What `jixiao parse` does with one file, minus the error handling that would hide a crash: the number of
    forms read; InputError (or OSError) when the file is refused. Any other exception is a crash."""
    try:
        doc = read_path(path)
    except (InputError, OSError):
        return -1
    return len(read_document(doc).forms) if doc else 0
