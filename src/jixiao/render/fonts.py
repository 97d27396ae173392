"""A Chinese font for the PDF, found at run time and embedded as a subset.

jixiao ships no font. It looks for one the system has — the font named by `--font`, then fontconfig's fonts for
Chinese (`fc-list :lang=zh`), then the usual font folders of Linux, macOS and Windows — and takes the first that
has every character of the form's labels, preferring a Simplified Chinese face of a collection (.ttc).

Debian's fonts-noto-cjk (and most CJK fonts: Source Han, Noto) are OpenType fonts with CFF outlines, which the
PDF library (reportlab) cannot embed. So the font is cut down with fontTools to the characters the document
prints, and the subset's cubic outlines are converted to TrueType's quadratic ones (fontTools' cu2qu, within a
thousandth of an em); reportlab embeds that small TrueType font (subset again, with a ToUnicode map, so the
text can be selected and searched). A font that already has TrueType outlines (WenQuanYi, SimSun) is only cut.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, TTLibError

PROBE = "财政项目支出绩效自评表年度总分评分等级"  # a font that lacks one of these cannot print the form
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts", "/Library/Fonts",
             "/System/Library/Fonts", "~/Library/Fonts", "C:/Windows/Fonts")
KNOWN = ("NotoSansCJK", "NotoSerifCJK", "SourceHanSans", "SourceHanSerif", "wqy-microhei", "wqy-zenhei", "simsun",
         "simhei", "msyh", "STHeiti", "PingFang", "Songti", "uming", "ukai", "droid")  # file names worth trying
SIMPLIFIED = ("SC", "GB", "CN", "Simplified", "简")  # a collection's Simplified Chinese face is named so
MAX_ERROR = 1.0  # font units (of ~1000 an em) a converted curve may stray from the original
FC_TIMEOUT = 20  # seconds fontconfig may take (a first run builds its cache)


class FontError(Exception):
    """No usable Chinese font: the message (Chinese) says what was tried and what to install."""


@dataclass(frozen=True)
class FontFile:
    path: Path
    index: int = 0  # the face in a collection (.ttc)

    def __str__(self) -> str:
        return f"{self.path}:{self.index}" if self.index else str(self.path)


def _fontconfig() -> list[FontFile]:
    """Fontconfig's fonts that cover Chinese, Simplified Chinese faces first."""
    program = shutil.which("fc-list")
    if program is None:
        return []
    try:
        done = subprocess.run([program, ":lang=zh", "file", "index", "family", "style"], capture_output=True, text=True,
                              timeout=FC_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    found: list[tuple[int, str, FontFile]] = []
    for line in done.stdout.splitlines():
        parts = dict(p.split("=", 1) for p in line.split(":")[1:] if "=" in p)
        path = line.split(":", 1)[0].strip()
        family = parts.get("family", "")
        try:
            index = int(parts.get("index", "0"))
        except ValueError:
            index = 0
        simplified = any(mark in family for mark in SIMPLIFIED)
        sans = "Sans" in family and "Mono" not in family
        regular = parts.get("style", "").split(",")[0] in ("Regular", "Book", "Normal", "Medium")
        found.append((-(4 * simplified + 2 * regular + sans), path, FontFile(Path(path), index)))
    return [font for *_, font in sorted(found, key=lambda f: (f[0], f[1]))]


def _folders() -> list[FontFile]:
    """Font files of known CJK families in the usual folders (where there is no fontconfig)."""
    out = []
    for folder in FONT_DIRS:
        root = Path(folder).expanduser()
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.suffix.lower() in (".ttc", ".otf", ".ttf") and any(k.lower() in path.name.lower() for k in KNOWN):
                out.append(FontFile(path, 0))
    return out


def _faces(font: FontFile) -> list[int]:
    """The faces of a file to try: a collection's Simplified Chinese faces first, then the one named."""
    if font.path.suffix.lower() != ".ttc":
        return [font.index]
    try:
        names = [f["name"].getDebugName(4) or "" for f in TTCollection(str(font.path), lazy=True).fonts]
    except (OSError, TTLibError, KeyError):
        return [font.index]
    simplified = [k for k, name in enumerate(names) if any(f" {m}" in name for m in SIMPLIFIED)]
    return list(dict.fromkeys([*simplified, font.index]))


def _usable(font: FontFile) -> FontFile | None:
    """`font` (or its collection's Simplified Chinese face) when it prints the probe characters."""
    for index in _faces(font):
        try:
            face = TTFont(str(font.path), fontNumber=index, lazy=True)
            cmap = face.getBestCmap() or {}
            outlines = "glyf" in face or "CFF " in face
        except (OSError, TTLibError, KeyError, AssertionError):
            continue
        if outlines and all(ord(ch) in cmap for ch in PROBE):
            return FontFile(font.path, index)
    return None


def find_font(named: Path | None = None) -> FontFile:
    """The Chinese font to embed: the file `named` (of a collection, its first face that will do), else the first
    usable system font."""
    if named is not None:
        chosen = _usable(FontFile(Path(named)))
        if chosen is None:
            raise FontError(f"字体文件 {named} 无法使用：不存在、无法读取，或缺少表上的汉字（应为含简体中文的 "
                            f".ttf/.otf/.ttc 字体）")
        return chosen
    seen: set[Path] = set()
    for candidate in [*_fontconfig(), *_folders()]:
        if candidate.path in seen:
            continue
        seen.add(candidate.path)
        chosen = _usable(candidate)
        if chosen is not None:
            return chosen
    hint = "brew install --cask font-noto-sans-cjk-sc" if sys.platform == "darwin" else (
        "apt-get install fonts-noto-cjk（Debian/Ubuntu）或 dnf install google-noto-sans-cjk-fonts（Fedora）")
    raise FontError("找不到中文字体，无法生成 PDF：系统中没有包含简体中文的字体（已查找 fontconfig 和常见字体目录）。"
                    f"请安装一种中文字体，如 {hint}，或用 --font 指定字体文件")


def embeddable(font: FontFile, text: str, family: str) -> bytes:
    """A TrueType font named `family` holding the glyphs of `text`'s characters (those the font has), for reportlab.
    The name must differ between subsets: reportlab keeps a font's state by its name in the file."""
    face = TTFont(str(font.path), fontNumber=font.index, lazy=False)
    options = subset.Options()
    options.layout_features, options.hinting, options.notdef_outline = [], False, True
    options.name_IDs, options.name_languages = ["*"], ["*"]
    cutter = subset.Subsetter(options)
    cutter.populate(text="".join(sorted(set(text))))
    cutter.subset(face)
    if "CFF " in face:
        face = _truetype(face)
    for record in (1, 3, 4, 6):
        face["name"].setName(family, record, 3, 1, 0x409)
    face["name"].setName("Regular", 2, 3, 1, 0x409)
    out = io.BytesIO()
    face.save(out)
    return out.getvalue()


def _truetype(face: TTFont) -> TTFont:
    """A CFF-outline font rebuilt with TrueType outlines (cubic curves approximated by quadratic ones)."""
    order = face.getGlyphOrder()
    glyphs = face.getGlyphSet()
    outlines = {}
    for name in order:
        pen = TTGlyphPen(None)
        glyphs[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        outlines[name] = pen.glyph()
    hhea = face["hhea"]
    builder = FontBuilder(face["head"].unitsPerEm, isTTF=True)
    builder.setupGlyphOrder(order)
    builder.setupCharacterMap(face.getBestCmap())
    builder.setupGlyf(outlines)
    builder.setupHorizontalMetrics({name: face["hmtx"][name] for name in order})
    builder.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent)
    builder.setupNameTable({"familyName": face["name"].getDebugName(1) or "CJK", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=hhea.ascent, sTypoDescender=hhea.descent, usWinAscent=hhea.ascent,
                     usWinDescent=-hhea.descent)
    builder.setupPost()
    return builder.font
