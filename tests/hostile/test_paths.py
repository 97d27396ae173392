"""Bad-input catalogue, paths: what a command line or a directory of strangers' files can hold besides documents —
pipes, devices, sockets, link loops, names too long, files and folders without permission. Each run is the CLI in a
subprocess under memory and CPU limits (a hang or a blow-up fails by the limit), over all the cases at once beside
a good document: every case gets its Chinese message naming the file, the exit code is 2, the good one is read."""

from __future__ import annotations

import json
import os
import shutil
import socket
from pathlib import Path

import pytest

from tests.hostile.limited import CAN_LOCK, SAMPLE_FORMS, clean, good_file, run, shared_dir

LONG_DIRS = "/".join(["长" * 80] * 40)  # ~9,600 bytes: over PATH_MAX (4096)
LONG_NAME = "名" * 100 + ".txt"  # 300 bytes: over NAME_MAX (255)
NOT_REGULAR = "不是普通文件（可能是管道、设备或套接字）；未读取"


@pytest.fixture(scope="module")
def strange():
    """A folder with every kind of strange entry, and the strange paths to name beside it."""
    folder = shared_dir()
    good_file(folder)
    inside = folder / "inside"
    inside.mkdir()
    os.mkfifo(inside / "pipe.txt")
    os.mkfifo(inside / "pipe.docx")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(inside / "socket.txt"))
    (inside / "loop.txt").symlink_to(inside / "loop.txt")
    (inside / "gone.txt").symlink_to(inside / "missing-target.txt")
    (inside / "up").symlink_to(folder, target_is_directory=True)  # a directory loop: not followed
    (inside / "empty.txt").write_bytes(b"")
    (inside / "noise.bin").write_bytes(b"\x00\x01\x02" * 100)
    (inside / "notes.md").write_text("# 会议纪要\n无表格\n", encoding="utf-8")
    (inside / ".hidden.txt").write_text("skipped", encoding="utf-8")
    os.mkfifo(folder / "named-pipe.txt")
    named = {str(folder / "named-pipe.txt"): NOT_REGULAR, str(folder / LONG_DIRS / "form.txt"): "路径过长",
             str(folder / LONG_NAME): "路径过长", "/nonexistent/forms.txt": "无法读取文件：文件不存在"}
    named.update({device: NOT_REGULAR for device in ("/dev/zero", "/dev/urandom", "/dev/null")
                  if Path(device).exists()})
    found = {str(inside / name): message for name, message in (
        ("pipe.txt", NOT_REGULAR), ("pipe.docx", NOT_REGULAR), ("socket.txt", NOT_REGULAR),
        ("loop.txt", "符号链接循环"), ("gone.txt", "文件不存在"), ("empty.txt", "文件为空"),
        ("noise.bin", "不是文本文件"), ("notes.md", "未找到绩效自评表"))}
    yield folder, named, found
    server.close()
    shutil.rmtree(folder)


def _assert_each(result, errors: list[dict], expected: dict[str, str]) -> None:
    clean(result)
    assert result.returncode == 2
    messages = {e["file"]: e["message"] for e in errors}
    assert set(messages) == set(expected)
    for file, message in expected.items():
        assert message in messages[file], (file, messages[file])
        assert f"{file}：" in result.stderr


def test_parse_over_strange_paths(strange):
    folder, named, found = strange
    result = run("parse", *named, str(folder), "-f", "json", cpu=60)
    doc = json.loads(result.stdout)
    _assert_each(result, doc["errors"], named | found)
    assert len(doc["forms"]) == SAMPLE_FORMS


def test_check_over_strange_paths(strange):
    folder, named, found = strange
    result = run("check", *named, str(folder), "-f", "json", cpu=60)
    doc = json.loads(result.stdout)
    _assert_each(result, doc["errors"], named | found)
    assert doc["summary"]["forms"] == SAMPLE_FORMS


@pytest.mark.skipif(not CAN_LOCK, reason="needs POSIX permissions (and setpriv when run as root)")
@pytest.mark.parametrize("command", ["parse", "check"])
def test_unreadable_file_and_folder_do_not_stop_the_run(command):
    """A file named on the command line that cannot be read is one error, not a usage error ending the run; a
    folder below a named one that cannot be listed is reported, not skipped."""
    folder = shared_dir()
    try:
        good_file(folder)
        secret = good_file(folder, "secret.txt")
        secret.chmod(0)
        locked = folder / "locked"
        locked.mkdir()
        good_file(locked, "inside.txt")
        locked.chmod(0)
        result = run(command, str(secret), str(folder), "-f", "json", unprivileged=True)
        doc = json.loads(result.stdout)
        _assert_each(result, doc["errors"], {str(secret): "无法读取文件：没有读取权限",
                                             str(locked): "无法读取目录：没有读取权限，其中的文件未读取"})
        assert len(doc["forms"]) == SAMPLE_FORMS if command == "parse" else doc["summary"]["forms"] == SAMPLE_FORMS
    finally:
        locked.chmod(0o755)
        shutil.rmtree(folder)


def test_ingest_over_strange_paths(strange, tmp_path):
    """Ingest hashes a file before reading it: a pipe inside a folder is refused, not waited on, and a path too
    long to look at is a failure of its own; the good document is stored."""
    folder, _, _ = strange
    long_path = str(folder / LONG_DIRS / "form.txt")
    result = run("ingest", str(folder), long_path, "--db", f"sqlite:///{tmp_path / 'corpus.db'}", "--jobs", "1",
                 cpu=120)
    clean(result)
    assert f"失败 {folder / 'inside' / 'pipe.txt'}：{NOT_REGULAR}" in result.stderr
    assert "路径过长" in result.stderr and "Traceback" not in result.stderr
    assert "Traceback" not in result.stdout and f"新入库的自评表│{SAMPLE_FORMS}│" in result.stdout.replace(" ", "")
