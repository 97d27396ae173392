"""A table (rows of cell texts) written as text in the common layouts, for tests that build their own forms."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

Rows = list[list[str]]

TABLE_LAYOUTS: dict[str, Callable[[Rows], str]] = {
    "tab": lambda rows: "\n".join("\t".join(r) for r in rows),
    "pipe": lambda rows: "\n".join("| " + " | ".join(r) + " |" for r in rows),
    "html": lambda rows: "<table>" + "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>"
                                             for r in rows) + "</table>",
    "cell_lines": lambda rows: "\n".join(c for r in rows for c in r),
    "blank_separated": lambda rows: "\n\n".join(c for r in rows for c in r if c),
    "space_rows": lambda rows: "\n".join("  ".join(c for c in r if c) for r in rows),
}
