"""The parsed-YAML cache: private to the user, verified before it is believed, one file per YAML file."""
import hashlib
import json
import os
import stat
import tempfile
from pathlib import Path

import pytest

from ingest import manifest
from ingest.manifest import load_manifest, read_yaml_cached

from test_manifest import write_corpus  # noqa


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    home = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.setattr(manifest, "_cache_refused", set(), raising=False)
    return home


def cache_files(home):
    folder = home / "policy-kb"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def old_cache_path(yaml_path):
    """Where the cache of a YAML file lived before: the shared temp folder, named by the file's hash."""
    digest = hashlib.sha256(Path(yaml_path).read_bytes()).hexdigest()
    return Path(tempfile.gettempdir()) / f"policy-kb-yaml-{digest}.json"


def planted(title):
    return json.dumps([{**{k: v for k, v in __import__("test_manifest").ENTRY.items()}, "title": title, "__line__": 2}])


def test_the_cache_is_in_a_private_folder_of_the_user(tmp_path, cache_home):
    corpus = write_corpus(tmp_path / "corpus", {})
    old_cache_path(corpus / "manifest.yml").unlink(missing_ok=True)  # left by a run of an earlier version
    load_manifest(corpus)
    folder = cache_home / "policy-kb"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and folder.stat().st_uid == os.geteuid()
    assert len(cache_files(cache_home)) == 1
    assert not old_cache_path(corpus / "manifest.yml").exists()
    assert load_manifest(corpus)[0]["title"] == "标题"  # read back from the cache


def test_a_cache_planted_in_the_shared_temp_folder_is_not_read(tmp_path, cache_home):
    corpus = write_corpus(tmp_path / "corpus", {})
    planted_file = old_cache_path(corpus / "manifest.yml")
    planted_file.write_text(planted("PLANTED"), encoding="utf-8")
    try:
        assert load_manifest(corpus)[0]["title"] == "标题"
    finally:
        planted_file.unlink(missing_ok=True)


@pytest.mark.parametrize("spoil", [
    lambda data: b"",  # a 0-byte file: broke every build
    lambda data: data[: len(data) // 2],  # truncated
    lambda data: data.replace("标题".encode(), "PLANTED".encode()),  # changed without its content hash
    lambda data: b"\xff\xfe" + data,  # not UTF-8
    lambda data: json.dumps({"format": manifest.CACHE_FORMAT, "source": "0" * 64, "content": "0" * 64}).encode()
    + b"\n" + planted("PLANTED").encode(),  # another file's cache
], ids=["empty", "truncated", "edited", "not-utf8", "other-source"])
def test_a_cache_that_does_not_verify_is_ignored_and_written_anew(tmp_path, cache_home, spoil):
    corpus = write_corpus(tmp_path / "corpus", {})
    load_manifest(corpus)
    [name] = cache_files(cache_home)
    cache = cache_home / "policy-kb" / name
    good = cache.read_bytes()
    cache.write_bytes(spoil(good))
    # The same spoiling wherever a cache could be found, the shared temp folder included.
    old = old_cache_path(corpus / "manifest.yml")
    old.write_bytes(spoil(good))
    try:
        assert load_manifest(corpus)[0]["title"] == "标题"
        assert cache.read_bytes() == good
    finally:
        old.unlink(missing_ok=True)


def test_only_the_latest_cache_of_each_yaml_file_is_kept(tmp_path, cache_home):
    corpus = write_corpus(tmp_path / "corpus", {})
    for title in ("一", "二", "三"):
        write_corpus(corpus, {"title": title})
        assert load_manifest(corpus)[0]["title"] == title
    other = write_corpus(tmp_path / "other", {})
    load_manifest(other)
    assert len(cache_files(cache_home)) == 2


def test_a_cache_folder_others_can_write_is_not_used(tmp_path, cache_home, caplog):
    folder = cache_home / "policy-kb"
    folder.mkdir(parents=True)
    folder.chmod(0o777)
    corpus = write_corpus(tmp_path / "corpus", {})
    assert load_manifest(corpus)[0]["title"] == "标题"
    assert cache_files(cache_home) == []
    assert "can be written by other users (mode 777)" in caplog.text


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user needs root")
def test_a_cache_folder_of_another_user_is_not_used(tmp_path, cache_home, caplog):
    folder = cache_home / "policy-kb"
    folder.mkdir(parents=True, mode=0o700)
    os.chown(folder, 4242, 4242)
    (folder / "planted.json").write_text("x")
    corpus = write_corpus(tmp_path / "corpus", {})
    assert load_manifest(corpus)[0]["title"] == "标题"
    assert cache_files(cache_home) == ["planted.json"]
    assert "belongs to user 4242" in caplog.text


def test_a_cache_file_that_is_a_link_is_not_followed(tmp_path, cache_home):
    corpus = write_corpus(tmp_path / "corpus", {})
    load_manifest(corpus)
    [name] = cache_files(cache_home)
    cache = cache_home / "policy-kb" / name
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_bytes(cache.read_bytes().replace("标题".encode(), "LINKED".encode()))
    cache.unlink()
    cache.symlink_to(elsewhere)
    assert read_yaml_cached(corpus / "manifest.yml")[0]["title"] == "标题"


def test_the_caches_of_yaml_files_that_are_gone_are_removed(tmp_path, cache_home):
    """Each test run's corpora are new paths: their caches must not pile up once the corpora are deleted."""
    import shutil
    gone = write_corpus(tmp_path / "gone", {})
    load_manifest(gone)
    shutil.rmtree(gone)
    kept = write_corpus(tmp_path / "kept", {})
    load_manifest(kept)
    assert len(cache_files(cache_home)) == 1
    (cache_home / "policy-kb" / ".half-written.tmp").write_text("x")
    os.utime(cache_home / "policy-kb" / ".half-written.tmp", (0, 0))  # a write killed long ago
    write_corpus(kept, {"title": "新"})
    assert load_manifest(kept)[0]["title"] == "新"
    assert len(cache_files(cache_home)) == 1
