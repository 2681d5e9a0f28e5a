"""Issue 16: "ei sovellu / ei arvioitavissa" (N/A) is a grade of its own: chosen from the dropdown,
never read as grade 1, never "missing" or "invalid", kept out of every rollup and counted apart."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from seuranta_xl import compare, compute_rollup, validate
from seuranta_xl.grades import NOT_APPLICABLE, parse_grade
from seuranta_xl.validate import load_report

BUNDLED = Path(__file__).resolve().parents[1] / "workbook" / "examples" / "seuranta_1-9_2021.xlsx"


@pytest.mark.parametrize("typed", [NOT_APPLICABLE, "Ei sovellu", "ei arvioitavissa", "N/A", "n/a", " NOT APPLICABLE ",
                                   "ej tillämplig", "Ei sovellu/ei arvioitavissa.", "ei  sovellu"])
def test_variants_are_not_applicable(typed):
    grade = parse_grade(typed)
    assert (grade.status, grade.value, grade.not_applicable) == ("na", None, True)
    assert grade.text() == NOT_APPLICABLE


@pytest.mark.parametrize("typed", ["-", "#N/A", "ei", "sovellu 3", "0"])
def test_a_dash_or_an_error_value_is_not_not_applicable(typed):
    assert parse_grade(typed).status == "invalid"


def _rows(path: Path) -> dict[str, int]:
    return {i.code: i.row for i in load_report(path).items if i.owns_row}


def edited(tmp_path: Path, grades: dict[str, object], name: str = "na.xlsx") -> Path:
    """The bundled report with some grade cells (column F) set to ``grades``."""
    rows = _rows(BUNDLED)
    wb = openpyxl.load_workbook(BUNDLED)
    ws = wb["Seuranta"]
    for code, value in grades.items():
        ws[f"F{rows[code]}"] = value
    target = tmp_path / name
    wb.save(target)
    return target


@pytest.fixture()
def marked(tmp_path: Path) -> Path:
    # 15.02: its three actions (all at 5) marked N/A in three spellings; 05.01.01 (the weak 2 of 05.01) N/A.
    return edited(tmp_path, {"15.02.01": NOT_APPLICABLE, "15.02.02": "N/A", "15.02.03": "ei sovellu",
                             "05.01.01": "Ei arvioitavissa"})


def test_not_applicable_is_left_out_of_every_rollup_and_counted(marked: Path, run_cli):
    before, after = compute_rollup(load_report(BUNDLED)), compute_rollup(load_report(marked))
    goal = after.get("15.02")
    assert (goal.computed, goal.worst, goal.graded, goal.actions, goal.not_applicable) == (None, None, 0, 3, 3)
    assert goal.distribution == {1: 0, 2: 0, 3: 0, 4: 0, 5: 0} and goal.done_share is None
    weak = after.get("05.01")  # was 2 and 5: now only the 5 counts, not a 1 in place of N/A
    assert (weak.computed, weak.worst, weak.graded, weak.not_applicable) == (5.0, 5, 1, 1)
    council = after.get("15")  # 9 actions, 3 of them N/A: the mean of the other six
    assert (council.actions, council.graded, council.not_applicable) == (9, 6, 3)
    assert council.computed == pytest.approx((3 + 2 + 2 + 2 + 4 + 3) / 6)
    assert (after.total.actions, after.total.graded, after.total.not_applicable) == (39, 35, 4)
    assert before.total.not_applicable == 0

    status, out, _ = run_cli("rollup", marked, "--format", "json")
    payload = json.loads(out)
    by_code = {g["code"]: g for g in payload["goals"]}
    assert status == 0 and by_code["15.02"]["computed"] is None and by_code["15.02"]["not_applicable"] == 3
    assert payload["total"]["not_applicable"] == 4 and payload["total"]["graded"] == 35
    assert sum(payload["total"]["distribution"].values()) == 35
    status, out, _ = run_cli("rollup", marked)
    assert out.rstrip().endswith("(35/39)  ei sovellu / ei arvioitavissa: 4")
    assert run_cli("rollup", marked, "--lang", "en")[1].rstrip().endswith("not applicable: 4")


def test_no_rule_calls_not_applicable_missing_invalid_or_a_mismatch(marked: Path, tmp_path: Path):
    seed = {(f.rule, f.code) for f in validate(BUNDLED).findings}
    found = validate(marked).findings
    got = {(f.rule, f.code) for f in found}
    rows = _rows(marked)
    na_rows = {rows[c] for c in ("15.02.01", "15.02.02", "15.02.03", "05.01.01")}
    assert not [f for f in found if f.row in na_rows and f.rule.startswith("G")]
    # The goal whose actions are all N/A has no computed mean: no rule claims its grade 3 differs.
    assert ("U101", "15.02") in seed and ("U101", "15.02") not in got
    assert ("U102", "05.01") in seed and ("U102", "05.01") not in got  # the weak 2 is now N/A
    assert not [f for f in found if f.code == "15.02" and f.rule.startswith("U")]
    # Required rules: a grade was given, so G101 stays quiet even with the grade required.
    strict = validate(marked, settings=_settings(required={"action": ["grade"]}))
    assert not [f for f in strict.findings if f.rule == "G101"]
    # A dash is no answer: still a G102.
    dashed = edited(tmp_path, {"15.02.01": "-"}, "dash.xlsx")
    assert ("G102", "15.02.01") in {(f.rule, f.code) for f in validate(dashed).findings}


def test_a_goal_marked_not_applicable_itself_is_not_compared_with_its_actions(tmp_path: Path):
    path = edited(tmp_path, {"15.02": NOT_APPLICABLE})  # its actions 5, 5, 5; its own grade was 3
    goal = compute_rollup(load_report(path)).get("15.02")
    assert goal.reported is None and goal.computed == 5.0
    assert not [f for f in validate(path).findings if f.code == "15.02"]


def test_run_writes_no_figure_for_a_goal_whose_actions_are_all_not_applicable(marked: Path, tmp_path: Path, run_cli):
    out = tmp_path / "out.xlsx"
    status, _, err = run_cli("run", marked, "-o", out)
    assert status == 0, err
    wb = openpyxl.load_workbook(out)
    ws, rows = wb["Seuranta"], _rows(marked)
    assert ws[f"E{rows['15.02']}"].value is None  # Kokonais-tilanne: no mean to write
    assert ws[f"E{rows['05.01']}"].value == 5.0  # the mean of its one graded action, N/A left out
    lists = wb["Listat"]
    assert lists["A7"].value == NOT_APPLICABLE  # the dropdown's last choice
    assert wb.defined_names["Etenemisaste"].attr_text == "Listat!$A$2:$A$7"
    assert ws[f"F{rows['15.02.01']}"].value == NOT_APPLICABLE  # the person's answer stays as chosen


def test_compare_shows_a_change_to_and_from_not_applicable(marked: Path, tmp_path: Path, run_cli):
    result = compare(BUNDLED, marked)
    kinds = {(c.code, c.kind): c for c in result.changes}
    to_na = kinds[("15.02.01", "grade_not_applicable")]
    assert (to_na.old, to_na.new, to_na.field) == (5, "N/A", "grade")
    assert "ei sovellu / ei arvioitavissa (edellisessä raportissa 5)" in to_na.message
    assert not [c for c in result.changes if c.code == "15.02.01" and c.kind in ("grade_cleared", "grade_down")]
    assert ("15.02", "status_down") not in kinds  # no computed status now: nothing to compare it with
    back = compare(marked, BUNDLED, lang="en")
    from_na = {(c.code, c.kind): c for c in back.changes}[("05.01.01", "grade_applicable")]
    assert (from_na.old, from_na.new) == ("N/A", 2)
    assert from_na.message.startswith("grade 2 (the previous report had: not applicable)")
    assert back.summary["kinds"]["grade_applicable"] == 4
    status, out, _ = run_cli("compare", BUNDLED, marked, "--format", "json")
    assert status == 0
    assert sum(c["kind"] == "grade_not_applicable" for c in json.loads(out)["changes"]) == 4


def _settings(**values):
    from seuranta_xl.settings import Settings

    return Settings(**values)


# --- the summary sheet (Yhteenveto) counts them ------------------------------------------------


def _seed_with_na(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    """The seed report built in code, three actions of 15.02 and one of 05.01 marked not applicable."""
    from conftest import seed_rows, write_rows_xlsx

    path = write_rows_xlsx(seed_rows(), tmp_path / "seed_na.xlsx", sheet="Raportti")
    rows = {i.code: i.row for i in load_report(path).items if i.owns_row}
    wb = openpyxl.load_workbook(path)
    for code, typed in {"15.02.01": NOT_APPLICABLE, "15.02.02": "N/A", "15.02.03": "ei sovellu",
                        "05.01.01": "Ei arvioitavissa"}.items():
        wb["Raportti"][f"F{rows[code]}"] = typed
    wb.save(path)
    return path, rows


@pytest.mark.parametrize("lang", ["fi", "en", "sv"])
def test_the_summary_has_a_column_of_not_applicable_actions(tmp_path: Path, run_cli, lang):
    from seuranta_xl.messages import texts

    path, _rows = _seed_with_na(tmp_path)
    out = tmp_path / "out.xlsx"
    code, _out, _err = run_cli("run", path, "-o", out, "--lang", lang)
    assert code == 0
    ws = openpyxl.load_workbook(out)["Yhteenveto"]
    table = [list(r) for r in ws.iter_rows(values_only=True)]
    header = list(texts("sheet.summary.header", lang))
    assert table[0][:len(header)] == header
    na = header.index({"fi": "Ei sovellu", "en": "Not applicable", "sv": "Ej tillämpliga"}[lang])
    assert header[na - 1] == table[0][na - 1] and header[na + 1] == "1"  # after "graded", before grades 1-5
    by_code = {r[0]: r for r in table[1:] if r and r[0]}
    assert by_code["15.02"][na] == 3 and by_code["15."][na] == 3
    assert by_code["05.01"][na] == 1 and by_code["05."][na] == 1
    assert by_code["03.06"][na] == 0
    total = next(r for r in table[1:] if r[1] == {"fi": "Koko raportti", "en": "Whole report", "sv": "Hela rapporten"}[lang])
    assert total[na] == 4
    # the grades 1-5 still stand where the header says; N/A is in no distribution
    rollup = compute_rollup(load_report(path))
    assert by_code["05."][na + 1:na + 6] == [rollup.get("05").distribution[g] for g in range(1, 6)]


def test_the_chart_still_reads_its_own_block_of_grades(tmp_path: Path):
    """The chart's categories and series point at the block of council goals and their 1-5 counts
    below the table (not at the table, whose columns moved), and the chart stands right of the table."""
    import package_support as S
    from seuranta_xl.grid import column_index

    path, _rows = _seed_with_na(tmp_path)
    plan = S.make_plan(path, "run")
    summary = next(a for a in plan.actions if a.kind == "replace_sheet" and a.name == "Yhteenveto")
    chart, = summary.charts
    first, last = (int(c[1:]) for c in chart.categories.split(":"))
    block = summary.rows[first - 2:last]
    assert block[0][1:6] == ["1", "2", "3", "4", "5"]
    council = {r.code for r in load_report(path).council_goals}
    rollup = compute_rollup(load_report(path))
    for row in block[1:]:
        code = row[0].split()[0].rstrip(".")
        assert code in council and row[1:6] == [rollup.get(code).distribution[g] for g in range(1, 6)]
    assert chart.series == [f"{c}{first - 1}:{c}{last}" for c in "BCDEF"]
    width = len(summary.rows[0])
    assert column_index(chart.anchor.rstrip("0123456789")) > width  # an empty column between
    assert summary.print_area[0].startswith(f"$A$1:${chr(ord('A') + width - 1)}$")


def test_a_summary_sheet_of_an_earlier_release_is_still_ours(tmp_path: Path, run_cli):
    """A summary written before the not-applicable column (and the first release's, with the done
    column as a formatted share): recognised by its header row and replaced, never refused."""
    from seuranta_xl.messages import texts

    path, _rows = _seed_with_na(tmp_path)
    new = list(texts("sheet.summary.header", "fi"))
    na = new.index("Ei sovellu")
    older = new[:na] + new[na + 1:]
    oldest = [("Valmiina (5)" if v == "Valmiina (5) %" else v) for v in older]
    for n, header in enumerate((older, oldest)):
        src = tmp_path / f"old{n}.xlsx"
        wb = openpyxl.load_workbook(path)
        ws = wb.create_sheet("Yhteenveto")
        ws.append(header)
        ws.append(["01.", "Valtuustokauden tavoite", "vanha", 3.0])
        wb.save(src)
        out = tmp_path / f"out{n}.xlsx"
        code, _out, err = run_cli("rollup", src, "-o", out)
        assert code == 0 and err == ""
        ws = openpyxl.load_workbook(out)["Yhteenveto"]
        assert [c.value for c in ws[1]][:len(new)] == new
    # a staff sheet of that name whose header is not one of ours is never replaced
    src = tmp_path / "theirs.xlsx"
    wb = openpyxl.load_workbook(path)
    wb.create_sheet("Yhteenveto").append(older[:5] + ["Oma sarake"])
    wb.save(src)
    code, _out, err = run_cli("rollup", src, "-o", tmp_path / "no.xlsx")
    assert code == 2 and "Yhteenveto" in err
