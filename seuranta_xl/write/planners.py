"""What each write command puts into the workbook, as a :class:`~seuranta_xl.write.actions.Plan` (pure functions).

Inputs are plain data: the Report, its Rollup, the findings, the Settings and the
:class:`~seuranta_xl.write.actions.WorkbookState` an engine read from the open workbook (which sheets exist,
the manifest of cells we wrote, their current values). Nothing here knows openpyxl or xlwings.

Where things go (the same for both engines):

- ``dropdowns``: the hidden sheet ``Listat`` (grade labels, roles, statuses) with the names
  ``Etenemisaste``, ``Vastuuhenkilot``, ``Tilanne``; list validations on the grade column (stop) and
  the responsible column (warning) from the first data row to ``last_row + margin_rows``. Ours are
  removed first and re-added over the full range, so a range that a paste cut into pieces is whole
  again and a second run adds nothing.
- ``rollup``: each goal's computed mean, rounded to one decimal, as a number in the goal's
  Kokonais-tilanne cell when that cell is empty or still holds what we wrote earlier (manifest);
  a person's own value stays and a finding (:data:`OWN_STATUS_RULE`) notes a difference. Colours
  come from three conditional-format rules on the status column (thresholds from settings), so no
  cell style is touched. The sheet ``Yhteenveto`` holds the per-goal table and a stacked bar chart.
- ``highlight``: one live conditional-format rule per required column (the mark goes as soon as a
  value is typed, no Python needed); the validator's findings as tokens ``F:G101`` in a helper
  column (the first free column right of the data, titled ``Tarkistus``) that per-column rules read;
  and the findings sheet ``Tarkistus`` with a link to each cell.
- ``clear``: the highlight's rules, helper column and findings sheet. ``clear(all=True)``: also the
  dropdowns, lists, names, summary, status colours, manifest and the rollup values we wrote.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from itertools import zip_longest
from typing import Any, Iterable, Sequence

from ..codes import LEVEL_DEPTH, display_code
from ..errors import InputError
from ..grades import NOT_APPLICABLE
from ..grid import MAX_ROWS, column_index, column_letter, split_cell, sqref_rectangles
from ..messages import LANGUAGES, t, texts
from ..model import Finding, Report
from .actions import (
    FINDINGS_SHEET,
    GRADE_LIST_NAME,
    GRADE_PALETTE,
    LISTS_SHEET,
    MANIFEST_HEADER,
    MANIFEST_COLUMN,
    MANIFEST_HEADER_V1,
    MANIFEST_SHEET,
    OWN_NAMES,
    ROLE_LIST_NAME,
    STATUS_LIST_NAME,
    SUMMARY_SHEET,
    Action,
    ChartSpec,
    ClearOwn,
    ConditionalFormat,
    DefinedName,
    DeleteSheet,
    ExistingPageSetup,
    Hyperlink,
    PageSetup,
    PRINT_AREA_NAME,
    PRINT_PURPOSE,
    PRINT_TITLES_NAME,
    ListValidation,
    Manifest,
    OwnValue,
    Plan,
    ReplaceSheet,
    SetValues,
    WorkbookState,
    NAME_PREFIX,
    is_own_list_source,
    points_at_lists as _points_at_lists,
    tagged_formula,
    user_list_names,
)
from ..rollup import GoalRollup, Rollup
from ..settings import Settings

#: The catalogue rule on a person's own Kokonais-tilanne that differs from the computed one
#: (rules/consistency.py); the rollup leaves such cells alone, so this finding is where they meet.
OWN_STATUS_RULE = "U103"

#: Purposes of our conditional-format rules (see plan.tagged_formula).
PURPOSE_STATUS = "status"
PURPOSE_MISSING = "missing"
PURPOSE_FINDING = "finding"

# Fills (RRGGBB): Excel's own "good / neutral / bad" for status; amber and rose for marks.
STATUS_COLOURS = (("C6EFCE", "006100"), ("FFEB9C", "9C5700"), ("FFC7CE", "9C0006"))
MISSING_FILL = "FFD966"
FINDING_FILL = "F4B084"
HELPER_TITLE = "Tarkistus"
#: Excel's last row: no sheet of ours is longer.
MAX_SHEET_ROWS = MAX_ROWS





# --- small helpers ----------------------------------------------------------------------------


def _first_row(report: Report) -> int:
    return report.header_row + 1


def _last_row(report: Report, settings: Settings) -> int:
    """The last row that gets dropdowns and live rules: the data and a margin for new rows."""
    return max(report.last_row, report.header_row + 1) + settings.margin_rows


Reports = "Report | Sequence[Report]"


def _reports(reports: "Report | Sequence[Report]") -> list[Report]:
    """Planners take every report sheet of the workbook (one Report is one sheet)."""
    return [reports] if isinstance(reports, Report) else list(reports)


def _rollups(reports: list[Report], rollups: "Rollup | dict[str, Rollup] | None") -> dict[str, Rollup]:
    """Sheet → its rollup (computed here when not given)."""
    from ..rollup import compute_rollup

    if isinstance(rollups, Rollup):
        return {reports[0].sheet: rollups}
    given = dict(rollups or {})
    return {r.sheet: given.get(r.sheet) or compute_rollup(r) for r in reports}


def _with_manifest(state: WorkbookState, manifest: Manifest) -> WorkbookState:
    return state.model_copy(update={"manifest": manifest})


def list_names(state: WorkbookState) -> dict[str, str]:
    """Our list name for each of ours (``Etenemisaste`` …): the name itself, unless the workbook has
    a name of the person's that is spelled so (one not pointing at our lists sheet) - then ours is
    ``seuranta_Etenemisaste`` and theirs is never redefined."""
    theirs = {n.name.casefold() for n in state.names if not _points_at_lists(n.refers_to)}
    return {base: (NAME_PREFIX + base if base.casefold() in theirs else base) for base in OWN_NAMES}


def _user_names(state: WorkbookState) -> list[str]:
    """Names of the person's own spelled like ours (their dropdowns using them stay)."""
    return user_list_names(state.names)


def _our_defined_names(state: WorkbookState) -> list[str]:
    """The names to delete with ``clear --all``: ours only (pointing at our lists sheet). With no
    names read (an engine that cannot), our usual names."""
    if not state.names:
        return list(OWN_NAMES)
    ours = {n for n in OWN_NAMES} | {NAME_PREFIX + n for n in OWN_NAMES}
    return [n.name for n in state.names if n.name in ours and _points_at_lists(n.refers_to)]


