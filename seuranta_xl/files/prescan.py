"""The bounded pre-scan under :func:`seuranta_xl.files.reader.inspect_package`: files and XML parts.

Two guarantees every reader relies on:

- **Every input is a regular file, read once without blocking** (:func:`read_regular`): opened with
  ``O_NONBLOCK`` and checked on the opened descriptor (``fstat``), so a FIFO, device or socket, given
  directly or swapped in mid-batch, is refused with one line instead of hanging the process. Its
  bytes are read once; the pre-scan and the parser then work on the same bytes.
- **Every XML part is scanned in linear time before anything parses it** (:class:`PartScanner`):
  expat, a streaming C parser, reads the part in chunks; it understands comments, CDATA, quoting
  either way, namespace prefixes (``<x:c>``) and any encoding (a UTF-16 part's DTD is seen as one).
  For a worksheet the scan measures the cells python-calamine would allocate - lower-case
  references, cells without an ``r`` attribute counted by position, exactly as calamine places them
  - and records the shared-string and style indices used, which are checked against the parts
  that define them (a corrupt part must not give confident wrong figures).
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator
from xml.parsers import expat

from ..errors import InputError
from .plain_values import MAX_COL, MAX_ROW, UNUSUAL as _UNUSUAL, PlainSheet, SheetValues, cells_span, column_number

_CHUNK = 1 << 20


def read_regular(path: Path, lang: str = "fi", *, limit: int | None = None) -> bytes:
    """The bytes of ``path``, which must be a regular file; InputError (one line) otherwise.

    Opened once, with ``O_NONBLOCK`` (opening a FIFO for reading would otherwise wait for a
    writer forever) and checked on the descriptor, so nothing can be swapped in between the check
    and the read. ``limit`` refuses a file larger than that many bytes before reading it.
    """
    name = str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputError.of(name, "not_found", lang) from None
    except IsADirectoryError:
        raise InputError.of(name, "is_directory", lang) from None
    except OSError as exc:
        raise InputError.of(name, "unreadable", lang, reason=exc.strerror or exc.__class__.__name__) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError.of(name, "is_directory", lang)
        if not stat.S_ISREG(info.st_mode):
            raise InputError.of(name, "not_regular_file", lang, kind=_kind(info.st_mode))
        if limit is not None and info.st_size > limit:
            raise InputError.of(name, "too_big_file", lang, size=_mb(info.st_size), limit=_mb(limit))
        chunks = []
        while True:
            chunk = os.read(fd, _CHUNK)
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise InputError.of(name, "unreadable", lang, reason=exc.strerror or exc.__class__.__name__) from None
    finally:
        os.close(fd)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"


def _mb(size: int) -> str:
    return f"{size / (1 << 20):.0f} MB" if size >= (1 << 20) else f"{size} B"


# --- XML parts ------------------------------------------------------------------------------------


class PartProblem(Exception):
    """A part cannot be used: ``key`` is a message id, ``values`` its parameters (the part is added)."""

    def __init__(self, key: str, **values: Any):
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass
class SheetScan:
    """What the pre-scan of one worksheet part found (rows and columns 1-based)."""

    part: str
    cells: int = 0
    min_row: int = 0
    max_row: int = 0
    min_col: int = 0
    max_col: int = 0
    max_string: int = -1  #: highest shared-string index a cell refers to
    max_style: int = -1  #: highest cell style (``s``) index
    formulas: int = 0  #: cells with a formula (the person's own: the tool never writes one)
    #: (row, 0-based column, formula text) of formulas that have no cached result.
    uncached: list[tuple[int, int, str]] = field(default_factory=list)
    #: The bytes after ``</sheetData>`` (formats, validations, page setup), kept so that reading a
    #: person's own dropdowns needs no second decompression (None: not found, or implausibly long).
    tail: bytes | None = None

    @property
    def area(self) -> int:
        """Cells the reader materialises: the rectangle from A1 to the last row and column (the grid
        keeps every cell at its own row and column), so one far-out cell alone counts in full."""
        if not self.cells:
            return 0
        return self.max_row * self.max_col


#: Local element names the scanner acts on.
_ROW, _CELL, _VALUE, _INLINE, _FORMULA, _SI, _SST, _XF, _CELLXFS, _CALCPR, _NUMFMTS, _NUMFMT = range(1, 13)
_KINDS = {"row": _ROW, "c": _CELL, "v": _VALUE, "is": _INLINE, "f": _FORMULA, "si": _SI, "sst": _SST,
          "xf": _XF, "cellXfs": _CELLXFS, "calcPr": _CALCPR, "numFmts": _NUMFMTS, "numFmt": _NUMFMT}


_REF = re.compile(r"([A-Za-z]{1,3})([0-9]{1,7})")


def cell_position(ref: str) -> tuple[int, int]:
    """(row, column), 1-based, of a cell reference in any case (``c3``); ValueError when malformed
    or beyond Excel's grid."""
    match = _REF.fullmatch(ref)
    if match is None:
        raise ValueError(f"bad cell reference {ref[:20]!r}")
    letters, digits = match.groups()
    col = column_number(letters.encode("ascii"))
    row = int(digits)
    if not (0 < row <= MAX_ROW and col <= MAX_COL):
        raise ValueError(f"cell reference {ref[:20]!r} beyond the sheet")
    return row, col


