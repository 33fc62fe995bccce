"""Build a scenario from form values instead of typing YAML (the Szenario-Baukasten).

Pure functions on plain data (the dict form of a scenario, as in the YAML file): start from a valid
scenario text, change title and placeholder values, add or remove personas, injects and
expectations, then turn the data into YAML and check it with the real `load_scenario`. Every
problem is an `InputError` with a German message that names the form field („Einspielung 7 –
Persona“), not the YAML path. No widgets here; the view is `kommsocial.ui.szenario_werkstatt`.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, get_args

import yaml

from kommsocial.crisis.actions import Action, load_responses
from kommsocial.crisis.schema import (
    CHANNEL_LABELS,
    DEFAULT_SETTING,
    DIMENSION_LABELS,
    ExpectationKind,
    Role,
    Scenario,
    Tag,
    load_scenario,
    render,
)
from kommsocial.errors import InputError

SCENARIO_NAME = "szenario.yaml"
RESPONSES_NAME = "antworten.yaml"

ROLE_LABELS = {
    "buerger": "Bürgerin oder Bürger",
    "presse": "Presse",
    "feuerwehr": "Feuerwehr",
    "polizei": "Polizei",
    "troll": "Troll",
    "influencer": "Influencer",
    "lagezentrum": "Lagezentrum",
    "behoerde": "Behörde",
    "warnsystem": "Warnsystem",
    "sonstige": "Sonstige",
}
TAG_LABELS = {
    "geruecht": "Gerücht",
    "fakt": "bestätigte Tatsache",
    "frage": "Frage",
    "kritik": "Kritik",
    "beleidigung": "Beleidigung",
    "lob": "Lob",
    "hilfe": "Hilfe",
    "warnung": "Warnung",
    "intern": "intern",
}
KIND_LABELS = {
    "antwort": "Antwort auf eine Einspielung",
    "beitrag": "Eigener Beitrag",
    "moderation": "Moderation (ausblenden, löschen oder melden)",
    "rueckfrage": "Rückfrage ans Lagezentrum",
}
# Dimension an expectation of each kind feeds unless the form says otherwise.
KIND_DIMENSIONS = {
    "antwort": "geruechtekontrolle",
    "beitrag": "schnelligkeit",
    "moderation": "ton",
    "rueckfrage": "richtigkeit",
}
KIND_EXPLANATIONS = {
    "antwort": "Unbeantwortete Gerüchte und Fragen verbreiten sich weiter. Antworten Sie direkt darunter, "
               "sachlich und mit bestätigten Tatsachen.",
    "beitrag": "Wer früh informiert, bleibt die Hauptquelle. Sonst füllen andere die Lücke mit Vermutungen.",
    "moderation": "Beleidigungen und Falschmeldungen ziehen Aufmerksamkeit. Blenden Sie sie aus oder melden Sie "
                  "sie und begründen Sie das.",
    "rueckfrage": "Fragen Sie beim Lagezentrum nach, bevor Sie Zahlen oder Vermutungen veröffentlichen.",
}
SETTING_LABELS = {
    "stadt": "Stadt",
    "landkreis": "Landkreis",
    "land": "Land",
    "behoerde": "Behörde",
    "strasse": "Straße",
    "ort": "Ort",
    "buergertelefon": "Bürgertelefon",
    "telefon": "Telefon",
}
# Response kinds the small response form offers (German labels for the dropdown).
RESPONSE_LABELS = {
    "reply": "Antwort auf eine Einspielung",
    "post": "Neuer Beitrag",
    "ask": "Rückfrage ans Lagezentrum",
    "hide": "Einspielung ausblenden",
    "report": "Einspielung melden",
}

_SECTION_LABELS = {
    "meta": "",
    "setting": "Platzhalter",
    "personas": "Persona",
    "injects": "Einspielung",
    "entscheidungen": "Entscheidung",
    "erwartungen": "Erwartung",
    "widersprueche": "Widerspruch",
    "optionen": "Option",
}
_KEY_LABELS = {
    "id": "Kennung",
    "titel": "Titel",
    "kurzbeschreibung": "Kurzbeschreibung",
    "lernziele": "Lernziele",
    "dauer": "Dauer",
    "stand": "Stand",
    "minute": "Minute",
    "kanal": "Kanal",
    "persona": "Persona",
    "text": "Text",
    "tags": "Markierungen",
    "stichworte": "Stichwörter",
    "antwort_auf": "Antwort auf",
    "name": "Name",
    "rolle": "Rolle",
    "haltung": "Haltung",
    "art": "Art",
    "ziel": "Einspielung",
    "binnen": "Frist in Minuten",
    "bis_minute": "Frist in Minuten",
    "beschreibung": "Beschreibung",
    "erklaerung": "Erklärung",
    "dimension": "Bereich",
    "enthaelt": "Suchwörter",
    "frage": "Frage",
    "action": "Art",
    "target": "Einspielung",
}
_FIELD_PART = re.compile(r"([a-z_]+)|\[(\d+)\]")
_FIELD = re.compile(r"(?:[a-z_]+|\[\d+\]|\.)+")
_HINT = "Korrigieren Sie die Angabe im Formular und prüfen Sie erneut."


class _Dumper(yaml.SafeDumper):
    """SafeDumper that writes short lists of plain values on one line: tags: [geruecht, frage]."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key („  - id: r01“), as the course writes scenario files.
        super().increase_indent(flow, False)