def _overlaps_theirs(state: WorkbookState, sheet: str, col: str, first: int, last: int,
                     user_names: list[str]) -> bool:
    """Whether a validation of the person's own covers any of ``col``first:``col``last on ``sheet``
    (Excel rejects overlapping validations: ours then stays off that column)."""
    index = column_index(col)
    for dv in state.validations:
        if dv.sheet != sheet or is_own_list_source(dv.formula1, user_names):
            continue
        for c1, r1, c2, r2 in sqref_rectangles(dv.sqref):
            if c1 <= index <= c2 and r1 <= last and first <= r2:
                return True
    return False


def dropdown_rows(report: Report, settings: Settings) -> tuple[int, int]:
    """(first, last) row that gets dropdowns and live rules."""
    return _first_row(report), _last_row(report, settings)


def written_values(plan: Plan, sheet: str) -> int:
    """How many values ``plan`` writes into ``sheet`` (emptied cells not counted)."""
    return sum(1 for a in plan.actions if a.kind == "set_values" and a.sheet == sheet
               for row in a.values for v in row if v is not None)


def _sheet_ref(sheet: str) -> str:
    """A sheet name as it stands in a reference: always quoted, quotes doubled."""
    return "'" + sheet.replace("'", "''") + "'"


def _num(value: float) -> str:
    """A number as Excel stores it in a formula (dot decimal, no trailing zeros)."""
    return f"{value:g}"


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(float(a) - float(b)) < 1e-9
    return a == b


def _write_cells(sheet: str, cells: dict[str, Any]) -> list[SetValues]:
    """SetValues actions for scattered cells, one block per run of consecutive rows in a column."""
    by_column: dict[str, dict[int, Any]] = defaultdict(dict)
    for cell, value in cells.items():
        letter, row = split_cell(cell)
        by_column[letter][row] = value
    actions = []
    for letter in sorted(by_column, key=column_index):
        rows = by_column[letter]
        ordered = sorted(rows)
        start = prev = ordered[0]
        block = [[rows[start]]]
        for row in ordered[1:]:
            if row == prev + 1:
                block.append([rows[row]])
            else:
                actions.append(SetValues(sheet=sheet, anchor=f"{letter}{start}", values=block))
                start, block = row, [[rows[row]]]
            prev = row
        actions.append(SetValues(sheet=sheet, anchor=f"{letter}{start}", values=block))
    return actions


def _owned(state: WorkbookState, purpose: str, sheet: str,
           report: Report | None = None) -> tuple[dict[str, OwnValue], dict[str, OwnValue]]:
    """(still ours, taken over by a person) among the manifest's cells of ``purpose`` on ``sheet``.

    With the ``report``, our values follow their rows: a rollup value is looked for on its goal's
    current row (found by code), and any cell of our helper column that holds our tokens is ours,
    so values moved by a deleted or inserted row are updated and removed like the rest. A cell
    holding a formula is never ours.
    """
    formulas = state.formulas.get(sheet, set())
    ours: dict[str, OwnValue] = {}
    lost: dict[str, OwnValue] = {}
    entries = state.manifest.of(purpose, sheet)
    if report is not None and purpose == "rollup" and "status" in report.columns:
        col, now = report.columns["status"], _status_now(report)
        for entry in entries:
            item = report.find(entry.code) if entry.code else None
            if item is not None:
                cell, current = f"{col}{item.row}", now.get(item.row)
            else:
                cell, current = entry.cell, state.cells.get(f"{sheet}!{entry.cell}")
            mine = _same(current, entry.value) and cell not in formulas
            (ours if mine else lost)[cell] = entry.model_copy(update={"cell": cell})
        return ours, lost
    for entry in entries:
        current = state.cells.get(f"{sheet}!{entry.cell}")
        mine = _same(current, entry.value) and entry.cell not in formulas
        (ours if mine else lost)[entry.cell] = entry
    if report is not None and purpose == "helper" and entries:
        column = split_cell(entries[0].cell)[0]
        for key, value in state.cells.items():
            where, _, cell = key.rpartition("!")
            if where == sheet and split_cell(cell)[0] == column and cell not in formulas and (
                    _is_helper_tokens(value) or (value == HELPER_TITLE and split_cell(cell)[1] == report.header_row)):
                ours.setdefault(cell, OwnValue(purpose="helper", sheet=sheet, cell=cell, value=value))
                lost.pop(cell, None)
    return ours, lost


_HELPER_TOKENS = re.compile(r"[A-Z]{1,3}:[A-Z]\d{3}(?: [A-Z]{1,3}:[A-Z]\d{3})*+")


def _is_helper_tokens(value: Any) -> bool:
    """Text our helper column holds: finding tokens like ``F:G101 H:P101``."""
    return isinstance(value, str) and _HELPER_TOKENS.fullmatch(value) is not None


def _our_first_rows(name: str) -> list[list[Any]]:
    """Row 1 of our sheet ``name`` in every language: how we recognise a sheet as ours."""
    key = {LISTS_SHEET: "sheet.lists.header", SUMMARY_SHEET: "sheet.summary.header",
           FINDINGS_SHEET: "sheet.findings.header"}.get(name)
    if key is None:
        return [list(MANIFEST_HEADER), list(MANIFEST_HEADER_V1)] if name == MANIFEST_SHEET else []
    rows = [list(texts(key, lang)) for lang in LANGUAGES]
    if name == SUMMARY_SHEET:
        # Earlier releases' headers: without the not-applicable column, and before that with the
        # done column as a formatted share ("Valmiina (5)", one column further left).
        without_na = [r[:_NA] + r[_NA + 1:] for r in rows]
        rows += without_na + [r[:_DONE - 1] + [t("sheet.summary.done.v1", lang)] + r[_DONE:]
                              for r, lang in zip(without_na, LANGUAGES)]
    return rows


def is_own_sheet(name: str, state: WorkbookState) -> bool:
    """True when a sheet called ``name`` is absent or was made by us (its row 1 is one of ours).

    An engine that does not report ``first_rows`` for the sheet leaves it ours (nothing to compare).
    Names match case-insensitively, as Excel's do (a staff sheet "yhteenveto" is "Yhteenveto").
    """
    present = {s.casefold() for s in state.sheets}
    rows = {k.casefold(): v for k, v in state.first_rows.items()}
    if name.casefold() not in present or name.casefold() not in rows:
        return True
    row = list(rows[name.casefold()])
    if name == LISTS_SHEET:
        row = _without_record(row)
    while row and row[-1] is None:
        row.pop()
    return row in _our_first_rows(name)


def _without_record(row: list[Any]) -> list[Any]:
    """Row 1 of a lists sheet without the record's header (see :func:`actions.lists_layout`)."""
    width = len(MANIFEST_HEADER)
    for c in range(3, len(row) - width + 1):
        if tuple(row[c:c + width]) == MANIFEST_HEADER:
            return row[:c] + [None] * width + row[c + width:]
    return row


