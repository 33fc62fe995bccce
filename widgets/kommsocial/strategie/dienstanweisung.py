"""Dienstanweisung builder: choose an option per section, get a German draft as Markdown and HTML.

The template (`dienstanweisung.yaml`) holds sections, options and sources. The draft
always starts with the note "Entwurf – bitte mit Personalrat, Datenschutz und Rechtsamt
abstimmen" and ends with the sources of every chosen option.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from kommsocial import _german
from kommsocial._data import line_of, load_model, package_file, read_yaml
from kommsocial._io import atomic_write
from kommsocial.errors import InputError
from kommsocial.strategie.dokument import Block, parse_text, to_html_fragment, to_html_page, to_markdown
from kommsocial.strategie.schema import Vorlage

DEFAULT_KOMMUNE = "Stadt Musterstadt"
DEFAULT_STELLE = "Pressestelle"
DISCLAIMER = _german.DISCLAIMER
# Upper bound for the two free-text fields: they go into headings and sentences.
_MAX_NAME = 120

Auswahl = dict[str, list[str]]


def template_path() -> Path:
    """The shipped template file."""
    return package_file("kommsocial.strategie", "dienstanweisung.yaml")


def load_vorlage(path: str | Path | None = None) -> Vorlage:
    """Load and validate a template (the shipped one by default).

    Raises:
        InputError: naming file, line and field of the first problem.
    """
    if path is None:
        return _shipped()
    return load_model(Vorlage, path)


@lru_cache(maxsize=1)
def _shipped() -> Vorlage:
    return load_model(Vorlage, template_path())


def default_auswahl(vorlage: Vorlage) -> Auswahl:
    """The template's default option(s) for every section."""
    return {a.id: list(a.standard) for a in vorlage.abschnitte}


def check_auswahl(vorlage: Vorlage, auswahl: Mapping[str, Sequence[str] | str | None]) -> Auswahl:
    """Normalise a choice (str → [str], None → []) and check it against the template.

    Sections missing from `auswahl` get their defaults.

    Raises:
        InputError: unknown section or option, a mandatory section left out, several options where one is allowed.
    """
    known = {a.id for a in vorlage.abschnitte}
    for sid in auswahl:
        if sid not in known:
            raise InputError(f"Einen Abschnitt „{sid}“ gibt es in der Vorlage nicht.", field=str(sid),
                             hint="Abschnitte: " + ", ".join(a.id for a in vorlage.abschnitte))
    clean: Auswahl = {}
    for a in vorlage.abschnitte:
        if a.id not in auswahl:
            clean[a.id] = list(a.standard)
            continue
        raw = auswahl[a.id]
        chosen = [] if raw is None else [raw] if isinstance(raw, str) else list(raw)
        ids = [o.id for o in a.optionen]
        for oid in chosen:
            if oid not in ids:
                raise InputError(f"Im Abschnitt „{a.titel}“ gibt es die Option „{oid}“ nicht.", field=a.id,
                                 hint="Möglich: " + ", ".join(ids))
        if not chosen and a.pflicht:
            raise InputError(f"Der Abschnitt „{a.titel}“ ist Pflicht und kann nicht weggelassen werden.",
                             field=a.id, hint="Wählen Sie eine der Optionen: " + ", ".join(ids))
        if len(chosen) > 1 and not a.mehrfach:
            raise InputError(f"Im Abschnitt „{a.titel}“ ist nur eine Option möglich.", field=a.id,
                             hint="Wählen Sie eine von: " + ", ".join(ids))
        clean[a.id] = list(dict.fromkeys(chosen))
    return clean


def _clean_name(value: str, what: str, key: str) -> str:
    # One line only: a newline in a name could otherwise start a new Markdown block.
    value = " ".join(str(value).split())
    if not value:
        raise InputError(f"Bitte geben Sie den {what.replace('Name', 'Namen', 1)} an.", field=key)
    if len(value) > _MAX_NAME:
        raise InputError(f"{what} ist zu lang ({len(value)} Zeichen).", field=key,
                         hint=f"Höchstens {_MAX_NAME} Zeichen.")
    return value


@dataclass(frozen=True)
class Entwurf:
    """A built draft: title, blocks, chosen section ids and sources."""

    titel: str
    bloecke: list[Block]
    abschnitte: list[str]
    quellen: list[str]
    stand: str

    def markdown(self) -> str:
        """The draft as Markdown."""
        return to_markdown(self.bloecke)

    def html(self) -> str:
        """The draft as an escaped HTML fragment (preview)."""
        return to_html_fragment(self.bloecke)

    def html_page(self) -> str:
        """The draft as a standalone HTML page."""
        return to_html_page(self.bloecke, self.titel)


