"""T: the quality of free text (copy-paste between rows)."""

from __future__ import annotations

import math
import re
from collections import deque
from itertools import chain, islice
from typing import Any, Iterator

from ..messages import t
from ..model import Item
from ._registry import Hit, RunContext, rule

#: Share of the shorter text's word triples found in the other text, from which it counts as reused.
REUSE_SHARE = 0.8
#: Texts shorter than this are not compared for reuse (short phrases repeat naturally).
REUSE_MIN_CHARS = 40


_WORD = re.compile(r"\w+")
#: ASCII bytes: the words' separators become spaces, the rest (and every non-ASCII byte) stays.
_SEPARATORS = bytes(b if chr(b).isalnum() or b == ord("_") or b >= 0x80 else ord(" ") for b in range(256))
_ASCII = bytes(range(0x80))


def _norm(text: str) -> str:
    """The text casefolded, its whitespace runs as single spaces, none at either end."""
    folded = text.casefold()
    # Most texts are normal already: every whitespace character but the space is unprintable,
    # so a printable text without doubled or outer spaces needs no split and join (a third faster).
    if folded.isprintable() and "  " not in folded and folded[:1] != " " and folded[-1:] != " ":
        return folded
    return " ".join(folded.split())


#: The usual text's bytes, deleted to tell whether a text is one: printable ASCII, the ASCII
#: whitespace that ``str.split`` and ``bytes.split`` share, and the Latin-1 letters (U+00C0-U+00FF
#: but ×, ß and ÷), encoded as 0xC3 and a continuation byte. With 0xC3 the only lead byte left, every
#: continuation byte is a Latin-1 letter's second.
_USUAL = bytes(range(0x09, 0x0E)) + bytes(range(0x20, 0x7F)) + b"\xc3" + bytes(
    b for b in range(0x80, 0xC0) if b not in (0x97, 0x9F, 0xB7))
#: A usual text's casefold, byte by byte: A-Z to a-z, À-Þ (0xC3 0x80-0x9E) to à-þ (0xC3 0xA0-0xBE),
#: and the whitespace to spaces (runs of it become one space anyway). Every other byte becomes 0xFF,
#: which UTF-8 never holds: one translate folds a text and a memchr for 0xFF tells whether it was
#: a usual one (a second translate deleting _USUAL cost as much as the fold).
_FOLD = bytes(0xFF if b not in _USUAL else b + 0x20 if 0x41 <= b <= 0x5A or 0x80 <= b <= 0x9E
              else 0x20 if 0x09 <= b <= 0x0D else b for b in range(256))


def _normal(text: str) -> bytes:
    """:func:`_norm`'s normal form, UTF-8 encoded (lone surrogates passed through): the key T101
    and T102 compare texts by, and what T102 takes the words from.

    Finnish and Swedish prose is ASCII and Latin-1 letters; for such a text one byte table does
    what casefold, the printable check and the encoding cost together (casefold alone ~7 ns a
    character). Anything else takes :func:`_norm`.
    """
    try:
        data = text.encode()
    except UnicodeEncodeError:  # a lone surrogate (a broken text export)
        return _norm(text).encode("utf-8", "surrogatepass")
    folded = data.translate(_FOLD)
    if b"\xff" in folded:  # not a usual text
        return _norm(text).encode()
    if b"  " in folded or folded[:1] == b" " or folded[-1:] == b" ":
        return b" ".join(folded.split())
    return folded


def _words(text: str) -> list[bytes]:
    """The words (``\\w+``) of ``text``, each UTF-8 encoded.

    The regex costs ~17 ns a character; when every non-ASCII character of the text is a word
    character (Finnish and Swedish prose: ä, ö, å), turning the ASCII separators into spaces and
    splitting the bytes gives the same words in a third of the time.
    """
    try:
        data = text.encode()
    except UnicodeEncodeError:  # a lone surrogate (a broken text export): the regex's words
        return [word.encode("utf-8", "surrogatepass") for word in _WORD.findall(text)]
    rest = data.translate(None, _ASCII)
    if not rest or rest.decode().isalnum():  # isalnum is what \w means beyond "_" (which is ASCII)
        return data.translate(_SEPARATORS).split()
    return [word.encode() for word in _WORD.findall(text)]


