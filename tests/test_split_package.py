"""split by editing the master's package: what the openpyxl copy lost (the logo, charts, macros
dropped cleanly), the highlights on the right rows, formulas only where they still mean the same
cells, and files every reader (schemas, openpyxl, python-calamine, LibreOffice) takes."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import PatternFill

import package_support as S
from seuranta_xl.merging import merge
from seuranta_xl.splitting import RECORD_SHEET, split

BUNDLED = S.EXAMPLE
SHEET = "Seuranta"
HEADER_ROW = 13
LOGO_DRAWING = "xl/drawings/drawing7.xml"
LOGO = "xl/media/logo7.png"
FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")


def _ran(tmp_path: Path, run_cli, source: Path = BUNDLED) -> Path:
    """The master after ``seuranta-xl run -o``: our conditional formats, dropdowns, the summary
    sheet with its chart."""
    out = tmp_path / "ajettu.xlsx"
    code, _out, err = run_cli("run", source, "-o", out)
    assert code in (0, 1), err
    return out


def _with_logo(source: Path, out: Path) -> Path:
    """``source`` with the city's logo (a picture) anchored in the title rows of the report sheet."""
    with zipfile.ZipFile(source) as z:
        part = S._part_of(z, SHEET)
    folder, name = part.rsplit("/", 1)
    rels_name = f"{folder}/_rels/{name}.rels"
    with zipfile.ZipFile(source) as z:
        rels = z.read(rels_name).decode() if rels_name in z.namelist() else None

    def sheet(text: str) -> str:
        if "xmlns:r=" not in text[:text.index(">")]:
            text = text.replace("<worksheet ", '<worksheet xmlns:r="http://schemas.openxmlformats.org/'
                                "officeDocument/2006/relationships\" ", 1)
        return S._insert_before(text, ["legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects",
                                       "controls", "webPublishItems", "tableParts", "extLst"], '<drawing r:id="rIdLogo"/>')

    link = ('<Relationship Id="rIdLogo" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'drawing" Target="../drawings/drawing7.xml"/>')
    sheet_rels = (rels.replace("</Relationships>", link + "</Relationships>") if rels else
                  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.'
                  f'openxmlformats.org/package/2006/relationships">{link}</Relationships>')
    drawing = S.PICTURE_DRAWING.replace("<xdr:row>2</xdr:row>", "<xdr:row>0</xdr:row>").replace(
        "<xdr:col>2</xdr:col>", "<xdr:col>6</xdr:col>")
    adds = {
        LOGO: S.PNG,
        LOGO_DRAWING: drawing.encode(),
        "xl/drawings/_rels/drawing7.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/image" Target="../media/logo7.png"/>'
            "</Relationships>").encode(),
    }
    edits = {part: sheet, "[Content_Types].xml": lambda text: text.replace(
        "</Types>", '<Override PartName="/xl/drawings/drawing7.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.drawing+xml"/>' + ('<Default Extension="png" ContentType="image/png"/>'
                                           if 'Extension="png"' not in text else "") + "</Types>")}
    if rels is not None:
        edits[rels_name] = lambda text: sheet_rels
    else:
        adds[rels_name] = sheet_rels.encode()
    return S._zip_edit(source, out, edits, adds)


@pytest.fixture(scope="module")
def logo_split(tmp_path_factory):
    """A master after ``run -o`` (conditional formats; a chart on the summary sheet) with a logo in
    its title rows, split."""
    from seuranta_xl.cli import main

    folder = tmp_path_factory.mktemp("logo")
    ran = folder / "ajettu.xlsx"
    assert main(["run", str(BUNDLED), "-o", str(ran)]) in (0, 1)
    master = _with_logo(ran, folder / "logo.xlsx")
    return master, split(master, folder / "jako")


def test_each_person_keeps_the_logo_byte_for_byte_and_the_summary_chart_goes_with_its_sheet(logo_split):
    master, result = logo_split
    before = S.raw_records(master)
    with zipfile.ZipFile(master) as z:
        assert any(n.startswith("xl/charts/") for n in z.namelist())  # the summary's chart
    assert len(result.files) == 3
    for f in result.files:
        after = S.raw_records(Path(f.path))
        for name in (LOGO, LOGO_DRAWING, "xl/drawings/_rels/drawing7.xml.rels", "xl/theme/theme1.xml"):
            assert after[name] == before[name], (f.person, name)  # the zip record itself, copied
        assert not any(n.startswith("xl/charts/") for n in after)  # its sheet is not in the copy
        wb = openpyxl.load_workbook(f.path)
        assert wb.sheetnames == [SHEET, "Listat", RECORD_SHEET]
        assert len(wb[SHEET]._images) == 1  # the logo, still on the report sheet
        assert wb[SHEET]._images[0].anchor._from.row == 0


