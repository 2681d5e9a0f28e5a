"""The openpyxl engine on real workbooks: plans applied, saved, read back with openpyxl."""

from __future__ import annotations

import shutil
import subprocess
from copy import copy
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation

from seuranta_xl.write import planners as plans
from seuranta_xl.write.openpyxl_engine import apply_plan, read_state
from seuranta_xl.write.actions import FINDINGS_SHEET, LISTS_SHEET, MANIFEST_SHEET, SUMMARY_SHEET, formula_purpose, lists_layout
from seuranta_xl.rollup import compute_rollup
from seuranta_xl.settings import Settings
from seuranta_xl.validate import check, load_report

from conftest import seed_rows, write_rows_xlsx

SETTINGS = Settings()
SOFFICE = shutil.which("soffice")


# --- helpers shared with test_write_cli ----------------------------------------------------------


def make_styled_workbook(seed_xlsx: Path, path: Path) -> Path:
    """The seed with the staff's own formatting: fills, fonts, borders, number formats, widths,
    a merged title, their own data validation and conditional format, and an own Kokonais-tilanne."""
    wb = openpyxl.load_workbook(seed_xlsx)
    ws = wb.active
    thin = Side(style="thin", color="999999")
    for cell in ws[13]:
        cell.fill = PatternFill("solid", start_color="1F4E78", end_color="1F4E78")
        cell.font = Font(bold=True, color="FFFFFF")
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in range(14, 40):
        ws.cell(row=row, column=6).fill = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
        ws.cell(row=row, column=5).border = Border(left=thin, right=thin)
        ws.cell(row=row, column=5).number_format = "0.00"
    ws["A2"].font = Font(size=16, bold=True, italic=True)
    ws.merge_cells("A2:H2")
    ws.column_dimensions["D"].width = 44
    ws["J3"] = "oma muistiinpano"  # data right of the table: the helper column must go past it
    own_dv = DataValidation(type="whole", operator="between", formula1="0", formula2="100")
    own_dv.add("D3:D5")
    ws.add_data_validation(own_dv)
    ws.conditional_formatting.add("G14:G90", CellIsRule(operator="equal", formula=['"kesken"'],
                                                        fill=PatternFill("solid", start_color="FFFF00", end_color="FFFF00")))
    wb.save(path)
    return path


def _style(cell) -> tuple:
    # StyleProxy objects do not compare across workbooks; their plain copies do.
    return (copy(cell.font), copy(cell.fill), copy(cell.border), cell.number_format,
            copy(cell.alignment), copy(cell.protection))


_DEFAULT_STYLE = _style(openpyxl.Workbook().active["A1"])


def cells_snapshot(path: Path, only: list[str] | None = None) -> dict[str, Any]:
    """Every sheet's cell values and styles (empty default cells count as absent), merged cells,
    widths, validations, conditional formats and names - what must survive a round trip."""
    wb = openpyxl.load_workbook(path)
    default = _DEFAULT_STYLE
    snap: dict[str, Any] = {"sheets": [(ws.title, ws.sheet_state) for ws in wb.worksheets],
                            "names": sorted((n, d.attr_text) for n, d in wb.defined_names.items())}
    for ws in wb.worksheets:
        if only is not None and ws.title not in only:
            continue
        cells = {}
        for row in ws.iter_rows():
            for cell in row:
                entry = (cell.value, _style(cell))
                if entry != (None, default):
                    cells[cell.coordinate] = entry
        snap[ws.title] = {
            "cells": cells,
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "widths": sorted((k, d.width) for k, d in ws.column_dimensions.items() if d.width),
            "validations": sorted((str(dv.sqref), dv.type, dv.formula1, dv.errorStyle)
                                  for dv in ws.data_validations.dataValidation),
            "formats": sorted((str(cf.sqref), r.type, tuple(r.formula or ()), r.priority,
                               repr(r.dxf.fill) if r.dxf else None)
                              for cf in ws.conditional_formatting for r in cf.rules),
            "links": sorted((c.coordinate, c.hyperlink.location) for row in ws.iter_rows() for c in row
                            if c.hyperlink is not None),
            "charts": len(ws._charts),
        }
    return snap


