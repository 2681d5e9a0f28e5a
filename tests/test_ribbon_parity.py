"""The ribbon's "Tee kaikki" writes what ``seuranta-xl run`` writes (issue 5: the same results as the CLI).

One seed report, two paths through the same core and the same plan builders:

- headless: the seed saved as ``Seuranta.xlsx`` (sheet ``Raportti``), ``seuranta-xl run FILE -o OUT``
  (the CLI in-process), OUT read back with openpyxl;
- ribbon: the same rows handed over by xlwings' remote engine (``xw.Book(json=payload)``),
  ``seuranta_xl.excel.ribbon.run(book)``, and the actions it recorded (``book.json()["actions"]``)
  replayed on the payload by :func:`replay` into the same comparable form.

Compared: every cell value of every sheet (the report sheet's Kokonais-tilanne values and helper
column, Listat with the manifest beside its lists, Yhteenveto, Tarkistus), in-workbook links, the sheets and their order
and visibility, defined names, list validations (range, source), conditional formats (range,
formula, colours, precedence), number formats of numeric cells, column widths, bold header cells,
frozen panes, the chart, and the findings. Where the two differ by design, :data:`BY_DESIGN` says
how and why, and each entry is asserted to hold, so a stale entry fails instead of hiding anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from conftest import write_rows_xlsx
from conftest_remote import actions, needs_remote, remote_book, seed_rows

pytestmark = needs_remote

SHEET = "Raportti"

#: Every way the two results differ on purpose. Keys are referred to by the assertions below.
BY_DESIGN = {
    "links": "In-workbook links: the CLI sets a cell hyperlink (openpyxl) on the cell holding the text; the "
             "ribbon writes =HYPERLINK(\"#target\",\"text\") inside the sheet's one block of values, "
             "because xlwings' add_hyperlink is one call per link (per finding row). Both show the same "
             "text and jump to the same cell; replay() turns the formula into (text, target).",
    "validation_texts": "Dropdown prompt/error texts and the responsible column's 'warn but allow' style: "
                        "in the file; on a live workbook set through COM on Windows, reported in "
                        "Applied.skipped on engines without a native object (here).",
    "priorities": "Precedence of our conditional formats: the file stores priorities (finding over "
                  "missing over status); a live workbook has no priority in the add call, but each "
                  "added rule goes to the top (Office.js add, SetFirstPriority on Windows), so the "
                  "ribbon adds them in the reverse order. Compared as that order.",
    "header_bold_cells": "Bold header: the CLI bolds the header row's cells, the ribbon the header "
                         "row's range up to the last used column (the same cells).",
    "charts": "The chart: the CLI adds one series per column with its categories; the ribbon gives the "
              "table - the categories' column, the series' columns, their names on top - as the source, "
              "plotted by columns, which Excel reads as those categories and series (no call of its own "
              "for the categories).",
}


# --- the comparable form ----------------------------------------------------------------------


@dataclass
class Written:
    """What a workbook holds after a run, in one form for both engines."""

    sheets: list[str] = field(default_factory=list)
    visibility: dict[str, str] = field(default_factory=dict)  # visible | hidden | veryHidden
    values: dict[str, dict[str, Any]] = field(default_factory=dict)  # sheet → {"E20": 3.7}, no empties
    links: dict[str, dict[str, str]] = field(default_factory=dict)  # sheet → {"A2": "'Raportti'!F19"}
    names: dict[str, str] = field(default_factory=dict)  # name → "Listat!$A$2:$A$7"
    validations: list[tuple[str, str, str]] = field(default_factory=list)  # (sheet, range, source)
    formats: list[tuple[str, str, str, str | None, str | None]] = field(default_factory=list)
    #: Sheet → {cell: format} for numeric cells only (a column format shows on its numbers only).
    number_formats: dict[str, dict[str, str]] = field(default_factory=dict)
    widths: dict[str, dict[str, float]] = field(default_factory=dict)  # sheet → {"A": 12.0}
    bold: dict[str, set[str]] = field(default_factory=dict)  # sheet → cells in bold (with values)
    frozen: dict[str, str] = field(default_factory=dict)  # sheet → first unfrozen cell, e.g. "A2"
    charts: dict[str, list[tuple[str, str, list[str]]]] = field(default_factory=dict)  # (title, cats, series)
    print_areas: dict[str, str] = field(default_factory=dict)  # sheet → "$A$1:$H$286"


def _letter(col: int) -> str:
    from seuranta_xl.grid import column_letter

    return column_letter(col - 1)


def _cell(row: int, col: int) -> str:
    return f"{_letter(col)}{row}"


def _empty(value: Any) -> bool:
    return value is None or value == ""


# --- headless: the file the CLI wrote -----------------------------------------------------------


def from_file(path: Path) -> Written:
    import openpyxl

    wb = openpyxl.load_workbook(path)
    out = Written(sheets=list(wb.sheetnames))
    for ws in wb.worksheets:
        name = ws.title
        out.visibility[name] = ws.sheet_state
        values, links, formats, bold = {}, {}, {}, set()
        for row in ws.iter_rows():
            for cell in row:
                if _empty(cell.value):
                    continue
                values[cell.coordinate] = cell.value
                if cell.hyperlink is not None:
                    links[cell.coordinate] = cell.hyperlink.location
                if isinstance(cell.value, (int, float)) and cell.number_format != "General":
                    formats[cell.coordinate] = cell.number_format
                if cell.font is not None and cell.font.b:
                    bold.add(cell.coordinate)
        out.values[name], out.links[name], out.number_formats[name], out.bold[name] = values, links, formats, bold
        out.widths[name] = {k: float(d.width) for k, d in ws.column_dimensions.items() if d.width and d.customWidth}
        if ws.freeze_panes:
            out.frozen[name] = ws.freeze_panes
        for dv in ws.data_validations.dataValidation:
            for rng in str(dv.sqref).split():
                out.validations.append((name, rng, "=" + dv.formula1))
        rules = []
        for cf in ws.conditional_formatting:
            for rule in cf.rules:
                fill = rule.dxf.fill.fgColor.rgb[-6:] if rule.dxf and rule.dxf.fill is not None else None
                font = rule.dxf.font.color.rgb[-6:] if rule.dxf and rule.dxf.font and rule.dxf.font.color else None
                rules.append((rule.priority, (name, str(cf.sqref), "=" + rule.formula[0], fill, font)))
        out.formats += [r for _p, r in sorted(rules, key=lambda t: t[0])]  # highest priority first
        charts = []
        for chart in ws._charts:
            title = "".join(r.t for p in chart.title.tx.rich.p for r in (p.r or []))
            cats = chart.series[0].cat.strRef or chart.series[0].cat.numRef
            charts.append((title, cats.f.split("!")[-1], [s.val.numRef.f.split("!")[-1] for s in chart.series]))
        if charts:
            out.charts[name] = charts
        if ws.print_area:
            out.print_areas[name] = ",".join(part.split("!")[-1] for part in ws.print_area.split(","))
    out.names = {name: dn.attr_text for name, dn in wb.defined_names.items()}
    return out


# --- ribbon: the actions xlwings' remote engine recorded ------------------------------------------

_HYPERLINK = re.compile(r'^=HYPERLINK\("#((?:[^"]|"")*)","((?:[^"]|"")*)"\)$')
_A1 = re.compile(r"^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$")


def _range(a: dict[str, Any]) -> str:
    """The A1 range of a recorded action (0-based start row/column and counts)."""
    top, left = a["start_row"] + 1, a["start_column"] + 1
    bottom, right = top + a["row_count"] - 1, left + a["column_count"] - 1
    first, last = _cell(top, left), _cell(bottom, right)
    return first if first == last else f"{first}:{last}"


def _cells_of(a: dict[str, Any]):
    for r in range(a["row_count"]):
        for c in range(a["column_count"]):
            yield _cell(a["start_row"] + 1 + r, a["start_column"] + 1 + c)


def replay(payload_sheets: list[tuple[str, list[list[Any]]]], recorded: list[dict[str, Any]]) -> Written:
    """The recorded actions applied to the payload's sheets, as a :class:`Written`.

    Each action names its sheet by position at the time it was recorded (``sheet_position``), so
    the sheet list is kept in step: ``addSheet [position, name]`` inserts, ``sheetDelete`` removes.
    ``setValues`` writes a block (``""`` is an empty cell); a ``=HYPERLINK("#target","text")``
    value becomes the text plus a link (see BY_DESIGN["links"]). Formatting calls that cover whole
    columns (``setColumnWidth``) or a range (``setNumberFormat``, ``setFontProperty``) are resolved
    at the end against the cells that hold values, as the file's form has them.
    """
    sheets = [name for name, _ in payload_sheets]
    out = Written()
    for name, rows in payload_sheets:
        out.values[name] = {_cell(r, c): v for r, row in enumerate(rows, 1) for c, v in enumerate(row, 1)
                            if not _empty(v)}
        out.visibility[name] = "visible"
    pending_formats: list[tuple[str, dict[str, Any], str]] = []
    pending_bold: list[tuple[str, dict[str, Any]]] = []
    for a in recorded:
        func, args = a["func"], a["args"]
        sheet = sheets[a["sheet_position"]] if a.get("sheet_position") is not None else None
        if func == "addSheet":
            position, name = args
            sheets.insert(position, name)
            out.values[name], out.visibility[name] = {}, "visible"
        elif func == "sheetDelete":
            sheets.remove(sheet)
        elif func == "sheetClear":
            out.values[sheet], out.links[sheet], out.widths[sheet] = {}, {}, {}
        elif func == "setSheetVisibility":
            out.visibility[sheet] = {"Visible": "visible", "Hidden": "hidden", "VeryHidden": "veryHidden"}[args[0]]
        elif func == "setValues":
            for (r, c), value in (((r, c), v) for r, row in enumerate(a["values"]) for c, v in enumerate(row)):
                cell = _cell(a["start_row"] + 1 + r, a["start_column"] + 1 + c)
                link = _HYPERLINK.match(value) if isinstance(value, str) else None
                out.links.setdefault(sheet, {}).pop(cell, None)
                if link:
                    value = link[2].replace('""', '"')
                    out.links[sheet][cell] = link[1].replace('""', '"')
                elif isinstance(value, str) and value.startswith("'"):
                    value = value[1:]  # Excel's text marker: the cell holds the text without it
                if _empty(value):
                    out.values[sheet].pop(cell, None)
                else:
                    out.values[sheet][cell] = value
        elif func in ("namesAdd",):
            out.names[args[0]] = args[1].lstrip("=")
        elif func == "setNameRefersTo":
            out.names[args[0]] = args[3].lstrip("=")
        elif func == "nameDelete":
            out.names.pop(args[0], None)
        elif func == "setDataValidationList":
            source = args[0]
            assert source["type"] == "name", source  # our dropdowns always use a defined name
            out.validations.append((sheet, _range(a), "=" + source["name"]))
        elif func == "addConditionalFormat":
            rule = args[0]
            colour = lambda c: None if c is None else c.lstrip("#").upper()  # noqa: E731
            out.formats.append((sheet, _range(a), rule["formula"], colour(rule["fill_color"]),
                                colour(rule["font_color"])))
        elif func == "setNumberFormat":
            pending_formats.append((sheet, a, args[0]))
        elif func == "setColumnWidth":
            for c in range(a["column_count"]):
                out.widths.setdefault(sheet, {})[_letter(a["start_column"] + 1 + c)] = float(args[0])
        elif func == "setFontProperty":
            assert args == ["bold", True], args
            pending_bold.append((sheet, a))
        elif func == "freezePaneAtRange":
            match = re.match(r"^1:(\d+)$", args[0])
            out.frozen[sheet] = f"A{int(match[1]) + 1}"
        elif func == "addChart":
            source, categories = args[3], None
            out.charts.setdefault(args[2], []).append(["", categories, source])
        elif func == "setChartXAxisValues":
            out.charts[args[1]][args[0]][1] = args[2]
        elif func == "setChartTitle":
            out.charts[sheets[a["sheet_position"]]][args[0]][0] = args[1]
        elif func == "setPrintArea":
            out.print_areas[sheet] = args[0]
        elif func in ("deleteDataValidation", "alert"):
            pass  # deleting on a sheet without validations; the message (compared separately)
        else:
            raise AssertionError(f"replay() does not know {func!r}: add it rather than ignore it")
    for sheet, a, fmt in pending_formats:
        for cell in _cells_of(a):
            if isinstance(out.values[sheet].get(cell), (int, float)):
                out.number_formats.setdefault(sheet, {})[cell] = fmt
    for sheet, a in pending_bold:
        out.bold.setdefault(sheet, set()).update(c for c in _cells_of(a) if c in out.values[sheet])
    out.sheets = sheets
    out.charts = {s: [(t, cats or _table_categories(src), _series_columns(src, cats)) for t, cats, src in cs]
                  for s, cs in out.charts.items()}
    return out


def _table_categories(source: str) -> str:
    """A table given as the source (``$A$35:$F$45``): its first column below the names is the categories."""
    m = _A1.match(source)
    return f"${m[1]}${int(m[2]) + 1}:${m[1]}${m[4]}"


def _series_columns(source: str, categories: str) -> list[str]:
    """A block source plotted by columns (``$B$35:$F$45``) as one range per series, as the file has
    them: the header row is the series name, the values start on the categories' first row."""
    m = _A1.match(source)
    from seuranta_xl.grid import column_index, column_letter

    if categories is None:  # a table: the first column is the categories, the names are on top
        first, last, start = int(m[2]) + 1, m[4], column_index(m[1]) + 1
    else:
        first, last, start = _A1.match(categories)[2], _A1.match(categories)[4], column_index(m[1])
    return [f"${column_letter(c)}${first}:${column_letter(c)}${last}" for c in range(start, column_index(m[3]) + 1)]


