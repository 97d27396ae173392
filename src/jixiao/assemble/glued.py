"""Text whose cell boundaries were all lost: a web page's table taken without its tags' spacing, or a document
whose cells were joined with nothing between them ('项目名称中江县…主管部门中江县水利局实施单位…').

Such a run of text holds several of the form's words. It is cut at them — the template's labels with their
decorations ('全年预算数(A)', '其中:本年财政拨款', '产出指标(70分)') and a title with its year ('…自评表(2022年度)') —
into the cells they are and the values between them. A value that follows a level label, the indicator header
or the 总分 label (an indicator row, or several; the total's points) is cut further where its cells' shapes
change: before an operator ('≥90%'), where a number starts after text, where text starts after a number and its
measure ('10≥266米≥266米10'), and a text printed twice ('显著提升显著提升': its 年度指标值 and 实际完成值).
Numbers glued to each other ('202010100.00%10' in the fund table, '100100' on the 总分 row, '20100%' after a
name under a header with 分值 before 年度指标值) are cut where they are read, by the fund table's arithmetic, the
总分 row's shape and the row's (`split_numbers`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from jixiao.assemble.lexicon import Lexicon, label_key
from jixiao.assemble.stream import Unit
from jixiao.assemble.text import MAX_POINTS, decimals, fold, is_dash, number, points, printed_twice
from jixiao.measures import is_measure
from jixiao.read.tokens import Gap

MIN_RUN = 24  # characters: a shorter run is a cell, however many words it holds
GLUED_SHARE = 0.5  # of the text in glued units: the document is glued through, not a header here and there
MIN_TOUCHING = 2  # places where one of the form's words ends where the next starts ('分值执行率(B/A)得分')
MIN_WORDS = 3  # distinct form words (of four characters or more) a run must hold to be read as glued cells
MAX_SPLITS = 256  # ways of cutting one run of glued numbers, at most
MAX_RUN = 64  # characters of a run of glued numbers that is cut at all (a fund row of six numbers in 元: about 55)
# what a glued run holds somewhere: a header's heading or the head's first label (most cells of prose hold none,
# and are not searched for the form's words)
_HEADER_WORD = re.compile(r"指标|预算数|执行数|项目名称|自评表")
_DECOR = r"(?:[(（][^()（）]{0,12}[)）])?[:：]?"
_OPERATOR = "≥≤<>=≠"
# one number as printed (no leading zero, thousands grouped by threes, % at its end), or a dash for a blank cell
_NUMBER = re.compile(r"^(?:(?:0|[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*)(?:\.\d{1,4})?%?|[-—–/])$")  # ('/': a blank)
_GLUED_NUMBERS = re.compile(r"^[\d.,%\-—–/]{2,}$")
_GLUED_ROW = re.compile(r"^[^\d≥≤<>=≠].*\D\d.*\d%?$")  # a name, then values ending in points, on a line of its own
_VALUES_THEN_POINTS = re.compile(r"^[≥≤<>=≠]*\d[\d.]*\.\d+\.\d+$")  # at least a value and two decimals points
_POINTS_PAIR = re.compile(r"^\d[\d.]*\.\d+\d[\d.]*$|^\d{2,6}$")  # '10.0010.00', '1010': 分值 and 得分 glued
# a title: the words before 自评表 back to a mark no title holds (a colon, a stop, a date's 日), and its year
# (printed without its 表 only before its year or at the end: '…(普通省道公路建设)绩效目标自评')
_TITLE = re.compile(r"[^,，。:：;；!?！？、]{0,30}?自评(?:表|(?=[(（](?:19|20)\d{2}年)|$)"
                    r"(?:[(（](?:19|20)\d{2}年度?[)）])?")
_DATE = re.compile(r".*\d{1,2}日")  # a date before a title is the end of what stood before it
_PAGE_COUNT = re.compile(r"\d{1,3}/\d{1,3}(?!\d)")  # '1/3': a page of a document site or a browser's print
_VALUE_AFTER = re.compile(r"[\d.,%\-—–/]+")  # a label's value glued after it: numbers, or dashes for blanks
_NUMBERING = re.compile(r"^(?:\d{1,2}[.、]|\(\d{1,2}\)|[一二三四五六七八九十]{1,2}[、.])")  # folded


def _numbering(key: str) -> int:
    """The length of the numbering that opens a key ('2.', '(1)', '三、'), or -1."""
    match = _NUMBERING.match(key)
    return match.end() if match else -1


_IN_SENTENCE = frozenset("=/,、")  # folded: '，' is ','
_QUOTE_END = frozenset("”」』\"'")  # a word right after a quotation is prose's ('…完善全市”总体目标和工作方案')
# a note under the form ('备注:1.预算执行情况口径:预算数为…', '注:1.'): prose naming the form's words, no cells
_NOTE = re.compile(r"^(?:备注|注)[:：]")
_NOTE_IN = re.compile(r"(?:备注|注)[:：]\s*1?[.、]")


@lru_cache(maxsize=64)
def _words(lex: Lexicon) -> re.Pattern[str]:
    """The form's words, longest first, with a leading 其中 (and 本年 or 当年: '其中:本年一般公共预算拨款'; 年度 where
    the word is none with it: '年度预算数(万元)', a heading of the row labels' column) and trailing decorations."""
    words = sorted({w for w in lex.words if len(w) >= 2} | set(lex.levels), key=len, reverse=True)
    return re.compile(f"(?:其中[:：]?)?(?:本年|当年)?(?:年度)??(?:{'|'.join(map(re.escape, words))}){_DECOR}")


