"""Scenario builder (crisis/builder.py): form data → YAML → the real load_scenario, German errors per form field."""

from __future__ import annotations

import json

import pytest
import yaml

from conftest import ROOT
from kommsocial.crisis import builder
from kommsocial.crisis.engine import Exercise
from kommsocial.crisis.schema import builtin_files, load_scenario
from kommsocial.errors import InputError

NOTEBOOK = ROOT / "course" / "04_krisenkommunikation" / "04_eigenes_szenario_schreiben.ipynb"


def notebook_texts() -> dict[str, str]:
    """SZENARIO and ANTWORTEN_GUT as the notebook defines them (the builder starts from them)."""
    found: dict[str, str] = {}
    for cell in json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and ("SZENARIO = " in source or "ANTWORTEN_GUT = " in source):
            exec(source, found)  # noqa: S102 - the notebook's own constant definitions
    return {k: v for k, v in found.items() if k in ("SZENARIO", "ANTWORTEN_GUT", "ANTWORTEN_SPEKULATIV")}


TEXTS = notebook_texts()
SZENARIO = TEXTS["SZENARIO"]


@pytest.fixture
def data():
    return builder.from_text(SZENARIO)


def test_notebook_scenario_round_trips(data):
    text, sc = builder.check(data)
    assert sc.model_dump() == load_scenario("x.yaml", text=SZENARIO).model_dump()
    assert "tags: [geruecht]" in text and "- [gesperrt, Sperrung]" in text
    assert builder.from_text(text) == data


@pytest.mark.parametrize("path", builtin_files(), ids=lambda p: p.stem)
def test_every_builtin_scenario_round_trips(path):
    sc = load_scenario(path)
    _text, again = builder.check(builder.scenario_data(sc))
    assert again.model_dump() == sc.model_dump()


def test_values_that_look_like_other_types_stay_texts():
    data = {"a": "yes", "b": "0123 4567-0", "c": "2026-11-21", "d": "null", "e": "1:30", "f": ["on", "~", "#x"]}
    assert yaml.safe_load(builder.to_yaml(data)) == data


def test_add_inject_and_expectation_are_checked_by_load_scenario(data):
    data, troll = builder.add_persona(data, name="Wahrheitssucher_88", rolle="troll", haltung="provoziert")
    data, ident = builder.add_inject(data, minute=12, persona=troll, kanal="kommentar",
                                     text="Die Stadt hat absichtlich gespart!", tags=["geruecht"],
                                     stichworte=builder.split_words("absichtlich gespart, Pfusch"))
    assert ident == "r07" and troll == "troll_01"
    data, exp = builder.add_expectation(data, art="antwort", ziel=ident, frist=10)
    text, sc = builder.check(data)
    inj = sc.inject(ident)
    assert (inj.minute, inj.persona, inj.tags, inj.stichworte) == (12, troll, ["geruecht"], ["absichtlich gespart",
                                                                                             "Pfusch"])
    new = next(e for e in sc.erwartungen if e.id == exp)
    assert (new.art, new.ziel, new.binnen, new.dimension) == ("antwort", "r07", 10, "geruechtekontrolle")
    assert new.beschreibung == "Die Einspielung von Wahrheitssucher_88 aus Minute 12 binnen 10 Minuten beantworten"
    assert len(new.erklaerung) >= 10
    # The injects stay ordered by minute.
    assert [i.minute for i in sc.injects] == sorted(i.minute for i in sc.injects)
    assert f"ziel: {ident}" in text


def test_expectation_without_target_counts_from_the_start(data):
    data, exp = builder.add_expectation(data, art="beitrag", ziel=None, frist=20, enthaelt=["Bürgertelefon"])
    _text, sc = builder.check(data)
    new = next(e for e in sc.erwartungen if e.id == exp)
    assert (new.bis_minute, new.binnen, new.enthaelt) == (20, None, [["Bürgertelefon"]])