def _claim(report: Report, settings: Settings, state: WorkbookState, *names: str) -> None:
    """Refuse to replace a sheet of the staff's own that has one of our names (InputError, exit 2)."""
    for name in names:
        if not is_own_sheet(name, state):
            raise InputError.of(report.source, "foreign_sheet", settings.language, sheet=name)


# --- print-ready report sheets ----------------------------------------------------------------


def _local_name(state: WorkbookState, sheet: str, name: str) -> str | None:
    """What the sheet-local name ``name`` of ``sheet`` refers to (without the sheet), None if none."""
    for n in state.names:
        if n.sheet == sheet and n.name.casefold() == name.casefold():
            return _without_sheet(n.refers_to)
    return None


def _without_sheet(refers_to: str | None) -> str:
    """``='My sheet'!$A$1:$H$9`` → ``$A$1:$H$9`` (each part of a union, comma-joined)."""
    parts = (refers_to or "").lstrip("=").split(",")
    return ",".join(p.rsplit("!", 1)[-1].strip() for p in parts)


def _print_record(state: WorkbookState, sheet: str) -> dict[str, Any] | None:
    """What an earlier run set on ``sheet``'s page setup (see :func:`_print_parts`)."""
    entry = next(iter(state.manifest.of(PRINT_PURPOSE, sheet)), None)
    if entry is None or not isinstance(entry.value, str):
        return None
    try:
        record = json.loads(entry.value)
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


def _persons_own(setup: ExistingPageSetup, area: str | None, titles: str | None) -> bool:
    """Whether the person has set up the sheet for printing themselves: a print area or print
    titles, landscape, fitting to pages or a scale of their own (Excel's default portrait is none)."""
    return (area is not None or titles is not None or setup.orientation == "landscape" or bool(setup.fit_to_page)
            or setup.scale not in (None, 100))


def _print_ranges(report: Report, settings: Settings, state: WorkbookState) -> tuple[str, str]:
    """(print area, print titles): from A1 over the data's columns (not our helper column) down to
    the last row that gets dropdowns (the data and the margin for new rows, so rows typed in later
    print too; Excel and LibreOffice leave out pages with nothing on them); the header repeated on
    every page (both rows of a header spread over two: the group titles and the titles below)."""
    used = state.max_columns.get(report.sheet, 0)
    helper = state.manifest.of("helper", report.sheet)
    if helper:
        used = min(used, column_index(split_cell(helper[0].cell)[0]))
    last_col = max([used] + [column_index(c) + 1 for c in report.columns.values()])
    last_row = _last_row(report, settings)
    top = max(1, report.header_row - report.header_rows + 1)
    return f"$A$1:${column_letter(last_col - 1)}${last_row}", f"${top}:${report.header_row}"


def _print_parts(report: Report, settings: Settings, state: WorkbookState) -> tuple[list[Action], Manifest]:
    """A4 landscape, one page wide, the header row on every page and the data as print area - only
    on a report sheet whose page setup the person has not set themselves. What we set is recorded
    (with the orientation and paper before us) so that ``clear --all`` undoes exactly that; once the
    person changes any of it, the page setup is theirs and never touched again."""
    sheet = report.sheet
    setup = state.page_setups.get(sheet) or ExistingPageSetup(known=False)
    area, titles = _local_name(state, sheet, PRINT_AREA_NAME), _local_name(state, sheet, PRINT_TITLES_NAME)
    record = _print_record(state, sheet)
    if record is not None and not _still_ours(record, setup, area, titles):
        return [], state.manifest.replace(PRINT_PURPOSE, sheet, [])
    if record is None and _persons_own(setup, area, titles):
        return [], state.manifest
    new_area, new_titles = _print_ranges(report, settings, state)
    prior = record or {"orientation": setup.orientation, "paper": setup.paper, "fit": _fit_worth_keeping(setup)}
    action = PageSetup(sheet=sheet, orientation="landscape", fit_width=True,
                       paper="a4" if prior.get("paper") is None else None,
                       print_titles=new_titles, print_area=new_area)
    value = json.dumps({"area": new_area, "titles": new_titles, "orientation": prior.get("orientation"),
                        "paper": prior.get("paper"), "fit": prior.get("fit")}, sort_keys=True)
    entry = OwnValue(purpose=PRINT_PURPOSE, sheet=sheet, cell="A1", value=value)
    return [action], state.manifest.replace(PRINT_PURPOSE, sheet, [entry])


def _still_ours(record: dict[str, Any], setup: ExistingPageSetup, area: str | None, titles: str | None) -> bool:
    """Whether the page setup is still what we set (as far as the engine can tell)."""
    if area != record.get("area") or titles != record.get("titles"):
        return False
    if setup.known and (setup.orientation != "landscape" or not setup.fit_to_page or setup.fit_width not in (None, 1)
                        or setup.fit_height not in (0,)):
        return False
    return True


def _fit_worth_keeping(setup: ExistingPageSetup) -> dict[str, Any] | None:
    """The fitting as written before us (the file engine reads it), when undoing ours as "no
    fitting" would not give those bytes back: no ``<pageSetUpPr>`` at all, or fitting attributes
    written out (LibreOffice writes ``fitToPage="false"``, ``fitToWidth="1" fitToHeight="1"``).
    None otherwise - then the record is the same whichever engine wrote it."""
    prior = setup.fit_prior
    if not prior or (prior.get("pageSetUpPr") and all(prior.get(k) is None for k in
                                                      ("fitToPage", "fitToWidth", "fitToHeight"))):
        return None
    return prior


def _print_undo(report: Report, state: WorkbookState) -> list[Action]:
    """``clear --all``: what we set on the page setup and is still as we set it, removed (the
    orientation and paper as they were before us)."""
    sheet = report.sheet
    record = _print_record(state, sheet)
    if record is None:
        return []
    setup = state.page_setups.get(sheet) or ExistingPageSetup(known=False)
    area, titles = _local_name(state, sheet, PRINT_AREA_NAME), _local_name(state, sheet, PRINT_TITLES_NAME)
    before = record.get("orientation")
    undo = PageSetup(
        sheet=sheet,
        orientation=(before if before in ("portrait", "landscape") else "default")
        if not setup.known or setup.orientation == "landscape" else None,
        fit_width=False if not setup.known or (setup.fit_to_page and setup.fit_width in (None, 1)
                                              and setup.fit_height == 0) else None,
        paper="default" if record.get("paper") is None and (not setup.known or setup.paper == 9) else None,
        print_titles="" if titles is not None and titles == record.get("titles") else None,
        print_area="" if area is not None and area == record.get("area") else None)
    if undo.fit_width is False and isinstance(record.get("fit"), dict):
        undo.fit_prior = record["fit"]
    changes = [v for k, v in undo.model_dump(exclude={"kind", "sheet", "fit_prior"}).items() if v is not None]
    return [undo] if changes else []


