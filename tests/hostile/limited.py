"""Running the CLI as a stranger's file would make it run: in a subprocess, under a memory (address space) and
CPU limit, optionally as an unprivileged user (root reads every file, so permission cases need another user).
A case that would hang or blow up fails by the limit, not by a wall clock."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

import jixiao
from tests.conftest import SEEDS

SAMPLE = SEEDS[3]  # 003: six forms, tab-separated
SAMPLE_FORMS = 6
GiB = 1 << 30
HANG = 300
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
# root reads every file: permission cases run without the capabilities that let it (util-linux setpriv)
AS_USER = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
CAN_LOCK = hasattr(os, "geteuid") and (not IS_ROOT or shutil.which("setpriv") is not None)
SRC = str(Path(jixiao.__file__).resolve().parent.parent)


def _limits(memory: int, cpu: int) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    return apply


def run(*args: str, memory: int = 2 * GiB, cpu: int = 60, unprivileged: bool = False,
        env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """`jixiao ARGS` under the limits; a child killed by a limit has a negative return code (SIGKILL/SIGXCPU).
    A process blocked without using CPU (a read that never returns) is stopped after HANG seconds: a safety net
    that fails the test, not a measure of speed."""
    environment = {**os.environ, "PYTHONPATH": SRC, **(env or {})}
    try:
        return subprocess.run([*(AS_USER if unprivileged and IS_ROOT else []), sys.executable, "-m", "jixiao", *args],
                              capture_output=True, text=True, preexec_fn=_limits(memory, cpu), stdin=subprocess.DEVNULL,
                              env=environment, cwd=cwd, check=False, timeout=HANG)
    except subprocess.TimeoutExpired:
        pytest.fail(f"jixiao {' '.join(args)} hung (blocked for {HANG} s)")


def shared_dir() -> Path:
    """A temporary directory every user may enter (pytest's tmp_path is root's own when run as root)."""
    path = Path(tempfile.mkdtemp(prefix="jixiao-hostile-"))
    path.chmod(0o755)
    return path


def good_file(folder: Path, name: str = "good.txt") -> Path:
    path = folder / name
    path.write_bytes(SAMPLE.read_bytes())
    path.chmod(0o644)
    return path


def parsed(result: subprocess.CompletedProcess) -> dict:
    """The JSON document of `parse -f json` (it must be one valid document whatever went wrong)."""
    return json.loads(result.stdout)


def clean(result: subprocess.CompletedProcess) -> None:
    """No traceback, no English usage error, and the process was not killed by a limit."""
    assert result.returncode >= 0, f"killed by signal {-result.returncode}: {result.stderr[-2000:]}"
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert "Error:" not in result.stderr and "Usage:" not in result.stderr, result.stderr
