"""Database URLs in user messages: without the password, and why a URL does not work (German)."""

from __future__ import annotations

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

DRIVER_MODULE = "psycopg"  # SQLAlchemy 2.1's driver for postgresql://, installed with KommSocial


def shown_url(url: str) -> str:
    """The URL for messages, with the password replaced by ***."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def why_unusable(url: str, exc: BaseException) -> tuple[str, str]:
    """(what is wrong, what to do) for a database URL that failed with `exc`, in German."""
    shown = shown_url(url)
    if isinstance(exc, (ArgumentError, NoSuchModuleError)):
        hint = ("Nennen Sie einen Ordner, eine SQLite-Datei oder eine Adresse wie "
                "postgresql://benutzer:passwort@server/datenbank.")
        return f"Die Datenbank-Adresse „{shown}“ ist ungültig.", hint
    if isinstance(exc, ImportError):
        module = exc.name or str(exc)
        if module.split(".")[0] == DRIVER_MODULE:
            hint = "Installieren Sie KommSocial neu (make start) oder den Treiber: pip install 'psycopg[binary]'."
        else:
            hint = (f"Installieren Sie das Python-Paket für „{module}“ oder schreiben Sie die Adresse als "
                    "postgresql://…; den Treiber dafür (psycopg) bringt KommSocial mit.")
        return f"Für die Datenbank-Adresse „{shown}“ fehlt der Datenbanktreiber ({module}).", hint
    lines = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    detail = lines[0][:300] if lines else type(exc).__name__
    hint = ("Prüfen Sie, ob der Datenbankserver läuft, und prüfen Sie Server, Port, Benutzername, Passwort und "
            "Datenbanknamen in der Adresse.")
    return f"Die Datenbank „{shown}“ ist nicht erreichbar (Meldung: {detail}).", hint
