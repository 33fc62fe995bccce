"""KI review bank: schema validation, German errors, and every claim in the bank checked against the engines."""

from __future__ import annotations

from pathlib import Path

import pytest

from fakes import RESEARCH_DATE
from kommsocial.errors import InputError
from kommsocial.ki import abgleich, load_bank, pruefe
from kommsocial.ki.data import default_path, walk_tree
from kommsocial.ki.schema import TYP_TEXT
from kommsocial.ki.ton import ton_findings
from kommsocial.legal.data import load_tree

BANK = load_bank()
CASES = BANK.faelle
# Which text rule must point at a problem of this type when the bank says "textpruefung".
TEXT_RULE = {"amtsdeutsch": "amtsdeutsch", "werbesprache": "werbesprache", "plattformlaenge": "laenge"}


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def test_bank_size_and_variety():
    assert len(CASES) >= 8
    used = {p.typ for f in CASES for p in f.probleme}
    assert used == set(TYP_TEXT), f"nicht abgedeckte Typen: {set(TYP_TEXT) - used}"
    assert "Kein echtes KI-Werkzeug" in BANK.hinweis
    assert BANK.stand.isoformat() == RESEARCH_DATE.isoformat()


@pytest.mark.parametrize("fall", CASES, ids=lambda f: f.id)
def test_labelling_verdict_exists_in_tree(fall):
    tree = load_tree("ki-kennzeichnung")
    assert fall.kennzeichnung.urteil in tree.urteile
    assert walk_tree(fall) == fall.kennzeichnung.urteil


@pytest.mark.parametrize("fall", CASES, ids=lambda f: f.id)
def test_automatic_claims_hold(fall):
    """'automatisch' is true exactly when the comparison or the text check points at the passage."""
    result = pruefe(fall.quelle, fall.entwurf, fall.plattform)
    unsupported = [(a.start, a.end) for a in result.nicht_belegt]
    for p in fall.probleme:
        span = fall.span(p.stelle)
        # a problem of the whole draft (no passage) is never pointed at by a single detail
        by_source = p.stelle is not None and any(overlaps(span, u) for u in unsupported)
        assert by_source == ("abgleich" in p.automatisch), f"{fall.id}/{p.id}: Abgleich {by_source}"
        rule = TEXT_RULE.get(p.typ)
        by_text = rule is not None and any(
            f.rule == rule and overlaps(span, (f.start, f.end)) for f in result.findings)
        assert by_text == ("textpruefung" in p.automatisch), f"{fall.id}/{p.id}: Textprüfung {by_text}"


@pytest.mark.parametrize("fall", CASES, ids=lambda f: f.id)
def test_distractors_are_supported_by_the_source(fall):
    unsupported = [(a.start, a.end) for a in abgleich(fall.quelle, fall.entwurf) if not a.belegt]
    for a in fall.ablenker:
        assert not any(overlaps(fall.span(a.stelle), u) for u in unsupported), f"{fall.id}/{a.id}"


@pytest.mark.parametrize("fall", CASES, ids=lambda f: f.id)
def test_length_problem_only_where_the_draft_is_too_long(fall):
    length = pruefe(fall.quelle, fall.entwurf, fall.plattform).report.length
    too_long = length.counted > length.limit
    assert too_long == any(p.typ == "plattformlaenge" for p in fall.probleme)


@pytest.mark.parametrize("fall", CASES, ids=lambda f: f.id)
def test_missing_label_matches_verdict(fall):
    """A case with a 'fehlende_kennzeichnung' problem must need a label according to the tree."""
    needs_label = fall.kennzeichnung.urteil in {"text_offenlegen", "deepfake"}
    assert needs_label == any(p.typ == "fehlende_kennzeichnung" for p in fall.probleme)


def _write(tmp_path: Path, old: str, new: str) -> Path:
    text = default_path().read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "faelle.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_passage_not_in_draft_is_reported_with_line(tmp_path):
    path = _write(tmp_path, 'stelle: "23. Dezember"', 'stelle: "24. Dezember"')
    with pytest.raises(InputError) as exc:
        load_bank(path)
    msg = str(exc.value)
    assert "„24. Dezember“ steht nicht wörtlich im Entwurf" in msg
    assert "Zeile" in msg and "faelle[1]" in msg


