"""Packages Excel opens that name or encode their parts unusually, and packages whose sheets point
at parts ambiguously - each built in code from the bundled report (openpyxl, then zip-level
rewriting of members): read and written correctly, or refused in one line, never a traceback,
never a silently wrong result.

- OPC part names compare ignoring ASCII case: a relationship target, a content-type override or
  a member may spell a part in another case. Every command reads it; the writers keep the members'
  names (never a second member in another case) and write a reference they rewrite as the member
  is named.
- An XML part may be UTF-16 (LE or BE, with a byte order mark and ``encoding="UTF-16"``): read as
  text; a part a writer changes is written in UTF-8 with its declaration saying so, every other part
  byte for byte.
- Two sheets in one worksheet part, a sheet whose relationship is missing, given twice, external
  or pointing outside the package: one line, exit 2.
"""

from __future__ import annotations

import re
import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import repack, with_shared_strings
from package_support import EXAMPLE as BUNDLED, schema_errors

import seuranta_xl

WRITERS = (["run"], ["dropdowns"], ["rollup"], ["highlight"], ["clear", "--all"])
_RELS = "xl/_rels/workbook.xml.rels"
_WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"


def _findings(path: Path) -> list[tuple[str, str, str]]:
    return [(f.rule, f.cell, f.message) for f in seuranta_xl.validate(str(path)).findings]


