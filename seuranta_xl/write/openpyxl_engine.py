"""Applying a Plan to an ``openpyxl.Workbook`` (headless: files on disk, for IT and the command line).

The engine only carries out the plan; what to write is decided in :mod:`seuranta_xl.write.planners`. It never
sets a style on a cell of a sheet that is not ours: values go into the staff's cells as they are
(the rollup writes numbers already rounded), colours come from conditional formats, and a cell we
empty again that has no style of its own is removed from the sheet entirely, so ``clear --all``
leaves the sheet's cells exactly as they were.

Opening and saving (limits, losses, macros, atomic writes) is :mod:`seuranta_xl.files.workbook_io`'s job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from openpyxl.chart import BarChart, Reference
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.formatting.rule import Rule
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.utils.cell import coordinate_from_string, column_index_from_string, range_boundaries
from openpyxl.workbook.defined_name import DefinedName as XLDefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.hyperlink import Hyperlink as XLHyperlink

from .cells import file_text
from .actions import (
    SEGMENT_BORDER,
    LISTS_SHEET,
    PRINT_AREA_NAME,
    PRINT_TITLES_NAME,
    ExistingPageSetup,
    PageSetup,
    ExistingName,
    ExistingValidation,
    precedence,
    MANIFEST_SHEET,
    OWN_SHEETS,
    ClearOwn,
    ConditionalFormat,
    DefinedName,
    DeleteSheet,
    ListValidation,
    Manifest,
    record_fields,
    Plan,
    ReplaceSheet,
    SetValues,
    WorkbookState,
    formula_purpose,
    is_own_list_source,
)

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

_LINK_FONT = Font(color="0563C1", underline="single")
_HEADER_FONT = Font(bold=True)
_BAR_TYPES = {"bar_stacked": ("bar", "stacked"), "column_stacked": ("col", "stacked"),
              "column": ("col", "clustered"), "bar": ("bar", "clustered")}


# --- reading what the planners need ------------------------------------------------------------


def read_state(wb: "Workbook", sheet: str) -> WorkbookState:
    """Sheets, the report sheet's last used column, the manifest and the current values of its cells."""
    max_columns = {}
    for ws in wb.worksheets:
        max_columns[ws.title] = max((col for (_row, col), cell in ws._cells.items() if cell.value is not None),
                                    default=0)
    max_column = max_columns.get(sheet, 0)
    lists = next((s for s in wb.sheetnames if s.casefold() == LISTS_SHEET.casefold()), None)
    record = record_fields(
        [list(r) for r in wb[lists].iter_rows(values_only=True)] if lists is not None else None,
        [list(r) for r in wb[MANIFEST_SHEET].iter_rows(values_only=True)] if MANIFEST_SHEET in wb.sheetnames else None)
    manifest = record["manifest"]
    cells: dict[str, Any] = {}
    for entry in manifest.values:
        if entry.sheet in wb.sheetnames:
            row, col = _cell_position(entry.cell)
            cell = wb[entry.sheet]._cells.get((row, col))
            cells[f"{entry.sheet}!{entry.cell}"] = cell.value if cell is not None else None
    # Every cell of our helper columns: what a deleted row moved is found there (planners._owned).
    for sheet_name, letter in manifest.helper_columns():
        if sheet_name in wb.sheetnames:
            index = column_index_from_string(letter)
            for (row, col), cell in wb[sheet_name]._cells.items():
                if col == index and cell.value is not None:
                    cells[f"{sheet_name}!{letter}{row}"] = cell.value
    first_rows = {}
    for name in OWN_SHEETS:  # case-insensitively, as Excel matches sheet names
        present = next((s for s in wb.sheetnames if s.casefold() == name.casefold()), None)
        if present is not None:
            first = next(wb[present].iter_rows(min_row=1, max_row=1, values_only=True), ())
            first_rows[name] = list(first)
    protected = [ws.title for ws in wb.worksheets if ws.protection.sheet]
    formulas = {ws.title: {cell.coordinate for cell in ws._cells.values()
                           if cell.data_type == "f" or isinstance(cell.value, ArrayFormula)}
                for ws in wb.worksheets}
    names = [ExistingName(name=n, refers_to=d.attr_text or "") for n, d in wb.defined_names.items()]
    for ws in wb.worksheets:
        names += [ExistingName(name=n, refers_to=d.attr_text or "", sheet=ws.title)
                  for n, d in ws.defined_names.items()]
    validations = [ExistingValidation(sheet=ws.title, sqref=str(dv.sqref), type=dv.type, formula1=dv.formula1)
                   for ws in wb.worksheets for dv in ws.data_validations.dataValidation]
    page_setups = {}
    for ws in wb.worksheets:  # openpyxl keeps a sheet's print titles and area apart from its names
        if ws.print_title_rows:
            names.append(ExistingName(name=PRINT_TITLES_NAME, refers_to="=" + ws.print_title_rows, sheet=ws.title))
        if ws.print_area:
            names.append(ExistingName(name=PRINT_AREA_NAME, refers_to="=" + ws.print_area, sheet=ws.title))
        setup, fit = ws.page_setup, ws.sheet_properties.pageSetUpPr
        page_setups[ws.title] = ExistingPageSetup(
            orientation=setup.orientation, fit_to_page=fit.fitToPage if fit is not None else None,
            fit_width=_int(setup.fitToWidth), fit_height=_int(setup.fitToHeight), paper=_int(setup.paperSize),
            scale=_int(setup.scale))
    structure = bool(wb.security is not None and wb.security.lockStructure)
    return WorkbookState(sheets=list(wb.sheetnames), max_column=max_column, max_columns=max_columns,
                         cells=cells, first_rows=first_rows, protected_sheets=protected,
                         structure_protected=structure, formulas=formulas, names=names, validations=validations,
                         page_setups=page_setups,
                         merged={ws.title: [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
                                 for ws in wb.worksheets},
                         table_headers={ws.title: _table_headers(ws) for ws in wb.worksheets},
                         **record)


# --- applying ----------------------------------------------------------------------------------


def apply_plan(wb: "Workbook", plan: Plan) -> int:
    """Carry out ``plan`` on ``wb`` in order; returns the number of actions applied."""
    for action in plan.actions:
        _APPLY[action.kind](wb, action)
    for ws in wb.worksheets:
        _order_own_rules(ws)
    _fix_active(wb)
    return len(plan.actions)


def _order_own_rules(ws: "Worksheet") -> None:
    """Give our rules priorities after all of the staff's own, in a fixed order, so the result does
    not depend on which command ran first (and the staff's priorities are never changed)."""
    own, base = [], 0
    for cf in ws.conditional_formatting:
        for rule in cf.rules:
            purpose = next((formula_purpose(f) for f in (rule.formula or ()) if formula_purpose(f)), None)
            if purpose is None:
                base = max(base, rule.priority or 0)
            else:
                own.append((precedence(purpose), rule.priority or 0, rule))
    for i, (_rank, _priority, rule) in enumerate(sorted(own, key=lambda t: t[:2]), start=1):
        rule.priority = base + i
    # LibreOffice follows the order of the blocks in the file rather than the priorities when
    # blocks overlap, so ours go after the staff's (left in their order) in priority order.
    rules = ws.conditional_formatting._cf_rules
    own_ids = {id(rule) for *_, rule in own}
    ours = [key for key in rules if any(id(r) in own_ids for r in rules[key])]
    for key in sorted(ours, key=lambda key: min(r.priority or 0 for r in rules[key])):
        rules.move_to_end(key)


def _cell_position(ref: str) -> tuple[int, int]:
    letters, row = coordinate_from_string(ref.replace("$", ""))
    return row, column_index_from_string(letters)


def _text_safe(value: Any) -> Any:
    """Text as a package stores it (see :mod:`seuranta_xl.write.cells`); other values unchanged."""
    if isinstance(value, str):
        return file_text(value)
    return value


def _as_text(cell) -> None:
    # openpyxl reads a string as a formula ("=…") or an error value ("#N/A") when it is set; the
    # plan's strings are always text, whatever they begin with.
    if cell.data_type != "s":
        cell.data_type = "s"


def _put(ws: "Worksheet", row: int, col: int, value: Any) -> None:
    """Write a value; strings are always text (never formulas). None empties the cell, and a cell
    left empty with no style, link or comment is removed so the sheet is as if never touched."""
    if value is None:
        cell = ws._cells.get((row, col))
        if cell is None:
            return
        cell.value = None
        if not cell.has_style and cell.hyperlink is None and cell.comment is None:
            del ws._cells[(row, col)]
        return
    cell = ws.cell(row=row, column=col)
    cell.value = _text_safe(value)
    if isinstance(value, str):
        _as_text(cell)


def _set_values(wb: "Workbook", action: SetValues) -> None:
    ws = wb[action.sheet]
    top, left = _cell_position(action.anchor)
    for i, row in enumerate(action.values):
        for j, value in enumerate(row):
            _put(ws, top + i, left + j, value)


def _list_validation(wb: "Workbook", action: ListValidation) -> None:
    dv = DataValidation(
        type="list", formula1=action.source.lstrip("="), allow_blank=True,
        showErrorMessage=True, errorStyle="stop" if action.stop else "warning",
        showInputMessage=bool(action.prompt), promptTitle=action.prompt_title, prompt=action.prompt,
        errorTitle=action.error_title, error=action.error,
    )
    dv.add(action.range)
    wb[action.sheet].add_data_validation(dv)


def _conditional_format(wb: "Workbook", action: ConditionalFormat) -> None:
    ws = wb[action.sheet]
    fill = PatternFill(fill_type="solid", start_color=action.fill, end_color=action.fill) if action.fill else None
    font = Font(color=action.font) if action.font else None
    priorities = [r.priority or 0 for cf in ws.conditional_formatting for r in cf.rules]
    rule = Rule(type="expression", formula=[action.formula.lstrip("=")], stopIfTrue=action.stop_if_true or None,
                dxf=DifferentialStyle(fill=fill, font=font))
    rule.priority = max(priorities, default=0) + 1
    ws.conditional_formatting.add(action.range, rule)


def _defined_name(wb: "Workbook", action: DefinedName) -> None:
    if action.name in wb.defined_names:
        del wb.defined_names[action.name]
    wb.defined_names[action.name] = XLDefinedName(action.name, attr_text=action.refers_to.lstrip("="))


def _replace_sheet(wb: "Workbook", action: ReplaceSheet) -> None:
    index = None
    if action.name in wb.sheetnames:
        index = wb.sheetnames.index(action.name)
        wb.remove(wb[action.name])
    elif action.after and action.after in wb.sheetnames:
        index = wb.sheetnames.index(action.after) + 1
    ws = wb.create_sheet(action.name, index)
    # A new sheet is filled row by row with append (a fraction of the cost of cell-by-cell writes);
    # strings stay text: append, like the cell setter, would read "=..." as a formula.
    for row in action.rows:
        stored = [_text_safe(v) for v in row]
        ws.append(stored)
        for c, value in enumerate(stored, start=1):
            if isinstance(value, str) and value[:1] in ("=", "#"):
                _as_text(ws._cells[(ws._current_row, c)])
    # Bold header, frozen panes and widths are for the eye: not on a hidden sheet (as the xlwings
    # engine, where each is a call on the live workbook).
    shown = not (action.hidden or action.very_hidden)
    for r in range(1, min(action.header_rows, len(action.rows)) + 1 if shown else 1):
        for cell in ws[r]:
            cell.font = _HEADER_FONT
    if shown and action.header_rows and len(action.rows) > action.header_rows:
        ws.freeze_panes = f"A{action.header_rows + 1}"
    for letter, width in action.column_widths.items() if shown else ():
        ws.column_dimensions[letter].width = width
    for letter, fmt in action.number_formats.items():
        col = column_index_from_string(letter)
        for r in range(action.header_rows + 1, len(action.rows) + 1):
            cell = ws._cells.get((r, col))
            if cell is not None and isinstance(cell.value, (int, float)):
                cell.number_format = fmt
    for link in action.hyperlinks:
        cell = ws[link.cell]
        if link.text is not None:
            _put(ws, cell.row, cell.column, link.text)
        cell.hyperlink = XLHyperlink(ref=link.cell, location=link.target, display=link.text)
        cell.font = _LINK_FONT
    for spec in action.charts:
        ws.add_chart(_chart(ws, spec), spec.anchor)
    if action.very_hidden:
        ws.sheet_state = "veryHidden"
    elif action.hidden:
        ws.sheet_state = "hidden"
    if action.tab_color:
        ws.sheet_properties.tabColor = action.tab_color
    if action.landscape:
        ws.page_setup.orientation = "landscape"
    if action.print_area:
        ws.print_area = list(action.print_area)
    if action.fit_width:
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0


def _chart(ws: "Worksheet", spec) -> BarChart:
    chart = BarChart()
    chart.type, chart.grouping = _BAR_TYPES[spec.chart_type]
    if chart.grouping == "stacked":
        chart.overlap = 100
    chart.title = spec.title
    chart.width, chart.height = spec.width_cm, spec.height_cm
    for series in spec.series:
        min_col, min_row, max_col, max_row = range_boundaries(series)
        chart.add_data(Reference(ws, min_col=min_col, min_row=min_row, max_col=max_col, max_row=max_row),
                       titles_from_data=True)
    for series, fill in zip(chart.series, spec.colors):
        series.graphicalProperties.solidFill = fill.upper()
        series.graphicalProperties.line.solidFill = SEGMENT_BORDER
        series.graphicalProperties.line.width = 9525
    min_col, min_row, max_col, max_row = range_boundaries(spec.categories)
    chart.set_categories(Reference(ws, min_col=min_col, min_row=min_row, max_col=max_col, max_row=max_row))
    if chart.type == "bar":
        chart.x_axis.scaling.orientation = "maxMin"  # first goal on top, as in the table
    return chart


def _int(value: Any) -> int | None:
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


def _page_setup(wb: "Workbook", action: PageSetup) -> None:
    if action.sheet not in wb.sheetnames:
        return
    from openpyxl.worksheet.properties import PageSetupProperties

    ws = wb[action.sheet]
    if action.orientation is not None:
        ws.page_setup.orientation = None if action.orientation == "default" else action.orientation
    if action.paper is not None:
        ws.page_setup.paperSize = ws.PAPERSIZE_A4 if action.paper == "a4" else None
    if action.fit_width is not None:
        if ws.sheet_properties.pageSetUpPr is None:
            ws.sheet_properties.pageSetUpPr = PageSetupProperties()
        ws.sheet_properties.pageSetUpPr.fitToPage = True if action.fit_width else None
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = (1, 0) if action.fit_width else (None, None)
    if action.print_titles is not None:
        ws._print_rows = None  # the setter ignores None
        if action.print_titles:
            ws.print_title_rows = action.print_titles
    if action.print_area is not None:
        ws.print_area = action.print_area or None


def _delete_sheet(wb: "Workbook", action: DeleteSheet) -> None:
    if action.name in wb.sheetnames:
        wb.remove(wb[action.name])


def _clear_own(wb: "Workbook", action: ClearOwn) -> None:
    if action.sheet in wb.sheetnames:
        ws = wb[action.sheet]
        if action.validations:
            ws.data_validations.dataValidation = [
                dv for dv in ws.data_validations.dataValidation
                if not (dv.type == "list" and is_own_list_source(dv.formula1, action.user_names))]
        if action.formats:
            purposes = set(action.formats)
            rules = ws.conditional_formatting._cf_rules
            for key in list(rules):
                kept = [r for r in rules[key] if not any(formula_purpose(f) in purposes for f in (r.formula or []))]
                if kept:
                    rules[key] = kept
                else:
                    del rules[key]
    for name in action.names:
        if name in wb.defined_names:
            del wb.defined_names[name]


def _fix_active(wb: "Workbook") -> None:
    """Keep the active sheet a visible one that exists (a deleted or hidden active tab upsets Excel)."""
    sheets = wb.worksheets
    index = wb._active_sheet_index
    if 0 <= index < len(sheets) and sheets[index].sheet_state == "visible":
        return
    for i, ws in enumerate(sheets):
        if ws.sheet_state == "visible":
            wb.active = i
            ws.sheet_view.tabSelected = True
            return


_APPLY = {
    "set_values": _set_values,
    "list_validation": _list_validation,
    "conditional_format": _conditional_format,
    "defined_name": _defined_name,
    "replace_sheet": _replace_sheet,
    "delete_sheet": _delete_sheet,
    "clear_own": _clear_own,
    "page_setup": _page_setup,
}


class OpenpyxlWorkbook:
    """A workbook being built in memory by openpyxl (``new``, ``import``) as a facade workbook
    (:class:`~seuranta_xl.write.engine.Workbook`), so that it is prepared by the command table like
    any other: ``run_command(OpenpyxlWorkbook(wb, settings), "prepare")``."""

    def __init__(self, wb: "Workbook", settings: Any, source: str = "-"):
        self.wb, self._settings, self.source = wb, settings, source

    def settings(self) -> Any:
        return self._settings

    def grids(self) -> list:
        from ..grid import Grid

        grids = []
        for ws in self.wb.worksheets:
            # From the cell store: iterating rows would create empty cells (and change the file).
            rows: list[list[Any]] = [[] for _ in range(max((r for r, _c in ws._cells), default=0))]
            for (r, c), cell in ws._cells.items():
                row = rows[r - 1]
                row.extend([None] * (c - len(row)))
                row[c - 1] = cell.value
            grids.append(Grid(source=self.source, sheet=ws.title, rows=rows, number_formats=_formats_of(ws),
                              hidden=ws.sheet_state != "visible"))
        return grids

    def state(self, sheet: str, *, page_setup: bool = True) -> WorkbookState:
        return read_state(self.wb, sheet)  # the page setup comes with the loaded file at no cost

    def lists(self, sheets: list[str]) -> tuple[list[ExistingValidation], list[ExistingName]]:
        state = read_state(self.wb, sheets[0] if sheets else "")
        return [v for v in state.validations if v.sheet in sheets], state.names

    def apply(self, plan: Plan) -> Any:
        from .engine import Applied

        return Applied(actions=apply_plan(self.wb, plan))


def _formats_of(ws: Any):
    """The number formats of a loaded sheet's cells, as :attr:`~seuranta_xl.grid.Grid.number_formats`
    asks for them (from the cell store: no cell is created)."""
    def formats(col: int, rows: list[int]) -> dict[int, str]:
        found = {}
        for row in rows:
            cell = ws._cells.get((row, col + 1))
            if cell is not None and cell.number_format not in (None, "General"):
                found[row] = cell.number_format
        return found

    return formats


def _table_headers(ws: Any) -> list[tuple[int, int, int]]:
    """The header rows of a loaded sheet's tables (see WorkbookState.table_headers)."""
    from openpyxl.utils.cell import range_boundaries

    found = []
    for table in ws.tables.values():
        if table.headerRowCount == 0:
            continue
        c1, r1, c2, _r2 = range_boundaries(table.ref)
        found.append((r1, c1, c2))
    return found
