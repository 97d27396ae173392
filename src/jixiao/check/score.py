"""Re-scoring a form under a profile (rules.md B–D). Every recomputed number carries its formula.

`score(form)` is pure arithmetic on parsed values; rules compare what the form printed with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from jixiao.check import rounding
from jixiao.check.profile import Profile, load_profile
from jixiao.check.rounding import METHOD_ZH, Method, fmt
from jixiao.check.values import Kind, Op, Tier, Value, comparable, parse_value
from jixiao.model import FUND_ROWS, Form, FundRow
from jixiao.places import FUND_ROW_ZH


@dataclass
class Convention:
    """How a form rounds one kind of number: recognised from the numbers that tell the methods apart."""

    method: Method | None = None  # None: no number of the form tells (all that fit are accepted)
    mixed: bool = False  # the form uses both half-up rounding and truncation
    fixed: bool = False  # the profile prescribes the method
    evidence: list[str] = field(default_factory=list)

    def describe(self) -> str:
        if self.mixed:
            return "本表混用四舍五入和截位"
        if self.method is None:
            return "本表的数字不能区分四舍五入、截位和进位（均接受）"
        how = "配置规定" if self.fixed else "本表"
        return f"{how}按{METHOD_ZH[self.method]}保留两位小数"


@dataclass(slots=True)
class Number:
    """A printed two-decimal number and what the form's own figures give for it."""

    path: str
    printed: float | None
    exact: float
    formula: str
    matches: set[Method] = field(default_factory=set)  # methods whose two-decimal result equals the printed value
    convention: Convention | None = None
    reading: str | None = None  # how a rate that is not two decimals was printed: 整数百分比, 小数 (0.958)
    percent: bool = False  # a rate, which may be printed as a whole percent or a fraction
    tells: Method | None = None  # the one method this number shows the form uses, when it tells them apart

    @property
    def expected(self) -> float:
        method = self.convention.method if self.convention and self.convention.method else Method.round
        return rounding.apply(method, self.exact)

    @property
    def ok(self) -> bool:
        return self.printed is None or bool(self.matches) or self.reading is not None

    @property
    def explanation(self) -> str:
        values = rounding.candidates(self.exact)
        shown = "，".join(f"{METHOD_ZH[m]} {values[m]:.2f}" for m in Method)
        text = f"{self.formula} = {fmt(self.exact)}（{shown}）"
        if self.reading:
            text += f"；表上写 {fmt(self.printed or 0, 4)}，{self.reading}"
        return f"{text}；{self.convention.describe()}" if self.convention else text


@dataclass
class FundCheck:
    row: str
    rate: Number | None = None  # None when the row has no annual budget or no executed amount
    score: Number | None = None  # the total row only


class IndicatorKind(StrEnum):
    positive = "positive"  # ≥ / >
    reverse = "reverse"  # ≤ / <
    equal = "equal"  # = with a target above zero
    zero = "zero"  # = 0
    rank = "rank"  # 前三名
    qualitative = "qualitative"
    unscored = "unscored"


KIND_ZH = {IndicatorKind.positive: "正向指标", IndicatorKind.reverse: "反向指标", IndicatorKind.equal: "等于型指标",
           IndicatorKind.zero: "目标为零的指标", IndicatorKind.rank: "名次指标", IndicatorKind.qualitative: "定性指标",
           IndicatorKind.unscored: "无法自动计分的指标"}
QUANTITATIVE = (IndicatorKind.positive, IndicatorKind.reverse, IndicatorKind.equal, IndicatorKind.zero,
                IndicatorKind.rank)


@dataclass(slots=True)
class IndicatorScore:
    """One 三级指标 scored by the rules: the band [low, high] its score must lie in."""

    index: int
    target: Value
    actual: Value
    kind: IndicatorKind
    weight: float | None
    printed: float | None
    met: bool | None = None
    achievement: float | None = None  # actual / target (positive and equal kinds)
    tier: Tier | None = None
    low: float | None = None
    high: float | None = None
    high_open: bool = False  # the band excludes `high` (部分达成 < 80%)
    formula: str = ""
    unscored_reason: str | None = None

    @property
    def path(self) -> str:
        return f"indicators.{self.index}"

    @property
    def quantitative(self) -> bool:
        return self.kind in QUANTITATIVE

    def distance(self) -> float | None:
        """How far the printed score lies outside the band (negative: below it), 0 inside, None if unknown."""
        if self.printed is None or self.low is None or self.high is None:
            return None
        if self.printed < self.low:
            return self.printed - self.low
        if self.printed > self.high:
            return self.printed - self.high
        return 0.0

    def recomputed(self) -> float | None:
        """The score the rules allow that is closest to the printed one."""
        if self.low is None or self.high is None:
            return self.printed
        if self.printed is None:
            return self.high
        return min(max(self.printed, self.low), self.high)


