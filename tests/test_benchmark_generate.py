"""The benchmark's report generator makes what it says: N actions in the seed's layout, with its faults."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from seuranta_xl import load_report
from seuranta_xl.settings import Settings

_SPEC = importlib.util.spec_from_file_location(
    "bench_generate", Path(__file__).parent.parent / "benchmarks" / "generate.py")
generate_mod = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = generate_mod  # dataclasses look their module up
_SPEC.loader.exec_module(generate_mod)


@pytest.fixture(scope="module")
def generated():
    return generate_mod.generate(600, seed=7, fault_rate=0.05)


@pytest.fixture(scope="module")
def report_xlsx(generated, tmp_path_factory):
    path = tmp_path_factory.mktemp("gen") / "gen.xlsx"
    generate_mod.write_xlsx(generated, path)
    return path, load_report(path)


@pytest.mark.parametrize("n", [1, 37, 600])
def test_exactly_n_actions_read_back(n, tmp_path):
    gen = generate_mod.generate(n, seed=n)
    report = load_report(generate_mod.write_xlsx(gen, tmp_path / "r.xlsx"))
    assert len(report.actions) == n
    assert len(report.annual_goals) == gen.annual_goals
    assert len(report.council_goals) == gen.council_goals


def test_seed_layout(report_xlsx):
    path, report = report_xlsx
    assert report.header_row == 13
    assert report.columns == dict(zip(
        ("council", "annual", "action", "risks", "status", "grade", "progress", "responsible"), "ABCDEFGH"))
    assert report.title == generate_mod.TITLE and report.period == "1 - 9 / 2021"
    sheet = load_workbook(path, read_only=True).active
    legend = [row[0] for row in sheet.iter_rows(min_row=7, max_row=11, max_col=1, values_only=True)]
    assert [text.lstrip("- ")[:2] for text in legend] == ["1=", "2=", "3=", "4=", "5="]


def test_text_lengths_like_the_seed(report_xlsx):
    _, report = report_xlsx
    names = [len(i.name) for i in report.actions]
    progress = [len(i.progress) for i in report.actions if i.progress]
    risks = [len(i.risks) for i in report.actions if i.risks]
    median = lambda xs: sorted(xs)[len(xs) // 2]  # noqa: E731
    assert 60 <= median(names) <= 150 and max(names) <= 215
    assert 50 <= median(risks) <= 300
    assert 200 <= median(progress) <= 800 and min(progress) >= 50 and max(progress) <= 1505
    assert any("ä" in i.progress for i in report.actions if i.progress)


def test_faults_are_where_the_generator_says(generated, report_xlsx):
    _, report = report_xlsx
    faults = generated.faults
    assert all(faults.counts().values()), faults.counts()
    by_row = {}
    for item in report.items:
        if item.owns_row:
            by_row[item.row] = item
    roles = set(Settings().roles)
    for row in faults.missing_grade:
        assert by_row[row].grade.status == "missing"
    for row in faults.invalid_grade:
        assert by_row[row].grade.status == "invalid"
    for row in faults.misspelled_role:
        assert by_row[row].responsible not in roles
    for row in faults.wrong_column:
        assert by_row[row].level == "action" and by_row[row].column == "B"
    uncoded = {r.row for r in report.uncoded_rows}
    assert set(faults.uncoded_row) <= uncoded
    for row in faults.grade_mismatch:
        goal = by_row[row]
        grades = [a.grade.value for a in report.actions_under(goal.code) if a.grade.value]
        assert abs(goal.grade.value - sum(grades) / len(grades)) >= 1.0
    # faults stay a few per cent of the actions
    assert sum(faults.counts().values()) < 0.25 * generated.actions
    # outside the faults, every action is graded, in column C and with a known role
    faulty = {r for rows in faults.__dict__.values() for r in rows}
    clean = [a for a in report.actions if a.row not in faulty]
    assert all(a.grade.status == "ok" and a.responsible in roles for a in clean)
    assert all(a.column == "C" for a in clean if a.row not in faults.wrong_column)


def test_deterministic_and_text_export_reads_the_same(tmp_path):
    one = generate_mod.write_txt(generate_mod.generate(120, seed=3), tmp_path / "a.txt")
    two = generate_mod.write_txt(generate_mod.generate(120, seed=3), tmp_path / "b.txt")
    other = generate_mod.write_txt(generate_mod.generate(120, seed=4), tmp_path / "c.txt")
    assert one.read_bytes() == two.read_bytes() != other.read_bytes()
    from_txt = load_report(one)
    from_xlsx = load_report(generate_mod.write_xlsx(generate_mod.generate(120, seed=3), tmp_path / "a.xlsx"))
    assert [(i.row, i.code, i.grade.value, i.grade.status) for i in from_txt.items] == \
        [(i.row, i.code, i.grade.value, i.grade.status) for i in from_xlsx.items]
