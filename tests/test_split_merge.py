"""split and merge on the bundled report: per-person workbooks, answers merged back by code."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

import package_support as S

from seuranta_xl.merging import merge
from seuranta_xl.settings import DEFAULT_ROLES
from seuranta_xl.splitting import INPUT_FIELDS, RECORD_SHEET, safe_stem, split
from seuranta_xl.validate import load_report

BUNDLED = Path(__file__).resolve().parents[1] / "workbook" / "examples" / "seuranta_1-9_2021.xlsx"
SHEET = "Seuranta"
SOFFICE = shutil.which("soffice")
COLUMNS = {"risks": "D", "grade": "F", "progress": "G"}
assert set(COLUMNS) == set(INPUT_FIELDS)
GRADE_3 = "3 Toteutus on aloitettu, ei vielä valmis"


def _file_of(result, person: str) -> Path:
    return Path(next(f.path for f in result.files if f.person == person))


def _snapshot(path: Path) -> dict:
    """Everything of the master a merge must keep: values, styles, validations, formats, names, widths."""
    wb = openpyxl.load_workbook(path)
    shot = {"sheets": wb.sheetnames, "states": [ws.sheet_state for ws in wb.worksheets],
            "names": {n: wb.defined_names[n].attr_text for n in wb.defined_names}}
    for ws in wb.worksheets:
        shot[ws.title] = {
            "cells": {c.coordinate: (c.value, c.font.b, c.fill.fgColor.rgb, c.alignment.wrap_text, c.number_format,
                                     c.protection.locked) for row in ws.iter_rows() for c in row},
            "validations": sorted((str(dv.sqref), dv.formula1, dv.errorStyle) for dv in ws.data_validations.dataValidation),
            "formats": sorted((str(cf.sqref), tuple(r.formula or ()), r.priority)
                              for cf in ws.conditional_formatting for r in cf.rules),
            "widths": {k: v.width for k, v in ws.column_dimensions.items()},
            "freeze": ws.freeze_panes,
        }
    return shot


@pytest.fixture(scope="module")
def split_dir(tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("split")
    return out, split(BUNDLED, out)


def test_one_file_per_role_after_grouping_the_misspellings(split_dir):
    out, result = split_dir
    persons = {f.person for f in result.files}
    assert persons == {"Hallintojohtaja", "Henkilöstöjohtaja", "Talousjohtaja"}
    assert persons <= set(DEFAULT_ROLES)
    assert sorted(p.name for p in out.iterdir()) == sorted(Path(f.path).name for f in result.files)
    talous = next(f for f in result.files if f.person == "Talousjohtaja")
    assert talous.spellings == ["Taloustohtaja", "Talusohtaja", "Talusojohtaja"]
    report = load_report(BUNDLED)
    sent = sorted(code for f in result.files for code in f.codes)
    owners = sorted(i.display_code for i in report.items if i.owns_row and i.responsible)
    assert sent == owners  # every row with a responsible person goes out exactly once
    assert result.missing == [] and result.uncoded == [(SHEET, 27)]


def test_a_person_file_keeps_the_layout_locks_all_but_the_answers_and_records_the_rows(split_dir):
    _, result = split_dir
    master = openpyxl.load_workbook(BUNDLED)[SHEET]
    path = _file_of(result, "Talousjohtaja")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [SHEET, "Listat", RECORD_SHEET]
    assert [ws.sheet_state for ws in wb.worksheets] == ["visible", "hidden", "veryHidden"]
    ws = wb[SHEET]
    assert ws.protection.sheet and ws.protection.password is None
    assert wb.security.lockStructure  # no unhiding the record, no adding report sheets
    for r in range(1, 14):  # title, legend and header as in the master, formats included
        for col in "ABCDEFGH":
            a, b = master[f"{col}{r}"], ws[f"{col}{r}"]
            assert (a.value, a.font.b, a.fill.fgColor.rgb) == (b.value, b.font.b, b.fill.fgColor.rgb)
    assert {k: v.width for k, v in ws.column_dimensions.items()} == \
        {k: v.width for k, v in master.column_dimensions.items()}
    record = list(wb[RECORD_SHEET].values)
    assert record[0] == ("source", "sheet", "code", "row_hash", "person")
    codes = [r[2] for r in record[1:]]
    assert codes == next(f.codes for f in result.files if f.person == "Talousjohtaja")
    assert {r[0] for r in record[1:]} == {BUNDLED.name} and {r[4] for r in record[1:]} == {"Talousjohtaja"}
    rows = S.rows_by_code(ws)
    sent_rows = {rows[c] for c in codes}
    context = set(rows.values()) - sent_rows
    assert {"05.", "15."} <= {c for c, r in rows.items() if r in context}  # parent goals, read-only
    for row in range(14, ws.max_row + 1):
        for col in "ABCDEFGH":
            unlocked = not ws[f"{col}{row}"].protection.locked
            assert unlocked == (row in sent_rows and col in COLUMNS.values()), f"{col}{row}"
    dropdown = {c for dv in ws.data_validations.dataValidation for r in dv.sqref.ranges for c in
                [f"F{n}" for n in range(r.min_row, r.max_row + 1)]}
    assert dropdown == {f"F{r}" for r in sent_rows}
    assert all(dv.formula1 == "Etenemisaste" for dv in ws.data_validations.dataValidation)


def test_rows_without_a_responsible_person_go_to_one_listed_file(tmp_path: Path):
    wb = openpyxl.load_workbook(BUNDLED)
    wb[SHEET]["H16"] = None
    wb[SHEET]["H42"] = None
    master = tmp_path / "master.xlsx"
    wb.save(master)
    result = split(master, tmp_path / "out", password="salainen")
    missing = next(f for f in result.files if f.person == "")
    assert Path(missing.path).name == "master - vastuuhenkilö puuttuu.xlsx"
    assert missing.codes == ["01.05.01", "07.05.01"]
    assert result.missing == [(SHEET, "01.05.01", 16), (SHEET, "07.05.01", 42)]
    ws = openpyxl.load_workbook(missing.path)[SHEET]
    assert ws.protection.sheet and ws.protection.password  # hashed, never stored as typed
    assert ws.protection.password != "salainen"


def test_file_names_are_safe_on_any_file_system():
    assert safe_stem('raportti - Talous/johtaja: "A"?') == "raportti - Talous_johtaja_ _A_"
    assert safe_stem("CON") == "_CON" and safe_stem(" . ") == "_"
    assert safe_stem("Henkilöstöjohtaja") == "Henkilöstöjohtaja"
    assert len(safe_stem("x" * 300)) == 80
    assert len(safe_stem("raportti - " + "🙂" * 1000).encode("utf-8")) <= 160


def test_a_responsible_person_of_a_thousand_emoji_gets_a_file_name_the_file_system_takes(tmp_path: Path, run_cli):
    """Found by the fuzzer (hostile:🙂 through split): 80 characters of 4 bytes each were a 320-byte
    file name, over the 255 of Linux and macOS - "odottamaton virhe: OSError: File name too long".
    Now the name is cut at 160 bytes (at a whole character) and the split and merge go through."""
    wb = openpyxl.load_workbook(BUNDLED)
    ws = wb[SHEET]
    person = "🙂" * 1000
    for cell in ws["H"]:
        if cell.value == "Hallintojohtaja":
            cell.value = person
    source = tmp_path / "raportti.xlsx"
    wb.save(source)
    code, _out, err = run_cli("split", source, "-o", tmp_path / "jako")
    assert code == 0 and err == ""
    names = sorted(p.name for p in (tmp_path / "jako").iterdir())
    assert any("🙂" in name for name in names)
    assert all(len(name.encode("utf-8")) <= 255 - len(".~seuranta--XXXXXXXX.tmp") for name in names)
    code, _out, err = run_cli("merge", source, tmp_path / "jako", "-o", tmp_path / "koottu.xlsx")
    assert code == 0 and err == ""


def test_split_refuses_to_overwrite_without_force(split_dir, run_cli):
    out, _ = split_dir
    code, stdout, err = run_cli("split", BUNDLED, "-o", out)
    assert code == 2 and "--force" in err and len(err.strip().splitlines()) == 1


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_each_file_opens_in_libreoffice_with_protection_and_unlocked_answers(split_dir, tmp_path: Path):
    """LibreOffice opens each file and saves it again: protection and the unlocked cells survive."""
    _, result = split_dir
    for f in result.files:
        done = subprocess.run([SOFFICE, "--headless", "--convert-to", "xlsx", "--outdir", str(tmp_path), f.path],
                              capture_output=True, timeout=180)
        assert done.returncode == 0, done.stderr
        ws = openpyxl.load_workbook(tmp_path / Path(f.path).name)[SHEET]
        assert ws.protection.sheet
        rows = S.rows_by_code(ws)
        for code in f.codes:
            for col in COLUMNS.values():
                assert not ws[f"{col}{rows[code]}"].protection.locked, (f.person, code, col)
            assert ws[f"C{rows[code]}"].protection.locked and ws[f"H{rows[code]}"].protection.locked


# --- merge --------------------------------------------------------------------------------------


def _edit(path: Path, edits: dict[str, object]) -> None:
    """Edit a person's file as they would (cells by code and column), saving it in place."""
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET]
    rows = S.rows_by_code(ws)
    for where, value in edits.items():
        code, col = where.split("@")
        ws[f"{col}{rows[code]}"] = value
    wb.save(path)


