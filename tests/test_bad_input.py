"""Broken, hostile and odd files: each gives the right result, or exit 2 with one line naming the file.

Every bad file is built for real here (bytes, zipfile, openpyxl, msoffcrypto); nothing is mocked.
"""

from __future__ import annotations

import io
import os
import random
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import seed_rows, write_rows_xlsx
from seuranta_xl.errors import InputError
from seuranta_xl.files.reader import inspect_package, read_grids
from seuranta_xl.settings import Limits, Settings
from seuranta_xl.validate import load_report, validate


def assert_one_line(code: int, out: str, err: str, path: Path, *needles: str) -> str:
    """Exit 2, nothing on stdout, exactly one stderr line naming the file and saying the problem."""
    assert code == 2, (code, out, err)
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    line = lines[0]
    assert str(path) in line
    assert "Traceback" not in err
    for needle in needles:
        assert needle in line, line
    return line


# --- builders for real bad files ---------------------------------------------------------------


def png_bytes() -> bytes:
    """A real 1x1 PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
            + chunk(b"IEND", b""))


def pdf_bytes() -> bytes:
    """A minimal one-page PDF with its binary marker comment, as PDF writers emit."""
    return (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
            b"trailer<</Root 1 0 R>>\n%%EOF\n")


def ole_file(stream_name: str, payload: bytes) -> bytes:
    """A minimal OLE compound file (CFB v3, 512-byte sectors) holding one stream, per [MS-CFB].

    The stream is padded to 4096 bytes so it lives in regular sectors (no mini stream needed).
    """
    sector = 512
    payload = payload.ljust(max(4096, -(-len(payload) // sector) * sector), b"\x00")
    n_data = len(payload) // sector
    free, end, fatsect = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    # sector 0: FAT, sector 1: directory, sectors 2..: the stream
    fat = [fatsect, end] + [3 + i for i in range(n_data - 1)] + [end]
    fat += [free] * (sector // 4 - len(fat))
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 6
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
    header += struct.pack("<109I", 0, *([free] * 108))

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\x00\x00" if name else b""
        return (raw.ljust(64, b"\x00") + struct.pack("<HBB", len(raw), kind, 1)
                + struct.pack("<III", free, free, child) + b"\x00" * 16 + struct.pack("<I", 0)
                + b"\x00" * 16 + struct.pack("<III", start, size, 0))

    directory = (entry("Root Entry", 5, 1, end, 0) + entry(stream_name, 2, free, 2, len(payload))
                 + entry("", 0, free, free, 0) * 2)
    return header + struct.pack(f"<{sector // 4}I", *fat) + directory + payload


def biff8_workbook_stream() -> bytes:
    """A BIFF8 globals substream: BOF (0x0809, workbook globals) and EOF (0x000A)."""
    bof = struct.pack("<HH", 0x0809, 16) + struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0x06)
    eof = struct.pack("<HH", 0x000A, 0)
    return bof + eof


def rewrite_member(src: Path, dst: Path, member: str, change) -> Path:
    """Copy a package, passing one member's text through ``change``."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == member:
                data = change(data.decode("utf-8")).encode("utf-8")
            zout.writestr(info, data)
    return dst


def billion_laughs() -> str:
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)]
    return "<!DOCTYPE lolz [" + "".join(entities) + "]>"


# --- not a report at all -----------------------------------------------------------------------


@pytest.mark.parametrize("name, data, needle", [
    ("kuva.png", png_bytes(), "PNG"),
    ("raportti.xlsx", png_bytes(), "PNG"),
    ("raportti.pdf", pdf_bytes(), "PDF"),
    ("data.bin", random.Random(7).randbytes(5000), "ei ole taulukkolaskentatiedosto"),
    ("raportti.xlsx", random.Random(8).randbytes(5000), "vioittunut"),
    ("tyhja.xlsx", b"", "tyhjä"),
    ("tyhja.txt", b"", "tyhjä"),
    ("sivu.xls", b"<html><body><table><tr><td>Toimenpide</td></tr></table></body></html>", "HTML"),
])
def test_not_a_spreadsheet(tmp_path, run_cli, name, data, needle):
    path = tmp_path / name
    path.write_bytes(data)
    assert_one_line(*run_cli("validate", path), path, needle)


