"""The plain-sheet value read (files/plain_values.py) gives exactly python-calamine's rows, or falls back.

Every comparison is against python-calamine itself (``to_python(skip_empty_area=False)``), on real
packages: the bundled examples, generated reports, openpyxl's and LibreOffice's files, and sheets
written by hand for the edge cases of calamine's string, number and extent rules.
"""

from __future__ import annotations

import datetime
import importlib.util
import io
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st
from python_calamine import CalamineWorkbook

import package_support as S
from seuranta_xl.errors import InputError
from seuranta_xl.files.reader import inspect_package, read_grids

ROOT = Path(__file__).parent.parent
EXAMPLES = sorted((ROOT / "workbook" / "examples").glob("*.xlsx"))

_SPEC = importlib.util.spec_from_file_location("bench_generate_pv", ROOT / "benchmarks" / "generate.py")
generate_mod = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = generate_mod
_SPEC.loader.exec_module(generate_mod)


def calamine_rows(data: bytes) -> dict[str, list[list]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return {name: book.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in book.sheet_names}


def fast_rows(data: bytes) -> dict[str, list[list]]:
    """The sheets the fast path read (a sheet it left to calamine is absent)."""
    values: dict[str, list[list]] = {}
    inspect_package(data, "en", values=values, name="test.xlsx")
    return values


def exact(rows: list[list]) -> list[list]:
    """Rows with each value's type and repr, so that 1 == 1.0 == True and 0.0 == -0.0 do not pass."""
    return [[(type(value).__name__, repr(value)) for value in row] for row in rows]


def assert_same(data: bytes, *, expect_fast: set[str] | None = None) -> dict[str, list[list]]:
    fast, slow = fast_rows(data), calamine_rows(data)
    for name, rows in fast.items():
        assert exact(rows) == exact(slow[name]), name
    if expect_fast is not None:
        assert set(fast) == expect_fast
    return fast


# --- packages written by hand --------------------------------------------------------------------

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def package(sheet_data: bytes | str, *, sst: bytes | str | None = None, styles: bytes | str | None = None,
            root_target: str = "xl/workbook.xml", head: str = "") -> bytes:
    """A minimal .xlsx with one sheet "S" holding ``sheet_data`` (the content of <sheetData>)."""
    def b(text):
        return text.encode() if isinstance(text, str) else text

    rels = f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    if sst is not None:
        rels += f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
    if styles is not None:
        rels += f'<Relationship Id="rId3" Type="{_REL}/styles" Target="styles.xml"/>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="rels" ContentType="application/'
                   'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
                   'ContentType="application/xml"/></Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
                   f'{_REL}/officeDocument" Target="{root_target}"/></Relationships>')
        z.writestr("xl/workbook.xml",
                   f'<?xml version="1.0" encoding="UTF-8"?><workbook {_NS} xmlns:r="{_REL}"><sheets>'
                   '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                   f'openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
        if sst is not None:
            z.writestr("xl/sharedStrings.xml", b(sst))
        if styles is not None:
            z.writestr("xl/styles.xml", b(styles))
        z.writestr("xl/worksheets/sheet1.xml",
                   b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ' + _NS.encode()
                   + b">" + b(head) + b"<sheetData>" + b(sheet_data) + b"</sheetData></worksheet>")
    return buf.getvalue()


def inline(ref: str, text: str, preserve: bool = False) -> str:
    space = ' xml:space="preserve"' if preserve else ""
    return f'<c r="{ref}" t="inlineStr"><is><t{space}>{text}</t></is></c>'


def sst(*items: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><sst {_NS} count="{len(items)}" '
            f'uniqueCount="{len(items)}">' + "".join(items) + "</sst>")


def styles(numfmts: str = "", xfs: str = '<xf numFmtId="0"/>') -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {_NS}>'
            + (f"<numFmts>{numfmts}</numFmts>" if numfmts else "")
            + f"<cellXfs>{xfs}</cellXfs></styleSheet>")


