"""Comment triage widget: escaping, feedback with card links, running score, summary, live reply check."""

from __future__ import annotations

import ipywidgets as w

from fakes import RESEARCH_STAND, FakeClock
from kommsocial.community import get_comment
from kommsocial.community.schema import Kommentar
from kommsocial.ui.comment_triage import CommentTriage

EVIL = "<img src=x onerror=alert(1)><script>alert(2)</script>"
EVIL_ESCAPED = "&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;"


def evil_comment() -> Kommentar:
    return Kommentar(
        id="boese", kategorie="beleidigung", plattform="facebook", beitrag="Beitrag " + EVIL,
        kontext="Kontext " + EVIL, autor="Autor " + EVIL, text="Text " + EVIL, haupt="ausblenden",
        aktionen=["ausblenden", "dokumentieren"], tabu={"sperren": "Grund " + EVIL},
        begruendung="Begründung " + EVIL + " lang genug", karten=["moderation-netiquette"],
    )


def test_malicious_comment_is_shown_escaped_everywhere():
    t = CommentTriage([evil_comment()])
    assert t.card.value.count(EVIL_ESCAPED) == 4  # post, context, author, comment
    assert "<script>" not in t.card.value and "<img" not in t.card.value
    t.choose("sperren")
    t.check()
    assert EVIL_ESCAPED in t.feedback.value and "<script>" not in t.feedback.value
    t.reply.value = EVIL
    t.debouncer.flush()
    t.update_reply_check()
    assert "<script>" not in t.reply_check.value
    t.next()
    assert "<script>" not in t.summary.value and "&lt;img" in t.summary.value


def test_feedback_score_and_card_links():
    ids = ["kritik-baustelle", "drohung-blitzer"]
    t = CommentTriage([get_comment(i) for i in ids])
    assert "Punkte: <b>0</b> von 0" in t.scoreline.value
    assert t.check_button.disabled  # nothing chosen yet
    t.choose("loeschen")
    assert not t.check_button.disabled
    result = t.check()
    assert result.urteil == "falsch"
    assert 'data-urteil="falsch"' in t.feedback.value and "Meinungsfreiheit" in t.feedback.value
    assert "Punkte: <b>0</b> von 2" in t.scoreline.value
    assert [b.card_id for b in t.card_link_buttons] == get_comment(ids[0]).karten
    assert t.card_link_buttons[0].description.startswith("Karte: Sperren braucht eine gesetzliche Grundlage")
    t.card_link_buttons[0].click()
    assert 'data-karte="moderation-sperre-ermaechtigung"' in t.inline.html.value
    assert all(b.disabled for b in t.action_buttons.values())  # one decision per comment
    t.next()
    assert "in die luft" in t.card.value and t.feedback.value == "" and t.selected == []
    t.choose("dokumentieren", "melden", "ausblenden")
    assert t.check().urteil == "richtig"
    assert "Punkte: <b>2</b> von 4" in t.scoreline.value
    assert t.next_button.description == "Zum Ergebnis"
    t.next()
    assert t.current is None
    assert "Ergebnis: 2 von 4 Punkten" in t.summary.value
    assert "Kritik" in t.summary.value and "Üben Sie noch einmal" in t.summary.value
    assert t.summary.value.count("<tr data-urteil=") == 2


def test_next_is_blocked_until_decided_and_restart_draws_again():
    t = CommentTriage(anzahl=3, seed=4)
    first = t.current.id
    t.next()
    assert t.current.id == first
    t.choose(t.current.haupt)
    t.check()
    t.next()
    assert t.current.id != first
    t.restart()
    assert t.current.id == first and t.session.bewertungen == {}  # same seed, same round


def test_reply_box_checks_live_after_typing_pauses():
    sched = FakeClock()
    t = CommentTriage([get_comment("frage-radweg")], scheduler=sched)
    t.reply.value = "Klar kommst du durch 🙄"
    t.reply.value = "Klar kommst du mit dem Rad durch 🙄"
    assert t.reply_check.value == "" and len(sched.pending) == 1  # debounced: one pending check
    assert sched.fire() == 1
    assert 'data-state="rot"' in t.reply_check.value
    assert 'data-check="anrede" data-ok="false"' in t.reply_check.value
    t.reply.value = "Danke für Ihre Frage! Mit dem Rad kommen Sie durch."
    assert sched.fire() == 1
    assert 'data-state="gruen"' in t.reply_check.value


def test_reply_box_can_be_hidden_and_footer_shows_stand_and_disclaimer():
    t = CommentTriage([get_comment("lob-emoji")], antwort_box=False)
    assert t.reply_box.layout.display == "none"
    assert f"Stand: {RESEARCH_STAND}" in t.footer.value and "keine Rechtsberatung" in t.footer.value
    assert isinstance(t, w.VBox)


def test_reply_practice_offers_questions_checks_live_and_shows_samples():
    from kommsocial.ui.comment_triage import ReplyPractice

    sched = FakeClock()
    p = ReplyPractice(scheduler=sched)
    offered = [value for _label, value in p.chooser.options]
    assert "frage-radweg" in offered and "drohung-blitzer" not in offered
    p.chooser.value = "daten-bescheid"
    assert "Kassenzeichen 4711-0815" in p.card.value
    p.reply.value = "Hallo, zu 4711-0815: Das klären wir. Melde dich!"
    assert sched.fire() == 1
    assert 'data-check="daten" data-ok="false"' in p.result.value
    assert 'data-check="anrede" data-ok="false"' in p.result.value
    p.show_sample()
    assert "Kontaktformular" in p.sample.value
    p.chooser.value = "frage-radweg"
    assert p.reply.value == "" and p.result.value == "" and p.sample.value == ""
