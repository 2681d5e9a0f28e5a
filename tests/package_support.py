"""Helpers for the package-engine tests: plans as the CLI makes them, a workbook's observable content
through openpyxl (to compare the two engines), schema validation of written parts, and workbooks
holding the content Excel keeps and openpyxl cannot (built in code; raw XML where openpyxl cannot)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import openpyxl

from seuranta_xl.config import load_settings
from seuranta_xl.rollup import compute_rollup
from seuranta_xl.validate import load_report
from seuranta_xl.write import openpyxl_engine
from seuranta_xl.write.actions import Plan, formula_purpose
from seuranta_xl.write.package import Package, apply_plan, read_state
from seuranta_xl.write.planners import clear_plan, dropdowns_plan, findings_for, highlight_plan, rollup_plan, run_plan

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = Path(__file__).parent / "data" / "ooxml"
EXAMPLE = ROOT / "workbook" / "examples" / "seuranta_1-9_2021.xlsx"
ADDIN = ROOT / "seuranta_xl" / "data" / "Seuranta.xlam"
SOFFICE = shutil.which("soffice")
KINDS = ("dropdowns", "rollup", "highlight", "clear", "clear_all", "run")

SCHEMAS = {
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main": "sml.xsd",
    "http://schemas.openxmlformats.org/package/2006/content-types": "opc-contentTypes.xsd",
    "http://schemas.openxmlformats.org/package/2006/relationships": "opc-relationships.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/chart": "dml-chart.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing": "dml-spreadsheetDrawing.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties": "shared-documentPropertiesExtended.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties": "shared-documentPropertiesCustom.xsd",
}


# --- plans, as the command line makes them ----------------------------------------------------


def make_plan(path: Path, kind: str, pkg: Package | None = None) -> Plan:
    """The plan command ``kind`` makes for ``path`` from the package engine's state."""
    settings = load_settings(str(path), None, language="fi")
    report = load_report(str(path), settings=settings)
    state = read_state(pkg or path, report.sheet)
    if kind == "dropdowns":
        return dropdowns_plan(report, settings, state)
    if kind == "rollup":
        return rollup_plan(report, compute_rollup(report), settings, state)
    if kind == "highlight":
        return highlight_plan(report, findings_for(report, settings, state), settings, state)
    if kind in ("clear", "clear_all"):
        return clear_plan(report, settings, state, all=kind == "clear_all")
    return run_plan(report, compute_rollup(report), findings_for(report, settings, state), settings, state)


def apply_kind(src: Path, kind: str, out: Path) -> tuple[Plan, Any]:
    with Package(src) as pkg:
        plan = make_plan(src, kind, pkg)
        return plan, apply_plan(pkg, plan, out)


def apply_openpyxl(src: Path, plan: Plan, out: Path) -> None:
    wb = openpyxl.load_workbook(src, keep_vba=src.suffix == ".xlsm", keep_links=True, rich_text=True)
    openpyxl_engine.apply_plan(wb, plan)
    wb.save(out)


def openpyxl_state(path: Path, sheet: str):
    return openpyxl_engine.read_state(openpyxl.load_workbook(path), sheet)


# --- what a workbook shows ------------------------------------------------------------------------


def _rgb(color) -> str | None:
    return None if color is None or color.rgb is None else str(color.rgb)[-6:].upper()


