"""Hostile and unlucky inputs (issue 13): the bounded pre-scan, special files, corrupt parts.

Cases that made the process abort (python-calamine's allocation failure, exit 134) or hang are run
through the CLI in a subprocess with a timeout (``cli``), so a regression fails the test instead of
the run; the others run in-process (``run_cli``).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from conftest import MAIN_NS, repack, seed_rows, with_shared_strings, write_rows_xlsx

def cli(*args: object, timeout: float = 30) -> tuple[int, str, str]:
    """The CLI in a fresh process (an abort cannot take the test run down); UTF-8 output."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    proc = subprocess.run([sys.executable, "-m", "seuranta_xl", *map(str, args)], capture_output=True,
                          timeout=timeout, env=env)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


def assert_refused(result: tuple[int, str, str], *needles: str) -> str:
    code, out, err = result
    assert code == 2, (code, out[-500:], err[-2000:])
    lines = err.splitlines()
    assert len(lines) == 1, err[-2000:]
    assert "Traceback" not in err and "odottamaton" not in err
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def sheet_with(extra: bytes):
    """A change that appends ``extra`` (rows) at the end of the sheet data."""
    return lambda xml: xml.replace(b"</sheetData>", extra + b"</sheetData>")


@pytest.fixture(scope="module")
def seed(tmp_path_factory) -> Path:
    return write_rows_xlsx(seed_rows(), tmp_path_factory.mktemp("seed") / "seed.xlsx")


# --- cell references in every legal spelling ---------------------------------------------------


@pytest.mark.parametrize("ref, position", [
    ("A1", (1, 1)), ("c3", (3, 3)), ("xfd1048576", (1048576, 16384)), ("Ab12", (12, 28)),
])
def test_cell_position(ref, position):
    from seuranta_xl.files.prescan import cell_position

    assert cell_position(ref) == position


@pytest.mark.parametrize("ref", ["$A$1", "A0", "XFE1", "A1048577", "1A", "A1B", "AAAA1", "Ａ1", ""])
def test_cell_position_refuses_what_is_not_a_cell(ref):
    from seuranta_xl.files.prescan import cell_position

    with pytest.raises(ValueError):
        cell_position(ref)


FAR = {
    "single_quotes": b"<row r='1048576'><c r='XFD1048576'><v>1</v></c></row>",
    "lower_case": b'<row r="1048576"><c r="xfd1048576"><v>1</v></c></row>',
    "prefix": (b'<row r="1048576"><x:c xmlns:x="' + MAIN_NS.encode() + b'" r="XFD1048576"><x:v>1</x:v></x:c></row>'),
    "no_reference": b'<row r="1048576">' + b"<c><v>1</v></c>" * 9 + b"</row>",
    "row_without_reference": b'<row r="1048575"><c r="A1048575"><v>1</v></c></row><row>' + b"<c><v>1</v></c>" * 9 + b"</row>",
}


@pytest.mark.parametrize("spelling", sorted(FAR))
def test_far_cell_on_the_report_sheet_is_refused(spelling, seed, tmp_path):
    path = repack(seed, tmp_path / f"{spelling}.xlsx", {"xl/worksheets/sheet1.xml": sheet_with(FAR[spelling])})
    assert_refused(cli("validate", path), str(path), "liian monta solua", "Seuranta")


def _with_second_sheet(seed: Path, dst: Path, name: str, body: bytes) -> Path:
    sheet = (b'<worksheet xmlns="' + MAIN_NS.encode() + b'"><sheetData>' + body + b"</sheetData></worksheet>")
    rel = (b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           b'worksheet" Target="worksheets/sheetX.xml"/></Relationships>')
    override = (b'<Override PartName="/xl/worksheets/sheetX.xml" ContentType="application/vnd.openxmlformats-'
                b'officedocument.spreadsheetml.worksheet+xml"/></Types>')
    entry = b'<sheet name="' + name.encode() + b'" sheetId="9" r:id="rIdX"/></sheets>'
    repack(seed, dst, {"xl/_rels/workbook.xml.rels": lambda x: x.replace(b"</Relationships>", rel),
                       "[Content_Types].xml": lambda x: x.replace(b"</Types>", override),
                       "xl/workbook.xml": lambda x: x.replace(b"</sheets>", entry)})
    with zipfile.ZipFile(dst, "a") as z:
        z.writestr("xl/worksheets/sheetX.xml", sheet)
    return dst


