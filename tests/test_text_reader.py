"""The text reader resolves the format's markup so that none of it reaches the record."""

from __future__ import annotations

import jixiao
from jixiao.read.text import clean_markup, read_text
from tests.conftest import SEEDS


def test_latex_math():
    assert clean_markup(r"$\geq 90.00(\%)$") == "≥90.00(%)"
    assert clean_markup(r"维护率 $\geq 90\%$ ；") == "维护率 ≥90% ；"
    assert clean_markup(r"$> 90.00(\%)$") == ">90.00(%)"


def test_html_paragraphs_and_entities():
    assert clean_markup("<p>第一段</p> <p>第二段&amp;</p>") == "第一段\n第二段&"


def test_layout_detection():
    assert read_text("项目名称\t甲\n主管部门\t乙\n", "t").layout == "table"
    assert read_text("项目名称 甲\n主管部门 乙\n", "t").layout == "flow"


def test_no_markup_in_any_seed_record():
    for seed in SEEDS:
        for form in jixiao.parse(seed):
            text = repr(form.record())
            assert "<p>" not in text and "$" not in text and "\\geq" not in text
