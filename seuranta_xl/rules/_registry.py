"""The rule table: each rule a small documented unit with a stable code (ruff-style).

Codes are grouped by family (the letter) and never reused. A rule's check is a pure function
``(report, settings) -> Iterable[Hit]``; the runner turns hits into Findings, applying
select/ignore, severity overrides and the message language.
"""

from __future__ import annotations

import inspect
import re
import textwrap
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from ..model import Report, Severity
from ..settings import Settings

#: Families by code letter, in the order the catalogue lists them.
FAMILIES: dict[str, dict[str, str]] = {
    "G": {"fi": "Etenemisaste", "en": "Grade"},
    "H": {"fi": "Hierarkia ja koodit", "en": "Hierarchy and codes"},
    "C": {"fi": "Sarakkeiden sijoittelu", "en": "Column placement"},
    "R": {"fi": "Pakolliset tiedot", "en": "Required fields"},
    "P": {"fi": "Vastuuhenkilö", "en": "Responsible role"},
    "U": {"fi": "Kokonaistilanteen johdonmukaisuus", "en": "Rollup consistency"},
    "T": {"fi": "Tekstien laatu", "en": "Text quality"},
    "F": {"fi": "Tiedosto ja solut", "en": "File and cells"},
}

DOC_SECTIONS = ("What it checks", "Why it matters", "Example", "How to fix")
_CODE = re.compile(r"^[A-Z]\d{3}$")
_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\besim)\.\s")


@dataclass(frozen=True)
class Hit:
    """Where a rule found its problem, and the values its message template needs."""

    row: int | None
    column: str | None = None
    code: str | None = None  # the goal/action code as staff write it
    args: dict[str, Any] = field(default_factory=dict)
    #: A rule whose weight depends on the size of the problem may grade a hit itself; a
    #: severity override in the settings still wins.
    severity: Severity | None = None


Check = Callable[[Report, Settings], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    messages: dict[str, str]  # lang → template
    check: Check

    @property
    def family(self) -> str:
        return self.code[0]

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    def sections(self) -> dict[str, str]:
        """The docstring's fixed sections: What it checks / Why it matters / Example / How to fix."""
        found: dict[str, list[str]] = {}
        current = None
        for line in self.doc.splitlines():
            heading = line.rstrip(":").strip()
            if heading in DOC_SECTIONS and line.rstrip().endswith(":"):
                current = heading
                found[current] = []
            elif current:
                found[current].append(line)
        return {k: textwrap.dedent("\n".join(v)).strip() for k, v in found.items()}

    @property
    def summary(self) -> str:
        """The first sentence of "What it checks", on one line (for the rules table)."""
        text = " ".join(self.sections().get("What it checks", "").split())
        end = _SENTENCE_END.search(text)
        return text if end is None else text[: end.start() + 1]

    def message(self, lang: str, args: dict[str, Any]) -> str:
        return self.messages.get(lang, self.messages["fi"]).format(**args)


#: code → Rule, in registration order; the one table of all rules.
RULES: dict[str, Rule] = {}


LEVEL_NAMES = {
    "council": ("valtuustokauden tavoite", "council-term goal"),
    "annual": ("vuositavoite", "annual goal"),
    "action": ("toimenpide", "action"),
}


def level_args(level: str) -> dict[str, str]:
    """``level_fi`` / ``level_en`` for message templates."""
    fi, en = LEVEL_NAMES[level]
    return {"level_fi": fi, "level_en": en}


def rule(code: str, name: str, severity: Severity, *, fi: str, en: str) -> Callable[[Check], Check]:
    """Register a check as a rule. The docstring must have the four sections of DOC_SECTIONS."""

    def register(check: Check) -> Check:
        if not _CODE.match(code) or code[0] not in FAMILIES:
            raise ValueError(f"bad rule code {code!r}")
        if code in RULES:
            raise ValueError(f"rule code {code} used twice")
        RULES[code] = Rule(code=code, name=name, severity=severity, messages={"fi": fi, "en": en}, check=check)
        return check

    return register
