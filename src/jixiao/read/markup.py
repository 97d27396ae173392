"""Markup inside a cell or a line of text: HTML paragraph tags and entities, inline LaTeX math, and the
backslash escapes of Markdown and LaTeX (`\\-`, `\\>=`, `7\\*24`, `\\[2021\\]`, `\\%`, as pandoc writes them), with
Markdown's hard line break (a backslash ending a line).

Shared by the text and HTML readers, so `$\\geq 90\\%$` reads as `≥90%` whatever file it came in.
"""

from __future__ import annotations

import html
import re

_PARA_BREAK = re.compile(r"</p>\s*<p[^>]*>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
MARKUP = re.compile(r"[<&$\\]")  # what `clean_markup` acts on
_MATH = re.compile(r"\$([^$\n]{1,200})\$")
_LATEX = {
    r"\geqslant": "≥", r"\leqslant": "≤", r"\geq": "≥", r"\leq": "≤", r"\ge": "≥", r"\le": "≤",
    r"\neq": "≠", r"\times": "×", r"\div": "÷", r"\pm": "±", r"\gt": ">", r"\lt": "<",
    r"\%": "%", r"\left": "", r"\right": "", r"\,": "", r"\;": "", r"\ ": "",
}
_LATEX_CMD = re.compile("|".join(re.escape(k) for k in sorted(_LATEX, key=len, reverse=True)))
_TEXT_CMD = re.compile(r"\\(?:text|mathrm|textrm|mathbf)\{([^{}]*)\}")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")  # a backslash before an ASCII sign: the sign itself
_HARD_BREAK = re.compile(r"\\$", re.MULTILINE)


def _math(match: re.Match[str]) -> str:
    body = _TEXT_CMD.sub(r"\1", match.group(1))
    body = _LATEX_CMD.sub(lambda m: _LATEX[m.group(0)], body)
    return re.sub(r"\s+", "", body.replace("{", "").replace("}", ""))


def clean_markup(text: str) -> str:
    """Resolve HTML paragraph tags, entities, inline LaTeX math and backslash escapes in one cell or line."""
    if "<" in text:
        text = _PARA_BREAK.sub("\n", text)
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    if "$" in text:
        text = _MATH.sub(_math, text)
    if "\\" in text:
        text = _HARD_BREAK.sub("", _ESCAPED.sub(r"\1", text))
    return text


def latex_math(text: str) -> str:
    """Only the inline math of a text ('$\\geq 90\\%$' → '≥90%')."""
    return _MATH.sub(_math, text) if "$" in text else text
