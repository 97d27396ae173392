"""The 复核表 as a Word document (A4 landscape): the 汇总 table of a batch first, then each form on pages of its
own — its head, the checked numbers, the findings, and a table with blank 复核意见 / 复核人 / 日期 to sign."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from docx.document import Document as DocumentType
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm

from jixiao import wordfile
from jixiao.export.sheet import fit_cell
from jixiao.worksheet import TITLE, Batch, FormSheet, Item

AGREES_ZH = {True: "一致", False: "不一致", None: "—"}
DIFFERS_SHADE = "FCE4D6"


def _number(value: float | str | None, percent: bool = False) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return f"{value:.2f}{'%' if percent else ''}"


def write_docx(batch: Batch, path: Path) -> Path:
    """Write the batch's worksheets to `path` (.docx); the file appears complete or not at all."""
    doc = wordfile.new_document(landscape=True)
    if len(batch.sheets) > 1 or batch.failures:
        _summary(doc, batch)
    for k, form in enumerate(batch.sheets):
        if k or len(batch.sheets) > 1 or batch.failures:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _form(doc, form)
    return wordfile.save(doc, path)


def _title(doc: DocumentType, text: str) -> None:
    heading = doc.add_heading(text, level=1)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _summary(doc: DocumentType, batch: Batch) -> None:
    _title(doc, f"{TITLE} · 汇总")
    scope = f"范围：{batch.scope}；评分配置：{batch.profile}；生成时间：{datetime.now():%Y-%m-%d %H:%M}"
    doc.add_paragraph(fit_cell(f"{scope}；共 {len(batch.sheets)} 张表"))  # file names are strangers'
    rows = []
    for f in batch.sheets:
        rows.append((f.number, f.project_name, f.department, f.year, _number(f.self_score),
                     _number(f.recomputed_score), _number(f.difference), f.grade or "—", f.grade_recomputed or "—",
                     f.count("error"), f.count("warning"), f.count("info"),
                     "—" if f.risk is None else f"{f.risk.score:g}"))
    rows.append(("合计", f"{len(batch.sheets)} 张表", "", "", "", "", "", "", "",
                 *(sum(f.count(s) for f in batch.sheets) for s in ("error", "warning", "info")), ""))
    wordfile.table(doc, ("序号", "项目名称", "主管部门", "年度", "自评得分", "重算得分", "差额", "自评等级",
                         "重算等级", "错误", "警告", "提示", "风险分"), rows,
                   (5, 26, 16, 6, 7, 7, 6, 6, 6, 5, 5, 5, 6))
    if batch.failures:
        doc.add_heading(f"读取失败的文件（{len(batch.failures)} 个，未列入复核表）", level=2)
        wordfile.table(doc, ("文件", "原因"), batch.failures, (1, 2))


def _items(doc: DocumentType, items: list[Item]) -> None:
    rows = [(i.label, _number(i.printed, i.percent), _number(i.recomputed, i.percent),
             _number(i.difference, i.percent), AGREES_ZH[i.agrees], i.formula) for i in items]
    grid = wordfile.table(doc, ("复核项", "表上", "重算", "差额", "是否一致", "重算依据"), rows,
                          (24, 8, 8, 7, 7, 46))
    for row, item in zip(grid.rows[1:], items, strict=True):
        if item.agrees is False:
            for cell in row.cells:
                wordfile.shade(cell, DIFFERS_SHADE)


def _form(doc: DocumentType, form: FormSheet) -> None:
    _title(doc, TITLE)
    head = [("项目名称", form.project_name), ("主管部门", form.department), ("实施单位", form.implementing_unit),
            ("年度", form.year), ("来源", form.source), ("评分配置", form.profile)]
    if form.risk is not None:
        head.append(("风险分", form.risk.explain()))
    grid = doc.add_table(rows=0, cols=2)
    grid.style = "Table Grid"
    for label, value in head:
        cells = grid.add_row().cells
        wordfile.put(cells[0], label, bold=True)
        wordfile.shade(cells[0])
        wordfile.put(cells[1], "—" if value is None else value)
    wordfile.set_widths(doc, grid, (1, 7))
    doc.add_heading("一、数字复核（表上填写的数与 jixiao 按评分规则重算的数）", level=2)
    _items(doc, form.items)
    waived = f"；另有已豁免的问题 {form.waived} 条，未列出" if form.waived else ""
    doc.add_heading(f"二、核查发现（{len(form.findings)} 条：错误 {form.count('error')}、"
                    f"警告 {form.count('warning')}、提示 {form.count('info')}{waived}）", level=2)
    if form.findings:
        rows = []
        for number, e in enumerate(form.findings, start=1):
            notes = [e.message, f"重算：{e.explanation}" if e.explanation else "",
                     f"规则说明：{e.rule_doc}" if e.rule_doc else ""]
            rows.append((number, e.where, f"{e.code}\n{e.title}", e.severity_zh,
                         e.provided or "—", e.expected or "—", "\n".join(n for n in notes if n)))
        wordfile.table(doc, ("序号", "位置", "规则", "级别", "表上", "应为", "问题及说明"), rows,
                       (4, 18, 12, 5, 11, 11, 39))
    else:
        doc.add_paragraph("未发现问题。")
    doc.add_heading("三、复核意见", level=2)
    sign = doc.add_table(rows=2, cols=4)
    sign.style = "Table Grid"
    opinion = sign.rows[0].cells[1].merge(sign.rows[0].cells[3])
    wordfile.put(sign.rows[0].cells[0], "复核意见", bold=True)
    wordfile.put(opinion, None)
    sign.rows[0].height = Cm(3.5)
    for cell, label in ((sign.rows[1].cells[0], "复核人"), (sign.rows[1].cells[2], "日期")):
        wordfile.put(cell, label, bold=True)
    sign.rows[1].height = Cm(1.2)
    for cell in (sign.rows[0].cells[0], sign.rows[1].cells[0], sign.rows[1].cells[2]):
        wordfile.shade(cell)
    wordfile.set_widths(doc, sign, (1, 3, 1, 3))
