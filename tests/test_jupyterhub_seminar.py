"""A whole seminar on a real JupyterHub started from deploy/jupyterhub/jupyterhub_config.py.

The hub (PyPI `jupyterhub`, proxy `configurable-http-proxy` from npm via scripts/ensure-chp)
runs as root with the LocalProcessSpawner. Trainer, three participants and the formgrader's
grader account are real local Unix users made for this test (unique `ksh<hex>-` names, homes
in a private temporary folder) and removed again in the fixture's teardown, whatever
happened. So every single-user server runs as its own OS account and nbgrader's student id,
the OS user name, is the hub user name: no `jovyan`, no shared uid.

The test drives everything over HTTP, as the browsers would: the hub's REST API (tokens,
servers), the formgrader service's API as the trainer (generate, release, collect, autograde,
generate and release feedback), each participant's own single-user server (nbgrader's
assignment list API: fetch, submit, fetch feedback; the contents API to edit the notebook).
It then checks that nobody sees anyone else's work, that participants have neither the
formgrader nor nbgrader's trainer extensions, and opens a participant's JupyterLab on the hub
in real Chromium to check the German UI. Each step's duration is printed.
"""

from __future__ import annotations

import json
import os
import pwd
import re
import secrets
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import ROOT, free_port

pytestmark = [pytest.mark.slow, pytest.mark.nbgrader]

BIN = Path(sys.executable).parent
DEPLOY = ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"
A = "a02_pressemitteilung"
KURS = "kommsocial"
API_TOKEN = secrets.token_hex(32)

# Test-only additions, loaded after the deployed configuration (which loads seminar.py): a service whose token drives
# the hub's REST API as an administrator would (create tokens, start servers).
TEST_CONFIG = """
import os
load_subconfig({deploy!r})
c = get_config()
c.JupyterHub.services.append({{"name": "pruefung", "api_token": os.environ["KOMMSOCIAL_TEST_API_TOKEN"]}})
if os.environ.get("LD_LIBRARY_PATH"):  # the test's hard-linked interpreter (see shared_env)
    c.Spawner.env_keep.append("LD_LIBRARY_PATH")
    for service in c.JupyterHub.services.get_value([]):  # seminar.py appends (a lazy list)
        service.setdefault("environment", {{}})["LD_LIBRARY_PATH"] = os.environ["LD_LIBRARY_PATH"]
c.JupyterHub.load_roles.append({{"name": "pruefung", "services": ["pruefung"],
    "scopes": ["admin:users", "admin:servers", "tokens", "list:groups", "read:groups",
               "list:services", "read:services"]}})
"""


