"""The zip layer of the package engine: members read once, untouched members copied as raw bytes.

:class:`Package` opens a workbook package and hands out each member's uncompressed bytes, read at
most once (cached), so reading the state and applying a plan in one command decompress nothing
twice. :func:`write_package` writes the new package: every member the plan did not change is copied
as its original local record (header, compressed data, data descriptor) and central-directory
record, byte for byte and in the original order; changed members are recompressed with their
original method and timestamp at their original place; new members go at the end.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from ...errors import InputError
from ...files.opc import CONTENT_TYPES, PartFixer, part_key
from ...messages import t

_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")  # the fixed 46 bytes of a central-directory record
_LOCAL = struct.Struct("<4s2B4HL2L2H")  # the fixed 30 bytes of a local header
_CENTRAL_SIG = b"PK\x01\x02"
_LOCAL_SIG = b"PK\x03\x04"
_UTF8_FLAG = 0x800
_CHUNK = 1 << 20


class PackageError(InputError):
    """A package this engine cannot edit safely (one line, exit 2 like every InputError).

    The message is catalogue entry ``key`` (seuranta_xl.messages), in Finnish until
    :meth:`in_lang` renders it in the command's language."""

    def __init__(self, source: str, key: str, lang: str = "fi", **params: object):
        super().__init__(source, t(key, lang, **params))
        self.key, self.params = key, params

    def in_lang(self, lang: str) -> "PackageError":
        return PackageError(self.source, self.key, lang, **self.params)


def attr_int(value: str | bytes | None, source: str, part: str, what: str, default: int | None = 0) -> int:
    """An attribute that must be a whole number (``sheetId``, ``numFmtId``): ``default`` when absent
    (None: it must be there), a damaged part when it is anything but digits (``1e9``, ``x``, ``-1``)."""
    if value is None or value == "" or value == b"":
        if default is None:
            raise PackageError(source, "package_part_damaged", part=part, reason=f"{what} missing")
        return default
    text = value.decode("ascii", "replace") if isinstance(value, bytes) else value
    if not text.isascii() or not text.isdigit():
        raise PackageError(source, "package_part_damaged", part=part, reason=f"{what}={text[:40]!r} is not a number")
    return int(text)


@dataclass
class Member:
    """One zip member of the source: its directory entry and where its raw record lies."""

    info: zipfile.ZipInfo
    central: bytes  # the raw central-directory record (fixed part, name, extra, comment)
    start: int  # offset of the local header in the source file
    end: int  # end of its local record (data and any data descriptor)


