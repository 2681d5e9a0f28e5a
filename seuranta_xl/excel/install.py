"""Install the Seuranta add-in for one user, and the xlwings settings it needs.

Everything here is per user, as Excel and xlwings are: the startup folder Excel loads add-ins
from (Windows ``%APPDATA%\\Microsoft\\Excel\\XLSTART``, macOS the Office group container's
Startup folder) and the xlwings user config (Windows ``%USERPROFILE%\\.xlwings\\xlwings.conf``,
macOS ``~/Library/Containers/com.microsoft.Excel/Data/xlwings.conf``).

``plan_install`` computes the changes as plain data; ``apply_install`` makes them. The
machine (platform, home folder, environment, the Python to configure, what a running Excel
answers) is a :class:`Machine`, so tests use a fake home folder and either platform.

Why the config is rewritten: RunPython reads ``INTERPRETER_WIN``/``INTERPRETER_MAC`` from the
user config, and ``xlwings addin install`` writes it only when no config exists, so a PC with
an older config starts some other Python (staff then see xlwings' English
``ModuleNotFoundError``). ``ADD_WORKBOOK_TO_PYTHONPATH`` is true by default and fails for a
report opened from SharePoint/OneDrive that is not synced, before any of our code runs; our
code is installed in the Python, so the workbook's folder is never needed on the path.
"""

from __future__ import annotations

import locale
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath

from .addin import ADDIN_FILENAME, PACKAGED_ADDIN

__all__ = [
    "ConfigChange",
    "InstallPlan",
    "Machine",
    "StartupFolder",
    "XLWINGS_ADDIN",
    "apply_install",
    "config_path",
    "interpreter_key",
    "plan_install",
    "read_config",
    "startup_folder",
    "updated_config",
    "wanted_settings",
]

XLWINGS_ADDIN = "xlwings.xlam"
PYTHONPATH_KEY = "ADD_WORKBOOK_TO_PYTHONPATH"
#: Office's group container on macOS (the Team ID in its name is Microsoft's).
_MAC_OFFICE = ("Library", "Group Containers", "UBF8T346G9.Office")
#: Both spellings occur on real Macs; Excel loads from one only, and says which (StartupPath).
_MAC_STARTUP = (("User Content.localized", "Startup.localized", "Excel"), ("User Content", "Startup", "Excel"))


def _is_windows(platform: str) -> bool:
    return platform.startswith("win")


@dataclass(frozen=True)
class Machine:
    """The user account an install is for.

    ``excel_startup`` is what a running Excel answered for ``Application.StartupPath``
    (None: Excel not running, not asked, or no Excel on this platform).
    """

    platform: str
    home: Path
    environ: Mapping[str, str]
    python: str
    excel_startup: str | None = None

    @classmethod
    def this(cls, *, platform: str | None = None, home: str | os.PathLike[str] | None = None,
             environ: Mapping[str, str] | None = None, python: str | None = None,
             ask_excel: bool = True) -> Machine:
        """This computer and user; any part can be given instead (tests, ``--platform``).

        The home folder is ``USERPROFILE`` on Windows and ``HOME`` elsewhere, as xlwings' VBA
        reads it. Excel is asked for its startup folder only on this computer's own platform,
        only when it is already running (never started), and only when ``ask_excel``.
        """
        real = platform is None or platform == sys.platform
        platform = sys.platform if platform is None else platform
        environ = dict(os.environ) if environ is None else environ
        if home is None:
            variable = "USERPROFILE" if _is_windows(platform) else "HOME"
            home = environ.get(variable) or Path.home()
        startup = _ask_running_excel() if real and ask_excel and platform in ("win32", "darwin") else None
        return cls(platform, Path(home), environ, python or sys.executable, startup)


def _ask_running_excel() -> str | None:
    """``Application.StartupPath`` of a running Excel, as ``xlwings addin install`` asks it; else None."""
    try:
        import xlwings as xw

        if not xw.apps:  # never start Excel for this: a running one only
            return None
        return str(xw.apps.active.startup_path) or None
    except Exception:  # noqa: BLE001 - no Excel, no permission (macOS automation), COM busy: fall back
        return None


# --- where things are ------------------------------------------------------------------------


def config_path(machine: Machine) -> Path:
    """The xlwings user config RunPython reads (xlwings ``USER_CONFIG_FILE``, Config.bas ``GetConfigFilePath``)."""
    if machine.platform == "darwin":
        return machine.home / "Library" / "Containers" / "com.microsoft.Excel" / "Data" / "xlwings.conf"
    return machine.home / ".xlwings" / "xlwings.conf"


def interpreter_key(machine: Machine) -> str:
    """The key RunPython reads the interpreter from (xlwings' ``config create`` uses WIN off macOS)."""
    return "INTERPRETER_MAC" if machine.platform == "darwin" else "INTERPRETER_WIN"


#: xlwings' RunPython on Windows then runs in its persistent COM server (xlwings/addin/Main.bas:
#: ``OPTIMIZED_CONNECTION = GetConfig("USE UDF SERVER", False)``): no Python start and no imports
#: after the first click, but an upgraded seuranta-xl is loaded only after Excel restarts.
UDF_SERVER_KEY = "USE UDF SERVER"


