"""Wirkung messen: KPIs over post data (pandas), a synthetic data generator and a CSV import.

The package import is light; pandas loads only when a function is used.

Generic post data format (CSV with ``;`` or ``,``, UTF-8/Windows-1252, or .xlsx; one row per post;
headers case-insensitive; header = row 1 in error messages):

    Spalte                  Pflicht  Inhalt
    Datum                   ja       31.12.2026 oder 2026-12-31
    Uhrzeit                 nein     14:30 (für Auswertung nach Stunde)
    Kanal                   ja       Instagram, Facebook, Mastodon, …
    Format                  nein     Bild, Reel, Text, …
    Thema                   nein     Service, Veranstaltung, …
    Reichweite              ja       erreichte Konten (ganze Zahl ≥ 0)
    Impressionen            nein     Aufrufe (ganze Zahl ≥ 0)
    Likes, Kommentare,      nein     Reaktionen je Art (ganze Zahlen ≥ 0); Interaktionen = ihre Summe
    Geteilt, Gespeichert
    Interaktionen           nein     statt der Einzelwerte; eins von beiden ist Pflicht
    Klicks                  nein     Link-Klicks (zählen NICHT als Interaktion)
    Follower                nein     Follower des Kanals am Tag des Beitrags (für die Follower-Rate)
    Kommentare_beantwortet  nein     wie viele Kommentare das Team beantwortet hat (≤ Kommentare)
    Antwortzeit_min         nein     Minuten bis zur ersten Antwort (Median je Beitrag), z. B. 45 oder 45,5
    synthetisch             nein     „ja“ bei erfundenen Übungsdaten

Numbers may use German thousands separators (``12.500``) and decimal commas (``45,5``).

KPIs (``kommsocial.analytics.kpis``), all as ratio of sums within a group:

- ``er_reichweite`` = Interaktionen ÷ Reichweite × 100: how those who saw the posts reacted.
- ``er_follower``   = Interaktionen ÷ Follower × 100: reaction relative to the audience size; it rises
  with reach beyond the followers (shares, algorithm) and falls as a channel grows. There is no standard
  formula; both are shown side by side (see ``DEFINITIONS`` and ``explain_difference``).
- ``antwortquote`` = Kommentare_beantwortet ÷ Kommentare × 100 and ``antwortzeit_median_min``:
  dialogue quality rather than fan counts.

API::

    from kommsocial.analytics import read_posts, generate_posts, write_posts, analyze, group_kpis, total_kpis
    df = generate_posts(seed=7)                  # synthetic Musterstadt data, df.attrs["synthetisch"] is True
    df = read_posts("beitraege.csv")             # validated; adds Interaktionen, Wochentag, Stunde, rates
    total = total_kpis(df)                       # dict of the KPIs above for all posts
    table = group_kpis(df, "Kanal")              # DataFrame, one row per channel (also Format, Thema,
                                                 # Wochentag, Stunde)
    report = analyze(df)                         # AnalyticsReport: .gesamt, .nach[...] , .to_dict()
"""

from __future__ import annotations

from typing import Any

_EXPORTS = {
    "read_posts": "kommsocial.analytics.importer",
    "read_posts_bytes": "kommsocial.analytics.importer",
    "prepare": "kommsocial.analytics.importer",
    "write_posts": "kommsocial.analytics.importer",
    "COLUMNS": "kommsocial.analytics.importer",
    "generate_posts": "kommsocial.analytics.generator",
    "total_kpis": "kommsocial.analytics.kpis",
    "group_kpis": "kommsocial.analytics.kpis",
    "analyze": "kommsocial.analytics.kpis",
    "explain_difference": "kommsocial.analytics.kpis",
    "AnalyticsReport": "kommsocial.analytics.kpis",
    "DEFINITIONS": "kommsocial.analytics.kpis",
    "GROUPS": "kommsocial.analytics.kpis",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    # Lazy: `kommsocial --help` imports analytics.cli, which must not pull in pandas.
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(name)
