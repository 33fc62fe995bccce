"""Wirkung plots: every figure shows what the data holds (bars, cells, points, lines), German labels, marker."""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from kommsocial._german import WEEKDAYS_SHORT  # noqa: E402
from kommsocial.analytics import generate_posts, plots, read_posts_bytes  # noqa: E402

REAL_CSV = (
    b"Datum;Uhrzeit;Kanal;Reichweite;Likes;Kommentare;Follower;Kommentare_beantwortet;Antwortzeit_min\n"
    b"07.09.2026;09:00;Instagram;1000;40;10;2000;10;30\n"
    b"08.09.2026;09:00;Instagram;3000;50;0;2000;0;\n"
    b"09.09.2026;17:00;Facebook;500;20;5;4000;1;1500\n"
    b"15.09.2026;17:00;Facebook;1500;10;5;4000;5;2000\n"
)


@pytest.fixture(scope="module")
def df():
    return generate_posts(seed=11, weeks=6)


@pytest.fixture(scope="module")
def real():
    return read_posts_bytes(REAL_CSV, "echt.csv")


def texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text)]


def bars(ax, gid: str) -> list:
    """Bars of one series, in drawing order (plots tag every bar patch with the series gid)."""
    return [p for p in ax.patches if p.get_gid() == gid]


def test_engagement_by_channel_two_bars_per_channel_with_rates_from_data(df):
    fig = plots.engagement_by_channel(df)
    ax = fig.axes[0]
    channels = sorted(df["Kanal"].unique())
    assert [t.get_text() for t in ax.get_xticklabels()] == channels
    assert ax.get_ylabel() == "Engagement-Rate in %"
    sums = df.groupby("Kanal")[["Interaktionen", "Reichweite", "Follower"]].sum()
    reach, follower = bars(ax, "er_reichweite"), bars(ax, "er_follower")
    assert len(reach) == len(follower) == len(channels)
    for bar_r, bar_f, name in zip(reach, follower, channels, strict=True):
        interactions = sums.loc[name, "Interaktionen"]
        assert bar_r.get_height() == pytest.approx(interactions / sums.loc[name, "Reichweite"] * 100, abs=0.006)
        assert bar_f.get_height() == pytest.approx(interactions / sums.loc[name, "Follower"] * 100, abs=0.006)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Interaktionen ÷ Reichweite × 100", "Interaktionen ÷ Follower × 100"]


def test_engagement_without_followers_shows_only_reach_rate():
    data = read_posts_bytes(b"Datum;Kanal;Reichweite;Interaktionen\n01.10.2026;Mastodon;200;10\n", "x.csv")
    ax = plots.engagement_by_channel(data).axes[0]
    assert {p.get_gid() for p in ax.patches} == {"er_reichweite"}
    assert [p.get_height() for p in bars(ax, "er_reichweite")] == pytest.approx([5.0])


def test_heatmap_counts_posts_per_weekday_and_hour(df):
    fig = plots.posting_heatmap(df)
    ax = fig.axes[0]
    grid = ax.images[0].get_array()
    assert grid.shape == (7, 24)
    assert int(grid.sum()) == len(df)
    first = df.iloc[0]
    same = ((df["Datum"].dt.weekday == first["Datum"].weekday()) & (df["Stunde"] == first["Stunde"])).sum()
    assert grid[first["Datum"].weekday(), int(first["Stunde"])] == same
    assert [t.get_text() for t in ax.get_yticklabels()] == list(WEEKDAYS_SHORT)
    assert ax.get_xlabel() == "Uhrzeit (Stunde)"


def test_heatmap_without_times_says_so():
    data = read_posts_bytes(b"Datum;Kanal;Reichweite;Interaktionen\n01.10.2026;Mastodon;200;10\n", "x.csv")
    fig = plots.posting_heatmap(data)
    assert not fig.axes[0].images
    assert "Keine Uhrzeiten in den Daten" in texts(fig)


