"""Scenario format of the crisis simulator: pydantic models plus cross-reference checks.

A scenario is one YAML file (see FORMAT.md). `load_scenario` validates it through
`kommsocial._data.load_model`, so every error names file, line and field in German.
"""

from __future__ import annotations

import datetime as dt
import string
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from kommsocial._data import _field_name as field_name
from kommsocial._data import line_of, package_file, read_yaml, validation_error
from kommsocial.errors import InputError

Dimension = Literal[
    "schnelligkeit", "richtigkeit", "verstaendlichkeit", "konsistenz", "geruechtekontrolle", "ton"
]
DIMENSIONS: tuple[str, ...] = (
    "schnelligkeit", "richtigkeit", "verstaendlichkeit", "konsistenz", "geruechtekontrolle", "ton"
)
DIMENSION_LABELS = {
    "schnelligkeit": "Schnelligkeit",
    "richtigkeit": "Richtigkeit",
    "verstaendlichkeit": "Verständlichkeit",
    "konsistenz": "Konsistenz",
    "geruechtekontrolle": "Gerüchtekontrolle",
    "ton": "Ton",
}
# Default weights of the overall score (sum 100); a scenario may override them.
DEFAULT_WEIGHTS = {
    "schnelligkeit": 20, "richtigkeit": 20, "verstaendlichkeit": 15,
    "konsistenz": 15, "geruechtekontrolle": 15, "ton": 15,
}
Channel = Literal["feed", "kommentar", "presseanfrage", "lagemeldung", "email", "warnung"]
CHANNEL_LABELS = {
    "feed": "Beitrag im Feed",
    "kommentar": "Kommentar",
    "presseanfrage": "Presseanfrage",
    "lagemeldung": "Lagemeldung",
    "email": "E-Mail",
    "warnung": "Amtliche Warnung",
}
Role = Literal[
    "buerger", "presse", "feuerwehr", "polizei", "troll", "influencer", "lagezentrum",
    "behoerde", "warnsystem", "sonstige",
]
Tag = Literal["geruecht", "fakt", "frage", "kritik", "beleidigung", "lob", "hilfe", "warnung", "intern"]
ActionType = Literal["post", "reply", "hide", "delete", "report", "ask"]
ExpectationKind = Literal["beitrag", "antwort", "moderation", "rueckfrage"]
# Which own actions can fulfil an expectation of each kind (unless `aktionen` is given).
DEFAULT_ACTIONS: dict[str, tuple[str, ...]] = {
    "beitrag": ("post", "reply"),
    "antwort": ("reply", "post"),
    "moderation": ("hide", "delete", "report"),
    "rueckfrage": ("ask",),
}
# Placeholders every scenario may use even without declaring them.
DEFAULT_SETTING = {
    "stadt": "Musterstadt",
    "landkreis": "Landkreis Musterland",
    "land": "Niedersachsen",
    "behoerde": "Stadt Musterstadt",
}

_ID = r"^[a-z0-9][a-z0-9_\-]*$"
_FORMATTER = string.Formatter()


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Meta(_Strict):
    """Title, learning goals, duration and source of a scenario."""

    id: str = Field(pattern=_ID)
    titel: str = Field(min_length=3)
    kurzbeschreibung: str = ""
    lernziele: list[str] = Field(min_length=1)
    dauer: int = Field(ge=5, le=24 * 60, description="simulated minutes")
    stand: dt.date
    quelle: str | None = None
    notizen: str | None = None
    hauptkanal: Channel = "feed"


class Persona(_Strict):
    """A simulated sender: citizen, press, fire brigade, troll, influencer, Lagezentrum …"""

    id: str = Field(pattern=_ID)
    name: str
    rolle: Role
    haltung: str = Field(min_length=2)


class Inject(_Strict):
    """One entry of the Drehbuch (MEL): what appears when, on which channel, from whom."""

    id: str = Field(pattern=_ID)
    minute: int = Field(ge=0)
    kanal: Channel
    persona: str
    text: str = Field(min_length=1)
    tags: list[Tag] = Field(default_factory=list)
    antwort_auf: str | None = None
    # Alternative wordings; the exercise seed picks one (text counts as the first).
    varianten: list[str] = Field(default_factory=list)
    # Random shift of ±streuung minutes (seeded), for a less mechanical feed.
    streuung: int = Field(default=0, ge=0, le=10)
    # Follow-up inject: not in the base timeline; released `minute` minutes after a decision.
    folge: bool = False
    # Keywords that identify the rumour when own posts repeat it.
    stichworte: list[str] = Field(default_factory=list)


