"""`kommsocial lab` and `kommsocial apps`: start JupyterLab (German UI) or the Voilà apps."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path

from kommsocial import paths
from kommsocial.errors import KommSocialError

# German UI; no news or update checks (English pop-ups that would try to reach the internet).
LAB_OVERRIDES: dict[str, dict[str, object]] = {
    "@jupyterlab/translation-extension:plugin": {"locale": "de_DE"},
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}

# Voilà settings for public self-learner apps: no code, no tracebacks, idle kernels culled, also
# those of tabs left open (a forgotten tab must not hold a kernel for ever).
VOILA_PUBLIC_ARGS = (
    "--strip_sources=True",
    "--show_tracebacks=False",
    "--MappingKernelManager.cull_interval=30",
    "--MappingKernelManager.cull_connected=True",
    # On a busy server (30 visitors at once on two cores) a cell's output arrives seconds after its reply;
    # with Voilà's default of 4 s the output is dropped and the page stays empty.
    "--VoilaExecutor.iopub_timeout=120",
)
MAX_KERNELS = 12  # about 70 MB each: a small server stays responsive
KERNEL_MEMORY = 1536 * 1024**2
IDLE_MINUTES = 10  # a public page nobody uses for 10 minutes gives its kernel back
LEAVE_SECONDS = 30  # a closed page's kernel ends after this (it survives a short network loss)
PREHEAT = 0  # preheated kernels per app (Voilà's pool); off unless asked for, each one holds memory


def ensure_german_ui(prefix: Path | None = None) -> Path:
    """Make German the default JupyterLab language and switch off news checks (overrides.json); the
    language pack's few "du" dialogs get the course's "Sie" (kommsocial.lab_sprache)."""
    from kommsocial import lab_sprache

    with contextlib.suppress(OSError):  # a read-only system install keeps the pack's wording
        lab_sprache.apply()
    settings = Path(prefix or sys.prefix) / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    target = settings / "overrides.json"
    current = {}
    if target.exists():
        try:
            current = json.loads(target.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            current = {}
    if any(current.get(plugin, {}).get(k) != v for plugin, cfg in LAB_OVERRIDES.items() for k, v in cfg.items()):
        for plugin, cfg in LAB_OVERRIDES.items():
            current.setdefault(plugin, {}).update(cfg)
        tmp = target.with_suffix(".tmp")
        tmp.write_text(json.dumps(current, indent=2), encoding="utf-8")
        tmp.replace(target)
    return target


def app_names() -> list[str]:
    """Notebook file names of all Voilà apps."""
    return sorted(p.name for p in paths.apps_dir().glob("*.ipynb"))


def lab_env(trainer: bool = False, base: dict[str, str] | None = None) -> dict[str, str]:
    """Environment of the lab server. Participants get the hub's participant settings (nbgrader's trainer
    tools switched off; one place for them: deploy/jupyterhub/config/teilnehmende). A trainer on their own
    machine keeps every nbgrader tool, the formgrader included (on the hub it is a service instead)."""
    env = dict(os.environ if base is None else base)
    role = paths.project_root() / "deploy" / "jupyterhub" / "config" / "teilnehmende"
    if not trainer and role.is_dir():
        env["JUPYTER_CONFIG_PATH"] = os.pathsep.join([str(role), *filter(None, [env.get("JUPYTER_CONFIG_PATH")])])
    return env


PORT_TRIES = 20
# Course notebooks do not open as changed (see lab_contents); a name, so that `kommsocial --help` stays light.
CONTENTS_MANAGER = "kommsocial.lab_contents.CourseContentsManager"


def first_free_port(ip: str, wanted: int, tries: int = PORT_TRIES) -> int:
    """The first port from `wanted` on that is free on ip. The launcher picks it, not the server, so that
    the printed addresses are the ones in use (the server is told not to move on by itself)."""
    host = "127.0.0.1" if ip == "localhost" else ip
    for port in range(wanted, min(wanted + tries, 65536)):
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as Tornado does when it listens
            try:
                probe.bind((host, port))
            except OSError:
                continue
            return port
    raise KommSocialError(f"Die Ports {wanted} bis {wanted + tries - 1} sind alle belegt. Geben Sie einen "
                          "anderen Port an, zum Beispiel: make start PORT=9000 oder kommsocial lab --port 9000")


def _base_url(ip: str, port: int) -> str:
    """The address to print: `localhost` for the loopback address, which people recognise."""
    return f"http://{'localhost' if ip in ('127.0.0.1', 'localhost') else ip}:{port}"


def _announce_port(wanted: int, port: int) -> None:
    if port != wanted:
        print(f"Port {wanted} ist belegt; KommSocial nutzt Port {port}.")


def lab_command(port: int, token: str, ip: str, open_browser: bool) -> list[str]:
    """Command line that starts JupyterLab on the project folder."""
    cmd = [
        sys.executable, "-m", "jupyter", "lab",
        f"--ServerApp.root_dir={paths.project_root()}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",  # the launcher chose a free port and printed it
        f"--ServerApp.ip={ip}",
        f"--IdentityProvider.token={token}",
        "--LabApp.default_url=/lab/tree/course/00_einstieg",
        f"--ServerApp.contents_manager_class={CONTENTS_MANAGER}",
    ]
    if not open_browser:
        cmd.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Containers and CI often run as root; Jupyter refuses that without this flag.
        cmd.append("--ServerApp.allow_root=True")
    return cmd


def apps_command(port: int, ip: str, max_kernels: int = MAX_KERNELS,
                 kernel_memory: int = KERNEL_MEMORY, preheat: int = PREHEAT,
                 idle_minutes: int = IDLE_MINUTES, leave_seconds: int = LEAVE_SECONDS) -> list[str]:
    """Command line that serves course/apps/ with standalone Voilà (no code execution from the browser),
    German pages without external requests, and preheat kernels per app when preheat > 0."""
    from kommsocial.public_server import page_args, preheat_args, server_args

    return [
        sys.executable, "-m", "kommsocial.public_server", str(paths.apps_dir()),
        f"--port={port}", "--Voila.port_retries=0", f"--Voila.ip={ip}", "--no-browser", *VOILA_PUBLIC_ARGS,
        f"--MappingKernelManager.cull_idle_timeout={idle_minutes * 60}",
        f"--BoundedWebsocketConnection.leave_grace_seconds={leave_seconds}",
        *server_args(max_kernels, kernel_memory), *page_args(),
        *preheat_args(preheat),
    ]


def run_forwarding_signals(cmd: list[str], grace: float = 20.0, env: dict[str, str] | None = None) -> int:
    """Run the server and pass SIGTERM/SIGINT on, so that a service manager's stop leaves no server
    and no kernel behind (the server shuts its kernels down on SIGTERM)."""
    import signal

    proc = subprocess.Popen(cmd, env=env)
    received: list[int] = []

    def forward(signum: int, _frame: object) -> None:
        received.append(signum)
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)  # Jupyter asks for confirmation on a single SIGINT

    old = {sig: signal.signal(sig, forward) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        while True:
            try:
                return proc.wait(timeout=grace if received else None)
            except subprocess.TimeoutExpired:
                proc.kill()  # did not stop in time: no orphan either way
                return proc.wait()
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)


def _run_lab(args: argparse.Namespace) -> int:
    ensure_german_ui()
    token = args.token or secrets.token_hex(16)
    port = first_free_port(args.ip, args.port)
    base = _base_url(args.ip, port)
    _announce_port(args.port, port)
    print("KommSocial startet JupyterLab (Oberfläche auf Deutsch"
          + (", mit den Bewertungswerkzeugen für Trainerinnen und Trainer)." if args.trainer else ")."))
    print(f"  Kurs:        {base}/lab/tree/course/00_einstieg?token={token}")
    for name in app_names():
        print(f"  App {name:<28} {base}/voila/render/course/apps/{name}?token={token}")
    print("Beenden mit Strg+C.")
    sys.stdout.flush()
    return run_forwarding_signals(lab_command(port, token, args.ip, args.browser), env=lab_env(args.trainer))


def _run_apps(args: argparse.Namespace) -> int:
    port = first_free_port(args.ip, args.port)
    base = _base_url(args.ip, port)
    _announce_port(args.port, port)
    print("KommSocial startet die Voilà-Apps für Selbstlernende (ohne Code, ohne Anmeldung).")
    print(f"  Startseite                       {base}/")
    for name in app_names():
        print(f"  {name:<32} {base}/voila/render/{name}")
    print(f"Höchstens {args.max_kernels} App-Seiten gleichzeitig. Ungenutzte Seiten enden nach "
          f"{args.leerlauf} Minuten, geschlossene nach {args.verlassen} Sekunden.")
    if args.vorwaermen:
        print(f"Je App {args.vorwaermen} vorgewärmte(r) Kernel (bis zu {args.vorwaermen * len(app_names())} "
              "zusätzlich).")
    print("Beenden mit Strg+C.")
    sys.stdout.flush()
    return run_forwarding_signals(apps_command(port, args.ip, args.max_kernels, preheat=args.vorwaermen,
                                               idle_minutes=args.leerlauf, leave_seconds=args.verlassen))


def _at_least(minimum: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"keine ganze Zahl: {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"mindestens {minimum}, nicht {value}")
        return value
    return parse


def register(sub: argparse._SubParsersAction) -> None:
    """Add `lab` and `apps`."""
    lab = sub.add_parser("lab", help="JupyterLab mit dem Kurs starten (deutsche Oberfläche)",
                         description="Startet JupyterLab mit dem Kurs, deutscher Oberfläche und Voilà.")
    lab.add_argument("--port", type=int, default=8888, help="Port (Standard: 8888; ist er belegt, der nächste freie)")
    lab.add_argument("--ip", default="127.0.0.1", help="Adresse (Standard: 127.0.0.1)")
    lab.add_argument("--token", default=None, help="Zugangsschlüssel (Standard: zufällig)")
    lab.add_argument("--browser", action="store_true", help="Browser automatisch öffnen")
    lab.add_argument("--trainer", action="store_true",
                     help="mit den Bewertungswerkzeugen von nbgrader (ohne: Ansicht für Teilnehmende)")
    lab.set_defaults(func=_run_lab)

    apps = sub.add_parser("apps", help="Voilà-Apps für Selbstlernende starten (ohne Code)",
                          description="Startet alle Apps aus course/apps/ mit Voilà: Code ausgeblendet, "
                                      "keine Fehlerdetails, ungenutzte Kernel werden beendet.")
    apps.add_argument("--port", type=int, default=8866, help="Port (Standard: 8866; ist er belegt, der nächste freie)")
    apps.add_argument("--ip", default="127.0.0.1", help="Adresse (Standard: 127.0.0.1)")
    apps.add_argument("--max-kernels", type=_at_least(1), default=MAX_KERNELS, metavar="N",
                      help=f"höchstens N gleichzeitig geöffnete App-Seiten (Standard: {MAX_KERNELS})")
    apps.add_argument("--vorwaermen", type=_at_least(0), default=PREHEAT, metavar="N",
                      help="je App N Kernel im Voraus starten und die App darin ausführen, damit die Seite "
                           "schneller erscheint; sie kommen zu --max-kernels hinzu (Standard: 0, aus)")
    apps.add_argument("--leerlauf", type=_at_least(1), default=IDLE_MINUTES, metavar="MINUTEN",
                      help=f"App-Seiten, die so lange nicht benutzt werden, beenden (Standard: {IDLE_MINUTES})")
    apps.add_argument("--verlassen", type=_at_least(1), default=LEAVE_SECONDS, metavar="SEKUNDEN",
                      help="den Kernel einer geschlossenen App-Seite nach so vielen Sekunden beenden "
                           f"(Standard: {LEAVE_SECONDS})")
    apps.set_defaults(func=_run_apps)
