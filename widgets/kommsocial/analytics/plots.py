"""Matplotlib figures for post data (German labels); the only analytics module that imports matplotlib.

Every function takes a prepared DataFrame (``read_posts`` / ``generate_posts`` output) and returns a
``matplotlib.figure.Figure`` built without pyplot, so no global state leaks between widgets or
threads and the Agg canvas is used. ``to_png`` turns a figure into PNG bytes for ``ipywidgets.Image``
or ``IPython.display.Image``. Data marked as synthetic gets a visible "Synthetische Daten" note.

Figures::

    engagement_by_channel(df)   both engagement rates per channel, side by side
    posting_heatmap(df)         posts per weekday × hour
    reach_vs_interactions(df)   one dot per post, coloured by channel
    dialogue(df)                response-time distribution (24-h line) and share of answered comments
    timeseries(df)              weekly reach and interactions
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from matplotlib.figure import Figure

from kommsocial._german import DAY_MONTH_FORMAT, WEEKDAYS_SHORT, decimal, number

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes

SYNTHETIC_NOTE = "Synthetische Daten (erfunden, Musterstadt)"
COLORS = {"er_reichweite": "#1565c0", "er_follower": "#ef6c00"}
CHANNEL_COLORS = ("#1565c0", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#c62828", "#5d4037", "#546e7a")
DAY_MINUTES = 24 * 60


# Response-time classes in minutes (upper bound inclusive); the 24-hour mark is a class border.
BUCKETS = (("bis 1 Std.", 60), ("1–4 Std.", 240), ("4–8 Std.", 480), ("8–24 Std.", DAY_MINUTES),
           ("1–2 Tage", 2 * DAY_MINUTES), ("> 2 Tage", float("inf")))
BUCKET_LATE = tuple(limit > DAY_MINUTES for _, limit in BUCKETS)


def response_buckets(minutes) -> list[int]:
    """Count response times (minutes) per class of ``BUCKETS``."""
    counts = [0] * len(BUCKETS)
    for value in minutes:
        for i, (_, limit) in enumerate(BUCKETS):
            if value <= limit:
                counts[i] += 1
                break
    return counts


def _figure(width: float = 8.0, height: float = 4.2) -> Figure:
    return Figure(figsize=(width, height), dpi=100, layout="constrained")


def _mark(fig: Figure, df: pd.DataFrame) -> None:
    """Note in the figure corner when the data is invented, so a screenshot never passes as real."""
    synthetic = bool(df.attrs.get("synthetisch", False))
    if not synthetic and "synthetisch" in df.columns:
        synthetic = bool(df["synthetisch"].fillna(False).astype(bool).any())
    if synthetic:
        # supxlabel: constrained layout reserves room for it, so it never covers axis labels.
        fig.supxlabel(SYNTHETIC_NOTE, x=0.995, ha="right", fontsize=8, color="#c62828", gid="synthetisch")


def _empty(ax: Axes, text: str = "Keine Beiträge für diese Auswahl") -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, color="#546e7a")
    ax.set_xticks([])
    ax.set_yticks([])


def german_tick(value: float, _pos: object = None) -> str:
    """An axis number as German readers write it: 1.234,5 (thousands with a point, decimals with a comma)."""
    return number(value)


def _german_axes(fig: Figure) -> Figure:
    """German numbers on every numeric axis of the figure (dates and category labels stay as they are)."""
    from matplotlib.ticker import FuncFormatter, ScalarFormatter

    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if isinstance(axis.get_major_formatter(), ScalarFormatter):
                axis.set_major_formatter(FuncFormatter(german_tick))
    return fig


def _channel_colors(channels: list[str]) -> dict[str, str]:
    return {c: CHANNEL_COLORS[i % len(CHANNEL_COLORS)] for i, c in enumerate(channels)}


def engagement_by_channel(df: pd.DataFrame) -> Figure:
    """Grouped bars: engagement rate by reach and by followers for each channel (ratio of sums)."""
    from kommsocial.analytics.kpis import group_kpis

    fig = _figure()
    ax = fig.add_subplot()
    ax.set_title("Engagement-Rate je Kanal – zwei Definitionen")
    if df.empty:
        _empty(ax)
        _mark(fig, df)
        return _german_axes(fig)
    table = group_kpis(df, "Kanal")
    names = [str(k) for k in table["Kanal"]]
    xs = range(len(names))
    width = 0.38
    series = [("er_reichweite", "Interaktionen ÷ Reichweite × 100", -width / 2),
              ("er_follower", "Interaktionen ÷ Follower × 100", width / 2)]
    for key, label, shift in series:
        values = [float("nan") if v is None else float(v) for v in table[key]] if key in table else []
        # values is empty for a missing column: no bars then. NaN: no bar (no followers known).
        pairs = [(x + shift, v) for x, v in zip(xs, values, strict=False) if v == v]
        if not pairs:
            continue
        bars = ax.bar([p[0] for p in pairs], [p[1] for p in pairs], width, label=label, color=COLORS[key],
                      gid=key)
        ax.bar_label(bars, labels=[decimal(p[1], 2) for p in pairs], fontsize=8, padding=2)
    ax.set_xticks(list(xs), names)
    ax.set_xlabel("Kanal")
    ax.set_ylabel("Engagement-Rate in %")
    ax.margins(y=0.15)
    ax.legend(loc="upper right", fontsize=8)
    _mark(fig, df)
    return _german_axes(fig)


def posting_heatmap(df: pd.DataFrame) -> Figure:
    """Posts per weekday (rows) and hour (columns); needs the Uhrzeit column."""
    fig = _figure()
    ax = fig.add_subplot()
    ax.set_title("Wann wurde gepostet? Beiträge je Wochentag und Stunde")
    if df.empty or "Stunde" not in df.columns or df["Stunde"].isna().all():
        _empty(ax, "Keine Uhrzeiten in den Daten" if not df.empty else "Keine Beiträge für diese Auswahl")
        _mark(fig, df)
        return _german_axes(fig)
    timed = df[df["Stunde"].notna()]
    days = timed["Datum"].dt.weekday.to_numpy()
    hours = timed["Stunde"].astype(int).to_numpy()
    counts = [[0] * 24 for _ in range(7)]
    for day, hour in zip(days, hours, strict=True):
        counts[int(day)][int(hour)] += 1
    image = ax.imshow(counts, aspect="auto", cmap="Blues", vmin=0, interpolation="nearest")
    for d in range(7):
        for h in range(24):
            if counts[d][h]:
                dark = counts[d][h] > max(max(r) for r in counts) * 0.6
                ax.text(h, d, str(counts[d][h]), ha="center", va="center", fontsize=7,
                        color="white" if dark else "#263238")
    ax.set_yticks(range(7), WEEKDAYS_SHORT)
    ax.set_xticks(range(0, 24, 2), [f"{h}" for h in range(0, 24, 2)])
    ax.set_xlabel("Uhrzeit (Stunde)")
    ax.set_ylabel("Wochentag")
    fig.colorbar(image, ax=ax, label="Anzahl Beiträge", shrink=0.9)
    _mark(fig, df)
    return _german_axes(fig)


def reach_vs_interactions(df: pd.DataFrame) -> Figure:
    """Scatter: reach (x) against interactions (y), one colour per channel."""
    fig = _figure()
    ax = fig.add_subplot()
    ax.set_title("Reichweite und Interaktionen je Beitrag")
    if df.empty:
        _empty(ax)
        _mark(fig, df)
        return _german_axes(fig)
    channels = sorted(str(c) for c in df["Kanal"].unique())
    colors = _channel_colors(channels)
    for name in channels:
        part = df[df["Kanal"] == name]
        ax.scatter(part["Reichweite"], part["Interaktionen"], s=18, alpha=0.7, color=colors[name], label=name,
                   gid=f"kanal:{name}")
    ax.set_xlabel("Reichweite (erreichte Konten)")
    ax.set_ylabel("Interaktionen")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, title="Kanal", title_fontsize=8)
    _mark(fig, df)
    return _german_axes(fig)


def dialogue(df: pd.DataFrame) -> Figure:
    """Left: distribution of response times (hours, 24-h line); right: answered share of comments per channel."""
    from kommsocial.analytics.kpis import group_kpis

    fig = _figure(9.0, 4.2)
    left, right = fig.subplots(1, 2, width_ratios=(1.3, 1))
    left.set_title("Antwortzeit je Beitrag")
    right.set_title("Anteil beantworteter Kommentare")
    times = df["Antwortzeit_min"].dropna() if "Antwortzeit_min" in df.columns else None
    if times is None or times.empty:
        _empty(left, "Keine Antwortzeiten in den Daten")
    else:
        counts = response_buckets(times)
        colors = ["#c62828" if late else "#1565c0" for late in BUCKET_LATE]
        bars = left.bar(range(len(counts)), counts, color=colors, gid="antwortzeiten")
        left.bar_label(bars, fontsize=8, padding=2)
        left.set_xticks(range(len(counts)), [b[0] for b in BUCKETS], fontsize=8)
        left.set_xlabel("Zeit bis zur ersten Antwort (rot: länger als 24 Stunden)")
        left.set_ylabel("Anzahl Beiträge")
        left.margins(y=0.15)
    if df.empty or "Kommentare" not in df.columns or "Kommentare_beantwortet" not in df.columns:
        _empty(right, "Keine Angaben zu beantworteten Kommentaren")
    else:
        table = group_kpis(df, "Kanal")
        rows = [(str(k), float(v)) for k, v in zip(table["Kanal"], table["antwortquote"], strict=True)
                if v is not None and v == v]
        if not rows:
            _empty(right, "Keine Kommentare in dieser Auswahl")
        else:
            bars = right.barh([r[0] for r in rows], [r[1] for r in rows], color="#2e7d32", gid="antwortquote")
            right.bar_label(bars, labels=[f"{decimal(r[1], 1)} %" for r in rows], fontsize=8, padding=2)
            right.set_xlim(0, 115)
            right.set_xlabel("beantwortet in %")
            right.invert_yaxis()
    _mark(fig, df)
    return _german_axes(fig)


def timeseries(df: pd.DataFrame) -> Figure:
    """Weekly sums of reach (left axis) and interactions (right axis)."""
    fig = _figure()
    ax = fig.add_subplot()
    ax.set_title("Verlauf je Woche")
    if df.empty:
        _empty(ax)
        _mark(fig, df)
        return _german_axes(fig)
    # Weeks start on Monday: label each week with its Monday.
    week = df["Datum"].dt.to_period("W-SUN").dt.start_time
    weekly = df.groupby(week)[["Reichweite", "Interaktionen"]].sum().sort_index()
    ax.plot(weekly.index, weekly["Reichweite"], marker="o", color="#1565c0", label="Reichweite", gid="reichweite")
    ax.set_ylabel("Reichweite je Woche", color="#1565c0")
    ax.set_xlabel("Woche (ab Montag)")
    twin = ax.twinx()
    twin.plot(weekly.index, weekly["Interaktionen"], marker="s", color="#ef6c00", label="Interaktionen",
              gid="interaktionen")
    twin.set_ylabel("Interaktionen je Woche", color="#ef6c00")
    ax.set_ylim(bottom=0)
    twin.set_ylim(bottom=0)
    ax.xaxis.set_major_formatter(_date_formatter())
    for label in ax.get_xticklabels():
        label.set_rotation(30)
        label.set_horizontalalignment("right")
    ax.grid(alpha=0.3)
    _mark(fig, df)
    return _german_axes(fig)


def _date_formatter():
    from matplotlib.dates import DateFormatter

    return DateFormatter(DAY_MONTH_FORMAT)


FIGURES = {
    "Engagement je Kanal": engagement_by_channel,
    "Wochentag und Uhrzeit": posting_heatmap,
    "Reichweite und Interaktionen": reach_vs_interactions,
    "Dialog": dialogue,
    "Verlauf": timeseries,
}


def to_png(fig: Figure) -> bytes:
    """PNG bytes of a figure (Agg canvas, no pyplot)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()
