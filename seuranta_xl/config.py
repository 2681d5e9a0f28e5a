"""Reading Settings, later layers winning:

1. defaults (:class:`~seuranta_xl.settings.Settings`);
2. ``seuranta.toml`` next to the workbook, or the file given with ``--config``;
3. the workbook's lists sheet (``Listat``/``Lists``, written by the dropdowns command): the column
   headed ``Vastuuhenkilö`` replaces ``roles``;
4. the workbook's settings sheet (``Asetukset``/``Settings``): one setting per row, the key in
   column A (as in seuranta.toml, dotted for tables: ``severity.T101``, ``required.action``,
   ``status_thresholds.green``, ``schedule.start``, ``schedule.periods.1-8/2026``) and the value in column B (lists comma- or semicolon-separated,
   or one item per cell in B, C, D …). Empty rows, rows whose key starts with ``#`` and a
   header row (``avain``/``key`` … ``arvo``/``value``) are skipped.

Anything invalid is an InputError (one line, exit 2) naming the file (and sheet and row).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

if TYPE_CHECKING:
    from .grid import Grid

from .errors import InputError
from .header import field_of
from .settings import SETTING_NAMES, Settings, clean_list, validate_settings

#: Sheet names (case-insensitive) of the settings sheet and of the lists sheet.
SETTINGS_SHEETS = ("asetukset", "settings")
LISTS_SHEETS = ("listat", "lists")
_HEADER_KEYS = {"avain", "asetus", "key", "setting"}
#: Lists-sheet headers of the roles column besides the Vastuuhenkilö titles (the English dropdowns).
_ROLE_HEADERS = {"responsible roles", "roles", "roolit"}
#: Settings that take a list of texts (a settings-sheet row may give them one per cell).
_LIST_SETTINGS = {name for name, f in Settings.__dataclass_fields__.items() if str(f.type).startswith("list[")}
_LIST_SPLIT = re.compile(r"\s*[;,\n]\s*")


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def settings_from_mapping(data: dict[str, Any], source: str, base: Settings | None = None,
                          lang: str | None = None) -> Settings:
    """Settings from a mapping layered over ``base``; InputError (one line) when invalid."""
    base = base or Settings()
    lang = lang or base.language
    layered = _merge(base.model_dump(), data)
    from pydantic import ValidationError

    try:
        settings = validate_settings(layered)
    except ValidationError as exc:
        first = exc.errors()[0]
        where, reason = [str(p) for p in first["loc"]], first["msg"]
        # A check in a __post_init__ names its own key: "Value error, margin_rows: must be ...".
        named = re.match(r"Value error, (\w+): (.*)", reason, re.S)
        if named:
            where, reason = where + [named.group(1)], named.group(2)
        raise InputError.of(source, "config.invalid", lang, key=".".join(where) or "(root)",
                            reason=reason) from None
    _check_rule_codes(settings, source, lang)
    return settings


def _check_rule_codes(settings: Settings, source: str, lang: str) -> None:
    """Rule codes in severity/select/ignore must name rules: a typo would silently do nothing."""
    from .rules import RULES

    for code in settings.severity:
        if code not in RULES:
            raise InputError.of(source, "config.unknown_rule", lang, key=f"severity.{code}")
    for key in ("select", "ignore"):
        for prefix in getattr(settings, key):
            if not any(code.startswith(prefix) for code in RULES):
                raise InputError.of(source, "config.no_rule_matches", lang, key=key, prefix=prefix)


def read_toml(path: str | os.PathLike[str], base: Settings | None = None, lang: str | None = None) -> Settings:
    import tomllib  # only where a seuranta.toml is read (most runs have none)

    from .files.prescan import read_regular

    path = Path(path)
    lang = lang or (base or Settings()).language
    if not path.exists():
        raise InputError.of(str(path), "config.not_found", lang)
    try:
        data = tomllib.loads(read_regular(path, limit=1 << 20).decode("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError.of(str(path), "config.unreadable", lang, reason=exc) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError.of(str(path), "config.bad_toml", lang, reason=exc) from None
    except RecursionError:  # tomllib parses nested arrays and inline tables recursively
        raise InputError.of(str(path), "config.too_deep", lang) from None
    # The file may put everything under [seuranta] or at top level.
    data = data.get("seuranta", data)
    return settings_from_mapping(data, str(path), base, lang)


def load_settings(input_path: str | os.PathLike[str] | None = None, config: str | os.PathLike[str] | None = None,
                  *, language: str | None = None, sheets: "Iterable[Grid] | None" = None,
                  source: str | None = None) -> Settings:
    """Defaults, then the explicit ``config`` or a ``seuranta.toml`` beside the input, then the
    workbook's lists and settings sheets; ``language`` wins last.

    ``sheets``: the workbook's sheets already read by the caller (a file workbook's grids, or the
    live workbook's sheets with their unsaved edits); without them the sheets are read from
    ``input_path``. ``source`` names the workbook in messages (default: ``input_path``).
    """
    settings = Settings()
    path = Path(config) if config else None
    if path is None and input_path is not None:
        beside = Path(input_path).parent / "seuranta.toml"
        path = beside if beside.is_file() else None
    if path is not None:
        settings = read_toml(path, settings, language)
    if sheets is not None:
        found = {g.sheet.strip().casefold(): (g.sheet, g.rows) for g in sheets
                 if g.sheet.strip().casefold() in SETTINGS_SHEETS + LISTS_SHEETS}
        settings = settings_from_sheets(found, source or str(input_path or ""), settings, language)
    elif input_path is not None:
        if language:  # the workbook's pre-scan speaks the language asked for
            settings = settings.model_copy(update={"language": language})
        settings = read_workbook_settings(input_path, settings, language)
    if language:
        settings = settings.model_copy(update={"language": language})
    return settings


# --- settings kept in the workbook ---------------------------------------------------------------


def _workbook_sheets(path: Path, base: Settings) -> dict[str, tuple[str, list[list[Any]]]]:
    """(sheet name, rows) of the settings and lists sheets of a workbook, by lowercased name.

    Only those sheets are read, and only after the reader's pre-scan of exactly the parts read
    (under the limits known so far), so a hostile lists or settings sheet is refused with one line
    before python-calamine sees it. A text export gives {}.
    """
    from .files.reader import read_sheets

    def wanted(name: str) -> bool:
        return name.strip().casefold() in SETTINGS_SHEETS + LISTS_SHEETS

    sheets = read_sheets(path, wanted, base.language, limits=base.limits)
    return {name.strip().casefold(): (name, [list(r) for r in rows]) for name, rows in sheets.items()}


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def roles_from_lists_sheet(rows: list[list[Any]]) -> list[str] | None:
    """The values under the ``Vastuuhenkilö``/``Vastuuhenkilöt``/``Responsible roles`` header of a
    lists sheet (None: no such column)."""
    for r, row in enumerate(rows[:20]):
        for c, value in enumerate(row):
            if field_of(value) == "responsible" or _cell_text(value).casefold() in _ROLE_HEADERS:
                values = [_cell_text(x[c]) if c < len(x) else "" for x in rows[r + 1:]]
                return [v for v in values if v]
    return None


#: Lists-sheet headers of the statuses column (the dropdowns command writes "Tilanteet"/"Statuses"/"Lägen").
_STATUS_HEADERS = {"tilanteet", "tilanne", "statuses", "status", "lägen", "läge"}


def statuses_from_lists_sheet(rows: list[list[Any]]) -> list[str] | None:
    """The values under the statuses header of a lists sheet: statuses a person added there are
    used (and kept by the next run), never dropped (None: no such column)."""
    for r, row in enumerate(rows[:20]):
        for c, value in enumerate(row):
            if _cell_text(value).casefold() in _STATUS_HEADERS:
                values = [_cell_text(x[c]) if c < len(x) else "" for x in rows[r + 1:]]
                return [v for v in values if v] or None
    return None


def _is_list_field(name: str) -> bool:
    return name in _LIST_SETTINGS


def _is_list_value(path: list[str]) -> bool:
    """Whether the setting at ``path`` takes a list (``roles``, ``select``, ``required.action`` …)."""
    return _is_list_field(path[0]) or (path[0] in ("required", "columns") and len(path) == 2)


def settings_sheet_mapping(rows: list[list[Any]], source: str, lang: str = "fi") -> dict[str, Any] | None:
    """The key/value rows of a settings sheet as a nested mapping (as seuranta.toml would give).

    None when no key on the sheet is a setting of ours: a sheet the municipality keeps under the
    same name (its own parameters) is theirs, never an error. A sheet with keys of ours (or near
    misses of them) and an unknown one is ours with a typo: InputError naming the row."""
    import difflib

    fields = list(SETTING_NAMES)
    keys = [_cell_text(row[0]).split(".")[0].strip() for row in rows if row and _cell_text(row[0])]
    # Ours: a key of ours, or one so close to one that it is a typo in our sheet.
    if not any(k in fields or difflib.get_close_matches(k, fields, n=1, cutoff=0.8) for k in keys):
        return None
    data: dict[str, Any] = {}
    for r, row in enumerate(rows, start=1):
        cells = [_cell_text(v) for v in row]
        key = cells[0] if cells else ""
        values = [v for v in cells[1:] if v]
        if not key or key.startswith("#"):
            continue
        if key.casefold() in _HEADER_KEYS and not data:
            continue
        path = [p.strip() for p in key.split(".")]
        if path[0] not in SETTING_NAMES or not all(path):
            raise InputError.of(source, "config.unknown_setting", lang, row=r, key=key)
        if _is_list_value(path):
            items = _LIST_SPLIT.split(values[0]) if len(values) == 1 else values
            value: Any = [v for v in items if v]
        elif not values:
            raise InputError.of(source, "config.no_value", lang, row=r, key=key)
        else:
            value = values[0]
        target = data
        for part in path[:-1]:
            target = target.setdefault(part, {})
            if not isinstance(target, dict):
                raise InputError.of(source, "config.conflict", lang, row=r, key=key)
        target[path[-1]] = value
    return data


def read_workbook_settings(input_path: str | os.PathLike[str], base: Settings, lang: str | None = None) -> Settings:
    """Layer the workbook's lists sheet (roles) and settings sheet over ``base``."""
    path = Path(input_path)
    if not path.exists() or path.is_dir():
        return base  # reading the report says why
    return settings_from_sheets(_workbook_sheets(path, base), str(path), base, lang)


