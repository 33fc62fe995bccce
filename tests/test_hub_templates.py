"""German JupyterHub pages (deploy/jupyterhub/templates/), rendered the way JupyterHub renders them.

JupyterHub puts its own templates under the prefix "templates/" and our folder first on the search path,
so each of our pages extends the original and replaces only its texts. The real hub serves them in
tests/test_jupyterhub_seminar.py; here every page is rendered with the context JupyterHub gives it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader

from conftest import ROOT

OURS = ROOT / "deploy" / "jupyterhub" / "templates"


def _theirs() -> Path:
    from jupyterhub.app import JupyterHub

    return Path(JupyterHub()._template_paths_default()[0])  # where JupyterHub looks for its own pages


THEIRS = _theirs()
ENGLISH = re.compile(r"\b(Sign in|Username|Password|Logout|Login|Home|Services|Start My Server|Stop My Server|"
                     r"Stop Server|Event log|Your server is starting up|Successfully logged out|Forbidden|Not Found)\b")


class _User:
    name = "anna"


class _Server:
    active = True


def _env() -> Environment:
    loader = ChoiceLoader([PrefixLoader({"templates": FileSystemLoader([str(THEIRS)])}, "/"),
                           FileSystemLoader([str(OURS), str(THEIRS)])])
    return Environment(loader=loader, autoescape=True)


def _render(name: str, **extra) -> str:
    context = dict(base_url="/hub/", static_url=lambda p, **k: f"/static/{p}", logo_url="", login_url="/hub/login",
                   logout_url="/hub/logout", user=_User(), parsed_scopes=set(), services=[], xsrf="x",
                   authenticator_login_url="/hub/login", login_service="", custom_html="", username="",
                   login_error=None, authenticator=type("A", (), {"request_otp": False})(), announcement="",
                   default_server=_Server(), url="/hub/user/anna/", allow_named_servers=False,
                   named_server_limit_per_user=0, invalid_server_names=[], spawner=None, progress_url="",
                   status_code=403, status_message="Forbidden", message="You do not have permission",
                   message_html="", extra_error_html="", version_hash="", no_spawner_check=True,
                   server_version="")
    context.update(extra)
    return _env().get_template(name).render(**context)


def _visible(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<details>.*?</details>", " ", page, flags=re.S)  # the server's own message, for admins
    return re.sub(r"<[^>]+>", " ", page)


@pytest.mark.parametrize("name", sorted(p.name for p in OURS.glob("*.html")))
def test_every_page_extends_the_original(name):
    assert THEIRS.joinpath(name).is_file(), f"JupyterHub has no {name} any more"
    assert f'{{% extends "templates/{name}" %}}' in OURS.joinpath(name).read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "german"), [
    ("login.html", ["Anmelden", "Benutzername:", "Passwort:"]),
    ("home.html", ["Mein JupyterLab beenden", "Zu meinem JupyterLab", "Startseite", "Abmelden"]),
    ("spawn_pending.html", ["Ihr JupyterLab wird gestartet."]),
    ("logout.html", ["Sie sind abgemeldet."]),
    ("error.html", ["403: Kein Zugriff", "nur die Seminarleitung", "Zur Startseite"]),
])
def test_pages_are_german(name, german):
    page = _render(name, user=None) if name == "login.html" else _render(name)
    for word in german:
        assert word in page
    assert not ENGLISH.findall(_visible(page)), ENGLISH.findall(_visible(page))


def test_login_form_keeps_what_jupyterhub_reads():
    page = _render("login.html", user=None)
    for needle in ('name="username"', 'name="password"', 'name="_xsrf" value="x"', 'id="login_submit"',
                   'action="/hub/login"'):
        assert needle in page


def test_login_error_and_user_text_are_escaped():
    page = _render("login.html", user=None, username='"><script>alert(1)</script>', login_error="Invalid")
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
    assert "Anmeldung fehlgeschlagen" in page


def test_error_page_keeps_the_server_message_for_the_admin():
    page = _render("error.html", status_code=404, message="No such user")
    assert "404: Seite nicht gefunden" in page and "No such user" in page.split("<details>")[1]


def test_hub_config_uses_the_templates():
    seminar = (ROOT / "deploy" / "jupyterhub" / "seminar.py").read_text(encoding="utf-8")
    assert 'c.JupyterHub.template_paths = [str(HERE / "templates")]' in seminar
