"""Gerüst-Vorschlag: drafts fit each platform's limit and keep date, place and link."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def test_long_lead_is_shortened_for_x_with_note():
    d = entwurf(LONG_LEAD, "x")
    assert "…" in d.text
    assert any("gekürzt" in h for h in d.hinweise)
    assert not any("gekürzt" in h for h in entwurf(LONG_LEAD, "facebook").hinweise)


def test_missing_facts_are_named():
    d = entwurf("Die Stadt Musterstadt lädt alle Menschen herzlich zum großen Fest ein.", "bluesky")
    assert any("Datum" in h and "Ort" in h and "Link" in h for h in d.hinweise)


def test_entwuerfe_all_platforms_and_errors():
    assert [d.platform for d in entwuerfe(PM)] == platforms.platform_ids()
    with pytest.raises(InputError):
        entwurf("   ", "x")
    with pytest.raises(InputError, match="Gültig sind"):
        entwurf(PM, "myspace")
