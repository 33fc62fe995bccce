"""Golden files for `kommsocial szenario durchspielen --json` on every example response file.

The debrief is the contract between the crisis engine, the CLI, the HTML report and the trainer console. A
change to scoring or wording shows up here as a readable diff of the stored file. After an intended change,
rewrite the files with `pytest tests/test_crisis_golden.py --update-golden` and review the diff.

Stored is the part a trainer reads: total and per-area points, missed and met expectations with minute,
decisions, observations and every own post with the criteria it met or missed; the feed itself (long and
already covered by the engine tests) only as a count.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

EXAMPLES = sorted((ROOT / "widgets" / "kommsocial" / "crisis" / "beispiele").glob("*.yaml"))
GOLDEN = ROOT / "tests" / "data" / "golden" / "szenario"


def _scenario(example: Path) -> str:
    return example.stem.rsplit("_", 1)[0]


def _projection(debrief: dict) -> dict:
    return {
        "szenario": debrief["scenario"], "nummer": debrief["seed"], "minute": debrief["minute"],
        "punkte": debrief["score"], "verpasst": debrief["missed"],
        "erwartungen": [{k: e.get(k) for k in ("id", "dimension", "status", "minute")}
                        for e in debrief["expectations"]],
        "entscheidungen": [{k: d.get(k) for k in ("id", "option", "minute", "wirkung")} for d in debrief["decisions"]],
        "beobachtungen": debrief["notes"],
        "beitraege": [{"minute": b["minute"], "aktion": b["aktion"], "ziel": b["ziel"],
                       "verfehlt": sorted(p["punkt"] for p in b["punkte"] if not p["erfuellt"]),
                       "erfuellt": sorted(p["punkt"] for p in b["punkte"] if p["erfuellt"])}
                      for b in debrief["beitraege"]],
        "ereignisse_im_verlauf": len(debrief["timeline"]),
    }


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_debrief_matches_its_golden_file(example, request):
    code, out, err = run_cli("szenario", "durchspielen", _scenario(example), "--responses", str(example), "--json")
    assert code == 0, err
    got = _projection(json.loads(out))
    path = GOLDEN / f"{example.stem}.json"
    if request.config.getoption("--update-golden"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    assert path.is_file(), f"no golden file for {example.name}: run pytest {__file__} --update-golden"
    assert got == json.loads(path.read_text(encoding="utf-8")), (
        f"{example.name}: the debrief changed. If intended, run pytest tests/test_crisis_golden.py --update-golden "
        "and review the diff of tests/data/golden/szenario/.")


def test_every_golden_file_has_its_example():
    assert sorted(p.stem for p in GOLDEN.glob("*.json")) == sorted(p.stem for p in EXAMPLES)


def test_good_responses_beat_the_speculative_ones_in_the_stored_files():
    for good in GOLDEN.glob("*_gut.json"):
        bad = good.with_name(good.name.replace("_gut", "_spekulativ"))
        g, b = (json.loads(p.read_text(encoding="utf-8"))["punkte"]["gesamt"] for p in (good, bad))
        assert g > b, good.stem
