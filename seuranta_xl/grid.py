"""A sheet as plain values with positions: what every reader produces and the parser consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable


#: Excel's sheet, A1:XFD1048576: rows and columns beyond it are a damaged part or cannot be written.
MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384


def column_letter(index: int) -> str:
    """0 → ``A``, 25 → ``Z``, 26 → ``AA``."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def split_cell(ref: str) -> tuple[str, int]:
    """``F20`` → (``F``, 20); ``$AB$7`` → (``AB``, 7). The one cell-reference splitter (planners,
    engines and tests use it instead of their own)."""
    ref = ref.replace("$", "")
    letters = ref.rstrip("0123456789")
    if not letters or not letters.isalpha() or len(letters) == len(ref):
        raise ValueError(f"not a cell reference: {ref!r}")
    return letters.upper(), int(ref[len(letters):])


def column_index(letter: str) -> int:
    """``A`` → 0, ``AA`` → 26."""
    index = 0
    for ch in letter.upper():
        index = index * 26 + (ord(ch) - 64)
    return index - 1


def sqref_rectangles(sqref: str | None) -> list[tuple[int, int, int, int]]:
    """(first col, first row, last col, last row) of each range of a space-separated ``sqref``
    (``F14:F600 H2``; columns 0-based; a whole column ``F:F`` spans every row). The one reader of
    validation ranges (the planners, and the settings reading a person's own dropdown)."""
    found = []
    for part in (sqref or "").replace("$", "").split():
        cells = []
        for end in [e for e in part.split(":")[:2] if e]:
            letters = end.rstrip("0123456789")
            digits = end[len(letters):]
            if not letters or not letters.isalpha():
                break
            cells.append((column_index(letters), int(digits) if digits else None))
        if len(cells) == 1:
            cells.append(cells[0])
        if len(cells) == 2:
            (c1, r1), (c2, r2) = cells
            found.append((min(c1, c2), r1 or 1, max(c1, c2), r2 or 1_048_576))
    return found


@dataclass
class Grid:
    """One sheet's cell values. ``rows[i][j]`` is sheet row ``i + 1``, column ``column_letter(j)``.

    Values are what the file holds: ``str`` for text exports; ``str``/``int``/``float``/``bool``/
    ``datetime`` or None for workbooks. Rows may be ragged.
    """

    source: str  # the file name, as the user gave it (for messages)
    sheet: str
    rows: list[list[Any]]
    #: Notes from the reader the validator should surface (e.g. formulas without cached values).
    notes: list[tuple[int, int, str]] = field(default_factory=list)
    #: The workbook hides the sheet (hidden or very hidden): an old copy, not the report, while
    #: another sheet is one (see validate.reports_from_grids).
    hidden: bool = False
    #: The number formats of cells, asked only for the few the parser shows as Excel does (numbers
    #: in a code column): ``number_formats(col, rows)`` → {row: format code} for the cells of 0-based
    #: ``col`` on those 1-based rows that have a format other than General (None: not known).
    number_formats: Callable[[int, list[int]], dict[int, str]] | None = field(default=None, repr=False,
                                                                              compare=False)

    def value(self, row: int, col: int) -> Any:
        """The value at 1-based sheet ``row`` and 0-based ``col``; None outside the data."""
        if row < 1 or row > len(self.rows):
            return None
        cells = self.rows[row - 1]
        return cells[col] if 0 <= col < len(cells) else None

    @classmethod
    def from_values(cls, rows: list[list[Any]], *, source: str = "<grid>", sheet: str = "Sheet1") -> "Grid":
        """A grid from a list of rows (sheet row 1 first): for scripts and tests."""
        return cls(source=source, sheet=sheet, rows=[list(r) for r in rows])
