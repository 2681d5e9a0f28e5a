"""Text exports in every encoding and delimiter Excel and staff produce give the seed's exact report;
findings exported as CSV cannot run as formulas in Excel; JSON is valid UTF-8 whatever the locale.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED_TXT, seed_rows, write_rows_xlsx
from seuranta_xl.files.reader import decode_text, detect_delimiter, read_grids
from seuranta_xl.rollup import compute_rollup
from seuranta_xl.validate import load_report, validate


def fingerprint(report) -> dict:
    """Everything a report says about the data: items with their cells, counts and the rollup."""
    rollup = compute_rollup(report)
    return {
        "header_row": report.header_row,
        "columns": report.columns,
        "period": report.period,
        "counts": report.counts(),
        "items": [(i.level, i.code, i.row, i.column, i.name, i.grade.status, i.grade.value, i.grade.raw,
                   i.progress, i.responsible, i.risks, i.status, i.parent_found) for i in report.items],
        "uncoded": [(r.row, sorted(r.cells)) for r in report.uncoded_rows],
        "rollup": [(g.code, g.level, g.computed, g.actions, g.graded, g.reported, g.distribution)
                   for g in rollup.goals],
        "findings": [(f.rule, f.row, f.column, f.code) for f in validate(report).findings],
    }


def export_text(rows: list[list[str]], delimiter: str) -> str:
    """The rows as Excel writes a text export: CRLF line ends, fields quoted only when needed."""
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "cp1252": lambda text: text.encode("cp1252"),
    # Excel's "Unicode text" (Unicode-teksti): UTF-16 little-endian with a BOM
    "utf-16": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
}
DELIMITERS = {"tab": ("\t", ".txt"), "semicolon": (";", ".csv"), "comma": (",", ".csv")}


@pytest.fixture(scope="module")
def seed_print() -> dict:
    return fingerprint(load_report(SEED_TXT))


def test_seed_fingerprint_is_the_known_seed(seed_print):
    c = seed_print["counts"]
    assert (c["council_goals"], c["annual_goals"], c["actions"], c["uncoded_rows"]) == (10, 21, 39, 1)


@pytest.mark.parametrize("encoding", list(ENCODINGS))
@pytest.mark.parametrize("delimiter", list(DELIMITERS))
def test_reencoded_seed_gives_the_same_report(tmp_path, seed_print, encoding, delimiter):
    sep, suffix = DELIMITERS[delimiter]
    text = export_text(seed_rows(), sep)
    data = ENCODINGS[encoding](text)
    path = tmp_path / f"seed_{encoding}_{delimiter}{suffix}"
    path.write_bytes(data)
    decoded, detected = decode_text(data)
    assert detected == {"utf-8-bom": "utf-8-sig"}.get(encoding, encoding)
    assert detect_delimiter(decoded) == sep
    assert fingerprint(load_report(path)) == seed_print


def test_cp1252_text_keeps_finnish_letters(tmp_path):
    path = tmp_path / "ansi.txt"
    path.write_bytes(export_text(seed_rows(), "\t").encode("cp1252"))
    assert b"\xe4" in path.read_bytes()  # ä as one cp1252 byte, which is invalid UTF-8
    report = load_report(path)
    assert "Vastuuhenkilö" in "".join(str(v) for v in next(read_grids(path)).rows[12])
    assert any("ä" in i.name for i in report.items)


def test_quoted_line_break_is_one_row(tmp_path):
    """A cell with a line break is one cell of one row, as in Excel: row numbers count records, not lines.

    The same rows saved as .xlsx (where the cell holds the line break) give the same row numbers.
    """
    rows = seed_rows()
    base = load_report(SEED_TXT)
    action = base.find("03.06.01")
    progress_col = ord(base.columns["progress"]) - ord("A")
    rows[action.row - 1][progress_col] = "Ensimmäinen rivi;\nToinen rivi, jossa \"lainaus\"\nKolmas"
    text = export_text(rows, "\t")
    path = tmp_path / "rivinvaihto.txt"
    path.write_bytes(text.encode("utf-8"))
    assert text.count("\r\n") + text.count("\n") - text.count("\r\n") > len(rows)  # more lines than rows

    report = load_report(path)
    item = report.find("03.06.01")
    assert item.row == action.row
    assert item.progress == "Ensimmäinen rivi;\nToinen rivi, jossa \"lainaus\"\nKolmas"
    later = [(i.code, i.row) for i in report.items if i.row > action.row]
    assert later == [(i.code, i.row) for i in base.items if i.row > action.row]

    xlsx = write_rows_xlsx(rows, tmp_path / "rivinvaihto.xlsx")
    from_xlsx = load_report(xlsx)
    assert [(i.code, i.row) for i in from_xlsx.items] == [(i.code, i.row) for i in report.items]
    assert from_xlsx.find("03.06.01").progress == item.progress


def test_semicolon_csv_with_line_breaks_and_delimiters_inside(tmp_path):
    rows = seed_rows()
    base = load_report(SEED_TXT)
    action = base.find("05.01.01") or base.actions[0]
    risks_col = ord(base.columns["risks"]) - ord("A")
    rows[action.row - 1][risks_col] = "Riski; toinen\r\nja kolmas"
    path = tmp_path / "puolipiste.csv"
    path.write_bytes(codecs.BOM_UTF8 + export_text(rows, ";").encode("utf-8"))
    report = load_report(path)
    assert report.find(action.code).risks == "Riski; toinen\r\nja kolmas"
    assert [(i.code, i.row) for i in report.items] == [(i.code, i.row) for i in base.items]


# --- exports: CSV safe for Excel, JSON valid UTF-8 ------------------------------------------------


def test_csv_export_escapes_formula_like_values(tmp_path, run_cli):
    """A findings CSV opened in Excel must not run anything: fields that start like a formula get a '."""
    path = tmp_path / "=HYPERLINK(1+2).txt"  # the sheet name of a text export is the file's stem
    rows = seed_rows()
    path.write_bytes(export_text(rows, "\t").encode("utf-8"))
    code, out, err = run_cli("validate", path, "--format", "csv")
    assert code == 0 and err == ""
    records = list(csv.DictReader(io.StringIO(out)))
    assert records, "the seed has findings"
    assert {r["sheet"] for r in records} == {"'=HYPERLINK(1+2)"}
    for record in records:
        for value in record.values():
            assert value[:1] not in ("=", "+", "@", "\t", "\r") or value == "", record


