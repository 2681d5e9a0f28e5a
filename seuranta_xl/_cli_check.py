"""CLI commands that read and report: ``validate``, ``rollup``, ``rules``, ``rule``."""

from __future__ import annotations

import argparse
import sys


def add_parser(subparsers) -> None:
    from .cli import add_common

    p = subparsers.add_parser("validate", help="tarkista raportti / validate a report")
    p.add_argument("file", help="raportti (.xlsx, .xlsm, .txt, .tsv, .csv)")
    p.add_argument("--format", choices=["text", "json", "csv"], default="text")
    add_common(p)
    p.set_defaults(run=run_validate)

    p = subparsers.add_parser("rollup", help="laske kokonaistilanne / compute goal rollups")
    p.add_argument("file")
    p.add_argument("--format", choices=["text", "json"], default="text")
    from ._cli_write import add_write_options

    add_write_options(p)  # with -o/--in-place the values, colours and summary go into the workbook
    add_common(p)
    p.set_defaults(run=run_rollup)

    p = subparsers.add_parser("rules", help="luettele säännöt / list the validation rules")
    p.add_argument("--lang", choices=["fi", "en"], default="fi")
    p.set_defaults(run=run_rules)

    p = subparsers.add_parser("rule", help="näytä säännön ohje / show one rule's documentation")
    p.add_argument("code", help="säännön koodi, esim. G101")
    p.add_argument("--lang", choices=["fi", "en"], default="fi")
    p.set_defaults(run=run_rule)


def _settings(args: argparse.Namespace):
    from .config import load_settings

    return load_settings(args.file, args.config, language=args.lang)


def run_validate(args: argparse.Namespace) -> int:
    from . import output
    from .validate import validate

    settings = _settings(args)
    report = validate(args.file, settings, sheet=args.sheet)
    if args.format == "json":
        sys.stdout.write(output.findings_json(report) + "\n")
    elif args.format == "csv":
        sys.stdout.write(output.findings_csv(report))
    else:
        sys.stdout.write(output.findings_text(report, settings.language) + "\n")
    return 1 if report.counts()["errors"] else 0


def run_rollup(args: argparse.Namespace) -> int:
    if getattr(args, "output", None) or getattr(args, "in_place", False):
        from ._cli_write import run_rollup_write

        return run_rollup_write(args)
    from . import output
    from .rollup import compute_rollup
    from .validate import load_report

    settings = _settings(args)
    report = load_report(args.file, sheet=args.sheet, settings=settings)
    rollup = compute_rollup(report)
    if args.format == "json":
        sys.stdout.write(output.rollup_json(rollup, report) + "\n")
    else:
        sys.stdout.write(output.rollup_text(rollup, report, settings.language) + "\n")
    return 0


def run_rules(args: argparse.Namespace) -> int:
    from .rulesdoc import rules_table

    sys.stdout.write(rules_table(args.lang) + "\n")
    return 0


def run_rule(args: argparse.Namespace) -> int:
    from .errors import InputError
    from .i18n import t
    from .rules import RULES
    from .rulesdoc import rule_text

    rule = RULES.get(args.code.strip().upper())
    if rule is None:
        raise InputError(args.code, t("unknown_rule", args.lang))
    sys.stdout.write(rule_text(rule, args.lang) + "\n")
    return 0
