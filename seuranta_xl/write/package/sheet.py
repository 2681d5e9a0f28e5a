"""A worksheet part: ``<sheetData>`` streamed by rows, the small tail after it parsed with expat.

Only the rows whose cells change are rewritten; every other byte of ``<sheetData>`` is copied.
Inside a rewritten row each untouched cell keeps its bytes, a written cell keeps its style index,
and a formula cell (or a cell inside an array or spill range) is never written over.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from ..actions import ConditionalFormat, ExistingPageSetup, ListValidation, PageSetup, formula_purpose, is_own_list_source, precedence
from . import cells as C
from ...grid import MAX_ROWS
from .spans import MAIN_NS, Node, esc, outline, set_attr, splice
from .zipio import PackageError


#: A tag's attributes up to its closing ``/>`` or ``>`` (quoted values may hold either). Possessive, in
#: runs: Python's regex engine keeps a backtracking entry (~350 bytes) per iteration of a repeat that
#: may give back, so a hostile attribute of 20 MB cost 670 MB.
_ATTRS = rb"(?:[^>\"'/]++|/(?!>)|\"[^\"]*+\"|'[^']*+')*+"
_SHEETDATA = re.compile(rb"<(?:([\w.-]+):)?sheetData\b" + _ATTRS + rb"(/?)>")
_ROW = re.compile(rb"<(?:[\w.-]+:)?row\b(" + _ATTRS + rb")(/?)>")
_ROW_START = re.compile(rb"<row\b(?:\s+r=\"([0-9]+)\")?")
_PREFIXED_ROW = re.compile(rb":row\b")
_ROW_END = re.compile(rb"</(?:[\w.-]+:)?row\s*>")
# a cell's content holds no "<" but its own elements' tags: skip runs of text at once (unrolled loop)
_CELL = re.compile(rb"<(?:[\w.-]+:)?c\b(" + _ATTRS + rb")"
                   rb"(?:/>|>([^<]*+(?:<(?!/(?:[\w.-]+:)?c\s*>)[^<]*+)*+)</(?:[\w.-]+:)?c\s*>)")
_R_ATTR = re.compile(rb"""\sr\s*=\s*["']([^"']*)["']""")
_S_ATTR = re.compile(rb"""\ss\s*=\s*["']([^"']*)["']""")
_CELL_R = re.compile(rb"""\sr\s*=\s*["']\$?([A-Za-z]{1,3})\$?[0-9]""")
_SPANS = re.compile(rb"""\sspans\s*=\s*["'](\d+):(\d+)["']""")
_FORMULA = re.compile(rb"<(?:[\w.-]+:)?f\b")
_CELL_LETTERS = re.compile(rb"<(?:[\w.-]+:)?c\b[^>]*?\sr\s*=\s*[\"']\$?([A-Za-z]{1,3})\$?[0-9]")
_VALUED_LETTERS = re.compile(rb"<(?:[\w.-]+:)?c\b[^>]*?\sr\s*=\s*[\"']\$?([A-Za-z]{1,3})\$?[0-9]+[\"'][^>]*?(?<!/)>(?!\s*</)")
# a cell's start tag as most writers write it, naming the cell first (its column's letters captured)
_CELL_OPEN = re.compile(rb"<(?:[\w.-]+:)?c\b(?:\s+r=\"([A-Z]{1,3})[0-9]+\")?")
_BETWEEN_TAGS = re.compile(rb">\s+<")
_ROOT = re.compile(rb"<(?!\?|!)([\w.:-]+)" + _ATTRS + rb"/?>")
_UNSAFE = (b"<!--", b"<![CDATA[", b"<?")

#: The children of <worksheet> in schema order (CT_Worksheet), to insert ours where they belong.
WORKSHEET_ORDER = (
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr",
    "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate",
    "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting", "dataValidations",
    "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks",
    "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing",
    "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts",
    "extLst",
)
_RANK = {name: i for i, name in enumerate(WORKSHEET_ORDER)}


@dataclass(slots=True)
class Row:
    number: int
    start: int  # "<row"
    end: int  # start of the next row (or of </sheetData>): the row and the whitespace after it
    explicit: bool  # has an r attribute


@dataclass
class ParsedCell:
    col: int
    raw: bytes
    attr_bytes: bytes
    body: bytes | None
    explicit: bool

    @property
    def attrs(self) -> dict[str, str]:
        return C.attrs_of(self.attr_bytes)

    @property
    def style(self) -> str | None:
        match = _S_ATTR.search(self.attr_bytes)
        return match.group(1).decode() if match else None

    @property
    def formula(self) -> bool:
        return bool(self.body) and _FORMULA.search(self.body) is not None


#: The most bytes before and after ``<sheetData>`` together that the engine parses (with expat, a few
#: times per command, each parse holding several times the bytes): views, formats, validations and
#: page setup take kilobytes in a real sheet. A hostile 20 MB attribute on the root made ``run -o``
#: peak at 650 MB; a larger one is refused in one line instead of exhausting memory.
MAX_AROUND_CELLS = 16 << 20


