"""A responsible person's workbook as an edit of the master's package (the package engine's way).

The master is read once (:class:`MasterBook`); each person's workbook is a new package written from
it (:func:`write_person_book`) in which every part the person's copy does not need to change is the
master's zip record, byte for byte: the theme, the logo's picture and its drawing, document
properties, the lists sheet. What changes:

- each kept report sheet: the rows down to the header as they are; the person's rows and their
  parent goals moved up under the header, in the master's order (cells, row attributes); merged
  cells, conditional formats, hyperlinks, the filter, comments remapped to the new rows (what
  cannot be remapped soundly is dropped and named in the notes); the answer fields of the person's
  rows unlocked (cell formats with ``<protection locked="0"/>``, identical ones reused), the
  grade's dropdown on them and nothing else; the sheet protected; a formula kept only when every
  reference still means the same cells, otherwise its saved value is written;
- the other sheets removed with the parts only they lead to (drawings, charts, comments), their
  defined names, the calculation chain; the lists sheet the dropdown reads kept;
- the very hidden record sheet added (:data:`~seuranta_xl.splitting.RECORD_SHEET`); the workbook's
  structure protected; the report sheet visible and active;
- no macros: ``vbaProject.bin`` and what only it leads to removed, the workbook's content type a
  plain workbook's;
- the shared strings only the master's other rows use emptied (the list keeps its length, so no
  cell's index changes): a person's file does not carry other people's texts.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, BinaryIO

from ...config import LISTS_SHEETS
from ...messages import t
from ..actions import (GRADE_LIST_NAME, LISTS_SHEET, MANIFEST_HEADER, DefinedName, DeleteSheet, ListValidation, Plan,
                       ReplaceSheet, SetValues, lists_layout)
from . import cells as C
from .engine import Book, _Apply
from .refs import Moves, formula_sound, merge_range, reads_only_sent, remap_sqref, runs, translate
from .sheet import _ROW, _R_ATTR, _S_ATTR, _SPANS, SheetPart, _dv_xml, _position
from .spans import MAIN_NS, REL_NS, Node, cut_refs, esc_text, outline, set_attr, splice
from .workbook import Rels
from .zipio import Package

if TYPE_CHECKING:
    from ...model import Report
    from ...settings import Settings
    from ...splitting import Packet

_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
_C_OPEN = re.compile(rb"^<(?:[\w.-]+:)?c\b")
_F = re.compile(rb"<(?:[\w.-]+:)?f\b((?:[^>\"'/]|/(?!>)|\"[^\"]*\"|'[^']*')*)(/>|>(.*?)</(?:[\w.-]+:)?f\s*>)", re.S)
_V = re.compile(rb"<(?:[\w.-]+:)?v\b[^>]*?(?:/>|>(.*?)</(?:[\w.-]+:)?v\s*>)", re.S)
_T_ATTR = re.compile(rb"""\st\s*=\s*["']([^"']*)["']""")
_META_ATTR = re.compile(rb"""\s(?:cm|vm|t)\s*=\s*["'][^"']*["']""")
_SI = re.compile(rb"<(?:[\w.-]+:)?si\b[^>]*?(?:/>|>.*?</(?:[\w.-]+:)?si\s*>)", re.S)
_SHARED_REF = re.compile(rb"<(?:[\w.-]+:)?c\b([^>]*?\st\s*=\s*[\"']s[\"'][^>]*?)>\s*<(?:[\w.-]+:)?v\s*>\s*([0-9]+)")
_R_COLUMN = re.compile(rb"""(?<![\w:.-])r\s*=\s*["']([A-Za-z]{1,3})[0-9]""")
_ANCHORS = ("twoCellAnchor", "oneCellAnchor")
_CHART_REF = re.compile(rb"<(?:[\w.-]+:)?f>([^<]*)</(?:[\w.-]+:)?f\s*>")
_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"


def _shared_refs(data: bytes, skip: range | None = None) -> set[int]:
    """The shared strings a sheet's cells use, but for the cells of the columns ``skip``."""
    found = set()
    for m in _SHARED_REF.finditer(data):
        if skip is not None:
            column = _R_COLUMN.search(m.group(1))
            if column is not None and C.col_index(column.group(1).decode().upper()) in skip:
                continue
        found.add(int(m.group(2)))
    return found


def legacy_hash(password: str) -> str:
    """The sheet and workbook password as Excel's legacy attribute holds it (openpyxl's hash)."""
    from openpyxl.utils.protection import hash_password

    return hash_password(password)


@dataclass
class _DrawingEdit:
    """The report sheet's drawing without the anchors that would sit on (or show) other rows."""

    parts: dict[str, bytes]  # the drawing and its relationships, edited
    dropped: list[str]  # the charts and pictures only those anchors showed


@dataclass
class _MasterSheet:
    """One report sheet of the master: what every person's copy of it starts from."""

    entry: Any
    part: SheetPart
    report: "Report"
    header_bytes: bytes  # <sheetData>'s content down to the header (formulas checked once)
    header_notes: list[str]
    formulas: set[tuple[int, int]]
    col_styles: dict[int, int]
    tail: Any  # the Outline of what follows </sheetData>
    rels: Rels | None
    drawing: _DrawingEdit | None  # None: the drawing kept as it is
    drawing_notes: list[str]
    comments: tuple[str, bytes] | None
    vml: tuple[str, bytes] | None
    #: the sheet's other related parts by relationship kind (table, threadedComment, pivotTable ...)
    related: dict[str, list[str]] = field(default_factory=dict)
    formula_rows: set[int] = field(default_factory=set)
    header_sst: set[int] = field(default_factory=set)  # shared strings the header rows use


