"""German syllable counter (vowel nuclei with diphthong, loanword and -ien/-ion rules).

Chosen over textstat/pyphen because it is measurably more accurate on
tests/data/text/silben.csv (see tests/test_text_syllables.py): pyphen counts
hyphenation points, and German hyphenation never splits off a single vowel at
the start or end of a word ("Abend", "Idee").
"""

from __future__ import annotations

from functools import lru_cache

import regex

_VOWELS = frozenset("aeiouyäöü")
# Two letters that form one syllable nucleus.
_DIGRAPHS = frozenset({"ei", "ai", "au", "äu", "eu", "ey", "ay", "ie", "aa", "ee", "oo", "ou", "oi"})
# English morphemes with a silent e or a one-vowel digraph, rewritten so the vowel groups count right.
_LOANWORDS = (
    ("online", "onlin"), ("deadline", "dedlin"), ("hotline", "hotlin"), ("timeline", "timlin"),
    ("headline", "hedlin"), ("homepage", "hompag"), ("landingpage", "landingpag"),
    ("homeoffice", "homofis"), ("office", "ofis"), ("website", "websit"), ("update", "updat"),
    ("software", "softwar"), ("hardware", "hardwar"), ("service", "servis"), ("livestream", "livstrim"),
    ("stream", "strim"), ("team", "tim"), ("smartphone", "smartfon"), ("coaching", "coching"),
    ("coach", "coch"), ("management", "managment"),
    ("download", "downlod"), ("upload", "uplod"), ("feature", "fitscha"), ("share", "schar"),
    ("social", "soschl"), ("leader", "lider"), ("youtube", "jutub"), ("facebook", "fesbuk"),
    ("whatsapp", "wotsap"), ("tiktok", "tiktok"), ("like", "lik"), ("live", "liv"), ("home", "hom"),
    ("voice", "vois"), ("image", "imidsch"), ("code", "kod"),
)
_LOAN_RE = regex.compile(
    "|".join(
        # short morphemes only at the start of a word ("Livestream", not "Olive")
        f"^{src}(?=$|s$|[bcdfghjklmnpqrstvwxz])" if len(src) <= 5 else src
        for src, _ in _LOANWORDS
    )
)
_LOAN_MAP = dict(_LOANWORDS)
# Stems whose "-ien" is two syllables also inside compounds (Medien|arbeit, Ferien|wohnung).
_IEN_STEMS = regex.compile(
    r"(?:medi|feri|famili|materiali|lini|studi|seri|prämi|kategori|theori|energi|kopi|strategi|"
    r"batteri|galeri|akademi|industri|technologi|biologi|gremi|kriteri|fossili|initiati)en"
)
_NON_LETTER = regex.compile(r"[^\p{L}]+")
_HYPHEN_RE = regex.compile(r"[-‐]")


def _nuclei(w: str) -> int:
    count = 0
    i = 0
    n = len(w)
    # "be-enden", "ge-eignet": the prefix vowel is its own syllable
    if n > 4 and w[:2] in ("be", "ge") and w[2] == "e" and not w.startswith(("beere", "beet", "geest")):
        count, i = 1, 2
    if w.startswith("koo"):
        count, i = 1, 2
    while i < n:
        ch = w[i]
        if ch not in _VOWELS or (ch == "y" and i == 0 and n > 1 and w[1] in _VOWELS):
            i += 1
            continue
        pair = w[i : i + 2]
        if pair in _DIGRAPHS:
            rest = w[i + 2 :]
            if pair == "ie" and rest == "n" and count > 0:
                count += 2  # Fe-ri-en, Ko-pi-en: final -ien is two syllables
            elif pair == "ee" and rest == "n" and (count > 0 or n <= 4):
                count += 2  # I-de-en, Se-en
            elif pair in ("eu", "äu") and rest in ("m", "ms") and count > 0:
                count += 2  # Mu-se-um, Ju-bi-lä-um
            else:
                count += 1
            i += 2
            continue
        count += 1
        i += 1
    return count


@lru_cache(maxsize=65536)
def count_word(word: str) -> int:
    """Syllables of one German word (hyphenated parts are counted separately)."""
    total = 0
    for part in _HYPHEN_RE.split(word.lower()):
        part = _NON_LETTER.sub("", part)
        if not part:
            continue
        part = part.replace("qu", "kw").replace("schien", "schin")
        part = _LOAN_RE.sub(lambda m: _LOAN_MAP[m.group()], part)
        extra = 0
        for m in _IEN_STEMS.finditer(part):
            if m.end() != len(part):  # the final -ien is already handled in _nuclei
                extra += 1
        total += max(1, _nuclei(part) + extra)
    return total
