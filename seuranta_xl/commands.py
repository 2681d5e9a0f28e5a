"""The command table: every command's pipeline, once, for the CLI, the ribbon and the tests.

    result = run_command(workbook, "run", Options(sheets=("Raportti",)))

``workbook`` is any implementation of the facade (:class:`seuranta_xl.write.engine.Workbook`): a file
on disk (:class:`seuranta_xl.write.file_workbook.FileWorkbook`) or the book open in Excel
(:class:`seuranta_xl.excel.live.LiveWorkbook`). The pipeline is always the same:

    settings (from the workbook itself) → the report sheet's grid (read once) → Report
    → [state of what is ours] → COMMANDS[name](context) → (Plan, Summary) → workbook.apply(plan)

A command function is pure: it reads the context and returns a plan and a summary. The summary is
data (a message id with its parameters, the findings worth listing, the exit status); the CLI prints
it and the ribbon shows it, each rendering the message in the user's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable


if TYPE_CHECKING:
    from .model import Finding, Report
    from .rollup import Rollup
    from .settings import Settings
    from .write.actions import Plan, WorkbookState
    from .write.engine import Applied, Workbook


class ExitStatus(IntEnum):
    """Exit codes of every command (httpie's ``ExitStatus``)."""

    OK = 0  #: no error findings
    ERRORS = 1  #: error findings in the report
    UNUSABLE = 2  #: the input (file, settings, workbook state) cannot be used
    INTERRUPTED = 130


@dataclass(frozen=True)
class Options:
    """What a caller may ask of a command besides the workbook: which report sheet, ``clear --all``."""

    #: The report sheets to work on (by name); none: every report sheet of the workbook.
    sheets: tuple[str, ...] = ()
    all: bool = False
    language: str | None = None
    #: A report with a header and no rows yet is fine (``new`` prepares a blank template).
    empty: bool = False
    #: The other file or folder a reporting-cycle command works with: the previous report
    #: (``changes``), the folder of returned answers (``merge``), the folder to split into (``split``).
    other: str | None = None
    #: ``merge``: several returned files or folders (instead of one ``other``).
    others: tuple[str, ...] = ()
    #: ``split``: replace files already in the folder; the sheet protection's password.
    force: bool = False
    password: str | None = None
    #: The previous period's report (a file) the rules compare with (S101: not updated since).
    previous: str | None = None
    #: The reporting period (``"1-8/2026"``) when the title does not say (S102: behind schedule).
    period: str | None = None


@dataclass
class Summary:
    """What a command did, as data: ``message`` is a catalogue id rendered with ``params`` at the edge.

    ``listed``: findings the summary shows (U103 for a rollup; all of them for ``run``/``validate``);
    ``report``: the report with the findings of this run.
    """

    command: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)
    reports: "list[Report]" = field(default_factory=list)
    listed: "list[Finding]" = field(default_factory=list)
    status: ExitStatus = ExitStatus.OK
    #: The command's own result for a full report (a Comparison, a MergeResult, a SplitResult).
    data: Any = None

    @property
    def report(self) -> "Report | None":
        """The first report sheet's report (the only one in most workbooks)."""
        return self.reports[0] if self.reports else None

    @property
    def findings(self) -> "list[Finding]":
        return [f for r in self.reports for f in r.findings]


@dataclass
class Result:
    """One run of a command: the plan it computed, its summary and what the engine did."""

    plan: "Plan"
    summary: Summary
    applied: "Applied | None" = None


