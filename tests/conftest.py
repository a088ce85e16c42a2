"""Shared fixtures: the real build of the real corpus, once per session, served by a real Datasette."""
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

import pytest
import yaml
from datasette.app import Datasette

from ingest import builder as build

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = Path(__file__).resolve().parent / "gold"


def make_datasette(db_path):
    """A Datasette configured exactly as the README's serve command configures it."""
    return Datasette(
        [],
        immutables=[str(db_path)],
        metadata=yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8")),
        plugins_dir=str(ROOT / "plugins"),
        template_dir=str(ROOT / "templates"),
        settings=json.loads((ROOT / "settings.json").read_text()),
    )


def corpus_lines():
    """(line, language) for every line of every corpus document, decoded as the build decodes it."""
    from ingest.decode import decode_bytes
    from ingest.manifest import load_manifest
    return [(line, entry["language"]) for entry in load_manifest(CORPUS)
            for line in decode_bytes(entry["path"].read_bytes(), entry["path"]).splitlines()]


@pytest.fixture(scope="session")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("db") / "policy.db"
    build.build(CORPUS, path)
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
    from ingest.decode import decode_bytes
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


def dump_database(path):
    """Every row of every table but build_info, order-free, plus the search index keyed by clause id
    (rowids may differ between builds that are otherwise equal). documents.file_stat is left out: it records
    the files' times on this disk, not what was built from them."""
    import sqlite3
    conn = sqlite3.connect(path)
    tables = [t for (t,) in conn.execute(
        "select name from sqlite_master where type = 'table' and name not like 'clauses_fts%' and name != 'build_info'")]

    def columns(table):
        return ", ".join(f"[{c}]" for (_, c, *_) in conn.execute(f"pragma table_info([{table}])") if (table, c) != ("documents", "file_stat"))

    dump = {t: sorted(conn.execute(f"select {columns(t)} from [{t}]").fetchall(), key=repr) for t in tables}
    dump["fts"] = sorted(conn.execute(
        "select c.id, f.search_text from clauses_fts f join clauses c on c.rowid = f.rowid").fetchall())
    conn.close()
    return dump


def load_gold(name):
    return yaml.safe_load((GOLD / name).read_text(encoding="utf-8"))


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(db_path, tmp_path_factory):
    """The README's serve command on a configuration directory holding the test build."""
    config = tmp_path_factory.mktemp("serve")
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
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    else:
        proc.kill()
        raise RuntimeError(proc.stderr.read().decode())
    yield base
    proc.terminate()
    proc.wait(timeout=10)
