"""Comparing two follow-up reports (the previous period's and this one's): pure, nothing is written.

Items are matched per report sheet by code; items left over on both sides are matched by name
similarity (a renumbered item). For each matched goal and action the grade, the computed status
(mean of the actions, :func:`~seuranta_xl.rollup.compute_rollup`), the responsible person, the
risks and the narrative (*Eteneminen*) are compared. A narrative identical or nearly identical to
the previous report's while the grade did not move is the usual sign that nobody updated the row.

Works on anything :func:`~seuranta_xl.validate.load_reports` reads (an ``.xlsx`` against a text
export, different column orders) and on the several-report-sheets layout (sheets paired by name).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Iterator

from .grades import NOT_APPLICABLE
from .messages import t
from .model import Item, Report
from .rollup import compute_rollup
from .rules.roles import closest_role, split_roles
from .settings import Settings
from .validate import Source, load_reports

if TYPE_CHECKING:  # pandas only when a frame is asked for
    import pandas as pd

#: Names at least this similar (0-1) are one item whose code changed.
RENAME_CUTOFF = 0.8
#: A narrative at least this similar to the previous one counts as copied forward.
NARRATIVE_CUTOFF = 0.9
#: Beyond this many (removed x added) pairs, renumbered items are looked for under one council goal.
MAX_NAME_PAIRS = 200_000
#: A grade marked not applicable, as ``old``/``new`` of a change (JSON, CSV, the Muutokset sheet).
NOT_APPLICABLE_VALUE = "N/A"
#: Risk items at least this similar are the same risk (reworded).
RISK_CUTOFF = 0.85

#: Every kind of change, in the order the changes of one item are listed.
KINDS = ("added", "removed", "renumbered", "renamed", "grade_up", "grade_down", "grade_set", "grade_cleared",
         "grade_not_applicable", "grade_applicable", "status_up", "status_down", "responsible_changed", "risks_added", "risks_removed", "progress_cleared", "not_updated")
CHANGE_FIELDS = ("code", "sheet", "kind", "field", "old", "new", "message")

_RISK_SPLIT = re.compile(r"\s*(?:\n+|;|•|(?:^|\n)\s*[-–*]\s+)\s*")


@dataclass
class Change:
    """One difference between the reports, about one item. ``row``/``column``: the changed cell in
    the new report (None for a removed item); ``old_row``: the item's row in the old one."""

    code: str  # as staff write it ("01.", "01.05.01"); the new code for a renumbered item
    sheet: str  # the new report's sheet (the old one's for a removed item)
    kind: str  # one of KINDS
    field: str | None  # "grade", "status", "responsible", "risks", "progress", "code", "name" or None
    old: Any
    new: Any
    message: str
    level: str = "action"
    row: int | None = None
    column: str | None = None
    old_row: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON/CSV shape: code, sheet, kind, field, old, new, message."""
        return {name: getattr(self, name) for name in CHANGE_FIELDS}


@dataclass
class ReportInfo:
    source: str
    sheets: list[str]
    title: str | None
    period: str | None
    actions: int


@dataclass
class Comparison:
    old: ReportInfo
    new: ReportInfo
    changes: list[Change] = field(default_factory=list)
    #: Counts: ``actions`` (improved, worsened, unchanged, not_updated, added, removed, renumbered),
    #: ``kinds`` (every change kind), and ``text`` - the one-line summary in the chosen language.
    summary: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"old": asdict(self.old), "new": asdict(self.new),
                "changes": [c.to_dict() for c in self.changes], "summary": self.summary}

    def to_frame(self) -> "pd.DataFrame":
        """One line per change, with the level and the cell it points at."""
        import pandas as pd

        columns = list(CHANGE_FIELDS) + ["level", "row", "column", "old_row"]
        return pd.DataFrame.from_records([asdict(c) for c in self.changes], columns=columns)

    def of_kind(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]


# --- text helpers -------------------------------------------------------------------------------


def _norm(value: Any) -> str:
    """Text as compared: NFC, case-folded, whitespace collapsed; numbers without a trailing .0."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(unicodedata.normalize("NFC", str(value)).casefold().split())


