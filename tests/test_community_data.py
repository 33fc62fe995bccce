"""Comment bank and Netiquette data: schema, card references, coverage of categories and actions."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from kommsocial.community import load_bank, load_netiquette
from kommsocial.community.bank import bank_path, draw, get_comment
from kommsocial.community.reply import pruefe_antwort, regeln
from kommsocial.community.schema import AKTIONEN, KATEGORIEN, Kommentar
from kommsocial.errors import InputError
from kommsocial.legal import load_cards

BANK = load_bank()
CARDS = load_cards()


def test_bank_has_at_least_30_comments_covering_every_required_category():
    assert len(BANK.kommentare) >= 30
    cats = Counter(k.kategorie for k in BANK.kommentare)
    required = {"lob", "frage", "beschwerde", "sarkasmus", "beleidigung", "drohung", "spam",
                "falschinformation", "personenbezogene_daten", "hassrede", "off_topic"}
    assert required <= set(cats)
    assert set(cats) <= set(KATEGORIEN)


def test_every_action_is_the_main_action_somewhere():
    assert {k.haupt for k in BANK.kommentare} == set(AKTIONEN)


@pytest.mark.parametrize("k", BANK.kommentare, ids=lambda k: k.id)
def test_comment_is_consistent(k: Kommentar):
    assert k.haupt in k.aktionen
    assert set(k.aktionen) <= set(AKTIONEN)
    assert len(k.begruendung) >= 20
    assert all(c in CARDS for c in k.karten), "card ids must resolve against kommsocial.legal"
    assert not (set(k.tabu) & (set(k.aktionen) | set(k.auch_ok)))
    if k.haupt == "antworten" or "antworten" in k.aktionen:
        assert k.musterantwort, "a comment that needs an answer comes with a sample reply"


@pytest.mark.parametrize("k", [k for k in BANK.kommentare if k.musterantwort], ids=lambda k: k.id)
def test_every_sample_reply_passes_the_reply_checker(k: Kommentar):
    result = pruefe_antwort(k.musterantwort, k.plattform, kommentar=k)
    assert result.ampel == "gruen", [p.meldung for p in result.probleme]


def test_cards_cited_for_strafbar_and_sperre_match_the_facts():
    # A comment whose main action is melden cites the reporting cards; sperren cites the OVG Münster card.
    for k in BANK.kommentare:
        if k.haupt == "melden" and k.kategorie != "spam":
            assert "moderation-meldestellen" in k.karten or "moderation-dsa-meldung" in k.karten, k.id
        if "sperren" in k.aktionen:
            assert "moderation-sperre-ermaechtigung" in k.karten, k.id
            assert k.kontext and "hingewiesen" in k.kontext, "a Sperre needs earlier, milder steps"


def test_sperren_is_never_recommended_for_a_single_violation():
    singles = [k for k in BANK.kommentare if not (k.kontext and "hingewiesen" in k.kontext)]
    assert singles
    assert not [k.id for k in singles if "sperren" in k.aktionen or "sperren" in k.auch_ok]
    insults = [k for k in singles if k.kategorie == "beleidigung"]
    assert insults and all("sperren" in k.tabu for k in insults)


def test_questions_must_not_be_ignored():
    for k in BANK.kommentare:
        if k.kategorie == "frage":
            assert "ignorieren" in k.tabu and k.pflichtangaben, k.id


def test_unknown_card_id_is_reported_with_file_and_field(tmp_path: Path):
    text = bank_path().read_text(encoding="utf-8").replace("karten: [praxis-dstgb-guidelines]\n",
                                                           "karten: [gibt-es-nicht]\n", 1)
    broken = tmp_path / "kommentare.yaml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_bank(broken)
    assert "gibt-es-nicht" in str(exc.value) and str(broken) in str(exc.value)


def test_schema_error_names_line_and_field(tmp_path: Path):
    text = bank_path().read_text(encoding="utf-8")
    text = re.sub(r"haupt: ignorieren", "haupt: wegschauen", text, count=1)
    broken = tmp_path / "kommentare.yaml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_bank(broken)
    msg = str(exc.value)
    assert "Zeile" in msg and "haupt" in msg and "unzulässiger Wert" in msg


def test_main_action_must_be_part_of_the_recommendation():
    with pytest.raises(ValueError, match="Hauptaktion"):
        Kommentar(id="x", kategorie="spam", beitrag="Beitrag", autor="A. B.", text="Kauf!", haupt="melden",
                  aktionen=["loeschen"], begruendung="Werbung ist nach der Netiquette nicht erlaubt.",
                  karten=["moderation-netiquette"])


def test_draw_is_reproducible_and_mixes_categories():
    a = [k.id for k in draw(8, seed=5)]
    assert a == [k.id for k in draw(8, seed=5)]
    assert len(a) == len(set(a)) == 8
    assert len({get_comment(i).kategorie for i in a}) == 8  # round robin over categories
    assert {k.kategorie for k in draw(None, kategorie="drohung")} == {"drohung"}
    with pytest.raises(InputError):
        draw(3, kategorie="unbekannt")
    with pytest.raises(InputError):
        get_comment("gibt-es-nicht")


def test_netiquette_template_cards_resolve_and_mandatory_blocks_exist():
    vorlage = load_netiquette()
    assert all(c in CARDS for b in vorlage.bausteine for c in b.karten)
    mandatory = {b.id for b in vorlage.bausteine if b.pflicht}
    assert {"respekt", "hass", "daten", "sperre", "antwortzeit"} <= mandatory


def test_reply_rules_cover_every_platform_with_a_limit():
    from kommsocial import platforms

    assert set(regeln().laenge) <= set(platforms.platform_ids())
