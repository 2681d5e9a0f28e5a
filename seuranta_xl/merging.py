"""Merging the answers of the per-person workbooks (:mod:`seuranta_xl.splitting`) back into the master.

Rows are found by code, never by position. What a returned row may change is the person's input
fields (:data:`~seuranta_xl.splitting.INPUT_FIELDS`) on the rows recorded as sent to them; anything else
is refused and listed: an edit on a row that is not theirs, a field that is not theirs, a changed
code, a row added or deleted, a formula cell of the master. When the master's row has changed since
the split (its hash differs from the one recorded in the file) and the answer differs from it, the
answer is a conflict and is not written. A row already merged (the master holds the answer) is left
alone, so merging twice gives the same workbook.

The decisions (:func:`decide`) are pure; :func:`merge_plan` turns them into a Plan of SetValues and
:func:`merge` applies it to the master through the file write path and validates the result.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from .comparison import RENAME_CUTOFF, similarity
from .errors import InputError
from .grid import Grid, column_letter
from .header import TITLES
from .messages import t
from .model import Item, Report
from .settings import Settings
from .splitting import INPUT_FIELDS, RECORD_SHEET, RecordEntry, cell_text, item_values, plan_split, row_hash

if TYPE_CHECKING:
    import pandas as pd

    from .write.actions import Plan

#: Fields of a sent row that are not the person's to change (compared to find edits).
LOCKED_FIELDS = ("name", "responsible")
REASONS = ("outside_rows", "field_not_theirs", "code_changed", "row_added", "row_deleted", "formula",
           "not_in_master", "no_column", "not_split_file", "formula_answer",
           "other_report")


@dataclass
class Returned:
    """One returned workbook, read: its record of sent rows and its report sheets."""

    path: str
    record: list[RecordEntry]
    reports: list[Report]

    @property
    def person(self) -> str:
        return self.record[0].person if self.record else ""


@dataclass
class Answer:
    """A value to write into the master."""

    person: str
    file: str
    sheet: str
    code: str
    field: str
    cell: str  # in the master, e.g. "F24"
    old: Any
    new: Any


@dataclass
class Refusal:
    person: str
    file: str
    sheet: str
    code: str | None
    reason: str  # one of REASONS
    field: str | None = None
    value: Any = None
    message: str = ""


@dataclass
class Conflict:
    """The master's row changed since the split and the answer differs from it (or two people
    answered the same cell differently): nothing is written."""

    person: str
    file: str
    sheet: str
    code: str
    field: str
    master: Any
    answer: Any
    message: str = ""


@dataclass
class MergeResult:
    master: str
    output: str | None = None
    merged: list[Answer] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    #: Persons expected (from the split of the master) with no returned file.
    not_returned: list[str] = field(default_factory=list)
    #: Returned files with no answer to write (nothing changed, or already merged).
    unchanged: list[str] = field(default_factory=list)
    #: Counts of the merged workbook's findings (errors, warnings, infos) after validation.
    counts: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_frame(self) -> "pd.DataFrame":
        """One line per answer, refusal and conflict: status, person, file, sheet, code, field, values."""
        import pandas as pd

        records = [{"status": "merged", "person": a.person, "file": a.file, "sheet": a.sheet, "code": a.code,
                    "field": a.field, "reason": None, "old": a.old, "new": a.new} for a in self.merged]
        records += [{"status": "refused", "person": r.person, "file": r.file, "sheet": r.sheet, "code": r.code,
                     "field": r.field, "reason": r.reason, "old": None, "new": r.value} for r in self.refused]
        records += [{"status": "conflict", "person": c.person, "file": c.file, "sheet": c.sheet, "code": c.code,
                     "field": c.field, "reason": "conflict", "old": c.master, "new": c.answer} for c in self.conflicts]
        return pd.DataFrame.from_records(records, columns=["status", "person", "file", "sheet", "code", "field",
                                                           "reason", "old", "new"])

    def by_person(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for answer in self.merged:
            counts[answer.person] = counts.get(answer.person, 0) + 1
        return counts


# --- reading returned files ------------------------------------------------------------------------


def record_from_rows(rows: list[list[Any]]) -> list[RecordEntry]:
    """The record sheet's rows (header first) as entries; rows that are not five texts are skipped."""
    entries = []
    for row in rows[1:]:
        cells = [("" if v is None else str(v)).strip() for v in list(row)[:5]]
        cells += [""] * (5 - len(cells))
        if cells[1] and cells[2]:
            entries.append(RecordEntry(*cells))
    return entries


