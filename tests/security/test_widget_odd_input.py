"""Finding 11: odd input from the browser or from files never breaks a callback or slips through."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import run_cli
from kommsocial.errors import InputError


def clear_selection(selector) -> None:
    """What a crafted comm message can do: set the index to null."""
    selector.set_state({"index": None})


def test_emptied_dropdowns_fall_back_to_the_first_option(tmp_path):
    from kommsocial.ui.comment_triage import CommentTriage
    from kommsocial.ui.crisis_app import KrisenSimulatorApp
    from kommsocial.ui.ki_review import KiReview
    from kommsocial.ui.legal_tree import TreeNavigator

    nav = TreeNavigator()
    clear_selection(nav.chooser)
    assert nav.chooser.value is not None and nav.tree is not None

    app = KrisenSimulatorApp(str(tmp_path / 'krisen.db'), autorefresh=False)
    clear_selection(app.scenario)
    assert app.scenario.value is not None and app.info.value
    app.start_solo()

    review = KiReview()
    clear_selection(review.chooser)
    assert review.fall is not None

    triage = CommentTriage(anzahl=3, seed=1)
    if hasattr(triage, "chooser"):
        clear_selection(triage.chooser)


def test_reply_practice_survives_an_emptied_choice():
    from kommsocial.ui.comment_triage import ReplyPractice

    practice = ReplyPractice()
    clear_selection(practice.chooser)
    practice.reply.value = "Danke für Ihre Frage!"
    practice.update_now()
    assert practice.current is not None


@pytest.mark.parametrize("wahltag", [dt.date(1, 1, 1), dt.date(9999, 12, 31)])
def test_far_off_election_day_is_a_german_error(wahltag):
    from kommsocial.plan import check_plan, read_plan
    from kommsocial.plan.importer import sample_plan_path

    with pytest.raises(InputError, match="Wahltag"):
        check_plan(read_plan(sample_plan_path()), land="NI", wahltag=wahltag)


def test_upload_without_content():
    from kommsocial.ui._choice import uploaded_file
    from kommsocial.ui.wirkung_dashboard import WirkungDashboard

    assert uploaded_file({"name": "x.csv"}) is None and uploaded_file(None) is None
    assert uploaded_file({"name": "x.csv", "content": b"a"}) == (b"a", "x.csv")
    dash = WirkungDashboard(seed=5)
    dash._on_upload({"new": ({"name": "beitraege.csv"},)})
    assert "nicht vollständig angekommen" in dash.status.value


def test_roster_in_utf16_is_read(tmp_path):
    from kommsocial.seminar.roster import parse_roster

    text = "id\tvorname\tnachname\temail\r\nmm\tMarie\tMüller\tmm@example.org\r\n"
    path = tmp_path / "liste.txt"
    path.write_bytes(text.encode("utf-16"))  # Excel's "Unicode-Text": UTF-16 with BOM, tabs
    people = parse_roster(path)
    assert [(p.id, p.nachname) for p in people] == [("mm", "Müller")]
    path.write_bytes("id;vorname;nachname;email\nmm;Marie;Müller;\n".encode("utf-16-le"))  # without BOM
    with pytest.raises(InputError, match="UTF-16"):
        parse_roster(path)


@pytest.mark.parametrize("content", ["", "\n\n", "# nur ein Kommentar\n", "[]\n"])
def test_empty_responses_file_is_refused(tmp_path, content):
    f = tmp_path / "antworten.yaml"
    f.write_text(content, encoding="utf-8")
    code, _out, err = run_cli("scenario", "play", "starkregen", "--responses", str(f))
    assert code == 2 and "Die Antwortdatei ist leer" in err and "antworten.yaml" in err, err
