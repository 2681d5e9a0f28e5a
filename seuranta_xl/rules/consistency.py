"""U: a goal's own grade against the grades of its actions (see :mod:`seuranta_xl.rollup`)."""

from __future__ import annotations

from typing import Iterator

from ..codes import display_code
from ..model import Item, Report
from ..rollup import Rollup, compute_rollup
from ..settings import Settings
from ._registry import Hit, level_args, rule

#: A mean this good hides a weak action at WEAK_GRADE or below.
HIDING_MEAN = 3.5
WEAK_GRADE = 2


def _mean(value: float) -> dict[str, str]:
    """The mean for messages: ``3.44`` in English, ``3,44`` in Finnish (decimal comma)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return {"mean_en": text, "mean_fi": text.replace(".", ",")}


_last_rollup: list[tuple[int, tuple, Rollup]] = []


def _rollup(report: Report) -> Rollup:
    """compute_rollup, once per report for the three U rules of one check (keyed by the report and
    its items' codes, rows and grades, so a report changed in place is computed afresh)."""
    key = (id(report), tuple((i.code, i.row, i.grade.value) for i in report.items))
    if _last_rollup and _last_rollup[0][:2] == key:
        return _last_rollup[0][2]
    rollup = compute_rollup(report)
    _last_rollup[:] = [(*key, rollup)]
    return rollup


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
    for goal in _rollup(report).goals:
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
    for goal in _rollup(report).goals:
        if goal.computed is None or goal.computed < HIDING_MEAN or goal.worst is None or goal.worst > WEAK_GRADE:
            continue
        weak = [a for a in under.get(goal.code, []) if a.grade.value <= WEAK_GRADE]
        yield Hit(goal.row, column, display_code(goal.code), {
            "computed": round(goal.computed, 2), "worst": goal.worst,
            "weak": ", ".join(f"{a.display_code} ({a.grade.value})" for a in weak),
            "weak_codes": [a.code for a in weak],
        } | _mean(goal.computed) | _cap(goal.level))


@rule("U103", "status-differs-from-computed", "info",
      fi="Kokonais-tilanteessa on arvo \"{own}\", mutta toimenpiteiden etenemisasteiden keskiarvo on "
         "{computed_fi}.",
      en="Kokonais-tilanne holds \"{own}\", but the mean of the actions' grades is {computed_en}.")
def status_differs(report: Report, settings: Settings) -> Iterator[Hit]:
    """
    What it checks:
        A goal row whose Kokonais-tilanne holds a value of its own (typed by a person) that
        differs from the mean of the goal's action grades: a number that is not the mean
        rounded to one decimal, a status word (``settings.statuses``) of another band than the
        mean's (``status_thresholds``), or other text. A number off by ``mismatch_threshold``
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
    column = report.columns.get("status")
    if column is None:
        return
    rollup = {g.code: g for g in _rollup(report).goals}
    for row in report.rows:
        own = row.cells.get("status", (None, None))[1]
        goals = [rollup[c] for c in row.codes if c in rollup]
        if own is None or not goals or goals[-1].computed is None:
            continue
        goal = goals[-1]  # the deepest goal on the row holds the row's Kokonais-tilanne
        severity = _status_severity(own, goal.computed, settings)
        if severity is not None:
            yield Hit(row.row, column, display_code(goal.code), {
                "own": own, "computed": round(goal.computed, 2),
                "computed_fi": f"{goal.computed:.1f}".replace(".", ","),
                "computed_en": f"{goal.computed:.1f}"}, severity=severity)


def _status_severity(own: object, computed: float, settings: Settings) -> str | None:
    """None when ``own`` agrees with ``computed``; else how much the difference weighs."""
    number = None
    if isinstance(own, (int, float)) and not isinstance(own, bool):
        number = float(own)
    elif isinstance(own, str):
        try:
            number = float(own.strip().replace(",", "."))
        except ValueError:
            number = None
    if number is not None:
        if round(number, 1) == round(computed, 1):
            return None
        return "warning" if abs(number - computed) >= settings.mismatch_threshold - 1e-9 else "info"
    if isinstance(own, str) and own.strip() in settings.statuses:
        expected = min(settings.status_thresholds.status_index(computed), len(settings.statuses) - 1)
        return None if settings.statuses.index(own.strip()) == expected else "warning"
    return "info"


def _cap(level: str) -> dict[str, str]:
    args = level_args(level)
    return {"level_fi_cap": args["level_fi"].capitalize(), "level_en_cap": args["level_en"].capitalize()}
