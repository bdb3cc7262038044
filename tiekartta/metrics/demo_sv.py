"""The Swedish names and descriptions of Kankaanpää's demo metrics (see roadmap/demo_sv.py):
each Finnish text of metrics/demo_data.py mapped to its Swedish version."""

SWEDISH: dict[str, str] = {
    "Alusta loppuun sähköisten asiointipalvelujen osuus": (
        "Andel e-tjänster som är elektroniska från början till slut"
    ),
    (
        "Kuinka suuri osa kaupungin asiointipalveluista hoituu sähköisesti hakemuksesta "
        "päätökseen ilman paperia tai käyntiä."
    ): (
        "Hur stor del av stadens e-tjänster som sköts elektroniskt från ansökan till beslut utan"
        " papper eller besök."
    ),
    "Sähköiset asiointitapahtumat vuodessa": "Elektroniska ärenden per år",
    "Sähköisten lomakkeiden, ajanvarausten, ilmoittautumisten ja maksujen määrä vuodessa.": (
        "Antalet elektroniska blanketter, tidsbokningar, anmälningar och betalningar per år."
    ),
    "Harrastusten ja tapahtumien verkkoilmoittautumiset ja -maksut": (
        "Anmälningar och betalningar på webben till fritidsaktiviteter och evenemang"
    ),
    (
        "Liikunta-, kulttuuri- ja nuorisopalvelujen ilmoittautumiset ja maksut verkossa "
        "neljännesvuodessa."
    ): (
        "Anmälningar och betalningar på webben inom idrotts-, kultur- och ungdomstjänsterna per "
        "kvartal."
    ),
    "Kaupunkisovelluksen käyttäjät": "Stadsappens användare",
    "Kaupunkisovelluksen aktiiviset käyttäjät neljännesvuoden lopussa.": (
        "Stadsappens aktiva användare i slutet av kvartalet."
    ),
    "Etäluettavat vesimittarit (% kaikista)": "Fjärravlästa vattenmätare (% av alla)",
    "Etäluettavien vesimittarien osuus kaikista vesihuoltolaitoksen mittareista.": (
        "Andelen fjärravlästa vattenmätare av alla vattentjänstverkets mätare."
    ),
    "Sähköisesti vastaanotetut vesihuollon vikailmoitukset (%)": (
        "Felanmälningar om vattentjänster som tagits emot elektroniskt (%)"
    ),
    (
        "Kuinka suuri osa vikailmoituksista tulee verkkolomakkeella tai sovelluksella puhelun "
        "sijaan."
    ): (
        "Hur stor del av felanmälningarna som kommer via webbformuläret eller appen i stället "
        "för per telefon."
    ),
    "Ruokahävikki ateriaa kohden": "Matsvinn per måltid",
    "Valmistetun ruoan hävikki suhteessa tarjottuihin aterioihin.": (
        "Svinnet av tillredd mat i förhållande till serverade måltider."
    ),
    "Tulostetut sivut työntekijää kohden": "Utskrivna sidor per anställd",
    "Paperin käytön väheneminen sähköisten prosessien myötä.": (
        "Den minskade pappersanvändningen i och med elektroniska processer."
    ),
    "Digitaitokoulutuksiin osallistuneet työntekijät": (
        "Anställda som deltagit i utbildning i digitala färdigheter"
    ),
    (
        "Työntekijät, jotka ovat osallistuneet vähintään yhteen digitaitokoulutukseen kauden "
        "aikana (kertymä)."
    ): (
        "Anställda som deltagit i minst en utbildning i digitala färdigheter under perioden "
        "(kumulativt)."
    ),
    "Digituella autetut asukkaat": "Invånare som fått digitalt stöd",
    "Kirjaston ja asiointipisteen digituessa autetut asukkaat.": (
        "Invånare som fått hjälp genom det digitala stödet på biblioteket och vid servicepunkten."
    ),
    "Henkilöstön tyytyväisyys digitaalisiin työvälineisiin": (
        "Personalens nöjdhet med de digitala arbetsverktygen"
    ),
    "Henkilöstökyselyn kysymys: ”Digitaaliset työvälineeni tukevat työtäni” (asteikko 1–5).": (
        "Frågan i personalenkäten: ”Mina digitala arbetsverktyg stöder mitt arbete” (skala 1–5)."
    ),
}


def swedish_versions(**texts: str) -> dict[str, dict[str, str]]:
    """`swedish_versions(name=…, description=…)` → `{"sv": {"name": …}}` for the texts that
    have a Swedish version; `{}` if none has."""
    versions = {field: SWEDISH[text] for field, text in texts.items() if text in SWEDISH}
    return {"sv": versions} if versions else {}
