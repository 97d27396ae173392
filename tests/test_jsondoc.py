"""The streamed JSON document is byte for byte what json.dumps writes: `jixiao parse -f json` stays one valid
document while its forms are written one at a time."""

from __future__ import annotations

import json

import pytest

from jixiao.jsondoc import write_document


@pytest.mark.parametrize(("head", "items", "tail"), [
    ({"profile": "national"}, [{"a": [1, {"b": "中\n文"}]}, [], {}, None, "x"], {"summary": {"n": 1}, "errors": []}),
    ({}, [], {}),
    ({}, [1], {"x": 1}),
    ({"p": 1}, [], {"errors": [1, 2]}),
])
def test_same_as_json_dumps(head, items, tail):
    pieces: list[str] = []
    write_document(pieces.append, head, "forms", iter(items), lambda: tail)
    assert "".join(pieces) == json.dumps({**head, "forms": items, **tail}, ensure_ascii=False, indent=2) + "\n"
    assert len(pieces) >= len(items)  # one write per item at least: nothing is held back