def apply(path: Path, out: Path, command: str, **kw) -> Path:
    """Run ``command`` of the command table on the workbook at ``path``, writing ``out``."""
    from seuranta_xl.commands import Options, run_command
    from seuranta_xl.write.file_workbook import FileWorkbook

    run_command(FileWorkbook(path, output=out, force=True), command, Options(all=kw.get("all", False)))
    return out


@pytest.fixture(scope="module")
def seed_xlsx(tmp_path_factory) -> Path:
    """The seed workbook, written once for this module (tests never modify it; outputs go elsewhere)."""
    return write_rows_xlsx(seed_rows(), tmp_path_factory.mktemp("seed") / "seed.xlsx")


@pytest.fixture(scope="module")
def styled_xlsx(seed_xlsx: Path, tmp_path_factory) -> Path:
    return make_styled_workbook(seed_xlsx, tmp_path_factory.mktemp("styled") / "styled.xlsx")


@pytest.fixture(scope="module")
def run_once(seed_xlsx: Path, tmp_path_factory) -> Path:
    return apply(seed_xlsx, tmp_path_factory.mktemp("run") / "run1.xlsx", "run")


def _our_purposes(ws) -> list[str]:
    return sorted(formula_purpose(f) or "-" for cf in ws.conditional_formatting for r in cf.rules
                  for f in (r.formula or ()))


# --- what run writes -------------------------------------------------------------------------------


def test_run_writes_dropdowns_names_and_lists(run_once: Path, seed_xlsx: Path):
    report = load_report(seed_xlsx, settings=SETTINGS)
    wb = openpyxl.load_workbook(run_once)
    ws = wb[report.sheet]
    last = report.last_row + SETTINGS.margin_rows
    dvs = {dv.formula1: dv for dv in ws.data_validations.dataValidation}
    assert set(dvs) == {"Etenemisaste", "Vastuuhenkilot"}
    assert str(dvs["Etenemisaste"].sqref) == f"F14:F{last}" and dvs["Etenemisaste"].errorStyle == "stop"
    assert str(dvs["Vastuuhenkilot"].sqref) == f"H14:H{last}" and dvs["Vastuuhenkilot"].errorStyle == "warning"
    assert dvs["Etenemisaste"].showDropDown in (None, False)  # True would hide the arrow
    names = {n: d.attr_text for n, d in wb.defined_names.items()}
    assert names["Etenemisaste"] == "Listat!$A$2:$A$7"  # the five grades and "ei sovellu / ei arvioitavissa"
    assert names["Vastuuhenkilot"] == f"Listat!$B$2:$B${1 + len(SETTINGS.roles)}"
    assert names["Tilanne"] == f"Listat!$C$2:$C${1 + len(SETTINGS.statuses)}"
    lists = wb[LISTS_SHEET]
    assert [lists.cell(row=r, column=1).value for r in range(2, 8)] == [f"{g} {SETTINGS.scale[g]}" for g in range(1, 6)] + [
        "ei sovellu / ei arvioitavissa"]
    assert [lists.cell(row=r, column=2).value for r in range(2, 2 + len(SETTINGS.roles))] == SETTINGS.roles
    assert lists.sheet_state == "hidden"


def test_run_writes_rollup_values_colours_and_summary(run_once: Path, seed_xlsx: Path):
    report = load_report(seed_xlsx, settings=SETTINGS)
    rollup = compute_rollup(report)
    wb = openpyxl.load_workbook(run_once)
    ws = wb[report.sheet]
    assert ws[f"E{report.find('03.06').row}"].value == 3.7
    assert ws[f"E{report.find('15').row}"].value == 3.4
    for goal in rollup.goals:
        if goal.computed is not None and goal.level == "annual":
            assert ws[f"E{goal.row}"].value == round(goal.computed, 1)
            assert ws[f"E{goal.row}"].number_format == "General"  # no style set on staff cells
    status = [f for cf in ws.conditional_formatting for r in cf.rules for f in r.formula
              if formula_purpose(f) == "status"]
    assert len(status) == 3 and ">=4" in status[0] and ">=2.5" in status[1]
    summary = wb[SUMMARY_SHEET]
    rows = list(summary.iter_rows(values_only=True))
    by_code = {r[0]: r for r in rows[1:] if r and r[0]}
    assert by_code["03.06"][3] == round(rollup.get("03.06").computed, 1) == 3.7  # as shown: no number format
    assert summary["D2"].number_format == "General"
    assert by_code["15."][8:13] == tuple(rollup.get("15").distribution[g] for g in range(1, 6))
    assert len(summary._charts) == 1
    chart = summary._charts[0]
    assert chart.type == "bar" and chart.grouping == "stacked" and len(chart.series) == 5
    assert summary["A2"].hyperlink.location.startswith(f"'{report.sheet}'!")