def _represent_list(dumper: yaml.SafeDumper, data: list) -> yaml.Node:
    flat = all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in data)
    short = sum(len(str(v)) + 2 for v in data) <= 60
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=bool(data) and flat and short)


_Dumper.add_representer(list, _represent_list)


def to_yaml(data: Any) -> str:
    """YAML text of plain data (safe types only), keys in their order, umlauts kept, one text per line."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000,
                     default_flow_style=False)


def scenario_data(scenario: Scenario) -> dict[str, Any]:
    """The scenario as plain data in the order of the file; default values are left out."""
    return scenario.model_dump(mode="python", exclude_defaults=True)


def from_text(text: str, name: str = SCENARIO_NAME) -> dict[str, Any]:
    """Plain data of a scenario text (checked with `load_scenario`; InputError with line and field)."""
    return scenario_data(load_scenario(name, text=text))


def field_label(field: str | None) -> str | None:
    """German form name of a YAML field: „injects[7].persona“ → „Einspielung 7 – Persona“."""
    if not field or not _FIELD.fullmatch(field):
        return field
    parts: list[str] = []
    for key, number in _FIELD_PART.findall(field):
        if number:
            if parts:
                parts[-1] = f"{parts[-1]} {number}".strip()
            else:
                parts.append(f"Eintrag {number}")
        elif key in _SECTION_LABELS:
            if _SECTION_LABELS[key]:
                parts.append(_SECTION_LABELS[key])
        elif parts and parts[-1] == "Platzhalter":
            parts[-1] = f"Platzhalter {SETTING_LABELS.get(key, key)}"
        else:
            parts.append(_KEY_LABELS.get(key, key))
    return " – ".join(parts) or field


def _form_error(exc: InputError) -> InputError:
    """The same problem, with the German form field instead of the YAML path and line."""
    return InputError(exc.reason, field=field_label(exc.field), hint=_HINT)


def check(data: Mapping[str, Any], name: str = SCENARIO_NAME) -> tuple[str, Scenario]:
    """(YAML text, Scenario): the data turned into YAML and checked by the real `load_scenario`.

    Raises:
        InputError: the German message of the check, with the form field („Einspielung 7 – Minute“).
    """
    text = to_yaml(dict(data))
    try:
        return text, load_scenario(name, text=text)
    except InputError as exc:
        raise _form_error(exc) from None


def variables(data: Mapping[str, Any]) -> dict[str, str]:
    """Placeholder values of the data: project defaults, then the scenario's own."""
    return {**DEFAULT_SETTING, **{str(k): str(v) for k, v in (data.get("setting") or {}).items()}}


def shown(data: Mapping[str, Any], text: str) -> str:
    """A text with its placeholders filled as participants will read it."""
    return render(text, variables(data))


