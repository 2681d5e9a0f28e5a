"""``seuranta-xl addin install`` / ``addin doctor`` and the Tietoja text, on a fake home folder.

No Excel here: the platform and the home folder are given (``Machine``, or HOME/USERPROFILE/APPDATA
and ``--platform`` on the command line), and the user's state is real files in a temporary home —
an old xlwings config as ``xlwings config create`` wrote it, xlwings' own add-in file copied from
the installed xlwings package. The interpreter check runs real Pythons in subprocesses.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import seuranta_xl
from seuranta_xl import __version__
from seuranta_xl.cli import main
from seuranta_xl.excel import install
from seuranta_xl.excel.about import Versions, about_text, current_versions
from seuranta_xl.excel.addin import ADDIN_FILENAME, PACKAGED_ADDIN, addin_version
from seuranta_xl.excel.doctor import run_checks
from seuranta_xl.excel.install import Machine, apply_install, plan_install, read_config, startup_folder, updated_config

#: What ``xlwings config create`` left on a PC years ago (Windows: CRLF), plus a licence key of the user's.
OLD_CONFIG = b'"INTERPRETER_WIN","C:\\Python39\\python.exe"\r\n"LICENSE_KEY","abc-123"\r\n"ADD_WORKBOOK_TO_PYTHONPATH","True"\r\n'
XLWINGS_XLAM = Path(__import__("xlwings").__file__).parent / "addin" / "xlwings.xlam"
PYTHON = sys.executable


def _windows(home: Path, **kwargs) -> Machine:
    return Machine(platform="win32", home=home, environ={"APPDATA": str(home / "AppData" / "Roaming")},
                   python=kwargs.pop("python", PYTHON), **kwargs)


def _mac(home: Path, **kwargs) -> Machine:
    return Machine(platform="darwin", home=home, environ={}, python=kwargs.pop("python", PYTHON), **kwargs)


@pytest.fixture
def old_home(tmp_path: Path) -> Path:
    """A Windows user's home with an old xlwings config and nothing installed in XLSTART."""
    home = tmp_path / "home"
    (home / ".xlwings").mkdir(parents=True)
    (home / ".xlwings" / "xlwings.conf").write_bytes(OLD_CONFIG)
    return home


def _xlstart(home: Path) -> Path:
    return home / "AppData" / "Roaming" / "Microsoft" / "Excel" / "XLSTART"


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# --- the xlwings config ----------------------------------------------------------------------


def test_config_update_changes_only_our_keys_and_keeps_other_lines_byte_for_byte():
    new = updated_config(OLD_CONFIG, {"INTERPRETER_WIN": r"C:\Py\python.exe", "ADD_WORKBOOK_TO_PYTHONPATH": "False"},
                         "win32")
    assert new == (b'"INTERPRETER_WIN","C:\\Py\\python.exe"\r\n"LICENSE_KEY","abc-123"\r\n'
                   b'"ADD_WORKBOOK_TO_PYTHONPATH","False"\r\n')
    assert read_config(new, "win32") == {"INTERPRETER_WIN": r"C:\Py\python.exe", "LICENSE_KEY": "abc-123",
                                         "ADD_WORKBOOK_TO_PYTHONPATH": "False"}


def test_config_update_as_vba_reads_it_case_duplicates_missing_keys_and_line_ends():
    # VBA matches keys case-insensitively and takes the first: every occurrence is set, so none stale wins.
    old = b'"interpreter_mac","/usr/bin/python3"\n"SHOW CONSOLE","False"\n"INTERPRETER_MAC","/old"'
    new = updated_config(old, {"INTERPRETER_MAC": "/Users/a/venv/bin/python", "ADD_WORKBOOK_TO_PYTHONPATH": "False"},
                         "darwin")
    assert new.split(b"\n") == [b'"INTERPRETER_MAC","/Users/a/venv/bin/python"', b'"SHOW CONSOLE","False"',
                                b'"INTERPRETER_MAC","/Users/a/venv/bin/python"', b'"ADD_WORKBOOK_TO_PYTHONPATH","False"',
                                b""]
    assert updated_config(None, {"A": "1"}, "win32") == b'"A","1"\r\n'
    assert updated_config(None, {"A": "1"}, "darwin") == b'"A","1"\n'


