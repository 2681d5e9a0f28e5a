"""Loading a report and running the rule catalogue over it: the core's public entry points."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Iterable, Union

from . import collector
from .errors import InputError
from .grid import Grid
from .header import closest_header, find_header
from .messages import t
from .model import Finding, Report
from .parse import build_report, header_missing
from .files.reader import read_grids
from .rules import RULES, Rule, RunContext
from .settings import Settings

if TYPE_CHECKING:
    from .rollup import Rollup

Source = Union[str, os.PathLike, Grid, Report]
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def load_report(source: Source, *, sheet: str | None = None, settings: Settings | None = None) -> Report:
    """Read a report from a file (.xlsx/.xlsm/.txt/.tsv/.csv) or a Grid.

    A workbook's report sheet is ``sheet``, or else the first sheet that has the header row.
    Raises InputError (exit code 2) when nothing usable is found.
    """
    settings = settings or Settings()
    if isinstance(source, Report):
        return source
    if isinstance(source, Grid):
        return build_report(source, settings.scale, settings.language, titles=settings.columns)
    grids = read_grids(source, settings.language, limits=settings.limits)
    return report_from_grids(grids, os.fspath(source), sheet=sheet, settings=settings)


def load_reports(source: Source, *, sheets: Iterable[str] = (),
                 settings: Settings | None = None) -> list[Report]:
    """Every report sheet of a file (a text export has one), or the ``sheets`` named. A Report or
    Grid gives a list of one."""
    settings = settings or Settings()
    if isinstance(source, (Report, Grid)):
        return [load_report(source, settings=settings)]
    grids = read_grids(source, settings.language, limits=settings.limits)
    return reports_from_grids(grids, os.fspath(source), sheets=sheets, settings=settings)


def report_from_grids(grids: Iterable[Grid], source: str, *, sheet: str | None = None,
                      settings: Settings | None = None, allow_empty: bool = False) -> Report:
    """The report on ``sheet``, else the first report sheet (see :func:`reports_from_grids`)."""
    reports = reports_from_grids(grids, source, sheets=(sheet,) if sheet else (), settings=settings,
                                 allow_empty=allow_empty, first_only=sheet is None)
    return reports[0]


def reports_from_grids(grids: Iterable[Grid], source: str, *, sheets: Iterable[str] = (),
                       settings: Settings | None = None, allow_empty: bool = False,
                       first_only: bool = False) -> list[Report]:
    """Every report sheet of a workbook, in workbook order; or the ``sheets`` named (by name,
    case-insensitively as Excel matches them).

    A sheet is a report when it has a recognised header and coded rows (a goal, or at least two
    coded rows): instructions (a sheet named "Ohje", "Täyttöohje", "Instructions" …, or one example
    action), lists, settings and summary sheets are not; nor is an archive or notes sheet (named
    "Arkisto 2024", "Muistiinpanot", "Arkiv", "Notes" …) or a sheet the workbook hides (an old
    copy) with the same header, when another sheet is a report (else it is the report). A sheet named in ``sheets`` is always read. ``allow_empty``: a header alone will do (a blank template). InputError (exit 2) when nothing is a report, naming what was looked for and what
    the closest sheet lacked.
    """
    settings = settings or Settings()
    lang = settings.language
    wanted = {s.casefold(): s for s in sheets}
    names: list[str] = []
    found: list[Report] = []
    closest: InputError | None = None  # why the first sheet with a header is not a report
    partial: tuple[int, Grid] | None = None  # the sheet whose header came closest, when none has one
    archived: list[Report] = []  # reports on archive, notes or hidden sheets: read only when nothing else is
    for grid in grids:
        names.append(grid.sheet)
        if wanted:
            if grid.sheet.casefold() in wanted:
                found.append(build_report(grid, settings.scale, lang, allow_empty=allow_empty, titles=settings.columns))
            continue
        if _is_instructions(grid.sheet):
            continue
        if find_header(grid, settings.columns) is None:
            near = closest_header(grid, settings.columns)
            if near is not None and len(near[1]) >= 2 and (partial is None or len(near[1]) > partial[0]):
                partial = (len(near[1]), grid)
            continue
        try:
            report = build_report(grid, settings.scale, lang, allow_empty=allow_empty, titles=settings.columns)
        except InputError as exc:  # a header and nothing under it
            closest = closest or exc
            continue
        if (_has_goals(report) or allow_empty) and (_is_archive(grid.sheet) or grid.hidden):
            archived.append(report)
        elif _has_goals(report) or allow_empty:
            found.append(report)
            if first_only:
                break
        else:
            closest = closest or InputError.of(source, "no_coded_rows", lang, sheet=grid.sheet)
    if wanted:
        present = {n.casefold() for n in names}
        missing = [name for key, name in wanted.items() if key not in present]
        if missing:
            raise InputError.of(source, "no_sheet", lang, sheet=missing[0], sheets=", ".join(names))
    if not found and archived:
        found = archived[:1] if first_only else archived
    if not found:
        if closest is None and partial is not None:
            closest = header_missing(partial[1], lang, settings.columns)
        raise closest or InputError.of(source, "no_header_any", lang)
    return found


#: Words that name an instructions sheet (its example rows are not a report) in fi, sv and en.
_INSTRUCTION_WORDS = ("ohje", "esimerk", "malli", "anvisning", "exempel", "instruction", "example", "help")


#: Words that name a sheet kept beside the report - an archive of earlier periods, notes - whose
#: header may be the report's (fi, sv, en).
_ARCHIVE_WORDS = ("arkisto", "muistiinpan", "arkiv", "anteckning", "archive", "notes")


def _is_archive(name: str) -> bool:
    folded = name.casefold()
    return any(word in folded for word in _ARCHIVE_WORDS)


def _is_instructions(name: str) -> bool:
    folded = name.casefold()
    return any(word in folded for word in _INSTRUCTION_WORDS)


def _has_goals(report: Report) -> bool:
    """At least one goal (council or annual) or two coded rows: a lone example action is not a report."""
    return any(i.level != "action" for i in report.items) or len(report.items) >= 2


def selected_rules(settings: Settings) -> list[Rule]:
    """The rules that run under ``settings.select`` / ``settings.ignore`` (code prefixes)."""
    def chosen(code: str) -> bool:
        if settings.select and not any(code.startswith(p) for p in settings.select):
            return False
        return not any(code.startswith(p) for p in settings.ignore)

    return [r for r in RULES.values() if chosen(r.code)]


def check(report: Report, settings: Settings, *, rollup: "Rollup | None" = None,
          previous: Report | None = None, period: str | None = None) -> list[Finding]:
    """Run the selected rules over one run's context (the report's index, the settings and the
    rollup - ``rollup`` when the caller has it already - built once) and return their findings
    sorted by row, column and severity, with messages in ``settings.language``.

    ``previous``: the same sheet of the previous period's report (rule S101 compares with it; see
    :func:`previous_sheets`); ``period``: the reporting period when the title does not say (S102)."""
    with collector.held():
        findings = _run(RunContext(report, settings, rollup, previous=previous, period=period))
        # The context (and its per-run tables, e.g. millions of word triples) is freed here, by
        # reference counting, before the collector runs again: it never has to scan them.
        findings.sort(key=lambda f: (f.row or 0, f.column or "", _SEVERITY_ORDER[f.severity], f.rule))
    collector.give_back()  # the triples' set tables live in the C heap: hand their pages back
    return findings


#: Findings of one rule on one sheet at most; the rest are counted in one more finding. A sheet of
#: junk (125,000 rows of a stray number) would otherwise make millions of findings and gigabytes.
MAX_FINDINGS_PER_RULE = 10_000


def _run(context: RunContext) -> list[Finding]:
    settings = context.settings
    lang, sheet = settings.language, context.report.sheet
    findings = []
    for rule in selected_rules(settings):
        override = settings.severity.get(rule.code)
        message = rule.renderer(lang)
        hits = rule.check(context)
        for count, hit in enumerate(hits):
            if count == MAX_FINDINGS_PER_RULE:
                more = 1 + sum(1 for _ in hits)
                findings.append(Finding(rule=rule.code, severity="info", sheet=sheet, row=None, column=None,
                                        code=None, message=t("findings_more", lang, rule=rule.code, count=more),
                                        data={"truncated": more}))
                break
            # Positional (rule, severity, sheet, row, column, code, message, data): a quarter of
            # the keyword call's cost, thousands of times.
            findings.append(Finding(rule.code, override or hit.severity or rule.severity, sheet, hit.row,
                                    hit.column, hit.code, message(hit.args, hit.code), dict(hit.args)))
    return findings


def render(finding: Finding, lang: str) -> str:
    """A finding's message in another language than the run's (from its rule, code and data)."""
    if "truncated" in finding.data:
        return t("findings_more", lang, rule=finding.rule, count=finding.data["truncated"])
    return RULES[finding.rule].message(lang, finding.data, finding.code)


def validate(source: Source, settings: Settings | None = None, *, sheet: str | None = None,
             previous: "Source | list[Report] | None" = None, period: str | None = None) -> Report:
    """Read (if needed) and validate a report: the returned Report carries ``findings``.

    A file's report sheet runs with the lists of the person's own dropdowns on its responsible and
    status columns as its roles and statuses, as on the command line.
    ``previous``: the previous period's report (a file, a Report or its report sheets) for rule
    S101; ``period`` (e.g. ``"1-8/2026"``) for the schedule's rule S102 when the title lacks it.
    InputError (exit 2) when ``previous`` cannot be read or ``period`` is not a period."""
    settings = settings or Settings()
    if isinstance(source, (Grid, Report)):
        report, own = load_report(source, sheet=sheet, settings=settings), settings
    else:
        report, own = _with_own_lists(source, sheet, settings)
    check_period(period, report.source, settings.language)
    before = previous_sheets([report], previous, settings).get(report.sheet) if previous is not None else None
    return report.model_copy(update={"findings": check(report, own, previous=before, period=period)})


def _with_own_lists(source: "str | os.PathLike[str]", sheet: str | None, settings: Settings) -> tuple[Report, Settings]:
    """The report on ``sheet`` of a file and the settings its rules run with: ``settings`` with the
    lists of the person's own dropdowns on the responsible and status columns, by the same function
    the command pipeline uses (:func:`seuranta_xl.config.own_list_settings`). The file is read once."""
    from pathlib import Path

    from .config import own_list_settings
    from .files.lists import workbook_lists
    from .files.prescan import read_regular

    path, name, lang = Path(source), os.fspath(source), settings.language
    data = read_regular(path, lang, limit=settings.limits.max_uncompressed_bytes)
    grids = list(read_grids(path, lang, limits=settings.limits, data=data))
    report = report_from_grids(grids, name, sheet=sheet, settings=settings)
    validations, names = workbook_lists(data, name, path.suffix, [report.sheet], lang)
    return report, own_list_settings([report], settings, validations, names, lambda: grids)[report.sheet]


def check_period(period: str | None, source: str, lang: str = "fi") -> None:
    """InputError (exit 2) when a period was given and names no month (``--period 1-8/2026``)."""
    from .schedule import month_of

    if period is not None and month_of(period, year_alone=True) is None:
        raise InputError.of(source, "period_invalid", lang, period=period)


def previous_sheets(reports: list[Report], previous: "Source | list[Report]",
                    settings: Settings) -> dict[str, Report]:
    """Each report sheet's counterpart in the previous report (read from ``previous`` when it is a
    file), by report sheet name: paired by name (case-insensitively, as Excel names match), and
    when one sheet is left on each side, those two (one sheet each, or an ``.xlsx`` against its
    text export). A sheet with no counterpart is left out. InputError when ``previous`` is unusable."""
    if isinstance(previous, Report):
        before = [previous]
    elif isinstance(previous, list):
        before = previous
    else:
        before = load_reports(previous, settings=settings)
    by_name = {r.sheet.casefold(): r for r in reversed(before)}
    found: dict[str, Report] = {}
    for report in reports:
        match = by_name.pop(report.sheet.casefold(), None)
        if match is not None:
            found[report.sheet] = match
    rest = [r for r in reports if r.sheet not in found]
    if len(rest) == 1 and len(by_name) == 1:
        found[rest[0].sheet] = next(iter(by_name.values()))
    return found


def reports_of(grids: Iterable[Grid], source: str, settings: Settings) -> list[Report]:
    """The report sheets among ``grids`` (see :func:`reports_from_grids`)."""
    return reports_from_grids(grids, source, settings=settings)
