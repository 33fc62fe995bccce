"""Rule `w-fragen`: does a press release answer wer, was, wann and wo?"""

from __future__ import annotations

import regex

from kommsocial._findings import Finding
from kommsocial._german import WEEKDAY_NAMES
from kommsocial.text.rules.context import Context
from kommsocial.text.tokens import MONTHS

_PRESS_RE = regex.compile(r"(?i)\b(?:pressemitteilung|presseinformation|medieninformation|pressestelle)\b")
_WEEKDAYS = "|".join(w.lower() for w in WEEKDAY_NAMES)
WANN_RE = regex.compile(
    r"(?i)(?<!\w)(?:\d{1,2}\.\s?\d{1,2}\.(?:\d{2,4})?|\d{1,2}\.\s?(?:" + MONTHS + r")\b|"
    r"(?:" + MONTHS + r")\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[.:]\d{2}\s*uhr|\d{1,2}\s*uhr|"
    r"(?:" + _WEEKDAYS + r")s?\b|heute|morgen|übermorgen|ab sofort|am wochenende|"
    r"(?:nächste|kommende)[nrm]?\s+woche)"
)
WO_RE = regex.compile(
    # "\w" before the suffix instead of "\w+": same hits, no backtracking over every word
    r"(?i)(?:\b\d{5}\b|(?<=\w)(?:straße|str\.|weg|platz|allee|gasse|ring|damm|ufer|park|halle|haus|"
    r"zentrum|schule|bad|markt|bahnhof|kirche|saal|stadion|bücherei|bibliothek|museum|hof|garten)\b|"
    r"\b(?:rathaus|marktplatz|innenstadt|ortsteil|stadtteil|gelände|online|livestream)\b|"
    r"\b(?:in|im|am|auf dem|auf der|an der|vor dem|vor der|in der)\s+\p{Lu}\w+)"
)
WER_RE = regex.compile(
    r"(?:\b(?:Stadt|Gemeinde|Landkreis|Kreis|Verwaltung|Amt|Feuerwehr|Polizei|Rathaus|Stadtwerke|"
    r"Bürgermeister(?:in)?|Landrat|Landrätin|Oberbürgermeister(?:in)?|Verein|Rat|Stadtrat|Gemeinderat|"
    r"Schule|Kita|Bibliothek|Stadtbücherei|Museum|Team|Pressestelle|Ordnungsamt|Bauamt|Jugendamt)\b|"
    r"\b(?:GmbH|e\.\s?V\.)|\b(?:Herr|Frau|Dr\.)\s+\p{Lu}\w+|\b[Ww]ir\b|\b[Uu]nser[e]?\b)"
)

_QUESTIONS = (
    ("wer", WER_RE, "Wer handelt oder lädt ein? Nennen Sie Organisation oder Person."),
    ("wann", WANN_RE, "Wann? Nennen Sie Datum, Wochentag oder Uhrzeit."),
    ("wo", WO_RE, "Wo? Nennen Sie Ort, Adresse oder Gebäude."),
)


def looks_like_press_release(text: str) -> bool:
    """True if the text calls itself a press release."""
    return bool(_PRESS_RE.search(text))


def w_fragen(ctx: Context) -> list[Finding]:
    """Warning for each of wer/was/wann/wo that the press release leaves open."""
    wanted = ctx.pressemitteilung
    if wanted is None:
        wanted = looks_like_press_release(ctx.text)
    if not wanted or not ctx.sentences:
        return []
    lead = ctx.sentences[0]
    missing: list[tuple[str, str]] = []
    for name, pattern, help_text in _QUESTIONS:
        if not pattern.search(ctx.masked):
            missing.append((name, help_text))
    if not any(len(s.words) >= 4 for s in ctx.sentences):
        missing.insert(1, ("was", "Was passiert? Schreiben Sie einen ganzen Satz zum Anlass."))
    return [
        ctx.finding(
            "w-fragen",
            "warnung",
            f"Die W-Frage „{name}“ bleibt offen. {help_text}",
            lead.start,
            lead.end,
            suggestion="Die wichtigsten W-Fragen gehören in den ersten Satz.",
            threshold="Pressemitteilung beantwortet wer, was, wann, wo (Standard)",
        )
        for name, help_text in missing
    ]
