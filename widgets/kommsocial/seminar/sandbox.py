"""Run a participant's code in a bubblewrap sandbox (no Docker needed).

Every submission gets its own fresh folder holding only its own files. Inside the
sandbox the code sees the system libraries, the Python environment and the
kommsocial package read-only, that folder as ``/abgabe`` and an empty ``/tmp``;
it has no network, no view of the seminar folder, the solutions, the gradebook,
other submissions or other processes (own PID namespace). Memory, process count,
file size and wall time are limited; when the run ends, the PID namespace ends
and with it every process the submission started.

When the grader runs as root, bubblewrap runs privileged (no user namespace) and
the code inside is started with `setpriv` under its own unprivileged user id, one
per running sandbox, so the process limit of one submission cannot starve a
neighbour and root-owned files stay root's. As a normal user, bubblewrap uses an
unprivileged user namespace without any capabilities.
"""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from kommsocial.errors import KommSocialError

INSIDE = "/abgabe"

INSTALL_HINT = (
    "Die Bewertung führt die Notebooks der Teilnehmenden in einem abgeschotteten Bereich aus "
    "(Programm „bubblewrap“). Dieses Programm fehlt auf diesem Rechner. Installieren Sie es mit "
    "„sudo apt-get install bubblewrap“ (Debian, Ubuntu) oder „sudo dnf install bubblewrap“ (Fedora). "
    "Nur wenn Sie allen Abgaben vertrauen, können Sie ohne Schutz bewerten: "
    "„kommsocial seminar bewerten … --ohne-sandbox“."
)


@dataclass(frozen=True)
class Limits:
    """Resource limits for one sandboxed run."""

    memory_bytes: int = 4 * 1024**3  # address space per process; pandas and a kernel need ~1.5 GiB
    processes: int = 128
    file_bytes: int = 200 * 1024**2
    open_files: int = 1024
    tmp_bytes: int = 256 * 1024**2
    wall_seconds: float = 600.0


@dataclass
class RunResult:
    """Outcome of one sandboxed run."""

    returncode: int | None
    timed_out: bool
    seconds: float
    stderr: str = ""
    notes: list[str] = field(default_factory=list)


def bwrap_path() -> str | None:
    """The bubblewrap binary, or None when it is not installed."""
    return shutil.which("bwrap")


UID_BASE = 200_000  # far above ordinary accounts; no passwd entry needed


def sandbox_uid() -> int:
    """The unprivileged id for a sandbox started by this process (unique among running workers)."""
    return UID_BASE + os.getpid()


def _as_root() -> bool:
    return os.geteuid() == 0


def _readonly_roots() -> list[str]:
    """Folders the sandbox needs read-only: system, Python environment, kommsocial itself."""
    import kommsocial

    roots = ["/usr"]
    # Package folders on the path as well: a venv may reach another environment's packages through a .pth
    # file (the hub's per-user environment does), and the sandboxed Python must import the same kommsocial.
    # Only folders named site-packages or dist-packages: never the working directory or the seminar folder.
    packages = [p for p in sys.path if Path(p).name in ("site-packages", "dist-packages") and os.path.isdir(p)]
    for path in (sys.prefix, sys.base_prefix, sys.exec_prefix, str(Path(kommsocial.__file__).resolve().parent),
                 *packages):
        real = os.path.realpath(path)
        if not any(real == r or real.startswith(r.rstrip("/") + "/") for r in roots):
            roots.append(real)
    # The interpreter the venv points to (e.g. /usr/local/bin/python3.11) lives below one of them.
    exe = os.path.realpath(sys.executable)
    if not any(exe.startswith(r.rstrip("/") + "/") for r in roots):
        roots.append(os.path.dirname(os.path.dirname(exe)))
    return roots