def settings_from_sheets(sheets: dict[str, tuple[str, list[list[Any]]]], source: str, base: Settings,
                         lang: str | None = None) -> Settings:
    """Layer a workbook's lists sheet (roles) and settings sheet over ``base``; ``sheets`` maps a
    lowercased sheet name to (name, rows) for the sheets named in LISTS_SHEETS/SETTINGS_SHEETS."""
    path = source
    settings = base
    lang = lang or base.language
    for key in LISTS_SHEETS:
        if key in sheets:
            name, rows = sheets[key]
            # Plain lists of texts read by our own code: no validation layer needed.
            roles = clean_list(roles_from_lists_sheet(rows) or [])
            if roles:
                settings = settings.model_copy(update={"roles": roles})
            statuses = statuses_from_lists_sheet(rows)
            if statuses:
                settings = settings.model_copy(update={"statuses": statuses})
            break
    for key in SETTINGS_SHEETS:
        if key in sheets:
            name, rows = sheets[key]
            source = f"{path} [{name}]"
            mapping = settings_sheet_mapping(rows, source, lang)
            if mapping is not None:  # None: the municipality's own sheet of that name, left alone
                settings = settings_from_mapping(mapping, source, settings, lang)
            break
    return settings


# --- a person's own dropdown on the responsible or status column -------------------------------

