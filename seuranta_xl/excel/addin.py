"""Build and install the Excel ribbon add-in ``Seuranta.xlam``.

The add-in is built on any OS (Linux included) from the text sources in
``workbook/addin/``:

* ``Seuranta.bas`` -- one VBA module of ribbon callbacks; each one calls the
  official xlwings add-in (``xlwings.xlam!RunPython``), so no xlwings VBA is
  copied into our file;
* ``customUI14.xml`` -- the ribbon tab "Seuranta" (Office 2010+ customUI).

Why pyOpenVBA: writing a VBA project (MS-OVBA inside an MS-CFB container)
that Excel opens without a repair prompt is hard to get right; pyOpenVBA
(pinned in the ``addin`` extra) does it and keeps module text exact.  Its
``ExcelFile.create_new("x.xlam")`` starts from a blank add-in that Excel
itself saved (shipped inside the pyOpenVBA wheel as
``_templates/blank_files/blank_excel_addin.xlam``), which is the
"Excel-saved base" the build needs -- so we do not borrow xlwings' own
``.xlam`` (which would carry xlwings' VBA).  The ``ms-ovba`` package is not
used: it corrupts modules larger than about 1 KB.

After pyOpenVBA, the build fixes two things Excel reads:

* the ``VBA/_VBA_PROJECT`` stream becomes the 7-byte form ``CC 61 FF FF 00 01 00``.
  pyOpenVBA keeps the template's version (0x00B5, current 64-bit Microsoft 365)
  and zeroes its 2,537-byte performance cache; MS-OVBA §2.3.4.1 says a writer
  stores version 0xFFFF and no cache, and an Excel whose own version matches
  the stream's would trust the (zeroed) compiled cache over the source.  With
  0xFFFF every Excel compiles the module from its source, as it does for
  xlwings' own add-in and for LibreOffice's VBA export;
* the package version is stored as the custom document property
  ``SeurantaVersion`` (``docProps/custom.xml``), which the VBA passes to the
  Tietoja button and ``addin doctor`` compares with the installed package.

The ribbon part is then added with :mod:`zipfile`, and the whole package is
rewritten with fixed timestamps and a fixed entry order so that the same
sources give the same bytes (a reproducible build that can be diffed/hashed).

Library code here never prints; the CLI (``seuranta_xl.cli.addin``) does.
Installing for a user is :mod:`seuranta_xl.excel.install`.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape

from defusedxml import ElementTree as SafeET

from .. import __version__
from ..messages import t

__all__ = [
    "ADDIN_FILENAME",
    "AddinError",
    "CUSTOMUI_NS",
    "CUSTOMUI_PART",
    "PACKAGED_ADDIN",
    "RIBBON_REL_TYPE",
    "VBA_PROJECT_STREAM",
    "VERSION_PROPERTY",
    "addin_version",
    "build_addin",
    "default_source_dir",
]

ADDIN_FILENAME = "Seuranta.xlam"
#: Name of the VBA module; must match ``Attribute VB_Name`` in Seuranta.bas.
VBA_MODULE = "Seuranta"
BAS_FILENAME = "Seuranta.bas"
CUSTOMUI_FILENAME = "customUI14.xml"

CUSTOMUI_NS = "http://schemas.microsoft.com/office/2009/07/customui"
CUSTOMUI_PART = "customUI/customUI14.xml"
RIBBON_REL_TYPE = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
ADDIN_MAIN_TYPE = "application/vnd.ms-excel.addin.macroEnabled.main+xml"
VBA_PROJECT_TYPE = "application/vnd.ms-office.vbaProject"
#: Relationship id of the ribbon part; fixed (not random) for reproducibility.
RIBBON_REL_ID = "rIdSeurantaRibbon"

#: MS-OVBA §2.3.4.1: Reserved1 0x61CC, Version 0xFFFF, Reserved2 0x00, Reserved3 0x0001; no cache.
VBA_PROJECT_STREAM = bytes.fromhex("cc61ffff000100")
#: Custom document property holding the package version the add-in was built from.
VERSION_PROPERTY = "SeurantaVersion"
CUSTOM_PROPS_PART = "docProps/custom.xml"
CUSTOM_PROPS_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_PROPS_REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
CUSTOM_PROPS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
#: Relationship id of the custom properties part; fixed for reproducibility.
CUSTOM_PROPS_REL_ID = "rIdSeurantaVersion"
_VBA_PART = "xl/vbaProject.bin"

_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
# Earliest date a zip entry can carry; any fixed value makes the build repeatable.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
# The blank template's Module1 is empty; we replace it with our own module.
_TEMPLATE_MODULE = "Module1"


class AddinError(Exception):
    """A problem the user can fix (missing sources, bad ribbon XML...).

    ``str(error)`` is a one-line message for the CLI.
    """


def _msg(lang: str, key: str, **values: object) -> str:
    return t(f"addin_{key}", lang, **values)


# --- sources -----------------------------------------------------------------------


#: The add-in as built from ``workbook/addin/`` by ``seuranta-xl build-examples``, shipped inside the
#: package so that ``addin install`` works from an installed wheel, without the sources or pyOpenVBA.
#: A test rebuilds it and compares bytes, so it is never stale.
PACKAGED_ADDIN = Path(__file__).resolve().parent.parent / "data" / "Seuranta.xlam"


def default_source_dir() -> Path:
    """``workbook/addin/`` of the source checkout this module lives in.

    The add-in sources are kept beside the workbook, not inside the Python
    package, so the build runs from a checkout (as IT does).
    """
    return Path(__file__).resolve().parents[2] / "workbook" / "addin"


def _read_sources(source_dir: Path, lang: str) -> tuple[str, bytes]:
    """The VBA module text (CRLF line ends, as VBA stores it) and the ribbon XML bytes."""
    bas_path = source_dir / BAS_FILENAME
    xml_path = source_dir / CUSTOMUI_FILENAME
    for path in (bas_path, xml_path):
        if not path.is_file():
            raise AddinError(_msg(lang, "missing_source", path=path))

    raw = bas_path.read_bytes()
    try:
        text = raw.decode("ascii")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise AddinError(_msg(lang, "bad_bas", path=bas_path, line=line)) from None
    # Git keeps the file with LF line ends; the VBA editor stores CRLF.
    lines = text.replace("\r\n", "\n").split("\n")
    if lines[0].strip() != f'Attribute VB_Name = "{VBA_MODULE}"':
        raise AddinError(_msg(lang, "bad_name", path=bas_path, name=VBA_MODULE))
    source = "\r\n".join(lines)

    ribbon = xml_path.read_bytes()
    try:
        root = ET.fromstring(ribbon)
    except ET.ParseError as exc:
        raise AddinError(_msg(lang, "bad_xml", path=xml_path, error=exc)) from None
    if root.tag != f"{{{CUSTOMUI_NS}}}customUI":
        raise AddinError(_msg(lang, "bad_xml", path=xml_path, error=f"root must be customUI in {CUSTOMUI_NS}"))
    # A button whose Sub is missing only fails when clicked in Excel: refuse to build instead.
    subs = {name.lower() for name in public_subs(source)}
    for element in root.iter():
        callback = element.get("onAction")
        if callback and callback.lower() not in subs:
            raise AddinError(_msg(lang, "missing_sub", callback=callback, path=bas_path))
    return source, ribbon


def public_subs(vba_source: str) -> list[str]:
    """Names of the ``Public Sub`` procedures of a VBA module (used to match onAction)."""
    names = []
    for line in vba_source.splitlines():
        words = line.split()
        if len(words) >= 3 and words[0].lower() == "public" and words[1].lower() == "sub":
            names.append(words[2].split("(")[0])
    return names


# --- build -------------------------------------------------------------------------


def build_addin(out_path: str | os.PathLike[str], *, source_dir: str | os.PathLike[str] | None = None,
                lang: str = "fi", version: str = __version__) -> Path:
    """Build ``Seuranta.xlam`` at ``out_path`` (overwritten) and return its path.

    Same sources, version and pinned pyOpenVBA -> same bytes.
    Raises :class:`AddinError` (message in ``lang``) for a problem in the sources.
    """
    source, ribbon = _read_sources(Path(source_dir) if source_dir else default_source_dir(), lang)
    try:
        from pyopenvba import ExcelFile  # lazy: only the build needs it
    except ImportError:
        raise AddinError(_msg(lang, "no_pyopenvba")) from None

    out = Path(out_path)
    with tempfile.TemporaryDirectory(prefix="seuranta-addin-") as tmp:
        base = Path(tmp) / ADDIN_FILENAME
        # The Excel-saved blank add-in shipped in pyOpenVBA; see the module docstring.
        with ExcelFile.create_new(base) as book:
            project = book.vba_project()
            if _TEMPLATE_MODULE in project.module_names():
                project.delete_module(_TEMPLATE_MODULE)
            project.add_module(VBA_MODULE, source)
            book.save()
        with zipfile.ZipFile(base) as package:
            parts = {name: package.read(name) for name in package.namelist()}

    parts[_VBA_PART] = _without_performance_cache(parts[_VBA_PART])
    parts[CUSTOMUI_PART] = ribbon
    parts[CUSTOM_PROPS_PART] = _custom_properties(version)
    parts["_rels/.rels"] = _with_package_relationships(parts["_rels/.rels"])
    parts["[Content_Types].xml"] = _content_types(parts["[Content_Types].xml"])
    parts["docProps/core.xml"] = _core_properties()

    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(_zip_bytes(parts))
    return out


def _without_performance_cache(vba_project_bin: bytes) -> bytes:
    """The VBA project with ``VBA/_VBA_PROJECT`` in the 7-byte form (see the module docstring).

    pyOpenVBA's own compound-file writer rewrites the container, so the stream may shrink.
    The module streams keep the template's compiled caches, as xlwings' add-in does: with
    version 0xFFFF Excel ignores them (MS-OVBA §2.3.4.3) and compiles the source.
    """
    from pyopenvba.cfb import CFB

    cfb = CFB.from_bytes(vba_project_bin)
    if cfb.get_stream_in_storage("VBA", "_VBA_PROJECT")[:2] != VBA_PROJECT_STREAM[:2]:
        raise AddinError(t("addin_bad_template", "en", part="VBA/_VBA_PROJECT"))
    cfb.write_stream_in_storage("VBA", "_VBA_PROJECT", VBA_PROJECT_STREAM)
    return cfb.to_bytes()


def _custom_properties(version: str) -> bytes:
    """``docProps/custom.xml`` with the package version (read in VBA as a CustomDocumentProperty)."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        f'<Properties xmlns="{CUSTOM_PROPS_NS}" xmlns:vt="{_VT_NS}">'
        # The format id every custom property carries (ECMA-376 Part 1, 22.3.2.2).
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="{VERSION_PROPERTY}">'
        f"<vt:lpwstr>{escape(version)}</vt:lpwstr></property></Properties>"
    ).encode("utf-8")


