"""Writes kontakte.csv and aktivitaeten.csv, the historical sample, from a package that
`leadsim generate` wrote. kontakte.csv:
the leads as a German CRM export saved by Excel would hold them (its own column names and
vocabulary, `;`, decimal commas, DD.MM.YYYY, a byte-order mark, CRLF, a trailing empty column,
"Bitte wählen" where a picklist was left empty). Only the standard library; run it as

    leadsim generate --leads 1500 --seed 11 --weeks 13 --locale de --scenario datasets/sample.leadsim --out /tmp/history
    python3 datasets/history/make_kontakte.py /tmp/history datasets/history

verkaufschancen.csv holds their deals: opened, closed (empty while open), Gewonnen, Verloren or
Offen, and the amount as German Excel writes money. aktivitaeten.csv is the contacts' activity log as the CRM exports it: contact id, time, activity
in the CRM's words (e-mails sent, which leadsim does not score, included).
"""
import csv
import sys

SOURCE = {
    "organic_search": "Organische Suche", "paid_search": "Google Ads", "social": "LinkedIn", "referral": "Empfehlung",
    "newsletter": "Newsletter", "webinar": "Webinar", "trade_show": "Messe", "partner": "Partner", "outbound": "Kaltakquise",
}
FORM = {
    "newsletter_signup": "Newsletter-Anmeldung", "whitepaper_download": "Whitepaper", "webinar_registration": "Webinar-Anmeldung",
    "contact_form": "Kontaktformular", "demo_request": "Demo-Anfrage", "badge_scan": "Messe-Scan",
}
INDUSTRY = {
    "software": "Software", "manufacturing": "Maschinenbau", "finance": "Finanzen", "healthcare": "Gesundheitswesen",
    "retail": "Handel", "education": "Bildung", "public_sector": "Öffentlicher Dienst", "other": "Sonstige",
}
REGION = {
    "dach": "DACH", "uk": "Großbritannien", "france": "Frankreich", "benelux": "Benelux", "nordics": "Nordics",
    "southern_europe": "Südeuropa", "north_america": "Nordamerika", "rest_of_world": "Rest der Welt",
}
SENIORITY = {"individual": "Sachbearbeitung", "manager": "Teamleitung", "director": "Bereichsleitung", "executive": "Geschäftsführung"}
CONSENT = {"none": "Keine", "single_opt_in": "Single Opt-in", "double_opt_in": "Double Opt-in"}
STAGE = {
    "lead": "Lead", "mql": "MQL", "sal": "SAL", "sql": "SQL", "opportunity": "Verkaufschance", "customer": "Kunde",
    "closed_lost": "Verloren", "recycled": "Nurturing", "rejected": "Abgelehnt", "disqualified": "Disqualifiziert",
    "unsubscribed": "Abgemeldet", "bounced": "Unzustellbar",
}


def german_time(stamp, seconds=False):
    if not stamp:
        return ""
    date, time = stamp.rstrip("Z").split("T")
    year, month, day = date.split("-")
    return f"{day}.{month}.{year} {time if seconds else time[:5]}"


ACTIVITY = {
    "email_sent": "E-Mail gesendet", "email_open": "E-Mail geöffnet", "email_click": "E-Mail-Link geklickt",
    "web_visit": "Webseite besucht", "pricing_visit": "Preisseite besucht", "content_download": "Whitepaper heruntergeladen",
    "webinar": "Webinar besucht", "demo_request": "Demo angefragt", "contact_form": "Kontaktformular ausgefüllt", "chat": "Chat gestartet",
}


def main(package, directory):
    target = f"{directory}/kontakte.csv"
    accounts = {row["account_id"]: row for row in csv.DictReader(open(f"{package}/accounts.csv", encoding="utf-8"))}
    leads = list(csv.DictReader(open(f"{package}/leads.csv", encoding="utf-8")))
    header = [
        "Kontakt-ID", "Vorname", "Nachname", "E-Mail", "Telefon", "Firma", "Erstellt am", "Quelle", "Formular", "Branche",
        "Mitarbeiter", "Region", "Position", "Einwilligung", "Lebenszyklusphase", "MQL seit", "SQL seit", "Kunde seit",
        "Jahresumsatz (EUR)", "Newsletter",
    ]
    with open(target, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(header + [""])
        for number, lead in enumerate(leads):
            account = accounts[lead["account_id"]]
            employees = int(lead["employees"])
            # A picklist left empty in about one lead in twelve.
            region = "Bitte wählen" if number % 12 == 5 else REGION[account["region"]]
            revenue = f"{employees * 187_500.5:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
            writer.writerow([
                f"{100_000 + number}", lead["first_name"], lead["last_name"], lead["email"], lead["phone"], account["name"],
                german_time(lead["created_at"]), SOURCE[lead["channel"]], FORM[lead["conversion"]], INDUSTRY[account["industry"]],
                str(employees), region, SENIORITY[lead["seniority"]], CONSENT[lead["consent"]], STAGE[lead["stage"]],
                german_time(lead["mql_at"]), german_time(lead["sql_at"]), german_time(lead["customer_at"]), revenue,
                "Ja" if lead["consent"] != "none" else "Nein", "",
            ])


    ids = {lead["lead_id"]: f"{100_000 + number}" for number, lead in enumerate(leads)}
    with open(f"{directory}/aktivitaeten.csv", "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(["Kontakt-ID", "Zeitpunkt", "Aktivität"])
        for row in csv.DictReader(open(f"{package}/touchpoints.csv", encoding="utf-8")):
            writer.writerow([ids[row["lead_id"]], german_time(row["occurred_at"], seconds=True), ACTIVITY[row["type"]]])

    with open(f"{directory}/verkaufschancen.csv", "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(["Chance-ID", "Kontakt-ID", "Besitzer", "Erstellt am", "Abgeschlossen am", "Phase", "Betrag"])
        phase = {"won": "Gewonnen", "lost": "Verloren", "open": "Offen"}
        for row in csv.DictReader(open(f"{package}/opportunities.csv", encoding="utf-8")):
            amount = f"{float(row['amount_eur']):,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
            writer.writerow([
                row["opportunity_id"], ids[row["lead_id"]], row["owner_rep_id"], german_time(row["created_at"]),
                german_time(row["closed_at"]), phase[row["stage"]], f"{amount} €",
            ])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
