"""German nbgrader helpers for answers written as text: numbers, dates, row lists, names and choices.

The code-free tasks (a08, a09) ask for every answer between quotation marks, e.g. ``antwort = "24"``.
These helpers read such a text the way people write it — „4,21 %“, „vierundzwanzig“, „8. bis 13. Juni“,
„Zeilen 5, 10 und 15“, „Instagram: 6“ — and fail with a German `Hinweis` that says what is wrong.
They never raise anything else, whatever the answer holds. Expected values come from the test cell,
which computes them from the task's data with the product's engines.

Example in a test cell::

    from kommsocial.seminar.text_answers import pruefe_zahl
    pruefe_zahl(anzahl_beitraege, len(read_plan("plan.csv").posts), "anzahl_beitraege")
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NoReturn

from kommsocial import _german
from kommsocial._eingabe import parse_rows
from kommsocial.seminar.checks import Hinweis

_SHOWN = 60  # characters of an answer quoted in a message


def _fail(message: str) -> NoReturn:
    raise Hinweis(message)


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _text(antwort: Any, name: str, beispiel: str) -> str:
    """The answer as stripped text; fails in German if it is missing, no text or empty."""
    if antwort is None or antwort is Ellipsis:
        _fail(f"„{name}“ ist noch leer. Schreiben Sie Ihre Antwort zwischen die Anführungszeichen, "
              f"zum Beispiel: {name} = {beispiel}")
    if isinstance(antwort, bool) or not isinstance(antwort, (str, int, float)):
        _fail(f"„{name}“ sollte ein Text in Anführungszeichen sein, zum Beispiel: {name} = {beispiel}")
    text = str(antwort).strip()
    if not text:
        _fail(f"„{name}“ ist noch leer. Schreiben Sie Ihre Antwort zwischen die Anführungszeichen, "
              f"zum Beispiel: {name} = {beispiel}")
    return text


def pruefe_wahr(bedingung: object, meldung: str) -> None:
    """Fail with the German `meldung` unless `bedingung` holds (for checks the other helpers do not cover)."""
    if not bedingung:
        _fail(meldung)


def _tipp(text: str, tipp: str | None) -> str:
    return f"{text} Tipp: {tipp}" if tipp else text


# --- numbers -------------------------------------------------------------------------------------

_DIGITS = re.compile(r"[+-]?\d+(?:[.,]\d+)*")
_WORDS = re.compile(r"[A-Za-zÄÖÜäöüß]+")


def _digits_value(token: str) -> float | None:
    if "," in token:  # German: comma for decimals, points between thousands
        whole, _, frac = token.rpartition(",")
        if "," in whole or (whole and not re.fullmatch(r"[+-]?\d{1,3}(?:\.\d{3})*|[+-]?\d+", whole)):
            return None
        return float(whole.replace(".", "") + "." + frac)
    if re.fullmatch(r"[+-]?\d{1,3}(?:\.\d{3})+", token):
        return float(token.replace(".", ""))  # 2.345 is two thousand three hundred forty-five
    if token.count(".") > 1:
        return None
    return float(token)


def lies_zahl(antwort: Any) -> float | None:
    """The one number in a text („24“, „4,21 %“, „ca. 1.234“, „vierundzwanzig“); None if none or several."""
    if isinstance(antwort, bool):
        return None
    if isinstance(antwort, (int, float)):
        return float(antwort)
    if not isinstance(antwort, str):
        return None
    tokens = _DIGITS.findall(antwort)
    if len(tokens) == 1:
        return _digits_value(tokens[0])
    if tokens:
        return None
    values = [v for w in _WORDS.findall(antwort) if (v := _german.number_word_value(w.casefold())) is not None]
    return float(values[0]) if len(values) == 1 else None


def _zahl(antwort: Any, name: str, beispiel: str) -> tuple[str, float]:
    text = _text(antwort, name, beispiel)
    value = lies_zahl(antwort)
    if value is None:
        several = len(_DIGITS.findall(text)) > 1
        _fail(f"„{name}“: In „{_shown(text)}“ finde ich "
              + ("mehrere Zahlen. Schreiben Sie nur eine Zahl" if several else "keine Zahl. Schreiben Sie die Zahl "
                 "in Ziffern")
              + f", zum Beispiel: {name} = {beispiel}")
    assert value is not None
    return text, value


def pruefe_zahl_form(antwort: Any, name: str, *, beispiel: str = '"24"') -> None:
    """Fail unless the answer holds exactly one number (the visible test: form only)."""
    _zahl(antwort, name, beispiel)


def pruefe_zahl(antwort: Any, erwartet: float, name: str, *, toleranz: float = 0.0, prozent: bool = False,
                tipp: str | None = None, beispiel: str = '"24"') -> None:
    """Fail unless the number in the answer is within `toleranz` of `erwartet`.

    prozent: the value is a percentage; a share (0.0421 for 4.21 %) gets its own hint.
    """
    text, value = _zahl(antwort, name, beispiel)
    if abs(value - erwartet) <= toleranz + 1e-9:
        return
    if prozent and 0 < value < 1 <= erwartet and abs(value * 100 - erwartet) <= max(0.5, toleranz * 100):
        _fail(f"„{name}“ stimmt noch nicht: „{_shown(text)}“ ist ein Anteil, keine Prozentzahl. "
              "Nehmen Sie das Ergebnis noch mal 100.")
    _fail(_tipp(f"„{name}“ stimmt noch nicht: Sie haben „{_shown(text)}“ geschrieben.", tipp))


# --- row numbers ---------------------------------------------------------------------------------

_ROW_WORDS = re.compile(r"(?i)\b(?:zeilen?|zeilennummern?|nr\.?|nummern?|und|sowie)\b|\.(?=\s|$)")


def lies_zeilen(antwort: Any) -> list[int] | None:
    """Row numbers as people list them („5, 10, 15“, „Zeilen 5; 10 und 15“, „5 10 15“); None if else."""
    if isinstance(antwort, int) and not isinstance(antwort, bool):
        return [antwort]
    if not isinstance(antwort, str):
        return None
    return parse_rows(_ROW_WORDS.sub(" ", antwort))


def pruefe_zeilen_form(antwort: Any, name: str) -> None:
    """Fail unless the answer is a list of row numbers."""
    text = _text(antwort, name, '"4, 9, 12"')
    rows = lies_zeilen(antwort)
    if not rows:
        _fail(f"„{name}“: „{_shown(text)}“ enthält etwas anderes als Zeilennummern. Schreiben Sie nur die "
              f'Zahlen, getrennt durch Kommas, zum Beispiel: {name} = "4, 9, 12"')
    assert rows is not None
    if len(set(rows)) != len(rows):
        _fail(f"„{name}“: Eine Zeilennummer steht doppelt da. Nennen Sie jede Zeile nur einmal.")


def pruefe_zeilen(antwort: Any, erwartet: Iterable[int], name: str, *, was: str = "Zeilen",
                  tipp: str | None = None) -> None:
    """Fail unless the answer names exactly the expected rows; says how many are missing or too many."""
    pruefe_zeilen_form(antwort, name)
    chosen, soll = set(lies_zeilen(antwort) or []), set(erwartet)
    if chosen == soll:
        return
    extra, missing = len(chosen - soll), len(soll - chosen)
    parts = []
    if extra:
        parts.append(f"{extra} {_german.plural(extra, 'Zeile gehört', 'Zeilen gehören')} nicht dazu")
    if missing:
        parts.append(f"{missing} {_german.plural(missing, 'Zeile fehlt', 'Zeilen fehlen')} noch")
    _fail(_tipp(f"„{name}“ ist noch nicht richtig ({was}): " + " und ".join(parts) + ".", tipp))


# --- dates ---------------------------------------------------------------------------------------

_BARE_DAY_BEFORE_RANGE = re.compile(r"(?<![\d.])(\d{1,2})\.?(?=\s*(?:–|—|-|bis\b))", re.IGNORECASE)


def lies_daten(antwort: Any, jahr: int) -> list[_dt.date] | None:
    """The dates in a text, in order: „08.06.“, „8. Juni“, „8.6.2027“, „2027-06-08“; a bare first day in
    a range takes the month of the second („8. bis 13. Juni“, „8.–13.06.“). None if a date is impossible."""
    if not isinstance(antwort, str):
        return None
    from kommsocial.assess.entities import find_entities

    found: list[tuple[int, int, int, int | None]] = []  # position, day, month, year
    taken: list[tuple[int, int]] = []
    for e in find_entities(antwort):
        if e.kind == "datum" and isinstance(e.value, tuple):
            day, month, year = e.value
            found.append((e.start, int(day), int(month), int(year) if year else None))
            taken.append((e.start, e.end))
    for m in _BARE_DAY_BEFORE_RANGE.finditer(antwort):
        if any(a <= m.start() < b for a, b in taken):
            continue
        later = [f for f in found if f[0] > m.end()]
        if later:
            found.append((m.start(), int(m.group(1)), later[0][2], later[0][3]))
    dates = []
    for _, day, month, year in sorted(found, key=lambda f: f[0]):
        try:
            dates.append(_dt.date(year if year and year > 1900 else jahr, month, day))
        except ValueError:
            return None
    return dates


def _daten(antwort: Any, name: str, jahr: int, anzahl: int, beispiel: str) -> tuple[str, list[_dt.date]]:
    text = _text(antwort, name, beispiel)
    dates = lies_daten(text, jahr)
    if dates is None:
        _fail(f"„{name}“: In „{_shown(text)}“ steht ein Datum, das es nicht gibt. Prüfen Sie Tag und Monat.")
    assert dates is not None
    if len(dates) != anzahl:
        wanted = "ein Datum" if anzahl == 1 else f"{_german.in_words(anzahl)} Daten"
        _fail(f"„{name}“: Ich finde in „{_shown(text)}“ {len(dates)} statt {wanted}. Schreiben Sie zum "
              f"Beispiel: {name} = {beispiel}")
    return text, dates


def pruefe_zeitraum_form(antwort: Any, name: str, *, jahr: int, beispiel: str = '"02.06. bis 05.06."') -> None:
    """Fail unless the answer holds two dates, the first not after the second."""
    _, (von, bis) = _daten(antwort, name, jahr, 2, beispiel)
    if von > bis:
        _fail(f"„{name}“: Der erste Tag ({_german.datum(von)}) liegt nach dem letzten ({_german.datum(bis)}). "
              "Nennen Sie zuerst den frühen Tag.")


def pruefe_zeitraum(antwort: Any, von: _dt.date, bis: _dt.date, name: str, *, tipp: str | None = None,
                    beispiel: str = '"02.06. bis 05.06."') -> None:
    """Fail unless the answer names the period from `von` to `bis` (both included)."""
    pruefe_zeitraum_form(antwort, name, jahr=von.year, beispiel=beispiel)
    text, (a, b) = _daten(antwort, name, von.year, 2, beispiel)
    if (a, b) == (von, bis):
        return
    if (a, b) == (von - _dt.timedelta(days=1), bis + _dt.timedelta(days=1)):
        _fail(f"„{name}“: Sie haben die Tage mit Beiträgen genannt, vor und nach der Lücke. Gesucht sind der "
              "erste und der letzte Tag ohne Beitrag.")
    _fail(_tipp(f"„{name}“ stimmt noch nicht: Sie haben „{_shown(text)}“ geschrieben "
                f"({_german.datum(a)} bis {_german.datum(b)}).", tipp))


# --- names from a fixed list (channels), lists, rankings and pairs ---------------------------------


def _key(text: str) -> str:
    return re.sub(r"[^0-9a-zäöüß]", "", text.casefold())


def _match(segment: str, auswahl: Sequence[str]) -> str | None:
    """The one name of `auswahl` that a written segment means („whatsapp“ → „WhatsApp-Kanal“)."""
    key = _key(segment)
    if not key:
        return None
    exact = [a for a in auswahl if _key(a) == key]
    if exact:
        return exact[0]
    near = [a for a in auswahl if len(key) >= 4 and _key(a).startswith(key)]
    return near[0] if len(near) == 1 else None


_LIST_SPLIT = re.compile(r"[,;\n>/–—]|\s-\s|(?<!\w)\d+\s*[.):]|\b(?:vor|und|dann|danach|platz)\b",
                         re.IGNORECASE)


def _segment_names(segment: str, auswahl: Sequence[str]) -> list[str] | None:
    """The names in a segment: the whole segment, or its words matched greedily („Instagram Facebook“)."""
    hit = _match(segment, auswahl)
    if hit:
        return [hit]
    words, names, i = segment.split(), [], 0
    while i < len(words):
        for j in range(len(words), i, -1):
            hit = _match(" ".join(words[i:j]), auswahl)
            if hit:
                names.append(hit)
                i = j
                break
        else:
            return None
    return names


def lies_namen(antwort: str, auswahl: Sequence[str]) -> tuple[list[str], list[str]]:
    """Names of `auswahl` in the order written („Instagram, Facebook > Mastodon“), and the parts that match none."""
    found: list[str] = []
    unknown: list[str] = []
    for part in _LIST_SPLIT.split(antwort):
        segment = re.sub(r"\d+", " ", part).strip(" .:-\t\"'„“()")
        if not segment:
            continue
        names = _segment_names(segment, auswahl)
        if names is None:
            unknown.append(segment)
        else:
            found += names
    return found, unknown


def _aus(auswahl: Sequence[str]) -> str:
    return ", ".join(auswahl)


def pruefe_rangfolge_form(antwort: Any, auswahl: Sequence[str], name: str) -> None:
    """Fail unless the answer lists every name of `auswahl` exactly once."""
    auswahl = sorted(auswahl)  # messages never show the expected order
    beispiel = '"' + ", ".join(auswahl[:2]) + ', …"'
    text = _text(antwort, name, beispiel)
    found, unknown = lies_namen(text, auswahl)
    if unknown:
        _fail(f"„{name}“: „{_shown(unknown[0])}“ kenne ich nicht. Nutzen Sie die Namen aus der Tabelle: "
              f"{_aus(auswahl)}.")
    doppelt = sorted({n for n in found if found.count(n) > 1})
    if doppelt:
        _fail(f"„{name}“: {', '.join(doppelt)} steht mehr als einmal da. Nennen Sie jeden Namen genau einmal.")
    fehlt = [a for a in auswahl if a not in found]
    if fehlt:
        _fail(f"„{name}“: Es fehlt noch {', '.join(fehlt)}. Nennen Sie alle: {_aus(auswahl)}.")


def pruefe_rangfolge(antwort: Any, erwartet: Sequence[str], name: str, *, tipp: str | None = None) -> None:
    """Fail unless the names stand in the expected order; names the first wrong place."""
    pruefe_rangfolge_form(antwort, erwartet, name)
    found, _ = lies_namen(str(antwort), erwartet)
    for platz, (a, b) in enumerate(zip(found, erwartet, strict=True), start=1):
        if a != b:
            _fail(_tipp(f"„{name}“: Platz {platz} stimmt noch nicht. Der beste Wert kommt zuerst.", tipp))


def pruefe_zuordnung_form(antwort: Any, auswahl: Sequence[str], name: str) -> None:
    """Fail unless the answer gives one whole number for each name of `auswahl` („Instagram: 6“ per line)."""
    lies_zuordnung(antwort, auswahl, name)


def lies_zuordnung(antwort: Any, auswahl: Sequence[str], name: str) -> dict[str, float]:
    """Name → number from lines like „Instagram: 6“ or „6 Facebook“; fails in German on anything else."""
    beispiel = '"""\n' + "\n".join(f"{a}: …" for a in auswahl[:2]) + '\n"""'
    text = _text(antwort, name, beispiel)
    out: dict[str, float] = {}
    for part in re.split(r"[\n;,]", text):
        segment = part.strip()
        if not segment:
            continue
        digits = _DIGITS.findall(segment)
        if m := re.match(r"([^:=]*)[:=]", segment):  # „Presse: 2“, „Presse = zwei“
            label = m.group(1)
        else:  # „Presse 2“, „2 Presse“, „zwei Beiträge Presse“
            label = " ".join(w for w in _DIGITS.sub(" ", segment).split()
                             if _german.number_word_value(w.casefold().strip(".:")) is None)
        label = re.sub(r"(?i)\b(?:beiträge|beitrag|mal)\b", " ", label).strip(" :=–-.\t")
        hit = _match(label, auswahl)
        if hit is None:
            _fail(f"„{name}“: „{_shown(label or segment)}“ kenne ich nicht. Nutzen Sie die Namen aus der "
                  f"Tabelle: {_aus(auswahl)}.")
        assert hit is not None
        value = lies_zahl(segment) if len(digits) <= 1 else None
        if value is None:
            _fail(f"„{name}“: Bei {hit} finde ich keine eindeutige Zahl. Schreiben Sie zum Beispiel „{hit}: 3“.")
        if hit in out:
            _fail(f"„{name}“: {hit} steht mehr als einmal da. Schreiben Sie jeden Namen nur einmal.")
        assert value is not None
        out[hit] = value
    fehlt = [a for a in auswahl if a not in out]
    if fehlt:
        _fail(f"„{name}“: Es fehlt noch {', '.join(fehlt)}. Schreiben Sie eine Zeile je Name: {_aus(auswahl)}.")
    return out


def pruefe_zuordnung(antwort: Any, erwartet: Mapping[str, float], name: str, *, tipp: str | None = None) -> None:
    """Fail unless every name has its expected number; names the ones that are off."""
    got = lies_zuordnung(antwort, list(erwartet), name)
    falsch = [k for k, v in erwartet.items() if abs(got[k] - v) > 1e-9]
    if falsch:
        _fail(_tipp(f"„{name}“: Bei {', '.join(falsch)} stimmt die Zahl noch nicht.", tipp))


# --- weekday, clock time, one letter -----------------------------------------------------------------


def lies_wochentag(antwort: Any) -> list[str]:
    """The weekdays a text names („Dienstag“, „dienstags“, „Di“, „Sonnabend“), as full names."""
    if not isinstance(antwort, str):
        return []
    names = {n.casefold(): _german.WEEKDAYS[i] for n, i in _german.WEEKDAY_NAMES.items()}
    words = _WORDS.findall(antwort)
    if len(words) == 1:  # „Di“ only on its own: in a sentence „so“ is no Sonntag
        names |= {s.casefold(): _german.WEEKDAYS[i] for i, s in enumerate(_german.WEEKDAYS_SHORT)}
    found = []
    for word in words:
        w = word.casefold()
        day = names.get(w) or names.get(w.removesuffix("s"))
        if day and day not in found:
            found.append(day)
    return found


def pruefe_wochentag(antwort: Any, erwartet: str | None, name: str, *, tipp: str | None = None) -> None:
    """Fail unless the answer names exactly one weekday (and, with `erwartet`, the right one)."""
    text = _text(antwort, name, '"Dienstag"')
    days = lies_wochentag(text)
    if not days:
        _fail(f"„{name}“: In „{_shown(text)}“ finde ich keinen Wochentag. Schreiben Sie den Tag aus, "
              f'zum Beispiel: {name} = "Dienstag"')
    if len(days) > 1:
        _fail(f"„{name}“: Sie nennen mehrere Tage ({', '.join(days)}). Nennen Sie genau einen.")
    if erwartet is not None and days[0] != erwartet:
        _fail(_tipp(f"„{name}“ stimmt noch nicht: Sie haben „{days[0]}“ geschrieben.", tipp))


def lies_uhrzeit(antwort: Any) -> _dt.time | None:
    """A clock time as people write it („08:00“, „8 Uhr“, „8.00 Uhr“, „um 8“); None if it is none."""
    if not isinstance(antwort, str):
        return None
    from kommsocial.plan.importer import parse_time

    text = re.sub(r"(?i)^\s*(?:um|ab|gegen)\s+", "", antwort.strip()).rstrip(". ")
    try:
        return parse_time(text)
    except ValueError:
        return None


def pruefe_uhrzeit_form(antwort: Any, name: str) -> _dt.time:
    """Fail unless the answer is one clock time; returns it."""
    text = _text(antwort, name, '"09:30"')
    value = lies_uhrzeit(text)
    if value is None:
        _fail(f"„{name}“: „{_shown(text)}“ ist keine Uhrzeit. Schreiben Sie zum Beispiel: {name} = \"09:30\"")
    assert value is not None
    return value


def _label_key(text: str) -> str:
    t = text.casefold().replace("stunden", "std").replace("stunde", "std").replace("bis", "-")
    return re.sub(r"[\s.–—-]+", "-", t).strip("-")


def pruefe_buchstabe(antwort: Any, erlaubt: str, erwartet: str | None, name: str, *,
                     namen: Sequence[str] = (), tipp: str | None = None) -> None:
    """Fail unless the answer is one letter of `erlaubt` (and, with `erwartet`, the right one).

    namen: what each letter stands for („1–4 Std.“); writing that instead of the letter counts as the letter.
    """
    text = _text(antwort, name, f'"{erlaubt[0]}"')
    m = re.fullmatch(r"(?i)(?:klasse|antwort|buchstabe)?\s*\(?([a-z])\)?[.:]?", text.strip("\"'„“ "))
    letter = m.group(1).upper() if m else ""
    by_label = {_label_key(n): b for n, b in zip(namen, erlaubt.upper(), strict=False)}
    letter = letter or by_label.get(_label_key(text), "")
    if not letter or letter not in erlaubt.upper():
        _fail(f"„{name}“: Schreiben Sie genau einen Buchstaben von {erlaubt[0]} bis {erlaubt[-1]}, "
              f'zum Beispiel: {name} = "{erlaubt[0]}"')
    if erwartet is not None and letter != erwartet.upper():
        _fail(_tipp(f"„{name}“ stimmt noch nicht: Sie haben „{letter}“ gewählt.", tipp))


__all__ = [
    "lies_daten", "lies_namen", "lies_uhrzeit", "lies_wochentag", "lies_zahl", "lies_zeilen", "lies_zuordnung",
    "pruefe_buchstabe", "pruefe_rangfolge", "pruefe_rangfolge_form", "pruefe_uhrzeit_form", "pruefe_wahr",
    "pruefe_wochentag",
    "pruefe_zahl", "pruefe_zahl_form", "pruefe_zeilen", "pruefe_zeilen_form", "pruefe_zeitraum",
    "pruefe_zeitraum_form", "pruefe_zuordnung", "pruefe_zuordnung_form",
]
