"""Official outputs: forms written in the official 财政项目支出绩效自评表 layout, as a unit files them.

`layout` turns a form into a grid of cells in the words of a template variant (`labels`); one module per format
draws that grid: `xlsx` (openpyxl), `docx` (python-docx), `pdf` (reportlab, with a CJK font found at run time,
`fonts`), `html` (the report's form styles). `fillin` makes the blank Excel form to fill in (`jixiao template`).
"""

from __future__ import annotations

from enum import StrEnum
from functools import partial
from pathlib import Path

from jixiao.model import Form
from jixiao.render.fonts import FontFile
from jixiao.render.labels import DEFAULT_TEMPLATE, labels
from jixiao.render.layout import Layout, form_layout


class RenderFormat(StrEnum):
    xlsx = "xlsx"
    docx = "docx"
    pdf = "pdf"
    html = "html"


def layouts(forms: list[Form], template: str = DEFAULT_TEMPLATE) -> list[tuple[str, Layout]]:
    """Each form's (name, layout): the name is its 项目名称 (or its place in the file)."""
    words = labels(template)
    return [(form.project_name or f"第{k}张表", form_layout(form, words)) for k, form in enumerate(forms, start=1)]


def render_forms(forms: list[Form], fmt: RenderFormat, path: Path, template: str = DEFAULT_TEMPLATE,
                 font: FontFile | None = None) -> Path:
    """`forms` in the official layout, one document at `path`. The file appears whole or not at all (written
    beside `path`, then renamed). A PDF is set in `font`, by default the system's Chinese font (`FontError`
    when there is none)."""
    from jixiao.render import docx, html, pdf, xlsx  # each format's library is loaded only when it is asked for

    writers = {RenderFormat.xlsx: xlsx.write_xlsx, RenderFormat.docx: docx.write_docx,
               RenderFormat.pdf: partial(pdf.write_pdf, font=font), RenderFormat.html: html.write_html}
    path = Path(path)
    unfinished = path.with_name(path.name + ".part")
    try:
        writers[fmt](layouts(forms, template), unfinished)
        unfinished.replace(path)
    finally:
        unfinished.unlink(missing_ok=True)
    return path
