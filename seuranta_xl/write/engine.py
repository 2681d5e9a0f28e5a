"""The workbook facade: one contract, two implementations (the shape of xlwings' ``Book`` over
``base_classes.py``).

- the file workbook (:mod:`seuranta_xl.write.file_workbook`): a ``.xlsx``/``.xlsm``/text file on
  disk, opened once per command, written to OUT (or in place) when the command is done;
- the live workbook (:mod:`seuranta_xl.excel.live`): the workbook open in Excel, through xlwings.

Commands (:mod:`seuranta_xl.commands`) see only this contract: they read the report's grid, the
state of what is ours in the workbook and the settings, compute a :class:`~.actions.Plan` and hand it
to :meth:`Workbook.apply`. Every rendering decision (mark precedence, formats, widths) is a field of
the plan, so both implementations write the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from ..grid import Grid
    from ..settings import Settings
    from .actions import ExistingName, ExistingValidation, Plan, WorkbookState


@dataclass
class Applied:
    """What an engine did: actions applied, and what this engine could not do (one line each)."""

    actions: int = 0
    skipped: list[str] = field(default_factory=list)


@runtime_checkable
class Workbook(Protocol):
    """A report workbook, whatever holds it. ``source`` names it in messages (file or book name)."""

    source: str

    def settings(self) -> "Settings":
        """Defaults, ``seuranta.toml``, then the workbook's own lists and settings sheets."""

    def grids(self) -> "list[Grid]":
        """Every sheet's values (read once), in workbook order."""

    def state(self, sheet: str, *, page_setup: bool = True) -> "WorkbookState":
        """What the planners need to know about what is ours in the workbook, for report ``sheet``;
        ``page_setup=False``: its page setup may be left unread (no plan of the command needs it)."""

    def lists(self, sheets: "list[str]") -> "tuple[list[ExistingValidation], list[ExistingName]]":
        """The data validations on ``sheets`` and the workbook's defined names, as far as this
        workbook can tell (a person's own dropdown on the responsible column is their roles list)."""

    def apply(self, plan: "Plan") -> Applied:
        """Carry out ``plan``; a file workbook writes its output, a live one changes the open book."""
