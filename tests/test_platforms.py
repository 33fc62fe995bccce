"""Platform rules as data and each platform's own counting (X weighting, graphemes, Mastodon URLs)."""

from __future__ import annotations

import pytest

from kommsocial import platforms
from kommsocial._data import load_model
from kommsocial.errors import InputError

FAMILY = "\U0001F469\u200D\U0001F469\u200D\U0001F467"  # 👩‍👩‍👧
FLAG_DE = "\U0001F1E9\U0001F1EA"  # 🇩🇪
THUMB_SKIN = "\U0001F44D\U0001F3FD"  # 👍🏽
URL_LONG = "https://www.musterstadt.de/aktuelles/2026/11/stadtfest-programm-und-anfahrt?ref=social"


def test_all_required_platforms_with_source_and_date():
    ids = set(platforms.platform_ids())
    assert {"x", "bluesky", "mastodon", "threads", "instagram", "facebook", "linkedin", "tiktok"} <= ids
    for pid, p in platforms.platforms().items():
        assert p.quelle.strip(), pid
        assert p.stand.year >= 2024, pid


def test_limits_match_fact_sheet():
    p = platforms.platforms()
    assert (p["x"].limit, p["bluesky"].limit, p["mastodon"].limit) == (280, 300, 500)
    assert (p["threads"].limit, p["instagram"].limit, p["linkedin"].limit) == (500, 2200, 3000)
    assert (p["facebook"].limit, p["tiktok"].limit) == (63206, 2200)
    assert p["instagram"].hashtag_limit == 5 and p["threads"].hashtag_limit == 1
    assert (p["x"].alt_text_limit, p["bluesky"].alt_text_limit, p["mastodon"].alt_text_limit) == (1000, 2000, 1500)
    assert p["linkedin"].alt_text_limit == 300


def test_unknown_platform_lists_valid_ones():
    with pytest.raises(InputError) as exc:
        platforms.count("Hallo", "myspace")
    msg = str(exc.value)
    assert "myspace" in msg and "bluesky" in msg and "instagram" in msg


def test_platform_id_is_case_insensitive():
    assert platforms.count("Hallo", " X ").counted == 5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a" * 280, 280),
        ("Grüße aus Musterstadt", 21),  # umlauts and ß weigh 1
        ("ß" * 10, 10),
        ("\U0001F600", 2),  # one emoji = 2
        (FAMILY, 2),  # a ZWJ sequence is one emoji
        (FLAG_DE, 2),
        (THUMB_SKIN, 2),
        ("日本語", 6),  # CJK weighs 2 each
        ("„Zitat“ – ok", 12),  # typographic quotes and dash lie in the weight-100 ranges
        ("ok…", 4),  # U+2026 lies outside them and weighs 2
    ],
)
def test_x_weighted_counting(text, expected):
    info = platforms.count(text, "x")
    assert info.counted == expected
    assert (info.limit, info.unit) == (280, "gewichtete Zeichen")


def test_x_urls_count_23_with_and_without_scheme():
    assert platforms.count(URL_LONG, "x").counted == 23
    assert platforms.count("Infos: " + URL_LONG, "x").counted == 7 + 23
    assert platforms.count("Infos: musterstadt.de/stadtfest", "x").counted == 7 + 23
    assert platforms.count("Infos: https://x.de.", "x").counted == 7 + 23 + 1  # final period is text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # links as twitter-text finds them (its conformance cases: tests/test_twitter_conformance.py)
        ("Film: http://en.wikipedia.org/wiki/Primer_(film)", 6 + 23),  # the closing parenthesis is part of it
        ("http://no-tld", 13),  # no top-level domain: no link, every character counts
        # right after "#" twitter-text sees neither a link nor the hashtag "#https": every character counts
        ("#https://www.musterstadt.de/stadtfest", 37),
        ("Infos: https://www.musterstadt.example/stadtfest.", 7 + 23 + 1),  # ".example" stands for ".de"
        ("© Stadt Musterstadt", 20),  # © and ® are emoji to X and weigh 2
        ("Zeile 1\r\nZeile 2", 15),  # a Windows line break is one character
        ("\U0001FAF1\U0001F3FB\u200d\U0001FAF2\U0001F3FC", 2),  # 🫱🏻‍🫲🏼 (Unicode 14): one emoji
    ],
)
def test_x_counts_like_twitter_text(text, expected):
    assert platforms.count(text, "x").counted == expected


def test_x_decomposed_umlaut_is_normalised():
    assert platforms.count("Mu\u0308ll", "x").counted == 4  # NFC: "Müll"


@pytest.mark.parametrize(
    ("text", "expected"),
    [(FAMILY, 1), (FLAG_DE, 1), (THUMB_SKIN, 1), ("Gruß 👋", 6), ("e\u0301", 1), ("Straße", 6)],
)
def test_bluesky_counts_graphemes(text, expected):
    info = platforms.count(text, "bluesky")
    assert info.counted == expected and info.unit == "Grapheme" and info.limit == 300


def test_bluesky_counts_urls_in_full():
    assert platforms.count(URL_LONG, "bluesky").counted == len(URL_LONG)


def test_mastodon_url_23_only_with_scheme():
    assert platforms.count(URL_LONG, "mastodon").counted == 23
    bare = "musterstadt.de/stadtfest"
    assert platforms.count(bare, "mastodon").counted == len(bare)
    assert platforms.count(FAMILY + " ok", "mastodon").counted == 4
    assert platforms.count("x" * 501, "mastodon").counted == 501


def test_mastodon_finds_links_like_twitter_text_with_scheme():
    assert platforms.count("http://no-tld", "mastodon").counted == 13
    assert platforms.count("Zeile 1\r\nZeile 2", "mastodon").counted == 15  # one grapheme
    assert platforms.count("Infos: HTTPS://Musterstadt.de/A_(b)", "mastodon").counted == 7 + 23


def test_hashtags_follow_twitter_text():
    text = "#Müllabfuhr ＃Stadtfest #tag#mehr #https://x.de Fußball#WM &#39; #️⃣ #Ortsrat·Nord #1a #2026"
    assert [t for _, _, t in platforms.find_hashtags(text)] == ["Müllabfuhr", "Stadtfest", "Ortsrat·Nord", "1a"]


def test_hashtags_ignore_url_fragments_and_numbers():
    text = "#Stadtfest am 21.11. Infos: https://musterstadt.de/#programm #1 #Grüße_2026 und#kein"
    tags = [t for _, _, t in platforms.find_hashtags(text)]
    assert tags == ["Stadtfest", "Grüße_2026"]


def test_broken_platform_file_gives_line_numbered_german_error():
    bad = "stand: 2026-11-21\nplattformen:\n  x:\n    name: X\n    limit: viele\n"
    with pytest.raises(InputError) as exc:
        load_model(platforms.PlatformFile, "platforms.yaml", text=bad)
    assert exc.value.line == 5
    assert "ganze Zahl" in str(exc.value)
