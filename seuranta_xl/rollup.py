"""Rollup: action grades into goal-level figures (mean, worst, distribution), pure functions."""

from __future__ import annotations

from statistics import fmean

from pydantic import BaseModel, Field

from .codes import Level
from .model import Item, Report


class GoalRollup(BaseModel):
    """One council or annual goal's computed status from the actions under it."""

    code: str  # "03.06"; council goals as "03"
    level: Level
    name: str
    row: int
    computed: float | None  # mean of the valid action grades; None when no action has one
    worst: int | None
    actions: int  # actions under the goal, by code
    graded: int  # of which with a valid grade
    distribution: dict[int, int] = Field(default_factory=lambda: {g: 0 for g in range(1, 6)})
    reported: int | None  # the goal's own grade on its row
    done_share: float | None  # share of graded actions at grade 5

    @property
    def difference(self) -> float | None:
        """reported - computed, when both exist."""
        if self.reported is None or self.computed is None:
            return None
        return self.reported - self.computed


class Rollup(BaseModel):
    goals: list[GoalRollup]
    #: The whole report: every action once.
    total: GoalRollup

    def get(self, code: str) -> GoalRollup | None:
        return next((g for g in self.goals if g.code == code), None)


def _summarise(code: str, level: Level, name: str, row: int, actions: list[Item],
               reported: int | None) -> GoalRollup:
    grades = [a.grade.value for a in actions if a.grade.value is not None]
    distribution = {g: 0 for g in range(1, 6)}
    for g in grades:
        distribution[g] += 1
    # model_construct: every field is computed here from validated items, nothing to check again.
    return GoalRollup.model_construct(
        code=code, level=level, name=name, row=row,
        computed=fmean(grades) if grades else None,
        worst=min(grades) if grades else None,
        actions=len(actions), graded=len(grades), distribution=distribution, reported=reported,
        done_share=(distribution[5] / len(grades)) if grades else None,
    )


def compute_rollup(report: Report) -> Rollup:
    """Per annual goal: the mean of its actions' valid grades. Per council goal: the mean over all
    actions under it (not the mean of the annual means, so a goal with many actions weighs more).
    Invalid or missing grades are left out of the mean. A duplicate goal code is rolled up once.
    """
    # One pass grouping actions by their annual and council prefixes keeps this linear in rows.
    by_prefix: dict[str, list[Item]] = {}
    for action in report.actions:
        annual, council = action.code.rsplit(".", 1)[0], action.code.split(".", 1)[0]
        by_prefix.setdefault(annual, []).append(action)
        by_prefix.setdefault(council, []).append(action)
    goals, seen = [], set()
    for item in report.items:
        if item.level == "action" or item.code in seen:
            continue
        seen.add(item.code)
        goals.append(_summarise(item.code, item.level, item.name, item.row,
                                by_prefix.get(item.code, []), item.grade.value))
    total = _summarise("", "council", report.title or "", 0, report.actions, None)
    return Rollup(goals=goals, total=total)


def combine(goals: list[GoalRollup], code: str, name: str) -> GoalRollup:
    """One goal's figures over several sheets (the same council goal reported by several sectors):
    the actions of all of them, as if they stood on one sheet (means from the pooled grades)."""
    distribution = {g: sum(goal.distribution.get(g, 0) for goal in goals) for g in range(1, 6)}
    graded = sum(distribution.values())
    computed = sum(g * n for g, n in distribution.items()) / graded if graded else None
    worsts = [goal.worst for goal in goals if goal.worst is not None]
    return GoalRollup.model_construct(
        code=code, level=goals[0].level if goals else "council", name=name, row=0, computed=computed,
        worst=min(worsts) if worsts else None, actions=sum(goal.actions for goal in goals), graded=graded,
        distribution=distribution, reported=None, done_share=(distribution[5] / graded) if graded else None)
