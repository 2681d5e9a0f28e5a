"""``seuranta-xl split FILE --by responsible -o DIR`` and ``seuranta-xl merge MASTER DIR|FILES -o OUT``:
sending each responsible person their rows and merging their answers back (see
:mod:`seuranta_xl.splitting`, :mod:`seuranta_xl.merging`)."""

from __future__ import annotations

import argparse

from .compare import add_cycle_options


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("split", help="jaa vastuuhenkilöille / one workbook per responsible person")
    p.add_argument("file", help="koottu raportti (.xlsx, .xlsm)")
    p.add_argument("--by", choices=["responsible"], default="responsible")
    p.add_argument("-o", "--output", metavar="DIR", required=True, help="kansio tiedostoille / folder for the files")
    p.add_argument("--password", help="taulukon suojauksen salasana (oletus: ei salasanaa) / sheet protection password")
    p.add_argument("--force", action="store_true", help="korvaa kansiossa jo olevat tiedostot / overwrite files")
    add_cycle_options(p)
    p.set_defaults(run=run_split)

    p = subparsers.add_parser("merge", help="kokoa vastaukset / merge the answers back into the master")
    p.add_argument("file", help="koottu raportti, johon vastaukset kootaan / the master")
    p.add_argument("answers", nargs="+", metavar="DIR|FILE", help="palautetut tiedostot tai kansio / returned files")
    p.add_argument("-o", "--output", metavar="OUT", help="kirjoitettava työkirja / workbook to write")
    p.add_argument("--in-place", action="store_true", help="korvaa MASTER (varmuuskopio säilytetään)")
    p.add_argument("--force", action="store_true", help="korvaa olemassa oleva OUT / overwrite OUT")
    p.add_argument("--format", choices=["text", "json"], default="text")
    add_cycle_options(p)
    p.set_defaults(run=run_merge)


def _settings(args: argparse.Namespace):
    from ..config import load_settings

    return load_settings(args.file, args.config, language=args.lang)


def run_split(args: argparse.Namespace) -> int:
    from ..messages import t
    from ..splitting import split

    settings = _settings(args)
    lang = settings.language
    result = split(args.file, args.output, by=args.by, password=args.password, settings=settings,
                   force=args.force, lang=lang)
    for f in result.files:
        person = f.person or t("split_missing_person", lang)
        print(t("split_file", lang, path=f.path, person=person, rows=f.rows, context=f.context_rows))
        if len(f.spellings) > 1 or (f.spellings and f.spellings[0] != f.person):
            print(t("split_spellings", lang, names=", ".join(f.spellings)))
        for note in f.notes:
            print(t("split_note", lang, note=note))
    if result.missing:
        codes = _listing([f"{code} ({sheet}!{row})" for sheet, code, row in result.missing])
        print(t("split_missing", lang, count=len(result.missing), codes=codes))
    if result.uncoded:
        rows = _listing([f"{sheet}!{row}" for sheet, row in result.uncoded])
        print(t("split_uncoded", lang, count=len(result.uncoded), rows=rows))
    print(t("split_summary", lang, files=len(result.files), directory=result.directory))
    return 0


def _listing(items: list[str], limit: int = 20) -> str:
    """The first ``limit`` items, then how many more (a big report has hundreds)."""
    shown = ", ".join(items[:limit])
    return shown + (f", … (+{len(items) - limit})" if len(items) > limit else "")


def merge_text(result, files: int, lang: str) -> str:
    from ..messages import t

    lines = [t("merge_head", lang, master=result.master, files=files)]
    for person, count in result.by_person().items():
        lines.append(t("merge_person", lang, person=person or t("split_missing_person", lang), count=count))
        lines += [f"  {a.code:<9} {a.cell:<6} {_short(a.old)} → {_short(a.new)}" for a in result.merged
                  if a.person == person]
    if result.refused:
        lines.append(t("merge_refused_head", lang, count=len(result.refused)))
        lines += [f"  {r.person or '–'}: {r.message}  [{r.file}]" for r in result.refused]
    if result.conflicts:
        lines.append(t("merge_conflicts_head", lang, count=len(result.conflicts)))
        lines += [f"  {c.person}: {c.message}  [{c.file}]" for c in result.conflicts]
    if result.unchanged:
        lines.append(t("merge_unchanged", lang, files=", ".join(result.unchanged)))
    if result.not_returned:
        names = [p or t("split_missing_person", lang) for p in result.not_returned]
        lines.append(t("merge_not_returned", lang, persons=", ".join(names)))
    if result.counts:
        lines.append(t("merge_counts", lang, **result.counts))
    lines.append(t("cycle_written", lang, path=result.output))
    return "\n".join(lines)


def _short(value: object) -> str:
    from ..comparison import shorten

    return "–" if value is None else shorten(value, 40)


def run_merge(args: argparse.Namespace) -> int:
    """Exit 0 when every change was merged, 1 when some were refused or in conflict, 2 unusable input."""
    import json

    from ..commands import Options, run_command
    from ..merging import returned_files
    from ..write.file_workbook import FileWorkbook

    workbook = FileWorkbook(args.file, config=args.config, language=args.lang, output=args.output,
                            in_place=args.in_place, force=args.force)
    workbook.check_target()
    lang = workbook.settings().language
    answers = args.answers if isinstance(args.answers, list) else [args.answers]
    result = run_command(workbook, "merge", Options(others=tuple(map(str, answers)))).summary.data
    result.output = str(workbook.written)
    result.counts = run_command(FileWorkbook(workbook.written, config=args.config, language=args.lang),
                                "validate").summary.params
    if args.format == "json":
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2, default=str))
    else:
        print(merge_text(result, len(returned_files(args.answers, lang)), lang))
    return 1 if result.refused or result.conflicts else 0
