"""Loading and cross-checking the legal data (cards, trees, quiz) from YAML files.

The data folder holds `karten/*.yaml`, `baeume/*.yaml` and `quiz/*.yaml`. By default
it is this package; `KOMMSOCIAL_LEGAL_DATA` or the `folder` argument point elsewhere
(a trainer's own copy, or test fixtures).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from kommsocial._data import load_model
from kommsocial._german import DISCLAIMER as DISCLAIMER  # re-exported: kommsocial.legal.DISCLAIMER
from kommsocial._german import datum, stand
from kommsocial.errors import InputError
from kommsocial.legal.schema import Baum, Frage, Karte, KartenDatei, QuizDatei

M = TypeVar("M", bound=BaseModel)

ENV_VAR = "KOMMSOCIAL_LEGAL_DATA"


def data_folder(folder: str | Path | None = None) -> Path:
    """The folder with karten/, baeume/ and quiz/ (argument, then env variable, then package)."""
    if folder is not None:
        return Path(folder)
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    return Path(__file__).resolve().parent


def _yaml_files(folder: Path, sub: str) -> list[Path]:
    d = folder / sub
    if not d.is_dir():
        raise InputError(
            f"Der Ordner „{sub}“ fehlt im Datenordner.",
            file=str(d),
            hint=f"Legen Sie dort YAML-Dateien an oder prüfen Sie {ENV_VAR}.",
        )
    return sorted(p for p in d.iterdir() if p.suffix in (".yaml", ".yml"))


def _load(model: type[M], path: Path) -> M:
    """Load and validate one data file (InputError names file, line and field)."""
    return load_model(model, path)


def _key(folder: str | Path | None) -> str:
    return str(data_folder(folder).resolve())


def load_cards(folder: str | Path | None = None) -> dict[str, Karte]:
    """All knowledge cards by id, in file order.

    Raises:
        InputError: on a schema error (file, line, field) or a duplicate id.
    """
    return dict(_load_cards(_key(folder)))


@lru_cache(maxsize=8)
def _load_cards(folder: str) -> tuple[tuple[str, Karte], ...]:
    cards: dict[str, Karte] = {}
    where: dict[str, Path] = {}
    for path in _yaml_files(Path(folder), "karten"):
        for karte in _load(KartenDatei, path).karten:
            if karte.id in cards:
                raise InputError(
                    f"Die Karten-Kennung „{karte.id}“ ist doppelt (auch in {where[karte.id].name}).",
                    file=str(path), field="id", hint="Vergeben Sie eine eindeutige Kennung.",
                )
            cards[karte.id] = karte
            where[karte.id] = path
    return tuple(cards.items())


def _check_card_refs(refs: list[str], cards: dict[str, Karte], path: Path, where: str) -> None:
    for ref in refs:
        if ref not in cards:
            raise InputError(
                f"{where} verweist auf die Karte „{ref}“, die es nicht gibt.",
                file=str(path), field="karten",
                hint="Prüfen Sie die Schreibweise (Liste: kommsocial recht karten).",
            )


def load_trees(folder: str | Path | None = None) -> dict[str, Baum]:
    """All decision trees by id; every verdict's cards must exist.

    Raises:
        InputError: on a schema or graph error, a duplicate id or an unknown card.
    """
    return dict(_load_trees(_key(folder)))


@lru_cache(maxsize=8)
def _load_trees(folder: str) -> tuple[tuple[str, Baum], ...]:
    cards = load_cards(folder)
    trees: dict[str, Baum] = {}
    for path in _yaml_files(Path(folder), "baeume"):
        baum = _load(Baum, path)
        if baum.id in trees:
            raise InputError(f"Die Baum-Kennung „{baum.id}“ ist doppelt.", file=str(path), field="id")
        for uid, urteil in baum.urteile.items():
            _check_card_refs(urteil.karten, cards, path, f"Urteil „{uid}“")
        trees[baum.id] = baum
    return tuple(trees.items())


def load_tree(tree_id: str, folder: str | Path | None = None) -> Baum:
    """One decision tree by id.

    Raises:
        InputError: if there is no tree with this id.
    """
    trees = load_trees(folder)
    if tree_id not in trees:
        raise InputError(
            f"Einen Entscheidungsbaum „{tree_id}“ gibt es nicht.",
            hint="Vorhanden: " + ", ".join(sorted(trees)),
        )
    return trees[tree_id]


def load_quiz(folder: str | Path | None = None) -> list[Frage]:
    """All quiz questions (ids unique, card references resolved).

    Raises:
        InputError: on a schema error, a duplicate id or an unknown card.
    """
    return list(_load_quiz(_key(folder)))


@lru_cache(maxsize=8)
def _load_quiz(folder: str) -> tuple[Frage, ...]:
    cards = load_cards(folder)
    seen: set[str] = set()
    out: list[Frage] = []
    for path in _yaml_files(Path(folder), "quiz"):
        for frage in _load(QuizDatei, path).fragen:
            if frage.id in seen:
                raise InputError(f"Die Fragen-Kennung „{frage.id}“ ist doppelt.", file=str(path), field="id")
            seen.add(frage.id)
            _check_card_refs(frage.karten, cards, path, f"Frage „{frage.id}“")
            out.append(frage)
    return tuple(out)


def get_card(card_id: str, folder: str | Path | None = None) -> Karte:
    """One card by id.

    Raises:
        InputError: if there is no card with this id.
    """
    cards = load_cards(folder)
    if card_id not in cards:
        raise InputError(f"Eine Wissenskarte „{card_id}“ gibt es nicht.",
                         hint="Liste aller Karten: kommsocial recht karten")
    return cards[card_id]


def clear_cache() -> None:
    """Forget loaded data (after editing YAML files in a running kernel)."""
    _load_cards.cache_clear()
    _load_trees.cache_clear()
    _load_quiz.cache_clear()


# The legal package's name for the German date (21.11.2026).
format_date = datum


def stand_of(cards: dict[str, Karte] | list[Karte] | None = None) -> str:
    """Stand of the data as text: one date, or „von … bis …“ when cards differ."""
    items = list((cards if cards is not None else load_cards()).values()
                 if isinstance(cards, dict) or cards is None else cards)
    if not items:
        return "unbekannt"
    lo, hi = min(k.stand for k in items), max(k.stand for k in items)
    return format_date(lo) if lo == hi else f"{format_date(lo)} bis {format_date(hi)}"


def footer(cards: dict[str, Karte] | list[Karte] | None = None) -> str:
    """The closing line of every human output: „Stand: … – keine Rechtsberatung.“"""
    return f"{stand(stand_of(cards), disclaimer=True)}."
