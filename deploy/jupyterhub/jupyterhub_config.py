"""JupyterHub for a KommSocial seminar: one trainer (or several), participants, nbgrader exchange.

Follows nbgrader's "Using nbgrader with JupyterHub" (JupyterHubAuthPlugin, groups
`formgrade-<kurs>` and `nbgrader-<kurs>`, the formgrader as a hub service named like the
course, running as its own grader account) and its demo `demo_multiple_classes` (roles
instead of an admin token). Tested by tests/test_jupyterhub_seminar.py; the trainer's guide
is course/trainer/jupyterhub.md, the short English notes are deploy/README.md.

Hub users are local Unix users (PAM login, LocalProcessSpawner): each single-user server runs
as its own operating-system account, so nbgrader's student id (the OS user name) is the hub
user name and the exchange's Unix permissions keep participants apart. The hub runs as root.

Everything site-specific comes from environment variables:

    KOMMSOCIAL_KURS            course id = name of the formgrader service (default: kommsocial)
    KOMMSOCIAL_TRAINER         hub user names of the trainers, comma-separated (default: trainer)
    KOMMSOCIAL_TEILNEHMENDE    hub user names of the participants, comma-separated
    KOMMSOCIAL_GRADER          Unix account the formgrader runs as (default: grader-<kurs>)
    KOMMSOCIAL_SEMINAR         seminar folder (`kommsocial seminar init`) of the grader account
                               (default: ~<grader>/<kurs>)
    KOMMSOCIAL_EXCHANGE        nbgrader exchange folder, mode 777 (default: /srv/nbgrader/exchange)
    KOMMSOCIAL_HUB_DIR         hub state: database, cookie secret, pid files (default: /srv/jupyterhub)
    KOMMSOCIAL_HUB_IP          public address of the proxy (default: all addresses)
    KOMMSOCIAL_HUB_PORT        public port of the proxy (default: 8000)
    KOMMSOCIAL_HUB_API_PORT    hub's internal port on 127.0.0.1 (default: 8081)
    KOMMSOCIAL_PROXY_API_PORT  proxy's API port on 127.0.0.1 (default: 8001)
    KOMMSOCIAL_FORMGRADER_PORT port of the formgrader service on 127.0.0.1 (default: 9999)
    KOMMSOCIAL_KURSMATERIAL    course/ folder copied once into each new home as ~/kommsocial-kurs
                               (default: course/ of this checkout; empty: no copy)
    KOMMSOCIAL_CHP             configurable-http-proxy executable (default: PATH, then this venv)
"""

from __future__ import annotations

import os
import pwd
import shutil
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (provided by JupyterHub)

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent  # hub and single-user servers share this environment


def _names(var: str, default: str = "") -> list[str]:
    return [n.strip() for n in os.environ.get(var, default).split(",") if n.strip()]


KURS = os.environ.get("KOMMSOCIAL_KURS", "kommsocial")
TRAINER = _names("KOMMSOCIAL_TRAINER", "trainer")
TEILNEHMENDE = _names("KOMMSOCIAL_TEILNEHMENDE")
GRADER = os.environ.get("KOMMSOCIAL_GRADER", f"grader-{KURS}")
EXCHANGE = os.environ.get("KOMMSOCIAL_EXCHANGE", "/srv/nbgrader/exchange")
HUB_DIR = Path(os.environ.get("KOMMSOCIAL_HUB_DIR", "/srv/jupyterhub"))
FORMGRADER_PORT = int(os.environ.get("KOMMSOCIAL_FORMGRADER_PORT", "9999"))


def _home(user: str) -> Path:
    try:
        return Path(pwd.getpwnam(user).pw_dir)
    except KeyError:
        return Path("/home") / user


SEMINAR = Path(os.environ.get("KOMMSOCIAL_SEMINAR") or _home(GRADER) / KURS)


def _default_material() -> str:
    try:
        from kommsocial import paths

        return str(paths.course_dir())
    except Exception:  # noqa: BLE001 (installed without a checkout: no course to copy)
        return ""


KURSMATERIAL = os.environ.get("KOMMSOCIAL_KURSMATERIAL", _default_material())

# Per-role Jupyter configuration (nbgrader's extension table): page_config.json hides the
# labextensions, jupyter_server_config.json switches the server extensions off.
CONFIG = HERE / "config"
ROLLEN = {"teilnehmende": CONFIG / "teilnehmende", "trainer": CONFIG / "trainer",
          "formgrader": CONFIG / "formgrader"}
GEMEINSAM = CONFIG / "gemeinsam"  # nbgrader_config.py for every account (exchange, auth plugin)


def _jupyter_env(rolle: str) -> dict[str, str]:
    return {
        "JUPYTER_CONFIG_PATH": os.pathsep.join([str(ROLLEN[rolle]), str(GEMEINSAM)]),
        "KOMMSOCIAL_KURS": KURS,
        "KOMMSOCIAL_EXCHANGE": EXCHANGE,
        "PATH": os.pathsep.join([str(BIN), "/usr/local/bin", "/usr/bin", "/bin"]),
    }


# German JupyterLab for everyone: the same overrides.json as `kommsocial lab` in this
# environment's share/jupyter/lab/settings (jupyterlab-language-pack-de-de is a dependency).
try:
    from kommsocial.launch import ensure_german_ui

    ensure_german_ui(Path(sys.prefix))
