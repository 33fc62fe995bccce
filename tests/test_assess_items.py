"""Rubric items one by one, written the way a trainer or an attacker would try them."""

from __future__ import annotations

import pytest

from kommsocial.assess import judge_text, rubric

A04 = rubric("a04_erstmeldung")
A06 = rubric("a06_antwort")
X = rubric("a02_post_x")


def ok(text, rub, item) -> bool:
    return judge_text(text, rub, items=[item]).items[0].ok


@pytest.mark.parametrize("text,expected", [
    ("Bitte betreten Sie keine Keller und Tiefgaragen.", True),
    ("Meiden Sie Keller und Tiefgaragen, dort besteht Lebensgefahr.", True),
    ("Keller und Tiefgaragen bitte nicht betreten.", True),
    ("Holen Sie Ihr Auto ruhig aus dem Keller oder der Tiefgarage.", False),
    ("Sie können Ihr Auto aus der Tiefgarage holen.", False),
    ("Darf ich nicht in den Keller?", False),
    ("Die Keller in der Unterstadt sind überflutet.", False),
])
def test_advises_against(text, expected):
    assert ok(text, A04, "verhalten_keller") is expected


@pytest.mark.parametrize("text,expected", [
    ("Beachten Sie die amtliche Warnung in der Warn-App NINA.", True),
    ("Ignorieren Sie die Warnung in NINA nicht.", True),
    ("Die Warn-App NINA übertreibt oft.", False),
    ("Ignorieren Sie NINA.", False),
])
def test_refers_to_source(text, expected):
    assert ok(text, A04, "verweis_warnung") is expected


@pytest.mark.parametrize("text,expected", [
    ("Wir wissen, dass Sie sich Sorgen machen. Die Warnung in NINA gilt für die Unterstadt.", True),
    ("Die Warnung ist nicht übertrieben. Nehmen Sie sie ernst.", True),
    ("Eine Entwarnung gibt es noch nicht.", True),
    ("Keine Sorge, das Wasser geht bald zurück.", False),
    ("Die Warnung gilt für den größten Teil der Unterstadt nicht.", False),
    ("Für die meisten von Ihnen trifft die Warnung kaum zu.", False),
    ("Holen Sie Ihr Auto ruhig aus der Tiefgarage.", False),
    ("Es besteht keinerlei Gefahr.", False),
])
def test_no_downplaying(text, expected):
    assert ok(text, A04, "keine_verharmlosung") is expected


@pytest.mark.parametrize("text,expected", [
    ("Die Ursache ist noch unklar. Die Polizei ermittelt.", True),
    ("Anwohner sollen Fenster und Türen geschlossen halten.", True),
    ("Das leibliche Wohl ist gesichert.", True),
    ("Vermutlich ist ein Damm gebrochen.", False),
    ("In der Unterführung soll es Tote geben.", False),
    ("Es war wohl Brandstiftung.", False),
    ("Ursache: Brandstiftung.", False),
    ("Gerüchten zufolge ist der Strom weg.", False),
])
def test_no_speculation(text, expected):
    assert ok(text, A04, "keine_spekulation") is expected


@pytest.mark.parametrize("text,expected", [
    ("Nächstes Update in 30 Minuten. Bürgertelefon: 0123 4567-0. Seit 17:30 Uhr regnet es.", True),
    ("Angaben zu Verletzten haben wir noch nicht. Wir melden uns um 19 Uhr.", True),
    ("Notruf 112.", True),
    ("Es gibt 20 Verletzte.", False),
    ("Drei Häuser sind zerstört.", False),
    ("Es gibt keine Verletzten.", False),
    ("Dutzende Keller sind vollgelaufen.", False),
])
def test_number_roles_in_the_unconfirmed_figures_item(text, expected):
    assert ok(text, A04, "keine_unbestaetigten_zahlen") is expected


@pytest.mark.parametrize("text,expected", [
    ("Kommen Sie vorbei, wir freuen uns auf Sie.", True),
    ("Die Feuerwehr zeigt ihr Können.", True),
    ("Kommt halt vorbei, wenn ihr Bock habt.", False),
    ("Schau doch mal bei dir im Keller nach.", False),
    ("Habt ihr Fragen?", False),
])
def test_formal_address(text, expected):
    assert ok(text, X, "sie_anrede") is expected


