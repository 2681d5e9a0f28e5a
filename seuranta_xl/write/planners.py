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

from collections import defaultdict
from itertools import zip_longest
from typing import Any, Iterable

from ..codes import display_code
from ..errors import InputError
from ..grid import column_index, column_letter
from ..model import Finding, Report
from .actions import (
    FINDINGS_SHEET,
    GRADE_LIST_NAME,
    LISTS_SHEET,
    MANIFEST_HEADER,
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
    Hyperlink,
    ListValidation,
    Manifest,
    OwnValue,
    Plan,
    ReplaceSheet,
    SetValues,
    WorkbookState,
    tagged_formula,
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

_TEXTS: dict[str, dict[str, Any]] = {
    "fi": {
        "lists": ["Etenemisasteet", "Vastuuhenkilöt", "Tilanteet"],
        "grade_prompt_title": "Etenemisaste",
        "grade_prompt": "Valitse etenemisaste 1–5 luettelosta.",
        "grade_error_title": "Etenemisaste",
        "grade_error": "Valitse etenemisaste luettelosta (1–5 ja sen kuvaus).",
        "role_error_title": "Vastuuhenkilö",
        "role_error": "Vastuuhenkilö ei ole luettelossa. Tallennetaanko silti?",
        "summary": ["Koodi", "Taso", "Tavoite", "Laskettu keskiarvo", "Heikoin", "Toimenpiteitä",
                    "Arvioituja", "1", "2", "3", "4", "5", "Valmiina (5)", "Raportoitu etenemisaste",
                    "Kokonais-tilanne", "Erotus (raportoitu − laskettu)"],
        "level": {"council": "Valtuustokauden tavoite", "annual": "Vuositavoite"},
        "total": "Koko raportti",
        "chart_block": "Valtuustokauden tavoite",
        "chart_title": "Etenemisasteiden jakauma valtuustokauden tavoitteittain",
        "findings": ["Solu", "Sääntö", "Vakavuus", "Koodi", "Viesti"],
        "severity": {"error": "virhe", "warning": "varoitus", "info": "huom"},
        "no_findings": "Ei havaintoja.",
        "foreign_sheet": "työkirjassa on jo taulukko \"{sheet}\", jota seuranta-xl ei ole tehnyt; "
                         "nimeä se uudelleen, niin sen sisältö säilyy",
    },
    "en": {
        "lists": ["Grades", "Responsible roles", "Statuses"],
        "grade_prompt_title": "Etenemisaste",
        "grade_prompt": "Choose a grade 1–5 from the list.",
        "grade_error_title": "Etenemisaste",
        "grade_error": "Choose a grade from the list (1–5 with its label).",
        "role_error_title": "Vastuuhenkilö",
        "role_error": "The responsible role is not on the list. Keep it anyway?",
        "summary": ["Code", "Level", "Goal", "Computed mean", "Worst", "Actions", "Graded",
                    "1", "2", "3", "4", "5", "Done (5)", "Reported grade", "Kokonais-tilanne",
                    "Difference (reported − computed)"],
        "level": {"council": "Council-term goal", "annual": "Annual goal"},
        "total": "Whole report",
        "chart_block": "Council-term goal",
        "chart_title": "Grade distribution per council-term goal",
        "findings": ["Cell", "Rule", "Severity", "Code", "Message"],
        "severity": {"error": "error", "warning": "warning", "info": "info"},
        "no_findings": "No findings.",
        "foreign_sheet": "the workbook already has a sheet \"{sheet}\" that seuranta-xl did not make; "
                         "rename it so that its content is kept",
    },
}

_LEVEL_DEPTH = {"council": 0, "annual": 1, "action": 2}


def _texts(settings: Settings) -> dict[str, Any]:
    return _TEXTS.get(settings.language, _TEXTS["fi"])


# --- small helpers ----------------------------------------------------------------------------


def _first_row(report: Report) -> int:
    return report.header_row + 1


def _last_row(report: Report, settings: Settings) -> int:
    """The last row that gets dropdowns and live rules: the data and a margin for new rows."""
    return max(report.last_row, report.header_row + 1) + settings.margin_rows


def _sheet_ref(sheet: str) -> str:
    """A sheet name as it stands in a reference: always quoted, quotes doubled."""
    return "'" + sheet.replace("'", "''") + "'"


def _num(value: float) -> str:
    """A number as Excel stores it in a formula (dot decimal, no trailing zeros)."""
    return f"{value:g}"


def _split(cell: str) -> tuple[str, int]:
    letters = cell.rstrip("0123456789")
    return letters, int(cell[len(letters):])


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(float(a) - float(b)) < 1e-9
    return a == b


def _as_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip().replace(",", "."))
        except ValueError:
            return None
    return None


