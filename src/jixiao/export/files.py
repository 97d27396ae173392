"""What every writer of export files shares: progress reporting and files that appear complete or not at all."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ProgressFn = Callable[[int, int], None]


class Progress:
    """Counts rows written against a total known up front and reports them as `report(done, total)`."""

    def __init__(self, report: ProgressFn | None, total: int) -> None:
        self.report, self.total, self.done = report, total, 0

    def __call__(self, rows: int) -> None:
        self.done += rows
        if self.report and rows:
            self.report(min(self.done, self.total), self.total)

    def finish(self) -> None:
        if self.report:
            self.report(self.total, self.total)


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A path beside `path` to write to; renamed to `path` when the block ends without an error, else removed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    try:
        yield partial
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