class SheetPart:
    """One worksheet part's bytes, split at ``<sheetData>``; rows indexed on first use."""

    def __init__(self, data: bytes, source: str, part: str):
        self.data, self.source, self.part = data, source, part
        match = _SHEETDATA.search(data)
        if match is None:
            raise PackageError(source, "package_part_damaged", part=part, reason="no <sheetData>")
        self.prefix = (match.group(1) + b":").decode() if match.group(1) else ""
        self.sd_start = match.start()
        self.body_start = match.end()
        if match.group(2):  # <sheetData/>
            self.body_end = self.sd_end = match.end()
        else:
            close = re.compile(rb"</" + re.escape(self.prefix.encode()) + rb"sheetData\s*>").search(data, match.end())
            if close is None:
                raise PackageError(source, "package_part_damaged", part=part, reason="<sheetData> not closed")
            self.body_end, self.sd_end = close.start(), close.end()
        around = self.sd_start + len(data) - self.sd_end
        if around > MAX_AROUND_CELLS:
            raise PackageError(source, "package_unsupported", part=part,
                               reason=f"{around >> 20} MB of XML around the cells")
        declaration_end = data.find(b"?>") + 2 if data.startswith(b"<?") else 0
        if any(data.find(u, declaration_end if u == b"<?" else 0, self.body_end) >= 0 for u in _UNSAFE):
            raise PackageError(source, "package_unsupported", part=part,
                               reason="comments, CDATA or processing instructions among the cells")
        root = _ROOT.search(data)
        self.root_tag = data[root.start():root.end()]
        self.root_name = root.group(1)
        self._rows: list[Row] | None = None
        self._starts: list[int] | None = None

    # --- rows ----------------------------------------------------------------------------------

    @property
    def rows(self) -> list[Row]:
        if self._rows is None:
            data, start, end = self.data, self.body_start, self.body_end
            rows, number = [], 0
            # Rows without a prefix are found by their first bytes (several times faster than
            # matching whole tags), each row's number read right there when r comes first.
            quick = not self.prefix and _PREFIXED_ROW.search(data, start, end) is None
            for m in (_ROW_START if quick else _ROW).finditer(data, start, end):
                if quick and m.group(1) is not None:
                    number, explicit = int(m.group(1)), True
                else:
                    tag = _ROW.match(data, m.start()) if quick else m
                    if tag is None:
                        continue
                    r = _R_ATTR.search(tag.group(1))
                    number, explicit = (int(r.group(1)), True) if r else (number + 1, False)
                if not 1 <= number <= MAX_ROWS:  # lists indexed by row number would take gigabytes
                    raise PackageError(self.source, "package_part_damaged", part=self.part,
                                       reason=f"row number {number} outside 1-{MAX_ROWS}")
                if rows and number <= rows[-1].number:  # looked up by bisection; a write would land twice
                    raise PackageError(self.source, "package_part_damaged", part=self.part,
                                       reason=f"row {number} after row {rows[-1].number}")
                if rows:
                    rows[-1].end = m.start()
                rows.append(Row(number, m.start(), end, explicit))
            self._rows = rows
            self._numbers = [r.number for r in rows]
        return self._rows

    def row(self, number: int) -> Row | None:
        rows = self.rows
        i = bisect.bisect_left(self._numbers, number)
        return rows[i] if i < len(rows) and rows[i].number == number else None

    def parse_row(self, row: Row) -> tuple[bytes, dict[str, str], list[ParsedCell], bytes, bytes]:
        """(start tag, its attributes, cells, what follows the cells inside the row, after the row)."""
        data = self.data
        start = _ROW.match(data, row.start)
        tag = start.group(0)
        if start.group(2):  # <row .../>
            return tag, C.attrs_of(tag), [], b"", data[start.end():row.end]
        close = _ROW_END.search(data, start.end(), row.end)
        if close is None:
            raise PackageError(self.source, "package_part_damaged", part=self.part, reason=f"row {row.number} not closed")
        cells, col, pos = [], 0, start.end()
        inner = data[start.end():close.start()]
        for m in _CELL.finditer(inner):
            attr_bytes = b" " + m.group(1)
            r = _CELL_R.search(attr_bytes)
            col = _col_of(r.group(1)) if r else col + 1
            cells.append(ParsedCell(col, m.group(0), attr_bytes, m.group(2), r is not None))
            pos = m.end()
        rest = inner[pos:] if cells else inner
        return tag, C.attrs_of(tag), cells, rest + data[close.start():close.end()], data[close.end():row.end]

    def cells_of(self, row: Row) -> list[ParsedCell]:
        return self.parse_row(row)[2]

    # --- what read_state needs -------------------------------------------------------------------

    def max_value_column(self) -> int:
        """The last column holding a value (a formatted empty cell does not count)."""
        data, start, end = self.data, self.body_start, self.body_end
        p = re.escape(self.prefix.encode())
        quick = rb"<" + p + rb'c r="([A-Z]{1,3})[0-9]'
        found = re.compile(quick).findall(data, start, end)
        opened = data.count(b"<" + self.prefix.encode() + b"c ", start, end) + data.count(b"<" + self.prefix.encode() + b"c>", start, end)
        if len(found) != opened:  # another writer's way (r not first, other prefixes): the general scan
            letters = set(_VALUED_LETTERS.findall(data, start, end))
            return max((C.col_index(l.decode()) for l in letters), default=0)
        for letter in sorted(set(found), key=lambda l: C.col_index(l.decode()), reverse=True):
            valued = re.compile(rb"<" + p + rb'c r="' + letter + rb'[0-9]+"[^>]*?(?<!/)>(?!\s*</)')
            if valued.search(data, start, end):
                return C.col_index(letter.decode())
        return 0

    def values(self, wanted: dict[int, set[int]], shared: Callable[[int], Any]) -> dict[tuple[int, int], Any]:
        """Saved values of the cells ``{row: {col}}`` (None for an empty or missing cell)."""
        found: dict[tuple[int, int], Any] = {}
        data, p = self.data, self.prefix.encode()
        for number, cols in wanted.items():
            row = self.row(number)
            if row is None:
                continue
            opened = data.count(b"<" + p + b"c ", row.start, row.end) + data.count(b"<" + p + b"c>", row.start, row.end)
            if opened == data.count(b"<" + p + b'c r="', row.start, row.end):  # each cell names itself first
                quick = {}
                for col in cols:
                    at = data.find(b"<" + p + f'c r="{C.ref(number, col)}"'.encode(), row.start, row.end)
                    cell = _CELL.match(data, at) if at >= 0 else None
                    if cell is None:
                        break  # not written the usual way ("e20", "$E$20"): the row is parsed
                    quick[(number, col)] = C.cell_value(cell.group(1), cell.group(2), shared)
                else:
                    found.update(quick)
                    continue
            for cell in self.cells_of(row):
                if cell.col in cols:
                    found[(number, cell.col)] = C.cell_value(cell.attr_bytes, cell.body, shared)
        return found

    def all_rows(self, shared: Callable[[int], Any]) -> list[list[Any]]:
        """Every row's values from A (for small sheets: the manifest, a first row)."""
        out: list[list[Any]] = []
        for row in self.rows:
            values: list[Any] = []
            for cell in self.cells_of(row):
                values += [None] * (cell.col - 1 - len(values))
                values.append(C.cell_value(cell.attr_bytes, cell.body, shared))
            out += [[] for _ in range(row.number - 1 - len(out))]
            out.append(values)
        return out

    def formula_cells(self) -> tuple[set[tuple[int, int]], list[tuple[int, int, int, int]]]:
        """(cells holding a formula, array/spill ranges): the person's cells, never written over."""
        if getattr(self, "_formulas", None) is None:
            self._formulas = self._formula_cells()
        return self._formulas

    def _formula_cells(self) -> tuple[set[tuple[int, int]], list[tuple[int, int, int, int]]]:
        cells: set[tuple[int, int]] = set()
        arrays: list[tuple[int, int, int, int]] = []
        positions = [m.start() for m in _FORMULA.finditer(self.data, self.body_start, self.body_end)]
        if not positions:
            return cells, arrays
        rows, seen = self.rows, set()
        starts = [r.start for r in rows]
        for pos in positions:
            i = bisect.bisect_right(starts, pos) - 1
            if i < 0 or i in seen:
                continue
            seen.add(i)
            for cell in self.cells_of(rows[i]):
                if not cell.formula:
                    continue
                cells.add((rows[i].number, cell.col))
                f = re.search(rb"<(?:[\w.-]+:)?f\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)/?>", cell.body)
                fa = C.attrs_of(f.group(1)) if f else {}
                if fa.get("t") == "array" and fa.get("ref"):
                    try:
                        arrays.append(C.parse_range(fa["ref"]))
                    except ValueError:
                        pass
        return cells, arrays

    def page_setup(self) -> ExistingPageSetup:
        """The sheet's page setup: orientation, paper, scale and fitting (``<pageSetup>``) and
        whether it is fitted to pages at all (``<sheetPr><pageSetUpPr fitToPage>``)."""
        head = outline(self.data[:self.sd_start] + b"</" + self.root_name + b">", self.source, self.part).root
        pr = head.find("sheetPr")
        fit = pr.find("pageSetUpPr") if pr is not None else None
        setup = self.tail().root.find("pageSetup")

        def number(name: str) -> int | None:
            value = setup.get(name) if setup is not None else None
            return int(value) if value is not None and value.strip().isdigit() else None

        prior = {"sheetPr": None if pr is None else "empty" if pr.empty else "open",
                 "pageSetUpPr": fit is not None, "fitToPage": fit.get("fitToPage") if fit is not None else None,
                 "fitToWidth": setup.get("fitToWidth") if setup is not None else None,
                 "fitToHeight": setup.get("fitToHeight") if setup is not None else None}
        return ExistingPageSetup(
            orientation=setup.get("orientation") if setup is not None else None,
            fit_to_page=(fit.get("fitToPage") or "").lower() in ("1", "true") if fit is not None else None,
            fit_width=number("fitToWidth"), fit_height=number("fitToHeight"), paper=number("paperSize"),
            scale=number("scale"), fit_prior=prior)

    def tail(self) -> "Outline":
        """The elements after ``</sheetData>``, parsed inside the root's start tag (its namespaces)."""
        wrapper = self.root_tag + self.data[self.sd_end:]
        return outline(wrapper, self.source, self.part)

    # --- writing ---------------------------------------------------------------------------------

    def rewrite(self, writes: dict[tuple[int, int], Any], protected: Callable[[int, int], bool],
                tail: bytes | None, fit_to_page: bool | None = None,
                fit_prior: dict[str, Any] | None = None) -> tuple[Iterator[bytes], list[str]]:
        """The new part as chunks, and the cells not written (formulas). ``tail``: new bytes after
        ``</sheetData>`` (None keeps them); ``fit_to_page``: ``<sheetPr><pageSetUpPr fitToPage>``
        set (True) or removed (False)."""
        skipped: list[tuple[int, int]] = []
        by_row: dict[int, dict[int, Any]] = {}
        for (r, c), value in writes.items():
            if protected(r, c):
                skipped.append((r, c))
            else:
                by_row.setdefault(r, {})[c] = value
        skipped.sort()
        if skipped:  # the cells written, for <dimension>
            formulas = set(skipped)
            writes = {rc: v for rc, v in writes.items() if rc not in formulas}
        rows = self.rows
        data, p = self.data, self.prefix
        pieces: list[bytes | memoryview] = []
        letters: set[int] = set()  # columns present after the write, for <dimension>
        row_numbers: list[int] = []
        pos = self.body_start
        touched = sorted(by_row)
        mv = memoryview(data)

        def keep(start: int, end: int) -> None:
            if end > start:
                pieces.append(mv[start:end])
                if dimension is not None:
                    letters.update(C.col_index(l.decode()) for l in set(_CELL_LETTERS.findall(data, start, end)))

        dimension = self._dimension_node()
        grown = None  # only cells added: the new extent is the old one and the new cells (no scan)
        if dimension is not None and writes and None not in writes.values():
            try:
                grown = C.parse_range(dimension.get("ref"))
            except ValueError:
                grown = None
            if grown is not None:
                rows_w = [r for r, _ in writes]
                cols_w = [c for _, c in writes]
                grown = (min(grown[0], *rows_w), min(grown[1], *cols_w), max(grown[2], *rows_w), max(grown[3], *cols_w))
                dimension_node, dimension = dimension, None  # no scanning below
        new_rows: list[bytes] = []
        ti = 0
        previous_inserted = False
        for row in rows:
            while ti < len(touched) and touched[ti] < row.number:  # rows that do not exist yet
                keep(pos, row.start)
                pos = row.start
                made = self._new_row(touched[ti], by_row[touched[ti]])
                if made:
                    pieces.append(made)
                    row_numbers.append(touched[ti])
                    letters.update(c for c, v in by_row[touched[ti]].items() if v is not None)
                    previous_inserted = True
                ti += 1
            if ti < len(touched) and touched[ti] == row.number:
                keep(pos, row.start)
                new, cols = self._rewrite_row(row, by_row[row.number], force_r=previous_inserted)
                pieces.append(new)
                letters.update(cols)
                if cols:
                    row_numbers.append(row.number)
                pos = row.end
                ti += 1
                previous_inserted = False
                continue
            if previous_inserted and not row.explicit:
                keep(pos, row.start)
                tag = _ROW.match(data, row.start)
                pieces.append(tag.group(0)[:tag.group(0).index(b"row") + 3] + f' r="{row.number}"'.encode()
                              + tag.group(0)[tag.group(0).index(b"row") + 3:])
                pos = tag.end()
            previous_inserted = False
            if dimension is not None and row.end > row.start and _CELL_LETTERS.search(data, row.start, row.end):
                row_numbers.append(row.number)
        keep(pos, self.body_end)
        tail_rows = [self._new_row(n, by_row[n]) for n in touched[ti:]]
        for n, made in zip(touched[ti:], tail_rows):
            if made:
                row_numbers.append(n)
                letters.update(c for c, v in by_row[n].items() if v is not None)
        tail_bytes = b"".join(m for m in tail_rows if m)

        head = data[:self.body_start]
        if grown is not None:
            first, last = C.ref(grown[0], grown[1]), C.ref(grown[2], grown[3])
            head = splice(head, [set_attr(head, dimension_node, "ref", first if first == last else f"{first}:{last}")])
        elif dimension is not None and writes:
            ref = "A1"
            if row_numbers and letters:
                ref = f"{C.col_letters(min(letters))}{min(row_numbers)}:{C.col_letters(max(letters))}{max(row_numbers)}"
                if ref.split(":")[0] == ref.split(":")[1]:
                    ref = ref.split(":")[0]
            head = splice(head, [set_attr(head, dimension, "ref", ref)])
        if fit_to_page is not None:
            cut = len(head) - (self.body_start - self.sd_start)  # the <sheetData> tag ends the head
            head = self._with_fit(head[:cut], fit_to_page, fit_prior) + head[cut:]
        if self.body_start == self.sd_end and (tail_bytes or pieces):  # <sheetData/> gets content
            head = head[:self.sd_start] + f"<{p}sheetData>".encode()
            closing = f"</{p}sheetData>".encode()
        else:
            closing = data[self.body_end:self.sd_end]
        after = data[self.sd_end:] if tail is None else tail

        def chunks() -> Iterator[bytes]:
            yield head
            yield from pieces
            yield tail_bytes
            yield closing
            yield after

        return chunks(), [C.ref(r, c) for r, c in skipped]

    def _with_fit(self, before: bytes, fit: bool, prior: dict[str, Any] | None = None) -> bytes:
        """``before`` (the part up to ``<sheetData>``) with fitToPage set or removed. CT_SheetPr's
        children are tabColor, outlinePr, pageSetUpPr: ours goes last."""
        tree = outline(before + b"</" + self.root_name + b">", self.source, self.part)
        root, p = tree.root, self.prefix
        pr = root.find("sheetPr")
        node = pr.find("pageSetUpPr") if pr is not None else None
        if fit:
            if node is not None:
                return splice(before, [(node.start, node.open_end,
                                        _put_attr(before[node.start:node.open_end], "fitToPage", "1"))])
            new = f'<{p}pageSetUpPr fitToPage="1"/>'.encode()
            if pr is None:
                at = root.open_end
                return splice(before, [(at, at, f"<{p}sheetPr>".encode() + new + f"</{p}sheetPr>".encode())])
            if pr.empty:
                tag = before[pr.start:pr.open_end][:-2].rstrip() + b">"
                return splice(before, [(pr.start, pr.end, tag + new + f"</{p}sheetPr>".encode())])
            return splice(before, [(pr.close_start, pr.close_start, new)])
        if node is None:
            return before
        if prior is None:
            # the attribute goes; the element stays (an empty pageSetUpPr is the default, and one
            # that was there before us, as openpyxl writes it, is kept as it was)
            return splice(before, [set_attr(before, node, "fitToPage", None)])
        # Undoing ours with the fitting as it was written before us: the same bytes again.
        before = splice(before, [set_attr(before, node, "fitToPage", prior.get("fitToPage"))])
        if prior.get("pageSetUpPr"):
            return before
        root = outline(before + b"</" + self.root_name + b">", self.source, self.part).root
        pr = root.find("sheetPr")
        node = pr.find("pageSetUpPr") if pr is not None else None
        if node is None or not node.empty or node.attrs:
            return before  # the person has put something on it since
        before = splice(before, [(node.start, node.end, b"")])
        root = outline(before + b"</" + self.root_name + b">", self.source, self.part).root
        pr = root.find("sheetPr")
        if pr is None or pr.children or pr.empty:
            return before
        if prior.get("sheetPr") is None and not pr.attrs:
            return splice(before, [(pr.start, pr.end, b"")])
        if prior.get("sheetPr") == "empty":  # <sheetPr codeName="…"/> as it was
            tag = before[pr.start:pr.open_end]
            return splice(before, [(pr.start, pr.end, tag[:-1].rstrip() + b"/>")])
        return before

    def _dimension_node(self) -> Node | None:
        head = self.data[:self.sd_start] + b"</" + self.root_name + b">"
        node = outline(head, self.source, self.part).root.find("dimension")
        return node if node is not None and node.get("ref") is not None else None

    def _new_row(self, number: int, values: dict[int, Any]) -> bytes:
        cells = [C.value_xml(C.ref(number, c), v, None, self.prefix) for c, v in sorted(values.items()) if v is not None]
        if not cells:
            return b""
        return f'<{self.prefix}row r="{number}">'.encode() + b"".join(cells) + f"</{self.prefix}row>".encode()

    def _append_to_row(self, row: Row, values: dict[int, Any]) -> tuple[bytes, set[int]] | None:
        """The common case without parsing the row: values (none empty) right of its last cell."""
        if None in values.values():
            return None
        data, p = self.data, self.prefix.encode()
        start = _ROW.match(data, row.start)
        if start.group(2) or not row.explicit:
            return None
        close = _ROW_END.search(data, start.end(), row.end)
        if close is None:
            return None
        last = data.rfind(b"<" + p + b"c", start.end(), close.start())
        while last >= 0 and data[last + 2 + len(p):last + 3 + len(p)] not in (b" ", b">", b"/", b"\t", b"\n", b"\r"):
            last = data.rfind(b"<" + p + b"c", start.end(), last)
        if last < 0:
            return None
        r = _CELL_R.search(data, last, data.index(b">", last))
        if r is None or _col_of(r.group(1)) >= min(values):
            return None
        if data.find(b"<" + p + b"extLst", start.end(), close.start()) >= 0:
            return None
        tag = start.group(0)
        spans = _SPANS.search(tag)
        if spans and max(values) > int(spans.group(2)):
            tag = tag[:spans.start()] + f' spans="{spans.group(1).decode()}:{max(values)}"'.encode() + tag[spans.end():]
        new = b"".join(C.value_xml(C.ref(row.number, c), v, None, self.prefix) for c, v in sorted(values.items()))
        first = _CELL_R.search(data, start.end(), data.index(b">", start.end() + 1))
        cols = {_col_of(r.group(1)), *values} | ({_col_of(first.group(1))} if first else set())
        view = memoryview(data)  # one copy of the row's bytes, not four
        return b"".join((tag, view[start.end():close.start()], new, view[close.start():row.end])), cols

    def _splice_row(self, row: Row, values: dict[int, Any]) -> tuple[bytes, set[int]] | None:
        """The common case without parsing the row: each written cell replaced, inserted or removed
        in place, every other byte kept. Only for a row written the usual way - every cell naming
        itself first, in column order, nothing between the cells (where the rebuilt row of
        :meth:`_rebuild_row` would drop it) - so the bytes are the same as rebuilding it; None for
        any other row."""
        data = self.data
        if not row.explicit:
            return None
        start = _ROW.match(data, row.start)
        close = data.rfind(b"</", start.end(), row.end)  # the row's end tag: only spaces follow it
        if start.group(2) or close < 0 or _ROW_END.match(data, close) is None:
            return None
        inner = start.end()
        if _BETWEEN_TAGS.search(data, inner - 1, close):  # from the start tag's ">"
            return None
        starts: list[int] = []
        cols: list[int] = []
        for m in _CELL_OPEN.finditer(data, inner, close):
            if m.group(1) is None:
                return None
            col = _col_of(m.group(1))
            if cols and col <= cols[-1]:
                return None
            starts.append(m.start())
            cols.append(col)
        tag = start.group(0)
        spans = _SPANS.search(tag)
        if spans and cols and (spans.group(1).startswith(b"0") or cols[0] < int(spans.group(1))
                               or cols[-1] > int(spans.group(2))):
            return None  # spans the cells do not fit: as the rebuilt row has them
        number, p = row.number, self.prefix
        edits: list[tuple[int, int, bytes]] = []  # (start, end, new bytes) in the row's order
        final = set(cols)
        for col in sorted(values):
            value = values[col]
            i = bisect.bisect_left(cols, col)
            if i < len(cols) and cols[i] == col:
                cell = _CELL.match(data, starts[i])
                if cell is None or cell.end() > (starts[i + 1] if i + 1 < len(starts) else close):
                    return None
                style = _S_ATTR.search(data, cell.start(1), cell.end(1))
                style = style.group(1).decode() if style else None
                if value is not None:
                    new = C.value_xml(C.ref(number, col), value, style, p)
                elif style not in (None, "", "0"):
                    new = C.empty_xml(C.ref(number, col), style, p)
                else:
                    new = b""
                    final.discard(col)
                edits.append((starts[i], cell.end(), new))
            elif value is not None:
                if i < len(starts):
                    at = starts[i]
                elif starts:  # after the last cell (before an extLst)
                    last = _CELL.match(data, starts[-1])
                    if last is None:
                        return None
                    at = last.end()
                else:
                    at = inner
                edits.append((at, at, C.value_xml(C.ref(number, col), value, None, p)))
                final.add(col)
        if not edits:
            return data[row.start:row.end], final
        if not final:
            return None  # the row may go: see _rebuild_row
        if spans and (min(final) < int(spans.group(1)) or max(final) > int(spans.group(2))):
            lo, hi = min(int(spans.group(1)), min(final)), max(int(spans.group(2)), max(final))
            tag = tag[:spans.start()] + f' spans="{lo}:{hi}"'.encode() + tag[spans.end():]
        pieces, pos = [tag], inner
        for at, end, new in edits:
            pieces += (data[pos:at], new)
            pos = end
        pieces.append(data[pos:row.end])
        return b"".join(pieces), final

    def _rewrite_row(self, row: Row, values: dict[int, Any], force_r: bool) -> tuple[bytes, set[int]]:
        fast = self._append_to_row(row, values)
        if fast is None:
            fast = self._splice_row(row, values)
        return fast if fast is not None else self._rebuild_row(row, values)

    def _rebuild_row(self, row: Row, values: dict[int, Any]) -> tuple[bytes, set[int]]:
        """The row parsed and written again: any row, as any writer wrote it."""
        tag, attrs, cells, rest, after = self.parse_row(row)
        by_col = {cell.col: cell for cell in cells}
        out: dict[int, bytes] = {}
        all_explicit = all(cell.explicit for cell in cells)
        for cell in cells:
            out[cell.col] = cell.raw if (cell.explicit or all_explicit) else _with_r(cell, row.number)
        if not all_explicit:  # implicit positions would shift: every cell gets its reference
            out = {cell.col: _with_r(cell, row.number) if not cell.explicit else cell.raw for cell in cells}
        changed = False
        for col, value in values.items():
            cell = by_col.get(col)
            style = cell.style if cell is not None else None
            if value is not None:
                out[col] = C.value_xml(C.ref(row.number, col), value, style, self.prefix)
                changed = True
            elif cell is not None:
                changed = True
                if style not in (None, "", "0"):
                    out[col] = C.empty_xml(C.ref(row.number, col), style, self.prefix)
                else:
                    del out[col]
        if not changed and all_explicit and "r" in attrs:
            return self.data[row.start:row.end], set(by_col)
        p = self.prefix
        if not out and set(attrs) <= {"r", "spans"} and (not rest or rest.strip(b" \t\r\n").startswith(b"</")):
            return b"", set()  # a row that only held our cells goes with them
        if "r" not in attrs:
            tag = tag[:tag.index(b"row") + 3] + f' r="{row.number}"'.encode() + tag[tag.index(b"row") + 3:]
        if out:
            spans = _SPANS.search(tag)
            if spans and (min(out) < int(spans.group(1)) or max(out) > int(spans.group(2))):
                lo, hi = min(int(spans.group(1)), min(out)), max(int(spans.group(2)), max(out))
                tag = tag[:spans.start()] + f' spans="{lo}:{hi}"'.encode() + tag[spans.end():]
        body = b"".join(out[c] for c in sorted(out))
        if tag.endswith(b"/>"):
            if not out:
                return tag + after, set(out)
            tag = tag[:-2].rstrip() + b">"
            rest = f"</{p}row>".encode()
        return tag + body + rest + after, set(out)


