"""Applying a :class:`~seuranta_xl.write.actions.Plan` to a workbook package without re-creating it.

:func:`read_state` reads what the planners need; :func:`apply_plan` writes the new package. Both
take a path or an open :class:`~.zipio.Package`; given the same Package, no member is decompressed
twice in one command (the sheet read for the state is the one rewritten).

What changes: the report sheet's rows that get values (strings inline, so ``sharedStrings.xml``
is never rewritten), its conditional formats and validations, ``<dimension>``; ``workbook.xml``
(names, our sheets appended, their state), its relationships, ``[Content_Types].xml``,
``styles.xml`` (only entries we need and do not find), and the parts of our own sheets. Every
other member is copied as its original zip record. Formula cells are never written; the workbook is
never marked for a full recalculation (we write no formula).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from ...messages import t
from ..actions import (
    LISTS_SHEET,
    MANIFEST_SHEET,
    OWN_SHEETS,
    ClearOwn,
    ConditionalFormat,
    DefinedName,
    DeleteSheet,
    ExistingName,
    ExistingValidation,
    ListValidation,
    Manifest,
    PRINT_AREA_NAME,
    PRINT_TITLES_NAME,
    PageSetup,
    record_fields,
    Plan,
    ReplaceSheet,
    SetValues,
    WorkbookState,
)
from ...files.opc import owner_of, part_key, rels_of
from ..engine import Applied
from . import cells as C
from .newsheet import chart_xml, drawing_xml, sheet_xml
from .sheet import SheetPart, TailEdits, edit_tail
from .spans import cut_refs, outline, splice
from .styles import Styles
from .workbook import ContentTypes, Rels, SheetEntry, WorkbookPart
from .zipio import Package, PackageError, open_target, write_package

_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_CT = {
    "worksheet": "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
    "drawing": "application/vnd.openxmlformats-officedocument.drawing+xml",
    "chart": "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
    "styles": "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
}
_FORMULA = re.compile(rb"<(?:[\w.-]+:)?f\b")


@dataclass
class PackageApplied(Applied):
    """Applied, with notes that are not skipped actions (a signature invalidated by the edit)."""

    notes: list[str] = field(default_factory=list)


class Book:
    """The parts of one package that a command reads or edits, each loaded once."""

    def __init__(self, pkg: Package):
        self.pkg = pkg
        cached = getattr(pkg, "_book_parts", None)
        if cached is None:
            cached = pkg._book_parts = {}  # type: ignore[attr-defined]
        self._parts: dict[str, Any] = cached
        if not pkg.has("xl/workbook.xml"):
            raise PackageError(pkg.source, "package_part_damaged", part="xl/workbook.xml", reason="missing")
        self.rels = Rels(self._read_opt("xl/_rels/workbook.xml.rels"), pkg.source, "xl/_rels/workbook.xml.rels",
                         "xl/workbook.xml")
        self.wb = WorkbookPart(pkg.read("xl/workbook.xml"), self.rels, pkg.source)
        self._shared: list[str] | None = None

    def _read_opt(self, name: str) -> bytes | None:
        return self.pkg.read(name) if self.pkg.has(name) else None

    def sheet_part(self, entry: SheetEntry) -> SheetPart:
        """The worksheet part of a sheet (parsed once per package)."""
        if entry.part is None or not self.pkg.has(entry.part):
            raise PackageError(self.pkg.source, "package_part_damaged", part=entry.part or entry.name, reason="missing")
        part = self._parts.get(entry.part)
        if part is None:
            part = self._parts[entry.part] = SheetPart(self.pkg.read(entry.part), self.pkg.source, entry.part)
        return part

    def shared(self, index: int) -> str:
        if self._shared is None:
            self._shared = []
            target = next((self.rels.target(rid) for rid, n in self.rels.rels.items()
                           if (n.get("Type") or "").endswith("/sharedStrings")), None)
            if target and self.pkg.has(target):
                data = self.pkg.read(target)
                self._shared = [C.inline_text(m.group(1) or b"") for m in re.finditer(
                    rb"<(?:[\w.-]+:)?si\b[^>]*?(?:/>|>(.*?)</(?:[\w.-]+:)?si\s*>)", data, re.S)]
        return self._shared[index]


def _open(src: "str | os.PathLike[str] | Package") -> tuple[Package, bool]:
    if isinstance(src, Package):
        return src, False
    return Package(src), True


# --- reading -------------------------------------------------------------------------------------

#: ``<workbookProtection lockStructure="1"/>`` (any prefix, quotes, order of attributes).
_WB_LOCKED = re.compile(rb"<(?:[\w.-]+:)?workbookProtection\b[^>]*\blockStructure\s*=\s*[\"'](?:1|true)[\"']")


def read_state(src: "str | os.PathLike[str] | Package", sheet: "str | list[str]", lang: str = "fi") -> WorkbookState:
    """What the planners need about the workbook, for report ``sheet`` (or several: the first one
    gives ``max_column``; formulas and validations are given for each). PackageError (an
    InputError, in ``lang``) for a package that cannot be read safely."""
    pkg, own = None, False
    try:
        pkg, own = _open(src)
        return _read_state(Book(pkg), [sheet] if isinstance(sheet, str) else list(sheet))
    except PackageError as exc:
        raise exc.in_lang(lang) from None
    finally:
        if own:
            pkg.close()


def _read_state(book: Book, wanted: list[str]) -> WorkbookState:
    live = book.wb.live_sheets()
    names = [s.name for s in live]
    state = WorkbookState(sheets=names)
    for i, name in enumerate(wanted):
        entry = book.wb.sheet(name)
        if entry is None:
            continue
        part = book.sheet_part(entry)
        state.max_columns[name] = part.max_value_column()
        if i == 0:
            state.max_column = state.max_columns[name]
        formula_cells, arrays = part.formula_cells()
        refs = {C.ref(r, c) for r, c in formula_cells}
        for r1, c1, r2, c2 in arrays:
            if (r2 - r1 + 1) * (c2 - c1 + 1) <= 1_000_000:
                refs.update(C.ref(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1))
        state.formulas[name] = refs
        tail = part.tail()
        protection = tail.root.find("sheetProtection")
        if protection is not None and (protection.get("sheet") or "").lower() in ("1", "true"):
            state.protected_sheets.append(name)
        state.validations += _validations(name, tail)
        state.page_setups[name] = part.page_setup()
        state.merged[name] = _merged(tail)
        state.table_headers[name] = _table_headers(book.pkg, entry.part)
    manifest_entry = book.wb.sheet(MANIFEST_SHEET)
    lists_entry = book.wb.sheet_named(LISTS_SHEET)
    for key, value in record_fields(
            book.sheet_part(lists_entry).all_rows(book.shared) if lists_entry is not None else None,
            book.sheet_part(manifest_entry).all_rows(book.shared) if manifest_entry is not None else None).items():
        setattr(state, key, value)
    wanted_cells: dict[str, dict[int, set[int]]] = {}
    for value in state.manifest.values:
        try:
            r, c = C.parse_ref(value.cell)
        except ValueError:
            continue
        wanted_cells.setdefault(value.sheet, {}).setdefault(r, set()).add(c)
    # Every cell of our helper columns: what a deleted row moved is found there (planners._owned).
    helper_cells: dict[str, set[tuple[int, int]]] = {}
    for sheet_name, letters in state.manifest.helper_columns():
        entry = book.wb.sheet(sheet_name)
        if entry is not None:
            col = C.col_index(letters)
            for row in book.sheet_part(entry).rows:
                if col not in wanted_cells.get(sheet_name, {}).get(row.number, ()):
                    helper_cells.setdefault(sheet_name, set()).add((row.number, col))
                    wanted_cells.setdefault(sheet_name, {}).setdefault(row.number, set()).add(col)
    for sheet_name, cells in wanted_cells.items():
        entry = book.wb.sheet(sheet_name)
        if entry is None:
            continue
        found = book.sheet_part(entry).values(cells, book.shared)
        for r, cols in cells.items():
            for c in cols:
                value = found.get((r, c))
                if value is not None or (r, c) not in helper_cells.get(sheet_name, ()):
                    state.cells[f"{sheet_name}!{C.ref(r, c)}"] = value
    for own in OWN_SHEETS:
        entry = book.wb.sheet_named(own)
        if entry is None:
            continue
        part = book.sheet_part(entry)
        row1 = part.row(1)
        values: list[Any] = []
        for cell in (part.cells_of(row1) if row1 is not None else []):
            values += [None] * (cell.col - 1 - len(values))
            values.append(C.cell_value(cell.attr_bytes, cell.body, book.shared))
        state.first_rows[own] = values
    state.structure_protected = _WB_LOCKED.search(book.wb.data) is not None
    state.names = _names(book)
    return state


def _table_headers(pkg: Package, part: str) -> list[tuple[int, int, int]]:
    """The header rows of the tables (``xl/tables/tableN.xml``) a sheet's relationships name (see
    WorkbookState.table_headers); a table without a header row or not understood is skipped."""
    from defusedxml.ElementTree import fromstring

    if not part or not pkg.has(rels_of(part)):
        return []
    rels = Rels(pkg.read(rels_of(part)), pkg.source, rels_of(part), part)
    found = []
    for rid, node in rels.rels.items():
        target = rels.target(rid)
        if not (node.get("Type") or "").endswith("/table") or not target or not pkg.has(target):
            continue
        try:
            table = fromstring(pkg.read(target))
            if (table.get("headerRowCount") or "1").strip() == "0":
                continue
            r1, c1, _r2, c2 = C.parse_range(table.get("ref") or "")
        except Exception:  # (the pre-scan refused DTDs; a table not read here only loses this guard)
            continue
        found.append((r1, c1, c2))
    return found


def _merged(tail: Any) -> list[tuple[int, int, int, int]]:
    """The sheet's merged ranges (see WorkbookState.merged); a reference not understood is skipped."""
    merges = tail.root.find("mergeCells")
    found = []
    for merge in merges.findall("mergeCell") if merges is not None else []:
        try:
            found.append(C.parse_range(merge.get("ref") or ""))
        except ValueError:
            continue
    return found


