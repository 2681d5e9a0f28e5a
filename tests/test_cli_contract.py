"""Issue 2: the CLI contract that scripts rely on (JSON shapes and exit codes)."""

import json

from conftest import write_rows_xlsx
from seuranta_xl.header import TITLES

HEADER = [TITLES[f] for f in ("council", "annual", "action", "risks", "status", "grade", "progress", "responsible")]
CLEAN = [HEADER,
         ["01. Tavoite", "", "", "", "", "", "", ""],
         ["", "01.01 Vuositavoite", "", "Riski", "", "3", "Etenee", "Kunnanjohtaja"],
         ["", "", "01.01.01 Toimenpide", "Riski", "", "3", "Tehty osin", "Talousjohtaja"]]


def test_validate_json_contract(run_cli, seed_txt):
    code, out, err = run_cli("validate", seed_txt, "--format", "json")
    payload = json.loads(out)
    assert code == 0 and err == ""
    assert set(payload["counts"]) >= {"errors", "warnings", "infos", "actions", "rows"}
    assert payload["counts"]["actions"] == 39
    for finding in payload["findings"]:
        assert set(finding) >= {"rule", "severity", "sheet", "row", "column", "code", "message"}
        assert finding["severity"] in ("error", "warning", "info")
        assert finding["row"] is None or isinstance(finding["row"], int)
    assert code == (1 if payload["counts"]["errors"] else 0)


def test_rollup_json_contract(run_cli, seed_txt):
    code, out, _ = run_cli("rollup", seed_txt, "--format", "json")
    goals = {g["code"]: g for g in json.loads(out)["goals"]}
    assert code == 0 and len(goals) == 10 + 21
    assert (goals["03.06"]["level"], goals["03.06"]["computed"], goals["03.06"]["actions"], goals["03.06"]["reported"]) == \
        ("annual", 3.67, 3, 3)
    # one canonical form of a code everywhere: council goals as on the sheet, "03."
    assert (goals["03."]["level"], goals["03."]["computed"], goals["03."]["reported"]) == ("council", 3.75, None)
    assert goals["15."]["computed"] == 3.44 and goals["05.01"]["computed"] == 3.5
    assert {g["sheet"] for g in goals.values()} == {"seed_report"}


def test_exit_code_zero_on_clean_report(run_cli, tmp_path):
    path = write_rows_xlsx(CLEAN, tmp_path / "clean.xlsx")
    code, out, _ = run_cli("validate", path, "--format", "json")
    assert code == 0 and json.loads(out)["counts"]["errors"] == 0


def test_exit_code_one_on_error_findings(run_cli, tmp_path):
    rows = [r[:] for r in CLEAN]
    rows[3][5] = ""  # the action's grade is missing
    path = write_rows_xlsx(rows, tmp_path / "missing.xlsx")
    code, out, _ = run_cli("validate", path, "--format", "json")
    findings = json.loads(out)["findings"]
    assert code == 1
    assert any(f["severity"] == "error" and f["row"] == 4 and f["column"] == "F" and f["code"] == "01.01.01"
               for f in findings)


def test_exit_code_two_one_line_no_traceback(run_cli, tmp_path):
    notes = tmp_path / "muistio.txt"
    notes.write_text("Tämä ei ole raportti\nvaan muistio\n", encoding="utf-8")
    empty_dir = tmp_path / "tyhja"
    empty_dir.mkdir()
    # A folder is batch mode (see test_batch.py); an empty one is unusable input all the same.
    for path in (tmp_path / "puuttuu.xlsx", notes, empty_dir):
        code, out, err = run_cli("validate", path)
        assert code == 2 and (out == "" or path.is_dir())  # batch mode ends with a summary line
        assert len(err.strip().splitlines()) == 1 and str(path) in err and "Traceback" not in err


def test_text_output_finnish_by_default_english_on_request(run_cli, seed_txt):
    _, out_fi, _ = run_cli("validate", seed_txt)
    _, out_en, _ = run_cli("validate", seed_txt, "--lang", "en")
    assert "tarkistettu" in out_fi.splitlines()[-1] and "toimenpidettä" in out_fi
    assert out_en.splitlines()[-1].startswith("checked")
