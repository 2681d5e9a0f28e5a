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
import csv
import io
import os
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from ..errors import InputError
from ..grid import Grid, column_index
from ..header import field_of
from ..messages import t
from ..settings import Limits

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xltx", ".xltm", ".xlam"}
TEXT_SUFFIXES = {".txt", ".tsv", ".csv", ".tab"}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls, or an encrypted .xlsx


def sniff(path: Path, lang: str = "fi") -> str:
    """``"workbook"`` or ``"text"``; InputError for anything we cannot read."""
    name = str(path)
    if not path.exists():
        raise InputError.of(name, "not_found", lang)
    if path.is_dir():
        raise InputError.of(name, "is_directory", lang)
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise InputError.of(name, "unreadable", lang, reason=exc.strerror or exc.__class__.__name__) from None
    if not head:
        raise InputError.of(name, "empty_file", lang)
    if head.startswith(_OLE_MAGIC):
        if _is_encrypted_ole(path):
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
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
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


def _is_encrypted_ole(path: Path) -> bool:
    # Encrypted OOXML is an OLE file with an "EncryptionInfo" stream; its name is stored in UTF-16.
    with path.open("rb") as fh:
        data = fh.read(1 << 20)
    return "EncryptionInfo".encode("utf-16-le") in data


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


def read_text(path: Path, lang: str = "fi", *, limits: Limits | None = None) -> Grid:
    """A text export as one grid: row N of the grid is record N of the file (quoted line breaks kept)."""
    limits = limits or Limits()
    name = str(path)
    try:
        size = path.stat().st_size
        if size > limits.max_uncompressed_bytes:
            raise InputError.of(name, "too_big", lang, size=_mb(size), limit=_mb(limits.max_uncompressed_bytes))
        data = path.read_bytes()
    except OSError as exc:
        raise InputError.of(name, "unreadable", lang, reason=exc.strerror or exc.__class__.__name__) from None
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
_CHUNK = 1 << 20
# A cell start tag with its reference; group 3 is "/" for an empty (self-closing) cell.
_CELL_REF = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"[^>]*?(/?)>')
# A whole non-empty cell, to look for formulas without a cached value.
_CELL = re.compile(rb'<c\b([^>]*?)(?<!/)>(.*?)</c>', re.S)
_ATTR_R = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
_ATTR_T_STR = re.compile(rb'\bt="str"')
_FORMULA = re.compile(rb'<f\b[^>]*?(?:/>|>(.*?)</f>)', re.S)
_VALUE = re.compile(rb'<v\b[^>]*?(?:/>|>(.*?)</v>)', re.S)
_DTD = re.compile(rb'<!(?:DOCTYPE|ENTITY)', re.I)


@dataclass
class SheetScan:
    """What the pre-scan of one worksheet part found (rows and columns 1-based)."""

    part: str
    cells: int = 0
    min_row: int = 0
    max_row: int = 0
    min_col: int = 0
    max_col: int = 0
    #: (row, 0-based column, formula text) of formulas that have no cached result.
    uncached: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def area(self) -> int:
        """Cells calamine would allocate: the rectangle from the first to the last cell."""
        if not self.cells:
            return 0
        return (self.max_row - self.min_row + 1) * (self.max_col - self.min_col + 1)


@dataclass
class PackageScan:
    """The result of :func:`inspect_package`: sheet name → its worksheet part's scan."""

    uncompressed_bytes: int
    sheets: dict[str, SheetScan]


