"""Command line for the official outputs: `jixiao render` (forms in the official layout: Excel, Word, PDF, web
page) and `jixiao template` (the blank Excel form to fill in). The work is done by `jixiao.render`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from jixiao.console import EXIT_INPUT, EXIT_OK, error, say, stderr_console
from jixiao.parse import iter_files, os_reason
from jixiao.records import read_document
from jixiao.render import RenderFormat, render_forms
from jixiao.render.fillin import INDICATOR_ROWS, write_template
from jixiao.render.fonts import FontError, find_font
from jixiao.render.labels import DEFAULT_TEMPLATE, TemplateError, labels, template_names


class TemplateFormat(StrEnum):
    xlsx = "xlsx"


def _output_name(source: Path, outdir: Path, fmt: RenderFormat, taken: set[Path]) -> Path:
    """DIR/NAME.fmt after the input's name; never the input itself, never a name this run already wrote."""
    path = outdir / f"{source.stem}.{fmt}"
    n = 1
    while path.resolve() in taken or path.resolve() == source.resolve():
        n += 1
        path = outdir / f"{source.stem}-{n}.{fmt}"
    taken.add(path.resolve())
    return path


def render_command(
    paths: Annotated[list[Path], typer.Argument(
        help="文档、交换记录（.json）或目录", show_default=False, metavar="路径", readable=False)],
    fmt: Annotated[RenderFormat, typer.Option(
        "--format", "-f", help="输出格式：xlsx Excel / docx Word / pdf / html 网页")] = RenderFormat.xlsx,
    output: Annotated[Path, typer.Option("--output", "-o", help="输出目录（每个输入写一个文件，以输入文件命名）")] = (
        Path(".")),
    template: Annotated[str, typer.Option(
        "--template", "-t", metavar="表样", help=f"表样（各地的标签和列）：{'、'.join(template_names())}")] = (
        DEFAULT_TEMPLATE),
    font: Annotated[Path | None, typer.Option(
        "--font", metavar="字体文件", show_default=False,
        help="PDF 使用的中文字体文件（.ttf/.otf/.ttc）；默认在系统中查找")] = None,
) -> None:
    """把自评表按官方表样（财政项目支出绩效自评表）写成 Excel、Word、PDF 或网页：每个输入文件写一个文件，
    其中每张表一页（Excel 每张表一个工作表）。有文件无法读取或写入时退出码为 2。"""
    err = stderr_console()
    try:
        labels(template)
    except TemplateError as exc:
        error(err, str(exc))
        raise typer.Exit(EXIT_INPUT) from None
    chosen_font = None
    if fmt is RenderFormat.pdf:
        try:
            chosen_font = find_font(font)
        except FontError as exc:
            error(err, str(exc))
            raise typer.Exit(EXIT_INPUT) from None
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        error(err, f"无法创建输出目录：{os_reason(exc)}", str(output))
        raise typer.Exit(EXIT_INPUT) from None
    files = list(iter_files(paths))
    if not files:
        error(err, f"{'、'.join(map(str, paths))} 中没有可读取的文件")
        raise typer.Exit(EXIT_INPUT)
    failed = written = forms = 0
    taken: set[Path] = set()
    for source in files:
        result = read_document(source)
        if result.error:
            error(err, result.error.message, result.error.where())
            failed += 1
        if not result.forms:
            continue
        target = _output_name(source, output, fmt, taken)
        try:
            render_forms(result.forms, fmt, target, template, font=chosen_font)
        except OSError as exc:
            error(err, f"无法写入文件：{os_reason(exc)}", str(target))
            failed += 1
            continue
        written += 1
        forms += len(result.forms)
        say(err, f"已写入 {target}（{len(result.forms)} 张表）")
    say(err, f"共读取 {len(files)} 个文件，写出 {written} 个文件、{forms} 张表；出错 {failed} 个")
    raise typer.Exit(EXIT_INPUT if failed else EXIT_OK)


def template_command(
    fmt: Annotated[TemplateFormat, typer.Option("--format", "-f", help="模板格式（目前只有 xlsx）")] = (
        TemplateFormat.xlsx),
    output: Annotated[Path, typer.Option("--output", "-o", help="写入的文件")] = Path("自评表模板.xlsx"),
    template: Annotated[str, typer.Option(
        "--template", "-t", metavar="表样", help=f"表样（各地的标签和列）：{'、'.join(template_names())}")] = (
        DEFAULT_TEMPLATE),
    rows: Annotated[int, typer.Option("--rows", min=1, max=500, help="绩效指标表的空行数")] = INDICATOR_ROWS,
) -> None:
    """写出空白的官方自评表 Excel 模板：下拉列表（一级/二级指标、评分等级）、年度指标值的运算符检查、
    执行率和总分的公式；只有填写的单元格可编辑。填好后可用 jixiao parse / check 读取。"""
    err = stderr_console()
    try:
        labels(template)
        write_template(output, template, rows)
    except TemplateError as exc:
        error(err, str(exc))
        raise typer.Exit(EXIT_INPUT) from None
    except OSError as exc:
        error(err, f"无法写入文件：{os_reason(exc)}", str(output))
        raise typer.Exit(EXIT_INPUT) from None
    say(err, f"已写入 {output}")


def register_render_commands(app: typer.Typer, cls: type | None = None) -> None:
    """Add `render` and `template` to `app`, built with the command class `cls` (the CLI's Chinese help)."""
    app.command("render", cls=cls)(render_command)
    app.command("template", cls=cls)(template_command)
