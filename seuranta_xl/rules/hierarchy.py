"""H: the goal hierarchy told by codes."""

from __future__ import annotations

from typing import Iterator

from ..codes import display_code
from ..model import Report
from ..settings import Settings
from ._registry import Hit, rule


@rule("H102", "action-without-annual-goal", "error",
      fi="Toimenpiteen {code} vuositavoitetta {parent} ei ole raportissa.",
      en="The annual goal {parent} of action {code} is not in the report.")
def action_without_annual_goal(report: Report, settings: Settings) -> Iterator[Hit]:
    """
    What it checks:
        An action (``NN.NN.NN``) whose annual goal (``NN.NN``) has no row anywhere in the report.
    Why it matters:
        The action's grade cannot roll up into an annual goal, and readers cannot tell which goal
        the action serves. The tool never invents the missing goal.
    Example:
        ``01.03.02 …`` when no row holds ``01.03``.
    How to fix:
        Add the annual goal's row above its actions, or correct the action's code.
    """
    for item in report.actions:
        if not item.parent_found:
            yield Hit(item.row, item.column, item.display_code, {"parent": display_code(item.parent)})


@rule("H103", "annual-goal-without-council-goal", "error",
      fi="Vuositavoitteen {code} valtuustokauden tavoitetta {parent} ei ole raportissa.",
      en="The council-term goal {parent} of annual goal {code} is not in the report.")
def annual_without_council(report: Report, settings: Settings) -> Iterator[Hit]:
    """
    What it checks:
        An annual goal (``NN.NN``) whose council-term goal (``NN.``) has no row in the report.
    Why it matters:
        The council goal's rollup and the summary miss it; the report reads as if the goal
        belonged to whatever council goal stands above it.
    Example:
        ``04.02 …`` when no row holds ``04.``.
    How to fix:
        Add the council-term goal's row, or correct the annual goal's code.
    """
    for item in report.annual_goals:
        if not item.parent_found:
            yield Hit(item.row, item.column, item.display_code, {"parent": display_code(item.parent)})
