"""Peak memory of `jixiao check` (and `jixiao parse`) over N generated forms: is it flat in the number of files?

Generates N forms with bench/generate.py (documents of about a dozen forms each) unless DIR already holds them,
then runs each command once in a subprocess and reports its peak resident set size (`wait4`'s ru_maxrss) and
time. Figures are in docs/hardening.md.

usage: python bench/memory.py N [--dir DIR] [--commands "check -f json,check,parse -f json"]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def peak(args: list[str]) -> tuple[float, float, int]:
    """(peak RSS in MiB, seconds, exit code) of `jixiao ARGS`, its output thrown away."""
    began = time.monotonic()
    child = subprocess.Popen([sys.executable, "-m", "jixiao", *args], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    _, status, usage = os.wait4(child.pid, 0)
    return usage.ru_maxrss / 1024, time.monotonic() - began, os.waitstatus_to_exitcode(status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--dir", type=Path)
    parser.add_argument("--commands", default="check -f json,check,parse -f json")
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="jixiao-memory-"))
    if not any(folder.rglob("*.txt")):
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), str(folder), str(args.n)], check=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    files = sum(1 for _ in folder.rglob("*.txt"))
    print(f"{args.n} forms in {files} files ({folder})")
    for command in args.commands.split(","):
        mib, seconds, code = peak([*command.split(), str(folder)])
        print(f"jixiao {command} DIR: peak RSS {mib:,.0f} MiB, {seconds:.0f} s, exit {code}")


if __name__ == "__main__":
    main()