@pytest.mark.parametrize(("fields", "field", "words"), [
    ({"persona": "giselaX"}, "Neue Einspielung – Persona", "Die Persona „giselaX“ gibt es in diesem Szenario nicht"),
    ({"minute": 45}, "Neue Einspielung – Minute", "Minute 45 liegt nicht in der Übung"),
    ({"minute": -1}, "Neue Einspielung – Minute", "von 0 bis 30"),
    ({"text": "  "}, "Neue Einspielung – Text", "Bitte tragen Sie den Text"),
    ({"kanal": "fax"}, "Neue Einspielung – Kanal", "Den Kanal „fax“ gibt es nicht"),
    ({"tags": ["geheim"]}, "Neue Einspielung – Markierungen", "„geheim“"),
])
def test_add_inject_names_the_form_field(data, fields, field, words):
    values = {"minute": 12, "persona": "bernd", "kanal": "feed", "text": "Hallo", **fields}
    with pytest.raises(InputError) as err:
        builder.add_inject(data, **values)
    assert err.value.field == field and words in err.value.reason
    assert f"Feld „{field}“" in str(err.value) and "Formular" in str(err.value)


@pytest.mark.parametrize(("change", "field", "words"), [
    (lambda d: d["injects"][6].update(persona="giselaX"), "Einspielung 7 – Persona",
     "Persona „giselaX“ ist unter „personas“ nicht definiert."),
    (lambda d: d["injects"][6].update(minute=45), "Einspielung 7 – Minute", "liegt nach dem Ende der Übung"),
    (lambda d: d["injects"][6].update(text="in {dorf}"), "Einspielung 7 – Text", "Platzhalter {dorf} ist unbekannt"),
    (lambda d: d["meta"].update(titel="in {dorf}"), "Titel", "Platzhalter {dorf} ist unbekannt"),
    (lambda d: d["erwartungen"][0].update(ziel="r99"), "Erwartung 1 – Einspielung", "unbekannte Einspielung „r99“"),
])
def test_check_translates_the_field_of_load_scenario(data, change, field, words):
    data, _ident = builder.add_inject(data, minute=25, persona="bernd", kanal="feed", text="Noch gesperrt?")
    change(data)
    with pytest.raises(InputError) as err:
        builder.check(data)
    assert err.value.field == field and words in err.value.reason
    assert err.value.file is None and err.value.line is None  # the form has no file and no lines


def test_field_labels():
    assert builder.field_label("injects[7].persona") == "Einspielung 7 – Persona"
    assert builder.field_label("erwartungen[2].binnen") == "Erwartung 2 – Frist in Minuten"
    assert builder.field_label("setting.strasse") == "Platzhalter Straße"
    assert builder.field_label("meta.titel") == "Titel"
    assert builder.field_label("[3].target") == "Eintrag 3 – Einspielung"
    assert builder.field_label("(Datei)") == "(Datei)"


SPECIAL = 'Er sagt: "Pfusch!" #skandal \'gespart\' - [50 %] & {{keine Klammer}} <script>alert(1)</script> 😤\n2. Zeile'


def test_special_characters_survive_yaml(data):
    data, ident = builder.add_inject(data, minute=12, persona="bernd", kanal="kommentar", text=SPECIAL,
                                     stichworte=["a: b", "# c", "'d'"])
    data = builder.set_title(data, 'Rohrbruch: "Alarm" # <b>jetzt</b>')
    data = builder.set_setting(data, {"strasse": "Weg: 1 # 2", "buergertelefon": "0123 4567-0"})
    _text, sc = builder.check(data)
    assert sc.inject(ident).text == SPECIAL and sc.inject(ident).stichworte == ["a: b", "# c", "'d'"]
    assert sc.meta.titel == 'Rohrbruch: "Alarm" # <b>jetzt</b>'
    assert sc.setting["strasse"] == "Weg: 1 # 2"
    assert sc.render(sc.inject(ident).text).startswith('Er sagt: "Pfusch!"') and "{keine Klammer}" in sc.render(
        sc.inject(ident).text)


def test_setting_writes_the_town_only_when_changed(data):
    same = builder.set_setting(data, {"stadt": "Musterstadt", "strasse": "Bahnhofstraße"})
    assert "stadt" not in same["setting"]
    other = builder.set_setting(data, {"stadt": "Beispielhausen", "strasse": "Lindenallee"})
    _text, sc = builder.check(other)
    assert sc.render(sc.meta.titel) == "Wasserrohrbruch in der Lindenallee"
    assert sc.variables()["stadt"] == "Beispielhausen"
    with pytest.raises(InputError) as err:
        builder.set_setting(data, {"strasse": " "})
    assert err.value.field == "Platzhalter Straße"
    with pytest.raises(InputError) as err:
        builder.set_title(data, "ab")
    assert err.value.field == "Titel" and "zu kurz" in err.value.reason


