"""The 总分 row (分值 and 得分) and the 评分等级 row."""

from __future__ import annotations

import re

from jixiao.assemble.glued import points_pair
from jixiao.assemble.stream import Unit
from jixiao.assemble.text import GRADE_WORD, MAX_POINTS, number, tidy
from jixiao.read.normalise import CUT_REST

GRADE_MAX = 6  # a grade is a short word (优, 良好, 不合格); longer text after the label is something else
_QUALIFIER = re.compile(r"\s*[(（][^()（）]{1,16}[)）]$")  # '优（90分以上）': the grade's band, printed after it


def _grade_text(units: list[Unit]) -> str:
    """The grade as printed, without the band printed after it in brackets."""
    return _QUALIFIER.sub("", tidy("".join(u.text for u in units)) or "")


CUT_AT_POINT = re.compile(r"^\d+[.．]$")  # a number cut right after its point ('100.')


def read_total(units: list[Unit]) -> tuple[float | None, float | None, int | None, int]:
    """(total weight, total score, line, units used): the numbers after the label, also on lines of their own."""
    numbers: list[float] = []
    line = None
    used = 0
    for k, u in enumerate(units):
        if u.page != units[0].page or u.certain and u.row > units[0].row + 1:
            break  # (a table's row holds its numbers, or the row below: not the next sheet's cells)
        # ('100.' / '00': a narrow column cut the 分值 after its point, its rest on the line below)
        value = number(u.text[:-1] if CUT_AT_POINT.match(u.text) else u.text)
        if (value is None or value > MAX_POINTS) and not numbers and (pair := points_pair(u.text, alike=False)):
            return number(pair[0]), number(pair[1]), u.line, k + 1  # 分值 and 得分 glued: '100100', '10096.5'
        if value is None:
            if numbers or not u.certain and k >= 2:
                break
            used = k + 1
            continue
        numbers.append(value)
        used = k + 1
        line = line or u.line
        if len(numbers) == 2:
            break
    cut = any(CUT_AT_POINT.match(u.text) for u in units[:used])
    if cut and used < len(units) and CUT_REST.match(units[used].text) and units[used].row > units[used - 1].row:
        used += 1  # the cut number's rest ('00'), read with it
    if len(numbers) == 1:
        return ((numbers[0], None, line, used) if numbers[0] == 100 else (None, numbers[0], line, used))
    return (numbers[0] if numbers else None, numbers[1] if len(numbers) > 1 else None, line, used)


def completed_score(units: list[Unit], used: int, expected: float | None) -> tuple[float, int] | None:
    """(总分 得分, units used) where a narrow column cut the 得分 after its point's first digit, its rest alone on
    the line below (`89.2` / `2`), and the form's arithmetic says the joined number (the fund row's 得分 and the
    indicators' add up to 89.22, not 89.2); else None."""
    if expected is None or not 0 < used < len(units):
        return None
    head, rest = units[used - 1], units[used]
    if "." not in head.text or not CUT_REST.match(rest.text) or rest.row <= head.row:
        return None
    printed, joined = number(head.text), number(head.text + rest.text)
    if printed is None or joined is None or abs(printed - expected) < 0.005 or abs(joined - expected) >= 0.005:
        return None
    return joined, used + 1


def read_grade(units: list[Unit]) -> tuple[str | None, int | None, int]:
    """(grade, line, units used): the text after the label, on the label's row or the next cell."""
    if not units:
        return None, None, 0
    first = units[0]
    if first.certain or all(u.row == first.row for u in units[:1]):
        row = [u for u in units if u.row == first.row]
        text = _grade_text(row)
        if text and len(text) <= GRADE_MAX:
            return text, first.line, len(row)
    text = _grade_text([first])
    return (text, first.line, 1) if text and GRADE_WORD.match(text) else (None, None, 0)


def read_trailing_grade(units: list[Unit]) -> tuple[str | None, int | None, int]:
    """(grade, line, units used): a grade word right after the 总分 row's numbers ('总分 100 96 优', on its row or
    the next line), in a form without a 评分等级 row."""
    if units:
        text = _grade_text(units[:1])
        if text and GRADE_WORD.match(text):
            return text, units[0].line, 1
    return None, None, 0