def _validations(sheet: str, tail: Any) -> list[ExistingValidation]:
    dvs = tail.root.find("dataValidations")
    found = []
    for dv in dvs.findall("dataValidation") if dvs is not None else []:
        f1 = dv.find("formula1")
        found.append(ExistingValidation(sheet=sheet, sqref=dv.get("sqref") or "", type=dv.get("type"),
                                        formula1=f1.text if f1 is not None else None))
    return found


def _names(book: Book) -> list[ExistingName]:
    index = {i: s.name for i, s in enumerate(book.wb.live_sheets())}
    return [ExistingName(name=n.name, refers_to="=" + n.text, sheet=index.get(n.local) if n.local is not None else None,
                         hidden=n.hidden) for n in book.wb.names if not n.deleted]


def read_lists(src: "str | os.PathLike[str] | Package", sheets: list[str], lang: str = "fi",
               ) -> tuple[list[ExistingValidation], list[ExistingName]]:
    """The data validations of ``sheets`` and the workbook's defined names (the person's dropdown
    lists are read from them); less than :func:`read_state` reads."""
    pkg, own = None, False
    try:
        pkg, own = _open(src)
        book = Book(pkg)
        validations: list[ExistingValidation] = []
        for name in sheets:
            entry = book.wb.sheet(name)
            if entry is not None:
                validations += _validations(name, book.sheet_part(entry).tail())
        return validations, _names(book)
    except PackageError as exc:
        raise exc.in_lang(lang) from None
    finally:
        if own:
            pkg.close()


