"""Integrity of the legal knowledge base: cards, trees and quiz questions as shipped."""

from __future__ import annotations

import datetime as dt
import re
import textwrap

import pytest

from fakes import RESEARCH_DATE
from kommsocial._data import load_model
from kommsocial.errors import InputError
from kommsocial.legal import clear_cache, load_cards, load_quiz, load_trees
from kommsocial.legal.schema import STATUSES, THEMEN, Baum, KartenDatei, QuizDatei

# The fact file was corrected on this date; the cards that carry the corrections show it as their Stand.
CORRECTION_DATE = dt.date(2026, 12, 6)
CORRECTED_CARDS = {
    "urheber-panoramafreiheit", "urheber-creative-commons", "bild-beschaeftigte", "moderation-strafrecht",
    "moderation-strafanzeige",
}
# Cards completed later from a primary source found with the search tool (the source is named on the card).
LATER_RESEARCH = {"barriere-landesrecht": dt.date(2026, 12, 7), "ki-kennzeichnung-art50": dt.date(2026, 12, 7),
                  "presse-auskunftsanspruch": dt.date(2026, 12, 7), "presse-auskunft-grenzen": dt.date(2026, 12, 7),
                  "dienstrecht-private-profile": dt.date(2026, 12, 8)}

# Every case number in the project's legal fact file (shared/fakten/recht.md) with its date, copied verbatim:
# a card may only cite decisions from this list (no invented Aktenzeichen).
FACT_FILE_DECISIONS = {
    "2 U 16/25": "28.05.2025",
    "I ZR 228/03": "20.07.2006",
    "I-20 U 75/13": "13.08.2013",
    "C-210/16": "05.06.2018",
    "6 C 15/18": "11.09.2019",
    "4 LB 20/13": "25.11.2021",
    "13 K 1419/23": "22.07.2025",
    "11 LA 16/20": "19.01.2021",
    "14 K 3543/18": "23.10.2018",
    "5 A 2808/19": "28.11.2022",
    "8 AZR 1010/13": "11.12.2014",
    "8 AZR 1011/13": "19.02.2015",
    "C-34/21": "30.03.2023",
    "1 ABR 14/22": "09.05.2023",
    "2 B 131/07": "12.03.2008",
    "I ZR 247/15": "27.04.2017",
    "2-06 O 136/20": "25.11.2020",
    "I ZR 67/23": "23.10.2024",
    "I-4 U 247/21": "27.04.2023",
    "2 BvE 1/16": "27.02.2018",
    "2 BvE 1/19": "09.06.2020",
    "2 BvE 4/20, 5/20": "15.06.2022",
    "10 C 6.16": "13.09.2017",
    "15 A 2293/15": "04.11.2016",
    "M 7 E 15.136": "19.01.2015",
    "M 7 K 20.3380": "01.03.2021",
    "13 A 1535/21": "24.09.2024",
    "3 K 5339/19": "28.04.2021",
    "4 K 762/17.MZ": "13.04.2018",
    # Not in the fact file; found later with the search tool for the Pressearbeit module (card presse.yaml):
    # report of wbs-law.de on VG Hannover, Beschluss vom 24.01.2012 (§ 4 Abs. 2 NPresseG, weighing of interests).
    "6 B 498/12": "24.01.2012",
    # netzwerkrecherche Auskunftsrechtdatenbank, "NDS VG 7 A 1405/11 2011 LPG": only the year is known.
    "7 A 1405/11": "2011",
}
# Decisions the fact file cites without a case number.
FACT_FILE_UNNUMBERED = {("LG Aschaffenburg", "2011"), ("BVerfG", "1977")}

# Topics the fact file marks as unconfirmed/open/not found/ungeklärt → pattern in a card's offene_fragen.
OPEN_TOPICS = {
    "§ 5 DDG für kommunale Accounts": r"§ 5 DDG",
    "Berufung VG Köln / OVG Münster": r"OVG Münster",
    "Landes-BGG und Drittplattformen": r"Landesgesetze|§ 12a Abs\. 8 BGG",
    "Altersgrenze Kinder": r"Altersgrenze",
    "Digital Omnibus": r"Digital Omnibus",
    "kein rein kommunaler Sperr-Fall": r"kommunaler Fall",
    "nicht geprüfte UrhG-Normen": r"§ 72",
    "Jahr der DIN SPEC 33429": r"DIN SPEC 33429",
    "Verhältnis KUG/DSGVO": r"KUG und DSGVO",
}