class MasterBook:
    """The master's package, read once for every person's workbook."""

    def __init__(self, pkg: Package, reports: "list[Report]", settings: "Settings", lang: str):
        self.pkg, self.settings, self.lang = pkg, settings, lang
        book = Book(pkg)
        self.order = [s.name for s in book.wb.live_sheets()]
        self.names = {n.name.casefold() for n in book.wb.names if n.local is None and not _holds_values(n)}
        self.has_grade_list = any(n.name == GRADE_LIST_NAME for n in book.wb.names)
        self.lists = [s for s in self.order if s.strip().casefold() in LISTS_SHEETS]
        self.reports = {r.sheet: r for r in reports}
        self.sst_part = next((book.rels.target(rid) for rid, n in book.rels.rels.items()
                              if (n.get("Type") or "").endswith("/sharedStrings")), None)
        if self.sst_part is not None and not pkg.has(self.sst_part):
            self.sst_part = None
        self.sst_spans: list[tuple[int, int]] = []
        self.sst_always: set[int] = set()  # used by the sheets every copy keeps as they are
        #: Our record beside the lists - every value we wrote into the master, for every row, and
        #: the findings' codes - blanked in each person's copy: it names other people's rows.
        self.record_cleared: list[SetValues] = []
        record_columns: dict[str, range] = {}
        lists_entry = book.wb.sheet_named(LISTS_SHEET)
        if lists_entry is not None:
            layout = lists_layout(book.sheet_part(lists_entry).all_rows(book.shared))
            if layout.manifest_column is not None and layout.manifest_rows:
                first, width = layout.manifest_column + 1, len(MANIFEST_HEADER)
                self.record_cleared.append(SetValues(sheet=lists_entry.name, anchor=f"{C.col_letters(first)}1",
                                                     values=[[None] * width] * layout.manifest_rows))
                record_columns[lists_entry.name] = range(first, first + width)
        if self.sst_part is not None:
            data = pkg.read(self.sst_part)
            self.sst_spans = [(m.start(), m.end()) for m in _SI.finditer(data)]
            for name in self.lists:
                part = book.sheet_part(book.wb.sheet(name))
                self.sst_always.update(_shared_refs(part.data, record_columns.get(name)))
        from ..planners import dropdowns_plan

        lists_plan = dropdowns_plan(reports[0], settings)
        #: Our lists sheet and its names, for a master without them (the dropdown reads them).
        self.lists_actions = [] if self.has_grade_list else [
            a for a in lists_plan.actions if isinstance(a, (ReplaceSheet, DefinedName))]
        self.grade = next(a for a in lists_plan.actions
                          if isinstance(a, ListValidation) and a.source == f"={GRADE_LIST_NAME}")
        self.sheets: dict[str, _MasterSheet] = {}
        for name, report in self.reports.items():
            entry = book.wb.sheet(name)
            if entry is not None:
                self.sheets[name] = self._sheet(book, entry, report, set(self.lists) | {name})

    def _sheet(self, book: Book, entry: Any, report: "Report", kept: set[str]) -> _MasterSheet:
        part = book.sheet_part(entry)
        header_row = report.header_row
        formulas, arrays = part.formula_cells()
        for r1, c1, r2, c2 in arrays:
            if (r2 - r1 + 1) * (c2 - c1 + 1) <= 100_000:
                formulas |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
        rows = [r for r in part.rows if r.number <= header_row]
        head_end = rows[-1].end if rows else part.body_start
        moves = Moves(header_row, ())
        pieces, notes = [], []
        pos = part.body_start
        formula_rows = {r for r, _ in formulas}
        shared_ok: dict[str, bool] = {}  # a shared formula's group, by si: kept when all in the header rows
        for row in rows:
            if row.number in formula_rows:
                for cell in part.cells_of(row):
                    f = _F.search(cell.body or b"")
                    attrs = C.attrs_of(f.group(1)) if f else {}
                    if attrs.get("t") == "shared" and f.group(3) is not None and attrs.get("ref"):
                        try:
                            bottom = C.parse_range(attrs["ref"])[2]
                        except ValueError:
                            bottom = header_row + 1
                        text = C.unescape_attr(f.group(3).decode("utf-8"))
                        shared_ok[attrs.get("si", "")] = bottom <= header_row and formula_sound(
                            text, entry.name, (row.number, bottom), moves, kept, self.names)
        for row in rows:  # a header formula reading the rows below would read other rows now
            if row.number in formula_rows:
                before = len(notes)
                made = _moved_row(part, row, row.number, moves, {}, entry.name, kept, self.names, notes, shared_ok)
                # a formula written as its value, or its saved value dropped; otherwise the row as it is
                if len(notes) > before or made != part.data[row.start:row.end]:
                    pieces += (part.data[pos:row.start], made)
                    pos = row.end
        pieces.append(part.data[pos:head_end])
        tail = part.tail()
        rels = None
        if self.pkg.has(_rels_of(entry.part)):
            rels = Rels(self.pkg.read(_rels_of(entry.part)), self.pkg.source, _rels_of(entry.part), entry.part)
        drawing, drawing_notes = self._drawing(tail, rels, header_row, entry.name)
        comments = vml = None
        related: dict[str, list[str]] = {}
        if rels is not None:
            for rid, node in rels.rels.items():
                kind = (node.get("Type") or "").rsplit("/", 1)[-1]
                target = rels.target(rid)
                if target and self.pkg.has(target) and kind == "comments":
                    comments = (self.pkg.actual(target), self.pkg.read(target))
                elif target and self.pkg.has(target) and kind == "vmlDrawing":
                    vml = (self.pkg.actual(target), self.pkg.read(target))
                elif target and self.pkg.has(target):
                    related.setdefault(kind, []).append(self.pkg.actual(target))
        header_sst = {int(m.group(2)) for m in _SHARED_REF.finditer(part.data, part.body_start, head_end)}
        return _MasterSheet(entry, part, report, b"".join(pieces), notes, formulas, _col_styles(part), tail, rels,
                            drawing, drawing_notes, comments, vml, related, {r for r, _ in formulas}, header_sst)

    def _charts_sound(self, anchor: Node, rels: Rels | None, sheet: str, header_row: int) -> bool:
        """Whether the charts in ``anchor`` read only rows that stay (the header rows, the lists): a
        chart of the rows below would show other rows, and its saved values other people's data."""
        for node in anchor.iter():
            rid = node.get(f"{{{REL_NS}}}id") if node.tag == "chart" else None
            target = rels.target(rid) if rels is not None and rid else None
            if target is None or not self.pkg.has(target):
                continue
            for text in _CHART_REF.findall(self.pkg.read(target)):
                formula = C.unescape_attr(text.decode("utf-8"))
                if not formula_sound(formula, sheet, (1, 1), Moves(header_row, ()), {sheet, *self.lists}, set(),
                                     moved_sheets={sheet}):
                    return False
        return True

    def _drawing(self, tail: Any, rels: Rels | None, header_row: int, sheet: str,
                 ) -> "tuple[_DrawingEdit | None, list[str]]":
        """The sheet's drawing: kept as it is when every picture and chart sits in the rows down to
        the header (the logo) and each chart reads only rows that stay; any other is dropped."""
        node = tail.root.find("drawing")
        rid = node.get(f"{{{REL_NS}}}id") if node is not None else None
        target = rels.target(rid) if rels is not None and rid else None
        if target is None or not self.pkg.has(target):
            return None, []
        data = self.pkg.read(target)
        root = outline(data, self.pkg.source, target).root
        drop = []
        drawing_rels = None
        if self.pkg.has(_rels_of(target)):
            drawing_rels = Rels(self.pkg.read(_rels_of(target)), self.pkg.source, _rels_of(target), target)
        for anchor in root.children:
            if anchor.uri != _XDR or anchor.tag not in _ANCHORS:
                continue
            start = anchor.find("from", _XDR)
            row = start.find("row", _XDR) if start is not None else None
            if row is not None and row.text.strip().isdigit() and int(row.text) + 1 > header_row:
                drop.append(anchor)
            elif not self._charts_sound(anchor, drawing_rels, sheet, header_row):
                drop.append(anchor)
        if not drop:
            return None, []
        notes = [t("split_dropped_drawing", self.lang, count=len(drop))]
        edit = _DrawingEdit({self.pkg.actual(target): splice(data, [(a.start, a.end, b"") for a in drop])}, [])
        if drawing_rels is not None:  # the dropped anchors' charts and pictures go with them
            gone = {v for a in drop for n in a.iter() for k, v in n.attrs.items() if k.startswith(f"{{{REL_NS}}}")}
            for rid in gone:
                part = drawing_rels.target(rid)
                drawing_rels.remove(rid)
                if part and self.pkg.has(part) and part not in drawing_rels.internal_targets():
                    edit.dropped.append(part)
            edit.parts[drawing_rels.part] = drawing_rels.render()
        return edit, notes