def _spans(key: str, lex: Lexicon) -> list[tuple[int, int, bool]]:
    """(start, end, is a title) of the form's words in a key, in order, a title before the words inside it."""
    # (a note under the form, '…备注:1.预算执行情况口径:预算数为…', is prose to the end: no word in it is a cut)
    note = _NOTE_IN.search(key)
    end = note.start() if note else len(key)
    matches = list(_words(lex).finditer(key, 0, end))
    titles = [(_title_start(key, m, matches, lex), m.end(), True)
              for m in _TITLE.finditer(key) if "绩效" in m.group()] if "自评" in key else []
    # (a word in a sentence, after or before its operator or a comma — '预算执行率=预算执行数/调整后预算数,' in a
    # note beside a table — is prose, no cut)
    # (but a word after a comma that the next word follows at once opens a header: '…夯实基础,绩效指标一级指标')
    words = [(m.start(), m.end(), False) for k, m in enumerate(matches)
             if not any(a < m.end() and m.start() < b for a, b, _ in titles)
             and (key[m.start() - 1:m.start()] not in _IN_SENTENCE | _QUOTE_END
                  or k + 1 < len(matches) and matches[k + 1].start() == m.end() and key[m.start() - 1] == ",")
             and key[m.end():m.end() + 1] not in _IN_SENTENCE]
    return sorted(titles + _name_keeps_its_xiangmu(key, words, lex))


def _name_keeps_its_xiangmu(key: str, words: list[tuple[int, int, bool]], lex: Lexicon
                            ) -> list[tuple[int, int, bool]]:
    """A project's name glued to the next label, `…学生资助项目主管部门`: the label is 主管部门 and the name keeps its
    项目 (many names end in 项目; the longer label 项目主管部门, which the words match first, is the rarer reading),
    where the label without its 项目 is the same head label, the department's or the implementing unit's (not
    项目负责人: that 项目 is the label's)."""
    out = list(words)
    for k in range(1, len(out)):
        (_, end0, _), (start, end, title) = out[k - 1], out[k]
        label = lex.head_field(key[out[k - 1][0]:end0])
        if (label and label[0] == "project_name" and start > end0 and key.startswith("项目", start)
                and (field := lex.head_field(key[start:end])) and field[0] in ("department", "implementing_unit")
                and lex.head_field(key[start + 2:end]) == (field[0], end - start - 2)):
            out[k] = (start + 2, end, title)
    return out


def _title_start(key: str, title: re.Match[str], words: list[re.Match[str]], lex: Lexicon) -> int:
    """Where a title found in a run starts: after a date or a page counter before it, after a page's label of its
    summary ('…自评表》内容概述宣城市…自评表'), and after a label of the form with its value that the run holds before
    it (a page's summary of the form, cut short and glued to the form's own title: '…其他资金000—项目支出绩效自评表'
    is the fund table's last row, then the title)."""
    start = title.start() + (d.end() if (d := _DATE.match(title.group())) else 0)
    core = title.start() + title.group().find("绩效")
    if counter := _PAGE_COUNT.match(key, start):
        start = counter.end()  # a page's counter glued on before it ('1/1年学生资助项目绩效目标自评表')
    for label in lex.summary_labels:
        if (at := key.rfind(label, start, core)) >= 0:
            start = at + len(label)
    for m in words:
        if start <= m.start() and m.end() < core and (value := _VALUE_AFTER.match(key, m.end())):
            start = value.end()
    return start


def glued_runs(units: list[Unit]) -> tuple[str, ...]:
    """Keys of plain text long enough to be glued cells that name a header's word: where a variant's words may
    stand inside runs only (a Hunan report glued through: '…计划安排资金(万元)实际到位资金(万元)75…')."""
    return tuple(u.key for u in units if not u.certain and len(u.key) >= MIN_RUN and _HEADER_WORD.search(u.key))