def wanted_settings(machine: Machine, *, udf_server: bool = False) -> dict[str, str]:
    """The only keys the install sets in the xlwings config, and their values. ``udf_server``
    (Windows only; opt-in, as it is not measured on real Excel yet): the buttons run in xlwings'
    persistent Python instead of a fresh one per click."""
    wanted = {interpreter_key(machine): machine.python, PYTHONPATH_KEY: "False"}
    if udf_server and _is_windows(machine.platform):
        wanted[UDF_SERVER_KEY] = "True"
    return wanted


@dataclass(frozen=True)
class StartupFolder:
    """Where Excel loads add-ins at start for this user, and how that was found out.

    ``source``: ``excel`` (a running Excel said so), ``xlwings`` (the candidate holding
    xlwings.xlam, which ``xlwings addin install`` put where Excel said), ``windows`` (the one
    per-user XLSTART of Windows Excel), ``existing`` (the only macOS candidate that exists),
    ``default`` (none could be confirmed), ``none`` (no Excel here).
    """

    path: Path | None
    source: str
    candidates: tuple[Path, ...] = ()

    @property
    def confirmed(self) -> bool:
        return self.source in ("excel", "xlwings", "windows", "existing")


def startup_candidates(machine: Machine) -> tuple[Path, ...]:
    """The folders Excel may load add-ins from for this user, most likely first."""
    if _is_windows(machine.platform):
        appdata = machine.environ.get("APPDATA") or str(machine.home / "AppData" / "Roaming")
        return (Path(appdata) / "Microsoft" / "Excel" / "XLSTART",)
    if machine.platform == "darwin":
        return tuple(machine.home.joinpath(*_MAC_OFFICE, *parts) for parts in _MAC_STARTUP)
    return ()


def startup_folder(machine: Machine) -> StartupFolder:
    """Excel's startup folder: ask Excel first, else decide among the known candidates."""
    candidates = startup_candidates(machine)
    if not candidates:
        return StartupFolder(None, "none")
    if machine.excel_startup:
        return StartupFolder(Path(machine.excel_startup), "excel", candidates)
    if len(candidates) == 1:
        # Windows: Application.StartupPath is always this folder (Excel creates it when missing).
        return StartupFolder(candidates[0], "windows", candidates)
    with_xlwings = [folder for folder in candidates if (folder / XLWINGS_ADDIN).is_file()]
    if len(with_xlwings) == 1:
        return StartupFolder(with_xlwings[0], "xlwings", candidates)
    existing = [folder for folder in candidates if folder.is_dir()]
    if len(existing) == 1:
        return StartupFolder(existing[0], "existing", candidates)
    return StartupFolder(candidates[0], "default", candidates)


def cache_path(machine: Machine) -> Path:
    """Where install leaves the add-in file on a computer without Excel."""
    cache = machine.environ.get("XDG_CACHE_HOME") or str(machine.home / ".cache")
    return Path(cache) / "seuranta-xl" / ADDIN_FILENAME


# --- the xlwings config file -----------------------------------------------------------------
# Lines ``"KEY","VALUE"`` read by VBA's ``Input #``; keys are matched case-insensitively and the
# first match wins (Config.bas GetConfigFromFile). Encoding: VBA reads the ANSI code page on
# Windows; Python's ``xlwings config create`` writes the locale's encoding there, UTF-8 on macOS.


def _parse_line(line: bytes) -> tuple[str, str] | None:
    """``(key, value)`` of one config line, or None for a line that is not a setting."""
    text = line.decode("latin-1").strip()
    if not text.startswith('"'):
        return None
    key_end = text.find('"', 1)
    if key_end < 0:
        return None
    rest = text[key_end + 1:].lstrip()
    if not rest.startswith(","):
        return None
    value = rest[1:].strip()
    if len(value) >= 2 and value.startswith('"') and value.endswith('"'):
        value = value[1:-1]
    return text[1:key_end], value


def _encoding(platform: str) -> str:
    if _is_windows(platform):
        return locale.getpreferredencoding(False) if sys.platform.startswith("win") else "cp1252"
    return "utf-8"


def read_config(data: bytes, platform: str) -> dict[str, str]:
    """Key (upper case) -> value, the first occurrence of each, as RunPython sees them."""
    settings: dict[str, str] = {}
    encoding = _encoding(platform)
    for line in data.splitlines():
        parsed = _parse_line(line)
        if parsed and parsed[0].upper() not in settings:
            key, value = parsed
            settings[key.upper()] = value.encode("latin-1").decode(encoding, errors="replace")
    return settings


