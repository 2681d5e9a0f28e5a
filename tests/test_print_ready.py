"""Print-ready workbooks (issue 12): the report sheets' page setup (A4 landscape, one page wide, the
header row on every page, the data as print area) only where the person has none of their own, and
removed again by ``clear --all``; the template made print-ready by ``new``; the chart's red-to-green
palette for grades 1-5 in every engine; and a LibreOffice rendering of the bundled report."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

import package_support as S
from conftest import seed_rows, two_row_header_xlsx, write_rows_xlsx
from seuranta_xl.commands import run_command
from seuranta_xl.write.actions import GRADE_PALETTE
from seuranta_xl.write.file_workbook import FileWorkbook

LAST_DATA_ROW = 86  # the seed's last data row; 200 margin rows below it get dropdowns and print


def _sheet_part(path: Path, sheet: str) -> str:
    """The worksheet part of ``sheet`` (by the workbook's relationships)."""
    with zipfile.ZipFile(path) as z:
        wb = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet [^>]*name="{re.escape(sheet)}"[^>]*r:id="([^"]+)"', wb)[1]
    target = re.search(rf'<Relationship [^>]*Id="{rid}"[^>]*Target="([^"]+)"', rels) or \
        re.search(rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{rid}"', rels)
    return "xl/" + target[1].lstrip("/").removeprefix("xl/")


def _xml(path: Path, part: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(part).decode()


def _print_names(path: Path, local: str = "0") -> dict[str, tuple[str | None, str]]:
    """The built-in print names local to the sheet at position ``local`` (the report sheet)."""
    found = re.findall(r'<definedName name="(_xlnm\.[A-Za-z_]+)"(?: localSheetId="(\d+)")?>([^<]*)</definedName>',
                       _xml(path, "xl/workbook.xml"))
    return {name: (where or None, text) for name, where, text in found if where == local}


def _print_records(path: Path) -> list:
    """The page-setup entries of our record (beside the lists on Listat, or its own sheet)."""
    from seuranta_xl.write.actions import Manifest, lists_layout

    wb = openpyxl.load_workbook(path)
    if "_seuranta" in wb.sheetnames:
        manifest = Manifest.from_rows([list(r) for r in wb["_seuranta"].iter_rows(values_only=True)])
    else:
        manifest = lists_layout([list(r) for r in wb["Listat"].iter_rows(values_only=True)]).manifest
    return manifest.of("print")


def _run(src: Path, out: Path, command: str = "run", **options) -> None:
    from seuranta_xl.commands import Options

    run_command(FileWorkbook(src, output=out, force=True), command, Options(**options))


@pytest.fixture
def seed(tmp_path) -> Path:
    return write_rows_xlsx(seed_rows(), tmp_path / "seed.xlsx", sheet="Raportti")


def test_run_makes_the_report_sheet_print_ready(seed, tmp_path):
    out = tmp_path / "out.xlsx"
    _run(seed, out)
    ws = openpyxl.load_workbook(out)["Raportti"]
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0
    assert ws.print_title_rows == "$13:$13"
    assert ws.print_area == f"'Raportti'!$A$1:$H${LAST_DATA_ROW + 200}" or \
        ws.print_area == f"Raportti!$A$1:$H${LAST_DATA_ROW + 200}"
    # the names are local to the report sheet (its position), as Excel writes them
    names = _print_names(out)
    assert names["_xlnm.Print_Titles"] == ("0", "Raportti!$13:$13")
    assert names["_xlnm.Print_Area"] == ("0", f"Raportti!$A$1:$H${LAST_DATA_ROW + 200}")
    # schema order: sheetPr/pageSetUpPr first; pageMargins, pageSetup, then what follows them
    part = _xml(out, _sheet_part(out, "Raportti"))
    assert re.search(r'<worksheet[^>]*><sheetPr>(?:<[^>]*>)*<pageSetUpPr fitToPage="1"\s*/></sheetPr><dimension', part)
    assert part.index("<dataValidations") < part.index("<pageMargins") < part.index("<pageSetup ")
    assert S.schema_errors(out, [_sheet_part(out, "Raportti"), "xl/workbook.xml"]) == []
    # the helper column (ours, a checking aid) is not printed
    assert "I13" not in ws.print_area


def test_a_two_row_header_repeats_both_rows(tmp_path):
    from seuranta_xl.write.actions import PageSetup

    path = two_row_header_xlsx(tmp_path / "two_rows.xlsx")
    out, again, cleared = tmp_path / "out.xlsx", tmp_path / "again.xlsx", tmp_path / "cleared.xlsx"
    _run(path, out)
    ws = openpyxl.load_workbook(out)["Raportti"]
    assert ws.print_title_rows == "$12:$13"
    assert _print_names(out)["_xlnm.Print_Titles"] == ("0", "Raportti!$12:$13")
    assert ws.print_area.endswith(f"$A$1:$H${LAST_DATA_ROW + 200}")
    assert S.schema_errors(out, [_sheet_part(out, "Raportti"), "xl/workbook.xml"]) == []
    # the openpyxl engine follows the same plan
    setup, = [a for a in S.make_plan(path, "run").actions if isinstance(a, PageSetup)]
    assert setup.print_titles == "$12:$13"
    redone = tmp_path / "openpyxl.xlsx"
    S.apply_openpyxl(path, S.make_plan(path, "run"), redone)
    assert openpyxl.load_workbook(redone)["Raportti"].print_title_rows == "$12:$13"
    # a second run changes nothing; clear --all takes them away
    _run(out, again)
    assert _print_names(again) == _print_names(out) and len(_print_records(again)) == 1
    _run(again, cleared, "clear", all=True)
    assert not openpyxl.load_workbook(cleared)["Raportti"].print_title_rows


def test_a_two_row_header_printed_by_an_earlier_release_gets_both_rows(tmp_path, monkeypatch):
    """An earlier release repeated only the lower row: that page setup is still ours, and the next
    run repeats both rows."""
    from seuranta_xl.write import planners

    path = two_row_header_xlsx(tmp_path / "two_rows.xlsx")
    before, after = tmp_path / "before.xlsx", tmp_path / "after.xlsx"
    ranges = planners._print_ranges
    with monkeypatch.context() as m:
        m.setattr(planners, "_print_ranges",
                  lambda report, settings, state: (ranges(report, settings, state)[0], f"${report.header_row}:${report.header_row}"))
        _run(path, before)
    assert openpyxl.load_workbook(before)["Raportti"].print_title_rows == "$13:$13"
    _run(before, after)
    assert openpyxl.load_workbook(after)["Raportti"].print_title_rows == "$12:$13"
    assert len(_print_records(after)) == 1


def test_dropdowns_and_a_second_run_keep_one_page_setup(seed, tmp_path):
    once, twice = tmp_path / "once.xlsx", tmp_path / "twice.xlsx"
    _run(seed, once, "dropdowns")
    assert openpyxl.load_workbook(once)["Raportti"].page_setup.orientation == "landscape"
    _run(once, twice)
    _run(twice, tmp_path / "thrice.xlsx")
    assert _print_names(twice) == _print_names(tmp_path / "thrice.xlsx")
    assert _xml(twice, _sheet_part(twice, "Raportti")) == _xml(tmp_path / "thrice.xlsx",
                                                                _sheet_part(tmp_path / "thrice.xlsx", "Raportti"))
    assert len(_print_records(twice)) == 1


def _persons_setup(path: Path, how: str) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb["Raportti"]
    if how == "print_area":
        ws.print_area = "A13:H40"
    elif how == "print_titles":
        ws.print_title_rows = "12:13"
    elif how == "landscape":
        ws.page_setup.orientation = "landscape"
    elif how == "fit":
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 2, 3
    wb.save(path)


@pytest.mark.parametrize("how", ["print_area", "print_titles", "landscape", "fit"])
def test_a_persons_own_page_setup_is_left_alone(seed, tmp_path, how):
    _persons_setup(seed, how)
    part = _sheet_part(seed, "Raportti")
    before = re.search(r"<pageMargins.*?(?=<(?:drawing|legacyDrawing|tableParts|extLst)|</worksheet>)", _xml(seed, part))[0]
    out, cleared = tmp_path / "out.xlsx", tmp_path / "cleared.xlsx"
    _run(seed, out)
    after = re.search(r"<pageMargins.*?(?=<(?:drawing|legacyDrawing|tableParts|extLst)|</worksheet>)", _xml(out, part))[0]
    assert after == before
    assert _print_names(out) == _print_names(seed)
    assert re.search(r"<sheetPr>.*?</sheetPr>", _xml(out, part))[0] == re.search(r"<sheetPr>.*?</sheetPr>", _xml(seed, part))[0]
    assert not _print_records(out)
    _run(out, cleared, "clear", all=True)
    assert _print_names(cleared) == _print_names(seed)


def test_clear_all_removes_exactly_what_we_added(tmp_path):
    """A sheet whose page setup Excel wrote with its defaults (portrait, Letter, printer settings)
    gets landscape and fitting; ``clear --all`` gives back those very bytes."""
    src = write_rows_xlsx(seed_rows(), tmp_path / "src.xlsx", sheet="Raportti")
    part = _sheet_part(src, "Raportti")
    original = _xml(src, part)
    excel_like = re.sub(r"<pageMargins[^>]*/>", lambda m: m[0] + '<pageSetup paperSize="1" orientation="portrait" '
                        'horizontalDpi="300" verticalDpi="300"/>', original)
    assert excel_like != original
    book = tmp_path / "book.xlsx"
    S.repack(src, book, {part: excel_like.encode()}) if hasattr(S, "repack") else _repack(src, book, part, excel_like)
    out, cleared = tmp_path / "out.xlsx", tmp_path / "cleared.xlsx"
    _run(book, out)
    setup = re.search(r"<pageSetup [^>]*/>", _xml(out, part))[0]
    assert 'orientation="landscape"' in setup and 'paperSize="1"' in setup  # their paper stays
    assert 'fitToWidth="1"' in setup and 'fitToHeight="0"' in setup
    _run(out, cleared, "clear", all=True)
    assert _xml(cleared, part) == excel_like
    assert _print_names(cleared) == {}


def _without_sheet_pr(xml: str) -> str:  # as Excel writes a sheet with nothing in <sheetPr>
    return re.sub(r"<sheetPr>.*?</sheetPr>", "", xml)


def _code_name_only(xml: str) -> str:  # a sheet with a VBA code name and nothing else
    return re.sub(r"<sheetPr>.*?</sheetPr>", '<sheetPr codeName="Taul1"/>', xml)


def _libreoffice_defaults(xml: str) -> str:  # LibreOffice writes the defaults out
    xml = re.sub(r"<pageSetUpPr\s*/>", '<pageSetUpPr fitToPage="false"/>', xml)
    return re.sub(r"(<pageMargins[^>]*/>)", r'\1<pageSetup paperSize="9" scale="100" fitToWidth="1" '
                  r'fitToHeight="1" pageOrder="downThenOver" orientation="portrait"/>', xml)


@pytest.mark.parametrize("written_as", [_without_sheet_pr, _code_name_only, _libreoffice_defaults])
def test_clear_all_gives_back_the_fitting_as_it_was_written(tmp_path, written_as):
    """However the fitting was written before us - no ``<sheetPr>`` at all, a self-closing one, or
    LibreOffice's explicit defaults (``fitToPage="false"``, ``fitToWidth="1" fitToHeight="1"``) -
    ``clear --all`` after ``run`` (twice) gives back the report sheet's very bytes."""
    src = write_rows_xlsx(seed_rows(), tmp_path / "src.xlsx", sheet="Raportti")
    part = _sheet_part(src, "Raportti")
    written = written_as(_xml(src, part))
    assert written != _xml(src, part)
    book = tmp_path / "book.xlsx"
    _repack(src, book, part, written)
    out, cleared = tmp_path / "out.xlsx", tmp_path / "cleared.xlsx"
    _run(book, out)
    assert 'fitToPage="1"' in _xml(out, part) and 'fitToHeight="0"' in _xml(out, part)
    again = tmp_path / "again.xlsx"
    _run(out, again, "run")
    _run(again, cleared, "clear", all=True)
    assert _xml(cleared, part) == written


def _repack(src: Path, dst: Path, part: str, text: str) -> None:
    from conftest import repack

    repack(src, dst, {part: text.encode()})


def test_a_page_setup_changed_after_our_run_is_theirs(seed, tmp_path):
    ran, changed, again, cleared = (tmp_path / f"{n}.xlsx" for n in ("ran", "changed", "again", "cleared"))
    _run(seed, ran)
    wb = openpyxl.load_workbook(ran)
    wb["Raportti"].print_area = "A1:E50"
    wb.save(changed)
    _run(changed, again)
    assert openpyxl.load_workbook(again)["Raportti"].print_area.endswith("$A$1:$E$50")
    assert not _print_records(again)
    _run(again, cleared, "clear", all=True)
    assert openpyxl.load_workbook(cleared)["Raportti"].print_area.endswith("$A$1:$E$50")


def test_new_makes_a_print_ready_template(run_cli, tmp_path):
    out = tmp_path / "pohja.xlsx"
    code, _out, _err = run_cli("new", out)
    assert code == 0
    ws = openpyxl.load_workbook(out)["Seuranta"]
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and int(ws.page_setup.fitToWidth) == 1
    assert ws.print_title_rows == "$13:$13" and ws.print_area.endswith("!$A$1:$H$214")
    assert S.schema_errors(out, [_sheet_part(out, "Seuranta"), "xl/workbook.xml"]) == []
    # filled in, a run moves the print area (ours) with the rows; clear --all takes it away
    wb = openpyxl.load_workbook(out)
    for r, row in enumerate(seed_rows()[13:], start=14):
        for c, value in enumerate(row, start=1):
            if value:
                wb["Seuranta"].cell(r, c, value)
    wb.save(out)
    ran, cleared = tmp_path / "ran.xlsx", tmp_path / "cleared.xlsx"
    code, _out, _err = run_cli("run", out, "-o", ran)
    assert code == 0
    assert openpyxl.load_workbook(ran)["Seuranta"].print_area.endswith(f"!$A$1:$H${LAST_DATA_ROW + 200}")
    code, _out, _err = run_cli("clear", ran, "--all", "-o", cleared)
    ws = openpyxl.load_workbook(cleared)["Seuranta"]
    assert code == 0 and not ws.print_area and not ws.print_title_rows and ws.page_setup.orientation != "landscape"


def _series_fills(chart_xml: str) -> list[str]:
    fills = []
    for ser in re.findall(r"<c:ser>.*?</c:ser>", chart_xml, re.S):
        fill = re.search(r"<c:spPr><a:solidFill><a:srgbClr val=\"([0-9A-F]{6})\"", ser)
        fills.append(fill[1] if fill else None)
    return fills


def test_the_chart_runs_red_to_green_in_both_file_engines(seed, tmp_path):
    out = tmp_path / "out.xlsx"
    _run(seed, out)
    with zipfile.ZipFile(out) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        assert _series_fills(z.read(charts[0]).decode()) == list(GRADE_PALETTE)
    assert S.schema_errors(out, charts) == []
    # the openpyxl engine (the templates' engine) draws the same plan with the same colours
    plan = S.make_plan(seed, "run")
    redone = tmp_path / "openpyxl.xlsx"
    S.apply_openpyxl(seed, plan, redone)
    chart = openpyxl.load_workbook(redone)["Yhteenveto"]._charts[0]
    fills = [s.graphicalProperties.solidFill.srgbClr for s in chart.series]
    assert [getattr(f, "val", f) for f in fills] == list(GRADE_PALETTE)
    assert GRADE_PALETTE[0] == "C00000" and GRADE_PALETTE[-1] == "548235"  # 1 red ... 5 green


# --- LibreOffice: the printout ------------------------------------------------------------------


def _pdf_pages(pdf: bytes) -> list[tuple[float, float, bool]]:
    """(width, height in points, holds links) of each page of a PDF: LibreOffice writes its page
    objects uncompressed, so the page count and sizes are read without a PDF library."""
    pages = []
    for match in re.finditer(rb"/Type\s*/Page\b(?!s).*?(?=endobj)", pdf, re.S):
        box = re.search(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", match[0])
        size = (float(box[3]) - float(box[1]), float(box[4]) - float(box[2])) if box else (0.0, 0.0)
        pages.append((*size, b"/Annots" in match[0]))
    return pages


def _only_sheet(src: Path, keep: str, dst: Path) -> Path:
    """``src`` with ``keep`` as its only sheet: LibreOffice prints a sheet's print ranges even when
    the sheet is hidden, so the others go."""
    wb = openpyxl.load_workbook(src)
    for ws in list(wb.worksheets):
        if ws.title != keep:
            wb.remove(ws)
    wb.save(dst)
    return dst


A4_LANDSCAPE = (841.9, 595.3)


def _a4_landscape(pages) -> bool:
    return all(abs(w - A4_LANDSCAPE[0]) < 2 and abs(h - A4_LANDSCAPE[1]) < 2 for w, h, _links in pages)


@pytest.mark.skipif(S.SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_prints_the_summary_and_the_report_as_meant(run_cli, tmp_path):
    """The bundled report after ``run -o``, rendered to PDF by LibreOffice: the summary sheet's table
    on one A4 landscape page and its chart on another, and the report sheet one page wide (its
    columns never split over pages: far fewer pages than the same sheet without our page setup)."""
    out, plain = tmp_path / "tarkistettu.xlsx", tmp_path / "plain.xlsx"
    code, _o, _e = run_cli("run", S.EXAMPLE, "-o", out)
    assert code == 0
    code, _o, _e = run_cli("clear", out, "--all", "-o", plain)
    assert code == 0
    books = [_only_sheet(out, "Yhteenveto", tmp_path / "summary.xlsx"),
             _only_sheet(out, "Seuranta", tmp_path / "report.xlsx"),
             _only_sheet(plain, "Seuranta", tmp_path / "report_plain.xlsx")]
    summary, report, report_plain = (_pdf_pages(p.read_bytes()) for p in S.soffice_convert(books, tmp_path / "pdf", "pdf"))
    # the table (its goals link to their rows) on the first page, the chart alone on the second
    assert [links for _w, _h, links in summary] == [True, False], summary
    assert _a4_landscape(summary) and _a4_landscape(report), (summary, report)
    assert 1 <= len(report) <= 3 and 3 * len(report) <= len(report_plain), (report, report_plain)
