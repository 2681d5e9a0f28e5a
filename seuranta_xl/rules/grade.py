"""G: the grade (Etenemisaste) against the 1-5 scale."""

from __future__ import annotations

from typing import Iterator

from ..model import Report
from ..settings import Settings
from ._registry import Hit, level_args, rule


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
            yield Hit(item.row, column, item.display_code, level_args(item.level))


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


@rule("G103", "grade-label-mismatch", "warning",
      fi="Etenemisasteen luku {value} ja teksti eivät täsmää: \"{label}\" on asteen {label_level} kuvaus. "
         "Luku ratkaisee ({value}); tarkista kumpi on oikein.",
      en="Grade number {value} and its label disagree: \"{label}\" is the label of {label_level}. "
         "The number counts ({value}); check which one is right.")
def grade_label_mismatch(report: Report, settings: Settings) -> Iterator[Hit]:
    """
    What it checks:
        A grade whose number is on the scale but whose label text is the label of another
        grade, e.g. ``2 Toteutus on aloitettu, ei vielä valmis`` (that text belongs to 3).
    Why it matters:
        The number is what the rollup averages, but a reader trusts the words. When they
        disagree, either the goal's status or the text shown to the council is wrong.
    Example:
        ``2 Toteutus on aloitettu, ei vielä valmis`` in Etenemisaste.
    How to fix:
        Pick the grade again from the dropdown so that number and label come from the same
        line of the scale.
    """
    column = report.columns.get("grade")
    for item in _graded_items(report):
        g = item.grade
        if g.status == "ok" and g.label and g.label_level is not None and g.label_level != g.value:
            yield Hit(item.row, column, item.display_code,
                      {"value": g.value, "label": g.label, "label_level": g.label_level})


@rule("G104", "grade-label-wording", "info",
      fi="Etenemisasteen {value} teksti \"{label}\" poikkeaa asteikon sanamuodosta \"{expected}\".",
      en="The wording of grade {value} \"{label}\" differs from the scale's \"{expected}\".")
def grade_label_wording(report: Report, settings: Settings) -> Iterator[Hit]:
    """
    What it checks:
        A grade whose label is not word for word the scale's label for its number (a typo, an
        old wording, a shortened label). Only reported when the label does not point at
        another grade; that case is G103.
    Why it matters:
        The number decides and the grade still counts, so this is only a note; but a report
        going to the council should use the agreed wording, and the dropdown would have.
    Example:
        ``4 Toteutusvaiheessa lähellä valmistumista, ei vielä viimeistelyä/käyttöön otettu``
        (the scale says ``viimeistelty``).
    How to fix:
        Pick the grade again from the dropdown; it writes the scale's own wording.
    """
    column = report.columns.get("grade")
    for item in _graded_items(report):
        g = item.grade
        if g.status == "ok" and g.label and not g.label_exact and g.label_level in (None, g.value):
            yield Hit(item.row, column, item.display_code,
                      {"value": g.value, "label": g.label, "expected": settings.scale[g.value]})
