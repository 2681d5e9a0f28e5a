"""G: the grade (Etenemisaste) against the 1-5 scale."""

from __future__ import annotations

from typing import Iterator

from ..model import Report
from ..settings import Settings
from ._registry import Hit, rule


def _graded_items(report: Report):
    """Items that carry their row's grade (a goal sharing a row with its first action does not)."""
    return (i for i in report.items if i.owns_row)


@rule("G101", "missing-grade", "error",
      fi="Etenemisaste puuttuu ({level_fi} {code}).",
      en="Grade is missing ({level_en} {code}).")
def missing_grade(report: Report, settings: Settings) -> Iterator[Hit]:
    """
    What it checks:
        An action or an annual goal whose Etenemisaste cell is empty (the levels that must have a
        grade are set by ``required``; by default actions and annual goals).
    Why it matters:
        An action without a grade drops out of its goal's rollup, so the goal's status is computed
        from fewer actions than it has, and nobody notices.
    Example:
        ``01.05.01 Harmonisoimme …`` with an empty Etenemisaste.
    How to fix:
        Pick the grade from the dropdown (1-5). Use 1 when the action has not progressed or does
        not apply.
    """
    column = report.columns.get("grade")
    for item in _graded_items(report):
        if "grade" in settings.required.get(item.level, []) and item.grade.status == "missing":
            yield Hit(item.row, column, item.display_code, _level_args(item.level))


@rule("G102", "not-a-grade", "error",
      fi="Etenemisaste \"{value}\" ei ole asteikon arvo 1–5.",
      en="Grade \"{value}\" is not a value of the 1–5 scale.")
def not_a_grade(report: Report, settings: Settings) -> Iterator[Hit]:
    """
    What it checks:
        A grade cell that does not start with a whole number 1-5: free text, a decimal (``3,5``),
        ``0``, ``6``.
    Why it matters:
        The rollup can only average grades on the scale; anything else is left out of the mean.
    Example:
        ``3,5`` or ``hyvä`` in Etenemisaste.
    How to fix:
        Choose one of the five grades from the dropdown; write nuances into Eteneminen.
    """
    column = report.columns.get("grade")
    for item in _graded_items(report):
        if item.grade.status == "invalid":
            args = {"value": item.grade.raw}
            if item.grade.label_level:
                args["suggestion"] = item.grade.label_level
            yield Hit(item.row, column, item.display_code, args)


LEVEL_NAMES = {
    "council": ("valtuustokauden tavoite", "council-term goal"),
    "annual": ("vuositavoite", "annual goal"),
    "action": ("toimenpide", "action"),
}


def _level_args(level: str) -> dict[str, str]:
    fi, en = LEVEL_NAMES[level]
    return {"level_fi": fi, "level_en": en}
