"""H: the goal hierarchy told by codes."""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from ..codes import CANONICAL_SUFFIX, CodeForm, code_form, display_code
from ..model import Item
from ..header import TITLES
from ..messages import t
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


#: A sheet's own way of writing codes (:func:`code_convention`) is accepted once at least this many
#: codes are written in it, and more than half of all its codes.
CONVENTION_MIN_CODES = 3


class CodeConvention:
    """The one non-canonical form most of a sheet's codes share (``1.`` / ``1.5`` / ``1.5.1``, or
    ``1.5.1.``, or ``1.5:``): the punctuation after the council goals' codes, the punctuation after
    the annual goals' and actions' codes, the zero padding and the space before the name - each
    the majority's (a tie goes to the standard)."""

    __slots__ = ("forms", "padding", "suffix", "spaced", "holders")

    def __init__(self, forms: dict[int, CodeForm], padding: str, suffix: dict[str, str], spaced: bool) -> None:
        self.forms, self.padding, self.suffix, self.spaced = forms, padding, suffix, spaced
        self.holders: list[Item] = []  # the non-canonical codes written in the convention, in sheet order

    def fits(self, item: Item) -> bool:
        form = self.forms[id(item)]
        return (form.padding in (self.padding, "either") and form.suffix == self.suffix[form.level]
                and form.spaced == self.spaced)


def _form_of(item: Item, ctx: RunContext) -> CodeForm:
    if item.canonical:  # (no second parse: only the padding can differ, "10.12" is either)
        padding = "padded" if any(p[:1] == "0" for p in item.raw_code.split(".")) else "either"
        return CodeForm(item.level, padding, CANONICAL_SUFFIX[item.level], True)
    row = ctx.index.row_of.get(item.row)
    value = next((v for letter, v in row.cells.values() if letter == item.column), None) if row else None
    return code_form(value) or CodeForm(item.level, "mixed", "?", True)


def _majority(counts: Counter, standard: object) -> object:
    """The most common value; among equally common ones the standard, when it is one of them."""
    if not counts:
        return standard
    top = max(counts.values())
    return standard if counts.get(standard) == top else counts.most_common(1)[0][0]


def code_convention(ctx: RunContext) -> CodeConvention | None:
    """The sheet's own non-canonical way of writing codes, when it has one (see H108), else None."""
    return ctx.shared("code_convention", _code_convention)


def _code_convention(ctx: RunContext) -> CodeConvention | None:
    items = ctx.report.items
    if all(item.canonical for item in items):
        return None
    forms = {id(item): _form_of(item, ctx) for item in items}
    padding = _majority(Counter(f.padding for f in forms.values() if f.padding in ("padded", "unpadded")), "padded")
    # the council goals' punctuation apart (theirs is a dot), the annual goals' and actions' together
    council = _majority(Counter(f.suffix for f in forms.values() if f.level == "council"), ".")
    deeper = _majority(Counter(f.suffix for f in forms.values() if f.level != "council"), "")
    suffix = {"council": council, "annual": deeper, "action": deeper}
    spaced = bool(_majority(Counter(f.spaced for f in forms.values()), True))
    if padding == "padded" and suffix == CANONICAL_SUFFIX and spaced:
        return None  # the standard form is the sheet's own: every other code is reported (H105)
    convention = CodeConvention(forms, padding, suffix, spaced)
    fitting = [item for item in items if convention.fits(item)]
    convention.holders = [item for item in fitting if not item.canonical]
    if len(convention.holders) < CONVENTION_MIN_CODES or 2 * len(fitting) <= len(items):
        return None
    return convention


@rule("H105", "non-canonical-code", "warning")
def non_canonical_code(ctx: RunContext) -> Iterator[Hit]:
    """
    What it checks:
        A code typed in another form than ``NN.`` (council-term goal), ``NN.NN`` (annual goal)
        or ``NN.NN.NN`` (action) followed by a space: single digits (``1.3.2``), trailing
        punctuation (``01.05.01.``, ``01.05:``), no space before the name, or a council code
        without its dot. The tool recognises and normalises it. When most of the sheet's codes
        are written in one such form (its own convention, reported once by H108), only the
        codes written otherwise are reported here, one finding each; a code in the standard
        form is never reported.
    Why it matters:
        Sorting, filtering and lookups in Excel compare text: ``1.3.2`` and ``01.03.02`` are
        different strings, so the row goes missing from filters and other tools. A code that
        differs from the rest of its sheet (``01.5`` among ``1.5``) sorts apart from its neighbours.
    Example:
        ``1.3.2 Kehitämme …`` (read as ``01.03.02``) in a sheet that writes ``01.03.02``; or
        ``1.3.2. Kehitämme …`` in a sheet that writes ``1.3.1 …``.
    How to fix:
        Type the code in the standard form shown in the message (or, in a sheet with a
        convention of its own, in the form of the sheet's other codes).
    """
    convention = code_convention(ctx)
    for item in ctx.report.items:
        if not item.canonical and (convention is None or not convention.fits(item)):
            yield Hit(item.row, item.column, item.display_code, {"raw": item.raw_code})


