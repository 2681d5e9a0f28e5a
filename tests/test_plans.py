"""The plans as data: what each command would write, computed from the seed report without a workbook."""

from __future__ import annotations

import json

import pytest

from seuranta_xl.messages import texts
from seuranta_xl.write import planners as plans
from seuranta_xl.model import Finding
from seuranta_xl.write.actions import (
    FINDINGS_SHEET,
    LISTS_SHEET,
    MANIFEST_COLUMN,
    MANIFEST_HEADER,
    MANIFEST_SHEET,
    OWN_NAMES,
    SUMMARY_SHEET,
    ClearOwn,
    ConditionalFormat,
    DefinedName,
    DeleteSheet,
    ListValidation,
    Manifest,
    OwnValue,
    Plan,
    ReplaceSheet,
    SetValues,
    WorkbookState,
    formula_purpose,
    lists_layout,
    tagged_formula,
)
from seuranta_xl.rollup import compute_rollup
from seuranta_xl.settings import Settings
from seuranta_xl.validate import check, load_report

from conftest import SEED_TXT, seed_rows

SETTINGS = Settings()


@pytest.fixture(scope="module")
def report():
    return load_report(SEED_TXT, settings=SETTINGS)


@pytest.fixture(scope="module")
def rollup(report):
    return compute_rollup(report)


def of(plan: Plan, kind: type) -> list:
    return [a for a in plan.actions if isinstance(a, kind)]


def written(plan: Plan) -> dict[str, object]:
    """Cell → value for every SetValues of a plan (blocks are one column wide)."""
    cells = {}
    for action in of(plan, SetValues):
        letter = action.anchor.rstrip("0123456789")
        top = int(action.anchor[len(letter):])
        for i, row in enumerate(action.values):
            assert len(row) == 1  # the planners write one column per block
            cells[f"{letter}{top + i}"] = row[0]
    return cells


def test_tag_round_trip_and_foreign_formulas():
    formula = tagged_formula("=LEN(F14)=0", "missing")
    assert formula.startswith("=AND(LEN(F14)=0,") and formula_purpose(formula) == "missing"
    assert formula_purpose('=AND($F14="",N("someone_else:missing")=0)') is None
    assert formula_purpose("=$F14>3") is None


def test_dropdowns_lists_names_and_ranges(report):
    plan = plans.dropdowns_plan(report, SETTINGS)
    lists, = of(plan, ReplaceSheet)  # the lists, and beside them the record of what we wrote there
    assert lists.rows[0][MANIFEST_COLUMN:] == list(MANIFEST_HEADER)
    assert {r[MANIFEST_COLUMN] for r in lists.rows[1:] if r[MANIFEST_COLUMN]} == {"lists", "print"}
    assert lists.name == LISTS_SHEET and lists.hidden and all(r[3] is None for r in lists.rows)
    assert [r[0] for r in lists.rows[1:7]] == [f"{g} {SETTINGS.scale[g]}" for g in range(1, 6)] + [
        "ei sovellu / ei arvioitavissa"]  # the last choice: not applicable
    assert [r[1] for r in lists.rows[1:] if r[1]] == SETTINGS.roles
    assert {n.name: n.refers_to for n in of(plan, DefinedName)}["Etenemisaste"] == "=Listat!$A$2:$A$7"
    # Our old validations go first, so a second run or a paste-cut range is whole again.
    clear_at = plan.actions.index(of(plan, ClearOwn)[0])
    validations = of(plan, ListValidation)
    assert all(plan.actions.index(v) > clear_at for v in validations)
    last = report.last_row + SETTINGS.margin_rows
    grade, role = validations
    assert (grade.range, grade.source, grade.stop) == (f"F14:F{last}", "=Etenemisaste", True)
    assert (role.range, role.source, role.stop) == (f"H14:H{last}", "=Vastuuhenkilot", False)