def _cells(ranges) -> set[tuple[int, int]]:
    return {(r, c) for rng in ranges for r in range(rng.min_row, rng.max_row + 1)
            for c in range(rng.min_col, rng.max_col + 1)}


def test_conditional_formats_cover_the_rows_they_covered_in_the_master(tmp_path: Path, run_cli):
    """After ``run -o`` (our highlights on F14:H286 and the like) and with a rule of the staff's own
    on part of the rows: each person's rule covers exactly the person's rows that the master's rule
    covered, and a relative formula follows its range's new top row. The openpyxl copy left
    ``G20:G40`` on rows 20-40 of the person's book: other rows than the master's 20-40."""
    ran = _ran(tmp_path, run_cli)
    wb = openpyxl.load_workbook(ran)
    ws = wb[SHEET]
    ws.conditional_formatting.add("G20:G40", CellIsRule(operator="equal", formula=['"kesken"'], fill=FILL))
    ws.conditional_formatting.add("D30:D60", FormulaRule(formula=["LEN($C30)>0"], fill=FILL))
    ws.conditional_formatting.add("C16:C70", FormulaRule(formula=["$E$20>3"], fill=FILL))  # rows that move
    master = tmp_path / "master.xlsx"
    wb.save(master)
    rules_of = {}
    for cf in openpyxl.load_workbook(master)[SHEET].conditional_formatting:
        for rule in cf.rules:
            rules_of[(rule.formula or [""])[0]] = _cells(cf.sqref.ranges)
    master_rows = S.rows_by_code(openpyxl.load_workbook(master)[SHEET])
    result = split(master, tmp_path / "jako")
    for f in result.files:
        ws = openpyxl.load_workbook(f.path)[SHEET]
        rows = S.rows_by_code(ws)
        new_of = {master_rows[code]: row for code, row in rows.items()}  # master row → person row
        found = {}
        for cf in ws.conditional_formatting:
            for rule in cf.rules:
                found[(rule.formula or [""])[0]] = (_cells(cf.sqref.ranges), cf.sqref)
        assert "$E$20>3" not in found  # its rows moved: not carried over, and said so
        assert any("ehdollisen muotoilun" in note for note in f.notes)
        for formula, cells in rules_of.items():
            if formula == "$E$20>3":
                continue
            expected = {(new_of[r], c) for r, c in cells if r in new_of} | {(r, c) for r, c in cells if r <= HEADER_ROW}
            key = formula
            if formula == "LEN($C30)>0":
                if not expected:
                    assert not any(k.startswith("LEN($C") for k in found)
                    continue
                key = f"LEN($C{min(r for r, _ in expected)})>0"  # relative to the new top row
            if not expected:
                assert key not in found, (f.person, formula)
                continue
            assert found[key][0] == expected, (f.person, formula, str(found[key][1]))


def test_formulas_stay_where_they_mean_the_same_cells_and_are_values_elsewhere(tmp_path: Path):
    """A formula reading its own row moves with it; one reading another row (which moved or was not
    sent) is written as the value the master saved, and merge still takes the file back."""
    wb = openpyxl.load_workbook(BUNDLED)
    ws = wb[SHEET]
    rows = S.rows_by_code(ws)
    own, other = rows["05.02.01"], rows["05.01.01"]
    ws[f"E{own}"] = f"=LEN(C{own})"
    ws[f"E{other}"] = f"=LEN(C{rows['01.05.01']})"  # another person's row
    master = tmp_path / "master.xlsx"
    wb.save(master)
    S._zip_edit(master, tmp_path / "cached.xlsx", {S._part_of(zipfile.ZipFile(master), SHEET): lambda text: re.sub(
        r"(<f>LEN\(C\d+\)</f>)<v\s*/>|(<f>LEN\(C\d+\)</f>)(?!<v)", lambda m: (m.group(1) or m.group(2)) + "<v>42</v>",
        text)}, {})
    master = tmp_path / "cached.xlsx"
    result = split(master, tmp_path / "jako")
    path = next(Path(f.path) for f in result.files if f.person == "Talousjohtaja")
    person = openpyxl.load_workbook(path)[SHEET]
    mine = S.rows_by_code(person)
    assert person[f"E{mine['05.02.01']}"].value == f"=LEN(C{mine['05.02.01']})"
    # not a formula into another row, nor its saved value: computed from another person's row
    assert person[f"E{mine['05.01.01']}"].value is None
    assert person[f"E{mine['05.01.01']}"].protection.locked
    note = next(n for n in next(f for f in result.files if f.person == "Talousjohtaja").notes if "kaava" in n)
    assert f"E{mine['05.01.01']}" in note
    merged = merge(master, tmp_path / "jako", tmp_path / "out.xlsx")
    assert merged.merged == [] and merged.refused == [] and merged.conflicts == []


