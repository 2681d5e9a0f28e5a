"""The plan: write actions as plain data, computed by the core and applied by an engine.

The openpyxl engine applies a plan to a file (headless, for IT); the xlwings engine applies the
same plan to a live workbook (the ribbon). Business logic never branches on the engine: a change
in what gets written is a change in the plan, and both engines follow.

Ranges are A1 references on one sheet (``F14:F600``); formulas are in English (Excel's
storage form), e.g. ``=AND($C14<>"",LEN(TRIM(F14))=0)``; colours are ``RRGGBB`` hex.
Every action that the tool owns carries enough to be found and removed again (``clear``).

How an engine recognises what is ours (the same in both engines, so a file written headless can be
cleared from the ribbon and the other way round):

- sheets by name (:data:`LISTS_SHEET`, :data:`SUMMARY_SHEET`, :data:`FINDINGS_SHEET`, :data:`MANIFEST_SHEET`);
- defined names by name (:data:`OWN_NAMES`);
- list validations by their source: a validation whose list is one of our names is ours;
- conditional-format rules by a tag inside the formula: ``AND(<condition>,N("seuranta_xl:<purpose>")=0)``
  (``N()`` of a text is 0, so the tag never changes the result; see :func:`tagged_formula`);
- values written into the staff's own cells (rollup values, the helper column) by the manifest: the
  record columns of our hidden lists sheet (headed :data:`MANIFEST_HEADER`, from column E, beside the
  three lists), listing each cell and the value we wrote (:class:`Manifest`). A cell whose value no
  longer equals what we wrote has been taken over by a person and is never touched again. An earlier
  release kept it on a very hidden sheet of its own (:data:`MANIFEST_SHEET`): still read, and removed
  once the record has moved.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Literal, Union

from dataclasses import dataclass, field

from .._records import Record
from .plan import Plan  # noqa: F401  (re-exported: a plan and its actions are imported together)
from ..grid import MAX_COLUMNS, MAX_ROWS, column_index, split_cell
from ..own_lists import (  # noqa: F401  (re-exported: the writers' names for them)
    ExistingName, ExistingValidation, GRADE_LIST_NAME, LISTS_SHEET, NAME_PREFIX, OWN_NAMES, ROLE_LIST_NAME, STATUS_LIST_NAME, is_own_list_source,
    persons_validations, points_at_lists, user_list_names)

#: Tag for everything seuranta_xl writes, so a later run can find and replace or remove it.
TAG = "seuranta_xl"

#: Sheets of ours. Names stay Finnish in every language so both engines and later runs find them
#: (the lists sheet's name, our list names and how a validation is told to be ours: core, own_lists.py).
SUMMARY_SHEET = "Yhteenveto"
FINDINGS_SHEET = "Tarkistus"
#: The record's very hidden sheet of its own, as the earlier release kept it: read (and removed once
#: the record has moved to the lists sheet); still written where there is no lists sheet of ours to
#: hold the record (a sheet called Listat that is the person's, or clear on a workbook without one).
MANIFEST_SHEET = "_seuranta"
CHANGES_SHEET = "Muutokset"
OWN_SHEETS = (LISTS_SHEET, SUMMARY_SHEET, FINDINGS_SHEET, MANIFEST_SHEET, CHANGES_SHEET)


_TAG_RE = re.compile(r'N\("' + TAG + r':(\w+)"\)')


def tagged_formula(condition: str, purpose: str) -> str:
    """A conditional-format formula carrying our tag: true exactly when ``condition`` is."""
    condition = condition[1:] if condition.startswith("=") else condition
    return f'=AND({condition},N("{TAG}:{purpose}")=0)'


def formula_purpose(formula: str | None) -> str | None:
    """The purpose tag of one of our formulas (``"missing"``), None for anyone else's formula."""
    match = _TAG_RE.search(formula or "")
    return match.group(1) if match else None