@lru_cache(maxsize=4096)
def _col_of(letters: bytes) -> int:
    return C.col_index(letters.decode())


def _with_r(cell: ParsedCell, row: int) -> bytes:
    raw = cell.raw
    at = raw.index(b"c") + 1
    return raw[:at] + f' r="{C.ref(row, cell.col)}"'.encode() + raw[at:]


# --- the tail: conditional formats and data validations ---------------------------------------


@dataclass
class OwnRule:
    sqref: str
    purpose: str
    order: tuple[int, int]
    raw: bytes | None = None  # an existing rule (its bytes in the tail); None: new
    node: Node | None = None
    action: ConditionalFormat | None = None
    dxf: int | None = None


@dataclass
class TailEdits:
    """What the plan does to one staff sheet's tail, in plan order."""

    dv: list[tuple[str, Any]] = field(default_factory=list)  # ("clear", None) | ("add", ListValidation)
    cf: list[tuple[str, Any]] = field(default_factory=list)  # ("clear", purposes) | ("add", (action, dxf))
    page: list[PageSetup] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.dv or self.cf or self.page)

    @property
    def fit_to_page(self) -> bool | None:
        """The last fitting the plan asks for (None: not touched)."""
        return next((a.fit_width for a in reversed(self.page) if a.fit_width is not None), None)

    @property
    def fit_prior(self) -> dict[str, Any] | None:
        """With the last fitting asked for: the fitting as it was before us (undoing ours)."""
        return next((a.fit_prior for a in reversed(self.page) if a.fit_width is not None), None)