@pytest.fixture
def answered(tmp_path: Path):
    out = tmp_path / "jako"
    result = split(BUNDLED, out)
    _edit(_file_of(result, "Talousjohtaja"), {
        "05.01.01@F": GRADE_3,  # allowed: grade, progress, risks of their own rows
        "05.02.01@G": "Ohjeistus päivitetty ja koulutettu.",
        "32.04.01@D": None,
        "32.02.01@H": "Kunnanjohtaja",  # not theirs: the responsible person
        "15.@G": "Muutettu taustarivi",  # outside their rows: a parent goal sent as context
    })
    _edit(_file_of(result, "Henkilöstöjohtaja"), {
        "01.05.01@D": "Uusi riski: resurssien riittävyys",
        "15.01.03@C": "15.01.09 Kehitämme henkilöstösuunnittelua",  # a renumbered code
        "15.01.03@F": GRADE_3,
    })
    wb = openpyxl.load_workbook(_file_of(result, "Henkilöstöjohtaja"))
    ws = wb[SHEET]
    ws.append([None, None, "15.02.09 Lisätty toimenpide", None, None, GRADE_3, "Uusi", "Henkilöstöjohtaja"])
    wb.save(_file_of(result, "Henkilöstöjohtaja"))  # a row added
    return out, result


