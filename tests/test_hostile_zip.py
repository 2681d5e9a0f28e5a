"""The zip layer of hostile packages, each built in code from the bundled report: zip layouts Excel
opens (stored members, data descriptors, zip64 records, a comment, extra fields, folder entries -
some twice) are read by every command and their members copied record for record; member names a
zip must not have (backslashes; ``..`` and absolute paths) are refused in one line or never
followed; a text file or an encrypted workbook named .xlsx is one line, in every language.
"""

from __future__ import annotations

import os
import struct
import sys
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest

sys.path.insert(0, str(Path(__file__).parent / "fuzz"))
from fuzz import Unseekable  # noqa: E402  (the fuzzer's zip layouts build on it too)

from package_support import EXAMPLE as BUNDLED, raw_records

WRITERS = (["run"], ["dropdowns"], ["rollup"], ["highlight"], ["clear", "--all"])
UNTOUCHED = ("xl/theme/theme1.xml", "docProps/core.xml", "docProps/app.xml", "_rels/.rels")


def _copy(dst: Path, write) -> Path:
    """The bundled report's members written by ``write(zin, zout, info, data)``."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (zipfile warns of a folder entry given twice)
        with zipfile.ZipFile(BUNDLED) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                write(zin, zout, info, zin.read(info))
    return dst


def _layouts(tmp_path: Path) -> dict[str, Path]:
    def stored(zin, zout, info, data):
        zout.writestr(info.filename, data, compress_type=zipfile.ZIP_STORED)

    def zip64(zin, zout, info, data):
        with zout.open(info.filename, "w", force_zip64=True) as fh:
            fh.write(data)

    def extra(zin, zout, info, data):
        new = zipfile.ZipInfo(info.filename, info.date_time)
        new.compress_type = zipfile.ZIP_DEFLATED
        # an unknown field and an extended timestamp, as zip tools add them
        new.extra = struct.pack("<2H", 0xCAFE, 4) + b"abcd" + struct.pack("<2HB", 0x5455, 5, 1) + b"\0" * 4
        zout.writestr(new, data)

    def folders(zin, zout, info, data):
        if info.filename == "docProps/app.xml":  # folder entries first, xl/ twice
            for folder in ("xl/", "xl/worksheets/", "_rels/", "docProps/", "xl/"):
                zout.writestr(zipfile.ZipInfo(folder), b"")
        zout.writestr(info.filename, data)

    def commented(zin, zout, info, data):
        zout.writestr(info.filename, data)
        zout.comment = "Tallennettu arkistosta – kommentti".encode()

    found = {name: _copy(tmp_path / f"{name}.xlsx", write) for name, write in (
        ("stored", stored), ("zip64", zip64), ("extra_fields", extra), ("folders", folders), ("comment", commented))}
    stream = Unseekable()
    with zipfile.ZipFile(BUNDLED) as zin, zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info))
    found["data_descriptors"] = tmp_path / "data_descriptors.xlsx"
    found["data_descriptors"].write_bytes(bytes(stream.data))
    return found


def _findings(run_cli, path: Path) -> str:
    code, out, err = run_cli("validate", path, "--format", "json", "--lang", "en")
    assert code in (0, 1) and err == "", err
    return out.replace(str(path), "FILE")


def test_zip_layouts_excel_opens_are_read_and_each_member_copied_as_stored(tmp_path: Path, run_cli):
    """Folder entries with ``xl/`` twice were refused ("holds the part xl/ twice"; a folder is no
    part); the other layouts are checked to stay so: read by every command, each member a writer
    does not change copied as stored (descriptor, zip64 and extra fields too), the comment kept, and
    the output read again."""
    expected = _findings(run_cli, BUNDLED).replace(str(BUNDLED), "FILE")
    for kind, book in _layouts(tmp_path).items():
        before = book.read_bytes()
        assert _findings(run_cli, book) == expected, kind
        code, _out, err = run_cli("split", book, "-o", tmp_path / f"jako-{kind}", "--lang", "en")
        assert code == 0 and err == "", (kind, err)
        source = raw_records(book)
        for args in WRITERS:
            out = tmp_path / f"{kind}-{args[0]}.xlsx"
            code, _out, err = run_cli(*args, book, "-o", out, "--lang", "en")
            assert code in (0, 1) and err == "", (kind, args, err)
            written = raw_records(out)
            assert all(written[name] == source[name] for name in UNTOUCHED), (kind, args)
            with zipfile.ZipFile(book) as a, zipfile.ZipFile(out) as b:
                assert b.comment == a.comment, (kind, args)
                assert b.testzip() is None
            assert openpyxl.load_workbook(out)["Seuranta"]["A3"].value.startswith("Tavoitteiden ja toimenpiteiden")
            code, _out, err = run_cli("run", out, "-o", tmp_path / f"{kind}-{args[0]}-again.xlsx", "--lang", "en")
            assert code in (0, 1) and err == "", (kind, args, err)
        assert book.read_bytes() == before


def test_member_names_outside_the_package_are_never_followed(tmp_path: Path, run_cli):
    """Members named ``../../x``, ``/x`` or ``C:\\x`` (zip-slip): no command unpacks a package, so
    nothing is written outside OUT; the members are copied as they are."""
    def slip(zin, zout, info, data):
        zout.writestr(info.filename, data)
        if info.filename == "[Content_Types].xml":
            for name in ("../../karkuri.txt", "/tmp/karkuri.txt", "C:\\karkuri.txt", "xl/../../karkuri.xml"):
                zout.writestr(name, b"<x/>")

    work = tmp_path / "work"
    work.mkdir()
    book = _copy(work / "slip.xlsx", slip)
    before = set(os.listdir(tmp_path)), set(os.listdir(work))
    for args in (["validate", book], ["run", book, "-o", work / "out.xlsx"], ["split", book, "-o", work / "jako"],
                 ["compare", BUNDLED, book, "-o", work / "cmp.xlsx"], ["clear", "--all", book, "-o", work / "clr.xlsx"]):
        code, _out, err = run_cli(*args, "--lang", "en")
        assert code in (0, 1) and err == "", (args[0], err)
    assert set(os.listdir(tmp_path)) == before[0]
    assert set(os.listdir(work)) == before[1] | {"out.xlsx", "jako", "cmp.xlsx", "clr.xlsx"}
    assert not Path("/tmp/karkuri.txt").exists()
    with zipfile.ZipFile(work / "out.xlsx") as z:
        assert "../../karkuri.txt" in z.namelist()


@pytest.mark.parametrize("lang,words", [("fi", "kenoviivoja"), ("en", "backslashes"), ("sv", "omvända snedstreck")])
def test_member_names_with_backslashes_are_one_line(lang: str, words: str, tmp_path: Path, run_cli):
    """``xl\\worksheets\\sheet1.xml``: a zip separates folders with slashes only (openpyxl and
    LibreOffice open no such package). Was "not a spreadsheet" (all members) or "refers to part
    xl/worksheets/sheet1.xml, which the file does not have" (one member)."""
    every = _copy(tmp_path / "kaikki.xlsx", lambda zin, zout, info, data: zout.writestr(info.filename.replace("/", "\\"), data))
    one = _copy(tmp_path / "yksi.xlsx", lambda zin, zout, info, data: zout.writestr(
        "xl\\worksheets\\sheet1.xml" if info.filename == "xl/worksheets/sheet1.xml" else info.filename, data))
    for book, member in ((every, "xl\\workbook.xml"), (one, "xl\\worksheets\\sheet1.xml")):
        for args in (["validate", book], ["run", book, "-o", tmp_path / "out.xlsx"], ["split", book, "-o", tmp_path / "jako"]):
            code, out, err = run_cli(*args, "--lang", lang)
            assert code == 2 and out == "" and err.count("\n") == 1, (args[0], err)
            assert book.name in err and member in err and words in err, err
        assert not (tmp_path / "out.xlsx").exists() and not (tmp_path / "jako").exists()


