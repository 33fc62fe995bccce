"""Triage scoring: single main action, full action sets, tabu actions, rounds and mappings."""

from __future__ import annotations

import pytest

from kommsocial.community import TriageSession, bewerte, bewerte_zuordnung, get_comment
from kommsocial.community.triage import MAX_PUNKTE, parse_choice
from kommsocial.errors import InputError


def test_single_main_action_is_right():
    b = bewerte(get_comment("drohung-blitzer"), "melden")
    assert (b.urteil, b.punkte) == ("richtig", 2)
    assert b.fehlend == () and b.tabu == {}


def test_single_action_from_the_set_but_not_the_main_one_is_partial():
    b = bewerte(get_comment("drohung-blitzer"), "dokumentieren")
    assert (b.urteil, b.punkte) == ("teilweise", 1)
    assert b.fehlend == ("melden",)
    assert any("Es fehlt: melden" in line for line in b.rueckmeldung())


def test_tabu_action_scores_zero_with_its_reason():
    b = bewerte(get_comment("kritik-baustelle"), "Löschen")
    assert (b.urteil, b.punkte) == ("falsch", 0)
    assert set(b.tabu) == {"loeschen"}
    assert "Meinungsfreiheit" in b.tabu["loeschen"] or "Eingriff" in b.tabu["loeschen"]
    assert b.karten and "moderation-sperre-ermaechtigung" in b.karten


def test_full_set_is_right_and_order_or_spelling_do_not_matter():
    k = get_comment("drohung-buergermeisterin")
    b = bewerte(k, [" Ausblenden", "MELDEN", "dokumentieren"])
    assert b.urteil == "richtig" and b.ueberfluessig == ()


def test_set_with_main_action_but_missing_steps_is_partial():
    b = bewerte(get_comment("drohung-buergermeisterin"), ["melden"])
    assert b.urteil == "teilweise"
    assert set(b.fehlend) == {"dokumentieren", "ausblenden"}


def test_acceptable_extra_keeps_full_marks_but_unneeded_extra_does_not():
    k = get_comment("beleidigung-buergerbuero")
    assert bewerte(k, ["ausblenden", "dokumentieren", "antworten"]).urteil == "richtig"  # antworten is auch_ok
    b = bewerte(k, ["ausblenden", "dokumentieren", "melden"])
    assert b.urteil == "teilweise" and b.ueberfluessig == ("melden",)


def test_set_without_main_action_is_wrong():
    b = bewerte(get_comment("spam-gewinnspiel"), ["loeschen"])
    assert b.urteil == "falsch" and "melden" in b.fehlend


def test_tabu_in_a_set_spoils_the_whole_choice():
    b = bewerte(get_comment("beleidigung-buergerbuero"), ["ausblenden", "dokumentieren", "sperren"])
    assert b.urteil == "falsch" and "sperren" in b.tabu


def test_repeated_massive_insults_after_warnings_allow_a_ban():
    assert bewerte(get_comment("beleidigung-wiederholt"), "sperren").urteil == "richtig"
    assert bewerte(get_comment("beleidigung-buergerbuero"), "sperren").urteil == "falsch"


@pytest.mark.parametrize("bad", ["wegschauen", "", 3, None, {"a": 1}, []])
def test_unusable_choices_raise_input_error(bad):
    with pytest.raises(InputError):
        parse_choice(bad)


def test_mapping_scores_sum_and_lists_missing_ids():
    result = bewerte_zuordnung(
        {"lob-emoji": "ignorieren", "frage-radweg": "ignorieren", "spam-geld": "löschen"},
        erwartet=["lob-emoji", "frage-radweg", "spam-geld", "hass-gewaltaufruf"],
    )
    assert [b.urteil for b in result.bewertungen] == ["richtig", "falsch", "richtig"]
    assert result.punkte == 4 and result.richtig == 2
    assert result.fehlend == ["hass-gewaltaufruf"]
    assert result.max_punkte == 4 * MAX_PUNKTE
    with pytest.raises(InputError, match="gibt es nicht"):
        bewerte_zuordnung({"unbekannt": "melden"})


def test_session_walks_a_round_and_summarises_by_category():
    ids = ["lob-winterdienst", "drohung-ordnungsamt", "spam-fensterputz"]
    s = TriageSession([get_comment(i) for i in ids])
    assert s.current.id == "lob-winterdienst"
    s.decide(["antworten"])
    again = s.decide(["loeschen"])  # a second decision does not overwrite the first
    assert again.urteil == "richtig"
    s.next()
    s.decide(["ignorieren"])
    s.next()
    s.decide(["ausblenden"])
    assert s.next() is None and s.finished
    summary = s.summary()
    assert summary["punkte"] == 4 and summary["max_punkte"] == 6 and summary["richtig"] == 2
    assert summary["kategorien"] == {"lob": [2, 2], "drohung": [0, 2], "spam": [2, 2]}
    with pytest.raises(InputError):
        s.decide("melden")


def test_recommendation_names_the_main_action_only_when_there_are_several():
    from kommsocial.community.bank import comments

    single = next(k for k in comments().values() if list(k.aktionen) == [k.haupt])
    line = [x for x in bewerte(single, single.haupt).rueckmeldung() if x.startswith("Empfohlen")][0]
    assert "vor allem" not in line, line
    several = get_comment("drohung-blitzer")
    assert len(several.aktionen) > 1
    line = [x for x in bewerte(several, "melden").rueckmeldung() if x.startswith("Empfohlen")][0]
    assert "(vor allem: melden)" in line, line