def test_merge_writes_the_allowed_answers_and_refuses_the_rest(answered, tmp_path: Path):
    out, _ = answered
    merged = tmp_path / "kooste.xlsx"
    result = merge(BUNDLED, out, merged)
    assert sorted((a.code, a.field, a.cell) for a in result.merged) == [
        ("01.05.01", "risks", "D16"), ("05.01.01", "grade", "F36"), ("05.02.01", "progress", "G39"),
        ("32.04.01", "risks", "D86")]
    assert sorted((r.person, r.code, r.reason, r.field) for r in result.refused) == [
        ("Henkilöstöjohtaja", "15.01.03", "code_changed", "code"),
        ("Henkilöstöjohtaja", "15.02.09", "row_added", None),
        ("Talousjohtaja", "15.", "outside_rows", "progress"),
        ("Talousjohtaja", "32.02.01", "field_not_theirs", "responsible")]
    assert all(r.message for r in result.refused) and result.conflicts == []
    assert result.not_returned == [] and result.unchanged == [str(out / "seuranta_1-9_2021 - Hallintojohtaja.xlsx")]
    assert result.counts["errors"] == 0
    before, after = _snapshot(BUNDLED), _snapshot(merged)
    changed = {"D16", "F36", "G39", "D86"}
    for key in before:
        if key != SHEET:
            assert before[key] == after[key], key
    for key in ("validations", "formats", "widths", "freeze"):
        assert before[SHEET][key] == after[SHEET][key]
    cells_a, cells_b = before[SHEET]["cells"], after[SHEET]["cells"]
    assert {c for c in cells_a if cells_a[c] != cells_b.get(c)} == changed
    assert cells_b["F36"][0] == GRADE_3 and cells_b["D86"][0] is None
    assert cells_b["G39"][0] == "Ohjeistus päivitetty ja koulutettu."
    assert all(cells_a[c][1:] == cells_b[c][1:] for c in changed)  # the styles of the changed cells too


