"""P: the responsible role (Vastuuhenkilö) against the list of valid roles."""

from __future__ import annotations

import difflib
import heapq
import re
import unicodedata
from typing import Any, Iterator

from ..messages import t
from ._registry import Hit, RunContext, rule

# One cell may name several roles: "Talousjohtaja, Hallintojohtaja" or "… / …".
_SEPARATORS = re.compile(r"\s*[,;/\n]\s*")
#: Similarity from which a typed value counts as a spelling of a role (or of another variant).
SUGGEST_CUTOFF = 0.75
VARIANT_CUTOFF = 0.8


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _key(text: str) -> str:
    return _norm(text).casefold()


#: Words that join two roles in one cell ("Tekninen johtaja ja rakennustarkastaja"): split there,
#: unless the word before ends in a hyphen - one title in Finnish ("Kasvu- ja ympäristöjohtaja").
_JOINERS = re.compile(r"(?<![-‐])\s+(?:ja|sekä|och|samt|and)\s+|\s+[&+]\s+", re.I)
#: A lone word before a joiner that ends like an adjective shares the noun after it: one title
#: ("Tekninen ja ympäristöjohtaja", "teknisk och miljöchef", "Technical and environmental director").
_SHARED_HEAD = re.compile(r"\w+(?:nen|isk|ig|lig|al|ic|ive)", re.I)


def split_roles(value: object, roles: "list[str] | tuple[str, ...]" = ()) -> list[str]:
    """The role names in one Vastuuhenkilö cell: separated by ``,`` ``;`` ``/`` or a line break, or
    joined by ``ja``, ``sekä``, ``och``, ``samt``, ``and``, ``&``, ``+`` - except in a name on the
    ``roles`` list, after a hyphen ("Kasvu- ja ympäristöjohtaja") or after a lone adjective
    ("Tekninen ja ympäristöjohtaja"): those are one title."""
    known = {_key(r) for r in roles}
    names = []
    for part in _SEPARATORS.split(str(value)):
        part = _norm(part)
        if not part:
            continue
        pieces = [q for q in (_norm(x) for x in _JOINERS.split(part)) if q]
        if _key(part) in known or len(pieces) < 2 or any(_SHARED_HEAD.fullmatch(q) for q in pieces[:-1]):
            names.append(part)
        else:
            names += pieces
    return names


def closest_role(value: str, roles: list[str]) -> str | None:
    """The valid role ``value`` most resembles (case-insensitive), or None when none is close."""
    keys = {_key(r): r for r in roles}
    match = difflib.get_close_matches(_key(value), list(keys), n=1, cutoff=SUGGEST_CUTOFF)
    return keys[match[0]] if match else None


def _unknown(ctx: RunContext) -> list[tuple[int, str, str]]:
    """(row, column, role) for every role named in a Vastuuhenkilö cell, any row, that is not a
    valid role: P101's findings and P102's input, found once per run."""
    return ctx.shared("unknown_roles", _find_unknown)


def _find_unknown(ctx: RunContext) -> list[tuple[int, str, str]]:
    roles = ctx.settings.roles
    valid = {_norm(r) for r in roles}
    unknown_of: dict[object, list[str]] = {}  # a report names a handful of roles on thousands of rows
    found = []
    for row in ctx.report.rows:
        cell = row.cells.get("responsible")
        if cell is not None:
            letter, value = cell
            parts = unknown_of.get(value)
            if parts is None:
                parts = unknown_of[value] = [part for part in split_roles(value, roles) if part not in valid]
            for part in parts:
                found.append((row.row, letter, part))
    return found


def _bigrams(text: str) -> set[str]:
    return {text[k:k + 2] for k in range(len(text) - 1)} or {text}


#: Bounds that keep P102 linear in the number of distinct values: names kept per letter pair (a
#: pair shared by hundreds of names tells nothing), candidates compared per name, and the length
#: of a value that is compared at all (a role is a title, not a paragraph).
_POSTINGS_CAP = 32
_CANDIDATES = 16
_KEY_LENGTH = 120
#: Other variants named in one finding (the rest are counted), so the output stays linear too.
LISTED_VARIANTS = 5


def _candidate_pairs(keys: list[str]) -> Iterator[tuple[int, int]]:
    """Pairs (i < j) of values that share at least half of the shorter one's letter pairs: the only
    ones that can be spelling variants. Found through an index of letter pairs, each name compared
    with a bounded number of earlier ones (those sharing the most pairs), so a sheet with thousands
    of distinct similar names (people instead of roles) costs time in proportion to their number."""
    postings: dict[str, list[int]] = {}
    grams = [_bigrams(k[:_KEY_LENGTH]) for k in keys]
    for j, mine in enumerate(grams):
        shared: dict[int, int] = {}
        for gram in mine:
            for i in postings.get(gram, ()):
                shared[i] = shared.get(i, 0) + 1
        close = [(count, i) for i, count in shared.items() if 2 * count >= min(len(mine), len(grams[i]))]
        for _count, i in heapq.nlargest(_CANDIDATES, close):
            yield i, j
        for gram in mine:
            names = postings.setdefault(gram, [])
            if len(names) < _POSTINGS_CAP:
                names.append(j)


