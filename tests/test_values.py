"""Printed targets, actuals and fund amounts read into the plain values the scoring rules compare.

Most cases are strings printed in the seed forms (tests/data/golden); a few made-up ones cover
branches the seeds never reach (negations, ranks by 第, operator words, amounts).
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.check.values import Kind, Op, Tier, Value, comparable, parse_amount, parse_value
from tests.conftest import GOLDEN

GE, GT, EQ, LE, LT = Op.GE, Op.GT, Op.EQ, Op.LE, Op.LT
ACHIEVED, PARTIAL, FAILED = Tier.ACHIEVED, Tier.PARTIAL, Tier.FAILED


def _seed_strings() -> list[str | None]:
    found: set[str | None] = set()
    for path in sorted(GOLDEN.glob("*.json")):
        for form in json.loads(path.read_text(encoding="utf-8"))["forms"]:
            for indicator in form["indicators"]:
                found.update((indicator["target"], indicator["actual"]))
    return sorted(found, key=lambda s: (s is None, s or ""))


SEED_STRINGS = _seed_strings()

# text, op, explicit_op, number, unit, base_unit, scale
NUMBERS = [
    # bare numbers are "=" with no printed operator (R12)
    ("8", EQ, False, 8, "", "", 1),
    ("100", EQ, False, 100, "", "", 1),
    ("0.000002", EQ, False, 0.000002, "", "", 1),
    ("0%", EQ, False, 0, "%", "%", 1),
    ("99.49%", EQ, False, 99.49, "%", "%", 1),
    ("95.22(%)", EQ, False, 95.22, "%", "%", 1),
    ("26790000.00(%)", EQ, False, 26790000, "%", "%", 1),
    ("1.00(份)", EQ, False, 1, "份", "份", 1),
    ("1.00(年)", EQ, False, 1, "年", "年", 1),
    ("10.00(分钟)", EQ, False, 10, "分钟", "分钟", 1),
    ("1000.00(人次)", EQ, False, 1000, "人次", "人次", 1),
    ("140.00(家)", EQ, False, 140, "家", "家", 1),
    ("2.00(场)", EQ, False, 2, "场", "场", 1),
    ("2.00(项)", EQ, False, 2, "项", "项", 1),
    ("200.00(节点)", EQ, False, 200, "节点", "节点", 1),
    ("2000.00(户)", EQ, False, 2000, "户", "户", 1),
    ("4.00(期)", EQ, False, 4, "期", "期", 1),
    ("7.00(款)", EQ, False, 7, "款", "款", 1),
    ("7.00(篇)", EQ, False, 7, "篇", "篇", 1),
    ("4(次)", EQ, False, 4, "次", "次", 1),
    ("10次", EQ, False, 10, "次", "次", 1),
    ("200份", EQ, False, 200, "份", "份", 1),
    ("2 次", EQ, False, 2, "次", "次", 1),
    ("280 人", EQ, False, 280, "人", "人", 1),
    # scale prefixes
    ("100.00(万人)", EQ, False, 100, "万人", "人", 1e4),
    ("10600.00(万人次)", EQ, False, 10600, "万人次", "人次", 1e4),
    ("40(亿次)", EQ, False, 40, "亿次", "次", 1e8),
    ("300.00(亿元)", EQ, False, 300, "亿元", "元", 1e8),
    ("4000.00(万元)", EQ, False, 4000, "万元", "元", 1e4),
    ("3000(万)", EQ, False, 3000, "万", "", 1e4),
    ("1亿人次", EQ, False, 1, "亿人次", "人次", 1e8),
    ("184400457核小时", EQ, False, 184400457, "核小时", "核小时", 1),
    # symbols
    ("=0%", EQ, True, 0, "%", "%", 1),
    ("=100(%)", EQ, True, 100, "%", "%", 1),
    ("=4期", EQ, True, 4, "期", "期", 1),
    ("=300.00(亿元)", EQ, True, 300, "亿元", "元", 1e8),
    (">90.00(%)", GT, True, 90, "%", "%", 1),
    (">=100", GE, True, 100, "", "", 1),
    (">=80%", GE, True, 80, "%", "%", 1),
    (">=15次", GE, True, 15, "次", "次", 1),
    (">=350人", GE, True, 350, "人", "人", 1),
    (">=1亿人次", GE, True, 1, "亿人次", "人次", 1e8),
    (">=17745000核小时", GE, True, 17745000, "核小时", "核小时", 1),
    ("≥1 次", GE, True, 1, "次", "次", 1),
    ("≥200 人", GE, True, 200, "人", "人", 1),
    ("≥100.00(万人)", GE, True, 100, "万人", "人", 1e4),
    ("≥1200.00(万人次)", GE, True, 1200, "万人次", "人次", 1e4),
    ("≥2800(万)", GE, True, 2800, "万", "", 1e4),
    ("≥35(亿次)", GE, True, 35, "亿次", "次", 1e8),
    ("≥5000.00(%)", GE, True, 5000, "%", "%", 1),  # R29: the real unit 万核小时 is elsewhere
    ("≥99.99(%)", GE, True, 99.99, "%", "%", 1),
    ("》85%", GE, True, 85, "%", "%", 1),
    ("》90", GE, True, 90, "", "", 1),
    ("≤2", LE, True, 2, "", "", 1),
    ("≤5%", LE, True, 5, "%", "%", 1),
    ("≤1(年)", LE, True, 1, "年", "年", 1),
    ("≤1.00(天)", LE, True, 1, "天", "天", 1),
    ("≤30.00(分钟)", LE, True, 30, "分钟", "分钟", 1),
    ("<=15分钟", LE, True, 15, "分钟", "分钟", 1),
    ("<0.002%", LT, True, 0.002, "%", "%", 1),
    # operator words after the number
    ("80以上", GE, True, 80, "", "", 1),
    ("90以上", GE, True, 90, "", "", 1),
    ("90%以上", GE, True, 90, "%", "%", 1),
    # not in the seeds: words, full width, commas, signs, trailing 。/；
    ("不低于95%", GE, True, 95, "%", "%", 1),
    ("不少于3次", GE, True, 3, "次", "次", 1),
    ("至少2场", GE, True, 2, "场", "场", 1),
    ("达到95%", GE, True, 95, "%", "%", 1),
    ("大于等于90%", GE, True, 90, "%", "%", 1),
    ("超过90%", GT, True, 90, "%", "%", 1),
    ("大于0", GT, True, 0, "", "", 1),
    ("等于100%", EQ, True, 100, "%", "%", 1),
    ("不超过5%", LE, True, 5, "%", "%", 1),
    ("小于等于 3 天", LE, True, 3, "天", "天", 1),
    ("控制在5%以内", LE, True, 5, "%", "%", 1),
    ("10个工作日以内", LE, True, 10, "个工作日", "个工作日", 1),
    ("5次及以下", LE, True, 5, "次", "次", 1),
    ("低于1%", LT, True, 1, "%", "%", 1),
    ("＞＝80", GE, True, 80, "", "", 1),
    ("＞90％", GT, True, 90, "%", "%", 1),
    ("≥５０００．００（人次）", GE, True, 5000, "人次", "人次", 1),
    ("≥80（%）", GE, True, 80, "%", "%", 1),
    ("1,234", EQ, False, 1234, "", "", 1),
    ("-5%", EQ, False, -5, "%", "%", 1),
    ("1.84亿小时", EQ, False, 1.84, "亿小时", "小时", 1e8),
    ("100万人", EQ, False, 100, "万人", "人", 1e4),
    ("5000万核小时", EQ, False, 5000, "万核小时", "核小时", 1e4),
    ("3个百分点", EQ, False, 3, "个百分点", "个百分点", 1),
    ("95%。", EQ, False, 95, "%", "%", 1),
    ("≥90%；", GE, True, 90, "%", "%", 1),
    # Yunnan's budget system prints an operator code before the operator
    ("004 >= 1亿元", GE, True, 1, "亿元", "元", 1e8),
    ("004>=20次", GE, True, 20, "次", "次", 1),
    ("005 <= 33万元", LE, True, 33, "万元", "元", 1e4),
    ("001 =100%", EQ, True, 100, "%", "%", 1),
]


@pytest.mark.parametrize(("text", "op", "explicit", "number", "unit", "base_unit", "scale"), NUMBERS)
def test_number(text, op, explicit, number, unit, base_unit, scale):
    v = parse_value(text)
    assert (v.kind, v.op, v.explicit_op, v.unit, v.base_unit, v.scale) == (
        Kind.NUMBER,
        op,
        explicit,
        unit,
        base_unit,
        scale,
    )
    assert v.number == pytest.approx(number)
    assert v.base_number == pytest.approx(number * scale)
    assert v.quantitative and v.tier is None and not v.vague and v.text == text.strip()


@pytest.mark.parametrize(
    ("text", "op", "explicit", "ratio"),
    [
        ("≥1:3", GE, True, (1, 3)),
        ("≥1:4", GE, True, (1, 4)),
        ("1:3", EQ, False, (1, 3)),
        ("1：4", EQ, False, (1, 4)),
        ("1 : 3", EQ, False, (1, 3)),
        ("不低于1:3", GE, True, (1, 3)),
        ("1:2.5以上", GE, True, (1, 2.5)),
    ],
)
def test_ratio(text, op, explicit, ratio):
    v = parse_value(text)
    assert (v.kind, v.op, v.explicit_op, v.ratio, v.number) == (Kind.RATIO, op, explicit, ratio, None)
    assert v.quantitative


@pytest.mark.parametrize(
    ("text", "op", "rank"),
    [
        ("前三名", LE, 3),
        ("前五名", LE, 5),
        ("前三", LE, 3),
        ("前两名", LE, 2),
        ("前十", LE, 10),
        ("前十一名", LE, 11),
        ("前二十名", LE, 20),
        ("排名前3", LE, 3),
        ("第二名", EQ, 2),
        ("第2名", EQ, 2),
        ("第三名以内", LE, 3),
    ],
)
def test_rank(text, op, rank):
    v = parse_value(text)
    assert (v.kind, v.op, v.explicit_op, v.number) == (Kind.RANK, op, op is LE, rank)
    assert v.quantitative


# text, tier, vague
TEXTS = [
    # a sentence that contains a number is not a value (R12)
    ("系统全年提供至少100万人，1200万次以上身份认证。", None, False),
    ("系统全年提供至少100万人，1200万次以 上身份认证。", None, False),
    ("满足国内%以上的主流浏览器、操作系统", ACHIEVED, False),
    ("开通账户数214个，7*24小时提供用户服务", None, False),
    ("机时使用率85%；主机可利用率99.76%", None, False),
    ("重点支持3+6产业领域", None, False),
    ("重点支持(2+2)+(3+6)+(4+5)相关产业领域项目", None, False),
    ("专项资金带动社会投资比例不低于1:3", None, False),
    ("专项资金带动社会资金投入比例≥1:3", None, False),
    ("政府用户满意度>=95% 市民满意率>=95%", None, False),
    ("服务对象满意度>=99%，用户投诉率0", None, False),
    ("用户发表的被SCI核心库收录的论文大于133篇，其中29篇发表于国际顶级科研期刊", None, False),
    # time windows are TEXT and vague, not a count of years
    ("1年内", None, True),
    ("=1年内", None, True),
    ("=1年度", None, True),
    ("2023年完成", None, True),
    ("2023年", None, True),
    ("年内", None, True),
    ("年度内", None, True),
    ("年内完成", ACHIEVED, True),
    # achieved (R16)
    ("达成指标", ACHIEVED, False),
    ("完成", ACHIEVED, False),
    ("全部完成", ACHIEVED, False),
    ("已完成", ACHIEVED, False),
    ("按时完成", ACHIEVED, False),
    ("100%完成", ACHIEVED, False),
    ("满意", ACHIEVED, False),
    ("用户满意度达到满意；", ACHIEVED, False),
    ("部门满意度达到满意；", ACHIEVED, False),
    ("符合", ACHIEVED, True),
    ("符合合同要求", ACHIEVED, True),
    ("达到合同要求", ACHIEVED, True),
    ("达到市人才办工作要求", ACHIEVED, False),
    ("合规", ACHIEVED, True),
    ("明显", ACHIEVED, True),
    ("现场保障平稳顺利", ACHIEVED, True),
    ("已覆盖系统各主要单位", ACHIEVED, False),
    ("全部通过专家评审", ACHIEVED, False),
    ("按月完成统计", ACHIEVED, False),
    ("预算执行规范", ACHIEVED, True),
    ("能力提升", ACHIEVED, True),
    ("满足", ACHIEVED, True),
    ("推动", ACHIEVED, True),
    ("节约", ACHIEVED, True),
    ("有所应用", ACHIEVED, True),
    # a negated bad thing is good; 不断 is no negation
    ("未发生重大舆论事件", ACHIEVED, False),
    ("不发生重大舆论事件", ACHIEVED, False),
    ("没有任务延期", ACHIEVED, False),
    ("未超预算", ACHIEVED, False),
    ("预算不超支", ACHIEVED, False),
    ("无投诉", ACHIEVED, False),
    ("零投诉", ACHIEVED, False),
    ("无重大安全事故", ACHIEVED, False),
    ("不断完善", ACHIEVED, True),
    ("不断提升", ACHIEVED, True),
    ("不断出现问题", None, False),
    # partial
    ("基本满意", PARTIAL, False),
    ("基本完成", PARTIAL, False),
    ("部分完成", PARTIAL, False),
    ("部分达成", PARTIAL, False),
    ("部分未完成", PARTIAL, False),
    ("有待提高", PARTIAL, True),
    ("效果一般", PARTIAL, False),
    # failed
    ("未达成", FAILED, False),
    ("未完成", FAILED, False),
    ("未达到", FAILED, False),
    ("没有完成", FAILED, False),
    ("尚未完成", FAILED, False),
    ("未按时完成", FAILED, False),
    ("不满意", FAILED, False),
    ("不及时", FAILED, False),
    ("不符合", FAILED, False),
    ("未开展", FAILED, False),
    ("未解决投诉", FAILED, False),
    ("无效", FAILED, False),
    ("效果较差", FAILED, False),
    # undecidable: no tier rather than a wrong one
    ("有所提示", None, False),
    ("较好", None, False),
    ("高性能", None, False),
    ("具有可持续性", None, False),
    ("发挥参谋助手作用", None, False),
    ("全部根据工作重点设立", None, False),
    ("济运行监测与产业安全保障", None, False),
    ("较申报金额降低或者虽未降低但成本结构有所", None, False),
    ("有一定引领作用", None, True),
    # vague targets (R28)
    ("有效", ACHIEVED, True),
    ("有所提升", ACHIEVED, True),
    ("提升", ACHIEVED, True),
    ("比上年提升", ACHIEVED, True),
    ("比上年有所提升", ACHIEVED, True),
    ("及时", ACHIEVED, True),
    ("健全", ACHIEVED, True),
    ("较强", ACHIEVED, True),
    ("规范", ACHIEVED, True),
    ("增强", ACHIEVED, True),
    ("合理", ACHIEVED, True),
    ("优化", ACHIEVED, True),
    ("完善", ACHIEVED, True),
    ("可用", ACHIEVED, True),
    ("有利", ACHIEVED, True),
    ("持续平稳", ACHIEVED, True),
    ("力争运行平稳", ACHIEVED, True),
    ("满足工作需求", ACHIEVED, True),
    ("根据合同", None, True),
    ("按合同", None, True),
    # long descriptions are not vague, whatever words they use
    ("及时提交周报、月报、总结等规定汇报 材料", ACHIEVED, False),
    ("城市数字化转型相关评估情况进一步优化", ACHIEVED, False),
    ("研究成果对提升政策可持续性有所助益", ACHIEVED, False),
    ("符合当年度指南方向", ACHIEVED, False),
    ("每项研究项目均形成结题报告。", ACHIEVED, False),
    ("在市级以上主流媒体上报道", None, False),
    ("=达成", ACHIEVED, False),
]


@pytest.mark.parametrize(("text", "tier", "vague"), TEXTS)
def test_text(text, tier, vague):
    v = parse_value(text)
    assert (v.kind, v.tier, v.vague) == (Kind.TEXT, tier, vague)
    assert (v.op, v.explicit_op, v.number, v.ratio, v.unit) == (None, False, None, None, "")
    assert not v.quantitative and v.base_number is None and v.text == text


@pytest.mark.parametrize("text", [None, "", "  ", "-", "—", "/", "无", "－", "——"])
def test_empty(text):
    assert parse_value(text) == Value((text or "").strip(), Kind.EMPTY)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("≥90%", "95", True),  # a bare number takes the other side's unit
        ("≥90%", "95%", True),
        ("≥100.00(万人)", "1265.90(万人)", True),
        (">=17745000核小时", "184400457核小时", True),
        ("1.84亿小时", "184400457小时", True),
        ("≥2800(万)", "3000(万)", True),
        ("≥5000.00(%)", "7400.00(人次)", False),  # R29
        ("≥100.00(万人)", "3000(万)", True),  # a bare scale takes the other side's base unit, like a bare number
        ("≥1亿元", "24亿", True),  # Yunnan: 形成新能源投资增加数 ≥1亿元, actual 24亿
        ("≥100.00(万人)", "3000(万元)", False),
        ("≥1:3", "1:4", True),
        ("≥1:3", "2:5", False),
        ("前三名", "前三", True),
        ("前三名", "3", False),
        ("有效", "有效", False),
        ("≥90%", "达成指标", False),
        ("≥90%", None, False),
    ],
)
def test_comparable(a, b, expected):
    va, vb = parse_value(a), parse_value(b)
    assert comparable(va, vb) is expected
    assert comparable(vb, va) is expected


def test_comparable_quantities_meet_in_base_units():
    a, b = parse_value("1.84亿小时"), parse_value("184400457小时")
    assert a.base_number == pytest.approx(184_000_000) and b.base_number == pytest.approx(184_400_457)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234.50", (1234.5, "")),
        ("12.3万元", (12.3, "万元")),
        ("56,322,477.69元", (56322477.69, "元")),
        ("1995.03", (1995.03, "")),
        (" 0.00 ", (0.0, "")),
        ("-12.5", (-12.5, "")),
        ("12.5（万元）", (12.5, "万元")),
        ("１２３．４", (123.4, "")),
        ("-", (None, "")),
        ("—", (None, "")),
        ("", (None, "")),
        (None, (None, "")),
        ("abc", (None, "")),
        ("1,23", (None, "")),
        ("12.3万人", (None, "")),
    ],
)
def test_parse_amount(text, expected):
    assert parse_amount(text) == expected


# Strings printed as operator + number + unit; the time windows among them are deliberately TEXT.
OP_NUMBER_UNIT = re.compile(r"(?:[≥≤》]|[<>]=?|=)?\s*[0-9.]+\s*(?:\([^()0-9]{1,6}\)|%|[\u4e00-\u9fff]{1,4})?")
TIME_WINDOWS = {"1年内", "=1年内", "=1年度", "2023年完成"}


def test_every_seed_string_parses():
    assert len(SEED_STRINGS) > 350
    kinds = set()
    for text in SEED_STRINGS:
        v = parse_value(text)
        kinds.add(v.kind)
        assert v.text == (text or "").strip()
        if text in TIME_WINDOWS:
            assert v.kind is Kind.TEXT and v.vague, text
        elif OP_NUMBER_UNIT.fullmatch(text or ""):
            assert v.kind is Kind.NUMBER and v.number is not None, text
        if v.kind is Kind.NUMBER:
            assert v.op is not None and v.base_number is not None, text
    assert kinds >= {Kind.NUMBER, Kind.RATIO, Kind.RANK, Kind.TEXT}


def test_every_seed_number_is_recognised_by_its_shape():
    """The other direction: no sentence in the seeds is read as a number."""
    for text in SEED_STRINGS:
        if parse_value(text).kind is Kind.NUMBER:
            shape = OP_NUMBER_UNIT.fullmatch(text) or re.fullmatch(r"[0-9.]+%?以上", text)
            assert shape, text


# Pieces of printed values, so random strings reach the number, ratio, rank and tier branches.
VALUE_PIECES = [*"0123456789.,:：%％()（）≥≤<>=＞》 -—", "万", "亿", "人次", "前", "第", "十", "名", "以上", "以内"]
VALUE_PIECES += ["年", "未", "不", "无", "满意", "完成", "部分", "基本", "发生", "不断"]
VALUE_TEXT = st.lists(st.sampled_from(VALUE_PIECES), max_size=10).map("".join)


@given(st.one_of(st.none(), st.text(), VALUE_TEXT))
def test_never_raises(text):
    v = parse_value(text)
    assert isinstance(v.kind, Kind)
    assert v.quantitative == (v.kind in (Kind.NUMBER, Kind.RATIO, Kind.RANK))
    assert (v.tier is None and not v.vague) or v.kind is Kind.TEXT
    number, unit = parse_amount(text)
    assert number is not None or unit == ""


@given(
    op=st.sampled_from(["", "≥", ">=", "》", ">", "=", "≤", "<=", "<", "不低于", "不超过"]),
    number=st.decimals(min_value=0, max_value=10**9, places=2),
    unit=st.sampled_from(["", "%", "(%)", "（%）", "(人次)", "万人", " 次", "(万)", "亿次"]),
)
def test_printed_operator_number_unit_round_trips(op, number, unit):
    v = parse_value(f"{op}{number}{unit}")
    assert v.kind is Kind.NUMBER
    assert v.number == pytest.approx(float(number))
    assert v.explicit_op == bool(op)


def test_absurdly_long_number_is_no_number():
    """A 400-digit amount is not read as a number (as a float it would be infinite and poison the JSON): the cell is
    null with a warning, and the record stays valid JSON."""
    import json

    import jixiao
    from jixiao.assemble.text import number
    from tests.conftest import EXAMPLES

    assert number("1" * 400) is None
    assert number("123,456,789,012,345.67") == 123456789012345.67
    text = (EXAMPLES / "003_a203d4b834672a09.txt").read_text(encoding="utf-8").replace("409.90", "9" * 400, 1)
    forms = jixiao.parse_text(text)
    assert forms and forms[0].funds.total.initial_budget is None
    assert any(w.path and w.path.startswith("funds.total") for w in forms[0].warnings)
    json.loads(json.dumps([f.record() for f in forms], allow_nan=False, ensure_ascii=False))
