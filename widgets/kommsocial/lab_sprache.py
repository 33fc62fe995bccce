"""JupyterLab's German texts in the formal "Sie": the language pack says "du" in a few dialogs.

The texts live in lab_sie.yaml (one place, with source and Stand). `apply` writes them into the installed
language pack's jupyterlab.json, only for messages the pack really has, atomically and only when something
differs, so a later upgrade of the pack is corrected again at the next start.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import util
from pathlib import Path

import yaml

DATA = Path(__file__).with_name("lab_sie.yaml")
PACK_MODULE = "jupyterlab_language_pack_de_DE"


@lru_cache(maxsize=1)
def sie_texts() -> dict[str, str]:
    """English original → German text in the Sie form."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return {t["original"]: t["sie"] for t in data["texte"]}


def pack_catalog() -> Path | None:
    """jupyterlab.json of the installed German language pack, if there is one."""
    spec = util.find_spec(PACK_MODULE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "locale" / "de_DE" / "LC_MESSAGES" / "jupyterlab.json"
    return path if path.is_file() else None


def apply(catalog: Path | None = None) -> list[str]:
    """Put the Sie texts into the catalog; returns the originals that were changed (empty: nothing to do)."""
    catalog = catalog or pack_catalog()
    if catalog is None:
        return []
    messages = json.loads(catalog.read_text(encoding="utf-8"))
    changed = [o for o, sie in sie_texts().items() if o in messages and messages[o] != [sie]]
    if changed:
        for original in changed:
            messages[original] = [sie_texts()[original]]
        tmp = catalog.with_suffix(".tmp")
        tmp.write_text(json.dumps(messages, ensure_ascii=False), encoding="utf-8")
        tmp.replace(catalog)
    return changed
