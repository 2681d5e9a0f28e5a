"""Rows moved up: which references still mean the same cells (ranges, formulas), and their new text.

A person's workbook keeps the rows down to the header as they are and moves the rows it keeps up
under the header, in order (``moved``: master row → new row). A reference stays sound when every
cell it names either did not move (a header row) or moved with the cell that refers to it (the same
row, a relative reference). Anything else is not remapped: the caller drops the piece or writes the
value the master saved.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from . import cells as C

_CELL = re.compile(r"^(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})$")
_COLS = re.compile(r"^\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}$")
_ROWS = re.compile(r"^(\$?)([0-9]{1,7}):(\$?)([0-9]{1,7})$")


@dataclass(frozen=True)
class Moves:
    """The rows of one sheet in a person's workbook: header rows stay, ``keep`` (master rows, in
    order) follow right under the header."""

    header_row: int
    keep: tuple[int, ...]

    @property
    def moved(self) -> dict[int, int]:
        return {row: self.header_row + 1 + i for i, row in enumerate(self.keep)}

    @property
    def last_row(self) -> int:
        return self.header_row + len(self.keep)

    def new_row(self, row: int) -> int | None:
        """Where master ``row`` is in the person's workbook (None: not there)."""
        if row <= self.header_row:
            return row
        i = bisect.bisect_left(self.keep, row)
        return self.header_row + 1 + i if i < len(self.keep) and self.keep[i] == row else None

    def rows_within(self, first: int, last: int) -> list[int]:
        """The new rows of the master rows ``first..last`` that are kept, in order."""
        out = list(range(first, min(last, self.header_row) + 1))
        lo = bisect.bisect_left(self.keep, max(first, self.header_row + 1))
        hi = bisect.bisect_right(self.keep, last)
        return out + [self.header_row + 1 + i for i in range(lo, hi)]


def runs(rows: list[int]) -> list[tuple[int, int]]:
    """Consecutive rows as (first, last) runs."""
    out: list[tuple[int, int]] = []
    for row in rows:
        if out and row == out[-1][1] + 1:
            out[-1] = (out[-1][0], row)
        else:
            out.append((row, row))
    return out


def remap_sqref(sqref: str, moves: Moves) -> str:
    """A space-separated list of ranges with each range's rows as they are in the person's
    workbook (a range over dropped rows only goes; ``""`` when nothing is left)."""
    out: list[str] = []
    for token in sqref.split():
        if _COLS.match(token):  # whole columns: every row, wherever it is
            out.append(token)
            continue
        try:
            r1, c1, r2, c2 = C.parse_range(token.replace("$", ""))
        except ValueError:
            continue
        for first, last in runs(moves.rows_within(r1, r2)):
            a, b = C.ref(first, c1), C.ref(last, c2)
            out.append(a if a == b else f"{a}:{b}")
    return " ".join(out)


def merge_range(ref: str, moves: Moves) -> str | None:
    """A merged range in the person's workbook: the same rows still side by side, else None."""
    try:
        r1, c1, r2, c2 = C.parse_range(ref)
    except ValueError:
        return None
    rows = moves.rows_within(r1, r2)
    if len(rows) != r2 - r1 + 1 or rows[-1] - rows[0] != r2 - r1:
        return None
    a, b = C.ref(rows[0], c1), C.ref(rows[-1], c2)
    return a if a == b else f"{a}:{b}"


# --- formulas ----------------------------------------------------------------------------------


def _split_sheet(text: str) -> tuple[str | None, str]:
    """(sheet or None, the reference) of ``'My sheet'!A1`` / ``Listat!$A$2`` / ``A1``."""
    if "!" not in text:
        return None, text
    sheet, _, ref = text.rpartition("!")
    if sheet.startswith("'") and sheet.endswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    return sheet, ref


def _row_parts(ref: str) -> list[tuple[bool, int]] | None:
    """(absolute, row) of each end of a reference; [] for whole columns; None: not a reference
    (a name, a constant, a reference this module does not read)."""
    parts = []
    if _COLS.match(ref):
        return []
    rows = _ROWS.match(ref)
    if rows:
        return [(rows.group(1) == "$", int(rows.group(2))), (rows.group(3) == "$", int(rows.group(4)))]
    for end in ref.split(":"):
        cell = _CELL.match(end)
        if cell is None:
            return None
        parts.append((cell.group(3) == "$", int(cell.group(4))))
    return parts


