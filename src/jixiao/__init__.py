"""jixiao（绩效）: read, verify and score 财政项目支出绩效自评表.

Python API:
    >>> import jixiao
    >>> forms = jixiao.parse("examples/000_cf1bceb3fa2c9cc3.txt")
    >>> forms[0].project_name
    '产业转型升级重点工作'
"""

from jixiao.errors import InputError
from jixiao.model import Form, FundRow, Funds, Indicator, ReadWarning, Source
from jixiao.parse import parse, parse_text

__version__ = "0.1.0"

__all__ = ["Form", "FundRow", "Funds", "Indicator", "InputError", "ReadWarning", "Source", "parse", "parse_text"]
