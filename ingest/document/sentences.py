"""Split a paragraph into clauses: one sentence each, or one item of a ；-separated list."""
import re

from ..lexicon import EN_ABBREVIATIONS

_CLOSERS = "”’\"'」』）)】"
_OPENERS = "“‘\"'「『（(【"

# Chinese: after 。！？ or ； (and any closing quotes/brackets that follow). A run like ？！ stays together.
_ZH_END = re.compile(rf"[。！？!?；;…]+[{_CLOSERS}]*")

# A candidate English sentence end: punctuation, optional closing quotes, then what follows.
_WIDE_ENDS = "。！？；"  # full-width ends, which English text on Chinese sites uses too
# A footnote's number after the full stop ("… the Measures.[1] They …") belongs to the sentence it ends.
_EN_END = re.compile(rf"(\.{{1,3}}|[!?{_WIDE_ENDS}])([{_CLOSERS}]*(?:\[\d{{1,3}}\])*)(\s*)(?=(\S?))")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
# A number of one or two digits at the start of the text, or after a colon or semicolon: an item's number.
_LIST_NUMBER_BEFORE = re.compile(r"(?:^|[:;：；]\s*)\(?\d{1,2}$")
_WORD_WINDOW = 32


def split_clauses(text: str, lang: str):
    """(start, end) spans of the clauses of a paragraph, relative to it; white space is left out of spans."""
    ends = _zh_ends(text) if lang == "zh" else _en_ends(text)
    spans, start = [], 0
    for end in ends + [len(text)]:
        span = _trim(text, start, end)
        if span:
            spans.append(span)
        start = end
    return spans


def _trim(text, start, end):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _zh_ends(text):
    """Sentence ends in Chinese text, inside quotation marks too (a quoted speech is sentences), never inside
    《》 titles. A closing quotation mark or bracket after the end belongs to the sentence it closes."""
    ends = []
    for m in _ZH_END.finditer(text):
        if _inside_pair(text, m.start(), "《", "》"):
            continue
        ends.append(m.end())
    return ends


def _inside_pair(text, pos, open_ch, close_ch):
    before = text[:pos]
    return before.count(open_ch) > before.count(close_ch)


def _en_ends(text):
    ends = []
    for m in _EN_END.finditer(text):
        punct, closers, space, nxt = m.group(1), m.group(2), m.group(3), m.group(4)
        end = m.start(3)
        if not nxt:  # end of paragraph
            ends.append(end)
        elif _is_sentence_end(text, m.start(), punct, closers, space, nxt):
            ends.append(end)
    return ends


def _is_sentence_end(text, pos, punct, closers, space, nxt):
    # The word before the full stop, looked for in the last few characters only: searching the whole
    # paragraph for it at each full stop was quadratic. A word longer than the window passes the same
    # tests truncated as whole (it is no abbreviation, initial or short dotted form either way).
    before = text[max(0, pos - _WORD_WINDOW):pos]
    word = _WORD_BEFORE.search(before)
    word = word.group(1) if word else ""
    if punct in _WIDE_ENDS:
        return True  # 。！？； in English text: no abbreviation ends with them
    if punct == "." and not closers:
        if before[-1:].isdigit() and nxt.isdigit():
            return False  # 2.5, 1.490
        if _LIST_NUMBER_BEFORE.search(before):
            return False  # "1. Figures are preliminary", "Attachments: 1. Form": a list's number
        if word.lower().rstrip(".") in EN_ABBREVIATIONS:
            return False  # No. 68, i.e. this
        if len(word) == 1 and word.isupper():
            return False  # an initial: J. Smith
        if "." in word and len(word) <= 5 and nxt.islower() is False and not space:
            return False  # inside U.S.A or e.g.x
    if space:
        # An ordinary break: the next sentence starts with a capital, a digit or an opening quote.
        return nxt.isupper() or nxt.isdigit() or nxt in _OPENERS or ord(nxt) > 0x2E80
    # Machine translation glues the next sentence on ("interview.Ma Huijuan"); a full stop glued to a digit
    # ("University.1 offline job fair") is a stray one in the middle of a sentence.
    if closers:
        return nxt.isupper()
    return before[-1:].isalpha() and len(word) >= 2 and nxt.isupper()
