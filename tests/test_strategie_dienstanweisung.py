"""Dienstanweisung builder: chosen sections, disclaimer, sources, escaping, choice files, writing."""

from __future__ import annotations

import pytest

from fakes import RESEARCH_STAND
from kommsocial.errors import InputError
from kommsocial.strategie import build, default_auswahl, load_auswahl, load_vorlage
from kommsocial.strategie.dienstanweisung import write
from kommsocial.strategie.dokument import Block, parse_text, to_markdown

DISCLAIMER = "Entwurf – bitte mit Personalrat, Datenschutz und Rechtsamt abstimmen"
EVIL = "<img src=x onerror=alert(1)><script>alert(2)</script>"


def headings(md: str) -> list[str]:
    return [line[3:] for line in md.splitlines() if line.startswith("## ")]


def test_default_draft_has_every_section_numbered_disclaimer_and_sources():
    v = load_vorlage()
    e = build()
    md = e.markdown()
    assert md.startswith("# Dienstanweisung Social Media – Stadt Musterstadt\n")
    assert f"> **{DISCLAIMER}.**" in md
    assert headings(md) == [f"{i}. {a.titel}" for i, a in enumerate(v.abschnitte, start=1)] + [
        f"{len(v.abschnitte) + 1}. Inkrafttreten", "Quellen und Vorbilder"]
    assert e.abschnitte == [a.id for a in v.abschnitte]
    assert "- DStGB „Social Media Guidelines“ 2012 mit Muster-Verwaltungsvorschrift" in md
    assert "- Dienstanweisung Social Media der Stadt Moers (offenes Datenportal)" in md
    assert "keine Rechtsberatung" in md and f"Stand der Bausteine: {RESEARCH_STAND}" in md
    assert "{" not in md  # every placeholder filled


def test_chosen_options_appear_and_left_out_sections_do_not():
    e = build({"zustaendigkeit": "dezentral", "tonalitaet": None, "ki": ["nicht-erlaubt"]},
              kommune="Gemeinde Beispieldorf", zentrale_stelle="Hauptamt")
    md = e.markdown()
    assert "Tonalität" not in "".join(headings(md)) and "tonalitaet" not in e.abschnitte
    assert "Fachbereiche können eigene Beiträge veröffentlichen" in md
    assert "Zentrale Stelle im Sinne dieser Dienstanweisung: Hauptamt." in md
    assert "Die zentrale Stelle betreibt alle Kanäle" not in md  # the central option was not chosen
    assert "Bis die Gemeinde Beispieldorf Regeln für KI-Werkzeuge beschlossen hat" in md
    assert "Zugänge laufen über persönliche Konten mit Rollen" in md
    # numbering closes the gap of the left-out section
    assert headings(md)[4] == "5. Datenschutz und Impressum"


def test_sources_of_chosen_options_only():
    with_ki = build({"ki": "mit-pruefung"}).quellen
    without_ki = build({"ki": None}).quellen
    art50 = "Verordnung (EU) 2024/1689, Art. 50 Abs. 4 (Offenlegung) und Art. 4 (KI-Kompetenz, seit 02.02.2025)"
    assert art50 in with_ki and art50 not in without_ki
    assert len(with_ki) == len(set(with_ki))


def test_lists_in_options_become_list_items():
    md = build({"freigabe": "routine-frei"}).markdown()
    assert "- Beiträge zu politischen oder strittigen Themen,\n- Beiträge mit Aussagen der Verwaltungsspitze," in md
    assert "\n\nWer freigibt, antwortet am selben Arbeitstag." in md


@pytest.mark.parametrize("auswahl, message", [
    ({"freigabe": None}, "„Freigabe“ ist Pflicht"),
    ({"zustaendigkeit": "irgendwie"}, "gibt es die Option „irgendwie“ nicht"),
    ({"zustaendigkeit": ["zentral", "dezentral"]}, "nur eine Option möglich"),
    ({"marketing": "ja"}, "Einen Abschnitt „marketing“ gibt es"),
])
def test_invalid_choices_are_german_errors(auswahl, message):
    with pytest.raises(InputError, match=message):
        build(auswahl)


@pytest.mark.parametrize("name", ["", "   ", "x" * 121])
def test_empty_or_overlong_names_are_rejected(name):
    with pytest.raises(InputError) as info:
        build(kommune=name)
    assert info.value.field == "kommune"


def test_user_values_are_escaped_in_markdown_and_html():
    e = build(kommune="Stadt " + EVIL + " *fett* [link](javascript:x)\n# Überschrift", zentrale_stelle=EVIL)
    md, frag, page = e.markdown(), e.html(), e.html_page()
    for out in (md, frag, page):
        assert "<img" not in out and "<script" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in frag
    assert r"\*fett\*" in md and r"\[link\](javascript:x)" in md
    assert "\n# Überschrift" not in md  # the newline in the name cannot start a heading
    assert page.startswith("<!DOCTYPE html>") and '<html lang="de">' in page
    assert "http" not in page  # no external resources


def test_html_shows_the_disclaimer_highlighted():
    frag = build().html()
    assert '<div class="ks-entwurf"' in frag and f"<strong>{DISCLAIMER}.</strong>" in frag


def test_default_choice_matches_the_template():
    v = load_vorlage()
    assert default_auswahl(v)["zustaendigkeit"] == ["zentral"]
    assert build(default_auswahl(v)).markdown() == build().markdown()


def test_choice_file_roundtrip_and_line_numbered_errors(tmp_path):
    f = tmp_path / "auswahl.yaml"
    f.write_text("kommune: Gemeinde Beispieldorf\nabschnitte:\n  zustaendigkeit: gemischt\n  bildrechte: null\n",
                 encoding="utf-8")
    auswahl, names = load_auswahl(f)
    assert auswahl["zustaendigkeit"] == ["gemischt"] and auswahl["bildrechte"] == []
    assert names == {"kommune": "Gemeinde Beispieldorf", "zentrale_stelle": "Pressestelle"}
    bad = tmp_path / "falsch.yaml"
    bad.write_text("kommune: Gemeinde Beispieldorf\nabschnitte:\n  tonalitaet: sie\n  freigabe: null\n",
                   encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_auswahl(bad)
    assert (info.value.line, info.value.field) == (4, "freigabe")
    bad.write_text("kommune: ''\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_auswahl(bad)
    assert (info.value.line, info.value.field) == (1, "kommune")


def test_write_creates_both_files_and_leaves_no_temp_files(tmp_path):
    e = build()
    paths = write(e, markdown=tmp_path / "da.md", html=tmp_path / "da.html")
    assert [p.name for p in paths] == ["da.md", "da.html"]
    assert (tmp_path / "da.md").read_text(encoding="utf-8") == e.markdown()
    assert DISCLAIMER in (tmp_path / "da.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["da.html", "da.md"]
    with pytest.raises(InputError, match="Zielordner existiert nicht"):
        write(e, markdown=tmp_path / "fehlt" / "da.md")


def test_parse_text_paragraphs_and_lists():
    blocks = parse_text("Erster Satz\nzweiter Satz.\n- eins\n- zwei\n  weiter\nDanach.\n\nNeu.")
    assert blocks == [Block("p", "Erster Satz zweiter Satz."), Block("ul", punkte=("eins", "zwei weiter")),
                      Block("p", "Danach."), Block("p", "Neu.")]
    assert to_markdown(blocks) == "Erster Satz zweiter Satz.\n\n- eins\n- zwei weiter\n\nDanach.\n\nNeu.\n"
