"""The ribbon's entry module: one function per button of the "Seuranta" tab.

The add-in's VBA calls, e.g.::

    Application.Run "xlwings.xlam!RunPython", "import seuranta_xl.excel.ribbon as m; m.validate()"

Each click starts a Python process, so its import time is the user's waiting time: this module
imports nothing heavy at the top (xlwings, the core, the planners and the engine are imported by
the button that needs them). Each button takes an optional ``book``: Excel's calling workbook by
default (``xw.Book.caller()``), any xlwings Book otherwise (the tests pass one from xlwings' remote
engine). A button never raises: a failure becomes a one-line alert, never a traceback popup.

Flow: each button is one command of the command table (:mod:`seuranta_xl.commands`), run on the
live workbook (:class:`seuranta_xl.excel.live.LiveWorkbook`); this module only chooses the workbook
and shows the summary in the user's language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    import xlwings as xw

    from ..write.engine import Applied

TITLE = "Seuranta"


class Outcome:
    """What a button did: the message shown to the user and the command's result (plan, summary, applied)."""

    def __init__(self, message: str, ok: bool, result: Any = None):
        self.message, self.ok, self.result = message, ok, result

    @property
    def report(self) -> Any:
        return self.result.summary.report if self.result else None

    @property
    def plan(self) -> Any:
        return self.result.plan if self.result else None

    @property
    def applied(self) -> "Applied | None":
        return self.result.applied if self.result else None

    def __repr__(self) -> str:
        return f"Outcome(ok={self.ok}, message={self.message!r})"


def _caller(book: "xw.Book | None") -> "xw.Book":
    if book is not None:
        return book
    import xlwings as xw

    return xw.Book.caller()


#: Excel's COM answers when it cannot take a call: a cell is being edited, or a dialog is open.
_BUSY_HRESULTS = {-2146777998, -2147418111, -2146827284}  # 0x800AC472, RPC_E_CALLREJECTED, 0x800A03EC


def explain(exc: BaseException, lang: str, log: str) -> str:
    """One line staff can act on, in their language, for any failure of a button."""
    from ..errors import InputError
    from ..messages import t

    if isinstance(exc, InputError):
        return t("ribbon.failed", lang, reason=exc.message)
    codes = [a for a in getattr(exc, "args", ()) if isinstance(a, int)]
    if type(exc).__name__ == "com_error" and _BUSY_HRESULTS.intersection(codes):
        return t("ribbon.excel_busy", lang)
    if isinstance(exc, PermissionError):
        return t("ribbon.failed", lang, reason=t("ribbon.permission", lang))
    return t("ribbon.unexpected", lang, log=log)


def _log_path() -> str:
    import tempfile
    from pathlib import Path

    return str(Path(tempfile.gettempdir()) / "seuranta_xl.log")


def _log(exc: BaseException) -> None:
    """Keep the traceback for IT in a log file (the user sees only the one-line alert naming it)."""
    try:
        import traceback

        with open(_log_path(), "a", encoding="utf-8") as log:
            log.write("".join(traceback.format_exception(exc)) + "\n")
    except OSError:
        pass


def _alert(book: "xw.Book", message: str, error: bool = False) -> None:
    try:
        book.app.alert(message, title=TITLE, mode="critical" if error else "info")
    except Exception:  # showing the message must never turn into a second error
        pass


def _no_workbook(exc: BaseException) -> Outcome:
    """``Book.caller()`` failed (Protected View, no workbook, Excel not reachable): say so where the
    user can see it - an alert through the active Excel when there is one, else xlwings' own popup
    of stderr with a non-zero exit."""
    import sys

    from ..messages import t

    _log(exc)
    message = t("ribbon.no_workbook", "fi")
    try:
        import xlwings as xw

        xw.apps.active.alert(message, title=TITLE, mode="critical")
    except Exception:
        print(f"{TITLE}: {message}", file=sys.stderr)
        raise SystemExit(2) from None
    return Outcome(message, ok=False)


