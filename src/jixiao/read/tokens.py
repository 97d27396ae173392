"""The reader contract: a document is a stream of cells (tokens) in reading order.

Every reader — text, HTML, and later PDF, Word, Excel — emits the same stream, each token with its text and
whatever structure the source really has: its line or row, its page, its horizontal position, and, where the
source knows table cells, its column and spans. The gap before a token says how sure the boundary is: a tab,
a `|` or `</td><td>` is a certain cell boundary; a single space inside a printed line may be inside a cell.
Empty cells of a table row are kept as tokens with empty text, because their position is information.
Nothing here decides what a row of the form is: the assembler does, with the form's grammar.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import NamedTuple


class Gap(IntEnum):
    """What separates a token from the one before it, weakest first."""

    SPACE = 0  # one space inside a printed line: perhaps inside a cell ('村民监督委员会 工资28000元')
    WIDE = 1  # a run of spaces inside a printed line: probably a cell boundary (column-aligned text)
    CELL = 2  # a certain cell boundary inside a table row (tab, '|', '&', </td><td>)
    LINE = 3  # a line break of plain text: a wrapped cell, a new cell or a new row
    ROW = 4  # a certain boundary between table rows (a new tab/pipe line, <tr>)
    BLANK = 5  # one or more blank lines
    PAGE = 6  # a page break (form feed, a removed page-number line)


class Token(NamedTuple):
    """One cell or fragment. A named tuple: immutable, and cheap to build (a document has thousands)."""

    text: str
    gap: Gap  # the gap before this token
    line: int  # 1-based source line of text input; the row number in structured input
    row: int  # index of the source row (printed line or table row) the token stands on, 0-based, increasing
    col: int | None = None  # column index in its table row, when the source knows cells
    x: float = 0.0  # horizontal position: display column in its line (text), points (PDF)
    page: int | None = None  # 1-based page of paged input
    row_span: int = 1
    col_span: int = 1
    bbox: tuple[float, float, float, float] | None = None

    @property
    def certain(self) -> bool:
        return is_certain(self.gap, self.col)


def is_certain(gap: Gap, col: int | None) -> bool:
    """The boundary before a token is a certain cell boundary: inside a table row, or the start of a table
    row (a plain line may continue a cell wrapped over lines)."""
    return gap == Gap.CELL or (col is not None and gap >= Gap.ROW)


def cell_rows(tokens: list[Token]) -> list[list[int]]:
    """The indices of the tokens of each row of cells (tokens that know their column), in order."""
    rows: list[list[int]] = []
    last = None
    for k, tok in enumerate(tokens):
        if tok.col is None:
            last = None
            continue
        if tok.row != last:
            rows.append([])
            last = tok.row
        rows[-1].append(k)
    return rows


class Notice(NamedTuple):
    """Something a reader could not read as it stands (Chinese, for the user), at a line when it knows one."""

    message: str
    line: int | None = None


@dataclass(slots=True)
class Document:
    """What a reader gives the assembler: the file's display name and its token stream."""

    file: str
    tokens: list[Token] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)  # what the reader could not read, or had to repair
    confidence: dict[int, float] = field(default_factory=dict)  # line -> the least sure cell's OCR confidence

    def __bool__(self) -> bool:
        return any(t.text for t in self.tokens)
