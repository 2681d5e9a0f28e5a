"""The grade scale (Etenemisaste 1-5) and parsing of what people type into it."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable, Literal

from ._records import Record

#: Default labels, as in the municipality's own legend (seed report rows 7-11).
DEFAULT_SCALE: dict[int, str] = {
    1: "Toteutuksessa ei ole edetty tai toimenpide ei vaadi toimenpiteitä ko. toimialueelta",
    2: "Suunnitteluvaiheessa, on edetty hieman",
    3: "Toteutus on aloitettu, ei vielä valmis",
    4: "Toteutusvaiheessa lähellä valmistumista, ei vielä viimeistelty/käyttöön otettu",
    5: "Toimenpide on toteutettu ja käyttöön otettu toteutusohjelman mukaan",
}

#: The grade-list entry for an action the scale does not fit (the last entry of the dropdown): kept
#: out of every rollup, never read as grade 1, and a grade all the same (not "missing").
NOT_APPLICABLE = "ei sovellu / ei arvioitavissa"

#: What people type for it (compared case-folded, spaces collapsed, a trailing full stop ignored),
#: in Finnish, Swedish and English. A lone "-" is not one of them: a dash is an empty answer.
NOT_APPLICABLE_WORDS = frozenset({
    "ei sovellu / ei arvioitavissa", "ei sovellu", "ei arvioitavissa", "ei sovellettavissa",
    "ei sovellu/ei arvioitavissa", "ei sovellu tai ei arvioitavissa", "ei relevantti",
    "n/a", "n / a", "na", "not applicable", "not assessable", "not applicable / not assessable",
    "ej tillämplig", "ej tillämpligt", "ej tillämpbar", "ej bedömbar", "ej tillämplig / ej bedömbar",
})

# A label counts as "some level's label" from this similarity up; below it, it is free text.
_LABEL_MATCH = 0.6

# Between the number and its label: "=", ".", ":", ")" or any dash (hyphen, en, em, figure dash);
# "3/5" ("three out of five") names the scale's top after the number, not a label.
_NUMBER_THEN_LABEL = re.compile(
    r"^\s*(?P<num>[+-]?\d+(?:[.,]\d+)?)(?:\s*/\s*5(?!\d))?\s*(?:[=.:)\-‐‒–—]\s*)?(?P<label>.*?)\s*$", re.S)


@dataclass(slots=True)
class Grade(Record):
    """One Etenemisaste cell as understood by the tool.

    ``status`` is ``ok`` (``value`` is 1-5), ``missing`` (empty cell), ``na`` (not applicable /
    not assessable: :data:`NOT_APPLICABLE` or a variant; ``value`` None, so it is in no mean) or
    ``invalid`` (``raw`` kept for the validator). The number decides; the label is only compared.
    """

    raw: str | None = None
    value: int | None = None
    status: Literal["ok", "missing", "invalid", "na"] = "missing"
    label: str | None = None
    #: The scale level whose label the typed label resembles most (None: no label / no resemblance).
    label_level: int | None = None
    #: True when the typed label is the scale's label word for word (ignoring case and spaces).
    label_exact: bool | None = None

    def text(self, scale: dict[int, str] = DEFAULT_SCALE) -> str | None:
        """The canonical cell text for this grade, e.g. ``3 Toteutus on aloitettu, ei vielä valmis``."""
        if self.status == "na":
            return NOT_APPLICABLE
        return f"{self.value} {scale[self.value]}" if self.value else None

    @property
    def not_applicable(self) -> bool:
        """Marked "ei sovellu / ei arvioitavissa": a grade given, kept out of every rollup."""
        return self.status == "na"


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    return re.sub(r"\s+", " ", text).strip(" .")


def is_not_applicable(value: Any) -> bool:
    """Whether a cell says "not applicable / not assessable" (:data:`NOT_APPLICABLE_WORDS`)."""
    if not isinstance(value, str):
        return False
    text = _norm(value)
    return text in NOT_APPLICABLE_WORDS or re.sub(r"\s*/\s*", " / ", text) in NOT_APPLICABLE_WORDS


#: Bound of a parser's memos (free text typed into the grade column must not grow them without end).
_MEMO_MAX = 4096
Memo = dict[str, tuple[int | None, float]]


def closest_level(label: str, scale: dict[int, str] = DEFAULT_SCALE, memo: Memo | None = None) -> tuple[int | None, float]:
    """The scale level whose label ``label`` resembles most, with the similarity (0-1). Labels repeat
    down a sheet and difflib costs about a millisecond per comparison: ``memo`` (one per scale, held
    by a grade_parser) remembers the answers, which keeps big sheets linear."""
    wanted = _norm(label)
    found = memo.get(wanted) if memo is not None else None
    if found is not None:
        return found
    found = _same_label(wanted, scale)
    if found is None:
        best, best_ratio = None, 0.0
        for level, text in scale.items():
            ratio = difflib.SequenceMatcher(None, wanted, _norm(text)).ratio()
            if ratio > best_ratio:
                best, best_ratio = level, ratio
        found = (best, best_ratio) if best_ratio >= _LABEL_MATCH else (None, best_ratio)
    if memo is not None:
        if len(memo) >= _MEMO_MAX:
            memo.clear()
        memo[wanted] = found
    return found


def _same_label(wanted: str, scale: dict[int, str]) -> tuple[int, float] | None:
    """:func:`closest_level`'s answer for a label typed as the scale has it (the usual case), without
    difflib: the first level whose label is the same, alike 1.0 (only the same text is: 2 × matches /
    both lengths). Not for 200 characters or more, which difflib's autojunk may rate below 1."""
    if len(wanted) >= 200:
        return None
    for level, text in scale.items():
        if _norm(text) == wanted:
            return level, 1.0
    return None