def _print_all(reports: list[Report], settings: Settings, state: WorkbookState) -> tuple[list[Action], Manifest]:
    actions: list[Action] = []
    manifest = state.manifest
    for report in reports:
        parts, manifest = _print_parts(report, settings, _with_manifest(state, manifest))
        actions += parts
    return actions, manifest


# --- dropdowns --------------------------------------------------------------------------------


def _dropdown_parts(reports: list[Report], settings: Settings, state: WorkbookState) -> tuple[Plan, Manifest]:
    """The lists sheet, its names and the list validations on every report sheet's grade and
    responsible columns. A column where the person has a validation of their own keeps theirs:
    ours is never laid over it. A name of the person's spelled like ours is never redefined."""
    lang = settings.language
    names = list_names(state)
    user_names = _user_names(state)
    grades, columns, rows = _lists(settings)
    present = next((n for n in state.sheets if n.casefold() == LISTS_SHEET.casefold()), None)
    if present is None:
        # Hidden: no widths or header style (nobody sees them; one engine call each on a live workbook).
        lists: Action = ReplaceSheet(name=LISTS_SHEET, rows=rows, hidden=True)
        sheet_ref = LISTS_SHEET
    else:
        # Ours already (checked above): only its three columns are written, over at least the rows
        # they used, so what a person added beside them (a note, a column) stays; the entries a person
        # added to our lists are in the settings (config reads them) and so written back.
        rows += [[None, None, None]] * max(0, state.lists_rows - len(rows))
        lists = SetValues(sheet=present, anchor="A1", values=[(list(r) + [None] * 3)[:3] for r in rows])
        sheet_ref = _sheet_ref(present) if not present.isalnum() else present
    defined = [
        DefinedName(name=names[base], refers_to=f"={sheet_ref}!${letter}$2:${letter}${1 + len(values)}")
        for base, letter, values in ((GRADE_LIST_NAME, "A", grades), (ROLE_LIST_NAME, "B", columns[1]),
                                     (STATUS_LIST_NAME, "C", columns[2]))
    ]
    plan = Plan().add(lists, *defined)
    for report in reports:
        plan.add(ClearOwn(sheet=report.sheet, validations=True, user_names=user_names))
        first, last = _first_row(report), _last_row(report, settings)
        for field, base, stop in (("grade", GRADE_LIST_NAME, True), ("responsible", ROLE_LIST_NAME, False)):
            col = report.columns.get(field)
            if col is None or _overlaps_theirs(state, report.sheet, col, first, last, user_names):
                continue
            if field == "grade":
                texts_ = dict(prompt_title=t("dv.grade.title", lang), prompt=t("dv.grade.prompt", lang),
                              error_title=t("dv.grade.title", lang), error=t("dv.grade.error", lang))
            else:
                texts_ = dict(error_title=t("dv.role.title", lang), error=t("dv.role.error", lang))
            plan.add(ListValidation(sheet=report.sheet, range=f"{col}{first}:{col}{last}",
                                    source=f"={names[base]}", stop=stop, **texts_))
    # What we wrote on the lists sheet is recorded: clear --all deletes the sheet only while it holds
    # nothing else (an entry or a note a person added keeps it).
    where = present or LISTS_SHEET
    return plan, state.manifest.replace("lists", where, _lists_entries(where, rows))


def _lists(settings: Settings) -> tuple[list[str], list[list[str]], list[list[Any]]]:
    """(grades, the three lists, the lists sheet's rows from A1)."""
    # The scale's five lines, then "ei sovellu / ei arvioitavissa" (kept out of every rollup).
    grades = [f"{level} {settings.scale[level]}" for level in sorted(settings.scale)] + [NOT_APPLICABLE]
    columns = [grades, list(settings.roles), list(settings.statuses)]
    return grades, columns, [list(texts("sheet.lists.header", settings.language))] + [
        list(r) for r in zip_longest(*columns)]


def _lists_entries(sheet: str, rows: list[list[Any]]) -> list[OwnValue]:
    return [OwnValue(purpose="lists", sheet=sheet, cell=f"{column_letter(c)}{r}", value=v)
            for r, row in enumerate(rows, start=1) for c, v in enumerate(row[:3]) if v is not None]


def _beside(left: list[list[Any]], column: int, right: list[list[Any]]) -> list[list[Any]]:
    """One block: ``left`` from column A and ``right`` from 0-based ``column`` (empty cells between)."""
    height = max(len(left), len(right))
    out = []
    for i in range(height):
        row = list(left[i]) if i < len(left) else []
        row = row[:column] + [None] * (column - len(row))
        out.append(row + (list(right[i]) if i < len(right) else [None] * len(MANIFEST_HEADER)))
    return out


def _present(state: WorkbookState, name: str) -> str | None:
    return next((n for n in state.sheets if n.casefold() == name.casefold()), None)


def _with_record(plan: Plan, manifest: Manifest, state: WorkbookState, *, lists_deleted: bool = False) -> Plan:
    """``plan`` with ``manifest`` stored: in the record columns of our lists sheet (from column E,
    beside the three lists), in the same block of values as the lists where the plan writes them.

    Where there is no lists sheet of ours (rollup or highlight alone, before any dropdowns), or a
    sheet called Listat is the person's own, the record keeps a very hidden sheet of its own, as the
    earlier release kept it: a lists sheet is never made just for the record, since its lists are
    settings (config reads the roles there over seuranta.toml). That sheet is removed once the
    record has moved to the lists sheet."""
    legacy = _present(state, MANIFEST_SHEET) is not None and is_own_sheet(MANIFEST_SHEET, state)
    present = _present(state, LISTS_SHEET)
    record = manifest.to_rows() if manifest.values else []
    new = next((i for i, a in enumerate(plan.actions) if isinstance(a, ReplaceSheet) and a.name == LISTS_SHEET), None)
    if lists_deleted:
        pass  # the record goes with the sheet: nothing of ours is left to record
    elif new is not None:
        action = plan.actions[new]
        if record:
            plan.actions[new] = action.model_copy(update={"rows": _beside(action.rows, MANIFEST_COLUMN, record)})
    elif present is not None and is_own_sheet(LISTS_SHEET, state):
        column = state.manifest_column
        if column is None:  # right of anything a person put beside the lists, one column apart
            column = max(MANIFEST_COLUMN, state.lists_columns + 1)
        height = max(len(record), state.manifest_rows)
        block = record + [[None] * len(MANIFEST_HEADER)] * (height - len(record))
        lists = next((i for i, a in enumerate(plan.actions)
                      if isinstance(a, SetValues) and a.sheet == present and a.anchor == "A1"), None)
        if not block:
            pass
        elif lists is not None and column == MANIFEST_COLUMN and state.lists_columns <= 3:
            # Column D is empty: the lists and the record are one block of values.
            action = plan.actions[lists]
            plan.actions[lists] = action.model_copy(update={"values": _beside(action.values, column, block)})
        else:
            plan.add(SetValues(sheet=present, anchor=f"{column_letter(column)}1", values=block))
    elif _present(state, MANIFEST_SHEET) is not None and not legacy:
        return plan  # a sheet of the person's own called _seuranta is never touched
    else:
        if record:
            plan.add(ReplaceSheet(name=MANIFEST_SHEET, rows=record, very_hidden=True, header_rows=1))
        elif legacy:
            plan.add(DeleteSheet(name=MANIFEST_SHEET))
        return plan
    if legacy:
        plan.add(DeleteSheet(name=MANIFEST_SHEET))
    return plan


