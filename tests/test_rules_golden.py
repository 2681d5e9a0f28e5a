"""Every rule's results stay what they were: the findings on the seed and on a generated report
(with copy-paste, hierarchy and role faults) against tests/data/rules_golden.json, written by
``benchmarks/golden.py`` from the code before the rules were made linear. Rule, severity, sheet,
row, column, code and the Finnish and English messages, in the order the runner sorts them."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from seuranta_xl import validate
from seuranta_xl.settings import Settings

DATA = Path(__file__).parent / "data"
GOLDEN = json.loads((DATA / "rules_golden.json").read_text(encoding="utf-8"))
#: Stricter settings for the rules the defaults leave quiet (as in benchmarks/golden.py).
STRICT = {"required": {"council": ["grade", "progress", "responsible"],
                       "annual": ["grade", "progress", "responsible", "risks"],
                       "action": ["grade", "progress", "responsible", "risks", "status"]},
          "mismatch_threshold": 0.5}


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("golden") / "generated_report.txt"
    path.write_bytes(gzip.decompress((DATA / "generated_report.txt.gz").read_bytes()))
    return path


def _findings(path: Path, **options: object) -> list[list[object]]:
    fi = validate(path, Settings(language="fi", **options)).findings
    en = validate(path, Settings(language="en", **options)).findings
    return [[f.rule, f.severity, f.sheet, f.row, f.column, f.code, f.message, e.message] for f, e in zip(fi, en)]


@pytest.mark.parametrize("name", ["seed", "generated", "seed_strict"])
def test_findings_as_before(name, generated):
    path = generated if name == "generated" else DATA / "seed_report.txt"
    got = _findings(path, **(STRICT if name == "seed_strict" else {}))
    expected = GOLDEN[name]
    assert {tuple(f[:6]) for f in got} == {tuple(f[:6]) for f in expected}  # (rule, …, code)
    assert got == expected
    assert len({f[0] for f in expected}) >= 12  # the data exercises most rules
