"""CLI commands that write the workbook: ``dropdowns``, ``rollup -o``, ``highlight``, ``clear``, ``run``.

Each is one row of the command table (:mod:`seuranta_xl.commands`) run on the file workbook
(:class:`~seuranta_xl.write.file_workbook.FileWorkbook`): this module only parses the arguments,
chooses where the result goes and prints the summary. The input is never written unless
``--in-place`` is given.
"""

from __future__ import annotations

import argparse


def add_write_options(p: argparse.ArgumentParser, *, output_required: bool = False) -> None:
    """``-o OUT``, ``--force``, ``--in-place`` (also used by ``rollup`` in cli/check.py)."""
    p.add_argument("-o", "--output", metavar="OUT", required=output_required,
                   help="kirjoitettava työkirja / workbook to write (.xlsx, .xlsm)")
    p.add_argument("--force", action="store_true", help="korvaa olemassa oleva OUT / overwrite an existing OUT")
    p.add_argument("--in-place", action="store_true",
                   help="korvaa syötetiedosto (varmuuskopio säilytetään) / write over FILE, keeping a backup")


#: CLI subcommand → (command table name, help).
WRITE_COMMANDS = {
    "dropdowns": ("dropdowns", "lisää pudotusvalikot (etenemisaste, vastuuhenkilö) / add dropdown lists"),
    "highlight": ("highlight", "korosta havainnot ja puuttuvat tiedot / mark findings and missing fields"),
    "clear": ("clear", "poista merkinnät (--all: kaikki lisäykset) / remove marks (--all: everything added)"),
    "run": ("run", "tarkista, pudotusvalikot, kokonaistilanne ja korostukset / validate, dropdowns, rollup, highlight"),
}


#: The write commands whose findings the reporting-cycle rules (S) join: --previous, --period.
CYCLE_OPTIONS = ("highlight", "run")


def add_parser(subparsers) -> None:
    from . import add_common, add_cycle_options

    for name, (command, help_text) in WRITE_COMMANDS.items():
        p = subparsers.add_parser(name, help=help_text)
        p.add_argument("file", help="raportti (.xlsx, .xlsm)")
        add_write_options(p)
        if name == "clear":
            p.add_argument("--all", action="store_true",
                           help="poista myös pudotusvalikot, listat, yhteenveto ja lasketut arvot / "
                                "also remove dropdowns, lists, summary and rollup values")
        add_common(p)
        if name in CYCLE_OPTIONS:
            add_cycle_options(p)
        p.set_defaults(run=run_write, command_name=command)


def run_write(args: argparse.Namespace) -> int:
    """Run ``args.command_name`` on FILE and write OUT (or FILE with --in-place); print the summary."""
    from ..commands import Options, run_command
    from ..messages import t
    from ..write.file_workbook import FileWorkbook
    from . import output

    workbook = FileWorkbook(args.file, config=args.config, language=args.lang, output=args.output,
                            in_place=args.in_place, force=args.force)
    workbook.check_target()
    options = Options(sheets=tuple(args.sheet or ()), all=getattr(args, "all", False),
                      previous=getattr(args, "previous", None), period=getattr(args, "period", None))
    result = run_command(workbook, args.command_name, options)
    lang = workbook.settings().language
    output.write_utf8(output.summary_text(result.summary, lang) + "\n")
    output.write_utf8(t("written", lang, path=workbook.written) + "\n")
    return int(result.summary.status)
