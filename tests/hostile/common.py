"""Running the CLI as a user does — in this process, or in a subprocess under resource limits — and hostile
inputs to feed it."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLES

GOOD_TEXT = EXAMPLES / "000_cf1bceb3fa2c9cc3.txt"
CPU_SECONDS = 120  # a hang becomes a killed process, not a stuck test


def run(*args: str, fsize: int | None = None, isolated: bool = False) -> subprocess.CompletedProcess:
    """`jixiao args…`. In this process (an exception that escapes the command fails the test with its traceback)
    unless `isolated` or `fsize` is given: then in a subprocess under a CPU limit, writing files of at most `fsize`
    bytes (RLIMIT_FSIZE: a full disk)."""
    if fsize is None and not isolated:
        from typer.testing import CliRunner

        from jixiao.cli import app

        result = CliRunner().invoke(app, list(args))  # no env: CliRunner would not restore COLUMNS as it was
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
        if fsize is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    return subprocess.run([sys.executable, "-m", "jixiao", *args], capture_output=True, text=True,
                          preexec_fn=limits, env={**os.environ, "COLUMNS": "200"})


def good_record() -> dict:
    """One valid interchange record (the first form of the first sample)."""
    import jixiao

    return jixiao.parse(GOOD_TEXT)[0].record()


def write_json(path: Path, value: object) -> Path:
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    return path


def strict_json(text: str) -> dict:
    """JSON as a strict parser reads it: NaN and Infinity are errors."""
    def refuse(constant: str) -> None:
        raise ValueError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


def no_traceback(result: subprocess.CompletedProcess) -> bool:
    return "Traceback" not in result.stderr and "Traceback" not in result.stdout