READ_FAST = {
    "numbers": '<row r="2"><c r="B2"><v>3</v></c><c r="C2"><v>1e+20</v></c><c r="D2"><v>-0</v></c>'
               '<c r="E2" t="n"><v>0.1</v></c><c r="F2"><v>-12.5E-3</v></c><c r="G2"><v>1e400</v></c></row>',
    "booleans": '<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c></row>',
    "empty values": '<row r="1"><c r="A1"><v></v></c><c r="B1" t="n"><v/></c><c r="C1" t="b"></c>'
                    '<c r="D1" t="inlineStr"/><c r="E1" s="0"/><c r="F1"/></row><row r="2"><c r="A2"><v>1</v></c></row>',
    "empty strings count": '<row r="3"><c r="C3" t="inlineStr"><is><t></t></is></c></row>'
                           '<row r="4"><c r="E4" t="inlineStr"><is/></c><c r="F4" s="0"/></row>',
    "only styled empties": '<row r="5"><c r="E5" s="0"/></row>',
    "no cells": '<row r="1"></row><row r="2"/>',
    "nothing": "",
    "not from A1": '<row r="7"><c r="D7"><v>1</v></c></row>',
    "rows out of order": inline("B5", "x") + inline("D2", "y"),
    "duplicate cell": '<row r="2">' + inline("B2", "x") + inline("B2", "z") + "</row>",
    "lower-case reference": '<row r="2"><c r="b2" t="inlineStr"><is><t>x</t></is></c></row>',
    "line ends": '<row r="1">' + inline("A1", "a\r\nb\rc\nd") + inline("B1", "a\r\n", True) + "</row>",
    "entities": '<row r="1">' + inline("A1", "&amp;&lt;&gt;&quot;&apos;&#65;&#x42;&#xe4;&#x1D11E;") + "</row>",
    "trim": '<row r="1">' + inline("A1", " \t a b \n") + inline("B1", " a ", True)
            + inline("C1", "&#10;x&#32;") + inline("D1", "\u00a0x\u00a0") + inline("E1", "&#x0D;a&#xd;") + "</row>",
    "excel escapes": '<row r="1">' + inline("A1", "_x000D__x005F_x000D__x000d__x00+A__x00E4__x0100__x00G1_x00")
                     + inline("B1", " _x0020_ ") + "</row>",
    "split escape": '<row r="1"><c r="A1" t="inlineStr"><is><t>_x00</t><t>0D_</t></is></c></row>',
    "rich runs": '<row r="2"><c r="B2" t="inlineStr"><is><r><rPr><b/><sz val="11"/><rFont val="Calibri"/>'
                 '</rPr><t>ab </t></r><r><t xml:space="preserve"> c </t></r><rPh sb="0" eb="1"><t>PH</t></rPh>'
                 '<phoneticPr fontId="1" type="noConversion"/></is></c></row>',
    "empty phonetic run": '<row r="1"><c r="A1" t="inlineStr"><is><rPh sb="0" eb="1"/><r><t>x</t></r>'
                          '<rPh sb="0" eb="1"><t>P</t></rPh></is></c></row>',
    "phonetic only": '<row r="1"><c r="A1" t="inlineStr"><is><rPh sb="0" eb="1"><t>PH</t></rPh></is></c></row>',
    "whitespace between": '<row r="1">\n  <c r="A1" t="inlineStr">\n <is>\n <t>x</t>\n </is>\n </c>\n'
                          '<c r="B1" s="0">\n<v>2</v>\n</c></row>',
    "v in inline string": '<row r="1"><c r="A1" t="inlineStr"><v>x</v></c><c r="B1"><v>1</v></c></row>',
    "far cell": '<row r="40"><c r="AB40"><v>1</v></c></row>',
}


@pytest.mark.parametrize("case", READ_FAST)
def test_hand_written_sheets_read_fast_as_calamine(case):
    assert_same(package(READ_FAST[case], styles=styles()), expect_fast={"S"})