class PartScanner:
    """One XML part through expat, chunk by chunk: refuses a DTD; for a worksheet measures its cells,
    for the shared strings counts the entries, for the styles counts the cell formats."""

    def __init__(self, role: str, sheet: SheetScan | None = None, max_cells: int | None = None,
                 values: SheetValues | None = None):
        self.role = role  # "sheet", "strings", "styles", "workbook" or "other"
        self.sheet = sheet
        self.max_cells = max_cells  # a sheet with more cells stops the scan there
        #: With ``values``, a plain sheet's rows are read in the quick scan's pass (else None).
        self.values = values
        self.rows: list[list[Any]] | None = None
        self.strings = 0
        self.unique_count: int | None = None
        self.styles = 0
        self.full_calc_on_load: bool | None = None
        # The styles' number formats, for telling which cell styles can make a number a date:
        # each cell format's numFmtId (None: none), the custom format codes by id, and whether the
        # part is written so that calamine might read them otherwise (then no style is vouched for).
        self.format_ids: list[str | None] = []
        self.format_codes: dict[str, str] = {}
        self.formats_unsure = False
        self._numfmts_depth = -1
        self._last_byte = b""
        self._kinds: dict[str, int] = {}
        self._depth = 0
        self._cellxfs_depth = -1
        self._row = 0
        self._col = 0
        self._cell: tuple[int, int] | None = None
        self._cell_type: str | None = None
        self._counted = False
        self._formula: str | None = None
        self._value: str | None = None
        self._text: list[str] = []
        self._collecting = 0  # the kind of element whose text is being read
        parser = expat.ParserCreate()
        parser.buffer_text = True
        parser.StartDoctypeDeclHandler = self._doctype
        parser.EntityDeclHandler = self._doctype
        # A worksheet, where time matters (one call per element), needs no end-of-element calls:
        # a cell ends where the next cell or row begins, a value's text at the next element.
        parser.StartElementHandler = self._sheet_element if role == "sheet" else self._start
        if role == "sheet":
            pass
        elif role == "styles":
            parser.EndElementHandler = self._end_styles
        else:
            parser.EndElementHandler = self._end_depth
        self._parser = parser

    def feed(self, data: bytes, final: bool = False) -> None:
        if self.role == "styles":
            # A character reference in an attribute: expat resolves it, calamine keeps numFmtId raw.
            if b"&#" in self._last_byte + data[:1] or b"&#" in data:
                self.formats_unsure = True
            self._last_byte = data[-1:]
        try:
            self._parser.Parse(data, final)
            if final and self.role == "sheet":
                self._close_text()
                self._close_cell()
        except expat.ExpatError as exc:
            raise PartProblem("corrupt_part", reason=expat.ErrorString(exc.code)) from None
        except (ValueError, LookupError) as exc:  # LookupError: an XML declaration's unknown encoding
            raise PartProblem("corrupt_part", reason=str(exc)[:80]) from None
        except LookupError:  # expat asks Python for a codec the XML declaration names
            declared = re.match(rb'\s*<\?xml\b[^>]*?\bencoding\s*=\s*["\']([^"\']{1,40})', data)
            raise PartProblem("xml_unknown_encoding",
                              encoding=declared.group(1).decode("ascii", "replace") if declared else "?") from None

    def close(self) -> None:
        """Let go of the expat parser once the part is scanned. Its handlers are this scanner's bound
        methods: a reference cycle, which would keep the scanner - and a plain sheet's rows, handed on
        as the grid's - alive until the cyclic collector runs instead of freeing them with the grid
        (at 50,000 actions a 0.05 s collection after the command)."""
        self._parser = None

    def _doctype(self, *args: Any) -> None:
        raise PartProblem("xml_bomb")

    def _kind(self, name: str) -> int:
        kind = self._kinds.get(name)
        if kind is None:
            kind = self._kinds[name] = _KINDS.get(name.rpartition(":")[2], 0)
        return kind

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        kind = self._kinds.get(name)
        if kind is None:
            kind = self._kind(name)
        if not kind:
            self._depth += 1
            return
        role = self.role
        if role == "strings":
            if kind == _SI and self._depth == 1:
                self.strings += 1
            elif kind == _SST and self._depth == 0:
                unique = attrs.get("uniqueCount")
                self.unique_count = int(unique) if unique is not None else None
        elif role == "styles":
            if kind == _CELLXFS:
                if self._cellxfs_depth != -1:  # a second one: which calamine appends to the first
                    self.formats_unsure = True
                self._cellxfs_depth = self._depth
            elif kind == _XF and self._depth == self._cellxfs_depth + 1:
                self.styles += 1
                self.format_ids.append(attrs.get("numFmtId"))
            elif kind == _XF and self._cellxfs_depth >= 0:
                self.formats_unsure = True  # nested deeper: calamine would count it
            elif kind == _NUMFMTS:
                self._numfmts_depth = self._depth
            elif kind == _NUMFMT:
                # calamine knows a custom format only inside numFmts and before the cell formats
                if self._numfmts_depth < 0 or self._cellxfs_depth != -1:
                    self.formats_unsure = True
                code, number = attrs.get("formatCode"), attrs.get("numFmtId")
                if code is not None and number is not None:
                    self.format_codes[number] = code
        elif role == "workbook" and kind == _CALCPR:
            full = attrs.get("fullCalcOnLoad")
            self.full_calc_on_load = full in ("1", "true") if full is not None else None
        self._depth += 1

    def _end_depth(self, name: str) -> None:
        self._depth -= 1

    def _end_styles(self, name: str) -> None:
        self._depth -= 1
        kind = self._kind(name)
        if self._depth == self._cellxfs_depth and kind == _CELLXFS:
            self._cellxfs_depth = -2  # one cellXfs: any later one is not the cell formats
        elif self._depth == self._numfmts_depth and kind == _NUMFMTS:
            self._numfmts_depth = -1

    def number_styles(self) -> frozenset[int] | None:
        """The cell styles (indices into cellXfs) with which python-calamine certainly reads a number
        as a number, not a date or duration; None when the styles part leaves any doubt."""
        if self.role != "styles" or self.formats_unsure:
            return None
        return frozenset(index for index, number in enumerate(self.format_ids)
                         if number is None or _never_date(number, self.format_codes.get(number)))

    def _sheet_element(self, name: str, attrs: dict[str, str]) -> None:
        kind = self._kinds.get(name)
        if kind is None:
            kind = self._kind(name)
        if self._collecting:
            self._close_text()
        if not kind:
            return
        if kind == _ROW:
            self._close_cell()
            r = attrs.get("r")
            self._row = _int(r, "row") if r else self._row + 1
            self._col = 0
        elif kind == _CELL:
            self._close_cell()
            r = attrs.get("r")
            if r:
                row, col = cell_position(r)
            else:  # calamine places a cell without a reference after the previous one
                row, col = self._row, self._col + 1
            if not (0 < row <= MAX_ROW and 0 < col <= MAX_COL):
                raise ValueError("cell beyond the sheet")
            self._col = col
            self._cell = (row, col)
            self._cell_type = attrs.get("t")
            self._counted = False
            self._formula = self._value = None
            s = attrs.get("s")
            if s is not None:
                style = _int(s, "style")
                if style > self.sheet.max_style:
                    self.sheet.max_style = style
        elif self._cell is not None and kind in (_VALUE, _INLINE, _FORMULA):
            if kind == _FORMULA:
                self.sheet.formulas += 1
            elif not self._counted:
                self._count()
            if kind != _INLINE and (kind == _FORMULA or self._cell_type == "s" or self._formula is not None):
                self._text = []
                self._collecting = kind
                self._parser.CharacterDataHandler = self._text.append

    def _count(self) -> None:
        self._counted = True
        row, col = self._cell
        scan = self.sheet
        if scan.cells == 0:
            scan.min_row = scan.max_row = row
            scan.min_col = scan.max_col = col
        else:
            if row < scan.min_row:
                scan.min_row = row
            elif row > scan.max_row:
                scan.max_row = row
            if col < scan.min_col:
                scan.min_col = col
            elif col > scan.max_col:
                scan.max_col = col
        scan.cells += 1
        if self.max_cells is not None and scan.cells > self.max_cells:
            raise PartProblem("too_many_cells")

    def _close_text(self) -> None:
        """The text of the value or formula just read (it ends where the next element begins)."""
        if not self._collecting:
            return
        kind, self._collecting = self._collecting, 0
        self._parser.CharacterDataHandler = None
        text = "".join(self._text).strip()
        if kind == _FORMULA:
            self._formula = text
            return
        self._value = text
        if self._cell_type == "s":
            index = _int(text, "shared string")
            if index > self.sheet.max_string:
                self.sheet.max_string = index

    def _close_cell(self) -> None:
        """The cell just read: a formula without a cached value is noted."""
        if self._cell is None:
            return
        if self._formula is not None and not self._value and self._cell_type != "str":
            row, col = self._cell
            self.sheet.uncached.append((row, col - 1, self._formula))
        self._cell = None