@dataclass
class Context:
    """The inputs of one command, each computed at most once."""

    workbook: "Workbook"
    settings: "Settings"
    reports: "list[Report]"
    options: Options
    writes: bool
    #: Whether the command's plan sets up printing (reads the report sheet's page setup): in the
    #: open book every page-setup property read asks the printer driver, so the rest skip it.
    page_setup: bool = True

    @property
    def report(self) -> "Report":
        return self.reports[0]

    @cached_property
    def state(self) -> "WorkbookState":
        from .write.actions import WorkbookState

        if not self.writes:
            return WorkbookState()
        return self.workbook.state(self.report.sheet, page_setup=self.page_setup)

    @cached_property
    def rollups(self) -> "dict[str, Rollup]":
        """Report sheet → its rollup."""
        from .rollup import compute_rollup

        return {r.sheet: compute_rollup(r) for r in self.reports}

    @property
    def rollup(self) -> "Rollup":
        return self.rollups[self.report.sheet]

    @cached_property
    def sheet_settings(self) -> "dict[str, Settings]":
        """Report sheet → the settings its rules run with: the workbook's, with the roles and statuses
        lists of dropdowns of the person's own on that sheet's responsible and Kokonais-tilanne
        columns (:func:`seuranta_xl.config.own_list_settings`, the Python API's path too)."""
        from .config import own_list_settings

        wanted = [r for r in self.reports if "responsible" in r.columns or "status" in r.columns]
        if not wanted:
            return {r.sheet: self.settings for r in self.reports}
        validations, names = self.workbook.lists([r.sheet for r in wanted])
        return own_list_settings(self.reports, self.settings, validations, names, self.workbook.grids)

    @cached_property
    def previous(self) -> "dict[str, Report]":
        """Report sheet → its counterpart in the previous report (``options.previous``), read once."""
        if not self.options.previous:
            return {}
        from .validate import previous_sheets

        return previous_sheets(self.reports, self.options.previous, self.settings)

    @cached_property
    def findings(self) -> "list[Finding]":
        """The validator's findings on every report sheet (each with its :attr:`sheet_settings`); for
        a workbook about to be written, as the planners see them."""
        previous, period = self.previous, self.options.period
        if self.writes:
            from .write.planners import findings_for

            return findings_for(self.reports, self.settings, self.state, previous=previous, period=period,
                                sheet_settings=self.sheet_settings)
        from .validate import check

        return [f for r in self.reports
                for f in check(r, self.sheet_settings[r.sheet], previous=previous.get(r.sheet), period=period)]

    def checked(self) -> "list[Report]":
        """Each report with its own findings."""
        return [r.model_copy(update={"findings": [f for f in self.findings if f.sheet == r.sheet]})
                for r in self.reports]


# --- the commands -----------------------------------------------------------------------------


def _validate(ctx: Context) -> "tuple[Plan, Summary]":
    from .write.plan import Plan

    reports = ctx.checked()
    return Plan(), Summary("validate", "summary.validate", _counts(reports), reports, ctx.findings, _status(reports))


def _dropdowns(ctx: Context) -> "tuple[Plan, Summary]":
    from .write.planners import dropdown_rows, dropdowns_plan

    first, last = dropdown_rows(ctx.report, ctx.settings)
    return (dropdowns_plan(ctx.reports, ctx.settings, ctx.state),
            Summary("dropdowns", "summary.dropdowns", {"first": first, "last": last}, ctx.reports))


def _rollup(ctx: Context) -> "tuple[Plan, Summary]":
    from .write.actions import SUMMARY_SHEET
    from .write.planners import OWN_STATUS_RULE, rollup_plan, written_values

    plan = rollup_plan(ctx.reports, ctx.rollups, ctx.settings, ctx.state)
    own = [f for f in ctx.findings if f.rule == OWN_STATUS_RULE]
    goals = sum(1 for rollup in ctx.rollups.values() for g in rollup.goals if g.computed is not None)
    written = sum(written_values(plan, r.sheet) for r in ctx.reports)
    params = {"goals": goals, "written": written, "own": len(own), "sheet": SUMMARY_SHEET}
    return plan, Summary("rollup", "summary.rollup", params, ctx.reports, own)


def _highlight(ctx: Context) -> "tuple[Plan, Summary]":
    from .write.actions import FINDINGS_SHEET
    from .write.planners import highlight_plan

    reports = ctx.checked()
    rows = len({(f.sheet, f.row) for f in ctx.findings if f.row is not None})
    params = _counts(reports) | {"marked": rows, "sheet": FINDINGS_SHEET}
    return (highlight_plan(ctx.reports, ctx.findings, ctx.settings, ctx.state),
            Summary("highlight", "summary.highlight", params, reports, [], _status(reports)))


