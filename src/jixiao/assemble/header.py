"""The form's head: title, year, 项目名称, 主管部门, 实施单位."""

from __future__ import annotations

from jixiao.assemble import vocab
from jixiao.assemble.text import fold, tidy
from jixiao.read.grid import Row


def title_of(row: Row) -> str | None:
    """The title of a form when this row is one ('财政项目支出绩效自评表', '## 项目支出绩效自评表')."""
    if "表" not in row.text:  # every title ends in 表, and no other character folds to it: most rows stop here
        return None
    filled = [t for t in row.texts if t]
    if len(filled) > 3:
        return None
    key = fold("".join(filled)).strip("#*")
    return key if vocab.TITLE.match(key) else None


def year_of(rows: list[Row]) -> tuple[int | None, int | None]:
    """(year, line) from '(2023年度)' / '（2024 年度）' near the title."""
    for row in rows:
        match = vocab.YEAR.search(fold(row.text))
        if match:
            return int(match.group(1)), row.line
    return None, None


def label_value(row: Row, label: str, flow: bool) -> str | None:
    """The value printed after a head label on this row ('项目名称 | X', '项目名称：X')."""
    texts = row.texts
    for i, text in enumerate(texts):
        key = fold(text)
        if not key.startswith(label):
            continue
        inline = text.strip()[len(label):] if text.strip().startswith(label) else ""
        inline = inline.lstrip(":： ")
        if inline and not any(fold(inline).startswith(lab) for lab in vocab.HEAD_LABELS):
            return tidy(inline)
        parts = []
        for later in texts[i + 1:]:
            if any(fold(later).startswith(lab) for lab in vocab.HEAD_LABELS):
                break
            if later:
                parts.append(later)
                if not flow:
                    break
        return tidy(" ".join(parts)) if parts else None
    return None
