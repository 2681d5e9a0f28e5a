"""R: fields each level must fill in (``settings.required``).

The grade is not here: G101 is the required-grade rule (it reads ``required`` too), so a missing
grade is reported once. Items that share their row with a deeper item (``owns_row`` False) have
no fields of their own and are never reported as missing anything.
"""

from __future__ import annotations

from typing import Iterator

from ..header import TITLES
from ..model import Item
from ._registry import Hit, RunContext, rule

# Fields with their own rule; any other required field is R104's.
_OWN_RULE = {"grade", "progress", "responsible"}


def _empty(item: Item, field: str) -> bool:
    value = getattr(item, field)
    return value is None or (isinstance(value, str) and not value.strip())


def _missing(ctx: RunContext, field: str) -> Iterator[Hit]:
    column = ctx.report.columns.get(field)
    if column is None:
        return  # no such column at all: R105 says so once, instead of once per row
    levels = {level for level, fields in ctx.settings.required.items() if field in fields}
    for item in ctx.owners():
        if item.level in levels and _empty(item, field):
            yield Hit(item.row, column, item.display_code, {"level": item.level})


@rule("R101", "missing-progress", "warning")
def missing_progress(ctx: RunContext) -> Iterator[Hit]:
    """
    What it checks:
        An item whose level must report progress (``required``; by default actions and annual
        goals) and whose Eteneminen cell is empty - also one marked ``ei sovellu / ei
        arvioitavissa``, whose text says why.
    Why it matters:
        The grade says how far; the text says what was done and what is next. The council
        cannot judge a grade without it.
    Example:
        ``07.05.02 Varmistamme maahanmuuttajien …`` with grade 2 and an empty Eteneminen.
    How to fix:
        Write a few sentences on what has been done in the period and what comes next.
    """
    return _missing(ctx, "progress")


@rule("R102", "missing-responsible", "warning")
def missing_responsible(ctx: RunContext) -> Iterator[Hit]:
    """
    What it checks:
        An item whose level must name a responsible (``required``; by default actions and
        annual goals) and whose Vastuuhenkilö cell is empty.
    Why it matters:
        Nobody is asked about an action without an owner; follow-up questions go nowhere.
    Example:
        ``10.01.01 …`` with an empty Vastuuhenkilö.
    How to fix:
        Pick the responsible role from the dropdown.
    """
    return _missing(ctx, "responsible")


@rule("R103", "missing-risks", "info")
def missing_risks(ctx: RunContext) -> Iterator[Hit]:
    """
    What it checks:
        An action or annual goal (any level with required fields) whose risks column is
        empty. Not reported on a row whose text stands in a name column (C102 says the risks
        probably are there), nor when ``risks`` is itself required (then R104 reports it).
    Why it matters:
        Often there simply is no significant risk, so this is only a note; but an empty cell
        cannot tell "no risks" from "forgot to fill in".
    Example:
        ``03.05.01 Tarkennamme …`` with nothing under Merkittävimmät … riskit.
    How to fix:
        Write the main risks, or e.g. ``Ei merkittäviä riskejä`` when there are none.
    """
    column = ctx.report.columns.get("risks")
    if column is None:
        return
    stray_rows = {r.row for r in ctx.report.rows if r.stray}
    levels = {level for level, fields in ctx.settings.required.items() if fields and "risks" not in fields}
    for item in ctx.owners():
        if item.level in levels and item.row not in stray_rows:
            risks = item.risks
            if risks is None or (risks.__class__ is str and not risks.strip()):
                yield Hit(item.row, column, item.display_code, {"level": item.level})


@rule("R104", "missing-required-field", "warning")
def missing_required_field(ctx: RunContext) -> Iterator[Hit]:
    """
    What it checks:
        Any other field a level is configured to require (``required``, e.g. ``risks`` or
        ``status`` for actions) that is empty. Grade, progress and responsible have their own
        rules (G101, R101, R102).
    Why it matters:
        A municipality that makes a field mandatory wants every row to have it; this is how
        the tool enforces their own policy.
    Example:
        With ``required.action = ["grade", "progress", "responsible", "risks"]``, an action
        with an empty risks column.
    How to fix:
        Fill in the field named in the message.
    """
    columns = ctx.report.columns
    fields_of = {level: [f for f in fields if f not in _OWN_RULE and f not in ("council", "annual", "action")
                         and f in columns] for level, fields in ctx.settings.required.items()}
    for item in ctx.owners():
        for field in fields_of.get(item.level, ()):
            if _empty(item, field):
                args = {"title": TITLES[field], "field": field, "level": item.level}
                yield Hit(item.row, columns.get(field), item.display_code, args)


@rule("R105", "missing-required-column", "warning")
def missing_required_column(ctx: RunContext) -> Iterator[Hit]:
    """
    What it checks:
        A field some level must fill in (``required``) that has no column in the report's
        header at all. Reported once, on the header row, instead of once per row.
    Why it matters:
        A report laid out without, say, Vastuuhenkilö cannot meet the requirement on any row;
        the layout differs from the template, or the column's title is misspelled so that it
        was not recognised.
    Example:
        A sheet whose columns are Toimenpide, Etenemisaste and Eteneminen only, with the
        default requirements (Vastuuhenkilö missing).
    How to fix:
        Add the column with its usual title (see the template), or correct the title of the
        existing column, or drop the field from ``required``.
    """
    wanted: list[str] = []
    for level, fields in ctx.settings.required.items():
        if not ctx.index.levels.get(level):
            continue
        for field in fields:
            if field not in wanted and field not in ("council", "annual", "action"):
                wanted.append(field)
    for field in wanted:
        if field not in ctx.report.columns:
            yield Hit(ctx.report.header_row, None, None, {"title": TITLES[field], "field": field})
