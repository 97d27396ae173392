"""What the assembler gathers besides values: warnings and the source line of every field."""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.assemble.notes import READ_WARNINGS
from jixiao.model import ReadWarning


@dataclass
class Context:
    file: str
    layout: str
    warnings: list[ReadWarning] = field(default_factory=list)
    fields: dict[str, int] = field(default_factory=dict)

    def warn(self, code: str, message: str, path: str | None = None, line: int | None = None) -> None:
        assert code in READ_WARNINGS, f"undocumented read warning {code}"
        self.warnings.append(ReadWarning(code=code, message=message, path=path, line=line))

    def at(self, path: str, line: int | None) -> None:
        if line is not None:
            self.fields.setdefault(path, line)
