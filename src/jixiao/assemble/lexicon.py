"""The form's words, from the template files in `jixiao/templates/`: which word names which part of the form.

All matching is on keys: NFKC-folded, whitespace removed, traditional characters converted to simplified
(OpenCC), so `項目名稱`, `项目 名称` and `项目名称` are one label. A label's decorations — a trailing unit or
points in brackets (`(万元)`, `(B/A)`, `(50分)`), a colon, a leading `其中：` — are not part of it.

A document is read with the national template plus every variant whose `match` words it prints; a variant's
lists are added to the national ones. Reading and checking share these words.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from jixiao.assemble.text import fold

# (also a bracket a page lost: '年初目标值(A' without its closing one, '执行数B)' '执行率B/A)' without the opening)
_DECOR = re.compile(r"(?:[(（\[【][^()（）\[\]【】]{0,12}[)）\]】]|[:：;；,，。.、]|[(（][^()（）\[\]【】]{1,4}$"
                    r"|(?<=[\u4e00-\u9fff])[A-Za-z/×*÷]{1,5}[)）])+$")
_INNER = re.compile(r"[(（][^()（）]{1,6}[)）]")  # a qualifier in brackets inside a label
_ALTERNATIVE = re.compile(r"^[^()（）]{1,4}[(（]([^()（）]{1,4})[)）]")  # '政策(项目)名称': 政策 or 项目
_LEAD = re.compile(r"^(?:其中[:：]?|[0-9]{1,2}[.、]|[一二三四五六七八九十][、.])")
_POINTS_TEXT = r"[(（]?(\d+(?:\.\d+)?)分[)）]"  # '(50分)', or '50分)' where a page lost the opening bracket
_POINTS = re.compile(f"^{_POINTS_TEXT}$")
_LABEL_POINTS = re.compile(_POINTS_TEXT)
TEMPLATE_DIR = "templates"
IGNORED = "ignored"  # a template's `ignored` head labels and fund rows: no place in the record, read past
CAPTION = "绩效指标"  # the indicator table's caption, printed over its header or down its first column


@lru_cache(maxsize=1 << 14)
def label_key(key: str) -> str:
    """A folded key without a label's decorations: '其中:本年财政拨款' → '本年财政拨款', '执行率(B/A)' → '执行率'."""
    bare = _DECOR.sub("", key)
    bare = _LEAD.sub("", bare)
    return bare or key


def label_points(key: str) -> float | None:
    """The points a label prints ('总分(100分)', '产出指标(50分)'), if any."""
    match = _LABEL_POINTS.search(key)
    return float(match.group(1)) if match else None


def is_lead(key: str) -> bool:
    """A label's lead alone ('其中：', '1.', '一、'), its label on the lines below."""
    return bool(_LEAD.fullmatch(key))


def is_decoration(key: str) -> bool:
    """A label's unit or note in brackets alone ('(%)', '(万元)', '(A)'), wrapped onto a line of its own."""
    return bool(_INNER.fullmatch(key))


def is_points_only(key: str) -> bool:
    """A lost vertical label of which only its points survive: '(50分)'."""
    return bool(_POINTS.match(key))