def _missing(ctx: Context) -> "tuple[Plan, Summary]":
    from .write.planners import missing_fields_plan

    plan = missing_fields_plan(ctx.reports, ctx.settings)
    columns = sorted({a.range.split(":")[0].rstrip("0123456789") for a in plan.actions if a.kind == "conditional_format"})
    return plan, Summary("missing", "summary.missing", {"columns": ", ".join(columns) or "–"}, ctx.reports)


def _prepare(ctx: Context) -> "tuple[Plan, Summary]":
    """A new workbook (``new``, ``import``): lists, dropdowns and the live missing-field rules; no
    findings sheet (nobody has filled anything in yet)."""
    from .write.planners import dropdowns_plan, missing_fields_plan

    plan = dropdowns_plan(ctx.reports, ctx.settings, ctx.state) + missing_fields_plan(ctx.reports, ctx.settings)
    return plan, Summary("prepare", "summary.missing", {"columns": ""}, ctx.reports)


def _clear(ctx: Context) -> "tuple[Plan, Summary]":
    from .write.planners import clear_plan

    everything = ctx.options.all
    return (clear_plan(ctx.reports, ctx.settings, ctx.state, all=everything),
            Summary("clear", "summary.clear_all" if everything else "summary.clear", {}, ctx.reports))


def _run(ctx: Context) -> "tuple[Plan, Summary]":
    from .write.actions import FINDINGS_SHEET
    from .write.planners import run_plan

    reports = ctx.checked()
    plan = run_plan(ctx.reports, ctx.rollups, ctx.findings, ctx.settings, ctx.state)
    return plan, Summary("run", "summary.run", _counts(reports) | {"sheet": FINDINGS_SHEET}, reports,
                         ctx.findings, _status(reports))


def _counts(reports: "list[Report]") -> dict[str, int]:
    """Rows, items and findings per severity over every report sheet."""
    total: dict[str, int] = {}
    for report in reports:
        for key, value in report.counts().items():
            total[key] = total.get(key, 0) + value
    return total


def _status(reports: "list[Report]") -> ExitStatus:
    return ExitStatus.ERRORS if _counts(reports)["errors"] else ExitStatus.OK


def _changes(ctx: Context) -> "tuple[Plan, Summary]":
    """Compare with the previous report (``options.other``) and write the sheet Muutokset."""
    from .comparison import compare
    from .write.changes import CHANGES_SHEET, changes_plan

    lang = ctx.settings.language
    comparison = compare(_other(ctx), ctx.reports, settings=ctx.settings, lang=lang)
    first = ctx.state.first_rows.get(CHANGES_SHEET)
    plan = changes_plan(comparison, lang=lang, source=ctx.workbook.source, existing_first_row=first)
    return plan, Summary("changes", "summary.changes", {"text": comparison.summary["text"], "sheet": CHANGES_SHEET},
                         ctx.reports, data=comparison)


def _merge(ctx: Context) -> "tuple[Plan, Summary]":
    """The answers returned in the folder ``options.other`` into the report, by code (see merging.py)."""
    from .errors import InputError
    from .merging import collect, merge_plan, returned_files

    lang = ctx.settings.language
    given = list(ctx.options.others) or [_other(ctx)]
    paths = returned_files(given, lang)
    if not paths:
        raise InputError.of(given[0], "merge_no_files", lang)
    formulas = dict(ctx.state.formulas)
    for report in ctx.reports[1:]:  # the state is the first report sheet's: each sheet's formulas are never answers
        formulas.setdefault(report.sheet, ctx.workbook.state(report.sheet).formulas.get(report.sheet, set()))
    result = collect(ctx.reports, paths, ctx.settings, lang=lang,
                     is_formula=lambda sheet, cell: cell in formulas.get(sheet, ()))
    refused = len(result.refused) + len(result.conflicts)
    params = {"merged": len(result.merged), "refused": refused, "files": len(paths)}
    return merge_plan(result), Summary("merge", "summary.merge", params, ctx.reports,
                                       status=ExitStatus.ERRORS if refused else ExitStatus.OK, data=result)


