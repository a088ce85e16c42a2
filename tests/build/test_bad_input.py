"""Bad input: a clear message naming the file (and line), a non-zero exit, and the previous policy.db untouched."""
import contextlib
import hashlib
import importlib.util
import io
import shutil
from typing import NamedTuple

import pytest

from support import CORPUS, ROOT


def _command_line():
    spec = importlib.util.spec_from_file_location("build_command", ROOT / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CLI = _command_line()


class Result(NamedTuple):
    returncode: int
    stderr: str


def run_build(corpus, db):
    """build.py's own main() in this process: the command's code and output, without an interpreter start
    per case (tests/slow/ runs the command itself). An uncaught exception fails the test as a traceback would."""
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        code = CLI.main(["--corpus", str(corpus), "--db", str(db), "--jobs", "1"])
    return Result(code, stderr.getvalue())


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def built_once(tmp_path_factory):
    """The real corpus, built by the command line once for the module."""
    db = tmp_path_factory.mktemp("good") / "policy.db"
    result = run_build(CORPUS, db)
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture
def good_db(built_once, tmp_path):
    """A good database where the next build will write (a copy of the one built from the same corpus)."""
    db = tmp_path / "out" / "policy.db"
    db.parent.mkdir()
    shutil.copyfile(built_once, db)
    return db


def _append_manifest(corpus, text):
    with open(corpus / "manifest.yml", "a", encoding="utf-8") as f:
        f.write(text)


ENTRY = "\n- id: {id}\n  file: {file}\n  title: T\n  language: zh\n  type: notice\n  issuer: I\n  source_name: S\n  translation: original\n"


def _missing_file(c):
    _append_manifest(c, ENTRY.format(id="ghost", file="ghost.zh.txt"))
    return "manifest.yml", "ghost.zh.txt"


def _unlisted_file(c):
    (c / "stray.txt").write_text("一份没有登记的文件。", encoding="utf-8")
    return "stray.txt", "no entry"


def _duplicate_id(c):
    (c / "dup.zh.txt").write_text("文件。", encoding="utf-8")
    _append_manifest(c, ENTRY.format(id="cnipa-2020-37", file="dup.zh.txt"))
    return "manifest.yml", "duplicate id"


def _malformed_yaml(c):
    text = (c / "manifest.yml").read_text(encoding="utf-8")
    (c / "manifest.yml").write_text(text + "\n- id: [unclosed\n  file: x\n", encoding="utf-8")
    line = text.count("\n") + 2  # the line with the unclosed bracket
    return "manifest.yml:", f"line {line}"


def _missing_field(c):
    (c / "nofield.zh.txt").write_text("文件。", encoding="utf-8")
    _append_manifest(c, "\n- id: nofield\n  file: nofield.zh.txt\n  language: zh\n  type: notice\n")
    return "manifest.yml", "missing required field(s): issuer, source_name, translation"


def _undecodable(c):
    (c / "bad.zh.txt").write_bytes(b"\x80\xff\x81\xfe" * 10)  # neither UTF-8 nor GB18030, no BOM
    _append_manifest(c, ENTRY.format(id="bad", file="bad.zh.txt"))
    return "bad.zh.txt", "cannot decode"


def _empty(c):
    (c / "empty.zh.txt").write_bytes(b"")
    _append_manifest(c, ENTRY.format(id="empty", file="empty.zh.txt"))
    return "empty.zh.txt", "empty"


def _binary(c):
    (c / "image.zh.txt").write_bytes(bytes(range(256)) * 64)
    _append_manifest(c, ENTRY.format(id="image", file="image.zh.txt"))
    return "image.zh.txt", ""


def _huge_file(c):
    (c / "huge.zh.txt").write_bytes("政策文本。\n".encode("utf-8") * 3_500_000)  # about 50 MB
    _append_manifest(c, ENTRY.format(id="huge", file="huge.zh.txt"))
    return "huge.zh.txt", "MB"


def _one_megabyte_line(c):
    (c / "longline.en.txt").write_text("Title\n\n" + "word " * 200_000 + "\n", encoding="utf-8")
    _append_manifest(c, ENTRY.format(id="longline", file="longline.en.txt"))
    return "longline.en.txt:3", "line 3 is 1,000,000 characters"


def _path_escape(c):
    _append_manifest(c, ENTRY.format(id="passwd", file="../../etc/passwd"))
    return "manifest.yml", "../../etc/passwd"


def _unsafe_id(c):
    (c / "unsafe.zh.txt").write_text("文件。", encoding="utf-8")
    _append_manifest(c, ENTRY.format(id="'bad id/../x'", file="unsafe.zh.txt"))
    return "manifest.yml", "not URL-safe"


def _bad_glossary(c):
    (c / "glossary.yml").write_text("version: 1\nterms:\n  - id: a\n    zh: [x\n", encoding="utf-8")
    return "glossary.yml:", "malformed YAML"


def _bad_taxonomy(c):
    path = c / "measures.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("instrument: demand", "instrument: sideways", 1), encoding="utf-8")
    return "measures.yml:", "instrument must be one of"


@pytest.mark.parametrize("breaker", [
    _missing_file, _unlisted_file, _duplicate_id, _malformed_yaml, _missing_field, _undecodable, _empty,
    _binary, _huge_file, _one_megabyte_line, _path_escape, _unsafe_id, _bad_glossary, _bad_taxonomy,
], ids=lambda f: f.__name__.strip("_"))
def test_bad_input_fails_cleanly(corpus_copy, good_db, breaker):
    before = sha(good_db)
    where, what = breaker(corpus_copy)
    result = run_build(corpus_copy, good_db)
    assert result.returncode != 0
    assert result.stderr.startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr
    assert where in result.stderr and what in result.stderr, result.stderr
    assert sha(good_db) == before
    assert not list(good_db.parent.glob(".*.tmp")), "a temporary file was left behind"


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-8-sig"),
    lambda t: t.encode("gb18030"),
    lambda t: t.encode("utf-16"),  # with BOM
    lambda t: t.replace("\n", "\r\n").encode("utf-8"),
], ids=["utf8-bom", "gb18030", "utf16-bom", "crlf"])
def test_encodings_decode_and_offsets_point_into_the_decoded_text(corpus_copy, tmp_path, encode):
    import sqlite3
    from ingest.document.decode import decode_bytes
    text = "关于做好就业工作的通知\n\n一、总体要求\n\n要做好高校毕业生就业工作；要减免培训费用。\n"
    (corpus_copy / "enc.zh.txt").write_bytes(encode(text))
    _append_manifest(corpus_copy, ENTRY.format(id="enc", file="enc.zh.txt"))
    db = tmp_path / "enc.db"
    result = run_build(corpus_copy, db)
    assert result.returncode == 0, result.stderr
    source = decode_bytes((corpus_copy / "enc.zh.txt").read_bytes(), "enc.zh.txt")
    rows = sqlite3.connect(db).execute("select text, start, end from clauses where document_id = 'enc' order by position").fetchall()
    assert [r[0] for r in rows] == ["要做好高校毕业生就业工作；", "要减免培训费用。"]
    for t, start, end in rows:
        assert source[start:end] == t


