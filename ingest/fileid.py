"""What names a database file as written: builds publish new files and never change one, so a file whose
identity is unchanged holds what it held (a build's record of what it published, a server's generation,
the search page's cached filter choices)."""
import os


def file_identity(path):
    """(inode, device, size, modification time) of the file path leads to; None when there is none."""
    try:
        st = os.stat(path)
    except (OSError, TypeError):
        return None
    return st.st_ino, st.st_dev, st.st_size, st.st_mtime_ns