def edit_tail(sheet: SheetPart, edits: TailEdits) -> bytes:
    """The bytes after ``</sheetData>`` with our validations and conditional formats applied."""
    tree = sheet.tail()
    data, root = tree.data, tree.root
    p = tree.prefix_for(MAIN_NS)
    if p is None:
        raise PackageError(sheet.source, "package_unsupported", part=sheet.part, reason="namespace")
    changes: list[tuple[int, int, bytes]] = []
    inserts: list[tuple[str, bytes]] = []  # (element name, bytes) to insert at its schema position
    after_cf: int | None = None
    if edits.cf:
        cf_bytes, after_cf = _cf(data, root, edits.cf, p, changes)
        if cf_bytes:
            if after_cf is not None:
                changes.append((after_cf, after_cf, cf_bytes))
            else:
                inserts.append(("conditionalFormatting", cf_bytes))
    if edits.dv:
        dv_node = root.find("dataValidations")
        # (bytes, list source or None, added by this plan): whether a validation is ours depends on
        # the names of the person's own that a clear leaves alone (ClearOwn.user_names).
        entries: list[tuple[bytes, str | None, bool]] = []
        if dv_node is not None:
            for child in dv_node.findall("dataValidation"):
                f1 = child.find("formula1")
                source = (f1.text or "") if f1 is not None and child.get("type") == "list" else None
                entries.append((data[child.start:child.end], source, False))
        for op, action in edits.dv:
            if op == "clear":
                user_names = action or ()
                entries = [e for e in entries
                           if not (e[2] or (e[1] is not None and is_own_list_source(e[1], user_names)))]
            else:
                entries.append((_dv_xml(action, p), None, True))
        if dv_node is not None:
            if entries:
                start, _end, start_tag = set_attr(data, dv_node, "count", str(len(entries)))
                if start_tag.endswith(b"/>"):
                    start_tag = start_tag[:-2].rstrip() + b">"
                close = data[dv_node.close_start:dv_node.end] if not dv_node.empty else f"</{p}dataValidations>".encode()
                changes.append((dv_node.start, dv_node.end, start_tag + b"".join(e[0] for e in entries) + close))
            else:
                changes.append((dv_node.start, dv_node.end, b""))
        elif entries:
            inserts.append(("dataValidations", f'<{p}dataValidations count="{len(entries)}">'.encode()
                            + b"".join(e[0] for e in entries) + f"</{p}dataValidations>".encode()))
    if edits.page:
        _page_setup(data, root, edits.page, p, changes, inserts)
    for name, xml in inserts:
        at = _position(root, name)
        changes.append((at, at, xml))
    out = splice(data, changes)
    return out[len(sheet.root_tag):]


