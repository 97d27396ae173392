"""The indicator library (指标库): each distinct 三级指标 with how often it is used and its typical target and
weight, so a department can see what comparable projects commit to.

Names are normalised in SQL (whitespace and common punctuation removed), so the database groups and sorts and
Python sees one indicator at a time."""

from __future__ import annotations

from collections import Counter
from functools import reduce
from itertools import groupby

from sqlalchemy import ColumnElement, Connection, Row, distinct, func, select

from jixiao.analytics.models import LibraryEntry
from jixiao.analytics.scope import STREAM, selected
from jixiao.store.query import ALL, Filter, indicators_t

# Removed from names before grouping: ASCII and full-width spaces, line breaks and the usual punctuation.
_IGNORED = (" ", "\u3000", "\t", "\r", "\n", "，", ",", "、", "。", "：", ":", "；", ";", "（", "）", "(", ")",
            "“", "”", '"', "‘", "’", "'")


def normalised(column: ColumnElement) -> ColumnElement:
    """`column` without the characters of `_IGNORED`, as a SQL expression (replace() exists everywhere)."""
    return reduce(lambda expr, char: func.replace(expr, char, ""), _IGNORED, column)


def _median(counts: Counter) -> float | None:
    """The median of numbers counted in `counts` (value → how often)."""
    values = sorted(counts.items())
    total = sum(counts.values())

    def at(index: int) -> float:
        for value, n in values:
            if index < n:
                return value
            index -= n
        raise IndexError(index)

    return (at((total - 1) // 2) + at(total // 2)) / 2 if total else None


def _most_common(counter: Counter) -> list:
    """Keys most common first, ties in their natural order (None never listed)."""
    return [key for key, _ in sorted(((k, n) for k, n in counter.items() if k is not None),
                                     key=lambda kn: (-kn[1], kn[0]))]


def _entry(key: tuple, rows: list[Row]) -> LibraryEntry:
    """One library entry from the (name, target, number, unit, weight) combinations of one indicator."""
    names, targets, units, weights, numbers = Counter(), Counter(), Counter(), Counter(), Counter()
    for row in rows:
        names[row.name] += row.n
        targets[row.target] += row.n
        units[row.target_unit] += row.n
        weights[row.weight] += row.n
        if row.target_number is not None:
            numbers[row.target_number] += row.n
    typical_target, typical_weight = _most_common(targets), _most_common(weights)
    known_weights = [w for w in weights if w is not None]
    return LibraryEntry(
        level1=key[0], level2=key[1], name=_most_common(names)[0], forms=sum(row.forms for row in rows),
        typical_target=typical_target[0] if typical_target else None, target_min=min(numbers, default=None),
        target_median=_median(numbers), target_max=max(numbers, default=None), units=_most_common(units),
        typical_weight=typical_weight[0] if typical_weight else None, weight_min=min(known_weights, default=None),
        weight_max=max(known_weights, default=None))


def indicator_library(conn: Connection, flt: Filter = ALL, *, min_forms: int = 1) -> list[LibraryEntry]:
    """Distinct 三级指标 by 一级指标, 二级指标 and normalised name, used in at least `min_forms` forms; ordered by
    level1 and level2, then most forms first.

    One pass over the indicators: the database counts each combination of name, target, unit and weight, and
    returns the combinations sorted by normalised name, so Python holds one indicator at a time. `forms` adds up
    the forms of each spelling, so a form that lists an indicator under two spellings counts twice."""
    t = indicators_t
    columns = (t.c.level1, t.c.level2, t.c.name, t.c.target, t.c.target_number, t.c.target_unit, t.c.weight)
    combinations = (select(*columns, func.count().label("n"), func.count(distinct(t.c.form_id)).label("forms"))
                    .where(selected(t.c.form_id, flt), t.c.name.is_not(None)).group_by(*columns).subquery())
    key = normalised(combinations.c.name)
    rows = conn.execute(select(combinations, key.label("key"))
                        .order_by(combinations.c.level1, combinations.c.level2, key)
                        .execution_options(yield_per=STREAM))
    entries = []
    for group, members in groupby(rows, key=lambda row: (row.level1, row.level2, row.key)):
        entry = _entry(group, list(members))
        if entry.forms >= min_forms:
            entries.append(entry)
    return sorted(entries, key=lambda e: (e.level1 is None, e.level1 or "", e.level2 is None, e.level2 or "",
                                          -e.forms, e.name))