#: The built-in number formats that are numbers to calamine and Excel alike (General, 0, 0.00, #,##0,
#: percentages, scientific, fractions, accounting, @): any other built-in id may be a date or time
#: (14-22, 45-47, and the East Asian 27-36 and 50-58 are, to calamine) or is unknown.
_NUMBER_FORMATS = frozenset(str(i) for i in (*range(0, 14), *range(37, 45), 48, 49))


def _never_date(number: str, code: str | None) -> bool:
    """Whether the number format ``number`` (a custom ``code`` when defined) can never make
    calamine read a date: a built-in number format, or a code without any letter its
    ``detect_custom_number_format`` acts on (d m h y s; an a/p pair; a slash after an a)."""
    if code is None:
        return number in _NUMBER_FORMATS
    if any(letter in code for letter in "dmhysDMHYS"):
        return False
    return not (("a" in code or "A" in code) and any(mark in code for mark in "pP/"))


def _int(text: str, what: str) -> int:
    if not text.isascii() or not text.isdigit() or len(text) > 10:
        raise ValueError(f"bad {what} number {text[:20]!r}")
    return int(text)


def scan_part(read: Callable[[int], bytes], scanner: PartScanner, budget: Callable[[int], None],
              whole: bool = False) -> bytes | None:
    """Feed a part to ``scanner`` chunk by chunk; ``budget(n)`` is told each chunk's size (the caller
    refuses a package that unpacks to more than its limit). Returns a worksheet's bytes, or with
    ``whole`` any part's (else None), which a command that writes hands on to the package engine,
    so that they are decompressed only once.

    A worksheet is first read whole (still measured chunk by chunk) and given to :func:`quick_sheet_scan`;
    only when that cannot vouch for it does expat walk it, element by element."""
    chunks = iter(lambda: read(_CHUNK), b"")
    xml = None
    if scanner.role == "sheet" and scanner.sheet is not None:
        xml = b"".join(_measured(chunks, budget))
        scanner.sheet.tail = _tail_of(xml)
        plain = quick_sheet_scan(xml, scanner.sheet, scanner.max_cells, scanner.values)
        if plain:
            if plain is not True:  # the values were read in the same pass
                scanner.rows = plain.rows
            return xml
        chunks = (xml[start:start + _CHUNK] for start in range(0, len(xml), _CHUNK))
    else:
        chunks = _measured(chunks, budget)
        if whole:
            chunks = kept = list(chunks)
    for chunk in chunks:
        scanner.feed(chunk)
    scanner.feed(b"", True)
    return b"".join(kept) if whole and xml is None else xml


