"""S: the reporting cycle - this report against the previous one and against the schedule.

These rules run only when the run has what they compare with: S101 a previous report
(``--previous``, ``validate(previous=…)``), S102 and S103 a ``[seuranta.schedule]``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from ..grades import Grade
from ..model import Item
from ._registry import Hit, RunContext, decimal, rule

#: Behind the schedule by less than this: a note, not a warning.
WARNING_SHORTFALL = 1.0


def _grade_key(grade: Grade) -> tuple[Any, ...]:
    """What "the same grade" compares: the number, or N/A, or the very text of an invalid one."""
    return (grade.status, grade.value, grade.raw if grade.status == "invalid" else None)


def _grade_word(data: dict[str, Any], lang: str) -> dict[str, str]:
    from ..messages import t

    grade = data.get("grade")
    if data.get("not_applicable"):
        return {"grade_text": t("grade.not_applicable", lang)}
    return {"grade_text": "–" if grade is None else str(grade)}


def _previous_owners(ctx: RunContext) -> dict[str, Item]:
    """The previous report's actions that carry their row's fields, by code (the first of a duplicate)."""
    found: dict[str, Item] = {}
    for item in ctx.previous.items if ctx.previous is not None else ():
        if item.level == "action" and item.owns_row:
            found.setdefault(item.code, item)
    return found


@rule("S101", "not-updated-since-previous", "info", params=_grade_word)
def not_updated(ctx: RunContext) -> Iterator[Hit]:
    """
    What it checks:
        An action whose grade and progress text (Eteneminen) are the same as in the previous
        report: the grade unchanged and the text identical or nearly identical (the same test as
        ``compare``'s "narrative copied forward"). Runs only when the previous report is given
        (``--previous OLD``); actions are matched by code, on the sheet of the same name.
        Not reported for an action at 5 (done) or marked not applicable, whose text need not change.
    Why it matters:
        A row copied forward unchanged is the most common sign that nobody updated it: the
        council reads last period's situation as this period's.
    Example:
        ``12.03.01`` at grade 4 in both the 1-8 and the 1-12 report, with the same Eteneminen.
    How to fix:
        Ask the responsible person for this period's situation and update the text (and the
        grade, if it moved). If nothing happened, say so and why.
    """
    if ctx.previous is None:
        return
    from ..comparison import narrative_copied

    column = ctx.report.columns.get("progress")
    before = _previous_owners(ctx)
    name = Path(ctx.previous.source).name
    for item in ctx.owners():
        old = before.get(item.code) if item.level == "action" else None
        if old is None or _grade_key(old.grade) != _grade_key(item.grade):
            continue
        if item.grade.value == 5 or item.grade.not_applicable:
            continue
        if narrative_copied(old.progress, item.progress):
            yield Hit(item.row, column, item.display_code, {
                "grade": item.grade.value, "not_applicable": item.grade.not_applicable,
                "previous": name, "previous_sheet": ctx.previous.sheet, "previous_row": old.row})


def _expected_text(data: dict[str, Any], lang: str) -> dict[str, str]:
    return {"expected_text": decimal(data["expected"], lang, digits=1)}


@rule("S102", "behind-schedule", "warning", params=_expected_text)
def behind_schedule(ctx: RunContext) -> Iterator[Hit]:
    """
    What it checks:
        An action whose grade is below the level the schedule (``[seuranta.schedule]``) expects
        by the report's period: interpolated linearly from ``baseline`` at the term's ``start`` to
        ``target`` at its ``end``, or given per period (``periods``). The period is the one in the
        sheet's title (``1 - 8 / 2026``) or ``--period``. A shortfall of a whole grade or more is
        a warning, a smaller one a note. Runs only with a schedule; actions marked not
        applicable and grades missing or invalid (G101, G102) are not compared.
    Why it matters:
        The mean of a goal can look fine while single actions fall behind the term's plan; the
        council needs to see them while there is still time to act.
    Example:
        With ``start = "2025-06"``, ``end = "2029-05"`` and ``target = 5``, the report 1-8/2027
        expects about 2.5: an action at 2 is behind (a note), one at 1 is a warning.
    How to fix:
        Nothing to fix in the cell if the grade is true: explain the delay and the plan to catch
        up in Eteneminen and the risks column. If the schedule itself is off, correct it.
    """
    schedule = ctx.settings.schedule
    if schedule is None:
        return
    expected = schedule.expected(ctx.period)
    if expected is None:
        return  # no period (S103 says so), or one before the schedule starts
    column = ctx.report.columns.get("grade")
    for item in ctx.owners():
        value = item.grade.value
        if item.level != "action" or value is None or value >= expected - 1e-9:
            continue
        shortfall = expected - value
        yield Hit(item.row, column, item.display_code, {
            "grade": value, "expected": round(expected, 2), "period": ctx.period,
            "shortfall": round(shortfall, 2)}, severity=None if shortfall >= WARNING_SHORTFALL - 1e-9 else "info")


@rule("S103", "period-unknown", "warning")
def period_unknown(ctx: RunContext) -> Iterator[Hit]:
    """
    What it checks:
        A schedule is set (``[seuranta.schedule]``) but the report's period cannot be read: the
        sheet's title names none (``Tavoitteiden ja toimenpiteiden seuranta 1 - 8 / 2026``) and
        none was given (``--period``). Reported once, about the whole report.
    Why it matters:
        Without the period no action can be compared with the schedule, and S102 would stay
        silent as if every action were on time.
    Example:
        A report whose title row says only ``Tavoitteiden ja toimenpiteiden seuranta``.
    How to fix:
        Write the period into the title (``1 - 8 / 2026``), or give it with ``--period 1-8/2026``.
    """
    schedule = ctx.settings.schedule
    if schedule is None:
        return
    from ..schedule import month_of

    if month_of(ctx.period, year_alone=True) is None:
        yield Hit(None, None, None, {"period": ctx.period or "–"})
