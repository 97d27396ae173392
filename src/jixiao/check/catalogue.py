"""The rule catalogue: the `Rule` base class and the registry every rule module adds itself to.

A rule is a class in one module under `jixiao/check/rules/`. Its docstring (Chinese, shown by `jixiao rules CODE`)
says why the rule exists and gives a failing (不合格示例) and a passing (合格示例) example; its fixtures are
`tests/rules/CODE.toml`. Defining the class registers it — adding a rule touches nothing else.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar

from jixiao.check.findings import Category, Detail, Finding, Severity
from jixiao.check.profile import Profile
from jixiao.check.score import Scorecard
from jixiao.model import Form

RULES: dict[str, type[Rule]] = {}


@dataclass(frozen=True, slots=True)
class Prior:
    """The same project's form of the nearest earlier year and its scorecard, for the corpus rules (`Rule.corpus`).
    The corpus (`jixiao.corpus_check`) or the forms checked together (`jixiao check`) provide it; which form it is,
    `jixiao.check.history` decides."""

    form: Form
    card: Scorecard


@dataclass(slots=True)
class RuleContext:
    """What a rule sees: the parsed form, its scorecard, the profile and the rule's own parameters, and for the
    corpus rules the same project's earlier form (`previous`, None when there is none)."""

    rule: Rule
    form: Form
    card: Scorecard
    profile: Profile
    params: Mapping[str, Any]
    form_index: int
    severity: Severity
    previous: Prior | None = None

    def finding(self, path: str, message: str, *, provided: Any = None, expected: Any = None,
                difference: float | None = None, explanation: str | None = None,
                minor: bool = False, severe: bool = False, details: list[Detail] | None = None) -> Finding:
        """A finding of this rule at `path`; `minor` ones (a rounding-size gap, say) are reported as info, `severe`
        ones (a value that cannot be right whatever the province) as errors, unless the profile switched the
        rule's severity; `details` lists the rows a summary finding stands for."""
        if difference is not None:
            difference = round(difference, 4)
        severity = self.severity
        if minor:
            severity = Severity.info
        elif severe and self.rule.code not in self.profile.severity:
            severity = Severity.error
        return Finding(code=self.rule.code, name=self.rule.name, severity=severity,
                       form_index=self.form_index,
                       path=path, provided=provided, expected=expected, difference=difference, message=message,
                       source=source_of(self.form, path), explanation=explanation, details=details or [])

    def detail(self, path: str, text: str) -> Detail:
        """One row of a summary finding: its path, its source line and what is said of it."""
        return Detail(path=path, source=source_of(self.form, path), text=text)


def source_of(form: Form, path: str) -> str | None:
    """file:line of a record path — the line of the path itself or of its nearest enclosing record — and, in paged
    input (PDF, Word, workbooks), its page: 'report.pdf:41（第3页）'."""
    src = form.source
    if src is None:
        return None
    parts = path.split(".")
    for end in range(len(parts), 0, -1):
        key = ".".join(parts[:end])
        line = src.fields.get(key)
        if line is not None:
            page = src.pages.get(key)
            return f"{src.file}:{line}" + (f"（第{page}页）" if page else "")
    if not src.first_line:
        return src.file
    return f"{src.file}:{src.first_line}" + (f"（第{src.page}页）" if src.page else "")


class Rule:
    """Base of every rule. Subclasses set the class attributes and implement `check`."""

    code: ClassVar[str]  # stable: group letters + number, e.g. EX02
    name: ClassVar[str]  # dotted, readable: execution.score
    title: ClassVar[str]  # one Chinese line for listings
    severity: ClassVar[Severity]
    category: ClassVar[Category]
    refs: ClassVar[tuple[str, ...]]  # the rules.md entries it implements, e.g. ("R8", "R9")
    params: ClassVar[dict[str, Any]] = {}  # defaults; a profile overrides them under [params.CODE]
    param_docs: ClassVar[dict[str, str]] = {}  # Chinese description of each parameter
    # one finding per problem: codes whose findings on the same row (indicators.3, funds.total, or the form) a
    # finding of this rule replaces, because it says the same and more (SC09 over SC07, RF02 over RF01)
    supersedes: ClassVar[tuple[str, ...]] = ()
    # a corpus rule compares the form with the same project's earlier year (`RuleContext.previous`): it finds
    # nothing in a form checked alone, and the corpus runs it when a form's history changes (jixiao.corpus_check)
    corpus: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.code in RULES:
            raise ValueError(f"rule code {cls.code} defined twice")
        RULES[cls.code] = cls

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        raise NotImplementedError

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")


@cache
def load_rules() -> dict[str, type[Rule]]:
    """Import every module of the rules package (each registers its rules) and return the catalogue by code.

    Cached: it runs once per process, not once per checked form."""
    from jixiao.check import rules

    for module in pkgutil.iter_modules(rules.__path__):
        importlib.import_module(f"{rules.__name__}.{module.name}")
    return dict(sorted(RULES.items()))
