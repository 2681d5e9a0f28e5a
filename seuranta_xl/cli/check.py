"""CLI commands that read and report: ``validate``, ``rollup``, ``rules``, ``rule``."""

from __future__ import annotations

import argparse
import sys

from ..messages import LANGUAGES


def add_parser(subparsers) -> None:
    from . import add_common, add_cycle_options

    p = subparsers.add_parser(
        "validate", help="tarkista raportti tai kansiollinen raportteja / validate one or more reports",
        description="Yksi tiedosto: löydökset ja poistumiskoodi 0/1/2. Useampi tiedosto tai kansio: jokainen "
                    "tarkistetaan, käyttökelvoton ilmoitetaan yhdellä rivillä ja muut käsitellään; JSON on "
                    '{"reports": [...], "counts": {...}} ja poistumiskoodi on pahin tulos.')
    p.add_argument("file", nargs="+", metavar="FILE",
                   help="raportti (.xlsx, .xlsm, .txt, .tsv, .csv) tai kansio, jonka raportit tarkistetaan")
    p.add_argument("--format", choices=["text", "json", "csv"], default="text")
    p.add_argument("-r", "--recursive", action="store_true",
                   help="tarkista myös alikansioiden raportit / also the reports in subfolders")
    add_common(p)
    add_cycle_options(p)
    p.set_defaults(run=run_validate)

    p = subparsers.add_parser("rollup", help="laske kokonaistilanne / compute goal rollups")
    p.add_argument("file")
    p.add_argument("--format", choices=["text", "json"], default="text")
    from .write import add_write_options

    add_write_options(p)  # with -o/--in-place the values, colours and summary go into the workbook
    add_common(p)
    p.set_defaults(run=run_rollup)

    p = subparsers.add_parser("rules", help="luettele säännöt / list the validation rules")
    p.add_argument("--lang", choices=LANGUAGES, default="fi")
    p.set_defaults(run=run_rules)

    p = subparsers.add_parser("rule", help="näytä säännön ohje / show one rule's documentation")
    p.add_argument("code", help="säännön koodi, esim. G101")
    p.add_argument("--lang", choices=LANGUAGES, default="fi")
    p.set_defaults(run=run_rule)


def _workbook(args: argparse.Namespace):
    from ..write.file_workbook import FileWorkbook

    return FileWorkbook(args.file, config=args.config, language=args.lang)


def run_validate(args: argparse.Namespace) -> int:
    """One FILE: the findings (JSON: {"findings": [...], "counts": {...}}). Several, or a DIR: see run_batch."""
    from pathlib import Path

    from ..commands import Options, run_command
    from . import output

    files = args.file if isinstance(args.file, list) else [args.file]
    if len(files) > 1 or Path(files[0]).is_dir():
        return run_batch(args, files)
    args.file = files[0]
    workbook = _workbook(args)
    summary = run_command(workbook, "validate", Options(sheets=tuple(args.sheet or ()), previous=args.previous,
                                                        period=args.period)).summary
    if args.format == "json":
        output.write_utf8(output.findings_json(summary.reports) + "\n")
    elif args.format == "csv":
        output.write_utf8(output.findings_csv(summary.reports))
    else:
        output.write_utf8(output.findings_text(summary.reports, workbook.settings().language) + "\n")
    return int(summary.status)


def run_batch(args: argparse.Namespace, files: list[str]) -> int:
    """Validate many reports: each unusable one is one stderr line and the rest go on.

    JSON: ``{"reports": [<the single-file object> | {"source": ..., "error": ...}], "counts": {"files",
    "ok", "with_errors", "unusable"}}``; CSV: the findings table with a leading ``source`` column;
    text: each report's findings, then a summary line. Exit code: the worst outcome (2, 1, 0).
    A progress line ``[3/40] name`` is drawn on stderr only when stderr is a terminal.
    """
    import csv
    import io
    import json

    from . import output
    from ..batch import validate_many
    from ..config import load_settings
    from ..messages import t

    lang = args.lang or "fi"
    tty = sys.stderr.isatty()
    drawn = [0]

    def clear_progress() -> None:
        if drawn[0]:
            sys.stderr.write("\r" + " " * drawn[0] + "\r")
            drawn[0] = 0

    def progress(done: int, total: int, path) -> None:
        if tty:
            line = output.terminal_safe(f"[{done}/{total}] {path.name}")[:120]
            clear_progress()
            sys.stderr.write(line)
            sys.stderr.flush()
            drawn[0] = len(line)

    def settings_for(path):
        return load_settings(path, args.config, language=args.lang)

    batch = validate_many(files, settings_for, sheets=tuple(args.sheet or ()), lang=lang,
                          recursive=getattr(args, "recursive", False), progress=progress,
                          previous=getattr(args, "previous", None), period=getattr(args, "period", None))
    clear_progress()
    for result in batch.results:
        if result.error is not None:
            print(output.terminal_safe(f"seuranta-xl: {result.path}: {result.error}"), file=sys.stderr)
    if batch.skipped:
        names = ", ".join(str(p) for p in batch.skipped[:20]) + (f" … (+{len(batch.skipped) - 20})"
                                                                   if len(batch.skipped) > 20 else "")
        print(output.terminal_safe(f"seuranta-xl: {t('batch_skipped', lang, count=len(batch.skipped), names=names)}"),
              file=sys.stderr)
    reports = [r.reports for r in batch.results if r.report is not None]
    if args.format == "json":
        entries = []
        for result in batch.results:
            if result.report is not None:
                entries.append(json.loads(output.findings_json(result.reports)))
            else:
                entries.append({"source": str(result.path), "error": result.error})
        output.write_utf8(json.dumps({"reports": entries, "counts": batch.counts()}, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        for index, report in enumerate(reports):
            table = list(csv.reader(io.StringIO(output.findings_csv(report))))
            if index == 0:
                writer.writerow(["source"] + table[0])
            writer.writerows([output.csv_safe(report[0].source)] + row for row in table[1:])
        output.write_utf8(out.getvalue())
    else:
        texts = [output.findings_text(report, lang) for report in reports]
        texts.append(t("batch_summary", lang, **batch.counts()))
        output.write_utf8("\n\n".join(texts) + "\n")
    return batch.exit_code


def run_rollup(args: argparse.Namespace) -> int:
    """The rollup as text or JSON; with ``-o``/``--in-place`` the command table's ``rollup`` writes it."""
    if getattr(args, "output", None) or getattr(args, "in_place", False):
        from .write import run_write

        args.command_name = "rollup"
        return run_write(args)
    from ..commands import Options, open_context
    from . import output

    ctx = open_context(_workbook(args), Options(sheets=tuple(args.sheet or ())))
    if args.format == "json":
        output.write_utf8(output.rollup_json(ctx.rollups, ctx.reports) + "\n")
    else:
        output.write_utf8(output.rollup_text(ctx.rollups, ctx.reports, ctx.settings.language) + "\n")
    return 0


def run_rules(args: argparse.Namespace) -> int:
    from ..rulesdoc import rules_table

    sys.stdout.write(rules_table(args.lang) + "\n")
    return 0


def run_rule(args: argparse.Namespace) -> int:
    from ..errors import InputError
    from ..rules import RULES
    from ..rulesdoc import rule_text

    rule = RULES.get(args.code.strip().upper())
    if rule is None:
        raise InputError.of(args.code, "unknown_rule", args.lang)
    sys.stdout.write(rule_text(rule, args.lang) + "\n")
    return 0
