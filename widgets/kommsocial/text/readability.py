"""German readability: Flesch reading ease after Amstad and Wiener Sachtextformel (WSTF1).

Formulas from the project's fact sheet:
FRE = 180 − ASL − 58.5 × ASW; WSTF1 = 0.1935·MS + 0.1672·SL + 0.1297·IW − 0.0327·ES − 0.875.
"""

from __future__ import annotations

from collections.abc import Sequence

from kommsocial.text.report import Readability
from kommsocial.text.syllables import count_word
from kommsocial.text.tokens import Sentence


def readability(sentences: Sequence[Sentence]) -> Readability:
    """Readability figures from already tokenised sentences (no words → all zero)."""
    words = [w.text for s in sentences for w in s.words]
    n_words = len(words)
    n_sent = len(sentences)
    if not n_words:
        return Readability(flesch_amstad=0.0, wiener_sachtextformel=0.0, words=0, sentences=0)
    syll = [count_word(w) for w in words]
    asl = n_words / n_sent
    asw = sum(syll) / n_words
    fre = 180 - asl - 58.5 * asw
    ms = 100 * sum(1 for s in syll if s >= 3) / n_words
    iw = 100 * sum(1 for w in words if len(w) > 6) / n_words
    es = 100 * sum(1 for s in syll if s == 1) / n_words
    wstf = 0.1935 * ms + 0.1672 * asl + 0.1297 * iw - 0.0327 * es - 0.875
    return Readability(
        flesch_amstad=round(fre, 1),
        wiener_sachtextformel=round(wstf, 1),
        words=n_words,
        sentences=n_sent,
    )


def flesch_band(fre: float) -> str:
    """German label of a Flesch-Amstad value (bands from the fact sheet)."""
    bands = ((30, "sehr schwer"), (50, "schwer"), (60, "mittelschwer"), (70, "mittel"),
             (80, "mittelleicht"), (90, "leicht"))
    for upper, label in bands:
        if fre < upper:
            return label
    return "sehr leicht"