class Option(_Strict):
    """One choice at a decision point and its consequences."""

    id: str = Field(pattern=_ID)
    text: str
    wirkung: dict[Dimension, int] = Field(default_factory=dict)
    folge_injects: list[str] = Field(default_factory=list)
    erklaerung: str = ""

    @field_validator("wirkung")
    @classmethod
    def _deltas_small(cls, value: dict[str, int]) -> dict[str, int]:
        for dim, delta in value.items():
            if not -50 <= delta <= 50:
                raise ValueError(f"Die Wirkung auf „{dim}“ muss zwischen -50 und 50 liegen (ist {delta}).")
        return value


class Decision(_Strict):
    """A decision point offered to the participants at a simulated minute."""

    id: str = Field(pattern=_ID)
    minute: int = Field(ge=0)
    frage: str
    persona: str | None = None
    optionen: list[Option] = Field(min_length=2)
    # Minutes to decide; afterwards `ohne_wahl` applies (and the debrief says so).
    frist: int = Field(default=10, ge=1)
    ohne_wahl: dict[Dimension, int] = Field(default_factory=dict)


class Expectation(_Strict):
    """Observable behaviour the debrief checks, feeding one scoring dimension."""

    id: str = Field(pattern=_ID)
    art: ExpectationKind
    beschreibung: str
    dimension: Dimension
    gewicht: int = Field(default=1, ge=1, le=5)
    bis_minute: int | None = Field(default=None, ge=0)
    binnen: int | None = Field(default=None, ge=1)
    ziel: str | None = None
    kanal: Channel | None = None
    aktionen: list[ActionType] = Field(default_factory=list)
    # Each inner list is a group of alternatives; every group must match (case-insensitive).
    enthaelt: list[list[str]] = Field(default_factory=list)
    enthaelt_nicht: list[str] = Field(default_factory=list)
    keine_unbestaetigten_zahlen: bool = False
    # Items of the scenario rubric (assess/rubriken/krise_<id>.yaml) the own text must meet; judged by
    # the assessment engine (lemmas, negation, number roles) instead of the substring lists above.
    punkte: list[str] = Field(default_factory=list)
    erklaerung: str = Field(min_length=10)
    quelle: str | None = None

    @field_validator("enthaelt", mode="before")
    @classmethod
    def _groups(cls, value: object) -> object:
        # Authors may write a plain string for a group with one alternative.
        if isinstance(value, list):
            return [[item] if isinstance(item, str) else item for item in value]
        return value

    @model_validator(mode="after")
    def _deadline(self) -> Expectation:
        if self.bis_minute is None and self.binnen is None:
            raise ValueError("Geben Sie „bis_minute“ oder „binnen“ an (bis wann die Erwartung erfüllt sein muss).")
        if self.art in ("antwort", "moderation") and not self.ziel:
            raise ValueError(f"Eine Erwartung der Art „{self.art}“ braucht ein „ziel“ (die Id einer Einspielung).")
        if self.binnen is not None and not self.ziel:
            raise ValueError("„binnen“ zählt ab dem Erscheinen der Ziel-Einspielung: geben Sie „ziel“ an.")
        return self

    @property
    def allowed_actions(self) -> tuple[str, ...]:
        """Own action types that can fulfil this expectation."""
        return tuple(self.aktionen) or DEFAULT_ACTIONS[self.art]


class Contradiction(_Strict):
    """Terms that contradict the official warning or the Lage (for the konsistenz score)."""

    id: str = Field(pattern=_ID)
    begriffe: list[str] = Field(min_length=1)
    ab_minute: int = Field(default=0, ge=0)
    # After this minute the statement is no longer a contradiction (e.g. after the all-clear).
    bis_minute: int | None = Field(default=None, ge=0)
    # Skip sentences with a negation ("noch keine Entwarnung") when the term itself is neutral.
    ausser_bei_verneinung: bool = False
    erklaerung: str = Field(min_length=10)


