"""Scoring a reading against its answer key, field by field (the grid, the format round trips)."""

from __future__ import annotations

from tests.conftest import load_compare

COMPARE = load_compare()


def _key(form: dict) -> str:
    return COMPARE.norm_text(form.get("project_name")) + "|" + COMPARE.norm_text(form.get("implementing_unit"))


def score(gold: list[dict], got: list[dict]) -> tuple[int, int, list[str], int, int]:
    """(fields, matched, mismatch lines, missing forms, extra forms), pairing forms as tests/test_golden.py does."""
    mapping = COMPARE.pair([_key(f) for f in gold], [_key(f) for f in got])
    total = matched = 0
    wrong: list[str] = []
    for i, g in enumerate(gold):
        out: list = []
        COMPARE.compare_form(g, got[mapping[i]] if i in mapping else None, out)
        for path, ok, want, have in out:
            if not path.startswith("indicators.extra"):
                total += 1
                matched += ok
            if not ok:
                wrong.append(f"form {i} {path}: want {want!r:.60} got {have!r:.60}")
    return total, matched, wrong, len(gold) - len(mapping), len(got) - len(mapping)


def _prefix_of(want, got, is_num: bool) -> bool:
    """`got` is `want` cut short: its text a beginning of the answer's, or its digits of the number's
    ('31' of 315.00, '10' of '10.00')."""
    if want is None:
        return False
    if any(fold(want).startswith(fold(got)) for fold in (COMPARE.norm_text, lambda v: str(v).replace(" ", ""))):
        return True  # (as printed too: '>' of '>=200次')
    digits = "".join(c for c in COMPARE.norm_text(got) if c.isdigit() or c == ".").removesuffix(".0")
    return is_num and bool(digits) and "".join(
        c for c in COMPARE.norm_text(want) if c.isdigit() or c == ".").startswith(digits)


def cut_errors(gold: dict, got: dict) -> list[str]:
    """The fields read from a form cut short (a stored page ending part-way) that are not the answer's: each
    value read must be the answer's or its beginning (the cut fell inside it); a value not read is no error, the
    cut may have taken it. Indicator rows pair by name, as `score` does; a row read that pairs with none is one."""
    out: list[str] = []

    def check(path: str, want, have, is_num: bool) -> None:
        if have in (None, "") or (COMPARE.same_num if is_num else COMPARE.same_text)(want, have):
            return
        if not _prefix_of(want, have, is_num):
            out.append(f"{path}: want {want!r:.40} got {have!r:.40}")

    for f in COMPARE.FORM_NUM:
        check(f, gold.get(f), got.get(f), True)
    for f in COMPARE.FORM_TEXT:
        check(f, gold.get(f), got.get(f), False)
    for row in COMPARE.FUND_ROWS:
        for col in COMPARE.FUND_COLS:
            check(f"funds.{row}.{col}", ((gold.get("funds") or {}).get(row) or {}).get(col),
                  ((got.get("funds") or {}).get(row) or {}).get(col), True)
    gold_rows, got_rows = gold.get("indicators") or [], got.get("indicators") or []
    mapping = COMPARE.pair([COMPARE.norm_text(r.get("name")) for r in gold_rows],
                           [COMPARE.norm_text(r.get("name")) for r in got_rows])
    paired = {j: i for i, j in mapping.items()}
    for j, row in enumerate(got_rows):
        if j not in paired:
            out.append(f"indicators: a row read that the form has not ({row.get('name')!r:.40})")
            continue
        for f in COMPARE.IND_TEXT:
            check(f"indicators.{paired[j]}.{f}", gold_rows[paired[j]].get(f), row.get(f), False)
        for f in COMPARE.IND_NUM:
            check(f"indicators.{paired[j]}.{f}", gold_rows[paired[j]].get(f), row.get(f), True)
    return out
