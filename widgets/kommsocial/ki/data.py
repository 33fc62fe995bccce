"""Loading the review bank `faelle.yaml` and cross-checking it with platforms and the `ki-kennzeichnung` tree."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from kommsocial import _german, platforms
from kommsocial._data import load_model, package_file
from kommsocial.errors import InputError
from kommsocial.ki.schema import Fall, FallBank

TREE_ID = "ki-kennzeichnung"
DISCLAIMER = _german.DISCLAIMER


def default_path() -> Path:
    """The bank shipped with the package."""
    return package_file("kommsocial.ki", "faelle.yaml")


def load_bank(path: str | Path | None = None) -> FallBank:
    """The review bank, validated (schema, platforms, tree answers and verdicts).

    Raises:
        InputError: naming file, line or case and the fix.
    """
    return _load(str(Path(path) if path is not None else default_path()))


@lru_cache(maxsize=4)
def _load(path: str) -> FallBank:
    bank = load_model(FallBank, path)
    for fall in bank.faelle:
        _check_case(fall, path)
    return bank


def _check_case(fall: Fall, path: str) -> None:
    if fall.plattform not in platforms.platform_ids():
        raise InputError(
            f"Fall „{fall.id}“: die Plattform „{fall.plattform}“ gibt es nicht.",
            file=path, field="plattform", hint="Gültig sind: " + ", ".join(platforms.platform_ids()) + ".",
        )
    reached = walk_tree(fall, path)
    if reached != fall.kennzeichnung.urteil:
        raise InputError(
            f"Fall „{fall.id}“: die Antworten führen im Baum „{TREE_ID}“ zum Urteil „{reached}“, "
            f"erwartet ist „{fall.kennzeichnung.urteil}“.",
            file=path, field="kennzeichnung", hint="Passen Sie Antworten oder Urteil an.",
        )


def walk_tree(fall: Fall, path: str = "faelle.yaml") -> str:
    """Answer the `ki-kennzeichnung` tree with the case's answers; returns the verdict id reached."""
    from kommsocial.legal.data import load_tree
    from kommsocial.legal.tree import TreeSession

    session = TreeSession(load_tree(TREE_ID))
    while not session.finished:
        node_id = session.position
        answer = fall.kennzeichnung.antworten.get(node_id)
        if answer is None:
            raise InputError(
                f"Fall „{fall.id}“: für die Frage „{node_id}“ des Baums „{TREE_ID}“ fehlt die Antwort.",
                file=path, field="kennzeichnung.antworten", hint="Ergänzen Sie die Antwort (Kennung der Antwort).",
            )
        try:
            session.answer(answer)
        except InputError as exc:
            raise InputError(f"Fall „{fall.id}“: {exc.reason}", file=path, field="kennzeichnung.antworten",
                             hint=exc.hint) from None
    return session.position


def get_case(case_id: str, path: str | Path | None = None) -> Fall:
    """One case by id.

    Raises:
        InputError: listing the available ids.
    """
    bank = load_bank(path)
    for fall in bank.faelle:
        if fall.id == case_id:
            return fall
    raise InputError(f"Einen Übungsfall „{case_id}“ gibt es nicht.",
                     hint="Vorhanden: " + ", ".join(f.id for f in bank.faelle))


def footer(stand: dt.date) -> str:
    """„Stand: 21.11.2026 – keine Rechtsberatung.“"""
    return f"{_german.stand(stand, disclaimer=True)}."
