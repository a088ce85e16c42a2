"""Read and check corpus/manifest.yml. Every problem names the manifest (and line) or the document file.

Every YAML file of a corpus is read by read_yaml(): it remembers lines for error messages, keeps dates as the
text written (so that 2020-02-30 is reported, not a crash), and bounds what aliases expand to: a few lines
of YAML aliases can stand for a billion values."""
import datetime
import hashlib
import json
import logging
import os
import re
import stat
import tempfile
import time
from pathlib import Path

import yaml

from .corpusfiles import MANIFEST, NOT_DOCUMENTS
from .errors import CorpusError

REQUIRED = ("id", "file", "language", "type", "issuer", "source_name", "translation")
OPTIONAL = (
    "title", "title_en", "title_zh", "doc_number", "issue_date", "publication_date",
    "source_url", "about", "strip_lines", "translation_of", "translator",
)
# Fields whose value is one piece of text; issue_date, publication_date, about and strip_lines have their own checks.
TEXT_FIELDS = ("id", "file", "title", "language", "type", "issuer", "source_name", "translation",
               "title_en", "title_zh", "doc_number", "source_url")
LANGUAGES = ("zh", "en")
TRANSLATIONS = ("original", "official translation", "unofficial translation", "machine translation")
# \Z, not $: $ also matches before a final newline, which let "evil\n" through.
URL_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*\Z")
MAX_ID_CHARS = 200  # ids go into URLs and file names
ISO_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
MAX_YAML_BYTES = 64 * 1024 * 1024  # a 10,000-document manifest is 3 MB
log = logging.getLogger(__name__)


# libyaml's C loader reads a 10,000-document manifest in a fraction of the pure-Python loader's time.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Lines(list):
    """A YAML list that remembers the line of each of its items, for error messages."""
    lines = ()


class _LineLoader(_BaseLoader):
    """A YAML loader that remembers the line of each mapping and list item, and keeps timestamps as text."""


def _mapping_with_line(loader, node):
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


def _sequence_with_lines(loader, node):
    items = Lines(loader.construct_sequence(node, deep=True))
    items.lines = tuple(item.start_mark.line + 1 for item in node.value)
    return items


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence_with_lines)
# A date stays the text it was written as: PyYAML's own constructor raises on 2020-02-30, a traceback.
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


# Values that aliases may add to a file beyond those written out. Tools write aliases for values they share
# (PyYAML's safe_dump does, for a list two entries hold); nine lines of nested aliases make a billion values.
MAX_ALIAS_EXPANSION = 1_000_000


class _Expansion(Exception):
    def __init__(self, node, message):
        self.line, self.message = node.start_mark.line + 1, message


def _children(node):
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return ()


def _check_alias_expansion(root):
    """Raise _Expansion when aliases (*name) make the document refer to itself, or expand it by more than
    MAX_ALIAS_EXPANSION values. An alias makes the composer hand out one node in two places: the values a
    node stands for, once expanded, are counted once per node (an iterative walk: a file may nest deeply)."""
    size, open_nodes, first_shared = {}, set(), None
    stack = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            open_nodes.discard(key)
            size[key] = 1 + sum(size[id(child)] for child in _children(node))
        elif key in open_nodes:  # met again below itself
            raise _Expansion(node, "a YAML alias (*name) inside the value it names: it would never end")
        elif key not in size:
            open_nodes.add(key)
            stack.append((node, True))
            stack.extend((child, False) for child in _children(node))
        elif first_shared is None:
            first_shared = node
    added = size[id(root)] - len(size)
    if added > MAX_ALIAS_EXPANSION:
        raise _Expansion(first_shared, f"YAML aliases (*name) expand this file by {added:,} values (the limit is "
                                       f"{MAX_ALIAS_EXPANSION:,}): write the values out, or share less")


def read_yaml(path):
    """Parse a YAML file; a syntax error becomes a CorpusError with the file and line."""
    path = Path(path)
    return _parse_yaml(_read_yaml_bytes(path), path)


def _read_yaml_bytes(path):
    try:
        with path.open("rb") as f:
            data = f.read(MAX_YAML_BYTES + 1)
    except FileNotFoundError:
        raise CorpusError(path, "file not found")
    except IsADirectoryError:
        raise CorpusError(path, "is a folder, not a YAML file")
    if len(data) > MAX_YAML_BYTES:
        raise CorpusError(path, f"larger than {MAX_YAML_BYTES // 2**20} MB: not a corpus file")
    return data


