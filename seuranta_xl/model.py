"""The report as plain data: rows, goals and actions with their source cells, and findings."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Iterator, Literal

from pydantic import BaseModel, Field, PrivateAttr

from .codes import Level, display_code
from .grades import Grade
from .header import FieldName

if TYPE_CHECKING:  # pandas is imported only when a frame is asked for
    import pandas as pd

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@contextmanager
def no_gc_pause() -> Iterator[None]:
    """Hold the cycle collector while building many acyclic objects (rows, items, indexes): each
    full collection re-scans everything alive - the grid, the report so far - which made building
    superlinear on big reports (half the parse time at 50,000 actions; an index 0.78 s instead of
    0.17 s). The collector's previous state is restored, whatever happens."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Finding(BaseModel):
    """One problem found in the data, pointing at its cell (frictionless-style: a value, not an exception)."""

    rule: str  # stable code, e.g. "G101"
    severity: Severity
    sheet: str
    row: int | None  # 1-based sheet row (None: about the whole report)
    column: str | None  # column letter, or None when the problem is the row's
    code: str | None  # goal/action code the finding is about, as staff write it ("01.", "01.05")
    message: str
    #: Rule-specific values (e.g. {"suggestion": "Talousjohtaja"}) for scripts; not for display.
    data: dict[str, Any] = Field(default_factory=dict)

    @property
    def cell(self) -> str | None:
        """``F20``-style reference, or None when the finding has no column."""
        return f"{self.column}{self.row}" if self.column and self.row else None


class Item(BaseModel):
    """A council-term goal, annual goal or action: one code on one row."""

    level: Level
    code: str  # normalised: "01", "01.05", "01.05.01"
    raw_code: str  # as typed
    name: str
    row: int
    column: str  # where the code stood
    #: True when the code was typed in the canonical form (NN. / NN.NN / NN.NN.NN).
    canonical: bool = True
    #: The row's other fields belong to the deepest code on the row (annual goal + its first action
    #: share a row: the grade is the action's). False for the shallower codes on such a row.
    owns_row: bool = True
    risks: str | None = None
    status: Any = None  # Kokonais-tilanne as typed (a number the rollup wrote, or text)
    grade: Grade = Field(default_factory=Grade)
    progress: str | None = None
    responsible: str | None = None
    #: The code of the expected parent (None for council goals) and whether the report has it.
    parent: str | None = None
    parent_found: bool = True
    #: The code of the nearest goal of the parent's level above this row (where it *stands*).
    heading: str | None = None

    @property
    def display_code(self) -> str:
        return display_code(self.code)


class DataRow(BaseModel):
    """One sheet row below the header, with the cells that hold something."""

    row: int
    #: Field → (column letter, value) for non-empty cells in mapped columns.
    cells: dict[FieldName, tuple[str, Any]] = Field(default_factory=dict)
    #: Codes of the items on this row, shallowest first.
    codes: list[str] = Field(default_factory=list)
    #: Text without a code in a name column: (field, column letter, text) - e.g. risk text shifted left.
    stray: list[tuple[FieldName, str, str]] = Field(default_factory=list)

    @property
    def kind(self) -> Literal["item", "uncoded", "blank"]:
        if self.codes:
            return "item"
        return "uncoded" if self.cells else "blank"


