"""Issue 16, staleness and timing: S101 (not updated since the previous report, ``--previous``),
S102 (behind the ``[seuranta.schedule]``) and S103 (a schedule but no period), on real files."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from seuranta_xl import validate
from seuranta_xl.comparison import compare
from seuranta_xl.grades import NOT_APPLICABLE
from seuranta_xl.settings import Settings
from seuranta_xl.validate import load_report

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "workbook" / "examples" / "seuranta_1-9_2021.xlsx"
SEED_TXT = Path(__file__).parent / "data" / "seed_report.txt"
GRADE_4 = "4 Toteutusvaiheessa lähellä valmistumista, ei vielä viimeistelty/käyttöön otettu"


def _rows(path: Path) -> dict[str, int]:
    return {i.code: i.row for i in load_report(path).items if i.owns_row}


def next_period(tmp_path: Path, *, keep: tuple[str, ...] = (), edits: dict[str, dict[str, object]] | None = None,
                name: str = "seuranta_1-12_2021.xlsx", rewrite: bool = True) -> Path:
    """The bundled report as the next period's: every narrative rewritten (``rewrite``) except on
    the rows of ``keep``; ``edits``: code → {column letter: value}."""
    rows = _rows(BUNDLED)
    wb = openpyxl.load_workbook(BUNDLED)
    ws = wb["Seuranta"]
    kept = {rows[c] for c in keep}
    report = load_report(BUNDLED)
    for r in range(report.header_row + 1, report.last_row + 1):
        if rewrite and ws[f"G{r}"].value and r not in kept:
            ws[f"G{r}"] = f"Tilanne vuoden lopussa (rivi {r}): työ jatkuu uusin painotuksin."
    for code, cells in (edits or {}).items():
        for col, value in cells.items():
            ws[f"{col}{rows[code]}"] = value
    target = tmp_path / name
    wb.save(target)
    return target


def _codes(findings, rule: str) -> list[str]:
    return sorted(f.code for f in findings if f.rule == rule)


# --- S101: not updated since the previous report ------------------------------------------------


def test_s101_names_the_actions_left_as_they_were(tmp_path: Path, run_cli):
    rows = _rows(BUNDLED)
    old_text = load_report(BUNDLED).find("03.07.01").progress
    new = next_period(tmp_path, keep=("12.03.01", "03.06.03", "15.02.01", "03.07.01"), edits={
        "03.06.03": {"F": GRADE_4},  # the text kept, the grade moved (5 → 4)
        "03.07.01": {"G": old_text.replace("Kartoitettu", "Kartoitettiin", 1)},  # a touch-up only
    })
    status, out, err = run_cli("validate", new, "--previous", BUNDLED, "--format", "json")
    assert status == 0 and err == ""
    found = [f for f in json.loads(out)["findings"] if f["rule"] == "S101"]
    # 15.02.01 is at 5 (done: its text may stay); 03.06.03's grade moved: neither is stale.
    assert sorted(f["code"] for f in found) == ["03.07.01", "12.03.01"]
    first = next(f for f in found if f["code"] == "12.03.01")
    assert (first["severity"], first["row"], first["column"]) == ("info", rows["12.03.01"], "G")
    assert first["data"]["previous"] == BUNDLED.name and first["data"]["previous_row"] == rows["12.03.01"]
    assert first["message"] == (f"Etenemisaste (4) ja eteneminen ovat samat kuin edellisessä raportissa "
                                f"({BUNDLED.name}, rivi {rows['12.03.01']}): riviä ei ehkä ole päivitetty.")
    # compare calls the same rows "not updated" (and a goal's, which the rule leaves to compare)
    stale = {c.code for c in compare(BUNDLED, new).of_kind("not_updated") if c.level == "action"}
    assert stale == {"03.07.01", "12.03.01", "15.02.01"}
    # without --previous the rule does not run
    assert "S101" not in run_cli("validate", new, "--format", "json")[1]


def test_s101_against_a_text_export_of_the_previous_report_and_through_the_api(tmp_path: Path):
    report = validate(BUNDLED, previous=SEED_TXT)  # the same report as a text export: nothing updated
    actions = [i for i in load_report(BUNDLED).actions if i.progress]
    expected = sorted(i.display_code for i in actions if i.grade.value != 5)
    assert _codes(report.findings, "S101") == expected and len(expected) == 29
    assert not _codes(validate(BUNDLED).findings, "S101")
    english = validate(BUNDLED, Settings(language="en"), previous=load_report(SEED_TXT))
    assert next(f for f in english.findings if f.rule == "S101").message.startswith("The grade (3) and the progress")


def test_s101_not_applicable_both_times_is_not_stale(tmp_path: Path):
    old = next_period(tmp_path, edits={"03.06.01": {"F": NOT_APPLICABLE}}, name="old.xlsx", rewrite=False)
    new = next_period(tmp_path, keep=("03.06.01",), edits={"03.06.01": {"F": "N/A"}}, name="new.xlsx")
    assert not _codes(validate(new, previous=old).findings, "S101")


def _two_sheets(path: Path, sheets: dict[str, bool]) -> Path:
    """A workbook with the bundled report on each named sheet; True: narratives rewritten there."""
    source = openpyxl.load_workbook(BUNDLED)["Seuranta"]
    report = load_report(BUNDLED)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rewrite in sheets.items():
        ws = wb.create_sheet(name)
        for row in source.iter_rows():
            for cell in row:
                if cell.value is not None:
                    ws.cell(cell.row, cell.column, cell.value)
        if rewrite:
            for r in range(report.header_row + 1, report.last_row + 1):
                if ws[f"G{r}"].value:
                    ws[f"G{r}"] = f"Uusi tilanne {name} {r}."
    wb.save(path)
    return path


def test_s101_with_several_report_sheets_matches_sheets_by_name(tmp_path: Path, run_cli):
    old = _two_sheets(tmp_path / "old.xlsx", {"Sivistys": False, "Tekninen": False})
    new = _two_sheets(tmp_path / "new.xlsx", {"Tekninen": True, "Sivistys": False, "Uusi": True})
    status, out, _ = run_cli("validate", new, "--previous", old, "--format", "json")
    found = [f for f in json.loads(out)["findings"] if f["rule"] == "S101"]
    assert {f["sheet"] for f in found} == {"Sivistys"} and len(found) == 29  # in order by name, not position
    assert status == 0


def test_an_unusable_previous_report_is_one_line_naming_it(tmp_path: Path, run_cli):
    broken = tmp_path / "edellinen.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a workbook")
    for command in (("validate", BUNDLED), ("run", BUNDLED, "-o", tmp_path / "out.xlsx")):
        status, out, err = run_cli(*command, "--previous", broken)
        assert status == 2 and out == ""
        assert len(err.strip().splitlines()) == 1 and str(broken) in err
    assert not (tmp_path / "out.xlsx").exists()
    status, _, err = run_cli("validate", BUNDLED, "--previous", tmp_path / "puuttuu.xlsx")
    assert status == 2 and "puuttuu.xlsx" in err


def test_run_with_previous_lists_and_marks_s101(tmp_path: Path, run_cli):
    new = next_period(tmp_path, keep=("12.03.01",))
    out = tmp_path / "out.xlsx"
    status, text, err = run_cli("run", new, "-o", out, "--previous", BUNDLED)
    assert status == 0, err
    assert "S101" in text
    wb = openpyxl.load_workbook(out)
    listed = [[c.value for c in row] for row in wb["Tarkistus"].iter_rows()]
    assert any("S101" in row for row in listed)


# --- S102 / S103: the schedule -------------------------------------------------------------------

LINE = '[seuranta.schedule]\nstart = "2019-06"\nend = "2023-05"\ntarget = 5\n'


def _toml(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "seuranta.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_s102_interpolates_the_expected_grade_from_the_title_period(tmp_path: Path, run_cli):
    # 2019-06 … 2023-05, period 1 - 9 / 2021: 27 of 47 months, 1 + 4 * 27/47 = 3.30
    status, out, err = run_cli("validate", BUNDLED, "--config", _toml(tmp_path, LINE), "--format", "json")
    assert status == 0, err
    found = [f for f in json.loads(out)["findings"] if f["rule"] == "S102"]
    grades = {a.display_code: a.grade.value for a in load_report(BUNDLED).actions}
    assert sorted(f["code"] for f in found) == sorted(c for c, g in grades.items() if g < 3.3)
    assert len(found) == 28
    severity = {f["code"]: f["severity"] for f in found}
    assert severity["03.07.02"] == "warning" and severity["03.06.01"] == "info"  # 2 is 1.3 behind, 3 is 0.3
    one = next(f for f in found if f["code"] == "03.07.02")
    assert one["column"] == "F" and one["data"]["expected"] == 3.3 and one["data"]["period"] == "1 - 9 / 2021"
    assert one["message"] == "Etenemisaste 2 on jäljessä aikataulusta: kaudelle 1 - 9 / 2021 odotettu taso on 3,3."
    assert "S10" not in run_cli("validate", BUNDLED, "--format", "json")[1]  # no schedule: no S102/S103


def test_s102_explicit_periods_and_period_option(tmp_path: Path, run_cli):
    config = _toml(tmp_path, '[seuranta.schedule]\nperiods = { "1-9/2021" = 2.5, "1-4/2022" = 4 }\n')
    status, out, _ = run_cli("validate", BUNDLED, "--config", config, "--format", "json")
    found = [f for f in json.loads(out)["findings"] if f["rule"] == "S102"]
    assert len(found) == 11 and {f["severity"] for f in found} == {"info"}  # the 2s, half a grade behind
    status, out, _ = run_cli("validate", BUNDLED, "--config", config, "--period", "1-4/2022", "--format", "json")
    found = [f for f in json.loads(out)["findings"] if f["rule"] == "S102"]
    assert len(found) == 11 + 17 and {f["severity"] for f in found} == {"warning"}  # the 2s and 3s: a grade or more behind
    status, _, err = run_cli("validate", BUNDLED, "--config", config, "--period", "syksy")
    assert status == 2 and "syksy" in err and len(err.strip().splitlines()) == 1


def test_s102_leaves_not_applicable_out(tmp_path: Path):
    path = next_period(tmp_path, edits={"03.07.02": {"F": NOT_APPLICABLE}})
    settings = Settings(schedule={"periods": {"1-9/2021": 2.5}})
    assert "03.07.02" not in _codes(validate(path, settings).findings, "S102")
    assert len(_codes(validate(path, settings).findings, "S102")) == 10


def test_the_schedule_on_the_settings_sheet(tmp_path: Path, run_cli):
    wb = openpyxl.load_workbook(BUNDLED)
    ws = wb.create_sheet("Asetukset")
    for row in (("avain", "arvo"), ("schedule.start", "6/2019"), ("schedule.end", "2023-05"),
                ("schedule.target", "5"), ("schedule.periods.1-9/2021", "2,5")):
        ws.append(row)
    path = tmp_path / "asetukset.xlsx"
    wb.save(path)
    status, out, err = run_cli("validate", path, "--format", "json")
    assert status == 0, err
    found = [f for f in json.loads(out)["findings"] if f["rule"] == "S102"]
    assert len(found) == 11 and found[0]["data"]["expected"] == 2.5  # the period's own level wins
    ws["B4"] = "7"
    wb.save(path)
    status, out, err = run_cli("validate", path)
    assert status == 2 and out == "" and "Asetukset" in err and "schedule" in err and "target" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("schedule, key", [
    ('start = "2025-06"\nend = "2021-05"', "start: must be before end"),
    ('start = "kesäkuu"\nend = "2029-05"', "start: 'kesäkuu' is not a month"),
    ('start = "2025-06"', "give both"),
    ('periods = { "syksy" = 2 }', "periods: 'syksy' is not a reporting period"),
    ('periods = { "1-4/2026" = 6 }', "periods.1-4/2026: must be a grade 1-5"),
    ('start = 2025-06-01\nend = "2029-05"\ntarget = "viisi"', "target: 'viisi' is not a number"),
    ('start = "2025-06"\nend = "2029-05"\ntarget = 5\nsurprise = 1', "schedule.surprise"),
])
def test_an_invalid_schedule_is_one_line_naming_the_file(tmp_path: Path, run_cli, schedule, key):
    config = _toml(tmp_path, f"[seuranta.schedule]\n{schedule}\n")
    status, out, err = run_cli("validate", BUNDLED, "--config", config)
    assert status == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and str(config) in err and key in err


def test_s103_a_schedule_without_a_period(tmp_path: Path, run_cli):
    wb = openpyxl.load_workbook(BUNDLED)
    wb["Seuranta"]["A3"] = "Tavoitteiden ja toimenpiteiden seuranta"
    path = tmp_path / "ilman_kautta.xlsx"
    wb.save(path)
    assert load_report(path).period is None
    config = _toml(tmp_path, LINE)
    status, out, _ = run_cli("validate", path, "--config", config, "--format", "json")
    found = [f for f in json.loads(out)["findings"] if f["rule"].startswith("S10")]
    assert [(f["rule"], f["row"], f["severity"]) for f in found] == [("S103", None, "warning")]
    status, out, _ = run_cli("validate", path, "--config", config, "--period", "1-9/2021", "--format", "json")
    rules = {f["rule"] for f in json.loads(out)["findings"]}
    assert "S103" not in rules and "S102" in rules


@pytest.mark.parametrize("text, month", [
    ("1 - 9 / 2021", "2021-09"), ("1–8/2026", "2026-08"), ("9/2021", "2021-09"), ("2026-04", "2026-04"),
    ("1.1.-30.4.2026", "2026-04"), ("Tavoitteiden ja toimenpiteiden seuranta 1 - 12 / 2027", "2027-12"),
    ("2026", "2026-12"), ("syksy", None), (None, None),
])
def test_the_month_a_period_ends_in(text, month):
    from seuranta_xl.schedule import month_of, month_text

    found = month_of(text, year_alone=True)
    assert (None if found is None else month_text(found)) == month


def test_expected_grade_between_and_after_the_known_points():
    schedule = Settings(schedule={"start": "2025-06", "end": "2029-05", "periods": {"1-8/2027": 2}}).schedule
    assert schedule.expected("5/2025") is None  # before the term: nothing expected
    assert schedule.expected("6/2025") == 1.0 and schedule.expected("8/2027") == 2.0
    assert schedule.expected("1-12/2028") == pytest.approx(2 + 3 * 16 / 21)
    assert schedule.expected("1-12/2030") == 5.0
