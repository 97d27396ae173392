"""Command line: `jixiao parse`, `jixiao schema`. Messages are Chinese; exit codes are stable:
0 all read, 2 some input unreadable or without a form (what could be read is still output)."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from jixiao.parse import FileResult, iter_files, parse_file
from jixiao.terminal import form_summary

app = typer.Typer(
    help="jixiao（绩效）：把财政项目支出绩效自评表读成结构化记录。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
EXIT_OK, EXIT_INPUT = 0, 2


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _read_all(paths: list[Path], show_progress: bool) -> list[FileResult]:
    files = list(iter_files(paths))
    if not show_progress or len(files) < 2:
        return [parse_file(p) for p in files]
    columns = (TextColumn("读取"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
               TextColumn("{task.description}"))
    results = []
    with Progress(*columns, console=_stderr(), transient=True) as progress:
        task = progress.add_task("", total=len(files))
        for path in files:
            progress.update(task, description=path.name)
            results.append(parse_file(path))
            progress.advance(task)
    return results


@app.command("parse")
def parse_command(
    paths: Annotated[list[Path], typer.Argument(help="文档或目录（目录会递归读取）", show_default=False)],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="输出格式：table 摘要 / json 交换记录")] = (
        OutputFormat.table),
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件而不是标准输出")] = None,
) -> None:
    """读取自评表，输出结构化记录（json）或每张表的摘要（table）。"""
    err = _stderr()
    results = _read_all(paths, show_progress=err.is_terminal and (output is not None or sys.stdout.isatty()))
    if not results:
        err.print(f"[red]错误[/red]：{'、'.join(map(str, paths))} 中没有可读取的文件")
        raise typer.Exit(EXIT_INPUT)
    forms = [f for r in results for f in r.forms]
    failed = [r for r in results if r.error]
    for r in failed:
        assert r.error is not None
        err.print(f"[red]错误[/red] {r.error.where()}：{r.error.message}")
    if fmt is OutputFormat.json:
        doc = {
            "forms": [f.record() for f in forms],
            "errors": [{"file": r.file, "line": r.error.line, "message": r.error.message} for r in failed if r.error],
        }
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        if output:
            output.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
    else:
        if output:
            out = Console(file=output.open("w", encoding="utf-8"), width=160, no_color=True)
        else:
            out = Console(highlight=False)
            if not out.is_terminal:
                out = Console(highlight=False, width=160)
        for k, form in enumerate(forms, start=1):
            out.print(form_summary(form, k, len(forms)))
        warnings = sum(len(f.warnings) for f in forms)
        out.print(f"共读取 {len(results)} 个文件、{len(forms)} 张自评表；"
                  f"读取提示 {warnings} 条；出错文件 {len(failed)} 个")
        if output:
            out.file.close()
    raise typer.Exit(EXIT_INPUT if failed else EXIT_OK)


@app.command("schema")
def schema_command() -> None:
    """打印交换记录的 JSON Schema（jixiao parse --format json 输出的每张表）。"""
    sys.stdout.write(resources.files("jixiao").joinpath("schema/form.schema.json").read_text(encoding="utf-8"))


def main() -> None:
    app()
