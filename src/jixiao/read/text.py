"""Text reader: plain text extracted from published forms (PDF-to-text, Markdown, copy-paste).

It handles two layouts: tab-separated cells (one table row per line) and flowed text (cells broken into
whitespace-separated fragments, one printed line per row). The format's own markup — Markdown heading
marks, HTML paragraph tags, LaTeX math such as `$\\geq 90\\%$` — is resolved here, so nothing of the
format reaches the assembler.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from jixiao.read.decode import decode
from jixiao.read.grid import Cell, Grid, Row

SUFFIXES = (".txt", ".text", ".md", ".markdown", ".tsv", "")

_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile("[\ufeff\u200b\u200c\u200d\u2060\u00ad]")
# full-width digits, Latin letters and the signs written inside numbers ('２，２７０．００', '９９％');
# CJK punctuation such as '，' and '（' between words is kept as printed
_WIDE = (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B), 0xFF05, 0xFF0E)
_WIDE_ASCII = {c: c - 0xFEE0 for c in _WIDE}
_WIDE_CHARS = re.compile(f"[{''.join(map(chr, _WIDE))}]")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_PARA_BREAK = re.compile(r"</p>\s*<p[^>]*>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_MARKUP = re.compile("[<&$]")  # what `clean_markup` acts on
_MATH = re.compile(r"\$([^$\n]{1,200})\$")
_LATEX = {
    r"\geqslant": "≥", r"\leqslant": "≤", r"\geq": "≥", r"\leq": "≤", r"\ge": "≥", r"\le": "≤",
    r"\neq": "≠", r"\times": "×", r"\div": "÷", r"\pm": "±", r"\gt": ">", r"\lt": "<",
    r"\%": "%", r"\left": "", r"\right": "", r"\,": "", r"\;": "", r"\ ": "",
}
_LATEX_CMD = re.compile("|".join(re.escape(k) for k in sorted(_LATEX, key=len, reverse=True)))
_TEXT_CMD = re.compile(r"\\(?:text|mathrm|textrm|mathbf)\{([^{}]*)\}")

TABLE_SHARE = 0.3  # share of non-blank lines with tabs above which the text is a tab-separated table


def _math(match: re.Match[str]) -> str:
    body = _TEXT_CMD.sub(r"\1", match.group(1))
    body = _LATEX_CMD.sub(lambda m: _LATEX[m.group(0)], body)
    return re.sub(r"\s+", "", body.replace("{", "").replace("}", ""))


def clean_markup(text: str) -> str:
    """Resolve HTML paragraph tags, entities and inline LaTeX math in one cell or line."""
    if "<" in text:
        text = _PARA_BREAK.sub("\n", text)
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    if "$" in text:
        text = _MATH.sub(_math, text)
    return text


def normalise(text: str) -> str:
    """Line ends, invisible characters and the many Unicode spaces of Chinese documents."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    if _WIDE_CHARS.search(text):  # translating is slow (a lookup per character), and most text has none
        text = text.translate(_WIDE_ASCII)
    return _SPACES.sub(" ", text)


def read_text(text: str, file: str) -> Grid:
    """Turn decoded text into a grid."""
    lines = normalise(text).split("\n")
    filled = [ln for ln in lines if ln.strip()]
    tabbed = sum(1 for ln in filled if "\t" in ln)
    layout = "table" if filled and tabbed / len(filled) >= TABLE_SHARE else "flow"
    grid = Grid(file=file, layout=layout)
    gap = False
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            gap = True
            continue
        line = _HEADING.sub("", raw.rstrip())
        indent = len(line) - len(line.lstrip(" "))
        pieces = line.split("\t") if layout == "table" else line.split()
        if _MARKUP.search(line):  # rare: most lines need no cell cleaned
            pieces = [clean_markup(t) for t in pieces]
        if layout == "table":
            cells = [Cell(t.strip(), col) for col, t in enumerate(pieces)]
        else:
            cells = [Cell(t) for t in pieces]
        grid.rows.append(Row(cells=cells, line=number, break_before=gap, indent=indent))
        gap = False
    return grid


def read_file(path: Path, display: str | None = None) -> Grid:
    """Read a text document from disk (raises InputError with a user message when it cannot)."""
    name = display or str(path)
    text, _ = decode(path.read_bytes(), name)
    return read_text(text, name)
