"""German feedback per participant: nbgrader's generate_feedback plus a plain-language summary page."""

from __future__ import annotations

from html import escape
from pathlib import Path

from kommsocial._german import decimal
from kommsocial.seminar.folder import Seminar, atomic_write_text
from kommsocial.seminar.progress import fortschritt
from kommsocial.seminar.results import Ergebnis, collect_results

SUMMARY_NAME = "rueckmeldung.html"

_STYLE = """body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #bbb;padding:.4rem;text-align:left;vertical-align:top}
.ok{color:#0a6b2d}.nein{color:#a4000f}.offen{color:#6a4d00}.kasten{background:#f3f3f3;padding:.8rem;border-radius:.3rem}"""


def _fmt(x: float | None) -> str:
    return "–" if x is None else decimal(x)


def summary_html(assignment: str, r: Ergebnis) -> str:
    """The German summary page for one participant (all user text escaped)."""
    title = f"Rückmeldung zur Aufgabe {assignment}"
    parts = [f"<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'><title>{escape(title)}</title>",
             f"<style>{_STYLE}</style></head><body>", f"<h1>{escape(title)}</h1>",
             f"<p>Für: <strong>{escape(r.name or r.id)}</strong> ({escape(r.id)})</p>"]
    if r.status != "ok":
        parts.append("<div class='kasten'><p><strong>Ihre Abgabe konnte nicht automatisch bewertet werden.</strong></p>"
                     f"<p>{escape(r.message or '')}</p><p>Bitte wenden Sie sich an Ihre Seminarleitung.</p></div>")
    else:
        parts.append(f"<p class='kasten'>Punkte bisher: <strong>{_fmt(r.score)} von {_fmt(r.max_score)}</strong>. "
                     "Aufgaben, die von Hand bewertet werden, zählen erst nach der Bewertung "
                     "durch die Seminarleitung.</p>")
        if r.message:
            parts.append(f"<p><strong>Hinweis zur Abgabe:</strong> {escape(r.message)}</p>")
        parts.append("<table><thead><tr><th>Teil</th><th>Art</th><th>Ergebnis</th><th>Punkte</th>"
                     "<th>Was Sie ändern können</th></tr></thead><tbody>")
        for t in r.teile:
            if t.bestanden is None:
                css, text = "offen", "wird noch bewertet"
            elif t.bestanden:
                css, text = "ok", "erfüllt"
            else:
                css, text = "nein", "noch nicht erfüllt"
            tipp = t.meldung if (t.bestanden is False and t.meldung) else ""
            parts.append(f"<tr><td>{escape(t.name)}</td><td>{escape(t.art)}</td><td class='{css}'>{text}</td>"
                         f"<td>{_fmt(t.punkte)} / {_fmt(t.max_punkte)}</td><td>{escape(tipp)}</td></tr>")
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    return "".join(parts)


def write_feedback(seminar: Seminar, assignment: str) -> list[Path]:
    """nbgrader generate_feedback for graded participants plus the German summary for everyone with a submission."""
    seminar.require_assignment(assignment)
    _max, results = collect_results(seminar, assignment)
    targets = [r for r in results if r.status != "fehlt"]
    api = seminar.api()
    written: list[Path] = []
    with fortschritt("Rückmeldungen", len(targets)) as schritt:
        for r in targets:
            folder = seminar.root / "feedback" / r.id / assignment
            if r.status == "ok":
                res = api.generate_feedback(assignment, r.id, force=True)
                if not res.get("success"):
                    r.message = (r.message + " " if r.message else "") + \
                        "Die ausführliche nbgrader-Rückmeldung ließ sich nicht erzeugen."
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / SUMMARY_NAME
            atomic_write_text(target, summary_html(assignment, r))
            written.append(target)
            schritt(r.id)
    return written