def test_truncated_xlsx(tmp_path, run_cli, seed_xlsx):
    data = seed_xlsx.read_bytes()
    path = tmp_path / "puolikas.xlsx"
    path.write_bytes(data[: len(data) // 2])
    assert_one_line(*run_cli("validate", path), path, "vioittunut tai keskeneräinen")


def test_corrupt_member_crc(tmp_path, run_cli, seed_xlsx):
    """Flipped bytes inside a compressed sheet: zip's CRC check refuses it before calamine."""
    data = bytearray(seed_xlsx.read_bytes())
    with zipfile.ZipFile(seed_xlsx) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 50, start + 60):
        data[i] ^= 0xFF
    path = tmp_path / "rikki.xlsx"
    path.write_bytes(bytes(data))
    assert_one_line(*run_cli("validate", path), path, "vioittunut")


@pytest.mark.parametrize("members, needle", [
    ({"readme.txt": "hello"}, "ei ole taulukkolaskentatiedosto"),
    ({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}, "Word"),
    ({}, "ei ole taulukkolaskentatiedosto"),
])
def test_zip_that_is_not_a_workbook(tmp_path, run_cli, members, needle):
    path = tmp_path / "paketti.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        for name, text in members.items():
            z.writestr(name, text)
    assert_one_line(*run_cli("validate", path), path, needle)


def test_ods(tmp_path, run_cli):
    """An OpenDocument spreadsheet: 'mimetype' stored first and uncompressed, as the ODF spec requires."""
    path = tmp_path / "raportti.ods"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:'
                                  'xmlns:office:1.0"><office:body><office:spreadsheet/></office:body>'
                                  '</office:document-content>')
        z.writestr("META-INF/manifest.xml", "<manifest:manifest/>")
    assert_one_line(*run_cli("validate", path), path, ".ods", "xlsx")
    # renamed to .xlsx, it is still told for what it is
    renamed = tmp_path / "raportti.xlsx"
    renamed.write_bytes(path.read_bytes())
    assert_one_line(*run_cli("validate", renamed), renamed, ".ods")


def test_legacy_xls(tmp_path, run_cli):
    olefile = pytest.importorskip("olefile")
    path = tmp_path / "vanha.xls"
    path.write_bytes(ole_file("Workbook", biff8_workbook_stream()))
    # the fixture is a real compound file: olefile reads the BIFF stream back
    with olefile.OleFileIO(str(path)) as ole:
        assert ole.exists("Workbook")
        assert ole.openstream("Workbook").read()[:2] == b"\x09\x08"
    assert_one_line(*run_cli("validate", path), path, ".xls", ".xlsx")
    assert_one_line(*run_cli("validate", path, "--lang", "en"), path, "legacy .xls")


def test_password_protected_xlsx(tmp_path, run_cli, seed_xlsx):
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    path = tmp_path / "suojattu.xlsx"
    with seed_xlsx.open("rb") as src, path.open("wb") as out:
        ooxml.OOXMLFile(src).encrypt("salasana", out)
    assert path.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    assert_one_line(*run_cli("validate", path), path, "salasanasuojattu")
    assert_one_line(*run_cli("rollup", path, "--lang", "en"), path, "password-protected")


def test_missing_file_and_directory(tmp_path, run_cli):
    missing = tmp_path / "ei_ole.xlsx"
    assert_one_line(*run_cli("validate", missing), missing, "tiedostoa ei löydy")
    assert_one_line(*run_cli("rollup", tmp_path), tmp_path, "kansio")
    with pytest.raises(InputError, match="kansio"):
        load_report(tmp_path)


def test_unreadable_file(tmp_path, run_cli, seed_xlsx):
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("running as root: file permissions do not stop reads")
    path = tmp_path / "lukittu.xlsx"
    path.write_bytes(seed_xlsx.read_bytes())
    path.chmod(0)
    try:
        assert_one_line(*run_cli("validate", path), path, "ei voi lukea")
    finally:
        path.chmod(0o644)


# --- workbooks that are valid but not a usable report ------------------------------------------


def test_empty_workbook(tmp_path, run_cli):
    from openpyxl import Workbook

    path = tmp_path / "tyhja.xlsx"
    Workbook().save(path)
    assert_one_line(*run_cli("validate", path), path, "otsikkoriviä")


def test_no_header_row(tmp_path, run_cli):
    rows = [row for row in seed_rows() if "Etenemisaste" not in "\t".join(row)]
    path = write_rows_xlsx(rows, tmp_path / "ei_otsikkoa.xlsx")
    assert_one_line(*run_cli("validate", path), path, "otsikkoriviä")
    txt = tmp_path / "ei_otsikkoa.txt"
    txt.write_text("\n".join("\t".join(r) for r in rows), encoding="utf-8")
    assert_one_line(*run_cli("validate", txt), txt, "otsikkoriviä")


def test_header_without_rows(tmp_path, run_cli):
    rows = seed_rows()[:13]
    path = write_rows_xlsx(rows, tmp_path / "vain_otsikko.xlsx")
    assert_one_line(*run_cli("validate", path), path, "ei yhtään riviä")


# --- hostile packages --------------------------------------------------------------------------


