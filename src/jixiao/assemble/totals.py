"""The 总分 row (分值 and 得分) and the 评分等级 row."""

from __future__ import annotations

from jixiao.assemble.text import fold, number, tidy
from jixiao.read.grid import Row


def read_total(rows: list[Row]) -> tuple[float | None, float | None, list[int]]:
    """(total weight, total score, lines). The numbers may follow on lines of their own."""
    numbers: list[float] = []
    lines: list[int] = []
    for k, row in enumerate(rows):
        values = [n for t in row.texts if (n := number(t)) is not None]
        words = [t for t in row.texts if t and number(t) is None and not fold(t).startswith("总分")]
        if k > 0 and (words or not values):
            break
        numbers.extend(values)
        if row.line is not None:
            lines.append(row.line)
        if len(numbers) >= 2:
            break
    if len(numbers) == 1:
        return (numbers[0], None, lines) if numbers[0] == 100 else (None, numbers[0], lines)
    return (numbers[0] if numbers else None, numbers[1] if len(numbers) > 1 else None, lines)


def read_grade(row: Row, label_words: tuple[str, ...]) -> str | None:
    values = [t for t in row.texts if t and not any(fold(t).startswith(w) for w in label_words)]
    return tidy("".join(values)) if values else None
