"""The blank report workbook staff start a period from, and text exports turned into that workbook.

Layout (the familiar one of the seed report): the title on row 3 ("Tavoitteiden ja toimenpiteiden
seuranta <period>"), the grade scale explained on rows 5–11 and the not-applicable value on row 12
("ei sovellu / ei arvioitavissa = …"), the header on row 13 with the eight
column titles, data from row 14. The lists sheet, the dropdowns and the live missing-field
highlighting come from the same plans the ``dropdowns``/``highlight`` commands use
(:mod:`seuranta_xl.write.planners`), applied by the openpyxl engine, so a later ``run`` recognises them
as its own and adds nothing twice.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from ..errors import InputError
from ..grades import NOT_APPLICABLE
from ..grid import MAX_COLUMNS, MAX_ROWS, Grid, column_letter
from ..header import FIELDS, TITLES
from ..messages import t
from ..model import Report
from ..settings import Settings

if TYPE_CHECKING:  # pragma: no cover
    import openpyxl

SHEET = "Seuranta"
TITLE = "Tavoitteiden ja toimenpiteiden seuranta"
TITLE_ROW = 3
INTRO_ROW = 5
SCALE_FIRST_ROW = 7
HEADER_ROW = 13
INTRO = ("Tavoitteiden ja toimenpiteiden etenemisastetta on arvioitu sille asetettua "
         "toteutusohjelmaa vasten seuraavalla asteikolla:")

#: Column widths in characters, by field (text columns wide, the status column narrow).
WIDTHS: dict[str, float] = {"council": 38, "annual": 38, "action": 42, "risks": 38, "status": 12,
                            "grade": 30, "progress": 55, "responsible": 22}


def _title(period: str | None) -> str:
    return f"{TITLE} {period.strip()}" if period and period.strip() else TITLE


def _layout_styles(ws: Any, columns: dict[str, str], header_row: int, last_row: int, cells: Iterable[Any] = ()) -> None:
    """Widths, wrapped text, a bold frozen header: how the staff's sheet looks, not what it holds.

    ``cells``: the cells holding values; those of the data rows wrap (only those: a row reaching a
    far column must not make every cell up to it exist)."""
    from openpyxl.styles import Alignment, Font, PatternFill

    wrap = Alignment(wrap_text=True, vertical="top")
    for name, letter in columns.items():
        dim = ws.column_dimensions[letter]
        dim.width = WIDTHS.get(name, 20)
        dim.alignment = wrap  # new cells typed below the data wrap too
    header_fill = PatternFill("solid", fgColor="D9E1F2")
    for letter in columns.values():
        cell = ws[f"{letter}{header_row}"]
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    filled = set()
    for cell in cells:
        if header_row < cell.row <= last_row:
            cell.alignment = wrap
            filled.add(cell.row)
    for row in range(header_row + 1, last_row + 1):
        if row not in filled:
            ws.cell(row, 1)  # an empty line of the data stays an (empty) row of the sheet, as always
    ws.freeze_panes = f"A{header_row + 1}"


def _prepare(wb: "openpyxl.Workbook", report: Report, settings: Settings) -> None:
    """Lists, dropdowns and live missing-field rules: the command table's ``prepare``."""
    from ..commands import Options, run_command
    from .openpyxl_engine import OpenpyxlWorkbook

    run_command(OpenpyxlWorkbook(wb, settings, source=report.source), "prepare",
                Options(sheets=(report.sheet,), empty=True))
    wb.active = wb.sheetnames.index(report.sheet)


def new_workbook(settings: Settings | None = None, period: str | None = None, lang: str = "fi") -> "openpyxl.Workbook":
    """A blank report: title, scale legend, header on row 13, lists, dropdowns, live highlighting."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    settings = settings or Settings(language=lang)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.cell(TITLE_ROW, 1, _title(period)).font = Font(bold=True, size=14)
    ws.cell(INTRO_ROW, 1, INTRO)
    for i, level in enumerate(sorted(settings.scale)):
        ws.cell(SCALE_FIRST_ROW + i, 1, f"{level} = {settings.scale[level]}")
    # The grade list's last entry, as the dropdown shows it: kept out of every mean.
    ws.cell(SCALE_FIRST_ROW + len(settings.scale), 1,
            f"{NOT_APPLICABLE} = {t('template.legend.not_applicable', settings.language)}")
    columns = {name: column_letter(i) for i, name in enumerate(FIELDS)}
    for i, name in enumerate(FIELDS):
        ws.cell(HEADER_ROW, i + 1, TITLES[name])
    _layout_styles(ws, columns, HEADER_ROW, HEADER_ROW)
    report = Report(source=SHEET, sheet=SHEET, title=_title(period), period=period,
                    header_row=HEADER_ROW, columns=columns)
    _prepare(wb, report, settings)
    return wb


def _put_text(ws: Any, row: int, col: int, value: Any) -> Any:
    """A value exactly as typed: text stays text (never a formula, never a number). The cell, or
    None for an empty value (no cell made)."""
    from .cells import engine_text

    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = engine_text(value)  # XML cannot hold some characters (controls, U+FFFF, surrogates)
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # "=…" stays the text it was in the export
    return cell


def _check_fits(grid: Grid, lang: str) -> None:
    """A grid larger than a worksheet (16,384 columns, 1,048,576 rows) is one line, before any cell
    is made: Excel could not hold it, and openpyxl fails on it only after minutes."""
    if len(grid.rows) > MAX_ROWS:
        raise InputError.of(grid.source, "text_too_long", lang, rows=len(grid.rows), limit=MAX_ROWS)
    for number, values in enumerate(grid.rows, start=1):
        if len(values) > MAX_COLUMNS:
            raise InputError.of(grid.source, "text_too_wide", lang, row=number, columns=len(values), limit=MAX_COLUMNS)


def grid_workbook(grid: Grid, settings: Settings | None = None, lang: str = "fi") -> "openpyxl.Workbook":
    """A grid's values as the report workbook: each value at its own row and column, then the
    layout styles, lists, dropdowns and live highlighting. The values are not touched."""
    from openpyxl import Workbook

    from ..parse import build_report

    settings = settings or Settings(language=lang)
    _check_fits(grid, settings.language)
    report = build_report(grid, settings.scale, settings.language)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    cells = [cell for r, values in enumerate(grid.rows, start=1) for c, value in enumerate(values, start=1)
             if (cell := _put_text(ws, r, c, value)) is not None]
    _layout_styles(ws, dict(report.columns), report.header_row, report.last_row, cells)
    _prepare(wb, report.model_copy(update={"sheet": SHEET}), settings)
    return wb


def import_text(path: str | os.PathLike[str], settings: Settings | None = None, lang: str = "fi") -> "openpyxl.Workbook":
    """A text export (tab, semicolon or comma; UTF-8, UTF-16, cp1252) as the report workbook.

    Line N of the file is row N of the sheet, so findings point at the same cells in both.
    """
    from ..files.reader import read_text, sniff

    path = Path(path)
    settings = settings or Settings(language=lang)
    if sniff(path, lang) != "text":
        raise InputError.of(str(path), "not_text", lang)
    return grid_workbook(read_text(path, lang), settings, lang)
