"""Sub-commands of the KI room: `kommsocial ki pruefen QUELLE ENTWURF` and `kommsocial ki faelle`."""

from __future__ import annotations

import argparse
import json

from kommsocial import _argparse_de
from kommsocial.errors import InputError

_AMPEL = {"rot": "Rot", "gelb": "Gelb", "gruen": "Grün"}


def _read(path: str) -> str:
    """A UTF-8 text file that must not be empty (never changed)."""
    from kommsocial._io import read_draft

    text = read_draft(path)
    if not text.strip():
        raise InputError("Die Datei ist leer.", file=path, hint="Geben Sie den Text ein, den Sie prüfen möchten.")
    return text


def render(result, entwurf: str) -> str:
    """Readable German summary of a check for the terminal."""
    from kommsocial import platforms
    from kommsocial.ki.abgleich import ART_TEXT

    ln = result.report.length
    name = platforms.get(result.plattform).name
    lines = [
        f"KI-Entwurf geprüft für {name}: {ln.counted} von {ln.limit} {ln.unit}"
        + (" – zu lang" if ln.counted > ln.limit else ""),
        f"Ampel: {_AMPEL[result.ampel]} – {len(result.nicht_belegt)} nicht belegte Angabe(n), "
        f"{len(result.angaben) - len(result.nicht_belegt)} belegt",
    ]
    for a in result.angaben:
        state = "belegt      " if a.belegt else "NICHT BELEGT"
        lines.append(f"  {state}  {ART_TEXT[a.art]:<14} „{a.text.replace(chr(10), ' ')}“")
    style = [f for f in result.findings if f.rule in {"amtsdeutsch", "werbesprache", "ki-floskel", "laenge"}]
    if style:
        lines += ["", "Sprache und Länge:"]
        lines += [f"  {f.message}" for f in style]
    lines += ["", "Nicht gefunden werden: falsche Tatsachen, richtige Zahlen an falscher Stelle, persönliche "
                  "Daten. Lesen Sie den Entwurf immer selbst."]
    return "\n".join(lines)


def cmd_pruefen(args: argparse.Namespace) -> int:
    """Handler of `kommsocial ki pruefen`: exit 0 if everything is supported, 1 otherwise."""
    from kommsocial.ki.pruefung import pruefe

    quelle, entwurf = _read(args.quelle), _read(args.entwurf)
    result = pruefe(quelle, entwurf, args.plattform)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        print(render(result, entwurf))
    return 1 if result.nicht_belegt else 0


def cmd_faelle(args: argparse.Namespace) -> int:
    """Handler of `kommsocial ki faelle`: the cases of the review bank."""
    from kommsocial.ki.data import footer, load_bank

    bank = load_bank(args.datei)
    if args.json:
        print(json.dumps({"stand": bank.stand.isoformat(), "hinweis": bank.hinweis, "faelle": [
            {"id": f.id, "titel": f.titel, "plattform": f.plattform, "probleme": len(f.probleme),
             "urteil": f.kennzeichnung.urteil} for f in bank.faelle]}, ensure_ascii=False))
        return 0
    for f in bank.faelle:
        print(f"{f.id:<20} {f.titel} ({f.plattform}, {len(f.probleme)} Probleme)")
    print(f"\n{bank.hinweis}\n{footer(bank.stand)}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add `kommsocial ki ...` to the `kommsocial` parser."""
    ki = sub.add_parser("ki", help="KI-Entwürfe prüfen: Abgleich mit der Quelle, Sprache, Länge",
                        description="Prüft KI-Entwürfe gegen ihre Quelle (zum Beispiel eine Pressemitteilung).")
    cmds = _argparse_de.subcommands(ki)
    p = _argparse_de.command(
        cmds, "pruefen", help="einen KI-Entwurf mit seiner Quelle vergleichen",
        description="Sucht Zahlen, Daten, Uhrzeiten, Namen, Zitate, Links und Kontaktdaten im Entwurf, die in der "
                    "Quelle fehlen („nicht belegt“), und prüft Amtsdeutsch, Werbesprache und Länge. Exit-Code 0: "
                    "alles belegt, 1: mindestens eine Angabe nicht belegt, 2: Eingabe nicht nutzbar.")
    p.add_argument("quelle", metavar="QUELLE", help="Quelltext als Textdatei (UTF-8), z. B. die Pressemitteilung")
    p.add_argument("entwurf", metavar="ENTWURF", help="KI-Entwurf als Textdatei (UTF-8)")
    p.add_argument("--plattform", "--platform", default="x", metavar="P",
                   help="Plattform für die Längenprüfung (Vorgabe: x)")
    p.add_argument("--json", action="store_true", help="Ergebnis als ein JSON-Objekt ausgeben")
    p.set_defaults(func=cmd_pruefen)
    p = _argparse_de.command(cmds, "faelle", help="die Übungsfälle „KI-Entwurf prüfen“ auflisten",
                             description="Listet die Übungsfälle mit Kennung, Titel, Plattform und Zahl der Probleme.")
    p.add_argument("--datei", metavar="DATEI", help="eigene Fallsammlung (YAML) statt der mitgelieferten")
    p.add_argument("--json", action="store_true", help="Ergebnis als ein JSON-Objekt ausgeben")
    p.set_defaults(func=cmd_faelle)
