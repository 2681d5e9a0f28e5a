"""The values of a plain worksheet, read from its bytes without python-calamine.

The pre-scan (:func:`~seuranta_xl.files.prescan.quick_sheet_scan`) already holds a plain sheet's
whole XML; for the usual cells - numbers, booleans, inline and shared strings - a few C-level
``findall`` passes give the same rows python-calamine would, without parsing the package again or
allocating calamine's cell range. The rows must be *exactly* calamine's (``reader._rows_of``): a
dense rectangle from A1 to the last cell with a value (an empty string is a value), ``''`` for the
rest, floats, bools and strings. Whatever this module cannot be certain of - an unknown cell form,
type or entity, a number whose style could be a date, a value calamine would read oddly - makes it
return None, and calamine reads that sheet as before.

The string rules are calamine's (0.37, ``read_string_with_bufs`` and ``utils::unescape_xml``): each
``<t>`` of an ``<is>``/``<si>`` is taken, except inside ``<rPh>`` (phonetic runs), and they are
concatenated; XML line ends become ``\\n``; entities and character references are resolved; then,
unless ``xml:space="preserve"``, ASCII space, tab, CR and LF are trimmed from both ends; then Excel's
``_x00HH_`` escapes (two hex digits, Rust's ``u8::from_str_radix``: a ``+`` sign is allowed) become
the character U+00HH, scanning left to right without overlap.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from typing import Any, Callable
from xml.parsers import expat

from ..grid import MAX_COLUMNS, MAX_ROWS

#: Whatever makes a sheet not plain to the pre-scan (files/prescan.py): a DTD, comment or CDATA; a
#: cell element written otherwise than "<c "; a formula (expat notes those without a saved value); a
#: prefixed cell element. Within sheetData's content the cell pattern below takes none of these but
#: in an ``<is>``'s rich text, which is searched for them (the pre-scan leaves that range to this read).
UNUSUAL = re.compile(rb"<(?:!|c[>/\t\n\r]|f[\s/>]|[A-Za-z_][\w.\-]*:(?:c|v|is|f|row|t|sheetData)[\s/>])")
#: What may stand between cells inside ``<sheetData>``: whitespace and row tags, whose ``r`` (which
#: calamine parses) is a plain row number and whose other attributes are ASCII (quick-xml refuses a
#: tag that is not UTF-8; the cells' own tags are ASCII by their pattern).
_ROW_ATTR = rb'\s+(?:r="[1-9][0-9]{0,6}"|(?!r=)[A-Za-z_][\w.:-]*="[\x20\x21\x23-\x25\x27-\x3b\x3d-\x7e]*")'
_BETWEEN = rb'(?:\s+|<row(?:' + _ROW_ATTR + rb')*+\s*/?>|</row>)*+'
#: An ``<is>``'s content, which never reaches past its own cell: it stops at ``</is>`` or fails at
#: the cell's or row's edge (``</c>``, ``<c ``, ``<row``, ``</row>``). A lazy ``.*?`` would scan on to
#: the end of the chunk for every cell whose ``</is>`` is missing: quadratic in a hostile sheet.
_IN_CELL = rb'(?:[^<]|<(?!/?c[\s/>]|/?row[\s/>]|/is>))*+'
#: One cell in the forms this module reads, after what may stand before it: reference first, then the
#: optional style and type, then nothing, a ``<v>``, or an ``<is>``. Groups: what stands before the
#: cell (whitespace and row tags: the rows' order is checked on these alone); letters, digits, style,
#: type; the usual inline string's ``<t`` tag rest (``>`` or `` xml:space="preserve">``) and text;
#: ``>`` when a ``<v>`` with text follows, and the text; any other ``<is>`` element whole; and the
#: stray rest - from anything else where a cell or row tag should begin to the end of the range, which
#: makes the sheet not plain. (All of the rest in one match: a match per stray byte cost 0.36 s and
#: 125 MB for one chunk of a sheet whose cells are written otherwise, before it fell back.)
#: The matches of one findall so tile the bytes they cover (``\Z``: the end of the range).
_CELL = re.compile(
    rb'(' + _BETWEEN + rb')(?:<c r="([A-Za-z]{1,3})([0-9]{1,7})"(?: s="([0-9]{1,9})")?(?: t="([A-Za-z]{1,9})")?\s*'
    rb'(?:/>|>\s*(?:(?:<is><t( xml:space="preserve">|>)([^<]*)</t></is>|<v(>)([^<]*)</v>|<v/>'
    rb'|(<is>' + _IN_CELL + rb'</is>|<is/>))\s*)?</c>)|\Z|(.+))', re.S)
#: The content of an ``<is>`` or ``<si>`` this module understands: runs, their (empty-element)
#: properties, texts, phonetic runs and properties, whitespace between them.
_ATTRS = rb'(?:\s+[A-Za-z:]+="[^"<>]*")*+\s*'
_T = rb'(?:<t/>|<t(?: xml:space="preserve")?>[^<]*</t>)'
_RPR = rb'(?:<rPr/>|<rPr>(?:\s*<[A-Za-z]+' + _ATTRS + rb'/>)*+\s*</rPr>)'
#: (Every element in it is closed where it opens - a run is matched whole - so that the part stays
#: balanced as quick-xml, which calamine reads it with, requires.)
_RICH = re.compile(
    rb'(?:\s|<r>\s*(?:' + _RPR + rb'\s*)?' + _T + rb'\s*</r>|' + _T + rb''
    rb'|<rPh' + _ATTRS + rb'>\s*<t(?: xml:space="preserve")?>[^<]*</t>\s*</rPh>|<rPh' + _ATTRS + rb'/>'
    rb'|<phoneticPr' + _ATTRS + rb'/>)*+')
_PHONETIC = re.compile(rb'<rPh\b[^>]*(?<!/)>.*?</rPh>', re.S)  # (not an empty <rPh/>: it hides nothing)
_TEXT = re.compile(rb'<t( xml:space="preserve")?>([^<]*)</t>')
#: A number exactly as both calamine (fast_float) and Python's float() read it the same way.
_NUMBER = re.compile(rb'-?[0-9]{1,30}(?:\.[0-9]{1,30})?(?:[eE][+-]?[0-9]{1,3})?')
_ENTITY = re.compile(r'&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9A-Fa-f]{1,6}));')
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_EXCEL_ESCAPE = re.compile(r'_x00(\+[0-9A-Fa-f]|[0-9A-Fa-f]{2})_')
_TRIM = " \t\r\n"
_CHUNK = 1 << 20  # sheet bytes per findall: the matches of one chunk at a time, not of the sheet
#: The longest chunk: a chunk runs on from ``_CHUNK`` to the next ``</row>``, so a hostile row of
#: millions of empty cells, or millions of ``<row/>`` with no end tag after them, would be one chunk,
#: holding a match of ~140 bytes per cell and a tag per row at once (4,000,000 cells: 1.2 GB for a
#: 90 KB file). A row of megabytes is no report's: calamine reads it. (Every repeat here is possessive
#: for the same reason: Python's regex engine keeps a backtracking entry per iteration of a greedy
#: repeat, ~350 bytes each.)
_MAX_CHUNK = 4 * _CHUNK

#: Excel's grid: 1,048,576 rows, 16,384 columns (XFD).
MAX_ROW, MAX_COL = MAX_ROWS, MAX_COLUMNS
_COLUMNS: dict[bytes, int] = {}  # letters → column, within the grid (column_number)


class NotPlain(Exception):
    """Something this module cannot be certain to read as calamine does: the caller falls back."""


@dataclass
class PlainSheet:
    """A plain sheet's rows and the figures the pre-scan keeps (see prescan.SheetScan): rows and
    columns 1-based, over every cell element; ``values``: the value elements (``<v>``, ``<is>``)."""

    rows: list[list[Any]]
    values: int = 0
    min_row: int = 0
    max_row: int = 0
    min_col: int = 0
    max_col: int = 0
    max_style: int = -1
    max_string: int = -1


class SheetValues:
    """Reads plain sheets' values for one package: ``strings()`` gives the shared strings when they
    are certain (None otherwise; asked only when a sheet uses one), ``number_styles`` the cell
    styles with which a number stays a number (None: unknown). A sheet whose rectangle from A1
    would exceed ``max_cells`` is not read (the pre-scan refuses it)."""

    def __init__(self, strings: Callable[[], list[str] | None], number_styles: frozenset[int] | None,
                 max_cells: int | None = None):
        self._strings = strings
        self._number_styles = number_styles
        self._max_cells = max_cells if max_cells is not None else MAX_ROW * MAX_COL

    def read(self, xml: bytes) -> PlainSheet | None:
        """The sheet's rows and figures, or None when calamine must read it. ``xml`` has passed the
        quick scan's checks (UTF-8, no DTD, comment, CDATA, formula or XML-illegal character; those
        of :func:`cells_span`'s range may be left to this read, which takes none of them)."""
        span = cells_span(xml)
        if span is None:
            return None
        start, end = span
        if not _frame_is_sound(xml[:start] + xml[end:]):
            return None
        if start == end:  # <sheetData/> (or nothing between its tags): no cells
            return PlainSheet([])
        try:
            return self._cells(xml, start, end)
        except (NotPlain, UnicodeDecodeError, IndexError):
            return None

    def _cells(self, xml: bytes, start: int, end: int) -> PlainSheet:
        """The cells of ``xml[start:end]`` (sheetData's content), chunk by chunk; NotPlain for
        anything not certain. One loop with the usual cases inlined: a function call per cell
        would cost as much as the rest of the read."""
        grid: list[list[Any]] = []
        sheet = PlainSheet(grid)
        columns = _COLUMNS
        number_styles, strings = self._number_styles, None
        line: list[Any] = []
        last = b""  # the row number (digits) of the previous cell: a row's cells come together
        letter_set, digit_set, style_set = set(), set(), set()
        values = 0
        width = 1  # the widest row so far: with the rows, the rectangle is kept within max_cells
        max_cells = self._max_cells
        pos = start
        while pos < end:
            stop = xml.find(b"</row>", min(pos + _CHUNK, end), end)
            stop = end if stop < 0 else stop + 6
            if stop - pos > _MAX_CHUNK:
                raise NotPlain  # a row of megabytes, or rows without an end tag: not matched at once here
            found = _CELL.findall(xml, pos, stop)
            if not _rows_nest(b"".join(map(_BEFORE, found))):
                raise NotPlain
            plain = _plain_texts(xml, pos, stop)
            for _before, letters, digits, style, kind, tag, text, v_mark, v, rich, stray in found:
                if tag:  # the usual inline string
                    if kind != b"inlineStr":
                        raise NotPlain
                    if not plain:
                        value = _string(text, tag != b">")
                    elif tag == b">":
                        value = text.decode().strip(_TRIM)
                    else:
                        value = text.decode()
                    values += 1
                elif rich:
                    if kind != b"inlineStr" or UNUSUAL.search(rich):
                        raise NotPlain
                    value = rich_text(rich[4:-5]) if rich != b"<is/>" else ""
                    values += rich != b"<is/>"
                elif stray:
                    raise NotPlain
                elif not letters:
                    continue  # the end of the range, after row tags
                else:
                    values += v_mark == b">"
                    if kind == b"inlineStr":
                        continue  # no <is>: empty (calamine ignores a <v> there)
                    if not v:
                        if kind not in _EMPTY_KINDS:
                            raise NotPlain
                        continue
                    if kind == b"s":
                        if strings is None:
                            strings = self._strings()
                        if not v.isdigit() or len(v) > 10:
                            raise NotPlain
                        index = int(v)
                        if index > sheet.max_string:
                            sheet.max_string = index
                        value = strings[index] if strings is not None else _no_strings()
                    else:
                        value = _value(v, kind, style, number_styles)
                if digits != last:
                    row = int(digits)
                    if row > len(grid):
                        if row > MAX_ROW or row * width > max_cells:
                            raise NotPlain  # too large a rectangle: the pre-scan decides
                        if row - 1 > len(grid):  # rows without values (seldom: not a generator per row)
                            grid.extend([] for _ in range(row - 1 - len(grid)))
                        line = [""] * width  # (as wide as the rows so far: seldom extended)
                        grid.append(line)
                    elif row < 1:
                        raise NotPlain
                    else:
                        line = grid[row - 1]
                    last = digits
                col = columns.get(letters)
                if col is None:
                    col = _column(letters)
                if len(line) < col:
                    if col > width:
                        width = col
                        if len(grid) * width > max_cells:
                            raise NotPlain
                    line.extend([""] * (col - len(line)))
                line[col - 1] = value
            # the figures over every cell element, empty ones too (few distinct values per chunk);
            # a pass per group (a transposition by zip(*found) took three times as long: it walks
            # every match eleven times, with an iterator each)
            letter_set.update(map(_LETTERS, found))
            digit_set.update(map(_DIGITS, found))
            style_set.update(map(_STYLE, found))
            del found
            pos = stop
        letter_set.discard(b"")
        digit_set.discard(b"")
        style_set.discard(b"")
        _grid(grid)
        sheet.values = values
        if letter_set:
            cols = [columns.get(letters) or _column(letters) for letters in letter_set]
            rows = [int(digits) for digits in digit_set]
            sheet.min_row, sheet.max_row, sheet.min_col, sheet.max_col = min(rows), max(rows), min(cols), max(cols)
            if sheet.min_row < 1 or sheet.max_row > MAX_ROW:
                raise NotPlain
        sheet.max_style = max(map(int, style_set), default=-1)
        return sheet


