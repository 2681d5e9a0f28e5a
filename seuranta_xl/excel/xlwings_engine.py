"""Applying a Plan to a live workbook through xlwings' open-source API (the ribbon's engine).

Every action is a constant number of calls, whatever the number of rows: values go as one block
per action, a validation is one delete + one ``set_list`` per range, a conditional format one
``add_custom`` per range, a sheet is added or cleared whole. Nothing here loops over rows.

A few things the plan asks for have no call in xlwings' open-source API. They are set through the
engine's native object (``.api``: COM on Windows, appscript on macOS) when that is available and
otherwise listed in :attr:`Applied.skipped` (xlwings' remote engine, which the tests drive, records
data and has no native object):

- list validation prompt/error texts and the "warn but allow" style (``Validation.InputTitle`` …,
  ``Validation.Modify(AlertStyle=xlValidAlertWarning)``);
- a sheet's tab colour (``Worksheet.Tab.Color``);
- finding and removing *our* conditional-format rules among the staff's own (needs reading the
  rules back, which the remote engine cannot do synchronously).
"""

from __future__ import annotations

import re
import sys
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Iterator

from ..grid import Grid, column_index, column_letter
from ..write.cells import engine_text, parsed_by_excel
from ..write.engine import Applied
from ..write.actions import (
    ClearOwn,
    ConditionalFormat,
    DefinedName,
    DeleteSheet,
    ListValidation,
    PageSetup,
    Plan,
    SEGMENT_BORDER,
    ReplaceSheet,
    SetValues,
)

if TYPE_CHECKING:
    import xlwings as xw

#: Chart types of the plan → xlwings' names.
_CHART_TYPES = {"bar_stacked": "bar_stacked", "column_stacked": "column_stacked",
                "column": "column_clustered", "bar": "bar_clustered"}
_POINTS_PER_CM = 72 / 2.54
# Excel constants (stable since Excel 97) for the native calls below.
_XL_VALIDATE_LIST, _XL_VALID_ALERT_WARNING, _XL_BETWEEN, _XL_SHEET_VERY_HIDDEN = 3, 2, 1, 2
_XL_LANDSCAPE, _XL_PORTRAIT, _XL_PAPER_A4 = 2, 1, 9
_REF = re.compile(r"^=?(?:'((?:[^']++|'')++)'|([^'!]+))!(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)$")


def _native(book: "xw.Book") -> str:
    """``win`` / ``mac`` for desktop Excel (native objects reachable), else ``none``."""
    if book.app.engine.name != "excel":
        return "none"
    return "win" if sys.platform.startswith("win") else "mac"


@contextmanager
def _print_communication_off(book: "xw.Book", native: str) -> Iterator[None]:
    """Excel for Windows: page-setup writes with ``Application.PrintCommunication`` off, so that the
    printer driver is asked once when it is turned back on rather than once per property (Excel 2010
    and later; an older or other host without the property just writes as before).

    Untested on real Excel: no Windows here (xlwings' remote engine has no native object)."""
    off = False
    if native == "win":
        try:
            book.app.api.PrintCommunication = False
            off = True
        except Exception:  # noqa: BLE001 - Excel 2007 and older have no such property
            pass
    try:
        yield
    finally:
        if off:
            try:
                book.app.api.PrintCommunication = True  # the page setup is applied here
            except Exception:  # noqa: BLE001 - never let the restore hide the real error
                pass


def _find_sheet(book: "xw.Book", name: str) -> "xw.Sheet | None":
    for sheet in book.sheets:
        if sheet.name.casefold() == name.casefold():
            return sheet
    return None


def _sheet(book: "xw.Book", name: str) -> "xw.Sheet":
    sheet = _find_sheet(book, name)
    if sheet is None:
        raise KeyError(f"sheet {name!r} not found")
    return sheet