def test_dropdowns_follow_settings(report):
    settings = Settings(roles=["Rehtori", "Kirjastonjohtaja"], margin_rows=10,
                        scale={1: "a", 2: "b", 3: "c", 4: "d", 5: "e"})
    plan = plans.dropdowns_plan(report, settings)
    lists = of(plan, ReplaceSheet)[0]
    assert [r[0] for r in lists.rows[1:6]] == ["1 a", "2 b", "3 c", "4 d", "5 e"]
    names = {n.name: n.refers_to for n in of(plan, DefinedName)}
    assert names["Vastuuhenkilot"] == "=Listat!$B$2:$B$3"
    assert of(plan, ListValidation)[0].range == f"F14:F{report.last_row + 10}"


def test_rollup_writes_rounded_means_on_goal_rows(report, rollup):
    plan = plans.rollup_plan(report, rollup, SETTINGS)
    cells = written(plan)
    assert cells[f"E{report.find('03.06').row}"] == 3.7
    assert cells[f"E{report.find('15').row}"] == 3.4
    for value in cells.values():
        assert isinstance(value, float) and round(value, 1) == value
    # Manifest: exactly the cells written, with their values; no lists sheet of ours yet, so on a very
    # hidden sheet of its own (a lists sheet is never made just for it: its lists are settings).
    manifest = next(a for a in of(plan, ReplaceSheet) if a.name == MANIFEST_SHEET)
    assert manifest.very_hidden and LISTS_SHEET not in {a.name for a in of(plan, ReplaceSheet)}
    assert {(r[2], r[3]) for r in manifest.rows[1:]} == set(cells.items())
    # With our lists sheet present, the record goes there (columns E:I), and nowhere else.
    listed = plans.rollup_plan(report, rollup, SETTINGS, WorkbookState(
        sheets=[report.sheet, LISTS_SHEET], lists_rows=7, lists_columns=3,
        first_rows={LISTS_SHEET: list(texts("sheet.lists.header", "fi"))}))
    record, = [a for a in of(listed, SetValues) if a.sheet == LISTS_SHEET]
    assert record.anchor == "E1" and record.values[0] == list(MANIFEST_HEADER)
    assert {(r[2], r[3]) for r in record.values[1:]} == set(cells.items())
    assert MANIFEST_SHEET not in {a.name for a in of(listed, ReplaceSheet)}
    summary = next(a for a in of(plan, ReplaceSheet) if a.name == SUMMARY_SHEET)
    assert len(summary.charts) == 1 and summary.charts[0].chart_type == "bar_stacked"
    councils = len(report.council_goals)
    top = int(summary.charts[0].categories.split(":")[0][1:])
    assert int(summary.charts[0].categories.split(":")[1][1:]) - top + 1 == councils


def test_rollup_colours_follow_thresholds(report, rollup):
    settings = Settings(status_thresholds={"green": 4.5, "yellow": 3})
    rules = [a for a in of(plans.rollup_plan(report, rollup, settings), ConditionalFormat) if a.purpose == "status"]
    assert len(rules) == 3
    assert ">=4.5" in rules[0].formula and ">=3," in rules[1].formula and "<3)" in rules[2].formula
    assert all(formula_purpose(r.formula) == "status" for r in rules)


def _state(report, **cells) -> WorkbookState:
    """A workbook state whose manifest says we wrote ``cells`` (cell → value) and that they still hold it."""
    manifest = Manifest(values=[OwnValue(purpose="rollup", sheet=report.sheet, cell=c, value=v) for c, v in cells.items()])
    return WorkbookState(manifest=manifest, cells={f"{report.sheet}!{c}": v for c, v in cells.items()})