#: ASCII and the Latin-1 letters' UTF-8 bytes (0xC3 and a continuation byte, but × and ÷): a text of
#: these has no word character beyond ASCII's separators (see :func:`_words`).
_LATIN_WORDS = _ASCII + b"\xc3" + bytes(b for b in range(0x80, 0xC0) if b not in (0x97, 0xB7))
#: _SEPARATORS on _LATIN_WORDS, every other byte to 0xFF (which UTF-8 never holds, surrogates
#: passed or not): one translate splits a text of these and tells that it is one.
_LATIN_SEPARATORS = bytes(_SEPARATORS[b] if b in _LATIN_WORDS else 0xFF for b in range(256))


def _normal_words(normal: bytes) -> list[bytes]:
    """:func:`_words` of a text given as its :func:`_normal` form (the same words, from the bytes)."""
    spaced = normal.translate(_LATIN_SEPARATORS)
    if b"\xff" not in spaced:  # one table instead of a decode and isalnum
        return spaced.split()
    rest = normal.translate(None, _ASCII)
    if rest.decode("utf-8", "surrogatepass").isalnum():
        return normal.translate(_SEPARATORS).split()
    return _words(normal.decode("utf-8", "surrogatepass"))


def _shingles(normal: bytes) -> set[int]:
    """Word triples of a text in its :func:`_normal` form, each as its 64-bit hash: containment of
    one text in another, in linear time. A set of ints builds a quarter faster than one of tuples,
    takes less memory and intersects faster; two triples sharing a hash (odds ~2⁻⁶⁴ a pair) would
    only count one more shared triple."""
    words = _normal_words(normal)
    if len(words) < 3:
        return {hash(tuple(words))}
    return set(map(hash, zip(words, words[1:], words[2:])))


#: T102 compares a text with its goal's and with this many nearest earlier siblings' texts: pasting
#: happens between neighbouring rows, and an unbounded comparison is quadratic in a goal's actions.
REUSE_WINDOW = 10


class _Texts:
    """The run's progress texts, each normalised once (T101, T102): ``norm`` by ``id`` of the item,
    in the :func:`_normal` form."""

    __slots__ = ("items", "norm")

    def __init__(self, ctx: RunContext) -> None:
        self.items = [i for i in ctx.report.items if i.progress]
        self.norm = {id(i): _normal(i.progress) for i in self.items}


def _shingled(item: Item, normal: bytes) -> tuple[bytes, set, tuple, Item] | None:
    """(normal form, triples, probe, item) of a text long enough to be compared for reuse (T102).

    The probe is ``n - need + 1`` of the ``n`` triples (``need`` = how many must occur in the other
    text). When this text is the shorter side and contained, at most ``n - need`` of its triples are
    missing from the other, so one of any ``n - need + 1`` is there: a probe disjoint from the other
    text rules the pair out exactly, in a few look-ups instead of a full intersection.
    """
    if len(item.progress) < REUSE_MIN_CHARS:
        return None
    triples = _shingles(normal)  # the normal form is casefolded, spaces aside the same words
    n = len(triples)
    need = math.ceil(REUSE_SHARE * n)  # the least whole count >= REUSE_SHARE * n
    return normal, triples, tuple(islice(triples, n - need + 1)), item


def _texts(ctx: RunContext) -> _Texts:
    return ctx.shared("progress_texts", _Texts)


#: An action's triples let go (see :func:`reused_progress`): made again if a window asks for them.
_DROPPED = object()
#: How many actions' word triples T102 holds at once (a window's worth for each of the last groups).
_KEEP = 256


def _relation(item: Item, other: Item) -> dict[str, str]:
    return {"relation": "goal" if other.code == item.parent else "sibling"}


def _relation_words(data: dict[str, Any], lang: str) -> dict[str, str]:
    return {"relation": t(f"rule.relation.{data['relation']}", lang)}


