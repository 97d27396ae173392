"""The Word reader: every golden form written as a real .docx (tests/docx_render.py) reads back field by field,
the grid comes from gridSpan/vMerge/gridBefore, and a broken or hostile file gives a message, not a traceback."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from jixiao.parse import parse_file
from jixiao.read.docx import read_docx
from jixiao.read.tokens import Gap
from tests.conftest import GOLDEN
from tests.docx_render import BREAK_KINDS, render_docx
from tests.hostile.limited import run
from tests.layout_render import expected
from tests.scoring import score

GOLDENS = sorted(GOLDEN.glob("*.json"))
MIN_ACCURACY = 99.5
BREAKS = dict(page_breaks=True, repeat_header=True)
VARIATIONS = {
    "plain": {},
    "breaks": BREAKS,
    "middle": dict(label_position="middle"),
    "bottom": dict(label_position="bottom"),
    "chrome": dict(chrome=True),
    "variants": dict(variants=True),
    "breaks_bottom_no_repeat": dict(page_breaks=True, label_position="bottom"),
    "breaks_middle_chrome": dict(BREAKS, label_position="middle", chrome=True),
    "table_header": dict(BREAKS, table_header=True),
    "table_header_bottom": dict(page_breaks=True, table_header=True, label_position="bottom"),
    **{f"break_{kind}": dict(BREAKS, break_kind=kind) for kind in BREAK_KINDS},
}


def _forms(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["forms"]


def _read_back(forms: list[dict], path: Path) -> tuple[int, int, list[str], int, int]:
    result = parse_file(path)
    assert result.error is None, result.error.message
    return score([expected(f) for f in forms], [f.record() for f in result.forms])


@pytest.mark.parametrize("variation", VARIATIONS)
def test_golden_forms_read_back_from_word(tmp_path, variation):
    """Each golden file as one .docx: at least 99.5% of its fields, no form missing or extra."""
    failures = []
    for seed, golden in enumerate(GOLDENS):
        forms = _forms(golden)
        path = tmp_path / f"{golden.stem}.docx"
        render_docx(forms, path, seed=seed, **VARIATIONS[variation])
        fields, matched, wrong, missing, extra = _read_back(forms, path)
        accuracy = 100.0 * matched / fields
        print(f"docx {variation} {golden.stem}: {accuracy:.2f}% ({matched}/{fields}), missing {missing}, extra {extra}")
        if accuracy < MIN_ACCURACY or missing or extra:
            failures.append(f"{golden.stem}: {accuracy:.2f}% missing {missing} extra {extra}\n" + "\n".join(wrong[:10]))
    assert not failures, "\n".join(failures)


def test_the_fixture_writes_real_merges_and_header_rows(tmp_path):
    """The rendered files hold what the reader is tested on (a fixture that stopped merging would pass too)."""
    path = tmp_path / "f.docx"
    forms = _forms(GOLDENS[2])
    render_docx(forms, path, seed=2, table_header=True, **BREAKS)
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    assert "<w:gridSpan " in xml and '<w:vMerge w:val="restart"/>' in xml and "<w:vMerge/>" in xml
    assert "<w:tblHeader/>" in xml and "<w:lastRenderedPageBreak/>" in xml
    assert xml.count(">一级指标<") == len(forms)  # Word repeats the header row; the file holds it once
    render_docx(forms, path, seed=2, break_kind="section", **BREAKS)
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    assert xml.count(">一级指标<") > len(forms) and "<w:pPr><w:sectPr" in xml


def test_sixty_forms_read_within_a_cpu_limit(tmp_path):
    """A document of 58 forms (≈ 0.7 s here) is parsed under a 20 s CPU limit: a reader gone quadratic in the
    table's cells (python-docx's cell lookups are) fails by the limit, not by a wall clock."""
    forms = [f for golden in GOLDENS for f in _forms(golden)]
    path = tmp_path / "all.docx"
    render_docx(forms, path, seed=7, **BREAKS)
    done = run("parse", str(path), "-f", "json", "-o", str(tmp_path / "out.json"), cpu=20)
    assert done.returncode == 0, done.stderr
    assert len(json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["forms"]) == len(forms)


# ------------------------------------------------------------------------------------------- hand-built documents

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'
)


def _package(path: Path, document: str | bytes) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", document)
    return path


def _docx(path: Path, body: str, namespace: str = W) -> Path:
    return _package(path, f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{namespace}">'
                          f"<w:body>{body}</w:body></w:document>")


def p(text: str = "", props: str = "") -> str:
    runs = "".join(f"<w:r><w:t xml:space=\"preserve\">{piece}</w:t></w:r>" for piece in text.split("|") if piece)
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{runs}</w:p>"


def tc(content: str = "", span: int = 1, merge: str | None = None) -> str:
    props = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + (
        "" if merge is None else '<w:vMerge w:val="restart"/>' if merge == "restart" else "<w:vMerge/>")
    body = content if content.startswith("<") else p(content)
    return f"<w:tc>{f'<w:tcPr>{props}</w:tcPr>' if props else ''}{body}</w:tc>"


def tr(*cells: str, before: int = 0) -> str:
    props = f'<w:trPr><w:gridBefore w:val="{before}"/></w:trPr>' if before else ""
    return f"<w:tr>{props}{''.join(cells)}</w:tr>"


def tbl(*rows: str) -> str:
    return f"<w:tbl>{''.join(rows)}</w:tbl>"


PAGE_BREAK = p().replace("</w:p>", '<w:r><w:br w:type="page"/></w:r></w:p>')


def _cells(path: Path) -> list[tuple[str, int | None, int, int]]:
    """(text, column, row span, column span) of the table cells read."""
    return [(t.text, t.col, t.row_span, t.col_span) for t in read_docx(path, path.name).tokens if t.col is not None]


def test_grid_span_and_grid_before_give_grid_columns(tmp_path):
    path = _docx(tmp_path / "t.docx", tbl(
        tr(tc("项目名称"), tc("甲项目", span=7)),
        tr(tc("乙", span=2), tc("丙"), before=1),
        tr(tc("丁", span=99999999)),  # a broken span is clamped, not believed
    ))
    assert _cells(path) == [("项目名称", 0, 1, 1), ("甲项目", 1, 1, 7), ("乙", 1, 1, 2), ("丙", 3, 1, 1),
                            ("丁", 0, 1, 1000)]


def test_vertical_merges_are_one_cell_at_their_top(tmp_path):
    path = _docx(tmp_path / "t.docx", tbl(
        tr(tc("产出指标", merge="restart"), tc("数量指标", merge="restart"), tc("人数")),
        tr(tc(merge="continue"), tc(merge="continue"), tc("次数")),
        tr(tc(merge="continue"), tc("质量指标"), tc("合格率")),
        tr(tc("效益指标"), tc(merge="continue"), tc("满意度")),  # under an unmerged cell: joins it, as Word shows it
    ))
    assert _cells(path) == [
        ("产出指标", 0, 3, 1), ("数量指标", 1, 2, 1), ("人数", 2, 1, 1),
        ("次数", 2, 1, 1),
        ("质量指标", 1, 2, 1), ("合格率", 2, 1, 1),
        ("效益指标", 0, 1, 1), ("满意度", 2, 1, 1),
    ]
    rows = [t.row for t in read_docx(path, "t").tokens]
    assert rows == [0, 0, 0, 1, 2, 2, 3, 3]  # each table row is a row, even one left with a single cell


def test_continue_cell_with_nothing_to_continue_is_a_cell_and_its_text_is_kept(tmp_path):
    path = _docx(tmp_path / "t.docx", tbl(
        tr(tc("孤立", merge="continue"), tc("甲", merge="restart")),
        tr(tc("乙"), tc("遗留文字", merge="continue")),
    ))
    assert _cells(path) == [("孤立", 0, 1, 1), ("甲\n遗留文字", 1, 2, 1), ("乙", 0, 1, 1)]


def test_merged_cell_spanning_grid_columns_continues_only_where_it_starts(tmp_path):
    path = _docx(tmp_path / "t.docx", tbl(
        tr(tc("年度总体目标", span=2, merge="restart"), tc("预期")),
        tr(tc(span=2, merge="continue"), tc("目标文字")),
    ))
    assert _cells(path) == [("年度总体目标", 0, 2, 2), ("预期", 2, 1, 1), ("目标文字", 2, 1, 1)]


def test_nested_table_is_text_of_its_cell(tmp_path):
    nested = tbl(tr(tc("甲"), tc("乙")), tr(tc("丙"), tc("丁")))
    path = _docx(tmp_path / "t.docx", tbl(tr(tc("说明"), tc(p("见下表") + nested + p("以上")))))
    assert _cells(path) == [("说明", 0, 1, 1), ("见下表\n甲 乙\n丙 丁\n以上", 1, 1, 1)]


def test_a_frame_table_around_the_form_is_the_page_and_its_table_is_read(tmp_path):
    """A one-cell frame (or layout) table whose nested tables hold most of its text is the page: its paragraphs
    are lines and the form's table inside it a table."""
    inner = tbl(tr(tc("项目名称"), tc("甲项目")), tr(tc("主管部门"), tc("乙局")), tr(tc("实施单位"), tc("丁单位")))
    path = _docx(tmp_path / "t.docx", tbl(tr(tc(p("项目支出绩效自评表") + inner + p("填报人：丙")))))
    assert [(t.text, t.col) for t in read_docx(path, "t").tokens] == [
        ("项目支出绩效自评表", None), ("项目名称", 0), ("甲项目", 1), ("主管部门", 0), ("乙局", 1), ("实施单位", 0),
        ("丁单位", 1), ("填报人：丙", None)]