except ImportError:  # pragma: no cover (hub without the kommsocial package)
    pass

# --- Hub, proxy, state -------------------------------------------------------------------
HUB_DIR.mkdir(parents=True, exist_ok=True)
c.JupyterHub.ip = os.environ.get("KOMMSOCIAL_HUB_IP", "")
c.JupyterHub.port = int(os.environ.get("KOMMSOCIAL_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ.get("KOMMSOCIAL_HUB_API_PORT", "8081"))
c.JupyterHub.db_url = f"sqlite:///{HUB_DIR / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(HUB_DIR / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(HUB_DIR / "jupyterhub.pid")
c.ConfigurableHTTPProxy.pid_file = str(HUB_DIR / "jupyterhub-proxy.pid")
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{os.environ.get('KOMMSOCIAL_PROXY_API_PORT', '8001')}"
c.ConfigurableHTTPProxy.command = [os.environ.get("KOMMSOCIAL_CHP") or shutil.which("configurable-http-proxy")
                                   or str(BIN / "configurable-http-proxy")]
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every single-user server

# --- Users, login, groups, roles ---------------------------------------------------------
c.JupyterHub.authenticator_class = "pam"  # local Unix accounts
c.Authenticator.allowed_users = set(TRAINER) | set(TEILNEHMENDE)
c.Authenticator.admin_users = set(_names("KOMMSOCIAL_HUB_ADMINS"))

# nbgrader reads the groups: formgrade-<kurs> may grade, nbgrader-<kurs> takes part.
# The trainer is in both, as in nbgrader's demo (the trainer can try an assignment out).
# The grader account is a hub user in formgrade-<kurs> as in nbgrader's docs (the formgrader
# asks the hub for its own groups); it is not in allowed_users, so nobody logs in as it.
c.JupyterHub.load_groups = {
    f"formgrade-{KURS}": {"users": [*TRAINER, GRADER]},
    f"nbgrader-{KURS}": {"users": [*TRAINER, *TEILNEHMENDE]},
}
c.JupyterHub.load_roles = [
    # Tokens of the single-user servers: what nbgrader's extensions ask the hub, no more
    # (intersected with the owner's own permissions).
    {"name": "server", "scopes": ["users:activity!user", "access:servers!server",
                                  "read:users:name!user", "read:users:groups!user",
                                  "list:services", "read:services"]},
    # Only the formgrade group may open the formgrader service.
    {"name": f"formgrade-{KURS}", "groups": [f"formgrade-{KURS}"],
     "scopes": [f"access:services!service={KURS}", "list:services", f"read:services!service={KURS}"]},
    {"name": f"nbgrader-{KURS}", "groups": [f"nbgrader-{KURS}"],
     "scopes": ["list:services", f"read:services!service={KURS}"]},
    # The formgrader puts people it adds to the gradebook into nbgrader-<kurs>
    # (JupyterHubAuthPlugin.add_student_to_course) and reads their groups.
    {"name": f"formgrader-{KURS}", "services": [KURS],
     "scopes": ["list:users", "read:users:name", "read:users:groups", "list:groups", "read:groups",
                f"groups!group=nbgrader-{KURS}"]},
]

# --- Single-user servers ------------------------------------------------------------------
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120


def _copy_material(home: Path, owner: pwd.struct_passwd, trainer: bool) -> None:
    """Copy the course notebooks into a new home once (the participant's own copy to work in)."""
    if not KURSMATERIAL or not Path(KURSMATERIAL).is_dir():
        return
    target = home / "kommsocial-kurs"
    if target.exists():
        return
    ignore = ["__pycache__", ".ipynb_checkpoints"] + ([] if trainer else ["trainer"])
    shutil.copytree(KURSMATERIAL, target, ignore=shutil.ignore_patterns(*ignore))
    for path in [target, *target.rglob("*")]:
        os.chown(path, owner.pw_uid, owner.pw_gid, follow_symlinks=False)


def pre_spawn_hook(spawner) -> None:
    name = spawner.user.name
    rolle = "trainer" if name in TRAINER else "teilnehmende"
    spawner.environment.update(_jupyter_env(rolle))
    account = pwd.getpwnam(name)
    _copy_material(Path(account.pw_dir), account, rolle == "trainer")


c.Spawner.pre_spawn_hook = pre_spawn_hook

# --- The formgrader: a hub service named like the course, as the grader account ----------
# Open it from the trainer's JupyterLab (menu "Nbgrader" → "Kurse") or directly at
# /services/<kurs>/lab?formgrader=true. JupyterHub >= 4.1 forbids it in an iframe on the same
# origin: it opens in its own browser tab (nbgrader docs, "Formgrader with jupyterhub>=4.1").
c.JupyterHub.services = [
    {
        "name": KURS,
        "url": f"http://127.0.0.1:{FORMGRADER_PORT}",
        "command": [str(BIN / "jupyterhub-singleuser"), f"--ServerApp.root_dir={SEMINAR}"],
        "user": GRADER,
        "cwd": str(SEMINAR),
        "environment": {**_jupyter_env("formgrader"), "HOME": str(_home(GRADER)), "USER": GRADER,
                        "JUPYTERHUB_DEFAULT_URL": "/lab"},
        "oauth_no_confirm": True,
    },
]
