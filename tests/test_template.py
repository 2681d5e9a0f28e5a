"""The blank report (`new`), text exports as workbooks (`import`) and the bundled workbooks."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from conftest import SEED_TXT, seed_rows
from seuranta_xl.grades import DEFAULT_SCALE
from seuranta_xl.header import FIELDS, TITLES
from seuranta_xl.rollup import compute_rollup
from seuranta_xl.settings import Settings
from seuranta_xl.validate import load_report, validate

ROOT = Path(__file__).resolve().parent.parent


def _validations(ws) -> dict[str, tuple[str, str]]:
    return {str(dv.sqref): (dv.formula1, dv.errorStyle) for dv in ws.data_validations.dataValidation}


def _cf_ranges(ws) -> list[str]:
    return sorted(str(cf.sqref) for cf in ws.conditional_formatting)


# --- new ---------------------------------------------------------------------------------------


def test_new_has_the_familiar_layout(run_cli, tmp_path: Path):
    out = tmp_path / "uusi.xlsx"
    code, stdout, stderr = run_cli("new", out, "--period", "1 - 9 / 2026")
    assert (code, stderr) == (0, "")
    assert str(out) in stdout

    wb = openpyxl.load_workbook(out)
    ws = wb["Seuranta"]
    assert wb.active.title == "Seuranta"
    assert ws["A3"].value == "Tavoitteiden ja toimenpiteiden seuranta 1 - 9 / 2026"
    assert ws["A3"].font.b
    assert "asteikolla" in ws["A5"].value
    assert [ws[f"A{r}"].value for r in range(7, 12)] == [f"{n} = {DEFAULT_SCALE[n]}" for n in range(1, 6)]
    assert [ws.cell(13, c).value for c in range(1, 9)] == [TITLES[f] for f in FIELDS]
    assert all(ws.cell(13, c).font.b for c in range(1, 9))
    assert ws.freeze_panes == "A14"
    assert ws.column_dimensions["G"].width > ws.column_dimensions["E"].width
    assert ws.column_dimensions["C"].alignment.wrap_text
    # nothing typed below the header yet
    assert ws.max_row == 13


def test_new_has_lists_dropdowns_and_live_highlighting(tmp_path: Path, run_cli):
    out = tmp_path / "uusi.xlsx"
    assert run_cli("new", out)[0] == 0
    wb = openpyxl.load_workbook(out)
    ws = wb["Seuranta"]
    assert ws["A3"].value == "Tavoitteiden ja toimenpiteiden seuranta"
    margin = Settings().margin_rows
    assert _validations(ws) == {f"F14:F{14 + margin}": ("Etenemisaste", "stop"),
                                f"H14:H{14 + margin}": ("Vastuuhenkilot", "warning")}
    lists = wb["Listat"]
    assert lists.sheet_state == "hidden"
    assert [lists.cell(r, 1).value for r in range(2, 8)] == [f"{n} {DEFAULT_SCALE[n]}" for n in range(1, 6)] + [
        "ei sovellu / ei arvioitavissa"]  # the grade list's last choice: not applicable
    assert wb.defined_names["Etenemisaste"].attr_text == "Listat!$A$2:$A$7"
    assert {"Vastuuhenkilot", "Tilanne"} <= set(wb.defined_names)
    # required fields of annual goals and actions: grade F, progress G, responsible H
    assert _cf_ranges(ws) == [f"F14:H{14 + margin}"]
    assert "Tarkistus" not in wb.sheetnames  # no findings sheet in a blank report


def test_new_uses_configured_roles_and_margin(tmp_path: Path, run_cli):
    config = tmp_path / "seuranta.toml"
    config.write_text('roles = ["Rehtori", "Tekninen johtaja"]\nmargin_rows = 50\n', encoding="utf-8")
    out = tmp_path / "uusi.xlsx"
    assert run_cli("new", out, "--config", config)[0] == 0
    wb = openpyxl.load_workbook(out)
    assert [wb["Listat"].cell(r, 2).value for r in (2, 3, 4)] == ["Rehtori", "Tekninen johtaja", None]
    assert "F14:F64" in _validations(wb["Seuranta"])


def test_new_refuses_existing_output(tmp_path: Path, run_cli):
    out = tmp_path / "uusi.xlsx"
    out.write_bytes(b"staffin oma tiedosto")
    code, stdout, stderr = run_cli("new", out)
    assert code == 2 and stdout == ""
    assert stderr.count("\n") == 1 and str(out) in stderr and "--force" in stderr
    assert out.read_bytes() == b"staffin oma tiedosto"
    assert run_cli("new", out, "--force")[0] == 0
    assert openpyxl.load_workbook(out)["Seuranta"]["A13"].value == TITLES["council"]


def test_new_then_filled_in_reads_as_a_report(tmp_path: Path, run_cli):
    """Staff type rows under the header: the validator finds the header, columns, title and period."""
    out = tmp_path / "uusi.xlsx"
    run_cli("new", out, "--period", "1 - 4 / 2026")
    wb = openpyxl.load_workbook(out)
    ws = wb["Seuranta"]
    ws["A14"] = "01. Uudistamme kuntaa"
    ws["B15"] = "01.05 Vahvistamme työllisyyttä"
    ws["C16"], ws["F16"], ws["G16"], ws["H16"] = "01.05.01 Harmonisoimme", "3 Toteutus on aloitettu, ei vielä valmis", "Etenee", "Kunnanjohtaja"
    filled = tmp_path / "taytetty.xlsx"
    wb.save(filled)
    report = load_report(filled)
    assert report.header_row == 13 and report.period == "1 - 4 / 2026"
    assert report.columns == {f: "ABCDEFGH"[i] for i, f in enumerate(FIELDS)}
    assert [i.code for i in report.items] == ["01", "01.05", "01.05.01"]
    assert report.find("01.05.01").grade.value == 3


@pytest.mark.parametrize("lang", ["fi", "en", "sv"])
def test_new_legend_explains_the_not_applicable_value(tmp_path: Path, run_cli, lang):
    """Row 12, under grades 1-5: the grade list's last entry as the dropdown shows it, explained in
    the run's language; the header stays on row 13 and an action so marked reads as not applicable."""
    from seuranta_xl.grades import NOT_APPLICABLE
    from seuranta_xl.messages import t

    out = tmp_path / f"uusi_{lang}.xlsx"
    code, _out, _err = run_cli("new", out, "--lang", lang)
    assert code == 0
    wb = openpyxl.load_workbook(out)
    ws = wb["Seuranta"]
    assert ws["A12"].value == f"{NOT_APPLICABLE} = {t('template.legend.not_applicable', lang)}"
    assert NOT_APPLICABLE in [row[0] for row in wb["Listat"].iter_rows(min_row=2, max_col=1, values_only=True)]
    ws["A14"], ws["B15"] = "01. Uudistamme kuntaa", "01.05 Vahvistamme työllisyyttä"
    ws["C16"], ws["F16"], ws["G16"], ws["H16"] = "01.05.01 Harmonisoimme", NOT_APPLICABLE, "Siirtyy", "Kunnanjohtaja"
    ws["C17"], ws["F17"], ws["G17"], ws["H17"] = "01.05.02 Kokeilemme", "4 Toteutus on edennyt hyvin", "Etenee", "Kunnanjohtaja"
    filled = tmp_path / "taytetty.xlsx"
    wb.save(filled)
    report = load_report(filled)
    assert report.header_row == 13 and report.find("01.05.01").grade.status == "na"
    goal = compute_rollup(report).get("01.05")
    assert (goal.computed, goal.graded, goal.not_applicable) == (4.0, 1, 1)


