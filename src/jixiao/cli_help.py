"""The command line in Chinese: `--help` pages (usage, arguments, options, examples), usage lines, and the messages of
command-line mistakes (an unknown option, a missing argument, a bad choice), which typer and click word in English.

typer builds every command with `ChineseCommand` / `ChineseGroup` (passed as `cls`), whose help is rendered here;
`jixiao.cli.main` runs the app without click's own error handling and prints `usage_error` instead.
"""

from __future__ import annotations

import difflib
import inspect
import re
import shutil
import unicodedata
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import ValidationError
from typer._click import exceptions as errors
from typer._click.core import Command, Context
from typer._click.formatting import HelpFormatter
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from jixiao.messages import shown, validation_message

OPTIONS = "[选项]"
HELP_TEXT = "显示本帮助并退出"
PLACEHOLDER = {int: "数", float: "数", str: "文字", Path: "路径"}  # an option's value, by its type
MAX_WIDTH = 110

# Examples on every command's help page: (command line, what it does).
EXAMPLES: dict[str, list[tuple[str, str]]] = {
    "": [
        ("jixiao check examples/", "检查目录下的全部自评表，先列错误"),
        ("jixiao parse 表.pdf --format json -o 表.json", "把一份文档读成交换记录"),
        ("jixiao ingest examples/ && jixiao report -o report/", "建语料库并生成 HTML 报告和 Excel 工作簿"),
        ("jixiao 命令 --help", "查看一个命令的说明和示例"),
    ],
    "parse": [
        ("jixiao parse examples/004_6371f683518d7426.txt", "在终端显示每张表的摘要"),
        ("jixiao parse 表.pdf 表.docx --format json -o forms.json", "把文档读成交换记录（JSON）写入文件"),
        ("jixiao parse 表.pdf --explain", "同时显示每张表各部分所在的行和读取时所作的选择"),
    ],
    "check": [
        ("jixiao check examples/", "检查全部表：先列错误，再按文件和行号列警告，最后是风险最高的表"),
        ("jixiao check examples/ --level info", "列出全部问题，含提示"),
        ("jixiao check 表.pdf --select AR,EX --ignore EX03", "只看算术和预算执行类规则，去掉 EX03"),
        ("jixiao check forms.json --format json -o report.json", "检查交换记录，输出 JSON 报告"),
        ("jixiao check examples/001_b9ea70bf1d9aee39.txt --level error --explain", "只看错误，并显示重算过程"),
        ("jixiao check 表.xlsx --format grouped", "按表分组列出（以前的输出方式）"),
    ],
    "rules": [
        ("jixiao rules", "列出全部规则"),
        ("jixiao rules EX02", "解释一条规则：原因、不合格和合格示例、参数"),
        ("jixiao rules --profile strict", "按 strict 配置显示各规则的级别"),
    ],
    "profiles": [
        ("jixiao profiles", "列出评分配置及其来源"),
        ("jixiao profiles --format markdown", "以 Markdown 输出（docs/profiles.md）"),
    ],
    "schema": [
        ("jixiao schema > form.schema.json", "保存交换记录的 JSON Schema"),
    ],
    "ingest": [
        ("jixiao ingest examples/", "把目录下的文档读入 jixiao.db（再次运行会跳过未变的文件）"),
        ("jixiao ingest 文档/ --db postgresql://user:pw@host/db --jobs 4", "用 PostgreSQL、4 个进程导入"),
        ("jixiao ingest forms.json --profile shanghai", "导入交换记录，按上海配置检查"),
    ],
    "report": [
        ("jixiao report -o report/", "生成 report/jixiao-report.html 和 report/jixiao-report.xlsx"),
        ("jixiao report --year 2023 --department 上海市数据局", "只含 2023 年该部门的表"),
        ("jixiao report --rule RF07 -o rf07/", "只含有 RF07 问题的表"),
        ("jixiao report --department 上海市数据局 --docx -o 数据局/", "另写该部门的自评结果汇总分析报告草稿（Word）"),
    ],
    "worksheet": [
        ("jixiao worksheet examples/ -o 复核表.xlsx", "每张表一个工作表，另有“汇总”"),
        ("jixiao worksheet 表.pdf -o 复核表.docx", "Word 格式的复核表（.pdf 需要 LibreOffice）"),
        ("jixiao worksheet --year 2023 --rule EX02 -o 复核表.xlsx", "语料库中 2023 年有 EX02 问题的表"),
    ],
    "export": [
        ("jixiao export --format xlsx -o corpus.xlsx", "导出 Excel 工作簿"),
        ("jixiao export --format csv -o csv/ --year 2024", "把 2024 年的表导出为 CSV"),
        ("jixiao export --format json -o forms.json", "导出交换记录，可再用 jixiao check 检查"),
    ],
    "serve": [
        ("jixiao serve", "在 http://127.0.0.1:8000 启动网页和 API，使用 jixiao.db"),
        ("jixiao serve --host 0.0.0.0 --port 8080 --db postgresql://user:pw@host/db", "对局域网开放，用 PostgreSQL"),
    ],
    "user": [
        ("jixiao user add 管理员 --role admin", "建第一个管理员（两次输入密码）"),
    ],
    "user add": [
        ("jixiao user add 管理员 --role admin", "建第一个管理员（两次输入密码）"),
        ("jixiao user add 张三 --role filler --unit 上海市数据局", "建上海市数据局的填报人"),
        ("jixiao user add 李四 --role reviewer --unit 上海市数据局 --unit 上海市教育委员会", "建审核两个部门的审核人"),
        ("echo \"$PW\" | jixiao user add 王五 --role reviewer --password-stdin", "从标准输入读密码，审核全部部门"),
    ],
    "db": [
        ("jixiao db", "显示 jixiao.db 的位置、结构版本和行数"),
        ("jixiao db --db postgresql://user:pw@host/db", "查看 PostgreSQL 上的语料库"),
    ],
}