def read_returned(path: str | os.PathLike[str], settings: Settings) -> Returned:
    """A returned workbook: its record and report sheets. InputError when it is not a split file."""
    from .files.reader import read_grids
    from .validate import reports_of

    name = os.fspath(path)
    grids: list[Grid] = list(read_grids(path, settings.language, limits=settings.limits))
    record_grid = next((g for g in grids if g.sheet == RECORD_SHEET), None)
    if record_grid is None:
        raise InputError.of(name, "merge_not_split", settings.language)
    return Returned(path=name, record=record_from_rows(record_grid.rows),
                    reports=reports_of([g for g in grids if g.sheet != RECORD_SHEET], name, settings))


# --- deciding --------------------------------------------------------------------------------------


def _items(reports: list[Report]) -> dict[tuple[str, str], Item]:
    """(sheet, display code) → the first item with that code that owns its row (or any, if none does)."""
    found: dict[tuple[str, str], Item] = {}
    for report in reports:
        for item in report.items:
            key = (report.sheet, item.display_code)
            if key not in found or (item.owns_row and not found[key].owns_row):
                found[key] = item
    return found


def _raw_cells(reports: list[Report]) -> dict[tuple[str, int], dict[str, Any]]:
    """(sheet, row) → field → the value as the file holds it (what gets written)."""
    return {(r.sheet, row.row): {name: value for name, (_, value) in row.cells.items()}
            for r in reports for row in r.rows}


def field_title(name: str | None, code: str | None) -> str:
    """A field's column title for the listing; the name field is titled by the row's level."""
    if name == "name" and code:
        name = ("council", "annual", "action")[min(len([p for p in code.split(".") if p]), 3) - 1]
    return TITLES.get(name, name or "–") if name else "–"


def _plain_number(value: Any) -> Any:
    """A whole number as the reader gives every number (4.0) is written and listed as typed (4)."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _uncached(reports: list[Report]) -> dict[tuple[str, int, str], str]:
    """(sheet, row, column letter) → the reader's note, for formula cells the file holds no value for."""
    return {(r.sheet, row, column_letter(col)): text for r in reports for row, col, text in r.notes}


def decide(master: list[Report], returned: list[Returned], *, lang: str = "fi",
           is_formula: Callable[[str, str], bool] = lambda sheet, cell: False) -> MergeResult:
    """What to write, refuse and flag, for ``returned`` files against the ``master``'s report sheets."""
    result = MergeResult(master=master[0].source if master else "")
    master_items = _items(master)
    columns = {r.sheet: r.columns for r in master}
    master_cells = _raw_cells(master)
    pending: dict[tuple[str, str], list[Answer]] = {}
    for ret in returned:
        _decide_file(ret, master_items, master_cells, columns, pending, result, lang, is_formula)
    for (sheet, cell), answers in pending.items():
        if len({cell_text(a.new) for a in answers}) > 1:  # two people answered one cell differently
            for a in answers:
                result.conflicts.append(Conflict(
                    a.person, a.file, sheet, a.code, a.field, a.old, a.new,
                    t("merge_two_answers", lang, code=a.code, field=field_title(a.field, a.code), cell=cell)))
        else:
            result.merged.append(answers[0])
    # A file with refusals or conflicts is listed with them, not as having nothing to merge.
    listed = {a.file for a in result.merged} | {r.file for r in result.refused} | {c.file for c in result.conflicts}
    result.unchanged = [r.path for r in returned if r.path not in listed]
    return result


def _other_report(ret: Returned, returned_items: dict, master_items: dict, master: str) -> tuple[str, str, str] | None:
    """(code, name as returned, master's name) of the first sent row showing that ``ret`` was split
    from another report: the record names another file and most sent rows have another name than
    the master's. Most, not one: a row reads the same in two units' reports (a shared annual goal),
    and a person may retype one locked name; a master saved under a new name keeps its rows' names.
    None when the file is the master's own."""
    if not ret.record or os.path.basename(ret.record[0].source) == os.path.basename(master):
        return None
    pairs = [(e.code, master_items[key], returned_items[key]) for e in ret.record
             if (key := (e.sheet, e.code)) in master_items and key in returned_items]
    differ = [(code, cell_text(theirs.name), cell_text(mine.name)) for code, mine, theirs in pairs
              if similarity(mine.name, theirs.name) < RENAME_CUTOFF]
    return differ[0] if pairs and 2 * len(differ) > len(pairs) else None


