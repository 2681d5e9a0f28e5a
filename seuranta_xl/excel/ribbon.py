"""The ribbon's entry module: one function per button of the "Seuranta" tab.

The add-in's VBA calls, e.g.::

    Application.Run "xlwings.xlam!RunPython", "import seuranta_xl.excel.ribbon as m; m.validate()"

Each click starts a Python process, so its import time is the user's waiting time: this module
imports nothing heavy at the top (xlwings, the core, the planners and the engine are imported by
the button that needs them). Each button takes an optional ``book``: Excel's calling workbook by
default (``xw.Book.caller()``), any xlwings Book otherwise (the tests pass one from xlwings' remote
engine). A button never raises: a failure becomes a one-line alert, never a traceback popup.

Flow: the workbook → the report sheet's used range in one call → the core (parse, check, rollup)
→ a plan of write actions (:mod:`seuranta_xl.write.planners`) → the xlwings engine applies it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    import xlwings as xw

    from ..write.engine import Applied

TITLE = "Seuranta"


class Outcome:
    """What a button did: the message shown to the user, the plan applied and the engine's notes."""

    def __init__(self, message: str, ok: bool, report: Any = None, plan: Any = None,
                 applied: "Applied | None" = None):
        self.message, self.ok, self.report, self.plan, self.applied = message, ok, report, plan, applied

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


def _button(book: "xw.Book | None", work: Callable[["xw.Book", Any], Outcome]) -> Outcome:
    """Run one button's ``work`` on the workbook; turn any failure into a friendly alert."""
    try:
        book = _caller(book)
    except Exception as exc:
        _log(exc)
        return Outcome(_one_line(exc), ok=False)
    try:
        from .live import settings_for

        outcome = work(book, settings_for(book))
    except Exception as exc:  # noqa: BLE001 - the user gets one line, IT the log file
        _log(exc)
        message = f"Seuranta ei onnistunut: {_one_line(exc)}"
        _alert(book, message, error=True)
        return Outcome(message, ok=False)
    _alert(book, outcome.message)
    return outcome


# --- the core, on the open workbook ---------------------------------------------------------


def _read(book: "xw.Book", settings: Any, *, findings: bool = True) -> tuple[Any, Any, Any]:
    """The report sheet (read once) → (grid, Report with findings when asked, WorkbookState)."""
    from .xlwings_engine import read_state
    from .live import find_report_grid
    from ..parse import build_report
    from ..write.planners import findings_for

    grid = find_report_grid(book, settings.language)
    report = build_report(grid, settings.scale, settings.language)
    state = read_state(book, grid)
    if findings:
        report = report.model_copy(update={"findings": findings_for(report, settings, state)})
    return grid, report, state


def _counts_message(findings: list[Any], lang: str) -> str:
    from ..write.actions import FINDINGS_SHEET

    errors = sum(1 for f in findings if f.severity == "error")
    warnings = sum(1 for f in findings if f.severity == "warning")
    if lang == "en":
        return f"{errors} errors, {warnings} warnings — see sheet {FINDINGS_SHEET}"
    return f"{errors} virhettä, {warnings} varoitusta — katso välilehti {FINDINGS_SHEET}"


def _planned(book: "xw.Book", settings: Any, button: str) -> Outcome:
    """Read, plan as the CLI command of the same name does, apply, and describe."""
    from ..write import planners as plans
    from .xlwings_engine import apply_plan
    from ..rollup import compute_rollup

    lang = settings.language
    grid, report, state = _read(book, settings, findings=button in ("highlight", "run"))
    findings = list(report.findings)
    if button == "dropdowns":
        plan = plans.dropdowns_plan(report, settings, state)
        message = _dropdowns_message(lang)
    elif button == "highlight":
        plan = plans.highlight_plan(report, findings, settings, state)
        message = _counts_message(findings, lang)
    elif button == "clear":
        plan = plans.clear_plan(report, settings, state)
        message = _clear_message(lang)
    else:
        rollup = compute_rollup(report)
        if button == "rollup":
            plan = plans.rollup_plan(report, rollup, settings, state)
            message = _rollup_message(rollup, lang)
        else:  # run
            plan = plans.run_plan(report, rollup, findings, settings, state)
            message = _counts_message(findings, lang)
    applied = apply_plan(book, plan, [grid])
    report = report.model_copy(update={"findings": findings})
    return Outcome(message, ok=True, report=report, plan=plan, applied=applied)


# --- the buttons ------------------------------------------------------------------------------


