"""Load test of public app hosting (issue #14): 30 visitors open the Post-Werkstatt at the same moment.

Server: what `kommsocial apps` starts (launch.apps_command), with a kernel cap above 30 so that every visitor
gets a kernel. Visitors: 30 pages in one headless Chromium, started together; each waits for the first widget,
types a sentence into the editor and waits until the preview shows it (one interaction, a round trip through
its kernel), then leaves. Bounded: one visit each, a deadline of DEADLINE seconds per visit.

Printed: errors, p50/p95 time to the first widget and to the answered interaction, peak memory of server and
kernels, kernels left after the visitors left. Baseline in the same run: one visitor alone on the same server.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_apps import (  # noqa: E402
    CHROMIUM_FLAGS,
    READY,
    app_folder,
    apps_server,
    chromium_path,
    descendants,
    rss_mb,
    wait_idle,
)

VISITORS = 30
APP = "post_werkstatt.ipynb"
TEXT = "Kommen Sie am Samstag zum Stadtfest auf den Marktplatz."
DEADLINE = 300.0
LEAVE_WAIT = 90.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def visit(browser, base: str, start_gate: asyncio.Event) -> tuple[float, float] | str:
    """One visitor; (seconds to first widget, seconds to the answered interaction) or an error text."""
    context = await browser.new_context(viewport={"width": 1280, "height": 800}, locale="de-DE")
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    await start_gate.wait()
    try:
        start = time.perf_counter()
        await page.goto(f"{base}/voila/render/{APP}", timeout=DEADLINE * 1000)
        await page.wait_for_selector(READY, state="visible", timeout=DEADLINE * 1000)
        first = time.perf_counter() - start
        editor = page.locator(".ks-post-text textarea:visible").first
        await editor.fill(TEXT, timeout=DEADLINE * 1000)
        await page.wait_for_function(
            "t => [...document.querySelectorAll('.ks-preview-text')].some(e => e.innerText.trim() === t)",
            arg=TEXT, timeout=DEADLINE * 1000)
        answered = time.perf_counter() - start
        if errors:
            return "Fehler im Browser: " + errors[0]
        return first, answered
    except Exception as exc:  # a timeout or a capped page counts as an error of this visit
        return f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
    finally:
        await context.close()


async def crowd(base: str, n: int) -> list[tuple[float, float] | str]:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_FLAGS)
        gate = asyncio.Event()
        tasks = [asyncio.create_task(visit(browser, base, gate)) for _ in range(n)]
        await asyncio.sleep(2)  # all contexts open before the visitors start together
        gate.set()
        results = await asyncio.gather(*tasks)
        await browser.close()
    return list(results)


def main() -> int:
    folder = app_folder()
    with apps_server(folder, max_kernels=VISITORS + 10) as (base, server):
        wait_idle(server)
        alone = asyncio.run(crowd(base, 1))[0]
        wait_idle(server)
        kernels_before = len(descendants(server))

        peak = [0.0]
        stop = threading.Event()

        def sample() -> None:
            while not stop.is_set():
                peak[0] = max(peak[0], rss_mb([server, *descendants(server)]))
                time.sleep(0.5)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        started = time.perf_counter()
        results = asyncio.run(crowd(base, VISITORS))
        wall = time.perf_counter() - started
        stop.set()
        sampler.join()
        deadline = time.monotonic() + LEAVE_WAIT
        while len(descendants(server)) > kernels_before and time.monotonic() < deadline:
            time.sleep(1)
        left = len(descendants(server))

    ok = [r for r in results if not isinstance(r, str)]
    errors = [r for r in results if isinstance(r, str)]
    print(f"{VISITORS} visitors at once on {APP}: {len(errors)} errors, all done in {wall:.1f} s")
    for e in sorted(set(errors))[:5]:
        print(f"  error: {e}")
    if isinstance(alone, str):
        print(f"baseline visitor failed: {alone}")
        return 1
    if ok:
        firsts, answers = [r[0] for r in ok], [r[1] for r in ok]
        p50, p95 = statistics.median(firsts), percentile(firsts, 0.95)
        print(f"baseline, one visitor alone: first widget {alone[0]:.2f} s, interaction answered {alone[1]:.2f} s")
        print(f"first widget: p50 {p50:.2f} s, p95 {p95:.2f} s (ratio to one visitor alone: "
              f"{p50 / alone[0]:.2f} / {p95 / alone[0]:.2f})")
        print(f"interaction answered: p50 {statistics.median(answers):.2f} s, p95 {percentile(answers, 0.95):.2f} s")
    print(f"peak memory of server and kernels: {peak[0]:.0f} MB")
    print(f"processes under the server {LEAVE_WAIT:.0f} s after the visitors left: {left} "
          f"(before they came: {kernels_before})")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