def _renamed(src: Path, dst: Path, names: dict[str, str]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(names.get(info.filename, info.filename), zin.read(info.filename))
    return dst


def _sub(old: bytes, new: bytes):
    def change(data: bytes) -> bytes:
        assert old in data, old
        return data.replace(old, new)
    return change


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _opens_everywhere(out: Path) -> None:
    """The output opens in openpyxl and python-calamine, with the report sheet's text."""
    from python_calamine import CalamineWorkbook

    wb = openpyxl.load_workbook(out)
    assert "Seuranta" in wb.sheetnames
    assert wb["Seuranta"]["A3"].value.startswith("Tavoitteiden ja toimenpiteiden seuranta")
    book = CalamineWorkbook.from_path(str(out))
    rows = book.get_sheet_by_name("Seuranta").to_python()
    assert any("Tavoitteiden ja toimenpiteiden seuranta" in str(c) for r in rows for c in r)


# --- 1. part names in another case -----------------------------------------------------------------


def _case_variants(tmp_path: Path) -> dict[str, Path]:
    sst = with_shared_strings(BUNDLED, tmp_path / "sst.xlsx")
    return {
        # workbook.xml.rels targets worksheets/Sheet1.xml, the member is xl/worksheets/sheet1.xml
        "target": repack(BUNDLED, tmp_path / "target.xlsx", {
            _RELS: _sub(b'Target="/xl/worksheets/sheet1.xml"', b'Target="worksheets/Sheet1.xml"')}),
        "absolute_target": repack(BUNDLED, tmp_path / "absolute.xlsx", {
            _RELS: _sub(b"/xl/worksheets/sheet1.xml", b"/XL/Worksheets/SHEET1.XML")}),
        "member": _renamed(BUNDLED, tmp_path / "member.xlsx", {"xl/worksheets/sheet1.xml": "xl/worksheets/Sheet1.xml"}),
        "workbook_member": _renamed(BUNDLED, tmp_path / "book.xlsx", {
            "xl/workbook.xml": "xl/Workbook.xml", _RELS: "xl/_rels/Workbook.xml.rels"}),
        "package_rels": repack(BUNDLED, tmp_path / "root.xlsx", {"_rels/.rels": _sub(b"xl/workbook.xml", b"XL/workbook.xml")}),
        "content_types": repack(BUNDLED, tmp_path / "types.xlsx", {"[Content_Types].xml": lambda x: x.replace(
            b"/xl/worksheets/sheet1.xml", b"/XL/Worksheets/Sheet1.xml").replace(b"/xl/workbook.xml", b"/xl/Workbook.xml")}),
        # every member in capitals, the references as openpyxl wrote them (openpyxl reads
        # xl/styles.xml by that name: split failed with "list index out of range")
        "every_member": _renamed(sst, tmp_path / "upper.xlsx", {n: n.upper() for n in _members(sst)}),
        "styles_member": _renamed(BUNDLED, tmp_path / "styles.xlsx", {"xl/styles.xml": "xl/Styles.xml"}),
        "shared_strings": repack(sst, tmp_path / "strings.xlsx", {
            _RELS: _sub(b'Target="sharedStrings.xml"', b'Target="SharedStrings.xml"')}),
    }


def test_every_spelling_of_a_part_name_reads_as_the_report(tmp_path: Path, run_cli):
    """Each was refused ("refers to part xl/worksheets/Sheet1.xml, which the file does not have",
    "not a spreadsheet", "shared string 298, but there are 0") or broke openpyxl's read (split)."""
    expected = _findings(BUNDLED)
    for kind, book in _case_variants(tmp_path).items():
        before = book.read_bytes()
        assert _findings(book) == expected, kind
        for args in (["validate", book], ["rollup", book], ["compare", BUNDLED, book]):
            code, _out, err = run_cli(*args, "--lang", "en")
            assert code in (0, 1) and err == "", (kind, args[0], err)
        code, _out, err = run_cli("split", book, "-o", tmp_path / f"split-{kind}", "--lang", "en")
        assert code == 0 and err == "", (kind, err)
        assert book.read_bytes() == before


def test_writers_keep_the_member_names_and_write_openable_packages(tmp_path: Path, run_cli):
    """All the spellings at once: every writer reads the package, keeps each member's name (no
    second member in another case), writes the references it rewrites as the members are named,
    and its output opens in openpyxl and python-calamine and passes the schemas."""
    sst = with_shared_strings(BUNDLED, tmp_path / "sst.xlsx")
    odd = repack(sst, tmp_path / "odd.xlsx", {
        _RELS: lambda x: x.replace(b"/xl/worksheets/sheet1.xml", b"worksheets/Sheet1.XML").replace(
            b'Target="sharedStrings.xml"', b'Target="SHAREDSTRINGS.xml"').replace(b'Target="styles.xml"', b'Target="Styles.xml"'),
        "[Content_Types].xml": lambda x: x.replace(b"/xl/worksheets/sheet2.xml", b"/XL/worksheets/Sheet2.xml").replace(
            b"/xl/workbook.xml", b"/xl/WorkBook.xml"),
        "_rels/.rels": _sub(b"xl/workbook.xml", b"XL/WORKBOOK.xml"),
    })
    odd = _renamed(odd, tmp_path / "odd2.xlsx", {"xl/worksheets/sheet2.xml": "xl/worksheets/SHEET2.xml"})
    before = odd.read_bytes()
    names = set(_members(odd))
    for args in WRITERS:
        out = tmp_path / f"{args[0]}.xlsx"
        code, _out, err = run_cli(*args, odd, "-o", out, "--lang", "en")
        assert code in (0, 1) and err == "", (args, err)
        written = _members(out)
        keys = [n.lower() for n in written]
        assert len(keys) == len(set(keys)), (args, sorted(written))
        lowered = {n.lower(): n for n in names}
        assert all(lowered.get(n.lower(), n) == n for n in written), (args, sorted(written))  # names kept
        kept = names - {"xl/worksheets/SHEET2.xml"} if args[0] == "clear" else names  # (--all: Listat is ours)
        assert kept <= set(written), (args, kept - set(written))
        _opens_everywhere(out)
        assert schema_errors(out, [n for n in written if n.endswith((".xml", ".rels"))]) == [], args
        types = written["[Content_Types].xml"].decode()
        assert "/xl/WorkBook.xml" not in types and 'PartName="/xl/workbook.xml"' in types
        assert "/XL/worksheets/Sheet2.xml" not in types
        assert args[0] == "clear" or "/xl/worksheets/SHEET2.xml" in types
    assert odd.read_bytes() == before
    # the person's answers merge back into it
    code, _out, err = run_cli("split", odd, "-o", tmp_path / "jako", "--lang", "en")
    assert code == 0 and err == ""
    code, _out, err = run_cli("merge", odd, tmp_path / "jako", "-o", tmp_path / "merged.xlsx", "--lang", "en")
    assert code in (0, 1) and "unexpected" not in err and err.count("\n") <= 1, err
    assert (tmp_path / "merged.xlsx").exists()


# --- 2. parts in UTF-16 ----------------------------------------------------------------------------


def _utf16(big_endian: bool):
    def change(data: bytes) -> bytes:
        text = re.sub(r"^<\?xml[^>]*\?>", "", data.decode("utf-8"))
        text = '<?xml version="1.0" encoding="UTF-16" standalone="yes"?>\n' + text
        return b"\xfe\xff" + text.encode("utf-16-be") if big_endian else b"\xff\xfe" + text.encode("utf-16-le")
    return change


_UTF16_PARTS = ("xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml", "xl/styles.xml",
                "xl/worksheets/sheet2.xml", _RELS, "[Content_Types].xml")


@pytest.mark.parametrize("big_endian", [False, True], ids=["le", "be"])
@pytest.mark.parametrize("part", _UTF16_PARTS)
def test_a_part_in_utf16_reads_as_the_report(part: str, big_endian: bool, tmp_path: Path):
    """Refused before as "the Excel file is corrupt or truncated (Cannot detect file format)" or
    "(cannot decode input using UTF-8 ...)": legal XML that some tools write."""
    sst = with_shared_strings(BUNDLED, tmp_path / "sst.xlsx")
    book = repack(sst, tmp_path / "utf16.xlsx", {part: _utf16(big_endian)})
    assert _findings(book) == _findings(BUNDLED)


def test_writers_rewrite_utf16_parts_in_utf8_and_copy_the_rest(tmp_path: Path, run_cli):
    """The sheet, strings, workbook and styles in UTF-16: every writer reads them; a part it changes
    is UTF-8 (declaration too) and valid, a part it does not change is copied byte for byte."""
    sst = with_shared_strings(BUNDLED, tmp_path / "sst.xlsx")
    book = repack(sst, tmp_path / "utf16.xlsx", {
        "xl/worksheets/sheet1.xml": _utf16(False), "xl/sharedStrings.xml": _utf16(True),
        "xl/workbook.xml": _utf16(True), "xl/styles.xml": _utf16(False), _RELS: _utf16(False),
        "[Content_Types].xml": _utf16(True)})
    before = book.read_bytes()
    source = _members(book)
    for args in WRITERS:
        out = tmp_path / f"{args[0]}.xlsx"
        code, _out, err = run_cli(*args, book, "-o", out, "--lang", "en")
        assert code in (0, 1) and err == "", (args, err)
        written = _members(out)
        changed = [n for n in source if n in written and written[n] != source[n]]
        assert "xl/worksheets/sheet1.xml" in changed, args
        for name in changed:
            data = written[name]
            assert not data.startswith((b"\xff\xfe", b"\xfe\xff")), (args, name)
            head = data[:100].decode("utf-8")
            assert "UTF-16" not in head, (args, name, head)
        assert schema_errors(out, [n for n in changed + [n for n in written if n not in source]
                                   if n.endswith((".xml", ".rels"))]) == [], args
        assert written["xl/sharedStrings.xml"] == source["xl/sharedStrings.xml"]  # never rewritten
        wb = openpyxl.load_workbook(out)
        assert wb["Seuranta"]["A3"].value.startswith("Tavoitteiden ja toimenpiteiden seuranta")
    assert book.read_bytes() == before
    code, _out, err = run_cli("split", book, "-o", tmp_path / "jako", "--lang", "en")
    assert code == 0 and err == ""


# --- 3. sheets and their relationships ---------------------------------------------------------------

_LISTAT = b'<sheet name="Listat" sheetId="2" state="hidden" r:id="rId2" />'
_COPY_REL = ('<Relationship Type="' + _WORKSHEET + '" Target="worksheets/sheet1.xml" Id="rId9" /></Relationships>').encode()


def _ambiguous(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    def book(name: str, change: dict) -> Path:
        return repack(BUNDLED, tmp_path / f"{name}.xlsx", change)

    return {
        "one_id_two_sheets": (book("one_id", {"xl/workbook.xml": _sub(
            _LISTAT, _LISTAT + b'<sheet name="Kopio" sheetId="3" r:id="rId1" />')}), "same part xl/worksheets/sheet1.xml"),
        "two_ids_one_part": (book("two_ids", {
            "xl/workbook.xml": _sub(_LISTAT, _LISTAT + b'<sheet name="Kopio" sheetId="3" r:id="rId9" />'),
            _RELS: _sub(b"</Relationships>", _COPY_REL)}), "same part xl/worksheets/sheet1.xml"),
        "two_spellings_one_part": (book("two_spellings", {
            "xl/workbook.xml": _sub(_LISTAT, _LISTAT + b'<sheet name="Kopio" sheetId="3" r:id="rId9" />'),
            _RELS: _sub(b"</Relationships>", _COPY_REL.replace(b"sheet1.xml", b"SHEET1.xml"))}), "same part xl/worksheets/"),
        "styles_as_sheet": (book("styles_sheet", {_RELS: _sub(b'Target="/xl/worksheets/sheet1.xml"', b'Target="styles.xml"')}),
                            "xl/styles.xml, which is the workbook's styles part"),
        "workbook_as_sheet": (book("book_sheet", {_RELS: _sub(b'Target="/xl/worksheets/sheet1.xml"', b'Target="workbook.xml"')}),
                              "xl/workbook.xml, which is the workbook's officeDocument part"),
        "sheet_is_the_styles": (book("sheet_styles", {_RELS: _sub(b'Target="styles.xml"', b'Target="worksheets/sheet1.xml"')}),
                                "xl/worksheets/sheet1.xml, which is the workbook's styles part"),
        "id_given_twice": (book("id_twice", {_RELS: _sub(b"</Relationships>", (
            '<Relationship Type="' + _WORKSHEET + '" Target="/xl/worksheets/sheet2.xml" Id="rId1" /></Relationships>').encode())}),
            "same id rId1"),
        "id_missing": (book("no_id", {"xl/workbook.xml": _sub(b'r:id="rId1"', b'r:id="rId77"')}),
                       "relationship rId77"),
        "external": (book("external", {_RELS: _sub(b'Target="/xl/worksheets/sheet1.xml"',
                                                   b'Target="file:///C:/raportit/sheet1.xml" TargetMode="External"')}),
                     "outside the file (file:///C:/raportit/sheet1.xml)"),
        "outside": (book("outside", {_RELS: _sub(b"/xl/worksheets/sheet1.xml", b"../../../xl/worksheets/sheet1.xml")}),
                    "points outside the file"),
        "missing_part": (book("missing", {_RELS: _sub(b"/xl/worksheets/sheet1.xml", b"/xl/worksheets/sheet9.xml")}),
                         "xl/worksheets/sheet9.xml"),
        # a part name has no fragment, query or backslash (OPC); LibreOffice opens none of these
        "fragment": (book("fragment", {_RELS: _sub(b"/xl/worksheets/sheet1.xml", b"worksheets/sheet1.xml#A1")}),
                     "xl/worksheets/sheet1.xml#A1"),
        "backslash_target": (book("backslash", {_RELS: _sub(b"/xl/worksheets/sheet1.xml", b"worksheets\\sheet1.xml")}),
                             "xl/worksheets\\sheet1.xml"),
        "rels_missing": (book("no_rels", {_RELS: None}), "relationship rId1"),
        "package_rels_missing": (book("no_root", {"_rels/.rels": None}), "_rels/.rels missing"),
    }


def test_ambiguous_or_missing_sheet_parts_are_refused_by_every_command(tmp_path: Path, run_cli):
    """Two sheets in one part were read and written (a write to one changed the other); a second
    relationship with a sheet's id made validate read the lists sheet as the report; the others
    named a relationship id as if it were a part."""
    for kind, (book, phrase) in _ambiguous(tmp_path).items():
        before = book.read_bytes()
        for args in (["validate", book], ["rollup", book], ["run", book, "-o", tmp_path / "out.xlsx"],
                     ["highlight", book, "-o", tmp_path / "out.xlsx"], ["dropdowns", book, "-o", tmp_path / "out.xlsx"],
                     ["clear", book, "-o", tmp_path / "out.xlsx"], ["rollup", book, "-o", tmp_path / "out.xlsx"],
                     ["split", book, "-o", tmp_path / "jako"]):
            code, _out, err = run_cli(*args, "--lang", "en")
            assert code == 2, (kind, args[0], err)
            assert err.count("\n") == 1 and book.name in err and phrase in err, (kind, args[0], err)
            assert "unexpected" not in err
        assert not (tmp_path / "out.xlsx").exists() and not (tmp_path / "jako").exists()
        assert book.read_bytes() == before


@pytest.mark.parametrize("lang", ["fi", "en", "sv"])
def test_the_refusals_are_in_each_language(tmp_path: Path, run_cli, lang: str):
    for kind, (book, _phrase) in _ambiguous(tmp_path).items():
        code, _out, err = run_cli("validate", book, "--lang", lang)
        assert code == 2 and err.count("\n") == 1 and book.name in err, (kind, err)
        assert lang == "en" or "the file" not in err, (kind, err)


def test_a_sheet_target_with_dot_segments_is_read_by_every_reader(tmp_path: Path, run_cli):
    """``../xl/worksheets/sheet1.xml`` from ``xl/`` is the report sheet (legal, RFC 3986); python-calamine
    does not resolve it: a sheet it reads (here with a formula) was 'corrupt or truncated
    (WorksheetNotFound)'."""
    wb = openpyxl.load_workbook(BUNDLED)
    wb["Seuranta"]["J3"] = "=1+1"  # not a plain sheet: its values come from python-calamine
    formula = tmp_path / "formula.xlsx"
    wb.save(formula)
    book = repack(formula, tmp_path / "dots.xlsx", {_RELS: _sub(b"/xl/worksheets/sheet1.xml", b"../xl/./worksheets/sheet1.xml")})
    code, _out, err = run_cli("validate", book, "--lang", "en")
    assert code in (0, 1) and err == "", err
    assert [f[:2] for f in _findings(book)] == [f[:2] for f in _findings(formula)]


def test_the_package_engine_refuses_two_sheets_in_one_part_itself(tmp_path: Path):
    """The engine's own callers (read_state, apply_plan on a path) get the same refusal, not an edit
    of one sheet that changes another."""
    from seuranta_xl.errors import InputError
    from seuranta_xl.write.package import read_state

    book, _phrase = _ambiguous(tmp_path)["two_ids_one_part"]
    with pytest.raises(InputError) as refused:
        read_state(book, "Seuranta", lang="en")
    assert "Seuranta and Kopio" in refused.value.message and "xl/worksheets/sheet1.xml" in refused.value.message


@pytest.mark.parametrize("codec,declared", [("latin-1", "ISO-8859-1"), ("cp1252", "windows-1252")])
def test_a_part_in_a_declared_single_byte_encoding_is_read_and_rewritten_in_utf8(codec: str, declared: str,
                                                                                 tmp_path: Path, run_cli):
    """XML names its encoding in the declaration; Excel reads such a part. It was refused as
    "corrupt or truncated (cannot decode input using UTF-8 ...)"; a writer's output is UTF-8."""
    def encoded(data: bytes) -> bytes:
        text = re.sub(r"^<\?xml[^>]*\?>", "", data.decode("utf-8")).replace("\u2013", "-")
        return (f'<?xml version="1.0" encoding="{declared}"?>' + text).encode(codec)

    sst = with_shared_strings(BUNDLED, tmp_path / "sst.xlsx")
    book = repack(sst, tmp_path / "encoded.xlsx", {"xl/worksheets/sheet1.xml": encoded, "xl/sharedStrings.xml": encoded})
    plain = repack(sst, tmp_path / "plain.xlsx", {"xl/sharedStrings.xml": lambda x: x.replace("\u2013".encode(), b"-")})
    assert _findings(book) == _findings(plain)
    out = tmp_path / "out.xlsx"
    code, _out, err = run_cli("run", book, "-o", out, "--lang", "en")
    assert code in (0, 1) and err == ""
    sheet = _members(out)["xl/worksheets/sheet1.xml"]
    assert sheet.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    sheet.decode("utf-8")
    values = {c.value for r in openpyxl.load_workbook(out)["Seuranta"].iter_rows() for c in r}
    assert "Henkilöstöjohtaja" in values
    assert schema_errors(out, ["xl/worksheets/sheet1.xml"]) == []


def test_a_part_in_an_encoding_nobody_knows_is_one_line(tmp_path: Path, run_cli):
    """``encoding="x-foo"``: expat asked Python for the codec and the LookupError reached the
    last-resort "unexpected error" line."""
    book = repack(BUNDLED, tmp_path / "unknown.xlsx", {
        "xl/worksheets/sheet1.xml": lambda d: b'<?xml version="1.0" encoding="x-foo"?>' + d})
    for args in (["validate", book], ["run", book, "-o", tmp_path / "out.xlsx"], ["split", book, "-o", tmp_path / "jako"]):
        code, _out, err = run_cli(*args, "--lang", "en")
        assert code == 2 and err.count("\n") == 1 and "unexpected" not in err, err
        assert "xl/worksheets/sheet1.xml" in err and "x-foo" in err, err
    assert not (tmp_path / "out.xlsx").exists()


# --- 4. the content-types stream in another case; part names percent-encoded ---------------------


def _raw_members(path: Path) -> dict[str, bytes]:
    """Member → its compressed bytes as stored (what a byte-for-byte copy keeps)."""
    data = path.read_bytes()
    found = {}
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            name_len, extra_len = struct.unpack_from("<2H", data, info.header_offset + 26)
            start = info.header_offset + 30 + name_len + extra_len
            found[info.filename] = data[start:start + info.compress_size]
    return found


def _libreoffice_shows_the_report(paths: list[Path], folder: Path) -> None:
    from package_support import SOFFICE, soffice_convert

    if SOFFICE is None:
        return
    for csv in soffice_convert(paths, folder, "csv"):
        assert csv.exists() and "Tavoitteiden ja toimenpiteiden seuranta" in csv.read_text("utf-8", "replace"), csv


def test_a_content_types_stream_in_another_case_is_written_as_content_types(tmp_path: Path, run_cli):
    """``[content_types].xml``: not a part (OPC maps the stream to no part name), looked up by its exact
    name by openpyxl and LibreOffice, which opened neither the input nor - the writers kept the
    member's name - any output. The writers write it as ``[Content_Types].xml``; every other
    member keeps its name and (unless changed) its bytes."""
    book = _renamed(BUNDLED, tmp_path / "types.xlsx", {"[Content_Types].xml": "[content_types].xml"})
    with pytest.raises(KeyError):
        openpyxl.load_workbook(book)
    before, raw = book.read_bytes(), _raw_members(book)
    outs = []
    for args in WRITERS:
        out = tmp_path / f"{args[0]}.xlsx"
        code, _out, err = run_cli(*args, book, "-o", out, "--lang", "en")
        assert code in (0, 1) and err == "", (args, err)
        written = _raw_members(out)
        assert "[Content_Types].xml" in written and "[content_types].xml" not in written, (args, sorted(written))
        ours = {"xl/worksheets/sheet2.xml"} if args[0] == "clear" else set()  # (--all: Listat is ours)
        assert set(raw) - {"[content_types].xml"} - ours <= set(written), args
        assert all(written[n] == raw[n] for n in ("xl/theme/theme1.xml", "docProps/core.xml", "_rels/.rels")), args
        _opens_everywhere(out)
        assert schema_errors(out, ["[Content_Types].xml"]) == [], args
        outs.append(out)
    assert book.read_bytes() == before
    _libreoffice_shows_the_report(outs[:1], tmp_path / "lo")


#: (member of the report sheet, the relationship's target, the content types' part name)
_ENCODED = {
    # the part URI as the zip item name (openpyxl, python-calamine and LibreOffice look it up so)
    "uri_member": ("xl/worksheets/sheet%201.xml", "worksheets/sheet%201.xml", "/xl/worksheets/sheet%201.xml"),
    "uri_member_utf8": ("xl/worksheets/taulukko%C3%A4.xml", "worksheets/taulukko%c3%a4.xml", "/xl/worksheets/taulukko%C3%A4.xml"),
    # the part IRI as the zip item name (ISO/IEC 29500-2:2012), the target percent-encoded
    "iri_member": ("xl/worksheets/taulukkoä.xml", "worksheets/taulukko%C3%A4.xml", "/xl/worksheets/taulukko%C3%A4.xml"),
    "iri_target": ("xl/worksheets/taulukkoä.xml", "/xl/worksheets/taulukkoä.xml", "/xl/worksheets/taulukkoä.xml"),
    # the decoded name as the zip item name (as some tools store it)
    "decoded_member": ("xl/worksheets/sheet 1.xml", "worksheets/sheet%201.xml", "/xl/worksheets/sheet%201.xml"),
    "encoded_letters": ("xl/worksheets/sheet1.xml", "worksheets/%73heet1.xml", "/xl/worksheets/sheet1.xml"),
}


def _encoded(tmp_path: Path, kind: str) -> Path:
    member, target, part_name = _ENCODED[kind]
    book = repack(BUNDLED, tmp_path / f"{kind}-src.xlsx", {
        _RELS: _sub(b'Target="/xl/worksheets/sheet1.xml"', f'Target="{target}"'.encode()),
        "[Content_Types].xml": _sub(b'"/xl/worksheets/sheet1.xml"', f'"{part_name}"'.encode())})
    return _renamed(book, tmp_path / f"{kind}.xlsx", {"xl/worksheets/sheet1.xml": member})


@pytest.mark.parametrize("kind", sorted(_ENCODED))
def test_a_percent_encoded_part_name_names_its_member(kind: str, tmp_path: Path, run_cli):
    """A relationship target is a URI: ``%20`` and ``%C3%A4`` name the member spelled so, or (a part
    IRI, a decoded name) spelled with the characters themselves. The last three were refused
    ("refers to part xl/worksheets/sheet%201.xml, which the file does not have"). Every command reads
    them; a writer's output names the member as the references do, and opens in openpyxl,
    python-calamine and LibreOffice."""
    book = _encoded(tmp_path, kind)
    member = _ENCODED[kind][0]
    before = book.read_bytes()
    assert _findings(book) == _findings(BUNDLED)
    for args in (["validate", book], ["rollup", book], ["compare", BUNDLED, book], ["compare", book, BUNDLED]):
        code, _out, err = run_cli(*args, "--lang", "en")
        assert code in (0, 1) and err == "", (args[0], err)
    code, _out, err = run_cli("split", book, "-o", tmp_path / "jako", "--lang", "en")
    assert code == 0 and err == "", err
    outs = []
    for args in (*WRITERS, ["compare", BUNDLED]):
        out = tmp_path / f"{args[0]}.xlsx"
        code, _out, err = run_cli(*args, book, "-o", out, "--lang", "en")
        assert code in (0, 1) and err == "", (args, err)
        written = _members(out)
        assert member in written, (args, sorted(written))  # the member keeps its name
        assert written["xl/theme/theme1.xml"] == _members(book)["xl/theme/theme1.xml"]
        _opens_everywhere(out)
        assert schema_errors(out, [_RELS, "[Content_Types].xml"]) == [], args
        outs.append(out)
        code, _out, err = run_cli("run", out, "-o", tmp_path / f"again-{args[0]}.xlsx", "--lang", "en")
        assert code in (0, 1) and err == "", (args, err)
    code, _out, err = run_cli("merge", book, tmp_path / "jako", "-o", tmp_path / "merged.xlsx", "--lang", "en")
    assert code in (0, 1) and err == "", err
    _opens_everywhere(tmp_path / "merged.xlsx")
    assert book.read_bytes() == before
    _libreoffice_shows_the_report(outs[:1], tmp_path / "lo")


def test_two_members_spelling_one_part_name_differently_are_refused(tmp_path: Path, run_cli):
    """``sheet%201.xml`` and ``sheet 1.xml`` are one part name: readers differ in which they take."""
    book = _encoded(tmp_path, "uri_member")
    with zipfile.ZipFile(book, "a") as z:
        z.writestr("xl/worksheets/sheet 1.xml", _members(BUNDLED)["xl/worksheets/sheet2.xml"])
    for args in (["validate", book], ["run", book, "-o", tmp_path / "out.xlsx"]):
        code, _out, err = run_cli(*args, "--lang", "en")
        assert code == 2 and err.count("\n") == 1 and "twice" in err and book.name in err, err
    assert not (tmp_path / "out.xlsx").exists()


#: A target spelled otherwise than every reader resolves it, and how a writer's output spells it.
_SPELLED = {
    "dot": (_RELS, b'Target="./worksheets/sheet1.xml"', b'Target="worksheets/sheet1.xml"'),
    "dot_dot": (_RELS, b'Target="/xl/./worksheets/../worksheets/sheet1.xml"', b'Target="/xl/worksheets/sheet1.xml"'),
    "double_slash": (_RELS, b'Target="worksheets//sheet1.xml"', b'Target="worksheets/sheet1.xml"'),
    "spaces": (_RELS, b'Target=" worksheets/sheet1.xml "', b'Target="worksheets/sheet1.xml"'),
    "line_breaks": (_RELS, b'Target="\n\t/xl/worksheets/sheet1.xml\r\n"', b'Target="/xl/worksheets/sheet1.xml"'),
    "package_dot": ("_rels/.rels", b'Target="./xl/workbook.xml"', b'Target="xl/workbook.xml"'),
    "package_spaces": ("_rels/.rels", b'Target="  xl/workbook.xml"', b'Target="xl/workbook.xml"'),
}


@pytest.mark.parametrize("kind", sorted(_SPELLED))
def test_a_target_with_dot_segments_or_whitespace_is_read_and_written_plainly(kind: str, tmp_path: Path, run_cli):
    """Legal spellings (RFC 3986 dot segments; the whitespace an xsd:anyURI collapses) that
    python-calamine and LibreOffice do not resolve: the whitespace ones were refused ("refers to part
    xl/ worksheets/sheet1.xml , which the file does not have"), ``./xl/workbook.xml`` in the package's
    relationships was "corrupt or truncated (Cannot detect file format)", and the writers kept the
    target, so LibreOffice showed an empty sheet for their output. Every command reads them; a
    writer writes the target plainly."""
    member, plain, spelled = _SPELLED[kind][0], b'Target="/xl/worksheets/sheet1.xml"', _SPELLED[kind][1]
    if member == "_rels/.rels":
        plain = b'Target="xl/workbook.xml"'
    book = repack(BUNDLED, tmp_path / f"{kind}.xlsx", {member: _sub(plain, spelled)})
    assert _findings(book) == _findings(BUNDLED)
    code, _out, err = run_cli("split", book, "-o", tmp_path / "jako", "--lang", "en")
    assert code == 0 and err == "", err
    for args in WRITERS:
        out = tmp_path / f"{args[0]}.xlsx"
        code, _out, err = run_cli(*args, book, "-o", out, "--lang", "en")
        assert code in (0, 1) and err == "", (args, err)
        rels = _members(out)[member]
        assert _SPELLED[kind][2] in rels and spelled not in rels, (args, rels)
        _opens_everywhere(out)
        assert schema_errors(out, [member]) == [], args
    _libreoffice_shows_the_report([tmp_path / "run.xlsx"], tmp_path / "lo")


# --- 5. outputs read again ----------------------------------------------------------------------


def test_each_writer_reads_its_own_output_of_a_package_in_utf16(tmp_path: Path, run_cli):
    """Every part in UTF-16 (LE and BE by turns), the content-types stream in small letters, the
    lists sheet named as a part IRI: each writer's output is the next writer's input, and the parts
    no writer changes stay UTF-16, byte for byte, to the end; validate, compare, split and merge
    read every output."""
    sst = with_shared_strings(BUNDLED, tmp_path / "sst.xlsx")
    names = list(_members(sst))
    book = repack(sst, tmp_path / "utf16-src.xlsx", {
        **{name: _utf16(i % 2 == 1) for i, name in enumerate(names)},
        _RELS: lambda x: _utf16(True)(x.replace(b"/xl/worksheets/sheet2.xml", b"worksheets/listat%20%C3%A4.xml"))})
    book = _renamed(book, tmp_path / "utf16.xlsx", {"[Content_Types].xml": "[content_types].xml",
                                                    "xl/worksheets/sheet2.xml": "xl/worksheets/listat ä.xml"})
    source = _members(book)
    untouched = ("xl/sharedStrings.xml", "xl/theme/theme1.xml", "docProps/core.xml", "docProps/app.xml", "_rels/.rels")
    assert all(source[n].startswith((b"\xff\xfe", b"\xfe\xff")) for n in untouched)
    assert _findings(book) == _findings(sst)
    previous = book
    for i, args in enumerate((["run"], ["dropdowns"], ["rollup"], ["highlight"], ["clear"], ["run"], ["clear", "--all"])):
        out = tmp_path / f"{i}-{args[0]}.xlsx"
        code, _out, err = run_cli(*args, previous, "-o", out, "--lang", "en")
        assert code in (0, 1) and err == "", (args, err)
        written = _members(out)
        assert all(written[n] == source[n] for n in untouched), args
        for again in (["validate", out], ["compare", previous, out]):
            code, _out, err = run_cli(*again, "--lang", "en")
            assert code in (0, 1) and err == "", (args, again[0], err)
        previous = out
    code, _out, err = run_cli("compare", book, previous, "-o", tmp_path / "compared.xlsx", "--lang", "en")
    assert code in (0, 1) and err == "", err
    assert all(_members(tmp_path / "compared.xlsx")[n] == source[n] for n in untouched)
    code, _out, err = run_cli("run", tmp_path / "compared.xlsx", "-o", tmp_path / "compared-run.xlsx", "--lang", "en")
    assert code in (0, 1) and err == "", err
    run_out = tmp_path / "5-run.xlsx"
    code, _out, err = run_cli("split", run_out, "-o", tmp_path / "jako", "--lang", "en")
    assert code == 0 and err == "", err
    code, _out, err = run_cli("merge", run_out, tmp_path / "jako", "-o", tmp_path / "merged.xlsx", "--lang", "en")
    assert code in (0, 1) and err == "", err
    code, _out, err = run_cli("run", tmp_path / "merged.xlsx", "-o", tmp_path / "merged-run.xlsx", "--lang", "en")
    assert code in (0, 1) and err == "", err
    wb = openpyxl.load_workbook(tmp_path / "merged-run.xlsx")
    assert wb["Seuranta"]["A3"].value.startswith("Tavoitteiden ja toimenpiteiden seuranta")
