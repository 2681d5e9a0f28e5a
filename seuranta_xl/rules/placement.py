"""C: values in the wrong column (the hierarchy is read by code, so these are warnings)."""

from __future__ import annotations

from typing import Any, Iterator

from ..grid import column_index, column_letter
from ..header import TITLES
from ..messages import t
from ._registry import Hit, RunContext, rule

_SNIPPET = 60


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SNIPPET else text[: _SNIPPET - 1] + "…"


@rule("C101", "code-in-wrong-column", "warning")
def code_in_wrong_column(ctx: RunContext) -> Iterator[Hit]:
    """
    What it checks:
        A code standing in another name column than its level's: an action code
        (``NN.NN.NN``) in Vuositavoite, an annual goal (``NN.NN``) in Valtuustokauden tavoite
        or Toimenpide, and so on.
    Why it matters:
        The tool reads the level from the code, so the rollup is still right; but people,
        filters and Excel's own formulas read the column, and a shifted code usually drags the
        rest of the row one column off as well.
    Example:
        ``12.03.01 Kehitämme henkilöstön tietosuojatietoisuutta`` in column B (Vuositavoite).
    How to fix:
        Move the cell to the column named in the message (and check the cells to its right).
    """
    for item in ctx.report.items:
        expected = ctx.report.columns.get(item.level)
        if expected and item.column != expected:
            args = {"column": item.column, "expected": expected, "title": TITLES[item.level], "level": item.level}
            yield Hit(item.row, item.column, item.display_code, args)


def _hint(data: dict[str, Any], lang: str) -> dict[str, str]:
    """Where the stray text probably belongs, from ``belongs``: a nameless code's name, the risks column, or unknown."""
    belongs = data.get("belongs")
    if belongs == "name":
        return {"hint": t("rule.C102.hint.name", lang, name_of=data["name_of"])}
    if belongs:
        return {"hint": t("rule.C102.hint.risks", lang, belongs=belongs, risks_title=TITLES["risks"])}
    return {"hint": t("rule.C102.hint.none", lang)}


@rule("C102", "text-without-code-in-name-column", "warning", params=_hint)
def stray_text(ctx: RunContext) -> Iterator[Hit]:
    """
    What it checks:
        Text without a code in a name column (Valtuustokauden tavoite, Vuositavoite,
        Toimenpide) on a row that has a code elsewhere. Usually risk text shifted one column
        to the left together with the code; then the finding names the risks column. Rows
        without any code are H107's.
    Why it matters:
        The text is not read as risks, so the goal looks as if it had none, and the name
        column shows a risk where readers expect a goal.
    Example:
        Row with ``12.03.01 …`` in Vuositavoite and ``Lisäämme henkilökunnan tietosuoja …``
        in Toimenpide, while the risks column is empty.
    How to fix:
        Move the text to the column the message names (usually Merkittävimmät … riskit), and
        the code to its own column.
    """
    risks = ctx.report.columns.get("risks")
    on_row = ctx.index.on_row
    for row in ctx.report.rows:
        if not row.codes or not row.stray:
            continue
        items = on_row.get(row.row, [])
        for field, letter, text in row.stray:
            args: dict[str, Any] = {"column": letter, "title": TITLES[field], "text": _snippet(text)}
            nameless = next((i for i in items if not i.name.strip()
                             and column_letter(column_index(i.column) + 1) == letter), None)
            if nameless is not None:
                args["belongs"] = "name"
                args["name_of"] = nameless.display_code
            elif risks and "risks" not in row.cells:
                args["belongs"] = risks
            else:
                args["belongs"] = None
            code = items[-1].display_code if items else None
            yield Hit(row.row, letter, code, args)