#: Which of our marks shows when two apply to one cell: a finding over a missing value over a status
#: colour. Engines order our conditional formats by this, after all of the staff's own rules.
MARK_PRECEDENCE = {"finding": 0, "missing": 1, "status": 2}


def precedence(purpose: str) -> int:
    """Rank of one of our conditional-format purposes (lower wins); unknown purposes come last."""
    return MARK_PRECEDENCE.get(purpose, len(MARK_PRECEDENCE))


@dataclass(slots=True, kw_only=True)
class SetValues(Record):
    """Write a block of values with its top-left cell at ``anchor``. None clears a cell's value.

    Strings are always written as text, never as formulas (a finding message or a name that
    begins with ``=`` must not become a formula); the same holds for ReplaceSheet rows.
    """

    kind: Literal["set_values"] = "set_values"
    sheet: str
    anchor: str  # "E20"
    values: list[list[Any]]


@dataclass(slots=True, kw_only=True)
class ListValidation(Record):
    """A dropdown (data-validation list) on ``range`` whose items come from ``source``.

    ``stop``: invalid entries are refused (Excel's "Stop" style); otherwise warned but allowed.
    """

    kind: Literal["list_validation"] = "list_validation"
    sheet: str
    range: str  # "F14:F600"
    source: str  # "=Listat!$A$2:$A$6" or a defined name "=Etenemisaste"
    stop: bool = True
    prompt_title: str | None = None
    prompt: str | None = None
    error_title: str | None = None
    error: str | None = None


@dataclass(slots=True, kw_only=True)
class ConditionalFormat(Record):
    """A formula rule on ``range``: cells where ``formula`` is true get ``fill`` (and ``font``).

    Precedence (both engines): our rules come after all of the staff's own rules, and among ours a
    ``finding`` mark wins over ``missing``, which wins over ``status`` - whatever order the
    commands ran in (the openpyxl engine also writes the blocks in that order, which LibreOffice
    follows instead of the priorities).
    """

    kind: Literal["conditional_format"] = "conditional_format"
    sheet: str
    range: str
    formula: str  # relative to the range's top-left cell
    fill: str | None = None  # "FFC7CE"
    font: str | None = None  # "9C0006"
    stop_if_true: bool = False
    #: What the rule is for ("missing", "finding", "status"): clear removes ours by purpose.
    purpose: str


@dataclass(slots=True, kw_only=True)
class DefinedName(Record):
    """A workbook-level name (e.g. ``Etenemisaste`` → ``=Listat!$A$2:$A$6``)."""

    kind: Literal["defined_name"] = "defined_name"
    name: str
    refers_to: str


@dataclass(slots=True, kw_only=True)
class Hyperlink(Record):
    cell: str  # on the sheet being written, e.g. "F2"
    target: str  # in-workbook location, e.g. "'Raportti'!F20"
    text: str | None = None


#: The chart colours of grades 1-5: red through yellow to green (1 = dark red ... 5 = dark green).
#: Dark ends and light middle steps, with white borders between the segments, so the order is
#: readable by lightness and position too, not by hue alone (red-green colour blindness).
GRADE_PALETTE = ("C00000", "F4B183", "FFD966", "A9D18E", "548235")
#: The line between two segments of a stacked bar.
SEGMENT_BORDER = "FFFFFF"


