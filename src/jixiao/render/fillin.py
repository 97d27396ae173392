"""The blank official form as an Excel workbook to fill in (`jixiao template`): the layout of `jixiao render`
with empty indicator rows, drop-down lists and checks where the form has a fixed vocabulary, and formulas for
what a unit would otherwise compute by hand, so the sheet is useful without jixiao and reads back through it.

- 执行率 of each fund row = 全年执行数 / 全年预算数; 年度资金总额 = the sum of the three rows below it; the fund
  score = 分值 × min(执行率, 100%) (the national rule); 总分 = the fund block's plus the indicators' 分值 and 得分.
- Lists: 一级指标 and 二级指标 (the template's level names), 评分等级 (the profile's grades); 年度指标值 is
  checked to open with an operator (≥ ≤ = > <) or to be a qualitative target (a warning only: it may be text).
- Only the cells to fill in are unlocked; the sheet is protected without a password, to guard the formulas.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.check.profile import load_profile
from jixiao.check.values import Tier
from jixiao.model import FUND_ROWS, Form, Indicator
from jixiao.render.labels import DEFAULT_TEMPLATE, labels
from jixiao.render.layout import NUMERIC, Kind, Layout, form_layout
from jixiao.render.xlsx import TITLE_ROWS, number_format, print_setup, write_layout

INDICATOR_ROWS = 30
BLANK_YEAR = "（    年度）"
OPERATORS = ("≥", "≤", "=", ">", "<")
FUNDS_WEIGHT = 10  # the 分值 of 年度资金总额 in the national template
_INPUT = Protection(locked=False)


def _where(layout: Layout) -> dict[str, str]:
    """Each record path's cell reference on the sheet ('funds.total.executed' -> 'E5')."""
    return {c.path: f"{get_column_letter(c.col + 1)}{TITLE_ROWS + 1 + c.row}" for c in layout.cells if c.path}


def _unlock(sheet: Worksheet, layout: Layout, formulas: set[str]) -> None:
    for item in layout.cells:
        if item.path is None or item.kind in (Kind.LABEL, Kind.HEAD):
            continue
        cell = sheet.cell(TITLE_ROWS + 1 + item.row, item.col + 1)
        if item.kind in NUMERIC:  # a formula's result too: 执行率 shows as 99.44%, as the form prints it
            item.decimals = 2
            cell.number_format = number_format(item)
        if item.path not in formulas:
            cell.protection = _INPUT


def _formulas(sheet: Worksheet, at: dict[str, str]) -> set[str]:
    """Write the formulas; the record paths they fill."""
    done = {}
    subrows = [r for r in FUND_ROWS if r != "total"]
    for column in ("initial_budget", "annual_budget", "executed"):
        cells = ",".join(at[f"funds.{r}.{column}"] for r in subrows)
        done[f"funds.total.{column}"] = f'=IF(COUNT({cells})=0,"",SUM({cells}))'
    for row in FUND_ROWS:
        budget, executed = at[f"funds.{row}.annual_budget"], at[f"funds.{row}.executed"]
        done[f"funds.{row}.execution_rate"] = f'=IF(N({budget})>0,N({executed})/{budget},"")'
    rate, weight = at["funds.total.execution_rate"], at["funds.total.weight"]
    done["funds.total.score"] = f'=IF({rate}="","",ROUND({weight}*MIN({rate},1),2))'
    first, last = at["indicators.0.weight"], at[f"indicators.{_count(at) - 1}.weight"]
    first_score, last_score = at["indicators.0.score"], at[f"indicators.{_count(at) - 1}.score"]
    done["total_weight"] = f"=N({weight})+SUM({first}:{last})"
    done["total_score"] = f"=N({at['funds.total.score']})+SUM({first_score}:{last_score})"
    for path, formula in done.items():
        sheet[at[path]] = formula
    sheet[at["funds.total.weight"]] = FUNDS_WEIGHT
    return set(done)


def _count(at: dict[str, str]) -> int:
    return sum(1 for path in at if path.startswith("indicators.") and path.endswith(".name"))


def _column(at: dict[str, str], field: str) -> str:
    """The range of an indicator column ('C12:C41')."""
    return f"{at[f'indicators.0.{field}']}:{at[f'indicators.{_count(at) - 1}.{field}']}"


def _validations(sheet: Worksheet, at: dict[str, str], template: str) -> None:
    words = labels(template)
    level2 = [w for children in words.levels.values() for w in children if w.endswith("指标")]
    grades = [band.label for band in sorted(load_profile().grades, key=lambda b: -b.min)]
    lists = (("level1", list(words.levels), "一级指标"), ("level2", list(dict.fromkeys(level2)), "二级指标"))
    for field, options, what in lists:
        rule = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True,
                              errorStyle="warning", errorTitle=what, error=f"{what}一般为：{'、'.join(options)}")
        rule.add(_column(at, field))
        sheet.add_data_validation(rule)
    grade = DataValidation(type="list", formula1='"' + ",".join(grades) + '"', allow_blank=True,
                           errorTitle="评分等级", error=f"评分等级应为 {'、'.join(grades)} 之一")
    grade.add(at["grade"])
    sheet.add_data_validation(grade)
    first = at["indicators.0.target"]
    starts = ",".join(f'LEFT({first},1)="{op}"' for op in OPERATORS)
    target = DataValidation(type="custom", formula1=f"OR({starts},ISNUMBER(SEARCH(\"定性\",{first})))",
                            allow_blank=True, errorStyle="warning", errorTitle="年度指标值",
                            error="定量指标的年度指标值应以运算符开头，如 ≥95%、=2(场)、≤3(天)；定性指标可写“定性：……”",
                            promptTitle="年度指标值", prompt="如 ≥95%、=2(场)、≤3(天)；定性指标写目标的文字")
    target.add(_column(at, "target"))
    sheet.add_data_validation(target)
    tiers = [tier.value for tier in Tier]  # R16's qualitative tiers, offered for a 定性 indicator's actual
    actual = DataValidation(type="list", formula1='"' + ",".join(tiers) + '"', allow_blank=True,
                            errorStyle="information", errorTitle="实际完成值",
                            error=f"定性指标的实际完成值可选 {'、'.join(tiers)}；定量指标照实填写数值和单位")
    actual.add(_column(at, "actual"))
    sheet.add_data_validation(actual)
    numbers = DataValidation(type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True,
                             errorTitle="分值/得分", error="分值和得分应为 0 到 100 之间的数")
    numbers.add(_column(at, "weight"))
    numbers.add(_column(at, "score"))
    sheet.add_data_validation(numbers)


def write_template(path: Path, template: str = DEFAULT_TEMPLATE, rows: int = INDICATOR_ROWS) -> Path:
    """The blank form to fill in, as an .xlsx at `path`."""
    layout = form_layout(Form(fund_unit="万元", indicators=[Indicator() for _ in range(rows)]), labels(template))
    layout.year = BLANK_YEAR
    book = Workbook()
    sheet = book.active
    sheet.title = "自评表"
    write_layout(sheet, layout)
    sheet.cell(2, 1).protection = _INPUT  # the year line: the unit writes its year in
    at = _where(layout)
    formulas = _formulas(sheet, at)
    _unlock(sheet, layout, formulas)
    _validations(sheet, at, template)
    print_setup(sheet, TITLE_ROWS + layout.header_row + 1)
    sheet.protection.sheet = True
    sheet.protection.formatRows = sheet.protection.formatColumns = False  # rows may be made taller
    book.save(path)
    return Path(path)
