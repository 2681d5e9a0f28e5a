"""G: the grade (Etenemisaste) against the 1-5 scale."""

from __future__ import annotations

from typing import Iterator

from ._registry import Hit, RunContext, rule


@rule("G101", "missing-grade", "error")
def missing_grade(ctx: RunContext) -> Iterator[Hit]:
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
        Pick the grade from the dropdown (1-5). Use 1 when the action has not progressed; when it
        does not apply or cannot be assessed yet, pick the list's last entry ``ei sovellu / ei
        arvioitavissa``, which counts as answered and stays out of the goal's mean.
    """
    column = ctx.report.columns.get("grade")
    required = {level for level, fields in ctx.settings.required.items() if "grade" in fields}
    for item in ctx.owners():
        if item.level in required and item.grade.status == "missing":
            yield Hit(item.row, column, item.display_code, {"level": item.level})


@rule("G102", "not-a-grade", "error")
def not_a_grade(ctx: RunContext) -> Iterator[Hit]:
    """
    What it checks:
        A grade cell that does not start with a whole number 1-5: free text, a decimal (``3,5``),
        ``0``, ``6``, a lone dash. ``ei sovellu / ei arvioitavissa`` (or ``N/A``, ``ej
        tillämplig``) is not one of them: it is a grade of its own, outside the rollup.
    Why it matters:
        The rollup can only average grades on the scale; anything else is left out of the mean.
    Example:
        ``3,5`` or ``hyvä`` in Etenemisaste.
    How to fix:
        Choose one of the five grades from the dropdown; write nuances into Eteneminen.
    """
    column = ctx.report.columns.get("grade")
    for item in ctx.owners():
        if item.grade.status == "invalid":
            args = {"value": item.grade.raw}
            if item.grade.label_level:
                args["suggestion"] = item.grade.label_level
            yield Hit(item.row, column, item.display_code, args)


@rule("G103", "grade-label-mismatch", "warning")
def grade_label_mismatch(ctx: RunContext) -> Iterator[Hit]:
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
    column = ctx.report.columns.get("grade")
    for item in ctx.owners():
        g = item.grade
        if g.status == "ok" and g.label and g.label_level is not None and g.label_level != g.value:
            yield Hit(item.row, column, item.display_code,
                      {"value": g.value, "label": g.label, "label_level": g.label_level})


@rule("G104", "grade-label-wording", "info")
def grade_label_wording(ctx: RunContext) -> Iterator[Hit]:
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
    column = ctx.report.columns.get("grade")
    for item in ctx.owners():
        g = item.grade
        if g.status == "ok" and g.label and not g.label_exact and g.label_level in (None, g.value):
            yield Hit(item.row, column, item.display_code,
                      {"value": g.value, "label": g.label, "expected": ctx.settings.scale[g.value]})