def split_words(text: str) -> list[str]:
    """Keywords typed into one field, separated by commas or semicolons; empty parts dropped."""
    return [part.strip() for part in re.split(r"[,;\n]", text) if part.strip()]


def _new_id(existing: Iterable[str], prefix: str) -> str:
    taken = set(existing)
    n = 1
    while f"{prefix}{n:02d}" in taken:
        n += 1
    return f"{prefix}{n:02d}"


def _ids(data: Mapping[str, Any], section: str) -> list[str]:
    return [str(item.get("id")) for item in data.get(section) or []]


def _error(message: str, field: str, hint: str = _HINT) -> InputError:
    return InputError(message, field=field, hint=hint)


def _required(value: str, field: str, what: str) -> str:
    text = (value or "").strip()
    if not text:
        raise _error(f"Bitte tragen Sie {what} ein.", field)
    return text


def set_title(data: Mapping[str, Any], titel: str) -> dict[str, Any]:
    """New data with another title (at least 3 characters)."""
    text = _required(titel, "Titel", "einen Titel")
    if len(text) < 3:
        raise _error("Der Titel ist zu kurz. Schreiben Sie mindestens 3 Zeichen.", "Titel")
    new = copy.deepcopy(dict(data))
    new["meta"] = {**new["meta"], "titel": text}
    return new


def set_setting(data: Mapping[str, Any], values: Mapping[str, str]) -> dict[str, Any]:
    """New data with these placeholder values; a project default („stadt“) is only written when changed."""
    new = copy.deepcopy(dict(data))
    setting = dict(new.get("setting") or {})
    for key, value in values.items():
        label = f"Platzhalter {SETTING_LABELS.get(key, key)}"
        text = _required(value, label, "einen Wert")
        if "{" in text or "}" in text:
            raise _error("Ein Platzhalterwert darf keine geschweiften Klammern enthalten.", label)
        if key in setting or DEFAULT_SETTING.get(key) != text:
            setting[key] = text
    if setting:
        new["setting"] = setting
    return new


def add_persona(data: Mapping[str, Any], *, name: str, rolle: str, haltung: str) -> tuple[dict[str, Any], str]:
    """(new data, id of the new persona)."""
    label = "Neue Persona"
    name = _required(name, f"{label} – Name", "einen Namen")
    if rolle not in get_args(Role):
        raise _error(f"Die Rolle „{rolle}“ gibt es nicht. Wählen Sie eine aus der Liste.", f"{label} – Rolle")
    haltung = _required(haltung, f"{label} – Haltung", "die Haltung (z. B. „provoziert, verbreitet Gerüchte“)")
    if len(haltung) < 2:
        raise _error("Beschreiben Sie die Haltung mit mindestens 2 Zeichen.", f"{label} – Haltung")
    new = copy.deepcopy(dict(data))
    ident = _new_id(_ids(new, "personas"), f"{rolle}_")
    new["personas"] = [*new.get("personas", []), {"id": ident, "name": name, "rolle": rolle, "haltung": haltung}]
    return new, ident


