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

The ribbon part is then added with :mod:`zipfile`, and the whole package is
rewritten with fixed timestamps and a fixed entry order so that the same
sources give the same bytes (a reproducible build that can be diffed/hashed).

Library code here never prints; the CLI (``seuranta_xl.cli.addin``) does.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path
from xml.etree import ElementTree as ET

__all__ = [
    "ADDIN_FILENAME",
    "AddinError",
    "CUSTOMUI_NS",
    "CUSTOMUI_PART",
    "RIBBON_REL_TYPE",
    "build_addin",
    "default_source_dir",
    "install_addin",
    "xlstart_dir",
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

_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
# Earliest date a zip entry can carry; any fixed value makes the build repeatable.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
# The blank template's Module1 is empty; we replace it with our own module.
_TEMPLATE_MODULE = "Module1"


class AddinError(Exception):
    """A problem the user can fix (missing sources, bad ribbon XML...).

    ``str(error)`` is a one-line message for the CLI.
    """


# --- messages ----------------------------------------------------------------------

_MESSAGES: dict[str, dict[str, str]] = {
    "fi": {
        "installed": (
            "Lisäosa {name} kopioitiin Excelin käynnistyskansioon {target}. "
            "Käynnistä Excel uudelleen, niin välilehti Seuranta tulee näkyviin. "
            "Painikkeet tarvitsevat myös xlwings-apuohjelman: aja kerran "
            "`xlwings addin install`{mac_hint}."
        ),
        "mac_hint": " (macOS:ssä myös `xlwings runpython install`)",
        "no_excel": (
            "Excel ei ole käytettävissä tässä ympäristössä ({platform}), joten lisäosaa ei asennettu. "
            "Rakennettu lisäosa on tiedostossa {built}. Kopioi se Windows- tai macOS-koneelle "
            "ja lisää se Excelissä (Tiedosto > Asetukset > Apuohjelmat > Siirry > Selaa) "
            "tai aja siellä `seuranta-xl addin install`."
        ),
        "missing_source": "lisäosan lähdetiedosto puuttuu: {path}",
        "bad_xml": "ribbon-XML ei ole kelvollista ({path}): {error}",
        "bad_bas": "VBA-moduuli {path} ei ole ASCII-tekstiä (rivi {line}); katso selitys tiedoston alusta",
        "bad_name": "VBA-moduulin {path} ensimmäisen rivin pitää olla Attribute VB_Name = \"{name}\"",
        "missing_sub": "ribbonin onAction {callback} ei vastaa mitään Public Sub -aliohjelmaa tiedostossa {path}",
        "no_pyopenvba": (
            "lisäosan rakentaminen tarvitsee pyOpenVBA-paketin: "
            "pip install \"seuranta-xl[addin]\" (pyOpenVBA==6.5.0)"
        ),
    },
    "en": {
        "installed": (
            "Copied the add-in {name} to Excel's startup folder {target}. "
            "Restart Excel and the Seuranta tab appears. The buttons also need the "
            "xlwings add-in: run `xlwings addin install` once{mac_hint}."
        ),
        "mac_hint": " (on macOS also `xlwings runpython install`)",
        "no_excel": (
            "Excel is not available here ({platform}), so the add-in was not installed. "
            "The built add-in is {built}. Copy it to a Windows or macOS machine and add it "
            "in Excel (File > Options > Add-ins > Go > Browse) or run "
            "`seuranta-xl addin install` there."
        ),
        "missing_source": "add-in source file is missing: {path}",
        "bad_xml": "ribbon XML is not valid ({path}): {error}",
        "bad_bas": "VBA module {path} is not ASCII (line {line}); see the note at the top of the file",
        "bad_name": "the first line of VBA module {path} must be Attribute VB_Name = \"{name}\"",
        "missing_sub": "ribbon onAction {callback} has no matching Public Sub in {path}",
        "no_pyopenvba": (
            "building the add-in needs the pyOpenVBA package: "
            "pip install \"seuranta-xl[addin]\" (pyOpenVBA==6.5.0)"
        ),
    },
}


def _msg(lang: str, key: str, **values: object) -> str:
    table = _MESSAGES.get(lang, _MESSAGES["fi"])
    return table[key].format(**values)


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
                lang: str = "fi") -> Path:
    """Build ``Seuranta.xlam`` at ``out_path`` (overwritten) and return its path.

    Same sources and same pinned pyOpenVBA -> same bytes.
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

    parts[CUSTOMUI_PART] = ribbon
    parts["_rels/.rels"] = _with_ribbon_relationship(parts["_rels/.rels"])
    parts["[Content_Types].xml"] = _checked_content_types(parts["[Content_Types].xml"])
    parts["docProps/core.xml"] = _core_properties()

    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(_zip_bytes(parts))
    return out


def _with_ribbon_relationship(rels_xml: bytes) -> bytes:
    """Add the package-level relationship that tells Office where the ribbon is.

    Plain text insertion keeps Excel's own bytes for the rest of the part.
    """
    if RIBBON_REL_TYPE.encode() in rels_xml:
        raise AddinError("_rels/.rels of the template already has a ribbon relationship")
    rel = (f'<Relationship Id="{RIBBON_REL_ID}" Type="{RIBBON_REL_TYPE}" '
           f'Target="{CUSTOMUI_PART}"/>').encode()
    closing = b"</Relationships>"
    if rels_xml.count(closing) != 1:
        raise AddinError("_rels/.rels of the template is not a relationships part")
    return rels_xml.replace(closing, rel + closing)


def _checked_content_types(ct_xml: bytes) -> bytes:
    """Check that the template types the workbook part as a macro-enabled add-in.

    The customUI part needs no entry of its own: Office stores it under the
    ``xml`` default (application/xml), and the VBA project under the ``bin``
    default.  A different template (a pyOpenVBA upgrade) fails loudly here.
    """
    root = ET.fromstring(ct_xml)
    overrides = {e.get("PartName"): e.get("ContentType") for e in root.findall(f"{{{_CT_NS}}}Override")}
    defaults = {e.get("Extension"): e.get("ContentType") for e in root.findall(f"{{{_CT_NS}}}Default")}
    if (overrides.get("/xl/workbook.xml") != ADDIN_MAIN_TYPE
            or defaults.get("xml") != "application/xml"
            or defaults.get("bin") != VBA_PROJECT_TYPE):
        raise AddinError("[Content_Types].xml of the pyOpenVBA template is not that of a macro-enabled add-in")
    return ct_xml


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


# --- install -----------------------------------------------------------------------


def xlstart_dir(platform: str | None = None, *, environ: Mapping[str, str] | None = None,
                home: str | os.PathLike[str] | None = None) -> Path | None:
    """The folder Excel loads add-ins from at start, or None where there is no Excel.

    Windows: ``%APPDATA%\\Microsoft\\Excel\\XLSTART`` (Excel's ``Application.StartupPath``).
    macOS (Office 2016+, sandboxed): the user-content Startup folder below.  xlwings'
    ``xlwings addin install`` asks the running Excel for ``app.startup_path`` and copies
    there; these are the values Excel answers, so we get the same place without
    starting Excel.
    """
    platform = sys.platform if platform is None else platform
    environ = os.environ if environ is None else environ
    home_dir = Path(home) if home is not None else Path.home()
    if platform.startswith("win"):
        appdata = environ.get("APPDATA") or str(home_dir / "AppData" / "Roaming")
        return Path(appdata) / "Microsoft" / "Excel" / "XLSTART"
    if platform == "darwin":
        return (home_dir / "Library" / "Group Containers" / "UBF8T346G9.Office"
                / "User Content.localized" / "Startup.localized" / "Excel")
    return None


def _default_build_path(environ: Mapping[str, str], home: Path) -> Path:
    """Where ``install`` leaves the built file on a machine without Excel."""
    cache = environ.get("XDG_CACHE_HOME") or str(home / ".cache")
    return Path(cache) / "seuranta-xl" / ADDIN_FILENAME


def install_addin(*, lang: str = "fi", platform: str | None = None,
                  environ: Mapping[str, str] | None = None,
                  home: str | os.PathLike[str] | None = None,
                  source_dir: str | os.PathLike[str] | None = None) -> str:
    """Copy the add-in to Excel's XLSTART folder; return what was done.

    The add-in is the packaged build (PACKAGED_ADDIN), or built from ``source_dir`` when one
    is given. Where Excel does not run (Linux), nothing is installed: the add-in is put
    into the user's cache folder and the message says where it is.
    ``platform``/``environ``/``home`` default to this machine; tests pass their own.
    """
    platform = sys.platform if platform is None else platform
    environ = os.environ if environ is None else environ
    home_dir = Path(home) if home is not None else Path.home()
    target_dir = xlstart_dir(platform, environ=environ, home=home_dir)

    def put(target: Path) -> Path:
        target.parent.mkdir(parents=True, exist_ok=True)
        if source_dir is not None:
            with tempfile.TemporaryDirectory(prefix="seuranta-addin-") as tmp:
                built = build_addin(Path(tmp) / ADDIN_FILENAME, source_dir=source_dir, lang=lang)
                shutil.copyfile(built, target)
        else:
            # Excel holds a lock on a loaded add-in; copy fails then and the CLI reports it.
            shutil.copyfile(PACKAGED_ADDIN, target)
        return target

    if target_dir is None:
        built = put(_default_build_path(environ, home_dir))
        return _msg(lang, "no_excel", platform=platform, built=built)

    put(target_dir / ADDIN_FILENAME)
    mac_hint = _msg(lang, "mac_hint") if platform == "darwin" else ""
    return _msg(lang, "installed", name=ADDIN_FILENAME, target=target_dir, mac_hint=mac_hint)
