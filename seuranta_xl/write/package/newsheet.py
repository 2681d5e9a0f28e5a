"""Sheets of ours (ReplaceSheet) written as new parts: the worksheet, streamed row by row, and a
chart as a DrawingML chart part with its drawing. Every element in schema order."""

from __future__ import annotations

import math
from typing import Any, Callable, Iterator

from ..actions import SEGMENT_BORDER, ChartSpec, ReplaceSheet
from . import cells as C
from .spans import esc

_DECL = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_BAR = {"bar_stacked": ("bar", "stacked"), "column_stacked": ("col", "stacked"),
        "column": ("col", "clustered"), "bar": ("bar", "clustered")}
_EMU_PER_CM = 360000


def sheet_xml(action: ReplaceSheet, xf: Callable[..., int], drawing_rid: str | None) -> Iterator[bytes]:
    """The worksheet part of ``action`` as chunks; ``xf(bold=, link=, number_format=)`` gives style ids
    (called now, before the first chunk, so the styles part can be written before this one)."""
    return _sheet_chunks(*_prepare(action, xf), action, drawing_rid)


def _prepare(action: ReplaceSheet, xf: Callable[..., int]):
    shown = not (action.hidden or action.very_hidden)
    # copies ("" is an empty cell, as in openpyxl)
    rows = [[None if v == "" else v for v in r] if "" in r else list(r) for r in action.rows]
    links = {}
    for link in action.hyperlinks:
        r, c = C.parse_ref(link.cell)
        links[(r, c)] = link
        if link.text is not None:
            while len(rows) < r:
                rows.append([])
            rows[r - 1] += [None] * (c - len(rows[r - 1]))
            rows[r - 1][c - 1] = link.text
    formats = {C.col_index(k): v for k, v in action.number_formats.items()}
    header = action.header_rows if shown else 0
    bold = xf(bold=True) if header and rows else None
    link_style = xf(link=True) if links else None
    number_styles = {col: xf(number_format=fmt) for col, fmt in formats.items()}
    used_rows = [i for i, r in enumerate(rows, start=1) if r.count(None) < len(r)]
    return shown, rows, links, header, bold, link_style, number_styles, used_rows


def _sheet_chunks(shown, rows, links, header, bold, link_style, number_styles, used_rows, action: ReplaceSheet,
                  drawing_rid: str | None) -> Iterator[bytes]:
    yield _DECL + f'<worksheet xmlns="{_MAIN}" xmlns:r="{_R}">'.encode()
    if action.tab_color or action.fit_width:
        tab = f'<tabColor rgb="{_argb(action.tab_color)}"/>' if action.tab_color else ""
        fit = '<pageSetUpPr fitToPage="1"/>' if action.fit_width else ""
        yield f"<sheetPr>{tab}{fit}</sheetPr>".encode()
    yield f'<dimension ref="{_dimension(rows, used_rows, links)}"/>'.encode()
    frozen = shown and action.header_rows and len(action.rows) > action.header_rows
    if frozen:
        top = f"A{action.header_rows + 1}"
        yield (f'<sheetViews><sheetView workbookViewId="0"><pane ySplit="{action.header_rows}" topLeftCell="{top}" '
               f'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="{top}" sqref="{top}"/>'
               "</sheetView></sheetViews>").encode()
    else:
        yield b'<sheetViews><sheetView workbookViewId="0"/></sheetViews>'
    yield b'<sheetFormatPr defaultRowHeight="15"/>'
    if shown and action.column_widths:
        cols = sorted((C.col_index(k), w) for k, w in action.column_widths.items())
        yield b"<cols>" + b"".join(f'<col min="{i}" max="{i}" width="{w:g}" customWidth="1"/>'.encode()
                                   for i, w in cols) + b"</cols>"
    yield b"<sheetData>" if used_rows or links else b"<sheetData/>"
    block: list[str] = []
    letters = [C.col_letters(c) for c in range(1, max((len(r) for r in rows), default=0) + 1)]
    header_s = "" if bold is None else f' s="{bold}"'
    link_s = "" if link_style is None else f' s="{link_style}"'
    number_s = {c: f' s="{v}"' for c, v in number_styles.items()}
    link_cols: dict[int, set[int]] = {}
    for r, c in links:
        link_cols.setdefault(r, set()).add(c)
    texts: dict[str, str] = {}  # a text's cell ending, escaped once: texts repeat (codes, rules, names)
    for r, row in enumerate(rows, start=1):
        cells = []
        in_header = r <= header
        row_links = link_cols.get(r, ())
        for c, value in enumerate(row, start=1):
            if value is None:
                continue
            kind = type(value)
            if in_header:
                style = header_s
            elif c in row_links:
                style = link_s
            elif (kind is int or kind is float) and c in number_s:
                style = number_s[c]
            else:
                style = ""
            if kind is str:  # the common case, inline (same as cells.value_xml)
                tail = texts.get(value)
                if tail is None:
                    tail = texts[value] = C.text_tail(value)
                cells.append(f'<c r="{letters[c - 1]}{r}"{style}{tail}')
            elif kind is int or (kind is float and math.isfinite(value)):
                cells.append(f'<c r="{letters[c - 1]}{r}"{style}><v>{value!r}</v></c>')
            else:
                cells.append(C.value_xml(f"{letters[c - 1]}{r}", value, style[4:-1] or None).decode())
        if cells:
            block.append(f'<row r="{r}">' + "".join(cells) + "</row>")
        if len(block) >= 512:
            yield "".join(block).encode()
            block = []
    yield "".join(block).encode()
    if used_rows or links:
        yield b"</sheetData>"
    if links:
        yield b"<hyperlinks>" + b"".join(
            f'<hyperlink ref="{link.cell}" location="{esc(link.target)}"'
            f'{"" if link.text is None else f" display={chr(34)}{esc(link.text)}{chr(34)}"}/>'.encode()
            for link in action.hyperlinks) + b"</hyperlinks>"
    yield b'<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>'
    if action.landscape or action.fit_width:
        orientation = ' orientation="landscape"' if action.landscape else ""
        fit = ' fitToWidth="1" fitToHeight="0"' if action.fit_width else ""
        yield f'<pageSetup paperSize="9"{fit}{orientation}/>'.encode()
    if drawing_rid:
        yield f'<drawing r:id="{drawing_rid}"/>'.encode()
    yield b"</worksheet>"


