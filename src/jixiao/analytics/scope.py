"""What every analytics query shares: the forms a filter selects, the findings that count, the order grade labels
sort in, and building long results cheaply."""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from sqlalchemy import ColumnElement, Subquery, and_, func, select

from jixiao.check.profile import DEFAULT_PROFILE, Profile, load_profile
from jixiao.store.query import Filter, findings_t, form_ids, forms_t

SEVERITIES = ("error", "warning", "info")
COUNT_FIELD = {"error": "errors", "warning": "warnings", "info": "infos"}  # model field counting each severity
STREAM = 2000  # rows fetched at a time from large results (a server-side cursor on PostgreSQL)
UNGRADED = "未填"  # the grade key of forms that print no 评分等级


@contextmanager
def building() -> Iterator[None]:
    """Pause the cyclic garbage collector while a function builds a long list of (acyclic) result models: its
    full passes over the growing heap otherwise cost up to a third of the time on a large corpus."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def selected(column: ColumnElement, flt: Filter) -> ColumnElement[bool]:
    """`column` (a form id) is one of the current forms `flt` selects."""
    return column.in_(form_ids(flt))


def nonblank(column: ColumnElement) -> ColumnElement[bool]:
    return and_(column.is_not(None), func.trim(column) != "")


def text_or_none(value: str | None) -> str | None:
    """A text column's value, None when it is blank."""
    return value if value and value.strip() else None


def unwaived(flt: Filter) -> tuple[ColumnElement[bool], ...]:
    """The findings of the selected forms that no waiver covers (the ones that count)."""
    return selected(findings_t.c.form_id, flt), findings_t.c.waived.is_(None)


def findings_per_form(flt: Filter) -> Subquery:
    """(form_id, errors, warnings, infos): each selected form's unwaived findings, as ingest counted them on the
    form row, so grouping never scans the findings table."""
    return (select(forms_t.c.id.label("form_id"), forms_t.c.errors, forms_t.c.warnings, forms_t.c.infos)
            .where(selected(forms_t.c.id, flt)).subquery())


@cache
def _grade_ranks() -> tuple[dict[str, int], Profile]:
    profile = load_profile(DEFAULT_PROFILE)
    ranks = {band.label: rank for rank, band in enumerate(sorted(profile.grades, key=lambda b: -b.min))}
    return ranks, profile


def grade_sort_key(label: str | None) -> tuple[int, str]:
    """Best grade first (优 with its spellings such as 优秀, then 良 …), unknown labels next, ungraded last."""
    if label is None or label == UNGRADED:
        return (1000, "")
    ranks, profile = _grade_ranks()
    normal = profile.normal_grade(label)
    return (ranks[normal] if normal else 999, label)


def grade_counts(pairs: list[tuple[str | None, int]]) -> dict[str, int]:
    """{printed grade or 未填: forms}, best grade first."""
    counts: dict[str, int] = defaultdict(int)
    for label, n in pairs:
        counts[text_or_none(label) or UNGRADED] += n
    return {label: counts[label] for label in sorted(counts, key=grade_sort_key)}