def add_inject(data: Mapping[str, Any], *, minute: int, persona: str, kanal: str, text: str,
               tags: Sequence[str] = (), stichworte: Sequence[str] = ()) -> tuple[dict[str, Any], str]:
    """(new data, id of the new inject); the minute must lie within the exercise, the persona must exist."""
    label = "Neue Einspielung"
    dauer = int(data["meta"]["dauer"])
    if not isinstance(minute, int) or isinstance(minute, bool) or not 0 <= minute <= dauer:
        raise _error(f"Minute {minute} liegt nicht in der Übung. Die Übung dauert {dauer} Minuten: wählen Sie eine "
                     f"Minute von 0 bis {dauer}.", f"{label} – Minute")
    personas = {str(p["id"]): p for p in data.get("personas", [])}
    if persona not in personas:
        known = ", ".join(str(p.get("name")) for p in personas.values())
        raise _error(f"Die Persona „{persona}“ gibt es in diesem Szenario nicht. Vorhanden: {known}.",
                     f"{label} – Persona")
    if kanal not in CHANNEL_LABELS:
        raise _error(f"Den Kanal „{kanal}“ gibt es nicht. Wählen Sie einen aus der Liste.", f"{label} – Kanal")
    body = _required(text, f"{label} – Text", "den Text der Einspielung")
    unknown = [t for t in tags if t not in get_args(Tag)]
    if unknown:
        raise _error(f"Die Markierung „{unknown[0]}“ gibt es nicht.", f"{label} – Markierungen")
    new = copy.deepcopy(dict(data))
    existing = _ids(new, "injects")
    prefix = m.group(1) if existing and (m := re.match(r"^([a-z]+)\d+$", existing[0])) else "i"
    ident = _new_id(existing, prefix)
    item: dict[str, Any] = {"id": ident, "minute": minute, "kanal": kanal, "persona": persona, "text": body}
    if tags:
        item["tags"] = list(dict.fromkeys(tags))
    words = [w.strip() for w in stichworte if w.strip()]
    if words:
        item["stichworte"] = words
    new["injects"] = sorted([*new.get("injects", []), item], key=lambda i: (bool(i.get("folge")), i["minute"]))
    return new, ident


def inject_label(data: Mapping[str, Any], inject_id: str, *, length: int = 60) -> str:
    """„Minute 12 · Wahrheitssucher_88: Die Stadt hat …“ for dropdowns and descriptions."""
    inj = next((i for i in data.get("injects", []) if i.get("id") == inject_id), None)
    if inj is None:
        return inject_id
    persona: dict[str, Any] = next((p for p in data.get("personas", []) if p.get("id") == inj.get("persona")), {})
    text = shown(data, str(inj.get("text", "")))
    if len(text) > length:
        text = text[: length - 1].rstrip() + "…"
    who = shown(data, str(persona.get("name", inj.get("persona"))))
    return f"Minute {inj.get('minute')} · {who}: {text}"


def add_expectation(data: Mapping[str, Any], *, art: str, ziel: str | None, frist: int, dimension: str | None = None,
                    beschreibung: str = "", erklaerung: str = "",
                    enthaelt: Sequence[str] = ()) -> tuple[dict[str, Any], str]:
    """(new data, id of the new expectation).

    With a target inject the deadline `frist` counts from its appearance (`binnen`), without one from
    the start of the exercise (`bis_minute`). Empty description and explanation get a German default.
    """
    label = "Neue Erwartung"
    if art not in get_args(ExpectationKind):
        raise _error(f"Die Art „{art}“ gibt es nicht. Wählen Sie eine aus der Liste.", f"{label} – Art")
    injects = _ids(data, "injects")
    if ziel and ziel not in injects:
        raise _error(f"Die Einspielung „{ziel}“ gibt es in diesem Szenario nicht.", f"{label} – Einspielung")
    if not ziel and art in ("antwort", "moderation"):
        raise _error(f"Für „{KIND_LABELS[art]}“ wählen Sie die Einspielung, um die es geht.", f"{label} – Einspielung")
    dauer = int(data["meta"]["dauer"])
    if not isinstance(frist, int) or isinstance(frist, bool) or not 1 <= frist <= dauer:
        raise _error(f"Die Frist muss zwischen 1 und {dauer} Minuten liegen (ist {frist}).",
                     f"{label} – Frist in Minuten")
    dimension = dimension or KIND_DIMENSIONS[art]
    if dimension not in DIMENSION_LABELS:
        raise _error(f"Den Bereich „{dimension}“ gibt es nicht.", f"{label} – Bereich")
    if not beschreibung.strip():
        beschreibung = _description(data, art, ziel, frist)
    erklaerung = erklaerung.strip() or KIND_EXPLANATIONS[art]
    if len(erklaerung) < 10:
        raise _error("Die Erklärung ist zu kurz. Schreiben Sie mindestens 10 Zeichen: warum zählt das?",
                     f"{label} – Erklärung")
    new = copy.deepcopy(dict(data))
    ident = _new_id(_ids(new, "erwartungen"), "x_neu")
    item: dict[str, Any] = {"id": ident, "art": art, "beschreibung": beschreibung.strip(), "dimension": dimension}
    if ziel:
        item["ziel"] = ziel
        item["binnen"] = frist
    else:
        item["bis_minute"] = frist
    words = [w.strip() for w in enthaelt if w.strip()]
    if words:
        item["enthaelt"] = [words]
    item["erklaerung"] = erklaerung
    new["erwartungen"] = [*new.get("erwartungen", []), item]
    return new, ident


