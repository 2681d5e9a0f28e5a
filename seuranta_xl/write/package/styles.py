"""``xl/styles.xml``: the differential formats of our conditional formats and the cell formats of
our sheets, appended only when no identical entry exists (so a second run appends nothing)."""

from __future__ import annotations

from .spans import MAIN_NS, Node, esc, outline, set_attr, splice

_ORDER = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs",
          "tableStyles", "colors", "extLst")
_BUILTIN_FORMATS = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10,
                    "0.00E+00": 11, "# ?/?": 12, "# ??/??": 13, "@": 49}
_EMPTY = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          b'<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
          b'<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
          b'<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
          b'<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
          b'<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
          b'<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
          b"</styleSheet>")


def argb(rgb: str) -> str:
    rgb = rgb.upper().lstrip("#")
    return rgb if len(rgb) == 8 else "FF" + rgb[-6:]


def _canon(node: Node) -> tuple:
    attrs = tuple(sorted((k, v.upper()[-6:] if k == "rgb" else v) for k, v in node.attrs.items()))
    return (node.uri, node.tag, attrs, tuple(_canon(c) for c in node.children))


class Styles:
    """The styles part, with our additions pending until :meth:`render`."""

    def __init__(self, data: bytes | None, source: str = "", part: str = "xl/styles.xml"):
        self.created = data is None
        self.data = _EMPTY if data is None else data
        self.tree = outline(self.data, source, part)
        prefix = self.tree.prefix_for(MAIN_NS)
        self.p = prefix if prefix is not None else ""
        self.lists = {name: self.tree.root.find(name) for name in _ORDER}
        self.added: dict[str, list[bytes]] = {name: [] for name in ("numFmts", "fonts", "cellXfs", "dxfs")}
        self._canon: dict[str, list[tuple]] = {}

    def _existing(self, name: str, child: str) -> list[Node]:
        node = self.lists.get(name)
        return node.findall(child) if node is not None else []

    def _parse(self, xml: bytes) -> Node:
        wrapped = b'<w xmlns="' + MAIN_NS.encode() + b'">' + xml + b"</w>"
        return outline(wrapped).root.children[0]

    def _find_or_add(self, name: str, child: str, xml: bytes) -> int:
        """Index of an entry equal to ``xml`` in list ``name`` (appended when there is none)."""
        if name not in self._canon:
            self._canon[name] = [_canon(n) for n in self._existing(name, child)]
        key = _canon(self._parse(xml.replace(f"<{self.p}".encode(), b"<").replace(f"</{self.p}".encode(), b"</")
                                 if self.p else xml))
        canon = self._canon[name]
        if key in canon:
            return canon.index(key)
        canon.append(key)
        self.added[name].append(xml)
        return len(canon) - 1

    # --- what our actions need -----------------------------------------------------------------

    def dxf(self, fill: str | None, font: str | None) -> int:
        p = self.p
        xml = f"<{p}dxf>"
        if font:
            xml += f'<{p}font><{p}color rgb="{argb(font)}"/></{p}font>'
        if fill:
            xml += (f'<{p}fill><{p}patternFill patternType="solid"><{p}fgColor rgb="{argb(fill)}"/>'
                    f'<{p}bgColor rgb="{argb(fill)}"/></{p}patternFill></{p}fill>')
        return self._find_or_add("dxfs", "dxf", (xml + f"</{p}dxf>").encode())

    def _font(self, bold: bool = False, link: bool = False) -> int:
        fonts = self._existing("fonts", "font")
        base = fonts[0] if fonts else None
        drop = {"b", "u", "color"} if link else {"b"}
        inner = b"".join(self.data[c.start:c.end] for c in (base.children if base else []) if c.tag not in drop)
        p = self.p.encode()
        extra = b""
        if bold:
            extra += b"<" + p + b'b/>'
        if link:
            extra += b"<" + p + b"u/><" + p + b'color rgb="FF0563C1"/>'
        return self._find_or_add("fonts", "font", b"<" + p + b"font>" + extra + inner + b"</" + p + b"font>")

    def _numfmt(self, code: str) -> int:
        if code in _BUILTIN_FORMATS:
            return _BUILTIN_FORMATS[code]
        ids = []
        for node in self._existing("numFmts", "numFmt"):
            if node.get("formatCode") == code:
                return int(node.get("numFmtId"))
            ids.append(int(node.get("numFmtId") or 0))
        for xml in self.added["numFmts"]:
            if f'formatCode="{esc(code)}"'.encode() in xml:
                return int(xml.split(b'numFmtId="')[1].split(b'"')[0])
            ids.append(int(xml.split(b'numFmtId="')[1].split(b'"')[0]))
        new = max([163] + ids) + 1
        self.added["numFmts"].append(f'<{self.p}numFmt numFmtId="{new}" formatCode="{esc(code)}"/>'.encode())
        return new

    def xf(self, *, bold: bool = False, link: bool = False, number_format: str | None = None) -> int:
        """A cell format: the default font made bold or a link, and/or a number format."""
        font = self._font(bold=bold, link=link) if (bold or link) else 0
        numfmt = self._numfmt(number_format) if number_format else 0
        has_style_xfs = bool(self._existing("cellStyleXfs", "xf"))
        applied = (' applyFont="1"' if font else "") + (' applyNumberFormat="1"' if numfmt else "")
        xml = (f'<{self.p}xf numFmtId="{numfmt}" fontId="{font}" fillId="0" borderId="0"'
               + (' xfId="0"' if has_style_xfs else "") + applied + "/>")
        # reuse any format with the same font, fill, border and number format and nothing more
        want = (str(numfmt), str(font), "0", "0", "0" if has_style_xfs else None)
        for i, node in enumerate(self._existing("cellXfs", "xf")):
            have = (node.get("numFmtId", "0"), node.get("fontId", "0"), node.get("fillId", "0"),
                    node.get("borderId", "0"), node.get("xfId") if has_style_xfs else None)
            if have == want and not node.children:
                return i
        return self._find_or_add("cellXfs", "xf", xml.encode())

    def unlocked(self, index: int) -> int:
        """A cell format like ``cellXfs[index]`` but not locked (``<protection locked="0"/>``):
        an identical entry when there is one, else appended. An index outside the list is the
        default format's (as Excel reads it)."""
        cache = self.__dict__.setdefault("_unlocked", {})
        if index in cache:
            return cache[index]
        xfs = self._existing("cellXfs", "xf")
        if not xfs:
            self.xf()  # a styles part of ours: its default format first
            xfs = self._existing("cellXfs", "xf")
        node = xfs[index] if 0 <= index < len(xfs) else xfs[0]
        p = self.p
        raw = self.data[node.start:node.end]
        local = Node(node.uri, node.tag, node.attrs, 0, node.open_end - node.start, node.end - node.start,
                     node.close_start - node.start, [])
        raw = splice(raw, [set_attr(raw, local, "applyProtection", "1")])
        shift = len(raw) - (node.end - node.start)
        protection = next((c for c in node.children if c.tag == "protection"), None)
        if protection is not None:
            at = protection.start - node.start + shift
            tag = raw[at:at + protection.open_end - protection.start]
            tag_node = Node(protection.uri, "protection", protection.attrs, 0, len(tag), len(tag), len(tag))
            raw = raw[:at] + splice(tag, [set_attr(tag, tag_node, "locked", "0")]) + raw[at + len(tag):]
        else:
            new = f'<{p}protection locked="0"/>'.encode()
            after = next((c for c in node.children if c.tag == "extLst"), None)
            if after is not None:
                at = after.start - node.start + shift
                raw = raw[:at] + new + raw[at:]
            elif raw.endswith(b"/>"):
                raw = raw[:-2].rstrip() + b">" + new + f"</{p}xf>".encode()
            else:
                at = raw.rindex(b"</")
                raw = raw[:at] + new + raw[at:]
        cache[index] = found = self._find_or_add("cellXfs", "xf", raw)
        return found

    # --- writing ---------------------------------------------------------------------------------

    def render(self) -> bytes | None:
        """The new part, or None when nothing was added."""
        if not any(self.added.values()) and not self.created:
            return None
        data, root, p = self.data, self.tree.root, self.p
        edits = []
        for name, entries in self.added.items():
            if not entries:
                continue
            node = self.lists.get(name)
            child = {"numFmts": "numFmt", "fonts": "font", "cellXfs": "xf", "dxfs": "dxf"}[name]
            count = len(self._existing(name, child)) + len(entries)
            if node is not None:
                start, _end, tag = set_attr(data, node, "count", str(count))
                if node.empty:
                    tag = tag[:-2].rstrip() + b">"
                    edits.append((node.start, node.end, tag + b"".join(entries) + f"</{p}{name}>".encode()))
                else:
                    edits.append((start, node.open_end, tag))
                    edits.append((node.close_start, node.close_start, b"".join(entries)))
            else:
                rank = _ORDER.index(name)
                at = next((c.start for c in root.children if c.tag in _ORDER and _ORDER.index(c.tag) > rank),
                          root.close_start)
                edits.append((at, at, f'<{p}{name} count="{count}">'.encode() + b"".join(entries)
                              + f"</{p}{name}>".encode()))
        return splice(data, edits)
