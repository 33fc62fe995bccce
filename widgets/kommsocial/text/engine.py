"""`analyze(text, platform=...)`: one tokenisation pass, readability, all style rules → `Report`."""

from __future__ import annotations

from pathlib import Path

from kommsocial import platforms
from kommsocial._findings import LengthInfo
from kommsocial._io import check_text_length
from kommsocial.text import hausstil as hausstil_mod
from kommsocial.text.readability import readability
from kommsocial.text.report import Report
from kommsocial.text.rules import ALL, Context
from kommsocial.text.tokens import mask, sentences


def analyze(
    text: str,
    platform: str = "x",
    alt_text: str | None = None,
    image: bool = False,
    hausstil: str | Path | hausstil_mod.Hausstil | dict | None = None,
    *,
    pressemitteilung: bool | None = None,
) -> Report:
    """Analyse a post or press release for one platform.

    Args:
        text: the post text (may be empty: then only length/alt-text rules can fire).
        platform: platform id, e.g. "x", "bluesky", "instagram" (see `platforms.platform_ids()`).
        alt_text: image description, if the post has an image.
        image: True if the post has an image (then a missing alt text is an error).
        hausstil: Hausstil file path, dict or loaded object; None uses the built-in standard.
        pressemitteilung: check the W-questions; None decides from the text itself.

    Raises:
        InputError: unknown platform, broken Hausstil file or a text over MAX_TEXT_CHARS.
    """
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    # Limits first: the rules are linear but slow per character (50 MB took 93 s).
    check_text_length(text)
    if alt_text:
        check_text_length(alt_text, what="Der Alt-Text")
    key = (platform or "").strip().lower()
    rules = platforms.get(key)
    style = hausstil_mod.load(hausstil)
    masked = mask(text)
    sents = sentences(text, masked)
    read = readability(sents)
    ctx = Context(
        text=text,
        masked=masked,
        platform_id=key,
        platform=rules,
        sentences=sents,
        readability=read,
        hausstil=style,
        alt_text=alt_text,
        image=image,
        pressemitteilung=pressemitteilung,
    )
    findings = []
    for rule_id, rule in ALL:
        if style.enabled(rule_id):
            findings.extend(rule(ctx))
    findings.sort(key=lambda f: (f.start, f.end))
    length = LengthInfo(counted=platforms.counted_length(text, rules), limit=rules.limit, unit=rules.einheit)
    return Report(platform=key, text=text, length=length, readability=read, findings=findings)