def _literal(value: Any) -> Any:
    """A string is stored as the text the plan says (:mod:`seuranta_xl.write.cells`, shared with
    the file engine): characters a file cannot hold removed, and text Excel's input parser would
    turn into a formula, number or date written with a leading apostrophe, which Excel stores
    without the apostrophe, as when a person types ``'01.05``."""
    if isinstance(value, str):
        text = engine_text(value)
        return "'" + text if parsed_by_excel(text) else text
    return value


def _rectangular(values: list[list[Any]]) -> list[list[Any]]:
    """Excel takes a rectangular block: ragged rows padded with empty cells, text kept as text."""
    width = max((len(r) for r in values), default=0)
    return [[_literal(v) for v in r] + [None] * (width - len(r)) for r in values]


def _hex(color: str | None) -> str | None:
    return None if color is None else "#" + color.lstrip("#")[-6:]


def _bgr(color: str) -> int:
    """``RRGGBB`` as Excel's colour number (BGR)."""
    color = color.lstrip("#")[-6:]
    return int(color[4:6] + color[2:4] + color[0:2], 16)


def _width_runs(widths: dict[str, Any]) -> list[tuple[str, str, Any]]:
    """Adjacent columns of the same width (or number format) as one range each: one call instead
    of one per column."""
    runs: list[list[Any]] = []
    for index, chars in sorted((column_index(k), v) for k, v in widths.items()):
        if runs and runs[-1][1] == index - 1 and runs[-1][2] == chars:
            runs[-1][1] = index
        else:
            runs.append([index, index, chars])
    return [(column_letter(a), column_letter(b), w) for a, b, w in runs]


