"""XML parts read with a real parser (expat), edited by splicing bytes.

:func:`outline` parses a part with expat and returns its elements with their byte spans, so an edit
replaces or inserts exactly the bytes it must and every other byte of the part stays as written -
namespace prefixes, quoting, entity escapes (``&quot;`` in LibreOffice's formulas), whitespace.
A DTD is refused (OOXML never has one). Only UTF-8 parts are edited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.parsers import expat

from ..cells import XML_ILLEGAL_CHARS, engine_text
from .zipio import PackageError

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
#: ISO/IEC 29500 Strict's main namespace (Excel's "Strict Open XML Spreadsheet").
STRICT_MAIN_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"


@dataclass
class Node:
    """One element: ``uri`` and ``tag`` (local name), attributes by expanded name, byte spans."""

    uri: str
    tag: str
    attrs: dict[str, str]
    start: int  # "<" of the start tag
    open_end: int  # after the start tag's ">"
    end: int = 0  # after the end tag (== open_end for an empty-element tag)
    close_start: int = 0  # "<" of the end tag (== open_end for an empty-element tag)
    children: list["Node"] = field(default_factory=list)
    text: str = ""
    prefix: str | None = None

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrs.get(name, default)

    def find(self, tag: str, uri: str = MAIN_NS) -> "Node | None":
        return next((c for c in self.children if c.tag == tag and c.uri == uri), None)

    def findall(self, tag: str, uri: str = MAIN_NS) -> list["Node"]:
        return [c for c in self.children if c.tag == tag and c.uri == uri]

    def iter(self):
        yield self
        for child in self.children:
            yield from child.iter()

    @property
    def empty(self) -> bool:
        return self.end == self.open_end


@dataclass
class Outline:
    data: bytes
    root: Node
    #: prefix → namespace declared on the root element ("" for the default namespace)
    namespaces: dict[str, str]

    def prefix_for(self, uri: str) -> str | None:
        """"x:" / "" for ``uri`` as declared on the root, None when not declared there."""
        for prefix, ns in self.namespaces.items():
            if ns == uri:
                return f"{prefix}:" if prefix else ""
        return None


_QUOTED_TAG_END = re.compile(rb'(?:[^>"\']++|"[^"]*+"|\'[^\']*+\')*+>')  # (possessive: see sheet._ATTRS)


def tag_end(data: bytes, start: int) -> int:
    """Offset after the ``>`` closing the tag that begins at ``start`` (quotes may hold ``>``)."""
    match = _QUOTED_TAG_END.match(data, start)
    if match is None:
        raise ValueError("unterminated tag")
    return match.end()


def outline(data: bytes, source: str = "", part: str = "", offset: int = 0) -> Outline:
    """Parse ``data`` into a span tree (spans shifted by ``-offset``)."""
    _require_utf8(data, source, part)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    stack: list[Node] = []
    root_holder: list[Node] = []
    namespaces: dict[str, str] = {}
    pending_ns: dict[str, str] = {}

    def refuse_dtd(*_args):
        raise PackageError(source, "package_dtd", part=part)

    def start_ns(prefix, uri):
        pending_ns[prefix or ""] = uri

    def start(name, attrs):
        at = parser.CurrentByteIndex
        uri, _, tag = name.rpartition(" ")
        close = tag_end(data, at)
        raw_name = re.match(rb"<([\w.:-]+)", data[at:at + 200]).group(1).decode()
        prefix = raw_name.split(":")[0] if ":" in raw_name else None
        node = Node(uri, tag, {_attr(k): v for k, v in attrs.items()}, at - offset, close - offset, prefix=prefix)
        if not stack:
            namespaces.update(pending_ns)
            root_holder.append(node)
        else:
            stack[-1].children.append(node)
        pending_ns.clear()
        stack.append(node)

    def end(_name):
        node = stack.pop()
        if data[node.open_end + offset - 2:node.open_end + offset] == b"/>":  # an empty-element tag
            node.close_start = node.end = node.open_end
            return
        at = parser.CurrentByteIndex
        node.close_start = at - offset
        node.end = data.index(b">", at) + 1 - offset

    def chars(text):
        if stack:
            stack[-1].text += text

    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    parser.StartNamespaceDeclHandler = start_ns
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise PackageError(source, "package_part_damaged", part=part, reason=f"XML: {exc}") from None
    except LookupError as exc:  # the XML declaration names an encoding Python does not know
        raise PackageError(source, "package_part_damaged", part=part, reason=f"XML: {exc}") from None
    return Outline(data, root_holder[0], namespaces)


def _attr(name: str) -> str:
    uri, _, local = name.rpartition(" ")
    return f"{{{uri}}}{local}" if uri else local


def _require_utf8(data: bytes, source: str, part: str) -> None:
    head = data[:100]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:4]:
        raise PackageError(source, "package_unsupported", part=part, reason="not UTF-8")
    match = re.match(rb'<\?xml[^>]*encoding=["\']([\w.-]+)["\']', head.lstrip(b"\xef\xbb\xbf"))
    if match and match.group(1).lower() not in (b"utf-8", b"utf8"):
        raise PackageError(source, "package_unsupported", part=part, reason="not UTF-8")


def splice(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """``data`` with each ``(start, end, replacement)`` applied (spans must not overlap)."""
    out, pos = [], 0
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1])):
        if start < pos:
            raise ValueError("overlapping edits")
        out.append(data[pos:start])
        out.append(replacement)
        pos = end
    out.append(data[pos:])
    return b"".join(out)


_ATTR_SPECIAL = re.compile(f'[&<>"\r\n\t{XML_ILLEGAL_CHARS}]')


def esc(text: str) -> str:
    """Text for element content or a double-quoted attribute (characters XML cannot hold dropped)."""
    if _ATTR_SPECIAL.search(text) is None:  # the common case: one scan instead of seven
        return text
    return (engine_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#9;"))


_TEXT_SPECIAL = re.compile(f"[&<>\r{XML_ILLEGAL_CHARS}]")


def esc_text(text: str) -> str:
    """Text for element content (line breaks kept literally, CR as a reference; characters XML
    cannot hold dropped)."""
    if _TEXT_SPECIAL.search(text) is None:
        return text
    return engine_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def set_attr(data: bytes, node: Node, name: str, value: str | None) -> tuple[int, int, bytes]:
    """An edit replacing ``node``'s start tag with ``name`` set to ``value`` (None removes it)."""
    tag = data[node.start:node.open_end]
    pattern = re.compile(rb'(\s)' + re.escape(name.encode()) + rb'\s*=\s*("[^"]*"|\'[^\']*\')')
    if value is None:
        new = pattern.sub(b"", tag, count=1)
    elif pattern.search(tag):
        new = pattern.sub(lambda m: m.group(1) + name.encode() + b'="' + esc(value).encode() + b'"', tag, count=1)
    else:
        cut = len(tag) - (2 if tag.endswith(b"/>") else 1)
        new = tag[:cut].rstrip() + b" " + name.encode() + b'="' + esc(value).encode() + b'"' + tag[cut:]
    return node.start, node.open_end, new


def cut_refs(data: bytes, root: Node, rids: set[str], drop=lambda node: False) -> list[tuple[int, int, bytes]]:
    """Edits removing every element below ``root`` that cites one of the relationships ``rids`` (any
    attribute in the relationships namespace) or that ``drop`` names, and every element such a
    removal leaves without elements (an empty ``<pivotCaches>``, ``<tableParts>``, ``<ext>``,
    ``<extLst>``: each is invalid or meaningless empty); a ``count`` of an element left is updated."""
    rel_attr = f"{{{REL_NS}}}"

    def cut(node: Node) -> tuple[bool, list[tuple[int, int, bytes]]]:
        if node is not root and (drop(node) or any(k.startswith(rel_attr) and v in rids for k, v in node.attrs.items())):
            return True, []
        edits: list[tuple[int, int, bytes]] = []
        left = 0
        for child in node.children:
            goes, inner = cut(child)
            if goes:
                edits.append((child.start, child.end, b""))
            else:
                left += 1
                edits += inner
        gone = len(node.children) - left
        if gone and not left and node is not root:
            return True, []
        if gone and node.get("count") is not None:
            edits.append(set_attr(data, node, "count", str(left)))
        return False, edits

    return cut(root)[1]
