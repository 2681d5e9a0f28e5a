"""What staff see when a button cannot do its work: one alert they can act on, nothing half-written.

Driven through xlwings' remote engine where it can express the state (active sheet, a second click
during a run, the alert texts). Sheet/workbook protection, Protected View and the status bar have no
remote equivalent: their decisions are tested on the state the live workbook would read.
"""

from __future__ import annotations

import subprocess
import sys

import openpyxl
import pytest

from conftest import write_rows_xlsx
from conftest_remote import actions, remote, remote_book, seed_rows
from seuranta_xl.write.actions import (ListValidation, Plan, ReplaceSheet, SetValues, WorkbookState,
                                       blocked_by_protection)




@remote
def test_a_second_click_during_a_run_is_refused_and_writes_nothing():
    import seuranta_xl.excel.ribbon as ribbon

    book = remote_book(seed_rows())
    lock = ribbon.RunLock(ribbon._book_key(book))
    assert lock.acquire()  # a run in progress (another process, on a real PC)
    try:
        outcome = ribbon.run(book)
    finally:
        lock.release()
    assert not outcome.ok and "on jo käynnissä" in outcome.message
    assert [a["func"] for a in actions(book)] == ["alert"]
    assert ribbon.run(remote_book(seed_rows())).ok  # released: the next click works


def test_a_lock_left_by_a_process_that_is_gone_is_taken_over(tmp_path, monkeypatch):
    import seuranta_xl.excel.ribbon as ribbon

    monkeypatch.setenv("SEURANTA_XL_LOCK_DIR", str(tmp_path))
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    lock = ribbon.RunLock("Raportti.xlsx")
    lock.path.write_text(gone.stdout.strip())
    assert lock.acquire() and lock.path.read_text() != gone.stdout.strip()
    assert not ribbon.RunLock("Raportti.xlsx").acquire()  # held by this live process
    lock.release()
    assert not lock.path.exists()


@remote
def test_buttons_act_on_the_active_report_sheet():
    import seuranta_xl.excel.ribbon as ribbon

    first = seed_rows()
    second = [list(r) for r in seed_rows()]
    book = remote_book(first, sheet="Konsernihallinto", extra_sheets=[("Sivistystoimi", second)])
    book.sheets["Sivistystoimi"].activate()
    outcome = ribbon.validate(book)
    assert outcome.ok and outcome.report.sheet == "Sivistystoimi"
    book = remote_book(first, sheet="Konsernihallinto", extra_sheets=[("Ohje", [["Täytä raportti"]])])
    book.sheets["Ohje"].activate()  # not a report: the first report sheet
    assert ribbon.validate(book).report.sheet == "Konsernihallinto"


def test_protection_is_decided_before_anything_is_written():
    values = SetValues(sheet="Raportti", anchor="E14", values=[[3.5]])
    new_sheet = ReplaceSheet(name="Yhteenveto", rows=[["Koodi"]])
    plan = Plan(actions=[values, new_sheet])
    assert blocked_by_protection(plan, WorkbookState(sheets=["Raportti"])) is None
    assert blocked_by_protection(plan, WorkbookState(sheets=["Raportti"], protected_sheets=["raportti"])) == (
        "protected_sheet", {"sheet": "Raportti"})
    assert blocked_by_protection(plan, WorkbookState(sheets=["Raportti"], structure_protected=True)) == (
        "protected_structure", {})
    # replacing a sheet that exists is no change of structure
    assert blocked_by_protection(Plan(actions=[new_sheet]),
                                 WorkbookState(sheets=["Raportti", "Yhteenveto"], structure_protected=True)) is None
    dv = ListValidation(sheet="Listat", range="A1:A2", source="=X")
    assert blocked_by_protection(Plan(actions=[dv]), WorkbookState(protected_sheets=["Listat"]))[0] == "protected_sheet"


@pytest.mark.parametrize("protect", ["sheet", "structure"])
def test_a_protected_file_is_refused_with_one_line_and_nothing_written(protect, tmp_path, run_cli):
    src = write_rows_xlsx(seed_rows(), tmp_path / "r.xlsx", sheet="Raportti")
    wb = openpyxl.load_workbook(src)
    if protect == "sheet":
        wb["Raportti"].protection.sheet = True
    else:
        wb.security = openpyxl.workbook.protection.WorkbookProtection(lockStructure=True)
    wb.save(src)
    code, out, err = run_cli("run", src, "-o", tmp_path / "out.xlsx")
    assert code == 2 and err.count("\n") == 1 and "mitään ei kirjoitettu" in err
    assert not (tmp_path / "out.xlsx").exists()


def test_explanations_staff_can_act_on():
    from seuranta_xl.errors import InputError
    from seuranta_xl.excel.ribbon import explain

    class com_error(Exception):  # noqa: N801 - the name pywin32 gives Excel's COM errors
        pass

    busy = com_error(-2147418111, "Call was rejected by callee.", None, None)
    assert "lopeta solun muokkaus" in explain(busy, "fi", "/tmp/x.log")
    assert "finish editing the cell" in explain(busy, "en", "/tmp/x.log")
    assert explain(InputError("r.xlsx", "taulukko X on suojattu"), "fi", "-").endswith("taulukko X on suojattu")
    unexpected = explain(ValueError("boom"), "sv", "/tmp/seuranta_xl.log")
    assert "/tmp/seuranta_xl.log" in unexpected and "boom" not in unexpected


def test_no_calling_workbook_is_shown_not_swallowed():
    """Book.caller() fails (Protected View, no book): stderr and a non-zero exit, which xlwings shows."""
    code = "import seuranta_xl.excel.ribbon as r; r.validate()"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "Seuranta: Seuranta ei löydä avointa raporttia. Jos Excel näyttää keltaisen palkin ”Suojattu näkymä”, "
        "valitse Ota muokkaus käyttöön ja paina painiketta uudelleen."]


@remote
def test_a_used_range_over_the_cell_limit_is_refused_before_its_values_are_read():
    """A stray entry far out (XFD1048576) makes Excel's used range the whole sheet: the live read
    refuses it by its extent, as the file path refuses the same sheet, instead of asking Excel for
    billions of values."""
    from seuranta_xl.errors import InputError
    from seuranta_xl.excel.live import sheet_grid
    from seuranta_xl.settings import Limits

    rows = seed_rows()[:40]  # 40 rows x 8 columns = 320 cells, anchored at A1
    book = remote_book(rows)
    sheet = book.sheets[0]
    assert len(sheet_grid(sheet, "Seuranta.xlsx", Limits(max_cells=320)).rows) == 40
    with pytest.raises(InputError) as refused:
        sheet_grid(sheet, "Seuranta.xlsx", Limits(max_cells=319), "en")
    assert refused.value.source == "Seuranta.xlsx"
    assert "too many cells" in refused.value.message and "Raportti" in refused.value.message
    assert not actions(book)  # nothing asked of the book but its extent
