"""Reading the report from a live workbook (xlwings): each sheet's used range in one call → Grid.

Only xlwings' open-source API is used (``Sheet.used_range``, ``Range.options(...).value``), so the
same code reads a workbook open in Excel on Windows/macOS and one handed over by xlwings' remote
engine in the tests.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..grid import Grid
from ..header import find_header
from ..messages import t

if TYPE_CHECKING:  # xlwings is imported by the caller (the ribbon) only when a button runs
    import xlwings as xw

    from ..settings import Settings


def sheet_grid(sheet: "xw.Sheet", source: str) -> Grid:
    """The sheet's values as a Grid anchored at A1, read with one call on the used range.

    Excel's used range need not start at A1 (a sheet whose first cell is C5 reports C5:…); the
    block is shifted so that ``grid.rows[i][j]`` is still sheet row i+1, column j.
    """
    used = sheet.used_range
    values = used.options(ndim=2).value or []
    top, left = used.row, used.column
    pad = [None] * (left - 1)
    rows: list[list[Any]] = [[] for _ in range(top - 1)]
    rows.extend((pad + list(r)) if pad else list(r) for r in values)
    return Grid(source=source, sheet=sheet.name, rows=rows)


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


def find_report_grid(book: "xw.Book", lang: str = "fi") -> Grid:
    """The first sheet that has the report's header row, read once. InputError when none has it."""
    source = book_source(book)
    for sheet in book.sheets:
        grid = sheet_grid(sheet, source)
        if find_header(grid) is not None:
            return grid
    raise InputError(source, t("no_header_any", lang))


def settings_for(book: "xw.Book") -> "Settings":
    """Defaults, then ``seuranta.toml`` beside the workbook's file when it is saved on disk."""
    from ..config import load_settings

    return load_settings(book_path(book))
