"""The report as other municipalities keep it: titles, codes and rows of their own layouts, built in code."""

from __future__ import annotations

import json
import re

import pytest

from conftest import write_rows_xlsx

_HEADER = ["Valtuustokauden tavoite", "Vuositavoite", "Toimenpide",
           "Merkittävimmät tavoitteen toteuttamista uhkaavat riskit", "Kokonais-tilanne", "Etenemisaste",
           "Eteneminen", "Vastuuhenkilö"]
_SWEDISH = ["Fullmäktigeperiodens mål", "Årsmål", "Åtgärd", "Risker", "Helhetsläge", "Framskridningsgrad",
            "Framskridande", "Ansvarsperson"]
_FIELDS = ["council", "annual", "action", "risks", "status", "grade", "progress", "responsible"]


def _body() -> list[list[object]]:
    """A small clean report body: two council goals, three annual goals, five actions."""
    return [
        ["01. Elinvoimainen kunta", None, None, None, None, None, None, None],
        [None, "01.01 Lisäämme yrityksiä", None, "Suhdanne", None, "3", "Neuvonta käynnissä", "Kunnanjohtaja"],
        [None, None, "01.01.01 Yrityspalvelupiste", "Resurssit", None, "4", "Piste avattu", "Kunnanjohtaja"],
        [None, None, "01.01.02 Tonttimarkkinointi", "Kysyntä", None, "2", "Suunnitelma laadittu", "Kunnanjohtaja"],
        ["02. Hyvinvoiva kuntalainen", None, None, None, None, None, None, None],
        [None, "02.01 Vahvistamme liikuntaa", None, "Tilat", None, "4", "Ohjelma käynnissä", "Sivistysjohtaja"],
        [None, None, "02.01.01 Liikuntapaikat", "Budjetti", None, "4", "Kaksi kenttää", "Sivistysjohtaja"],
        [None, None, "02.01.02 Harrastustakuu", "Ohjaajat", None, "5", "Käytössä", "Sivistysjohtaja"],
    ]


def _report(header: list[str], body: list[list[object]] | None = None) -> list[list[object]]:
    return [["Tavoitteiden ja toimenpiteiden seuranta 1 - 9 / 2025"], [], header, *(body or _body())]


def _validate(run_cli, path) -> tuple[int, dict, str]:
    code, out, err = run_cli("validate", path, "--format", "json")
    return code, (json.loads(out) if out else {}), err


@pytest.mark.parametrize("header", [
    [title + ":" for title in _HEADER],  # a colon after every title
    [f"{n}. {title}" for n, title in enumerate(_HEADER, 1)],  # numbered columns
    [*_HEADER[:4], "Tilanne 31.8.", "Etenemisaste 1-5", "Eteneminen", "Vastuuhlö"],  # abbreviations, date, scale
    [*_HEADER[:4], "Tilanne 30.9.2025", "Etenemisaste 1–5", "Eteneminen", "Vastuuhenk."],
    _SWEDISH,  # a Swedish-speaking municipality
    [f"{fi}\n{sv}" for fi, sv in zip(_HEADER, _SWEDISH)],  # bilingual, one language per line
    ["Council term goal", "Annual goal", "Action", "Key risks", "Overall status", "Progress grade", "Progress",
     "Responsible person"],
], ids=["colon", "numbered", "abbreviated", "abbreviated-2", "swedish", "bilingual-lines", "english"])
def test_header_titles_as_municipalities_write_them(tmp_path, run_cli, header):
    path = write_rows_xlsx(_report(header), tmp_path / "r.xlsx", sheet="Seuranta")
    code, payload, err = _validate(run_cli, path)
    assert code == 0, err
    assert payload["counts"]["actions"] == 4 and payload["counts"]["annual_goals"] == 2
    # every column found: no finding says a required column is missing
    assert not [f for f in payload["findings"] if f["rule"] == "R105"]


def test_a_numbered_or_dated_title_is_still_no_field_when_it_names_none():
    from seuranta_xl.header import field_of

    assert field_of("1. Huomautuksia") is None and field_of("Päivitetty 31.8.") is None
    assert field_of("Mittari:") is None and field_of("Tavoitetaso 2025") is None


