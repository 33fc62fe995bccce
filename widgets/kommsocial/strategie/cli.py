"""Sub-commands of the strategy room: `kommsocial strategie fragen|check|bausteine|dienstanweisung`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from kommsocial import _argparse_de
from kommsocial._german import stand


def register(sub: argparse._SubParsersAction) -> None:
    """Add `kommsocial strategie ...` to the `kommsocial` parser."""
    st = sub.add_parser(
        "strategie", help="Strategie: Reifegrad-Selbstcheck und Dienstanweisungs-Baukasten",
        description="Reifegrad-Selbstcheck (Phase 0 bis 3) mit nächsten Schritten und Baukasten für einen "
                    "Entwurf der Dienstanweisung Social Media – keine Rechtsberatung.",
    )
    cmds = _argparse_de.subcommands(st)

    p = cmds.add_parser("fragen", help="Fragen des Selbstchecks anzeigen oder eine Antwortvorlage schreiben",
                        description="Zeigt alle Fragen mit Kennung und Antworten (0 bis 3). Mit --vorlage entsteht "
                                    "eine YAML-Datei zum Ausfüllen für „kommsocial strategie auswerten“.")
    p.add_argument("--vorlage", metavar="DATEI", help="Antwortvorlage (YAML) in diese Datei schreiben")
    p.add_argument("--json", action="store_true", help="genau ein JSON-Objekt ausgeben")
    p.set_defaults(func=cmd_fragen)

    p = _argparse_de.command(cmds, "auswerten", english="check",
        help="Selbstcheck auswerten: Profil und nächste Schritte",
                        description="Wertet eine Antwortdatei aus (YAML: „antworten:“ mit „frage-id: 0 bis 3“) "
                                    "und zeigt Profil und die wichtigsten nächsten Schritte.")
    p.add_argument("datei", metavar="ANTWORTEN.yaml",
                   help="Antwortdatei (Vorlage: kommsocial strategie fragen --vorlage)")
    p.add_argument("--schritte", type=int, default=5, metavar="N",
                   help="höchstens N Bereiche mit Schritten (Standard: 5; 0 = alle)")
    p.add_argument("--markdown", metavar="DATEI", help="Ergebnis zusätzlich als Markdown-Datei speichern")
    p.add_argument("--json", action="store_true", help="genau ein JSON-Objekt ausgeben")
    p.set_defaults(func=cmd_check)

    p = cmds.add_parser("bausteine", help="Abschnitte und Optionen der Dienstanweisung auflisten",
                        description="Listet alle Abschnitte der Dienstanweisung mit ihren Optionen und dem Standard.")
    p.add_argument("--json", action="store_true", help="genau ein JSON-Objekt ausgeben")
    p.set_defaults(func=cmd_bausteine)

    p = cmds.add_parser("dienstanweisung", help="Entwurf einer Dienstanweisung als Markdown/HTML erzeugen",
                        description="Erzeugt den Entwurf einer Dienstanweisung Social Media. Ohne Auswahldatei gelten "
                                    "die Standardoptionen. Auswahldatei (YAML):\n"
                                    "  kommune: Stadt Musterstadt\n  zentrale_stelle: Pressestelle\n"
                                    "  abschnitte:\n    zustaendigkeit: dezentral\n    tonalitaet: null   # weglassen\n"
                                    "Ohne --md/--html wird der Markdown-Text ausgegeben.")
    p.add_argument("auswahl", nargs="?", metavar="AUSWAHL.yaml", help="Auswahldatei (optional)")
    p.add_argument("--md", metavar="DATEI", help="Entwurf als Markdown-Datei speichern")
    p.add_argument("--html", metavar="DATEI", help="Entwurf als HTML-Datei speichern")
    p.add_argument("--json", action="store_true", help="genau ein JSON-Objekt ausgeben")
    p.set_defaults(func=cmd_dienstanweisung)


def _print_json(obj: dict) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


def answer_template() -> str:
    """A YAML answer file with every question id set to null and the answers as comments."""
    from kommsocial.strategie.reifegrad import load_modell

    m = load_modell()
    lines = [f"# {m.titel} – tragen Sie je Frage 0, 1, 2 oder 3 ein (leer lassen = nicht beantwortet).",
             "antworten:"]
    for d in m.dimensionen:
        lines.append(f"  # --- {d.titel} ---")
        for f in d.fragen:
            lines.append(f"  # {f.text}")
            lines.extend(f"  #   {i} = {a}" for i, a in enumerate(f.antworten))
            lines.append(f"  {f.id}: null")
    return "\n".join(lines) + "\n"


def cmd_fragen(args: argparse.Namespace) -> int:
    """Print the questions or write an answer template."""
    from kommsocial._io import atomic_write
    from kommsocial.strategie.reifegrad import load_modell

    m = load_modell()
    if args.vorlage:
        path = atomic_write(args.vorlage, answer_template().encode("utf-8"))
        if args.json:
            _print_json({"vorlage": str(path)})
        else:
            print(f"Antwortvorlage gespeichert: {path}")
        return 0
    if args.json:
        _print_json({"stand": m.stand, "dimensionen": [
            {"id": d.id, "titel": d.titel, "fragen": [f.model_dump(mode="json") for f in d.fragen]}
            for d in m.dimensionen]})
        return 0
    for d in m.dimensionen:
        print(f"== {d.titel} ==")
        for f in d.fragen:
            print(f"{f.id}: {f.text}")
            for i, a in enumerate(f.antworten):
                print(f"   {i} = {a}")
    print(stand(m.stand))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Evaluate an answer file."""
    from kommsocial._io import atomic_write
    from kommsocial.strategie.reifegrad import load_answers, load_modell, profile, profile_markdown

    m = load_modell()
    p = profile(load_answers(args.datei, m), m, max_empfehlungen=max(0, args.schritte))
    if args.markdown:
        atomic_write(Path(args.markdown), profile_markdown(p).encode("utf-8"))
    if args.json:
        _print_json({
            "stand": m.stand, "hinweis": "keine Rechtsberatung",
            "beantwortet": p.beantwortet, "fragen": p.fragen,
            "gesamtphase": p.gesamtphase, "grundlagenphase": p.grundlagenphase,
            "dimensionen": [{"id": d.dimension.id, "titel": d.dimension.titel, "wert": d.wert, "phase": d.phase,
                             "beantwortet": d.beantwortet, "fragen": d.fragen} for d in p.dimensionen],
            "empfehlungen": [{"dimension": e.dimension.id, "phase": e.phase, "ziel_phase": e.ziel_phase,
                              "dringlichkeit": e.dringlichkeit, "grund": e.grund,
                              "schritte": [s.model_dump(mode="json") for s in e.schritte]} for e in p.empfehlungen],
        })
        return 0
    print(profile_markdown(p), end="")
    if args.markdown:
        print(f"Gespeichert: {args.markdown}")
    return 0