# ---------------------------------------------------------------- help pages

def _kind(param: TyperArgument | TyperOption) -> Any:
    """The Python type of a parameter's values (the element type of a list)."""
    annotation = param.type_descriptor.annotation
    if get_origin(annotation) is list:
        annotation = get_args(annotation)[0]
    return annotation


def _placeholder(param: TyperArgument | TyperOption) -> str:
    """What a user types for the parameter: its metavar, its choices, or a Chinese word for its type."""
    if param.metavar:
        return param.metavar
    kind = _kind(param)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return "|".join(str(member.value) for member in kind)
    return PLACEHOLDER.get(kind, "值")


def argument_name(param: TyperArgument) -> str:
    """An argument as the usage line shows it: PATH, [CODE] when optional, ... when it takes several."""
    name = param.metavar or (param.name or "").upper()
    name += "..." if param.nargs != 1 else ""
    return name if param.required else f"[{name}]"


def _option_names(param: TyperOption) -> str:
    names = sorted(param.opts, key=lambda o: (o.startswith("--"), o))
    return ", ".join(names)


def _option_label(param: TyperOption) -> str:
    label = _option_names(param)
    return label if param.is_flag else f"{label} {_placeholder(param)}"


def _default(param: TyperArgument | TyperOption) -> str | None:
    """The default as the help shows it, or None when there is none worth showing."""
    if param.show_default is False or param.required:
        return None
    value = param.default
    if value is None or value is False or value == () or value == []:
        return None
    if isinstance(value, Enum):
        value = value.value
    return str(value)


def _is_help(param: Any) -> bool:
    return isinstance(param, TyperOption) and "--help" in param.opts


def usage_line(command: Command, ctx: Context) -> str:
    """用法：jixiao check [选项] PATH..."""
    pieces = [OPTIONS]
    pieces += [argument_name(p) for p in command.get_params(ctx) if isinstance(p, TyperArgument)]
    if isinstance(command, TyperGroup):
        pieces.append("命令 [参数]...")
    return f"用法：{ctx.command_path} {' '.join(pieces)}"