class XlwingsEngine:
    """Applies plans to one open workbook. ``apply`` may be called more than once."""

    def __init__(self, book: "xw.Book", grids: "dict[str, Grid] | None" = None):
        self.book = book
        self.native = _native(book)
        #: Values read at the start (sheet name → Grid): what the cells between written cells hold.
        self.grids = dict(grids or {})

    def apply(self, plan: Plan) -> Applied:
        done = Applied()
        for action in self._coalesced(plan.actions):
            handler = getattr(self, "_" + action.kind)
            handler(action, done)
            done.actions += 1
        return done

    # --- values ---------------------------------------------------------------------------

    def _coalesced(self, actions: list[Any]) -> list[Any]:
        """Single-column SetValues on a sheet we have read become one block per column.

        The planner writes scattered cells (each goal's Kokonais-tilanne, the helper column's
        finding codes) as one block per run of rows - one call per goal on a live workbook. Here
        they become one block from the first to the last written row, the cells in between
        written back with the values read at the start (unchanged). Not done where a cell in
        between holds a formula (desktop Excel reports ``HasFormula``), since writing its value
        back would replace the formula; xlwings' remote engine has only values and no formulas.
        """
        groups: dict[tuple[str, str], list[SetValues]] = {}
        for action in actions:
            if (isinstance(action, SetValues) and action.sheet in self.grids and action.values
                    and all(len(r) == 1 for r in action.values)):
                letters = re.match(r"([A-Za-z]+)(\d+)$", action.anchor)
                groups.setdefault((action.sheet, letters[1].upper()), []).append(action)
        merged: dict[int, SetValues] = {}
        dropped: set[int] = set()
        for (sheet, letter), group in groups.items():
            if len(group) < 2:
                continue
            cells: dict[int, Any] = {}
            for action in group:  # plan order: a later write to the same cell wins
                top = int(re.match(r"[A-Za-z]+(\d+)$", action.anchor)[1])
                for i, row in enumerate(action.values):
                    cells[top + i] = row[0]
            first, last = min(cells), max(cells)
            if self._has_formulas(sheet, f"{letter}{first}:{letter}{last}"):
                continue
            grid, col = self.grids[sheet], column_index(letter)
            block = [[cells[r] if r in cells else grid.value(r, col)] for r in range(first, last + 1)]
            merged[id(group[0])] = SetValues(sheet=sheet, anchor=f"{letter}{first}", values=block)
            dropped.update(id(a) for a in group[1:])
        return [merged.get(id(a), a) for a in actions if id(a) not in dropped]

    def _has_formulas(self, sheet: str, ref: str) -> bool:
        if self.native == "none":
            return False
        rng = _sheet(self.book, sheet).range(ref)
        has = rng.api.HasFormula if self.native == "win" else rng.api.has_formula.get()
        return has is not False  # True, or None/missing value when some cells have formulas

    def _set_values(self, action: SetValues, done: Applied) -> None:
        if not action.values:
            return
        _sheet(self.book, action.sheet).range(action.anchor).value = _rectangular(action.values)

    # --- validations ------------------------------------------------------------------------

    def _list_source(self, source: str) -> Any:
        """``=Name`` → the Name; ``=Sheet!$A$2:$A$6`` → the Range; ``"a,b"`` → the items."""
        text = source.strip()
        match = _REF.match(text)
        if match:
            sheet = _sheet(self.book, (match[1] or "").replace("''", "'") or match[2])
            return sheet.range(match[3].replace("$", ""))
        if text.startswith("="):
            return self.book.names[text[1:]]
        return [item.strip() for item in text.strip('"').split(",") if item.strip()]

    def _list_validation(self, action: ListValidation, done: Applied) -> None:
        rng = _sheet(self.book, action.sheet).range(action.range)
        source = self._list_source(action.source)
        try:
            rng.data_validation.set_list(source)
        except Exception:  # noqa: BLE001 - xlwings raises XlwingsError (COM errors vary by platform)
            # Cells whose validation a paste wiped make the range "mixed", which set_list refuses
            # on the desktop engines: delete + set restores the whole range. Only then, so the
            # usual case is one call.
            rng.data_validation.delete()
            rng.data_validation.set_list(source)
        extras = {k: v for k, v in (("InputTitle", action.prompt_title), ("InputMessage", action.prompt),
                                   ("ErrorTitle", action.error_title), ("ErrorMessage", action.error)) if v}
        if not extras and action.stop:
            return  # Excel's default alert style is Stop
        if self.native == "win":
            validation = rng.api.Validation
            if not action.stop:
                validation.Modify(Type=_XL_VALIDATE_LIST, AlertStyle=_XL_VALID_ALERT_WARNING,
                                  Operator=_XL_BETWEEN, Formula1=validation.Formula1)
            for key, value in extras.items():
                setattr(validation, key, value)
            validation.ShowInput = bool(action.prompt_title or action.prompt)
            validation.ShowError = True
        elif self.native == "mac":
            validation = rng.api.validation
            for key, value in extras.items():
                getattr(validation, re.sub(r"(?<!^)(?=[A-Z])", "_", key).lower()).set(value)
            if not action.stop:
                done.skipped.append(f"{action.sheet}!{action.range}: 'warn but allow' style needs Excel for Windows")
        else:
            what = ", ".join(["prompt/error texts"] * bool(extras) + ["warning style"] * (not action.stop))
            done.skipped.append(f"{action.sheet}!{action.range}: validation {what} (no native object on this engine)")

    # --- conditional formats ----------------------------------------------------------------

    def _own_rules(self, rng: "xw.Range", formulas: set[str] | None) -> list[Any] | None:
        """The rules on ``rng`` whose formula is one of ``formulas`` (None: any of ours is unknown).

        Returns None when the engine cannot read rules back (xlwings' remote engine).
        """
        try:
            rules = list(rng.conditional_formats)
        except NotImplementedError:
            return None
        return [r for r in rules if r.type == "custom" and (formulas is None or r.formula in formulas)]

    def _conditional_format(self, action: ConditionalFormat, done: Applied) -> None:
        rng = _sheet(self.book, action.sheet).range(action.range)
        formula = action.formula if action.formula.startswith("=") else "=" + action.formula
        # Idempotent on engines that can read rules back: the same rule is replaced, not stacked.
        same = self._own_rules(rng, {formula})
        for rule in same or []:
            rule.delete()
        rng.conditional_formats.add_custom(
            formula, fill_color=_hex(action.fill), font_color=_hex(action.font),
            stop_if_true=action.stop_if_true)

    # --- names and sheets -------------------------------------------------------------------

    def _defined_name(self, action: DefinedName, done: Applied) -> None:
        names = self.book.names
        if names.contains(action.name):
            names[action.name].refers_to = action.refers_to
        else:
            names.add(action.name, action.refers_to)

    def _replace_sheet(self, action: ReplaceSheet, done: Applied) -> None:
        book = self.book
        sheet = _find_sheet(book, action.name)
        if sheet is None:
            after = _find_sheet(book, action.after) if action.after else None
            sheet = book.sheets.add(action.name, after=after or book.sheets[-1])
        else:
            # Cleared in place rather than deleted: deleting would turn every name and link that
            # points at the sheet (e.g. the dropdown lists on Listat) into #REF! in a live book.
            for chart in list(sheet.charts):
                chart.delete()
            sheet.clear()
        rows = _rectangular(action.rows)
        height, width = len(rows), max((len(r) for r in rows), default=0)
        if action.hyperlinks and height and width:
            rows = self._with_links(rows, action)
        if height and width:
            sheet.range("A1").value = rows
        hidden = action.hidden or getattr(action, "very_hidden", False)
        # Bold header, frozen panes and widths are for the eye: skipped on a sheet nobody sees.
        if action.header_rows and width and not hidden:
            sheet.range((1, 1), (action.header_rows, width)).font.bold = True
            if height > action.header_rows:  # as the openpyxl engine: nothing to scroll otherwise
                sheet.freeze_panes.freeze_at(f"1:{action.header_rows}")
        if height > action.header_rows:
            for first, last, fmt in _width_runs(action.number_formats):
                sheet.range(f"{first}{action.header_rows + 1}:{last}{height}").number_format = fmt
        if not hidden:
            for first, last, chars in _width_runs(action.column_widths):
                sheet.range(f"{first}:{last}").column_width = chars
        for spec in action.charts:
            self._chart(sheet, spec, done)
        if action.tab_color:
            if self.native == "win":
                sheet.api.Tab.Color = _bgr(action.tab_color)
            else:
                done.skipped.append(f"{action.name}: tab colour (no call in xlwings' open-source API)")
        if action.print_area or action.landscape or action.fit_width:
            with _print_communication_off(book, self.native):
                self._sheet_page_setup(sheet, action, done)
        if getattr(action, "very_hidden", False):
            # Only VBA can show a very hidden sheet; xlwings' public API knows visible/hidden.
            if self.native == "win":
                sheet.api.Visible = _XL_SHEET_VERY_HIDDEN
            else:
                sheet.visible = False
                if self.native == "none":
                    done.skipped.append(f"{action.name}: very hidden (hidden instead: no native object on this engine)")
                else:
                    done.skipped.append(f"{action.name}: very hidden needs Excel for Windows (hidden instead)")
        elif action.hidden:
            sheet.visible = False

    def _sheet_page_setup(self, sheet: "xw.Sheet", action: ReplaceSheet, done: Applied) -> None:
        if action.print_area:
            sheet.page_setup.print_area = ",".join(action.print_area)
        if action.landscape or action.fit_width:
            # Page setup has no call in xlwings' open-source API: Excel's own object model on Windows.
            if self.native == "win":
                setup = sheet.api.PageSetup
                if action.landscape:
                    setup.Orientation = _XL_LANDSCAPE
                if action.fit_width:
                    setup.Zoom, setup.FitToPagesWide, setup.FitToPagesTall = False, 1, False
            else:
                done.skipped.append(f"{action.name}: page setup (landscape, fit to width) needs Excel for Windows")

    @staticmethod
    def _with_links(rows: list[list[Any]], action: ReplaceSheet) -> list[list[Any]]:
        """Hyperlinks as HYPERLINK formulas inside the one block of values.

        xlwings' ``Range.add_hyperlink`` is one call per link - per finding, i.e. per row. A
        ``=HYPERLINK("#'Raportti'!F20","F20")`` formula is a working in-workbook link written with
        the rest of the sheet.
        """
        rows = [list(r) for r in rows]
        for link in action.hyperlinks:
            letters = re.match(r"([A-Za-z]+)(\d+)", link.cell)
            col, row = column_index(letters[1]), int(letters[2]) - 1
            if row >= len(rows) or col >= len(rows[row]):
                continue
            original = action.rows[row][col] if col < len(action.rows[row]) else None  # not the escaped form
            text = link.text if link.text is not None else original
            text = "" if text is None else str(text)
            target = link.target if link.target.startswith("#") else "#" + link.target
            rows[row][col] = '=HYPERLINK("{}","{}")'.format(target.replace('"', '""'), text.replace('"', '""'))
        return rows

    def _chart(self, sheet: "xw.Sheet", spec: Any, done: Applied | None = None) -> None:
        """One chart: the series' bounding box as source (plotted by columns), categories as x values.

        Where the categories are the column just left of the series, below the row of series names
        (a table: labels down the left, names along the top), that column is part of the source and
        Excel takes it as the categories and the top row as the names, as it does for a selected
        table - no call of its own for the x values."""
        cols, rows = [], []
        for ref in spec.series:
            for part in ref.replace("$", "").split(":"):
                m = re.match(r"([A-Za-z]+)(\d+)", part)
                cols.append(column_index(m[1]))
                rows.append(int(m[2]))
        left, top, right, bottom = min(cols), min(rows), max(cols), max(rows)
        cats = re.match(r"([A-Za-z]+)(\d+):([A-Za-z]+)(\d+)$", spec.categories.replace("$", ""))
        table = (cats is not None and cats[1] == cats[3] and column_index(cats[1]) == left - 1
                 and (int(cats[2]), int(cats[4])) == (top + 1, bottom))
        first = left - 1 if table else left
        source = sheet.range(f"{column_letter(first)}{top}:{column_letter(right)}{bottom}")
        chart = sheet.charts.add(
            width=spec.width_cm * _POINTS_PER_CM, height=spec.height_cm * _POINTS_PER_CM,
            chart_type=_CHART_TYPES[spec.chart_type], source=source, plot_by="columns",
            anchor=sheet.range(spec.anchor))
        if not table:
            chart.set_x_axis_values(sheet.range(spec.categories.replace("$", "")))
        chart.title = spec.title
        if spec.colors:
            # Series colours have no call in xlwings' open-source API (nor in its remote engine):
            # Excel's object model on Windows, else the application's own colours (noted).
            if self.native == "win":
                series = chart.api[1].SeriesCollection()
                for i, fill in enumerate(spec.colors[:series.Count], start=1):
                    shape = series.Item(i).Format
                    shape.Fill.ForeColor.RGB = _bgr(fill)
                    shape.Line.ForeColor.RGB = _bgr(SEGMENT_BORDER)
            elif done is not None:
                done.skipped.append(f"{sheet.name}: chart colours need Excel for Windows")

    def _page_setup(self, action: PageSetup, done: Applied) -> None:
        """A report sheet's page setup. The print area is xlwings' open-source API (its remote
        engine records it too); orientation, paper, fitting and print titles have no call there:
        Excel's object model on Windows, elsewhere listed as skipped."""
        sheet = _find_sheet(self.book, action.sheet)
        if sheet is None:
            return
        with _print_communication_off(self.book, self.native):
            self._page_setup_writes(sheet, action, done)

    def _page_setup_writes(self, sheet: "xw.Sheet", action: PageSetup, done: Applied) -> None:
        if action.print_area is not None:
            sheet.page_setup.print_area = action.print_area or None
        rest = {k: v for k, v in (("orientation", action.orientation), ("paper", action.paper),
                                  ("fit", action.fit_width), ("titles", action.print_titles)) if v is not None}
        if not rest:
            return
        if self.native != "win":
            done.skipped.append(f"{action.sheet}: page setup ({', '.join(rest)}) needs Excel for Windows")
            return
        setup = sheet.api.PageSetup
        if action.orientation is not None:
            setup.Orientation = _XL_LANDSCAPE if action.orientation == "landscape" else _XL_PORTRAIT
        if action.paper == "a4":
            setup.PaperSize = _XL_PAPER_A4
        if action.fit_width is True:
            setup.Zoom, setup.FitToPagesWide, setup.FitToPagesTall = False, 1, False
        elif action.fit_width is False:
            setup.Zoom = 100
        if action.print_titles is not None:
            setup.PrintTitleRows = action.print_titles

    def _delete_sheet(self, action: DeleteSheet, done: Applied) -> None:
        sheet = _find_sheet(self.book, action.name)
        if sheet is not None:
            sheet.delete()

    # --- removing what we wrote -------------------------------------------------------------

    def _clear_own(self, action: ClearOwn, done: Applied) -> None:
        names = self.book.names
        for name in action.names:
            if names.contains(name):
                names[name].delete()
        sheet = _find_sheet(self.book, action.sheet)
        if sheet is None:
            return
        if action.formats:
            self._clear_formats(sheet, action, done)
        if action.validations:
            self._clear_validations(sheet, action, done)

    def _clear_formats(self, sheet: "xw.Sheet", action: ClearOwn, done: Applied) -> None:
        """Delete the rules whose formula carries our tag with one of ``action.formats``."""
        from ..write.actions import formula_purpose

        try:
            rules = list(sheet.cells.conditional_formats)
        except NotImplementedError:
            done.skipped.append(
                f"{action.sheet}: removing our conditional formats ({', '.join(action.formats)}) needs reading "
                "the rules back, which this engine cannot do synchronously")
            return
        for rule in rules:
            if rule.type == "custom" and formula_purpose(rule.formula) in action.formats:
                rule.delete()

    def _clear_validations(self, sheet: "xw.Sheet", action: ClearOwn, done: Applied) -> None:
        """Delete list validations whose source is one of our names, one column at a time."""
        from ..write.actions import is_own_list_source

        if self.native == "none":
            done.skipped.append(
                f"{action.sheet}: removing our dropdowns needs reading validations back, which this "
                "engine cannot do synchronously")
            return
        last = sheet.used_range.last_cell.column
        for col in range(1, last + 1):
            column = sheet.range((1, col)).entire_column
            validation = column.data_validation
            if validation.type in ("list", "mixed_criteria") and is_own_list_source(validation.source, action.user_names):
                validation.delete()


