"""R: fields each level must fill in (``settings.required``).

The grade is not here: G101 is the required-grade rule (it reads ``required`` too), so a missing
grade is reported once. Items that share their row with a deeper item (``owns_row`` False) have
no fields of their own and are never reported as missing anything.
"""

from __future__ import annotations

from typing import Iterator

from ..header import TITLES
from ..model import Item, Report
from ..settings import Settings
from ._registry import Hit, level_args, rule

# Fields with their own rule; any other required field is R104's.
_OWN_RULE = {"grade", "progress", "responsible"}


def _owners(report: Report) -> Iterator[Item]:
    return (i for i in report.items if i.owns_row)


def _empty(item: Item, field: str) -> bool:
    value = getattr(item, field)
    return value is None or (isinstance(value, str) and not value.strip())


def _missing(report: Report, settings: Settings, field: str) -> Iterator[Hit]:
    column = report.columns.get(field)
    if column is None:
        return  # no such column at all: R105 says so once, instead of once per row
    for item in _owners(report):
        if field in settings.required.get(item.level, []) and _empty(item, field):
            yield Hit(item.row, column, item.display_code, level_args(item.level))


@rule("R101", "missing-progress", "warning",
      fi="Eteneminen puuttuu ({level_fi} {code}).",
      en="Progress text (Eteneminen) is missing ({level_en} {code}).")
def missing_progress(report: Report, settings: Settings) -> Iterator[Hit]:
    """
    What it checks:
        An item whose level must report progress (``required``; by default actions and annual
        goals) and whose Eteneminen cell is empty.
    Why it matters:
        The grade says how far; the text says what was done and what is next. The council
        cannot judge a grade without it.
    Example:
        ``07.05.02 Varmistamme maahanmuuttajien …`` with grade 2 and an empty Eteneminen.
    How to fix:
        Write a few sentences on what has been done in the period and what comes next.
    """
    return _missing(report, settings, "progress")


@rule("R102", "missing-responsible", "warning",
      fi="Vastuuhenkilö puuttuu ({level_fi} {code}).",
      en="Responsible (Vastuuhenkilö) is missing ({level_en} {code}).")
def missing_responsible(report: Report, settings: Settings) -> Iterator[Hit]:
    """
    What it checks:
        An item whose level must name a responsible (``required``; by default actions and
        annual goals) and whose Vastuuhenkilö cell is empty.
    Why it matters:
        Nobody is asked about an action without an owner; follow-up questions go nowhere.
    Example:
        ``10.01.01 …`` with an empty Vastuuhenkilö.
    How to fix:
        Pick the responsible role from the dropdown.
    """
    return _missing(report, settings, "responsible")


@rule("R103", "missing-risks", "info",
      fi="Riskejä ei ole kirjattu ({level_fi} {code}).",
      en="No risks are recorded ({level_en} {code}).")
def missing_risks(report: Report, settings: Settings) -> Iterator[Hit]:
    """
    What it checks:
        An action or annual goal (any level with required fields) whose risks column is
        empty. Not reported on a row whose text stands in a name column (C102 says the risks
        probably are there), nor when ``risks`` is itself required (then R104 reports it).
    Why it matters:
        Often there simply is no significant risk, so this is only a note; but an empty cell
        cannot tell "no risks" from "forgot to fill in".
    Example:
        ``03.05.01 Tarkennamme …`` with nothing under Merkittävimmät … riskit.
    How to fix:
        Write the main risks, or e.g. ``Ei merkittäviä riskejä`` when there are none.
    """
    column = report.columns.get("risks")
    if column is None:
        return
    stray_rows = {r.row for r in report.rows if r.stray}
    for item in _owners(report):
        required = settings.required.get(item.level, [])
        if required and "risks" not in required and item.row not in stray_rows and _empty(item, "risks"):
            yield Hit(item.row, column, item.display_code, level_args(item.level))


@rule("R104", "missing-required-field", "warning",
      fi="Pakollinen tieto {title} puuttuu ({level_fi} {code}).",
      en="Required field {title} is missing ({level_en} {code}).")
def missing_required_field(report: Report, settings: Settings) -> Iterator[Hit]:
    """
    What it checks:
        Any other field a level is configured to require (``required``, e.g. ``risks`` or
        ``status`` for actions) that is empty. Grade, progress and responsible have their own
        rules (G101, R101, R102).
    Why it matters:
        A municipality that makes a field mandatory wants every row to have it; this is how
        the tool enforces their own policy.
    Example:
        With ``required.action = ["grade", "progress", "responsible", "risks"]``, an action
        with an empty risks column.
    How to fix:
        Fill in the field named in the message.
    """
    for item in _owners(report):
        for field in settings.required.get(item.level, []):
            if field in _OWN_RULE or field in ("council", "annual", "action"):
                continue
            if field in report.columns and _empty(item, field):
                args = {"title": TITLES[field], "field": field} | level_args(item.level)
                yield Hit(item.row, report.columns.get(field), item.display_code, args)


@rule("R105", "missing-required-column", "warning",
      fi="Otsikkorivillä ei ole saraketta {title}, vaikka se on pakollinen tieto; sitä ei voitu tarkistaa.",
      en="The header has no column {title} although it is a required field; it could not be checked.")
def missing_required_column(report: Report, settings: Settings) -> Iterator[Hit]:
    """
    What it checks:
        A field some level must fill in (``required``) that has no column in the report's
        header at all. Reported once, on the header row, instead of once per row.
    Why it matters:
        A report laid out without, say, Vastuuhenkilö cannot meet the requirement on any row;
        the layout differs from the template, or the column's title is misspelled so that it
        was not recognised.
    Example:
        A sheet whose columns are Toimenpide, Etenemisaste and Eteneminen only, with the
        default requirements (Vastuuhenkilö missing).
    How to fix:
        Add the column with its usual title (see the template), or correct the title of the
        existing column, or drop the field from ``required``.
    """
    wanted: list[str] = []
    for level, fields in settings.required.items():
        if not any(i.level == level for i in report.items):
            continue
        for field in fields:
            if field not in wanted and field not in ("council", "annual", "action"):
                wanted.append(field)
    for field in wanted:
        if field not in report.columns:
            yield Hit(report.header_row, None, None, {"title": TITLES[field], "field": field})
