"""One place for each fact: platforms, rule ids, Flesch bands and „Stand“ lines are read from their source.

Each test reads the code with `ast` (or the docs as text) and fails when a copy of a fact reappears;
each scan is also shown to find a planted copy.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from kommsocial import platforms
from kommsocial._data import load_model
from kommsocial.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "widgets" / "kommsocial"
UI = PACKAGE / "ui"
# A view's preselection: which of the yaml's platforms are ticked at the start. It lists no facts
# about platforms; its ids are checked against the yaml below.
PRESELECTIONS = {("post_werkstatt.py", "DEFAULT_PLATFORMS")}


# --- platforms ------------------------------------------------------------------------------------


def _platform_literals(path: Path, ids: set[str]) -> list[str]:
    """Dicts keyed by two or more platform ids and lists/tuples/sets of two or more of them."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    allowed = {id(node.value) for node in ast.walk(tree)
               if isinstance(node, ast.Assign) and len(node.targets) == 1
               and isinstance(node.targets[0], ast.Name) and (path.name, node.targets[0].id) in PRESELECTIONS}
    for node in ast.walk(tree):
        if id(node) in allowed:
            continue
        if isinstance(node, ast.Dict):
            keys = [k.value for k in node.keys if isinstance(k, ast.Constant) and k.value in ids]
            if len(keys) >= 2:
                found.append(f"{path.name} line {node.lineno}: dict keyed by {keys}")
        elif isinstance(node, ast.List | ast.Tuple | ast.Set):
            elements = [e.value for e in node.elts if isinstance(e, ast.Constant) and e.value in ids]
            if len(elements) >= 2:
                found.append(f"{path.name} line {node.lineno}: list of {elements}")
    return found


def test_no_platform_list_or_dict_is_left_in_ui():
    ids = set(platforms.all_platform_ids())
    found = [hit for path in sorted(UI.glob("*.py")) for hit in _platform_literals(path, ids)]
    assert not found, "platform facts belong in platforms.yaml:\n" + "\n".join(found)


def test_the_platform_scan_finds_a_planted_copy(tmp_path):
    copy = tmp_path / "copy.py"
    copy.write_text('NAMES = {"x": "X", "bluesky": "Bluesky"}\nOFFERED = ["instagram", "youtube"]\n'
                    'ONE = ("x",)\n', encoding="utf-8")
    assert len(_platform_literals(copy, set(platforms.all_platform_ids()))) == 2


def test_preselections_name_platforms_of_the_yaml():
    from kommsocial.ui import post_werkstatt

    assert set(post_werkstatt.DEFAULT_PLATFORMS) <= set(platforms.platform_ids())


def test_every_platform_the_ui_offers_comes_from_the_yaml():
    from kommsocial.community.bank import load_bank
    from kommsocial.ui.comment_triage import feed_card_html
    from kommsocial.ui.legal_impressum import ImpressumForm
    from kommsocial.ui.post_editor import PostEditor
    from kommsocial.ui.post_werkstatt import PostWerkstatt

    assert list(ImpressumForm().fields["plattform"].options) == platforms.all_platform_ids()
    assert list(PostEditor("Hallo").platform_boxes) == platforms.platform_ids()
    werkstatt = PostWerkstatt()
    assert list(werkstatt.platform_boxes) == platforms.platform_ids()
    assert [b.description for b in werkstatt.platform_boxes.values()] == [
        p.name for p in platforms.platforms().values()]
    comments = load_bank().kommentare
    assert {k.plattform for k in comments} <= set(platforms.all_platform_ids())
    for pid, name in (("linkedin", "LinkedIn"), ("youtube", "YouTube")):
        card = feed_card_html(comments[0].model_copy(update={"plattform": pid}))
        assert f"{name} (nachgestellt, erfunden)" in card


def test_preview_card_takes_colour_handle_and_links_from_the_yaml():
    from kommsocial.ui.platform_preview import preview_html

    text = "Infos: https://musterstadt.de/fest"
    for pid, p in platforms.platforms().items():
        html = preview_html(text, pid)
        assert f"border-top:4px solid {p.farbe}" in html and p.handle in html, pid
        assert ("ks-link-text" in html) is (not p.links_anklickbar), pid
    assert {pid for pid, p in platforms.platforms().items() if not p.links_anklickbar} == {"instagram", "tiktok"}


