"""The package engine: a Plan applied to a .xlsx/.xlsm package by editing only the parts it changes.

    pkg = Package(path)                      # opened once per command
    state = read_state(pkg, report.sheet)    # what the planners need
    applied = apply_plan(pkg, plan, out)     # out: a path or a seekable binary file
    pkg.close()

Every zip member the plan does not change is copied as its original record, byte for byte.
"""

from .engine import PackageApplied, apply_plan, read_lists, read_state
from .zipio import Package, PackageError

__all__ = ["Package", "PackageApplied", "PackageError", "apply_plan", "read_lists", "read_state"]
