"""Documentation generated from the catalogue and the profiles, so the docs cannot drift from the code.

docs/rules.md is `jixiao rules --format markdown`, docs/profiles.md is `jixiao profiles --format markdown`, and the
README's rule table is `summary_table()`; tests/test_docs.py fails when any of them is out of date.
"""

from __future__ import annotations

from jixiao.check.catalogue import Rule, load_rules
from jixiao.check.findings import CATEGORY_ZH, SEVERITY_ZH
from jixiao.check.profile import Profile, load_profile, profile_names


def _severities(code: str, rule: type[Rule], profiles: list[Profile]) -> str:
    shown = []
    for p in profiles:
        severity = p.severity.get(code)
        if severity:
            shown.append(f"{p.name}: {severity}")
    return f"{rule.severity.value}" + (f"（{'；'.join(shown)}）" if shown else "")


def summary_table() -> str:
    """One line per rule: code, name, default severity (and profile overrides), title, rules.md entries."""
    profiles = [load_profile(n) for n in profile_names()]
    lines = ["| code | name | severity | 说明 | scoring-rules.md |", "|---|---|---|---|---|"]
    for code, rule in load_rules().items():
        lines.append(f"| [`{code}`](docs/rules.md#{code.lower()}) | `{rule.name}` | "
                     f"{_severities(code, rule, profiles)} | {rule.title} | {', '.join(rule.refs)} |")
    return "\n".join(lines) + "\n"


def rules_markdown() -> str:
    """The full catalogue: every rule's explanation, examples and parameters."""
    profiles = [load_profile(n) for n in profile_names()]
    parts = ["# 规则目录（rule catalogue）\n",
             "Generated from the rule classes in `src/jixiao/check/rules/` (`jixiao rules --format markdown`); "
             "do not edit by hand. Severity: error 错误 / warning 警告 / info 提示; profiles may override it "
             "(see [profiles.md](profiles.md)). `rules.md` names the numbered rules R1–R35 of "
             "[scoring-rules.md](scoring-rules.md), the scoring rules with their sources and confidence.\n"]
    for code, rule in load_rules().items():
        parts.append(f"## {code}\n")
        parts.append(f"**`{rule.name}`** — {rule.title}\n")
        parts.append(f"- severity: {_severities(code, rule, profiles)}（{SEVERITY_ZH[rule.severity]}）\n"
                     f"- category: {rule.category.value}（{CATEGORY_ZH[rule.category]}）\n"
                     f"- rules.md: {', '.join(rule.refs)}\n"
                     f"- fixtures: `tests/rules/{code}.toml`")
        if rule.params:
            parts[-1] += "\n- parameters (profile `[params." + code + "]`): " + "; ".join(
                f"`{k}` = {v}（{rule.param_docs[k]}）" for k, v in rule.params.items())
        if rule.supersedes:
            parts[-1] += "\n- one finding per problem: replaces " + ", ".join(f"`{c}`" for c in rule.supersedes) + \
                " on the same row"
        parts[-1] += "\n"
        parts.append(rule.doc() + "\n")
    return "\n".join(parts)


def profiles_markdown() -> str:
    parts = ["# 评分配置（profiles）\n",
             "Generated from `src/jixiao/check/profiles/*.toml` (`jixiao profiles --format markdown`); do not edit "
             "by hand. A profile holds every number that is a policy choice — weights, tolerances, rounding, tier "
             "bands, grade bands, province variants — plus severity overrides (`[severity]`) and rule parameters "
             "(`[params.CODE]`). `extends` inherits another profile table by table. Choose one with "
             "`jixiao check --profile NAME`.\n"]
    for name in profile_names():
        p = load_profile(name)
        parts.append(f"## {p.name} — {p.title}\n")
        parts.append(p.description + "\n")
        if p.extends:
            parts.append(f"- extends: `{p.extends}`")
        sc = p.scoring
        grades = "、".join(f"{b.label} {'>' if not b.inclusive else '≥'}{b.min:g}" for b in p.grades)
        parts.append(f"- grades: {grades}\n"
                     f"- rounding: rate {sc.rate_rounding}, score {sc.score_rounding} "
                     f"(tolerance {sc.rounding_tolerance:g})\n"
                     f"- qualitative tiers: 达成 ≥{sc.tier_achieved:.0%}, "
                     f"部分达成 ≥{sc.tier_partial:.0%} of the weight\n"
                     f"- over-achievement ratio {sc.overshoot_ratio:g}, deduction {sc.overshoot_deduction:g} points")
        if sc.execution_cap:
            parts[-1] += "\n- total capped by execution rate: " + "; ".join(
                f"rate < {b.rate_below:g}% → total ≤ {b.max_total:g}" for b in sc.execution_cap)
        if p.severity:
            parts[-1] += "\n- severity overrides: " + ", ".join(f"`{k}` → {v}" for k, v in p.severity.items())
        if any(p.params.values()):
            parts[-1] += "\n- rule parameters: " + ", ".join(
                f"`{code}.{k}` = {v}" for code, params in sorted(p.params.items()) for k, v in params.items())
        parts[-1] += "\n- sources: " + "；".join(p.sources) + "\n"
    return "\n".join(parts)