def similarity(a: str | None, b: str | None) -> float:
    """0-1, the better of the plain ratio and a token-set ratio (word order, repeats and added words
    ignored when at least two words are shared)."""
    x, y = _norm(a), _norm(b)
    if x == y:
        return 1.0
    if not x or not y:
        return 0.0
    ratio = lambda p, q: difflib.SequenceMatcher(None, p, q).ratio()  # noqa: E731
    a, b = set(x.split()), set(y.split())
    common = " ".join(sorted(a & b))
    if len(a & b) < 2:  # one shared word says little about two names
        return ratio(x, y)
    # token-set ratio (as rapidfuzz's): the shared words against each side's full set of words
    left, right = f"{common} {' '.join(sorted(a - b))}".strip(), f"{common} {' '.join(sorted(b - a))}".strip()
    return max(ratio(x, y), ratio(common, left), ratio(common, right), ratio(left, right))


def text_similarity(a: str | None, b: str | None, cutoff: float = 0.0) -> float:
    """0-1 for long texts (narratives, risks): the ratio over words, not letters (a narrative runs
    to 1,500 characters and letter-level difflib is quadratic). Below ``cutoff`` the cheap upper
    bounds may stand in for the ratio."""
    x, y = _norm(a).split(), _norm(b).split()
    if x == y:
        return 1.0
    if not x or not y:
        return 0.0
    matcher = difflib.SequenceMatcher(None, x, y, autojunk=False)
    for bound in (matcher.real_quick_ratio, matcher.quick_ratio):
        value = bound()
        if value < cutoff:
            return value
    return matcher.ratio()


def narrative_copied(old: str | None, new: str | None) -> bool:
    """Whether the narrative ``new`` is ``old`` copied forward: identical or nearly identical
    (:data:`NARRATIVE_CUTOFF`), an empty one never (the comparison's ``not_updated``, rule S101)."""
    return bool(_norm(new)) and text_similarity(old, new, NARRATIVE_CUTOFF) >= NARRATIVE_CUTOFF


def _risk_items(text: str | None) -> list[str]:
    return [p.strip() for p in _RISK_SPLIT.split(text or "") if p and p.strip()]


def _unmatched(items: list[str], others: list[str]) -> list[str]:
    return [i for i in items if not any(text_similarity(i, o, RISK_CUTOFF) >= RISK_CUTOFF for o in others)]


