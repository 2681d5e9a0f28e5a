"""The write commands end to end: seuranta-xl dropdowns / rollup -o / highlight / clear / run."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import openpyxl
import pytest

from seuranta_xl.write.actions import FINDINGS_SHEET, LISTS_SHEET, MANIFEST_SHEET, SUMMARY_SHEET
from seuranta_xl.settings import Settings
from seuranta_xl.validate import check, load_report

from conftest import seed_rows
from test_openpyxl_engine import cells_snapshot, make_styled_workbook

SITE = Path(openpyxl.__file__).resolve().parent.parent
#: A real macro-enabled workbook made by Excel, shipped by an installed package.
BLANK_XLSM = next((p for p in (SITE / "pyopenvba" / "_templates" / "blank_files" / "blank_workbook.xlsm",
                                SITE / "xlwings" / "quickstart.xlsm") if p.exists()), None)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_run_writes_output_prints_findings_and_leaves_input(run_cli, seed_xlsx: Path, tmp_path: Path):
    before = sha(seed_xlsx)
    out = tmp_path / "ulos.xlsx"
    code, stdout, stderr = run_cli("run", seed_xlsx, "-o", out)
    assert stderr == ""
    report = load_report(seed_xlsx)
    errors = [f for f in check(report, Settings()) if f.severity == "error"]
    expected = 1 if errors else 0
    assert code == expected
    assert "tarkistettu" in stdout and f"kirjoitettu {out}" in stdout
    assert sha(seed_xlsx) == before
    wb = openpyxl.load_workbook(out)
    assert {LISTS_SHEET, SUMMARY_SHEET, FINDINGS_SHEET} <= set(wb.sheetnames) and MANIFEST_SHEET not in wb.sheetnames
    assert wb[report.sheet][f"E{report.find('03.06').row}"].value == 3.7
    assert wb[report.sheet][f"E{report.find('15').row}"].value == 3.4


def test_run_exit_code_follows_error_findings(run_cli, tmp_path: Path):
    from conftest import write_rows_xlsx

    rows = seed_rows()
    first_action = next(i for i, r in enumerate(rows) if len(r) > 5 and r[2].startswith("01.05.01"))
    rows[first_action][5] = "kolme"  # not a grade: an error finding
    bad = write_rows_xlsx(rows, tmp_path / "bad.xlsx")
    code, stdout, _ = run_cli("run", bad, "-o", tmp_path / "out.xlsx")
    assert code == 1
    assert f"F{first_action + 1}" in stdout


def test_run_twice_via_cli_is_idempotent_and_clear_all_restores(run_cli, seed_xlsx: Path, tmp_path: Path):
    styled = make_styled_workbook(seed_xlsx, tmp_path / "oma.xlsx")
    run_cli("run", styled, "-o", tmp_path / "1.xlsx")
    run_cli("run", tmp_path / "1.xlsx", "-o", tmp_path / "2.xlsx")
    assert cells_snapshot(tmp_path / "2.xlsx") == cells_snapshot(tmp_path / "1.xlsx")
    code, stdout, _ = run_cli("clear", tmp_path / "2.xlsx", "--all", "-o", tmp_path / "3.xlsx")
    assert code == 0 and "poistettu" in stdout
    assert cells_snapshot(tmp_path / "3.xlsx") == cells_snapshot(styled)


def test_clear_keeps_dropdowns_and_values(run_cli, seed_xlsx: Path, tmp_path: Path):
    run_cli("run", seed_xlsx, "-o", tmp_path / "1.xlsx")
    code, _, _ = run_cli("clear", tmp_path / "1.xlsx", "-o", tmp_path / "2.xlsx")
    assert code == 0
    wb = openpyxl.load_workbook(tmp_path / "2.xlsx")
    ws = wb.worksheets[0]
    assert FINDINGS_SHEET not in wb.sheetnames and LISTS_SHEET in wb.sheetnames
    assert len(ws.data_validations.dataValidation) == 2
    report = load_report(seed_xlsx)
    assert ws[f"E{report.find('03.06').row}"].value == 3.7


@pytest.mark.parametrize("command", ["dropdowns", "highlight", "rollup"])
def test_single_commands_write_their_part(run_cli, seed_xlsx: Path, tmp_path: Path, command: str):
    out = tmp_path / f"{command}.xlsx"
    code, stdout, stderr = run_cli(command, seed_xlsx, "-o", out, "--lang", "en")
    assert (code, stderr) == (0, "")
    assert f"wrote {out}" in stdout
    wb = openpyxl.load_workbook(out)
    ours = {"dropdowns": LISTS_SHEET, "highlight": FINDINGS_SHEET, "rollup": SUMMARY_SHEET}[command]
    assert ours in wb.sheetnames
    others = {LISTS_SHEET, FINDINGS_SHEET, SUMMARY_SHEET} - {ours}
    assert not others & set(wb.sheetnames)
    # The record of what we wrote: on our lists sheet when there is one, else on a sheet of its own.
    assert (MANIFEST_SHEET in wb.sheetnames) == (command != "dropdowns")


def test_rollup_without_output_still_prints(run_cli, seed_xlsx: Path, tmp_path: Path):
    code, stdout, _ = run_cli("rollup", seed_xlsx)
    assert code == 0 and "03.06" in stdout and "kirjoitettu" not in stdout
    assert list(tmp_path.iterdir()) == [seed_xlsx]


def test_refuses_existing_output_and_missing_output(run_cli, seed_xlsx: Path, tmp_path: Path):
    out = tmp_path / "ulos.xlsx"
    out.write_bytes(b"keep me")
    code, stdout, stderr = run_cli("dropdowns", seed_xlsx, "-o", out)
    assert code == 2 and stderr.count("\n") == 1 and "--force" in stderr and stdout == ""
    assert out.read_bytes() == b"keep me"
    code, _, stderr = run_cli("dropdowns", seed_xlsx, "-o", out, "--force")
    assert code == 0 and zipfile.is_zipfile(out)
    code, _, stderr = run_cli("highlight", seed_xlsx)
    assert code == 2 and "(-o TULOS.xlsx) tai --in-place" in stderr and stderr.count("\n") == 1
    code, _, stderr = run_cli("highlight", seed_xlsx, "--in-place", "-o", out, "--force")
    assert code == 2 and "--in-place" in stderr and stderr.count("\n") == 1
    assert out.read_bytes() != b"keep me" and seed_xlsx.read_bytes()[:2] == b"PK"


def test_text_export_is_refused_with_one_line(run_cli, seed_txt: Path, tmp_path: Path):
    code, _, stderr = run_cli("run", seed_txt, "-o", tmp_path / "x.xlsx")
    assert code == 2 and stderr.count("\n") == 1 and "Traceback" not in stderr


def test_in_place_keeps_a_backup(run_cli, seed_xlsx: Path):
    before = seed_xlsx.read_bytes()
    code, _, _ = run_cli("dropdowns", seed_xlsx, "--in-place")
    assert code == 0
    backup = seed_xlsx.with_name("seed.bak.xlsx")
    assert backup.read_bytes() == before
    assert LISTS_SHEET in openpyxl.load_workbook(seed_xlsx).sheetnames


@pytest.mark.skipif(BLANK_XLSM is None, reason="no .xlsm shipped by an installed package")
def test_xlsm_keeps_macros_and_run_is_idempotent(run_cli, tmp_path: Path):
    wb = openpyxl.load_workbook(BLANK_XLSM, keep_vba=True)
    ws = wb.worksheets[0]
    for r, cells in enumerate(seed_rows(), start=1):
        for c, value in enumerate(cells, start=1):
            if value:
                ws.cell(row=r, column=c, value=value)
    src = tmp_path / "raportti.xlsm"
    wb.save(src)
    with zipfile.ZipFile(src) as z:
        vba = z.read("xl/vbaProject.bin")
    before = sha(src)
    assert run_cli("run", src, "-o", tmp_path / "1.xlsm")[0] == 0
    assert run_cli("run", tmp_path / "1.xlsm", "-o", tmp_path / "2.xlsm")[0] == 0
    assert sha(src) == before
    for out in ("1.xlsm", "2.xlsm"):
        with zipfile.ZipFile(tmp_path / out) as z:
            assert z.read("xl/vbaProject.bin") == vba
    assert cells_snapshot(tmp_path / "2.xlsm") == cells_snapshot(tmp_path / "1.xlsm")
    run_cli("clear", tmp_path / "2.xlsm", "--all", "-o", tmp_path / "3.xlsm")
    assert cells_snapshot(tmp_path / "3.xlsm") == cells_snapshot(src)


def test_a_sheet_of_the_staffs_own_with_our_name_is_never_replaced(run_cli, seed_xlsx: Path, tmp_path: Path):
    wb = openpyxl.load_workbook(seed_xlsx)
    wb.create_sheet("Yhteenveto")["A1"] = "Oma yhteenveto"
    wb.save(tmp_path / "oma.xlsx")
    before = sha(tmp_path / "oma.xlsx")
    code, stdout, stderr = run_cli("run", tmp_path / "oma.xlsx", "-o", tmp_path / "ulos.xlsx")
    assert code == 2 and "Yhteenveto" in stderr and stderr.count("\n") == 1
    assert not (tmp_path / "ulos.xlsx").exists() and sha(tmp_path / "oma.xlsx") == before
    # dropdowns and highlight do not need that sheet; clear --all leaves it alone.
    assert run_cli("highlight", tmp_path / "oma.xlsx", "-o", tmp_path / "h.xlsx")[0] == 0
    assert run_cli("clear", tmp_path / "h.xlsx", "--all", "-o", tmp_path / "c.xlsx")[0] == 0
    kept = openpyxl.load_workbook(tmp_path / "c.xlsx")
    assert kept["Yhteenveto"]["A1"].value == "Oma yhteenveto"
    assert cells_snapshot(tmp_path / "c.xlsx") == cells_snapshot(tmp_path / "oma.xlsx")


@pytest.mark.parametrize("force", [(), ("--force",)])
def test_an_output_that_is_a_folder_is_named_as_one(run_cli, seed_xlsx: Path, tmp_path: Path, force):
    folder = tmp_path / "tulokset"
    folder.mkdir()
    code, out, err = run_cli("run", seed_xlsx, "-o", folder, *force, "--lang", "en")
    assert code == 2 and out == "" and len(err.splitlines()) == 1
    assert "is a folder" in err and str(folder / "result.xlsx") in err
    assert list(folder.iterdir()) == []
