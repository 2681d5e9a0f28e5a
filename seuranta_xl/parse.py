"""From a sheet's values to a Report: header, rows, items and their hierarchy (by code, not by column)."""

from __future__ import annotations

import bisect
import datetime
import re
from typing import Any, Callable

from . import collector
from .codes import LEVEL_DEPTH, ParsedCode, parent_code, parse_code
from .errors import InputError
from .grades import DEFAULT_SCALE, Grade, grade_parser
from .grid import Grid, column_letter
from .header import FIELDS, NAME_FIELDS, FieldName, extra_titles, field_of, find_header_rows, find_title
from .model import DataRow, Item, Report
from .numfmt import format_number


def _text(value: Any) -> str | None:
    if value is None or value.__class__ is str:  # most cells: returned as they are, without a str() call
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime.datetime, datetime.date)):
        return _date_text(value)
    return str(value)


def _date_text(value: "datetime.date") -> str:
    """A date in a text column (Eteneminen ``30.9.2025``: done on that day) as Finnish Excel shows
    it by default, not as Python prints it (``2025-09-30 00:00:00``); a time of day after it."""
    text = f"{value.day}.{value.month}.{value.year}"
    if isinstance(value, datetime.datetime) and (value.hour or value.minute or value.second):
        text += f" {value.hour}:{value.minute:02d}"
    return text


def header_missing(grid: Grid, lang: str, titles: "dict | None" = None) -> InputError:
    """The error for a sheet without a usable header: what the closest row had, and what it lacked."""
    from .header import NAME_FIELDS, TITLES, closest_header

    closest = closest_header(grid, titles)
    if closest is None:
        return InputError.of(grid.source, "no_header", lang, sheet=grid.sheet)
    row, found = closest
    missing = ["grade"] if "grade" not in found else []
    if not any(n in found for n in NAME_FIELDS):
        missing.append("action")
    missing += [f for f in ("progress", "responsible") if f not in found and len(found) + len(missing) < 3]
    return InputError.of(grid.source, "no_header_partly", lang, sheet=grid.sheet, row=row,
                         found=", ".join(TITLES[f] for f in found), missing=", ".join(TITLES[f] for f in missing))


def build_report(grid: Grid, scale: dict[int, str] = DEFAULT_SCALE, lang: str = "fi", *,
                 allow_empty: bool = False, titles: "dict | None" = None) -> Report:
    """Parse one sheet into a Report. Raises InputError when the sheet has no report header, or no
    rows unless ``allow_empty`` (a blank template being prepared)."""
    with collector.held():
        return _build_report(grid, scale, lang, allow_empty, titles)


def _build_report(grid: Grid, scale: dict[int, str], lang: str, allow_empty: bool = False,
                  titles: "dict | None" = None) -> Report:
    found = find_header_rows(grid, titles)
    if found is None:
        raise header_missing(grid, lang, titles)
    header_top, header_row, columns = found
    title, period = find_title(grid, header_top)
    letters = {name: column_letter(col) for name, col in columns.items()}
    report = Report(source=grid.source, sheet=grid.sheet, title=title, period=period,
                    header_row=header_row, columns=letters, notes=list(grid.notes),
                    header_rows=header_row - header_top + 1)

    # (field, 0-based column, letter) once per sheet, not once per cell
    mapped = [(name, columns[name], letters[name]) for name in FIELDS if name in columns]
    grade_of = grade_parser(scale)
    rows, items = report.rows, report.items
    last_row = 0
    code_col = columns.get("code")
    names = [(name, columns[name], letters[name]) for name in NAME_FIELDS if name in columns]
    blanks: list[int] = []  # sheet rows left blank, in order
    numbered: dict[int, str] = {}  # rows whose code is a number with one decimal (1.1: or 1.10?)
    extra = extra_titles(titles)
    first_name = min(names, key=lambda n: n[1])[0] if names else None  # the table's leftmost name column
    maybe_titles: list[tuple[int, int]] = []  # (index in rows, depth of its column): see _is_banner
    shown = _shown_codes(grid, code_col, header_row) if code_col is not None else {}
    for row_no, values in enumerate(grid.rows[header_row:], header_row + 1):
        data_row = _read_row(values, row_no, mapped)
        if code_col is not None and _code_from_column(data_row, values, code_col, names, shown.get(row_no)):
            numbered[row_no] = f"{values[code_col]:g}"
        if not data_row.cells:  # blank row
            blanks.append(row_no)
            continue
        last_row = row_no
        rows.append(data_row)
        _add_items(data_row, grade_of, items)
        # (only rows without a code: no second parse)
        if not data_row.codes:
            banner = _is_banner(data_row, first_name)
            if banner is True or _is_summary_row(data_row) or _is_header_again(values, extra):
                rows.pop()
            elif banner is not False:
                maybe_titles.append((len(rows) - 1, banner))
    report.last_row = last_row
    if maybe_titles:
        _drop_titles_before_blocks(rows, maybe_titles)
    _drop_notes_below(rows, blanks)

    if numbered:
        _read_numbers(report, numbered)
    _link_hierarchy(report)
    if not report.rows and not allow_empty:
        raise InputError.of(grid.source, "no_rows", lang, sheet=grid.sheet)
    return report


