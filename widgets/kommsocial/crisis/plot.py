"""Timeline plot of an exercise: injects per channel against the own actions (matplotlib)."""

from __future__ import annotations

from kommsocial.crisis.debrief import Debrief
from kommsocial.crisis.schema import CHANNEL_LABELS

_ROWS = ["warnung", "lagemeldung", "presseanfrage", "email", "kommentar", "feed"]
_TAG_COLORS = {"geruecht": "#b3261e", "fakt": "#1e7a34", "frage": "#1f5fa8", "beleidigung": "#7a1fa2"}


def timeline_figure(debrief: Debrief, *, width: float = 10.0):
    """A matplotlib Figure: one row per inject channel plus a row for the own actions."""
    from matplotlib.figure import Figure  # heavy import only when a plot is wanted

    fig = Figure(figsize=(width, 3.6), layout="constrained")
    ax = fig.add_subplot()
    rows = _ROWS + ["eigene"]
    for entry in debrief.timeline:
        if entry.art == "inject":
            y = rows.index(entry.kanal) if entry.kanal in rows else 0
            color = next((c for tag, c in _TAG_COLORS.items() if tag in entry.tags), "#6b7280")
            ax.scatter(entry.minute, y, s=36, color=color, marker="o", zorder=3)
        else:
            marker = "D" if entry.art == "entscheidung" else "^"
            ax.scatter(entry.minute, len(rows) - 1, s=54, color="#c77c02", marker=marker, zorder=3)
    ax.set_yticks(range(len(rows)), [CHANNEL_LABELS.get(r, "Eigene Aktionen") for r in rows])
    ax.set_xlabel("Simulierte Minute")
    ax.set_title(f"Zeitleiste: {debrief.titel}", fontsize=10)
    ax.grid(axis="x", alpha=0.3)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    for label, color in [("Gerücht", "#b3261e"), ("Fakt", "#1e7a34"), ("Frage", "#1f5fa8"), ("sonstige", "#6b7280")]:
        ax.scatter([], [], color=color, label=label)
    ax.scatter([], [], color="#c77c02", marker="^", label="Ihre Aktion")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=5, fontsize=8, frameon=False)
    return fig