def test_unknown_problem_type_is_reported(tmp_path):
    path = _write(tmp_path, "typ: falsches_datum", "typ: falsch_datum")
    with pytest.raises(InputError) as exc:
        load_bank(path)
    assert "unzulässiger Wert" in str(exc.value) and "typ" in str(exc.value)


def test_wrong_verdict_is_reported(tmp_path):
    path = _write(tmp_path, "urteil: ausnahme_redaktion", "urteil: text_offenlegen")
    with pytest.raises(InputError) as exc:
        load_bank(path)
    assert "führen im Baum „ki-kennzeichnung“ zum Urteil „ausnahme_redaktion“" in str(exc.value)


def test_unknown_platform_is_reported(tmp_path):
    path = _write(tmp_path, "plattform: x", "plattform: myspace")
    with pytest.raises(InputError) as exc:
        load_bank(path)
    assert "„myspace“ gibt es nicht" in str(exc.value)


def test_tone_lexicon_finds_inflected_forms_only_at_word_start():
    hits = [f.rule for f in ton_findings("Ein unvergessliches Fest. Der schönsten Stadt. Unschönste Ecke.")]
    assert hits == ["werbesprache", "werbesprache"]
    assert [f.rule for f in ton_findings("Als KI-Sprachmodell kann ich das nicht.")] == ["ki-floskel"]


# --- exercise "Wofür taugt ein KI-Werkzeug?" ---------------------------------------------------------

def test_einsatz_feedback_counts_only_matching_levels():
    from kommsocial.ki.einsatz import load_aufgaben, pruefe_einschaetzung

    aufgaben = load_aufgaben().aufgaben
    assert {a.stufe for a in aufgaben} == {"gut", "vorsicht", "ungeeignet"}
    perfect = pruefe_einschaetzung({a.id: a.stufe for a in aufgaben})
    assert all(r.richtig for r in perfect) and len(perfect) == len(aufgaben)
    partial = pruefe_einschaetzung({"varianten": "gut", "kommentare": "gut", "alt_text": ""})
    by_id = {r.aufgabe.id: r for r in partial}
    assert by_id["varianten"].richtig and not by_id["kommentare"].richtig
    assert by_id["alt_text"].antwort is None and by_id["alt_text"].text().startswith("–")
    assert by_id["kommentare"].text().startswith("✘") and "nicht geeignet" in by_id["kommentare"].text()


def test_einsatz_rejects_unknown_task_and_level():
    from kommsocial.ki.einsatz import pruefe_einschaetzung

    with pytest.raises(InputError, match="Eine Aufgabe „tippfehler“ gibt es nicht"):
        pruefe_einschaetzung({"tippfehler": "gut"})
    with pytest.raises(InputError, match="„super“ ist keine Stufe"):
        pruefe_einschaetzung({"varianten": "super"})


def test_feedback_texts_avoid_amtsdeutsch_and_passive_questions():
    """What the exercise tells users is plain German (quoted bad examples excepted)."""
    from kommsocial.ki.einsatz import load_aufgaben
    from kommsocial.text import analyze
    from kommsocial.text.tokens import blank_quoted

    texts = [BANK.hinweis] + [a.begruendung for a in load_aufgaben().aufgaben]
    for f in CASES:
        texts += [f.auftrag, f.kennzeichnung.situation]
        texts += [x for p in f.probleme for x in (p.erklaerung, p.aussage)]
        texts += [x for a in f.ablenker for x in (a.erklaerung, a.aussage)]
    problems = [(t, t[x.start:x.end]) for t in texts
                for x in analyze(blank_quoted(t), platform="facebook").findings if x.rule == "amtsdeutsch"]
    assert problems == []
    assert not any("gekennzeichnet werden" in f.kennzeichnung.situation for f in CASES)
