"""Part names and encodings as OPC and XML allow them, made plain before anything reads a package.

OPC part names compare ignoring ASCII case (ECMA-376 part 2, 9.1.1.1), and an XML part may be
written in UTF-16 (with a byte order mark and ``encoding="UTF-16"``) or another encoding its
declaration names. Excel opens such a package; the readers here (the pre-scan, plain values,
python-calamine, openpyxl) look members up by their exact name and expect UTF-8. So:

- :func:`readable` gives the bytes a reader works on: the same package, but every XML part in UTF-8
  (its declaration saying so), each relationship target and content-type override spelled as the
  member it names, and the members every reader looks up by a fixed name (``[Content_Types].xml``,
  ``_rels/.rels``, ``xl/workbook.xml`` and each relationships part) named that way. A clean package
  is given back as it is (the same object).
- :class:`PartFixer` does the same for one member at a time, for the package engine, which keeps
  the members' names and copies every part it does not change byte for byte: a part it rewrites is
  written in UTF-8, and a reference in another case is written as the member's name.
"""

from __future__ import annotations

import codecs
import html
import io
import posixpath
import re
import zipfile

_BOMS = ((codecs.BOM_UTF8, None), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_DECLARATION = re.compile(r'^(\s*<\?xml\b[^>]*?\bencoding\s*=\s*)(["\'])([A-Za-z0-9._-]+)\2')
_DECLARED = re.compile(rb'^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["\']([A-Za-z0-9._-]+)["\']')
_RELATIONSHIP = re.compile(rb"<(?:[\w.-]+:)?Relationship\b[^>]*>")
_OVERRIDE = re.compile(rb"<(?:[\w.-]+:)?Override\b[^>]*>")
_XML_SUFFIXES = (".xml", ".rels", ".vml")
CONTENT_TYPES, PACKAGE_RELS, WORKBOOK = "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml"


def _attr(name: bytes) -> re.Pattern[bytes]:
    return re.compile(rb"\b" + name + rb"""\s*=\s*(["'])(.*?)\1""", re.S)


_TARGET, _MODE, _PART_NAME = _attr(b"Target"), _attr(b"TargetMode"), _attr(b"PartName")


def encoding_of(data: bytes) -> str | None:
    """The Python codec an XML part must be decoded with when it is not UTF-8 (None: UTF-8, or an
    encoding this module does not convert, which the reader then refuses as before)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    if data.startswith(b"<\x00?\x00"):
        return "utf-16-le"
    if data.startswith(b"\x00<\x00?"):
        return "utf-16-be"
    declared = _DECLARED.match(data[:200])
    if declared is None:
        return None
    try:
        codec = codecs.lookup(declared.group(1).decode("ascii")).name
    except LookupError:
        return None
    # only encodings that agree with ASCII on the declaration itself (one byte per letter)
    if codec in ("utf-8", "ascii") or codec.startswith(("utf-16", "utf-32", "utf_16", "utf_32")):
        return None
    return codec if b"<?xml".decode(codec, "replace") == "<?xml" else None


def to_utf8(data: bytes, codec: str) -> bytes:
    """``data`` (an XML part in ``codec``) as UTF-8, its declaration saying UTF-8. ValueError when the
    bytes are not in that encoding."""
    text = data.decode(codec)
    text = text.removeprefix("\ufeff")
    text = _DECLARATION.sub(lambda m: m.group(1) + m.group(2) + "UTF-8" + m.group(2), text, count=1)
    return text.encode("utf-8")


_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


def part_key(name: str) -> str:
    """``name`` in the form in which two spellings of one part compare equal.

    OPC compares part names ignoring ASCII case (ECMA-376 part 2, 9.1.1.1), and a part name is a
    URI: its characters may be percent-encoded (``sheet%201.xml``, ``taulukko%C3%A4.xml``) or, as a
    "part IRI" (ISO/IEC 29500-2:2012), written as they are. openpyxl, python-calamine and LibreOffice
    look a part up by the zip item name spelled exactly as the reference; some tools store the
    decoded name, so a relationship's ``%20`` may name the member ``sheet 1.xml``. An encoded slash,
    backslash or percent sign stays encoded (decoding it would change the name's segments)."""
    if "%" in name:
        name = _ESCAPES.sub(_decoded, name)
    return name.lower()


def _decoded(m: re.Match[str]) -> str:
    raw = bytes.fromhex(m.group(0).replace("%", ""))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return m.group(0)  # (not UTF-8: compared as written, ignoring case)
    return "".join("%%%02X" % ord(c) if c in "/\\%" else c for c in text)


def owner_of(rels: str) -> str:
    """The part a relationships part belongs to (``""``: the package)."""
    folder, name = posixpath.split(rels)
    if posixpath.basename(folder).lower() != "_rels" or not name.lower().endswith(".rels"):
        return ""
    return posixpath.join(posixpath.dirname(folder), name[:-len(".rels")])


def resolve(owner: str, target: str) -> str:
    """The part name a relationship target of ``owner`` (``""``: the package) points at. The
    whitespace around a target is no part of it (``Target`` is an xsd:anyURI, whose whitespace the
    schema collapses)."""
    target = target.strip(" \t\r\n")
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(owner), target))


