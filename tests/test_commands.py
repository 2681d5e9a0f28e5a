"""The command table: one pipeline for the CLI, the ribbon and the tests."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from conftest_remote import actions, remote, remote_book, seed_rows
from seuranta_xl.commands import COMMANDS, ExitStatus, Options, run_command
from seuranta_xl.write.file_workbook import FileWorkbook

#: Commands that need another file or folder (the reporting cycle) are tested in test_split_merge.py.
CYCLE = {"changes", "merge", "split"}
WRITING = sorted(name for name, (_f, writes) in COMMANDS.items() if writes and name not in CYCLE | {"prepare"})


@pytest.fixture(scope="module")
def seed_book(tmp_path_factory) -> Path:
    from conftest import write_rows_xlsx

    return write_rows_xlsx(seed_rows(), tmp_path_factory.mktemp("commands") / "seed.xlsx", sheet="Raportti")


def test_validate_writes_nothing_and_counts_the_seed(seed_book):
    result = run_command(FileWorkbook(seed_book), "validate")
    assert result.plan.actions == [] and result.applied is None
    summary = result.summary
    assert summary.message == "summary.validate" and summary.status == ExitStatus.OK
    assert (summary.params["actions"], summary.params["errors"], summary.params["warnings"]) == (39, 0, 48)


@pytest.mark.parametrize("name", WRITING)
def test_each_writing_command_writes_its_own_plan(name, seed_book, tmp_path):
    out = tmp_path / f"{name}.xlsx"
    workbook = FileWorkbook(seed_book, output=out)
    result = run_command(workbook, name)
    assert workbook.written == out and result.applied.actions == len(result.plan.actions) > 0
    assert result.summary.command == name
    sheets = openpyxl.load_workbook(out).sheetnames
    # The record of what we wrote lives on our lists sheet; where there is none, on its own sheet.
    expected = {"dropdowns": {"Listat"}, "rollup": {"Yhteenveto", "_seuranta"}, "highlight": {"Tarkistus", "_seuranta"},
                "missing": set(), "clear": set(), "run": {"Listat", "Yhteenveto", "Tarkistus"}}[name]
    assert set(sheets) - {"Raportti"} == expected


def test_a_write_without_a_target_is_refused_before_any_work(seed_book):
    from seuranta_xl.errors import InputError

    with pytest.raises(InputError, match="--in-place"):
        FileWorkbook(seed_book).check_target()


# --- the ribbon: each button is one command of the table ------------------------------------


def _recorded(book) -> list[tuple]:
    return [(a["func"], repr(a["args"])) for a in actions(book)]




@remote
def test_each_button_runs_its_own_command_and_no_other():
    import seuranta_xl.excel.ribbon as ribbon
    from seuranta_xl.excel.live import LiveWorkbook

    by_command = {}
    for name in COMMANDS:
        if name in {"validate", "prepare"} | CYCLE:
            continue
        book = remote_book(seed_rows())
        run_command(LiveWorkbook(book), name)
        by_command[name] = _recorded(book)
    # the plans differ, so a button wired to another command is caught below
    assert len({tuple(v) for v in by_command.values()}) == len(by_command)
    for button, command in ribbon.BUTTONS.items():
        if command in CYCLE:  # they ask for a file or folder: tests/test_ribbon_cycle.py
            continue
        book = remote_book(seed_rows())
        outcome = getattr(ribbon, button)(book)
        assert outcome.ok, outcome.message
        recorded = [a for a in _recorded(book) if a[0] != "alert"]
        assert recorded == by_command[command], button
    assert ribbon.BUTTONS["validate"] != ribbon.BUTTONS["highlight"]  # Tarkista and Korosta puuttuvat differ


@remote
def test_an_unsaved_role_on_the_live_lists_sheet_is_used():
    """The live workbook's lists sheet as it is now (unsaved edits included) gives the roles."""
    from seuranta_xl.excel.live import LiveWorkbook

    rows = seed_rows()
    row = next(i for i, r in enumerate(rows) if len(r) > 7 and r[2].startswith("03.06.01"))
    rows[row][7] = "Kulttuurijohtaja"

    def p101_rows(lists):
        extra = [("Listat", lists)] if lists else []
        summary = run_command(LiveWorkbook(remote_book(rows, extra_sheets=extra)), "validate").summary
        return {f.row for f in summary.report.findings if f.rule == "P101"}

    roles = ["Kunnanjohtaja", "Talousjohtaja", "Hallintojohtaja", "Henkilöstöjohtaja", "Sivistysjohtaja",
             "Kasvu- ja ympäristöjohtaja"]
    without = p101_rows([["Vastuuhenkilöt"]] + [[r] for r in roles])
    with_new = p101_rows([["Vastuuhenkilöt"]] + [[r] for r in roles + ["Kulttuurijohtaja"]])
    assert row + 1 in without and row + 1 not in with_new
    assert without - {row + 1} == with_new