@pytest.mark.parametrize("typed, value", [
    ("3 — Toteutus on aloitettu, ei vielä valmis", 3),  # an em dash between number and label
    ("4 ‒ Toteutusvaiheessa lähellä valmistumista, ei vielä viimeistelty/käyttöön otettu", 4),
    ("3/5", 3), ("2 / 5", 2),  # "out of five": the scale's top, not a label
])
def test_grade_punctuation_municipalities_use_is_no_label_difference(typed, value):
    from seuranta_xl.grades import parse_grade

    grade = parse_grade(typed)
    assert grade.status == "ok" and grade.value == value
    assert grade.label_exact in (True, None)  # no G104 "wording differs" for punctuation alone


def test_a_sheet_of_em_dash_grades_gives_no_wording_findings(tmp_path, run_cli):
    body = _body()
    labels = {"2": "Suunnitteluvaiheessa, on edetty hieman", "3": "Toteutus on aloitettu, ei vielä valmis",
              "4": "Toteutusvaiheessa lähellä valmistumista, ei vielä viimeistelty/käyttöön otettu",
              "5": "Toimenpide on toteutettu ja käyttöön otettu toteutusohjelman mukaan"}
    for row in body:
        if row[5]:
            row[5] = f"{row[5]} — {labels[row[5]]}"
    path = write_rows_xlsx(_report(_HEADER, body), tmp_path / "r.xlsx", sheet="Seuranta")
    code, payload, err = _validate(run_cli, path)
    assert code == 0, err
    assert not [f for f in payload["findings"] if f["rule"].startswith("G")]


def test_subtotal_rows_and_notes_below_the_table_are_not_uncoded_rows(tmp_path, run_cli):
    body = _body()
    body.insert(4, [None, None, "Yhteensä / keskiarvo", None, None, 3.0, None, None])  # a goal's subtotal
    body.insert(5, [None] * 8)  # a blank row between the blocks
    body += [[None, None, "Keskiarvo", None, None, 4.33, None, None],
             [None] * 8,
             ["Huom. Arviot päivitetty 30.9.2025. Lähde: toimialojen raportit."],
             ["Asteikko: 1 = ei edetty … 5 = toteutettu."]]
    path = write_rows_xlsx(_report(_HEADER, body), tmp_path / "r.xlsx", sheet="Seuranta")
    code, payload, err = _validate(run_cli, path)
    assert code == 0, err
    assert payload["counts"]["uncoded_rows"] == 0 and payload["counts"]["actions"] == 4
    assert not [f for f in payload["findings"] if f["rule"] in ("H107", "G102")]
    _, out, _ = run_cli("rollup", path, "--format", "json")
    goals = {g["code"]: g for g in json.loads(out)["goals"]}
    assert goals["01.01"]["computed"] == 3.0 and goals["02."]["computed"] == 4.5


def test_an_uncoded_row_with_a_grade_is_still_found_below_the_table(tmp_path, run_cli):
    body = _body() + [[None] * 8, [None, None, "Uusi toimenpide ilman koodia", None, None, "3", "Aloitettu", "Kunnanjohtaja"]]
    path = write_rows_xlsx(_report(_HEADER, body), tmp_path / "r.xlsx", sheet="Seuranta")
    _, payload, _ = _validate(run_cli, path)
    assert [f["row"] for f in payload["findings"] if f["rule"] == "H107"] == [13]


def test_notes_with_a_blank_line_between_them_are_notes_too(tmp_path, run_cli):
    body = _body() + [[None] * 8, ["Huom. Arviot päivitetty 30.9.2025."], [None] * 8, ["Lähde: toimialat."]]
    path = write_rows_xlsx(_report(_HEADER, body), tmp_path / "r.xlsx", sheet="Seuranta")
    code, payload, err = _validate(run_cli, path)
    assert code == 0 and payload["counts"]["uncoded_rows"] == 0, err


@pytest.mark.parametrize("typed, name", [
    ("01.05 - Lisäämme yrityksiä", "Lisäämme yrityksiä"), ("01.05 – Lisäämme yrityksiä", "Lisäämme yrityksiä"),
    ("1.5 — Lisäämme yrityksiä", "Lisäämme yrityksiä"), ("01.05.01 : Piste", "Piste"),
    ("01.05 -10 % päästöistä", "-10 % päästöistä"),  # a name that begins with a minus keeps it
    ("01.05 Kaksi - osaa", "Kaksi - osaa"), ("01.05 –", ""),  # a dash alone is no name (H106)
])
def test_a_dash_between_code_and_name_is_not_part_of_the_name(typed, name):
    from seuranta_xl.codes import parse_code

    assert parse_code(typed).name == name