# --- the two runs -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """(headless Written, ribbon Written, ribbon Outcome, raw recorded actions, CLI findings)."""
    from seuranta_xl.cli import main
    from seuranta_xl.config import load_settings
    from seuranta_xl.write.openpyxl_engine import read_state
    from seuranta_xl.write.planners import findings_for
    from seuranta_xl.validate import load_report
    from openpyxl import load_workbook
    import seuranta_xl.excel.ribbon as ribbon

    rows = seed_rows()
    folder = tmp_path_factory.mktemp("parity")
    source = write_rows_xlsx(rows, folder / "Seuranta.xlsx", sheet=SHEET)
    out = folder / "ulos.xlsx"
    assert main(["run", str(source), "-o", str(out)]) == 0

    # The findings the CLI printed, computed as `run` computes them.
    settings = load_settings(str(source))
    report = load_report(source, settings=settings)
    state = read_state(load_workbook(source), report.sheet)
    cli_findings = findings_for(report, settings, state)

    book = remote_book(rows, sheet=SHEET)
    outcome = ribbon.run(book)
    assert outcome.ok, outcome.message
    recorded = actions(book)
    padded = [list(r) + [""] * (max(map(len, rows)) - len(r)) for r in rows]
    return from_file(out), replay([(SHEET, padded)], recorded), outcome, recorded, cli_findings


