"""Writing workbooks safely: the one save path of every engine.

- **Safe writes** (:func:`save_output`). The input is written only with ``in_place``; every write
  goes to a temporary file in the target folder first and then replaces the target atomically,
  under an advisory lock of ours, so a crash never leaves a half-written file and two writers never
  interleave. ``in_place`` keeps the previous version as ``<name>.bak<suffix>`` (then
  ``<name>.bak-2<suffix>`` …: a backup never replaces another; it keeps the suffix so Excel opens
  it). An existing output is overwritten only with ``force`` (and a new one is created
  exclusively); a file that Excel has open (its ``~$<name>`` lock file beside it) is never written;
  nor is a read-only one.
- **Suffix and content type agree.** Excel refuses to open a file whose suffix disagrees with its
  content type, so a workbook with macros may only be saved as ``.xlsm``/``.xltm`` and one without
  as ``.xlsx``/``.xltx``; the other combinations are refused (never silently dropping the macros).
- :func:`save_workbook` saves a workbook openpyxl built (``new``, ``import``: new files, nothing of
  the user's to lose). Every existing workbook is edited by the package engine
  (:mod:`seuranta_xl.write.package`), which keeps every part it does not change byte for byte.
"""

from __future__ import annotations

import datetime as _dt
import glob
import io
import os
import shutil
import stat
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Callable

from ..errors import InputError
from ..messages import t as _t

if TYPE_CHECKING:  # pragma: no cover
    import openpyxl

MACRO_SUFFIXES = {".xlsm", ".xltm"}
PLAIN_SUFFIXES = {".xlsx", ".xltx"}
TEMPLATE_SUFFIXES = {".xltx", ".xltm"}
WRITABLE_SUFFIXES = MACRO_SUFFIXES | PLAIN_SUFFIXES


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or exc.__class__.__name__
    return text[:160]


# --- save --------------------------------------------------------------------------------------

#: Our temporary and lock files beside the target: hidden, and named after the target so that a
#: writer holding the target's lock knows any of them left behind is stale (a crash, ``kill -9``).
_TEMP_PREFIX = ".~seuranta-"


def lock_file(path: Path) -> Path:
    """Where Excel puts its owner (lock) file while ``path`` is open: ``~$<name>`` beside it."""
    return path.with_name("~$" + path.name)


