"""Sub-commands of the text room: `kommsocial pruefen` (and `kommsocial entwurf`)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kommsocial import _argparse_de
from kommsocial._german import decimal, plural, thousands
from kommsocial._io import MAX_TEXT_BYTES, read_draft, read_draft_bytes
from kommsocial.errors import InputError
from kommsocial.text.report import Finding, Report

_SEVERITY_LABEL = {"fehler": "FEHLER ", "warnung": "WARNUNG", "hinweis": "HINWEIS"}


def _read_text(source: str) -> str:
    """Text from a file or stdin ("-"); unusable input raises InputError."""
    if source == "-":
        if sys.stdin is None or sys.stdin.isatty():
            raise InputError(
                "Kein Text angegeben.",
                hint="Nennen Sie eine Datei oder leiten Sie Text ein, z. B. "
                "„echo 'Text' | kommsocial pruefen - --platform x“.",
            )
        data = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
        text = read_draft_bytes(data, "(Standardeingabe)")
        name = "(Standardeingabe)"
    else:
        if not Path(source).is_file():
            raise InputError("Die Datei wurde nicht gefunden.", file=source, hint="Prüfen Sie den Pfad.")
        text = read_draft(source)
        name = source
    if not text.strip():
        raise InputError("Der Text ist leer.", file=name, hint="Geben Sie den Beitrag ein, den Sie prüfen möchten.")
    return text.rstrip("\r\n")


def _excerpt(text: str, f: Finding, width: int = 50) -> str:
    part = text[f.start : f.end].replace("\n", " ")
    return part if len(part) <= width else part[: width - 1] + "…"


def _n(n: int, one: str, many: str) -> str:
    """„1 Satz“, „2 Sätze“."""
    return f"{thousands(n)} {plural(n, one, many)}"


def render(report: Report) -> str:
    """Readable German summary for the terminal (plain text, safe to pipe)."""
    from kommsocial import platforms
    from kommsocial.text.readability import flesch_band

    p = platforms.get(report.platform)
    ln, rd = report.length, report.readability
    state = "passt" if ln.counted <= ln.limit else f"{ln.counted - ln.limit} zu viel"
    counts = {s: len(report.by_severity(s)) for s in ("fehler", "warnung", "hinweis")}
    ampel = {"rot": "Rot", "gelb": "Gelb", "gruen": "Grün"}[report.traffic_light]
    lines = [
        f"Prüfung für {p.name}: {thousands(ln.counted)} von {thousands(ln.limit)} {ln.unit} ({state})",
        f"Lesbarkeit: Flesch-Amstad {decimal(rd.flesch_amstad, 1)} ({flesch_band(rd.flesch_amstad)}), "
        f"Wiener Sachtextformel {decimal(rd.wiener_sachtextformel, 1)}, {_n(rd.words, 'Wort', 'Wörter')}, "
        f"{_n(rd.sentences, 'Satz', 'Sätze')}",
        f"Ampel: {ampel} – {counts['fehler']} Fehler, {_n(counts['warnung'], 'Warnung', 'Warnungen')}, "
        f"{_n(counts['hinweis'], 'Hinweis', 'Hinweise')}",
    ]
    for f in report.findings:  # positions as a person counts them: the first character is 1
        where = f"Zeichen {f.start + 1}–{f.end}: „{_excerpt(report.text, f)}“" if f.end > f.start else "Bild/Alt-Text"
        lines += ["", f"{_SEVERITY_LABEL[f.severity]}  {f.rule}  {where}", f"         {f.message}"]
        if f.suggestion:
            lines.append(f"         Vorschlag: {f.suggestion}")
        if f.threshold:
            lines.append(f"         Maßstab: {f.threshold}")
    if not report.findings:
        lines += ["", "Keine Auffälligkeiten gefunden."]
    return "\n".join(lines)


def run_check(args: argparse.Namespace) -> int:
    """Handler of `kommsocial pruefen`: exit 0 without errors, 1 with at least one "fehler"."""
    from kommsocial.text.engine import analyze
    from kommsocial.text.hausstil import load

    text = _read_text(args.datei)
    style = load(args.hausstil) if args.hausstil else None
    # "--platform x,instagram" and a repeated --platform check every one named, each once, in order.
    platform_ids = list(dict.fromkeys(p.strip() for value in args.platform for p in value.split(",") if p.strip()))
    reports = [
        analyze(
            text,
            platform=platform_id,
            alt_text=args.alt_text,
            image=args.bild or args.alt_text is not None,
            hausstil=style,
            pressemitteilung=True if args.pressemitteilung else None,
        )
        for platform_id in platform_ids
    ]
    if args.json:
        data = reports[0].to_dict() if len(reports) == 1 else {"berichte": [r.to_dict() for r in reports]}
        print(json.dumps(data, ensure_ascii=False))
    else:
        print("\n\n".join(render(r) for r in reports))
    return 1 if any(r.has_errors for r in reports) else 0


def run_draft(args: argparse.Namespace) -> int:
    """Handler of `kommsocial entwurf`: starting drafts per platform from a press release."""
    from kommsocial.text.geruest import entwuerfe

    text = _read_text(args.datei)
    ids = [p.strip() for p in args.platform.split(",") if p.strip()]
    drafts = entwuerfe(text, ids)
    if args.json:
        print(json.dumps({"entwuerfe": [d.to_dict() for d in drafts]}, ensure_ascii=False))
        return 0
    for d in drafts:
        print(f"== {d.platform}: {d.counted} von {d.limit} {d.unit}")
        print(d.text)
        for h in d.hinweise:
            print(f"   Hinweis: {h}")
        print()
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add this room's sub-commands to the `kommsocial` parser."""
    check = _argparse_de.command(sub, "pruefen", english="check",
        help="Beitrag prüfen: Länge, Lesbarkeit, Amtsdeutsch, Hashtags, Alt-Text",
        description="Prüft einen Beitrag für eine Plattform. Exit-Code 0: keine Fehler, "
        "1: mindestens ein Fehler, 2: Eingabe nicht nutzbar.",
    )
    check.add_argument("datei", nargs="?", default="-", metavar="DATEI",
                       help="Textdatei (UTF-8) oder „-“ für die Standardeingabe (Vorgabe)")
    check.add_argument("--platform", "--plattform", required=True, metavar="P", action="append",
                       help="Plattform: x, bluesky, mastodon, threads, instagram, facebook, linkedin, tiktok; "
                            "mehrere mit Komma (x,instagram) oder mehrfach angeben")
    check.add_argument("--bild", action="store_true", help="der Beitrag hat ein Bild (Alt-Text wird geprüft)")
    check.add_argument("--alt-text", dest="alt_text", metavar="TEXT", help="Alternativtext des Bildes")
    check.add_argument("--hausstil", metavar="DATEI", help="Hausstil-Datei (YAML) mit eigenen Schwellen und Wortlisten")
    check.add_argument("--pressemitteilung", action="store_true",
                       help="W-Fragen (wer, was, wann, wo) wie bei einer Pressemitteilung prüfen")
    check.add_argument("--json", action="store_true", help="Ergebnis als ein JSON-Objekt ausgeben")
    check.set_defaults(func=run_check)

    draft = sub.add_parser(
        "entwurf",
        help="Gerüst-Vorschlag: Entwürfe je Plattform aus einer Pressemitteilung",
        description="Baut aus einer Pressemitteilung erste Entwürfe, die in die Zeichengrenze passen. "
        "Ein Entwurf ist ein Startpunkt – bitte prüfen und anpassen.",
    )
    draft.add_argument("datei", nargs="?", default="-", metavar="DATEI",
                       help="Pressemitteilung als Textdatei (UTF-8) oder „-“ für die Standardeingabe")
    draft.add_argument("--platform", "--plattform", default="x,bluesky,mastodon,instagram", metavar="LISTE",
                       help="Plattformen, durch Komma getrennt (Vorgabe: x,bluesky,mastodon,instagram)")
    draft.add_argument("--json", action="store_true", help="Ergebnis als ein JSON-Objekt ausgeben")
    draft.set_defaults(func=run_draft)