def addin_version(path: str | os.PathLike[str]) -> str | None:
    """The ``SeurantaVersion`` an add-in file was built with, or None (not ours, older, unreadable)."""
    try:
        with zipfile.ZipFile(path) as package:
            root = SafeET.fromstring(package.read(CUSTOM_PROPS_PART))
    except (OSError, KeyError, zipfile.BadZipFile, ET.ParseError, ValueError):
        return None
    for prop in root.iter(f"{{{CUSTOM_PROPS_NS}}}property"):
        if prop.get("name") == VERSION_PROPERTY:
            value = prop.find(f"{{{_VT_NS}}}lpwstr")
            return value.text if value is not None else None
    return None


def _with_package_relationships(rels_xml: bytes) -> bytes:
    """Add the package-level relationships to the ribbon and to the custom properties.

    Plain text insertion keeps Excel's own bytes for the rest of the part.
    """
    for rel_type in (RIBBON_REL_TYPE, CUSTOM_PROPS_REL_TYPE):
        if rel_type.encode() in rels_xml:
            raise AddinError(t("addin_bad_template", "en", part="_rels/.rels"))
    rels = (f'<Relationship Id="{RIBBON_REL_ID}" Type="{RIBBON_REL_TYPE}" Target="{CUSTOMUI_PART}"/>'
            f'<Relationship Id="{CUSTOM_PROPS_REL_ID}" Type="{CUSTOM_PROPS_REL_TYPE}" '
            f'Target="{CUSTOM_PROPS_PART}"/>').encode()
    closing = b"</Relationships>"
    if rels_xml.count(closing) != 1:
        raise AddinError(t("addin_bad_template", "en", part="_rels/.rels"))
    return rels_xml.replace(closing, rels + closing)


