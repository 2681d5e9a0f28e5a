"""The expected grade per reporting period (``[seuranta.schedule]``), and reading a period's month.

A council term starts and ends in a month (``start = "2025-06"``, ``end = "2029-05"``); by its end
every action should be at ``target`` (default 5). The level expected of a report is interpolated
linearly from ``baseline`` (default 1) at the start to ``target`` at the end, by the last month of
the report's period (``1 - 8 / 2026`` → August 2026). ``periods`` gives the level of some periods
outright (``{"1-4/2026" = 2, "1-8/2026" = 2.5}``); between the points known the level is
interpolated, after the last one it stays. Rule S102 compares each action's grade with it.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Any

from ._records import Record

#: "1 - 9 / 2021", "1–8/2026": the period's last month is the second number.
_RANGE = re.compile(r"(\d{1,2})\s*[-–—]\s*(\d{1,2})\s*/\s*((?:19|20)\d{2})\b")
#: "9/2021", "09/2021", "9.2021", "9-2021".
_MONTH_YEAR = re.compile(r"(?<![\d.])(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})\b")
#: "2021-09", "2021-09-30", "2021-09-30 00:00:00" (ISO; a date a spreadsheet cell turned into text).
_ISO = re.compile(r"\b((?:19|20)\d{2})-(\d{1,2})(?:-\d{1,2})?\b")
#: "30.9.2021", "1.1.-30.9.2021": the last date's month.
_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})\b")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")


def _index(year: int, month: int) -> int | None:
    return year * 12 + month - 1 if 1 <= month <= 12 else None


def month_of(value: Any, *, year_alone: bool = False) -> int | None:
    """The month a period ends in (or a month written on its own), as ``year * 12 + month - 1``;
    None when ``value`` names none. A bare year (``2021``) is its December with ``year_alone``."""
    if isinstance(value, _dt.date):  # a date cell (datetime too), or a TOML date
        return _index(value.year, value.month)
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    for pattern, year_group, month_group in ((_RANGE, 3, 2), (_ISO, 1, 2)):
        match = pattern.search(text)
        if match:
            return _index(int(match.group(year_group)), int(match.group(month_group)))
    dates = _DATE.findall(text)
    if dates:
        _day, month, year = dates[-1]
        return _index(int(year), int(month))
    match = _MONTH_YEAR.search(text)
    if match:
        return _index(int(match.group(2)), int(match.group(1)))
    if year_alone:
        match = _YEAR.search(text)
        if match:
            return _index(int(match.group(1)), 12)
    return None


def month_text(index: int) -> str:
    """``2026-08`` for a month index."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@dataclass(slots=True, kw_only=True)
class Schedule(Record):
    """``[seuranta.schedule]``: the grade expected of every action by a reporting period.

    A plain dataclass like the other settings tables (pydantic checks the types of a seuranta.toml
    or settings-sheet layer against it); ``__post_init__`` reads the months and periods and checks
    the ranges, each error naming its key."""

    #: pydantic reads this: unknown keys are errors.
    __pydantic_config__ = {"extra": "forbid"}
    #: The council term's first and last month, e.g. "2025-06" and "2029-05" (or "6/2025", a date).
    start: str | _dt.date | None = None
    end: str | _dt.date | None = None
    #: The grade expected at ``end`` and at ``start`` (a decimal comma is fine: "2,5").
    target: float | str = 5.0
    baseline: float | str = 1.0
    #: Period → expected grade, e.g. {"1-4/2026": 2, "1-8/2026": 2.5}; these points win over the line.
    periods: dict[str, float | str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.start, self.end = _month_setting("start", self.start), _month_setting("end", self.end)
        self.target, self.baseline = _grade_setting("target", self.target), _grade_setting("baseline", self.baseline)
        periods = {}
        for key, value in dict(self.periods).items():
            if month_of(str(key), year_alone=True) is None:
                raise ValueError(f"periods: {key!r} is not a reporting period (e.g. 1-8/2026)")
            periods[str(key)] = _grade_setting(f"periods.{key}", value)
        self.periods = periods
        if (self.start is None) != (self.end is None):
            raise ValueError("start, end: give both (the council term's first and last month)")
        if self.start is None and not self.periods:
            raise ValueError("give start and end, or periods")
        if self.start is not None and self.end is not None and self.start >= self.end:
            raise ValueError("start: must be before end")
        if self.baseline > self.target:
            raise ValueError("baseline: must not exceed target")

    def points(self) -> list[tuple[int, float]]:
        """(month, expected grade), in time order: the start, each listed period, the end."""
        known: dict[int, float] = {}
        if self.start is not None and self.end is not None:
            known[month_of(self.start)] = self.baseline  # type: ignore[index]
            known[month_of(self.end)] = self.target  # type: ignore[index]
        for key, value in self.periods.items():
            known[month_of(key, year_alone=True)] = value  # type: ignore[index]
        return sorted(known.items())

    def expected(self, period: Any) -> float | None:
        """The grade expected by the end of ``period`` (a period's text, or a month index); None
        before the first month the schedule knows (or when ``period`` names no month)."""
        month = period if isinstance(period, int) else month_of(period, year_alone=True)
        if month is None:
            return None
        points = self.points()
        if not points or month < points[0][0]:
            return None
        for (m0, g0), (m1, g1) in zip(points, points[1:]):
            if m0 <= month <= m1:
                return g0 + (g1 - g0) * (month - m0) / (m1 - m0)
        return points[-1][1]


def _month_setting(name: str, value: Any) -> str | None:
    """A month setting as ``YYYY-MM`` (None when not given)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    index = month_of(value)
    if index is None:
        raise ValueError(f"{name}: {value!r} is not a month (e.g. 2025-06 or 6/2025)")
    return month_text(index)


def _grade_setting(name: str, value: Any) -> float:
    """An expected grade, 1-5 (``"2,5"`` with a decimal comma too)."""
    if isinstance(value, str):
        try:
            value = float(value.strip().replace(",", "."))
        except ValueError:
            raise ValueError(f"{name}: {value!r} is not a number") from None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 1 <= value <= 5:
        raise ValueError(f"{name}: must be a grade 1-5, not {value!r}")
    return float(value)
