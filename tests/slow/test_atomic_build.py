"""A build killed at any moment leaves either the previous database or the complete new one."""
import hashlib
import importlib.util
import resource
import signal
import sqlite3
import subprocess
import sys
import time

from support import ROOT


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


def test_kill_9_mid_write_leaves_the_previous_database(tmp_path):
    """Builds killed while their temporary database is being written (it exists before the kill and is still
    there after it, so the rename had not happened) leave the previous database byte for byte; a build that
    got to its rename leaves the new one, whole. Kills are spread over the whole write. And the previous
    database's file itself is never written to, killed or not: a server that opened it keeps reading it
    whole (a swap that copied the new file over the old one, instead of renaming it, fails here)."""
    corpus, db = tmp_path / "corpus", tmp_path / "policy.db"
    _generate(corpus, 120)
    cmd = [sys.executable, str(ROOT / "build.py"), "--corpus", str(corpus), "--db", str(db), "--jobs", "1", "--full"]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    before = _database_state(db)
    # How long a build writes: from its temporary file's appearance to the end of the process.
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_for(lambda: list(tmp_path.glob(".policy.db.*.tmp")))
    appeared = time.monotonic()
    proc.wait(timeout=300)
    writing = time.monotonic() - appeared
    assert writing > 0.3, f"the write took {writing:.2f}s of {time.monotonic() - started:.2f}s: too short to aim at"
    before = _database_state(db)
    mid_write = 0
    # Spread over the write, and thick near its end, where the rename is.
    for fraction in (0.0, 0.1, 0.25, 0.4, 0.55, 0.7, 0.8, 0.88, 0.93, 0.96, 0.98, 0.99, 1.0):
        reader = open(db, "rb")  # as a server holds the database it serves
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        temp = tmp_path / f".policy.db.{proc.pid}.tmp"
        _wait_for(temp.exists)
        time.sleep(fraction * writing)
        proc.send_signal(signal.SIGKILL)
        assert proc.wait() in (-signal.SIGKILL, 0)  # killed, or it had just finished
        with reader:
            assert hashlib.sha256(reader.read()).hexdigest() == before[0], "the open database was written to"
        if temp.exists():  # killed before its rename: the previous database, untouched
            mid_write += 1
            assert _database_state(db) == before, f"killed at {fraction:.0%} of the write"
            temp.unlink()  # (a later build would remove it too; see test_stale_temp_file_...)
        else:  # the rename happened: the new database, whole
            before = _database_state(db)
            assert before[1] == 120
    assert mid_write >= 6, f"only {mid_write} kills landed mid-write"


def test_stale_temp_file_of_a_killed_build_is_removed(corpus_copy, tmp_path):
    db = tmp_path / "policy.db"
    stale = tmp_path / ".policy.db.999999.tmp"  # pid 999999: no such process
    stale.write_bytes(b"partial")
    subprocess.run([sys.executable, str(ROOT / "build.py"), "--corpus", str(corpus_copy), "--db", str(db)],
                   check=True, capture_output=True, timeout=300)
    assert not stale.exists()
    assert sqlite3.connect(db).execute("select count(*) from clauses").fetchone()[0] > 200


def _limit_file_size():
    # A "full disk" for this process only: writes past 64 KiB fail with EFBIG (Python ignores SIGXFSZ).
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


def test_full_disk_fails_cleanly(corpus_copy, tmp_path):
    db = tmp_path / "policy.db"
    cmd = [sys.executable, str(ROOT / "build.py"), "--corpus", str(corpus_copy), "--db", str(db)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    before = sha(db)
    # --full: an unchanged corpus would otherwise (rightly) write nothing at all.
    result = subprocess.run(cmd + ["--full"], capture_output=True, text=True, timeout=300, preexec_fn=_limit_file_size)
    assert result.returncode != 0
    assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr, result.stderr
    assert sha(db) == before
    assert not list(tmp_path.glob(".*.tmp"))


def test_replaced_database_stays_as_previous_until_the_next_build(corpus_copy, tmp_path):
    """The rename frees nothing: the replaced database keeps a second name, policy.db.previous, which the next
    build that writes drops (in a thread) before keeping its own predecessor there."""
    db, previous = tmp_path / "policy.db", tmp_path / "policy.db.previous"
    cmd = [sys.executable, str(ROOT / "build.py"), "--corpus", str(corpus_copy), "--db", str(db)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    assert not previous.exists()  # the first build replaced nothing
    first = sha(db)
    with open(corpus_copy / "news-2021-beijing-overseas-talent.en.txt", "a", encoding="utf-8") as f:
        f.write("\nA new closing sentence was added.\n")
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    second = sha(db)
    assert second != first and sha(previous) == first
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)  # nothing changed: nothing written
    assert sha(db) == second and sha(previous) == first
    subprocess.run(cmd + ["--full"], check=True, capture_output=True, timeout=300)
    assert sha(previous) == second
    assert sqlite3.connect(db).execute("select count(*) from documents").fetchone()[0] == 5