def build(
    auswahl: Mapping[str, Sequence[str] | str | None] | None = None,
    *,
    kommune: str = DEFAULT_KOMMUNE,
    zentrale_stelle: str = DEFAULT_STELLE,
    vorlage: Vorlage | None = None,
) -> Entwurf:
    """Build the draft from the chosen options (defaults for sections not given).

    Raises:
        InputError: on an invalid choice or an empty or overlong name.
    """
    vorlage = vorlage or load_vorlage()
    clean = check_auswahl(vorlage, auswahl or {})
    values = {"kommune": _clean_name(kommune, "Name der Kommune", "kommune"),
              "zentrale_stelle": _clean_name(zentrale_stelle, "Name der zentralen Stelle", "zentrale_stelle")}

    def fill(text: str) -> str:
        # str.format would interpret other braces; the schema allows only our two placeholders.
        for key, val in values.items():
            text = text.replace("{" + key + "}", val)
        return text

    stand = _german.datum(vorlage.stand)
    titel = fill(vorlage.titel)
    blocks = [
        Block("h1", titel),
        Block("hinweis", vorlage.hinweis + "."),
        Block("p", f"Erstellt mit dem Dienstanweisungs-Baukasten von KommSocial (Stand der Bausteine: {stand}). "
                   f"Die Bausteine sind Formulierungsvorschläge, {DISCLAIMER}."),
        *parse_text(fill(vorlage.einleitung)),
    ]
    quellen = list(vorlage.quellen)
    chosen_sections: list[str] = []
    nr = 0
    for a in vorlage.abschnitte:
        if not clean[a.id]:
            continue
        nr += 1
        chosen_sections.append(a.id)
        blocks.append(Block("h2", f"{nr}. {a.titel}"))
        for oid in clean[a.id]:
            opt = a.option(oid)
            blocks.extend(parse_text(fill(opt.text)))
            quellen.extend(q for q in opt.quellen if q not in quellen)
    nr += 1
    blocks.append(Block("h2", f"{nr}. Inkrafttreten"))
    blocks.append(Block("p", "Diese Dienstanweisung tritt am ____________ in Kraft. Sie wird spätestens nach zwei "
                             "Jahren überprüft."))
    blocks.append(Block("hr"))
    blocks.append(Block("h2", "Quellen und Vorbilder"))
    blocks.append(Block("ul", punkte=tuple(quellen)))
    blocks.append(Block("p", f"Stand der Bausteine: {stand}. Dies ist {DISCLAIMER}. {vorlage.hinweis}."))
    return Entwurf(titel, blocks, chosen_sections, quellen, stand)


def load_auswahl(path: str | Path, vorlage: Vorlage | None = None) -> tuple[Auswahl, dict[str, str]]:
    """Read a choice file: `kommune`, `zentrale_stelle` and `abschnitte: {id: option | [options] | null}`.

    Returns:
        The checked choice and the names (keys kommune, zentrale_stelle).

    Raises:
        InputError: naming file, line and field.
    """
    vorlage = vorlage or load_vorlage()
    data, node = read_yaml(path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError("Die Datei braucht Einträge wie „kommune: Stadt Musterstadt“ und „abschnitte:“.",
                         file=str(path), line=1)
    unknown = [k for k in data if k not in ("kommune", "zentrale_stelle", "abschnitte")]
    if unknown:
        raise InputError(f"Unbekannter Eintrag „{unknown[0]}“.", file=str(path),
                         line=line_of(node, (unknown[0],)), field=str(unknown[0]),
                         hint="Erlaubt: kommune, zentrale_stelle, abschnitte")
    abschnitte: Any = data.get("abschnitte") or {}
    if not isinstance(abschnitte, dict):
        raise InputError("„abschnitte“ braucht Einträge „abschnitt: option“.", file=str(path),
                         line=line_of(node, ("abschnitte",)), field="abschnitte")
    try:
        clean = check_auswahl(vorlage, abschnitte)
        names = {"kommune": _clean_name(data.get("kommune", DEFAULT_KOMMUNE), "Name der Kommune", "kommune"),
                 "zentrale_stelle": _clean_name(data.get("zentrale_stelle", DEFAULT_STELLE),
                                                "Name der zentralen Stelle", "zentrale_stelle")}
    except InputError as exc:
        loc = ("abschnitte", exc.field) if exc.field in abschnitte else (exc.field or "",)
        raise InputError(exc.reason, file=str(path), line=line_of(node, loc), field=exc.field,
                         hint=exc.hint) from None
    return clean, names


def section_ids(vorlage: Vorlage) -> set[str]:
    """All section ids of a template."""
    return {a.id for a in vorlage.abschnitte}


def write(entwurf: Entwurf, *, markdown: str | Path | None = None, html: str | Path | None = None) -> list[Path]:
    """Write the draft as .md and/or .html (temp file + rename); returns the written paths."""
    out = []
    if markdown:
        out.append(atomic_write(markdown, entwurf.markdown().encode("utf-8")))
    if html:
        out.append(atomic_write(html, entwurf.html_page().encode("utf-8")))
    return out