def unglue(units: list[Unit], lex: Lexicon) -> list[Unit]:
    """The units with every run of glued cells cut at the form's words (see the module docstring).

    A document holds such runs when one of its units is a long run of several of the form's words, some of them
    side by side as a header's headings stand (prose that names them, a note under the fund table, has words
    between them). Then a unit is cut at its words where one opens it ('项目名称中江县…') or it holds several; a
    word inside a cell of prose ('…完善全市”总体目标和工作方案…') is no cut. Where most of the text is glued (not a
    header here and there in text whose cells stand apart), every other unit is cut as a value too (a row glued
    whole, or a glued value that a space of its own cut off the run); otherwise only a line of its own in the
    indicator table that reads as a row glued whole (a name, then values ending in a number) is, and a cell
    kept apart stays whole ('1年内')."""
    in_cells = _forms_in_cells(units, lex)
    if not in_cells and not any(_run(key, lex) for key in glued_runs(units)):
        return units
    found, glued = _glued(units, in_cells, lex)
    joined = _join_spaced(units)
    # a single space inside one of the form's words ('绩 效 指 标一级 指标二级 指标三级指标年度指标 值全年 完成值': a
    # word wrapped in its cell) is no cell boundary: such runs are glued text too
    wrapped = [u for u in joined if " " in u.text and _word_across_space(u, lex)]
    glued_share = sum(len(units[k].key) for k in glued) + sum(len(u.key) for u in wrapped)
    through = glued_share >= GLUED_SHARE * sum(len(u.key) for u in units)
    if through and len(joined) < len(units):  # text glued through: every single space is such a wrap
        units = joined
        found, glued = _glued(units, _forms_in_cells(units, lex), lex)
    out: list[Unit] = []
    state = _State()  # what the form's words so far opened, across units (a row's line after its labels' line)
    for k, u in enumerate(units):
        starts = _starts(u.text, u.key) if k in glued else None
        if starts is not None:
            out.extend(_cut(u, [(bisect_left(starts, a), bisect_left(starts, b), t) for a, b, t in found[k]], lex,
                            state))
        elif not u.certain and k in found and len(found[k]) == 1 and found[k][0][:2] == (0, len(u.key)):
            out.extend(_cut(u, [(0, len(u.text), found[k][0][2])], lex, state))  # a word of its own: it opens
        elif not u.certain and not _NOTE.match(u.key) and (through or (
                state.after == "row" and _GLUED_ROW.match(u.key) and (k == 0 or units[k - 1].row != u.row)
                and (k + 1 == len(units) or units[k + 1].row != u.row))):
            out.extend(_cut(u, [], lex, state))  # text glued through, or a line that is an indicator row glued
        else:
            out.append(u)
    return out


def _glued(units: list[Unit], in_cells: set[int], lex: Lexicon) -> tuple[dict[int, list[tuple[int, int, bool]]],
                                                                          set[int]]:
    """The spans of the form's words in each unit that holds any, and the units that are glued cells: opened
    by a word (or a title; or a word after its numbering, '2.项目实施内容及过程概述2023年…') and going on past it,
    or holding several."""
    found = {}
    for k, u in enumerate(units):
        if (not u.certain or k in in_cells) and len(u.key) >= 2 and not _NOTE.match(u.key) and (
                spans := _spans(u.key, lex)):
            found[k] = spans
    # (a word and its decoration, '年初目标值(A' a page printed without its closing bracket, is one label)
    glued = {k for k, spans in found.items()
             if (spans[0][0] == 0 or spans[0][2] or spans[0][0] == _numbering(units[k].key))
             and spans[0][1] < len(units[k].key) and label_key(units[k].key) != units[k].key[:spans[0][1]]
             or len(spans) > 1}
    return found, glued


def _word_across_space(u: Unit, lex: Lexicon) -> bool:
    """One of the form's words (of four characters or more; not a title, which takes in the words before it) in
    a run of fragments joined at single spaces stands across a space, neither side a word of its own ('项目 主管部门'
    is a project name's end and a label)."""
    starts = _starts(u.text, u.key)
    if starts is None:
        return False
    spaces = sorted({starts[i] for i, c in enumerate(u.text) if c == " "})
    words = lex.words
    for a, b, title in _spans(u.key, lex):
        if b - a < 4 or title:
            continue
        for p in spaces[bisect_left(spaces, a + 1):bisect_left(spaces, b)]:  # (the spaces inside the word only)
            if u.key[a:p] not in words and u.key[p:b] not in words:
                return True
    return False


def _join_spaced(units: list[Unit]) -> list[Unit]:
    """The units with each run of plain fragments a single space apart on one line joined into one."""
    runs: list[list[Unit]] = []
    for u in units:
        prev = runs[-1][-1] if runs else None
        if prev is not None and u.gap == Gap.SPACE and not u.certain and not prev.certain and u.row == prev.row:
            runs[-1].append(u)
        else:
            runs.append([u])
    # (joined once per run: a long line of many fragments is not copied over and over)
    return [run[0] if len(run) == 1 else run[0]._replace(text=" ".join(v.text for v in run),
                                                         key="".join(v.key for v in run)) for run in runs]


@dataclass
class _State:
    after: str | None = None  # what the last word opened: an indicator row ('row'), 总分's ('total'), a fund
    # row's ('fund'), the goals' texts ('goals')
    columns: list[str] = field(default_factory=list)  # the indicator header's columns as read so far
    rows: bool = False  # inside the indicator table's rows: a level label read, no section's word since

    @property
    def scored(self) -> bool:
        """The indicator header, where one was read, has a 分值 or 得分 column: rows' numbers may be points."""
        cols = self.columns
        return not cols or "weight" in cols or "score" in cols

    @property
    def points_first(self) -> bool:
        """The indicator header prints 分值 before 年度指标值 (a row's 分值 follows its name)."""
        cols = self.columns
        return "weight" in cols and "target" in cols and cols.index("weight") < cols.index("target")


def _in_table(word: str, rows: bool, lex: Lexicon) -> bool:
    """Inside the indicator table's rows after this word: a level label opens them, a section's or the head's
    word ends them, and so does a form's title (a report's prose naming 经济效益 before the form it publishes)."""
    return bool(lex.level(word)) or rows and not lex.section(word) and not lex.head_field(word) and not (
        "自评" in word and "绩效" in word and _TITLE.search(word))


