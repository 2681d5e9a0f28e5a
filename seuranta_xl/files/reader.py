"""Reading a report file into grids: .xlsx/.xlsm workbooks (values only) and text exports.

The format is told by the file's content, not only its name: a text export saved as .xls,
or a workbook renamed .txt, is still read for what it is.

Workbooks come from many hands, so before python-calamine touches one the package is checked
(:func:`inspect_package`): its declared and actual uncompressed size against
``Limits.max_uncompressed_bytes`` (zip bombs), every XML part for a DTD (XML bombs: OOXML never
has one, and calamine would not expand entities anyway), and each sheet's cell extent against
``Limits.max_cells`` - calamine allocates a sheet densely from its first to its last cell, so a
cell at XFD1048576 would otherwise abort the process before Python sees an exception.

Row numbers: grid row N is sheet row N. In a text export a quoted field may hold line breaks;
such a field is still one cell of one row (as when Excel opens the file), so row N is the file's
N-th *record*, not its N-th line.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from ..errors import InputError
from ..grid import Grid, column_letter
from ..header import field_of
from ..messages import t
from ..numfmt import BUILTIN
from ..settings import Limits
from ..collector import give_back
from . import plain_values
from .opc import PartFixer, encoding_of, part_key, readable, resolve
from .prescan import PartProblem, PartScanner, SheetScan, read_regular, scan_part

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xltx", ".xltm", ".xlam"}
TEXT_SUFFIXES = {".txt", ".tsv", ".csv", ".tab"}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls, or an encrypted .xlsx


def sniff(path: Path, lang: str = "fi") -> str:
    """``"workbook"`` or ``"text"``; InputError for anything we cannot read (or not a regular file)."""
    return sniff_data(read_regular(Path(path), lang), str(path), Path(path).suffix, lang)


def sniff_data(data: bytes, name: str, suffix: str, lang: str = "fi") -> str:
    """:func:`sniff` on a file's bytes (``name`` and ``suffix`` as the file is called)."""
    head = data[:4096]
    if not head:
        raise InputError.of(name, "empty_file", lang)
    if head.startswith(_OLE_MAGIC):
        if _is_encrypted_ole(data):
            raise InputError.of(name, "encrypted", lang)
        raise InputError.of(name, "legacy_xls", lang)
    if head.startswith(b"PK\x03\x04"):
        if b"mimetypeapplication/vnd.oasis.opendocument" in head[:200]:
            raise InputError.of(name, "ods", lang)
        return "workbook"
    if head.startswith(b"PK\x05\x06"):  # an empty zip: no parts, told as "not a spreadsheet" below
        return "workbook"
    kind = _known_kind(head)
    if kind:
        raise InputError.of(name, "not_spreadsheet_kind", lang, kind=kind)
    if suffix.lower() in WORKBOOK_SUFFIXES:
        if _looks_like_text(head):  # a CSV renamed: Excel does not open it either
            raise InputError.of(name, "text_named_workbook", lang, suffix=suffix.lower())
        raise InputError.of(name, "corrupt_xlsx", lang, reason="not a zip package")
    if _looks_like_text(head):
        return "text"
    raise InputError.of(name, "not_spreadsheet", lang)


_MAGIC_KINDS = [
    (b"%PDF", "PDF"), (b"\x89PNG", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"),
    (b"\x1f\x8b", "gzip"), (b"{\\rtf", "RTF"), (b"7z\xbc\xaf", "7z"), (b"Rar!", "RAR"),
]


def _known_kind(head: bytes) -> str | None:
    """Name formats people mistake for reports, so the message can say what the file is."""
    for magic, kind in _MAGIC_KINDS:
        if head.startswith(magic):
            return kind
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1024].lower()
    if start.startswith(b"<"):
        # Excel's old "web page" and "XML Spreadsheet 2003" saves, often named .xls
        if b"urn:schemas-microsoft-com:office:spreadsheet" in start:
            return "XML Spreadsheet 2003"
        if b"<html" in start or b"<!doctype html" in start:
            return "HTML"
    return None


def _is_encrypted_ole(data: bytes) -> bool:
    # Encrypted OOXML is an OLE file with an "EncryptionInfo" stream; its name is stored in UTF-16.
    return "EncryptionInfo".encode("utf-16-le") in data[:1 << 20]


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF8)):
        return True
    if b"\x00" in head:
        return False
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls <= len(head) // 100


