"""Benchmark: full `analyze` of a 3,000-character press release vs. textstat's two German formulas.

Each round builds a fresh press release (shuffled sentences, new numbers and dates) so that
text-level caches (textstat's lru_cache) cannot help either side. Both sides keep their
word-level caches (pyphen's and ours), as they would in real use; a second line measures our
side with its syllable cache cleared every round. Target: ratio ≤ 2.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "widgets"))

import textstat  # noqa: E402

from kommsocial.text import analyze  # noqa: E402
from kommsocial.text.syllables import count_word  # noqa: E402

SENTENCES = [
    "Die Stadt Musterstadt lädt am {d}.{m}.2026 um {h} Uhr zum Bürgerfest auf dem Marktplatz ein.",
    "Bürgermeisterin Anna Beispiel eröffnet das Fest gemeinsam mit {n} Vereinen aus dem Landkreis Musterland.",
    "Zwecks Durchführung der Veranstaltung wird die Marktstraße ab {h} Uhr für den Verkehr gesperrt.",
    "Die Buslinien {n} und {k} fahren eine Umleitung über die Bahnhofstraße, ggf. mit Verspätungen.",
    "Für Kinder gibt es ein Programm mit Spielen, Basteln und einer Vorlesestunde in der Stadtbücherei.",
    "Die Inanspruchnahme der Parkplätze am Rathaus ist während des Festes kostenlos.",
    "Rund {p} Helferinnen und Helfer sorgen dafür, dass alles sicher und sauber bleibt.",
    "Wer mit dem Fahrrad kommt, findet Abstellplätze an der Lindenallee und am Kirchplatz.",
    "Die Freiwillige Feuerwehr zeigt ihre Fahrzeuge und informiert über den Brandschutz zu Hause.",
    "Bei schlechtem Wetter wird das Programm in die Stadthalle verlegt, i. d. R. ohne Einschränkungen.",
    "Alle Informationen zum Programm finden Sie unter https://www.musterstadt.de/fest{n}.",
    "Der Eintritt ist frei, Spenden kommen dem Förderverein der Grundschule zugute.",
    "Die Abgabe der Anmeldungen für Marktstände hat bis zum {d}.{m}. schriftlich zu erfolgen.",
    "Für Menschen mit Behinderung stehen barrierefreie Toiletten und Sitzplätze zur Verfügung.",
    "Die Stadtwerke bieten an ihrem Stand Beratung zu Strom, Wasser und Wärmepumpen an.",
    "Das Ordnungsamt bittet die Anwohnerinnen und Anwohner, ihre Autos bis {h} Uhr umzuparken.",
    "Am Abend spielt die Band der Musikschule auf der Bühne vor dem Rathaus bekannte Lieder.",
    "Die Sanierung der Brücke über die Muster wurde termingerecht abgeschlossen.",
    "Fragen beantwortet das Bürgerbüro montags bis freitags von 8 bis {h} Uhr unter Telefon 01234 {p}.",
    "Wir freuen uns auf viele Gäste aus Musterstadt und der ganzen Region. #Stadtfest #Musterstadt",
]


def press_release(rng: random.Random, size: int = 3000) -> str:
    """A fresh ~3,000-character press release."""
    parts: list[str] = ["Pressemitteilung"]
    while sum(len(p) + 1 for p in parts) < size:
        s = rng.choice(SENTENCES).format(
            d=rng.randint(1, 28), m=rng.randint(1, 12), h=rng.randint(7, 20), n=rng.randint(2, 40),
            k=rng.randint(41, 90), p=rng.randint(100, 9999),
        )
        parts.append(s)
    return " ".join(parts)[:size]


def measure(rounds: int = 60) -> dict[str, float]:
    """Per-round timings; ratios are paired per round (both sides run back to back)."""
    textstat.set_lang("de")
    rng = random.Random(2026)
    ours, ours_cold, theirs = [], [], []
    analyze(press_release(rng), "facebook")  # warm-up: lexicons and regexes load once
    textstat.flesch_reading_ease(press_release(rng))
    for _ in range(rounds):
        a, b, c = press_release(rng), press_release(rng), press_release(rng)
        t0 = time.perf_counter()
        analyze(a, "facebook", pressemitteilung=True)
        t1 = time.perf_counter()
        textstat.flesch_reading_ease(b)
        textstat.wiener_sachtextformel(b, 1)
        t2 = time.perf_counter()
        count_word.cache_clear()
        t3 = time.perf_counter()
        analyze(c, "facebook", pressemitteilung=True)
        t4 = time.perf_counter()
        ours.append(t1 - t0)
        theirs.append(t2 - t1)
        ours_cold.append(t4 - t3)
    return {
        "analyze": statistics.median(ours),
        "textstat": statistics.median(theirs),
        "ratio": statistics.median(o / t for o, t in zip(ours, theirs, strict=True)),
        "ratio_min": min(ours) / min(theirs),
        "ratio_cold": statistics.median(o / t for o, t in zip(ours_cold, theirs, strict=True)),
    }


def measure_drafts(rounds: int = 30) -> dict[str, float]:
    """Drafts are rebuilt while the author types: time per draft against one analyze of the same text."""
    from kommsocial.text.geruest import entwurf

    rng = random.Random(2027)
    pm = press_release(rng, 2700)
    for p in ("x", "instagram"):
        entwurf(pm, p)  # warm-up: lexicons and matchers load once
    draft, check = [], []
    for _ in range(rounds):
        pm = press_release(rng, 2700)
        t0 = time.perf_counter()
        entwurf(pm, "instagram")
        t1 = time.perf_counter()
        analyze(pm, "instagram", pressemitteilung=True)
        t2 = time.perf_counter()
        draft.append(t1 - t0)
        check.append(t2 - t1)
    return {"entwurf": statistics.median(draft), "analyze": statistics.median(check),
            "ratio": statistics.median(d / c for d, c in zip(draft, check, strict=True))}


def main() -> int:
    d = measure_drafts()
    print(f"text: entwurf (Instagram, 2.700 Zeichen) {d['entwurf'] * 1000:.2f} ms, analyze desselben Textes "
          f"{d['analyze'] * 1000:.2f} ms (Median); ratio entwurf/analyze = {d['ratio']:.2f}")
    r = measure()
    print(f"text: analyze (alle Regeln) {r['analyze'] * 1000:.2f} ms, textstat FRE+WSTF {r['textstat'] * 1000:.2f} ms "
          f"je 3.000 Zeichen (Median)")
    print(f"text: ratio analyze/textstat = {r['ratio']:.2f} (Median je Runde; Ziel ≤ 2.00)")
    print(f"text: ratio der Bestzeiten = {r['ratio_min']:.2f}; ohne Silben-Cache = {r['ratio_cold']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