def _parse_yaml(data, path):
    try:
        loader = _LineLoader(data.decode("utf-8"))
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            if b"*" in data:  # without a *, there is no alias
                _check_alias_expansion(node)
            return loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        context = f" ({e.context} at line {e.context_mark.line + 1})" if e.context and e.context_mark else ""
        raise CorpusError(path, f"malformed YAML: {e.problem or e.context}{context}", line=mark.line + 1 if mark else None)
    except _Expansion as e:
        raise CorpusError(path, e.message, line=e.line)
    except yaml.YAMLError as e:
        raise CorpusError(path, f"malformed YAML: {' '.join(str(e).split())}")
    except UnicodeDecodeError as e:
        raise CorpusError(path, f"not UTF-8 (byte {e.start})")
    except RecursionError:
        raise CorpusError(path, "malformed YAML: nested too deeply")


def strip_lines_marks(value):
    """Drop the __line__ keys our loader adds, recursively."""
    if isinstance(value, dict):
        return {k: strip_lines_marks(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [strip_lines_marks(v) for v in value]
    return value


# ------------------------------------------------------------------------------------------- the YAML cache
# Bumped whenever read_yaml gives other data for the same bytes, so that caches written before are not used.
CACHE_FORMAT = 3
CACHE_PREFIX = "yaml-"
_cache_refused = set()  # reasons already reported, so each is said once per process


def read_yaml_cached(path):
    """read_yaml, remembered by the file's hash: a no-op rebuild of a 10,000-document corpus should not spend
    seconds re-parsing an unchanged manifest.

    The cache is a file in a private per-user folder (yaml_cache_dir), one per YAML file, replaced when the
    YAML changes. It records the sha256 of the YAML it was made from and of its own content: a cache that
    does not match both (another file's, a truncated or empty one) is ignored and written anew. Where the
    folder is not safe (someone else's, or writable by others), nothing is cached."""
    path = Path(path)
    data = _read_yaml_bytes(path)
    source = hashlib.sha256(data).hexdigest()
    folder = yaml_cache_dir()
    cache = folder / f"{CACHE_PREFIX}{hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:32]}.json" if folder else None
    if cache:
        cached = _read_cache(cache, source)
        if cached is not None:
            return json.loads(cached)
    body = json.dumps(_parse_yaml(data, path), ensure_ascii=False, default=str)
    if cache:
        _write_cache(cache, path.resolve(), source, body)
    return json.loads(body)


def yaml_cache_dir():
    """$XDG_CACHE_HOME/policy-kb (or ~/.cache/policy-kb), made with mode 0700 when missing; None, said once
    on stderr, when it cannot be made or is not safe: not a folder of this user's that only they can write."""
    try:
        base = os.environ.get("XDG_CACHE_HOME", "")
        # The XDG spec: a relative path is invalid and must be ignored.
        folder = (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / "policy-kb"
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(folder)
    except (OSError, RuntimeError, KeyError) as e:  # Path.home() raises RuntimeError or KeyError without a home
        return _refuse_cache(f"cannot make a cache folder: {e}")
    if not stat.S_ISDIR(info.st_mode):
        return _refuse_cache(f"{folder} is not a folder")
    if info.st_uid != os.geteuid():
        return _refuse_cache(f"{folder} belongs to user {info.st_uid}, not to this user ({os.geteuid()})")
    if info.st_mode & 0o022:
        return _refuse_cache(f"{folder} can be written by other users (mode {stat.S_IMODE(info.st_mode):o})")
    return folder


def _refuse_cache(reason):
    if reason not in _cache_refused:
        _cache_refused.add(reason)
        log.warning(f"warning: YAML files are read without a cache: {reason}")
    return None


def _read_cache(cache, source):
    """The cached JSON text when the cache file verifies against the YAML's hash, else None."""
    try:
        fd = os.open(cache, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:  # missing, or a link
        return None
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
            return None
        header, _, body = f.read().partition(b"\n")
    try:
        header = json.loads(header)
        verified = (isinstance(header, dict) and header.get("format") == CACHE_FORMAT and header.get("source") == source
                    and header.get("content") == hashlib.sha256(body).hexdigest())
        return body.decode("utf-8") if verified else None
    except ValueError:  # not JSON, not UTF-8
        return None


def _write_cache(cache, yaml_path, source, body):
    """Replace the cache atomically: a header line with the YAML file's path and the hashes, then the JSON.
    A failure to write (a full disk) only costs the next build a parse."""
    data = body.encode("utf-8")
    header = json.dumps({"format": CACHE_FORMAT, "path": str(yaml_path), "source": source,
                         "content": hashlib.sha256(data).hexdigest()}, ensure_ascii=True)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=".", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(header.encode() + b"\n" + data)
        os.replace(tmp, cache)
    except OSError as e:
        _refuse_cache(f"cannot write {cache}: {e}")
        if tmp:
            Path(tmp).unlink(missing_ok=True)
    else:
        _sweep_stale(cache.parent)


STALE_SECONDS = 3600


def _sweep_stale(folder):
    """Caches of YAML files that are gone (the corpora of test runs, a deleted checkout), caches without the
    header of this version, and temporary files of cache writes that were killed an hour ago. (Caches that
    earlier versions left in the shared temp folder, policy-kb-yaml-<hash>.json, are left to the system's
    cleaning of it: a build of an older checkout may be reading them.)"""
    now = time.time()
    for old in folder.iterdir():
        try:
            if old.name.startswith(".") and old.name.endswith(".tmp"):
                if now - os.lstat(old).st_mtime > STALE_SECONDS:
                    old.unlink()
            elif old.name.startswith(CACHE_PREFIX) and not _cached_yaml_exists(old):
                old.unlink()
        except OSError:
            continue  # gone already


def _cached_yaml_exists(cache):
    with cache.open("rb") as f:
        header = f.readline(4096)
    try:
        header = json.loads(header)
    except ValueError:
        return False
    return isinstance(header, dict) and header.get("format") == CACHE_FORMAT and os.path.isfile(header.get("path", ""))


# ------------------------------------------------------------------------------------------------ the manifest
def load_manifest(corpus_dir):
    """Return the manifest's entries as dicts, checked against each other and against the files in corpus_dir."""
    corpus_dir = Path(corpus_dir).resolve()  # once: resolving it for each of 10,000 entries took most of a second
    path = corpus_dir / MANIFEST
    raw = read_yaml_cached(path)
    if not isinstance(raw, list) or not raw:
        raise CorpusError(path, "the manifest must be a non-empty YAML list of documents")
    entries, seen, used = [], {}, {}
    files = _regular_files(corpus_dir)
    for position, item in enumerate(raw, start=1):
        if not isinstance(item, dict):
            raise CorpusError(path, f"entry {position} of the list must be a mapping of fields, not {describe(item)}")
        entry = _check_entry(item, path, corpus_dir, files)
        if entry["id"] in seen:
            raise CorpusError(path, f"duplicate id {entry['id']!r} (first at line {seen[entry['id']]})", line=entry["line"])
        if entry["file"] in used:
            raise CorpusError(path, f"{entry['id']}: file {entry['file']!r} is already the file of entry "
                                    f"{used[entry['file']]!r}", line=entry["line"])
        seen[entry["id"]], used[entry["file"]] = entry["line"], entry["id"]
        entries.append(entry)
    _check_about(entries, path)
    _check_unlisted_files(entries, corpus_dir, files)
    return entries


def _regular_files(corpus_dir):
    """Names of the regular files directly in corpus/ (links are not followed: a link could point outside)."""
    return {e.name for e in os.scandir(corpus_dir) if e.is_file(follow_symlinks=False)}


def describe(value):
    """A value as an error message shows it: the YAML kind it was read as, and (short) what it was."""
    kind = {bool: "true/false", int: "a number", float: "a number", dict: "a mapping", Lines: "a list",
            list: "a list", type(None): "empty"}.get(type(value), type(value).__name__)
    if isinstance(value, dict):
        value = strip_lines_marks(value)
    shown = repr(value)
    return f"{kind} ({shown[:60]}{'…' if len(shown) > 60 else ''})" if value is not None else kind


def check_text(value, what, path, line):
    """value when it is text, else a CorpusError saying what it was read as (title: 2021 is a number)."""
    if not isinstance(value, str):
        raise CorpusError(path, f"{what} must be text, not {describe(value)}; quote it if it is meant as text", line=line)
    return value


def check_id(value, what, path, line):
    """value when it is a URL-safe id: text of letters, digits, '-' and '_', starting with a letter or digit."""
    check_text(value, what, path, line)
    if not URL_SAFE_ID.match(value) or len(value) > MAX_ID_CHARS:
        raise CorpusError(path, f"{what} {value!r} is not URL-safe: use up to {MAX_ID_CHARS} letters, digits, "
                                "'-' and '_', starting with a letter or digit", line=line)
    return value


def check_text_list(value, what, path, line):
    """A list of non-empty texts, [] for an empty field. One text alone is refused, not read as a list of
    its characters."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise CorpusError(path, f"{what} must be a list ([a, b] or one '- item' per line), not {describe(value)}", line=line)
    for position, item in enumerate(value):
        item_line = value.lines[position] if isinstance(value, Lines) else line
        if not isinstance(item, str) or not item.strip():
            raise CorpusError(path, f"{what}: item {position + 1} must be non-empty text, not {describe(item)}",
                              line=item_line)
    return list(value)


def check_date(value, what, path, line):
    """An ISO date as text (YYYY, YYYY-MM or YYYY-MM-DD) that exists in the calendar, or None."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # issue_date: 2020
    m = ISO_PARTIAL.fullmatch(value) if isinstance(value, str) else None
    try:
        if m:
            datetime.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
            return value
    except ValueError as e:
        raise CorpusError(path, f"{what} {value} is not a date in the calendar ({e})", line=line)
    raise CorpusError(path, f"{what} must be YYYY, YYYY-MM or YYYY-MM-DD, not {describe(value)}", line=line)


def _check_entry(item, path, corpus_dir, files):
    line = item.get("__line__")
    label = item.get("id") if isinstance(item.get("id"), str) else "?"
    missing = [k for k in REQUIRED if item.get(k) in (None, "")]
    if missing:
        raise CorpusError(path, f"entry {label!r} is missing required field(s): {', '.join(missing)}", line=line)
    unknown = sorted(map(str, set(item) - set(REQUIRED) - set(OPTIONAL) - {"__line__"}))
    if unknown:
        raise CorpusError(path, f"entry {label!r} has unknown field(s): {', '.join(unknown)}", line=line)
    doc_id = check_id(item["id"], "id", path, line)
    for key in TEXT_FIELDS:
        if item.get(key) is not None:
            check_text(item[key], f"{doc_id}: {key}", path, line)
    entry = {k: item.get(k) for k in REQUIRED + OPTIONAL}
    entry["line"] = line
    if entry["language"] not in LANGUAGES:
        raise CorpusError(path, f"{doc_id}: language must be one of {LANGUAGES}, not {entry['language']!r}", line=line)
    if entry["translation"] not in TRANSLATIONS:
        raise CorpusError(path, f"{doc_id}: translation must be one of {TRANSLATIONS}, not {entry['translation']!r}", line=line)
    for key in ("issue_date", "publication_date"):
        entry[key] = check_date(entry[key], f"{doc_id}: {key}", path, line)
    for key in ("translation_of", "translator"):
        if entry[key] is not None:
            check_text(entry[key], f"{doc_id}: {key}", path, line)
    _check_translation_fields(entry, doc_id, path, line)
    entry["about"] = check_text_list(entry["about"], f"{doc_id}: about", path, line)
    entry["strip_lines"] = check_text_list(entry["strip_lines"], f"{doc_id}: strip_lines", path, line)
    entry["path"] = _resolve_file(entry["file"], corpus_dir, files, path, line)
    return entry


def _resolve_file(name, corpus_dir, files, path, line):
    """The document's path; it must name a regular file directly inside corpus/ (no ../ escapes, no links out)
    that is not the manifest or curated data."""
    if "/" in name or "\\" in name or name in (".", ".."):
        raise CorpusError(path, f"file {name!r} must be a file name inside {corpus_dir}", line=line)
    if name in NOT_DOCUMENTS:
        raise CorpusError(path, f"file {name!r} is the corpus's own data ({', '.join(sorted(NOT_DOCUMENTS))}), "
                                "not a document", line=line)
    if name not in files:
        raise CorpusError(path, f"file {name!r} does not exist in {corpus_dir} (or is not a regular file)", line=line)
    return corpus_dir / name


def _check_translation_fields(entry, doc_id, path, line):
    """translation_of and translator belong to translations: an original names neither, and translation_of is
    one id (checked against the corpus once every entry is read)."""
    for key in ("translation_of", "translator"):
        if entry[key] is not None:
            entry[key] = str(entry[key]).strip() or None
    if entry["translation"] == "original" and (entry["translation_of"] or entry["translator"]):
        raise CorpusError(path, f"{doc_id}: translation_of and translator are for translations, but translation "
                                f"is 'original'", line=line)
    if entry["translation_of"] == doc_id:
        raise CorpusError(path, f"{doc_id}: translation_of names the document itself", line=line)


def _check_about(entries, path):
    ids = {e["id"]: e for e in entries}
    for e in entries:
        for other in e["about"]:
            if other not in ids:
                raise CorpusError(path, f"{e['id']}: 'about' names unknown document {other!r}", line=e["line"])
        original = e["translation_of"]
        if original is None:
            continue
        if original not in ids:
            raise CorpusError(path, f"{e['id']}: 'translation_of' names unknown document {original!r}", line=e["line"])
        if ids[original]["language"] == e["language"]:
            raise CorpusError(path, f"{e['id']}: 'translation_of' names {original!r}, which is in the same language "
                                    f"({e['language']})", line=e["line"])


def _check_unlisted_files(entries, corpus_dir, files):
    listed = {e["path"].name for e in entries}
    for name in sorted(files - listed - NOT_DOCUMENTS):
        if not name.startswith("."):
            raise CorpusError(corpus_dir / name, "this corpus file has no entry in manifest.yml")
