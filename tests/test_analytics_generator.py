"""The synthetic data generator: deterministic by seed, labelled synthetic, plausible, importable."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from kommsocial.analytics import analyze, generate_posts, read_posts, write_posts
from kommsocial.errors import InputError


def test_same_seed_same_data_other_seed_other_data():
    a, b = generate_posts(seed=11), generate_posts(seed=11)
    pd.testing.assert_frame_equal(a, b)
    c = generate_posts(seed=12)
    assert not (len(a) == len(c) and a["Reichweite"].tolist() == c["Reichweite"].tolist())


def test_labelled_synthetic_in_column_and_metadata():
    df = generate_posts(seed=1, weeks=2)
    assert df["synthetisch"].all()
    assert df.attrs["synthetisch"] is True and df.attrs["seed"] == 1
    assert "Synthetische" in df.attrs["beschreibung"] and "Keine echten Messwerte" in df.attrs["beschreibung"]


def test_shape_and_plausibility():
    df = generate_posts(seed=5, weeks=8, start=date(2027, 1, 4))
    assert df["Datum"].min() >= pd.Timestamp("2027-01-04") and df["Datum"].max() < pd.Timestamp("2027-03-01")
    assert set(df["Kanal"]) == {"Instagram", "Facebook", "Mastodon", "WhatsApp-Kanal"}
    assert (df["Interaktionen"] == df[["Likes", "Kommentare", "Geteilt", "Gespeichert"]].sum(axis=1)).all()
    assert (df["Kommentare_beantwortet"] <= df["Kommentare"]).all()
    assert (df.loc[df["Kanal"] == "WhatsApp-Kanal", "Kommentare"] == 0).all(), "one-way channel"
    assert df["Antwortzeit_min"].isna().eq(df["Kommentare_beantwortet"] == 0).all()
    assert df["Datum"].is_monotonic_increasing
    assert 0 < analyze(df).gesamt["er_reichweite"] < 20


def test_weekend_answers_slower_than_weekdays():
    df = generate_posts(seed=3, weeks=26)
    weekend = df["Datum"].dt.weekday >= 5
    assert df.loc[weekend, "Antwortzeit_min"].median() > df.loc[~weekend, "Antwortzeit_min"].median()


def test_roundtrip_through_csv(tmp_path):
    df = generate_posts(seed=9, weeks=3)
    again = read_posts(write_posts(df, tmp_path / "demo.csv"))
    assert again.attrs["synthetisch"] is True
    assert analyze(again).gesamt == analyze(df).gesamt


def test_bad_weeks():
    with pytest.raises(InputError):
        generate_posts(weeks=0)
