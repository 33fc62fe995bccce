"""Text checks used by the crisis scoring: numbers, negation, rumours, tone and readability."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, ConfigDict

from kommsocial import _german
from kommsocial._data import load_model, package_file

# Number words that state a count, as numerals; ein/eine/eins are left out (too common as articles), and so
# is "null" ("Stunde null", "null Toleranz" state no figure).
NUMBER_WORDS = {w: str(v) for w, v in (_german.NUMBER_WORDS | _german.VAGUE_COUNTS).items()
                if w not in _german.ARTICLE_LIKE and w != "null"}
_NUMBER = re.compile(
    r"(?<![\w:.,/-])(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)(?![\w:]|[.,]\d)(?!\s*(?:uhr|h\b))",
    re.IGNORECASE,
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
_WORD = re.compile(r"\b(" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
NEGATION = re.compile(
    r"\b(nicht|kein\w*|falsch\w*|gerücht\w*|unzutreffend|nein|dementier\w*|entbehr\w*|"
    r"unwahr|stimmt so nicht|widerleg\w*|gefälscht\w*|fälschung\w*|fake\w*|erfunden\w*)\b",
    re.IGNORECASE,
)
_CAPS_WORD = re.compile(r"\b[A-ZÄÖÜ]{4,}\b")


def contains(text: str, term: str) -> bool:
    """Case-insensitive substring test (German umlauts included)."""
    return term.casefold() in text.casefold()


def sentences(text: str) -> list[str]:
    """Rough sentence split on end punctuation and line breaks."""
    return [s for s in _SENTENCE.split(text) if s.strip()]


def numbers(text: str) -> set[str]:
    """Counts stated in a text as numerals ("zwei" → "2"); times of day are ignored."""
    return set(_numbers(text))


@lru_cache(maxsize=8192)
def _numbers(text: str) -> frozenset[str]:
    cleaned = _TIME.sub(" ", text)
    found = {m.group(1).replace(".", "") for m in _NUMBER.finditer(cleaned)}
    found |= {NUMBER_WORDS[m.group(1).lower()] for m in _WORD.finditer(cleaned)}
    return frozenset(found)


# Emergency and service numbers are facts everybody may state (Notruf, Polizei, Behördennummer, Bereitschaftsdienst).
SERVICE_NUMBERS = frozenset({"110", "112", "115", "116117"})


def unconfirmed_numbers(text: str, confirmed: set[str]) -> list[str]:
    """Numbers in the text that no confirmed source has stated (sorted); service numbers never count."""
    return sorted(numbers(text) - confirmed - SERVICE_NUMBERS, key=lambda n: (len(n), n))


def mentions(sentence: str, keyword: str) -> bool:
    """True if the sentence contains the keyword; "A + B" needs all parts in the sentence."""
    return all(contains(sentence, part.strip()) for part in keyword.split("+") if part.strip())


def repeats_rumour(text: str, keywords: list[str]) -> str | None:
    """The sentence that repeats a rumour keyword without negating or correcting it, if any."""
    for sentence in sentences(text):
        if any(mentions(sentence, k) for k in keywords) and not NEGATION.search(sentence):
            return sentence.strip()
    return None


def corrects_rumour(text: str, keywords: list[str]) -> bool:
    """True if a sentence names the rumour and negates or corrects it."""
    return any(
        any(mentions(s, k) for k in keywords) and NEGATION.search(s) for s in sentences(text)
    )


def term_hits(text: str, terms: list[str], *, skip_negated: bool) -> list[str]:
    """Terms found in the text; with skip_negated, sentences with a negation do not count."""
    hits = []
    for sentence in sentences(text):
        if skip_negated and NEGATION.search(sentence):
            continue
        hits += [t for t in terms if contains(sentence, t)]
    return hits


class ToneLexicon(BaseModel):
    """Word lists for the tone score (package data ton.yaml)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    stand: dt.date
    quelle: str
    beleidigung: list[str]
    sarkasmus: list[str]
    schuldzuweisung: list[str]
    empathie: list[str]
    abkuerzungen: list[str]


