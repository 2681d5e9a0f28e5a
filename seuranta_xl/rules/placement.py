"""C: values in the wrong column (the hierarchy is read by code, so these are warnings)."""

from __future__ import annotations

from typing import Iterator

from ..grid import column_index, column_letter
from ..header import TITLES
from ..model import Report
from ..settings import Settings
from ._registry import Hit, level_args, rule

_SNIPPET = 60


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SNIPPET else text[: _SNIPPET - 1] + "…"


@rule("C101", "code-in-wrong-column", "warning",
      fi="{code} ({level_fi}) on sarakkeessa {column}; se kuuluu sarakkeeseen {expected} ({title}).",
      en="{code} ({level_en}) is in column {column}; it belongs in column {expected} ({title}).")
def code_in_wrong_column(report: Report, settings: Settings) -> Iterator[Hit]:
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
    for item in report.items:
        expected = report.columns.get(item.level)
        if expected and item.column != expected:
            args = {"column": item.column, "expected": expected, "title": TITLES[item.level]}
            yield Hit(item.row, item.column, item.display_code, args | level_args(item.level))


@rule("C102", "text-without-code-in-name-column", "warning",
      fi="Sarakkeessa {column} ({title}) on tekstiä ilman koodia: \"{text}\". {hint_fi}",
      en="Column {column} ({title}) holds text without a code: \"{text}\". {hint_en}")
def stray_text(report: Report, settings: Settings) -> Iterator[Hit]:
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
    risks = report.columns.get("risks")
    for row in report.rows:
        if not row.codes or not row.stray:
            continue
        items = [i for i in report.items if i.row == row.row]
        for field, letter, text in row.stray:
            args = {"column": letter, "title": TITLES[field], "text": _snippet(text)}
            nameless = next((i for i in items if not i.name.strip()
                             and column_letter(column_index(i.column) + 1) == letter), None)
            if nameless is not None:
                args["belongs"] = "name"
                args["hint_fi"] = f"Se on todennäköisesti koodin {nameless.display_code} nimi (samaan soluun koodin kanssa)."
                args["hint_en"] = f"It is probably the name of {nameless.display_code} (same cell as the code)."
            elif risks and "risks" not in row.cells:
                args["belongs"] = risks
                args["hint_fi"] = f"Se kuuluu todennäköisesti riskisarakkeeseen {risks} ({TITLES['risks']})."
                args["hint_en"] = f"It probably belongs in the risks column {risks} ({TITLES['risks']})."
            else:
                args["belongs"] = None
                args["hint_fi"] = "Lisää koodi tai siirrä teksti oikeaan sarakkeeseen."
                args["hint_en"] = "Add a code or move the text to the right column."
            code = items[-1].display_code if items else None
            yield Hit(row.row, letter, code, args)
