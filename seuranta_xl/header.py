"""Finding the header row and mapping its columns to the report's fields, by name."""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from .grid import Grid

FieldName = Literal["council", "annual", "action", "risks", "status", "grade", "progress", "responsible", "code"]
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
    "code": "Nro",  # a code column of its own (Nro / Koodi / Tunnus)
}

# Normalised titles (see _key) that name each field; English ones for reports kept in English.
_ALIASES: dict[FieldName, tuple[str, ...]] = {
    "council": ("valtuustokaudentavoite", "valtuustokaudentavoitteet", "valtuustokausi", "councilgoal", "counciltermgoal",
                "fullmäktigeperiodensmål", "fullmäktigemål", "målförfullmäktigeperioden"),
    "annual": ("vuositavoite", "vuositavoitteet", "annualgoal", "årsmål", "årligamål"),
    "action": ("toimenpide", "toimenpiteet", "action", "actions", "åtgärd", "åtgärder"),
    "risks": ("merkittävimmättavoitteentoteuttamistauhkaavatriskit", "riskit", "riski", "risks", "risker", "keyrisks"),
    "status": ("kokonaistilanne", "tilanne", "tilannearvio", "status", "overallstatus", "helhetsläge", "läge"),
    "grade": ("etenemisaste", "etenemisasteikko", "grade", "progressgrade", "framskridningsgrad"),
    "progress": ("eteneminen", "etenemisenkuvaus", "tilannekuvaus", "kuvausetenemisestä", "toteutuminen",
                 "progress", "framskridande", "lägesbeskrivning"),
    "responsible": ("vastuuhenkilö", "vastuuhenkilöt", "vastuutaho", "vastuuhenkilö/taho", "vastuuhenkilö/vastuutaho",
                    "vastuullinen", "vastuu", "vastuuhlö", "vastuuhenk", "responsible", "responsibleperson",
                    "personresponsible", "ansvarsperson", "ansvarig"),
}
#: A column of its own for the codes ("Nro", "Koodi", "Tunnus"): read as the row's code (not a
#: field of the familiar sheet, so never written by the template).
_CODE_ALIASES = ("nro", "numero", "numerointi", "koodi", "tunnus", "tunniste", "tavoitenro", "tavoitenumero",
                 "tavoitteennumero", "code", "kod", "nr", "no")
_LOOKUP = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}
_LOOKUP.update({alias: "code" for alias in _CODE_ALIASES})

#: How far down the header may stand (the seed has it on row 13).
HEADER_SEARCH_ROWS = 100

_PERIOD = re.compile(r"(\d{1,2}\s*[-–]\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}/\d{4}|\b(?:19|20)\d{2}\b)")


def _key(value: object) -> str:
    """Tolerant form of a title: case, spaces, line breaks and (soft) hyphens do not matter."""
    text = unicodedata.normalize("NFC", str(value)).casefold()
    return re.sub(r"[\s\-\u00ad‐–_]+", "", text)


#: A parenthesised suffix (``Etenemisaste (1-5)``, ``Vastuuhenkilö (nimi)``): a note, not the title.
_SUFFIX = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*")


#: What a municipality puts around a title without changing what it names: a column number in front
#: (``1. Valtuustokauden tavoite``), and behind it a colon or a closing full stop, the scale
#: (``Etenemisaste 1-5``) or the date or year of the report (``Tilanne 31.8.``, ``Tilanne 2025``).
_NUMBERING = re.compile(r"^\s*(?:\d{1,2}|[a-zA-Z])[.)]\s+")
_TRAILER = re.compile(r"(?:\s+(?:\d{1,2}\s*[-–]\s*\d{1,2}|\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})?|(?:19|20)\d{2}))?[\s:.*]*$")


def _bare(text: str) -> str:
    """A title without its column number and without a trailing colon, scale, date or year."""
    return _TRAILER.sub("", _NUMBERING.sub("", text, count=1), count=1)


Titles = "dict[FieldName, list[str]] | None"


def extra_titles(titles: "dict[FieldName, list[str]] | None") -> dict[str, FieldName]:
    """A municipality's own titles (settings ``columns``) as look-up keys."""
    return {_key(title): field for field, names in (titles or {}).items() for title in names}