class Package:
    """A workbook package opened for reading; each member decompressed at most once."""

    def __init__(self, path: str | os.PathLike[str], data: bytes | None = None,
                 parts: dict[str, bytes] | None = None):
        """``data``: the file's bytes when the caller has read them (the file is then not opened);
        ``parts``: members already decompressed from these bytes (the pre-scan's worksheets)."""
        self.path = Path(path)
        self.source = str(self.path)
        try:
            self._file = io.BytesIO(data) if data is not None else open(self.path, "rb")
            self.zip = zipfile.ZipFile(self._file)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise PackageError(self.source, "package_not_zip", reason=_short(exc)) from None
        self.members = self._read_directory()
        self.by_name = {m.info.filename: m for m in self.members}
        # OPC part names compare ignoring ASCII case: a part is looked up in any case and keeps its
        # member's name (files/opc.py); a part stored in two cases is refused by the pre-scan.
        self._by_key = {part_key(name): name for name in self.by_name}
        files = [m.info.filename for m in self.members if not m.info.is_dir()]  # (a folder is no part)
        if len(set(files)) != len(files) or len({part_key(name) for name in files}) != len(files):
            raise PackageError(self.source, "package_damaged", reason="a member named twice")
        self._fixer = PartFixer(list(self.by_name))
        #: Members whose references (relationship targets, content-type part names) were spelled in
        #: another case than the members they name: written again, spelled as the members are.
        self.respelled: set[str] = set()
        self._cache: dict[str, bytes] = {}
        for name, part in (parts or {}).items():  # the file's own bytes (see FileWorkbook._handed_on)
            if (member := self.actual(name)) is not None:
                self._cache[member], respelled = self._fixer.fix(member, part)
                if respelled:
                    self.respelled.add(member)
        #: Names decompressed so far (a test checks that no member is read twice).
        self.reads: list[str] = []

    def _read_directory(self) -> list[Member]:
        infos = self.zip.infolist()
        self._file.seek(self.zip.start_dir)
        directory = self._file.read()
        records, pos = [], 0
        for info in infos:
            fixed = directory[pos:pos + _CENTRAL.size]
            if len(fixed) < _CENTRAL.size or fixed[:4] != _CENTRAL_SIG:
                raise PackageError(self.source, "package_damaged", reason="zip directory")
            fields = _CENTRAL.unpack(fixed)
            name_len, extra_len, comment_len = fields[12], fields[13], fields[14]
            size = _CENTRAL.size + name_len + extra_len + comment_len
            records.append(directory[pos:pos + size])
            pos += size
        starts = sorted(info.header_offset for info in infos)
        ends = dict(zip(starts, starts[1:] + [self.zip.start_dir]))
        return [Member(info, raw, info.header_offset, ends[info.header_offset]) for info, raw in zip(infos, records)]

    def names(self) -> list[str]:
        return [m.info.filename for m in self.members]

    def actual(self, name: str) -> str | None:
        """The member that holds part ``name`` (named in any case), or None."""
        return name if name in self.by_name else self._by_key.get(part_key(name))

    def has(self, name: str) -> bool:
        return self.actual(name) is not None

    def read(self, name: str) -> bytes:
        """The bytes of part ``name`` (decompressed once, then from the cache): an XML part in
        UTF-8 whatever its encoding, its references spelled as the members are (files/opc.py)."""
        member = self.actual(name)
        if member is None:
            raise PackageError(self.source, "package_part_missing", part=name)
        data = self._cache.get(member)
        if data is None:
            try:
                data = self.zip.read(member)
            except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError, RuntimeError) as exc:
                raise PackageError(self.source, "package_part_damaged", part=member, reason=_short(exc)) from None
            data, respelled = self._fixer.fix(member, data)
            if respelled:
                self.respelled.add(member)
            self._cache[member] = data
            self.reads.append(member)
        return data

    def raw_record(self, member: Member) -> Iterator[bytes]:
        """The member's local record exactly as stored in the source."""
        self._file.seek(member.start)
        left = member.end - member.start
        while left > 0:
            chunk = self._file.read(min(left, _CHUNK))
            if not chunk:
                raise PackageError(self.source, "package_part_damaged", part=member.info.filename, reason="truncated")
            left -= len(chunk)
            yield chunk

    def close(self) -> None:
        self.zip.close()
        self._file.close()

    def __enter__(self) -> "Package":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def write_package(pkg: Package, out: BinaryIO, changed: dict[str, "bytes | Iterable[bytes] | None"],
                  added: list[tuple[str, "bytes | Iterable[bytes]"]]) -> None:
    """Write the new package to ``out`` (seekable).

    ``changed``: member name → new content (bytes or chunks), or None to drop the member.
    ``added``: new members in order. Everything else is copied raw.
    """
    central: list[bytes] = []
    base = out.tell()
    changed = {pkg.actual(name) or name: content for name, content in changed.items()}
    stamp = pkg.by_name[pkg.actual("xl/workbook.xml")].info if pkg.has("xl/workbook.xml") else pkg.members[0].info
    for member in sorted(pkg.members, key=lambda m: m.start):
        name = member.info.filename
        pos = out.tell() - base
        if name in changed or name != _written_name(name):
            content = changed[name] if name in changed else pkg.read(name)
            if content is None:
                continue
            entry = _write_member(out, base, _written_name(name), content, member.info, member.info.compress_type)
        else:
            for chunk in pkg.raw_record(member):
                out.write(chunk)
            entry = _relocated(member.central, pos)
        central.append((member.start, entry))
    # the central directory keeps the source's order for the members it copies
    order = {m.start: i for i, m in enumerate(pkg.members)}
    records = [entry for _start, entry in sorted(central, key=lambda t: order[t[0]])]
    for name, content in added:
        records.append(_write_member(out, base, name, content, stamp, zipfile.ZIP_DEFLATED))
    directory_start = out.tell() - base
    for record in records:
        out.write(record)
    directory_size = out.tell() - base - directory_start
    if len(records) > 0xFFFF or directory_start > 0xFFFFFFFF:
        raise PackageError(pkg.source, "package_too_large")
    comment = pkg.zip.comment or b""
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(records), len(records), directory_size,
                          directory_start, len(comment)) + comment)


