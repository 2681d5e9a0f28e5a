"""compare: the bundled report against an edited copy built here, across formats and layouts."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest

from seuranta_xl.comparison import CHANGE_FIELDS, compare, similarity
from seuranta_xl.validate import load_report

from conftest import seed_rows, write_rows_xlsx

BUNDLED = Path(__file__).resolve().parents[1] / "workbook" / "examples" / "seuranta_1-9_2021.xlsx"
SHEET = "Seuranta"
GRADE_4 = "4 Toteutusvaiheessa lähellä valmistumista, ei vielä viimeistelty/käyttöön otettu"

#: What edited_copy changes, as (code in the new report, kind) - each exactly once.
EXPECTED = {
    ("01.05.01", "grade_up"), ("01.05", "status_up"), ("01.", "status_up"),
    ("03.06.03", "grade_down"), ("03.06", "status_down"), ("03.", "status_down"),
    ("07.05.06", "removed"), ("07.05", "status_up"), ("07.", "status_up"),
    ("32.04.02", "added"), ("32.04", "status_up"), ("32.", "status_up"),
    ("15.01.04", "renumbered"),
    ("10.01.01", "responsible_changed"),
    ("12.03.02", "risks_added"),
    ("12.03.01", "not_updated"),
}


def edited_copy(path: Path, tmp_path: Path, name: str = "seuranta_1-12_2021.xlsx") -> Path:
    """The next period's report: every narrative rewritten but one, two grades moved, one action
    added, one removed, one renumbered, one responsible changed, one risk added."""
    report = load_report(path)
    wb = openpyxl.load_workbook(path)
    ws = wb[report.sheet]
    row = {i.code: i.row for i in report.items if i.owns_row}
    for r in range(report.header_row + 1, report.last_row + 1):
        if ws[f"G{r}"].value and r != row["12.03.01"]:
            ws[f"G{r}"] = f"Tilanne vuoden lopussa (rivi {r}): työ jatkuu uusin painotuksin."
    ws[f"F{row['01.05.01']}"] = GRADE_4
    ws[f"F{row['03.06.03']}"] = "3 Toteutus on aloitettu, ei vielä valmis"
    for col in "ABCDEFGH":
        ws[f"{col}{row['07.05.06']}"] = None
    new = report.last_row + 1
    for col, value in zip("CFGH", ("32.04.02 Otamme käyttöön investointien seurantamallin", GRADE_4,
                                    "Malli on otettu käyttöön.", "Talousjohtaja")):
        ws[f"{col}{new}"] = value
    ws[f"C{row['15.01.03']}"] = ws[f"C{row['15.01.03']}"].value.replace("15.01.03", "15.01.04")
    ws[f"H{row['10.01.01']}"] = "Sivistysjohtaja"
    ws[f"H{row['05.01.01']}"] = "Talousjohtaja"  # a misspelt role corrected: the same person
    ws[f"D{row['12.03.02']}"] = "Tietoturvauhat lisääntyvät"
    target = tmp_path / name
    wb.save(target)
    return target


@pytest.fixture(scope="module")
def edited(tmp_path_factory) -> Path:
    return edited_copy(BUNDLED, tmp_path_factory.mktemp("edited"))


def test_each_change_is_reported_once_with_its_kind(edited: Path):
    result = compare(BUNDLED, edited)
    seen = [(c.code, c.kind) for c in result.changes]
    assert sorted(seen) == sorted(EXPECTED)
    grade = next(c for c in result.changes if c.kind == "grade_up")
    assert (grade.old, grade.new, grade.field, grade.row, grade.column) == (3, 4, "grade", 16, "F")
    renumbered = result.of_kind("renumbered")[0]
    assert (renumbered.old, renumbered.new) == ("15.01.03", "15.01.04")
    assert result.of_kind("removed")[0].row is None and result.of_kind("removed")[0].old_row == 48
    status = next(c for c in result.changes if c.code == "32.04" and c.kind == "status_up")
    assert (status.old, status.new) == (3.0, 3.5)
    assert result.of_kind("responsible_changed")[0].new == "Sivistysjohtaja"


def test_summary_counts_the_actions(edited: Path):
    result = compare(BUNDLED, edited)
    numbers = result.summary["actions"]
    assert numbers | {} == numbers  # plain dict
    assert (numbers["improved"], numbers["worsened"], numbers["not_updated"]) == (1, 1, 1)
    assert (numbers["added"], numbers["removed"], numbers["renumbered"]) == (1, 1, 1)
    assert (numbers["old"], numbers["new"]) == (39, 39)
    assert result.summary["text"].startswith("1 toimenpide edennyt, 1 heikentynyt, 1 ilman päivitystä")
    assert compare(BUNDLED, edited, lang="sv").summary["text"].startswith("1 åtgärd har framskridit")


def test_the_same_report_in_another_format_or_column_order_has_no_changes_but_stale_narratives(tmp_path: Path):
    rows = seed_rows()
    order = [7, 6, 5, 4, 3, 2, 1, 0]  # every column moved
    shuffled = write_rows_xlsx([[r[i] if i < len(r) else "" for i in order] for r in rows], tmp_path / "cols.xlsx")
    for old, new in ((Path(__file__).parent / "data" / "seed_report.txt", BUNDLED), (BUNDLED, shuffled)):
        result = compare(old, new)
        assert {c.kind for c in result.changes} == {"not_updated"}
        narratives = [i for i in load_report(new).items if i.owns_row and i.progress]
        assert sorted(c.code for c in result.changes) == sorted(i.display_code for i in narratives)
        assert result.summary["actions"]["unchanged"] == 39
        assert result.summary["actions"]["not_updated"] == sum(i.level == "action" for i in narratives) == 37


def test_renamed_items_are_matched_by_name_and_unrelated_ones_are_not():
    assert similarity("Kehitämme henkilöstösuunnittelua", "kehitämme  HENKILÖSTÖSUUNNITTELUA") == 1.0
    assert similarity("Kehitämme henkilöstösuunnittelua ja -raportointia",
                      "Kehitämme henkilöstösuunnittelua") >= 0.8
    assert similarity("Kehitämme henkilöstösuunnittelua", "Hillitsemme velkaantumista") < 0.5
    assert similarity("Kehitämme henkilöstösuunnittelua", "Kehitämme palveluprosesseja") < 0.8


def test_several_report_sheets_are_paired_by_name(tmp_path: Path):
    wb = openpyxl.load_workbook(BUNDLED)
    second = wb.copy_worksheet(wb[SHEET])
    second.title = "Sivistys"
    old = tmp_path / "old.xlsx"
    wb.save(old)
    second["F16"] = GRADE_4
    new = tmp_path / "new.xlsx"
    wb.save(new)
    result = compare(old, new)
    moved = [c for c in result.changes if c.kind != "not_updated"]
    assert {(c.sheet, c.code, c.kind) for c in moved} == {
        ("Sivistys", "01.05.01", "grade_up"), ("Sivistys", "01.05", "status_up"), ("Sivistys", "01.", "status_up")}
    assert result.old.sheets == [SHEET, "Sivistys"]


def test_cli_json_shape_and_exit_codes(edited: Path, run_cli):
    code, out, err = run_cli("compare", BUNDLED, edited, "--format", "json")
    assert code == 0 and err == ""
    payload = json.loads(out)
    assert set(payload) == {"old", "new", "changes", "summary"}
    assert all(list(change) == list(CHANGE_FIELDS) for change in payload["changes"])
    assert sorted((c["code"], c["kind"]) for c in payload["changes"]) == sorted(EXPECTED)
    assert payload["old"]["source"] == str(BUNDLED) and payload["new"]["period"] == "1 - 9 / 2021"
    assert payload["summary"]["actions"]["improved"] == 1

    code, out, _ = run_cli("compare", BUNDLED, edited, "--format", "csv")
    table = list(csv.reader(io.StringIO(out)))
    assert code == 0 and table[0] == list(CHANGE_FIELDS) and len(table) == len(EXPECTED) + 1

    code, out, _ = run_cli("compare", BUNDLED, edited, "--lang", "en")
    assert code == 0 and out.splitlines()[1].startswith("1 action progressed, 1 worsened, 1 without an update")
    assert "  01.05.01  grade 3 → 4: progressed" in out

    code, out, err = run_cli("compare", BUNDLED, edited.with_name("missing.xlsx"))
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and "missing.xlsx" in err


def test_cli_writes_the_changes_sheet_with_links_into_a_copy_of_new(edited: Path, tmp_path: Path, run_cli):
    before = edited.read_bytes()
    out = tmp_path / "muutokset.xlsx"
    code, stdout, err = run_cli("compare", BUNDLED, edited, "-o", out)
    assert code == 0, err
    assert edited.read_bytes() == before
    wb = openpyxl.load_workbook(out)
    original = openpyxl.load_workbook(edited)
    assert wb.sheetnames == original.sheetnames + ["Muutokset"]
    ws = wb["Muutokset"]
    assert [c.value for c in ws[1]][:5] == ["Koodi", "Taulukko", "Muutos", "Edellinen", "Nyt"]
    links = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=1).hyperlink for r in range(2, ws.max_row + 1)}
    assert links["01.05.01"].location == "'Seuranta'!F16"
    assert links["10.01.01"].location == "'Seuranta'!H51"
    assert links["07.05.06"] is None  # removed: nothing to point at
    values = lambda w: [[c.value for c in r] for r in w[SHEET].iter_rows()]  # noqa: E731
    assert values(wb) == values(original)
    # again: the sheet is ours and is replaced, not duplicated
    code, _, err = run_cli("compare", BUNDLED, out, "-o", tmp_path / "again.xlsx")
    assert code == 0, err
    assert openpyxl.load_workbook(tmp_path / "again.xlsx").sheetnames.count("Muutokset") == 1


def test_a_staff_sheet_named_muutokset_is_never_replaced(edited: Path, tmp_path: Path, run_cli):
    wb = openpyxl.load_workbook(edited)
    wb.create_sheet("Muutokset")["A1"] = "Omat muistiinpanot"
    mine = tmp_path / "mine.xlsx"
    wb.save(mine)
    code, out, err = run_cli("compare", BUNDLED, mine, "-o", tmp_path / "out.xlsx")
    assert code == 2 and "Muutokset" in err and not (tmp_path / "out.xlsx").exists()


def test_to_frame_has_one_line_per_change(edited: Path):
    frame = compare(BUNDLED, edited).to_frame()
    assert len(frame) == len(EXPECTED)
    assert list(frame.columns[:7]) == list(CHANGE_FIELDS)


def test_a_deleted_progress_text_is_a_change(edited: Path, tmp_path: Path, run_cli):
    """A narrative that was there and is gone: the reader of the new report loses it, so the
    comparison says so (with the old text), besides whatever else changed on the row."""
    report = load_report(edited)
    row = next(i.row for i in report.items if i.code == "01.05.01")
    wb = openpyxl.load_workbook(edited)
    old_text = wb[report.sheet][f"G{row}"].value
    wb[report.sheet][f"G{row}"] = None
    cleared = tmp_path / "cleared.xlsx"
    wb.save(cleared)
    result = compare(edited, cleared)
    assert {c.kind for c in result.changes} == {"progress_cleared", "not_updated"}  # the rest: as before
    mine = [c for c in result.changes if c.code == "01.05.01"]
    assert [(c.kind, c.field, c.row, c.column) for c in mine] == [("progress_cleared", "progress", row, "G")]
    assert mine[0].old == old_text and mine[0].new is None
    code, out, _ = run_cli("compare", edited, cleared, "--lang", "en")
    assert code == 0 and "progress text removed (the previous report had: Tilanne vuoden lopussa" in out
