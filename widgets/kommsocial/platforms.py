"""Everything about a platform as data in platforms.yaml (limits, links, look of the preview) and its counting.

Every platform the package knows is in `all_platforms()`; those with sourced text limits are also
in `platforms()` (the text checker, the drafts and the previews use only these).

`count(text, platform)` returns a `LengthInfo` counted exactly as the platform does:
X weights characters (twitter-text v3), Bluesky counts graphemes, Mastodon counts
graphemes with every http(s) URL as 23. Links and hashtags are found as X's reference
implementation twitter-text finds them (kommsocial._twitter_text); which platform shortens
which links is data in platforms.yaml (url_laenge, url_ohne_schema).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, model_validator

from kommsocial._data import load_model, package_file
from kommsocial._findings import LengthInfo
from kommsocial._twitter_text import hashtag_spans, url_spans
from kommsocial.errors import InputError

Counting = Literal["x_gewichtet", "grapheme", "mastodon"]

# twitter-text v3 config: these code point ranges weigh 100 (= 1 character), all others 200.
_X_LIGHT_RANGES = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))

# Top-level domains for URLs without scheme in kommsocial.assess.entities (link detection for
# counting uses twitter-text, see kommsocial._twitter_text).
URL_TLDS = (
    "de|com|org|net|eu|info|social|app|io|gov|edu|at|ch|nrw|berlin|hamburg|bayern|koeln|ruhr|"
    "online|site|news|tv|me|co|uk|nl|fr|it|es|pl|be|lu|dk|se|no|fi|cz"
)
# Text made only of these characters has one grapheme per code point (no combining marks,
# joiners, variation selectors, emoji or CR LF pairs), so counting is just len().
_SIMPLE_RE = re.compile("[\x00-\x0c\x0e-\u02ff\u2010-\u2027\u2030-\u205e\u20a0-\u20cf]*")
# Within simple text, these lie outside X's weight-100 ranges and weigh 2; © and ® are emoji to X
# (twitter-text counts them 2 like every emoji).
_X_HEAVY_SIMPLE_RE = re.compile("[\u00a9\u00ae\u2020-\u2031\u2038-\u205e\u20a0-\u20cf]")
_LINE_END_RE = re.compile("\r\n?")
_EMOJI_RE = regex.compile(r"\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3")
_GRAPHEME_RE = regex.compile(r"\X")


# Fields that make up a text limit: all three or none (a platform without sourced limits has none).
_TEXT_LIMIT_FIELDS = ("limit", "zaehlweise", "einheit")


class PlatformFacts(BaseModel):
    """Everything about one platform, with source and date: name, text limits if sourced, links, preview look.

    Field order matters for error messages: the first error pydantic reports is the one shown.
    """

    model_config = ConfigDict(extra="forbid")

    name: str
    limit: int | None = Field(default=None, gt=0)
    zaehlweise: Counting | None = None
    einheit: str | None = None
    url_laenge: int | None = Field(default=None, gt=0)
    url_ohne_schema: bool = False
    hashtag_limit: int | None = Field(default=None, ge=0)
    hashtag_quelle: str | None = None
    alt_text_limit: int | None = Field(default=None, gt=0)
    links_anklickbar: bool = True
    links_quelle: str | None = None
    farbe: str = Field(pattern=r"^#[0-9a-fA-F]{6}$")
    handle: str = Field(min_length=1)
    hinweis: str | None = None
    quelle: str = Field(min_length=3)
    stand: date

    @model_validator(mode="after")
    def _complete(self) -> PlatformFacts:
        missing = [f for f in _TEXT_LIMIT_FIELDS if getattr(self, f) is None]
        if 0 < len(missing) < len(_TEXT_LIMIT_FIELDS):
            raise ValueError("„limit“, „zaehlweise“ und „einheit“ stehen nur zusammen; "
                             f"es fehlt „{missing[0]}“.")
        if not self.links_anklickbar and not (self.links_quelle or "").strip():
            raise ValueError("„links_anklickbar: false“ braucht eine Quelle in „links_quelle“.")
        return self

    @property
    def has_text_limit(self) -> bool:
        """True if the limit is sourced, so the text checker and the preview can count for this platform."""
        return self.limit is not None


class Platform(PlatformFacts):
    """A platform with sourced text limits: what the text checker, the drafts and the previews use."""

    limit: int = Field(gt=0)
    zaehlweise: Counting
    einheit: str


class PlatformFile(BaseModel):
    """Schema of platforms.yaml."""

    model_config = ConfigDict(extra="forbid")

    stand: date
    plattformen: dict[str, PlatformFacts]


@lru_cache(maxsize=1)
def _load() -> PlatformFile:
    return load_model(PlatformFile, package_file("kommsocial", "platforms.yaml"))


@lru_cache(maxsize=1)
def _with_text_limit() -> dict[str, Platform]:
    return {pid: Platform.model_validate(facts.model_dump())
            for pid, facts in _load().plattformen.items() if facts.has_text_limit}


def all_platforms() -> dict[str, PlatformFacts]:
    """Every platform in the file by id, in file order, also those without sourced text limits (YouTube)."""
    return dict(_load().plattformen)


def all_platform_ids() -> list[str]:
    """Ids of every platform in the file, in file order (e.g. for choosing the platform of a profile)."""
    return list(_load().plattformen)


def platforms() -> dict[str, Platform]:
    """Platforms with text limits by id (x, bluesky, mastodon, …), in file order."""
    return dict(_with_text_limit())


def platform_ids() -> list[str]:
    """Ids of the platforms with text limits (the ones a text can be checked for), in file order."""
    return list(_with_text_limit())


def display_name(platform: str) -> str:
    """The platform's name as written in platforms.yaml („LinkedIn“); an unknown id comes back unchanged."""
    facts = _load().plattformen.get((platform or "").strip().lower())
    return facts.name if facts is not None else platform


