"""Whole reporting cycles on a report of another layout (a Nro column, extra columns, two report
sheets, codes without zero padding), built in code: split, answers as people give them, merge."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from seuranta_xl.merging import merge
from seuranta_xl.splitting import split

_HEADER = ["Nro", "Vastuuhenkilö", "Valtuustokauden tavoite", "Vuositavoite", "Toimenpide", "Huomautus",
           "Etenemisaste", "Eteneminen", "Merkittävimmät tavoitteen toteuttamista uhkaavat riskit", "Kokonais-tilanne"]
_ROWS = {
    "Konsernipalvelut": [
        ["1.", None, "Elinvoimainen kunta"],
        ["1.5", "Talousjohtaja", None, "Lisäämme yrityksiä", None, "x", "3", "Neuvonta käynnissä", "Suhdanne"],
        ["1.5.1", "talousjohtaja", None, None, "Yrityspalvelupiste", None, "4", "Piste avattu", "Resurssit"],
        ["1.5.2", "Talousjohtaja / Hallintojohtaja", None, None, "Tonttimarkkinointi", None, "2", "Suunnitelma"],
    ],
    "Sivistys": [
        ["1.", None, "Osaava kunta"],
        ["1.1", "Sivistysjohtaja", None, "Oppiminen", None, None, "3", "Menossa", "Rahoitus"],
        ["1.1.1", "Talousjohtaja", None, None, "Koulujen budjetti", None, "3", "Käynnissä"],
    ],
}
GRADE, PROGRESS = "G", "H"


def _master(path: Path, rows: dict | None = None, title: str = "Seuranta 1 - 9 / 2025") -> Path:
    wb = openpyxl.Workbook()
    wb.active.title = "Ohje"
    for name, body in (rows or _ROWS).items():
        ws = wb.create_sheet(name)
        ws["A1"] = title
        for c, text in enumerate(_HEADER, 1):
            ws.cell(3, c, text)
        for r, values in enumerate(body, 4):
            for c, value in enumerate(values, 1):
                if value is not None:
                    ws.cell(r, c, value)
    wb.save(path)
    return path


def _row(ws, code: str) -> int:
    return next(r for r in range(4, ws.max_row + 1) if str(ws.cell(r, 1).value) == code)


@pytest.fixture
def cycle(tmp_path: Path):
    master = _master(tmp_path / "kaupunki.xlsx")
    result = split(master, tmp_path / "jako")
    files = {f.person: Path(f.path) for f in result.files}
    return master, files, tmp_path


def _answer(path: Path, target: Path, sheet: str, answers: dict[tuple[str, str], object]) -> Path:
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    for (code, column), value in answers.items():
        ws[f"{column}{_row(ws, code)}"] = value
    wb.save(target)
    return target


def test_an_answer_typed_as_a_formula_without_a_value_is_refused_and_the_master_kept(cycle):
    """A formula the file holds no value for reads as empty: written, it would clear the master's text."""
    master, files, tmp = cycle
    back = _answer(files["Talousjohtaja"], tmp / "tj.xlsx", "Konsernipalvelut",
                   {("1.5.1", PROGRESS): "=A1&\"valmis\"", ("1.5.1", GRADE): "5"})
    result = merge(master, [back], tmp / "out.xlsx")
    assert [(a.code, a.field, a.new) for a in result.merged] == [("01.05.01", "grade", "5")]
    assert [(r.code, r.field, r.reason) for r in result.refused] == [("01.05.01", "progress", "formula_answer")]
    assert "=A1" in result.refused[0].message
    ws = openpyxl.load_workbook(tmp / "out.xlsx")["Konsernipalvelut"]
    assert ws["H6"].value == "Piste avattu" and ws["G6"].value == "5"


