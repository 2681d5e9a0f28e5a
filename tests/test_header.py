"""Header rows as municipalities write them: suffixes, alternatives, synonyms, two rows, own titles."""

from __future__ import annotations

import pytest

from conftest import seed_rows, two_row_header_xlsx, write_rows_xlsx
from seuranta_xl.grid import Grid
from seuranta_xl.header import field_of, find_header


@pytest.mark.parametrize("title, field", [
    ("Etenemisaste (1-5)", "grade"),
    ("Etenemisaste\n(1–5)", "grade"),
    ("Eteneminen / tilannekuvaus", "progress"),
    ("Vastuuhenkilö / -taho", "responsible"),
    ("Vastuutaho", "responsible"),
    ("Riskit", "risks"),
    ("Tilanne", "status"),
    ("Toimenpiteet", "action"),
    ("Valtuustokauden\ntavoite", "council"),
    ("Framskridningsgrad", "grade"),
    ("Ansvarsperson", "responsible"),
])
def test_title_variants(title, field):
    assert field_of(title) == field


@pytest.mark.parametrize("title", ["Huomautuksia", "Vuosi 2026", "Muistiinpanot (oma)", ""])
def test_other_titles_are_no_field(title):
    assert field_of(title) is None


def _variant_rows() -> list[list[str]]:
    rows = [list(r) for r in seed_rows()]
    rows[12] = ["Valtuustokauden tavoite", "Vuositavoite", "Toimenpiteet", "Riskit", "Tilanne",
                "Etenemisaste (1-5)", "Eteneminen / tilannekuvaus", "Vastuuhenkilö / -taho"]
    return rows


def test_a_variant_header_reads_like_the_seed():
    report_rows = _variant_rows()
    found = find_header(Grid.from_values(report_rows, source="x", sheet="R"))
    assert found is not None and found[0] == 13
    assert set(found[1]) == {"council", "annual", "action", "risks", "status", "grade", "progress", "responsible"}


def test_a_header_over_two_rows_with_merged_group_titles(tmp_path, run_cli):
    import json

    path = two_row_header_xlsx(tmp_path / "two_rows.xlsx")
    code, out, _ = run_cli("validate", path, "--format", "json")
    payload = json.loads(out)
    assert code == 0 and payload["counts"]["actions"] == 39


def test_the_municipalitys_own_titles_from_settings(tmp_path, run_cli):
    import json

    rows = [list(r) for r in seed_rows()]
    rows[12][5] = "Arvio"  # not a title we know
    path = write_rows_xlsx(rows, tmp_path / "oma.xlsx", sheet="Raportti")
    code, _, err = run_cli("validate", path)
    assert code == 2 and err.count("\n") == 1
    assert "löytyivät sarakkeet" in err and "puuttuu Etenemisaste" in err
    (tmp_path / "seuranta.toml").write_text('[seuranta.columns]\ngrade = "Arvio"\n', encoding="utf-8")
    code, out, _ = run_cli("validate", path, "--format", "json")
    assert code == 0 and json.loads(out)["counts"]["actions"] == 39


def test_codes_kept_in_a_column_of_their_own(tmp_path, run_cli):
    import json

    rows = [["Nro", "Tavoite / toimenpide", "Etenemisaste", "Eteneminen", "Vastuuhenkilö"],
            ["1", "Uudistamme palvelut", "", "", "Kunnanjohtaja"],
            ["1.1", "Digitalisoimme asioinnin", "3", "Käynnissä", "Hallintojohtaja"],
            ["1.1.1", "Sähköinen ajanvaraus", "4", "Pilotissa", "Hallintojohtaja"],
            ["1.1.2", "Chat-palvelu", "2", "Suunnitteilla", "Hallintojohtaja"]]
    path = write_rows_xlsx(rows, tmp_path / "nro.xlsx", sheet="Raportti")
    code, out, err = run_cli("rollup", path, "--format", "json")
    assert code == 0, err
    goals = {g["code"]: g for g in json.loads(out)["goals"]}
    assert goals["01.01"]["computed"] == 3.0 and goals["01."]["actions"] == 2


def test_code_forms_municipalities_write():
    from seuranta_xl.codes import parse_code

    assert parse_code("04 Hiilineutraali kunta").code == "04"  # a council goal without its dot
    assert parse_code("03.06a Kehitämme").code == "03.06a"  # its own item, not 03.06
    assert parse_code("01.01.01.1 Alatoimenpide") is None  # a sub-action: never folded into 01.01.01
    assert parse_code("2021 alkaen") is None and parse_code("5 kpl") is None