def cells_span(xml: bytes) -> tuple[int, int] | None:
    """(start, end) of ``<sheetData>``'s content in a sheet's bytes, as :meth:`SheetValues.read`
    reads it (start == end: none, as for ``<sheetData/>``); None when not found so."""
    start, end = xml.find(b"<sheetData"), xml.rfind(b"</sheetData>")
    open_end = xml.find(b">", start) + 1
    if start < 0 or xml[start + 10:start + 11] not in b" \t\r\n/>":
        return None
    if end < 0:  # <sheetData/>: no cells
        return (open_end, open_end) if xml[open_end - 2:open_end] == b"/>" else None
    return (open_end, end) if end >= open_end else None


#: Row tags, and the order they must come in: each row closed before the next opens (calamine's
#: quick-xml refuses a sheet whose elements do not balance; a chunk begins and ends between rows).
#: They are looked for in what stands between the cells (:data:`_CELL`'s first group, joined): a row
#: tag anywhere else - inside a cell - makes the sheet not plain by the cell pattern itself.
_ROW_TAG = re.compile(rb'<row\b[^>]*>|</row>')
_ROW_ORDER = re.compile(rb'(?:S*+OC)*+S*+')
_BEFORE = operator.itemgetter(0)
_LETTERS, _DIGITS, _STYLE = (operator.itemgetter(group) for group in (1, 2, 3))  # of a _CELL match