def _forms_in_cells(units: list[Unit], lex: Lexicon) -> set[int]:
    return {k for k, u in enumerate(units) if u.certain and _form_in_cell(u.key, lex)}


def _form_in_cell(key: str, lex: Lexicon) -> bool:
    """A table cell that holds a whole form glued after its title: a page's summary of its attachment in a
    cell of the page's own table ('内容概述 | …绩效自评表(2023年度)项目名称…主管部门…')."""
    if len(key) < MIN_RUN or "自评" not in key or not _run(key, lex):
        return False
    spans = _spans(key, lex)
    return spans[0][2] and len(spans) >= MIN_WORDS


def _run(key: str, lex: Lexicon) -> bool:
    """A key that is glued cells: several distinct words of the form (of four characters or more, or a title),
    and two or more places where one word ends where the next starts."""
    spans = _spans(key, lex)
    strong = {key[a:b] for a, b, title in spans if title or b - a >= 4}
    touching = sum(1 for (_, end, _t), (start, _, _u) in zip(spans, spans[1:], strict=False) if end == start)
    return len(strong) >= MIN_WORDS and touching >= MIN_TOUCHING


def _starts(text: str, key: str) -> list[int] | None:
    """Where each character of `text` starts in its key (folding may widen one: '…' is '...'), and the key's
    length after them; None where the characters fold otherwise than the whole text does."""
    starts = []
    at = 0
    for c in text:
        starts.append(at)
        at += len(fold(c))
    return [*starts, at] if at == len(key) else None


def _cut(u: Unit, spans: list[tuple[int, int, bool]], lex: Lexicon, state: _State) -> list[Unit]:
    """The unit cut at its words' spans, each value between cut as what the word before it opens (`state`, which
    the words update)."""
    pieces: list[tuple[str, bool]] = []  # (text, is a word of the form)
    at = 0
    for start, end, _title in spans:
        if start > at:
            pieces.append((u.text[at:start], False))
        pieces.append((u.text[start:end], True))
        at = end
    if at < len(u.text):
        pieces.append((u.text[at:], False))
    for k in range(len(pieces) - 2, -1, -1):  # a word keeps its numbering ('2.项目实施内容及过程概述')
        if pieces[k + 1][1] and not pieces[k][1] and _numbering(fold(pieces[k][0])) == len(fold(pieces[k][0])):
            pieces[k:k + 2] = [(pieces[k][0] + pieces[k + 1][0], True)]
    if state.rows or any(lex.level(fold(t)) for t, word in pieces if word):
        pieces = _in_rows(pieces, lex, state)
    out: list[Unit] = []
    for text, word in pieces:
        key = fold(text)
        if word:
            column = lex.indicator_column(key)
            if column:
                state.columns = [*state.columns, column] if state.after == "row" else [column]
            # ('合计' is a fund table's total row before the indicator rows, 总分 after them)
            total = lex.section(key) == "total" and (state.rows or not lex.fund_row(key))
            state.rows = _in_table(key, state.rows, lex)
            state.after = ("row" if lex.level(key) or column else "total" if total else
                           "goals" if lex.section(key) in ("goals", "goal_expected", "goal_actual") else
                           "fund" if lex.fund_row(key) else None)
            cells = [text]
        elif state.after in ("row", "total"):  # (总分's numbers glued are cut as the total reads them: '100' is
            # 100, never 10 and 0)
            cells = _row_cells(text, state.points_first, state.after == "row", state.scored, lex.degrees)
            if state.after == "row":
                cells = [piece for cell in cells for piece in _achieved_apart(cell, lex)]
                if not state.points_first:
                    cells = _texts_apart(cells, lex)
        elif state.after == "fund":  # amounts with their unit ('10万10万100%20'): each ends at its unit; a
            # numbered note after them is the row's 原因 ('…100.00%1010' then '1.预算执行率=…')
            cells = [c for part in _NOTE_START.split(text, 1) for c in _AFTER_UNIT.split(part) if c]
        elif state.after == "goals":  # the two goal texts: printed alike, or each ending a sentence
            cells = _goal_texts(text)
        else:
            cells = [text]
        for cell in cells:  # (where a glued cell stood tells no column: each keeps the run's place)
            if not out:
                out.append(u._replace(text=cell, key=fold(cell)))
            else:  # (a table cell's pieces: the cell's boundary is before the first of them only)
                out.append(u._replace(text=cell, key=fold(cell), gap=Gap.WIDE, certain=False, col=None))
    return out if len(out) > 1 else [u]


def _in_rows(pieces: list[tuple[str, bool]], lex: Lexicon, state: _State) -> list[tuple[str, bool]]:
    """Inside the indicator table's rows, a word of the fund table or of the head is a piece of an indicator's
    name or value ('县级储备粮管理制度严格执行率', '中央资金到位率', '帮助主管单位快速掌握'), joined to the text
    around it."""
    out: list[tuple[str, bool]] = []
    rows = state.rows
    for text, word in pieces:
        key = fold(text)
        if word and rows and (lex.fund_column(key) or lex.fund_row(key) or lex.head_field(key)) and not (
                lex.indicator_column(key) or lex.level(key) or lex.section(key)):
            word = False
        elif word:
            rows = _in_table(key, rows, lex)
        if out and not word and not out[-1][1]:
            out[-1] = (out[-1][0] + text, False)
        else:
            out.append((text, word))
    return out


