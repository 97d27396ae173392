"""Two-decimal rounding as forms print it (R9): half-up rounding or truncation, and which one a form uses."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import lru_cache

_EPS = 1e-9


class Method(StrEnum):
    round = "round"
    truncate = "truncate"


METHOD_ZH = {Method.round: "四舍五入", Method.truncate: "截位"}


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


def apply(method: Method, x: float) -> float:
    return round_half_up(x) if method is Method.round else truncate(x)


def candidates(x: float) -> dict[Method, float]:
    return {Method.round: round_half_up(x), Method.truncate: truncate(x)}


def matching(printed: float, exact: float, tolerance: float) -> set[Method]:
    """The methods whose 2-decimal result the printed value equals (within `tolerance`)."""
    return {m for m, v in candidates(exact).items() if abs(printed - v) <= tolerance + _EPS}


@lru_cache(maxsize=4096)
def fmt(x: float, digits: int = 4) -> str:
    """A number for an explanation: up to `digits` decimals, no trailing zeros.

    Cached: every form's formulas are written out, and weights and scores are few distinct numbers."""
    text = f"{x:,.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
