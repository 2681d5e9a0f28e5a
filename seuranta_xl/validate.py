"""Loading a report and running the rule catalogue over it: the core's public entry points."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Union

from . import collector
from .errors import InputError
from .grid import Grid
from .header import find_header
from .messages import t
from .model import Finding, Report
from .parse import build_report
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
    lang = settings.language
    if isinstance(source, Report):
        return source
    if isinstance(source, Grid):
        return build_report(source, settings.scale, lang)
    grids = read_grids(source, lang, limits=settings.limits)
    names = []
    for grid in grids:
        names.append(grid.sheet)
        if sheet is not None:
            if grid.sheet == sheet:
                return build_report(grid, settings.scale, lang)
        elif find_header(grid) is not None:
            return build_report(grid, settings.scale, lang)
    name = os.fspath(source)
    if sheet is not None:
        raise InputError(name, t("no_sheet", lang, sheet=sheet, sheets=", ".join(names)))
    raise InputError(name, t("no_header_any", lang))


def selected_rules(settings: Settings) -> list[Rule]:
    """The rules that run under ``settings.select`` / ``settings.ignore`` (code prefixes)."""
    def chosen(code: str) -> bool:
        if settings.select and not any(code.startswith(p) for p in settings.select):
            return False
        return not any(code.startswith(p) for p in settings.ignore)

    return [r for r in RULES.values() if chosen(r.code)]


def check(report: Report, settings: Settings, *, rollup: "Rollup | None" = None) -> list[Finding]:
    """Run the selected rules over one run's context (the report's index, the settings and the
    rollup - ``rollup`` when the caller has it already - built once) and return their findings
    sorted by row, column and severity, with messages in ``settings.language``."""
    with collector.held():
        findings = _run(RunContext(report, settings, rollup))
        # The context (and its per-run tables, e.g. millions of word triples) is freed here, by
        # reference counting, before the collector runs again: it never has to scan them.
        findings.sort(key=lambda f: (f.row or 0, f.column or "", _SEVERITY_ORDER[f.severity], f.rule))
    return findings


def _run(context: RunContext) -> list[Finding]:
    settings = context.settings
    lang, sheet = settings.language, context.report.sheet
    findings = []
    for rule in selected_rules(settings):
        override = settings.severity.get(rule.code)
        for hit in rule.check(context):
            findings.append(Finding(
                rule=rule.code, severity=override or hit.severity or rule.severity, sheet=sheet,
                row=hit.row, column=hit.column, code=hit.code,
                message=rule.message(lang, hit.args, hit.code), data=dict(hit.args)))
    return findings


def render(finding: Finding, lang: str) -> str:
    """A finding's message in another language than the run's (from its rule, code and data)."""
    return RULES[finding.rule].message(lang, finding.data, finding.code)


def validate(source: Source, settings: Settings | None = None, *, sheet: str | None = None) -> Report:
    """Read (if needed) and validate a report: the returned Report carries ``findings``."""
    settings = settings or Settings()
    report = load_report(source, sheet=sheet, settings=settings)
    return report.model_copy(update={"findings": check(report, settings)})
