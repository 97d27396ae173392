"""Terminal plumbing shared by the command modules: exit codes, the stderr console and progress bars."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report it


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def progress_bar(verb: str, console: Console) -> Progress:
    """A transient bar: `verb`, bar, done/total, time left, and the item at hand as the task description."""
    columns = (TextColumn(verb), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
               TextColumn("{task.description}"))
    return Progress(*columns, console=console, transient=True)


def error(console: Console, message: str, where: str | None = None) -> None:
    """错误 [where]：message — the texts as given (a file name or message with [brackets] is not markup)."""
    place = f" {escape(where)}" if where else ""
    console.print(f"[red]错误[/red]{place}：{escape(message)}")
