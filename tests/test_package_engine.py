"""The package engine on real packages: only the parts a plan changes are written, each valid against
the ECMA-376 schemas; every other member is its original zip record; the result shows the same as
the openpyxl engine's; formulas and their saved results, macros, pictures, labels, custom views and
protected ranges survive; LibreOffice, openpyxl and calamine read every output."""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st
from python_calamine import CalamineWorkbook

from seuranta_xl.write.actions import (
    FINDINGS_SHEET, LISTS_SHEET, MANIFEST_SHEET, OWN_SHEETS, SUMMARY_SHEET, Plan, ReplaceSheet, SetValues)
from seuranta_xl.write.package import Package, apply_plan, read_state

import package_support as S
from conftest import seed_rows, write_rows_xlsx

sys_path_benchmarks = Path(__file__).resolve().parent.parent / "benchmarks"


# --- workbooks ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, Path]:
    """The bundled example, the seed with everything Excel keeps (plain and with macros)."""
    folder = tmp_path_factory.mktemp("package_books")
    seed = write_rows_xlsx(seed_rows(), folder / "seed.xlsx")
    rich, _ = S.rich_workbook(seed, folder / "rich")
    rich_macros, _ = S.rich_workbook(seed, folder / "rich_macros", macros=True)
    example_rich, _ = S.rich_workbook(S.EXAMPLE, folder / "example_rich")
    return {"example": S.EXAMPLE, "seed": seed, "rich": rich, "rich_macros": rich_macros, "example_rich": example_rich}


@pytest.fixture(scope="module")
def libreoffice_book(tmp_path_factory) -> Path:
    """The bundled example as LibreOffice saves it (its own prefixes, shared strings and styles)."""
    if S.SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("lo_resaved")
    source = folder / "example_lo.xlsx"
    source.write_bytes(S.EXAMPLE.read_bytes())
    (converted,) = S.soffice_convert([source], folder / "out")
    return converted


def _own_parts(path: Path, sheets=OWN_SHEETS) -> set[str]:
    """Parts belonging to sheets of ours in ``path``: the sheet, its rels and what they point at."""
    found = set()
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        for sheet in sheets:
            try:
                part = S._part_of(z, sheet)
            except AttributeError:
                continue
            todo = [part]
            while todo:
                name = todo.pop()
                found.add(name)
                folder, base = name.rsplit("/", 1)
                rels = f"{folder}/_rels/{base}.rels"
                if rels in names:
                    found.add(rels)
                    for target in re.findall(r'Target="([^"]+)"', z.read(rels).decode()):
                        resolved = str(Path(folder, target)).replace("\\", "/")
                        parts = []
                        for piece in resolved.split("/"):
                            if piece == "..":
                                parts.pop()
                            else:
                                parts.append(piece)
                        todo.append("/".join(parts))
    return found