@pytest.mark.parametrize("text,expected", [
    ("Danke für Ihre Nachricht. Wir helfen Ihnen gern.", True),
    ("Wer lesen kann, ist klar im Vorteil.", False),
    ("Dafür sind wir nicht zuständig.", False),
    ("Selbst schuld, wenn Sie den Bescheid nicht lesen.", False),
    ("DAS IST SO NICHT RICHTIG!!!", False),
])
def test_respectful_tone(text, expected):
    assert ok(text, A06, "respektvoll") is expected


@pytest.mark.parametrize("text,expected", [
    ("Danke, Herr Janssen. Bitte rufen Sie uns an.", True),
    ("Zu Kassenzeichen 4711-0815 melden wir uns.", False),
    ("Wir schauen uns das für die Birken-Allee zwölf an.", False),
    ("Ihre Adresse Birkenallee 12 löschen wir.", False),
    ("Das Zeichen vier sieben eins eins prüfen wir.", False),
])
def test_personal_data_also_spelled_out(text, expected):
    assert ok(text, A06, "personendaten") is expected


@pytest.mark.parametrize("text,expected", [
    ("Ob Ihr Bescheid stimmt, prüfen wir gern am Telefon.", True),
    ("Zum Schutz Ihrer Daten klären wir Ihren Bescheid nicht hier öffentlich.", True),
    ("Ihr Bescheid ist korrekt.", False),
    ("Wir haben nachgesehen: Die Grundsteuer wurde richtig berechnet.", False),
    ("Ihr Einspruch wird abgelehnt.", False),
])
def test_no_individual_case_in_public(text, expected):
    assert ok(text, A06, "kein_einzelfall") is expected


@pytest.mark.parametrize("text,expected", [
    ("Die Feuerwache Nord öffnet am 12. Juni. Kinder dürfen selbst löschen.", True),
    ("12. Juni. 16 Uhr. Feuerwache Nord. https://www.musterstadt.example/feuerwehr", False),
    ("Feuerwehr Feuerwache Nord Tag offene Tür Kinder Löschen Spaß Juni Eintritt frei. Kommen Sie.", False),
])
def test_sentences_not_keywords(text, expected):
    assert ok(text, X, "in_saetzen") is expected


@pytest.mark.parametrize("text,expected", [
    ("Die Feuerwache Nord ist am 12. Juni von 10 bis 16 Uhr geöffnet.", True),
    ("Um 16 Uhr schließt die Feuerwache wieder.", True),
    ("Die Feuerwache Nord bleibt am 12. Juni geschlossen.", False),
    ("Kein Zutritt am 12. Juni.", False),
    ("Die Feuerwache öffnet am 12. Juni nicht.", False),
    ("Der Tag der offenen Tür ist abgesagt.", False),
])
def test_same_statement_as_the_source(text, expected):
    assert ok(text, X, "gleiche_aussage") is expected


def test_every_verdict_names_item_span_threshold_and_both_texts():
    j = judge_text("Keine Sorge. Holen Sie Ihr Auto ruhig aus der Tiefgarage.", A04)
    bad = j.result("keine_verharmlosung")
    assert not bad.ok and bad.spans and "Keine Sorge" in bad.fund
    assert bad.schwelle and bad.erklaerung and "Sie" in bad.rueckmeldung
    assert all(r.schwelle for r in j.items)
    assert any("Schwelle" in line for line in j.trainer_view())
    assert j.gesamt <= 20 and 0 <= min(j.scores.values()) <= max(j.scores.values()) <= 100


# Written after the fresh crisis test split showed good sets capped at 20 (issue #9): the categories were
# taken from the failing item ids, the sentences are new and were never in the corpus.
BRAND = rubric("krise_grossbrand")
CYBER = rubric("krise_cyberangriff")