def _quoted(data: dict, lang: str) -> dict[str, str]:
    return {"examples_text": ", ".join(f'"{c}"' for c in data["examples"]),
            "read_text": ", ".join(f'"{c}"' for c in data["read_as"])}


@rule("H108", "sheet-code-convention", "info", params=_quoted)
def sheet_code_convention(ctx: RunContext) -> Iterator[Hit]:
    """
    What it checks:
        A sheet that writes its codes consistently in one form other than the standard one -
        without zero padding (``1.``, ``1.5``, ``1.5.1``), with a full stop or colon after
        every code (``1.5.1.``, ``1.5:``) - at least three codes and more than half of the
        sheet's codes. It is the municipality's convention: reported once, on the first such
        code, instead of once per row (H105 still reports each code written otherwise).
    Why it matters:
        The tool reads every such code correctly (``1.5.1`` is ``01.05.01`` for the hierarchy
        and the rollup), so hundreds of identical warnings would only bury the real findings.
        Text sorts and filters in Excel still order ``1.10`` before ``1.2``, which is worth
        knowing once.
    Example:
        A sheet whose codes run ``1.``, ``1.1``, ``1.1.1``, ``1.1.2``, ``2.`` …
    How to fix:
        Nothing needs fixing. To use the standard form, retype the codes as ``01.``,
        ``01.01``, ``01.01.01``; to silence this note, ignore H108 in the settings.
    """
    convention = code_convention(ctx)
    if convention is not None:
        holders = convention.holders
        first = holders[0]
        examples = [next(i for i in holders if i.level == level) for level in CANONICAL_SUFFIX
                    if any(i.level == level for i in holders)]
        yield Hit(first.row, first.column, first.display_code,
                  {"raw": first.raw_code, "examples": [i.raw_code for i in examples],
                   "read_as": [i.display_code for i in examples],
                   "count": len(holders), "total": len(ctx.report.items)})


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
        responsible, or text in a name column) but no code in any name column. Not reported,
        because they are no report rows: section titles inside the table (one text and nothing
        else, in the table's first name column - where a title merged across the columns keeps
        it - or in capitals in any name column: ``STRATEGIA-ALUE 1: ELINVOIMA``,
        ``Hyvinvointi``), the header repeated (three column titles or more: a report pasted
        together from several sheets or pages), subtotal rows (``Yhteensä``, ``Keskiarvo``)
        and notes below the table after a blank row.
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


def _number_reading(data: dict, lang: str) -> dict[str, str]:
    key = "rule.H109.by_order" if data["by_order"] else "rule.H109.as_typed"
    return {"reason": t(key, lang, read=data["read"], other=data["other"])}


@rule("H109", "code-typed-as-number", "warning", params=_number_reading)
def code_typed_as_number(ctx: RunContext) -> Iterator[Hit]:
    """
    What it checks:
        An annual goal's code typed as a number in a code column of its own (*Nro*) with one
        decimal - ``1.1`` - where the number cannot tell ``01.01`` from ``01.10`` (a number
        keeps no trailing zero) and whose cell's number format does not show it either (General;
        under ``0.00`` it is read as shown, ``1.10``). The rows around it decide: the goal before it under the same
        council goal is ``01.09``, or the first action after it is ``01.10.01``, and no other
        row is ``01.10``: it is read as ``01.10`` (an info). Otherwise it is read as typed, and
        reported (a warning) only when that reading stands out of order - a ``01.01`` after
        ``01.09`` - so that its actions are never silently rolled up into the wrong goal.
    Why it matters:
        ``1.10`` typed into a number cell becomes 1.1: the goal would be a duplicate of
        ``01.01``, its actions ``01.10.01 …`` would have no goal, and the rollup would be wrong.
        Under the General format the zero is nowhere in the file.
    Example:
        Nro column ``1.8``, ``1.9``, ``1.1`` (typed as ``1.10``), then ``1.10.1`` as text.
    How to fix:
        Format the Nro column as text and retype the codes (``1.10``, or the standard ``01.10``),
        or write each code in front of its name.
    """
    column = ctx.report.columns.get("code")
    for row, data in sorted(ctx.report.typed_numbers.items()):
        yield Hit(row, column, data["read"], dict(data), severity="info" if data["by_order"] else None)


def _level_in_layout(ctx: RunContext, level: str) -> bool:
    """Whether the report has that level at all: its column in the header, or any item of it."""
    return level in ctx.report.columns or bool(ctx.index.levels[level])