def validate(book: "xw.Book | None" = None) -> Outcome:
    """Tarkista: check every row, mark the findings and write the findings sheet (Tarkistus)."""
    return _button(book, lambda b, s: _planned(b, s, "highlight"))


def highlight(book: "xw.Book | None" = None) -> Outcome:
    """Korosta puuttuvat: live highlighting of missing required fields, and the findings marked."""
    return _button(book, lambda b, s: _planned(b, s, "highlight"))


def dropdowns(book: "xw.Book | None" = None) -> Outcome:
    """Päivitä pudotusvalikot: the lists sheet and dropdowns on the grade and responsible columns."""
    return _button(book, lambda b, s: _planned(b, s, "dropdowns"))


def rollup(book: "xw.Book | None" = None) -> Outcome:
    """Laske kokonaistilanne: each goal's computed grade into Kokonais-tilanne, and the summary sheet."""
    return _button(book, lambda b, s: _planned(b, s, "rollup"))


def clear(book: "xw.Book | None" = None) -> Outcome:
    """Poista merkinnät: remove the marks (highlights, helper column, findings sheet)."""
    return _button(book, lambda b, s: _planned(b, s, "clear"))


def run(book: "xw.Book | None" = None) -> Outcome:
    """Tee kaikki: validate, dropdowns, rollup and highlight in one go."""
    return _button(book, lambda b, s: _planned(b, s, "run"))


def show_help(book: "xw.Book | None" = None) -> Outcome:
    """Ohje: what each button does, and the rule catalogue's codes."""
    def work(b: "xw.Book", settings: Any) -> Outcome:
        from ..rules import RULES

        lang = settings.language
        codes = ", ".join(sorted(RULES))
        text = _HELP[lang if lang in _HELP else "fi"].format(codes=codes)
        return Outcome(text, ok=True)
    return _button(book, work)


def _dropdowns_message(lang: str) -> str:
    if lang == "en":
        return "Dropdowns updated (grade and responsible person) — lists on sheet Listat"
    return "Pudotusvalikot päivitetty (etenemisaste ja vastuuhenkilö) — listat välilehdellä Listat"


def _rollup_message(rollup: Any, lang: str) -> str:
    goals = sum(1 for g in rollup.goals if g.computed is not None)
    if lang == "en":
        return f"Overall status computed for {goals} goals — see sheet Yhteenveto"
    return f"Kokonaistilanne laskettu {goals} tavoitteelle — katso välilehti Yhteenveto"


def _clear_message(lang: str) -> str:
    if lang == "en":
        return "Marks removed (highlights, helper column, sheet Tarkistus)"
    return "Merkinnät poistettu (korostukset, apusarake, välilehti Tarkistus)"


_HELP = {
    "fi": ("Seuranta-välilehden painikkeet:\n"
           "• Tarkista: tarkistaa rivit, korostaa löydökset ja kirjoittaa välilehden Tarkistus\n"
           "• Päivitä pudotusvalikot: Etenemisaste- ja Vastuuhenkilö-sarakkeiden valikot (välilehti Listat)\n"
           "• Laske kokonaistilanne: tavoitteiden keskiarvo Kokonais-tilanne-sarakkeeseen ja välilehti Yhteenveto\n"
           "• Korosta puuttuvat: puuttuvat pakolliset tiedot korostetaan\n"
           "• Poista merkinnät: poistaa korostukset ja välilehden Tarkistus\n"
           "• Tee kaikki: kaikki yllä olevat kerralla\n"
           "Säännöt: {codes}. Säännön kuvaus: komento seuranta-xl rule KOODI."),
    "en": ("Buttons of the Seuranta tab:\n"
           "• Tarkista: checks the rows, marks findings and writes the sheet Tarkistus\n"
           "• Päivitä pudotusvalikot: dropdowns on Etenemisaste and Vastuuhenkilö (sheet Listat)\n"
           "• Laske kokonaistilanne: goal means into Kokonais-tilanne and the sheet Yhteenveto\n"
           "• Korosta puuttuvat: missing required fields are highlighted\n"
           "• Poista merkinnät: removes highlights and the sheet Tarkistus\n"
           "• Tee kaikki: all of the above at once\n"
           "Rules: {codes}. A rule's description: seuranta-xl rule CODE."),
}


def about(book: "xw.Book | None" = None, addin_version: str | None = None) -> Outcome:
    """Tietoja: the versions of the add-in (passed by its VBA), the package, xlwings and Python."""
    from .about import about_text, current_versions

    return _button(book, lambda b, s: Outcome(about_text(current_versions(addin_version), s.language), ok=True))
