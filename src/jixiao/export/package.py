"""The .xlsx package (a zip) of a workbook whose data sheets are streamed, with what openpyxl writes around them.

Data sheets become the parts sheet2.xml, sheet3.xml, … in the order they are written (sheet1 is openpyxl's first
sheet); a table longer than a sheet continues on "…（续1）" and so on. The zip is written and compressed on a thread
of its own (zlib releases the GIL) while the next rows are read and rendered. A table can also be rendered by
another process (`render_to_files`, run by `Forked`) into compressed temporary files and copied in when its turn
comes, which puts a second core to work on a large corpus.
"""

from __future__ import annotations

import gzip
import signal
import zipfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, field
from io import BytesIO
from itertools import chain, groupby
from multiprocessing import get_context
from multiprocessing.connection import Connection
from operator import itemgetter
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import Engine

from jixiao.export import sheet
from jixiao.export.tables import TABLES, Column, Kind
from jixiao.store.query import Filter

COMPRESSION = 1  # zlib level: several times faster than the default 6 on these sheets; the file is a third larger
SAMPLE_ROWS = 200  # rows a sheet's column widths are fitted to
BLOCK = 1 << 20  # bytes copied at a time from a temporary file
Piece = tuple[int, bytes, int]  # the table's sheet (0, 1, …), the XML of some of its rows, how many rows


@dataclass(frozen=True)
class Styles:
    """cellXfs indexes (as openpyxl registered them) of the header cells and of each kind's number format."""

    header: int
    kinds: dict[Kind, int] = field(default_factory=dict)


def _nothing(rows: int) -> None:
    pass


def pieces(columns: Sequence[Column], chunks: Iterable[Sequence[Sequence]], styles: Styles
           ) -> tuple[list[float], Iterator[Piece]]:
    """Column widths fitted to the first rows, and the rows rendered, a sheet taking at most MAX_ROWS - 1."""
    chunks = iter(chunks)
    first = next(chunks, [])
    widths = sheet.column_widths([c.header for c in columns], first[:SAMPLE_ROWS])
    rows = sheet.RowFormat([styles.kinds.get(c.kind, 0) for c in columns], [c.kind is not Kind.text for c in columns])

    def render() -> Iterator[Piece]:
        capacity, index, filled = sheet.MAX_ROWS - 1, 0, 0
        for chunk in chain([first], chunks):
            while chunk:
                if filled == capacity:
                    index, filled = index + 1, 0
                taken = chunk[:capacity - filled]
                chunk = chunk[len(taken):]
                filled += len(taken)
                yield index, rows.render(taken), len(taken)

    return widths, render()


@dataclass
class Part:
    title: str
    name: str  # its path in the package
    columns: int
    landscape: bool = True
    rows: int = 0


class _Background:
    """Runs calls in order on a thread of its own, with at most `depth` waiting."""

    def __init__(self, depth: int = 8) -> None:
        self._pool = ThreadPoolExecutor(1)
        self._pending: deque[Future] = deque()
        self._depth = depth

    def __call__(self, call: Callable[..., object], *args: object) -> None:
        self._pending.append(self._pool.submit(call, *args))
        while len(self._pending) > self._depth:
            self._pending.popleft().result()

    def finish(self) -> None:
        """Wait for every call (raising the first failure), then stop the thread."""
        try:
            while self._pending:
                self._pending.popleft().result()
        finally:
            self._pool.shutdown(cancel_futures=True)