def test_merging_twice_gives_the_same_workbook(answered, tmp_path: Path):
    out, _ = answered
    first, second, again = tmp_path / "1.xlsx", tmp_path / "2.xlsx", tmp_path / "3.xlsx"
    merge(BUNDLED, out, first)
    merge(BUNDLED, out, second)
    result = merge(first, out, again)  # the answers merged into the merged workbook: nothing new
    assert result.merged == [] and result.conflicts == []
    cells = lambda p: _snapshot(p)[SHEET]["cells"]  # noqa: E731
    assert cells(first) == cells(second) == cells(again)


def test_split_then_merge_without_edits_gives_the_master_back(split_dir, tmp_path: Path, run_cli):
    out, _ = split_dir
    code, stdout, err = run_cli("merge", BUNDLED, out, "-o", tmp_path / "same.xlsx")
    assert code == 0, err
    assert _snapshot(BUNDLED) == _snapshot(tmp_path / "same.xlsx")
    assert "0 virhettä" in stdout


def test_a_master_row_changed_since_the_split_is_a_conflict(answered, tmp_path: Path):
    out, _ = answered
    wb = openpyxl.load_workbook(BUNDLED)
    wb[SHEET]["F36"] = "4 Toteutusvaiheessa lähellä valmistumista, ei vielä viimeistelty/käyttöön otettu"
    master = tmp_path / "master.xlsx"
    wb.save(master)
    result = merge(master, out, tmp_path / "out.xlsx")
    assert [(c.code, c.field) for c in result.conflicts] == [("05.01.01", "grade")]
    assert "05.01.01" not in {a.code for a in result.merged}
    assert openpyxl.load_workbook(tmp_path / "out.xlsx")[SHEET]["F36"].value.startswith("4 ")


def test_a_formula_in_the_master_is_never_written_over(tmp_path: Path):
    wb = openpyxl.load_workbook(BUNDLED)
    wb[SHEET]["G39"] = '="Ohjeet: "&"päivitetään"'
    master = tmp_path / "master.xlsx"
    wb.save(master)
    result = split(master, tmp_path / "jako")
    path = _file_of(result, "Talousjohtaja")
    person = openpyxl.load_workbook(path)[SHEET]
    row = S.rows_by_code(person)["05.02.01"]
    assert person[f"G{row}"].protection.locked and person[f"G{row}"].data_type == "f"
    _edit(path, {"05.02.01@G": "Kirjoitettu kaavan päälle"})
    merged = merge(master, [path], tmp_path / "out.xlsx")
    assert [(r.code, r.reason) for r in merged.refused] == [("05.02.01", "formula")]
    assert openpyxl.load_workbook(tmp_path / "out.xlsx")[SHEET]["G39"].value == '="Ohjeet: "&"päivitetään"'


