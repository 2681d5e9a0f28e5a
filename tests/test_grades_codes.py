"""The grade scale and the code grammar: what people really type."""

import pytest

from seuranta_xl.codes import display_code, parent_code, parse_code
from seuranta_xl.grades import DEFAULT_SCALE, parse_grade


@pytest.mark.parametrize("typed, value", [
    (3, 3), ("3", 3), (3.0, 3), ("3.0", 3), (" 3  ", 3), ("3 Toteutus on aloitettu, ei vielä valmis", 3),
    ("5 Toimenpide on toteutettu ja käyttöön otettu toteutusohjelman mukaan", 5), ("4=Toteutusvaiheessa", 4),
    ("1 Toteutuksessa ei ole edetty tai toimenpide ei vaadi toimenpiteitä ko. toimialalta", 1),
])
def test_valid_grades_number_decides(typed, value):
    grade = parse_grade(typed)
    assert grade.status == "ok" and grade.value == value


@pytest.mark.parametrize("typed", ["3,5", "3.5", 3.5, 0, "0", 6, "6", "hyvä", "Toteutus on aloitettu", True, "-2"])
def test_invalid_grades_keep_raw_text(typed):
    grade = parse_grade(typed)
    assert grade.status == "invalid" and grade.value is None and grade.raw == str(typed).strip()


@pytest.mark.parametrize("typed", [None, "", "   "])
def test_missing_grade(typed):
    assert parse_grade(typed).status == "missing"


def test_label_compared_not_trusted():
    exact = parse_grade("3 " + DEFAULT_SCALE[3])
    assert exact.label_exact is True and exact.label_level == 3
    variant = parse_grade("4 Toteutusvaiheessa lähellä valmistumista, ei vielä viimeistelyä/käyttöön otettu")
    assert variant.value == 4 and variant.label_exact is False and variant.label_level == 4
    disagree = parse_grade("2 Toteutus on aloitettu, ei vielä valmis")
    assert disagree.value == 2 and disagree.label_level == 3
    label_only = parse_grade("Toteutus on aloitettu, ei vielä valmis")
    assert label_only.status == "invalid" and label_only.label_level == 3


def _closest_by_difflib(label, scale):
    """closest_level as difflib alone decides it (before its shortcut for a label typed as the scale has it)."""
    import difflib

    from seuranta_xl.grades import _LABEL_MATCH, _norm

    best, best_ratio = None, 0.0
    for level, text in scale.items():
        ratio = difflib.SequenceMatcher(None, _norm(label), _norm(text)).ratio()
        if ratio > best_ratio:
            best, best_ratio = level, ratio
    return (best, best_ratio) if best_ratio >= _LABEL_MATCH else (None, best_ratio)


_LONG = "Toteutus " + "on aloitettu ja etenee, " * 12  # over 200 characters: difflib's autojunk applies


@pytest.mark.parametrize("scale", [DEFAULT_SCALE, {1: "Alku", 2: "alku ", 3: "Valmis"}, {1: "x", 2: "", 3: _LONG},
                                   {1: _LONG + "!", 2: _LONG}])
def test_a_label_typed_as_the_scale_has_it_is_found_as_difflib_finds_it(scale):
    from seuranta_xl.grades import closest_level

    labels = [*scale.values(), *(t.upper() + " ." for t in scale.values()), *(t[:-3] for t in scale.values()),
              *("  " + t.replace(" ", "   ") for t in scale.values()), "", ".", "ALKU", "Toteutus on aloitettu", _LONG]
    for label in labels:
        assert closest_level(label, scale) == _closest_by_difflib(label, scale), label


def test_canonical_text():
    assert parse_grade("3").text() == "3 Toteutus on aloitettu, ei vielä valmis"


@pytest.mark.parametrize("typed, code, level, name, canonical", [
    ("01. Uudistamme kuntaa", "01", "council", "Uudistamme kuntaa", True),
    ("01.05 Vahvistamme", "01.05", "annual", "Vahvistamme", True),
    ("01.05.01 Harmonisoimme", "01.05.01", "action", "Harmonisoimme", True),
    ("1.3.2 Teemme", "01.03.02", "action", "Teemme", False),
    ("01.05.01. Teemme", "01.05.01", "action", "Teemme", False),
    ("01.05: Nimi", "01.05", "annual", "Nimi", False),
    ("  15.01   Edistämme ", "15.01", "annual", "Edistämme", True),
    ("03.", "03", "council", "", True),
    (1.05, "01.05", "annual", "", False),
])
def test_codes(typed, code, level, name, canonical):
    parsed = parse_code(typed)
    assert (parsed.code, parsed.level, parsed.name, parsed.canonical) == (code, level, name, canonical)


@pytest.mark.parametrize("typed", ["Resurssipula", "2021 alkaen", "", None, "TE-palvelut", 2021])
def test_not_codes(typed):
    assert parse_code(typed) is None


def test_plain_codes_read_as_the_full_grammar_reads_them():
    """parse_code reads a canonically typed code and a space without the full pattern (the common
    case, for speed): what it gives must be what the full pattern gives, near that case too."""
    from seuranta_xl.codes import _parse_code

    codes = ["01.", "01.05", "01.05.01", "1.", "12.34.56", "\u0661\u0662.\u0663\u0664.\u0665\u0666", "01.05.",
             "01.05.01.", "01.05.01a", "03.06a", "01.01.01.1", "00.00.00", "01.05.01.01", "01.5", "1.05.01",
             "01.05.1", "123.45", "01.05.012"]
    gaps = ["", " ", "  ", " \u00a0", "\t", "\n", " \x1c", "\u2003", " .", " - ", ".", ":"]
    names = ["", "Nimi", "nimi ", "Nimi \u00a0", ".1 x", "01.02 x", " ", "\n", "Äx", "x\u2003", "2021"]
    for code in codes:
        for gap in gaps:
            for name in names:
                for text in (code + gap + name, " " + code + gap + name):
                    assert parse_code(text) == _parse_code(text, True), text


def test_code_relations():
    assert parent_code("01.05.01") == "01.05" and parent_code("01.05") == "01" and parent_code("01") is None
    assert display_code("01") == "01." and display_code("01.05") == "01.05"
