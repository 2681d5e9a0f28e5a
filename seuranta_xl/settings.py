"""One settings model for everything configurable: rules, required fields, roles, thresholds, limits.

Read in order (later wins): defaults, a ``seuranta.toml`` next to the workbook or given with
``--config``, and a settings sheet in the workbook (see :mod:`seuranta_xl.config`).

Plain dataclasses: the defaults (every run) cost nothing to build. Untrusted input - a seuranta.toml
or a settings sheet - is validated by pydantic against these same classes in
:func:`validate_settings` (types, unknown keys), which also runs each class's ``__post_init__``
(ranges and cross-field checks), so the shape is declared once, here.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Literal

from ._records import Record
from .codes import Level
from .grades import DEFAULT_SCALE
from .header import FieldName
from .model import SEVERITIES, Severity
from .schedule import Schedule

DEFAULT_ROLES: list[str] = [
    "Kunnanjohtaja",
    "Talousjohtaja",
    "Hallintojohtaja",
    "Henkilöstöjohtaja",
    "Sivistysjohtaja",
    "Kasvu- ja ympäristöjohtaja",
]

#: Kokonais-tilanne statuses, best first; the thresholds below map a computed mean onto them.
DEFAULT_STATUSES: list[str] = ["Etenee suunnitellusti", "Etenee osittain", "Ei etene / viivästynyt"]

LANGUAGES = ("fi", "en", "sv")

#: pydantic reads this on a stdlib dataclass: unknown keys are errors, so typos do not pass silently.
_STRICT_KEYS = {"extra": "forbid"}


def _between(name: str, value: float, low: float, high: float, *, low_open: bool = False) -> None:
    if value < low or value > high or (low_open and value == low):
        bound = f"> {low}" if low_open else f">= {low}"
        upper = f" and <= {high}" if high != float("inf") else ""
        raise ValueError(f"{name}: must be {bound}{upper}")


@dataclass(slots=True, kw_only=True)
class StatusThresholds(Record):
    """A computed mean ≥ ``green`` is green, ≥ ``yellow`` yellow, below that red."""

    __pydantic_config__ = _STRICT_KEYS
    green: float = 4.0
    yellow: float = 2.5

    def __post_init__(self) -> None:
        _between("green", self.green, 1, 5)
        _between("yellow", self.yellow, 1, 5)
        if self.yellow > self.green:
            raise ValueError("yellow: must not exceed green")

    def status_index(self, mean: float) -> int:
        """0 green, 1 yellow, 2 red."""
        return 0 if mean >= self.green else 1 if mean >= self.yellow else 2


@dataclass(slots=True, kw_only=True)
class Limits(Record):
    """Guards against hostile or runaway files."""

    __pydantic_config__ = _STRICT_KEYS
    max_uncompressed_bytes: int = 512 * 1024 * 1024
    max_cells: int = 5_000_000

    def __post_init__(self) -> None:
        _between("max_uncompressed_bytes", self.max_uncompressed_bytes, 0, float("inf"), low_open=True)
        _between("max_cells", self.max_cells, 0, float("inf"), low_open=True)


@dataclass(slots=True, kw_only=True)
class Settings(Record):
    """Everything a municipality may tune."""

    __pydantic_config__ = _STRICT_KEYS

    language: Literal["fi", "en", "sv"] = "fi"
    #: Rule codes or code prefixes to run (empty: all) and to skip; e.g. ["G", "H1"].
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    #: Per-rule severity overrides, e.g. {"T101": "warning"}.
    severity: dict[str, Severity] = field(default_factory=dict)
    #: Fields each level must fill in.
    required: dict[Level, list[FieldName]] = field(default_factory=lambda: {
        "council": [],
        "annual": ["grade", "progress", "responsible"],
        "action": ["grade", "progress", "responsible"],
    })
    roles: list[str] = field(default_factory=lambda: list(DEFAULT_ROLES))
    statuses: list[str] = field(default_factory=lambda: list(DEFAULT_STATUSES))
    scale: dict[int, str] = field(default_factory=lambda: dict(DEFAULT_SCALE))
    #: |reported - computed| at or above this is a rollup mismatch.
    mismatch_threshold: float = 1.0
    status_thresholds: StatusThresholds = field(default_factory=StatusThresholds)
    limits: Limits = field(default_factory=Limits)
    #: Extra empty rows below the data that still get dropdowns and live highlighting.
    margin_rows: int = 200
    #: The header titles a municipality uses for a field, beside the known ones, e.g.
    #: ``{"grade": ["Arvio 1-5"], "responsible": "Omistaja"}`` (``[seuranta.columns]``).
    columns: dict[FieldName, list[str]] = field(default_factory=dict)
    #: The grade expected by each reporting period (``[seuranta.schedule]``; None: rule S102 does not run).
    schedule: Schedule | None = None

    def __post_init__(self) -> None:
        # Code that builds Settings directly may pass the nested tables as mappings.
        if isinstance(self.status_thresholds, dict):
            self.status_thresholds = StatusThresholds(**self.status_thresholds)
        if isinstance(self.schedule, dict):
            self.schedule = Schedule(**self.schedule)
        if isinstance(self.limits, dict):
            self.limits = Limits(**self.limits)
        if self.language not in LANGUAGES:
            raise ValueError(f"language: must be one of {', '.join(LANGUAGES)}")
        if any(s not in SEVERITIES for s in self.severity.values()):
            raise ValueError(f"severity: must be one of {', '.join(SEVERITIES)}")
        _between("mismatch_threshold", self.mismatch_threshold, 0, 4, low_open=True)
        _between("margin_rows", self.margin_rows, 0, 100_000)
        if sorted(self.scale) != [1, 2, 3, 4, 5] or not all(str(s).strip() for s in self.scale.values()):
            raise ValueError("scale: needs a label for each of 1-5")
        self.roles = clean_list(self.roles)
        if not self.roles:
            raise ValueError("roles: the list is empty")


def clean_list(values: list[str]) -> list[str]:
    """A list setting as people type it: entries stripped, empty ones dropped."""
    return [v.strip() for v in values if v and v.strip()]


SETTING_NAMES: tuple[str, ...] = tuple(Settings.__dataclass_fields__)


def validate_settings(data: dict[str, Any]) -> Settings:
    """Settings from untrusted nested data (a seuranta.toml, a settings sheet, layered over the
    defaults). Raises pydantic's ValidationError, whose first error names the key; pydantic is
    imported here only, so a run with no such layer never loads it."""
    columns = data.get("columns")
    if isinstance(columns, dict):  # a single title may be given as a string
        data = {**data, "columns": {k: [v] if isinstance(v, str) else v for k, v in columns.items()}}
    return _adapter().validate_python(data)


@functools.cache
def _adapter() -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(Settings)
