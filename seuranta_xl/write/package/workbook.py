"""``xl/workbook.xml``, relationship parts and ``[Content_Types].xml``: read, then edited by splicing.

New sheets are appended to ``<sheets>`` (never inserted: an insertion would shift every
``localSheetId`` and ``activeTab`` after it); a deleted sheet's local names go with it and the
later indices are shifted down.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from .spans import CT_NS, MAIN_NS, PKG_REL_NS, REL_NS, STRICT_MAIN_NS, Node, cut_refs, esc, outline, set_attr, splice
from ...files.opc import part_key, resolve
from .zipio import PackageError, attr_int

_ORDER = ("fileVersion", "fileSharing", "workbookPr", "workbookProtection", "bookViews", "sheets",
          "functionGroups", "externalReferences", "definedNames", "calcPr", "oleSize", "customWorkbookViews",
          "pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing", "fileRecoveryPr", "webPublishObjects",
          "extLst")
_RID = f"{{{REL_NS}}}id"


def relative(base_part: str, part: str) -> str:
    return posixpath.relpath(part, posixpath.dirname(base_part) or ".")


@dataclass
class SheetEntry:
    name: str
    sheet_id: int
    rid: str
    state: str  # visible | hidden | veryHidden
    part: str | None
    node: Node | None = None  # None: new
    new_state: str | None = None  # a change of state
    deleted: bool = False


@dataclass
class NameEntry:
    name: str
    text: str
    local: int | None
    hidden: bool
    node: Node | None = None
    deleted: bool = False


class Rels:
    """One relationships part."""

    def __init__(self, data: bytes | None, source: str, part: str, owner: str):
        self.part, self.owner = part, owner
        self.created = data is None
        self.data = data or (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                             b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                             b"</Relationships>")
        tree = outline(self.data, source, part)
        self.root = tree.root
        prefix = tree.prefix_for(PKG_REL_NS)
        self.p = prefix if prefix is not None else ""
        self.rels = {n.get("Id"): n for n in self.root.findall("Relationship", PKG_REL_NS)}
        self.removed: set[str] = set()
        self.added: list[tuple[str, str, str]] = []

    def target(self, rid: str) -> str | None:
        node = self.rels.get(rid)
        if node is None or node.get("TargetMode") == "External":
            return None
        return resolve(self.owner, node.get("Target") or "")

    def internal_targets(self) -> list[str]:
        return [t for rid in self.rels if rid not in self.removed and (t := self.target(rid))]

    def add(self, rel_type: str, part: str) -> str:
        used = set(self.rels) | {rid for rid, _, _ in self.added}
        n = 1
        while f"rId{n}" in used:
            n += 1
        rid = f"rId{n}"
        self.added.append((rid, rel_type, relative(self.owner, part)))
        return rid

    def remove(self, rid: str) -> None:
        if rid in self.rels:
            self.removed.add(rid)
        self.added = [a for a in self.added if a[0] != rid]

    @property
    def changed(self) -> bool:
        return bool(self.removed or self.added)

    def render(self) -> bytes:
        p = self.p
        edits = [(self.rels[rid].start, self.rels[rid].end, b"") for rid in self.removed]
        new = b"".join(f'<{p}Relationship Id="{rid}" Type="{t}" Target="{esc(target)}"/>'.encode()
                       for rid, t, target in self.added)
        if new:
            if self.root.empty:
                tag = self.data[self.root.start:self.root.open_end]
                edits.append((self.root.start, self.root.end, tag[:-2].rstrip() + b">" + new + f"</{p}Relationships>".encode()))
            else:
                edits.append((self.root.close_start, self.root.close_start, new))
        return splice(self.data, edits)


class ContentTypes:
    def __init__(self, data: bytes, source: str):
        self.data = data
        tree = outline(data, source, "[Content_Types].xml")
        self.root = tree.root
        prefix = tree.prefix_for(CT_NS)
        self.p = prefix if prefix is not None else ""
        self.overrides = {part_key((n.get("PartName") or "").lstrip("/")): n for n in self.root.findall("Override", CT_NS)}
        self.defaults = {(n.get("Extension") or "").lower() for n in self.root.findall("Default", CT_NS)}
        self.removed: set[str] = set()
        self.added: list[tuple[str, str]] = []

    def add(self, part: str, content_type: str) -> None:
        self.removed.discard(part_key(part))
        if part_key(part) not in self.overrides:
            self.added.append((part, content_type))

    def remove(self, part: str) -> None:
        if part_key(part) in self.overrides:
            self.removed.add(part_key(part))
        self.added = [a for a in self.added if part_key(a[0]) != part_key(part)]

    def retype(self, part: str, content_type: str) -> None:
        """``part``'s override says ``content_type`` (a macro workbook's main part made a plain one's)."""
        node = self.overrides.get(part.lower())
        if node is not None and node.get("ContentType") != content_type:
            self.removed.add(part.lower())
            self.added.append((node.get("PartName").lstrip("/"), content_type))

    @property
    def changed(self) -> bool:
        return bool(self.removed or self.added)

    def render(self) -> bytes:
        p = self.p
        edits = [(self.overrides[k].start, self.overrides[k].end, b"") for k in self.removed]
        new = b"".join(f'<{p}Override PartName="/{esc(part)}" ContentType="{ct}"/>'.encode() for part, ct in self.added)
        for ext, ct in (("rels", "application/vnd.openxmlformats-package.relationships+xml"), ("xml", "application/xml")):
            if ext not in self.defaults and any(part.endswith("." + ext) for part, _ in self.added):
                new = f'<{p}Default Extension="{ext}" ContentType="{ct}"/>'.encode() + new
        if new:
            edits.append((self.root.close_start, self.root.close_start, new))
        return splice(self.data, edits)


