"""Sub-commands in one language: German names, the former English names as aliases that still work."""

from __future__ import annotations

import argparse

import pytest

from kommsocial.cli import build_parser

# Former English names (scripts and older guides use them) and the German command they now stand for.
ENGLISH_ALIASES = {
    ("check",): ("pruefen",),
    ("scenario", "list"): ("szenario", "liste"),
    ("scenario", "validate"): ("szenario", "pruefen"),
    ("scenario", "play"): ("szenario", "durchspielen"),
    ("scenario", "inject"): ("szenario", "einspielen"),
    ("legal", "cards"): ("recht", "karten"),
    ("legal", "card"): ("recht", "karte"),
    ("legal", "tree"): ("recht", "baum"),
    ("legal", "freshness"): ("recht", "veraltet"),
    ("analytics", "kpis"): ("wirkung", "kennzahlen"),
    ("plan", "check"): ("plan", "pruefen"),
    ("plan", "export"): ("plan", "exportieren"),
    ("plan", "merge"): ("plan", "zusammenfuehren"),
    ("seminar", "init"): ("seminar", "anlegen"),
    ("seminar", "roster"): ("seminar", "teilnehmende"),
    ("seminar", "release"): ("seminar", "verteilen"),
    ("seminar", "collect"): ("seminar", "einsammeln"),
    ("seminar", "grade"): ("seminar", "bewerten"),
    ("seminar", "feedback"): ("seminar", "rueckmeldung"),
    ("seminar", "report"): ("seminar", "bericht"),
    ("seminar", "export"): ("seminar", "exportieren"),
    ("seminar", "purge"): ("seminar", "loeschen"),
    ("strategie", "check"): ("strategie", "auswerten"),
}
# Words that are English in a command name; loanwords German readers use (lab, apps, quiz, status,
# triage, community, handouts, seminar) are not on the list.
ENGLISH_WORDS = {"check", "list", "validate", "play", "inject", "cards", "card", "tree", "freshness", "kpis",
                 "export", "merge", "init", "roster", "release", "collect", "grade", "feedback", "report",
                 "purge", "scenario", "legal", "analytics", "new", "show", "run", "delete", "sample"}


def _subparsers(parser: argparse.ArgumentParser) -> argparse._SubParsersAction | None:
    return next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)


def _walk(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """(path, primary name, aliases) of every sub-command below parser."""
    action = _subparsers(parser)
    if action is None:
        return
    for choice in action._choices_actions:  # one per declared command, metavar "name (alias)"
        name = choice.dest
        aliases = [n for n, p in action.choices.items() if p is action.choices[name] and n != name]
        yield path, name, aliases
        yield from _walk(action.choices[name], (*path, name))


def _resolve(parser: argparse.ArgumentParser, words: tuple[str, ...]) -> argparse.ArgumentParser:
    for word in words:
        action = _subparsers(parser)
        assert action is not None and word in action.choices, f"kein Befehl {' '.join(words)}"
        parser = action.choices[word]
    return parser


def test_every_command_name_is_german():
    english = [" ".join((*path, name)) for path, name, _ in _walk(build_parser()) if name in ENGLISH_WORDS]
    assert english == []


@pytest.mark.parametrize(("old", "new"), sorted(ENGLISH_ALIASES.items()))
def test_english_name_is_an_alias_of_the_german_command(old, new):
    parser = build_parser()
    assert _resolve(parser, old) is _resolve(parser, new)
    assert _resolve(parser, new).prog == "kommsocial " + " ".join(new)


def test_help_names_the_english_alias_once():
    groups = {" ".join((*p, n)): a for p, n, a in _walk(build_parser())}
    assert groups["seminar bewerten"] == ["grade"]
    assert groups["szenario"] == ["scenario"]
    assert groups["ki pruefen"] == ["prüfen"]  # hidden umlaut spelling, not an English alias


def test_help_shows_german_name_with_alias(capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["seminar", "--hilfe"])
    out = capsys.readouterr().out
    assert "bewerten (grade)" in out
    assert "loeschen (purge)" in out
    assert "prüfen" not in out.split("Schritte:")[1].split("\n")[2]  # umlaut spelling stays hidden


def test_umlaut_spelling_works(capsys):
    args = build_parser().parse_args(["prüfen", "--platform", "x", "-"])
    assert args.func.__name__ == "run_check"
    args = build_parser().parse_args(["seminar", "löschen", "ordner", "name"])
    assert args.func is build_parser().parse_args(["seminar", "purge", "ordner", "name"]).func


def test_english_alias_runs_like_the_german_name(capsys, tmp_path):
    from kommsocial.cli import main

    assert main(["scenario", "list"]) == 0
    english = capsys.readouterr().out
    assert main(["szenario", "liste"]) == 0
    assert capsys.readouterr().out == english
    assert "grossbrand" in english