def _written_name(name: str) -> str:
    """The name a member is written under: its own, but the content-types stream's is fixed. It is
    no part (ECMA-376 part 2, rule M3.11), and openpyxl and LibreOffice open no package whose
    stream is spelled ``[content_types].xml``."""
    return CONTENT_TYPES if name.lower() == CONTENT_TYPES.lower() else name


def _relocated(record: bytes, offset: int) -> bytes:
    """A copied central record pointing at the member's new local header."""
    fields = list(_CENTRAL.unpack(record[:_CENTRAL.size]))
    if fields[-1] != 0xFFFFFFFF:
        fields[-1] = offset
        return _CENTRAL.pack(*fields) + record[_CENTRAL.size:]
    # The offset lives in the zip64 extra field: after the sizes that are also escaped there.
    name_len, extra_len = fields[12], fields[13]
    extra = bytearray(record[_CENTRAL.size + name_len:_CENTRAL.size + name_len + extra_len])
    pos = 0
    while pos + 4 <= len(extra):
        kind, size = struct.unpack_from("<2H", extra, pos)
        if kind == 1:
            at = pos + 4 + 8 * ((fields[11] == 0xFFFFFFFF) + (fields[10] == 0xFFFFFFFF))
            struct.pack_into("<Q", extra, at, offset)
            head = record[:_CENTRAL.size + name_len]
            return head + bytes(extra) + record[_CENTRAL.size + name_len + extra_len:]
        pos += 4 + size
    raise ValueError("zip64 offset without its extra field")


def _write_member(out: BinaryIO, base: int, name: str, content: "bytes | Iterable[bytes]", like: zipfile.ZipInfo,
                  method: int) -> bytes:
    """Write one member (local header, data) and return its central-directory record."""
    encoded = name.encode("utf-8")
    flags = _UTF8_FLAG if not name.isascii() else 0
    method = method if method in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) else zipfile.ZIP_DEFLATED
    dos_time, dos_date = _dos(like.date_time)
    header_at = out.tell()
    out.write(_LOCAL.pack(_LOCAL_SIG, 20, 0, flags, method, dos_time, dos_date, 0, 0, 0, len(encoded), 0))
    out.write(encoded)
    crc, size, csize = 0, 0, 0
    # Worksheets can be tens of MB: level 2 is ~3x faster than 6 for ~19 % more bytes (level 3:
    # ~2.5x for ~13 %; level 1: ~4x for ~28 %).
    level = 2 if name.startswith("xl/worksheets/") else 6
    packer = zlib.compressobj(level, zlib.DEFLATED, -15) if method == zipfile.ZIP_DEFLATED else None
    for chunk in ([content] if isinstance(content, (bytes, bytearray)) else content):
        crc = zlib.crc32(chunk, crc)
        size += len(chunk)
        data = packer.compress(chunk) if packer else chunk
        csize += len(data)
        out.write(data)
    if packer:
        tail = packer.flush()
        csize += len(tail)
        out.write(tail)
    if size > 0xFFFFFFFF or csize > 0xFFFFFFFF:
        raise ValueError(f"{name} is too large for a zip without zip64")
    end = out.tell()
    out.seek(header_at + 14)
    out.write(struct.pack("<3L", crc, csize, size))
    out.seek(end)
    record = _CENTRAL.pack(_CENTRAL_SIG, 20, like.create_system if like.create_system in (0, 3) else 0, 20, 0,
                           flags, method, dos_time, dos_date, crc, csize, size, len(encoded), 0, 0, 0, 0,
                           like.external_attr, header_at - base)
    return record + encoded


def _dos(date_time: tuple[int, ...]) -> tuple[int, int]:
    year, month, day, hour, minute, second = date_time
    year = min(max(year, 1980), 2107)
    return (hour << 11) | (minute << 5) | (second // 2), ((year - 1980) << 9) | (month << 5) | day


def open_target(out: "str | os.PathLike[str] | BinaryIO") -> tuple[BinaryIO, bool]:
    """(seekable binary stream, whether we opened it) for ``out``."""
    if isinstance(out, (str, os.PathLike)):
        return open(out, "wb"), True
    if out.seekable():
        return out, False
    return io.BytesIO(), False


def _short(exc: BaseException) -> str:
    return (" ".join(str(exc).split()) or exc.__class__.__name__)[:160]