# --- text exports -----------------------------------------------------------------------------


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding): BOMs first, then strict UTF-8, then cp1252 (Finnish Windows' "ANSI")."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; those few become U+FFFD rather than failing the file.
        return data.decode("cp1252", errors="replace"), "cp1252"


def detect_delimiter(text: str) -> str:
    """Tab, semicolon (Finnish Excel's CSV) or comma, decided on the header line when there is one.

    Prose is full of commas, so counting over the whole file would mislead; the header titles
    hold no delimiters, so the header line tells honestly.
    """
    lines = text.splitlines()[:200]
    for line in lines:
        if sum(1 for part in _split_any(line) if field_of(part)) >= 3:
            return max("\t;,", key=line.count)
    counts = {d: sum(line.count(d) for line in lines) for d in "\t;,"}
    return max(counts, key=counts.get) if any(counts.values()) else "\t"


def _split_any(line: str) -> list[str]:
    for d in "\t;,":
        line = line.replace(d, "\x1f")
    return [p.strip().strip('"') for p in line.split("\x1f")]


def read_text(path: Path, lang: str = "fi", *, limits: Limits | None = None, data: bytes | None = None) -> Grid:
    """A text export as one grid: row N of the grid is record N of the file (quoted line breaks kept).

    ``data``: the file's bytes when already read (see :func:`read_grids`)."""
    limits = limits or Limits()
    path = Path(path)
    name = str(path)
    if data is None:
        data = read_regular(path, lang, limit=limits.max_uncompressed_bytes)
    if len(data) > limits.max_uncompressed_bytes:
        raise InputError.of(name, "too_big", lang, size=_mb(len(data)), limit=_mb(limits.max_uncompressed_bytes))
    import csv  # here: a workbook's read does without it

    text, _encoding = decode_text(data)
    delimiter = detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[Any]] = []
    cells = 0
    try:
        for row in reader:
            cells += len(row)
            if cells > limits.max_cells:
                raise InputError.of(name, "too_many_cells", lang, sheet=path.stem, limit=limits.max_cells)
            rows.append(row)
    except csv.Error as exc:
        raise InputError.of(name, "unreadable", lang, reason=str(exc)) from None
    return Grid(source=name, sheet=path.stem, rows=rows)


# --- workbooks --------------------------------------------------------------------------------

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
#: ISO/IEC 29500 Strict (Excel's "Strict Open XML Spreadsheet"): the same parts under other
#: namespaces (the package's own relationships keep theirs). Read like the usual form.
_STRICT_MAIN_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"
_STRICT_REL_NS = "http://purl.oclc.org/ooxml/officeDocument/relationships"
_WORKBOOK, _WORKBOOK_RELS = "xl/workbook.xml", "xl/_rels/workbook.xml.rels"
_PACKAGE_RELS = "_rels/.rels"
_STRINGS_TYPE = "/sharedStrings"
_STYLES_TYPE = "/styles"
# Excel writes members stored or deflated; anything else is refused before zipfile tries it.
_COMPRESSIONS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}


@dataclass
class PackageScan:
    """The result of :func:`inspect_package`: sheet name → its worksheet part's scan."""

    uncompressed_bytes: int
    sheets: dict[str, SheetScan]
    #: The workbook's own ``calcPr fullCalcOnLoad`` (None: not set).
    full_calc_on_load: bool | None = None
    #: workbook.xml and its relationships as the pre-scan read them (small; files/lists.py reads them).
    book_parts: dict[str, bytes] = field(default_factory=dict)
    #: Saved as ISO/IEC 29500 Strict: read like the usual form, never written (the writers would
    #: mix transitional parts into it, which Excel repairs).
    strict: bool = False
    #: The bytes read instead of the file's, when its part names differ in case from the references
    #: to them or a part is not in UTF-8 (:func:`~seuranta_xl.files.opc.readable`); None: the file's.
    source: bytes | None = None
    #: Each cell style's (cellXfs index) number format code, custom or built-in when
    #: :data:`~seuranta_xl.numfmt.BUILTIN` knows it (None: General or another); empty without styles.
    cell_formats: list[str | None] = field(default_factory=list)
    #: The sheets the workbook hides (``state`` hidden or veryHidden).
    hidden: frozenset[str] = frozenset()

    def tails(self) -> dict[str, bytes]:
        """Sheet name → the bytes after its ``</sheetData>``, where the pre-scan kept them."""
        return {name: sheet.tail for name, sheet in self.sheets.items() if sheet.tail is not None}

    @property
    def has_formulas(self) -> bool:
        """Whether any scanned sheet holds a formula (always the person's own)."""
        return any(scan.formulas for scan in self.sheets.values())


