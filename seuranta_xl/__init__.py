"""seuranta_xl: validate, roll up and annotate municipal strategy follow-up workbooks.

The public API (plain data in, plain data out)::

    import seuranta_xl
    report = seuranta_xl.validate("raportti.xlsx")      # Report with .findings
    report.to_frame()                                      # pandas DataFrame of the rows
    seuranta_xl.compute_rollup(report).get("03.06")        # GoalRollup
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
]
