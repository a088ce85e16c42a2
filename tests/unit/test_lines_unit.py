"""Text handling on its own: decoding, clause splitting and the windowed word
test, the width folds, and segmenting many texts in one call."""
import pytest

from support import corpus_lines
from ingest.document.decode import decode_bytes
from ingest.document.lines import split_lines
from ingest.errors import CorpusError
from ingest.document.sentences import split_clauses


def spans_text(text, lang="en"):
    return [text[a:b] for a, b in split_clauses(text, lang)]


def test_abbreviations_far_into_a_long_paragraph_do_not_split():
    opening = "The office issued guidance on employment in the sector for graduates. " * 8
    assert spans_text(opening + "It cites Notice No. 68 of the bureau.")[-1] == "It cites Notice No. 68 of the bureau."


def test_a_word_longer_than_the_look_back_stillends_a_sentence():
    word = "Intellectualpropertyservicesindustryemployment"  # longer than the window before the full stop
    assert spans_text(f"It grew in the {word}. Next sentence.") == [f"It grew in the {word}.", "Next sentence."]


def test_control_characters_are_reported_with_their_count_and_first_line():
    with pytest.raises(CorpusError) as e:
        decode_bytes("第一行\n第二行\x01\x02\n第三行\x1f\n".encode("utf-8"), "doc.txt")
    assert e.value.line == 2 and "3 control characters" in str(e.value)


def test_a_control_character_far_into_a_file_is_reported_too():
    text = "第一行。\n" * 30_000 + "末\x00行\n"  # the NUL is on line 30,001, 150,000 characters in
    with pytest.raises(CorpusError) as e:
        decode_bytes(text.encode("utf-8"), "doc.txt")
    assert e.value.line == 30_001 and "1 control characters" in str(e.value)


def test_tab_form_feed_and_carriage_return_are_text():
    assert decode_bytes(b"a\tb\x0cc\r\nd\n", "doc.txt") == "a\tb\x0cc\r\nd\n"


@pytest.mark.parametrize("inside", ["\u2028", "\u2029", "\x85", "\x0c"])
def test_the_line_limit_counts_the_lines_the_pipeline_splits(inside):
    """splitlines() also breaks at U+2028, U+2029, U+0085 and form feed; the pipeline does not, so two halves
    of 60,000 characters joined by one of them are one line of 120,000 and more."""
    text = "标题\n\n" + "政" * 60_000 + inside + "策" * 60_000 + "\n"
    with pytest.raises(CorpusError) as e:
        decode_bytes(text.encode("utf-8"), "doc.txt")
    assert e.value.line == 3 and f"line 3 is {120_000 + len(inside):,} characters long" in str(e.value)


def test_lines_are_numbered_as_the_pipeline_numbers_them():
    # Two U+2028 make no lines of their own; a lone \r is a line break.
    text = "a\u2028b\u2028c\rd\n" + "x" * 100_001 + "\n"
    with pytest.raises(CorpusError) as e:
        decode_bytes(text.encode("utf-8"), "doc.txt")
    assert e.value.line == 3
    assert [line.number for line in split_lines(text)] == [1, 2, 3]


def test_ascii_text_is_what_the_traditional_to_simplified_conversion_leaves_it():
    """fold_traditional returns ASCII text without asking OpenCC: that is right only if OpenCC changes none."""
    import string

    from ingest.normalise import t2s, fold_traditional
    ascii_lines = [line for line, _ in corpus_lines() if line.isascii() and line.strip()]
    assert len(ascii_lines) > 100
    for text in [string.printable, "".join(map(chr, range(128))), *ascii_lines]:
        assert t2s().convert(text) == text
    assert fold_traditional("國家 IP 服務") == "国家 IP 服务"  # non-ASCII text is still converted


def test_width_folds_give_what_translate_gives():
    """The regex folds equal str.translate with their tables: on every corpus line, on each character of the
    tables alone and among Chinese, and on ASCII, which they return without looking."""
    from ingest.normalise import ALNUMWIDTH_TABLE, WIDTH_TABLE, fold_alnum_width, char_folder, fold_width
    every_key = "".join(map(chr, WIDTH_TABLE))
    texts = [line for line, _ in corpus_lines()] + [
        every_key, f"就业{every_key}服务", "".join(map(chr, range(128))), "Ａ１％\u3000\u200b。，（）", "\U0001F600ａ",
    ]
    changed = 0
    for text in texts:
        assert fold_width(text) == text.translate(WIDTH_TABLE)
        assert fold_alnum_width(text) == text.translate(ALNUMWIDTH_TABLE)
        changed += fold_width(text) != text
    assert changed > 10  # lines with full-width characters: the corpus has some
    with pytest.raises(ValueError):
        char_folder({ord("a"): ord("b")})  # ASCII would be skipped: such a table is refused


def test_texts_segmented_together_get_the_words_each_gets_alone():
    """segment_all makes one call for many texts; each text's words are those of a call of its own, also
    where one text ends and the next begins with Chinese that jieba would join into a word ("知识" + "产权")."""
    from ingest.normalise import has_cjk, normalise
    from ingest.segment import get_tokenizer, segment_all
    tokenizer = get_tokenizer()

    def alone(text):
        if not has_cjk(text):
            return None
        return " ".join(w for w in tokenizer.words(normalise(text)) if w.strip())
    texts = [line for line, _ in corpus_lines()] + ["知识", "产权服务业", "English only", "就业 mixed 文本", "", "高校毕业生"]
    expected = [alone(text) for text in texts]
    assert sum(e is not None for e in expected) > 30
    assert segment_all(texts, tokenizer) == expected
    assert alone("知识产权") == "知识产权" and segment_all(["知识", "产权"], tokenizer) == ["知识", "产权"]
    with pytest.raises(ValueError):
        segment_all(["知识\x00产权"], tokenizer)


def test_sentence_end_found_in_the_last_characters_as_in_the_whole_line():
    from ingest.document.structure import TERMINAL, ends_a_sentence
    lines = [line for line, _ in corpus_lines()] + ["结束。”\n", "Done.\"", "Done.\n", "a", "", "，", "end?’x"]
    expected = [TERMINAL.search(line) is not None for line in lines]
    assert sum(expected) > 50 and not all(expected)
    assert [ends_a_sentence(line) for line in lines] == expected
