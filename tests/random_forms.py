"""Hypothesis strategy `forms()`: random but realistic form records, every field filled.

Names come from small vocabularies of realistic words (no spaces, nothing that reads as a section label or a
number); the arithmetic is consistent: execution rate = executed / annual budget × 100 (2 dp), fund score =
10 × min(rate, 100) / 100 (2 dp), the sub-rows add up to the total, indicator weights sum to 90, the total score is
the fund score plus the indicator scores, and the grade follows the total (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差).
"""

from __future__ import annotations

from hypothesis import strategies as st

PLACES = ["上海市", "浦东新区", "徐汇区", "宣城市", "保山市", "池州市", "大英县", "普陀区", "贵池区", "嘉定区"]
BODIES = [
    "财政局",
    "教育局",
    "卫生健康委员会",
    "科学技术委员会",
    "农业农村局",
    "生态环境局",
    "交通运输局",
    "民政局",
    "文化和旅游局",
    "住房和城乡建设管理委员会",
    "数据局",
    "地震局",
    "能源局",
    "司法局",
    "市场监督管理局",
]
UNITS = ["", "办公室", "信息中心", "服务中心", "事务中心", "管理所", "监测站"]
TOPICS = [
    "防震减灾",
    "乡村振兴",
    "智慧城市",
    "数字化转型",
    "公共卫生",
    "义务教育",
    "职业培训",
    "河道整治",
    "污水处理",
    "文物保护",
    "网络安全",
    "产业扶持",
    "社区养老",
    "食品安全",
    "道路养护",
    "科普宣传",
    "档案数字化",
    "应急演练",
]
KINDS = ["专项经费", "补助资金", "运行维护经费", "建设项目", "服务采购", "业务经费", "能力提升工程", "奖补资金"]

LABELS = {
    "产出指标": ["数量指标", "质量指标", "时效指标"],
    "效益指标": ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"],
    "满意度指标": ["服务对象满意度指标"],
    "成本指标": ["经济成本指标"],
}
THINGS = {
    "数量指标": ["培训场次", "检查次数", "设备采购数量", "覆盖村居数", "发放补助人数", "宣传活动次数", "报告份数"],
    "质量指标": ["验收合格率", "数据准确率", "设备完好率", "资金使用合规性", "审计报告达标率", "系统可用率"],
    "时效指标": ["完成及时率", "资金拨付及时性", "项目完成时间", "问题整改及时率"],
    "经济效益指标": ["带动社会投资", "节约运行成本", "增加农户收入"],
    "社会效益指标": ["公众知晓率", "群众获得感", "服务覆盖面", "政策落实情况"],
    "生态效益指标": ["水质达标率", "绿化覆盖率", "垃圾分类准确率"],
    "可持续影响指标": ["长效管理机制", "制度建设完善程度", "设施持续使用年限"],
    "服务对象满意度指标": ["服务对象满意度", "群众满意度", "参训人员满意度", "企业满意度"],
    "经济成本指标": ["成本控制数", "单位服务成本", "设备采购成本"],
}
# names as real forms also print them: with a year, a code, a unit in brackets, Latin letters
ODD_THINGS = {
    "数量指标": ["2024年培训人次", "新增5G基站数量", "完成GIS数据更新"],
    "质量指标": ["PUE值", "网点覆盖率（%）", "电子档案数字化率"],
    "时效指标": ["系统故障响应时间", "审批办结时限"],
    "经济效益指标": ["带动就业人数"],
    "社会效益指标": ["“一网通办”事项覆盖率"],
    "生态效益指标": ["PM2.5年均浓度下降"],
    "可持续影响指标": ["运维服务持续时间"],
    "服务对象满意度指标": ["受益群众满意度（%）"],
    "经济成本指标": ["人均培训成本"],
}
MEASURES = ["场", "次", "个", "份", "人", "台", "户"]
DEVIATIONS = [
    "受天气影响部分工作延期，下年度提前谋划。",
    "项目实施进度偏慢，将加强跟踪督导。",
    "部分资金未及时支付，后续加快拨付进度。",
    "宣传覆盖面不足，下一步拓宽宣传渠道。",
    "个别指标设置偏高，今后科学合理设定目标。",
]
GOALS = [
    "按计划完成{topic}各项工作任务，提升服务保障能力，确保资金使用规范高效。",
    "围绕{topic}年度重点任务，加强组织实施和过程管理，实现预期绩效目标。",
    "通过实施{topic}项目，改善公共服务条件，提高群众满意度。",
]
ACTUALS = [
    "已按计划完成{topic}各项工作任务，资金使用规范，达到预期效果。",
    "{topic}年度任务基本完成，服务保障能力明显提升。",
    "项目整体实施情况良好，{topic}工作取得预期成效。",
]


