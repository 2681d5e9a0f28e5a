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

import re
from typing import Any

#: One cell in the forms this module reads: reference first, then the optional style and type, then
#: nothing, a ``<v>``, or an ``<is>``. Groups: letters, digits, style, type, closing ("/" when
#: self-closing), the simple inline text's ``<t`` tag rest (``>`` or `` xml:space="preserve">``) and text, v text, v empty marker, general
#: inline content, empty inline marker. A cell written otherwise is not matched, which the count check turns into a fallback.
_CELL = re.compile(
    rb'<c r="([A-Za-z]{1,3})([0-9]{1,7})"(?: s="([0-9]{1,9})")?(?: t="([A-Za-z]{1,9})")?\s*'
    rb'(?:(/)>|>\s*(?:<is><t( xml:space="preserve">|>)([^<]*)</t></is>|<v>([^<]*)</v>|(<v/>)'
    rb'|<is>(.*?)</is>|(<is/>))?\s*</c>)', re.S)
#: The content of an ``<is>`` or ``<si>`` this module understands: runs, their (empty-element)
#: properties, texts, phonetic runs and properties, whitespace between them.
_ATTRS = rb'(?:\s+[A-Za-z:]+="[^"<>]*")*\s*'
_RICH = re.compile(
    rb'(?:\s+|<r>|</r>|<rPr/>|<rPr>(?:\s*<[A-Za-z]+' + _ATTRS + rb'/>)*\s*</rPr>|<t/>'
    rb'|<t(?: xml:space="preserve")?>[^<]*</t>'
    rb'|<rPh' + _ATTRS + rb'>\s*<t(?: xml:space="preserve")?>[^<]*</t>\s*</rPh>|<rPh' + _ATTRS + rb'/>'
    rb'|<phoneticPr' + _ATTRS + rb'/>)*')
_PHONETIC = re.compile(rb'<rPh[\s>].*?</rPh>', re.S)
_TEXT = re.compile(rb'<t( xml:space="preserve")?>([^<]*)</t>')
#: A number exactly as both calamine (fast_float) and Python's float() read it the same way.
_NUMBER = re.compile(rb'-?[0-9]{1,30}(?:\.[0-9]{1,30})?(?:[eE][+-]?[0-9]{1,3})?')
_ENTITY = re.compile(r'&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9A-Fa-f]{1,6}));')
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_EXCEL_ESCAPE = re.compile(r'_x00(\+[0-9A-Fa-f]|[0-9A-Fa-f]{2})_')
_TRIM = " \t\r\n"
_CHUNK = 1 << 20  # sheet bytes per findall: the matches of one chunk at a time, not of the sheet

_COLUMNS: dict[bytes, int] = {}


class NotPlain(Exception):
    """Something this module cannot be certain to read as calamine does: the caller falls back."""


def sheet_rows(xml: bytes, strings: list[str] | None, number_styles: frozenset[int] | None) -> list[list[Any]] | None:
    """The rows calamine would give for a plain worksheet's bytes, or None (calamine reads it).

    ``strings``: the shared strings (None: none were read, a cell that needs one falls back);
    ``number_styles``: the cell styles whose number format is certainly not a date or time (None:
    unknown, any styled number falls back)."""
    start, end = xml.find(b"<sheetData"), xml.rfind(b"</sheetData>")
    if start < 0:
        return None
    if end < 0:
        if xml.find(b"/>", start, xml.find(b">", start) + 1) < 0:
            return None
        return []  # <sheetData/>: no cells
    try:
        cells = _cells(xml, start, end, strings, number_styles)
    except (NotPlain, UnicodeDecodeError, IndexError):
        return None
    return _grid(cells)