def _page_setup(data: bytes, root: Node, actions: list[PageSetup], p: str,
                changes: list[tuple[int, int, bytes]], inserts: list[tuple[str, bytes]]) -> None:
    """``<pageSetup>``'s orientation, paper and fitting as the plan's PageSetup actions leave them;
    every other attribute (the printer settings' r:id, margins' siblings) kept."""
    wanted: dict[str, str | None] = {}
    for action in actions:
        if action.orientation is not None:
            wanted["orientation"] = None if action.orientation == "default" else action.orientation
        if action.paper is not None:
            wanted["paperSize"] = "9" if action.paper == "a4" else None
        if action.fit_width is not None:
            prior = action.fit_prior if not action.fit_width else None
            wanted["fitToWidth"], wanted["fitToHeight"] = ("1", "0") if action.fit_width else (
                (prior.get("fitToWidth"), prior.get("fitToHeight")) if prior else (None, None))
    if not wanted:
        return
    node = root.find("pageSetup")
    if node is None:
        attrs = " ".join(f'{k}="{v}"' for k, v in sorted(wanted.items(), key=lambda kv: _SETUP_ORDER.index(kv[0]))
                         if v is not None)
        if attrs:
            inserts.append(("pageSetup", f"<{p}pageSetup {attrs}/>".encode()))
        return
    tag = data[node.start:node.open_end]
    for name, value in reversed(list(wanted.items())):
        tag = _put_attr(tag, name, value)
    if re.fullmatch(rb"<[\w.:-]+\s*/>", tag) and node.empty:  # nothing left on it: the element goes
        changes.append((node.start, node.end, b""))
    else:
        changes.append((node.start, node.open_end, tag))