def paired_sheets(record: list[RecordEntry], reports: list[Report]) -> list[Report]:
    """The returned report sheets named as recorded: a sheet the person renamed (Excel allows it once
    protection is off) is paired with the recorded sheet it holds codes of, when exactly one recorded
    sheet is missing and exactly one returned sheet is unknown; anything less certain is left as is."""
    recorded = list(dict.fromkeys(e.sheet for e in record))
    missing = [s for s in recorded if s not in {r.sheet for r in reports}]
    unknown = [r for r in reports if r.sheet not in recorded]
    if len(missing) != 1 or len(unknown) != 1:
        return reports
    codes = {e.code for e in record if e.sheet == missing[0]}
    if not codes & {i.display_code for i in unknown[0].items}:
        return reports
    return [replace(r, sheet=missing[0]) if r is unknown[0] else r for r in reports]


def _decide_file(ret: Returned, master_items: dict, master_cells: dict, columns: dict, pending: dict,
                 result: MergeResult, lang: str, is_formula: Callable[[str, str], bool]) -> None:
    person, file = ret.person, ret.path
    ret = replace(ret, reports=paired_sheets(ret.record, ret.reports))
    refuse = lambda sheet, code, reason, fld=None, value=None, **p: result.refused.append(Refusal(  # noqa: E731
        person, file, sheet, code, reason, fld, value, t(f"merge_{reason}", lang, code=code or "",
                                                          field=field_title(fld, code), **p)))
    sent = {(e.sheet, e.code): e for e in ret.record}
    ret_columns = lambda sheet, name: next((r.columns.get(name) for r in ret.reports if r.sheet == sheet), None)  # noqa: E731
    returned_items = _items(ret.reports)
    raw = _raw_cells(ret.reports)
    uncached = _uncached(ret.reports)
    foreign = _other_report(ret, returned_items, master_items, result.master)
    if foreign is not None:  # every row of it belongs to another report: nothing of it is merged
        code, name, mine = foreign
        result.refused.append(Refusal(person, file, "", None, "other_report", message=t(
            "merge_other_report", lang, source=ret.record[0].source, code=code, name=name, mine=mine)))
        return
    missing = [key for key in sent if key not in returned_items]
    unknown = [key for key in returned_items if key not in sent and key not in master_items]
    # A code the person changed: a sent row gone and a new code whose name is that row's.
    for key in list(unknown):
        new = returned_items[key]
        match = next((m for m in missing if master_items.get(m) is not None
                      and similarity(master_items[m].name, new.name) >= RENAME_CUTOFF), None)
        if match is not None:
            missing.remove(match)
            unknown.remove(key)
            refuse(key[0], match[1], "code_changed", "code", key[1], new=key[1])
    for sheet, code in missing:
        refuse(sheet, code, "row_deleted")
    for sheet, code in unknown:
        refuse(sheet, code, "row_added")
    for key, theirs in returned_items.items():  # rows sent as read-only context: any change is refused
        mine = master_items.get(key)
        if key in sent or mine is None:
            continue
        a, b = item_values(mine), item_values(theirs)
        for name in ("name", *INPUT_FIELDS, "responsible"):
            if a[name] != b[name]:
                refuse(key[0], key[1], "outside_rows", name, b[name])
    for key, entry in sent.items():
        mine, theirs = master_items.get(key), returned_items.get(key)
        if theirs is None:
            continue
        sheet, code = key
        if mine is None:
            refuse(sheet, code, "not_in_master")
            continue
        now, back = item_values(mine), item_values(theirs)
        for name in INPUT_FIELDS:  # the split sends a formula's value computed from rows not sent as empty
            letter = columns[sheet].get(name)
            if not back[name] and letter is not None and is_formula(sheet, f"{letter}{mine.row}"):
                back[name] = now[name]
        changed = [f for f in INPUT_FIELDS if back[f] != now[f]]
        if row_hash(now) != entry.row_hash:
            # The master changed since the split: unless the person left the row as sent (or the master
            # already holds their answer), their answer and the master's change collide.
            if row_hash(back) != entry.row_hash and changed:
                for name in changed:
                    result.conflicts.append(Conflict(person, file, sheet, code, name, now[name], back[name],
                                                     t("merge_conflict", lang, code=code, field=TITLES[name])))
            continue
        for name in LOCKED_FIELDS:
            if back[name] != now[name]:
                refuse(sheet, code, "field_not_theirs", name, back[name])
        for name in changed:
            letter = columns[sheet].get(name)
            if letter is None:
                refuse(sheet, code, "no_column", name, back[name])
                continue
            cell = f"{letter}{mine.row}"
            if is_formula(sheet, cell):
                refuse(sheet, code, "formula", name, back[name], cell=cell)
                continue
            note = uncached.get((sheet, theirs.row, ret_columns(sheet, name)))
            if note is not None:  # read as empty: writing it would clear the master's value
                refuse(sheet, code, "formula_answer", name, None, note=note)
                continue
            value = _plain_number(raw.get((sheet, theirs.row), {}).get(name))
            old = _plain_number(master_cells.get((sheet, mine.row), {}).get(name))
            pending.setdefault((sheet, cell), []).append(
                Answer(person, file, sheet, code, name, cell, old, value))


