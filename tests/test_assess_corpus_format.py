"""Format and coverage checks for the labelled calibration corpus of the assessment engine (issue #9).

The corpus lives in tests/data/assess/. These tests check properties of the data itself
(schema, ids, labels, splits, counts, playable crisis response sets, label consistency);
they do not use the assessment engine.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from kommsocial.crisis.actions import load_responses
from kommsocial.crisis.engine import Exercise
from kommsocial.crisis.schema import builtin_files, resolve

CORPUS = Path(__file__).parent / "data" / "assess"
CRISIS_DIR = CORPUS / "krise"
STAND = dt.date(2026, 12, 7)

LABELS = ("gut", "ausreichend", "mangelhaft", "schaedlich")
SPLITS = ("train", "test")
ARTS = {
    "keyword_liste", "umgekehrte_bedeutung", "verneinte_fakten", "verharmlosung", "spekulation",
    "du_anrede", "sarkasmus", "abwimmeln", "persoenliche_daten", "einzelfall_oeffentlich",
    "ungewoehnliche_formulierung", "unbestaetigte_zahlen", "widerspruch_amtlich",
}
TASK_VARIABLES = {
    "a02_pressemitteilung": {"post_x", "post_instagram", "alt_text_instagram", "post_mastodon"},
    "a04_krise": {"erstmeldung"},
    "a06_community": {"antwort"},
}
TASK_KEYS = {"id", "variable", "split", "label", "grund", "art", "text"}
CRISIS_KEYS = {"id", "split", "label", "grund", "art", "aktionen"}
SCENARIOS = sorted(p.stem for p in builtin_files())
# Kinds of set the crisis tests rely on (keyword list <= 30, downplaying/speculative <= 20).
REQUIRED_CRISIS_ARTS = {"keyword_liste", "verharmlosung", "spekulation"}
# Arts that describe a set or answer which, posted as is, spreads false or dangerous content.
HARMFUL_ARTS_CRISIS = {"verharmlosung", "spekulation", "widerspruch_amtlich", "umgekehrte_bedeutung"}
HARMFUL_ARTS_TASK = {"umgekehrte_bedeutung", "widerspruch_amtlich"}


def _load(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# "), f"{path.name}: header comment missing"
    data = yaml.safe_load(text)
    assert isinstance(data, dict), path.name
    assert set(data) == {"quelle", "stand", "eintraege"}, (path.name, sorted(data))
    assert isinstance(data["quelle"], str) and data["quelle"].strip(), path.name
    stand = data["stand"]
    assert stand == STAND or str(stand) == STAND.isoformat(), (path.name, stand)
    assert isinstance(data["eintraege"], list) and data["eintraege"], path.name
    return data


def _task_entries() -> dict[str, list[dict]]:
    return {name: _load(CORPUS / f"{name}.yaml")["eintraege"] for name in TASK_VARIABLES}


def _crisis_entries() -> dict[str, list[dict]]:
    return {sid: _load(CRISIS_DIR / f"{sid}.yaml")["eintraege"] for sid in SCENARIOS}


def _all_entries() -> list[dict]:
    out = [e for es in _task_entries().values() for e in es]
    out += [e for es in _crisis_entries().values() for e in es]
    return out


def _check_common(e: dict, where: str) -> None:
    assert isinstance(e["id"], str) and re.fullmatch(r"[a-z0-9-]+", e["id"]), where
    assert e["label"] in LABELS, (where, e["label"])
    assert e["split"] in SPLITS, (where, e["split"])
    assert e["art"] is None or e["art"] in ARTS, (where, e["art"])
    grund = e["grund"]
    assert isinstance(grund, str) and grund.strip(), where
    assert "\n" not in grund and len(grund) <= 220, f"{where}: grund must be one line"


def test_every_expected_file_exists_and_nothing_else() -> None:
    assert sorted(p.stem for p in CORPUS.glob("*.yaml")) == sorted(TASK_VARIABLES)
    assert sorted(p.stem for p in CRISIS_DIR.glob("*.yaml")) == SCENARIOS
    assert len(SCENARIOS) == 6


@pytest.mark.parametrize("name", sorted(TASK_VARIABLES))
def test_task_entries_schema(name: str) -> None:
    for e in _load(CORPUS / f"{name}.yaml")["eintraege"]:
        where = f"{name}:{e.get('id')}"
        assert set(e) == TASK_KEYS, (where, sorted(e))
        _check_common(e, where)
        assert e["variable"] in TASK_VARIABLES[name], where
        assert isinstance(e["text"], str) and e["text"].strip(), where


@pytest.mark.parametrize("sid", SCENARIOS)
def test_crisis_entries_schema_and_playable(sid: str) -> None:
    scenario = resolve(sid)
    path = CRISIS_DIR / f"{sid}.yaml"
    for e in _load(path)["eintraege"]:
        where = f"{sid}:{e.get('id')}"
        assert set(e) == CRISIS_KEYS, (where, sorted(e))
        _check_common(e, where)
        assert isinstance(e["aktionen"], list) and e["aktionen"], where
        # The project's own loader checks fields, targets, decisions, options and timing.
        actions = load_responses(path, scenario, text=yaml.safe_dump(e["aktionen"], allow_unicode=True))
        assert len(actions) == len(e["aktionen"]), where
        assert any(a.action in ("post", "reply") for a in actions), f"{where}: no own text"
        # Playable end to end, also when seeded jitter moves injects.
        for seed in (0, 1, 2):
            ex = Exercise(scenario, seed=seed)
            ex.play(actions)
            assert ex.debrief().score.gesamt >= 0, where


def test_ids_are_unique_across_the_corpus() -> None:
    ids = [e["id"] for e in _all_entries()]
    dupes = sorted(i for i, n in Counter(ids).items() if n > 1)
    assert not dupes, dupes


def test_total_size_and_adversarial_share() -> None:
    entries = _all_entries()
    assert len(entries) >= 270, len(entries)
    adversarial = sum(1 for e in entries if e["art"] is not None)
    assert adversarial * 3 >= len(entries), (adversarial, len(entries))
    test = [e for e in entries if e["split"] == "test"]
    assert sum(1 for e in test if e["art"] is not None) * 3 >= len(test), "test split needs adversarial items too"


def test_every_variable_has_every_label_in_both_splits() -> None:
    for name, entries in _task_entries().items():
        for variable in TASK_VARIABLES[name]:
            for label in LABELS:
                splits = {e["split"] for e in entries if e["variable"] == variable and e["label"] == label}
                assert splits == set(SPLITS), (name, variable, label, splits)


def test_task_test_split_is_balanced_and_large_enough() -> None:
    # The test split of the task files was rewritten on 2026-12-07 (the earlier, seen one moved to train):
    # every (variable, label) group has at least two test entries, labels are roughly balanced per variable,
    # and the test share per file lies between 30 % and 60 %.
    for name, entries in _task_entries().items():
        groups = Counter((e["variable"], e["label"]) for e in entries)
        tests = Counter((e["variable"], e["label"]) for e in entries if e["split"] == "test")
        for key, n in groups.items():
            assert n >= 3, (name, key, n)
            assert tests[key] >= 2, (name, key, tests[key])
        for variable in TASK_VARIABLES[name]:
            per_label = [tests[(variable, label)] for label in LABELS]
            assert max(per_label) <= 2 * min(per_label), (name, variable, per_label)
        share = sum(tests.values()) / len(entries)
        assert 0.30 <= share <= 0.60, (name, share)


def test_task_test_split_has_enough_traps_and_new_ids() -> None:
    for name, entries in _task_entries().items():
        test = [e for e in entries if e["split"] == "test"]
        adversarial = sum(1 for e in test if e["art"] is not None)
        assert adversarial * 3 >= len(test), (name, adversarial, len(test))
        # Fresh test entries continue the id schemes from 201 on; entries up to 200 are train.
        for e in entries:
            number = int(e["id"].rsplit("-", 1)[1])
            assert (e["split"] == "test") == (number > 200), e["id"]


@pytest.mark.parametrize("sid", SCENARIOS)
def test_scenario_sets_cover_labels_and_required_kinds(sid: str) -> None:
    entries = _crisis_entries()[sid]
    assert len(entries) >= 4
    test_labels = Counter(e["label"] for e in entries if e["split"] == "test")
    assert all(test_labels[label] >= 1 for label in LABELS), (sid, test_labels)
    assert REQUIRED_CRISIS_ARTS.issubset(e["art"] for e in entries), sid
    # The held-out sets (rewritten 2026-12-07) include a keyword list and a downplaying or speculative set.
    test_arts = {e["art"] for e in entries if e["split"] == "test"}
    assert "keyword_liste" in test_arts, (sid, test_arts)
    assert test_arts & {"verharmlosung", "spekulation"}, (sid, test_arts)


def test_labels_are_consistent_with_the_kind_of_trap() -> None:
    for entries in _task_entries().values():
        for e in entries:
            if e["art"] == "keyword_liste" or e["art"] == "du_anrede":
                assert e["label"] in ("mangelhaft", "schaedlich"), e["id"]
            if e["art"] in HARMFUL_ARTS_TASK:
                assert e["label"] == "schaedlich", e["id"]
    for entries in _crisis_entries().values():
        for e in entries:
            if e["art"] == "keyword_liste":
                assert e["label"] in ("mangelhaft", "schaedlich"), e["id"]
            if e["art"] in HARMFUL_ARTS_CRISIS:
                assert e["label"] == "schaedlich", e["id"]


def test_a06_replies_repeating_personal_data_are_harmful() -> None:
    # Kassenzeichen 4711-0815 and Birkenallee 12 from Herr Janssen's comment, also spelled out.
    data = re.compile(r"4711|0815|birken-?\s?allee|vier-sieben-eins-eins", re.IGNORECASE)
    hits = [e for e in _task_entries()["a06_community"] if data.search(e["text"])]
    assert len(hits) >= 4
    for e in hits:
        assert e["label"] == "schaedlich", e["id"]


def test_good_answers_carry_the_contact_facts() -> None:
    tasks = _task_entries()
    for e in tasks["a02_pressemitteilung"]:
        if e["label"] == "gut" and e["variable"] in ("post_x", "post_mastodon"):
            assert "musterstadt.example/feuerwehr" in e["text"], e["id"]
        if e["label"] == "gut" and e["variable"] == "post_instagram":
            assert re.search(r"\bbio\b", e["text"], re.IGNORECASE), e["id"]
    for e in tasks["a04_krise"]:
        if e["label"] == "gut":
            assert "4567-0" in e["text"], e["id"]
    for e in tasks["a06_community"]:
        if e["label"] == "gut":
            assert re.search(r"4567.{0,12}400|musterstadt\.example/kontakt", e["text"]), e["id"]


def test_readme_counts_match_the_data() -> None:
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    assert "never used to tune" in readme
    files = {f"{n}.yaml": es for n, es in _task_entries().items()}
    files.update({f"krise/{s}.yaml": es for s, es in _crisis_entries().items()})
    for fname, entries in files.items():
        labels = Counter(e["label"] for e in entries)
        n_test = sum(1 for e in entries if e["split"] == "test")
        n_adv = sum(1 for e in entries if e["art"] is not None)
        row = (f"| {fname} | {len(entries)} | " + " | ".join(str(labels[lb]) for lb in LABELS)
               + f" | {n_test} | {n_adv} |")
        assert row in readme, row
    assert f"| **Summe** | **{len(_all_entries())}** |" in readme
