"""Command line: `jixiao parse`, `jixiao check`, `jixiao rules`, `jixiao profiles`, `jixiao schema`; the corpus
commands (`ingest`, `report`, `export`, `db`) are in `corpus_cli`, `worksheet` in `worksheet_cli`.

Messages are Chinese; exit codes are stable: 0 fine, 1 `check` found an error-severity problem,
2 some input unreadable or without a form (what could be read is still processed)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Annotated, TextIO

import typer
import typer.main
from rich.console import Console
from rich.markup import escape
from typer._click import exceptions as click_errors

import jixiao
from jixiao.assemble.context import Context
from jixiao.assemble.stream import Fragment
from jixiao.check.batch import Batch, Spill, SpillError, check_batch, read_batch
from jixiao.check.catalogue import load_rules
from jixiao.check.docs import profiles_markdown, rules_markdown
from jixiao.check.findings import FormReport, Severity, Tally
from jixiao.check.held import HeldReport
from jixiao.check.profile import DEFAULT_PROFILE, ProfileError, load_profile, profile_names
from jixiao.check.risk import Risk
from jixiao.check.select import Selection, SelectionError, parse_codes
from jixiao.check.waivers import load_waivers
from jixiao.cli_help import ChineseCommand, ChineseGroup, render_help, usage_error
from jixiao.config import CheckConfig, ProjectConfig, load_config, selection_for
from jixiao.console import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, error, progress_bar
from jixiao.console import stderr_console as _stderr
from jixiao.corpus_cli import register_corpus_commands
from jixiao.errors import InputError
from jixiao.jsondoc import write_document
from jixiao.model import Form
from jixiao.parse import FileResult, explain_record, iter_files, parse_file
from jixiao.records import load_records, read_document
from jixiao.render_cli import register_render_commands
from jixiao.terminal import (
    explain_view,
    form_summary,
    grouped_view,
    profiles_table,
    report_view,
    rule_detail,
    rules_table,
)
from jixiao.web_cli import register_web_commands
from jixiao.worksheet_cli import register_worksheet_command

app = typer.Typer(
    help="jixiao（绩效）：读取财政项目支出绩效自评表，按评分规则重算、检查，建语料库并生成报告。",
    cls=ChineseGroup,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"jixiao {jixiao.__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: Annotated[bool, typer.Option(
        "--version", "-V", is_eager=True, callback=_version, help="显示版本号并退出")] = False,
) -> None:
    """jixiao（绩效）：读取财政项目支出绩效自评表，按评分规则重算、检查，建语料库并生成报告。"""


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


class DocFormat(StrEnum):
    table = "table"
    markdown = "markdown"


class InputFormat(StrEnum):
    auto = "auto"
    text = "text"
    json = "json"


def _reader(input_format: InputFormat) -> Callable[[Path], FileResult]:
    if input_format is InputFormat.json:
        return load_records
    if input_format is InputFormat.text:
        return parse_file
    return read_document


def _results(files: list[Path], show_progress: bool,
             read: Callable[[Path], FileResult] = parse_file) -> Iterator[FileResult]:
    """Each file read in turn, as it is read (a run over many files holds one file's forms at a time)."""
    if not show_progress or len(files) < 2:
        yield from map(read, files)
        return
    with progress_bar("读取", _stderr()) as progress:
        task = progress.add_task("", total=len(files))
        for path in files:
            progress.update(task, description=path.name)
            yield read(path)
            progress.advance(task)


def _files_or_exit(paths: list[Path]) -> list[Path]:
    files = list(iter_files(paths))
    if not files:
        error(_stderr(), f"{'、'.join(map(str, paths))} 中没有可读取的文件")
        raise typer.Exit(EXIT_INPUT)
    return files


def _show_progress(output: Path | None, streamed_to_stdout: bool) -> bool:
    """A progress bar on a terminal, unless what is written to the same terminal meanwhile would break it."""
    return _stderr().is_terminal and (output is not None or (sys.stdout.isatty() and not streamed_to_stdout))


@app.command("parse", cls=ChineseCommand)
def parse_command(
    paths: Annotated[list[Path], typer.Argument(
        help="文档或目录（目录会递归读取）", show_default=False, metavar="路径", readable=False)],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="输出格式：table 摘要 / json 交换记录")] = (
        OutputFormat.table),
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件而不是标准输出")] = None,
    explain: Annotated[bool, typer.Option(
        "--explain", help="列出每张表找到的各部分、所作的切分选择及其他读法的得分")] = False,
) -> None:
    """读取自评表，输出结构化记录（json）或每张表的摘要（table）。"""
    err = _stderr()
    files = _files_or_exit(paths)
    read = partial(parse_file, explain=True) if explain else parse_file
    failed: list[InputError] = []
    fragments: list[tuple[str, Fragment]] = []
    traces: list[dict] = []
    warnings = 0

    def forms() -> Iterator[tuple[Form, Context | None]]:
        nonlocal warnings
        for r in _results(files, _show_progress(output, fmt is OutputFormat.json), read):
            if r.error:
                failed.append(r.error)
            fragments.extend((r.file, fr) for fr in r.fragments)
            for k, form in enumerate(r.forms):
                warnings += len(form.warnings)
                trace = r.reading.traces[k] if r.reading else None
                if trace is not None and fmt is OutputFormat.json:
                    traces.append(explain_record(r.file, k, trace))
                yield form, trace

    if fmt is OutputFormat.json:
        def tail() -> dict:
            doc: dict = {
                "errors": [{"file": e.file, "line": e.line, "message": e.message} for e in failed],
                "fragments": [{"file": file, "first_line": fr.first_line, "last_line": fr.last_line,
                               "title": fr.title, "message": fr.message} for file, fr in fragments],
            }
            if explain:
                doc["explain"] = traces
            return doc

        with _output_file(output) as out_file:
            write_document(out_file.write, {}, "forms", (form.record() for form, _ in forms()), tail)
    else:
        out = _output_console(output)
        summaries = []  # rendered as read (a few hundred bytes each), printed once the count is known
        count = 0
        for count, (form, trace) in enumerate(forms(), start=1):
            with out.capture() as captured:
                out.print(form_summary(form, count, COUNT_MARK))  # type: ignore[arg-type] - a mark for the count
                if explain and trace is not None:
                    out.print(explain_view(form, trace))
            summaries.append(captured.get())
        for text in summaries:
            out.file.write(text.replace(COUNT_MARK, str(count)))
        for file, fr in fragments:
            kind = "略过" if fr.title else "片段"
            out.print(f"[yellow]{kind}[/yellow] {escape(file)}:{fr.first_line}-{fr.last_line}：{escape(fr.message)}")
        out.print(f"共读取 {len(files)} 个文件、{count} 张自评表；"
                  f"读取提示 {warnings} 条；出错文件 {len(failed)} 个")
        if output:
            out.file.close()
    for failure in failed:
        error(err, failure.message, failure.where())
    raise typer.Exit(EXIT_INPUT if failed else EXIT_OK)


