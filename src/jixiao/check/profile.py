"""Profiles: the scoring conventions and thresholds of a jurisdiction, as data files (profiles/*.toml).

Rules and the scorer read every number that is a policy choice from here, so a province variant is a
file, not a code change. A profile may `extends` another; tables are merged key by key.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from jixiao.assemble.text import fold

Rounding = Literal["auto", "round", "truncate", "up"]
SeverityName = Literal["error", "warning", "info", "off"]


class GradeBand(BaseModel):
    """A grade and the lowest total that earns it."""

    model_config = ConfigDict(extra="forbid")

    label: str
    min: float
    inclusive: bool = True  # False: the total must be strictly above `min`


class CapBand(BaseModel):
    """Province variant: below this execution rate (percent) the total may not exceed `max_total`."""

    model_config = ConfigDict(extra="forbid")

    rate_below: float
    max_total: float


class Scoring(BaseModel):
    model_config = ConfigDict(extra="forbid")

    total_weight: float = 100
    funds_weight: float = 10
    level1_weights: dict[str, float] = Field(default_factory=dict)
    rate_rounding: Rounding = "auto"
    score_rounding: Rounding = "auto"
    rounding_tolerance: float = 0.005  # R9: a printed 2-decimal value may differ this much from its rounding
    sum_tolerance: float = 0.011  # R2
    amount_tolerance: float = 0.01  # R4, in the form's unit
    score_tolerance: float = 0.011  # R13: closer than this is exact
    score_rounding_slack: float = 0.5  # R13: units that round scores to integer or half points
    tier_achieved: float = 0.8  # R16: 达成 scores at least this share of the weight
    tier_partial: float = 0.6  # R16: 部分达成 at least this share
    overshoot_ratio: float = 1.3  # R19
    overshoot_deduction: float = 0  # variant: points taken off when actual ≥ overshoot_ratio × target
    execution_cap: list[CapBand] = Field(default_factory=list)  # variant: total capped by execution rate


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    title: str
    description: str
    sources: list[str] = Field(default_factory=list)
    extends: str | None = None
    scoring: Scoring = Field(default_factory=Scoring)
    grades: list[GradeBand]
    grade_aliases: dict[str, str] = Field(default_factory=dict)
    severity: dict[str, SeverityName] = Field(default_factory=dict)  # rule code → severity override
    params: dict[str, dict[str, Any]] = Field(default_factory=dict)  # rule code → parameter overrides

    def severity_of(self, code: str, default: str) -> str:
        """A rule's severity under this profile: its override, or the rule's own default."""
        return self.severity.get(code, default)

    def grade_of(self, total: float) -> str:
        """The grade a total earns under this profile's bands (highest band first)."""
        for band in sorted(self.grades, key=lambda b: b.min, reverse=True):
            if total > band.min or (band.inclusive and total >= band.min):
                return band.label
        return self.grades[-1].label

    def normal_grade(self, label: str) -> str | None:
        """A printed grade label in its standard form (优秀 → 优), or None when it is not a known grade."""
        label = fold(label)  # 優秀 → 优秀, as the reader folds labels
        known = {b.label for b in self.grades}
        label = self.grade_aliases.get(label, label)
        return label if label in known else None


class ProfileError(ValueError):
    """A profile that does not exist or does not validate (message in Chinese)."""


DEFAULT_PROFILE = "national"


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        merged[key] = _merge(merged[key], value) if isinstance(value, dict) and isinstance(
            merged.get(key), dict) else value
    return merged


def _profiles_dir():
    return resources.files("jixiao.check").joinpath("profiles")


def profile_names() -> list[str]:
    return sorted(p.name.removesuffix(".toml") for p in _profiles_dir().iterdir() if p.name.endswith(".toml"))


def _raw(name: str, seen: tuple[str, ...] = ()) -> dict[str, Any]:
    if name in seen:
        raise ProfileError(f"配置 {name} 循环继承：{' → '.join((*seen, name))}")
    path = _profiles_dir().joinpath(f"{name}.toml")
    if not path.is_file():
        raise ProfileError(f"没有名为 {name} 的评分配置；可用的配置：{'、'.join(profile_names())}")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"配置文件 {name}.toml 格式错误：{exc}") from exc
    parent = data.get("extends")
    if parent:
        base = _raw(parent, (*seen, name))
        # what the child is, it says itself; what it inherits are the tables
        base = {k: v for k, v in base.items() if k not in ("name", "title", "description", "sources", "extends")}
        data = _merge(base, data)
    return data


@cache
def load_profile(name: str = DEFAULT_PROFILE) -> Profile:
    """A shipped profile by name, with what it extends merged in."""
    data = _raw(name)
    try:
        return Profile.model_validate(data)
    except ValueError as exc:
        raise ProfileError(f"配置 {name} 无效：{exc}") from exc
