"""Decision-tree navigation, quiz drawing and scoring, and the Impressum check."""

from __future__ import annotations

import pytest

from fakes import RESEARCH_DATE
from kommsocial.errors import InputError
from kommsocial.legal import (
    TreeSession,
    all_paths,
    check_impressum,
    draw,
    load_cards,
    load_quiz,
    load_tree,
    load_trees,
    score,
)
from kommsocial.legal.impressum import ImpressumProfil

# --- Decision trees ------------------------------------------------------------------------------


@pytest.mark.parametrize("tree_id", sorted(load_trees()))
def test_every_path_of_every_tree_ends_in_a_verdict(tree_id):
    baum = load_tree(tree_id)
    reached = set()
    paths = list(all_paths(baum))
    assert paths
    for steps, verdict_id in paths:
        s = TreeSession(baum)
        for node_id, answer_id in steps:
            assert s.position == node_id and s.current is not None and s.verdict is None
            s.answer(answer_id)
        assert s.finished and s.current is None
        assert s.verdict == baum.urteile[verdict_id]
        assert [p.antwort_id for p in s.path] == [a for _, a in steps]
        reached.add(verdict_id)
        # Walking back all the way returns to the start question.
        for _ in steps:
            assert s.back()
        assert s.position == baum.start and s.path == [] and not s.back()
    assert reached == set(baum.urteile), "some verdicts are never reached"


def test_foto_tree_staff_with_and_without_consent():
    s = TreeSession(load_tree("foto"))
    assert s.current.frage.startswith("Sind auf dem Foto Personen")
    s.answer("ja")
    s.answer("beschaeftigte")
    s.answer("ja")
    assert s.verdict.ampel == "gruen" and "Einwilligung" in s.verdict.ergebnis
    assert "bild-beschaeftigte" in s.verdict.karten
    assert s.back()
    assert s.verdict is None and s.current.frage.startswith("Liegt von allen")
    s.answer("nein")
    assert s.verdict.ampel == "rot"
    assert [p.knoten_id for p in s.path] == ["personen", "wer", "einwilligung_beschaeftigte"]


def test_vorwahlzeit_tree_rejects_performance_report():
    s = TreeSession(load_tree("vorwahlzeit"))
    for answer in ("nein", "ja", "bilanz"):
        s.answer(answer)
    assert s.verdict.ampel == "rot"
    assert "neutralitaet-vorwahlzeit" in s.verdict.karten


def test_tree_session_errors_in_german():
    s = TreeSession(load_tree("ki-kennzeichnung"))
    with pytest.raises(InputError) as exc:
        s.answer("vielleicht")
    assert "passt nicht" in str(exc.value) and "ja" in str(exc.value)
    s.answer("nein")
    with pytest.raises(InputError) as exc:
        s.answer("ja")
    assert "schon am Ende" in str(exc.value)
    s.reset()
    assert s.position == "ki" and s.path == []


def test_unknown_tree_id():
    with pytest.raises(InputError) as exc:
        load_tree("wetter")
    assert "foto" in str(exc.value)


# --- Quiz ----------------------------------------------------------------------------------------


def test_draw_is_reproducible_and_distinct():
    a = draw(15, seed=7)
    b = draw(15, seed=7)
    c = draw(15, seed=8)
    assert [q.id for q in a] == [q.id for q in b]
    assert [q.id for q in a] != [q.id for q in c]
    assert len({q.id for q in a}) == 15


def test_draw_by_topic_and_more_than_available():
    ki = [q for q in load_quiz() if q.thema == "ki"]
    drawn = draw(100, seed=1, thema="ki")
    assert sorted(q.id for q in drawn) == sorted(q.id for q in ki)
    with pytest.raises(InputError):
        draw(5, seed=1, thema="wetter")
    with pytest.raises(InputError):
        draw(0)


def _question(typ: str):
    return next(q for q in load_quiz() if q.typ == typ)


def test_score_single_choice():
    q = _question("einfach")
    right = q.richtig[0]
    wrong = next(o.id for o in q.optionen if o.id != right)
    ok, bad = score(q, right), score(q, wrong)
    assert ok.correct and not bad.correct
    assert ok.erklaerung == q.erklaerung and bad.richtig == (right,)
    assert set(bad.karten) <= set(load_cards())


def test_score_multiple_choice_needs_exact_set():
    q = _question("mehrfach")
    assert score(q, list(q.richtig)).correct
    assert score(q, reversed(q.richtig)).correct
    assert not score(q, q.richtig[:-1]).correct
    extra = [o.id for o in q.optionen if o.id not in q.richtig]
    assert extra, "multiple-choice question without a wrong option"
    assert not score(q, [*q.richtig, extra[0]]).correct


def test_score_true_false_with_bool_and_id():
    q = _question("wahr_falsch")
    truth = q.richtig[0] == "wahr"
    assert score(q, truth).correct
    assert not score(q, not truth).correct
    assert score(q, q.richtig[0]).correct


def test_score_rejects_unknown_options():
    with pytest.raises(InputError) as exc:
        score(_question("einfach"), "zz")
    assert "zz" in str(exc.value)
    with pytest.raises(InputError):
        score(_question("einfach"), True)


# --- Impressum check -----------------------------------------------------------------------------

GOOD = {
    "plattform": "Instagram",
    "behoerde": "Stadt Musterstadt",
    "anschrift": "Rathausplatz 1, 12345 Musterstadt",
    "vertretungsberechtigt": "Bürgermeisterin Erika Beispiel, Rathausplatz 1, 12345 Musterstadt",
    "kontakt": "presse@musterstadt.example",
    "link_text": "Impressum",
    "klicks": 1,
}


