"""One settings model for everything configurable: rules, required fields, roles, thresholds, limits.

Read in order (later wins): defaults, a ``seuranta.toml`` next to the workbook or given with
``--config``, and a settings sheet in the workbook (see :mod:`seuranta_xl.config`).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .codes import Level
from .grades import DEFAULT_SCALE
from .header import FieldName
from .model import Severity

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


class StatusThresholds(BaseModel):
    """A computed mean ≥ ``green`` is green, ≥ ``yellow`` yellow, below that red."""

    model_config = ConfigDict(extra="forbid")
    green: float = Field(4.0, ge=1, le=5)
    yellow: float = Field(2.5, ge=1, le=5)

    @model_validator(mode="after")
    def _ordered(self) -> "StatusThresholds":
        if self.yellow > self.green:
            raise ValueError("yellow threshold must not exceed green")
        return self

    def status_index(self, mean: float) -> int:
        """0 green, 1 yellow, 2 red."""
        return 0 if mean >= self.green else 1 if mean >= self.yellow else 2


class Limits(BaseModel):
    """Guards against hostile or runaway files."""

    model_config = ConfigDict(extra="forbid")
    max_uncompressed_bytes: int = Field(512 * 1024 * 1024, gt=0)
    max_cells: int = Field(5_000_000, gt=0)


class Settings(BaseModel):
    """Everything a municipality may tune. Unknown keys are errors, so typos do not pass silently."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    language: Literal["fi", "en", "sv"] = "fi"
    #: Rule codes or code prefixes to run (empty: all) and to skip; e.g. ["G", "H1"].
    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    #: Per-rule severity overrides, e.g. {"T101": "warning"}.
    severity: dict[str, Severity] = Field(default_factory=dict)
    #: Fields each level must fill in.
    required: dict[Level, list[FieldName]] = Field(default_factory=lambda: {
        "council": [],
        "annual": ["grade", "progress", "responsible"],
        "action": ["grade", "progress", "responsible"],
    })
    roles: list[str] = Field(default_factory=lambda: list(DEFAULT_ROLES))
    statuses: list[str] = Field(default_factory=lambda: list(DEFAULT_STATUSES))
    scale: dict[int, str] = Field(default_factory=lambda: dict(DEFAULT_SCALE))
    #: |reported - computed| at or above this is a rollup mismatch.
    mismatch_threshold: float = Field(1.0, gt=0, le=4)
    status_thresholds: StatusThresholds = Field(default_factory=StatusThresholds)
    limits: Limits = Field(default_factory=Limits)
    #: Extra empty rows below the data that still get dropdowns and live highlighting.
    margin_rows: int = Field(200, ge=0, le=100_000)
    #: The header titles a municipality uses for a field, beside the known ones, e.g.
    #: ``{"grade": ["Arvio 1-5"], "responsible": "Omistaja"}`` (``[seuranta.columns]``).
    columns: dict[FieldName, list[str]] = Field(default_factory=dict)

    @field_validator("columns", mode="before")
    @classmethod
    def _titles(cls, columns: Any) -> Any:
        if isinstance(columns, dict):
            return {k: [v] if isinstance(v, str) else v for k, v in columns.items()}
        return columns

    @field_validator("scale")
    @classmethod
    def _full_scale(cls, scale: dict[int, str]) -> dict[int, str]:
        if sorted(scale) != [1, 2, 3, 4, 5] or not all(s.strip() for s in scale.values()):
            raise ValueError("the scale needs a label for each of 1-5")
        return scale

    @field_validator("roles")
    @classmethod
    def _roles(cls, roles: list[str]) -> list[str]:
        roles = [r.strip() for r in roles if r and r.strip()]
        if not roles:
            raise ValueError("the roles list is empty")
        return roles