@dataclass
class Scorecard:
    """A form re-scored: funds, indicators, total and grade, each with its formula."""

    form: Form
    profile: Profile
    rate_rounding: Convention
    score_rounding: Convention
    funds: dict[str, FundCheck]
    indicators: list[IndicatorScore]
    parts_sum: float | None = None  # printed funds score + Σ printed indicator scores
    parts_formula: str = ""
    recomputed_total: float | None = None
    recomputed_formula: str = ""

    @property
    def funds_score(self) -> Number | None:
        check = self.funds.get("total")
        return check.score if check else None

    @property
    def execution_rate(self) -> float | None:
        """The total row's exact execution rate in percent."""
        check = self.funds.get("total")
        return check.rate.exact if check and check.rate else None


def _fund_numbers(name: str, row: FundRow, weight: float) -> FundCheck:
    check = FundCheck(name)
    if row.annual_budget and row.annual_budget > 0 and row.executed is not None:
        ann, exe = row.annual_budget, row.executed
        label = FUND_ROW_ZH[name]
        check.rate = Number(f"funds.{name}.execution_rate", row.execution_rate, exe / ann * 100,
                            f"{label}执行率 = 全年执行数 / 全年预算数 × 100% = {fmt(exe)} / {fmt(ann)} × 100%",
                            percent=True)
        if name == "total":
            capped = "min(执行率, 100%)" if exe <= ann else "min(执行率, 100%)，执行率超过 100% 按 100% 计"
            check.score = Number("funds.total.score", row.score, weight * min(exe / ann, 1),
                                 f"得分 = 分值 × {capped} = {fmt(weight)} × min({fmt(exe)} / {fmt(ann)}, 1)")
    return check


def _lower_precision(number: Number, tolerance: float) -> str | None:
    """How a rate that matches no two-decimal rounding was printed, when it is a rounding of the exact rate at the
    precision it shows: a whole percent (86 for 86.183%), one decimal, or a fraction (0.958 for 95.8%, 0.1 for
    14.46%)."""
    printed, exact = number.printed, number.exact
    assert printed is not None
    shown = rounding.decimals(printed)
    plain = (rounding.Method.round, rounding.Method.truncate)
    if shown < 2 and rounding.matching(printed, exact, tolerance, shown, plain):
        return "按整数百分比书写" if shown == 0 else "按一位小数书写"
    if rounding.as_fraction(printed, exact, tolerance):
        return f"按小数书写（{fmt(printed, 4)} 即 {fmt(printed * 100, 2)}%）"
    return None


def _recognise(numbers: list[Number], prescribed: str, tolerance: float) -> Convention:
    """The form's rounding of one kind of number, from all its numbers of that kind.

    Half-up rounding and truncation are both accepted (mixing them is reported by EX03). Rounding up is accepted
    as the form's habit only when every number of the kind fits it: a number that only rounding up explains, on a
    form whose other numbers are not rounded up, is a misprint."""
    convention = Convention()
    if prescribed != "auto":
        convention.method, convention.fixed = Method(prescribed), True
    printed = [n for n in numbers if n.printed is not None]
    for number in printed:
        assert number.printed is not None
        number.matches = rounding.matching(number.printed, number.exact, tolerance)
        number.convention = convention
    fitting = [n for n in printed if n.matches]
    rounds_up = (convention.method is Method.up if convention.fixed
                 else bool(fitting) and all(Method.up in n.matches for n in fitting)
                 and any(n.matches == {Method.up} for n in fitting))
    if not rounds_up:
        for number in fitting:
            if number.matches == {Method.up}:
                number.matches = set()
    for number in printed:
        if not number.matches and number.percent:
            number.reading = _lower_precision(number, tolerance)
    found: set[Method] = set()
    for number in printed:
        telling = number.matches if rounds_up else number.matches - {Method.up}
        if len(telling) == 1 and (not rounds_up or telling == {Method.up}):
            number.tells = next(iter(telling))
            found.add(number.tells)
            convention.evidence.append(number.path)
    if not convention.fixed:
        convention.mixed = len(found) > 1
        convention.method = next(iter(found)) if len(found) == 1 else None
    return convention