def _rels_of(part: str) -> str:
    from ...files.opc import rels_of

    return rels_of(part)


def _col_styles(part: SheetPart) -> dict[int, int]:
    """Column → the style of its empty cells (``<col style>``)."""
    head = outline(part.data[:part.sd_start] + b"</" + part.root_name + b">", part.source, part.part).root
    cols = head.find("cols")
    found: dict[int, int] = {}
    for col in cols.findall("col") if cols is not None else []:
        style = col.get("style")
        if style and style.isdigit() and (col.get("min") or "").isdigit() and (col.get("max") or "").isdigit():
            for c in range(int(col.get("min")), min(int(col.get("max")), 16384) + 1):
                found[c] = int(style)
    return found


# --- cells and rows ----------------------------------------------------------------------------


def _set_cell_attr(tag: bytes, pattern: re.Pattern[bytes], name: bytes, value: bytes) -> bytes:
    found = pattern.search(tag)
    if found:
        return tag[:found.start()] + b" " + name + b'="' + value + b'"' + tag[found.end():]
    at = _C_OPEN.match(tag).end()
    return tag[:at] + b" " + name + b'="' + value + b'"' + tag[at:]


def _moved_cell(raw: bytes, col: int, old_row: int, new_row: int, style: int | None, sheet: str, moves: Moves,
                kept: set[str], names: set[str], notes: list[str], prefix: str,
                shared_ok: dict[str, bool] | None = None) -> bytes:
    """A cell of master row ``old_row`` as cell of ``new_row``: its reference, its format
    (``style``: a new one), a formula kept only when sound (else its saved value)."""
    end = raw.index(b">") + 1
    tag, body = raw[:end], raw[end:]
    tag = _set_cell_attr(tag, _R_ATTR, b"r", C.ref(new_row, col).encode())
    if style is not None:
        tag = _set_cell_attr(tag, _S_ATTR, b"s", str(style).encode())
    f = _F.search(body) if body else None
    if f is None:
        return tag + body
    shared_ok = shared_ok or {}
    attrs = C.attrs_of(f.group(1))
    kind = attrs.get("t", "normal")
    text = C.unescape_attr(f.group(3).decode("utf-8")) if f.group(3) is not None else None
    if kind == "shared":  # kept only where nothing moves: the whole group in the header rows
        sound = old_row == new_row and shared_ok.get(attrs.get("si", ""), False)
    elif kind in ("normal", "array") and text is not None:
        sound = (kind == "normal" or old_row == new_row) and formula_sound(text, sheet, (old_row, old_row), moves,
                                                                           kept, names)
    else:
        sound = False
    # a saved value computed from rows not sent carries their data: not written
    saved_ok = text is not None and reads_only_sent(text, sheet, moves, kept, names)
    if sound:
        if text is not None and kind == "normal":
            new = translate(text, C.ref(old_row, col), C.ref(new_row, col))
            if new != text:
                body = body[:f.start(3)] + esc_text(new).encode() + body[f.end(3):]
        return tag + (body if saved_ok else _V.sub(b"", body))
    notes.append(C.ref(new_row, col))
    return _as_value(tag, body if saved_ok else b"", prefix)


def _as_value(tag: bytes, body: bytes, p: str) -> bytes:
    """A formula cell as the value the master saved for it (text inline; no value: empty)."""
    kind = _T_ATTR.search(tag)
    kind = kind.group(1) if kind else b"n"
    tag = _META_ATTR.sub(b"", tag)
    v = _V.search(body)
    value = v.group(1) if v is not None else None
    if not value:
        return (tag[:-1].rstrip() + b"/>") if tag.endswith(b">") and not tag.endswith(b"/>") else tag
    close = f"</{p}c>".encode()
    if kind == b"str":
        return (tag[:-1] + b' t="inlineStr">' + f"<{p}is><{p}t xml:space=\"preserve\">".encode() + value
                + f"</{p}t></{p}is>".encode() + close)
    typed = b' t="' + kind + b'"' if kind in (b"b", b"e") else b""
    return tag[:-1] + typed + b">" + f"<{p}v>".encode() + value + f"</{p}v>".encode() + close


