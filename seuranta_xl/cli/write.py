"""CLI commands that write the workbook: ``dropdowns``, ``rollup -o``, ``highlight``, ``clear``, ``run``.

Each reads ``FILE`` (a .xlsx/.xlsm workbook), computes a plan (:mod:`seuranta_xl.write.planners`), applies it
with the openpyxl engine and saves through :mod:`seuranta_xl.files.workbook_io`:
``open_workbook(path, lang=, force=, settings=)`` (limits, content openpyxl would drop refused unless
``--force``, macros kept) and ``save_workbook(wb, input, output, in_place=, force=, lang=)`` (atomic;
an existing OUT only with ``--force``; ``--in-place`` keeps a backup). The input is never written
unless ``--in-place`` is given.
"""

from __future__ import annotations

import argparse

_TEXTS = {
    "fi": {
        "no_output": "anna kohdetiedosto -o OUT (tai --in-place, jolloin tiedosto korvataan ja varmuuskopio säilytetään)",
        "written": "kirjoitettu {path}",
        "dropdowns": "pudotusvalikot: etenemisaste ja vastuuhenkilö riveille {first}–{last}",
        "rollup": "kokonaistilanne: {written} tavoitteen arvo kirjoitettu, {own} omaa arvoa säilytetty; yhteenveto taulukolla {sheet}",
        "highlight": "korostukset: {findings} havaintoa, {cells} riviä merkitty; havainnot taulukolla {sheet}",
        "clear": "merkinnät poistettu",
        "clear_all": "kaikki seuranta-xl:n lisäykset poistettu",
    },
    "en": {
        "no_output": "give an output file -o OUT (or --in-place to replace the file, keeping a backup)",
        "written": "wrote {path}",
        "dropdowns": "dropdowns: grade and responsible role on rows {first}–{last}",
        "rollup": "rollup: {written} goal values written, {own} own values kept; summary on sheet {sheet}",
        "highlight": "highlights: {findings} findings, {cells} rows marked; findings on sheet {sheet}",
        "clear": "marks removed",
        "clear_all": "everything seuranta-xl added removed",
    },
}


def _tx(lang: str, key: str, **values: object) -> str:
    return _TEXTS.get(lang, _TEXTS["fi"])[key].format(**values)


def add_write_options(p: argparse.ArgumentParser, *, output_required: bool = False) -> None:
    """``-o OUT``, ``--force``, ``--in-place`` (also used by ``rollup`` in _cli_check)."""
    p.add_argument("-o", "--output", metavar="OUT", required=output_required,
                   help="kirjoitettava työkirja / workbook to write (.xlsx, .xlsm)")
    p.add_argument("--force", action="store_true",
                   help="korvaa olemassa oleva OUT ja hyväksy menetettävä sisältö / overwrite OUT, accept losses")
    p.add_argument("--in-place", action="store_true",
                   help="korvaa syötetiedosto (varmuuskopio säilytetään) / write over FILE, keeping a backup")


def add_parser(subparsers) -> None:
    from . import add_common

    commands = (
        ("dropdowns", "lisää pudotusvalikot (etenemisaste, vastuuhenkilö) / add dropdown lists", run_dropdowns),
        ("highlight", "korosta havainnot ja puuttuvat tiedot / mark findings and missing fields", run_highlight),
        ("clear", "poista merkinnät (--all: kaikki lisäykset) / remove marks (--all: everything added)", run_clear),
        ("run", "tarkista, pudotusvalikot, kokonaistilanne ja korostukset / validate, dropdowns, rollup, highlight",
         run_run),
    )
    for name, help_text, func in commands:
        p = subparsers.add_parser(name, help=help_text)
        p.add_argument("file", help="raportti (.xlsx, .xlsm)")
        add_write_options(p)
        if name == "clear":
            p.add_argument("--all", action="store_true",
                           help="poista myös pudotusvalikot, listat, yhteenveto ja lasketut arvot / "
                                "also remove dropdowns, lists, summary and rollup values")
        add_common(p)
        p.set_defaults(run=func)


