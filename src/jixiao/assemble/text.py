"""Text helpers of the assembler: matching keys, tidying text, reading numbers."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

from jixiao.measures import is_measure
from jixiao.read.limits import MAX_NUMBER_DIGITS
from jixiao.read.normalise import CLOSING_MARKS, join

_T2S = opencc.OpenCC("t2s")
_WS = re.compile(r"\s+")
_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u2018-\u201f\u2026"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])[ \t]+(?=[{_CJK}])")
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
DASHES = {"-", "—", "–", "－", "——", "--", "/", "／", "无"}
GOES_ON = (",", "，", "、", ":", "：", "(", "（", "“")  # a text ending in one of these goes on after it
SENTENCE_END = ("。", "；", ";", "！", "!", "？", "?", ".")  # a text ending in one of these ends a sentence
HANGING = "、，。；：！？）】」』”,.;:!?)"  # marks a line may end on past its column's edge (CJK typesetting)
# a piece opening with a closing mark, a point or a percent sign goes on what came before it ('，', ')', '%')
CONTINUES = re.compile(f"^[{re.escape(CLOSING_MARKS)}.%]")


GRADE_WORD = re.compile(r"^(?:[优秀良中差好合格不及一般较]{1,4}|[A-Da-d]|[甲乙丙丁]等?)$")  # a 评分等级 as printed


def brackets(text: str) -> int:
    """Brackets a text opens and leaves open (negative: closes ones opened before it)."""
    return text.count("(") + text.count("（") - text.count(")") - text.count("）")


def printed_twice(text: str, least: int = 2) -> str | None:
    """What a text prints twice over, side by side — a cell and the next alike ('显著提升显著提升'), or one text in
    both columns run into one line ('新建道路524m。 新建道路524m。') — or None. `least`: the shortest half."""
    half = len(text) // 2
    if half < least:
        return None
    if len(text) % 2 == 0:
        return text[:half] if text[:half] == text[half:] else None
    return text[:half] if text[half].isspace() and text[:half] == text[half + 1:] else None


@lru_cache(maxsize=1 << 16)
def fold(text: str | None) -> str:
    """Matching key: NFKC (full-width to half-width), no whitespace, traditional characters as simplified
    (OpenCC), so `項目名稱`, `项目 名称` and `项目名称` are one label.

    Cached: cells repeat across rows and forms, and each is matched against many labels."""
    if not text:
        return ""
    key = "".join(unicodedata.normalize("NFKC", text).split())
    if not key.isascii():
        key = _T2S.convert(key)
    return key


def tidy(text: str | None) -> str | None:
    """Output form of a cell: trimmed, breaks inside CJK runs removed; None when blank."""
    if text is None:
        return None
    if not _WS.search(text):  # most cells: nothing to tidy
        return text or None
    lines = [" ".join(ln.split()) for ln in text.split("\n")]
    out = "\n".join(ln for ln in lines if ln)
    out = _CJK_GAP.sub("", out)
    return out or None


@lru_cache(maxsize=4096)
def width(text: str) -> float:
    """Printed width in CJK character units (a half-width character counts one half).

    Cached: cutting flowed fragments into cells measures the same lines for every way of cutting them."""
    total = 0.0
    for ch in text:
        eaw = unicodedata.east_asian_width(ch)
        total += 1.0 if eaw in ("W", "F", "A") else 0.5
    return total


@lru_cache(maxsize=1 << 14)
def number(text: str | None) -> float | None:
    """A plain number as printed in a numeric cell ('2,270.00', '99.44%', '10分'); None otherwise.

    Cached like `fold`: rows are scanned for their numbers several times, and 分值/得分 cells repeat."""
    key = fold(text).rstrip("%分元").removesuffix("万")
    if not _NUMBER.match(key):
        return None
    digits = key.replace(",", "")
    if len(digits.lstrip("+-").split(".")[0]) > MAX_NUMBER_DIGITS:
        return None  # no form holds such an amount, and a float would not hold it exactly (or at all: 1e400)
    return float(digits)


def counted(before: str, after: str) -> bool:
    """A number and the measure word after it ('2' '个平台', '较目标低5' '个百分点'): one phrase, never cut between."""
    return before[-1:].isdigit() and (is_measure(after[:1]) or is_measure(after[:2]))


def decimals(text: str) -> int:
    """Digits after the decimal point of a printed number ('20.00' → 2, '99.5%' → 1, '20' → 0)."""
    head, dot, tail = fold(text).rstrip("%").partition(".")
    return len(tail) if dot else 0


MAX_POINTS = 100.0  # an indicator's 分值 or 得分 is at most the whole form's


OPERATOR_START = re.compile(r"^[≥≤<>=≠]")  # a target printed with its operator ('≥95%', '≤62万元')
PERCENT_POINTS = re.compile(r"^\d{1,3}(?:\.\d+)?%$")  # a 分值 printed as a percent ('10%', '10.00%')


def points(key: str) -> float | None:
    """The points a 分值 or 得分 cell holds ('10.00', '8分'), or None (a rate such as '95%' is none)."""
    if "%" in key:
        return None
    value = number(key)
    return value if value is not None and 0 <= value <= MAX_POINTS else None


def is_dash(text: str | None) -> bool:
    """A cell left empty on purpose ('-', '—', '/')."""
    return fold(text) in DASHES


def after_chars(text: str, count: int) -> str:
    """The text after its first `count` non-blank characters (a label printed with spaces inside)."""
    seen = 0
    for i, ch in enumerate(text):
        if not ch.isspace():
            seen += 1
            if seen == count:
                return text[i + 1:]
    return ""


def joined_lines(pieces: list[str]) -> str:
    """A wrapped text's lines, joined: a line break inside it is no space (one between two words is kept)."""
    text = ""
    for piece in pieces:
        text = join(text, piece) if text else piece
    return text