def _report_part(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return S._part_of(z, "Seuranta")


def _check_output(src: Path, out: Path, sheets=OWN_SHEETS) -> set[str]:
    """Checks every output gets: only allowed parts changed, the rest raw-identical, each written
    part valid, openpyxl and calamine read it. Returns the changed members."""
    changed = S.changed_members(src, out)
    allowed = {"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
               _report_part(src)} | _own_parts(src, sheets) | _own_parts(out, sheets)
    assert changed <= allowed, sorted(changed - allowed)
    before, after = S.raw_records(src), S.raw_records(out)
    for name in set(before) - changed:
        assert after[name] == before[name], f"{name}: its zip record changed"
    written = sorted(n for n in changed if n in after)
    assert S.schema_errors(out, written) == []
    openpyxl.load_workbook(out)
    book = CalamineWorkbook.from_path(str(out))
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python()
    return changed


# --- every kind of plan on every kind of workbook -------------------------------------------------


@pytest.mark.parametrize("kind", S.KINDS)
@pytest.mark.parametrize("book", ["example", "rich_macros", "example_rich"])
def test_only_changed_parts_are_written_and_they_are_valid(books, tmp_path, book, kind):
    src = books[book]
    out = tmp_path / f"out{src.suffix}"
    with Package(src) as pkg:
        plan = S.make_plan(src, kind, pkg)
        applied = apply_plan(pkg, plan, out)
        assert len(pkg.reads) == len(set(pkg.reads)), "a member was decompressed twice"
    assert applied.actions == len(plan.actions)
    assert applied.skipped == []
    _check_output(src, out)
    # the order of the members is kept, new ones at the end
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(out) as b:
        old = [n for n in a.namelist() if n in b.namelist()]
        assert b.namelist()[:len(old)] == old


@pytest.mark.libreoffice
@pytest.mark.parametrize("kind", S.KINDS)
def test_a_workbook_saved_by_libreoffice(libreoffice_book, tmp_path, kind):
    out = tmp_path / "out.xlsx"
    plan, applied = S.apply_kind(libreoffice_book, kind, out)
    assert applied.skipped == []
    _check_output(libreoffice_book, out)
    if kind == "run":  # LibreOffice keeps text in shared strings: the state reads them as openpyxl does
        again = tmp_path / "again.xlsx"
        S.soffice_convert([out], tmp_path / "lo")[0].rename(again)
        ours_state, theirs_state = read_state(again, "Seuranta"), S.openpyxl_state(again, "Seuranta")
        for field in ("sheets", "max_column", "manifest", "cells", "first_rows"):
            assert getattr(ours_state, field) == getattr(theirs_state, field), field
        assert ours_state.manifest.values
    ours = S.summary(out)
    theirs = tmp_path / "theirs.xlsx"
    S.apply_openpyxl(libreoffice_book, plan, theirs)
    _same(ours, S.summary(theirs))


def test_what_excel_keeps_survives(books, tmp_path):
    """Macros, the picture, the comment, the chart, the label, custom views, the protected range,
    the spill formula's metadata: their parts untouched, their references in changed parts kept."""
    src = books["rich_macros"]
    out = tmp_path / "out.xlsm"
    S.apply_kind(src, "run", out)
    before, after = S.members(src), S.members(out)
    for name in ("xl/vbaProject.bin", "xl/metadata.xml", "docMetadata/LabelInfo.xml", "xl/media/image9.png",
                 "xl/drawings/drawing9.xml", "xl/drawings/drawing1.xml", "xl/charts/chart1.xml", "xl/comments/comment1.xml",
                 "_rels/.rels"):
        assert after[name] == before[name], name
    workbook = after["xl/workbook.xml"].decode()
    assert '<fileSharing readOnlyRecommended="1" userName="Kunta"/>' in workbook
    assert "customWorkbookView " in workbook and "fullCalcOnLoad" not in workbook.replace(
        re.search(r"<calcPr[^>]*>", before["xl/workbook.xml"].decode()).group(0), "")
    sheet = after[_report_part(src)].decode()
    assert '<protectedRange sqref="A1:B2" name="Otsikko"/>' in sheet and "<customSheetView " in sheet
    assert '<c r="K2" cm="1"><f t="array" ref="K2:K3">SEQUENCE(2)</f><v>1</v></c>' in sheet
    assert "macroEnabled" in after["[Content_Types].xml"].decode()
    assert "vbaProject" in after["xl/_rels/workbook.xml.rels"].decode()
    assert openpyxl.load_workbook(out, keep_vba=True).vba_archive is not None


def test_formulas_are_never_written_over_and_keep_their_results(books, tmp_path):
    src = books["rich"]
    plan = Plan().add(SetValues(sheet="Seuranta", anchor="E14", values=[[9.9]]),
                      SetValues(sheet="Seuranta", anchor="K3", values=[["x"]]),
                      SetValues(sheet="Seuranta", anchor="L20", values=[["kept"]]))
    out = tmp_path / "out.xlsx"
    applied = apply_plan(src, plan, out)
    assert applied.skipped == ["solussa Seuranta!K3 on kaava; sitä ei korvattu",
                               "solussa Seuranta!E14 on kaava; sitä ei korvattu"]
    sheet = S.members(out)[_report_part(src)].decode()
    assert '<c r="E14"><f>3+0.5</f><v>3.5</v></c>' in sheet
    values = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("Seuranta").to_python(skip_empty_area=False)
    assert values[13][4] == 3.5 and values[2][10] == 2 and values[19][11] == "kept"
    # read_state names them, so the planners can leave them alone
    state = read_state(out, "Seuranta")
    assert {"E14", "K2", "K3"} <= state.formulas["Seuranta"]


def test_run_then_clear_all_gives_back_the_workbook(books, tmp_path):
    """Every part comes back byte for byte except two that Excel rewrites on every save anyway:
    ``xl/styles.xml`` keeps the differential and cell formats we appended (unused; removing entries
    would renumber the staff's own), and an empty ``<definedNames/>`` (which openpyxl writes and
    Excel never does) is not put back once our names have filled and left it."""
    for book in ("rich", "rich_macros", "seed"):
        src = books[book]
        ran, cleared = tmp_path / f"ran_{book}{src.suffix}", tmp_path / f"cleared_{book}{src.suffix}"
        S.apply_kind(src, "run", ran)
        S.apply_kind(ran, "clear_all", cleared)
        _check_output(ran, cleared)
        assert S.changed_members(src, cleared) <= {"xl/styles.xml", "xl/workbook.xml"}, book
        before, after = S.members(src), S.members(cleared)
        assert re.sub(rb"<definedNames\s*/>", b"", before["xl/workbook.xml"]) == after["xl/workbook.xml"]
        assert list(S.raw_records(src)) == list(S.raw_records(cleared))


def test_a_second_run_changes_nothing(books, tmp_path):
    src = books["example_rich"]
    once, twice = tmp_path / "once.xlsx", tmp_path / "twice.xlsx"
    S.apply_kind(src, "run", once)
    S.apply_kind(once, "run", twice)
    assert S.changed_members(once, twice) == set()


# --- the same result as the openpyxl engine ----------------------------------------------------------


def _same(ours: dict, theirs: dict) -> None:
    assert ours["sheets"] == theirs["sheets"]
    assert ours["names"] == theirs["names"]
    for title, _state in ours["sheets"]:
        a, b = ours[title], theirs[title]
        for key in ("values", "validations", "formats", "priorities", "links", "charts", "number_formats"):
            assert a[key] == b[key], (title, key)
        if title in (SUMMARY_SHEET, FINDINGS_SHEET):  # shown sheets: header, panes, widths
            assert (a["bold"], a["freeze"], a["widths"]) == (b["bold"], b["freeze"], b["widths"]), title


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    import sys

    sys.path.insert(0, str(sys_path_benchmarks))
    import generate

    path = tmp_path_factory.mktemp("generated") / "report_150.xlsx"
    generate.write_xlsx(generate.generate(150, seed=3), path)
    return path


@pytest.mark.parametrize("book, kind", [("example", kind) for kind in S.KINDS]
                         + [("generated", "run"), ("generated", "clear_all"), ("generated", "highlight"),
                            ("rich", "run"), ("rich", "rollup"), ("rich", "clear")])
def test_same_result_as_the_openpyxl_engine(books, generated, tmp_path, book, kind):
    src = generated if book == "generated" else books[book]
    ran = tmp_path / f"ran{src.suffix}"
    if book != "example":  # a workbook that already holds our content, as the second run sees it
        S.apply_kind(src, "run", ran)
        src = ran
    plan = S.make_plan(src, kind)
    report_sheet = "Seuranta"
    theirs_state = S.openpyxl_state(src, report_sheet)
    ours_state = read_state(src, report_sheet)
    for field in ("sheets", "max_column", "manifest", "cells", "first_rows"):
        assert getattr(ours_state, field) == getattr(theirs_state, field), field
    ours, theirs = tmp_path / f"ours{src.suffix}", tmp_path / f"theirs{src.suffix}"
    apply_plan(src, plan, ours)
    S.apply_openpyxl(src, plan, theirs)
    _same(S.summary(ours), S.summary(theirs))


# --- text is text --------------------------------------------------------------------------------------

_HOSTILE = st.text(alphabet=st.sampled_from(list("=+-@\t\r\n _xX0123456789ABCDEFabcdef&<>\"'ÄÖåHYPERLINK()!|\x01\x07")),
                   max_size=30)


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(_HOSTILE, min_size=1, max_size=4))
def test_text_we_write_is_never_a_formula_and_reads_back_as_written(tmp_path, texts):
    from seuranta_xl.write.package.cells import clean_text

    src = S.EXAMPLE
    out = tmp_path / "hostile.xlsx"
    texts = [t for t in texts if clean_text(t).strip()] or ["=1+1"]
    plan = Plan().add(SetValues(sheet="Seuranta", anchor="J20", values=[[t] for t in texts]),
                      ReplaceSheet(name=FINDINGS_SHEET, rows=[["Viesti"]] + [[t] for t in texts]))
    apply_plan(src, plan, out)
    parts = S.members(out)
    assert b"<f>" not in parts[_report_part(src)] and b"<f" not in b"".join(
        v for k, v in parts.items() if k.startswith("xl/worksheets/sheet") and k != "xl/worksheets/sheet1.xml")
    expected = [re.sub(r"[\000-\010\013\014\016-\037]", "", t) for t in texts]
    book = CalamineWorkbook.from_path(str(out))
    report = book.get_sheet_by_name("Seuranta").to_python(skip_empty_area=False)
    findings = book.get_sheet_by_name(FINDINGS_SHEET).to_python(skip_empty_area=False)
    assert [report[19 + i][9] for i in range(len(texts))] == expected
    assert [row[0] for row in findings[1:len(texts) + 1]] == expected