def test_rollup_keeps_a_persons_value_and_notes_the_difference(report, rollup):
    row = report.find("03.06").row
    own = report.model_copy(deep=True)
    target = next(r for r in own.rows if r.row == row)
    target.cells["status"] = ("E", 2)
    plan = plans.rollup_plan(own, rollup, SETTINGS)
    assert f"E{row}" not in written(plan)
    (finding,) = [f for f in plans.findings_for(own, SETTINGS, WorkbookState())
                  if f.row == row and f.rule == plans.OWN_STATUS_RULE]
    assert finding.column == "E" and "3,7" in finding.message
    assert finding.severity == "warning"  # |2 - 3.7| >= mismatch_threshold
    # The same value as computed is no finding; a matching status word neither.
    target.cells["status"] = ("E", 3.7)
    assert not [f for f in plans.findings_for(own, SETTINGS, WorkbookState()) if f.rule == plans.OWN_STATUS_RULE]
    target.cells["status"] = ("E", SETTINGS.statuses[1])  # 3.7 is yellow with default thresholds
    assert not [f for f in plans.findings_for(own, SETTINGS, WorkbookState()) if f.rule == plans.OWN_STATUS_RULE]
    # A stale value an earlier rollup of ours wrote is no finding: the rollup rewrites it.
    target.cells["status"] = ("E", 2.9)
    assert [f.row for f in plans.findings_for(own, SETTINGS, WorkbookState()) if f.rule == plans.OWN_STATUS_RULE] == [row]
    assert not [f for f in plans.findings_for(own, SETTINGS, _state(own, **{f"E{row}": 2.9}))
                if f.rule == plans.OWN_STATUS_RULE]


def test_rollup_rewrites_its_own_values_and_empties_stale_ones(report, rollup):
    row = report.find("03.06").row
    stale = f"E{report.header_row + 1000}"  # a goal that is gone: our old value there is removed
    own = report.model_copy(deep=True)
    next(r for r in own.rows if r.row == row).cells["status"] = ("E", 1.2)
    plan = plans.rollup_plan(own, rollup, SETTINGS, _state(report, **{f"E{row}": 1.2, stale: 2.0}))
    cells = written(plan)
    assert cells[f"E{row}"] == 3.7 and cells[stale] is None
    # Taken over: the manifest says 1.2 but the cell now holds 4 → a person's value, kept.
    state = _state(report, **{f"E{row}": 1.2})
    state.cells[f"{report.sheet}!E{row}"] = 4
    next(r for r in own.rows if r.row == row).cells["status"] = ("E", 4)
    assert f"E{row}" not in written(plans.rollup_plan(own, rollup, SETTINGS, state))


def test_missing_field_rules_follow_required_settings(report):
    plan = plans.highlight_plan(report, [], SETTINGS)
    rules = [a for a in of(plan, ConditionalFormat) if a.purpose == "missing"]
    # Grade, progress and responsible share their condition and stand side by side: one rule over F:H.
    assert [r.range for r in rules] == [f"F14:H{report.last_row + SETTINGS.margin_rows}"]
    grade = rules[0].formula
    # Annual goal rows (B without C) and action rows (C) need it; the mark goes when the cell has
    # text (F14 is relative: in G20 it reads G20).
    assert "LEN(TRIM($C14))>0" in grade and "LEN(TRIM($B14))>0" in grade and "LEN(TRIM(F14))=0" in grade
    settings = Settings(required={"council": ["risks"], "annual": [], "action": ["progress"]})
    rules = [a for a in of(plans.highlight_plan(report, [], settings), ConditionalFormat) if a.purpose == "missing"]
    assert [r.range.split(":")[0] for r in rules] == ["D14", "G14"]
    assert "LEN(TRIM($A14))>0" in rules[0].formula and "LEN(TRIM($C14))=0" in rules[0].formula
    # Adjacent columns with different conditions stay apart.
    settings = Settings(required={"council": [], "annual": ["grade"], "action": ["grade", "progress"]})
    rules = [a for a in of(plans.highlight_plan(report, [], settings), ConditionalFormat) if a.purpose == "missing"]
    assert [r.range.split(":")[0] for r in rules] == ["F14", "G14"]


