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


def _one_line(exc: BaseException) -> str:
    from ..errors import InputError

    if isinstance(exc, InputError):
        return exc.message
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def _log(exc: BaseException) -> None:
    """Keep the traceback for IT in a log file (the user sees only the one-line alert)."""
    try:
        import tempfile
        import traceback
        from pathlib import Path

        with open(Path(tempfile.gettempdir()) / "seuranta_xl.log", "a", encoding="utf-8") as log:
            log.write("".join(traceback.format_exception(exc)) + "\n")
    except OSError:
        pass


def _alert(book: "xw.Book", message: str, error: bool = False) -> None:
    try:
        book.app.alert(message, title=TITLE, mode="critical" if error else "info")
    except Exception:  # showing the message must never turn into a second error
        pass


def _button(book: "xw.Book | None", work: Callable[[Any], tuple[str, Any]]) -> Outcome:
    """Run one button's ``work`` on the live workbook; turn any failure into a friendly alert."""
    from ..messages import t

    try:
        book = _caller(book)
    except Exception as exc:
        _log(exc)
        return Outcome(_one_line(exc), ok=False)
    from .live import LiveWorkbook

    workbook = LiveWorkbook(book)
    lang = "fi"
    try:
        lang = workbook.settings().language
        message, result = work(workbook)
    except Exception as exc:  # noqa: BLE001 - the user gets one line, IT the log file
        _log(exc)
        message = t("ribbon.failed", lang, reason=_one_line(exc))
        _alert(book, message, error=True)
        return Outcome(message, ok=False)
    _alert(book, message)
    return Outcome(message, ok=True, result=result)


def _command(name: str) -> Callable[[Any], tuple[str, Any]]:
    """A button's work: run command ``name`` of the command table and word its summary."""
    def work(workbook: Any) -> tuple[str, Any]:
        from ..commands import run_command
        from ..messages import t

        result = run_command(workbook, name)
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
}


def validate(book: "xw.Book | None" = None) -> Outcome:
    """Tarkista: check every row, mark the findings' cells and write the findings sheet (Tarkistus)."""
    return _button(book, _command(BUTTONS["validate"]))


def highlight(book: "xw.Book | None" = None) -> Outcome:
    """Korosta puuttuvat: live highlighting of missing required fields (the mark goes when a value is typed)."""
    return _button(book, _command(BUTTONS["highlight"]))


def dropdowns(book: "xw.Book | None" = None) -> Outcome:
    """Päivitä pudotusvalikot: the lists sheet and dropdowns on the grade and responsible columns."""
    return _button(book, _command(BUTTONS["dropdowns"]))


def rollup(book: "xw.Book | None" = None) -> Outcome:
    """Laske kokonaistilanne: each goal's computed grade into Kokonais-tilanne, and the summary sheet."""
    return _button(book, _command(BUTTONS["rollup"]))


def clear(book: "xw.Book | None" = None) -> Outcome:
    """Poista merkinnät: remove the marks (highlights, helper column, findings sheet)."""
    return _button(book, _command(BUTTONS["clear"]))


def run(book: "xw.Book | None" = None) -> Outcome:
    """Tee kaikki: validate, dropdowns, rollup and highlight in one go."""
    return _button(book, _command(BUTTONS["run"]))


def show_help(book: "xw.Book | None" = None) -> Outcome:
    """Ohje: what each button does, and the rule catalogue's codes."""
    def work(workbook: Any) -> tuple[str, Any]:
        from ..messages import t
        from ..rules import RULES

        return t("ribbon.help", workbook.settings().language, codes=", ".join(sorted(RULES))), None
    return _button(book, work)