def _description(data: Mapping[str, Any], art: str, ziel: str | None, frist: int) -> str:
    if not ziel:
        return f"{KIND_LABELS[art]} bis Minute {frist}"
    inj = next(i for i in data.get("injects", []) if i.get("id") == ziel)
    persona: dict[str, Any] = next((p for p in data.get("personas", []) if p.get("id") == inj.get("persona")), {})
    who = str(persona.get("name", inj.get("persona")))
    what = {"antwort": "beantworten", "moderation": "moderieren", "beitrag": "mit einem Beitrag aufgreifen",
            "rueckfrage": "mit einer Rückfrage ans Lagezentrum klären"}[art]
    return f"Die Einspielung von {who} aus Minute {inj.get('minute')} binnen {frist} Minuten {what}"


def remove(data: Mapping[str, Any], section: str, item_id: str) -> dict[str, Any]:
    """New data without one persona, inject or expectation (section „personas“, „injects“, „erwartungen“).

    Refuses (InputError) when something else still refers to the item, or when it is the last persona
    or inject (a scenario needs at least one of each).
    """
    what = {"personas": "Persona", "injects": "Einspielung", "erwartungen": "Erwartung"}.get(section)
    if what is None or item_id not in _ids(data, section):
        raise _error(f"Diesen Eintrag gibt es nicht ({item_id}).", "Entfernen")
    users: list[tuple[str, str]] = []
    if section == "personas":
        users = [("Einspielung", inject_label(data, str(i["id"]), length=40))
                 for i in data.get("injects", []) if i.get("persona") == item_id]
        users += [("Entscheidung", str(d["frage"])) for d in data.get("entscheidungen", [])
                  if d.get("persona") == item_id]
    elif section == "injects":
        users = [("Erwartung", str(e["beschreibung"])) for e in data.get("erwartungen", [])
                 if e.get("ziel") == item_id]
        users += [("Einspielung", inject_label(data, str(i["id"]), length=40))
                  for i in data.get("injects", []) if i.get("antwort_auf") == item_id]
        users += [("Entscheidung", str(d["frage"])) for d in data.get("entscheidungen", [])
                  if any(item_id in o.get("folge_injects", []) for o in d.get("optionen", []))]
    if users:
        noun, label = users[0]
        raise _error(f"Diese {what} braucht noch die {noun} „{label}“. Entfernen Sie zuerst die {noun}.",
                     "Entfernen", hint="Dann können Sie auch diesen Eintrag entfernen.")
    if section in ("personas", "injects") and len(data.get(section, [])) == 1:
        raise _error(f"Ein Szenario braucht mindestens eine {what}.", "Entfernen", hint="Fügen Sie zuerst eine hinzu.")
    new = copy.deepcopy(dict(data))
    new[section] = [item for item in new[section] if item.get("id") != item_id]
    return new


def response(*, minute: int, action: str, text: str = "", target: str | None = None) -> dict[str, Any]:
    """One entered response as plain data (the form of a responses file)."""
    item: dict[str, Any] = {"minute": minute, "action": action}
    if target and action != "post" and action != "ask":
        item["target"] = target
    if text.strip():
        item["text"] = text.strip()
    return item


def check_responses(items: Sequence[Mapping[str, Any]], scenario: Scenario) -> list[Action]:
    """Entered responses checked like a responses file (`load_responses`); errors name „Ihre Antwort N“."""
    try:
        return load_responses(RESPONSES_NAME, scenario, text=to_yaml([dict(i) for i in items]) if items else "")
    except InputError as exc:
        label = field_label(exc.field) or ""
        label = label.replace("Eintrag", "Ihre Antwort", 1)
        raise InputError(exc.reason, field=label or None, hint=_HINT) from None
