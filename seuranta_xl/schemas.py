"""The published shapes of the JSON outputs, as pydantic models: what IT can validate what they
consume against (``seuranta-xl schema validate|validate-batch|rollup`` prints the JSON Schema).

The CLI writes these objects (cli/output.py); tests/test_schemas.py validates the real outputs
against the schemas, so a change of either shows. Extra keys are refused: a new key is a change of
the published shape and belongs here first. Imported only by the ``schema`` command and the tests
(pydantic stays off the validate path's hot loop).
"""

from __future__ import annotations

from typing import Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field

Severity = Literal["error", "warning", "info"]
Level = Literal["council", "annual", "action"]


class _Shape(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- validate ----------------------------------------------------------------------------------

class FindingOut(_Shape):
    """One finding (see docs/rules.md for the rules and their ``data`` keys)."""

    rule: str = Field(pattern=r"^[A-Z]\d{3}$", description="stable rule code, e.g. G101")
    severity: Severity
    sheet: str
    row: int | None = Field(description="1-based sheet row; null: about the whole report")
    column: str | None = Field(description="column letter; null: about the row")
    code: str | None = Field(description="goal/action code as staff write it (01., 01.05, 01.05.01)")
    message: str = Field(description="the finding in the run's language")
    data: dict[str, Any] = Field(description="rule-specific values (data only, no text in a language)")


class Counts(_Shape):
    rows: int
    council_goals: int
    annual_goals: int
    actions: int
    uncoded_rows: int
    errors: int
    warnings: int
    infos: int


class ValidateOutput(_Shape):
    """``seuranta-xl validate FILE --format json``: every report sheet of the workbook."""

    source: str
    sheet: str = Field(description="the first report sheet")
    sheets: list[str] = Field(description="every report sheet read, in workbook order")
    period: str | None
    counts: Counts
    findings: list[FindingOut]


class UnusableReport(_Shape):
    source: str
    error: str = Field(description="one line: why the file could not be used")


class BatchCounts(_Shape):
    files: int
    ok: int
    with_errors: int
    unusable: int


class ValidateBatchOutput(_Shape):
    """``seuranta-xl validate FILE FILE… | DIR --format json``."""

    reports: list[Union[ValidateOutput, UnusableReport]]
    counts: BatchCounts


# --- rollup ------------------------------------------------------------------------------------

class GoalOut(_Shape):
    sheet: str = Field(description="the report sheet the goal is on")
    code: str = Field(description="as staff write it: council goals 03., annual goals 03.06")
    level: Level
    name: str
    row: int
    computed: float | None = Field(description="mean of the valid action grades, 2 decimals")
    worst: int | None
    actions: int
    graded: int
    distribution: dict[Literal["1", "2", "3", "4", "5"], int]
    done_share: float | None
    reported: int | None = Field(description="the goal's own grade on its row")
    not_applicable: int = Field(description="actions marked \"ei sovellu / ei arvioitavissa\" (in no "
                                            "mean, worst or distribution)")


class TotalOut(_Shape):
    computed: float | None
    actions: int
    graded: int
    distribution: dict[Literal["1", "2", "3", "4", "5"], int]
    not_applicable: int = Field(description="actions marked not applicable")


class RollupOutput(_Shape):
    """``seuranta-xl rollup FILE --format json``: the goals of every report sheet."""

    source: str
    sheet: str = Field(description="the first report sheet")
    sheets: list[str]
    period: str | None
    goals: list[GoalOut]
    total: TotalOut = Field(description="the first report sheet's actions")
    totals: dict[str, TotalOut] = Field(description="report sheet → its actions' figures")


#: Output name → its model. The period comparison adds "compare" here (its output's model above).
SCHEMAS: dict[str, type[BaseModel]] = {
    "validate": ValidateOutput,
    "validate-batch": ValidateBatchOutput,
    "rollup": RollupOutput,
}


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one output."""
    schema = SCHEMAS[name].model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
