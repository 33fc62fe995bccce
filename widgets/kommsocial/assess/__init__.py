"""Assessment engine for free texts: German normalisation, rubric items with meaning, verdicts with reasons.

Main entry points (see README.md)::

    from kommsocial.assess import judge_text, rubric
    j = judge_text(text, rubric("a04_erstmeldung"))
    j.bestanden, j.scores, j.feedback(), j.trainer_view()

    from kommsocial.assess.tasks import judge
    judge("a02_pressemitteilung", "post_x", text)

The engine never imports widgets; the nbgrader helpers live in `kommsocial.seminar.text_checks`.
"""

from kommsocial.assess.judge import ItemResult, Judgement, judge_text
from kommsocial.assess.outcome import Span
from kommsocial.assess.schema import Item, Rubric, load_rubric, rubric

__all__ = ["ItemResult", "Item", "Judgement", "Rubric", "Span", "judge_text", "load_rubric", "rubric"]