def _moved_row(part: SheetPart, row: Any, new_row: int, moves: Moves, unlock: dict[int, int], sheet: str,
               kept: set[str], names: set[str], notes: list[str], shared_ok: dict[str, bool] | None = None,
               parsed: Any = None) -> bytes:
    """A master row as row ``new_row``; ``unlock``: column → the unlocked format of its cell
    (``parsed``: the row as :meth:`SheetPart.parse_row` gave it, when the caller has it)."""
    tag, attrs, cells, rest, after = parsed if parsed is not None else part.parse_row(row)
    p = part.prefix
    found = _R_ATTR.search(tag)
    at = tag.index(b"row") + 3
    tag = (tag[:found.start()] + f' r="{new_row}"'.encode() + tag[found.end():] if found
           else tag[:at] + f' r="{new_row}"'.encode() + tag[at:])
    out: dict[int, bytes] = {}
    for cell in cells:
        out[cell.col] = _moved_cell(cell.raw, cell.col, row.number, new_row, unlock.get(cell.col), sheet, moves, kept,
                                    names, notes, p, shared_ok)
    for col, style in unlock.items():
        if col not in out:
            out[col] = f'<{p}c r="{C.ref(new_row, col)}" s="{style}"/>'.encode()
    if not out:
        return tag + rest + after
    spans = _SPANS.search(tag)
    if spans and (min(out) < int(spans.group(1)) or max(out) > int(spans.group(2))):
        lo, hi = min(int(spans.group(1)), min(out)), max(int(spans.group(2)), max(out))
        tag = tag[:spans.start()] + f' spans="{lo}:{hi}"'.encode() + tag[spans.end():]
    if tag.endswith(b"/>"):
        tag, rest = tag[:-2].rstrip() + b">", f"</{p}row>".encode()
    return tag + b"".join(out[c] for c in sorted(out)) + rest + after


def _new_row_of_unlocked(p: str, new_row: int, unlock: dict[int, int]) -> bytes:
    cells = b"".join(f'<{p}c r="{C.ref(new_row, c)}" s="{s}"/>'.encode() for c, s in sorted(unlock.items()))
    return f'<{p}row r="{new_row}">'.encode() + cells + f"</{p}row>".encode() if cells else b""


# --- the tail: what follows the cells ---------------------------------------------------------


def _tail(ms: _MasterSheet, moves: Moves, dv: bytes | None, protection: bytes, kept: set[str], names: set[str],
          notes: list[str], lang: str, dropped_rids: list[str], cut: set[str]) -> bytes:
    tree = ms.tail
    data, root = tree.data, tree.root
    edits: list[tuple[int, int, bytes]] = []
    inserts: list[tuple[str, bytes]] = []
    p = tree.prefix_for(MAIN_NS) or ""
    node = root.find("sheetProtection")
    if node is not None:
        edits.append((node.start, node.end, protection))
    else:
        inserts.append(("sheetProtection", protection))
    node = root.find("autoFilter")
    if node is not None and node.get("ref"):
        try:
            _, c1, _, c2 = C.parse_range(node.get("ref"))
            edits.append(set_attr(data, node, "ref", f"{C.ref(moves.header_row, c1)}:{C.ref(max(moves.last_row, moves.header_row), c2)}"))
        except ValueError:
            pass
    node = root.find("mergeCells")
    if node is not None:
        kept_merges, lost = [], 0
        for merge in node.findall("mergeCell"):
            ref = merge_range(merge.get("ref") or "", moves)
            if ref is None:
                lost += 1 if _spans_kept(merge.get("ref") or "", moves) else 0
                continue
            kept_merges.append(splice(data[merge.start:merge.end], [set_attr(data[merge.start:merge.end],
                                                                            _local(merge), "ref", ref)]))
        if lost:
            notes.append(t("split_dropped_merges", lang, count=lost))
        if kept_merges:
            edits.append((node.start, node.end, f'<{p}mergeCells count="{len(kept_merges)}">'.encode()
                          + b"".join(kept_merges) + f"</{p}mergeCells>".encode()))
        else:
            edits.append((node.start, node.end, b""))
    lost_rules = 0
    for block in root.findall("conditionalFormatting"):
        new_block, lost = _cf_block(data, block, moves, ms.entry.name, kept, names)
        lost_rules += lost
        edits.append((block.start, block.end, new_block))
    if lost_rules:
        notes.append(t("split_dropped_formats", lang, count=lost_rules))
    node = root.find("dataValidations")
    if node is not None:
        edits.append((node.start, node.end, dv or b""))
    elif dv:
        inserts.append(("dataValidations", dv))
    node = root.find("hyperlinks")
    if node is not None:
        edit, dropped = _remapped_items(data, node, "hyperlink", "ref", moves, first_only=True)
        edits.append(edit)
        # a link on a row not sent takes its address along
        dropped_rids += [link.get(f"{{{REL_NS}}}id") for link in dropped if link.get(f"{{{REL_NS}}}id")]
    node = root.find("protectedRanges")
    if node is not None:
        edits.append(_remapped_items(data, node, "protectedRange", "sqref", moves)[0])
    node = root.find("rowBreaks")
    if node is not None:
        breaks = [b for b in node.findall("brk") if (b.get("id") or "0").isdigit() and int(b.get("id")) <= moves.header_row]
        tag = f'<{p}rowBreaks count="{len(breaks)}" manualBreakCount="{len(breaks)}">'.encode()
        edits.append((node.start, node.end, tag + b"".join(data[b.start:b.end] for b in breaks)
                      + f"</{p}rowBreaks>".encode() if breaks else b""))
    # The sheet's extensions (newer Excel's conditional formats, validations, sparklines, slicer and
    # timeline lists, protected ranges ...) name the master's rows or hold their values; none is
    # remapped, so none is sent.
    node = root.find("extLst")
    extensions = node.findall("ext") if node is not None else []
    if extensions:
        notes.append(t("split_dropped_extensions", lang, count=len(extensions)))
    node = root.find("customSheetViews")  # the master's views: its filters (values of any row), hidden rows
    if node is not None:
        notes.append(t("split_dropped_views", lang, count=len(node.findall("customSheetView"))))
        edits.append((node.start, node.end, b""))
    edits += cut_refs(data, root, cut, lambda n: n.tag == "ext")
    for name, xml in inserts:
        at = _position(root, name)
        edits.append((at, at, xml))
    return splice(data, edits)[len(ms.part.root_tag):]


def _remapped_items(data: bytes, node: Node, item: str, attr: str, moves: Moves, *,
                    first_only: bool = False) -> tuple[tuple[int, int, bytes], list[Node]]:
    """The edit of a list element (``<hyperlinks>``, ``<protectedRanges>``) keeping the ``item``
    children whose range ``attr`` covers rows kept, remapped (``first_only``: its first range), the
    list gone when none is left; and the children dropped."""
    kept, dropped = [], []
    for child in node.findall(item):
        ref = remap_sqref(child.get(attr) or "", moves)
        if ref:
            raw = data[child.start:child.end]
            kept.append(splice(raw, [set_attr(raw, _local(child), attr, ref.split()[0] if first_only else ref)]))
        else:
            dropped.append(child)
    body = data[node.start:node.open_end] + b"".join(kept) + data[node.close_start:node.end] if kept else b""
    return (node.start, node.end, body), dropped