class _Job:
    """One write command's inputs: settings, the open workbook, the report and what is ours in it."""

    def __init__(self, args: argparse.Namespace):
        from ..config import load_settings
        from ..write.openpyxl_engine import read_state
        from ..errors import InputError
        from ..validate import load_report
        from ..files.workbook_io import open_workbook

        self.args = args
        self.settings = load_settings(args.file, args.config, language=args.lang)
        self.lang = self.settings.language
        if not args.output and not args.in_place:
            raise InputError(args.file, _tx(self.lang, "no_output"))
        self.wb = open_workbook(args.file, lang=self.lang, force=args.force, settings=self.settings)
        self.report = load_report(args.file, sheet=args.sheet, settings=self.settings)
        self.state = read_state(self.wb, self.report.sheet)

    def save(self, plan, lines: list[str]) -> None:
        from ..write.openpyxl_engine import apply_plan
        from ..files.workbook_io import save_workbook

        apply_plan(self.wb, plan)
        path = save_workbook(self.wb, self.args.file, self.args.output, in_place=self.args.in_place,
                             force=self.args.force, lang=self.lang)
        for line in lines:
            print(line)
        print(_tx(self.lang, "written", path=path))


def run_dropdowns(args: argparse.Namespace) -> int:
    from ..write.planners import dropdowns_plan

    job = _Job(args)
    first = job.report.header_row + 1
    last = max(job.report.last_row, first) + job.settings.margin_rows
    job.save(dropdowns_plan(job.report, job.settings, job.state),
             [_tx(job.lang, "dropdowns", first=first, last=last)])
    return 0


def _rollup_counts(plan, job: _Job, own: int) -> str:
    from ..write.actions import SUMMARY_SHEET

    written = sum(1 for a in plan.actions if a.kind == "set_values"
                  for row in a.values for v in row if v is not None)
    return _tx(job.lang, "rollup", written=written, own=own, sheet=SUMMARY_SHEET)


def run_rollup_write(args: argparse.Namespace) -> int:
    """``rollup FILE -o OUT``: values, colours and summary into the workbook (see plans.rollup_plan)."""
    from ..write.planners import OWN_STATUS_RULE, findings_for, rollup_plan
    from ..rollup import compute_rollup

    job = _Job(args)
    rollup = compute_rollup(job.report)
    plan = rollup_plan(job.report, rollup, job.settings, job.state)
    own = [f for f in findings_for(job.report, job.settings, job.state) if f.rule == OWN_STATUS_RULE]
    lines = [_rollup_counts(plan, job, len(own))] + [f"  {f.cell}  {f.rule}  {f.message}" for f in own]
    job.save(plan, lines)
    return 0


def run_highlight(args: argparse.Namespace) -> int:
    from ..write.actions import FINDINGS_SHEET
    from ..write.planners import findings_for, highlight_plan

    job = _Job(args)
    findings = findings_for(job.report, job.settings, job.state)
    rows = len({f.row for f in findings if f.row is not None})
    job.save(highlight_plan(job.report, findings, job.settings, job.state),
             [_tx(job.lang, "highlight", findings=len(findings), cells=rows, sheet=FINDINGS_SHEET)])
    return 0


def run_clear(args: argparse.Namespace) -> int:
    from ..write.planners import clear_plan

    job = _Job(args)
    job.save(clear_plan(job.report, job.settings, job.state, all=args.all),
             [_tx(job.lang, "clear_all" if args.all else "clear")])
    return 0


def run_run(args: argparse.Namespace) -> int:
    """Validate, dropdowns, rollup and highlight; prints the findings like ``validate``; exit 1 on errors."""
    from . import output
    from ..write.planners import findings_for, run_plan
    from ..rollup import compute_rollup

    job = _Job(args)
    rollup = compute_rollup(job.report)
    findings = findings_for(job.report, job.settings, job.state)
    plan = run_plan(job.report, rollup, findings, job.settings, job.state)
    checked = job.report.model_copy(update={"findings": findings})
    job.save(plan, [output.findings_text(checked, job.lang)])
    return 1 if checked.counts()["errors"] else 0