def read_state(book: "xw.Book", grid: Any, grids: "list[Grid] | None" = None, *, page_setup: bool = True) -> Any:
    """What the planner needs to know about the open workbook (see :class:`~seuranta_xl.write.actions.WorkbookState`).

    The report sheet's values come from ``grid`` and every other sheet's from ``grids`` when the
    caller has read them (the live workbook reads each sheet once); a sheet not among them is read
    with one call. ``first_rows``: row 1 of each sheet with one of our names (a staff sheet of the
    same name is never replaced). ``page_setup``: read the report sheet's page setup, print area
    and print titles (only the commands that set up printing need them; on Windows every property
    read asks the printer driver).
    """
    from ..write.actions import LISTS_SHEET, MANIFEST_SHEET, OWN_SHEETS, ExistingName, WorkbookState, record_fields
    from .live import sheet_grid

    read = {g.sheet: g for g in grids or []}
    read[grid.sheet] = grid

    def values(sheet: "xw.Sheet") -> "Grid":
        if sheet.name not in read:
            read[sheet.name] = sheet_grid(sheet, grid.source)
        return read[sheet.name]

    names = [s.name for s in book.sheets]
    manifest_sheet, lists_sheet = _find_sheet(book, MANIFEST_SHEET), _find_sheet(book, LISTS_SHEET)
    record = record_fields(values(lists_sheet).rows if lists_sheet else None,
                           values(manifest_sheet).rows if manifest_sheet else None)
    manifest = record["manifest"]
    first_rows: dict[str, list[Any]] = {}
    for sheet in book.sheets:
        own = next((n for n in OWN_SHEETS if n.casefold() == sheet.name.casefold()), None)
        if own is not None:
            rows = values(sheet).rows
            first_rows[own] = [None if v == "" else v for v in (rows[0] if rows else [])]
    cells: dict[str, Any] = {}
    for own in manifest.values:
        other = _find_sheet(book, own.sheet)
        m = re.match(r"([A-Za-z]+)(\d+)$", own.cell)
        if other is not None and m:
            cells[f"{own.sheet}!{own.cell}"] = values(other).value(int(m[2]), column_index(m[1]))
    # Every cell of our helper columns: what a deleted row moved is found there (planners._owned).
    for sheet_name, letter in manifest.helper_columns():
        other = _find_sheet(book, sheet_name)
        if other is not None:
            col = column_index(letter)
            for r, row in enumerate(values(other).rows, start=1):
                if col < len(row) and row[col] not in (None, ""):
                    cells[f"{sheet_name}!{letter}{r}"] = row[col]
    max_column = max((len(r) for r in grid.rows), default=0)
    max_columns = {name: max((len(r) for r in g.rows), default=0) for name, g in read.items()}
    native = _native(book)
    try:
        defined = [ExistingName(name=n.name, refers_to=n.refers_to or "") for n in book.names]
    except Exception:  # an engine without names: none known, ours assumed
        defined = []
    protected = [sheet.name for sheet in book.sheets
                 if _native_flag(native, sheet, "ProtectContents", "protect_contents")]
    validations, _names = read_lists(book, [grid.sheet])
    setup, print_names = read_page_setup(book, grid.sheet, native) if page_setup else (None, [])
    defined = [n for n in defined if not n.name.casefold().endswith(("print_area", "print_titles"))] + print_names
    return WorkbookState(sheets=names, max_column=max_column, max_columns=max_columns, cells=cells,
                         first_rows=first_rows, protected_sheets=protected, names=defined, **record,
                         table_headers={grid.sheet: _table_headers(_find_sheet(book, grid.sheet))},
                         formulas={grid.sheet: _formula_cells(_find_sheet(book, grid.sheet))},
                         validations=validations, page_setups={} if setup is None else {grid.sheet: setup},
                         structure_protected=bool(_native_flag(native, book, "ProtectStructure", "protect_structure")))


