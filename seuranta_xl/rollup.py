"""Rollup: action grades into goal-level figures (mean, worst, distribution), pure functions."""

from __future__ import annotations

from dataclasses import dataclass, field
from math import fsum

from ._records import Record
from .codes import Level
from .model import Item, Report


@dataclass(slots=True)
class GoalRollup(Record):
    """One council or annual goal's computed status from the actions under it."""

    code: str  # "03.06"; council goals as "03"
    level: Level
    name: str
    row: int
    computed: float | None  # mean of the valid action grades; None when no action has one (all N/A too)
    worst: int | None
    actions: int  # actions under the goal, by code
    graded: int  # of which with a valid grade (1-5; not the ones marked not applicable)
    reported: int | None  # the goal's own grade on its row
    done_share: float | None  # share of graded actions at grade 5
    distribution: dict[int, int] = field(default_factory=lambda: {g: 0 for g in range(1, 6)})
    #: Actions marked "ei sovellu / ei arvioitavissa": counted here, in no mean, worst or distribution.
    not_applicable: int = 0

    @property
    def difference(self) -> float | None:
        """reported - computed, when both exist."""
        if self.reported is None or self.computed is None:
            return None
        return self.reported - self.computed


@dataclass(slots=True)
class Rollup(Record):
    goals: list[GoalRollup]
    #: The whole report: every action once.
    total: GoalRollup
    _by_code: dict[str, GoalRollup] = field(default_factory=dict, init=False, repr=False, compare=False)

    def get(self, code: str) -> GoalRollup | None:
        if len(self._by_code) != len(self.goals):  # built on first use (goals are unique by code)
            self._by_code = {g.code: g for g in self.goals}
        return self._by_code.get(code)


#: No grades counted yet: copied per goal (cheaper than a comprehension per goal, thousands of goals).
_NO_GRADES = {g: 0 for g in range(1, 6)}


def _summarise(code: str, level: Level, name: str, row: int, actions: list[Item],
               reported: int | None) -> GoalRollup:
    graded = [a.grade for a in actions]
    grades = [g.value for g in graded if g.value is not None]
    distribution = _NO_GRADES.copy()
    for g in grades:
        distribution[g] += 1
    return GoalRollup(
        code=code, level=level, name=name, row=row,
        computed=fsum(grades) / len(grades) if grades else None,  # statistics.fmean, without importing statistics
        worst=min(grades) if grades else None,
        actions=len(actions), graded=len(grades), distribution=distribution, reported=reported,
        done_share=(distribution[5] / len(grades)) if grades else None,
        not_applicable=[g.status for g in graded].count("na"),
    )


def compute_rollup(report: Report) -> Rollup:
    """Per annual goal: the mean of its actions' valid grades. Per council goal: the mean over all
    actions under it (not the mean of the annual means, so a goal with many actions weighs more).
    Invalid or missing grades and actions marked not applicable (counted in ``not_applicable``) are
    left out of the mean, the worst and the distribution. A duplicate goal code is rolled up once.
    """
    index = report.index()  # actions grouped under each goal code in one pass: linear in rows
    goals, seen = [], set()
    for item in report.items:
        if item.level == "action" or item.code in seen:
            continue
        seen.add(item.code)
        goals.append(_summarise(item.code, item.level, item.name, item.row,
                                index.under.get(item.code, []), item.grade.value))
    total = _summarise("", "council", report.title or "", 0, index.levels["action"], None)
    return Rollup(goals=goals, total=total)


def combine(goals: list[GoalRollup], code: str, name: str) -> GoalRollup:
    """One goal's figures over several sheets (the same council goal reported by several sectors):
    the actions of all of them, as if they stood on one sheet (means from the pooled grades)."""
    distribution = {g: sum(goal.distribution.get(g, 0) for goal in goals) for g in range(1, 6)}
    graded = sum(distribution.values())
    computed = sum(g * n for g, n in distribution.items()) / graded if graded else None
    worsts = [goal.worst for goal in goals if goal.worst is not None]
    return GoalRollup(
        code=code, level=goals[0].level if goals else "council", name=name, row=0, computed=computed,
        worst=min(worsts) if worsts else None, actions=sum(goal.actions for goal in goals), graded=graded,
        distribution=distribution, reported=None, done_share=(distribution[5] / graded) if graded else None,
        not_applicable=sum(goal.not_applicable for goal in goals))
