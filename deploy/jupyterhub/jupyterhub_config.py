"""JupyterHub for a KommSocial seminar on one machine (tested by tests/test_jupyterhub_seminar.py).

Hub users are local Unix users (PAM login, LocalProcessSpawner): each single-user server runs
as its own operating-system account, so nbgrader's student id (the OS user name) is the hub
user name and the exchange's Unix permissions keep participants apart. The hub runs as root.
The seminar itself (groups, roles, formgrader service, German JupyterLab, hidden trainer
tools) is seminar.py beside this file; the trainer's guide is course/trainer/jupyterhub.md.

Environment variables of this file (those of the seminar: see seminar.py):

    KOMMSOCIAL_HUB_DIR         hub state: database, cookie secret, pid files (default: /srv/jupyterhub)
    KOMMSOCIAL_HUB_IP          public address of the proxy (default: all addresses)
    KOMMSOCIAL_HUB_PORT        public port of the proxy (default: 8000)
    KOMMSOCIAL_HUB_API_PORT    hub's internal port on 127.0.0.1 (default: 8081)
    KOMMSOCIAL_PROXY_API_PORT  proxy's API port on 127.0.0.1 (default: 8001)
    KOMMSOCIAL_CHP             configurable-http-proxy executable (default: PATH, then this venv)
    KOMMSOCIAL_HUB_ADMINS      hub administrators, comma-separated (default: none)
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (provided by JupyterHub)

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent  # hub and single-user servers share this environment
HUB_DIR = Path(os.environ.get("KOMMSOCIAL_HUB_DIR", "/srv/jupyterhub"))

load_subconfig(str(HERE / "seminar.py"))  # noqa: F821 (provided by JupyterHub)

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


# --- Users and login: local Unix accounts -------------------------------------------------
# Allowed: the trainers and the participants of seminar.py (KOMMSOCIAL_TRAINER, KOMMSOCIAL_TEILNEHMENDE).
c.JupyterHub.authenticator_class = "pam"
c.Authenticator.allowed_users = {
    n.strip() for var, default in (("KOMMSOCIAL_TRAINER", "trainer"), ("KOMMSOCIAL_TEILNEHMENDE", ""))
    for n in os.environ.get(var, default).split(",") if n.strip()
}
c.Authenticator.admin_users = {n.strip() for n in os.environ.get("KOMMSOCIAL_HUB_ADMINS", "").split(",") if n.strip()}

# --- Single-user servers as those accounts -------------------------------------------------
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
c.Spawner.notebook_dir = "~"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
