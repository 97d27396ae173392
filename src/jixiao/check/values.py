"""Plain values read from the printed 年度指标值 / 实际完成值 and from fund amounts.

Scoring rules (docs/rules.md R12–R16, R28, R29) read these values and never the document text,
so every decision about what a printed string means is made here, once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from jixiao.assemble.text import fold
from jixiao.measures import MEASURES


class Op(StrEnum):
    """The comparison a target states; R12 maps it to positive, equal or reverse scoring."""

    GE = "≥"
    GT = ">"
    EQ = "="
    LE = "≤"
    LT = "<"


class Kind(StrEnum):
    """What a printed value is; only NUMBER, RATIO and RANK can be scored as quantities."""

    NUMBER = "number"
    RATIO = "ratio"
    RANK = "rank"
    TEXT = "text"
    EMPTY = "empty"


class Tier(StrEnum):
    """The three qualitative tiers of R16; each has its own score band."""

    ACHIEVED = "达成"
    PARTIAL = "部分达成"
    FAILED = "未达成"


@dataclass(frozen=True)
class Value:
    """One printed target or actual, reduced to what the scoring rules compare."""

    text: str  # as printed, stripped ("" for None)
    kind: Kind
    op: Op | None = None  # None for TEXT/EMPTY; a bare number is EQ with explicit_op False (R12)
    explicit_op: bool = False  # the text printed an operator symbol or word
    number: float | None = None  # in the printed unit: 100 for "100万人"
    unit: str = ""  # printed unit without brackets: "%", "万人", "亿次"
    base_unit: str = ""  # unit without its scale prefix: "人" for "万人"
    scale: float = 1.0  # 1e4 for 万, 1e8 for 亿 ...
    ratio: tuple[float, float] | None = None  # (1, 3) for "1:3"
    tier: Tier | None = None  # TEXT only: the R16 tier of the words, None when undecidable
    vague: bool = False  # TEXT only: an unmeasurable target word (R28)

    @property
    def base_number(self) -> float | None:
        """The number in the base unit, so "1.84亿小时" and "184400457小时" compare directly."""
        return None if self.number is None else self.number * self.scale

    @property
    def quantitative(self) -> bool:
        """Scored as a quantity (R13–R15), not by the qualitative tiers of R16."""
        return self.kind in _QUANTITATIVE


_QUANTITATIVE = frozenset({Kind.NUMBER, Kind.RATIO, Kind.RANK})
_SYMBOLS = {
    ">=": Op.GE, "≥": Op.GE, "≧": Op.GE, "⩾": Op.GE, "》": Op.GE,  # 》 is how OCR and IMEs print ≥
    ">": Op.GT, "=": Op.EQ, "<=": Op.LE, "≤": Op.LE, "≦": Op.LE, "⩽": Op.LE, "<": Op.LT,
}  # fmt: skip
_WORDS_BEFORE = {
    "大于等于": Op.GE, "不低于": Op.GE, "不少于": Op.GE, "至少": Op.GE, "达到": Op.GE,
    "大于": Op.GT, "超过": Op.GT, "等于": Op.EQ,
    "小于等于": Op.LE, "不高于": Op.LE, "不超过": Op.LE, "不多于": Op.LE, "控制在": Op.LE,
    "小于": Op.LT, "低于": Op.LT,
}  # fmt: skip
_WORDS_AFTER = {"及以上": Op.GE, "以上": Op.GE, "及以下": Op.LE, "以下": Op.LE, "以内": Op.LE}  # longest first
_SCALES = {"万亿": 1e12, "千万": 1e7, "百万": 1e6, "亿": 1e8, "万": 1e4, "千": 1e3, "百": 1e2}
_SCALE_PREFIXES = sorted(_SCALES, key=len, reverse=True)


def _alt(words: Iterable[str]) -> str:
    """A regex alternation, longest first, so 大于等于 is not read as 大于 followed by 等于."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_OP = rf"(?P<sym>{_alt(_SYMBOLS)})?(?P<word>{_alt(_WORDS_BEFORE)})?"