@pytest.mark.parametrize("rub,text,expected", [
    (BRAND, "Die angebliche Sprengung im Stadtpark ist eine Falschmeldung.", True),
    (BRAND, "Im Netz heißt es, die Schulen sollen geräumt werden. Das stimmt nicht.", True),
    (BRAND, "Das angebliche Schreiben der Stadt ist gefälscht. Bitte öffnen Sie den Anhang nicht.", True),
    (BRAND, "Auf Facebook wird behauptet, angeblich trete Giftgas aus. Das ist nicht richtig.", True),
    (BRAND, "Gerüchten zufolge ist der Strom weg.", False),
    (BRAND, "Angeblich wurde die Bombe schon entschärft.", False),
    (BRAND, "Das ist vermutlich falsch, wir prüfen es.", False),
    (BRAND, "Es soll mehrere Verletzte gegeben haben.", False),
    (BRAND, "Angeblich ist das Trinkwasser nicht betroffen.", False),
    (CYBER, "Achtung: Es sind SMS im Umlauf, die angeblich von der Stadt kommen. Klicken Sie nicht auf den Link.",
     True),
    (CYBER, "Vorsicht vor E-Mails, die angeblich im Namen der Stadt Bankdaten abfragen. Das sind Betrugsversuche.",
     True),
    (CYBER, "Die SMS, die angeblich von uns stammt, ist nicht von der Stadt. Geben Sie dort keine Daten ein.", True),
    (CYBER, "Gerüchte über ein angeblich gezahltes Lösegeld stimmen nicht.", True),
    (CYBER, "Angeblich sind keine Daten abgeflossen.", False),
    (CYBER, "Die Daten wurden angeblich nicht kopiert. Bleiben Sie ruhig.", False),
    (CYBER, "Angeblich vom Rechenzentrum bestätigt: keine Daten weg.", False),
    (CYBER, "Die Angreifer kommen angeblich aus dem Ausland.", False),
])
def test_reported_speech_that_the_text_rejects_is_no_guess(rub, text, expected):
    assert ok(text, rub, "krise_spekulation") is expected


@pytest.mark.parametrize("text,expected", [
    ("Zu Verletzten können wir noch nichts sagen.", True),
    ("Über Verletzte ist bisher nichts bekannt.", True),
    ("Zur Zahl der Verletzten äußern wir uns, sobald sie feststeht.", True),
    ("Ob jemand verletzt wurde, ist noch offen.", True),
    ("Bisher sind uns keine Verletzten bekannt.", True),
    ("Verletzte wurden uns bislang nicht gemeldet.", True),
    ("Wir haben noch keine Erkenntnisse über Verletzte.", True),
    ("Es gibt bislang keine Hinweise auf Verletzte.", True),
    ("Verletzte: bisher keine bekannt.", True),
    ("Es gibt mehrere Verletzte.", False),
    ("Zum Glück ist niemand verletzt.", False),
    ("Es gibt keine Verletzten.", False),
    ("Verletzte gibt es nicht.", False),
    ("Alle sind unverletzt.", False),
    ("Es wurden Verletzte gemeldet.", False),
    ("Es gibt Hinweise auf Verletzte.", False),
    ("Die Feuerwehr hat sieben Verletzte ins Klinikum gebracht.", False),
])
def test_stating_what_is_known_about_casualties_is_no_claim(text, expected):
    # At minute 0 of "grossbrand" nothing about casualties is confirmed ("Angaben liegen nicht vor").
    assert ok(text, BRAND, "keine_unbestaetigten_zahlen") is expected


@pytest.mark.parametrize("text,expected", [
    ("Bitte Fenster und Türen schließen und die Lüftung ausschalten.", True),
    ("Wichtig für die Oststadt: Fenster geschlossen halten!", True),
    ("Großbrand im Gewerbegebiet Nord. Bitte den Bereich Industriestraße meiden. Fenster und Türen geschlossen "
     "halten. Mehr Infos folgen.", True),
    ("Brand Gewerbegebiet Nord. Rauch Oststadt. Fenster Türen Lüftung. NINA.", False),
    ("Brand, Feuer, Rauch, Fenster, Türen, Lüftung, NINA, Warnung", False),
])
def test_instructions_in_the_infinitive_are_sentences(text, expected):
    assert ok(text, BRAND, "in_saetzen") is expected