def test_names_written_with_a_dash_read_without_it(tmp_path, run_cli):
    body = _body()
    for row in body:
        for i, value in enumerate(row[:3]):
            if value:
                code, rest = value.split(" ", 1)
                row[i] = f"{code} – {rest}"
    path = write_rows_xlsx(_report(_HEADER, body), tmp_path / "r.xlsx", sheet="Seuranta")
    _, out, _ = run_cli("rollup", path, "--format", "json")
    names = {g["code"]: g["name"] for g in json.loads(out)["goals"]}
    assert names["01."] == "Elinvoimainen kunta" and names["01.01"] == "Lisäämme yrityksiä"
    code, payload, err = _validate(run_cli, path)
    assert code == 0 and not [f for f in payload["findings"] if f["rule"] in ("H105", "H106")], err


def _recode(body: list[list[object]], form) -> list[list[object]]:
    """The body with every code rewritten by ``form(code parts, level)``."""
    out = []
    for row in body:
        row = list(row)
        for i, value in enumerate(row[:3]):
            if value:
                code, rest = value.split(" ", 1)
                parts = [p for p in code.split(".") if p]
                row[i] = f"{form(parts, i)} {rest}"
        out.append(row)
    return out


def _unpadded(parts, level):
    return ".".join(str(int(p)) for p in parts) + ("." if level == 0 else "")


@pytest.mark.parametrize("form, first, count", [
    (_unpadded, "A4", 6),  # 1. / 1.1 / 1.1.1
    (lambda parts, level: ".".join(str(int(p)) for p in parts) + ".", "A4", 6),  # 1. / 1.1. / 1.1.1.
    (lambda parts, level: ".".join(str(int(p)) for p in parts) + (":" if level else "."), "A4", 6),  # 1. / 1.1: / 1.1.1:
    # 01. / 01.01: / 01.01.01: - the council goals' codes are standard: the note is on the first other
    (lambda parts, level: ".".join(parts) + ":" if level else ".".join(parts) + ".", "B5", 4),
], ids=["unpadded", "trailing-dot", "colon", "padded-colon"])
def test_a_sheet_written_in_one_non_canonical_form_is_noted_once(tmp_path, run_cli, form, first, count):
    body = _recode(_body(), form)
    body[6][2] = "02.01.01 Liikuntapaikat"  # standard form: never reported
    body[7][2] = "2.1.02. Harrastustakuu" if form is _unpadded else "02.1.02 Harrastustakuu"  # neither: reported
    path = write_rows_xlsx(_report(_HEADER, body), tmp_path / "r.xlsx", sheet="Seuranta")
    code, payload, err = _validate(run_cli, path)
    assert code == 0, err
    h108 = [f for f in payload["findings"] if f["rule"] == "H108"]
    assert [(f["column"] + str(f["row"]), f["severity"]) for f in h108] == [(first, "info")]
    assert h108[0]["data"]["count"] == count and h108[0]["data"]["total"] == 8
    assert [f["column"] + str(f["row"]) for f in payload["findings"] if f["rule"] == "H105"] == ["C11"]
    # the hierarchy reads the codes as the standard ones: no parent missing, nothing misplaced
    assert not [f for f in payload["findings"] if f["rule"] in ("H101", "H102", "H103", "H104")]
    _, out, _ = run_cli("rollup", path, "--format", "json")
    goals = {g["code"]: g for g in json.loads(out)["goals"]}
    assert goals["01.01"]["computed"] == 3.0 and goals["02.01"]["computed"] == 4.5 and goals["02."]["computed"] == 4.5


def test_unpadded_codes_are_their_padded_parents():
    from seuranta_xl import Grid, validate

    rows = _report(_HEADER, _recode(_body(), _unpadded))
    report = validate(Grid.from_values(rows))
    by_code = {item.code: item for item in report.items}
    assert set(by_code) == {"01", "01.01", "01.01.01", "01.01.02", "02", "02.01", "02.01.01", "02.01.02"}
    assert by_code["01.01.02"].parent == "01.01" and by_code["01.01.02"].parent_found
    assert [i.code for i in report.actions_under("01")] == ["01.01.01", "01.01.02"]


