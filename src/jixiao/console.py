"""Terminal plumbing shared by the command modules: exit codes, the stderr console, progress bars, and text from
documents made safe to print.

Document text is a stranger's: printed raw, an escape sequence in a 项目名称 could retitle the window, clear the
screen or write the clipboard (OSC 52), and "[/red]" would be taken for Rich markup (and stop the output). So
text from a document, a file name or the user goes out through `clean` (control characters removed) and as
`rich.text.Text` or `escape`d, never as markup.
"""

from __future__ import annotations

import re

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report it


# C0 controls but tab and newline, DEL, C1 controls (0x9b is a one-byte CSI), and the bidi overrides that make
# text print in another order than it is stored
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """`text` without control characters: nothing in it can move the cursor, set a title or reach the clipboard."""
    return _CONTROL.sub("", text)


def plain(text: str | None, empty: str = "—") -> Text:
    """Document text for a table cell or a line: cleaned, and never read as markup (`empty` when there is none)."""
    return Text(clean(text) if text else empty)


def say(console: Console, text: str, style: str = "") -> None:
    """Print a line holding file names or document text: cleaned, not markup."""
    console.print(Text(clean(text), style=style))


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def progress_bar(verb: str, console: Console) -> Progress:
    """A transient bar: `verb`, bar, done/total, time left, and the item at hand as the task description."""
    columns = (TextColumn(verb), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
               _Description())
    return Progress(*columns, console=console, transient=True)


class _Description(ProgressColumn):
    """The item at hand (a file name), cleaned and not markup: a progress bar prints it over and over."""

    def render(self, task: Task) -> Text:
        return Text(clean(str(task.description)))


def error(console: Console, message: str, where: str | None = None) -> None:
    """错误 [where]：message — the texts as given, cleaned (a file name or message with [brackets] is not markup)."""
    place = f" {escape(clean(where))}" if where else ""
    console.print(f"[red]错误[/red]{place}：{escape(clean(message))}")