@dataclass(slots=True, kw_only=True)
class ChartSpec(Record):
    """A chart on a sheet written by ReplaceSheet, drawn from ranges on that same sheet."""

    chart_type: Literal["bar_stacked", "column_stacked", "column", "bar"] = "bar_stacked"
    title: str
    categories: str  # "A2:A11"
    series: list[str]  # one range per series, header cell included, e.g. ["B1:B11", "C1:C11"]
    anchor: str  # top-left cell, e.g. "J2"
    width_cm: float = 18.0
    height_cm: float = 9.0
    #: One fill per series (``RRGGBB``), in series order; empty: the application's own colours.
    colors: list[str] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class ReplaceSheet(Record):
    """Create (or delete and re-create) a whole sheet of ours: lists, summary, findings."""

    kind: Literal["replace_sheet"] = "replace_sheet"
    name: str
    rows: list[list[Any]]  # values from A1
    after: str | None = None  # place after this sheet (default: last)
    header_rows: int = 1  # bold, frozen
    column_widths: dict[str, float] = field(default_factory=dict)  # "A" → width in characters
    number_formats: dict[str, str] = field(default_factory=dict)  # column letter → format, e.g. "0.0"
    hyperlinks: list[Hyperlink] = field(default_factory=list)
    charts: list[ChartSpec] = field(default_factory=list)
    hidden: bool = False
    #: Hidden so that only VBA can show it (Excel's xlSheetVeryHidden): used for the manifest.
    very_hidden: bool = False
    tab_color: str | None = None
    #: Print-ready: A4 landscape, as wide as one page (any number of pages down) - the summary and
    #: findings sheets are printed for the council.
    landscape: bool = False
    fit_width: bool = False
    #: Absolute ranges printed, each from a new page (the summary's table, then its chart beside it).
    print_area: list[str] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class PageSetup(Record):
    """The page setup of a sheet of the person's (a report sheet): a field left None is not touched.

    Used both to make a report sheet print-ready (A4 landscape, one page wide, its header rows on
    every page, the data as print area) and to undo exactly that (``clear --all``): the planner only
    asks for it where the person has set none of their own, and records what it set in the manifest
    (purpose :data:`PRINT_PURPOSE`).
    """

    kind: Literal["page_setup"] = "page_setup"
    sheet: str
    #: "landscape" / "portrait"; "default": the attribute removed (the application's default).
    orientation: Literal["landscape", "portrait", "default"] | None = None
    #: True: fit to one page wide, any number of pages tall; False: no fitting (100 %).
    fit_width: bool | None = None
    #: "a4"; "default": the attribute removed (the printer's paper).
    paper: Literal["a4", "default"] | None = None
    #: The rows repeated at the top of each page (``$13:$13``), the sheet-local name
    #: ``_xlnm.Print_Titles``; "" removes it.
    print_titles: str | None = None
    #: The print area (``$A$1:$H$120``), the sheet-local name ``_xlnm.Print_Area``; "" removes it.
    print_area: str | None = None
    #: With ``fit_width=False`` (undoing ours): the fitting as it was written before us, put back
    #: exactly where the engine can (the file engine: see :attr:`ExistingPageSetup.fit_prior`);
    #: without it, or for the other engines, "no fitting".
    fit_prior: dict[str, Any] | None = None


#: The manifest purpose of the page setup we gave a report sheet (its value: what we set, as JSON).
PRINT_PURPOSE = "print"
#: Excel's built-in names of a sheet's print titles and print area (local to the sheet).
PRINT_TITLES_NAME = "_xlnm.Print_Titles"
PRINT_AREA_NAME = "_xlnm.Print_Area"


@dataclass(slots=True, kw_only=True)
class DeleteSheet(Record):
    kind: Literal["delete_sheet"] = "delete_sheet"
    name: str


@dataclass(slots=True, kw_only=True)
class ClearOwn(Record):
    """Remove what an earlier run of ours put on ``sheet``: list validations whose source is one of
    our names (``validations``), conditional-format rules tagged with one of the purposes in
    ``formats``, and the workbook-level ``names``. Never touches anything not ours.

    Values we wrote are cleared with SetValues (None) by the planner, which knows them from the
    manifest; a ClearOwn never empties cells."""

    kind: Literal["clear_own"] = "clear_own"
    sheet: str
    validations: bool = False
    formats: list[str] = field(default_factory=list)  # purposes, e.g. ["missing", "finding"]
    names: list[str] = field(default_factory=list)
    #: Names with one of our list names that are the person's own: their dropdowns stay.
    user_names: list[str] = field(default_factory=list)


