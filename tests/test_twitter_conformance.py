"""X's own test data: twitter-text's conformance files run through kommsocial's counter and extractors.

The files in tests/data/twitter-text/ are read as published (the conformance README asks not to
convert them into static cases). Every case goes through `kommsocial.platforms` — `counted_length`
with the X rules from platforms.yaml, `find_urls` and `find_hashtags` — not through the library.

Measured on 2026-05 (before → after switching to twitter-text-parser for links):
validate.yml weighted length 19/22 → 22/22, directional markers 1/2 → 2/2;
extract.yml urls 56/91 → 91/91, urls_with_indices 6/10 → 10/10, urls_with_directional_markers 0/2 → 2/2,
tco_urls_with_params 5/5 → 5/5, hashtags 49/65 → 65/65, hashtags_from_astral 2/3 → 3/3,
hashtags_with_indices 8/8 → 8/8.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from kommsocial import platforms

DATA = Path(__file__).parent / "data" / "twitter-text"

# Cases kommsocial knowingly answers differently, as {(file, group, description): reason}.
# None today; a new entry needs a reason a trainer would accept (e.g. a deliberate German rule).
KNOWN_EXCEPTIONS: dict[tuple[str, str, str], str] = {}


@cache
def _tests(name: str) -> dict[str, list[dict[str, Any]]]:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))["tests"]


def _utf16(text: str, index: int) -> int:
    """The conformance files give offsets in UTF-16 code units (JavaScript); Python counts code points."""
    return len(text[:index].encode("utf-16-le")) // 2


def _weighted(case: dict[str, Any]) -> bool:
    return platforms.counted_length(case["text"], platforms.get("x")) == case["expected"]["weightedLength"]


def _urls(case: dict[str, Any]) -> bool:
    text = case["text"]
    return [text[s:e] for s, e in platforms.find_urls(text)] == case["expected"]


def _urls_with_indices(case: dict[str, Any]) -> bool:
    text = case["text"]
    got = [{"url": text[s:e], "indices": [_utf16(text, s), _utf16(text, e)]} for s, e in platforms.find_urls(text)]
    return got == case["expected"]


def _hashtags(case: dict[str, Any]) -> bool:
    return [tag for _, _, tag in platforms.find_hashtags(case["text"])] == case["expected"]


def _hashtags_with_indices(case: dict[str, Any]) -> bool:
    text = case["text"]
    got = [
        {"hashtag": tag, "indices": [_utf16(text, s), _utf16(text, e)]} for s, e, tag in platforms.find_hashtags(text)
    ]
    return got == case["expected"]


# (file, group) → how kommsocial answers a case of that group. validate.yml's
# WeightedTweetsCounterTest is the older v2 configuration without emoji parsing; X counts with v3
# (WeightedTweetsWithDiscountedEmojiCounterTest). Mentions, cashtags, replies and isValid* checks
# are X features the text checker does not offer.
GROUPS: dict[tuple[str, str], Callable[[dict[str, Any]], bool]] = {
    ("validate.yml", "WeightedTweetsWithDiscountedEmojiCounterTest"): _weighted,
    ("validate.yml", "UnicodeDirectionalMarkerCounterTest"): _weighted,
    ("extract.yml", "urls"): _urls,
    ("extract.yml", "urls_with_indices"): _urls_with_indices,
    ("extract.yml", "urls_with_directional_markers"): _urls_with_indices,
    ("extract.yml", "tco_urls_with_params"): _urls,
    ("extract.yml", "hashtags"): _hashtags,
    ("extract.yml", "hashtags_from_astral"): _hashtags,
    ("extract.yml", "hashtags_with_indices"): _hashtags_with_indices,
}
# Cases per group in the files of commit 30e2430 (a changed file shows up here first).
EXPECTED_SIZES = {
    "WeightedTweetsWithDiscountedEmojiCounterTest": 22,
    "UnicodeDirectionalMarkerCounterTest": 2,
    "urls": 91,
    "urls_with_indices": 10,
    "urls_with_directional_markers": 2,
    "tco_urls_with_params": 5,
    "hashtags": 65,
    "hashtags_from_astral": 3,
    "hashtags_with_indices": 8,
}


def _cases() -> list[Any]:
    params = []
    for (file, group), _check in GROUPS.items():
        for i, case in enumerate(_tests(file)[group]):
            reason = KNOWN_EXCEPTIONS.get((file, group, case["description"]))
            marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
            params.append(pytest.param(file, group, i, id=f"{file}:{group}:{i}", marks=marks))
    return params


@pytest.mark.parametrize(("file", "group", "index"), _cases())
def test_conformance_case(file: str, group: str, index: int) -> None:
    case = _tests(file)[group][index]
    assert GROUPS[(file, group)](case), f"{case['description']}: {case['text']!r} → expected {case['expected']!r}"


@pytest.mark.parametrize("file", ["validate.yml", "extract.yml"])
def test_pass_rate_per_file(file: str) -> None:
    """All cases of the file's counting, link and hashtag groups pass, apart from the listed exceptions."""
    passed = total = 0
    per_group = {}
    for (f, group), check in GROUPS.items():
        if f != file:
            continue
        cases = _tests(file)[group]
        assert len(cases) == EXPECTED_SIZES[group], f"{group}: the conformance file changed"
        ok = sum(1 for c in cases if check(c))
        per_group[group] = (ok, len(cases))
        passed += ok
        total += len(cases)
    exceptions = sum(1 for key in KNOWN_EXCEPTIONS if key[0] == file)
    assert passed == total - exceptions, f"{file}: {passed}/{total} passed, per group {per_group}"


def test_link_search_by_candidate_words_equals_the_library_on_whole_texts():
    """url_spans runs the library only on words with a dot; on the course's own texts that must find the
    same links at the same places as running it over the whole text."""
    import json as _json

    from kommsocial import _twitter_text as entities

    root = Path(__file__).resolve().parents[1]
    texts = []
    for path in sorted(root.glob("course/**/*.ipynb")):
        texts += ["".join(c["source"]) for c in _json.loads(path.read_text(encoding="utf-8"))["cells"]]
    texts += [p.read_text(encoding="utf-8") for p in sorted(root.glob("tests/data/**/*.txt"))]
    assert len(texts) > 300
    whole_text = entities._extractor()
    for text in texts:
        for scheme_only in (False, True):
            probe = entities._EXAMPLE_TLD_RE.sub(".website", text)
            expected = tuple((u["indices"][0], u["indices"][1]) for u in whole_text(probe, not scheme_only))
            assert entities.url_spans(text, scheme_only) == expected, (text[:80], scheme_only)
