"""CSV reader: a sheet saved as comma-separated values (open-data portals publish forms so).

A document is read as CSV when most of its lines are rows of three or more comma-separated fields with an empty
or numeric one among them (prose written with ASCII commas is not) and none has a tab (a tab-separated text is
the text reader's). The rows are parsed by the standard library's `csv` module, so
quoted fields keep their commas (`"1,200.00"`) and their line breaks (a goal of several paragraphs); a row of two
or more fields is a table row of certain cells, empty fields kept, and a row of one field (a title above the
table), or a row whose one filled field is a page number, is a line of plain text.
"""

from __future__ import annotations

import csv
import re

from jixiao.read.grid import Cell, Emitter, cell_text
from jixiao.read.markup import MARKUP, clean_markup
from jixiao.read.normalise import BARE_PAGE_NUMBER, is_page_number
from jixiao.read.repeats import as_printed
from jixiao.read.tokens import Document

SAMPLE_LINES = 200  # how many lines decide whether a text is CSV
SAMPLE_CHARS = 1 << 16  # how much of a tab-separated text decides whether a CSV writer quoted it
SHARE = 0.6  # the share of its lines that must be rows of three fields or more


def looks_delimited(text: str) -> bool:
    """Most of the text's first lines are rows of a sheet: three or more comma-separated fields, one of them empty,
    a number or the field before it again (a merged cell written once per column it spans; prose written with ASCII
    commas splits into clauses, never empty, seldom bare numbers or one clause twice), and not every comma of it
    groups a number's digits ('18,250,000.00'); no line has a tab, no row a '|'."""
    if "," not in text or "\t" in text:
        return False
    lines = [line for line in text.split("\n", SAMPLE_LINES)[:SAMPLE_LINES] if line.strip()]
    if len(lines) < 3:
        return False
    try:  # (by records, not lines: a quoted field keeps its line breaks, one record over several lines)
        records = list(csv.reader(lines))
    except csv.Error:  # (a field past the size limit: no sheet's)
        return False
    rows = sum(1 for fields in records
               if len(fields) >= 3 and not any("|" in f for f in fields) and any(
                   not f.strip() or _NUMBER.match(f) or (k and f == fields[k - 1]) for k, f in enumerate(fields))
               and len(_THOUSANDS.findall(line := ",".join(fields))) < line.count(","))
    return rows >= SHARE * len(records)


_NUMBER = re.compile(r"^\s*[-+]?[\d,]*\.?\d+%?\s*$")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?:\D|$))")  # a comma grouping a number's digits ('18,250,000.00')


# a field quoted whole between tabs (a line break or a quote inside it kept): tab-separated text a CSV writer wrote
_QUOTED_TAB_FIELD = re.compile(r'(?:^|\t)"(?:[^"]|"")*"(?=\t|$)', re.MULTILINE)
QUOTED_FIELDS = 2  # quoted fields that make tab-separated text the CSV writer's


def tab_quoted(text: str) -> bool:
    """Tab-separated text whose fields a CSV writer quoted where they hold a line break or a quote (Python's `csv`
    module with a tab delimiter, a spreadsheet saving as text): its quotes are the format's, not the cells'."""
    return '"' in text and len(_QUOTED_TAB_FIELD.findall(text, 0, SAMPLE_CHARS)) >= QUOTED_FIELDS


def read_delimited(text: str, file: str, delimiter: str = ",") -> Document | str:
    """Turn CSV text (or, with `delimiter`, tab-separated text a CSV writer quoted) into a token stream; or, when it
    is no valid CSV after all (a quote never closed running past the field size limit), what is wrong with it, for
    the caller to read the text line by line instead."""
    doc = Document(file=file)
    out = Emitter(doc)
    reader = csv.reader(text.split("\n"), delimiter=delimiter)
    rows: list[tuple[list[str], int]] = []
    try:
        for fields in reader:
            rows.append((fields, reader.line_num))
    except csv.Error as exc:
        return f"第 {reader.line_num} 行起不是有效的 CSV（{exc}），已按普通文本逐行读取"
    for k, (fields, line) in enumerate(rows):
        if _lone_number(rows, k):
            out.page_break()  # a page's bare number printed into the sheet, set apart by empty rows
        else:
            _row(out, fields, line)
    out.end_table()
    as_printed(doc.tokens)
    return doc


def _lone_number(rows: list[tuple[list[str], int]], k: int) -> bool:
    filled = [f.strip() for f in rows[k][0] if f.strip()]
    if len(filled) != 1 or len(filled[0]) > 7 or not BARE_PAGE_NUMBER.match(filled[0]):
        return False
    return all(j < 0 or j >= len(rows) or not any(f.strip() for f in rows[j][0]) for j in (k - 1, k + 1))


def _row(out: Emitter, fields: list[str], line: int) -> None:
    filled = [f for f in fields if f.strip()]
    if not filled:
        out.blank()
    elif len(fields) == 1 or len(filled) == 1 and is_page_number(filled[0].strip(), beside_form_feed=False):
        out.plain(filled[0], line)  # (a page number printed into the sheet is a page gap)
    else:
        # a sheet exported from a web system keeps its cells' markup (`<p>`, `&nbsp;`), resolved as in text rows
        out.table_row([Cell(cell_text((clean_markup(f) if MARKUP.search(f) else f).split("\n")), col)
                       for col, f in enumerate(fields)], line)