def test_a_few_unpadded_codes_in_a_standard_sheet_are_reported_one_by_one(tmp_path, run_cli):
    body = _body()
    body[2][2] = "1.1.1 Yrityspalvelupiste"
    body[3][2] = "1.1.2 Tonttimarkkinointi"
    path = write_rows_xlsx(_report(_HEADER, body), tmp_path / "r.xlsx", sheet="Seuranta")
    _, payload, _ = _validate(run_cli, path)
    assert [f["column"] + str(f["row"]) for f in payload["findings"] if f["rule"] == "H105"] == ["C6", "C7"]
    assert not [f for f in payload["findings"] if f["rule"] == "H108"]


def _banner_report(path):
    """The body with section titles inside the table - a title merged across the columns, a title
    alone in column A, one in capitals in column B - and the header repeated (one row, and the two
    rows of a header spread over two), as a report pasted together from several pages."""
    from openpyxl import load_workbook

    body = _body()
    rows = [["STRATEGIA-ALUE 1: ELINVOIMA"], *body[:4],
            ["Tavoitteet", None, None, "Riskit", "Kokonais-tilanne", "Etenemisaste (1-5)", "Eteneminen", "Vastuuhenkilö"],
            ["Valtuustokauden tavoite", "Vuositavoite", "Toimenpide"],
            ["Hyvinvointi"], [None, "PALVELUT"], *body[4:], _HEADER]
    write_rows_xlsx(_report(_HEADER, rows), path, sheet="Seuranta")
    wb = load_workbook(path)
    wb["Seuranta"].merge_cells("A4:H4")
    wb.save(path)
    return path


def test_section_titles_and_repeated_headers_are_not_report_rows(tmp_path, run_cli):
    path = _banner_report(tmp_path / "r.xlsx")
    code, payload, err = _validate(run_cli, path)
    assert code == 0, err
    assert payload["findings"] == [] and payload["counts"]["uncoded_rows"] == 0
    assert payload["counts"]["actions"] == 4 and payload["counts"]["rows"] == 8
    _, out, _ = run_cli("rollup", path, "--format", "json")
    goals = {g["code"]: g for g in json.loads(out)["goals"]}
    assert goals["01."]["computed"] == 3.0 and goals["02."]["computed"] == 4.5
    assert run_cli("run", path, "-o", tmp_path / "out.xlsx")[0] == 0


@pytest.mark.parametrize("extra, cell", [
    ([None, None, "Uusi toimenpide ilman koodia"], "C12"),  # a name without its code, not a title
    (["Elinvoima", None, None, None, None, "3"], "A12"),  # a grade: a row to answer, whatever column A says
    (["Elinvoima", None, None, None, None, None, None, "Kunnanjohtaja"], "A12"),
])
def test_a_row_that_is_no_section_title_is_still_a_row_without_code(tmp_path, run_cli, extra, cell):
    body = _body()
    body.insert(8, extra + [None] * (8 - len(extra)))
    path = write_rows_xlsx(_report(_HEADER, body), tmp_path / "r.xlsx", sheet="Seuranta")
    _, payload, _ = _validate(run_cli, path)
    assert [f["column"] + str(f["row"]) for f in payload["findings"] if f["rule"] == "H107"] == [cell]


_ROLES = ["Kunnanjohtaja", "Talousjohtaja", "Hallintojohtaja", "Sivistysjohtaja", "Rehtori", "Tekninen johtaja",
          "Rakennustarkastaja", "Kasvu- ja ympäristöjohtaja"]