# --- applying ------------------------------------------------------------------------------------


@dataclass
class _StaffSheet:
    entry: SheetEntry
    writes: dict[tuple[int, int], Any] = field(default_factory=dict)
    tail: TailEdits = field(default_factory=TailEdits)


def apply_plan(src: "str | os.PathLike[str] | Package", plan: Plan, out: "str | os.PathLike[str] | BinaryIO",
               lang: str = "fi") -> PackageApplied:
    """Write the package of ``src`` with ``plan`` applied to ``out`` (a path or a binary file).
    PackageError (an InputError, in ``lang``) for a package that cannot be edited safely."""
    pkg, own = None, False
    try:
        pkg, own = _open(src)
        return _Apply(Book(pkg), lang).run(plan, out)
    except PackageError as exc:
        raise exc.in_lang(lang) from None
    finally:
        if own:
            pkg.close()


class _Apply:
    def __init__(self, book: Book, lang: str):
        self.book, self.pkg, self.lang = book, book.pkg, lang
        self.wb = book.wb
        self.ct = ContentTypes(self.pkg.read("[Content_Types].xml"), self.pkg.source)
        self._styles: Styles | None = None
        self.staff: dict[str, _StaffSheet] = {}
        self.ours: dict[str, ReplaceSheet] = {}  # sheet name → its content, for sheets we (re)write
        self.removed: set[str] = set()  # parts dropped
        self._new_names: set[str] = set()  # part names given to new parts
        self.applied = PackageApplied()
        #: Parts whose new content a caller has made (a person's report sheet, shared strings).
        self.replaced: dict[str, Any] = {}
        self.rels_edits: dict[str, Rels] = {}  # relationships parts edited (see edit_rels)
        #: owner part → relationships removed from it by drop_part: the elements citing them go
        self.cut: dict[str, set[str]] = {}
        #: Drop every part no relationship leads to from the package's root (a person's book: an
        #: orphan part would carry the master's data unseen).
        self.prune = False

    @property
    def styles(self) -> Styles:
        if self._styles is None:
            target = next((self.book.rels.target(rid) for rid, n in self.book.rels.rels.items()
                           if (n.get("Type") or "").endswith("/styles")), None)
            if target and self.pkg.has(target):
                self._styles = Styles(self.pkg.read(target), self.pkg.source, target)
                self._styles_part = target
            else:
                self._styles = Styles(None, self.pkg.source)
                self._styles_part = "xl/styles.xml"
                self.book.rels.add(_RT + "styles", self._styles_part)
                self.ct.add(self._styles_part, _CT["styles"])
        return self._styles

    def _skip(self, key: str, **values: Any) -> None:
        self.applied.skipped.append(t(key, self.lang, **values))

    def _staff(self, name: str, action: str) -> _StaffSheet | None:
        if name in self.ours:
            return None
        entry = self.wb.sheet(name)
        if entry is None:
            self._skip("package_no_sheet", sheet=name, action=action)
            return None
        return self.staff.setdefault(name, _StaffSheet(entry))

    # --- actions ---------------------------------------------------------------------------------

    def run(self, plan: Plan, out) -> PackageApplied:
        for action in plan.actions:
            getattr(self, "_" + action.kind)(action)
        self.applied.actions = len(plan.actions)
        changed, added = self._finish()
        if any(n.lower().startswith("_xmlsignatures/") for n in self.pkg.names()):
            self.applied.notes.append(t("package_signature", self.lang))
        stream, opened = open_target(out)
        try:
            write_package(self.pkg, stream, changed, added)
            if stream is not out and not opened:  # a non-seekable target: written from a buffer
                out.write(stream.getvalue())
        finally:
            if opened:
                stream.close()
        return self.applied

    def _set_values(self, action: SetValues) -> None:
        top, left = C.parse_ref(action.anchor)
        if action.sheet in self.ours:  # one of the sheets this plan writes: into its rows
            rows = self.ours[action.sheet].rows
            for i, line in enumerate(action.values):
                for j, value in enumerate(line):
                    r, c = top + i - 1, left + j - 1
                    while len(rows) <= r:
                        rows.append([])
                    rows[r] = list(rows[r]) + [None] * (c + 1 - len(rows[r]))
                    rows[r][c] = value
            return
        sheet = self._staff(action.sheet, action.kind)
        if sheet is None:
            return
        for i, line in enumerate(action.values):
            for j, value in enumerate(line):
                sheet.writes[(top + i, left + j)] = None if value == "" else value

    def _list_validation(self, action: ListValidation) -> None:
        sheet = self._staff(action.sheet, action.kind)
        if sheet is not None:
            sheet.tail.dv.append(("add", action))

    def _conditional_format(self, action: ConditionalFormat) -> None:
        sheet = self._staff(action.sheet, action.kind)
        if sheet is not None:
            sheet.tail.cf.append(("add", (action, self.styles.dxf(action.fill, action.font))))

    def _defined_name(self, action: DefinedName) -> None:
        self.wb.set_name(action.name, action.refers_to[1:] if action.refers_to.startswith("=") else action.refers_to)

    def _clear_own(self, action: ClearOwn) -> None:
        if self.wb.sheet(action.sheet) is not None and action.sheet not in self.ours:
            sheet = self.staff.setdefault(action.sheet, _StaffSheet(self.wb.sheet(action.sheet)))
            if action.validations:
                sheet.tail.dv.append(("clear", list(action.user_names)))
            if action.formats:
                sheet.tail.cf.append(("clear", list(action.formats)))
        for name in action.names:
            self.wb.delete_name(name)

    def _page_setup(self, action: PageSetup) -> None:
        sheet = self._staff(action.sheet, action.kind)
        if sheet is None:
            return
        sheet.tail.page.append(action)
        quoted = _quoted(action.sheet)
        for name, ref in ((PRINT_TITLES_NAME, action.print_titles), (PRINT_AREA_NAME, action.print_area)):
            if ref == "":
                self.wb.delete_local_name(name, sheet.entry)
            elif ref is not None:
                self.wb.set_local_name(name, f"{quoted}!{ref}", sheet.entry)

    def _replace_sheet(self, action: ReplaceSheet) -> None:
        # a shallow copy: a later SetValues on this sheet copies the rows it changes (see _set_values)
        action = action.model_copy(update={"rows": list(action.rows)})
        state = "veryHidden" if action.very_hidden else "hidden" if action.hidden else "visible"
        entry = self.wb.sheet(action.name)
        if entry is None:
            part = self._free_name("xl/worksheets/sheet{}.xml")
            entry = self.wb.add_sheet(action.name, part, state)
            self.ct.add(part, _CT["worksheet"])
        else:
            self.wb.set_state(entry, state)
            self.staff.pop(action.name, None)
            if entry.node is not None and action.name not in self.ours:
                self._drop_dependents(entry.part)
                if entry.part and self.pkg.has(entry.part) and _FORMULA.search(self.pkg.read(entry.part)):
                    self._drop_calc_chain()
        self.wb.delete_local_name(PRINT_AREA_NAME, entry)
        if action.print_area:
            quoted = _quoted(action.name)
            self.wb.set_local_name(PRINT_AREA_NAME, ",".join(f"{quoted}!{ref}" for ref in action.print_area), entry)
        self.ours[action.name] = action

    def _delete_sheet(self, action: DeleteSheet) -> None:
        entry = self.wb.sheet(action.name)
        if entry is None:
            return
        self.staff.pop(action.name, None)
        self.ours.pop(action.name, None)
        self.wb.delete_sheet(entry)
        if entry.node is not None:  # a sheet of the source: its part and what hangs on it
            self._drop_dependents(entry.part)
            self._drop(entry.part)
        else:
            self.ct.remove(entry.part)
            self.wb.sheets.remove(entry)

    # --- parts -----------------------------------------------------------------------------------

    def _drop(self, part: str | None) -> None:
        part = self.pkg.actual(part) if part else None
        if part and part not in self.removed:
            if part.lower().startswith("xl/worksheets/") and _FORMULA.search(self.pkg.read(part)):
                self._drop_calc_chain()  # Excel's calculation chain would name cells that are gone
            self.removed.add(part)
            self.ct.remove(part)

    def _drop_dependents(self, part: str | None) -> None:
        """Drop a sheet's relationships part and the parts only it leads to (drawings, charts)."""
        if not part or not self.pkg.has(rels_of(part)):
            return
        closure: list[str] = []
        own_rels = self.pkg.actual(rels_of(part))
        todo = [own_rels]
        while todo:  # everything reachable from the sheet's relationships
            name = self.pkg.actual(todo.pop()) or ""
            if name in closure or name in self.removed or not self.pkg.has(name):
                continue
            closure.append(name)
            if name.endswith(".rels"):
                for target in self._rels_of(name).internal_targets():
                    todo.append(target)
            elif self.pkg.has(rels_of(name)):
                todo.append(rels_of(name))
        outside = set()
        for name in self.pkg.names():
            if name.endswith(".rels") and name not in closure and name not in self.removed and name != own_rels:
                outside.update(self._rels_of(name).internal_targets())
        for name in closure:
            if name not in outside:
                self._drop(name)

    def _rels_of(self, name: str) -> Rels:
        """A relationships part as it stands (with the edits made so far)."""
        name = self.pkg.actual(name) or name
        if name == "xl/_rels/workbook.xml.rels":
            return self.book.rels
        if name in self.rels_edits:
            return self.rels_edits[name]
        return Rels(self.pkg.read(name), self.pkg.source, name, owner_of(name))

    def edit_rels(self, name: str) -> Rels:
        """The relationships part ``name`` to edit: one object per part (from the content a caller
        made for it, if any), written when the package is."""
        name = self.pkg.actual(name) or name
        rels = self._rels_of(name)
        if rels is not self.book.rels and name not in self.rels_edits:
            made = self.replaced.get(name)
            if isinstance(made, (bytes, bytearray)):
                rels = Rels(bytes(made), self.pkg.source, name, owner_of(name))
            self.rels_edits[name] = rels
        return rels

    def drop_part(self, part: str) -> None:
        """Drop ``part``, the parts only it leads to, every relationship pointing at it and the
        element citing that relationship in its owner (``<pivotCache>`` in workbook.xml,
        ``<tablePart>`` in a sheet: spliced out when the package is written, see :attr:`cut`)."""
        part = self.pkg.actual(part) or part
        for name in self.pkg.names():
            if not name.endswith(".rels") or name in self.removed or not self.pkg.has(name):
                continue
            rels = self._rels_of(name)
            for rid in [r for r in rels.rels if r not in rels.removed and rels.target(r)
                        and self.pkg.actual(rels.target(r)) == part]:
                self.edit_rels(name).remove(rid)
                self.cut.setdefault(rels.owner, set()).add(rid)
        self._drop_dependents(part)
        self._drop(part)

    def _drop_calc_chain(self) -> None:
        for rid, node in list(self.book.rels.rels.items()):
            if (node.get("Type") or "").endswith("/calcChain"):
                target = self.book.rels.target(rid)
                self.book.rels.remove(rid)
                if target and self.pkg.has(target):
                    self.removed.add(target)
                    self.ct.remove(target)

    def _free_name(self, pattern: str) -> str:
        taken = {part_key(n) for n in self.pkg.names() if n not in self.removed} | {part_key(n) for n in self._new_names}
        n = 1
        while part_key(pattern.format(n)) in taken:
            n += 1
        name = pattern.format(n)
        self._new_names.add(name)
        return name

    # --- finishing -------------------------------------------------------------------------------

    def _prune(self) -> None:
        """Drop the parts that no relationship reaches from the package's root."""
        reached, todo = set(), ["_rels/.rels"]
        while todo:
            name = self.pkg.actual(todo.pop()) or ""
            if name in reached or name in self.removed or not self.pkg.has(name):
                continue
            reached.add(name)
            if name.endswith(".rels"):
                todo += self._rels_of(name).internal_targets()
            else:
                todo.append(rels_of(name))
        for name in self.pkg.names():
            if name not in reached and name != "[Content_Types].xml" and not name.endswith("/"):
                self._drop(name)

    def _finish(self) -> tuple[dict[str, Any], list[tuple[str, Any]]]:
        if self.prune:
            self._prune()
        changed: dict[str, Any] = {}
        added: list[tuple[str, Any]] = []

        def put(name: str, content: Any) -> None:
            name = self.pkg.actual(name) or name
            if self.pkg.has(name):
                self.removed.discard(name)
                if not _same_bytes(content, self.pkg.read(name)):  # unchanged: the raw record is kept
                    changed[name] = content
            else:
                added.append((name, content))

        for sheet in self.staff.values():
            if not sheet.writes and not sheet.tail:
                continue
            part = self.book.sheet_part(sheet.entry)
            protected = self._protection(part) if sheet.writes else (lambda r, c: False)
            tail = edit_tail(part, sheet.tail) if sheet.tail else None
            chunks, skipped = part.rewrite(sheet.writes, protected, tail, sheet.tail.fit_to_page,
                                           sheet.tail.fit_prior)
            chunks = list(chunks)  # views of the source part, mostly: cheap to hold
            for cell in skipped:
                self._skip("package_formula_kept", sheet=sheet.entry.name, cell=cell)
            put(sheet.entry.part, chunks)
        for name, action in self.ours.items():
            entry = self.wb.sheet(name)
            drawing_rid = None
            if action.charts:
                sheet_rels = Rels(None, self.pkg.source, rels_of(entry.part), entry.part)
                drawing = self._free_name("xl/drawings/drawing{}.xml")
                drawing_rels = Rels(None, self.pkg.source, rels_of(drawing), drawing)
                anchors = []
                for spec in action.charts:
                    chart = self._free_name("xl/charts/chart{}.xml")
                    anchors.append((spec, drawing_rels.add(_RT + "chart", chart)))
                    added.append((chart, chart_xml(name, spec)))
                    self.ct.add(chart, _CT["chart"])
                drawing_rid = sheet_rels.add(_RT + "drawing", drawing)
                added.append((drawing, drawing_xml(anchors)))
                self.ct.add(drawing, _CT["drawing"])
                put(drawing_rels.part, drawing_rels.render())
                put(sheet_rels.part, sheet_rels.render())
            put(entry.part, sheet_xml(action, self.styles.xf, drawing_rid))
        for name, content in self.replaced.items():
            if (self.pkg.actual(name) or name) not in self.removed:  # (a part dropped after it was made)
                put(name, content)
        for name, rels in self.rels_edits.items():
            if name not in self.removed and rels.changed:
                put(name, rels.render())
        for owner, rids in self.cut.items():
            owner = self.pkg.actual(owner) or owner
            if owner == "xl/workbook.xml":
                self.wb.cut(rids)
            elif owner and owner not in self.removed and self.pkg.has(owner):
                made = self.replaced.get(owner, self.pkg.read(owner))
                if isinstance(made, (bytes, bytearray)):  # (a sheet made in chunks cut its own)
                    made = bytes(made)
                    put(owner, splice(made, cut_refs(made, outline(made, self.pkg.source, owner).root, rids)))
        if self._styles is not None:
            styles = self._styles.render()
            if styles is not None:
                put(self._styles_part, styles)
        if self.wb.changed:
            put("xl/workbook.xml", self.wb.render())
        if self.book.rels.changed:
            put("xl/_rels/workbook.xml.rels", self.book.rels.render())
        if self.ct.changed:
            put("[Content_Types].xml", self.ct.render())
        for name in self.removed:
            changed[name] = None
        # A reference spelled otherwise than its member (another case or encoding, dot segments,
        # whitespace: files/opc.py; openpyxl, calamine and LibreOffice look members up by the exact
        # name): written as the member is named, the members keep their names.
        for name in ("[Content_Types].xml", "xl/_rels/workbook.xml.rels", "_rels/.rels"):
            if self.pkg.has(name):
                self.pkg.read(name)  # (a read re-spells a part's references and notes it in pkg.respelled)
        for name in sorted(self.pkg.respelled):
            if name not in changed and name not in self.removed:
                changed[name] = self.pkg.read(name)
        return changed, added

    def _protection(self, part: SheetPart):
        cells, arrays = part.formula_cells()
        if not arrays:
            return lambda r, c: (r, c) in cells

        def protected(r: int, c: int) -> bool:
            return (r, c) in cells or any(r1 <= r <= r2 and c1 <= c <= c2 for r1, c1, r2, c2 in arrays)

        return protected


def _quoted(sheet: str) -> str:
    """A sheet name as a formula writes it (quoted unless plain)."""
    return sheet if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", sheet) else "'" + sheet.replace("'", "''") + "'"


def _same_bytes(content: Any, original: bytes) -> bool:
    """Whether ``content`` (bytes or a list of chunks) is exactly ``original``."""
    if isinstance(content, (bytes, bytearray)):
        return content == original
    if not isinstance(content, list):
        return False
    view, pos = memoryview(original), 0
    for chunk in content:
        size = len(chunk)
        if view[pos:pos + size] != chunk:
            return False
        pos += size
    return pos == len(original)
