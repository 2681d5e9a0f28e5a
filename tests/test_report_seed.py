"""Issue 2 acceptance: the seed report read from text and from .xlsx, hierarchy and rollup."""

import pytest

from conftest import seed_rows, write_rows_xlsx
from seuranta_xl import Grid, compute_rollup, load_report
from seuranta_xl.header import TITLES


@pytest.fixture(params=["txt", "xlsx"])
def seed_report(request, seed_txt, seed_xlsx):
    return load_report(seed_txt if request.param == "txt" else seed_xlsx)


def test_seed_counts(seed_report):
    r = seed_report
    assert (len(r.council_goals), len(r.annual_goals), len(r.actions), len(r.uncoded_rows)) == (10, 21, 39, 1)
    assert r.header_row == 13 and r.uncoded_rows[0].row == 27
    assert r.period == "1 - 9 / 2021"
    assert r.columns == {"council": "A", "annual": "B", "action": "C", "risks": "D", "status": "E",
                         "grade": "F", "progress": "G", "responsible": "H"}
    assert r.last_row == 86


def test_seed_rollup_means(seed_report):
    rollup = compute_rollup(seed_report)
    expected = {"03.06": 3.67, "05.01": 3.5, "15.02": 5.0, "03": 3.75, "15": 3.44}
    assert {c: round(rollup.get(c).computed, 2) for c in expected} == expected
    g = rollup.get("15.02")
    assert (g.reported, g.worst, g.actions, g.distribution[5], g.done_share) == (3, 5, 3, 3, 1.0)
    council = rollup.get("03")
    assert council.level == "council" and council.actions == 8 and council.reported is None
    assert rollup.total.actions == 39


def test_codes_in_wrong_columns_still_build_the_hierarchy(seed_report):
    r = seed_report
    # Rows 60-62: action codes typed in the annual-goal column (B), risk text shifted to C.
    for code, row in [("12.03.01", 60), ("12.03.02", 61), ("12.03.03", 62)]:
        item = r.find(code)
        assert (item.level, item.row, item.column, item.parent, item.parent_found) == ("action", row, "B", "12.03", True)
    assert [s[:2] for s in next(x for x in r.rows if x.row == 60).stray] == [("action", "C")]
    # Row 64: an annual goal in the council column; row 79: council goal + annual goal in the action column.
    assert (r.find("15.01").level, r.find("15.01").column) == ("annual", "A")
    assert (r.find("30.08").level, r.find("30.08").column, r.find("30.08").row) == ("annual", "C", 79)


def test_shared_row_grade_belongs_to_the_deepest_code(seed_report):
    r = seed_report
    annual, action = r.find("02.02"), r.find("02.02.03")
    assert annual.row == action.row == 18
    assert (annual.owns_row, annual.grade.status) == (False, "missing")
    assert (action.owns_row, action.grade.value) == (True, 3)
    assert r.find("30").owns_row is False and r.find("30.08").grade.value == 3


def test_every_value_keeps_its_cell(seed_report):
    r = seed_report
    item = r.find("03.06")
    assert (item.row, item.column) == (23, "B")
    row = next(x for x in r.rows if x.row == 23)
    assert row.cells["grade"][0] == "F" and row.cells["responsible"] == ("H", "Talusohtaja")


def test_missing_parent_is_recorded_not_invented():
    rows = [[TITLES["council"], TITLES["annual"], TITLES["action"], TITLES["grade"]],
            ["01. Eka", "", "", ""],
            ["", "", "01.03.02 Orpo toimenpide", "3"],
            ["", "04.02 Orpo vuositavoite", "", "2"]]
    r = load_report(Grid.from_values(rows))
    orphan = r.find("01.03.02")
    assert orphan.parent == "01.03" and orphan.parent_found is False
    assert r.find("01.03") is None and r.find("04.02").parent_found is False
    assert compute_rollup(r).get("01").computed == 3.0  # the council mean still counts it, by code


def test_other_layout_header_on_row_one_columns_reordered(tmp_path, seed_txt):
    """The same data with the header on row 1, columns shuffled, extra columns and odd titles."""
    rows = seed_rows()[13:]  # data only
    order = [7, 5, 0, 2, 1, 6, 3, 4]  # H F A C B G D E
    header = ["Vastuu-\nhenkilö", "ETENEMISASTE", "Valtuustokauden  tavoite", "Toimenpide", "Vuosi­tavoite",
              "Eteneminen", "Merkittävimmät tavoitteen toteuttamista uhkaavat riskit", "Kokonaistilanne", "Muistiinpanot"]
    shuffled = [header] + [[cells[i] if i < len(cells) else "" for i in order] + ["x"] for cells in rows]
    path = write_rows_xlsx(shuffled, tmp_path / "other.xlsx", sheet="Data")
    other, seed = load_report(path), load_report(seed_txt)
    assert other.header_row == 1 and other.columns["grade"] == "B" and other.columns["council"] == "C"
    key = lambda rep: [(i.code, i.level, i.grade.value, i.responsible, i.row - rep.header_row) for i in rep.items]  # noqa: E731
    assert key(other) == key(seed)
    assert compute_rollup(other).model_dump(exclude={"goals": {"__all__": {"row"}}, "total": {"row", "name"}}) == \
        compute_rollup(seed).model_dump(exclude={"goals": {"__all__": {"row"}}, "total": {"row", "name"}})


def test_sheet_choice(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Ohje"
    wb.active["A1"] = "Täytä raportti toiselle välilehdelle"
    ws = wb.create_sheet("Raportti")
    ws.append([TITLES["council"], TITLES["annual"], TITLES["action"], TITLES["grade"]])
    ws.append(["01. Tavoite", "", "", ""])
    wb.save(tmp_path / "two.xlsx")
    assert load_report(tmp_path / "two.xlsx").sheet == "Raportti"
    assert load_report(tmp_path / "two.xlsx", sheet="Raportti").council_goals[0].code == "01"


def test_to_frame(seed_txt):
    frame = load_report(seed_txt).to_frame()
    assert len(frame) == 10 + 21 + 39 + 1
    assert list(frame["row"]) == sorted(frame["row"])
    row = frame[frame["code"] == "03.06.03"].iloc[0]
    assert (row["level"], row["grade"], row["parent"]) == ("action", 5, "03.06")
