"""Navigation through a decision tree: a pure engine for widgets, CLI and tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from kommsocial.errors import InputError
from kommsocial.legal.schema import Baum, Knoten, Urteil


@dataclass(frozen=True)
class Schritt:
    """One answered question on the way through the tree."""

    knoten_id: str
    frage: str
    antwort_id: str
    antwort: str


class TreeSession:
    """Walks one tree: `current` question, `answer(id)`, `back()`, `path`, `verdict`.

    Example::

        s = TreeSession(load_tree("foto"))
        s.answer("ja"); s.answer("beschaeftigte"); s.answer("ja")
        s.verdict.ampel  # "gruen"
    """

    def __init__(self, tree: Baum) -> None:
        self.tree = tree
        self._position = tree.start
        self._path: list[Schritt] = []

    @property
    def position(self) -> str:
        """Id of the current node or, at the end, of the verdict."""
        return self._position

    @property
    def current(self) -> Knoten | None:
        """The open question, or None once a verdict is reached."""
        return self.tree.knoten.get(self._position)

    @property
    def verdict(self) -> Urteil | None:
        """The verdict at the end of the path, or None while questions are open."""
        return self.tree.urteile.get(self._position)

    @property
    def finished(self) -> bool:
        """True once a verdict is reached."""
        return self.verdict is not None

    @property
    def path(self) -> list[Schritt]:
        """Answered questions so far, oldest first (a copy)."""
        return list(self._path)

    def answer(self, option_id: str) -> Knoten | Urteil:
        """Choose an answer of the current question; returns the next question or the verdict.

        Raises:
            InputError: if the tree is finished or the answer id does not exist.
        """
        knoten = self.current
        if knoten is None:
            raise InputError(
                "Der Entscheidungsbaum ist schon am Ende.",
                hint="Gehen Sie mit „Zurück“ einen Schritt zurück oder beginnen Sie neu.",
            )
        try:
            antwort = knoten.antwort(option_id)
        except KeyError:
            erlaubt = ", ".join(a.id for a in knoten.antworten)
            raise InputError(
                f"Die Antwort „{option_id}“ passt nicht zur Frage „{knoten.frage}“.",
                hint=f"Möglich sind: {erlaubt}.",
            ) from None
        self._path.append(Schritt(self._position, knoten.frage, antwort.id, antwort.text))
        self._position = antwort.weiter
        return self.current or self.verdict  # type: ignore[return-value]

    def back(self) -> bool:
        """Undo the last answer; returns False if already at the start."""
        if not self._path:
            return False
        self._position = self._path.pop().knoten_id
        return True

    def reset(self) -> None:
        """Start again at the first question."""
        self._position = self.tree.start
        self._path.clear()


def all_paths(tree: Baum) -> Iterator[tuple[list[tuple[str, str]], str]]:
    """Every path from the start: ([(node_id, answer_id), ...], verdict_id)."""
    stack: list[tuple[str, list[tuple[str, str]]]] = [(tree.start, [])]
    while stack:
        node_id, steps = stack.pop()
        if node_id in tree.urteile:
            yield steps, node_id
            continue
        for a in reversed(tree.knoten[node_id].antworten):
            stack.append((a.weiter, [*steps, (node_id, a.id)]))


_AMPEL_TEXT = {"gruen": "GRÜN", "gelb": "GELB", "rot": "ROT"}


def tree_as_text(tree: Baum) -> list[str]:
    """The whole tree as indented German text lines (shared nodes are shown once, then referenced)."""
    lines = [f"{tree.titel} (Baum „{tree.id}“)", tree.beschreibung, ""]
    shown: set[str] = set()

    def walk(node_id: str, depth: int) -> None:
        pad = "  " * depth
        if node_id in tree.urteile:
            u = tree.urteile[node_id]
            lines.append(f"{pad}→ [{_AMPEL_TEXT[u.ampel]}] {u.ergebnis}")
            lines.append(f"{pad}  {u.begruendung}")
            lines.append(f"{pad}  Karten: {', '.join(u.karten)}")
            return
        k = tree.knoten[node_id]
        if node_id in shown:
            lines.append(f"{pad}→ weiter wie bei Frage „{k.frage}“ (siehe oben)")
            return
        shown.add(node_id)
        lines.append(f"{pad}? {k.frage}")
        for a in k.antworten:
            lines.append(f"{pad}  • {a.text}")
            walk(a.weiter, depth + 2)

    walk(tree.start, 0)
    return lines
