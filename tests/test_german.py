"""German formatting in one module: numbers, dates, month and weekday names, number words, „Stand“ lines.

The source scan keeps it that way: a decimal comma by `.replace(".", ",")`, a `"%d.%m.%Y"` pattern, a
list of month or weekday names or a table of number words outside `kommsocial/_german.py` fails.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest

from kommsocial import _german
from kommsocial._german import (
    datum,
    day_month,
    decimal,
    in_words,
    month_name,
    month_year,
    number,
    number_word_value,
    percent,
    plural,
    stand,
    thousands,
    weekday_name,
)
from test_participant_language import docstring_ids

PACKAGE = Path(__file__).resolve().parents[1] / "widgets" / "kommsocial"
GERMAN = PACKAGE / "_german.py"


def test_thousands_plural_and_numbers():
    assert [thousands(n) for n in (0, 999, 2200, 12000000)] == ["0", "999", "2.200", "12.000.000"]
    assert (plural(1, "Satz", "Sätze"), plural(0, "Satz", "Sätze"), plural(2.0, "Punkt", "Punkte")) == (
        "Satz", "Sätze", "Punkte")
    assert [number(v) for v in (12500, 3.52, 65.9, 12.0, 0.25, 1234.5, -3.75)] == [
        "12.500", "3,52", "65,9", "12", "0,25", "1.234,5", "-3,75"]


def test_decimal_comma_and_percent():
    assert decimal(3.5, 1) == "3,5"
    assert decimal(1234.5, 1, grouping=True) == "1.234,5"
    assert decimal(1234.5, 1) == "1234,5"  # the fixed form groups only on request
    assert decimal(63.25, 2) == "63,25" and decimal(2.0, 0) == "2"
    assert [decimal(v) for v in (2.5, 3.0, 0.125, 10)] == ["2,5", "3", "0,125", "10"]  # shortest form
    assert decimal(12.0, 1, trim=True) == "12" and decimal(12.25, 1, trim=True) == "12,2"
    assert decimal(1234567.891, 2, grouping=True) == "1.234.567,89"
    assert percent(3.5) == "3,50 %" and percent(12.345, 1) == "12,3 %"


def test_dates_months_and_weekdays():
    d = dt.date(2026, 11, 21)
    assert datum(d) == "21.11.2026" and datum(dt.date(2027, 1, 5)) == "05.01.2027"
    assert datum(d, weekday=True) == "Samstag, 21.11.2026"
    assert day_month(d) == "21.11."
    assert _german.date_time(dt.datetime(2026, 11, 21, 9, 30)) == "21.11.2026 09:30"
    assert [month_name(m) for m in (1, 2, 3, 12)] == ["Januar", "Februar", "März", "Dezember"]
    assert month_year(d) == "November 2026"
    assert (weekday_name(d), weekday_name(d, short=True), weekday_name(dt.date(2026, 11, 23))) == (
        "Samstag", "Sa", "Montag")
    assert len(_german.MONTHS) == 12 and len(_german.WEEKDAYS) == len(_german.WEEKDAYS_SHORT) == 7
    assert _german.WEEKDAY_NAMES["Sonnabend"] == _german.WEEKDAY_NAMES["Samstag"] == 5
    assert dt.datetime.strptime("21.11.2026", _german.DATE_FORMAT).date() == d


def test_stand_lines():
    d = dt.date(2026, 11, 21)
    assert stand(d) == "Stand: 21.11.2026"
    assert stand(d, disclaimer=True) == "Stand: 21.11.2026 – keine Rechtsberatung"
    assert stand("21.11.2025 bis 21.11.2026", disclaimer=True) == (
        "Stand: 21.11.2025 bis 21.11.2026 – keine Rechtsberatung")
    assert stand(d, label="Stand der Vorlage") == "Stand der Vorlage: 21.11.2026"


def test_stand_footers_of_the_packages_use_it():
    from kommsocial.ki.data import footer as ki_footer
    from kommsocial.legal.data import DISCLAIMER, footer, load_cards, stand_of

    assert DISCLAIMER == _german.DISCLAIMER
    assert footer(load_cards()) == f"Stand: {stand_of(load_cards())} – keine Rechtsberatung."
    assert ki_footer(dt.date(2026, 11, 21)) == "Stand: 21.11.2026 – keine Rechtsberatung."


@pytest.mark.parametrize(("word", "value"), [
    ("null", 0), ("eins", 1), ("zwo", 2), ("zwölf", 12), ("zwanzig", 20), ("dreißig", 30), ("hundert", 100),
    ("einhundert", 100), ("zweiundzwanzig", 22), ("dreihundertzwei", 302), ("tausend", 1000),
    ("zweitausendsiebenundzwanzig", 2027), ("hunderteintausend", 101000),
])
def test_number_words_to_values(word, value):
    assert number_word_value(word) == value


def test_number_words_both_ways():
    assert [in_words(n) for n in (0, 1, 12, 16, 21, 30, 100, 101, 121, 1000, 2027, 101000)] == [
        "null", "eins", "zwölf", "sechzehn", "einundzwanzig", "dreißig", "hundert", "hunderteins",
        "hunderteinundzwanzig", "tausend", "zweitausendsiebenundzwanzig", "hunderteintausend"]
    assert all(number_word_value(in_words(n)) == n for n in range(0, 100_000, 7))
    assert number_word_value("Haus") is None and number_word_value("und") is None
    with pytest.raises(ValueError):
        in_words(1_000_000)


def test_both_users_of_number_words_read_the_one_table():
    from kommsocial.assess.numbers import word_value
    from kommsocial.crisis.textcheck import NUMBER_WORDS, numbers

    assert (word_value("Zwölf"), word_value("zwölften"), word_value("Dutzende")) == (12, 12, 12)
    assert set(NUMBER_WORDS) <= set(_german.NUMBER_WORDS) | set(_german.VAGUE_COUNTS)
    assert {"zwei", "zwölf", "zwanzig", "hundert", "hunderte", "dutzend"} <= set(NUMBER_WORDS)
    assert not set(NUMBER_WORDS) & (_german.ARTICLE_LIKE | {"null"})
    assert numbers("Vierzig Verletzte und zwei Tote, ein Auto") == {"40", "2"}


# --- source scan ---------------------------------------------------------------------------------

_MONTH_WORDS = {m.casefold() for m in _german.MONTHS}
_WEEKDAY_WORDS = {w.casefold() for w in _german.WEEKDAY_NAMES}
_SHORT_WEEKDAYS = set(_german.WEEKDAYS_SHORT)
_NUMBER_WORDS = {w for w, v in _german.NUMBER_WORDS.items() if 2 <= v <= 90}
_WORD = re.compile(r"[a-zäöüß]+")


def german_duplicates(path: Path) -> list[str]:
    """Places in a module that do the German module's work again."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    found = []
    for pattern in ('replace(".", ",")', "replace('.', ',')", "%d.%m.%Y", '"%d.%m."'):
        if pattern in source:
            found.append(f"{pattern} in line {source[: source.index(pattern)].count(chr(10)) + 1}")
    docstrings = docstring_ids(tree)
    for node in ast.walk(tree):
        # One string ("januar|februar|märz" in a regex) or a collection of strings (a tuple, a dict's keys).
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            items = {node.value}
        elif isinstance(node, ast.Tuple | ast.List | ast.Set | ast.Dict):
            elts = node.keys if isinstance(node, ast.Dict) else node.elts
            items = {e.value for e in elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
        else:
            continue
        words = {w for item in items for w in _WORD.findall(item.casefold())}
        for what, table in (("month names", _MONTH_WORDS), ("weekday names", _WEEKDAY_WORDS),
                            ("number words", _NUMBER_WORDS)):
            if len(words & table) >= 3:
                found.append(f"{what} in line {node.lineno}")
        if not isinstance(node, ast.Constant) and len(items & _SHORT_WEEKDAYS) >= 3:
            found.append(f"weekday abbreviations in line {node.lineno}")
    return found


def test_the_scan_recognises_the_german_module():
    hits = german_duplicates(GERMAN)
    assert any("month names" in h for h in hits) and any("number words" in h for h in hits)
    assert any("weekday abbreviations" in h for h in hits) and any("%d.%m.%Y" in h for h in hits)


def test_the_scan_finds_copies(tmp_path):
    copy = tmp_path / "copy.py"
    copy.write_text(
        'x = f"{v:.1f}".replace(".", ",")\ny = d.strftime("%d.%m.%Y")\n'
        'MONATE = ("Januar", "Februar", "März")\nRE = "montag|dienstag|mittwoch"\nTAGE = ["Mo", "Di", "Mi"]\n'
        'ZAHLEN = {"zwei": 2, "drei": 3, "vier": 4}\n', encoding="utf-8")
    assert len(german_duplicates(copy)) == 6


def test_german_formatting_lives_only_in_the_german_module():
    elsewhere = {
        str(path.relative_to(PACKAGE)): hits
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != GERMAN and (hits := german_duplicates(path))
    }
    assert not elsewhere, f"German formatting done again outside kommsocial/_german.py: {elsewhere}"
