"""Szenario-Baukasten (forms) and Szenario-Werkstatt (text): set values, click, read the shown HTML."""

from __future__ import annotations

import html
import re

from kommsocial.ui.szenario_werkstatt import SzenarioBaukasten, SzenarioWerkstatt
from test_crisis_builder import TEXTS

SZENARIO, GUT, SPEKULATIV = TEXTS["SZENARIO"], TEXTS["ANTWORTEN_GUT"], TEXTS["ANTWORTEN_SPEKULATIV"]
XSS = "<img src=x onerror=alert(1)><script>alert(2)</script>"


def visible(fragment: str) -> str:
    """Text content of an HTML fragment (tags removed, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


TROLL = "Die Stadt hat absichtlich gespart, darum ist das Rohr kaputt!"


def add_troll(b: SzenarioBaukasten, text: str = TROLL) -> None:
    b.persona_name.value = "Wahrheitssucher_88"
    b.persona_role.value = "troll"
    b.persona_attitude.value = "provoziert, verbreitet Gerüchte"
    b.persona_button.click()
    b.inject_minute.value = 12
    assert b.inject_persona.value == "troll_01"  # the new persona is chosen for the next Einspielung
    b.inject_channel.value = "kommentar"
    b.inject_text.value = text
    b.tag_boxes["geruecht"].value = True
    b.inject_keywords.value = "absichtlich gespart, Pfusch"
    b.inject_button.click()


def test_start_check_and_play_with_the_prepared_responses():
    b = SzenarioBaukasten(SZENARIO, GUT)
    assert b.title.value == "Wasserrohrbruch in der {strasse}"
    assert b.setting_fields["strasse"].value == "Bahnhofstraße" and b.setting_fields["stadt"].value == "Musterstadt"
    assert list(b.setting_fields) == ["stadt", "behoerde", "strasse", "buergertelefon"]
    assert [f.description for f in b.setting_fields.values()] == ["Stadt:", "Behörde:", "Straße:", "Bürgertelefon:"]
    assert [label for label, _v in b.inject_persona.options] == [
        "Lagezentrum Stadt Musterstadt", "Bernd K.", "sabine_ms", "Musterstädter Anzeiger"]
    assert "Hab gehört das Wasser ist braun" in visible(b.overview.value)
    # Every dropdown shows a choice (an empty one looks broken in the browser).
    assert (b.exp_target.value, b.resp_target.value, b.remove_choice.value) == ("", "r01", "injects:r01")
    assert b.exp_target.label == "– keine (ab Übungsbeginn) –"
    b.check_button.click()
    shown = visible(b.output.value)
    assert "✅ In Ordnung: „Wasserrohrbruch in der Bahnhofstraße“ – 6 Einspielungen über 30 Minuten" in shown
    b.play_button.click()
    shown = visible(b.output.value)
    assert "Gesamt" in shown and "Gerüchtekontrolle" in shown and "von 100" in shown
    assert "erfüllt: Das Gerücht zum Trinkwasser richtigstellen" in shown and "verfehlt" not in shown
    assert b.debrief is not None and not b.debrief.missed


def test_the_three_tasks_of_the_notebook():
    b = SzenarioBaukasten(SZENARIO, GUT)
    add_troll(b)
    assert "Einspielung in Minute 12 hinzugefügt" in visible(b.inject_message.value)
    assert "Wahrheitssucher_88Die Stadt hat absichtlich gespart, darum ist das Rohr kaputt!Gerücht" in visible(
        b.overview.value)
    assert any(label.startswith("Minute 12 · Wahrheitssucher_88: Die Stadt hat absichtlich gespart")
               for label, _v in b.exp_target.options)
    # Task 2: the new expectation; the target dropdown already points at the new Einspielung.
    assert b.exp_target.value == "r07"
    b.exp_kind.value = "antwort"
    b.exp_deadline.value = 10
    b.exp_button.click()
    assert "Erwartung hinzugefügt" in visible(b.exp_message.value)
    b.play_button.click()
    assert "verfehlt: Die Einspielung von Wahrheitssucher_88 aus Minute 12 binnen 10 Minuten" in visible(
        b.output.value)
    # Task 3: a reply to the rumour, then the good responses fulfil every expectation.
    b.resp_minute.value = 14
    b.resp_kind.value = "reply"
    b.resp_target.value = "r07"
    b.resp_text.value = "Das stimmt nicht. Das Rohr war alt und ist gebrochen. Die Reparatur läuft."
    b.resp_button.click()
    assert "vorgemerkt" in visible(b.resp_message.value)
    assert "Ihre Antwort 1, Minute 14" in visible(b.resp_list.value)
    b.play_button.click()
    shown = visible(b.output.value)
    assert "erfüllt: Die Einspielung von Wahrheitssucher_88 aus Minute 12 binnen 10 Minuten" in shown
    assert "verfehlt" not in shown
    # The generated text connects to the Vertiefung: the same fields as in the YAML file.
    text = visible(b.yaml_view.value)
    assert "tags: [geruecht]" in text and "ziel: r07" in text and "binnen: 10" in text
    assert "stichworte: [absichtlich gespart, Pfusch]" in text
    assert b.yaml_box.selected_index is None  # collapsed until opened
    assert b.yaml_box.get_title(0) == "Erzeugter Szenario-Text (nur lesen)"


def test_form_errors_are_german_and_name_the_field():
    b = SzenarioBaukasten(SZENARIO, GUT)
    b.inject_minute.value = 45
    b.inject_text.value = "Noch gesperrt?"
    b.inject_button.click()
    shown = visible(b.inject_message.value)
    assert "❌" in shown and "Feld „Neue Einspielung – Minute“" in shown and "von 0 bis 30" in shown
    b.inject_minute.value = 5
    b.inject_persona.value = None  # a browser may clear a selection
    b.inject_button.click()
    assert "hinzugefügt" in visible(b.inject_message.value)
    b.title.value = "ab"
    b.check_button.click()
    assert "Feld „Titel“" in visible(b.output.value) and "zu kurz" in visible(b.output.value)
    b.title.value = "Rohrbruch in {dorf}"
    b.check_button.click()
    assert "Platzhalter {dorf} ist unbekannt" in visible(b.output.value)
    b.exp_kind.value = "antwort"
    b.exp_target.value = ""
    b.exp_button.click()
    assert "Feld „Neue Erwartung – Einspielung“" in visible(b.exp_message.value)


def test_response_before_its_einspielung_is_refused():
    b = SzenarioBaukasten(SZENARIO, GUT)
    add_troll(b)
    b.resp_minute.value = 10
    b.resp_target.value = "r07"
    b.resp_text.value = "Das stimmt nicht."
    b.resp_button.click()
    shown = visible(b.resp_message.value)
    assert "Feld „Ihre Antwort 1 – Minute“" in shown and "erscheint erst ab Minute 12" in shown
    assert b.own_responses == []


def test_user_text_is_escaped_everywhere():
    b = SzenarioBaukasten(SZENARIO, GUT)
    add_troll(b, text=f'Er sagt: "Pfusch!" #skandal {XSS}')
    b.title.value = f"Rohrbruch: {XSS}"
    b.check_button.click()
    for fragment in (b.overview.value, b.yaml_view.value, b.output.value):
        assert "<script>" not in fragment and "<img" not in fragment
    assert "&lt;script&gt;" in b.overview.value and "&lt;script&gt;" in b.yaml_view.value
    assert XSS in visible(b.yaml_view.value) and 'Er sagt: "Pfusch!" #skandal' in visible(b.overview.value)
    assert f"„Rohrbruch: {XSS}“" in visible(b.output.value)


def test_town_and_street_change_the_texts():
    b = SzenarioBaukasten(SZENARIO, GUT)
    b.setting_fields["stadt"].value = "Beispielhausen"
    b.setting_fields["strasse"].value = "Lindenallee"
    assert "stadt: Beispielhausen" in visible(b.yaml_view.value)
    b.check_button.click()
    assert "„Wasserrohrbruch in der Lindenallee“" in visible(b.output.value)
    assert "Lindenallee" in visible(b.overview.value) and "Lagezentrum Stadt Musterstadt" in visible(b.overview.value)
    b.setting_fields["behoerde"].value = "Stadt Beispielhausen"
    assert "Lagezentrum Stadt Beispielhausen" in visible(b.overview.value)
    assert "behoerde: Stadt Beispielhausen" in visible(b.yaml_view.value)


def test_remove_entries():
    b = SzenarioBaukasten(SZENARIO, GUT)
    b.remove_choice.value = "injects:r03"
    b.remove_button.click()
    assert "Diese Einspielung braucht noch die Erwartung" in visible(b.remove_message.value)
    b.remove_choice.value = "erwartungen:x_geruecht"
    b.remove_button.click()
    assert "Entfernt: Erwartung: Das Gerücht zum Trinkwasser richtigstellen" in visible(b.remove_message.value)
    b.remove_choice.value = "injects:r03"
    b.remove_button.click()
    assert "Entfernt" in visible(b.remove_message.value)
    assert "Wasser ist braun" not in visible(b.overview.value)
    b.play_button.click()
    shown = visible(b.output.value)
    assert "5 Einspielungen" in shown and "1 vorbereitete Antwort entfällt" in shown
    # Own responses can be removed too.
    b.resp_target.value = "r02"
    b.resp_minute.value = 5
    b.resp_text.value = "Die Straße ist gesperrt."
    b.resp_button.click()
    b.remove_choice.value = "antwort:1"
    b.remove_button.click()
    assert b.own_responses == [] and "Noch keine eigenen Antworten" in b.resp_list.value


def test_without_prepared_responses_the_team_does_nothing():
    b = SzenarioBaukasten(SZENARIO, GUT)
    b.use_prepared.value = False
    d = b.play()
    assert d is not None and d.score.gesamt == 0
    assert "keine Antworten" in visible(b.output.value)


def test_werkstatt_checks_and_plays_the_text():
    werkstatt = SzenarioWerkstatt(SZENARIO, GUT)
    shown = visible(werkstatt.output.value)
    assert shown.startswith("Gesamt: ") and "Verfehlte Erwartungen:" in shown
    werkstatt.responses_area.value = SPEKULATIV
    werkstatt.play_button.click()
    assert "Das Gerücht zum Trinkwasser richtigstellen" in visible(werkstatt.output.value)
    werkstatt.scenario_area.value = SZENARIO.replace("    minute: 9", "    minute 9")
    werkstatt.check_button.click()
    assert "❌" in werkstatt.output.value and "Zeile" in visible(werkstatt.output.value)
    werkstatt.scenario_area.value = SZENARIO.replace("persona: sabine", f"persona: sabinee{XSS}")
    werkstatt.check_button.click()
    assert "<script>" not in werkstatt.output.value and "&lt;script&gt;" in werkstatt.output.value
    werkstatt.scenario_area.value = SZENARIO
    werkstatt.responses_area.value = "- minute: 1\n  action: reply\n  target: r99\n  text: x\n"
    werkstatt.play_button.click()
    assert "Die Einspielung „r99“ gibt es" in visible(werkstatt.output.value)


def test_werkstatt_can_wait_for_the_first_click():
    assert SzenarioWerkstatt(SZENARIO, GUT, abspielen=False).output.value == ""
