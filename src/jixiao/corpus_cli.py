"""Corpus commands: `jixiao ingest`, `jixiao report`, `jixiao export`, `jixiao db`.

They open the corpus named by `--db` (a file path or a database URL), else $JIXIAO_DB, else `jixiao.db` here.
Exit codes: 0 fine, 2 some input could not be used (what could be was kept) or the corpus or the disk failed
(one message says how; what was committed stays), 130 stopped by Ctrl-C.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from sqlalchemy import Engine, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from jixiao.check.findings import SEVERITY_ZH, Severity
from jixiao.check.profile import DEFAULT_PROFILE, ProfileError, load_profile
from jixiao.config import load_config, selection_for
from jixiao.console import EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK, clean, error, progress_bar, say, stderr_console
from jixiao.corpus_check import corpus_codes
from jixiao.errors import InputError
from jixiao.export import ExportFormat, export
from jixiao.ingest import IngestSummary, Outcome, documents_to_ingest, ingest
from jixiao.parse import os_reason
from jixiao.report.html import write_html
from jixiao.report.workbook import write_workbook
from jixiao.store.database import ENV_VAR, current_revision, database_url, open_engine
from jixiao.store.faults import fault_message
from jixiao.store.query import ALL, Filter, form_ids
from jixiao.store.tables import Base

ProgressFn = Callable[[int, int], None]

DbOption = Annotated[str | None, typer.Option(
    "--db", metavar="地址", show_default=False,
    help=f"语料库：SQLite 文件路径或数据库地址（postgresql://…）；默认取环境变量 {ENV_VAR}，否则为 jixiao.db")]

OUTCOME_ZH = {Outcome.added: "新增", Outcome.new_version: "新版本", Outcome.unchanged: "未变（跳过）",
              Outcome.restored: "恢复为旧版本", Outcome.duplicate: "内容重复（跳过）", Outcome.failed: "失败"}


def _display(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


@contextmanager
def store_faults(err: Console, url: str, after: str = "") -> Iterator[None]:
    """A fault of the database or of the disk while a command runs: one clear message (then `after`), exit 2."""
    try:
        yield
    except SQLAlchemyError as exc:
        error(err, fault_message(exc) + after, _display(url))
        raise typer.Exit(EXIT_INPUT) from None


@contextmanager
def output_faults(err: Console, output: Path) -> Iterator[None]:
    """An output that cannot be written (no permission, disk full): one message naming it, exit 2. The output
    is written beside its place and renamed at the end, so nothing half-written is left."""
    try:
        yield
    except OSError as exc:
        error(err, fault_message(exc), str(output))
        raise typer.Exit(EXIT_INPUT) from None


def open_corpus(db: str | None, err: Console, *, must_exist: bool = False) -> Engine:
    """The corpus engine, or a clear message and exit 2. `must_exist`: reading commands do not create a file."""
    url = database_url(db)
    parsed = make_url(url)
    if must_exist and parsed.get_backend_name() == "sqlite" and parsed.database and not Path(
            parsed.database).exists():
        error(err, f"语料库 {parsed.database} 不存在：先用 jixiao ingest 导入文档，或用 --db 指定语料库")
        raise typer.Exit(EXIT_INPUT)
    try:
        return open_engine(url)
    except InputError as exc:
        error(err, f"{_display(url)}：{exc.message}")
        raise typer.Exit(EXIT_INPUT) from None


def ingest_command(
    paths: Annotated[list[Path], typer.Argument(
        help="文档、交换记录（.json）或目录（递归读取）", show_default=False, metavar="路径")],
    db: DbOption = None,
    profile: Annotated[str | None, typer.Option(
        "--profile", "-p", metavar="名称", show_default=False,
        help=f"检查所用的评分配置；默认取 jixiao.toml 的 profile，否则为 {DEFAULT_PROFILE}")] = None,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, metavar="进程数", help="并行解析的进程数（默认为 CPU 核数）",
        show_default=False)] = None,
    config: Annotated[Path | None, typer.Option(
        "--config", show_default=False, metavar="文件",
        help="项目配置文件；默认在当前目录及其上级目录中找 jixiao.toml（用其 [check] 的 profile、select、ignore）")] = (
        None),
) -> None:
    """把文档读入语料库：解析、重算评分、检查，每个文件一个事务。重复导入会跳过未变的文件，文件有变化则存为新版本。
    检查所用的规则和评分配置取 jixiao.toml 的 [check]（与 jixiao check 相同）；导入后按同一项目的上一年度
    对照指标值（规则 RF10）。"""
    err = stderr_console()
    try:
        settings = load_config(config).check
    except InputError as exc:
        error(err, exc.message, exc.where())
        raise typer.Exit(EXIT_INPUT) from None
    profile = profile or settings.profile or DEFAULT_PROFILE
    try:
        load_profile(profile)
    except ProfileError as exc:
        error(err, str(exc))
        raise typer.Exit(EXIT_INPUT) from None
    missing = [p for p in paths if not _present(p)]
    for path in missing:
        error(err, f"{path} 不存在")
    present = [p for p in paths if p not in missing]
    engine = open_corpus(db, err)
    total = len(documents_to_ingest(engine, present))
    kept = "；已导入的文件都已保存，问题解决后再次运行同一命令会从中断处继续"
    with progress_bar("导入", err) as progress, store_faults(err, database_url(db), kept):
        task = progress.add_task("", total=total)

        def advance(name: str, outcome: Outcome) -> None:
            progress.update(task, advance=1, description=f"{Path(name).name}（{OUTCOME_ZH[outcome]}）")

        summary = ingest(engine, present, profile=profile, jobs=jobs, on_file=advance,
                         codes=selection_for(settings).codes())
    _print_summary(summary, database_url(db), err)
    if summary.interrupted:
        raise typer.Exit(EXIT_INTERRUPTED)
    raise typer.Exit(EXIT_INPUT if summary.failures or missing or not total else EXIT_OK)


def _present(path: Path) -> bool:
    """The path names something, or cannot be looked at (too long, a link loop): then ingest reports why."""
    try:
        return path.exists()
    except OSError:
        return True


def _print_summary(summary: IngestSummary, url: str, err: Console) -> None:
    out = Console(highlight=False)
    if summary.interrupted:
        err.print(f"[yellow]已中断[/yellow]：已导入的 {summary.stored} 个文件都已保存，"
                  "再次运行同一命令会从中断处继续。")
    say(out, f"导入结果（语料库 {_display(url)}）")
    table = Table(show_header=False)
    table.add_column("项目")
    table.add_column("数量", justify="right")
    table.add_row("文件", str(summary.files))
    for outcome in Outcome:
        if summary.outcomes[outcome]:
            table.add_row(f"  {OUTCOME_ZH[outcome]}", str(summary.outcomes[outcome]))
    table.add_row("新入库的自评表", str(summary.forms))
    for severity in Severity:
        table.add_row(f"  {SEVERITY_ZH[severity]}", str(summary.findings[severity.value]))
    out.print(table)
    if summary.corpus_findings:
        counts = "、".join(f"{SEVERITY_ZH[s]} {summary.corpus_findings[s.value]} 条" for s in Severity
                          if summary.corpus_findings[s.value])
        out.print(f"与同一项目上一年度对照（{'、'.join(corpus_codes())}）：{counts}")
    for path, stored in summary.duplicates:
        say(out, f"跳过 {path}：内容与已导入的 {stored} 相同", "dim")
    for failure in summary.failures:
        where = f"{failure.path}:{failure.line}" if failure.line else failure.path
        err.print(f"[red]失败[/red] {escape(clean(where))}：{escape(clean(failure.message))}")


SUMMARY_DOCX = "jixiao-summary.docx"  # `report --docx`: the 自评结果汇总分析报告 draft, beside the HTML report
YearOption = Annotated[int | None, typer.Option("--year", metavar="年份", help="只含此年度的表", show_default=False)]
DepartmentOption = Annotated[str | None, typer.Option(
    "--department", metavar="部门", help="只含此主管部门的表（全称）", show_default=False)]
GradeOption = Annotated[str | None, typer.Option(
    "--grade", metavar="等级", help="只含自评为此等级的表（优/良/中/差）", show_default=False)]
RuleOption = Annotated[str | None, typer.Option(
    "--rule", metavar="代码", help="只含有此规则问题的表（规则代码，如 EX02）", show_default=False)]


def corpus_filter(year: int | None, department: str | None, grade: str | None, rule: str | None) -> Filter:
    """The `Filter` of the options every corpus command shares (--year, --department, --grade, --rule)."""
    return Filter(year=year, department=department, grade=grade, rule=rule.upper() if rule else None)


def forms_or_exit(engine: Engine, flt: Filter, err: Console) -> int:
    """How many forms `flt` selects; none: a message saying why (an empty corpus or no match) and exit 2."""
    with engine.connect() as conn:
        count = conn.execute(select(func.count()).select_from(form_ids(flt).subquery())).scalar() or 0
    if not count:
        empty = "语料库中还没有自评表：先用 jixiao ingest 导入文档"
        error(err, empty if flt == ALL else f"没有符合条件（{flt.describe()}）的自评表")
        raise typer.Exit(EXIT_INPUT)
    return count


def _writing(err: Console, verb: str, write: Callable[[ProgressFn], object]) -> None:
    """Run `write` under a progress bar that it advances with (done, total)."""
    with progress_bar(verb, err) as progress:
        task = progress.add_task("")

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        write(advance)


def report_command(
    output: Annotated[Path, typer.Option("--output", "-o", help="报告写入的目录")] = Path("report"),
    db: DbOption = None,
    year: YearOption = None, department: DepartmentOption = None, grade: GradeOption = None, rule: RuleOption = None,
    docx: Annotated[bool, typer.Option(
        "--docx", help=f"另写一份 Word 文档 {SUMMARY_DOCX}：自评结果汇总分析报告的草稿（基本情况、自评结果、主要问题、"
                       "整改建议，附图表），供经办人员修改")] = False,
) -> None:
    """生成语料库报告：一个可离线打开的 HTML 文件（图表、可排序筛选的表格、每张表按官方格式显示并标出问题），
    以及一个 Excel 工作簿；加 --docx 时另写一份 Word 格式的自评结果汇总分析报告草稿（用 --department 按单位生成）。"""
    err = stderr_console()
    engine = open_corpus(db, err, must_exist=True)
    flt = corpus_filter(year, department, grade, rule)
    with store_faults(err, database_url(db)):
        forms = forms_or_exit(engine, flt, err)
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        error(err, f"无法创建目录 {output}：{os_reason(exc)}")
        raise typer.Exit(EXIT_INPUT) from None
    html, workbook = output / "jixiao-report.html", output / "jixiao-report.xlsx"
    with store_faults(err, database_url(db)), output_faults(err, output):
        _writing(err, "HTML 报告", lambda advance: write_html(engine, html, flt, progress=advance))
        _writing(err, "Excel 工作簿", lambda advance: write_workbook(engine, workbook, flt, progress=advance))
        if docx:
            from jixiao.report import charts  # matplotlib: imported only when it draws, not on every command
            from jixiao.report.summary_docx import write_summary_docx

            if charts.cjk_font() is None:
                err.print(f"[yellow]注意[/yellow]：{charts.NO_FONT}")
            with progress_bar("Word 汇总分析报告", err) as progress:
                progress.add_task("", total=None)
                write_summary_docx(engine, output / SUMMARY_DOCX, flt, database=_display(database_url(db)))
    out = Console(highlight=False)
    say(out, f"已生成报告（{forms} 张自评表，{flt.describe()}）：")
    for path in (html, workbook, *((output / SUMMARY_DOCX,) if docx else ())):
        say(out, f"  {path}")


def export_command(
    fmt: Annotated[ExportFormat, typer.Option(
        "--format", "-f", help="csv / xlsx / json（交换记录）/ parquet / fdp（Fiscal Data Package）")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="输出位置：json、xlsx 为文件，csv、parquet、fdp 为目录", show_default=False)],
    db: DbOption = None,
    year: YearOption = None, department: DepartmentOption = None, grade: GradeOption = None, rule: RuleOption = None,
) -> None:
    """导出语料库（全部或按条件筛选）：表单、资金、指标、问题。"""
    err = stderr_console()
    engine = open_corpus(db, err, must_exist=True)
    flt = corpus_filter(year, department, grade, rule)
    with store_faults(err, database_url(db)):
        forms = forms_or_exit(engine, flt, err)
    written: list[Path] = []
    with store_faults(err, database_url(db)), output_faults(err, output):
        _writing(err, "导出", lambda advance: written.extend(export(engine, fmt, output, flt, progress=advance)))
    out = Console(highlight=False)
    say(out, f"已导出 {forms} 张自评表（{flt.describe()}）：")
    for path in written:
        say(out, f"  {path}")


def db_command(db: DbOption = None) -> None:
    """显示语料库的位置、结构版本和各表行数（结构会在打开时自动升级到最新版本）。"""
    err = stderr_console()
    engine = open_corpus(db, err, must_exist=True)
    out = Console(highlight=False)
    say(out, f"语料库：{_display(database_url(db))}")
    table = Table("表", "行数")
    with store_faults(err, database_url(db)), engine.connect() as conn:
        say(out, f"结构版本：{current_revision(engine)}")
        for name, t in Base.metadata.tables.items():
            table.add_row(name, str(conn.execute(select(func.count()).select_from(t)).scalar()))
    out.print(table)


def register_corpus_commands(app: typer.Typer, cls: type | None = None) -> None:
    """Add the corpus commands to `app`, built with the command class `cls` (the CLI's Chinese help)."""
    for name, command in (("ingest", ingest_command), ("report", report_command), ("export", export_command),
                          ("db", db_command)):
        app.command(name, cls=cls)(command)


