"""From a sheet's values to a Report: header, rows, items and their hierarchy (by code, not by column)."""

from __future__ import annotations

from typing import Any

from .codes import parent_code, parse_code
from .errors import InputError
from .grades import DEFAULT_SCALE, parse_grade
from .grid import Grid, column_letter
from .header import FIELDS, NAME_FIELDS, FieldName, find_header, find_title
from .i18n import t
from .model import DataRow, Item, Report

_LEVEL_DEPTH = {"council": 0, "annual": 1, "action": 2}


def _clean(value: Any) -> Any:
    """Empty strings are empty cells; text is stripped of surrounding spaces."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def build_report(grid: Grid, scale: dict[int, str] = DEFAULT_SCALE, lang: str = "fi") -> Report:
    """Parse one sheet into a Report. Raises InputError when the sheet has no report header."""
    found = find_header(grid)
    if found is None:
        raise InputError(grid.source, t("no_header", lang, sheet=grid.sheet))
    header_row, columns = found
    title, period = find_title(grid, header_row)
    letters = {name: column_letter(col) for name, col in columns.items()}
    report = Report(source=grid.source, sheet=grid.sheet, title=title, period=period,
                    header_row=header_row, columns=letters, notes=list(grid.notes))

    for row_no in range(header_row + 1, len(grid.rows) + 1):
        data_row = _read_row(grid.rows[row_no - 1], row_no, columns)
        if data_row.kind == "blank":
            continue
        report.rows.append(data_row)
        report.last_row = row_no
        report.items.extend(_items_of(data_row, letters, scale))

    _link_hierarchy(report)
    if not report.rows:
        raise InputError(grid.source, t("no_rows", lang, sheet=grid.sheet))
    return report


def _read_row(values: list[Any], row_no: int, columns: dict[FieldName, int]) -> DataRow:
    row = DataRow(row=row_no)
    for name in FIELDS:
        col = columns.get(name)
        if col is None or col >= len(values):
            continue
        value = _clean(values[col])
        if value is not None:
            row.cells[name] = (column_letter(col), value)
    return row


def _items_of(row: DataRow, letters: dict[FieldName, str], scale: dict[int, str]) -> list[Item]:
    """The items on one row; the row's own fields go to the deepest code (see Item.owns_row)."""
    found = []
    for name in NAME_FIELDS:
        if name not in row.cells:
            continue
        letter, value = row.cells[name]
        parsed = parse_code(value)
        if parsed is None:
            row.stray.append((name, letter, _text(value) or ""))
        else:
            found.append((parsed, letter))
    if not found:
        return []
    found.sort(key=lambda pc: _LEVEL_DEPTH[pc[0].level])
    deepest = found[-1][0]
    cell = lambda name: row.cells[name][1] if name in row.cells else None  # noqa: E731
    items = []
    for parsed, letter in found:
        owns = parsed is deepest
        items.append(Item(
            level=parsed.level, code=parsed.code, raw_code=parsed.raw, name=parsed.name,
            row=row.row, column=letter, canonical=parsed.canonical, owns_row=owns,
            risks=_text(cell("risks")) if owns else None,
            status=cell("status") if owns else None,
            grade=parse_grade(cell("grade"), scale) if owns else parse_grade(None),
            progress=_text(cell("progress")) if owns else None,
            responsible=_text(cell("responsible")) if owns else None,
            parent=parent_code(parsed.code),
        ))
        row.codes.append(parsed.code)
    return items


def _link_hierarchy(report: Report) -> None:
    """Record each item's parent (found or not) and the heading it stands under. Nothing is invented."""
    codes = {item.code for item in report.items}
    last_seen: dict[str, str] = {}  # level → code of the latest item of that level, in sheet order
    for item in report.items:
        if item.parent is not None:
            item.parent_found = item.parent in codes
            item.heading = last_seen.get("annual" if item.level == "action" else "council")
        last_seen[item.level] = item.code
        if item.level == "council":
            last_seen.pop("annual", None)  # a new council goal starts a new section
