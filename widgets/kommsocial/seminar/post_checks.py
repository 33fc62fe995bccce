"""German nbgrader assertion helpers for social-media posts, built on `kommsocial.text.analyze`.

Every helper raises `kommsocial.seminar.checks.Hinweis` with a message that says what to
change, e.g. "Ihr Beitrag ist 312 Zeichen lang, X erlaubt 280. Kürzen Sie um 32 Zeichen."

Example in a test cell::

    from kommsocial.seminar.post_checks import pruefe_post
    pruefe_post(beitrag, "x", pflichtangaben=["21.11.", "Marktplatz"], max_hashtags=2)
"""

from __future__ import annotations

from collections.abc import Iterable

from kommsocial import platforms
from kommsocial._german import plural
from kommsocial.seminar.checks import Hinweis, pruefe_typ
from kommsocial.text.engine import analyze
from kommsocial.text.report import Report


def _text(text: object, name: str) -> str:
    pruefe_typ(text, str, name)
    assert isinstance(text, str)
    if not text.strip():
        raise Hinweis(f"„{name}“ ist noch leer. Bitte schreiben Sie Ihren Beitrag.")
    return text


def _report(text: str, platform: str) -> Report:
    return analyze(text, platform=platform)


def pruefe_laenge(text: object, platform: str, *, name: str = "Ihr Beitrag") -> None:
    """Fail if the post is longer than the platform allows (counted the platform's way)."""
    t = _text(text, name)
    p = platforms.get(platform)
    n = platforms.counted_length(t, p)
    if n > p.limit:
        raise Hinweis(
            f"{name} ist {n} {p.einheit} lang, {p.name} erlaubt {p.limit}. "
            f"Kürzen Sie um {n - p.limit} {p.einheit}."
        )


def pruefe_hashtags(text: object, platform: str, *, max_hashtags: int | None = None, name: str = "Ihr Beitrag") -> None:
    """Fail above the platform's (or the given) hashtag limit and for lower-case multi-word hashtags."""
    t = _text(text, name)
    p = platforms.get(platform)
    tags = platforms.find_hashtags(t)
    limits = [x for x in (p.hashtag_limit, max_hashtags) if x is not None]
    if limits and len(tags) > min(limits):
        limit = min(limits)
        who = f"{p.name} erlaubt" if limit == p.hashtag_limit else "Die Aufgabe erlaubt"
        raise Hinweis(
            f"{name} hat {len(tags)} Hashtags. {who} höchstens {limit}. "
            f"Entfernen Sie {len(tags) - limit} {plural(len(tags) - limit, 'Hashtag', 'Hashtags')}."
        )
    bad = [f for f in analyze(t, platform=platform).findings if f.rule == "hashtag-schreibweise"]
    if bad:
        raise Hinweis(f"{name}: {bad[0].message}")


def pruefe_lesbarkeit(text: object, *, flesch_min: float, name: str = "Ihr Beitrag",
                      platform: str = "facebook") -> None:
    """Fail if the Flesch-Amstad value is below `flesch_min`."""
    t = _text(text, name)
    r = _report(t, platform).readability
    if r.flesch_amstad < flesch_min:
        raise Hinweis(
            f"{name} ist noch zu schwer zu lesen: Flesch-Amstad {r.flesch_amstad:.0f}, gefordert sind "
            f"mindestens {flesch_min:g}. Schreiben Sie kürzere Sätze und kürzere Wörter."
        )


def pruefe_ohne_amtsdeutsch(text: object, *, name: str = "Ihr Beitrag", platform: str = "facebook") -> None:
    """Fail if the text contains Amtsdeutsch; names the words and their plain alternatives."""
    t = _text(text, name)
    hits = [f for f in _report(t, platform).findings if f.rule == "amtsdeutsch"]
    if hits:
        liste = "; ".join(f"„{t[f.start:f.end]}“ → {f.suggestion}" for f in hits[:3])
        mehr = f" (und {len(hits) - 3} weitere)" if len(hits) > 3 else ""
        raise Hinweis(f"{name} enthält Amtsdeutsch: {liste}{mehr}. Ersetzen Sie diese Wörter.")


def pruefe_satzlaenge(text: object, *, max_woerter: int, name: str = "Ihr Beitrag", platform: str = "facebook") -> None:
    """Fail if a sentence has more than `max_woerter` words."""
    from kommsocial.text.tokens import sentences

    t = _text(text, name)
    for s in sentences(t):
        if len(s.words) > max_woerter:
            anfang = " ".join(w.text for w in s.words[:5])
            raise Hinweis(
                f"Ein Satz hat {len(s.words)} Wörter ({name}; erlaubt sind {max_woerter}). "
                f"Teilen Sie den Satz, der mit „{anfang} …“ beginnt."
            )


def pruefe_pflichtangaben(text: object, pflichtangaben: Iterable[str], *, name: str = "Ihr Beitrag") -> None:
    """Fail if required details (date, place, link …) are missing (case-insensitive)."""
    t = _text(text, name)
    fehlend = [a for a in pflichtangaben if a.lower() not in t.lower()]
    if fehlend:
        liste = ", ".join(f"„{a}“" for a in fehlend)
        raise Hinweis(f"Es fehlt noch: {liste} ({name}). Bitte ergänzen Sie diese Angaben.")


def pruefe_post(
    text: object,
    platform: str,
    *,
    pflichtangaben: Iterable[str] = (),
    max_hashtags: int | None = None,
    flesch_min: float | None = None,
    ohne_amtsdeutsch: bool = True,
    max_satzlaenge: int | None = None,
    name: str = "Ihr Beitrag",
) -> None:
    """All post checks at once; the first problem found is reported."""
    _text(text, name)
    pruefe_laenge(text, platform, name=name)
    pruefe_pflichtangaben(text, pflichtangaben, name=name)
    pruefe_hashtags(text, platform, max_hashtags=max_hashtags, name=name)
    if ohne_amtsdeutsch:
        pruefe_ohne_amtsdeutsch(text, name=name, platform=platform)
    if max_satzlaenge is not None:
        pruefe_satzlaenge(text, max_woerter=max_satzlaenge, name=name, platform=platform)
    if flesch_min is not None:
        pruefe_lesbarkeit(text, flesch_min=flesch_min, name=name, platform=platform)
