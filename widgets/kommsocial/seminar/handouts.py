"""Printable material: one handout PDF per course module and the trainer guide as one PDF.

Built without network, from files in the checkout:

- a module's notebooks (course/NN_*/*.ipynb, folders read at run time) become HTML with nbconvert's
  ``basic`` template (no CDN scripts). Markdown cells are kept as they are; a code cell is never printed:
  where it holds an exercise, a short German note „Übung im Notebook: <Überschrift>“ takes its place,
  and cells that only load tools are left out;
- the trainer guide (course/trainer/*.md: README.md first, then the others, formate.md last) becomes
  HTML with markdown-it-py (CommonMark with tables);
- Playwright's Chromium prints the HTML from a local file to A4 PDF, with a print stylesheet, the title
  and „Stand“ in the header and page numbers in the footer. JavaScript is off and every request other
  than the local file is aborted and recorded (`Druckergebnis.blockiert`).
"""

from __future__ import annotations

import ast
import asyncio
import datetime as dt
import html
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
import yaml

from kommsocial import _german
from kommsocial.errors import InputError, KommSocialError

_MODULORDNER = re.compile(r"^(\d\d)_")
_UEBERSCHRIFT = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$", re.MULTILINE)
_CHROMIUM_HILFE = ("Installieren Sie Chromium mit „bash scripts/ensure-chromium“ "
                   "oder setzen Sie CHROMIUM_PATH auf eine Chromium-Datei.")

STYLE = """
@page { size: A4; margin: 22mm 18mm 20mm 18mm; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt;
       line-height: 1.45; color: #1a1a1a; margin: 0; hyphens: auto; }
h1, h2, h3, h4 { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; line-height: 1.25;
                 hyphens: manual; break-after: avoid; color: #12355b; }
h1 { font-size: 19pt; margin: 0 0 10pt; }
h2 { font-size: 14pt; margin: 16pt 0 6pt; border-bottom: 1px solid #c8d3df; padding-bottom: 2pt; }
h3 { font-size: 12pt; margin: 12pt 0 4pt; }
h4 { font-size: 10.5pt; margin: 10pt 0 4pt; }
p, li { orphans: 3; widows: 3; }
ul, ol { padding-left: 18pt; }
a { color: #12355b; text-decoration: none; }
code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 9pt; }
pre { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 8.5pt; white-space: pre-wrap;
      word-break: break-word; background: #f3f5f7; border: 1px solid #dde3e8; padding: 5pt 7pt;
      break-inside: avoid; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0 10pt; font-size: 9.5pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 1px solid #9aa7b4; padding: 3pt 5pt; text-align: left; vertical-align: top; }
th { background: #e8eef4; }
blockquote { margin: 6pt 0; padding: 2pt 10pt; border-left: 3px solid #c8d3df; color: #333; }
details > summary { font-weight: bold; }
.ks-titel { border-bottom: 2px solid #12355b; margin-bottom: 14pt; padding-bottom: 6pt; }
.ks-titel .ks-unterzeile { color: #444; font-size: 10pt; }
.ks-teil { break-before: page; }
.ks-teil:first-of-type { break-before: auto; }
.ks-quelle { color: #555; font-size: 8.5pt; margin: 0 0 4pt; }
.ks-uebung { border-left: 4px solid #2a6ebb; background: #eef4fb; padding: 5pt 9pt; margin: 8pt 0;
             break-inside: avoid; }
.ks-uebung .ks-datei { color: #555; font-size: 8.5pt; }
"""


@dataclass(frozen=True)
class Modul:
    """A course module folder with its notebooks."""

    nummer: str
    ordner: Path
    titel: str
    notebooks: tuple[Path, ...]

    @property
    def dateiname(self) -> str:
        return f"modul_{self.ordner.name}.pdf"

    @property
    def anzeige(self) -> str:
        return f"Modul {self.nummer} · {self.titel}"


@dataclass
class Druckergebnis:
    """One PDF written, with every request Chromium wanted to make outside the local file (all aborted)."""

    pfad: Path
    titel: str
    blockiert: list[str] = field(default_factory=list)


