"""The words the benchmarks' load data is written with (tiekartta.demo.load_data): pure data.

The themes, the role titles and units, the task titles of the demo and the metrics come from
the demo data (roadmap.demo_data, metrics.demo_data), which is built from the seed roadmap;
this module adds what a national data set needs more of: municipality names, Finnish first
and last names (combined at random, so nobody real is named; the seed's people's surnames are
left out), and for each theme the systems and services a task is about, which are combined
with the kinds of work below into titles such as "Tietovaraston käyttöönotto".
"""

from __future__ import annotations

# The municipalities of Finland (2024), in Finnish; a data set of more organisations than these
# numbers the names' second round ("Akaa 2").
MUNICIPALITIES = [
    "Akaa", "Alajärvi", "Alavieska", "Alavus", "Asikkala", "Askola", "Aura", "Enonkoski",
    "Enontekiö", "Espoo", "Eura", "Eurajoki", "Evijärvi", "Forssa", "Haapajärvi", "Haapavesi",
    "Hailuoto", "Halsua", "Hamina", "Hankasalmi", "Hanko", "Harjavalta", "Hartola", "Hattula",
    "Hausjärvi", "Heinola", "Heinävesi", "Helsinki", "Hirvensalmi", "Hollola", "Huittinen",
    "Humppila", "Hyrynsalmi", "Hyvinkää", "Hämeenkyrö", "Hämeenlinna", "Ii", "Iisalmi", "Iitti",
    "Ikaalinen", "Ilmajoki", "Ilomantsi", "Imatra", "Inari", "Inkoo", "Isojoki", "Isokyrö",
    "Janakkala", "Joensuu", "Jokioinen", "Joroinen", "Joutsa", "Juuka", "Juupajoki", "Juva",
    "Jyväskylä", "Jämijärvi", "Jämsä", "Järvenpää", "Kaarina", "Kaavi", "Kajaani", "Kalajoki",
    "Kangasala", "Kangasniemi", "Kankaanpää", "Kannonkoski", "Kannus", "Karijoki", "Karkkila",
    "Karstula", "Karvia", "Kaskinen", "Kauhajoki", "Kauhava", "Kauniainen", "Kaustinen",
    "Keitele", "Kemi", "Kemijärvi", "Keminmaa", "Kempele", "Kerava", "Keuruu", "Kihniö",
    "Kinnula", "Kirkkonummi", "Kitee", "Kittilä", "Kiuruvesi", "Kivijärvi", "Kokemäki",
    "Kokkola", "Kolari", "Konnevesi", "Kontiolahti", "Korsnäs", "Koski Tl", "Kotka", "Kouvola",
    "Kristiinankaupunki", "Kruunupyy", "Kuhmo", "Kuhmoinen", "Kuopio", "Kuortane", "Kurikka",
    "Kustavi", "Kuusamo", "Kyyjärvi", "Kärkölä", "Kärsämäki", "Lahti", "Laihia", "Laitila",
    "Lapinjärvi", "Lapinlahti", "Lappajärvi", "Lappeenranta", "Lapua", "Laukaa", "Lemi",
    "Lempäälä", "Leppävirta", "Lestijärvi", "Lieksa", "Lieto", "Liminka", "Liperi", "Lohja",
    "Loimaa", "Loppi", "Loviisa", "Luhanka", "Lumijoki", "Luumäki", "Maalahti", "Marttila",
    "Masku", "Merijärvi", "Merikarvia", "Miehikkälä", "Mikkeli", "Muhos", "Multia", "Muonio",
    "Mustasaari", "Muurame", "Mynämäki", "Myrskylä", "Mäntsälä", "Mänttä-Vilppula",
    "Mäntyharju", "Naantali", "Nakkila", "Nivala", "Nokia", "Nousiainen", "Nurmes",
    "Nurmijärvi", "Närpiö", "Orimattila", "Oripää", "Orivesi", "Oulainen", "Oulu", "Outokumpu",
    "Padasjoki", "Paimio", "Paltamo", "Parainen", "Parikkala", "Parkano", "Pedersöre",
    "Pelkosenniemi", "Pello", "Perho", "Pertunmaa", "Petäjävesi", "Pieksämäki", "Pielavesi",
    "Pietarsaari", "Pihtipudas", "Pirkkala", "Polvijärvi", "Pomarkku", "Pori", "Pornainen",
    "Porvoo", "Posio", "Pudasjärvi", "Pukkila", "Punkalaidun", "Puolanka", "Puumala", "Pyhtää",
    "Pyhäjoki", "Pyhäjärvi", "Pyhäntä", "Pyhäranta", "Pälkäne", "Pöytyä", "Raahe", "Raasepori",
    "Raisio", "Rantasalmi", "Ranua", "Rauma", "Rautalampi", "Rautavaara", "Rautjärvi",
    "Reisjärvi", "Riihimäki", "Ristijärvi", "Rovaniemi", "Ruokolahti", "Ruovesi", "Rusko",
    "Rääkkylä", "Saarijärvi", "Salla", "Salo", "Sastamala", "Sauvo", "Savitaipale",
    "Savonlinna", "Savukoski", "Seinäjoki", "Sievi", "Siikainen", "Siikajoki", "Siikalatva",
    "Siilinjärvi", "Simo", "Sipoo", "Siuntio", "Sodankylä", "Soini", "Somero", "Sonkajärvi",
    "Sotkamo", "Sulkava", "Suomussalmi", "Suonenjoki", "Sysmä", "Säkylä", "Taipalsaari",
    "Taivalkoski", "Taivassalo", "Tammela", "Tampere", "Tervo", "Tervola", "Teuva",
    "Tohmajärvi", "Toholampi", "Toivakka", "Tornio", "Turku", "Tuusniemi", "Tuusula",
    "Tyrnävä", "Ulvila", "Urjala", "Utajärvi", "Utsjoki", "Uurainen", "Uusikaarlepyy",
    "Uusikaupunki", "Vaala", "Vaasa", "Valkeakoski", "Vantaa", "Varkaus", "Vehmaa", "Vesanto",
    "Vesilahti", "Veteli", "Vieremä", "Vihti", "Viitasaari", "Vimpeli", "Virolahti", "Virrat",
    "Vöyri", "Ylitornio", "Ylivieska", "Ylöjärvi", "Ypäjä", "Ähtäri", "Äänekoski",
]  # fmt: skip

