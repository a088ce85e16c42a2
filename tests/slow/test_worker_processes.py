"""Worker processes end with the build, however it ends; a worker killed under a build fails it in one line."""
import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support import ROOT


@pytest.fixture(scope="module")
def generated_corpus(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("generated") / "corpus"
    spec = importlib.util.spec_from_file_location("generate_corpus", ROOT / "bench" / "generate_corpus.py")
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    generator.generate(corpus, 600, seed=5)
    return corpus


def children_of(pid):
    """Pids of the processes whose parent is pid, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # pid (comm) state ppid ...: comm may hold spaces and parentheses, so split after its last ')'.
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid):
    """Running, not gone and not a zombie (a zombie is dead, waiting only for its exit status to be read)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def start_build(corpus, db):
    return subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--corpus", str(corpus), "--db", str(db),
                             "--jobs", "2", "--full"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def wait_for_workers(build, count=2, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        workers = children_of(build.pid)
        if len(workers) >= count:
            time.sleep(0.5)  # into their first batches
            return workers
        assert build.poll() is None, build.stderr.read()
        time.sleep(0.05)
    raise TimeoutError("no worker processes appeared")


pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)
def test_workers_end_with_the_build(generated_corpus, tmp_path, sig):
    build = start_build(generated_corpus, tmp_path / "policy.db")
    try:
        workers = wait_for_workers(build)
        os.kill(build.pid, sig)
        build.wait(timeout=10)
        deadline = time.monotonic() + 5
        while any(map(alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        survivors = [pid for pid in workers if alive(pid)]
    finally:
        build.kill()
        build.wait()
    for pid in survivors:  # what this test started it ends, whatever the outcome
        os.kill(pid, signal.SIGKILL)
    assert survivors == [], f"{len(survivors)} worker(s) outlived the build killed by {sig.name}"


def test_a_worker_killed_under_a_build_fails_it_in_one_line(generated_corpus, tmp_path):
    db = tmp_path / "policy.db"
    build = start_build(generated_corpus, db)
    try:
        victim = wait_for_workers(build)[0]
        os.kill(victim, signal.SIGKILL)
        stderr = build.communicate(timeout=120)[1]
    finally:
        build.kill()
        build.wait()
    assert build.returncode == 1
    assert len(stderr.splitlines()) == 1 and "Traceback" not in stderr, stderr
    assert stderr.startswith(f"error: {generated_corpus / 'manifest.yml'}: a build worker process was killed "
                             "(out of memory, or by a signal) while processing one of: syn-"), stderr
    assert ".txt)" in stderr
    assert not db.exists() and not list(tmp_path.glob(".*.tmp"))
