"""The sheet *Muutokset*: what changed since the previous report, one line per change, each with a
link to the changed cell of the report sheet (a planner: Comparison in, Plan out)."""

from __future__ import annotations

from typing import Any

from ..comparison import Comparison, shorten
from ..errors import InputError
from ..messages import t
from .actions import CHANGES_SHEET, Hyperlink, Plan, ReplaceSheet

_COLUMNS = ("cmp_col_code", "cmp_col_sheet", "cmp_col_change", "cmp_col_old", "cmp_col_new")
_LANGS = ("fi", "en", "sv")


def _header(lang: str) -> list[str]:
    return [t(key, lang) for key in _COLUMNS]


def is_own_changes_sheet(first_row: list[Any] | None) -> bool:
    """True when there is no such sheet (None) or its row 1 is our header in some language."""
    if first_row is None:
        return True
    row = list(first_row)
    while row and row[-1] is None:
        row.pop()
    return any(row == _header(lang) for lang in _LANGS)


def _cell(value: Any) -> Any:
    return shorten(value, 300) if isinstance(value, str) else value


def changes_plan(comparison: Comparison, *, lang: str = "fi", source: str = "",
                 existing_first_row: list[Any] | None = None) -> Plan:
    """Replace (or add) the sheet *Muutokset* in the new report's workbook.

    ``existing_first_row``: row 1 of a sheet already called *Muutokset* (None: there is none); a
    sheet of the staff's own with that name is never replaced (InputError).
    """
    if not is_own_changes_sheet(existing_first_row):
        raise InputError.of(source or comparison.new.source, "cmp_foreign_sheet", lang, sheet=CHANGES_SHEET)
    rows: list[list[Any]] = [_header(lang)]
    links = []
    for change in comparison.changes:
        rows.append([change.code, change.sheet, change.message, _cell(change.old), _cell(change.new)])
        if change.row is not None and change.column:
            sheet = "'" + change.sheet.replace("'", "''") + "'"
            links.append(Hyperlink(cell=f"A{len(rows)}", target=f"{sheet}!{change.column}{change.row}",
                                   text=change.code))
    if not comparison.changes:
        rows.append(["", "", t("cmp_none", lang), None, None])
    rows += [[], [comparison.summary.get("text", "")],
             [t("cmp_sheet_source", lang, old=comparison.old.source)]]
    return Plan().add(ReplaceSheet(
        name=CHANGES_SHEET, rows=rows, header_rows=1, hyperlinks=links,
        column_widths={"A": 12, "B": 14, "C": 70, "D": 40, "E": 40}))
