"""Indicator targets that moved between two forms of one project (consecutive years of a series).

The indicators with a numeric target are read for a batch of forms at a time; they are matched by normalised name,
then by fuzzy similarity, and their parsed targets compared."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Connection, Row, select

from jixiao.analytics.models import Direction, IndicatorChange, ProjectPoint
from jixiao.analytics.names import match_names
from jixiao.store.query import indicators_t

FORMS = 1000  # forms whose targets are read in one query
_HIGHER_IS_BETTER = {"≥", ">"}
_LOWER_IS_BETTER = {"≤", "<"}
_REVERSE_KINDS = {"reverse", "zero"}  # how the scorer reads an "=" target that should not be exceeded
_VERB = {"lowered": "调低为", "raised": "调高为", "changed": "改为"}

Pair = tuple[ProjectPoint, ProjectPoint]


def _better(op: str | None, kind: str | None) -> int:
    """+1 when a higher target is more demanding, −1 when a lower one is, 0 when unknown."""
    if op in _HIGHER_IS_BETTER or (op == "=" and kind not in _REVERSE_KINDS):
        return 1
    if op in _LOWER_IS_BETTER or (op == "=" and kind in _REVERSE_KINDS):
        return -1
    return 0


def direction(before: Row, after: Row) -> Direction | None:
    """How the target moved: lowered (against the indicator's direction: a ≥ target decreased, a ≤ target
    increased), raised, changed (operator or unit changed, or no direction known), or None when it did not."""
    same_unit = before.target_unit == after.target_unit or None in (before.target_unit, after.target_unit)
    if before.target_number == after.target_number:
        return None if before.target_op == after.target_op and same_unit else "changed"
    better = _better(after.target_op, after.kind)
    if not same_unit or not better or better != _better(before.target_op, before.kind):
        return "changed"
    return "raised" if (after.target_number - before.target_number) * better > 0 else "lowered"


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


def _change(before: Row, after: Row, from_year: int, to_year: int, moved: Direction) -> IndicatorChange:
    note = f"目标由 {from_year} 年的“{before.target}”{_VERB[moved]} {to_year} 年的“{after.target}”"
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
        if way := direction(before[i], after[j]):
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