def test_a_macro_master_gives_plain_workbooks_valid_against_the_schemas(tmp_path: Path):
    """A .xlsm master with a comment, a chart, a picture on another sheet, a spill formula in the
    title rows: each person's book is a plain .xlsx (no VBA, its main part typed so), every XML
    part valid against ECMA-376, and openpyxl and python-calamine read it."""
    from python_calamine import CalamineWorkbook

    master, facts = S.rich_workbook(BUNDLED, tmp_path / "rikas", macros=True)
    result = split(master, tmp_path / "jako")
    master_rows = S.rows_by_code(openpyxl.load_workbook(master)[SHEET])
    for f in result.files:
        with zipfile.ZipFile(f.path) as z:
            names = z.namelist()
            types = z.read("[Content_Types].xml").decode()
            rels = z.read("xl/_rels/workbook.xml.rels").decode()
        assert "xl/vbaProject.bin" not in names and "vbaProject" not in rels
        assert "macroEnabled" not in types and "spreadsheetml.sheet.main+xml" in types
        assert S.schema_errors(Path(f.path), names) == []
        wb = openpyxl.load_workbook(f.path)
        assert wb.sheetnames == [SHEET, "Listat", RECORD_SHEET]
        assert wb[SHEET]["A3"].comment is not None  # the title's comment, where it was
        # the chart in the title rows read F14:F20: other rows here, other people's saved values
        assert wb[SHEET]._charts == [] and not any(n.startswith("xl/charts/") for n in names)
        assert any("kaaviota" in note for note in f.notes)
        assert wb[SHEET][facts["spill"]].value is not None
        book = CalamineWorkbook.from_path(f.path)
        assert book.sheet_names == [SHEET, "Listat", RECORD_SHEET]
        grid = book.get_sheet_by_name(SHEET).to_python()
        codes = {line[i].split(" ")[0] for line in grid for i in range(min(3, len(line)))
                 if isinstance(line[i], str) and re.match(r"\d\d\.", line[i])}
        assert codes == set(S.rows_by_code(wb[SHEET]))
        assert set(codes) <= set(master_rows)