# --- course material ---------------------------------------------------------------------------------


def _titel_aus_formate(course: Path) -> dict[str, str]:
    """Module titles from course/trainer/formate.yaml (`module: [{ordner, titel}]`), if readable."""
    pfad = course / "trainer" / "formate.yaml"
    try:
        daten = yaml.safe_load(pfad.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    titel: dict[str, str] = {}
    for eintrag in (daten or {}).get("module") or []:
        if isinstance(eintrag, dict) and eintrag.get("ordner") and eintrag.get("titel"):
            titel[str(eintrag["ordner"]).rstrip("/").split("/")[-1]] = str(eintrag["titel"])
    return titel


def module(course: Path | None = None) -> list[Modul]:
    """All module folders course/NN_* that hold notebooks, in order."""
    from kommsocial import paths

    course = Path(course) if course is not None else paths.course_dir()
    titel = _titel_aus_formate(course)
    gefunden = []
    for ordner in sorted(p for p in course.iterdir() if p.is_dir()):
        treffer = _MODULORDNER.match(ordner.name)
        notebooks = tuple(sorted(ordner.glob("*.ipynb")))
        if not treffer or not notebooks:
            continue
        name = titel.get(ordner.name) or ordner.name[3:].replace("_", " ").capitalize()
        gefunden.append(Modul(treffer.group(1), ordner, name, notebooks))
    return gefunden


def waehle_module(alle: list[Modul], auswahl: Iterable[str]) -> list[Modul]:
    """The modules named by number („05“, „5“) or folder name („05_recht“); German error if one is unknown."""
    gewaehlt: list[Modul] = []
    for wunsch in auswahl:
        w = wunsch.strip().rstrip("/").split("/")[-1]
        passend = [m for m in alle if w in (m.nummer, m.ordner.name) or (w.isdigit() and int(w) == int(m.nummer))]
        if not passend:
            raise InputError(f"Das Modul „{wunsch}“ gibt es nicht.",
                             hint="Vorhanden: " + ", ".join(m.nummer for m in alle) + ".")
        gewaehlt.extend(m for m in passend if m not in gewaehlt)
    return gewaehlt


def _klartext(markdown: str) -> str:
    """A heading without Markdown marks: links become their text, emphasis and code marks go."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return re.sub(r"[*_`]+", "", text).strip()


def ueberschriften(nb: Any) -> list[str]:
    """The headings of a notebook's Markdown cells, as plain text, in order."""
    return [_klartext(m.group(2)) for c in nb.cells if c.cell_type == "markdown"
            for m in _UEBERSCHRIFT.finditer(c.source)]


def _nur_werkzeuge(source: str) -> bool:
    """A cell that only loads tools or defines helpers: nothing for participants to do there."""
    erste = next((z.strip() for z in source.splitlines() if z.strip()), "")
    if erste.startswith("#") and erste.lstrip("# ").startswith("Werkzeuge"):
        return True
    try:
        baum = ast.parse(source)
    except SyntaxError:
        return False
    erlaubt = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    return bool(baum.body) and all(isinstance(s, erlaubt) for s in baum.body)


def _uebungstitel(ueberschrift: str) -> str:
    """„7. Übung: Wo finde ich was?“ → „Wo finde ich was?“ (the note says „Übung“ already)."""
    titel = re.sub(r"^\d+(\.\d+)*\.?\s+", "", ueberschrift)
    titel = re.sub(r"^Übung(\s+\d+)?\s*[:–-]\s*", "", titel)
    return titel or ueberschrift


def _hinweis_zelle(ueberschrift: str, datei: str) -> Any:
    text = (f'<div class="ks-uebung"><strong>Übung im Notebook:</strong> {html.escape(_uebungstitel(ueberschrift))}'
            f'<br><span class="ks-datei">interaktiv in JupyterLab, Datei {html.escape(datei)}</span></div>')
    return nbformat.v4.new_markdown_cell(text)


def handout_notebook(nb: Any, datei: str) -> Any:
    """A copy of the notebook for print: Markdown cells only, a note where an exercise is.

    Code and raw cells are never copied. Consecutive code cells under one heading give one note;
    cells that only load tools give none. `datei` is shown in the note (e.g. „05_recht/04_urheberrecht.ipynb“).
    """
    neu = nbformat.v4.new_notebook(metadata={"language_info": {"name": "python"}})
    ueberschrift = ""
    ebene = 0
    hinweis_fuer: str | None = None
    for zelle in nb.cells:
        if zelle.cell_type == "markdown":
            neu.cells.append(nbformat.v4.new_markdown_cell(zelle.source))
            for m in _UEBERSCHRIFT.finditer(zelle.source):
                ueberschrift, ebene = _klartext(m.group(2)), len(m.group(1))
        elif zelle.cell_type == "code" and zelle.source.strip():
            if _nur_werkzeuge(zelle.source) or hinweis_fuer == ueberschrift:
                continue
            if ebene == 1 or ueberschrift == "Lernziele":
                continue  # a cell of the introduction loads tools or shows the legal note
            neu.cells.append(_hinweis_zelle(ueberschrift or "dieses Notebook", datei))
            hinweis_fuer = ueberschrift
    return neu


# --- HTML ----------------------------------------------------------------------------------------------


def _seite(titel: str, kopf: str, inhalt: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="de"><head><meta charset="utf-8">'
            f"<title>{html.escape(titel)}</title><style>{STYLE}</style></head>\n"
            f"<body>{kopf}\n{inhalt}\n</body></html>\n")


def _ohne_skripte(fragment: str) -> str:
    """Belt and braces: no <script> reaches the page, and <details> are printed open."""
    fragment = re.sub(r"<script\b.*?</script\s*>", "", fragment, flags=re.DOTALL | re.IGNORECASE)
    return re.sub(r"<details(?![^>]*\bopen\b)", "<details open", fragment, flags=re.IGNORECASE)


def _titelblock(titel: str, unterzeile: str) -> str:
    return (f'<header class="ks-titel"><h1>{html.escape(titel)}</h1>'
            f'<div class="ks-unterzeile">{html.escape(unterzeile)}</div></header>')


def modul_html(modul: Modul, stand: str) -> str:
    """The handout of one module as a standalone HTML page (no scripts, no external resources)."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="basic", exclude_anchor_links=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    teile = []
    for pfad in modul.notebooks:
        datei = f"{modul.ordner.name}/{pfad.name}"
        body, _ = exporter.from_notebook_node(handout_notebook(nbformat.read(pfad, as_version=4), datei))
        teile.append(f'<section class="ks-teil"><p class="ks-quelle">Notebook {html.escape(datei)}</p>'
                     f"{_ohne_skripte(body)}</section>")
    kopf = _titelblock(modul.anzeige, f"Handout für Teilnehmende · KommSocial · Stand {stand}")
    return _seite(f"{modul.anzeige} – Handout", kopf, "\n".join(teile))


def leitfaden_dateien(trainer: Path) -> list[Path]:
    """README.md first, then the other Markdown files by name, formate.md (the generated plans) last."""
    alle = sorted(p for p in trainer.glob("*.md") if p.is_file())
    vorne = [p for p in alle if p.name == "README.md"]
    hinten = [p for p in alle if p.name == "formate.md"]
    return vorne + [p for p in alle if p not in vorne and p not in hinten] + hinten


def _slug(text: str) -> str:
    """GitHub's heading anchors: lower case, punctuation removed, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def leitfaden_html(trainer: Path, stand: str) -> str:
    """The trainer guide as one HTML page; links between its files become links inside the page."""
    from markdown_it import MarkdownIt

    dateien = leitfaden_dateien(trainer)
    if not dateien:
        raise InputError("Im Ordner liegen keine Markdown-Dateien für den Leitfaden.", file=str(trainer))
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    namen = {p.name for p in dateien}
    vergeben: set[str] = set()
    teile = []
    for pfad in dateien:
        tokens = md.parse(pfad.read_text(encoding="utf-8"))
        for i, tok in enumerate(tokens):
            if tok.type == "heading_open":
                basis = _slug(tokens[i + 1].content)
                anker, n = basis, 0
                while anker in vergeben:
                    n += 1
                    anker = f"{basis}-{n}"
                vergeben.add(anker)
                tok.attrSet("id", anker)
            for kind in tok.children or []:
                if kind.type != "link_open":
                    continue
                ziel = str(kind.attrGet("href") or "")
                datei, _, anker = ziel.partition("#")
                if re.match(r"^[a-z][a-z0-9+.-]*:", ziel) or not datei:
                    continue  # web address, mail or an anchor on the page
                if datei in namen:
                    kind.attrSet("href", "#" + (anker or "datei-" + _slug(Path(datei).stem)))
                else:
                    del kind.attrs["href"]  # a file of the repository: printed as text only
        teile.append(f'<section class="ks-teil" id="datei-{_slug(pfad.stem)}">'
                     f'<p class="ks-quelle">course/trainer/{html.escape(pfad.name)}</p>'
                     f"{_ohne_skripte(md.renderer.render(tokens, md.options, {}))}</section>")
    kopf = _titelblock("Leitfaden für Seminarleitungen", f"KommSocial · Stand {stand}")
    return _seite("Leitfaden für Seminarleitungen", kopf, "\n".join(teile))


def stand(dateien: Iterable[Path], heute: dt.date | None = None) -> str:
    """„TT.MM.JJJJ“: date of the last commit of these files, or today if they have uncommitted changes."""
    heute = heute or dt.date.today()
    liste = [str(p) for p in dateien]
    if not liste:
        return _german.datum(heute)
    wo = Path(liste[0]).parent
    try:
        geaendert = subprocess.run(["git", "-C", str(wo), "status", "--porcelain", "--", *liste],
                                   capture_output=True, text=True, timeout=30, check=True).stdout.strip()
        datum = subprocess.run(["git", "-C", str(wo), "log", "-1", "--format=%cs", "--", *liste],
                               capture_output=True, text=True, timeout=30, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return _german.datum(heute)
    if geaendert or not datum:
        return _german.datum(heute)
    return _german.datum(dt.date.fromisoformat(datum))


# --- PDF -----------------------------------------------------------------------------------------------


def chromium_pfad() -> str:
    """Debian's Chromium (or CHROMIUM_PATH); German error naming the fix if there is none."""
    env = os.environ.get("CHROMIUM_PATH")
    if env:
        if Path(env).is_file() and os.access(env, os.X_OK):
            return env
        raise KommSocialError(f"CHROMIUM_PATH zeigt auf „{env}“, dort liegt aber kein ausführbares Chromium. "
                              + _CHROMIUM_HILFE)
    for kandidat in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if kandidat and Path(kandidat).is_file():
            return kandidat
    raise KommSocialError("Für die PDF-Dateien wird Chromium gebraucht, es wurde aber nicht gefunden. "
                          + _CHROMIUM_HILFE)


def _vorlage(links: str, rechts: str) -> str:
    stil = ("width:100%; margin:0 18mm; font-family:'DejaVu Sans',Arial,sans-serif; font-size:7.5pt; "
            "color:#555; display:flex; justify-content:space-between;")
    return f'<div style="{stil}"><span>{html.escape(links)}</span><span>{rechts}</span></div>'


CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


@contextmanager
def drucker(executable: str | None = None) -> Iterator[Callable[..., Druckergebnis]]:
    """Start Chromium once; yields `drucke(html_text, ziel, titel, stand)` that writes one A4 PDF."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import Route, sync_playwright
    except ImportError as exc:
        raise KommSocialError("Für die PDF-Dateien wird Playwright gebraucht. "
                              "Installieren Sie es mit „pip install -e '.[handouts]'“.") from exc
    executable = executable or chromium_pfad()
    with sync_playwright() as pw, tempfile.TemporaryDirectory(prefix="kommsocial-handout-") as tmp:
        try:
            browser = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
        except PlaywrightError as exc:
            raise KommSocialError(f"Chromium ließ sich nicht starten ({executable}). " + _CHROMIUM_HILFE) from exc
        context = browser.new_context(java_script_enabled=False, offline=True, locale="de-DE")
        try:
            def drucke(seite_html: str, ziel: Path, titel: str, stand_text: str) -> Druckergebnis:
                quelle = Path(tmp) / (ziel.stem + ".html")
                quelle.write_text(seite_html, encoding="utf-8")
                erlaubt = quelle.resolve().as_uri()
                ergebnis = Druckergebnis(ziel, titel)

                def route(r: Route) -> None:
                    if r.request.url.split("#")[0] == erlaubt:
                        r.continue_()
                    else:
                        ergebnis.blockiert.append(r.request.url)
                        r.abort("blockedbyclient")

                page = context.new_page()
                try:
                    page.route("**/*", route)
                    page.goto(erlaubt, wait_until="load")
                    ziel.parent.mkdir(parents=True, exist_ok=True)
                    page.pdf(path=str(ziel), format="A4", print_background=True, display_header_footer=True,
                             header_template=_vorlage(titel, html.escape(_german.stand(stand_text))),
                             footer_template=_vorlage("KommSocial", 'Seite <span class="pageNumber"></span> von '
                                                      '<span class="totalPages"></span>'),
                             margin={"top": "22mm", "bottom": "20mm", "left": "18mm", "right": "18mm"})
                finally:
                    page.close()
                return ergebnis

            yield drucke
        finally:
            context.close()
            browser.close()


LEITFADEN_PDF = "leitfaden_seminarleitung.pdf"


def baue(ausgabe: Path, *, module_auswahl: list[Modul] | None, leitfaden: bool, course: Path | None = None,
         melde: Callable[[str], None] = lambda _text: None, executable: str | None = None) -> list[Druckergebnis]:
    """Write the handouts of the chosen modules (None: all) and, if asked, the trainer guide to `ausgabe`."""
    args = (ausgabe, module_auswahl, leitfaden, course, melde, executable)
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _baue(*args)
    # Playwright's sync API refuses a thread whose event loop runs (a notebook cell, a test worker with a
    # browser open): print from a thread of its own.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_baue, *args).result()


def _baue(ausgabe: Path, module_auswahl: list[Modul] | None, leitfaden: bool, course: Path | None,
          melde: Callable[[str], None], executable: str | None) -> list[Druckergebnis]:
    from kommsocial import paths

    course = Path(course) if course is not None else paths.course_dir()
    gewaehlt = module(course) if module_auswahl is None else module_auswahl
    trainer = course / "trainer"
    if leitfaden and not leitfaden_dateien(trainer):
        raise InputError("Für den Leitfaden fehlen die Markdown-Dateien.", file=str(trainer))
    ausgabe = Path(ausgabe)
    ergebnisse = []
    with drucker(executable) as drucke:
        for m in gewaehlt:
            start = time.monotonic()
            datum = stand(m.notebooks)
            e = drucke(modul_html(m, datum), ausgabe / m.dateiname, f"{m.anzeige} – Handout", datum)
            ergebnisse.append(e)
            melde(f"{m.anzeige}: {e.pfad} ({_kb(e.pfad)} KB, {time.monotonic() - start:.1f} s)")
        if leitfaden:
            start = time.monotonic()
            datum = stand(leitfaden_dateien(trainer))
            e = drucke(leitfaden_html(trainer, datum), ausgabe / LEITFADEN_PDF, "Leitfaden für Seminarleitungen",
                       datum)
            ergebnisse.append(e)
            melde(f"Leitfaden: {e.pfad} ({_kb(e.pfad)} KB, {time.monotonic() - start:.1f} s)")
    return ergebnisse


def _kb(pfad: Path) -> int:
    return max(1, round(pfad.stat().st_size / 1024))
