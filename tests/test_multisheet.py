"""A workbook with an instructions sheet and one report sheet per sector (toimiala)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from conftest import seed_rows


def _sector_rows(shift: int) -> list[list[str]]:
    """The seed, with every graded action's grade moved by ``shift`` within 1-5 (another sector)."""
    rows = [list(r) for r in seed_rows()]
    for r in rows[13:]:
        if len(r) > 5 and r[5][:1].isdigit() and r[2].strip():
            grade = min(5, max(1, int(r[5][0]) + shift))
            r[5] = str(grade)
    return rows


@pytest.fixture(scope="module")
def sectors(tmp_path_factory) -> Path:
    wb = openpyxl.Workbook()
    ohje = wb.active
    ohje.title = "Täyttöohje"
    header = seed_rows()[12]
    ohje.append(["Täytä raportti näin:"])
    ohje.append(header)
    ohje.append(["", "", "01.01.01 Esimerkkitoimenpide", "", "", "3", "Kuvaa eteneminen", "Kunnanjohtaja"])
    for name, shift in (("Konsernihallinto", 0), ("Sivistystoimi", -1)):
        ws = wb.create_sheet(name)
        for r, row in enumerate(_sector_rows(shift), start=1):
            for c, value in enumerate(row, start=1):
                if value not in ("", None):
                    ws.cell(r, c, value)
    path = tmp_path_factory.mktemp("sectors") / "toimialat.xlsx"
    wb.save(path)
    return path


def test_every_report_sheet_is_validated_and_none_other(sectors, run_cli):
    code, out, err = run_cli("validate", sectors, "--format", "json")
    payload = json.loads(out)
    assert code == 0 and err == ""
    assert payload["sheets"] == ["Konsernihallinto", "Sivistystoimi"]
    assert payload["counts"]["actions"] == 2 * 39
    assert {f["sheet"] for f in payload["findings"]} == {"Konsernihallinto", "Sivistystoimi"}
    code, out, _ = run_cli("validate", sectors)
    assert "[Konsernihallinto]" in out and "[Sivistystoimi]" in out and "Täyttöohje" not in out
    assert "kaikki 2 taulukkoa:" in out


def test_sheet_option_narrows_and_repeats(sectors, run_cli):
    code, out, _ = run_cli("validate", sectors, "--format", "json", "--sheet", "sivistystoimi")
    assert json.loads(out)["sheets"] == ["Sivistystoimi"]
    code, out, _ = run_cli("validate", sectors, "--format", "json", "--sheet", "Sivistystoimi", "--sheet", "Täyttöohje")
    assert json.loads(out)["sheets"] == ["Täyttöohje", "Sivistystoimi"]  # named explicitly: read


def test_rollups_are_per_sheet(sectors, run_cli):
    code, out, _ = run_cli("rollup", sectors, "--format", "json")
    goals = {(g["sheet"], g["code"]): g for g in json.loads(out)["goals"]}
    assert goals[("Konsernihallinto", "03.06")]["computed"] == 3.67
    assert goals[("Sivistystoimi", "03.06")]["computed"] < 3.67


def test_run_writes_every_report_sheet_and_a_summary_section_per_sheet(sectors, run_cli, tmp_path):
    out = tmp_path / "ulos.xlsx"
    code, _, err = run_cli("run", sectors, "-o", out)
    assert code == 0 and err == ""
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:3] == ["Täyttöohje", "Konsernihallinto", "Sivistystoimi"]
    ohje = wb["Täyttöohje"]
    assert not ohje.data_validations.dataValidation and not list(ohje.conditional_formatting)
    assert ohje.max_column == 8  # no helper column
    for name in ("Konsernihallinto", "Sivistystoimi"):
        ws = wb[name]
        assert {str(dv.sqref) for dv in ws.data_validations.dataValidation} == {"F14:F286", "H14:H286"}
        assert ws["E14"].value is not None  # council goal 01.'s computed status
    summary = [[c for c in row] for row in wb["Yhteenveto"].iter_rows(values_only=True)]
    firsts = [row[0] for row in summary]
    assert "Konsernihallinto" in firsts and "Sivistystoimi" in firsts and "Kaikki taulukot yhteensä" in firsts
    combined = summary[firsts.index("Kaikki taulukot yhteensä") + 1:]
    three = next(row for row in combined if row[0] == "03.")
    assert three[5] == 2 * 8  # the council goal's actions in both sectors
    findings = [row[0] for row in wb["Tarkistus"].iter_rows(min_row=2, values_only=True) if row[0]]
    assert {cell.split("!")[0] for cell in findings} == {"Konsernihallinto", "Sivistystoimi"}


def test_no_report_sheet_is_exit_2_saying_what_was_missing(tmp_path, run_cli):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Raportti"
    ws.append(["Huomautus", "Toimenpide", "Etenemisaste", "Vastuuhenkilö"])
    ws.append(["kesken", "Uudistamme palvelut", "3", "Kunnanjohtaja"])  # no code anywhere: nothing understood
    path = tmp_path / "ei_koodeja.xlsx"
    wb.save(path)
    code, out, err = run_cli("validate", path)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "koodattuja rivejä" in err and "Raportti" in err