def _r2(x: float) -> float:
    return round(x + 1e-9, 2)


@st.composite
def _target_actual(draw, level2: str) -> tuple[str, str]:
    kind = draw(st.sampled_from(["pct", "count", "word", "cost"]))
    if level2 == "经济成本指标":
        kind = "cost"
    elif level2 == "服务对象满意度指标":
        kind = "pct"
    if kind == "pct":
        n = draw(st.sampled_from([80, 85, 90, 95, 98, 100]))
        op = "=" if n == 100 else "≥"
        target = f"{op}{n}%"
        actual = draw(st.sampled_from([f"{draw(st.integers(n, 100))}%", "100%", "达成指标"]))
        return target, actual
    if kind == "count":
        n = draw(st.integers(1, 500))
        unit = draw(st.sampled_from(MEASURES))
        target = draw(st.sampled_from([f"={n}({unit})", f"≥{n}{unit}"]))
        return target, draw(st.sampled_from([f"{n}{unit}", f"{n + draw(st.integers(0, 20))}{unit}", "达成指标"]))
    if kind == "cost":
        n = draw(st.integers(5, 500))
        return f"≤{n}万元", draw(st.sampled_from([f"{n}万元", "达成指标", "控制在预算内"]))
    return draw(
        st.sampled_from(
            [("及时", "及时"), ("有效", "有效"), ("健全", "达成指标"), ("明显提升", "达成指标"), ("按时完成", "已完成"),
             ("≤5个工作日", "3个工作日"), ("≥98.5%", "99.2%"), ("不低于90%", "93%"), ("≥1:3", "1:3.2"),
             ("≤1.3", "1.25"), ("≤30分钟", "25分钟"), ("全面完成", "完成"), ("12月底前", "12月20日完成")]
        )
    )


@st.composite
def _indicators(draw) -> list[dict]:
    n = draw(st.integers(3, 12))
    level1s = ["产出指标", "效益指标", "满意度指标"] + (["成本指标"] if draw(st.booleans()) else [])
    # one block per level-1 label (in order), each holding 1+ rows in level-2 blocks
    counts = {l1: 1 for l1 in level1s}
    for _ in range(n - len(level1s)):
        counts[draw(st.sampled_from(level1s))] += 1
    rows: list[tuple[str, str]] = []
    for l1 in level1s:
        l2s = LABELS[l1]
        picks = sorted(draw(st.lists(st.sampled_from(range(len(l2s))), min_size=counts[l1], max_size=counts[l1])))
        rows += [(l1, l2s[k]) for k in picks]
    n = len(rows)
    # weights: n positive numbers summing to 90, whole or (a form in ten) in half points
    half = draw(st.integers(0, 9)) == 0
    steps = 180 if half else 90
    cuts = sorted(draw(st.lists(st.integers(1, steps - 1), min_size=n - 1, max_size=n - 1, unique=True)))
    weights = [(b - a) / (steps / 90) for a, b in zip([0] + cuts, cuts + [steps], strict=True)]
    inds = []
    used: set[str] = set()
    for (l1, l2), w in zip(rows, weights, strict=True):
        name = draw(st.sampled_from(THINGS[l2] + ODD_THINGS[l2]))
        while name in used:
            name = name + draw(st.sampled_from(["情况", "指标", "完成率", "水平"]))
        used.add(name)
        target, actual = draw(_target_actual(l2))
        full = draw(st.integers(0, 3)) > 0
        score = float(w) if full else _r2(draw(st.integers(0, int(w * 100) - 1)) / 100)
        inds.append(
            {
                "level1": l1,
                "level2": l2,
                "name": name,
                "target": target,
                "actual": actual,
                "weight": float(w),
                "score": score,
                # (a row scored in full may say so: '无')
                "deviation": draw(st.sampled_from([None, None, "无"])) if score == w else draw(
                    st.sampled_from(DEVIATIONS)),
            }
        )
    return inds