def _dimension(rows: list[list[Any]], used_rows: list[int], links: dict) -> str:
    lines = used_rows + [r for r, _ in links]
    if not lines:
        return "A1"
    cols = [c for _, c in links]
    for i in used_rows:  # each row's first and last value
        row = rows[i - 1]
        first, last = 0, len(row)
        while row[first] is None:
            first += 1
        while row[last - 1] is None:
            last -= 1
        cols += (first + 1, last)
    return f"{C.col_letters(min(cols))}{min(lines)}:{C.col_letters(max(cols))}{max(lines)}"


def _argb(rgb: str) -> str:
    rgb = rgb.upper().lstrip("#")
    return rgb if len(rgb) == 8 else "FF" + rgb[-6:]


def _abs(sheet: str, ref: str) -> str:
    """``'Sheet'!$A$2:$A$9`` for ``A2:A9``."""
    r1, c1, r2, c2 = C.parse_range(ref)
    quoted = "'" + sheet.replace("'", "''") + "'"
    first = f"${C.col_letters(c1)}${r1}"
    return f"{quoted}!{first}" if (r1, c1) == (r2, c2) else f"{quoted}!{first}:${C.col_letters(c2)}${r2}"


def chart_xml(sheet: str, spec: ChartSpec) -> bytes:
    """A bar or column chart whose series are ``spec.series`` (header cell first) on ``sheet``."""
    direction, grouping = _BAR[spec.chart_type]
    series = []
    for i, rng in enumerate(spec.series):
        r1, c1, r2, c2 = C.parse_range(rng)
        title = _abs(sheet, C.ref(r1, c1))
        values = _abs(sheet, f"{C.ref(r1 + 1, c1)}:{C.ref(r2, c2)}")
        fill = spec.colors[i] if i < len(spec.colors) else None
        # CT_BarSer: idx, order, tx, spPr, invertIfNegative, ..., cat, val
        shape = (f'<c:spPr><a:solidFill><a:srgbClr val="{fill.upper()}"/></a:solidFill>'
                 f'<a:ln w="9525"><a:solidFill><a:srgbClr val="{SEGMENT_BORDER}"/></a:solidFill></a:ln></c:spPr>'
                 if fill else "")
        series.append(
            f'<c:ser><c:idx val="{i}"/><c:order val="{i}"/><c:tx><c:strRef><c:f>{esc(title)}</c:f></c:strRef></c:tx>{shape}'
            f'<c:invertIfNegative val="0"/><c:cat><c:strRef><c:f>{esc(_abs(sheet, spec.categories))}</c:f></c:strRef></c:cat>'
            f'<c:val><c:numRef><c:f>{esc(values)}</c:f></c:numRef></c:val></c:ser>')
    overlap = '<c:overlap val="100"/>' if grouping == "stacked" else ""
    orientation = "maxMin" if direction == "bar" else "minMax"
    cat_pos, val_pos = ("l", "b") if direction == "bar" else ("b", "l")
    return (_DECL + (
        '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        f'xmlns:r="{_R}"><c:roundedCorners val="0"/><c:chart>'
        f'<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>{esc(spec.title)}</a:t></a:r></a:p></c:rich></c:tx>'
        '<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>'
        f'<c:barChart><c:barDir val="{direction}"/><c:grouping val="{grouping}"/><c:varyColors val="0"/>'
        + "".join(series) +
        f'<c:gapWidth val="150"/>{overlap}<c:axId val="10"/><c:axId val="100"/></c:barChart>'
        f'<c:catAx><c:axId val="10"/><c:scaling><c:orientation val="{orientation}"/></c:scaling><c:delete val="0"/>'
        f'<c:axPos val="{cat_pos}"/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/>'
        '<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="100"/><c:crosses val="autoZero"/>'
        '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        f'<c:valAx><c:axId val="100"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
        f'<c:axPos val="{val_pos}"/><c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="1"/>'
        '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="10"/>'
        '<c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx></c:plotArea>'
        '<c:legend><c:legendPos val="r"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/>'
        '<c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>').encode())


def drawing_xml(anchors: list[tuple[ChartSpec, str]]) -> bytes:
    """The drawing holding each chart (``rid`` of its relationship) at its anchor cell."""
    parts = []
    for n, (spec, rid) in enumerate(anchors, start=1):
        row, col = C.parse_ref(spec.anchor)
        cx, cy = int(spec.width_cm * _EMU_PER_CM), int(spec.height_cm * _EMU_PER_CM)
        parts.append(
            f"<xdr:oneCellAnchor><xdr:from><xdr:col>{col - 1}</xdr:col><xdr:colOff>0</xdr:colOff>"
            f"<xdr:row>{row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx=\"{cx}\" cy=\"{cy}\"/>"
            f'<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="{n + 1}" name="Chart {n}"/>'
            "<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/>"
            '</xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
            f'<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="{rid}"/>'
            "</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:oneCellAnchor>")
    return _DECL + (
        '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
        f'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="{_R}">'
        + "".join(parts) + "</xdr:wsDr>").encode()