def test_sheets_in_the_same_order(both):
    cli, xl, *_ = both
    # The record of what we wrote is on the lists sheet: no sheet of its own.
    assert cli.sheets == xl.sheets == [SHEET, "Listat", "Yhteenveto", "Tarkistus"]


def test_visibility_same(both):
    cli, xl, outcome, *_ = both
    assert cli.visibility["Listat"] == xl.visibility["Listat"] == "hidden"
    assert cli.visibility == xl.visibility
    assert not any("very hidden" in s for s in outcome.applied.skipped)


def test_the_record_is_the_same_on_the_lists_sheet(both):
    cli, xl, *_ = both
    assert xl.values["Listat"]["E1"] == cli.values["Listat"]["E1"] == "purpose"
    assert {c[0] for c in cli.values["Listat"]} == set("ABCEFGHI")  # D empty between lists and record


@pytest.mark.parametrize("sheet", [SHEET, "Listat", "Yhteenveto", "Tarkistus"])
def test_every_cell_value_is_the_same(both, sheet):
    cli, xl, *_ = both
    assert xl.values[sheet] == cli.values[sheet]


def test_report_sheet_got_kokonais_tilanne_and_the_helper_column(both):
    # Not trivially equal: both wrote the rollup values and the helper column into the staff's sheet.
    cli, xl, *_ = both
    original = {_cell(r, c): v for r, row in enumerate(seed_rows(), 1) for c, v in enumerate(row, 1) if v}
    written = {c: v for c, v in cli.values[SHEET].items() if original.get(c) != v}
    assert written == {c: v for c, v in xl.values[SHEET].items() if original.get(c) != v}
    assert {c[0] for c in written} == {"E", "I"}
    assert written["E23"] == 3.7 and written["I13"] == "Tarkistus"
    assert sum(1 for c in written if c[0] == "I") > 40