def test_xml_bomb_in_sheet_is_refused_promptly(tmp_path, run_cli, seed_xlsx):
    path = rewrite_member(seed_xlsx, tmp_path / "pommi.xlsx", "xl/worksheets/sheet1.xml",
                          lambda xml: xml.replace("<worksheet", billion_laughs() + "<worksheet", 1)
                          .replace("<t>Toimenpide</t>", "<t>&lol9;</t>", 1))
    assert_one_line(*run_cli("validate", path), path, "XML-pommi", "sheet1.xml")


def test_xml_bomb_in_workbook_part(tmp_path, run_cli, seed_xlsx):
    """workbook.xml is parsed with defusedxml, which refuses the entity declarations."""
    path = rewrite_member(seed_xlsx, tmp_path / "pommi2.xlsx", "xl/workbook.xml",
                          lambda xml: xml.replace("<workbook", billion_laughs() + "<workbook", 1))
    assert_one_line(*run_cli("validate", path), path, "XML-pommi", "workbook.xml")


def test_calamine_does_not_expand_entities(tmp_path, seed_xlsx):
    """Below our guard: calamine itself errors on an undeclared entity rather than expanding it."""
    from python_calamine import CalamineWorkbook

    path = rewrite_member(seed_xlsx, tmp_path / "pommi3.xlsx", "xl/worksheets/sheet1.xml",
                          lambda xml: xml.replace("<worksheet", billion_laughs() + "<worksheet", 1)
                          .replace("<t>Toimenpide</t>", "<t>&lol9;</t>", 1))
    with pytest.raises(Exception, match="entity"):
        CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


