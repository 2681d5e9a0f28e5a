"""Issue 3 acceptance on the seed report: each rule family finds the seed's problem rows, clean rows stay clean.

The expected (rule, row) pairs below were checked one by one against tests/data/seed_report.txt
(line N = sheet row N); see the comments for what each row holds.
"""

from __future__ import annotations

import pytest

from seuranta_xl import validate

EXPECTED = {
    # Council goal 03 (row 19): actions 5,3,3,5,3,2,4,5 mean 3.75 hide 03.07.02 at 2;
    # 05.01 (row 35): actions 2 and 5, mean 3.5.
    ("U102", 19), ("U102", 35),
    # Misspelled Talousjohtaja: "Taloustohtaja" row 19, "Talusohtaja" rows 23, 24, 27, 28,
    # "Talusojohtaja" rows 35-39, 76-78, 81-86.
    *(("P101", r) for r in (19, 23, 24, 27, 28, 35, 36, 37, 38, 39, 76, 77, 78, 81, 82, 83, 84, 85, 86)),
    # The three variants reported together, each on its first row.
    ("P102", 19), ("P102", 23), ("P102", 35),
    # The nine goals whose own grade is 1.0 or more from their actions' mean.
    *(("U101", r) for r in (20, 31, 35, 53, 59, 63, 69, 73, 82)),
    # Row 27: risks, progress and responsible but no code.
    ("H107", 27),
    # Empty Eteneminen: 07.05 (41), 07.05.02 (43), 07.05.06 (48), 10.01 (50).
    ("R101", 41), ("R101", 43), ("R101", 48), ("R101", 50),
    # Action codes in column B (60-62), annual goal 15.01 in column A (64), 30.08 in column C (79).
    ("C101", 60), ("C101", 61), ("C101", 62), ("C101", 64), ("C101", 79),
    # Risk text shifted into Toimenpide (C) on rows 60-64.
    ("C102", 60), ("C102", 61), ("C102", 62), ("C102", 63), ("C102", 64),
}

NINE_MISMATCHES = {  # code: (reported, computed mean, worst)
    "03.05": (4, 5.0, 5), "03.09": (4, 5.0, 5), "05.01": (5, 3.5, 2), "12.01": (2, 3.0, 3),
    "12.03": (5, 4.0, 3), "15": (2, 3.44, 2), "15.02": (3, 5.0, 5), "15.03": (1, 2.0, 2),
    "32.02": (3, 2.0, 2),
}


@pytest.fixture(params=["txt", "xlsx"])
def seed_findings(request, seed_txt, seed_xlsx):
    return validate(seed_txt if request.param == "txt" else seed_xlsx).findings


def test_errors_and_warnings_are_exactly_the_known_problems(seed_findings):
    got = {(f.rule, f.row) for f in seed_findings if f.severity in ("error", "warning")}
    assert got == EXPECTED


def test_clean_rows_stay_clean(seed_findings):
    for row in (15, 16, 42):
        assert [f.rule for f in seed_findings if f.row == row and f.severity != "info"] == [], row


def test_the_nine_rollup_mismatches(seed_findings):
    found = {f.data and (f.code.rstrip(".") if f.code.count(".") == 1 and f.code.endswith(".") else f.code):
             (f.data["reported"], f.data["computed"], f.data["worst"]) for f in seed_findings if f.rule == "U101"}
    assert found == {k: (r, round(c, 2), w) for k, (r, c, w) in NINE_MISMATCHES.items()}
    f = next(f for f in seed_findings if f.rule == "U101" and f.code == "15.02")
    assert (f.cell, f.data["grades"]) == ("F69", "5, 5, 5")
    assert "oma etenemisaste 3" in f.message and "keskiarvo 5" in f.message and "heikoin 5" in f.message


def test_seed_role_variants_name_each_other_and_the_valid_role(seed_findings):
    variants = {f.data["value"]: f for f in seed_findings if f.rule == "P102"}
    assert set(variants) == {"Taloustohtaja", "Talusohtaja", "Talusojohtaja"}
    assert variants["Talusohtaja"].data["rows"] == [23, 24, 27, 28]
    assert all(f.data["suggestion"] == "Talousjohtaja" for f in variants.values())
    assert '"Taloustohtaja" (19)' in variants["Talusohtaja"].message
    suggestions = {f.data["suggestion"] for f in seed_findings if f.rule == "P101"}
    assert suggestions == {"Talousjohtaja"}


def test_seed_placement_says_where_values_belong(seed_findings):
    c101 = {f.row: (f.column, f.data["expected"]) for f in seed_findings if f.rule == "C101"}
    assert c101 == {60: ("B", "C"), 61: ("B", "C"), 62: ("B", "C"), 64: ("A", "B"), 79: ("C", "B")}
    c102 = {f.row: (f.column, f.data["belongs"]) for f in seed_findings if f.rule == "C102"}
    assert c102 == {r: ("C", "D") for r in (60, 61, 62, 63, 64)}


def test_seed_notes(seed_findings):
    """Info findings: grade wording variants, copied and reused progress text."""
    rows = lambda code: sorted(f.row for f in seed_findings if f.rule == code)  # noqa: E731
    assert rows("G104") == [60, 73]  # "…viimeistelyä…" and "…ko. toimialalta"
    assert rows("T101") == [86]  # 32.04.01 repeats 32.04 word for word
    assert {77, 78, 21} <= set(rows("T102"))  # 15.07's text is its actions' texts pasted; 03.05.01 contains 03.05's
    assert rows("G103") == [] and rows("H101") == [] and rows("G101") == []
    r103 = set(rows("R103"))
    assert {20, 21, 25} <= r103 and not r103 & {60, 61, 62, 63, 64}  # shifted risk text is C102's, not "missing"
