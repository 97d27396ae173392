"""A synthetic corpus for the benchmark: N forms templated from the seed documents in examples/.

Each generated document is a seed document with its printed values replaced in place (year, department,
project names, amounts, execution rates, scores, some targets), so ingest reads it through the whole pipeline.
The seeds are parsed once to learn where each value sits (`Source.fields` names the line); documents are then
built from text slices, never from Form objects, which keeps 100,000 forms to seconds.

A varied form's arithmetic (execution rates, the funds score, the total, the grade) is recomputed with the
rounding its seed uses, except in about one form in ten, which gets one planted error. Forms the parser had to
repair (read warnings) keep their seed numbers. Deterministic: document i depends only on the RNG seed and i.

usage: python bench/generate.py OUT_DIR [FORMS] [--seed N] [--verify DOCS]
"""

from __future__ import annotations

import argparse
import random
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from jixiao.check.rounding import Method, apply, matching
from jixiao.model import FUND_ROWS, Form
from jixiao.parse import parse_file

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PER_DIR = 1000  # documents per sub-directory

DEPARTMENTS = (
    "上海市经济和信息化委员会", "上海市发展和改革委员会", "上海市教育委员会", "上海市科学技术委员会", "上海市财政局",
    "上海市人力资源和社会保障局", "上海市规划和自然资源局", "上海市生态环境局", "上海市住房和城乡建设管理委员会",
    "上海市交通委员会", "上海市农业农村委员会", "上海市商务委员会", "上海市文化和旅游局", "上海市卫生健康委员会",
    "上海市民政局", "上海市司法局", "上海市审计局", "上海市市场监督管理局", "上海市体育局", "上海市统计局",
    "上海市绿化和市容管理局", "上海市水务局", "上海市应急管理局", "上海市退役军人事务局", "上海市医疗保障局",
    "上海市数据局", "上海市人民政府办公厅", "上海市国有资产监督管理委员会", "上海市机关事务管理局",
    "上海市民族和宗教事务局", "上海市普陀区科学技术委员会", "上海市浦东新区财政局", "上海市徐汇区教育局",
    "上海市闵行区卫生健康委员会", "上海市静安区民政局", "江苏省财政厅", "浙江省教育厅", "北京市科学技术委员会",
    "广东省工业和信息化厅", "杭州市数据资源管理局", "苏州市发展和改革委员会", "成都市生态环境局",
)
UNIT_SUFFIXES = ("信息中心", "事务中心", "服务中心")
DISTRICTS = ("浦东新区", "黄浦区", "徐汇区", "长宁区", "静安区", "普陀区", "虹口区", "杨浦区", "闵行区", "宝山区",
             "嘉定区", "金山区", "松江区", "青浦区", "奉贤区", "崇明区")
NAME_SUFFIXES = ("二期", "（二期）", "三期", "（续）", "（续建）", "（延续）", "专项", "配套经费")
NAME_SWAPS = (("工作", "业务"), ("经费", "资金"), ("专项", "重点"), ("建设", "提升"), ("服务", "保障"),
              ("管理", "运营"), ("发展", "促进"), ("系统", "平台"))
DEVIATIONS = ("部分工作受客观因素影响有所延后，下一年度加快推进。", "完成质量略低于预期，已制定整改措施。",
              "项目实施中调整了工作安排，后续将加强过程管理。")
PERCENT_TARGETS = (80, 85, 90, 95, 98, 100)
GRADE_BANDS = ((90, "优"), (80, "良"), (60, "中"), (0, "差"))  # the national profile
GRADE_LONG = {"优": "优秀", "良": "良好", "中": "中等", "差": "较差"}
ERRORS = ("rate", "score", "total", "grade", "overscore", "subrows")

AMOUNTS = ("initial_budget", "annual_budget", "executed")
SUBROWS = FUND_ROWS[1:]
TOKEN = re.compile(r"\S+")
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?%?")
FIRST_NUMBER = re.compile(r"\d+(?:\.\d+)?")
YEAR = re.compile(r"\d{4}(?=\s*年度)")
OPS = ("≥", "≤", ">", "<", "=")