@pytest.mark.libreoffice
@pytest.mark.skipif(S.SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_renders_each_person_book(logo_split, tmp_path: Path):
    _, result = logo_split
    paths = [Path(f.path) for f in result.files]
    for pdf in S.soffice_convert(paths, tmp_path / "pdf", "pdf"):
        assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")


def test_other_peoples_texts_are_not_in_a_persons_file(tmp_path: Path):
    """The master's shared strings hold every row's text: a person's copy keeps only the texts of
    the cells it has (the others emptied, so no index moves)."""
    wb = openpyxl.load_workbook(BUNDLED)
    rows = S.rows_by_code(wb[SHEET])
    secret = "Luottamuksellinen riski: toisen henkilön rivi"
    wb[SHEET][f"D{rows['01.05.01']}"] = secret  # Henkilöstöjohtaja's row
    master = tmp_path / "master.xlsx"
    wb.save(master)  # (openpyxl writes shared strings)
    result = split(master, tmp_path / "jako")
    for f in result.files:
        contents = b"".join(S.members(Path(f.path)).values())
        assert (secret.encode() in contents) == ("01.05.01" in f.codes), f.person


def test_comments_and_merged_cells_follow_their_rows(tmp_path: Path):
    from openpyxl.comments import Comment

    wb = openpyxl.load_workbook(BUNDLED)
    ws = wb[SHEET]
    rows = S.rows_by_code(ws)
    mine, theirs = rows["05.01.01"], rows["01.05.01"]
    ws[f"G{mine}"].comment = Comment("Tarkista", "Kunta")
    ws[f"G{theirs}"].comment = Comment("Ei sinun", "Kunta")
    ws[f"C{mine}"].hyperlink = "https://example.org/oma"
    ws[f"C{theirs}"].hyperlink = "https://example.org/toisen"
    ws.merge_cells(f"A{mine}:B{mine}")
    ws.merge_cells(f"A{theirs}:A{theirs + 1}")
    master = tmp_path / "master.xlsx"
    wb.save(master)
    result = split(master, tmp_path / "jako")
    f = next(f for f in result.files if f.person == "Talousjohtaja")
    person = openpyxl.load_workbook(f.path)[SHEET]
    new = S.rows_by_code(person)["05.01.01"]
    notes = {c.coordinate: c.comment.text for row in person.iter_rows() for c in row if c.comment}
    assert {k: v for k, v in notes.items() if int(re.sub(r"[A-Z]", "", k)) > HEADER_ROW} == {f"G{new}": "Tarkista"}
    assert f"A{new}:B{new}" in {str(r) for r in person.merged_cells.ranges}
    links = {c.coordinate: c.hyperlink.target for row in person.iter_rows() for c in row if c.hyperlink}
    assert links == {f"C{new}": "https://example.org/oma"}
    assert b"toisen" not in b"".join(S.members(Path(f.path)).values())  # the other row's address is gone
    assert S.schema_errors(Path(f.path), list(S.members(Path(f.path)))) == []
    with zipfile.ZipFile(f.path) as z:
        vml = next(z.read(n).decode() for n in z.namelist() if n.endswith(".vml"))
    assert re.findall(r"<(?:\w+:)?Row>(\d+)</", vml) == [str(new - 1)]  # (0-based) the one note, moved


def test_a_cover_sheet_its_names_and_the_print_area_follow_the_sheets_kept(tmp_path: Path):
    """A cover sheet in front (the report is sheet 2) with a name of its own, and a print area on the
    report: the cover and its name go (said so), the report is the first and active sheet, its print
    area (a name local to it) now ends at the last row kept."""
    from openpyxl.workbook.defined_name import DefinedName

    wb = openpyxl.load_workbook(BUNDLED)
    wb.create_sheet("Kansi", 0)["A1"] = "Kansilehti"
    wb.defined_names["Kansikuva"] = DefinedName("Kansikuva", attr_text="Kansi!$A$1")
    wb[SHEET].print_area = "A1:H86"
    wb.active = 0
    master = tmp_path / "master.xlsx"
    wb.save(master)
    result = split(master, tmp_path / "jako")
    for f in result.files:
        book = openpyxl.load_workbook(f.path)
        assert book.sheetnames == [SHEET, "Listat", RECORD_SHEET] and book.active.title == SHEET
        assert "Kansikuva" not in book.defined_names
        last = book[SHEET].max_row
        assert book[SHEET].print_area == f"'{SHEET}'!$A$1:$H${last}"
        assert any("nimettyä aluetta" in note for note in f.notes)
        assert S.schema_errors(Path(f.path), list(S.members(Path(f.path)))) == []


def test_newer_excel_conditional_formats_on_the_masters_rows_are_not_sent(tmp_path: Path):
    """An x14 conditional format (data bars, icon sets: Excel 2010's extension list, its GUID written
    in mixed case as Excel does) names the master's rows; a person's copy drops it and says so."""
    ext = ('<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" '
           'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
           '<x14:conditionalFormattings><x14:conditionalFormatting '
           'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:cfRule type="iconSet" priority="1" '
           'id="{00000000-0000-0000-0000-000000000001}"><x14:iconSet iconSet="3Stars"><x14:cfvo type="percent">'
           '<xm:f>0</xm:f></x14:cfvo></x14:iconSet></x14:cfRule><xm:sqref>F14:F86</xm:sqref>'
           '</x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst>')
    with zipfile.ZipFile(BUNDLED) as z:
        part = S._part_of(z, SHEET)
    master = S._zip_edit(BUNDLED, tmp_path / "x14.xlsx", {part: lambda text: text.replace("</worksheet>", ext + "</worksheet>")}, {})
    with zipfile.ZipFile(master) as z:
        assert b"x14:conditionalFormattings" in z.read(part)
    result = split(master, tmp_path / "jako")
    assert result.files
    for made in result.files:
        with zipfile.ZipFile(made.path) as z:
            sheet = z.read(S._part_of(z, SHEET))
        assert b"conditionalFormattings" not in sheet and b"xm:sqref" not in sheet
        assert any("1" in note for note in made.notes), made.notes