def test_youtube_is_known_without_text_limits():
    youtube = platforms.all_platforms()["youtube"]
    assert (youtube.name, youtube.limit, youtube.has_text_limit) == ("YouTube", None, False)
    assert youtube.quelle and youtube.stand.year >= 2024 and "unbestätigt" in (youtube.hinweis or "")
    assert "youtube" not in platforms.platform_ids()
    with pytest.raises(InputError) as exc:
        platforms.get("youtube")
    assert "YouTube" in str(exc.value) and "keine Textgrenzen" in str(exc.value)
    assert platforms.display_name("youtube") == "YouTube" and platforms.display_name("myspace") == "myspace"


ENTRY = "stand: 2026-11-21\nplattformen:\n  x:\n    name: X\n    farbe: '#000000'\n    handle: '@m'\n"


@pytest.mark.parametrize(("extra", "words"), [
    ("    limit: 280\n    zaehlweise: grapheme\n", "einheit"),
    ("    links_anklickbar: false\n", "links_quelle"),
])
def test_incomplete_platform_entries_give_line_numbered_german_errors(extra, words):
    bad = ENTRY + extra + "    quelle: Doku\n    stand: 2026-11-21\n"
    with pytest.raises(InputError) as exc:
        load_model(platforms.PlatformFile, "platforms.yaml", text=bad)
    assert exc.value.line == 3 and words in str(exc.value)


def test_a_platform_needs_colour_and_handle():
    bad = "stand: 2026-11-21\nplattformen:\n  x:\n    name: X\n    quelle: Doku\n    stand: 2026-11-21\n"
    with pytest.raises(InputError) as exc:
        load_model(platforms.PlatformFile, "platforms.yaml", text=bad)
    assert exc.value.field in {"plattformen.x.farbe", "plattformen.x.handle"}


# --- rule ids -------------------------------------------------------------------------------------

RULE_DOCS = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((PACKAGE / "text").glob("*.md")),
             PACKAGE / "text" / "hausstil_beispiel.yaml"]


def test_rule_ids_have_one_source():
    from kommsocial.text import hausstil, rule_ids
    from kommsocial.text.rules import ALL

    assert hausstil.RULE_IDS is rule_ids.RULE_IDS
    assert [rule_id for rule_id, _ in ALL] == list(rule_ids.RULE_IDS)
    assert all(function.__name__ == rule_id.replace("-", "_") for rule_id, function in ALL)