class Report(BaseModel):
    """A follow-up report read from one sheet: its rows, the goal hierarchy and (after validation) findings."""

    source: str
    sheet: str
    title: str | None = None
    period: str | None = None
    header_row: int
    #: Field → column letter, as found in the header.
    columns: dict[FieldName, str]
    #: Sheet rows below the header that hold anything (blank rows are skipped).
    rows: list[DataRow] = Field(default_factory=list)
    #: Every item in sheet order (duplicates included: a duplicate code is a finding, not a loss).
    items: list[Item] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    #: The last sheet row holding data (for ranges that cover every data row).
    last_row: int = 0
    #: Reader notes (row, col, text), e.g. formulas without cached values.
    notes: list[tuple[int, int, str]] = Field(default_factory=list)
    _item_index: "_ItemIndex | None" = PrivateAttr(default=None)

    # --- the hierarchy, derived from codes -------------------------------------------------

    def of_level(self, level: Level) -> list[Item]:
        return list(self._index().levels.get(level, ()))

    @property
    def council_goals(self) -> list[Item]:
        return self.of_level("council")

    @property
    def annual_goals(self) -> list[Item]:
        return self.of_level("annual")

    @property
    def actions(self) -> list[Item]:
        return self.of_level("action")

    @property
    def uncoded_rows(self) -> list[DataRow]:
        return [r for r in self.rows if r.kind == "uncoded"]

    def find(self, code: str) -> Item | None:
        """The first item with this normalised code."""
        return self._index().first.get(code)

    def children(self, code: str) -> list[Item]:
        """Items whose parent code is ``code`` (by code, wherever they stand)."""
        return list(self._index().children.get(code, ()))

    def actions_under(self, code: str) -> list[Item]:
        """All actions whose code starts with ``code.`` - the base of a goal's rollup."""
        index = self._index()
        if code in index.under:
            return list(index.under[code])
        prefix = code + "."  # not a goal code of this report (e.g. "1"): the plain definition
        return [i for i in self.items if i.level == "action" and i.code.startswith(prefix)]

    def _index(self) -> "_ItemIndex":
        """Look-ups by code, built once per items list: callers ask per goal or per row, and a
        scan of all items per question made planners and rules quadratic on big reports. It is
        rebuilt when the list is replaced or grows/shrinks; an item's code edited in place is not seen."""
        index = self._item_index
        if index is None or index.items is not self.items or index.size != len(self.items) \
                or index.codes != [i.code for i in self.items[-1:]]:
            with no_gc_pause():
                index = self._item_index = _ItemIndex(self.items)
        return index

    # --- counts and frames ------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows checked, items per level and findings per severity."""
        by_severity = {s: 0 for s in ("error", "warning", "info")}
        for f in self.findings:
            by_severity[f.severity] += 1
        return {
            "rows": len(self.rows),
            "council_goals": len(self.council_goals),
            "annual_goals": len(self.annual_goals),
            "actions": len(self.actions),
            "uncoded_rows": len(self.uncoded_rows),
            "errors": by_severity["error"],
            "warnings": by_severity["warning"],
            "infos": by_severity["info"],
        }

    def to_frame(self) -> "pd.DataFrame":
        """One line per item (and per uncoded row) in sheet order, with the finding codes of its row."""
        import pandas as pd

        rules_by_row: dict[int, list[str]] = {}
        for f in self.findings:
            if f.row is not None:
                rules_by_row.setdefault(f.row, []).append(f.rule)
        records = []
        for item in self.items:
            records.append({
                "row": item.row, "level": item.level, "code": item.code, "name": item.name,
                "parent": item.parent, "risks": item.risks, "status": item.status,
                "grade": item.grade.value, "grade_raw": item.grade.raw, "progress": item.progress,
                "responsible": item.responsible,
                "findings": ",".join(sorted(set(rules_by_row.get(item.row, [])))),
            })
        for row in self.uncoded_rows:
            cells = {name: value for name, (_, value) in row.cells.items()}
            records.append({
                "row": row.row, "level": "uncoded", "code": None, "name": None, "parent": None,
                "risks": cells.get("risks"), "status": cells.get("status"), "grade": None,
                "grade_raw": cells.get("grade"), "progress": cells.get("progress"),
                "responsible": cells.get("responsible"),
                "findings": ",".join(sorted(set(rules_by_row.get(row.row, [])))),
            })
        frame = pd.DataFrame.from_records(records, columns=[
            "row", "level", "code", "name", "parent", "risks", "status", "grade", "grade_raw",
            "progress", "responsible", "findings"])
        frame["grade"] = frame["grade"].astype("Int64")
        return frame.sort_values("row", kind="stable").reset_index(drop=True)

    def findings_frame(self) -> "pd.DataFrame":
        """The findings as a flat table (one line per finding)."""
        import pandas as pd

        return pd.DataFrame.from_records(
            [f.model_dump(exclude={"data"}) for f in self.findings],
            columns=["rule", "severity", "sheet", "row", "column", "code", "message"],
        )


class _ItemIndex:
    """Items by level, by code (first occurrence), by parent code, and actions by each goal prefix."""

    __slots__ = ("items", "size", "codes", "first", "children", "under", "levels")

    def __init__(self, items: list[Item]) -> None:
        self.items, self.size = items, len(items)
        self.codes = [i.code for i in items[-1:]]  # a cheap check that the list was not rewritten
        self.first: dict[str, Item] = {}
        self.children: dict[str, list[Item]] = {}
        self.under: dict[str, list[Item]] = {}
        self.levels: dict[str, list[Item]] = {}
        for item in items:
            self.levels.setdefault(item.level, []).append(item)
            self.first.setdefault(item.code, item)
            if item.parent is not None:
                self.children.setdefault(item.parent, []).append(item)
            if item.level == "action":
                parts = item.code.split(".")
                for depth in range(1, len(parts)):
                    self.under.setdefault(".".join(parts[:depth]), []).append(item)