class RunLock:
    """One run at a time per workbook, across processes (each click is a process of its own; on
    macOS Excel stays usable while it runs): a lock file in the temp folder, named after the
    workbook, created exclusively; a lock left by a process that is gone is taken over.
    ``SEURANTA_XL_LOCK_DIR`` moves the locks elsewhere (the tests give each worker its own)."""

    def __init__(self, key: str):
        import hashlib
        import os
        import tempfile
        from pathlib import Path

        digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        folder = os.environ.get("SEURANTA_XL_LOCK_DIR") or tempfile.gettempdir()
        self.path = Path(folder) / f"seuranta_xl-{digest}.lock"
        self.held = False

    def acquire(self) -> bool:
        import os

        for _attempt in (1, 2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            except FileExistsError:
                if self._stale():
                    self.path.unlink(missing_ok=True)
                    continue
                return False
            with os.fdopen(fd, "w") as fh:
                fh.write(str(os.getpid()))
            self.held = True
            return True
        return False

    def _stale(self) -> bool:
        import os

        try:
            pid = int(self.path.read_text().strip() or 0)
        except (OSError, ValueError):
            return True
        if pid <= 0:
            return True
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except (PermissionError, OSError):
            return False
        return False

    def release(self) -> None:
        if self.held:
            self.path.unlink(missing_ok=True)
            self.held = False


def _book_key(book: "xw.Book") -> str:
    try:
        return book.fullname or book.name
    except Exception:
        return book.name


def _status_bar(book: "xw.Book", text: "str | None") -> None:
    """Excel's status bar shows what is happening; None gives it back to Excel."""
    try:
        book.app.status_bar = text if text is not None else False
    except Exception:  # engines without a status bar (xlwings' remote engine)
        pass


def _button(book: "xw.Book | None", work: Callable[[Any], tuple[str, Any]], command: str = "") -> Outcome:
    """Run one button's ``work`` on the live workbook; turn any failure into a friendly alert."""
    from ..messages import t

    try:
        book = _caller(book)
    except Exception as exc:
        return _no_workbook(exc)
    from .live import LiveWorkbook

    lock = RunLock(_book_key(book))
    if not lock.acquire():
        message = t("ribbon.busy", "fi")
        _alert(book, message, error=True)
        return Outcome(message, ok=False)
    workbook = LiveWorkbook(book)
    lang = "fi"
    try:
        lang = workbook.settings().language
        _status_bar(book, t("ribbon.status", lang, command=t(f"ribbon.doing.{command or 'help'}", lang)))
        message, result = work(workbook)
    except Exception as exc:  # noqa: BLE001 - the user gets one line, IT the log file
        _log(exc)
        message = explain(exc, lang, _log_path())
        _alert(book, message, error=True)
        return Outcome(message, ok=False)
    finally:
        _status_bar(book, None)
        lock.release()
    _alert(book, message)
    return Outcome(message, ok=True, result=result)


def _command(name: str, other: str | None = None) -> Callable[[Any], tuple[str, Any]]:
    """A button's work: run command ``name`` of the table on the active sheet when it is a report
    sheet (else on the first report sheet), and word its summary. ``other``: the file or folder a
    reporting-cycle button asked the user for."""
    def work(workbook: Any) -> tuple[str, Any]:
        from ..commands import Options, run_command
        from ..messages import t

        active = workbook.active_report_sheet()
        sheets = (active,) if active and name not in ("changes", "merge", "split") else ()
        result = run_command(workbook, name, Options(sheets=sheets, other=other))
        summary = result.summary
        return t(summary.message, workbook.settings().language, **summary.params), result
    return work


# --- the buttons: each is one command of the table (see README's button table) -----------------

#: Button function → command name. A test checks each button runs its own command.
BUTTONS = {
    "validate": "highlight",
    "highlight": "missing",
    "dropdowns": "dropdowns",
    "rollup": "rollup",
    "clear": "clear",
    "run": "run",
    "compare_previous": "changes",
    "split_for_people": "split",
    "merge_answers": "merge",
}


def validate(book: "xw.Book | None" = None) -> Outcome:
    """Tarkista: check every row, mark the findings' cells and write the findings sheet (Tarkistus)."""
    return _button(book, _command(BUTTONS["validate"]), BUTTONS["validate"])


def highlight(book: "xw.Book | None" = None) -> Outcome:
    """Korosta puuttuvat: live highlighting of missing required fields (the mark goes when a value is typed)."""
    return _button(book, _command(BUTTONS["highlight"]), BUTTONS["highlight"])


def dropdowns(book: "xw.Book | None" = None) -> Outcome:
    """Päivitä pudotusvalikot: the lists sheet and dropdowns on the grade and responsible columns."""
    return _button(book, _command(BUTTONS["dropdowns"]), BUTTONS["dropdowns"])


def rollup(book: "xw.Book | None" = None) -> Outcome:
    """Laske kokonaistilanne: each goal's computed grade into Kokonais-tilanne, and the summary sheet."""
    return _button(book, _command(BUTTONS["rollup"]), BUTTONS["rollup"])


def clear(book: "xw.Book | None" = None) -> Outcome:
    """Poista merkinnät: remove the marks (highlights, helper column, findings sheet)."""
    return _button(book, _command(BUTTONS["clear"]), BUTTONS["clear"])


def run(book: "xw.Book | None" = None) -> Outcome:
    """Tee kaikki: validate, dropdowns, rollup and highlight in one go."""
    return _button(book, _command(BUTTONS["run"]), BUTTONS["run"])


def compare_previous(book: "xw.Book | None" = None, previous: str | None = None) -> Outcome:
    """Vertaa edelliseen: what changed since the previous report (picked in the add-in's file
    dialog), written as the sheet Muutokset with a link to each changed cell."""
    return _button(book, _command(BUTTONS["compare_previous"], previous), BUTTONS["compare_previous"])


def split_for_people(book: "xw.Book | None" = None, folder: str | None = None) -> Outcome:
    """Jaa vastuuhenkilöille: one workbook per responsible person into the folder picked, made from
    the report as saved."""
    return _button(book, _command(BUTTONS["split_for_people"], folder), BUTTONS["split_for_people"])


def merge_answers(book: "xw.Book | None" = None, folder: str | None = None) -> Outcome:
    """Kokoa vastaukset: the answers returned in the folder picked, into this report by code."""
    return _button(book, _command(BUTTONS["merge_answers"], folder), BUTTONS["merge_answers"])


def show_help(book: "xw.Book | None" = None) -> Outcome:
    """Ohje: what each button does, and the rule catalogue's codes."""
    def work(workbook: Any) -> tuple[str, Any]:
        from ..messages import t
        from ..rules import RULES

        return t("ribbon.help", workbook.settings().language, codes=", ".join(sorted(RULES))), None
    return _button(book, work)


def about(book: "xw.Book | None" = None, addin_version: str | None = None) -> Outcome:
    """Tietoja: the versions of the add-in (passed by its VBA), the package, xlwings and Python."""
    def work(workbook: Any) -> tuple[str, Any]:
        from .about import about_text, current_versions

        return about_text(current_versions(addin_version), workbook.settings().language), None
    return _button(book, work, "about")
