"""The throwaway PostgreSQL server of the tests (tests/pgserver.py) leaves nothing behind.

An inner pytest session uses the fixture; afterwards no postgres process of its cluster runs and
its folder is gone: after passing and failing tests, and (no process at least) after the test process
was killed with SIGKILL.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import pgserver

# Each test runs an inner pytest session that starts its own PostgreSQL cluster (initdb included).
pytestmark = pytest.mark.slow
TESTS = Path(__file__).resolve().parent

INNER_CONFTEST = f"""
import sys
sys.path.insert(0, {str(TESTS)!r})
from pgserver import pg_cluster, pg_url  # noqa: F401
"""

INNER_TESTS = """
import os
import time
from pathlib import Path

from sqlalchemy import create_engine, text

REPORT = Path(os.environ["PG_REPORT"])


def test_writes_and_reports(pg_url, pg_cluster):
    engine = create_engine(pg_url)
    with engine.begin() as con:
        con.execute(text("CREATE TABLE t (x int)"))
        con.execute(text("INSERT INTO t VALUES (1)"))
    engine.dispose()
    REPORT.write_text(f"{pg_cluster.folder}\\n{pg_cluster.proc.pid}\\n{pg_cluster.startup_seconds:.2f}\\n")
    if os.environ.get("PG_HANG"):
        time.sleep(120)


def test_fails_on_purpose(pg_url):
    assert False, "deliberate failure: cleanup must still happen"
"""


def _inner(tmp_path: Path, hang: bool = False) -> tuple[subprocess.Popen, Path]:
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pytest.ini").write_text("[pytest]\n")
    (inner / "conftest.py").write_text(INNER_CONFTEST)
    (inner / "test_inner.py").write_text(INNER_TESTS)
    report = tmp_path / "report.txt"
    env = {**os.environ, "PG_REPORT": str(report), **({"PG_HANG": "1"} if hang else {})}
    proc = subprocess.Popen([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist",
                             "--rootdir", str(inner), str(inner)], cwd=inner, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return proc, report


def _gone(folder: Path, timeout: float = 15) -> list[int]:
    deadline = time.monotonic() + timeout
    while (left := pgserver.postgres_processes(folder)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def test_server_stopped_and_removed_after_a_failing_session(tmp_path):
    proc, report = _inner(tmp_path)
    out, _ = proc.communicate(timeout=300)
    assert proc.returncode == 1 and "1 failed, 1 passed" in out, out
    folder_line, pid, startup = report.read_text().split()
    folder = Path(folder_line)
    assert folder.name.startswith(pgserver.PREFIX)
    assert _gone(folder, timeout=0) == []  # stopped before the session ended, not afterwards
    assert not folder.exists()
    assert not Path(f"/proc/{pid}").exists()
    print(f"cluster start (initdb + server ready): {startup} s")


def test_no_server_survives_a_killed_session(tmp_path):
    proc, report = _inner(tmp_path, hang=True)
    deadline = time.monotonic() + 120
    while not report.exists() or report.read_text().count("\n") < 3:
        assert proc.poll() is None, proc.communicate()[0]
        assert time.monotonic() < deadline, "inner session did not start its server"
        time.sleep(0.1)
    folder = Path(report.read_text().split()[0])
    assert pgserver.postgres_processes(folder)  # the server runs while the session does
    if os.geteuid() == 0:
        owners = {os.stat(f"/proc/{pid}").st_uid for pid in pgserver.postgres_processes(folder)}
        assert 0 not in owners, owners  # never as root
    proc.send_signal(signal.SIGKILL)  # no teardown runs
    proc.communicate(timeout=60)
    assert _gone(folder) == []  # the kernel's parent-death signal stopped the postmaster
    assert folder in pgserver.remove_stale(folder.parent)  # a later session removes what is left
    assert not folder.exists()
