"""German nbgrader helpers for the community assignment (a06): triage answers and public replies.

Every helper raises `kommsocial.seminar.checks.Hinweis` with a message that says what to change.

Example in a test cell::

    from kommsocial.community.checks import pruefe_triage_form, pruefe_triage
    pruefe_triage_form(triage, ["lob-emoji", "spam-geld"])
    pruefe_triage(triage, ["lob-emoji", "spam-geld"])
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kommsocial.community.bank import get_comment
from kommsocial.community.reply import pruefe_antwort
from kommsocial.community.schema import AKTION_LABELS, normalize_action
from kommsocial.community.triage import bewerte
from kommsocial.seminar.checks import Hinweis, pruefe_typ


def pruefe_triage_form(triage: object, ids: Sequence[str], *, name: str = "triage") -> None:
    """Fail unless `triage` maps exactly these comment ids to one known action each."""
    pruefe_typ(triage, dict, name)
    assert isinstance(triage, dict)
    missing = [i for i in ids if i not in triage]
    extra = [str(k) for k in triage if k not in ids]
    if missing:
        raise Hinweis(f"In „{name}“ fehlt noch eine Entscheidung für: {', '.join(missing)}.")
    if extra:
        raise Hinweis(f"„{name}“ enthält unbekannte Kennungen: {', '.join(extra)}. Nutzen Sie die Kennungen aus "
                      "der Aufgabe.")
    for cid, wahl in triage.items():
        if not isinstance(wahl, str) or normalize_action(wahl) is None:
            raise Hinweis(
                f"Für „{cid}“ steht {wahl!r}. Schreiben Sie genau eine Aktion als Text, zum Beispiel \"melden\". "
                "Möglich sind: " + ", ".join(AKTION_LABELS.values()) + "."
            )


def pruefe_triage(triage: dict, ids: Iterable[str], *, name: str = "triage") -> None:
    """Fail unless the chosen action is the main action for every given comment; names the wrong ones."""
    wrong = []
    for cid in ids:
        result = bewerte(get_comment(cid), triage[cid])
        if result.urteil != "richtig":
            first = get_comment(cid).begruendung.split(". ")[0].rstrip(".")
            wrong.append(f"{cid} (Tipp: {first}.)")
    if wrong:
        raise Hinweis(f"In „{name}“ passt die Entscheidung noch nicht für: " + " ".join(wrong))


def pruefe_antwort_regeln(antwort: object, kommentar_id: str, *, checks: Iterable[str] | None = None,
                          streng: bool = False, name: str = "Ihre Antwort") -> None:
    """Fail if the reply checker finds a problem (fehler; with streng also warnung) in the given checks."""
    pruefe_typ(antwort, str, name)
    assert isinstance(antwort, str)
    if not antwort.strip():
        raise Hinweis(f"„{name}“ ist noch leer. Bitte schreiben Sie Ihre Antwort.")
    kommentar = get_comment(kommentar_id)
    result = pruefe_antwort(antwort, kommentar.plattform, kommentar=kommentar)
    wanted = set(checks) if checks is not None else None
    levels = {"fehler", "warnung"} if streng else {"fehler"}
    for p in result.probleme:
        if p.schwere in levels and (wanted is None or p.id in wanted):
            raise Hinweis(f"{name} – {p.titel}: {p.meldung}")


def pruefe_hoeflich(antwort: object, kommentar_id: str, *, name: str = "Ihre Antwort") -> None:
    """Fail unless the reply uses "Sie", has a friendly word and no sarcasm, insult, blame or shouting."""
    pruefe_antwort_regeln(antwort, kommentar_id, checks=("anrede", "ton", "freundlich"), streng=True, name=name)
