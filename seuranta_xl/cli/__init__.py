"""The ``seuranta-xl`` command line: a thin layer over the library. ``main()`` returns an exit status.

Exit codes: 0 no error findings, 1 error findings, 2 the input could not be used.
Each command module provides ``add_parser(subparsers)`` and ``run(args) -> int`` and imports
what it needs lazily, so ``seuranta-xl --help`` stays quick.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import Sequence

from .. import collector
from ..errors import InputError

#: Command modules plugged into the CLI (each owns its subcommands).
COMMAND_MODULES = ["seuranta_xl.cli.check", "seuranta_xl.cli.write", "seuranta_xl.cli.addin", "seuranta_xl.cli.template",
                   "seuranta_xl.cli.schema"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="seuranta-xl",
        description="Tavoitteiden ja toimenpiteiden seurantaraportin tarkistus ja yhteenveto "
                    "(validate, roll up and annotate strategy follow-up workbooks).",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for name in COMMAND_MODULES:
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
    parser.add_argument("--lang", choices=["fi", "en"], default=None, help="viestien kieli / message language (fi)")
    parser.add_argument("--config", metavar="TOML", help="asetustiedosto (oletus: seuranta.toml työkirjan vieressä)")
    if sheet:
        parser.add_argument("--sheet", metavar="NAME", help="raporttitaulukon nimi (oletus: ensimmäinen, jolla on otsikkorivi)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with collector.held():  # the one gc policy: held while the command works (collector.py)
            return int(args.run(args))
    except InputError as exc:
        print(f"seuranta-xl: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("seuranta-xl: keskeytetty / interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # never a traceback for staff; SEURANTA_DEBUG=1 shows it for developers
        if os.environ.get("SEURANTA_DEBUG"):
            raise
        target = getattr(args, "file", None) or getattr(args, "files", None) or ""
        if isinstance(target, list):
            target = ", ".join(map(str, target))
        print(f"seuranta-xl: {target}: odottamaton virhe / unexpected error: "
              f"{exc.__class__.__name__}: {' '.join(str(exc).split())[:200]}", file=sys.stderr)
        return 2


def entry() -> None:  # pragma: no cover - console script shim
    sys.exit(main())