#: One write action; ``kind`` tells them apart (in a dump too).
Action = Union[SetValues, ListValidation, ConditionalFormat, DefinedName, ReplaceSheet, DeleteSheet, ClearOwn, PageSetup]


# --- what the planner needs to know about the workbook ------------------------------------------


@dataclass(slots=True, kw_only=True)
class OwnValue(Record):
    """A cell value we wrote into a sheet we do not own (rollup value, helper column cell)."""

    purpose: str  # "rollup" | "helper"
    sheet: str
    cell: str  # "E20"
    value: Any
    #: The goal whose value this is (rollup): found again by its code when rows were inserted or
    #: deleted above it, so the value follows its row.
    code: str | None = None


@dataclass(slots=True, kw_only=True)
class Manifest(Record):
    """The cells we wrote into the staff's sheets, kept in the record columns of the lists sheet
    (:func:`lists_layout`; an earlier release: the very hidden sheet :data:`MANIFEST_SHEET`).

    Stored as rows ``purpose | sheet | cell | value`` under a header row, so both engines read and
    write it as plain values; :meth:`from_rows` tolerates a missing or damaged sheet (nothing is ours)
    and skips a damaged row (its cell not a cell).
    """

    values: list[OwnValue] = field(default_factory=list)

    @classmethod
    def from_rows(cls, rows: list[list[Any]] | None) -> "Manifest":
        values = []
        for row in (rows or [])[1:]:
            row = list(row) + [None] * (5 - len(row))
            purpose, sheet, cell, value, code = row[:5]
            if isinstance(purpose, str) and isinstance(sheet, str) and _is_cell(cell) and purpose:
                values.append(OwnValue(purpose=purpose, sheet=sheet, cell=cell, value=value,
                                       code=code if isinstance(code, str) and code else None))
        return cls(values=values)

    def to_rows(self) -> list[list[Any]]:
        return [list(MANIFEST_HEADER)] + [[v.purpose, v.sheet, v.cell, v.value, v.code] for v in self.values]

    def of(self, purpose: str, sheet: str | None = None) -> list[OwnValue]:
        return [v for v in self.values if v.purpose == purpose and (sheet is None or v.sheet == sheet)]

    def helper_columns(self) -> list[tuple[str, str]]:
        """(sheet, column letter) of each sheet's helper column."""
        found = {}
        for v in self.values:
            if v.purpose == "helper":
                found.setdefault(v.sheet, v.cell.rstrip("0123456789"))
        return list(found.items())

    def replace(self, purpose: str, sheet: str, values: list[OwnValue]) -> "Manifest":
        """A copy with ``purpose`` entries of ``sheet`` replaced by ``values``."""
        kept = [v for v in self.values if not (v.purpose == purpose and v.sheet == sheet)]
        return Manifest(values=kept + list(values))

def _is_cell(value: Any) -> bool:
    """Whether a record's cell is a cell (``E20``, within XFD1048576): a row whose cell is damaged
    (``N/A``, ``A0``, ``XFE1``) names nothing of ours."""
    try:
        letters, row = split_cell(value) if isinstance(value, str) else ("", 0)
    except ValueError:
        return False
    return 1 <= row <= MAX_ROWS and column_index(letters) < MAX_COLUMNS


MANIFEST_HEADER = ("purpose", "sheet", "cell", "value", "code")
#: The header an earlier release wrote (a manifest sheet with it is ours too).
MANIFEST_HEADER_V1 = ("purpose", "sheet", "cell", "value")
#: The record's first column on a lists sheet that has none yet (0-based: E, column D left empty).
MANIFEST_COLUMN = 4