_RANGE_REF = re.compile(r"^(?:(?:'((?:[^']++|'')++)'|([^'!]+))!)?\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$")
#: A list of the person's is read from at most this many cells (a whole column names a million).
_MAX_LIST_CELLS = 10_000


def _range_values(ref: str, sheet: str, grids: "dict[str, Grid]") -> list[str] | None:
    """The non-empty values of a range reference (``$X$2:$X$9``, ``Listat!A2:A7``), from the grids
    read; None when it is not a range of a sheet read."""
    from .grid import column_index

    match = _RANGE_REF.match(ref.strip().lstrip("="))
    if match is None:
        return None
    quoted, plain, l1, r1, l2, r2 = match.groups()
    target = (quoted or "").replace("''", "'") or plain or sheet
    grid = next((g for name, g in grids.items() if name.casefold() == target.casefold()), None)
    if grid is None:
        return None
    c1, c2 = sorted((column_index(l1), column_index(l2 or l1)))
    top, bottom = sorted((int(r1), int(r2 or r1)))
    if (bottom - top + 1) * (c2 - c1 + 1) > _MAX_LIST_CELLS:
        bottom = top + _MAX_LIST_CELLS // (c2 - c1 + 1)
    bottom = min(bottom, len(grid.rows))
    texts = (_cell_text(grid.value(r, c)) for r in range(top, bottom + 1) for c in range(c1, c2 + 1))
    return [text for text in texts if text]


