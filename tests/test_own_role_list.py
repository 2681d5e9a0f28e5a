"""A person's own dropdown on the Vastuuhenkilö column is the roles list of that sheet, and one on
the Kokonais-tilanne column its statuses list (issue 12): an inline list, a range and a defined name
pointing at a range, in workbooks built in code; the command line, the open book and the Python API
alike."""

from __future__ import annotations

import json

import openpyxl
import pytest
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from conftest import seed_rows, write_rows_xlsx
from conftest_remote import remote

PEOPLE = ["Matti Meikäläinen", "Liisa Virtanen", "Pekka Puupää"]


def _add_own_list(path, kind: str, values: list[str], cells: str, *, list_sheet: str, column: int,
                  name: str) -> None:
    """A person's own list validation on ``cells`` of sheet Raportti: the ``values`` inline
    (``kind`` "inline"), or in a column of a sheet of theirs referred to by its range ("range") or
    by a defined name of it ("name")."""
    wb = openpyxl.load_workbook(path)
    if kind == "inline":
        source = '"' + ",".join(values) + '"'
    else:
        sheet = wb.create_sheet(list_sheet)
        sheet.cell(row=1, column=column, value="Nimet")
        for r, value in enumerate(values, start=2):
            sheet.cell(row=r, column=column, value=value)
        letter = "AB"[column - 1]
        ref = f"'{list_sheet}'!${letter}$2:${letter}${len(values) + 1}"
        if kind == "range":
            source = ref
        else:
            wb.defined_names[name] = DefinedName(name, attr_text=ref)
            source = name
    dv = DataValidation(type="list", formula1=source, allow_blank=True)
    dv.add(cells)
    wb["Raportti"].add_data_validation(dv)
    wb.save(path)


def _book(tmp_path, kind: str):
    """The seed with people's names as the responsible persons and their own dropdown of them."""
    rows = seed_rows()
    data = [i for i, r in enumerate(rows) if i > 12 and len(r) > 7 and r[7].strip()]
    for n, i in enumerate(data):
        rows[i][7] = PEOPLE[n % len(PEOPLE)]
    rows[data[-1]][7] = "Tuntematon Henkilö"  # not on their list: still a finding
    path = write_rows_xlsx(rows, tmp_path / f"own_{kind}.xlsx", sheet="Raportti")
    _add_own_list(path, kind, PEOPLE, "H14:H400", list_sheet="Henkilöt", column=1, name="Henkilot")
    return path, rows, data


def _p101_rows(run_cli, path) -> set[int]:
    code, out, _err = run_cli("validate", path, "--format", "json")
    assert code == 0
    return {f["row"] for f in json.loads(out)["findings"] if f["rule"] == "P101"}


@pytest.mark.parametrize("kind", ["inline", "range", "name"])
def test_their_list_is_the_roles_list(run_cli, tmp_path, kind):
    path, _rows, data = _book(tmp_path, kind)
    assert _p101_rows(run_cli, path) == {data[-1] + 1}  # only the name not on their list


@pytest.mark.parametrize("kind", ["inline", "range", "name"])
def test_run_keeps_their_dropdown_and_adds_none_over_it(run_cli, tmp_path, kind):
    path, _rows, data = _book(tmp_path, kind)
    out = tmp_path / "out.xlsx"
    code, _out, _err = run_cli("run", path, "-o", out)
    assert code == 0
    ws = openpyxl.load_workbook(out)["Raportti"]
    on_h = [dv for dv in ws.data_validations.dataValidation if "H" in str(dv.sqref)]
    assert len(on_h) == 1 and on_h[0].formula1 == openpyxl.load_workbook(path)["Raportti"] \
        .data_validations.dataValidation[0].formula1
    # the findings sheet lists P101 only for the name not on their list
    found = [r for r in openpyxl.load_workbook(out)["Tarkistus"].iter_rows(values_only=True) if r[1] == "P101"]
    assert [r[0] for r in found] == [f"H{data[-1] + 1}"]


def test_without_their_dropdown_the_configured_roles_apply(run_cli, tmp_path):
    rows = seed_rows()
    data = [i for i, r in enumerate(rows) if i > 12 and len(r) > 7 and r[7].strip()]
    for n, i in enumerate(data):
        rows[i][7] = PEOPLE[n % len(PEOPLE)]
    path = write_rows_xlsx(rows, tmp_path / "plain.xlsx", sheet="Raportti")
    assert _p101_rows(run_cli, path) == {i + 1 for i in data}


def test_their_list_on_another_column_is_not_the_roles_list(run_cli, tmp_path):
    path, _rows, data = _book(tmp_path, "inline")
    wb = openpyxl.load_workbook(path)
    ws = wb["Raportti"]
    ws.data_validations.dataValidation[0].sqref = openpyxl.worksheet.cell_range.MultiCellRange("D14:D400")
    wb.save(path)
    assert _p101_rows(run_cli, path) == {i + 1 for i in data}


