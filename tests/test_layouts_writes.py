"""Other municipalities' layouts through every writing command: the report as an Excel Table, merged
cells, hidden rows and columns under an active filter, a freeze pane and a print area of the person's
own, an archive sheet with the report's header. Each workbook is built in code; the outputs are read
back with openpyxl and as raw parts, checked against the schemas and, where LibreOffice is installed,
opened by it."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

import package_support as S
from conftest import write_rows_xlsx

_HEADER = ["Valtuustokauden tavoite", "Vuositavoite", "Toimenpide",
           "Merkittävimmät tavoitteen toteuttamista uhkaavat riskit", "Kokonais-tilanne", "Etenemisaste",
           "Eteneminen", "Vastuuhenkilö"]
_G = {2: "2 Suunnitteluvaiheessa, on edetty hieman", 3: "3 Toteutus on aloitettu, ei vielä valmis",
      4: "4 Toteutusvaiheessa lähellä valmistumista, ei vielä viimeistelty/käyttöön otettu"}
_TITLE = "Tavoitteiden ja toimenpiteiden seuranta 1 - 9 / 2025"


def _body() -> list[list[object]]:
    return [
        ["01. Elinvoimainen kunta", None, None, None, None, None, None, None],
        [None, "01.01 Lisäämme yrityksiä", None, "Suhdanne", None, _G[3], "Neuvonta käynnissä", "Kunnanjohtaja"],
        [None, None, "01.01.01 Yrityspalvelupiste", "Resurssit", None, _G[4], "Piste avattu", "Kunnanjohtaja"],
        [None, None, "01.01.02 Tonttimarkkinointi", "Kysyntä", None, _G[2], "Suunnitelma laadittu", "Talousjohtaja"],
        ["02. Hyvinvoiva kuntalainen", None, None, None, None, None, None, None],
        [None, "02.01 Vahvistamme liikuntaa", None, "Tilat", None, _G[4], "Ohjelma käynnissä", "Sivistysjohtaja"],
        [None, None, "02.01.01 Liikuntapaikat", "Budjetti", None, _G[4], "Kaksi kenttää", "Sivistysjohtaja"],
        [None, None, "02.01.02 Harrastustakuu", "Ohjaajat", None, None, None, "Sivistysjohtaja"],
    ]


def _rows() -> list[list[object]]:
    """Title on row 1, header on row 3, the body on rows 4-11."""
    return [[_TITLE], [], _HEADER, *_body()]


def _items(path: Path, sheet: str = "Seuranta") -> list[tuple]:
    from seuranta_xl.validate import load_reports

    report, = [r for r in load_reports(path) if r.sheet == sheet]
    return [(i.code, i.row, i.grade.value, i.progress, i.responsible) for i in report.items]


def _part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read(name)


def _changed_parts_valid(src: Path, out: Path) -> None:
    changed = S.changed_members(src, out)
    with zipfile.ZipFile(out) as z:
        present = set(z.namelist())
    assert S.schema_errors(out, sorted(changed & present)) == []
    openpyxl.load_workbook(out)  # (raises on a package it cannot read)


def _every_command(run_cli, src: Path, tmp: Path) -> dict[str, Path]:
    """run -o, clear --all (of run's output), split and merge (of an answer) on ``src``; each output
    schema-valid and loadable; the report read back from clear and merge as from ``src``."""
    out = {"run": tmp / "run.xlsx", "clear": tmp / "clear.xlsx", "split": tmp / "jako", "merge": tmp / "merge.xlsx"}
    assert run_cli("run", src, "-o", out["run"])[0] in (0, 1)
    assert run_cli("clear", out["run"], "--all", "-o", out["clear"])[0] == 0
    code, _, err = run_cli("split", src, "-o", out["split"])
    assert code == 0, err
    person = next(out["split"].glob("*Talousjohtaja.xlsx"))
    wb = openpyxl.load_workbook(person)
    ws = wb.worksheets[0]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == "Suunnitelma laadittu")
    cell.value = "Tontit markkinoitu."
    wb.save(person)
    code, stdout, err = run_cli("merge", src, out["split"], "-o", out["merge"], "--format", "json")
    assert code in (0, 1), err
    assert [m["new"] for m in json.loads(stdout)["merged"]] == ["Tontit markkinoitu."]
    for kind in ("run", "clear", "merge"):
        _changed_parts_valid(src, out[kind])
    assert _items(out["clear"]) == _items(src)
    merged = [i if i[0] != "01.01.02" else (*i[:3], "Tontit markkinoitu.", i[4]) for i in _items(src)]
    assert _items(out["merge"]) == merged
    return out


# --- the report as an Excel Table ---------------------------------------------------------------------


def _table_report(path: Path) -> Path:
    """The report as a table (A3:H12) with a filter and a totals row (its count typed as the value
    Excel keeps for it): Excel's "Format as Table" on the usual sheet."""
    from openpyxl.worksheet.table import Table, TableStyleInfo

    rows = _rows() + [["Yhteensä", None, None, None, None, 6]]
    write_rows_xlsx(rows, path, sheet="Seuranta")
    wb = openpyxl.load_workbook(path)
    ws = wb["Seuranta"]
    table = Table(displayName="Seuranta2025", ref="A3:H12", totalsRowCount=1)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    table._initialise_columns()
    for column, title in zip(table.tableColumns, _HEADER):
        column.name = title
    table.tableColumns[0].totalsRowLabel = "Yhteensä"
    table.tableColumns[5].totalsRowFunction = "count"
    table.autoFilter.ref = "A3:H11"
    ws.add_table(table)
    wb.save(path)
    return path


def test_a_report_kept_as_an_excel_table_goes_through_every_command(tmp_path, run_cli):
    src = _table_report(tmp_path / "taulukko.xlsx")
    code, out, err = run_cli("validate", src, "--format", "json")
    payload = json.loads(out)
    assert payload["counts"]["actions"] == 4 and payload["counts"]["uncoded_rows"] == 0, err
    assert not [f for f in payload["findings"] if f["row"] == 12]  # the totals row is no row of the report
    outs = _every_command(run_cli, src, tmp_path)
    table = _part(src, "xl/tables/table1.xml")
    for kind in ("run", "clear", "merge"):
        assert _part(outs[kind], "xl/tables/table1.xml") == table  # the table, its filter and totals as they were
        ws = openpyxl.load_workbook(outs[kind])["Seuranta"]
        assert [c.value for c in ws[3][:8]] == _HEADER  # its column names still the header's cells
        assert ws.tables["Seuranta2025"].ref == "A3:H12"
    run = openpyxl.load_workbook(outs["run"])["Seuranta"]
    # the helper column stands right of the table, not in it; the totals row keeps its value
    assert run["I3"].value == "Tarkistus" and run["F12"].value == 6 and run["E12"].value is None
    # each person's copy: the table over the header and their rows, without the totals row (the
    # table was left over A3:H12, its totals row and filter among rows the copy no longer has)
    for person in outs["split"].glob("*.xlsx"):
        ws = openpyxl.load_workbook(person)["Seuranta"]
        table = ws.tables["Seuranta2025"]
        last = max(row for (row, _col), cell in ws._cells.items() if cell.value is not None and row > 3)
        assert (table.ref, table.autoFilter.ref, table.totalsRowCount) == (f"A3:H{last}", f"A3:H{last}", None)
        assert [c.name for c in table.tableColumns] == [c.value for c in ws[3][:8]]
        with zipfile.ZipFile(person) as z:
            assert S.schema_errors(person, [n for n in z.namelist() if n.startswith("xl/tables/")]) == []


@pytest.mark.skipif(S.SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_a_table_report_after_run_and_clear(tmp_path, run_cli):
    src = _table_report(tmp_path / "taulukko.xlsx")
    assert run_cli("run", src, "-o", tmp_path / "run.xlsx")[0] in (0, 1)
    assert run_cli("clear", tmp_path / "run.xlsx", "--all", "-o", tmp_path / "clear.xlsx")[0] == 0
    for converted in S.soffice_convert([tmp_path / "run.xlsx", tmp_path / "clear.xlsx"], tmp_path / "lo"):
        ws = openpyxl.load_workbook(converted)["Seuranta"]
        assert ws["C6"].value == "01.01.01 Yrityspalvelupiste" and ws["A12"].value == "Yhteensä"
        assert "Seuranta2025" in ws.tables
    assert run_cli("split", src, "-o", tmp_path / "jako")[0] == 0
    person, = S.soffice_convert(list((tmp_path / "jako").glob("*Talousjohtaja.xlsx")), tmp_path / "lo-person")
    ws = openpyxl.load_workbook(person)["Seuranta"]
    assert ws["C6"].value == "01.01.02 Tonttimarkkinointi" and ws.tables["Seuranta2025"].ref == "A3:H6"


# --- merged cells ---------------------------------------------------------------------------------


def test_a_goal_title_merged_across_its_row_gets_no_hidden_figure_and_no_hidden_mark(tmp_path, run_cli):
    """Each council goal's title merged over A:K (wider than the table): the rollup's figure went into
    E4, under the merge, where nobody sees it, and the helper column into I, inside the merged rows."""
    src = write_rows_xlsx(_rows(), tmp_path / "r.xlsx", sheet="Seuranta")
    wb = openpyxl.load_workbook(src)
    for row in (4, 8):
        wb["Seuranta"].merge_cells(f"A{row}:K{row}")
    wb.save(src)
    outs = _every_command(run_cli, src, tmp_path)
    ws = openpyxl.load_workbook(outs["run"])["Seuranta"]
    assert sorted(str(m) for m in ws.merged_cells.ranges) == ["A4:K4", "A8:K8"]
    cells = _part(outs["run"], "xl/worksheets/sheet1.xml")
    assert not re.search(rb'<c r="(?:[B-K]4|[B-K]8)"[^>]*>\s*<v>', cells)  # nothing under the merges
    assert ws["E5"].value == 3.0 and ws["E9"].value == 4.0  # the annual goals' figures, where seen
    assert ws["L3"].value == "Tarkistus" and ws["L11"].value  # the helper column right of the merges
    _, out, _ = run_cli("rollup", src, "--format", "json")
    assert {g["code"]: g["computed"] for g in json.loads(out)["goals"]}["01."] == 3.0  # still computed


def test_names_and_codes_merged_down_and_a_header_merged_over_two_rows(tmp_path, run_cli):
    """A Nro column; the header over two rows (group title merged over the name columns, the others
    merged down); each council goal's name merged down over its rows, each annual goal's over its
    actions'."""
    rows = [[_TITLE], [],
            ["Nro", "Tavoitteet", None, None, "Riskit", "Kokonais-tilanne", "Etenemisaste", "Eteneminen", "Vastuuhenkilö"],
            [None, "Valtuustokauden tavoite", "Vuositavoite", "Toimenpide"]]
    for line in _body():
        name = next(v for v in line[:3] if v)
        code, text = name.split(" ", 1)
        level = 0 if code.endswith(".") else code.count(".")
        names = [None, None, None]
        names[level] = text
        rows.append([code, *names, *line[3:]])
    src = write_rows_xlsx(rows, tmp_path / "r.xlsx", sheet="Seuranta")
    wb = openpyxl.load_workbook(src)
    ws = wb["Seuranta"]
    ws.merge_cells("B3:D3")
    for col in "AEFGHI":
        ws.merge_cells(f"{col}3:{col}4")
    for merged in ("B5:B8", "B9:B12", "C6:C8", "C10:C12"):
        ws.merge_cells(merged)
    wb.save(src)
    code, out, err = run_cli("validate", src, "--format", "json")
    payload = json.loads(out)
    assert payload["counts"]["actions"] == 4 and payload["counts"]["annual_goals"] == 2, err
    assert not [f for f in payload["findings"] if f["rule"].startswith(("H", "C"))]
    outs = _every_command(run_cli, src, tmp_path)
    kept = sorted(str(m) for m in openpyxl.load_workbook(src)["Seuranta"].merged_cells.ranges)
    for kind in ("run", "clear", "merge"):
        assert sorted(str(m) for m in openpyxl.load_workbook(outs[kind])["Seuranta"].merged_cells.ranges) == kept


# --- hidden rows and columns, an active filter, a freeze pane, a print area --------------------------


_VIEW = re.compile(rb"<sheetViews>.*?</sheetViews>|<cols>.*?</cols>|<autoFilter\b.*?</autoFilter>|<row r=\"\d+\"[^>]*>")


def test_hidden_rows_an_active_filter_a_freeze_pane_and_a_print_area_stay_as_the_person_left_them(tmp_path, run_cli):
    src = write_rows_xlsx(_rows(), tmp_path / "r.xlsx", sheet="Seuranta")
    wb = openpyxl.load_workbook(src)
    ws = wb["Seuranta"]
    ws.column_dimensions["D"].hidden = True
    ws.auto_filter.ref = "A3:H11"
    ws.auto_filter.add_filter_column(7, ["Kunnanjohtaja"])
    for row in (7, 8, 9, 10, 11):  # filtered out: not Kunnanjohtaja
        ws.row_dimensions[row].hidden = True
    ws.freeze_panes = "D4"
    ws.print_area = "A1:F11"
    wb.save(src)
    before = _VIEW.findall(_part(src, "xl/worksheets/sheet1.xml"))
    assert len(before) > 5
    outs = _every_command(run_cli, src, tmp_path)
    for kind in ("run", "clear", "merge"):
        after = _VIEW.findall(_part(outs[kind], "xl/worksheets/sheet1.xml"))
        assert [v for v in after if v.startswith((b"<sheetViews", b"<cols", b"<autoFilter"))] == \
            [v for v in before if v.startswith((b"<sheetViews", b"<cols", b"<autoFilter"))]
        assert [v for v in after if b"hidden" in v] == [v for v in before if b"hidden" in v]
        ws = openpyxl.load_workbook(outs[kind])["Seuranta"]
        assert ws.print_area == "'Seuranta'!$A$1:$F$11" and ws.freeze_panes == "D4"
    # the rows the filter hides are still validated (the missing grade of 02.01.02, row 11)
    _, out, _ = run_cli("validate", src, "--format", "json")
    assert [f["row"] for f in json.loads(out)["findings"] if f["rule"] == "G101"] == [11]


# --- a second sheet with the report's header ---------------------------------------------------------


def _with_archive(path: Path, *, report_sheet: str = "Seuranta") -> Path:
    write_rows_xlsx(_rows(), path, sheet=report_sheet)
    wb = openpyxl.load_workbook(path)
    archive = wb.create_sheet("Arkisto 2024")
    for line in [["Vanhat tavoitteet 2024"], _HEADER,
                 ["01. Vanha tavoite", None, None, None, None, "3", "Ei jatketa", "Kunnanjohtaja"],
                 [None, None, "01.01.01 Vanha toimenpide", None, None, None, None, "Talousjohtaja"]]:
        archive.append(line)
    wb.save(path)
    return path


def test_an_archive_sheet_with_the_reports_header_is_not_a_report(tmp_path, run_cli):
    """The archive was read as a second report: its rows validated (H102, G101), given dropdowns and
    marks by run, and sent to the people by split."""
    src = _with_archive(tmp_path / "r.xlsx")
    code, out, err = run_cli("validate", src, "--format", "json")
    assert json.loads(out)["sheets"] == ["Seuranta"], err
    assert run_cli("run", src, "-o", tmp_path / "run.xlsx")[0] in (0, 1)
    assert _part(tmp_path / "run.xlsx", "xl/worksheets/sheet2.xml") == _part(src, "xl/worksheets/sheet2.xml")
    assert run_cli("split", src, "-o", tmp_path / "jako")[0] == 0
    for person in (tmp_path / "jako").glob("*.xlsx"):
        texts = {c.value for ws in openpyxl.load_workbook(person) for row in ws.iter_rows() for c in row}
        assert not {"01. Vanha tavoite", "01.01.01 Vanha toimenpide"} & texts
    # named, it is read; alone in the workbook, it is the report
    code, out, _ = run_cli("validate", src, "--sheet", "Arkisto 2024", "--format", "json")
    assert json.loads(out)["counts"]["council_goals"] == 1
    only = write_rows_xlsx(_rows(), tmp_path / "arkisto.xlsx", sheet="Arkisto")
    code, out, _ = run_cli("validate", only, "--format", "json")
    assert json.loads(out)["counts"]["actions"] == 4


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_copy_of_the_report_sheet_is_not_a_second_report(tmp_path, run_cli, state):
    """A hidden old copy of the sheet was read as a second report: every row validated twice, and each
    person's split file held their rows twice."""
    src = write_rows_xlsx(_rows(), tmp_path / "r.xlsx", sheet="Seuranta")
    wb = openpyxl.load_workbook(src)
    copy = wb.copy_worksheet(wb["Seuranta"])
    copy.title = "Seuranta (2)"
    copy.sheet_state = state
    wb.save(src)
    code, out, err = run_cli("validate", src, "--format", "json")
    assert json.loads(out)["sheets"] == ["Seuranta"], err
    assert run_cli("run", src, "-o", tmp_path / "run.xlsx")[0] in (0, 1)
    assert _part(tmp_path / "run.xlsx", "xl/worksheets/sheet2.xml") == _part(src, "xl/worksheets/sheet2.xml")
    from seuranta_xl.splitting import split

    result = split(src, tmp_path / "jako")
    assert {f.person: sorted(f.codes) for f in result.files}["Sivistysjohtaja"] == ["02.01", "02.01.01", "02.01.02"]
    # alone, a hidden report sheet is the report
    only = write_rows_xlsx(_rows(), tmp_path / "only.xlsx", sheet="Seuranta")
    wb = openpyxl.load_workbook(only)
    wb.create_sheet("Kansi")
    wb["Seuranta"].sheet_state = state
    wb.save(only)
    code, out, _ = run_cli("validate", only, "--format", "json")
    assert json.loads(out)["sheets"] == ["Seuranta"]


def test_a_table_made_over_the_helper_column_keeps_its_column_name_when_the_marks_are_cleared(tmp_path, run_cli):
    """run -o, then the person makes the sheet a table over A3:I11, the helper column included: its
    title "Tarkistus" is now the table's column name. clear and clear --all emptied I3, and Excel
    repairs a table whose header cell is empty."""
    from openpyxl.worksheet.table import Table

    src = write_rows_xlsx(_rows(), tmp_path / "r.xlsx", sheet="Seuranta")
    assert run_cli("run", src, "-o", tmp_path / "run.xlsx")[0] in (0, 1)
    wb = openpyxl.load_workbook(tmp_path / "run.xlsx")
    ws = wb["Seuranta"]
    table = Table(displayName="Seuranta2025", ref="A3:I11")
    table._initialise_columns()
    for column, cell in zip(table.tableColumns, ws[3][:9]):
        column.name = cell.value
    ws.add_table(table)
    wb.save(tmp_path / "table.xlsx")
    for args in (["clear"], ["clear", "--all"], ["highlight"]):
        out = tmp_path / f"{'-'.join(args)}.xlsx"
        assert run_cli(*args, tmp_path / "table.xlsx", "-o", out)[0] in (0, 1)
        ws = openpyxl.load_workbook(out)["Seuranta"]
        assert ws["I3"].value == "Tarkistus" and ws.tables["Seuranta2025"].ref == "A3:I11"
        if args[0] == "clear":
            assert [ws.cell(row, 9).value for row in range(4, 12)] == [None] * 8  # the marks are gone
        _changed_parts_valid(tmp_path / "table.xlsx", out)
