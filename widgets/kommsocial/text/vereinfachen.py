"""Plain-language rewrites for draft sentences: Amtsdeutsch → the lexicon's alternative, where it fits.

Every rewrite here is narrow on purpose: it only fires where the plain word from amtsdeutsch.yaml
fits the grammar of the sentence as it stands (same case, same gender, same word order). A
sentence that still contains Amtsdeutsch afterwards is not used in a draft at all; the draft
engine drops it rather than guessing. Passive is turned active only where the sentence names
the actor ("Seitens der Stadt wird … empfohlen" → "Die Stadt empfiehlt …") and the verb is in
the small table below; any other passive stays as it is.

`vereinfache(satz, quelle)` returns the new sentence and German notes on what changed.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from kommsocial.text import lexicon

# Nouns with these endings are always feminine: "zwecks Erneuerung" → "für die Erneuerung".
_FEM = r"\p{Lu}[\p{L}-]*(?:ung|heit|keit|ion|ität|schaft)"


def _cap(template: str, original: str) -> str:
    """template with the first letter upper-case if the original word started upper-case."""
    return template[:1].upper() + template[1:] if original[:1].isupper() else template


# (pattern, replacement builder, the lexicon word whose alternative is used, the plain word used)
_Rule = tuple[regex.Pattern[str], Callable[[regex.Match[str]], str], str, str]


def _word(old: str, new: str, lex: str | None = None, plain: str | None = None) -> _Rule:
    """Whole-word swap of an uninflected word (case of the first letter kept).

    lex: the lexicon entry (default: old); plain: the lexicon's alternative word (default: new).
    """
    pat = regex.compile(r"(?<![\p{L}-])" + regex.escape(old) + r"(?![\p{L}-])", regex.IGNORECASE)
    return pat, lambda m: _cap(new, m.group()), lex or old, plain or new


def _fem(prep: str, new: str, plain: str) -> _Rule:
    """"zwecks Erneuerung" → "für die Erneuerung": only before a feminine noun (with its article if any)."""
    pat = regex.compile(r"(?<!\p{L})" + prep + r"\s+(?:der\s+)?(" + _FEM + r")(?!\p{L})", regex.IGNORECASE)
    return pat, lambda m: _cap(new, m.group()) + " " + m.group(1), prep, plain


_RULES: tuple[_Rule, ...] = (
    _fem("zwecks", "für die", "für"),
    _fem("bezüglich", "zur", "zu"),
    _fem("hinsichtlich", "bei der", "bei"),
    # "mittels der BundID", "mittels Kübelspritze": genitive "der"/no article reads the same after "mit"
    (regex.compile(r"(?<!\p{L})[Mm]ittels(?=\s+(?:der\s|einer\s|\p{Lu}))"),
     lambda m: _cap("mit", m.group()), "mittels", "mit"),
    # "gemäß" before its noun (dative both): "Gemäß Beschluss des Rates" → "Nach Beschluss des Rates";
    # not after it ("dem Beschluss gemäß gelten …": "nach" cannot stand there)
    (regex.compile(r"(?<!\p{L})[Gg]emäß(?=\s+(?:\p{Lu}|§|de[mnrs]\s|der\s|die\s|das\s|eine[mr]?\s))"),
     lambda m: _cap("nach", m.group()), "gemäß", "nach"),
    _word("infolge", "wegen"),  # genitive both
    _word("Inanspruchnahme", "Nutzung"),
    _word("Ingebrauchnahme", "Nutzung"),
    _word("Inbetriebnahme", "Eröffnung"),
    _word("Instandsetzung", "Reparatur"),
    _word("Instandhaltung", "Wartung"),
    _word("Inaugenscheinnahme", "Besichtigung"),
    _word("Zurverfügungstellung", "Bereitstellung"),
    _word("Bekanntgabe", "Mitteilung"),
    _word("Verlautbarung", "Mitteilung"),
    _word("Entgegennahme", "Annahme"),
    _word("Aushändigung", "Übergabe"),
    _word("Rückäußerung", "Antwort"),
    _word("Lichtzeichenanlage", "Ampel"),
    _word("Lichtsignalanlage", "Ampel"),
    _word("Wohneinheit", "Wohnung"),
    _word("nunmehr", "jetzt"),
    _word("unverzüglich", "sofort"),
    _word("umgehend", "sofort"),
    _word("alsbald", "bald"),
    _word("des Weiteren", "außerdem"),
    _word("desweiteren", "außerdem", "desweiteren"),
    _word("hierbei", "dabei"),
    _word("hierdurch", "dadurch"),
    _word("zwischenzeitlich", "inzwischen"),
    _word("fristgerecht", "rechtzeitig"),
    _word("selbstredend", "natürlich"),
    _word("mithin", "also"),
    _word("demzufolge", "deshalb"),
    _word("sodann", "dann"),
    _word("alsdann", "dann"),
    _word("seinerzeit", "damals"),
    _word("fernmündlich", "telefonisch"),
    _word("entgegengenommen", "angenommen", "entgegennehmen", "annehmen"),
    _word("in Kenntnis gesetzt", "informiert", "in Kenntnis", "informieren"),
    # "Die Umleitung erfolgt über die Ringstraße": the lexicon asks for an active verb; a detour "führt"
    (regex.compile(r"(?<!\p{L})(Umleitung(?:en)?\s+)(erfolgt|erfolgen)(?=\s+über\s)"),
     lambda m: m.group(1) + ("führt" if m.group(2) == "erfolgt" else "führen"), "erfolgen", "führt"),
)

# "… stehen … zur Verfügung" (lexicon: "es gibt"): main clause → "gibt es", after a conjunction → "es … gibt".
# Only when the subject cannot be a masculine singular (which would need "einen"/"den").
_MASC_HINT = regex.compile(r"(?<!\p{L})(?:der|ein|kein|dieser|jeder)(?!\p{L})", regex.IGNORECASE)
_VERFUEGUNG_MAIN = regex.compile(r"^(?P<vor>[^,]*?\S)\s+(?P<verb>stehen|steht)\s+"
                                 r"(?P<rest>(?:[^,]|,(?=\d))+?)\s+zur\s+Verfügung"
                                 r"(?P<end>[.!?]?)$")
_VERFUEGUNG_SUB = regex.compile(r"(?<!\p{L})(?P<conj>da|weil|wenn|dass|sodass|ob|wo)\s+(?P<rest>[^,.;]+?)\s+zur\s+"
                                r"Verfügung\s+(?:stehen|steht)(?!\p{L})")

# Passive with a named actor ("Seitens der Stadt wird … empfohlen"): participle → (3rd sg, 3rd pl, particle).
_ACTIVE: dict[str, tuple[str, str, str]] = {
    "empfohlen": ("empfiehlt", "empfehlen", ""),
    "gesorgt": ("sorgt", "sorgen", ""),
    "informiert": ("informiert", "informieren", ""),
    "angeboten": ("bietet", "bieten", "an"),
    "gebeten": ("bittet", "bitten", ""),
    "eingerichtet": ("richtet", "richten", "ein"),
    "vorgeschlagen": ("schlägt", "schlagen", "vor"),
    "vorgenommen": ("nimmt", "nehmen", "vor"),
    "ausgeschildert": ("schildert", "schildern", "aus"),
    "geprüft": ("prüft", "prüfen", ""),
    "gesperrt": ("sperrt", "sperren", ""),
    "verlegt": ("verlegt", "verlegen", ""),
    "veranstaltet": ("veranstaltet", "veranstalten", ""),
    "organisiert": ("organisiert", "organisieren", ""),
    "gefördert": ("fördert", "fördern", ""),
    "übernommen": ("übernimmt", "übernehmen", ""),
}
_PLURAL_ENDS = ("werke", "betriebe", "ämter", "vereine", "schulen", "kräfte", "behörden", "innen", "leute")
_GENITIVE_S = ("eins", "ers", "els", "ens", "ums", "ems", "amts", "tums")
_NEUTER_ENDS = ("amt", "system", "team", "land", "büro", "haus", "museum", "zentrum", "gericht", "ministerium",
                "unternehmen", "theater", "werk", "portal", "institut")
# "Seitens der Stadt wird die Nutzung … empfohlen." / "Nach Eingabe … wird seitens des Systems … vorgeschlagen."
_SEITENS = regex.compile(
    r"^(?:(?P<vorfeld>[^,]+?)\s+(?P<aux2>wird|werden|wurde|wurden)\s+)?[Ss]eitens\s+(?P<art>der|des)\s+"
    r"(?P<actor>\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*)?)\s+(?:(?P<aux1>wird|werden|wurde|wurden)\s+)?"
    r"(?P<rest>.*?)\s*(?P<part>\p{Ll}+)(?P<end>[.!?])$"
)
# An accusative that differs from the nominative: the subject of the passive cannot just move.
_NOM_ONLY = regex.compile(r"^(?:der|ein|kein|dieser|jeder|unser|ihr)\s", regex.IGNORECASE)


def _nominative(article: str, actor: str, quelle_words: frozenset[str]) -> tuple[str, bool] | None:
    """"der Stadt" → ("Die Stadt", singular); "des Fördervereins" → ("Der Förderverein", singular).

    The base form must occur in the press release, so no word is invented; None if unsure.
    """
    parts = actor.split()
    head = parts[-1]
    if article.lower() == "der":
        plural = head.lower().endswith(_PLURAL_ENDS)
        return "Die " + actor, plural
    for cut in ("es", "s"):
        base = head[: -len(cut)]
        # the base form as the press release writes it, or a genitive -s after an ending that takes it
        if head.endswith(cut) and (base in quelle_words or (cut == "s" and head.endswith(_GENITIVE_S))):
            art = "Das" if base.lower().endswith(_NEUTER_ENDS) else "Der"
            return art + " " + " ".join([*parts[:-1], base]), False
    return None


def _seitens_active(sentence: str, quelle_words: frozenset[str]) -> str | None:
    m = _SEITENS.match(sentence)
    if m is None:
        return None
    aux = m.group("aux1") or m.group("aux2")
    if aux is None or (m.group("aux1") and m.group("aux2")):
        return None
    who = _nominative(m.group("art"), m.group("actor"), quelle_words)
    if who is None:
        return None
    actor, plural = who
    rest = m.group("rest").strip()
    vorfeld = m.group("vorfeld") or ""
    if _NOM_ONLY.match(rest) or _NOM_ONLY.match(vorfeld) or "," in rest:
        return None
    if aux in ("wurde", "wurden"):
        # past: "Die Anlieger wurden seitens der Stadtwerke informiert" → "Die Stadtwerke haben die Anlieger informiert"
        if not vorfeld or not m.group("part").endswith(("t", "en")):
            return None
        have = "haben" if plural else "hat"
        obj = vorfeld[:1].lower() + vorfeld[1:] if vorfeld.split()[0] in ("Die", "Das", "Eine") else vorfeld
        return " ".join(f"{actor} {have} {obj} {rest} {m.group('part')}".split()) + m.group("end")
    verb = _ACTIVE.get(m.group("part"))
    if verb is None:
        return None
    finite = verb[1] if plural else verb[0]
    particle = (" " + verb[2]) if verb[2] else ""
    if vorfeld and vorfeld.split()[0] in ("Die", "Das", "Eine"):
        # the passive subject becomes the object: "Die Haltestelle wird seitens der Stadt verlegt"
        obj = vorfeld[:1].lower() + vorfeld[1:]
        body = f"{actor} {finite} {obj} {rest}{particle}"
    elif vorfeld:
        body = f"{vorfeld} {finite} {actor[:1].lower() + actor[1:]} {rest}{particle}"
    else:
        body = f"{actor} {finite} {rest}{particle}"
    return " ".join(body.split()) + m.group("end")


def _verfuegung(sentence: str) -> str | None:
    m = _VERFUEGUNG_MAIN.match(sentence)
    if m and not _MASC_HINT.search(m.group("rest")):
        return f"{m.group('vor')} gibt es {m.group('rest')}{m.group('end')}"
    m2 = _VERFUEGUNG_SUB.search(sentence)
    if m2 and not _MASC_HINT.search(m2.group("rest")):
        return sentence[: m2.start()] + f"{m2.group('conj')} es {m2.group('rest')} gibt" + sentence[m2.end():]
    return None


def _check_alternative(lex_word: str, plain: str) -> bool:
    """The plain word must be (part of) the lexicon's alternative for lex_word: no private style rules."""
    for e in lexicon.amtsdeutsch_file().eintraege:
        label = (e.wort or e.gefuege or "").lower()
        if label == lex_word.lower() and (
            plain.lower() in e.alternative.lower() or e.alternative.startswith("aktiv formulieren")
        ):
            return True
    return False


