"""H: the goal hierarchy told by codes."""

from __future__ import annotations

from typing import Iterator

from ..codes import display_code
from ..header import TITLES
from ._registry import Hit, RunContext, rule


@rule("H102", "action-without-annual-goal", "error")
def action_without_annual_goal(ctx: RunContext) -> Iterator[Hit]:
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
        (A report laid out without annual goals at all - no Vuositavoite column and no
        ``NN.NN`` code anywhere - is a layout, not a fault, and is not reported.)
    """
    if not _level_in_layout(ctx, "annual"):
        return
    for item in ctx.index.levels["action"]:
        if not item.parent_found:
            yield Hit(item.row, item.column, item.display_code, {"parent": display_code(item.parent)})


@rule("H103", "annual-goal-without-council-goal", "error")
def annual_without_council(ctx: RunContext) -> Iterator[Hit]:
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
        (A report laid out without council-term goals at all - no Valtuustokauden tavoite
        column and no ``NN.`` code anywhere - is a layout, not a fault, and is not reported.)
    """
    if not _level_in_layout(ctx, "council"):
        return
    for item in ctx.index.levels["annual"]:
        if not item.parent_found:
            yield Hit(item.row, item.column, item.display_code, {"parent": display_code(item.parent)})


@rule("H101", "duplicate-code", "error")
def duplicate_code(ctx: RunContext) -> Iterator[Hit]:
    """
    What it checks:
        A goal or action code that stands on more than one row. Each later occurrence is
        reported and points at the first.
    Why it matters:
        A duplicate usually means a copied row whose code was not changed: the rollup counts
        the actions twice, and the dropdowns and summaries show the goal twice.
    Example:
        ``03.06.02`` on row 25 and again on row 31.
    How to fix:
        Give the copied row its own code, or delete the extra row.
    """
    first: dict[str, int] = {}
    for item in ctx.report.items:
        if item.code in first:
            yield Hit(item.row, item.column, item.display_code, {"first_row": first[item.code]})
        else:
            first[item.code] = item.row


@rule("H104", "listed-under-other-goal", "warning")
def listed_under_other_goal(ctx: RunContext) -> Iterator[Hit]:
    """
    What it checks:
        An action (or annual goal) whose code names a parent that exists in the report, but
        which stands under another goal's heading: its code says ``01.01``, the nearest annual
        goal above it is ``01.03``. Not reported when the parent is missing altogether (that is
        H102/H103).
    Why it matters:
        The tool rolls the grade up by code, into ``01.01``; a reader of the sheet sees it
        under ``01.03``. One of the two is wrong, and the council reads the sheet.
    Example:
        ``01.01.02 …`` on a row below ``01.03 …`` with ``01.01`` higher up.
    How to fix:
        Move the row under its own goal, or correct its code if it really belongs here.
    """
    for item in ctx.report.items:
        if item.parent is None or not item.parent_found or item.heading is None:
            continue
        if item.heading != item.parent:
            args = {"parent": display_code(item.parent), "heading": display_code(item.heading), "level": item.level}
            yield Hit(item.row, item.column, item.display_code, args)


@rule("H105", "non-canonical-code", "warning")
def non_canonical_code(ctx: RunContext) -> Iterator[Hit]:
    """
    What it checks:
        A code typed in another form than ``NN.`` (council-term goal), ``NN.NN`` (annual goal)
        or ``NN.NN.NN`` (action) followed by a space: single digits (``1.3.2``), trailing
        punctuation (``01.05.01.``, ``01.05:``), no space before the name, or a council code
        without its dot. The tool recognises and normalises it.
    Why it matters:
        Sorting, filtering and lookups in Excel compare text: ``1.3.2`` and ``01.03.02`` are
        different strings, so the row goes missing from filters and other tools.
    Example:
        ``1.3.2 Kehitämme …`` (read as ``01.03.02``).
    How to fix:
        Type the code in the standard form shown in the message.
    """
    for item in ctx.report.items:
        if not item.canonical:
            yield Hit(item.row, item.column, item.display_code, {"raw": item.raw_code})


@rule("H106", "code-without-name", "warning")
def code_without_name(ctx: RunContext) -> Iterator[Hit]:
    """
    What it checks:
        A code cell that holds only the code, with no name of the goal or action after it.
    Why it matters:
        The report is read by people: a bare ``01.05`` says nothing to the council, and the
        summaries and dropdowns show an empty name.
    Example:
        ``01.05`` alone in Vuositavoite.
    How to fix:
        Write the goal's or action's name after the code in the same cell.
    """
    for item in ctx.report.items:
        if not item.name.strip():
            yield Hit(item.row, item.column, item.display_code)


@rule("H107", "row-without-code", "warning")
def row_without_code(ctx: RunContext) -> Iterator[Hit]:
    """
    What it checks:
        A row below the header that holds something (risks, a grade, progress text, a
        responsible, or text in a name column) but no code in any name column.
    Why it matters:
        Without a code the row belongs to no goal: its grade does not roll up and its text
        is not shown with any goal. Often the code was deleted by accident, or the text was
        meant for the row above.
    Example:
        A row with ``Resurssipula`` in the risks column, progress text and ``Talousjohtaja``
        but no code.
    How to fix:
        Add the code of the goal or action the row describes, or move its text to the right
        row and delete this one.
    """
    for row in ctx.index.uncoded:
        names = list(row.cells)
        first = row.cells[names[0]][0]
        yield Hit(row.row, first, None, {"fields": ", ".join(TITLES[n] for n in names)})


def _level_in_layout(ctx: RunContext, level: str) -> bool:
    """Whether the report has that level at all: its column in the header, or any item of it."""
    return level in ctx.report.columns or bool(ctx.index.levels[level])
