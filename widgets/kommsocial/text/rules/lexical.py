"""Lexicon rules: `amtsdeutsch` (with plain alternatives) and `abkuerzung` (unexplained abbreviations)."""

from __future__ import annotations

import regex

from kommsocial._findings import Finding
from kommsocial._german import datum
from kommsocial.text import lexicon
from kommsocial.text.rules.context import Context

_ACRONYM_RE = regex.compile(r"(?<![\w-])\p{Lu}[\p{Lu}\d]{1,5}(?:\p{Ll}?\p{Lu})?(?![\w-])")


_END_MARKS = (".", "!", "?", "…")


def amtsdeutsch_message(word: str, alternative: str) -> str:
    """The finding text for one hit; ends in exactly one end mark ("Wer macht was?" gets no extra period)."""
    alt = alternative.strip()
    return f"„{word}“ ist Amtsdeutsch. Besser: {alt}" + ("" if alt.endswith(_END_MARKS) else ".")


def _source(ctx: Context) -> str:
    return f"Hausstil {ctx.hausstil.name}" if ctx.hausstil.name else "Hausstil"


def amtsdeutsch(ctx: Context) -> list[Finding]:
    """Warning for each Amtsdeutsch word or Funktionsverbgefüge, with its plain alternative."""
    hs = ctx.hausstil.amtsdeutsch
    own = tuple(hs.zusaetzlich)
    matcher = lexicon.amtsdeutsch_matcher(own, frozenset(w.lower() for w in hs.erlaubt))
    n_own = len(own)
    base = lexicon.amtsdeutsch_file()
    found = []
    for m in matcher.find(ctx.masked):
        entry = matcher.entries[m.entry_index]
        origin = (
            f"eigene Liste ({_source(ctx)})"
            if m.entry_index < n_own
            else f"Amtsdeutsch-Liste KommSocial, Stand {datum(base.stand)}"
        )
        if hs.erlaubt and m.entry_index >= n_own:
            origin += f", ohne erlaubte Wörter des {_source(ctx)}"
        word = ctx.text[m.start : m.end]
        found.append(
            ctx.finding(
                "amtsdeutsch",
                "warnung",
                amtsdeutsch_message(word, entry.alternative),
                m.start,
                m.end,
                suggestion=entry.alternative,
                threshold=origin,
            )
        )
    return found


def abkuerzung(ctx: Context) -> list[Finding]:
    """Warning for listed abbreviations without their long form; hint for unexplained acronyms."""
    hs = ctx.hausstil.abkuerzungen
    own = tuple(hs.zusaetzlich)
    matcher = lexicon.abbreviation_matcher(own, frozenset(hs.erlaubt))
    lex = lexicon.abbreviation_file()
    lower_text = ctx.text.lower()
    found = []
    for m in matcher.find(ctx.masked):
        entry = matcher.entries[m.entry_index]
        longs = [x.strip() for x in entry.lang.split(";")]
        if any(x.lower() in lower_text for x in longs[:1]):
            continue  # explained in the text itself
        origin = (
            f"eigene Liste ({_source(ctx)})"
            if m.entry_index < len(own)
            else f"Abkürzungsliste KommSocial, Stand {datum(lex.stand)}"
        )
        found.append(
            ctx.finding(
                "abkuerzung",
                "warnung",
                f"Die Abkürzung „{ctx.text[m.start:m.end]}“ ist nicht erklärt. Schreiben Sie: „{longs[0]}“.",
                m.start,
                m.end,
                suggestion=" oder ".join(f"„{x}“" for x in longs),
                threshold=origin,
            )
        )
    allowed = {a.lower() for a in lex.akronyme_erlaubt} | {a.lower() for a in hs.erlaubt}
    caps_words = {w.lower() for w in lex.woerter_in_grossbuchstaben}
    seen: set[str] = set()
    for hit in _ACRONYM_RE.finditer(ctx.masked):
        acr = hit.group()
        key = acr.lower()
        if key in allowed or key in caps_words or key in seen or acr.isdigit() or len(acr) < 2:
            continue
        if sum(ch.isupper() for ch in acr) < 2:
            continue
        seen.add(key)
        # explained: "Öffentlicher Nahverkehr (ÖPNV)" or "ÖPNV (Öffentlicher Nahverkehr)"
        if regex.search(rf"\(\s*{regex.escape(acr)}\s*\)|{regex.escape(acr)}\s*\(\s*\p{{L}}", ctx.text):
            continue
        found.append(
            ctx.finding(
                "abkuerzung",
                "hinweis",
                f"Das Kurzwort „{acr}“ kennen vielleicht nicht alle. Schreiben Sie es beim ersten Mal aus.",
                hit.start(),
                hit.end(),
                suggestion=f"Langform und dann „({acr})“, z. B. „Öffentlicher Nahverkehr (ÖPNV)“.",
                threshold="Kurzwörter ohne Erklärung; erlaubte Kurzwörter: Abkürzungsliste"
                + (f" und {_source(ctx)}" if hs.erlaubt else ""),
            )
        )
    return sorted(found, key=lambda f: f.start)
