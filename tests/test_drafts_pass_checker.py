"""Drafts pass our own checker (issue 13): every sample press release of the course, every platform.

No finding of severity „fehler“, no Amtsdeutsch finding, no sentence cut off with „…“, every
sentence within the Hausstil bound, hashtags in CamelCase within the limit, no invented facts
(numbers, dates, times, links, names: compared with the source as `kommsocial.ki.abgleich`
does, which normalises „12. Juni“/„12.06.“ and „16 Uhr“/„16:00“ like the assessment engine).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import regex
import yaml

from kommsocial import platforms
from kommsocial.ki.abgleich import abgleich, nicht_belegt
from kommsocial.text import analyze, lexicon
from kommsocial.text.geruest import entwurf
from kommsocial.text.hausstil import load as load_hausstil
from kommsocial.text.tokens import sentences
from kommsocial.text.vereinfachen import alternatives_ok, vereinfache

ROOT = Path(__file__).parent.parent
PLATFORMS = ("x", "bluesky", "mastodon", "instagram", "facebook")


def _samples() -> dict[str, str]:
    out: dict[str, str] = {}
    for name, path in (("ui", ROOT / "widgets/kommsocial/ui/pressemitteilungen.yaml"),
                       ("original", ROOT / "tests/data/text/pressemitteilungen_original.yaml")):
        for key, value in yaml.safe_load(path.read_text(encoding="utf-8"))["pressemitteilungen"].items():
            out[f"{name}-{key}"] = value["text"]
    for fall in yaml.safe_load((ROOT / "widgets/kommsocial/ki/faelle.yaml").read_text(encoding="utf-8"))["faelle"]:
        out[f"ki-{fall['id']}"] = fall["quelle"]
    nb = json.loads((ROOT / "solutions/a02_pressemitteilung/a02_pressemitteilung.ipynb").read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        m = re.search(r'PRESSEMITTEILUNG = """(.*?)"""', "".join(cell["source"]), re.S)
        if m:
            out["a02-feuerwehr"] = m.group(1)
    out["txt-pm_stadtfest"] = (ROOT / "tests/data/text/pm_stadtfest.txt").read_text(encoding="utf-8")
    for p in sorted((ROOT / "tests/data/pressemitteilungen").glob("*.txt")):
        out[f"neu-{p.stem}"] = p.read_text(encoding="utf-8")
    return out


SAMPLES = _samples()
PLAIN_WORDS = {w.lower() for e in lexicon.amtsdeutsch_file().eintraege for w in regex.findall(r"\p{L}+", e.alternative)}
NEW = [k for k in SAMPLES if k.startswith("neu-")]
CASES = [pytest.param(k, p, id=f"{k}-{p}") for k in SAMPLES for p in PLATFORMS]


def test_samples_are_all_found():
    assert len(SAMPLES) >= 20 and len(NEW) >= 5
    assert "a02-feuerwehr" in SAMPLES and "ki-hochwasser" in SAMPLES
    long = SAMPLES["neu-baustelle_gartenstrasse_lang"]
    assert 2500 <= len(long) <= 2900 and "Zwecks Verbesserung der Erreichbarkeit erfolgt" in long


@pytest.mark.parametrize(("key", "pid"), CASES)
def test_draft_passes_the_checker(key, pid):
    d = entwurf(SAMPLES[key], pid)
    report = analyze(d.text, platform=pid)
    bad = [(f.rule, d.text[f.start:f.end]) for f in report.findings
           if f.severity == "fehler" or f.rule == "amtsdeutsch"]
    assert not bad, d.text
    assert "…" not in d.text
    bound = load_hausstil(None).satzlaenge.warnung
    assert all(len(s.words) <= bound for s in sentences(d.text)), d.text
    tags = platforms.find_hashtags(d.text)
    limit = platforms.get(pid).hashtag_limit
    assert limit is None or len(tags) <= limit
    assert not [f for f in report.findings if f.rule == "hashtag-schreibweise"], d.text
    assert d.text.strip() and d.counted <= d.limit
    assert any(h.startswith("Prüfen Sie") for h in d.hinweise)


@pytest.mark.parametrize(("key", "pid"), CASES)
def test_draft_invents_no_facts(key, pid):
    pm = SAMPLES[key]
    d = entwurf(pm, pid)
    flat = " ".join(pm.split())
    # a detail the comparison cannot confirm must stand literally in the press release (the source itself
    # may be wrong: pm_stadtfest.txt calls 21.11.2026 a Friday)
    assert [a.text for a in nicht_belegt(abgleich(pm, d.text)) if a.text not in flat] == [], d.text
    words = set(regex.findall(r"\p{L}+", pm.lower()))
    for tag in platforms.find_hashtags(d.text):
        parts = [p.lower() for p in regex.findall(r"\p{Lu}[\p{Ll}\d]*|\p{Ll}+", tag[2])]
        assert tag[2].lower() in words or all(p in pm.lower() for p in parts), tag
    # names and places: every capitalised word in the post is a word of the press release
    body = regex.sub(r"https?://\S+|#\w+", " ", d.text)
    own = {"mehr"} | PLAIN_WORDS  # the link label and the lexicon's plain words („Nach“, „Für“, „Außerdem“)
    for w in regex.findall(r"(?<![\p{L}-])\p{Lu}[\p{L}-]*", body):
        assert w.lower() in own or w.lower() in words or w.lower() in pm.lower(), (w, d.text)


@pytest.mark.parametrize("key", list(SAMPLES))
def test_deterministic(key):
    assert [entwurf(SAMPLES[key], p).to_dict() for p in PLATFORMS] == [
        entwurf(SAMPLES[key], p).to_dict() for p in PLATFORMS]


def test_long_release_x_draft_is_whole_sentences_and_says_what_was_left_out():
    d = entwurf(SAMPLES["neu-baustelle_gartenstrasse_lang"], "x")
    assert "…" not in d.text and "Die Stadt Musterstadt beginnt" not in d.text
    assert any(h.startswith("Weggelassen: „Die Stadt Musterstadt beginnt") and "40 Wörter" in h for h in d.hinweise)
    fb = entwurf(SAMPLES["neu-baustelle_gartenstrasse_lang"], "facebook")
    assert "Zwecks" not in fb.text and "erfolgt" not in fb.text


# --- the rewrites themselves: real sentences from the samples, grammatical results ------------------

@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Zwecks Unterstützung bei der Registrierung bietet das Bürgerbüro eine Sprechstunde an.",
         "Für die Unterstützung bei der Registrierung bietet das Bürgerbüro eine Sprechstunde an."),
        ("Für Kinder besteht die Möglichkeit, sich im Löschen mittels Kübelspritze zu üben.",
         "Für Kinder besteht die Möglichkeit, sich im Löschen mit Kübelspritze zu üben."),
        ("Gemäß Beschluss des Rates gelten ab Montag neue Parkgebühren.",
         "Nach Beschluss des Rates gelten ab Montag neue Parkgebühren."),
        ("Des Weiteren wird das Bewohnerparken ausgeweitet.", "Außerdem wird das Bewohnerparken ausgeweitet."),
        ("Die Umleitung erfolgt über die Ringstraße und wird ausgeschildert.",
         "Die Umleitung führt über die Ringstraße und wird ausgeschildert."),
        ("Für die Maßnahme stehen im Haushalt 2028 insgesamt 4,5 Millionen Euro zur Verfügung.",
         "Für die Maßnahme gibt es im Haushalt 2028 insgesamt 4,5 Millionen Euro."),
        ("Die Teilnahme ist nur nach Anmeldung möglich, da maximal 30 Plätze zur Verfügung stehen.",
         "Die Teilnahme ist nur nach Anmeldung möglich, da es maximal 30 Plätze gibt."),
        ("Bezüglich der Einrichtung eines Kontos hilft das Bürgerbüro.",
         "Zur Einrichtung eines Kontos hilft das Bürgerbüro."),
        # passive → active only with a named actor
        ("Seitens des Fördervereins wird für das leibliche Wohl gesorgt.",
         "Der Förderverein sorgt für das leibliche Wohl."),
        ("Seitens der Stadt wird die Inanspruchnahme der Park-and-Ride-Plätze empfohlen.",
         "Die Stadt empfiehlt die Nutzung der Park-and-Ride-Plätze."),
        ("Die Anliegerinnen und Anlieger wurden seitens der Stadtwerke bereits schriftlich in Kenntnis gesetzt.",
         "Die Stadtwerke haben die Anliegerinnen und Anlieger bereits schriftlich informiert."),
    ],
)
def test_rewrite_real_cases(before, after):
    words = frozenset(regex.findall(r"\p{L}+", before))
    assert vereinfache(before, words)[0] == after


@pytest.mark.parametrize(
    "unchanged",
    [
        "Zwecks des Umbaus bleibt das Bad geschlossen.",  # "für den Umbau" would need a new article and case
        "Der Antrag ist mittels des Formulars zu stellen.",  # "mit dem Formular": dative, not genitive
        "Die Straße wird gesperrt.",  # passive without actor stays
        "Nach Eingabe der Adresse wird seitens des Systems ein Abholtermin vorgeschlagen.",  # "einen" needed
        "Dem Beschluss gemäß gelten neue Gebühren.",  # postposition: "nach" cannot stand there
    ],
)
def test_rewrite_leaves_what_does_not_fit(unchanged):
    assert vereinfache(unchanged, frozenset(regex.findall(r"\p{L}+", unchanged)))[0] == unchanged


def test_every_rewrite_uses_the_lexicon_alternative():
    assert alternatives_ok() == []
