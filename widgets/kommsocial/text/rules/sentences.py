"""Sentence-level rules: `satzlaenge`, `lesbarkeit`, `nominalstil`, `passiv`."""

from __future__ import annotations

import regex

from kommsocial._findings import Finding, Severity
from kommsocial.text.readability import flesch_band
from kommsocial.text.rules.context import Context

_NOMINAL_RE = regex.compile(r"(?<!\w)\p{Lu}\p{L}{2,}(?:ung|heit|keit|ion|ität|nis)(?:en|se|sen)?(?![\w-])")
# "Durchführung der Prüfung": a nominal chain that an active verb can replace
_CHAIN_RE = regex.compile(
    r"(?<!\w)(\p{Lu}\p{L}{2,}(?:ung|heit|keit|ion|ität))[^\S\n]+(?:der|des|von|zur|zum)[^\S\n]+"
    r"(?:\p{Ll}+[^\S\n]+)?(\p{Lu}\p{L}{2,}(?:ung|heit|keit|ion|ität)(?:en)?)(?!\w)"
)
_WERDEN = {
    "wird", "werden", "wurde", "wurden", "worden", "werde", "wirst", "werdet", "wurdest", "würde",
    "würden",
}
_WERDEN_RE = regex.compile(r"(?i)(?<!\w)(?:" + "|".join(sorted(_WERDEN, key=len, reverse=True)) + r")(?!\w)")
_CLAUSE_STARTERS = {
    "dass", "weil", "wenn", "ob", "damit", "als", "wobei", "während", "obwohl", "sodass", "bevor", "nachdem",
    "der", "die", "das", "dem", "den", "deren", "dessen", "welche", "welcher", "welches", "wo", "wie", "und",
    "oder", "aber", "sondern", "denn", "doch", "wir", "sie", "er", "es", "ich", "man",
}
_PAST_WERDEN = {"wurde", "wurden", "worden", "wurdest"}
_SEP_PREFIX = (
    "ab|an|auf|aus|bei|ein|fest|frei|her|hin|los|mit|nach|vor|weg|zu|zurück|zusammen|um|durch|"
    "über|unter|dar|bereit|statt|teil|wieder|fort|heraus|hinaus|herunter|vorbei"
)
_PARTICIPLE_GE = regex.compile(rf"(?:{_SEP_PREFIX})?ge\p{{Ll}}{{2,}}(?:t|en)")
_PARTICIPLE_IERT = regex.compile(r"\p{Ll}{3,}iert")
_PARTICIPLE_PREFIX = regex.compile(r"(?:be|er|ver|zer|ent|emp|miss|über|unter|hinter)\p{Ll}{2,}(?:t|en)")
# ge-words that are no participles ("gegen", "gestern") or infinitives ("wird … geben")
_NOT_PARTICIPLE = {
    "gegen", "gesamt", "gerecht", "geben", "gehen", "gelten", "genießen", "gewinnen", "gehören",
    "gestalten", "gewähren", "genehmigen", "gefallen", "geschehen", "gelingen", "gewährleisten",
    "gewöhnen", "gebrauchen", "gedenken", "geraten", "gestatten", "gemeinsam", "genug", "gelegen",
    "besten", "bereit", "ersten", "verletzt", "unten", "hinten", "eben", "erst", "bekannt",
}


def satzlaenge(ctx: Context) -> list[Finding]:
    """Warning above the warn threshold, error above the error threshold (words per sentence)."""
    cfg = ctx.hausstil.satzlaenge
    src = ctx.hausstil.source("satzlaenge")
    found = []
    for s in ctx.sentences:
        n = len(s.words)
        sev: Severity
        if n > cfg.fehler:
            sev, limit = "fehler", cfg.fehler
        elif n > cfg.warnung:
            sev, limit = "warnung", cfg.warnung
        else:
            continue
        found.append(
            ctx.finding(
                "satzlaenge",
                sev,
                f"Dieser Satz hat {n} Wörter. Teilen Sie ihn in kürzere Sätze.",
                s.start,
                s.end,
                suggestion="Eine Aussage je Satz; Nebensätze als eigene Sätze schreiben.",
                threshold=f"max. {limit} Wörter je Satz {src}",
            )
        )
    return found


def lesbarkeit(ctx: Context) -> list[Finding]:
    """Warning when readability is outside the bounds (only for texts of 10 words or more)."""
    r = ctx.readability
    cfg = ctx.hausstil.lesbarkeit
    if r.words < 10:
        return []
    found = []
    end = len(ctx.text)
    if cfg.flesch_min is not None and r.flesch_amstad < cfg.flesch_min:
        found.append(
            ctx.finding(
                "lesbarkeit",
                "warnung",
                f"Der Text ist {flesch_band(r.flesch_amstad)} zu lesen (Flesch-Amstad {r.flesch_amstad:.0f}). "
                "Schreiben Sie kürzere Sätze und kürzere Wörter.",
                0,
                end,
                suggestion="Lange Wörter ersetzen oder mit Bindestrich gliedern; Sätze teilen.",
                threshold=f"Flesch-Amstad mind. {cfg.flesch_min:g} {ctx.hausstil.source('lesbarkeit', 'flesch_min')}"
                + ("" if ctx.hausstil.name else "; WortLiga nennt 45–70 als ideal für Sachtexte"),
            )
        )
    if cfg.wiener_max is not None and r.wiener_sachtextformel > cfg.wiener_max:
        found.append(
            ctx.finding(
                "lesbarkeit",
                "warnung",
                f"Die Wiener Sachtextformel ergibt {r.wiener_sachtextformel:.1f} (etwa Schulstufe). "
                "Vereinfachen Sie Satzbau und Wortwahl.",
                0,
                end,
                suggestion="Weniger Wörter mit drei und mehr Silben, kürzere Sätze.",
                threshold=f"Wiener Sachtextformel höchstens {cfg.wiener_max:g} "
                f"{ctx.hausstil.source('lesbarkeit', 'wiener_max')}",
            )
        )
    return found


