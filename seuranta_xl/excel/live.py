"""Reading the report from a live workbook (xlwings): each sheet's used range in one call → Grid.

Only xlwings' open-source API is used (``Sheet.used_range``, ``Range.options(...).value``), so the
same code reads a workbook open in Excel on Windows/macOS and one handed over by xlwings' remote
engine in the tests.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from ..grid import Grid

if TYPE_CHECKING:  # xlwings is imported by the caller (the ribbon) only when a button runs
    import xlwings as xw

    from ..settings import Limits, Settings


def sheet_grid(sheet: "xw.Sheet", source: str, limits: "Limits | None" = None, lang: str = "fi") -> Grid:
    """The sheet's values as a Grid anchored at A1, read with one call on the used range.

    Excel's used range need not start at A1 (a sheet whose first cell is C5 reports C5:…); the
    block is shifted so that ``grid.rows[i][j]`` is still sheet row i+1, column j. A used range over
    ``limits.max_cells`` (a stray entry in XFD1048576 makes it the whole sheet) is refused before its
    values are asked for: Excel would build them all, and the file path refuses the same sheet.
    """
    from ..errors import InputError
    from ..settings import Limits

    used = sheet.used_range
    height, width = used.shape
    limit = (limits or Limits()).max_cells
    if (used.row - 1 + height) * (used.column - 1 + width) > limit:
        raise InputError.of(source, "too_many_cells", lang, sheet=sheet.name, limit=limit)
    values = used.options(ndim=2).value or []
    top, left = used.row, used.column
    pad = [None] * (left - 1)
    rows: list[list[Any]] = [[] for _ in range(top - 1)]
    rows.extend((pad + list(r)) if pad else list(r) for r in values)
    try:
        hidden = not sheet.visible
    except Exception:  # an engine that does not say: taken as shown
        hidden = False
    return Grid(source=source, sheet=sheet.name, rows=rows, hidden=bool(hidden),
                number_formats=_number_formats(sheet))


def _number_formats(sheet: "xw.Sheet"):
    """:attr:`Grid.number_formats` of an open sheet: Excel's ``NumberFormat`` of the code column's
    cells, asked once for their whole span (Excel answers None when the cells' formats differ) and
    then, only if they differ, once per numeric cell. An engine that cannot answer synchronously
    (xlwings' remote engine) gives none, and the numbers are read as they are (as before)."""

    def formats(col: int, rows: list[int]) -> dict[int, str]:
        try:
            common = sheet.range((min(rows), col + 1), (max(rows), col + 1)).number_format
            if common is not None:
                return {} if _general(common) else dict.fromkeys(rows, common)
            found = {row: sheet.range((row, col + 1)).number_format for row in rows}
        except Exception:  # NotImplementedError on the remote engine; COM errors on a busy Excel
            return {}
        return {row: code for row, code in found.items() if code and not _general(code)}

    return formats


def _general(code: str) -> bool:
    return code.strip().casefold() in ("general", "@")


def book_source(book: "xw.Book") -> str:
    """The workbook's name as staff know it (for messages)."""
    return book.name


def book_path(book: "xw.Book") -> str | None:
    """The workbook's file path when it has one on disk (not a new unsaved book, not a web URL)."""
    try:
        full = book.fullname
    except Exception:  # engines without a file system (remote) or an unsaved book
        return None
    return full if full and os.path.isabs(full) and os.path.isfile(full) else None


class LiveWorkbook:
    """The live implementation of the workbook facade (:class:`seuranta_xl.write.engine.Workbook`):
    the book open in Excel, its sheets read once (one call each), written through the xlwings engine.

    Settings come from the open book itself (its lists and settings sheets as they are now, unsaved
    edits included), over ``seuranta.toml`` beside the book's file when it is saved on disk.
    """

    def __init__(self, book: "xw.Book"):
        self.book = book
        self.source = book_source(book)
        #: The book's file on disk (None for a new unsaved book or a web workbook).
        self.path = book_path(book)
        self._grids: list[Grid] | None = None
        self._settings: Settings | None = None

    def grids(self) -> list[Grid]:
        if self._grids is None:
            from ..config import load_settings

            base = load_settings(self.path, sheets=[])  # seuranta.toml's limits and language, before the sheets
            self._grids = [sheet_grid(sheet, self.source, base.limits, base.language) for sheet in self.book.sheets]
        return self._grids

    def settings(self) -> "Settings":
        if self._settings is None:
            from ..config import load_settings

            self._settings = load_settings(self.path, sheets=self.grids(), source=self.source)
        return self._settings

    def state(self, sheet: str, *, page_setup: bool = True) -> Any:
        from .xlwings_engine import read_state

        return read_state(self.book, self._grid(sheet), self.grids(), page_setup=page_setup)

    def lists(self, sheets: list[str]) -> Any:
        from .xlwings_engine import read_lists

        return read_lists(self.book, sheets)

    def apply(self, plan: Any) -> Any:
        from .xlwings_engine import apply_plan

        return apply_plan(self.book, plan, self.grids())

    def active_report_sheet(self) -> str | None:
        """The active sheet's name when it holds a report (the buttons act on it), else None."""
        from ..header import find_header

        try:
            name = self.book.sheets.active.name
        except Exception:  # no active sheet on this engine
            return None
        grid = next((g for g in self.grids() if g.sheet == name), None)
        return name if grid is not None and find_header(grid, self.settings().columns) is not None else None

    def _grid(self, sheet: str) -> Grid:
        return next(g for g in self.grids() if g.sheet == sheet)