#: A subtotal row under a block ("Yhteensä", "Keskiarvo", "Totalt", "Medeltal"): the sheet's own
#: arithmetic, not a goal or an action - read as neither, and its number is no grade.
_SUMMARY = re.compile(r"^\s*(?:kaikki\s+)?(?:yhteensä|yht\.|keskiarvo|summa|totalt|medeltal|medelvärde|"
                      r"total|average)(?![\wåäö])", re.I)


def _is_summary_row(row: DataRow) -> bool:
    """Whether a row without a code is a subtotal: a name cell that says so."""
    return any(isinstance(value, str) and _SUMMARY.match(value) for _field, _letter, value in row.stray)


def _is_banner(row: DataRow, first_name: FieldName | None) -> bool | int:
    """Whether a row without a code is a section title inside the table (``STRATEGIA-ALUE 1:
    ELINVOIMA``, ``Hyvinvointi``): one text cell and nothing else - no grade, progress, risk or
    responsible - standing in the table's first name column (where a title merged across the
    columns keeps its text), or in any name column when written in capitals: True. Such a text in
    another name column may be a title or a name whose code is missing: the depth of its column
    (0 council, 1 annual, 2 action) is returned, and the rows after it decide
    (:func:`_drop_titles_before_blocks`). False: not a title."""
    if len(row.cells) != 1:
        return False
    (field, (_letter, value)), = row.cells.items()
    if not isinstance(value, str) or field not in NAME_FIELDS:
        return False
    if field == first_name or (value.isupper() and any(ch.isalpha() for ch in value)):
        return True
    return LEVEL_DEPTH[field]


def _drop_titles_before_blocks(rows: list[DataRow], candidates: list[tuple[int, int]]) -> None:
    """The lone texts of :func:`_is_banner` that head a block are section titles, not rows: the next
    row with a code begins above the text's level (``Palvelut`` in Vuositavoite before ``02.``), or at
    it when that is a goal's (``Palvelut`` in Vuositavoite before ``02.01``: an annual goal without
    its code would have its actions after it). A text among actions (the next code an action's, in
    Toimenpide), or with no code after it, is still a row without a code (H107) - or a note below
    the table (:func:`_drop_notes_below`)."""
    depth_at = dict(candidates)
    drop = set()
    level = None  # the level of the next row with a code (one pass from the end)
    for index in range(len(rows) - 1, candidates[0][0] - 1, -1):
        codes = rows[index].codes
        if codes:
            level = min(code.count(".") for code in codes)
        elif index in depth_at and level is not None:
            depth = depth_at[index]
            if level < depth or (level == depth and depth < LEVEL_DEPTH["action"]):
                drop.add(index)
    if drop:
        rows[:] = [row for k, row in enumerate(rows) if k not in drop]


def _is_header_again(values: list[Any], extra: dict) -> bool:
    """Whether a row without a code repeats the header (a report pasted together from several
    sheets or printed pages): three cells or more that are column titles (of three fields, as
    :func:`~seuranta_xl.header.map_header` counts them)."""
    texts = [value for value in values if isinstance(value, str) and value.strip()]  # (no title else)
    found = set()
    for left, value in enumerate(texts):
        # Stop when the cells left cannot make three: trying a long progress text as a title costs
        # ~30 µs, and a row whose first cells are no titles seldom gets that far.
        if len(found) + len(texts) - left < 3:
            return False
        field = field_of(value, extra)
        if field is not None:
            found.add(field)
            if len(found) == 3:
                return True
    return False


