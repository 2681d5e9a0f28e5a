"""One core for both paths, on other municipalities' layouts: the ribbon reads what the CLI reads.

``test_ribbon_parity.py`` compares everything the two paths write on the seed report. Here the
question is narrower and the inputs wider: for each layout of ``test_layouts.py`` (other titles,
Swedish, codes in a column of their own, typed as numbers, unpadded, section titles and repeated
headers inside the table, extra columns, grades as bare numbers, the header on row 1) the same rows
go through a file (``run_command(FileWorkbook(path), "validate")``, what the CLI calls) and through
the open book (the ribbon's Tarkista button on xlwings' remote engine). The reports' items and the
findings must be the same, cell for cell.

Values reach the ribbon as Excel hands them over: every number a float, an empty cell "".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import write_rows_xlsx
from conftest_remote import needs_remote, remote_book, seed_rows
from test_layouts import _HEADER, _SWEDISH, _body, _numbered, _recode, _report, _unpadded

pytestmark = needs_remote

SHEET = "Seuranta"


def _as_excel_gives(rows: list[list[Any]]) -> list[list[Any]]:
    return [[float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else ("" if v is None else v)
             for v in row] for row in rows]


def _with_sections() -> list[list[Any]]:
    body = _body()
    return _report(_HEADER, [["STRATEGIA-ALUE 1: ELINVOIMA"], *body[:4], _HEADER, ["Hyvinvointi"],
                             [None, "PALVELUT"], *body[4:]])


def _extra_columns() -> list[list[Any]]:
    # Nro, Toimiala and Mittari between the report's own columns; the codes stay in the names too
    header = ["Toimiala", *_HEADER[:3], "Mittari", *_HEADER[3:], "Määräaika"]
    body = [["Elinvoima", *r[:3], "kpl" if r[2] else None, *r[3:], "2025"] for r in _body()]
    return _report(header, body)


def _bare_grades() -> list[list[Any]]:
    body = _body()
    body[1][5], body[2][5], body[3][5], body[5][5] = 3, 4.0, "2,0", "4 Toteutusvaiheessa"
    return _report(_HEADER, body)


def _messy_roles_and_gaps() -> list[list[Any]]:
    body = _body()
    body[2][7] = "Kunnanjohtaja ja talousjohtaja"
    body[3][7] = "Sivistysjohtja"  # misspelled
    body[6][6] = None  # no progress text
    body.insert(4, [None, None, "Uusi toimenpide ilman koodia", None, None, "2", None, None])
    return _report(_HEADER, body)


def _dates_and_numbers_in_text_columns() -> list[list[Any]]:
    import datetime as dt

    body = _body()
    body[2][6] = dt.datetime(2025, 9, 30)  # a date where a text belongs: Excel hands over a datetime
    body[3][3] = 2025  # a number in the risks
    body[6][7] = 42.5
    return _report(_HEADER, body)


LAYOUTS = {
    "standard": lambda: _report(_HEADER),
    "header-on-row-1": lambda: [_HEADER, *_body()],
    "swedish": lambda: _report(_SWEDISH),
    "bilingual-titles": lambda: _report([f"{fi}\n{sv}" for fi, sv in zip(_HEADER, _SWEDISH)]),
    "unpadded-codes": lambda: _report(_HEADER, _recode(_body(), _unpadded)),
    "code-column-numbers": lambda: _numbered([1.1, 1.2, 1.3]),
    "code-column-text": lambda: _numbered(["1.1", "1.2", "1.10"]),
    "sections-and-repeated-header": _with_sections,
    "extra-columns": _extra_columns,
    "bare-grades": _bare_grades,
    "messy-roles-and-gaps": _messy_roles_and_gaps,
    "dates-and-numbers-in-text-columns": _dates_and_numbers_in_text_columns,
    "seed": lambda: [list(r) for r in seed_rows()],
}


def _items(report) -> list[tuple]:
    return [(i.code, i.level, i.row, i.column, i.grade.value, i.grade.status, i.responsible, i.parent)
            for i in report.items]


def _findings(report) -> list[tuple]:
    return [(f.rule, f.severity, f.sheet, f.row, f.column, f.code, f.message) for f in report.findings]


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_the_ribbon_reads_each_layout_as_the_file_path_does(tmp_path: Path, layout: str):
    from seuranta_xl.commands import run_command
    from seuranta_xl.excel import ribbon
    from seuranta_xl.write.file_workbook import FileWorkbook

    rows = LAYOUTS[layout]()
    path = write_rows_xlsx(rows, tmp_path / "Seuranta.xlsx", sheet=SHEET)
    headless = run_command(FileWorkbook(path), "validate").summary.report
    outcome = ribbon.validate(remote_book(_as_excel_gives(rows), sheet=SHEET))
    assert outcome.ok, outcome.message
    assert _items(outcome.report) == _items(headless)
    assert _findings(outcome.report) == _findings(headless)
    assert len(headless.items) >= 4, "the layout is read as a report"


def test_the_open_sheet_is_asked_for_code_number_formats_and_an_engine_that_cannot_tell_gives_none():
    """The live grid asks Excel for the code column's number formats (``1.1`` under ``0.00`` is
    ``01.10``, as the file path reads it); xlwings' remote engine cannot answer synchronously
    (NotImplementedError), so there the numbers are read as they are, as before."""
    from seuranta_xl.excel.live import sheet_grid

    book = remote_book(_as_excel_gives(_numbered([1.1, 1.2, 1.10])), sheet=SHEET)
    grid = sheet_grid(book.sheets[0], "Seuranta.xlsx")
    assert grid.number_formats is not None
    assert grid.number_formats(0, [5, 6, 7]) == {}


def test_the_open_sheet_is_asked_for_its_formulas_and_an_engine_that_cannot_tell_gives_none():
    """The ribbon's state names the report sheet's formula cells (read with one call on the used
    range) so that rollup and merge never write over a person's formula, as on the file path;
    xlwings' remote engine reads formulas only asynchronously, so there none is known."""
    from seuranta_xl.excel.live import sheet_grid
    from seuranta_xl.excel.xlwings_engine import read_state

    book = remote_book(_as_excel_gives(LAYOUTS["standard"]()), sheet=SHEET)
    state = read_state(book, sheet_grid(book.sheets[0], "Seuranta.xlsx"))
    assert state.formulas == {SHEET: set()}