class WorkbookPart:
    """``xl/workbook.xml`` with its sheet list, defined names and views."""

    def __init__(self, data: bytes, rels: Rels, source: str):
        self.data, self.rels, self.source = data, rels, source
        tree = outline(data, source, "xl/workbook.xml")
        self.root = tree.root
        if self.root.uri == STRICT_MAIN_NS:
            # Strict parts under our transitional ones would make a mixed package Excel may repair:
            # read it (files.reader does), never write it
            raise PackageError(source, "strict_package")
        prefix = tree.prefix_for(MAIN_NS)
        self.p = prefix if prefix is not None else ""
        self.r = tree.prefix_for(REL_NS)
        sheets = self.root.find("sheets")
        if sheets is None:
            raise PackageError(source, "package_part_damaged", part="xl/workbook.xml", reason="no <sheets>")
        self.sheets_node = sheets
        self.sheets: list[SheetEntry] = []
        by_part: dict[str, SheetEntry] = {}  # (a dict: a hostile list of 100,000 sheets is not quadratic)
        for node in sheets.findall("sheet"):
            rid = node.get(_RID) or ""
            sheet_id = attr_int(node.get("sheetId"), source, "xl/workbook.xml", "sheetId")
            entry = SheetEntry(node.get("name") or "", sheet_id, rid,
                               node.get("state") or "visible", rels.target(rid), node)
            # two sheets in one part: a write to one would change the other (files.reader refuses it
            # before any command gets here; the engine's own callers too)
            other = by_part.setdefault(part_key(entry.part), entry) if entry.part else entry
            if other is not entry:
                raise PackageError(source, "sheets_share_part", sheet=other.name, other=entry.name, part=entry.part)
            self.sheets.append(entry)
        self.names_node = self.root.find("definedNames")
        self.names: list[NameEntry] = []
        for node in (self.names_node.findall("definedName") if self.names_node is not None else []):
            local = node.get("localSheetId")
            self.names.append(NameEntry(node.get("name") or "", node.text, int(local) if local and local.isdigit() else None,
                                        node.get("hidden") in ("1", "true"), node))
        self.changed = False
        #: ``<workbookProtection>`` as it is to be written (None: as it is).
        self.protection: bytes | None = None
        #: The sheet to open on (None: the same sheet as before, or the first visible one).
        self.active: SheetEntry | None = None
        #: Relationships whose parts are gone (the elements citing them go) and extensions (by
        #: uri) that go.
        self.cut_rids: set[str] = set()
        self.cut_exts: set[str] = set()

    # --- queries ---------------------------------------------------------------------------------

    def live_sheets(self) -> list[SheetEntry]:
        return [s for s in self.sheets if not s.deleted]

    def sheet(self, name: str) -> SheetEntry | None:
        return next((s for s in self.live_sheets() if s.name == name), None)

    def sheet_named(self, name: str) -> SheetEntry | None:
        """Case-insensitively, as Excel matches sheet names."""
        return next((s for s in self.live_sheets() if s.name.casefold() == name.casefold()), None)

    # --- edits -----------------------------------------------------------------------------------

    def add_sheet(self, name: str, part: str, state: str) -> SheetEntry:
        rid = self.rels.add("http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet", part)
        sheet_id = max([s.sheet_id for s in self.sheets] + [0]) + 1
        entry = SheetEntry(name, sheet_id, rid, state, part)
        self.sheets.append(entry)
        self.changed = True
        return entry

    def protect(self, attrs: dict[str, str]) -> None:
        """``<workbookProtection>`` with exactly ``attrs`` (replacing the one there)."""
        self.protection = (f"<{self.p}workbookProtection "
                           + " ".join(f'{k}="{esc(v)}"' for k, v in attrs.items()) + "/>").encode()
        self.changed = True

    def open_on(self, entry: SheetEntry) -> None:
        """The workbook opens on ``entry`` (activeTab; firstSheet so that its tab shows)."""
        self.active = entry
        self.changed = True

    def set_state(self, entry: SheetEntry, state: str) -> None:
        if entry.state != state:
            entry.new_state = state
            entry.state = state
            self.changed = True

    def cut(self, rids: set[str] = frozenset(), exts: set[str] = frozenset()) -> None:
        """Remove the elements citing ``rids`` (``<pivotCache>``, ``<externalReference>``, an
        extension's slicer cache) and the extensions ``exts``."""
        self.cut_rids |= rids
        self.cut_exts |= exts
        self.changed = True

    def delete_sheet(self, entry: SheetEntry) -> None:
        entry.deleted = True
        self.rels.remove(entry.rid)
        self.changed = True

    def _deleted_positions(self) -> list[int]:
        """Positions (in the original sheet list) of the sheets deleted."""
        return [i for i, s in enumerate(self.sheets) if s.deleted and s.node is not None]

    def set_name(self, name: str, text: str) -> None:
        self.delete_name(name)
        self.names.append(NameEntry(name, text, None, False))
        self.changed = True

    def set_local_name(self, name: str, text: str, sheet: SheetEntry) -> None:
        """A name local to ``sheet`` (``_xlnm.Print_Area``): its localSheetId is the sheet's
        position when the workbook is written."""
        self.delete_local_name(name, sheet)
        entry = NameEntry(name, text, None, False)
        entry.sheet_entry = sheet  # type: ignore[attr-defined]
        self.names.append(entry)
        self.changed = True

    def delete_local_name(self, name: str, sheet: SheetEntry) -> None:
        index = self.sheets.index(sheet)
        for entry in self.names:
            if entry.deleted or entry.name.casefold() != name.casefold():
                continue
            if (entry.node is not None and entry.local == index) or getattr(entry, "sheet_entry", None) is sheet:
                entry.deleted = True
                self.changed = True

    def delete_name(self, name: str) -> None:
        for entry in self.names:
            if not entry.deleted and entry.local is None and entry.name.casefold() == name.casefold():
                entry.deleted = True
                self.changed = True

    # --- writing ---------------------------------------------------------------------------------

    def render(self) -> bytes:
        data, p = self.data, self.p
        edits: list[tuple[int, int, bytes]] = []
        r = self.r
        declare = ""
        if r is None:
            r, declare = "r:", f' xmlns:r="{REL_NS}"'
        new_sheets = b""
        for s in self.sheets:
            if s.node is not None:
                if s.deleted:
                    edits.append((s.node.start, s.node.end, b""))
                elif s.new_state is not None:
                    edits.append(set_attr(data, s.node, "state", None if s.state == "visible" else s.state))
            elif not s.deleted:
                state = "" if s.state == "visible" else f' state="{s.state}"'
                new_sheets += (f'<{p}sheet name="{esc(s.name)}" sheetId="{s.sheet_id}"{state} '
                               f'{r}id="{s.rid}"{declare}/>').encode()
        if new_sheets:
            edits.append((self.sheets_node.close_start, self.sheets_node.close_start, new_sheets))
        # defined names: existing ones kept byte for byte unless deleted or shifted; a name local to a
        # deleted sheet goes with it, later local indices move down with their sheets
        deleted = self._deleted_positions()
        for n in self.names:
            if n.node is not None and not n.deleted and n.local is not None:
                if n.local < len(self.sheets) and self.sheets[n.local].deleted:
                    n.deleted = True
                else:
                    shift = sum(1 for d in deleted if d < n.local)
                    if shift:
                        n.local -= shift
                        n.shifted = True  # type: ignore[attr-defined]
        kept_names = [n for n in self.names if not n.deleted]
        new_names = b""
        for n in self.names:
            if n.node is not None:
                if n.deleted:
                    edits.append((n.node.start, n.node.end, b""))
                elif getattr(n, "shifted", False):
                    edits.append(set_attr(data, n.node, "localSheetId", str(n.local)))
            elif not n.deleted:
                owner = getattr(n, "sheet_entry", None)
                if owner is not None and owner.deleted:
                    continue
                local = f' localSheetId="{self.live_sheets().index(owner)}"' if owner is not None else ""
                new_names += f'<{p}definedName name="{esc(n.name)}"{local}>{esc(n.text)}</{p}definedName>'.encode()
        if self.names_node is not None:
            if not kept_names:
                edits = [e for e in edits if not (self.names_node.start <= e[0] < self.names_node.end)]
                edits.append((self.names_node.start, self.names_node.end, b""))
            elif new_names:
                if self.names_node.empty:
                    tag = data[self.names_node.start:self.names_node.open_end][:-2].rstrip() + b">"
                    edits.append((self.names_node.start, self.names_node.end, tag + new_names + f"</{p}definedNames>".encode()))
                else:
                    edits.append((self.names_node.close_start, self.names_node.close_start, new_names))
        elif new_names:
            rank = _ORDER.index("definedNames")
            at = next((c.start for c in self.root.children if c.uri == MAIN_NS and c.tag in _ORDER
                       and _ORDER.index(c.tag) > rank), self.root.close_start)
            edits.append((at, at, f"<{p}definedNames>".encode() + new_names + f"</{p}definedNames>".encode()))
        edits += self._views()
        if self.cut_rids or self.cut_exts:
            edits += cut_refs(data, self.root, self.cut_rids,
                              lambda n: n.tag == "ext" and n.get("uri") in self.cut_exts)
        if self.protection is not None:
            node = self.root.find("workbookProtection")
            if node is not None:
                edits.append((node.start, node.end, self.protection))
            else:
                rank = _ORDER.index("workbookProtection")
                at = next((c.start for c in self.root.children if c.uri == MAIN_NS and c.tag in _ORDER
                           and _ORDER.index(c.tag) > rank), self.root.close_start)
                edits.append((at, at, self.protection))
        return splice(data, edits)

    def _views(self) -> list[tuple[int, int, bytes]]:
        """Keep activeTab/firstSheet on the same sheet after deletions, on a visible one."""
        views = self.root.find("bookViews")
        if views is None:
            return []
        deleted = self._deleted_positions()
        live = self.live_sheets()
        edits = []
        for view in views.findall("workbookView"):
            changes: dict[str, str | None] = {}
            if self.active is not None and self.active in live:
                at = live.index(self.active)
                for attr, value in (("activeTab", at), ("firstSheet", 0)):  # (its tab shown: from the first)
                    if (view.get(attr) or "0") != str(value):
                        changes[attr] = str(value)
            for attr in ("activeTab", "firstSheet") if self.active is None else ():
                value = view.get(attr)
                if value is None or not value.isdigit():
                    continue
                old = int(value)
                # the index the same sheet has after the deletions (a deleted one: the next)
                new = old - sum(1 for d in deleted if d < old)
                if attr == "activeTab" and (new >= len(live) or live[new].state != "visible"):
                    new = next((i for i, s in enumerate(live) if s.state == "visible"), 0)
                new = min(new, max(len(live) - 1, 0))
                if new != old:
                    changes[attr] = str(new)
            if changes:
                tag = self.data[view.start:view.open_end]
                local = Node(view.uri, view.tag, view.attrs, 0, len(tag))
                for attr, value in changes.items():
                    tag = splice(tag, [set_attr(tag, local, attr, value)])
                    local = Node(view.uri, view.tag, view.attrs, 0, len(tag))
                edits.append((view.start, view.open_end, tag))
        return edits
