"""U: a goal's own grade against the grades of its actions (see :mod:`seuranta_xl.rollup`)."""

from __future__ import annotations

from typing import Any, Iterator

from ..codes import display_code
from ..model import Item
from ..settings import Settings
from ._registry import Hit, RunContext, decimal, rule

#: A mean this good hides a weak action at WEAK_GRADE or below.
HIDING_MEAN = 3.5
WEAK_GRADE = 2


def _mean(data: dict[str, Any], lang: str) -> dict[str, str]:
    """The mean for messages: ``3.44`` in English, ``3,44`` in Finnish and Swedish (decimal comma)."""
    return {"mean": decimal(data["mean"], lang)}


def _graded(ctx: RunContext, code: str) -> list[Item]:
    """The goal's actions that have a valid grade, in sheet order (the index's actions under it)."""
    return [a for a in ctx.index.under.get(code, ()) if a.grade.value is not None]


@rule("U101", "reported-grade-differs-from-actions", "warning", params=_mean)
def reported_differs(ctx: RunContext) -> Iterator[Hit]:
    """
    What it checks:
        A goal (annual or council-term) with its own grade on its row, where that grade
        differs from the mean of its actions' grades by ``mismatch_threshold`` (default 1.0)
        or more. The finding states both numbers, the worst action grade and the grades.
        Actions marked not applicable (``ei sovellu / ei arvioitavissa``) are in no mean: a goal
        whose actions are all marked so has no computed value and is not compared (nor by U102,
        U103); a goal marked so itself has no grade to compare.
    Why it matters:
        The goal's grade is what the council reads first. When it says 3 while every action
        says 5 (or the other way round), either the goal was not updated or the actions were
        graded optimistically; both mislead.
    Example:
        ``15.02`` reported 3, actions 5, 5, 5 (mean 5).
    How to fix:
        Re-assess the goal's grade against its actions (the rollup command shows the
        computed value), or correct the actions' grades.
    """
    column = ctx.report.columns.get("grade")
    threshold = ctx.settings.mismatch_threshold - 1e-9
    for goal in ctx.rollup.goals:
        diff = goal.difference
        if diff is None or abs(diff) < threshold:
            continue
        grades = [a.grade.value for a in _graded(ctx, goal.code)]
        yield Hit(goal.row, column, display_code(goal.code), {
            "reported": goal.reported, "computed": round(goal.computed, 2), "mean": goal.computed,
            "worst": goal.worst, "grades": ", ".join(map(str, grades)), "difference": round(diff, 2),
            "level": goal.level})


@rule("U102", "mean-hides-weak-action", "warning", params=_mean)
def mean_hides_weak(ctx: RunContext) -> Iterator[Hit]:
    """
    What it checks:
        A goal whose actions average 3.5 or more while at least one of them is at grade 1
        or 2. Reported on the goal's row, naming the weak actions.
    Why it matters:
        A green-looking mean hides a stalled action; the council sees "on track" and the
        stalled action gets no attention.
    Example:
        ``05.01`` with actions at 2 and 5 (mean 3.5, worst 2).
    How to fix:
        Nothing to fix in the cell: mention the weak action in the goal's Eteneminen text,
        and consider whether the goal's own grade should reflect it.
    """
    column = ctx.report.columns.get("grade")
    for goal in ctx.rollup.goals:
        if goal.computed is None or goal.computed < HIDING_MEAN or goal.worst is None or goal.worst > WEAK_GRADE:
            continue
        weak = [a for a in _graded(ctx, goal.code) if a.grade.value <= WEAK_GRADE]
        yield Hit(goal.row, column, display_code(goal.code), {
            "computed": round(goal.computed, 2), "mean": goal.computed, "worst": goal.worst,
            "weak": ", ".join(f"{a.display_code} ({a.grade.value})" for a in weak),
            "weak_codes": [a.code for a in weak], "level": goal.level})


def _computed_text(data: dict[str, Any], lang: str) -> dict[str, str]:
    own = data["own"]
    number = _as_number(own)
    # the person's number and the computed one written the same way (3,5 and 3,7 in Finnish)
    own_text = decimal(number, lang, digits=2, trim=True) if number is not None else str(own)
    return {"computed_text": decimal(data["mean"], lang, digits=1, trim=False), "own_text": own_text}


#: Traffic-light words staff type in Kokonais-tilanne (fi, en, sv), by band: green, yellow, red -
#: the same bands as the status colours (``status_thresholds``).
TRAFFIC_LIGHTS: dict[str, int] = {
    "vihreä": 0, "green": 0, "grön": 0,
    "keltainen": 1, "yellow": 1, "gul": 1,
    "punainen": 2, "red": 2, "röd": 2,
}


def _as_number(own: object) -> float | None:
    if isinstance(own, (int, float)) and not isinstance(own, bool):
        return float(own)
    if isinstance(own, str):
        try:
            return float(own.strip().replace(",", "."))
        except ValueError:
            return None
    return None


@rule("U103", "status-differs-from-computed", "info", params=_computed_text)
def status_differs(ctx: RunContext) -> Iterator[Hit]:
    """
    What it checks:
        A goal row whose Kokonais-tilanne holds a value of its own (typed by a person) that
        differs from the mean of the goal's action grades: a number that is not the mean
        rounded to one decimal, a status word (``settings.statuses``) or a traffic light
        (Vihreä / Keltainen / Punainen, green / yellow / red) of another band than the mean's
        (``status_thresholds``), or other text. A number off by ``mismatch_threshold``
        or more, and a status word of the wrong band, are warnings; a smaller difference or
        free text is a note.
    Why it matters:
        The rollup never overwrites a person's own Kokonais-tilanne, so a stale or optimistic
        value would stay beside grades that say otherwise. This finding is where the computed
        value and the typed one meet.
    Example:
        ``03.06`` with Kokonais-tilanne ``4,5`` while its actions are 3, 3 and 5 (mean 3.67).
    How to fix:
        Empty the cell and run the rollup (Laske kokonaistilanne), which writes the computed
        value, or update the grades of the actions if the typed value is the truth.
    """
    column = ctx.report.columns.get("status")
    if column is None:
        return
    rollup, settings = ctx.rollup, ctx.settings
    for row in ctx.report.rows:
        if "status" not in row.cells or not row.codes:
            continue
        own = row.cells["status"][1]
        goal = None  # the deepest goal on the row holds the row's Kokonais-tilanne
        for code in reversed(row.codes):
            goal = rollup.get(code)
            if goal is not None:
                break
        if own is None or goal is None or goal.computed is None:
            continue
        severity = _status_severity(own, goal.computed, settings)
        if severity is not None:
            yield Hit(row.row, column, display_code(goal.code), {
                "own": own, "computed": round(goal.computed, 2), "mean": goal.computed}, severity=severity)


def _status_severity(own: object, computed: float, settings: Settings) -> str | None:
    """None when ``own`` agrees with ``computed``; else how much the difference weighs."""
    number = _as_number(own)
    if number is not None:
        if round(number, 1) == round(computed, 1):
            return None
        return "warning" if abs(number - computed) >= settings.mismatch_threshold - 1e-9 else "info"
    if isinstance(own, str) and own.strip() in settings.statuses:
        expected = min(settings.status_thresholds.status_index(computed), len(settings.statuses) - 1)
        return None if settings.statuses.index(own.strip()) == expected else "warning"
    if isinstance(own, str) and own.strip().casefold() in TRAFFIC_LIGHTS:
        expected = min(settings.status_thresholds.status_index(computed), 2)
        return None if TRAFFIC_LIGHTS[own.strip().casefold()] == expected else "warning"
    return "info"

