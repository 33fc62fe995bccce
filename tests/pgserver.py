"""A throwaway PostgreSQL server for the tests (issue #14): one cluster per test session, one database per test.

The server binaries come from Debian's package (`make test` runs scripts/ensure-postgresql); they live in
/usr/lib/postgresql/<version>/bin, which is not on PATH. Missing binaries fail the tests with a clear
message, they are never skipped.

Who runs the server: PostgreSQL refuses to run as root. When the tests run as root (CI containers do),
initdb and the postmaster run as the account `postgres` that the Debian package creates for exactly this
purpose (falling back to `nobody` for a server built without the package). Python's subprocess switches
the user itself (user=, group=, extra_groups=[]), so no runuser/sudo/setpriv and no account created at
test time (no race between xdist workers, nothing left in /etc/passwd). As any other user the server runs
as that user.

Isolation: the cluster lives in a fresh /tmp/kommsocial-pg-* folder (mode 0700, owned by the server
account) and listens on a unix socket in that folder only (listen_addresses empty): no TCP port to collide
on, no other account on the machine can connect. Authentication is `trust` on that socket.

Cleanup: the session fixture stops the server (fast shutdown) and deletes the folder, also when tests
fail or are interrupted. If the test process dies without cleaning up (SIGKILL), the kernel sends the
postmaster SIGQUIT (PR_SET_PDEATHSIG), so no server survives; the next session removes the stale folder.
"""

from __future__ import annotations

import ctypes
import itertools
import os
import pwd
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import pytest

PREFIX = "kommsocial-pg-"
PORT = 5432  # only names the socket file; the socket lives in the cluster's own folder
SUPERUSER = "postgres"
_SETTINGS = {
    # A throwaway cluster: durability off makes initdb, CREATE DATABASE and commits fast.
    "listen_addresses": "",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "200",
    "shared_buffers": "32MB",
    "unix_socket_permissions": "0700",
    "log_min_messages": "warning",
    "log_line_prefix": "%m [%p] ",
}


def bindir() -> Path:
    """The folder with initdb and postgres: $KOMMSOCIAL_PG_BIN, PATH, or Debian's newest version."""
    candidates: list[Path] = []
    if os.environ.get("KOMMSOCIAL_PG_BIN"):
        candidates.append(Path(os.environ["KOMMSOCIAL_PG_BIN"]))
    found = shutil.which("initdb")
    if found:
        candidates.append(Path(found).resolve().parent)

    def version(p: Path) -> tuple[int, ...]:
        return tuple(int(x) for x in re.findall(r"\d+", p.parent.name)) or (0,)

    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=version, reverse=True)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "postgres").is_file():
            return folder
    pytest.fail("PostgreSQL server binaries (initdb, postgres) not found. Run `bash scripts/ensure-postgresql` "
                "(installs Debian's postgresql package; `make test` does it) or set KOMMSOCIAL_PG_BIN.",
                pytrace=False)


def server_account() -> pwd.struct_passwd | None:
    """The unprivileged account that runs the server when we are root; None: run as ourselves."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    pytest.fail("Running as root, but there is no account `postgres` (or `nobody`) to run PostgreSQL as: "
                "run `bash scripts/ensure-postgresql`.", pytrace=False)


def _parent_death_signal() -> None:
    """In the server's child process (after the user switch): SIGQUIT when the test process dies."""
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGQUIT, 0, 0, 0)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def postgres_processes(folder: Path) -> list[int]:
    """Pids of processes whose command line mentions `folder` (a postmaster of that cluster)."""
    needle = str(folder).encode()
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if needle in (proc / "cmdline").read_bytes():
                pids.append(int(proc.name))
        except OSError:
            continue
    return pids


def remove_stale(tmp: Path | None = None) -> list[Path]:
    """Folders of earlier sessions whose test process is gone and whose server no longer runs."""
    removed = []
    for folder in Path(tmp or tempfile.gettempdir()).glob(PREFIX + "*"):
        try:
            owner = int((folder / "owner.pid").read_text())
        except (OSError, ValueError):
            # Just created by another session (pid not written yet) or foreign: leave it alone.
            if time.time() - folder.stat().st_mtime < 3600:
                continue
            owner = 0
        if owner and _alive(owner):
            continue
        if postgres_processes(folder):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