def test_config_on_windows_is_in_the_code_page_vba_reads():
    # A user name with ä: VBA's Input # reads the ANSI code page (cp1252 in Finland), as xlwings writes it there.
    path = "C:\\Users\\mäkinen\\venv\\Scripts\\python.exe"
    data = updated_config(None, {"INTERPRETER_WIN": path}, "win32")
    assert "ä".encode("cp1252") in data and read_config(data, "win32")["INTERPRETER_WIN"] == path
    assert read_config(updated_config(None, {"INTERPRETER_MAC": "/Users/mäkinen/p"}, "darwin"), "darwin") == {
        "INTERPRETER_MAC": "/Users/mäkinen/p"}


def test_config_paths_per_platform(tmp_path: Path):
    assert install.config_path(_windows(tmp_path)) == tmp_path / ".xlwings" / "xlwings.conf"
    assert install.config_path(_mac(tmp_path)) == (
        tmp_path / "Library" / "Containers" / "com.microsoft.Excel" / "Data" / "xlwings.conf")
    assert install.interpreter_key(_windows(tmp_path)) == "INTERPRETER_WIN"
    assert install.interpreter_key(_mac(tmp_path)) == "INTERPRETER_MAC"


def test_machine_reads_home_from_userprofile_on_windows_and_home_elsewhere(tmp_path: Path):
    env = {"USERPROFILE": str(tmp_path / "win"), "HOME": str(tmp_path / "posix")}
    assert Machine.this(platform="win32", environ=env).home == tmp_path / "win"
    assert Machine.this(platform="darwin", environ=env).home == tmp_path / "posix"
    assert Machine.this(platform="darwin", environ=env).excel_startup is None  # another platform: Excel not asked


# --- the startup folder -----------------------------------------------------------------------


def test_windows_startup_folder_is_the_users_xlstart(tmp_path: Path):
    folder = startup_folder(_windows(tmp_path))
    assert folder.path == _xlstart(tmp_path) and folder.source == "windows" and folder.confirmed


def test_macos_startup_folder_is_asked_of_excel_then_found_by_xlwings_then_by_existence(tmp_path: Path):
    office = tmp_path / "Library" / "Group Containers" / "UBF8T346G9.Office"
    localized = office / "User Content.localized" / "Startup.localized" / "Excel"
    plain = office / "User Content" / "Startup" / "Excel"

    nothing = startup_folder(_mac(tmp_path))
    assert (nothing.path, nothing.source, nothing.confirmed) == (localized, "default", False)
    assert nothing.candidates == (localized, plain)

    plain.mkdir(parents=True)
    assert (startup_folder(_mac(tmp_path)).path, startup_folder(_mac(tmp_path)).source) == (plain, "existing")

    localized.mkdir(parents=True)  # both exist: the one xlwings installed into is the one Excel loads
    assert startup_folder(_mac(tmp_path)).source == "default"
    shutil.copyfile(XLWINGS_XLAM, plain / "xlwings.xlam")
    assert (startup_folder(_mac(tmp_path)).path, startup_folder(_mac(tmp_path)).source) == (plain, "xlwings")

    asked = startup_folder(_mac(tmp_path, excel_startup=str(localized)))
    assert (asked.path, asked.source) == (localized, "excel")


def test_no_excel_no_startup_folder(tmp_path: Path):
    machine = Machine(platform="linux", home=tmp_path, environ={}, python=PYTHON)
    assert startup_folder(machine).path is None
    plan = plan_install(machine)
    assert plan.addin_target == tmp_path / ".cache" / "seuranta-xl" / ADDIN_FILENAME and plan.xlwings_addin is None


# --- install ----------------------------------------------------------------------------------


def test_plan_on_an_old_config_names_the_keys_and_a_backup_and_changes_nothing(old_home: Path):
    before = _tree(old_home)
    plan = plan_install(_windows(old_home))
    assert [(c.key, c.old, c.new) for c in plan.keys if c.changes] == [
        ("INTERPRETER_WIN", r"C:\Python39\python.exe", PYTHON), ("ADD_WORKBOOK_TO_PYTHONPATH", "True", "False")]
    assert plan.backup == old_home / ".xlwings" / "xlwings.conf.bak"
    assert plan.addin_target == _xlstart(old_home) / ADDIN_FILENAME and not plan.addin_current
    assert not plan.xlwings_addin_present
    assert _tree(old_home) == before


