"""seuranta_xl: validate, roll up and annotate municipal strategy follow-up workbooks.

The public API (plain data in, plain data out)::

    import seuranta_xl
    report = seuranta_xl.validate("raportti.xlsx")      # Report with .findings
    report.to_frame()                                      # pandas DataFrame of the rows
    seuranta_xl.compute_rollup(report).get("03.06")        # GoalRollup
    seuranta_xl.compare("1-8.xlsx", "1-12.xlsx").to_frame()  # what changed since the last report
    seuranta_xl.split("raportti.xlsx", "jako/")            # one workbook per responsible person
    seuranta_xl.merge("raportti.xlsx", "vastaukset/", "koottu.xlsx")  # their answers merged back
"""

from __future__ import annotations

from .config import load_settings
from .errors import InputError
from .grades import DEFAULT_SCALE, Grade, parse_grade
from .grid import Grid
from .model import DataRow, Finding, Item, Report
from .rollup import GoalRollup, Rollup, compute_rollup
from .settings import Settings
from .validate import check, load_report, validate

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_SCALE", "DataRow", "Finding", "GoalRollup", "Grade", "Grid", "InputError", "Item",
    "Report", "Rollup", "Settings", "check", "compute_rollup", "load_report", "load_settings",
    "parse_grade", "validate",
    "Comparison", "MergeResult", "SplitResult", "compare", "merge", "split",
]

#: The reporting cycle (issue 16), imported on first use. The modules are not named after the
#: functions: ``import seuranta_xl.compare`` would replace the function with the module.
_LAZY = {
    "compare": "seuranta_xl.comparison", "Comparison": "seuranta_xl.comparison",
    "split": "seuranta_xl.splitting", "SplitResult": "seuranta_xl.splitting",
    "merge": "seuranta_xl.merging", "MergeResult": "seuranta_xl.merging",
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
