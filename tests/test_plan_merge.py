"""Merging the plans of several municipalities shows overlaps (same day + channel or topic)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kommsocial.errors import InputError
from kommsocial.plan import read_plan_bytes
from kommsocial.plan.merge import merge_files, merge_plans

DATA = Path(__file__).parent / "data" / "plan"


def test_merge_sample_files():
    result = merge_files([DATA / "musterstadt.csv", DATA / "nachbarort.csv"])
    plan = result.plan
    assert len(plan.posts) == 7
    assert plan.headers()[0] == "Kommune"
    assert [p.row for p in plan.posts] == list(range(2, 9))
    assert [p.datum for p in plan.posts] == sorted(p.datum for p in plan.posts)
    got = {(o.datum, o.kind, o.value.lower(), tuple(o.municipalities)) for o in result.overlaps}
    assert got == {
        (date(2027, 3, 2), "Kanal", "instagram", ("musterstadt", "nachbarort")),
        (date(2027, 3, 3), "Thema", "baustelle hauptstraße", ("musterstadt", "nachbarort")),
    }


def test_overlap_names_source_rows():
    result = merge_files([DATA / "musterstadt.csv", DATA / "nachbarort.csv"])
    insta = next(o for o in result.overlaps if o.kind == "Kanal")
    assert "musterstadt (Zeile 2)" in insta.message() and "nachbarort (Zeile 2)" in insta.message()
    f = insta.to_finding()
    assert f.rule == "ueberschneidung" and f.severity == "hinweis"


def test_same_municipality_no_overlap():
    head = "Datum;Kanal;Thema\n"
    a = read_plan_bytes((head + "01.12.2026;Facebook;x\n01.12.2026;Facebook;y\n").encode(), "a.csv")
    b = read_plan_bytes((head + "02.12.2026;Facebook;x\n").encode(), "b.csv")
    assert merge_plans([("A", a), ("B", b)]).overlaps == []


def test_merge_needs_two_plans_and_distinct_names(tmp_path):
    with pytest.raises(InputError, match="mindestens zwei"):
        merge_files([DATA / "musterstadt.csv"])
    other = tmp_path / "musterstadt.csv"
    other.write_bytes((DATA / "nachbarort.csv").read_bytes())
    with pytest.raises(InputError, match="denselben Namen"):
        merge_files([DATA / "musterstadt.csv", other])


def test_merged_problems_name_the_municipality():
    head = "Datum;Kanal;Thema\n"
    a = read_plan_bytes((head + "xx;Facebook;x\n").encode(), "a.csv")
    b = read_plan_bytes((head + "02.12.2026;Facebook;x\n").encode(), "b.csv")
    result = merge_plans([("Adorf", a), ("Bdorf", b)])
    assert result.plan.problems[0].message.startswith("Adorf: ")
