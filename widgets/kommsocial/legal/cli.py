"""Sub-commands of the legal room: `kommsocial recht karten|card|tree|quiz|freshness|impressum`."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random

from kommsocial import _argparse_de
from kommsocial.errors import InputError

_TYP_TEXT = {
    "einfach": "Eine Antwort ist richtig.",
    "mehrfach": "Mehrere Antworten können richtig sein.",
    "wahr_falsch": "Richtig oder falsch?",
}
_STATUS_TEXT = {"gesichert": "gesichert", "umstritten": "UMSTRITTEN", "offen": "OFFEN"}
_AMPEL_TEXT = {"gruen": "GRÜN", "gelb": "GELB", "rot": "ROT"}
_SCHWERE_TEXT = {"fehler": "Fehler", "warnung": "Warnung", "hinweis": "Hinweis"}


def register(sub: argparse._SubParsersAction) -> None:
    """Add `kommsocial recht ...` to the `kommsocial` parser."""
    legal = _argparse_de.command(sub, "recht", english="legal",
        help="Recht: Wissenskarten, Entscheidungsbäume, Quiz, Impressum-Prüfung",
        description="Rechtswissen für Social Media in Kommunen – Stand und Quellen bei jeder Karte, "
                    "keine Rechtsberatung.",
    )
    cmds = _argparse_de.subcommands(legal)

    p = _argparse_de.command(cmds, "karten", english="cards", help="alle Wissenskarten auflisten",
                        description="Listet die Wissenskarten mit Kennung, Titel, Thema, Quellen, Stand und Status.")
    p.add_argument("--thema", help="nur Karten dieses Themas (z. B. impressum)")
    p.add_argument("--status", choices=("gesichert", "umstritten", "offen"), help="nur Karten mit diesem Status")
    _common(p)
    p.set_defaults(func=cmd_cards)

    p = _argparse_de.command(cmds, "karte", english="card", help="eine Wissenskarte vollständig anzeigen",
                        description="Zeigt eine Wissenskarte mit Kernaussage, Details, Normen, Urteilen und Quellen.")
    p.add_argument("id", metavar="KENNUNG", help="Kennung der Karte, z. B. neutralitaet-vorwahlzeit")
    _common(p)
    p.set_defaults(func=cmd_card)

    p = _argparse_de.command(cmds, "baum", english="tree", help="einen Entscheidungsbaum anzeigen",
                        description="Zeigt einen Entscheidungsbaum vollständig als eingerückten Text.\n"
                                    "Bäume: foto, kommentar, vorwahlzeit, impressum, fremdinhalte, ki-kennzeichnung")
    p.add_argument("id", metavar="KENNUNG", help="Kennung des Baums, z. B. foto")
    _common(p)
    p.set_defaults(func=cmd_tree)

    p = cmds.add_parser("quiz", help="Quiz im Terminal spielen (--spielen) oder Fragen ausgeben",
                        description="Gibt zufällig gezogene Quizfragen mit Antwortmöglichkeiten aus. Mit demselben "
                                    "--nummer erhalten Sie dieselben Fragen. Mit --spielen beantworten Sie die Fragen "
                                    "im Terminal und sehen nach jeder Antwort die Erklärung. Mit --json enthält die "
                                    "Ausgabe auch die richtigen Antworten und Erklärungen.")
    p.add_argument("--anzahl", type=int, default=10, metavar="N", help="Anzahl der Fragen (Standard: 10)")
    _argparse_de.add_number_option(p, default=None, help="Nummer der Auswahl (gleiche Nummer, gleiche Fragen)")
    p.add_argument("--thema", help="nur Fragen dieses Themas")
    p.add_argument("--spielen", action="store_true",
                   help="im Terminal spielen: Frage, Ihre Antwort, Erklärung, am Ende Ihr Ergebnis")
    _common(p)
    p.set_defaults(func=cmd_quiz)

    p = _argparse_de.command(cmds, "veraltet", english="freshness",
        help="Karten finden, deren Stand älter als N Monate ist",
                        description="Listet Wissenskarten, deren Stand älter als N Monate ist, damit Sie sie "
                                    "neu prüfen können. Endet immer mit Code 0.")
    p.add_argument("--monate", type=int, default=12, metavar="N", help="Alter in Monaten (Standard: 12)")
    p.add_argument("--heute", type=_date, metavar="JJJJ-MM-TT", help="Stichtag statt des heutigen Datums")
    _common(p)
    p.set_defaults(func=cmd_freshness)

    p = cmds.add_parser("impressum", help="Impressum-Angaben eines Profils prüfen (YAML-Datei)",
                        description="Prüft die Impressum-Angaben eines Social-Media-Profils aus einer YAML-Datei.\n"
                                    "Felder: plattform, behoerde, anschrift, vertretungsberechtigt,\n"
                                    "journalistisch_redaktionell, verantwortlich, verantwortlich_anschrift, kontakt,\n"
                                    "link_text, klicks, nach_langem_scrollen, plattform_erlaubt_impressum,\n"
                                    "datenschutzhinweise. Exit-Code 1, wenn mindestens ein Fehler gefunden wurde.")
    p.add_argument("datei", metavar="PROFIL.yaml", help="YAML-Datei mit den Profilangaben")
    _common(p)
    p.set_defaults(func=cmd_impressum)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="genau ein JSON-Objekt ausgeben")
    p.add_argument("--daten", metavar="ORDNER",
                   help="anderer Datenordner mit karten/, baeume/, quiz/ "
                        "(sonst KOMMSOCIAL_LEGAL_DATA oder mitgeliefert)")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"„{text}“ ist kein Datum wie 2026-11-21") from None


def _print_json(obj: dict) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


def _meta(cards) -> dict:
    from kommsocial.legal.data import DISCLAIMER, stand_of

    return {"stand": stand_of(cards), "hinweis": DISCLAIMER}


def cmd_cards(args: argparse.Namespace) -> int:
    """List cards (id, title, topic, sources, stand, status)."""
    from kommsocial.legal.data import footer, format_date, load_cards
    from kommsocial.legal.schema import THEMEN

    cards = load_cards(args.daten)
    if args.thema and args.thema not in THEMEN:
        raise InputError(f"Das Thema „{args.thema}“ gibt es nicht.", hint="Möglich: " + ", ".join(THEMEN))
    chosen = [k for k in cards.values()
              if (not args.thema or k.thema == args.thema) and (not args.status or k.status == args.status)]
    if args.json:
        _print_json({**_meta(cards), "anzahl": len(chosen),
                     "karten": [k.model_dump(mode="json") for k in chosen]})
        return 0
    for k in chosen:
        print(f"{k.id}  [{_STATUS_TEXT[k.status]}]  {k.titel}")
        print(f"    Thema: {k.thema_label} · Stand: {format_date(k.stand)}")
        print(f"    Quellen: {'; '.join(k.quellen)}")
    print(f"\n{len(chosen)} Karten. Einzelne Karte: kommsocial recht karte KENNUNG")
    print(footer(cards))
    return 0


def cmd_card(args: argparse.Namespace) -> int:
    """Show one card in full."""
    from kommsocial.legal.data import footer, format_date, get_card

    k = get_card(args.id, args.daten)
    if args.json:
        _print_json({**_meta([k]), "karte": k.model_dump(mode="json")})
        return 0
    print(f"{k.titel}  [{_STATUS_TEXT[k.status]}]")
    print(f"Thema: {k.thema_label} · Kennung: {k.id} · Stand: {format_date(k.stand)}\n")
    print(k.kernaussage + "\n")
    print(k.details)
    if k.offene_fragen:
        print("\nOffen oder umstritten:")
        for q in k.offene_fragen:
            print(f"  - {q}")
    if k.hinweis_landesrecht:
        print(f"\nLandesrecht: {k.hinweis_landesrecht}")
    if k.normen:
        print("\nNormen: " + "; ".join(n.label for n in k.normen))
    if k.entscheidungen:
        print("Entscheidungen:")
        for e in k.entscheidungen:
            print(f"  - {e.zitat}" + (f": {e.aussage}" if e.aussage else ""))
    print("Quellen: " + "; ".join(k.quellen))
    print(footer([k]))
    return 0


def cmd_tree(args: argparse.Namespace) -> int:
    """Show a whole decision tree."""
    from kommsocial.legal.data import footer, load_cards, load_tree
    from kommsocial.legal.tree import tree_as_text

    baum = load_tree(args.id, args.daten)
    cards = load_cards(args.daten)
    used = [cards[c] for u in baum.urteile.values() for c in u.karten]
    if args.json:
        _print_json({**_meta(used), "baum": baum.model_dump(mode="json")})
        return 0
    for line in tree_as_text(baum):
        print(line)
    print()
    print(footer(used))
    return 0


def cmd_quiz(args: argparse.Namespace) -> int:
    """Print drawn questions (non-interactive)."""
    from kommsocial.legal.data import footer, load_cards
    from kommsocial.legal.quizbank import draw

    seed = args.seed if args.seed is not None else random.randrange(1_000_000)
    fragen = draw(args.anzahl, seed=seed, thema=args.thema, folder=args.daten)
    cards = load_cards(args.daten)
    if args.spielen:
        if args.json:
            raise InputError("--spielen und --json passen nicht zusammen.",
                             hint="Zum Spielen lassen Sie --json weg.")
        from kommsocial.legal.quiz_terminal import play

        play(fragen, input, print)
        print(footer(cards))
        return 0
    if args.json:
        _print_json({**_meta(cards), "seed": seed, "anzahl": len(fragen),
                     "fragen": [f.model_dump(mode="json") for f in fragen]})
        return 0
    for i, f in enumerate(fragen, 1):
        print(f"{i}. {f.frage}  ({_TYP_TEXT[f.typ]})")
        for o in f.optionen:
            print(f"   [{o.id}] {o.text}")
        print()
    if len(fragen) < args.anzahl:
        print(f"Es gibt nur {len(fragen)} passende Fragen.")
    print(f"Auswahl Nummer {seed} (dieselben Fragen mit --nummer {seed}; Lösungen mit --json; "
          "im Terminal spielen mit --spielen)")
    print(footer(cards))
    return 0


def cmd_freshness(args: argparse.Namespace) -> int:
    """List cards whose stand is older than N months; always exit 0."""
    from kommsocial.legal.data import footer, format_date, load_cards
    from kommsocial.legal.freshness import months_before, stale_cards

    today = args.heute or dt.date.today()
    stale = stale_cards(args.monate, today, args.daten)
    cards = load_cards(args.daten)
    limit = months_before(today, args.monate)
    if args.json:
        _print_json({**_meta(cards), "heute": today.isoformat(), "monate": args.monate,
                     "stichtag": limit.isoformat(), "anzahl": len(stale),
                     "karten": [{"id": k.id, "titel": k.titel, "stand": k.stand.isoformat(),
                                 "quellen": k.quellen} for k in stale]})
        return 0
    if not stale:
        print(f"Alle {len(cards)} Karten haben einen Stand ab {format_date(limit)} "
              f"(jünger als {args.monate} Monate). Nichts zu prüfen.")
    else:
        print(f"{len(stale)} von {len(cards)} Karten sind älter als {args.monate} Monate "
              f"(Stand vor {format_date(limit)}). Bitte prüfen Sie sie neu:")
        for k in stale:
            print(f"  {k.id}  (Stand {format_date(k.stand)})  {k.titel}")
            print(f"      Quellen: {'; '.join(k.quellen)}")
    print(footer(cards))
    return 0


def cmd_impressum(args: argparse.Namespace) -> int:
    """Check the Impressum details of a profile file; exit 1 if there is a fehler."""
    from kommsocial.legal.data import footer, load_cards
    from kommsocial.legal.impressum import check_impressum, load_profile

    ergebnis = check_impressum(load_profile(args.datei))
    cards = load_cards(args.daten)
    if args.json:
        _print_json({**_meta(cards), **ergebnis.to_dict()})
    else:
        print(f"Impressum-Prüfung für {ergebnis.profil.plattform}: Ampel {_AMPEL_TEXT[ergebnis.ampel]}")
        for b in ergebnis.befunde:
            print(f"  {_SCHWERE_TEXT[b.schwere]}: {b.meldung}")
            print(f"      Karten: {', '.join(b.karten)}")
        print(footer(cards))
    return 1 if ergebnis.ampel == "rot" else 0