def plain_target(owner: str, part: str, *, absolute: bool = False, dots: bool = True) -> str:
    """The target every reader resolves to ``part`` from ``owner``: relative, without ``.``, empty
    or surrounding whitespace, ``..`` only where needed (with ``dots`` False: an absolute name then);
    or with ``absolute``, the part name after a slash."""
    relative = posixpath.relpath(part, posixpath.dirname(owner) or ".")
    if absolute or (not dots and relative.startswith("../")):
        return "/" + part
    return relative


def rels_of(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


class PartFixer:
    """Fixes one member's bytes at a time for a package whose members are ``names`` (final names:
    a reference is spelled as the member it names, compared ignoring ASCII case)."""

    def __init__(self, names: list[str], *, plain_targets: bool = False):
        """``plain_targets``: a target that would need ``..`` is written as the absolute part name
        (python-calamine does not resolve dot segments; for a reader's copy only)."""
        self.by_key = {part_key(name): name for name in names}
        self.plain_targets = plain_targets

    def fix(self, name: str, data: bytes) -> tuple[bytes, bool]:
        """(the member's bytes in UTF-8 with references re-spelled, whether a reference was
        re-spelled). Bytes in no encoding they claim are given back as they are."""
        if not name.lower().endswith(_XML_SUFFIXES):
            return data, False
        codec = encoding_of(data[:200])
        if codec is not None:
            try:
                data = to_utf8(data, codec)
            except (UnicodeError, ValueError):
                return data, False
        if name.lower().endswith(".rels"):
            fixed = self._rels(owner_of(name), data)
        elif name.lower() == CONTENT_TYPES.lower():
            fixed = self._content_types(data)
        else:
            return data, False
        return fixed, fixed != data

    def _member(self, part: str) -> str | None:
        found = self.by_key.get(part_key(part))
        return found if found is not None and found != part else None

    def _rels(self, owner: str, data: bytes) -> bytes:
        def respell(m: re.Match[bytes]) -> bytes:
            element = m.group(0)
            mode, target = _MODE.search(element), _TARGET.search(element)
            if target is None or (mode is not None and mode.group(2).strip() == b"External"):
                return element
            raw = html.unescape(target.group(2).decode("utf-8", "replace"))
            member = self.by_key.get(part_key(resolve(owner, raw)))
            if member is None:
                return element
            new = plain_target(owner, member, absolute=raw.strip().startswith("/"), dots=not self.plain_targets)
            if raw == new:
                return element
            value = html.escape(new, quote=True).encode("utf-8")
            return element[:target.start(2)] + value + element[target.end(2):]

        return _RELATIONSHIP.sub(respell, data)

    def _content_types(self, data: bytes) -> bytes:
        def respell(m: re.Match[bytes]) -> bytes:
            element = m.group(0)
            found = _PART_NAME.search(element)
            if found is None:
                return element
            member = self._member(html.unescape(found.group(2).decode("utf-8", "replace")).lstrip("/"))
            if member is None:
                return element
            value = html.escape("/" + member, quote=True).encode("utf-8")
            return element[:found.start(2)] + value + element[found.end(2):]

        return _OVERRIDE.sub(respell, data)


_MEMO: list[tuple[bytes, bytes]] = []


def readable(data: bytes, limit: int = 512 << 20) -> bytes:
    """The package ``data`` as every reader here can read it (see the module's docstring); ``data``
    itself when nothing needs changing, or when it is no zip, names a part twice or unpacks beyond
    ``limit`` bytes - the reader's own checks then refuse it with their precise line."""
    if _MEMO and _MEMO[0][0] is data:
        return _MEMO[0][1]
    try:
        result = _readable(data, limit)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, NotImplementedError, KeyError):
        result = data
    except Exception:  # zlib.error and the like: the reader refuses the package itself
        result = data
    _MEMO[:] = [(data, result)]
    return result


