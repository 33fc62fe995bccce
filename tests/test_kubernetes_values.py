"""deploy/kubernetes/: what can be checked without a cluster.

The Helm values and the formgrader manifests parse, and their names and settings match the
hub configuration that tests/test_jupyterhub_seminar.py runs (deploy/jupyterhub/): course id
and service name, groups and roles, the shared exchange volume and its path, the
participants' hidden nbgrader extensions, the shared nbgrader config, resource limits. And
seminar.py adds to a hub's existing settings (as on The Littlest JupyterHub).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlparse

import pytest
import yaml
from traitlets.config import Config, LazyConfigValue

from conftest import ROOT

K8S = ROOT / "deploy" / "kubernetes"
HUB = ROOT / "deploy" / "jupyterhub"
KURS = "kommsocial"


@pytest.fixture(scope="module")
def values() -> dict:
    return yaml.safe_load((K8S / "values.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def manifests() -> dict[tuple[str, str], dict]:
    docs = [d for d in yaml.safe_load_all((K8S / "formgrader.yaml").read_text(encoding="utf-8")) if d]
    return {(d["kind"], d["metadata"]["name"]): d for d in docs}


@pytest.fixture
def hub_config(values, monkeypatch) -> Config:
    """deploy/jupyterhub/seminar.py (the seminar part of the hub config) with the users of values.yaml."""
    import kommsocial.launch

    monkeypatch.setattr(kommsocial.launch, "ensure_german_ui", lambda *a, **k: None)
    users = values["hub"]["config"]["Authenticator"]["allowed_users"]
    monkeypatch.setenv("KOMMSOCIAL_KURS", KURS)
    monkeypatch.setenv("KOMMSOCIAL_TRAINER", "trainer")
    monkeypatch.setenv("KOMMSOCIAL_TEILNEHMENDE", ",".join(u for u in users if u != "trainer"))
    monkeypatch.delenv("KOMMSOCIAL_GRADER", raising=False)
    c = Config()
    path = HUB / "seminar.py"
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"),  # noqa: S102 (our own config file)
         {"get_config": lambda: c, "__file__": str(path), "__name__": "seminar"})
    return c


def _val(value, default):
    """seminar.py adds to the hub's lists and dicts (lazy config values)."""
    return value.get_value(default) if isinstance(value, LazyConfigValue) else value


def _formgrader(manifests) -> dict:
    return manifests[("Deployment", "kommsocial-formgrader")]["spec"]["template"]["spec"]


def _env(container: dict) -> dict[str, object]:
    return {e["name"]: e.get("value", e.get("valueFrom")) for e in container.get("env", [])}