@dataclass(frozen=True, eq=False)  # one object per set of templates (cached): hashed by identity
class Lexicon:
    names: tuple[str, ...]
    title_word: str
    short_titles: tuple[str, ...]  # how a title printed without its 表 ends
    head: dict[str, tuple[str, ...]]  # field -> labels
    sections: dict[str, tuple[str, ...]]
    not_title_prefix: tuple[str, ...]
    summary_labels: tuple[str, ...]  # a label before a copy of the form's start ('内容概述'): no part of a title
    other_titles: tuple[str, ...]  # how the titles of other tables end ('整体支出绩效自评表', '目标表')
    fund_rows: dict[str, tuple[str, ...]]
    fund_columns: dict[str, tuple[str, ...]]
    indicator_columns: dict[str, tuple[str, ...]]
    parents: dict[str, tuple[str, ...]]
    levels: dict[str, tuple[str, ...]]  # level1 -> its level2 labels
    achieved: tuple[str, ...] = ()  # qualitative 实际完成值 the templates print ('达成指标'), longest first
    degrees: tuple[str, ...] = ()  # words of degree that open a qualitative value ('有所', '不断'), longest first
    openers: tuple[str, ...] = ()  # words a qualitative 年度指标值 opens with ('达到', '符合', '及时')
    # 一级 label -> the words each of its indicators is named by, where the block has them (满意度指标: 满意)
    block_words: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    # 二级 label -> words a name holds that say it measures what that block does ('及时' → 时效指标)
    level2_words: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)

    @property
    def glued_label(self) -> re.Pattern[str]:
        """Matches a text that opens with a level label and goes on ('产出指标数量指标足额保障率')."""
        return _glued_label(self)

    @property
    def words(self) -> frozenset[str]:
        """Every label word of the templates, as written there."""
        return _label_words(self)

    @property
    def prefixes(self) -> frozenset[str]:
        """Every proper beginning of a label word: where a label cut into pieces may start."""
        return _prefixes(self)

    @property
    def suffixes(self) -> frozenset[str]:
        """Every proper ending of a label word (folded): what the last piece of a label cut into pieces may be."""
        return _suffixes(self)

    @property
    def level2_parent(self) -> dict[str, str]:
        return _level2_parent(self)

    def head_field(self, key: str) -> tuple[str, int] | None:
        """(field, label length) when the key starts with a head label ('项目名称：X')."""
        return _head_field(self, key)

    def section(self, key: str) -> str | None:
        return _section_of(self, key)

    def fund_row(self, key: str) -> str | None:
        return _fund_row(self, key)

    def fund_column(self, key: str) -> str | None:
        return _column(self, "fund", key)

    def indicator_column(self, key: str) -> str | None:
        return _column(self, "indicator", key)

    def level(self, key: str) -> str | None:
        """The canonical level label a key names ('产出指标(50分)' → 产出指标, '经济效益' → 经济效益指标,
        '数量' → 数量指标), or None."""
        return _level(self, key)

    def two_labels(self, first: str, second: str) -> bool:
        """A 一级 label then a 二级 one: a row's two labels, never one label made of them ('产出' '数量' is no
        产出数量, the 2013 framework's 二级 label)."""
        return self.level(first) in self.levels and (two := self.level(second)) is not None and two not in self.levels


def _merge(base: dict, extra: dict) -> dict:
    """`base` extended by a variant's lists. A word the variant lists for one part is that part's only: it is
    taken from the lists of the other parts of the same table (Inner Mongolia's 指标性质, 正向 or 反向, is no
    operator as Yunnan's is)."""
    out = {k: (dict(v) if isinstance(v, dict) else v) for k, v in base.items()}
    for key, value in extra.items():
        if isinstance(value, list):
            for other, words in out.items():
                if other != key and isinstance(words, list):
                    out[other] = [w for w in words if w not in value]
    for key, value in extra.items():
        if isinstance(value, dict):
            out[key] = _merge(out.get(key, {}), value)
        elif isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = list(dict.fromkeys(out[key] + value))
        else:
            out[key] = value
    return out


@cache
def templates() -> dict[str, dict]:
    """Every template file, by name."""
    out = {}
    folder = resources.files("jixiao").joinpath(TEMPLATE_DIR)
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".toml"):
            data = tomllib.loads(item.read_text(encoding="utf-8"))
            out[data["name"]] = data
    return out


def _words(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(label_key(fold(v)) for v in values))


