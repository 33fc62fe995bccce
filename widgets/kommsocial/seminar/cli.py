"""Sub-commands of the seminar room.

`kommsocial seminar anlegen|roster|release|collect|grade|feedback|report|export|purge|selbsttest|formate|handouts`.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from kommsocial import _argparse_de


def register(sub: argparse._SubParsersAction) -> None:
    """Add this room's sub-commands to the `kommsocial` parser."""
    seminar = sub.add_parser(
        "seminar", help="bewertete Seminaraufgaben mit nbgrader (Seminarleitung)",
        description="Bewertete Seminaraufgaben mit nbgrader: anlegen, verteilen, einsammeln, "
        "parallel bewerten, Rückmeldung, Bericht, Export und Löschen (DSGVO).",
    )
    cmds = _argparse_de.subcommands(seminar, title="Schritte", metavar="SCHRITT")

    p = _argparse_de.command(cmds, "anlegen", english="init", help="Seminarordner anlegen", description=(
        "Legt einen Seminarordner außerhalb des Repositorys an: nbgrader_config.py, die Aufgaben aus "
        "solutions/ in DIR/source/ und ein Notenbuch (SQLite oder eine andere Datenbank)."))
    p.add_argument("dir", metavar="DIR", help="neuer, leerer Ordner für das Seminar")
    p.add_argument("--db", metavar="URL",
                   help="Datenbank-Adresse, z. B. postgresql://user@server/seminar; "
                   "Standard: DIR/gradebook.db (SQLite)")
    p.add_argument("--quelle", metavar="ORDNER", help="Aufgabenordner (Standard: solutions/ des Repositorys)")
    p.add_argument("--exchange-root", metavar="PFAD", help="Austauschordner von nbgrader auf dem JupyterHub")
    p.add_argument("--kurs", metavar="ID", default="kommsocial",
                   help="Kurs-Kennung für nbgrader (Standard: kommsocial)")
    p.set_defaults(func=cmd_init)

    p = _argparse_de.command(cmds, "teilnehmende", english="roster",
        help="Teilnehmendenliste (CSV) übernehmen", description=(
        "Liest eine CSV-Datei mit den Spalten id;vorname;nachname;email (wie Excel sie speichert: ; oder , "
        "getrennt, UTF-8 oder Windows-1252). Bei Fehlern wird nichts übernommen."))
    p.add_argument("dir", metavar="DIR", help="Seminarordner")
    p.add_argument("datei", metavar="DATEI.csv", help="Teilnehmendenliste")
    p.set_defaults(func=cmd_roster)

    p = _argparse_de.command(cmds, "verteilen", english="release", help="Aufgabe verteilen", description=(
        "Erzeugt die Teilnehmendenfassung (nbgrader generate_assignment) und legt je Person einen Ordner "
        "und eine ZIP-Datei in DIR/verteilen/ ab. Mit --exchange: Verteilung über den JupyterHub."))
    _dir_assignment(p)
    p.add_argument("--exchange", action="store_true", help="über nbgrader-Austausch (JupyterHub) verteilen")
    p.add_argument("--exchange-root", metavar="PFAD", help="Austauschordner (Standard: aus nbgrader_config.py)")
    p.set_defaults(func=cmd_release)

    p = _argparse_de.command(cmds, "einsammeln", english="collect", help="Abgaben einsammeln", description=(
        "Sammelt Abgaben vom JupyterHub ein (nbgrader collect) oder übernimmt mit --from eingesandte "
        "Notebooks aus einem Ordner oder einer ZIP-Datei (Zuordnung über id, Name oder E-Mail im Dateinamen)."))
    _dir_assignment(p)
    p.add_argument("--from", dest="von", metavar="PFAD", help="Ordner oder ZIP-Datei mit eingesandten Notebooks")
    p.add_argument("--exchange-root", metavar="PFAD", help="Austauschordner (Standard: aus nbgrader_config.py)")
    p.set_defaults(func=cmd_collect)

    p = _argparse_de.command(cmds, "bewerten", english="grade", help="Abgaben parallel bewerten", description=(
        "Bewertet alle Abgaben mit nbgrader autograde, mehrere gleichzeitig. Jede Abgabe läuft in einem "
        "eigenen, abgeschotteten Bereich (bubblewrap) ohne Netz und ohne Zugriff auf den Seminarordner; "
        "die Tests laufen getrennt davon auf den Antworten. Kaputte Abgaben erhalten einen Status mit Grund; "
        "die Abgaben selbst bleiben unverändert."))
    _dir_assignment(p)
    p.add_argument("--workers", type=int, metavar="N", help=f"parallele Prozesse (Standard: {os.cpu_count()})")
    p.add_argument("--timeout", type=int, metavar="S",
                   help="höchstens S Sekunden je Zelle (Standard: aus der Konfiguration)")
    p.add_argument("--json", action="store_true", help="Ergebnis als JSON ausgeben")
    p.add_argument("--ohne-sandbox", action="store_true",
                   help="ohne abgeschotteten Bereich bewerten (nur für Abgaben, denen Sie vertrauen)")
    p.set_defaults(func=cmd_grade)

    p = _argparse_de.command(cmds, "rueckmeldung", english="feedback", help="Rückmeldungen erzeugen", description=(
        "Erzeugt je Person die nbgrader-Rückmeldung und eine deutsche Übersicht "
        "(DIR/feedback/<id>/<aufgabe>/rueckmeldung.html)."))
    _dir_assignment(p)
    p.set_defaults(func=cmd_feedback)

    p = _argparse_de.command(cmds, "bericht", english="report", help="Bericht zu einer Aufgabe", description=(
        "Punkte je Person und je Aufgabenteil, Grafik DIR/bericht_<aufgabe>.png, optional als Excel-Datei."))
    _dir_assignment(p)
    p.add_argument("--json", action="store_true", help="als JSON ausgeben")
    p.add_argument("--xlsx", metavar="DATEI", help="zusätzlich als Excel-Datei speichern")
    p.set_defaults(func=cmd_report)

    p = _argparse_de.command(cmds, "exportieren", english="export", help="Noten exportieren", description=(
        "Schreibt die Punkte aller Aufgaben als CSV (für Excel). Mit --pseudonymisiert ohne Namen, "
        "mit gleichbleibenden Pseudonymen."))
    p.add_argument("dir", metavar="DIR", help="Seminarordner")
    p.add_argument("--csv", required=True, metavar="DATEI", help="Zieldatei")
    p.add_argument("--pseudonymisiert", action="store_true", help="ohne Namen und E-Mail, mit Pseudonym")
    p.set_defaults(func=cmd_export)

    p = _argparse_de.command(cmds, "loeschen", english="purge",
        help="alle Daten einer Person löschen (DSGVO)", description=(
        "Löscht alle Daten einer Person: Notenbuch, Abgaben, Bewertungen, Rückmeldungen, verteilte Dateien, "
        "Importe und Einträge im Austauschordner. Zeigt an, was gelöscht wurde."))
    p.add_argument("dir", metavar="DIR", help="Seminarordner")
    p.add_argument("teilnehmer", metavar="TEILNEHMER", help="id der Person")
    p.add_argument("--exchange-root", metavar="PFAD", help="Austauschordner (Standard: aus nbgrader_config.py)")
    p.set_defaults(func=cmd_purge)

    p = cmds.add_parser("selbsttest", help="eigene Abgabe vorab prüfen (Teilnehmende)", description=(
        "Führt Ihr Notebook in einem frischen Kernel aus und zeigt für jeden öffentlichen Test, "
        "ob er bestanden ist. Die Datei wird nicht verändert."))
    p.add_argument("notebook", metavar="NOTEBOOK", help="Ihr Aufgaben-Notebook (.ipynb)")
    p.add_argument("--json", action="store_true", help="als JSON ausgeben")
    p.set_defaults(func=cmd_selbsttest)

    p = cmds.add_parser("formate", help="Seminarformate prüfen und anzeigen (Seminarleitung)", description=(
        "Prüft course/trainer/formate.yaml: Uhrzeiten, lückenlose Blöcke, Dauer der Notebooks und Aufgaben, "
        "vorhandene Dateien. Zeigt dann den Plan. Mit --schreiben entsteht formate.md neu."))
    p.add_argument("format", nargs="?", metavar="FORMAT",
                   help="nur dieses Format, z. B. ein-tag, zwei-tage, online, selbstlernpfad")
    p.add_argument("--datei", metavar="DATEI.yaml", help="andere Formatdatei (Standard: course/trainer/formate.yaml)")
    p.add_argument("--markdown", action="store_true", help="den ganzen Plan als Markdown ausgeben")
    p.add_argument("--schreiben", action="store_true", help="formate.md neben der Formatdatei neu schreiben")
    p.set_defaults(func=cmd_formate)

    p = cmds.add_parser("handouts", help="Handouts und Leitfaden als PDF drucken (ohne Netz)", description=(
        "Schreibt je Kursmodul ein Handout für Teilnehmende (Textzellen der Notebooks, ohne Code; wo im "
        "Notebook eine Übung ist, steht ein Hinweis) und den Leitfaden für Seminarleitungen als PDF. "
        "Braucht Chromium (bash scripts/ensure-chromium), aber kein Netz."))
    p.add_argument("--ausgabe", required=True, metavar="ORDNER", help="Zielordner für die PDF-Dateien")
    p.add_argument("--modul", action="append", metavar="NR",
                   help="nur dieses Modul, z. B. 05 oder 05_recht (mehrfach möglich); "
                   "ohne --modul und --leitfaden entsteht alles")
    p.add_argument("--leitfaden", action="store_true", help="den Leitfaden für Seminarleitungen drucken")
    p.set_defaults(func=cmd_handouts)


