"""Sub-commands of the analytics room: `kommsocial wirkung kennzahlen|beispieldaten`."""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

from kommsocial import _argparse_de
from kommsocial._german import decimal, thousands
from kommsocial.errors import InputError

GROUP_CHOICES = ("Kanal", "Format", "Thema", "Wochentag", "Stunde")
_LABELS = {
    "beitraege": "Beiträge", "reichweite": "Reichweite", "reichweite_je_beitrag": "Reichweite je Beitrag",
    "interaktionen": "Interaktionen", "er_reichweite": "Engagement-Rate nach Reichweite (%)",
    "er_follower": "Engagement-Rate nach Followern (%)", "kommentare": "Kommentare",
    "beantwortet": "davon beantwortet", "antwortquote": "Antwortquote (%)",
    "antwortzeit_median_min": "Antwortzeit, Median (Minuten)",
}
FORMAT_HELP = """Format der Datei (CSV mit ; oder , oder .xlsx, eine Zeile je Beitrag):
  Pflicht: Datum, Kanal, Reichweite und Interaktionen oder Likes/Kommentare/Geteilt/Gespeichert
  Optional: Uhrzeit, Format, Thema, Impressionen, Klicks, Follower, Kommentare_beantwortet,
            Antwortzeit_min, synthetisch
Beispieldaten erzeugen: kommsocial wirkung beispieldaten --ausgabe beitraege.csv"""


def register(sub: argparse._SubParsersAction) -> None:
    """Add `kommsocial wirkung ...` to the `kommsocial` parser."""
    ana = _argparse_de.command(sub, "wirkung", english="analytics", help="Wirkung messen: Kennzahlen aus Beitragsdaten",
                         description="Kennzahlen (KPIs) aus Beitragsdaten: Reichweite, Interaktionen, zwei "
                                     "Engagement-Raten, Antwortquote und Antwortzeit.")
    asub = _argparse_de.subcommands(ana)

    kpis = _argparse_de.command(asub, "kennzahlen", english="kpis", help="Kennzahlen einer Datei berechnen",
                           description="Berechnet Kennzahlen gesamt und gruppiert. Exit-Code 2 bei unbrauchbarer "
                                       "Datei.\n\n" + FORMAT_HELP)
    kpis.add_argument("datei", metavar="DATEI", help="Beitragsdaten als CSV oder .xlsx")
    kpis.add_argument("--nach", nargs="+", choices=GROUP_CHOICES, default=["Kanal"], metavar="SPALTE",
                      help="Gruppierung(en) für die Textausgabe: " + ", ".join(GROUP_CHOICES)
                      + " (Voreinstellung: Kanal)")
    kpis.add_argument("--json", action="store_true",
                      help="alles (gesamt, alle Gruppen, Definitionen) als ein JSON-Objekt ausgeben")
    kpis.set_defaults(func=cmd_kpis)

    demo = asub.add_parser("beispieldaten", help="synthetische Übungsdaten der Musterstadt erzeugen",
                           description="Erzeugt erfundene, realistische Beitragsdaten der Musterstadt (Spalte "
                                       "„synthetisch“ = ja). Gleiche Nummer, gleiche Daten.")
    demo.add_argument("--ausgabe", metavar="DATEI", required=True, help="Zieldatei (.csv)")
    _argparse_de.add_number_option(demo, default=2027, help="Nummer des Beispieldatensatzes (Voreinstellung 2027)")
    demo.add_argument("--wochen", type=int, default=12, metavar="N", help="Anzahl Wochen (Voreinstellung 12)")
    demo.set_defaults(func=cmd_demo)


def _fmt(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, float):
        return decimal(value, 2, grouping=True)
    if isinstance(value, int):
        return thousands(value)
    return str(value)


def cmd_kpis(args: argparse.Namespace) -> int:
    """`kommsocial wirkung kennzahlen`: totals and grouped KPIs, as text or JSON."""
    from kommsocial.analytics.importer import read_posts
    from kommsocial.analytics.kpis import DEFINITIONS, analyze, explain_difference

    df = read_posts(args.datei)
    report = analyze(df)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
        return 0
    note = " (synthetische Übungsdaten)" if report.synthetic else ""
    print(f"Beitragsdaten {args.datei}: {report.rows} Beiträge{note}\n")
    print("Gesamt:")
    for key, value in report.gesamt.items():
        print(f"  {_LABELS.get(key, key):<38} {_fmt(value)}")
    print("\n" + explain_difference(report.gesamt))
    for group in args.nach:
        table = report.nach.get(group)
        if table is None:
            print(f"\nNach {group}: Die Spalte fehlt in den Daten.")
            continue
        print(f"\nNach {group}:")
        cols = [c for c in ("beitraege", "reichweite", "interaktionen", "er_reichweite", "er_follower",
                            "antwortquote", "antwortzeit_median_min") if c in table.columns]
        heads = [group, "Beitr.", "Reichw.", "Interakt.", "ER Reichw. %", "ER Foll. %", "Antwort %", "Antw. Min."]
        print("  " + " | ".join(heads[: len(cols) + 1]))
        for rec in table.to_dict("records"):
            print("  " + " | ".join([str(rec[group])] + [_fmt(rec[c]) for c in cols]))
    print("\n" + DEFINITIONS["er_reichweite"] + "\n" + DEFINITIONS["er_follower"] + "\n" + DEFINITIONS["hinweis"])
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """`kommsocial wirkung beispieldaten`: write synthetic Musterstadt data."""
    from kommsocial.analytics.generator import generate_posts
    from kommsocial.analytics.importer import write_posts

    out = Path(args.ausgabe)
    if out.suffix.lower() != ".csv":
        raise InputError("Beispieldaten werden als CSV geschrieben.", file=str(out),
                         hint="Verwenden Sie die Endung .csv.")
    df = generate_posts(seed=args.seed, weeks=args.wochen)
    write_posts(df, out)
    print(f"{len(df)} synthetische Beiträge (Datensatz {args.seed}, {args.wochen} Wochen) gespeichert: {out}")
    print("Die Daten sind erfunden und in der Spalte „synthetisch“ so gekennzeichnet.")
    return 0
