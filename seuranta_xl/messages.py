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
    "no_header_partly": {
        "fi": "taulukon {sheet} otsikkorivi on vajaa: rivillä {row} löytyivät sarakkeet {found}, puuttuu {missing} (sarakkeiden nimet voi kertoa asetuksella columns)",
        "en": "the header of sheet {sheet} is incomplete: row {row} has the columns {found}, missing {missing} (column titles can be given with the setting columns)",
        "sv": "rubrikraden på bladet {sheet} är ofullständig: rad {row} har kolumnerna {found}, saknas {missing} (kolumnernas namn kan anges med inställningen columns)",
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
    "workbook_elsewhere": {
        "fi": "työkirjan pääosa on paikassa {part}, ei xl/workbook.xml, eikä seuranta-xl lue sitä; avaa ja tallenna tiedosto Excelissä",
        "en": "the workbook's main part is {part}, not xl/workbook.xml, which seuranta-xl does not read; open and save the file in Excel",
        "sv": "arbetsbokens huvuddel är {part}, inte xl/workbook.xml, och seuranta-xl läser den inte; öppna och spara filen i Excel",
    },
    "not_spreadsheet_kind": {
        "fi": "on {kind}-tiedosto, ei taulukkolaskentatiedosto; tallenna raportti Excelissä muodossa .xlsx",
        "en": "is a {kind} file, not a spreadsheet; save the report as .xlsx in Excel",
        "sv": "är en {kind}-fil, inte ett kalkylblad; spara rapporten som .xlsx i Excel",
    },
    "corrupt_xlsx": {"fi": "Excel-tiedosto on vioittunut tai keskeneräinen ({reason})", "en": "the Excel file is corrupt or truncated ({reason})", "sv": "Excel-filen är skadad eller ofullständig ({reason})"},
    "member_twice": {
        "fi": "Excel-tiedostossa on osa {part} kahdesti; tiedosto on vioittunut, eikä sitä lueta",
        "en": "the Excel file holds the part {part} twice; it is damaged and is not read",
        "sv": "Excel-filen innehåller delen {part} två gånger; den är skadad och läses inte",
    },
    "member_backslash": {
        "fi": "Excel-tiedoston osan nimessä {part} on kenoviivoja (\\) kauttaviivojen sijaan; tiedosto on vioittunut, eikä sitä lueta; tallenna se uudelleen Excelissä",
        "en": "the Excel file names its part {part} with backslashes (\\) instead of slashes; it is damaged and is not read; save it again in Excel",
        "sv": "Excel-filen namnger sin del {part} med omvända snedstreck (\\) i stället för snedstreck; den är skadad och läses inte; spara den igen i Excel",
    },
    "text_named_workbook": {
        "fi": "on tekstitiedosto (esim. CSV), ei Excel-työkirja, vaikka sen pääte on {suffix}; anna sille pääte .csv tai .txt tai muunna se: seuranta-xl import TIEDOSTO.csv -o RAPORTTI.xlsx",
        "en": "is a text file (such as CSV), not an Excel workbook, though its name ends in {suffix}; name it .csv or .txt, or convert it: seuranta-xl import FILE.csv -o REPORT.xlsx",
        "sv": "är en textfil (t.ex. CSV), inte en Excel-arbetsbok, fast namnet slutar på {suffix}; ge den ändelsen .csv eller .txt eller konvertera den: seuranta-xl import FIL.csv -o RAPPORT.xlsx",
    },
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
    "findings_more": {
        "fi": "… ja {count} muuta sääntöä {rule} koskevaa havaintoa tällä taulukolla (luettelo rajattu)",
        "en": "… and {count} more findings of rule {rule} on this sheet (list cut short)",
        "sv": "… och {count} iakttagelser till enligt regel {rule} på det här bladet (listan förkortad)",
    },
    "batch_skipped": {
        "fi": "{count} tiedostoa ei luettu (ei raportteja, varmuuskopioita tai piilotiedostoja): {names}",
        "en": "{count} files not read (not reports, backups or hidden files): {names}",
        "sv": "{count} filer lästes inte (inte rapporter, säkerhetskopior eller dolda filer): {names}",
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
    "summary.changes": {
        "fi": "{text} — muutokset välilehdellä {sheet}",
        "en": "{text} — changes on sheet {sheet}",
        "sv": "{text} — ändringarna på bladet {sheet}",
    },
    "summary.merge": {
        "fi": "{files} palautettua tiedostoa: {merged} vastausta yhdistetty, {refused} hylätty tai ristiriidassa",
        "en": "{files} returned files: {merged} answers merged, {refused} refused or in conflict",
        "sv": "{files} returnerade filer: {merged} svar sammanförda, {refused} avvisade eller i konflikt",
    },
    "summary.split": {
        "fi": "{files} tiedostoa vastuuhenkilöille kansioon {folder}",
        "en": "{files} files for the responsible persons in folder {folder}",
        "sv": "{files} filer för ansvarspersonerna i mappen {folder}",
    },
    "split_save_first": {
        "fi": "tallenna raportti ensin: vastuuhenkilöiden tiedostot tehdään tallennetusta tiedostosta",
        "en": "save the report first: the responsible persons' files are made from the saved file",
        "sv": "spara rapporten först: ansvarspersonernas filer görs av den sparade filen",
    },
    "period_invalid": {
        "fi": "kausi \"{period}\" ei ole raportointikausi (esim. 1-8/2026)",
        "en": "\"{period}\" is not a reporting period (e.g. 1-8/2026)",
        "sv": "\"{period}\" är ingen rapporteringsperiod (t.ex. 1-8/2026)",
    },
    "grade.not_applicable": {"fi": "ei sovellu / ei arvioitavissa", "en": "not applicable", "sv": "ej tillämplig"},
    "no_other": {
        "fi": "anna edellinen raportti tai kansio",
        "en": "give the previous report or the folder",
        "sv": "ange den föregående rapporten eller mappen",
    },
    "text_too_wide": {
        "fi": "rivillä {row} on {columns} saraketta; Excelin taulukkoon mahtuu {limit}",
        "en": "line {row} has {columns} columns; an Excel sheet holds {limit}",
        "sv": "rad {row} har {columns} kolumner; ett Excel-blad rymmer {limit}",
    },
    "text_too_long": {
        "fi": "tiedostossa on {rows} riviä; Excelin taulukkoon mahtuu {limit}",
        "en": "the file has {rows} lines; an Excel sheet holds {limit}",
        "sv": "filen har {rows} rader; ett Excel-blad rymmer {limit}",
    },
    "not_text": {
        "fi": "on jo Excel-työkirja; import muuntaa vain tekstiviennit (.txt, .tsv, .csv)",
        "en": "is already an Excel workbook; import converts text exports only (.txt, .tsv, .csv)",
        "sv": "är redan en Excel-arbetsbok; import konverterar bara textexporter (.txt, .tsv, .csv)",
    },
    "no_root": {
        "fi": "hakemistosta puuttuu {seed}; anna --root (lähdekoodin juurihakemisto)",
        "en": "{seed} is missing; give --root (the source checkout)",
        "sv": "{seed} saknas; ange --root (källkodens rotmapp)",
    },
    "text_export": {
        "fi": "on tekstivienti, ei Excel-työkirja; muunna se ensin: seuranta-xl import {name} -o RAPORTTI.xlsx",
        "en": "is a text export, not an Excel workbook; convert it first: seuranta-xl import {name} -o REPORT.xlsx",
        "sv": "är en textexport, inte en Excel-arbetsbok; konvertera den först: seuranta-xl import {name} -o RAPPORT.xlsx",
    },
    "suffix_kind": {
        "fi": "tuloksen pitää olla samaa lajia kuin syöte ({suffix}): työkirjasta ei tehdä mallipohjaa eikä toisin päin",
        "en": "the output must be of the input's kind ({suffix}): a workbook is not turned into a template or back",
        "sv": "utdata måste vara av samma slag som indata ({suffix}): en arbetsbok blir inte en mall eller tvärtom",
    },
    "written": {"fi": "kirjoitettu {path}", "en": "wrote {path}", "sv": "skrev {path}"},
    "no_output": {
        "fi": "anna tulostiedosto (-o TULOS.xlsx) tai --in-place; syötettä ei muuteta muuten",
        "en": "give an output file (-o OUT.xlsx) or --in-place; the input is never changed otherwise",
        "sv": "ange en utdatafil (-o UT.xlsx) eller --in-place; indata ändras aldrig annars",
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
    "out.rollup.not_applicable": {
        "fi": "ei sovellu / ei arvioitavissa: {count}", "en": "not applicable: {count}",
        "sv": "ej tillämplig: {count}",
    },
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
    "ribbon.doing.changes": {"fi": "verrataan edelliseen raporttiin", "en": "comparing with the previous report", "sv": "jämför med den föregående rapporten"},
    "ribbon.doing.split": {"fi": "jaetaan vastuuhenkilöille", "en": "splitting for the responsible persons", "sv": "delar upp för ansvarspersonerna"},
    "ribbon.doing.merge": {"fi": "kootaan vastaukset", "en": "merging the answers", "sv": "sammanför svaren"},
    "ribbon.doing.about": {"fi": "tietoja", "en": "about", "sv": "om"},
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
        "fi": "Valitse etenemisaste 1–5 luettelosta (tai viimeinen: ei sovellu / ei arvioitavissa).",
        "en": "Choose a grade 1–5 from the list (or the last entry: not applicable).",
        "sv": "Välj en framskridningsgrad 1–5 i listan (eller den sista: ej tillämplig).",
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
        "fi": ("Koodi", "Taso", "Tavoite", "Laskettu keskiarvo", "Heikoin", "Toimenpiteitä", "Arvioituja", "Ei sovellu",
               "1", "2", "3", "4", "5", "Valmiina (5) %", "Raportoitu etenemisaste", "Kokonais-tilanne",
               "Erotus (raportoitu − laskettu)"),
        "en": ("Code", "Level", "Goal", "Computed mean", "Worst", "Actions", "Graded", "Not applicable",
               "1", "2", "3", "4", "5", "Done (5) %", "Reported grade", "Kokonais-tilanne",
               "Difference (reported − computed)"),
        "sv": ("Kod", "Nivå", "Mål", "Beräknat medeltal", "Sämst", "Åtgärder", "Bedömda", "Ej tillämpliga",
               "1", "2", "3", "4", "5", "Klara (5) %", "Rapporterad framskridningsgrad", "Kokonais-tilanne",
               "Skillnad (rapporterad − beräknad)"),
    },
    "level.council": {"fi": "Valtuustokauden tavoite", "en": "Council-term goal", "sv": "Fullmäktigemål"},
    "level.annual": {"fi": "Vuositavoite", "en": "Annual goal", "sv": "Årsmål"},
    "level.action": {"fi": "Toimenpide", "en": "Action", "sv": "Åtgärd"},
    #: The done column's header as the first release wrote it (a share formatted 0 %): its
    #: summary sheets are still recognised as ours (as are those without the not-applicable column).
    "sheet.summary.done.v1": {"fi": "Valmiina (5)", "en": "Done (5)", "sv": "Klara (5)"},
    #: The `new` template's scale legend: the line after grades 1-5, "ei sovellu / ei arvioitavissa = …".
    "template.legend.not_applicable": {
        "fi": "toimenpidettä ei voi arvioida tällä kaudella (ei lasketa keskiarvoihin)",
        "en": "the action cannot be graded this period (left out of every mean)",
        "sv": "åtgärden kan inte bedömas denna period (räknas inte in i medeltalen)",
    },
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
    "sheet.findings.more": {
        "fi": "… ja {count} havaintoa lisää, joita ei mahdu taulukolle (katso seuranta-xl validate)",
        "en": "… and {count} more findings that do not fit on the sheet (see seuranta-xl validate)",
        "sv": "… och {count} iakttagelser till som inte ryms på bladet (se seuranta-xl validate)",
    },
    "sheet.findings.none": {"fi": "Ei havaintoja.", "en": "No findings.", "sv": "Inga iakttagelser."},
    "foreign_sheet": {
        "fi": "työkirjassa on jo taulukko \"{sheet}\", jota seuranta-xl ei ole tehnyt; nimeä se uudelleen, niin sen sisältö säilyy",
        "en": "the workbook already has a sheet \"{sheet}\" that seuranta-xl did not make; rename it so that its content is kept",
        "sv": "arbetsboken har redan bladet \"{sheet}\" som seuranta-xl inte har gjort; byt namn på det så att innehållet bevaras",
    },
    # --- settings (config.py) ---
    "config.invalid": {
        "fi": "virheellinen asetus {key}: {reason}",
        "en": "invalid setting {key}: {reason}",
        "sv": "ogiltig inställning {key}: {reason}",
    },
    "config.unknown_rule": {
        "fi": "virheellinen asetus {key}: tuntematon sääntö",
        "en": "invalid setting {key}: unknown rule",
        "sv": "ogiltig inställning {key}: okänd regel",
    },
    "config.no_rule_matches": {
        "fi": "virheellinen asetus {key}: {prefix!r} ei vastaa yhtäkään sääntöä",
        "en": "invalid setting {key}: {prefix!r} matches no rule",
        "sv": "ogiltig inställning {key}: {prefix!r} motsvarar ingen regel",
    },
    "config.not_found": {"fi": "asetustiedostoa ei löydy", "en": "settings file not found", "sv": "inställningsfilen finns inte"},
    "config.unreadable": {
        "fi": "asetustiedostoa ei voi lukea ({reason})",
        "en": "cannot read the settings file ({reason})",
        "sv": "inställningsfilen kan inte läsas ({reason})",
    },
    "config.bad_toml": {"fi": "virheellinen TOML: {reason}", "en": "invalid TOML: {reason}", "sv": "ogiltig TOML: {reason}"},
    "config.too_deep": {
        "fi": "virheellinen TOML: arvoja on sisäkkäin liian monta tasoa",
        "en": "invalid TOML: values nested too deep",
        "sv": "ogiltig TOML: värden kapslade i för många nivåer",
    },
    "config.unknown_setting": {
        "fi": "rivi {row}: tuntematon asetus {key!r}",
        "en": "row {row}: unknown setting {key!r}",
        "sv": "rad {row}: okänd inställning {key!r}",
    },
    "config.no_value": {
        "fi": "rivi {row}: asetukselta {key!r} puuttuu arvo",
        "en": "row {row}: setting {key!r} has no value",
        "sv": "rad {row}: inställningen {key!r} saknar värde",
    },
    "config.conflict": {
        "fi": "rivi {row}: asetus {key!r} on ristiriidassa toisen rivin kanssa",
        "en": "row {row}: setting {key!r} conflicts with another row",
        "sv": "rad {row}: inställningen {key!r} strider mot en annan rad",
    },
    # --- rule catalogue (seuranta-xl rules / rule CODE) ---
    "unknown_rule": {"fi": "tuntematon sääntö (luettelo: seuranta-xl rules)", "en": "unknown rule (list: seuranta-xl rules)", "sv": "okänd regel (lista: seuranta-xl rules)"},
    "rules_head": {"fi": "koodi  vakavuus   nimi / tarkistaa", "en": "code   severity  name / checks", "sv": "kod    allvarl.  namn / kontrollerar"},
    "rule_messages": {"fi": "Viesti", "en": "Message", "sv": "Meddelande"},
    "rule_family": {"fi": "Ryhmä", "en": "Family", "sv": "Grupp"},
    "rule_severity": {"fi": "Oletusvakavuus", "en": "Default severity", "sv": "Standardallvarlighet"},
    # --- Excel add-in: build, install, doctor, about (seuranta-xl addin ...; the Tietoja button) ---
    "addin_missing_source": {
        "fi": "lisäosan lähdetiedosto puuttuu: {path}",
        "en": "add-in source file is missing: {path}",
        "sv": "tilläggets källfil saknas: {path}",
    },
    "addin_bad_xml": {
        "fi": "ribbon-XML ei ole kelvollista ({path}): {error}",
        "en": "ribbon XML is not valid ({path}): {error}",
        "sv": "menyfliksorets XML är inte giltig ({path}): {error}",
    },
    "addin_bad_bas": {
        "fi": "VBA-moduuli {path} ei ole ASCII-tekstiä (rivi {line}); katso selitys tiedoston alusta",
        "en": "VBA module {path} is not ASCII (line {line}); see the note at the top of the file",
        "sv": "VBA-modulen {path} är inte ASCII-text (rad {line}); se förklaringen i början av filen",
    },
    "addin_bad_name": {
        "fi": "VBA-moduulin {path} ensimmäisen rivin pitää olla Attribute VB_Name = \"{name}\"",
        "en": "the first line of VBA module {path} must be Attribute VB_Name = \"{name}\"",
        "sv": "första raden i VBA-modulen {path} ska vara Attribute VB_Name = \"{name}\"",
    },
    "addin_missing_sub": {
        "fi": "ribbonin onAction {callback} ei vastaa mitään Public Sub -aliohjelmaa tiedostossa {path}",
        "en": "ribbon onAction {callback} has no matching Public Sub in {path}",
        "sv": "menyfliksorets onAction {callback} motsvarar ingen Public Sub i {path}",
    },
    "addin_no_pyopenvba": {
        "fi": "lisäosan rakentaminen tarvitsee pyOpenVBA-paketin: pip install \"seuranta-xl[addin]\"",
        "en": "building the add-in needs the pyOpenVBA package: pip install \"seuranta-xl[addin]\"",
        "sv": "för att bygga tillägget behövs paketet pyOpenVBA: pip install \"seuranta-xl[addin]\"",
    },
    "addin_bad_template": {
        "fi": "pyOpenVBA:n tyhjä lisäosapohja ei ole odotetun muotoinen ({part}); tarkista pyOpenVBA-versio",
        "en": "pyOpenVBA's blank add-in template is not as expected ({part}); check the pyOpenVBA version",
        "sv": "pyOpenVBA:s tomma tilläggsmall ser inte ut som väntat ({part}); kontrollera pyOpenVBA-versionen",
    },
    # command line
    "addin_help": {
        "fi": "rakenna, asenna tai tarkista Excelin Seuranta-välilehti (lisäosa Seuranta.xlam)",
        "en": "build, install or check the Excel Seuranta tab (add-in Seuranta.xlam)",
        "sv": "bygg, installera eller kontrollera fliken Seuranta i Excel (tillägget Seuranta.xlam)",
    },
    "addin_build_help": {
        "fi": "rakenna lisäosa tekstilähteistä (workbook/addin/)",
        "en": "build the add-in from its text sources (workbook/addin/)",
        "sv": "bygg tillägget från textkällorna (workbook/addin/)",
    },
    "addin_install_help": {
        "fi": "asenna lisäosa tälle käyttäjälle: Excelin käynnistyskansio ja xlwings-asetukset",
        "en": "install the add-in for this user: Excel's startup folder and the xlwings settings",
        "sv": "installera tillägget för den här användaren: Excels startmapp och xlwings-inställningarna",
    },
    "addin_doctor_help": {
        "fi": "tarkista tämän käyttäjän asennus: yksi rivi tarkistusta kohden korjausohjeineen",
        "en": "check this user's installation: one line per check, with its fix",
        "sv": "kontrollera den här användarens installation: en rad per kontroll, med åtgärd",
    },
    "addin_dry_run_help": {
        "fi": "näytä jokainen muutos tekemättä mitään",
        "en": "print every change without making any",
        "sv": "visa varje ändring utan att göra något",
    },
    "addin_yes_help": {
        "fi": "asenna puuttuva xlwings-apuohjelma kysymättä (xlwings addin install)",
        "en": "install a missing xlwings add-in without asking (xlwings addin install)",
        "sv": "installera ett saknat xlwings-tillägg utan att fråga (xlwings addin install)",
    },
    "addin_source_help": {
        "fi": "asennettava lisäosatiedosto, esim. IT:n allekirjoittama Seuranta.xlam (oletus: paketin mukana tuleva)",
        "en": "the add-in file to install, e.g. the Seuranta.xlam IT signed (default: the one in the package)",
        "sv": "tilläggsfilen som installeras, t.ex. den Seuranta.xlam som IT har signerat (standard: den som följer med paketet)",
    },
    "addin_no_source": {"fi": "{path}: tiedostoa ei löydy", "en": "{path}: file not found", "sv": "{path}: filen hittas inte"},
    "addin_platform_help": {
        "fi": "käyttöjärjestelmä, jolle asennus suunnitellaan (oletus: tämä kone)",
        "en": "the operating system to plan for (default: this computer's)",
        "sv": "operativsystemet som installationen planeras för (standard: den här datorns)",
    },
    "addin_out_help": {
        "fi": "kirjoitettava .xlam-tiedosto, esim. Seuranta.xlam",
        "en": ".xlam file to write, e.g. Seuranta.xlam",
        "sv": ".xlam-fil som skrivs, t.ex. Seuranta.xlam",
    },
    "addin_force_help": {"fi": "korvaa olemassa oleva tiedosto", "en": "overwrite an existing file", "sv": "ersätt en befintlig fil"},
    "addin_exists": {
        "fi": "{path}: tiedosto on jo olemassa (korvaa se valitsimella --force)",
        "en": "{path}: file already exists (use --force to overwrite it)",
        "sv": "{path}: filen finns redan (ersätt den med --force)",
    },
    "addin_is_dir": {"fi": "{path}: on kansio, ei tiedosto", "en": "{path}: is a directory, not a file", "sv": "{path}: är en mapp, inte en fil"},
    "addin_suffix": {
        "fi": "{path}: tiedostonimen päätteen pitää olla .xlam",
        "en": "{path}: the file name must end in .xlam",
        "sv": "{path}: filnamnet ska sluta på .xlam",
    },
    "addin_built": {"fi": "Lisäosa rakennettu: {path}", "en": "Built the add-in: {path}", "sv": "Tillägget har byggts: {path}"},
    "addin_os_error": {"fi": "{path}: {error}", "en": "{path}: {error}", "sv": "{path}: {error}"},
    "addin_locked": {
        "fi": "{path}: {error} (jos Excel on auki, sulje se ja yritä uudelleen)",
        "en": "{path}: {error} (if Excel is open, quit it and try again)",
        "sv": "{path}: {error} (om Excel är öppet, stäng det och försök igen)",
    },
    # install: where the add-in goes, and why there
    "addin_folder_excel": {
        "fi": "Excelin käynnistyskansio {path} (Excel kertoi sen itse: Application.StartupPath)",
        "en": "Excel's startup folder {path} (Excel itself answered: Application.StartupPath)",
        "sv": "Excels startmapp {path} (Excel svarade själv: Application.StartupPath)",
    },
    "addin_folder_xlwings": {
        "fi": "Excelin käynnistyskansio {path} (siinä on xlwings.xlam, jonka xlwings asensi Excelin ilmoittamaan kansioon)",
        "en": "Excel's startup folder {path} (it holds xlwings.xlam, which xlwings installed where Excel told it to)",
        "sv": "Excels startmapp {path} (där finns xlwings.xlam, som xlwings installerade i mappen Excel angav)",
    },
    "addin_folder_windows": {
        "fi": "Excelin käynnistyskansio {path} (Windowsin käyttäjäkohtainen XLSTART, jonka Excel ilmoittaa aina; Excel ei ollut auki kysyttäväksi)",
        "en": "Excel's startup folder {path} (Windows' per-user XLSTART, which Excel always reports; Excel was not open to be asked)",
        "sv": "Excels startmapp {path} (Windows användarspecifika XLSTART, som Excel alltid anger; Excel var inte öppet och kunde inte tillfrågas)",
    },
    "addin_folder_existing": {
        "fi": "Excelin käynnistyskansio {path} (ainoa olemassa oleva vaihtoehdoista {candidates})",
        "en": "Excel's startup folder {path} (the only one that exists of {candidates})",
        "sv": "Excels startmapp {path} (den enda som finns av {candidates})",
    },
    "addin_folder_default": {
        "fi": "Excelin käynnistyskansio {path} (oletus; mikään vaihtoehdoista {candidates} ei ole varmistettu — käynnistä Excel ja aja seuranta-xl addin doctor)",
        "en": "Excel's startup folder {path} (the default; none of {candidates} could be confirmed — start Excel and run seuranta-xl addin doctor)",
        "sv": "Excels startmapp {path} (standard; ingen av {candidates} kunde bekräftas — starta Excel och kör seuranta-xl addin doctor)",
    },
    "addin_folder_none": {
        "fi": "Excel ei toimi tässä käyttöjärjestelmässä ({platform}); lisäosaa ei asenneta Excelin kansioon",
        "en": "Excel does not run on this operating system ({platform}); the add-in is not put into an Excel folder",
        "sv": "Excel körs inte i det här operativsystemet ({platform}); tillägget läggs inte i någon Excel-mapp",
    },
    # install: the plan, one line per change
    "addin_plan_dry": {
        "fi": "Suunnitelma (--dry-run: mitään ei muutettu):",
        "en": "Plan (--dry-run: nothing was changed):",
        "sv": "Plan (--dry-run: inget har ändrats):",
    },
    "addin_plan_done": {"fi": "Tehty:", "en": "Done:", "sv": "Gjort:"},
    "addin_plan_nothing": {
        "fi": "Kaikki on jo kunnossa; mitään ei tarvitse muuttaa.",
        "en": "Everything is already in place; nothing to change.",
        "sv": "Allt är redan i ordning; inget behöver ändras.",
    },
    "addin_step_copy": {
        "fi": "kopioi lisäosa {source} → {target}",
        "en": "copy the add-in {source} → {target}",
        "sv": "kopiera tillägget {source} → {target}",
    },
    "addin_step_same": {
        "fi": "lisäosa {target} on jo tämän paketin versio; ei muutosta",
        "en": "the add-in {target} is already this package's build; unchanged",
        "sv": "tillägget {target} är redan det här paketets version; ingen ändring",
    },
    "addin_step_cache": {
        "fi": "kopioi lisäosa tiedostoon {target} (vie se Windows- tai macOS-koneelle ja aja siellä seuranta-xl addin install)",
        "en": "copy the add-in to {target} (take it to a Windows or macOS computer and run seuranta-xl addin install there)",
        "sv": "kopiera tillägget till {target} (ta det till en Windows- eller macOS-dator och kör seuranta-xl addin install där)",
    },
    "addin_step_create_config": {
        "fi": "luo xlwings-asetustiedosto {path}",
        "en": "create the xlwings settings file {path}",
        "sv": "skapa xlwings-inställningsfilen {path}",
    },
    "addin_step_backup": {
        "fi": "varmuuskopioi xlwings-asetukset {path} → {backup}",
        "en": "back up the xlwings settings {path} → {backup}",
        "sv": "säkerhetskopiera xlwings-inställningarna {path} → {backup}",
    },
    "addin_step_set": {
        "fi": "{path}: {setting} = {new} (oli {old})",
        "en": "{path}: {setting} = {new} (was {old})",
        "sv": "{path}: {setting} = {new} (var {old})",
    },
    "addin_step_add": {
        "fi": "{path}: {setting} = {new} (uusi rivi)",
        "en": "{path}: {setting} = {new} (new line)",
        "sv": "{path}: {setting} = {new} (ny rad)",
    },
    "addin_step_keep": {
        "fi": "{path}: {setting} = {value} on jo oikein; muut rivit säilyvät ennallaan",
        "en": "{path}: {setting} = {value} is already right; the other lines stay as they are",
        "sv": "{path}: {setting} = {value} är redan rätt; övriga rader lämnas som de är",
    },
    "addin_xlwings_present": {
        "fi": "xlwings-apuohjelma on asennettu: {path}",
        "en": "the xlwings add-in is installed: {path}",
        "sv": "xlwings-tillägget är installerat: {path}",
    },
    "addin_xlwings_missing": {
        "fi": "xlwings-apuohjelma (xlwings.xlam) puuttuu kansiosta {folder}; Seurannan painikkeet tarvitsevat sen",
        "en": "the xlwings add-in (xlwings.xlam) is missing from {folder}; the Seuranta buttons need it",
        "sv": "xlwings-tillägget (xlwings.xlam) saknas i mappen {folder}; knapparna i Seuranta behöver det",
    },
    "addin_xlwings_ask": {
        "fi": "Asennetaanko xlwings-apuohjelma nyt komennolla xlwings addin install? [k/E] ",
        "en": "Install the xlwings add-in now with xlwings addin install? [y/N] ",
        "sv": "Installera xlwings-tillägget nu med xlwings addin install? [j/N] ",
    },
    "addin_xlwings_would": {
        "fi": "ajaisi komennon xlwings addin install (kysyy ensin; --yes asentaa kysymättä)",
        "en": "would run xlwings addin install (asks first; --yes installs without asking)",
        "sv": "skulle köra xlwings addin install (frågar först; --yes installerar utan att fråga)",
    },
    "addin_xlwings_skipped": {
        "fi": "xlwings-apuohjelmaa ei asennettu; asenna se komennolla: xlwings addin install",
        "en": "the xlwings add-in was not installed; install it with: xlwings addin install",
        "sv": "xlwings-tillägget installerades inte; installera det med: xlwings addin install",
    },
    "addin_xlwings_installed": {
        "fi": "xlwings-apuohjelma asennettu (xlwings addin install)",
        "en": "installed the xlwings add-in (xlwings addin install)",
        "sv": "xlwings-tillägget har installerats (xlwings addin install)",
    },
    "addin_xlwings_failed": {
        "fi": "xlwings addin install epäonnistui (paluukoodi {code}): {output}",
        "en": "xlwings addin install failed (exit code {code}): {output}",
        "sv": "xlwings addin install misslyckades (returkod {code}): {output}",
    },
    "addin_udf_server_help": {
        "fi": "Windows: painikkeet ajetaan xlwingsin pysyvässä Python-palvelimessa (ei Pythonin käynnistystä jokaisella painalluksella); päivityksen jälkeen Excel on käynnistettävä uudelleen",
        "en": "Windows: the buttons run in xlwings' persistent Python server (no Python start on each click); after an upgrade, restart Excel",
        "sv": "Windows: knapparna körs i xlwings beständiga Python-server (ingen Python-start vid varje klick); starta om Excel efter en uppgradering",
    },
    "addin_udf_server_windows_only": {
        "fi": "--udf-server koskee vain Windowsia; se jätetään tässä huomiotta",
        "en": "--udf-server applies to Windows only; it is ignored here",
        "sv": "--udf-server gäller bara Windows; den ignoreras här",
    },
    "addin_udf_server_next": {
        "fi": "Painikkeet ajetaan nyt xlwingsin pysyvässä Pythonissa: kun seuranta-xl päivitetään, sulje Excel kokonaan ja avaa se uudelleen, jotta uusi versio latautuu",
        "en": "The buttons now run in xlwings' persistent Python: after upgrading seuranta-xl, close Excel completely and open it again so that the new version loads",
        "sv": "Knapparna körs nu i xlwings beständiga Python: stäng Excel helt och öppna det igen efter en uppgradering av seuranta-xl, så att den nya versionen läses in",
    },
    "addin_next": {
        "fi": "Käynnistä Excel uudelleen ja tarkista asennus komennolla: seuranta-xl addin doctor",
        "en": "Restart Excel, then check the installation with: seuranta-xl addin doctor",
        "sv": "Starta om Excel och kontrollera sedan installationen med: seuranta-xl addin doctor",
    },
    # doctor: one line per check; {fix} follows a failed check
    "addin_doctor_ok": {"fi": "OK", "en": "OK", "sv": "OK"},
    "addin_doctor_fail": {"fi": "VIKA", "en": "FAIL", "sv": "FEL"},
    "addin_doctor_fix": {"fi": "korjaus", "en": "fix", "sv": "åtgärd"},
    "addin_doctor_summary_ok": {
        "fi": "Kaikki {count} tarkistusta kunnossa.",
        "en": "All {count} checks passed.",
        "sv": "Alla {count} kontroller är godkända.",
    },
    "addin_doctor_summary_fail": {
        "fi": "{failed}/{count} tarkistusta ei mennyt läpi: {names}",
        "en": "{failed} of {count} checks failed: {names}",
        "sv": "{failed} av {count} kontroller underkändes: {names}",
    },
    "addin_check_python": {
        "fi": "Python {version} ({path})",
        "en": "Python {version} ({path})",
        "sv": "Python {version} ({path})",
    },
    "addin_fix_python": {
        "fi": "asenna Python {required} tai uudempi ja siihen seuranta-xl",
        "en": "install Python {required} or newer, and seuranta-xl into it",
        "sv": "installera Python {required} eller nyare och seuranta-xl i den",
    },
    "addin_check_package": {
        "fi": "seuranta-xl {version}",
        "en": "seuranta-xl {version}",
        "sv": "seuranta-xl {version}",
    },
    "addin_check_xlwings": {
        "fi": "xlwings {version} (vaaditaan {required} tai uudempi)",
        "en": "xlwings {version} ({required} or newer needed)",
        "sv": "xlwings {version} ({required} eller nyare krävs)",
    },
    "addin_fix_xlwings": {
        "fi": "{python} -m pip install --upgrade \"xlwings>={required}\"",
        "en": "{python} -m pip install --upgrade \"xlwings>={required}\"",
        "sv": "{python} -m pip install --upgrade \"xlwings>={required}\"",
    },
    "addin_check_startup": {"fi": "{folder}", "en": "{folder}", "sv": "{folder}"},
    "addin_fix_startup": {
        "fi": "käynnistä Excel tällä käyttäjällä ja aja seuranta-xl addin doctor uudelleen Excelin ollessa auki",
        "en": "start Excel as this user and run seuranta-xl addin doctor again while Excel is open",
        "sv": "starta Excel som den här användaren och kör seuranta-xl addin doctor igen medan Excel är öppet",
    },
    "addin_fix_no_excel": {
        "fi": "aja seuranta-xl addin install ja addin doctor henkilöstön Windows- tai macOS-koneella",
        "en": "run seuranta-xl addin install and addin doctor on the staff's Windows or macOS computer",
        "sv": "kör seuranta-xl addin install och addin doctor på personalens Windows- eller macOS-dator",
    },
    "addin_check_xlwings_addin": {
        "fi": "xlwings-apuohjelma {path}: {state}",
        "en": "xlwings add-in {path}: {state}",
        "sv": "xlwings-tillägget {path}: {state}",
    },
    "addin_fix_xlwings_addin": {
        "fi": "xlwings addin install",
        "en": "xlwings addin install",
        "sv": "xlwings addin install",
    },
    "addin_check_runpython": {
        "fi": "macOS-lupa Pythonin käynnistämiseen {path}: {state}",
        "en": "macOS permission to start Python {path}: {state}",
        "sv": "macOS-tillstånd att starta Python {path}: {state}",
    },
    "addin_fix_runpython": {
        "fi": "xlwings runpython install (aina xlwingsin päivityksen jälkeen)",
        "en": "xlwings runpython install (again after every xlwings upgrade)",
        "sv": "xlwings runpython install (på nytt efter varje uppgradering av xlwings)",
    },
    "addin_check_our_addin": {
        "fi": "Seuranta-lisäosa {path}: {state}",
        "en": "Seuranta add-in {path}: {state}",
        "sv": "Seuranta-tillägget {path}: {state}",
    },
    "addin_fix_our_addin": {
        "fi": "sulje Excel ja aja: seuranta-xl addin install",
        "en": "quit Excel and run: seuranta-xl addin install",
        "sv": "stäng Excel och kör: seuranta-xl addin install",
    },
    "addin_state_present": {"fi": "asennettu", "en": "installed", "sv": "installerat"},
    "addin_state_missing": {"fi": "puuttuu", "en": "missing", "sv": "saknas"},
    "addin_state_version": {
        "fi": "versio {found}, paketti {expected}",
        "en": "version {found}, package {expected}",
        "sv": "version {found}, paketet {expected}",
    },
    "addin_state_no_folder": {"fi": "ei käynnistyskansiota", "en": "no startup folder", "sv": "ingen startmapp"},
    "addin_check_config": {
        "fi": "xlwings-asetukset {path}: {state}",
        "en": "xlwings settings {path}: {state}",
        "sv": "xlwings-inställningar {path}: {state}",
    },
    "addin_check_interpreter": {
        "fi": "{setting} = {value} (tämä Python: {python})",
        "en": "{setting} = {value} (this Python: {python})",
        "sv": "{setting} = {value} (den här Python: {python})",
    },
    "addin_fix_config": {
        "fi": "seuranta-xl addin install (kirjoittaa avaimet {keys}, varmuuskopioi vanhan tiedoston)",
        "en": "seuranta-xl addin install (writes the keys {keys}, backs up the old file)",
        "sv": "seuranta-xl addin install (skriver nycklarna {keys}, säkerhetskopierar den gamla filen)",
    },
    "addin_check_import": {
        "fi": "{python} tuo moduulin seuranta_xl.excel.ribbon: {state}",
        "en": "{python} imports seuranta_xl.excel.ribbon: {state}",
        "sv": "{python} importerar seuranta_xl.excel.ribbon: {state}",
    },
    "addin_fix_import": {
        "fi": "asenna seuranta-xl asetuksissa nimettyyn Pythoniin tai aja seuranta-xl addin install siinä Pythonissa, johon seuranta-xl on asennettu",
        "en": "install seuranta-xl into the Python the settings name, or run seuranta-xl addin install from the Python that has it",
        "sv": "installera seuranta-xl i den Python som inställningarna anger, eller kör seuranta-xl addin install från den Python som har det",
    },
    "addin_state_yes": {"fi": "onnistuu", "en": "yes", "sv": "ja"},
    "addin_state_not_found": {"fi": "tiedostoa ei ole", "en": "no such file", "sv": "filen finns inte"},
    "addin_state_not_set": {"fi": "ei asetettu", "en": "not set", "sv": "inte angiven"},
    "addin_check_conda": {
        "fi": "xlwings-asetusten CONDA PATH: {path}: {state}",
        "en": "CONDA PATH of the xlwings settings: {path}: {state}",
        "sv": "CONDA PATH i xlwings-inställningarna: {path}: {state}",
    },
    "addin_fix_conda": {
        "fi": "poista rivit CONDA PATH ja CONDA ENV tiedostosta {path} (Seuranta ei tarvitse condaa)",
        "en": "remove the lines CONDA PATH and CONDA ENV from {path} (Seuranta does not need conda)",
        "sv": "ta bort raderna CONDA PATH och CONDA ENV ur {path} (Seuranta behöver inte conda)",
    },
    "addin_check_pythonpath": {
        "fi": "ADD_WORKBOOK_TO_PYTHONPATH = {value} (pitää olla False: muuten SharePoint- ja OneDrive-raportit kaatuvat ennen Seurannan koodia)",
        "en": "ADD_WORKBOOK_TO_PYTHONPATH = {value} (must be False: otherwise SharePoint and OneDrive reports fail before Seuranta's code runs)",
        "sv": "ADD_WORKBOOK_TO_PYTHONPATH = {value} (ska vara False: annars misslyckas SharePoint- och OneDrive-rapporter innan Seurantas kod körs)",
    },
    # the Tietoja (About) button
    "addin_about": {
        "fi": "Seuranta-lisäosa {addin}\nseuranta-xl-paketti {package}\nxlwings {xlwings}\nPython {python}\nPython-tulkki: {interpreter}",
        "en": "Seuranta add-in {addin}\nseuranta-xl package {package}\nxlwings {xlwings}\nPython {python}\nPython interpreter: {interpreter}",
        "sv": "Seuranta-tillägget {addin}\npaketet seuranta-xl {package}\nxlwings {xlwings}\nPython {python}\nPython-tolk: {interpreter}",
    },
    "addin_about_unknown": {"fi": "tuntematon", "en": "unknown", "sv": "okänd"},
    "addin_about_mismatch": {
        "fi": "Huomio: lisäosan versio {addin} ei ole sama kuin paketin {package}. Pyydä IT:tä ajamaan seuranta-xl addin install ja seuranta-xl addin doctor.",
        "en": "Note: the add-in's version {addin} is not the package's {package}. Ask IT to run seuranta-xl addin install and seuranta-xl addin doctor.",
        "sv": "Obs: tilläggets version {addin} är inte densamma som paketets {package}. Be IT köra seuranta-xl addin install och seuranta-xl addin doctor.",
    },
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
    "cmp_grade_not_applicable": {
        "fi": "etenemisaste merkitty: ei sovellu / ei arvioitavissa (edellisessä raportissa {before}); ei enää mukana kokonaistilanteessa",
        "en": "grade marked not applicable (the previous report had {before}); no longer in the overall status",
        "sv": "framskridningsgraden markerad ej tillämplig (i föregående rapport {before}); inte längre med i helhetsläget",
    },
    "cmp_grade_applicable": {
        "fi": "etenemisaste {after} (edellisessä raportissa: ei sovellu / ei arvioitavissa); nyt mukana kokonaistilanteessa",
        "en": "grade {after} (the previous report had: not applicable); now in the overall status",
        "sv": "framskridningsgrad {after} (i föregående rapport: ej tillämplig); nu med i helhetsläget",
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
    "cmp_progress_cleared": {
        "fi": "etenemisen kuvaus poistettu (edellisessä raportissa: {text})",
        "en": "progress text removed (the previous report had: {text})",
        "sv": "beskrivningen av framskridandet har strukits (i föregående rapport: {text})",
    },
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
    "split_note": {"fi": "  huom.: {note}", "en": "  note: {note}", "sv": "  obs.: {note}"},
    "split_dropped_drawing": {
        "fi": "{count} kuvaa tai kaaviota jätettiin pois (ne olivat tietoriveillä tai näyttivät niiden tietoja, ja rivit siirtyivät)",
        "en": "{count} pictures or charts left out (they sat on the data rows or showed them, and the rows moved)",
        "sv": "{count} bilder eller diagram utelämnades (de låg på dataraderna eller visade dem, och raderna flyttades)",
    },
    "split_dropped_merges": {
        "fi": "{count} yhdistettyä solualuetta purettiin (ne ulottuivat riveille, joita ei lähetetty)",
        "en": "{count} merged cell ranges unmerged (they spanned rows not sent)",
        "sv": "{count} sammanslagna cellområden delades (de sträckte sig över rader som inte skickades)",
    },
    "split_dropped_formats": {
        "fi": "{count} ehdollisen muotoilun sääntöä jätettiin pois (kaava viittaa riveihin, jotka siirtyivät tai puuttuvat)",
        "en": "{count} conditional format rules left out (their formula refers to rows moved or not sent)",
        "sv": "{count} regler för villkorsstyrd formatering utelämnades (formeln hänvisar till rader som flyttats eller saknas)",
    },
    "split_dropped_extensions": {
        "fi": "{count} laajennusta (esim. Excelin uudet muotoilut, kelpoisuusehdot tai minikaaviot) jätettiin pois: ne osoittavat alkuperäisen tiedoston riveille",
        "en": "{count} extensions (e.g. Excel's newer formats, validations or sparklines) left out: they name the master's rows",
        "sv": "{count} tillägg (t.ex. Excels nyare format, valideringar eller miniatyrdiagram) utelämnades: de pekar på huvudfilens rader",
    },
    "split_dropped_parts": {
        "fi": "{count} osaa jätettiin pois, koska niissä on alkuperäisen tiedoston tietoja muiltakin riveiltä (pivot-välimuistit, tietomalli, yhteydet, ulkoiset linkit, osittajat, mukautettu XML, pikkukuva): {parts}",
        "en": "{count} parts left out: they hold the master's data of other rows too (pivot caches, the data model, connections, external links, slicers, custom XML, the thumbnail): {parts}",
        "sv": "{count} delar utelämnades: de innehåller huvudfilens data även från andra rader (pivotcacher, datamodellen, anslutningar, externa länkar, utsnitt, anpassad XML, miniatyrbilden): {parts}",
    },
    "split_dropped_tables": {
        "fi": "{count} Excel-taulukkoa jätettiin pois (solut jäivät): niiden alue ei ole raportin rivit otsikkoriviltä alkaen",
        "en": "{count} Excel tables left out (their cells stay): their range is not the report's rows from the header down",
        "sv": "{count} Excel-tabeller utelämnades (cellerna finns kvar): deras område är inte rapportens rader från rubrikraden",
    },
    "split_dropped_views": {
        "fi": "{count} mukautettua näkymää jätettiin pois: niiden suodattimet ja piilotetut rivit koskevat alkuperäisen tiedoston rivejä",
        "en": "{count} custom views left out: their filters and hidden rows are the master's rows",
        "sv": "{count} anpassade vyer utelämnades: deras filter och dolda rader gäller huvudfilens rader",
    },
    "split_dropped_names": {
        "fi": "{count} nimettyä aluetta jätettiin pois (ne osoittavat poistetuille taulukoille tai siirtyneille riveille, tai niissä on oma arvo)",
        "en": "{count} defined names left out (they point at sheets removed or rows moved, or hold values of their own)",
        "sv": "{count} namngivna områden utelämnades (de pekar på borttagna blad eller flyttade rader, eller har egna värden)",
    },
    "split_formula_values": {
        "fi": "{count} kaavan tilalle kirjoitettiin sen tallennettu arvo (kaava viittaa riveihin, jotka siirtyivät tai puuttuvat; tyhjä, jos arvo on laskettu muiden kuin lähetettyjen rivien tiedoista): {cells}",
        "en": "{count} formulas written as their saved values (they refer to rows moved or not sent; left empty where the value was computed from rows not sent): {cells}",
        "sv": "{count} formler skrevs som sina sparade värden (de hänvisar till rader som flyttats eller saknas; tomma där värdet beräknats från rader som inte skickats): {cells}",
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
    "merge_formula_answer": {
        "fi": "{code}: vastaus kentässä {field} on kaava, jolle tiedostossa ei ole arvoa ({note}); ei koottu, koosteen arvo säilyi",
        "en": "{code}: the answer in {field} is a formula the file holds no value for ({note}); not merged, the master's value kept",
        "sv": "{code}: svaret i {field} är en formel som filen saknar värde för ({note}); togs inte med, sammanställningens värde behölls",
    },
    "merge_other_report": {
        "fi": "tiedosto on jaettu raportista {source}, eivätkä sen rivit vastaa tämän koosteen rivejä ({code}: {name} ≠ {mine}); tiedostoa ei koottu",
        "en": "the file was split from the report {source} and its rows do not match this master's ({code}: {name} ≠ {mine}); the file was not merged",
        "sv": "filen delades ut från rapporten {source} och dess rader motsvarar inte sammanställningens ({code}: {name} ≠ {mine}); filen togs inte med",
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
        "fi": "{code}: kahdessa vastaustiedostossa eri vastaus kenttään {field} (solu {cell}); ei koottu",
        "en": "{code}: two answer files give different answers for {field} (cell {cell}); not merged",
        "sv": "{code}: två svarsfiler ger olika svar för {field} (cellen {cell}); togs inte med",
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
    "package_part_missing": {
        "fi": "työkirjapaketista puuttuu osa {part}, jota Excel tarvitsee (tiedosto on vioittunut)",
        "en": "the workbook package lacks part {part}, which Excel needs (the file is damaged)",
        "sv": "arbetsbokspaketet saknar delen {part}, som Excel behöver (filen är skadad)",
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
    # --- writing a workbook file (files/workbook_io.py) ---
    "output_is_folder": {
        "fi": "on kansio; anna tulokselle tiedoston nimi, esim. -o {folder}{sep}tulos.xlsx",
        "en": "is a folder; give the output a file name, e.g. -o {folder}{sep}result.xlsx",
        "sv": "är en mapp; ge utdata ett filnamn, t.ex. -o {folder}{sep}resultat.xlsx",
    },
    "out_is_input": {
        "fi": "tulostiedosto on sama kuin syöte; käytä --in-place, jos haluat muuttaa syötettä (varmuuskopio jää)",
        "en": "the output is the input itself; use --in-place to change the input (a backup is kept)",
        "sv": "utdatafilen är indatafilen själv; använd --in-place för att ändra indata (en säkerhetskopia sparas)",
    },
    "exists": {
        "fi": "tiedosto on jo olemassa; käytä --force korvataksesi sen",
        "en": "the file already exists; use --force to overwrite it",
        "sv": "filen finns redan; använd --force för att ersätta den",
    },
    "locked": {
        "fi": "tiedosto on auki Excelissä (lukitustiedosto {lock}); sulje se Excelissä ja yritä uudelleen",
        "en": "the file is open in Excel (lock file {lock}); close it in Excel and try again",
        "sv": "filen är öppen i Excel (låsfil {lock}); stäng den i Excel och försök igen",
    },
    "suffix_macros": {
        "fi": "työkirjassa on makroja, joten tuloksen pitää olla .xlsm (tai .xltm); .xlsx hävittäisi makrot",
        "en": "the workbook has macros, so the output must be .xlsm (or .xltm); .xlsx would drop the macros",
        "sv": "arbetsboken har makron, så utdata måste vara .xlsm (eller .xltm); .xlsx skulle ta bort makrona",
    },
    "suffix_plain": {
        "fi": "työkirjassa ei ole makroja, joten tuloksen pitää olla .xlsx (tai .xltx); Excel ei avaa makrotonta .xlsm-tiedostoa",
        "en": "the workbook has no macros, so the output must be .xlsx (or .xltx); Excel does not open an .xlsm without macros",
        "sv": "arbetsboken har inga makron, så utdata måste vara .xlsx (eller .xltx); Excel öppnar inte en .xlsm utan makron",
    },
    "suffix_unknown": {
        "fi": "tuloksen päätteen pitää olla .xlsx, .xlsm, .xltx tai .xltm",
        "en": "the output must end in .xlsx, .xlsm, .xltx or .xltm",
        "sv": "utdatafilen måste sluta på .xlsx, .xlsm, .xltx eller .xltm",
    },
    "write_failed": {
        "fi": "tiedostoa ei voi kirjoittaa ({reason})",
        "en": "cannot write the file ({reason})",
        "sv": "filen kan inte skrivas ({reason})",
    },
    "strict_package": {
        "fi": "työkirja on tallennettu Strict Open XML -muodossa, johon seuranta-xl ei kirjoita; tallenna se "
              "Excelissä tavallisena Excel-työkirjana (.xlsx) ja yritä uudelleen — mitään ei kirjoitettu",
        "en": "the workbook is saved as Strict Open XML, which seuranta-xl does not write; save it in Excel "
              "as an ordinary Excel Workbook (.xlsx) and try again — nothing was written",
        "sv": "arbetsboken är sparad som Strict Open XML, som seuranta-xl inte skriver; spara den i Excel "
              "som en vanlig Excel-arbetsbok (.xlsx) och försök igen — inget skrevs",
    },
    "package_too_large": {
        "fi": "paketti on liian suuri kirjoitettavaksi ilman zip64-muotoa",
        "en": "the package is too large to write without zip64",
        "sv": "paketet är för stort för att skrivas utan zip64",
    },
    # --- hostile and unlucky inputs (issue 13): pre-scan, integrity, safe writes ---
    "not_regular_file": {
        "fi": "ei ole tavallinen tiedosto ({kind}); sitä ei lueta",
        "en": "is not a regular file ({kind}); not read",
        "sv": "är inte en vanlig fil ({kind}); den läses inte",
    },
    "too_big_file": {
        "fi": "tiedosto on liian suuri ({size}; raja {limit}, asetus limits.max_uncompressed_bytes)",
        "en": "the file is too large ({size}; limit {limit}, setting limits.max_uncompressed_bytes)",
        "sv": "filen är för stor ({size}; gräns {limit}, inställningen limits.max_uncompressed_bytes)",
    },
    "corrupt_part": {
        "fi": "Excel-tiedoston osa {part} on vioittunut ({reason}); tiedostoa ei lueta",
        "en": "part {part} of the Excel file is corrupt ({reason}); not read",
        "sv": "delen {part} i Excel-filen är skadad ({reason}); filen läses inte",
    },
    "unsupported_compression": {
        "fi": "Excel-tiedoston osa {part} on pakattu menetelmällä {method}, jota Excel ei käytä; tiedostoa ei lueta",
        "en": "part {part} of the Excel file is compressed with method {method}, which Excel never uses; not read",
        "sv": "delen {part} i Excel-filen är komprimerad med metod {method}, som Excel aldrig använder; filen läses inte",
    },
    "rels_id_twice": {
        "fi": "Excel-tiedoston osassa {part} on kaksi suhdetta samalla tunnuksella {id}; ohjelmat valitsevat niistä eri suhteen, joten tiedostoa ei lueta (vioittunut)",
        "en": "part {part} of the Excel file has two relationships with the same id {id}; programs differ in which one they take, so the file is not read (it is damaged)",
        "sv": "delen {part} i Excel-filen har två relationer med samma id {id}; program väljer olika av dem, så filen läses inte (den är skadad)",
    },
    "sheet_rel_missing": {
        "fi": "työkirjan taulukko {sheet} viittaa suhteeseen {id}, jota osassa {part} ei ole; tiedosto on vioittunut",
        "en": "the workbook's sheet {sheet} refers to relationship {id}, which {part} does not have; the file is corrupt",
        "sv": "arbetsbokens blad {sheet} hänvisar till relationen {id}, som {part} inte har; filen är skadad",
    },
    "sheet_external": {
        "fi": "työkirjan taulukko {sheet} on linkki tiedoston ulkopuolelle ({target}), ei osa työkirjaa; tiedostoa ei lueta",
        "en": "the workbook's sheet {sheet} is a link outside the file ({target}), not a part of the workbook; the file is not read",
        "sv": "arbetsbokens blad {sheet} är en länk utanför filen ({target}), inte en del av arbetsboken; filen läses inte",
    },
    "sheet_outside_package": {
        "fi": "työkirjan taulukon {sheet} osa {target} osoittaa tiedoston ulkopuolelle; tiedosto on vioittunut",
        "en": "the part {target} of the workbook's sheet {sheet} points outside the file; the file is corrupt",
        "sv": "delen {target} för arbetsbokens blad {sheet} pekar utanför filen; filen är skadad",
    },
    "sheet_not_worksheet": {
        "fi": "työkirjan taulukko {sheet} viittaa osaan {part}, joka on työkirjan {kind}-osa eikä taulukko; tiedosto on vioittunut",
        "en": "the workbook's sheet {sheet} refers to part {part}, which is the workbook's {kind} part, not a worksheet of its own; the file is corrupt",
        "sv": "arbetsbokens blad {sheet} hänvisar till delen {part}, som är arbetsbokens {kind}-del och inte ett eget kalkylblad; filen är skadad",
    },
    "xml_unknown_encoding": {
        "fi": "Excel-tiedoston osa {part} on merkistössä {encoding}, jota seuranta-xl ei tunne; tiedostoa ei lueta",
        "en": "part {part} of the Excel file is in the encoding {encoding}, which seuranta-xl does not know; not read",
        "sv": "delen {part} i Excel-filen är i teckenkodningen {encoding}, som seuranta-xl inte känner till; filen läses inte",
    },
    "sheets_share_part": {
        "fi": "työkirjan taulukot {sheet} ja {other} on tallennettu samaan osaan {part}; toisen muokkaus muuttaisi toistakin, joten tiedostoa ei lueta (vioittunut)",
        "en": "the workbook's sheets {sheet} and {other} are stored in the same part {part}; editing one would change the other, so the file is not read (it is damaged)",
        "sv": "arbetsbokens blad {sheet} och {other} är sparade i samma del {part}; en ändring av det ena skulle ändra det andra, så filen läses inte (den är skadad)",
    },
    "missing_sheet_part": {
        "fi": "työkirjan taulukko {sheet} viittaa osaan {part}, jota tiedostossa ei ole; tiedosto on vioittunut",
        "en": "the workbook's sheet {sheet} refers to part {part}, which the file does not have; the file is corrupt",
        "sv": "arbetsbokens blad {sheet} hänvisar till delen {part}, som inte finns i filen; filen är skadad",
    },
    "strings_mismatch": {
        "fi": "jaettujen merkkijonojen osa {part} on vioittunut ({found} merkkijonoa, ilmoitettu {declared}); luvut olisivat vääriä, joten tiedostoa ei lueta",
        "en": "the shared strings part {part} is corrupt ({found} strings, {declared} declared); figures would be wrong, so the file is not read",
        "sv": "delen för delade strängar {part} är skadad ({found} strängar, {declared} angivna); siffrorna skulle bli fel, så filen läses inte",
    },
    "string_index": {
        "fi": "taulukon {sheet} solu viittaa jaettuun merkkijonoon {index}, mutta niitä on {count}; tiedosto on vioittunut",
        "en": "a cell of sheet {sheet} refers to shared string {index}, but there are {count}; the file is corrupt",
        "sv": "en cell på bladet {sheet} hänvisar till delad sträng {index}, men det finns {count}; filen är skadad",
    },
    "style_index": {
        "fi": "taulukon {sheet} solu käyttää solumuotoilua {index}, mutta niitä on {count}; tiedosto on vioittunut",
        "en": "a cell of sheet {sheet} uses cell format {index}, but there are {count}; the file is corrupt",
        "sv": "en cell på bladet {sheet} använder cellformat {index}, men det finns {count}; filen är skadad",
    },
    "in_place_and_output": {
        "fi": "--in-place ja -o yhdessä: anna vain toinen (--in-place korvaa syötteen, -o kirjoittaa uuden tiedoston)",
        "en": "--in-place and -o together: give one of them (--in-place replaces the input, -o writes a new file)",
        "sv": "--in-place och -o tillsammans: ange bara det ena (--in-place ersätter indatafilen, -o skriver en ny fil)",
    },
    "read_only": {
        "fi": "tiedosto on kirjoitussuojattu (vain luku); poista suojaus, jos haluat korvata sen — mitään ei kirjoitettu",
        "en": "the file is read-only; remove the protection to replace it — nothing was written",
        "sv": "filen är skrivskyddad; ta bort skyddet för att ersätta den — inget skrevs",
    },
    "write_busy": {
        "fi": "toinen seuranta-xl kirjoittaa juuri tätä tiedostoa; yritä uudelleen, kun se on valmis",
        "en": "another seuranta-xl is writing this file right now; try again when it has finished",
        "sv": "en annan seuranta-xl skriver just nu den här filen; försök igen när den är klar",
    },
    # --- rules: findings' messages (rule.CODE), short names (rule.CODE.name), families, level
    # words and the fragments a rule chooses by its data (rules/*.py; rendered by Rule.message) ---
    "rule.doc.name": {"fi": "Nimi", "en": "Name", "sv": "Namn"},
    "rule.level.council": {"fi": "valtuustokauden tavoite", "en": "council-term goal", "sv": "fullmäktigemål"},
    "rule.level.annual": {"fi": "vuositavoite", "en": "annual goal", "sv": "årsmål"},
    "rule.level.action": {"fi": "toimenpide", "en": "action", "sv": "åtgärd"},
    "rule.family.G": {"fi": "Etenemisaste", "en": "Grade", "sv": "Framskridningsgrad"},
    "rule.family.H": {"fi": "Hierarkia ja koodit", "en": "Hierarchy and codes", "sv": "Hierarki och koder"},
    "rule.family.C": {"fi": "Sarakkeiden sijoittelu", "en": "Column placement", "sv": "Kolumnplacering"},
    "rule.family.R": {"fi": "Pakolliset tiedot", "en": "Required fields", "sv": "Obligatoriska uppgifter"},
    "rule.family.P": {"fi": "Vastuuhenkilö", "en": "Responsible role", "sv": "Ansvarsperson"},
    "rule.family.U": {"fi": "Kokonaistilanteen johdonmukaisuus", "en": "Rollup consistency",
                      "sv": "Helhetslägets överensstämmelse"},
    "rule.family.T": {"fi": "Tekstien laatu", "en": "Text quality", "sv": "Textkvalitet"},
    "rule.family.S": {"fi": "Raportointikierros ja aikataulu", "en": "Reporting cycle and schedule",
                      "sv": "Rapporteringsomgång och tidsplan"},
    "rule.family.F": {"fi": "Tiedosto ja solut", "en": "File and cells", "sv": "Fil och celler"},
    "rule.G101": {
        "fi": "Etenemisaste puuttuu ({level_name} {code}).",
        "en": "Grade is missing ({level_name} {code}).",
        "sv": "Framskridningsgraden saknas ({level_name} {code}).",
    },
    "rule.G101.name": {"fi": "Etenemisaste puuttuu", "en": "Missing grade", "sv": "Framskridningsgrad saknas"},
    "rule.G102": {
        "fi": "Etenemisaste \"{value}\" ei ole asteikon arvo 1–5.",
        "en": "Grade \"{value}\" is not a value of the 1–5 scale.",
        "sv": "Framskridningsgraden \"{value}\" är inget värde på skalan 1–5.",
    },
    "rule.G102.name": {"fi": "Ei asteikon arvo", "en": "Not a grade", "sv": "Inget värde på skalan"},
    "rule.G103": {
        "fi": "Etenemisasteen luku {value} ja teksti eivät täsmää: \"{label}\" on asteen {label_level} kuvaus. "
              "Luku ratkaisee ({value}); tarkista kumpi on oikein.",
        "en": "Grade number {value} and its label disagree: \"{label}\" is the label of {label_level}. "
              "The number counts ({value}); check which one is right.",
        "sv": "Framskridningsgradens siffra {value} och text stämmer inte överens: \"{label}\" är beskrivningen "
              "av grad {label_level}. Siffran avgör ({value}); kontrollera vilken som är rätt.",
    },
    "rule.G103.name": {"fi": "Luku ja teksti eivät täsmää", "en": "Grade label mismatch",
                       "sv": "Siffra och text stämmer inte överens"},
    "rule.G104": {
        "fi": "Etenemisasteen {value} teksti \"{label}\" poikkeaa asteikon sanamuodosta \"{expected}\".",
        "en": "The wording of grade {value} \"{label}\" differs from the scale's \"{expected}\".",
        "sv": "Texten \"{label}\" för framskridningsgrad {value} avviker från skalans formulering \"{expected}\".",
    },
    "rule.G104.name": {"fi": "Asteen sanamuoto poikkeaa", "en": "Grade label wording",
                       "sv": "Gradens formulering avviker"},
    "rule.H101": {
        "fi": "Koodi {code} on raportissa useammin kuin kerran (ensimmäinen rivillä {first_row}).",
        "en": "Code {code} appears more than once in the report (first on row {first_row}).",
        "sv": "Koden {code} förekommer mer än en gång i rapporten (första gången på rad {first_row}).",
    },
    "rule.H101.name": {"fi": "Sama koodi useasti", "en": "Duplicate code", "sv": "Dubblerad kod"},
    "rule.H102": {
        "fi": "Toimenpiteen {code} vuositavoitetta {parent} ei ole raportissa.",
        "en": "The annual goal {parent} of action {code} is not in the report.",
        "sv": "Årsmålet {parent} för åtgärden {code} finns inte i rapporten.",
    },
    "rule.H102.name": {"fi": "Toimenpiteen vuositavoite puuttuu", "en": "Action without annual goal",
                       "sv": "Åtgärd utan årsmål"},
    "rule.H103": {
        "fi": "Vuositavoitteen {code} valtuustokauden tavoitetta {parent} ei ole raportissa.",
        "en": "The council-term goal {parent} of annual goal {code} is not in the report.",
        "sv": "Fullmäktigemålet {parent} för årsmålet {code} finns inte i rapporten.",
    },
    "rule.H103.name": {"fi": "Vuositavoitteen valtuustokauden tavoite puuttuu",
                       "en": "Annual goal without council-term goal", "sv": "Årsmål utan fullmäktigemål"},
    "rule.H104": {
        "fi": "{level_name_cap} {code} kuuluu koodinsa mukaan tavoitteelle {parent}, mutta se on tavoitteen {heading} alla.",
        "en": "{level_name_cap} {code} belongs by its code to {parent}, but it stands under {heading}.",
        "sv": "{level_name_cap} {code} hör enligt sin kod till målet {parent}, men står under målet {heading}.",
    },
    "rule.H104.name": {"fi": "Toisen tavoitteen alla", "en": "Listed under another goal", "sv": "Under ett annat mål"},
    "rule.H105": {
        "fi": "Koodi \"{raw}\" ei ole vakiomuodossa; se luettiin koodiksi \"{code}\".",
        "en": "Code \"{raw}\" is not in the standard form; it was read as \"{code}\".",
        "sv": "Koden \"{raw}\" är inte i standardform; den lästes som \"{code}\".",
    },
    "rule.H105.name": {"fi": "Koodi ei ole vakiomuodossa", "en": "Non-canonical code", "sv": "Kod inte i standardform"},
    "rule.H106": {
        "fi": "Koodilla {code} ei ole nimeä.",
        "en": "Code {code} has no name.",
        "sv": "Koden {code} saknar namn.",
    },
    "rule.H106.name": {"fi": "Koodi ilman nimeä", "en": "Code without name", "sv": "Kod utan namn"},
    "rule.H107": {
        "fi": "Rivillä on tietoja ({fields}) mutta ei tavoitteen tai toimenpiteen koodia; tietoja ei lasketa mihinkään.",
        "en": "The row has content ({fields}) but no goal or action code; it is not counted anywhere.",
        "sv": "Raden har innehåll ({fields}) men ingen kod för ett mål eller en åtgärd; den räknas inte in någonstans.",
    },
    "rule.H107.name": {"fi": "Rivi ilman koodia", "en": "Row without code", "sv": "Rad utan kod"},
    "rule.H108": {
        "fi": "Taulukon koodit on kirjoitettu muodossa {examples_text} ({count}/{total} koodia); muoto hyväksytään taulukon omaksi tavaksi, ja koodit luetaan kuten {read_text}. Muulla tavalla kirjoitetut koodit merkitään erikseen (H105).",
        "en": "The sheet's codes are written like {examples_text} ({count} of {total} codes); the form is accepted as the sheet's own convention and read as {read_text}. Codes written in any other way are reported one by one (H105).",
        "sv": "Bladets koder är skrivna som {examples_text} ({count} av {total} koder); formen godtas som bladets egen praxis och koderna läses som {read_text}. Koder som skrivits på annat sätt anges var för sig (H105).",
    },
    "rule.H108.name": {"fi": "Taulukon oma koodien kirjoitustapa", "en": "Sheet's own code convention",
                       "sv": "Bladets egen kodform"},
    "rule.H109": {
        "fi": "Koodi on solussa numerona {shown}: se voi olla \"{read}\" tai \"{other}\", sillä numero ei säilytä loppunollaa. {reason} Muotoile sarake tekstiksi ja kirjoita koodi uudelleen.",
        "en": "The code is a number in its cell, {shown}: it may be \"{read}\" or \"{other}\", as a number keeps no trailing zero. {reason} Format the column as text and type the code again.",
        "sv": "Koden är ett tal i sin cell, {shown}: den kan vara \"{read}\" eller \"{other}\", eftersom ett tal inte behåller en nolla på slutet. {reason} Formatera kolumnen som text och skriv koden på nytt.",
    },
    "rule.H109.name": {"fi": "Koodi kirjoitettu numerona", "en": "Code typed as a number", "sv": "Kod skriven som tal"},
    "rule.H109.by_order": {
        "fi": "Se luettiin koodiksi \"{read}\" viereisten rivien järjestyksen perusteella.",
        "en": "It was read as \"{read}\" from the order of the rows around it.",
        "sv": "Den lästes som \"{read}\" utifrån ordningen på raderna runt den.",
    },
    "rule.H109.as_typed": {
        "fi": "Se luettiin koodiksi \"{read}\", mutta se on väärässä järjestyksessä; tarkista, tarkoitettiinko \"{other}\".",
        "en": "It was read as \"{read}\", but it stands out of order; check whether \"{other}\" was meant.",
        "sv": "Den lästes som \"{read}\", men den står i fel ordning; kontrollera om \"{other}\" avsågs.",
    },
    "rule.C101": {
        "fi": "{code} ({level_name}) on sarakkeessa {column}; se kuuluu sarakkeeseen {expected} ({title}).",
        "en": "{code} ({level_name}) is in column {column}; it belongs in column {expected} ({title}).",
        "sv": "{code} ({level_name}) står i kolumn {column}; den hör hemma i kolumn {expected} ({title}).",
    },
    "rule.C101.name": {"fi": "Koodi väärässä sarakkeessa", "en": "Code in wrong column", "sv": "Kod i fel kolumn"},
    "rule.C102": {
        "fi": "Sarakkeessa {column} ({title}) on tekstiä ilman koodia: \"{text}\". {hint}",
        "en": "Column {column} ({title}) holds text without a code: \"{text}\". {hint}",
        "sv": "Kolumn {column} ({title}) innehåller text utan kod: \"{text}\". {hint}",
    },
    "rule.C102.name": {"fi": "Tekstiä ilman koodia nimisarakkeessa", "en": "Text without code in name column",
                       "sv": "Text utan kod i en namnkolumn"},
    "rule.C102.hint.name": {
        "fi": "Se on todennäköisesti koodin {name_of} nimi (samaan soluun koodin kanssa).",
        "en": "It is probably the name of {name_of} (same cell as the code).",
        "sv": "Den är troligen namnet på {name_of} (i samma cell som koden).",
    },
    "rule.C102.hint.risks": {
        "fi": "Se kuuluu todennäköisesti riskisarakkeeseen {belongs} ({risks_title}).",
        "en": "It probably belongs in the risks column {belongs} ({risks_title}).",
        "sv": "Den hör troligen hemma i riskkolumnen {belongs} ({risks_title}).",
    },
    "rule.C102.hint.none": {
        "fi": "Lisää koodi tai siirrä teksti oikeaan sarakkeeseen.",
        "en": "Add a code or move the text to the right column.",
        "sv": "Lägg till en kod eller flytta texten till rätt kolumn.",
    },
    "rule.R101": {
        "fi": "Eteneminen puuttuu ({level_name} {code}).",
        "en": "Progress text (Eteneminen) is missing ({level_name} {code}).",
        "sv": "Framstegstexten (Eteneminen) saknas ({level_name} {code}).",
    },
    "rule.R101.name": {"fi": "Eteneminen puuttuu", "en": "Missing progress", "sv": "Framstegstext saknas"},
    "rule.R102": {
        "fi": "Vastuuhenkilö puuttuu ({level_name} {code}).",
        "en": "Responsible (Vastuuhenkilö) is missing ({level_name} {code}).",
        "sv": "Ansvarsperson (Vastuuhenkilö) saknas ({level_name} {code}).",
    },
    "rule.R102.name": {"fi": "Vastuuhenkilö puuttuu", "en": "Missing responsible", "sv": "Ansvarsperson saknas"},
    "rule.R103": {
        "fi": "Riskejä ei ole kirjattu ({level_name} {code}).",
        "en": "No risks are recorded ({level_name} {code}).",
        "sv": "Inga risker har antecknats ({level_name} {code}).",
    },
    "rule.R103.name": {"fi": "Riskit puuttuvat", "en": "Missing risks", "sv": "Risker saknas"},
    "rule.R104": {
        "fi": "Pakollinen tieto {title} puuttuu ({level_name} {code}).",
        "en": "Required field {title} is missing ({level_name} {code}).",
        "sv": "Den obligatoriska uppgiften {title} saknas ({level_name} {code}).",
    },
    "rule.R104.name": {"fi": "Pakollinen tieto puuttuu", "en": "Missing required field",
                       "sv": "Obligatorisk uppgift saknas"},
    "rule.R105": {
        "fi": "Otsikkorivillä ei ole saraketta {title}, vaikka se on pakollinen tieto; sitä ei voitu tarkistaa.",
        "en": "The header has no column {title} although it is a required field; it could not be checked.",
        "sv": "Rubrikraden saknar kolumnen {title} fast den är en obligatorisk uppgift; den kunde inte kontrolleras.",
    },
    "rule.R105.name": {"fi": "Pakollinen sarake puuttuu", "en": "Missing required column",
                       "sv": "Obligatorisk kolumn saknas"},
    "rule.P101": {
        "fi": "Vastuuhenkilö \"{value}\" ei ole roolilistalla{hint}",
        "en": "Responsible \"{value}\" is not on the list of roles{hint}",
        "sv": "Ansvarspersonen \"{value}\" finns inte på rollistan{hint}",
    },
    "rule.P101.name": {"fi": "Tuntematon rooli", "en": "Unknown role", "sv": "Okänd roll"},
    "rule.P102": {
        "fi": "Vastuuhenkilö \"{value}\" ({rows_text}) on lähes sama kuin {others}: sama rooli eri "
              "kirjoitusasuissa{hint}",
        "en": "Responsible \"{value}\" ({rows_text}) is nearly the same as {others}: one role spelled in "
              "several ways{hint}",
        "sv": "Ansvarspersonen \"{value}\" ({rows_text}) är nästan densamma som {others}: samma roll stavad "
              "på flera sätt{hint}",
    },
    "rule.P102.name": {"fi": "Roolin kirjoitusasut", "en": "Role spelling variants", "sv": "Stavningsvarianter av en roll"},
    "rule.rows.one": {"fi": "rivi {rows}", "en": "row {rows}", "sv": "rad {rows}"},
    "rule.rows.many": {"fi": "rivit {rows}", "en": "rows {rows}", "sv": "rader {rows}"},
    "rule.U101": {
        "fi": "{level_name_cap} {code}: oma etenemisaste {reported}, toimenpiteiden keskiarvo {mean} "
              "(heikoin {worst}; toimenpiteet {grades}).",
        "en": "{level_name_cap} {code}: own grade {reported}, mean of its actions {mean} "
              "(worst {worst}; actions {grades}).",
        "sv": "{level_name_cap} {code}: egen framskridningsgrad {reported}, åtgärdernas medeltal {mean} "
              "(svagast {worst}; åtgärderna {grades}).",
    },
    "rule.U101.name": {"fi": "Oma aste poikkeaa toimenpiteistä", "en": "Reported grade differs from actions",
                       "sv": "Egen grad avviker från åtgärderna"},
    "rule.U102": {
        "fi": "{level_name_cap} {code}: toimenpiteiden keskiarvo {mean} näyttää hyvältä, mutta heikko "
              "toimenpide jää piiloon: {weak}.",
        "en": "{level_name_cap} {code}: the mean of its actions {mean} looks good but hides a weak "
              "action: {weak}.",
        "sv": "{level_name_cap} {code}: åtgärdernas medeltal {mean} ser bra ut men döljer en svag "
              "åtgärd: {weak}.",
    },
    "rule.U102.name": {"fi": "Keskiarvo peittää heikon toimenpiteen", "en": "Mean hides weak action",
                       "sv": "Medeltalet döljer en svag åtgärd"},
    "rule.U103": {
        "fi": "Kokonais-tilanteessa on arvo \"{own_text}\", mutta toimenpiteiden etenemisasteiden keskiarvo on "
              "{computed_text}.",
        "en": "Kokonais-tilanne holds \"{own_text}\", but the mean of the actions' grades is {computed_text}.",
        "sv": "Helhetsläget (Kokonais-tilanne) har värdet \"{own_text}\", men medeltalet av åtgärdernas "
              "framskridningsgrader är {computed_text}.",
    },
    "rule.U103.name": {"fi": "Kokonais-tilanne poikkeaa lasketusta", "en": "Status differs from computed",
                       "sv": "Helhetsläget avviker från det beräknade"},
    "rule.S101": {
        "fi": "Etenemisaste ({grade_text}) ja eteneminen ovat samat kuin edellisessä raportissa ({previous}, rivi "
              "{previous_row}): riviä ei ehkä ole päivitetty.",
        "en": "The grade ({grade_text}) and the progress text are as in the previous report ({previous}, row "
              "{previous_row}): the row may not have been updated.",
        "sv": "Framskridningsgraden ({grade_text}) och framstegstexten är som i föregående rapport ({previous}, rad "
              "{previous_row}): raden har kanske inte uppdaterats.",
    },
    "rule.S101.name": {"fi": "Ei päivitetty edellisestä raportista", "en": "Not updated since the previous report",
                       "sv": "Inte uppdaterad sedan föregående rapport"},
    "rule.S102": {
        "fi": "Etenemisaste {grade} on jäljessä aikataulusta: kaudelle {period} odotettu taso on {expected_text}.",
        "en": "Grade {grade} is behind schedule: the level expected by {period} is {expected_text}.",
        "sv": "Framskridningsgraden {grade} ligger efter tidsplanen: nivån som väntas för {period} är {expected_text}.",
    },
    "rule.S102.name": {"fi": "Jäljessä aikataulusta", "en": "Behind schedule", "sv": "Efter tidsplanen"},
    "rule.S103": {
        "fi": "Aikataulu on asetettu, mutta raportin kautta ei tunnisteta (otsikosta: {period}): kirjoita kausi "
              "otsikkoon (esim. 1 - 8 / 2026) tai anna --period.",
        "en": "A schedule is set, but the report's period is not known (from the title: {period}): write the period "
              "into the title (e.g. 1 - 8 / 2026) or give --period.",
        "sv": "En tidsplan är angiven, men rapportens period är okänd (i rubriken: {period}): skriv perioden i "
              "rubriken (t.ex. 1 - 8 / 2026) eller ange --period.",
    },
    "rule.S103.name": {"fi": "Raportin kausi ei tiedossa", "en": "Report period unknown", "sv": "Rapportens period okänd"},
    "rule.T101": {
        "fi": "Eteneminen on sama kuin {relation} {other} (rivi {other_row}) tekstissä.",
        "en": "The progress text is identical to that of {relation} {other} (row {other_row}).",
        "sv": "Framstegstexten är identisk med texten för {relation} {other} (rad {other_row}).",
    },
    "rule.T101.name": {"fi": "Kopioitu etenemisteksti", "en": "Copied progress text", "sv": "Kopierad framstegstext"},
    "rule.T102": {
        "fi": "Eteneminen toistaa lähes sellaisenaan {relation} {other} (rivi {other_row}) tekstiä.",
        "en": "The progress text largely repeats that of {relation} {other} (row {other_row}).",
        "sv": "Framstegstexten upprepar nästan ordagrant texten för {relation} {other} (rad {other_row}).",
    },
    "rule.T102.name": {"fi": "Toistettu etenemisteksti", "en": "Reused progress text", "sv": "Upprepad framstegstext"},
    "rule.relation.goal": {"fi": "tavoitteen", "en": "its goal", "sv": "målet"},
    "rule.relation.sibling": {"fi": "rinnakkaisen", "en": "sibling", "sv": "den parallella punkten"},
    "rule.F101": {
        "fi": "Solussa on kaava, jolla ei ole tallennettua tulosta: {note}.",
        "en": "The cell holds a formula with no saved result: {note}.",
        "sv": "Cellen innehåller en formel utan sparat resultat: {note}.",
    },
    "rule.F101.name": {"fi": "Kaava ilman tallennettua tulosta", "en": "Formula without saved result",
                       "sv": "Formel utan sparat resultat"},
}


def t(key: str, lang: str = "fi", /, **values: object) -> str:
    """The message ``key`` in ``lang`` (falls back to Finnish), filled with ``values``."""
    texts = MESSAGES[key]
    return texts.get(lang, texts["fi"]).format_map(values)  # values is a fresh dict: no second copy


def texts(key: str, lang: str = "fi") -> tuple[str, ...]:
    """A row of titles (a sheet's header) in ``lang``: the catalogue entry is a tuple per language."""
    value = MESSAGES[key]
    return tuple(value.get(lang, value["fi"]))