TREE_IDS = {"foto", "kommentar", "vorwahlzeit", "impressum", "fremdinhalte", "ki-kennzeichnung"}


@pytest.fixture(scope="module")
def cards():
    return load_cards()


def test_at_least_30_cards_cover_every_topic(cards):
    assert len(cards) >= 30
    topics = {k.thema for k in cards.values()}
    assert topics == set(THEMEN)


@pytest.mark.parametrize("needle", [
    "Impressum", "Fanpage", "Beschäftigte", "Kinder", "Versammlung", "Musik", "Creative Commons",
    "Bilddatenbank", "Zitat", "Panoramafreiheit", "Vorwahlzeit", "Sperr", "Netiquette", "barrierefrei",
    "Art. 50",
])
def test_required_subjects_have_a_card(cards, needle):
    hits = [k.id for k in cards.values() if needle.lower() in (k.titel + k.kernaussage + k.details).lower()]
    assert hits, f"no card covers {needle!r}"


def test_redaktionsplan_card_exists(cards):
    karte = cards["neutralitaet-vorwahlzeit"]
    assert karte.thema == "neutralitaet"
    assert "Zurückhaltung" in karte.kernaussage


def test_every_card_has_source_stand_and_valid_status(cards):
    for k in cards.values():
        assert k.quellen and all(q.strip() for q in k.quellen), k.id
        expected = LATER_RESEARCH.get(k.id, CORRECTION_DATE if k.id in CORRECTED_CARDS else RESEARCH_DATE)
        assert k.stand == expected, k.id
        assert k.status in STATUSES, k.id
        assert (k.status != "gesichert") == bool(k.offene_fragen), k.id


def test_decisions_only_from_fact_file(cards):
    for k in cards.values():
        for e in k.entscheidungen:
            if e.aktenzeichen is None:
                assert (e.gericht, e.datum) in FACT_FILE_UNNUMBERED, (k.id, e)
            else:
                assert e.aktenzeichen in FACT_FILE_DECISIONS, (k.id, e.aktenzeichen)
                assert e.datum == FACT_FILE_DECISIONS[e.aktenzeichen], (k.id, e.aktenzeichen)


@pytest.mark.parametrize("topic", sorted(OPEN_TOPICS))
def test_unconfirmed_fact_topics_are_open_on_their_card(cards, topic):
    pattern = re.compile(OPEN_TOPICS[topic])
    marked = [k for k in cards.values() if any(pattern.search(q) for q in k.offene_fragen)]
    assert marked, f"no card lists {topic!r} under offene_fragen"
    for k in marked:
        assert k.status in ("offen", "umstritten"), k.id


def test_federal_norms_are_labelled_and_land_law_mentioned(cards):
    for k in cards.values():
        for n in k.normen:
            if n.ebene == "Bund":
                assert n.label.endswith("(Bundesnorm)")
            # BDSG and BGG bind the Bund; municipalities fall under Land law – the card must say so.
            if n.ebene == "Bund" and re.search(r"\b(BDSG|BGG|EGovG|BITV 2\.0)", n.norm):
                assert k.hinweis_landesrecht, f"{k.id} cites {n.norm} without hinweis_landesrecht"


def test_all_trees_present_and_verdicts_cite_existing_cards(cards):
    trees = load_trees()
    assert set(trees) == TREE_IDS
    for baum in trees.values():
        for uid, urteil in baum.urteile.items():
            assert urteil.karten, (baum.id, uid)
            for ref in urteil.karten:
                assert ref in cards, (baum.id, uid, ref)


