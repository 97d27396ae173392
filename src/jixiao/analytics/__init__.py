"""Analytics on the corpus: what the HTML report and the Excel workbook show, as pydantic models.

Every function takes a connection and a `Filter` (default: every current form) and aggregates in SQL, so it
works the same on SQLite and PostgreSQL and stays fast on 100,000 forms. See docs/analytics.md.
"""

from jixiao.analytics.findings import finding_examples, findings_by_department, findings_by_rule
from jixiao.analytics.library import indicator_library
from jixiao.analytics.losses import deductions, deductions_by_level
from jixiao.analytics.models import (
    Deduction,
    DeductionGroup,
    DepartmentFindings,
    FindingExample,
    FundsSummary,
    GroupStats,
    IndicatorChange,
    LibraryEntry,
    Overview,
    ProjectPoint,
    ProjectSeries,
    RiskyForm,
    RuleCount,
    ScorePoint,
)
from jixiao.analytics.projects import project_history
from jixiao.analytics.scores import execution_vs_score, outliers, riskiest
from jixiao.analytics.summary import funds_summary, group_stats, overview
from jixiao.store.query import ALL, Filter

__all__ = [
    "ALL", "Deduction", "DeductionGroup", "DepartmentFindings", "Filter", "FindingExample", "FundsSummary",
    "GroupStats", "IndicatorChange", "LibraryEntry", "Overview", "ProjectPoint", "ProjectSeries", "RiskyForm",
    "RuleCount", "ScorePoint", "deductions", "deductions_by_level", "execution_vs_score", "finding_examples",
    "findings_by_department", "funds_summary", "findings_by_rule", "group_stats", "indicator_library", "outliers",
    "overview", "project_history", "riskiest",
]