@pytest.mark.parametrize("typed, unknown", [
    ("Talousjohtaja / Hallintojohtaja", []),
    ("Sivistysjohtaja, Rehtori", []),
    ("Tekninen johtaja ja Rakennustarkastaja", []),
    ("Talousjohtaja & Hallintojohtaja", []),
    ("Kasvu- ja ympäristöjohtaja", []),  # one title: "X- ja Y" is not two roles
    ("Tekninen johtaja ja Rakennustarkastja", [("Rakennustarkastja", "Rakennustarkastaja")]),
    ("Talousjohtaja / Halintojohtaja", [("Halintojohtaja", "Hallintojohtaja")]),
    ("Sivistysjohtja ja Rehtori", [("Sivistysjohtja", "Sivistysjohtaja")]),
])
def test_each_role_a_cell_names_is_checked_on_its_own(typed, unknown):
    from seuranta_xl import Grid, Settings, validate

    body = _body()
    body[2][7] = typed
    report = validate(Grid.from_values(_report(_HEADER, body)), Settings(roles=_ROLES))
    found = [(f.data["value"], f.data["suggestion"]) for f in report.findings if f.rule == "P101"]
    assert found == unknown and all(f.row == 6 for f in report.findings if f.rule == "P101")


@pytest.mark.parametrize("typed, roles", [
    ("Tekninen ja ympäristöjohtaja", ["Tekninen ja ympäristöjohtaja"]),  # one title sharing its noun
    ("Sosiaali- ja terveysjohtaja", ["Sosiaali- ja terveysjohtaja"]),
    ("teknisk och miljöchef", ["teknisk och miljöchef"]),
    ("Talousjohtaja ja hallintojohtaja", ["Talousjohtaja", "hallintojohtaja"]),  # two people
    ("Kaupunginjohtaja ja kaupunginhallitus", ["Kaupunginjohtaja", "kaupunginhallitus"]),
])
def test_a_title_whose_adjective_shares_the_noun_after_it_is_one_role(typed, roles):
    """Not on the roles list, 'Tekninen ja ympäristöjohtaja' was split into 'Tekninen' and
    'ympäristöjohtaja': a P101 for a role 'Tekninen' and a split file for a person of that name."""
    from seuranta_xl.rules.roles import split_roles

    assert split_roles(typed) == roles


def test_split_gives_a_row_of_several_named_people_to_each_of_them(tmp_path):
    from seuranta_xl import Settings
    from seuranta_xl.splitting import split

    body = _body()
    body[2][7] = "Talousjohtaja ja Hallintojohtaja"  # 01.01.01
    body[6][7] = "Tekninen johtaja / Rakennustarkastaja"  # 02.01.01
    path = write_rows_xlsx(_report(_HEADER, body), tmp_path / "r.xlsx", sheet="Seuranta")
    result = split(path, tmp_path / "jako", settings=Settings(roles=_ROLES))
    codes = {f.person: f.codes for f in result.files}
    assert set(codes) == {"Kunnanjohtaja", "Talousjohtaja", "Hallintojohtaja", "Sivistysjohtaja", "Tekninen johtaja",
                          "Rakennustarkastaja"}
    assert "01.01.01" in codes["Talousjohtaja"] and "01.01.01" in codes["Hallintojohtaja"]
    assert codes["Tekninen johtaja"] == codes["Rakennustarkastaja"] == ["02.01.01"]
    assert not [p for p in (tmp_path / "jako").iterdir() if " ja " in p.name or "/" in p.name]


def _numbered(codes: list[object], header: str = "Nro") -> list[list[object]]:
    """A report whose codes stand in a column of their own, as typed (numbers or text): a council
    goal ``1``, annual goals with a grade, an action (text ``1.N.1``) after each annual goal."""
    rows = [[1, "Elinvoimainen kunta"]]
    for n, code in enumerate(codes, 1):
        rows.append([code, None, f"Vuositavoite {n}", None, f"Riski {n}", None, "3", f"Tilanne {n}.", "Kunnanjohtaja"])
        number = code if isinstance(code, str) else None
        if number:
            rows.append([f"{number}.1", None, None, f"Toimenpide {n}", f"Riski {n}", None, str(1 + n % 5),
                         f"Toimenpiteen tilanne {n}.", "Kunnanjohtaja"])
    return [["Tavoitteiden ja toimenpiteiden seuranta 1 - 9 / 2025"], [], [header, *_HEADER], *rows]


def _findings(payload, rule):
    return [(f["column"] + str(f["row"]), f["severity"], f["code"]) for f in payload["findings"] if f["rule"] == rule]


