"""Two-decimal rounding as forms print it (R9): half-up rounding, truncation or rounding up, and which one a
form uses."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import lru_cache

_EPS = 1e-9


class Method(StrEnum):
    round = "round"
    truncate = "truncate"
    up = "up"  # rounding up (进位): some platforms print 86.183 as 86.19


METHOD_ZH = {Method.round: "四舍五入", Method.truncate: "截位", Method.up: "进位"}


_LARGE = 1e15  # beyond this a two-decimal rounding is meaningless (and Decimal/floor would overflow)


def round_half_up(x: float, digits: int = 2) -> float:
    if not math.isfinite(x) or abs(x) >= _LARGE:
        return x
    # via repr, so 9.945 (stored as 9.94499…) rounds the way a person with a calculator rounds it
    return float(Decimal(repr(x)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def truncate(x: float, digits: int = 2) -> float:
    if not math.isfinite(x) or abs(x) >= _LARGE:
        return x
    factor = 10**digits
    return math.floor(x * factor + _EPS) / factor


def round_up(x: float, digits: int = 2) -> float:
    if not math.isfinite(x) or abs(x) >= _LARGE:
        return x
    factor = 10**digits
    return math.ceil(x * factor - _EPS) / factor


_APPLY = {Method.round: round_half_up, Method.truncate: truncate, Method.up: round_up}


def apply(method: Method, x: float, digits: int = 2) -> float:
    return _APPLY[method](x, digits)


def candidates(x: float, digits: int = 2) -> dict[Method, float]:
    return {m: apply(m, x, digits) for m in Method}


def matching(printed: float, exact: float, tolerance: float, digits: int = 2,
             methods: tuple[Method, ...] = tuple(Method)) -> set[Method]:
    """The methods whose result at `digits` decimals the printed value equals (within `tolerance`)."""
    return {m for m in methods if abs(printed - apply(m, exact, digits)) <= tolerance + _EPS}


def as_fraction(printed: float, exact: float, tolerance: float) -> bool:
    """A rate printed as a fraction of one, a rounding at the precision it shows of the exact rate (a percent):
    0.958 for 95.8%, 0.96, or 0.1 for 14.46%. It shows a decimal point (a bare 1 is 1%), and the exact rate is
    over 1.5% (a fraction is no percent that small)."""
    shown = decimals(printed)
    return shown > 0 and 0 < printed <= 1.5 and exact > 1.5 and bool(
        matching(printed, exact / 100, tolerance / 100, shown, (Method.round, Method.truncate)))


def decimals(x: float) -> int:
    """How many decimals a number read from a form shows (86.0 → 0, 0.958 → 3); a float keeps no trailing zeros,
    so 86.20 printed counts as 1."""
    text = repr(float(x))
    if "e" in text or "E" in text:
        return 2
    head, _, tail = text.partition(".")
    tail = tail.rstrip("0")
    return len(tail)


@lru_cache(maxsize=4096)
def fmt(x: float, digits: int = 4) -> str:
    """A number for an explanation: up to `digits` decimals, no trailing zeros.

    Cached: every form's formulas are written out, and weights and scores are few distinct numbers."""
    text = f"{x:,.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
