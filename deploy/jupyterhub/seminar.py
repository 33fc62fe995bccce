"""The seminar part of the hub configuration: course groups, roles, per-role Jupyter settings,
the formgrader service, German JupyterLab. Loaded by jupyterhub_config.py (one machine, tested
by tests/test_jupyterhub_seminar.py) and usable alone on The Littlest JupyterHub
(/opt/tljh/config/jupyterhub_config.d/, see course/trainer/jupyterhub.md).

Follows nbgrader's "Using nbgrader with JupyterHub" (JupyterHubAuthPlugin, groups
`formgrade-<kurs>` and `nbgrader-<kurs>`, the formgrader as a hub service named like the
course, running as its own grader account) and its demo `demo_multiple_classes` (roles
instead of an admin token).

Environment variables:

    KOMMSOCIAL_KURS            course id = name of the formgrader service (default: kommsocial)
    KOMMSOCIAL_TRAINER         hub user names of the trainers, comma-separated (default: trainer)
    KOMMSOCIAL_TEILNEHMENDE    hub user names of the participants, comma-separated
    KOMMSOCIAL_GRADER          Unix account the formgrader runs as (default: grader-<kurs>)
    KOMMSOCIAL_SEMINAR         seminar folder (`kommsocial seminar anlegen`) of the grader account
                               (default: ~<grader>/<kurs>)
    KOMMSOCIAL_EXCHANGE        nbgrader exchange folder, mode 777 (default: /srv/nbgrader/exchange)
    KOMMSOCIAL_FORMGRADER_PORT port of the formgrader service on 127.0.0.1 (default: 9999)
    KOMMSOCIAL_USER_BIN        bin folder of the single-user environment (default: the hub's;
                               on The Littlest JupyterHub /opt/tljh/user/bin)
    KOMMSOCIAL_KURSMATERIAL    course/ folder copied once into each new home as ~/kommsocial-kurs
                               (default: course/ of this checkout; empty: no copy)
"""

from __future__ import annotations

import os
import pwd
import shutil
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (provided by JupyterHub)

HERE = Path(__file__).resolve().parent
USER_BIN = Path(os.environ.get("KOMMSOCIAL_USER_BIN") or Path(sys.executable).parent)


def _names(var: str, default: str = "") -> list[str]:
    return [n.strip() for n in os.environ.get(var, default).split(",") if n.strip()]


KURS = os.environ.get("KOMMSOCIAL_KURS", "kommsocial")
TRAINER = _names("KOMMSOCIAL_TRAINER", "trainer")
TEILNEHMENDE = _names("KOMMSOCIAL_TEILNEHMENDE")
GRADER = os.environ.get("KOMMSOCIAL_GRADER", f"grader-{KURS}")
EXCHANGE = os.environ.get("KOMMSOCIAL_EXCHANGE", "/srv/nbgrader/exchange")
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
        "PATH": os.pathsep.join([str(USER_BIN), "/usr/local/bin", "/usr/bin", "/bin"]),
    }


# German JupyterLab for everyone: the same overrides.json as `kommsocial lab`, in the
# single-user environment's share/jupyter/lab/settings (jupyterlab-language-pack-de-de is a
# dependency of kommsocial).
try:
    from kommsocial.launch import ensure_german_ui

    ensure_german_ui(USER_BIN.parent)
except ImportError:  # hub environment without kommsocial (TLJH): see the trainer guide
    pass

# --- Groups and roles ---------------------------------------------------------------------
# nbgrader reads the groups: formgrade-<kurs> may grade, nbgrader-<kurs> takes part.
# The trainer is in both, as in nbgrader's demo (the trainer can try an assignment out).
# The grader account is a hub user in formgrade-<kurs> as in nbgrader's docs (the formgrader
# asks the hub for its own groups); it is not in allowed_users, so nobody logs in as it.
# Added to what the hub already has (TLJH's own roles and services, e.g. its idle culler, stay).
c.JupyterHub.load_groups.update({
    f"formgrade-{KURS}": {"users": [*TRAINER, GRADER]},
    f"nbgrader-{KURS}": {"users": [*TRAINER, *TEILNEHMENDE]},
})
c.JupyterHub.load_roles.extend([
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
])


# --- Single-user servers: role settings and course copy ------------------------------------
def _copy_material(home: Path, owner: pwd.struct_passwd, trainer: bool) -> None:
    """Copy the course notebooks into a new home once (the participant's own copy to work in)."""
    if not KURSMATERIAL or not Path(KURSMATERIAL).is_dir() or not home.is_dir():
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
    try:
        account = pwd.getpwnam(name)
    except KeyError:  # the spawner makes the account itself (TLJH: jupyter-<name>)
        return
    _copy_material(Path(account.pw_dir), account, rolle == "trainer")


c.Spawner.pre_spawn_hook = pre_spawn_hook
# German hub pages (login, start page, errors, server start): templates/ beside this file extend JupyterHub's.
if (HERE / "templates").is_dir():
    c.JupyterHub.template_paths = [str(HERE / "templates")]
c.Spawner.default_url = "/lab"

# --- The formgrader: a hub service named like the course, as the grader account ----------
# Open it from the trainer's JupyterLab (menu "Nbgrader" → "Course List") or directly at
# /services/<kurs>/lab?formgrader=true. JupyterHub >= 4.1 forbids it in an iframe on the same
# origin: it opens in its own browser tab (nbgrader docs, "Formgrader with jupyterhub>=4.1").
c.JupyterHub.services.append(
    {
        "name": KURS,
        "url": f"http://127.0.0.1:{FORMGRADER_PORT}",
        "command": [str(USER_BIN / "jupyterhub-singleuser"), f"--ServerApp.root_dir={SEMINAR}"],
        "user": GRADER,
        "cwd": str(SEMINAR),
        "environment": {**_jupyter_env("formgrader"), "HOME": str(_home(GRADER)), "USER": GRADER,
                        "JUPYTERHUB_DEFAULT_URL": "/lab"},
        "oauth_no_confirm": True,
    },
)