COUNT_MARK = "\ue000"  # where the number of forms goes in a summary rendered before it is known


@contextmanager
def _output_file(output: Path | None) -> Iterator[TextIO]:
    """The file `--output` names (written as the output is made), or standard output."""
    if output is None:
        yield sys.stdout
        return
    with output.open("w", encoding="utf-8") as handle:
        yield handle


def _output_console(output: Path | None) -> Console:
    if output:
        return Console(file=output.open("w", encoding="utf-8"), width=160, no_color=True)
    out = Console(highlight=False)
    return out if out.is_terminal else Console(highlight=False, width=160)


def _profile_or_exit(name: str):
    try:
        return load_profile(name)
    except ProfileError as exc:
        error(_stderr(), str(exc))
        raise typer.Exit(EXIT_INPUT) from None


class CheckFormat(StrEnum):
    table = "table"
    grouped = "grouped"
    json = "json"


def _selection_or_exit(config: CheckConfig, select: list[str] | None, ignore: list[str] | None,
                       level: Severity | None) -> Selection:
    try:
        chosen = parse_codes(select, where="--select") if select else None
        left_out = parse_codes(ignore, where="--ignore") if ignore else ()
    except SelectionError as exc:
        error(_stderr(), str(exc))
        raise typer.Exit(EXIT_INPUT) from None
    return selection_for(config, select=chosen, ignore=left_out, level=level)


def _config_or_exit(path: Path | None) -> ProjectConfig:
    try:
        return load_config(path)
    except InputError as exc:
        error(_stderr(), exc.message, exc.where())
        raise typer.Exit(EXIT_INPUT) from None