def test_content_controls_are_read_and_placeholders_are_not(tmp_path):
    run = '<w:sdt><w:sdtContent><w:r><w:t>乙项目</w:t></w:r></w:sdtContent></w:sdt>'
    placeholder = ('<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>单击此处输入文字</w:t></w:r>'
                   "</w:sdtContent></w:sdt>")
    block = f"<w:sdt><w:sdtContent>{p('正文控件')}</w:sdtContent></w:sdt>"
    cell = f"<w:sdt><w:sdtContent>{tc('单元格控件')}</w:sdtContent></w:sdt>"
    path = _docx(tmp_path / "t.docx", block + f"<w:p><w:r><w:t>项目：</w:t></w:r>{run}{placeholder}</w:p>"
                 + tbl(tr(tc(f"<w:p>{run}</w:p>"), cell)))
    tokens = read_docx(path, "t").tokens
    assert [t.text for t in tokens] == ["正文控件", "项目：乙项目", "乙项目", "单元格控件"]
    assert [t.col for t in tokens[2:]] == [0, 1]


def test_text_off_the_page_is_not_read(tmp_path):
    """Tracked deletions, field codes and placeholder text are not text of the form; tracked insertions,
    hyperlinks and field results are. A text box's text is outside the paragraph's flow: it follows it."""
    body = (
        "<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删除</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>插入</w:t></w:r></w:ins>"
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>域结果</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        "<w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink>"
        "<w:r><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:pict></w:r></w:p>"
    )
    assert [t.text for t in read_docx(_docx(tmp_path / "t.docx", body), "t").tokens] == ["保留插入域结果链接", "文本框"]