def bwrap_command(workdir: Path, argv: list[str], limits: Limits) -> list[str]:
    """The full bwrap command line that runs argv inside the sandbox with workdir as /abgabe."""
    bwrap = bwrap_path()
    if bwrap is None:
        raise KommSocialError(INSTALL_HINT)
    cmd = [bwrap, "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
           "--die-with-parent", "--new-session", "--hostname", "abgabe"]
    if _as_root():
        uid = sandbox_uid()
        # bwrap keeps CAP_SETUID for setpriv, which then drops every capability with root.
        argv = ["/usr/bin/setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups",
                "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--", *argv]
    else:
        cmd += ["--unshare-user", "--uid", "65534", "--gid", "65534", "--disable-userns"]
    # /tmp must be writable for the unprivileged user inside (HOME, IPython, matplotlib live there). It comes
    # before the binds, so that a Python environment below /tmp (a clone in /tmp) is mounted on top of it.
    cmd += ["--perms", "1777", "--size", str(limits.tmp_bytes), "--tmpfs", "/tmp"]
    roots = _readonly_roots()
    # Parent folders bwrap creates for the binds would be root-only; the sandbox user must pass them.
    parents = sorted({str(p) for r in roots for p in Path(r).parents if str(p) not in ("/", "/tmp")}, key=len)
    for parent in parents:
        cmd += ["--perms", "0755", "--dir", parent]
    for root in roots:
        cmd += ["--ro-bind", root, root]
    for link in ("bin", "lib", "lib64", "sbin"):
        target = os.readlink(f"/{link}") if os.path.islink(f"/{link}") else None
        if target is not None:
            cmd += ["--symlink", target, f"/{link}"]
        elif os.path.isdir(f"/{link}"):
            cmd += ["--ro-bind", f"/{link}", f"/{link}"]
    # Only the harmless parts of /etc: symlink targets of Debian's alternatives, fonts, linker cache.
    cmd += ["--perms", "0755", "--dir", "/etc"]
    for etc in ("/etc/alternatives", "/etc/fonts", "/etc/ld.so.cache", "/etc/localtime", "/etc/mime.types"):
        if os.path.exists(etc):
            cmd += ["--ro-bind", etc, etc]
    cmd += ["--dev", "/dev", "--proc", "/proc", "--bind", str(workdir), INSIDE, "--chdir", INSIDE, "--clearenv",
            "--setenv", "HOME", "/tmp", "--setenv", "PATH", f"{os.path.dirname(sys.executable)}:/usr/bin:/bin",
            "--setenv", "LANG", "C.UTF-8", "--setenv", "PYTHONDONTWRITEBYTECODE", "1",
            "--setenv", "MPLBACKEND", "Agg", "--setenv", "MPLCONFIGDIR", "/tmp",
            "--setenv", "JUPYTER_RUNTIME_DIR", "/tmp/jupyter", "--setenv", "IPYTHONDIR", "/tmp/ipython",
            "--setenv", "OPENBLAS_NUM_THREADS", "1", "--setenv", "OMP_NUM_THREADS", "1",
            "--"]
    return cmd + argv


def _limit_child(limits: Limits) -> None:
    """Runs in the child between fork and exec. The process limit is set by the runner inside the
    sandbox: set here it would also count the grader's own processes."""
    for res, value in ((resource.RLIMIT_AS, limits.memory_bytes), (resource.RLIMIT_FSIZE, limits.file_bytes),
                       (resource.RLIMIT_NOFILE, limits.open_files), (resource.RLIMIT_CORE, 0)):
        resource.setrlimit(res, (value, value))


def prepare_workdir(path: Path) -> None:
    """Hand the fresh folder to the sandbox's user id (only needed when grading as root)."""
    if _as_root():
        uid = sandbox_uid()
        for p in [path, *path.rglob("*")]:
            os.chown(p, uid, uid, follow_symlinks=False)
        os.chmod(path, 0o711)  # bwrap itself (without capabilities) must be able to enter it


def run_sandboxed(workdir: Path, argv: list[str], limits: Limits, *, sandbox: bool = True) -> RunResult:
    """Run argv in the sandbox (or, with sandbox=False, only with limits in workdir) and wait."""
    if sandbox:
        cmd = bwrap_command(workdir, argv, limits)
        cwd = None
        env = None
    else:
        cmd = argv
        cwd = str(workdir)
        env = {**os.environ, "HOME": str(workdir), "MPLBACKEND": "Agg", "OPENBLAS_NUM_THREADS": "1"}
    if sandbox:
        prepare_workdir(workdir)
    err_path = workdir.parent / f"{workdir.name}.stderr"
    start = time.monotonic()
    with open(err_path, "wb") as err:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=err, start_new_session=True,
                                preexec_fn=lambda: _limit_child(limits))  # noqa: PLW1509
        timed_out = False
        try:
            proc.wait(timeout=limits.wall_seconds)
        except subprocess.TimeoutExpired:
            timed_out = True
        finally:
            # Everything of this run goes: the sandbox's PID namespace ends with bwrap; without a
            # sandbox the process group is the best we can do.
            _kill_group(proc)
    stderr = err_path.read_text(encoding="utf-8", errors="replace")[-4000:]
    err_path.unlink(missing_ok=True)
    return RunResult(None if timed_out else proc.returncode, timed_out, time.monotonic() - start, stderr)


def _kill_group(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):  # rare: the kernel reaps killed processes quickly
        proc.wait(timeout=10)


def probe(limits: Limits | None = None) -> None:
    """Raise a German KommSocialError unless a sandbox can be started on this machine."""
    import tempfile

    if bwrap_path() is None:
        raise KommSocialError(INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="kommsocial-probe-") as tmp:
        work = Path(tmp) / "abgabe"
        work.mkdir()
        res = run_sandboxed(work, [sys.executable, "-c", "import kommsocial"],
                            limits or Limits(wall_seconds=60))
        if res.returncode != 0:
            raise KommSocialError(
                "Der abgeschottete Bereich für die Bewertung (bubblewrap) ließ sich nicht starten. "
                "Vermutlich erlaubt dieses System keine Benutzer-Namensräume (user namespaces). "
                "Bitten Sie Ihre IT, sie zu erlauben (zum Beispiel „sysctl kernel.unprivileged_userns_clone=1“), "
                "oder bewerten Sie mit „--ohne-sandbox“ nur Abgaben, denen Sie vertrauen. "
                f"Meldung: {res.stderr.strip()[-300:]}")