def _local(node: Node) -> Node:
    return Node(node.uri, node.tag, node.attrs, 0, node.open_end - node.start, node.end - node.start,
                node.close_start - node.start)


def _spans_kept(ref: str, moves: Moves) -> bool:
    """Whether a merged range had any kept row below the header (a loss worth naming)."""
    try:
        r1, _, r2, _ = C.parse_range(ref)
    except ValueError:
        return False
    return any(r > moves.header_row for r in moves.rows_within(r1, r2))


def _cf_block(data: bytes, block: Node, moves: Moves, sheet: str, kept: set[str], names: set[str]) -> tuple[bytes, int]:
    """A ``<conditionalFormatting>`` on the new rows: each rule whose formula still means the same
    cells, translated to the range's new top-left cell; (b"", rules lost) when none is left."""
    old = block.get("sqref") or ""
    new = remap_sqref(old, moves)
    rules = block.findall("cfRule")
    if not new:
        return b"", 0  # on rows the person does not get: nothing is lost for them
    old_anchor, old_rows = _anchor(old)
    new_anchor, _ = _anchor(new)
    kept_rules = []
    for rule in rules:
        raw = data[rule.start:rule.end]
        edits = []
        sound = True
        for formula in rule.findall("formula"):
            text = formula.text or ""
            if old_anchor is None or not formula_sound(text, sheet, old_rows, moves, kept, names):
                sound = False
                break
            moved = translate(text, old_anchor, new_anchor) if new_anchor else text
            if moved != text:
                edits.append((formula.open_end - rule.start, formula.close_start - rule.start, esc_text(moved).encode()))
        if sound:
            kept_rules.append(splice(raw, edits))
    if not kept_rules:
        return b"", len(rules)
    tag = data[block.start:block.open_end]
    tag = splice(tag, [set_attr(tag, _local(block), "sqref", new)])
    return tag + b"".join(kept_rules) + data[block.close_start:block.end], len(rules) - len(kept_rules)


def _anchor(sqref: str) -> tuple[str | None, tuple[int, int]]:
    """The top-left cell of a list of ranges (a formula in it is written for that cell) and the
    rows the ranges span."""
    boxes = []
    for token in sqref.split():
        try:
            boxes.append(C.parse_range(token.replace("$", "")))
        except ValueError:
            return None, (0, 0)
    if not boxes:
        return None, (0, 0)
    top, left = min(b[0] for b in boxes), min(b[1] for b in boxes)
    return C.ref(top, left), (top, max(b[2] for b in boxes))


# --- comments ------------------------------------------------------------------------------------

_COMMENT_REF = re.compile(rb"""(<(?:[\w.-]+:)?comment\b[^>]*?\sref\s*=\s*["'])([A-Za-z]{1,3})([0-9]+)(["'])""")
_VML_SHAPE = re.compile(rb"<(?:\w+:)?shape[\s>].*?</(?:\w+:)?shape\s*>", re.S)
_VML_ROW = re.compile(rb"(<(?:\w+:)?Row>\s*)([0-9]+)(\s*</(?:\w+:)?Row>)")
_VML_ANCHOR = re.compile(rb"(<(?:\w+:)?Anchor>)([^<]*)(</(?:\w+:)?Anchor>)")


def _comments(data: bytes, moves: Moves) -> bytes:
    """The comments part (legacy or threaded) with each comment on its cell's new row; those of
    rows not sent go (a threaded comment's replies share its cell)."""
    root = outline(data).root
    edits = []
    for holder in root.iter():
        if holder.tag not in ("comment", "threadedComment"):
            continue
        try:
            row, col = C.parse_ref(holder.get("ref") or "")
        except ValueError:
            continue
        new = moves.new_row(row)
        if new is None:
            edits.append((holder.start, holder.end, b""))
        elif new != row:
            raw = data[holder.start:holder.open_end]
            edits.append((holder.start, holder.open_end,
                          splice(raw, [set_attr(raw, _local(holder), "ref", C.ref(new, col))])))
    return splice(data, edits)


def _vml(data: bytes, moves: Moves) -> bytes:
    """The comments' legacy drawing: each note's box on its cell's new row (moved by as many rows)."""
    def one(m: re.Match[bytes]) -> bytes:
        shape = m.group(0)
        row = _VML_ROW.search(shape)
        if row is None:
            return shape
        new = moves.new_row(int(row.group(2)) + 1)
        if new is None:
            return b""
        shift = new - 1 - int(row.group(2))
        if not shift:
            return shape
        shape = _VML_ROW.sub(lambda r: r.group(1) + str(new - 1).encode() + r.group(3), shape, count=1)

        def anchor(a: re.Match[bytes]) -> bytes:
            values = [v.strip() for v in a.group(2).split(b",")]
            if len(values) == 8 and all(v.isdigit() for v in values):
                values[2] = str(int(values[2]) + shift).encode()
                values[6] = str(int(values[6]) + shift).encode()
                return a.group(1) + b", ".join(values) + a.group(3)
            return a.group(0)

        return _VML_ANCHOR.sub(anchor, shape, count=1)

    return _VML_SHAPE.sub(one, data)


# --- one person's workbook ---------------------------------------------------------------------


@dataclass
class PersonBook:
    notes: list[str] = field(default_factory=list)