def test_a_form_set_in_text_boxes_is_read_once(tmp_path):
    """A title and a form's table set in text boxes (as converters of PDF files lay a page out) are read after
    the paragraph each is anchored in; a box Word writes twice, as a drawing and as VML for older readers, once
    (before: the boxes were skipped, the file had no form)."""
    box = ("<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent>{0}"
           "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>{0}</w:txbxContent>"
           "</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>")
    rows = [("项目名称", "城乡环境卫生整治", "", "", "", "", ""),
            ("主管部门", "某县住建局", "", "实施单位", "某县环卫所", "", ""),
            ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"),
            ("产出指标", "数量指标", "清扫保洁面积", "≥200万平方米", "210万平方米", "60", "60"),
            ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "88%", "40", "38"),
            ("总分", "", "", "", "", "100", "98")]
    table = tbl(*(tr(*(tc(c) for c in row)) for row in rows))
    body = box.format(p("项目支出绩效自评表") + p("（2023年度）")) + box.format(table + p())
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" '
                f'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}</w:body>'
                "</w:document>")
    [form] = parse_file(_package(tmp_path / "boxes.docx", document)).forms
    assert (form.year, form.project_name, form.implementing_unit) == (2023, "城乡环境卫生整治", "某县环卫所")
    assert [(i.name, i.weight, i.score) for i in form.indicators] == [("清扫保洁面积", 60, 60), ("群众满意度", 40, 38)]
    assert (form.total_weight, form.total_score) == (100, 98)


def test_a_text_box_in_a_cell_gives_lines_of_the_cell(tmp_path):
    box = "<w:r><w:pict><w:txbxContent>" + p("（盖章）") + "</w:txbxContent></w:pict></w:r>"
    path = _docx(tmp_path / "t.docx", tbl(tr(tc("填报单位"), tc(p("某县住建局").replace("</w:p>", box + "</w:p>")))))
    assert _cells(path) == [("填报单位", 0, 1, 1), ("某县住建局\n（盖章）", 1, 1, 1)]


