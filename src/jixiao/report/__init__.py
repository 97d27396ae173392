"""Reports on the corpus: the self-contained HTML report and the Excel workbook; `asset` reads their styles and
scripts (form.css, the official form's look, is shared with `jixiao render --format html`)."""

from importlib import resources


def asset(name: str) -> str:
    """A file of report/assets/, as text."""
    return resources.files("jixiao.report").joinpath("assets", name).read_text(encoding="utf-8")
