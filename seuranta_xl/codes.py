"""Goal and action codes: ``01.`` council-term goal, ``01.05`` annual goal, ``01.05.01`` action."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

Level = Literal["council", "annual", "action"]
#: How deep each level sits in the hierarchy (sorting the codes on one row, shallowest first).
LEVEL_DEPTH: dict[str, int] = {"council": 0, "annual": 1, "action": 2}

# Parts of one or two digits separated by dots, then optional punctuation junk, then the name.
# A bare number without a dot ("2021 alkaen") is text, not a code.
_CODE = re.compile(
    r"^\s*(?P<a>\d{1,2})\.(?:(?P<b>\d{1,2})(?:\.(?P<c>\d{1,2}))?)?"
    r"(?P<junk>[^\s\w]*)(?P<space>\s*)(?P<name>.*)",  # the name's trailing spaces: rstrip() (a lazy .*? was slow)
    re.S,
)


@dataclass(slots=True, frozen=True)
class ParsedCode:
    """A code found at the start of a name cell."""

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
    if value is None or isinstance(value, bool):
        return None
    text = value if isinstance(value, str) else str(value)  # a code typed as a number (1.05) arrives as float
    match = _CODE.match(text)
    if not match:
        return None
    a, b, c = match.group("a", "b", "c")
    level: Level
    if b is None:
        code, level = a.zfill(2), "council"
    elif c is None:
        code, level = f"{a.zfill(2)}.{b.zfill(2)}", "annual"
    else:
        code, level = f"{a.zfill(2)}.{b.zfill(2)}.{c.zfill(2)}", "action"
    raw = text[match.start("a"):match.end("junk")]  # as typed, from the first digit to the junk's end
    name = match["name"].rstrip()
    expected = display_code(code)
    canonical = (raw == expected) and (bool(match["space"]) or not name)
    return ParsedCode(code=code, level=level, raw=raw, name=name, canonical=canonical)
