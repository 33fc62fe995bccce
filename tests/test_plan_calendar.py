"""Calendar view: periods, escaped user text, findings marked on the right posts, navigation."""

from __future__ import annotations

from datetime import date

from kommsocial.plan import check_plan, read_plan_bytes
from kommsocial.ui.plan_calendar import PlanCalendar, calendar_html, period

HEADER = "Datum;Uhrzeit;Kanal;Thema"
XSS = "<img src=x onerror=alert(1)><script>alert(2)</script>"


def plan_of(*rows):
    return read_plan_bytes(("\n".join([HEADER, *rows]) + "\n").encode(), "t.csv")


def test_periods():
    assert period(date(2026, 12, 2), "woche") == (date(2026, 11, 30), date(2026, 12, 6))
    # December 2026 starts on a Tuesday and ends on a Thursday.
    assert period(date(2026, 12, 15), "monat") == (date(2026, 11, 30), date(2027, 1, 3))


def test_user_text_is_escaped():
    plan = plan_of(f"02.12.2026;10:00;{XSS};{XSS}")
    html = calendar_html(plan, [], date(2026, 12, 2))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html


def test_findings_marked_on_their_post():
    plan = plan_of("02.12.2026;23:30;Facebook;Spät", "03.12.2026;10:00;Facebook;Gut")
    findings = check_plan(plan)
    html = calendar_html(plan, findings, date(2026, 12, 2))
    assert 'data-row="2" data-severity="warnung"' in html
    assert 'data-row="3" data-severity=""' in html
    assert "Nachtruhe: " in html and "nachtruhe: " not in html  # tooltip names the rule in German


def test_week_shows_only_its_posts():
    plan = plan_of("02.12.2026;10:00;Facebook;Diese Woche", "09.12.2026;10:00;Facebook;Nächste Woche")
    html = calendar_html(plan, [], date(2026, 12, 2), "woche")
    assert "Diese Woche" in html and "Nächste Woche" not in html
    assert "1 Beiträge" in html
    month = calendar_html(plan, [], date(2026, 12, 2), "monat")
    assert "Diese Woche" in month and "Nächste Woche" in month and "Dezember 2026" in month


def test_widget_navigation():
    plan = plan_of("02.12.2026;10:00;Facebook;A", "20.01.2027;10:00;Facebook;B")
    cal = PlanCalendar(plan, check_plan(plan))
    assert cal.start == date(2026, 12, 2) and "<br>A" in cal.grid.value
    cal.forward.click()
    assert cal.start == date(2026, 12, 9) and "<br>A" not in cal.grid.value
    cal.mode.value = "monat"
    cal.forward.click()
    assert cal.start == date(2027, 1, 1) and "<br>B" in cal.grid.value
    cal.back.click()
    cal.back.click()
    assert cal.start == date(2026, 11, 1)
    cal.first.click()
    assert cal.start == date(2026, 12, 2)