def parse_grade(value: Any, scale: dict[int, str] = DEFAULT_SCALE, memo: Memo | None = None) -> Grade:
    """Parse a grade cell: ``3``, ``"3"``, ``3.0``, ``"3 Toteutus on aloitettu…"``, with stray spaces;
    ``ei sovellu / ei arvioitavissa`` (or ``N/A``, ``ej tillämplig`` …) is ``na``.

    A decimal comma is a decimal point (``"3,0"`` is 3). Anything else (text without a number,
    ``3,5``, ``0``, ``6``, ``-``) is ``invalid`` with its raw text.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return Grade()
    if isinstance(value, bool):
        return Grade(raw=str(value), status="invalid")
    if isinstance(value, (int, float)):
        raw = str(value)
        if float(value).is_integer() and 1 <= value <= 5:
            return Grade(raw=raw, value=int(value), status="ok")
        return Grade(raw=raw, status="invalid")
    raw = str(value).strip()
    if is_not_applicable(raw):
        return Grade(raw=raw, status="na")
    match = _NUMBER_THEN_LABEL.match(raw)
    if not match:
        level, _ = closest_level(raw, scale, memo)
        return Grade(raw=raw, status="invalid", label=raw, label_level=level, label_exact=False)
    num_text, label = match["num"], match["label"] or None
    label_level = label_exact = None
    if label:
        label_level, _ = closest_level(label, scale, memo)
        label_exact = False
    try:
        # a decimal comma as Finnish Excel writes it: "3,0" is 3.0 is 3; "3,5" is no grade (below)
        number = float(num_text.replace(",", "."))
    except ValueError:
        return Grade(raw=raw, status="invalid", label=label, label_level=label_level, label_exact=label_exact)
    if not number.is_integer() or not 1 <= number <= 5:
        return Grade(raw=raw, status="invalid", label=label, label_level=label_level, label_exact=label_exact)
    grade_value = int(number)
    if label:
        label_exact = _norm(label) == _norm(scale[grade_value])
    return Grade(raw=raw, value=grade_value, status="ok", label=label,
                 label_level=label_level, label_exact=label_exact)


def grade_parser(scale: dict[int, str] = DEFAULT_SCALE) -> Callable[[Any], Grade]:
    """``parse_grade`` for one scale, remembering its answers: a sheet repeats the same few grade
    texts thousands of times, and each answer costs regular expressions and label comparisons.
    Every call returns its own Grade (a copy), so callers may still change what they get.
    """
    scale = dict(scale)
    memo: dict[tuple[type, Any], Grade] = {}
    labels: Memo = {}

    def parse(value: Any) -> Grade:
        try:
            key = (value.__class__, value)
            known = memo.get(key)
        except TypeError:  # an unhashable value: parse it without the memo
            return parse_grade(value, scale, labels)
        if known is None:
            known = parse_grade(value, scale, labels)
            if len(memo) < _MEMO_MAX:
                memo[key] = known
        return Grade(known.raw, known.value, known.status, known.label, known.label_level, known.label_exact)

    return parse
