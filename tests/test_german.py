"""German number words shared by the command lines, the Wirkung dashboard and its charts."""

from kommsocial._german import number, plural, thousands


def test_thousands_plural_and_numbers():
    assert [thousands(n) for n in (0, 999, 2200, 12000000)] == ["0", "999", "2.200", "12.000.000"]
    assert (plural(1, "Satz", "Sätze"), plural(0, "Satz", "Sätze"), plural(2.0, "Punkt", "Punkte")) == (
        "Satz", "Sätze", "Punkte")
    assert [number(v) for v in (12500, 3.52, 65.9, 12.0, 0.25, 1234.5, -3.75)] == [
        "12.500", "3,52", "65,9", "12", "0,25", "1.234,5", "-3,75"]
