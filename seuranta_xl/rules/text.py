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


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _shingles(text: str) -> set[tuple[str, ...]]:
    """Word triples of a text: containment of one text in another, in linear time."""
    words = re.findall(r"\w+", text.casefold())
    return {tuple(words[i:i + 3]) for i in range(max(len(words) - 2, 1))}


def _relatives(report: Report) -> dict[int, list[Item]]:
    """For each item (by id), the earlier items with progress text that are its parent or siblings
    (same parent code, same level), nearest first."""
    by_code: dict[str, list[Item]] = {}
    by_parent: dict[tuple[str | None, str], list[Item]] = {}
    related: dict[int, list[Item]] = {}
    for item in report.items:
        if item.progress:
            earlier = list(reversed(by_parent.get((item.parent, item.level), [])))
            if item.parent is not None:
                earlier += by_code.get(item.parent, [])
            related[id(item)] = earlier
            by_code.setdefault(item.code, []).append(item)
            by_parent.setdefault((item.parent, item.level), []).append(item)
    return related


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
    relatives = _relatives(report)
    for item in report.items:
        if not item.owns_row or not item.progress:
            continue
        mine = _norm(item.progress)
        for other in relatives[id(item)]:
            if _norm(other.progress) == mine:
                yield Hit(item.row, column, item.display_code,
                          {"other": other.display_code, "other_row": other.row} | _relation(item, other))
                break


@rule("T102", "reused-progress-text", "info",
      fi="Eteneminen toistaa lähes sellaisenaan {relation_fi} {other} (rivi {other_row}) tekstiä.",
      en="The progress text largely repeats that of {relation_en} {other} (row {other_row}).")
def reused_progress(report: Report, settings: Settings) -> Iterator[Hit]:
    """
    What it checks:
        A progress text that is almost wholly contained in the text of its goal or a sibling
        on an earlier row, or contains it (80 % of the shorter text's word triples occur in
        the other text), when not identical (that is T101). Typical: a goal's text assembled by pasting its actions'
        texts.
    Why it matters:
        Repeated text makes the report longer without adding information, and the copies drift
        apart when only one is updated.
    Example:
        ``15.07`` whose text is its two actions' texts pasted one after the other.
    How to fix:
        Keep the detail in the action; let the goal's text summarise in a sentence or two.
    """
    column = report.columns.get("progress")
    relatives = _relatives(report)
    shingles: dict[int, set] = {}

    def of(item: Item) -> set:
        key = id(item)
        if key not in shingles:
            shingles[key] = _shingles(item.progress or "")
        return shingles[key]

    for item in report.items:
        if not item.owns_row or not item.progress or len(item.progress) < REUSE_MIN_CHARS:
            continue
        mine = _norm(item.progress)
        for other in relatives[id(item)]:
            if _norm(other.progress) == mine or len(other.progress) < REUSE_MIN_CHARS:
                continue
            a, b = of(item), of(other)
            if len(a & b) >= REUSE_SHARE * min(len(a), len(b)):
                yield Hit(item.row, column, item.display_code,
                          {"other": other.display_code, "other_row": other.row} | _relation(item, other))
                break