def backup_path(path: Path, number: int = 1) -> Path:
    """The ``number``-th backup name of ``path``: ``raportti.bak.xlsx``, then ``raportti.bak-2.xlsx`` …"""
    tag = "bak" if number == 1 else f"bak-{number}"
    return path.with_name(f"{path.stem}.{tag}{path.suffix}")


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def _read_only(path: Path) -> bool:
    """An existing file nobody may write (chmod a-w; Windows' read-only attribute): its owner's
    "do not change", which replacing it by a rename would ignore (root and POSIX allow that)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return stat.S_ISREG(mode) and not mode & 0o222


def resolve_target(input_path: str | os.PathLike[str] | None, output: str | os.PathLike[str] | None, *,
                   in_place: bool, force: bool, lang: str = "fi") -> Path:
    """The file a write will replace or create; InputError (one line) for a request that cannot be
    done: ``--in-place`` together with ``-o``, no output, OUT = FILE, an existing OUT without
    ``--force``, a folder, a file Excel has open. Cheap: call it before the work, to fail early.

    ``--in-place`` through a symbolic link writes the link's target (the link stays a link).
    """
    source = Path(input_path) if input_path is not None else None
    if in_place:
        if output is not None:
            raise InputError.of(str(source or output), "in_place_and_output", lang)
        if source is None:
            raise InputError("-", _t("no_output", lang))
        target = Path(os.path.realpath(source))
    else:
        if output is None:
            raise InputError(str(source or "-"), _t("no_output", lang))
        target = Path(output)
        if target.is_dir():  # before "exists": a folder is never replaced, --force or not
            raise InputError.of(str(target), "output_is_folder", lang, folder=str(target).rstrip("/\\") or str(target),
                                sep=os.sep)
        if source is not None and _same_file(source, target):
            raise InputError(str(target), _t("out_is_input", lang))
        if os.path.lexists(target) and not force:
            raise InputError(str(target), _t("exists", lang))
        if os.path.islink(target):
            target = Path(os.path.realpath(target))  # --force through a link: write what it points to
    if target.is_dir():
        raise InputError(str(target), _t("write_failed", lang, reason="is a directory"))
    if _read_only(target):
        raise InputError.of(str(target), "read_only", lang)
    lock = lock_file(target)
    if lock.exists():
        raise InputError(str(target), _t("locked", lang, lock=lock.name))
    return target


def save_output(input_path: str | os.PathLike[str] | None, output: str | os.PathLike[str] | None, *,
                in_place: bool, force: bool, lang: str = "fi",
                write: Callable[[BinaryIO], None]) -> Path:
    """Write a workbook safely through ``write`` and return the path written. The one save path for
    every engine that writes files (openpyxl through :func:`save_workbook`, the package engine).

    ``write(fh)`` writes the complete file to the binary file ``fh`` (a temporary file beside the
    target) and may raise; it must not close ``fh``. Rendering into memory first and writing the
    bytes at the end keeps a failing disk (ENOSPC, ``ulimit -f``) from leaving a half-closed
    ZipFile behind.

    - The target is :func:`resolve_target`'s (refusals there are InputError, exit 2).
    - An advisory lock of our own (``.~seuranta-<name>.lock`` beside the target; ``fcntl.flock``
      on POSIX, ``msvcrt.locking`` on Windows) is held from before the first byte until the target
      is in place; a second writer of the same file refuses with one line instead of interleaving.
    - The file is written to a temporary file in the target's folder, flushed to disk, then moved
      into place atomically: ``os.replace`` with ``in_place`` or ``force``; otherwise created
      exclusively (``os.link``, or ``O_EXCL`` where links are not supported), so two writers of a
      new OUT cannot both succeed.
    - ``in_place`` keeps the previous version as a backup that never replaces another:
      ``NAME.bak.xlsx``, else ``NAME.bak-2.xlsx``, ``NAME.bak-3.xlsx`` … (a hard link to the previous
      file, or a copy where links are not supported).
    - The temporary file is removed on every failure path (an exception, Ctrl-C); ones left by a
      killed run of ours for the same target are removed on the next write.
    - A symbolic link given with ``in_place`` stays a link; its target is written.
    """
    target = resolve_target(input_path, output, in_place=in_place, force=force, lang=lang)
    folder = target.parent if str(target.parent) else Path(".")

    def failed(exc: BaseException) -> InputError:
        reason = getattr(exc, "strerror", None) or _short(exc)
        return InputError(str(target), _t("write_failed", lang, reason=reason))

    try:  # "-o raportit/2026/out.xlsx" into a folder that does not exist yet: make it
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise failed(exc) from None
    with _WriteLock(folder / f"{_TEMP_PREFIX}{target.name}.lock", str(target), lang):
        _remove_stale(folder, target)
        try:
            fd, tmp_name = tempfile.mkstemp(prefix=f"{_TEMP_PREFIX}{target.name}-", suffix=".tmp", dir=folder)
        except OSError as exc:
            raise failed(exc) from None
        tmp = Path(tmp_name)
        backup = None
        try:
            with os.fdopen(fd, "wb") as fh:
                write(fh)
                fh.flush()
                os.fsync(fh.fileno())
            if target.exists():
                shutil.copymode(target, tmp)
            else:  # mkstemp makes 0600; a new file gets the usual permissions
                os.chmod(tmp, 0o666 & ~_umask())
            if in_place:
                backup = _keep_backup(target)
            if in_place or force:
                os.replace(tmp, target)
            elif not _create_exclusive(tmp, target):
                raise InputError(str(target), _t("exists", lang))
        except InputError:
            raise
        except OSError as exc:
            if backup is not None:
                _unlink(backup)  # the original is still in place: no backup of it is needed
            raise failed(exc) from None
        finally:
            _unlink(tmp)
    return target


class _WriteLock:
    """An exclusive, non-blocking advisory lock on ``path`` (created if needed, removed after)."""

    def __init__(self, path: Path, target: str, lang: str):
        self.path, self.target, self.lang = path, target, lang
        self.fd: int | None = None

    def __enter__(self) -> "_WriteLock":
        for _attempt in range(3):
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError as exc:
                raise InputError(self.target, _t("write_failed", self.lang, reason=exc.strerror or _short(exc))) from None
            if not _try_lock(fd):
                os.close(fd)
                raise InputError.of(self.target, "write_busy", self.lang)
            try:  # the lock file may have been removed by its previous holder meanwhile: retry
                same = os.path.samestat(os.fstat(fd), os.stat(self.path))
            except OSError:
                same = False
            if same:
                self.fd = fd
                return self
            os.close(fd)
        raise InputError.of(self.target, "write_busy", self.lang)

    def __exit__(self, *exc: object) -> None:
        if self.fd is None:
            return
        if os.name != "nt":
            _unlink(self.path)  # removed while still held, so no third writer locks a stale file
        os.close(self.fd)
        if os.name == "nt":
            _unlink(self.path)
        self.fd = None


def _try_lock(fd: int) -> bool:
    if os.name == "nt":  # pragma: no cover - Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _remove_stale(folder: Path, target: Path) -> None:
    """Temporary files of ours for ``target`` (we hold its lock, so none is in use)."""
    try:
        for entry in folder.glob(f"{glob.escape(_TEMP_PREFIX + target.name)}-*.tmp"):
            _unlink(entry)
    except OSError:
        pass


def _unlink(path: Path | str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _create_exclusive(tmp: Path, target: Path) -> bool:
    """Move ``tmp`` to ``target`` only if ``target`` does not exist (False if it does)."""
    try:
        os.link(tmp, target)
        return True
    except FileExistsError:
        return False
    except OSError:  # no hard links here (FAT, some network shares): create exclusively, then copy
        pass
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except FileExistsError:
        return False
    try:
        with os.fdopen(fd, "wb") as out, open(tmp, "rb") as src:
            shutil.copyfileobj(src, out)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        _unlink(target)
        raise
    shutil.copymode(tmp, target)
    return True


def _keep_backup(target: Path) -> Path:
    """The previous version of ``target`` under the first free backup name; never replaces one."""
    for number in range(1, 10_000):
        backup = backup_path(target, number)
        if os.path.lexists(backup):
            continue
        try:
            os.link(target, backup)
            return backup
        except FileExistsError:
            continue
        except OSError:
            pass
        # No hard links here: an exclusive copy (made before the target is replaced).
        fd, tmp_name = tempfile.mkstemp(prefix=f"{_TEMP_PREFIX}{target.name}-", suffix=".tmp", dir=target.parent)
        os.close(fd)
        try:
            shutil.copy2(target, tmp_name)
            if _create_exclusive(Path(tmp_name), backup):
                return backup
        finally:
            _unlink(tmp_name)
    raise OSError("no free backup name")


def check_suffix(macros: bool, target: Path, lang: str) -> None:
    """A macro workbook is written only as .xlsm/.xltm, a plain one never as one (Excel would refuse it)."""
    suffix = target.suffix.lower()
    if suffix not in WRITABLE_SUFFIXES:
        raise InputError(str(target), _t("suffix_unknown", lang))
    if macros and suffix not in MACRO_SUFFIXES:
        raise InputError(str(target), _t("suffix_macros", lang))
    if not macros and suffix in MACRO_SUFFIXES:
        raise InputError(str(target), _t("suffix_plain", lang))


def save_workbook(wb: "openpyxl.Workbook", input_path: str | os.PathLike[str] | None,
                  output_path: str | os.PathLike[str] | None = None, *, in_place: bool = False,
                  force: bool = False, lang: str = "fi",
                  timestamp: _dt.datetime | None = None) -> Path:
    """Write the openpyxl workbook ``wb`` through :func:`save_output` and return the path written.

    ``input_path`` is the file ``wb`` was opened from (None for a new workbook). With ``in_place``
    the input is replaced (backup kept, see :func:`backup_path`); otherwise ``output_path`` is
    written and must differ from the input. ``timestamp`` makes the bytes reproducible: document
    created/modified times and every zip entry's time are set to it.
    """
    target = resolve_target(input_path, output_path, in_place=in_place, force=force, lang=lang)
    check_suffix(wb.vba_archive is not None, target, lang)
    wb.template = target.suffix.lower() in TEMPLATE_SUFFIXES
    # openpyxl marks every workbook it saves for a full recalculation on open; only one holding a
    # formula needs it (the tool writes none: nothing read from a cell becomes a formula).
    if wb.calculation is not None:
        wb.calculation.fullCalcOnLoad = True if _has_formula(wb) else None
    return save_output(input_path, output_path, in_place=in_place, force=force, lang=lang,
                       write=lambda fh: fh.write(_render(wb, timestamp)))


def _has_formula(wb: "openpyxl.Workbook") -> bool:
    return any(cell.data_type == "f" for ws in wb.worksheets for row in ws.iter_rows() for cell in row)


def _umask() -> int:
    mask = os.umask(0o22)
    os.umask(mask)
    return mask


def _render(wb: "openpyxl.Workbook", timestamp: _dt.datetime | None) -> bytes:
    """The workbook's file, in memory (so a full disk fails in our write, not inside a ZipFile)."""
    buffer = io.BytesIO()
    if timestamp is None:
        wb.save(buffer)
        return buffer.getvalue()
    from openpyxl.writer.excel import ExcelWriter

    # openpyxl.save() stamps "now" into docProps/core.xml and the zip entries; write through
    # ExcelWriter with fixed document times, then repack with fixed entry times.
    stamp = timestamp.replace(tzinfo=None, microsecond=0)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    archive = zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(wb, archive).save()
    date_time = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, src.read(info))
    return out.getvalue()