def _put_attr(tag: bytes, name: str, value: str | None) -> bytes:
    """A start tag with attribute ``name`` set (in place, or right after the element's name, so that
    removing it again gives back the same bytes) or removed (None)."""
    pattern = re.compile(rb"(\s)" + re.escape(name.encode()) + rb"\s*=\s*(\"[^\"]*\"|'[^']*')")
    if value is None:
        return pattern.sub(b"", tag, count=1)
    new = name.encode() + b'="' + esc(value).encode() + b'"'
    if pattern.search(tag):
        return pattern.sub(lambda m: m.group(1) + new, tag, count=1)
    at = re.match(rb"<[\w.:-]+", tag).end()
    return tag[:at] + b" " + new + tag[at:]


#: CT_PageSetup's attributes in the schema's order (attribute order is free; this is the usual one).
_SETUP_ORDER = ("paperSize", "scale", "firstPageNumber", "fitToWidth", "fitToHeight", "pageOrder", "orientation")


def _shift(node: Node, by: int) -> Node:
    return Node(node.uri, node.tag, node.attrs, node.start + by, node.open_end + by, node.end + by,
                node.close_start + by, node.children, node.text, node.prefix)


def _position(root: Node, name: str) -> int:
    """Where an element ``name`` goes among the root's children (before the first that follows it)."""
    rank = _RANK[name]
    for child in root.children:
        if child.uri == MAIN_NS and _RANK.get(child.tag, -1) > rank:
            return child.start
        if child.uri != MAIN_NS and child.tag not in _RANK:  # foreign elements (mc:AlternateContent) sit late
            continue
    return root.close_start