def test_shared_strings_with_the_same_rules():
    strings = sst("<si><t>plain</t></si>", '<si><t xml:space="preserve"> kept </t></si>',
                  "<si><r><t>a</t></r><r><rPr><i/></rPr><t>b</t></r><rPh sb=\"0\" eb=\"1\"><t>P</t></rPh></si>",
                  "<si><t>_x000D_&amp;\r\nx </t></si>", "<si/>", "<si><t/></si>")
    cells = "".join(f'<c r="{col}1" t="s"><v>{i}</v></c>' for i, col in enumerate("ABCDEF"))
    assert assert_same(package(f'<row r="1">{cells}</row>', sst=strings), expect_fast={"S"})["S"] == [
        ["plain", " kept ", "ab", "\r&\nx", "", ""]]


@pytest.mark.parametrize("number_format", ["0", "0.00", "#,##0", '#,##0.00\\ "€"', "0%", "@", "General", '"kpl" 0'])
def test_numbers_in_plain_formats_read_fast(number_format, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"], sheet["B2"] = 1234.5, -2
    sheet["A1"].number_format = sheet["B2"].number_format = number_format
    path = tmp_path / "n.xlsx"
    book.save(path)
    assert_same(path.read_bytes(), expect_fast={"Sheet"})


# --- what falls back -----------------------------------------------------------------------------

FALL_BACK = {
    "error value": '<row r="1"><c r="A1" t="e"><v>#N/A</v></c></row>',
    "iso date": '<row r="1"><c r="A1" t="d"><v>2021-01-01</v></c></row>',
    "formula string type": '<row r="1"><c r="A1" t="str"><v>x</v></c></row>',
    "unknown type": '<row r="1"><c r="A1" t="q"><v>1</v></c></row>',
    "spaced number": '<row r="1"><c r="A1"><v> 3</v></c></row>',
    "odd number": '<row r="1"><c r="A1"><v>.5</v></c><c r="B1"><v>inf</v></c></row>',
    "boolean text": '<row r="1"><c r="A1" t="b"><v>true</v></c></row>',
    "unknown entity": '<row r="1">' + inline("A1", "&nbsp;") + "</row>",
    "control character reference": '<row r="1">' + inline("A1", "&#1;") + "</row>",
    "extra element": '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is><extLst/></c></row>',
    "other attribute": '<row r="1"><c r="A1" cm="1"><v>1</v></c></row>',
    "attributes reordered": '<row r="1"><c t="n" r="A1"><v>1</v></c></row>',
    "single-quoted preserve": "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t xml:space='preserve'> x</t></is></c></row>",
    "extra row end": '<row r="1"><c r="A1"><v>1</v></c></row></row><row r="2"><c r="A2"><v>2</v></c></row>',
    "row not closed": '<row r="1"><c r="A1"><v>1</v></c><row r="2"><c r="A2"><v>2</v></c></row>',
    "run not closed": '<row r="1"><c r="A1" t="inlineStr"><is><r><t>x</t></is></c></row>',
    "run end alone": '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></r></is></c></row>',
    "row attribute not UTF-8": b'<row r="1" x="\xc3"><c r="A1"><v>1</v></c></row>',
    "phonetic text not UTF-8": b'<row r="1"><c r="A1" t="inlineStr"><is><t>x</t><rPh sb="0" eb="1"><t>\xc3</t></rPh>'
                               b'</is></c></row>',
    "bad row number": '<row r="x"><c r="A1"><v>1</v></c></row>',
    "row zero": '<row r="0"><c r="A1"><v>1</v></c></row>',
    "element between cells": '<row r="1"><foo/><c r="A1"><v>1</v></c></row>',
    "text between cells": '<row r="1">x<c r="A1"><v>1</v></c></row>',
    "cell outside a row": '<c r="A1"><v>1</v></c><foo>',
    "style without styles part": '<row r="1"><c r="A1" s="1"><v>1</v></c></row>',
    # what the pre-scan's _UNUSUAL finds in a run's properties, which it leaves to this read to refuse
    "cell element in a run": '<row r="1"><c r="A1" t="inlineStr"><is><r><rPr><c/></rPr><t>x</t></r></is></c></row>',
    "formula element in a run": '<row r="1"><c r="A1" t="inlineStr"><is><r><rPr><f val="1"/></rPr><t>x</t></r></is>'
                                '</c></row>',
    # a row tag is looked for between the cells only: one inside a cell is no plain cell
    "row tag in a run": '<row r="1"><c r="A1" t="inlineStr"><is><r><rPr><row-x/></rPr><t>x</t></r></is></c></row>',
}


@pytest.mark.parametrize("case", FALL_BACK)
def test_what_the_fast_path_is_not_sure_of_falls_back(case):
    data = package(FALL_BACK[case])
    assert fast_rows(data) == {}
    try:
        expected = calamine_rows(data)["S"]
    except BaseException:  # calamine refuses it: so must the reader, as before
        with pytest.raises(InputError):
            list(read_grids("x.xlsx", "en", data=data))
        return
    assert exact(next(iter(read_grids("x.xlsx", "en", data=data))).rows) == exact(expected)


@pytest.mark.parametrize("head", ['<dimension ref="A1:B"/>', '<dimension ref="B2:A1"/>', '<dimension/>',
                                  '<dimension ref="A1:AAAA1"/>', '<sheetPr><foo></sheetPr>'])
def test_a_head_calamine_may_refuse_falls_back(head):
    data = package('<row r="1"><c r="A1"><v>1</v></c></row>', head=head)
    assert fast_rows(data) == {}
    assert set(fast_rows(package('<row r="1"><c r="A1"><v>1</v></c></row>', head='<dimension ref="A1:B3"/>'))) == {"S"}


@pytest.mark.parametrize("numfmts,xfs", [
    ("", '<xf numFmtId="14"/>'),  # built-in date
    ("", '<xf numFmtId="46"/>'),  # built-in duration
    ('<numFmt numFmtId="164" formatCode="dd.mm.yyyy"/>', '<xf numFmtId="164"/>'),
    ('<numFmt numFmtId="164" formatCode="[h]:mm"/>', '<xf numFmtId="164"/>'),
    ('<numFmt numFmtId="164" formatCode="a/p"/>', '<xf numFmtId="164"/>'),
    ('<numFmt numFmtId="&#49;4" formatCode="0"/>', '<xf numFmtId="14"/>'),  # calamine keys ids raw
])
def test_a_number_whose_style_may_be_a_date_falls_back(numfmts, xfs):
    data = package('<row r="1"><c r="A1" s="0"><v>44197</v></c></row>', styles=styles(numfmts, xfs))
    assert fast_rows(data) == {}
    grid = next(iter(read_grids("x.xlsx", "en", data=data)))
    assert exact(grid.rows) == exact(calamine_rows(data)["S"])


def test_a_date_styled_number_is_calamines_date(tmp_path):
    book = openpyxl.Workbook()
    book.active["A1"] = datetime.date(2021, 3, 4)
    book.active["B1"] = "text"
    path = tmp_path / "d.xlsx"
    book.save(path)
    assert fast_rows(path.read_bytes()) == {}
    (grid,) = read_grids(path, "en")
    assert grid.rows[0][0] == datetime.date(2021, 3, 4) or grid.rows[0][0] == datetime.datetime(2021, 3, 4)


def test_parts_calamine_finds_elsewhere_fall_back():
    # The package's main document in another folder: calamine looks for the strings there.
    cells = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    data = package(cells, sst=sst("<si><t>x</t></si>"), root_target="/xl/workbook.xml")
    assert set(fast_rows(data)) == {"S"}
    # ./xl/workbook.xml: the reader's copy spells it xl/workbook.xml (files/opc.py), as calamine reads it
    data = package(cells, sst=sst("<si><t>x</t></si>"), root_target="./xl/workbook.xml")
    assert fast_rows(data) == {"S": [["x"]]}
    # a second main document (calamine takes the last) in a folder the package does not have
    second = f'xl/workbook.xml"/><Relationship Id="rId9" Type="{_REL}/officeDocument" Target="elsewhere/workbook.xml'
    data = package(cells, sst=sst("<si><t>x</t></si>"), root_target=second)
    assert fast_rows(data) == {}


@pytest.mark.parametrize("entries,fast", [
    ("<si><t>a</t></si>\n  <si/>\n<si><t>b</t></si><si/>", True),  # whitespace, empty entries
    ("<si><t>a</t><t>b</t></si><si><t>x<!-- c --></t></si>", False),
    ("<si><t xml:space='preserve'> a</t></si>", False),
    ("<si><r><t>a</t></r><x/></si>", False),
])
def test_shared_strings_written_otherwise(entries, fast):
    count = entries.count("<si")
    strings = (f'<?xml version="1.0" encoding="UTF-8"?><sst {_NS} count="{count}" uniqueCount="{count}">'
               f"{entries}</sst>")
    cells = "".join(f'<c r="A{i + 1}" t="s"><v>{i}</v></c>' for i in range(count))
    data = package(f'<row r="1">{cells}</row>', sst=strings)
    assert set(assert_same(data)) == ({"S"} if fast else set())


def test_a_shared_string_index_beyond_the_strings_is_still_refused():
    data = package('<row r="1"><c r="A1" t="s"><v>5</v></c></row>', sst=sst("<si><t>x</t></si>"))
    with pytest.raises(InputError, match="5"):
        list(read_grids("x.xlsx", "en", data=data))


# --- real files ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_bundled_examples(path):
    data = path.read_bytes()
    assert_same(data, expect_fast=set(calamine_rows(data)))


@pytest.mark.parametrize("n,seed", [(1, 1), (50, 3), (400, 7)])
def test_generated_reports(n, seed, tmp_path):
    path = generate_mod.write_xlsx(generate_mod.generate(n, seed=seed, fault_rate=0.05), tmp_path / "r.xlsx")
    data = Path(path).read_bytes()
    assert_same(data, expect_fast=set(calamine_rows(data)))


def _openpyxl_book(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Kaikki"
    rows = [
        ["teksti", " välit ", "rivi\nvaihto", "cr\r\nlf", "_x000D_", "&<>\"'", "\u00a0nbsp", "𝄞", ""],
        [1, 2.5, -0.0, 1e20, 1e-300, True, False, None, 12345678901234567],
        [None, None, None],
        ["vain B"],
    ]
    for row in rows:
        sheet.append(row)
    sheet["K9"] = "kaukana"
    sheet["C7"].number_format = "0.00"  # a styled empty cell
    other = book.create_sheet("Toinen")
    other["D3"] = 3
    other["D3"].number_format = "0.0"
    book.create_sheet("Tyhjä")
    book.save(path)
    return path


def test_openpyxl_workbook_every_value_type(tmp_path):
    data = _openpyxl_book(tmp_path / "o.xlsx").read_bytes()
    assert_same(data, expect_fast={"Kaikki", "Toinen", "Tyhjä"})


def test_libreoffice_resaved_workbook(tmp_path):
    if S.SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    sources = [_openpyxl_book(tmp_path / "o.xlsx"), *EXAMPLES]
    for converted in S.soffice_convert(sources, tmp_path / "lo"):
        data = converted.read_bytes()
        fast = assert_same(data)
        assert fast, converted.name  # LibreOffice writes plain sheets with shared strings


# --- generated cell contents ---------------------------------------------------------------------

_ALPHABET = st.sampled_from(list("ab äÖ€𝄞\t\n\r &<>\"'_x0D+A5F") + ["_x000D_", "_x005F_", "_x00e4_", "&#13;",
                                                                    "&#x41;", "&amp;", "\r\n", "&#10;"])
_TEXTS = st.lists(_ALPHABET, max_size=12).map("".join)


def _escape(text: str) -> str:
    """Raw text for XML: a bare & < > is escaped, the prepared entities are kept."""
    out = []
    for piece in text.split("&"):
        out.append(piece.replace("<", "&lt;").replace(">", "&gt;"))
    joined = "&".join(out)
    for name in ("amp;", "#13;", "#x41;", "#10;"):
        joined = joined.replace("&" + name, "\x00" + name)
    return joined.replace("&", "&amp;").replace("\x00", "&")


_CELLS = st.one_of(
    st.tuples(st.just("s"), st.lists(st.tuples(_TEXTS, st.booleans()), min_size=1, max_size=3)),
    st.tuples(st.just("n"), st.floats(allow_nan=False, allow_infinity=False)),
    st.tuples(st.just("b"), st.booleans()),
    st.tuples(st.just("e"), st.none()),
)


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(1, 6), st.integers(1, 5), _CELLS), max_size=12), st.booleans())
def test_generated_cells_read_as_calamine_reads_them(cells, shared):
    rows: dict[int, dict[int, str]] = {}
    strings: list[str] = []
    for row, col, (kind, value) in cells:
        ref = "ABCDE"[col - 1] + str(row)
        if kind == "s":
            runs = "".join(f'<r><t{" xml:space=&quot;preserve&quot;" if keep else ""}>{_escape(text)}</t></r>'
                           .replace("&quot;", '"') for text, keep in value)
            if shared:
                strings.append(f"<si>{runs}</si>")
                xml = f'<c r="{ref}" t="s"><v>{len(strings) - 1}</v></c>'
            else:
                xml = f'<c r="{ref}" t="inlineStr"><is>{runs}</is></c>'
        elif kind == "n":
            xml = f'<c r="{ref}"><v>{value!r}</v></c>'.replace("inf", "1e999")
        elif kind == "b":
            xml = f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
        else:
            xml = f'<c r="{ref}" s="0"/>'
        rows.setdefault(row, {})[col] = xml
    sheet = "".join(f'<row r="{r}">' + "".join(rows[r][c] for c in sorted(rows[r])) + "</row>" for r in sorted(rows))
    data = package(sheet, sst=sst(*strings) if shared and strings else None, styles=styles())
    assert_same(data, expect_fast={"S"})