def test_a_renamed_report_sheet_is_paired_by_its_codes(cycle):
    """Excel lets a person rename the sheet once protection is off; the rows are still found by code."""
    master, files, tmp = cycle
    wb = openpyxl.load_workbook(files["Sivistysjohtaja"])
    ws = wb["Sivistys"]
    ws.title = "Sivistys (oma)"
    ws[f"{PROGRESS}{_row(ws, '1.1')}"] = "Opetussuunnitelma päivitetty"
    wb.save(tmp / "sj.xlsx")
    result = merge(master, [tmp / "sj.xlsx"], tmp / "out.xlsx")
    assert result.refused == [] and result.conflicts == []
    assert [(a.sheet, a.code, a.cell, a.new) for a in result.merged] == \
        [("Sivistys", "01.01", "H5", "Opetussuunnitelma päivitetty")]
    assert openpyxl.load_workbook(tmp / "out.xlsx")["Sivistys"]["H5"].value == "Opetussuunnitelma päivitetty"


def test_a_file_split_from_another_report_is_refused_whole_even_where_rows_look_alike(tmp_path: Path):
    """Every unit's report numbers its goals 1., 1.5, 1.5.1: a file returned to the wrong controller
    must not write into the rows that happen to read the same, while a master saved under a new name
    (the first answers merged into kooste.xlsx) still takes its own files."""
    rows = {name: [list(r) for r in body] for name, body in _ROWS.items()}
    rows["Konsernipalvelut"][2][4] = "Katuvalaistus"  # the other unit's actions under the same codes;
    rows["Konsernipalvelut"][3][4] = "Katujen kunnossapito"  # their annual goal 1.5 reads the same
    rows["Sivistys"][2][4] = "Koulujen kiinteistöt"
    other = _master(tmp_path / "tekninen.xlsx", rows, title="Tekninen toimiala 1 - 9 / 2025")
    theirs = Path(next(f.path for f in split(other, tmp_path / "t").files if f.person == "Talousjohtaja"))
    back = _answer(theirs, tmp_path / "tj.xlsx", "Konsernipalvelut",
                   {("1.5.2", PROGRESS): "Katuvalot vaihdettu", ("1.5", PROGRESS): "Tekninen"})
    master = _master(tmp_path / "kaupunki.xlsx")
    result = merge(master, [back], tmp_path / "out.xlsx")
    assert result.merged == [] and [r.reason for r in result.refused] == ["other_report"]
    assert "tekninen.xlsx" in result.refused[0].message and "01.05.01" in result.refused[0].message
    # the same controller's own file, merged into the master saved under another name
    own = Path(next(f.path for f in split(master, tmp_path / "k").files if f.person == "Talousjohtaja"))
    back = _answer(own, tmp_path / "own.xlsx", "Konsernipalvelut",
                   {("1.5.2", PROGRESS): "Tontit myyty", ("1.5.1", "E"): "Yrityspalvelut ja neuvonta"})
    renamed = tmp_path / "kooste.xlsx"
    renamed.write_bytes(master.read_bytes())
    result = merge(renamed, [back], tmp_path / "out2.xlsx")
    assert [(a.code, a.new) for a in result.merged] == [("01.05.02", "Tontit myyty")]
    assert [(r.code, r.reason) for r in result.refused] == [("01.05.01", "field_not_theirs")]  # a retyped name


def test_the_listing_names_the_row_and_column_of_each_conflict_and_refusal(cycle, run_cli):
    """Two people answer their shared row differently, one also retypes the locked name and types the
    grade as a number: the controller reads which row and column, and the files are not 'nothing to merge'."""
    master, files, tmp = cycle
    back = tmp / "back"
    back.mkdir()
    wb = openpyxl.load_workbook(files["Talousjohtaja"])
    ws = wb["Konsernipalvelut"]
    ws[f"{PROGRESS}{_row(ws, '1.5.2')}"] = "Talous: kesken"
    ws[f"E{_row(ws, '1.5.1')}"] = "Yrityspalvelut"
    ws[f"{GRADE}{_row(ws, '1.5.1')}"] = 5
    wb.save(back / "tj.xlsx")
    _answer(files["Hallintojohtaja"], back / "hj.xlsx", "Konsernipalvelut", {("1.5.2", PROGRESS): "Hallinto: valmis"})
    code, out, err = run_cli("merge", master, back, "-o", tmp / "out.xlsx")
    assert code == 1, err
    conflicts = [line for line in out.splitlines() if "H7" in line]
    assert len(conflicts) == 2 and all("01.05.02" in line and "Eteneminen" in line for line in conflicts)
    assert "01.05.01: kenttää Toimenpide ei täytä" in out
    assert "01.05.01  G6     4 → 5\n" in out
    assert "ei koottavaa" not in out
    assert openpyxl.load_workbook(tmp / "out.xlsx")["Konsernipalvelut"]["G6"].value == 5


