"""German assertion helpers for nbgrader tests.

A failing test must tell the participant what to change, never a bare
``AssertionError``. Every helper raises ``AssertionError`` with a German,
plain-language message (nbgrader shows it in the feedback).

Example in a test cell::

    from kommsocial.seminar.checks import pruefe_gleich
    pruefe_gleich(antwort, 42, "Anzahl der Beiträge")
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable
from typing import Any

from kommsocial._german import plural


class Hinweis(AssertionError):
    """AssertionError whose message is German feedback for the participant."""


def _fail(message: str) -> None:
    raise Hinweis(message)


def pruefe_definiert(wert: Any, name: str) -> None:
    """Fail if the participant left the variable as None or Ellipsis."""
    if wert is None or wert is Ellipsis:
        _fail(f"„{name}“ ist noch leer. Bitte weisen Sie der Variablen Ihre Antwort zu.")


def pruefe_typ(wert: Any, typ: type | tuple[type, ...], name: str) -> None:
    """Fail if the value is not of the expected type."""
    pruefe_definiert(wert, name)
    if not isinstance(wert, typ):
        names = {
            str: "ein Text (str)",
            int: "eine ganze Zahl (int)",
            float: "eine Zahl (float)",
            list: "eine Liste (list)",
            dict: "ein Dictionary (dict)",
            bool: "True oder False (bool)",
            set: "eine Menge (set)",
            tuple: "ein Tupel (tuple)",
        }
        typen = typ if isinstance(typ, tuple) else (typ,)
        erwartet = " oder ".join(names.get(t, t.__name__) for t in typen)
        _fail(
            f"„{name}“ sollte {erwartet} sein, ist aber vom Typ {type(wert).__name__}. "
            "Bitte passen Sie Ihre Antwort an."
        )


def pruefe_gleich(wert: Any, erwartet: Any, name: str, *, tipp: str | None = None) -> None:
    """Fail if the value differs from the expected one (floats compared with tolerance)."""
    pruefe_definiert(wert, name)
    if isinstance(erwartet, float) and isinstance(wert, (int, float)):
        ok = math.isclose(float(wert), erwartet, rel_tol=1e-6, abs_tol=1e-6)
    else:
        ok = wert == erwartet
    if not ok:
        text = f"„{name}“ stimmt noch nicht: Ihr Wert ist {wert!r}."
        if tipp:
            text += f" Tipp: {tipp}"
        _fail(text)


def pruefe_ungefaehr(wert: Any, erwartet: float, name: str, *, toleranz: float = 0.01) -> None:
    """Fail if a number is further than `toleranz` (absolute) from the expected value."""
    pruefe_typ(wert, (int, float), name)
    if abs(float(wert) - erwartet) > toleranz:
        _fail(
            f"„{name}“ stimmt noch nicht: Ihr Wert {wert!r} weicht um mehr als "
            f"{toleranz} vom erwarteten Ergebnis ab. Prüfen Sie Ihre Rechnung."
        )


def pruefe_zwischen(wert: Any, minimum: float, maximum: float, name: str) -> None:
    """Fail if a number lies outside [minimum, maximum]."""
    pruefe_typ(wert, (int, float), name)
    if not minimum <= wert <= maximum:
        _fail(f"„{name}“ sollte zwischen {minimum} und {maximum} liegen, ist aber {wert}.")


def pruefe_enthaelt(text: Any, teile: Iterable[str], name: str) -> None:
    """Fail if the text lacks one of the required parts (case-insensitive)."""
    pruefe_typ(text, str, name)
    fehlend = [t for t in teile if t.lower() not in text.lower()]
    if fehlend:
        liste = ", ".join(f"„{t}“" for t in fehlend)
        _fail(f"In „{name}“ fehlt noch: {liste}. Bitte ergänzen Sie diese Angaben.")


def pruefe_enthaelt_nicht(text: Any, teile: Iterable[str], name: str) -> None:
    """Fail if the text contains a forbidden part (case-insensitive)."""
    pruefe_typ(text, str, name)
    gefunden = [t for t in teile if t.lower() in text.lower()]
    if gefunden:
        liste = ", ".join(f"„{t}“" for t in gefunden)
        _fail(f"„{name}“ enthält {liste}. Bitte entfernen oder ersetzen Sie das.")


def pruefe_menge(wert: Any, erwartet: Collection[Any], name: str) -> None:
    """Fail if the chosen options differ from the expected set; says how many are wrong."""
    pruefe_definiert(wert, name)
    try:
        gewaehlt = set(wert)
    except TypeError:
        _fail(f"„{name}“ sollte eine Liste oder Menge sein.")
        return
    soll = set(erwartet)
    if gewaehlt != soll:
        zu_viel = len(gewaehlt - soll)
        zu_wenig = len(soll - gewaehlt)
        teile = []
        if zu_viel:
            gehoert = plural(zu_viel, "gewählte Antwort gehört", "gewählte Antworten gehören")
            teile.append(f"{zu_viel} {gehoert} nicht dazu")
        if zu_wenig:
            teile.append(f"{zu_wenig} {plural(zu_wenig, 'richtige Antwort fehlt', 'richtige Antworten fehlen')}")
        _fail(f"„{name}“ ist noch nicht richtig: " + " und ".join(teile) + ".")


def pruefe_reihenfolge(wert: Any, erwartet: list[Any], name: str) -> None:
    """Fail if a list is not in the expected order; names the first wrong position."""
    pruefe_typ(wert, (list, tuple), name)
    if list(wert) == list(erwartet):
        return
    if sorted(map(str, wert)) != sorted(map(str, erwartet)):
        _fail(f"„{name}“ muss genau diese Schritte enthalten, jeden einmal: {sorted(map(str, erwartet))}.")
    for pos, (a, b) in enumerate(zip(wert, erwartet, strict=True), start=1):
        if a != b:
            _fail(f"„{name}“: Schritt {pos} ist noch nicht richtig. Überlegen Sie, was zuerst kommen muss.")
