"""Sub-commands of the plan room: `kommsocial plan pruefen|export|merge`."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from kommsocial import _argparse_de
from kommsocial._german import plural
from kommsocial.errors import InputError

_SEV = {"fehler": "Fehler", "warnung": "Warnung", "hinweis": "Hinweis"}


def _wahltag(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"„{text}“ ist kein Datum; schreiben Sie es wie 2027-09-12") from None


def _common(p: argparse.ArgumentParser) -> None:
    from kommsocial.plan.settings import LAENDER

    p.add_argument("--land", default=None, type=str.upper, choices=LAENDER, metavar="LAND",
                   help="Bundesland für Feiertage, z. B. NI, NW, BY (Voreinstellung: NI)")
    p.add_argument("--wahltag", type=_wahltag, metavar="JJJJ-MM-TT",
                   help="Wahltag: prüft Leistungsberichte in den Wochen davor (Vorwahlzeit)")
    p.add_argument("--hausregel", metavar="YAML", help="eigene Schwellen (YAML), überschreibt die Voreinstellungen")


def register(sub: argparse._SubParsersAction) -> None:
    """Add `kommsocial plan ...` to the `kommsocial` parser."""
    plan = sub.add_parser("plan", help="Redaktionsplan prüfen, exportieren, zusammenführen",
                          description="Redaktionsplan (CSV oder Excel) prüfen, exportieren und zusammenführen.")
    psub = _argparse_de.subcommands(plan)

    check = _argparse_de.command(psub, "pruefen", english="check",
        help="Plan prüfen (Lücken, Feiertage, Nachtruhe, Vorwahlzeit …)",
        description="Prüft einen Redaktionsplan. Exit-Code: 0 ohne Fehler, 1 mit Fehlern, 2 unbrauchbare Datei.\n"
                    "Spalten: Datum;Uhrzeit;Kanal;Thema;Format;Verantwortlich;Status;Kampagne;"
                    "Pressemitteilung;Kategorie (Datum, Kanal, Thema sind Pflicht).")
    check.add_argument("datei", metavar="DATEI", help="Plan als CSV oder .xlsx")
    _common(check)
    check.add_argument("--json", action="store_true", help="Ergebnis als ein JSON-Objekt ausgeben")
    check.set_defaults(func=cmd_check)

    export = _argparse_de.command(psub, "exportieren", english="export",
        help="Plan als Excel, Kalender (ICS) oder CSV speichern",
                             description="Exportiert den Plan. Mindestens eines von --xlsx, --ics, --csv angeben.")
    export.add_argument("datei", metavar="DATEI", help="Plan als CSV oder .xlsx")
    export.add_argument("--xlsx", metavar="DATEI", help="Excel-Datei mit Blatt „Hinweise“")
    export.add_argument("--ics", metavar="DATEI", help="Kalenderdatei (iCalendar) für Outlook & Co.")
    export.add_argument("--csv", metavar="DATEI", help="CSV für Excel (Semikolon, UTF-8)")
    _common(export)
    export.set_defaults(func=cmd_export)

    merge = _argparse_de.command(psub, "zusammenfuehren", english="merge",
        help="Pläne mehrerer Kommunen zusammenführen (gemeinsame Kampagne)",
        description="Führt Pläne mehrerer Kommunen zusammen und zeigt Überschneidungen (gleicher Tag und "
                    "gleicher Kanal oder gleiches Thema). Der Dateiname gilt als Name der Kommune.")
    merge.add_argument("dateien", metavar="DATEI", nargs="+", help="zwei oder mehr Pläne")
    merge.add_argument("--ausgabe", metavar="DATEI", required=True, help="Ergebnis: .csv, .xlsx oder .ics")
    merge.add_argument("--json", action="store_true", help="Überschneidungen als ein JSON-Objekt ausgeben")
    merge.set_defaults(func=cmd_merge)


def _settings(args: argparse.Namespace):
    from kommsocial.plan.settings import load_settings

    return load_settings(args.hausregel)


def _print_findings(findings) -> None:
    from kommsocial.plan.checks import RULE_LABELS

    for f in findings:
        print(f"Zeile {f.row:>4}  {_SEV[f.severity]:<8} {RULE_LABELS.get(f.rule, f.rule)}: {f.message}")
        if f.threshold:
            print(f"             Schwelle: {f.threshold}")


def cmd_check(args: argparse.Namespace) -> int:
    """`kommsocial plan pruefen`: print findings; exit 1 when a fehler was found."""
    from kommsocial.plan import check_plan, read_plan

    settings = _settings(args)
    plan = read_plan(args.datei)
    findings = check_plan(plan, land=args.land, wahltag=args.wahltag, settings=settings)
    if args.json:
        print(json.dumps({
            "rows": plan.rows,
            "findings": [{"row": f.row, "rule": f.rule, "severity": f.severity, "message": f.message}
                         for f in findings],
        }, ensure_ascii=False))
    else:
        counts = {s: sum(f.severity == s for f in findings) for s in _SEV}
        def n(k: int, one: str, many: str) -> str:
            return f"{k} {plural(k, one, many)}"

        print(f"Plan {args.datei}: {n(plan.rows, 'Zeile', 'Zeilen')}, {n(len(plan.posts), 'Beitrag', 'Beiträge')} – "
              f"{counts['fehler']} Fehler, {n(counts['warnung'], 'Warnung', 'Warnungen')}, "
              f"{n(counts['hinweis'], 'Hinweis', 'Hinweise')}.")
        _print_findings(findings)
        if not findings:
            print("Keine Auffälligkeiten gefunden.")
    return 1 if any(f.severity == "fehler" for f in findings) else 0


def cmd_export(args: argparse.Namespace) -> int:
    """`kommsocial plan exportieren`: write the requested formats."""
    from kommsocial.plan import check_plan, read_plan
    from kommsocial.plan.export import write_csv, write_ics, write_xlsx

    if not (args.xlsx or args.ics or args.csv):
        raise InputError("Kein Ausgabeformat angegeben.",
                         hint="Geben Sie --xlsx DATEI, --ics DATEI oder --csv DATEI an.")
    settings = _settings(args)
    plan = read_plan(args.datei)
    src = Path(args.datei).resolve()
    for target in (args.xlsx, args.ics, args.csv):
        if target and Path(target).resolve() == src:
            raise InputError("Die Ausgabe würde die Eingabedatei überschreiben.", file=target,
                             hint="Wählen Sie einen anderen Dateinamen.")
    if args.xlsx:
        findings = check_plan(plan, land=args.land, wahltag=args.wahltag, settings=settings)
        saved = write_xlsx(plan, args.xlsx, findings)
        print(f"Excel gespeichert: {saved} ({len(findings)} Hinweise im Blatt „Hinweise“)")
    if args.ics:
        print(f"Kalender gespeichert: {write_ics(plan, args.ics)} ({len(plan.posts)} Termine)")
    if args.csv:
        print(f"CSV gespeichert: {write_csv(plan, args.csv)}")
    if plan.problems:
        n = len(plan.problems)
        print(f"Achtung: {n} {plural(n, 'Zeile mit Fehlern wurde', 'Zeilen mit Fehlern wurden')} nicht oder "
              "unvollständig übernommen; "
              f"prüfen Sie sie mit: kommsocial plan pruefen {args.datei}")
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    """`kommsocial plan zusammenfuehren`: merge plans, report overlaps, write the result."""
    from kommsocial.plan.export import write_csv, write_ics, write_xlsx
    from kommsocial.plan.merge import merge_files

    if len(args.dateien) < 2:
        raise InputError("Zum Zusammenführen braucht es mindestens zwei Pläne.",
                         hint="Geben Sie zwei oder mehr Dateien an.")
    out = Path(args.ausgabe)
    if out.resolve() in {Path(d).resolve() for d in args.dateien}:
        raise InputError("Die Ausgabe würde eine Eingabedatei überschreiben.", file=str(out),
                         hint="Wählen Sie einen anderen Dateinamen.")
    suffix = out.suffix.lower()
    if suffix not in {".csv", ".xlsx", ".ics"}:
        raise InputError("Unbekanntes Ausgabeformat.", file=str(out), hint="Verwenden Sie .csv, .xlsx oder .ics.")
    result = merge_files(args.dateien)
    overlap_findings = [o.to_finding() for o in result.overlaps]
    if suffix == ".xlsx":
        write_xlsx(result.plan, out, [*result.plan.problems, *overlap_findings])
    elif suffix == ".ics":
        write_ics(result.plan, out)
    else:
        write_csv(result.plan, out)
    if args.json:
        print(json.dumps({
            "rows": len(result.plan.posts),
            "overlaps": [{"datum": o.datum.isoformat(), "art": o.kind, "wert": o.value,
                          "kommunen": o.municipalities, "message": o.message()} for o in result.overlaps],
        }, ensure_ascii=False))
    else:
        print(f"Zusammengeführt: {len(result.plan.posts)} Beiträge aus {len(args.dateien)} Plänen → {out}")
        print(f"{len(result.overlaps)} {plural(len(result.overlaps), 'Überschneidung', 'Überschneidungen')}:")
        for o in result.overlaps:
            print(f"  – {o.message()}")
    return 0
