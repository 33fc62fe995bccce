"""Sub-commands of the community room: `kommsocial community triage|bewerten|antwort|netiquette`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from kommsocial import _argparse_de
from kommsocial.errors import InputError

_SCHWERE = {"fehler": "Fehler", "warnung": "Warnung", "hinweis": "Hinweis"}


def register(sub: argparse._SubParsersAction) -> None:
    """Add `kommsocial community ...` to the `kommsocial` parser."""
    from kommsocial._german import stand
    from kommsocial.community.netiquette import vorlage_stand
    from kommsocial.community.schema import KATEGORIEN

    group = sub.add_parser(
        "community", help="Community-Management: Kommentar-Triage, Antwort-Check, Netiquette",
        description="Übungen zum Community-Management: erfundene Kommentare aus Musterstadt einordnen, "
                    "Antworten prüfen, eine Netiquette erstellen. Keine Rechtsberatung.",
    )
    cmds = _argparse_de.subcommands(group)

    p = cmds.add_parser("triage", help="eine Runde Kommentare ausgeben (mit --loesungen samt Empfehlung)",
                        description="Gibt eine Runde erfundener Kommentare aus. Mit derselben --nummer erhalten Sie "
                                    "dieselbe Runde. --loesungen zeigt die empfohlenen Aktionen und die Begründung.")
    p.add_argument("--anzahl", type=int, metavar="N", help="Anzahl der Kommentare (Standard: alle)")
    _argparse_de.add_number_option(p, default=None, help="Nummer der Auswahl (gleiche Nummer, gleiche Kommentare)")
    p.add_argument("--kategorie", choices=list(KATEGORIEN), metavar="KATEGORIE",
                   help="nur diese Kategorie: " + ", ".join(KATEGORIEN))
    p.add_argument("--loesungen", action="store_true", help="empfohlene Aktionen und Begründung zeigen")
    p.add_argument("--json", action="store_true", help="Ausgabe als ein JSON-Objekt (immer mit Lösungen)")
    p.set_defaults(func=cmd_triage)

    p = cmds.add_parser("bewerten", help="eine Zuordnung Kommentar → Aktion bewerten (JSON- oder YAML-Datei)",
                        description="Bewertet eine Datei mit Zuordnungen, zum Beispiel\n"
                                    '{"drohung-blitzer": "melden", "lob-emoji": ["ignorieren"]}\n'
                                    "Eine einzelne Aktion zählt als Hauptaktion, eine Liste als vollständiges "
                                    "Vorgehen.")
    p.add_argument("datei", metavar="DATEI", help="JSON- oder YAML-Datei mit Kennung → Aktion(en)")
    p.add_argument("--json", action="store_true", help="Ausgabe als ein JSON-Objekt")
    p.set_defaults(func=cmd_bewerten)

    p = cmds.add_parser("antwort", help="eine Antwort auf einen Kommentar prüfen",
                        description="Prüft eine öffentliche Antwort: Länge je Plattform, Anrede mit „Sie“, Ton, "
                                    "Freundlichkeit, nötige Angaben (mit --kommentar) und Amtsdeutsch.\n"
                                    "Exit-Code 1, wenn ein Fehler gefunden wurde.")
    p.add_argument("text", metavar="TEXT", help="die Antwort (in Anführungszeichen)")
    p.add_argument("--plattform", default=None, metavar="P",
                   help="Plattform, z. B. x, instagram, facebook (Standard: die des Kommentars oder facebook)")
    p.add_argument("--kommentar", metavar="KENNUNG", help="Kennung des beantworteten Kommentars")
    p.add_argument("--json", action="store_true", help="Ausgabe als ein JSON-Objekt")
    p.set_defaults(func=cmd_antwort)

    p = cmds.add_parser("netiquette", help="eine Netiquette aus Bausteinen erstellen",
                        description="Erstellt eine Netiquette für Ihre Kommune aus den Bausteinen des Kurses "
                                    f"(Markdown). {stand(vorlage_stand(), disclaimer=True)}.")
    p.add_argument("--kommune", default="Musterstadt", help="Name der Kommune (Standard: Musterstadt)")
    p.add_argument("--kanal", default="Facebook", help="Kanal, z. B. Instagram (Standard: Facebook)")
    p.add_argument("--kontakt", help="geschützter Kontaktweg für persönliche Anliegen")
    p.add_argument("--erreichbarkeit", help="wann die Redaktion antwortet")
    p.add_argument("--impressum", help="Link zu Impressum und Datenschutzhinweisen")
    p.add_argument("--bausteine", metavar="ID,ID", help="nur diese Bausteine, durch Kommas getrennt")
    p.add_argument("--json", action="store_true", help="Ausgabe als ein JSON-Objekt")
    p.set_defaults(func=cmd_netiquette)


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def cmd_triage(args: argparse.Namespace) -> int:
    """Print a round of comments (optionally with the recommended actions)."""
    from kommsocial.community.bank import draw
    from kommsocial.community.schema import AKTION_LABELS

    round_ = draw(args.anzahl, seed=args.seed, kategorie=args.kategorie)
    if args.json:
        _print_json({"anzahl": len(round_), "kommentare": [k.model_dump(mode="json") for k in round_]})
        return 0
    for i, k in enumerate(round_, start=1):
        print(f"{i}. [{k.id}] {k.autor} auf {k.plattform} (Beitrag: {k.beitrag})")
        print(f"   „{k.text}“")
        if k.kontext:
            print(f"   Das wissen Sie: {k.kontext}")
        if args.loesungen:
            main = "" if list(k.aktionen) == [k.haupt] else f" (vor allem: {AKTION_LABELS[k.haupt]})"
            print(f"   Empfohlen: {', '.join(AKTION_LABELS[a] for a in k.aktionen)}{main} – {k.kategorie_label}")
            print(f"   Begründung: {k.begruendung}")
        print()
    print("Alle Kommentare sind erfunden. Keine Rechtsberatung.")
    return 0


def _read_mapping(path: Path) -> dict:
    from kommsocial._data import read_json, read_yaml

    if path.suffix.lower() == ".json":
        data = read_json(path)
    else:
        data, _node = read_yaml(path)
    if not isinstance(data, dict) or not data:
        raise InputError("Die Datei muss Zuordnungen Kennung → Aktion enthalten.", file=str(path),
                         hint='Beispiel: {"drohung-blitzer": "melden"}')
    return data


def cmd_bewerten(args: argparse.Namespace) -> int:
    """Score a file with comment id → action(s)."""
    from kommsocial.community.triage import bewerte_zuordnung

    result = bewerte_zuordnung(_read_mapping(Path(args.datei)))
    if args.json:
        _print_json(result.to_dict())
        return 0
    for b in result.bewertungen:
        print(f"{b.kommentar_id}: " + " ".join(b.rueckmeldung()))
    print(f"\nErgebnis: {result.punkte} von {result.max_punkte} Punkten ({result.richtig} ganz richtig).")
    return 0


def cmd_antwort(args: argparse.Namespace) -> int:
    """Check a reply; exit 1 when a check with severity fehler fails."""
    from kommsocial.community.bank import get_comment
    from kommsocial.community.reply import pruefe_antwort

    kommentar = get_comment(args.kommentar) if args.kommentar else None
    platform = args.plattform or (kommentar.plattform if kommentar else "facebook")
    result = pruefe_antwort(args.text, platform, kommentar=kommentar)
    if args.json:
        _print_json(result.to_dict())
    else:
        for p in result.punkte:
            mark = "OK" if p.ok else _SCHWERE[p.schwere]
            print(f"[{mark}] {p.titel}: {p.meldung}")
        print(f"Ampel: {result.ampel.replace('gruen', 'grün')}")
    return 0 if result.ok else 1


def cmd_netiquette(args: argparse.Namespace) -> int:
    """Print a Netiquette built from the course blocks."""
    from kommsocial._german import stand
    from kommsocial.community.netiquette import baue_netiquette, load_netiquette

    angaben = {k: getattr(args, k) for k in ("kommune", "kanal", "kontakt", "erreichbarkeit", "impressum")
               if getattr(args, k) is not None}
    ids = [b.strip() for b in args.bausteine.split(",") if b.strip()] if args.bausteine else None
    n = baue_netiquette(ids, **angaben)
    if args.json:
        _print_json({"titel": n.titel, "markdown": n.markdown(), "fehlende_pflicht": list(n.fehlende_pflicht),
                     "karten": list(n.karten)})
        return 0
    print(n.markdown())
    if n.fehlende_pflicht:
        print(f"\nHinweis: Diese empfohlenen Bausteine fehlen: {', '.join(n.fehlende_pflicht)}.")
    print(f"\n{stand(load_netiquette().stand, disclaimer=True, label='Stand der Vorlage')}. "
          "Stimmen Sie die Netiquette mit Ihrem Rechtsamt ab.")
    return 0
