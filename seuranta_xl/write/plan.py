"""The plan: the ordered write actions (:mod:`seuranta_xl.write.actions`) for one workbook.

A module of its own so that a command that writes nothing (validate, rollup without ``-o``) hands
back its empty plan without loading the action kinds (their dataclasses, ~5 ms of every start).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .._records import Record

if TYPE_CHECKING:
    from .actions import Action


@dataclass(slots=True, kw_only=True)
class Plan(Record):
    """An ordered list of actions for one workbook; engines apply them in order."""

    actions: list[Action] = field(default_factory=list)

    def add(self, *actions: Action) -> "Plan":
        self.actions.extend(actions)
        return self

    def __add__(self, other: "Plan") -> "Plan":
        return Plan(actions=[*self.actions, *other.actions])