# a cell starts at an operator after anything else, at a digit after text ('尺10', '%10', '米10') but for the
# template's numbering ('指标1:'), and at that numbering: it opens a row
_CELL_START = re.compile(rf"(?<=[^{_OPERATOR}])(?=[{_OPERATOR}])|(?<=[^\d.,{_OPERATOR}+-])(?!(?<=指标)\d+[:：])(?=\d)"
                         r"|(?<=.)(?=指标\d+[:：])")
_NOTE_START = re.compile(r"(?<=[\d%])(?=[1-9][.、．][\u4e00-\u9fff])")  # a number never ends in '.' and a word
_AFTER_UNIT = re.compile(r"(?<=\d[万萬])(?=\d)|(?<=\d[万萬]元)(?=\d)")
MIN_REPEATED_CLAUSE = 6  # characters: a goal text's clauses printed again, at the least
_LEADERS = re.compile(r"^[.．…·]{3,}|[.．…·]{8,}$")  # (an ellipsis, '等……', ends a text)
_CLAUSE_END = re.compile(r"[,，。；;.!！?？]")
_SENTENCE_END = re.compile(r"(?<=[。；;!！?？])")  # (not at a comma: a clause goes on)
_VALUE = re.compile(rf"^[{_OPERATOR}]*[+-]?\d[\d.,]*%?")


def _measure(rest: str) -> str:
    """The measure at the start of `rest` that belongs to the number before it ('米', '万元', '(家)'), or ''."""
    for k in range(min(len(rest), 6), 0, -1):
        head = rest[:k]
        if (head[0] in "(（") == (head[-1] in ")）") and is_measure(head):
            return head
    return ""