# --- import ------------------------------------------------------------------------------------


@pytest.fixture
def imported(tmp_path: Path, run_cli) -> Path:
    out = tmp_path / "seed.xlsx"
    code, _out, err = run_cli("import", SEED_TXT, "-o", out)
    assert (code, err) == (0, "")
    return out


def _items(report):
    return [i.model_dump(exclude={"source", "sheet"}) for i in report.items]


def test_import_gives_the_same_report(imported: Path):
    text, book = load_report(SEED_TXT), load_report(imported)
    assert book.sheet == "Seuranta"
    assert (book.header_row, book.title, book.period, book.columns, book.last_row) == \
           (text.header_row, text.title, text.period, text.columns, text.last_row)
    assert book.rows == text.rows
    assert _items(book) == _items(text)
    assert len(book.actions) == len(text.actions) > 30
    assert [(i.code, i.grade.raw, i.grade.value) for i in book.items] == \
           [(i.code, i.grade.raw, i.grade.value) for i in text.items]
    assert compute_rollup(book).model_dump() == compute_rollup(text).model_dump()
    assert compute_rollup(book).get("03.06").computed == pytest.approx(3.67, abs=0.01)


def test_import_findings_point_at_the_same_cells(imported: Path):
    key = lambda r: sorted((f.rule, f.row, f.column, f.code, f.severity) for f in r.findings)  # noqa: E731
    text, book = validate(SEED_TXT, Settings()), validate(imported, Settings())
    assert text.findings and key(book) == key(text)


def test_import_keeps_every_value_where_and_as_it_was(imported: Path):
    ws = openpyxl.load_workbook(imported)["Seuranta"]
    rows = seed_rows()
    for r, cells in enumerate(rows, start=1):
        for c, value in enumerate(cells, start=1):
            cell = ws.cell(r, c)
            if value == "":
                assert cell.value is None, cell.coordinate
            else:
                assert cell.value == value and cell.data_type == "s", cell.coordinate


