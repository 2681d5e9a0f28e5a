"""Messages to staff, Finnish by default with English available. Identifiers stay English."""

from __future__ import annotations

#: Languages of every message: Finnish (the default), English, Swedish.
LANGUAGES = ("fi", "en", "sv")

MESSAGES: dict[str, dict[str, str]] = {
    # --- input that cannot be used (exit 2) ---
    "no_header": {
        "fi": "otsikkoriviä ei löydy taulukolta {sheet} (odotettiin sarakkeita kuten Toimenpide, Etenemisaste)",
        "en": "no header row found on sheet {sheet} (expected columns such as Toimenpide, Etenemisaste)",
        "sv": "ingen rubrikrad på bladet {sheet} (väntade kolumner som Toimenpide, Etenemisaste)",
    },
    "no_header_any": {
        "fi": "yhdeltäkään taulukolta ei löydy seurantaraportin otsikkoriviä (Valtuustokauden tavoite, Vuositavoite, Toimenpide, Etenemisaste …)",
        "en": "no sheet has a follow-up report header (Valtuustokauden tavoite, Vuositavoite, Toimenpide, Etenemisaste …)",
        "sv": "inget blad har en uppföljningsrapports rubrikrad (Valtuustokauden tavoite, Vuositavoite, Toimenpide, Etenemisaste …)",
    },
    "no_rows": {"fi": "taulukolla {sheet} on otsikkorivi mutta ei yhtään riviä", "en": "sheet {sheet} has a header but no rows", "sv": "bladet {sheet} har en rubrikrad men inga rader"},
    "no_coded_rows": {
        "fi": "yhdelläkään taulukolla ei ole koodattuja rivejä (01., 01.05, 01.05.01); taulukolla {sheet} on otsikkorivi mutta ei yhtään tavoitteen tai toimenpiteen koodia",
        "en": "no sheet has coded rows (01., 01.05, 01.05.01); sheet {sheet} has a header row but no goal or action code",
        "sv": "inget blad har kodade rader (01., 01.05, 01.05.01); bladet {sheet} har en rubrikrad men ingen mål- eller åtgärdskod",
    },
    "no_sheet": {"fi": "taulukkoa {sheet} ei ole (taulukot: {sheets})", "en": "no sheet named {sheet} (sheets: {sheets})", "sv": "bladet {sheet} finns inte (blad: {sheets})"},
    "not_found": {"fi": "tiedostoa ei löydy", "en": "file not found", "sv": "filen finns inte"},
    "is_directory": {"fi": "on kansio, ei tiedosto", "en": "is a directory, not a file", "sv": "är en mapp, inte en fil"},
    "unreadable": {"fi": "tiedostoa ei voi lukea ({reason})", "en": "cannot read the file ({reason})", "sv": "filen kan inte läsas ({reason})"},
    "not_spreadsheet": {
        "fi": "ei ole taulukkolaskentatiedosto (odotettiin .xlsx, .xlsm, .txt, .tsv tai .csv)",
        "en": "not a spreadsheet (expected .xlsx, .xlsm, .txt, .tsv or .csv)",
        "sv": "är inte ett kalkylblad (väntade .xlsx, .xlsm, .txt, .tsv eller .csv)",
    },
    "not_spreadsheet_kind": {
        "fi": "on {kind}-tiedosto, ei taulukkolaskentatiedosto; tallenna raportti Excelissä muodossa .xlsx",
        "en": "is a {kind} file, not a spreadsheet; save the report as .xlsx in Excel",
        "sv": "är en {kind}-fil, inte ett kalkylblad; spara rapporten som .xlsx i Excel",
    },
    "corrupt_xlsx": {"fi": "Excel-tiedosto on vioittunut tai keskeneräinen ({reason})", "en": "the Excel file is corrupt or truncated ({reason})", "sv": "Excel-filen är skadad eller ofullständig ({reason})"},
    "encrypted": {
        "fi": "tiedosto on salasanasuojattu; poista salasana Excelissä ja yritä uudelleen",
        "en": "the file is password-protected (encrypted); remove the password in Excel and try again",
        "sv": "filen är lösenordsskyddad (krypterad); ta bort lösenordet i Excel och försök igen",
    },
    "legacy_xls": {
        "fi": "vanha .xls-muoto ei ole tuettu; tallenna Excelissä muodossa .xlsx",
        "en": "the legacy .xls format is not supported; save it as .xlsx in Excel",
        "sv": "det gamla .xls-formatet stöds inte; spara filen som .xlsx i Excel",
    },
    "ods": {
        "fi": "OpenDocument-taulukko (.ods) ei ole tuettu; tallenna muodossa .xlsx",
        "en": "OpenDocument spreadsheets (.ods) are not supported; save it as .xlsx",
        "sv": "OpenDocument-kalkylblad (.ods) stöds inte; spara filen som .xlsx",
    },
    "empty_workbook": {"fi": "työkirjassa ei ole yhtään taulukkoa", "en": "the workbook has no sheets", "sv": "arbetsboken har inga blad"},
    "empty_file": {"fi": "tiedosto on tyhjä", "en": "the file is empty", "sv": "filen är tom"},
    # --- limits against hostile files (Settings.limits) and reader notes ---
    "too_big": {
        "fi": "tiedosto on purettuna liian suuri ({size}; raja {limit}, asetus limits.max_uncompressed_bytes)",
        "en": "the file is too large when unpacked ({size}; limit {limit}, setting limits.max_uncompressed_bytes)",
        "sv": "filen är för stor uppackad ({size}; gräns {limit}, inställningen limits.max_uncompressed_bytes)",
    },
    "too_many_cells": {
        "fi": "taulukolla {sheet} on liian monta solua (raja {limit}, asetus limits.max_cells)",
        "en": "sheet {sheet} has too many cells (limit {limit}, setting limits.max_cells)",
        "sv": "bladet {sheet} har för många celler (gräns {limit}, inställningen limits.max_cells)",
    },
    "xml_bomb": {
        "fi": "Excel-tiedoston osa {part} sisältää DTD-määrittelyn, jota Excel ei koskaan kirjoita (mahdollinen XML-pommi); tiedostoa ei lueta",
        "en": "part {part} of the Excel file has a DTD declaration, which Excel never writes (a possible XML bomb); not read",
        "sv": "delen {part} i Excel-filen har en DTD-deklaration, som Excel aldrig skriver (en möjlig XML-bomb); filen läses inte",
    },
    "formula_no_value": {
        "fi": "kaavalla {formula} ei ole tallennettua tulosta (tiedostoa ei ole laskettu Excelissä); arvo luettiin tyhjänä",
        "en": "formula {formula} has no saved result (the file was never recalculated in Excel); read as empty",
        "sv": "formeln {formula} har inget sparat resultat (filen har aldrig räknats om i Excel); lästes som tom",
    },
    # --- batch validation of several files ---
    "no_reports_in_dir": {
        "fi": "kansiossa ei ole raportteja (.xlsx, .xlsm, .txt, .tsv, .csv)",
        "en": "the folder has no reports (.xlsx, .xlsm, .txt, .tsv, .csv)",
        "sv": "mappen har inga rapporter (.xlsx, .xlsm, .txt, .tsv, .csv)",
    },
    "unexpected": {"fi": "odottamaton virhe", "en": "unexpected error", "sv": "oväntat fel"},
    "batch_summary": {
        "fi": "{files} tiedostoa: {ok} ilman virheitä, {with_errors} virheellistä, {unusable} käyttökelvotonta",
        "en": "{files} files: {ok} without errors, {with_errors} with errors, {unusable} unusable",
        "sv": "{files} filer: {ok} utan fel, {with_errors} med fel, {unusable} oanvändbara",
    },
    # --- command summaries (commands.py; rendered by the CLI and the ribbon) ---
    "summary.validate": {
        "fi": "tarkistettu {rows} riviä, {actions} toimenpidettä: {errors} virhettä, {warnings} varoitusta, {infos} huomautusta",
        "en": "checked {rows} rows, {actions} actions: {errors} errors, {warnings} warnings, {infos} notes",
        "sv": "kontrollerade {rows} rader, {actions} åtgärder: {errors} fel, {warnings} varningar, {infos} anmärkningar",
    },
    "summary.dropdowns": {
        "fi": "pudotusvalikot: etenemisaste ja vastuuhenkilö riveille {first}–{last} (listat taulukolla Listat)",
        "en": "dropdowns: grade and responsible person on rows {first}–{last} (lists on sheet Listat)",
        "sv": "rullgardinslistor: framskridningsgrad och ansvarsperson på raderna {first}–{last} (listorna på bladet Listat)",
    },
    "summary.rollup": {
        "fi": "kokonaistilanne laskettu {goals} tavoitteelle: {written} arvoa kirjoitettu, {own} omaa arvoa säilytetty; yhteenveto taulukolla {sheet}",
        "en": "overall status computed for {goals} goals: {written} values written, {own} own values kept; summary on sheet {sheet}",
        "sv": "helhetsläget beräknat för {goals} mål: {written} värden skrivna, {own} egna värden bevarade; sammanfattning på bladet {sheet}",
    },
    "summary.highlight": {
        "fi": "{errors} virhettä, {warnings} varoitusta, {infos} huomautusta; {marked} riviä merkitty, havainnot taulukolla {sheet}",
        "en": "{errors} errors, {warnings} warnings, {infos} notes; {marked} rows marked, findings on sheet {sheet}",
        "sv": "{errors} fel, {warnings} varningar, {infos} anmärkningar; {marked} rader markerade, iakttagelserna på bladet {sheet}",
    },
    "summary.missing": {
        "fi": "puuttuvat pakolliset tiedot korostetaan sarakkeissa {columns} heti kirjoitettaessa",
        "en": "missing required fields are highlighted live in columns {columns}",
        "sv": "saknade obligatoriska uppgifter markeras direkt i kolumnerna {columns}",
    },
    "summary.clear": {
        "fi": "merkinnät poistettu (korostukset, apusarake, taulukko Tarkistus)",
        "en": "marks removed (highlights, helper column, sheet Tarkistus)",
        "sv": "markeringarna borttagna (färgmarkeringar, hjälpkolumn, bladet Tarkistus)",
    },
    "summary.clear_all": {
        "fi": "kaikki seuranta-xl:n lisäykset poistettu",
        "en": "everything seuranta-xl added has been removed",
        "sv": "allt som seuranta-xl har lagt till har tagits bort",
    },
    "summary.run": {
        "fi": "{errors} virhettä, {warnings} varoitusta, {infos} huomautusta — katso välilehti {sheet}",
        "en": "{errors} errors, {warnings} warnings, {infos} notes — see sheet {sheet}",
        "sv": "{errors} fel, {warnings} varningar, {infos} anmärkningar — se bladet {sheet}",
    },
    "written": {"fi": "kirjoitettu {path}", "en": "wrote {path}", "sv": "skrev {path}"},
    "no_output": {
        "fi": "anna tulostiedosto (-o TULOS.xlsx) tai --in-place; syötettä ei muuteta muuten",
        "en": "give an output file (-o OUT.xlsx) or --in-place; the input is never changed otherwise",
        "sv": "ange en utdatafil (-o UT.xlsx) eller --in-place; indata ändras aldrig annars",
    },
    "in_place_and_output": {
        "fi": "anna joko --in-place tai -o TULOS, ei molempia",
        "en": "give either --in-place or -o OUT, not both",
        "sv": "ange antingen --in-place eller -o UT, inte båda",
    },
    "interrupted": {"fi": "keskeytetty", "en": "interrupted", "sv": "avbrutet"},
    # --- terminal output (cli/output.py) ---
    "out.row": {"fi": "rivi {row}", "en": "row {row}", "sv": "rad {row}"},
    "out.all_sheets": {"fi": "kaikki {sheets} taulukkoa:", "en": "all {sheets} sheets:", "sv": "alla {sheets} blad:"},
    "out.whole_report": {"fi": "koko raportti", "en": "whole report", "sv": "hela rapporten"},
    "severity.error": {"fi": "virhe", "en": "error", "sv": "fel"},
    "severity.warning": {"fi": "varoitus", "en": "warning", "sv": "varning"},
    "severity.info": {"fi": "huom", "en": "info", "sv": "obs"},
    "out.rollup.code": {"fi": "koodi", "en": "code", "sv": "kod"},
    "out.rollup.mean": {"fi": "ka.", "en": "mean", "sv": "medel"},
    "out.rollup.worst": {"fi": "heikoin", "en": "worst", "sv": "sämst"},
    "out.rollup.actions": {"fi": "toimenp.", "en": "actions", "sv": "åtgärder"},
    "out.rollup.reported": {"fi": "ilmoitettu", "en": "reported", "sv": "rapporterat"},
    "out.rollup.name": {"fi": "nimi", "en": "name", "sv": "namn"},
    "out.rollup.total": {"fi": "yhteensä", "en": "total", "sv": "totalt"},
    # --- the ribbon (excel/ribbon.py) ---
    "ribbon.failed": {
        "fi": "Seuranta ei onnistunut: {reason}",
        "en": "Seuranta did not succeed: {reason}",
        "sv": "Seuranta lyckades inte: {reason}",
    },
    "ribbon.no_workbook": {
        "fi": "Seuranta ei löydä avointa raporttia. Jos Excel näyttää keltaisen palkin ”Suojattu näkymä”, valitse Ota muokkaus käyttöön ja paina painiketta uudelleen.",
        "en": "Seuranta cannot find an open report. If Excel shows the yellow Protected View bar, choose Enable Editing and press the button again.",
        "sv": "Seuranta hittar ingen öppen rapport. Om Excel visar det gula fältet ”Skyddad vy”, välj Aktivera redigering och tryck på knappen igen.",
    },
    "ribbon.busy": {
        "fi": "Seuranta on jo käynnissä tässä työkirjassa. Odota, että edellinen painallus valmistuu.",
        "en": "Seuranta is already running on this workbook. Wait for the previous click to finish.",
        "sv": "Seuranta körs redan i den här arbetsboken. Vänta tills det föregående klicket är klart.",
    },
    "ribbon.excel_busy": {
        "fi": "Excel ei ota komentoja vastaan juuri nyt: lopeta solun muokkaus (Enter tai Esc) tai sulje avoin valintaikkuna ja yritä uudelleen.",
        "en": "Excel is not accepting commands right now: finish editing the cell (Enter or Esc) or close the open dialog, then try again.",
        "sv": "Excel tar inte emot kommandon just nu: avsluta redigeringen av cellen (Enter eller Esc) eller stäng den öppna dialogrutan och försök igen.",
    },
    "ribbon.permission": {
        "fi": "tiedostoon ei ole kirjoitusoikeutta",
        "en": "no permission to write the file",
        "sv": "ingen skrivbehörighet till filen",
    },
    "ribbon.unexpected": {
        "fi": "Seuranta ei onnistunut odottamattoman virheen vuoksi. Työkirjaan ei ole kirjoitettu mitään. Lähetä tiedosto {log} IT-tuelle.",
        "en": "Seuranta failed with an unexpected error. Nothing has been written to the workbook. Send the file {log} to IT support.",
        "sv": "Seuranta misslyckades på grund av ett oväntat fel. Ingenting har skrivits i arbetsboken. Skicka filen {log} till IT-stödet.",
    },
    "ribbon.status": {"fi": "Seuranta: {command}…", "en": "Seuranta: {command}…", "sv": "Seuranta: {command}…"},
    "ribbon.doing.highlight": {"fi": "tarkistetaan raporttia", "en": "checking the report", "sv": "kontrollerar rapporten"},
    "ribbon.doing.missing": {"fi": "korostetaan puuttuvat tiedot", "en": "highlighting missing fields", "sv": "markerar saknade uppgifter"},
    "ribbon.doing.dropdowns": {"fi": "päivitetään pudotusvalikot", "en": "updating the dropdowns", "sv": "uppdaterar rullgardinslistorna"},
    "ribbon.doing.rollup": {"fi": "lasketaan kokonaistilanne", "en": "computing the overall status", "sv": "beräknar helhetsläget"},
    "ribbon.doing.clear": {"fi": "poistetaan merkinnät", "en": "removing the marks", "sv": "tar bort markeringarna"},
    "ribbon.doing.run": {"fi": "tarkistetaan ja päivitetään kaikki", "en": "checking and updating everything", "sv": "kontrollerar och uppdaterar allt"},
    "ribbon.doing.help": {"fi": "ohje", "en": "help", "sv": "hjälp"},
    "protected_sheet": {
        "fi": "taulukko {sheet} on suojattu; poista suojaus (Tarkista > Poista taulukon suojaus) ja yritä uudelleen — mitään ei kirjoitettu",
        "en": "sheet {sheet} is protected; unprotect it (Review > Unprotect Sheet) and try again — nothing was written",
        "sv": "bladet {sheet} är skyddat; ta bort skyddet (Granska > Ta bort bladets skydd) och försök igen — ingenting skrevs",
    },
    "protected_structure": {
        "fi": "työkirjan rakenne on suojattu, joten taulukoita ei voi lisätä; poista suojaus (Tarkista > Suojaa työkirja) ja yritä uudelleen — mitään ei kirjoitettu",
        "en": "the workbook's structure is protected, so sheets cannot be added; unprotect it (Review > Protect Workbook) and try again — nothing was written",
        "sv": "arbetsbokens struktur är skyddad, så blad kan inte läggas till; ta bort skyddet (Granska > Skydda arbetsbok) och försök igen — ingenting skrevs",
    },
    "ribbon.help": {
        "fi": ("Seuranta-välilehden painikkeet:\n"
               "• Tarkista: tarkistaa rivit, korostaa havaintojen solut ja kirjoittaa välilehden Tarkistus\n"
               "• Päivitä pudotusvalikot: Etenemisaste- ja Vastuuhenkilö-sarakkeiden valikot (välilehti Listat)\n"
               "• Laske kokonaistilanne: tavoitteiden keskiarvo Kokonais-tilanne-sarakkeeseen ja välilehti Yhteenveto\n"
               "• Korosta puuttuvat: puuttuvat pakolliset tiedot korostuvat heti, kun niitä kirjoitetaan tai poistetaan\n"
               "• Poista merkinnät: poistaa korostukset ja välilehden Tarkistus\n"
               "• Tee kaikki: tarkistus, pudotusvalikot, kokonaistilanne ja korostukset kerralla\n"
               "Säännöt: {codes}. Säännön kuvaus: komento seuranta-xl rule KOODI."),
        "en": ("Buttons of the Seuranta tab:\n"
               "• Tarkista: checks the rows, marks the findings' cells and writes the sheet Tarkistus\n"
               "• Päivitä pudotusvalikot: dropdowns on Etenemisaste and Vastuuhenkilö (sheet Listat)\n"
               "• Laske kokonaistilanne: goal means into Kokonais-tilanne and the sheet Yhteenveto\n"
               "• Korosta puuttuvat: missing required fields are highlighted live as values are typed or deleted\n"
               "• Poista merkinnät: removes highlights and the sheet Tarkistus\n"
               "• Tee kaikki: check, dropdowns, overall status and highlights at once\n"
               "Rules: {codes}. A rule's description: seuranta-xl rule CODE."),
        "sv": ("Knapparna på fliken Seuranta:\n"
               "• Tarkista: kontrollerar raderna, markerar iakttagelsernas celler och skriver bladet Tarkistus\n"
               "• Päivitä pudotusvalikot: rullgardinslistor för Etenemisaste och Vastuuhenkilö (bladet Listat)\n"
               "• Laske kokonaistilanne: målens medeltal i kolumnen Kokonais-tilanne och bladet Yhteenveto\n"
               "• Korosta puuttuvat: saknade obligatoriska uppgifter markeras direkt när värden skrivs eller tas bort\n"
               "• Poista merkinnät: tar bort markeringarna och bladet Tarkistus\n"
               "• Tee kaikki: kontroll, rullgardinslistor, helhetsläge och markeringar på en gång\n"
               "Regler: {codes}. En regels beskrivning: kommandot seuranta-xl rule KOD."),
    },
    # --- what the planners write into workbooks (write/planners.py): sheet titles, headers, dropdown texts ---
    "sheet.lists.header": {
        "fi": ("Etenemisasteet", "Vastuuhenkilöt", "Tilanteet"),
        "en": ("Grades", "Responsible roles", "Statuses"),
        "sv": ("Framskridningsgrader", "Ansvarspersoner", "Lägen"),
    },
    "dv.grade.title": {"fi": "Etenemisaste", "en": "Etenemisaste", "sv": "Etenemisaste"},
    "dv.grade.prompt": {
        "fi": "Valitse etenemisaste 1–5 luettelosta.",
        "en": "Choose a grade 1–5 from the list.",
        "sv": "Välj en framskridningsgrad 1–5 i listan.",
    },
    "dv.grade.error": {
        "fi": "Valitse etenemisaste luettelosta (1–5 ja sen kuvaus).",
        "en": "Choose a grade from the list (1–5 with its label).",
        "sv": "Välj en framskridningsgrad i listan (1–5 med dess beskrivning).",
    },
    "dv.role.title": {"fi": "Vastuuhenkilö", "en": "Vastuuhenkilö", "sv": "Vastuuhenkilö"},
    "dv.role.error": {
        "fi": "Vastuuhenkilö ei ole luettelossa. Tallennetaanko silti?",
        "en": "The responsible role is not on the list. Keep it anyway?",
        "sv": "Ansvarspersonen finns inte i listan. Spara ändå?",
    },
    "sheet.summary.header": {
        "fi": ("Koodi", "Taso", "Tavoite", "Laskettu keskiarvo", "Heikoin", "Toimenpiteitä", "Arvioituja",
               "1", "2", "3", "4", "5", "Valmiina (5)", "Raportoitu etenemisaste", "Kokonais-tilanne",
               "Erotus (raportoitu − laskettu)"),
        "en": ("Code", "Level", "Goal", "Computed mean", "Worst", "Actions", "Graded",
               "1", "2", "3", "4", "5", "Done (5)", "Reported grade", "Kokonais-tilanne",
               "Difference (reported − computed)"),
        "sv": ("Kod", "Nivå", "Mål", "Beräknat medeltal", "Sämst", "Åtgärder", "Bedömda",
               "1", "2", "3", "4", "5", "Klara (5)", "Rapporterad framskridningsgrad", "Kokonais-tilanne",
               "Skillnad (rapporterad − beräknad)"),
    },
    "level.council": {"fi": "Valtuustokauden tavoite", "en": "Council-term goal", "sv": "Fullmäktigemål"},
    "level.annual": {"fi": "Vuositavoite", "en": "Annual goal", "sv": "Årsmål"},
    "level.action": {"fi": "Toimenpide", "en": "Action", "sv": "Åtgärd"},
    "sheet.summary.total": {"fi": "Koko raportti", "en": "Whole report", "sv": "Hela rapporten"},
    "sheet.summary.all_sheets": {"fi": "Kaikki taulukot yhteensä", "en": "All sheets together", "sv": "Alla blad tillsammans"},
    "sheet.summary.chart_block": {"fi": "Valtuustokauden tavoite", "en": "Council-term goal", "sv": "Fullmäktigemål"},
    "sheet.summary.chart_title": {
        "fi": "Etenemisasteiden jakauma valtuustokauden tavoitteittain",
        "en": "Grade distribution per council-term goal",
        "sv": "Framskridningsgradernas fördelning per fullmäktigemål",
    },
    "sheet.findings.header": {
        "fi": ("Solu", "Sääntö", "Vakavuus", "Koodi", "Viesti"),
        "en": ("Cell", "Rule", "Severity", "Code", "Message"),
        "sv": ("Cell", "Regel", "Allvarlighet", "Kod", "Meddelande"),
    },
    "sheet.findings.none": {"fi": "Ei havaintoja.", "en": "No findings.", "sv": "Inga iakttagelser."},
    "foreign_sheet": {
        "fi": "työkirjassa on jo taulukko \"{sheet}\", jota seuranta-xl ei ole tehnyt; nimeä se uudelleen, niin sen sisältö säilyy",
        "en": "the workbook already has a sheet \"{sheet}\" that seuranta-xl did not make; rename it so that its content is kept",
        "sv": "arbetsboken har redan bladet \"{sheet}\" som seuranta-xl inte har gjort; byt namn på det så att innehållet bevaras",
    },
    # --- rule catalogue (seuranta-xl rules / rule CODE) ---
    "unknown_rule": {"fi": "tuntematon sääntö (luettelo: seuranta-xl rules)", "en": "unknown rule (list: seuranta-xl rules)", "sv": "okänd regel (lista: seuranta-xl rules)"},
    "rules_head": {"fi": "koodi  vakavuus   nimi / tarkistaa", "en": "code   severity  name / checks", "sv": "kod    allvarl.  namn / kontrollerar"},
    "rule_messages": {"fi": "Viesti", "en": "Message", "sv": "Meddelande"},
    "rule_family": {"fi": "Ryhmä", "en": "Family", "sv": "Grupp"},
    "rule_severity": {"fi": "Oletusvakavuus", "en": "Default severity", "sv": "Standardallvarlighet"},
}


def t(key: str, lang: str = "fi", **values: object) -> str:
    """The message ``key`` in ``lang`` (falls back to Finnish), filled with ``values``."""
    texts = MESSAGES[key]
    return texts.get(lang, texts["fi"]).format(**values)


def texts(key: str, lang: str = "fi") -> tuple[str, ...]:
    """A row of titles (a sheet's header) in ``lang``: the catalogue entry is a tuple per language."""
    value = MESSAGES[key]
    return tuple(value.get(lang, value["fi"]))