@app.command("check", cls=ChineseCommand)
def check_command(
    paths: Annotated[list[Path], typer.Argument(
        help="文档、交换记录（.json）或目录", show_default=False, metavar="路径", readable=False)],
    profile: Annotated[str | None, typer.Option(
        "--profile", "-p", show_default=False, metavar="名称",
        help=f"评分配置（jixiao profiles 列出全部）；默认取 jixiao.toml 的 profile，否则为 {DEFAULT_PROFILE}")] = (
        None),
    select: Annotated[list[str] | None, typer.Option(
        "--select", show_default=False, metavar="代码",
        help="只报告这些规则：代码或前缀，逗号分隔（如 AR,EX,SC01；ALL 为全部）；取代 jixiao.toml 的 select")] = None,
    ignore: Annotated[list[str] | None, typer.Option(
        "--ignore", show_default=False, metavar="代码",
        help="不报告这些规则：代码或前缀，逗号分隔（如 RF01,DS07）；在 jixiao.toml 的选择之外再去掉")] = None,
    level: Annotated[Severity | None, typer.Option(
        "--level", "-l", show_default=False,
        help="终端列出此级别及以上的问题：error / warning / info；默认取 jixiao.toml，否则为 warning")] = None,
    fmt: Annotated[CheckFormat, typer.Option(
        "--format", "-f", help="输出格式：table 按级别和位置排列 / grouped 按表分组 / json")] = CheckFormat.table,
    input_format: Annotated[InputFormat, typer.Option(
        "--input-format", help="输入格式：auto 按扩展名（.json 为交换记录）/ text 文档 / json 交换记录")] = (
        InputFormat.auto),
    explain: Annotated[bool, typer.Option("--explain", "-e", help="在每个问题下显示重算公式")] = False,
    show_waived: Annotated[bool, typer.Option("--show-waived", help="同时列出已豁免的问题和没有用到的豁免")] = False,
    waivers: Annotated[Path | None, typer.Option(
        "--waivers", metavar="文件", help="豁免文件（TOML，[[waiver]] 按项目或文件选表）", show_default=False)] = None,
    config: Annotated[Path | None, typer.Option(
        "--config", show_default=False, metavar="文件",
        help="项目配置文件；默认在当前目录及其上级目录中找 jixiao.toml")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="写入文件而不是标准输出", show_default=False)] = None,
) -> None:
    """按评分规则重算并检查自评表，像 linter 一样列出问题：先列错误，再按文件和行号；然后是风险最高的表和各项计数。
    有错误级问题时退出码为 1，有文件无法读取时为 2。"""
    settings = _config_or_exit(config)
    selection = _selection_or_exit(settings.check, select, ignore, level)
    rules = _profile_or_exit(profile or settings.check.profile or DEFAULT_PROFILE)
    err = _stderr()
    try:
        scoped = load_waivers(waivers) if waivers else []
    except InputError as exc:
        error(err, exc.message, exc.where())
        raise typer.Exit(EXIT_INPUT) from None
    files = _files_or_exit(paths)
    try:
        with Spill() as spill:
            batch = read_batch(_results(files, _show_progress(output, False), _reader(input_format)), scoped, spill)
            for failure in batch.failures:
                error(err, failure.message, f"{failure.file}{f':{failure.line}' if failure.line else ''}")
            checked = check_batch(batch, rules, selection)
            if fmt is CheckFormat.json:
                tally = _write_check_json(checked, batch, rules.name, len(files), show_waived, output)
            else:
                tally = _print_check(checked, batch, rules.name, len(files), fmt, selection, explain, show_waived,
                                     output)
    except SpillError as exc:
        error(err, exc.message)
        raise typer.Exit(EXIT_INPUT) from None
    raise typer.Exit(EXIT_INPUT if batch.failures else EXIT_FINDINGS if tally.has_errors else EXIT_OK)


def _write_check_json(checked: Iterator[tuple[FormReport, Risk]], batch: Batch, profile: str, files: int,
                      show_waived: bool, output: Path | None) -> Tally:
    """`jixiao check -f json`, each form's entry written as it is checked."""
    tally = Tally()

    def entries() -> Iterator[dict]:
        for form, risk in checked:
            tally.add(form)
            yield {**form.entry(show_waived), "risk": {**risk.model_dump(mode="json"), "parts": risk.parts()}}

    def tail() -> dict:
        return {"summary": tally.summary(files, len(batch.failures)).model_dump(mode="json"),
                "errors": [e.model_dump(mode="json") for e in batch.failures]}

    with _output_file(output) as out_file:
        write_document(out_file.write, {"profile": profile}, "forms", entries(), tail)
    return tally