@pytest.mark.parametrize("sheet", ["Listat", "Asetukset", "Seuranta2"])
@pytest.mark.parametrize("command", ["validate", "run"])
def test_far_cell_on_any_sheet_is_refused_before_the_settings_loader(sheet, command, seed, tmp_path):
    """The lists and settings sheets are read for the settings before the report: same pre-scan."""
    path = _with_second_sheet(seed, tmp_path / "far.xlsx", sheet,
                              b'<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
                              b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    args = ["-o", tmp_path / "out.xlsx"] if command == "run" else []
    assert_refused(cli(command, path, *args), "liian monta solua", sheet)
    assert not (tmp_path / "out.xlsx").exists()


def test_a_good_lists_sheet_is_still_read(run_cli, seed, tmp_path):
    path = _with_second_sheet(seed, tmp_path / "lists.xlsx", "Listat",
                              '<row r="1"><c r="A1" t="inlineStr"><is><t>Vastuuhenkilö</t></is></c></row>'
                              '<row r="2"><c r="A2" t="inlineStr"><is><t>Pormestari</t></is></c></row>'.encode())
    code, out, err = run_cli("validate", path, "--format", "json")
    assert code == 0, err
    assert out.count("P101") > 10  # the seed's roles are not on this workbook's own list


# --- linear time ---------------------------------------------------------------------------------


@pytest.mark.parametrize("filler", [b"<!-- " + b"<c " * 20000 + b"-->", b"<![CDATA[" + b"<c " * 20000 + b"]]>",
                                    b"<!-- " + b'<c r="A1">' * 8000 + b"-->"])
def test_cell_openers_in_comments_do_not_make_the_scan_quadratic(filler, seed, tmp_path):
    path = repack(seed, tmp_path / "comment.xlsx", {"xl/worksheets/sheet1.xml": sheet_with(filler)})
    start = time.monotonic()
    code, _out, err = cli("validate", path, timeout=60)
    assert code == 0, err
    assert time.monotonic() - start < 10


# --- files that are not regular files -------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
@pytest.mark.parametrize("name", ["raportti.xlsx", "raportti.txt"])
def test_a_fifo_is_refused_not_waited_on(name, tmp_path):
    fifo = tmp_path / name
    os.mkfifo(fifo)
    assert_refused(cli("validate", fifo, timeout=20), str(fifo), "FIFO")
    assert_refused(cli("run", fifo, "-o", tmp_path / "out.xlsx", timeout=20), "FIFO")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_in_a_folder_is_one_line_and_the_batch_goes_on(seed, tmp_path):
    folder = tmp_path / "kansio"
    folder.mkdir()
    (folder / "a.xlsx").write_bytes(seed.read_bytes())
    os.mkfifo(folder / "b.xlsx")
    code, out, err = cli("validate", folder, timeout=20)
    assert code == 2
    assert "b.xlsx" in err and "FIFO" in err and len(err.splitlines()) == 1
    assert "a.xlsx" in out


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="POSIX devices")
def test_a_device_is_refused(tmp_path):
    assert_refused(cli("validate", "/dev/zero", timeout=20), "/dev/zero")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_as_settings_file_is_refused(seed, tmp_path):
    fifo = tmp_path / "asetukset.toml"
    os.mkfifo(fifo)
    code, _out, err = cli("validate", seed, "--config", fifo, timeout=20)
    assert code == 2 and "FIFO" in err and len(err.splitlines()) == 1


# --- integrity of the parts that decide the figures ------------------------------------------------


@pytest.fixture(scope="module")
def sst(seed, tmp_path_factory) -> Path:
    return with_shared_strings(seed, tmp_path_factory.mktemp("sst") / "sst.xlsx")


