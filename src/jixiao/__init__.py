"""jixiao（绩效）: read, verify and score 财政项目支出绩效自评表.

Python API:
    >>> import jixiao
    >>> forms = jixiao.parse("examples/000_cf1bceb3fa2c9cc3.txt")
    >>> forms[0].project_name
    '产业转型升级重点工作'
    >>> report = jixiao.check(forms[0], profile="shanghai")   # findings, as `jixiao check` prints them
    >>> card = jixiao.score(forms[0])                          # every recomputed number with its formula
"""

from jixiao.check import check, check_forms, score
from jixiao.check.findings import Finding, FormReport, Report
from jixiao.errors import InputError
from jixiao.model import Form, FundRow, Funds, Indicator, ReadWarning, Source, Waiver
from jixiao.parse import parse, parse_text

__version__ = "0.1.0"

__all__ = [
    "Finding", "Form", "FormReport", "FundRow", "Funds", "Indicator", "InputError", "ReadWarning", "Report", "Source",
    "Waiver", "check", "check_forms", "parse", "parse_text", "score",
]
