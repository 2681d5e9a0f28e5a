"""A workbook saved as Strict Open XML (ISO/IEC 29500 Strict, Excel's "Strict Open XML Spreadsheet"):
read exactly like the usual (transitional) form; every command that would write it refuses in one
line and writes nothing (the writers' transitional parts in a Strict package make a mixed file)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from test_bad_input import assert_one_line
from seuranta_xl.validate import validate

_TRANSITIONAL = {
    b"http://schemas.openxmlformats.org/spreadsheetml/2006/main": b"http://purl.oclc.org/ooxml/spreadsheetml/main",
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships":
        b"http://purl.oclc.org/ooxml/officeDocument/relationships",
}


def as_strict(src: Path, dst: Path) -> Path:
    """``src`` with its parts under the Strict namespaces and relationship types (as Excel's Strict
    save writes them: content types and the package relationships' own namespace stay)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.endswith((".xml", ".rels")) and info.filename != "[Content_Types].xml":
                for old, new in _TRANSITIONAL.items():
                    data = data.replace(old, new)
                if info.filename == "xl/workbook.xml":
                    data = data.replace(b"<workbook ", b'<workbook conformance="strict" ', 1)
            zout.writestr(info, data)
    with zipfile.ZipFile(dst) as z:  # the conversion did what it says
        assert b"purl.oclc.org/ooxml/spreadsheetml/main" in z.read("xl/workbook.xml")
        assert b"schemas.openxmlformats.org/spreadsheetml" not in z.read("xl/worksheets/sheet1.xml")
    return dst


@pytest.fixture
def strict_seed(seed_xlsx: Path, tmp_path: Path) -> Path:
    return as_strict(seed_xlsx, tmp_path / "strict.xlsx")


def _findings(report) -> list[tuple]:
    return [(f.rule, f.row, f.column, f.code) for f in report.findings]


def test_a_strict_workbook_reads_as_the_same_report(seed_xlsx: Path, strict_seed: Path):
    usual, strict = validate(seed_xlsx), validate(strict_seed)
    assert strict.counts() == usual.counts()
    assert strict.counts()["actions"] > 30
    assert _findings(strict) == _findings(usual)


def test_validate_and_rollup_of_a_strict_workbook_on_the_command_line(run_cli, seed_xlsx: Path, strict_seed: Path):
    for command in ("validate", "rollup"):
        code, out, err = run_cli(command, strict_seed)
        usual = run_cli(command, seed_xlsx)
        assert (code, err) == (usual[0], usual[2])
        assert out.replace(str(strict_seed), "X") == usual[1].replace(str(seed_xlsx), "X")


@pytest.mark.parametrize("args", [("run",), ("dropdowns",), ("highlight",), ("rollup",), ("clear", "--all")])
def test_a_write_to_a_strict_workbook_is_refused_and_writes_nothing(run_cli, strict_seed: Path, tmp_path: Path, args):
    before = strict_seed.read_bytes()
    out = tmp_path / "out.xlsx"
    line = assert_one_line(*run_cli(args[0], strict_seed, *args[1:], "-o", out), strict_seed, "Strict Open XML")
    assert "mitään ei kirjoitettu" in line
    assert not out.exists()
    assert strict_seed.read_bytes() == before
    code, _, err = run_cli(args[0], strict_seed, *args[1:], "--in-place", "--lang", "en")
    assert code == 2 and "Excel Workbook (.xlsx)" in err
    assert strict_seed.read_bytes() == before


def test_split_of_a_strict_workbook_is_refused(run_cli, strict_seed: Path, tmp_path: Path):
    folder = tmp_path / "out"
    assert_one_line(*run_cli("split", strict_seed, "-o", folder), strict_seed, "Strict Open XML")
    assert not folder.exists() or not any(folder.iterdir())