def _write_cells(sheet: str, cells: dict[str, Any]) -> list[SetValues]:
    """SetValues actions for scattered cells, one block per run of consecutive rows in a column."""
    by_column: dict[str, dict[int, Any]] = defaultdict(dict)
    for cell, value in cells.items():
        letter, row = _split(cell)
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


def _owned(state: WorkbookState, purpose: str, sheet: str) -> tuple[dict[str, OwnValue], dict[str, OwnValue]]:
    """(still ours, taken over by a person) among the manifest's cells of ``purpose`` on ``sheet``."""
    ours, lost = {}, {}
    for entry in state.manifest.of(purpose, sheet):
        current = state.cells.get(f"{sheet}!{entry.cell}")
        (ours if _same(current, entry.value) else lost)[entry.cell] = entry
    return ours, lost


def _our_first_rows(name: str) -> list[list[Any]]:
    """Row 1 of our sheet ``name`` in every language: how we recognise a sheet as ours."""
    key = {LISTS_SHEET: "lists", SUMMARY_SHEET: "summary", FINDINGS_SHEET: "findings"}.get(name)
    if key is None:
        return [list(MANIFEST_HEADER)] if name == MANIFEST_SHEET else []
    return [list(t[key]) for t in _TEXTS.values()]


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
    while row and row[-1] is None:
        row.pop()
    return row in _our_first_rows(name)


def _claim(report: Report, settings: Settings, state: WorkbookState, *names: str) -> None:
    """Refuse to replace a sheet of the staff's own that has one of our names (InputError, exit 2)."""
    for name in names:
        if not is_own_sheet(name, state):
            raise InputError(report.source, _texts(settings)["foreign_sheet"].format(sheet=name))


# --- dropdowns --------------------------------------------------------------------------------


def dropdowns_plan(report: Report, settings: Settings, state: WorkbookState | None = None) -> Plan:
    """The lists sheet, its names and the list validations on the grade and responsible columns."""
    _claim(report, settings, state or WorkbookState(), LISTS_SHEET)
    tx = _texts(settings)
    grades = [f"{level} {settings.scale[level]}" for level in sorted(settings.scale)]
    columns = [grades, list(settings.roles), list(settings.statuses)]
    rows = [list(tx["lists"])] + [list(r) for r in zip_longest(*columns)]
    # Hidden: no widths or header style (nobody sees them; one engine call each on a live workbook).
    lists = ReplaceSheet(name=LISTS_SHEET, rows=rows, hidden=True)
    names = [
        DefinedName(name=name, refers_to=f"={LISTS_SHEET}!${letter}$2:${letter}${1 + len(values)}")
        for name, letter, values in ((GRADE_LIST_NAME, "A", grades), (ROLE_LIST_NAME, "B", columns[1]),
                                     (STATUS_LIST_NAME, "C", columns[2]))
    ]
    plan = Plan().add(lists, *names, ClearOwn(sheet=report.sheet, validations=True))
    first, last = _first_row(report), _last_row(report, settings)
    if "grade" in report.columns:
        col = report.columns["grade"]
        plan.add(ListValidation(
            sheet=report.sheet, range=f"{col}{first}:{col}{last}", source=f"={GRADE_LIST_NAME}", stop=True,
            prompt_title=tx["grade_prompt_title"], prompt=tx["grade_prompt"],
            error_title=tx["grade_error_title"], error=tx["grade_error"]))
    if "responsible" in report.columns:
        col = report.columns["responsible"]
        plan.add(ListValidation(
            sheet=report.sheet, range=f"{col}{first}:{col}{last}", source=f"={ROLE_LIST_NAME}", stop=False,
            error_title=tx["role_error_title"], error=tx["role_error"]))
    return plan