def _ratio_pair(target: Value, actual: Value) -> tuple[float, float] | None:
    """A ratio target compared on the term that differs (1:3 vs 1:3.5 → 3 vs 3.5)."""
    if target.ratio is None or actual.ratio is None:
        return None
    (t1, t2), (a1, a2) = target.ratio, actual.ratio
    if t1 == a1:
        return t2, a2
    if t2 == a2:
        return a1, t1  # a smaller first term is the better ratio
    return None


def _numbers(target: Value, actual: Value) -> tuple[float, float] | None:
    if not comparable(target, actual):
        return None
    if target.kind is Kind.RATIO:
        return _ratio_pair(target, actual)
    assert target.number is not None and actual.number is not None
    if target.unit and actual.unit and target.unit != actual.unit:
        return target.base_number or 0.0, actual.base_number or 0.0
    return target.number, actual.number


def _quantitative(s: IndicatorScore, t: float, a: float, profile: Profile) -> None:
    w, op = s.weight or 0.0, s.target.op
    a_shown, t_shown, w_shown = fmt(a), fmt(t), fmt(w)
    if s.kind is IndicatorKind.zero:
        s.met = a <= 0
        s.low = s.high = w if s.met else 0.0
        s.formula = f"目标为 0：实际 {a_shown} {'≤ 0，得满分' if s.met else '> 0，得 0 分'}"
        return
    if s.kind in (IndicatorKind.reverse, IndicatorKind.rank):
        s.met = a <= t
        if s.met:
            s.low = s.high = w
            s.formula = f"实际 {a_shown} ≤ 指标值 {t_shown}，达成，得满分 {w_shown}"
        elif s.kind is IndicatorKind.rank or t <= 0:
            s.low, s.high, s.high_open = 0.0, w, True
            s.formula = f"实际 {a_shown} 未达到 {t_shown}，没有计分公式，得分应低于满分"
        else:
            vendor = w * (1 - (a - t) / t) if a < 2 * t else 0.0
            inverse = w * t / a
            s.low, s.high = min(vendor, inverse), max(vendor, inverse)
            s.formula = (f"反向指标未达成（实际 {a_shown} > 指标值 {t_shown}），两种口径："
                         f"{w_shown} × (1 − ({a_shown} − {t_shown}) / {t_shown}) = {fmt(vendor)}；"
                         f"{w_shown} × {t_shown} / {a_shown} = {fmt(inverse)}")
        return
    # positive, and equal with a target above zero, score alike (R13, R15)
    s.met = a >= t
    s.achievement = a / t if t > 0 else None
    if s.met and op is Op.GT and a == t:
        s.formula = f"实际 {a_shown} 等于指标值 {t_shown}（“>”按达成计）"
    if s.met:
        s.low = s.high = w
        s.formula = s.formula or f"实际 {a_shown} ≥ 指标值 {t_shown}，达成，得满分 {w_shown}"
        cut = profile.scoring.overshoot_deduction
        if cut and s.achievement is not None and s.achievement >= profile.scoring.overshoot_ratio:
            s.low = s.high = max(w - cut, 0.0)
            s.formula += (f"；超额 {fmt((s.achievement - 1) * 100, 1)}% "
                          f"≥ {fmt((profile.scoring.overshoot_ratio - 1) * 100)}%，"
                          f"指标值可能偏低，扣 {fmt(cut)} 分 = {fmt(s.low)}")
        return
    s.low = s.high = w * max(a, 0.0) / t if t > 0 else 0.0
    s.formula = f"未达成：得分 = 分值 × 实际 / 指标值 = {w_shown} × {a_shown} / {t_shown} = {fmt(s.low)}"


def _qualitative(s: IndicatorScore, profile: Profile) -> None:
    w = s.weight or 0.0
    top, mid = profile.scoring.tier_achieved, profile.scoring.tier_partial
    s.tier = s.actual.tier
    if s.tier is Tier.ACHIEVED:
        s.met, s.low, s.high = True, top * w, w
        band = f"[{fmt(top * 100)}%, 100%]"
    elif s.tier is Tier.PARTIAL:
        s.met, s.low, s.high, s.high_open = False, mid * w, top * w, True
        band = f"[{fmt(mid * 100)}%, {fmt(top * 100)}%)"
    else:
        s.met, s.low, s.high, s.high_open = False, 0.0, mid * w, True
        band = f"[0, {fmt(mid * 100)}%)"
    s.formula = (f"定性指标：实际“{s.actual.text}”属于“{s.tier.value}”档，得分应在分值的 {band} 之间，"
                 f"即 {fmt(s.low)}–{fmt(s.high)} 分")


