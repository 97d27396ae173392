"""The one intermediate grid every reader produces and the assembler consumes.

A reader turns a document into rows of cells, each with its text and source location. Readers of
formats that know real cells (PDF tables, DOCX, XLSX, HTML) give `layout="table"` with a column index and
spans; text whose cells were flattened into words (text extracted from a PDF without layout) gives
`layout="flow"`: one row per printed line, one cell per whitespace-separated fragment, `col` None.
Spanned cells appear once, at their top-left position, with `row_span`/`col_span` > 1; the positions
they cover are not repeated. A blank line or a page break before a row is `break_before`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple


class Cell(NamedTuple):
    """One cell. A named tuple: immutable, and cheap to build (a document has thousands)."""

    text: str
    col: int | None = None
    row_span: int = 1
    col_span: int = 1
    bbox: tuple[float, float, float, float] | None = None


@dataclass(slots=True)
class Row:
    """One row. Its cells are fixed once it is built; `texts` and `text` are derived then, because the assembler
    asks for them many times."""

    cells: list[Cell]
    line: int | None = None  # 1-based line of text input
    page: int | None = None  # 1-based page of paged input
    break_before: bool = False  # a blank line or page break precedes this row
    indent: int = 0  # leading blanks of the printed line (flow layout: paragraph starts)

    texts: tuple[str, ...] = field(init=False, repr=False, compare=False)  # the cells' texts
    text: str = field(init=False, repr=False, compare=False)  # the filled ones joined by spaces, for matching

    def __post_init__(self) -> None:
        self.texts = tuple([c.text for c in self.cells])
        self.text = " ".join(filter(None, self.texts))


@dataclass
class Grid:
    file: str
    layout: Literal["table", "flow"]
    rows: list[Row] = field(default_factory=list)