FIRST_NAMES = [
    "Aino", "Anna", "Anne", "Antti", "Ari", "Eero", "Eeva", "Elina", "Hanna", "Hannu", "Harri",
    "Heli", "Helena", "Ilari", "Ilkka", "Janne", "Jari", "Jenni", "Johanna", "Juha", "Jukka",
    "Kaisa", "Kari", "Kati", "Katja", "Kirsi", "Laura", "Lauri", "Leena", "Liisa", "Maria",
    "Marja", "Marko", "Markku", "Matti", "Mika", "Mikko", "Minna", "Niina", "Olli", "Outi",
    "Paula", "Pekka", "Petri", "Pirjo", "Päivi", "Rauli", "Riikka", "Sanna", "Sari", "Satu",
    "Seppo", "Sirpa", "Taina", "Tiina", "Timo", "Tomi", "Tuomas", "Tuula", "Ulla", "Vesa",
    "Ville",
]  # fmt: skip

LAST_NAMES = [
    "Aaltonen", "Ahonen", "Anttila", "Hakala", "Heikkilä", "Heikkinen", "Heinonen", "Hiltunen",
    "Hirvonen", "Huttunen", "Hämäläinen", "Jokinen", "Järvinen", "Kallio", "Karjalainen",
    "Kettunen", "Kiiskinen", "Kinnunen", "Koivisto", "Korhonen", "Koskinen", "Laaksonen",
    "Lahtinen", "Laine", "Laitinen", "Lehtinen", "Lehtonen", "Leinonen", "Leppänen",
    "Lindholm", "Lindqvist", "Manninen", "Mattila", "Miettinen", "Mäkelä", "Mäkinen",
    "Niemi", "Nieminen", "Nurmi", "Ojala", "Peltonen", "Pitkänen", "Rantanen", "Räsänen",
    "Salminen", "Salo", "Salonen", "Saarinen", "Savolainen", "Sjöberg", "Toivonen", "Tuominen",
    "Turunen", "Virtanen", "Väisänen",
]  # fmt: skip

