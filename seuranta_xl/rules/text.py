"""T: the quality of free text (copy-paste between rows)."""

from __future__ import annotations

import re
from typing import Iterator

from ..model import Item, Report
from ..settings import Settings
from ._registry import Hit, rule

#: Share of the shorter text's word triples found in the other text, from which it counts as reused.
REUSE_SHARE = 0.8
#: Texts shorter than this are not compared for reuse (short phrases repeat naturally).
REUSE_MIN_CHARS = 40


_WORD = re.compile(r"\w+")


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _shingles(text: str) -> set[tuple[str, ...]]:
    """Word triples of a text: containment of one text in another, in linear time."""
    words = _WORD.findall(text.casefold())
    if len(words) < 3:
        return {tuple(words)}
    return set(zip(words, words[1:], words[2:]))


#: T102 compares a text with its goal's and with this many nearest earlier siblings' texts: pasting
#: happens between neighbouring rows, and an unbounded comparison is quadratic in a goal's actions.
REUSE_WINDOW = 10


def _with_relatives(report: Report, window: int | None) -> Iterator[tuple[Item, list[Item]]]:
    """Each item that has progress text, with the earlier items with text that are its siblings (same
    parent code and level; the nearest ``window`` of them, nearest first) and then its parent."""
    siblings: dict[tuple[str | None, str], list[Item]] = {}
    by_code: dict[str, list[Item]] = {}
    for item in report.items:
        if not item.progress:
            continue
        group = siblings.setdefault((item.parent, item.level), [])
        earlier = group[: -window - 1: -1] if window else group[::-1]  # nearest first, no full copy
        yield item, earlier + (by_code.get(item.parent, []) if item.parent is not None else [])
        group.append(item)
        by_code.setdefault(item.code, []).append(item)


def _relation(item: Item, other: Item) -> dict[str, str]:
    if other.code == item.parent:
        return {"relation_fi": "tavoitteen", "relation_en": "its goal"}
    return {"relation_fi": "rinnakkaisen", "relation_en": "sibling"}


@rule("T101", "copied-progress-text", "info",
      fi="Eteneminen on sama kuin {relation_fi} {other} (rivi {other_row}) tekstissä.",
      en="The progress text is identical to that of {relation_en} {other} (row {other_row}).")
def copied_progress(report: Report, settings: Settings) -> Iterator[Hit]:
    """
    What it checks:
        A progress text (Eteneminen) identical, apart from spacing and case, to the text of
        the goal above it or of a sibling (same parent code) on an earlier row.
    Why it matters:
        A copied text says nothing about this action in particular; often the row was filled
        in by copying and never updated.
    Example:
        ``32.04`` and its only action ``32.04.01`` with the same paragraph word for word.
    How to fix:
        Write what this goal or action itself achieved; for a goal, summarise its actions.
    """
    column = report.columns.get("progress")
    # Texts by hash: the nearest earlier sibling with the same text, and the goals' texts by code.
    latest: dict[tuple[str | None, str], dict[str, Item]] = {}
    by_code: dict[str, dict[str, Item]] = {}
    for item in report.items:
        if not item.progress:
            continue
        mine = _norm(item.progress)
        key = (item.parent, item.level)
        if item.owns_row:
            other = latest.get(key, {}).get(mine) or by_code.get(item.parent or "", {}).get(mine)
            if other is not None:
                yield Hit(item.row, column, item.display_code,
                          {"other": other.display_code, "other_row": other.row} | _relation(item, other))
        latest.setdefault(key, {})[mine] = item
        by_code.setdefault(item.code, {}).setdefault(mine, item)


@rule("T102", "reused-progress-text", "info",
      fi="Eteneminen toistaa lähes sellaisenaan {relation_fi} {other} (rivi {other_row}) tekstiä.",
      en="The progress text largely repeats that of {relation_en} {other} (row {other_row}).")
def reused_progress(report: Report, settings: Settings) -> Iterator[Hit]:
    """
    What it checks:
        A progress text that is almost wholly contained in the text of its goal or a sibling
        on an earlier row, or contains it (80 % of the shorter text's word triples occur in
        the other text), when not identical (that is T101). Typical: a goal's text assembled by pasting its actions'
        texts. A text is compared with its goal's and its ten nearest earlier siblings'.
    Why it matters:
        Repeated text makes the report longer without adding information, and the copies drift
        apart when only one is updated.
    Example:
        ``15.07`` whose text is its two actions' texts pasted one after the other.
    How to fix:
        Keep the detail in the action; let the goal's text summarise in a sentence or two.
    """
    column = report.columns.get("progress")
    shingles: dict[int, set] = {}
    normal: dict[int, str] = {}

    def of(item: Item) -> set:  # each text's triples and normal form once, not once per comparison
        key = id(item)
        if key not in shingles:
            shingles[key] = _shingles(item.progress or "")
        return shingles[key]

    def norm(item: Item) -> str:
        key = id(item)
        if key not in normal:
            normal[key] = _norm(item.progress or "")
        return normal[key]

    for item, relatives in _with_relatives(report, REUSE_WINDOW):
        if not item.owns_row or len(item.progress) < REUSE_MIN_CHARS:
            continue
        mine = norm(item)
        for other in relatives:
            if len(other.progress) < REUSE_MIN_CHARS or norm(other) == mine:
                continue
            a, b = of(item), of(other)
            small, large = (a, b) if len(a) <= len(b) else (b, a)  # containment of the shorter text
            if len(small & large) >= REUSE_SHARE * len(small):
                yield Hit(item.row, column, item.display_code,
                          {"other": other.display_code, "other_row": other.row} | _relation(item, other))
                break