# --- hostile sheets: every pattern stays linear, and a sheet not read here costs one match ---------


def test_cells_written_otherwise_end_the_chunk_in_one_match():
    """A sheet whose cells this module does not read (attributes in another order) falls back after
    one match for the rest of the chunk, not one match per byte (125 MB for a 1 MB chunk)."""
    from seuranta_xl.files.plain_values import _CELL

    cells = b'<row r="1">' + b'<c r="A1" t="s" s="1"><v>12</v></c>' * 30_000 + b"</row>"
    assert len(_CELL.findall(cells)) <= 2
    assert fast_rows(package(cells, sst='<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                   + "<si><t>x</t></si>" * 13 + "</sst>")) == {}


_LINEAR = """
import sys
sys.path.insert(0, {root!r})
from seuranta_xl.files.plain_values import _CELL, _RICH, rich_text, NotPlain
# exponential if a repeated group holds a repeated whitespace run again: 2**100 steps
assert _RICH.fullmatch(b" " * 100 + b"x") is None
# quadratic if whitespace before </c> can be split between two runs: 4e12 steps
_CELL.findall(b'<c r="A1">' + b" " * 2_000_000 + b"x")
# quadratic if an <is> without </is> is looked for to the end of the chunk, cell after cell
_CELL.findall(b'<c r="A1" t="inlineStr"><is><t>x</t></c>' * 200_000)
try:
    rich_text(b"<t>x</t>" + b" " * 1_000_000 + b"<b/>")
except NotPlain:
    pass
"""


def test_the_patterns_stay_linear_on_hostile_sheets():
    """Catastrophic backtracking would make these take hours; linear, they take well under a second.
    (A child process with a generous bound, so that a regression fails instead of hanging the run.)"""
    import subprocess

    done = subprocess.run([sys.executable, "-c", _LINEAR.format(root=str(ROOT))], timeout=120,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-500:]


def test_inline_strings_without_their_end_are_refused_in_one_line():
    """A sheet whose inline strings lost their ``</is>`` (not well-formed): refused as before the
    fast path existed, at once."""
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>teksti {r}</t></c></row>' for r in range(1, 5001))
    with pytest.raises(InputError):
        list(read_grids("x.xlsx", "en", data=package(rows)))


def test_a_million_empty_shared_strings_are_read_in_one_pass():
    """Runs of empty entries (``<si/>``) are taken in one match: a slice per entry made a hostile
    strings part quadratic (1,000,000 empty entries: minutes)."""
    import subprocess

    code = ("import sys; sys.path.insert(0, {root!r})\n"
            "from seuranta_xl.files.plain_values import shared_strings\n"
            "xml = b'<sst>' + b'<si/>' * 1_000_000 + b'<si><t>x</t></si> <si/>\\n<si/><si> <t>y</t></si></sst>'\n"
            "strings = shared_strings(xml, 1_000_004)\n"
            "assert strings[-4:] == ['x', '', '', 'y'] and len(strings) == 1_000_004, strings[-4:]\n")
    done = subprocess.run([sys.executable, "-c", code.format(root=str(ROOT))], timeout=120, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-500:]
    sst = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si/> <si/><si><t>a</t></si>'
           '<si/></sst>')
    assert_same(package('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>2</v></c>'
                        '<c r="C1" t="s"><v>3</v></c></row>', sst=sst), expect_fast={"S"})


def test_a_row_of_millions_of_empty_cells_is_not_matched_all_at_once(monkeypatch):
    """Each match held while a findall runs costs ~140 bytes: a hostile row of millions of empty
    cells (a 90 KB file) took 1.2 GB. The fast path declines a chunk longer than its bound, and the
    quick scan leaves a sheet with too many cell elements to expat, which streams."""
    from seuranta_xl.files import plain_values, prescan

    row = '<row r="1"><c r="A1"><v>1</v></c>' + '<c r="B1"/>' * 3_000 + "</row>"
    monkeypatch.setattr(plain_values, "_MAX_CHUNK", 20_000)
    monkeypatch.setattr(prescan, "QUICK_MAX_CELLS", 2_000)
    data = package(row)
    assert fast_rows(data) == {}
    scan = prescan.SheetScan("xl/worksheets/sheet1.xml")
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    assert prescan.quick_sheet_scan(xml, scan, None) is False
    assert exact(next(iter(read_grids("x.xlsx", "en", data=data))).rows) == exact(calamine_rows(data)["S"])


_BOUNDED = """
import resource, sys
sys.path.insert(0, {root!r})
resource.setrlimit(resource.RLIMIT_AS, (700 << 20, 700 << 20))
from seuranta_xl.files.reader import read_grids
data = open(sys.argv[1], "rb").read()
rows = next(iter(read_grids("x.xlsx", "en", data=data))).rows
assert rows == [[1.0]], rows[:1]
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS bounds the child's memory on Linux")
@pytest.mark.parametrize("rest", ['<c r="B1"/>' * 2_500_000 + "</row>", "</row>" + "<row/>" * 3_000_000],
                         ids=["a row of empty cells", "rows without an end tag"])
def test_a_hostile_sheet_is_read_within_bounded_memory(rest, tmp_path):
    """2,500,000 empty cells in one row, or 3,000,000 ``<row/>`` after the last ``</row>`` (a few
    kilobytes zipped, ~20 MB of XML) read with the address space capped at 700 MB: before the bounds
    the quick scan held ~700 MB of matches for the first, the row check and the regex engine's
    backtracking entries ~2 GB for the second."""
    import subprocess

    path = tmp_path / "row.xlsx"
    path.write_bytes(package('<row r="1"><c r="A1"><v>1</v></c>' + rest))
    done = subprocess.run([sys.executable, "-c", _BOUNDED.format(root=str(ROOT)), str(path)], timeout=300,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-800:]


def test_every_built_in_number_format_reads_as_calamine_reads_it():
    """Built-in ids 27-36 and 50-58 (East Asian dates) are dates to calamine though not to most
    writers: only the ids known to be numbers are read here, every other one falls back."""
    read = []
    for number_format in range(164):
        styles = ('<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2">'
                  f'<xf numFmtId="0"/><xf numFmtId="{number_format}"/></cellXfs></styleSheet>')
        data = package('<row r="1"><c r="A1" s="1"><v>45000.5</v></c></row>', styles=styles)
        fast = fast_rows(data)
        if fast:
            read.append(number_format)
            assert exact(fast["S"]) == exact(calamine_rows(data)["S"]), number_format
    assert read == [*range(14), *range(37, 45), 48, 49]


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_TEXTS, st.booleans()), min_size=1, max_size=6), st.booleans())
def test_generated_texts_in_the_usual_form_read_as_calamine_reads_them(texts, shared):
    """The forms nearly every writer uses - ``<is><t>…</t></is>`` and ``<si><t>…</t></si>``, with or
    without ``xml:space="preserve"`` - which the reader takes by a shorter path than rich text."""
    cells, strings = [], []
    for row, (text, keep) in enumerate(texts, start=1):
        t = f'<t xml:space="preserve">{_escape(text)}</t>' if keep else f"<t>{_escape(text)}</t>"
        if shared:
            strings.append(f"<si>{t}</si>")
            cells.append(f'<row r="{row}"><c r="A{row}" t="s"><v>{len(strings) - 1}</v></c></row>')
        else:
            cells.append(f'<row r="{row}"><c r="A{row}" t="inlineStr"><is>{t}</is></c></row>')
    assert_same(package("".join(cells), sst=sst(*strings) if shared else None), expect_fast={"S"})


# --- the pre-scan leaves sheetData's content to this read (files/prescan.py quick_sheet_scan) -----

_FRAGMENTS = st.sampled_from([
    '<c r="A1" t="inlineStr"><is><t>x</t></is></c>', '<c r="B1"><v>1</v></c>', '<c r="C2" s="0"/>',
    '<c r="A2" t="inlineStr"><is><r><rPr><b/></rPr><t>y</t></r></is></c>', '<row r="1">', '</row>', '<row r="2"/>',
    " ", "\n", "x", "<!-- c -->", "<![CDATA[x]]>", "<!DOCTYPE x>", '<c r="A3"><f>1+1</f><v>2</v></c>', "<f/>",
    '<x:c r="A4"><x:v>1</x:v></x:c>', '<c\tr="A5"/>', "<c>", '<c r="A6" t="inlineStr"><is><r><rPr><c/></rPr><t>z</t></r></is></c>',
    '<c r="A7" t="inlineStr"><is><r><rPr><f val="1"/></rPr><t>z</t></r></is></c>',
    '<c r="A8" t="inlineStr"><is><!-- c --><t>z</t></is></c>', '<c r="A9" t="inlineStr"><is><x:t>z</x:t></is></c>',
    '<c r="A10" t="inlineStr"><is><r><rPr><x:c/></rPr><t>z</t></r></is></c>',
])


@hsettings(max_examples=400, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=10))
def test_what_the_pre_scan_refuses_anywhere_is_refused_with_the_values_read_too(fragments):
    """The quick scan searches only the frame for what makes a sheet not plain (comments, CDATA,
    DTDs, formulas, cells written otherwise, prefixed elements) when the values are read, and the
    cells only when that read fails: a sheet where that search finds anything is still never vouched
    for - the values read refuses it by its own patterns."""
    from seuranta_xl.files.plain_values import UNUSUAL, SheetValues
    from seuranta_xl.files.prescan import SheetScan, quick_sheet_scan

    content = "".join(fragments)
    xml = (b'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet ' + _NS.encode() + b"><sheetData>"
           + content.encode() + b"</sheetData></worksheet>")
    with_values = quick_sheet_scan(xml, SheetScan("s"), None, SheetValues(lambda: ["x"], frozenset({0})))
    if UNUSUAL.search(xml):
        assert not with_values
    elif with_values:
        assert quick_sheet_scan(xml, SheetScan("s"), None)  # the figures alone vouch for it too


def test_the_c_heap_is_trimmed_after_calamine_read_a_sheet_only(monkeypatch):
    """After python-calamine built a sheet's cell range the freed pages go back to the system
    (collector.give_back, ~10 ms at 50,000 actions); when it only named the sheets, read here, there
    is nothing of its to give back."""
    import seuranta_xl.files.reader as reader

    calls = []
    monkeypatch.setattr(reader, "give_back", lambda: calls.append(1))
    plain = package('<row r="1"><c r="A1"><v>1</v></c></row>')
    dated = package('<row r="1"><c r="A1" s="0"><v>44197</v></c></row>', styles=styles("", '<xf numFmtId="14"/>'))
    list(read_grids("x.xlsx", "en", data=plain))
    assert calls == []
    list(read_grids("x.xlsx", "en", data=dated))  # a date style: calamine reads that sheet
    assert calls == [1]
