"""KPIs on a small hand-computed dataset (tests/data/analytics/klein.csv), both engagement definitions.

Hand computation (Interaktionen = Likes + Kommentare + Geteilt + Gespeichert):
  row 2 Instagram: I=100, reach 2000, followers 1000
  row 3 Instagram: I=25,  reach 500,  followers 1000
  row 4 Facebook:  I=40,  reach 1000, followers 4000
  row 5 Facebook:  I=60,  reach 3000, followers 4000
  total: I=225, reach 6500 -> 3.46 %; followers 10000 -> 2.25 %
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kommsocial.analytics import analyze, explain_difference, group_kpis, read_posts, total_kpis
from kommsocial.errors import InputError

DATA = Path(__file__).parent / "data" / "analytics" / "klein.csv"


@pytest.fixture(scope="module")
def df():
    return read_posts(DATA)


def test_per_post_columns(df):
    assert df["Interaktionen"].tolist() == [100, 25, 40, 60]
    assert df["ER_Reichweite"].round(4).tolist() == [5.0, 5.0, 4.0, 2.0]
    assert df["ER_Follower"].round(4).tolist() == [10.0, 2.5, 1.0, 1.5]
    assert [str(w) for w in df["Wochentag"]] == ["Dienstag", "Mittwoch", "Samstag", "Sonntag"]


def test_totals_both_definitions(df):
    k = total_kpis(df)
    assert k["beitraege"] == 4 and k["reichweite"] == 6500 and k["interaktionen"] == 225
    assert k["er_reichweite"] == 3.46
    assert k["er_follower"] == 2.25
    assert k["kommentare"] == 25 and k["beantwortet"] == 14 and k["antwortquote"] == 56.0
    assert k["antwortzeit_median_min"] == 90.0
    assert k["reichweite_je_beitrag"] == 1625.0


def test_by_channel(df):
    t = group_kpis(df, "Kanal").set_index("Kanal")
    assert t.loc["Instagram", "er_reichweite"] == 5.0 and t.loc["Instagram", "er_follower"] == 6.25
    assert t.loc["Facebook", "er_reichweite"] == 2.5 and t.loc["Facebook", "er_follower"] == 1.25
    assert t.loc["Instagram", "antwortquote"] == 71.43 and t.loc["Facebook", "antwortquote"] == 36.36
    assert t.loc["Instagram", "antwortzeit_median_min"] == 60.0


def test_by_format_topic_weekday_hour(df):
    by_format = group_kpis(df, "Format").set_index("Format")["interaktionen"].to_dict()
    assert by_format == {"Bild": 65, "Reel": 100, "Text": 60}
    assert group_kpis(df, "Thema").set_index("Thema")["beitraege"].to_dict() == {"Service": 3, "Veranstaltung": 1}
    days = group_kpis(df, "Wochentag")
    assert days["Wochentag"].tolist() == ["Dienstag", "Mittwoch", "Samstag", "Sonntag"]
    hours = group_kpis(df, "Stunde")
    assert hours["Stunde"].tolist() == [9, 10, 18], "posts without time are left out of the hour view"


def test_explain_difference_direction(df):
    t = group_kpis(df, "Kanal").set_index("Kanal")
    assert "über" in explain_difference(t.loc["Instagram"].to_dict())
    assert "unter" in explain_difference(t.loc["Facebook"].to_dict())
    assert "fehlen" in explain_difference({"er_reichweite": 1.0, "er_follower": None})


def test_report_to_dict_is_json_ready(df):
    import json

    d = analyze(df).to_dict()
    assert set(d["nach"]) == {"Kanal", "Format", "Thema", "Wochentag", "Stunde"}
    assert d["gesamt"]["er_follower"] == 2.25 and d["synthetisch"] is False
    assert "Reichweite" in d["definitionen"]["er_reichweite"] and "Follower" in d["definitionen"]["er_follower"]
    json.dumps(d)  # no numpy types or NaN left


def test_interactions_column_instead_of_components(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("Datum,Kanal,Reichweite,Interaktionen,Follower\n2026-12-01,Mastodon,400,10,0\n", encoding="utf-8")
    k = total_kpis(read_posts(path))
    assert k["er_reichweite"] == 2.5
    assert k["er_follower"] is None, "followers 0 cannot be a denominator"
    assert "kommentare" not in k


def test_zero_reach_gives_no_rate(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("Datum;Kanal;Reichweite;Likes\n01.12.2026;Facebook;0;0\n", encoding="utf-8")
    assert total_kpis(read_posts(path))["er_reichweite"] is None


def test_group_by_missing_column(df):
    with pytest.raises(InputError, match="Spalte fehlt"):
        group_kpis(df.drop(columns="Thema"), "Thema")