def _rule_id_lists(path: Path, ids: tuple[str, ...]) -> list[str]:
    """String-literal sequences in code that spell out three or more rule ids."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            words = [e.value for e in node.elts if isinstance(e, ast.Constant) and e.value in ids]
            if len(words) >= 3:
                found.append(f"{path.relative_to(PACKAGE)} line {node.lineno}")
    return found


def test_only_rule_ids_py_spells_out_the_rule_ids():
    from kommsocial.text.rule_ids import RULE_IDS

    source = PACKAGE / "text" / "rule_ids.py"
    assert _rule_id_lists(source, RULE_IDS)  # the scan sees the one definition
    elsewhere = [hit for path in sorted((PACKAGE / "text").rglob("*.py")) if path != source
                 for hit in _rule_id_lists(path, RULE_IDS)]
    assert not elsewhere, f"rule ids typed again: {elsewhere}"


def _listed_rule_ids(text: str, ids: tuple[str, ...]) -> list[list[str]]:
    """Runs of three or more rule ids separated by commas (with or without backticks, line breaks, #)."""
    word = "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True))
    item = rf"`?(?:{word})`?"
    sep = r",\s*(?:#\s*)?"
    runs = re.finditer(rf"(?<![\w-]){item}(?:{sep}{item}){{2,}}(?![\w-])", text)
    return [[w.strip("`") for w in re.split(sep, m.group())] for m in runs]


def test_docs_that_list_the_rules_list_all_of_them_in_order():
    from kommsocial.text.rule_ids import RULE_IDS

    listed = {path.name: runs for path in RULE_DOCS if path.exists()
              if (runs := _listed_rule_ids(path.read_text(encoding="utf-8"), RULE_IDS))}
    assert "hausstil_beispiel.yaml" in listed  # the example Hausstil names the ids it can switch
    for name, runs in listed.items():
        for run in runs:
            assert run == list(RULE_IDS), f"{name} lists {run}, the rules are {list(RULE_IDS)}"


def test_the_doc_scan_finds_a_list():
    ids = ("laenge", "passiv", "alt-text", "w-fragen")
    assert _listed_rule_ids("Regeln: `laenge`, `passiv`,\n# alt-text. Sonst nichts, w-fragen", ids) == [
        ["laenge", "passiv", "alt-text"]]


def test_findings_carry_only_known_rule_ids():
    from kommsocial.text import analyze
    from kommsocial.text.rule_ids import RULE_IDS

    text = ("Zwecks Inanspruchnahme der Leistung wird seitens der Verwaltung gebeten, ggf. den Antrag "
            "mittels Formular einzureichen, bzgl. der Durchführung. #stadtfest #Stadtfest #A #B #C #D #E #F")
    rules = {f.rule for pid in platforms.platform_ids() for f in analyze(text, pid, image=True).findings}
    assert rules and rules <= set(RULE_IDS)


# --- Flesch bands ---------------------------------------------------------------------------------


def test_flesch_bands_come_from_the_data_file_loaded_once():
    from kommsocial.text import readability
    from kommsocial.ui import report_view

    assert readability.lesbarkeit() is readability.lesbarkeit()
    assert report_view.lesbarkeit is readability.lesbarkeit and report_view.band_for is readability.band_for
    bands = readability.lesbarkeit().baender
    assert [b.von for b in bands] == [0, 30, 50, 60, 70, 80, 90]
    for b in bands:
        assert readability.flesch_band(b.von) == b.name
        assert readability.flesch_band(b.bis - 0.1) == b.name
    assert readability.flesch_band(-5) == "sehr schwer" and readability.flesch_band(100) == "sehr leicht"
    assert readability.flesch_band(120) == "sehr leicht"
    assert "Flesch" in readability.lesbarkeit().quelle and "Amstad" in readability.lesbarkeit().quelle


def test_no_band_label_is_written_in_code():
    from kommsocial.text.readability import lesbarkeit

    labels = {b.name for b in lesbarkeit().baender}
    found = [f"{path.relative_to(PACKAGE)} line {node.lineno}"
             for path in sorted(PACKAGE.rglob("*.py"))
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Constant) and node.value in labels - {"mittel", "leicht", "schwer"}]
    assert not found, f"Flesch band labels typed in code: {found}"


def test_broken_band_file_gives_a_german_error_with_line():
    from kommsocial.text.readability import Lesbarkeit

    bad = ("quelle: Flesch 1948\nstand: 2026-11-21\nbaender:\n  - {von: 0, bis: 30, name: a, farbe: '#000000'}\n"
           "  - {von: 40, bis: 100, name: b, farbe: '#000000'}\norientierung: {von: 45, bis: 70, quelle: x}\n")
    with pytest.raises(InputError) as exc:
        load_model(Lesbarkeit, "lesbarkeit.yaml", text=bad)
    assert "beginnen" in str(exc.value) and exc.value.line == 1


# --- „Stand“ lines --------------------------------------------------------------------------------


def test_crisis_app_and_community_cli_write_no_stand_of_their_own():
    crisis_app = (UI / "crisis_app.py").read_text(encoding="utf-8")
    assert "Stand:" not in crisis_app and "stand(" in crisis_app
    cli = (PACKAGE / "community" / "cli.py").read_text(encoding="utf-8")
    assert not re.search(r"\d{1,2}\.\d{1,2}\.\d{4}", cli)


def test_netiquette_help_names_the_templates_stand(capsys):
    from kommsocial import _german
    from kommsocial.cli import main
    from kommsocial.community.netiquette import load_netiquette

    with pytest.raises(SystemExit):
        main(["community", "netiquette", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert f"(Markdown). Stand: {_german.datum(load_netiquette().stand)} – keine Rechtsberatung." in out


def test_scenario_info_uses_the_shared_stand_line():
    from kommsocial import _german
    from kommsocial.crisis.schema import list_scenarios
    from kommsocial.ui.crisis_app import scenario_info_html

    scenario = list_scenarios()[0]
    assert f"· {_german.stand(scenario.meta.stand)}</div>" in scenario_info_html(scenario)
