"""Opening and saving workbooks with openpyxl without losing the user's work.

Everything that writes a workbook goes through :func:`open_workbook` and :func:`save_workbook`:

- **Limits before loading.** The package's declared uncompressed size and the sheets' declared
  dimensions are checked against ``settings.limits`` before openpyxl reads anything, so a zip bomb
  or a sheet claiming millions of cells is refused with a clear message. XML is parsed through
  defusedxml (openpyxl uses it when importable), so entity bombs are refused too.
- **Nothing lost silently.** openpyxl rebuilds the package from its own object model and drops
  what it does not model. :func:`detect_losses` inspects the part names and the sheets' extension
  lists *before* loading; :func:`open_workbook` refuses such a file unless ``force``.
  Not reported, because nothing the user made is lost: printer driver settings
  (``xl/printerSettings``), the size and colour of comment boxes (the comment text is kept),
  chart style/colour parts (the chart itself is kept), the "ignored error" markers.
- **Macros byte for byte.** A macro-enabled package (``vbaProject.bin`` present) is loaded with
  ``keep_vba=True``; openpyxl copies ``xl/vbaProject.bin`` unchanged.
- **External links are kept, never followed.** ``keep_links=True`` keeps the external-link parts
  (Excel's cached copy of the linked values) so saving does not break the user's formulas;
  neither openpyxl nor this tool ever opens the linked file or any URL. Their size counts towards
  the limits like every other part.
- **Safe writes** (:func:`save_output`, the one save path for every engine). The input is written
  only with ``in_place``; every write goes to a temporary file in the target folder first and then
  replaces the target atomically, under an advisory lock of ours, so a crash never leaves a
  half-written file and two writers never interleave. ``in_place`` keeps the previous version as
  ``<name>.bak<suffix>`` (then ``<name>.bak-2<suffix>`` …: a backup never replaces another; it keeps
  the suffix so Excel opens it). An existing output is overwritten only with ``force`` (and a new one
  is created exclusively); a file that Excel has open (its ``~$<name>`` lock file beside it) is
  never written.
- **Suffix and content type agree.** openpyxl picks the content type from the workbook (macros or
  not, template or not), not from the file name, and Excel refuses to open a file whose suffix
  disagrees. So a workbook with macros may only be saved as ``.xlsm``/``.xltm`` and one without as
  ``.xlsx``/``.xltx``; the other combinations are refused (never silently dropping the macros).
"""

from __future__ import annotations

import datetime as _dt
import glob
import io
import os
import re
import shutil
import stat
import tempfile
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Callable

from ..errors import InputError
from ..messages import t as _t

if TYPE_CHECKING:  # pragma: no cover
    import openpyxl

    from ..settings import Settings

MACRO_SUFFIXES = {".xlsm", ".xltm"}
PLAIN_SUFFIXES = {".xlsx", ".xltx"}
TEMPLATE_SUFFIXES = {".xltx", ".xltm"}
WRITABLE_SUFFIXES = MACRO_SUFFIXES | PLAIN_SUFFIXES

# --- what openpyxl cannot carry over ------------------------------------------------------------


@dataclass(frozen=True)
class Loss:
    """One kind of content that saving with openpyxl would drop, with the parts that hold it."""

    kind: str
    parts: tuple[str, ...] = field(default_factory=tuple)

    def describe(self, lang: str = "fi") -> str:
        return _t(f"loss.{self.kind}", lang)


#: The kinds of content openpyxl drops, in the order a refusal lists them (texts: ``loss.<kind>``
#: in the message catalogue).
KINDS: tuple[str, ...] = (
    "shapes",
    "pictures",
    "form_controls",
    "activex",
    "pivot_tables",
    "slicers",
    "timelines",
    "threaded_comments",
    "custom_xml",
    "connections",
    "embeddings",
    "macro_sheets",
    "rich_data",
    "cf_extensions",
    "dv_extensions",
    "sparklines",
    "protected_ranges",
    "web_extensions",
    "vba_signature",
)

