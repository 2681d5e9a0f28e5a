"""The report as plain data: rows, goals and actions with their source cells, and findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from . import collector
from ._records import Record
from .codes import Level, display_code
from .grades import Grade
from .header import FieldName

if TYPE_CHECKING:  # pandas is imported only when a frame is asked for
    import pandas as pd

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(slots=True)
class Finding(Record):
    """One problem found in the data, pointing at its cell (frictionless-style: a value, not an exception)."""

    rule: str  # stable code, e.g. "G101"
    severity: Severity
    sheet: str
    row: int | None  # 1-based sheet row (None: about the whole report)
    column: str | None  # column letter, or None when the problem is the row's
    code: str | None  # goal/action code the finding is about, as staff write it ("01.", "01.05")
    message: str
    #: Rule-specific values (e.g. {"suggestion": "Talousjohtaja"}): data only, never text in a
    #: language; the message is rendered from the rule's catalogue entry and these (rules.render).
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def cell(self) -> str | None:
        """``F20``-style reference, or None when the finding has no column."""
        return f"{self.column}{self.row}" if self.column and self.row else None


@dataclass(slots=True)
class Item(Record):
    """A council-term goal, annual goal or action: one code on one row."""

    # parse._add_items passes these positionally, in this order (once per item, for speed).
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
    grade: Grade = field(default_factory=Grade)
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


@dataclass(slots=True)
class DataRow(Record):
    """One sheet row below the header, with the cells that hold something."""

    row: int
    #: Field → (column letter, value) for non-empty cells in mapped columns.
    cells: dict[FieldName, tuple[str, Any]] = field(default_factory=dict)
    #: Codes of the items on this row, shallowest first.
    codes: list[str] = field(default_factory=list)
    #: Text without a code in a name column: (field, column letter, text) - e.g. risk text shifted left.
    stray: list[tuple[FieldName, str, str]] = field(default_factory=list)

    @property
    def kind(self) -> Literal["item", "uncoded", "blank"]:
        if self.codes:
            return "item"
        return "uncoded" if self.cells else "blank"


@dataclass(slots=True)
class Report(Record):
    """A follow-up report read from one sheet: its rows, the goal hierarchy and (after validation) findings."""

    source: str
    sheet: str
    header_row: int
    #: Field → column letter, as found in the header.
    columns: dict[FieldName, str]
    title: str | None = None
    period: str | None = None
    #: Sheet rows below the header that hold anything (blank rows are skipped).
    rows: list[DataRow] = field(default_factory=list)
    #: Every item in sheet order (duplicates included: a duplicate code is a finding, not a loss).
    items: list[Item] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    #: The last sheet row holding data (for ranges that cover every data row).
    last_row: int = 0
    #: Reader notes (row, col, text), e.g. formulas without cached values.
    notes: list[tuple[int, int, str]] = field(default_factory=list)
    #: Rows the header spans, ending at ``header_row``: 2 for a header spread over two rows (group
    #: titles merged over the row below); the print titles repeat them all.
    header_rows: int = 1
    #: Annual goals whose code is a number in a code column of its own (``1.1``): the number cannot
    #: say whether ``1.10`` was typed. Sheet row → {"shown": the number as read, "read": the code
    #: used, "other": the other reading, "by_order": whether the rows around it chose the reading}.
    typed_numbers: dict[int, dict[str, Any]] = field(default_factory=dict)
    _index_cache: "ReportIndex | None" = field(default=None, init=False, repr=False, compare=False)

    # --- the hierarchy, derived from codes -------------------------------------------------

    def index(self) -> "ReportIndex":
        """Look-ups by code and row, built once per items list (see ReportIndex). It is rebuilt
        when the list is replaced or grows/shrinks; an item's code edited in place is not seen."""
        index = self._index_cache
        if index is None or index.items is not self.items or index.size != len(self.items) \
                or index.rows is not self.rows or index.row_count != len(self.rows) \
                or index.last_code != [i.code for i in self.items[-1:]]:
            index = self._index_cache = ReportIndex(self)
        return index

    def of_level(self, level: Level) -> list[Item]:
        return list(self.index().levels.get(level, ()))

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
        return list(self.index().uncoded)

    def find(self, code: str) -> Item | None:
        """The first item with this normalised code."""
        return self.index().first.get(code)

    def children(self, code: str) -> list[Item]:
        """Items whose parent code is ``code`` (by code, wherever they stand)."""
        return list(self.index().children.get(code, ()))

    def actions_under(self, code: str) -> list[Item]:
        """All actions whose code starts with ``code.`` - the base of a goal's rollup."""
        return list(self.index().under.get(code, ()))

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
        """One line per item (and per uncoded row) in sheet order, with the finding codes of its row.
        Needs pandas (``pip install 'seuranta-xl[frames]'``); nothing else in the package does."""
        try:
            import pandas as pd
        except ImportError as exc:
            raise ImportError("Report.to_frame() needs pandas: pip install 'seuranta-xl[frames]'") from exc

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


class ReportIndex:
    """The report's items and rows by level, code, parent, goal and row: built once in one pass, so
    that rules and planners ask per goal or per row without a scan of all items per question (which
    made them quadratic on big reports).

    ``under[goal]`` holds the actions under a goal by code prefix (``01`` and ``01.05`` for
    ``01.05.01``), in sheet order: the one definition of "actions under a goal" (rollup, rules).
    """

    __slots__ = ("items", "size", "rows", "row_count", "last_code", "first", "children", "under",
                 "levels", "on_row", "row_of", "uncoded")

    def __init__(self, report: "Report") -> None:
        items, rows = report.items, report.rows
        self.items, self.size, self.rows, self.row_count = items, len(items), rows, len(rows)
        self.last_code = [i.code for i in items[-1:]]  # a cheap check that the list was not rewritten
        self.first: dict[str, Item] = {}
        self.children: dict[str, list[Item]] = {}
        self.under: dict[str, list[Item]] = {}
        self.levels: dict[str, list[Item]] = {"council": [], "annual": [], "action": []}
        #: Sheet row → the items on it, shallowest first (the last one owns the row's fields).
        self.on_row: dict[int, list[Item]] = {}
        #: Sheet row → its DataRow.
        self.row_of: dict[int, DataRow] = {}
        self.uncoded: list[DataRow] = []
        with collector.held():
            for item in items:
                self.levels[item.level].append(item)
                self.first.setdefault(item.code, item)
                self.on_row.setdefault(item.row, []).append(item)
                if item.parent is not None:
                    self.children.setdefault(item.parent, []).append(item)
                    if item.level == "action":
                        annual = item.parent
                        self.under.setdefault(annual, []).append(item)
                        self.under.setdefault(annual.split(".", 1)[0], []).append(item)
            for row in rows:
                self.row_of[row.row] = row
                if not row.codes and row.cells:
                    self.uncoded.append(row)
