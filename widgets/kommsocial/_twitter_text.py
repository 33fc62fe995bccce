"""Links and hashtags found the way X's reference implementation twitter-text finds them.

URLs come from `twitter-text-parser`, a Python port of twitter/twitter-text that passes the
reference's conformance files (tests/test_twitter_conformance.py runs them through
`kommsocial.platforms`). That package has no hashtag extractor, so `hashtag_spans` ports
twitter-text's `extractHashtagsWithIndices` (js/src/extractHashtagsWithIndices.js and
js/src/regexp/validHashtag.js) with Unicode properties instead of its generated code point lists.

Offsets are Python string indices (code points), not UTF-16 units as in the JavaScript original.
It sits below `kommsocial.platforms` (which counts with it) and imports nothing from the package,
so the text analysis can build on the platforms without an import cycle.
"""

from __future__ import annotations

import re
import sys
import types
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

_Extractor = Callable[..., list[dict[str, Any]]]

# hashtagAlphaNumeric: letters, marks, decimal digits and twitter-text's hashtagSpecialChars.
_TAG_CHAR = (
    r"\p{L}\p{M}\p{Nd}"
    r"_\u200c\u200d\ua67e\u05be\u05f3\u05f4\uff5e\u301c\u309b\u309c\u30a0\u30fb\u3003\u0f0b\u0f0c\u00b7"
)
# hashtagBoundary: start of text, a variation selector, or any character that is neither a tag
# character nor "&" ("&#39;" is an HTML entity, "Fußball#WM" no hashtag).
_HASHTAG_RE = regex.compile(
    r"(?:(?<=[\ufe0e\ufe0f])|(?<![" + _TAG_CHAR + r"&]))"
    r"[#＃](?![\ufe0f\u20e3])"  # "#️⃣" is the keycap emoji
    r"(?P<tag>[" + _TAG_CHAR + r"]*[\p{L}\p{M}][" + _TAG_CHAR + r"]*)"  # at least one letter: "#1" is none
)
# endHashtagMatch: "#tag#more" and "#http://…" are no hashtags.
_HASHTAG_END_RE = regex.compile(r"[#＃]|://")
# RFC 2606 reserves ".example" for documentation, and the course's sample texts use it where a real
# municipality's address ends in ".de". twitter-text accepts only delegated top-level domains, so for
# link detection ".example" is read as the equally long gTLD ".website" (offsets stay the same).
_EXAMPLE_TLD_RE = re.compile(r"\.example(?![a-z0-9-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _extractor() -> _Extractor:
    """twitter_text.extract_urls_with_indices, imported on first use (building its regexes takes ~0.1 s).

    twitter-text-parser 3.0.0 reads its emoji list with `pkg_resources`, which new setuptools no longer
    ship and Python ≥ 3.12 venvs lack. If nobody has imported pkg_resources, a stand-in with the one
    function it calls is registered for the duration of the import only.
    """
    stand_in = "pkg_resources" not in sys.modules
    if stand_in:
        shim = types.ModuleType("pkg_resources")

        def resource_string(module: str, name: str) -> bytes:
            return Path(sys.modules[module].__file__ or "").with_name(name).read_bytes()

        shim.resource_string = resource_string  # type: ignore[attr-defined]
        sys.modules["pkg_resources"] = shim
    try:
        from twitter_text import extract_urls_with_indices  # type: ignore[import-untyped]
    finally:
        if stand_in:
            sys.modules.pop("pkg_resources", None)
    return extract_urls_with_indices


_CANDIDATE_RE = regex.compile(r"\S*\.\S+")


@lru_cache(maxsize=64)
def url_spans(text: str, with_scheme_only: bool = False) -> tuple[tuple[int, int], ...]:
    """Spans of the URLs twitter-text extracts, trailing punctuation excluded.

    with_scheme_only: only URLs written with http(s):// (Mastodon); otherwise also "musterstadt.de/info"
    on a known top-level domain, as X links them. Deviation from twitter-text: ".example" counts as a
    known top-level domain (see _EXAMPLE_TLD_RE).
    """
    if "." not in text:  # every URL has a domain with a dot; saves the library's regex on most sentences
        return ()
    if "xample" in text or "XAMPLE" in text:
        text = _EXAMPLE_TLD_RE.sub(".website", text)
    extract = _extractor()
    spans: list[tuple[int, int]] = []
    # A URL never contains white space, so the library (a slow pure-Python regex over the whole text) only
    # needs each run of non-space characters that has a dot inside, plus the one character before it, which
    # decides whether a URL may start there. Same result on twitter-text's conformance files, a fraction
    # of the time on a long press release.
    for m in _CANDIDATE_RE.finditer(text):
        start = max(0, m.start() - 1)
        for u in extract(text[start:m.end()], not with_scheme_only):
            spans.append((start + u["indices"][0], start + u["indices"][1]))
    return tuple(spans)


@lru_cache(maxsize=64)
def hashtag_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    """Hashtags as (start, end, tag without the hash sign), as twitter-text extracts them.

    A hashtag that overlaps a URL (e.g. "https://musterstadt.de/#programm") is dropped, like
    twitter-text's removeOverlappingEntities does: of two overlapping entities the earlier one stays.
    """
    if "#" not in text and "＃" not in text:
        return ()
    tags: list[tuple[int, int, str]] = []
    for m in _HASHTAG_RE.finditer(text):
        if _HASHTAG_END_RE.match(text, m.end()):
            continue
        tags.append((m.start(), m.end(), m.group("tag")))
    if not tags:
        return ()
    urls = url_spans(text)
    if not urls:
        return tuple(tags)
    # removeOverlappingEntities: sort by start (hashtags before URLs on a tie), keep what does not
    # overlap the last kept entity.
    entities = sorted([(s, 0, e, t) for s, e, t in tags] + [(s, 1, e, "") for s, e in urls])
    kept: list[tuple[int, int, int, str]] = []
    for ent in entities:
        if kept and kept[-1][2] > ent[0]:
            continue
        kept.append(ent)
    return tuple((s, e, t) for s, kind, e, t in kept if kind == 0)
