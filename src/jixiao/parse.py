"""Parsing service: paths in, forms and per-file errors out. The CLI, the Python API and (later) the
web app all call this, so a document is read the same way everywhere."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from jixiao.assemble import Reading, read_document
from jixiao.assemble.context import Context
from jixiao.assemble.stream import Fragment
from jixiao.errors import InputError
from jixiao.model import Confidence, Form, ReadWarning
from jixiao.read import read_path
from jixiao.read.text import read_text
from jixiao.read.tokens import Notice


def explain_record(file: str, index: int, trace: Context) -> dict:
    """The trace of one form's reading as plain data (`jixiao parse --explain --format json`)."""
    return {
        "file": file, "form_index": index,
        "sections": [{"section": kind, "first_line": first, "last_line": last} for kind, first, last in trace.sections],
        "choices": [{"what": c.what, "line": c.line, "chosen": c.chosen, "score": c.score,
                     "alternatives": [{"reading": what, "score": score} for what, score in c.alternatives]}
                    for c in trace.choices],
    }


@dataclass
class FileResult:
    file: str
    forms: list[Form] = field(default_factory=list)
    error: InputError | None = None
    fragments: list[Fragment] = field(default_factory=list)  # tails of forms whose head is not in the file
    reading: Reading | None = None  # with the trace of choices, when asked for (--explain)


def iter_files(paths: list[Path]) -> Iterator[Path]:
    """Files named directly, and the files below named directories (sorted; hidden ones skipped). A directory that
    cannot be listed is yielded itself, so that reading it reports why instead of skipping it silently."""
    for path in paths:
        if _is_dir(path):
            unreadable: list[OSError] = []
            for root, dirs, files in os.walk(path, onerror=unreadable.append):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield Path(root) / name
            for error in unreadable:
                yield Path(error.filename)
        else:
            yield path


def _is_dir(path: Path) -> bool:
    """Whether `path` is a directory; False when it cannot even be looked at (reading it then says why)."""
    try:
        return path.is_dir()
    except OSError:
        return False


_REASONS = {errno.ENAMETOOLONG: "路径过长（超过系统允许的长度）", errno.ELOOP: "符号链接循环（链接指向自身）",
            errno.EIO: "读写错误（磁盘或文件系统故障）", errno.ENOTDIR: "路径中的某一级不是目录",
            errno.ENXIO: "设备不存在或不可用"}


def os_reason(exc: OSError) -> str:
    """Why the system refused a file, in Chinese."""
    if isinstance(exc, FileNotFoundError):
        return "文件不存在"
    if isinstance(exc, PermissionError):
        return "没有读取权限"
    if isinstance(exc, IsADirectoryError):
        return "这是一个目录，不是文件"
    return _REASONS.get(exc.errno or 0) or exc.strerror or type(exc).__name__


def attach_notices(forms: list[Form], notices: list[Notice]) -> None:
    """The reader's warnings (P050) on the forms: one at a line on the form holding that line, any other on
    every form of the file."""
    for form in forms:
        holds = [n for n in notices
                 if n.line is None or _holds(form, n.line) or not any(_holds(other, n.line) for other in forms)]
        form.warnings[:0] = [ReadWarning(code="P050", message=n.message, line=n.line) for n in holds]


def attach_read_confidence(forms: list[Form], rows: dict[int, float]) -> None:
    """A field read from a row the reader was unsure of (OCR: the row's least sure cell) is no surer than that."""
    for form in forms:
        source = form.source
        if not rows or source is None:
            continue
        for path, line in source.fields.items():
            if line in rows:
                source.confidence[path] = min(source.confidence.get(path, 1.0), rows[line])
        form.confidence = Confidence.of(source.confidence)


def _holds(form: Form, line: int) -> bool:
    source = form.source
    return bool(source and source.first_line is not None and source.last_line is not None
                and source.first_line <= line <= source.last_line)


def parse_file(path: Path, explain: bool = False) -> FileResult:
    """Read one document; never raises: a document that cannot be read gives an error naming why."""
    name = str(path)
    if _is_dir(path):
        try:
            os.scandir(path).close()
        except OSError as exc:
            return FileResult(name, error=InputError(name, f"无法读取目录：{os_reason(exc)}，其中的文件未读取"))
        return FileResult(name, error=InputError(name, "这是一个目录，不是文件"))
    try:
        doc = read_path(path, name)
    except InputError as exc:
        return FileResult(name, error=exc)
    except OSError as exc:
        return FileResult(name, error=InputError(name, f"无法读取文件：{os_reason(exc)}"))
    except Exception as exc:  # noqa: BLE001 - a file that breaks a reader's library must not cost the batch
        message = f"读取时发生内部错误（{type(exc).__name__}: {exc}），文件可能已损坏；请报告此问题"
        return FileResult(name, error=InputError(name, message))
    if not doc:
        return FileResult(name, error=InputError(name, "文件为空：没有可读的文字"))
    try:
        reading = read_document(doc, explain=explain)
    except Exception as exc:  # noqa: BLE001 - a reading bug must not cost the user the other files
        message = f"解析时发生内部错误（{type(exc).__name__}: {exc}），请报告此问题"
        return FileResult(name, error=InputError(name, message))
    attach_notices(reading.forms, doc.warnings)
    attach_read_confidence(reading.forms, doc.confidence)
    result = FileResult(name, forms=reading.forms, fragments=reading.fragments,
                        reading=reading if explain else None)
    others = list(dict.fromkeys(fr.title for fr in reading.fragments if fr.title and not fr.empty))
    empty = next((fr for fr in reading.fragments if fr.empty), None)
    if not reading.forms and empty and not others:
        result.error = InputError(name, f"未找到绩效自评表：第 {empty.first_line} 行的标题“{empty.title}”之后"
                                        f"没有表格内容（项目名称、项目资金、绩效指标）", empty.first_line)
    elif not reading.forms and others:
        result.error = InputError(name, f"未找到项目支出绩效自评表：文件中只有“{'”“'.join(others[:3])}”"
                                        f"{'等' if len(others) > 3 else ''}，不是项目支出绩效自评表")
    elif not reading.forms:
        # (what the reader left unread may be why: a form in a picture, without the OCR extra)
        unread = "；".join(dict.fromkeys(n.message for n in doc.warnings))
        result.error = InputError(name, "未找到绩效自评表：文件中没有“……绩效自评表”标题，也没有“项目名称”行"
                                        + (f"。读取提示：{unread}" if unread else ""))
    return result


def parse_text(text: str, file: str = "<text>") -> list[Form]:
    """Forms in a text (Python API); an empty list when there is none."""
    return read_document(read_text(text, file)).forms


def parse(path: str | Path) -> list[Form]:
    """Forms in one document (Python API); raises InputError when it cannot be read or holds no form."""
    result = parse_file(Path(path))
    if result.error:
        raise result.error
    return result.forms
