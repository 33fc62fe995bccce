"""Seeded generator of synthetic (invented!) post data for the fictional Musterstadt.

The numbers are not measurements. They follow simple, documented assumptions so
that exercises show typical patterns:

- Channels with a follower base that grows slowly each week: Instagram 5 200, Facebook 9 800,
  Mastodon 1 100, WhatsApp-Kanal 3 000 (a one-way channel: reactions only, no comments).
- Reach = Follower × channel share × format factor (Reel/Video reach more, Story/Link less) ×
  topic factor × time-of-day factor × log-normal noise; weekends reach a bit less.
- Interactions = Reach × channel rate × noise, split into Likes/Kommentare/Geteilt/Gespeichert
  by channel-typical shares.
- Comments are answered more often and faster on weekdays in office hours than in the evening
  or at weekends (Antwortquote, Antwortzeit_min).

Every row has ``synthetisch = True``; ``df.attrs`` holds ``synthetisch``, ``seed`` and a German
``beschreibung``. The same seed always gives the same data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


@dataclass(frozen=True)
class ChannelModel:
    """Assumptions for one channel."""

    followers: int
    weekly_growth: float
    posts_per_week: float
    reach_share: float
    rate: float  # interactions per reached account
    formats: dict[str, float]
    split: tuple[float, float, float, float]  # Likes, Kommentare, Geteilt, Gespeichert


CHANNELS: dict[str, ChannelModel] = {
    "Instagram": ChannelModel(5200, 0.006, 4, 0.45, 0.045,
                              {"Bild": 0.35, "Karussell": 0.25, "Reel": 0.25, "Story": 0.15}, (0.75, 0.08, 0.07, 0.10)),
    "Facebook": ChannelModel(9800, 0.002, 5, 0.30, 0.030,
                             {"Bild": 0.4, "Text": 0.2, "Video": 0.2, "Link": 0.2}, (0.70, 0.15, 0.15, 0.0)),
    "Mastodon": ChannelModel(1100, 0.010, 3, 0.60, 0.025, {"Text": 0.6, "Bild": 0.4}, (0.60, 0.15, 0.25, 0.0)),
    "WhatsApp-Kanal": ChannelModel(3000, 0.008, 2, 0.55, 0.015, {"Text": 0.6, "Bild": 0.4}, (1.0, 0.0, 0.0, 0.0)),
}
FORMAT_REACH = {"Reel": 1.8, "Video": 1.4, "Karussell": 1.2, "Bild": 1.0, "Text": 0.7, "Link": 0.6, "Story": 0.5}
TOPICS = {"Service": 1.0, "Veranstaltung": 1.2, "Baustelle": 0.9, "Arbeitgebermarke": 0.8,
          "Bürgerbeteiligung": 1.1, "Unwetterhinweis": 1.9}
TOPIC_WEIGHTS = {"Service": 0.3, "Veranstaltung": 0.22, "Baustelle": 0.16, "Arbeitgebermarke": 0.12,
                 "Bürgerbeteiligung": 0.14, "Unwetterhinweis": 0.06}
SLOTS = {time(7, 30): 1.1, time(9, 0): 1.0, time(11, 0): 0.95, time(12, 30): 1.1, time(15, 0): 0.9,
         time(17, 0): 1.15, time(19, 0): 1.2, time(20, 30): 1.0}
DESCRIPTION = ("Synthetische Beispieldaten der erfundenen Musterstadt, erzeugt von KommSocial. "
               "Keine echten Messwerte – nur für Übungen.")


def _office_hours(day: date, slot: time) -> bool:
    return day.weekday() < 5 and time(8, 0) <= slot <= time(15, 30)


def generate_posts(seed: int = 2027, weeks: int = 12, start: date = date(2026, 9, 7)) -> pd.DataFrame:
    """Synthetic post data (one row per post, prepared like `read_posts` output).

    Args:
        seed: random seed; the same seed gives the same data.
        weeks: number of weeks from `start`.
        start: first day (default Monday, 07.09.2026).
    """
    import numpy as np
    import pandas as pd

    from kommsocial.analytics.importer import prepare

    if weeks < 1 or weeks > 260:
        from kommsocial.errors import InputError

        raise InputError("Die Zahl der Wochen muss zwischen 1 und 260 liegen.")
    rng = np.random.default_rng(seed)
    topics, topic_p = list(TOPIC_WEIGHTS), np.array(list(TOPIC_WEIGHTS.values()))
    slots, slot_f = list(SLOTS), list(SLOTS.values())
    rows = []
    for week in range(weeks):
        for name, ch in CHANNELS.items():
            followers = int(ch.followers * (1 + ch.weekly_growth) ** week)
            formats, format_p = list(ch.formats), np.array(list(ch.formats.values()))
            for _ in range(int(rng.poisson(ch.posts_per_week))):
                day = start + timedelta(weeks=week, days=int(rng.integers(0, 7)))
                slot_i = int(rng.integers(0, len(slots)))
                fmt = formats[int(rng.choice(len(formats), p=format_p))]
                topic = topics[int(rng.choice(len(topics), p=topic_p))]
                weekend = 0.85 if day.weekday() >= 5 else 1.0
                reach = int(followers * ch.reach_share * FORMAT_REACH[fmt] * TOPICS[topic] * slot_f[slot_i]
                            * weekend * rng.lognormal(0.0, 0.35))
                interactions = int(rng.binomial(reach, min(ch.rate * rng.lognormal(0.0, 0.3), 0.5)))
                likes, comments, shares, saves = (int(x) for x in rng.multinomial(interactions, ch.split))
                office = _office_hours(day, slots[slot_i])
                answered = int(rng.binomial(comments, 0.85 if office else 0.55))
                median_min = 60.0 if office else (900.0 if day.weekday() >= 5 else 240.0)
                response = round(float(median_min * rng.lognormal(0.0, 0.5)), 1) if answered else None
                rows.append({
                    "Datum": pd.Timestamp(day), "Uhrzeit": slots[slot_i], "Kanal": name, "Format": fmt,
                    "Thema": topic, "Reichweite": reach, "Impressionen": int(reach * rng.uniform(1.2, 1.8)),
                    "Likes": likes, "Kommentare": comments, "Geteilt": shares, "Gespeichert": saves,
                    "Klicks": int(reach * 0.012) if fmt == "Link" else 0, "Follower": followers,
                    "Kommentare_beantwortet": answered, "Antwortzeit_min": response, "synthetisch": True,
                })
    df = pd.DataFrame(rows).sort_values(["Datum", "Uhrzeit", "Kanal"], kind="stable").reset_index(drop=True)
    df["Antwortzeit_min"] = df["Antwortzeit_min"].astype("float64")
    out = prepare(df)
    out.attrs.update({"synthetisch": True, "seed": seed, "beschreibung": DESCRIPTION, "quelle": "generator"})
    return out