# --- rollup -----------------------------------------------------------------------------------


def _goal_per_row(rollup: Rollup) -> dict[int, GoalRollup]:
    """The goal whose value a row's Kokonais-tilanne holds: the deepest goal on the row."""
    per_row: dict[int, GoalRollup] = {}
    for goal in rollup.goals:
        if goal.level == "action":
            continue
        held = per_row.get(goal.row)
        if held is None or _LEVEL_DEPTH[goal.level] > _LEVEL_DEPTH[held.level]:
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
    ours, _lost = _owned(state, "rollup", sheet)
    now = _status_now(report)
    writes: dict[str, Any] = {}
    entries: list[OwnValue] = []
    after: dict[int, Any] = dict(now)
    for row, goal in sorted(_goal_per_row(rollup).items()):
        cell = f"{col}{row}"
        value = round(goal.computed, 1) if goal.computed is not None else None
        current = state.cells.get(f"{sheet}!{cell}", now.get(row))
        if cell in ours or _is_empty(current):
            if value is not None:
                writes[cell] = value
                entries.append(OwnValue(purpose="rollup", sheet=sheet, cell=cell, value=value))
                after[row] = value
            elif cell in ours:
                writes[cell] = None  # no graded action any more: our old figure would mislead
                after.pop(row, None)
        # else: a person's own value stays; rule U103 compares it with the computed one.
    # Cells of ours whose goal has gone (row moved, code removed): empty them, not leave stale figures.
    for cell in ours:
        if cell not in writes:
            writes[cell] = None
            after.pop(_split(cell)[1], None)
    manifest = state.manifest.replace("rollup", sheet, entries)
    return _write_cells(sheet, writes) if writes else [], manifest, after


def findings_for(report: Report, settings: Settings, state: WorkbookState) -> list[Finding]:
    """The validator's findings for a workbook about to be written: rule U103 (own Kokonais-tilanne
    differs from the computed one) is dropped on cells an earlier rollup of ours wrote, since the
    rollup rewrites those; on a person's own value it stays."""
    from ..validate import check

    ours, _lost = _owned(state, "rollup", report.sheet)
    return [f for f in check(report, settings)
            if not (f.rule == OWN_STATUS_RULE and f.sheet == report.sheet and f.cell in ours)]


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