def number(token: str) -> float:
    return float(token.replace(",", "").rstrip("%"))


def decimals(token: str) -> int:
    core = token.rstrip("%")
    return len(core.split(".")[1]) if "." in core else 0


def fmt(value: float, like: str) -> str:
    """`value` printed the way `like` is: decimals, thousands separators, percent sign. A value that needs
    decimals `like` lacks (a total of 97.5 where the seed printed 100) gets up to two."""
    comma = "," if "," in like else ""
    places = decimals(like)
    text = f"{value:{comma}.{places}f}"
    if places == 0 and abs(value - round(value)) > 1e-9:
        text = f"{value:{comma}.2f}".rstrip("0").rstrip(".")
    return text + ("%" if like.endswith("%") else "")


def _numbers(line: str) -> list[re.Match]:
    return [m for m in TOKEN.finditer(line) if NUMBER.fullmatch(m.group())]


def _pair(line: str, first: float | None, second: float | None) -> tuple[re.Match, re.Match] | None:
    """The last two adjacent number tokens of `line` printing `first` and `second` (weight and score)."""
    if first is None or second is None:
        return None
    tokens = list(TOKEN.finditer(line))
    for a, b in reversed(list(zip(tokens, tokens[1:], strict=False))):
        if (NUMBER.fullmatch(a.group()) and NUMBER.fullmatch(b.group())
                and abs(number(a.group()) - first) < 1e-6 and abs(number(b.group()) - second) < 1e-6):
            return a, b
    return None


@dataclass
class Indicator:
    weight: float
    score: float
    like: str  # the score as printed
    qualitative: bool  # the target holds no number
    deviates: bool  # a deviation note is printed
    target: str | None = None  # printed target with a comparison and a number (may be varied)


@dataclass
class Template:
    """One seed form: its text lines (with the gap up to the next form) and where its values sit."""

    lines: list[str]
    last: int  # index of the form's last line in `lines`
    slots: dict[int, list[tuple[int, int, str]]] = field(default_factory=dict)  # line → (start, end, key)
    printed: dict[str, str] = field(default_factory=dict)  # key → the seed's text at that slot
    dev_prefix: dict[int, str] = field(default_factory=dict)  # indicator → separator before an inserted note
    year: int = 0
    name: str = ""
    department: str = ""
    own_unit: bool = False  # the implementing unit is not the department itself
    executed: float | None = None
    varied: bool = False  # amounts and scores may change (the funds block mapped, no read warnings)
    funds: dict[str, dict[str, float]] = field(default_factory=dict)
    sums: tuple[str, ...] = ()  # amount columns where the seed's total equals the sum of its sub-rows
    precision: int = 2
    rate_method: Method = Method.round
    score_method: Method = Method.round
    indicators: dict[int, Indicator] = field(default_factory=dict)
    total: float | None = None
    parts: float = 0.0  # the seed's funds score + Σ indicator scores
    long_grade: bool = False
    warnings: tuple[str, ...] = ()

    def slot(self, index: int, start: int, end: int, key: str) -> None:
        self.slots.setdefault(index, []).append((start, end, key))
        self.printed[key] = self.lines[index][start:end]

    def render(self, values: dict[str, str]) -> str:
        lines = list(self.lines)
        for index, slots in self.slots.items():
            line, out, pos = lines[index], [], 0
            for start, end, key in sorted(slots):
                out.append(line[pos:start])
                out.append(values.get(key, line[start:end]))
                pos = end
            out.append(line[pos:])
            lines[index] = "".join(out)
        return "\n".join(lines)


def _method(printed: float | None, exact: float | None) -> Method:
    if printed is None or exact is None:
        return Method.round
    found = matching(printed, exact, 0.005)
    return Method.truncate if found == {Method.truncate} else Method.round