def test_a_code_number_that_lost_its_zero_is_read_by_the_rows_around_it(tmp_path, run_cli):
    # 1.1 … 1.11 typed as numbers: 1.10 arrives as 1.1; its action is typed as text "1.10.1"
    rows = _numbered([float(f"1.{n}") for n in range(1, 12)])
    body = [rows[3]]  # the council goal, then each annual goal with an action (its code as text)
    for n, row in enumerate(rows[4:], 1):
        body += [row, [f"1.{n}.1", None, None, f"Toimenpide {n}", "R", None, "4", f"Tehty {n}.", "Kunnanjohtaja"]]
    path = write_rows_xlsx(rows[:3] + body, tmp_path / "r.xlsx", sheet="Seuranta")
    code, payload, err = _validate(run_cli, path)
    assert code == 0, err
    assert not [f for f in payload["findings"] if f["rule"] in ("H101", "H102", "H104")]
    assert _findings(payload, "H109") == [("A23", "info", "01.10")]
    _, out, _ = run_cli("rollup", path, "--format", "json")
    goals = {g["code"]: g for g in json.loads(out)["goals"]}
    assert goals["01.10"]["actions"] == 1 and goals["01.01"]["actions"] == 1


@pytest.mark.parametrize("codes, expected", [
    ([1.8, 1.9, 1.1], [("A7", "info", "01.10")]),  # after 01.09: 01.10
    ([1.1, 1.2, 1.3, 1.1], [("A8", "warning", "01.01")]),  # out of order, nothing says 01.10: told, not guessed
    ([1.1, 1.2, 1.3], []),  # in order: 01.01, 01.02, 01.03 as typed
    (["1.8", "1.9", "1.10"], []),  # typed as text: the digits are there
], ids=["after-09", "out-of-order", "in-order", "text"])
def test_a_code_number_with_one_decimal_is_never_silently_read_as_the_wrong_goal(tmp_path, run_cli, codes, expected):
    path = write_rows_xlsx(_numbered(codes), tmp_path / "r.xlsx", sheet="Seuranta")
    _, payload, err = _validate(run_cli, path)
    assert "counts" in payload, err
    assert _findings(payload, "H109") == expected


@pytest.mark.parametrize("title", ["Nro", "Nro.", "Numero", "Numerointi", "Tavoitenro", "Koodi:", "Tunnus"])
def test_a_code_column_under_the_titles_municipalities_use(tmp_path, run_cli, title):
    path = write_rows_xlsx(_numbered(["1.1", "1.2"], header=title), tmp_path / "r.xlsx", sheet="Seuranta")
    _, payload, err = _validate(run_cli, path)
    assert payload["counts"]["annual_goals"] == 2 and payload["counts"]["actions"] == 2, err
    assert payload["counts"]["uncoded_rows"] == 0


# --- round 3: number formats, section titles, tables, merged cells and other layouts -------------


def _formatted_codes(path, codes: list[tuple[object, str | None]], *, calamine: bool = False):
    """A report with a Nro column typed as numbers, each cell under its own number format (None:
    General); after each annual goal an action whose code (the third of each) is typed in its name. ``calamine``: a formula
    in the sheet, so that python-calamine reads it (not the plain reader)."""
    from openpyxl import load_workbook

    rows = [["Tavoitteiden ja toimenpiteiden seuranta 1 - 9 / 2025"], [], ["Nro", *_HEADER],
            [1, "Elinvoimainen kunta"]]
    for n, (value, _fmt, display) in enumerate(codes, 1):
        rows.append([value, None, f"Vuositavoite {n}", None, "Riski", None, "3", "Tilanne.", "Kunnanjohtaja"])
        if display:
            rows.append([None, None, None, f"{display} Toimenpide {n}", "Riski", None, "4", "Tehty.", "Kunnanjohtaja"])
    write_rows_xlsx(rows, path, sheet="Seuranta")
    wb = load_workbook(path)
    ws = wb["Seuranta"]
    ws["A4"].number_format = '00"."'
    row = 5
    for _value, fmt, display in codes:
        if fmt is not None:
            ws.cell(row=row, column=1).number_format = fmt
        row += 2 if display else 1
    if calamine:
        ws["K1"] = "=1+1"
    wb.save(path)
    return path