def test_csv_safe_on_findings(seed_txt):
    from seuranta_xl.cli import output
    from seuranta_xl.model import Finding

    report = validate(seed_txt)
    hostile = Finding(rule="=CMD()", severity="error", sheet="@SUM(A1)", row=3, column="F",
                      code="+01.05", message="=HYPERLINK(\"http://x\")")
    text = output.findings_csv(report.model_copy(update={"findings": [hostile]}))
    record = next(csv.DictReader(io.StringIO(text)))
    assert record == {"rule": "'=CMD()", "severity": "error", "sheet": "'@SUM(A1)", "row": "3", "column": "F",
                      "code": "'+01.05", "message": "'=HYPERLINK(\"http://x\")"}
    assert output.csv_safe(-3) == -3 and output.csv_safe("Toteutus") == "Toteutus"


def test_json_is_utf8_whatever_the_locale(tmp_path):
    """Bytes on stdout decode as strict UTF-8 even under an ASCII locale; non-ASCII is kept, not escaped."""
    env = dict(os.environ, LC_ALL="C", LANG="C", PYTHONIOENCODING="ascii")
    exe = Path(sys.executable).with_name("seuranta-xl")
    done = subprocess.run([str(exe), "validate", str(SEED_TXT), "--format", "json"], capture_output=True, env=env)
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout.decode("utf-8"))
    assert "ä" in done.stdout.decode("utf-8")
    assert payload["findings"] and all({"rule", "severity", "row", "message"} <= set(f) for f in payload["findings"])
    assert any(any(ch in f["message"] for ch in "äöÄÖ") for f in payload["findings"])


# --- import: a text export that cannot be a worksheet -----------------------------------------------


def test_import_of_a_line_wider_than_a_sheet_is_one_line(tmp_path, run_cli):
    """Found by the fuzzer (text:wide): a line of 50,000 tabs took 23 s and ended in "odottamaton
    virhe" (openpyxl's TypeError on a column beyond XFD). Now one line naming the line, at once."""
    path = tmp_path / "leveä.txt"
    rows = len(SEED_TXT.read_bytes().rstrip(b"\n").split(b"\n"))
    path.write_bytes(SEED_TXT.read_bytes().rstrip(b"\n") + b"\n" + b"\t" * 50_000 + b"x\n")
    code, out, err = run_cli("import", path, "-o", tmp_path / "out.xlsx", "--lang", "en")
    assert code == 2 and out == ""
    assert err.splitlines() == [f"seuranta-xl: {path}: line {rows + 1} has 50001 columns; "
                                "an Excel sheet holds 16384"]
    assert not (tmp_path / "out.xlsx").exists()


def test_import_of_a_wide_line_within_a_sheet_makes_no_empty_cells(tmp_path, run_cli):
    """A line reaching column 16,001 (within XFD) used to make every cell up to it on every data
    row (1.1 million cells; 10-20 s, over the fuzzer's limit): now only the cells that hold a value."""
    import openpyxl

    from seuranta_xl.write.template import import_text

    path = tmp_path / "leveä.txt"
    rows = len(SEED_TXT.read_bytes().rstrip(b"\n").split(b"\n"))
    path.write_bytes(SEED_TXT.read_bytes().rstrip(b"\n") + b"\n" + b"\t" * 16_000 + b"x\n")
    wb = import_text(path)
    assert len(wb[wb.sheetnames[0]]._cells) < 2_000  # openpyxl's cell store: the values, not the grid
    code, _out, err = run_cli("import", path, "-o", tmp_path / "out.xlsx")
    assert code == 0 and err == ""
    assert openpyxl.load_workbook(tmp_path / "out.xlsx").active.cell(rows + 1, 16_001).value == "x"
