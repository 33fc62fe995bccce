"""Post editor, report views and platform previews: real engine, real widgets, rendered HTML checked."""

from __future__ import annotations

import html
import re
from itertools import pairwise

import pytest

from fakes import FakeClock
from kommsocial import platforms
from kommsocial._findings import Finding, LengthInfo
from kommsocial.errors import InputError
from kommsocial.text.report import Readability, Report
from kommsocial.ui import report_view
from kommsocial.ui._html import Span, highlight, stand_footer, traffic_light
from kommsocial.ui.platform_preview import cut_to_limit, preview_html, styled_text
from kommsocial.ui.post_editor import PostEditor

XSS = "<img src=x onerror=alert(1)><script>alert(2)</script>"
PLAIN = "Die Stadt lädt Sie ein. Kommen Sie am Samstag auf den Marktplatz."
STIFF = "Zwecks Erneuerung der Leitung wird die Straße gesperrt."


def visible_text(fragment: str) -> str:
    """Text content of an HTML fragment (tags removed, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def editor(text="", platforms=("x",), **kw) -> PostEditor:
    return PostEditor(text, platforms, scheduler=FakeClock(), **kw)


# --- editor with the real engine -------------------------------------------------------------


def test_editor_marks_amtsdeutsch_and_escapes_text():
    e = editor(f"{XSS} {STIFF}")
    assert "amtsdeutsch" in {f.rule for r in e.reports.values() for f in r.findings}
    marked = e.marked.value
    assert "<script>" not in marked and "<img" not in marked
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in marked
    mark = re.search(r'<mark data-severity="[a-z]+" title="([^"]*)"[^>]*>([^<]*)</mark>', marked)
    assert mark, marked
    # the marked word is the Amtsdeutsch word and its tooltip is the engine's message
    zwecks = next(f for r in e.reports.values() for f in r.findings if f.rule == "amtsdeutsch")
    assert e.text[zwecks.start:zwecks.end].lower() in marked.lower()
    assert html.escape(zwecks.message, quote=True) in marked
    assert visible_text(marked) == e.text  # marking adds no visible text and loses none
    assert 'data-rule="amtsdeutsch"' in e.findings.value


def test_traffic_light_follows_the_text():
    e = editor(PLAIN)
    assert e.reports["x"].traffic_light == "gruen"
    assert 'data-state="gruen"' in e.ampel.value
    e.text = STIFF
    e.update_now()
    assert e.reports["x"].traffic_light in ("gelb", "rot")
    assert f'data-state="{e.reports["x"].traffic_light}"' in e.ampel.value
    e.text = PLAIN + " " + "Mehr Infos folgen bald. " * 20  # far over 280
    e.update_now()
    assert e.reports["x"].length.counted > 280
    assert 'data-state="rot"' in e.ampel.value
    assert "laenge" in e.reports["x"].rules()


def test_typing_is_debounced_until_the_timer_fires():
    clock = FakeClock()
    e = PostEditor(PLAIN, ["x"], scheduler=clock)
    for word in ("Zwecks", " Prüfung", " ist", " das", " gut."):
        e.text = e.text + word
    assert 'data-state="gruen"' in e.ampel.value  # nothing re-analysed while typing
    assert e.debouncer.pending
    assert clock.fire() == 1  # only the last keystroke's timer is still alive
    assert "amtsdeutsch" in e.reports["x"].rules()
    assert not e.debouncer.pending


def test_platform_selection_counters_and_previews():
    e = editor(PLAIN, ["x", "mastodon", "instagram"])
    assert e.selected_platforms == ["x", "mastodon", "instagram"]  # in the order of the platform data
    assert set(e.reports) == {"x", "mastodon", "instagram"}
    assert e.counters.value.count("/ 280") == 1 and "/ 500" in e.counters.value and "/ 2200" in e.counters.value
    assert e.previews.value.count('class="ks-preview"') == 3
    e.platform_boxes["instagram"].value = False
    e.update_now()
    assert set(e.reports) == {"x", "mastodon"}
    e.selected_platforms = []
    e.update_now()
    assert e.reports == {} and "mindestens eine Plattform" in e.findings.value


def test_image_without_alt_text_is_an_error_and_alt_field_toggles():
    e = editor(PLAIN)
    assert e.alt_row.layout.display == "none"
    e.image_box.value = True
    assert e.alt_row.layout.display is None
    e.update_now()
    assert "alt-text" in e.reports["x"].rules()
    assert 'data-state="rot"' in e.ampel.value
    e.alt_area.value = "Feuerwehrleute zeigen Kindern ein rotes Löschfahrzeug vor der Feuerwache."
    e.update_now()
    assert "alt-text" not in e.reports["x"].rules()
    assert "ALT" in e.previews.value


def test_readability_gauge_shows_band_and_threshold():
    e = editor(PLAIN, flesch_min=60, flesch_min_label="Hausstil Musterstadt")
    value = e.reports["x"].readability.flesch_amstad
    band = report_view.band_for(value)
    assert f'data-band="{band.name}"' in e.gauge.value
    assert "Mindestwert: 60 (Hausstil Musterstadt)" in e.gauge.value
    standard = editor(PLAIN)  # without a bound of its own the editor shows the engine's bound
    assert "Mindestwert: 45 (Standard)" in standard.gauge.value
    house = editor(PLAIN, hausstil={"name": "Musterstadt", "lesbarkeit": {"flesch_min": 70}})
    assert "Mindestwert: 70 (Hausstil Musterstadt)" in house.gauge.value
    off = editor(PLAIN, hausstil={"lesbarkeit": {"flesch_min": None}})
    assert "Orientierung für Sachtexte: 45–70" in off.gauge.value


def test_empty_text_and_unknown_platform():
    e = editor("")
    assert e.reports == {} and "Geben Sie oben einen Text ein" in e.findings.value
    with pytest.raises(InputError, match="Unbekannte Plattform"):
        editor(PLAIN, ["myspace"])


def test_engine_errors_are_shown_in_german_not_raised():
    def broken(text, **kw):
        raise InputError("Die Hausstil-Datei ist kaputt.", file="hausstil.yaml", line=3)

    e = PostEditor(PLAIN, ["x"], analyzer=broken, scheduler=FakeClock())
    assert e.reports == {}
    assert "hausstil.yaml" in e.findings.value and "Zeile 3" in e.findings.value


# --- pure HTML helpers and views --------------------------------------------------------------


def test_highlight_overlapping_spans_never_nest_marks():
    text = "abcdefghij"
    out = highlight(text, [Span(2, 6, "eins", "hinweis"), Span(4, 8, "zwei <b>", "fehler")])
    assert "<mark" in out and out.count("<mark") == 3  # [2,4) [4,6) [6,8)
    assert re.search(r"<mark[^>]*>[^<]*<mark", out) is None
    assert 'title="eins | zwei &lt;b&gt;"' in out
    assert 'data-severity="fehler" title="eins | zwei &lt;b&gt;"' in out  # worst severity wins
    assert visible_text(out) == text


def test_traffic_light_lamps_and_footer():
    for state in ("rot", "gelb", "gruen"):
        out = traffic_light(state)
        assert f'data-lamp="{state}" data-lit="true"' in out
        assert out.count('data-lit="true"') == 1
    footer = stand_footer("21.11.2026", quelle="§ 12a Abs. 8 BGG <Bund>")
    assert "Stand: 21.11.2026" in footer and "keine Rechtsberatung" in footer and "&lt;Bund&gt;" in footer


def test_bands_cover_the_scale_from_data():
    bands = report_view.lesbarkeit().baender
    assert bands[0].von == 0 and bands[-1].bis == 100
    assert all(a.bis == b.von for a, b in pairwise(bands))
    assert report_view.band_for(65).name == "mittel"
    assert report_view.band_for(-12).name == "sehr schwer"
    assert report_view.band_for(112).name == "sehr leicht"


def test_merge_findings_reports_platform_specific_ones():
    length = LengthInfo(10, 280, "Zeichen")
    read = Readability(60.0, 7.0, 5, 1)
    common = Finding("amtsdeutsch", "warnung", "A", 0, 3)
    only_x = Finding("laenge", "fehler", "zu lang", 0, 10)
    reports = {"x": Report("x", "t", length, read, [common, only_x]),
               "mastodon": Report("mastodon", "t", length, read, [common])}
    merged = report_view.merge_findings(reports)
    assert [(m.finding.rule, m.platforms) for m in merged] == [("laenge", ["x"]), ("amtsdeutsch", ["x", "mastodon"])]
    out = report_view.findings_html(merged, {"x": "X", "mastodon": "Mastodon"}, all_platforms=2)
    assert "Betrifft: X" in out and out.count("Betrifft") == 1
    assert report_view.worst_light(reports) == "rot"


# --- platform previews -------------------------------------------------------------------------


def test_preview_escapes_and_styles_hashtags_and_links():
    text = f"{XSS} #StadtfestMusterstadt https://www.musterstadt.example/fest?a=1&b=2"
    out = preview_html(text, "mastodon")
    assert "<script>" not in out and "<img" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out
    assert '<span class="ks-hashtag"' in out and "#StadtfestMusterstadt</span>" in out
    assert '<span class="ks-link"' in out and "a=1&amp;b=2" in out
    assert "<a " not in out  # links are never clickable
    assert ">MS<" in out and "Stadt Musterstadt" in out and "@musterstadt@social.example" in out
    assert "gekürzt" not in out


def test_preview_truncates_past_the_limit_with_the_platforms_counting():
    text = "Musterstadt informiert. " * 15  # 360 characters
    info = platforms.count(text, "x")
    out = preview_html(text, "x")
    assert f"(gekürzt: {info.counted - 280} gewichtete Zeichen zu viel)" in out
    cut = cut_to_limit(text, "x")
    assert platforms.count(cut.visible, "x").counted <= 280
    assert platforms.count(text[:len(cut.visible) + 1], "x").counted > 280  # longest fitting prefix
    assert "gekürzt" not in preview_html(text, "mastodon")


def test_truncation_counts_emoji_like_the_platform():
    # 150 emoji: X counts 2 each (300 > 280), Bluesky 1 each (150 ≤ 300)
    text = "🎉" * 150
    assert cut_to_limit(text, "x").over == 20
    assert cut_to_limit(text, "bluesky").over == 0
    flags = "🇩🇪" * 301
    cut = cut_to_limit(flags, "bluesky")
    assert cut.over == 1 and platforms.count_graphemes(cut.visible) == 300
    assert cut.visible == "🇩🇪" * 300  # no flag cut in half


def test_links_are_plain_text_where_the_platform_does_not_link_them():
    text = "Programm: https://www.musterstadt.example/stadtfest #Stadtfest"
    for pid in ("instagram", "tiktok"):
        out = preview_html(text, pid)
        assert '<span class="ks-link"' not in out and "text-decoration:underline" not in out, pid
        assert "https://www.musterstadt.example/stadtfest" in visible_text(out)
        assert "nicht anklickbar" in out and '<span class="ks-hashtag"' in out
    for pid in ("x", "bluesky", "mastodon", "threads", "facebook", "linkedin"):
        out = preview_html(text, pid)
        assert '<span class="ks-link"' in out and "nicht anklickbar" not in out, pid
    assert "nicht anklickbar" not in preview_html("Ohne Link, nur #Stadtfest", "instagram")
    assert visible_text(styled_text(text, links=False)) == text


def test_styled_text_keeps_text_identical():
    text = "Fest am #Marktplatz & mehr: https://www.musterstadt.example/x <b>"
    assert visible_text(styled_text(text)) == text


# --- Post-Werkstatt (press release → drafts → editors) -----------------------------------------


def test_werkstatt_builds_one_fitting_draft_editor_per_platform():
    from kommsocial.ui.post_werkstatt import PostWerkstatt, beispiel_text

    w = PostWerkstatt(beispiel_text("strassensperrung"), ["x", "mastodon"], scheduler=FakeClock())
    assert w.editors == {}
    w.build()
    assert list(w.editors) == ["x", "mastodon"]
    assert [w.tabs.get_title(i) for i in range(2)] == ["X", "Mastodon"]
    for pid, ed in w.editors.items():
        assert ed.text == w.drafts[pid].text  # the editor starts with the Gerüst draft
        assert ed.selected_platforms == [pid]
        assert ed.reports[pid].length.counted <= ed.reports[pid].length.limit
    assert "Gerüst-Vorschlag" in w.tabs.children[0].children[0].value
    # the press release itself is checked too (Amtsdeutsch "zwecks" is in it)
    assert 'data-rule="amtsdeutsch"' in w.pm_findings.value
    assert "2 Entwürfe erstellt" in w.message.value


def test_werkstatt_examples_and_input_errors():
    from kommsocial.ui.post_werkstatt import PostWerkstatt, beispiele

    examples = {b.titel: b.text for b in beispiele().values()}
    assert len(examples) >= 3
    w = PostWerkstatt(beispiele=examples, scheduler=FakeClock())
    w.build()
    assert "zuerst eine Pressemitteilung" in w.message.value and w.editors == {}
    title = next(t for t in examples if "BundID" in t)
    w.example_select.value = title
    assert w.pm_area.value == examples[title]
    for box in w.platform_boxes.values():
        box.value = False
    w.build()
    assert "mindestens eine Plattform" in w.message.value
    w.platform_boxes["instagram"].value = True
    w.build()
    assert list(w.editors) == ["instagram"]
    # editing a draft re-checks it once the debounce timer fires
    ed = w.editors["instagram"]
    ed.text = XSS + " Zwecks Anmeldung kommen Sie ins Rathaus."
    ed.update_now()
    assert "amtsdeutsch" in ed.reports["instagram"].rules()
    assert "<script>" not in ed.previews.value and "&lt;script&gt;" in ed.previews.value


def test_example_press_releases_are_valid_and_fictional():
    from kommsocial.ui.post_werkstatt import beispiele

    items = beispiele()
    assert {"strassensperrung", "bundid", "stadtfest"} <= set(items)
    for b in items.values():
        assert "Musterstadt" in b.text
        assert ".example" in b.text  # links point to a reserved, never-real domain