def list_entries(formula1: str | None, sheet: str, names: Iterable[Any], grids: "dict[str, Grid]") -> list[str] | None:
    """The entries of a list validation's source as Excel shows them in the dropdown: an inline list
    (``"a,b,c"``), a range (``$X$2:$X$9``, ``Listat!$A$2:$A$7``) or a defined name pointing at a
    range (local to ``sheet`` first, then the workbook's), resolved from the sheets read
    (``grids``: sheet name → Grid). None for a source that is none of these (a formula)."""
    text = (formula1 or "").strip().lstrip("=").strip()
    if not text:
        return None
    if text.startswith('"') and text.endswith('"') and len(text) >= 2:
        return [item.strip() for item in text[1:-1].split(",") if item.strip()]
    values = _range_values(text, sheet, grids)
    if values is not None:
        return values
    for local in (True, False):  # a name local to the sheet hides the workbook's of that spelling
        for name in names:
            if name.name.casefold() == text.casefold() and ((name.sheet == sheet) if local else name.sheet is None):
                return _range_values(name.refers_to, sheet, grids)
    return None


def list_from_own_validation(validations: Iterable[Any], names: Iterable[Any], grids: "dict[str, Grid]",
                             sheet: str, column: str, first: int, last: int) -> list[str] | None:
    """The list a person gave column ``column`` of ``sheet`` (rows ``first`` to ``last``) as a
    dropdown of their own: the entries of the first list validation over those cells (see
    :func:`list_entries`), each once, in their order; None when there is none or its entries cannot
    be read.

    ``validations`` (``.sheet .sqref .type .formula1``) and ``names`` (``.name .refers_to .sheet``)
    are what the engine read from the workbook, the person's only (ours left out by the caller);
    the same for a file and for the open book."""
    from .grid import column_index, sqref_rectangles

    index = column_index(column)
    names = list(names)
    for dv in validations:
        if dv.sheet != sheet or (dv.type or "").lower() != "list":
            continue
        if any(c1 <= index <= c2 and r1 <= last and first <= r2 for c1, r1, c2, r2 in sqref_rectangles(dv.sqref)):
            entries = list_entries(dv.formula1, sheet, names, grids)
            if entries:
                return list(dict.fromkeys(entries))
    return None


def roles_from_own_validation(validations: Iterable[Any], names: Iterable[Any], grids: "dict[str, Grid]",
                              sheet: str, column: str, first: int, last: int) -> list[str] | None:
    """The roles list a person gave the responsible column as a dropdown of their own
    (:func:`list_from_own_validation` on that column)."""
    return list_from_own_validation(validations, names, grids, sheet, column, first, last)


def statuses_from_own_validation(validations: Iterable[Any], names: Iterable[Any], grids: "dict[str, Grid]",
                                 sheet: str, column: str, first: int, last: int) -> list[str] | None:
    """The statuses list (best first, as their dropdown lists them) a person gave the
    Kokonais-tilanne column as a dropdown of their own (:func:`list_from_own_validation`)."""
    return list_from_own_validation(validations, names, grids, sheet, column, first, last)


#: Settings a person's own dropdown on a report column replaces for that sheet: field → (setting, reader).
_OWN_LISTS = (("responsible", "roles", roles_from_own_validation),
              ("status", "statuses", statuses_from_own_validation))


def own_list_settings(reports: Iterable[Any], settings: Settings, validations: Iterable[Any],
                      names: Iterable[Any], grids: "Callable[[], Iterable[Grid]]") -> "dict[str, Settings]":
    """Report sheet → the settings its rules run with: ``settings``, with the roles list of a dropdown
    of the person's own on that sheet's responsible column, and the statuses list of one on its
    Kokonais-tilanne column (their list is what is valid there). Our own dropdowns are left out
    (they show the configured lists anyway).

    The one path for every caller - the command pipeline (a file or the open book) and the Python
    API's ``validate``: ``validations`` and ``names`` as read from the workbook (all of them), and
    ``grids`` a function giving the workbook's sheets, called only when a dropdown of the person's
    is there to resolve."""
    from .own_lists import persons_validations

    reports = list(reports)
    found = {r.sheet: settings for r in reports}
    names = list(names)
    theirs = persons_validations(validations, names)
    if not theirs:
        return found
    sheets: "dict[str, Grid] | None" = None
    for report in reports:
        update = {}
        for field, setting, reader in _OWN_LISTS:
            column = report.columns.get(field)
            if column is None:
                continue
            if sheets is None:
                sheets = {g.sheet: g for g in grids()}
            first = report.header_row + 1
            entries = reader(theirs, names, sheets, report.sheet, column, first, max(report.last_row, first))
            if entries:
                update[setting] = entries
        if update:
            found[report.sheet] = settings.model_copy(update=update)
    return found