def test_the_one_core_function_reads_every_kind_from_grids():
    """What both the file and the live book hand it: validations and names as read, the grids."""
    from types import SimpleNamespace as NS

    from seuranta_xl.config import roles_from_own_validation
    from seuranta_xl.grid import Grid

    grids = {"Raportti": Grid.from_values([["x"]] * 20, sheet="Raportti"),
             "Henkilöt": Grid.from_values([["Nimet"], ["Aino"], [None], ["Eero"], [3.0]], sheet="Henkilöt")}
    names = [NS(name="Lista", refers_to="='Henkilöt'!$A$2:$A$5", sheet=None),
             NS(name="lista", refers_to="='Henkilöt'!$A$4:$A$4", sheet="Raportti")]  # local wins

    def roles(formula1, sqref="H14:H200", sheet="Raportti"):
        dv = NS(sheet=sheet, sqref=sqref, type="list", formula1=formula1)
        return roles_from_own_validation([dv], names, grids, "Raportti", "H", 14, 80)

    assert roles('"Aino, Eero ,Aino"') == ["Aino", "Eero"]
    assert roles("'Henkilöt'!$A$2:$A$5") == ["Aino", "Eero", "3"]
    assert roles("Lista") == ["Eero"]
    assert roles("INDIRECT(\"x\")") is None  # a formula: not a list we can read
    assert roles('"Aino"', sqref="G14:G200") is None and roles('"Aino"', sqref="H1:H5") is None
    assert roles('"Aino"', sqref="A1:XFD1048576") == ["Aino"] and roles('"Aino"', sheet="Muu") is None


def test_excel_2010s_form_of_a_list_on_another_sheet_is_read(run_cli, tmp_path):
    """Excel writes a dropdown whose list is on another sheet in the worksheet's extLst
    (``x14:dataValidation`` with ``xm:f`` and ``xm:sqref``)."""
    from conftest import repack

    path, _rows, data = _book(tmp_path, "range")
    wb = openpyxl.load_workbook(path)
    wb["Raportti"].data_validations.dataValidation = []
    wb.save(path)
    with __import__("zipfile").ZipFile(path) as z:
        part = z.read("xl/worksheets/sheet1.xml").decode()
    ext = ('<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
           'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
           '<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
           '<x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>\'Henkilöt\'!$A$2:$A$4</xm:f>'
           '</x14:formula1><xm:sqref>H14:H400</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>')
    excel = tmp_path / "excel.xlsx"
    repack(path, excel, {"xl/worksheets/sheet1.xml": part.replace("</worksheet>", ext + "</worksheet>").encode()})
    assert _p101_rows(run_cli, excel) == {data[-1] + 1}
    out = tmp_path / "out.xlsx"
    code, _out, _err = run_cli("run", excel, "-o", out)
    assert code == 0
    # no dropdown of ours over theirs on the responsible column
    ws = openpyxl.load_workbook(out)["Raportti"]
    assert not [dv for dv in ws.data_validations.dataValidation if "H" in str(dv.sqref)]


# --- a person's own dropdown on Kokonais-tilanne is the statuses list ----------------------------

STATUSES = ["Hyvä", "Kohtalainen", "Heikko"]  # best first, as their dropdown lists them
#: Goals of the seed by row, their computed means and a status typed there: 03.05 (5.0) and 03.06
#: (3.67) get the word of their band; 10.01 (2.0) a word of the wrong band.
TYPED = {20: "Hyvä", 23: "Kohtalainen", 50: "Hyvä"}


def _status_book(tmp_path, kind: str | None):
    rows = seed_rows()
    for row, word in TYPED.items():
        rows[row - 1][4] = word
    path = write_rows_xlsx(rows, tmp_path / f"status_{kind}.xlsx", sheet="Raportti")
    if kind is None:
        return path
    _add_own_list(path, kind, STATUSES, "E14:E300", list_sheet="Omat listat", column=2, name="Tilanteet")
    return path


def _u103(run_cli, path) -> dict[int, str]:
    code, out, _err = run_cli("validate", path, "--format", "json")
    assert code == 0
    return {f["row"]: f["severity"] for f in json.loads(out)["findings"] if f["rule"] == "U103" and f["row"] in TYPED}


@pytest.mark.parametrize("kind", ["inline", "range", "name"])
def test_their_status_list_is_the_statuses_list(run_cli, tmp_path, kind):
    # without their dropdown the words are free text (a note each); with it, words of their list
    # compared by band: only the wrong one is a warning
    assert _u103(run_cli, _status_book(tmp_path, None)) == {20: "info", 23: "info", 50: "info"}
    assert _u103(run_cli, _status_book(tmp_path, kind)) == {50: "warning"}