# --- workbook-level bookkeeping -------------------------------------------------------------------------


def test_deleting_our_sheet_keeps_local_names_and_the_active_tab(tmp_path):
    wb = openpyxl.load_workbook(S.EXAMPLE)
    notes = wb.create_sheet("Muistiinpanot")
    notes["A1"] = "oma"
    from openpyxl.workbook.defined_name import DefinedName

    notes.defined_names["Oma_alue"] = DefinedName("Oma_alue", attr_text="Muistiinpanot!$A$1")
    wb.active = len(wb.sheetnames) - 1
    src = tmp_path / "notes.xlsx"
    wb.save(src)
    out = tmp_path / "cleared.xlsx"
    S.apply_kind(src, "clear_all", out)
    _check_output(src, out)
    result = openpyxl.load_workbook(out)
    assert LISTS_SHEET not in result.sheetnames
    assert result.active.title == "Muistiinpanot"
    assert "Oma_alue" in result["Muistiinpanot"].defined_names
    assert not set(result.defined_names) & {"Etenemisaste", "Vastuuhenkilot", "Tilanne"}


def test_the_record_is_on_the_hidden_lists_sheet_appended(books, tmp_path):
    out = tmp_path / "out.xlsx"
    S.apply_kind(books["rich"], "run", out)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:2] == ["Ohjeet", "Seuranta"]
    assert MANIFEST_SHEET not in wb.sheetnames and wb[LISTS_SHEET].sheet_state == "hidden"
    assert wb[LISTS_SHEET]["E1"].value == "purpose"
    assert wb.active.title == "Seuranta"


