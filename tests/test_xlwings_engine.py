"""The xlwings engine applies each kind of plan action with a constant number of calls.

Driven through xlwings' remote engine: ``xw.Book(json=payload)`` is a workbook as the Office.js
client hands it over, and ``book.json()["actions"]`` is what Excel would be told to do.
"""

from __future__ import annotations

import pytest

from conftest_remote import actions, kinds, needs_remote, remote_book, seed_rows
from seuranta_xl.grid import Grid
from seuranta_xl.write.actions import (
    ChartSpec,
    ClearOwn,
    ConditionalFormat,
    DefinedName,
    DeleteSheet,
    Hyperlink,
    ListValidation,
    Plan,
    ReplaceSheet,
    SetValues,
)

pytestmark = needs_remote


def _apply(book, *acts):
    from seuranta_xl.excel.xlwings_engine import apply_plan

    return apply_plan(book, Plan(actions=list(acts)))


def _only(book, func):
    found = [a for a in actions(book) if a["func"] == func]
    assert len(found) == 1, (func, kinds(book))
    return found[0]


def test_values_are_one_block_at_the_anchor():
    book = remote_book(seed_rows())
    _apply(book, SetValues(sheet="Raportti", anchor="E20", values=[[3.7], [None], [2.5, "x"]]))
    action = _only(book, "setValues")
    assert (action["sheet_position"], action["start_row"], action["start_column"]) == (0, 19, 4)
    assert (action["row_count"], action["column_count"]) == (3, 2)
    assert action["values"] == [[3.7, ""], ["", ""], [2.5, "x"]]


def test_list_validation_from_a_name_and_from_a_range():
    book = remote_book(seed_rows())
    applied = _apply(
        book,
        ReplaceSheet(name="Listat", rows=[["Etenemisaste", "Vastuu"], ["1 a", "X"], ["2 b", "Y"]]),
        DefinedName(name="Etenemisaste", refers_to="=Listat!$A$2:$A$3"),
        ListValidation(sheet="Raportti", range="F14:F300", source="=Etenemisaste"),
        ListValidation(sheet="Raportti", range="H14:H300", source="=Listat!$B$2:$B$3", stop=False,
                       prompt="Valitse listasta"),
    )
    sets = [a for a in actions(book) if a["func"] == "setDataValidationList"]
    assert [(a["start_row"], a["start_column"], a["row_count"]) for a in sets] == [(13, 5, 287), (13, 7, 287)]
    # One call each: the delete + set that mends a "mixed" range happens only when set_list refuses.
    assert "deleteDataValidation" not in kinds(book)
    assert sets[0]["args"] == [{"type": "name", "name": "Etenemisaste"}, True]
    listat = [s.name for s in book.sheets].index("Listat")
    assert sets[1]["args"][0] == {"type": "range", "sheet_position": listat, "start_row": 1,
                                  "start_column": 1, "row_count": 2, "column_count": 1}
    # Prompt texts and the "warn but allow" style have no call in xlwings' open-source API:
    # on Windows the engine sets them through COM; here they are reported, not faked.
    assert len(applied.skipped) == 1 and "H14:H300" in applied.skipped[0]


def test_conditional_format_is_one_rule_per_range():
    book = remote_book(seed_rows())
    formula = '=AND($C14<>"",LEN(TRIM(F14))=0,N("seuranta_xl:missing")=0)'
    _apply(book, ConditionalFormat(sheet="Raportti", range="F14:F300", formula=formula, fill="FFC7CE",
                                   font="9C0006", purpose="missing"))
    action = _only(book, "addConditionalFormat")
    assert (action["start_row"], action["start_column"], action["row_count"]) == (13, 5, 287)
    rule = action["args"][0]
    assert (rule["type"], rule["formula"], rule["fill_color"], rule["font_color"]) == (
        "Custom", formula, "#ffc7ce", "#9c0006")


def test_new_sheet_with_links_formats_and_chart():
    book = remote_book(seed_rows())
    applied = _apply(book, ReplaceSheet(
        name="Yhteenveto", rows=[["Koodi", "1", "2"], ["01.", 1, 2], ["02.", 3, 4]],
        number_formats={"B": "0.0"}, column_widths={"A": 30},
        hyperlinks=[Hyperlink(cell="A2", target="'Raportti'!A14")],
        charts=[ChartSpec(title="Jakauma", categories="A2:A3", series=["B1:B3", "C1:C3"], anchor="E2")]))
    assert applied.skipped == []
    assert _only(book, "addSheet")["args"] == [1, "Yhteenveto"]
    values = _only(book, "setValues")
    # The link is a HYPERLINK formula inside the one block (add_hyperlink would be a call per link).
    assert values["values"][1][0] == '=HYPERLINK("#\'Raportti\'!A14","01.")'
    # "02." would become the number 2 in a live Excel: text that Excel parses goes with its text marker.
    assert values["values"][2] == ["'02.", 3, 4]
    assert _only(book, "setFontProperty")["args"] == ["bold", True]
    assert _only(book, "freezePaneAtRange")["args"] == ["1:1"]
    assert _only(book, "setNumberFormat")["args"] == ["0.0"]
    chart = _only(book, "addChart")["args"]
    # A table (categories down the left, series names on top): the whole table is the source, which
    # Excel reads as those categories and series - no call of its own for the categories.
    assert (chart[1], chart[2], chart[3], chart[8], chart[9]) == ("BarStacked", "Yhteenveto", "$A$1:$C$3", "Columns", "$E$2")
    assert "setChartXAxisValues" not in kinds(book)
    assert _only(book, "setChartTitle")["args"][1] == "Jakauma"