def shorten(text: Any, limit: int = 80) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _fmt_mean(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


# --- matching ------------------------------------------------------------------------------------


def _pair_sheets(old: list[Report], new: list[Report]) -> tuple[list[tuple[Report, Report]], list[Report], list[Report]]:
    """Report sheets paired by name; when one sheet is left on each side, those two (an ``.xlsx``
    against its text export, a renamed sheet)."""
    by_name = {r.sheet: r for r in old}
    pairs = [(by_name.pop(r.sheet), r) for r in new if r.sheet in by_name]
    paired_new = {id(n) for _, n in pairs}
    rest_old = list(by_name.values())
    rest_new = [r for r in new if id(r) not in paired_new]
    if len(rest_old) == 1 and len(rest_new) == 1:
        pairs.append((rest_old.pop(), rest_new.pop()))
    return pairs, rest_old, rest_new


def match_items(old: Report, new: Report) -> tuple[list[tuple[Item, Item]], list[Item], list[Item]]:
    """(matched pairs, removed, added). By code first (duplicates in order), then what is left of
    each level by name similarity (best pairs first, at least :data:`RENAME_CUTOFF`)."""
    by_code: dict[str, list[Item]] = {}
    for item in old.items:
        by_code.setdefault(item.code, []).append(item)
    pairs, added = [], []
    for item in new.items:
        same = by_code.get(item.code)
        if same:
            pairs.append((same.pop(0), item))
        else:
            added.append(item)
    removed = [i for items in by_code.values() for i in items]
    candidates = []
    for a, b in _name_candidates(removed, added):
        score = similarity(a.name, b.name)
        if score >= RENAME_CUTOFF:
            candidates.append((-score, a.row, b.row, id(a), id(b), a, b))
    used: set[int] = set()
    for *_, a, b in sorted(candidates, key=lambda c: c[:3]):
        if id(a) not in used and id(b) not in used:
            used.update((id(a), id(b)))
            pairs.append((a, b))
    return pairs, [i for i in removed if id(i) not in used], [i for i in added if id(i) not in used]


def _name_candidates(removed: list[Item], added: list[Item]) -> Iterator[tuple[Item, Item]]:
    """Pairs of one level worth a similarity: they share at least half of the shorter name's words.
    Two unrelated reports leave thousands of items on each side, so beyond :data:`MAX_NAME_PAIRS`
    only items under the same council-term goal are paired (a renumbered item rarely moves across)."""
    words = {id(i): set(_norm(i.name).split()) for i in (*removed, *added)}
    group = (lambda i: i.level) if len(removed) * len(added) <= MAX_NAME_PAIRS \
        else (lambda i: (i.level, i.code.split(".")[0]))
    by_group: dict[Any, list[Item]] = {}
    for b in added:
        by_group.setdefault(group(b), []).append(b)
    for a in removed:
        mine = words[id(a)]
        for b in by_group.get(group(a), ()):
            theirs = words[id(b)]
            if 2 * len(mine & theirs) >= min(len(mine), len(theirs)):
                yield a, b


# --- comparing -----------------------------------------------------------------------------------


class _Emitter:
    """Builds Change objects with their messages in one language."""

    def __init__(self, lang: str, sheet: str, report: Report, roles: list[str] | None = None):
        self.lang, self.sheet, self.report, self.roles = lang, sheet, report, roles or []
        self.changes: list[Change] = []

    def level_word(self, level: str) -> str:
        return t(f"cmp_level_{level}", self.lang)

    def add(self, item: Item, kind: str, field_name: str | None, old: Any, new: Any, *,
            old_item: Item | None = None, sheet: str | None = None, **params: Any) -> None:
        column = None
        if field_name in self.report.columns and field_name not in ("code", "name"):
            column = self.report.columns[field_name]  # type: ignore[index]
        elif kind != "removed":
            column = item.column
        message = t(f"cmp_{kind}", self.lang, old=old, new=new, level=self.level_word(item.level),
                    name=shorten(item.name), **params)
        removed = kind == "removed"
        self.changes.append(Change(
            code=item.display_code, sheet=sheet or self.sheet, kind=kind, field=field_name, old=old, new=new,
            message=message, level=item.level, row=None if removed else item.row,
            column=None if removed else column,
            old_row=item.row if removed else (old_item.row if old_item else None)))


def _people(value: str | None, roles: list[str]) -> frozenset[str]:
    """The persons a Vastuuhenkilö cell names, a misspelt role read as the role: correcting
    "Talusohtaja" to "Talousjohtaja" is not a change of person."""
    if not value:
        return frozenset()
    return frozenset(closest_role(p, roles) or _norm(p) for p in split_roles(value, roles))


def _compare_pair(a: Item, b: Item, out: _Emitter, status: tuple[dict, dict]) -> None:
    if a.code != b.code:
        out.add(b, "renumbered", "code", a.display_code, b.display_code, old_item=a)
    elif _norm(a.name) != _norm(b.name):
        out.add(b, "renamed", "name", a.name, b.name, old_item=a)
    if a.level != "action":
        before, after = status[0].get(a.code), status[1].get(b.code)
        if before is not None and after is not None and round(before, 2) != round(after, 2):
            kind = "status_up" if after > before else "status_down"
            out.add(b, kind, "status", round(before, 2), round(after, 2), old_item=a)
    if not (a.owns_row and b.owns_row):
        return  # the row's fields belong to the deeper item on it, compared there
    g_old, g_new = a.grade.value, b.grade.value
    na_old, na_new = a.grade.status == "na", b.grade.status == "na"
    if na_new and not na_old:  # marked "ei sovellu / ei arvioitavissa": out of the rollup from now on
        out.add(b, "grade_not_applicable", "grade", g_old, NOT_APPLICABLE_VALUE, old_item=a,
                before="–" if g_old is None else g_old)
    elif na_old and not na_new:
        out.add(b, "grade_applicable", "grade", NOT_APPLICABLE_VALUE, g_new, old_item=a,
                after="–" if g_new is None else g_new)
    elif g_old is not None and g_new is not None and g_old != g_new:
        out.add(b, "grade_up" if g_new > g_old else "grade_down", "grade", g_old, g_new, old_item=a)
    elif g_old is None and g_new is not None:
        out.add(b, "grade_set", "grade", None, g_new, old_item=a)
    elif g_old is not None and g_new is None:
        out.add(b, "grade_cleared", "grade", g_old, None, old_item=a)
    if _people(a.responsible, out.roles) != _people(b.responsible, out.roles):
        out.add(b, "responsible_changed", "responsible", a.responsible, b.responsible, old_item=a)
    old_risks, new_risks = _risk_items(a.risks), _risk_items(b.risks)
    added, removed = _unmatched(new_risks, old_risks), _unmatched(old_risks, new_risks)
    if added:
        out.add(b, "risks_added", "risks", a.risks, b.risks, old_item=a, items=shorten("; ".join(added)))
    if removed:
        out.add(b, "risks_removed", "risks", a.risks, b.risks, old_item=a, items=shorten("; ".join(removed)))
    if a.progress and not b.progress:  # the narrative deleted: the reader of the report loses it
        out.add(b, "progress_cleared", "progress", a.progress, None, old_item=a, text=shorten(a.progress))
    if g_old == g_new and na_old == na_new and narrative_copied(a.progress, b.progress):
        out.add(b, "not_updated", "progress", a.progress, b.progress, old_item=a,
                grade=NOT_APPLICABLE if na_new else "–" if g_new is None else g_new)


def _means(report: Report) -> dict[str, float | None]:
    return {g.code: g.computed for g in compute_rollup(report).goals}


def _info(reports: list[Report]) -> ReportInfo:
    first = reports[0]
    return ReportInfo(source=first.source, sheets=[r.sheet for r in reports], title=first.title,
                      period=first.period, actions=sum(len(r.actions) for r in reports))


def _as_reports(source: Source | list[Report], settings: Settings) -> list[Report]:
    if isinstance(source, list):
        return source
    return load_reports(source, settings=settings)


def compare(old: Source | list[Report], new: Source | list[Report], *, settings: Settings | None = None,
            lang: str | None = None) -> Comparison:
    """What changed from ``old`` to ``new`` (files, Grids, Reports or lists of report sheets).

    Raises InputError (exit code 2) when either cannot be read as a report.
    """
    settings = settings or Settings()
    lang = lang or settings.language
    old_reports, new_reports = _as_reports(old, settings), _as_reports(new, settings)
    pairs, only_old, only_new = _pair_sheets(old_reports, new_reports)
    changes: list[Change] = []
    for before, after in pairs:
        changes.extend(_compare_sheets(before, after, lang, settings.roles))
    for report in only_new:  # a report sheet that is new: everything on it is new
        changes.extend(_compare_sheets(None, report, lang, settings.roles))
    for report in only_old:
        changes.extend(_compare_sheets(report, None, lang, settings.roles))
    result = Comparison(old=_info(old_reports), new=_info(new_reports), changes=changes)
    result.summary = summarise(result, lang)
    return result


def _compare_sheets(before: Report | None, after: Report | None, lang: str, roles: list[str]) -> list[Change]:
    shown = after or before
    assert shown is not None
    out = _Emitter(lang, shown.sheet, shown, roles)
    if before is None or after is None:
        kind = "added" if before is None else "removed"
        for item in shown.items:
            out.add(item, kind, None, *((None, item.name) if kind == "added" else (item.name, None)))
        return out.changes
    pairs, removed, added = match_items(before, after)
    status = (_means(before), _means(after))
    for a, b in sorted(pairs, key=lambda p: p[1].row):
        _compare_pair(a, b, out, status)
    for item in added:
        out.add(item, "added", None, None, item.name)
    removed_out = _Emitter(lang, before.sheet, before)
    for item in removed:
        removed_out.add(item, "removed", None, item.name, None)
    order = {kind: i for i, kind in enumerate(KINDS)}
    listed = sorted(out.changes, key=lambda c: (c.row or 0, order[c.kind]))
    return listed + removed_out.changes


def summarise(result: Comparison, lang: str = "fi") -> dict[str, Any]:
    """Counts per kind, the actions' movement and the one-line summary text."""
    kinds = {kind: 0 for kind in KINDS}
    for change in result.changes:
        kinds[change.kind] += 1
    actions = [c for c in result.changes if c.level == "action"]
    count = lambda *names: sum(1 for c in actions if c.kind in names)  # noqa: E731
    moved = {c.code for c in actions if c.kind in ("grade_up", "grade_down", "grade_set", "grade_cleared",
                                                    "grade_not_applicable", "grade_applicable")}
    appeared = {c.code for c in actions if c.kind == "added"}
    numbers = {
        "old": result.old.actions, "new": result.new.actions,
        "improved": count("grade_up"), "worsened": count("grade_down"),
        "unchanged": max(result.new.actions - len(moved) - len(appeared), 0),
        "not_updated": count("not_updated"), "added": count("added"), "removed": count("removed"),
        "renumbered": count("renumbered"),
    }
    key = "cmp_summary_one" if numbers["improved"] == 1 else "cmp_summary"
    text = t(key, lang, **numbers)
    if numbers["added"] or numbers["removed"]:
        text += t("cmp_summary_added", lang, **numbers)
    return {"actions": numbers, "kinds": kinds, "changes": len(result.changes), "text": text}