def _drop_notes_below(rows: list[DataRow], blanks: list[int]) -> None:
    """Notes under the table ("Huom. …", "Lähde: …"): the rows after the last coded row, below a
    blank row, each of one text cell only. A row there with a grade, a responsible or two cells is
    still a row of the report (an action whose code is missing: H107)."""
    end = len(rows)
    while end and not rows[end - 1].codes and _one_text_cell(rows[end - 1]):
        end -= 1
    if end in (0, len(rows)):  # no notes, or no table above them (then they are its rows)
        return
    above = rows[end - 1].row
    gap = bisect.bisect_left(blanks, rows[end].row) - bisect.bisect_right(blanks, above)
    if gap > 0:  # a blank row between the table and the first note
        del rows[end:]


def _one_text_cell(row: DataRow) -> bool:
    return len(row.cells) == 1 and isinstance(next(iter(row.cells.values()))[1], str)


def _read_row(values: list[Any], row_no: int, mapped: list[tuple[FieldName, int, str]]) -> DataRow:
    cells: dict[FieldName, tuple[str, Any]] = {}
    width = len(values)
    for name, col, letter in mapped:
        if col < width:
            value = values[col]
            if isinstance(value, str):  # empty strings are empty cells; text is stripped
                value = value.strip()
                if value:
                    cells[name] = (letter, value)
            elif value is not None:
                cells[name] = (letter, value)
    return DataRow(row_no, cells)


def _shown_codes(grid: Grid, col: int, header_row: int) -> dict[int, str]:
    """Row → the code as Excel shows it, for the numbers in the code column whose cell has a number
    format (``1.1`` under ``0.00`` is ``1.10``; ``1`` under ``00"."`` is ``01.``; see
    :mod:`~seuranta_xl.numfmt`). Only those cells' formats are read, and only when there are any."""
    if grid.number_formats is None:
        return {}
    numbers = {row_no: values[col] for row_no, values in enumerate(grid.rows[header_row:], header_row + 1)
               if col < len(values) and values[col].__class__ in (float, int)}
    if not numbers:
        return {}
    shown = {}
    for row_no, code in grid.number_formats(col, list(numbers)).items():
        text = format_number(numbers[row_no], code)
        if text is not None:
            shown[row_no] = text
    return shown


def _code_from_column(row: DataRow, values: list[Any], col: int,
                      names: list[tuple[FieldName, int, str]], shown: str | None = None) -> bool:
    """A code kept in a column of its own ("Nro": ``03.06``) goes in front of the row's name, in the
    name column of its level when that one holds the name, else in the first name column that does;
    a name cell that starts with a code of its own keeps it. ``shown``: the number as its format
    shows it (see :func:`_shown_codes`), read as text. True when the code put there was a number
    with one decimal and no format telling its digits (``1.1``: typed so, or as ``1.10`` with the
    zero lost)."""
    raw = values[col] if col < len(values) else None
    if raw is None or isinstance(raw, bool):
        return False
    if shown is not None:
        raw = shown
    code = (f"{raw:g}" if isinstance(raw, float) else str(raw)).strip()
    if not code or not code[0].isdigit():
        return False
    depth = code.rstrip(".").count(".")
    level = NAME_FIELDS[min(depth, 2)]
    filled = [name for name, _col, _letter in names if name in row.cells]
    if not filled:
        return False
    target = level if level in filled else filled[0]
    letter, value = row.cells[target]
    text = _text(value) or ""
    if parse_code(text) is None:
        dotted = code if "." in code else code + "."
        row.cells[target] = (letter, f"{dotted} {text}")
        return isinstance(raw, float) and _ONE_DECIMAL.fullmatch(code) is not None
    return False


#: A number read as an annual goal's code whose zero may have been lost: ``1.1`` is 1.1 and 1.10.
_ONE_DECIMAL = re.compile(r"\d{1,2}\.[1-9]")


