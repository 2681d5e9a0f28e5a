"""Goal and action codes: ``01.`` council-term goal, ``01.05`` annual goal, ``01.05.01`` action."""

from __future__ import annotations

import re
from typing import Any, Literal, NamedTuple

Level = Literal["council", "annual", "action"]
#: How deep each level sits in the hierarchy (sorting the codes on one row, shallowest first).
LEVEL_DEPTH: dict[str, int] = {"council": 0, "annual": 1, "action": 2}

# Parts of one or two digits separated by dots, then optional punctuation junk, then the name.
# A bare number without a dot ("2021 alkaen") is text, not a code. A part may carry one lower-case
# letter ("03.06a": an item of its own, never a duplicate of 03.06). A fourth part ("01.01.01.1", a
# sub-action) is no code of the three levels: the cell does not match, so the row is reported as
# uncoded (H107) and its grade is never folded into 01.01.01's.
_PART = r"\d{1,2}(?!\d)(?:[a-z](?![a-zåäö]))?"
# A fourth level ("01.01.01.1"): not one of ours, never folded into its action. Refused by a look-ahead
# at the start of _CODE (one match per cell instead of two).
_DEEPER = r"\s*\d{1,2}[a-z]?(?:\.\d{1,2}[a-z]?){3}"
# raw: the code as typed, with its punctuation junk. The name's trailing spaces go by rstrip() (a lazy
# .*? was slow).
_CODE = re.compile(
    rf"^(?!{_DEEPER})\s*(?P<raw>(?P<a>{_PART})\.(?:(?P<b>{_PART})(?:\.(?P<c>{_PART})(?!\.\d))?(?!\.\d))?"
    r"[^\s\w]*)(?P<space>\s*)(?P<name>.*)",
    re.S,
)
# The common case: a code typed canonically, then a space ("01. ", "01.05 ", "01.05.01 "). parse_code
# reads it without _CODE, which costs three times as much; _CODE would read it the same (tested).
_PLAIN = re.compile(r"\d\d\.(?:\d\d(?:\.\d\d)?)?(?= )")
_PLAIN_LEVELS: dict[int, Level] = {3: "council", 5: "annual", 8: "action"}
# A council goal written without its dot: "04 Hiilineutraali kunta" (two digits at most, then a name
# that begins with a capital letter); read as 04., noted as non-canonical (H105).
_BARE_COUNCIL = re.compile(r"^\s*(?P<a>\d{1,2})(?P<space>\s+)(?P<name>[^\W\d_a-zåäö].*)", re.S)


# A dash or colon between the code and the name ("01.05 - Nimi", "01.05 – Nimi", "01.05 : Nimi") is
# punctuation, not part of the name; a dash the name begins with ("-10 % päästöistä") has no space after it.
_DASHES = frozenset("-‐‒–—:")
_DASH_SEPARATOR = re.compile(r"[-‐‒–—:]\s+")


def _after_dash(name: str) -> str:
    """``- Nimi`` → ``Nimi``; ``-10 %`` stays; a lone dash is no name."""
    separator = _DASH_SEPARATOR.match(name)
    if separator is not None:
        return name[separator.end():]
    return "" if len(name) == 1 else name


def _pad(part: str) -> str:
    """``6`` → ``06``, ``6a`` → ``06a`` (a part is one or two digits, then maybe a letter)."""
    return part if part[1:2].isdecimal() else "0" + part  # isdecimal: the digits \d matches


class ParsedCode(NamedTuple):
    """A code found at the start of a name cell (a named tuple: one per name cell, and a tuple is
    built in a third of a frozen dataclass's time)."""

    code: str  # normalised: "01", "01.05", "01.05.01"
    level: Level
    raw: str  # the code as typed, e.g. "1.3.2" or "01.05.01."
    name: str  # the text after the code ("" when the cell holds only a code)
    canonical: bool  # typed exactly as NN. / NN.NN / NN.NN.NN followed by a space or the end


