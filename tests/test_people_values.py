"""The person's values and the tool's own: formulas are the person's, the tool's values follow their rows."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from conftest import seed_rows, write_rows_xlsx
from seuranta_xl.validate import load_report


@pytest.fixture()
def seed(tmp_path) -> Path:
    return write_rows_xlsx(seed_rows(), tmp_path / "seed.xlsx", sheet="Raportti")


def _status(path: Path) -> dict[str, object]:
    """Goal code → its Kokonais-tilanne cell's value, found by the goal's current row."""
    report = load_report(path)
    ws = openpyxl.load_workbook(path)["Raportti"]
    col = report.columns["status"]
    return {item.code: ws[f"{col}{item.row}"].value for item in report.items if item.level != "action"}


def test_after_a_deleted_row_our_values_are_updated_and_cleared(seed, tmp_path, run_cli):
    first = tmp_path / "first.xlsx"
    assert run_cli("run", seed, "-o", first)[0] == 0
    before = _status(first)
    assert before["15.02"] == 5.0
    wb = openpyxl.load_workbook(first)
    report = load_report(first)
    doomed = report.find("03.06.01").row  # a person deletes an action's row above goal 15
    wb["Raportti"].delete_rows(doomed)
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)

    second = tmp_path / "second.xlsx"
    code, out, _ = run_cli("run", edited, "-o", second)
    assert code == 0 and "U103" not in out  # our moved values are not taken for the person's
    after = _status(second)
    assert after["15.02"] == 5.0 and after["15"] == before["15"]
    assert after["03.06"] == 4.0  # 03.06.01 (grade 3) is gone: (4 + 4) / 2

    cleared = tmp_path / "cleared.xlsx"
    assert run_cli("clear", second, "-o", cleared, "--all")[0] == 0
    assert set(_status(cleared).values()) <= {None}  # every value the tool wrote is gone
    ws = openpyxl.load_workbook(cleared)["Raportti"]
    assert ws.max_column == 8  # the helper column too, wherever its tokens had moved


def test_a_persons_formula_in_kokonais_tilanne_is_never_written_over(seed, tmp_path, run_cli):
    wb = openpyxl.load_workbook(seed)
    report = load_report(seed)
    goal = report.find("03.06")
    cell = f"{report.columns['status']}{goal.row}"
    wb["Raportti"][cell] = "=ROUND(AVERAGE(3,4,4),1)"
    wb.save(seed)
    for _ in range(2):
        assert run_cli("run", seed, "--in-place")[0] == 0  # F101 (no saved result yet) is a warning here
    ws = openpyxl.load_workbook(seed)["Raportti"]
    assert ws[cell].value == "=ROUND(AVERAGE(3,4,4),1)"
    assert run_cli("clear", seed, "--in-place", "--all")[0] == 0
    assert openpyxl.load_workbook(seed)["Raportti"][cell].value == "=ROUND(AVERAGE(3,4,4),1)"


def test_the_persons_names_and_dropdowns_are_theirs(seed, tmp_path, run_cli):
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = openpyxl.load_workbook(seed)
    people = wb.create_sheet("Henkilöt")
    for i, name in enumerate(["Kunnanjohtaja", "Talousjohtaja", "Sivistysjohtaja"], start=1):
        people.cell(i, 1, name)
    wb.defined_names["Vastuuhenkilot"] = DefinedName("Vastuuhenkilot", attr_text="'Henkilöt'!$A$1:$A$3")
    own = DataValidation(type="list", formula1="=Vastuuhenkilot", sqref="H14:H120")
    wb["Raportti"].add_data_validation(own)
    wb.save(seed)

    out = tmp_path / "out.xlsx"
    assert run_cli("run", seed, "-o", out)[0] == 0
    wb = openpyxl.load_workbook(out)
    names = {n: d.attr_text for n, d in wb.defined_names.items()}
    assert names["Vastuuhenkilot"] == "'Henkilöt'!$A$1:$A$3"  # never redefined
    assert names["seuranta_Vastuuhenkilot"].startswith("Listat!") and names["Etenemisaste"].startswith("Listat!")
    validations = {(str(dv.sqref), dv.formula1) for dv in wb["Raportti"].data_validations.dataValidation}
    assert ("H14:H120", "=Vastuuhenkilot") in validations  # theirs kept
    assert not any(sqref.startswith("H") and f != "=Vastuuhenkilot" for sqref, f in validations)  # no overlap
    assert ("F14:F286", "Etenemisaste") in validations

    cleared = tmp_path / "cleared.xlsx"
    assert run_cli("clear", out, "-o", cleared, "--all")[0] == 0
    wb = openpyxl.load_workbook(cleared)
    assert {n: d.attr_text for n, d in wb.defined_names.items()} == {"Vastuuhenkilot": "'Henkilöt'!$A$1:$A$3"}
    assert [(str(dv.sqref), dv.formula1) for dv in wb["Raportti"].data_validations.dataValidation] == [
        ("H14:H120", "=Vastuuhenkilot")]


def test_notes_in_our_helper_column_and_its_renamed_header_are_kept(seed, tmp_path, run_cli):
    first = tmp_path / "first.xlsx"
    assert run_cli("run", seed, "-o", first)[0] == 0
    wb = openpyxl.load_workbook(first)
    ws = wb["Raportti"]
    helper = openpyxl.utils.get_column_letter(ws.max_column)
    assert ws[f"{helper}13"].value == "Tarkistus"
    marked = next(r for r in range(14, 90) if ws[f"{helper}{r}"].value)
    empty = next(r for r in range(14, 90) if ws[f"{helper}{r}"].value is None and ws[f"C{r}"].value)
    ws[f"{helper}13"] = "Tarkastus (oma)"
    ws[f"{helper}{empty}"] = "Kysy Mattilta"
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    second = tmp_path / "second.xlsx"
    assert run_cli("run", edited, "-o", second)[0] == 0
    ws = openpyxl.load_workbook(second)["Raportti"]
    assert ws[f"{helper}13"].value == "Tarkastus (oma)"
    assert ws[f"{helper}{empty}"].value == "Kysy Mattilta"
    assert ws[f"{helper}{marked}"].value  # our tokens still where they were
    cleared = tmp_path / "cleared.xlsx"
    assert run_cli("clear", second, "-o", cleared, "--all")[0] == 0
    ws = openpyxl.load_workbook(cleared)["Raportti"]
    assert ws[f"{helper}{empty}"].value == "Kysy Mattilta" and ws[f"{helper}13"].value == "Tarkastus (oma)"
    assert ws[f"{helper}{marked}"].value is None


@pytest.mark.parametrize("own, severity", [("Vihreä", None), ("keltainen", "warning"), ("Punainen", "warning"),
                                           ("green", None), ("röd", "warning"), (4.5, "info")])
def test_traffic_lights_and_numbers_in_kokonais_tilanne(own, severity):
    """15.02's actions are all 5 (mean 5, the green band): a traffic light of another band is a warning,
    and the person's number is written like the computed one (decimal comma in Finnish)."""
    from conftest import seed_rows
    from seuranta_xl.grid import Grid
    from seuranta_xl.parse import build_report
    from seuranta_xl.settings import Settings
    from seuranta_xl.validate import check

    rows = seed_rows()
    row = next(i for i, r in enumerate(rows) if len(r) > 1 and r[1].startswith("15.02"))
    rows[row][4] = own
    report = build_report(Grid.from_values(rows, source="s", sheet="S"))
    found = [f for f in check(report, Settings()) if f.rule == "U103" and f.row == row + 1]
    assert [f.severity for f in found] == ([] if severity is None else [severity])
    if isinstance(own, float):
        assert '"4,5"' in found[0].message and "5,0" in found[0].message