def _ranges(formula: str, sheet: str, kept_sheets: set[str], names: set[str]) -> list[tuple[str, list[tuple[bool, int]]]] | None:
    """(the sheet, ``sheet`` when none is named; its rows as (absolute, row) pairs) of each range
    operand of ``formula`` (a workbook name still defined and a logical constant are no ranges);
    None when the formula cannot be read or reads what is no rows of the person's workbook (a sheet
    not kept, a name gone, a table's columns, another workbook): neither reference check can vouch
    for it."""
    from openpyxl.formula.tokenizer import Token, Tokenizer

    try:
        tokens = Tokenizer("=" + formula.lstrip("=")).items
    except Exception:
        return None
    found = []
    for token in tokens:
        if token.type != Token.OPERAND or token.subtype != Token.RANGE:
            continue
        target, ref = _split_sheet(token.value)
        parts = _row_parts(ref) if "[" not in token.value else None
        if parts is not None:
            target = sheet if target is None else target
            if target not in kept_sheets:
                return None
            found.append((target, parts))
        elif not ((target is None and ref.casefold() in names) or ref.upper() in ("TRUE", "FALSE")):
            return None
    return found


def formula_sound(formula: str, sheet: str, anchor_rows: tuple[int, int], moves: Moves, kept_sheets: set[str],
                  names: set[str], moved_sheets: set[str] | None = None) -> bool:
    """Whether ``formula`` (written for the range whose rows are ``anchor_rows``, top first, on
    ``sheet``) means the same cells in the person's workbook once translated to the new top row.

    Sound: a reference to a sheet kept whose rows did not move, an absolute row among the header
    rows, a relative row of the same row (it moves with the cell), whole columns, a name still
    defined. Anything else (a reference into rows moved or dropped, to a sheet removed, a name
    gone, an external book, a structured reference) is not."""
    moved_sheets = moved_sheets if moved_sheets is not None else {sheet}
    top, bottom = anchor_rows
    in_header = bottom <= moves.header_row
    ranges = _ranges(formula, sheet, kept_sheets, names)
    if ranges is None:
        return False
    for target, parts in ranges:
        for absolute, row in parts:
            if target not in moved_sheets:
                if not absolute and not in_header:
                    return False  # a relative row elsewhere would follow the moved cell
                continue
            if absolute:
                if row > moves.header_row:
                    return False
            elif in_header:
                if row + (bottom - top) > moves.header_row:
                    return False
            elif row != top:
                return False
    return True


def reads_only_sent(formula: str, sheet: str, moves: Moves, kept_sheets: set[str], names: set[str]) -> bool:
    """Whether every cell ``formula`` (as the master has it, on ``sheet``) reads is in the person's
    workbook: a kept sheet other than ``sheet``, or ``sheet``'s header rows and rows kept. A saved
    value computed from other rows (whole columns, a range over rows not sent, another book) would
    carry other people's data."""
    ranges = _ranges(formula, sheet, kept_sheets, names)
    if ranges is None:
        return False
    for target, parts in ranges:
        if target != sheet:
            continue
        if not parts:
            return False  # whole columns: every row of the master
        first, last = max(min(r for _, r in parts), moves.header_row + 1), max(r for _, r in parts)
        if last >= first and bisect.bisect_right(moves.keep, last) - bisect.bisect_left(moves.keep, first) != last - first + 1:
            return False
    return True


def translate(formula: str, old_anchor: str, new_anchor: str) -> str:
    """``formula`` (without ``=``) with its relative references moved from ``old_anchor`` to
    ``new_anchor`` (openpyxl's translator: absolute parts stay)."""
    from openpyxl.formula.translate import Translator

    if old_anchor == new_anchor:
        return formula
    return Translator("=" + formula, origin=old_anchor).translate_formula(new_anchor)[1:]