def test_run_marks_findings_and_missing_fields(run_once: Path, seed_xlsx: Path):
    report = load_report(seed_xlsx, settings=SETTINGS)
    findings = check(report, SETTINGS)
    wb = openpyxl.load_workbook(run_once)
    ws = wb[report.sheet]
    purposes = _our_purposes(ws)
    assert purposes.count("missing") == 1  # grade, progress, responsible: one rule over F:H
    assert purposes.count("finding") == 1  # one rule over the marked columns
    assert "finding" in purposes
    # The helper column: first free column right of the data (the seed uses A-H).
    assert ws["I13"].value == "Tarkistus"
    rows_with = {f.row for f in findings if f.row}
    for row in rows_with:
        assert ws[f"I{row}"].value, row
    sheet = wb[FINDINGS_SHEET]
    links = [c.hyperlink.location for c in sheet["A"] if c.hyperlink is not None]
    assert len(links) == sum(1 for f in findings if f.row)
    first = next(f for f in findings if f.column)
    assert f"'{report.sheet}'!{first.column}{first.row}" in links


def test_run_twice_is_the_same_workbook(run_once: Path, tmp_path: Path):
    twice = apply(run_once, tmp_path / "run2.xlsx", "run")
    assert cells_snapshot(twice) == cells_snapshot(run_once)


@pytest.mark.parametrize("command", ["dropdowns", "rollup", "highlight"])
def test_each_command_is_idempotent(seed_xlsx: Path, tmp_path: Path, command: str):
    once = apply(seed_xlsx, tmp_path / "1.xlsx", command)
    twice = apply(once, tmp_path / "2.xlsx", command)
    assert cells_snapshot(twice) == cells_snapshot(once)


def test_dropdowns_restore_a_validation_a_paste_cut(seed_xlsx: Path, tmp_path: Path):
    once = apply(seed_xlsx, tmp_path / "1.xlsx", "dropdowns")
    wb = openpyxl.load_workbook(once)
    ws = wb.active
    for dv in ws.data_validations.dataValidation:
        if dv.formula1 == "Etenemisaste":  # what Excel leaves after a paste over F20:F30
            full = str(dv.sqref)
            dv.sqref = openpyxl.worksheet.cell_range.MultiCellRange(f"F14:F19 F31:{full.split(':')[1]}")
    ws.data_validations.dataValidation = [dv for dv in ws.data_validations.dataValidation
                                          if dv.formula1 != "Vastuuhenkilot"]  # wiped entirely
    wb.save(tmp_path / "pasted.xlsx")
    again = apply(tmp_path / "pasted.xlsx", tmp_path / "2.xlsx", "dropdowns")
    assert cells_snapshot(again) == cells_snapshot(once)


# --- clear ----------------------------------------------------------------------------------------


def test_clear_removes_marks_and_keeps_dropdowns_and_values(run_once: Path, tmp_path: Path, seed_xlsx: Path):
    cleared = apply(run_once, tmp_path / "clear.xlsx", "clear")
    report = load_report(seed_xlsx, settings=SETTINGS)
    wb = openpyxl.load_workbook(cleared)
    ws = wb[report.sheet]
    assert FINDINGS_SHEET not in wb.sheetnames
    assert {LISTS_SHEET, SUMMARY_SHEET} <= set(wb.sheetnames) and MANIFEST_SHEET not in wb.sheetnames
    assert lists_layout([list(r) for r in wb[LISTS_SHEET].iter_rows(values_only=True)]).manifest.of("rollup")
    assert _our_purposes(ws) == ["status"] * 3
    assert ws.max_column == 8  # helper column gone, cells and all (checked before ws["I13"] creates one)
    assert len(ws.data_validations.dataValidation) == 2
    assert ws[f"E{report.find('03.06').row}"].value == 3.7