def test_links_same_text_and_target(both):
    cli, xl, outcome, recorded, _ = both
    for sheet in ("Yhteenveto", "Tarkistus"):
        assert cli.links[sheet] and xl.links[sheet] == cli.links[sheet]
    assert cli.links["Tarkistus"]["A2"] == "'Raportti'!F19"
    # BY_DESIGN["links"]: the ribbon's are formulas inside the block of values, the file's cell links.
    blocks = [a for a in recorded if a["func"] == "setValues" and a["start_row"] == 0]
    raw = [row[0] for a in blocks for row in a["values"]]
    assert '=HYPERLINK("#\'Raportti\'!F19","F19")' in raw


def test_defined_names(both):
    cli, xl, *_ = both
    assert xl.names == cli.names == {"Etenemisaste": "Listat!$A$2:$A$7", "Vastuuhenkilot": "Listat!$B$2:$B$7",
                                     "Tilanne": "Listat!$C$2:$C$4"}


def test_validations_same_ranges_and_sources(both):
    cli, xl, outcome, *_ = both
    assert sorted(xl.validations) == sorted(cli.validations)
    assert sorted(cli.validations) == [(SHEET, "F14:F286", "=Etenemisaste"), (SHEET, "H14:H286", "=Vastuuhenkilot")]
    # BY_DESIGN["validation_texts"]: the file has them; the remote engine says it could not set them.
    assert {s.split(":")[0] for s in outcome.applied.skipped if ": validation" in s} == {f"{SHEET}!F14", f"{SHEET}!H14"}


