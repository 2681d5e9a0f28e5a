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


def test_in_place_on_a_read_only_file_is_refused_and_writes_nothing(tmp_path: Path, run_cli):
    """A file marked read-only (chmod a-w; the read-only attribute on Windows) was replaced by
    renaming over it on POSIX (and failed mid-way on Windows): refused in one line, like Excel."""
    import os
    import shutil
    import stat

    book = tmp_path / "arkisto.xlsx"
    shutil.copyfile(BUNDLED, book)
    os.chmod(book, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        code, _out, err = run_cli("run", book, "--in-place", "--lang", "en")
        assert code == 2
        assert err.count("\n") == 1 and "read-only" in err and "arkisto.xlsx" in err
        assert book.read_bytes() == BUNDLED.read_bytes()
        assert sorted(p.name for p in tmp_path.iterdir()) == ["arkisto.xlsx"]  # no backup, no temporary file
        out = tmp_path / "out.xlsx"
        shutil.copyfile(BUNDLED, out)
        os.chmod(out, stat.S_IRUSR)
        code, _out, err = run_cli("run", BUNDLED, "-o", out, "--force", "--lang", "sv")
        assert code == 2 and "out.xlsx" in err and out.read_bytes() == BUNDLED.read_bytes()
    finally:
        for p in tmp_path.iterdir():
            os.chmod(p, stat.S_IRUSR | stat.S_IWUSR)


def _with_second_copy(tmp_path: Path, name: str, copy_name: str) -> Path:
    """The bundled report with a second zip member ``copy_name`` holding member ``name`` changed."""
    import zipfile

    out = tmp_path / "twice.xlsx"
    with zipfile.ZipFile(BUNDLED) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # zipfile warns of the duplicate name
            zout.writestr(copy_name, zin.read(name).replace(b"Henkil\xc3\xb6st\xc3\xb6johtaja", b"Joku muu"))
    return out


def test_a_member_stored_twice_is_refused_by_every_command(tmp_path: Path, run_cli):
    """Two zip members for one part (same name, or the same OPC part name in another case): which
    one a reader takes differs between programs, so validate could check another sheet than Excel
    shows. The writers refused it already; validate, rollup, compare and split read the last copy."""
    for copy_name in ("xl/worksheets/sheet1.xml", "XL/Worksheets/Sheet1.XML"):
        book = _with_second_copy(tmp_path, "xl/worksheets/sheet1.xml", copy_name)
        for args in (["validate", book], ["rollup", book], ["compare", book, book],
                     ["split", book, "-o", tmp_path / "split"], ["run", book, "-o", tmp_path / "out.xlsx"]):
            code, _out, err = run_cli(*args, "--lang", "en")
            assert code == 2, (copy_name, args[0])
            assert err.count("\n") == 1 and "twice.xlsx" in err and "unexpected" not in err, (copy_name, args[0], err)
        assert not (tmp_path / "split").exists() and not (tmp_path / "out.xlsx").exists()


def test_a_workbook_whose_main_part_is_elsewhere_is_named_not_called_no_spreadsheet(tmp_path: Path, run_cli):
    """OPC lets the package say where the workbook part is (_rels/.rels); Excel opens one at
    xl/book.xml. We read only xl/workbook.xml, and said "not a spreadsheet" about a real .xlsx."""
    import zipfile

    book = tmp_path / "muualla.xlsx"
    moved = {"xl/workbook.xml": "xl/book.xml", "xl/_rels/workbook.xml.rels": "xl/_rels/book.xml.rels"}
    with zipfile.ZipFile(BUNDLED) as zin, zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename in ("_rels/.rels", "[Content_Types].xml"):
                data = data.replace(b"xl/workbook.xml", b"xl/book.xml")
            zout.writestr(moved.get(info.filename, info.filename), data)
    for args in (["validate", book], ["run", book, "-o", tmp_path / "out.xlsx"]):
        code, _out, err = run_cli(*args, "--lang", "en")
        assert code == 2 and err.count("\n") == 1
        assert "not a spreadsheet" not in err and "xl/book.xml" in err, err


def test_a_formula_without_a_saved_result_in_an_answer_never_empties_the_master(tmp_path: Path):
    """A person's answer typed as a formula, saved by a program that does not calculate, reads as
    empty: merge wrote that emptiness over the master's text. Refused instead, the master kept."""
    from seuranta_xl.merging import merge

    result = split(BUNDLED, tmp_path / "jako")
    path = next(f.path for f in result.files if f.person == "Talousjohtaja")
    wb = openpyxl.load_workbook(path)
    ws = wb["Seuranta"]
    cell = next(r[6] for r in ws.iter_rows(min_row=14) if r[6].protection.locked is False and r[6].value)
    code = next(c.value for c in ws[cell.row][:3] if c.value).split(" ")[0]
    cell.value = "=1+1"  # openpyxl stores no result
    wb.save(path)
    master = openpyxl.load_workbook(BUNDLED)["Seuranta"]
    row = next(r[0].row for r in master.iter_rows(min_row=14) if any(
        isinstance(c.value, str) and c.value.split(" ")[0] == code for c in r[:3]))
    before = master[f"G{row}"].value
    merged = merge(BUNDLED, [path], tmp_path / "out.xlsx")
    assert [(r.code, r.reason) for r in merged.refused] == [(code, "formula_answer")]
    assert not merged.merged
    assert openpyxl.load_workbook(tmp_path / "out.xlsx")["Seuranta"][f"G{row}"].value == before