@pytest.mark.parametrize("lang,words", [("fi", "tekstitiedosto"), ("en", "text file"), ("sv", "textfil")])
def test_a_text_file_named_xlsx_is_told_as_text(lang: str, words: str, tmp_path: Path, run_cli):
    """A CSV renamed .xlsx was "the Excel file is corrupt or truncated (not a zip package)"."""
    book = tmp_path / "vienti.xlsx"
    book.write_text("Nro;Tavoite;Vastuuhenkilö\n1;Tavoite;Talousjohtaja\n", encoding="utf-8")
    for args in (["validate", book], ["run", book, "-o", tmp_path / "out.xlsx"], ["split", book, "-o", tmp_path / "jako"]):
        code, out, err = run_cli(*args, "--lang", lang)
        assert code == 2 and out == "" and err.count("\n") == 1, err
        assert book.name in err and words in err and ".xlsx" in err, err
    assert not (tmp_path / "out.xlsx").exists()


def test_an_encrypted_workbook_is_one_line_for_the_writers_too(tmp_path: Path, run_cli):
    """Excel's password to open makes a compound (OLE) file: every command, not only validate."""
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    book = tmp_path / "suojattu.xlsx"
    with BUNDLED.open("rb") as src, book.open("wb") as out:
        ooxml.OOXMLFile(src).encrypt("salasana", out)
    (tmp_path / "vastaukset").mkdir()
    for args in (["run", book, "-o", tmp_path / "out.xlsx"], ["split", book, "-o", tmp_path / "jako"],
                 ["merge", book, tmp_path / "vastaukset", "-o", tmp_path / "out.xlsx"],
                 ["compare", BUNDLED, book], ["rollup", book]):
        for lang, words in (("fi", "salasanasuojattu"), ("en", "password-protected"), ("sv", "lösenordsskyddad")):
            code, out, err = run_cli(*args, "--lang", lang)
            assert code == 2 and err.count("\n") == 1 and book.name in err and words in err, (args[0], err)
    assert not (tmp_path / "out.xlsx").exists() and not (tmp_path / "jako").exists()