def _read_numbers(report: Report, numbered: dict[int, str]) -> None:
    """The annual goals whose code was a number with one decimal (``1.1``): read as ``01.10`` when
    the rows around it say so - the goal before it under the same council goal is ``01.09``, or the
    first action after it is ``01.10.01`` - and ``01.10`` is no other row's code; else as typed
    (``01.01``), and noted when that reading stands out of order (a goal ``01.01`` after ``01.09``).
    Both readings are recorded in ``report.typed_numbers`` (rule H109): a number has no zeros to keep."""
    items = report.items
    codes = {item.code for item in items}
    rows = {row.row: row for row in report.rows}  # (one look-up per recoded goal, not a scan of the rows)
    last: dict[str, int] = {}  # council code → the number of the latest annual goal under it
    for k, item in enumerate(items):
        if item.level != "annual":
            continue
        council, part = item.code.split(".")
        shown = numbered.get(item.row)
        if shown is not None and part.isdecimal():
            digit = int(part)
            other = f"{council}.{digit * 10:02d}"
            previous = last.get(council)
            following = items[k + 1] if k + 1 < len(items) else None
            by_order = other not in codes and (
                previous == digit * 10 - 1
                or (following is not None and following.level == "action" and following.parent == other))
            if by_order:
                _recode(rows, item, other)
                codes.add(other)
                report.typed_numbers[item.row] = {"shown": shown, "read": other, "other": f"{council}.{part}",
                                                  "by_order": True}
            elif previous is not None and previous >= digit:
                report.typed_numbers[item.row] = {"shown": shown, "read": item.code, "other": other,
                                                  "by_order": False}
        number = item.code.split(".")[1]
        if number[:2].isdecimal():
            last[council] = int(number[:2])


def _recode(rows: dict[int, DataRow], item: Item, code: str) -> None:
    """Give an item another code (its row's list of codes follows)."""
    row = rows.get(item.row)
    if row is not None:
        row.codes[:] = [code if c == item.code else c for c in row.codes]
    item.code = code


#: (letter, value) of a field the row leaves empty: ``cells.get(name, _EMPTY)[1]`` is its value or None.
_EMPTY = (None, None)


def _depth(found: tuple[ParsedCode, str]) -> int:
    return LEVEL_DEPTH[found[0].level]


def _add_items(row: DataRow, grade_of: Callable[[Any], Grade], items: list[Item]) -> None:
    """Append the items on one row; the row's own fields go to the deepest code (see Item.owns_row)."""
    found = []
    cells = row.cells
    for name in NAME_FIELDS:
        cell = cells.get(name)
        if cell is None:
            continue
        letter, value = cell
        parsed = parse_code(value)
        if parsed is None:
            row.stray.append((name, letter, _text(value) or ""))
        else:
            found.append((parsed, letter))
    if not found:
        return
    if len(found) > 1:
        found.sort(key=_depth)
    # Item's fields in order (positional: a third of the keyword call's cost, once per item):
    # level, code, raw_code, name, row, column, canonical, owns_row, then the row's own fields
    # (risks, status, grade, progress, responsible) and the parent's code.
    row_no, codes = row.row, row.codes
    for (code, level, raw, name, canonical), letter in found[:-1]:  # shallower codes: the fields are not theirs
        items.append(Item(level, code, raw, name, row_no, letter, canonical, False,
                          None, None, Grade(), None, None, parent_code(code)))
        codes.append(code)
    (code, level, raw, name, canonical), letter = found[-1]
    get = cells.get
    items.append(Item(level, code, raw, name, row_no, letter, canonical, True,
                      _text(get("risks", _EMPTY)[1]), get("status", _EMPTY)[1], grade_of(get("grade", _EMPTY)[1]),
                      _text(get("progress", _EMPTY)[1]), _text(get("responsible", _EMPTY)[1]), parent_code(code)))
    codes.append(code)


def _link_hierarchy(report: Report) -> None:
    """Record each item's parent (found or not) and the heading it stands under. Nothing is invented."""
    codes = {item.code for item in report.items}
    last_seen: dict[str, str] = {}  # level → code of the latest item of that level, in sheet order
    for item in report.items:
        if item.parent is not None:
            item.parent_found = item.parent in codes
            item.heading = last_seen.get("annual" if item.level == "action" else "council")
        last_seen[item.level] = item.code
        if item.level == "council":
            last_seen.pop("annual", None)  # a new council goal starts a new section