@cache
def lexicon(names: tuple[str, ...] = ()) -> Lexicon:
    """The national template extended by the variants named."""
    data = templates()["national"]
    for name in names:
        data = _merge(data, templates()[name])
    fold_map = lambda table: {k: _words(v) for k, v in table.items()}  # noqa: E731
    levels = {fold(k): tuple(fold(v) for v in vs) for k, vs in data["levels"].items()}
    return Lexicon(
        names=("national", *names), title_word=fold(data["head"]["title"]),
        short_titles=tuple(fold(w) for w in data["head"]["title_without_table"]),
        head={k: _words(v) for k, v in data["head"].items()
              if k not in ("title", "title_without_table", "not_title_prefix", "summary_labels", "other_titles")},
        sections=fold_map(data["sections"]),
        not_title_prefix=_words(data["head"]["not_title_prefix"]),
        summary_labels=_words(data["head"]["summary_labels"]),
        other_titles=tuple(fold(w) for w in data["head"]["other_titles"]),
        fund_rows=fold_map(data["funds"]["rows"]), fund_columns=fold_map(data["funds"]["columns"]),
        indicator_columns=fold_map(data["indicators"]["columns"]),
        parents={fold(k): tuple(v) for k, v in data["indicators"]["parents"].items()},
        levels=levels,
        achieved=tuple(sorted({fold(w) for w in data["indicators"].get("achieved", {}).get("words", ())},
                              key=len, reverse=True)),
        degrees=tuple(sorted({fold(w) for w in data["indicators"].get("degrees", {}).get("words", ())},
                             key=len, reverse=True)),
        openers=tuple(sorted({fold(w) for w in data["indicators"].get("openers", {}).get("words", ())},
                             key=len, reverse=True)),
        block_words={fold(k): tuple(fold(w) for w in ws)
                     for k, ws in data["indicators"].get("block_words", {}).items()},
        level2_words={fold(k): tuple(fold(w) for w in ws)
                      for k, ws in data["indicators"].get("level2_words", {}).items()},
    )


def select(keys: set[str], runs: tuple[str, ...] = ()) -> Lexicon:
    """The lexicon for a document that prints these folded keys: national plus every variant it matches. `runs`:
    keys of cells glued into runs, where a variant's words stand inside a key (two of them, not one a text may
    mention)."""
    chosen = [(data.get("precedence", 0), name) for name, data in templates().items()
              if name != "national" and (any(fold(w) in keys for w in data.get("match", ())) or runs and len(
                  {w for w in data.get("match", ()) if any(fold(w) in run for run in runs)}) >= 2)]
    # (merged in order of precedence: a variant whose words must win over another's is merged after it)
    return lexicon(tuple(name for _, name in sorted(chosen)))


@cache
def match_prefixes() -> frozenset[str]:
    """Beginnings of the variants' matching words, where a word wrapped in a narrow column may break
    ('地方主管部' / '门')."""
    words = {fold(w) for name, data in templates().items() if name != "national" for w in data.get("match", ())}
    return frozenset(w[:k] for w in words for k in range(2, len(w)))


@lru_cache(maxsize=1 << 14)
def _head_field(lex: Lexicon, key: str) -> tuple[str, int] | None:
    best: tuple[str, int] | None = None  # the longest label the key opens with ('主管部门及代码', not '主管部门')
    for field, labels in lex.head.items():
        for label in labels:
            if key.startswith(label) and (best is None or len(label) > best[1]):
                best = (field, len(label))
    if best is not None:
        return best
    # a whole cell that is a label with a qualifier: in brackets anywhere ('项目(资金)名称', '主管部门(单位)') or a
    # short word before it ('具体实施单位')
    bare = _INNER.sub("", label_key(key))
    if len(bare) > 12:
        return None
    # or the word in brackets is the label's own, the one before it an alternative ('政策(项目)名称': 项目名称)
    alternative = _ALTERNATIVE.sub(r"\1", label_key(key))
    for field, labels in lex.head.items():
        for label in labels:
            if bare.endswith(label) and len(bare) - len(label) <= 3 or alternative == label:
                return field, len(key)
    return None


@lru_cache(maxsize=256)
def _label_words(lex: Lexicon) -> frozenset[str]:
    words: set[str] = set()
    for table in (lex.head, lex.sections, lex.fund_rows, lex.fund_columns, lex.indicator_columns):
        for values in table.values():
            words.update(values)
    words.update(lex.levels)
    for children in lex.levels.values():
        words.update(children)
    return frozenset(words)