def inspect_package(source: Path | bytes, lang: str = "fi", limits: Limits | None = None, *,
                    name: str | None = None, sheets: Callable[[str], bool] | None = None,
                    keep: dict[str, bytes] | None = None,
                    values: dict[str, list[list[Any]]] | None = None) -> PackageScan:
    """Check an .xlsx/.xlsm package before anything parses it; InputError (one line) when it is unusable.

    ``source`` is the file (read once, see :func:`~seuranta_xl.files.prescan.read_regular`) or its
    bytes (``name`` then names it in messages). Every XML part that anything reads is scanned first
    (:mod:`~seuranta_xl.files.prescan`): the workbook and its relationships, the shared strings and
    styles, and the worksheets - all of them, or with ``sheets`` only those whose name it accepts
    (the settings loader reads two sheets) - plus, when all sheets are scanned, every other XML part.
    ``keep``: the decompressed bytes of each worksheet and of the parts every write edits
    (``_ENGINE_READS``) are put in it (part name → bytes), for a command that goes on to write the
    workbook: the package engine then decompresses none of them again.
    ``values``: the rows of each plain sheet whose values :mod:`~seuranta_xl.files.plain_values`
    reads exactly as python-calamine would are put in it (sheet name → rows), read from the bytes
    the pre-scan holds; the other sheets are left to calamine.
    """
    limits = limits or Limits()
    if isinstance(source, (bytes, bytearray)):
        data, name = bytes(source), name or "-"
    else:
        name = name or str(source)
        data = read_regular(Path(source), lang, limit=limits.max_uncompressed_bytes)

    # A write command reads the same bytes three times (settings, workbook, report): scan them once.
    limited = (limits.max_cells, limits.max_uncompressed_bytes)
    if sheets is None and keep is None and values is None and _LAST_SCAN[1] == limited:
        last = scanned(data)
        if last is not None:
            return last
    try:
        scan = _inspect(data, name, lang, limits, sheets, keep, values)
    except _NotPlain:
        # part names in another case, parts not in UTF-8: read as the copy every reader can read
        copy = readable(data, limits.max_uncompressed_bytes)
        for held in (keep, values):
            if held is not None:
                held.clear()
        scan = _inspect(copy, name, lang, limits, sheets, keep, values, plain=False)
        scan.source = copy if copy is not data else None
    if sheets is None:
        _LAST_SCAN[:] = [data, limited, scan]
    return scan


#: The last full pre-scan: [the bytes it read, the limits it read them under, the scan]. The bytes
#: are held and recognised as the same object or, another object, by comparison (one memcmp): a
#: digest of them cost ~25 instructions a byte, twice a command (the values, then the lists).
_LAST_SCAN: list[Any] = [None, None, None]

