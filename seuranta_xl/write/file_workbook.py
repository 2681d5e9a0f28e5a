"""The file implementation of the workbook facade (:class:`seuranta_xl.write.engine.Workbook`).

A report on disk, opened once per command: its values come from one read of the file (calamine for
a workbook, the text reader for an export), its settings from ``seuranta.toml`` and the workbook's
own lists and settings sheets among those values, and the write (only for a command that changes the
workbook) goes to OUT, or back to the file with ``in_place`` (atomic, backup kept). The input file
is never changed otherwise.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from ..errors import InputError
from .engine import Applied

if TYPE_CHECKING:
    from ..grid import Grid
    from ..settings import Settings
    from .actions import ExistingName, ExistingValidation, Plan, WorkbookState


class FileWorkbook:
    """A report file. ``output``/``in_place``/``force`` say where a writing command's result goes;
    ``settings`` (the Python API's) are used instead of reading seuranta.toml and the settings sheets."""

    def __init__(self, path: str | os.PathLike[str], *, config: str | os.PathLike[str] | None = None,
                 language: str | None = None, output: str | os.PathLike[str] | None = None,
                 in_place: bool = False, force: bool = False, settings: "Settings | None" = None):
        self.path = Path(path)
        self.source = str(path)
        self.config, self.language = config, language
        self.output = Path(output) if output is not None else None
        self.in_place, self.force = in_place, force
        #: The path written by :meth:`apply` (None until then).
        self.written: Path | None = None
        #: Settings given by a caller (the Python API) replace the ones read from the files.
        if settings is not None and language:
            settings = settings.model_copy(update={"language": language})
        self._base: Settings | None = settings
        self._settings: Settings | None = settings
        self._grids: list[Grid] | None = None
        self._book: Any = None
        self._bytes: bytes | None = None
        #: A workbook about to be written keeps the worksheet parts the pre-scan decompressed, for
        #: the package engine (each part decompressed once per command); a read-only one does not.
        self._parts: dict[str, bytes] | None = {} if output is not None or in_place else None
        self._lists: dict[tuple[str, ...], Any] = {}

    # --- reading ---------------------------------------------------------------------------------

    def _base_settings(self) -> "Settings":
        """Defaults and seuranta.toml: what is known before the file itself is read (its limits)."""
        if self._base is None:
            from ..config import load_settings

            self._base = load_settings(self.path, self.config, language=self.language, sheets=[])
        return self._base

    def _data(self) -> bytes:
        """The file's bytes, read once per command (a regular file, never blocking, under the size
        limit): the values, the pre-scan, the state and the write all work on them."""
        if self._bytes is None:
            from ..files.prescan import read_regular

            base = self._base_settings()
            self._bytes = read_regular(self.path, base.language, limit=base.limits.max_uncompressed_bytes)
        return self._bytes

    def grids(self) -> "list[Grid]":
        if self._grids is None:
            from ..files.reader import read_grids

            base = self._base_settings()
            self._grids = list(read_grids(self.path, base.language, limits=base.limits, data=self._data(),
                                          keep=self._parts))
        return self._grids

    def settings(self) -> "Settings":
        if self._settings is None:
            from ..config import load_settings

            self._settings = load_settings(self.path, self.config, language=self.language,
                                           sheets=self.grids(), source=self.source)
        return self._settings

    def _package(self, sheets: "list[str] | None" = None) -> Any:
        """The workbook package, opened once for the state and the write (each part decompressed
        at most once); only a command that writes needs it. A text export cannot be written.
        ``sheets``: the report sheets the command works on (see :meth:`_handed_on`)."""
        if self._book is None:
            from ..files.reader import sniff_data
            from .package import Package

            lang = self.settings().language
            if sniff_data(self._data(), self.source, self.path.suffix, lang) == "text":
                raise InputError.of(self.source, "text_export", lang, name=self.path.name)
            self.grids()  # the limits and integrity checks come first
            self._book = Package(self.path, data=self._data(), parts=self._handed_on(sheets))
            self._parts = None  # the package holds them now
        return self._book

    def _handed_on(self, sheets: "list[str] | None") -> "dict[str, bytes] | None":
        """The pre-scan's parts worth holding for the write: all but the worksheets of sheets the
        engine will not read (neither ``sheets`` nor one of ours), so that a big sheet of the
        person's own beside the report is let go here, before the rules run."""
        from ..files.reader import scanned
        from .actions import OWN_SHEETS

        scan = scanned(self._data())
        if scan is not None and scan.source is not None:
            return None  # the pre-scan read a copy (files/opc.py): the engine reads the file's own parts
        if not self._parts or sheets is None:
            return self._parts
        if scan is None:
            return self._parts
        read = {name.casefold() for name in (*sheets, *OWN_SHEETS)}
        unread = {s.part for name, s in scan.sheets.items() if name.casefold() not in read}
        return {part: data for part, data in self._parts.items() if part not in unread}

    def state(self, sheet: "str | list[str]", *, page_setup: bool = True) -> "WorkbookState":
        from .package import read_state

        # ``page_setup`` is for the open book: here it is read with the sheet's part at no cost.
        state = read_state(self._package([sheet] if isinstance(sheet, str) else list(sheet)), sheet,
                           self.settings().language)
        # a dropdown Excel keeps in the sheet's extLst (a list on another sheet) is a validation too:
        # ours is never laid over it
        seen = {(v.sheet, v.sqref, v.type, v.formula1) for v in state.validations}
        state.validations += [v for v in self.lists([sheet] if isinstance(sheet, str) else list(sheet))[0]
                              if (v.sheet, v.sqref, v.type, v.formula1) not in seen]
        return state

    def lists(self, sheets: list[str]) -> "tuple[list[ExistingValidation], list[ExistingName]]":
        """The data validations on ``sheets`` and the defined names (a text export has none), read
        for a read-only command too - a person's own dropdown is their roles list - without the
        write engine (:mod:`seuranta_xl.files.lists`)."""
        from ..files.lists import workbook_lists
        from ..own_lists import ExistingName, ExistingValidation

        self.grids()  # the limits and integrity checks come first
        key = tuple(sheets)
        if key not in self._lists:  # asked for by the rules' settings and by the state alike
            self._lists[key] = workbook_lists(self._data(), self.source, self.path.suffix, sheets, self.settings().language)
        validations, names = self._lists[key]
        return ([ExistingValidation(sheet=v.sheet, sqref=v.sqref, type=v.type, formula1=v.formula1) for v in validations],
                [ExistingName(name=n.name, refers_to=n.refers_to, sheet=n.sheet) for n in names])

    # --- writing ---------------------------------------------------------------------------------

    def check_target(self) -> None:
        """Refuse early (before any work) a write with nowhere to go or that would replace what it
        must not (--in-place with -o, no output, OUT = FILE, an existing OUT without --force)."""
        from ..files.workbook_io import resolve_target

        resolve_target(self.path, self.output, in_place=self.in_place, force=self.force,
                       lang=self._base_settings().language)

    def apply(self, plan: "Plan") -> Applied:
        """Write the workbook with ``plan`` applied by the package engine: every part the plan does
        not change is copied byte for byte; the result replaces OUT (or FILE) atomically."""
        from ..files.workbook_io import TEMPLATE_SUFFIXES, check_suffix, resolve_target, save_output
        from .package import apply_plan

        self.check_target()
        lang = self.settings().language
        package = self._package()
        target = resolve_target(self.path, self.output, in_place=self.in_place, force=self.force, lang=lang)
        check_suffix(package.has("xl/vbaProject.bin"), target, lang)
        if (target.suffix.lower() in TEMPLATE_SUFFIXES) != (self.path.suffix.lower() in TEMPLATE_SUFFIXES):
            # the package keeps its content types: a workbook stays a workbook, a template a template
            raise InputError.of(str(target), "suffix_kind", lang, suffix=self.path.suffix.lower())
        applied: list[Applied] = []

        def write(out: BinaryIO) -> None:
            applied.append(apply_plan(package, plan, out, lang=lang))
            self.close()  # the input is closed before it is replaced (Windows cannot replace an open file)

        try:
            self.written = save_output(self.path, self.output, in_place=self.in_place, force=self.force, lang=lang,
                                       write=write)
        finally:
            self.close()
        return applied[0]

    def close(self) -> None:
        if self._book is not None:
            self._book.close()
            self._book = None