def dropdowns_plan(reports: Reports, settings: Settings, state: WorkbookState | None = None) -> Plan:
    """The lists sheet, its names and the list validations on every report sheet's grade and
    responsible columns. A column where the person has a validation of their own keeps theirs:
    ours is never laid over it. A name of the person's spelled like ours is never redefined."""
    reports = _reports(reports)
    state = state or WorkbookState()
    _claim(reports[0], settings, state, LISTS_SHEET, MANIFEST_SHEET)
    plan, manifest = _dropdown_parts(reports, settings, state)
    printing, manifest = _print_all(reports, settings, _with_manifest(state, manifest))
    return _with_record(plan.add(*printing), manifest, state)


# --- rollup -----------------------------------------------------------------------------------


def _goal_per_row(rollup: Rollup) -> dict[int, GoalRollup]:
    """The goal whose value a row's Kokonais-tilanne holds: the deepest goal on the row."""
    per_row: dict[int, GoalRollup] = {}
    for goal in rollup.goals:
        held = per_row.get(goal.row)
        if held is None or LEVEL_DEPTH[goal.level] > LEVEL_DEPTH[held.level]:
            per_row[goal.row] = goal
    return per_row


def _status_now(report: Report) -> dict[int, Any]:
    return {r.row: r.cells["status"][1] for r in report.rows if "status" in r.cells}


def _rollup_parts(report: Report, rollup: Rollup, settings: Settings, state: WorkbookState,
                  ) -> tuple[list[Action], Manifest, dict[int, Any]]:
    """(value actions, new manifest, row → Kokonais-tilanne after the write)."""
    sheet, col = report.sheet, report.columns.get("status")
    if col is None:
        return [], state.manifest, {}
    ours, _lost = _owned(state, "rollup", sheet, report)
    now = _status_now(report)
    formulas = state.formulas.get(sheet, set())
    writes: dict[str, Any] = {}
    entries: list[OwnValue] = []
    after: dict[int, Any] = dict(now)
    col_number = column_index(col) + 1
    hidden_by_merge = state.hidden_by_merge(sheet)
    for row, goal in sorted(_goal_per_row(rollup).items()):
        cell = f"{col}{row}"
        if cell not in ours and hidden_by_merge(row, col_number):
            continue  # under a merged cell (a goal's title merged across the row): never seen there
        value = round(goal.computed, 1) if goal.computed is not None else None
        current = now.get(row)
        # A formula is the person's value, whatever it evaluates to (empty included).
        if cell in ours or (_is_empty(current) and cell not in formulas):
            if value is not None:
                writes[cell] = value
                entries.append(OwnValue(purpose="rollup", sheet=sheet, cell=cell, value=value, code=goal.code))
                after[row] = value
            elif cell in ours:
                writes[cell] = None  # no graded action any more: our old figure would mislead
                after.pop(row, None)
        # else: a person's own value stays; rule U103 compares it with the computed one.
    # Cells of ours whose goal has gone (row moved, code removed): empty them, not leave stale figures.
    for cell in ours:
        if cell not in writes:
            writes[cell] = None
            after.pop(split_cell(cell)[1], None)
    manifest = state.manifest.replace("rollup", sheet, entries)
    return _write_cells(sheet, writes) if writes else [], manifest, after


def findings_for(reports: Reports, settings: Settings, state: WorkbookState, *,
                 previous: "dict[str, Report] | None" = None, period: str | None = None,
                 sheet_settings: "dict[str, Settings] | None" = None) -> list[Finding]:
    """The validator's findings for a workbook about to be written, every report sheet's in turn:
    rule U103 (own Kokonais-tilanne differs from the computed one) is dropped on cells an earlier
    rollup of ours wrote, since the rollup rewrites those; on a person's own value it stays.
    ``previous``/``period``: as for :func:`seuranta_xl.validate.check` (by report sheet name);
    ``sheet_settings``: a sheet's own settings (its roles from a dropdown of the person's)."""
    from ..validate import check

    findings: list[Finding] = []
    for report in _reports(reports):
        ours, _lost = _owned(state, "rollup", report.sheet, report)
        before = (previous or {}).get(report.sheet)
        findings += [f for f in check(report, (sheet_settings or {}).get(report.sheet, settings),
                                      previous=before, period=period)
                     if not (f.rule == OWN_STATUS_RULE and f.sheet == report.sheet and f.cell in ours)]
    return findings


def _status_rules(report: Report, settings: Settings) -> list[ConditionalFormat]:
    col = report.columns.get("status")
    if col is None:
        return []
    first, last = _first_row(report), _last_row(report, settings)
    c = f"{col}{first}"
    green, yellow = _num(settings.status_thresholds.green), _num(settings.status_thresholds.yellow)
    conditions = (f"AND(ISNUMBER({c}),{c}>={green})",
                  f"AND(ISNUMBER({c}),{c}>={yellow},{c}<{green})",
                  f"AND(ISNUMBER({c}),{c}<{yellow})")
    return [ConditionalFormat(sheet=report.sheet, range=f"{col}{first}:{col}{last}",
                              formula=tagged_formula(cond, PURPOSE_STATUS), fill=fill, font=font,
                              purpose=PURPOSE_STATUS)
            for cond, (fill, font) in zip(conditions, STATUS_COLOURS)]


#: The summary's column of each goal's actions marked not applicable (in no mean or distribution).
_NA = 7
#: The summary's column of the share of actions done (grade 5), as a whole percent.
_DONE = 13