def test_scatter_one_series_per_channel_one_point_per_post(df):
    ax = plots.reach_vs_interactions(df).axes[0]
    gids = sorted(c.get_gid() for c in ax.collections)
    assert gids == sorted(f"kanal:{k}" for k in df["Kanal"].unique())
    assert sum(len(c.get_offsets()) for c in ax.collections) == len(df)
    insta = [c for c in ax.collections if c.get_gid() == "kanal:Instagram"][0]
    assert sorted(insta.get_offsets()[:, 0]) == sorted(df.loc[df["Kanal"] == "Instagram", "Reichweite"])
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Reichweite (erreichte Konten)", "Interaktionen")


def test_response_buckets_borders():
    assert plots.response_buckets([60, 61, 1440, 1441, 2880, 5000]) == [1, 1, 0, 1, 2, 1]


def test_dialogue_buckets_and_answer_share(real):
    fig = plots.dialogue(real)
    left, right = fig.axes
    bars = left.containers[0]
    assert [int(b.get_height()) for b in bars] == [1, 0, 0, 0, 2, 0]  # 30 min; 1500 and 2000 min (> 24 h)
    late = [b.get_facecolor() for b, is_late in zip(bars, plots.BUCKET_LATE, strict=True) if is_late]
    early = [b.get_facecolor() for b, is_late in zip(bars, plots.BUCKET_LATE, strict=True) if not is_late]
    assert late and early and set(late).isdisjoint(early), "bars beyond 24 hours are marked in another colour"
    share = right.containers[0]
    labels = [t.get_text() for t in right.get_yticklabels()]
    assert labels == ["Facebook", "Instagram"]
    assert [b.get_width() for b in share] == pytest.approx([60.0, 100.0])  # 6 of 10; 10 of 10


def test_dialogue_skips_channels_without_comments(df):
    right = plots.dialogue(df).axes[1]
    with_comments = sorted(df.groupby("Kanal")["Kommentare"].sum().loc[lambda s: s > 0].index)
    assert [t.get_text() for t in right.get_yticklabels()] == with_comments


def test_timeseries_one_point_per_week_with_weekly_sums(df):
    fig = plots.timeseries(df)
    ax, twin = fig.axes
    reach = [ln for ln in ax.lines if ln.get_gid() == "reichweite"][0]
    inter = [ln for ln in twin.lines if ln.get_gid() == "interaktionen"][0]
    weeks = df["Datum"].dt.to_period("W-SUN").nunique()
    assert len(reach.get_xdata()) == len(inter.get_xdata()) == weeks
    assert sum(reach.get_ydata()) == df["Reichweite"].sum()
    assert sum(inter.get_ydata()) == df["Interaktionen"].sum()
    assert ax.get_ylabel() == "Reichweite je Woche"


@pytest.mark.parametrize("make", list(plots.FIGURES.values()), ids=list(plots.FIGURES))
def test_synthetic_marker_only_on_synthetic_data(make, df, real):
    assert plots.SYNTHETIC_NOTE in texts(make(df))
    assert plots.SYNTHETIC_NOTE not in texts(make(real))


@pytest.mark.parametrize("make", list(plots.FIGURES.values()), ids=list(plots.FIGURES))
def test_empty_selection_renders_a_note_and_png(make, df):
    fig = make(df.iloc[0:0])
    assert any(t.startswith("Keine") for t in texts(fig))
    assert all(not ax.containers for ax in fig.axes)
    assert plots.to_png(fig).startswith(b"\x89PNG")


def test_numeric_axes_use_german_numbers(df):
    from kommsocial.analytics.plots import german_tick

    assert [german_tick(v) for v in (0, 2.5, 1234, 1234.5, 0.25)] == ["0", "2,5", "1.234", "1.234,5", "0,25"]
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    for make in (plots.engagement_by_channel, plots.reach_vs_interactions, plots.timeseries):
        fig = make(df)
        FigureCanvasAgg(fig).draw()  # tick labels exist only once the figure is drawn
        labels = [t.get_text() for ax in fig.axes for t in ax.yaxis.get_ticklabels() if t.get_text()]
        assert labels, make.__name__
        assert not any(re.fullmatch(r"-?\d+\.\d{1,2}", x) for x in labels), (make.__name__, labels)  # 2.5
        expected = {german_tick(v) for ax in fig.axes for v in ax.get_yticks()}
        assert set(labels) <= expected, (make.__name__, labels)