def test_options_choose_the_report_sheet_case_insensitively(tmp_path):
    from conftest import write_rows_xlsx

    book = write_rows_xlsx(seed_rows(), tmp_path / "r.xlsx", sheet="Toimiala")
    summary = run_command(FileWorkbook(book), "validate", Options(sheets=("TOIMIALA",))).summary
    assert summary.report.sheet == "Toimiala"


def test_a_write_command_opens_its_input_once(seed_book, tmp_path, monkeypatch):
    """One read of FILE per command: the values, the pre-scan, the state and the write share it."""
    import builtins
    import os as _os

    opened: list[str] = []
    real_open, real_os_open = builtins.open, _os.open

    def counting_open(file, *args, **kwargs):
        if str(file) == str(seed_book):
            opened.append("open")
        return real_open(file, *args, **kwargs)

    def counting_os_open(path, *args, **kwargs):
        if str(path) == str(seed_book):
            opened.append("os.open")
        return real_os_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", counting_open)
    monkeypatch.setattr(_os, "open", counting_os_open)
    workbook = FileWorkbook(seed_book, output=tmp_path / "out.xlsx")
    run_command(workbook, "run")
    assert workbook.written == tmp_path / "out.xlsx"
    assert len(opened) == 1, opened


@pytest.mark.parametrize("name", ["run", "clear"])
def test_a_write_command_decompresses_each_part_once(name, seed_book, tmp_path, monkeypatch):
    """The pre-scan's bytes go on to the package engine: each part is inflated once per command
    (python-calamine's own read aside), the worksheets and the parts every write edits by the pre-scan."""
    import zipfile

    inflated: list[str] = []
    real_open = zipfile.ZipFile.open

    def counting(self, name, *args, **kwargs):
        inflated.append(name.filename if isinstance(name, zipfile.ZipInfo) else name)
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", counting)
    workbook = FileWorkbook(seed_book, output=tmp_path / "out.xlsx")
    run_command(workbook, name)
    assert workbook.written == tmp_path / "out.xlsx"
    assert {"xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/styles.xml", "[Content_Types].xml"} <= set(inflated)
    assert len(inflated) == len(set(inflated)), sorted(inflated)


def test_summary_and_findings_sheets_are_print_ready(seed_book, tmp_path):
    """A4 landscape, one page wide: the summary is printed for the council."""
    out = tmp_path / "out.xlsx"
    run_command(FileWorkbook(seed_book, output=out), "run")
    wb = openpyxl.load_workbook(out)
    for name in ("Yhteenveto", "Tarkistus"):
        ws = wb[name]
        assert ws.page_setup.orientation == "landscape", name
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (1, "1"), name
        assert ws.page_setup.fitToHeight in (0, "0") and ws.page_setup.paperSize in (9, "9"), name
    # the report sheet too, where the person has set no page setup of their own (tests/test_print_ready.py)
    assert wb["Raportti"].page_setup.orientation == "landscape" and wb["Raportti"].print_title_rows == "$13:$13"


def test_a_big_sheet_of_the_persons_own_is_not_held_for_the_write(tmp_path):
    """The pre-scan's worksheet bytes go on to the package engine only for the sheets it reads (the
    report and ours): another sheet beside the report is let go before the rules run, and is still
    copied into OUT byte for byte."""
    import zipfile

    from conftest import seed_rows

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Seuranta"
    for row in seed_rows():
        ws.append(row)
    data = wb.create_sheet("Data")
    for r in range(1, 2001):
        data.append([f"rivi {r}", r, r * 2.5])
    src = tmp_path / "two.xlsx"
    wb.save(src)
    workbook = FileWorkbook(src, output=tmp_path / "out.xlsx")
    result = run_command(workbook, "run", Options(sheets=("Seuranta",)))
    assert result.applied is not None
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(tmp_path / "out.xlsx") as b:
        assert b.read("xl/worksheets/sheet2.xml") == a.read("xl/worksheets/sheet2.xml")
    held = FileWorkbook(src, output=tmp_path / "out2.xlsx")
    held.grids()
    assert set(held._parts) >= {"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"}
    parts = held._handed_on(["Seuranta"])
    assert "xl/worksheets/sheet1.xml" in parts and "xl/worksheets/sheet2.xml" not in parts
