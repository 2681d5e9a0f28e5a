"""The quick scan of a plain worksheet (files/prescan.py): where it vouches for a sheet its figures
are the ones expat gives (or safely larger), and anything unusual is left to expat."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from conftest import with_shared_strings
from seuranta_xl.files.prescan import PartScanner, SheetScan, quick_sheet_scan
from seuranta_xl.files.reader import inspect_package

ROOT = Path(__file__).resolve().parent.parent
SHEET = "xl/worksheets/sheet1.xml"


def _expat(xml: bytes, max_cells: int | None = None) -> SheetScan:
    scan = SheetScan("sheet")
    scanner = PartScanner("sheet", scan, max_cells)
    scanner.feed(xml)
    scanner.feed(b"", True)
    return scan


def _quick(xml: bytes, max_cells: int | None = None) -> SheetScan | None:
    scan = SheetScan("sheet")
    return scan if quick_sheet_scan(xml, scan, max_cells) else None


def _styled_workbook(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    for r in range(1, 40):
        ws.cell(row=r + 5, column=2, value=f"teksti {r}")
        ws.cell(row=r + 5, column=4, value=r * 1.5).number_format = "0.0"
    ws["H50"].style = "Note"  # a styled cell with no value: inside the rectangle, not counted
    wb.save(path)
    return path


def _sheets(path: Path) -> list[bytes]:
    with zipfile.ZipFile(path) as z:
        return [z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/sheet")]


@pytest.mark.parametrize("name", ["bundled", "bundled-shared-strings", "openpyxl-styled"])
def test_the_quick_scan_agrees_with_expat_on_plain_sheets(name, tmp_path):
    bundled = ROOT / "workbook/examples/seuranta_1-9_2021.xlsx"
    path = {"bundled": lambda: bundled,
            "bundled-shared-strings": lambda: with_shared_strings(bundled, tmp_path / "s.xlsx"),
            "openpyxl-styled": lambda: _styled_workbook(tmp_path / "o.xlsx")}[name]()
    checked = 0
    for xml in _sheets(path):
        quick, exact = _quick(xml), _expat(xml)
        if quick is None:
            continue
        checked += 1
        assert quick.cells == exact.cells and quick.max_string == exact.max_string
        assert quick.max_style == exact.max_style and quick.formulas == exact.formulas == 0
        # The rectangle spans every cell element: the cells with values, and perhaps more.
        assert quick.min_row <= exact.min_row and quick.max_row >= exact.max_row
        assert quick.min_col <= exact.min_col and quick.max_col >= exact.max_col
    assert checked >= 1


_PLAIN = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
          b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" s="1" t="s"><v>0</v></c>'
          b'<c r="B1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>')


def test_a_plain_sheet_is_vouched_for():
    quick = _quick(_PLAIN)
    assert quick is not None and (quick.cells, quick.max_string, quick.max_style) == (2, 0, 1)
    assert (quick.min_row, quick.max_row, quick.min_col, quick.max_col) == (1, 1, 1, 2)


@pytest.mark.parametrize("change", [
    (b"<sheetData>", b"<!-- <c r=\"XFD1048576\"> --><sheetData>"),  # a comment
    (b"<v>0</v>", b"<v><![CDATA[0]]></v>"),  # CDATA
    (b'<c r="A1" s="1" t="s"><v>0</v>', b'<c r="A1" s="1"><f>1+1</f><v>2</v>'),  # a formula
    (b'<c r="A1"', b"<c r='A1'"),  # single quotes
    (b'<c r="A1" s="1" t="s">', b'<c s="1" t="s">'),  # a cell without its reference
    (b'<c r="B1"', b'<x:c r="B1"'),  # a prefixed cell element
    (b'encoding="UTF-8"', b'encoding="ISO-8859-1"'),  # another encoding
    (b'<c r="A1" s="1" t="s"><v>0</v>', b'<c r="A1" s="1" t="s"><v>zero</v>'),  # a shared string that is no index
])
def test_anything_unusual_is_left_to_expat(change):
    old, new = change
    assert old in _PLAIN
    assert _quick(_PLAIN.replace(old, new)) is None


def test_a_utf16_sheet_is_left_to_expat():
    assert _quick(_PLAIN.replace(b"UTF-8", b"UTF-16").decode().encode("utf-16")) is None


def test_figures_that_would_refuse_the_file_are_left_to_expat():
    far = _PLAIN.replace(b'<c r="B1"', b'<c r="XFD1048576"')
    assert _quick(far, max_cells=1000) is None  # the rectangle is too large: expat decides
    with pytest.raises(Exception, match="too_many_cells"):
        _expat(_PLAIN.replace(b"</row>", b"".join(b'<c r="C%d"><v>1</v></c>' % r for r in range(1, 5)) + b"</row>"),
               max_cells=3)


def test_a_sparse_hostile_sheet_is_still_refused_through_the_quick_path(tmp_path):
    """Two cells far apart: small file, a huge rectangle for calamine. Refused with one line."""
    wb = Workbook()
    wb.active["A1"] = "x"
    wb.active["XFD1048576"] = "y"
    wb.save(tmp_path / "sparse.xlsx")
    from seuranta_xl.errors import InputError

    with pytest.raises(InputError) as refused:
        inspect_package(tmp_path / "sparse.xlsx")
    assert "sparse.xlsx" in str(refused.value)


@pytest.mark.parametrize("name", ["bundled", "openpyxl-styled"])
def test_the_pre_scan_keeps_each_sheets_tail_for_the_dropdown_reader(name, tmp_path):
    """The bytes after </sheetData> (where a person's dropdowns are) come from the pre-scan: the same
    bytes a second, streaming decompression finds, and the same validations read from them."""
    import io

    from seuranta_xl.files.lists import _tail, read_lists
    from seuranta_xl.files.prescan import read_regular
    from seuranta_xl.files.reader import read_grids, scanned

    path = ROOT / "workbook/examples/seuranta_1-9_2021.xlsx" if name == "bundled" else _styled_workbook(tmp_path / "o.xlsx")
    data = read_regular(path)
    assert scanned(b"not these bytes") is None
    sheets = [g.sheet for g in read_grids(path, data=data)]
    tails = scanned(data).tails()
    assert set(tails) == set(sheets)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = sorted(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
        assert sorted(tails.values()) == sorted(_tail(z, part) for part in parts)
    assert read_lists(data, sheets, tails) == read_lists(data, sheets)
    assert read_lists(data, sheets, tails, scanned(data).book_parts) == read_lists(data, sheets)


def test_the_last_scan_is_found_for_the_same_bytes_only():
    """The last full pre-scan is kept with the bytes it read: found again for those bytes (the same
    object, or another one holding them) under the same limits, never for other bytes."""
    from seuranta_xl.files.prescan import read_regular
    from seuranta_xl.files.reader import inspect_package, scanned
    from seuranta_xl.settings import Limits

    data = read_regular(ROOT / "workbook/examples/seuranta_1-9_2021.xlsx")
    scan = inspect_package(data)
    assert scanned(data) is scan and scanned(bytes(bytearray(data))) is scan
    assert inspect_package(bytearray(data)) is scan  # (the cache answers a plain scan)
    other = data[:-1] + bytes([data[-1] ^ 1])  # the same length, one bit apart
    assert scanned(other) is None and scanned(data[:-1]) is None
    assert inspect_package(data, limits=Limits(max_cells=10**6)) is not scan  # other limits: scanned again


def test_rows_read_row_by_row_are_the_rows_from_a1(tmp_path):
    """The reader takes calamine's rows one by one (less memory); they are exactly what
    ``to_python(skip_empty_area=False)`` gives, also for a sheet whose data starts right of A."""
    from python_calamine import CalamineWorkbook

    from seuranta_xl.files.reader import read_grids

    wb = Workbook()
    wb.active["C5"], wb.active["E9"] = "x", 3.5
    wb.create_sheet("tyhjä")
    wb.save(tmp_path / "offset.xlsx")
    for path in (tmp_path / "offset.xlsx", ROOT / "workbook/examples/seuranta_1-9_2021.xlsx",
                 _styled_workbook(tmp_path / "o.xlsx")):
        book = CalamineWorkbook.from_path(str(path))
        expected = {n: book.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in book.sheet_names}
        assert {g.sheet: g.rows for g in read_grids(path)} == expected
    assert expected  # the last workbook had sheets


@pytest.mark.parametrize("cell", ["XFD60000", "Z300000"])
def test_one_far_cell_alone_is_refused_before_the_reader_fills_the_grid_from_a1(cell, tmp_path, run_cli):
    """The grid holds every cell at its own row and column, from A1: a sheet whose only cell is far
    out would be a billion empty cells in memory. Its rectangle is counted from A1 (a rectangle
    from the first to the last cell is one cell here), so it is refused in one line."""
    wb = Workbook()
    wb.active[cell] = 1
    wb.save(tmp_path / "far.xlsx")
    status, out, err = run_cli("validate", tmp_path / "far.xlsx")
    assert status == 2 and out == "" and err.count("\n") == 1 and "max_cells" in err