def summary(path: Path) -> dict[str, Any]:
    """Values, sheet states, names, validations, conditional formats (in order), links, charts."""
    wb = openpyxl.load_workbook(path)
    out: dict[str, Any] = {"sheets": [(ws.title, ws.sheet_state) for ws in wb.worksheets],
                           "names": {n: d.attr_text for n, d in wb.defined_names.items()}}
    for ws in wb.worksheets:
        values = {c.coordinate: getattr(c.value, "text", c.value) for row in ws.iter_rows() for c in row
                  if c.value is not None}  # an array formula by its text
        dvs = sorted((str(dv.sqref), dv.type, dv.formula1, dv.errorStyle, dv.prompt, dv.error)
                     for dv in ws.data_validations.dataValidation)
        rules = []
        for cf in ws.conditional_formatting:
            for rule in sorted(cf.rules, key=lambda r: r.priority):
                dxf = rule.dxf
                fill = _rgb(dxf.fill.bgColor) if dxf is not None and dxf.fill is not None else None
                font = _rgb(dxf.font.color) if dxf is not None and dxf.font is not None else None
                rules.append((str(cf.sqref), tuple(rule.formula or ()), fill, font, bool(rule.stopIfTrue)))
        own_order = sorted((r.priority, formula_purpose((r.formula or [""])[0])) for cf in ws.conditional_formatting
                           for r in cf.rules)
        links = {c.coordinate: c.hyperlink.location for row in ws.iter_rows() for c in row if c.hyperlink}
        plain = lambda ref: ref.replace("$", "") if ref else ref  # noqa: E731  ($B$35 and B35 are one cell)
        charts = [(type(ch).__name__, getattr(ch, "type", None), getattr(ch, "grouping", None),
                   [(plain(s.tx.strRef.f if s.tx and s.tx.strRef else None),
                     plain(s.cat.strRef.f if s.cat and s.cat.strRef else (s.cat.numRef.f if s.cat and s.cat.numRef else None)),
                     plain(s.val.numRef.f)) for s in ch.series])
                  for ch in ws._charts]
        bold = sorted(c.coordinate for row in ws.iter_rows() for c in row if c.value is not None and c.font and c.font.b)
        formats = sorted((c.coordinate, c.number_format) for row in ws.iter_rows() for c in row
                         if c.value is not None and c.number_format != "General")
        out[ws.title] = {"values": values, "validations": dvs, "formats": rules,
                         "priorities": [p for _, p in own_order], "links": links, "charts": charts, "bold": bold,
                         "number_formats": formats, "freeze": ws.freeze_panes,
                         "widths": {k: d.width for k, d in ws.column_dimensions.items() if d.customWidth}}
    return out


# --- schemas ---------------------------------------------------------------------------------------


@lru_cache(maxsize=None)
def _schema(name: str):
    import xmlschema

    return xmlschema.XMLSchema(str(SCHEMA_DIR / name))


def schema_errors(path: Path, parts: list[str]) -> list[str]:
    """Schema errors in ``parts`` of the package (parts in a namespace without a schema here are skipped)."""
    from xml.etree.ElementTree import fromstring

    errors = []
    with zipfile.ZipFile(path) as z:
        for name in parts:
            if not name.endswith((".xml", ".rels")):
                continue
            data = z.read(name)
            ns = fromstring(data).tag[1:].split("}")[0]
            if ns not in SCHEMAS:
                continue
            for e in _schema(SCHEMAS[ns]).iter_errors(data.decode("utf-8")):
                if "{http://www.w3.org/XML/1998/namespace}space" not in str(e.reason):
                    errors.append(f"{name}: {e.reason} (at {e.path})")
    return errors


# --- comparing packages --------------------------------------------------------------------------


def rows_by_code(ws, first_row: int = 14) -> dict[str, int]:
    """Code → row in a report sheet read back with openpyxl (the deepest code on the row, as the
    parser reads it), from ``first_row`` (the bundled report's first data row) down."""
    found = {}
    for row in ws.iter_rows(min_row=first_row):
        for cell in row[:3]:
            if isinstance(cell.value, str) and cell.value[:1].isdigit():
                found[cell.value.split(" ")[0]] = cell.row
    return found


def raw_records(path: Path) -> dict[str, bytes]:
    """Each member's local record as stored (header, compressed data), by name."""
    data = path.read_bytes()
    with zipfile.ZipFile(path) as z:
        infos = sorted(z.infolist(), key=lambda i: i.header_offset)
        ends = [i.header_offset for i in infos[1:]] + [z.start_dir]
        return {i.filename: data[i.header_offset:end] for i, end in zip(infos, ends)}


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def changed_members(src: Path, out: Path) -> set[str]:
    """Members whose bytes differ, were added or were removed."""
    a, b = members(src), members(out)
    return {n for n in set(a) | set(b) if a.get(n) != b.get(n)}


# --- building workbooks with content openpyxl cannot carry ------------------------------------------


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2b1e6b30000000049454e44ae426082")