def _cf(data: bytes, root: Node, ops: list[tuple[str, Any]], p: str,
        changes: list[tuple[int, int, bytes]]) -> tuple[bytes, int | None]:
    blocks = root.findall("conditionalFormatting")
    own: list[OwnRule] = []
    staff_max = 0
    staff_left: list[Node] = []
    for node in root.iter():
        if node.tag != "cfRule":
            continue
        purpose = next((formula_purpose(f.text) for f in node.children if f.tag == "formula" and formula_purpose(f.text)), None)
        if purpose is None:
            try:
                staff_max = max(staff_max, int(node.get("priority") or 0))
            except ValueError:
                pass
    for block in blocks:
        rules = block.findall("cfRule")
        keep: list[Node] = []
        for rule in rules:
            purpose = next((formula_purpose(f.text) for f in rule.findall("formula") if formula_purpose(f.text)), None)
            if purpose is None:
                keep.append(rule)
            else:
                try:
                    priority = int(rule.get("priority") or 0)
                except ValueError:
                    priority = 0
                own.append(OwnRule(block.get("sqref") or "", purpose, (0, priority), data[rule.start:rule.end], rule))
        if len(keep) == len(rules):
            staff_left.append(block)
            continue
        if keep:  # a block of the staff's that also held a rule of ours: theirs stay, in place
            inner = b"".join(data[r.start:r.end] for r in keep)
            changes.append((block.start, block.end, data[block.start:block.open_end] + inner + data[block.close_start:block.end]))
            staff_left.append(block)
        else:
            changes.append((block.start, block.end, b""))
    added = 0
    for op, payload in ops:
        if op == "clear":
            own = [r for r in own if r.purpose not in set(payload)]
        else:
            action, dxf = payload
            own.append(OwnRule(action.range, action.purpose, (1, added), action=action, dxf=dxf))
            added += 1
    own.sort(key=lambda r: (precedence(r.purpose), r.order))
    groups: dict[str, list[bytes]] = {}
    for i, rule in enumerate(own, start=staff_max + 1):
        if rule.raw is not None:
            node = _shift(rule.node, -rule.node.start)
            raw = splice(rule.raw, [set_attr(rule.raw, node, "priority", str(i))])
        else:
            raw = _rule_xml(rule.action, rule.dxf, i, p)
        groups.setdefault(rule.sqref, []).append(raw)
    out = b"".join(f'<{p}conditionalFormatting sqref="{esc(sqref)}">'.encode() + b"".join(raws)
                   + f"</{p}conditionalFormatting>".encode() for sqref, raws in groups.items())
    return out, (staff_left[-1].end if staff_left else None)


