"""The manifest's fields, type by type, and the YAML reader every corpus file goes through."""
import time

import pytest

from ingest.errors import CorpusError
from ingest.manifest import check_date, check_id, check_text_list, load_manifest, read_yaml

ENTRY = {
    "id": "doc", "file": "doc.zh.txt", "title": "标题", "language": "zh", "type": "notice", "issuer": "某局",
    "source_name": "test", "translation": "original",
}


def write_corpus(folder, fields, extra=""):
    """A corpus of one document whose manifest entry is ENTRY with `fields` written over it (YAML text)."""
    folder.mkdir(exist_ok=True)
    (folder / "doc.zh.txt").write_text("关于就业的通知\n\n要做好就业工作。\n", encoding="utf-8")
    entry = {**{k: v for k, v in ENTRY.items()}, **fields}
    lines = ["# a comment, so that the entry starts on line 2"]
    lines += [f"{'- ' if n == 0 else '  '}{k}: {v}" for n, (k, v) in enumerate(entry.items())]
    (folder / "manifest.yml").write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return folder


@pytest.mark.parametrize("value, expected", [
    ("2020", "2020"), (2020, "2020"), ("2020-02", "2020-02"), ("2020-02-29", "2020-02-29"), (None, None),
])
def test_dates_that_exist(value, expected):
    assert check_date(value, "issue_date", "m.yml", 3) == expected


@pytest.mark.parametrize("value, message", [
    ("2020-02-30", "not a date in the calendar"),
    ("2021-02-29", "not a date in the calendar"),
    ("2020-13", "not a date in the calendar"),
    ("2020-00-10", "not a date in the calendar"),
    ("0000", "not a date in the calendar"),
    ("2020-1-1", "must be YYYY, YYYY-MM or YYYY-MM-DD"),
    ("2020-02-01\n", "must be YYYY, YYYY-MM or YYYY-MM-DD"),
    (True, "must be YYYY, YYYY-MM or YYYY-MM-DD, not true/false"),
    (2020.5, "not a number"),
    (["2020"], "not a list"),
])
def test_dates_that_do_not_exist_or_are_not_dates(value, message):
    with pytest.raises(CorpusError) as e:
        check_date(value, "doc: issue_date", "m.yml", 3)
    assert message in str(e.value) and str(e.value).startswith("m.yml:3: doc: issue_date")


@pytest.mark.parametrize("value", ["evil\n", "a b", "-x", "", "x" * 201, "ü"])
def test_ids_are_checked_whole(value):
    with pytest.raises(CorpusError, match="not URL-safe"):
        check_id(value, "id", "m.yml", 3)


@pytest.mark.parametrize("value", [12345, True, None, ["a"]])
def test_ids_are_text(value):
    with pytest.raises(CorpusError, match="id must be text"):
        check_id(value, "id", "m.yml", 3)


def test_a_lone_string_is_not_a_list_of_its_characters():
    with pytest.raises(CorpusError, match="must be a list"):
        check_text_list("专利代理师", "term 'x': zh", "g.yml", 4)
    assert check_text_list(["专利代理师"], "zh", "g.yml", 4) == ["专利代理师"]
    assert check_text_list(None, "zh", "g.yml", 4) == []


# Each field that is wrong, as YAML text, and what the one line must say. The entry starts on line 2.
@pytest.mark.parametrize("fields, message", [
    ({"id": "12345"}, "id must be text, not a number (12345); quote it"),
    ({"id": '"evil\\n"'}, "id 'evil\\n' is not URL-safe"),
    ({"issue_date": "2020-02-30"}, "doc: issue_date 2020-02-30 is not a date in the calendar"),
    ({"publication_date": "2020-13-01"}, "doc: publication_date 2020-13-01 is not a date in the calendar"),
    ({"strip_lines": "[1, 2]"}, "doc: strip_lines: item 1 must be non-empty text, not a number (1)"),
    ({"strip_lines": "打印本页"}, "doc: strip_lines must be a list"),
    ({"about": "other"}, "doc: about must be a list"),
    ({"title": "{a: 1}"}, "doc: title must be text, not a mapping ({'a': 1})"),
    ({"title": "yes"}, "doc: title must be text, not true/false (True)"),
    ({"issuer": "[a, b]"}, "doc: issuer must be text, not a list"),
    ({"title_en": "2021"}, "doc: title_en must be text, not a number"),
    ({"language": "{zh: 1}"}, "doc: language must be text"),
    ({"file": "manifest.yml"}, "file 'manifest.yml' is the corpus's own data"),
    ({"file": "glossary.yml"}, "file 'glossary.yml' is the corpus's own data"),
    ({"file": "123"}, "doc: file must be text"),
])
def test_each_bad_field_is_one_error_naming_the_manifest_line_and_the_field(tmp_path, fields, message):
    corpus = write_corpus(tmp_path / "corpus", fields)
    with pytest.raises(CorpusError) as e:
        load_manifest(corpus)
    assert str(e.value).startswith(f"{corpus / 'manifest.yml'}:2: ")
    assert message in str(e.value)
    assert "\n" not in str(e.value).replace("\\n", "")


