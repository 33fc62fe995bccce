"""Post-Werkstatt hints from the assessment engine: formal address, tone and sentences, debounced like the rest."""

from __future__ import annotations

from kommsocial.ui.post_werkstatt import PostWerkstatt, beispiel_text, engine_hints


class FakeClock:
    """Scheduler whose timers only fire when the test says so."""

    def __init__(self):
        self.timers = []

    def __call__(self, delay, fn):
        entry = {"fn": fn, "cancelled": False}
        self.timers.append(entry)

        class Handle:
            def cancel(self):
                entry["cancelled"] = True

        return Handle()

    def fire(self):
        live = [t for t in self.timers if not t["cancelled"]]
        self.timers.clear()
        for t in live:
            t["fn"]()
        return len(live)


def rules(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in engine_hints(text):
        out.setdefault(f.rule, []).append(text[f.start:f.end])
    return out


def werkstatt(platforms=("x", "mastodon")) -> tuple[PostWerkstatt, FakeClock]:
    clock = FakeClock()
    w = PostWerkstatt(beispiel_text("stadtfest"), platforms, scheduler=clock)
    w.build()
    return w, clock


def test_the_drafts_of_the_werkstatt_get_no_engine_hint():
    w, _ = werkstatt(("x", "instagram", "mastodon", "facebook"))
    for pid, ed in w.editors.items():
        assert not {"sie-anrede", "respektvoll", "in-saetzen"} & ed.reports[pid].rules(), pid


def test_casual_register_and_du_are_marked_where_they_stand():
    found = rules("Kommt halt zum Stadtfest, wenn ihr Bock habt! Es gibt Musik.")
    assert set(found) == {"sie-anrede"}
    assert {"Kommt", "halt", "Bock", "habt"} <= set(found["sie-anrede"])


def test_a_list_of_facts_is_no_post():
    assert set(rules("Stadtfest. 18. Juni. 16 Uhr. Marktplatz. musterstadt.example/stadtfest")) == {"in-saetzen"}


def test_sarcasm_is_a_tone_hint_and_a_plain_post_has_none():
    assert "respektvoll" in rules("Wer lesen kann, ist klar im Vorteil: Das Stadtfest beginnt am Freitag.")
    assert rules("Kommen Sie zum Stadtfest auf den Marktplatz. Wir freuen uns auf Sie.") == {}


def test_hints_appear_in_the_editor_after_the_typing_pause_only():
    w, clock = werkstatt(("x",))
    ed = w.editors["x"]
    clock.fire()
    before = ed.debouncer.calls
    ed.text = "Kommt halt vorbei"
    ed.text = "Kommt halt vorbei, wenn ihr Bock habt! Es gibt Musik."
    assert 'data-rule="sie-anrede"' not in ed.findings.value and ed.debouncer.calls == before
    assert clock.fire() == 1
    assert ed.debouncer.calls == before + 1
    assert 'data-rule="sie-anrede"' in ed.findings.value
    assert "Sprechen Sie die Menschen mit „Sie“ an" in ed.findings.value
    assert 'data-state="gelb"' in ed.ampel.value
    assert "<mark" in ed.marked.value and "Bock" in ed.marked.value


def test_the_alt_text_reminder_shows_only_while_an_image_is_attached():
    w, _ = werkstatt(("instagram",))
    ed = w.editors["instagram"]
    hints = w.tabs.children[0].children[0]
    assert any(h.startswith("Mit Bild:") for h in w.drafts["instagram"].hinweise)  # the helper has one
    assert not ed.image_box.value and "Alternativtext" not in hints.value
    ed.image_box.value = True
    assert "Mit Bild: Alternativtext nicht vergessen." in hints.value
    ed.image_box.value = False
    assert "Alternativtext" not in hints.value