def _content_types(ct_xml: bytes) -> bytes:
    """Check that the template types the workbook part as a macro-enabled add-in; type docProps/custom.xml.

    The customUI part needs no entry of its own: Office stores it under the
    ``xml`` default (application/xml), and the VBA project under the ``bin``
    default.  A different template (a pyOpenVBA upgrade) fails loudly here.
    """
    root = ET.fromstring(ct_xml)
    overrides = {e.get("PartName"): e.get("ContentType") for e in root.findall(f"{{{_CT_NS}}}Override")}
    defaults = {e.get("Extension"): e.get("ContentType") for e in root.findall(f"{{{_CT_NS}}}Default")}
    if (overrides.get("/xl/workbook.xml") != ADDIN_MAIN_TYPE
            or defaults.get("xml") != "application/xml"
            or defaults.get("bin") != VBA_PROJECT_TYPE
            or f"/{CUSTOM_PROPS_PART}" in overrides):
        raise AddinError(t("addin_bad_template", "en", part="[Content_Types].xml"))
    override = f'<Override PartName="/{CUSTOM_PROPS_PART}" ContentType="{CUSTOM_PROPS_TYPE}"/>'.encode()
    closing = b"</Types>"
    return ct_xml.replace(closing, override + closing)


def _core_properties() -> bytes:
    """Title and description shown in Excel's Add-ins dialog; no dates, so builds repeat."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        '<cp:coreProperties'
        ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<dc:title>Seuranta</dc:title>"
        "<dc:description>Seuranta-välilehti: strategian seurantaraportin tarkistus ja yhteenveto"
        " (seuranta-xl, xlwings).</dc:description>"
        "<dc:creator>seuranta-xl</dc:creator>"
        "</cp:coreProperties>"
    ).encode("utf-8")


def _zip_bytes(parts: Mapping[str, bytes]) -> bytes:
    """A zip with fixed timestamps/attributes and [Content_Types].xml first, then sorted names."""
    names = sorted(parts, key=lambda name: (name != "[Content_Types].xml", name))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # ZipInfo defaults to the host OS; fix it for repeatable bytes
            info.external_attr = 0
            package.writestr(info, parts[name], compresslevel=6)
    return buffer.getvalue()
