"""The 年度总体目标 block: 预期目标 (also printed 预算目标) and 实际完成情况.

Text continued after a page break lands in a row of its own, under the column it belongs to.
"""

from __future__ import annotations

from jixiao.assemble import vocab
from jixiao.assemble.context import Context
from jixiao.assemble.text import fold, join, tidy
from jixiao.read.grid import Row


def _after(text: str, count: int) -> str:
    """The text after its first `count` non-blank characters (a heading possibly printed with spaces)."""
    seen = 0
    for i, ch in enumerate(text):
        if not ch.isspace():
            seen += 1
            if seen == count:
                return text[i + 1:]
    return ""


def _strip_heading(text: str) -> tuple[str | None, str]:
    """('expected'|'actual'|None, rest) for a cell that starts with a column heading."""
    key = fold(text)
    for kind, words in (("expected", vocab.GOAL_EXPECTED), ("actual", vocab.GOAL_ACTUAL)):
        for w in words:
            if key.startswith(w):
                return kind, _after(text, len(w)).lstrip(":： ")
    return None, text


def read_goals(rows: list[Row], ctx: Context) -> tuple[str | None, str | None]:
    if ctx.layout == "flow":
        return _flow_goals(rows, ctx)
    parts: dict[str, str] = {"expected": "", "actual": ""}
    cols: dict[str, int] = {}
    for row in rows:
        texts = []
        for cell in row.cells:
            if not cell.text or fold(cell.text) in vocab.GOAL_LABEL_PIECES:
                continue
            kind, rest = _strip_heading(cell.text)
            if kind:
                cols.setdefault(kind, cell.col if cell.col is not None else len(cols))
                if rest:
                    parts[kind] = join(parts[kind], rest)
                    ctx.at(f"goal_{kind}", row.line)
                continue
            texts.append(cell)
        if not texts:
            continue
        if len(texts) >= 2:
            targets = [("expected", texts[0]), ("actual", texts[1])] + [("actual", c) for c in texts[2:]]
        else:
            cell = texts[0]
            kind = "expected"
            if "actual" in cols and cell.col is not None:
                near_actual = abs(cell.col - cols["actual"]) < abs(cell.col - cols.get("expected", -99))
                kind = "actual" if near_actual else "expected"
            elif parts["expected"]:
                kind = "actual"
            targets = [(kind, cell)]
        for kind, cell in targets:
            parts[kind] = join(parts[kind], cell.text)
            ctx.at(f"goal_{kind}", row.line)
    return tidy(parts["expected"]), tidy(parts["actual"])


def _flow_goals(rows: list[Row], ctx: Context) -> tuple[str | None, str | None]:
    """Flowed text: each goal is a paragraph, started by an indented line (or a blank line)."""
    indented = any(r.indent >= 2 for r in rows)
    paragraphs: list[tuple[int | None, str]] = []
    for row in rows:
        line = " ".join(row.texts)
        if fold(line) in vocab.GOAL_LABEL_PIECES:
            continue
        kind, rest = _strip_heading(line)
        if kind:
            if fold(rest).startswith(vocab.GOAL_ACTUAL) or not rest:
                continue
            line = rest
        starts = row.indent >= 2 if indented else row.break_before
        if starts or not paragraphs:
            paragraphs.append((row.line, line))
        else:
            first, text = paragraphs[-1]
            paragraphs[-1] = (first, join(text, line))
    if len(paragraphs) > 2:
        ctx.warn("P031", f"年度总体目标有 {len(paragraphs)} 段，前一段作为预期目标，其余合并为实际完成情况",
                 "goal_actual", paragraphs[2][0])
        paragraphs = [paragraphs[0], (paragraphs[1][0], "\n".join(p for _, p in paragraphs[1:]))]
    for kind, (line, _) in zip(("expected", "actual"), paragraphs, strict=False):
        ctx.at(f"goal_{kind}", line)
    texts = [tidy(p) for _, p in paragraphs] + [None, None]
    return texts[0], texts[1]
