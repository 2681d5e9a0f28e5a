"""Finding the header row and mapping its columns to the report's fields, by name."""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from .grid import Grid

FieldName = Literal["council", "annual", "action", "risks", "status", "grade", "progress", "responsible"]
FIELDS: tuple[FieldName, ...] = ("council", "annual", "action", "risks", "status", "grade", "progress", "responsible")
NAME_FIELDS: tuple[FieldName, ...] = ("council", "annual", "action")

#: The column titles of the familiar sheet, in its order (used when writing a new report).
TITLES: dict[FieldName, str] = {
    "council": "Valtuustokauden tavoite",
    "annual": "Vuositavoite",
    "action": "Toimenpide",
    "risks": "Merkittävimmät tavoitteen toteuttamista uhkaavat riskit",
    "status": "Kokonais-tilanne",
    "grade": "Etenemisaste",
    "progress": "Eteneminen",
    "responsible": "Vastuuhenkilö",
}

# Normalised titles (see _key) that name each field; English ones for reports kept in English.
_ALIASES: dict[FieldName, tuple[str, ...]] = {
    "council": ("valtuustokaudentavoite", "valtuustokaudentavoitteet", "valtuustokausi", "councilgoal", "counciltermgoal"),
    "annual": ("vuositavoite", "vuositavoitteet", "annualgoal"),
    "action": ("toimenpide", "toimenpiteet", "action", "actions"),
    "risks": ("merkittävimmättavoitteentoteuttamistauhkaavatriskit", "riskit", "risks"),
    "status": ("kokonaistilanne", "tilanne", "status", "overallstatus"),
    "grade": ("etenemisaste", "grade", "progressgrade"),
    "progress": ("eteneminen", "etenemisenkuvaus", "progress"),
    "responsible": ("vastuuhenkilö", "vastuuhenkilöt", "vastuutaho", "vastuuhenkilö/taho", "responsible"),
}
_LOOKUP = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}

#: How far down the header may stand (the seed has it on row 13).
HEADER_SEARCH_ROWS = 100

_PERIOD = re.compile(r"(\d{1,2}\s*[-–]\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}/\d{4}|\b(?:19|20)\d{2}\b)")


def _key(value: object) -> str:
    """Tolerant form of a title: case, spaces, line breaks and (soft) hyphens do not matter."""
    text = unicodedata.normalize("NFC", str(value)).casefold()
    return re.sub(r"[\s\-\u00ad‐–_]+", "", text)


def field_of(title: object) -> FieldName | None:
    """Which field a column title names, or None."""
    if not isinstance(title, str) or not title.strip():
        return None
    key = _key(title)
    if key in _LOOKUP:
        return _LOOKUP[key]
    if key.startswith("merkittävimmät") or "riski" in key:
        return "risks"
    return None


def map_header(cells: list[object]) -> dict[FieldName, int]:
    """Field → 0-based column for one candidate header row (first occurrence wins)."""
    columns: dict[FieldName, int] = {}
    for col, value in enumerate(cells):
        name = field_of(value)
        if name and name not in columns:
            columns[name] = col
    return columns


def find_header(grid: Grid) -> tuple[int, dict[FieldName, int]] | None:
    """(1-based header row, field → column) or None when the sheet has no report header.

    A header names the grade column and at least one name column, and three fields in all.
    """
    for row in range(1, min(len(grid.rows), HEADER_SEARCH_ROWS) + 1):
        columns = map_header(grid.rows[row - 1])
        if len(columns) >= 3 and "grade" in columns and any(n in columns for n in NAME_FIELDS):
            return row, columns
    return None


def find_title(grid: Grid, header_row: int) -> tuple[str | None, str | None]:
    """(title, period) from the rows above the header, e.g. ``("Tavoitteiden … 1 - 9 / 2021", "1 - 9 / 2021")``."""
    for row in range(1, header_row):
        for value in grid.rows[row - 1]:
            if isinstance(value, str) and "seuranta" in value.casefold():
                title = " ".join(value.split())
                match = _PERIOD.search(title)
                return title, (" ".join(match.group(1).split()) if match else None)
    return None, None