def chp_path() -> str | None:
    for candidate in (os.environ.get("CHP_PATH"), str(BIN / "configurable-http-proxy"),
                      shutil.which("configurable-http-proxy")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@dataclass
class Hub:
    url: str
    base: Path
    exchange: Path
    seminar: Path
    trainer: str
    participants: list[str]
    grader: str
    log: Path
    proc: subprocess.Popen
    bin: Path
    extra: dict
    tokens: dict[str, str] = field(default_factory=dict)

    def api(self, method: str, path: str, token: str = API_TOKEN, **kw):
        import requests

        return requests.request(method, self.url + path, headers={"Authorization": f"token {token}"},
                                timeout=120, **kw)

    def as_user(self, name: str, method: str, path: str, **kw):
        return self.api(method, path, token=self.tokens[name], **kw)

    def fail(self, msg: str):
        pytest.fail(f"{msg}\n--- hub log (end) ---\n{self.log.read_text(errors='replace')[-6000:]}")


# --- Unix users and processes ----------------------------------------------------------------

def _uid(name: str) -> int | None:
    try:
        return pwd.getpwnam(name).pw_uid
    except KeyError:
        return None


def _pids_of(uids: set[int], marker: str) -> list[int]:
    """Processes run by the test's users, or whose command line names the test's folder."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if entry.stat().st_uid in uids or marker in (entry / "cmdline").read_bytes().decode(errors="replace"):
                found.append(int(entry.name))
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return found


def _rss_mb(uid: int | None) -> float:
    """Resident memory of all processes of one Unix user, in MB."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if entry.stat().st_uid != uid:
                continue
            for line in (entry / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total / 1024


def _kill(pids: list[int]) -> None:
    for pid in pids:
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def open_way_for_users(paths: list[Path]) -> list[tuple[Path, int]]:
    """Let every Unix user pass (search, not list) the folders above `paths`; returns what to restore.

    A clean clone may sit below a folder only its owner may enter (/root, or a 0700 mktemp folder),
    yet the hub runs each participant's server as that participant. Only the search bit is added,
    and only for the test's duration: the teardown puts every mode back.
    """
    changed: list[tuple[Path, int]] = []
    for path in paths:
        for folder in reversed([path.resolve(), *path.resolve().parents]):
            mode = folder.stat().st_mode
            if folder.is_dir() and not mode & stat.S_IXOTH and all(folder != f for f, _ in changed):
                changed.append((folder, stat.S_IMODE(mode)))
                folder.chmod(stat.S_IMODE(mode) | stat.S_IXOTH)
    return changed


def restore_modes(changed: list[tuple[Path, int]]) -> None:
    for folder, mode in reversed(changed):
        with suppress(OSError):
            folder.chmod(mode)


def _world_executable(path: Path) -> bool:
    """Can every Unix user run this file (all folders on the way searchable)?"""
    path = path.resolve()
    return all(p.stat().st_mode & 0o001 for p in [path, *path.parents])


def _link_tree(src: Path, dest: Path, skip: set[Path]) -> None:
    """Hard-link copy of a folder (a copy where links cannot be made); nothing of src changes."""
    for dirpath, dirnames, filenames in os.walk(src):
        here = Path(dirpath)
        dirnames[:] = [d for d in dirnames if here / d not in skip]
        target = dest / here.relative_to(src)
        target.mkdir(parents=True, exist_ok=True)
        target.chmod(here.stat().st_mode & 0o7777)
        for name in filenames:
            f = here / name
            if f.is_symlink():
                (target / name).symlink_to(os.readlink(f))
                continue
            try:
                os.link(f, target / name)
            except OSError:
                shutil.copy2(f, target / name)


def shared_env(base: Path) -> tuple[Path, dict[str, str]]:
    """bin/ folder of an environment every test user can run, and the variables it needs.

    The project venv is used as it is when its interpreter is world-executable. Where it is not
    (this machine's venv is built on a pyenv Python under /root, which other users cannot
    enter), the base interpreter is hard-linked into the test folder (same files, no copy of
    its site-packages) and a venv on it uses the project venv's site-packages, share/ and etc/
    (the same packages, labextensions, server extension config and overrides.json), with the
    venv's console scripts pointed at the new interpreter. The interpreter links libpython by
    an absolute RUNPATH, hence LD_LIBRARY_PATH. (Debian's python3.11 is no substitute: 3.11.2's
    `re` mishandles possessive quantifiers, and nbconvert's HTML export fails on it.)
    """
    ver = f"python{sys.version_info.major}.{sys.version_info.minor}"
    needed = [ROOT / "widgets" / "kommsocial" / "__init__.py", ROOT / "deploy" / "jupyterhub" / "config",
              BIN.parent / "lib" / ver / "site-packages"]
    if not all(_world_executable(p.parent) for p in needed):
        pytest.fail(f"the checkout {ROOT} and its .venv must be readable by other users: the hub runs each "
                    "participant's server as their own Unix user (clone it outside /root)")
    if _world_executable(Path(sys.executable)):
        return BIN, {}
    src = Path(sys.base_prefix)
    py = base / "python"
    _link_tree(src, py, skip={src / "lib" / ver / "site-packages"})
    (py / "lib" / ver / "site-packages").mkdir(exist_ok=True)
    extra = {"LD_LIBRARY_PATH": str(py / "lib")}
    env = base / "env"
    subprocess.run([str(py / "bin" / ver), "-m", "venv", "--without-pip", str(env)], check=True,
                   capture_output=True, env={**os.environ, **extra})
    venv = BIN.parent
    (env / "lib" / ver / "site-packages" / "kommsocial-venv.pth").write_text(
        f"import site; site.addsitedir({str(venv / 'lib' / ver / 'site-packages')!r})\n")
    for name in ("share", "etc"):
        (env / name).symlink_to(venv / name)
    shebang = f"#!{env / 'bin' / 'python'}\n"
    for script in BIN.iterdir():
        target = env / "bin" / script.name
        if target.exists() or not script.is_file() or script.is_symlink():
            continue
        with script.open("rb") as fh:
            first = fh.readline()
            if not first.startswith(b"#!") or b"python" not in first:
                continue
            target.write_bytes(shebang.encode() + fh.read())
        target.chmod(0o755)
    return env / "bin", extra


def run_as(name: str, *cmd: str, home: Path, check: bool = True, extra: dict | None = None,
           **kw) -> subprocess.CompletedProcess:
    env = {"HOME": str(home), "USER": name, "PATH": f"{Path(cmd[0]).parent}:/usr/sbin:/usr/bin:/sbin:/bin",
           "LANG": "C.UTF-8", **(extra or {})}
    r = subprocess.run([shutil.which("runuser") or "/usr/sbin/runuser", "-u", name, "--", *cmd], env=env, cwd=home,
                       capture_output=True, text=True, **kw)
    if check and r.returncode:
        pytest.fail(f"as {name}: {' '.join(cmd)} exited {r.returncode}\n{r.stdout}\n{r.stderr}")
    return r


class Steps:
    """Times each step and prints it (also when pytest captures output)."""

    def __init__(self, capsys, record_property):
        self.capsys = capsys
        self.record = record_property  # kept in the report (also under pytest-xdist, which hides prints)
        self.times: list[tuple[str, float]] = []

    @contextmanager
    def __call__(self, name: str):
        t0 = time.perf_counter()
        yield
        dt = time.perf_counter() - t0
        self.times.append((name, dt))
        self.record(f"seconds: {name}", round(dt, 2))
        with self.capsys.disabled():
            print(f"\n[jupyterhub-seminar] {name}: {dt:.1f} s", flush=True)


@pytest.fixture
def steps(capsys, record_property):
    return Steps(capsys, record_property)


@pytest.fixture
def hub(steps):
    if os.geteuid() != 0:
        pytest.skip("needs root: the hub runs each user's server as a local Unix user (CI runs as root)")
    for tool in ("useradd", "userdel", "runuser", "chpasswd"):
        if not shutil.which(tool):
            pytest.skip(f"{tool} missing")
    if not (BIN / "jupyterhub").exists():
        pytest.fail("jupyterhub missing: pip install -e '.[test]' (make test does)")
    chp = chp_path()
    if not chp:
        pytest.fail("configurable-http-proxy missing: run `bash scripts/ensure-chp` (make test does)")

    suffix = secrets.token_hex(3)
    trainer, grader = f"ksh{suffix}-trainer", f"ksh{suffix}-grader"
    participants = [f"ksh{suffix}-tn{i}" for i in (1, 2, 3)]
    base = Path(tempfile.mkdtemp(prefix=f"kommsocial-hub-{suffix}-"))
    base.chmod(0o755)  # the users' homes live below it
    created: list[str] = []
    opened: list[tuple[Path, int]] = []
    proc = None
    try:
        opened = open_way_for_users([ROOT / "widgets", ROOT / "deploy", ROOT / "solutions", BIN.parent])
        with steps("setup: Unix users, exchange, seminar folder"):
            (base / "home").mkdir()
            (base / "home").chmod(0o755)
            for name in [trainer, *participants, grader]:
                home = base / "home" / name
                subprocess.run(["useradd", "--no-create-home", "--home-dir", str(home), "--shell", "/bin/bash",
                                "--user-group", name], check=True, capture_output=True)
                created.append(name)
                home.mkdir()
                os.chown(home, _uid(name), pwd.getpwnam(name).pw_gid)
                home.chmod(0o700)
            subprocess.run(["chpasswd"], input="".join(f"{n}:pw-{n}\n" for n in participants),
                           text=True, check=True, capture_output=True)
            exchange = base / "exchange"
            exchange.mkdir()
            exchange.chmod(0o777)  # nbgrader's docs: the administrator makes it world-writable
            ebin, extra = shared_env(base)
            seminar = base / "home" / grader / KURS
            run_as(grader, str(ebin / "kommsocial"), "seminar", "init", str(seminar), "--kurs", KURS,
                   "--exchange-root", str(exchange), "--quelle", str(ROOT / "solutions"), home=seminar.parent,
                   extra=extra)
            hubdir = base / "hub"
            hubdir.mkdir(mode=0o700)
            (hubdir / "jupyterhub_config.py").write_text(TEST_CONFIG.format(deploy=str(DEPLOY)))

        port = free_port()
        env = {
            **os.environ,
            "PATH": f"{ebin}{os.pathsep}{os.environ.get('PATH', '')}",
            "KOMMSOCIAL_KURS": KURS,
            "KOMMSOCIAL_TRAINER": trainer,
            "KOMMSOCIAL_TEILNEHMENDE": ",".join(participants),
            "KOMMSOCIAL_GRADER": grader,
            "KOMMSOCIAL_SEMINAR": str(seminar),
            "KOMMSOCIAL_EXCHANGE": str(exchange),
            "KOMMSOCIAL_HUB_DIR": str(hubdir),
            "KOMMSOCIAL_HUB_IP": "127.0.0.1",
            "KOMMSOCIAL_HUB_PORT": str(port),
            "KOMMSOCIAL_HUB_API_PORT": str(free_port()),
            "KOMMSOCIAL_PROXY_API_PORT": str(free_port()),
            "KOMMSOCIAL_FORMGRADER_PORT": str(free_port()),
            "KOMMSOCIAL_CHP": chp,
            "KOMMSOCIAL_TEST_API_TOKEN": API_TOKEN,
            **extra,
        }
        log = base / "jupyterhub.log"
        with steps("start JupyterHub, proxy and formgrader service"):
            with log.open("w") as fh:
                proc = subprocess.Popen([str(ebin / "jupyterhub"), "-f", str(hubdir / "jupyterhub_config.py")],
                                        cwd=hubdir, env=env, stdout=fh, stderr=subprocess.STDOUT,
                                        start_new_session=True)
            h = Hub(f"http://127.0.0.1:{port}", base, exchange, seminar, trainer, participants, grader, log, proc,
                    ebin, extra)
            _wait(h, lambda: h.api("GET", "/hub/api/services").status_code == 200, "hub API", 120)
        yield h
    finally:
        marker = str(base)
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)  # the hub stops servers, services and its proxy
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        uids = {u for u in (_uid(n) for n in created) if u is not None}
        left = _pids_of(uids, marker)
        _kill(left)
        for name in created:
            subprocess.run(["userdel", name], capture_output=True)
            subprocess.run(["groupdel", name], capture_output=True)
        if os.environ.get("KOMMSOCIAL_HUB_KEEP_LOG") and (base / "jupyterhub.log").exists():
            shutil.copy(base / "jupyterhub.log", os.environ["KOMMSOCIAL_HUB_KEEP_LOG"])  # for debugging
        shutil.rmtree(base, ignore_errors=True)
        restore_modes(opened)
        still = _pids_of(uids, marker)
        assert not left, f"processes left after the hub stopped: {left}"
        assert not still and not any(_uid(n) is not None for n in created) and not base.exists()


def _wait(h: Hub, cond, what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if h.proc.poll() is not None:
            h.fail(f"JupyterHub exited with {h.proc.returncode} while waiting for {what}")
        try:
            if cond():
                return
        except Exception as exc:  # noqa: BLE001 (not up yet)
            last = exc
        time.sleep(0.5)
    h.fail(f"timed out waiting for {what} ({last!r})")


# --- helpers for the notebook ----------------------------------------------------------------

def solution(grade_id: str) -> str:
    nb = json.loads((ROOT / "solutions" / A / f"{A}.ipynb").read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == grade_id:
            src = "".join(cell["source"])
            return src.split("### BEGIN SOLUTION\n", 1)[1].split("### END SOLUTION", 1)[0]
    raise KeyError(grade_id)


def ok_json(resp, what: str):
    assert resp.status_code == 200, f"{what}: HTTP {resp.status_code} {resp.text[:500]}"
    data = resp.json()
    if isinstance(data, dict) and "success" in data:
        assert data["success"], f"{what}: {json.dumps(data)[:1500]}"
    return data


def page_config(html: str) -> dict:
    m = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', html, re.S)
    assert m, "JupyterLab page without jupyter-config-data"
    return json.loads(m.group(1))


def test_seminar_on_jupyterhub(hub: Hub, steps: Steps, browser_factory):
    h = hub
    users = [h.trainer, *h.participants]
    svc = f"/services/{KURS}"
    fg = f"{svc}/formgrader/api"

    with steps("hub: tokens and single-user servers for trainer and 3 participants"):
        for name in users:
            r = h.api("POST", f"/hub/api/users/{name}/tokens", json={"note": "test", "expires_in": 3600})
            assert r.status_code in (200, 201), r.text
            h.tokens[name] = r.json()["token"]
            r = h.api("POST", f"/hub/api/users/{name}/server")
            assert r.status_code in (201, 202), f"{name}: {r.status_code} {r.text}"
        for name in users:
            _wait(h, lambda n=name: h.api("GET", f"/hub/api/users/{n}").json()["servers"][""]["ready"],
                  f"server of {name}", 180)
        _wait(h, lambda: h.as_user(h.trainer, "GET", f"{svc}/api/status").status_code == 200,
              "formgrader service", 120)

    with steps("servers run as their own Unix users; groups as configured"):
        groups = {g["name"]: set(g["users"]) for g in h.api("GET", "/hub/api/groups").json()}
        assert groups[f"formgrade-{KURS}"] == {h.trainer, h.grader}
        assert groups[f"nbgrader-{KURS}"] >= set(h.participants)
        for name in users:
            r = h.as_user(name, "GET", f"/user/{name}/api/contents")
            assert r.status_code == 200, r.text
            # The home folder is the user's own; the course copy is there.
            names = {item["name"] for item in r.json()["content"]}
            assert "kommsocial-kurs" in names, names
        tn1_kurs = h.as_user(h.participants[0], "GET", f"/user/{h.participants[0]}/api/contents/kommsocial-kurs").json()
        assert "trainer" not in {i["name"] for i in tn1_kurs["content"]}  # trainer notes stay with the trainer

    with steps("memory: a participant's server alone and with a kernel (sizing for deploy/kubernetes)"):
        tn1 = h.participants[0]
        idle = _rss_mb(_uid(tn1))
        r = h.as_user(tn1, "POST", f"/user/{tn1}/api/kernels", json={"name": "python3"})
        assert r.status_code == 201, r.text
        kid = r.json()["id"]
        # The kernel has started when its memory stops growing (no client is connected to it).
        readings = [_rss_mb(_uid(tn1))]
        for _ in range(60):
            time.sleep(0.5)
            readings.append(_rss_mb(_uid(tn1)))
            if readings[-1] > idle + 20 and abs(readings[-1] - readings[-2]) < 1:
                break
        busy = readings[-1]
        assert h.as_user(tn1, "DELETE", f"/user/{tn1}/api/kernels/{kid}").status_code == 204
        grader = _rss_mb(_uid(h.grader))
        with steps.capsys.disabled():
            print(f"\n[jupyterhub-seminar] RSS: participant server {idle:.0f} MB, with a python3 kernel {busy:.0f} MB;"
                  f" formgrader service {grader:.0f} MB")
        assert 0 < idle < busy

    with steps("trainer: generate and release the assignment through the formgrader service"):
        ok_json(h.as_user(h.trainer, "POST", f"{fg}/assignment/{A}/assign"), "generate")
        ok_json(h.as_user(h.trainer, "POST", f"{fg}/assignment/{A}/release"), "release")
        assert (h.exchange / KURS / "outbound" / A / f"{A}.ipynb").is_file()

    answers = {
        h.participants[0]: {"antwort_x": solution("antwort_x")},
        h.participants[1]: {"antwort_x": solution("antwort_x"), "antwort_mastodon": solution("antwort_mastodon")},
        h.participants[2]: {"antwort_x": "post_x = 'Hallo'\n"},
    }
    nb_path = f"{KURS}/{A}/{A}.ipynb"
    with steps("participants: fetch, edit an answer, submit (each as their own hub user)"):
        for name in h.participants:
            listing = ok_json(h.as_user(name, "POST", f"/user/{name}/assignments/fetch",
                                        data={"assignment_id": A, "course_id": KURS}), f"fetch {name}")
            assert any(a["assignment_id"] == A and a["status"] == "fetched" for a in listing["value"]), listing
            r = h.as_user(name, "GET", f"/user/{name}/api/contents/{nb_path}", params={"content": "1"})
            assert r.status_code == 200, r.text
            nb = r.json()["content"]
            for cell in nb["cells"]:
                gid = cell["metadata"].get("nbgrader", {}).get("grade_id")
                if gid in answers[name]:
                    cell["source"] = f"# Antwort von {name}\n" + answers[name][gid]
            r = h.as_user(name, "PUT", f"/user/{name}/api/contents/{nb_path}",
                          json={"type": "notebook", "format": "json", "content": nb})
            assert r.status_code == 200, r.text
            listing = ok_json(h.as_user(name, "POST", f"/user/{name}/assignments/submit",
                                        data={"assignment_id": A, "course_id": KURS}), f"submit {name}")
        inbound = sorted(p.name.split("+")[0] for p in (h.exchange / KURS / "inbound").iterdir())
        assert inbound == sorted(h.participants)
        for p in (h.exchange / KURS / "inbound").iterdir():  # submitted as the participant's own Unix user
            assert (p / f"{A}.ipynb").stat().st_uid == _uid(p.name.split("+")[0])

    with steps("trainer: collect"):
        ok_json(h.as_user(h.trainer, "POST", f"{fg}/assignment/{A}/collect"), "collect")
        assert sorted(p.name for p in (h.seminar / "submitted").iterdir()) == sorted(h.participants)

    with steps("trainer: autograde 3 submissions"):
        for name in h.participants:
            ok_json(h.as_user(h.trainer, "POST", f"{fg}/submission/{A}/{name}/autograde"), f"autograde {name}")
        subs = {s["student"]: s for s in ok_json(h.as_user(h.trainer, "GET", f"{fg}/submissions/{A}"), "list")}
        scores = {n: subs[n]["score"] for n in h.participants}
        with steps.capsys.disabled():
            print(f"\n[jupyterhub-seminar] scores: {scores}")
        tn1, tn2, tn3 = h.participants
        assert scores[tn1] == 3 and scores[tn2] == 6 and scores[tn3] == 0, scores

    with steps("trainer: generate and release feedback"):
        ok_json(h.as_user(h.trainer, "POST", f"{fg}/assignment/{A}/generate_feedback"), "generate_feedback")
        ok_json(h.as_user(h.trainer, "POST", f"{fg}/assignment/{A}/release_feedback"), "release_feedback")
        assert len(list((h.seminar / "feedback").glob(f"*/{A}/{A}.html"))) == 3

    with steps("participants: fetch their own feedback"):
        for name in h.participants:
            ok_json(h.as_user(name, "POST", f"/user/{name}/assignments/fetch_feedback",
                              data={"assignment_id": A, "course_id": KURS}), f"fetch_feedback {name}")
            folder = h.as_user(name, "GET", f"/user/{name}/api/contents/{KURS}/{A}/feedback").json()
            stamps = [i["path"] for i in folder["content"] if i["type"] == "directory"]
            assert len(stamps) == 1, folder
            r = h.as_user(name, "GET", f"/user/{name}/api/contents/{stamps[0]}/{A}.html",
                          params={"type": "file", "format": "text"})
            assert r.status_code == 200, r.text
            html = r.json()["content"]
            assert f"Antwort von {name}" in html
            assert not any(f"Antwort von {other}" in html for other in h.participants if other != name)

    with steps("isolation: nobody reads another's server, submission or feedback"):
        tn1, tn2, _ = h.participants
        # Through the hub: another user's server and the formgrader refuse a participant.
        assert h.as_user(tn2, "GET", f"/user/{tn1}/api/contents/{nb_path}").status_code == 403
        assert h.as_user(tn2, "GET", f"{fg}/submissions/{A}").status_code == 403
        assert h.as_user(h.trainer, "GET", f"/user/{tn1}/api/contents").status_code == 403
        # nbgrader's own list shows a participant their own submissions and feedback only.
        own = ok_json(h.as_user(tn2, "GET", f"/user/{tn2}/assignments", params={"course_id": KURS}), "list")
        for a in own["value"]:
            for sub in a.get("submissions", []):
                assert sub["student_id"] == tn2, a
        # On the file system, as the participant's own Unix user: the exchange's inbound and
        # feedback folders cannot be listed, homes and the seminar folder cannot be entered.
        probe = ("import os, sys\n"
                 "for p in sys.argv[1:]:\n"
                 "    try: os.listdir(p); print('READABLE', p)\n"
                 "    except PermissionError: pass\n")
        targets = [h.exchange / KURS / "inbound", h.exchange / KURS / "feedback", h.base / "home" / tn1,
                   h.seminar, h.seminar / "submitted"]
        r = run_as(tn2, str(h.bin / "python"), "-c", probe, *map(str, targets), home=h.base / "home" / tn2,
                   extra=h.extra)
        assert r.stdout.strip() == "" and r.returncode == 0, r.stdout + r.stderr

    with steps("extensions: participants without trainer tools, trainer sees the formgrader link"):
        tn1 = h.participants[0]
        cfg = page_config(h.as_user(tn1, "GET", f"/user/{tn1}/lab").text)
        disabled = cfg.get("disabledExtensions", [])
        for ext in ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                    "@jupyter/nbgrader:course-list"):
            assert ext in disabled, disabled
        assert "@jupyter/nbgrader:assignment-list" not in disabled
        assert h.as_user(tn1, "GET", f"/user/{tn1}/formgrader/api/status").status_code == 404
        assert h.as_user(tn1, "GET", f"/user/{tn1}/formgraders").status_code == 404
        tcfg = page_config(h.as_user(h.trainer, "GET", f"/user/{h.trainer}/lab").text)
        assert "@jupyter/nbgrader:course-list" not in tcfg.get("disabledExtensions", [])
        courses = ok_json(h.as_user(h.trainer, "GET", f"/user/{h.trainer}/formgraders"), "formgraders")["value"]
        assert [(c["course_id"], c["kind"]) for c in courses] == [(KURS, "jupyterhub")], courses
        assert f"{svc}/lab?formgrader=true" in courses[0]["url"]
        locale = h.as_user(tn1, "GET", f"/user/{tn1}/lab/api/settings/@jupyterlab/translation-extension:plugin")
        assert locale.json()["settings"].get("locale", "de_DE") == "de_DE"
        assert '"locale": "de_DE"' in locale.json()["raw"] or \
            locale.json()["schema"]["properties"]["locale"]["default"] == "de_DE"

    with steps("browser: a participant logs in and gets the German JupyterLab"):
        name = h.participants[0]
        context = browser_factory(locale="en-US")  # German must come from the hub, not the browser
        pg = context.new_page()
        pg.goto(h.url + "/hub/login", wait_until="domcontentloaded")
        # The hub's own pages are German too (deploy/jupyterhub/templates/).
        expect(pg.locator(".auth-form-header h1")).to_have_text("Anmelden")
        expect(pg.locator("label[for=username_input]")).to_have_text("Benutzername:")
        expect(pg.locator("#login_submit")).to_have_value("Anmelden")
        pg.fill("#username_input", name)
        pg.fill("#password_input", f"pw-{name}")
        pg.click("#login_submit")
        pg.wait_for_url(re.compile(rf"/user/{name}/lab"), timeout=90_000)
        pg.wait_for_selector("#jp-MainMenu", timeout=90_000)
        # The file browser shows the participant's own home: the course copy and the fetched task.
        pg.wait_for_selector(".jp-DirListing-item >> text=kommsocial-kurs", timeout=60_000)
        pg.wait_for_selector(f".jp-DirListing-item >> text={KURS}", timeout=60_000)
        menu = pg.inner_text("#jp-MainMenu")
        for word in ("Datei", "Bearbeiten", "Ausführen", "Einstellungen", "Hilfe"):
            assert word in menu.split(), menu
        assert not {"File", "Edit", "Run", "Settings", "Help"} & set(menu.split()), menu
        # nbgrader's menu of a participant: the assignment list only, no trainer tools.
        pg.click("#jp-MainMenu >> text=Nbgrader")
        items = pg.locator(".lm-Menu:not(.lm-MenuBar) .lm-Menu-itemLabel").all_inner_texts()
        assert [i for i in items if i.strip()] == ["Assignment List"], items
        with steps.capsys.disabled():
            print(f"\n[jupyterhub-seminar] participant's Nbgrader menu: {items}")
        pg.keyboard.press("Escape")
        pg.screenshot(path=str(h.base / "lab.png"))
        # A participant who opens the hub's administration gets the German 403 page.
        pg.goto(h.url + "/hub/admin", wait_until="domcontentloaded")
        expect(pg.locator(".error h1")).to_have_text("403: Kein Zugriff")
        expect(pg.locator(".error")).to_contain_text("nur die Seminarleitung")
        expect(pg.locator("nav")).to_contain_text("Startseite")
        if os.environ.get("KOMMSOCIAL_HUB_SCREENSHOT"):
            shutil.copy(h.base / "lab.png", os.environ["KOMMSOCIAL_HUB_SCREENSHOT"])
        context.close()

    total = sum(dt for _, dt in steps.times)
    with steps.capsys.disabled():
        print(f"\n[jupyterhub-seminar] total of the steps: {total:.1f} s", flush=True)


@pytest.fixture
def browser_factory(browser):
    """Contexts of the session's real headless Chromium (conftest's `browser`).

    A second sync_playwright() in the same test worker fails once the session's browser runs
    ("Sync API inside the asyncio loop"), so the hub test borrows that browser.
    """
    contexts = []

    def make(**kw):
        ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, **kw)
        contexts.append(ctx)
        return ctx

    yield make
    for ctx in contexts:
        with suppress(Exception):
            ctx.close()