def _split(ctx: Context) -> "tuple[Plan, Summary]":
    """One workbook per responsible person into the folder ``options.other``, from the report as
    saved on disk (the person files are new files; the report itself is not changed)."""
    from .errors import InputError
    from .splitting import split
    from .write.plan import Plan

    path = getattr(ctx.workbook, "path", None)
    if path is None:
        raise InputError.of(ctx.workbook.source, "split_save_first", ctx.settings.language)
    result = split(path, _other(ctx), password=ctx.options.password, settings=ctx.settings,
                   force=ctx.options.force, lang=ctx.settings.language)
    return Plan(), Summary("split", "summary.split", {"files": len(result.files), "folder": result.directory},
                           ctx.reports, data=result)


def _other(ctx: Context) -> str:
    from .errors import InputError

    if not ctx.options.other:
        raise InputError.of(ctx.workbook.source, "no_other", ctx.settings.language)
    return ctx.options.other


Command = Callable[[Context], "tuple[Plan, Summary]"]

#: Command name → (function, writes the workbook). The CLI's subcommands and the ribbon's buttons
#: are names in this table; nothing else builds a plan.
COMMANDS: dict[str, tuple[Command, bool]] = {
    "validate": (_validate, False),
    "dropdowns": (_dropdowns, True),
    "rollup": (_rollup, True),
    "highlight": (_highlight, True),
    "missing": (_missing, True),
    "clear": (_clear, True),
    "prepare": (_prepare, True),
    "changes": (_changes, True),
    "merge": (_merge, True),
    "split": (_split, False),
    "run": (_run, True),
}


def sets_up_printing(name: str, options: Options = Options()) -> bool:
    """Whether command ``name``'s plan sets or undoes a report sheet's page setup (the planners'
    ``_print_all`` / ``_print_undo``): dropdowns (and prepare, built on it), run, and clear --all."""
    return name in ("dropdowns", "prepare", "run") or (name == "clear" and options.all)


def writes(name: str) -> bool:
    """Whether command ``name`` changes the workbook."""
    return COMMANDS[name][1]


def open_context(workbook: "Workbook", options: Options = Options(), *, writes: bool = False,
                 page_setup: bool = True) -> Context:
    """Settings, the report and (lazily) the state: what every command starts from. ``writes``: the
    workbook is about to be written (the findings then see what is ours in it); ``page_setup``: the
    state includes the report sheet's page setup (see :func:`sets_up_printing`)."""
    from .validate import check_period, reports_from_grids

    settings = workbook.settings()
    if options.language:
        settings = settings.model_copy(update={"language": options.language})
    check_period(options.period, workbook.source, settings.language)
    reports = reports_from_grids(workbook.grids(), workbook.source, sheets=options.sheets, settings=settings,
                                 allow_empty=options.empty)
    return Context(workbook=workbook, settings=settings, reports=reports, options=options, writes=writes,
                   page_setup=page_setup)


def run_command(workbook: "Workbook", name: str, options: Options = Options()) -> Result:
    """Run command ``name`` on ``workbook``: plan it, apply the plan (when it writes), summarise."""
    from . import collector
    from .errors import InputError

    function, changes = COMMANDS[name]
    with collector.held():  # the one gc policy (collector.py): the CLI, the ribbon and tests all come here
        ctx = open_context(workbook, options, writes=changes, page_setup=sets_up_printing(name, options))
        plan, summary = function(ctx)
        blocked = None
        if changes:  # (the action kinds load only for a command that writes)
            from .write.actions import blocked_by_protection

            blocked = blocked_by_protection(plan, ctx.state)
        if blocked is not None:  # refuse before anything is written: never half a run
            key, params = blocked
            raise InputError.of(workbook.source, key, ctx.settings.language, **params)
        applied = workbook.apply(plan) if changes else None
    return Result(plan=plan, summary=summary, applied=applied)
