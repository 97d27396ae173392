"""The project file `jixiao.toml`: settings a team keeps beside its forms, found like ruff finds pyproject.toml —
in the working directory or the nearest parent that has one.

    [check]
    select = ["AR", "EX", "SC", "GR"]   # rule codes or prefixes (ALL: every rule); a string "AR, EX" works too
    ignore = ["SC10", "DS07"]
    level = "warning"                   # what the terminal shows: error / warning / info (错误 / 警告 / 提示)
    profile = "shanghai"                # the scoring profile (jixiao profiles lists them)

Options given on the command line override the file (see `jixiao.check.select` for how select and ignore combine).
`jixiao check` and `jixiao ingest` honour the table (ingest all but `level`: the corpus keeps every severity);
`report` and `export` show what the corpus holds. The CLI and (later) the web app call `load_config` and
`selection_for`, so both read the file the same way.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jixiao.check.findings import Severity
from jixiao.check.select import DEFAULT_LEVEL, Selection, SelectionError, parse_codes
from jixiao.errors import InputError

CONFIG_NAME = "jixiao.toml"
CHECK_KEYS = ("select", "ignore", "level", "profile")
LEVEL_WORDS = {"error": Severity.error, "warning": Severity.warning, "info": Severity.info,
               "错误": Severity.error, "警告": Severity.warning, "提示": Severity.info}


@dataclass(frozen=True)
class CheckConfig:
    """The `[check]` table; None where the file says nothing."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    level: Severity | None = None
    profile: str | None = None


@dataclass(frozen=True)
class ProjectConfig:
    """The settings in force and the file they came from (None: no file, every default)."""

    path: Path | None = None
    check: CheckConfig = field(default_factory=CheckConfig)


def find_config(start: Path | None = None) -> Path | None:
    """The nearest `jixiao.toml` in `start` (default: the working directory) or its parents."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_config(path: Path | None = None, *, start: Path | None = None) -> ProjectConfig:
    """The settings of `path`, or of the file `find_config(start)` finds, or the defaults when there is none.
    Raises InputError (Chinese, naming the file and the key) when the file cannot be read or holds a wrong value."""
    found = path if path is not None else find_config(start)
    if found is None:
        return ProjectConfig()
    name = str(found)
    try:
        data = tomllib.loads(found.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise InputError(name, f"无法读取配置文件：{exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InputError(name, "配置文件应为 UTF-8 编码的 TOML") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(name, f"配置文件不是有效的 TOML：{exc}") from None
    unknown = [key for key in data if key != "check"]
    if unknown:
        raise InputError(name, f"配置文件中有不认识的项 {'、'.join(unknown)}（目前只有 [check] 表）")
    table = data.get("check", {})
    if not isinstance(table, dict):
        raise InputError(name, "check 应为一个表：[check]")
    return ProjectConfig(found, _check(name, table))


def _check(name: str, table: dict) -> CheckConfig:
    unknown = [key for key in table if key not in CHECK_KEYS]
    if unknown:
        raise InputError(name, f"[check] 中有不认识的项 {'、'.join(unknown)}（可用的项：{'、'.join(CHECK_KEYS)}）")
    try:
        select = parse_codes(table["select"], where="[check] select") if "select" in table else None
        ignore = parse_codes(table.get("ignore"), where="[check] ignore")
    except SelectionError as exc:
        raise InputError(name, str(exc)) from None
    level = table.get("level")
    if level is not None:
        if not isinstance(level, str) or level.strip().lower() not in LEVEL_WORDS:
            raise InputError(name, f"[check] level 应为 error、warning 或 info（错误、警告、提示），而不是 {level!r}")
        level = LEVEL_WORDS[level.strip().lower()]
    profile = table.get("profile")
    if profile is not None and (not isinstance(profile, str) or not profile.strip()):
        raise InputError(name, f"[check] profile 应为评分配置的名称（jixiao profiles 列出全部），而不是 {profile!r}")
    return CheckConfig(select=select, ignore=ignore, level=level, profile=profile.strip() if profile else None)


def selection_for(config: CheckConfig, *, select: Sequence[str] | None = None, ignore: Sequence[str] = (),
                  level: Severity | None = None) -> Selection:
    """The selection in force: the file's layer, then the command line's (`select` None: not given there), and the
    level the command line gives, else the file's, else warnings and errors."""
    layers = [(config.select, config.ignore), (None if select is None else tuple(select), tuple(ignore))]
    return Selection.layered(layers, level or config.level or DEFAULT_LEVEL)
