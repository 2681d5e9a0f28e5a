"""The reporting-cycle buttons on a workbook handed over by xlwings' remote engine."""

from __future__ import annotations

import openpyxl

from conftest import write_rows_xlsx
from conftest_remote import actions, kinds, remote, remote_book, seed_rows




@remote
def test_compare_with_the_previous_report_writes_muutokset(tmp_path):
    import seuranta_xl.excel.ribbon as ribbon

    previous = write_rows_xlsx(seed_rows(), tmp_path / "edellinen.xlsx", sheet="Raportti")
    rows = seed_rows()
    row = next(i for i, r in enumerate(rows) if len(r) > 5 and r[2].startswith("03.06.01"))
    rows[row][5] = "5 Valmis, käytössä"
    outcome = ribbon.compare_previous(remote_book(rows), previous=str(previous))
    assert outcome.ok and "edennyt" in outcome.message and "Muutokset" in outcome.message
    book = outcome.result.plan  # the plan the live book got
    assert [a.name for a in book.actions if a.kind == "replace_sheet"] == ["Muutokset"]
    assert outcome.result.summary.data.summary["actions"]["improved"] == 1


@remote
def test_merge_answers_writes_the_answers_into_the_open_report(tmp_path):
    import seuranta_xl.excel.ribbon as ribbon
    from seuranta_xl.splitting import split

    master = write_rows_xlsx(seed_rows(), tmp_path / "master.xlsx", sheet="Raportti")
    folder = tmp_path / "jako"
    result = split(master, folder)
    person = next(f for f in result.files if f.person == "Talousjohtaja")
    wb = openpyxl.load_workbook(person.path)
    ws = wb["Raportti"]
    cell = next(c for row in ws.iter_rows() for c in row
                if isinstance(c.value, str) and c.value.startswith("03.06.01"))
    ws.cell(cell.row, 7).value = "Päivitetty eteneminen"
    wb.save(person.path)

    book = remote_book(seed_rows())
    outcome = ribbon.merge_answers(book, folder=str(folder))
    assert outcome.ok, outcome.message
    merged = outcome.result.summary.data.merged
    master_row = next(i for i, r in enumerate(seed_rows(), start=1) if len(r) > 2 and r[2].startswith("03.06.01"))
    assert cell.row != master_row  # the person's file has fewer rows: merged by code, not position
    assert [(a.cell, a.new) for a in merged] == [(f"G{master_row}", "Päivitetty eteneminen")]
    assert kinds(book)["setValues"] == 1


@remote
def test_split_needs_a_saved_report():
    import seuranta_xl.excel.ribbon as ribbon

    book = remote_book(seed_rows())
    outcome = ribbon.split_for_people(book, folder="/tmp/ei-kaytossa")
    assert not outcome.ok and "tallenna raportti ensin" in outcome.message
    assert [a["func"] for a in actions(book)] == ["alert"]