def _rule_xml(action: ConditionalFormat, dxf: int, priority: int, p: str) -> bytes:
    stop = ' stopIfTrue="1"' if action.stop_if_true else ""
    formula = action.formula[1:] if action.formula.startswith("=") else action.formula
    return (f'<{p}cfRule type="expression" dxfId="{dxf}" priority="{priority}"{stop}>'
            f"<{p}formula>{esc(formula)}</{p}formula></{p}cfRule>").encode()


def _dv_xml(action: ListValidation, p: str) -> bytes:
    attrs = [("type", "list"), ("errorStyle", "stop" if action.stop else "warning"), ("allowBlank", "1"),
             ("showInputMessage", "1" if action.prompt else "0"), ("showErrorMessage", "1")]
    for name, value in (("errorTitle", action.error_title), ("error", action.error),
                        ("promptTitle", action.prompt_title), ("prompt", action.prompt)):
        if value is not None:
            attrs.append((name, value))
    attrs.append(("sqref", action.range))
    source = action.source[1:] if action.source.startswith("=") else action.source
    return (f"<{p}dataValidation " + " ".join(f'{k}="{esc(v)}"' for k, v in attrs) + ">"
            f"<{p}formula1>{esc(source)}</{p}formula1></{p}dataValidation>").encode()