@pytest.mark.parametrize("calamine", [False, True], ids=["plain-reader", "calamine"])
def test_a_code_column_of_numbers_reads_as_its_number_format_shows_it(tmp_path, run_cli, calamine):
    """1.1 under 0.00 is what Excel shows, 1.10: 01.10 (was 01.01, a duplicate of the goal typed 1.1
    above it); 1 under 00"." shows 01., canonical (was 1., noted unpadded)."""
    codes = [(1.01, "00.00", "01.01.01"), (1.1, "00.00", "01.10.01"), (1.2, "0.00", "01.20.01"),
             (1.3, "0.0", "01.03.01"), (1.05, "00.00", "01.05.01"), (1.07, "#,##0.00", "01.07.01"),
             (1.8, None, "01.08.01")]
    path = _formatted_codes(tmp_path / "r.xlsx", codes, calamine=calamine)
    code, payload, err = _validate(run_cli, path)
    assert code == 0, err
    _, out, _ = run_cli("rollup", path, "--format", "json")
    goals = {g["code"]: g["actions"] for g in json.loads(out)["goals"]}
    assert goals == {"01.": 7, "01.01": 1, "01.10": 1, "01.20": 1, "01.03": 1, "01.05": 1, "01.07": 1, "01.08": 1}
    # as Excel shows them: unpadded 1.20 (0.00), 1.3 (0.0), 1.07 (#,##0.00), 1.8 (General); the
    # council goal 01. (00".") and the codes under 00.00 padded
    assert [(f["row"], f["data"]["raw"]) for f in payload["findings"] if f["rule"] == "H105"] == [
        (9, "1.20"), (11, "1.3"), (15, "1.07"), (17, "1.8")]
    assert not [f for f in payload["findings"] if f["rule"] in ("H101", "H102", "H104", "H107", "H109")]


def test_a_formatted_code_number_needs_no_rows_around_it(tmp_path, run_cli):
    """1.1 under 0.00 before 1.01: nothing around it says 01.10, yet Excel shows 1.10 (was read as
    01.01, a duplicate of the goal below it)."""
    path = _formatted_codes(tmp_path / "r.xlsx", [(1.1, "0.00", None), (1.01, "0.00", None)])
    _, out, err = run_cli("rollup", path, "--format", "json")
    assert [g["code"] for g in json.loads(out)["goals"]] == ["01.", "01.10", "01.01"], err
    _, payload, _ = _validate(run_cli, path)
    assert not [f for f in payload["findings"] if f["rule"] in ("H101", "H109")]


@pytest.mark.parametrize("value, code, shown", [
    (1.1, "0.00", "1.10"), (1, "00", "01"), (1, '00"."', "01."), (1.05, "00.00", "01.05"), (10.1, "00.00", "10.10"),
    (1.125, "0.00", "1.13"), (1.1, "0.0#", "1.1"), (1, "0\\.", "1."), (2, "0.00;[Red]-0.00", "2.00"),
    (1, "General", None), (1, "d.m.yyyy", None), (0.5, "0%", None), (1.5, "# ?/?", None), (-1, "00", None),
    (1, "[Blue]00", None), (1, "@", None), (1, None, None),
])
def test_the_simple_number_formats_a_code_column_is_given(value, code, shown):
    from seuranta_xl.numfmt import format_number

    assert format_number(value, code) == shown


def test_a_loaded_workbook_reads_its_code_numbers_as_the_file_does(tmp_path):
    """The openpyxl engine (a workbook prepared in memory) shows the code numbers as the file reader."""
    from openpyxl import load_workbook

    from seuranta_xl import Settings
    from seuranta_xl.parse import build_report
    from seuranta_xl.write.openpyxl_engine import OpenpyxlWorkbook

    path = _formatted_codes(tmp_path / "r.xlsx", [(1.1, "0.00", None), (1.01, "0.00", None)])
    grid, = OpenpyxlWorkbook(load_workbook(path), Settings()).grids()
    assert [item.code for item in build_report(grid).items] == ["01", "01.10", "01.01"]


