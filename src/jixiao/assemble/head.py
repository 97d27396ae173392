"""The form's head: year, 项目名称, 主管部门, 实施单位 — a label and the value after it, in whatever layout.

A value is what follows its label up to the next label: inline after a colon (`项目名称：X`), the next cell of
a table row, or the next fragments of plain text (a value printed with spaces, a cell per line).
"""

from __future__ import annotations

import re

from jixiao.assemble.context import Context
from jixiao.assemble.lexicon import IGNORED, Lexicon
from jixiao.assemble.stream import (
    BARE_YEAR,
    Unit,
    bare_number,
    footer_at,
    form_word,
    is_year_only,
    title_of,
    title_year,
    year_in,
)
from jixiao.assemble.text import after_chars, is_dash, number, tidy

HEAD_FIELDS = ("project_name", "department", "implementing_unit")
VALUE_BEFORE = 0.5  # a value read before its label: a guess the reader is told of (below LOW_CONFIDENCE)
_DECORATION = re.compile(r"^[(（\[【][^()（）\[\]【】]{1,4}[)）\]】]$")  # '(盖章)', '（代码）'
_OTHER_LABEL = re.compile(r"^[^\d:：,，;；。]{2,10}[:：]$")  # a word and its colon, on its own
_LABEL_OPENS = re.compile(r"^[^\d:：,，;；。()（）]{2,10}[:：]")  # another label and its colon open the text
_MONTH = re.compile(r"\d{1,2}月")
_PERIOD = re.compile(r"((?:19|20)\d{2})年\d{1,2}月(?:\d{1,2}日)?起?(?:至|到|-|—|~)\1年\d{1,2}月")
_LABEL_NOTE = re.compile(r"^[(（][^()（）]{1,4}[)）]\s*(?=[:：])")  # '项目单位(盖章):…': the note before the colon


def read_year(title_unit: Unit | None, units: list[Unit]) -> tuple[int | None, int | None]:
    """(year, line): '(2023年度)' near the title, or in the title itself ('…自评表(2023年)', '2023年度…'), or
    a bare year right after a title that prints none (a PDF's text put its digits on a line of their own), or,
    where the form prints none of these, a period within one year (项目起止时间)."""
    candidates = ([title_unit] if title_unit else []) + units
    for k, u in enumerate(candidates):
        if is_year_only(u.key) and not _opens_a_date(candidates, k) or u is title_unit and title_year(u.key):
            return title_year(u.key), u.line
    if title_unit is not None and units and BARE_YEAR.match(units[0].key):
        return int(units[0].key), units[0].line  # its digits right after the title ('…自评表（ 年度）' / '2023')
    for u in units:
        if "年度" in u.key and len(u.key) <= 24 and (year := year_in(u.key)):
            return year, u.line
    for k, u in enumerate(units):  # (a period within one year: '2021年1月起至2021年12月止', 项目起止时间's)
        if u.key[:2] in ("19", "20") and (period := _PERIOD.match("".join(
                v.key for v in units[k:k + 8] if v.row == u.row))):
            return int(period.group(1)), u.line
    return None, None


def _opens_a_date(units: list[Unit], k: int) -> bool:
    """'2022年' opening a date, its month next on its row ('报告日期: 2022 年 7 月 8 日'): the day a report was
    signed, a year after the one it evaluates, is not the form's year."""
    if not units[k].key.endswith("年"):
        return False
    after = "".join(u.key for u in units[k + 1:k + 3] if u.row == units[k].row)
    return bool(_MONTH.match(after))


def head_in_block(units: list[Unit], values: dict[str, str | None], lex: Lexicon, ctx: Context) -> list[Unit]:
    """A head label the head left unread, with its value, printed inside the fund table (a workbook's text
    whose merged cells run into the next block: `项目资金(万元) 年度资金总额 实施单位 XX卫生院 全年预算数 …`):
    the value is the head field's, and both units leave the table (else the table reads them as its values).
    The value must be a text no label or number, in a block that is a table (its headings and numbers): a
    table's own cells are never that."""
    pairs: dict[int, str] = {}
    for i, u in enumerate(units[:-1]):
        if (found := lex.head_field(u.key)) and found[0] in HEAD_FIELDS and found[1] == len(u.key) and values.get(
                found[0]) is None and found[0] not in pairs.values() and _block_value(units[i + 1], lex):
            pairs[i] = found[0]
    if not pairs or not any(lex.fund_column(u.key) for u in units) or not any(
            number(u.text) is not None for u in units):
        return units  # (most forms; or a note that names the fund block, no table: its words are a sentence's)
    for i, field in pairs.items():
        values[field] = tidy(units[i + 1].text)
        ctx.at(field, units[i + 1].line)
    taken = {j for i in pairs for j in (i, i + 1)}
    return [u for k, u in enumerate(units) if k not in taken]


def _block_value(v: Unit, lex: Lexicon) -> bool:
    """A head value among a table's cells: text no number, dash or word of the form."""
    return (len(v.key) >= 2 and number(v.text) is None and not is_dash(v.text) and not v.key[:1].isdigit()
            and not form_word(v.key, lex))