def _print_check(checked: Iterator[tuple[FormReport, Risk]], batch: Batch, profile: str, files: int,
                 fmt: CheckFormat, selection: Selection, explain: bool, show_waived: bool,
                 output: Path | None) -> Tally:
    """`jixiao check` as a table or grouped: the reviewer's order needs every finding before the first line, so
    the forms' reports are held on disk (`check.held`) and read back in order."""
    with HeldReport(profile, files, batch.failures) as held:
        for form, risk in checked:
            held.add(form, risk)
        out = _output_console(output)
        view = grouped_view if fmt is CheckFormat.grouped else report_view
        for part in view(held, selection.level, explain, show_waived, selection.describe()):
            out.print(part, soft_wrap=True)  # one finding per line, so the output can be grepped
        if output:
            out.file.close()
        return held.tally


@app.command("rules", cls=ChineseCommand)
def rules_command(
    code: Annotated[str | None, typer.Argument(
        help="规则代码，如 EX02；不写则列出全部", show_default=False, metavar="代码")] = None,
    profile: Annotated[str, typer.Option(
        "--profile", "-p", metavar="名称", help="按此评分配置显示级别和参数")] = DEFAULT_PROFILE,
    fmt: Annotated[DocFormat, typer.Option("--format", "-f", help="table 终端 / markdown 文档（docs/rules.md）")] = (
        DocFormat.table),
) -> None:
    """列出规则目录，或解释一条规则（原因、示例、参数）。"""
    catalogue, chosen = load_rules(), _profile_or_exit(profile)
    if fmt is DocFormat.markdown:
        sys.stdout.write(rules_markdown())
        return
    out = _output_console(None)
    if code is None:
        out.print(rules_table(catalogue, chosen))
        out.print(f"共 {len(catalogue)} 条规则；jixiao rules 代码 查看一条规则的说明")
        return
    rule = catalogue.get(code.upper())
    if rule is None:
        error(_stderr(), f"没有代码为 {code} 的规则；jixiao rules 列出全部规则")
        raise typer.Exit(EXIT_INPUT)
    out.print(rule_detail(rule, chosen))


@app.command("profiles", cls=ChineseCommand)
def profiles_command(
    fmt: Annotated[DocFormat, typer.Option("--format", "-f", help="table 终端 / markdown 文档（docs/profiles.md）")] = (
        DocFormat.table),
) -> None:
    """列出评分配置（全国、上海、省级变体）及其来源。"""
    if fmt is DocFormat.markdown:
        sys.stdout.write(profiles_markdown())
        return
    _output_console(None).print(profiles_table([load_profile(name) for name in profile_names()]))


@app.command("schema", cls=ChineseCommand)
def schema_command() -> None:
    """打印交换记录的 JSON Schema（jixiao parse --format json 输出的每张表）。"""
    sys.stdout.write(resources.files("jixiao").joinpath("schema/form.schema.json").read_text(encoding="utf-8"))


register_corpus_commands(app, ChineseCommand)
register_worksheet_command(app, ChineseCommand)
register_web_commands(app, ChineseCommand, ChineseGroup)
register_render_commands(app, ChineseCommand)


def main(argv: list[str] | None = None) -> None:
    """`jixiao`: the app, with command-line mistakes reported in Chinese (see `jixiao.cli_help`)."""
    # SQLAlchemy's pool logs a connection reset cut by Ctrl-C with its traceback before the interrupt goes on;
    # the interrupt is reported in Chinese where it is caught, so the log has nowhere to go
    logging.getLogger("sqlalchemy.pool").addHandler(logging.NullHandler())
    command = typer.main.get_command(app)
    try:
        code = command.main(args=argv, prog_name="jixiao", standalone_mode=False)
    except click_errors.NoArgsIsHelpError as exc:  # `jixiao` alone: the help page
        sys.stdout.write(render_help(exc.ctx.command, exc.ctx))
        sys.exit(EXIT_INPUT)
    except click_errors.ClickException as exc:
        _stderr().print(usage_error(exc), markup=False)
        sys.exit(exc.exit_code)
    except typer.Abort:
        _stderr().print("已中止")
        sys.exit(EXIT_FINDINGS)
    sys.exit(code or EXIT_OK)