class Scenario(_Strict):
    """A complete crisis exercise: meta, setting, personas, Drehbuch, decisions, expectations."""

    meta: Meta
    setting: dict[str, str] = Field(default_factory=dict)
    personas: list[Persona] = Field(min_length=1)
    injects: list[Inject] = Field(min_length=1)
    entscheidungen: list[Decision] = Field(default_factory=list)
    erwartungen: list[Expectation] = Field(default_factory=list)
    widersprueche: list[Contradiction] = Field(default_factory=list)
    gewichte: dict[Dimension, int] = Field(default_factory=dict)
    # Rubric id of the assessment engine; default: krise_<id> if it exists, else krise_allgemein.
    rubrik: str | None = Field(default=None, pattern=r"^[a-z0-9_]+$")

    def rubric_id(self) -> str:
        """The id of the rubric the own texts are judged by."""
        if self.rubrik:
            return self.rubrik
        from kommsocial.assess.schema import rubrics_dir

        own = f"krise_{self.id.replace('-', '_')}"
        return own if (rubrics_dir() / f"{own}.yaml").exists() else "krise_allgemein"

    def problems(self) -> list[tuple[tuple, str]]:
        """Cross-reference problems as (YAML location, German message); empty when consistent."""
        return list(_reference_problems(self))

    @property
    def id(self) -> str:
        """Scenario id (from meta)."""
        return self.meta.id

    def persona(self, persona_id: str) -> Persona:
        """The persona with this id."""
        return next(p for p in self.personas if p.id == persona_id)

    def inject(self, inject_id: str) -> Inject:
        """The inject with this id (KeyError if unknown)."""
        for inj in self.injects:
            if inj.id == inject_id:
                return inj
        raise KeyError(inject_id)

    def decision(self, decision_id: str) -> Decision:
        """The decision point with this id (KeyError if unknown)."""
        for dec in self.entscheidungen:
            if dec.id == decision_id:
                return dec
        raise KeyError(decision_id)

    def weights(self) -> dict[str, int]:
        """Weights of the overall score (defaults overridden by `gewichte`)."""
        return {**DEFAULT_WEIGHTS, **{str(k): v for k, v in self.gewichte.items()}}

    def variables(self, overrides: dict[str, str] | None = None) -> dict[str, str]:
        """Setting variables: project defaults, the scenario's values, then overrides."""
        return {**DEFAULT_SETTING, **self.setting, **(overrides or {})}

    def render(self, text: str, overrides: dict[str, str] | None = None) -> str:
        """Fill `{stadt}`-style placeholders with the setting variables."""
        return render(text, self.variables(overrides))


def render(text: str, variables: dict[str, str]) -> str:
    """Replace known `{name}` placeholders; unknown ones stay visible instead of crashing."""
    out = []
    for literal, name, _spec, _conv in _FORMATTER.parse(text):
        out.append(literal)
        if name is not None:
            out.append(variables.get(name, "{" + name + "}"))
    return "".join(out)


def _duplicates(section: str, ids: list[str]):
    seen: set[str] = set()
    for n, ident in enumerate(ids):
        if ident in seen:
            yield (section, n, "id"), f"Die Id „{ident}“ kommt mehrfach vor; Ids müssen eindeutig sein."
        seen.add(ident)


def _reference_problems(sc: Scenario):
    """Yield every broken reference, duplicate id, late minute or unknown placeholder."""
    for section in ("personas", "injects", "entscheidungen", "erwartungen", "widersprueche"):
        yield from _duplicates(section, [item.id for item in getattr(sc, section)])
    personas = {p.id for p in sc.personas}
    injects = {i.id: i for i in sc.injects}
    variables = sc.variables()
    dauer = sc.meta.dauer
    for fld in ("titel", "kurzbeschreibung"):
        msg = _placeholder_problem(getattr(sc.meta, fld), variables)
        if msg:
            yield ("meta", fld), msg
    late = f"liegt nach dem Ende der Übung (meta.dauer = {dauer} Minuten)."
    for n, inj in enumerate(sc.injects):
        if inj.persona not in personas:
            yield ("injects", n, "persona"), f"Persona „{inj.persona}“ ist unter „personas“ nicht definiert."
        if inj.antwort_auf and inj.antwort_auf not in injects:
            yield ("injects", n, "antwort_auf"), f"Verweis auf unbekannte Einspielung „{inj.antwort_auf}“."
        if inj.minute > dauer and not inj.folge:
            yield ("injects", n, "minute"), f"Minute {inj.minute} {late}"
        for text in [inj.text, *inj.varianten]:
            msg = _placeholder_problem(text, variables)
            if msg:
                yield ("injects", n, "text"), msg
    follow_ups: set[str] = set()
    for n, dec in enumerate(sc.entscheidungen):
        if dec.minute > dauer:
            yield ("entscheidungen", n, "minute"), f"Minute {dec.minute} {late}"
        if dec.persona and dec.persona not in personas:
            yield ("entscheidungen", n, "persona"), f"Persona „{dec.persona}“ ist unter „personas“ nicht definiert."
        yield from (
            (("entscheidungen", n) + loc, msg)
            for loc, msg in _duplicates("optionen", [o.id for o in dec.optionen])
        )
        msg = _placeholder_problem(dec.frage, variables)
        if msg:
            yield ("entscheidungen", n, "frage"), msg
        for k, opt in enumerate(dec.optionen):
            for ref in opt.folge_injects:
                loc = ("entscheidungen", n, "optionen", k, "folge_injects")
                if ref not in injects:
                    yield loc, f"Die Folge-Einspielung „{ref}“ gibt es nicht."
                elif not injects[ref].folge:
                    yield loc, f"Die Einspielung „{ref}“ ist keine Folge-Einspielung (setzen Sie dort „folge: true“)."
                follow_ups.add(ref)
    for n, inj in enumerate(sc.injects):
        if inj.folge and inj.id not in follow_ups:
            yield ("injects", n, "folge"), (f"Die Folge-Einspielung „{inj.id}“ wird von keiner "
                                            "Entscheidungsoption ausgelöst.")
    for n, exp in enumerate(sc.erwartungen):
        if exp.ziel and exp.ziel not in injects:
            yield ("erwartungen", n, "ziel"), f"Verweis auf unbekannte Einspielung „{exp.ziel}“."
        for fld in ("beschreibung", "erklaerung"):
            msg = _placeholder_problem(getattr(exp, fld), variables)
            if msg:
                yield ("erwartungen", n, fld), msg
        for k, group in enumerate(exp.enthaelt):
            for term in group:
                msg = _placeholder_problem(term, variables)
                if msg:
                    yield ("erwartungen", n, "enthaelt", k), msg
        if exp.bis_minute is not None and exp.bis_minute > dauer:
            yield ("erwartungen", n, "bis_minute"), f"bis_minute {exp.bis_minute} {late}"
    yield from _rubric_problems(sc)
    for n, con in enumerate(sc.widersprueche):
        if con.ab_minute > dauer:
            yield ("widersprueche", n, "ab_minute"), f"ab_minute {con.ab_minute} {late}"