def _value_after(units: list[Unit], i: int, inline: str, lex: Lexicon) -> bool:
    """The value of label `i` is the unit after it, not the text after the label in its own cell: a cell of its
    own follows on the table row, or the text after the label is too short to be a name ('及代码', '(盖章)')
    and a unit follows that is no other label, section or title."""
    if i + 1 >= len(units):
        return False
    u, v = units[i], units[i + 1]
    if lex.head_field(v.key) or lex.section(v.key):
        return False
    if title_of(v, lex):  # a project's name may end as a title does
        return (field := lex.head_field(u.key)) is not None and field[0] == "project_name"
    return (v.row == u.row and v.certain) or len(inline.strip("()（）[]【】")) <= 3


def read_head(units: list[Unit], lex: Lexicon, ctx: Context) -> tuple[dict[str, str | None], set[int]]:
    """Head values by field, and the indices of the units used."""
    values: dict[str, str | None] = {}
    used: set[int] = set()
    for i, u in enumerate(units):
        found = lex.head_field(u.key)
        if not found or (values.get(found[0]) is not None and found[0] != IGNORED):
            continue  # (a label again after one that had no value, a cover's '项目名称:', reads its own)
        field, length = found
        used.add(i)
        if (block := _labels_then_values(units, i, lex)) is not None:
            for name, label, value in block:
                used.update((label, value))
                if name != IGNORED and name not in values:
                    values[name] = tidy(units[value].text)
                    ctx.at(name, units[value].line)
            continue
        rest = _LABEL_NOTE.sub("", after_chars(u.text, length).lstrip())
        inline = rest.lstrip(":： ")
        if inline and not lex.head_field(inline) and (rest[0] in ":：" or not _value_after(units, i, inline, lex)):
            values[field] = tidy(inline)
            ctx.at(field, u.line)
            continue
        # else what follows the label in its cell decorates it ('主管部门及代码', '实施单位(盖章)'): the value is
        # the next cell
        parts: list[str] = []
        last = u  # the unit of the value's last part
        footer = 0  # units of a page's footer still to pass ('- 2 -' after a name, a document on one line)
        for j in range(i + 1, len(units)):
            v = units[j]
            if footer or (parts and not v.certain and (footer := footer_at(units, j))):
                footer -= 1
                used.add(j)
                continue
            if lex.head_field(v.key) or lex.section(v.key) or (
                    title_of(v, lex) and (parts or field != "project_name")):  # (a name may end as a title does)
                break
            if parts and (v.certain or units[j - 1].certain):
                break  # a table cell holds the whole value: the next cell or row is not part of it
            if parts and _OTHER_LABEL.match(v.key) or not parts and _LABEL_OPENS.match(v.key):
                break  # a label no template lists, with its colon ('是否为专项资金:'): the value ended before it (a
                # cover's labels left blank, '项目名称:承担单位:(盖章)', have none)
            used.add(j)
            if not parts and not v.certain and j + 1 < len(units) and _DECORATION.match(v.key):
                continue  # the label's decoration printed apart ('实施单位 (盖章)'), not the value's start
            parts.append(v.text)
            last = v
        if len(parts) > 1 and bare_number(last, 2):
            parts.pop()  # a page's bare number after the value, a page break below the head ('…办公室' / '2'): no
            # head value ends in a bare number apart
        values[field] = tidy(" ".join(parts)) if parts else None
        if parts:
            ctx.at(field, u.line)
        elif field != IGNORED and (before := _value_before(units, i, used, lex)):
            used.update(before)
            values[field] = tidy(" ".join(units[j].text for j in before))
            ctx.at(field, u.line)
            ctx.sure(field, VALUE_BEFORE)
    return values, used


def _labels_then_values(units: list[Unit], i: int, lex: Lexicon) -> list[tuple[str, int, int]] | None:
    """Labels printed one after another, then as many values (a PDF's text taken out a column block at a time:
    '项目名称 主管部门 某项目 某局', or a head printed as a row of headings over a row of values): each label's
    value is the one in its place — (field, label, value) for each. Only labels that print nothing after them in
    their own text, and values that are none of the form's words, exactly as many as the labels before the next
    label or section."""
    fields: list[str] = []
    end = i
    while end < len(units) and (found := lex.head_field(units[end].key)) is not None \
            and found[1] == len(units[end].key):
        fields.append(found[0])
        end += 1
    first = end
    while end < len(units) and not (lex.head_field(units[end].key) or lex.section(units[end].key)
                                    or title_of(units[end], lex)):
        end += 1
    if len(fields) < 2 or end - first != len(fields) or any(
            units[j].certain != units[first].certain for j in range(first, end)):
        return None
    return [(name, i + k, first + k) for k, name in enumerate(fields)]


def _value_before(units: list[Unit], i: int, used: set[int], lex: Lexicon) -> list[int]:
    """Flowed text that lost the head's cell order (a PDF's text taken out a column block at a time prints
    '某项目名 项目名称 主管部门 某局'): a label followed by no value of its own, another label right after it,
    takes the text right before it that nothing else reads — never a table's cells, whose order is sure, nor the
    title, the year or a word of the page around the form."""
    if units[i].certain or i + 1 >= len(units) or not lex.head_field(units[i + 1].key):
        return []
    out: list[int] = []
    j = i - 1
    while j >= 0 and j not in used and not units[j].certain:
        key = units[j].key
        if (lex.head_field(key) or lex.section(key) or title_of(units[j], lex) or is_year_only(key)
                or BARE_YEAR.match(key) or key.startswith("附件")):
            break
        out.insert(0, j)
        j -= 1
    return out