def get(platform: str) -> Platform:
    """Rules of one platform; unknown id or one without text limits → InputError listing the valid ones."""
    key = (platform or "").strip().lower()
    rules = _with_text_limit().get(key)
    if rules is None:
        facts = _load().plattformen.get(key)
        problem = (f"Für {facts.name} sind keine Textgrenzen hinterlegt." if facts is not None
                   else f"Unbekannte Plattform „{platform}“.")
        raise InputError(problem, hint="Gültig sind: " + ", ".join(platform_ids()) + ".")
    return rules


def find_urls(text: str, *, with_scheme_only: bool = False) -> list[tuple[int, int]]:
    """Character spans of URLs as X's twitter-text finds them (trailing punctuation excluded).

    with_scheme_only: only links written with http(s):// (Mastodon shortens only those).
    """
    return list(url_spans(text, with_scheme_only))


def find_hashtags(text: str) -> list[tuple[int, int, str]]:
    """Hashtags as (start, end, tag without '#') as twitter-text finds them, ignoring '#' inside URLs."""
    return list(hashtag_spans(text))


def _graphemes(text: str) -> int:
    if _SIMPLE_RE.fullmatch(text):
        return len(text)
    return len(_GRAPHEME_RE.findall(text))


def _x_weight(text: str) -> int:
    """Weighted X length of text without URLs (in units of 1/100 character)."""
    if _SIMPLE_RE.fullmatch(text):
        return 100 * len(text) + 100 * len(_X_HEAVY_SIMPLE_RE.findall(text))
    total = 0
    for g in _GRAPHEME_RE.findall(text):
        if _EMOJI_RE.search(g):
            total += 200  # the whole emoji sequence counts as one emoji
            continue
        for ch in g:
            cp = ord(ch)
            total += 100 if any(lo <= cp <= hi for lo, hi in _X_LIGHT_RANGES) else 200
    return total


def _split_urls(text: str, rules: Platform) -> tuple[list[str], int]:
    """Text between the URLs the platform shortens, and how many there are (none without url_laenge)."""
    if rules.url_laenge is None:
        return [text], 0
    spans = url_spans(text, not rules.url_ohne_schema)
    parts, last = [], 0
    for s, e in spans:
        parts.append(text[last:s])
        last = e
    parts.append(text[last:])
    return parts, len(spans)


def counted_length(text: str, rules: Platform) -> int:
    """Length of `text` as the platform counts it."""
    text = unicodedata.normalize("NFC", text)
    if rules.zaehlweise == "x_gewichtet":
        text = _LINE_END_RE.sub("\n", text)  # twitter-text counts a line break as one character
        parts, n_urls = _split_urls(text, rules)
        return (sum(_x_weight(p) for p in parts if p) + n_urls * (rules.url_laenge or 0) * 100) // 100
    parts, n_urls = _split_urls(text, rules)
    return sum(_graphemes(p) for p in parts if p) + n_urls * (rules.url_laenge or 0)


def count(text: str, platform: str) -> LengthInfo:
    """Counted length, limit and unit of `text` on `platform`."""
    rules = get(platform)
    return LengthInfo(counted=counted_length(text, rules), limit=rules.limit, unit=rules.einheit)


def count_graphemes(text: str) -> int:
    """Number of visible characters (grapheme clusters), e.g. for alt texts."""
    return _graphemes(unicodedata.normalize("NFC", text))
