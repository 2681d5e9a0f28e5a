"""A written row of a person's sheet: spliced in place (the fast way) where it can be, the same bytes
as when the row is parsed and written again."""

from __future__ import annotations

from hypothesis import given, settings as hsettings, strategies as st

from seuranta_xl.write.package import cells as C
from seuranta_xl.write.package.sheet import SheetPart

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_BODIES = ["", "<v>1</v>", "<v>2.5</v>", "<f>A1+1</f><v>3</v>", "<is><t>x</t></is>",
           '<is><r><rPr><charset val="1"/></rPr><t> a </t></r></is>', '<is><t xml:space="preserve"> </t></is>']


@st.composite
def rows(draw):
    """A row as writers write it, sometimes not the usual way (out of order, implicit or second r,
    spaces between cells, spans, an extLst)."""
    number = draw(st.integers(1, 30))
    cols = sorted(draw(st.sets(st.integers(1, 9), max_size=6)))
    if len(cols) > 1 and draw(st.booleans()) and draw(st.booleans()):
        cols[0], cols[1] = cols[1], cols[0]
    cells = []
    for col in cols:
        ref = f"{C.col_letters(col)}{number}"
        style = draw(st.sampled_from(["", ' s="3"', ' s="0"', " s='5'"]))
        r = draw(st.sampled_from([f' r="{ref}"'] * 6 + [f' r="{ref.lower()}"', f" r='{ref}'", ""]))
        body = draw(st.sampled_from(_BODIES))
        kind = ' t="inlineStr"' if "<is>" in body else ""
        attrs = f"{r}{style}{kind}" if draw(st.integers(0, 9)) else f'{style} t="n"{r}'
        cells.append(f"<c{attrs}/>" if not body else f"<c{attrs}>{body}</c>")
    space = draw(st.sampled_from(["", "", "", " ", "\n  "]))
    inner = space + space.join(cells) + draw(st.sampled_from(["", "<extLst><ext uri=\"u\"/></extLst>"]))
    spans = draw(st.sampled_from(["", ' spans="1:9"', ' spans="2:4"', ' spans="01:9"']))
    tag = f'<row r="{number}"{spans} ht="15">'
    data = f'<worksheet xmlns="{_MAIN}"><sheetData>{tag}{inner}</row></sheetData></worksheet>'.encode()
    return data, number


writes = st.dictionaries(st.integers(1, 11), st.sampled_from([None, "t", "a&b", " sp", 5, 2.5, True]),
                         min_size=1, max_size=5)


@hsettings(max_examples=600, deadline=None)
@given(rows(), writes)
def test_a_spliced_row_is_the_rebuilt_row(row, values):
    data, number = row
    part = SheetPart(data, "book.xlsx", "xl/worksheets/sheet1.xml")
    formulas = part.formula_cells()[0]
    values = {c: v for c, v in values.items() if (number, c) not in formulas}
    spliced = part._splice_row(part.row(number), values)
    if spliced is not None:
        assert spliced == part._rebuild_row(part.row(number), values)


def test_the_usual_row_is_spliced():
    data = (f'<worksheet xmlns="{_MAIN}"><sheetData><row r="2" spans="1:4"><c r="A2" t="inlineStr"><is><t>a</t></is>'
            '</c><c r="C2" s="4"><v>1</v></c><c r="D2"><v>2</v></c></row></sheetData></worksheet>').encode()
    part = SheetPart(data, "book.xlsx", "xl/worksheets/sheet1.xml")
    values = {2: "b", 3: None, 4: 7, 6: "f"}
    spliced = part._splice_row(part.row(2), values)
    assert spliced is not None and spliced == part._rebuild_row(part.row(2), values)
    assert spliced[0] == (b'<row r="2" spans="1:6"><c r="A2" t="inlineStr"><is><t>a</t></is></c><c r="B2" '
                          b't="inlineStr"><is><t>b</t></is></c><c r="C2" s="4"/><c r="D2"><v>7</v></c>'
                          b'<c r="F2" t="inlineStr"><is><t>f</t></is></c></row>')