def _measured(chunks: Iterator[bytes], budget: Callable[[int], None]) -> Iterator[bytes]:
    for chunk in chunks:
        budget(len(chunk))
        yield chunk


#: The end of a worksheet's ``<sheetData>`` (any prefix), and the most of what follows it that is
#: kept (the tail is small: formats, validations, page setup) - here and in files/lists.py.
SHEETDATA_END = re.compile(rb"</(?:[\w.-]+:)?sheetData\s*>|<(?:[\w.-]+:)?sheetData\b[^>]*/>")
MAX_TAIL = 8 << 20


def _tail_of(xml: bytes) -> bytes | None:
    """The bytes after the end of ``<sheetData>`` (found from the end: nothing after it is named so)."""
    at = xml.rfind(b"sheetData")
    start, close = xml.rfind(b"<", 0, at), xml.find(b">", at)
    if at < 0 or start < 0 or close < 0 or len(xml) - close - 1 > MAX_TAIL:
        return None
    return xml[close + 1:] if SHEETDATA_END.fullmatch(xml, start, close + 1) else None


# --- the quick scan of a plain worksheet ----------------------------------------------------------
#
# Expat calls back into Python for every element: about 1 s for a sheet of 50,000 rows. Most sheets
# are plain - UTF-8, no DTD, comment or CDATA, no prefixed cell elements, every cell written "<c "
# with its reference, double-quoted attributes, no formulas - and for those four passes of C-level
# searches give figures that are safe to act on: the cell rectangle spans every cell element (a
# superset of the cells with values), the cell count counts every value element, the style and
# shared-string indices are those of every cell. Anything else - or figures that would refuse the
# file - goes to expat, which decides exactly. When the reader wants the values too, the cells are
# read once (files/plain_values.py) and the figures come from the same matches.

