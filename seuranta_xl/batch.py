"""Validating many reports at once: a folder of them, or several files.

A file that cannot be used is recorded with its one-line reason and the rest are still processed;
the batch's exit code is the worst outcome (2 any unusable, else 1 any error findings, else 0).
Library code: nothing here prints; the CLI shows progress through the ``progress`` callback.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Literal

from .errors import InputError
from .messages import t
from .model import Report
from .settings import Settings

#: What a folder contributes to a batch (the formats staff save reports in) - and the spreadsheet
#: formats that are read only to be refused with their reason (an old .xls is named, not skipped).
BATCH_SUFFIXES = (".xlsx", ".xlsm", ".txt", ".tsv", ".csv", ".xls", ".xlsb", ".ods", ".numbers")

Outcome = Literal["ok", "errors", "unusable"]
_EXIT = {"ok": 0, "errors": 1, "unusable": 2}


def is_skipped(name: str) -> bool:
    """Files in a folder that are not reports even with a report's suffix.

    Excel's lock file ``~$raportti.xlsx`` (a 165-byte stub while the workbook is open), LibreOffice's
    ``.~lock.raportti.xlsx#``, hidden files, editor backups ``raportti.xlsx~`` and backup copies such
    as ``raportti.bak.xlsx`` / ``raportti.backup-2024-05-01.xlsx`` (a backup would double every finding).
    """
    lower = name.lower()
    if lower.startswith(("~$", ".~lock.", ".")) or lower.endswith("~"):
        return True
    stem_parts = lower.split(".")[1:-1]  # the dotted parts between the name and the suffix
    return any(part.startswith(("bak", "backup", "orig")) for part in stem_parts)


def reports_in(directory: Path, recursive: bool = False, skipped: list[Path] | None = None) -> list[Path]:
    """The report files in ``directory`` (and its subfolders with ``recursive``), sorted by path.

    Anything with a report's name that is not a folder is listed, a FIFO or device too: reading
    it refuses it with one line (see :func:`seuranta_xl.files.prescan.read_regular`), rather than
    leaving it out unseen. Every other file goes to ``skipped`` (named by the CLI), except Excel's
    own lock files ``~$…``, which are not files of anybody's."""
    found = []
    folders = [directory]
    while folders:
        folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if recursive and not entry.name.startswith("."):
                        folders.append(Path(entry.path))
                elif entry.name.lower().endswith(BATCH_SUFFIXES) and not is_skipped(entry.name):
                    found.append(Path(entry.path))
                elif skipped is not None and not entry.name.startswith("~$") and entry.name != "seuranta.toml":
                    skipped.append(Path(entry.path))
    if skipped is not None:
        skipped.sort(key=lambda p: str(p).lower())
    return sorted(found, key=lambda p: str(p).lower())


@dataclass
class FileResult:
    """One input of a batch: its validated report, or the one-line reason it could not be used."""

    path: Path
    report: Report | None = None
    #: Every report sheet of the file (``report`` is the first).
    reports: list[Report] = field(default_factory=list)
    error: str | None = None

    @property
    def outcome(self) -> Outcome:
        if self.report is None:
            return "unusable"
        return "errors" if any(r.counts()["errors"] for r in self.reports or [self.report]) else "ok"

    @property
    def exit_code(self) -> int:
        return _EXIT[self.outcome]


@dataclass
class BatchResult:
    results: list[FileResult] = field(default_factory=list)
    #: Files in the folders that were not read (not reports, backups, hidden files), named for the user.
    skipped: list[Path] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """The worst outcome: 2 if any file was unusable, else 1 if any had error findings, else 0."""
        return max((r.exit_code for r in self.results), default=2)

    def counts(self) -> dict[str, int]:
        outcomes = [r.outcome for r in self.results]
        return {"files": len(outcomes), "ok": outcomes.count("ok"),
                "with_errors": outcomes.count("errors"), "unusable": outcomes.count("unusable")}


def plan_inputs(paths: Iterable[str | os.PathLike[str]], lang: str = "fi", *, recursive: bool = False,
                skipped: list[Path] | None = None) -> list[FileResult]:
    """The batch's inputs in order: folders expanded to their reports; an empty folder is an unusable entry."""
    planned: list[FileResult] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            try:
                found = reports_in(path, recursive, skipped)
            except OSError as exc:
                planned.append(FileResult(path, error=t("unreadable", lang, reason=exc.strerror or str(exc))))
                continue
            if not found:
                planned.append(FileResult(path, error=t("no_reports_in_dir", lang)))
            planned.extend(FileResult(p) for p in found)
        else:
            planned.append(FileResult(path))  # a missing file is reported when its turn comes
    return planned


def validate_many(
    paths: Iterable[str | os.PathLike[str]],
    settings_for: Callable[[Path], Settings],
    *,
    sheets: tuple[str, ...] = (),
    lang: str = "fi",
    recursive: bool = False,
    progress: Callable[[int, int, Path], None] | None = None,
    previous: str | None = None,
    period: str | None = None,
) -> BatchResult:
    """Validate every input (every report sheet of each, or ``sheets``) through the command table's
    ``validate``; ``settings_for(path)`` gives each file's settings (its own seuranta.toml).

    ``progress(done, total, path)`` is called before each file is read. ``previous``/``period``:
    what every file is compared with (see :class:`~seuranta_xl.commands.Options`).
    """
    from .commands import Options, run_command
    from .write.file_workbook import FileWorkbook

    batch = BatchResult()
    planned = plan_inputs(paths, lang, recursive=recursive, skipped=batch.skipped)
    for index, result in enumerate(planned, start=1):
        if progress is not None:
            progress(index, len(planned), result.path)
        if result.error is None:
            try:
                summary = run_command(FileWorkbook(result.path, settings=settings_for(result.path)), "validate",
                                      Options(sheets=sheets, previous=previous, period=period)).summary
                result.reports = summary.reports
                result.report = summary.report
            except InputError as exc:
                result.error = exc.message
            except Exception as exc:  # one broken file must not stop the batch; the reason is kept
                reason = " ".join(str(exc).split())[:200]
                result.error = f"{t('unexpected', lang)}: {exc.__class__.__name__}: {reason}"
        batch.results.append(result)
    return batch
