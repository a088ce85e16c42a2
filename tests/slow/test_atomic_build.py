"""A build killed at any moment leaves either the previous database or the complete new one."""
import hashlib
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import time

from support import ROOT


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_kill_9_during_build_leaves_previous_database(corpus_copy, tmp_path):
    db = tmp_path / "policy.db"
    cmd = [sys.executable, str(ROOT / "build.py"), "--corpus", str(corpus_copy), "--db", str(db), "--jobs", "1"]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    before = sha(db)
    # A change, so that a completed build would give a different file.
    with open(corpus_copy / "news-2021-beijing-overseas-talent.en.txt", "a", encoding="utf-8") as f:
        f.write("\nA new closing sentence was added.\n")
    outcomes = []
    for delay in (0.05, 0.3, 0.6, 0.9, 1.2, 1.6):
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        after = sha(db)
        # Either untouched, or the complete new database (the rename is the last step).
        if after != before:
            conn = sqlite3.connect(db)
            assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
            assert conn.execute("select count(*) from documents").fetchone()[0] == 5
            before = after
        outcomes.append(after == before)
    assert os.path.exists(db)
    # At least one kill landed mid-build (the database did not change then).
    assert any(outcomes)


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
