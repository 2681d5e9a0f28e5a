"""``seuranta-xl addin ...``: build, install and check the Excel ribbon add-in.

The main CLI (``seuranta_xl.cli``) calls :func:`add_parser` with its
subparsers and :func:`run` with the parsed arguments.  This is the only
module of the add-in feature that prints.

    seuranta-xl addin build -o Seuranta.xlam [--force]
    seuranta-xl addin install [--dry-run] [--yes] [--addin SIGNED.xlam]
    seuranta-xl addin doctor

Exit status: 0 done (doctor: every check passed); 2 otherwise (bad input,
broken add-in sources, the file system refused, a check failed).  Errors are
one line on stderr, no traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from ..messages import t

EXIT_OK = 0
EXIT_FAILED = 2
EXIT_BAD_INPUT = 2

LANGS = ("fi", "en", "sv")
#: ``--platform`` names -> sys.platform values (plan for another computer's user profile).
PLATFORMS = {"windows": "win32", "macos": "darwin"}


def _lang(args: argparse.Namespace) -> str:
    # Finnish unless --lang says otherwise.
    lang = getattr(args, "lang", None) or "fi"
    return lang if lang in LANGS else "fi"


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``addin`` command with ``build``, ``install`` and ``doctor`` to the main CLI."""
    parser = subparsers.add_parser("addin", help=t("addin_help"), description=t("addin_help"))
    commands = parser.add_subparsers(dest="addin_command", metavar="{build,install,doctor}")
    commands.required = True

    build = commands.add_parser("build", help=t("addin_build_help"), description=t("addin_build_help"))
    build.add_argument("-o", "--out", dest="out", required=True, metavar="OUT", help=t("addin_out_help"))
    build.add_argument("--force", action="store_true", help=t("addin_force_help"))

    install = commands.add_parser("install", help=t("addin_install_help"), description=t("addin_install_help"))
    install.add_argument("--dry-run", action="store_true", help=t("addin_dry_run_help"))
    install.add_argument("--yes", action="store_true", help=t("addin_yes_help"))
    install.add_argument("--addin", metavar="XLAM", default=None, help=t("addin_source_help"))
    install.add_argument("--udf-server", action="store_true", help=t("addin_udf_server_help"))
    doctor = commands.add_parser("doctor", help=t("addin_doctor_help"), description=t("addin_doctor_help"))
    for sub in (install, doctor):
        sub.add_argument("--platform", choices=sorted(PLATFORMS), default=None, help=t("addin_platform_help"))
    for sub in (build, install, doctor):
        # Same option as the other commands (seuranta_xl.cli.add_common), with Swedish.
        sub.add_argument("--lang", choices=list(LANGS), default=None, help="viestien kieli / message language (fi)")
    # seuranta_xl.cli.main calls args.run(args).
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, *, ask: Callable[[str], str] | None = None) -> int:
    """Run ``addin build``, ``install`` or ``doctor``; return the exit status.

    ``ask`` answers the install's one question (default: ``input`` when stdin is a terminal).
    """
    from ..excel import addin  # lazy: other commands need not load it

    lang = _lang(args)
    command = getattr(args, "addin_command", None)
    try:
        if command == "build":
            return _build(args, lang)
        if command == "install":
            return _install(args, lang, ask)
        if command == "doctor":
            return _doctor(args, lang)
    except addin.AddinError as exc:
        _error(str(exc))
        return EXIT_BAD_INPUT
    except OSError as exc:
        # On Windows, Excel locks an add-in it has loaded: the copy into XLSTART fails.
        key = "addin_locked" if command == "install" and isinstance(exc, PermissionError) else "addin_os_error"
        _error(t(key, lang, path=exc.filename or getattr(args, "out", ""), error=exc.strerror or exc))
        return EXIT_FAILED
    return EXIT_BAD_INPUT  # argparse requires a subcommand; not reached


def _build(args: argparse.Namespace, lang: str) -> int:
    from ..excel.addin import build_addin

    out = Path(args.out)
    problem = None
    if out.suffix.lower() != ".xlam":
        problem = "addin_suffix"
    elif out.is_dir():
        problem = "addin_is_dir"
    elif out.exists() and not args.force:
        problem = "addin_exists"
    if problem:
        _error(t(problem, lang, path=out))
        return EXIT_BAD_INPUT
    built = build_addin(out, lang=lang)
    print(t("addin_built", lang, path=built.resolve()))
    return EXIT_OK


def _machine(args: argparse.Namespace):
    from ..excel.install import Machine

    # A running Excel is asked in --dry-run too, so that the plan names the folder the install will use.
    return Machine.this(platform=PLATFORMS.get(getattr(args, "platform", None) or ""))


def _folder_line(folder, platform: str, lang: str) -> str:
    if folder.path is None:
        return t("addin_folder_none", lang, platform=platform)
    candidates = ", ".join(str(c) for c in folder.candidates)
    return t(f"addin_folder_{folder.source}", lang, path=folder.path, candidates=candidates)