@dataclass(slots=True, kw_only=True)
class ListsLayout(Record):
    """Where things are on our lists sheet: the record (manifest) columns and everything else."""

    manifest: Manifest | None = None  # None: the sheet holds no record
    #: 0-based first column of the record (None: none yet).
    manifest_column: int | None = None
    #: Rows the record uses (header included), so a shorter record is written over them all.
    manifest_rows: int = 0
    #: The last row / column (1-based) holding anything outside the record's columns.
    rows: int = 0
    columns: int = 0


def lists_layout(rows: list[list[Any]] | None) -> ListsLayout:
    """The record on a lists sheet's values (rows from A1) and what lies outside it.

    The record is found by its header in row 1 (:data:`MANIFEST_HEADER`), wherever it stands right
    of the three lists; every engine reads the lists sheet with this one function.
    """
    rows = [list(r) for r in rows or []]
    empty = lambda v: v is None or v == ""  # noqa: E731
    first = rows[0] if rows else []
    width = len(MANIFEST_HEADER)
    column = next((c for c in range(3, len(first) - width + 1)
                   if tuple(first[c:c + width]) == MANIFEST_HEADER), None)
    layout = ListsLayout(manifest_column=column)
    if column is not None:
        layout.manifest = Manifest.from_rows([r[column:column + width] for r in rows])
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if empty(value):
                continue
            if column is not None and column <= c < column + width:
                layout.manifest_rows = r
            else:
                layout.rows = r
                layout.columns = max(layout.columns, c + 1)
    return layout


def record_fields(lists_rows: list[list[Any]] | None, legacy_rows: list[list[Any]] | None) -> dict[str, Any]:
    """The :class:`WorkbookState` fields about our record, from the lists sheet's values (None: no
    lists sheet) and the earlier release's record sheet's (None: none): the record on the lists
    sheet when there is one there, else the earlier release's."""
    layout = lists_layout(lists_rows) if lists_rows is not None else ListsLayout()
    manifest = layout.manifest
    if manifest is None:
        manifest = Manifest.from_rows(legacy_rows) if legacy_rows is not None else Manifest()
    return dict(manifest=manifest, lists_rows=layout.rows, lists_columns=layout.columns,
                manifest_column=layout.manifest_column, manifest_rows=layout.manifest_rows)


@dataclass(slots=True, kw_only=True)
class ExistingPageSetup(Record):
    """A sheet's page setup as read (None: not set, or not known to this engine)."""

    orientation: str | None = None
    fit_to_page: bool | None = None
    fit_width: int | None = None
    fit_height: int | None = None
    paper: int | None = None
    scale: int | None = None
    #: False where the engine cannot read the page setup at all (only names are known).
    known: bool = True
    #: The fitting exactly as written (the file engine): ``sheetPr`` ("open", "empty" or None:
    #: absent), ``pageSetUpPr`` (present or not) and the raw ``fitToPage``, ``fitToWidth`` and
    #: ``fitToHeight`` (None: absent), so that undoing ours gives back the same bytes.
    fit_prior: dict[str, Any] | None = None