def updated_config(data: bytes | None, settings: Mapping[str, str], platform: str) -> bytes:
    """The config with ``settings`` set; every other line kept byte for byte.

    A key already present gets its value on its own line (every occurrence, so no stale
    duplicate can win); a missing key is appended. Line ends follow the file (new file:
    CRLF on Windows, LF on macOS).
    """
    encoding = _encoding(platform)
    newline = b"\r\n" if _is_windows(platform) else b"\n"
    lines = (data or b"").splitlines(keepends=True)
    if lines and lines[0].endswith(b"\r\n"):
        newline = b"\r\n"
    elif lines and lines[0].endswith(b"\n"):
        newline = b"\n"
    wanted = {key.upper(): (key, value) for key, value in settings.items()}
    seen: set[str] = set()
    out: list[bytes] = []
    for line in lines:
        parsed = _parse_line(line)
        if parsed and parsed[0].upper() in wanted:
            key, value = wanted[parsed[0].upper()]
            ending = line[len(line.rstrip(b"\r\n")):] or newline
            out.append(f'"{key}","{value}"'.encode(encoding) + ending)
            seen.add(key.upper())
        else:
            out.append(line)
    if out and not out[-1].endswith(b"\n"):
        out[-1] += newline
    for upper, (key, value) in wanted.items():
        if upper not in seen:
            out.append(f'"{key}","{value}"'.encode(encoding) + newline)
    return b"".join(out)


# --- the plan --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConfigChange:
    """One key of the xlwings config: ``old`` None when the key is not in the file."""

    key: str
    old: str | None
    new: str

    @property
    def changes(self) -> bool:
        return self.old != self.new


@dataclass
class InstallPlan:
    """What ``addin install`` changes for one user, as plain data (rendered by the CLI)."""

    machine: Machine
    folder: StartupFolder
    addin_source: Path
    addin_target: Path
    addin_current: bool                   # the target already holds exactly this build
    config: Path
    config_exists: bool
    backup: Path | None                   # where the existing config is copied before it changes
    keys: list[ConfigChange] = field(default_factory=list)
    new_config: bytes = b""
    xlwings_addin: Path | None = None     # where xlwings.xlam is expected
    xlwings_addin_present: bool = False

    @property
    def config_changes(self) -> bool:
        return any(change.changes for change in self.keys)

    @property
    def changes_anything(self) -> bool:
        return not self.addin_current or self.config_changes


def _backup_path(config: Path) -> Path:
    """``xlwings.conf.bak``, or the first free ``.bak2``, ``.bak3`` … (an earlier backup is never overwritten)."""
    candidate = config.with_name(config.name + ".bak")
    number = 2
    while candidate.exists():
        candidate = config.with_name(f"{config.name}.bak{number}")
        number += 1
    return candidate


def plan_install(machine: Machine, *, addin_source: Path = PACKAGED_ADDIN, udf_server: bool = False) -> InstallPlan:
    """The changes ``addin install`` would make for this user; reads files, changes nothing."""
    folder = startup_folder(machine)
    target = folder.path / ADDIN_FILENAME if folder.path else cache_path(machine)
    current = target.is_file() and target.read_bytes() == addin_source.read_bytes()

    config = config_path(machine)
    data = config.read_bytes() if config.is_file() else None
    existing = read_config(data or b"", machine.platform)
    wanted = wanted_settings(machine, udf_server=udf_server)
    keys = [ConfigChange(key, existing.get(key.upper()), value) for key, value in wanted.items()]
    plan = InstallPlan(
        machine=machine, folder=folder, addin_source=addin_source, addin_target=target,
        addin_current=current, config=config, config_exists=data is not None, backup=None, keys=keys,
        new_config=updated_config(data, wanted, machine.platform),
        xlwings_addin=folder.path / XLWINGS_ADDIN if folder.path else None,
    )
    plan.xlwings_addin_present = bool(plan.xlwings_addin and plan.xlwings_addin.is_file())
    if data is not None and plan.config_changes:
        plan.backup = _backup_path(config)
    return plan


def apply_install(plan: InstallPlan) -> None:
    """Make the planned changes: copy the add-in, back up and rewrite the config (atomically).

    Raises OSError as the file system does (Excel holding the add-in open on Windows:
    PermissionError); the CLI turns it into one line.
    """
    if not plan.addin_current:
        plan.addin_target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(plan.addin_source, plan.addin_target)
    if not plan.config_changes:
        return
    plan.config.parent.mkdir(parents=True, exist_ok=True)
    if plan.backup is not None:
        shutil.copy2(plan.config, plan.backup)
    temporary = plan.config.with_name(plan.config.name + ".seuranta-tmp")
    temporary.write_bytes(plan.new_config)
    os.replace(temporary, plan.config)


def install_xlwings_addin(python: str, *, run: Callable[..., subprocess.CompletedProcess[str]] = subprocess.run,
                          ) -> subprocess.CompletedProcess[str]:
    """Run ``xlwings addin install`` with ``python`` (the user has agreed to it)."""
    command: Sequence[str] = [python, "-c", "import sys; from xlwings.cli import main; sys.argv[0] = 'xlwings'; main()",
                              "addin", "install"]
    return run(list(command), capture_output=True, text=True, timeout=300, check=False)


def same_path(a: str, b: str, platform: str) -> bool:
    """Whether two interpreter paths name the same file (Windows: case and slashes do not matter)."""
    if _is_windows(platform):
        return PureWindowsPath(a.strip()).as_posix().casefold() == PureWindowsPath(b.strip()).as_posix().casefold()
    return os.path.normpath(a.strip()) == os.path.normpath(b.strip())