def _map_funds(template: Template, form: Form, at: dict[str, int]) -> bool:
    """Slots for the funds block when every printed number of it is found where the parser read it."""
    tokens = []
    for row in FUND_ROWS:
        values = getattr(form.funds, row)
        if values is None:
            continue
        if f"funds.{row}" not in at:
            return False
        index = at[f"funds.{row}"]
        found = _numbers(template.lines[index])
        expected = [(col, v) for col, v in values.model_dump().items() if v is not None]
        if len(found) != len(expected) or any(abs(number(m.group()) - v) > 1e-6
                                              for m, (_, v) in zip(found, expected, strict=True)):
            return False
        template.funds[row] = dict(expected)
        for m, (col, _) in zip(found, expected, strict=True):
            template.slot(index, m.start(), m.end(), f"{row}.{col}")
            if col in AMOUNTS:
                tokens.append(m.group())
    template.precision = min((decimals(t) for t in tokens), default=2)
    total = template.funds.get("total", {})
    template.sums = tuple(col for col in AMOUNTS if col in total and any(col in template.funds.get(r, {})
                                                                         for r in SUBROWS)
                          and abs(sum(template.funds.get(r, {}).get(col, 0) for r in SUBROWS) - total[col]) < 0.011)
    ann, exe = total.get("annual_budget"), total.get("executed")
    if ann and exe is not None:
        template.rate_method = _method(total.get("execution_rate"), exe / ann * 100)
        weight = total.get("weight")
        template.score_method = _method(total.get("score"), weight * min(exe / ann, 1) if weight else None)
    return True


def _map_indicators(template: Template, form: Form, at: dict[str, int]) -> None:
    """Slots for each indicator's score (found on its lines as the adjacent pair weight, score), its target
    when it compares with a number, and an empty deviation cell right after the score."""
    starts = sorted(set(at.values()))
    for k, ind in enumerate(form.indicators):
        if f"indicators.{k}" not in at:
            continue
        first = at[f"indicators.{k}"]
        for index in range(first, next((i for i in starts if i > first), first + 1)):
            line = template.lines[index]
            if not (pair := _pair(line, ind.weight, ind.score)):
                continue
            score = pair[1]
            numeric = bool(ind.target and FIRST_NUMBER.search(ind.target))
            compares = numeric and any(op in ind.target for op in OPS)
            where = line.find(ind.target, 0, score.start()) if compares else -1
            template.indicators[k] = Indicator(ind.weight, ind.score, score.group(), not numeric,
                                               ind.deviation is not None, ind.target if where >= 0 else None)
            template.slot(index, score.start(), score.end(), f"score.{k}")
            if where >= 0:
                template.slot(index, where, where + len(ind.target), f"target.{k}")
            end = score.end()
            if ind.deviation is None and line[end:end + 1] == "\t" and line[end + 1:end + 2] in ("\t", ""):
                template.slot(index, end + 1, end + 1, f"dev.{k}")  # into the empty cell after the score
                template.dev_prefix[k] = ""
            elif ind.deviation is None and end == len(line):
                template.slot(index, end, end, f"dev.{k}")
                template.dev_prefix[k] = "\t" if "\t" in line else " "
            break


def _map_total(template: Template, weight: float | None, total: float, first: int) -> None:
    """The total's slot: after its weight on the 总分 line, or alone on one of the lines that follow."""
    if pair := _pair(template.lines[first], weight, total):
        template.slot(first, pair[1].start(), pair[1].end(), "total")
        template.total = total
        return
    for index in reversed(range(first, template.last + 1)):  # the last: a weight of 100 comes first
        if found := [m for m in _numbers(template.lines[index]) if abs(number(m.group()) - total) < 1e-6]:
            template.slot(index, found[-1].start(), found[-1].end(), "total")
            template.total = total
            return


