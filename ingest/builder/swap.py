"""The database file's lifecycle: written under a temporary name, renamed over the old one only when whole.

A failed or killed build leaves the previous database as it was; servers reading the old file keep reading it.
"""
import os
import threading
from pathlib import Path


def temp_path_for(db_path: Path) -> Path:
    """A hidden temporary file in the target's directory, so the final rename stays on one file system."""
    return db_path.with_name(f".{db_path.name}.{os.getpid()}.tmp")


def previous_path_for(db_path: Path) -> Path:
    """Where the database a build replaced stays until the next build: policy.db.previous."""
    return db_path.with_name(db_path.name + ".previous")


def remove_stale_temps(db_path: Path):
    """Temporary files of killed builds: no live process owns them any more."""
    for stale in db_path.parent.glob(f".{db_path.name}.*.tmp"):
        pid = stale.name.split(".")[-2]
        if pid.isdigit() and not _pid_alive(int(pid)):
            stale.unlink(missing_ok=True)


def _pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def in_thread(name, work, *args):
    """Run work(*args) in a thread and return a function that waits for it (and raises what it raised).
    For file work that waits on the kernel, not on Python: copying the previous database, dropping the one
    before it. The changed documents are processed meanwhile."""
    failure = []

    def run():
        try:
            work(*args)
        except BaseException as e:  # handed to the waiting thread
            failure.append(e)

    thread = threading.Thread(target=run, name=name)
    thread.start()

    def wait():
        thread.join()
        if failure:
            raise failure[0]

    return wait


def keep_as_previous(db_path: Path, previous: Path):
    """A second name for the database about to be replaced, so that replacing it frees nothing: freeing a
    1 GB file is slow, and the next build spends that time in a thread, alongside its own work."""
    try:
        os.link(db_path, previous)
    except FileNotFoundError:
        pass  # the first build: nothing to keep
    except OSError:
        pass  # no hard links here: the rename frees the old file itself


def put_in_place(tmp_path: Path, db_path: Path, previous: Path):
    """Make the finished temporary file the database: flushed to disk, then renamed over the old one (an
    atomic step: readers see the old file or the new one, never a mix)."""
    with open(tmp_path, "rb+") as f:
        os.fsync(f.fileno())
    keep_as_previous(db_path, previous)
    os.replace(tmp_path, db_path)


def wait_quietly(*waits):
    """Wait for background file work after a failure; the build's own error is the one to report."""
    for wait in waits:
        try:
            wait()
        except BaseException:  # noqa: BLE001 -- reported by the caller's own exception
            pass