def write_person_book(master: MasterBook, packet: "Packet", out: BinaryIO, *, password: str | None = None) -> PersonBook:
    """Write ``packet``'s workbook, made from ``master``'s package, to ``out``."""
    from ...splitting import INPUT_FIELDS, RECORD_HEADER, RECORD_SHEET

    lang = master.lang
    book = Book(master.pkg)
    app = _Apply(book, lang)
    app.prune = True
    wb = book.wb
    kept_reports = [s for s in master.order if s in packet.rows and s in master.sheets]
    kept = set(kept_reports) | set(master.lists)
    result = PersonBook()
    plan = Plan()
    for name in master.order:
        if name not in kept:
            plan.add(DeleteSheet(name=name))
    plan.add(*master.lists_actions)  # a master without our lists: added for the dropdown
    plan.add(*master.record_cleared)
    kept |= {a.name for a in master.lists_actions if isinstance(a, ReplaceSheet)}
    grade = master.grade
    plan.add(ReplaceSheet(name=RECORD_SHEET, rows=[list(RECORD_HEADER)] + [e.to_row() for e in packet.record],
                          very_hidden=True))
    kept.add(RECORD_SHEET)
    moves_of = {name: Moves(master.sheets[name].report.header_row,
                            tuple(sorted(set(packet.rows[name]) | set(packet.context.get(name, [])))))
                for name in kept_reports}
    names = _drop_names(wb, kept, moves_of, result.notes, lang)
    protection = _sheet_protection(password, app.styles.p)
    used: set[int] = set(master.sst_always)
    converted: list[str] = []
    unsent: list[str] = []  # parts not sent (other than sheets and what hangs on them), for the note
    threaded_left = False  # a threaded comment left on a report sheet: the commenters' list stays
    for name in kept_reports:
        ms = master.sheets[name]
        moves = moves_of[name]
        wb.set_state(wb.sheet(name), "visible")  # hidden in the master, it would be unseen here
        editable = packet.rows[name]
        letters = [ms.report.columns[f] for f in INPUT_FIELDS if f in ms.report.columns]
        dv = None
        if "grade" in ms.report.columns:
            letter = ms.report.columns["grade"]
            sqref = " ".join(f"{letter}{a}" if a == b else f"{letter}{a}:{letter}{b}"
                             for a, b in runs([moves.new_row(r) for r in editable]))
            dv = (f'<{ms.part.prefix}dataValidations count="1">'.encode()
                  + _dv_xml(grade.model_copy(update={"sheet": name, "range": sqref}), ms.part.prefix)
                  + f"</{ms.part.prefix}dataValidations>".encode())
        chunks = _sheet_chunks(ms, moves, set(editable), [C.col_index(x) for x in letters], app.styles, kept, names,
                               converted, used)
        dropped_rids: list[str] = []
        unsent += _sheet_parts(app, ms, moves, result.notes, lang)
        threaded_left |= bool(ms.related.get("threadedComment")) and not set(ms.related["threadedComment"]) <= app.removed
        tail = _tail(ms, moves, dv, protection, kept, names, result.notes, lang, dropped_rids,
                     app.cut.pop(ms.entry.part, set()) | app.cut.pop(master.pkg.actual(ms.entry.part) or "", set()))
        app.replaced[ms.entry.part] = chunks + [tail]
        if dropped_rids and ms.rels is not None:
            rels = app.edit_rels(ms.rels.part)
            for rid in dropped_rids:
                rels.remove(rid)
        converted += ms.header_notes
        result.notes += ms.drawing_notes
        if ms.drawing is not None:
            app.replaced.update(ms.drawing.parts)
            for part in ms.drawing.dropped:
                app._drop_dependents(part)
                app._drop(part)
        if ms.comments:
            app.replaced[ms.comments[0]] = _comments(ms.comments[1], moves)
        if ms.vml:
            app.replaced[ms.vml[0]] = _vml(ms.vml[1], moves)
    if converted:
        result.notes.append(t("split_formula_values", lang, count=len(converted), cells=", ".join(converted[:5])))
    if master.sst_part is not None:
        app.replaced[master.sst_part] = _shared_strings(master, used)
    _drop_macros(app)
    unsent += _workbook_parts(app, threaded_left)
    if unsent:
        result.notes.append(t("split_dropped_parts", lang, count=len(unsent), parts=", ".join(unsent[:5])))
    attrs = {"lockStructure": "1"}
    if password:
        attrs = {"workbookPassword": legacy_hash(password), **attrs}
    wb.protect(attrs)
    wb.open_on(wb.sheet(kept_reports[0]))
    app._drop_calc_chain()
    applied = app.run(plan, out)
    result.notes += applied.skipped + applied.notes
    return result


def _sheet_protection(password: str | None, p: str) -> bytes:
    """The sheet protected as Excel protects it by default (objects and scenarios too), rows and
    columns still resizable (to read long texts)."""
    hashed = f' password="{legacy_hash(password)}"' if password else ""
    return (f'<{p}sheetProtection{hashed} sheet="1" objects="1" scenarios="1" formatColumns="0" '
            f'formatRows="0"/>').encode()


def _sheet_chunks(ms: _MasterSheet, moves: Moves, editable: set[int], input_cols: list[int], styles: Any,
                  kept: set[str], names: set[str], converted: list[str], used: set[int]) -> list[bytes]:
    part = ms.part
    head = part.data[:part.body_start]
    dimension = _dimension(part, moves)
    if dimension is not None:
        head = splice(head, [dimension])
    pieces = [head, ms.header_bytes]
    used |= ms.header_sst
    formula_rows = ms.formula_rows
    for old, new in moves.moved.items():
        row = part.row(old)
        if row is not None and old not in editable and old not in formula_rows:
            made = _renumbered(part, row, new)
            if made is not None:
                used.update(_shared_refs(made))
                pieces.append(made)
                continue
        unlock = {}
        parsed = None
        if old in editable:
            parsed = part.parse_row(row) if row is not None else None
            cells = {c.col: c for c in parsed[2]} if parsed is not None else {}
            row_style = _row_style(part, row)
            for col in input_cols:
                if (old, col) in ms.formulas:
                    continue  # a formula is never an answer field
                cell = cells.get(col)
                style = cell.style if cell is not None else None
                base = int(style) if style and style.isdigit() else (
                    row_style if row_style is not None else ms.col_styles.get(col, 0))
                unlock[col] = styles.unlocked(base)
        if row is None:
            pieces.append(_new_row_of_unlocked(part.prefix, new, unlock))
            continue
        made = _moved_row(part, row, new, moves, unlock, ms.entry.name, kept, names, converted, parsed=parsed)
        used.update(_shared_refs(made))
        pieces.append(made)
    pieces.append(part.data[part.body_end:part.sd_end])
    return pieces


_QUICK_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]+)"')