_NUM = r"[-+]?[0-9]+(?:\.[0-9]+)?"
_NUMBER = re.compile(rf"{_OP}(?P<num>{_NUM})(?:\((?P<bracketed>[^()0-9]{{1,6}})\)|(?P<unit>[^()0-9]{{1,6}}))?")
# units accepted after a number without brackets (`MEASURES`, shared with the reader); anything else trailing
# ("年内", "年完成") makes the value TEXT
_PLAIN_UNIT = re.compile(rf"(?:{_alt(_SCALES)})?(?:{_alt(MEASURES)})?")
_RATIO = re.compile(rf"{_OP}(?P<a>{_NUM}):(?P<b>{_NUM})")
_RANK = re.compile(r"(?:排名)?(?P<pos>[前第])(?P<n>[0-9]{1,4}|[一二两三四五六七八九十]{1,3})[名位]?(?P<within>以内)?")
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_OPERATOR_CODE = re.compile(r"^[0-9]{3}(?=[<>=≥≤≧≦》])")  # Yunnan's budget system: "004 >=" before the target
_THOUSANDS = re.compile(r"(?<=[0-9]),(?=[0-9]{3}(?:[^0-9]|$))")
_EMPTY = frozenset({"", "-", "--", "—", "——", "/", "无"})

# R16 tiers. Order matters: a negated achievement word (未完成, 不满意) fails, a negated bad thing
# (未发生事故, 没有任务延期, 未超预算) succeeds, and 不断 (不断完善) is no negation at all.
_POSITIVE = (
    "达成|达到|达标|完成|满意|满足|有效|及时|健全|提升|提高|符合|合规|合理|规范|明显|增强|较强|平稳|稳定"
    "|顺利|良好|优秀|覆盖|通过|实现|到位|合格|完善|优化|改善|可用|有利|应用|形成|推动|节约"
)
_MEASURE = re.compile(r"(?:满意|完成|达成|达标|覆盖|及时|合格|通过)[度率]")  # names a measure, judges nothing
_PARTIAL_START = re.compile(r"大?部分|基本|大体")
_FAILED = re.compile(rf"(?:未能?|尚未|没有?|不|无法)(?:全部|完全|按时|按期|如期|及时|太|够)?(?:{_POSITIVE})|较差")
_PARTIAL = re.compile(r"有待|一般$")
_GOOD_NEGATION = re.compile(
    r"(?:未|不(?!断)|(?:没有?|无(?!法)|零|杜绝)\w{0,4}?)"
    r"(?:发生|出现|超|延期|延误|逾期|投诉|违规|违纪|事故|差错|失误|拖延|发现)"
)
_NEGATION_START = re.compile(r"未|没|尚未|无法|无效")
_ACHIEVED = re.compile(_POSITIVE)

# R28: short generic words with no measurable criterion, and "within the year" time windows.
_VAGUE = re.compile(
    "有效|提升|提高|及时|健全|较强|增强|加强|规范|完善|优化|改善|合理|明显|平稳|稳定|可用|有利|满足|形成|符合"
    "|合规|应用|合同|有一定|推动|节约"
)
_TIME_WINDOW = re.compile(r"=?(?:[0-9]{1,4}|本|当)?年度?内?(?:完成)?")
_CALENDAR_YEAR = re.compile(r"(?:19|20)[0-9]{2}年")  # "2023年" is a date, not a count of years
_VAGUE_MAX_LEN = 8


@lru_cache(maxsize=1 << 14)
def parse_value(text: str | None) -> Value:
    """Read a printed target or actual; the whole text must be a value to be quantitative (R12).

    Cached: the same texts (100%, ≥95%, 达成) recur across indicators and forms, and a `Value` is immutable."""
    printed = (text or "").strip()
    s = _normalise(printed)
    if s in _EMPTY:
        return Value(printed, Kind.EMPTY)
    core, after = s, None
    for word, op in _WORDS_AFTER.items():
        if s.endswith(word):
            core, after = s[: -len(word)], op
            break
    m = None if _CALENDAR_YEAR.fullmatch(core) else _NUMBER.fullmatch(core)
    if m and (m["bracketed"] or _PLAIN_UNIT.fullmatch(m["unit"] or "")):
        unit = m["bracketed"] or m["unit"] or ""
        base, scale = _split_unit(unit)
        return Value(printed, Kind.NUMBER, *_operator(m, after), float(m["num"]), unit, base, scale)
    if m := _RATIO.fullmatch(core):
        return Value(printed, Kind.RATIO, *_operator(m, after), ratio=(float(m["a"]), float(m["b"])))
    if (m := _RANK.fullmatch(s)) and (rank := _cn_int(m["n"])) is not None:
        top = m["pos"] == "前" or bool(m["within"])  # 前三名: rank 3 or better
        return Value(printed, Kind.RANK, Op.LE if top else Op.EQ, top, float(rank))
    return Value(printed, Kind.TEXT, tier=_tier(s), vague=_vague(s))


