"""The segmenter (jieba-rs through rjieba) cuts Chinese as jieba does, with the corpus's user dictionary."""
import logging
import re

import pytest

from ingest.errors import CorpusError
from ingest.normalise import has_cjk, normalise
from ingest.segment import MAX_USER_WORD, get_tokenizer, read_userdict
from support import CORPUS, corpus_lines

# jieba-rs keeps a run of ASCII letters and digits joined by - . _ % + # & as one word (010-62083921, 2020-04-26,
# cnipa.gov.cn), where jieba cuts it at those characters. Neither is a Chinese word; search indexes them
# character by character and word by word anyway.
ASCII_RUN = re.compile(r"[A-Za-z0-9._%+#&-]+")


def devset_lines():
    from support import TESTS
    lines = []
    for path in sorted((TESTS / "devset" / "docs").glob("*.txt")):
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("gb18030")
        lines += text.splitlines()
    return lines


@pytest.fixture(scope="module")
def jieba_tokenizer():
    import jieba
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(CORPUS / "userdict.txt"))
    return tokenizer


def test_words_are_jiebas_on_every_chinese_line_of_the_corpus_and_the_devset(jieba_tokenizer):
    ours = get_tokenizer()  # the repository corpus's user dictionary
    lines = [normalise(line) for line in [line for line, _ in corpus_lines()] + devset_lines() if has_cjk(line)]
    assert len(lines) > 300
    same = 0
    for line in lines:
        mine, theirs = ours.words(line), jieba_tokenizer.lcut(line, HMM=True)
        if mine == theirs:
            same += 1
            continue
        # The only difference allowed: an ASCII run kept whole, which jieba cuts at its punctuation.
        assert "".join(mine) == "".join(theirs) == line
        assert [w for w in mine if not ASCII_RUN.fullmatch(w)] == [w for w in theirs if not ASCII_RUN.fullmatch(w)], line
    assert same > 0.9 * len(lines)


def test_the_user_dictionary_makes_words(jieba_tokenizer):
    ours = get_tokenizer()  # the repository corpus's user dictionary
    for word in ("专利代理师", "应届毕业生", "知识产权服务业"):
        assert ours.words(f"鼓励{word}就业") == jieba_tokenizer.lcut(f"鼓励{word}就业", HMM=True)
        assert word in ours.words(f"鼓励{word}就业")


def test_spans_are_offsets_of_the_words():
    text = "截至2023年底，知识产权人才达到86万人"
    spans = get_tokenizer().spans(text)
    assert [w for w, _, _ in spans] == get_tokenizer().words(text)
    assert all(text[a:b] == w for w, a, b in spans)


@pytest.mark.parametrize("content, message, line", [
    ("就业 5 n\n" + "字" * (MAX_USER_WORD + 1) + " 3 n\n", "characters", 2),
    ("就业 5 n\n知识 产权 5\n", "expected 'word [frequency] [part-of-speech]'", 2),
])
def test_a_bad_user_dictionary_line_is_named(tmp_path, content, message, line):
    path = tmp_path / "userdict.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError) as e:
        read_userdict(path)
    assert message in str(e.value) and e.value.line == line and str(path) in str(e.value)


def test_a_user_dictionary_not_in_utf8_is_named(tmp_path):
    path = tmp_path / "userdict.txt"
    path.write_bytes("专利代理师 5 n\n".encode("gbk"))
    with pytest.raises(CorpusError, match="must be UTF-8"):
        read_userdict(path)


def test_user_dictionary_entries():
    assert read_userdict(CORPUS / "userdict.txt")[:2] == [("国家知识产权局", 20000, "nt"), ("国知局", 20000, "j")]