def test_run_keeps_their_status_dropdown_and_lays_none_over_it(run_cli, tmp_path):
    path = _status_book(tmp_path, "inline")
    out, again = tmp_path / "out.xlsx", tmp_path / "again.xlsx"
    for src, dst in ((path, out), (out, again)):
        code, _out, _err = run_cli("run", src, "-o", dst)
        assert code == 0
    ws = openpyxl.load_workbook(again)["Raportti"]
    ranges = [(str(dv.sqref), dv.formula1) for dv in ws.data_validations.dataValidation]
    assert ('E14:E300', '"' + ",".join(STATUSES) + '"') in ranges
    # ours on the grade and responsible columns only, none overlapping theirs (nor each other)
    from seuranta_xl.grid import sqref_rectangles

    cells = [(c1, r1, c2, r2) for sqref, _f in ranges for c1, r1, c2, r2 in sqref_rectangles(sqref)]
    for i, a in enumerate(cells):
        for b in cells[i + 1:]:
            assert a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1], (a, b)
    found = {r[0]: r[2] for r in openpyxl.load_workbook(again)["Tarkistus"].iter_rows(values_only=True) if r[1] == "U103"}
    assert "E50" in found and "E20" not in found and "E23" not in found


def test_their_dropdown_over_status_and_responsible_columns_keeps_ours_off_both(run_cli, tmp_path):
    """One validation of theirs over E:H: ours is laid over none of it (Excel rejects overlaps)."""
    path = _status_book(tmp_path, None)
    wb = openpyxl.load_workbook(path)
    dv = DataValidation(type="list", formula1='"x,y"', allow_blank=True)
    dv.add("E14:H300")
    wb["Raportti"].add_data_validation(dv)
    wb.save(path)
    out = tmp_path / "out.xlsx"
    code, _out, _err = run_cli("dropdowns", path, "-o", out)
    assert code == 0
    ws = openpyxl.load_workbook(out)["Raportti"]
    assert [str(v.sqref) for v in ws.data_validations.dataValidation] == ["E14:H300"]


@remote
def test_the_live_book_uses_their_status_list_too():
    """The open book (xlwings): the same pipeline, with the validations Excel for Windows reports
    (xlwings' remote engine reports none, so they are handed in as Excel would)."""
    from conftest_remote import remote_book
    from seuranta_xl.commands import Options, run_command
    from seuranta_xl.excel.live import LiveWorkbook
    from seuranta_xl.write.actions import ExistingValidation

    rows = seed_rows()
    for row, word in TYPED.items():
        rows[row - 1][4] = word

    class Windows(LiveWorkbook):
        def lists(self, sheets):
            validations, names = super().lists(sheets)
            return validations + [ExistingValidation(sheet="Raportti", sqref="E14:E300", type="list",
                                                     formula1='"' + ",".join(STATUSES) + '"')], names

    def u103(workbook):
        result = run_command(workbook, "validate", Options())
        return {f.row: f.severity for f in result.summary.findings if f.rule == "U103" and f.row in TYPED}

    assert u103(LiveWorkbook(remote_book(rows, sheet="Raportti"))) == {20: "info", 23: "info", 50: "info"}
    assert u103(Windows(remote_book(rows, sheet="Raportti"))) == {50: "warning"}


# --- the Python API reads them as the command line does -----------------------------------------


@pytest.mark.parametrize("kind", ["inline", "range", "name"])
def test_the_api_uses_their_roles_list_as_the_cli_does(run_cli, tmp_path, kind):
    import seuranta_xl

    path, _rows, data = _book(tmp_path, kind)
    report = seuranta_xl.validate(path)
    assert {f.row for f in report.findings if f.rule == "P101"} == {data[-1] + 1} == _p101_rows(run_cli, path)
    # a Grid of the same values has no dropdowns: the configured roles apply
    from seuranta_xl.files.reader import read_grids

    grid = next(g for g in read_grids(path) if g.sheet == "Raportti")
    assert {f.row for f in seuranta_xl.validate(grid).findings if f.rule == "P101"} == {i + 1 for i in data}


def test_the_api_uses_their_status_list_and_the_same_function(tmp_path, monkeypatch):
    import seuranta_xl
    from seuranta_xl import config

    path = _status_book(tmp_path, "range")
    calls = []
    real = config.own_list_settings
    monkeypatch.setattr(config, "own_list_settings", lambda *a, **k: calls.append(a) or real(*a, **k))
    report = seuranta_xl.validate(path)
    assert {f.row: f.severity for f in report.findings if f.rule == "U103" and f.row in TYPED} == {50: "warning"}
    assert len(calls) == 1  # the command pipeline's own function, not a copy of it
    # a text export has no dropdowns: read as before
    from seuranta_xl.files.reader import read_grids

    text = tmp_path / "vienti.txt"
    grid = next(g for g in read_grids(path) if g.sheet == "Raportti")
    text.write_text("\n".join("\t".join("" if v is None else str(v) for v in row) for row in grid.rows), encoding="utf-8")
    found = {f.row: f.severity for f in seuranta_xl.validate(text).findings if f.rule == "U103" and f.row in TYPED}
    assert found == {20: "info", 23: "info", 50: "info"}