class PgCluster:
    """One PostgreSQL cluster in its own folder, reached over a unix socket there."""

    def __init__(self) -> None:
        self.bin = bindir()
        self.account = server_account()
        remove_stale()
        self.folder = Path(tempfile.mkdtemp(prefix=PREFIX))
        (self.folder / "owner.pid").write_text(str(os.getpid()))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.proc: subprocess.Popen | None = None
        self._names = itertools.count(1)
        if self.account is not None:
            os.chown(self.folder, self.account.pw_uid, self.account.pw_gid)

    # --- running the binaries ------------------------------------------------------------------

    def _spawn(self, args: list[str], **kwargs) -> subprocess.Popen:
        env = {"PATH": f"{self.bin}:/usr/bin:/bin", "LC_ALL": "C", "LANG": "C", "TZ": "UTC"}
        extra = {}
        if self.account is not None:
            env["HOME"] = str(self.folder)
            extra = {"user": self.account.pw_uid, "group": self.account.pw_gid, "extra_groups": []}
        return subprocess.Popen([str(self.bin / args[0]), *args[1:]], cwd=self.folder, env=env,
                                **extra, **kwargs)

    def start(self, timeout: float = 60) -> None:
        started = time.monotonic()
        init = self._spawn(["initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8",
                            "--locale=C", "--no-instructions", "--no-sync"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        out, _ = init.communicate(timeout=timeout)
        if init.returncode != 0:
            pytest.fail(f"initdb failed (exit {init.returncode}):\n{out[-3000:]}", pytrace=False)
        args = ["postgres", "-D", str(self.data), "-k", str(self.folder), "-p", str(PORT)]
        for key, value in _SETTINGS.items():
            args += ["-c", f"{key}={value}"]
        with self.log.open("ab") as log:
            # Own session: a Ctrl-C in the terminal reaches pytest, whose teardown stops the server.
            self.proc = self._spawn(args, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                                    preexec_fn=_parent_death_signal)
        import psycopg

        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                pytest.fail(f"PostgreSQL exited on start (exit {self.proc.returncode}):\n{self.log_tail()}",
                            pytrace=False)
            try:
                with self.connect("postgres"):
                    break
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    self.stop()
                    pytest.fail(f"PostgreSQL did not accept connections within {timeout:.0f}s:\n{self.log_tail()}",
                                pytrace=False)
                time.sleep(0.05)
        self.startup_seconds = time.monotonic() - started

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else "(no log)"

    def stop(self) -> None:
        """Fast shutdown (SIGINT), then SIGQUIT, then SIGKILL; waits for the postmaster."""
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        for sig, wait in ((signal.SIGINT, 30), (signal.SIGQUIT, 10), (signal.SIGKILL, 10)):
            proc.send_signal(sig)
            try:
                proc.wait(timeout=wait)
                return
            except subprocess.TimeoutExpired:
                continue

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    # --- databases -----------------------------------------------------------------------------

    def connect(self, dbname: str):
        import psycopg

        return psycopg.connect(host=str(self.folder), port=PORT, user=SUPERUSER, dbname=dbname,
                               autocommit=True, connect_timeout=5)

    def url(self, dbname: str) -> str:
        """SQLAlchemy URL of a database (psycopg 3 is SQLAlchemy 2.1's default PostgreSQL driver)."""
        return f"postgresql://{SUPERUSER}@/{dbname}?host={quote(str(self.folder))}&port={PORT}"

    def create_database(self) -> str:
        name = f"t{os.getpid()}_{next(self._names)}"
        with self.connect("postgres") as con:
            con.execute(f'CREATE DATABASE "{name}"')
        return name

    def database_files(self, url: str) -> list[Path]:
        """The data files of a database on disk, after a checkpoint wrote all changes there."""
        from sqlalchemy.engine import make_url

        name = make_url(url).database
        with self.connect("postgres") as con:
            con.execute("CHECKPOINT")
            oid = con.execute("SELECT oid FROM pg_database WHERE datname = %s", (name,)).fetchone()[0]
        return sorted(p for p in (self.data / "base" / str(oid)).iterdir() if p.is_file())

    def drop_database(self, name: str) -> None:
        with self.connect("postgres") as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def pg_cluster():
    """The session's PostgreSQL server (started on first use, stopped and deleted at the end)."""
    cluster = PgCluster()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.cleanup()


@pytest.fixture
def pg_url(pg_cluster):
    """SQLAlchemy URL of a fresh, empty database for this test (dropped afterwards)."""
    name = pg_cluster.create_database()
    yield pg_cluster.url(name)
    pg_cluster.drop_database(name)


BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    """Run a test once on SQLite and once on PostgreSQL."""
    return request.param