#: Besides the worksheets, the parts the package engine reads for every write: with ``keep`` these
#: are kept whole too (a styles part the workbook relates otherwise is the engine's only other read).
_ENGINE_READS = frozenset({"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                           "_rels/.rels"})
#: The parts every pre-scan holds whole (small; read again by nothing): what names the sheets and
#: the main document.
_WHOLE = frozenset({"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "_rels/.rels"})


def scanned(data: bytes) -> PackageScan | None:
    """The last full pre-scan of exactly these bytes (None when there was none): what it read (the
    sheets' tails after ``</sheetData>``, workbook.xml) needs no second decompression."""
    last = _LAST_SCAN[0]
    return _LAST_SCAN[2] if last is not None and (last is data or last == data) else None


_MAIN_TARGET = re.compile(rb"<(?:[\w.-]+:)?Relationship\b(?=[^>]*\bType\s*=\s*[\"'][^\"']*/officeDocument[\"'])"
                          rb"[^>]*\bTarget\s*=\s*[\"']/?([^\"']{1,300})[\"']")


def _main_part(package: zipfile.ZipFile, names: set[str]) -> str | None:
    """The main part _rels/.rels names, when it is in the package (somewhere other than
    xl/workbook.xml: OPC allows it, Excel opens it). Read only when small; a regex, no parser."""
    try:
        info = package.getinfo("_rels/.rels")
        if info.file_size > 64 * 1024:
            return None
        found = _MAIN_TARGET.search(package.read(info))
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError, zlib.error):
        return None
    part = found.group(1).decode("utf-8", "replace") if found else None
    return part if part in names else None


def _named_twice(infos: list[zipfile.ZipInfo]) -> str | None:
    """A part stored in two zip members (part names compare ignoring ASCII case, OPC): programs
    differ in which copy they read, so what is checked might not be what Excel shows."""
    seen: set[str] = set()
    for info in infos:
        if info.is_dir():
            continue  # a folder's entry names no part (zip tools add them, some twice)
        key = part_key(info.filename)
        if key in seen:
            return info.filename
        seen.add(key)
    return None


def _backslashed(part: str, names: set[str]) -> str | None:
    """The member naming ``part`` with backslashes for slashes (a zip names folders with slashes
    only; openpyxl and LibreOffice find no such part), or None."""
    key = part_key(part.replace("/", "\\"))
    return next((name for name in names if "\\" in name and part_key(name) == key), None)


class _NotPlain(Exception):
    """The package must be read as :func:`~seuranta_xl.files.opc.readable` gives it."""


def _inspect(data: bytes, name: str, lang: str, limits: Limits, sheets: Callable[[str], bool] | None,
             keep: dict[str, bytes] | None = None,
             values: dict[str, list[list[Any]]] | None = None, plain: bool = True) -> PackageScan:
    """``plain``: raise _NotPlain for a package whose reading needs the copy (checked as the parts
    are read, at no extra cost)."""
    def fail(key: str, **values: object) -> InputError:
        return InputError.of(name, key, lang, **values)

    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise fail("corrupt_xlsx", reason=_short(exc)) from None
    with package:
        infos = package.infolist()
        names = {info.filename for info in infos}
        keys = {part_key(name) for name in names}
        if plain and _WORKBOOK not in names and _WORKBOOK in keys and len(keys) == len(names):
            raise _NotPlain
        if _WORKBOOK not in names:
            if "content.xml" in names:
                raise fail("ods")
            if "word/document.xml" in names:
                raise fail("not_spreadsheet_kind", kind="Word")
            if "ppt/presentation.xml" in names:
                raise fail("not_spreadsheet_kind", kind="PowerPoint")
            main = _main_part(package, names)
            if main is not None:
                raise fail("workbook_elsewhere", part=main)
            backslashed = _backslashed(_WORKBOOK, names)
            if backslashed is not None:
                raise fail("member_backslash", part=backslashed)
            raise fail("not_spreadsheet")
        twice = _named_twice(infos)
        if twice is not None:
            raise fail("member_twice", part=twice)
        if part_key(_PACKAGE_RELS) not in keys:  # what names the main part: no reader finds it without
            raise fail("corrupt_xlsx", reason=f"{_PACKAGE_RELS} missing")
        for info in infos:
            if info.flag_bits & 0x1:
                raise fail("encrypted")
            if info.compress_type not in _COMPRESSIONS:
                raise fail("unsupported_compression", part=info.filename, method=info.compress_type)
        # The central directory's sizes first (cheap); the streams are then measured as read,
        # since a hostile package may understate them.
        declared = sum(info.file_size for info in infos)
        if declared > limits.max_uncompressed_bytes:
            raise fail("too_big", size=_mb(declared), limit=_mb(limits.max_uncompressed_bytes))
        total = [0]
        kept: dict[str, bytes] = {} if keep is None else keep  # parts read whole (see _ENGINE_READS)

        def budget(size: int) -> None:
            total[0] += size
            if total[0] > limits.max_uncompressed_bytes:
                raise fail("too_big", size=f"> {_mb(limits.max_uncompressed_bytes)}",
                           limit=_mb(limits.max_uncompressed_bytes))

        def scan(member: str, scanner: PartScanner, *, tolerant: bool = False,
                 hold: dict[str, bytes] | None = None) -> PartScanner:
            try:
                with package.open(member) as fh:
                    whole = member in _WHOLE or (keep is not None and member in _ENGINE_READS)
                    xml = scan_part(_utf8_only(fh.read) if plain else fh.read, scanner, budget,
                                    whole=whole or hold is not None)
                if hold is not None:
                    hold[member] = xml
                elif xml is not None and (keep is not None or whole):
                    kept[member] = xml
                if scanner.rows is not None:
                    values[sheet_of[member]] = scanner.rows
            except PartProblem as problem:
                if problem.key == "xml_bomb":
                    raise fail("xml_bomb", part=member) from None
                if problem.key == "too_many_cells":
                    raise fail("too_many_cells", sheet=sheet_of.get(member, member), limit=limits.max_cells) from None
                if not tolerant:
                    raise fail(problem.key, part=member, **problem.values) from None
            except ValueError as exc:  # a malformed number or reference met by the scanner
                raise fail("corrupt_part", part=member, reason=_short(exc)) from None
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError, zlib.error) as exc:
                raise fail("corrupt_part", part=member, reason=_short(exc)) from None
            finally:
                scanner.close()
            return scanner

        workbook = scan(_WORKBOOK, PartScanner("workbook"))
        for member in (_WORKBOOK_RELS, _PACKAGE_RELS):
            if member in names:
                scan(member, PartScanner("other"))
        sheet_parts, related, strict, hidden = _sheet_parts(package, names, fail, kept)
        if plain and _respelled(package, names, kept):
            raise _NotPlain
        chosen = {sheet: part for sheet, part in sheet_parts.items() if sheets is None or sheets(sheet)}
        scans = {part: SheetScan(part) for part in chosen.values()}
        sheet_of = {part: sheet for sheet, part in chosen.items()}
        strings_part = related.get(_STRINGS_TYPE)
        styles_part = related.get(_STYLES_TYPE)
        held: dict[str, bytes] = {}  # the shared strings' bytes, when plain sheets' values are read
        strings = scan(strings_part, PartScanner("strings"), hold=held if values is not None else None) \
            if strings_part in names else None
        styles = scan(styles_part, PartScanner("styles")) if styles_part in names else None
        # A sheet whose relationship points at one of these parts is measured as a sheet as well.
        done = {_WORKBOOK, _WORKBOOK_RELS, _PACKAGE_RELS, strings_part, styles_part} - set(scans)
        book = None
        if values is not None and _PACKAGE_RELS in kept:
            held[_PACKAGE_RELS] = kept[_PACKAGE_RELS]
            book = _BookValues(names, strings_part, strings, held, styles_part, styles)
            if book.main_folder() != "xl/":  # calamine would read another workbook.xml: it reads all
                book = None
        for info in infos:
            member = info.filename
            if info.is_dir() or member in done:
                continue
            if member in scans:
                scan(member, PartScanner("sheet", scans[member], limits.max_cells,
                                           book and book.reader(limits.max_cells)))
            elif sheets is None and member.lower().endswith((".xml", ".rels", ".vml")):
                # VML drawings are legacy markup that nothing here parses: a DTD is still refused.
                scan(member, PartScanner("other"), tolerant=member.lower().endswith(".vml"))
            elif sheets is None:
                budget(info.file_size)  # images and the VBA project are never parsed
    if strings is not None and strings.unique_count is not None and strings.unique_count != strings.strings:
        raise fail("strings_mismatch", part=strings_part, found=strings.strings, declared=strings.unique_count)
    found = {}
    for sheet_name, part in chosen.items():
        sheet_scan = scans[part]
        if sheet_scan.area > limits.max_cells:
            raise fail("too_many_cells", sheet=sheet_name, limit=limits.max_cells)
        count = strings.strings if strings is not None else 0
        if sheet_scan.max_string >= count:
            raise fail("string_index", sheet=sheet_name, index=sheet_scan.max_string, count=count)
        if styles is not None and sheet_scan.max_style >= max(styles.styles, 1):
            raise fail("style_index", sheet=sheet_name, index=sheet_scan.max_style, count=styles.styles)
        found[sheet_name] = sheet_scan
    return PackageScan(uncompressed_bytes=total[0], sheets=found, full_calc_on_load=workbook.full_calc_on_load,
                       book_parts={m: kept[m] for m in (_WORKBOOK, _WORKBOOK_RELS) if m in kept}, strict=strict,
                       cell_formats=_cell_formats(styles), hidden=hidden)


def _cell_formats(styles: PartScanner | None) -> list[str | None]:
    """Each cell style's number format code (see PackageScan.cell_formats)."""
    if styles is None:
        return []
    codes = styles.format_codes
    formats: list[str | None] = []
    for number in styles.format_ids:
        code = codes.get(number) if number is not None else None
        if code is None and number is not None and number.isdigit():
            code = BUILTIN.get(int(number))
        formats.append(code)
    return formats


class _BookValues:
    """What :class:`plain_values.SheetValues` needs from the rest of the package - the shared strings,
    the number styles - given only when python-calamine would read exactly those parts: calamine
    finds them by a fixed name under the folder of the package's main document (``xl/``, which the
    caller makes sure of), not by the workbook's relationships as the pre-scan does."""

    def __init__(self, names: set[str], strings_part: str | None, strings: PartScanner | None,
                 held: dict[str, bytes], styles_part: str | None, styles: PartScanner | None):
        self._names, self._held = names, held
        self._strings_part, self._strings_scan = strings_part, strings
        self._styles_part, self._styles_scan = styles_part, styles
        self._strings: list[str] | None | bool = False  # False: not read yet
        self._same: dict[str, bool] = {}

    def reader(self, max_cells: int) -> plain_values.SheetValues:
        """The reader of a sheet's values, with this package's strings and number styles."""
        return plain_values.SheetValues(self.strings, self.number_styles(), max_cells)

    def strings(self) -> list[str] | None:
        """The shared strings, when they are certain (else None); read when first asked for."""
        if self._strings_scan is None:
            return None
        if self._strings is False:
            xml = self._held.pop(self._strings_part, None)
            self._strings = None
            if xml is not None and self._calamine_reads(self._strings_part, "sharedStrings.xml"):
                self._strings = plain_values.shared_strings(xml, self._strings_scan.strings)
        return self._strings

    def number_styles(self) -> frozenset[int] | None:
        """The cell styles with which a number stays a number (None: unknown)."""
        if self._styles_scan is None:
            return None
        if not self._calamine_reads(self._styles_part, "styles.xml"):
            return None
        return self._styles_scan.number_styles()

    def _calamine_reads(self, part: str | None, fixed: str) -> bool:
        """Whether python-calamine reads ``part`` as its ``xl/<fixed>`` (its lookup ignores case)."""
        if part is None:
            return False
        if fixed not in self._same:
            wanted = "xl/" + fixed.lower()
            same = [n for n in self._names if n.replace("\\", "/").lower() == wanted]
            self._same[fixed] = same == [part]
        return self._same[fixed]

    def main_folder(self) -> str | None:
        """The folder of the package's main document, as calamine takes it from ``_rels/.rels``
        (the last officeDocument relationship's target)."""
        from defusedxml.ElementTree import fromstring

        raw = self._held.get(_PACKAGE_RELS)
        try:
            root = fromstring(raw) if raw is not None else None
        except Exception:  # unreadable here: calamine decides, with its own error
            return None
        target = None
        for rel in root.iter(f"{{{_PKG_REL_NS}}}Relationship") if root is not None else ():
            if (rel.get("Type") or "").endswith("/relationships/officeDocument") and rel.get("Target") is not None:
                target = rel.get("Target")
        if target is None or "/" not in target:
            return None
        return target[:target.rfind("/") + 1].removeprefix("/")


#: Relationship types (the last segment) of the parts a ``<sheet>`` may name.
_SHEET_TYPES = frozenset({"worksheet", "chartsheet", "dialogsheet", "macrosheet", "xlMacrosheet", "xlIntlMacrosheet"})


def _utf8_only(read: Callable[[int], bytes]) -> Callable[[int], bytes]:
    """``read``, raising _NotPlain when the part's first bytes say it is not in UTF-8."""
    first = [True]

    def reading(size: int) -> bytes:
        chunk = read(size)
        if first[0]:
            first[0] = False
            if encoding_of(chunk[:200]) is not None:
                raise _NotPlain
        return chunk

    return reading


def _sheet_parts(package: zipfile.ZipFile, names: set[str], fail,
                 scanned: dict[str, bytes]) -> tuple[dict[str, str], dict[str, str], bool, frozenset[str]]:
    """(sheet name → worksheet part, relationship type suffix → part, whether the workbook is
    Strict, the sheets it hides) from workbook.xml and its relationships (parsed with defusedxml,
    after the pre-scan refused any DTD; ``scanned``: the parts' bytes as the pre-scan read them)."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    documents = {}
    for member in (_WORKBOOK, _WORKBOOK_RELS):
        if member not in names:
            continue
        try:
            raw = scanned.get(member)
            if raw is None or len(raw) > _SMALL:  # (the cap's refusal comes from _read_small)
                raw = _read_small(package, member)
            documents[member] = fromstring(raw)
        except DefusedXmlException:
            raise fail("xml_bomb", part=member) from None
        except (ParseError, zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as exc:
            raise fail("corrupt_part", part=member, reason=_short(exc)) from None
    targets, related, external, twice = {}, {}, {}, set()
    others = {_WORKBOOK: "officeDocument", _WORKBOOK_RELS: "relationships"}  # part → what else it is (its type)
    rels = documents.get(_WORKBOOK_RELS)
    if rels is not None:
        for rel in rels.iter(f"{{{_PKG_REL_NS}}}Relationship"):
            rel_id, target = rel.get("Id"), rel.get("Target") or ""
            if rel_id in targets or rel_id in external:
                twice.add(rel_id)
            if rel.get("TargetMode") == "External":
                external[rel_id] = target
                continue
            target = resolve(_WORKBOOK, target)
            targets[rel_id] = target
            kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
            related.setdefault("/" + kind, target)
            if kind not in _SHEET_TYPES:
                others.setdefault(part_key(target), kind)
    parts: dict[str, str] = {}
    hidden: set[str] = set()
    sheet_of_part: dict[str, str] = {}  # (a dict: a hostile list of 100,000 sheets is not quadratic)
    keys = {part_key(n) for n in names}
    book = documents[_WORKBOOK]
    strict = book.tag == f"{{{_STRICT_MAIN_NS}}}workbook"
    main, rel_ns = (_STRICT_MAIN_NS, _STRICT_REL_NS) if strict else (_MAIN_NS, _REL_NS)
    for sheet in book.iter(f"{{{main}}}sheet"):
        sheet_name, rel_id = sheet.get("name"), sheet.get(f"{{{rel_ns}}}id")
        # Ids are unique in a relationships part (OPC): readers differ in which of two they take
        if rel_id in twice:
            raise fail("rels_id_twice", part=_WORKBOOK_RELS, id=rel_id)
        if rel_id in external:
            raise fail("sheet_external", sheet=sheet_name or "?", target=external[rel_id][:160])
        part = targets.get(rel_id)
        if sheet_name is None or part is None:
            raise fail("sheet_rel_missing", sheet=sheet_name or "?", id=rel_id or "?", part=_WORKBOOK_RELS)
        if part.startswith("../") or part == "..":
            raise fail("sheet_outside_package", sheet=sheet_name, target=part[:160])
        if part not in names and part_key(part) not in keys:
            backslashed = _backslashed(part, names)
            if backslashed is not None:
                raise fail("member_backslash", part=backslashed)
            raise fail("missing_sheet_part", sheet=sheet_name, part=part)
        if part_key(part) in others or part.lower().endswith(".rels"):  # the styles, the workbook itself ...
            raise fail("sheet_not_worksheet", sheet=sheet_name, part=part,
                       kind=others.get(part_key(part), "relationships"))
        # Two sheets in one part: an edit of one would change the other (Excel repairs such a file)
        if part_key(part) in sheet_of_part:
            raise fail("sheets_share_part", sheet=sheet_of_part[part_key(part)], other=sheet_name, part=part)
        sheet_of_part[part_key(part)] = sheet_name
        parts[sheet_name] = part
        if sheet.get("state") in ("hidden", "veryHidden"):
            hidden.add(sheet_name)
    return parts, related, strict, frozenset(hidden)


def _respelled(package: zipfile.ZipFile, names: set[str], scanned: dict[str, bytes]) -> bool:
    """Whether the workbook's or the package's relationships name a part otherwise than every reader
    resolves it (another case or encoding than its member, dot segments, whitespace; or the package's
    relationships not in UTF-8): python-calamine then reads the copy (files/opc.py)."""
    fixer = PartFixer(sorted(names), plain_targets=True)
    for member in (_WORKBOOK_RELS, _PACKAGE_RELS):
        if member not in names:
            continue
        try:
            raw = scanned.get(member) or _read_small(package, member)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, NotImplementedError, zlib.error):
            continue  # refused where it is read
        if encoding_of(raw[:200]) is not None or fixer.fix(member, raw)[1]:
            return True
    return False


_SMALL = 16 << 20


def _read_small(package: zipfile.ZipFile, member: str, cap: int = _SMALL) -> bytes:
    with package.open(member) as fh:
        data = fh.read(cap + 1)
    if len(data) > cap:
        raise ValueError(f"{member} is implausibly large")
    return data


def read_workbook(path: Path, lang: str = "fi", *, limits: Limits | None = None,
                  data: bytes | None = None, keep: dict[str, bytes] | None = None) -> Iterator[Grid]:
    """Each sheet of a workbook as a grid of cached values (formulas are never evaluated).

    The file is read once. A plain sheet's values are read in the pre-scan's own pass
    (:mod:`~seuranta_xl.files.plain_values`, exactly as python-calamine gives them); python-calamine
    parses the same bytes the pre-scan accepted for every other sheet. ``keep``: see
    :func:`inspect_package`."""
    name = str(path)
    limits = limits or Limits()
    if data is None:
        data = read_regular(Path(path), lang, limit=limits.max_uncompressed_bytes)
    values: dict[str, list[list[Any]]] = {}
    scan = inspect_package(data, lang, limits, name=name, keep=keep, values=values)
    data = scan.source or data  # the bytes the pre-scan read (see files/opc.py)
    for sheet_name, rows in _calamine_sheets(data, name, lang, scan.sheets, values):
        notes = [(row, col, t("formula_no_value", lang, formula="=" + text if text else "="))
                 for row, col, text in scan.sheets[sheet_name].uncached]
        formats = _NumberFormats(data, scan.sheets[sheet_name].part, keep, scan.cell_formats) \
            if any(scan.cell_formats) else None
        yield Grid(source=name, sheet=sheet_name, rows=rows, notes=notes,  # to_python() gives fresh lists
                   number_formats=formats, hidden=sheet_name in scan.hidden)


class _NumberFormats:
    """A sheet's cells' number formats, read when first asked (a code column typed as numbers): the
    worksheet part (kept by a write command, else decompressed again) searched for the cells of one
    column. Both readers of values (python-calamine and plain_values) give the same numbers; the
    formats come from here for either."""

    def __init__(self, data: bytes, part: str, keep: dict[str, bytes] | None, formats: list[str | None]):
        self._data, self._part, self._keep, self._formats = data, part, keep, formats

    def __call__(self, col: int, rows: list[int]) -> dict[int, str]:
        xml = self._xml()
        if xml is None:
            return {}
        letters = column_letter(col).encode("ascii")
        styles: dict[int, int] = {}  # row → the cell's style index
        # The cells as Excel and openpyxl write them (``<c r="A5" s="2"``), found in row order by
        # plain searches (one pass in C); any other spelling by the general pattern below.
        missing, pos = [], 0
        for row in sorted(rows):
            at = xml.find(b'<c r="%s%d"' % (letters, row), pos)
            end = xml.find(b">", at) if at >= 0 else -1
            if end < 0:
                missing.append(row)
                continue
            style = _STYLE_OF.search(xml, at, end)
            styles[row] = int(style.group(1)) if style else 0
            pos = end
        if missing:
            wanted = set(missing)
            pattern = re.compile(rb"<(?:[\w.-]+:)?c\s([^>]*?(?<![\w:.-])r\s*=\s*[\"'](?i:" + letters
                                 + rb")([0-9]{1,7})[\"'][^>]*)>")
            for match in pattern.finditer(xml):
                row = int(match.group(2))
                if row in wanted:
                    style = _STYLE_OF.search(match.group(1))
                    styles[row] = int(style.group(1)) if style else 0
        found: dict[int, str] = {}
        for row, index in styles.items():
            code = self._formats[index] if index < len(self._formats) else None
            if code is not None:
                found[row] = code
        return found

    def _xml(self) -> bytes | None:
        if self._keep is not None and self._part in self._keep:
            return self._keep[self._part]
        try:
            with zipfile.ZipFile(io.BytesIO(self._data)) as package:
                return package.read(self._part)  # (measured by the pre-scan already)
        except (KeyError, zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError, zlib.error):
            return None


_STYLE_OF = re.compile(rb"(?<![\w:.-])s\s*=\s*[\"']([0-9]{1,9})[\"']")


def read_sheets(path: Path, wanted: Callable[[str], bool], lang: str = "fi", *,
                limits: Limits | None = None) -> dict[str, list[list[Any]]]:
    """The rows of the sheets whose name ``wanted`` accepts (the settings loader's two sheets),
    after the same pre-scan as :func:`read_workbook` of exactly the parts that are read."""
    name = str(path)
    limits = limits or Limits()
    data = read_regular(Path(path), lang, limit=limits.max_uncompressed_bytes)
    if sniff_data(data, name, Path(path).suffix, lang) != "workbook":
        return {}
    scan = inspect_package(data, lang, limits, name=name, sheets=wanted)
    if not scan.sheets:
        return {}
    return dict(_calamine_sheets(scan.source or data, name, lang, scan.sheets))


def _calamine_sheets(data: bytes, name: str, lang: str, scanned: dict[str, SheetScan],
                     values: dict[str, list[list[Any]]] | None = None):
    """(sheet name, rows) of the scanned sheets, in the workbook's order, read by python-calamine -
    but for those in ``values``, already read from the plain sheet's bytes (see
    :mod:`~seuranta_xl.files.plain_values`). Calamine still opens the package, so that it is
    refused exactly as before, and names the sheets."""
    from python_calamine import CalamineWorkbook

    try:
        with _panic_text():
            workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except BaseException as exc:  # calamine raises its own error types for broken packages
        raise InputError.of(name, "corrupt_xlsx", lang, reason=_calamine_reason(exc)) from None
    if not workbook.sheet_names:
        raise InputError.of(name, "empty_workbook", lang)
    names = workbook.sheet_names
    read = []
    parsed = False  # whether calamine read any sheet's cells (else it only named them)
    for sheet_name in names:
        if sheet_name not in scanned:
            continue  # not asked for, or (with every sheet asked for) refused by the pre-scan below
        if values and sheet_name in values:
            read.append((sheet_name, values.pop(sheet_name)))
            continue
        try:
            with _panic_text():
                sheet = workbook.get_sheet_by_name(sheet_name)
                rows = _rows_of(sheet)
                del sheet  # its cell range in Rust: freed before the next sheet is read
        except BaseException as exc:
            raise InputError.of(name, "corrupt_xlsx", lang, reason=_calamine_reason(exc)) from None
        read.append((sheet_name, rows))
        parsed = True
    workbook.close()
    del workbook
    if parsed:  # its cell ranges' pages back (see give_back); nothing to give when it read none
        give_back()
    yield from read


def _rows_of(sheet: Any) -> list[list[Any]]:
    """A calamine sheet's rows from A1, as ``to_python(skip_empty_area=False)`` gives them - row by
    row (``iter_rows``), which at 50,000 actions needs ~50 MB less at its peak and is faster, since
    the whole list is not built in Rust first. ``iter_rows`` starts its rows at the first used
    column: the columns before it are put back."""
    if not hasattr(sheet, "iter_rows") or not hasattr(sheet, "start"):  # an older python-calamine
        return sheet.to_python(skip_empty_area=False)
    first = sheet.start[1] if sheet.start else 0
    if not first:
        return list(sheet.iter_rows())
    pad = [""] * first
    return [pad + row for row in sheet.iter_rows()]


@contextlib.contextmanager
def _panic_text():
    """Keep what Rust's panic hook writes to file descriptor 2 (a message and a backtrace) off
    the terminal while calamine runs: the panic becomes this file's one line instead."""
    try:
        saved = os.dup(2)
    except OSError:  # no stderr at all (a windowed process): nothing to protect
        yield
        return
    try:
        sink = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        os.close(saved)
        yield
        return
    os.dup2(sink, 2)
    os.close(sink)
    try:
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _calamine_reason(exc: BaseException) -> str:
    """The reason for a calamine failure; anything but an error or a panic is re-raised.

    A panic inside calamine reaches Python as pyo3's PanicException, a BaseException (not an
    Exception), and pyo3 offers no importable name for it: it is that file's problem, not the
    process's, so it is told by its class name."""
    if not isinstance(exc, Exception) and exc.__class__.__name__ != "PanicException":
        raise exc
    text = _short(exc)
    return text if isinstance(exc, Exception) else f"python-calamine: {text}"


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or exc.__class__.__name__
    return text[:160]


def _mb(size: int) -> str:
    return f"{size / (1 << 20):.0f} MB" if size >= (1 << 20) else f"{size} B"


def read_grids(path: str | os.PathLike[str], lang: str = "fi", *, limits: Limits | None = None,
               data: bytes | None = None, keep: dict[str, bytes] | None = None) -> Iterator[Grid]:
    """Every sheet of the file as a grid (a text export has one). ``limits`` guard against hostile files.

    The file is opened once (a regular file, never blocking) and every reader works on those bytes;
    ``data``: the file's bytes when the caller has read them already (then it is not opened here);
    ``keep``: see :func:`inspect_package`."""
    path = Path(path)
    limits = limits or Limits()
    if data is None:
        data = read_regular(path, lang, limit=limits.max_uncompressed_bytes)
    if sniff_data(data, str(path), path.suffix, lang) == "text":
        yield read_text(path, lang, limits=limits, data=data)
    else:
        yield from read_workbook(path, lang, limits=limits, data=data, keep=keep)
