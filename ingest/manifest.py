"""Read and check corpus/manifest.yml. Every problem names the manifest (and line) or the document file."""
import datetime
import hashlib
import json
import os
import re
import tempfile
from pathlib import Path

import yaml

from .corpusfiles import MANIFEST, NOT_DOCUMENTS
from .errors import CorpusError

REQUIRED = ("id", "file", "language", "type", "issuer", "source_name", "translation")
OPTIONAL = (
    "title", "title_en", "title_zh", "doc_number", "issue_date", "publication_date",
    "source_url", "about", "strip_lines", "translation_of", "translator",
)
LANGUAGES = ("zh", "en")
TRANSLATIONS = ("original", "official translation", "unofficial translation", "machine translation")
URL_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
ISO_PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


# libyaml's C loader reads a 10,000-document manifest in a fraction of the pure-Python loader's time.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):
    """A YAML loader that remembers the line of each mapping, for error messages."""


def _mapping_with_line(loader, node):
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def read_yaml(path):
    """Parse a YAML file; a syntax error becomes a CorpusError with the file and line."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8") as f:
            return yaml.load(f, Loader=_LineLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        context = f" ({e.context} at line {e.context_mark.line + 1})" if e.context and e.context_mark else ""
        raise CorpusError(path, f"malformed YAML: {e.problem or e.context}{context}", line=mark.line + 1 if mark else None)
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise CorpusError(path, f"malformed YAML: {e}")
    except FileNotFoundError:
        raise CorpusError(path, "file not found")


def strip_lines_marks(value):
    """Drop the __line__ keys our loader adds, recursively."""
    if isinstance(value, dict):
        return {k: strip_lines_marks(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [strip_lines_marks(v) for v in value]
    return value


def read_yaml_cached(path):
    """read_yaml, remembered by the file's hash: a no-op rebuild of a 10,000-document corpus should not spend
    seconds re-parsing an unchanged manifest. The cache lives in the temp dir, never in the repository."""
    data = Path(path).read_bytes() if Path(path).is_file() else b""
    cache = Path(tempfile.gettempdir()) / f"policy-kb-yaml-{hashlib.sha256(data).hexdigest()}.json"
    if data and cache.is_file():
        return json.loads(cache.read_text(encoding="utf-8"))
    raw = read_yaml(path)
    tmp = cache.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(raw, ensure_ascii=False, default=str), encoding="utf-8")
    os.replace(tmp, cache)
    return json.loads(cache.read_text(encoding="utf-8"))


def load_manifest(corpus_dir):
    """Return the manifest's entries as dicts, checked against each other and against the files in corpus_dir."""
    corpus_dir = Path(corpus_dir).resolve()  # once: resolving it for each of 10,000 entries took most of a second
    path = corpus_dir / MANIFEST
    raw = read_yaml_cached(path)
    if not isinstance(raw, list) or not raw:
        raise CorpusError(path, "the manifest must be a non-empty YAML list of documents")
    entries, seen = [], {}
    files = _regular_files(corpus_dir)
    for item in raw:
        entry = _check_entry(item, path, corpus_dir, files)
        if entry["id"] in seen:
            raise CorpusError(path, f"duplicate id {entry['id']!r} (first at line {seen[entry['id']]})", line=entry["line"])
        seen[entry["id"]] = entry["line"]
        entries.append(entry)
    _check_about(entries, path)
    _check_unlisted_files(entries, corpus_dir, files)
    return entries


def _regular_files(corpus_dir):
    """Names of the regular files directly in corpus/ (links are not followed: a link could point outside)."""
    return {e.name for e in os.scandir(corpus_dir) if e.is_file(follow_symlinks=False)}


def _check_entry(item, path, corpus_dir, files):
    if not isinstance(item, dict):
        raise CorpusError(path, "each manifest entry must be a mapping of fields")
    line = item.get("__line__")
    missing = [k for k in REQUIRED if item.get(k) in (None, "")]
    if missing:
        raise CorpusError(path, f"entry {item.get('id', '?')!r} is missing required field(s): {', '.join(missing)}", line=line)
    unknown = sorted(set(item) - set(REQUIRED) - set(OPTIONAL) - {"__line__"})
    if unknown:
        raise CorpusError(path, f"entry {item['id']!r} has unknown field(s): {', '.join(unknown)}", line=line)
    entry = {k: item.get(k) for k in REQUIRED + OPTIONAL}
    entry["line"] = line
    doc_id = str(entry["id"])
    if not URL_SAFE_ID.match(doc_id):
        raise CorpusError(path, f"id {doc_id!r} is not URL-safe: use letters, digits, '-' and '_'", line=line)
    if entry["language"] not in LANGUAGES:
        raise CorpusError(path, f"{doc_id}: language must be one of {LANGUAGES}", line=line)
    if entry["translation"] not in TRANSLATIONS:
        raise CorpusError(path, f"{doc_id}: translation must be one of {TRANSLATIONS}", line=line)
    for key in ("issue_date", "publication_date"):
        value = entry[key]
        if isinstance(value, (datetime.date, int)):
            value = entry[key] = value.isoformat() if isinstance(value, datetime.date) else str(value)
        if value is not None and not ISO_PARTIAL.match(str(value)):
            raise CorpusError(path, f"{doc_id}: {key} must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}", line=line)
    _check_translation_fields(entry, doc_id, path, line)
    entry["about"] = list(entry["about"] or [])
    entry["strip_lines"] = list(entry["strip_lines"] or [])
    entry["path"] = _resolve_file(entry["file"], corpus_dir, files, path, line)
    return entry


def _resolve_file(name, corpus_dir, files, path, line):
    """The document's path; it must name a regular file directly inside corpus/ (no ../ escapes, no links out)."""
    name = str(name)
    if "/" in name or "\\" in name or name in (".", ".."):
        raise CorpusError(path, f"file {name!r} must be a file name inside {corpus_dir}", line=line)
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