def _template(lines: list[str], form: Form, start: int) -> Template:
    """The template of `form`, whose text is `lines` (from line `start` of its seed document, 0-based)."""
    at = {key: line - 1 - start for key, line in form.source.fields.items()}  # field → index in `lines`
    template = Template(lines, form.source.last_line - 1 - start, year=form.year or 0,
                        name=form.project_name or "", department=form.department or "",
                        warnings=tuple(w.code for w in form.warnings))
    if "year" in at and (m := YEAR.search(lines[at["year"]])):
        template.slot(at["year"], m.start(), m.end(), "year")
    name = form.project_name
    if "project_name" in at and name and (where := lines[at["project_name"]].find(name)) >= 0:
        template.slot(at["project_name"], where, where + len(name), "name")
    if "department" in at and form.department:
        index, line = at["department"], lines[at["department"]]
        if (where := line.find(form.department)) >= 0:
            template.slot(index, where, where + len(form.department), "dept")
            unit = form.implementing_unit
            if unit and (found := line.find(unit, where + len(form.department))) >= 0:
                template.slot(index, found, found + len(unit), "unit")
                template.own_unit = unit != form.department
    template.executed = form.funds.total.executed if form.funds.total else None
    if form.warnings or not _map_funds(template, form, at):
        return template
    template.varied = True
    _map_indicators(template, form, at)
    if "total_score" in at and form.total_score is not None:
        _map_total(template, form.total_weight, form.total_score, at["total_score"])
    template.parts = template.funds.get("total", {}).get("score", 0.0) + sum(
        i.score for i in template.indicators.values())
    if "grade" in at and form.grade:
        index, line = at["grade"], lines[at["grade"]]
        if (where := line.find(form.grade, line.find("评分等级") + 4)) >= 0:
            template.slot(index, where, where + len(form.grade), "grade")
            template.long_grade = len(form.grade) > 1
    return template


@dataclass
class Seed:
    """A seed document: its forms as templates; the text before the first form belongs to the first."""

    stem: str
    forms: list[Template]


