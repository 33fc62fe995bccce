"""Loading of YAML data files with schema validation and line-numbered German errors.

Every room (platforms, lexicons, scenarios, legal cards, quiz banks) loads its
data through here, so a broken file always reports file, line and field.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from kommsocial.errors import InputError

M = TypeVar("M", bound=BaseModel)

# German wording for the most common pydantic error types.
_PYDANTIC_DE = {
    "missing": "Pflichtfeld fehlt",
    "extra_forbidden": "unbekanntes Feld (Tippfehler?)",
    "string_type": "erwartet einen Text",
    "int_type": "erwartet eine ganze Zahl",
    "int_parsing": "erwartet eine ganze Zahl",
    "float_type": "erwartet eine Zahl",
    "float_parsing": "erwartet eine Zahl",
    "bool_type": "erwartet ja/nein (true/false)",
    "bool_parsing": "erwartet ja/nein (true/false)",
    "list_type": "erwartet eine Liste",
    "dict_type": "erwartet eine Zuordnung (Schlüssel: Wert)",
    "model_type": "erwartet eine Zuordnung (Schlüssel: Wert)",
    "date_from_datetime_parsing": "erwartet ein Datum wie 2026-11-21",
    "date_parsing": "erwartet ein Datum wie 2026-11-21",
    "date_type": "erwartet ein Datum wie 2026-11-21",
    "literal_error": "unzulässiger Wert",
    "enum": "unzulässiger Wert",
    "greater_than_equal": "Wert zu klein",
    "less_than_equal": "Wert zu groß",
    "greater_than": "Wert zu klein",
    "less_than": "Wert zu groß",
    "too_short": "zu wenige Einträge",
    "too_long": "zu viele Einträge",
    "string_too_short": "Text zu kurz",
    "string_too_long": "Text zu lang",
    "value_error": "ungültiger Wert",
    "assertion_error": "ungültiger Wert",
}


def package_file(package: str, name: str) -> Path:
    """Path of a data file shipped inside a kommsocial subpackage."""
    return Path(str(resources.files(package).joinpath(name)))


# libyaml's C parser is about ten times faster; it keeps Voilà kernel starts short.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_text(path: str | Path) -> str:
    """Read a UTF-8 data file (BOM tolerated); missing or mis-encoded → InputError."""
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(
            "Die Datei wurde nicht gefunden.", file=str(path), hint="Prüfen Sie den Pfad."
        ) from None
    except IsADirectoryError:
        raise InputError("Das ist ein Ordner, keine Datei.", file=str(path)) from None
    except UnicodeDecodeError:
        raise InputError(
            "Die Datei ist nicht in UTF-8 gespeichert.",
            file=str(path),
            hint="Speichern Sie sie als UTF-8.",
        ) from None


def read_yaml(path: str | Path, *, text: str | None = None) -> tuple[Any, yaml.Node | None]:
    """Parse YAML and return the data together with its node tree (for line numbers).

    Raises:
        InputError: with file and line when the YAML syntax is broken.
    """
    path = Path(path)
    if text is None:
        text = read_text(path)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or "Syntaxfehler"
        raise InputError(
            f"YAML-Syntaxfehler ({problem}).",
            file=str(path),
            line=line,
            hint="Prüfen Sie Einrückung, Doppelpunkte und Anführungszeichen in dieser Zeile.",
        ) from None
    except yaml.YAMLError as exc:  # pragma: no cover - defensive
        raise InputError(f"YAML-Fehler: {exc}", file=str(path)) from None
    return data, node


def line_of(node: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """1-based line of the YAML node addressed by a pydantic error location."""
    best = node.start_mark.line + 1 if node is not None else None
    current = node
    for key in loc:
        if isinstance(current, yaml.MappingNode):
            nxt = None
            for k_node, v_node in current.value:
                if k_node.value == str(key):
                    nxt = v_node
                    best = k_node.start_mark.line + 1
                    break
            if nxt is None:
                break
            current = nxt
        elif isinstance(current, yaml.SequenceNode) and isinstance(key, int):
            if 0 <= key < len(current.value):
                current = current.value[key]
                best = current.start_mark.line + 1
            else:
                break
        else:
            break
    return best


def _field_name(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for key in loc:
        if isinstance(key, int):
            parts.append(f"[{key + 1}]")
        else:
            parts.append(("." if parts else "") + str(key))
    return "".join(parts) or "(Datei)"


def validation_error(path: str | Path, node: yaml.Node | None, exc: ValidationError) -> InputError:
    """Turn the first pydantic error into an InputError with line and field."""
    err = exc.errors()[0]
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
    reason = _PYDANTIC_DE.get(err["type"], err["msg"])
    if err["type"] in {"value_error", "assertion_error"}:
        reason = err["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
    elif err["type"] in {"literal_error", "enum"}:
        expected = err.get("ctx", {}).get("expected")
        if expected:
            reason += f"; erlaubt: {expected}"
    extra = f" (und {len(exc.errors()) - 1} weitere Fehler)" if len(exc.errors()) > 1 else ""
    return InputError(
        reason + extra,
        file=str(path),
        line=line_of(node, loc),
        field=_field_name(loc),
        hint="Korrigieren Sie den Wert und prüfen Sie die Datei erneut.",
    )


def load_model(model: type[M], path: str | Path, *, text: str | None = None) -> M:
    """Read a YAML file and validate it against a pydantic model.

    Raises:
        InputError: naming file, line and field of the first problem.
    """
    if text is None:
        text = read_text(path)
    # Fast path: one C-parser pass. Only a file with a problem is parsed again with
    # its node tree, so the error can name line and field.
    try:
        fast = yaml.load(text, Loader=_FAST_LOADER)
        if fast is not None:
            return model.model_validate(fast)
    except (yaml.YAMLError, ValidationError):
        pass
    data, node = read_yaml(path, text=text)
    if data is None:
        raise InputError("Die Datei ist leer.", file=str(path), hint="Füllen Sie die Datei aus.")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise validation_error(path, node, exc) from None
