"""F101 on real workbooks: a formula without a saved result is named at its cell, never evaluated."""

from conftest import write_rows_xlsx
from seuranta_xl import validate
from seuranta_xl.header import TITLES

HEADER = [TITLES[f] for f in ("council", "annual", "action", "risks", "status", "grade", "progress", "responsible")]


def _rows(grade):
    return [HEADER,
            ["01. Tavoite"],
            ["", "01.01 Vuositavoite", "", "Riski", "", "3", "Etenee", "Talousjohtaja"],
            ["", "", "01.01.01 Toimenpide", "Riski", "", grade, "Etenee", "Talousjohtaja"]]


def test_formula_without_saved_result_is_a_finding_at_its_cell(tmp_path):
    # openpyxl writes formulas without results, as any script-generated workbook does.
    report = validate(write_rows_xlsx(_rows("=1+2"), tmp_path / "kaava.xlsx"))
    hits = [f for f in report.findings if f.rule == "F101"]
    assert [(f.cell, f.code, f.severity) for f in hits] == [("F4", "01.01.01", "warning")]
    assert "=1+2" in hits[0].message
    # Never evaluated: the grade reads as missing, so the rollup does not count a 3 it never saw.
    assert report.find("01.01.01").grade.status == "missing"


def test_plain_values_give_no_formula_finding(tmp_path):
    report = validate(write_rows_xlsx(_rows("3"), tmp_path / "arvo.xlsx"))
    assert not [f for f in report.findings if f.rule == "F101"]