#: A cell's start tag (its attributes) and, when one follows at once, its value.
_CELL_TAG = re.compile(rb"<c\s([^>]*)>(?:\s*<v>([^<]*)</v>)?")
_VALUE_START = re.compile(rb"<(?:v|is)[\s>]")
# Within one cell's attributes (separated by NUL when joined, so no match spans two cells):
# (Each begins with its literal letter, which lets the regex engine skip ahead; the look-behind
# then makes sure the letter is an attribute's whole name, not the end of another's.)
_REF_ATTR = re.compile(rb'r(?<![\w:.\-]r)\s*=\s*"([A-Za-z]{1,3})([0-9]{1,7})"')
_STYLE_ATTR = re.compile(rb's(?<![\w:.\-]s)\s*=\s*"([0-9]{1,10})"')
_SHARED_ATTR = re.compile(rb't(?<![\w:.\-]t)\s*=\s*"s"')
_DECLARED = re.compile(rb'<\?xml[^>]*?encoding\s*=\s*["\']([^"\']*)["\']')
# Characters XML 1.0 cannot hold (write/cells.XML_ILLEGAL_CHARS, as text there) in UTF-8: C0
# controls but tab, LF, CR; U+FFFE, U+FFFF; surrogates. A deletion table keeps only their bytes and the two lead bytes (one C-level pass); only
# when one of those is there does the exact pattern run.
_SUSPECT = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xED, 0xEF])
_NOT_SUSPECT = bytes(b for b in range(256) if b not in _SUSPECT)
_NOT_XML_CHAR = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]|\xed[\xa0-\xbf]")


#: The most cell elements the quick scan matches at once (~140 bytes each while it runs): ten times
#: the cells of a 50,000-action report. A sheet with more - millions of empty cells in a hostile
#: file of a few kilobytes - is walked by expat, whose memory does not grow with the part.
QUICK_MAX_CELLS = 2_000_000