def test_a_good_entry_keeps_its_dates_as_text(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"issue_date": "2020-02-29", "publication_date": "2020-03",
                                                "strip_lines": "[打印本页, 关闭窗口]"})
    [entry] = load_manifest(corpus)
    assert (entry["issue_date"], entry["publication_date"]) == ("2020-02-29", "2020-03")
    assert entry["strip_lines"] == ["打印本页", "关闭窗口"]


def test_two_entries_may_not_share_a_file(tmp_path):
    second = "\n- " + "\n  ".join(f"{k}: {v}" for k, v in {**ENTRY, "id": "doc2"}.items()) + "\n"
    corpus = write_corpus(tmp_path / "corpus", {}, extra=second)
    with pytest.raises(CorpusError, match="doc2: file 'doc.zh.txt' is already the file of entry 'doc'"):
        load_manifest(corpus)


def test_an_entry_that_is_not_a_mapping(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {}, extra="- just text\n")
    with pytest.raises(CorpusError, match="entry 2 of the list must be a mapping of fields, not str"):
        load_manifest(corpus)


# --------------------------------------------------------------------------------------------- YAML reading
BILLION_LAUGHS = "\n".join(
    ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"{b}: &{b} [{', '.join(['*' + a] * 9)}]" for a, b in zip("abcdefgh", "bcdefghi")]) + "\n"


def test_an_alias_bomb_is_refused_at_once(tmp_path):
    path = tmp_path / "glossary.yml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(CorpusError, match=r"YAML aliases \(\*name\) expand this file by [\d,]+ values"):
        read_yaml(path)
    assert time.monotonic() - started < 2


def test_an_alias_inside_itself_is_refused(tmp_path):
    path = tmp_path / "measures.yml"
    path.write_text("version: 1\nloop: &x [1, *x]\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="inside the value it names") as e:
        read_yaml(path)
    assert e.value.line == 2


def test_a_few_shared_values_are_read(tmp_path):
    # What yaml.safe_dump writes for a list two entries share.
    path = tmp_path / "manifest.yml"
    path.write_text("- strip_lines: &id001 [打印本页]\n- strip_lines: *id001\n", encoding="utf-8")
    assert read_yaml(path) == [{"strip_lines": ["打印本页"], "__line__": 1}, {"strip_lines": ["打印本页"], "__line__": 2}]


def test_list_items_remember_their_lines_and_dates_stay_text(tmp_path):
    path = tmp_path / "measures.yml"
    path.write_text("cues:\n  zh: [a,\n       b]\n  en:\n    - c\n    - d\nwhen: 2020-02-30\n", encoding="utf-8")
    data = read_yaml(path)
    assert data["cues"]["zh"].lines == (2, 3) and data["cues"]["en"].lines == (5, 6)
    assert data["when"] == "2020-02-30"


@pytest.mark.parametrize("text, message", [
    ("[" * 5000 + "]" * 5000, "malformed YAML"),
    ("a: 1\n\tb: 2\n", "malformed YAML"),
])
def test_malformed_yaml_is_one_error(tmp_path, text, message):
    path = tmp_path / "glossary.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        read_yaml(path)


def test_yaml_that_is_not_utf8(tmp_path):
    path = tmp_path / "glossary.yml"
    path.write_bytes("terms: [专利]".encode("gb18030"))
    with pytest.raises(CorpusError, match="not UTF-8"):
        read_yaml(path)