def plan_lines(plan, lang: str) -> list[str]:
    """The install plan, one line per change (the same lines for --dry-run and for the real run)."""
    lines = [_folder_line(plan.folder, plan.machine.platform, lang)]
    if plan.addin_current:
        lines.append(t("addin_step_same", lang, target=plan.addin_target))
    elif plan.folder.path is None:
        lines.append(t("addin_step_cache", lang, target=plan.addin_target))
    else:
        lines.append(t("addin_step_copy", lang, source=plan.addin_source, target=plan.addin_target))
    if plan.xlwings_addin is not None:
        lines.append(t("addin_xlwings_present", lang, path=plan.xlwings_addin) if plan.xlwings_addin_present
                     else t("addin_xlwings_missing", lang, folder=plan.xlwings_addin.parent))
    if plan.config_changes and not plan.config_exists:
        lines.append(t("addin_step_create_config", lang, path=plan.config))
    if plan.backup is not None:
        lines.append(t("addin_step_backup", lang, path=plan.config, backup=plan.backup))
    for change in plan.keys:
        if not change.changes:
            lines.append(t("addin_step_keep", lang, path=plan.config, setting=change.key, value=change.new))
        elif change.old is None:
            lines.append(t("addin_step_add", lang, path=plan.config, setting=change.key, new=change.new))
        else:
            lines.append(t("addin_step_set", lang, path=plan.config, setting=change.key, new=change.new, old=change.old))
    return lines


def _install(args: argparse.Namespace, lang: str, ask: Callable[[str], str] | None) -> int:
    from ..excel import install

    from ..excel.addin import PACKAGED_ADDIN

    machine = _machine(args)
    source = Path(args.addin) if args.addin else PACKAGED_ADDIN
    if source.suffix.lower() != ".xlam" or not source.is_file():
        _error(t("addin_suffix" if source.suffix.lower() != ".xlam" else "addin_no_source", lang, path=source))
        return EXIT_BAD_INPUT
    udf_server = bool(getattr(args, "udf_server", False))
    if udf_server and not machine.platform.startswith("win"):
        print(t("addin_udf_server_windows_only", lang))
        udf_server = False
    plan = install.plan_install(machine, addin_source=source, udf_server=udf_server)
    needs_xlwings = plan.xlwings_addin is not None and not plan.xlwings_addin_present
    if args.dry_run:
        print(t("addin_plan_dry", lang))
        for line in plan_lines(plan, lang):
            print(f"- {line}")
        if needs_xlwings:
            print(f"- {t('addin_xlwings_would', lang)}")
        return EXIT_OK

    status = EXIT_OK
    if needs_xlwings:
        # Never silently: --yes, or a "yes" typed at the prompt; otherwise say what to run.
        if ask is None and sys.stdin is not None and sys.stdin.isatty():
            ask = input
        answer = "y" if args.yes else (ask(t("addin_xlwings_ask", lang)) if ask else "")
        if answer.strip().lower()[:1] in ("y", "k", "j"):
            done = install.install_xlwings_addin(machine.python)
            if done.returncode != 0:
                output = " ".join((done.stderr or done.stdout or "").split())[:300]
                _error(t("addin_xlwings_failed", lang, code=done.returncode, output=output))
                status = EXIT_FAILED
            else:
                print(t("addin_xlwings_installed", lang))
            # xlwings may have created the config and (on macOS) the folder: plan again from what is there now.
            plan = install.plan_install(machine, addin_source=source, udf_server=udf_server)
        else:
            print(t("addin_xlwings_skipped", lang))
            status = EXIT_FAILED
    install.apply_install(plan)
    print(t("addin_plan_done", lang) if plan.changes_anything else t("addin_plan_nothing", lang))
    for line in plan_lines(plan, lang):
        print(f"- {line}")
    print(t("addin_next", lang))
    if udf_server:
        print(t("addin_udf_server_next", lang))
    return status


def _render(value: object, lang: str) -> str:
    """A check's value: a (message id, values) pair is translated, anything else printed as is."""
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str) and isinstance(value[1], dict):
        return t(value[0], lang, **value[1])
    return str(value)


def doctor_lines(checks, lang: str) -> list[str]:
    """One line per check: OK/FAIL, what was found, and for a failure its fix."""
    lines = []
    for check in checks:
        text = t(check.message, lang, **{k: _render(v, lang) for k, v in check.values.items()})
        status = t("addin_doctor_ok" if check.ok else "addin_doctor_fail", lang)
        line = f"[{status}] {check.name}: {text}"
        if not check.ok and check.fix:
            line += f" — {t('addin_doctor_fix', lang)}: {t(check.fix, lang, **check.fix_values)}"
        lines.append(line)
    failed = [check.name for check in checks if not check.ok]
    if failed:
        lines.append(t("addin_doctor_summary_fail", lang, failed=len(failed), count=len(checks), names=", ".join(failed)))
    else:
        lines.append(t("addin_doctor_summary_ok", lang, count=len(checks)))
    return lines


def _doctor(args: argparse.Namespace, lang: str) -> int:
    from ..excel.doctor import run_checks

    checks = run_checks(_machine(args))
    for line in doctor_lines(checks, lang):
        print(line)
    return EXIT_OK if all(check.ok for check in checks) else EXIT_FAILED


def _error(line: str) -> None:
    # One line, no traceback: staff and IT read this, not developers.
    print(f"seuranta-xl addin: {' '.join(line.split())}", file=sys.stderr)
