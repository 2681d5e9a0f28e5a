"""A number as Excel shows it under the simple number formats a code column is given.

A Nro column typed as numbers keeps its zeros only in its number format: ``1.1`` with ``0.00``
shows ``1.10``, ``1`` with ``00`` shows ``01``, ``1`` with ``00"."`` shows ``01.``. The reader
applies the format to numbers in code columns only (see :func:`format_number`); any format it does
not know for certain - dates, fractions, percentages, scientific, conditions, colours, several
sections for a negative number, thousands grouping - gives None, and the number is read as before.
"""

from __future__ import annotations

#: The built-in number formats (numFmtId without a numFmt of its own) this module formats; 0
#: (General) and 49 (@, text) show a number as it is, so they are not listed (None: as before).
BUILTIN: dict[int, str] = {1: "0", 2: "0.00"}

#: Characters Excel shows as they are without quotes (the digit placeholders excepted).
_LITERAL = frozenset(" -:()+")


def _tokens(code: str) -> list[tuple[str, str]] | None:
    """The first section of ``code`` as (kind, text) tokens: ``digit`` (0, #), ``point``, ``lit``;
    None for anything not understood."""
    tokens: list[tuple[str, str]] = []
    i, n = 0, len(code)
    while i < n:
        ch = code[i]
        if ch == ";":
            break
        if ch in "0#":
            tokens.append(("digit", ch))
        elif ch == ".":
            if any(kind == "point" for kind, _ in tokens):
                return None
            tokens.append(("point", "."))
        elif ch == '"':
            end = code.find('"', i + 1)
            if end < 0:
                return None
            tokens.append(("lit", code[i + 1:end]))
            i = end
        elif ch == "\\":
            if i + 1 >= n:
                return None
            tokens.append(("lit", code[i + 1]))
            i += 1
        elif ch == "_":  # the width of the next character: a space
            if i + 1 >= n:
                return None
            tokens.append(("lit", " "))
            i += 1
        elif ch in _LITERAL:
            tokens.append(("lit", ch))
        else:
            return None  # ? , % E / [ @ * letters: not this module's to guess
        i += 1
    return tokens


def format_number(value: float, code: str | None) -> str | None:
    """``value`` as Excel shows it under the number format ``code``; None when the format is General,
    unknown or not a simple fixed-decimal, zero-padded or literal one (the caller keeps the number)."""
    if code is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    from decimal import ROUND_HALF_UP, Decimal, InvalidOperation  # (only for a code column of numbers)

    if value < 0 or value != value or value in (float("inf"), float("-inf")):
        return None
    tokens = _tokens(code.strip())
    if not tokens or not any(kind == "digit" for kind, _ in tokens):
        return None
    point = next((k for k, (kind, _) in enumerate(tokens) if kind == "point"), len(tokens))
    whole, fraction = tokens[:point], tokens[point + 1:]
    decimals = [text for kind, text in fraction if kind == "digit"]
    try:
        number = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-len(decimals)), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return None
    integer, _, digits = f"{number:f}".partition(".")
    if len(integer) > 15:
        return None
    # The whole part: digits fill the placeholders from the right; more digits than placeholders go
    # in front of the first one; a 0 placeholder shows a zero where no digit is left, a # nothing.
    places = [k for k, (kind, _) in enumerate(whole) if kind == "digit"]
    shown = integer.lstrip("0")
    out = [text for _kind, text in whole]
    left = shown
    for k in reversed(places):
        if left:
            out[k], left = left[-1], left[:-1]
        else:
            out[k] = "0" if whole[k][1] == "0" else ""
    if places:
        out[places[0]] = left + out[places[0]]
    text = "".join(out)
    if point < len(tokens):
        # The fraction: placeholders from the left; trailing #s drop trailing zeros.
        digits = digits.ljust(len(decimals), "0")
        keep = len(decimals)
        while keep and decimals[keep - 1] == "#" and digits[keep - 1] == "0":
            keep -= 1
        part, used = [], 0
        for kind, token in fraction:
            if kind == "digit":
                part.append(digits[used] if used < keep else "")
                used += 1
            else:
                part.append(token)
        text += "." + "".join(part)
    return text