def nominalstil(ctx: Context) -> list[Finding]:
    """Warning for sentences dense with abstract nouns, hint for chains like "Durchführung der Prüfung"."""
    limit = ctx.hausstil.nominalstil.max_je_satz
    src = ctx.hausstil.source("nominalstil")
    found = []
    # one pass over the text, then grouped by sentence
    all_nouns = [(m.group(), m.start()) for m in _NOMINAL_RE.finditer(ctx.masked)]
    for s in ctx.sentences:
        nouns = [n for n, pos in all_nouns if s.start <= pos < s.end]
        if len(nouns) > limit:
            liste = ", ".join(f"„{w}“" for w in nouns[:4])
            found.append(
                ctx.finding(
                    "nominalstil",
                    "warnung",
                    f"Nominalstil: {len(nouns)} Hauptwörter auf -ung, -heit, -keit oder -ion in einem Satz "
                    f"({liste}). Verwenden Sie Verben.",
                    s.start,
                    s.end,
                    suggestion="Aus „die Prüfung der Anträge erfolgt“ wird „wir prüfen die Anträge“.",
                    threshold=f"max. {limit} solcher Hauptwörter je Satz {src}",
                )
            )
    for m in _CHAIN_RE.finditer(ctx.masked):
        found.append(
            ctx.finding(
                "nominalstil",
                "hinweis",
                f"„{ctx.text[m.start():m.end()]}“ ist Nominalstil. Ein Verb macht den Satz lebendiger.",
                m.start(),
                m.end(),
                suggestion=f"Mit einem Verb formulieren, z. B. statt „{m.group(1)} der {m.group(2)}“ "
                "ausdrücken, wer was tut.",
                threshold="Hauptwort auf -ung/-heit/-keit/-ion + der/des + Hauptwort (Standard)",
            )
        )
    return sorted(found, key=lambda f: f.start)


def _is_participle(word: str, past: bool) -> bool:
    w = word.lower()
    if w in _NOT_PARTICIPLE or w in _WERDEN:
        return False
    if _PARTICIPLE_GE.fullmatch(w) or _PARTICIPLE_IERT.fullmatch(w):
        return True
    # "wird verschoben" vs. "wird verschieben": -en after be-/ver- only counts after a past form
    if _PARTICIPLE_PREFIX.fullmatch(w):
        return w.endswith("t") or past
    return False


def passiv(ctx: Context) -> list[Finding]:
    """Hint for passive voice: a form of "werden" and a past participle in the same sentence."""
    found = []
    # only sentences with a form of "werden" need the participle search
    positions = [m.start() for m in _WERDEN_RE.finditer(ctx.masked)]
    for s in ctx.sentences:
        if not any(s.start <= p < s.end for p in positions):
            continue
        words = s.words
        for i, w in enumerate(words):
            low = w.text.lower()
            if low not in _WERDEN:
                continue
            past = low in _PAST_WERDEN
            # participle after "werden" ("wurde … geschlossen") or right before it ("geschlossen wird")
            partner = None
            if i > 0 and _is_participle(words[i - 1].text, True):
                partner = words[i - 1]  # "…, weil die Straße gesperrt wird"
            prev_end = w.end
            for p in words[i + 1 : i + 13] if partner is None else ():
                gap = ctx.masked[prev_end : p.start]
                if any(c in gap for c in ";:–()") or ("," in gap and p.text.lower() in _CLAUSE_STARTERS):
                    break  # stay in the clause; a comma before "dass", "weil", "die" … starts a new one
                if p.text.lower() not in _WERDEN and _is_participle(p.text, past):
                    partner = p
                    break
                prev_end = p.end
            if partner is None:
                continue
            start, end = min(w.start, partner.start), max(w.end, partner.end)
            found.append(
                ctx.finding(
                    "passiv",
                    "hinweis",
                    f"Passiv: „{ctx.text[start:end]}“. Sagen Sie, wer handelt.",
                    start,
                    end,
                    suggestion="Aktiv formulieren, z. B. „Die Stadt schließt die Straße“ statt "
                    "„Die Straße wird geschlossen“.",
                    threshold="Form von „werden“ + Partizip II (Standard)",
                )
            )
            break  # one passive finding per sentence is enough
    return found
