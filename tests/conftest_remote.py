"""Helpers for driving xlwings' remote engine: payloads shaped like the Office.js client's.

xlwings' remote engine (``xw.Book(json=payload)``) is the PolyForm Noncommercial part of xlwings:
it needs ``XLWINGS_LICENSE_KEY`` (``noncommercial``), which only the test run sets. Tests using
these helpers are marked ``xlwings_remote`` and skip cleanly without the key. The product itself
never imports ``xlwings.pro``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

SEED_TXT = Path(__file__).parent / "data" / "seed_report.txt"

needs_remote = [
    pytest.mark.xlwings_remote,
    pytest.mark.skipif(not os.environ.get("XLWINGS_LICENSE_KEY"),
                       reason="xlwings' remote engine needs XLWINGS_LICENSE_KEY (e.g. noncommercial)"),
]


def remote(test):
    """Marked ``xlwings_remote`` and skipped without XLWINGS_LICENSE_KEY."""
    for mark in needs_remote:
        test = mark(test)
    return test


def seed_rows() -> list[list[str]]:
    """The seed export: line N = sheet row N, split on tab."""
    return [line.split("\t") for line in SEED_TXT.read_text(encoding="utf-8").split("\n")]


def generated_rows(actions: int) -> list[list[str]]:
    """The seed's title and header rows followed by about ``actions`` seed-like rows with fresh codes.

    Each council goal has annual goals with ten actions each; grades cycle 1-5 with every
    seventh action ungraded, so every button has findings and rollups to write.
    """
    rows = [list(r) for r in seed_rows()[:13]]
    from seuranta_xl.grades import DEFAULT_SCALE

    scale = {g: f"{g} {label}" for g, label in DEFAULT_SCALE.items()}
    n = 0
    council = 0
    while n < actions:
        council += 1
        rows.append([f"{council:02d}. Valtuustokauden tavoite {council}", "", "", "", "", "", "", ""])
        for annual in range(1, 11):
            if n >= actions:
                break
            rows.append(["", f"{council:02d}.{annual:02d} Vuositavoite {council}.{annual}", "", "", "", "", "", ""])
            for action in range(1, 11):
                n += 1
                grade = "" if n % 7 == 0 else scale[n % 5 + 1]
                rows.append(["", "", f"{council:02d}.{annual:02d}.{action:02d} Toimenpide numero {n}",
                             "Resurssipula" if n % 3 == 0 else "", "", grade,
                             f"Eteneminen toimenpiteessä {n} on kuvattu tässä." if n % 11 else "",
                             "Talousjohtaja" if n % 2 else "Sivistysjohtaja"])
                if n >= actions:
                    break
    return rows


def payload(rows: list[list[Any]], sheet: str = "Raportti", book: str = "Seuranta.xlsx",
            extra_sheets: list[tuple[str, list[list[Any]]]] | None = None,
            names: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A payload like the Office.js client sends for a workbook (empty cells as "")."""
    import xlwings as xw

    def sheet_api(name: str, values: list[list[Any]]) -> dict[str, Any]:
        width = max((len(r) for r in values), default=0)
        values = [list(r) + [""] * (width - len(r)) for r in values] or [[]]
        return {"name": name, "values": values, "visibility": "Visible", "pictures": [], "shapes": [],
                "charts": [], "notes": [], "tables": [], "pivot_tables": [], "show_gridlines": True,
                "print_area": None}

    sheets = [sheet_api(sheet, rows)] + [sheet_api(n, v) for n, v in extra_sheets or []]
    return {"client": "Office.js", "version": xw.__version__,
            "book": {"name": book, "active_sheet_index": 0, "selection": "A1"},
            "names": list(names or []), "sheets": sheets}


def remote_book(rows: list[list[Any]], **kwargs: Any):
    """An xlwings Book on the remote engine from ``rows`` (recorded actions: ``book.json()``)."""
    import xlwings as xw

    return xw.Book(json=payload(rows, **kwargs))


def actions(book) -> list[dict[str, Any]]:
    return book.json()["actions"]


def kinds(book) -> dict[str, int]:
    """Recorded action name → count."""
    counts: dict[str, int] = {}
    for a in actions(book):
        counts[a["func"]] = counts.get(a["func"], 0) + 1
    return counts