def field_of(title: object, extra: dict[str, FieldName] | None = None) -> FieldName | None:
    """Which field a column title names, or None. Tolerant of case, spacing, line breaks, a
    parenthesised suffix, a column number, a trailing colon, scale or date (:func:`_bare`), and of
    alternatives: "/ …" (``Eteneminen / tilannekuvaus``, ``Vastuuhenkilö / -taho``) and one
    language per line (``Vuositavoite⏎Årsmål``): each alternative is tried in turn."""
    if not isinstance(title, str) or not title.strip():
        return None
    if extra and _key(title) in extra:
        return extra[_key(title)]
    text = _SUFFIX.sub(" ", title).strip()
    # the whole title first: a title broken over lines ("Valtuusto-⏎kauden⏎tavoite") is one title
    # (a title without "/" is its own only part: not tried twice - a long text in a row that may
    # repeat the header costs ~30 µs a try)
    parts = text.split("/")
    for candidate in (text, *(parts if len(parts) > 1 else ()), *(text.splitlines() if "\n" in text else ())):
        key = _key(_bare(candidate))
        if extra and key in extra:
            return extra[key]
        if key in _LOOKUP:
            return _LOOKUP[key]
        if key.startswith("merkittävimmät") or key.startswith("riski"):
            return "risks"
    return None


def map_header(cells: list[object], extra: dict[str, FieldName] | None = None) -> dict[FieldName, int]:
    """Field → 0-based column for one candidate header row (first occurrence wins)."""
    columns: dict[FieldName, int] = {}
    for col, value in enumerate(cells):
        name = field_of(value, extra)
        if name and name not in columns:
            columns[name] = col
    return columns


def _is_header(columns: dict[FieldName, int]) -> bool:
    return len(columns) >= 3 and "grade" in columns and any(n in columns for n in NAME_FIELDS)


def find_header(grid: Grid, titles: "dict[FieldName, list[str]] | None" = None,
                ) -> tuple[int, dict[FieldName, int]] | None:
    """(1-based header row, field → column) or None when the sheet has no report header.

    A header names the grade column and at least one name column, and three fields in all. It may
    stand on one row, or be spread over two (group titles merged over the row below, a title
    merged down over both rows): then the lower row is the header row and the data starts under it
    (:func:`find_header_rows` also gives the first row).
    """
    found = find_header_rows(grid, titles)
    return None if found is None else (found[1], found[2])


def find_header_rows(grid: Grid, titles: "dict[FieldName, list[str]] | None" = None,
                     ) -> tuple[int, int, dict[FieldName, int]] | None:
    """(first header row, header row, field → column): the rows are the same for a header on one
    row, the two rows of a header spread over two (see :func:`find_header`); None without a header."""
    extra = extra_titles(titles)
    last = min(len(grid.rows), HEADER_SEARCH_ROWS)
    for row in range(1, last + 1):
        columns = map_header(grid.rows[row - 1], extra)
        if _is_header(columns):
            return row, row, columns
        if row < last:
            below = map_header(grid.rows[row], extra)
            if below and not _is_header(below):
                merged = {**columns, **below}
                if _is_header(merged) and len(set(merged.values())) == len(merged):
                    return row, row + 1, merged
    return None


def closest_header(grid: Grid, titles: "dict[FieldName, list[str]] | None" = None,
                   ) -> tuple[int, list[FieldName]] | None:
    """(row, fields found) of the row that comes closest to a header, for the message that says
    what was found and what is missing; None when no row names any field."""
    extra = extra_titles(titles)
    best: tuple[int, list[FieldName]] | None = None
    for row in range(1, min(len(grid.rows), HEADER_SEARCH_ROWS) + 1):
        found = list(map_header(grid.rows[row - 1], extra))
        if found and (best is None or len(found) > len(best[1])):
            best = (row, found)
    return best


def find_title(grid: Grid, header_row: int) -> tuple[str | None, str | None]:
    """(title, period) from the rows above the header, e.g. ``("Tavoitteiden … 1 - 9 / 2021", "1 - 9 / 2021")``."""
    for row in range(1, header_row):
        for value in grid.rows[row - 1]:
            if isinstance(value, str) and "seuranta" in value.casefold():
                title = " ".join(value.split())
                match = _PERIOD.search(title)
                return title, (" ".join(match.group(1).split()) if match else None)
    return None, None
