"""Splitting a report by responsible person: one workbook per person with the rows they answer for.

Who gets which rows is decided here from the report alone (pure: :func:`plan_split`); building the
per-person workbooks is :mod:`seuranta_xl.write.package.person`'s job, and :func:`split` joins the two
(a command, like :mod:`seuranta_xl.commands`: it reads the master and writes the files).

- A row goes to each person its *Vastuuhenkilö* cell names. Variant spellings of one role are one
  person: a value close to a valid role is that role, and the unknown values rule P102 finds to be
  spellings of each other are one group.
- Rows whose level requires a responsible person but have none go to one file
  (:data:`MISSING_FILE_STEM`) and are listed.
- The parent goals of the sent rows go along as read-only context.
- Each file carries a very hidden sheet (:data:`RECORD_SHEET`) recording, for each sent row, the
  source file, the sheet, the code and a hash of the row as sent; :mod:`seuranta_xl.merging` uses it.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .codes import parent_code
from .model import Item, Report
from .rules import RunContext
from .rules.roles import closest_role, role_variants, split_roles
from .settings import Settings

if TYPE_CHECKING:
    import pandas as pd

#: The fields a responsible person fills in; everything else in their file is locked.
INPUT_FIELDS = ("grade", "progress", "risks")
#: The fields a row's hash covers: what the person sees and may answer (not the rollup's status).
HASHED_FIELDS = ("code", "name", "grade", "progress", "risks", "responsible")
RECORD_SHEET = "_jako"
RECORD_HEADER = ("source", "sheet", "code", "row_hash", "person")
MISSING_FILE_STEM = "vastuuhenkilö puuttuu"
#: Names Windows reserves whatever the suffix.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')


# --- plain data ------------------------------------------------------------------------------------


@dataclass
class RecordEntry:
    """One sent row: where it came from and how it looked when sent."""

    source: str
    sheet: str
    code: str  # display code, "01.05.01"
    row_hash: str
    person: str

    def to_row(self) -> list[str]:
        return [self.source, self.sheet, self.code, self.row_hash, self.person]


@dataclass
class Packet:
    """What one person gets: per report sheet the rows they answer for and the context rows."""

    person: str  # the role as on the roles list (or as most often typed); "" for the missing file
    stem: str  # file name without suffix, safe on any file system
    rows: dict[str, list[int]] = field(default_factory=dict)  # sheet → editable master rows
    context: dict[str, list[int]] = field(default_factory=dict)  # sheet → read-only master rows
    record: list[RecordEntry] = field(default_factory=list)
    #: The spellings of the person found in the report (for the listing).
    spellings: list[str] = field(default_factory=list)

    @property
    def codes(self) -> list[str]:
        return [e.code for e in self.record]


@dataclass
class SplitFile:
    person: str
    path: str
    codes: list[str]
    rows: int
    context_rows: int
    spellings: list[str]
    #: What of the master could not be carried into this file soundly, and was left out.
    notes: list[str] = field(default_factory=list)


@dataclass
class SplitResult:
    source: str
    directory: str
    files: list[SplitFile] = field(default_factory=list)
    #: Rows that need a responsible person and have none: (sheet, code, row).
    missing: list[tuple[str, str, int]] = field(default_factory=list)
    #: Rows without a code (cannot be merged back by code), not sent: (sheet, row).
    uncoded: list[tuple[str, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_frame(self) -> "pd.DataFrame":
        """One line per sent row: person, file and code."""
        import pandas as pd

        records = [{"person": f.person, "file": f.path, "code": code} for f in self.files for code in f.codes]
        return pd.DataFrame.from_records(records, columns=["person", "file", "code"])


# --- pure parts ------------------------------------------------------------------------------------


def cell_text(value: Any) -> str:
    """A value as compared: numbers without a trailing .0, whitespace collapsed, NFC."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def item_values(item: Item) -> dict[str, str]:
    """The hashed fields of an item as compared text (the grade as typed)."""
    return {"code": item.display_code, "name": cell_text(item.name), "grade": cell_text(item.grade.raw),
            "progress": cell_text(item.progress), "risks": cell_text(item.risks), "responsible": cell_text(item.responsible)}