def test_full_width_odd_spaces_and_zero_width_characters(corpus_copy, tmp_path):
    import sqlite3
    from ingest.document.decode import decode_bytes
    text = "关于做好就业工作的通知\n\n一、总体要求\n\n\u3000\u3000全省提供１，４９０个知识产权\u200b岗位；\u00a0要做好ＣＮＩＰＡ培训工作。\n"
    (corpus_copy / "wide.zh.txt").write_bytes(text.encode("utf-8"))
    _append_manifest(corpus_copy, ENTRY.format(id="wide", file="wide.zh.txt"))
    db = tmp_path / "wide.db"
    result = run_build(corpus_copy, db)
    assert result.returncode == 0, result.stderr
    source = decode_bytes((corpus_copy / "wide.zh.txt").read_bytes(), "wide.zh.txt")
    conn = sqlite3.connect(db)
    rows = conn.execute("select text, start, end from clauses where document_id = 'wide' order by position").fetchall()
    assert [r[0] for r in rows] == ["全省提供１，４９０个知识产权\u200b岗位；", "要做好ＣＮＩＰＡ培训工作。"]
    assert all(source[s:e] == t for t, s, e in rows)
    assert conn.execute("select surface, value from figures where document_id = 'wide'").fetchall() == [("１，４９０", 1490)]
    from ingest.search import to_fts_query

    def search(query):
        return [r[0] for r in conn.execute(
            "select c.text from clauses_fts f join clauses c on c.rowid = f.rowid "
            "where clauses_fts match ? and c.document_id = 'wide'", [to_fts_query(query)])]

    # Full-width letters fold; an invisible zero-width space does not break a phrase.
    assert search("CNIPA") == search("ＣＮＩＰＡ") == ["要做好ＣＮＩＰＡ培训工作。"]
    assert search('"知识产权岗位"') == ["全省提供１，４９０个知识产权\u200b岗位；"]