class Package:
    """The zip being written. Between `write` calls it is touched only by the background thread; `close` adds
    the workbook openpyxl writes (minus its empty stand-ins for the streamed sheets) and closes it."""

    def __init__(self, path: Path, styles: Styles) -> None:
        self.zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESSION)
        self.styles = styles
        self.parts: list[Part] = []
        self._background = _Background()
        self._entry = None

    def write(self, title: str, columns: Sequence[Column], widths: list[float], rendered: Iterable[Piece],
              advance: Callable[[int], None] = _nothing) -> None:
        """Write a table as `title`, `title`（续1）, …: its header row, then the `rendered` rows."""
        header = sheet.RowFormat([self.styles.header] * len(columns), [False] * len(columns))
        top = sheet.head(widths, header.render([[c.header for c in columns]]))
        wide = sheet.is_wide(widths)
        part, current = None, -1
        for index, data, rows in rendered:
            if index != current:
                if part is not None:
                    self._close(part)
                part = self._open(title if index == 0 else f"{title}（续{index}）", len(columns), top, wide)
                current = index
            self._background(self._write, data)
            part.rows += rows
            advance(rows)
        self._close(part or self._open(title, len(columns), top, wide))

    def close(self, book: Workbook) -> None:
        """Finish the streamed sheets and add `book`, which holds only the sheets before them (概览). On a failure
        here or before, call `abandon` instead."""
        self._background.finish()
        for part in self.parts:  # stand-ins: the name, the filter range and print titles the workbook's names hold
            stand_in = book.create_sheet(part.title)
            stand_in.auto_filter.ref = sheet.filter_ref(part.columns, part.rows)
            stand_in.print_title_rows = "1:1"  # the header row on every printed page
        frame = BytesIO()
        book.save(frame)
        streamed = {p.name for p in self.parts}
        with zipfile.ZipFile(frame) as source:
            for info in source.infolist():
                if info.filename not in streamed:
                    self.zip.writestr(info.filename, source.read(info))
        self.zip.close()

    def abandon(self) -> None:
        """Stop after a failure: let the thread end (what else failed there no longer matters), close the zip."""
        with suppress(Exception):
            self._background.finish()
        with suppress(Exception):
            if self._entry is not None:
                self._entry.close()
            self.zip.close()

    def _open(self, title: str, columns: int, top: bytes, landscape: bool) -> Part:
        part = Part(title, f"xl/worksheets/sheet{len(self.parts) + 2}.xml", columns, landscape)
        self.parts.append(part)
        self._background(self._start, part.name)
        self._background(self._write, top)
        return part

    def _close(self, part: Part) -> None:
        self._background(self._write, sheet.tail(part.columns, part.rows, part.landscape))
        self._background(self._end)

    def _start(self, name: str) -> None:
        self._entry = self.zip.open(name, "w", force_zip64=True)

    def _write(self, data: bytes) -> None:
        self._entry.write(data)

    def _end(self) -> None:
        self._entry.close()
        self._entry = None


def render_to_files(engine: Engine, table: str, flt: Filter, styles: Styles, directory: str
                    ) -> tuple[list[float], list[tuple[str, int]]]:
    """Render table `table` into gzip files in `directory`, one per sheet; return the column widths and
    (file, rows) per sheet, for `from_files`."""
    files: list[tuple[str, int]] = []
    with engine.connect() as conn:
        found = next(t for t in TABLES if t.name == table)
        widths, rendered = pieces(found.columns, found.chunks(conn, flt, labelled=True), styles)
        for index, group in groupby(rendered, key=itemgetter(0)):
            name, count = str(Path(directory) / f"{table}-{index}.xml.gz"), 0
            with gzip.open(name, "wb", compresslevel=1) as out:
                for _, data, rows in group:
                    out.write(data)
                    count += rows
            files.append((name, count))
    return widths, files


class Forked:
    """`call(*args)` in a forked process, its result sent back: a second core for work that holds the GIL.

    Start it before any thread of this process. The child may open its own connections but must not use the
    ones it inherited; it ends without running finalizers, so those stay intact for the parent.
    """

    def __init__(self, call: Callable[..., object], *args: object) -> None:
        context = get_context("fork")
        self._results, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_forked_main, args=(sender, call, args), daemon=True)
        self._process.start()
        sender.close()
        self._result: tuple[bool, object] | None = None

    def result(self) -> object:
        """What `call` returned (waiting for it); RuntimeError when it failed."""
        if self._result is None:
            try:
                self._result = self._results.recv()
            except EOFError:  # it ended without a word
                self._process.join()
                self._result = (False, f"生成工作簿的子进程意外退出（退出码 {self._process.exitcode}）")
            self._process.join()
        ok, value = self._result
        if not ok:
            raise RuntimeError(value)
        return value

    def stop(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
            self._process.join()


def _forked_main(sender: Connection, call: Callable[..., object], args: tuple) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops this process
    try:
        sender.send((True, call(*args)))
    except Exception as exc:  # reported to the parent, which raises it
        sender.send((False, f"{type(exc).__name__}: {exc}"))
    finally:
        sender.close()


def from_files(files: list[tuple[str, int]]) -> Iterator[Piece]:
    """The pieces `render_to_files` wrote (a sheet's row count comes with its first block)."""
    for index, (name, rows) in enumerate(files):
        with gzip.open(name, "rb") as f:
            count = rows
            while block := f.read(BLOCK):
                yield index, block, count
                count = 0
