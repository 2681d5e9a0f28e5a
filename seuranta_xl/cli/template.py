"""CLI commands that make report workbooks: ``new``, ``import`` and ``build-examples``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..messages import LANGUAGES

#: Document and zip-entry time of the bundled workbooks, so rebuilding gives the same bytes.
BUILD_TIMESTAMP = dt.datetime(2021, 10, 1, 0, 0, 0)
#: Where the bundled workbooks live, relative to the repository root.
TEMPLATE_PATH = Path("workbook/template/seuranta_pohja.xlsx")
EXAMPLE_PATH = Path("workbook/examples/seuranta_1-9_2021.xlsx")
SEED_PATH = Path("tests/data/seed_report.txt")
#: The ribbon add-in built from workbook/addin/, shipped in the package for ``addin install``.
ADDIN_PATH = Path("seuranta_xl/data/Seuranta.xlam")
ADDIN_SOURCES = Path("workbook/addin")


def _tx(lang: str | None, key: str, **values: object) -> str:
    from ..messages import t

    return t(key, lang or "fi", **values)


def add_parser(subparsers) -> None:
    from . import add_common

    p = subparsers.add_parser("new", help="uusi tyhjä raporttityökirja / a new blank report workbook")
    p.add_argument("output", metavar="OUT", help="kirjoitettava työkirja (.xlsx) / workbook to write")
    p.add_argument("--period", help='raportointikausi otsikkoon, esim. "1 - 9 / 2026" / period for the title')
    p.add_argument("--force", action="store_true", help="korvaa olemassa oleva OUT / overwrite OUT")
    add_common(p, sheet=False)
    p.set_defaults(run=run_new)

    p = subparsers.add_parser("import", help="tekstivienti työkirjaksi / a text export into a report workbook")
    p.add_argument("file", metavar="FILE", help="tekstivienti (.txt, .tsv, .csv)")
    p.add_argument("-o", "--output", metavar="OUT", required=True, help="kirjoitettava työkirja (.xlsx)")
    p.add_argument("--force", action="store_true", help="korvaa olemassa oleva OUT / overwrite OUT")
    add_common(p, sheet=False)
    p.set_defaults(run=run_import)

    p = subparsers.add_parser("build-examples",
                              help="rakenna workbook/-hakemiston pohja ja esimerkki / rebuild the bundled workbooks")
    p.add_argument("--root", metavar="DIR", help="lähdekoodin juurihakemisto (oletus: tämän paketin yläpuolella)")
    p.add_argument("--lang", choices=LANGUAGES, default=None, help="viestien kieli / message language (fi)")
    p.set_defaults(run=run_build_examples)


def run_new(args: argparse.Namespace) -> int:
    from ..config import load_settings
    from ..files.workbook_io import save_workbook
    from ..validate import check_period
    from ..write.template import new_workbook

    settings = load_settings(None, args.config, language=args.lang)
    # the title's period is what S102 and the next run read: the same check as --period elsewhere
    check_period(args.period, str(args.output), settings.language)
    wb = new_workbook(settings, period=args.period, lang=settings.language)
    out = save_workbook(wb, None, args.output, force=args.force, lang=settings.language)
    print(_tx(settings.language, "written", path=out))
    return 0


def run_import(args: argparse.Namespace) -> int:
    from ..config import load_settings
    from ..write.template import import_text
    from ..files.workbook_io import save_workbook

    settings = load_settings(args.file, args.config, language=args.lang)
    wb = import_text(args.file, settings, lang=settings.language)
    out = save_workbook(wb, args.file, args.output, force=args.force, lang=settings.language)
    print(_tx(settings.language, "written", path=out))
    return 0


def build_examples(root: Path) -> list[Path]:
    """Write the bundled template, example and add-in under ``root`` (same bytes every time); their paths."""
    from ..excel.addin import build_addin
    from ..settings import Settings
    from ..write.template import import_text, new_workbook
    from ..files.workbook_io import save_workbook

    settings = Settings()  # defaults only: the bundled files must not depend on a local seuranta.toml
    written = []
    for target, make in ((TEMPLATE_PATH, lambda: new_workbook(settings)),
                         (EXAMPLE_PATH, lambda: import_text(root / SEED_PATH, settings))):
        path = root / target
        path.parent.mkdir(parents=True, exist_ok=True)
        written.append(save_workbook(make(), None, path, force=True, timestamp=BUILD_TIMESTAMP))
    written.append(build_addin(root / ADDIN_PATH, source_dir=root / ADDIN_SOURCES))
    return written


def run_build_examples(args: argparse.Namespace) -> int:
    from ..errors import InputError

    root = Path(args.root) if args.root else Path(__file__).resolve().parents[2]
    if not (root / SEED_PATH).is_file():
        raise InputError.of(str(root), "no_root", args.lang or "fi", seed=SEED_PATH)
    for path in build_examples(root):
        print(_tx(args.lang, "written", path=path), file=sys.stdout)
    return 0
