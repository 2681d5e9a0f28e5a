"""T101/T102's byte-table normal form (rules/text.py ``_normal``) is exactly ``_norm``'s, encoded."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from seuranta_xl import validate
from seuranta_xl.rules.text import (_FOLD, _LATIN_SEPARATORS, _LATIN_WORDS, _SEPARATORS, _USUAL, _WORD, _norm,
                                    _normal, _normal_words)

DATA = Path(__file__).parent / "data"


def _usual(c: int) -> bool:
    return not chr(c).encode("utf-8", "surrogatepass").translate(None, _USUAL)


def test_the_usual_characters_are_ascii_and_latin1_letters():
    usual = {c for c in range(0x110000) if _usual(c)}
    latin = {c for c in range(0xC0, 0x100) if c not in (0xD7, 0xDF, 0xF7)}
    assert usual == set(range(0x09, 0x0E)) | set(range(0x20, 0x7F)) | latin


def test_the_byte_table_is_casefold_on_every_usual_character():
    for c in [c for c in range(0x100) if _usual(c)]:
        char = chr(c)
        folded = char.encode().translate(_FOLD)
        if char.isspace():
            assert folded == b" "
        else:
            assert folded == char.casefold().encode() and char.casefold().isprintable()


def test_the_latin_word_bytes_are_word_characters():
    """A character whose bytes are all in _LATIN_WORDS is ASCII or a Latin-1 letter (\\w)."""
    chars = [c for c in range(0x110000) if not chr(c).encode("utf-8", "surrogatepass").translate(None, _LATIN_WORDS)]
    assert all(c < 0x80 or _WORD.fullmatch(chr(c)) for c in chars)
    assert {c for c in chars if c >= 0x80} == {c for c in range(0xC0, 0x100) if c not in (0xD7, 0xF7)}


def test_the_tables_mark_every_other_byte_with_ff():
    """_FOLD and _LATIN_SEPARATORS turn exactly the bytes outside their set into 0xFF (never in UTF-8),
    so that a memchr for 0xFF after the one translate tells a usual text from another."""
    for b in range(256):
        assert (_FOLD[b] == 0xFF) == (b not in _USUAL)
        assert (_LATIN_SEPARATORS[b] == 0xFF) == (b not in _LATIN_WORDS)
        if b in _LATIN_WORDS:
            assert _LATIN_SEPARATORS[b] == _SEPARATORS[b]
    assert 0xFF not in _USUAL and 0xFF not in _LATIN_WORDS
    for c in [0xFF, 0x178, 0x7FF, 0xFFFF, 0x10FFFF, 0xD800]:
        assert 0xFF not in chr(c).encode("utf-8", "surrogatepass")


TEXTS = ["ÿ", "Ÿÿ ÞÞ þ", "\u00ff\u0178 \u00d7", "Valmis.", "  Valmis ", "Valmis\n\nkäytössä", "A\u00a0B", "a\u2028b", "STRASSE Straße", "x\x1cy",
         "tab\tbed", "two  spaces", "", " ", "\n", "ÅÄÖ åäö ÉÈ ÿ Þ × ÷", "a×b÷c ß", "½ ² ٣ 漢字 – “x”", "\ud800 rikki",
         "Rakennus\u00a0valmis – käyttöönotto\u2026 syksyllä", "Cafe\u0301 ja kahvila", "a\x7fb", "\x0b\x0cv\r\n"]


@pytest.mark.parametrize("text", TEXTS)
def test_normal_is_norm_encoded(text):
    assert _normal(text) == _norm(text).encode("utf-8", "surrogatepass")
    words = [w.encode("utf-8", "surrogatepass") for w in _WORD.findall(_norm(text))]
    assert _normal_words(_normal(text)) == words


def test_normal_on_every_seed_and_generated_text(tmp_path):
    path = tmp_path / "generated_report.txt"
    path.write_bytes(gzip.decompress((DATA / "generated_report.txt.gz").read_bytes()))
    texts = [i.progress for p in (path, DATA / "seed_report.txt") for i in validate(p).items if i.progress]
    assert len(texts) > 1000
    for text in texts:
        assert _normal(text) == _norm(text).encode()
        assert _normal_words(_normal(text)) == [w.encode() for w in _WORD.findall(_norm(text))]