def _with_saved_value(path: Path, sheet_part: str, cell: str, value: str) -> None:
    """Give the formula in ``cell`` the saved result Excel would store (openpyxl stores none)."""
    import re

    from package_support import _zip_edit

    def edit(text: str) -> str:
        text, n = re.subn(rf'(<c r="{cell}"[^>]*><f>[^<]*</f>)(?:<v\s*/>|<v></v>)?', rf"\1<v>{value}</v>", text)
        assert n == 1
        return text

    scratch = path.with_suffix(".tmp.xlsx")
    path.rename(scratch)
    _zip_edit(scratch, path, {sheet_part: edit}, {})
    scratch.unlink()


def test_a_formula_on_the_second_report_sheet_is_refused_not_listed_as_merged(tmp_path: Path):
    """merge knew the formulas of the first report sheet only: an answer over a formula on the
    second was listed as merged while the writer (rightly) left the formula, so the answer was lost
    without a word."""
    rows = {name: [list(r) for r in body] for name, body in _ROWS.items()}
    rows["Sivistys"][2][7] = '="Käynnissä"&""'
    master = _master(tmp_path / "kaupunki.xlsx", rows)
    _with_saved_value(master, "xl/worksheets/sheet3.xml", "H6", "Käynnissä")
    files = {f.person: Path(f.path) for f in split(master, tmp_path / "jako").files}
    back = _answer(files["Talousjohtaja"], tmp_path / "tj.xlsx", "Sivistys", {("1.1.1", PROGRESS): "Kirjoitettu päälle"})
    result = merge(master, [back], tmp_path / "out.xlsx")
    assert result.merged == []
    assert [(r.sheet, r.code, r.field, r.reason) for r in result.refused] == [("Sivistys", "01.01.01", "progress", "formula")]
    assert openpyxl.load_workbook(tmp_path / "out.xlsx")["Sivistys"]["H6"].value == '="Käynnissä"&""'


def test_a_grade_given_by_a_formula_over_rows_not_sent_is_no_answer_of_the_person(tmp_path: Path, run_cli):
    """A grade computed from another person's row reaches the person empty (its value comes from rows
    not sent) and locked: returned as sent, it was refused as an answer written over the master's
    formula, and a file with nothing done made merge exit 1."""
    rows = {name: [list(r) for r in body] for name, body in _ROWS.items()}
    rows["Sivistys"].append(["1.1.2", "Sivistysjohtaja", None, None, "Kirjasto", None, "4", "Auki"])
    rows["Sivistys"][2][6] = "=G7"  # 1.1.1 (Talousjohtaja) graded as 1.1.2 (Sivistysjohtaja)
    master = _master(tmp_path / "kaupunki.xlsx", rows)
    _with_saved_value(master, "xl/worksheets/sheet3.xml", "G6", "4")
    files = {f.person: Path(f.path) for f in split(master, tmp_path / "jako").files}
    person = openpyxl.load_workbook(files["Talousjohtaja"])["Sivistys"]
    assert person[f"{GRADE}{_row(person, '1.1.1')}"].value is None  # withheld, as the split notes
    code, out, err = run_cli("merge", master, tmp_path / "jako", "-o", tmp_path / "out.xlsx")
    assert code == 0 and err == "" and "G6" not in out, out
    back = _answer(files["Talousjohtaja"], tmp_path / "tj.xlsx", "Sivistys", {("1.1.1", PROGRESS): "Budjetti laadittu"})
    result = merge(master, [back], tmp_path / "out2.xlsx")
    assert result.refused == [] and result.conflicts == []
    assert [(a.sheet, a.cell, a.new) for a in result.merged] == [("Sivistys", "H6", "Budjetti laadittu")]
    ws = openpyxl.load_workbook(tmp_path / "out2.xlsx")["Sivistys"]
    assert ws["G6"].value == "=G7" and ws["H6"].value == "Budjetti laadittu"