def test_import_never_cleans_or_evaluates(tmp_path: Path, run_cli):
    header = "\t".join(TITLES[f] for f in FIELDS)
    lines = [""] * 12 + [header,
                         "01. Tavoite\t\t\t\t\t\t\t",
                         "\t01.01 Vuositavoite\t\t\t\t3\t =omaa tekstiä\tKunnanjohtaja",
                         "\t\t01.01.01 Toimenpide\t=SUM(A1:A3)\t\t0004\t0,5\t+358 40 123"]
    src = tmp_path / "vienti.txt"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "vienti.xlsx"
    assert run_cli("import", src, "-o", out)[0] == 0
    ws = openpyxl.load_workbook(out)["Seuranta"]
    for ref, value in {"F15": "3", "G15": " =omaa tekstiä", "D16": "=SUM(A1:A3)", "F16": "0004",
                       "G16": "0,5", "H16": "+358 40 123"}.items():
        assert (ws[ref].value, ws[ref].data_type) == (value, "s"), ref
    assert load_report(out).find("01.01").grade.raw == load_report(src).find("01.01").grade.raw == "3"


@pytest.mark.parametrize("encoding,delimiter", [("utf-16", "\t"), ("cp1252", ";")])
def test_import_other_encodings_and_delimiters(tmp_path: Path, run_cli, encoding: str, delimiter: str):
    src = tmp_path / "vienti.txt"
    src.write_bytes(SEED_TXT.read_text(encoding="utf-8").replace("\t", delimiter).encode(encoding, "replace"))
    out = tmp_path / "vienti.xlsx"
    assert run_cli("import", src, "-o", out)[0] == 0
    assert _items(load_report(out)) == _items(load_report(src))


def test_import_refusals(tmp_path: Path, run_cli, imported: Path):
    code, _out, err = run_cli("import", imported, "-o", tmp_path / "x.xlsx")  # already a workbook
    assert code == 2 and str(imported) in err and err.count("\n") == 1
    code, _out, err = run_cli("import", SEED_TXT, "-o", imported)  # exists
    assert code == 2 and "--force" in err
    code, _out, err = run_cli("import", tmp_path / "puuttuu.txt", "-o", tmp_path / "y.xlsx")
    assert code == 2 and "puuttuu.txt" in err
    assert not (tmp_path / "x.xlsx").exists() and not (tmp_path / "y.xlsx").exists()


def test_imported_workbook_is_recognised_by_the_write_commands(imported: Path, tmp_path: Path, run_cli):
    """dropdowns on an imported (or new) workbook replaces ours instead of adding a second set."""
    before = openpyxl.load_workbook(imported)
    again = tmp_path / "again.xlsx"
    code, _out, err = run_cli("dropdowns", imported, "-o", again)
    assert code == 0, err
    after = openpyxl.load_workbook(again)
    assert _validations(after["Seuranta"]) == _validations(before["Seuranta"])
    assert after.sheetnames == before.sheetnames
    assert set(after.defined_names) == set(before.defined_names)


# --- the bundled workbooks ---------------------------------------------------------------------


def test_bundled_workbooks_are_exactly_what_the_build_makes(tmp_path: Path):
    """Rebuilding gives the committed bytes, so the files under workbook/ are never edited by hand."""
    from seuranta_xl.cli.template import (ADDIN_PATH, ADDIN_SOURCES, EXAMPLE_PATH, SEED_PATH, TEMPLATE_PATH,
                                           build_examples)

    (tmp_path / SEED_PATH).parent.mkdir(parents=True)
    shutil.copy(ROOT / SEED_PATH, tmp_path / SEED_PATH)
    shutil.copytree(ROOT / ADDIN_SOURCES, tmp_path / ADDIN_SOURCES)
    built = build_examples(tmp_path)
    assert built == [tmp_path / TEMPLATE_PATH, tmp_path / EXAMPLE_PATH, tmp_path / ADDIN_PATH]
    for rel in (TEMPLATE_PATH, EXAMPLE_PATH, ADDIN_PATH):
        assert (tmp_path / rel).read_bytes() == (ROOT / rel).read_bytes(), f"{rel}: run seuranta-xl build-examples"


def test_bundled_example_is_the_seed(run_cli):
    example = ROOT / "workbook/examples/seuranta_1-9_2021.xlsx"
    assert _items(load_report(example)) == _items(load_report(SEED_TXT))
    code, out, err = run_cli("validate", example)
    text_code, text_out, _err = run_cli("validate", SEED_TXT)
    assert code == text_code and err == ""
    assert out.strip().splitlines()[-1] == text_out.strip().splitlines()[-1]  # the same counts


def test_new_refuses_a_period_no_run_could_read(tmp_path: Path, run_cli):
    """The title's period is what S102 and later runs read: ``--period`` is checked as everywhere else."""
    out = tmp_path / "uusi.xlsx"
    code, stdout, stderr = run_cli("new", out, "--period", "syksy")
    assert code == 2 and stdout == "" and len(stderr.splitlines()) == 1
    assert str(out) in stderr and '"syksy"' in stderr
    assert not out.exists()
