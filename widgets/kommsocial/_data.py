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

from kommsocial._io import decode_text, read_input_bytes, too_large
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


# Data files (Hausstil, scenarios, answers) are small; the largest shipped one has 40 KB.
MAX_DATA_BYTES = 2 * 1024 * 1024
# Shipped files nest at most 7 levels; deeper input is a mistake or an attack on the parser.
MAX_DEPTH = 32
# YAML aliases (*name) can multiply data ("billion laughs"); real files need none.
MAX_ALIASES = 100
_PACKAGE_ROOT = Path(__file__).resolve().parent
_DEPTH_HINT = "Prüfen Sie die Einrückung; Listen und Zuordnungen dürfen höchstens {} Ebenen tief sein."


def read_text(path: str | Path) -> str:
    """Read a UTF-8 data file (BOM tolerated); missing, too large or mis-encoded → InputError."""
    return decode_text(read_input_bytes(path, limit=MAX_DATA_BYTES), str(path))


def _nesting_error(path: str | Path, line: int, column: int) -> InputError:
    return InputError(
        f"Die Daten sind zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen), erkannt in Spalte {column}.",
        file=str(path), line=line, hint=_DEPTH_HINT.format(MAX_DEPTH),
    )


def check_yaml_shape(text: str, path: str | Path) -> None:
    """Reject too deep nesting and alias floods from the event stream, before anything recurses.

    The parser is a state machine (no recursion); the composer and constructor would recurse.

    Raises:
        InputError: with file, line and column of the first level too deep.
    """
    depth = aliases = 0
    starts = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    for event in yaml.parse(text, Loader=_FAST_LOADER):
        if isinstance(event, starts):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                assert mark is not None  # the parser marks every event it emits
                raise _nesting_error(path, mark.line + 1, mark.column + 1)
        elif isinstance(event, ends):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                mark = event.start_mark
                raise InputError(f"Die Datei enthält mehr als {MAX_ALIASES} Verweise (*name).",
                                 file=str(path), line=mark.line + 1 if mark is not None else None,
                                 hint="Schreiben Sie die Werte aus, statt auf sie zu verweisen.")


def _syntax_error(path: str | Path, exc: yaml.MarkedYAMLError) -> InputError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    problem = exc.problem or "Syntaxfehler"
    where = f" in Spalte {mark.column + 1}" if mark else ""
    if "nesting depth" in problem:
        return _nesting_error(path, line or 1, mark.column + 1 if mark else 1)
    return InputError(
        f"YAML-Syntaxfehler{where} ({problem}).",
        file=str(path),
        line=line,
        hint="Prüfen Sie Einrückung, Doppelpunkte und Anführungszeichen in dieser Zeile.",
    )


def read_yaml(path: str | Path, *, text: str | None = None) -> tuple[Any, yaml.Node | None]:
    """Parse YAML and return the data together with its node tree (for line numbers).

    Raises:
        InputError: with file and line when the YAML syntax is broken or nests too deep.
    """
    path = Path(path)
    if text is None:
        text = read_text(path)
    elif len(text) > MAX_DATA_BYTES:
        raise too_large(str(path), MAX_DATA_BYTES)
    try:
        check_yaml_shape(text, path)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(path, exc) from None
    except yaml.YAMLError as exc:  # pragma: no cover - defensive
        raise InputError(f"YAML-Fehler: {exc}", file=str(path)) from None
    return data, node


def _json_depth_error(path: str | Path, text: str) -> InputError | None:
    """Error for nesting deeper than MAX_DEPTH in JSON text (strings skipped), else None."""
    import re

    depth = 0
    for m in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', text):
        ch = m.group()
        if ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, m.start()) + 1
                return _nesting_error(path, line, m.start() - text.rfind("\n", 0, m.start()))
        elif ch in "]}":
            depth -= 1
    return None


def read_json(path: str | Path, *, text: str | None = None) -> Any:
    """Parse a user's JSON file: size, encoding and depth checked, German errors with line and column."""
    import json

    if text is None:
        text = read_text(path)
    error = _json_depth_error(path, text)
    if error is not None:
        raise error
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"Kein gültiges JSON ({exc.msg}, Spalte {exc.colno}).", file=str(path), line=exc.lineno,
                         hint="Prüfen Sie Klammern, Kommas und Anführungszeichen.") from None


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


def _is_package_file(path: str | Path) -> bool:
    """Shipped data is checked by the test suite; skipping its scan keeps app starts short."""
    try:
        return Path(path).resolve().is_relative_to(_PACKAGE_ROOT)
    except OSError:
        return False


def load_model(model: type[M], path: str | Path, *, text: str | None = None) -> M:
    """Read a YAML file and validate it against a pydantic model.

    Raises:
        InputError: naming file, line and field of the first problem.
    """
    if text is None:
        text = read_text(path)
    if not _is_package_file(path):
        # A user's file: check its shape before the loader builds anything from it.
        try:
            check_yaml_shape(text, path)
        except yaml.MarkedYAMLError as exc:
            raise _syntax_error(path, exc) from None
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