# --- LibreOffice opens every output and shows the plan's values -------------------------------------------


def _equal(have, value) -> bool:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return isinstance(have, (int, float)) and abs(have - value) < 1e-9
    return have == value


@pytest.mark.libreoffice
def test_libreoffice_opens_every_output(books, tmp_path):
    if S.SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    outputs, plans = [], {}
    for book in ("example", "rich_macros"):
        src = books[book]
        for kind in S.KINDS:
            out = tmp_path / f"{book}_{kind}{src.suffix}"
            plans[out.stem], _ = S.apply_kind(src, kind, out)
            outputs.append(out)
    converted = S.soffice_convert(outputs, tmp_path / "lo")
    for out, lo in zip(outputs, converted):
        assert lo.exists(), f"LibreOffice could not open {out.name}"
        ours, theirs = openpyxl.load_workbook(out), openpyxl.load_workbook(lo)
        for action in plans[out.stem].actions:
            if isinstance(action, SetValues):
                ws = theirs[action.sheet]
                top = ws[action.anchor]
                for i, row in enumerate(action.values):
                    for j, value in enumerate(row):
                        if value is not None:
                            assert _equal(ws.cell(top.row + i, top.column + j).value, value), (out.name, action)
            elif isinstance(action, ReplaceSheet) and action.name in theirs.sheetnames:
                got = [[c for c in row] for row in theirs[action.name].iter_rows(values_only=True)]
                for r, row in enumerate(action.rows):
                    for c, value in enumerate(row):
                        if value not in (None, ""):
                            assert _equal(got[r][c], value), (out.name, action.name, r + 1, c + 1, got[r][c], value)
        for ws in ours.worksheets:
            assert ws.title in theirs.sheetnames