#: Part-name prefixes (case-insensitive) whose presence alone means the content is lost.
_PART_KINDS: tuple[tuple[str, str], ...] = (
    ("xl/ctrlprops/", "form_controls"),
    ("xl/activex/", "activex"),
    ("xl/pivottables/", "pivot_tables"),
    ("xl/pivotcache/", "pivot_tables"),
    ("xl/slicers/", "slicers"),
    ("xl/slicercaches/", "slicers"),
    ("xl/timelines/", "timelines"),
    ("xl/timelinecaches/", "timelines"),
    ("xl/threadedcomments/", "threaded_comments"),
    ("customxml/", "custom_xml"),
    ("xl/connections.xml", "connections"),
    ("xl/querytables/", "connections"),
    ("xl/embeddings/", "embeddings"),
    ("xl/macrosheets/", "macro_sheets"),
    ("xl/dialogsheets/", "macro_sheets"),
    ("xl/richdata/", "rich_data"),
    ("xl/vbaprojectsignature", "vba_signature"),
)

#: Worksheet extension URIs (see openpyxl.xml.constants.EXT_TYPES) whose content openpyxl drops.
_EXT_KINDS: dict[str, str] = {
    "{78C0D931-6437-407D-A8EE-F0AAD7539E65}": "cf_extensions",
    "{CCE6A557-97BC-4B89-ADB6-D9C93CAAB3DF}": "dv_extensions",
    "{05C60535-1F16-4FD2-B633-F4F36F0B64E0}": "sparklines",
    "{A8765BA9-456A-4DAB-B4F3-ACF838C121DE}": "slicers",
    "{3A4CF648-6AED-40F4-86FF-DC5316D8AED3}": "slicers",
    "{FC87AEE6-9EDD-4A0A-B7FB-166176984837}": "protected_ranges",
    "{F7C9EE02-42E1-4005-9D12-6889AFFD525C}": "web_extensions",
    "{7E03D99C-DC04-49D9-9315-930204A7B6E9}": "timelines",
}

# Raw-byte scans: element text cannot hold a literal "<", so these only match markup.
_EXT_URI = re.compile(rb'<(?:[\w.-]+:)?ext\b[^>]*\buri="([^"]+)"')
_SHAPE = re.compile(rb"<(?:[\w.-]+:)?(?:sp|grpSp|cxnSp)[\s>/]")
_PICTURE = re.compile(rb"<(?:[\w.-]+:)?pic[\s>/]")
_WORKSHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$", re.I)
_DRAWING = re.compile(r"^xl/drawings/[^/]+\.xml$", re.I)


def _pictures_supported() -> bool:
    # openpyxl drops every picture when Pillow is missing (reader/drawings.py).
    try:
        import PIL  # noqa: F401
    except ImportError:
        return False
    return True


def _scan(package: zipfile.ZipFile, name: str, pattern: re.Pattern[bytes]) -> list[bytes]:
    """All first groups (or whole matches) of ``pattern`` in a member, read in overlapping chunks."""
    found: list[bytes] = []
    tail = b""
    with package.open(name) as fh:
        while chunk := fh.read(1 << 20):
            data = tail + chunk
            for m in pattern.finditer(data):
                found.append(m.group(1) if m.groups() else m.group(0))
            tail = data[-512:]
    return list(dict.fromkeys(found))


def detect_losses(path: str | os.PathLike[str] | bytes) -> list[Loss]:
    """Kinds of content in the package at ``path`` (or in these bytes) that openpyxl would not write back."""
    parts: dict[str, list[str]] = {}
    with zipfile.ZipFile(_source(path)) as package:
        names = package.namelist()
        for name in names:
            lower = name.lower()
            for prefix, kind in _PART_KINDS:
                if lower.startswith(prefix):
                    parts.setdefault(kind, []).append(name)
            if _WORKSHEET.match(name):
                for uri in _scan(package, name, _EXT_URI):
                    kind = _EXT_KINDS.get(uri.decode("ascii", "replace").upper())
                    if kind:
                        parts.setdefault(kind, []).append(name)
            elif _DRAWING.match(name):
                if _scan(package, name, _SHAPE):
                    parts.setdefault("shapes", []).append(name)
                if not _pictures_supported() and _scan(package, name, _PICTURE):
                    parts.setdefault("pictures", []).append(name)
    # openpyxl copies every xl/vba* member along with the macros but not xl/_rels/vbaProject.bin.rels,
    # so a signature is lost only while that relationship still links it.
    if "vba_signature" in parts and "xl/_rels/vbaproject.bin.rels" not in {n.lower() for n in names}:
        del parts["vba_signature"]
    return [Loss(kind, parts=tuple(dict.fromkeys(parts[kind]))) for kind in KINDS if kind in parts]