def test_expectation_form_errors(data):
    with pytest.raises(InputError) as err:
        builder.add_expectation(data, art="antwort", ziel=None, frist=10)
    assert err.value.field == "Neue Erwartung – Einspielung"
    with pytest.raises(InputError) as err:
        builder.add_expectation(data, art="antwort", ziel="r03", frist=0)
    assert err.value.field == "Neue Erwartung – Frist in Minuten"
    with pytest.raises(InputError) as err:
        builder.add_expectation(data, art="antwort", ziel="r03", frist=10, erklaerung="kurz")
    assert err.value.field == "Neue Erwartung – Erklärung"


def test_remove_refuses_while_in_use(data):
    with pytest.raises(InputError) as err:
        builder.remove(data, "injects", "r03")
    assert "braucht noch die Erwartung „Das Gerücht zum Trinkwasser richtigstellen“" in err.value.reason
    with pytest.raises(InputError) as err:
        builder.remove(data, "personas", "sabine")
    assert "Diese Persona braucht noch die Einspielung „Minute 6 · sabine_ms: Hab gehört" in err.value.reason
    data = builder.remove(data, "erwartungen", "x_geruecht")
    data = builder.remove(data, "injects", "r03")
    data = builder.remove(data, "personas", "sabine")
    _text, sc = builder.check(data)
    assert [i.id for i in sc.injects] == ["r01", "r02", "r04", "r05", "r06"]
    assert "sabine" not in [p.id for p in sc.personas]


def test_entered_responses_are_checked_like_a_file(data):
    data, troll = builder.add_persona(data, name="Troll", rolle="troll", haltung="provoziert")
    data, ident = builder.add_inject(data, minute=12, persona=troll, kanal="kommentar", text="Gespart!")
    _text, sc = builder.check(data)
    early = builder.response(minute=11, action="reply", target=ident, text="Das stimmt nicht.")
    with pytest.raises(InputError) as err:
        builder.check_responses([early], sc)
    assert err.value.field == "Ihre Antwort 1 – Minute" and "erscheint erst ab Minute 12" in err.value.reason
    empty = builder.response(minute=13, action="reply", target=ident, text="")
    with pytest.raises(InputError) as err:
        builder.check_responses([empty], sc)
    assert "fehlt der Text" in err.value.reason
    ok = builder.response(minute=13, action="reply", target=ident, text=SPECIAL)
    actions = builder.check_responses([ok], sc)
    assert actions[0].text == SPECIAL.strip() and actions[0].target == ident
    assert builder.check_responses([], sc) == []


def test_built_scenario_plays(data):
    data, troll = builder.add_persona(data, name="Troll", rolle="troll", haltung="provoziert")
    data, ident = builder.add_inject(data, minute=12, persona=troll, kanal="kommentar", text="Gespart!",
                                     tags=["geruecht"])
    data, exp = builder.add_expectation(data, art="antwort", ziel=ident, frist=10)
    _text, sc = builder.check(data)
    ex = Exercise(sc)
    ex.play(builder.check_responses([builder.response(minute=14, action="reply", target=ident,
                                                      text="Das stimmt nicht. Das Rohr war alt.")], sc))
    assert next(e for e in ex.debrief().expectations if e.id == exp).status == "erfuellt"


def test_the_notebooks_good_team_leads_clearly():
    """The notebook says the good responses lead clearly; the rubric must agree (≥ 25 points, as for built-ins)."""
    from kommsocial.crisis.actions import load_responses

    sc = load_scenario("x.yaml", text=SZENARIO)

    def score(text: str) -> int:
        ex = Exercise(sc)
        ex.play(load_responses("a.yaml", sc, text=text))
        return ex.debrief().score.gesamt

    good = score(TEXTS["ANTWORTEN_GUT"])
    assert good >= score(TEXTS["ANTWORTEN_SPEKULATIV"]) + 25 and good >= score("") + 25