def test_conditional_formats_same_rules_and_precedence(both):
    cli, xl, *_ = both
    assert sorted(xl.formats, key=str) == sorted(cli.formats, key=str)
    assert len(cli.formats) == 5  # 3 status colours, 1 missing-field rule (F:H), 1 finding-mark rule (A:H)
    # BY_DESIGN["priorities"]: each added rule goes on top, so the ribbon's order is the file's reversed.
    purpose = lambda rule: re.search(r'seuranta_xl:(\w+)', rule[2])[1]  # noqa: E731
    assert [purpose(r) for r in reversed(xl.formats)] == [purpose(r) for r in cli.formats]
    assert [purpose(r) for r in cli.formats][:1] == ["finding"] and purpose(cli.formats[-1]) == "status"


def test_number_formats_widths_header_and_panes(both):
    cli, xl, *_ = both
    # Every sheet, hidden ones included: neither engine formats a sheet nobody sees.
    for sheet in cli.sheets:
        assert xl.number_formats.get(sheet, {}) == cli.number_formats.get(sheet, {}), sheet
        assert xl.widths.get(sheet, {}) == cli.widths.get(sheet, {}), sheet
        assert xl.bold.get(sheet, set()) == cli.bold.get(sheet, set()), sheet  # BY_DESIGN["header_bold_cells"]
        assert xl.frozen.get(sheet) == cli.frozen.get(sheet), sheet
    assert cli.frozen == {"Yhteenveto": "A2", "Tarkistus": "A2"}
    # Figures are written rounded as shown (one decimal, whole percent): no number formats at all.
    assert not any(cli.number_formats.values())
    assert cli.values["Yhteenveto"]["D2"] == round(cli.values["Yhteenveto"]["D2"], 1)
    assert cli.widths["Yhteenveto"]["C"] == 60 and not cli.widths.get("Listat")
    assert len(cli.bold["Tarkistus"]) == 5 and not cli.bold.get("Listat")


def test_chart(both):
    cli, xl, *_ = both
    assert xl.charts == cli.charts  # BY_DESIGN["charts"]
    (title, categories, series), = cli.charts["Yhteenveto"]
    assert title.startswith("Etenemisasteiden jakauma") and len(series) == 5


def test_print_area(both):
    """The print areas of the report sheet and of the summary (its table, then its chart): the one
    page-setup call xlwings' open-source API has; the orientation, fitting and print titles need
    Excel for Windows."""
    cli, xl, *_ = both
    assert xl.print_areas == cli.print_areas and set(cli.print_areas) == {"Raportti", "Yhteenveto"}
    assert cli.print_areas["Raportti"].startswith("$A$1:$H$")
    assert re.fullmatch(r"\$A\$1:\$Q\$\d+,\$S\$2:\$[A-Z]+\$\d+", cli.print_areas["Yhteenveto"])


def test_findings_and_message(both):
    cli, xl, outcome, _recorded, cli_findings = both
    key = lambda f: (f.rule, f.severity, f.sheet, f.row, f.column, f.code, f.message)  # noqa: E731
    assert [key(f) for f in outcome.report.findings] == [key(f) for f in cli_findings]
    errors = sum(f.severity == "error" for f in cli_findings)
    warnings = sum(f.severity == "warning" for f in cli_findings)
    assert outcome.message.startswith(f"{errors} virhettä, {warnings} varoitusta, ")
    assert outcome.message.endswith("— katso välilehti Tarkistus")
    assert len(cli.values["Tarkistus"]) // 5 >= len(cli_findings) - 1


def test_by_design_list_is_what_the_assertions_use():
    text = Path(__file__).read_text(encoding="utf-8")
    used = set(re.findall(r'BY_DESIGN\["(\w+)"\]', text))
    assert used == set(BY_DESIGN)