@pytest.mark.parametrize("fixture", ["seed_xlsx", "styled_xlsx"])
def test_run_then_clear_all_restores_the_workbook(fixture: str, request, tmp_path: Path):
    original = request.getfixturevalue(fixture)
    once = apply(original, tmp_path / "run.xlsx", "run")
    cleared = apply(once, tmp_path / "clear.xlsx", "clear", all=True)
    assert cells_snapshot(cleared) == cells_snapshot(original)


def test_styled_workbook_keeps_its_own_rules_and_formats_during_run(styled_xlsx: Path, tmp_path: Path):
    before = cells_snapshot(styled_xlsx)
    once = apply(styled_xlsx, tmp_path / "run.xlsx", "run")
    after = cells_snapshot(once)
    sheet = openpyxl.load_workbook(styled_xlsx).active.title
    assert set(before[sheet]["validations"]) < set(after[sheet]["validations"])
    assert set(before[sheet]["formats"]) < set(after[sheet]["formats"])
    # Every cell keeps its style; the only changed values are rollup numbers and the helper column.
    for coord, (value, style) in before[sheet]["cells"].items():
        assert after[sheet]["cells"][coord][1] == style, coord
    changed = {c for c, (v, _) in after[sheet]["cells"].items() if before[sheet]["cells"].get(c, (None,))[0] != v}
    wb = openpyxl.load_workbook(once)
    helper = wb[sheet]["K13"].value  # J holds the staff's own note, so the helper goes to K
    assert helper == "Tarkistus"
    assert {c.rstrip("0123456789") for c in changed} <= {"E", "K"}


def test_a_persons_own_status_is_never_overwritten(seed_xlsx: Path, tmp_path: Path):
    report = load_report(seed_xlsx, settings=SETTINGS)
    row = report.find("03.06").row
    wb = openpyxl.load_workbook(seed_xlsx)
    wb.active[f"E{row}"] = 2
    wb.save(tmp_path / "own.xlsx")
    once = apply(tmp_path / "own.xlsx", tmp_path / "run.xlsx", "run")
    wb = openpyxl.load_workbook(once)
    assert wb.active[f"E{row}"].value == 2
    notes = [r for r in wb[FINDINGS_SHEET].iter_rows(values_only=True) if r[1] == plans.OWN_STATUS_RULE]
    assert len(notes) == 1 and "3,7" in notes[0][4]
    cleared = apply(once, tmp_path / "clear.xlsx", "clear", all=True)
    assert openpyxl.load_workbook(cleared).active[f"E{row}"].value == 2


def test_a_value_of_ours_a_person_changed_becomes_theirs(run_once: Path, seed_xlsx: Path, tmp_path: Path):
    report = load_report(seed_xlsx, settings=SETTINGS)
    row = report.find("03.06").row
    wb = openpyxl.load_workbook(run_once)
    wb[report.sheet][f"E{row}"] = 4.5
    wb.save(tmp_path / "edited.xlsx")
    again = apply(tmp_path / "edited.xlsx", tmp_path / "run2.xlsx", "run")
    assert openpyxl.load_workbook(again)[report.sheet][f"E{row}"].value == 4.5
    cleared = apply(again, tmp_path / "clear.xlsx", "clear", all=True)
    ws = openpyxl.load_workbook(cleared)[report.sheet]
    assert ws[f"E{row}"].value == 4.5
    assert ws[f"E{report.find('15').row}"].value is None  # ours, still as we wrote it: removed


def test_snapshot_notices_a_changed_style(styled_xlsx: Path, tmp_path: Path):
    """The round-trip comparison can fail: one changed fill or number format is a difference."""
    wb = openpyxl.load_workbook(styled_xlsx)
    wb.active["F20"].fill = PatternFill("solid", start_color="DDEBF8", end_color="DDEBF8")
    wb.save(tmp_path / "fill.xlsx")
    assert cells_snapshot(tmp_path / "fill.xlsx") != cells_snapshot(styled_xlsx)
    wb = openpyxl.load_workbook(styled_xlsx)
    wb.active["E20"].number_format = "0.0"
    wb.save(tmp_path / "fmt.xlsx")
    assert cells_snapshot(tmp_path / "fmt.xlsx") != cells_snapshot(styled_xlsx)


