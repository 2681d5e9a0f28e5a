"""Hostile and unusual workbooks found by a red-team pass: each built in code, each one line or a
correct result, never a traceback or the last-resort "unexpected error" line."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from seuranta_xl.splitting import split

BUNDLED = Path(__file__).resolve().parents[1] / "workbook" / "examples" / "seuranta_1-9_2021.xlsx"


def test_split_of_a_hidden_report_sheet_gives_visible_person_books(tmp_path: Path):
    """A cover sheet in front and the report sheet hidden: each person's book keeps only the report
    and the hidden lists, and a workbook needs one visible sheet (openpyxl refused to save)."""
    wb = openpyxl.load_workbook(BUNDLED)
    wb.create_sheet("Kansi", 0)["A1"] = "Kansilehti"
    wb["Seuranta"].sheet_state = "hidden"
    wb.active = 0
    master = tmp_path / "master.xlsx"
    wb.save(master)
    result = split(master, tmp_path / "out")
    assert result.files
    book = openpyxl.load_workbook(result.files[0].path)
    assert book["Seuranta"].sheet_state == "visible"
    assert book.active.title == "Seuranta"