def _zip_edit(path: Path, out: Path, edits: dict[str, Any], adds: dict[str, bytes]) -> Path:
    """Rewrite ``path`` into ``out``: ``edits[name](text) -> text`` on members, ``adds`` new members."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename in edits:
                data = edits[info.filename](data.decode("utf-8")).encode("utf-8")
            dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
        for name, data in adds.items():
            dst.writestr(name, data)
    return out


def _insert_before(text: str, names: list[str], xml: str) -> str:
    """Insert ``xml`` before the first of the elements ``names`` present (else before the root's end)."""
    for name in names:
        m = re.search(rf"<(?:\w+:)?{name}[\s/>]", text)
        if m:
            return text[:m.start()] + xml + text[m.start():]
    end = text.rindex("</")
    return text[:end] + xml + text[end:]


def rich_workbook(base: Path, out: Path, *, macros: bool = False) -> tuple[Path, dict[str, Any]]:
    """``base`` with a comment, a chart, a picture, a staff rule and validation, a person's formula
    (with its saved result) in a goal's Kokonais-tilanne, a spill formula with ``cm`` and
    ``xl/metadata.xml``, ``<fileSharing>``, a custom view, a protected range, a sensitivity label and,
    with ``macros``, a VBA project (.xlsm). Returns the path and facts the tests check."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.comments import Comment
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    settings = load_settings(str(base), None, language="fi")
    report = load_report(str(base), settings=settings)
    goal = next(g for g in compute_rollup(report).goals if g.level == "council" and g.computed is not None)
    status_col = report.columns["status"]
    formula_cell = f"{status_col}{goal.row}"
    spill_col = openpyxl.utils.get_column_letter(max(openpyxl.load_workbook(base)[report.sheet].max_column, 8) + 3)

    wb = openpyxl.load_workbook(base)
    ws = wb[report.sheet]
    ws["A3"].comment = Comment("Tarkista luvut ennen valtuustoa", "Kunta")
    ws[formula_cell] = "=3+0.5"
    ws[f"{spill_col}2"] = 1
    ws[f"{spill_col}3"] = 2
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=6, min_row=14, max_row=20))
    ws.add_chart(chart, "M2")
    ws.conditional_formatting.add("G14:G40", CellIsRule(operator="equal", formula=['"kesken"'],
                                                        fill=PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")))
    dv = DataValidation(type="whole", operator="between", formula1="1", formula2="9")
    dv.add("B1:B2")
    ws.add_data_validation(dv)
    other = wb.create_sheet("Ohjeet", 0)
    other["A1"] = "Ohjeet raportin täyttämiseen"
    wb.active = 1
    scratch = out.with_suffix(".tmp.xlsx")
    wb.save(scratch)

    with zipfile.ZipFile(scratch) as z:
        sheet_part = _part_of(z, report.sheet)
        other_part = _part_of(z, "Ohjeet")
    vba = {}
    if macros:
        with zipfile.ZipFile(ADDIN) as addin:
            vba["xl/vbaProject.bin"] = addin.read("xl/vbaProject.bin")

    def sheet(text: str) -> str:
        # the person's formula keeps its saved result; the spill formula gets its cm and values
        text, n = re.subn(rf'<c r="{formula_cell}"([^>]*)><f>3\+0\.5</f>(?:<v\s*/>|<v></v>)?</c>',
                          rf'<c r="{formula_cell}"\1><f>3+0.5</f><v>3.5</v></c>', text)
        assert n == 1, "the formula cell was not found"
        text = re.sub(rf'<c r="{spill_col}2"[^>]*>.*?</c>',
                      f'<c r="{spill_col}2" cm="1"><f t="array" ref="{spill_col}2:{spill_col}3">SEQUENCE(2)</f><v>1</v></c>', text)
        text = _insert_before(text, ["scenarios", "autoFilter", "sortState", "dataConsolidate", "customSheetViews",
                                     "mergeCells", "phoneticPr", "conditionalFormatting"],
                              '<protectedRanges><protectedRange sqref="A1:B2" name="Otsikko"/></protectedRanges>')
        text = _insert_before(text, ["mergeCells", "phoneticPr", "conditionalFormatting"],
                              '<customSheetViews><customSheetView guid="{6C1F1A44-0F6B-4B8A-9E51-3E6E5B0F7A11}" '
                              'scale="90"><pane ySplit="13" topLeftCell="A14" activePane="bottomLeft" state="frozen"/>'
                              '<selection pane="bottomLeft" activeCell="A14" sqref="A14"/><pageMargins left="0.7" '
                              'right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></customSheetView>'
                              "</customSheetViews>")
        return text

    def other_sheet(text: str) -> str:
        return _insert_before(text, ["legacyDrawing", "tableParts", "extLst"], '<drawing r:id="rIdPic"/>').replace(
            "<worksheet ", '<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ', 1) \
            if 'xmlns:r=' not in text else _insert_before(text, ["legacyDrawing", "tableParts", "extLst"], '<drawing r:id="rIdPic"/>')

    def workbook(text: str) -> str:
        text = _insert_before(text, ["workbookPr", "workbookProtection", "bookViews"],
                              '<fileSharing readOnlyRecommended="1" userName="Kunta"/>')
        return _insert_before(text, ["pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing", "fileRecoveryPr",
                                     "webPublishObjects", "extLst"],
                              '<customWorkbookViews><customWorkbookView name="Oma näkymä" '
                              'guid="{6C1F1A44-0F6B-4B8A-9E51-3E6E5B0F7A11}" windowWidth="1200" windowHeight="800" '
                              'activeSheetId="2"/></customWorkbookViews>')

    def wb_rels(text: str) -> str:
        extra = ('<Relationship Id="rIdMeta" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                 'relationships/sheetMetadata" Target="metadata.xml"/>')
        if macros:
            extra += ('<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/'
                      'vbaProject" Target="vbaProject.bin"/>')
        return text.replace("</Relationships>", extra + "</Relationships>")

    def root_rels(text: str) -> str:
        return text.replace("</Relationships>", '<Relationship Id="rIdLabel" Type="http://schemas.microsoft.com/office/'
                            '2020/02/relationships/classificationlabels" Target="docMetadata/LabelInfo.xml"/>'
                            "</Relationships>")

    def content_types(text: str) -> str:
        extra = ('<Override PartName="/xl/metadata.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                 'spreadsheetml.sheetMetadata+xml"/><Override PartName="/docMetadata/LabelInfo.xml" '
                 'ContentType="application/vnd.ms-office.classificationlabels+xml"/>'
                 '<Override PartName="/xl/drawings/drawing9.xml" ContentType="application/vnd.openxmlformats-'
                 'officedocument.drawing+xml"/><Default Extension="png" ContentType="image/png"/>')
        if macros:
            extra += '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
            text = text.replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                                "application/vnd.ms-excel.sheet.macroEnabled.main+xml")
        return text.replace("</Types>", extra + "</Types>")

    folder, name = other_part.rsplit("/", 1)
    adds = {
        "xl/metadata.xml": METADATA.encode(),
        "docMetadata/LabelInfo.xml": LABEL.encode(),
        "xl/media/image9.png": PNG,
        "xl/drawings/drawing9.xml": PICTURE_DRAWING.encode(),
        "xl/drawings/_rels/drawing9.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/image" Target="../media/image9.png"/>'
            "</Relationships>").encode(),
        f"{folder}/_rels/{name}.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rIdPic" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing9.xml"/>'
            "</Relationships>").encode(),
        **vba,
    }
    target = out.with_suffix(".xlsm" if macros else ".xlsx")
    _zip_edit(scratch, target, {sheet_part: sheet, other_part: other_sheet, "xl/workbook.xml": workbook,
                                "xl/_rels/workbook.xml.rels": wb_rels, "_rels/.rels": root_rels,
                                "[Content_Types].xml": content_types}, adds)
    scratch.unlink()
    return target, {"sheet": report.sheet, "formula_cell": formula_cell, "spill": f"{spill_col}2",
                    "sheet_part": sheet_part}


def _part_of(z: zipfile.ZipFile, sheet: str) -> str:
    wbx = z.read("xl/workbook.xml").decode()
    rid = re.search(rf'<sheet [^>]*name="{re.escape(sheet)}"[^>]*r:id="(\w+)"', wbx).group(1)
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    target = re.search(rf'<Relationship[^>]*Id="{rid}"[^>]*/>', rels).group(0)
    target = re.search(r'Target="([^"]+)"', target).group(1)
    return target.lstrip("/") if target.startswith("/") else "xl/" + target


METADATA = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray">'
    '<metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" '
    'pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" '
    'coerce="1" cellMeta="1"/></metadataTypes><futureMetadata name="XLDAPR" count="1"><bk><extLst>'
    '<ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/>'
    '</ext></extLst></bk></futureMetadata><cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>')
LABEL = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<clbl:labelList xmlns:clbl="http://schemas.microsoft.com/office/2020/mipLabelMetadata">'
    '<clbl:label id="{3a8b2c1d-0000-4000-8000-000000000001}" enabled="1" method="Standard" '
    'siteId="{3a8b2c1d-0000-4000-8000-000000000002}" removed="0"/></clbl:labelList>')
PICTURE_DRAWING = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<xdr:oneCellAnchor><xdr:from><xdr:col>2</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>2</xdr:row>'
    '<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="952500" cy="952500"/><xdr:pic><xdr:nvPicPr>'
    '<xdr:cNvPr id="2" name="Logo"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId1"/>'
    '<a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
    '</xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>')


# --- LibreOffice -----------------------------------------------------------------------------------


def soffice_convert(paths: list[Path], folder: Path, fmt: str = "xlsx") -> list[Path]:
    """Convert ``paths`` with LibreOffice headless (one process); returns the converted files."""
    folder.mkdir(parents=True, exist_ok=True)
    profile = folder / "lo-profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", fmt,
                    "--outdir", str(folder), *map(str, paths)], check=True, capture_output=True, timeout=300)
    return [folder / (p.stem + "." + fmt) for p in paths]
