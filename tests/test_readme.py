"""The README's two commands stay true: CI runs the README's test command, the samples ship."""

from __future__ import annotations

import re

from tests.conftest import EXAMPLES, ROOT


def commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```(?:bash|sh)\n(.+?)\n```", readme, flags=re.S)


def test_ci_runs_the_readme_test_command():
    test_command = next(c for c in commands() if "pytest" in c)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command.replace("pip install -e", "pip install -q -e") in ci


def test_main_command_uses_shipped_samples():
    main = commands()[0]
    assert "jixiao" in main and "examples" in main
    assert len(list(EXAMPLES.glob("*.txt"))) == 5
