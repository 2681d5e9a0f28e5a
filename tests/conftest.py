"""Shared fixtures: the seed report as text and as a workbook, and a CLI runner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# Property tests are reproducible by default (CI): the same examples on every run. A developer
# hunting new cases runs with HYPOTHESIS_PROFILE=explore.
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
hypothesis_settings.register_profile("explore", deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True, scope="session")
def _own_run_locks(tmp_path_factory):
    """Each test worker its own folder for the ribbon's run locks: parallel workers press buttons
    on books of the same name, which on one PC would be the same workbook."""
    os.environ["SEURANTA_XL_LOCK_DIR"] = str(tmp_path_factory.mktemp("locks"))
SEED_TXT = DATA / "seed_report.txt"


def seed_rows() -> list[list[str]]:
    """The seed export as rows of cells (line N = sheet row N), exactly as exported."""
    text = SEED_TXT.read_text(encoding="utf-8")
    return [line.split("\t") for line in text.split("\n")]


def write_rows_xlsx(rows: list[list[object]], path: Path, sheet: str = "Seuranta") -> Path:
    """Plain values into a workbook, row 1 first; empty strings stay empty cells."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for r, cells in enumerate(rows, start=1):
        for c, value in enumerate(cells, start=1):
            if value not in ("", None):
                ws.cell(row=r, column=c, value=value)
    wb.save(path)
    return path


@pytest.fixture
def seed_txt() -> Path:
    return SEED_TXT


@pytest.fixture
def seed_xlsx(tmp_path: Path) -> Path:
    """The seed saved as .xlsx, values only, every value at its original row and column."""
    return write_rows_xlsx(seed_rows(), tmp_path / "seed.xlsx")


@pytest.fixture
def run_cli(capsys):
    """Run the CLI in-process: returns (exit code, stdout, stderr)."""
    from seuranta_xl.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run
