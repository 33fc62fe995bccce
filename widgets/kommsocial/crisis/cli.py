"""Sub-commands of the crisis room: `kommsocial szenario liste|validate|play|neu|status|steuern|inject`."""

from __future__ import annotations

import argparse
import json
from typing import Any

from kommsocial import _argparse_de
from kommsocial.errors import InputError

_DESCRIPTION = """Krisen-Simulator: Szenarien anzeigen, prüfen und ohne Oberfläche durchspielen.

Beispiele:
  kommsocial szenario liste
  kommsocial szenario pruefen mein_szenario.yaml
  kommsocial szenario durchspielen grossbrand --responses antworten.yaml --json
  kommsocial szenario neu grossbrand --tempo 2          (Übung für ein Seminar anlegen)
  kommsocial szenario steuern BRAND-7KQM3-XDT9H-WRP2Z start
"""


_VARIANT_HELP = "Nummer der Variante: gleiche Nummer, gleicher Ablauf (Standard 0)"
_DB_HELP = ("Datenbank: Ordner (eine Datei je Übung), SQLite-Datei oder Datenbank-Adresse wie postgresql://… "
            "(Standard: $KOMMSOCIAL_KRISEN_DB, sonst der Ordner ~/.kommsocial/krisen)")


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `scenario` command group to the `kommsocial` parser."""
    group = _argparse_de.command(sub, "szenario", english="scenario",
        help="Krisen-Simulator: Szenarien prüfen, durchspielen, Übungen steuern",
        description=_DESCRIPTION,
    )
    cmds = _argparse_de.subcommands(group)

    p = _argparse_de.command(cmds, "liste", english="list",
        help="eingebaute Szenarien auflisten", description="Listet alle eingebauten Szenarien.")
    p.add_argument("--json", action="store_true", help="als JSON ausgeben")
    p.set_defaults(func=_list)

    p = _argparse_de.command(cmds, "pruefen", english="validate", help="eine Szenario-Datei prüfen",
                        description="Prüft eine Szenario-Datei (YAML) gegen das Format (siehe FORMAT.md).")
    p.add_argument("datei", metavar="DATEI", help="Pfad zur YAML-Datei")
    p.add_argument("--json", action="store_true", help="als JSON ausgeben")
    p.set_defaults(func=_validate)

    p = _argparse_de.command(cmds, "durchspielen", english="play",
        help="Szenario mit vorbereiteten Antworten durchspielen",
                        description="Spielt ein Szenario ohne Oberfläche durch und gibt die Nachbesprechung aus.")
    p.add_argument("szenario", metavar="ID|DATEI", help="Id eines eingebauten Szenarios oder Pfad zu einer YAML-Datei")
    p.add_argument("--responses", "--antworten", dest="responses", metavar="DATEI",
                   help="YAML-Liste der eigenen Aktionen (minute, action, channel, text, target); ohne: keine Reaktion")
    _argparse_de.add_number_option(p, default=0, help=_VARIANT_HELP)
    p.add_argument("--setting", action="append", default=[], metavar="NAME=WERT",
                   help="Platzhalter überschreiben, z. B. --setting stadt=Beispielhausen (mehrfach möglich)")
    p.add_argument("--html", metavar="DATEI", help="Nachbesprechung zusätzlich als HTML-Datei speichern")
    p.add_argument("--json", action="store_true", help="Nachbesprechung als ein JSON-Objekt ausgeben")
    p.set_defaults(func=_play)

    p = cmds.add_parser("neu", help="Übung anlegen (gibt den Übungscode aus)",
                        description="Legt eine Übung in der Datenbank an. Teilnehmende treten mit dem Code bei.")
    p.add_argument("szenario", metavar="ID|DATEI")
    p.add_argument("--tempo", type=float, default=1.0, help="simulierte Minuten je echter Minute (Standard 1)")
    _argparse_de.add_number_option(p, default=0, help=_VARIANT_HELP)
    p.add_argument("--db", metavar="URL|DATEI|ORDNER", help=_DB_HELP)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_new)

    p = cmds.add_parser("status", help="Stand einer Übung und Punkte je Teilnehmer",
                        description="Zeigt Status, Minute, Teilnehmende und deren aktuelle Punkte.")
    p.add_argument("code", metavar="CODE")
    p.add_argument("--db", metavar="URL|DATEI|ORDNER", help=_DB_HELP)
    p.add_argument("--schluessel", metavar="SCHLÜSSEL",
                   help="Leitungsschlüssel (ohne: der beim Anlegen auf diesem Rechner gespeicherte)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_status)

    p = cmds.add_parser("steuern", help="Übung starten, pausieren, fortsetzen, beenden, Tempo ändern",
                        description="Übungssteuerung durch die Übungsleitung.")
    p.add_argument("code", metavar="CODE")
    p.add_argument("befehl", choices=["start", "pause", "weiter", "ende", "tempo", "vorspulen"],
                   help="start | pause | weiter | ende | tempo WERT | vorspulen MINUTEN")
    p.add_argument("wert", nargs="?", type=float, help="Tempo-Faktor oder Minuten")
    p.add_argument("--db", metavar="URL|DATEI|ORDNER", help=_DB_HELP)
    p.add_argument("--schluessel", metavar="SCHLÜSSEL",
                   help="Leitungsschlüssel (ohne: der beim Anlegen auf diesem Rechner gespeicherte)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_control)

    p = _argparse_de.command(cmds, "einspielen", english="inject", help="zusätzliche Meldung jetzt einspielen",
                        description="Spielt eine Meldung aus dem Drehbuch vorzeitig oder einen freien Text ein.")
    p.add_argument("code", metavar="CODE")
    p.add_argument("--id", dest="inject", help="Id einer Einspielung aus dem Drehbuch")
    p.add_argument("--text", help="freier Text")
    p.add_argument("--persona", help="Id der Persona (Standard: Lagezentrum)")
    p.add_argument("--kanal", default="feed",
                   choices=["feed", "kommentar", "presseanfrage", "lagemeldung", "email", "warnung"])
    p.add_argument("--db", metavar="URL|DATEI|ORDNER", help=_DB_HELP)
    p.add_argument("--schluessel", metavar="SCHLÜSSEL",
                   help="Leitungsschlüssel (ohne: der beim Anlegen auf diesem Rechner gespeicherte)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_inject)


def _print_json(obj: object) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2))


def _list(args: argparse.Namespace) -> int:
    from kommsocial.crisis.schema import list_scenarios

    items: list[dict[str, Any]] = [
        {"id": s.id, "titel": s.render(s.meta.titel), "minuten": s.meta.dauer,
         "injects": len([i for i in s.injects if not i.folge]), "stand": s.meta.stand.isoformat()}
        for s in list_scenarios()
    ]
    if args.json:
        _print_json({"scenarios": items})
        return 0
    width = max(len(i["id"]) for i in items) if items else 10
    for item in items:
        print(f"{item['id']:<{width}}  {item['minuten']:>3} Min.  {item['titel']}")
    print(f"\n{len(items)} Szenarien. Durchspielen: kommsocial szenario durchspielen ID --responses DATEI")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from kommsocial.crisis.schema import load_scenario

    sc = load_scenario(args.datei)
    base = [i for i in sc.injects if not i.folge]
    summary = {
        "ok": True, "datei": args.datei, "id": sc.id, "titel": sc.render(sc.meta.titel),
        "minuten": sc.meta.dauer, "personas": len(sc.personas), "injects": len(base),
        "folge_injects": len(sc.injects) - len(base), "entscheidungen": len(sc.entscheidungen),
        "erwartungen": len(sc.erwartungen),
    }
    if args.json:
        _print_json(summary)
    else:
        print(f"OK: „{summary['titel']}“ ({sc.id}) ist gültig.")
        print(f"  {summary['minuten']} Minuten, {summary['personas']} Personas, {summary['injects']} Einspielungen "
              f"(+{summary['folge_injects']} Folge-Einspielungen), {summary['entscheidungen']} Entscheidungen, "
              f"{summary['erwartungen']} Erwartungen.")
    return 0


def _settings(pairs: list[str]) -> dict[str, str]:
    result = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise InputError(f"„{pair}“ hat nicht die Form NAME=WERT.", field="--setting",
                             hint="Beispiel: --setting stadt=Beispielhausen")
        result[name.strip()] = value.strip()
    return result


def _play(args: argparse.Namespace) -> int:
    from kommsocial.crisis.actions import load_responses
    from kommsocial.crisis.engine import Exercise
    from kommsocial.crisis.schema import DIMENSION_LABELS, resolve

    scenario = resolve(args.szenario)
    actions = load_responses(args.responses, scenario) if args.responses else []
    if args.responses and not actions:
        # An empty file given on purpose is almost always the wrong file; a silent run would score nothing.
        raise InputError("Die Antwortdatei ist leer.", file=args.responses,
                         hint="Tragen Sie Ihre Aktionen ein (jede beginnt mit „- minute: …“) oder lassen Sie "
                              "--responses weg, um ohne eigene Reaktion zu spielen.")
    exercise = Exercise(scenario, seed=args.seed, setting=_settings(args.setting))
    exercise.play(actions)
    debrief = exercise.debrief()
    if args.html:
        from kommsocial.crisis.report_html import write_debrief_html

        write_debrief_html(debrief, args.html)
    if args.json:
        _print_json(debrief.to_dict())
        return 0
    print(f"Nachbesprechung: {debrief.titel}")
    print(f"Gesamt: {debrief.score.gesamt} von 100 Punkten")
    for dim, value in debrief.score.dimensions.items():
        print(f"  {DIMENSION_LABELS[dim]:<18} {value:>3}")
    missed = [e for e in debrief.expectations if e.status == "verfehlt"]
    if missed:
        print("\nVerfehlte Erwartungen:")
        for exp in missed:
            print(f"  - {exp.beschreibung}\n    {exp.erklaerung}")
    else:
        print("\nAlle Erwartungen erfüllt.")
    if args.html:
        print(f"\nHTML gespeichert: {args.html}")
    return 0


def _store(args: argparse.Namespace):
    from kommsocial.crisis.store import Store

    return Store(args.db)


def _new(args: argparse.Namespace) -> int:
    store = _store(args)
    created = store.create_exercise(args.szenario, speed=args.tempo, seed=args.seed)
    if args.json:
        _print_json({"code": created.code, "leitungsschluessel": created.leitung, "scenario": args.szenario,
                     "db": store.url})
    else:
        print(f"Übung angelegt. Code für die Teilnehmenden: {created.code}")
        print(f"Ihr Leitungsschlüssel: {created.leitung}")
        print("  Dieser Rechner merkt sich den Schlüssel. Geben Sie ihn nur an Personen weiter, die die Übung "
              "mit leiten (dann mit --schluessel).")
        print(f"Starten: kommsocial szenario steuern {created.code} start")
    return 0


def _print_state(state: dict, scores: dict | None = None) -> None:
    print(f"{state['code']}: {state['titel']}")
    print(f"  Status: {state['status']}, Minute {state['minute']:g} von {state['dauer']}, Tempo {state['tempo']:g}")
    print(f"  Eingespielt: {len(state['feed'])} Einspielungen, Teilnehmende: {', '.join(state['teilnehmer']) or '–'}")
    for name, score in (scores or {}).items():
        print(f"  {name}: {score['gesamt']} Punkte")


def _status(args: argparse.Namespace) -> int:
    store = _store(args)
    state = store.state(args.code, leitung=args.schluessel)
    scores = store.scores(args.code, leitung=args.schluessel)
    if args.json:
        _print_json({"state": state, "scores": scores})
    else:
        _print_state(state, scores)
    return 0


def _control(args: argparse.Namespace) -> int:
    store = _store(args)
    if args.befehl in ("tempo", "vorspulen") and args.wert is None:
        raise InputError(f"„{args.befehl}“ braucht einen Wert.",
                         hint=f"Beispiel: kommsocial szenario steuern CODE {args.befehl} 2")
    ops = {"start": store.start, "pause": store.pause, "weiter": store.resume, "ende": store.end}
    key = args.schluessel
    state = ops[args.befehl](args.code, leitung=key) if args.befehl in ops else (
        store.set_speed(args.code, args.wert, leitung=key) if args.befehl == "tempo"
        else store.advance(args.code, args.wert, leitung=key))
    if args.json:
        _print_json(state)
    else:
        _print_state(state)
    return 0


def _inject(args: argparse.Namespace) -> int:
    if not args.inject and not args.text:
        raise InputError("Geben Sie --id (Einspielung aus dem Drehbuch) oder --text (freier Text) an.")
    item = _store(args).fire_inject(args.code, args.inject, text=args.text, persona=args.persona, kanal=args.kanal,
                                    leitung=args.schluessel)
    if args.json:
        _print_json(item)
    else:
        print(f"Eingespielt in Minute {item['minute']:g}: [{item['persona_name']}] {item['text']}")
    return 0