def cmd_bausteine(args: argparse.Namespace) -> int:
    """List sections and options of the Dienstanweisung template."""
    from kommsocial.strategie.dienstanweisung import load_vorlage

    v = load_vorlage()
    if args.json:
        _print_json({"stand": v.stand, "abschnitte": [
            {"id": a.id, "titel": a.titel, "pflicht": a.pflicht, "mehrfach": a.mehrfach, "standard": a.standard,
             "optionen": [{"id": o.id, "label": o.label} for o in a.optionen]} for a in v.abschnitte]})
        return 0
    for a in v.abschnitte:
        print(f"{a.id}: {a.titel}" + (" (Pflicht)" if a.pflicht else " (kann weggelassen werden: null)"))
        for o in a.optionen:
            mark = "*" if o.id in a.standard else " "
            print(f"  {mark} {o.id}: {o.label}")
    print("* = Standard")
    return 0


def cmd_dienstanweisung(args: argparse.Namespace) -> int:
    """Build the draft and print or save it."""
    from kommsocial.strategie.dienstanweisung import build, load_auswahl, load_vorlage, write

    v = load_vorlage()
    if args.auswahl:
        auswahl, names = load_auswahl(args.auswahl, v)
        entwurf = build(auswahl, vorlage=v, **names)
    else:
        entwurf = build(vorlage=v)
    written = write(entwurf, markdown=args.md, html=args.html)
    if args.json:
        _print_json({"titel": entwurf.titel, "stand": entwurf.stand, "hinweis": v.hinweis,
                     "abschnitte": entwurf.abschnitte, "quellen": entwurf.quellen,
                     "dateien": [str(p) for p in written], "markdown": entwurf.markdown()})
        return 0
    if written:
        for path in written:
            print(f"Gespeichert: {path}")
        print(v.hinweis + ".")
    else:
        print(entwurf.markdown(), end="")
    return 0