def test_highlight_marks_any_finding_by_its_fields(report):
    """Made-up rule codes: the plan uses only a finding's fields, never particular codes."""
    findings = [
        Finding(rule="Z901", severity="error", sheet=report.sheet, row=20, column="F", code="x", message="m1"),
        Finding(rule="Z902", severity="info", sheet=report.sheet, row=20, column="H", code="x", message="m2"),
        Finding(rule="Z903", severity="warning", sheet=report.sheet, row=report.find("03.06").row, column=None,
                code="03.06", message="row-level"),
        Finding(rule="Z904", severity="info", sheet=report.sheet, row=None, column=None, code=None, message="all"),
    ]
    plan = plans.highlight_plan(report, findings, SETTINGS, WorkbookState(max_column=8))
    cells = written(plan)
    assert cells["I13"] == "Tarkistus"
    assert cells["I20"] == "F:Z901 H:Z902"
    assert cells[f"I{report.find('03.06').row}"] == f"{report.find('03.06').column}:Z903"
    (mark,) = [a for a in of(plan, ConditionalFormat) if a.purpose == "finding"]
    # One rule over the marked columns (03.06 stands in B, the others are F and H).
    assert mark.range == f"{report.find('03.06').column}14:H{report.last_row}"
    assert '&$I14' in mark.formula and "COLUMN(B14)" in mark.formula
    sheet = next(a for a in of(plan, ReplaceSheet) if a.name == FINDINGS_SHEET)
    assert len(sheet.rows) == 1 + len(findings)
    assert [h.target for h in sheet.hyperlinks][:2] == [f"'{report.sheet}'!F20", f"'{report.sheet}'!H20"]
    assert sheet.rows[-1][0] == ""  # the whole-report finding has no cell and no link
    assert len(sheet.hyperlinks) == 3


def test_helper_column_stays_where_it_was(report):
    state = WorkbookState(max_column=12, manifest=Manifest(values=[
        OwnValue(purpose="helper", sheet=report.sheet, cell="J13", value="Tarkistus"),
        OwnValue(purpose="helper", sheet=report.sheet, cell="J30", value="F:G101")]))
    state.cells = {f"{report.sheet}!J13": "Tarkistus", f"{report.sheet}!J30": "F:G101"}
    finding = Finding(rule="Q1", severity="error", sheet=report.sheet, row=25, column="F", code=None, message="m")
    cells = written(plans.highlight_plan(report, [finding], SETTINGS, state))
    assert cells == {"J13": "Tarkistus", "J25": "F:Q1", "J30": None}


def test_clear_and_clear_all(report, rollup):
    state = WorkbookState(manifest=Manifest(values=[
        OwnValue(purpose="rollup", sheet=report.sheet, cell="E20", value=3.7),
        OwnValue(purpose="rollup", sheet=report.sheet, cell="E30", value=2.0),
        OwnValue(purpose="helper", sheet=report.sheet, cell="I13", value="Tarkistus")]),
        cells={f"{report.sheet}!E20": 3.7, f"{report.sheet}!E30": 5, f"{report.sheet}!I13": "Tarkistus"})
    light = plans.clear_plan(report, SETTINGS, state)
    assert written(light) == {"I13": None}
    assert of(light, ClearOwn)[0].formats == ["missing", "finding"] and not of(light, ClearOwn)[0].validations
    assert [d.name for d in of(light, DeleteSheet)] == [FINDINGS_SHEET]
    # No lists sheet to hold the record: it keeps a sheet of its own.
    kept = next(a for a in of(light, ReplaceSheet) if a.name == MANIFEST_SHEET)
    assert kept.very_hidden and [r[2] for r in kept.rows[1:]] == ["E20", "E30"]
    full = plans.clear_plan(report, SETTINGS, state, all=True)
    assert written(full) == {"I13": None, "E20": None}  # E30 was changed by a person: theirs
    clear = of(full, ClearOwn)[0]
    assert clear.validations and set(clear.formats) == {"missing", "finding", "status"}
    assert set(clear.names) == set(OWN_NAMES)
    assert {d.name for d in of(full, DeleteSheet)} == {FINDINGS_SHEET, LISTS_SHEET, SUMMARY_SHEET}