def _summary_sheet(report: Report, rollup: Rollup, settings: Settings, status_after: dict[int, Any]) -> ReplaceSheet:
    tx = _texts(settings)
    rows: list[list[Any]] = [list(tx["summary"])]
    links: list[Hyperlink] = []

    def line(goal: GoalRollup, code: str, level: str, status: Any) -> list[Any]:
        diff = goal.difference
        return [code, level, goal.name, None if goal.computed is None else round(goal.computed, 2),
                goal.worst, goal.actions, goal.graded, *(goal.distribution[g] for g in range(1, 6)),
                None if goal.done_share is None else round(goal.done_share, 4), goal.reported, status,
                None if diff is None else round(diff, 1)]  # one decimal as a value: no format call

    for goal in rollup.goals:
        if goal.level == "action":
            continue
        rows.append(line(goal, display_code(goal.code), tx["level"][goal.level], status_after.get(goal.row)))
        item = report.find(goal.code)
        if item is not None:
            links.append(Hyperlink(cell=f"A{len(rows)}", target=f"{_sheet_ref(report.sheet)}!{item.column}{item.row}"))
    rows.append(line(rollup.total, "", tx["total"], None))

    # The chart's data: one block per council goal with its 1-5 counts (series names from the header).
    councils = [g for g in rollup.goals if g.level == "council"]
    charts = []
    if councils:
        rows.append([])
        top = len(rows) + 1
        rows.append([tx["chart_block"], "1", "2", "3", "4", "5"])
        for goal in councils:
            label = f"{display_code(goal.code)} {goal.name}"
            label = label if len(label) <= 60 else label[:59] + "…"
            rows.append([label, *(goal.distribution[g] for g in range(1, 6))])
        bottom = len(rows)
        charts.append(ChartSpec(
            chart_type="bar_stacked", title=tx["chart_title"], categories=f"A{top + 1}:A{bottom}",
            series=[f"{letter}{top}:{letter}{bottom}" for letter in "BCDEF"],
            anchor=f"R2", width_cm=20.0, height_cm=max(7.5, 1.0 * len(councils) + 4.0)))
    return ReplaceSheet(
        name=SUMMARY_SHEET, rows=rows, header_rows=1,
        # Few distinct widths in runs of adjacent columns: a live workbook sets a run in one call.
        column_widths={"A": 22, "B": 22, "C": 60, **{column_letter(i): 12 for i in range(3, 16)}},
        number_formats={"D": "0.0", "M": "0%"}, hyperlinks=links, charts=charts)


def rollup_plan(report: Report, rollup: Rollup, settings: Settings, state: WorkbookState | None = None) -> Plan:
    """Kokonais-tilanne values (where the cell is free or ours), their colours and the summary sheet."""
    state = state or WorkbookState()
    _claim(report, settings, state, SUMMARY_SHEET, MANIFEST_SHEET)
    actions, manifest, after = _rollup_parts(report, rollup, settings, state)
    plan = Plan().add(*actions)
    plan.add(ClearOwn(sheet=report.sheet, formats=[PURPOSE_STATUS]), *_status_rules(report, settings))
    plan.add(_summary_sheet(report, rollup, settings, after), manifest.action())
    return plan


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


def missing_fields_plan(report: Report, settings: Settings) -> Plan:
    """Only the live missing-field rules: for a new, empty report (the template) where there are
    no findings yet. ``report`` may have no rows (header_row, columns and last_row are used)."""
    return Plan().add(ClearOwn(sheet=report.sheet, formats=[PURPOSE_MISSING]), *_missing_rules(report, settings))


def _marked_column(report: Report, finding: Finding) -> str | None:
    """The column a finding marks: its own, else where the row's deepest code stands."""
    if finding.column:
        return finding.column
    on_row = [i for i in report.items if i.row == finding.row]
    if on_row:
        return max(on_row, key=lambda i: _LEVEL_DEPTH[i.level]).column
    return next(iter(report.columns.values()), "A")


def _helper_column(report: Report, state: WorkbookState) -> str | None:
    """Ours from an earlier run, else the first free column right of the data; None when the data
    reaches Excel's last column (XFD): the finding marks are then left out, never put beyond it."""
    previous = state.manifest.of("helper", report.sheet)
    if previous:
        return _split(previous[0].cell)[0]
    used = max([state.max_column] + [column_index(c) + 1 for c in report.columns.values()])
    return column_letter(used) if used < 16384 else None


def _highlight_parts(report: Report, findings: list[Finding], settings: Settings, state: WorkbookState,
                     ) -> tuple[list[Action], Manifest]:
    sheet, tx = report.sheet, _texts(settings)
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
    ours, _lost = _owned(state, "helper", sheet)
    writes: dict[str, Any] = {cell: None for cell in ours}
    entries: list[OwnValue] = []
    if tokens and helper is not None:
        writes[f"{helper}{report.header_row}"] = HELPER_TITLE
        for row, toks in tokens.items():
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
    actions.append(_findings_sheet(report, findings, settings, tx))
    return actions, state.manifest.replace("helper", sheet, entries)


