"""seuranta_xl: validate, roll up and annotate municipal strategy follow-up workbooks.

The public API (plain data in, plain data out)::

    import seuranta_xl
    report = seuranta_xl.validate("raportti.xlsx")      # Report with .findings
    seuranta_xl.validate("1-12.xlsx", previous="1-8.xlsx")  # + S101: rows not updated since
    report.to_frame()                                      # pandas DataFrame of the rows
    seuranta_xl.compute_rollup(report).get("03.06")        # GoalRollup
    seuranta_xl.compare("1-8.xlsx", "1-12.xlsx").to_frame()  # what changed since the last report
    seuranta_xl.split("raportti.xlsx", "jako/")            # one workbook per responsible person
    seuranta_xl.merge("raportti.xlsx", "vastaukset/", "koottu.xlsx")  # their answers merged back

The names below are imported on first use (module ``__getattr__``), so that ``import seuranta_xl``
and the ribbon's entry stay light: pydantic, the readers and the rules load when a name needs them.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: Public name → the module that defines it.
_EXPORTS = {
    "load_settings": ".config",
    "InputError": ".errors",
    "DEFAULT_SCALE": ".grades", "Grade": ".grades", "parse_grade": ".grades",
    "Grid": ".grid",
    "DataRow": ".model", "Finding": ".model", "Item": ".model", "Report": ".model",
    "GoalRollup": ".rollup", "Rollup": ".rollup", "compute_rollup": ".rollup",
    "Settings": ".settings",
    "check": ".validate", "load_report": ".validate", "validate": ".validate",
    # the reporting cycle: modules not named after the functions (``import seuranta_xl.compare``
    # would replace the function with the module)
    "compare": ".comparison", "Comparison": ".comparison",
    "split": ".splitting", "SplitResult": ".splitting",
    "merge": ".merging", "MergeResult": ".merging",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'seuranta_xl' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # the next look-up is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


class _Package(types.ModuleType):
    """``seuranta_xl.validate`` is the function, as it was with eager imports: importing the
    submodule of the same name must not rebind the package attribute to the module."""

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and name in _EXPORTS:
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


if TYPE_CHECKING:  # for type checkers and IDEs: the same names, eagerly
    from .config import load_settings
    from .errors import InputError
    from .grades import DEFAULT_SCALE, Grade, parse_grade
    from .grid import Grid
    from .model import DataRow, Finding, Item, Report
    from .rollup import GoalRollup, Rollup, compute_rollup
    from .settings import Settings
    from .validate import check, load_report, validate