def test_run_plan_is_plain_data(report, rollup):
    plan = plans.run_plan(report, rollup, check(report, SETTINGS), SETTINGS)
    dumped = plan.model_dump()
    assert json.loads(json.dumps(dumped)) == dumped  # nothing but JSON's own types
    assert [a["kind"] for a in dumped["actions"]] == [a.kind for a in plan.actions]
    kinds = {a.kind for a in plan.actions}
    assert kinds == {"replace_sheet", "defined_name", "clear_own", "list_validation", "set_values",
                     "conditional_format", "page_setup"}
    # One record, in the lists sheet's one block of values (written first), holding every purpose.
    assert MANIFEST_SHEET not in {a.name for a in of(plan, ReplaceSheet)}
    lists = plan.actions[0]
    assert lists.name == LISTS_SHEET
    assert {v.purpose for v in lists_layout(lists.rows).manifest.values} == {"lists", "rollup", "helper", "print"}


def test_template_plans_work_for_a_report_without_rows():
    """``new`` builds the template from these: header and columns only, no data rows yet."""
    from seuranta_xl.header import FIELDS
    from seuranta_xl.model import Report

    empty = Report(source="uusi.xlsx", sheet="Raportti", header_row=13, last_row=13,
                   columns={name: chr(65 + i) for i, name in enumerate(FIELDS)})
    settings = Settings(margin_rows=300)
    plan = plans.dropdowns_plan(empty, settings) + plans.missing_fields_plan(empty, settings)
    assert [v.range for v in of(plan, ListValidation)] == ["F14:F314", "H14:H314"]
    assert [r.range for r in of(plan, ConditionalFormat)] == ["F14:H314"]
    assert not of(plan, SetValues)


def test_summary_status_belongs_to_the_goal_that_owns_the_row():
    """Council goal 30. shares its row with annual goal 30.08: the Kokonais-tilanne cell is 30.08's."""
    from seuranta_xl.grid import Grid
    from seuranta_xl.parse import build_report
    from seuranta_xl.rollup import compute_rollup
    from seuranta_xl.write.actions import SUMMARY_SHEET

    report = build_report(Grid.from_values(seed_rows(), source="s.xlsx", sheet="Raportti"))
    plan = plans.rollup_plan(report, compute_rollup(report), Settings())
    summary = next(a for a in plan.actions if a.kind == "replace_sheet" and a.name == SUMMARY_SHEET)
    by_code = {row[0]: row for row in summary.rows[1:] if row}
    assert by_code["30."][15] is None
    assert by_code["30.08"][15] is not None


def test_the_findings_sheet_never_passes_excels_last_row(monkeypatch):
    from seuranta_xl.grid import Grid
    from seuranta_xl.parse import build_report
    from seuranta_xl.write.actions import FINDINGS_SHEET

    monkeypatch.setattr(plans, "MAX_SHEET_ROWS", 12)  # the same arithmetic as at 1,048,576 rows
    report = build_report(Grid.from_values(seed_rows(), source="s.xlsx", sheet="Raportti"))
    findings = check(report, Settings())
    sheet = next(a for a in plans.highlight_plan(report, findings, Settings()).actions
                 if a.kind == "replace_sheet" and a.name == FINDINGS_SHEET)
    assert len(sheet.rows) == 12
    assert sheet.rows[-1][4] == f"… ja {len(findings) - 10} havaintoa lisää, joita ei mahdu taulukolle (katso seuranta-xl validate)"


def test_summary_sheet_of_the_earlier_release_is_ours():
    """Its done column was headed "Valmiina (5)" (a share formatted 0 %), now "Valmiina (5) %" (whole
    percent); the next release had no column of actions marked not applicable (after "Arvioituja")."""
    from seuranta_xl.messages import LANGUAGES, texts

    for lang in LANGUAGES:
        header = list(texts("sheet.summary.header", lang))
        without_na = header[:7] + header[8:]
        old = without_na[:12] + [without_na[12].removesuffix(" %")] + without_na[13:]
        assert len({tuple(header), tuple(without_na), tuple(old)}) == 3
        for row in (header, without_na, old):
            assert plans.is_own_sheet(SUMMARY_SHEET, WorkbookState(sheets=[SUMMARY_SHEET], first_rows={SUMMARY_SHEET: row}))
    staff = WorkbookState(sheets=[SUMMARY_SHEET], first_rows={SUMMARY_SHEET: ["Oma yhteenveto"]})
    assert not plans.is_own_sheet(SUMMARY_SHEET, staff)