def _renumbered(part: SheetPart, row: Any, new: int) -> bytes | None:
    """A row without formulas or cells to unlock as row ``new``, without parsing it: each cell's
    start tag as most writers write it (``<c r="B20"``, no prefix) renumbered; None for any other
    row (it is parsed). ``<`` is never literal in text, so no text can look like a cell's tag."""
    data = part.data
    if part.prefix or not row.explicit:
        return None
    segment = data[row.start:row.end]
    number = str(row.number).encode()
    target = str(new).encode()
    tag = _ROW.match(segment)
    if tag is None:
        return None
    found = _R_ATTR.search(tag.group(0))
    if found is None or found.group(1) != number:
        return None
    opened = segment.count(b"<c ") + segment.count(b"<c>")
    cells = 0

    def one(m: re.Match[bytes]) -> bytes:
        nonlocal cells
        if m.group(2) != number:
            raise ValueError
        cells += 1
        return b'<c r="' + m.group(1) + target + b'"'

    try:
        body = _QUICK_CELL.sub(one, segment[tag.end():])
    except ValueError:
        return None
    if cells != opened:
        return None
    head = tag.group(0)
    head = head[:found.start(1)] + target + head[found.end(1):]
    return head + body


def _row_style(part: SheetPart, row: Any) -> int | None:
    """The format a row gives its empty cells (``s`` with ``customFormat``), else None."""
    if row is None:
        return None
    tag = _ROW.match(part.data, row.start).group(0)
    attrs = C.attrs_of(tag)
    if attrs.get("customFormat") in ("1", "true") and (attrs.get("s") or "").isdigit():
        return int(attrs["s"])
    return None


def _dimension(part: SheetPart, moves: Moves) -> tuple[int, int, bytes] | None:
    node = part._dimension_node()
    if node is None:
        return None
    try:
        r1, c1, r2, c2 = C.parse_range(node.get("ref"))
    except ValueError:
        return None
    last = max(min(r2, moves.header_row), moves.last_row)
    a, b = C.ref(min(r1, last), c1), C.ref(last, c2)
    head = part.data[:part.body_start]
    return set_attr(head, node, "ref", a if a == b else f"{a}:{b}")


def _shared_strings(master: MasterBook, used: set[int]) -> bytes:
    """The shared strings with every entry no kept cell uses emptied (indices unchanged)."""
    data = master.pkg.read(master.sst_part)
    if not master.sst_spans:
        return data
    m = re.match(rb"<([\w.-]+:)?si\b", data[master.sst_spans[0][0]:])
    p = (m.group(1) or b"") if m else b""
    empty = b"<" + p + b"si><" + p + b"t/></" + p + b"si>"
    pieces, pos = [], 0
    for i, (start, end) in enumerate(master.sst_spans):
        if i in used:
            continue
        pieces += (data[pos:start], empty)
        pos = end
    pieces.append(data[pos:])
    return b"".join(pieces)


_SHEET_REF = re.compile(r"(?:'((?:[^']|'')+)'|([^\s!'(),=+\-*/&^<>;:\"]+))!")
_AREA_NAMES = {"_xlnm.print_area", "_xlnm._filterdatabase"}


def _drop_names(wb: Any, kept: set[str], moves_of: dict[str, Moves], notes: list[str], lang: str) -> set[str]:
    """Drop the names that point at a sheet removed, or into rows of a report sheet that moved
    (the print area and the filter's range follow the rows kept); returns the names left."""
    left: set[str] = set()
    dropped = 0
    for entry in list(wb.names):
        if entry.deleted or entry.node is None:
            continue
        text = entry.text or ""
        sheets = {(a or b).replace("''", "'") if a else b for a, b in _SHEET_REF.findall(text)}
        if any(s not in kept for s in sheets) or _holds_values(entry):
            entry.deleted = True
            wb.changed = True
            dropped += not entry.name.casefold().startswith("_xlnm.")
            continue
        moved = [s for s in sheets if s in moves_of]
        if moved and not all(_name_sound(text, s, moves_of[s]) for s in moved):
            if entry.name.casefold() in _AREA_NAMES and len(moved) == 1:
                entry.deleted = True
                if entry.local is not None and entry.local < len(wb.sheets):
                    wb.set_local_name(entry.name, _area(text, moves_of[moved[0]]), wb.sheets[entry.local])
                else:
                    wb.set_name(entry.name, _area(text, moves_of[moved[0]]))
            else:
                entry.deleted = True
                wb.changed = True
                dropped += not entry.name.casefold().startswith("_xlnm.")
                continue
        if entry.local is None:
            left.add(entry.name.casefold())
    if dropped:
        notes.append(t("split_dropped_names", lang, count=dropped))
    return left


def _name_sound(text: str, sheet: str, moves: Moves) -> bool:
    """A name's reference into ``sheet`` names only rows that did not move (the header rows)."""
    for part in text.split(","):
        target, _, ref = part.strip().lstrip("=").rpartition("!")
        if target.strip("'").replace("''", "'") != sheet:
            continue
        ends = [e for e in ref.replace("$", "").split(":")]
        rows = [int(re.sub(r"^[A-Za-z]*", "", e)) for e in ends if re.sub(r"^[A-Za-z]*", "", e).isdigit()]
        if any(r > moves.header_row for r in rows) or (not rows and any(e.isdigit() for e in ends)):
            return False
    return True


def _area(text: str, moves: Moves) -> str:
    """A print area or filter range ending in the rows that moved: ending at the last row kept."""
    def one(m: re.Match[str]) -> str:
        return f"{m.group(1)}${max(moves.last_row, moves.header_row)}"

    return re.sub(r"(![^,]*:\$?[A-Za-z]{1,3})\$?[0-9]+", one, text)


def _drop_macros(app: _Apply) -> None:
    """A person's copy is a plain workbook: the VBA project and what only it leads to go."""
    for rid, node in list(app.book.rels.rels.items()):
        if (node.get("Type") or "").endswith("/vbaProject"):
            target = app.book.rels.target(rid)
            app.book.rels.remove(rid)
            if target and app.pkg.has(target):
                app._drop_dependents(target)
                app._drop(target)
    app.ct.retype("xl/workbook.xml", XLSX_MAIN)


def _holds_values(entry: Any) -> bool:
    """A name that is a value of its own (a constant, a list, a formula of no cell): the master's
    data, not a place in the person's sheets; Excel's own names (``_xlnm.``, ``_xlfn.``) are not."""
    return not entry.name.casefold().startswith("_xl") and "!" not in (entry.text or "")


# --- parts a person's book does not get ----------------------------------------------------------

