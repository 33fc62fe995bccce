"""German nbgrader helpers of assignment a06: they pass the model answer and fail typical mistakes."""

from __future__ import annotations

import pytest

from kommsocial.community.checks import pruefe_antwort_regeln, pruefe_hoeflich, pruefe_triage, pruefe_triage_form
from kommsocial.seminar.checks import Hinweis

IDS = ["kritik-baustelle", "beleidigung-buergerbuero", "spam-geld"]
RIGHT = {"kritik-baustelle": "antworten", "beleidigung-buergerbuero": "Ausblenden", "spam-geld": "löschen"}
REPLY = ("Danke für Ihre Nachricht, Herr Janssen. Zum Schutz Ihrer Daten klären wir Ihren Bescheid nicht hier "
         "öffentlich. Bitte rufen Sie die Steuerabteilung an: 0123 4567-400.")


def test_model_answers_pass():
    pruefe_triage_form(RIGHT, IDS)
    pruefe_triage(RIGHT, IDS)
    pruefe_antwort_regeln(REPLY, "daten-bescheid", streng=True)
    pruefe_hoeflich(REPLY, "daten-bescheid")


@pytest.mark.parametrize("answer, fragment", [
    (["antworten"], "Dictionary"),
    ({"kritik-baustelle": "antworten"}, "fehlt noch eine Entscheidung"),
    ({**RIGHT, "gibt-es-nicht": "melden"}, "unbekannte Kennungen"),
    ({**RIGHT, "spam-geld": ["löschen", "melden"]}, "genau eine Aktion"),
    ({**RIGHT, "spam-geld": "wegwerfen"}, "genau eine Aktion"),
])
def test_triage_form_mistakes_get_german_hints(answer, fragment):
    with pytest.raises(Hinweis, match=fragment):
        pruefe_triage_form(answer, IDS)


def test_wrong_decision_names_the_comment_and_a_tip():
    with pytest.raises(Hinweis) as exc:
        pruefe_triage({**RIGHT, "kritik-baustelle": "löschen", "beleidigung-buergerbuero": "sperren"}, IDS)
    msg = str(exc.value)
    assert "kritik-baustelle" in msg and "beleidigung-buergerbuero" in msg and "spam-geld" not in msg
    assert "Tipp:" in msg


@pytest.mark.parametrize("reply, check", [
    ("", "noch leer"),
    ("Hallo, ruf doch bei 0123 4567-400 an, dann klären wir das für dich.", "duzt"),
    ("Danke, Herr Janssen. Zu Kassenzeichen 4711-0815 rufen Sie bitte 0123 4567-400 an.", "wiederholt"),
    ("Danke, Herr Janssen. Wir kümmern uns darum.", "Es fehlt noch"),
])
def test_reply_mistakes_fail_with_the_checker_message(reply, check):
    with pytest.raises(Hinweis, match=check):
        pruefe_antwort_regeln(reply, "daten-bescheid")


def test_politeness_check_is_strict_about_missing_friendliness():
    with pytest.raises(Hinweis, match="Freundlich"):
        pruefe_hoeflich("Rufen Sie die Steuerabteilung an: 0123 4567-400.", "daten-bescheid")
    with pytest.raises(Hinweis, match="Ton"):
        pruefe_hoeflich("Danke. Wer lesen kann, ist klar im Vorteil: Rufen Sie 0123 4567-400 an.", "daten-bescheid")