def _cells(xml: bytes, start: int, end: int, strings: list[str] | None,
           number_styles: frozenset[int] | None) -> list[list[Any]]:
    """The rows up to the last one with a value, each up to its own last value (a ragged grid)."""
    grid: list[list[Any]] = []
    columns = _COLUMNS
    line: list[Any] = []
    last = b""  # the row number (digits) of the previous cell: a row's cells come together
    pos = start
    while pos < end:
        stop = xml.find(b"</row>", min(pos + _CHUNK, end), end)
        stop = end if stop < 0 else stop + 6
        found = _CELL.findall(xml, pos, stop)
        if len(found) != xml.count(b"<c ", pos, stop):  # a cell written in a form not read here
            raise NotPlain
        # Texts need no more than decoding (and trimming) unless these bytes hold one of these.
        plain = all(xml.find(mark, pos, stop) < 0 for mark in (b"&", b"\r", b"_x00"))
        for letters, digits, style, kind, closed, tag, text, v, v_empty, rich, is_empty in found:
            if tag:  # the usual inline string: its <t> tag's rest (">" or ' xml:space="preserve">')
                if kind != b"inlineStr":
                    raise NotPlain
                if not plain:
                    value = _string(text, tag != b">")
                elif tag == b">":
                    value = text.decode().strip(_TRIM)
                else:
                    value = text.decode()
            elif closed or v_empty:
                if kind not in _EMPTY_KINDS or (v_empty and kind == b"inlineStr"):
                    raise NotPlain
                continue
            elif rich or is_empty:
                if kind != b"inlineStr":
                    raise NotPlain
                value = rich_text(rich) if rich else ""
            elif kind == b"inlineStr":
                raise NotPlain  # (calamine ignores a <v> there; an empty <c></c> is simply rare)
            else:
                value = _value(v, kind, style, strings, number_styles)
                if value is None:
                    continue
            if digits != last:
                row = int(digits)
                if not 0 < row <= _MAX_ROW:
                    raise NotPlain
                while len(grid) < row:
                    grid.append([])
                line = grid[row - 1]
                last = digits
            col = columns.get(letters)
            if col is None:
                col = _column(letters)
            if len(line) < col:
                line.extend([""] * (col - len(line)))
            line[col - 1] = value
        del found
        pos = stop
    return grid


def _column(letters: bytes) -> int:
    """The 1-based column of a reference's letters (any case); NotPlain beyond Excel's grid."""
    col = 0
    for letter in letters.upper():
        col = col * 26 + (letter - 64)
    if col > _MAX_COL:
        raise NotPlain
    _COLUMNS[letters] = col
    return col


_MAX_ROW, _MAX_COL = 1 << 20, 1 << 14
_EMPTY_KINDS = frozenset((b"", b"n", b"s", b"b", b"inlineStr"))


def _value(v: bytes, kind: bytes, style: bytes, strings: list[str] | None,
           number_styles: frozenset[int] | None) -> Any:
    """A ``<v>``'s value (None: empty), for a number, boolean or shared string."""
    if not v:
        if kind in (b"", b"n", b"s", b"b"):
            return None
        raise NotPlain
    if kind == b"s":
        if strings is None or not v.isdigit():
            raise NotPlain
        return strings[int(v)]  # IndexError: beyond the strings, which the pre-scan refuses anyway
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


def _text(element: bytes) -> str:
    """The text of one ``<t>`` element (with its tags), by calamine's rules."""
    preserve = element.startswith(b'<t ')
    return _string(element[element.index(b">") + 1:-4], preserve)


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

_SI = re.compile(rb'<si>(<t(?: xml:space="preserve")?>[^<]*</t>)</si>|<si>(.*?)</si>|(<si/>)', re.S)


def shared_strings(xml: bytes, count: int) -> list[str] | None:
    """The strings of a plain shared-strings part (already through expat: well-formed, no DTD), or
    None when it is not plain or does not hold exactly ``count`` entries (what the pre-scan counted)."""
    if xml.startswith(b"\xef\xbb\xbf"):
        xml = xml[3:]
    head = xml[:200]
    if b"encoding" in head and not re.search(rb'encoding="(?i:utf-8)"', head):
        return None
    if b"<!" in xml or b"'" in xml and b"='" in xml or b":si" in xml or b":t>" in xml or b":t " in xml:
        return None
    found = _SI.findall(xml)
    if len(found) != count or xml.count(b"<si") != count:
        return None
    try:
        return [_text(simple) if simple else rich_text(rich) if rich else "" for simple, rich, _ in found]
    except (NotPlain, UnicodeDecodeError):
        return None