def _bytes(quantity: str) -> float:
    m = re.fullmatch(r"([\d.]+)([KMGT]i?)?", str(quantity))
    assert m, quantity
    unit = {"K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40}
    return float(m.group(1)) * unit.get(m.group(2) or "", 1)


def test_files_parse(values, manifests):
    assert {"hub", "singleuser"} <= set(values)
    assert ("Deployment", "kommsocial-formgrader") in manifests
    assert ("Service", "kommsocial-formgrader") in manifests


def test_roles_and_service_match_the_hub_config(values, hub_config):
    roles = {r["name"]: r for r in _val(hub_config.JupyterHub.load_roles, [])}
    assert set(values["hub"]["loadRoles"]) == set(roles)
    for name, role in values["hub"]["loadRoles"].items():
        for key in ("scopes", "groups", "services"):
            assert role.get(key) == roles[name].get(key), (name, key)
    services = {s["name"]: s for s in _val(hub_config.JupyterHub.services, [])}
    assert set(values["hub"]["services"]) == set(services) == {KURS}
    assert values["hub"]["services"][KURS]["oauth_no_confirm"] is services[KURS]["oauth_no_confirm"]


def test_groups_match_the_hub_config(values, hub_config):
    c = Config()
    exec(values["hub"]["extraConfig"]["kommsocial-groups"], {"c": c})  # noqa: S102
    assert c.JupyterHub.load_groups == _val(hub_config.JupyterHub.load_groups, {})
    assert set(c.JupyterHub.load_groups) == {f"formgrade-{KURS}", f"nbgrader-{KURS}"}


def test_formgrader_pod_is_the_hub_service(values, manifests, hub_config):
    url = urlparse(values["hub"]["services"][KURS]["url"])
    service = manifests[("Service", "kommsocial-formgrader")]
    assert url.hostname == service["metadata"]["name"]
    assert url.port == service["spec"]["ports"][0]["port"]
    pod = _formgrader(manifests)
    assert service["spec"]["selector"] == manifests[("Deployment", "kommsocial-formgrader")]["spec"]["selector"][
        "matchLabels"]
    (container,) = pod["containers"]
    env = _env(container)
    assert env["JUPYTERHUB_SERVICE_NAME"] == KURS
    assert env["JUPYTERHUB_SERVICE_PREFIX"] == f"/services/{KURS}/"
    assert env["JUPYTERHUB_USER"] == f"grader-{KURS}"
    assert f"grader-{KURS}" in _val(hub_config.JupyterHub.load_groups, {})[f"formgrade-{KURS}"]["users"]
    assert env["JUPYTERHUB_API_TOKEN"]["secretKeyRef"]["key"] == f"hub.services.{KURS}.apiToken"
    assert env["KOMMSOCIAL_KURS"] == KURS
    assert f"--ServerApp.port={url.port}" in container["command"][-1]
    # The gradebook is PostgreSQL, its URL a Secret.
    assert "--db \"$KOMMSOCIAL_GRADEBOOK_URL\"" in container["command"][-1]
    assert env["KOMMSOCIAL_GRADEBOOK_URL"]["secretKeyRef"]["name"] == "kommsocial-gradebook"


def test_one_shared_exchange_volume(values, manifests):
    su = values["singleuser"]
    exchange = su["extraEnv"]["KOMMSOCIAL_EXCHANGE"]
    (vol,) = [v for v in su["storage"]["extraVolumes"] if v["name"] == "nbgrader-exchange"]
    (mount,) = [m for m in su["storage"]["extraVolumeMounts"] if m["name"] == "nbgrader-exchange"]
    assert mount["mountPath"] == exchange
    claim = vol["persistentVolumeClaim"]["claimName"]
    pvc = manifests[("PersistentVolumeClaim", claim)]
    assert pvc["spec"]["accessModes"] == ["ReadWriteMany"]
    pod = _formgrader(manifests)
    (container,) = pod["containers"]
    assert _env(container)["KOMMSOCIAL_EXCHANGE"] == exchange
    mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
    claims = {v["name"]: v.get("persistentVolumeClaim", {}).get("claimName") for v in pod["volumes"]}
    assert [mounts[n] for n, c in claims.items() if c == claim] == [exchange]
    assert f"--exchange-root {exchange}" in container["command"][-1]


def test_participants_get_the_files_of_deploy_jupyterhub(values, manifests):
    su = values["singleuser"]
    files = su["extraFiles"]
    paths = su["extraEnv"]["JUPYTER_CONFIG_PATH"].split(":")
    assert [Path(p).name for p in paths] == ["teilnehmende", "gemeinsam"]
    page = json.loads((HUB / "config" / "teilnehmende" / "labconfig" / "page_config.json").read_text())
    server = json.loads((HUB / "config" / "teilnehmende" / "jupyter_server_config.json").read_text())
    assert files["teilnehmende-page-config"]["data"] == page
    assert files["teilnehmende-page-config"]["mountPath"] == f"{paths[0]}/labconfig/page_config.json"
    assert files["teilnehmende-server-config"]["data"] == server
    assert files["teilnehmende-server-config"]["mountPath"] == f"{paths[0]}/jupyter_server_config.json"
    shared = (HUB / "config" / "gemeinsam" / "nbgrader_config.py").read_text()
    k8s_shared = files["gemeinsam-nbgrader-config"]["stringData"]
    assert files["gemeinsam-nbgrader-config"]["mountPath"] == f"{paths[1]}/nbgrader_config.py"
    settings = [ln for ln in shared.splitlines() if ln.startswith(("c.", "from ", "import "))]
    assert settings and all(ln in k8s_shared.splitlines() for ln in settings)
    # The formgrader pod's config map items name files that exist in deploy/jupyterhub/config/.
    pod = _formgrader(manifests)
    (cm,) = [v["configMap"] for v in pod["volumes"] if "configMap" in v]
    for item in cm["items"]:
        assert (HUB / "config" / item["path"]).is_file(), item
    formgrader_dirs = _env(pod["containers"][0])["JUPYTER_CONFIG_PATH"].split(":")
    assert [Path(p).name for p in formgrader_dirs] == ["formgrader", "gemeinsam"]


def test_resource_limits(values, manifests):
    su = values["singleuser"]
    assert 0 < _bytes(su["memory"]["guarantee"]) <= _bytes(su["memory"]["limit"])
    assert 0 < float(su["cpu"]["guarantee"]) <= float(su["cpu"]["limit"])
    # A participant server with three course notebooks open needs about 600 MB (see values.yaml).
    assert _bytes(su["memory"]["limit"]) >= 600e6
    res = _formgrader(manifests)["containers"][0]["resources"]
    assert 0 < _bytes(res["requests"]["memory"]) <= _bytes(res["limits"]["memory"])
    assert 0 < float(res["requests"]["cpu"]) <= float(res["limits"]["cpu"])


def test_one_uid_per_hub_user(values):
    c = Config()
    c.KubeSpawner.environment = {}
    exec(values["hub"]["extraConfig"]["kommsocial-uid"], {"c": c})  # noqa: S102
    uid = c.KubeSpawner.environment["NB_UID"]
    users = values["hub"]["config"]["Authenticator"]["allowed_users"]
    uids = [uid(SimpleNamespace(user=SimpleNamespace(name=u))) for u in users]
    assert len(set(uids)) == len(users)
    assert all(20000 <= int(u) < 60000 for u in uids)
    assert uid(SimpleNamespace(user=SimpleNamespace(name=users[0]))) == uids[0]  # stable


def test_seminar_config_adds_to_an_existing_hub_config(monkeypatch):
    """On The Littlest JupyterHub seminar.py is loaded after TLJH's own settings: they stay."""
    import kommsocial.launch

    monkeypatch.setattr(kommsocial.launch, "ensure_german_ui", lambda *a, **k: None)
    monkeypatch.setenv("KOMMSOCIAL_TEILNEHMENDE", "tn01")
    c = Config()
    c.JupyterHub.services = [{"name": "cull-idle", "command": ["cull"]}]
    c.JupyterHub.load_roles = [{"name": "tljh-culler", "services": ["cull-idle"], "scopes": ["list:users"]}]
    path = HUB / "seminar.py"
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"),  # noqa: S102
         {"get_config": lambda: c, "__file__": str(path), "__name__": "seminar"})
    assert [s["name"] for s in c.JupyterHub.services] == ["cull-idle", KURS]
    assert [r["name"] for r in c.JupyterHub.load_roles][:1] == ["tljh-culler"]
    assert _val(c.JupyterHub.load_groups, {})[f"nbgrader-{KURS}"]["users"] == ["trainer", "tn01"]
