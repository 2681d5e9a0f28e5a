"""Loading a report and running the rule catalogue over it: the core's public entry points."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Union

from .errors import InputError
from .grid import Grid
from .header import find_header
from .messages import t
from .model import Finding, Report
from .parse import build_report
from .files.reader import read_grids
from .rules import RULES, Rule
from .settings import Settings

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


def check(report: Report, settings: Settings) -> list[Finding]:
    """Run the selected rules and return their findings sorted by row, column and severity."""
    findings = []
    for rule in selected_rules(settings):
        override = settings.severity.get(rule.code)
        for hit in rule.check(report, settings):
            findings.append(Finding(
                rule=rule.code, severity=override or hit.severity or rule.severity, sheet=report.sheet, row=hit.row,
                column=hit.column, code=hit.code,
                # The goal code is always available to message templates as {code}.
                message=rule.message(settings.language, {"code": hit.code or "", **hit.args}),
                data=dict(hit.args),
            ))
    findings.sort(key=lambda f: (f.row or 0, f.column or "", _SEVERITY_ORDER[f.severity], f.rule))
    return findings


def validate(source: Source, settings: Settings | None = None, *, sheet: str | None = None) -> Report:
    """Read (if needed) and validate a report: the returned Report carries ``findings``."""
    settings = settings or Settings()
    report = load_report(source, sheet=sheet, settings=settings)
    return report.model_copy(update={"findings": check(report, settings)})


def default_config_path(source: Source) -> Path | None:
    """``seuranta.toml`` next to the input file, when there is one."""
    if isinstance(source, (Grid, Report)):
        return None
    candidate = Path(source).parent / "seuranta.toml"
    return candidate if candidate.is_file() else None


def load_reports(source: Source, *, settings: Settings | None = None) -> list[Report]:
    """Every report sheet of a file (each sheet with a header row), in workbook order: for the
    several-report-sheets layout. A Report or Grid gives a list of one. InputError when none has one."""
    settings = settings or Settings()
    if isinstance(source, (Report, Grid)):
        return [load_report(source, settings=settings)]
    return reports_of(read_grids(source, settings.language, limits=settings.limits), os.fspath(source), settings)


def reports_of(grids: Iterable[Grid], source: str, settings: Settings) -> list[Report]:
    """The report sheets among ``grids`` (see :func:`load_reports`)."""
    reports, empty = [], None
    for grid in grids:
        if find_header(grid) is None:
            continue
        try:
            reports.append(build_report(grid, settings.scale, settings.language))
        except InputError as exc:  # a header without rows: the other sheets may still be reports
            empty = empty or exc
    if not reports:
        raise empty or InputError(source, t("no_header_any", settings.language))
    return reports
