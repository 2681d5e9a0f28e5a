"""Shared fixtures: the seed report as text and as a workbook, and a CLI runner."""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# Property tests are reproducible by default (CI): the same examples on every run. A developer
# hunting new cases runs with HYPOTHESIS_PROFILE=explore.
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
hypothesis_settings.register_profile("explore", deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True, scope="session")
def _own_run_locks(tmp_path_factory):
    """Each test worker its own folder for the ribbon's run locks: parallel workers press buttons
    on books of the same name, which on one PC would be the same workbook."""
    os.environ["SEURANTA_XL_LOCK_DIR"] = str(tmp_path_factory.mktemp("locks"))
SEED_TXT = DATA / "seed_report.txt"


def seed_rows() -> list[list[str]]:
    """The seed export as rows of cells (line N = sheet row N), exactly as exported."""
    text = SEED_TXT.read_text(encoding="utf-8")
    return [line.split("\t") for line in text.split("\n")]


def write_rows_xlsx(rows: list[list[object]], path: Path, sheet: str = "Seuranta") -> Path:
    """Plain values into a workbook, row 1 first; empty strings stay empty cells."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for r, cells in enumerate(rows, start=1):
        for c, value in enumerate(cells, start=1):
            if value not in ("", None):
                ws.cell(row=r, column=c, value=value)
    wb.save(path)
    return path


def two_row_header_xlsx(path: Path) -> Path:
    """The seed with its header spread over rows 12 and 13, on sheet "Raportti": group titles merged
    over the name columns, the other titles merged down over both rows (issue 12's layout)."""
    from openpyxl import load_workbook

    rows = [list(r) for r in seed_rows()]
    rows[11] = ["Tavoitteet", "", "", "Riskit", "Kokonais-tilanne", "Etenemisaste (1-5)", "Eteneminen", "Vastuuhenkilö"]
    rows[12] = ["Valtuustokauden tavoite", "Vuositavoite", "Toimenpide", "", "", "", "", ""]
    write_rows_xlsx(rows, path, sheet="Raportti")
    wb = load_workbook(path)
    ws = wb["Raportti"]
    ws.merge_cells("A12:C12")
    for col in "DEFGH":
        ws.merge_cells(f"{col}12:{col}13")
    wb.save(path)
    return path


MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def repack(src: Path, dst: Path, change: dict[str, object], *, compress: dict[str, int] | None = None) -> Path:
    """Copy a package; ``change`` maps a member to new bytes, a function of its bytes, or None (drop)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename in change:
                new = change[info.filename]
                if new is None:
                    continue
                data = new(data) if callable(new) else new
            zout.writestr(info.filename, data, compress_type=(compress or {}).get(info.filename, zipfile.ZIP_DEFLATED))
    return dst


_INLINE = re.compile(rb'<c ([^>]*?)t="inlineStr"([^>]*)><is><t(?: [^>]*)?>(.*?)</t></is></c>', re.S)


def with_shared_strings(src: Path, dst: Path) -> Path:
    """The same workbook with its text in a shared-strings part (as Excel saves it)."""
    strings: list[bytes] = []

    def to_index(m: re.Match) -> bytes:
        strings.append(m.group(3))
        return b'<c ' + m.group(1) + b't="s"' + m.group(2) + b"><v>%d</v></c>" % (len(strings) - 1)

    with zipfile.ZipFile(src) as z:
        sheet = _INLINE.sub(to_index, z.read("xl/worksheets/sheet1.xml"))
    sst = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="' + MAIN_NS.encode() + b'" count="%d" uniqueCount="%d">'
           % (len(strings), len(strings)) + b"".join(b'<si><t xml:space="preserve">' + s + b"</t></si>" for s in strings)
           + b"</sst>")
    rel = (b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           b'sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    override = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    repack(src, dst, {"xl/worksheets/sheet1.xml": sheet,
                      "xl/_rels/workbook.xml.rels": lambda x: x.replace(b"</Relationships>", rel),
                      "[Content_Types].xml": lambda x: x.replace(b"</Types>", override)})
    with zipfile.ZipFile(dst, "a") as z:
        z.writestr("xl/sharedStrings.xml", sst)
    return dst


@pytest.fixture
def seed_txt() -> Path:
    return SEED_TXT


@pytest.fixture
def seed_xlsx(tmp_path: Path) -> Path:
    """The seed saved as .xlsx, values only, every value at its original row and column."""
    return write_rows_xlsx(seed_rows(), tmp_path / "seed.xlsx")


@pytest.fixture
def run_cli(capsys):
    """Run the CLI in-process: returns (exit code, stdout, stderr)."""
    from seuranta_xl.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run
