"""One responsible person's workbook, made from a copy of the master (openpyxl; a NEW file, so the
master is never touched).

The copy keeps the master's title, legend, header, column widths and cell formats; its report
sheets keep only the person's rows and their parent goals (in the master's order, without gaps);
other sheets go, except the hidden lists sheet the grade dropdown reads. The fields the person fills
(:data:`~seuranta_xl.splitting.INPUT_FIELDS`) are unlocked on their rows and the grade has its
dropdown there; the sheet is protected (without a password unless one is given). A very hidden
sheet records where each row came from (:data:`~seuranta_xl.splitting.RECORD_SHEET`).
"""

from __future__ import annotations

import io
import warnings
from typing import TYPE_CHECKING

from openpyxl.styles import Protection
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.workbook.protection import WorkbookProtection

from ..config import LISTS_SHEETS
from .actions import GRADE_LIST_NAME, DefinedName, ListValidation, Plan, ReplaceSheet
from .openpyxl_engine import apply_plan
from .planners import dropdowns_plan

if TYPE_CHECKING:
    import openpyxl
    from openpyxl.worksheet.worksheet import Worksheet

    from ..model import Report
    from ..settings import Settings
    from ..splitting import Packet

_UNLOCKED = Protection(locked=False)


def load_copy(data: bytes) -> "openpyxl.Workbook":
    """A fresh copy of the master from its bytes (rich text kept; macros are not sent out)."""
    import openpyxl

    from ..files.opc import readable

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(io.BytesIO(readable(data)), rich_text=True)