def _formula_cells(sheet: "xw.Sheet | None") -> set[str]:
    """The cells of the report sheet holding a formula (``F20``), with one call on the used range:
    a person's formula is their value, never written over (rollup, merge). None known where the
    engine cannot tell (the remote engine reads formulas only asynchronously)."""
    if sheet is None:
        return set()
    try:
        used = sheet.used_range
        formulas = used.formula
    except Exception:  # NotImplementedError on the remote engine
        return set()
    if isinstance(formulas, str):  # a one-cell range
        formulas = ((formulas,),)
    return {f"{column_letter(used.column - 1 + c)}{used.row + r}"
            for r, row in enumerate(formulas or ()) for c, text in enumerate(row or ())
            if isinstance(text, str) and text.startswith("=")}


def _table_headers(sheet: "xw.Sheet | None") -> list[tuple[int, int, int]]:
    """The header rows of the sheet's Excel Tables (WorkbookState.table_headers), through xlwings'
    ``Sheet.tables``; none where the engine has no tables."""
    found = []
    try:
        for table in sheet.tables if sheet is not None else ():
            header = table.header_row_range
            if header is not None:
                found.append((header.row, header.column, header.column + header.columns.count - 1))
    except Exception:  # an engine without tables (the remote one): none known
        return []
    return found