def test_line_breaks_tabs_and_paragraphs_of_a_cell(tmp_path):
    cell = "<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t><w:tab/><w:t>续</w:t></w:r></w:p>" + p("第二段")
    path = _docx(tmp_path / "t.docx", tbl(tr(tc(cell))))
    assert _cells(path) == [("第一行\n第二行 续\n第二段", 0, 1, 1)]


def test_pages_are_counted_at_explicit_breaks_only(tmp_path):
    body = (p("甲") + PAGE_BREAK + p("乙", "<w:pageBreakBefore/>")  # one break written twice is one page
            + "<w:p><w:r><w:lastRenderedPageBreak/><w:t>丙</w:t></w:r></w:p>"
            # a section's own properties say how it starts: 戊 starts a continuous section, 庚 one on a new page
            + p("丁", "<w:sectPr/>") + p("戊") + p("己", '<w:sectPr><w:type w:val="continuous"/></w:sectPr>')
            + p("庚") + "<w:sectPr/>")
    tokens = read_docx(_docx(tmp_path / "t.docx", body), "t").tokens
    assert [(t.text, t.page) for t in tokens] == [("甲", 1), ("乙", 2), ("丙", 3), ("丁", 3), ("戊", 3), ("己", 3),
                                                 ("庚", 4)]
    assert [t.gap for t in tokens if t.page != 1 and t.text in "乙丙庚"] == [Gap.PAGE] * 3


def test_bare_page_number_beside_a_page_break_is_no_text(tmp_path):
    body = p("甲") + p("2") + PAGE_BREAK + p("乙") + p("3") + p("丙")
    tokens = read_docx(_docx(tmp_path / "t.docx", body), "t").tokens
    assert [(t.text, t.page, t.gap) for t in tokens] == [("甲", 1, Gap.LINE), ("乙", 2, Gap.PAGE),
                                                        ("3", 2, Gap.LINE), ("丙", 2, Gap.LINE)]


def test_strict_open_xml_reads_as_transitional(tmp_path):
    path = _docx(tmp_path / "t.docx", tbl(tr(tc("甲", span=2), tc("乙"))),
                 namespace="http://purl.oclc.org/ooxml/wordprocessingml/main")
    assert _cells(path) == [("甲", 0, 1, 2), ("乙", 2, 1, 1)]