def comparable(a: Value, b: Value) -> bool:
    """Whether a rule may compare the two values as quantities.

    Numbers compare when their base units agree (then compare `base_number`), when one side prints only a
    scale, as in "24亿" against "≥1亿元" (the scale takes the other side's base unit; compare `base_number`), or
    when one side prints no unit, as in "95" against "95%" (then compare `number`).
    """
    if a.kind is Kind.NUMBER and b.kind is Kind.NUMBER:
        return not a.unit or not b.unit or a.base_unit == b.base_unit or not a.base_unit or not b.base_unit
    if a.kind is Kind.RATIO and b.kind is Kind.RATIO and a.ratio and b.ratio:
        return a.ratio[0] == b.ratio[0] or a.ratio[1] == b.ratio[1]
    return a.kind is Kind.RANK and b.kind is Kind.RANK


_MONEY = "万元|亿元|千元|元|万|亿"
_AMOUNT = re.compile(rf"(?P<num>{_NUM})(?:\((?P<bracketed>{_MONEY})\)|(?P<unit>{_MONEY}))?")


def parse_amount(text: str | None) -> tuple[float | None, str]:
    """Read a fund amount and its printed unit; a dash, a blank or anything else is (None, "")."""
    m = _AMOUNT.fullmatch(_normalise(text or ""))
    return (float(m["num"]), m["bracketed"] or m["unit"] or "") if m else (None, "")


def _normalise(text: str) -> str:
    """Full-width to half-width, no spaces, no thousands commas, no closing 。/;."""
    s = fold(text).replace("−", "-")  # NFKC, no spaces, traditional as simplified: the reader's matching key
    s = _THOUSANDS.sub("", s)
    return _OPERATOR_CODE.sub("", s).rstrip("。;")


def _operator(m: re.Match[str], after: Op | None) -> tuple[Op, bool]:
    """The printed operator and True, or R12's default for a bare number: EQ and False."""
    op = _SYMBOLS.get(m["sym"] or "") or _WORDS_BEFORE.get(m["word"] or "") or after
    return (op, True) if op else (Op.EQ, False)


def _split_unit(unit: str) -> tuple[str, float]:
    """("人", 1e4) for "万人"; 百分点 and friends are whole units, not 百 × 分点."""
    if unit not in MEASURES:
        for prefix in _SCALE_PREFIXES:
            if unit.startswith(prefix):
                return unit[len(prefix) :], _SCALES[prefix]
    return unit, 1.0


def _cn_int(s: str) -> int | None:
    """Arabic or Chinese numerals up to 九十九 (三, 十一, 二十); None for anything else."""
    if s.isascii():
        return int(s)
    head, ten, tail = s.partition("十")
    if not ten:
        return _CN_DIGITS.get(s)
    tens = _CN_DIGITS.get(head) if head else 1
    ones = _CN_DIGITS.get(tail) if tail else 0
    return None if tens is None or ones is None else tens * 10 + ones


def _tier(s: str) -> Tier | None:
    """The R16 tier of a TEXT value; None rather than a guess, since a wrong tier makes a wrong finding."""
    s = _MEASURE.sub("", s)
    if re.search("[0-9]", s.replace("100%", "")):
        return None  # a number in a sentence is a result we cannot weigh against the target
    if _PARTIAL_START.match(s):
        return Tier.PARTIAL
    if _FAILED.search(s):
        return Tier.FAILED
    if _PARTIAL.search(s):
        return Tier.PARTIAL
    if _GOOD_NEGATION.search(s):
        return Tier.ACHIEVED
    if _NEGATION_START.match(s):
        return Tier.FAILED
    return Tier.ACHIEVED if _ACHIEVED.search(s) else None


def _vague(s: str) -> bool:
    """R28: a short generic word or a "within the year" window cannot be checked against anything."""
    if _TIME_WINDOW.fullmatch(s):
        return True
    short = len(s) <= _VAGUE_MAX_LEN and not re.search("[0-9]", s)
    return short and bool(_VAGUE.search(s)) and not _FAILED.search(s)  # 不及时 is no target at all
