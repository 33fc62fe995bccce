"""Compare German lemmatizers (simplemma, HanTa) on a word list of our domain.

Run: .venv/bin/python scripts/compare_lemmatizers.py  (both are installed with the dev environment).
The result is written down in widgets/kommsocial/assess/README.md.
"""

from __future__ import annotations

import time

# (word form, expected lemma) from press releases, warnings and replies of the course.
GOLD = [
    ("Feuerwache", "Feuerwache"), ("Feuerwachen", "Feuerwache"), ("Tiefgaragen", "Tiefgarage"),
    ("Tiefgarage", "Tiefgarage"), ("Kellern", "Keller"), ("Keller", "Keller"), ("Kellers", "Keller"),
    ("geschlossen", "schließen"), ("geöffnet", "öffnen"), ("öffnet", "öffnen"), ("schließt", "schließen"),
    ("betreten", "betreten"), ("betritt", "betreten"), ("Warnungen", "Warnung"), ("Warnung", "Warnung"),
    ("Notunterkunft", "Notunterkunft"), ("Notunterkünfte", "Notunterkunft"), ("Bürgertelefon", "Bürgertelefon"),
    ("Sporthalle", "Sporthalle"), ("Sporthallen", "Sporthalle"), ("Stockwerke", "Stockwerk"),
    ("Stockwerken", "Stockwerk"), ("überflutet", "überfluten"), ("Straßen", "Straße"), ("gesperrt", "sperren"),
    ("meiden", "meiden"), ("meiden", "meiden"), ("Fenster", "Fenster"), ("Türen", "Tür"), ("geschlossen", "schließen"),
    ("Bewohner", "Bewohner"), ("Anwohnerinnen", "Anwohnerin"), ("Verletzte", "Verletzte"),
    ("Einsatzkräfte", "Einsatzkraft"), ("Fahrzeuge", "Fahrzeug"), ("Kindern", "Kind"), ("Mitglieder", "Mitglied"),
    ("informieren", "informieren"), ("informiert", "informieren"), ("Informationen", "Information"),
    ("Hinweise", "Hinweis"), ("Bescheide", "Bescheid"), ("Bescheid", "Bescheid"), ("Nachrichten", "Nachricht"),
    ("verschickt", "verschicken"), ("Gerüchte", "Gerücht"), ("Gerüchten", "Gerücht"), ("Sirenen", "Sirene"),
    ("evakuiert", "evakuieren"), ("Evakuierung", "Evakuierung"), ("Häuser", "Haus"), ("Häusern", "Haus"),
    ("Wohnungen", "Wohnung"), ("Lüftungen", "Lüftung"), ("Klimaanlagen", "Klimaanlage"), ("abgeschaltet", "abschalten"),
    ("Sperrkreis", "Sperrkreis"), ("verlassen", "verlassen"), ("Bomben", "Bombe"), ("entschärft", "entschärfen"),
    ("Rathauses", "Rathaus"), ("Daten", "Datum"), ("Systeme", "System"), ("Angriffs", "Angriff"),
    ("Veranstaltungen", "Veranstaltung"), ("beantwortet", "beantworten"), ("Fragen", "Frage"),
    ("Kontaktformular", "Kontaktformular"), ("Sorgen", "Sorge"), ("gefährdet", "gefährden"),
    ("Gefahren", "Gefahr"), ("Bürgerinnen", "Bürgerin"), ("Einsätze", "Einsatz"), ("Löschzüge", "Löschzug"),
    ("Rauchs", "Rauch"), ("Wasser", "Wasser"), ("gestiegen", "steigen"), ("Pegel", "Pegel"),
    ("Busse", "Bus"), ("Schulen", "Schule"), ("geräumt", "räumen"), ("aufsuchen", "aufsuchen"),
    # Finite verbs, adjectives and words of the assessment rubrics (downplaying, speculation, replies).
    ("gilt", "gelten"), ("betrifft", "betreffen"), ("übertreibt", "übertreiben"), ("übertrieben", "übertreiben"),
    ("bleibt", "bleiben"), ("holen", "holen"), ("holt", "holen"), ("lädt", "laden"), ("zeigt", "zeigen"),
    ("beachten", "beachten"), ("beachtet", "beachten"), ("gesichert", "sichern"), ("bestätigt", "bestätigen"),
    ("geschlossene", "geschlossen"), ("abgesagt", "absagen"), ("fällt", "fallen"), ("verschoben", "verschieben"),
    ("Besucherinnen", "Besucherin"), ("Besuchern", "Besucher"), ("Mitgliedern", "Mitglied"),
    ("Übungen", "Übung"), ("Kübelspritze", "Kübelspritze"), ("Einsatzfahrzeuge", "Einsatzfahrzeug"),
    ("Bürgertelefons", "Bürgertelefon"), ("Stockwerk", "Stockwerk"), ("Unterführungen", "Unterführung"),
    ("Verletzten", "Verletzte"), ("Toten", "Tote"), ("Brandstiftung", "Brandstiftung"),
    ("Vermutungen", "Vermutung"), ("Angaben", "Angabe"), ("Steuerabteilung", "Steuerabteilung"),
    ("Bescheides", "Bescheid"), ("Kassenzeichens", "Kassenzeichen"), ("erreichbar", "erreichbar"),
    ("rufen", "rufen"), ("ruft", "rufen"), ("schreiben", "schreiben"), ("geprüft", "prüfen"),
    ("klären", "klären"), ("geklärt", "klären"), ("Kommentare", "Kommentar"), ("Anliegen", "Anliegen"),
    ("Gefahr", "Gefahr"), ("Rauchwolke", "Rauchwolke"), ("Fenstern", "Fenster"), ("warnt", "warnen"),
    ("gewarnt", "warnen"), ("aufgehoben", "aufheben"), ("Entwarnung", "Entwarnung"),
]


def _measure(name: str, fn) -> None:  # type: ignore[no-untyped-def]
    """Accuracy and cold time per word (every word seen once: what an uncached lookup costs)."""
    ok = 0
    wrong = []
    t0 = time.perf_counter()
    out = [fn(w) for w, _ in GOLD]
    per_word_us = (time.perf_counter() - t0) / len(GOLD) * 1e6
    for (w, gold), got in zip(GOLD, out):
        if got.lower() == gold.lower():
            ok += 1
        else:
            wrong.append(f"{w}->{got}")
    print(f"{name}: accuracy {ok}/{len(GOLD)} = {ok / len(GOLD):.1%}, {per_word_us:.1f} µs/word (cold)")
    print("  wrong:", ", ".join(wrong))


def main() -> None:
    t0 = time.perf_counter()
    import simplemma

    simplemma.lemmatize("Test", lang="de")
    print(f"simplemma load: {(time.perf_counter() - t0) * 1000:.0f} ms")
    _measure("simplemma", lambda w: simplemma.lemmatize(w, lang="de"))

    t0 = time.perf_counter()
    from HanTa import HanoverTagger as ht

    tagger = ht.HanoverTagger("morphmodel_ger.pgz")
    print(f"HanTa load: {(time.perf_counter() - t0) * 1000:.0f} ms")

    def hanta(w: str) -> str:
        return tagger.analyze(w)[0]

    _measure("HanTa (word, no context)", hanta)

    # In context: every word tagged inside a short sentence (the way a text is judged).
    def hanta_ctx(w: str) -> str:
        return tagger.tag_sent(["Wir", "melden", w, "."])[2][1]

    _measure("HanTa (tag_sent, in a sentence)", hanta_ctx)


if __name__ == "__main__":
    main()
