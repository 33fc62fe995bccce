"""Assignment report: table per participant and task, PNG plot, optional Excel file."""

from __future__ import annotations

from pathlib import Path

from kommsocial._cells import neutralise_row
from kommsocial._german import plural
from kommsocial.seminar.folder import Seminar
from kommsocial.seminar.results import Ergebnis, task_difficulty


def plot(seminar: Seminar, assignment: str, max_score: float, results: list[Ergebnis]) -> Path:
    """Score distribution and per-task difficulty as PNG in the seminar folder."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    scores = [r.score for r in results if r.score is not None]
    difficulty = task_difficulty(results)
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    left.hist(scores, bins=min(10, max(1, int(max_score) or 1)), range=(0, max(max_score, 1)), color="#2f6f9f")
    left.set_title(f"Punkteverteilung {assignment}")
    left.set_xlabel(f"Punkte (von {max_score:g})")
    left.set_ylabel("Teilnehmende")
    left.yaxis.set_major_locator(MaxNLocator(integer=True))
    names = list(difficulty)[::-1]  # first task at the top
    right.barh(names, [difficulty[n] * 100 for n in names], color="#c77c1e")
    right.set_xlim(0, 100)
    right.set_title("Anteil erreichter Punkte je Aufgabenteil")
    right.set_xlabel("% der möglichen Punkte (niedrig = schwierig)")
    fig.tight_layout()
    target = seminar.root / f"bericht_{assignment}.png"
    tmp = target.with_name(f".{target.name}.tmp.png")
    fig.savefig(tmp, dpi=110)
    plt.close(fig)
    tmp.replace(target)
    return target


def write_xlsx(path: str | Path, assignment: str, results: list[Ergebnis]) -> Path:
    """Excel workbook with sheets "Teilnehmende" and "Aufgabenteile"."""
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    target = Path(path).expanduser().resolve()
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)  # a new workbook starts with one ordinary worksheet
    ws.title = "Teilnehmende"
    ws.append(["id", "Name", "Status", "Punkte", "Höchstpunktzahl", "Hinweis"])
    for r in results:
        ws.append(neutralise_row([r.id, r.name, r.status, r.score, r.max_score, r.message or ""]))
    ws2 = wb.create_sheet("Aufgabenteile")
    ws2.append(["id", "Notebook", "Teil", "Art", "Punkte", "Höchstpunktzahl", "Meldung"])
    for r in results:
        for t in r.teile:
            ws2.append(neutralise_row([r.id, t.notebook, t.name, t.art, t.punkte, t.max_punkte, t.meldung or ""]))
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp.xlsx")
    wb.save(tmp)
    tmp.replace(target)
    return target


def text_table(assignment: str, max_score: float, results: list[Ergebnis]) -> str:
    """Plain German table for the terminal."""
    lines = [f"Aufgabe {assignment} (höchstens {max_score:g} {plural(max_score, 'Punkt', 'Punkte')})", ""]
    lines.append(f"{'id':<16} {'Status':<7} {'Punkte':>7}  Hinweis")
    for r in results:
        score = "–" if r.score is None else f"{r.score:g}"
        lines.append(f"{r.id:<16} {r.status:<7} {score:>7}  {r.message or ''}")
    diff = task_difficulty(results)
    if diff:
        lines += ["", "Aufgabenteile (Anteil erreichter Punkte):"]
        lines += [f"  {name:<24} {share * 100:5.0f} %" for name, share in diff.items()]
    return "\n".join(lines)
