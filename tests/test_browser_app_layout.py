"""Every Voilà app at 1280 × 800 in real Chromium, as `kommsocial apps` serves it: no horizontal scrollbar,
no text cut off by its box (tab titles included), no button text broken onto two lines, no heading twice,
no file count on an upload button and no English or internal word on the page. Each tab is visited (the
crisis simulator also up to its debrief); a screenshot per app and state lands in pytest's tmp_path."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, open_app
from kommsocial.crisis.actions import ACTION_LABELS

APPS = sorted(p.name for p in (ROOT / "course" / "apps").glob("*.ipynb"))
VIEWPORT = {"width": 1280, "height": 800}
# Shown once the app has drawn its widgets (the last or deepest part of each app).
READY = {
    "ki_pruefung.ipynb": 'button:has-text("Fassung prüfen")',
    "kommentar_triage.ipynb": 'button:has-text("Entscheidung prüfen")',
    "krisen_simulator.ipynb": ".ks-szenario-info",
    "post_werkstatt.ipynb": ".ks-werkstatt-tabs .ks-preview",
    "recht_navigator.ipynb": ".lm-TabBar-tab >> text=Quiz",
    "redaktionsplan.ipynb": ".ks-findings",
    "strategie.ipynb": ".ks-dienstanweisung .ks-download",
    "wirkung.ipynb": ".ks-kpis",
}
# Words a German page must not show: English interface words (whole words, any case) …
ENGLISH = ["Upload", "Seed", "Submit", "Loading", "Error", "True", "False", "None", "NaN", "undefined"]
# … and internal ids (whole words, exactly so written): rule ids of the plan check, the crisis actions.
INTERNAL = ["luecke", "ueberlast", *ACTION_LABELS]

# Returns the problems on the page as it is now (an empty list when there are none).
PROBLEMS_JS = r"""
(words) => {
  const problems = [];
  const label = el => {
    const cls = typeof el.className === 'string' ? el.className.trim().split(/\s+/).filter(c => c) : [];
    return [el.tagName.toLowerCase(), ...cls.slice(0, 3)].join('.');
  };
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const textOf = el => (el.innerText || el.value || '').trim().replace(/\s+/g, ' ').slice(0, 70);
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) {
    problems.push(`the page is wider than the window: ${root.scrollWidth} > ${root.clientWidth}`);
  }
  for (const el of document.body.querySelectorAll('*')) {
    const wide = el.scrollWidth > el.clientWidth + 1;
    const tall = el.scrollHeight > el.clientHeight + 1;
    if (!(wide || tall) || !shown(el)) continue;
    const style = getComputedStyle(el);
    const text = textOf(el);
    const clips = value => value === 'hidden' || value === 'clip';
    if (wide && ['auto', 'scroll'].includes(style.overflowX)) {
      problems.push(`horizontal scrollbar on ${label(el)} (${el.scrollWidth} > ${el.clientWidth} px): ${text}`);
    } else if (wide && text && (clips(style.overflowX) || style.textOverflow === 'ellipsis')) {
      problems.push(`text cut off in ${label(el)} (${el.scrollWidth} > ${el.clientWidth} px wide): ${text}`);
    } else if (tall && text && clips(style.overflowY)) {
      problems.push(`text cut off in ${label(el)} (${el.scrollHeight} > ${el.clientHeight} px high): ${text}`);
    }
  }
  for (const button of document.querySelectorAll('button')) {
    if (!shown(button) || !textOf(button)) continue;
    // Lines of the button's text (its icon is no text): rectangles whose tops lie apart by half a line.
    const rects = [];
    const walker = document.createTreeWalker(button, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.data.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      rects.push(...[...range.getClientRects()].filter(r => r.width > 0));
    }
    rects.sort((a, b) => a.top - b.top);
    const lines = rects.filter((r, i) => i === 0 || r.top - rects[i - 1].top > r.height / 2).length;
    if (lines > 1) problems.push(`button text on ${lines} lines: ${textOf(button)}`);
  }
  const headings = new Map();
  for (const h of document.querySelectorAll('h1, h2, h3, h4')) {
    if (!shown(h) || !textOf(h)) continue;
    headings.set(textOf(h), (headings.get(textOf(h)) || 0) + 1);
  }
  for (const [text, n] of headings) if (n > 1) problems.push(`heading ${n} times: ${text}`);
  for (const button of document.querySelectorAll('button.widget-upload')) {
    if (shown(button) && /\(\d+\)\s*$/.test(button.innerText)) {
      problems.push(`upload button with ipywidgets' file count: ${textOf(button)}`);
    }
  }
  const texts = [document.body.innerText];
  for (const el of document.body.querySelectorAll('[placeholder], [title], [aria-label]')) {
    if (shown(el)) texts.push(...['placeholder', 'title', 'aria-label'].map(a => el.getAttribute(a) || ''));
  }
  const all = texts.join('\n');
  for (const [list, flags] of [[words.english, 'giu'], [words.internal, 'gu']]) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}_./-])(?:${list.join('|')})(?![\\p{L}\\p{N}_/-])`, flags);
    for (const m of all.matchAll(re)) {
      const around = all.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40).replace(/\s+/g, ' ');
      problems.push(`word „${m[0]}“ on the page: …${around}…`);
    }
  }
  return problems;
}
"""
WORDS = {"english": ENGLISH, "internal": INTERNAL}


def assert_clean(page, shots: Path, name: str) -> None:
    """Wait until the page shows none of the problems (it may still be drawing), else fail with the list;
    save a screenshot of the state either way."""
    try:
        page.wait_for_function(f"words => ({PROBLEMS_JS})(words).length === 0", arg=WORDS, timeout=20_000)
    except Exception:
        page.screenshot(path=str(shots / f"{name}.png"))
        problems = page.evaluate(PROBLEMS_JS, WORDS)
        if problems:
            pytest.fail(f"{name}:\n" + "\n".join(problems))
        raise
    page.screenshot(path=str(shots / f"{name}.png"))


def visit_tabs(page, shots: Path, name: str) -> None:
    """Open every visible tab once (tabs inside tabs too, as they appear) and check the page each time."""
    tabs = page.locator(".lm-TabBar-tab")
    seen = 0
    while seen < tabs.count():
        tab = tabs.nth(seen)
        seen += 1
        if not tab.is_visible():
            continue
        title = tab.inner_text().strip()
        tab.click()
        page.wait_for_function("t => t.classList.contains('lm-mod-current')", arg=tab.element_handle())
        assert_clean(page, shots, f"{name}-{seen:02d}-{re.sub(r'[^A-Za-z0-9]+', '_', title)}")


def play_crisis(page) -> None:
    """A short solo exercise up to the debrief: feed, own post, moderation and the debrief's lists."""
    page.get_by_role("tab", name="Allein üben").click()  # visit_tabs left the last tab open
    page.locator(".ks-solo-vorbereiten").click()
    page.locator(".ks-krise-teilnahme").wait_for()
    for _ in range(3):
        count = page.locator(".ks-feed .ks-card[data-id]").count()
        page.locator(".ks-plus5").click()
        page.wait_for_function("n => document.querySelectorAll('.ks-feed .ks-card[data-id]').length > n",
                               arg=count)
    page.locator(".ks-crisis-text textarea").fill(
        "Bitte meiden Sie den Bereich um die Einsatzstelle. Wir informieren Sie hier, sobald es Neues gibt.")
    page.locator(".ks-compose .ks-ampel").wait_for()
    page.locator(".ks-senden").click()
    page.locator(".ks-own-post").first.wait_for()
    page.get_by_role("button", name="Ausblenden").first.click()
    page.locator(".ks-card-mod").first.wait_for()
    page.locator(".ks-ende").click()
    page.locator(".ks-gesamt").wait_for(timeout=60_000)
    page.locator(".ks-eigene-zeitleiste li").first.wait_for()


@pytest.mark.browser
@pytest.mark.parametrize("app", APPS)
def test_app_has_no_rough_edges(browser, voila_apps_url, app, tmp_path):
    context = browser.new_context(viewport=VIEWPORT, locale="de-DE")
    page = context.new_page()
    name = app.removesuffix(".ipynb")
    try:
        open_app(page, voila_apps_url, app, ready_selector=READY[app])
        assert_clean(page, tmp_path, f"{name}-00-start")
        visit_tabs(page, tmp_path, name)
        if app == "krisen_simulator.ipynb":
            play_crisis(page)
            assert_clean(page, tmp_path, f"{name}-50-nachbesprechung")
        # The whole page at 1280 px width, for a look by eye.
        height = page.evaluate("document.getElementById('rendered_cells').scrollHeight")
        page.set_viewport_size({"width": VIEWPORT["width"], "height": min(height, 8000)})
        page.screenshot(path=str(tmp_path / f"{name}-99-ganz.png"))
    finally:
        context.close()


@pytest.mark.browser
def test_strategie_preview_stays_beside_the_long_form(browser, voila_apps_url, tmp_path):
    """Deep down the Dienstanweisung form the preview column is still in view, right of the form."""
    context = browser.new_context(viewport=VIEWPORT, locale="de-DE")
    page = context.new_page()
    try:
        open_app(page, voila_apps_url, "strategie.ipynb", ready_selector=READY["strategie.ipynb"])
        page.evaluate("""() => {
            const form = document.querySelector('.ks-vorschau-spalte').previousElementSibling;
            document.getElementById('rendered_cells').scrollTop += form.getBoundingClientRect().top + 1500;
        }""")
        page.wait_for_function("""() => {
            const column = document.querySelector('.ks-vorschau-spalte').getBoundingClientRect();
            const form = document.querySelector('.ks-vorschau-spalte').previousElementSibling.getBoundingClientRect();
            return form.top < -1000 && form.bottom > window.innerHeight && column.top >= 0 && column.top < 40
                && column.bottom <= window.innerHeight && column.left >= form.right - 1;
        }""")
        page.screenshot(path=str(tmp_path / "strategie-vorschau-beim-scrollen.png"))
    finally:
        context.close()

def test_every_app_is_checked():
    assert len(APPS) == 8 and set(APPS) == set(READY)