@lru_cache(maxsize=1)
def lexicon() -> ToneLexicon:
    """The tone lexicon shipped with the package."""
    return load_model(ToneLexicon, package_file("kommsocial.crisis", "ton.yaml"))


@dataclass(frozen=True)
class ToneIssue:
    """One tone problem in an own text."""

    kind: str  # beleidigung, sarkasmus, schuldzuweisung, grossbuchstaben, ausrufezeichen
    detail: str
    penalty: int


def _word_hit(text: str, term: str) -> bool:
    # Word-start match so that "dumm" does not hit inside unrelated compounds at the end.
    if not term[:1].isalnum():
        return term in text
    return re.search(r"(?<![\wäöüß])" + re.escape(term.casefold()), text.casefold()) is not None


def tone_issues(text: str) -> list[ToneIssue]:
    """Insults, sarcasm, blame, shouting in capitals and piled-up exclamation marks."""
    return list(_tone_issues(text))


@lru_cache(maxsize=4096)
def _tone_issues(text: str) -> tuple[ToneIssue, ...]:
    lex = lexicon()
    issues = [ToneIssue("beleidigung", t, 50) for t in lex.beleidigung if _word_hit(text, t)]
    issues += [ToneIssue("sarkasmus", t, 30) for t in lex.sarkasmus if _word_hit(text, t)]
    issues += [ToneIssue("schuldzuweisung", t, 30) for t in lex.schuldzuweisung if _word_hit(text, t)]
    allowed = {a.upper() for a in lex.abkuerzungen}
    shouted = [w for w in _CAPS_WORD.findall(text) if w.upper() not in allowed]
    issues += [ToneIssue("grossbuchstaben", w, 15) for w in shouted[:2]]
    if re.search(r"[!?]{2,}", text):
        issues.append(ToneIssue("ausrufezeichen", "!!", 10))
    return tuple(issues)


def has_empathy(text: str) -> bool:
    """True if the text contains an empathy phrase from the lexicon."""
    return any(contains(text, t) for t in lexicon().empathie)


@dataclass(frozen=True)
class Readability:
    """Readability of one own text, as used for the verstaendlichkeit score."""

    score: int  # 0..100
    flesch_amstad: float
    notes: tuple[str, ...]


def _text_engine():
    try:
        from kommsocial.text import analyze  # built by the text room; optional until it lands
    except ImportError:
        return None
    return analyze


def _fallback_flesch(text: str) -> float:
    """Flesch reading ease after Amstad (used only if the text engine is not available)."""
    import pyphen

    dic = pyphen.Pyphen(lang="de_DE")
    words = re.findall(r"[A-Za-zÄÖÜäöüß]+", text)
    if not words:
        return 100.0
    syllables = sum(max(1, len(dic.positions(w)) + 1) for w in words)
    n_sent = max(1, len([s for s in re.split(r"[.!?]+", text) if s.strip()]))
    return 180 - len(words) / n_sent - 58.5 * syllables / len(words)


@lru_cache(maxsize=4096)
def readability(text: str, platform: str = "facebook") -> Readability:
    """Score 0..100 from Flesch-Amstad (≥ 65 full marks) minus Amtsdeutsch and long sentences."""
    analyze = _text_engine()
    notes: list[str] = []
    penalty = 0
    if analyze is not None:
        report = analyze(text, platform)
        fa = float(report.readability.flesch_amstad)
        for finding in report.findings:
            if finding.rule == "amtsdeutsch":
                penalty += 10
                notes.append(f"Amtsdeutsch: „{text[finding.start:finding.end]}“")
            elif finding.rule == "satzlaenge":
                penalty += 5
                notes.append("langer Satz")
    else:
        fa = _fallback_flesch(text)
    # Flesch-Amstad 65+ reads easily for a broad public; 25 and below is academic prose.
    base = max(0.0, min(100.0, (fa - 25) / 40 * 100))
    if fa < 45:
        notes.append(f"schwer lesbar (Flesch-Amstad {fa:.0f})")
    return Readability(max(0, round(base) - min(penalty, 40)), round(fa, 1), tuple(notes))
