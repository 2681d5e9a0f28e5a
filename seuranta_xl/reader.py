"""Reading a report file into grids: .xlsx/.xlsm workbooks (values only) and text exports.

The format is told by the file's content, not only its name: a text export saved as .xls,
or a workbook renamed .txt, is still read for what it is.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import zipfile
from pathlib import Path
from typing import Any, Iterator

from .errors import InputError
from .grid import Grid
from .header import field_of
from .i18n import t

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xltx", ".xltm", ".xlam"}
TEXT_SUFFIXES = {".txt", ".tsv", ".csv", ".tab"}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls, or an encrypted .xlsx


def sniff(path: Path, lang: str = "fi") -> str:
    """``"workbook"`` or ``"text"``; InputError for anything we cannot read."""
    name = str(path)
    if not path.exists():
        raise InputError(name, t("not_found", lang))
    if path.is_dir():
        raise InputError(name, t("is_directory", lang))
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise InputError(name, t("unreadable", lang, reason=exc.strerror or exc.__class__.__name__)) from None
    if not head:
        raise InputError(name, t("empty_file", lang))
    if head.startswith(_OLE_MAGIC):
        if _is_encrypted_ole(path):
            raise InputError(name, t("encrypted", lang))
        raise InputError(name, t("legacy_xls", lang))
    if head.startswith(b"PK\x03\x04"):
        if b"mimetypeapplication/vnd.oasis.opendocument" in head[:200]:
            raise InputError(name, t("ods", lang))
        return "workbook"
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        raise InputError(name, t("corrupt_xlsx", lang, reason="not a zip package"))
    if _looks_like_text(head):
        return "text"
    raise InputError(name, t("not_spreadsheet", lang))


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


def read_text(path: Path, lang: str = "fi") -> Grid:
    """A text export as one grid: row N of the grid is record N of the file (quoted line breaks kept)."""
    data = path.read_bytes()
    text, _encoding = decode_text(data)
    delimiter = detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows: list[list[Any]] = [row for row in reader]
    except csv.Error as exc:
        raise InputError(str(path), t("unreadable", lang, reason=str(exc))) from None
    return Grid(source=str(path), sheet=path.stem, rows=rows)


# --- workbooks --------------------------------------------------------------------------------


def read_workbook(path: Path, lang: str = "fi") -> Iterator[Grid]:
    """Each sheet of a workbook as a grid of cached values (formulas are never evaluated)."""
    from python_calamine import CalamineWorkbook

    name = str(path)
    _check_package(path, lang)
    try:
        workbook = CalamineWorkbook.from_path(os.fspath(path))
    except Exception as exc:  # calamine raises its own error types for broken packages
        raise InputError(name, t("corrupt_xlsx", lang, reason=_short(exc))) from None
    if not workbook.sheet_names:
        raise InputError(name, t("empty_workbook", lang))
    for sheet_name in workbook.sheet_names:
        try:
            sheet = workbook.get_sheet_by_name(sheet_name)
            rows = sheet.to_python(skip_empty_area=False)
        except Exception as exc:
            raise InputError(name, t("corrupt_xlsx", lang, reason=_short(exc))) from None
        yield Grid(source=name, sheet=sheet_name, rows=[list(r) for r in rows])


def _check_package(path: Path, lang: str) -> None:
    """A workbook must be a readable zip with a workbook part."""
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise InputError(str(path), t("corrupt_xlsx", lang, reason=_short(exc))) from None
    if "xl/workbook.xml" not in names:
        if "content.xml" in names:
            raise InputError(str(path), t("ods", lang))
        raise InputError(str(path), t("not_spreadsheet", lang))


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or exc.__class__.__name__
    return text[:160]


def read_grids(path: str | os.PathLike[str], lang: str = "fi") -> Iterator[Grid]:
    """Every sheet of the file as a grid (a text export has one)."""
    path = Path(path)
    if sniff(path, lang) == "text":
        yield read_text(path, lang)
    else:
        yield from read_workbook(path, lang)