@st.composite
def _funds(draw, unit: str) -> dict:
    scale = 100 if unit == "元" else 1  # amounts in cents (元) or in 0.01 万元

    def amount(lo: int, hi: int) -> int:
        return draw(st.integers(lo, hi))

    cur_annual = amount(1000, 5_000_000) * scale
    car_annual = draw(st.sampled_from([0, amount(100, 200_000) * scale]))
    oth_annual = draw(st.sampled_from([0, 0, amount(100, 100_000) * scale]))

    def row(annual: int, sub: bool) -> dict:
        initial = draw(st.sampled_from([annual, 0, amount(0, max(1, annual * 2))]))
        executed = annual if draw(st.booleans()) else amount(0, annual) if annual else 0
        rate = _r2(executed / annual * 100) if annual else 0.0
        return {
            "initial_budget": initial / 100,
            "annual_budget": annual / 100,
            "executed": executed / 100,
            "weight": None if sub else 10.0,
            "execution_rate": rate,
            "score": None if sub else _r2(10 * min(rate, 100) / 100),
        }

    cur, car, oth = row(cur_annual, True), row(car_annual, True), row(oth_annual, True)
    total = {
        "initial_budget": _r2(cur["initial_budget"] + car["initial_budget"] + oth["initial_budget"]),
        "annual_budget": _r2(cur["annual_budget"] + car["annual_budget"] + oth["annual_budget"]),
        "executed": _r2(cur["executed"] + car["executed"] + oth["executed"]),
        "weight": 10.0,
    }
    rate = _r2(total["executed"] / total["annual_budget"] * 100)
    total["execution_rate"] = rate
    total["score"] = _r2(10 * min(rate, 100) / 100)
    return {"total": total, "current_year": cur, "carryover": car, "other": oth}


def _grade(total: float) -> str:
    return "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"


@st.composite
def forms(draw) -> dict:
    """One random, realistic, complete form record."""
    place = draw(st.sampled_from(PLACES))
    body = draw(st.sampled_from(BODIES))
    department = place + body
    implementing = department + draw(st.sampled_from(UNITS))
    topic = draw(st.sampled_from(TOPICS))
    project = draw(st.sampled_from(["", place])) + topic + draw(st.sampled_from(KINDS))
    unit = draw(st.sampled_from(["元", "万元"]))
    funds = draw(_funds(unit))
    inds = draw(_indicators())
    total_score = _r2(funds["total"]["score"] + sum(i["score"] for i in inds))
    return {
        "title": "财政项目支出绩效自评表",
        "year": draw(st.integers(2019, 2025)),
        "project_name": project,
        "department": department,
        "implementing_unit": implementing,
        "fund_unit": unit,
        "funds": funds,
        "goal_expected": draw(st.sampled_from(GOALS)).format(topic=topic),
        "goal_actual": draw(st.sampled_from(ACTUALS)).format(topic=topic),
        "indicators": inds,
        "total_weight": 100.0,
        "total_score": total_score,
        "grade": _grade(total_score),
    }
