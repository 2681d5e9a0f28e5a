"""workbook_io: limits, XML bombs, loss detection, macros kept, safe writes — on real packages."""

from __future__ import annotations

import hashlib
import re
import os
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from seuranta_xl.errors import InputError
from seuranta_xl.files.workbook_io import backup_path, lock_file, save_workbook

from conftest import seed_rows, write_rows_xlsx

SITE = Path(openpyxl.__file__).resolve().parent.parent
#: Real macro-enabled workbooks shipped by installed packages (made by Excel, with a real VBA project).
XLSM_SOURCES = [SITE / "xlwings" / "quickstart.xlsm", SITE / "pyopenvba" / "_templates" / "blank_files" / "blank_workbook.xlsm"]
XLSM = next((p for p in XLSM_SOURCES if p.exists()), None)

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _load(path: Path) -> openpyxl.Workbook:
    """A workbook openpyxl built or loaded, to save through :func:`save_workbook` (macros kept)."""
    return openpyxl.load_workbook(path, keep_vba=path.suffix == ".xlsm", rich_text=True)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def plain(tmp_path: Path) -> Path:
    return write_rows_xlsx(seed_rows()[:30], tmp_path / "plain.xlsx")


@pytest.fixture
def xlsm(tmp_path: Path) -> Path:
    if XLSM is None:
        pytest.skip("no .xlsm shipped by an installed package")
    return Path(shutil.copy(XLSM, tmp_path / "makrot.xlsm"))


def rewrite(path: Path, out: Path, *, add: dict[str, bytes] | None = None,
            edit: dict[str, callable] | None = None) -> Path:
    """Copy a package, adding members and editing existing ones (bytes → bytes)."""
    add = add or {}
    edit = edit or {}
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        assert set(edit) <= set(src.namelist()), "editing a member the package does not have"
        for info in src.infolist():
            data = src.read(info)
            if info.filename in edit:
                data = edit[info.filename](data)
            dst.writestr(info.filename, data)
        for name, data in add.items():
            dst.writestr(name, data)
    return out


def with_part(path: Path, out: Path, part: str, content: bytes, content_type: str, rel_type: str,
              rels: str = "xl/_rels/workbook.xml.rels", target: str | None = None,
              extra: dict[str, bytes] | None = None, sheet_edit=None) -> Path:
    """Add a part the way Excel stores it: the member, its content-type override and a relationship."""
    target = target or part.removeprefix("xl/")

    def add_override(data: bytes) -> bytes:
        return data.replace(b"</Types>", f'<Override PartName="/{part}" ContentType="{content_type}"/></Types>'.encode())

    def add_rel(data: bytes) -> bytes:
        return data.replace(b"</Relationships>",
                            f'<Relationship Id="rIdX1" Type="{rel_type}" Target="{target}"/></Relationships>'.encode())

    edits = {"[Content_Types].xml": add_override}
    added = {part: content, **(extra or {})}
    with zipfile.ZipFile(path) as z:
        if rels in z.namelist():
            edits[rels] = add_rel
        else:
            added[rels] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{REL_NS}">'
                           f'<Relationship Id="rIdX1" Type="{rel_type}" Target="{target}"/></Relationships>').encode()
    if sheet_edit:
        edits["xl/worksheets/sheet1.xml"] = sheet_edit
    return rewrite(path, out, add=added, edit=edits)


def with_sheet_ext(path: Path, out: Path, uri: str, body: str) -> Path:
    """A worksheet extension list entry (what Excel 2010+ writes for sparklines, x14 validations …)."""
    def edit(data: bytes) -> bytes:
        ext = (f'<extLst><ext uri="{uri}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
               f'{body}</ext></extLst></worksheet>')
        return data.replace(b"</worksheet>", ext.encode())
    return rewrite(path, out, edit={"xl/worksheets/sheet1.xml": edit})


XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
SHAPE_DRAWING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<xdr:wsDr xmlns:xdr="{XDR}" xmlns:a="{A}"><xdr:twoCellAnchor>
<xdr:from><xdr:col>9</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>2</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>
<xdr:to><xdr:col>12</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>6</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>
<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="2" name="Tekstiruutu 1"/><xdr:cNvSpPr txBox="1"/></xdr:nvSpPr>
<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1828800" cy="731520"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr>
<xdr:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>Muista täyttää Etenemisaste</a:t></a:r></a:p></xdr:txBody></xdr:sp>
<xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>""".encode()

PIC_DRAWING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<xdr:wsDr xmlns:xdr="{XDR}" xmlns:a="{A}" xmlns:r="{OFFICE_REL}"><xdr:oneCellAnchor>
<xdr:from><xdr:col>9</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>2</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>
<xdr:ext cx="952500" cy="952500"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="Kuva 1"/><xdr:cNvPicPr/></xdr:nvPicPr>
<xdr:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>
<xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>""".encode()
# A 1x1 PNG.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def _drawing_case(drawing: bytes, extra: dict[str, bytes] | None = None):
    def build(src: Path, out: Path) -> Path:
        def sheet_edit(data: bytes) -> bytes:
            data = data.replace(b"<worksheet ", f'<worksheet xmlns:r="{OFFICE_REL}" '.encode(), 1) \
                if b'xmlns:r=' not in data else data
            return data.replace(b"</worksheet>", b'<drawing r:id="rIdX1"/></worksheet>')
        return with_part(src, out, "xl/drawings/drawing1.xml", drawing,
                         "application/vnd.openxmlformats-officedocument.drawing+xml",
                         f"{OFFICE_REL}/drawing", rels="xl/worksheets/_rels/sheet1.xml.rels",
                         target="../drawings/drawing1.xml", extra=extra, sheet_edit=sheet_edit)
    return build


def _picture_case(src: Path, out: Path) -> Path:
    """A picture: its drawing, the drawing's relationship to the image, and the image's content type."""
    rels = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{REL_NS}">'
            f'<Relationship Id="rId1" Type="{OFFICE_REL}/image" Target="../media/image1.png"/></Relationships>')
    drawn = _drawing_case(PIC_DRAWING, extra={"xl/media/image1.png": PNG,
                                              "xl/drawings/_rels/drawing1.xml.rels": rels.encode()})(src, out.with_suffix(".tmp.xlsx"))
    png = b'<Default Extension="png" ContentType="image/png"/>'
    return rewrite(drawn, out, edit={"[Content_Types].xml": lambda d: d if png in d else d.replace(b"<Default ", png + b"<Default ", 1)})


def _part_case(part: str, content_type: str, rel_type: str, content: bytes = b'<?xml version="1.0"?><x/>'):
    def build(src: Path, out: Path) -> Path:
        return with_part(src, out, part, content, content_type, rel_type)
    return build


def _ext_case(uri: str, body: str):
    def build(src: Path, out: Path) -> Path:
        return with_sheet_ext(src, out, uri, body)
    return build