def read_page_setup(book: "xw.Book", name: str, native: str) -> tuple[Any, list[Any]]:
    """A sheet's page setup and its print area / print titles as names. The print area through
    xlwings' open-source API (the remote engine has it from the client); the rest through Excel's
    object model on Windows - elsewhere unknown (``known=False``: only the print area counts)."""
    from ..write.actions import PRINT_AREA_NAME, PRINT_TITLES_NAME, ExistingName, ExistingPageSetup

    sheet = _find_sheet(book, name)
    names: list[ExistingName] = []
    if sheet is None:
        return ExistingPageSetup(known=False), names
    try:
        area = sheet.page_setup.print_area
    except Exception:  # an engine without it
        area = None
    if area:
        names.append(ExistingName(name=PRINT_AREA_NAME, refers_to="=" + area, sheet=name))
    if native != "win":
        return ExistingPageSetup(known=False), names
    try:
        setup = sheet.api.PageSetup
        titles = setup.PrintTitleRows
        if titles:
            names.append(ExistingName(name=PRINT_TITLES_NAME, refers_to="=" + titles, sheet=name))
        zoom = setup.Zoom
        fitted = zoom is False
        return ExistingPageSetup(
            orientation="landscape" if setup.Orientation == _XL_LANDSCAPE else "portrait",
            fit_to_page=fitted, fit_width=int(setup.FitToPagesWide) if fitted and setup.FitToPagesWide else None,
            fit_height=0 if fitted and setup.FitToPagesTall is False else (int(setup.FitToPagesTall) if fitted else None),
            paper=int(setup.PaperSize), scale=None if fitted else int(zoom)), names
    except Exception:  # Excel without a printer answers some of these with an error: unknown
        return ExistingPageSetup(known=False), names


