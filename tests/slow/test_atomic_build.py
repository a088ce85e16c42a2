"""A build killed at any moment leaves the served database whole; the next build picks up from there."""
import hashlib
import importlib.util
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import time

from support import ROOT, dump_database

BUILD = [sys.executable, str(ROOT / "build.py")]


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _generate(corpus, documents):
    spec = importlib.util.spec_from_file_location("generate_corpus", ROOT / "bench" / "generate_corpus.py")
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    generator.generate(corpus, documents, seed=3)


def _wait_for(predicate, timeout=60):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError
        time.sleep(0.002)


def _database_state(path):
    """(sha256, documents) of a whole database; it must pass SQLite's integrity check."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        documents = conn.execute("select count(*) from documents").fetchone()[0]
    finally:
        conn.close()
    return sha(path), documents


def _kill_during(cmd, marker, fraction, writing, reader_of):
    """Run cmd, wait until marker() (a path) exists, wait fraction of the write, kill -9. Returns whether the
    kill landed mid-write (the marker outlived the process) and checks that the file a server had open (held
    before the build started) was never written to."""
    served_before = reader_of()
    reader = open(served_before, "rb")
    expected = hashlib.sha256(reader.read()).hexdigest()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    path = marker(proc.pid)
    _wait_for(path.exists)
    time.sleep(fraction * writing)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait() in (-signal.SIGKILL, 0)  # killed, or it had just finished
    with reader:
        reader.seek(0)
        assert hashlib.sha256(reader.read()).hexdigest() == expected, "the served database was written to"
    return path.exists()


def test_kill_9_mid_write_leaves_the_served_database(tmp_path):
    """Full builds killed while their new file is being written (it exists before the kill and is still there
    after it, so the link had not moved) leave policy.db byte for byte as it was; a build that got to the move
    leaves the new one, whole. Kills are spread over the write, thick near its end. The file being served is
    never written to, killed or not: a server that opened it keeps reading it whole (a build that copied the
    new file over the old one, instead of moving a link, fails here)."""
    corpus, db = tmp_path / "corpus", tmp_path / "policy.db"
    _generate(corpus, 120)
    cmd = BUILD + ["--corpus", str(corpus), "--db", str(db), "--jobs", "1", "--full"]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    slots = tmp_path / ".policy.db.d"
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_for(lambda: list(slots.glob(".full.*.tmp")))
    appeared = time.monotonic()
    proc.wait(timeout=300)
    writing = time.monotonic() - appeared
    assert writing > 0.3, f"the write took {writing:.2f}s of {time.monotonic() - started:.2f}s: too short to aim at"
    before = _database_state(db)
    mid_write = 0
    for fraction in (0.0, 0.1, 0.25, 0.4, 0.55, 0.7, 0.8, 0.88, 0.93, 0.96, 0.98, 0.99, 1.0):
        if _kill_during(cmd, lambda pid: slots / f".full.{pid}.tmp", fraction, writing, db.resolve):
            mid_write += 1
            assert _database_state(db) == before, f"killed at {fraction:.0%} of the write"
        else:
            before = _database_state(db)
            assert before[1] == 120
    assert mid_write >= 6, f"only {mid_write} kills landed mid-write"


def test_kill_9_mid_update_is_rolled_back_and_the_next_build_is_whole(tmp_path):
    """An incremental build updates the other slot in one transaction. Killed while its journal exists (mid
    transaction), it leaves the served database as it was; the next build rolls the slot back, brings it up
    to date and serves exactly what a full build of the same corpus holds."""
    corpus, db = tmp_path / "corpus", tmp_path / "policy.db"
    _generate(corpus, 60)
    cmd = BUILD + ["--corpus", str(corpus), "--db", str(db), "--jobs", "1"]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    docs = sorted(corpus.glob("*.txt"))
    mid_update = 0
    for n, fraction in enumerate((0.0, 0.2, 0.5, 0.8, 0.0, 0.3)):
        with open(docs[n], "a", encoding="utf-8") as f:
            f.write(f"\nThe office hired {100 + n} more agents.\n")
        served = db.resolve()
        before = _database_state(db)
        slot = next(p for p in (tmp_path / ".policy.db.d").glob("?.db") if p != served) \
            if len(list((tmp_path / ".policy.db.d").glob("?.db"))) == 2 else None
        if slot is None:  # the first incremental build makes the second slot: nothing to aim at yet
            subprocess.run(cmd, check=True, capture_output=True, timeout=300)
            continue
        if _kill_during(cmd, lambda pid: slot.with_name(slot.name + "-journal"), fraction, 0.3, db.resolve):
            mid_update += 1
            assert db.resolve() == served and _database_state(db) == before
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    full = tmp_path / "full.db"
    subprocess.run(BUILD + ["--corpus", str(corpus), "--db", str(full), "--full"], check=True, capture_output=True)
    assert dump_database(db) == dump_database(full)
    assert mid_update >= 2, f"only {mid_update} kills landed mid-update"


def test_a_killed_builds_leftovers_are_removed_by_the_next(corpus_copy, tmp_path):
    db = tmp_path / "policy.db"
    subprocess.run(BUILD + ["--corpus", str(corpus_copy), "--db", str(db)], check=True, capture_output=True, timeout=300)
    stale = tmp_path / ".policy.db.d" / ".full.999999.tmp"
    stale.write_bytes(b"partial")
    older = tmp_path / ".policy.db.999998.tmp"  # as builds before the two slots left them
    older.write_bytes(b"partial")
    subprocess.run(BUILD + ["--corpus", str(corpus_copy), "--db", str(db), "--full"], check=True, capture_output=True)
    assert not stale.exists() and not older.exists()
    assert sqlite3.connect(db).execute("select count(*) from clauses").fetchone()[0] > 200


def test_two_builds_at_once(tmp_path):
    """The second build stops at once with a clear line, or waits for the first with --wait."""
    corpus, db = tmp_path / "corpus", tmp_path / "policy.db"
    _generate(corpus, 150)  # long enough for the second build to start while the first writes
    cmd = BUILD + ["--corpus", str(corpus), "--db", str(db), "--jobs", "1", "--full"]
    first = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_for(lambda: list((tmp_path / ".policy.db.d").glob(".full.*.tmp")))
    second = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    waiting = subprocess.Popen(cmd + ["--wait"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert first.wait(timeout=300) == 0
    assert second.returncode == 1 and second.stderr.startswith("error: ") and "another build is running" in second.stderr
    assert "Traceback" not in second.stderr
    assert waiting.wait(timeout=300) == 0
    assert sqlite3.connect(db).execute("select generation from build_info").fetchone()[0] == 2


def _limit_file_size():
    # A "full disk" for this process only: writes past 64 KiB fail with EFBIG (Python ignores SIGXFSZ).
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


def test_full_disk_fails_cleanly(corpus_copy, tmp_path):
    db = tmp_path / "policy.db"
    cmd = BUILD + ["--corpus", str(corpus_copy), "--db", str(db)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    before = sha(db)
    # --full: an unchanged corpus would otherwise (rightly) write nothing at all.
    result = subprocess.run(cmd + ["--full"], capture_output=True, text=True, timeout=300, preexec_fn=_limit_file_size)
    assert result.returncode != 0
    assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr, result.stderr
    assert sha(db) == before
    assert not list((tmp_path / ".policy.db.d").glob(".full.*"))


def test_the_other_slot_keeps_the_previous_generation(corpus_copy, tmp_path):
    """policy.db names the generation served; the other slot holds the one before it, until the next build."""
    db = tmp_path / "policy.db"
    cmd = BUILD + ["--corpus", str(corpus_copy), "--db", str(db)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    first = db.resolve()
    assert db.is_symlink() and first.parent.name == ".policy.db.d"
    with open(corpus_copy / "news-2021-beijing-overseas-talent.en.txt", "a", encoding="utf-8") as f:
        f.write("\nA new closing sentence was added.\n")
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    second = db.resolve()
    assert second != first and os.path.exists(first)
    generation = "select generation from build_info"
    assert sqlite3.connect(first).execute(generation).fetchone()[0] == 1
    assert sqlite3.connect(second).execute(generation).fetchone()[0] == 2
    unchanged = sha(second)
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)  # nothing changed: nothing written
    assert db.resolve() == second and sha(second) == unchanged
