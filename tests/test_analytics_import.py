"""Import of post data in the generic format: German numbers, encodings, row-numbered errors."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from kommsocial.analytics import read_posts, read_posts_bytes, write_posts
from kommsocial.errors import InputError

HEAD = "Datum;Uhrzeit;Kanal;Reichweite;Likes;Kommentare;Kommentare_beantwortet;Antwortzeit_min"


def load(text: str, encoding: str = "utf-8"):
    return read_posts_bytes(text.encode(encoding), "daten.csv")


def test_german_numbers_and_cp1252():
    df = load(f"{HEAD}\n01.12.2026;09:00;Fußgängerzone-Kanal;12.500;1.200;30;3;45,5\n", "cp1252")
    row = df.iloc[0]
    assert row["Kanal"] == "Fußgängerzone-Kanal"
    assert row["Reichweite"] == 12500 and row["Interaktionen"] == 1230 and row["Antwortzeit_min"] == 45.5


def test_header_case_insensitive_comma_separated_bom():
    df = read_posts_bytes("\ufeffdatum,KANAL,reichweite,likes\n2026-12-01,Facebook,100,5\n".encode("utf-8"), "x.csv")
    assert df["ER_Reichweite"].tolist() == [5.0]


def test_empty_rows_skipped_and_row_numbers_in_errors():
    with pytest.raises(InputError) as exc:
        load(f"{HEAD}\n01.12.2026;09:00;Facebook;100;1;0;0;\n\n01.12.2026;09:00;Facebook;viel;1;0;0;\n")
    msg = str(exc.value)
    assert "Zeile 4" in msg and "Reichweite" in msg and "„viel“" in msg and "daten.csv" in msg


@pytest.mark.parametrize("cell, field", [
    ("-5", "Reichweite"), ("12,5", "Reichweite"), ("", "Reichweite"),
])
def test_bad_numbers(cell, field):
    with pytest.raises(InputError, match=field):
        load(f"{HEAD}\n01.12.2026;09:00;Facebook;{cell};1;0;0;\n")


def test_bad_date_and_missing_channel():
    with pytest.raises(InputError, match="Datum"):
        load(f"{HEAD}\n32.12.2026;09:00;Facebook;100;1;0;0;\n")
    with pytest.raises(InputError, match="Kanal"):
        load(f"{HEAD}\n01.12.2026;09:00;;100;1;0;0;\n")


def test_more_answered_than_comments():
    with pytest.raises(InputError, match="Kommentare_beantwortet"):
        load(f"{HEAD}\n01.12.2026;09:00;Facebook;100;1;2;3;10\n")


def test_missing_columns():
    with pytest.raises(InputError, match="Reichweite"):
        load("Datum;Kanal;Likes\n01.12.2026;Facebook;3\n")
    with pytest.raises(InputError, match="Interaktionen"):
        load("Datum;Kanal;Reichweite\n01.12.2026;Facebook;3\n")


def test_empty_and_header_only():
    with pytest.raises(InputError, match="leer"):
        load("")
    with pytest.raises(InputError, match="keine Beiträge"):
        load(HEAD + "\n")


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="nicht gefunden"):
        read_posts(tmp_path / "fehlt.csv")


def test_synthetic_flag():
    df = load("Datum;Kanal;Reichweite;Likes;synthetisch\n01.12.2026;Facebook;10;1;ja\n")
    assert df.attrs["synthetisch"] is True
    df = load("Datum;Kanal;Reichweite;Likes;synthetisch\n01.12.2026;Facebook;10;1;nein\n")
    assert df.attrs["synthetisch"] is False
    with pytest.raises(InputError, match="synthetisch"):
        load("Datum;Kanal;Reichweite;Likes;synthetisch\n01.12.2026;Facebook;10;1;vielleicht\n")


def test_xlsx(tmp_path):
    from datetime import datetime

    wb = Workbook()
    ws = wb.active
    ws.append(["Datum", "Kanal", "Reichweite", "Likes", "Follower"])
    ws.append([datetime(2026, 12, 1), "Instagram", 200, 10, 400])
    wb.save(tmp_path / "d.xlsx")
    df = read_posts(tmp_path / "d.xlsx")
    assert df["ER_Reichweite"].tolist() == [5.0] and df["ER_Follower"].tolist() == [2.5]


def test_write_and_reread_keeps_values(tmp_path):
    df = load(f"{HEAD}\n01.12.2026;09:00;Facebook;12.500;1200;30;3;45,5\n01.12.2026;;Mastodon;10;1;0;0;\n")
    path = write_posts(df, tmp_path / "out.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    again = read_posts(path)
    for col in ("Reichweite", "Interaktionen", "Kommentare_beantwortet"):
        assert again[col].tolist() == df[col].tolist()
    assert again["Antwortzeit_min"].iloc[0] == 45.5
