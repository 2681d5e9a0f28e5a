"""A short run of the fuzzing harness (tests/fuzz/fuzz.py): every mutant clean or exit 2 with one line,
through validate and, in turn, every other command (each at least a few times)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "fuzz"))

import fuzz  # noqa: E402


def test_fuzz_smoke_run_has_no_other_outcome(tmp_path):
    run = fuzz.fuzz(seed=7, count=96, jobs=2, budget=55, keep=tmp_path / "others")
    counts = run.counts()
    others = [f"{o.kind} ({o.command}): {o.reason}" for o in run.outcomes if o.verdict == "other"]
    assert others == [], others
    assert len(run.outcomes) >= 180, (len(run.outcomes), run.seconds)  # the budget let most of them run
    assert counts["clean"] and counts["exit2"]  # both kinds of mutant were made
    commands = {o.command for o in run.outcomes}
    assert commands >= {"validate", *fuzz.COMMANDS}, commands
    assert max(o.seconds for o in run.outcomes) < fuzz.TIME_LIMIT


def test_classification():
    ok = fuzz.classify(fuzz.Outcome("k", "validate", 2, "seuranta-xl: f.xlsx: vioittunut\n", 0.1))
    assert ok.verdict == "exit2"
    for code, err, seconds in [(134, "memory allocation failed\n", 0.1), (2, "a\nb\n", 0.1),
                               (2, "seuranta-xl: f: odottamaton virhe / unexpected error: KeyError\n", 0.1),
                               (None, "", 10.5), (0, "", 11.0), (1, "Traceback (most recent call last):\n", 0.1)]:
        assert fuzz.classify(fuzz.Outcome("k", "validate", code, err, seconds)).verdict == "other"


def test_an_input_changed_on_disk_or_a_formula_written_is_other(tmp_path):
    """The two checks beyond the exit status: every input hashed before and after, every output
    looked at for a formula cell."""
    path = tmp_path / "a.xlsx"
    path.write_bytes(b"x")
    before = fuzz.digest([path])
    path.write_bytes(b"y")
    assert fuzz.digest([path]) != before
    out = tmp_path / "out"
    out.mkdir()
    (out / "f.xlsx").write_bytes(fuzz.pack([("xl/worksheets/sheet1.xml", b"<c><f>1+1</f></c>")]))
    assert fuzz._has_formula(out) and not fuzz._has_formula(tmp_path / "missing.xlsx")


def test_commands_option_picks_the_commands_in_turn(tmp_path):
    run = fuzz.fuzz(seed=3, count=4, jobs=1, budget=30, commands=("split", "compare-new"))
    assert [o.command for o in run.outcomes if o.command != "validate"] == ["split", "compare-new"] * 2