@pytest.mark.parametrize("title, at", [
    ([None, "Palvelut"], 4),  # in Vuositavoite, before a council goal
    ([None, "Palvelut"], 5),  # in Vuositavoite, before an annual goal (in its own column)
    ([None, None, "Hyvinvointipalvelut"], 4),  # in Toimenpide, before a council goal
    ([None, None, "Liikunta ja kulttuuri"], 5),  # in Toimenpide, before an annual goal
], ids=["annual-before-council", "annual-before-annual", "action-before-council", "action-before-annual"])
def test_a_section_title_in_any_name_column_heads_the_block_after_it(tmp_path, run_cli, title, at):
    """A title in lower case outside the first name column gave H107 (only column A or capitals were titles)."""
    body = _body()
    body.insert(at, title + [None] * (8 - len(title)))
    path = write_rows_xlsx(_report(_HEADER, body), tmp_path / "r.xlsx", sheet="Seuranta")
    code, payload, err = _validate(run_cli, path)
    assert code == 0, err
    assert payload["findings"] == [] and payload["counts"]["uncoded_rows"] == 0
    assert payload["counts"]["actions"] == 4 and payload["counts"]["rows"] == 8


@pytest.mark.parametrize("extra, at, cell", [
    ([None, None, "Uusi toimenpide ilman koodia"], 3, "C7"),  # between actions: an action whose code is missing
    ([None, None, "Uusi toimenpide ilman koodia"], 2, "C6"),  # before the first action of its goal
    ([None, "Uusi vuositavoite"], 8, "B12"),  # nothing with a code after it, no blank row between
], ids=["among-actions", "before-action", "at-the-end"])
def test_a_lone_name_among_items_of_its_level_is_still_a_row_without_code(tmp_path, run_cli, extra, at, cell):
    body = _body()
    body.insert(at, extra + [None] * (8 - len(extra)))
    path = write_rows_xlsx(_report(_HEADER, body), tmp_path / "r.xlsx", sheet="Seuranta")
    _, payload, _ = _validate(run_cli, path)
    assert [f["column"] + str(f["row"]) for f in payload["findings"] if f["rule"] == "H107"] == [cell]


@pytest.mark.parametrize("typed, value", [
    (3, 3), (3.0, 3), ("3", 3), ("3.0", 3), ("3,0", 3), ("3,0 Toteutus on aloitettu, ei vielä valmis", 3),
    ("3,5", None), (3.5, None),
])
def test_a_grade_typed_as_a_number_alone_with_a_decimal_comma_or_point(typed, value):
    """'3,0' (Finnish Excel's decimal comma, a grade typed into a text cell) was G102 'not a grade'
    while '3.0' was 3."""
    from seuranta_xl.grades import parse_grade

    grade = parse_grade(typed)
    assert (grade.value, grade.status) == ((value, "ok") if value else (None, "invalid"))


def test_a_code_cells_number_format_is_found_however_its_tag_is_written(tmp_path):
    """The style before the reference, single quotes, a prefix, lower case: as Excel's readers take them."""
    import zipfile

    from seuranta_xl.files.reader import read_grids
    from seuranta_xl.parse import build_report

    path = _formatted_codes(tmp_path / "r.xlsx", [(1.1, "0.00", None), (1.2, "0.00", None), (1.3, "0.00", None)])
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    style = re.search(rb'<c r="A5" s="(\d+)"', sheet).group(1)
    sheet = sheet.replace(b'<c r="A5" s="%s"' % style, b'<c s="%s" r="A5"' % style)
    sheet = sheet.replace(b'<c r="A6" s="%s"' % style, b"<c r='a6' s='%s'" % style)
    parts["xl/worksheets/sheet1.xml"] = sheet
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    grid = next(read_grids(path))
    assert [item.code for item in build_report(grid).items] == ["01", "01.10", "01.20", "01.30"]


def test_a_date_or_number_in_a_text_column_reads_as_the_cell_shows_it(tmp_path):
    """A date typed into Eteneminen read as Python prints it, '2025-09-30 00:00:00'."""
    import datetime

    from openpyxl import load_workbook

    from seuranta_xl.validate import load_report

    path = write_rows_xlsx(_report(_HEADER), tmp_path / "r.xlsx", sheet="Seuranta")
    wb = load_workbook(path)
    ws = wb["Seuranta"]
    ws["G5"], ws["G6"], ws["D6"] = datetime.datetime(2025, 9, 30), datetime.datetime(2025, 10, 1, 14, 5), 12500
    ws["G5"].number_format, ws["G6"].number_format = "d.m.yyyy", "d.m.yyyy h:mm"
    wb.save(path)
    items = {item.code: item for item in load_report(path).items}
    assert (items["01.01"].progress, items["01.01.01"].progress, items["01.01.01"].risks) == (
        "30.9.2025", "1.10.2025 14:05", "12500")