def _dir_assignment(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", metavar="DIR", help="Seminarordner")
    p.add_argument("aufgabe", metavar="AUFGABE", help="Aufgabe, z. B. a02_pressemitteilung")


def cmd_init(args: argparse.Namespace) -> int:
    """Create a seminar folder."""
    from kommsocial.seminar.folder import init_seminar

    sem, assignments = init_seminar(args.dir, db_url=args.db, source=Path(args.quelle) if args.quelle else None,
                                    exchange_root=args.exchange_root, course_id=args.kurs)
    print(f"Seminarordner angelegt: {sem.root}")
    print(f"Aufgaben: {', '.join(assignments)}")
    print(f"Nächster Schritt: kommsocial seminar teilnehmende {args.dir} teilnehmende.csv")
    return 0


def cmd_roster(args: argparse.Namespace) -> int:
    """Import participants."""
    from kommsocial.seminar.folder import open_seminar
    from kommsocial.seminar.roster import import_roster

    new, updated = import_roster(open_seminar(args.dir), args.datei)
    print(f"Teilnehmende übernommen: {new} neu, {updated} aktualisiert.")
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    """Release an assignment."""
    from kommsocial.seminar import distribute
    from kommsocial.seminar.folder import open_seminar

    sem = open_seminar(args.dir)
    if args.exchange:
        distribute.release_exchange(sem, args.aufgabe, args.exchange_root)
        print(f"„{args.aufgabe}“ ist im Austauschordner freigegeben. "
              "Teilnehmende holen sie im Reiter „Assignments“ ab.")
        return 0
    written = distribute.release_folders(sem, args.aufgabe)
    print(f"„{args.aufgabe}“ verteilt: {len(written) // 2} Ordner und ZIP-Dateien in {sem.root / 'verteilen'}")
    return 0


def cmd_collect(args: argparse.Namespace) -> int:
    """Collect or import submissions."""
    from kommsocial.seminar import intake
    from kommsocial.seminar.folder import open_seminar

    sem = open_seminar(args.dir)
    if not args.von:
        ids = intake.collect_exchange(sem, args.aufgabe, args.exchange_root)
        print(f"Eingesammelt: {len(ids)} Abgaben in {sem.root / 'submitted'}")
        return 0
    res = intake.import_files(sem, args.aufgabe, args.von)
    print(f"Zugeordnet: {len(res.zugeordnet)} Dateien")
    for rel, pid in res.zugeordnet:
        print(f"  {rel} → {pid}")
    for rel, pid in res.ersetzt:
        print(f"  älter, nicht verwendet (liegt in importe/): {rel} ({pid})")
    if res.nicht_zugeordnet:
        print(f"Nicht zugeordnet: {len(res.nicht_zugeordnet)} Dateien (Kopien in "
              f"{sem.root / 'importe' / args.aufgabe / intake.UNMATCHED}):")
        for rel, reason in res.nicht_zugeordnet:
            print(f"  {rel}: {reason}")
        print("Benennen Sie diese Dateien mit der id der Person und importieren Sie sie erneut.")
    return 1 if res.nicht_zugeordnet else 0


def cmd_grade(args: argparse.Namespace) -> int:
    """Grade in parallel."""
    from kommsocial.seminar.folder import open_seminar
    from kommsocial.seminar.grading import grade

    status = grade(open_seminar(args.dir), args.aufgabe, workers=args.workers, timeout=args.timeout,
                   sandbox=not args.ohne_sandbox)
    counts = {k: sum(1 for s in status.values() if s["status"] == k) for k in ("ok", "fehler", "fehlt")}
    if args.json:
        print(json.dumps({"assignment": args.aufgabe, **counts,
                          "participants": {k: {"status": v["status"], "message": v["message"]}
                                           for k, v in sorted(status.items())}}, ensure_ascii=False))
        return 0
    print(f"Bewertet: {counts['ok']}, nicht bewertbar: {counts['fehler']}, ohne Abgabe: {counts['fehlt']}")
    for sid, st in sorted(status.items()):
        if st["status"] != "ok" or st["message"]:
            print(f"  {sid} [{st['status']}]: {st['message']}")
    return 0


def cmd_feedback(args: argparse.Namespace) -> int:
    """Write feedback pages."""
    from kommsocial.seminar.feedback import write_feedback
    from kommsocial.seminar.folder import open_seminar

    sem = open_seminar(args.dir)
    written = write_feedback(sem, args.aufgabe)
    print(f"Rückmeldungen geschrieben: {len(written)} (in {sem.root / 'feedback'})")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Print the report, draw the plot, optionally write Excel."""
    from kommsocial.seminar import report
    from kommsocial.seminar.folder import open_seminar
    from kommsocial.seminar.results import as_json, collect_results

    sem = open_seminar(args.dir)
    sem.require_assignment(args.aufgabe)
    max_score, results = collect_results(sem, args.aufgabe)
    png = report.plot(sem, args.aufgabe, max_score, results)
    xlsx = report.write_xlsx(args.xlsx, args.aufgabe, results) if args.xlsx else None
    if args.json:
        print(json.dumps(as_json(args.aufgabe, max_score, results), ensure_ascii=False))
        return 0
    print(report.text_table(args.aufgabe, max_score, results))
    print(f"\nGrafik: {png}")
    if xlsx:
        print(f"Excel: {xlsx}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Export grades."""
    from kommsocial.seminar.folder import open_seminar
    from kommsocial.seminar.privacy import export_csv

    path, rows = export_csv(open_seminar(args.dir), args.csv, pseudonymised=args.pseudonymisiert)
    art = "pseudonymisiert" if args.pseudonymisiert else "mit Namen"
    print(f"Export ({art}): {rows} Zeilen in {path}")
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    """Delete one participant."""
    from kommsocial.seminar.folder import open_seminar
    from kommsocial.seminar.privacy import purge

    deleted = purge(open_seminar(args.dir), args.teilnehmer, args.exchange_root)
    print(f"Gelöscht für {args.teilnehmer}:")
    for item in deleted:
        print(f"  {item}")
    return 0


def cmd_selbsttest(args: argparse.Namespace) -> int:
    """Run the participant self-check."""
    from kommsocial.seminar.selbsttest import pruefen

    result = pruefen(args.notebook)
    print(json.dumps(result.as_dict(), ensure_ascii=False) if args.json else result.text())
    return 0 if result.alle_bestanden else 1


def cmd_formate(args: argparse.Namespace) -> int:
    """Check the seminar formats; print the plan or write formate.md."""
    from kommsocial.errors import InputError
    from kommsocial.seminar import formate

    plan = formate.load_formate(args.datei)
    ids = [f.format.id for f in plan.formate]
    if args.format is not None and args.format not in ids:
        raise InputError(f"Das Format „{args.format}“ gibt es nicht.", file=str(plan.pfad),
                         hint="Vorhanden: " + ", ".join(ids) + ".")
    if args.schreiben:
        target = plan.pfad.with_suffix(".md")
        target.write_text(formate.render_markdown(plan), encoding="utf-8")
        print(f"Geschrieben: {target}")
        return 0
    print(formate.render_markdown(plan) if args.markdown else formate.render_text(plan, args.format), end="")
    return 0


def cmd_handouts(args: argparse.Namespace) -> int:
    """Print the module handouts and the trainer guide as PDF."""
    import time

    from kommsocial.seminar import handouts

    start = time.monotonic()
    alles = not args.modul and not args.leitfaden
    auswahl = handouts.waehle_module(handouts.module(), args.modul) if args.modul else None
    if auswahl is None and not alles:
        auswahl = []
    ergebnisse = handouts.baue(Path(args.ausgabe), module_auswahl=auswahl, leitfaden=alles or args.leitfaden,
                               melde=print)
    for e in ergebnisse:
        for url in e.blockiert:
            print(f"  blockiert (kein Netz): {url}")
    anzahl = "1 PDF-Datei" if len(ergebnisse) == 1 else f"{len(ergebnisse)} PDF-Dateien"
    print(f"Fertig: {anzahl} in {args.ausgabe} ({time.monotonic() - start:.1f} s)")
    return 0
