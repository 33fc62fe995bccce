"""Loading the comment bank (kommentare.yaml) and checking its legal card references."""

from __future__ import annotations

import random
from functools import lru_cache
from pathlib import Path

from kommsocial._data import load_model, package_file
from kommsocial.community.schema import KATEGORIEN, Kommentar, KommentarBank
from kommsocial.errors import InputError


def bank_path() -> Path:
    """Path of the comment bank shipped with the package."""
    return package_file("kommsocial.community", "kommentare.yaml")


def load_bank(path: str | Path | None = None) -> KommentarBank:
    """The comment bank, validated; every card id must exist among the legal cards.

    Raises:
        InputError: schema problem (file, line, field) or an unknown card id.
    """
    return _load(str(Path(path) if path is not None else bank_path()))


@lru_cache(maxsize=4)
def _load(path: str) -> KommentarBank:
    from kommsocial.legal import load_cards

    bank = load_model(KommentarBank, path)
    cards = load_cards()
    for k in bank.kommentare:
        unknown = [c for c in k.karten if c not in cards]
        if unknown:
            raise InputError(
                f"Kommentar „{k.id}“ verweist auf unbekannte Wissenskarte(n): {', '.join(unknown)}.",
                file=path, field="karten",
                hint="Nutzen Sie eine Kennung aus `kommsocial recht karten`.",
            )
    return bank


def comments(path: str | Path | None = None) -> dict[str, Kommentar]:
    """All comments by id, in file order."""
    return {k.id: k for k in load_bank(path).kommentare}


def get_comment(comment_id: str, path: str | Path | None = None) -> Kommentar:
    """One comment by id.

    Raises:
        InputError: if there is no comment with this id.
    """
    found = comments(path).get(comment_id)
    if found is None:
        raise InputError(
            f"Einen Kommentar „{comment_id}“ gibt es nicht.",
            hint="Die Kennungen zeigt `kommsocial community triage --loesungen`.",
        )
    return found


def draw(n: int | None = None, *, seed: int | None = None, kategorie: str | None = None,
         path: str | Path | None = None) -> list[Kommentar]:
    """A round of comments: all (or n) of a category, shuffled reproducibly with seed.

    With n smaller than the bank, the draw spreads over the categories first, so that a
    short round still mixes praise, questions and violations.

    Raises:
        InputError: unknown category or n < 1.
    """
    if kategorie is not None and kategorie not in KATEGORIEN:
        raise InputError(f"Eine Kategorie „{kategorie}“ gibt es nicht.",
                         hint="Möglich sind: " + ", ".join(KATEGORIEN))
    if n is not None and n < 1:
        raise InputError("Die Anzahl muss mindestens 1 sein.")
    pool = [k for k in load_bank(path).kommentare if kategorie is None or k.kategorie == kategorie]
    rng = random.Random(seed)
    rng.shuffle(pool)
    if n is None or n >= len(pool):
        return pool
    # Round robin over the categories (in shuffled order) gives a mixed short round.
    by_cat: dict[str, list[Kommentar]] = {}
    for k in pool:
        by_cat.setdefault(k.kategorie, []).append(k)
    picked: list[Kommentar] = []
    while len(picked) < n:
        for items in by_cat.values():
            if items and len(picked) < n:
                picked.append(items.pop(0))
    rng.shuffle(picked)
    return picked