def _rows_nest(between: bytes) -> bool:
    """Whether the row tags in ``between`` open and close in turn (empty rows anywhere between)."""
    tags = _ROW_TAG.findall(between)
    order = b"".join([b"C" if tag[1] == 47 else b"S" if tag[-2] == 47 else b"O" for tag in tags])
    return _ROW_ORDER.fullmatch(order) is not None


def _plain_texts(xml: bytes, pos: int, stop: int) -> bool:
    """Whether the texts in ``xml[pos:stop]`` need no more than decoding (and trimming): no entity,
    CR or Excel escape there. (An underscore is looked for first: one memchr, where a search for
    ``_x00`` took 3 ms over a 6 MB sheet.)"""
    return (xml.find(b"&", pos, stop) < 0 and xml.find(b"\r", pos, stop) < 0
            and (xml.find(b"_", pos, stop) < 0 or xml.find(b"_x00", pos, stop) < 0))


def _no_strings() -> str:
    raise NotPlain


#: Before ``<sheetData>`` calamine parses the dimension's reference (refusing a bad one).
_DIMENSION = re.compile(rb"<(?:[\w.-]+:)?dimension\b")
_DIMENSION_OK = re.compile(rb'<dimension ref="([A-Z]{1,3})([1-9][0-9]{0,6})(?::([A-Z]{1,3})([1-9][0-9]{0,6}))?"\s*/>')


