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


def _field(label, name, value, message):
    """A breaker: a new entry with its field `name` written as `value` (YAML text)."""
    def breaker(c):
        (c / "odd.zh.txt").write_text("关于就业的通知\n\n要做好就业工作。\n", encoding="utf-8")
        line = (c / "manifest.yml").read_text(encoding="utf-8").count("\n") + 2  # the new entry's "- id:" line
        fields = {"id": "odd", "file": "odd.zh.txt", "title": "T", "language": "zh", "type": "notice", "issuer": "I",
                  "source_name": "S", "translation": "original", name: value}
        _append_manifest(c, "\n- " + "\n  ".join(f"{k}: {v}" for k, v in fields.items()) + "\n")
        return f"manifest.yml:{line}", message
    breaker.__name__ = label
    return breaker


_numeric_id = _field("numeric_id", "id", "12345", "id must be text, not a number (12345)")
_id_ending_in_newline = _field("id_ending_in_newline", "id", '"evil\\n"', "is not URL-safe")
_impossible_date = _field("impossible_date", "issue_date", "2020-02-30", "issue_date 2020-02-30 is not a date in the calendar")
_numbers_as_strip_lines = _field("numbers_as_strip_lines", "strip_lines", "[1, 2]", "strip_lines: item 1 must be non-empty text")
_mapping_as_title = _field("mapping_as_title", "title", "{a: 1}", "odd: title must be text, not a mapping")
_manifest_as_document = _field("manifest_as_document", "file", "manifest.yml", "is the corpus's own data")


def _glossary_variant_as_string(c):
    path = c / "glossary.yml"
    text = path.read_text(encoding="utf-8")
    line = text.count("\n") + 1
    path.write_text(text + "  - id: lone-string\n    zh: 专利代理师\n", encoding="utf-8")
    return f"glossary.yml:{line}", "term 'lone-string': zh must be a list"


def _alias_bomb(name):
    """Nine lines of nested aliases that stand for 387 million strings, appended to a curated file (as
    list items to the manifest, a list; as keys to the others, mappings)."""
    def breaker(c):
        lines = ["&a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        lines += [f"&{b} [{', '.join(['*' + a] * 9)}]" for a, b in zip("abcdefgh", "bcdefghi")]
        prefix = (lambda n: "- ") if name == "manifest.yml" else (lambda n: f"zz_bomb_{n}: ")
        with open(c / name, "a", encoding="utf-8") as f:
            f.write("\n" + "".join(f"{prefix(n)}{line}\n" for n, line in enumerate(lines)))
        return name, "YAML aliases (*name) expand this file by"
    breaker.__name__ = f"_alias_bomb_in_{name.split('.')[0]}"
    return breaker


@pytest.mark.parametrize("breaker", [
    _missing_file, _unlisted_file, _duplicate_id, _malformed_yaml, _missing_field, _undecodable, _empty,
    _binary, _huge_file, _one_megabyte_line, _path_escape, _unsafe_id, _bad_glossary, _bad_taxonomy,
    _numeric_id, _id_ending_in_newline, _impossible_date, _numbers_as_strip_lines, _mapping_as_title,
    _manifest_as_document, _glossary_variant_as_string,
    _alias_bomb("manifest.yml"), _alias_bomb("glossary.yml"), _alias_bomb("measures.yml"),
], ids=lambda f: f.__name__.strip("_"))
def test_bad_input_fails_cleanly(corpus_copy, good_db, breaker):
    before = sha(good_db)
    where, what = breaker(corpus_copy)
    result = run_build(corpus_copy, good_db)
    assert result.returncode != 0
    assert result.stderr.startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr  # one line
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
            "select c.text from clauses_fts f join clauses c on c.sort_key = f.rowid "
            "where clauses_fts match ? and c.document_id = 'wide'", [to_fts_query(query)])]

    # Full-width letters fold; an invisible zero-width space does not break a phrase.
    assert search("CNIPA") == search("ＣＮＩＰＡ") == ["要做好ＣＮＩＰＡ培训工作。"]
    assert search('"知识产权岗位"') == ["全省提供１，４９０个知识产权\u200b岗位；"]
