"""What start-up loads (issue 15): ``import seuranta_xl`` imports nothing heavy, and nothing but
``Report.to_frame()`` needs pandas. Import-time figures are in benchmarks/, not here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
HEAVY = ("pydantic", "pandas", "numpy", "openpyxl", "xlwings", "python_calamine")


def _python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)


def test_import_seuranta_xl_imports_nothing_heavy():
    done = _python("import sys, seuranta_xl\n"
                   f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
                   "print(seuranta_xl.validate.__module__, seuranta_xl.Finding.__name__)")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["[]", "seuranta_xl.validate Finding"]


def test_validate_and_rollup_run_without_pandas():
    done = _python("import sys\nsys.modules['pandas'] = None  # as if not installed\n"
                   "import seuranta_xl\n"
                   "r = seuranta_xl.validate('tests/data/seed_report.txt')\n"
                   "print(len(r.findings), seuranta_xl.compute_rollup(r).get('03.06').computed)\n"
                   "try:\n    r.to_frame()\nexcept ImportError as exc:\n    print(exc)\n")
    assert done.returncode == 0, done.stderr
    count, computed = done.stdout.splitlines()[0].split()
    assert int(count) == 74 and round(float(computed), 2) == 3.67
    assert done.stdout.splitlines()[1] == "Report.to_frame() needs pandas: pip install 'seuranta-xl[frames]'"


def test_validating_the_bundled_report_loads_neither_pydantic_nor_the_writers():
    """The defaults and the lists sheet are plain data: pydantic loads only for a seuranta.toml or a
    settings sheet; openpyxl, the planners, the write actions and the write engine only for a
    command that writes; the other commands' parsers, JSON, CSV, hashlib, tempfile and ctypes (the C heap's trim) only
    when asked for. (The bundled report has warnings and no errors: exit 0.)"""
    done = _python("import sys\nfrom seuranta_xl.cli import main\n"
                   "status = main(['validate', 'workbook/examples/seuranta_1-9_2021.xlsx'])\n"
                   "loaded = [m for m in ('pydantic', 'openpyxl', 'pandas', 'xlwings', 'seuranta_xl.write.package',"
                   " 'seuranta_xl.write.planners', 'seuranta_xl.write.actions', 'seuranta_xl.cli.compare',"
                   " 'seuranta_xl.cli.cycle', 'seuranta_xl.cli.addin', 'json', 'csv', 'hashlib', 'tempfile', 'ctypes') if m in sys.modules]\n"
                   "print(status, loaded, file=sys.stderr)")
    assert done.stderr.strip() == "0 []", done.stderr


def test_each_command_module_adds_the_commands_listed_for_it():
    """The CLI builds only the parsers of the command's own module (COMMAND_MODULES): a module adding
    a command the table does not list would make that command unknown."""
    import argparse
    import importlib

    from seuranta_xl.cli import COMMAND_MODULES

    for module, commands in COMMAND_MODULES.items():
        subparsers = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(module).add_parser(subparsers)
        assert tuple(subparsers.choices) == commands, module


def test_a_command_gets_its_modules_parsers_and_anything_else_gets_all(capsys):
    import pytest

    from seuranta_xl.cli import COMMAND_MODULES, build_parser, main

    every = [c for commands in COMMAND_MODULES.values() for c in commands]
    choices = lambda parser: list(parser._subparsers._group_actions[0].choices)  # noqa: E731
    assert choices(build_parser("merge")) == ["split", "merge"]
    assert choices(build_parser("--help")) == choices(build_parser(None)) == choices(build_parser("valdate")) == every
    with pytest.raises(SystemExit) as exit_:
        main(["valdate", "x.xlsx"])
    assert exit_.value.code == 2 and "invalid choice: 'valdate'" in capsys.readouterr().err


def test_a_settings_file_is_validated_by_pydantic(tmp_path):
    (tmp_path / "seuranta.toml").write_text("margin_rows = 'many'\n", encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_bytes((ROOT / "tests/data/seed_report.txt").read_bytes())
    done = _python("import sys\nfrom seuranta_xl.cli import main\n"
                   f"status = main(['validate', {str(report)!r}])\n"
                   "print(status, 'pydantic' in sys.modules, file=sys.stderr)")
    assert done.stderr.splitlines()[-1] == "2 True"
    assert "margin_rows" in done.stderr.splitlines()[0]