def test_install_writes_exactly_those_keys_and_a_backup_idempotently(old_home: Path):
    machine = _windows(old_home)
    apply_install(plan_install(machine))
    config = old_home / ".xlwings" / "xlwings.conf"
    assert (old_home / ".xlwings" / "xlwings.conf.bak").read_bytes() == OLD_CONFIG
    old_lines, new_lines = OLD_CONFIG.splitlines(), config.read_bytes().splitlines()
    changed = {old.split(b",")[0] for old, new in zip(old_lines, new_lines, strict=True) if old != new}
    assert changed == {b'"INTERPRETER_WIN"', b'"ADD_WORKBOOK_TO_PYTHONPATH"'}
    assert read_config(config.read_bytes(), "win32")["INTERPRETER_WIN"] == PYTHON
    installed = _xlstart(old_home) / ADDIN_FILENAME
    assert installed.read_bytes() == PACKAGED_ADDIN.read_bytes()

    after = _tree(old_home)
    again = plan_install(machine)
    assert again.addin_current and not again.config_changes and again.backup is None and not again.changes_anything
    apply_install(again)
    assert _tree(old_home) == after  # no second backup, nothing rewritten


def test_a_later_change_never_overwrites_the_first_backup(old_home: Path):
    apply_install(plan_install(_windows(old_home)))
    apply_install(plan_install(_windows(old_home, python=r"C:\Other\python.exe")))
    backups = sorted(p.name for p in (old_home / ".xlwings").iterdir())
    assert backups == ["xlwings.conf", "xlwings.conf.bak", "xlwings.conf.bak2"]
    assert (old_home / ".xlwings" / "xlwings.conf.bak").read_bytes() == OLD_CONFIG


def test_install_without_a_config_creates_one_and_no_backup(tmp_path: Path):
    plan = plan_install(_mac(tmp_path))
    assert not plan.config_exists and plan.backup is None
    apply_install(plan)
    config = tmp_path / "Library" / "Containers" / "com.microsoft.Excel" / "Data" / "xlwings.conf"
    assert config.read_bytes() == f'"INTERPRETER_MAC","{PYTHON}"\n"ADD_WORKBOOK_TO_PYTHONPATH","False"\n'.encode()


def test_xlwings_addin_is_installed_by_xlwings_own_command():
    seen = []

    def run(command, **kwargs):
        seen.append(command)
        return subprocess.CompletedProcess(command, 0, "", "")

    install.install_xlwings_addin("/p/python", run=run)
    assert seen[0][0] == "/p/python" and seen[0][-2:] == ["addin", "install"] and "xlwings.cli" in seen[0][2]


# --- the command line -------------------------------------------------------------------------