def text_width(text: str) -> int:
    """Display width: East Asian wide and full-width characters count two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"  # Chinese characters and full-width punctuation
_TOKENS = re.compile(rf"\s+|[{_CJK}]|[^\s{_CJK}]+")
_NO_LINE_START = set("，。、；：！？）」』】》”’%")  # punctuation a line may not begin with


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` columns, broken between Chinese characters or at spaces (a line never
    starts with closing punctuation, which may overhang by one character instead)."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line, used = "", 0
        for token in _TOKENS.findall(paragraph):
            size = text_width(token)
            if token.isspace():
                if line:
                    line, used = line + " ", used + 1
                continue
            if line and used + size > width and token not in _NO_LINE_START:
                lines.append(line.rstrip())
                line, used = "", 0
            line, used = line + token, used + size
        lines.append(line.rstrip())
    return lines


def _rows(pairs: list[tuple[str, str]], width: int, indent: int = 2) -> list[str]:
    """Two columns: names, then their descriptions wrapped beside them (under them when a name is too long)."""
    name_width = min(max((text_width(name) for name, _ in pairs), default=0), 34)
    left = indent + name_width + 3
    out = []
    for name, text in pairs:
        body = wrap(text, max(20, width - left))
        if text_width(name) > name_width:
            out.append(" " * indent + name)
            out += [" " * (indent + 6) + line for line in wrap(text, max(20, width - indent - 6))]
            continue
        first, *rest = body or [""]
        out.append(" " * indent + name + " " * (name_width - text_width(name) + 3) + first)
        out += [" " * left + line for line in rest]
    return out


def render_help(command: Command, ctx: Context) -> str:
    """The help page of `command`, as plain text fitted to the terminal's width."""
    width = min(MAX_WIDTH, shutil.get_terminal_size((100, 24)).columns) - 1
    out = [usage_line(command, ctx)]
    if command.help:
        out += ["", *wrap(_cleaned(command.help), width)]
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    arguments = [(argument_name(p).strip("[]"), f"{p.help or ''}{'（必填）' if p.required else '（可省略）'}")
                 for p in params if isinstance(p, TyperArgument)]
    if arguments:
        out += ["", "参数", *_rows(arguments, width)]
    options = []
    for p in params:
        if isinstance(p, TyperOption):
            text = HELP_TEXT if _is_help(p) else p.help or ""
            default = _default(p)
            text += f"［默认：{default}］" if default is not None else ""
            text += "（必填）" if p.required else ""
            options.append((_option_label(p), text))
    if options:
        out += ["", "选项", *_rows(options, width)]
    if isinstance(command, TyperGroup):
        commands = [(name, _first_sentence(sub.help or "")) for name in command.list_commands(ctx)
                    if (sub := command.get_command(ctx, name)) is not None and not sub.hidden]
        out += ["", "命令", *_rows(commands, width)]
    examples = EXAMPLES.get(" ".join(ctx.command_path.split()[1:]), [])  # "", "check", "user add"
    if examples:
        out += ["", "示例"]
        for line, what in examples:
            out += ["  " + line, *("      " + part for part in wrap(what, width - 6))]
    return "\n".join(out) + "\n"


def _cleaned(text: str) -> str:
    """A docstring's lines joined into paragraphs (a blank line separates paragraphs)."""
    paragraphs = [" ".join(line.strip() for line in block.splitlines())
                  for block in inspect.cleandoc(text).split("\n\n")]
    return "\n".join(_tidy(p) for p in paragraphs)


def _tidy(text: str) -> str:
    """No space where a joined line break fell between two Chinese characters."""
    return re.sub(rf"(?<=[{_CJK}]) (?=[{_CJK}])", "", text)


def _first_sentence(text: str) -> str:
    first = _cleaned(text).split("\n")[0]
    return first.split("。")[0] + "。" if "。" in first else first


class ChineseCommand(TyperCommand):
    """A typer command whose usage line and help page are Chinese."""

    def get_usage(self, ctx: Context) -> str:
        return usage_line(self, ctx)

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        formatter.write(render_help(self, ctx))