@rule("T101", "copied-progress-text", "info", params=_relation_words)
def copied_progress(ctx: RunContext) -> Iterator[Hit]:
    """
    What it checks:
        A progress text (Eteneminen) identical, apart from spacing and case, to the text of
        the goal above it or of a sibling (same parent code) on an earlier row.
    Why it matters:
        A copied text says nothing about this action in particular; often the row was filled
        in by copying and never updated.
    Example:
        ``32.04`` and its only action ``32.04.01`` with the same paragraph word for word.
    How to fix:
        Write what this goal or action itself achieved; for a goal, summarise its actions.
    """
    column = ctx.report.columns.get("progress")
    texts = _texts(ctx)
    # Texts by hash: the nearest earlier sibling with the same text, and the goals' texts by code.
    latest: dict[tuple[str | None, str], dict[bytes, Item]] = {}
    by_code: dict[str, dict[bytes, Item]] = {}
    for item in texts.items:
        mine = texts.norm[id(item)]
        key = (item.parent, item.level)
        if item.owns_row:
            other = latest.get(key, {}).get(mine) or by_code.get(item.parent or "", {}).get(mine)
            if other is not None:
                yield Hit(item.row, column, item.display_code,
                          {"other": other.display_code, "other_row": other.row} | _relation(item, other))
        latest.setdefault(key, {})[mine] = item
        by_code.setdefault(item.code, {}).setdefault(mine, item)


@rule("T102", "reused-progress-text", "info", params=_relation_words)
def reused_progress(ctx: RunContext) -> Iterator[Hit]:
    """
    What it checks:
        A progress text that is almost wholly contained in the text of its goal or a sibling
        on an earlier row, or contains it (80 % of the shorter text's word triples occur in
        the other text), when not identical (that is T101). Typical: a goal's text assembled by pasting its actions'
        texts. A text is compared with its goal's and its ten nearest earlier siblings'.
    Why it matters:
        Repeated text makes the report longer without adding information, and the copies drift
        apart when only one is updated.
    Example:
        ``15.07`` whose text is its two actions' texts pasted one after the other.
    How to fix:
        Keep the detail in the action; let the goal's text summarise in a sentence or two.
    """
    column = ctx.report.columns.get("progress")
    texts = _texts(ctx)
    norm = texts.norm
    # Each text as an entry [item, its _shingled form]. A goal's form is kept for the run (goals are
    # few, and each action compares with its goal's); an action's only while it is among the _KEEP
    # most recent (a window only asks for recent ones) and made again in the rare case an older one
    # is asked for - so the word triples in memory do not grow with the number of actions (≈ 150 MB
    # at 50,000 when all were kept), and the findings are the same as with all of them kept.
    held: deque[list] = deque()

    def hold(entry: list) -> None:
        held.append(entry)
        if len(held) > _KEEP:
            held.popleft()[1] = _DROPPED

    # Each text's earlier siblings with text (same parent code and level; the nearest REUSE_WINDOW,
    # nearest first) and then the entries of its parent code: one pass, in sheet order.
    siblings: dict[tuple[str | None, str], deque] = {}
    by_code: dict[str, list[list]] = {}
    for item in texts.items:
        group = siblings.get((item.parent, item.level))
        if group is None:
            group = siblings[(item.parent, item.level)] = deque(maxlen=REUSE_WINDOW)
        mine = _shingled(item, norm[id(item)])
        if mine is not None and item.owns_row:
            normal, a, probe_a, _ = mine
            size = len(a)
            goals = by_code.get(item.parent, ()) if item.parent is not None else ()
            for entry in chain(reversed(group), goals):
                theirs = entry[1]
                if theirs is _DROPPED:
                    theirs = entry[1] = _shingled(entry[0], norm[id(entry[0])])
                    hold(entry)
                if theirs is None or theirs[0] == normal:  # too short, or identical (T101's)
                    continue
                _, b, probe_b, other = theirs
                # containment of the shorter text (by triples) in the longer one
                if size <= len(b):
                    if b.isdisjoint(probe_a) or len(a & b) < REUSE_SHARE * size:
                        continue
                elif a.isdisjoint(probe_b) or len(a & b) < REUSE_SHARE * len(b):
                    continue
                yield Hit(item.row, column, item.display_code,
                          {"other": other.display_code, "other_row": other.row} | _relation(item, other))
                break
        entry = [item, mine]
        group.append(entry)
        if item.level == "action":
            hold(entry)
        else:  # only goals have children (the parse keeps three levels)
            by_code.setdefault(item.code, []).append(entry)
