"""The rule table: each rule a small documented unit with a stable code (ruff-style).

Codes are grouped by family (the letter) and never reused. A rule's check is a pure function
``(context) -> Iterable[Hit]`` over one run's :class:`RunContext` (the report, its index, the
settings and the rollup, built once per run and shared by all rules); the runner turns hits into
Findings, applying select/ignore and severity overrides. A hit carries data only; its message is
the catalogue entry ``rule.CODE`` (messages.py) rendered with that data in the wanted language.
"""

from __future__ import annotations

import inspect
import re
import textwrap
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable

from ..messages import MESSAGES, t
from ..model import Item, Report, ReportIndex, Severity
from ..settings import Settings

if TYPE_CHECKING:
    from ..rollup import Rollup

#: Families by code letter, in the order the catalogue lists them (titles: ``rule.family.X`` in messages.py).
FAMILIES: tuple[str, ...] = ("G", "H", "C", "R", "P", "U", "T", "S", "F")


def family_title(letter: str, lang: str = "fi") -> str:
    return t(f"rule.family.{letter}", lang)


DOC_SECTIONS = ("What it checks", "Why it matters", "Example", "How to fix")
_CODE = re.compile(r"^[A-Z]\d{3}$")
_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\besim)\.\s")


@dataclass(frozen=True, slots=True)
class Hit:
    """Where a rule found its problem, and the data its message needs (never text in a language)."""

    row: int | None
    column: str | None = None
    code: str | None = None  # the goal/action code as staff write it
    args: dict[str, Any] = field(default_factory=dict)
    #: A rule whose weight depends on the size of the problem may grade a hit itself; a
    #: severity override in the settings still wins.
    severity: Severity | None = None


class RunContext:
    """What every rule of one run shares, built once: the report, its index (items by code, row and
    goal), the settings and - on first use - the rollup and the few derived tables several rules
    read. Nothing is cached between runs.

    ``previous``: the same sheet of the previous period's report, when the run was given one (the
    S rules compare with it); ``period``: the reporting period (``--period``, else the title's)."""

    def __init__(self, report: Report, settings: Settings, rollup: "Rollup | None" = None, *,
                 previous: Report | None = None, period: str | None = None) -> None:
        self.report = report
        self.settings = settings
        self.index: ReportIndex = report.index()
        self._rollup = rollup
        self._shared: dict[str, Any] = {}
        self.previous = previous
        self.period = period or report.period

    @property
    def rollup(self) -> "Rollup":
        if self._rollup is None:
            from ..rollup import compute_rollup

            self._rollup = compute_rollup(self.report)
        return self._rollup

    def shared(self, key: str, build: Callable[["RunContext"], Any]) -> Any:
        """A table several rules of this run read (e.g. the normalised progress texts), built once."""
        if key not in self._shared:
            self._shared[key] = build(self)
        return self._shared[key]

    def owners(self) -> list[Item]:
        """Items that carry their row's fields (a goal sharing a row with its first action does not)."""
        return self.shared("owners", lambda ctx: [i for i in ctx.report.items if i.owns_row])


Check = Callable[[RunContext], Iterable[Hit]]
#: Language-dependent message values derived from a hit's data (decimal comma, words): (data, lang).
Params = Callable[[dict[str, Any], str], dict[str, Any]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str  # the stable identifier, e.g. "missing-grade"; the title people read is title(lang)
    severity: Severity
    check: Check
    params: Params | None = None

    @property
    def family(self) -> str:
        return self.code[0]

    @property
    def message_id(self) -> str:
        return f"rule.{self.code}"

    @property
    def messages(self) -> dict[str, str]:
        """lang → message template, from the catalogue."""
        return MESSAGES[self.message_id]

    def title(self, lang: str = "fi") -> str:
        """The rule's short name in ``lang`` (catalogue ``rule.CODE.name``)."""
        return t(f"{self.message_id}.name", lang)

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

    def message(self, lang: str, data: dict[str, Any], code: str | None = None) -> str:
        """The finding's sentence in ``lang``: the catalogue template filled with the hit's data,
        the goal code (``{code}``), level words and the rule's own language-dependent values."""
        return self.renderer(lang)(data, code)

    def renderer(self, lang: str) -> Callable[[dict[str, Any], "str | None"], str]:
        """:meth:`message` in ``lang`` as a function of (data, code), for a run's many hits: the
        template and the level words are looked up once, not per finding (thousands of them)."""
        texts = MESSAGES[self.message_id]
        template = texts.get(lang, texts["fi"])  # as messages.t picks it
        params = self.params
        levels: dict[str, tuple[str, str]] = {}  # level -> its name and the name capitalised

        def render(data: dict[str, Any], code: str | None = None) -> str:
            values = {"code": code or "", **data}
            level = data.get("level")
            if level is not None:
                names = levels.get(level)
                if names is None:
                    name = t(f"rule.level.{level}", lang)
                    names = levels[level] = (name, name[:1].upper() + name[1:])
                values["level_name"], values["level_name_cap"] = names
            if params is not None:
                values.update(params(data, lang))
            return template.format_map(values)  # format(**values) without copying them again

        return render


#: code → Rule, in registration order; the one table of all rules.
RULES: dict[str, Rule] = {}


def decimal(value: float, lang: str, digits: int = 2, trim: bool = True) -> str:
    """A number for a message: ``3.44`` in English, ``3,44`` in Finnish and Swedish (decimal comma)."""
    text = f"{value:.{digits}f}"
    if trim:
        text = text.rstrip("0").rstrip(".")
    return text if lang == "en" else text.replace(".", ",")


def rule(code: str, name: str, severity: Severity, *, params: Params | None = None) -> Callable[[Check], Check]:
    """Register a check as a rule. Its docstring must have the four sections of DOC_SECTIONS and the
    catalogue must hold its message ``rule.CODE`` and short name ``rule.CODE.name``."""

    def register(check: Check) -> Check:
        if not _CODE.match(code) or code[0] not in FAMILIES:
            raise ValueError(f"bad rule code {code!r}")
        if code in RULES:
            raise ValueError(f"rule code {code} used twice")
        for key in (f"rule.{code}", f"rule.{code}.name"):
            if key not in MESSAGES:
                raise ValueError(f"rule {code}: no message {key} in messages.py")
        RULES[code] = Rule(code=code, name=name, severity=severity, check=check, params=params)
        return check

    return register
