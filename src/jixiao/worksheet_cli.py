"""`jixiao worksheet`: the 复核表 of documents or of corpus forms, as one .xlsx, .docx or .pdf file.

Exit codes: 0 written; 2 an input could not be read (the worksheet of the rest is still written), no form to
review, a bad option, or the output could not be written.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from jixiao.check.profile import DEFAULT_PROFILE, ProfileError, load_profile
from jixiao.config import load_config, selection_for
from jixiao.console import EXIT_INPUT, EXIT_OK, error, progress_bar, say, stderr_console
from jixiao.corpus_cli import (
    DbOption,
    DepartmentOption,
    GradeOption,
    RuleOption,
    YearOption,
    corpus_filter,
    forms_or_exit,
    open_corpus,
    output_faults,
    store_faults,
)
from jixiao.errors import InputError
from jixiao.model import Form
from jixiao.officepdf import PdfError, docx_to_pdf
from jixiao.parse import iter_files
from jixiao.records import read_document
from jixiao.store.database import database_url
from jixiao.worksheet import Batch, from_corpus, from_forms, output_kind
from jixiao.worksheet.docx import write_docx
from jixiao.worksheet.xlsx import write_xlsx

MAX_FORMS = 1000  # one sheet per form: beyond this a worksheet is no longer something a person reviews


def _from_files(paths: list[Path], profile: str | None, config: Path | None, err: Console) -> Batch:
    try:
        settings = load_config(config).check
        rules = load_profile(profile or settings.profile or DEFAULT_PROFILE)
    except InputError as exc:
        error(err, exc.message, exc.where())
        raise typer.Exit(EXIT_INPUT) from None
    except ProfileError as exc:
        error(err, str(exc))
        raise typer.Exit(EXIT_INPUT) from None
    files = list(iter_files(paths))
    forms: list[Form] = []
    failures: list[tuple[str, str]] = []
    with progress_bar("读取", err) as progress:
        task = progress.add_task("", total=len(files))
        for path in files:
            progress.update(task, description=path.name)
            result = read_document(path)
            forms.extend(result.forms)
            if result.error:
                failures.append((result.error.where(), result.error.message))
            progress.advance(task)
    if len(forms) > MAX_FORMS:
        error(err, f"读到 {len(forms):,} 张自评表，复核表一次最多 {MAX_FORMS:,} 张；请分批生成")
        raise typer.Exit(EXIT_INPUT)
    sheets = from_forms(forms, rules, selection_for(settings).codes())
    return Batch(sheets, "、".join(map(str, paths)), rules.name, failures)


def _from_corpus(db: str | None, year: int | None, department: str | None, grade: str | None, rule: str | None,
                 err: Console) -> Batch:
    engine = open_corpus(db, err, must_exist=True)
    flt = corpus_filter(year, department, grade, rule)
    with store_faults(err, database_url(db)):
        count = forms_or_exit(engine, flt, err)
        if count > MAX_FORMS:
            error(err, f"符合条件（{flt.describe()}）的自评表有 {count:,} 张，复核表一次最多 {MAX_FORMS:,} 张；"
                  "请用 --year、--department、--grade 或 --rule 缩小范围")
            raise typer.Exit(EXIT_INPUT)
        with engine.connect() as conn:
            try:
                sheets = from_corpus(conn, flt)
            except ProfileError as exc:  # a document ingested under a profile this version does not have
                error(err, f"语料库中的评分配置无法载入：{exc}")
                raise typer.Exit(EXIT_INPUT) from None
            profiles = sorted({s.profile for s in sheets})
    return Batch(sheets, f"语料库，{flt.describe()}", "、".join(profiles) or DEFAULT_PROFILE)


def worksheet_command(
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="输出文件：.xlsx（每张表一个工作表，另有“汇总”）/ .docx / .pdf（由 LibreOffice 转换）",
        show_default=False)],
    paths: Annotated[list[Path] | None, typer.Argument(
        help="文档、交换记录（.json）或目录；不写则取语料库中的表（--db 及筛选条件）", show_default=False,
        metavar="路径", readable=False)] = None,
    profile: Annotated[str | None, typer.Option(
        "--profile", "-p", metavar="名称", show_default=False,
        help=f"读取文档时所用的评分配置；默认取 jixiao.toml 的 profile，否则为 {DEFAULT_PROFILE}")] = None,
    config: Annotated[Path | None, typer.Option(
        "--config", show_default=False, metavar="文件",
        help="项目配置文件；默认在当前目录及其上级目录中找 jixiao.toml（用其 [check] 的规则选择）")] = None,
    db: DbOption = None,
    year: YearOption = None, department: DepartmentOption = None, grade: GradeOption = None, rule: RuleOption = None,
) -> None:
    """生成复核表：每张自评表的各项数字（表上数与按规则重算的数）、每个问题（规则、位置、说明），以及留空的
    复核意见、复核人、日期；多张表时另有汇总（问题数、风险分、自评与重算得分）。可读取文档，也可从语料库按条件选表。"""
    err = stderr_console()
    kind = output_kind(output)
    if kind is None:
        suffix = output.suffix or "（无扩展名）"
        error(err, f"不支持的输出格式“{suffix}”：复核表可写为 .xlsx、.docx 或 .pdf", str(output))
        raise typer.Exit(EXIT_INPUT)
    filtered = any(v is not None for v in (db, year, department, grade, rule))
    if paths and filtered:
        error(err, "读取文档时不能同时用 --db、--year、--department、--grade、--rule；这些选项用于从语料库选表")
        raise typer.Exit(EXIT_INPUT)
    batch = _from_files(paths, profile, config, err) if paths else _from_corpus(db, year, department, grade, rule, err)
    for file, message in batch.failures:
        error(err, message, file)
    if not batch.sheets:
        error(err, "没有可复核的自评表；未生成复核表")
        raise typer.Exit(EXIT_INPUT)
    with output_faults(err, output):
        if kind == "xlsx":
            write_xlsx(batch, output)
        elif kind == "docx":
            write_docx(batch, output)
        else:
            _write_pdf(batch, output, err)
    say(Console(highlight=False), f"已生成复核表（{len(batch.sheets)} 张自评表）：{output}")
    raise typer.Exit(EXIT_INPUT if batch.failures else EXIT_OK)


def _write_pdf(batch: Batch, output: Path, err: Console) -> None:
    """The Word worksheet converted by LibreOffice."""
    with tempfile.TemporaryDirectory(prefix="jixiao-worksheet-") as work:
        document = write_docx(batch, Path(work) / f"{output.stem or 'worksheet'}.docx")
        try:
            docx_to_pdf(document, output)
        except PdfError as exc:
            error(err, str(exc), str(output))
            raise typer.Exit(EXIT_INPUT) from None


def register_worksheet_command(app: typer.Typer, cls: type | None = None) -> None:
    """Add `worksheet` to `app`, built with the command class `cls` (the CLI's Chinese help)."""
    app.command("worksheet", cls=cls)(worksheet_command)