# --- what a spreadsheet program shows (LibreOffice evaluates the conditional formats) ---------------


class _TableColours(HTMLParser):
    """Background colour and text of every cell of the first table in LibreOffice's HTML export."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[tuple[str | None, str]]] = []
        self.tables = 0
        self._cell: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables += 1
        elif self.tables == 1 and tag == "tr":
            self.rows.append([])
        elif self.tables == 1 and tag == "td":
            colour = (attrs.get("bgcolor") or "").lstrip("#").upper() or None
            self._cell = [colour, "", int(attrs.get("colspan") or 1)]

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[1] += data

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            colour, text, span = self._cell
            self.rows[-1].extend([(colour, text.strip())] * span)
            self._cell = None


def _render_colours(path: Path, tmp_path: Path) -> list[list[tuple[str | None, str]]]:
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "html",
                    "--outdir", str(tmp_path / "html"), str(path)], check=True, capture_output=True, timeout=240)
    parser = _TableColours()
    parser.feed((tmp_path / "html" / (path.stem + ".html")).read_text(encoding="utf-8", errors="replace"))
    return parser.rows


def _expected_colour(ws, row: int, col: int, helper: str) -> str | None:
    """What the marks should show on one cell, worked out from the cell values alone."""
    text = lambda c: str(ws.cell(row=row, column=c).value or "").strip()  # noqa: E731
    tokens = str(ws[f"{helper}{row}"].value or "").split()
    letter = openpyxl.utils.get_column_letter(col)
    if any(t.split(":")[0] == letter for t in tokens):
        return plans.FINDING_FILL
    level = "action" if text(3) else "annual" if text(2) else "council" if text(1) else None
    field = {6: "grade", 7: "progress", 8: "responsible"}.get(col)
    if level and field in SETTINGS.required[level] and not text(col):
        return plans.MISSING_FILL
    value = ws.cell(row=row, column=col).value
    if col == 5 and isinstance(value, (int, float)):
        index = SETTINGS.status_thresholds.status_index(value)
        return plans.STATUS_COLOURS[index][0]
    return None


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_shows_marks_where_findings_and_gaps_are_and_nowhere_else(run_once: Path, seed_xlsx: Path,
                                                                                 tmp_path: Path):
    report = load_report(seed_xlsx, settings=SETTINGS)
    wb = openpyxl.load_workbook(run_once)
    ws = wb[report.sheet]
    # Staff edit after the run, with no Python: a grade and a role deleted, a missing progress typed.
    action = report.find("01.05.01").row
    ws[f"F{action}"] = None
    ws[f"H{action}"] = None
    gap = next(i.row for i in report.actions if i.progress is None and i.owns_row)
    ws[f"G{gap}"] = "Edennyt suunnitellusti"
    wb.save(tmp_path / "edited.xlsx")
    rows = _render_colours(tmp_path / "edited.xlsx", tmp_path)
    header = next(i for i, r in enumerate(rows) if r and r[0][1] == "Valtuustokauden tavoite")
    shown = {report.header_row + k: r for k, r in enumerate(rows[header:])}
    assert all(colour is None for r in rows[:header + 1] for colour, _ in r)
    mismatches = []
    for row in range(report.header_row + 1, report.last_row + 1):
        for col in range(1, 9):
            expected = _expected_colour(ws, row, col, "I")
            seen = shown[row][col - 1][0] if col - 1 < len(shown[row]) else None
            if seen != expected:
                mismatches.append((f"{openpyxl.utils.get_column_letter(col)}{row}", expected, seen))
    assert not mismatches, mismatches
    assert shown[action][5][0] == plans.MISSING_FILL or _expected_colour(ws, action, 6, "I") == plans.FINDING_FILL
    assert shown[gap][6][0] != plans.MISSING_FILL
