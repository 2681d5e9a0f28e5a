"""The write commands through the CLI edit the workbook package instead of re-creating it."""

from __future__ import annotations

from pathlib import Path

import pytest

from package_support import changed_members, raw_records, rich_workbook

EXAMPLE = Path(__file__).resolve().parents[1] / "workbook" / "examples" / "seuranta_1-9_2021.xlsx"


@pytest.fixture()
def rich(tmp_path) -> tuple[Path, dict]:
    return rich_workbook(EXAMPLE, tmp_path / "rich.xlsx")


def test_run_keeps_every_part_it_does_not_change_and_needs_no_force(rich, tmp_path, run_cli):
    src, facts = rich
    out = tmp_path / "out.xlsx"
    code, _, err = run_cli("run", src, "-o", out)
    assert code == 0 and err == ""  # no refusal, no --force: nothing is lost
    changed = changed_members(src, out)
    before, after = raw_records(src), raw_records(out)
    untouched = set(before) - changed
    assert {name for name in untouched if before[name] != after[name]} == set()
    # the picture, the person's chart, the comment, the label and the spill's metadata: byte for byte
    for kept in ("xl/media/", "xl/charts/", "xl/comments", "docMetadata/LabelInfo.xml", "xl/metadata.xml"):
        theirs = [name for name in before if name.startswith(kept)]
        assert theirs and all(after[name] == before[name] for name in theirs), kept


def test_a_persons_formula_and_its_saved_result_survive_two_runs_in_place(rich, run_cli):
    src, facts = rich
    import openpyxl

    cell = facts["formula_cell"]
    sheet = facts["sheet"]
    for _ in range(2):
        assert run_cli("run", src, "--in-place")[0] == 0
    ws = openpyxl.load_workbook(src)[sheet]
    assert ws[cell].value == "=3+0.5"
    values = openpyxl.load_workbook(src, data_only=True)[sheet]
    assert values[cell].value == 3.5  # the saved result is still there for every other reader
    assert run_cli("clear", src, "--in-place", "--all")[0] == 0
    assert openpyxl.load_workbook(src)[sheet][cell].value == "=3+0.5"
    assert openpyxl.load_workbook(src, data_only=True)[sheet][cell].value == 3.5