def zip_bomb(path: Path, size: int) -> Path:
    """A valid workbook plus one member of ``size`` zero bytes, written streaming (it compresses ~1000:1)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "Toimenpide"
    wb.save(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        with z.open("xl/media/zeros.bin", "w", force_zip64=True) as out:
            block = b"\x00" * (1 << 20)
            for _ in range(size // len(block)):
                out.write(block)
    return path


def test_zip_bomb_declared_size(tmp_path, run_cli):
    path = zip_bomb(tmp_path / "pommi.xlsx", 8 << 20)
    assert path.stat().st_size < 200_000
    (tmp_path / "seuranta.toml").write_text("[limits]\nmax_uncompressed_bytes = 4_000_000\n", encoding="utf-8")
    assert_one_line(*run_cli("validate", path), path, "liian suuri", "max_uncompressed_bytes")
    with pytest.raises(InputError, match="liian suuri"):
        list(read_grids(path, limits=Limits(max_uncompressed_bytes=4_000_000)))


def test_zip_bomb_at_default_limit(tmp_path, run_cli):
    """600 MB of zeros (above the 512 MB default) is refused from the zip directory, without unpacking."""
    path = zip_bomb(tmp_path / "iso.xlsx", 600 << 20)
    assert Limits().max_uncompressed_bytes < 600 << 20
    assert_one_line(*run_cli("validate", path), path, "liian suuri")


def test_understated_member_size(tmp_path, run_cli, seed_xlsx):
    """A sheet whose zip headers claim 100 bytes but which unpacks larger: never trusted, never crashes."""
    data = bytearray(seed_xlsx.read_bytes())
    with zipfile.ZipFile(seed_xlsx) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    assert info.file_size > 100
    struct.pack_into("<I", data, info.header_offset + 22, 100)  # local header: uncompressed size
    pos = 0
    while True:  # patch the central directory record of that member too
        pos = data.find(b"PK\x01\x02", pos)
        assert pos >= 0
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46:pos + 46 + name_len] == info.filename.encode():
            struct.pack_into("<I", data, pos + 24, 100)
            break
        pos += 4
    path = tmp_path / "valehtelee.xlsx"
    path.write_bytes(bytes(data))
    assert_one_line(*run_cli("validate", path), path, "vioittunut")


def test_cells_far_apart_would_exhaust_memory(tmp_path, run_cli):
    """Two cells at A1 and XFD1048576: calamine would allocate 17 billion cells and abort the process.

    The package scan measures the extent first and refuses it with a clear line.
    """
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "Toimenpide"
    wb.active["XFD1048576"] = "x"
    path = tmp_path / "kulmat.xlsx"
    wb.save(path)
    assert_one_line(*run_cli("validate", path), path, "liian monta solua", "max_cells")


def test_max_cells_is_configurable(tmp_path, seed_xlsx, seed_txt):
    scan = inspect_package(seed_xlsx)
    area = scan.sheets["Seuranta"].area
    assert area >= 67 * 8
    with pytest.raises(InputError, match="liian monta solua"):
        load_report(seed_xlsx, settings=Settings(limits=Limits(max_cells=area - 1)))
    assert load_report(seed_xlsx, settings=Settings(limits=Limits(max_cells=area))).counts()["actions"] == 39
    with pytest.raises(InputError, match="too many cells"):
        load_report(seed_txt, settings=Settings(language="en", limits=Limits(max_cells=100)))


# --- odd but valid workbooks: the right result ---------------------------------------------------


def _seed_counts(report) -> tuple[int, int, int, int]:
    c = report.counts()
    return c["council_goals"], c["annual_goals"], c["actions"], c["uncoded_rows"]


def _grade_cell(report, code: str) -> tuple[int, str]:
    item = report.find(code)
    return item.row, report.columns["grade"]


def test_formula_without_cached_value_is_noted(tmp_path, seed_xlsx, run_cli):
    base = load_report(seed_xlsx)
    row, col = _grade_cell(base, "03.06.01")
    wb = load_workbook(seed_xlsx)
    wb.active[f"{col}{row}"] = "=1+1"
    path = tmp_path / "kaava.xlsx"
    wb.save(path)
    report = validate(path)
    assert report.find("03.06.01").grade.status == "missing"  # no cached value: read as empty
    assert len(report.notes) == 1
    note_row, note_col, text = report.notes[0]
    assert (note_row, note_col) == (row, ord(col) - ord("A"))
    assert "=1+1" in text and "tallennettua tulosta" in text
    code, out, err = run_cli("validate", path, "--format", "json")
    assert code == 1 and err == ""  # F101 is an error


def test_formula_with_cached_value_uses_it(tmp_path, seed_xlsx):
    base = load_report(seed_xlsx)
    row, col = _grade_cell(base, "03.06.01")
    wb = load_workbook(seed_xlsx)
    wb.active[f"{col}{row}"] = "=2+2"
    path = tmp_path / "kaava.xlsx"
    wb.save(path)
    # give the formula a cached result, as Excel does when it saves
    cached = rewrite_member(path, tmp_path / "laskettu.xlsx", "xl/worksheets/sheet1.xml",
                            lambda xml: xml.replace("<f>2+2</f><v></v>", "<f>2+2</f><v>4</v>")
                            .replace("<f>2+2</f><v /></c>", "<f>2+2</f><v>4</v></c>"))
    assert b"<v>4</v>" in zipfile.ZipFile(cached).read("xl/worksheets/sheet1.xml")
    report = load_report(cached)
    assert report.find("03.06.01").grade.value == 4
    assert report.notes == []


def test_merged_hidden_and_far_rows(tmp_path, seed_xlsx):
    base = load_report(seed_xlsx)
    wb = load_workbook(seed_xlsx)
    ws = wb.active
    # merge a council goal's cell down over the empty A cell of the next row
    goal = next(i for i in base.council_goals if not ws[f"A{i.row + 1}"].value)
    ws.merge_cells(f"A{goal.row}:A{goal.row + 1}")
    # merge an action's progress text across G:G of two rows only if the lower cell is empty
    ws.row_dimensions[20].hidden = True
    ws.column_dimensions["D"].hidden = True
    ws.cell(row=100_000, column=3, value="99.01.01 Kaukana alhaalla")
    path = tmp_path / "sekalainen.xlsx"
    wb.save(path)
    report = load_report(path)
    assert report.find(goal.code).row == goal.row
    far = report.find("99.01.01")
    assert far is not None and far.row == 100_000 and far.column == "C"
    assert report.last_row == 100_000
    c = _seed_counts(base)
    assert _seed_counts(report) == (c[0], c[1], c[2] + 1, c[3])
    before = {(i.code, i.row, i.grade.value) for i in base.items}
    assert before <= {(i.code, i.row, i.grade.value) for i in report.items}


def test_thousands_of_empty_formatted_rows(tmp_path, seed_xlsx):
    from openpyxl.styles import Border, PatternFill, Side

    wb = load_workbook(seed_xlsx)
    ws = wb.active
    fill = PatternFill("solid", fgColor="FFFFCC")
    thin = Border(bottom=Side(style="thin"))
    for r in range(ws.max_row + 1, ws.max_row + 3000):
        for c in range(1, 9):
            cell = ws.cell(row=r, column=c)
            cell.fill = fill
            cell.border = thin
    path = tmp_path / "muotoiltu.xlsx"
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet1.xml")
    import re

    used = int(re.search(rb'<dimension ref="[A-Z]+[0-9]+:[A-Z]+([0-9]+)"', xml).group(1))
    assert used >= 3000  # the sheet's used range covers the formatted rows
    seed_grid = next(read_grids(seed_xlsx))
    assert len(next(read_grids(path)).rows) == len(seed_grid.rows)  # formatted empty cells add no rows
    assert _seed_counts(load_report(path)) == _seed_counts(load_report(seed_xlsx))