@pytest.fixture
def fake_env(old_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name, value in (("HOME", old_home), ("USERPROFILE", old_home), ("APPDATA", old_home / "AppData" / "Roaming"),
                        ("XDG_CACHE_HOME", old_home / ".cache")):
        monkeypatch.setenv(name, str(value))
    return old_home


def test_cli_dry_run_prints_every_change_and_makes_none(fake_env: Path, capsys: pytest.CaptureFixture[str]):
    before = _tree(fake_env)
    assert main(["addin", "install", "--dry-run", "--platform", "windows", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert _tree(fake_env) == before
    assert out.startswith("Plan (--dry-run: nothing was changed):")
    config = fake_env / ".xlwings" / "xlwings.conf"
    assert f"{config}: INTERPRETER_WIN = {PYTHON} (was C:\\Python39\\python.exe)" in out
    assert f"{config}: ADD_WORKBOOK_TO_PYTHONPATH = False (was True)" in out
    assert f"{config} → {config}.bak" in out
    assert f"→ {_xlstart(fake_env) / ADDIN_FILENAME}" in out
    assert "xlwings.xlam" in out and "would run xlwings addin install" in out
    assert "LICENSE_KEY" not in out  # only our keys are named, only they change


def test_cli_dry_run_on_this_linux_machine_as_a_process(old_home: Path):
    env = {**os.environ, "HOME": str(old_home), "XDG_CACHE_HOME": str(old_home / ".cache")}
    done = subprocess.run([sys.executable, "-m", "seuranta_xl", "addin", "install", "--dry-run", "--lang", "en"],
                          capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0 and done.stderr == ""
    assert "INTERPRETER_WIN" in done.stdout and "ADD_WORKBOOK_TO_PYTHONPATH = False (was True)" in done.stdout
    assert "xlwings.conf.bak" in done.stdout and "Excel does not run on this operating system (linux)" in done.stdout
    assert (old_home / ".xlwings" / "xlwings.conf").read_bytes() == OLD_CONFIG
    assert not (old_home / ".cache").exists()


def test_cli_install_never_installs_xlwings_silently(fake_env: Path, capsys: pytest.CaptureFixture[str]):
    from seuranta_xl.cli import addin as cli_addin

    args = cli_addin_args(["addin", "install", "--platform", "windows"])
    questions = []
    assert cli_addin.run(args, ask=lambda q: questions.append(q) or "") == 2  # said nothing: not installed
    out = capsys.readouterr().out
    assert questions == ["Asennetaanko xlwings-apuohjelma nyt komennolla xlwings addin install? [k/E] "]
    assert "xlwings addin install" in out and "Tehty:" in out
    assert (_xlstart(fake_env) / ADDIN_FILENAME).is_file() and not (_xlstart(fake_env) / "xlwings.xlam").exists()


def test_cli_install_yes_runs_xlwings_and_reports_its_failure_in_one_line(fake_env: Path,
                                                                         capsys: pytest.CaptureFixture[str]):
    # The real `xlwings addin install` runs, and fails on Linux (no Excel): one line, exit 2.
    assert main(["addin", "install", "--platform", "windows", "--yes", "--lang", "en"]) == 2
    captured = capsys.readouterr()
    err = captured.err.splitlines()
    assert len(err) == 1 and err[0].startswith("seuranta-xl addin: xlwings addin install failed (exit code")
    assert "Done:" in captured.out


def test_cli_install_locked_by_excel_is_one_line(fake_env: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]):
    def locked(plan):
        raise PermissionError(13, "Permission denied", str(plan.addin_target))

    monkeypatch.setattr(install, "apply_install", locked)
    assert main(["addin", "install", "--platform", "windows"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[-1].startswith("seuranta-xl addin:") and ADDIN_FILENAME in err[-1] and "sulje" in err[-1]


def cli_addin_args(argv: list[str]):
    from seuranta_xl.cli import build_parser

    return build_parser().parse_args(argv)


# --- doctor -----------------------------------------------------------------------------------


def test_doctor_on_an_old_config_names_each_missing_prerequisite(fake_env: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["addin", "doctor", "--platform", "windows", "--lang", "en"]) == 2
    lines = capsys.readouterr().out.splitlines()
    failed = {line.split("]")[1].split(":")[0].strip(): line for line in lines if line.startswith("[FAIL]")}
    assert set(failed) == {"xlwings-addin", "seuranta-addin", "interpreter", "ribbon-import", "workbook-pythonpath"}
    assert "fix: xlwings addin install" in failed["xlwings-addin"]
    assert "fix: quit Excel and run: seuranta-xl addin install" in failed["seuranta-addin"]
    assert "INTERPRETER_WIN = C:\\Python39\\python.exe" in failed["interpreter"]
    assert "no such file" in failed["ribbon-import"]
    assert "ADD_WORKBOOK_TO_PYTHONPATH = True" in failed["workbook-pythonpath"]
    assert all(" — fix: " in line for line in failed.values())
    assert lines[-1] == ("5 of 9 checks failed: xlwings-addin, seuranta-addin, interpreter, ribbon-import, "
                         "workbook-pythonpath")


@pytest.mark.parametrize(("lang", "fail"), [("fi", "[VIKA]"), ("sv", "[FEL]")])
def test_doctor_speaks_finnish_and_swedish(fake_env: Path, capsys: pytest.CaptureFixture[str], lang: str, fail: str):
    assert main(["addin", "doctor", "--platform", "windows", "--lang", lang]) == 2
    out = capsys.readouterr().out
    assert out.count(fail) == 5 and ("korjaus:" in out if lang == "fi" else "åtgärd:" in out)


def test_doctor_passes_after_install_with_xlwings_addin_present(fake_env: Path, capsys: pytest.CaptureFixture[str]):
    apply_install(plan_install(_windows(fake_env)))
    shutil.copyfile(XLWINGS_XLAM, _xlstart(fake_env) / "xlwings.xlam")
    assert main(["addin", "doctor", "--platform", "windows", "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 10 and all(line.startswith("[OK]") for line in lines[:-1])
    assert lines[-1] == "All 9 checks passed."


def test_doctor_finds_an_addin_of_another_version_and_an_old_xlwings(tmp_path: Path):
    machine = _windows(tmp_path)
    apply_install(plan_install(machine))
    shutil.copyfile(XLWINGS_XLAM, _xlstart(tmp_path) / "xlwings.xlam")
    from seuranta_xl.excel.addin import build_addin

    pytest.importorskip("pyopenvba")
    build_addin(_xlstart(tmp_path) / ADDIN_FILENAME, version="0.0.1")
    checks = {c.name: c for c in run_checks(machine, xlwings_version="0.36.2")}
    assert not checks["xlwings"].ok and checks["xlwings"].fix == "addin_fix_xlwings"
    assert not checks["seuranta-addin"].ok
    assert checks["seuranta-addin"].values["state"] == ("addin_state_version", {"found": "0.0.1", "expected": __version__})
    assert [name for name, c in checks.items() if not c.ok] == ["xlwings", "seuranta-addin"]
    assert not {c.name: c for c in run_checks(machine, python_version=(3, 10, 4))}["python"].ok


def test_doctor_runs_the_configured_python_which_must_import_the_ribbon(tmp_path: Path):
    # A real Python without seuranta_xl on its path: the import check fails with Python's own reason.
    bare = tmp_path / "bare"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(bare)], check=True)
    python = str(bare / ("Scripts/python.exe" if sys.platform.startswith("win") else "bin/python"))
    machine = _mac(tmp_path, python=python)
    apply_install(plan_install(machine))
    checks = {c.name: c for c in run_checks(machine)}
    assert checks["interpreter"].ok  # the config names this Python ...
    assert not checks["ribbon-import"].ok  # ... which cannot import seuranta_xl
    assert "ModuleNotFoundError" in checks["ribbon-import"].values["state"]


def test_doctor_flags_a_stale_conda_setting_of_an_old_anaconda_config(tmp_path: Path):
    # `xlwings config create` run from Anaconda wrote these; RunPython stops when conda is gone.
    machine = _windows(tmp_path)
    config = install.config_path(machine)
    config.parent.mkdir(parents=True)
    conda = tmp_path / "Anaconda3"
    config.write_bytes(f'"CONDA PATH","{conda}"\r\n"CONDA ENV","base"\r\n'.encode())
    apply_install(plan_install(machine))
    assert b'"CONDA PATH"' in config.read_bytes()  # install changes only its own keys ...
    checks = {c.name: c for c in run_checks(machine)}
    assert not checks["conda"].ok and checks["conda"].fix_values == {"path": config}  # ... doctor names the rest
    (conda / "condabin").mkdir(parents=True)
    (conda / "condabin" / "conda.bat").write_text("", encoding="utf-8")
    assert {c.name: c for c in run_checks(machine)}["conda"].ok
    assert "conda" not in {c.name for c in run_checks(_windows(tmp_path / "other"))}


def test_doctor_on_macos_checks_runpython_for_this_xlwings_version(tmp_path: Path):
    checks = {c.name: c for c in run_checks(_mac(tmp_path), xlwings_version="0.37.8")}
    assert not checks["runpython"].ok and checks["runpython"].fix == "addin_fix_runpython"
    script = tmp_path / "Library" / "Application Scripts" / "com.microsoft.Excel" / "xlwings-0.37.8.applescript"
    script.parent.mkdir(parents=True)
    script.write_text("", encoding="utf-8")
    assert {c.name: c for c in run_checks(_mac(tmp_path), xlwings_version="0.37.8")}["runpython"].ok
    assert "startup-folder" in [c.name for c in run_checks(_mac(tmp_path)) if not c.ok]


def test_doctor_on_this_linux_machine_says_excel_is_elsewhere(old_home: Path):
    env = {**os.environ, "HOME": str(old_home)}
    done = subprocess.run([sys.executable, "-m", "seuranta_xl", "addin", "doctor", "--lang", "en"],
                          capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 2 and done.stderr == ""
    assert "[FAIL] startup-folder: Excel does not run on this operating system (linux)" in done.stdout


# --- Tietoja ----------------------------------------------------------------------------------


def test_about_text_names_every_version_and_warns_on_a_mismatch():
    same = Versions(addin="0.1.0", package="0.1.0", xlwings="0.37.8", python="3.11.7", interpreter="/p/python")
    assert about_text(same) == ("Seuranta-lisäosa 0.1.0\nseuranta-xl-paketti 0.1.0\nxlwings 0.37.8\n"
                                "Python 3.11.7\nPython-tulkki: /p/python")
    older = Versions(addin="0.0.9", package="0.1.0", xlwings="0.37.8", python="3.11.7", interpreter="/p/python")
    assert about_text(older, "en").endswith(
        "Note: the add-in's version 0.0.9 is not the package's 0.1.0. "
        "Ask IT to run seuranta-xl addin install and seuranta-xl addin doctor.")
    unknown = about_text(Versions(None, "0.1.0", None, "3.11.7", "/p"), "sv")
    assert unknown.startswith("Seuranta-tillägget okänd\n") and "xlwings okänd" in unknown and "Obs:" in unknown


@pytest.mark.xlwings_remote
@pytest.mark.skipif(not os.environ.get("XLWINGS_LICENSE_KEY"), reason="xlwings' remote engine needs XLWINGS_LICENSE_KEY")
def test_about_button_shows_one_alert_and_writes_nothing():
    from conftest_remote import actions, kinds, remote_book, seed_rows

    import seuranta_xl.excel.ribbon as ribbon

    book = remote_book(seed_rows())
    outcome = ribbon.about(book, addin_version="0.0.9")
    assert outcome.ok and outcome.message == about_text(current_versions("0.0.9"), "fi")
    assert [a["args"][:2] for a in actions(book) if a["func"] == "alert"] == [[outcome.message, "Seuranta"]]
    assert kinds(book) == {"alert": 1}


def test_current_versions_are_this_process():
    versions = current_versions("")
    assert versions.addin is None and versions.package == seuranta_xl.__version__
    assert versions.interpreter == sys.executable and versions.python.startswith(f"{sys.version_info[0]}.")
    assert addin_version(PACKAGED_ADDIN) == versions.package


def test_cli_installs_the_signed_copy_it_is_given(fake_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    signed = tmp_path / "share" / "Seuranta.xlam"
    signed.parent.mkdir()
    signed.write_bytes(PACKAGED_ADDIN.read_bytes() + b"IT")  # stands for a file with a signature part added
    assert main(["addin", "install", "--platform", "windows", "--addin", str(signed)]) == 2  # xlwings add-in missing
    assert (_xlstart(fake_env) / ADDIN_FILENAME).read_bytes() == signed.read_bytes()
    capsys.readouterr()
    assert main(["addin", "install", "--platform", "windows", "--addin", str(tmp_path / "nope.xlam")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "nope.xlam" in err[0]


# --- the warm ribbon (issue 15): xlwings' persistent Python, opt-in on Windows ------------------


def test_udf_server_is_opt_in_and_set_like_the_other_keys(old_home: Path):
    from seuranta_xl.excel.install import UDF_SERVER_KEY

    assert UDF_SERVER_KEY not in {c.key for c in plan_install(_windows(old_home)).keys}
    plan = plan_install(_windows(old_home), udf_server=True)
    assert {c.key: c.new for c in plan.keys}[UDF_SERVER_KEY] == "True"
    apply_install(plan)
    config = (old_home / ".xlwings" / "xlwings.conf").read_bytes()
    # the line xlwings' RunPython reads (Main.bas: GetConfig("USE UDF SERVER", False)), CRLF as the file
    assert b'"USE UDF SERVER","True"\r\n' in config and b'"LICENSE_KEY","abc-123"' in config
    assert read_config(config, "win32")[UDF_SERVER_KEY] == "True"
    # an install without the option leaves the setting as it is
    apply_install(plan_install(_windows(old_home)))
    assert read_config((old_home / ".xlwings" / "xlwings.conf").read_bytes(), "win32")[UDF_SERVER_KEY] == "True"


def test_udf_server_is_windows_only(fake_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    from seuranta_xl.excel.install import UDF_SERVER_KEY

    assert UDF_SERVER_KEY not in {c.key for c in plan_install(_mac(tmp_path), udf_server=True).keys}
    assert main(["addin", "install", "--dry-run", "--udf-server", "--platform", "macos", "--lang", "en"]) == 0
    assert "--udf-server applies to Windows only" in capsys.readouterr().out
    assert main(["addin", "install", "--dry-run", "--udf-server", "--platform", "windows", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "USE UDF SERVER = True" in out and "Windows only" not in out