#: Excel's xlCellTypeAllValidation (``Range.SpecialCells``) and xlValidateList.
_XL_ALL_VALIDATION = -4174


def read_lists(book: "xw.Book", sheets: "list[str]") -> tuple[list[Any], list[Any]]:
    """The data validations on ``sheets`` and the workbook's defined names (see the facade's
    ``lists``). Validations are read through Excel's object model on Windows (one call for the
    validated cells of a sheet, one per block of them); xlwings' open-source API reads a validation
    only for a whole range and its remote engine not synchronously at all, so elsewhere none are
    known (the configured roles are used, and ours are laid only where the engine can tell)."""
    from ..write.actions import ExistingName, ExistingValidation

    validations: list[ExistingValidation] = []
    if _native(book) == "win":
        for name in sheets:
            sheet = _find_sheet(book, name)
            if sheet is None:
                continue
            try:
                areas = sheet.api.UsedRange.SpecialCells(_XL_ALL_VALIDATION).Areas
            except Exception:  # no validated cell at all: Excel raises "no cells were found"
                continue
            for i in range(1, areas.Count + 1):
                area = areas.Item(i)
                try:
                    kind, formula = area.Validation.Type, area.Validation.Formula1
                except Exception:  # a block of cells with different validations
                    continue
                validations.append(ExistingValidation(
                    sheet=name, sqref=area.Address.replace("$", "").replace(",", " "),
                    type="list" if kind == _XL_VALIDATE_LIST else str(kind), formula1=(formula or "").lstrip("=")))
    names: list[ExistingName] = []
    try:
        for n in book.names:
            local, _, plain = n.name.rpartition("!")
            names.append(ExistingName(name=plain, refers_to=n.refers_to or "",
                                      sheet=local.strip("'").replace("''", "'") or None))
    except Exception:  # an engine without names: none known
        pass
    return validations, names


def _native_flag(native: str, obj: Any, windows: str, mac: str) -> bool | None:
    """A property of the native object (COM on Windows, appscript on macOS); None where the engine
    has none (xlwings' remote engine): the state is then unknown and taken as unprotected."""
    try:
        if native == "win":
            return bool(getattr(obj.api, windows))
        if native == "mac":
            return bool(getattr(obj.api, mac).get())
    except Exception:  # a property this Excel does not have: unknown
        return None
    return None


def apply_plan(book: "xw.Book", plan: Plan, grids: "list[Grid] | None" = None) -> Applied:
    """Apply ``plan`` to the open ``book``; ``grids``: sheets already read (see ``_coalesced``)."""
    return XlwingsEngine(book, {g.sheet: g for g in grids or []}).apply(plan)