def load_seeds(folder: Path = EXAMPLES) -> list[Seed]:
    seeds = []
    for path in sorted(folder.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        forms = parse_file(path).forms
        starts = [0] + [f.source.first_line - 1 for f in forms[1:]] + [len(lines)]
        seeds.append(Seed(path.stem, [_template(lines[a:b], form, a)
                                      for form, a, b in zip(forms, starts, starts[1:], strict=False)]))
    return seeds


@dataclass
class Expected:
    """What a generated document says, for checking that the parser reads it back."""

    seed: int
    year: int
    department: str
    names: list[str] = field(default_factory=list)
    executed: list[float | None] = field(default_factory=list)


def _name(rng: random.Random, name: str, seed_year: int, year: int) -> str:
    if name.startswith(f"{seed_year}年"):
        name = f"{year}{name[4:]}"
    if rng.random() < 0.3:
        old, new = rng.choice(NAME_SWAPS)
        name = name.replace(old, new, 1)
    if rng.random() < 0.25 and "区" not in name[:4]:
        name = rng.choice(DISTRICTS) + name
    if rng.random() < 0.3:
        name += rng.choice(NAME_SUFFIXES)
    return name


def _grade(total: float) -> str:
    return next(label for low, label in GRADE_BANDS if total >= low)


def _vary(t: Template, rng: random.Random, out: dict[str, str]) -> float | None:
    """New amounts, rates and scores for a varied form, written into `out`; returns the total executed."""
    amounts = _amounts(t, rng)
    error = rng.choice(ERRORS) if rng.random() < 0.1 else None
    parts = _funds(t, rng, amounts, error, out) + _scores(t, rng, error, out)
    if t.total is not None:
        total = round(t.total + parts - t.parts, 2) + (rng.choice((-1, 1)) * rng.uniform(0.5, 3) if error == "total"
                                                       else 0)
        out["total"] = fmt(round(total, 2), t.printed["total"])
        if "grade" in t.printed:
            grade = _grade(total)
            if error == "grade":
                labels = [label for _, label in GRADE_BANDS]
                grade = labels[(labels.index(grade) + 1) % len(labels)]
            out["grade"] = GRADE_LONG[grade] if t.long_grade else grade
    return amounts.get(("total", "executed"))


def _amounts(t: Template, rng: random.Random) -> dict[tuple[str, str], float]:
    """The seed's amounts scaled, executed amounts sometimes to another execution ratio; sub-rows still add up."""
    scale = 10 ** rng.uniform(-1, 1)
    total = t.funds.get("total", {})
    ratio = total["executed"] / total["annual_budget"] if total.get("annual_budget") and "executed" in total else 0
    spend = rng.uniform(0.3, 1.0) / ratio if ratio and rng.random() < 0.35 else 1.0
    amounts = {(row, col): round(cols[col] * scale * (spend if col == "executed" else 1), t.precision)
               for row, cols in t.funds.items() for col in AMOUNTS if col in cols}
    for col in t.sums:
        amounts["total", col] = round(sum(amounts.get((r, col), 0) for r in SUBROWS), t.precision)
    return amounts


def _funds(t: Template, rng: random.Random, amounts: dict[tuple[str, str], float], error: str | None,
           out: dict[str, str]) -> float:
    """The funds block printed from `amounts` with recomputed rates and score; returns the funds score."""
    if error == "subrows" and ("current_year", "annual_budget") in amounts and "annual_budget" in t.sums:
        amounts["current_year", "annual_budget"] = round(amounts["current_year", "annual_budget"] * 1.05 + 1,
                                                         t.precision)
    numbers = {f"{row}.{col}": v for (row, col), v in amounts.items()}
    for row, cols in t.funds.items():
        ann, exe = amounts.get((row, "annual_budget")), amounts.get((row, "executed"))
        if not ann or exe is None:
            continue
        if "execution_rate" in cols:
            numbers[f"{row}.execution_rate"] = apply(t.rate_method, exe / ann * 100)
        if row == "total" and "score" in cols and cols.get("weight"):
            numbers["total.score"] = apply(t.score_method, cols["weight"] * min(exe / ann, 1))
    if error == "rate" and "total.execution_rate" in numbers:
        numbers["total.execution_rate"] = _off(rng, numbers["total.execution_rate"], 0.3, 3)
    if error == "score" and "total.score" in numbers:
        numbers["total.score"] = _off(rng, numbers["total.score"], 0.1, 1)
    for key, value in numbers.items():
        out[key] = fmt(value, t.printed[key])
    return numbers.get("total.score", t.funds.get("total", {}).get("score", 0.0))


def _off(rng: random.Random, value: float, low: float, high: float) -> float:
    """`value` moved up or down by between `low` and `high` (a planted error)."""
    return max(0.0, round(value + rng.choice((-1, 1)) * rng.uniform(low, high), 2))


def _scores(t: Template, rng: random.Random, error: str | None, out: dict[str, str]) -> float:
    """Some indicator scores lowered (with a deviation note) and some targets changed; returns Σ scores."""
    weak = rng.random() < 0.06  # a form that missed several qualitative targets
    over = rng.choice(list(t.indicators)) if error == "overscore" and t.indicators else None
    parts = 0.0
    for k, ind in t.indicators.items():
        score = ind.score
        if k == over:
            score = ind.weight + rng.choice((1, 2))
        elif ind.qualitative and score == ind.weight and (rng.random() < 0.08 or weak and rng.random() < 0.6):
            score = ind.weight * (rng.uniform(0.4, 0.8) if weak else rng.uniform(0.8, 0.98))
            score = round(score, 2) if decimals(ind.like) else round(score * 2) / 2
            if not ind.deviates and f"dev.{k}" in t.printed:
                out[f"dev.{k}"] = t.dev_prefix[k] + rng.choice(DEVIATIONS)
        if score != ind.score:
            out[f"score.{k}"] = fmt(score, ind.like)
        parts += score
        if ind.target and rng.random() < 0.1:
            out[f"target.{k}"] = _target(rng, ind.target)
    return parts


def _target(rng: random.Random, target: str) -> str:
    m = FIRST_NUMBER.search(target)
    value = float(m.group())
    if "%" in target:
        if value < 50 or not any(op in target for op in ("≥", ">", "=")):
            return target
        new = float(rng.choice(PERCENT_TARGETS))
    elif value >= 2:
        new = float(max(2, round(value * rng.uniform(0.7, 1.4))))
    else:
        return target
    return target[:m.start()] + fmt(new, m.group()) + target[m.end():]


def document(seeds: list[Seed], index: int, forms: int | None = None, rng_seed: int = 1) -> tuple[str, Expected]:
    """Document `index` of the corpus (its seed is index mod len(seeds)); only its first `forms` forms if given."""
    rng = random.Random(f"{rng_seed}:{index}")
    seed = seeds[index % len(seeds)]
    year, department = rng.randint(2019, 2025), rng.choice(DEPARTMENTS)
    unit = department + rng.choice(UNIT_SUFFIXES)
    expected = Expected(index % len(seeds), year, department)
    chunks = []
    templates = seed.forms[:forms]
    for n, t in enumerate(templates):
        out = {"year": str(year), "dept": department, "unit": unit if t.own_unit else department}
        out["name"] = name = _name(rng, t.name, t.year, year)
        executed = _vary(t, rng, out) if t.varied else t.executed
        expected.names.append(name)
        expected.executed.append(executed)
        text = t.render(out)
        if n == len(templates) - 1 and len(templates) < len(seed.forms):
            text = "\n".join(text.split("\n")[:t.last + 1]) + "\n"
        chunks.append(text)
    return "\n".join(chunks), expected


def plan(seeds: list[Seed], forms: int) -> list[int | None]:
    """Per document, how many of its seed's forms it holds (None: all), so the corpus has exactly `forms`."""
    counts: list[int | None] = []
    left = forms
    while left > 0:
        size = len(seeds[len(counts) % len(seeds)].forms)
        counts.append(None if size <= left else left)
        left -= size
    return counts


def doc_path(out: Path, index: int, seeds: list[Seed]) -> Path:
    return out / f"{index // PER_DIR:03d}" / f"{index:06d}_{seeds[index % len(seeds)].stem[:3]}.txt"


def generate(out: Path, forms: int, rng_seed: int = 1) -> int:
    """Write documents holding `forms` forms below `out`; returns the number of documents."""
    seeds = load_seeds()
    counts = plan(seeds, forms)
    for index, count in enumerate(counts):
        path = doc_path(out, index, seeds)
        if index % PER_DIR == 0:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(document(seeds, index, count, rng_seed)[0], encoding="utf-8")
    return len(counts)


def verify(out: Path, forms: int, sample: int, rng_seed: int = 1) -> list[str]:
    """Parse `sample` of the generated documents back; the problems found (none: the corpus is sound).

    Each must hold its forms with no read warning its seed form lacks, and the year, department, project
    names and total executed amounts it was generated with."""
    seeds = load_seeds()
    counts = plan(seeds, forms)
    problems = []
    for index in sorted(random.Random(rng_seed).sample(range(len(counts)), min(sample, len(counts)))):
        path = doc_path(out, index, seeds)
        _, expected = document(seeds, index, counts[index], rng_seed)
        result = parse_file(path)
        if len(result.forms) != len(expected.names):
            problems.append(f"{path.name}: {len(result.forms)} forms read, {len(expected.names)} written")
            continue
        for form, template, name, executed in zip(result.forms, seeds[expected.seed].forms, expected.names,
                                                  expected.executed, strict=False):
            where = f"{path.name} form {form.source.form_index}"
            got = form.funds.total.executed if form.funds.total else None
            if (form.year, form.department, form.project_name) != (expected.year, expected.department, name):
                problems.append(f"{where}: read {form.year} {form.department} {form.project_name}, "
                                f"wrote {expected.year} {expected.department} {name}")
            if (got is None) != (executed is None) or got is not None and abs(got - executed) > 1e-6:
                problems.append(f"{where}: executed {got}, wrote {executed}")
            if extra := sorted(set(w.code for w in form.warnings) - set(template.warnings)):
                problems.append(f"{where}: new read warnings {extra}: {form.warnings[0].message}")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("forms", type=int, nargs="?", default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--verify", type=int, default=0, metavar="DOCS", help="parse this many back")
    args = parser.parse_args()
    start = time.perf_counter()
    documents = generate(args.out, args.forms, args.seed)
    print(f"{args.forms} forms in {documents} documents written to {args.out} "
          f"in {time.perf_counter() - start:.1f} s")
    if args.verify:
        problems = verify(args.out, args.forms, args.verify, args.seed)
        print("\n".join(problems[:20]) or f"{args.verify} documents read back as written")


if __name__ == "__main__":
    main()