@lru_cache(maxsize=256)
def _glued_label(lex: Lexicon) -> re.Pattern[str]:
    """A level label ending in 指标 (with its points, '产出指标(50分)') at the start of a longer text."""
    words = sorted({w for w in (*lex.levels, *(c for cs in lex.levels.values() for c in cs)) if w.endswith("指标")},
                   key=len, reverse=True)
    return re.compile(f"^((?:{'|'.join(map(re.escape, words))})(?:[(（]\\d+(?:\\.\\d+)?分[)）])?)(.+)$")


@lru_cache(maxsize=256)
def _prefixes(lex: Lexicon) -> frozenset[str]:
    return frozenset(w[:k] for w in _label_words(lex) for k in range(1, len(w)))


@lru_cache(maxsize=256)
def _suffixes(lex: Lexicon) -> frozenset[str]:
    return frozenset(fold(w)[k:] for w in _label_words(lex) for k in range(1, len(w)))


@lru_cache(maxsize=256)
def _level2_parent(lex: Lexicon) -> dict[str, str]:
    out: dict[str, str] = {}
    for parent, children in lex.levels.items():
        for child in children:
            out.setdefault(child, parent)
    return out


_PREFIXED = frozenset({"goals", "tail", "grade", "goal_expected", "goal_actual", "funds"})


@lru_cache(maxsize=1 << 14)
def _section_of(lex: Lexicon, key: str) -> str | None:
    """The section a label opens: the longest word that is the whole label, else the longest it starts with
    (for sections whose label runs on: '年度总体目标完成情况')."""
    bare = label_key(key)
    best: tuple[int, int, str] | None = None
    for kind, words in lex.sections.items():
        for word in words:
            if bare == word:
                rank = (1, len(word), kind)
            elif kind in _PREFIXED and bare.startswith(word) and len(bare) <= len(word) + 6:
                rank = (0, len(word), kind)
            else:
                continue
            if best is None or rank[:2] > best[:2]:
                best = rank
    return best[2] if best else None


# inside a text: a sentence, no row's label ('包括:社会投入资金、银行贷款.'; but '中央、省、市补助资金' is one)
_SENTENCE_MARKS = frozenset("，,；;。：:")


@lru_cache(maxsize=1 << 14)
def _fund_row(lex: Lexicon, key: str) -> str | None:
    bare = label_key(key)
    if not bare or len(bare) > 14 or not _SENTENCE_MARKS.isdisjoint(bare):
        return None
    best: tuple[int, str] | None = None  # the longest word the label holds ('中央财政资金' before '财政资金')
    for row, words in lex.fund_rows.items():
        for w in words:
            if w in bare and (best is None or len(w) > best[0]):
                best = (len(w), row)
    return best[1] if best else None


@lru_cache(maxsize=1 << 14)
def _column(lex: Lexicon, table: str, key: str) -> str | None:
    bare = label_key(key)
    if not bare or len(bare) > 14:
        return None
    columns = lex.fund_columns if table == "fund" else lex.indicator_columns
    best: tuple[int, str] | None = None
    for col, words in columns.items():
        for w in words:
            fits = bare == w or (table == "fund" and bare.startswith(w))
            if fits and (best is None or len(w) > best[0]):
                best = (len(w), col)
    return best[1] if best else None


@lru_cache(maxsize=1 << 14)
def _level(lex: Lexicon, key: str) -> str | None:
    bare = label_key(key)
    if bare.endswith("等") and len(bare) > 3:
        bare = bare[:-1]  # '服务对象满意度指标等': the template's label for the kinds it lists
    if bare in lex.levels:
        return bare
    parents = lex.level2_parent
    if bare in parents:
        return bare if bare.endswith("指标") else bare + "指标"
    longer = bare + "指标"  # a label printed without its 指标 ('产出', '数量')
    if longer in lex.levels or longer in parents:
        return longer
    if bare.startswith("项目") and len(bare) > 3 and (own := bare[2:] + "指标") in lex.levels and label_points(key):
        return own  # a 一级 label with 项目 before it and its points ('项目产出(30分)': 产出指标's block)
    return None
