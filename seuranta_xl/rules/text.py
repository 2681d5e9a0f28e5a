"""T: the quality of free text (copy-paste between rows)."""

from __future__ import annotations

import difflib
from typing import Iterator

from ..model import Item, Report
from ..settings import Settings
from ._registry import Hit, rule

#: Share of the shorter text found in the longer one, from which it counts as reused.
REUSE_SHARE = 0.85
#: Texts shorter than this are not compared for reuse (short phrases repeat naturally).
REUSE_MIN_CHARS = 40


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _relatives(report: Report, item: Item) -> Iterator[Item]:
    """Earlier rows that are this item's parent or siblings (same parent code, same level)."""
    for other in report.items:
        if other.row >= item.row:
            break
        if other.progress and (other.code == item.parent or
                               (other.parent == item.parent and other.level == item.level)):
            yield other


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
    for item in report.items:
        if not item.owns_row or not item.progress:
            continue
        mine = _norm(item.progress)
        for other in _relatives(report, item):
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
        on an earlier row, or contains it (85 % of the shorter text matches), when not
        identical (that is T101). Typical: a goal's text assembled by pasting its actions'
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
    for item in report.items:
        if not item.owns_row or not item.progress or len(item.progress) < REUSE_MIN_CHARS:
            continue
        mine = _norm(item.progress)
        for other in _relatives(report, item):
            theirs = _norm(other.progress)
            if theirs == mine or len(theirs) < REUSE_MIN_CHARS:
                continue
            matcher = difflib.SequenceMatcher(None, mine, theirs, autojunk=False)
            shared = sum(block.size for block in matcher.get_matching_blocks() if block.size >= 8)
            if shared >= REUSE_SHARE * min(len(mine), len(theirs)):
                yield Hit(item.row, column, item.display_code,
                          {"other": other.display_code, "other_row": other.row} | _relation(item, other))
                break
