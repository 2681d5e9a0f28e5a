"""What text is safe to hand to an engine as text: one pure definition for both engines.

A report comes from anyone, and every string the tool writes (a goal's name on the summary sheet,
a list entry, a finding's message) may hold what its author typed, including Excel's escape
``_x0001_`` before ``=`` or control characters. Whatever its characters, such text must be stored
as text, never as a formula, a number or an error value:

- :func:`engine_text` is the text an engine may store: the characters XML 1.0 cannot hold (C0
  controls other than tab, line feed and carriage return; surrogates, U+FFFE, U+FFFF) are removed, since a file cannot carry
  them; what remains is what the cell shows.
- :func:`file_text` is that text as written into a package: a literal ``_xHHHH_`` is escaped as
  ``_x005F_xHHHH_`` (ECMA-376 ST_Xstring) and a carriage return as ``_x000D_``, so Excel reads
  back the characters that were written instead of decoding them into a control character.
- :func:`parsed_by_excel` tells whether Excel's input parser (a live ``Range.value``) would turn
  the text into something else (a formula, number, date, boolean), so the live engine prefixes it
  with Excel's text marker ``'``. The file engine marks every string cell as a string instead.
"""

from __future__ import annotations

import re

#: The characters XML 1.0 cannot hold (its Char production excludes them): C0 controls other than
#: tab, line feed and carriage return, lone surrogates, U+FFFE and U+FFFF - as a character class's
#: body, for every writer's pattern. (openpyxl's ILLEGAL_CHARACTERS_RE has the controls only.)
XML_ILLEGAL_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
_XML_ILLEGAL = re.compile(f"[{XML_ILLEGAL_CHARS}]")
# Every "_" that begins an escape-shaped run, overlapping runs too ("_x005F_x0001_").
_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
# What a live Excel would not keep as typed when written through Range.value: formulas (=, +, -,
# @, also after leading blanks), numbers, percentages, dates and times (01.05 becomes 1 May or
# 1.05), booleans, and a leading apostrophe (Excel's own text marker, which it would swallow).
_PARSED_BY_EXCEL = re.compile(
    r"^(?:\s*[=+\-@']|\s*[\d.,:/ ]*\d[\d.,:/ ]*%?\s*$|\s*(?:true|false|tosi|epätosi)\s*$)", re.IGNORECASE)


def engine_text(text: str) -> str:
    """``text`` as any engine may store it: characters XML 1.0 cannot hold removed."""
    return _XML_ILLEGAL.sub("", text)


def stored_text(text: str) -> str:
    """``text`` as a package's string holds it: :func:`engine_text`, with every literal
    ``_xHHHH_`` escaped (overlapping runs too), so that readers decode back what was written."""
    return _ESCAPE.sub("_x005F_", engine_text(text))


def file_text(text: str) -> str:
    """:func:`stored_text` for openpyxl, which writes a carriage return raw."""
    # A carriage return is written as Excel writes it: XML parsers turn a raw one into a line feed.
    return stored_text(text).replace("\r", "_x000D_")


def parsed_by_excel(text: str) -> bool:
    """Whether Excel, given ``text`` as input, would store something other than that text."""
    return bool(_PARSED_BY_EXCEL.match(engine_text(text)))
