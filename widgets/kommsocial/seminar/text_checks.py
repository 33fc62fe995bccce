"""German nbgrader helpers for free-text answers, judged by the assessment engine (`kommsocial.assess`).

The rubric of each task lives in `kommsocial/assess/rubriken/`; a test cell only names the task,
the answer variable, the part (test cell) and whether it runs the visible or the hidden items.
The logic stays in the installed package, so a participant who redefines helpers in the
notebook changes nothing at grading.

Example in a test cell::

    from kommsocial.seminar.text_checks import pruefe_text
    pruefe_text(erstmeldung, "a04_krise", "erstmeldung", teil="kern")
"""

from __future__ import annotations

from kommsocial.assess.judge import Judgement, judge_text
from kommsocial.assess.tasks import task_rubric
from kommsocial.seminar.checks import Hinweis, pruefe_typ

MAX_HINWEISE = 3


def _items(assignment: str, variable: str, teil: str | None, verdeckt: bool) -> list[str]:
    rubric = task_rubric(assignment, variable)
    return [i.id for i in rubric.items if (teil is None or i.teil == teil) and i.verdeckt == verdeckt]


def bewerte_text(text: object, assignment: str, variable: str, *, teil: str | None = None,
                 verdeckt: bool = False, name: str | None = None) -> Judgement:
    """Judge the items of one part of a task; fails with a German hint if the answer is no text."""
    label = name or task_rubric(assignment, variable).name
    pruefe_typ(text, str, variable)
    assert isinstance(text, str)
    if not text.strip():
        raise Hinweis(f"„{variable}“ ist noch leer. Bitte schreiben Sie Ihren Text ({label}).")
    rubric = task_rubric(assignment, variable)
    return judge_text(text, rubric, items=_items(assignment, variable, teil, verdeckt))


def pruefe_text(text: object, assignment: str, variable: str, *, teil: str | None = None,
                verdeckt: bool = False, name: str | None = None) -> None:
    """Fail with German feedback (what to change) unless every required item of the part is met."""
    label = name or task_rubric(assignment, variable).name
    judgement = bewerte_text(text, assignment, variable, teil=teil, verdeckt=verdeckt, name=name)
    missed = [r for r in judgement.missed if r.pflicht]
    if missed:
        lines = [f"{label}: {r.titel} – {r.rueckmeldung}" for r in missed[:MAX_HINWEISE]]
        more = f" (und {len(missed) - MAX_HINWEISE} weitere Punkte)" if len(missed) > MAX_HINWEISE else ""
        raise Hinweis(" ".join(lines) + more)
