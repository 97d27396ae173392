"""The corpus tables (SQLAlchemy 2). Plain tables with plain names, so the database opens in any SQL tool.

A document is one ingested file version; its forms, fund rows, indicators and findings hang off it and are
deleted with it. `documents.is_current` marks the version that reports read: a changed file adds a new
version and retires the old one, which is kept. Amounts are in the form's own unit (`forms.fund_unit`);
percentages are percent (85.3, not 0.853). Every finding carries the dotted record path and the source line.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Document(Base):
    """One ingested version of a file (文件)."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(Text, index=True)  # as given to ingest, resolved
    name: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer, default=1)  # 1, 2, … per path
    is_current: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    profile: Mapped[str] = mapped_column(String(40))  # the check profile the findings were made under
    form_count: Mapped[int] = mapped_column(Integer, default=0)
    ingested_at: Mapped[datetime] = mapped_column(DateTime)


class FormRow(Base):
    """One 绩效自评表: what it states, and what jixiao recomputed (`*_recomputed`)."""

    __tablename__ = "forms"
    __table_args__ = (UniqueConstraint("document_id", "form_index"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    form_index: Mapped[int] = mapped_column(Integer)  # position in its document, from 0
    title: Mapped[str | None] = mapped_column(Text)
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    project_name: Mapped[str | None] = mapped_column(Text)  # 项目名称
    department: Mapped[str | None] = mapped_column(Text, index=True)  # 主管部门
    implementing_unit: Mapped[str | None] = mapped_column(Text)  # 实施单位
    fund_unit: Mapped[str | None] = mapped_column(String(4))  # 元 / 万元
    goal_expected: Mapped[str | None] = mapped_column(Text)  # 预期目标
    goal_actual: Mapped[str | None] = mapped_column(Text)  # 实际完成情况
    total_weight: Mapped[float | None] = mapped_column(Float)  # 总分 分值
    total_score: Mapped[float | None] = mapped_column(Float)  # 总分 得分 (self-score)
    grade: Mapped[str | None] = mapped_column(String(20))  # 评分等级 as printed
    execution_rate_recomputed: Mapped[float | None] = mapped_column(Float)  # total row, exact percent
    funds_score_recomputed: Mapped[float | None] = mapped_column(Float)
    total_score_recomputed: Mapped[float | None] = mapped_column(Float)
    grade_recomputed: Mapped[str | None] = mapped_column(String(20))  # the profile's grade of the recomputed total
    errors: Mapped[int] = mapped_column(Integer, default=0)  # findings by severity, not counting waived ones
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    infos: Mapped[int] = mapped_column(Integer, default=0)
    risk: Mapped[float | None] = mapped_column(Float, index=True)  # jixiao.check.risk: the reviewer's order
    risk_parts: Mapped[dict | None] = mapped_column(JSON)  # the score's parts (Risk without its score)
    first_line: Mapped[int | None] = mapped_column(Integer)
    last_line: Mapped[int | None] = mapped_column(Integer)
    page: Mapped[int | None] = mapped_column(Integer)
    field_lines: Mapped[dict] = mapped_column(JSON, default=dict)  # record path → source line
    confidence: Mapped[float | None] = mapped_column(Float)  # the reading's least sure field (0–1)
    field_confidence: Mapped[dict | None] = mapped_column(JSON)  # record path → confidence of its reading
    read_warnings: Mapped[list] = mapped_column(JSON, default=list)  # what the reader had to repair or skip
    waivers: Mapped[list] = mapped_column(JSON, default=list)


class FundRowRow(Base):
    """One row of the 项目资金 block: total / current_year / carryover / other."""

    __tablename__ = "fund_rows"
    __table_args__ = (UniqueConstraint("form_id", "row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("forms.id", ondelete="CASCADE"), index=True)
    row: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(String(20))  # 年度资金总额 …
    initial_budget: Mapped[float | None] = mapped_column(Float)  # 年初预算数
    annual_budget: Mapped[float | None] = mapped_column(Float)  # 全年预算数
    executed: Mapped[float | None] = mapped_column(Float)  # 全年执行数
    weight: Mapped[float | None] = mapped_column(Float)  # 分值
    execution_rate: Mapped[float | None] = mapped_column(Float)  # 执行率 as printed, percent
    score: Mapped[float | None] = mapped_column(Float)  # 得分 as printed
    execution_rate_recomputed: Mapped[float | None] = mapped_column(Float)
    score_recomputed: Mapped[float | None] = mapped_column(Float)


class IndicatorRow(Base):
    """One 三级指标, as printed and with its target and actual read into operator, number and unit."""

    __tablename__ = "indicators"
    __table_args__ = (Index("ix_indicators_levels", "level2", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("forms.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # index in the form's indicator list
    level1: Mapped[str | None] = mapped_column(Text)  # 一级指标
    level2: Mapped[str | None] = mapped_column(Text)  # 二级指标
    name: Mapped[str | None] = mapped_column(Text)  # 三级指标
    target: Mapped[str | None] = mapped_column(Text)  # 年度指标值
    actual: Mapped[str | None] = mapped_column(Text)  # 实际完成值
    weight: Mapped[float | None] = mapped_column(Float)
    score: Mapped[float | None] = mapped_column(Float)
    deviation: Mapped[str | None] = mapped_column(Text)  # 偏差原因分析及改进措施
    target_op: Mapped[str | None] = mapped_column(String(4))  # ≥ ≤ > < =
    target_number: Mapped[float | None] = mapped_column(Float)
    target_unit: Mapped[str | None] = mapped_column(String(20))
    actual_op: Mapped[str | None] = mapped_column(String(4))
    actual_number: Mapped[float | None] = mapped_column(Float)
    actual_unit: Mapped[str | None] = mapped_column(String(20))
    kind: Mapped[str | None] = mapped_column(String(20))  # how it was scored: positive, reverse, qualitative …
    score_low: Mapped[float | None] = mapped_column(Float)  # the scores the rules allow
    score_high: Mapped[float | None] = mapped_column(Float)
    line: Mapped[int | None] = mapped_column(Integer)


class FindingRow(Base):
    """One finding of the rule catalogue on a form; `waived` holds the waiver's reason when one covers it."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("forms.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(8), index=True)
    name: Mapped[str] = mapped_column(String(60))
    severity: Mapped[str] = mapped_column(String(8), index=True)  # error / warning / info
    category: Mapped[str] = mapped_column(String(20))
    path: Mapped[str] = mapped_column(Text)  # dotted record path: funds.total.score, indicators.3.score
    message: Mapped[str] = mapped_column(Text)
    provided: Mapped[str | None] = mapped_column(Text)
    expected: Mapped[str | None] = mapped_column(Text)
    difference: Mapped[float | None] = mapped_column(Float)
    explanation: Mapped[str | None] = mapped_column(Text)
    line: Mapped[int | None] = mapped_column(Integer)
    waived: Mapped[str | None] = mapped_column(Text)


class IngestFailure(Base):
    """A file ingest could not read; replaced when the file is tried again."""

    __tablename__ = "ingest_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(Text, unique=True)
    sha256: Mapped[str | None] = mapped_column(String(64))
    message: Mapped[str] = mapped_column(Text)
    line: Mapped[int | None] = mapped_column(Integer)
    failed_at: Mapped[datetime] = mapped_column(DateTime)


class User(Base):
    """An account of the web app: a filler (填报人) of one unit, a reviewer (审核人) of the units listed (all when
    none), or an admin (管理员). `units` holds 主管部门 names as the forms print them."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    role: Mapped[str] = mapped_column(String(10))  # filler / reviewer / admin
    units: Mapped[list] = mapped_column(JSON, default=list)
    password_hash: Mapped[str] = mapped_column(Text)  # argon2id
    created_at: Mapped[datetime] = mapped_column(DateTime)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # may not log in


class Token(Base):
    """A bearer token of the API or a page session's cookie; only its SHA-256 is kept."""

    __tablename__ = "tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(10))  # api / session
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)


class FormStatus(Base):
    """A form's place in the workflow and the unit it belongs to. A form without a row (ingested on the command
    line) is a draft of its printed 主管部门."""

    __tablename__ = "form_status"

    form_id: Mapped[int] = mapped_column(ForeignKey("forms.id", ondelete="CASCADE"), primary_key=True)
    unit: Mapped[str | None] = mapped_column(Text, index=True)
    status: Mapped[str] = mapped_column(String(12), index=True)  # workflow.Status: draft / submitted / in_review / …
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class FormHistory(Base):
    """One step of a form's workflow: from, to, who (the name is kept when the account goes), when, the comment."""

    __tablename__ = "form_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("forms.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(12))
    to_status: Mapped[str] = mapped_column(String(12))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    user_name: Mapped[str] = mapped_column(String(80))
    at: Mapped[datetime] = mapped_column(DateTime)
    comment: Mapped[str | None] = mapped_column(Text)


class ReviewNote(Base):
    """A reviewer's comment on one cell of a form, made with a return (its history step): the record path
    (funds.total.executed, indicators.3.actual) and the comment."""

    __tablename__ = "review_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("forms.id", ondelete="CASCADE"), index=True)
    history_id: Mapped[int] = mapped_column(ForeignKey("form_history.id", ondelete="CASCADE"), index=True)
    path: Mapped[str] = mapped_column(Text)
    comment: Mapped[str] = mapped_column(Text)


class Correction(Base):
    """A cell of a stored form corrected by hand (a misread value): the record path, the value before and after
    (JSON), who and when. The first correction of a path keeps the original reading in `before`."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("forms.id", ondelete="CASCADE"), index=True)
    path: Mapped[str] = mapped_column(Text)  # dotted record path: funds.total.executed, indicators.3.actual
    before: Mapped[object | None] = mapped_column(JSON)
    after: Mapped[object | None] = mapped_column(JSON)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    user_name: Mapped[str] = mapped_column(String(80))
    at: Mapped[datetime] = mapped_column(DateTime)
