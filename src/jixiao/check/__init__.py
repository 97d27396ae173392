"""Checking: re-score a form under a profile and run the rule catalogue over it.

    >>> import jixiao
    >>> form = jixiao.parse("examples/003_a203d4b834672a09.txt")[0]
    >>> report = jixiao.check(form)
    >>> sorted({f.code for f in report.findings})
    ['DS03', 'DS04', 'DS05', 'DS11', 'DS12', 'GR04', 'SC10']
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, NamedTuple

from jixiao.check.catalogue import Prior, Rule, RuleContext, load_rules
from jixiao.check.findings import Finding, FormReport, Report, Severity
from jixiao.check.history import dated, last_years
from jixiao.check.profile import DEFAULT_PROFILE, Profile, load_profile
from jixiao.check.score import Scorecard, score
from jixiao.model import Form, Waiver

__all__ = ["Report", "FormReport", "Finding", "Prior", "Scorecard", "check", "check_forms", "score",
           "load_profile", "merge", "run_rules"]


def _profile(profile: Profile | str | None) -> Profile:
    return load_profile(profile) if isinstance(profile, str) else (profile or load_profile(DEFAULT_PROFILE))


class ActiveRule(NamedTuple):
    """A rule as a profile runs it: its severity and parameters under that profile."""

    rule: Rule
    params: Mapping[str, Any]
    severity: Severity


@dataclass(frozen=True)
class _Resolved:
    """The catalogue resolved under one profile, with copies of what it was resolved from."""

    profile: Profile
    severity: dict[str, str]
    params: dict[str, dict[str, Any]]
    rules: dict[str, ActiveRule]

    def holds_for(self, profile: Profile) -> bool:
        return profile is self.profile and profile.severity == self.severity and profile.params == self.params


_resolved: list[_Resolved] = []  # at most one, the last profile's: a run checks many forms under one profile


def active_rules(profile: Profile) -> dict[str, ActiveRule]:
    """The rules `profile` does not switch off, by code in catalogue order.

    Resolved once per profile rather than once per form and rule; a profile changed since is resolved anew."""
    if _resolved and _resolved[0].holds_for(profile):
        return _resolved[0].rules
    rules = {}
    for code, cls in load_rules().items():
        severity = profile.severity_of(code, cls.severity.value)
        if severity != "off":
            params = MappingProxyType({**cls.params, **profile.params.get(code, {})})
            rules[code] = ActiveRule(cls(), params, Severity(severity))
    _resolved[:] = [_Resolved(profile, copy.deepcopy(profile.severity), copy.deepcopy(profile.params), rules)]
    return rules


def row_of(path: str) -> str:
    """The row a finding's path lies in: indicators.3.score → indicators.3, funds.total.score → funds.total, the
    two 年度总体目标 cells → goal; a form-level path is its own row."""
    parts = path.split(".")
    if parts[0] in ("goal_expected", "goal_actual"):
        return "goal"
    return ".".join(parts[:2]) if parts[0] in ("indicators", "funds") and len(parts) > 1 else parts[0]


def merge(findings: list[Finding]) -> list[Finding]:
    """One finding per problem: drop the findings another finding on the same row supersedes (`Rule.supersedes`)."""
    rules = load_rules()
    covered = {(code, row_of(f.path)) for f in findings for code in rules[f.code].supersedes}
    if not covered:
        return findings
    return [f for f in findings if (f.code, row_of(f.path)) not in covered]


def run_rules(form: Form, card: Scorecard, profile: Profile, form_index: int,
              codes: Iterable[str] | None = None, previous: Prior | None = None) -> list[Finding]:
    """The findings of the catalogue's rules (or only `codes`) on one scored form, in catalogue order, with the
    findings another one supersedes on the same row left out (only among the rules run). `previous`: the same
    project's earlier form, which the corpus rules compare with."""
    active = active_rules(profile)
    selected = active.values() if codes is None else [active[code] for code in codes if code in active]
    findings: list[Finding] = []
    for rule, params, severity in selected:
        findings.extend(rule.check(RuleContext(rule, form, card, profile, params, form_index, severity, previous)))
    return merge(findings)


def _waiver_of(waivers: list[Waiver], finding: Finding) -> Waiver | None:
    return next((w for w in waivers if w.covers(finding.code, finding.path)), None)


def check(form: Form, profile: Profile | str | None = None, *, index: int | None = None,
          waivers: Iterable[Waiver] = (), card: Scorecard | None = None,
          codes: Iterable[str] | None = None, previous: Prior | None = None) -> FormReport:
    """Check one form: its findings, with those the form's waivers (and `waivers`) cover set aside.

    Pass `card` when the caller has already scored the form under the same profile (the store keeps both), and
    `codes` to run only those rules: a finding another one supersedes (SC07 under SC09) is then kept when the other
    rule is not run, which filtering the findings afterwards cannot do. `previous` is the same project's earlier
    form, for the corpus rules (RF10)."""
    profile = _profile(profile)
    if index is None:
        index = form.source.form_index if form.source else 0
    all_waivers = [*form.waivers, *waivers]
    report = FormReport(index=index, file=form.source.file if form.source else None, project_name=form.project_name)
    for finding in run_rules(form, card or score(form, profile), profile, index, codes, previous):
        waiver = _waiver_of(all_waivers, finding) if all_waivers else None
        if waiver:
            finding.waived = waiver.reason
            report.waived.append(finding)
        else:
            report.findings.append(finding)
    used = {(f.code, f.path) for f in report.waived}
    report.unused_waivers = [w for w in all_waivers
                             if not any(w.covers(code, path) for code, path in used)]
    return report


def check_forms(forms: Iterable[Form], profile: Profile | str | None = None,
                codes: Iterable[str] | None = None, cards: Iterable[Scorecard] | None = None,
                history: bool = True) -> Report:
    """Check forms in order; each form's index is its position in the input (`codes`: only these rules; `cards`:
    the forms' scorecards under `profile`, in the same order, when the caller has them — `risk.assess` needs
    them too, so a form is scored once). With `history`, the forms checked together are a small corpus: a form
    is compared with the same project's form of the nearest earlier year among them (RF10)."""
    profile = _profile(profile)
    codes = list(codes) if codes is not None else None
    forms = list(forms)
    scored = list(cards) if cards is not None else [score(form, profile) for form in forms]
    earlier = last_years(dated(forms)) if history else {}
    reports = [check(form, profile, index=i, codes=codes, card=card,
                     previous=Prior(forms[earlier[i]], scored[earlier[i]]) if i in earlier else None)
               for i, (form, card) in enumerate(zip(forms, scored, strict=True))]
    return Report(profile=profile.name, forms=reports, files=len({r.file for r in reports}))