def test_shared_strings_workbook_reads_like_the_seed(run_cli, sst):
    code, out, err = run_cli("validate", sst, "--format", "json")
    assert code == 0, err
    assert '"actions": 39' in out


def _sst_change(sst: Path, tmp_path: Path, change) -> Path:
    return repack(sst, tmp_path / "bad.xlsx", {"xl/sharedStrings.xml": change})


@pytest.mark.parametrize("change, needle", [
    (lambda x: x.replace(b"</si>", b"", 1), "sharedStrings"),  # the reported case: one </si> deleted
    (lambda x: x.replace(b"</si>", b"</t></si><si><t>", 1).replace(b"<si><t></t>", b"<si><t>", 1), "sharedStrings"),
    (lambda x: re.sub(rb"<si>.*?</si>", b"", x, count=1), "sharedStrings"),  # one entry gone, counts kept
    (lambda x: re.sub(rb'uniqueCount="\d+"', b"", re.sub(rb"<si>.*?</si>", b"", x, count=1)), "jaettuun merkkijonoon"),
])
def test_corrupt_shared_strings_are_refused(run_cli, change, needle, sst, tmp_path):
    path = _sst_change(sst, tmp_path, change)
    for command in (["validate", path], ["rollup", path]):
        assert_refused(run_cli(*command), str(path), needle)


def test_shared_string_index_out_of_range(run_cli, sst, tmp_path):
    path = repack(sst, tmp_path / "index.xlsx",
                  {"xl/worksheets/sheet1.xml": lambda x: re.sub(rb't="s"><v>\d+</v>', b't="s"><v>99999</v>', x, count=1)})
    assert_refused(run_cli("validate", path), "99999")


def test_style_index_out_of_range(run_cli, seed, tmp_path):
    path = repack(seed, tmp_path / "style.xlsx",
                  {"xl/worksheets/sheet1.xml": lambda x: x.replace(b'<c r="A3"', b'<c r="A3" s="4000"', 1)})
    assert_refused(run_cli("validate", path), "4000")


# --- the real reason, not "unexpected error" -------------------------------------------------------


def test_utf16_part_with_a_dtd_is_refused(run_cli, seed, tmp_path):
    xml = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>').encode("utf-16")
    path = repack(seed, tmp_path / "u16.xlsx", {"docProps/app.xml": xml})
    assert_refused(run_cli("validate", path), "docProps/app.xml", "DTD")


def test_dtd_in_workbook_rels_is_named(run_cli, seed, tmp_path):
    path = repack(seed, tmp_path / "rels.xlsx", {"xl/_rels/workbook.xml.rels": lambda x: x.replace(
        b"<Relationships", b'<!DOCTYPE r [<!ENTITY a "a">]><Relationships', 1)})
    assert_refused(run_cli("validate", path), "xl/_rels/workbook.xml.rels", "DTD")