def test_entries_and_notes_a_person_adds_to_our_lists_sheet_are_kept(seed, tmp_path, run_cli):
    first = tmp_path / "first.xlsx"
    assert run_cli("run", seed, "-o", first)[0] == 0
    wb = openpyxl.load_workbook(first)
    lists = wb["Listat"]
    n = sum(1 for r in range(2, 20) if lists.cell(r, 3).value)
    lists.cell(2 + n, 3, "Keskeytetty")  # a status of their own
    lists["E2"] = "Tilanteet päivitetty 3/2026"  # a note beside
    lists.title = "tmp"  # (openpyxl would make "LISTAT1" of a direct rename)
    lists.title = "LISTAT"  # and the sheet renamed in capitals
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    second = tmp_path / "second.xlsx"
    assert run_cli("run", edited, "-o", second)[0] == 0
    wb = openpyxl.load_workbook(second)
    assert [s for s in wb.sheetnames if s.casefold().startswith("listat")] == ["LISTAT"]
    lists = wb["LISTAT"]
    assert lists.cell(2 + n, 3).value == "Keskeytetty" and lists["E2"].value == "Tilanteet päivitetty 3/2026"
    assert wb.defined_names["Tilanne"].attr_text == f"LISTAT!$C$2:$C${2 + n}"