@dataclass(slots=True, kw_only=True)
class WorkbookState(Record):
    """What a planner needs to know about the open workbook, read by the engine (plain data).

    ``max_column``: the last used column (1-based) of the report sheet, so the helper column goes
    to the first free one; ``cells``: current values of the cells the manifest names (to tell
    whether a person has overwritten one of ours).
    """

    sheets: list[str] = field(default_factory=list)
    max_column: int = 0
    #: The last used column (1-based) of each sheet (every report sheet gets its helper column).
    max_columns: dict[str, int] = field(default_factory=dict)
    manifest: Manifest = field(default_factory=Manifest)
    cells: dict[str, Any] = field(default_factory=dict)  # "Sheet!E20" → current value
    #: Row 1 of each existing sheet that has one of our names (:data:`OWN_SHEETS`): a sheet of the
    #: staff's own that happens to be called "Yhteenveto" is told from ours by its first row.
    first_rows: dict[str, list[Any]] = field(default_factory=dict)
    #: Sheets whose contents are protected, and whether the workbook's structure is (sheets cannot
    #: be added, deleted or hidden): a command that would write there refuses before writing anything.
    #: Rows used on the lists sheet (when there is one) outside the record's columns: the next run
    #: writes its columns over at least as many rows, so an old longer list leaves nothing behind and
    #: a note beside stays.
    lists_rows: int = 0
    #: The last column (1-based) used on the lists sheet outside the record's columns.
    lists_columns: int = 0
    #: Where the record stands on the lists sheet (0-based column, None: not there) and its rows.
    manifest_column: int | None = None
    manifest_rows: int = 0
    protected_sheets: list[str] = field(default_factory=list)
    structure_protected: bool = False
    #: Cells holding a formula (or inside an array/spill formula's range) per sheet read: the
    #: person's cells, never written over.
    formulas: dict[str, set[str]] = field(default_factory=dict)
    #: The workbook's defined names (ours and the person's).
    names: list[ExistingName] = field(default_factory=list)
    #: Data validations on the sheets read (ours and the person's), in sheet order.
    validations: list[ExistingValidation] = field(default_factory=list)
    #: The page setup of each report sheet read.
    page_setups: dict[str, ExistingPageSetup] = field(default_factory=dict)
    #: Merged ranges of each report sheet read: (first row, first column, last row, last column),
    #: 1-based. Excel shows a merged range's first cell only: nothing is written into the others.
    merged: dict[str, list[tuple[int, int, int, int]]] = field(default_factory=dict)
    #: The header rows of the Excel Tables (ListObjects) on each report sheet read: (row, first
    #: column, last column), 1-based. A table's header cells are its column names: never emptied.
    table_headers: dict[str, list[tuple[int, int, int]]] = field(default_factory=dict)

    def in_table_header(self, sheet: str, row: int, col: int) -> bool:
        """Whether the cell (1-based) is a column name of a table on ``sheet``."""
        return any(r == row and c1 <= col <= c2 for r, c1, c2 in self.table_headers.get(sheet, ()))

    def hidden_by_merge(self, sheet: str) -> "Callable[[int, int], bool]":
        """Whether a cell (1-based row, column) of ``sheet`` lies in a merged range other than at its
        first cell: a value written there would not be seen. The ranges are indexed by row once (a
        sheet may merge a range on every row; a scan per cell asked would be quadratic)."""
        by_row: dict[int, list[tuple[int, int, int, int]]] = {}
        tall: list[tuple[int, int, int, int]] = []  # ranges over many rows, checked one by one
        for merged in self.merged.get(sheet, ()):
            if merged[2] - merged[0] < 64:
                for row in range(merged[0], merged[2] + 1):
                    by_row.setdefault(row, []).append(merged)
            else:
                tall.append(merged)

        def hidden(row: int, col: int) -> bool:
            return any(r1 <= row <= r2 and c1 <= col <= c2 and (row, col) != (r1, c1)
                       for r1, c1, r2, c2 in (*by_row.get(row, ()), *tall))

        return hidden


def blocked_by_protection(plan: Plan, state: WorkbookState) -> "tuple[str, dict[str, str]] | None":
    """(message id, parameters) when ``plan`` would write into a protected sheet or change the
    sheets of a workbook whose structure is protected; None when it can be applied as a whole."""
    protected = {name.casefold() for name in state.protected_sheets}
    present = {name.casefold() for name in state.sheets}
    for action in plan.actions:
        sheet = getattr(action, "sheet", None) or (action.name if action.kind == "replace_sheet" else None)
        if sheet and sheet.casefold() in protected:
            return "protected_sheet", {"sheet": sheet}
        if state.structure_protected and (
                (action.kind == "replace_sheet" and action.name.casefold() not in present)
                or (action.kind == "delete_sheet" and action.name.casefold() in present)):
            return "protected_structure", {}
    return None
