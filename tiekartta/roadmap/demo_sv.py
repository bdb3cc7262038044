"""The demo's Swedish: Kankaanpää writes its roadmaps in Finnish and translates them into
Swedish, as a bilingual municipality would (tiekartta.core.translations).

Pure data, like demo_data.py: `SWEDISH` maps each Finnish text of the demo (a roadmap's
title and description, a theme's name and description, a task's title and description, a
public summary) to its Swedish version, the way a translation memory does; the loader puts the
versions in each object's `translations`. A text that is not here has no Swedish version.
"""

# The demo organisations that write in several languages: (primary, the others).
CONTENT_LANGUAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "kankaanpaa-demo": ("fi", ("sv",)),
}

# Public tasks (roadmap slug, Finnish title) whose public summary is deliberately left without
# a Swedish version, so that the demo shows the list of missing translations and the Swedish
# public site falling back to the Finnish summary (marked lang="fi"). Their titles are in
# Swedish like every other task's.
UNTRANSLATED_SUMMARIES: frozenset[tuple[str, str]] = frozenset(
    {
        ("2023-2025", "Liikuntakeskuksen kävijämäärä- ja käyttöasteseurannan laajentaminen"),
        ("2026-2028", "Kiinteistöjen energiankulutustiedot tietovarastoon"),
        ("2026-2028", "Avoimen datan julkaiseminen"),
    }
)

