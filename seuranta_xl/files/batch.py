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

from ..errors import InputError
from ..messages import t
from ..model import Report
from ..settings import Settings

#: What a folder contributes to a batch (the formats staff save reports in).
BATCH_SUFFIXES = (".xlsx", ".xlsm", ".txt", ".tsv", ".csv")

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


def reports_in(directory: Path) -> list[Path]:
    """The report files directly in ``directory`` (not its subfolders), sorted by name.

    Anything with a report's name that is not a folder is listed, a FIFO or device too: reading
    it refuses it with one line (see :func:`seuranta_xl.files.prescan.read_regular`), rather than
    leaving it out unseen."""
    found = []
    with os.scandir(directory) as entries:
        for entry in entries:
            if entry.name.lower().endswith(BATCH_SUFFIXES) and not is_skipped(entry.name) and not entry.is_dir():
                found.append(Path(entry.path))
    return sorted(found, key=lambda p: p.name.lower())


@dataclass
class FileResult:
    """One input of a batch: its validated report, or the one-line reason it could not be used."""

    path: Path
    report: Report | None = None
    error: str | None = None

    @property
    def outcome(self) -> Outcome:
        if self.report is None:
            return "unusable"
        return "errors" if self.report.counts()["errors"] else "ok"

    @property
    def exit_code(self) -> int:
        return _EXIT[self.outcome]


@dataclass
class BatchResult:
    results: list[FileResult] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """The worst outcome: 2 if any file was unusable, else 1 if any had error findings, else 0."""
        return max((r.exit_code for r in self.results), default=2)

    def counts(self) -> dict[str, int]:
        outcomes = [r.outcome for r in self.results]
        return {"files": len(outcomes), "ok": outcomes.count("ok"),
                "with_errors": outcomes.count("errors"), "unusable": outcomes.count("unusable")}


def plan_inputs(paths: Iterable[str | os.PathLike[str]], lang: str = "fi") -> list[FileResult]:
    """The batch's inputs in order: folders expanded to their reports; an empty folder is an unusable entry."""
    planned: list[FileResult] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            try:
                found = reports_in(path)
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
    sheet: str | None = None,
    lang: str = "fi",
    progress: Callable[[int, int, Path], None] | None = None,
) -> BatchResult:
    """Validate every input; ``settings_for(path)`` gives each file's settings (its own seuranta.toml).

    ``progress(done, total, path)`` is called before each file is read.
    """
    from ..validate import validate

    planned = plan_inputs(paths, lang)
    batch = BatchResult()
    for index, result in enumerate(planned, start=1):
        if progress is not None:
            progress(index, len(planned), result.path)
        if result.error is None:
            try:
                result.report = validate(result.path, settings_for(result.path), sheet=sheet)
            except InputError as exc:
                result.error = exc.message
            except Exception as exc:  # one broken file must not stop the batch; the reason is kept
                reason = " ".join(str(exc).split())[:200]
                result.error = f"{t('unexpected', lang)}: {exc.__class__.__name__}: {reason}"
        batch.results.append(result)
    return batch
