"""Errors the user sees: each names the file, the place and what was expected, in Chinese."""

from __future__ import annotations


class InputError(Exception):
    """A document that cannot be read at all (unreadable, binary, no form in it)."""

    def __init__(self, file: str, message: str, line: int | None = None) -> None:
        self.file = file
        self.message = message
        self.line = line
        super().__init__(f"{file}: {message}")

    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file