SWEDISH: dict[str, str] = {
    # The public summaries of public.demo, by the task's status.
    "Valmis ja käytössä. Palautetta voi antaa kunnan palautekanavassa.": (
        "Klart och i bruk. Respons kan ges via kommunens responskanal."
    ),
    "Työ etenee suunnitellusti; seuraava vaihe käynnistyy tämän vuoden aikana.": (
        "Arbetet framskrider enligt plan; nästa skede inleds under året."
    ),
    "Valmistelu alkaa suunnitellulla aikataululla.": (
        "Beredningen inleds enligt den planerade tidtabellen."
    ),
    "Siirtyy myöhemmäksi: resurssit on kohdennettu kiireellisempiin töihin.": (
        "Skjuts upp: resurserna har riktats till mer brådskande arbeten."
    ),
    # The roadmaps, their themes and tasks, in the order of demo_data.py.
    "Digitiekartta 2023–2025": "Digital färdplan 2023–2025",
    (
        "Kankaanpään kaupungin digitiekartta kertoo, mitä, missä järjestyksessä ja millä "
        "aikataululla digitalisaatio kaupungissa etenee vuosina 2023–2025. Se perustuu kaupungin"
        " strategiaan, Pohjois-Satakunnan digitalisaatiohankkeen kyselyihin sekä digiryhmän "
        "Toiveiden tynnyri -ideointiin ja työpajoihin syksyllä 2022. Strategiset kärkihankkeet "
        "ovat tiedolla johtaminen ja asiakkaiden sähköiset palvelut."
    ): (
        "Kankaanpää stads digitala färdplan visar vad som digitaliseras i staden åren 2023–2025,"
        " i vilken ordning och enligt vilken tidtabell. Den bygger på stadens strategi, "
        "enkäterna i Norra Satakuntas digitaliseringsprojekt samt den digitala gruppens idéträff"
        " Önsketunnan och workshopparna hösten 2022. De strategiska spetsprojekten är "
        "kunskapsbaserad ledning och kundernas elektroniska tjänster."
    ),
    "Tiedolla johtaminen": "Kunskapsbaserad ledning",
    (
        "Päätöksenteko perustuu automatisoituun, ajantasaiseen ja laadukkaaseen tietoon. Tieto "
        "kootaan eri järjestelmistä tietovarastoon, josta sitä raportoidaan ja analysoidaan "
        "nykyaikaisin työkaluin."
    ): (
        "Besluten bygger på automatiserade, aktuella data av god kvalitet. Uppgifterna samlas "
        "från olika system i ett datalager, där de rapporteras och analyseras med moderna "
        "verktyg."
    ),
    "Johdon ja elinkeinopalvelujen tiedolla johtamisen tarpeiden selvitys": (
        "Utredning av ledningens och näringslivstjänsternas behov av kunskapsbaserad ledning"
    ),
    (
        "Selvitetään, mitä tietoa johto ja elinkeinopalvelut tarvitsevat päätöksenteon tueksi. "
        "Tulokset ohjaavat tietovaraston määrittelyä."
    ): (
        "Vi utreder vilka uppgifter ledningen och näringslivstjänsterna behöver som stöd för "
        "sina beslut. Resultaten styr definitionen av datalagret."
    ),
    "Tietovaraston määrittely": "Definition av datalagret",
    (
        "Tietohallinto määrittelee kaupungin tietovaraston: mitkä tietolähteet siihen kootaan, "
        "miten tieto päivittyy ja kuka sitä käyttää."
    ): (
        "IT-förvaltningen definierar stadens datalager: vilka datakällor som samlas i det, hur "
        "uppgifterna uppdateras och vem som använder dem."
    ),
    "Tietovaraston rakentaminen": "Uppbyggnad av datalagret",
    (
        "Rakennetaan tietovarasto, johon päätöksenteossa käytettävä tieto kerätään useista "
        "järjestelmistä yhteen paikkaan raportoitavaksi ja analysoitavaksi. Talous- ja "
        "henkilöstötiedot on liitetty, muiden lähteiden liittäminen jatkuu seuraavalla kaudella."
    ): (
        "Vi bygger upp ett datalager där de uppgifter som används i beslutsfattandet samlas från"
        " flera system på ett ställe för rapportering och analys. Ekonomi- och "
        "personaluppgifterna har kopplats in, och anslutningen av övriga källor fortsätter under"
        " nästa period."
    ),
    "Taloushallinnon raportoinnin kehittäminen": "Utveckling av ekonomiförvaltningens rapportering",
    (
        "Taloushallinnon raportointia kehitetään pääasiassa nykyisen toimittajan valmiilla "
        "työkaluilla."
    ): (
        "Ekonomiförvaltningens rapportering utvecklas främst med den nuvarande leverantörens "
        "färdiga verktyg."
    ),
    "Työhyvinvoinnin ja sairauspoissaolojen seurannan laajentaminen": (
        "Utvidgad uppföljning av arbetshälsa och sjukfrånvaro"
    ),
    (
        "Jo hankittu järjestelmä työhyvinvoinnin ja sairauspoissaolojen seurannan tueksi otetaan"
        " käyttöön kaikilla toimialoilla."
    ): (
        "Det system som redan har skaffats som stöd för uppföljningen av arbetshälsa och "
        "sjukfrånvaro tas i bruk inom alla sektorer."
    ),
    "Liikuntakeskuksen kävijämäärä- ja käyttöasteseurannan laajentaminen": (
        "Utvidgad uppföljning av besökarantal och beläggning i idrottscentret"
    ),
    (
        "Liikuntakeskuksen kävijämäärien ja käyttöasteiden seurannan piiriin otetaan uusia "
        "tiloja. Tiedot auttavat vuorojen jakamisessa."
    ): (
        "Uppföljningen av besökarantal och beläggning i idrottscentret utvidgas till nya "
        "lokaler. Uppgifterna underlättar fördelningen av turer."
    ),
    "Laitteiden kunnonseurannan laajentaminen uusiin kohteisiin": (
        "Utvidgad tillståndsövervakning av utrustning till nya objekt"
    ),
    (
        "Laitteiden kuntoa seuraavan järjestelmän käyttöä laajennetaan kiinteistöjen ja "
        "vesihuollon laitteisiin. Laajennus siirtyi resurssipulan vuoksi seuraavalle kaudelle."
    ): (
        "Användningen av systemet som övervakar utrustningens skick utvidgas till fastigheternas"
        " och vattentjänsternas utrustning. På grund av resursbrist flyttades utvidgningen till "
        "nästa period."
    ),
    "Oppimisanalytiikka-hankkeen tuotosten hyödyntäminen": (
        "Användning av resultaten från projektet för lärandeanalys"
    ),
    (
        "Oppimisanalytiikka-hankkeen tuotoksia hyödynnetään kouluissa tukemaan parempia "
        "pedagogisia ratkaisuja."
    ): (
        "Resultaten från projektet för lärandeanalys används i skolorna som stöd för bättre "
        "pedagogiska lösningar."
    ),
    "Aterioiden lämpötilojen ja kuljetusten seurannan automatisointi": (
        "Automatiserad uppföljning av måltidernas temperaturer och transporter"
    ),
    (
        "Ruokahuolto ottaa käyttöön järjestelmän, joka seuraa automaattisesti aterioiden "
        "lämpötiloja ja kuljetuksia keittiöltä jakelukeittiöihin."
    ): (
        "Kostservicen tar i bruk ett system som automatiskt följer upp måltidernas temperaturer "
        "och transporterna från köket till serveringsköken."
    ),
    "Hävikkiruuan määrien mittaaminen": "Mätning av mängden matsvinn",
    (
        "Hävikkiruuan määrät kirjataan ja seurataan keittiöittäin. Tavoitteena on ennustaa "
        "valmistettavien aterioiden määrä nykyistä helpommin."
    ): (
        "Mängden matsvinn registreras och följs upp per kök. Målet är att lättare kunna förutse "
        "hur många måltider som ska tillredas."
    ),
    "Asiakkaiden sähköiset palvelut": "Kundernas elektroniska tjänster",
    (
        "Palvelut ovat asiakaslähtöisiä, ajasta ja paikasta riippumattomia ja helppoja käyttää. "
        "Asiointi on sähköistä prosessin alusta loppuun."
    ): (
        "Tjänsterna utgår från kunden, är oberoende av tid och plats och är lätta att använda. "
        "Ärendehanteringen är elektronisk från början till slut."
    ),
    "Asiointipalvelujen kehittäminen alusta loppuun sähköisiksi": (
        "Elektroniska e-tjänster från början till slut"
    ),
    (
        "Verkkosivujen asiointipalveluja kehitetään niin, että asiointi on sähköistä prosessin "
        "alusta loppuun. Ensimmäiset lomakkeet on uudistettu, loput siirtyvät seuraavalle "
        "kaudelle."
    ): (
        "E-tjänsterna på webbplatsen utvecklas så att ärendet sköts elektroniskt från början "
        "till slut. De första blanketterna har förnyats, resten flyttas till nästa period."
    ),
    "Verkkosivujen päivitys ja hakusanojen lisääminen": (
        "Uppdatering av webbplatsen och fler sökord"
    ),
    (
        "Nykyisiä verkkosivuja päivitetään ja niille lisätään hakusanoja, jotta tieto löytyy "
        "helpommin."
    ): (
        "Den nuvarande webbplatsen uppdateras och förses med sökord så att informationen blir "
        "lättare att hitta."
    ),
    "Primuksen ja Wilman sisäisen tiedonkulun kehittäminen": (
        "Utvecklat informationsflöde inom Primus och Wilma"
    ),
    (
        "Koulun ja vanhempien välistä tiedonkulkua parannetaan kehittämällä Primuksen ja Wilman "
        "sisäistä tiedonkulkua."
    ): (
        "Informationsflödet mellan skolan och föräldrarna förbättras genom att "
        "informationsflödet inom Primus och Wilma utvecklas."
    ),
    "Sähköinen ilmoittautuminen ja maksu harrastuksiin ja tapahtumiin": (
        "Elektronisk anmälan och betalning till fritidsaktiviteter och evenemang"
    ),
    (
        "Sähköinen ilmoittautuminen ja maksaminen otetaan laajemmin käyttöön liikunnan, opiston "
        "ja kulttuurin harrastuksissa ja tapahtumissa."
    ): (
        "Elektronisk anmälan och betalning tas i bredare bruk för fritidsaktiviteter och "
        "evenemang inom idrott, medborgarinstitutet och kultur."
    ),
    "Yhtenäiset maksuvaihtoehdot koko kaupungissa": "Enhetliga betalningsalternativ i hela staden",
    (
        "Maksuvaihtoehdoissa tavoitellaan yhtenäistä linjaa koko kaupungin osalta. Työ siirtyi "
        "maksupalvelun kilpailutuksen vuoksi."
    ): (
        "Målet är en enhetlig linje för betalningsalternativen i hela staden. Arbetet flyttades "
        "på grund av konkurrensutsättningen av betaltjänsten."
    ),
    "Kankaanpään kaupunkisovelluksen käyttöönotto": "Ibruktagning av Kankaanpää stadsapp",
    (
        "Kaupunkisovellus otetaan käyttöön, ja siihen kootaan tärkeimmät ja kiinnostavimmat "
        "palvelut ja tiedot."
    ): (
        "Stadsappen tas i bruk, och de viktigaste och mest intressanta tjänsterna och "
        "uppgifterna samlas i den."
    ),
    "Digituki ja osaaminen": "Digitalt stöd och kompetens",
    (
        "Digituki auttaa asiakasta käyttämään laitteita ja sähköisiä palveluja itsenäisesti ja "
        "turvallisesti. Henkilöstön digiosaamista vahvistetaan tarpeiden mukaan."
    ): (
        "Det digitala stödet hjälper kunden att använda enheter och elektroniska tjänster "
        "självständigt och tryggt. Personalens digitala kompetens stärks efter behov."
    ),
    "Digituen tiedot keskitetysti verkkosivuille": (
        "Information om digitalt stöd samlad på webbplatsen"
    ),
    (
        "Kaupungin verkkosivuille kootaan yhteen paikkaan tieto siitä, mitä ja mistä digitukea "
        "on saatavilla."
    ): (
        "På stadens webbplats samlas information på ett ställe om vilket digitalt stöd som finns"
        " och var det finns."
    ),
    "Kirjaston asiakkaiden digituki": "Digitalt stöd för bibliotekets kunder",
    (
        "Kirjasto järjestää asiakkaille digitukea laitteiden ja sähköisen asioinnin käyttöön, "
        "esimerkiksi ajanvarauksella ja digiopastuksina."
    ): (
        "Biblioteket ordnar digitalt stöd för kunderna i användningen av enheter och e-tjänster,"
        " till exempel genom tidsbokning och digital handledning."
    ),
    "Henkilöstön digikoulutustarpeiden kysely": "Enkät om personalens behov av digital utbildning",
    (
        "Työntekijöille järjestetään kysely digikoulutustarpeista. Tulokset huomioidaan "
        "koulutuksen suunnittelussa."
    ): (
        "De anställda får svara på en enkät om sina behov av digital utbildning. Resultaten "
        "beaktas när utbildningen planeras."
    ),
    "Henkilöstön digikoulutukset": "Digitala utbildningar för personalen",
    ("Henkilöstölle järjestetään kyselyssä esiin nousseiden tarpeiden mukaisia digikoulutuksia."): (
        "Personalen erbjuds digitala utbildningar enligt de behov som framkom i enkäten."
    ),
    "Hallinto ja automaatio": "Förvaltning och automatisering",
    (
        "Hallinnon digikehityksen keskiössä ovat arkistointijärjestelmä ja "
        "kokonaisarkkitehtuuri. Rutiininomaisia ja manuaalisia töitä automatisoidaan."
    ): (
        "I centrum för förvaltningens digitala utveckling står arkiveringssystemet och "
        "helhetsarkitekturen. Rutinmässiga och manuella arbeten automatiseras."
    ),
    "Arkistointijärjestelmän käyttöönotto": "Ibruktagning av arkiveringssystemet",
    (
        "Otetaan käyttöön sähköinen arkistointijärjestelmä. Järjestelmä on käytössä hallinnossa,"
        " ja toimialojen aineistojen siirto jatkuu."
    ): (
        "Ett elektroniskt arkiveringssystem tas i bruk. Systemet används inom förvaltningen, och"
        " överföringen av sektorernas material fortsätter."
    ),
    "Kokonaisarkkitehtuurijärjestelmän laajempi hyödyntäminen": (
        "Bredare användning av systemet för helhetsarkitektur"
    ),
    (
        "Kokonaisarkkitehtuurijärjestelmään kuvataan kaupungin palvelut, prosessit ja "
        "järjestelmät, ja sitä käytetään hankintojen ja kehittämisen suunnittelussa."
    ): (
        "Stadens tjänster, processer och system beskrivs i systemet för helhetsarkitektur, och "
        "det används vid planeringen av upphandlingar och utveckling."
    ),
    "Ostolaskujen tarkastamisen automatisointi": "Automatiserad granskning av inköpsfakturor",
    (
        "Ostolaskujen tarkastamista automatisoidaan niin, että säännölliset laskut kulkevat "
        "tarkastuksen läpi ilman käsityötä."
    ): (
        "Granskningen av inköpsfakturor automatiseras så att regelbundna fakturor går igenom "
        "granskningen utan manuellt arbete."
    ),
    "Laskujen tiliöintien automatisointi": "Automatiserad kontering av fakturor",
    "Toistuvien laskujen tiliöinnit automatisoidaan tiliöintisäännöillä.": (
        "Konteringen av återkommande fakturor automatiseras med konteringsregler."
    ),
    "Sivistyksen dokumenttien siirron automatisointi": (
        "Automatiserad överföring av bildningssektorns dokument"
    ),
    (
        "Sivistyspalvelujen asiakirjat siirretään automaattisesti arkistointijärjestelmään käsin"
        " tehtävän siirron sijaan."
    ): (
        "Bildningstjänsternas handlingar överförs automatiskt till arkiveringssystemet i stället"
        " för manuellt."
    ),
    "Kokoustilojen varausten automatisointi": "Automatiserad bokning av mötesrum",
    (
        "Kokoustilojen varaukset siirretään sähköiseen varauskalenteriin, josta varaukset ja "
        "niiden vahvistukset hoituvat automaattisesti."
    ): (
        "Bokningarna av mötesrum flyttas till en elektronisk bokningskalender, där bokningar och"
        " bekräftelser sköts automatiskt."
    ),
    "Selvitys tulostuksen ja skannauksen vähentämisestä": (
        "Utredning om minskad utskrift och skanning"
    ),
    (
        "Selvitetään, missä tulostetaan ja skannataan eniten ja miten määriä voidaan vähentää "
        "sähköisillä työtavoilla."
    ): (
        "Vi utreder var det skrivs ut och skannas mest och hur mängderna kan minskas med "
        "elektroniska arbetssätt."
    ),
    "Tietoturva ja tietosuoja": "Informationssäkerhet och dataskydd",
    (
        "Tietoturva ja -suoja ovat sisäänkirjoitettuina kaikessa digitalisaatiossa. Palveluissa "
        "hyödynnetään valmiita ratkaisuja, kuten suomi.fi-tunnistautumista."
    ): (
        "Informationssäkerhet och dataskydd är inbyggda i all digitalisering. Tjänsterna "
        "utnyttjar färdiga lösningar, såsom identifiering via suomi.fi."
    ),
    "Suomi.fi-tunnistautumisen käyttöönotto sähköisissä palveluissa": (
        "Identifiering via Suomi.fi i de elektroniska tjänsterna"
    ),
    (
        "Sähköisissä palveluissa hyödynnetään valmista suomi.fi-tunnistautumista, jotta asiakas "
        "voi asioida turvallisesti ja tunnistettuna."
    ): (
        "De elektroniska tjänsterna använder den färdiga identifieringen via suomi.fi, så att "
        "kunden kan uträtta ärenden tryggt och identifierad."
    ),
    "Kyber- ja digiturvahankkeen tuotosten käyttöönotto": (
        "Ibruktagning av resultaten från projektet för cyber- och digital säkerhet"
    ),
    (
        "Syksyllä 2023 valmistuneen kyber- ja digiturvahankkeen ohjeet, koulutusmateriaalit ja "
        "toimintamallit otetaan käyttöön."
    ): (
        "Anvisningarna, utbildningsmaterialen och verksamhetsmodellerna från projektet för "
        "cyber- och digital säkerhet, som blev klart hösten 2023, tas i bruk."
    ),
    "Sivistys ja kulttuuri": "Bildning och kultur",
    (
        "Museon kokoelmat ja kirjaston digitaaliset sisällöt tuodaan kaikkien ulottuville. "
        "Museolle hankitaan uusi kokoelmanhallintajärjestelmä."
    ): (
        "Museets samlingar och bibliotekets digitala innehåll görs tillgängliga för alla. Museet"
        " skaffar ett nytt system för samlingsförvaltning."
    ),
    "Museon kokoelmanhallintajärjestelmän hankinta": (
        "Upphandling av ett system för museets samlingsförvaltning"
    ),
    (
        "Kankaanpään museolle hankitaan uusi kokoelmanhallintajärjestelmä vanhentuneen "
        "järjestelmän tilalle."
    ): (
        "Kankaanpää museum skaffar ett nytt system för samlingsförvaltning i stället för det "
        "föråldrade systemet."
    ),
    "Kokoelmanhallintajärjestelmän käyttöönotto ja tietojen siirto": (
        "Ibruktagning av systemet för samlingsförvaltning och överföring av uppgifterna"
    ),
    (
        "Uusi kokoelmanhallintajärjestelmä otetaan käyttöön, ja vanhan järjestelmän "
        "luettelointitiedot siirretään siihen."
    ): (
        "Det nya systemet för samlingsförvaltning tas i bruk, och katalogiseringsuppgifterna "
        "från det gamla systemet överförs till det."
    ),
    "Museon kokoelmaobjektien digitalisoinnin jatkaminen": (
        "Fortsatt digitalisering av museets samlingsföremål"
    ),
    (
        "Kokoelmaobjektien kuvaamista ja digitalisointia jatketaan. Työ on edennyt, mutta osa "
        "kokoelmista odottaa vielä digitalisointia."
    ): (
        "Fotograferingen och digitaliseringen av samlingsföremålen fortsätter. Arbetet har gått "
        "framåt, men en del av samlingarna väntar ännu på att digitaliseras."
    ),
    "Valtakunnallinen hanke digitaalisten sisältöjen saatavuudesta": (
        "Nationellt projekt om tillgången till digitalt innehåll"
    ),
    (
        "Kirjasto on mukana valtakunnallisessa hankkeessa, jossa digitaaliset sisällöt, kuten "
        "e-kirjat, ovat kaikkien saatavilla tasapuolisesti."
    ): (
        "Biblioteket deltar i ett nationellt projekt där digitalt innehåll, såsom e-böcker, är "
        "tillgängligt för alla på lika villkor."
    ),
    "Tekniset palvelut ja vesihuolto": "Tekniska tjänster och vattentjänster",
    (
        "Vesihuollon, karttapalvelun ja liikenteen digitaaliset mahdollisuudet. Asiakkaat saavat"
        " tietoa vedenkulutuksesta, vioista ja vesiverkosta sähköisesti."
    ): (
        "De digitala möjligheterna inom vattentjänster, karttjänst och trafik. Kunderna får "
        "information om vattenförbrukning, fel och vattenledningsnätet elektroniskt."
    ),
    "Vedenkulutuksen etäseurannan laajentaminen": "Utvidgad fjärravläsning av vattenförbrukningen",
    "Vedenkulutuksen etäluenta laajenee, kun vanhoja mittareita vaihdetaan etäluettaviin.": (
        "Fjärravläsningen av vattenförbrukningen utvidgas när gamla mätare byts ut mot "
        "fjärravlästa."
    ),
    "Kohdennetut vikatiedotteet ja kokemusten kerääminen": (
        "Riktade felmeddelanden och insamling av erfarenheter"
    ),
    (
        "Vesihuollon häiriöistä tiedotetaan tekstiviestillä vain niille, joita vika koskee. "
        "Käyttöönotosta kerätään kokemuksia asukkailta."
    ): (
        "Om störningar i vattentjänsterna informeras med textmeddelande endast till dem som "
        "berörs av felet. Erfarenheter av ibruktagningen samlas in från invånarna."
    ),
    "Vesiverkkotietojen siirto Verkkotietopisteeseen": (
        "Överföring av uppgifterna om vattenledningsnätet till Ledningskollen"
    ),
    (
        "Kaupungin vesiverkkotiedot siirretään Verkkotietopisteeseen, jossa asiakkaat voivat "
        "tutkia niitä esimerkiksi kaivuutöitä suunnitellessaan."
    ): (
        "Stadens uppgifter om vattenledningsnätet överförs till Ledningskollen, där kunderna kan"
        " granska dem till exempel när de planerar grävarbeten."
    ),
    "Joukkoliikenteen kutsujärjestelmän selvitys": (
        "Utredning av ett anropsstyrt system för kollektivtrafiken"
    ),
    (
        "Selvitettiin kutsuohjatun joukkoliikenteen mahdollisuuksia. Selvitys keskeytettiin, kun"
        " kutsuliikenteen suunnittelu siirtyi seudulliseksi yhteistyöksi."
    ): (
        "Möjligheterna till anropsstyrd kollektivtrafik utreddes. Utredningen avbröts när "
        "planeringen av anropstrafiken övergick till ett regionalt samarbete."
    ),
    "Karttapalvelun kuva-aineiston päivittämisen selvitys": (
        "Utredning av uppdateringen av karttjänstens bildmaterial"
    ),
    (
        "Selvitetään, miten karttapalvelun ilmakuvat ja muu kuva-aineisto saadaan päivitettyä "
        "säännöllisesti ja kohtuullisin kustannuksin."
    ): (
        "Vi utreder hur karttjänstens flygbilder och övriga bildmaterial kan uppdateras "
        "regelbundet och till skäliga kostnader."
    ),
    "Karttatiimin palautekanavan hyödyntäminen": "Användning av kartteamets responskanal",
    (
        "Selvitetään, miten karttapalvelun palautekanavaa voidaan hyödyntää karttojen virheiden "
        "ja kehitysideoiden keräämisessä."
    ): (
        "Vi utreder hur karttjänstens responskanal kan användas för att samla in fel i kartorna "
        "och utvecklingsidéer."
    ),
    "Digitiekartan ylläpito": "Underhåll av den digitala färdplanen",
    (
        "Digiryhmä seuraa tiekartan edistymistä kvartaaleittain, raportoi siitä ja päivittää "
        "suunnitelman tarvittaessa."
    ): (
        "Den digitala gruppen följer upp färdplanens framsteg kvartalsvis, rapporterar om dem "
        "och uppdaterar planen vid behov."
    ),
    "Digitiekartan väliraportti 2023": "Mellanrapport om den digitala färdplanen 2023",
    "Digitiekartan kokonaisedistymästä laaditaan väliraportti vuoden 2023 lopussa.": (
        "En mellanrapport om hur den digitala färdplanen som helhet har framskridit utarbetas i "
        "slutet av 2023."
    ),
    "Digitiekartan päivitys 2024": "Uppdatering av den digitala färdplanen 2024",
    (
        "Suunnitelma päivitetään väliraportin perusteella: aikatauluja tarkennetaan ja tehtäviä "
        "priorisoidaan uudelleen."
    ): (
        "Planen uppdateras utifrån mellanrapporten: tidtabellerna preciseras och uppgifterna "
        "prioriteras på nytt."
    ),
    "Digitiekartan uudistaminen 2025": "Förnyelse av den digitala färdplanen 2025",
    (
        "Digitiekartta uudistetaan vastaamaan seuraavan ajanjakson tarpeita, ja keskeneräiset "
        "tehtävät siirretään uuteen tiekarttaan."
    ): (
        "Den digitala färdplanen förnyas för att motsvara behoven under nästa period, och de "
        "uppgifter som inte har slutförts flyttas över till den nya färdplanen."
    ),
    "Digitiekartta 2026–2028": "Digital färdplan 2026–2028",
    (
        "Digitiekartta 2026–2028 uudistaa vuosien 2023–2025 digitiekartan vastaamaan seuraavan "
        "suunnitelmakauden tarpeita. Edellisen kauden keskeneräiset tehtävät, kuten "
        "tietovaraston rakentaminen ja sähköisten asiointipalvelujen kehittäminen, siirtyvät "
        "tähän tiekarttaan uusin aikatauluin. Kärkihankkeina jatkavat tiedolla johtaminen ja "
        "asiakkaiden sähköiset palvelut, ja uusia painopisteitä ovat tekoäly, saavutettavuus ja "
        "tietoturvan hallinta."
    ): (
        "Den digitala färdplanen 2026–2028 förnyar färdplanen för 2023–2025 så att den motsvarar"
        " behoven under nästa planperiod. Oavslutade uppgifter från den föregående perioden, "
        "såsom uppbyggnaden av datalagret och utvecklingen av e-tjänsterna, flyttas över till "
        "denna färdplan med nya tidtabeller. Kunskapsbaserad ledning och kundernas elektroniska "
        "tjänster fortsätter som spetsprojekt, och nya tyngdpunkter är artificiell intelligens, "
        "tillgänglighet och styrning av informationssäkerheten."
    ),
    (
        "Tietovarasto valmistuu ja sen tieto viedään toimialojen arkeen näkyminä ja avoimena "
        "datana. Päätökset perustuvat ajantasaiseen ja laadukkaaseen tietoon."
    ): (
        "Datalagret blir klart och dess uppgifter förs ut i sektorernas vardag som vyer och som "
        "öppna data. Besluten bygger på aktuella data av god kvalitet."
    ),
    "Tietovaraston rakentamisen viimeistely": "Slutförande av datalagret",
    (
        "Tietovarastoon liitetään loput sovitut tietolähteet, kuten sivistyksen ja teknisten "
        "palvelujen järjestelmät. Tietojen päivittyminen automatisoidaan."
    ): (
        "De återstående överenskomna datakällorna, såsom bildningssektorns och de tekniska "
        "tjänsternas system, kopplas till datalagret. Uppdateringen av uppgifterna "
        "automatiseras."
    ),
    "Toimialakohtaiset johtamisen näkymät tietovarastoon": "Sektorsvisa ledningsvyer i datalagret",
    (
        "Jokaiselle toimialalle rakennetaan tietovarastoon oma näkymä sen keskeisistä "
        "tunnusluvuista. Näkymiä käytetään johtoryhmien kokouksissa."
    ): (
        "För varje sektor byggs en egen vy i datalagret över dess viktigaste nyckeltal. Vyerna "
        "används på ledningsgruppernas möten."
    ),
    (
        "Edelliseltä kaudelta siirtynyt laajennus: kunnon seuraaminen ulotetaan kiinteistöjen "
        "ilmanvaihtoon ja vesihuollon pumppaamoihin. Pumppaamot on liitetty, kiinteistöjen "
        "liittäminen on myöhässä."
    ): (
        "En utvidgning som flyttats över från den föregående perioden: tillståndsövervakningen "
        "utvidgas till fastigheternas ventilation och vattentjänsternas pumpstationer. "
        "Pumpstationerna har kopplats in, anslutningen av fastigheterna är försenad."
    ),
    "Kiinteistöjen energiankulutustiedot tietovarastoon": (
        "Fastigheternas energiförbrukning till datalagret"
    ),
    (
        "Kaupungin kiinteistöjen sähkön, lämmön ja veden kulutustiedot tuodaan tietovarastoon. "
        "Tiedoilla kohdennetaan energiansäästötoimia."
    ): (
        "Uppgifterna om el-, värme- och vattenförbrukningen i stadens fastigheter förs in i "
        "datalagret. Med uppgifterna riktas energisparåtgärderna."
    ),
    "Avoimen datan julkaiseminen": "Publicering av öppna data",
    (
        "Kaupunki julkaisee valittuja tietoaineistoja avoimena datana koneluettavassa muodossa, "
        "esimerkiksi palvelupisteiden ja liikuntapaikkojen tiedot."
    ): (
        "Staden publicerar utvalda datamängder som öppna data i maskinläsbar form, till exempel "
        "uppgifter om serviceställen och idrottsplatser."
    ),
    (
        "Asiointi on sähköistä alusta loppuun, saavutettavaa ja helppoa. Uutena kokeillaan "
        "tekoälyn hyödyntämistä asiakaspalvelussa."
    ): (
        "Ärendehanteringen är elektronisk från början till slut, tillgänglig och lätt. Som något"
        " nytt prövas artificiell intelligens i kundtjänsten."
    ),
    (
        "Jäljellä olevat paperiset ja tulostettavat lomakkeet korvataan sähköisillä "
        "asiointipalveluilla, joiden tieto siirtyy suoraan käsittelyyn."
    ): (
        "De återstående pappersblanketterna och blanketterna för utskrift ersätts med "
        "e-tjänster, där uppgifterna går direkt vidare till handläggningen."
    ),
    "Sähköisten palvelujen saavutettavuusarviointi": (
        "Tillgänglighetsbedömning av de elektroniska tjänsterna"
    ),
    (
        "Verkkosivujen, kaupunkisovelluksen ja asiointilomakkeiden saavutettavuus arvioidaan, ja"
        " havaitut puutteet kirjataan korjaussuunnitelmaan."
    ): (
        "Tillgängligheten på webbplatsen, i stadsappen och i e-blanketterna bedöms, och "
        "bristerna förs in i en plan för åtgärder."
    ),
    "Kaupunkisovelluksen uudistaminen ja saavutettavuuskorjaukset": (
        "Förnyelse av stadsappen och korrigering av tillgänglighetsbrister"
    ),
    (
        "Kaupunkisovelluksen etusivu ja valikot uudistetaan käyttäjäpalautteen ja "
        "saavutettavuusarvioinnin perusteella."
    ): (
        "Stadsappens startsida och menyer förnyas utifrån användarnas respons och "
        "tillgänglighetsbedömningen."
    ),
    "Tekoälyavustajan kokeilu asiakaspalvelussa": "Försök med en AI-assistent i kundtjänsten",
    (
        "Verkkosivuilla kokeillaan tekoälyavustajaa, joka vastaa yleisimpiin kysymyksiin ja "
        "ohjaa oikeaan palveluun. Kokeilun tuloksista päätetään jatkosta."
    ): (
        "På webbplatsen prövas en AI-assistent som svarar på de vanligaste frågorna och hänvisar"
        " till rätt tjänst. Om fortsättningen beslutas utifrån försökets resultat."
    ),
    (
        "Edelliseltä kaudelta siirtynyt tehtävä: kaupungin palveluissa otetaan käyttöön "
        "yhtenäiset maksutavat uuden maksupalvelusopimuksen myötä."
    ): (
        "En uppgift som flyttats över från den föregående perioden: stadens tjänster får "
        "enhetliga betalningssätt i och med det nya avtalet om betaltjänster."
    ),
    "Varhaiskasvatuksen hakemusten ja läsnäolojen sähköistäminen": (
        "Elektroniska ansökningar och närvaroanmälningar inom småbarnspedagogiken"
    ),
    (
        "Varhaiskasvatukseen haetaan ja hoitoajat ilmoitetaan sähköisesti, ja tiedot siirtyvät "
        "suoraan asiakasjärjestelmään."
    ): (
        "Ansökan till småbarnspedagogiken och anmälan av vårdtider görs elektroniskt, och "
        "uppgifterna förs direkt in i klientsystemet."
    ),
    (
        "Kuntalaisille järjestetään digitukea lähellä, ja henkilöstön osaamista vahvistetaan "
        "yhteistyövälineiden ja tekoälyn käytössä."
    ): (
        "Kommuninvånarna får digitalt stöd nära sig, och personalens kompetens i "
        "samarbetsverktyg och artificiell intelligens stärks."
    ),
    "Kuntalaisten digitukipäivät kirjastossa": (
        "Dagar med digitalt stöd för kommuninvånare på biblioteket"
    ),
    (
        "Kirjastossa järjestetään säännöllisiä digitukipäiviä, joissa saa apua esimerkiksi "
        "pankkitunnuksiin, suomi.fi-asiointiin ja kaupunkisovellukseen."
    ): (
        "På biblioteket ordnas regelbundet dagar med digitalt stöd, där man kan få hjälp med "
        "till exempel nätbankskoder, ärenden via suomi.fi och stadsappen."
    ),
    "Microsoft 365 -yhteistyövälineiden koulutus henkilöstölle": (
        "Utbildning för personalen i samarbetsverktygen i Microsoft 365"
    ),
    (
        "Henkilöstö koulutetaan käyttämään Teamsia, yhteisiä tiedostoja ja muita Microsoft 365 "
        "-työkaluja arjen yhteistyössä."
    ): (
        "Personalen utbildas i att använda Teams, gemensamma filer och andra verktyg i Microsoft"
        " 365 i det dagliga samarbetet."
    ),
    "Tekoälyn käytön ohjeistus ja koulutus henkilöstölle": (
        "Anvisningar och utbildning för personalen i användningen av artificiell intelligens"
    ),
    (
        "Laaditaan ohje tekoälypalvelujen turvallisesta käytöstä ja koulutetaan henkilöstö sen "
        "mukaisesti. Ohjeessa hyödynnetään asiakaspalvelun kokeilun kokemuksia."
    ): (
        "Vi utarbetar en anvisning om trygg användning av AI-tjänster och utbildar personalen "
        "enligt den. Anvisningen bygger på erfarenheterna från försöket i kundtjänsten."
    ),
    (
        "Arkistointi viedään loppuun ja rutiinitöitä automatisoidaan edelleen. "
        "Ohjelmistorobotiikkaa kokeillaan toistuvissa tehtävissä."
    ): (
        "Arkiveringen slutförs och rutinarbeten automatiseras vidare. Programvarurobotik prövas "
        "i återkommande uppgifter."
    ),
    "Arkistointijärjestelmän käyttöönoton viimeistely": (
        "Slutförd ibruktagning av arkiveringssystemet"
    ),
    (
        "Toimialojen aineistot on siirretty arkistointijärjestelmään ja käyttöönotto on viety "
        "loppuun."
    ): (
        "Sektorernas material har överförts till arkiveringssystemet och ibruktagningen har "
        "slutförts."
    ),
    (
        "Sivistyspalvelujen asiakirjojen siirto arkistointijärjestelmään automatisoidaan. "
        "Rajapinnan testaus on viivästynyt."
    ): (
        "Överföringen av bildningstjänsternas handlingar till arkiveringssystemet automatiseras."
        " Testningen av gränssnittet har försenats."
    ),
    "Kokoustilojen sähköinen varaaminen": "Elektronisk bokning av mötesrum",
    ("Kokoustilat varataan sähköisestä kalenterista, ja varaukset näkyvät tilojen ovinäytöillä."): (
        "Mötesrummen bokas i en elektronisk kalender, och bokningarna syns på skärmarna vid "
        "rummens dörrar."
    ),
    "Ohjelmistorobotiikan kokeilu taloushallinnon rutiineissa": (
        "Försök med programvarurobotik i ekonomiförvaltningens rutiner"
    ),
    (
        "Kokeillaan ohjelmistorobottia toistuvissa taloushallinnon tehtävissä, kuten "
        "täsmäytyksissä ja raporttien koostamisessa."
    ): (
        "Vi prövar en programvarurobot i återkommande uppgifter inom ekonomiförvaltningen, såsom"
        " avstämningar och sammanställning av rapporter."
    ),
    (
        "Tietoturvallisuutta johdetaan suunnitelmallisesti NIS2-vaatimusten mukaisesti. "
        "Henkilöstö tunnistaa tietoturvauhat ja toimii oikein."
    ): (
        "Informationssäkerheten styrs planmässigt enligt kraven i NIS2. Personalen känner igen "
        "hot mot informationssäkerheten och agerar rätt."
    ),
    "Tietoturvallisuuden hallintamalli ja NIS2-vaatimukset": (
        "Ledningssystem för informationssäkerhet och kraven i NIS2"
    ),
    (
        "Kaupungille rakennetaan tietoturvallisuuden hallintamalli, jolla täytetään "
        "NIS2-direktiivin kyberturvallisuusvaatimukset."
    ): (
        "Staden bygger upp ett ledningssystem för informationssäkerhet som uppfyller "
        "cybersäkerhetskraven i NIS2-direktivet."
    ),
    "Tietoturvakoulutus ja kalasteluharjoitus henkilöstölle": (
        "Utbildning i informationssäkerhet och nätfiskeövning för personalen"
    ),
    (
        "Koko henkilöstö suorittaa verkossa tietoturvakoulutuksen, ja kalasteluviestien "
        "tunnistamista harjoitellaan."
    ): (
        "Hela personalen genomgår en webbutbildning i informationssäkerhet och övar på att känna"
        " igen nätfiskemeddelanden."
    ),
    "Tietojärjestelmien palautumisharjoitus": "Övning i återställning av informationssystem",
    (
        "Harjoitellaan keskeisten järjestelmien palauttamista varmuuskopioista. Harjoitus "
        "siirrettiin NIS2-työn ja toimittajan aikataulun vuoksi."
    ): (
        "Vi övar på att återställa de viktigaste systemen från säkerhetskopior. Övningen sköts "
        "upp på grund av NIS2-arbetet och leverantörens tidtabell."
    ),
    (
        "Museon kokoelmat digitalisoidaan ja avataan yleisölle verkossa. Kirjasto ja koulut "
        "hyödyntävät digitaalisia sisältöjä."
    ): (
        "Museets samlingar digitaliseras och görs tillgängliga för allmänheten på webben. "
        "Biblioteket och skolorna använder digitalt innehåll."
    ),
    (
        "Edelliseltä kaudelta jatkuva työ: jäljellä olevat kokoelmaobjektit kuvataan ja "
        "luetteloidaan kokoelmanhallintajärjestelmään."
    ): (
        "Ett arbete som fortsätter från den föregående perioden: de återstående "
        "samlingsföremålen fotograferas och katalogiseras i systemet för samlingsförvaltning."
    ),
    "Museon kokoelmat verkkoon yleisön selattaviksi": "Museets samlingar på webben för allmänheten",
    (
        "Digitalisoidut kokoelmaobjektit julkaistaan verkossa, jossa kuka tahansa voi selata ja "
        "hakea niitä."
    ): (
        "De digitaliserade samlingsföremålen publiceras på webben, där vem som helst kan bläddra"
        " i och söka bland dem."
    ),
    (
        "Etäluettavien vesimittarien tietoa hyödynnetään vuotojen havaitsemisessa, ja verkosto- "
        "ja karttatiedot pidetään ajan tasalla asukkaiden käytössä."
    ): (
        "Uppgifterna från de fjärravlästa vattenmätarna används för att upptäcka läckor, och "
        "nät- och kartuppgifterna hålls aktuella för invånarna."
    ),
    "Vuotohälytysten kokeilu etäluettavilla vesimittareilla": (
        "Försök med läckagelarm via fjärravlästa vattenmätare"
    ),
    (
        "Etäluettavien vesimittarien kulutustiedoista tunnistetaan epätavallinen jatkuva "
        "kulutus, ja asukas saa ilmoituksen mahdollisesta vuodosta."
    ): (
        "Ur förbrukningsuppgifterna från de fjärravlästa vattenmätarna identifieras ovanlig "
        "kontinuerlig förbrukning, och invånaren får ett meddelande om en möjlig läcka."
    ),
    "Verkkotietopisteen vesiverkkotietojen päivitysten automatisointi": (
        "Automatiserad uppdatering av vattenledningsnätets uppgifter i Ledningskollen"
    ),
    (
        "Vesiverkkotietojen muutokset siirtyvät Verkkotietopisteeseen automaattisesti, joten "
        "asiakkaiden näkemät tiedot pysyvät ajan tasalla."
    ): (
        "Ändringar i uppgifterna om vattenledningsnätet förs automatiskt över till "
        "Ledningskollen, så att de uppgifter kunderna ser hålls aktuella."
    ),
    "Karttapalvelun ilmakuvien päivitys": "Uppdatering av karttjänstens flygbilder",
    "Karttapalveluun päivitetään uudet ilmakuvat edellisen kauden selvityksen mukaisesti.": (
        "Karttjänsten får nya flygbilder enligt utredningen under den föregående perioden."
    ),
}


def swedish_versions(**texts: str) -> dict[str, dict[str, str]]:
    """`swedish_versions(title=…, description=…)` → `{"sv": {"title": …}}` for the texts that
    have a Swedish version; `{}` if none has."""
    versions = {field: SWEDISH[text] for field, text in texts.items() if text in SWEDISH}
    return {"sv": versions} if versions else {}