def quick_sheet_scan(xml: bytes, sheet: SheetScan, max_cells: int | None,
                     values: SheetValues | None = None) -> bool | PlainSheet:
    """Fill ``sheet`` from a plain worksheet's bytes and return True; False (``sheet`` untouched)
    when the part is not plain or its figures are not clearly within the limits.

    With ``values``, the cells are read once for both the figures and the rows: the
    :class:`~seuranta_xl.files.plain_values.PlainSheet` is returned instead of True when every cell
    could be read so (otherwise the figures are found as without ``values``)."""
    if xml.startswith(b"\xef\xbb\xbf"):
        xml = xml[3:]
    if not xml.startswith(b"<"):  # UTF-16 and other encodings begin otherwise
        return False
    declared = _DECLARED.match(xml)
    if declared and declared.group(1).lower().replace(b"-", b"").replace(b"_", b"") != b"utf8":
        return False
    # (one memchr for an apostrophe first: the two-byte searches cost as much as a regex pass)
    if b"'" in xml and (b"='" in xml or b"= '" in xml):
        return False
    # When the values are read, the cells (sheetData's content) are left to that read's own
    # pattern, which takes nothing _UNUSUAL finds (tests/test_plain_values.py): only the rest is
    # searched here, and the cells as well should that read fail. (A full pass over the sheet.)
    span = cells_span(xml) if values is not None else None
    if span is None:
        if _UNUSUAL.search(xml):
            return False
    elif _UNUSUAL.search(xml, 0, span[0]) or _UNUSUAL.search(xml, span[1]):
        return False
    if xml.translate(None, _NOT_SUSPECT) and _NOT_XML_CHAR.search(xml):  # damaged: expat says where
        return False
    read = values.read(xml) if values is not None else None
    if read is None and span is not None and _UNUSUAL.search(xml, *span):
        return False
    if read is not None:
        if max_cells is not None and (read.values > max_cells or (read.values and read.max_row * read.max_col > max_cells)):
            return False  # as below: expat decides
        sheet.cells = read.values
        if read.values:
            sheet.min_row, sheet.max_row, sheet.min_col, sheet.max_col = (
                read.min_row, read.max_row, read.min_col, read.max_col)
        sheet.max_style, sheet.max_string = read.max_style, read.max_string
        return read
    elements = xml.count(b"<c ")
    if elements > QUICK_MAX_CELLS:  # every cell's match held at once: expat streams instead
        return False
    cells = _CELL_TAG.findall(xml)
    if len(cells) != elements:  # a cell start tag the pattern does not take
        return False
    values = sum(1 for _ in _VALUE_START.finditer(xml))  # (counted: a list would hold one bytes each)
    if max_cells is not None and values > max_cells:
        return False
    tags = b"\x00".join(attrs for attrs, _ in cells)
    refs = _REF_ATTR.findall(tags)
    if len(refs) != len(cells):  # a cell without a plain reference (or with two)
        return False
    shared: list[int] = []
    if b'"s"' in tags:  # shared strings: each such cell's index, or expat decides
        for attrs, value in cells:
            if _SHARED_ATTR.search(attrs):
                value = value.strip()
                if not value.isdigit() or len(value) > 10:
                    return False
                shared.append(int(value))
    count = 0
    if refs:
        columns = {column_number(letters) for letters in {letters for letters, _ in refs}}
        rows = [int(digits) for _, digits in refs]
        low, high = min(rows), max(rows)
        if not (0 < low and high <= MAX_ROW and 0 < min(columns) and max(columns) <= MAX_COL):
            return False
        count = values
        if count and max_cells is not None and high * max(columns) > max_cells:
            return False  # the rectangle from A1 (SheetScan.area) is too large: expat decides
    sheet.cells = count
    if count:
        sheet.min_row, sheet.max_row, sheet.min_col, sheet.max_col = low, high, min(columns), max(columns)
    sheet.max_style = max(map(int, _STYLE_ATTR.findall(tags)), default=-1)
    sheet.max_string = max(shared, default=-1)
    return True
