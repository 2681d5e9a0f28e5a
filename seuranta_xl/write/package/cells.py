"""Cells as SpreadsheetML: references, values read from a cell, values written as a cell.

A value we write is always a number, a boolean, an inline string or nothing - never a formula,
whatever the text says (``=HYPERLINK(...)`` stays text). Text is escaped so that it reads back as
written: ``_xHHHH_`` (Excel's escape for characters XML cannot hold) becomes ``_x005F_xHHHH_``, and
the control characters XML 1.0 cannot carry are dropped, as the openpyxl engine drops them.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

from ..cells import XML_ILLEGAL_CHARS, stored_text
from .spans import esc, esc_text

_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")
_XUNESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
ATTR = re.compile(rb'([\w:.-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')


def col_index(letters: str) -> int:
    """1-based column number of ``"A"``/``"ab"``."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


@lru_cache(maxsize=None)
def col_letters(index: int) -> str:
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def parse_ref(ref: str) -> tuple[int, int]:
    """(row, column) of ``"E20"`` (``$`` and lower case allowed)."""
    match = _REF.match(ref.strip())
    if match is None:
        raise ValueError(f"not a cell reference: {ref!r}")
    return int(match.group(2)), col_index(match.group(1))


def ref(row: int, col: int) -> str:
    return f"{col_letters(col)}{row}"


def parse_range(text: str) -> tuple[int, int, int, int]:
    """(min_row, min_col, max_row, max_col) of ``"A1:C5"`` or ``"B2"``."""
    first, _, last = text.partition(":")
    r1, c1 = parse_ref(first)
    r2, c2 = parse_ref(last) if last else (r1, c1)
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


def attrs_of(tag: bytes) -> dict[str, str]:
    """Attributes of a start tag (``<c r="A1" s="2">``) by their qualified name, entities decoded."""
    return {m.group(1).decode(): unescape_attr((m.group(2) if m.group(2) is not None else m.group(3)).decode("utf-8"))
            for m in ATTR.finditer(tag)}


_ENTITY = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|amp|lt|gt|quot|apos);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def unescape_attr(text: str) -> str:
    if "&" not in text:
        return text

    def one(m: re.Match) -> str:
        name = m.group(1)
        if name.startswith("#x"):
            return chr(int(name[2:], 16))
        if name.startswith("#"):
            return chr(int(name[1:]))
        return _NAMED[name]

    return _ENTITY.sub(one, text)


_NEEDS_CLEANING = re.compile(f"[{XML_ILLEGAL_CHARS}]|_x[0-9A-Fa-f]{{4}}_")


def clean_text(value: str) -> str:
    """Text as we store it (:func:`seuranta_xl.write.cells.stored_text`; the XML writer escapes a
    carriage return as ``&#13;``)."""
    return value if _NEEDS_CLEANING.search(value) is None else stored_text(value)


def read_text(text: str) -> str:
    """Stored text as a reader shows it (``_xHHHH_`` decoded)."""
    if "_x" not in text:
        return text
    return _XUNESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


#: What makes a text other than plain: characters to drop or escape, "_xHHHH_", a line break.
_NOT_PLAIN = re.compile(f"[{XML_ILLEGAL_CHARS}&<>\r\n]|_x[0-9A-Fa-f]{{4}}_")


def plain(text: str) -> bool:
    """Whether ``text`` is stored as it is: nothing to clean or escape, no space to preserve."""
    return _NOT_PLAIN.search(text) is None and not text[:1].isspace() and not text[-1:].isspace()


def text_tail(value: str, prefix: str = "") -> str:
    """What follows a text cell's reference and style: its type and its inline text (strings are
    written inline, so the shared strings part is never rewritten)."""
    p = prefix
    if plain(value):  # the common case: nothing to clean, escape or preserve
        return f' t="inlineStr"><{p}is><{p}t>{value}</{p}t></{p}is></{p}c>'
    text = clean_text(value)
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() or "\n" in text else ""
    return f' t="inlineStr"><{p}is><{p}t{space}>{esc_text(text)}</{p}t></{p}is></{p}c>'


def value_xml(cell: str, value: Any, style: str | None, prefix: str = "") -> bytes:
    """One ``<c>`` for ``value`` (not None) at ``cell``, keeping the style index ``style``."""
    s = f' s="{style}"' if style not in (None, "") else ""
    p = prefix
    if isinstance(value, bool):
        return f'<{p}c r="{cell}"{s} t="b"><{p}v>{int(value)}</{p}v></{p}c>'.encode()
    if isinstance(value, (int, float)) and not (isinstance(value, float) and not math.isfinite(value)):
        number = repr(value) if isinstance(value, float) else str(value)
        return f'<{p}c r="{cell}"{s}><{p}v>{number}</{p}v></{p}c>'.encode()
    return f'<{p}c r="{cell}"{s}{text_tail(value if isinstance(value, str) else str(value), p)}'.encode()


def empty_xml(cell: str, style: str, prefix: str = "") -> bytes:
    return f'<{prefix}c r="{cell}" s="{esc(style)}"/>'.encode()


# --- reading a cell's value ---------------------------------------------------------------------

_V = re.compile(rb"<(?:[\w.-]+:)?v\b[^>]*?(?:/>|>(.*?)</(?:[\w.-]+:)?v\s*>)", re.S)
_T = re.compile(rb"<(?:[\w.-]+:)?t\b[^>]*?(?:/>|>(.*?)</(?:[\w.-]+:)?t\s*>)", re.S)
_RPH = re.compile(rb"<(?:[\w.-]+:)?rPh\b.*?</(?:[\w.-]+:)?rPh\s*>", re.S)


def inline_text(body: bytes) -> str:
    """Text of an ``<is>``/``<si>`` body: every ``<t>`` outside phonetic runs, joined."""
    if b"<rPh" in body or b":rPh" in body:
        body = _RPH.sub(b"", body)
    text = "".join(unescape_attr((m or b"").decode("utf-8")) for m in _T.findall(body))
    return read_text(text)


def number(text: str) -> int | float:
    try:
        value = float(text)
    except ValueError:
        return text  # type: ignore[return-value]
    if value.is_integer() and re.fullmatch(r"-?\d+", text.strip()):
        return int(text)
    return value


_TYPE = re.compile(rb"""\st\s*=\s*["']([^"']*)["']""")


def cell_value(attrs: "bytes | dict[str, str]", body: bytes | None, shared) -> Any:
    """The saved value of a cell (a formula's cached result; None when empty). ``attrs``: the
    cell's attribute bytes (or a parsed dict)."""
    if not body:
        return None
    if isinstance(attrs, dict):
        kind = attrs.get("t", "n")
    else:
        match = _TYPE.search(attrs)
        kind = match.group(1).decode() if match else "n"
    if kind == "inlineStr":
        return inline_text(body)
    match = _V.search(body)
    raw = unescape_attr((match.group(1) or b"").decode("utf-8")) if match else None
    if raw is None:
        return None
    if kind == "s":
        try:
            return shared(int(raw))
        except (ValueError, IndexError):
            return None
    if kind == "b":
        return raw.strip() in ("1", "true")
    if kind in ("str", "e", "d"):
        return read_text(raw)
    return number(raw)
