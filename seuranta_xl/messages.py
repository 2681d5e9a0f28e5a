"""Messages to staff, Finnish by default with English available. Identifiers stay English."""

from __future__ import annotations

from typing import Literal

Lang = Literal["fi", "en"]

MESSAGES: dict[str, dict[str, str]] = {
    # --- input that cannot be used (exit 2) ---
    "no_header": {
        "fi": "otsikkoriviä ei löydy taulukolta {sheet} (odotettiin sarakkeita kuten Toimenpide, Etenemisaste)",
        "en": "no header row found on sheet {sheet} (expected columns such as Toimenpide, Etenemisaste)",
    },
    "no_header_any": {
        "fi": "yhdeltäkään taulukolta ei löydy seurantaraportin otsikkoriviä (Valtuustokauden tavoite, Vuositavoite, Toimenpide, Etenemisaste …)",
        "en": "no sheet has a follow-up report header (Valtuustokauden tavoite, Vuositavoite, Toimenpide, Etenemisaste …)",
    },
    "no_rows": {"fi": "taulukolla {sheet} on otsikkorivi mutta ei yhtään riviä", "en": "sheet {sheet} has a header but no rows"},
    "no_sheet": {"fi": "taulukkoa {sheet} ei ole (taulukot: {sheets})", "en": "no sheet named {sheet} (sheets: {sheets})"},
    "not_found": {"fi": "tiedostoa ei löydy", "en": "file not found"},
    "is_directory": {"fi": "on kansio, ei tiedosto", "en": "is a directory, not a file"},
    "unreadable": {"fi": "tiedostoa ei voi lukea ({reason})", "en": "cannot read the file ({reason})"},
    "not_spreadsheet": {
        "fi": "ei ole taulukkolaskentatiedosto (odotettiin .xlsx, .xlsm, .txt, .tsv tai .csv)",
        "en": "not a spreadsheet (expected .xlsx, .xlsm, .txt, .tsv or .csv)",
    },
    "not_spreadsheet_kind": {
        "fi": "on {kind}-tiedosto, ei taulukkolaskentatiedosto; tallenna raportti Excelissä muodossa .xlsx",
        "en": "is a {kind} file, not a spreadsheet; save the report as .xlsx in Excel",
    },
    "corrupt_xlsx": {"fi": "Excel-tiedosto on vioittunut tai keskeneräinen ({reason})", "en": "the Excel file is corrupt or truncated ({reason})"},
    "encrypted": {
        "fi": "tiedosto on salasanasuojattu; poista salasana Excelissä ja yritä uudelleen",
        "en": "the file is password-protected (encrypted); remove the password in Excel and try again",
    },
    "legacy_xls": {
        "fi": "vanha .xls-muoto ei ole tuettu; tallenna Excelissä muodossa .xlsx",
        "en": "the legacy .xls format is not supported; save it as .xlsx in Excel",
    },
    "ods": {
        "fi": "OpenDocument-taulukko (.ods) ei ole tuettu; tallenna muodossa .xlsx",
        "en": "OpenDocument spreadsheets (.ods) are not supported; save it as .xlsx",
    },
    "empty_workbook": {"fi": "työkirjassa ei ole yhtään taulukkoa", "en": "the workbook has no sheets"},
    "empty_file": {"fi": "tiedosto on tyhjä", "en": "the file is empty"},
    # --- limits against hostile files (Settings.limits) and reader notes ---
    "too_big": {
        "fi": "tiedosto on purettuna liian suuri ({size}; raja {limit}, asetus limits.max_uncompressed_bytes)",
        "en": "the file is too large when unpacked ({size}; limit {limit}, setting limits.max_uncompressed_bytes)",
    },
    "too_many_cells": {
        "fi": "taulukolla {sheet} on liian monta solua (raja {limit}, asetus limits.max_cells)",
        "en": "sheet {sheet} has too many cells (limit {limit}, setting limits.max_cells)",
    },
    "xml_bomb": {
        "fi": "Excel-tiedoston osa {part} sisältää DTD-määrittelyn, jota Excel ei koskaan kirjoita (mahdollinen XML-pommi); tiedostoa ei lueta",
        "en": "part {part} of the Excel file has a DTD declaration, which Excel never writes (a possible XML bomb); not read",
    },
    "formula_no_value": {
        "fi": "kaavalla {formula} ei ole tallennettua tulosta (tiedostoa ei ole laskettu Excelissä); arvo luettiin tyhjänä",
        "en": "formula {formula} has no saved result (the file was never recalculated in Excel); read as empty",
    },
    # --- batch validation of several files ---
    "no_reports_in_dir": {
        "fi": "kansiossa ei ole raportteja (.xlsx, .xlsm, .txt, .tsv, .csv)",
        "en": "the folder has no reports (.xlsx, .xlsm, .txt, .tsv, .csv)",
    },
    "unexpected": {"fi": "odottamaton virhe", "en": "unexpected error"},
    "batch_summary": {
        "fi": "{files} tiedostoa: {ok} ilman virheitä, {with_errors} virheellistä, {unusable} käyttökelvotonta",
        "en": "{files} files: {ok} without errors, {with_errors} with errors, {unusable} unusable",
    },
    # --- rule catalogue (seuranta-xl rules / rule CODE) ---
    "unknown_rule": {"fi": "tuntematon sääntö (luettelo: seuranta-xl rules)", "en": "unknown rule (list: seuranta-xl rules)"},
    "rules_head": {"fi": "koodi  vakavuus   nimi / tarkistaa", "en": "code   severity  name / checks"},
    "rule_messages": {"fi": "Viesti", "en": "Message"},
    "rule_family": {"fi": "Ryhmä", "en": "Family"},
    "rule_severity": {"fi": "Oletusvakavuus", "en": "Default severity"},
    # --- package engine (write/package): lines in Applied.skipped and Applied.notes ---
    "package_formula_kept": {
        "fi": "solussa {sheet}!{cell} on kaava; sitä ei korvattu",
        "en": "cell {sheet}!{cell} holds a formula; it was not overwritten",
        "sv": "cellen {sheet}!{cell} innehåller en formel; den skrevs inte över",
    },
    "package_no_sheet": {
        "fi": "taulukkoa {sheet} ei ole; toimintoa {action} ei tehty",
        "en": "there is no sheet {sheet}; {action} was not done",
        "sv": "bladet {sheet} finns inte; {action} gjordes inte",
    },
    "package_signature": {
        "fi": "työkirjan digitaalinen allekirjoitus ei enää päde (mikä tahansa muutos mitätöi sen)",
        "en": "the workbook's digital signature is no longer valid (any change invalidates it)",
        "sv": "arbetsbokens digitala signatur gäller inte längre (varje ändring gör den ogiltig)",
    },
    "package_not_zip": {
        "fi": "ei ole luettava zip-paketti ({reason})",
        "en": "not a readable zip package ({reason})",
        "sv": "är inte ett läsbart zip-paket ({reason})",
    },
    "package_damaged": {
        "fi": "työkirjapaketti on vioittunut ({reason})",
        "en": "the workbook package is damaged ({reason})",
        "sv": "arbetsbokspaketet är skadat ({reason})",
    },
    "package_part_damaged": {
        "fi": "osa {part} on vioittunut ({reason})",
        "en": "part {part} is damaged ({reason})",
        "sv": "delen {part} är skadad ({reason})",
    },
    "package_dtd": {
        "fi": "osassa {part} on DTD-määrittely, jota työkirjassa ei saa olla",
        "en": "part {part} declares a DTD, which a workbook never has",
        "sv": "delen {part} har en DTD-deklaration, vilket en arbetsbok aldrig har",
    },
    "package_unsupported": {
        "fi": "osaa {part} ei voi muokata turvallisesti ({reason})",
        "en": "part {part} cannot be edited safely ({reason})",
        "sv": "delen {part} kan inte redigeras säkert ({reason})",
    },
    "package_too_large": {
        "fi": "paketti on liian suuri kirjoitettavaksi ilman zip64-muotoa",
        "en": "the package is too large to write without zip64",
        "sv": "paketet är för stort för att skrivas utan zip64",
    },
}


def t(key: str, lang: str = "fi", **values: object) -> str:
    """The message ``key`` in ``lang`` (falls back to Finnish), filled with ``values``."""
    texts = MESSAGES[key]
    return texts.get(lang, texts["fi"]).format(**values)