def vereinfache(satz: str, quelle_words: frozenset[str] = frozenset()) -> tuple[str, list[str]]:
    """The sentence with Amtsdeutsch replaced where the plain alternative fits; and what was changed.

    quelle_words: the words of the press release (a passive actor's base form must be one of them).
    """
    notes: list[str] = []
    text = satz
    for pat, build, _lex, _plain in _RULES:
        def repl(m: regex.Match[str], build: Callable[[regex.Match[str]], str] = build) -> str:
            new = build(m)
            notes.append(f"„{m.group()}“ → „{new}“")
            return new

        text = pat.sub(repl, text)
    active = _seitens_active(text, quelle_words)
    if active is not None:
        notes.append(f"Aktiv statt Passiv (Handelnde aus der Pressemitteilung): „{active}“")
        text = active
    new = _verfuegung(text)
    if new is not None:
        notes.append("„zur Verfügung stehen“ → „es gibt“")
        text = new
    return text, notes


def alternatives_ok() -> list[str]:
    """Rules whose plain word is not the lexicon's alternative (a test keeps this empty)."""
    bad = [f"{lex} → {plain}" for _, _, lex, plain in _RULES if not _check_alternative(lex, plain)]
    for v in ("zur Verfügung",):
        if not _check_alternative(v, "es gibt"):
            bad.append(v)
    return bad
