"""Where builds live on disk: two database files that take turns, and a link that names the one served.

    policy.db            a symbolic link to the database being served: .policy.db.d/a.db or b.db
    .policy.db.d/a.db    one generation
    .policy.db.d/b.db    the generation before it, which the next build brings up to date and then serves
    .policy.db.d/lock    held by the build that is running
    .policy.db.d/published   the file last published, as it was then (inode, device, size, modification time)

A build never writes the file being served. A full build writes a new file and renames it into the other
slot; an incremental build updates the other slot in one transaction (a killed build is rolled back by
SQLite) with the documents changed since that slot's generation. Then the link is replaced in one rename:
servers see the old generation or the new one, never a mix, and a server that already opened a file keeps
reading it whole (plugins/generations.py moves each server to the new one between requests).
"""
import contextlib
import fcntl
import os
import sqlite3
import time
from pathlib import Path

from ..errors import CorpusError
from ..fileid import file_identity

SLOTS = ("a", "b")


def quiet_seconds() -> float:
    """How long a slot must have been out of service before a build writes it: a server moves to a new
    generation between requests, within seconds, and a request that began on the old one must not see it
    change. 5 s unless POLICY_KB_QUIET_SECONDS says otherwise (0 where no server reads the database, as
    in the tests' throwaway builds)."""
    return float(os.environ.get("POLICY_KB_QUIET_SECONDS", "5"))


class Store:
    def __init__(self, db_path):
        self.db_path = Path(db_path)
        self.dir = self.db_path.with_name(f".{self.db_path.name}.d")

    def slot_path(self, slot: str) -> Path:
        return self.dir / f"{slot}.db"

    def served(self) -> Path | None:
        """The file being served: the link's target, or db_path itself when it is a plain file (as an older
        build wrote it, or a copy someone made)."""
        if self.db_path.is_symlink():
            target = self.db_path.resolve()
            return target if target.is_file() else None
        return self.db_path if self.db_path.is_file() else None

    def other_slot(self) -> Path:
        """The slot that is not being served: the next build's."""
        served = self.served()
        for slot in SLOTS:
            path = self.slot_path(slot)
            if served is None or path.resolve() != served.resolve():
                return path
        raise AssertionError("unreachable")

    def temp_path(self) -> Path:
        """A new file for a full build, in the slots' folder so that its rename stays on one file system."""
        return self.dir / f".full.{os.getpid()}.tmp"

    @contextlib.contextmanager
    def lock(self, wait: bool = False):
        """One build at a time: the lock is held until the build ends (the kernel drops it when the process
        dies). Without wait, a second build stops at once with a clear error."""
        self.dir.mkdir(exist_ok=True)
        with open(self.dir / "lock", "a+") as f:
            try:
                fcntl.flock(f, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                f.seek(0)
                holder = f.read().strip() or "another build"
                raise CorpusError(self.db_path, f"another build is running ({holder}); try again when it ends")
            f.seek(0)
            f.truncate()
            f.write(f"pid {os.getpid()}, started {time.strftime('%Y-%m-%d %H:%M:%S')}")
            f.flush()
            try:
                yield
            finally:
                f.seek(0)
                f.truncate()

    def remove_leftovers(self):
        """Temporary files of builds that were killed (the lock says no build is running now)."""
        for stale in [*self.dir.glob(".full.*.tmp"), *self.dir.glob(".published.*")]:
            stale.unlink(missing_ok=True)
        for stale in self.db_path.parent.glob(f".{self.db_path.name}.*.tmp"):  # an older build's temporaries
            stale.unlink(missing_ok=True)
        for stale in self.db_path.parent.glob(f".{self.db_path.name}.link.*"):
            stale.unlink(missing_ok=True)

    def wait_until_quiet(self, slot: Path):
        """Before writing a slot in place: it must have been out of service for a few seconds, so that no request
        that began on it is still reading it (quiet_seconds())."""
        try:
            flipped = os.lstat(self.db_path).st_mtime
        except FileNotFoundError:
            return
        if slot.exists():
            time.sleep(max(0.0, flipped + quiet_seconds() - time.time()))


    def publish(self, slot: Path):
        """Serve slot: its data flushed to disk, then the link replaced in one rename. What was published is
        recorded, so that the next build can tell the file is as it was left without reading all of it."""
        with open(slot, "rb+") as f:
            os.fsync(f.fileno())
        record = self.dir / f".published.{os.getpid()}"
        record.write_text(f"{slot.name} {file_identity(slot)}")
        os.replace(record, self.dir / "published")
        link = self.db_path.with_name(f".{self.db_path.name}.link.{os.getpid()}")
        link.unlink(missing_ok=True)
        os.symlink(os.path.relpath(slot, self.db_path.parent), link)
        os.replace(link, self.db_path)
        dir_fd = os.open(self.db_path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)  # the rename itself survives a crash
        finally:
            os.close(dir_fd)


    def unchanged_since_published(self, served: Path) -> bool:
        """True when served is the file this store last published, with the inode, size and modification time it
        had then: a build wrote it whole and flushed it, and nothing has written it since. A file changed in
        any way (or a record lost) is checked instead (is_whole)."""
        try:
            return (self.dir / "published").read_text() == f"{served.name} {file_identity(served)}"
        except OSError:
            return False


def is_whole(path: Path) -> bool:
    """SQLite's quick check of a database file: False when it is damaged or not a database."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return conn.execute("pragma quick_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    except sqlite3.Error:
        return False
