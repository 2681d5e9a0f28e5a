"""``seuranta-xl addin doctor``: every prerequisite of the ribbon for one user, one check each.

Each :class:`Check` is plain data: its name, whether it passed, the message id and values of
its line, and the message id of its fix. The CLI renders them (fi/en/sv) and exits 0 only
when all pass. The interpreter check runs the configured Python in a subprocess, as
RunPython will, so "the config names a Python that has seuranta_xl" is tested, not assumed.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from .. import __version__
from .addin import ADDIN_FILENAME, addin_version
from .install import (
    PYTHONPATH_KEY, XLWINGS_ADDIN, Machine, config_path, interpreter_key, read_config, same_path, startup_folder,
    wanted_settings,
)

__all__ = ["Check", "MIN_PYTHON", "MIN_XLWINGS", "RIBBON_MODULE", "run_checks"]

MIN_PYTHON = (3, 11)
#: ``Range.data_validation`` and ``conditional_formats`` arrived in xlwings 0.37.5.
MIN_XLWINGS = "0.37.5"
RIBBON_MODULE = "seuranta_xl.excel.ribbon"


@dataclass(frozen=True)
class Check:
    """One line of the doctor's report; ``fix`` (a message id) is shown when it failed.

    A value may be a ``(message id, values)`` pair: a word the CLI translates (missing, installed …).
    """

    name: str
    ok: bool
    message: str
    values: dict[str, object] = field(default_factory=dict)
    fix: str | None = None
    fix_values: dict[str, object] = field(default_factory=dict)


def _version_tuple(version: str) -> tuple[int, ...]:
    """``0.37.5`` -> (0, 37, 5); the leading numeric part only (``1.0rc1`` -> (1, 0))."""
    match = re.match(r"\d+(?:\.\d+)*", version.strip())
    return tuple(int(part) for part in match.group().split(".")) if match else ()


def _xlwings_version() -> str | None:
    try:
        return metadata.version("xlwings")
    except metadata.PackageNotFoundError:
        return None


Runner = Callable[..., "subprocess.CompletedProcess[str]"]


def _imports_ribbon(python: str, run: Runner) -> tuple[bool, str]:
    """Whether ``python`` can import the ribbon module; the reason's last line when not."""
    if not Path(python).is_file():
        return False, "addin_state_not_found"
    try:
        # From the interpreter's folder, as RunPython does on Windows: a source checkout in the
        # current folder must not make the import pass.
        done = run([python, "-c", f"import {RIBBON_MODULE}"], capture_output=True, text=True, timeout=120,
                   check=False, cwd=str(Path(python).parent))
    except (OSError, subprocess.SubprocessError) as exc:
        return False, str(exc)
    if done.returncode == 0:
        return True, "addin_state_yes"
    lines = [line for line in (done.stderr or "").splitlines() if line.strip()]
    return False, lines[-1] if lines else f"exit {done.returncode}"