#: Parts some reader looks up by this exact name (python-calamine, openpyxl), whatever the
#: relationships say: in a reader's copy they are named so.
_FIXED = (CONTENT_TYPES, PACKAGE_RELS, WORKBOOK, "xl/styles.xml", "xl/sharedStrings.xml", "xl/theme/theme1.xml",
          "docProps/core.xml", "docProps/app.xml")


def _references(name: str, data: bytes) -> list[str]:
    """The parts a relationships part (or the content types) names, resolved (spelled as written)."""
    found = []
    if name.lower() == CONTENT_TYPES.lower():
        for m in _OVERRIDE.finditer(data):
            if (part := _PART_NAME.search(m.group(0))) is not None:
                found.append(html.unescape(part.group(2).decode("utf-8", "replace")).lstrip("/"))
        return found
    owner = owner_of(name)
    for m in _RELATIONSHIP.finditer(data):
        mode, target = _MODE.search(m.group(0)), _TARGET.search(m.group(0))
        if target is None or (mode is not None and mode.group(2).strip() == b"External"):
            continue
        found.append(resolve(owner, html.unescape(target.group(2).decode("utf-8", "replace"))))
    return found


def _final_names(names: list[str], parts: dict[str, bytes]) -> dict[str, str]:
    """Member → the name a reader looks it up by: a fixed name (``_FIXED``), else as the package's
    relationships spell it (the package's and the workbook's first), else as the content types
    do; a relationships part follows its owner's name."""
    keys = {part_key(name): name for name in names}
    spelled: dict[str, str] = {}
    order = sorted(parts, key=lambda n: (n.lower() != PACKAGE_RELS.lower(), "workbook.xml.rels" not in n.lower(),
                                         n.lower() == CONTENT_TYPES.lower(), n))
    for name in order:
        for part in _references(name, parts[name]):
            if part_key(part) in keys:
                spelled.setdefault(part_key(part), part)
    for fixed in _FIXED:
        spelled[fixed.lower()] = fixed
    final = {name: spelled.get(part_key(name), name) for name in names}
    by_key = {part_key(name): new for name, new in final.items()}
    for name in names:
        owner = owner_of(name)
        if name.lower().endswith(".rels") and owner and part_key(owner) in by_key:
            final[name] = rels_of(by_key[part_key(owner)])
    return final


def _readable(data: bytes, limit: int) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        infos = [info for info in package.infolist() if not info.is_dir()]  # (folders name no part)
        names = [info.filename for info in infos]
        if len({part_key(name) for name in names}) != len(names) or any(
                info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or info.flag_bits & 0x1
                for info in infos):
            return data
        if sum(info.file_size for info in infos) > limit:
            return data  # (the reader refuses it as too large)
        parts: dict[str, bytes] = {}  # the relationships, the content types and every part not in UTF-8
        transcoded: set[str] = set()
        budget = limit
        for info in infos:
            name = info.filename
            if not name.lower().endswith(_XML_SUFFIXES):
                continue
            rewrite = name.lower().endswith(".rels") or name.lower() == CONTENT_TYPES.lower()
            with package.open(info) as fh:
                head = fh.read(200)
                codec = encoding_of(head)
                if not rewrite and codec is None:
                    continue
                rest = fh.read(budget + 1)
            budget -= len(head) + len(rest)
            if budget < 0:
                return data
            whole = head + rest
            if codec is not None:
                try:
                    whole = to_utf8(whole, codec)
                    transcoded.add(name)
                except (UnicodeError, ValueError):
                    pass  # the reader refuses the part itself
            parts[name] = whole
        final = _final_names(names, parts)
        fixer = PartFixer(list(final.values()), plain_targets=True)
        changed: dict[str, bytes] = {}
        for name, whole in parts.items():
            fixed, _ = fixer.fix(final[name], whole)
            if fixed != whole or name in transcoded:
                changed[name] = fixed
        if not changed and all(final[n] == n for n in names):
            return data
        out = io.BytesIO()
        budget = limit
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
            for info in infos:
                content = changed.get(info.filename)
                if content is None:
                    with package.open(info) as fh:
                        content = fh.read(budget + 1)
                budget -= len(content)
                if budget < 0:
                    return data
                copy.writestr(final[info.filename], content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
