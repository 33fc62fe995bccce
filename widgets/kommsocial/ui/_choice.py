"""Widget values from the browser are untrusted: a crafted message can clear a selection or omit fields."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets


def chosen(selector: widgets.widget_selection._Selection) -> Any:
    """The selected value; an emptied selection (index None) falls back to the first option."""
    if selector.value is None and selector.options:
        selector.index = 0
    return selector.value


def uploaded_file(item: Any) -> tuple[bytes, str] | None:
    """(content, name) of one FileUpload entry, or None when the entry lacks them."""
    try:
        content, name = item["content"], item.get("name") or "Datei"
        return bytes(content), str(name)
    except (KeyError, TypeError, AttributeError, ValueError):
        return None
