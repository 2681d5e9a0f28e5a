"""The ``seuranta-xl`` command line: a thin layer over the library. ``main()`` returns an exit status.

Exit codes: 0 no error findings, 1 error findings, 2 the input could not be used.
Each command module provides ``add_parser(subparsers)`` and ``run(args) -> int`` and imports
what it needs lazily, so ``seuranta-xl --help`` stays quick.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from typing import Sequence

from ..commands import ExitStatus
from .. import collector
from ..errors import InputError
from ..messages import LANGUAGES, t

#: Command modules plugged into the CLI, each with the commands its ``add_parser`` adds. A run builds
#: the parsers of its own command's module only (all of them cost ~10 ms of argparse objects and
#: imports, a twentieth of validating a small report); help and a mistyped command build them all.
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "seuranta_xl.cli.check": ("validate", "rollup", "rules", "rule"),
    "seuranta_xl.cli.write": ("dropdowns", "highlight", "clear", "run"),
    "seuranta_xl.cli.addin": ("addin",),
    "seuranta_xl.cli.template": ("new", "import", "build-examples"),
    "seuranta_xl.cli.compare": ("compare",),
    "seuranta_xl.cli.cycle": ("split", "merge"),
    "seuranta_xl.cli.schema": ("schema",),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or with ``command`` (a command's name) of its module's only."""
    parser = argparse.ArgumentParser(
        prog="seuranta-xl",
        description="Tavoitteiden ja toimenpiteiden seurantaraportin tarkistus ja yhteenveto "
                    "(validate, roll up and annotate strategy follow-up workbooks).",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    modules = [m for m, commands in COMMAND_MODULES.items() if command in commands] or list(COMMAND_MODULES)
    for name in modules:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue  # a command module not present in this build
        module.add_parser(subparsers)
    return parser


def add_common(parser: argparse.ArgumentParser, *, sheet: bool = True) -> None:
    """Options every command that reads a report shares."""
    parser.add_argument("--lang", choices=LANGUAGES, default=None, help="viestien kieli / message language (fi, en, sv)")
    parser.add_argument("--config", metavar="TOML", help="asetustiedosto (oletus: seuranta.toml työkirjan vieressä)")
    if sheet:
        parser.add_argument("--sheet", metavar="NAME", action="append",
                            help="raporttitaulukko; toistettavissa (oletus: kaikki raporttitaulukot) / "
                                 "report sheet, repeatable (default: every report sheet)")


def add_cycle_options(parser: argparse.ArgumentParser) -> None:
    """``--previous OLD`` and ``--period``: what the reporting-cycle rules (S) compare with."""
    parser.add_argument("--previous", metavar="OLD",
                        help="edellinen raportti, johon verrataan (sääntö S101: ei päivitetty) / "
                             "the previous report to compare with (rule S101: not updated)")
    parser.add_argument("--period", metavar="PERIOD",
                        help='raportin kausi, jos otsikossa ei ole, esim. "1-8/2026" (aikataulu, S102) / '
                             "the report's period when the title lacks it (the schedule, S102)")


def _quiet_unraisable(unraisable) -> None:
    """Errors Python can only report as "Exception ignored in …" (a writer's half-closed ZipFile or
    generator finalised after a full disk): the command has already said what failed in one line."""


def main(argv: Sequence[str] | None = None) -> int:
    from .output import terminal_safe

    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv[0] if argv else None)
    args = parser.parse_args(argv)
    try:
        with collector.held():  # the one gc policy: held while the command works (collector.py)
            return int(args.run(args))
    except InputError as exc:
        print(terminal_safe(f"seuranta-xl: {exc}"), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"seuranta-xl: {t('interrupted', getattr(args, 'lang', None) or 'fi')}", file=sys.stderr)
        return ExitStatus.INTERRUPTED
    except BrokenPipeError:
        return ExitStatus.OK
    except Exception as exc:  # never a traceback for staff; SEURANTA_DEBUG=1 shows it for developers
        if os.environ.get("SEURANTA_DEBUG"):
            raise
        target = getattr(args, "file", None) or getattr(args, "files", None) or ""
        if isinstance(target, list):
            target = ", ".join(map(str, target))
        print(terminal_safe(f"seuranta-xl: {target}: {t('unexpected', getattr(args, 'lang', None) or 'fi')}: "
                            f"{exc.__class__.__name__}: {' '.join(str(exc).split())[:200]}"), file=sys.stderr)
        return ExitStatus.UNUSABLE


def entry() -> None:  # pragma: no cover - console script shim (python -m seuranta_xl too)
    if not os.environ.get("SEURANTA_DEBUG"):
        sys.unraisablehook = _quiet_unraisable
    status = main()
    # The command's objects are freed by now (their cycles too, when main() let the collector run
    # again). What is left is the interpreter's own - modules, classes, the message catalogue - which
    # the collector would walk once more while the process ends (~0.03 s of a 0.5 s validate): frozen,
    # it is not walked. Exiting is otherwise as usual: output flushed, atexit handlers run, the
    # status kept. Only this shim does it; main(), the library and the ribbon leave the collector be.
    gc.freeze()
    sys.exit(status)