def lossy_parts(path: str | os.PathLike[str], lang: str = "fi") -> list[str]:
    """A human description of each kind of content openpyxl would drop (empty: nothing is lost)."""
    return [loss.describe(lang) for loss in detect_losses(path)]


# --- limits ------------------------------------------------------------------------------------


def _source(path: str | os.PathLike[str] | bytes):
    return io.BytesIO(path) if isinstance(path, (bytes, bytearray)) else Path(path)


def check_limits(path: Path | bytes, settings: "Settings | None" = None, lang: str = "fi", *,
                 name: str | None = None):
    """InputError when the package is over the limits or declares a DTD, before openpyxl parses it.

    The same guard as the read path (:func:`seuranta_xl.files.reader.inspect_package`): zip directory and
    unpacked XML sizes, the sheets' cell extent, and no DTD in any XML part (OOXML never has one; a
    DTD is an entity bomb or an XXE attempt). defusedxml inside openpyxl is the second line.
    """
    from .reader import inspect_package
    from ..settings import Settings

    return inspect_package(path, lang, (settings or Settings()).limits, name=name)


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or exc.__class__.__name__
    return text[:160]


# --- open --------------------------------------------------------------------------------------


def has_macros(path: str | os.PathLike[str] | bytes) -> bool:
    """True when the package holds a VBA project (whatever its suffix says)."""
    with zipfile.ZipFile(_source(path)) as package:
        return any(n.lower() == "xl/vbaproject.bin" for n in package.namelist())


def open_workbook(path: str | os.PathLike[str], *, lang: str = "fi", force: bool = False,
                  settings: "Settings | None" = None) -> "openpyxl.Workbook":
    """The workbook at ``path``, loaded for editing, after the limit and loss checks.

    Raises InputError (exit 2) for non-workbooks, text exports, packages over the limits, XML with
    entity declarations, broken packages, and, unless ``force``, content openpyxl would drop.
    """
    import openpyxl
    from defusedxml import DefusedXmlException

    from .opc import readable
    from .prescan import read_regular
    from .reader import sniff_data
    from ..settings import Settings

    path = Path(path)
    name = str(path)
    limits = (settings or Settings()).limits
    data = read_regular(path, lang, limit=limits.max_uncompressed_bytes)  # read once: a regular file
    if sniff_data(data, name, path.suffix, lang) == "text":
        raise InputError(name, _t("text_export", lang, name=path.name))
    scan = check_limits(data, settings, lang, name=name)
    if scan.strict:  # openpyxl reads a Strict workbook as one without sheets
        raise InputError.of(name, "strict_package", lang)
    try:
        keep_vba = has_macros(data)
        losses = [] if force else detect_losses(data)  # (with force they would not matter)
    except (zipfile.BadZipFile, OSError, EOFError, KeyError) as exc:
        raise InputError(name, _t("corrupt_xlsx", lang, reason=_short(exc))) from None
    if losses and not force:
        kinds = ", ".join(loss.describe(lang) for loss in losses)
        raise InputError(name, _t("lossy", lang, kinds=kinds))
    try:
        with warnings.catch_warnings():
            # openpyxl warns about what it drops; the checks above already decided on those.
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(io.BytesIO(readable(data, limits.max_uncompressed_bytes)), keep_vba=keep_vba,
                                        keep_links=True, rich_text=True)
    except Exception as exc:  # openpyxl raises many types (KeyError, ValueError, ParseError) for broken files
        if _caused_by(exc, DefusedXmlException):
            raise InputError(name, _t("xml_entities", lang)) from None
        raise InputError(name, _t("corrupt_xlsx", lang, reason=_short(_root_cause(exc)))) from None
    # openpyxl sets fullCalcOnLoad="1" on every workbook it saves (its default). The tool never
    # writes a formula, so a recalculation on open is asked for only where the person's own
    # formulas may depend on values the tool wrote; a workbook without formulas is not marked.
    if wb.calculation is not None:
        wb.calculation.fullCalcOnLoad = True if scan.has_formulas else None
    return wb


def _chain(exc: BaseException):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def _caused_by(exc: BaseException, kind: type) -> bool:
    return any(isinstance(e, kind) for e in _chain(exc))


def _root_cause(exc: BaseException) -> BaseException:
    # openpyxl wraps the real reason in a long "Unable to read workbook …" text
    return list(_chain(exc))[-1]


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
    return save_output(input_path, output_path, in_place=in_place, force=force, lang=lang,
                       write=lambda fh: fh.write(_render(wb, timestamp)))


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
