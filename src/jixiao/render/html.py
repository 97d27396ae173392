"""The official layout as one print-ready web page: the report's form styles (report/assets/form.css) and a
page template beside the report's (report/templates/forms.html.j2), rendered by Jinja2 with autoescape, so no
text of a form can become markup.

Each form is two tables drawn as one: the head (项目名称 to 年度总体目标) and the indicator table, whose heading is
a `<thead>` that browsers repeat on every printed page; A4 portrait, a page break before each form.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader
from markupsafe import Markup

import jixiao
from jixiao.render.labels import OFFICIAL_TITLE
from jixiao.render.layout import NUMERIC, Cell, Kind, Layout
from jixiao.report import asset


@dataclass
class _Cell:
    tag: str
    cls: str
    rowspan: int
    colspan: int
    path: str | None
    text: str


def _cell(item: Cell) -> _Cell:
    heading = item.kind in (Kind.LABEL, Kind.HEAD)
    cls = "num" if item.kind in NUMERIC else "text" if item.kind is Kind.TEXT else ""
    if item.path and item.path.startswith("funds.") and heading:
        cls = "rowlabel"
    return _Cell("th" if heading else "td", cls, item.rowspan, item.colspan, item.path, item.text)


def _rows(layout: Layout, rows: range) -> list[list[_Cell]]:
    out: list[list[_Cell]] = [[] for _ in rows]
    for item in sorted(layout.cells, key=lambda c: (c.row, c.col)):
        if item.row in rows:
            out[item.row - rows.start].append(_cell(item))
    return out


def _form(layout: Layout) -> dict:
    total = sum(layout.widths)
    cut = layout.header_row
    return {
        "title": layout.title, "year": layout.year,
        "widths": [round(100 * w / total, 2) for w in layout.widths],
        "tables": [{"head": [], "body": _rows(layout, range(0, cut))},
                   {"head": _rows(layout, range(cut, cut + 1)), "body": _rows(layout, range(cut + 1, layout.rows))}],
    }


def page(layouts: Iterable[tuple[str, Layout]]) -> str:
    """The page holding every form."""
    env = Environment(loader=PackageLoader("jixiao.report", "templates"), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True)
    forms = [_form(layout) for _, layout in layouts]
    title = forms[0]["title"] if len(forms) == 1 else OFFICIAL_TITLE
    return env.get_template("forms.html.j2").render(forms=forms, title=title, css=Markup(asset("form.css")),
                                                    version=jixiao.__version__)


def write_html(layouts: Iterable[tuple[str, Layout]], path: Path) -> Path:
    Path(path).write_text(page(layouts), encoding="utf-8")
    return path