def row_hash(values: dict[str, str]) -> str:
    """A short stable hash of a row's values (see :func:`item_values`)."""
    text = "\x1f".join(values.get(name, "") for name in HASHED_FIELDS)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


#: A split file's stem at most this many bytes (UTF-8): with `` (2)``, ``.xlsx`` and the writer's
#: ``.~seuranta-…-XXXXXXXX.tmp`` it stays within the 255 bytes of a file name.
STEM_BYTES = 160


def safe_stem(name: str) -> str:
    """A file name stem valid on Windows, macOS and Linux: no reserved characters or names, no
    trailing dots or spaces, NFC letters (kept: the file is named after the person), at most 80
    characters and :data:`STEM_BYTES` bytes in UTF-8 (a name of 80 emoji is 320 bytes; a file
    system allows 255, and the writer's temporary and lock files add to the name)."""
    text = unicodedata.normalize("NFC", name)
    text = _UNSAFE.sub("_", text)
    text = " ".join(text.split()).strip(" .")[:80]
    text = text.encode("utf-8")[:STEM_BYTES].decode("utf-8", "ignore").strip(" .")
    if not text:
        text = "_"
    if text.split(".")[0].casefold() in _RESERVED:
        text = "_" + text
    return text


def person_of(reports: list[Report], settings: Settings) -> dict[str, str]:
    """Each responsible value (one name of a cell, as :func:`split_roles` gives it) → its person.

    A value on the roles list, or close to one, is that role; unknown values that rule P102 finds to
    be spellings of each other are one person, named by the valid role they resemble or else by
    the spelling used most.
    """
    counts: Counter[str] = Counter()
    for report in reports:
        for item in report.items:
            if item.owns_row and item.responsible:
                counts.update(split_roles(item.responsible, settings.roles))
    exact = {cell_text(r).casefold(): r for r in settings.roles}
    person: dict[str, str] = {}
    for value in counts:
        person[value] = exact.get(cell_text(value).casefold()) or closest_role(value, settings.roles) or value
    for report in reports:
        for hit in role_variants(RunContext(report, settings)):
            members = [m for m in hit.args["variants"] if m in person]
            names = [person[m] for m in members if person[m] in settings.roles]
            name = names[0] if names else max(members, key=lambda m: (counts[m], *_care(m), -members.index(m)))
            for member in members:
                if person[member] not in settings.roles:
                    person[member] = name
    return person


def _care(spelling: str) -> tuple[bool, int]:
    """Between spellings used equally often, the one written with care names the person: a capital
    first letter (as role titles are written) and Finnish letters kept (``päällikkö``, not the
    ``paallikko`` of a system without them)."""
    return spelling[:1].isupper(), sum(spelling.count(c) for c in "äöåÄÖÅ")


def _ancestors(report: Report, item: Item) -> list[Item]:
    found, code = [], parent_code(item.code)
    while code is not None:
        parent = report.find(code)
        if parent is not None:
            found.append(parent)
        code = parent_code(code)
    return found


def plan_split(reports: list[Report], settings: Settings, source_name: str) -> tuple[list[Packet], SplitResult]:
    """The packets (one per person, plus the missing file when needed) and the listing so far."""
    persons = person_of(reports, settings)
    stem = Path(source_name).stem
    packets: dict[str, Packet] = {}
    result = SplitResult(source=source_name, directory="")

    def packet(person: str) -> Packet:
        if person not in packets:
            label = person or MISSING_FILE_STEM
            packets[person] = Packet(person=person, stem=safe_stem(f"{stem} - {label}"))
        return packets[person]

    for report in reports:
        sheet = report.sheet
        result.uncoded += [(sheet, r.row) for r in report.uncoded_rows]
        for item in report.items:
            if not item.owns_row:
                continue
            names = split_roles(item.responsible, settings.roles) if item.responsible else []
            if names:
                targets = list(dict.fromkeys(persons[n] for n in names))
            elif "responsible" in settings.required.get(item.level, []):
                targets = [""]
                result.missing.append((sheet, item.display_code, item.row))
            else:
                continue
            for person in targets:
                p = packet(person)
                p.spellings += [n for n in names if persons[n] == person and n not in p.spellings]
                p.rows.setdefault(sheet, []).append(item.row)
                p.record.append(RecordEntry(source=os.path.basename(source_name), sheet=sheet,
                                            code=item.display_code, row_hash=row_hash(item_values(item)),
                                            person=person))
                p.context.setdefault(sheet, []).extend(a.row for a in _ancestors(report, item))
    for p in packets.values():
        for sheet, rows in p.rows.items():
            p.rows[sheet] = sorted(set(rows))
            p.context[sheet] = sorted(set(p.context.get(sheet, [])) - set(rows))
    ordered = sorted(packets.values(), key=lambda p: (p.person == "", p.person.casefold()))
    _unique_stems(ordered)
    return ordered, result