def run_checks(machine: Machine, *, xlwings_version: str | None | bool = False,
               python_version: tuple[int, ...] | None = None, run: Runner = subprocess.run) -> list[Check]:
    """All checks for the user ``machine`` describes, in the order IT fixes them.

    ``xlwings_version``/``python_version`` default to this process's (tests pass others).
    """
    checks: list[Check] = []
    python_version = tuple(sys.version_info[:3]) if python_version is None else python_version
    required_python = ".".join(map(str, MIN_PYTHON))
    checks.append(Check("python", python_version >= MIN_PYTHON, "addin_check_python",
                        {"version": ".".join(map(str, python_version)), "path": machine.python},
                        "addin_fix_python", {"required": required_python}))
    checks.append(Check("seuranta-xl", True, "addin_check_package", {"version": __version__}))

    found_xlwings = _xlwings_version() if xlwings_version is False else xlwings_version
    xlwings_ok = bool(found_xlwings) and _version_tuple(str(found_xlwings)) >= _version_tuple(MIN_XLWINGS)
    checks.append(Check("xlwings", xlwings_ok, "addin_check_xlwings",
                        {"version": found_xlwings or "-", "required": MIN_XLWINGS},
                        "addin_fix_xlwings", {"python": machine.python, "required": MIN_XLWINGS}))

    folder = startup_folder(machine)
    if folder.path is None:
        checks.append(Check("startup-folder", False, "addin_check_startup",
                            {"folder": ("addin_folder_none", {"platform": machine.platform})}, "addin_fix_no_excel"))
    else:
        candidates = ", ".join(str(c) for c in folder.candidates)
        checks.append(Check("startup-folder", folder.confirmed, "addin_check_startup",
                            {"folder": (f"addin_folder_{folder.source}", {"path": folder.path, "candidates": candidates})},
                            "addin_fix_startup"))

    if folder.path is not None:
        xlwings_addin = folder.path / XLWINGS_ADDIN
        present = xlwings_addin.is_file()
        checks.append(Check("xlwings-addin", present, "addin_check_xlwings_addin",
                            {"path": xlwings_addin, "state": ("addin_state_present" if present else "addin_state_missing", {})},
                            "addin_fix_xlwings_addin"))
        ours = folder.path / ADDIN_FILENAME
        found = addin_version(ours) if ours.is_file() else None
        if not ours.is_file():
            state: tuple[str, dict[str, object]] = ("addin_state_missing", {})
        elif found != __version__:
            state = ("addin_state_version", {"found": found or "?", "expected": __version__})
        else:
            state = ("addin_state_present", {})
        checks.append(Check("seuranta-addin", found == __version__, "addin_check_our_addin",
                            {"path": ours, "state": state}, "addin_fix_our_addin"))
    else:
        for name, message in (("xlwings-addin", "addin_check_xlwings_addin"), ("seuranta-addin", "addin_check_our_addin")):
            checks.append(Check(name, False, message, {"path": "-", "state": ("addin_state_no_folder", {})},
                                "addin_fix_no_excel"))

    if machine.platform == "darwin" and found_xlwings:
        # RunPython on macOS calls this AppleScript, named after the xlwings version.
        script = (machine.home / "Library" / "Application Scripts" / "com.microsoft.Excel"
                  / f"xlwings-{found_xlwings}.applescript")
        checks.append(Check("runpython", script.is_file(), "addin_check_runpython",
                            {"path": script, "state": ("addin_state_present" if script.is_file() else "addin_state_missing", {})},
                            "addin_fix_runpython"))

    config = config_path(machine)
    settings = read_config(config.read_bytes(), machine.platform) if config.is_file() else {}
    keys = ", ".join(wanted_settings(machine))
    key = interpreter_key(machine)
    interpreter = settings.get(key)
    fix_config = {"keys": keys}
    not_set = ("addin_state_not_set", {})
    checks.append(Check("interpreter", bool(interpreter) and same_path(interpreter or "", machine.python, machine.platform),
                        "addin_check_interpreter", {"setting": key, "value": interpreter or not_set, "python": machine.python},
                        "addin_fix_config", fix_config))
    if interpreter:
        imports, reason = _imports_ribbon(interpreter, run)
        state = (reason, {}) if reason.startswith("addin_state_") else reason
    else:
        imports, state = False, not_set
    checks.append(Check("ribbon-import", imports, "addin_check_import", {"python": interpreter or key, "state": state},
                        "addin_fix_import"))
    conda = settings.get("CONDA PATH", "").strip()
    if conda and settings.get("CONDA ENV", "").strip() and machine.platform.startswith("win"):
        # With both set, RunPython first runs conda's activate, and stops with an English popup when
        # conda is not there any more (Utils.bas CheckConda); an old config from Anaconda has them.
        sep = "\\" if "\\" in conda else "/"
        script = conda.replace("^", "").rstrip("\\/") + f"{sep}condabin{sep}conda.bat"
        exists = Path(script).is_file()
        checks.append(Check("conda", exists, "addin_check_conda",
                            {"path": script, "state": ("addin_state_present" if exists else "addin_state_missing", {})},
                            "addin_fix_conda", {"path": config}))
    value = settings.get(PYTHONPATH_KEY)
    checks.append(Check("workbook-pythonpath", (value or "").strip().lower() == "false", "addin_check_pythonpath",
                        {"value": value or not_set}, "addin_fix_config", fix_config))
    return checks
