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
    settings sheet, openpyxl, the planners and the write engine only for a command that writes.
    (The bundled report has warnings and no errors: exit 0.)"""
    done = _python("import sys\nfrom seuranta_xl.cli import main\n"
                   "status = main(['validate', 'workbook/examples/seuranta_1-9_2021.xlsx'])\n"
                   "loaded = [m for m in ('pydantic', 'openpyxl', 'pandas', 'xlwings', 'seuranta_xl.write.package',"
                   " 'seuranta_xl.write.planners') if m in sys.modules]\n"
                   "print(status, loaded, file=sys.stderr)")
    assert done.stderr.strip() == "0 []", done.stderr


def test_a_settings_file_is_validated_by_pydantic(tmp_path):
    (tmp_path / "seuranta.toml").write_text("margin_rows = 'many'\n", encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_bytes((ROOT / "tests/data/seed_report.txt").read_bytes())
    done = _python("import sys\nfrom seuranta_xl.cli import main\n"
                   f"status = main(['validate', {str(report)!r}])\n"
                   "print(status, 'pydantic' in sys.modules, file=sys.stderr)")
    assert done.stderr.splitlines()[-1] == "2 True"
    assert "margin_rows" in done.stderr.splitlines()[0]
