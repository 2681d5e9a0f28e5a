"""Property tests: random grids never crash the parser, the validator, the rollup or the readers.

Grids mix well-formed and malformed codes, grades typed every way (ints, floats, text, labels),
empty cells, unicode and very long texts, with the header at a random row and in a random order.
"""

from __future__ import annotations

import math

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from seuranta_xl.errors import InputError
from seuranta_xl.grades import DEFAULT_SCALE
from seuranta_xl.grid import Grid
from seuranta_xl.header import FIELDS, TITLES, find_header
from seuranta_xl.parse import build_report
from seuranta_xl.files.reader import read_grids
from seuranta_xl.rollup import compute_rollup
from seuranta_xl.settings import Settings
from seuranta_xl.validate import check

SETTINGS = Settings()
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

two = st.integers(0, 99).map(lambda n: f"{n:02d}")
names = st.text(min_size=0, max_size=30)
well_formed = st.one_of(
    st.builds(lambda a, n: f"{a}. {n}", two, names),
    st.builds(lambda a, b, n: f"{a}.{b} {n}", two, two, names),
    st.builds(lambda a, b, c, n: f"{a}.{b}.{c} {n}", two, two, two, names),
)
malformed = st.sampled_from([
    "1.", "01", "1.5", "01.5.1", "01.05.01.07", ".05", "01,05 Pilkku", "01..05", "01.05.", "0x1.2",
    "01.05.01x", "99.99.99", "00.", "１２.０５", "01 .05", "01.05 01", "-01.", "01.-5",
])
labels = st.sampled_from([f"{k} {v}" for k, v in DEFAULT_SCALE.items()] + list(DEFAULT_SCALE.values()))
grades = st.one_of(
    st.integers(-10, 10), st.floats(allow_nan=True, allow_infinity=True), labels,
    st.builds(lambda n, s: f" {n} {s} ", st.integers(0, 9), names), st.booleans(),
)
long_text = st.builds(lambda ch, n: ch * n, st.characters(), st.integers(1000, 40_000))
anything = st.one_of(st.none(), st.just(""), well_formed, malformed, grades, names, long_text)


@st.composite
def grids(draw, with_header: bool | None = None) -> Grid:
    width = draw(st.integers(1, 12))
    n_rows = draw(st.integers(0, 25))
    rows = [[draw(anything) for _ in range(draw(st.integers(0, width)))] for _ in range(n_rows)]
    if with_header is None:
        with_header = draw(st.booleans())
    if with_header:
        fields = draw(st.permutations(list(FIELDS)))
        keep = draw(st.integers(3, len(fields)))
        offset = draw(st.integers(0, 4))
        header = [None] * offset + [TITLES[f] for f in fields[:keep]]
        at = draw(st.integers(0, len(rows)))
        rows.insert(at, header)
    return Grid(source="<hypothesis>", sheet="S", rows=rows)


def _run_all(grid: Grid) -> None:
    header = find_header(grid)
    try:
        report = build_report(grid, SETTINGS.scale, "fi")
    except InputError as exc:
        # only a grid without a header, or a header with nothing below it, is unusable
        assert header is None or "ei yhtään riviä" in exc.message, exc
        return
    assert header is not None
    assert all(header[0] < row.row <= len(grid.rows) for row in report.rows)
    for finding in check(report, SETTINGS):
        assert finding.severity in ("error", "warning", "info")
        assert finding.row is None or 1 <= finding.row <= len(grid.rows)
    rollup = compute_rollup(report)
    for goal in rollup.goals:
        assert goal.computed is None or (1 <= goal.computed <= 5 and not math.isnan(goal.computed))
        assert goal.graded <= goal.actions


@FAST
@given(grids())
def test_random_grids_never_crash(grid):
    _run_all(grid)


@FAST
@given(grids(with_header=True))
def test_random_grids_with_header(grid):
    _run_all(grid)


