"""A workbook's data validations and defined names, read without the write engine: what a
read-only command (and the Python API's ``validate``) needs to use a person's own dropdown on the
responsible or status column as that sheet's roles or statuses list
(:func:`seuranta_xl.config.own_list_settings`).

Only the bytes after ``</sheetData>`` of the sheets asked for are kept (the sheet part is
decompressed in a stream, never held whole) and scanned with bounded patterns; the package has
passed the pre-scan (no DTD, sizes within the limits) before anything here reads it. Anything
unexpected means "no validations known": the values alone are checked, as without this.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from dataclasses import dataclass

from .opc import part_key, resolve
from .prescan import MAX_TAIL, SHEETDATA_END

_P = rb"(?:[\w.-]+:)?"
_SHEET = re.compile(rb"<" + _P + rb"sheet\b([^>]*)>")
_NAME = re.compile(rb"<" + _P + rb"definedName\b([^>]*)>([^<]*)</" + _P + rb"definedName\s*>")
_REL = re.compile(rb"<" + _P + rb"Relationship\b([^>]*)>")
_ATTR = re.compile(rb"""([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_VALIDATION = re.compile(rb"<" + _P + rb"dataValidation\b([^>]*?)(/?)>")
_FORMULA1 = re.compile(rb"<" + _P + rb"formula1\s*>([^<]*)</" + _P + rb"formula1\s*>")
# Excel 2010's form (in extLst) for a list on another sheet: <x14:formula1><xm:f>…</xm:f> and <xm:sqref>
_X14_FORMULA1 = re.compile(rb"<" + _P + rb"formula1\s*>\s*<" + _P + rb"f\s*>([^<]*)</" + _P + rb"f\s*>")
_X14_SQREF = re.compile(rb"<" + _P + rb"sqref\s*>([^<]*)</" + _P + rb"sqref\s*>")
_VALIDATION_END = re.compile(rb"</" + _P + rb"dataValidation\s*>")
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Validation:
    sheet: str
    sqref: str
    type: str | None
    formula1: str | None


@dataclass(frozen=True, slots=True)
class Name:
    name: str
    refers_to: str
    sheet: str | None  # the sheet it is local to


def _attrs(raw: bytes) -> dict[str, str]:
    found = {}
    for m in _ATTR.finditer(raw):
        key = m.group(1).decode("utf-8", "replace").rsplit(":", 1)[-1]
        found[key] = html.unescape((m.group(2) if m.group(2) is not None else m.group(3) or b"").decode("utf-8", "replace"))
    return found


def _tail(z: zipfile.ZipFile, part: str) -> bytes:
    """The bytes after ``</sheetData>`` of a worksheet part, read in a stream."""
    keep, found = b"", None
    with z.open(part) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            if not chunk:
                break
            if found is None:
                window = keep[-64:] + chunk
                match = None
                for match in SHEETDATA_END.finditer(window):
                    pass
                if match is not None:
                    found, keep = True, window[match.end():]
                else:
                    keep = window
            else:
                keep += chunk
                if len(keep) > MAX_TAIL:
                    return b""
    return keep if found else b""


def read_lists(data: bytes, sheets: list[str], tails: "dict[str, bytes] | None" = None,
               parts: "dict[str, bytes] | None" = None) -> tuple[list[Validation], list[Name]]:
    """The data validations of ``sheets`` and the workbook's defined names in the package ``data``
    (``([], [])`` when they cannot be found the usual way). ``tails``: sheet name → its bytes after
    ``</sheetData>`` where the pre-scan kept them; ``parts``: part name → bytes the pre-scan read
    (workbook.xml and its relationships): neither is decompressed again."""
    tails, parts = tails or {}, parts or {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            members = {part_key(n): n for n in z.namelist()}
            book = parts.get("xl/workbook.xml") or z.read(members["xl/workbook.xml"])
            rels = parts.get("xl/_rels/workbook.xml.rels") or z.read(members["xl/_rels/workbook.xml.rels"])
            targets = {}
            for m in _REL.finditer(rels):
                a = _attrs(m.group(1))
                if "Id" in a and "Target" in a and a.get("TargetMode") != "External":
                    targets[a["Id"]] = resolve("xl/workbook.xml", a["Target"])
            order, parts = [], {}
            for m in _SHEET.finditer(book):
                a = _attrs(m.group(1))
                order.append(a.get("name", ""))
                parts[a.get("name", "")] = targets.get(a.get("id", ""))
            names = []
            for m in _NAME.finditer(book):
                a = _attrs(m.group(1))
                local = a.get("localSheetId")
                owner = order[int(local)] if local and local.isdigit() and int(local) < len(order) else None
                names.append(Name(a.get("name", ""), "=" + html.unescape(m.group(2).decode("utf-8", "replace")), owner))
            validations = []
            for sheet in sheets:
                part = parts.get(sheet)
                if not part or part_key(part) not in members:
                    continue
                tail = tails[sheet] if sheet in tails else _tail(z, members[part_key(part)])
                for m in _VALIDATION.finditer(tail):
                    a = _attrs(m.group(1))
                    formula, sqref = None, a.get("sqref", "")
                    if not m.group(2):
                        end = _VALIDATION_END.search(tail, m.end())
                        stop = end.start() if end else len(tail)
                        inner = _FORMULA1.search(tail, m.end(), stop) or _X14_FORMULA1.search(tail, m.end(), stop)
                        formula = html.unescape(inner.group(1).decode("utf-8", "replace")) if inner else None
                        if not sqref and (where := _X14_SQREF.search(tail, m.end(), stop)):
                            sqref = where.group(1).decode("utf-8", "replace")
                    validations.append(Validation(sheet, sqref, a.get("type"), formula))
            return validations, names
    except (KeyError, ValueError, OSError, zipfile.BadZipFile, EOFError, RuntimeError, NotImplementedError):
        return [], []


def workbook_lists(data: bytes, source: str, suffix: str, sheets: list[str],
                   lang: str = "fi") -> tuple[list[Validation], list[Name]]:
    """:func:`read_lists` of a file's bytes (``source`` and ``suffix`` as the file is called): a text
    export has neither validations nor names. The caller has read the values first (their limits
    and integrity checks come before this)."""
    from .reader import scanned, sniff_data

    if sniff_data(data, source, suffix, lang) == "text":
        return [], []
    from .opc import readable

    scan = scanned(data)
    data = (scan.source or data) if scan is not None else readable(data)  # (see files/opc.py)
    return read_lists(data, sheets) if scan is None else read_lists(data, sheets, scan.tails(), scan.book_parts)
