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
    # --- the reporting cycle: compare, split, merge (issue 16) ---
    "cmp_level_council": {"fi": "valtuustokauden tavoite", "en": "council-term goal", "sv": "fullmäktigemål"},
    "cmp_level_annual": {"fi": "vuositavoite", "en": "annual goal", "sv": "årsmål"},
    "cmp_level_action": {"fi": "toimenpide", "en": "action", "sv": "åtgärd"},
    "cmp_added": {"fi": "uusi {level}: {name}", "en": "new {level}: {name}", "sv": "nytt {level}: {name}"},
    "cmp_removed": {"fi": "poistunut {level}: {name}", "en": "removed {level}: {name}", "sv": "borttaget {level}: {name}"},
    "cmp_renumbered": {
        "fi": "koodi muuttunut {old} → {new} (sama {level} nimen perusteella: {name})",
        "en": "code changed {old} → {new} (the same {level} by its name: {name})",
        "sv": "koden har ändrats {old} → {new} (samma {level} enligt namnet: {name})",
    },
    "cmp_renamed": {"fi": "nimi muuttunut: {new}", "en": "name changed: {new}", "sv": "namnet har ändrats: {new}"},
    "cmp_grade_up": {
        "fi": "etenemisaste {old} → {new}: edennyt", "en": "grade {old} → {new}: progressed",
        "sv": "framskridningsgrad {old} → {new}: har framskridit",
    },
    "cmp_grade_down": {
        "fi": "etenemisaste {old} → {new}: heikentynyt", "en": "grade {old} → {new}: worsened",
        "sv": "framskridningsgrad {old} → {new}: har försämrats",
    },
    "cmp_grade_set": {
        "fi": "etenemisaste annettu: {new} (puuttui edellisestä raportista)",
        "en": "grade given: {new} (missing from the previous report)",
        "sv": "framskridningsgrad angiven: {new} (saknades i föregående rapport)",
    },
    "cmp_grade_cleared": {
        "fi": "etenemisaste puuttuu (edellisessä raportissa {old})",
        "en": "grade missing (the previous report had {old})",
        "sv": "framskridningsgrad saknas (i föregående rapport {old})",
    },
    "cmp_status_up": {
        "fi": "laskettu kokonaistilanne parantunut {old} → {new}",
        "en": "computed overall status improved {old} → {new}",
        "sv": "beräknat helhetsläge har förbättrats {old} → {new}",
    },
    "cmp_status_down": {
        "fi": "laskettu kokonaistilanne heikentynyt {old} → {new}",
        "en": "computed overall status worsened {old} → {new}",
        "sv": "beräknat helhetsläge har försämrats {old} → {new}",
    },
    "cmp_responsible_changed": {
        "fi": "vastuuhenkilö vaihtunut: {old} → {new}", "en": "responsible person changed: {old} → {new}",
        "sv": "ansvarspersonen har bytts: {old} → {new}",
    },
    "cmp_risks_added": {"fi": "uusi riski: {items}", "en": "risk added: {items}", "sv": "ny risk: {items}"},
    "cmp_risks_removed": {"fi": "riski poistunut: {items}", "en": "risk removed: {items}", "sv": "risken har strukits: {items}"},
    "cmp_not_updated": {
        "fi": "eteneminen sama kuin edellisessä raportissa ja etenemisaste ennallaan ({grade}): riviä ei ehkä ole päivitetty",
        "en": "progress text as in the previous report and the grade unchanged ({grade}): the row may not have been updated",
        "sv": "framskridandet som i föregående rapport och framskridningsgraden oförändrad ({grade}): raden har kanske inte uppdaterats",
    },
    "cmp_summary": {
        "fi": "{improved} toimenpidettä edennyt, {worsened} heikentynyt, {not_updated} ilman päivitystä",
        "en": "{improved} actions progressed, {worsened} worsened, {not_updated} without an update",
        "sv": "{improved} åtgärder har framskridit, {worsened} har försämrats, {not_updated} utan uppdatering",
    },
    "cmp_summary_one": {
        "fi": "{improved} toimenpide edennyt, {worsened} heikentynyt, {not_updated} ilman päivitystä",
        "en": "{improved} action progressed, {worsened} worsened, {not_updated} without an update",
        "sv": "{improved} åtgärd har framskridit, {worsened} har försämrats, {not_updated} utan uppdatering",
    },
    "cmp_summary_added": {
        "fi": "; uusia {added}, poistuneita {removed}", "en": "; {added} new, {removed} removed",
        "sv": "; {added} nya, {removed} borttagna",
    },
    "cmp_head": {"fi": "vertailu: {old} → {new}", "en": "comparison: {old} → {new}", "sv": "jämförelse: {old} → {new}"},
    "cmp_none": {"fi": "ei muutoksia", "en": "no changes", "sv": "inga ändringar"},
    "cmp_col_code": {"fi": "Koodi", "en": "Code", "sv": "Kod"},
    "cmp_col_sheet": {"fi": "Taulukko", "en": "Sheet", "sv": "Blad"},
    "cmp_col_change": {"fi": "Muutos", "en": "Change", "sv": "Ändring"},
    "cmp_col_old": {"fi": "Edellinen", "en": "Previous", "sv": "Föregående"},
    "cmp_col_new": {"fi": "Nyt", "en": "Now", "sv": "Nu"},
    "cmp_sheet_source": {"fi": "Verrattu raporttiin {old}", "en": "Compared with {old}", "sv": "Jämfört med {old}"},
    "cmp_foreign_sheet": {
        "fi": "työkirjassa on jo taulukko \"{sheet}\", jota seuranta-xl ei ole tehnyt; nimeä se uudelleen, niin sen sisältö säilyy",
        "en": "the workbook already has a sheet \"{sheet}\" that seuranta-xl did not make; rename it so that its content is kept",
        "sv": "arbetsboken har redan ett blad \"{sheet}\" som seuranta-xl inte har skapat; byt namn på det så att innehållet bevaras",
    },
    "cycle_written": {"fi": "kirjoitettu {path}", "en": "wrote {path}", "sv": "skrev {path}"},
    "split_not_dir": {"fi": "ei ole kansio", "en": "is not a folder", "sv": "är inte en mapp"},
    "split_exists": {
        "fi": "tiedosto on jo olemassa; käytä --force korvataksesi sen",
        "en": "the file already exists; use --force to overwrite it",
        "sv": "filen finns redan; använd --force för att ersätta den",
    },
    "split_file": {
        "fi": "{path}: {person}, {rows} riviä vastattavana, {context} taustariviä",
        "en": "{path}: {person}, {rows} rows to answer, {context} context rows",
        "sv": "{path}: {person}, {rows} rader att besvara, {context} bakgrundsrader",
    },
    "split_spellings": {"fi": "  kirjoitusasut: {names}", "en": "  spellings: {names}", "sv": "  stavningar: {names}"},
    "split_missing_person": {"fi": "vastuuhenkilö puuttuu", "en": "responsible person missing", "sv": "ansvarsperson saknas"},
    "split_missing": {
        "fi": "vastuuhenkilö puuttuu {count} riviltä: {codes}",
        "en": "{count} rows have no responsible person: {codes}",
        "sv": "{count} rader saknar ansvarsperson: {codes}",
    },
    "split_uncoded": {
        "fi": "{count} riviä ilman koodia ei lähetetty (rivit {rows}): niitä ei voi koota takaisin koodin perusteella",
        "en": "{count} rows without a code not sent (rows {rows}): they cannot be merged back by code",
        "sv": "{count} rader utan kod skickades inte (rader {rows}): de kan inte sammanföras med koden",
    },
    "split_summary": {
        "fi": "{files} tiedostoa kansioon {directory}",
        "en": "{files} files in {directory}",
        "sv": "{files} filer i mappen {directory}",
    },
    "merge_not_split": {
        "fi": "ei ole jaettu vastaustiedosto (piilotettu taulukko _jako puuttuu); tee tiedostot komennolla seuranta-xl split",
        "en": "not a split answer file (the hidden sheet _jako is missing); make the files with seuranta-xl split",
        "sv": "är inte en utdelad svarsfil (det dolda bladet _jako saknas); skapa filerna med seuranta-xl split",
    },
    "merge_no_files": {
        "fi": "ei vastaustiedostoja (.xlsx, .xlsm)", "en": "no answer files (.xlsx, .xlsm)",
        "sv": "inga svarsfiler (.xlsx, .xlsm)",
    },
    "merge_outside_rows": {
        "fi": "{code}: muutos rivillä, joka ei ole vastaajan vastattavana ({field})",
        "en": "{code}: a change on a row that is not the person's to answer ({field})",
        "sv": "{code}: en ändring på en rad som personen inte ansvarar för ({field})",
    },
    "merge_field_not_theirs": {
        "fi": "{code}: kenttää {field} ei täytä vastuuhenkilö; muutosta ei koottu",
        "en": "{code}: the field {field} is not filled by the responsible person; not merged",
        "sv": "{code}: fältet {field} fylls inte i av ansvarspersonen; ändringen togs inte med",
    },
    "merge_code_changed": {
        "fi": "{code}: koodi muutettu muotoon {new}; koodia ei voi muuttaa vastaustiedostossa, rivin vastauksia ei koottu",
        "en": "{code}: the code was changed to {new}; codes cannot be changed in an answer file, the row was not merged",
        "sv": "{code}: koden har ändrats till {new}; koder kan inte ändras i en svarsfil, raden togs inte med",
    },
    "merge_row_added": {
        "fi": "{code}: lisätty rivi; uudet rivit lisätään koosteeseen, ei vastaustiedostoon",
        "en": "{code}: an added row; new rows are added to the master, not to an answer file",
        "sv": "{code}: en tillagd rad; nya rader läggs till i sammanställningen, inte i en svarsfil",
    },
    "merge_row_deleted": {
        "fi": "{code}: rivi poistettu vastaustiedostosta; koosteen riviä ei muutettu",
        "en": "{code}: the row was deleted from the answer file; the master's row was not changed",
        "sv": "{code}: raden har tagits bort ur svarsfilen; raden i sammanställningen ändrades inte",
    },
    "merge_formula": {
        "fi": "{code}: koosteen solussa {cell} on kaava; sen päälle ei kirjoiteta",
        "en": "{code}: the master's cell {cell} holds a formula; it is never written over",
        "sv": "{code}: cellen {cell} i sammanställningen innehåller en formel; den skrivs aldrig över",
    },
    "merge_not_in_master": {
        "fi": "{code}: koodia ei enää ole koosteessa", "en": "{code}: the code is no longer in the master",
        "sv": "{code}: koden finns inte längre i sammanställningen",
    },
    "merge_no_column": {
        "fi": "{code}: koosteessa ei ole saraketta {field}", "en": "{code}: the master has no column {field}",
        "sv": "{code}: sammanställningen har ingen kolumn {field}",
    },
    "merge_conflict": {
        "fi": "{code}: koosteen riviä on muutettu jakamisen jälkeen ja vastaus kentässä {field} poikkeaa siitä; ei koottu",
        "en": "{code}: the master's row changed since the split and the answer in {field} differs from it; not merged",
        "sv": "{code}: raden i sammanställningen har ändrats efter utdelningen och svaret i {field} avviker; togs inte med",
    },
    "merge_two_answers": {
        "fi": "kahdessa vastaustiedostossa eri vastaus soluun {cell}; ei koottu",
        "en": "two answer files give different answers for cell {cell}; not merged",
        "sv": "två svarsfiler ger olika svar för cellen {cell}; togs inte med",
    },
    "merge_head": {"fi": "kooste: {master} ← {files} vastaustiedostoa", "en": "merge: {master} ← {files} answer files",
                   "sv": "sammanställning: {master} ← {files} svarsfiler"},
    "merge_person": {"fi": "{person}: {count} vastausta koottu", "en": "{person}: {count} answers merged",
                     "sv": "{person}: {count} svar sammanförda"},
    "merge_refused_head": {"fi": "hylätyt muutokset ({count}):", "en": "refused changes ({count}):",
                           "sv": "avvisade ändringar ({count}):"},
    "merge_conflicts_head": {"fi": "ristiriidat ({count}):", "en": "conflicts ({count}):", "sv": "konflikter ({count}):"},
    "merge_not_returned": {"fi": "palauttamatta: {persons}", "en": "not returned yet: {persons}",
                           "sv": "inte returnerade ännu: {persons}"},
    "merge_unchanged": {"fi": "ei koottavaa: {files}", "en": "nothing to merge: {files}", "sv": "inget att sammanföra: {files}"},
    "merge_counts": {
        "fi": "koottu työkirja tarkistettu: {errors} virhettä, {warnings} varoitusta, {infos} huomautusta",
        "en": "merged workbook checked: {errors} errors, {warnings} warnings, {infos} notes",
        "sv": "den sammanställda arbetsboken kontrollerad: {errors} fel, {warnings} varningar, {infos} anmärkningar",
    },
    "merge_no_output": {
        "fi": "anna kohdetiedosto -o OUT (tai --in-place, jolloin tiedosto korvataan ja varmuuskopio säilytetään)",
        "en": "give an output file -o OUT (or --in-place to replace the file, keeping a backup)",
        "sv": "ange en utfil -o OUT (eller --in-place för att ersätta filen, en säkerhetskopia sparas)",
    },
}


def t(key: str, lang: str = "fi", **values: object) -> str:
    """The message ``key`` in ``lang`` (falls back to Finnish), filled with ``values``."""
    texts = MESSAGES[key]
    return texts.get(lang, texts["fi"]).format(**values)