def test_every_feature_of_a_sheet_of_ours(tmp_path):
    """Tab colour, very hidden, links with text, number formats, widths, a column chart: valid parts,
    shown as the openpyxl engine shows them."""
    from seuranta_xl.write.actions import ChartSpec, Hyperlink

    rows = [["Nimi", "Arvo", "Osuus"], ["a", 1.25, 0.5], ["=b", 2, 0.25], ["c", 3.5, 1]]
    sheet = ReplaceSheet(name="Kokeilu", rows=rows, header_rows=1, tab_color="FF0000",
                         column_widths={"A": 20, "C": 9.5}, number_formats={"B": "0.0", "C": "0%"},
                         hyperlinks=[Hyperlink(cell="A2", target="'Seuranta'!A14", text="Linkki"),
                                     Hyperlink(cell="A5", target="'Seuranta'!B20")],
                         charts=[ChartSpec(chart_type="column", title="Arvot & osuudet <2026>", categories="A2:A4",
                                           series=["B1:B4", "C1:C4"], anchor="E2")])
    hidden = ReplaceSheet(name="Piilo", rows=[["x"]], very_hidden=True)
    plan = Plan().add(sheet, hidden, SetValues(sheet="Kokeilu", anchor="D4", values=[["lisätty"]]))
    ours, theirs = tmp_path / "ours.xlsx", tmp_path / "theirs.xlsx"
    apply_plan(S.EXAMPLE, plan, ours)
    S.apply_openpyxl(S.EXAMPLE, plan, theirs)
    _check_output(S.EXAMPLE, ours, sheets=("Kokeilu", "Piilo"))
    a, b = S.summary(ours), S.summary(theirs)
    _same(a, b)
    for key in ("bold", "freeze", "widths"):
        assert a["Kokeilu"][key] == b["Kokeilu"][key], key
    wb = openpyxl.load_workbook(ours)
    assert wb["Kokeilu"].sheet_properties.tabColor.rgb == "FFFF0000"
    assert wb["Piilo"].sheet_state == "veryHidden"
    assert wb["Kokeilu"]["A3"].value == "=b" and wb["Kokeilu"]["A3"].data_type == "s"


def test_a_signed_package_is_told_that_its_signature_goes(tmp_path):
    src = S._zip_edit(S.EXAMPLE, tmp_path / "signed.xlsx", {}, {"_xmlsignatures/origin.sigs": b"",
                                                                 "_xmlsignatures/sig1.xml": b"<Signature/>"})
    out = tmp_path / "out.xlsx"
    _, applied = S.apply_kind(src, "dropdowns", out)
    assert applied.notes == ["työkirjan digitaalinen allekirjoitus ei enää päde (mikä tahansa muutos mitätöi sen)"]
    assert S.members(out)["_xmlsignatures/sig1.xml"] == b"<Signature/>"


def test_a_sheet_it_cannot_edit_safely_is_refused_with_one_line(tmp_path):
    from seuranta_xl.errors import InputError

    def comment(text: str) -> str:
        return text.replace("<sheetData>", "<sheetData><!-- <row r=\"1\"><c r=\"A1\"/></row> -->", 1)

    src = S._zip_edit(S.EXAMPLE, tmp_path / "commented.xlsx", {"xl/worksheets/sheet1.xml": comment}, {})
    with pytest.raises(InputError) as caught:
        apply_plan(src, Plan().add(SetValues(sheet="Seuranta", anchor="J20", values=[["x"]])), tmp_path / "out.xlsx")
    assert "\n" not in str(caught.value) and "sheet1.xml" in str(caught.value)


