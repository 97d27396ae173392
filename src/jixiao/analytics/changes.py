"""Indicator targets that moved between two forms of one project (consecutive years of a series).

The indicators with a numeric target are read for a batch of forms at a time; they are matched by normalised name,
then by fuzzy similarity, and their parsed targets compared (`jixiao.check.targets`, as rule RF10 does)."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Connection, Row, select

from jixiao.analytics.models import IndicatorChange, ProjectPoint
from jixiao.check.targets import VERB_ZH, Direction, Target, direction
from jixiao.names import match_names
from jixiao.store.query import indicators_t

FORMS = 1000  # forms whose targets are read in one query

Pair = tuple[ProjectPoint, ProjectPoint]


def _targets(conn: Connection, form_ids: list[int]) -> dict[int, list[Row]]:
    """The indicators with a numeric target of these forms (only those can be compared), by form, in printed
    order."""
    t = indicators_t
    grouped: dict[int, list[Row]] = defaultdict(list)
    for row in conn.execute(select(t.c.form_id, t.c.level2, t.c.name, t.c.target, t.c.actual, t.c.target_op,
                                   t.c.target_number, t.c.target_unit, t.c.actual_number, t.c.kind)
                            .where(t.c.form_id.in_(form_ids), t.c.target_number.is_not(None))
                            .order_by(t.c.form_id, t.c.position)):
        grouped[row.form_id].append(row)
    return grouped


def _target(row: Row) -> Target:
    return Target(row.target_op, row.target_number, row.target_unit, row.kind)


def _change(before: Row, after: Row, from_year: int, to_year: int, moved: Direction) -> IndicatorChange:
    note = f"目标由 {from_year} 年的“{before.target}”{VERB_ZH[moved]} {to_year} 年的“{after.target}”"
    if before.actual:
        note += f"（{from_year} 年实际完成“{before.actual}”）"
    return IndicatorChange(
        level2=after.level2, name=after.name, from_year=from_year, to_year=to_year, from_form=before.form_id,
        to_form=after.form_id, target_from=before.target_number, target_to=after.target_number,
        actual_from=before.actual_number, actual_to=after.actual_number, unit=after.target_unit or before.target_unit,
        target_text_from=before.target, target_text_to=after.target, direction=moved, note=note)


def _moved(before: list[Row], after: list[Row], similarity: float) -> list[tuple[Row, Row, Direction]]:
    """(earlier indicator, later indicator, direction) of every target that moved between two forms."""
    moved = []
    for i, j in match_names([r.name or "" for r in before], [r.name or "" for r in after], similarity):
        if way := direction(_target(before[i]), _target(after[j])):
            moved.append((before[i], after[j], way))
    return moved


def changes_between(conn: Connection, pairs: list[Pair],
                    similarity: float) -> dict[tuple[int, int], list[IndicatorChange]]:
    """The indicator changes of each (earlier, later) pair of forms, keyed by their form ids, in the earlier
    form's indicator order."""
    forms = sorted({point.form_id for pair in pairs for point in pair})
    targets: dict[int, list[Row]] = {}
    for start in range(0, len(forms), FORMS):
        targets.update(_targets(conn, forms[start:start + FORMS]))
    return {(a.form_id, b.form_id): [_change(before, after, a.year, b.year, way) for before, after, way in
                                     _moved(targets.get(a.form_id, []), targets.get(b.form_id, []), similarity)]
            for a, b in pairs}