def _row_code(ctx: RunContext, row: int) -> str | None:
    """The code of the deepest item on a row (the one the row's fields belong to), if any."""
    items = ctx.index.on_row.get(row)
    return items[-1].display_code if items else None


def _hint(data: dict[str, Any], lang: str) -> dict[str, str]:
    """`` → Talousjohtaja?`` when a valid role is close, else a full stop."""
    suggestion = data.get("suggestion")
    return {"hint": f" → {suggestion}?" if suggestion else "."}


def _variant_params(data: dict[str, Any], lang: str) -> dict[str, str]:
    rows = data["rows"]
    return _hint(data, lang) | {"rows_text": t("rule.rows.one" if len(rows) == 1 else "rule.rows.many", lang,
                                               rows=", ".join(map(str, rows)))}


@rule("P101", "unknown-role", "warning", params=_hint)
def unknown_role(ctx: RunContext) -> Iterator[Hit]:
    """
    What it checks:
        A Vastuuhenkilö value (each name, when a cell lists several separated by ``,`` ``;``
        or ``/`` or joined by ``ja``, ``och``, ``and``, ``&``, but not after a hyphen as in
        ``Kasvu- ja ympäristöjohtaja`` or a lone adjective as in ``Tekninen ja ympäristöjohtaja``) that is not one of the valid roles (``roles``; or the workbook's lists
        sheet). The closest valid role is suggested when one is close enough. Any row is
        checked, coded or not.
    Why it matters:
        Summaries and filters group by the role's exact text: ``Talusohtaja`` is a different
        person from ``Talousjohtaja`` to Excel, so that director's actions go missing from
        their list.
    Example:
        ``Talusohtaja`` (suggestion: ``Talousjohtaja``).
    How to fix:
        Pick the role from the dropdown. If the role is real but missing from the list, add
        it to ``roles`` in seuranta.toml or to the lists sheet.
    """
    settings = ctx.settings
    suggestions: dict[str, str | None] = {}
    for row, column, value in _unknown(ctx):
        if value not in suggestions:
            suggestions[value] = closest_role(value, settings.roles)
        yield Hit(row, column, _row_code(ctx, row), {"value": value, "suggestion": suggestions[value]})


@rule("P102", "role-spelling-variants", "warning", params=_variant_params)
def role_variants(ctx: RunContext) -> Iterator[Hit]:
    """
    What it checks:
        Responsible values not on the roles list that are near-duplicates of each other
        (similar spellings of one role). One finding per distinct variant, on the first row
        where it appears, listing the other variants with their rows and the valid role they
        most resemble; P101 still marks every cell.
    Why it matters:
        Several spellings of one title split that person's actions into several groups, and
        fixing the cells one by one tends to miss some. Seeing the variants together shows
        how many cells need the same fix.
    Example:
        ``Talusohtaja`` (rows 23, 24), ``Talusojohtaja`` (rows 35–39) and ``Taloustohtaja``
        (row 19), all meaning ``Talousjohtaja``.
    How to fix:
        Replace every variant with the valid role from the dropdown (Find and Replace works
        well for this).
    """
    settings = ctx.settings
    rows_of: dict[str, list[int]] = {}
    column_of: dict[str, str] = {}
    for row, column, value in _unknown(ctx):
        rows = rows_of.setdefault(value, [])
        if not rows or rows[-1] != row:  # rows come in order: one look, not a search
            rows.append(row)
        column_of.setdefault(value, column)
    variants = list(rows_of)
    # Single-linkage groups of similar unknown values (case-insensitive), as a union-find; the
    # cheap upper bounds of difflib reject most pairs before the full ratio is computed.
    parent = list(range(len(variants)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    keys = [_key(v)[:_KEY_LENGTH] for v in variants]
    for i, j in _candidate_pairs(keys):
        matcher = difflib.SequenceMatcher(None, keys[j], keys[i])
        if (matcher.real_quick_ratio() >= VARIANT_CUTOFF and matcher.quick_ratio() >= VARIANT_CUTOFF
                and matcher.ratio() >= VARIANT_CUTOFF):
            parent[root(j)] = root(i)
    members_of: dict[int, list[str]] = {}
    for i, v in enumerate(variants):
        members_of.setdefault(root(i), []).append(v)
    for members in members_of.values():
        if len(members) < 2:
            continue
        suggestion = next((s for s in (closest_role(m, settings.roles) for m in members[:LISTED_VARIANTS + 1]) if s),
                          None)
        for value in members:
            listed = [v for v in members[:LISTED_VARIANTS + 1] if v != value][:LISTED_VARIANTS]
            more = len(members) - 1 - len(listed)
            named = ", ".join(f"\"{o}\" ({_rows_text(rows_of[o], '', '').strip()})" for o in listed)
            yield Hit(rows_of[value][0], column_of[value], _row_code(ctx, rows_of[value][0]), {
                "value": value, "rows": rows_of[value],
                "others": named + (f" (+{more})" if more else ""),
                "variants": [value] + listed, "group_size": len(members),
                "suggestion": suggestion,
            })


def _rows_text(rows: list[int], one: str, many: str, cap: int = 20) -> str:
    word = one if len(rows) == 1 else many
    shown = ", ".join(map(str, rows[:cap])) + (f" … (+{len(rows) - cap})" if len(rows) > cap else "")
    return f"{word} {shown}".strip()