def _frame_is_sound(frame: bytes) -> bool:
    """Whether the sheet around its cells (``frame``: the part with sheetData's content cut out) is
    one calamine reads without complaint: its dimension well-formed, and all of it well-formed XML -
    expat's parse is stricter than the quick-xml calamine tokenises it with."""
    head = frame[:frame.find(b"<sheetData")]
    for found in _DIMENSION.finditer(head):
        match = _DIMENSION_OK.match(head, found.start())
        if match is None:
            return False
        first_col, first_row, last_col, last_row = match.groups()
        if last_col and (int(last_row) < int(first_row) or _letters_after(first_col, last_col)):
            return False
    try:
        expat.ParserCreate().Parse(frame, True)
    except (expat.ExpatError, LookupError):  # LookupError: an unknown encoding in the declaration
        return False
    return True


def _letters_after(first: bytes, last: bytes) -> bool:
    """Whether column ``first`` lies after column ``last`` (upper-case letters)."""
    return (len(first), first) > (len(last), last)


def column_number(letters: bytes) -> int:
    """The 1-based column of a reference's letters in any case (``b"ab"`` → 28), the one definition
    the pre-scan uses too; those within Excel's grid are cached (a sheet uses few)."""
    col = _COLUMNS.get(letters)
    if col is None:
        col = 0
        for letter in letters.upper():
            col = col * 26 + (letter - 64)
        if col <= MAX_COL:
            _COLUMNS[letters] = col
    return col


def _column(letters: bytes) -> int:
    """:func:`column_number`; NotPlain beyond Excel's grid."""
    col = column_number(letters)
    if col > MAX_COL:
        raise NotPlain
    return col
_EMPTY_KINDS = frozenset((b"", b"n", b"b"))  # (a shared string without an index: the pre-scan decides)