def _prefixed(text: str) -> str:
    """The worksheet with every element in the x: prefix and the data cells without their references."""
    body = re.sub(r"<(/?)(?!\?)([A-Za-z]\w*)", r"<\1x:\2", text)
    body = body.replace('<x:worksheet xmlns="', '<x:worksheet xmlns:x="', 1)
    return re.sub(r'(<x:c) r="[A-Z]+(?:1[4-9]|[2-9][0-9])"', r"\1", body)  # rows 14 on: implicit cells


def test_a_sheet_with_prefixes_and_implicit_cell_positions(tmp_path):
    src = S._zip_edit(S.EXAMPLE, tmp_path / "prefixed.xlsx", {"xl/worksheets/sheet1.xml": _prefixed}, {})
    assert b'<x:c s="1" t="inlineStr">' in S.members(src)["xl/worksheets/sheet1.xml"]
    for kind in ("run", "clear_all"):
        out = tmp_path / f"{kind}.xlsx"
        plan, applied = S.apply_kind(src, kind, out)
        assert applied.skipped == []
        _check_output(src, out)
        theirs = tmp_path / f"theirs_{kind}.xlsx"
        S.apply_openpyxl(src, plan, theirs)
        _same(S.summary(out), S.summary(theirs))


@pytest.mark.parametrize("book", ["example", "rich_macros"])
def test_an_empty_plan_gives_back_the_file_byte_for_byte(books, tmp_path, book):
    src = books[book]
    out = tmp_path / f"same{src.suffix}"
    apply_plan(src, Plan(), out)
    assert out.read_bytes() == src.read_bytes()


_TAG_PATTERNS = """
import resource, sys
sys.path.insert(0, {root!r})
resource.setrlimit(resource.RLIMIT_AS, (600 << 20, 600 << 20))
from seuranta_xl.write.package import sheet
from seuranta_xl.write.package.spans import tag_end
attrs = b' a="' + b"x" * 2_000_000 + b'" b=c' + b" d" * 2_000_000
for tag in (b"<worksheet" + attrs + b">", b"<row" + attrs + b"/>", b"<sheetData" + attrs + b">"):
    assert tag_end(tag, 0) == len(tag)
    assert sheet._ROOT.search(tag).end() == len(tag)
row = sheet._ROW.match(b"<row" + attrs + b"/>")
assert row.group(2) == b"/" and row.group(1) == attrs
assert sheet._SHEETDATA.match(b"<sheetData" + attrs + b"/>").group(2) == b"/"
cell = sheet._CELL.match(b'<c r="A1"' + attrs + b'><v>1</v></c>')
assert cell.group(2) == b"<v>1</v>"
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS bounds the child's memory on Linux")
def test_tag_patterns_hold_no_backtracking_entry_per_character(tmp_path):
    """A start tag with megabytes of unquoted attribute text: Python's regex engine kept a
    backtracking entry for every character of a repeat that may give back (~290 MB for 2,000,000);
    the tag patterns are possessive, in runs, and read it in a capped address space."""
    import subprocess

    done = subprocess.run([sys.executable, "-c", _TAG_PATTERNS.format(root=str(Path(__file__).parent.parent))],
                          timeout=120, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-800:]


def test_a_sheet_with_megabytes_around_its_cells_is_refused_before_anything_is_written(run_cli, tmp_path,
                                                                                         monkeypatch):
    """The engine parses what lies around ``<sheetData>`` several times per command, each parse
    holding several times its bytes: more than MAX_AROUND_CELLS there (a hostile attribute on the
    root) is refused in one line, and no output is written."""
    from seuranta_xl.write.package import sheet

    monkeypatch.setattr(sheet, "MAX_AROUND_CELLS", 64 << 10)
    source = tmp_path / "report.xlsx"
    with zipfile.ZipFile(S.EXAMPLE) as zin, zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = body.replace(b"<worksheet ", b'<worksheet data-x="' + b"x" * (80 << 10) + b'" ', 1)
            zout.writestr(info, body)
    out = tmp_path / "out.xlsx"
    code, _out, err = run_cli("run", source, "-o", out)
    assert code == 2 and err.count("\n") == 1 and "around the cells" in err, err
    assert not out.exists()
    code, _out, err = run_cli("validate", source)  # reading it is still fine
    assert code in (0, 1), err
