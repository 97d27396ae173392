"""Telling when two names mean the same project or indicator: a normalised key, and fuzzy grouping of keys that
compares only names that could be alike, so it stays near-linear on a large corpus. The report's project history
(`jixiao.analytics.projects`) and the corpus rule RF10 (`jixiao.check.history`) link a project across years with
`same_project`, so both see the same series."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import lru_cache

_YEAR = re.compile(r"(?:19|20)\d{2}\s*(?:年度|年)?")
_BRACKETED = re.compile(r"[（(【\[〔［][^（()）【】\[\]〔〕［］]*[）)】\]〕］]")
_NOT_WORD = re.compile(r"[\W_]+")
_PROJECT_SUFFIXES = ("项目", "专项", "资金", "经费")
SIMILARITY = 0.85  # the difflib ratio from which two project or indicator names are taken to mean the same


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """A name without whitespace and punctuation, Latin letters lower-cased (for indicator names)."""
    return _NOT_WORD.sub("", name).lower()


@lru_cache(maxsize=1 << 16)
def project_key(name: str) -> str:
    """A project name without years (2021年, 2021年度), bracketed remarks, whitespace, punctuation and the
    项目/专项/资金/经费 endings, so that the same project matches across years."""
    text = _YEAR.sub("", name)
    unbracketed = _BRACKETED.sub("", text)
    key = name_key(unbracketed) or name_key(text)
    stripped = True
    while stripped:
        stripped = False
        for suffix in _PROJECT_SUFFIXES:
            if key.endswith(suffix) and len(key) > len(suffix):
                key, stripped = key[:-len(suffix)], True
    return key or name_key(name) or name


def likeness(a: str, b: str, similarity: float) -> float:
    """difflib's ratio of the two strings when it may reach `similarity` (cheap upper bounds tried first), else 0."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < similarity or matcher.quick_ratio() < similarity:
        return 0.0
    return matcher.ratio()


def fuzzy_groups(keys: Iterable[str], similarity: float) -> dict[str, str]:
    """Each key → the representative of its group: keys whose difflib ratio is at least `similarity`, joined
    transitively. Only keys sharing their first or last two characters are compared, and only while their
    lengths still allow the ratio (difflib's ratio is at most 2·min(len)/(len a + len b))."""
    parent = {key: key for key in keys}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    blocks: dict[str, list[str]] = defaultdict(list)
    for key in parent:
        blocks["^" + key[:2]].append(key)
        blocks["$" + key[-2:]].append(key)
    for block in blocks.values():
        block.sort(key=len)
        for i, shorter in enumerate(block):
            for longer in block[i + 1:]:
                if 2 * len(shorter) < similarity * (len(shorter) + len(longer)):
                    break
                a, b = root(shorter), root(longer)
                if a != b and likeness(shorter, longer, similarity) >= similarity:
                    parent[max(a, b)] = min(a, b)
    return {key: root(key) for key in parent}


def same_project(names: Iterable[str], similarity: float) -> dict[str, str]:
    """Each project name → the key of its group: names whose `project_key`s are alike (difflib ratio ≥
    `similarity`) mean the same project. Compare names of one 主管部门 at a time."""
    keys = {name: project_key(name) for name in names}
    groups = fuzzy_groups(set(keys.values()), similarity)
    return {name: groups[key] for name, key in keys.items()}


def match_names(earlier: list[str], later: list[str], similarity: float) -> list[tuple[int, int]]:
    """Pairs (i, j) of names of two lists that mean the same: equal keys first, in order, then the most similar
    remaining pairs with a ratio of at least `similarity`."""
    if earlier == later:  # the usual case: the same indicators as the year before
        return [(i, i) for i in range(len(earlier))]
    keys_a, keys_b = [name_key(n) for n in earlier], [name_key(n) for n in later]
    free_b: dict[str, list[int]] = defaultdict(list)
    for j, key in enumerate(keys_b):
        free_b[key].append(j)
    pairs, left = [], []
    for i, key in enumerate(keys_a):
        if free_b.get(key):
            pairs.append((i, free_b[key].pop(0)))
        else:
            left.append(i)
    rest = sorted(j for js in free_b.values() for j in js)
    scored = sorted((-ratio, i, j) for i in left for j in rest
                    if (ratio := likeness(keys_a[i], keys_b[j], similarity)) >= similarity)
    used_a, used_b = set(), set()
    for _, i, j in scored:
        if i not in used_a and j not in used_b:
            pairs.append((i, j))
            used_a.add(i)
            used_b.add(j)
    return sorted(pairs)