def _value(v: bytes, kind: bytes, style: bytes, number_styles: frozenset[int] | None) -> Any:
    """A ``<v>``'s value for a number or boolean (``v`` not empty)."""
    if kind == b"b":
        if v == b"1":
            return True
        if v == b"0":
            return False
        raise NotPlain
    if kind in (b"", b"n"):
        if style and (number_styles is None or int(style) not in number_styles):
            raise NotPlain  # a date or time format would make it a date: calamine decides
        if not _NUMBER.fullmatch(v):
            raise NotPlain
        return float(v)
    raise NotPlain


def _string(raw: bytes, preserve: bool) -> str:
    text = raw.decode("utf-8")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in text:
        text = _unescape(text)
    if not preserve:
        text = text.strip(_TRIM)
    if "_x00" in text:
        text = _EXCEL_ESCAPE.sub(_excel_char, text)
    return text


def rich_text(content: bytes) -> str:
    """The string of an ``<is>`` or ``<si>`` element's content; NotPlain for anything unusual."""
    if not _RICH.fullmatch(content):
        raise NotPlain
    content.decode()  # UnicodeDecodeError for bytes that are not UTF-8, even in what is not kept
    if b"<rPh" in content:
        content = _PHONETIC.sub(b"", content)
    return "".join(_string(raw, bool(preserve)) for preserve, raw in _TEXT.findall(content))


def _unescape(text: str) -> str:
    if text.count("&") != len(_ENTITY.findall(text)):  # an entity calamine refuses, or a stray "&"
        raise NotPlain
    return _ENTITY.sub(_entity, text)


def _entity(match: re.Match) -> str:
    name, decimal, hexadecimal = match.groups()
    if name:
        return _ENTITIES[name]
    code = int(decimal) if decimal else int(hexadecimal, 16)
    # Only characters XML allows: calamine's handling of the others is not this module's to guess.
    if not (code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF):
        raise NotPlain
    return chr(code)


def _excel_char(match: re.Match) -> str:
    return chr(int(match.group(1), 16))


def _grid(grid: list[list[Any]]) -> list[list[Any]]:
    """The ragged rows made the dense rectangle from A1 to the last column that holds a value."""
    width = max(map(len, grid), default=0)
    for line in grid:
        if len(line) < width:
            line.extend([""] * (width - len(line)))
    return grid


# --- shared strings ---------------------------------------------------------------------------

#: Empty entries (``<si/>``) and the whitespace around them, before an entry with content.
_EMPTY_ENTRIES = re.compile(rb"[ \t\r\n]*+(?:<si/>[ \t\r\n]*+)*+")


def shared_strings(xml: bytes, count: int) -> list[str] | None:
    """The strings of a plain shared-strings part (already through expat: well-formed, no DTD), or
    None when it is not plain or does not hold exactly ``count`` entries (what the pre-scan counted).

    The entries are split apart at ``</si>`` (one C-level pass; a regex walks the text byte by byte
    at a third of the speed): the usual entry is one ``<t>`` and its text, any other goes through
    :func:`rich_text`."""
    if xml.startswith(b"\xef\xbb\xbf"):
        xml = xml[3:]
    head = xml[:200]
    if b"encoding" in head and not re.search(rb'encoding="(?i:utf-8)"', head):
        return None
    # (A prefixed, single-quoted or commented entry is not taken below: no separate pass for those.)
    if xml.count(b"<si") != count:
        return None
    start, end = xml.find(b"<si"), xml.rfind(b"</si>")
    if start < 0:
        return []
    plain = _plain_texts(xml, 0, len(xml))
    strings: list[str] = []
    try:
        for piece in xml[start:end].split(b"</si>"):
            empty = _EMPTY_ENTRIES.match(piece)  # (in one match: one slice per entry is quadratic)
            if empty.end():
                strings.extend([""] * empty.group().count(b"<si/>"))
                piece = piece[empty.end():]
            if not piece.startswith(b"<si>"):
                raise NotPlain
            strings.append(_entry(piece[4:], plain))
    except (NotPlain, UnicodeDecodeError):
        return None
    if xml.find(b"<si", end) >= 0:  # an empty entry after the last </si>
        strings.extend("" for _ in range(xml.count(b"<si/>", end)))
    return strings if len(strings) == count else None


def _entry(content: bytes, plain: bool) -> str:
    """The string of one ``<si>``'s content."""
    if content.startswith(b"<t>"):
        text, preserve = content[3:-4], False
    elif content.startswith(b'<t xml:space="preserve">'):
        text, preserve = content[24:-4], True
    else:
        return rich_text(content)
    if not content.endswith(b"</t>") or b"<" in text:
        return rich_text(content)
    if not plain:
        return _string(text, preserve)
    return text.decode() if preserve else text.decode().strip(_TRIM)
