"""Issue 3 configuration: seuranta.toml, the workbook's settings and lists sheets, errors with exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import seed_rows, write_rows_xlsx
from seuranta_xl import InputError, Settings, validate
from seuranta_xl.config import load_settings


def _json(run_cli, *args):
    status, out, err = run_cli("validate", *args, "--format", "json")
    assert err == "", err
    return status, json.loads(out)


def _pairs(payload, rule):
    return [(f["row"], f["severity"]) for f in payload["findings"] if f["rule"] == rule]


def _add_sheet(path: Path, name: str, rows: list[list]) -> Path:
    wb = load_workbook(path)
    ws = wb.create_sheet(name)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_severity_override_in_toml_beside_the_workbook(run_cli, seed_xlsx):
    status, before = _json(run_cli, seed_xlsx)
    assert status == 0 and {s for _, s in _pairs(before, "P101")} == {"warning"}
    (seed_xlsx.parent / "seuranta.toml").write_text('[seuranta]\nseverity = { P101 = "error" }\n', encoding="utf-8")
    status, after = _json(run_cli, seed_xlsx)
    assert status == 1  # error findings now
    assert {s for _, s in _pairs(after, "P101")} == {"error"}
    assert after["counts"]["errors"] == len(_pairs(before, "P101"))


def test_select_ignore_threshold_and_required_via_config(run_cli, seed_txt, tmp_path):
    config = tmp_path / "strict.toml"
    config.write_text('select = ["U", "R1"]\nignore = ["R103"]\nmismatch_threshold = 2.0\n'
                      '[required]\naction = ["grade"]\n', encoding="utf-8")
    _, payload = _json(run_cli, seed_txt, "--config", config)
    assert {f["rule"] for f in payload["findings"]} == {"U101", "U102", "R101"}
    assert [r for r, _ in _pairs(payload, "U101")] == [69]  # only 15.02 (3 vs 5) is 2.0 apart
    assert [r for r, _ in _pairs(payload, "R101")] == [41, 50]  # annual goals only: actions need just a grade


@pytest.mark.parametrize("text, words", [
    ("mismatch_threshold = 'paljon'\n", "mismatch_threshold"),
    ("severity = { P101 = 'fatal' }\n", "severity.P101"),
    ("severity = { Q999 = 'error' }\n", "Q999"),
    ("ignore = ['X']\n", "ignore"),
    ("unknown_key = 1\n", "unknown_key"),
    ("roles = []\n", "roles"),
    ("margin_rows = -1\n", "margin_rows: must be >= 0"),
    ("mismatch_threshold = 0\n", "mismatch_threshold: must be > 0"),
    ("[status_thresholds]\ngreen = 2\nyellow = 3\n", "status_thresholds.yellow: must not exceed green"),
    ("[status_thresholds]\ngreen = 6\n", "status_thresholds.green: must be >= 1 and <= 5"),
    ("[limits]\nmax_cells = 0\n", "limits.max_cells: must be > 0"),
    ("mismatch_threshold = \n", "TOML"),
    # found by the fuzzer (config:deep): tomllib recurses per level - "odottamaton virhe: RecursionError"
    ("roles = " + "[" * 5000 + "]" * 5000 + "\n", "TOML"),
    ("columns = " + "{ a = " * 3000 + "1" + " }" * 3000 + "\n", "TOML"),
])
def test_invalid_config_is_one_line_and_exit_2(run_cli, seed_txt, tmp_path, text, words):
    config = tmp_path / "bad.toml"
    config.write_text(text, encoding="utf-8")
    status, out, err = run_cli("validate", seed_txt, "--config", config)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and str(config) in err and words in err and "Traceback" not in err


def test_missing_config_file_is_exit_2(run_cli, seed_txt, tmp_path):
    status, _, err = run_cli("validate", seed_txt, "--config", tmp_path / "nope.toml")
    assert status == 2 and err.count("\n") == 1 and "nope.toml" in err


def test_settings_sheet_in_the_workbook(run_cli, seed_xlsx):
    (seed_xlsx.parent / "seuranta.toml").write_text("mismatch_threshold = 1.5\n", encoding="utf-8")
    _add_sheet(seed_xlsx, "Asetukset", [
        ["Asetus", "Arvo"],
        ["# rivit jotka alkavat #-merkillä ovat kommentteja", None],
        ["severity.R101", "error"],
        ["ignore", "P; T"],
        ["roles", "Talousjohtaja", "Hallintojohtaja", "Henkilöstöjohtaja"],
        [None, None],
    ])
    status, payload = _json(run_cli, seed_xlsx)
    assert status == 1
    assert {s for _, s in _pairs(payload, "R101")} == {"error"}
    assert not any(f["rule"].startswith(("P", "T")) for f in payload["findings"])
    # the toml's threshold (1.5) still applies: the sheet is layered over it, not instead of it
    assert [r for r, _ in _pairs(payload, "U101")] == [35, 69]
    settings = load_settings(seed_xlsx)
    assert settings.roles == ["Talousjohtaja", "Hallintojohtaja", "Henkilöstöjohtaja"]
    assert settings.ignore == ["P", "T"] and settings.mismatch_threshold == 1.5


@pytest.mark.parametrize("rows, words", [
    ([["mismatch_treshold", 2]], "mismatch_treshold"),
    ([["mismatch_threshold", "iso"]], "mismatch_threshold"),
    ([["severity.G101", "kamala"]], "severity.G101"),
    ([["language", None]], "language"),
])
def test_invalid_settings_sheet_is_exit_2(run_cli, seed_xlsx, rows, words):
    _add_sheet(seed_xlsx, "Settings", rows)
    status, out, err = run_cli("validate", seed_xlsx)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and str(seed_xlsx) in err and "Settings" in err and words in err


def test_roles_from_the_lists_sheet(seed_xlsx):
    _add_sheet(seed_xlsx, "Listat", [
        ["Etenemisaste", "Vastuuhenkilö"],
        ["1 Toteutuksessa ei ole edetty", "Talousjohtaja"],
        ["2 Suunnitteluvaiheessa", "Talusojohtaja"],
        [None, "Henkilöstöjohtaja"],
        [None, "Hallintojohtaja"],
    ])
    settings = load_settings(seed_xlsx)
    assert settings.roles == ["Talousjohtaja", "Talusojohtaja", "Henkilöstöjohtaja", "Hallintojohtaja"]
    flagged = {f.data["value"] for f in validate(seed_xlsx, settings).findings if f.rule == "P101"}
    assert flagged == {"Talusohtaja", "Taloustohtaja"}  # "Talusojohtaja" is on this workbook's list


@pytest.mark.parametrize("header", ["Vastuuhenkilöt", "Responsible roles"])
def test_lists_sheet_as_the_dropdowns_command_writes_it(seed_xlsx, header):
    # Hidden sheet "Listat": grades in A, roles in B, statuses in C (headers in fi or en).
    _add_sheet(seed_xlsx, "Listat", [["Etenemisasteet", header, "Tilanteet"],
                                     ["1 …", "Kunnanjohtaja", "Etenee"], ["2 …", "Talusohtaja", None]])
    assert load_settings(seed_xlsx).roles == ["Kunnanjohtaja", "Talusohtaja"]


def test_text_export_and_defaults(seed_txt):
    assert load_settings(seed_txt) == Settings()
    assert load_settings(seed_txt, language="en").language == "en"


def test_library_raises_input_error_for_bad_sheet(seed_xlsx):
    _add_sheet(seed_xlsx, "Asetukset", [["margin_rows", -5]])
    with pytest.raises(InputError) as info:
        load_settings(seed_xlsx)
    assert "margin_rows" in str(info.value) and info.value.exit_code == 2


def test_validate_text_output_grouped_by_row_with_counts(run_cli, seed_txt):
    status, out, err = run_cli("validate", seed_txt)
    assert status == 0 and err == ""
    lines = out.rstrip("\n").split("\n")
    infos = validate(seed_txt).counts()["infos"]
    # 48 warnings: the 48 (rule, row) pairs of test_rules_seed.EXPECTED
    assert lines[-1] == f"tarkistettu 67 riviä, 39 toimenpidettä: 0 virhettä, 48 varoitusta, {infos} huomautusta"
    block = out.split("\nrivi 27", 1)[1].split("\n\n", 1)[0]
    assert "H107" in block and "P101" in block and "H27" in block
    assert out.index("\nrivi 19") < out.index("\nrivi 27") < out.index("\nrivi 86")

    status, out, _ = run_cli("validate", seed_txt, "--lang", "en")
    assert out.rstrip("\n").split("\n")[-1] == f"checked 67 rows, 39 actions: 0 errors, 48 warnings, {infos} notes"
    assert "Responsible \"Talusohtaja\" is not on the list of roles → Talousjohtaja?" in out


def test_settings_sheet_rows_written_by_hand_in_a_copy_of_the_seed(tmp_path):
    """A workbook whose report sheet is not first and whose settings sheet is named in English."""
    path = write_rows_xlsx(seed_rows(), tmp_path / "report.xlsx", sheet="Seuranta 2021")
    _add_sheet(path, "settings", [["key", "value"], ["select", "C"], ["language", "en"]])
    report = validate(path, load_settings(path))
    assert {f.rule for f in report.findings} == {"C101", "C102"}
    assert report.findings[0].message.startswith("12.03.01 (action) is in column B")


def test_the_municipalitys_own_settings_sheet_is_left_alone(run_cli, seed_xlsx):
    """A sheet named Asetukset with the municipality's own parameters is theirs: not read, no error."""
    _add_sheet(seed_xlsx, "Asetukset", [["Kunta", "Esimerkkilä"], ["Asukasluku", 12000]])
    status, out, err = run_cli("validate", seed_xlsx, "--lang", "sv")
    assert status == 0 and err == ""


def test_a_typo_on_our_settings_sheet_is_named_in_the_users_language(run_cli, seed_xlsx):
    _add_sheet(seed_xlsx, "Asetukset", [["ignore", "T"], ["Kunta", "Esimerkkilä"]])
    status, out, err = run_cli("validate", seed_xlsx, "--lang", "sv")
    assert status == 2 and err.count("\n") == 1
    assert "[Asetukset]" in err and "rad 2: okänd inställning 'Kunta'" in err