HEAD_ROWS = [
    tr(tc("项目名称"), tc("示范项目", span=7)),
    tr(tc("主管部门"), tc("某区财政局", span=3), tc("实施单位"), tc("某区财政局", span=3)),
    tr(tc("项目资金(万元)", span=2),
       *(tc(h) for h in ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"))),
    tr(tc("年度资金总额", span=2), *(tc(v) for v in ("100.00", "100.00", "90.00", "10", "90.00%", "9.00"))),
    tr(tc("年度总体目标", span=2), tc("预期目标", span=3), tc("实际完成情况", span=3)),
    tr(tc("", span=2), tc("完成年度任务", span=3), tc("已完成年度任务", span=3)),
]
IND_HEADER = tr(*(tc(h) for h in ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                                  "偏差原因分析及改进措施")))


def _ind(level1: str | None, level2: str | None, name: str, weight: str, score_: str) -> str:
    def label(text: str | None) -> str:
        return tc(merge="continue") if text is None else tc(text, merge="restart")

    return tr(label(level1), label(level2), tc(name), tc("≥95%"), tc("98%"), tc(weight), tc(score_), tc())


def test_a_form_split_over_two_tables_with_title_and_year_above(tmp_path):
    first = tbl(*HEAD_ROWS, IND_HEADER, _ind("产出指标", "数量指标", "培训人数", "20", "20"),
                _ind(None, None, "培训次数", "20", "20"))
    second = tbl(IND_HEADER, _ind("", "质量指标", "合格率", "20", "18"),  # the label printed before the break
                 _ind("效益指标", "社会效益指标", "满意度", "30", "30"),
                 tr(tc("总分", span=5), tc("100"), tc("97.00"), tc()), tr(tc("评分等级", span=2), tc("优", span=6)))
    body = p("附件2") + p("财政项目支出绩效自评表") + p("（2023年度）") + first + PAGE_BREAK + second
    result = parse_file(_docx(tmp_path / "form.docx", body))
    assert result.error is None
    [form] = result.forms
    assert (form.title, form.year, form.project_name, form.implementing_unit) == (
        "财政项目支出绩效自评表", 2023, "示范项目", "某区财政局")
    assert form.funds.total.executed == 90 and form.funds.total.score == 9
    assert (form.goal_expected, form.goal_actual) == ("完成年度任务", "已完成年度任务")
    assert [(i.level1, i.level2, i.name, i.score) for i in form.indicators] == [
        ("产出指标", "数量指标", "培训人数", 20), ("产出指标", "数量指标", "培训次数", 20),
        ("产出指标", "质量指标", "合格率", 18), ("效益指标", "社会效益指标", "满意度", 30)]
    assert (form.total_weight, form.total_score, form.grade) == (100, 97, "优")


def test_rows_continuing_a_merged_label_keep_it_after_a_span_cut_by_a_page_break(tmp_path):
    """The 产出指标 span is cut by the page break and its label printed after it, as Word producers do; on the
    new page, 完成率 continues both merges above it (一级 产出指标, 二级 时效指标), which the reader says with the
    row spans of those cells (3 and 2)."""
    first = tbl(*HEAD_ROWS, IND_HEADER, _ind("", "数量指标", "培训人数", "10", "10"))
    second = tbl(IND_HEADER, _ind("产出指标", "质量指标", "合格率", "10", "10"),
                 _ind(None, "时效指标", "及时率", "10", "10"), _ind(None, None, "完成率", "10", "10"),
                 _ind("效益指标", "经济效益指标", "合规性", "10", "10"),
                 _ind(None, "社会效益指标", "知晓率", "20", "20"), _ind(None, "可持续影响指标", "长效机制", "20", "18"),
                 tr(tc("总分", span=5), tc("100"), tc("98.00"), tc()), tr(tc("评分等级", span=2), tc("优", span=6)))
    body = p("财政项目支出绩效自评表") + p("（2023年度）") + first + PAGE_BREAK + second
    [form] = parse_file(_docx(tmp_path / "form.docx", body)).forms
    assert [(i.level1, i.level2) for i in form.indicators if i.name == "完成率"] == [("产出指标", "时效指标")]


# ------------------------------------------------------------------------------------------- bad and odd files


def _error(path: Path) -> str:
    result = parse_file(path)
    assert result.error is not None and not result.forms
    assert re.search(r"[\u4e00-\u9fff]", result.error.message), result.error.message
    return result.error.message


def test_broken_document_xml_is_an_error_not_a_traceback(tmp_path):
    message = _error(_package(tmp_path / "broken.docx", "<w:document xmlns:w='x'><w:body><w:p>"))
    assert "已损坏" in message and "word/document.xml" in message


def test_truncated_docx_is_an_error(tmp_path):
    whole = tmp_path / "whole.docx"
    render_docx(_forms(GOLDENS[1]), whole)
    data = whole.read_bytes()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(data[: len(data) // 2])
    assert "损坏" in _error(cut)


def test_document_part_that_is_not_word_is_an_error(tmp_path):
    message = _error(_package(tmp_path / "odd.docx", "<html><body>表</body></html>"))
    assert "w:document" in message


def test_entity_expansion_payload_is_refused(tmp_path):
    entities = '<!ENTITY a0 "哈哈哈哈哈哈哈哈">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    laughs = (f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]><w:document xmlns:w="{W}"><w:body>'
              f"{p('财政项目支出绩效自评表')}<w:p><w:r><w:t>&a9;</w:t></w:r></w:p></w:body></w:document>")
    small = laughs.replace("&a9;", "&a1;")  # no amplification, but a DTD all the same
    for name, xml in (("laughs.docx", laughs), ("small.docx", small)):
        message = _error(_package(tmp_path / name, xml))  # refused for its DTD, before any entity is expanded
        assert "DTD" in message or "已损坏" in message
        assert "哈哈" not in message


def test_doc_suffix_on_a_docx_is_read_as_docx(tmp_path):
    forms = _forms(GOLDENS[1])
    path = tmp_path / "misnamed.doc"
    render_docx(forms, path, seed=1)
    fields, matched, _, missing, extra = _read_back(forms, path)
    assert matched == fields and not missing and not extra


def test_real_doc_through_libreoffice(tmp_path):
    program = shutil.which("soffice")
    if program is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    forms = _forms(GOLDENS[1])
    source = tmp_path / "form.docx"
    render_docx(forms, source, seed=3, **BREAKS)
    out = tmp_path / "doc"
    subprocess.run([program, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--norestore", "--convert-to", "doc", "--outdir", str(out), str(source)],
                   stdin=subprocess.DEVNULL, capture_output=True, timeout=180, check=True)
    doc = out / "form.doc"
    assert doc.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE2 Word 97–2003 file
    fields, matched, wrong, missing, extra = _read_back(forms, doc)
    print(f"docx -> doc -> docx: {100.0 * matched / fields:.2f}% ({matched}/{fields})")
    assert 100.0 * matched / fields >= MIN_ACCURACY and not missing and not extra, "\n".join(wrong[:10])
    # the same .doc under another name: a WPS 文字 .wps, and a document a site saved as .xls (before: LibreOffice
    # was asked for a workbook and failed) — what the file holds decides
    for name in ("form.wps", "form.xls"):
        shutil.copy(doc, tmp_path / name)
        assert _read_back(forms, tmp_path / name)[1] == matched


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: p.stem)
def test_a_form_typed_with_tab_stops_reads_back(golden, tmp_path):
    """A form laid out in paragraphs with tabs between its cells, not in a table (typed with tab stops, or a PDF
    a converter turned into a Word file): a tab sets cells apart for certain, a space inside a cell does not
    (before: 99.33% of these five forms' fields, names cut at their spaces)."""
    import docx

    from tests.layout_render import render

    forms = _forms(golden)[:5]
    document = docx.Document()
    for line in render(forms, "tab").split("\n"):
        document.add_paragraph(line)  # (python-docx writes each tab as a w:tab)
    document.save(tmp_path / "tabbed.docx")
    fields, matched, wrong, missing, extra = _read_back(forms, tmp_path / "tabbed.docx")
    assert matched == fields and not missing and not extra, "\n".join(wrong[:10])


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: p.stem)
def test_an_indicator_table_nested_in_the_forms_table_reads_back(golden, tmp_path):
    """The indicator table pasted into a cell of the form's table (its 绩效指标 row): a nested table of its own is
    read as a table after that row, the rows below as another table (before: flattened into the cell's lines,
    61.86% of these forms' fields)."""
    import docx

    from tests.layout_render import render

    forms = _forms(golden)[:5]
    document = docx.Document()
    for form in forms:
        lines = [line.split("\t") for line in render([form], "tab").split("\n") if line.strip()]
        width = max(len(line) for line in lines)
        header = next(i for i, line in enumerate(lines) if line[0].startswith("一级指标"))
        total = next(i for i in range(header, len(lines)) if lines[i][0].startswith("总分"))
        document.add_paragraph("\t".join(lines[0]))
        outer = document.add_table(rows=0, cols=width)
        for line in lines[1:header]:
            for cell, text in zip(outer.add_row().cells, line, strict=False):
                cell.text = text
        row = outer.add_row().cells
        row[0].text = "绩效指标"
        inner = row[1].merge(row[width - 1]).add_table(rows=0, cols=max(len(line) for line in lines[header:total]))
        for line in lines[header:total]:
            for cell, text in zip(inner.add_row().cells, line, strict=False):
                cell.text = text
        for line in lines[total:]:
            for cell, text in zip(outer.add_row().cells, line, strict=False):
                cell.text = text
        document.add_page_break()
    document.save(tmp_path / "nested.docx")
    fields, matched, wrong, missing, extra = _read_back(forms, tmp_path / "nested.docx")
    assert matched == fields and not missing and not extra, "\n".join(wrong[:10])


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: p.stem)
@pytest.mark.parametrize("title_in_body", [False, True], ids=["header_only", "header_and_body"])
def test_a_title_set_in_the_page_header_is_read(golden, title_in_body, tmp_path):
    """A form whose title and year stand in the first page's header, not in the body (a unit's letterhead
    template): the header is read before the body, once (before: the year was lost). A title in both places
    still makes one form."""
    import docx

    from tests.layout_render import render

    form = _forms(golden)[0]
    lines = [line.split("\t") for line in render([form], "tab").split("\n") if line.strip()]
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = lines[0][0]
    table = document.add_table(rows=0, cols=max(len(line) for line in lines))
    for line in lines if title_in_body else lines[1:]:
        for cell, text in zip(table.add_row().cells, line, strict=False):
            cell.text = text
    document.save(tmp_path / "header.docx")
    fields, matched, wrong, missing, extra = _read_back([form], tmp_path / "header.docx")
    assert matched == fields and not missing and not extra, "\n".join(wrong[:10])
