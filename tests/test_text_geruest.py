"""Gerüst-Vorschlag: drafts fit each platform's limit and keep date, place and link."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
import yaml

from kommsocial import platforms
from kommsocial.errors import InputError
from kommsocial.text.geruest import LABEL, entwuerfe, entwurf

PM = (Path(__file__).parent / "data" / "text" / "pm_stadtfest.txt").read_text(encoding="utf-8")
LONG_LEAD = (
    "Presseinformation\n\nMusterstadt, 03.11.2026 – Die Stadt Musterstadt saniert ab Montag, 23.11.2026, "
    "gemeinsam mit den Stadtwerken, dem Tiefbauamt und mehreren beauftragten Fachfirmen aus dem Landkreis "
    "Musterland die gesamte Fahrbahn, die Gehwege, die Radwege und die Beleuchtung entlang der Lindenallee "
    "zwischen dem Bahnhof und dem Schulzentrum, damit Fußgängerinnen, Radfahrer und Busse dort künftig "
    "sicherer und schneller unterwegs sind und die Anwohnerinnen und Anwohner weniger Lärm haben. "
    "Die Arbeiten beginnen um 7 Uhr. Details: https://www.musterstadt.de/lindenallee"
)


@pytest.mark.parametrize("pid", platforms.platform_ids())
@pytest.mark.parametrize("pm", [PM, LONG_LEAD], ids=["stadtfest", "langer-lead"])
def test_every_draft_fits_and_keeps_date_place_link(pid, pm):
    d = entwurf(pm, pid)
    rules = platforms.get(pid)
    assert platforms.counted_length(d.text, rules) <= rules.limit
    assert d.counted == platforms.counted_length(d.text, rules) and d.limit == rules.limit
    if pm is PM:
        assert "21.11.2026" in d.text and "Marktplatz" in d.text
        assert "https://www.musterstadt.de/stadtfest" in d.text
    else:
        assert "23.11.2026" in d.text and "Lindenallee" in d.text
        assert "https://www.musterstadt.de/lindenallee" in d.text
        assert "03.11.2026" not in d.text  # the dateline is the publishing date, not the event date
    assert d.label == LABEL and d.hinweise[0].startswith(LABEL)


def test_long_lead_is_left_out_whole_with_note_not_cut():
    for pid in ("x", "facebook"):
        d = entwurf(LONG_LEAD, pid)
        assert "…" not in d.text and "Die Stadt Musterstadt saniert" not in d.text
        assert any(h.startswith("Weggelassen: „Die Stadt Musterstadt saniert") and "Wörter" in h for h in d.hinweise)
        assert any("Kernbotschaft" in h for h in d.hinweise)


def test_missing_facts_are_named():
    d = entwurf("Die Stadt Musterstadt lädt alle Menschen herzlich zum großen Fest ein.", "bluesky")
    assert any("Datum" in h and "Ort" in h and "Link" in h for h in d.hinweise)


def test_entwuerfe_all_platforms_and_errors():
    assert [d.platform for d in entwuerfe(PM)] == platforms.platform_ids()
    with pytest.raises(InputError):
        entwurf("   ", "x")
    with pytest.raises(InputError, match="Gültig sind"):
        entwurf(PM, "myspace")


# --- regressions from the Post-Werkstatt examples -------------------------------------------

DATA = Path(__file__).parent / "data" / "text"
UI_EXAMPLES = Path(__file__).parent.parent / "widgets" / "kommsocial" / "ui" / "pressemitteilungen.yaml"


def _examples(path: Path) -> dict[str, str]:
    return {k: v["text"] for k, v in yaml.safe_load(path.read_text(encoding="utf-8"))["pressemitteilungen"].items()}


ORIGINAL = _examples(DATA / "pressemitteilungen_original.yaml")  # dateline on its own line, address in footer
CURRENT = _examples(UI_EXAMPLES)
ALL_EXAMPLES = [pytest.param(t, id=f"original-{k}") for k, t in ORIGINAL.items()] + [
    pytest.param(t, id=f"ui-{k}") for k, t in CURRENT.items()
] + [pytest.param(PM, id="stadtfest-txt"), pytest.param(LONG_LEAD, id="langer-lead")]
_DATE_IN = regex.compile(r"\d{1,2}\.\s?(?:\d{1,2}\.|Januar|Februar|März|April|Mai|Juni|Juli|August|September|"
                         r"Oktober|November|Dezember)")


def test_ordinal_in_lead_keeps_the_sentence_whole():
    for pid in platforms.platform_ids():
        text = entwurf(ORIGINAL["stadtfest"], pid).text
        assert not text.split("\n")[0].endswith("zum 42.")
        assert "zum 42." not in text or "Gäste zum 42. Musterstädter Stadtfest ein." in text


@pytest.mark.parametrize(
    ("key", "event", "dateline"),
    [
        ("strassensperrung", "7. Dezember 2026", "30. November 2026"),
        ("bundid", "28. Januar 2027", "14. Januar 2027"),
        ("stadtfest", "18. bis 20. Juni 2027", "20. Mai 2027"),
    ],
)
@pytest.mark.parametrize("source", [ORIGINAL, CURRENT], ids=["original", "ui"])
def test_dateline_is_not_the_event_date(source, key, event, dateline):
    for pid in platforms.platform_ids():
        text = entwurf(source[key], pid).text
        when = [line for line in text.split("\n") if line.startswith("📅")]
        assert event in (when[0] if when else text), text  # a date line, or the headline names the date
        assert dateline not in text


@pytest.mark.parametrize(
    "dateline",
    ["Musterstadt, 30. November 2026", "Musterstadt, den 30.11.2026", "30.11.2026", "Bad Musterstadt, 30.11.26"],
)
def test_dateline_alone_is_named_but_not_used(dateline):
    pm = f"Pressemitteilung\n{dateline}\n\nNeue Bänke im Kurpark\n\nDie Stadt stellt im Kurpark zehn neue Bänke auf."
    d = entwurf(pm, "bluesky")
    assert "📅" not in d.text and "30.11" not in d.text and "30. November" not in d.text
    assert any("Datum der Pressemitteilung" in h for h in d.hinweise)
    assert any("nicht gefunden: Datum" in h for h in d.hinweise)


def test_date_with_weekday_alone_in_the_head_is_an_event_date():
    pm = "Weihnachtsmarkt im Kurpark\nSamstag, 5. Dezember 2026\n\nDie Stadt lädt alle Familien zum Markt ein."
    assert "📅 Samstag, 5. Dezember 2026" in entwurf(pm, "x").text


def test_dateline_with_dash_and_event_date_in_body():
    pm = "Musterstadt, 30. November 2026 – Das Konzert im Kurpark beginnt am Samstag, 5. Dezember 2026, um 17 Uhr."
    d = entwurf(pm, "x")
    assert "30. November" not in d.text and "5. Dezember 2026" in d.text


BODY = (
    "Musterstadt, 02.11.2026 – Die Musikschule lädt alle Familien aus der Stadt zu einem Konzert ein. "
    "Es beginnt am Samstag, 12.12.2026, um 16 Uhr im Kurpark. Infos: https://www.musterstadt.de/konzert\n\n"
)
CONTACTS = {
    "pressekontakt": "Pressekontakt: Pressestelle, Rathaus, Marktplatz 1, 12345 Musterstadt, "
    "https://www.musterstadt.de/presse",
    "kontakt-mehrzeilig": "Kontakt:\nStadt Musterstadt\nSchulstraße 5\nhttps://www.musterstadt.de/kontakt",
    "kontakt-absatz": "Kontakt:\n\nStadt Musterstadt, Schulstraße 5, Sprechzeit am 1. Dezember 2026 ab 9 Uhr",
    "visdp": "V.i.S.d.P.: Anna Beispiel, Bürgerhaus, Lindenallee 3, https://www.musterstadt.de/impressum",
    "ansprechpartnerin": "Ansprechpartnerin: Petra Muster, Stadthalle, Telefon 01234 5678-12, "
    "erreichbar ab 1. Dezember 2026",
}


@pytest.mark.parametrize("block", CONTACTS.values(), ids=CONTACTS.keys())
def test_contact_blocks_give_no_place_date_or_link(block):
    d = entwurf(BODY + block, "x")  # X: only the first sentence, so date, place and link get own lines
    for fact in ("Samstag, 12.12.2026", "16 Uhr", "Kurpark", "https://www.musterstadt.de/konzert"):
        assert fact in d.text, d.text
    for foreign in ("Marktplatz", "Schulstraße", "Lindenallee", "Stadthalle", "Bürgerhaus", "1. Dezember",
                    "/presse", "/kontakt", "/impressum"):
        assert foreign not in d.text


def test_contact_block_only_link_is_not_taken_but_body_link_after_it_is():
    pm = (
        "Die Musikschule spielt am Samstag, 12.12.2026, im Kurpark ein Konzert für alle Familien.\n\n"
        "Pressekontakt: Pressestelle, https://www.musterstadt.de/presse"
    )
    d = entwurf(pm, "mastodon")
    assert "/presse" not in d.text and any("Link" in h for h in d.hinweise)
    d2 = entwurf(pm.replace("Pressekontakt", "Kontakt:\nPressestelle\n\nMehr: https://www.musterstadt.de/konzert\n\nX"),
                 "mastodon")
    assert "https://www.musterstadt.de/konzert" in d2.text


def test_original_footer_address_is_not_the_place():
    text = entwurf(ORIGINAL["strassensperrung"], "x").text
    assert "Bahnhofstraße" in text and "Marktplatz 1" not in text
    assert "📍 Marktplatz\n" in entwurf(ORIGINAL["stadtfest"], "x").text


@pytest.mark.parametrize("pm", ALL_EXAMPLES)
@pytest.mark.parametrize("pid", platforms.platform_ids())
def test_a_time_never_stands_without_the_date(pm, pid):
    text = entwurf(pm, pid).text
    for line in text.split("\n"):
        if line.startswith("📅") and "Uhr" in line:
            assert _DATE_IN.search(line), text


def test_strassensperrung_draft_carries_date_and_time():
    for source in (ORIGINAL, CURRENT):
        text = entwurf(source["strassensperrung"], "x").text
        when = "📅 Montag, 7. Dezember 2026 bis einschließlich Freitag, 11. Dezember 2026, von 7 Uhr bis 18 Uhr"
        assert when in text
        assert platforms.counted_length(text, platforms.get("x")) <= 280


def test_time_of_another_day_is_not_attached_to_the_date():
    # "um 18 Uhr" belongs to Friday's opening, "Von 11 Uhr bis 17 Uhr" to Sunday: not to "18. bis 20. Juni"
    text = entwurf(CURRENT["stadtfest"], "bluesky").text
    assert "18. bis 20. Juni 2027" in text
    for line in text.split("\n"):
        assert not (line.startswith("📅") and ("18 Uhr" in line or "11 Uhr" in line)), text


def test_date_in_full_lead_is_not_repeated_but_kept_when_lead_is_left_out():
    pm = "Das Konzert im Kurpark beginnt am Samstag, 12.12.2026, um 16 Uhr."
    assert "📅" not in entwurf(pm, "mastodon").text  # the lead already says it
    long_pm = ("Alle Familien aus der Stadt und dem ganzen Landkreis Musterland sind " + "herzlich eingeladen, " * 12
               + "zum Konzert im Kurpark am Samstag, 12.12.2026, um 16 Uhr.")
    d = entwurf(long_pm, "x")
    assert "…" not in d.text and "📅 Samstag, 12.12.2026, um 16 Uhr\n" in d.text
    assert any(h.startswith("Kein Satz") for h in d.hinweise)