#: A kept sheet's relationships to parts the package engine keeps (remapped or as they are); any other
#: (a pivot table, a slicer, a timeline, a named sheet view, a control, an embedded object) would
#: show or hold the master's rows: not sent.
_SHEET_KEPT = {"drawing", "vmlDrawing", "comments", "hyperlink", "printerSettings", "image"}
#: The workbook's relationships kept: sheets (the plan deletes those not sent), formats, the strings,
#: cell metadata and rich values cells use. Any other part (pivot caches, slicer and timeline caches,
#: the data model, connections, external links, custom XML, whatever a later Excel adds) holds
#: workbook-wide data a person's book does not need: not sent.
_WB_KEPT = {"worksheet", "chartsheet", "dialogsheet", "xlmacrosheet", "xlintlmacrosheet", "styles", "theme",
            "sharedstrings", "sheetmetadata", "calcchain", "vbaproject", "person"}
_RICH = ("richvalue", "rdrichvalue", "rdarray", "rdsupportingpropertybag")
_DATA_MODEL_EXT = "{FCE2AD5D-F65C-4FA6-A056-5C36A1767C68}"  # x15:dataModel: the model's tables and connections
_LABEL = "MSIP_Label_"  # a sensitivity label's custom properties: kept


def _sheet_parts(app: _Apply, ms: _MasterSheet, moves: Moves, notes: list[str], lang: str) -> list[str]:
    """The report sheet's related parts in the person's book: threaded comments and tables
    remapped, any other part not kept dropped (returned, for the note)."""
    dropped, tables = [], 0
    for kind, parts in ms.related.items():
        for part in parts:
            if kind == "threadedComment":
                data = _comments(app.pkg.read(part), moves)
                if re.search(rb"<(?:[\w.-]+:)?threadedComment\b", data):
                    app.replaced[part] = data
                else:
                    app.drop_part(part)
            elif kind == "table":
                data = _table(app, part, moves)
                if data is not None:
                    app.replaced[part] = data
                else:
                    tables += 1
                    app.drop_part(part)
            elif kind not in _SHEET_KEPT:
                dropped.append(part)
                app.drop_part(part)
    if tables:
        notes.append(t("split_dropped_tables", lang, count=tables))
    return dropped


def _table(app: _Apply, part: str, moves: Moves) -> bytes | None:
    """An Excel table on the report's rows (its header the report's header, no query behind it)
    over the rows kept, without its totals row (the sheet's arithmetic over everyone's rows, not a
    row of the person's: it is not sent); one in the rows down to the header as it is; None for any
    other (it is dropped)."""
    data = app.pkg.read(part)
    root = outline(data, app.pkg.source, part).root
    try:
        top, c1, bottom, c2 = C.parse_range(root.get("ref") or "")
    except ValueError:
        return None
    if bottom <= moves.header_row:
        return data
    totals = 1 if (root.get("totalsRowCount") or "0") != "0" else 0
    rows = moves.rows_within(moves.header_row + 1, bottom - totals)
    if top != moves.header_row or not rows or app.pkg.has(_rels_of(part)):
        return None
    ref = f"{C.ref(top, c1)}:{C.ref(rows[-1], c2)}"
    edits = [_edit_tag(data, root, {"ref": ref, "totalsRowCount": None, "totalsRowShown": "0" if totals else None}
                       if totals else {"ref": ref})]
    node = root.find("autoFilter")
    if node is not None:
        edits.append(set_attr(data, node, "ref", ref))
    node = root.find("sortState")  # its ranges and conditions name the master's rows
    if node is not None:
        edits.append((node.start, node.end, b""))
    if totals:
        columns = root.find("tableColumns")
        for column in columns.findall("tableColumn") if columns is not None else ():
            edits.append(_edit_tag(data, column, {"totalsRowFunction": None, "totalsRowLabel": None}))
            edits += [(f.start, f.end, b"") for f in column.findall("totalsRowFormula")]
    return splice(data, edits)


def _edit_tag(data: bytes, node: Node, values: dict[str, str | None]) -> tuple[int, int, bytes]:
    """One edit of ``node``'s start tag setting (or, None, removing) each of ``values``."""
    tag = data[node.start:node.open_end]
    for name, value in values.items():
        tag = set_attr(tag, SimpleNamespace(start=0, open_end=len(tag)), name, value)[2]
    return node.start, node.open_end, tag


def _workbook_parts(app: _Apply, threaded_left: bool) -> list[str]:
    """Drop the workbook's parts a person does not get (see :data:`_WB_KEPT`; the commenters'
    list when no threaded comment is left; the master's thumbnail) with what only they lead to;
    the document properties without the names of the master's sheets and its own properties."""
    dropped = []
    for rid, node in list(app.book.rels.rels.items()):
        kind = (node.get("Type") or "").rsplit("/", 1)[-1].lower()
        target = app.book.rels.target(rid)
        if rid in app.book.rels.removed or not target or not app.pkg.has(target):
            continue
        if (kind not in _WB_KEPT and not kind.startswith(_RICH)) or (kind == "person" and not threaded_left):
            dropped.append(app.pkg.actual(target))
            app.drop_part(target)
    app.wb.cut(exts={_DATA_MODEL_EXT})
    if app.pkg.has("_rels/.rels"):
        root_rels = app._rels_of("_rels/.rels")
        for rid, node in list(root_rels.rels.items()):
            kind = (node.get("Type") or "").rsplit("/", 1)[-1]
            target = root_rels.target(rid)
            if not target or not app.pkg.has(target):
                continue
            if kind == "thumbnail":  # a picture of the master's first sheet
                dropped.append(app.pkg.actual(target))
                app.drop_part(target)
            elif kind == "extended-properties":
                app.replaced[app.pkg.actual(target)] = _cut_children(app, target, lambda n: n.tag in (
                    "HeadingPairs", "TitlesOfParts"))  # the sheets' and names' list (Excel writes it anew)
            elif kind == "custom-properties":
                props = _cut_children(app, target, lambda n: not (n.get("name") or "").startswith(_LABEL))
                if re.search(rb"<(?:[\w.-]+:)?property\b", props):
                    app.replaced[app.pkg.actual(target)] = props
                else:
                    dropped.append(app.pkg.actual(target))
                    app.drop_part(target)
    return dropped


def _cut_children(app: _Apply, part: str, drop: Any) -> bytes:
    """``part`` without the children of its root element that ``drop`` names."""
    data = app.pkg.read(part)
    root = outline(data, app.pkg.source, part).root
    return splice(data, [(n.start, n.end, b"") for n in root.children if drop(n)])