def build_person_book(wb: "openpyxl.Workbook", packet: "Packet", reports: "list[Report]", settings: "Settings", *,
                      password: str | None = None) -> "openpyxl.Workbook":
    """Turn ``wb``, a copy of the master (read by :func:`load_reports` into ``reports``), into the
    workbook for ``packet``; ``wb`` is changed and returned."""
    from ..splitting import INPUT_FIELDS, RECORD_HEADER, RECORD_SHEET

    wb.vba_archive = None  # a person's copy is a plain .xlsx
    by_sheet = {r.sheet: r for r in reports}
    kept = [s for s in wb.sheetnames if s in packet.rows]
    lists = [s for s in wb.sheetnames if s.strip().casefold() in LISTS_SHEETS]
    for name in list(wb.sheetnames):
        if name not in kept and name not in lists:
            wb.remove(wb[name])
    _drop_dangling_names(wb)
    plan = Plan()
    if GRADE_LIST_NAME not in wb.defined_names:  # a master without our lists: add them for the dropdown
        lists_plan = dropdowns_plan(by_sheet[kept[0]], settings)
        plan.add(*[a for a in lists_plan.actions if isinstance(a, (ReplaceSheet, DefinedName))])
    grade_action = next(a for a in dropdowns_plan(by_sheet[kept[0]], settings).actions
                        if isinstance(a, ListValidation) and a.source == f"={GRADE_LIST_NAME}")
    for name in kept:
        report = by_sheet[name]
        ws = wb[name]
        ws.sheet_state = "visible"  # hidden in the master, it would be the person's book's only sheet, unseen
        editable = packet.rows[name]
        moved = _keep_rows(ws, report.header_row, sorted(set(editable) | set(packet.context.get(name, []))))
        ws.data_validations.dataValidation = []
        new_rows = [moved[r] for r in editable]
        for field in INPUT_FIELDS:
            letter = report.columns.get(field)
            if letter is None:
                continue
            for row in new_rows:
                cell = ws[f"{letter}{row}"]
                if cell.data_type != "f":  # a formula is never an answer field
                    cell.protection = _UNLOCKED
        if "grade" in report.columns:
            letter = report.columns["grade"]
            for first, last in _runs(new_rows):
                plan.add(grade_action.model_copy(update={"sheet": name, "range": f"{letter}{first}:{letter}{last}"}))
        ws.protection.sheet = True
        ws.protection.formatRows = False  # rows and columns may still be resized, to read long texts
        ws.protection.formatColumns = False
        if password:
            ws.protection.password = password
    plan.add(ReplaceSheet(name=RECORD_SHEET, rows=[list(RECORD_HEADER)] + [e.to_row() for e in packet.record],
                          very_hidden=True))
    apply_plan(wb, plan)
    # The workbook's structure too: no unhiding the lists, no renaming or adding report sheets.
    wb.security = WorkbookProtection(lockStructure=True)
    if password:
        wb.security.workbookPassword = password
    wb.active = wb.sheetnames.index(kept[0])
    return wb


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Consecutive rows as (first, last) runs."""
    runs: list[tuple[int, int]] = []
    for row in sorted(rows):
        if runs and row == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


def _keep_rows(ws: "Worksheet", header_row: int, keep: list[int]) -> dict[int, int]:
    """Keep the rows down to the header and the rows ``keep`` (moved up under the header, in order);
    returns master row → new row. Cells keep their styles, rows their heights."""
    moved = {row: header_row + 1 + i for i, row in enumerate(keep)}
    cells = {}
    for (row, col), cell in ws._cells.items():
        if row <= header_row:
            cells[(row, col)] = cell
        elif row in moved:
            cell.row = moved[row]
            if cell.hyperlink is not None:
                cell.hyperlink.ref = cell.coordinate
            cells[(moved[row], col)] = cell
    ws._cells = cells
    dims = {row: dim for row, dim in ws.row_dimensions.items() if row <= header_row or row in moved}
    ws.row_dimensions.clear()
    for row, dim in dims.items():
        target = moved.get(row, row) if row > header_row else row
        dim.index = target
        ws.row_dimensions[target] = dim
    for merged in list(ws.merged_cells.ranges):
        if merged.max_row <= header_row:
            continue
        ws.merged_cells.remove(merged)
        if merged.min_row == merged.max_row and merged.min_row in moved:
            merged.shift(row_shift=moved[merged.min_row] - merged.min_row)
            ws.merged_cells.add(merged)
    if ws.auto_filter.ref:  # the filter covers the header and the rows kept
        min_col, _, max_col, _ = range_boundaries(ws.auto_filter.ref)
        last = header_row + max(len(keep), 1)
        ws.auto_filter.ref = f"{get_column_letter(min_col)}{header_row}:{get_column_letter(max_col)}{last}"
    _keep_tables(ws, header_row, len(keep))
    return moved


def _keep_tables(ws: "Worksheet", header_row: int, kept: int) -> None:
    """Excel Tables over the report end at the last row kept, without the totals row (a row of the
    sheet's own arithmetic, not one of the person's: it is not kept); a table below the header is
    gone with its rows. (A table left over rows it no longer has would span empty rows, its totals
    row among them.)"""
    last = header_row + max(kept, 1)
    for name, table in list(dict.items(ws.tables)):  # (TableList.items() gives the refs)
        min_col, min_row, max_col, max_row = range_boundaries(table.ref)
        if max_row <= header_row:
            continue
        if min_row > header_row:
            del ws.tables[name]
            continue
        table.ref = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{last}"
        if table.totalsRowCount:
            table.totalsRowCount = None
            table.totalsRowShown = False
            for column in table.tableColumns:
                column.totalsRowFunction = column.totalsRowLabel = column.totalsRowFormula = None
        if table.autoFilter is not None:
            table.autoFilter.ref = table.ref


def _drop_dangling_names(wb: "openpyxl.Workbook") -> None:
    """Workbook names that point at a sheet no longer in the copy would be broken references."""
    present = set(wb.sheetnames)
    for name in list(wb.defined_names):
        text = wb.defined_names[name].attr_text or ""
        if "!" in text:
            sheet = text.split("!")[0].strip("=").strip("'").replace("''", "'")
            if sheet not in present:
                del wb.defined_names[name]
