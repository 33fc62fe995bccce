"""Amtsdeutsch findings: every lexicon entry gives a message that ends in exactly one end mark."""

from __future__ import annotations

import pytest
import regex

from kommsocial.text import analyze
from kommsocial.text.lexicon import VERB_FORMS, amtsdeutsch_file
from kommsocial.text.rules.lexical import amtsdeutsch_message

ENTRIES = amtsdeutsch_file().eintraege
_BAD_END = regex.compile(r"(?:[?!…]\.|\.\.|[?!]{2}|\s)$")


def _sample(entry) -> str:
    """A sentence in which the rule finds the entry."""
    if entry.wort:
        return f"Wir schreiben {entry.wort} in den Text."
    return f"Wir {VERB_FORMS[entry.verb or ''][0]} das {entry.gefuege}."


def _check(message: str) -> None:
    assert message.endswith((".", "!", "?")), message
    assert not _BAD_END.search(message), message


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.label for e in ENTRIES])
def test_every_lexicon_entry_gives_a_well_ended_message(entry):
    findings = [f for f in analyze(_sample(entry), "facebook").findings if f.rule == "amtsdeutsch"]
    assert findings, _sample(entry)
    for f in findings:
        _check(f.message)


def test_own_hausstil_entries_with_end_marks():
    own = {"amtsdeutsch": {"zusaetzlich": [{"wort": "Ortstermin", "alternative": "Treffen vor Ort."},
                                            {"wort": "Verbringung", "alternative": "Wohin damit?"}]}}
    report = analyze("Der Ortstermin und die Verbringung sind geplant.", "facebook", hausstil=own)
    messages = [f.message for f in report.findings if f.rule == "amtsdeutsch"]
    assert len(messages) == 2
    for m in messages:
        _check(m)


@pytest.mark.parametrize(
    ("alternative", "expected_end"),
    [("aktiv formulieren: Wer macht was?", "Wer macht was?"), ("mit", "mit."), ("so bald wie möglich.", "möglich."),
     ("um … zu", "um … zu."), ("Ende …", "Ende …")],
)
def test_message_composition(alternative, expected_end):
    msg = amtsdeutsch_message("erfolgt", alternative)
    assert msg.startswith("„erfolgt“ ist Amtsdeutsch. Besser: ") and msg.endswith(expected_end)
    assert not msg.endswith(("?.", "..", "….")), msg