def _row_cells(text: str, points_first: bool, pairs: bool = True, scored: bool = True,
               degrees: tuple[str, ...] = ()) -> list[str]:
    """An indicator row's glued cells cut where their shapes change (see the module docstring); `points_first`:
    the header prints 分值 before 年度指标值, so a number glued to text before it opens with a 分值; `pairs`: a
    number that reads as a 分值 and 得分 glued is cut into them; `scored`: the header has a 分值 or 得分 column,
    else a number followed by its measure is a value, never points ('1000件' no 10 and 00 before a '件…')."""
    cells: list[str] = []
    for part in _CELL_START.split(text):
        if not part:
            continue
        value = _VALUE.match(part)
        if (points_first and value and cells and not _VALUE.match(cells[-1]) and points(value.group()) is None
                and (part[value.end():] == "" or _measure(part[value.end():]))
                and (glued := _points_glued(part))):
            cells.append(glued[0])  # '20100%', '1020万元' after a name: its 分值 20, its target 100%
            part = glued[1]
        value = _VALUE.match(part)
        if value is None or value.end() == len(part):
            cells.append(part)
            continue
        rest = part[value.end():]
        if (twice := _number_twice(value.group(), rest)) is not None:
            cells += twice  # '200200余人': the target 200, then 200余人 achieved
            continue
        # (a measure follows one number: after numbers glued, '655.005.00人工智能…', it is the next name's start)
        measure = (_measure(rest) or _lone_measure(rest)) if value.group().count(".") <= 1 else ""
        after = rest[len(measure):]
        if (pairs and scored and measure and after and fold(after[0]) not in _IN_SENTENCE and value.group().isdigit()
                and not _qualifier(after) and (pair := points_pair(value.group()))):
            cells += [*pair, rest]  # '3028部分工程延期': 分值 and 得分 before a 偏差原因, no '3028部'
            continue
        if pairs and (ahead := _points_ahead(value.group())) is not None:
            cells += [*ahead[:2], ahead[2] + rest]  # '10.0010.002582家，超额完成': a 偏差原因 opening with a number
            continue
        end = value.end() + len(measure)
        end += len(_qualifier(part[end:]))
        cells.append(part[:end])
        if part[end:]:
            cells.append(part[end:])
    out: list[str] = []
    for k, cell in enumerate(cells):
        if _twice(cell):
            out += [cell[:len(cell) // 2], cell[len(cell) // 2:]]  # a 年度指标值 and 实际完成值 printed alike
        elif (k + 1 == len(cells) or _VALUE.match(cells[k + 1])) and (alike := _twice_after(cell)):
            # a name, then its 年度指标值 and 实际完成值 alike; a word of degree before them opens the target
            # ('…凝聚力有所提升提升': 有所提升, then 提升)
            name = cell[:-2 * len(alike)]
            degree = next((w for w in degrees if name.endswith(w) and len(name) > len(w)), "")
            out += [name[:len(name) - len(degree)], degree + alike, alike]
        elif (pairs and not points_first and out and _VALUE.match(out[-1]) and _GLUED_RUN.match(cell)
              and (three := _actual_and_points(cell, out[-1])) and not (
                  three[1] != three[2] and len(out) > 1 and _VALUE.match(out[-2]) and points_pair(cell))):
            out += three  # '=8个' then '888': the actual, 分值 and 得分 glued (but after two values, '50件' '50件'
            # then '5050', a 分值 and its full 得分 where the run is one: not 50, 5 and 0)
        elif (pairs and _POINTS_PAIR.match(cell) and not (k + 1 < len(cells) and cells[k + 1].startswith(cell))
              and (pair := points_pair(cell))):
            out += pair  # (but a number the next cell repeats is a target: '200' then '200余人')
        elif _VALUES_THEN_POINTS.match(cell) and (ending := _points_ending(cell)):
            out += ending
        else:
            out.append(cell)
    return [piece for cell in out for piece in _target_twice(cell)]


def _texts_apart(cells: list[str], lex: Lexicon) -> list[str]:
    """A row's first text (the run's first, or after the row above's 得分), then three values (its 实际完成值,
    分值 and 得分): the name and the target; then two (分值 and 得分): the name, the target and the actual —
    where the text tells them apart."""
    out: list[str] = []
    for k, cell in enumerate(cells):
        values = 0
        while k + 1 + values < len(cells) and _VALUE.match(cells[k + 1 + values]):
            values += 1
        first = len(cell) >= MIN_NAME and not _VALUE.match(cell) and (k == 0 or _NUMBER.match(cells[k - 1]))
        if first and values == 3:  # (four: the target is a value too, the text the name alone)
            out += _name_and_target(cell, lex, False) or [cell]
        elif first and values == 2:
            out += _name_target_actual(cell, lex) or [cell]
        else:
            out.append(cell)
    return out


def _name_target_actual(text: str, lex: Lexicon) -> list[str] | None:
    """A name, its 年度指标值 and its 实际完成值 glued, all text, cut where the text tells them apart; None where
    it does not. A short word printed twice in a row is the target, the actual opening with it ('完成时间年内年内
    完成': 年内, then 年内完成); a target of a word of degree and its verb ('满意度有所提升满意': 有所提升, then 满意;
    with a comparison before it, '…比上年有所提升满意': 比上年有所提升)."""
    for i in range(MIN_NAME - 2, len(text) - 3):
        for k in range(min(6, (len(text) - i) // 2), 1, -1):
            if text[i:i + k] == text[i + k:i + 2 * k] and len(text) - i - 2 * k <= SHORT_TARGET:
                return [text[:i], text[i:i + k], text[i + k:]]
    for i in range(MIN_NAME - 2, len(text) - 3):
        comparison = next((c for c in _COMPARISONS if text.startswith(c, i)), "")
        degree = next((w for w in lex.degrees if text.startswith(w, i + len(comparison))), "")
        if comparison or degree:
            end = i + len(comparison) + len(degree) + 2  # (the verb: 提升, 优化, 完善 …)
            if 0 < len(text) - end <= SHORT_TARGET:
                return [text[:i], text[i:end], text[end:]]
    return None


_COMPARISONS = ("比上年", "较上年", "比去年", "较去年")  # what a target compares with ('比上年有所提升')


def _achieved_apart(cell: str, lex: Lexicon) -> list[str]:
    """A row's text ending in a qualitative 实际完成值 the templates print ('长效制度健全性健全达成指标': 达成指标), cut
    before it, its name and target apart where the text tells them (`_name_and_target`); any other cell as it is."""
    key = fold(cell)
    word = next((w for w in lex.achieved if key.endswith(w) and len(key) > len(w)), None)
    if word is None or _VALUE.match(cell) or len(key) != len(cell):
        return [cell]
    rest = cell[:-len(word)]
    return [*(_name_and_target(rest, lex) or [rest]), cell[-len(word):]]


def _name_and_target(text: str, lex: Lexicon, nominal_end: bool = True) -> list[str] | None:
    """A name and its 年度指标值 glued, both text, cut where the text tells them apart; None where it does not.
    A name made of its target's word ('…健全性' then 健全, '…及时性' then 及时, '…满意度' then 满意); a name ending
    in the word its target is ('数据共享度提升' then 提升: the word twice); a target opening with a word of degree
    (`…机制优化` then 有所优化: a name never ends in one); a name ending in its nominal word, the target text after
    it ('经费审批流程规范性' then 严格执行相关制度规定, '…的影响程度' then 效果明显), the first such end a target can
    follow (`nominal_end`: only before a qualitative actual, where the text is surely a name and a target; before
    numbers it may be the row above's 偏差原因 and a name, '…需要进行兼容性测试…')."""
    for k in range(min(4, len(text) // 2), 1, -1):
        target = text[-k:]
        if text[:-k].endswith(tuple(target + end for end in _NOMINAL)):
            return [text[:-k], target]
    if (tail := _twice_after(text)) is not None:
        return [text[:-len(tail)], tail]
    for k in range(MIN_NAME - 1, len(text) - 2):
        degree = next((w for w in lex.degrees if text.startswith(w, k)), None)
        if degree and 1 <= len(text) - k - len(degree) <= SHORT_TARGET:  # (its verb after it: '效果明显' is none)
            return [text[:k], text[k:]]
    for k in range(MIN_NAME, len(text) - 1):
        if text[k - 1] in _NOMINAL and text[k] not in _CONTINUES_NAME and text[k - 2:k] not in _NOUNS and (
                nominal_end or text.startswith(lex.openers, k)):
            return [text[:k], text[k:]]
    # a name ending in a word it is named by ('…响应时间', '…满足情况'), a word a target opens with after it
    # ('及时', '满足工作需求', '符合行业标准')
    for k in range(MIN_NAME, len(text) - 1):
        if text.endswith(_NAMING, 0, k) and text.startswith(lex.openers, k):
            return [text[:k], text[k:]]
    return None


_NOMINAL = ("性", "度", "率")  # what makes a name of a target's word: 及时性, 满意度, 完成率
MIN_NAME = 4  # characters of a name, at the least, before its nominal word ends it
SHORT_TARGET = 4  # characters after a word of degree in a target ('有所' + 优化, '不断' + 完善), at most
_NAMING = ("情况", "时间", "质量", "效果", "水平", "程度", "能力", "效率", "规模")  # words a name ends with
_NOUNS = frozenset({"制度", "年度", "季度"})  # words ending so that are no nominal word of a name
_CONTINUES_NAME = frozenset("的之和与及、,，(（")  # what goes on after a word inside a name ('…积极性的影响程度')


def _number_twice(value: str, rest: str) -> list[str] | None:
    """A target's number and the same number achieved with its measure, glued without an operator between
    ('200200余人': 200, then 200余人): a number of six digits or more whose halves are alike, a measure after it
    (or 余/多 and a measure). None for any other."""
    half = len(value) // 2
    if len(value) < 6 or len(value) % 2 or not value.isdigit() or value[:half] != value[half:]:
        return None
    measured = rest[1:] if rest[:1] in "余多" else rest
    return [value[:half], value[half:] + rest] if measured and _measure(measured) == measured else None


def _target_twice(cell: str) -> list[str]:
    """A target's number and the same number achieved, glued ('=200200份': =200, then 200份; '≥4545'), as two
    cells; any other cell as it is."""
    same = _TARGET_TWICE.match(cell)
    if same and (not same.group(3) or _measure(same.group(3)) == same.group(3)):
        return [same.group(1) + same.group(2), same.group(2) + same.group(3)]
    return [cell]


def _lone_measure(rest: str) -> str:
    """A measure the vocabulary lacks: one Chinese character after a number, the cell's last ('520卷' before
    '20', the 得分)."""
    return rest if len(rest) == 1 and "\u4e00" <= rest <= "\u9fff" else ""


# what follows a value and its measure as part of it: '1年内', '80以上', '12月底前'
_QUALIFIERS = ("及以上", "及以下", "以上", "以下", "以内", "之内", "之前", "底前", "左右", "内", "前")


def _qualifier(rest: str) -> str:
    return next((q for q in _QUALIFIERS if rest.startswith(q)), "")


def _twice_after(cell: str) -> str | None:
    """The text printed twice at the end of a cell, after other text ('落实国家产业政策有效有效': a name, then its
    年度指标值 and 实际完成值 printed alike, '有效'), the longest such; None where there is none."""
    for k in range((len(cell) - 1) // 2, 1, -1):
        tail = cell[-k:]
        if cell[-2 * k:-k] == tail and not tail[:1].isdigit():
            return tail
    return None


def _actual_and_points(run: str, target: str) -> list[str] | None:
    """[actual, 分值, 得分] for a run of glued numbers after a row's target ('888' after '=8个': 8, 8, 8;
    '132.91010' after '≤202.6万元': 132.9, 10, 10): of the cuttings into three, with the 得分 no greater than the
    分值 (less than 100) and printed alike, the one that reads best where one does — its actual the target's
    number, its 得分 its 分值 — and none that reads as neither."""
    found = _FIRST_NUMBER.search(target)
    goal = float(found.group()) if found else None
    best: tuple[int, list[str]] | None = None
    tie = False
    for pieces in split_numbers(run, 3):
        if len(pieces) != 3:
            continue
        a, w, s = pieces
        x, y = points(w), points(s)
        if x is None or y is None or y > x or x >= MAX_POINTS or decimals(w) != decimals(s) or "%" in w + s:
            continue
        value = 2 * (goal is not None and number(a) == goal) + (w == s)
        if value and (best is None or value > best[0]):
            best, tie = (value, pieces), False
        elif best is not None and value == best[0]:
            tie = True
    return None if best is None or tie else best[1]


_FIRST_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# an operator, a number of two digits or more (no leading zero) printed twice, and what may follow it
_TARGET_TWICE = re.compile(rf"^([{_OPERATOR}]+)([1-9]\d+(?:\.\d+)?)\2(\D*)$")
_GLUED_RUN = re.compile(r"^\d[\d.]{2,}$")  # three numbers glued at least


def _points_ahead(text: str) -> tuple[str, str, str] | None:
    """('10.00', '10.00', '2582') for '10.0010.002582': a 分值 and 得分 printed with the same decimals, the 得分 no
    greater, and the digits that open the text after them."""
    match = _POINTS_AHEAD.match(text)
    if match is None or len(match.group(2)) != len(match.group(4)):
        return None
    a, b = match.group(1), match.group(3)
    x, y = points(a), points(b)
    return (a, b, match.group(5)) if x and y is not None and y <= x else None


_POINTS_AHEAD = re.compile(r"^([1-9]\d{0,2}\.(\d{1,2}))((?:0|[1-9]\d{0,2})\.(\d{1,2}))(\d+)$")


def _points_ending(text: str) -> list[str] | None:
    """A row's values and then its 分值 and 得分, all glued ('8820.0020.00', '10010020.0020.00', '≤210.0010.00'): the
    one cutting that ends in two points printed with the same decimals, the 得分 no greater, after one value (or
    two printed alike: '88' is 8 and 8, '100100' is 100 and 100); of several, the one whose 得分 is its 分值."""
    found = []
    for j in range(1, len(text) - 3):
        head = text[:j]
        value = head.lstrip(_OPERATOR)
        if not value or not _NUMBER.match(value) or is_dash(value):
            continue
        for k in range(j + 1, len(text)):
            a, b = text[j:k], text[k:]
            x, y = points(a), points(b)
            if (x is not None and y is not None and y <= x and _NUMBER.match(a) and _NUMBER.match(b)
                    and "." in a and "." in b and decimals(a) == decimals(b)):
                found.append((head, a, b))
    if len(found) > 1:  # ('755.005.00': 75 5.00 5.00, or 7 55.00 5.00): most rows score their full points
        found = [(head, a, b) for head, a, b in found if a == b]
    if len(found) != 1:
        return None
    head, a, b = found[0]
    half = len(head) // 2
    values = [head[:half], head[half:]] if len(head) % 2 == 0 and head[:half] == head[half:] else [head]
    return [*values, a, b]


def _points_glued(text: str) -> tuple[str, str] | None:
    """('20', '100%') for '20100%': the shortest points printed without a leading zero, followed by a value that
    starts with a digit printed without one (or an operator)."""
    for k in range(1, min(len(text) - 1, 6)):
        head, rest = text[:k], text[k:]
        if head[0] == "0" or points(head) is None or not rest[0].isdigit() and rest[0] not in _OPERATOR:
            continue
        if rest[0] == "0" and rest[1:2].isdigit():
            continue
        return head, rest
    return None


def _goal_texts(text: str) -> list[str]:
    """The two goal texts glued: printed alike; the second the first's last clauses again ('…进行改进,对项目区
    农业用水计量,为…夯实基础,' then '对项目区农业用水计量,为…夯实基础,', as a form's 实际完成情况 often repeats what it
    achieved of its 年度目标); else cut where each sentence ends."""
    if _twice(text):
        return [text[:len(text) // 2], text[len(text) // 2:]]
    tail = _twice_after(text)
    if tail is not None and len(tail) >= MIN_REPEATED_CLAUSE and _CLAUSE_END.search(tail[-1]):
        return [text[:-len(tail)], tail]
    # (a run of leader dots between them is no text: '…100000元。……………本项目共完成…')
    return [c for part in _SENTENCE_END.split(text) if (c := _LEADERS.sub("", part))]


def _twice(text: str) -> bool:
    """A text printed twice over, a cell and the next printed alike ('显著提升显著提升'; not digits: '1010' is
    分值 and 得分)."""
    return len(text) % 2 == 0 and not text[:1].isdigit() and printed_twice(text) is not None


def points_pair(text: str, alike: bool = True) -> list[str] | None:
    """A 分值 and 得分 glued ('10.0010.00', '5.000.00', '2018', '100100'): the one cutting into two points with the
    得分 no greater than the 分值 — printed alike (`alike`: a row's), and of two digits only into equal halves
    ('55', never '2' '0'); or None where no cutting, or more than one, reads so."""
    found = []
    for a, b in split_numbers(text, 2):
        x, y = points(a), points(b)
        if x and y is not None and y <= x and (not alike or ("." in a) == ("." in b) and decimals(a) == decimals(b)):
            found.append([a, b])
    if "." not in text and len(text) < 3:
        found = [pair for pair in found if pair[0] == pair[1]]  # '55'; '20' is no 2 and 0
    return found[0] if len(found) == 1 else None


@lru_cache(maxsize=1024)
def split_numbers(text: str, most: int) -> list[list[str]]:
    """Every way of cutting a run of glued numbers ('202010100.00%10') into at most `most` numbers as printed
    (no leading zero, a percent sign only at a number's end); none when the text is no such run. The ways are
    found from the end backwards, each suffix's once (a run of many digits has very many ways: at most
    MAX_SPLITS are kept, and a run longer than MAX_RUN is none)."""
    key = fold(text)
    if most < 1 or not _GLUED_NUMBERS.match(key) or len(key) > MAX_RUN:
        return []
    # ways[i][n]: the cuttings of key[i:] into n numbers (at most MAX_SPLITS each)
    ways: list[list[list[list[str]]]] = [[[] for _ in range(most + 1)] for _ in range(len(key) + 1)]
    ways[len(key)][0] = [[]]
    for i in range(len(key) - 1, -1, -1):
        for end in range(i + 1, len(key) + 1):
            piece = key[i:end]
            if not _NUMBER.match(piece):
                continue
            for n in range(1, most + 1):
                room = MAX_SPLITS - len(ways[i][n])
                if room > 0:
                    ways[i][n].extend([piece, *rest] for rest in ways[end][n - 1][:room])
    return [pieces for n in range(2, most + 1) for pieces in ways[0][n]][:MAX_SPLITS]