X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
#: kind → how to build, from a plain workbook, a package holding content a re-save through openpyxl drops.
CASES = {
    "shapes": _drawing_case(SHAPE_DRAWING),
    "pictures": _picture_case,
    "form_controls": _part_case("xl/ctrlProps/ctrlProp1.xml", "application/vnd.ms-excel.controlproperties+xml",
                                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/ctrlProp",
                                b'<?xml version="1.0"?><formControlPr xmlns="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" objectType="CheckBox" checked="Checked"/>'),
    "activex": _part_case("xl/activeX/activeX1.xml", "application/vnd.ms-office.activeX+xml",
                          "http://schemas.openxmlformats.org/officeDocument/2006/relationships/control"),
    "pivot_tables": _part_case("xl/pivotCache/pivotCacheDefinition1.xml",
                               "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml",
                               f"{OFFICE_REL}/pivotCacheDefinition"),
    "slicers": _part_case("xl/slicerCaches/slicerCache1.xml", "application/vnd.ms-excel.slicerCache+xml",
                          "http://schemas.microsoft.com/office/2007/relationships/slicerCache"),
    "timelines": _part_case("xl/timelineCaches/timelineCache1.xml", "application/vnd.ms-excel.timelineCache+xml",
                            "http://schemas.microsoft.com/office/2011/relationships/timelineCache"),
    "threaded_comments": _part_case("xl/threadedComments/threadedComment1.xml", "application/vnd.ms-excel.threadedcomments+xml",
                                    "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment"),
    "custom_xml": _part_case("customXml/item1.xml", "application/xml", f"{OFFICE_REL}/customXml",
                             b'<?xml version="1.0"?><DataMashup xmlns="http://schemas.microsoft.com/DataMashup">AAAA</DataMashup>'),
    "connections": _part_case("xl/connections.xml",
                              "application/vnd.openxmlformats-officedocument.spreadsheetml.connections+xml",
                              f"{OFFICE_REL}/connections"),
    "embeddings": _part_case("xl/embeddings/oleObject1.bin", "application/vnd.openxmlformats-officedocument.oleObject",
                             f"{OFFICE_REL}/oleObject", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)),
    "macro_sheets": _part_case("xl/macrosheets/sheet1.xml", "application/vnd.ms-excel.macrosheet+xml",
                               "http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet"),
    "rich_data": _part_case("xl/richData/rdrichvalue.xml", "application/vnd.ms-excel.rdrichvalue+xml",
                            "http://schemas.microsoft.com/office/2017/06/relationships/rdRichValue"),
    "cf_extensions": _ext_case("{78C0D931-6437-407D-A8EE-F0AAD7539E65}",
                               '<x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
                               '<x14:cfRule type="iconSet" priority="1" id="{00000000-0000-0000-0000-000000000001}"><x14:iconSet iconSet="3Stars">'
                               '<x14:cfvo type="percent"><xm:f>0</xm:f></x14:cfvo></x14:iconSet></x14:cfRule><xm:sqref>F14:F40</xm:sqref>'
                               '</x14:conditionalFormatting></x14:conditionalFormattings>'),
    "dv_extensions": _ext_case("{CCE6A557-97BC-4B89-ADB6-D9C93CAAB3DF}",
                               '<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
                               '<x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>Listat!$A$2:$A$6</xm:f></x14:formula1>'
                               '<xm:sqref>F14:F600</xm:sqref></x14:dataValidation></x14:dataValidations>'),
    "sparklines": _ext_case("{05C60535-1F16-4FD2-B633-F4F36F0B64E0}",
                            '<x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:sparklineGroup>'
                            '<x14:sparklines><x14:sparkline><xm:f>Seuranta!F14:F20</xm:f><xm:sqref>I14</xm:sqref></x14:sparkline>'
                            '</x14:sparklines></x14:sparklineGroup></x14:sparklineGroups>'),
    "web_extensions": _ext_case("{F7C9EE02-42E1-4005-9D12-6889AFFD525C}",
                                '<x14:webExtensionList><x14:webExtension appRef="wx1"/></x14:webExtensionList>'),
    "protected_ranges": _ext_case("{FC87AEE6-9EDD-4A0A-B7FB-166176984837}",
                                  '<x14:protectedRanges><x14:protectedRange name="Alue1" sqref="A1:B2"/></x14:protectedRanges>'),
}
#: What the package engine changes in ``plain`` when it runs: the report sheet, the workbook's
#: sheet list and names, their relationships and content types, and styles (our formats).
CHANGED_BY_RUN = {"xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                  "[Content_Types].xml", "xl/styles.xml"}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_what_openpyxl_would_drop_survives_run_byte_for_byte(kind: str, plain: Path, tmp_path: Path, run_cli):
    """Each kind of content a re-save through openpyxl drops (see :data:`CASES`) is carried through
    ``run -o``: its parts byte for byte, a worksheet extension inside the rewritten sheet as it was."""
    src = CASES[kind](plain, tmp_path / f"{kind}.xlsx")
    out = tmp_path / "out.xlsx"
    code, _, err = run_cli("run", src, "-o", out)
    assert code in (0, 1), err
    with zipfile.ZipFile(src) as before, zipfile.ZipFile(out) as after:
        kept = set(after.namelist())
        for name in before.namelist():
            assert name in kept, name
            if name not in CHANGED_BY_RUN:
                assert after.read(name) == before.read(name), name
        ext = re.search(rb"<extLst>.*</extLst>", before.read("xl/worksheets/sheet1.xml"), re.S)
        if ext is not None:
            assert ext.group(0) in after.read("xl/worksheets/sheet1.xml")
    assert openpyxl.load_workbook(out).active["A14"].value == openpyxl.load_workbook(plain).active["A14"].value


# --- macros ----------------------------------------------------------------------------------


def test_macros_kept_byte_for_byte_and_input_untouched(xlsm: Path, tmp_path: Path):
    before = sha(xlsm)
    with zipfile.ZipFile(xlsm) as z:
        vba = z.read("xl/vbaProject.bin")
    assert len(vba) > 1000

    wb = _load(xlsm)
    wb.active["A1"] = "muutettu"
    out = save_workbook(wb, xlsm, tmp_path / "ulos.xlsm")

    assert sha(xlsm) == before
    with zipfile.ZipFile(out) as z:
        assert z.read("xl/vbaProject.bin") == vba
        types = z.read("[Content_Types].xml").decode()
    assert "application/vnd.ms-excel.sheet.macroEnabled.main+xml" in types
    again = openpyxl.load_workbook(out, keep_vba=True)
    assert again.active["A1"].value == "muutettu"


def test_macros_never_go_to_xlsx(xlsm: Path, tmp_path: Path):
    wb = _load(xlsm)
    with pytest.raises(InputError) as err:
        save_workbook(wb, xlsm, tmp_path / "ulos.xlsx")
    assert ".xlsm" in err.value.message
    assert not (tmp_path / "ulos.xlsx").exists()


def test_plain_never_goes_to_xlsm(plain: Path, tmp_path: Path):
    wb = _load(plain)
    with pytest.raises(InputError, match=r"\.xlsx"):
        save_workbook(wb, plain, tmp_path / "ulos.xlsm")
    with pytest.raises(InputError):
        save_workbook(wb, plain, tmp_path / "ulos.xls")
    assert not list(tmp_path.glob("ulos*"))


def test_template_suffix_gets_template_content_type(plain: Path, tmp_path: Path):
    out = save_workbook(_load(plain), plain, tmp_path / "pohja.xltx")
    with zipfile.ZipFile(out) as z:
        assert "spreadsheetml.template.main+xml" in z.read("[Content_Types].xml").decode()


# --- safe writes -----------------------------------------------------------------------------


def test_output_and_input(plain: Path, tmp_path: Path):
    before = sha(plain)
    wb = _load(plain)
    wb.active["A1"] = "uusi"
    out = save_workbook(wb, plain, tmp_path / "ulos.xlsx")
    assert sha(plain) == before
    assert openpyxl.load_workbook(out).active["A1"].value == "uusi"
    # no temporary files left behind
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plain.xlsx", "ulos.xlsx"]
    # a new file gets ordinary permissions, not the temp file's 0600
    assert os.stat(out).st_mode & 0o044


def test_output_folder_is_made_and_a_file_in_its_way_is_one_line(plain: Path, tmp_path: Path):
    out = save_workbook(_load(plain), plain, tmp_path / "raportit" / "2026" / "ulos.xlsx")
    assert openpyxl.load_workbook(out).sheetnames
    (tmp_path / "tiedosto").write_text("x")
    with pytest.raises(InputError) as info:
        save_workbook(_load(plain), plain, tmp_path / "tiedosto" / "ulos.xlsx")
    assert "tiedosto" in str(info.value) and "\n" not in str(info.value)


def test_existing_output_refused_without_force(plain: Path, tmp_path: Path):
    out = tmp_path / "ulos.xlsx"
    out.write_bytes(b"vanha")
    wb = _load(plain)
    with pytest.raises(InputError) as err:
        save_workbook(wb, plain, out)
    assert "--force" in err.value.message and err.value.source == str(out)
    assert out.read_bytes() == b"vanha"
    save_workbook(wb, plain, out, force=True)
    assert zipfile.is_zipfile(out)


def test_output_same_as_input_refused(plain: Path, tmp_path: Path):
    before = sha(plain)
    wb = _load(plain)
    for target in (plain, tmp_path / "." / "plain.xlsx"):
        with pytest.raises(InputError, match="--in-place"):
            save_workbook(wb, plain, target, force=True)
    with pytest.raises(InputError):
        save_workbook(wb, plain, None)
    assert sha(plain) == before


def test_in_place_is_atomic_with_backup(plain: Path):
    original = plain.read_bytes()
    wb = _load(plain)
    wb.active["A1"] = "muutettu"
    assert save_workbook(wb, plain, in_place=True) == plain
    assert backup_path(plain).name == "plain.bak.xlsx"
    assert backup_path(plain).read_bytes() == original
    assert openpyxl.load_workbook(plain).active["A1"].value == "muutettu"
    assert sorted(p.name for p in plain.parent.iterdir()) == ["plain.bak.xlsx", "plain.xlsx"]


def test_excel_lock_file_refused(plain: Path, tmp_path: Path):
    before = sha(plain)
    wb = _load(plain)
    lock_file(plain).write_bytes(b"\x00" * 165)  # Excel's owner file
    with pytest.raises(InputError) as err:
        save_workbook(wb, plain, in_place=True)
    assert "Excel" in err.value.message
    assert sha(plain) == before and not backup_path(plain).exists()

    out = tmp_path / "ulos.xlsx"
    lock_file(out).write_bytes(b"x")
    with pytest.raises(InputError, match="auki Excelissä"):
        save_workbook(wb, plain, out)
    assert not out.exists()


def test_crash_during_write_leaves_old_output(plain: Path, tmp_path: Path, monkeypatch):
    from openpyxl.writer.excel import ExcelWriter

    out = tmp_path / "ulos.xlsx"
    out.write_bytes(b"edellinen")

    def crash(self):
        self._archive.writestr("xl/puolikas.xml", b"<x/>")
        raise MemoryError("simulated crash")

    monkeypatch.setattr(ExcelWriter, "write_data", crash)
    with pytest.raises(MemoryError):
        save_workbook(_load(plain), plain, out, force=True)
    assert out.read_bytes() == b"edellinen"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plain.xlsx", "ulos.xlsx"]


def test_reproducible_bytes_with_timestamp(plain: Path, tmp_path: Path):
    import datetime

    stamp = datetime.datetime(2021, 10, 1, 12, 0)
    a = save_workbook(_load(plain), plain, tmp_path / "a.xlsx", timestamp=stamp)
    b = save_workbook(_load(plain), plain, tmp_path / "b.xlsx", timestamp=stamp)
    assert a.read_bytes() == b.read_bytes()
    assert openpyxl.load_workbook(a).properties.modified == stamp


# --- hostile input ---------------------------------------------------------------------------
