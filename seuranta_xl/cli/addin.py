"""``seuranta-xl addin ...``: build and install the Excel ribbon add-in.

The main CLI (``seuranta_xl.cli``) calls :func:`add_parser` with its
subparsers and :func:`run` with the parsed arguments.  This is the only
module of the add-in feature that prints.

    seuranta-xl addin build -o Seuranta.xlam [--force]
    seuranta-xl addin install

Exit status: 0 done, 2 bad input (output exists without --force, wrong
suffix, broken add-in sources), 1 the file system refused (e.g. Excel holds
the installed add-in open).  Errors are one line on stderr, no traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2

_TEXT = {
    "fi": {
        "help": "rakenna tai asenna Excelin Seuranta-välilehti (lisäosa Seuranta.xlam)",
        "build_help": "rakenna lisäosa tekstilähteistä (workbook/addin/)",
        "out_help": "kirjoitettava .xlam-tiedosto, esim. Seuranta.xlam",
        "force_help": "korvaa olemassa oleva tiedosto",
        "install_help": "asenna lisäosa Excelin käynnistyskansioon (XLSTART)",
        "exists": "{path}: tiedosto on jo olemassa (korvaa se valitsimella --force)",
        "is_dir": "{path}: on hakemisto, ei tiedosto",
        "suffix": "{path}: tiedostonimen päätteen pitää olla .xlam",
        "built": "Lisäosa rakennettu: {path}",
        "os_error": "{path}: {error}",
        "locked": "{path}: {error} (jos Excel on auki, sulje se ja yritä uudelleen)",
        "which": "valitse build tai install",
    },
    "en": {
        "help": "build or install the Excel Seuranta tab (add-in Seuranta.xlam)",
        "build_help": "build the add-in from its text sources (workbook/addin/)",
        "out_help": ".xlam file to write, e.g. Seuranta.xlam",
        "force_help": "overwrite an existing file",
        "install_help": "install the add-in into Excel's startup folder (XLSTART)",
        "exists": "{path}: file already exists (use --force to overwrite it)",
        "is_dir": "{path}: is a directory, not a file",
        "suffix": "{path}: the file name must end in .xlam",
        "built": "Built the add-in: {path}",
        "os_error": "{path}: {error}",
        "locked": "{path}: {error} (if Excel is open, quit it and try again)",
        "which": "choose build or install",
    },
}


def _lang(args: argparse.Namespace) -> str:
    # Finnish unless --lang en.
    lang = getattr(args, "lang", None) or "fi"
    return lang if lang in _TEXT else "fi"


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``addin`` command with ``build`` and ``install`` to the main CLI."""
    text = _TEXT["fi"]
    parser = subparsers.add_parser("addin", help=text["help"], description=text["help"])
    commands = parser.add_subparsers(dest="addin_command", metavar="{build,install}")
    commands.required = True

    build = commands.add_parser("build", help=text["build_help"], description=text["build_help"])
    build.add_argument("-o", "--out", dest="out", required=True, metavar="OUT", help=text["out_help"])
    build.add_argument("--force", action="store_true", help=text["force_help"])

    install = commands.add_parser("install", help=text["install_help"], description=text["install_help"])
    for sub in (build, install):
        # Same option as the other commands (seuranta_xl.cli.add_common).
        sub.add_argument("--lang", choices=["fi", "en"], default=None, help="viestien kieli / message language (fi)")
    # seuranta_xl.cli.main calls args.run(args).
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run ``addin build`` or ``addin install``; return the exit status."""
    from seuranta_xl.excel import addin  # lazy: other commands need not load it

    lang = _lang(args)
    text = _TEXT[lang]
    command = getattr(args, "addin_command", None)
    try:
        if command == "build":
            out = Path(args.out)
            problem = None
            if out.suffix.lower() != ".xlam":
                problem = "suffix"
            elif out.is_dir():
                problem = "is_dir"
            elif out.exists() and not args.force:
                problem = "exists"
            if problem:
                _error(text[problem].format(path=out))
                return EXIT_BAD_INPUT
            built = addin.build_addin(out, lang=lang)
            print(text["built"].format(path=built.resolve()))
            return EXIT_OK
        if command == "install":
            print(addin.install_addin(lang=lang))
            return EXIT_OK
    except addin.AddinError as exc:
        _error(str(exc))
        return EXIT_BAD_INPUT
    except OSError as exc:
        # On Windows, Excel locks an add-in it has loaded: the copy into XLSTART fails.
        key = "locked" if command == "install" and isinstance(exc, PermissionError) else "os_error"
        _error(text[key].format(path=exc.filename or getattr(args, "out", ""), error=exc.strerror or exc))
        return EXIT_FAILED
    _error(text["which"])
    return EXIT_BAD_INPUT


def _error(line: str) -> None:
    # One line, no traceback: staff and IT read this, not developers.
    print(f"seuranta-xl addin: {' '.join(line.split())}", file=sys.stderr)