def test_bad_relationship_part(run_cli, seed, tmp_path):
    path = repack(seed, tmp_path / "rels.xlsx", {"xl/_rels/workbook.xml.rels": lambda x: x[: len(x) // 2]})
    assert_refused(run_cli("validate", path), "xl/_rels/workbook.xml.rels")


def test_unsupported_compression(run_cli, seed, tmp_path):
    path = repack(seed, tmp_path / "bz.xlsx", {}, compress={"xl/styles.xml": zipfile.ZIP_BZIP2})
    assert_refused(run_cli("validate", path), "xl/styles.xml", "12")


def test_sheet_list_naming_a_missing_sheet(run_cli, seed, tmp_path):
    path = repack(seed, tmp_path / "missing.xlsx", {"xl/worksheets/sheet1.xml": None})
    assert_refused(run_cli("validate", path), "xl/worksheets/sheet1.xml", "Seuranta")


# --- P102 on thousands of distinct similar names --------------------------------------------------


def _names_report(n: int):
    from seuranta_xl import Grid
    from seuranta_xl.header import TITLES

    header = [TITLES[f] for f in ("council", "annual", "action", "risks", "status", "grade", "progress", "responsible")]
    rows = [header, ["01. Tavoite"] + [None] * 7, [None, "01.01 Vuositavoite"] + [None] * 6]
    for k in range(n):
        rows.append([None, None, f"01.01.{k % 99 + 1:02d} Toimenpide", None, None, "3", "Etenee.", f"Henkilö {k:04d}"])
    return Grid.from_values(rows)


def test_p102_is_linear_in_names_and_its_output_bounded():
    """2,000 distinct similar names took 58 s and wrote 355 MB of JSON: now counted, not compared
    pair by pair, and each finding names a bounded number of the others."""
    import json

    from seuranta_xl.rules.roles import LISTED_VARIANTS
    from seuranta_xl.settings import Settings
    from seuranta_xl.validate import check, load_report

    settings = Settings(select=["P102"])
    sizes = {}
    for n in (500, 2000):
        report = load_report(_names_report(n), settings=settings)
        start = time.process_time()
        findings = check(report, settings)
        sizes[n] = (time.process_time() - start, len(json.dumps([f.model_dump() for f in findings], default=str)))
        assert len(findings) == n  # one per distinct variant, all in one group here
        assert all(len(f.data["variants"]) <= LISTED_VARIANTS + 1 for f in findings)
        assert findings[0].data["group_size"] == n
    (t_small, out_small), (t_big, out_big) = sizes[500], sizes[2000]
    assert out_big < 5 * out_small  # 4x the names: about 4x the output, not 16x
    assert t_big < 8 * t_small + 0.5  # about 4x the time, not 16x (generous for a shared machine)


def test_one_hostile_file_never_takes_the_batch_down(seed, sst, tmp_path):
    """A far-out cell aborted the whole 200-file batch with no output; now it is that file's one line."""
    folder = tmp_path / "kansio"
    folder.mkdir()
    for name in ("a.xlsx", "c.xlsx"):
        (folder / name).write_bytes(seed.read_bytes())
    repack(seed, folder / "b.xlsx", {"xl/worksheets/sheet1.xml": sheet_with(FAR["lower_case"])})
    _sst_change(sst, tmp_path, lambda x: x.replace(b"</si>", b"", 1)).rename(folder / "d.xlsx")
    code, out, err = cli("validate", folder, "--format", "json", timeout=60)
    assert code == 2, err
    lines = err.splitlines()
    assert len(lines) == 2 and "b.xlsx" in lines[0] and "d.xlsx" in lines[1], err
    assert '"unusable": 2' in out and out.count('"actions": 39') == 2


def test_a_sheet_pointing_at_another_part_is_measured_as_a_sheet(seed, tmp_path):
    """A sheet whose relationship targets styles.xml, which holds a far-out cell, is still measured."""
    path = repack(seed, tmp_path / "alias.xlsx", {
        "xl/_rels/workbook.xml.rels": lambda x: re.sub(rb'Target="/?(xl/)?worksheets/sheet1.xml"', b'Target="styles.xml"', x),
        "xl/styles.xml": lambda x: x.replace(b"</styleSheet>", b'<sheetData><row r="1048576"><c r="XFD1048576">'
                                              b"<v>1</v></c></row></sheetData></styleSheet>"),
    })
    code, _out, err = cli("validate", path)
    assert code == 2 and len(err.splitlines()) == 1 and "Traceback" not in err, err


def test_scanner_reads_cells_without_end_of_element_calls():
    """A cell ends where the next begins: formulas without a cached value, shared-string indices,
    styles and extent come out the same with pretty-printed whitespace and a prefix."""
    from seuranta_xl.files.prescan import PartScanner, SheetScan

    sheet = SheetScan("s")
    scanner = PartScanner("sheet", sheet)
    xml = (b'<x:worksheet xmlns:x="' + MAIN_NS.encode() + b'"><x:sheetData>\n'
           b'<x:row r="2">\n  <x:c r="A2"><x:f>1+1</x:f></x:c>\n  <x:c t="s" s="3"><x:v> 7 </x:v></x:c>\n</x:row>\n'
           b'<x:row><x:c r="c3"><x:f>2</x:f><x:v>2</x:v></x:c><x:c><x:f>3</x:f><x:v></x:v></x:c></x:row>\n'
           b"</x:sheetData></x:worksheet>")
    for k in range(0, len(xml), 7):  # fed in small chunks, split anywhere
        scanner.feed(xml[k:k + 7])
    scanner.feed(b"", True)
    assert sheet.uncached == [(2, 0, "1+1"), (3, 3, "3")]
    assert (sheet.cells, sheet.min_row, sheet.max_row, sheet.min_col, sheet.max_col) == (3, 2, 3, 2, 4)
    assert (sheet.max_string, sheet.max_style, sheet.formulas) == (7, 3, 3)


def test_a_sheet_of_junk_rows_gives_bounded_findings(monkeypatch):
    """Rows of a stray whole number are not codes, and no rule lists more than its cap: the rest are
    counted in one finding (a 646 KB file of 125,000 such rows took 45 s and 3.7 GB before)."""
    from conftest import seed_rows
    import importlib

    validate_module = importlib.import_module("seuranta_xl.validate")
    from seuranta_xl.grid import Grid
    from seuranta_xl.parse import build_report
    from seuranta_xl.settings import Settings

    monkeypatch.setattr(validate_module, "MAX_FINDINGS_PER_RULE", 50)
    rows = seed_rows() + [[1.0]] * 300
    report = build_report(Grid.from_values(rows, source="junk.xlsx", sheet="Raportti"))
    assert len(report.actions) == 39 and len(report.annual_goals) == 21  # 1.0 is no code
    findings = validate_module.check(report, Settings())
    h107 = [f for f in findings if f.rule == "H107"]
    cut = [f for f in h107 if "truncated" in f.data]
    assert len(h107) == 51 and [f.data for f in cut] == [{"truncated": 301 - 50}]
    assert validate_module.render(cut[0], "en") == "… and 251 more findings of rule H107 on this sheet (list cut short)"


# --- the package writer: row numbers beyond the sheet -------------------------------------------

BUNDLED = Path(__file__).resolve().parents[1] / "workbook" / "examples" / "seuranta_1-9_2021.xlsx"


@pytest.mark.parametrize("number", [b"1048577", b"0"])
@pytest.mark.parametrize("command", ["compare", "run", "clear"])
def test_a_row_numbered_beyond_the_sheet_is_refused_by_the_writer(number, command, tmp_path):
    """Found by the fuzzer (xml:sheet2.xml:number through compare -o): a row of the lists sheet
    numbered 99999999999999999999 (its cells still named E9 ...) read well, but the package writer
    made a list of that many rows when it read the lists sheet: 24 GB and a kill after 150 s. A row
    number outside 1-1,048,576 is now a damaged part, one line. (1048577 costs the old code only a
    million empty rows; it wrote a workbook Excel refuses, exit 0.)"""
    bad = repack(BUNDLED, tmp_path / "rivi.xlsx", {
        "xl/worksheets/sheet2.xml": lambda xml: xml.replace(b'<row r="9">', b'<row r="' + number + b'">', 1)})
    out = tmp_path / "out.xlsx"
    args = ["compare", BUNDLED, bad, "-o", out] if command == "compare" else [command, bad, "-o", out]
    needles = ["xl/worksheets/sheet2.xml", "row number 1048577 outside 1-1048576"] if number != b"0" else []
    assert_refused(cli(*args, "--lang", "en"), *needles)  # row 0: the reader's "corrupt" before the writer
    assert not out.exists()


def test_rows_out_of_order_are_refused_by_the_writer(tmp_path):
    """Rows must ascend (ECMA-376; Excel repairs a file otherwise). A lists sheet whose row 9 was
    numbered 3 again was read, and run wrote the record's row 9 anew beside the cells E9... left in
    the second "row 3": two rows 3 and the cells of row 9 twice. Now a damaged part, one line."""
    bad = repack(BUNDLED, tmp_path / "järjestys.xlsx", {
        "xl/worksheets/sheet2.xml": lambda xml: xml.replace(b'<row r="9">', b'<row r="3">', 1)})
    assert_refused(cli("run", bad, "-o", tmp_path / "out.xlsx", "--lang", "en"), "xl/worksheets/sheet2.xml",
                   "row 3 after row 8")
    assert not (tmp_path / "out.xlsx").exists()


@pytest.mark.parametrize("purpose, cell", [("helper", b"N/A"), ("rollup", b"A0"), ("helper", b"XFE1"),
                                           ("rollup", b"A1048577")])
@pytest.mark.parametrize("command", [["clear", "--all"], ["clear"], ["run"]])
def test_a_record_row_whose_cell_is_not_a_cell_names_nothing_of_ours(purpose, cell, command, run_cli, tmp_path):
    """Found by the fuzzer (marked-semantic, the lists sheet's record typed over): a record row of
    ours whose cell reads "N/A" made clear --all end in "odottamaton virhe: ValueError: not a cell
    reference". A damaged row of the record now names nothing (like a damaged record sheet)."""
    marked = tmp_path / "merkitty.xlsx"
    assert run_cli("run", BUNDLED, "-o", marked)[0] in (0, 1)
    pattern = re.compile(rb"(" + purpose.encode() + rb'</t></is></c><c r="F\d+" t="inlineStr"><is><t>[^<]*</t></is></c>'
                         rb'<c r="G\d+" t="inlineStr"><is><t>)[^<]*(</t>)')
    bad = repack(marked, tmp_path / "tietue.xlsx",
                 {"xl/worksheets/sheet2.xml": lambda xml: pattern.sub(rb"\g<1>" + cell + rb"\g<2>", xml, count=1)})
    with zipfile.ZipFile(bad) as z:
        assert pattern.sub(b"", z.read("xl/worksheets/sheet2.xml")) != z.read("xl/worksheets/sheet2.xml")
    code, _out, err = run_cli(*command[:1], bad, *command[1:], "-o", tmp_path / "out.xlsx")
    assert code in (0, 1) and err == "", err


@pytest.mark.parametrize("part, change, needle", [
    ("xl/workbook.xml", lambda xml: xml.replace(b'sheetId="2"', b'sheetId="1e9"', 1), "sheetId='1e9' is not a number"),
])
def test_a_number_attribute_that_is_not_a_number_is_a_damaged_part(part, change, needle, tmp_path):
    """Found by the fuzzer (xml:workbook.xml:number through run): sheetId="1e9" is read by the
    reader, but the package writer's int() ended in "odottamaton virhe: ValueError". Now the part is
    named as damaged, one line."""
    bad = repack(BUNDLED, tmp_path / "numero.xlsx", {part: change})
    assert_refused(cli("run", bad, "-o", tmp_path / "out.xlsx", "--lang", "en"), part, needle)
    assert not (tmp_path / "out.xlsx").exists()


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet2.xml",
                                  "xl/styles.xml", "docProps/core.xml"])
@pytest.mark.parametrize("command", ["validate", "clear"])
def test_an_xml_declaration_of_an_unknown_encoding_is_a_damaged_part(part, command, tmp_path):
    """Found by the fuzzer (a bit flipped in a sheet's .rels: encoding="UTN-8"): expat raises
    LookupError, not ExpatError, and the pre-scan let it through as "odottamaton virhe". Now the
    part is named as damaged, one line."""
    bad = repack(BUNDLED, tmp_path / "koodaus.xlsx", {
        part: lambda xml: b'<?xml version="1.0" encoding="UTN-8"?>' + re.sub(rb"^<\?xml[^>]*\?>", b"", xml)})
    args = [command, bad] + (["-o", tmp_path / "out.xlsx"] if command != "validate" else [])
    assert_refused(cli(*args, "--lang", "en"), part, "unknown encoding: UTN-8")
