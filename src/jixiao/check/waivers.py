"""Waiver files: a reviewer's suppressions for forms read from documents, which cannot carry them in a record.

    [[waiver]]
    project = "综合部门重点工作"      # which forms: project name, and/or file (name or path) and form (index in file)
    code = "AR04"
    reason = "原表如此，已与单位核实"
    path = "funds.total.annual_budget"  # optional: only this finding
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import ConfigDict, Field, ValidationError

from jixiao.errors import InputError
from jixiao.messages import place, validation_message
from jixiao.model import Form, Waiver


class ScopedWaiver(Waiver):
    """A waiver and the forms it applies to (every given selector must match)."""

    model_config = ConfigDict(extra="forbid")

    project: str | None = None
    file: str | None = None
    form: int | None = Field(default=None, ge=0)

    def applies_to(self, form: Form) -> bool:
        src = form.source
        if self.project is not None and form.project_name != self.project:
            return False
        if self.file is not None and (src is None or not (src.file == self.file or Path(src.file).name == self.file)):
            return False
        return self.form is None or (src is not None and src.form_index == self.form)


def load_waivers(path: Path) -> list[ScopedWaiver]:
    """The waivers of a TOML file; raises InputError naming the entry that is wrong."""
    name = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(name, f"无法读取豁免文件：{exc.strerror or exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(name, f"豁免文件不是有效的 TOML：{exc}") from exc
    waivers = []
    for i, entry in enumerate(data.get("waiver", [])):
        try:
            waivers.append(ScopedWaiver.model_validate(entry))
        except ValidationError as exc:
            first = exc.errors()[0]
            raise InputError(name, f"第 {i + 1} 条豁免（[[waiver]]）的 {place(first['loc'])} 不对："
                                   f"{validation_message(first)}；每条须有 code 和 reason") from exc
    return waivers


def attach(form: Form, waivers: list[ScopedWaiver]) -> Form:
    """The form with the file's waivers that apply to it added to its own."""
    extra = [Waiver(code=w.code, reason=w.reason, path=w.path) for w in waivers if w.applies_to(form)]
    return form.model_copy(update={"waivers": [*form.waivers, *extra]}) if extra else form
