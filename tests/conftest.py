"""Fixtures: the real build of the real corpus and of the tiny fixture corpus, once per session, served by a
real Datasette. Tests under tests/slow/ are marked slow: `pytest -m "not slow"` is the fast layer."""
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from ingest.builder import build
from support import CORPUS, FIXTURE_CORPUS, ROOT, make_datasette

SLOW = Path(__file__).resolve().parent / "slow"
# The tests' databases are throwaway files no server reads: a build may write the slot it just left at once
# (ingest/builder/store.py). Tests of serving across rebuilds set their own.
os.environ.setdefault("POLICY_KB_QUIET_SECONDS", "0")


FAST_LAYER = "not slow"


@pytest.hookimpl(tryfirst=True)  # before xdist's own, which turns a number of workers into their processes
def pytest_cmdline_main(config):
    """The fast layer (-m "not slow") spreads its tests over one worker process per core (pytest-xdist), unless
    the caller chose a number of workers (-n). Its tests share nothing but read-only session builds, each
    worker making its own. The slow layer stays in one process: it times servers and kills builds, and two of
    its tests at once would measure each other."""
    if (config.option.markexpr.strip() == FAST_LAYER and config.pluginmanager.hasplugin("xdist")
            and config.option.numprocesses is None and not os.environ.get("PYTEST_XDIST_WORKER")):
        config.option.numprocesses = min(os.cpu_count() or 1, 4)


def pytest_collection_modifyitems(items):
    for item in items:
        if SLOW in Path(item.fspath).parents:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def db_path(tmp_path_factory):
    """The five-document corpus, built."""
    path = tmp_path_factory.mktemp("db") / "policy.db"
    build(CORPUS, path)
    return path


@pytest.fixture(scope="session")
def fixture_db_path(tmp_path_factory):
    """The tiny fixture corpus (tests/fixtures/corpus), built."""
    path = tmp_path_factory.mktemp("fixture-db") / "policy.db"
    build(FIXTURE_CORPUS, path)
    return path


@pytest.fixture(scope="session")
def db(db_path):
    import sqlite3
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    yield conn
    conn.close()


@pytest.fixture(scope="session")
def sources(db):
    """Decoded source text of every document, by document id (read the same way the build reads it)."""
    from ingest.document.decode import decode_bytes
    return {r["id"]: decode_bytes((CORPUS / r["file"]).read_bytes(), r["file"]) for r in db.execute("select id, file from documents")}


@pytest.fixture
async def ds(db_path):
    datasette = make_datasette(db_path)
    await datasette.invoke_startup()
    return datasette


@pytest.fixture
def corpus_copy(tmp_path):
    """A writable copy of the real corpus, for tests that add, break or change documents."""
    dest = tmp_path / "corpus"
    shutil.copytree(CORPUS, dest)
    return dest


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db_path, config):
    """The README's serve command on a configuration directory holding db_path, on a free port: (base URL, process)."""
    for name in ("metadata.yml", "settings.json", "plugins", "templates"):
        os.symlink(ROOT / name, config / name)
    os.symlink(db_path, config / "policy.db")
    datasette = str(Path(sys.executable).with_name("datasette"))
    subprocess.run([datasette, "inspect", str(config / "policy.db"), "--inspect-file", str(config / "inspect-data.json")], check=True)
    port = _free_port()
    proc = subprocess.Popen([datasette, "serve", str(config), "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            if httpx.get(base + "/-/versions.json", timeout=1).status_code == 200:
                return base, proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(proc.stderr.read().decode())


@pytest.fixture(scope="session")
def server(db_path, tmp_path_factory):
    """The README's serve command on a configuration directory holding the test build."""
    base, proc = serve(db_path, tmp_path_factory.mktemp("serve"))
    yield base
    proc.terminate()
    proc.wait(timeout=10)