def _unique_stems(packets: list[Packet]) -> None:
    """Two persons whose safe names collide (case-insensitive file systems) get ``(2)``, ``(3)``."""
    seen: set[str] = set()
    for p in packets:
        stem, n = p.stem, 1
        while stem.casefold() in seen:
            n += 1
            stem = f"{p.stem} ({n})"
        p.stem = stem
        seen.add(stem.casefold())


# --- the command -----------------------------------------------------------------------------------


def split(source: str | os.PathLike[str], directory: str | os.PathLike[str], *, by: str = "responsible",
          password: str | None = None, settings: Settings | None = None, force: bool = False,
          lang: str | None = None) -> SplitResult:
    """Write one workbook per responsible person of ``source`` into ``directory``, each an edit of
    the master's package (:mod:`seuranta_xl.write.package.person`): read once, one new package per
    person, every part a person's book does not need to change kept byte for byte.

    ``force``: replace files already there (otherwise an existing file stops the split before
    anything is written). Raises InputError (exit 2) for an unusable report.
    """
    from .config import load_settings
    from .files.workbook_io import save_output
    from .validate import reports_from_grids
    from .write.file_workbook import FileWorkbook
    from .write.package import PackageError
    from .write.package.person import MasterBook, write_person_book

    if by != "responsible":
        raise ValueError(f"split by {by!r}: only 'responsible' is supported")
    settings = settings or load_settings(source)
    lang = lang or settings.language
    name = os.fspath(source)
    workbook = FileWorkbook(source, settings=settings, language=lang, output=directory)
    try:
        reports = reports_from_grids(workbook.grids(), name, settings=settings)
        packets, result = plan_split(reports, settings, name)
        targets = _targets(packets, result, directory, force, lang)
        master = MasterBook(workbook._package([r.sheet for r in reports]), reports, settings, lang)
        for p, target in zip(packets, targets):
            made = []
            save_output(None, target, in_place=False, force=True, lang=lang,
                        write=lambda fh, p=p: made.append(write_person_book(master, p, fh, password=password)))
            result.files.append(SplitFile(
                person=p.person, path=str(target), codes=p.codes, rows=sum(len(r) for r in p.rows.values()),
                context_rows=sum(len(r) for r in p.context.values()), spellings=p.spellings,
                notes=made[0].notes if made else []))
    except PackageError as exc:  # a package this engine cannot edit safely: one line, in the command's language
        raise exc.in_lang(lang) from None
    finally:
        workbook.close()
    return result


def _targets(packets: list[Packet], result: SplitResult, directory: str | os.PathLike[str], force: bool,
             lang: str) -> list[Path]:
    """Where each packet's file goes; InputError (before anything is written) for a folder that is
    a file, or a file already there without ``force``."""
    from .errors import InputError

    out = Path(directory)
    result.directory = str(out)
    if out.exists() and not out.is_dir():
        raise InputError.of(str(out), "split_not_dir", lang)
    targets = [out / f"{p.stem}.xlsx" for p in packets]
    if not force:
        for target in targets:
            if target.exists():
                raise InputError.of(str(target), "split_exists", lang)
    return targets
