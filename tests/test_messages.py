"""The one message catalogue: every id in every language, with the same parameters."""

from __future__ import annotations

import string

import pytest

from seuranta_xl.messages import LANGUAGES, MESSAGES, t, texts


def _fields(text) -> set[str]:
    if not isinstance(text, str):
        return set()
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_every_language_with_the_same_parameters(key):
    entry = MESSAGES[key]
    assert set(entry) == set(LANGUAGES), f"{key} lacks {set(LANGUAGES) - set(entry)}"
    assert all(entry[lang] for lang in LANGUAGES)
    assert {lang: _fields(entry[lang]) for lang in LANGUAGES} == {lang: _fields(entry["fi"]) for lang in LANGUAGES}
    if not isinstance(entry["fi"], str):  # a row of titles: as many in every language
        assert {len(entry[lang]) for lang in LANGUAGES} == {len(entry["fi"])}


def test_rendering_falls_back_to_finnish_and_fills_parameters():
    assert t("written", "sv", path="x.xlsx") == "skrev x.xlsx"
    assert t("written", "de", path="x.xlsx") == "kirjoitettu x.xlsx"
    assert texts("sheet.findings.header", "sv")[1] == "Regel"