def expected_persons(master: list[Report], settings: Settings) -> list[str]:
    """The persons a split of the master sends files to ("" for the missing-person file)."""
    packets, _ = plan_split(master, settings, master[0].source if master else "")
    return [p.person for p in packets]


def merge_plan(result: MergeResult) -> "Plan":
    """The answers as SetValues, one per cell (strings stay text, never formulas)."""
    from .write.actions import Plan, SetValues

    return Plan(actions=[SetValues(sheet=a.sheet, anchor=a.cell, values=[[a.new]]) for a in result.merged])


# --- the command -----------------------------------------------------------------------------------


def returned_files(paths: Iterable[str | os.PathLike[str]], lang: str = "fi") -> list[Path]:
    """Workbooks in the given folders and files (a folder: its .xlsx/.xlsm files, lock files skipped).
    A path that does not exist is an InputError: a typo must not read as "nothing returned"."""
    from .batch import is_skipped

    found: list[Path] = []
    for path in map(Path, paths):
        if not path.exists():
            raise InputError.of(str(path), "not_found", lang)
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in (".xlsx", ".xlsm")
                            and not is_skipped(p.name))
        else:
            found.append(path)
    return found


def collect(master: list[Report], paths: Iterable[str | os.PathLike[str]], settings: Settings, *,
            lang: str = "fi", is_formula: Callable[[str, str], bool] = lambda sheet, cell: False) -> MergeResult:
    """Read the returned files and decide what to merge into the ``master``'s report sheets, whatever
    holds the master (a file here; the open workbook for the ribbon, with its own ``is_formula``).
    A file that is not a split answer file is listed as refused; the others go on."""
    returned, unusable = [], []
    for path in paths:
        try:
            returned.append(read_returned(path, settings))
        except InputError as exc:
            unusable.append(Refusal("", str(path), "", None, "not_split_file", message=exc.message))
    result = decide(master, returned, lang=lang, is_formula=is_formula)
    result.refused = unusable + result.refused
    got = {r.person for r in returned}
    result.not_returned = [p for p in expected_persons(master, settings) if p not in got]
    return result


def merge(master: str | os.PathLike[str], answers: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
          output: str | os.PathLike[str] | None = None, *, in_place: bool = False, force: bool = False,
          settings: Settings | None = None, lang: str | None = None) -> MergeResult:
    """Merge the returned workbooks (a folder, a file or several) into ``master``, written to
    ``output`` (or in place); then validate the result. InputError (exit 2) for unusable input.
    The command table's ``merge`` on the file workbook (the ribbon runs the same on the open book)."""
    from .commands import Options, run_command
    from .write.file_workbook import FileWorkbook

    given = [answers] if isinstance(answers, (str, os.PathLike)) else list(answers)
    workbook = FileWorkbook(master, output=output, in_place=in_place, force=force, language=lang, settings=settings)
    workbook.check_target()
    result = run_command(workbook, "merge", Options(others=tuple(map(os.fspath, given)))).summary.data
    result.output = str(workbook.written)
    result.counts = run_command(FileWorkbook(workbook.written, language=lang), "validate").summary.params
    return result
