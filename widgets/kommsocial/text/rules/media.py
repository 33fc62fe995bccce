"""Rule `alt-text`: image descriptions for people who cannot see the picture."""

from __future__ import annotations

from kommsocial._findings import Finding
from kommsocial._german import datum
from kommsocial.platforms import count_graphemes
from kommsocial.text.rules.context import Context

MIN_ALT_LENGTH = 20
_EMPTY_ALTS = {"bild", "foto", "grafik", "image", "img", "picture", "photo", "screenshot", "symbolbild", "alt"}
_REDUNDANT_STARTS = ("bild von", "foto von", "ein bild von", "ein foto von", "bild:", "foto:", "grafik von")


def alt_text(ctx: Context) -> list[Finding]:
    """Error without alt text or above the platform limit; warning if too short; hint on "Bild von".

    Alt-text findings concern the image description, not the post text, so their span is 0–0.
    """
    alt = (ctx.alt_text or "").strip()
    if not ctx.image and not alt:
        return []
    p = ctx.platform
    found = []
    if not alt:
        return [
            ctx.finding(
                "alt-text",
                "fehler",
                "Das Bild hat keinen Alternativtext. Beschreiben Sie, was darauf zu sehen ist.",
                0,
                0,
                suggestion="Wer oder was ist zu sehen, wo, was passiert? Text im Bild abschreiben.",
                threshold="Bild braucht Alternativtext (Barrierefreiheit; Standard)",
            )
        ]
    n = count_graphemes(alt)
    if n < MIN_ALT_LENGTH or alt.lower().strip(" .:") in _EMPTY_ALTS:
        found.append(
            ctx.finding(
                "alt-text",
                "warnung",
                f"Der Alternativtext „{alt}“ ist zu knapp ({n} Zeichen). Beschreiben Sie das Bild genauer.",
                0,
                0,
                suggestion="Ein bis zwei Sätze: Wer oder was ist zu sehen, was ist wichtig?",
                threshold=f"mind. {MIN_ALT_LENGTH} Zeichen, nicht nur „Bild“ oder „Foto“ (Standard)",
            )
        )
    if p.alt_text_limit is not None and n > p.alt_text_limit:
        found.append(
            ctx.finding(
                "alt-text",
                "fehler",
                f"Der Alternativtext ist {n} Zeichen lang, {p.name} erlaubt {p.alt_text_limit}. "
                f"Kürzen Sie um {n - p.alt_text_limit} Zeichen.",
                0,
                0,
                suggestion="Das Wichtigste zuerst; Details in den Beitragstext.",
                threshold=f"Alt-Text max. {p.alt_text_limit} Zeichen ({p.name}, Quelle: {p.quelle}, "
                f"Stand {datum(p.stand)})",
            )
        )
    if alt.lower().startswith(_REDUNDANT_STARTS):
        found.append(
            ctx.finding(
                "alt-text",
                "hinweis",
                "Beginnen Sie den Alternativtext nicht mit „Bild von“: Screenreader sagen schon, dass "
                "ein Bild folgt.",
                0,
                0,
                suggestion="Direkt beschreiben, z. B. „Bürgermeisterin schneidet rotes Band vor der Kita durch.“",
                threshold="Alt-Text ohne „Bild von …“ (Standard)",
            )
        )
    return found