def parent_code(code: str) -> str | None:
    """``01.05.01`` → ``01.05``; ``01.05`` → ``01``; ``01`` → None."""
    return code.rsplit(".", 1)[0] if "." in code else None


def display_code(code: str) -> str:
    """How staff write a normalised code: council goals keep their trailing dot (``01.``)."""
    return f"{code}." if "." not in code else code


def parse_code(value: Any) -> ParsedCode | None:
    """The code at the start of a cell, or None when the cell does not start with one."""
    if isinstance(value, str):
        text = value
    else:
        if value is None or isinstance(value, bool):
            return None
        if isinstance(value, (int, float)) and float(value).is_integer():
            return None  # a whole number has no dot: not a code (1.05 typed as a number is one)
        text = str(value)  # a code typed as a number (1.05) arrives as float
    plain = _PLAIN.match(text)
    if plain is not None:
        raw = plain[0]
        name = text[len(raw):].strip()
        if name[:1] in _DASHES:
            name = _after_dash(name)
        return ParsedCode(raw.rstrip("."), _PLAIN_LEVELS[len(raw)], raw, name, True)
    return _parse_code(text, isinstance(value, str))


def _parse_code(text: str, typed: bool) -> ParsedCode | None:
    """parse_code for any text (``typed``: the cell held text, not a number)."""
    match = _CODE.match(text)
    if not match:
        # never a fourth level: _BARE_COUNCIL wants a space after the first digits, a fourth level a dot
        bare = _BARE_COUNCIL.match(text) if typed else None
        if bare is None:
            return None
        return ParsedCode(code=bare["a"].zfill(2), level="council", raw=bare["a"], name=bare["name"].rstrip(),
                          canonical=False)
    raw, a, b, c, space, name = match.groups()
    level: Level
    if b is None:
        code, level = _pad(a), "council"
    elif c is None:
        code, level = f"{_pad(a)}.{_pad(b)}", "annual"
    else:
        code, level = f"{_pad(a)}.{_pad(b)}.{_pad(c)}", "action"
    name = name.rstrip()
    if name[:1] in _DASHES:
        name = _after_dash(name)
    expected = code + "." if b is None else code  # display_code(code)
    canonical = (raw == expected) and (bool(space) or not name)
    return ParsedCode(code, level, raw, name, canonical)


#: How a code is written, apart from its numbers (see :func:`code_form`).
Padding = Literal["padded", "unpadded", "either", "mixed"]
_DIGITS = re.compile(r"\d+")
#: The form of a canonical code of each level: padded, the council goal's dot, a space before the name.
CANONICAL_SUFFIX: dict[str, str] = {"council": ".", "annual": "", "action": ""}


class CodeForm(NamedTuple):
    """The way a code is written: whether its parts are zero-padded (``01.05``: padded, ``1.5``:
    unpadded, ``10.12``: either), the punctuation after its last part (``.`` in ``1.5.1.``), and
    whether a space (or nothing) separates it from the name."""

    level: Level
    padding: Padding
    suffix: str
    spaced: bool

    @property
    def canonical(self) -> bool:
        return self.padding in ("padded", "either") and self.suffix == CANONICAL_SUFFIX[self.level] and self.spaced


def code_form(value: Any) -> CodeForm | None:
    """The form (:class:`CodeForm`) of the code at the start of a cell, or None without a code."""
    parsed = parse_code(value)
    if parsed is None:
        return None
    raw = parsed.raw
    kinds = {"unpadded" if len(d) == 1 else "padded" if d[0] == "0" else "either" for d in _DIGITS.findall(raw)}
    kinds.discard("either")
    padding: Padding = "either" if not kinds else kinds.pop() if len(kinds) == 1 else "mixed"
    last = raw.rstrip()
    end = len(last)
    while end and not (last[end - 1].isdigit() or last[end - 1].islower()):
        end -= 1
    text = (value if isinstance(value, str) else str(value)).lstrip()
    spaced = not parsed.name or text[len(raw):len(raw) + 1].isspace()
    return CodeForm(parsed.level, padding, last[end:], spaced)