def inspect_package(path: Path, lang: str = "fi", limits: Limits | None = None) -> PackageScan:
    """Check an .xlsx/.xlsm package before anything parses it; InputError (one line) when it is unusable."""
    limits = limits or Limits()
    name = str(path)

    def fail(key: str, **values: object) -> InputError:
        return InputError.of(name, key, lang, **values)

    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise fail("corrupt_xlsx", reason=_short(exc)) from None
    with package:
        infos = package.infolist()
        names = {info.filename for info in infos}
        if "xl/workbook.xml" not in names:
            if "content.xml" in names:
                raise fail("ods")
            if "word/document.xml" in names:
                raise fail("not_spreadsheet_kind", kind="Word")
            if "ppt/presentation.xml" in names:
                raise fail("not_spreadsheet_kind", kind="PowerPoint")
            raise fail("not_spreadsheet")
        # The central directory's sizes first (cheap); the streams are then measured as read,
        # since a hostile package may understate them.
        declared = sum(info.file_size for info in infos)
        if declared > limits.max_uncompressed_bytes:
            raise fail("too_big", size=_mb(declared), limit=_mb(limits.max_uncompressed_bytes))
        sheet_parts = _sheet_parts(package, fail)
        scans = {part: SheetScan(part) for part in sheet_parts.values()}
        total = 0
        for info in infos:
            if info.is_dir():
                continue
            if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
                total += info.file_size  # images and the VBA project are never parsed
                continue
            try:
                total = _scan_part(package, info, scans.get(info.filename), total, limits, fail)
            except InputError:
                raise
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError,
                    NotImplementedError, zlib.error) as exc:
                raise fail("corrupt_xlsx", reason=f"{info.filename}: {_short(exc)}") from None
    sheets = {}
    for sheet_name, part in sheet_parts.items():
        scan = scans[part]
        if scan.area > limits.max_cells:
            raise fail("too_many_cells", sheet=sheet_name, limit=limits.max_cells)
        sheets[sheet_name] = scan
    return PackageScan(uncompressed_bytes=total, sheets=sheets)


