"""The text of the Tietoja (About) button: which add-in, package, xlwings and Python staff are running.

IT reads it over the phone: the versions, the interpreter Excel started, and a warning when
the add-in file (built with one package version) and the installed package differ — the
most common reason a button behaves unlike the README after an upgrade.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from importlib import metadata

from .. import __version__
from ..messages import t

__all__ = ["Versions", "about_text", "current_versions"]


@dataclass(frozen=True)
class Versions:
    """What the About text reports; ``addin`` is None when the add-in did not say (older build)."""

    addin: str | None
    package: str
    xlwings: str | None
    python: str
    interpreter: str


def current_versions(addin: str | None) -> Versions:
    """This process's versions, with the add-in's as the add-in's VBA passed it."""
    try:
        xlwings = metadata.version("xlwings")
    except metadata.PackageNotFoundError:
        xlwings = None
    python = ".".join(str(part) for part in sys.version_info[:3])
    return Versions(addin or None, __version__, xlwings, python, sys.executable)


def about_text(versions: Versions, lang: str = "fi") -> str:
    """The About text: one line per version, the interpreter, and a warning line when versions differ."""
    unknown = t("addin_about_unknown", lang)
    text = t("addin_about", lang, addin=versions.addin or unknown, package=versions.package,
             xlwings=versions.xlwings or unknown, python=versions.python, interpreter=versions.interpreter)
    if versions.addin != versions.package:
        text += "\n\n" + t("addin_about_mismatch", lang, addin=versions.addin or unknown, package=versions.package)
    return text
