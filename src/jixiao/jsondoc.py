"""A JSON document written in pieces: the command prints one valid document (as `json.dumps(..., indent=2)` would),
while the items of its long list are made and written one at a time instead of being held in memory."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def write_document(write: Callable[[str], Any], head: dict[str, Any], key: str, items: Iterable[Any],
                   tail: Callable[[], dict[str, Any]]) -> None:
    """Write `{**head, key: [*items], **tail()}` followed by a line end, byte for byte as `json.dumps` with
    `indent=2` and `ensure_ascii=False` writes it; `tail` is called after the last item (it may count them)."""
    opening = _dumps({**head, key: []})
    write(opening.removesuffix("[]\n}") + "[")
    first = True
    for item in items:
        write(("\n    " if first else ",\n    ") + _dumps(item).replace("\n", "\n    "))
        first = False
    write("]" if first else "\n  ]")
    rest = _dumps(tail())
    write("\n}\n" if rest == "{}" else "," + rest[1:] + "\n")
