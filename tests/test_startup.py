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
