"""``seuranta-xl compare OLD NEW``: what changed since the previous report (text, JSON or CSV), and
with ``-o OUT`` the sheet *Muutokset* written into NEW's workbook. Exit 0 whatever changed, 2 when
either report cannot be used."""

from __future__ import annotations

import argparse
import csv
import io
import json
from itertools import groupby

LANGS = ("fi", "en", "sv")


def add_cycle_options(p: argparse.ArgumentParser) -> None:
    """``--lang fi|en|sv`` and ``--config`` (shared by compare, split and merge)."""
    p.add_argument("--lang", choices=LANGS, default=None, help="viestien kieli / message language (fi)")
    p.add_argument("--config", metavar="TOML", help="asetustiedosto (oletus: seuranta.toml työkirjan vieressä)")


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("compare", help="vertaa edelliseen raporttiin / compare with the previous report")
    p.add_argument("old", help="edellinen raportti / the previous report")
    p.add_argument("new", help="nykyinen raportti / this period's report")
    p.add_argument("--format", choices=["text", "json", "csv"], default="text")
    p.add_argument("-o", "--output", metavar="OUT",
                   help="kirjoita taulukko Muutokset NEW-työkirjan kopioon / write the sheet Muutokset into a copy of NEW")
    p.add_argument("--force", action="store_true", help="korvaa olemassa oleva OUT / overwrite OUT")
    add_cycle_options(p)
    p.set_defaults(run=run_compare)


def comparison_text(result, lang: str) -> str:
    """The summary first, then the changes grouped by sheet, one line each."""
    from ..messages import t

    def name(info) -> str:
        return f"{info.source} [{', '.join(info.sheets)}]" + (f" {info.period}" if info.period else "")

    lines = [t("cmp_head", lang, old=name(result.old), new=name(result.new)), result.summary["text"]]
    for sheet, changes in groupby(result.changes, key=lambda c: c.sheet):
        lines += ["", sheet]
        lines += [f"  {c.code:<9} {c.message}" for c in changes]
    if not result.changes:
        lines += ["", t("cmp_none", lang)]
    return "\n".join(lines)


def comparison_csv(result) -> str:
    from ..comparison import CHANGE_FIELDS
    from .output import csv_safe

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CHANGE_FIELDS)
    for change in result.changes:
        writer.writerow([csv_safe(value) for value in change.to_dict().values()])
    return out.getvalue()


def run_compare(args: argparse.Namespace) -> int:
    """The comparison; with ``-o`` the command table's ``changes`` writes the sheet Muutokset into
    NEW's workbook, saved as OUT (NEW itself is never changed)."""
    from ..commands import Options, run_command
    from ..comparison import compare
    from ..config import load_settings
    from ..write.file_workbook import FileWorkbook

    if args.output:
        workbook = FileWorkbook(args.new, config=args.config, language=args.lang, output=args.output,
                                force=args.force)
        workbook.check_target()
        result = run_command(workbook, "changes", Options(other=args.old)).summary.data
        lang = workbook.settings().language
    else:
        settings = load_settings(args.new, args.config, language=args.lang)
        lang = settings.language
        result = compare(args.old, args.new, settings=settings, lang=lang)
    if args.format == "json":
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2, default=str))
    elif args.format == "csv":
        print(comparison_csv(result), end="")
    else:
        print(comparison_text(result, lang))
    if args.output and args.format == "text":
        from ..messages import t
        print(t("cycle_written", lang, path=args.output))
    return 0
