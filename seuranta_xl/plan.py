"""The plan: write actions as plain data, computed by the core and applied by an engine.

The openpyxl engine applies a plan to a file (headless, for IT); the xlwings engine applies the
same plan to a live workbook (the ribbon). Business logic never branches on the engine: a change
in what gets written is a change in the plan, and both engines follow.

Ranges are A1 references on one sheet (``F14:F600``); formulas are in English (Excel's
storage form), e.g. ``=AND($C14<>"",LEN(TRIM(F14))=0)``; colours are ``RRGGBB`` hex.
Every action that the tool owns carries enough to be found and removed again (``clear``).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, Field

#: Tag for everything seuranta_xl writes, so a later run can find and replace or remove it.
TAG = "seuranta_xl"


class SetValues(BaseModel):
    """Write a block of values with its top-left cell at ``anchor``. None clears a cell's value."""

    kind: Literal["set_values"] = "set_values"
    sheet: str
    anchor: str  # "E20"
    values: list[list[Any]]


class ListValidation(BaseModel):
    """A dropdown (data-validation list) on ``range`` whose items come from ``source``.

    ``stop``: invalid entries are refused (Excel's "Stop" style); otherwise warned but allowed.
    """

    kind: Literal["list_validation"] = "list_validation"
    sheet: str
    range: str  # "F14:F600"
    source: str  # "=Listat!$A$2:$A$6" or a defined name "=Etenemisaste"
    stop: bool = True
    prompt_title: str | None = None
    prompt: str | None = None
    error_title: str | None = None
    error: str | None = None


class ConditionalFormat(BaseModel):
    """A formula rule on ``range``: cells where ``formula`` is true get ``fill`` (and ``font``)."""

    kind: Literal["conditional_format"] = "conditional_format"
    sheet: str
    range: str
    formula: str  # relative to the range's top-left cell
    fill: str | None = None  # "FFC7CE"
    font: str | None = None  # "9C0006"
    stop_if_true: bool = False
    #: What the rule is for ("missing", "finding", "status"): clear removes ours by purpose.
    purpose: str


class DefinedName(BaseModel):
    """A workbook-level name (e.g. ``Etenemisaste`` → ``=Listat!$A$2:$A$6``)."""

    kind: Literal["defined_name"] = "defined_name"
    name: str
    refers_to: str


class Hyperlink(BaseModel):
    cell: str  # on the sheet being written, e.g. "F2"
    target: str  # in-workbook location, e.g. "'Raportti'!F20"
    text: str | None = None


class ChartSpec(BaseModel):
    """A chart on a sheet written by ReplaceSheet, drawn from ranges on that same sheet."""

    chart_type: Literal["bar_stacked", "column_stacked", "column", "bar"] = "bar_stacked"
    title: str
    categories: str  # "A2:A11"
    series: list[str]  # one range per series, header cell included, e.g. ["B1:B11", "C1:C11"]
    anchor: str  # top-left cell, e.g. "J2"
    width_cm: float = 18.0
    height_cm: float = 9.0


class ReplaceSheet(BaseModel):
    """Create (or delete and re-create) a whole sheet of ours: lists, summary, findings."""

    kind: Literal["replace_sheet"] = "replace_sheet"
    name: str
    rows: list[list[Any]]  # values from A1
    after: str | None = None  # place after this sheet (default: last)
    header_rows: int = 1  # bold, frozen
    column_widths: dict[str, float] = Field(default_factory=dict)  # "A" → width in characters
    number_formats: dict[str, str] = Field(default_factory=dict)  # column letter → format, e.g. "0.0"
    hyperlinks: list[Hyperlink] = Field(default_factory=list)
    charts: list[ChartSpec] = Field(default_factory=list)
    hidden: bool = False
    tab_color: str | None = None


class DeleteSheet(BaseModel):
    kind: Literal["delete_sheet"] = "delete_sheet"
    name: str


class ClearOwn(BaseModel):
    """Remove what an earlier run of ours put on ``sheet``: validations and/or conditional formats
    with the given purposes, defined names, and helper columns. Never touches anything not ours."""

    kind: Literal["clear_own"] = "clear_own"
    sheet: str
    validations: bool = False
    formats: list[str] = Field(default_factory=list)  # purposes, e.g. ["missing", "finding"]
    names: list[str] = Field(default_factory=list)


Action = Annotated[
    Union[SetValues, ListValidation, ConditionalFormat, DefinedName, ReplaceSheet, DeleteSheet, ClearOwn],
    Field(discriminator="kind"),
]


class Plan(BaseModel):
    """An ordered list of actions for one workbook; engines apply them in order."""

    actions: list[Action] = Field(default_factory=list)

    def add(self, *actions: Action) -> "Plan":
        self.actions.extend(actions)
        return self

    def __add__(self, other: "Plan") -> "Plan":
        return Plan(actions=[*self.actions, *other.actions])
