"""U: a goal's own grade against the grades of its actions (see :mod:`seuranta_xl.rollup`)."""

from __future__ import annotations

from typing import Iterator

from ..codes import display_code
from ..model import Item, Report
from ..rollup import compute_rollup
from ..settings import Settings
from ._registry import Hit, level_args, rule

#: A mean this good hides a weak action at WEAK_GRADE or below.
HIDING_MEAN = 3.5
WEAK_GRADE = 2


def _mean(value: float) -> dict[str, str]:
    """The mean for messages: ``3.44`` in English, ``3,44`` in Finnish (decimal comma)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return {"mean_en": text, "mean_fi": text.replace(".", ",")}


def _graded_actions(report: Report) -> dict[str, list[Item]]:
    """Goal code → its graded actions in sheet order (one pass, like compute_rollup)."""
    under: dict[str, list[Item]] = {}
    for action in report.actions:
        if action.grade.value is not None:
            annual, council = action.code.rsplit(".", 1)[0], action.code.split(".", 1)[0]
            under.setdefault(annual, []).append(action)
            under.setdefault(council, []).append(action)
    return under


@rule("U101", "reported-grade-differs-from-actions", "warning",
      fi="{level_fi_cap} {code}: oma etenemisaste {reported}, toimenpiteiden keskiarvo {mean_fi} "
         "(heikoin {worst}; toimenpiteet {grades}).",
      en="{level_en_cap} {code}: own grade {reported}, mean of its actions {mean_en} "
         "(worst {worst}; actions {grades}).")
def reported_differs(report: Report, settings: Settings) -> Iterator[Hit]:
    """
    What it checks:
        A goal (annual or council-term) with its own grade on its row, where that grade
        differs from the mean of its actions' grades by ``mismatch_threshold`` (default 1.0)
        or more. The finding states both numbers, the worst action grade and the grades.
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
    column = report.columns.get("grade")
    under = _graded_actions(report)
    for goal in compute_rollup(report).goals:
        diff = goal.difference
        if diff is None or abs(diff) < settings.mismatch_threshold - 1e-9:
            continue
        grades = [a.grade.value for a in under.get(goal.code, [])]
        yield Hit(goal.row, column, display_code(goal.code), {
            "reported": goal.reported, "computed": round(goal.computed, 2),
            "worst": goal.worst, "grades": ", ".join(map(str, grades)), "difference": round(diff, 2),
        } | _mean(goal.computed) | _cap(goal.level))


@rule("U102", "mean-hides-weak-action", "warning",
      fi="{level_fi_cap} {code}: toimenpiteiden keskiarvo {mean_fi} näyttää hyvältä, mutta heikko "
         "toimenpide jää piiloon: {weak}.",
      en="{level_en_cap} {code}: the mean of its actions {mean_en} looks good but hides a weak "
         "action: {weak}.")
def mean_hides_weak(report: Report, settings: Settings) -> Iterator[Hit]:
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
    column = report.columns.get("grade")
    under = _graded_actions(report)
    for goal in compute_rollup(report).goals:
        if goal.computed is None or goal.computed < HIDING_MEAN or goal.worst is None or goal.worst > WEAK_GRADE:
            continue
        weak = [a for a in under.get(goal.code, []) if a.grade.value <= WEAK_GRADE]
        yield Hit(goal.row, column, display_code(goal.code), {
            "computed": round(goal.computed, 2), "worst": goal.worst,
            "weak": ", ".join(f"{a.display_code} ({a.grade.value})" for a in weak),
            "weak_codes": [a.code for a in weak],
        } | _mean(goal.computed) | _cap(goal.level))


def _cap(level: str) -> dict[str, str]:
    args = level_args(level)
    return {"level_fi_cap": args["level_fi"].capitalize(), "level_en_cap": args["level_en"].capitalize()}
