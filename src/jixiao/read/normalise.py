"""What is not layout, folded before any structure is looked for.

Line ends, invisible characters and the many Unicode spaces of Chinese documents; CJK radicals and strokes
that a PDF's fonts map some ideographs to (`项⽬⽀出` for 项目支出, as pdfminer, pypdf and pdfplumber take the text
out of many PDFs printed by browsers), as the ideographs they print; full-width digits, Latin
letters and the signs written inside numbers (`２，２７０．００`, `９９％`); the variants of comparison
operators (`≧ ═ ﹦ 》 >=`) that forms print for ≥, =, ≤. CJK punctuation between words (`，` `（`) is kept as
printed. Page-number lines are found here too, so that a page join is a gap, not a cell.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources

_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile("[\ufeff\u200b\u200c\u200d\u2060\u00ad]")
_WIDE = (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B), 0xFF05, 0xFF0E)
HALF_WIDTH = {c: c - 0xFEE0 for c in _WIDE}  # (a translate table: a character for a character)
_FOLD = {chr(c): chr(h) for c, h in HALF_WIDTH.items()}
# operator glyphs: one form each (≥ ≤ = < >)
_FOLD.update({"≧": "≥", "⩾": "≥", "≦": "≤", "⩽": "≤", "═": "=", "﹦": "=", "＝": "=", "＜": "<", "＞": ">"})
_FOLDED = re.compile(f"[{''.join(_FOLD)}]|》(?=\\s*\\d)")  # '》90': some budget systems print 》 for ≥
_ASCII_OPERATOR = re.compile(r"(?<![<>=])(>=|=>|<=|=<)(?![<>=])")
_ASCII_OPS = {">=": "≥", "=>": "≥", "<=": "≤", "=<": "≤"}

# a line that is only a page number: '- 2 -', '—3—', '第 2 页', '第2页 共5页', 'Page 2 of 5', or a continued table's
# caption on its new page: '续表', '（续）'
PAGE_NUMBER = re.compile(
    r"^(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?"
    r"|(?:page|Page|PAGE)\s*\d{1,3}(?:\s*of\s*\d{1,3})?"
    r"|[(（]续[)）]|[(（]?续(?:表\s*\d{0,2}|上表|前表)[)）]?)$")  # '续表', '（续）': a table continued on a new page
# a page footer inside a printed line (a document run together on one line): only the full '第 2 页 共 5 页'
# form, which no cell's text takes
INLINE_PAGE = re.compile(r"第\s*\d{1,3}\s*页\s*[,，/]?\s*共\s*\d{1,3}\s*页")
# '- 2 -' between words of a long line: a page footer run into a document printed on one line, when numbered in
# sequence with another (else it may be a fund row's '-' cells around a number)
INLINE_DASHED_PAGE = re.compile(r"(?<= )[-—–] ?(\d{1,3}) ?[-—–](?= )")
LONG_LINE = 400
# a document site's numbering of the chunks it cut a long text into ('1、…', '2、…' opening long lines in sequence)
SITE_CHUNK = re.compile(r"^(\d{1,3})、")
CHUNK_LINE = 300  # characters: a chunk is this long at least (but the last)
# a bare page number ('2', '2、', '2/5'): a value of a cell too, so only taken as a page number beside a form feed
BARE_PAGE_NUMBER = re.compile(r"^\d{1,3}(?:[、.]|\s*/\s*\d{1,3})?$")


def _fold_char(match: re.Match[str]) -> str:
    return _FOLD.get(match.group(0), "≥")


# any character `normalise`, `fold` or a cell's whitespace collapsing could change, or inline math opens with:
# a text without one is already what they would make of it
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"  # pinyin's toned vowels (a document site's readings: `normalise`)
NEEDS_WORK = re.compile(f"[\\s$={''.join(_FOLD)}{_TONED}》\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
                        "\ufeff\u200b\u200c\u200d\u2060\u00ad\u2e80-\u2fdf\u31c0-\u31ef]")
# CJK radicals (the supplement and the Kangxi radicals) and CJK strokes: a PDF's font may map an ideograph to one
_RADICAL = re.compile("[\u2e80-\u2fdf\u31c0-\u31ef]")


@cache
def _radicals() -> dict[int, str]:
    """Each CJK radical and stroke -> the unified ideograph it is printed as, from the Unicode Character Database's
    EquivalentUnifiedIdeograph.txt (shipped in `read/unicode/`: the Kangxi radicals would fold by NFKC, the
    supplement's, `⻓` for 长, `⻛` for 风, by no normalisation)."""
    table: dict[int, str] = {}
    data = resources.files("jixiao.read").joinpath("unicode/EquivalentUnifiedIdeograph.txt").read_text("utf-8")
    for line in data.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        source, target = (part.strip() for part in line.split(";"))
        first, _, last = source.partition("..")
        for code in range(int(first, 16), int(last or first, 16) + 1):
            table[code] = chr(int(target, 16))
    return table


def normalise(text: str) -> str:
    """Line ends, a replacement character ending the text, invisible characters, CJK radicals and Unicode spaces,
    keeping every line where it was (source lines stay right); box-drawing verticals (`│ ┃ ║`) as `|`, so a table
    drawn in characters is a table of certain cells (not the full-width `｜`: a cell's text may hold one). The
    forms of characters are folded per cell (`fold`), once the line's layout has been read: a full-width digit is
    as wide as two columns, and '>=' is also where an HTML tag ends."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\ufffd"):  # (the rest of a character a byte count cut in two, decoded elsewhere)
        text = text.rstrip("\ufffd")
    text = _INVISIBLE.sub("", text)
    if _RADICAL.search(text):
        text = text.translate(_radicals())
    if _BOX_VERTICAL.search(text):  # (three replaces: a translate looks every character of the text up)
        for bar in _BOX_VERTICALS:
            text = text.replace(bar, "|")
    text = _SPACES.sub(" ", unglossed(text))
    if "分" in text:
        text = _SPACED_POINTS.sub(r"\1分\2 ", text)
    return text


# points with a space before 分 ('(80 分)', a word processor's space between a digit and an ideograph): one cell,
# the space moved after it (the line keeps its length: column-aligned text keeps its columns)
_SPACED_POINTS = re.compile(r"([(（]\d+(?:\.\d+)?) 分([)）])")


def unglossed(text: str) -> str:
    """The text without the pinyin readings a document site prints after its characters, on their line or at
    the start of the next (a cell's lines: '轉' / '(zhuǎn)移支付')."""
    if _TONED_LETTER.search(text):  # (most documents have none: one quick scan, not the pattern's)
        return _PINYIN.sub("", text)
    return text


# a reading in pinyin that a document site prints after a character ('項(xiàng)目', '執(zhí)行'): not the form's text
_PINYIN = re.compile(f"(?<=[\u4e00-\u9fff])\\s?[(（][a-zü]*[{_TONED}][a-zü{_TONED}]*[)）]")
_TONED_LETTER = re.compile(f"[{_TONED}]")


_BOX_VERTICALS = "│┃║"
_BOX_VERTICAL = re.compile(f"[{_BOX_VERTICALS}]")
# a ruled line of a table drawn in characters: '+----+----+', '├────┼────┤', '|---|:---:|', '======'
RULE_HORIZONTAL = "-=─━═┄┅┈┉╌╍"
JUNCTIONS = frozenset("┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋╔╗╚╝╠╣╦╩╬╒╕╘╛╞╡╤╧╪╓╖╙╜╟╢╥╨╫╭╮╯╰")  # where a drawing's rules and bars meet
_RULE_CHARS = frozenset(RULE_HORIZONTAL + "+:| ") | JUNCTIONS
_RULE_TEXT = "".join(sorted(_RULE_CHARS))  # (a strip by these stops at a line's first character of text)
_THREE_HORIZONTALS = re.compile(f"[{re.escape(RULE_HORIZONTAL)}](?:.*?[{re.escape(RULE_HORIZONTAL)}]){{2}}")


def join(a: str | None, b: str | None) -> str:
    """Join two fragments of one cell broken over lines: no space between CJK, one between words."""
    a, b = (a or "").rstrip(), (b or "").lstrip()
    if not a or not b:
        return a or b
    if a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return f"{a} {b}"
    return a + b


def is_rule_line(stripped: str) -> bool:
    """A line that only draws a table's horizontal rule (three or more rule characters, nothing else); its first
    character decides whether the rest is looked at (almost every line is none)."""
    return (bool(stripped) and stripped[0] in _RULE_CHARS and not stripped.strip(_RULE_TEXT)
            and _THREE_HORIZONTALS.search(stripped) is not None)


def needs_fold(text: str) -> bool:
    """Whether `fold` would change anything in this text (most lines: no)."""
    return bool(_FOLDED.search(text)) or ("=" in text and ("<" in text or ">" in text))


def fold(text: str) -> str:
    """Full-width digits, letters and signs, operator glyphs and '>=' '<=' in one cell's text."""
    text = _FOLDED.sub(_fold_char, text)
    if "=" in text and ("<" in text or ">" in text):
        text = _ASCII_OPERATOR.sub(lambda m: _ASCII_OPS[m.group(1)], text)
    return text


MIN_RUNNING = 3  # pages a running header or footer is printed on, at the least
IDEOGRAPH = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")  # a CJK ideograph
# marks that end what stands before them: no text opens with one ('，满足…' goes on the words before it)
CLOSING_MARKS = "、，。；：,;:）)】」』”"
CUT_REST = re.compile(r"^\d{1,2}$")  # the rest of a number a narrow column cut ('0' of '20.0' / '0')
OPERATOR_SIGNS = frozenset("≥≤=><")  # a target's operator, folded

_PAGE_START = frozenset("-—–第pP续(（")  # what a page-number line opens with (`PAGE_NUMBER`)


def is_page_number(stripped: str, beside_form_feed: bool) -> bool:
    """A stripped line that is only a page number (its first character decides whether a pattern is tried:
    almost every line of a document is none)."""
    if not stripped or len(stripped) > 16:
        return False
    first = stripped[0]
    if first in _PAGE_START and PAGE_NUMBER.match(stripped):
        return True
    return beside_form_feed and first.isdigit() and bool(BARE_PAGE_NUMBER.match(stripped))


WIDE_CHAR = re.compile("[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")


@lru_cache(maxsize=1 << 14)
def display_width(text: str) -> int:
    """Columns a string takes in a monospaced rendering (CJK and full-width characters take two). Cached:
    the same words stand on many lines."""
    return len(text) + len(WIDE_CHAR.findall(text))


def site_chunks(lines: list[str]) -> set[int]:
    """The lines that open with a document site's chunk number: '1、' opening a long line, then '2、', '3、' … each
    opening the next line (blank lines between them too), every chunk but the last a long one (numbered paragraphs
    of a text are shorter, or not each on one line; each of them ends a sentence, and some chunk does not). The
    site cut its text into chunks anywhere, inside a number too ('…完成10' / '2、0%…' for '100%')."""
    out: list[int] = []
    before = -1  # the last line that is not blank
    for i, line in enumerate(lines):
        match = SITE_CHUNK.match(line)
        if not match:
            before = i if line.strip() else before
            continue
        n = int(match.group(1))
        follows = out and n == len(out) + 1 and out[-1] == before and len(lines[before]) >= CHUNK_LINE
        before = i
        if follows:
            out.append(i)
        elif n == 1 and len(line) >= CHUNK_LINE and len(out) < 2:
            out = [i]
    # (numbered paragraphs end in a sentence's end; a site cuts anywhere, so some chunk ends mid-sentence)
    cut_mid = any(not lines[j].rstrip().endswith(("。", "；", ";", "！", "？", "!", "?")) for j in out[:-1])
    return set(out) if len(out) >= 2 and cut_mid else set()
