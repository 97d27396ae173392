"""Every read warning the parser can give is documented."""

from __future__ import annotations

from jixiao.assemble.notes import READ_WARNINGS
from tests.conftest import ROOT


def test_every_read_warning_is_in_the_docs():
    doc = (ROOT / "docs" / "record.md").read_text(encoding="utf-8")
    for code, meaning in READ_WARNINGS.items():
        assert f"| `{code}` | {meaning} |" in doc