def test_chart_whose_categories_are_not_beside_its_series_sets_them():
    book = remote_book(seed_rows())
    _apply(book, ReplaceSheet(
        name="Yhteenveto", rows=[["Koodi", "x", "1", "2"], ["01.", "", 1, 2], ["02.", "", 3, 4]],
        charts=[ChartSpec(title="Jakauma", categories="A2:A3", series=["C1:C3", "D1:D3"], anchor="F2")]))
    assert _only(book, "addChart")["args"][3] == "$C$1:$D$3"
    assert _only(book, "setChartXAxisValues")["args"][1:] == ["Yhteenveto", "$A$2:$A$3"]


def test_existing_sheet_is_cleared_in_place_not_deleted():
    # Deleting Listat in a live book would turn the names the dropdowns use into #REF!.
    book = remote_book(seed_rows(), extra_sheets=[("Listat", [["old"], ["x"]])])
    _apply(book, ReplaceSheet(name="Listat", rows=[["Etenemisaste"], ["1 a"]]))
    assert "addSheet" not in kinds(book) and "sheetDelete" not in kinds(book)
    assert _only(book, "sheetClear")["sheet_position"] == 1
    assert _only(book, "setValues")["values"] == [["Etenemisaste"], ["1 a"]]


def test_names_added_or_repointed_and_sheets_deleted_when_present():
    names = [{"name": "Etenemisaste", "sheet_index": 1, "address": "A2:A6", "book_scope": True,
              "scope_sheet_name": None, "scope_sheet_index": None, "refers_to": "=Listat!$A$2:$A$6"}]
    book = remote_book(seed_rows(), extra_sheets=[("Listat", [["a"]] * 6), ("Tarkistus", [["x"]])], names=names)
    _apply(book, DefinedName(name="Etenemisaste", refers_to="=Listat!$A$2:$A$7"),
           DefinedName(name="Tilanne", refers_to="=Listat!$C$2:$C$4"),
           DeleteSheet(name="Tarkistus"), DeleteSheet(name="Ei ole"))
    assert _only(book, "setNameRefersTo")["args"][3] == "=Listat!$A$2:$A$7"
    assert _only(book, "namesAdd")["args"] == ["Tilanne", "=Listat!$C$2:$C$4"]
    assert _only(book, "sheetDelete")["sheet_position"] == 2


def test_clear_own_deletes_names_and_reports_what_this_engine_cannot_read():
    names = [{"name": "Etenemisaste", "sheet_index": 1, "address": "A2:A6", "book_scope": True,
              "scope_sheet_name": None, "scope_sheet_index": None, "refers_to": "=Listat!$A$2:$A$6"}]
    book = remote_book(seed_rows(), extra_sheets=[("Listat", [["a"]] * 6)], names=names)
    applied = _apply(book, ClearOwn(sheet="Raportti", validations=True, formats=["missing"],
                                    names=["Etenemisaste", "Puuttuu"]))
    assert kinds(book) == {"nameDelete": 1}
    assert len(applied.skipped) == 2
    assert any("conditional formats" in s for s in applied.skipped)
    assert any("dropdowns" in s for s in applied.skipped)


def test_live_reader_reads_each_sheet_once_and_anchors_at_a1():
    from seuranta_xl.excel.live import LiveWorkbook
    from seuranta_xl.validate import report_from_grids

    book = remote_book([["muistiinpano"]], sheet="Ohje", extra_sheets=[("Raportti", seed_rows())])
    workbook = LiveWorkbook(book)
    assert [g.sheet for g in workbook.grids()] == ["Ohje", "Raportti"]
    assert workbook.grids() is workbook.grids()  # read once
    grid = workbook.grids()[1]
    assert grid.sheet == "Raportti" and grid.source == "Seuranta.xlsx"
    assert grid.value(13, 5) == "Etenemisaste"
    assert grid.value(14, 0).startswith("01. Uudistamme")
    assert report_from_grids(workbook.grids(), workbook.source).sheet == "Raportti"
    assert actions(book) == []  # reading records nothing


def test_live_reader_without_a_report_sheet_is_an_input_error():
    from seuranta_xl.errors import InputError
    from seuranta_xl.excel.live import LiveWorkbook
    from seuranta_xl.validate import report_from_grids

    workbook = LiveWorkbook(remote_book([["ei otsikoita"]], sheet="Muistio"))
    with pytest.raises(InputError, match="Seuranta.xlsx"):
        report_from_grids(workbook.grids(), workbook.source)


def test_text_excel_would_parse_is_written_as_text():
    """Codes, numbers typed as text, dates, formulas-looking and boolean-looking text keep their text."""
    from seuranta_xl.excel.xlwings_engine import _literal

    kept = ["Talousjohtaja", "03.06 Kehitämme", "F:G101 H:P101", "1 Toteutuksessa ei ole edetty", 3.7, None]
    marked = ["01.05", "02.", "=SUM(A1)", "+358", "-", "@x", "2021", "3,5", "12 %", "1.5.2026", "TRUE", "epätosi", "'a"]
    assert [_literal(v) for v in kept] == kept
    assert [_literal(v) for v in marked] == ["'" + v for v in marked]