class ChineseGroup(TyperGroup):
    """The `jixiao` group, with a Chinese usage line and help page."""

    def get_usage(self, ctx: Context) -> str:
        return usage_line(self, ctx)

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        formatter.write(render_help(self, ctx))


# ---------------------------------------------------------------- command-line mistakes

def _suggest(word: str, candidates: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(candidates), n=3, cutoff=0.6)
    return f"；是不是要用 {'、'.join(close)}？" if close else ""


def _param_label(param: Any) -> str:
    if isinstance(param, TyperArgument):
        return f"参数 {argument_name(param).strip('[]').removesuffix('...')}"
    if isinstance(param, TyperOption):
        return f"选项 {_option_names(param)}"
    return "参数"


def _options_of(ctx: Context | None) -> list[str]:
    if ctx is None:
        return []
    return [o for p in ctx.command.get_params(ctx) if isinstance(p, TyperOption) for o in (*p.opts, *p.secondary_opts)]


def _bad_value(exc: errors.BadParameter) -> str:
    param = exc.param
    label = _param_label(param)
    cause = exc.__cause__
    errors = cause.errors() if isinstance(cause, ValidationError) else []
    value = errors[0].get("input") if errors else None
    if param is not None and param.type_descriptor.is_choice:
        kind = _kind(param)
        choices = "、".join(str(m.value) for m in kind) if isinstance(kind, type) and issubclass(kind, Enum) else ""
        given = f" {shown(value)}" if value is not None else ""
        return f"{label} 的值{given} 不是可选的值；可选：{choices}"
    if errors:
        return f"{label} 的值不对：{validation_message(errors[0])}"
    return f"{label} 的值不对"


def usage_message(exc: errors.ClickException) -> str:
    """A command-line mistake in Chinese (without the usage line)."""
    ctx: Context | None = getattr(exc, "ctx", None)
    message = exc.message or ""
    if isinstance(exc, errors.NoSuchOption):
        return f"没有 {exc.option_name} 这个选项{_suggest(exc.option_name, _options_of(ctx))}"
    if isinstance(exc, errors.MissingParameter):
        param = exc.param
        what = f"：{param.help}" if param is not None and param.help else ""
        return f"缺少{_param_label(param)}{what}"
    if isinstance(exc, errors.BadParameter):
        return _bad_value(exc)
    if isinstance(exc, errors.BadOptionUsage):
        if "does not take a value" in message:
            return f"选项 {exc.option_name} 是开关，后面不带值"
        if "requires" in message:
            return f"选项 {exc.option_name} 后面缺少它的值"
        return f"选项 {exc.option_name} 用法不对"
    if isinstance(exc, errors.BadArgumentUsage):
        return "参数的个数不对"
    found = re.match(r"No such command '(.+?)'", message)
    if found:
        name = found.group(1)
        commands = ctx.command.list_commands(ctx) if ctx is not None and isinstance(ctx.command, TyperGroup) else []
        return f"没有 {name} 这个命令{_suggest(name, commands)}"
    found = re.match(r"Got unexpected extra arguments?(?:\(s\))? \((.*)\)", message)
    if found:
        return f"多余的参数：{found.group(1)}"
    if message.startswith("Missing command"):
        return "缺少命令"
    if isinstance(exc, errors.FileError):
        return f"无法打开文件 {exc.ui_filename}"
    return f"命令行有误：{message}"


def usage_error(exc: errors.ClickException) -> str:
    """What `jixiao` prints for a command-line mistake: the usage line, 错误：…, and where help is."""
    ctx: Context | None = getattr(exc, "ctx", None)
    lines = []
    if ctx is not None:
        lines.append(usage_line(ctx.command, ctx))
    lines.append(f"错误：{usage_message(exc)}")
    lines.append(f"运行 {ctx.command_path if ctx is not None else 'jixiao 命令'} --help 查看说明和示例。")
    return "\n".join(lines)
