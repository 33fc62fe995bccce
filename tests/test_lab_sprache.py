"""JupyterLab speaks to participants with "Sie": the language pack's "du" dialogs are replaced."""

from __future__ import annotations

import json
import re
import shutil

import yaml

from kommsocial import lab_sprache

DU = re.compile(r"\b(du|dein\w*|dich|dir|Bist|Möchtest|bestätige|Speichere|Überprüfe|schließe|musst|hast|"
                r"kannst)\b")


def test_every_sie_text_is_formal_and_keeps_the_placeholders():
    texts = lab_sprache.sie_texts()
    assert len(texts) >= 13
    data = yaml.safe_load(lab_sprache.DATA.read_text(encoding="utf-8"))
    assert data["stand"] and data["quelle"]
    for original, sie in texts.items():
        assert not DU.search(sie), sie
        assert "Sie" in sie or "Ihre" in sie or not re.search(r"\byou\b", original, re.IGNORECASE), sie
        assert re.findall(r"%\d", sie) == re.findall(r"%\d", original), (original, sie)


def test_apply_changes_only_those_messages_and_only_once(tmp_path):
    catalog = tmp_path / "jupyterlab.json"
    installed = lab_sprache.pack_catalog()
    assert installed is not None, "the German language pack is a dependency"
    shutil.copy(installed, catalog)
    messages = json.loads(catalog.read_text(encoding="utf-8"))
    messages["Save your work"] = ["Speichere deine Arbeit"]  # what the pack ships
    messages["Save"] = ["Speichern"]
    catalog.write_text(json.dumps(messages, ensure_ascii=False), encoding="utf-8")
    assert "Save your work" in lab_sprache.apply(catalog)
    after = json.loads(catalog.read_text(encoding="utf-8"))
    assert after["Save your work"] == ["Speichern Sie Ihre Arbeit"] and after["Save"] == ["Speichern"]
    assert set(after) == set(messages)
    assert lab_sprache.apply(catalog) == []  # nothing left to change


def test_installed_pack_has_no_du_dialogs_after_start():
    from kommsocial.launch import ensure_german_ui

    ensure_german_ui()
    messages = json.loads(lab_sprache.pack_catalog().read_text(encoding="utf-8"))
    du = {k: v for k, v in messages.items() if k and isinstance(v, list)
          and any(DU.search(x or "") for x in v) and "deinstall" not in " ".join(v)}
    assert not du, du
