"""What reaches a terminal, and where the helper column may go (issue 13, item 7)."""

from __future__ import annotations

import zipfile

import openpyxl

from conftest import seed_rows, write_rows_xlsx


def test_escape_sequences_in_cells_are_shown_not_obeyed(tmp_path, run_cli):
    rows = seed_rows()
    action_row = next(i for i, r in enumerate(rows) if len(r) > 7 and r[2].startswith("01.05.01"))
    rows[action_row][7] = "\x1b[2J\x1b[HKAIKKI OK\x07x\u202e"  # clear screen, home, bell, reorder
    path = tmp_path / "esc.txt"  # a text export carries any character as typed
    path.write_text("\n".join("\t".join(r) for r in rows), encoding="utf-8")
    code, out, err = run_cli("validate", path)
    assert code == 0, err
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "\\x1b[2J\\x1b[HKAIKKI OK\\x07x\\u202e" in out
    code, out, _err = run_cli("rollup", path)
    assert "\x1b" not in out


def test_a_newline_in_a_file_name_stays_on_one_stderr_line(tmp_path, run_cli):
    path = tmp_path / "rivi\nkaksi.xlsx"
    path.write_bytes(b"not a zip")
    code, out, err = run_cli("validate", path)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and "rivi\\nkaksi.xlsx" in err


def test_a_value_in_the_last_column_never_puts_the_helper_column_beyond_it(tmp_path, run_cli):
    src = write_rows_xlsx(seed_rows(), tmp_path / "xfd.xlsx")
    wb = openpyxl.load_workbook(src)
    wb["Seuranta"]["XFD20"] = "reunalla"
    wb.save(src)
    out = tmp_path / "out.xlsx"
    code, _out, err = run_cli("run", src, "-o", out)
    assert code == 0, err
    with zipfile.ZipFile(out) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    assert b"XFE" not in sheet
    ws = openpyxl.load_workbook(out)["Seuranta"]
    assert ws.max_column == 16384 and ws["XFD20"].value == "reunalla"
    assert "Tarkistus" in openpyxl.load_workbook(out).sheetnames  # the findings are still listed