def _summary_sheet(reports: list[Report], rollups: dict[str, Rollup], settings: Settings,
                   status_after: dict[str, dict[int, Any]]) -> ReplaceSheet:
    """The summary: a line per goal with its figures and a link to its row, the whole report's line,
    and the chart's data. With several report sheets: a section per sheet, then - when the sheets
    share council goals (the same goal reported by several sectors) - a combined line per council
    goal over all sheets, which the chart shows."""
    from ..rollup import combine

    lang = settings.language
    header = list(texts("sheet.summary.header", lang))
    rows: list[list[Any]] = [header]
    links: list[Hyperlink] = []
    several = len(reports) > 1

    def line(goal: GoalRollup, code: str, level: str, status: Any) -> list[Any]:
        diff = goal.difference
        # Figures rounded as they are shown, values rather than number formats (no format calls on a
        # live workbook): the mean to one decimal as in Kokonais-tilanne, the share as a whole percent
        # (half up, as Excel's 0 % format showed it).
        return [code, level, goal.name, None if goal.computed is None else round(goal.computed, 1),
                goal.worst, goal.actions, goal.graded, goal.not_applicable,
                *(goal.distribution[g] for g in range(1, 6)),
                None if goal.done_share is None else int(goal.done_share * 100 + 0.5), goal.reported, status,
                None if diff is None else round(diff, 1)]

    councils: dict[str, list[GoalRollup]] = {}
    for report in reports:
        rollup = rollups[report.sheet]
        if several:
            rows.append([report.sheet])
        # A row's Kokonais-tilanne belongs to its deepest goal: a council goal sharing its row with
        # an annual goal shows no status of its own (not the annual goal's).
        holders = {row: goal.code for row, goal in _goal_per_row(rollup).items()}
        for goal in rollup.goals:
            status = status_after.get(report.sheet, {}).get(goal.row) if holders.get(goal.row) == goal.code else None
            rows.append(line(goal, display_code(goal.code), t(f"level.{goal.level}", lang), status))
            item = report.find(goal.code)
            if item is not None:
                links.append(Hyperlink(cell=f"A{len(rows)}",
                                       target=f"{_sheet_ref(report.sheet)}!{item.column}{item.row}"))
            if goal.level == "council":
                councils.setdefault(goal.code, []).append(goal)
        rows.append(line(rollup.total, "", t("sheet.summary.total", lang), None))
        if several:
            rows.append([])

    shared = several and any(len(goals) > 1 for goals in councils.values())
    chart_goals = [(code, goals[0].name, goals) for code, goals in councils.items()]
    if shared:
        rows.append([t("sheet.summary.all_sheets", lang)])
        for code, name, goals in chart_goals:
            rows.append(line(combine(goals, code, name), display_code(code), t("level.council", lang), None))
        everything = combine([rollups[r.sheet].total for r in reports], "", "")
        rows.append(line(everything, "", t("sheet.summary.total", lang), None))

    # The chart's data: one block per council goal with its 1-5 counts (series names from the header);
    # actions marked not applicable are in the table's column, never in the chart. The chart stands
    # right of the table, one empty column apart.
    charts = []
    table_rows = len(rows)
    print_area = [f"$A$1:${column_letter(len(header) - 1)}${table_rows}"]
    if chart_goals:
        rows.append([])
        top = len(rows) + 1
        rows.append([t("sheet.summary.chart_block", lang), "1", "2", "3", "4", "5"])
        for code, name, goals in chart_goals:
            counts = combine(goals, code, name).distribution if len(goals) > 1 else goals[0].distribution
            label = f"{display_code(code)} {name}"
            label = label if len(label) <= 60 else label[:59] + "…"
            rows.append([label, *(counts[g] for g in range(1, 6))])
        bottom = len(rows)
        charts.append(ChartSpec(
            chart_type="bar_stacked", title=t("sheet.summary.chart_title", lang), categories=f"A{top + 1}:A{bottom}",
            series=[f"{letter}{top}:{letter}{bottom}" for letter in "BCDEF"], colors=list(GRADE_PALETTE),
            anchor=f"{column_letter(len(header) + 1)}2", width_cm=20.0, height_cm=max(7.5, 1.0 * len(chart_goals) + 4.0)))
        # The data block joins the table's area; the chart prints on a page of its own (a print area
        # of two ranges starts each on a new page), over the columns and rows it covers at Excel's
        # default widths (8.43 characters, 1.69 cm) and heights (15 points, 0.53 cm).
        print_area[0] = f"$A$1:${column_letter(len(header) - 1)}${len(rows)}"
        spec = charts[-1]
        first_col, first_row = column_index(spec.anchor.rstrip("0123456789")), int(spec.anchor.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        last_col = first_col + math.ceil(spec.width_cm / 1.69)
        last_row = first_row + math.ceil(spec.height_cm / 0.53)
        print_area.append(f"${spec.anchor.rstrip('0123456789')}${first_row}:${column_letter(last_col)}${last_row}")
    return ReplaceSheet(
        name=SUMMARY_SHEET, rows=rows, header_rows=1,
        # One run of one width, so one call on a live workbook (issue 15): the level and the goal's
        # name side by side at 60 (a level name needs about 20, a goal's name is cut at 60 as in the
        # chart's labels); the code and the figures fit Excel's standard width (8.43), as on Tarkistus.
        column_widths={"B": 60, "C": 60},
        hyperlinks=links, charts=charts, landscape=True, fit_width=True, print_area=print_area)


def _rollup_all(reports: list[Report], rollups: dict[str, Rollup], settings: Settings, state: WorkbookState,
                ) -> tuple[list[Action], Manifest, dict[str, dict[int, Any]]]:
    """Every report sheet's Kokonais-tilanne values and colours; the manifest after them."""
    actions: list[Action] = []
    after: dict[str, dict[int, Any]] = {}
    manifest = state.manifest
    for report in reports:
        parts, manifest, after[report.sheet] = _rollup_parts(report, rollups[report.sheet], settings,
                                                             _with_manifest(state, manifest))
        actions += parts
        actions += [ClearOwn(sheet=report.sheet, formats=[PURPOSE_STATUS]), *_status_rules(report, settings)]
    return actions, manifest, after


def rollup_plan(reports: Reports, rollups: "Rollup | dict[str, Rollup] | None", settings: Settings,
                state: WorkbookState | None = None) -> Plan:
    """Kokonais-tilanne values (where the cell is free or ours), their colours and the summary sheet."""
    reports = _reports(reports)
    rollups = _rollups(reports, rollups)
    state = state or WorkbookState()
    _claim(reports[0], settings, state, SUMMARY_SHEET, MANIFEST_SHEET)
    actions, manifest, after = _rollup_all(reports, rollups, settings, state)
    return _with_record(Plan().add(*actions, _summary_sheet(reports, rollups, settings, after)), manifest, state)


# --- highlight --------------------------------------------------------------------------------


def _level_condition(level: str, report: Report, row: int) -> str | None:
    """Excel condition "this row is a <level> row", told by which name columns hold text.

    An action row has text in the action column; an annual goal row in the annual column but not
    the action column; a council goal row only in the council column. Text rather than a code is
    enough, so a row being typed in is marked before its code is right.
    """
    cols = report.columns
    filled = lambda f: f"LEN(TRIM(${cols[f]}{row}))>0"  # noqa: E731
    empty = lambda f: f"LEN(TRIM(${cols[f]}{row}))=0"  # noqa: E731
    deeper = {"council": ("annual", "action"), "annual": ("action",), "action": ()}[level]
    if level not in cols:
        return None
    parts = [filled(level)] + [empty(f) for f in deeper if f in cols]
    return parts[0] if len(parts) == 1 else f"AND({','.join(parts)})"


def _missing_rules(report: Report, settings: Settings) -> list[ConditionalFormat]:
    """One live rule per run of adjacent required columns that share their row condition (the
    default F:H is one rule): fewer rules for Excel to keep, fewer calls on a live workbook. The
    formula is relative to the run's first column, so each cell tests its own emptiness."""
    first, last = _first_row(report), _last_row(report, settings)
    levels_of: dict[str, list[str]] = defaultdict(list)
    for level, fields in settings.required.items():
        for name in fields:
            levels_of[name].append(level)
    needs: list[tuple[int, str]] = []  # (column index, row condition), left to right
    for name in levels_of:
        col = report.columns.get(name)
        if col is None:
            continue
        conditions = [c for lvl in ("council", "annual", "action") if lvl in levels_of[name]
                      if (c := _level_condition(lvl, report, first)) is not None]
        if conditions:
            needs.append((column_index(col), conditions[0] if len(conditions) == 1 else f"OR({','.join(conditions)})"))
    runs: list[list] = []  # [first index, last index, condition]
    for index, row_needs in sorted(set(needs)):
        if runs and runs[-1][1] == index - 1 and runs[-1][2] == row_needs:
            runs[-1][1] = index
        else:
            runs.append([index, index, row_needs])
    rules = []
    for a, b, row_needs in runs:
        left, right = column_letter(a), column_letter(b)
        rules.append(ConditionalFormat(
            sheet=report.sheet, range=f"{left}{first}:{right}{last}",
            formula=tagged_formula(f"AND({row_needs},LEN(TRIM({left}{first}))=0)", PURPOSE_MISSING),
            fill=MISSING_FILL, purpose=PURPOSE_MISSING))
    return rules


def missing_fields_plan(reports: Reports, settings: Settings) -> Plan:
    """Only the live missing-field rules, on every report sheet: the ``Korosta puuttuvat`` button and
    a new, empty report (the template). A report may have no rows (header_row, columns and last_row
    are used)."""
    plan = Plan()
    for report in _reports(reports):
        plan.add(ClearOwn(sheet=report.sheet, formats=[PURPOSE_MISSING]), *_missing_rules(report, settings))
    return plan


def _marked_column(report: Report, finding: Finding) -> str | None:
    """The column a finding marks: its own, else where the row's deepest code stands."""
    if finding.column:
        return finding.column
    on_row = report.index().on_row.get(finding.row, [])
    if on_row:
        return max(on_row, key=lambda i: LEVEL_DEPTH[i.level]).column
    return next(iter(report.columns.values()), "A")


def _names_a_table_column(state: WorkbookState, sheet: str, cell: str) -> bool:
    """Whether ``cell`` is in the header row of an Excel Table: our helper column's title there
    (the person made a table over it) is the table's column name, and an empty header cell would
    make Excel repair the file - it stays."""
    letter, row = split_cell(cell)
    return state.in_table_header(sheet, row, column_index(letter) + 1)


def _helper_column(report: Report, state: WorkbookState) -> str | None:
    """Ours from an earlier run, else the first free column right of the data; None when the data
    reaches Excel's last column (XFD): the finding marks are then left out, never put beyond it."""
    previous = state.manifest.of("helper", report.sheet)
    if previous:
        return split_cell(previous[0].cell)[0]
    # right of the data, and of any merged range across the table's rows (a title merged over
    # more columns than the header has): a mark under a merged cell would not be seen
    first, last = report.header_row - report.header_rows + 1, max(report.last_row, report.header_row)
    used = max([state.max_columns.get(report.sheet, state.max_column)]
               + [column_index(c) + 1 for c in report.columns.values()]
               + [c2 for r1, _c1, r2, c2 in state.merged.get(report.sheet, ()) if r1 <= last and r2 >= first])
    return column_letter(used) if used < 16384 else None  # never beyond XFD, Excel's last column


def _highlight_parts(report: Report, findings: list[Finding], settings: Settings, state: WorkbookState,
                     ) -> tuple[list[Action], Manifest]:
    sheet = report.sheet
    actions: list[Action] = [ClearOwn(sheet=sheet, formats=[PURPOSE_MISSING, PURPOSE_FINDING])]
    actions += _missing_rules(report, settings)

    on_sheet = [f for f in findings if f.sheet == sheet and f.row is not None]
    tokens: dict[int, list[str]] = defaultdict(list)
    marked: set[str] = set()
    for f in on_sheet:
        col = _marked_column(report, f)
        token = f"{col}:{f.rule}"
        if token not in tokens[f.row]:
            tokens[f.row].append(token)
        marked.add(col)

    helper = _helper_column(report, state)
    ours, _lost = _owned(state, "helper", sheet, report)
    writes: dict[str, Any] = {cell: None for cell in ours if not _names_a_table_column(state, sheet, cell)}
    entries: list[OwnValue] = []
    if tokens and helper is not None:
        # A cell of the helper column holding something we did not write is the person's: a note
        # typed there, or the header they renamed. It is never written over (that row goes unmarked).
        def theirs(cell: str) -> bool:
            return cell not in ours and not _is_empty(state.cells.get(f"{sheet}!{cell}"))

        if not theirs(f"{helper}{report.header_row}"):
            writes[f"{helper}{report.header_row}"] = HELPER_TITLE
        for row, toks in tokens.items():
            if not theirs(f"{helper}{row}"):
                writes[f"{helper}{row}"] = " ".join(toks)
        entries = [OwnValue(purpose="helper", sheet=sheet, cell=c, value=v) for c, v in writes.items() if v is not None]
        first, last = _first_row(report), max(report.last_row, max(tokens))
        left, right = min(marked, key=column_index), max(marked, key=column_index)
        # One rule over the marked columns: each cell looks for its own column letter
        # (ADDRESS(1,COLUMN(),4) is "F1"; without the 1, "F") among the row's tokens "F:G101".
        own_letter = f'SUBSTITUTE(ADDRESS(1,COLUMN({left}{first}),4),"1","")'
        actions.append(ConditionalFormat(
            sheet=sheet, range=f"{left}{first}:{right}{last}",
            formula=tagged_formula(f'ISNUMBER(SEARCH(" "&{own_letter}&":"," "&${helper}{first}))', PURPOSE_FINDING),
            fill=FINDING_FILL, purpose=PURPOSE_FINDING))
    if writes:
        actions += _write_cells(sheet, writes)
    return actions, state.manifest.replace("helper", sheet, entries)


def _highlight_all(reports: list[Report], findings: list[Finding], settings: Settings, state: WorkbookState,
                   ) -> tuple[list[Action], Manifest]:
    """Every report sheet's marks, then the one findings sheet; the manifest after them."""
    actions: list[Action] = []
    manifest = state.manifest
    for report in reports:
        parts, manifest = _highlight_parts(report, findings, settings, _with_manifest(state, manifest))
        actions += parts
    actions.append(_findings_sheet(reports, findings, settings))
    return actions, manifest


def _findings_sheet(reports: list[Report], findings: list[Finding], settings: Settings) -> ReplaceSheet:
    """One row per finding with a link to its cell; with several report sheets the cell names its sheet."""
    lang = settings.language
    by_sheet = {r.sheet: r for r in reports}
    several = len(reports) > 1
    rows: list[list[Any]] = [list(texts("sheet.findings.header", lang))]
    links = []
    # A sheet holds at most 1,048,576 rows (Excel's limit): the rest are counted in the last row.
    listed, left = findings[:MAX_SHEET_ROWS - 2], len(findings) - (MAX_SHEET_ROWS - 2)
    for f in listed:
        report = by_sheet.get(f.sheet, reports[0])
        col = _marked_column(report, f) if f.row is not None else None
        cell = f"{col}{f.row}" if col and f.row is not None else ""
        shown = f"{f.sheet}!{cell}" if several and cell else cell
        rows.append([shown, f.rule, t(f"severity.{f.severity}", lang), f.code, f.message])
        if cell:
            links.append(Hyperlink(cell=f"A{len(rows)}", target=f"{_sheet_ref(f.sheet)}!{cell}", text=shown))
    if not findings:
        rows.append(["", "", "", "", t("sheet.findings.none", lang)])
    if left > 0:
        rows.append(["", "", "", "", t("sheet.findings.more", lang, count=left)])
    # The cell, rule, severity and code fit Excel's standard width (8.43): only the message column is
    # widened (and the cell column where it names its sheet) - one width call on a live workbook.
    return ReplaceSheet(name=FINDINGS_SHEET, rows=rows, header_rows=1, hyperlinks=links, landscape=True, fit_width=True,
                        column_widths={**({"A": 24} if several else {}), "E": 100})


def highlight_plan(reports: Reports, findings: Iterable[Finding], settings: Settings,
                   state: WorkbookState | None = None) -> Plan:
    """Live missing-field rules, finding marks via the helper column, and the findings sheet."""
    reports = _reports(reports)
    state = state or WorkbookState()
    _claim(reports[0], settings, state, FINDINGS_SHEET, MANIFEST_SHEET)
    actions, manifest = _highlight_all(reports, list(findings), settings, state)
    return _with_record(Plan().add(*actions), manifest, state)


# --- clear and run ----------------------------------------------------------------------------


def clear_plan(reports: Reports, settings: Settings, state: WorkbookState | None = None, *,
               all: bool = False) -> Plan:  # noqa: A002
    """Remove the marks; with ``all`` everything of ours, the rollup values we wrote included.

    Cells a person has overwritten since we wrote them are theirs: they are left as they are and
    dropped from the manifest. Sheets with our names but not our first row are left alone.
    """
    state = state or WorkbookState()
    purposes = [PURPOSE_MISSING, PURPOSE_FINDING] + ([PURPOSE_STATUS] if all else [])
    plan = Plan()
    manifest = state.manifest
    for index, report in enumerate(_reports(reports)):
        sheet = report.sheet
        plan.add(ClearOwn(sheet=sheet, formats=purposes, validations=all,
                          names=_our_defined_names(state) if all and index == 0 else [],
                          user_names=_user_names(state)))
        helper, _ = _owned(state, "helper", sheet, report)
        writes = {cell: None for cell in helper if not _names_a_table_column(state, sheet, cell)}
        manifest = manifest.replace("helper", sheet, [])
        if all:
            rollup, _ = _owned(state, "rollup", sheet, report)
            writes.update({cell: None for cell in rollup})
            manifest = manifest.replace("rollup", sheet, [])
            plan.add(*_print_undo(report, state))
            manifest = manifest.replace(PRINT_PURPOSE, sheet, [])
        if writes:
            plan.add(*_write_cells(sheet, writes))
    # A sheet of the staff's own that shares one of our names is never deleted; nor is our lists
    # sheet once a person has added to it (an entry, a note) - then only our names and dropdowns go.
    lists_theirs = _lists_hold_theirs(state)
    if all:
        manifest = manifest.replace("lists", next((e.sheet for e in state.manifest.of("lists")), LISTS_SHEET), [])
    doomed = [FINDINGS_SHEET] + ([SUMMARY_SHEET] + ([] if lists_theirs else [LISTS_SHEET]) if all else [])
    plan.add(*(DeleteSheet(name=name) for name in doomed if is_own_sheet(name, state)))
    lists_deleted = LISTS_SHEET in doomed and _present(state, LISTS_SHEET) is not None and is_own_sheet(LISTS_SHEET, state)
    return _with_record(plan, manifest, state, lists_deleted=lists_deleted)


def _lists_hold_theirs(state: WorkbookState) -> bool:
    """Whether our lists sheet holds anything a person put there: a cell of ours changed, rows below
    ours, or anything right of our three columns. Unknown (a manifest of an older release): no."""
    entries = state.manifest.of("lists")
    if not entries:
        return False
    sheet = entries[0].sheet
    if any(not _same(state.cells.get(f"{sheet}!{e.cell}"), e.value) for e in entries):
        return True
    last = max(split_cell(e.cell)[1] for e in entries)
    return state.lists_rows > last or state.lists_columns > 3


def run_plan(reports: Reports, rollups: "Rollup | dict[str, Rollup] | None", findings: Iterable[Finding],
             settings: Settings, state: WorkbookState | None = None) -> Plan:
    """Dropdowns, rollup and highlight in one plan; the highlight shows ``findings`` (see findings_for)."""
    reports = _reports(reports)
    rollups = _rollups(reports, rollups)
    state = state or WorkbookState()
    _claim(reports[0], settings, state, LISTS_SHEET, SUMMARY_SHEET, FINDINGS_SHEET, MANIFEST_SHEET)
    plan, manifest = _dropdown_parts(reports, settings, state)
    printing, manifest = _print_all(reports, settings, _with_manifest(state, manifest))
    plan.add(*printing)
    rollup_actions, manifest, after = _rollup_all(reports, rollups, settings, _with_manifest(state, manifest))
    plan.add(*rollup_actions, _summary_sheet(reports, rollups, settings, after))
    highlight_actions, manifest = _highlight_all(reports, list(findings), settings, _with_manifest(state, manifest))
    return _with_record(plan.add(*highlight_actions), manifest, state)