def _findings_sheet(report: Report, findings: list[Finding], settings: Settings, tx: dict[str, Any]) -> ReplaceSheet:
    rows: list[list[Any]] = [list(tx["findings"])]
    links = []
    for f in findings:
        col = _marked_column(report, f) if f.row is not None else None
        cell = f"{col}{f.row}" if col and f.row is not None else ""
        rows.append([cell, f.rule, tx["severity"].get(f.severity, f.severity), f.code, f.message])
        if cell:
            links.append(Hyperlink(cell=f"A{len(rows)}", target=f"{_sheet_ref(f.sheet)}!{cell}", text=cell))
    if not findings:
        rows.append(["", "", "", "", tx["no_findings"]])
    return ReplaceSheet(name=FINDINGS_SHEET, rows=rows, header_rows=1, hyperlinks=links,
                        column_widths={"A": 10, "B": 10, "C": 10, "D": 10, "E": 100})


def highlight_plan(report: Report, findings: Iterable[Finding], settings: Settings,
                   state: WorkbookState | None = None) -> Plan:
    """Live missing-field rules, finding marks via the helper column, and the findings sheet."""
    state = state or WorkbookState()
    _claim(report, settings, state, FINDINGS_SHEET, MANIFEST_SHEET)
    actions, manifest = _highlight_parts(report, list(findings), settings, state)
    return Plan().add(*actions, manifest.action())


# --- clear and run ----------------------------------------------------------------------------


def clear_plan(report: Report, settings: Settings, state: WorkbookState | None = None, *, all: bool = False) -> Plan:  # noqa: A002
    """Remove the marks; with ``all`` everything of ours, the rollup values we wrote included.

    Cells a person has overwritten since we wrote them are theirs: they are left as they are and
    dropped from the manifest. Sheets with our names but not our first row are left alone.
    """
    state = state or WorkbookState()
    sheet = report.sheet
    purposes = [PURPOSE_MISSING, PURPOSE_FINDING] + ([PURPOSE_STATUS] if all else [])
    plan = Plan().add(ClearOwn(sheet=sheet, formats=purposes, validations=all,
                               names=list(OWN_NAMES) if all else []))
    helper, _ = _owned(state, "helper", sheet)
    writes = {cell: None for cell in helper}
    manifest = state.manifest.replace("helper", sheet, [])
    if all:
        rollup, _ = _owned(state, "rollup", sheet)
        writes.update({cell: None for cell in rollup})
        manifest = manifest.replace("rollup", sheet, [])
    if writes:
        plan.add(*_write_cells(sheet, writes))
    # A sheet of the staff's own that shares one of our names is never deleted.
    doomed = [FINDINGS_SHEET] + ([LISTS_SHEET, SUMMARY_SHEET] if all else [])
    plan.add(*(DeleteSheet(name=name) for name in doomed if is_own_sheet(name, state)))
    if is_own_sheet(MANIFEST_SHEET, state):
        plan.add(manifest.action())
    return plan


def run_plan(report: Report, rollup: Rollup, findings: Iterable[Finding], settings: Settings,
             state: WorkbookState | None = None) -> Plan:
    """Dropdowns, rollup and highlight in one plan; the highlight shows ``findings`` (see findings_for)."""
    state = state or WorkbookState()
    _claim(report, settings, state, LISTS_SHEET, SUMMARY_SHEET, FINDINGS_SHEET, MANIFEST_SHEET)
    rollup_actions, manifest, after = _rollup_parts(report, rollup, settings, state)
    plan = dropdowns_plan(report, settings, state)
    plan.add(*rollup_actions, ClearOwn(sheet=report.sheet, formats=[PURPOSE_STATUS]),
             *_status_rules(report, settings), _summary_sheet(report, rollup, settings, after))
    state = state.model_copy(update={"manifest": manifest})
    highlight_actions, manifest = _highlight_parts(report, list(findings), settings, state)
    return plan.add(*highlight_actions, manifest.action())
