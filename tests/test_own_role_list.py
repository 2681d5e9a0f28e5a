"""A person's own dropdown on the Vastuuhenkilö column is the roles list of that sheet (issue 12):
an inline list, a range and a defined name pointing at a range, in workbooks built in code."""

from __future__ import annotations

import json

import openpyxl
import pytest
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from conftest import seed_rows, write_rows_xlsx

PEOPLE = ["Matti Meikäläinen", "Liisa Virtanen", "Pekka Puupää"]


def _book(tmp_path, kind: str):
    """The seed with people's names as the responsible persons and their own dropdown of them."""
    rows = seed_rows()
    data = [i for i, r in enumerate(rows) if i > 12 and len(r) > 7 and r[7].strip()]
    for n, i in enumerate(data):
        rows[i][7] = PEOPLE[n % len(PEOPLE)]
    rows[data[-1]][7] = "Tuntematon Henkilö"  # not on their list: still a finding
    path = write_rows_xlsx(rows, tmp_path / f"own_{kind}.xlsx", sheet="Raportti")
    wb = openpyxl.load_workbook(path)
    ws = wb["Raportti"]
    if kind == "inline":
        source = '"' + ",".join(PEOPLE) + '"'
    else:
        people = wb.create_sheet("Henkilöt")
        people["A1"] = "Nimet"
        for r, name in enumerate(PEOPLE, start=2):
            people.cell(row=r, column=1, value=name)
        ref = "'Henkilöt'!$A$2:$A$4"
        if kind == "range":
            source = ref
        else:
            wb.defined_names["Henkilot"] = DefinedName("Henkilot", attr_text=ref)
            source = "Henkilot"
    dv = DataValidation(type="list", formula1=source, allow_blank=True)
    dv.add("H14:H400")
    ws.add_data_validation(dv)
    wb.save(path)
    return path, rows, data


def _p101_rows(run_cli, path) -> set[int]:
    code, out, _err = run_cli("validate", path, "--format", "json")
    assert code in (0, 1)
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
    assert code in (0, 1)
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
    assert code in (0, 1)
    # no dropdown of ours over theirs on the responsible column
    ws = openpyxl.load_workbook(out)["Raportti"]
    assert not [dv for dv in ws.data_validations.dataValidation if "H" in str(dv.sqref)]