def _classify(target: Value, actual: Value) -> tuple[IndicatorKind, str | None]:
    if target.kind is Kind.EMPTY:
        return IndicatorKind.unscored, "年度指标值为空"
    if actual.kind is Kind.EMPTY:
        return IndicatorKind.unscored, "实际完成值为空"
    if target.quantitative and actual.quantitative:
        if _numbers(target, actual) is None:
            return IndicatorKind.unscored, f"指标值“{target.text}”与实际完成值“{actual.text}”的单位或形式不可比"
        if target.kind is Kind.RANK:
            return IndicatorKind.rank, None
        if target.op in (Op.LE, Op.LT):
            return IndicatorKind.reverse, None
        if target.op is Op.EQ:
            return (IndicatorKind.zero if target.number == 0 else IndicatorKind.equal), None
        return IndicatorKind.positive, None
    if actual.kind is Kind.TEXT:
        if actual.tier is None:
            return IndicatorKind.unscored, f"实际完成值“{actual.text}”不能判定达成档次"
        return IndicatorKind.qualitative, None
    return IndicatorKind.unscored, f"指标值“{target.text}”是定性描述，实际完成值“{actual.text}”是数值，不能判定达成档次"


def score_indicator(index: int, form: Form, profile: Profile) -> IndicatorScore:
    ind = form.indicators[index]
    target, actual = parse_value(ind.target), parse_value(ind.actual)
    kind, reason = _classify(target, actual)
    s = IndicatorScore(index, target, actual, kind, ind.weight, ind.score, unscored_reason=reason)
    if ind.weight is None and kind is not IndicatorKind.unscored:
        s.kind, s.unscored_reason = IndicatorKind.unscored, "分值为空"
    elif s.quantitative:
        pair = _numbers(target, actual)
        assert pair is not None
        _quantitative(s, pair[0], pair[1], profile)
    elif kind is IndicatorKind.qualitative:
        _qualitative(s, profile)
    return s


def _total(card: Scorecard) -> None:
    form = card.form
    funds_printed = form.funds.total.score if form.funds.total else None
    printed = [funds_printed, *(i.score for i in form.indicators)]
    if all(p is not None for p in printed):
        card.parts_sum = sum(p for p in printed if p is not None)
        card.parts_formula = (f"资金得分 {fmt(funds_printed or 0)} + 指标得分合计 "
                              f"{fmt(card.parts_sum - (funds_printed or 0))} = {fmt(card.parts_sum)}")
    funds = card.funds_score
    funds_value = funds.expected if funds else funds_printed
    parts = [s.recomputed() for s in card.indicators]
    if funds_value is None or any(p is None for p in parts):
        return
    card.recomputed_total = funds_value + sum(p for p in parts if p is not None)
    card.recomputed_formula = (f"按规则重算：资金得分 {fmt(funds_value)} + 指标得分 "
                               f"{fmt(card.recomputed_total - funds_value)} = {fmt(card.recomputed_total)}")


def score(form: Form, profile: Profile | str | None = None) -> Scorecard:
    """Re-score one form: execution rates and score, every indicator's allowed band, the totals."""
    profile = load_profile(profile) if isinstance(profile, str) else (profile or load_profile())
    sc = profile.scoring
    weight = form.funds.total.weight if form.funds.total and form.funds.total.weight is not None else sc.funds_weight
    funds = {name: _fund_numbers(name, row, weight)
             for name in FUND_ROWS if (row := getattr(form.funds, name)) is not None}
    rates = [c.rate for c in funds.values() if c.rate]
    scores = [c.score for c in funds.values() if c.score]
    card = Scorecard(
        form, profile,
        rate_rounding=_recognise(rates, sc.rate_rounding, sc.rounding_tolerance),
        score_rounding=_recognise(scores, sc.score_rounding, sc.rounding_tolerance),
        funds=funds,
        indicators=[score_indicator(i, form, profile) for i in range(len(form.indicators))],
    )
    _total(card)
    return card