def _sheet_parts(package: zipfile.ZipFile, fail) -> dict[str, str]:
    """Sheet name → worksheet part path, from workbook.xml and its relationships (parsed with defusedxml)."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        workbook = fromstring(_read_small(package, "xl/workbook.xml"))
        rels_name = "xl/_rels/workbook.xml.rels"
        rels = fromstring(_read_small(package, rels_name)) if rels_name in package.namelist() else None
    except DefusedXmlException:
        raise fail("xml_bomb", part="xl/workbook.xml") from None
    except (ParseError, zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as exc:
        raise fail("corrupt_xlsx", reason=f"xl/workbook.xml: {_short(exc)}") from None
    targets = {}
    if rels is not None:
        for rel in rels.iter(f"{{{_PKG_REL_NS}}}Relationship"):
            target = rel.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            targets[rel.get("Id")] = target
    parts = {}
    for sheet in workbook.iter(f"{{{_MAIN_NS}}}sheet"):
        part = targets.get(sheet.get(f"{{{_REL_NS}}}id"))
        if sheet.get("name") is not None and part:
            parts[sheet.get("name")] = part
    return parts


def _read_small(package: zipfile.ZipFile, member: str, cap: int = 16 << 20) -> bytes:
    with package.open(member) as fh:
        data = fh.read(cap + 1)
    if len(data) > cap:
        raise ValueError(f"{member} is implausibly large")
    return data


def _scan_part(package: zipfile.ZipFile, info: zipfile.ZipInfo, scan: SheetScan | None, total: int,
               limits: Limits, fail) -> int:
    """Stream one XML part: count its real size, refuse DTDs, and (for a sheet) measure its cells."""
    carry = b""
    with package.open(info) as fh:
        while True:
            chunk = fh.read(_CHUNK)
            if not chunk:
                break
            total += len(chunk)
            if total > limits.max_uncompressed_bytes:
                raise fail("too_big", size=f"> {_mb(limits.max_uncompressed_bytes)}",
                           limit=_mb(limits.max_uncompressed_bytes))
            buf = carry + chunk
            if _DTD.search(buf):
                raise fail("xml_bomb", part=info.filename)
            if scan is None:
                carry = buf[-16:]  # enough to see "<!DOCTYPE" split across chunks
                continue
            cut = max(buf.rfind(b"<c "), buf.rfind(b"<c>"))
            if cut < 0 or _cell_complete(buf, cut):
                _scan_cells(buf, scan)
                carry = buf[-16:]  # a cell tag split here is too short to have been counted
            else:  # the last cell continues in the next chunk
                _scan_cells(buf[:cut], scan)
                carry = buf[cut:]
    if scan is not None and carry and not _cell_complete(carry, 0):
        _scan_cells(carry, scan)  # a truncated last cell: zipfile's CRC check fails first in practice
    return total


def _cell_complete(buf: bytes, start: int) -> bool:
    end = buf.find(b">", start)
    return end >= 0 and (buf[end - 1:end] == b"/" or buf.find(b"</c>", end) >= 0)


def _scan_cells(data: bytes, scan: SheetScan) -> None:
    # A formatted empty cell is left out: calamine does not count it. The extent is taken over the
    # chunk at once (the distinct column letters are few), not cell by cell.
    refs = [(letters, digits) for letters, digits, empty in _CELL_REF.findall(data) if not empty]
    if refs:
        rows = [int(digits) for _, digits in refs]
        cols = [column_index(letters.decode()) + 1 for letters in {letters for letters, _ in refs}]
        low_row, high_row, low_col, high_col = min(rows), max(rows), min(cols), max(cols)
        if scan.cells == 0:
            scan.min_row, scan.max_row, scan.min_col, scan.max_col = low_row, high_row, low_col, high_col
        else:
            scan.min_row, scan.max_row = min(scan.min_row, low_row), max(scan.max_row, high_row)
            scan.min_col, scan.max_col = min(scan.min_col, low_col), max(scan.max_col, high_col)
        scan.cells += len(refs)
    if b"<f" not in data:
        return
    for attrs, body in _CELL.findall(data):
        formula = _FORMULA.search(body)
        if formula is None:
            continue
        value = _VALUE.search(body)
        if value is not None and (value.group(1) or _ATTR_T_STR.search(attrs)):
            continue  # a cached result (an empty one for a text formula is still a result)
        ref = _ATTR_R.search(attrs)
        if ref is None:
            continue
        text = (formula.group(1) or b"").decode("utf-8", "replace")
        text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
        scan.uncached.append((int(ref.group(2)), column_index(ref.group(1).decode()), text))


def read_workbook(path: Path, lang: str = "fi", *, limits: Limits | None = None) -> Iterator[Grid]:
    """Each sheet of a workbook as a grid of cached values (formulas are never evaluated)."""
    from python_calamine import CalamineWorkbook

    name = str(path)
    scan = inspect_package(path, lang, limits)
    try:
        workbook = CalamineWorkbook.from_path(os.fspath(path))
    except Exception as exc:  # calamine raises its own error types for broken packages
        raise InputError.of(name, "corrupt_xlsx", lang, reason=_short(exc)) from None
    if not workbook.sheet_names:
        raise InputError.of(name, "empty_workbook", lang)
    for sheet_name in workbook.sheet_names:
        sheet_scan = scan.sheets.get(sheet_name)
        if sheet_scan is None:
            # calamine lists a sheet the package scan could not map to a part: refuse rather than
            # let an unmeasured sheet through.
            raise InputError.of(name, "corrupt_xlsx", lang, reason=f"sheet {sheet_name}")
        try:
            sheet = workbook.get_sheet_by_name(sheet_name)
            rows = sheet.to_python(skip_empty_area=False)
        except Exception as exc:
            raise InputError.of(name, "corrupt_xlsx", lang, reason=_short(exc)) from None
        notes = [(row, col, t("formula_no_value", lang, formula="=" + text if text else "="))
                 for row, col, text in sheet_scan.uncached]
        yield Grid(source=name, sheet=sheet_name, rows=rows, notes=notes)  # to_python() gives fresh lists


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or exc.__class__.__name__
    return text[:160]


def _mb(size: int) -> str:
    return f"{size / (1 << 20):.0f} MB" if size >= (1 << 20) else f"{size} B"


def read_grids(path: str | os.PathLike[str], lang: str = "fi", *, limits: Limits | None = None) -> Iterator[Grid]:
    """Every sheet of the file as a grid (a text export has one). ``limits`` guard against hostile files."""
    path = Path(path)
    if sniff(path, lang) == "text":
        yield read_text(path, lang, limits=limits)
    else:
        yield from read_workbook(path, lang, limits=limits)