def test_merge_cli_lists_refusals_and_files_not_returned(answered, tmp_path: Path, run_cli):
    out, result = answered
    only = _file_of(result, "Talousjohtaja")
    code, stdout, err = run_cli("merge", BUNDLED, only, "-o", tmp_path / "out.xlsx", "--lang", "en")
    assert code == 1, err  # something was refused
    assert "Talousjohtaja: 3 answers merged" in stdout
    assert "refused changes (2):" in stdout
    assert "not returned yet: Hallintojohtaja, Henkilöstöjohtaja" in stdout
    code, _, err = run_cli("merge", BUNDLED, BUNDLED, "-o", tmp_path / "bad.xlsx")
    assert code == 1 and "_jako" in _  # the master itself is not an answer file: listed as refused
    code, _, err = run_cli("merge", BUNDLED, tmp_path / "nothing-here", "-o", tmp_path / "x.xlsx")
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_python_api_returns_plain_data_with_frames(split_dir, tmp_path: Path):
    import subprocess
    import sys

    import seuranta_xl

    _, result = split_dir
    assert seuranta_xl.split is split and seuranta_xl.merge is merge
    assert isinstance(result, seuranta_xl.SplitResult)
    frame = result.to_frame()
    assert list(frame.columns) == ["person", "file", "code"] and len(frame) == sum(len(f.codes) for f in result.files)
    merged = seuranta_xl.merge(BUNDLED, [f.path for f in result.files], tmp_path / "m.xlsx")
    assert isinstance(merged, seuranta_xl.MergeResult) and merged.to_frame().empty
    # importing the package does not import the cycle's modules (nor openpyxl)
    code = ("import sys, seuranta_xl; print(sorted(m for m in sys.modules if m.startswith('seuranta_xl.') and "
            "m.split('.')[1] in ('comparison', 'splitting', 'merging')), 'openpyxl' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[] False"


def test_a_row_two_people_answer_for_goes_to_both_and_different_answers_collide(tmp_path: Path):
    wb = openpyxl.load_workbook(BUNDLED)
    wb[SHEET]["H16"] = "Henkilöstöjohtaja, Hallintojohtaja"
    master = tmp_path / "master.xlsx"
    wb.save(master)
    result = split(master, tmp_path / "jako")
    both = [f for f in result.files if "01.05.01" in f.codes]
    assert {f.person for f in both} == {"Henkilöstöjohtaja", "Hallintojohtaja"}
    _edit(Path(both[0].path), {"01.05.01@F": GRADE_3.replace("3", "4", 1)})
    _edit(Path(both[1].path), {"01.05.01@F": "5 Toimenpide on toteutettu"})
    merged = merge(master, tmp_path / "jako", tmp_path / "out.xlsx")
    assert sorted(c.person for c in merged.conflicts) == sorted(f.person for f in both)
    assert merged.merged == []
    _edit(Path(both[1].path), {"01.05.01@F": GRADE_3.replace("3", "4", 1)})  # now they agree
    merged = merge(master, tmp_path / "jako", tmp_path / "out2.xlsx")
    assert [(a.code, a.cell) for a in merged.merged] == [("01.05.01", "F16")] and merged.conflicts == []


@pytest.mark.parametrize("first, second", [("Elinvoimapaallikko", "Elinvoimapäällikkö"),
                                           ("kehittämispäällikkö", "Kehittämispäällikkö")])
def test_spellings_used_equally_often_are_named_by_the_careful_one(tmp_path: Path, first: str, second: str):
    """A tie between spellings of one unknown role: the one with its capital and its ä/ö names the
    person (and the file), whichever comes first in the sheet."""
    from seuranta_xl.settings import Settings
    from seuranta_xl.splitting import person_of

    wb = openpyxl.load_workbook(BUNDLED)
    for careless_row, careful_row in (("H16", "H42"), ("H42", "H16")):  # either one first in the sheet
        wb[SHEET][careless_row], wb[SHEET][careful_row] = first, second  # one row each
        master = tmp_path / "master.xlsx"
        wb.save(master)
        person = person_of([load_report(master)], Settings())
        assert person[first] == person[second] == second