def _rubric_problems(sc: Scenario):
    """Unknown rubric, or expectation items (punkte) the rubric does not define."""
    from kommsocial.assess.schema import rubric

    try:
        known = {i.id for i in rubric(sc.rubric_id()).items}
    except InputError as exc:
        yield ("rubrik",), exc.reason
        return
    for n, exp in enumerate(sc.erwartungen):
        for k, ref in enumerate(exp.punkte):
            if ref not in known:
                yield (("erwartungen", n, "punkte", k),
                       f"Den Punkt „{ref}“ gibt es in der Rubrik „{sc.rubric_id()}“ nicht.")


def _placeholder_problem(text: str, variables: dict[str, str]) -> str | None:
    try:
        names = [name for _lit, name, _s, _c in _FORMATTER.parse(text) if name is not None]
    except ValueError:
        return "Geschweifte Klammern passen nicht zusammen. Platzhalter schreiben Sie als {stadt}."
    for name in names:
        if name not in variables:
            known = ", ".join("{" + v + "}" for v in sorted(variables))
            return f"Platzhalter {{{name}}} ist unbekannt. Bekannt sind: {known}."
    return None


# --- loading -------------------------------------------------------------------------------

SCENARIO_PACKAGE = "kommsocial.crisis.scenarios"


def scenarios_dir() -> Path:
    """Folder of the built-in scenarios."""
    return package_file(SCENARIO_PACKAGE, "")


def builtin_files() -> list[Path]:
    """All built-in scenario files, sorted by name."""
    return sorted(scenarios_dir().glob("*.yaml"))


def load_scenario(path: str | Path, *, text: str | None = None) -> Scenario:
    """Load and validate one scenario file (InputError with line and field on problems)."""
    data, node = read_yaml(path, text=text)
    if data is None:
        raise InputError("Die Datei ist leer.", file=str(path), hint="Füllen Sie die Datei aus.")
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        raise validation_error(path, node, exc) from None
    for loc, message in scenario.problems():
        raise InputError(
            message, file=str(path), line=line_of(node, loc), field=field_name(loc),
            hint="Korrigieren Sie den Wert und prüfen Sie die Datei erneut.",
        )
    return scenario


def resolve(id_or_path: str | Path) -> Scenario:
    """A built-in scenario by id, or a scenario file by path."""
    candidate = Path(id_or_path)
    if candidate.suffix in {".yaml", ".yml"} or candidate.exists():
        return load_scenario(candidate)
    builtin = scenarios_dir() / f"{id_or_path}.yaml"
    if builtin.exists():
        return load_scenario(builtin)
    known = ", ".join(p.stem for p in builtin_files())
    raise InputError(
        f"Ein Szenario „{id_or_path}“ gibt es nicht.",
        hint=f"Verfügbare Szenarien: {known}. Oder geben Sie den Pfad zu einer YAML-Datei an.",
    )


def list_scenarios() -> list[Scenario]:
    """All built-in scenarios, validated, sorted by id."""
    return sorted((load_scenario(p) for p in builtin_files()), key=lambda s: s.id)