# People beyond the demo's digital group (roadmap.demo_data): (key, title, unit).
EXTRA_ROLES = [
    ("education_director", "Sivistysjohtaja", "Sivistyspalvelut"),
    ("digital_support_advisor", "Digitukineuvoja", "Kirjasto"),
    ("security_specialist", "Tietoturva-asiantuntija", "Tietohallinto"),
    ("application_specialist", "Sovellusasiantuntija", "Tietohallinto"),
    ("development_manager", "Kehittämispäällikkö", "Kehittämis- ja elinkeinopalvelut"),
    ("finance_manager", "Talouspäällikkö", "Talouspalvelut"),
]

# The kinds of work a title names, with the task's kind: "<the object's genitive> <work>".
WORK = [
    ("käyttöönotto", "implementation"),
    ("kehittäminen", "implementation"),
    ("laajentaminen", "implementation"),
    ("uudistaminen", "implementation"),
    ("jatkokehittäminen", "implementation"),
    ("selvitys", "study"),
    ("vaatimusmäärittely", "study"),
    ("kilpailutus", "procurement"),
    ("hankinta", "procurement"),
    ("kokeilu", "pilot"),
    ("pilotointi", "pilot"),
    ("käyttökoulutus", "training"),
    ("vakiinnuttaminen", "other"),
]

# The roadmap's own upkeep is written, updated and reported, not procured or piloted.
UPKEEP_WORK = [
    ("laatiminen", "other"),
    ("päivittäminen", "other"),
    ("valmistelu", "other"),
    ("kehittäminen", "other"),
    ("selvitys", "study"),
]

# What the tasks of each demo theme are about, in the genitive (systems, services, practices).
OBJECTS = {
    "Tiedolla johtaminen": [
        "tietovaraston", "johdon raportointinäkymien", "talousraportoinnin",
        "henkilöstöraportoinnin", "toimialakohtaisten mittaristojen",
        "sairauspoissaolojen seurannan", "tilojen käyttöasteseurannan",
        "laitteiden kunnonseurannan", "kiinteistöjen energiankulutusseurannan",
        "oppimisanalytiikan", "hävikkiruuan seurannan", "avoimen datan rajapinnan",
    ],
    "Asiakkaiden sähköiset palvelut": [
        "sähköisen asioinnin", "verkkosivujen hakutoiminnon", "kaupunkisovelluksen",
        "verkkomaksamisen", "ajanvarauspalvelun", "harrastusilmoittautumisen",
        "chat-palvelun", "suomi.fi-viestien", "sähköisen palautekanavan",
        "varhaiskasvatuksen sähköisen haun", "tilavarausjärjestelmän",
        "asiakaspalvelun tekoälyavustajan",
    ],
    "Digituki ja osaaminen": [
        "digitukipisteen", "kotiin vietävän digituen", "digituen ajanvarauksen",
        "henkilöstön digiosaamiskartoituksen", "Microsoft 365 -työtilojen", "Teams-yhteistyön",
        "verkko-oppimisalustan", "digiopastusten", "tekoälyohjeistuksen", "etätyövälineiden",
    ],
    "Hallinto ja automaatio": [
        "arkistointijärjestelmän", "kokonaisarkkitehtuurin", "ostolaskujen käsittelyn",
        "laskujen tiliöinnin", "sivistyksen dokumenttien siirron", "kokoustilojen varausten",
        "sähköisen allekirjoituksen", "asianhallintajärjestelmän", "ohjelmistorobotiikan",
        "tulostuspalvelun", "sopimushallinnan", "hankintojen hallinnan",
    ],
    "Tietoturva ja tietosuoja": [
        "monivaiheisen tunnistautumisen", "tietoturvallisuuden hallintamallin",
        "varmuuskopioinnin", "lokienhallinnan", "tietosuojakäytäntöjen",
        "käyttöoikeushallinnan", "kalasteluharjoitusten", "jatkuvuussuunnitelman",
        "päätelaitehallinnan", "haavoittuvuusskannauksen",
    ],
    "Sivistys ja kulttuuri": [
        "museon kokoelmanhallintajärjestelmän", "kokoelmaobjektien digitoinnin",
        "kirjaston e-aineistojen", "koulujen oppimisympäristöjen", "Wilman tiedotteiden",
        "opiston kurssihallinnan", "kulttuuritapahtumien lipunmyynnin",
        "kirjaston omatoimiaukiolon", "koulujen laitehallinnan", "nuorisotilojen varausten",
    ],
    "Tekniset palvelut ja vesihuolto": [
        "vedenkulutuksen etäseurannan", "vuotohälytysten", "kohdennettujen vikatiedotteiden",
        "vesiverkkotietojen", "karttapalvelun", "ilmakuva-aineiston", "kutsuliikenteen",
        "kiinteistöautomaation", "katuvalojen ohjauksen", "sähköisen rakennusluvituksen",
        "jätehuollon seurannan",
    ],
    "Digitiekartan ylläpito": [
        "digitiekartan väliraportin", "digitiekartan mittariston", "digiryhmän viestinnän",
        "kehitysideoiden keruun", "kuntalaiskyselyn", "digitiekartan päivityksen",
        "seurantakokouskäytännön", "digitiekartan julkisen version",
    ],
}  # fmt: skip
UPKEEP_THEME = "Digitiekartan ylläpito"

