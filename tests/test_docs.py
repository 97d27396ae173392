"""Every read warning is documented, and the generated rule and profile docs are current."""

from __future__ import annotations

from jixiao.assemble.notes import READ_WARNINGS
from tests.conftest import ROOT


def test_every_read_warning_is_in_the_docs():
    doc = (ROOT / "docs" / "record.md").read_text(encoding="utf-8")
    for code, meaning in READ_WARNINGS.items():
        assert f"| `{code}` | {meaning} |" in doc


def test_generated_rule_and_profile_docs_are_current():
    from jixiao.check.docs import profiles_markdown, rules_markdown, summary_table

    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown(), \
        "regenerate: jixiao rules --format markdown > docs/rules.md"
    assert (ROOT / "docs" / "profiles.md").read_text(encoding="utf-8") == profiles_markdown(), \
        "regenerate: jixiao profiles --format markdown > docs/profiles.md"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- rules:start -->\n", 1)[1].split("<!-- rules:end -->", 1)[0]
    assert block == summary_table(), "regenerate the README rule table with jixiao.check.docs.summary_table()"