text_cells = st.one_of(st.just(""), well_formed, malformed, labels, st.integers(-3, 9).map(str),
                       st.text(max_size=40), long_text)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(text_cells, max_size=9), max_size=15), at=st.integers(0, 15),
       delimiter=st.sampled_from(["\t", ";", ","]), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_random_text_exports_read_back(tmp_path_factory, rows, at, delimiter, encoding):
    """Through a real file: the reader decodes, splits and parses whatever a text export holds."""
    import csv
    import io

    rows = [list(r) for r in rows]
    rows.insert(min(at, len(rows)), [TITLES[f] for f in FIELDS])
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path = tmp_path_factory.mktemp("p") / "satunnainen.txt"
    path.write_bytes(out.getvalue().encode(encoding))
    try:
        grid = next(read_grids(path))
    except InputError as exc:
        # a file of only whitespace-free control text may not look like text; never a crash
        assert exc.source == str(path)
        return
    _run_all(grid)


# --- run then clear restores the workbook exactly (the openpyxl engine of the write commands) ------

_GRADE_CHOICES = st.one_of(st.none(), st.integers(0, 7), labels, st.sampled_from(["", "kesken", "3,5", "=1+1"]))
_FILLS = st.sampled_from(["FFFF00", "C6EFCE", "1F4E78", "FFC7CE"])


@st.composite
def user_edits(draw) -> list[tuple]:
    """What staff do to their workbook: change grades and texts, format cells, write beside the table."""
    edits = []
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(st.sampled_from(["grade", "text", "fill", "font", "format", "beside", "width"]))
        row = draw(st.integers(14, 90))
        if kind == "grade":
            edits.append((kind, row, draw(_GRADE_CHOICES)))
        elif kind == "text":
            edits.append((kind, row, draw(st.integers(1, 8)), draw(st.text(max_size=60).filter(_xml_ok))))
        elif kind in ("fill", "font", "format"):
            edits.append((kind, row, draw(st.integers(1, 10)), draw(_FILLS)))
        elif kind == "beside":
            edits.append((kind, row, draw(st.integers(9, 12)), draw(st.text(min_size=1, max_size=20).filter(_xml_ok))))
        else:
            edits.append((kind, 0, draw(st.integers(1, 10)), draw(st.integers(5, 60))))
    return edits


def _xml_ok(text: str) -> bool:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return not ILLEGAL_CHARACTERS_RE.search(text) and not text.startswith("=")


def _edited_workbook(seed_xlsx, path, edits):
    import openpyxl
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = openpyxl.load_workbook(seed_xlsx)
    ws = wb.active
    for edit in edits:
        kind, row = edit[0], edit[1]
        if kind == "grade":
            ws.cell(row=row, column=6, value=edit[2] if edit[2] != "" else None)
        elif kind == "text":
            ws.cell(row=row, column=edit[2], value=edit[3] or None)
        elif kind == "fill":
            ws.cell(row=row, column=edit[2]).fill = PatternFill("solid", start_color=edit[3], end_color=edit[3])
        elif kind == "font":
            ws.cell(row=row, column=edit[2]).font = Font(bold=True, color=edit[3])
        elif kind == "format":
            ws.cell(row=row, column=edit[2]).number_format = "0.0"
        elif kind == "beside":
            ws.cell(row=row, column=edit[2], value=edit[3])
        else:
            ws.column_dimensions[get_column_letter(edit[2])].width = edit[3]
    wb.save(path)
    return path


# No shrinking: each example costs two engine passes; the falsifying edits are printed as drawn.
@settings(max_examples=4, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(edits=user_edits())
def test_run_then_clear_restores_random_workbooks(tmp_path_factory, edits):
    from conftest import seed_rows, write_rows_xlsx
    from test_openpyxl_engine import apply, cells_snapshot

    d = tmp_path_factory.mktemp("rc")
    seed = write_rows_xlsx(seed_rows(), d / "seed.xlsx")
    original = _edited_workbook(seed, d / "omat.xlsx", edits)
    try:
        once = apply(original, d / "run.xlsx", "run")
    except InputError:
        return  # edits that leave no report (e.g. every code overwritten) are not this property's case
    cleared = apply(once, d / "clear.xlsx", "clear", all=True)
    assert cells_snapshot(cleared) == cells_snapshot(original)