def test_clear_all_keeps_a_lists_sheet_a_person_added_to(seed, tmp_path, run_cli):
    first = tmp_path / "first.xlsx"
    assert run_cli("run", seed, "-o", first)[0] == 0
    plain = tmp_path / "plain.xlsx"
    assert run_cli("clear", first, "-o", plain, "--all")[0] == 0
    assert "Listat" not in openpyxl.load_workbook(plain).sheetnames  # nothing of theirs: ours removed
    wb = openpyxl.load_workbook(first)
    wb["Listat"]["K2"] = "Tilanteet päivitetty 3/2026"  # right of our lists and of our record (E:I)
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    cleared = tmp_path / "cleared.xlsx"
    assert run_cli("clear", edited, "-o", cleared, "--all")[0] == 0
    wb = openpyxl.load_workbook(cleared)
    assert wb["Listat"]["K2"].value == "Tilanteet päivitetty 3/2026"  # the sheet is partly theirs: kept
    assert not any(n in wb.defined_names for n in ("Etenemisaste", "Vastuuhenkilot", "Tilanne"))
    assert not wb["Raportti"].data_validations.dataValidation


def _as_earlier_release(path, out):
    """The workbook as the earlier release wrote it: the record on a very hidden sheet ``_seuranta``."""
    from seuranta_xl.write.actions import LISTS_SHEET, MANIFEST_COLUMN, MANIFEST_HEADER, MANIFEST_SHEET

    wb = openpyxl.load_workbook(path)
    lists = wb[LISTS_SHEET]
    width = len(MANIFEST_HEADER)
    record = [[lists.cell(row=r, column=MANIFEST_COLUMN + 1 + c).value for c in range(width)]
              for r in range(1, lists.max_row + 1)]
    for r in range(1, lists.max_row + 1):
        for c in range(width):
            lists.cell(row=r, column=MANIFEST_COLUMN + 1 + c).value = None
    sheet = wb.create_sheet(MANIFEST_SHEET)
    for row in record:
        if any(v is not None for v in row):
            sheet.append(row)
    sheet.sheet_state = "veryHidden"
    wb.save(out)
    return out


def test_the_earlier_release_record_sheet_is_read_cleared_and_moved(seed, tmp_path, run_cli):
    first = tmp_path / "first.xlsx"
    assert run_cli("run", seed, "-o", first)[0] == 0
    old = _as_earlier_release(first, tmp_path / "old.xlsx")
    plain = tmp_path / "plain.xlsx"
    assert run_cli("clear", old, "-o", plain, "--all")[0] == 0
    wb = openpyxl.load_workbook(plain)
    assert set(wb.sheetnames) == {"Raportti"}  # the earlier record read: everything of ours removed
    original = openpyxl.load_workbook(seed)["Raportti"]
    assert [[c.value for c in r] for r in wb["Raportti"].iter_rows()] == [
        [c.value for c in r] for r in original.iter_rows()]
    again = tmp_path / "again.xlsx"
    assert run_cli("run", old, "-o", again)[0] == 0
    wb = openpyxl.load_workbook(again)
    assert "_seuranta" not in wb.sheetnames and wb["Listat"]["E1"].value == "purpose"  # the record moved