# The first sentence of a generated task's description, by kind; {object} is the genitive,
# {Object} the same capitalised.
OPENINGS = {
    "implementation": [
        "Kehitetään {object} toimintaa vaiheittain ja hyödynnetään valmiita ratkaisuja.",
        "{Object} toteutus etenee toimialoittain, ja käyttäjiä tuetaan käyttöönotossa.",
        "{Object} osalta hyödynnetään mahdollisimman pitkälle valmiita sähköisiä palveluja.",
    ],
    "study": [
        "Selvitetään {object} nykytila, tarpeet ja vaihtoehdot.",
        "Selvityksen perusteella päätetään, miten {object} kehittämistä jatketaan.",
    ],
    "procurement": [
        "{Object} hankinta valmistellaan ja kilpailutetaan yhdessä naapurikuntien kanssa.",
        "Hankinnassa huomioidaan {object} saavutettavuus, tietoturva ja yhteensopivuus.",
    ],
    "pilot": [
        "Kokeillaan {object} uutta toimintamallia ensin yhdessä yksikössä.",
        "{Object} kokeilusta kerätään kokemuksia ennen laajempaa käyttöönottoa.",
    ],
    "training": [
        "Henkilöstölle järjestetään koulutusta {object} käyttöön.",
        "{Object} koulutustarpeet on kartoitettu henkilöstökyselyllä.",
    ],
    "other": [
        "{Object} kehittämistä jatketaan osana digiryhmän työtä.",
        "{Object} vakiintumista osaksi perustoimintaa seurataan digiryhmässä.",
    ],
}

# A closing sentence, from the seed's description of the digital group and its follow-up.
CLOSINGS = [
    "Vastuuhenkilön tukena toimii tietohallintopäällikkö.",
    "Tehtävän edistymää seurataan digiryhmän kokouksissa kvartaaleittain.",
    "Työssä hyödynnetään valmiita ja olemassa olevia ratkaisuja.",
    "Tehtävä edistää pienkehityskulttuuria ja tavoittelee pikavoittoja.",
    "Työssä verkostoidutaan muiden kuntien ja sidosryhmien kanssa.",
    "Tietoturva ja -suoja huomioidaan työn kaikissa vaiheissa.",
]

COLLABORATING_UNITS = [
    "Järjestelmätoimittaja",
    "Sovellustoimittaja",
    "Naapurikunnat",
    "Hyvinvointialue",
    "Seutukunnan kunnat",
    "Digi- ja väestötietovirasto",
    "Tietohallinto, järjestelmätoimittaja",
]

# A closed review meeting's decisions, besides the demo's "no decisions" (progress.demo).
DECISIONS = [
    "Myöhässä oleville tehtäville sovittiin uudet tavoiteaikataulut.",
    "Kokonaisedistymästä laaditaan väliraportti kaupunginhallitukselle.",
    "Valmistuneiden tehtävien kokemukset kootaan seuraavaan kokoukseen.",
    "Resurssipulasta kärsiville tehtäville haetaan lisäresursseja talousarvioon.",
    "Kokeilujen tulokset esitellään johtoryhmälle.",
]

# News for residents, by the status of the task they are about: (title, opening sentence).
NEWS = {
    "done": ("{title}: työ on valmis", "Tehtävä on valmistunut ja otettu käyttöön."),
    "in_progress": ("{title} etenee", "Tehtävä on käynnissä ja etenee suunnitellusti."),
    "planned": ("{title} käynnistyy", "Tehtävän valmistelu alkaa suunnitellulla aikataululla."),
}
NEWS_CLOSING = "Tiekartan tehtävien edistymää voi seurata kunnan julkisilta sivuilta."
