"""The free-text tasks of the nbgrader assignments and their rubrics: one entry point for tests and tools."""

from __future__ import annotations

from kommsocial.assess.judge import Judgement, judge_text
from kommsocial.assess.schema import Rubric, rubric

# (assignment, answer variable) → rubric id. The variable names are those of notebooks already handed out.
TASKS: dict[tuple[str, str], str] = {
    ("a02_pressemitteilung", "post_x"): "a02_post_x",
    ("a02_pressemitteilung", "post_instagram"): "a02_post_instagram",
    ("a02_pressemitteilung", "alt_text_instagram"): "a02_alt_text",
    ("a02_pressemitteilung", "post_mastodon"): "a02_post_mastodon",
    ("a04_krise", "erstmeldung"): "a04_erstmeldung",
    ("a06_community", "antwort"): "a06_antwort",
}


def task_rubric(assignment: str, variable: str) -> Rubric:
    """The rubric of one free-text answer."""
    try:
        return rubric(TASKS[(assignment, variable)])
    except KeyError:
        raise KeyError(f"no rubric for {assignment}/{variable}") from None


def judge(assignment: str, variable: str, text: str) -> Judgement:
    """Judge an answer the way the nbgrader tests do: `bestanden` means full automatic points."""
    return judge_text(text, task_rubric(assignment, variable))