def test_complete_profile_is_green_but_keeps_ddg_open():
    r = check_impressum(GOOD)
    assert r.ampel == "gruen"
    assert r.regeln() == {"ddg-offen"}
    assert r.befunde[0].schwere == "hinweis" and "impressum-ddg-kommunal" in r.karten()


def test_missing_details_and_bad_link_are_errors_citing_cards():
    r = check_impressum({"plattform": "Facebook", "behoerde": "Stadt Musterstadt", "link_text": "Info",
                         "klicks": 3})
    assert r.ampel == "rot"
    assert {"anschrift-fehlt", "vertretung-fehlt", "link-info", "zu-viele-klicks"} <= r.regeln()
    by_rule = {b.regel: b for b in r.befunde}
    assert "impressum-olg-braunschweig" in by_rule["zu-viele-klicks"].karten
    assert "impressum-zwei-klicks" in by_rule["zu-viele-klicks"].karten
    assert "impressum-social-media" in by_rule["link-info"].karten
    assert all(set(b.karten) <= set(load_cards()) for b in r.befunde)


def test_two_clicks_are_fine_three_are_not():
    assert "zu-viele-klicks" not in check_impressum({**GOOD, "klicks": 2}).regeln()
    assert "zu-viele-klicks" in check_impressum({**GOOD, "klicks": 3}).regeln()


def test_unclear_label_is_a_warning_citing_medienanstalt():
    r = check_impressum({**GOOD, "link_text": "Mehr über uns"})
    assert r.ampel == "gelb"
    b = next(b for b in r.befunde if b.regel == "link-unklar")
    assert b.karten == ("impressum-social-media",)
    assert check_impressum({**GOOD, "link_text": "Kontakt & Impressum"}).ampel == "gruen"


def test_responsible_person_only_for_editorial_offers():
    assert "verantwortlich-fehlt" not in check_impressum(GOOD).regeln()
    r = check_impressum({**GOOD, "journalistisch_redaktionell": True})
    assert "verantwortlich-fehlt" in r.regeln() and r.ampel == "rot"
    b = next(b for b in r.befunde if b.regel == "verantwortlich-fehlt")
    assert b.karten == ("impressum-mstv-18-2",)
    r = check_impressum({**GOOD, "journalistisch_redaktionell": True, "verantwortlich": "Max Muster",
                         "verantwortlich_anschrift": "Rathausplatz 1, 12345 Musterstadt"})
    assert r.ampel == "gruen"


def test_scrolling_missing_postcode_and_missing_link():
    r = check_impressum({**GOOD, "nach_langem_scrollen": True, "anschrift": "Rathausplatz 1, Musterstadt"})
    assert {"scrollen", "anschrift-unvollstaendig"} <= r.regeln() and r.ampel == "gelb"
    r = check_impressum({**GOOD, "link_text": "", "klicks": None})
    assert "link-fehlt" in r.regeln() and r.ampel == "rot"


def test_profile_model_and_bad_input():
    r = check_impressum(ImpressumProfil(**GOOD))
    assert r.to_dict()["ampel"] == "gruen"
    with pytest.raises(InputError) as exc:
        check_impressum({**GOOD, "klicks": -1})
    assert "klicks" in str(exc.value)
    with pytest.raises(InputError) as exc:
        check_impressum({**GOOD, "klickz": 1})
    assert "klickz" in str(exc.value)


# --- Freshness -----------------------------------------------------------------------------------


def test_months_before_clamps_to_month_end():
    import datetime as dt

    from kommsocial.legal import months_before

    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2024, 3, 31), 1) == dt.date(2024, 2, 29)
    assert months_before(dt.date(2026, 1, 15), 13) == dt.date(2024, 12, 15)
    assert months_before(dt.date(2026, 11, 21), 0) == dt.date(2026, 11, 21)


def test_stale_cards_with_injected_today():
    import datetime as dt

    from kommsocial.legal import stale_cards

    assert stale_cards(12, today=dt.date(2027, 11, 21)) == []
    # A day later the cards researched on 21.11.2026 are stale, the ones corrected later not yet.
    stale = stale_cards(12, today=dt.date(2027, 11, 22))
    older = [k for k in load_cards().values() if k.stand == RESEARCH_DATE]
    assert 0 < len(older) < len(load_cards())
    assert len(stale) == len(older)
    # A year and a day after the newest card, every card is stale.
    newest = max(k.stand for k in load_cards().values())
    assert len(stale_cards(12, today=newest.replace(year=newest.year + 1) + dt.timedelta(days=1))) == len(load_cards())
    assert stale_cards(0, today=RESEARCH_DATE) == []
    with pytest.raises(InputError):
        stale_cards(-1)


def test_shipped_example_profiles():
    from pathlib import Path

    from kommsocial.legal import load_profile

    folder = Path(__import__("kommsocial.legal.beispiele", fromlist=["x"]).__file__).parent
    gaps = check_impressum(load_profile(folder / "impressum_instagram_luecken.yaml"))
    assert gaps.ampel == "rot"
    assert {"vertretung-fehlt", "link-info", "zu-viele-klicks", "anschrift-unvollstaendig"} <= gaps.regeln()
    full = check_impressum(load_profile(folder / "impressum_facebook_vollstaendig.yaml"))
    assert full.ampel == "gruen" and full.regeln() == {"ddg-offen"}