def test_quiz_bank_size_types_and_references(cards):
    fragen = load_quiz()
    assert len(fragen) >= 60
    assert {f.typ for f in fragen} == {"einfach", "mehrfach", "wahr_falsch"}
    assert len({f.id for f in fragen}) == len(fragen)
    for f in fragen:
        options = {o.id for o in f.optionen}
        assert set(f.richtig) <= options, f.id
        assert f.erklaerung.strip(), f.id
        assert all(ref in cards for ref in f.karten), f.id


# --- Schema rejects broken data with German, line-numbered errors --------------------------------

CARD = """\
karten:
  - id: test-karte
    titel: Testkarte
    thema: impressum
    kernaussage: Eine Kernaussage für den Test.
    details: Details für den Test der Karte.
    quellen: [Testquelle]
    stand: 2026-11-21
    status: {status}
"""


def test_malformed_card_reports_line_and_field_in_german(tmp_path):
    with pytest.raises(InputError) as exc:
        load_model(KartenDatei, tmp_path / "k.yaml", text=CARD.format(status="sicher"))
    msg = str(exc.value)
    assert "Zeile 9" in msg and "status" in msg and "unzulässiger Wert" in msg


def test_yaml_syntax_error_reports_line(tmp_path):
    folder = tmp_path / "daten"
    (folder / "karten").mkdir(parents=True)
    (folder / "karten" / "kaputt.yaml").write_text(
        CARD.format(status="gesichert").replace("titel: Testkarte", "titel: [Testkarte"), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_cards(folder)
    assert "kaputt.yaml" in str(exc.value) and "Zeile" in str(exc.value)
    assert "YAML-Syntaxfehler" in str(exc.value)


def test_open_status_needs_open_questions(tmp_path):
    with pytest.raises(InputError) as exc:
        load_model(KartenDatei, tmp_path / "k.yaml", text=CARD.format(status="offen"))
    assert "offene_fragen" in str(exc.value)


def test_card_without_source_is_rejected(tmp_path):
    text = CARD.format(status="gesichert").replace("quellen: [Testquelle]", "quellen: []")
    with pytest.raises(InputError) as exc:
        load_model(KartenDatei, tmp_path / "k.yaml", text=text)
    assert "Zeile 7" in str(exc.value) and "quellen" in str(exc.value)


def test_duplicate_card_id_and_unknown_card_reference(tmp_path):
    folder = tmp_path / "daten"
    for sub in ("karten", "baeume", "quiz"):
        (folder / sub).mkdir(parents=True)
    (folder / "karten" / "a.yaml").write_text(CARD.format(status="gesichert"), encoding="utf-8")
    (folder / "quiz" / "q.yaml").write_text(textwrap.dedent("""\
        fragen:
          - id: q1
            thema: impressum
            typ: wahr_falsch
            frage: Eine Testfrage?
            richtig: [wahr]
            erklaerung: Eine Erklärung zur Frage.
            karten: [gibt-es-nicht]
        """), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_quiz(folder)
    assert "gibt-es-nicht" in str(exc.value)
    (folder / "karten" / "b.yaml").write_text(CARD.format(status="gesichert"), encoding="utf-8")
    clear_cache()
    with pytest.raises(InputError) as exc:
        load_cards(folder)
    assert "doppelt" in str(exc.value)
    clear_cache()


TREE = """\
id: test
titel: Testbaum
beschreibung: Ein Baum nur für den Test.
thema: bildrechte
stand: 2026-11-21
start: a
knoten:
  a:
    frage: Frage A?
    antworten:
      - {{id: x, text: X, weiter: {a_x}}}
      - {{id: y, text: Y, weiter: ende}}
  b:
    frage: Frage B?
    antworten:
      - {{id: x, text: X, weiter: {b_x}}}
      - {{id: y, text: Y, weiter: ende}}
urteile:
  ende:
    ergebnis: Ende
    ampel: gruen
    begruendung: Begründung für das Ende.
    karten: [bild-kinder]
"""


@pytest.mark.parametrize(("a_x", "b_x", "expected"), [
    ("b", "a", "Kreis"),            # a → b → a
    ("ende", "ende", "Nicht erreichbar"),  # b is never reached
    ("nirgends", "ende", "gibt es nicht"),  # dead reference
])
def test_tree_graph_errors(tmp_path, a_x, b_x, expected):
    with pytest.raises(InputError) as exc:
        load_model(Baum, tmp_path / "t.yaml", text=TREE.format(a_x=a_x, b_x=b_x))
    assert expected in str(exc.value)


def test_tree_node_without_answers_is_rejected(tmp_path):
    # A question without answers would be a dead end for the user.
    text = TREE.format(a_x="b", b_x="ende")
    b_answers = "      - {id: x, text: X, weiter: ende}\n      - {id: y, text: Y, weiter: ende}\n"
    assert b_answers in text
    text = text.replace("    frage: Frage B?\n    antworten:\n" + b_answers, "    frage: Frage B?\n    antworten: []\n")
    with pytest.raises(InputError) as exc:
        load_model(Baum, tmp_path / "t.yaml", text=text)
    assert "knoten.b.antworten" in str(exc.value) and "zu wenige" in str(exc.value)


def test_sound_tree_passes(tmp_path):
    baum = load_model(Baum, tmp_path / "t.yaml", text=TREE.format(a_x="b", b_x="ende"))
    assert baum.start == "a" and set(baum.urteile) == {"ende"}


@pytest.mark.parametrize(("change", "expected"), [
    (("richtig: [a]", "richtig: [z]"), "gibt es nicht"),
    (("richtig: [a]", "richtig: [a, b]"), "genau eine"),
    (("typ: einfach", "typ: multiple"), "unzulässiger Wert"),
])
def test_quiz_question_errors(tmp_path, change, expected):
    text = textwrap.dedent("""\
        fragen:
          - id: q1
            thema: impressum
            typ: einfach
            frage: Eine Testfrage?
            optionen:
              - {id: a, text: A}
              - {id: b, text: B}
            richtig: [a]
            erklaerung: Eine Erklärung zur Frage.
            karten: [impressum-ddg-5]
        """).replace(*change)
    with pytest.raises(InputError) as exc:
        load_model(QuizDatei, tmp_path / "q.yaml", text=text)
    assert expected in str(exc.value)


# --- The facts corrected in the fact file on 06.12.2026, checked where a user meets them ---------------------

def _walk(tree_id: str, *answers: str):
    from kommsocial.legal.tree import TreeSession

    session = TreeSession(load_trees()[tree_id])
    for answer in answers:
        session.answer(answer)
    assert session.finished, (tree_id, answers)
    return session.verdict


def _quiz(qid: str):
    return next(f for f in load_quiz() if f.id == qid)


def test_drone_photos_are_not_covered_by_panoramafreiheit(cards):
    karte = cards["urheber-panoramafreiheit"]
    assert {(e.gericht, e.datum, e.aktenzeichen) for e in karte.entscheidungen} >= {
        ("BGH", "23.10.2024", "I ZR 67/23"), ("OLG Hamm", "27.04.2023", "I-4 U 247/21")}
    text = karte.kernaussage + karte.details
    assert re.search(r"Drohne\w* .*nicht", text), text
    assert "überholt" in text  # LG Frankfurt 2020 is no longer the law
    frage = _quiz("urheber-06")
    assert "Drohne" in frage.frage and frage.richtig == ["falsch"] and "I ZR 67/23" in frage.erklaerung
    urteil = _walk("foto", "nein", "drohne")
    assert urteil.ampel != "gruen" and "urheber-panoramafreiheit" in urteil.karten
    assert "I ZR 67/23" in urteil.begruendung
    # The ordinary street view stays free.
    assert _walk("foto", "nein", "oeffentlicher-weg").ampel == "gruen"


def _user_texts() -> list[tuple[str, str]]:
    texts = []
    for k in load_cards().values():
        aussagen = [e.aussage or "" for e in k.entscheidungen]
        texts.append((k.id, " ".join([k.titel, k.kernaussage, k.details, *aussagen])))
    for f in load_quiz():
        texts.append((f.id, f.frage + " " + f.erklaerung))
    for baum in load_trees().values():
        for uid, u in baum.urteile.items():
            texts.append((f"{baum.id}/{uid}", u.ergebnis + " " + u.begruendung))
        for nid, n in baum.knoten.items():
            texts.append((f"{baum.id}/{nid}", n.frage + " " + (n.hilfe or "")))
    return texts


def test_withdrawal_needs_no_reason_and_old_bag_rulings_are_marked_pre_dsgvo(cards):
    karte = cards["bild-beschaeftigte"]
    assert "jederzeit" in karte.kernaussage and "ohne Angabe von Gründen" in karte.kernaussage
    assert "Art. 7 Abs. 3 DSGVO" in [n.norm for n in karte.normen]
    assert "plausibl" not in karte.kernaussage
    for e in karte.entscheidungen:
        if e.aktenzeichen in ("8 AZR 1010/13", "8 AZR 1011/13"):
            assert "vor der DSGVO" in e.aussage, e
        if e.aktenzeichen == "C-34/21":
            assert "HDSIG" in e.aussage, e
    # Wherever the "plausible reason" of 2015 is mentioned, the same text says it predates the DSGVO.
    for where, text in _user_texts():
        if "plausib" in text:
            assert "älter als die DSGVO" in text or "vor der DSGVO" in text, where
    frage = _quiz("bild-02")
    assert frage.richtig == ["falsch"] and "Art. 7 Abs. 3 DSGVO" in frage.erklaerung


def test_section_188_covers_local_politicians_since_april_2021(cards):
    karte = cards["moderation-strafrecht"]
    assert karte.status == "gesichert" and not karte.offene_fragen
    assert "§ 188 StGB" in karte.kernaussage + karte.details and "03.04.2021" in karte.kernaussage + karte.details
    frage = _quiz("moderation-07")
    assert "03.04.2021" in frage.frage and frage.richtig == ["wahr"]
    for where, text in _user_texts():
        if "§ 188" in text:
            assert not re.search(r"unbestätigt|ungeklärt|offen", text), where


def test_criminal_complaint_card_names_deadline_superior_and_evidence(cards):
    karte = cards["moderation-strafanzeige"]
    text = karte.kernaussage + karte.details
    for needle in ("§ 77b StGB", "drei Monat", "§ 194 Abs. 3 StGB", "Dienstvorgesetzt", "§ 241 StGB",
                   "von Amts wegen", "Screenshot"):
        assert needle in text, needle


def test_creative_commons_attribution_includes_the_licence_link(cards):
    karte = cards["urheber-creative-commons"]
    assert "Link" in karte.kernaussage and "Lizenz" in karte.kernaussage
    assert any("creativecommons.org/licenses/by/4.0" in q for q in karte.quellen)


def test_press_information_cards_state_only_the_sourced_facts(cards):
    anspruch = cards["presse-auskunftsanspruch"]
    assert anspruch.thema == "presse" and anspruch.status == "gesichert"
    assert "§ 4 Abs. 1 NPresseG" in [n.norm for n in anspruch.normen]
    assert all(n.ebene == "Land" for n in anspruch.normen)
    assert "Verbraucherinformationsgesetz" in anspruch.details and anspruch.hinweis_landesrecht
    grenzen = cards["presse-auskunft-grenzen"]
    text = grenzen.kernaussage + grenzen.details
    for needle in ("§ 4 Abs. 2 NPresseG", "Geheimhaltung", "§ 4 Abs. 2 Nr. 3 NPresseG", "Art. 5 Abs. 1 GG",
                   "Abwägung", "Landespressegesetz NRW"):
        assert needle in text, needle
    assert {(e.gericht, e.datum, e.aktenzeichen) for e in grenzen.entscheidungen} == {
        ("VG Hannover", "24.01.2012", "6 B 498/12"), ("VG (Niedersachsen)", "2011", "7 A 1405/11")}
    # Only two grounds are confirmed for Niedersachsen: the card says so and names no others for the NPresseG.
    assert grenzen.status == "offen" and any("nicht bestätigt" in q for q in grenzen.offene_fragen)
    npresseg_part = grenzen.kernaussage
    for unconfirmed in ("schwebend", "zumutbar"):
        assert unconfirmed not in npresseg_part, unconfirmed
    assert grenzen.hinweis_landesrecht
