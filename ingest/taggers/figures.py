"""Figures (quantities) in clause text, Chinese and English: 4,618 times; 69万人; more than 50%; nine academicians.

tag_figures() returns one dict per quantity, with offsets into the clause text (like jieba.tokenize()). Numbers
that are not quantities (years, dates, durations, ordinals, list numbers, phone / document / house numbers,
number words inside names and slogans) are left out.
"""
import re
import string

from .. import lexicon
from ..lexicon import alternation
from ..literals import LiteralSet
from ..normalise import normalise
from ..numbers import SCALES, parse_arabic, parse_chinese, parse_english_words, tidy
from .dates import as_of_year, parse_doc_date, tag_dates
from ..segment import get_tokenizer

# ================================================================================== shared word lists
# (The words themselves are in lexicon: qualifiers, measure words, currencies, number and scale words.)
# After a number these make a date, a duration, a time or an address, not a count.
ZH_NOT_COUNT_AFTER = re.compile(r"^(?:[年月日号时天周秒]|个月|个多月|小时|分钟|季度|世纪|楼|层|室|栋|单元|路|街|巷|弄)")
ZH_NOT_COUNT_BEFORE = re.compile(r"(?:第|其|电话|传真|邮编|邮政编码|手机|热线|备案号|备|字|[〔［\[])\s*$")

# ================================================================================== English patterns
# A cardinal under a hundred: twenty-five, eleven, nine.
_CARD = ("(?:" + alternation(lexicon.EN_TENS) + "-" + alternation(lexicon.EN_UNITS) + "|"
         + alternation(lexicon.EN_CARDINALS)[3:])
_SCALE_NAMES = tuple(lexicon.EN_SCALES)
_SCALE_WORD = alternation(_SCALE_NAMES) + r"(?![a-z])"
# A number word starts where an English word does ("recruitedFive people" included).
_WORD_START = lexicon.EN_WORD_START
EN_NUMBER_WORDS = re.compile(
    _WORD_START + r"(?P<num>(?i:(?:" + _CARD + r"|an?)\s+" + _SCALE_WORD
    + r"(?:\s+(?:and\s+)?(?:" + _CARD + r"\s+)?" + _SCALE_WORD + r")*"
    + r"(?:\s+(?:and\s+)?" + _CARD + r"(?![a-z]))?|" + _CARD + r"))(?![A-Za-z])")
# Every match of EN_NUMBER_WORDS holds one of these words where a word starts ("a hundred": hundred).
EN_NUMBER_WORD_SCREEN = LiteralSet(re.findall(r"[a-z]+", _CARD) + list(_SCALE_NAMES))
_ASCII_LETTERS = frozenset(string.ascii_letters)
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
DIGIT = re.compile(r"\d")
DIGIT_RUN = re.compile(r"\d+")  # a match of EN_DIGITS starts where a run of digits does
# Digits stand alone, or are glued to a lower-case word in machine translation ("reached4,618 times").
EN_DIGITS = re.compile(
    r"(?:(?<=[a-z]{4})|(?<![\w./\\\-–—#@:+])(?<!\d,))"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?!\d|,\d)"
    r"(?:\s?(?P<scale>" + alternation(_SCALE_NAMES, "i") + r")(?![A-Za-z]))?(?P<pct>\s?%)?")
EN_PERCENT_AFTER = re.compile(r"^\s+(?i:per\s?cent(?![a-z])|percentage points?)")
EN_DURATION_AFTER = re.compile(
    r"^(?:\s*-\s*|\s+)(?:(?:more|full|consecutive|whole|straight|calendar)\s+)?"
    r"(?i:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centur(?:y|ies))(?![a-z])")
EN_HYPHEN_COMPOUND_AFTER = re.compile(r"^-[A-Za-z]")  # four-pronged, one-stop, Five-Year
EN_JOINED = re.compile(r"^[-/–—:~]\d")  # ranges, dates, phone numbers, clock times
_MONTHS = alternation(name.title() for name in lexicon.MONTHS)
EN_MONTH_BEFORE = re.compile(_MONTHS + r"\.?\s*$")
EN_MONTH_AFTER = re.compile(r"^(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTHS + r"(?![a-z])")
EN_ORDINAL_SUFFIX = re.compile(r"^(?:st|nd|rd|th)(?![a-z])", re.I)
EN_LABEL_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])(?i:No|Nos|Number|Room|Rm|Floor|Fl|Building|Bldg|Suite|Unit|Tel|Telephone|Phone|Fax|Zip"
    r"|Postcode|Box|Article|Art|Chapter|Section|Item|Page|Vol|Volume|Issue|Phase|Grade|Level|Class|Route|Line"
    r"|Gate|Exit|Block|Lot|Tower|Part|Annex|Appendix|Table|Figure|Fig)\.?\s*:?\s*|#\s*)$")
EN_CODE_BEFORE = re.compile(r"(?<![A-Za-z])[A-Z]{2,}[\s/\-]?$")  # ISO 9001, GB/T 7714
EN_ADDRESS_AFTER = re.compile(
    r"^\s+(?:[A-Z][a-z]+\s+){1,3}(?:Road|Street|Avenue|Lane|Boulevard|Rd|St|Ave|Hutong|Alley|Highway|Plaza)\b")
EN_LIST_NUMBER = re.compile(r"^\s*(?:\d{1,2}|[A-Za-z])\s*[.)、．](?!\d)|^\s*[(（]\s*\d{1,2}\s*[)）]")
EN_PAREN_NUMBER = re.compile(r"[(（]\s*$")
EN_CURRENCY_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])" + alternation(c for c in lexicon.CURRENCY_BEFORE if c[0].isalpha())
    + "|" + alternation(c for c in lexicon.CURRENCY_BEFORE if not c[0].isalpha()) + r")\s?$")
EN_QUALIFIER_BEFORE = re.compile(
    r"(?<![A-Za-z])(?P<q>" + "|".join(sorted(map(re.escape, lexicon.EN_QUALIFIERS_BEFORE), key=len, reverse=True))
    + r")\s*$", re.I)
EN_QUALIFIER_AFTER = re.compile(r"^\s+(?P<q>" + "|".join(lexicon.EN_QUALIFIERS_AFTER) + r")(?![a-z])", re.I)
# Function words that open a clause: a clause opening with anything else followed by a determiner is an
# imperative ("Build a ... team composed of 100 people"), which in a plan states a goal.
EN_OPENING_FUNCTION_WORDS = frozenset(
    "a an the this that these those it its we our they their he she his her i you in on at by for from with as "
    "of to during since after before through under over among according so meanwhile moreover however "
    "furthermore also and but or if when while where there here all each every many some several most more "
    "much such other both no not recently currently regarding pertaining subsequently then thus besides "
    "only just what which who".split())
EN_ONE_NOT_AFTER = frozenset("the no any every each this that which at on per as".split())
EN_ONE_NOT_BEFORE = frozenset(
    "of another by hand day time side way or and more after such who which that is can should must".split())
EN_DETERMINERS = frozenset("a an the their its our all his her this these".split())
# Lower case only: "the Five-Year Plan to 860,000" is a name, not "plan to".
EN_TARGET_BEFORE = re.compile(r"(?<![A-Za-z])(?:" + "|".join(lexicon.EN_TARGET_MARKERS) + r")(?![a-z])")
EN_TARGET_AFTER = re.compile(
    r"^[^;]*?(?<![A-Za-z])(?:(?:is|are)\s+to\s+be|(?:will|shall|should|must)\s+be\s+[a-z]+ed)(?![a-z])", re.I)

# Words that end the noun phrase naming what a number counts.
EN_UNIT_STOP = frozenset(
    "of for in on at by with from to into through during including across among per than as like about under "
    "over involving between within without via and or but nor while which that who whom whose where when "
    "the a an this these those its their our his her is are was were be been being has have had will would "
    "shall should can could may might must do does did not so such each every all respectively "
    "related received receiving since until after before".split())
EN_UNIT_LEADING_DROP = frozenset("various other different additional respective such".split())
# Nouns that take their real noun through "of": "19 types of international training sessions".
EN_PARTITIVE_NOUNS = frozenset(
    "types kinds sorts categories batches groups sets pairs series rounds pieces lots classes varieties".split())
EN_IRREGULAR_PLURALS = frozenset(
    "people personnel staff children men women police cattle media data criteria yuan".split())
EN_PLURAL = re.compile(r"[A-Za-z-]{2,}(?<![su]s)(?<!is)s$|.*-times$")
EN_NUMBER_WORD = re.compile(r"^(?:\d[\d,.]*|" + _CARD + "|" + alternation(_SCALE_NAMES)[3:] + "$", re.I)
EN_UNIT_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*|[^\sA-Za-z\d]")
# "the number of intellectual property talents will exceed 1 million": the unit is named before the number.
EN_UNIT_BEFORE = re.compile(
    r"(?i:number|scale|size|total|amount|count)\s+of\s+(?P<np>[^,;:.]+?)\s+"
    r"(?i:has|have|had|is|are|was|were|will|would|shall|should|reached|reaches|increased|grew|grown|rose"
    r"|exceeded|exceeds|stood|totalled|totaled)(?![a-z])")

# ================================================================================== Chinese patterns
_ZH_DIGIT = "零〇一二两三四五六七八九"
_ZH_NUMERAL = _ZH_DIGIT + "十百千万亿"
ZH_NUMBER = re.compile(
    r"(?P<pctwords>百分之(?P<pw>[" + _ZH_NUMERAL + r"点]+|\d+(?:\.\d+)?))"
    r"|(?<![\dA-Za-z./\\\-–—:])(?<!\d,)(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?!\d|,\d)"
    r"(?P<more>[多余](?=[万亿]))?(?P<scale>[十百千万亿]+)?(?P<pct>\s?%)?"
    r"|(?<![" + _ZH_NUMERAL + r"])(?P<cn>[" + _ZH_DIGIT + r"十][" + _ZH_NUMERAL + r"]*)"
    r"(?P<cnmore>[多余](?=[万亿]))?(?P<cnscale>[万亿])?(?P<cnpct>%)?")
# Every ZH_NUMBER match opens with one of these. ZH_NUMBER's look-behinds make it slow to run over a clause
# with no number in it, which this finds far faster (three Chinese clauses in four of the benchmark's have none).
ZH_NUMBER_SCREEN = re.compile(r"[\d" + _ZH_DIGIT + "十百]")
ZH_PLAN_ABBREVIATION = re.compile(r"^十[一二三四五六七八九]五")  # 十四五: the 14th Five-Year Plan
ZH_ENUMERATOR_AFTER = re.compile(r"^(?:是|、|[)）])")  # 一是…二是…, 一、, (三)
ZH_IDIOM_AFTER = re.compile(r"^位一体")  # 五位一体, 三位一体
ZH_JOINED = re.compile(r"^[-/–—:~～]\d")
ZH_PERSON_NOUN_AFTER_REN = re.compile(r"^人[才民口力事士社工员]")
ZH_TARGET_BEFORE = re.compile("|".join(lexicon.ZH_TARGET_MARKERS))
ZH_NOUN_FLAGS = ("n", "vn", "j", "nz", "an", "ng")
_ZH_QUALIFIERS_BEFORE = sorted(lexicon.ZH_QUALIFIERS_BEFORE, key=len, reverse=True)  # longest first: 不超过 before 超过
ZH_ADJ_FLAGS = ("a", "b")

# ================================================================================== years
# Gap between a number and a year that belongs to it ("690,000 at the end of the 13th Five-Year Plan").
EN_BOUND_GAP = re.compile(r"^[^,;:.!?]{0,60}$")
# Chinese puts the year before the figure, tied to it by 的: 2023年底的86万, “十三五”末的69万.
ZH_BOUND_GAP = re.compile(r"^[”\"]?(?:年?(?:底|末|初|中|上半年|下半年))?(?:时|期间)?的$")


# ================================================================================== public
def tag_figures(text: str, lang: str, doc_date, tokenizer=None, words=None, dates=None,
                target_year: int | None = None) -> list[dict]:
    """Every quantity in one clause: start, end, surface, value, unit, qualifier, kind, year (see module doc).
    doc_date: the document's date ('2020-04-23', '2020', 2020 or None). tokenizer: the corpus's jieba tokenizer
    (default: the repository corpus's). words: the clause's jieba words (its text_seg, split) when the caller
    has them already, so the clause is not segmented again. dates: the clause's tag_dates() when the caller
    has them. target_year: the year the document's own targets are for (a plan's "By 2025"), if any."""
    # Scan the folded text (full-width １００％ as 100%, same length), report surfaces from the original.
    folded = normalise(text)
    if lang.startswith("zh"):
        figures = find_chinese_figures(folded, tokenizer, words)
    else:
        figures = find_english_figures(folded)
    if not figures:
        return []  # most clauses: years matter only to the figures they bind to
    doc_date = None if doc_date is None else str(doc_date)
    doc_year = parse_doc_date(doc_date)[0] if doc_date else None
    mentions = tag_dates(text, lang, doc_date) if dates is None else dates
    bound = bind_year_mentions(folded, figures, mentions, lang)
    out = []
    for fig in figures:
        kind, year = decide_kind_and_year(
            fig, classify_kind(folded, fig, lang), bound, mentions, doc_year, target_year)
        out.append({"start": fig["start"], "end": fig["end"], "surface": text[fig["start"]:fig["end"]],
                    "value": fig["value"], "unit": fig["unit"], "qualifier": fig["qualifier"],
                    "kind": kind, "year": year})
    return out


# ================================================================================== English
def find_english_figures(text: str) -> list[dict]:
    """Quantities in English text, without kind and year."""
    # Each scan runs only when a cheap test says it can find something; most clauses pass neither.
    digits, word_starts = DIGIT.search(text) is not None, number_word_starts(text)
    if not digits and not word_starts:
        return []
    quoted = find_short_quotes(text)
    found = (scan_english_digits(text) if digits else []) + scan_english_words(text, quoted, word_starts)
    figures = drop_overlaps(found)
    for fig in figures:
        fig["unit"] = fig["unit"] or find_english_unit(text, fig)
        fig["qualifier"] = find_english_qualifier(text, fig)
    return drop_lone_ones(figures, lambda f: f["surface"].lower() == "one")


def scan_english_digits(text: str) -> list[dict]:
    """Numbers written in digits, with a scale word or %, that pass the not-a-quantity checks."""
    found = []
    for m in matches_at(EN_DIGITS, text, (run.start() for run in DIGIT_RUN.finditer(text))):
        start, end = m.span()
        before, after = text[:start], text[end:]
        digits = m.group("num")
        if is_english_non_count(text, start, end, digits, m.group("scale") or m.group("pct")):
            continue
        value = parse_arabic(digits) * (SCALES[m.group("scale").lower()] if m.group("scale") else 1)
        fig = {"start": start, "end": end, "surface": m.group(0), "value": tidy(value), "tail": end, "unit": None,
               "qualifier": None}
        if m.group("pct"):
            fig["unit"] = "percent"
        elif (pm := EN_PERCENT_AFTER.match(after)):
            fig["unit"] = "percentage points" if "point" in pm.group(0).lower() else "percent"
            fig["tail"] = end + pm.end()
        elif (cm := EN_CURRENCY_BEFORE.search(before)):
            fig["unit"] = lexicon.CURRENCY_BEFORE[cm.group(0).strip()]
        found.append(fig)
    return found


def is_english_non_count(text: str, start: int, end: int, digits: str, scaled: str | None) -> bool:
    """True when digits are a year, date, ordinal, list number, code, phone or house number rather than a count."""
    before, after = text[:start], text[end:]
    plain = digits.replace(",", "").replace(".", "")
    if EN_JOINED.match(after) or (start >= 2 and text[start - 1] in "-/–—:~" and text[start - 2].isdigit()):
        return True
    if after[:1].isalpha() and not scaled:
        glued = re.match(r"[a-z]+", after)
        if not glued or len(glued.group(0)) < 3 or EN_ORDINAL_SUFFIX.match(after):
            return True
    if EN_HYPHEN_COMPOUND_AFTER.match(after) or EN_DURATION_AFTER.match(after):
        return True
    if EN_MONTH_BEFORE.search(before) or EN_MONTH_AFTER.match(after):
        return True
    if EN_LABEL_BEFORE.search(before) or EN_ADDRESS_AFTER.match(after):
        return True
    if EN_CODE_BEFORE.search(before) and not EN_CURRENCY_BEFORE.search(before):
        return True
    if EN_LIST_NUMBER.match(text[:end + 2]) and not before.strip(" (（"):
        return True
    if EN_PAREN_NUMBER.search(before) and re.match(r"\s*[)）]", after):
        return True
    if "," not in digits and "." not in digits and not scaled:
        if len(plain) >= 5:
            return True  # phone, postal, licence and registration numbers; English prints counts with commas
        if len(plain) == 4 and 1900 <= int(plain) <= 2100 and not EN_QUALIFIER_BEFORE.search(before):
            return True
    return False


def scan_english_words(text: str, quoted: list[tuple[int, int]], word_starts: list[int]) -> list[dict]:
    """Numbers written in words ("nine", "a hundred", "Five") that count something; word_starts is
    number_word_starts(text)."""
    found = []
    for m in matches_at(EN_NUMBER_WORDS, text, word_starts):
        start, end = m.span("num")
        surface = m.group("num")
        after = text[end:]
        if is_english_word_non_count(text, start, end, quoted):
            continue
        percent = EN_PERCENT_AFTER.match(after)  # "five percent"
        found.append({"start": start, "end": end, "surface": surface, "value": tidy(parse_english_words(surface)),
                      "tail": end + (percent.end() if percent else 0), "unit": "percent" if percent else None,
                      "qualifier": None})
    return found


def number_word_starts(text: str) -> list[int]:
    """The offsets, in order, where a match of EN_NUMBER_WORDS may start: where a number word starts a word,
    and where an "a" or "an" may stand before a scale word ("a hundred"). Empty when the regex cannot match,
    as in most clauses, which hold "one" or "ten" only inside words (done, often). One pass of the screen
    finds them all. Only ASCII letters are folded: the regex's IGNORECASE also lets ſ match s and K (Kelvin)
    match k, which no policy text spells numbers with."""
    starts = []
    lowered = text.lower() if text.isascii() else text.translate(_ASCII_LOWER)  # the same, in C, for ASCII
    for end, word in EN_NUMBER_WORD_SCREEN.matches(lowered):
        start = end - len(word) + 1
        before = text[start - 1] if start else " "
        if not ("A" <= before <= "Z" or "a" <= before <= "z") or ("a" <= before <= "z" and "A" <= text[start] <= "Z"):
            starts.append(start)
            if word in _SCALE_NAMES:  # the article is separated from it by white space, as \s+ in the regex
                article_end = start
                while article_end and text[article_end - 1].isspace():
                    article_end -= 1
                if article_end < start:
                    starts += [offset for offset in (article_end - 2, article_end - 1) if offset >= 0]
    return sorted(set(starts))


def matches_at(pattern: re.Pattern, text: str, starts):
    """What pattern.finditer(text) finds, given offsets (in order) that include every one where a match can
    start. A pattern that opens with a look-behind, as the English number patterns must, gives re no
    character to skip ahead to: finditer tries it at every offset, three to five times as long on the
    corpus's English clauses."""
    end = 0
    for start in starts:
        if start >= end and (m := pattern.match(text, start)):
            end = m.end()
            yield m


def last_ascii_word(text: str) -> str:
    """The run of ASCII letters that only non-word characters (\\W) follow to the end of text, or "": what
    re.search(r"([A-Za-z]+)\\W*$", text) finds. That regex is tried at every offset of the text and runs over
    each word before failing, for every number word of a clause; walking back from the end reads a few
    characters."""
    end = len(text)
    while end and not (text[end - 1].isalnum() or text[end - 1] == "_"):  # \w is isalnum() or _
        end -= 1
    start = end
    while start and text[start - 1] in _ASCII_LETTERS:
        start -= 1
    return text[start:end]


def is_english_word_non_count(text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> bool:
    """True when a number word is part of a name, slogan, idiom, duration or compound adjective."""
    surface = text[start:end]
    before, after = text[:start], text[end:]
    glued = before[-1:].isalpha()
    prev_word = "" if glued else last_ascii_word(before).lower()
    next_word = re.match(r"\W*([A-Za-z]+)", after)
    next_word = next_word.group(1).lower() if next_word else ""
    if any(qs <= start and end <= qe for qs, qe in quoted):
        return True  # "Two Zones", "five in a batch"
    if EN_HYPHEN_COMPOUND_AFTER.match(after) or EN_DURATION_AFTER.match(after):
        return True
    if EN_PAREN_NUMBER.search(before) and re.match(r"\s*[)）]", after):
        return True  # "(ten thousand)": a unit multiplier in a table heading
    # "in one window", "in five areas", "five in a batch": translated slogans, not counts.
    if prev_word == "in" or next_word == "in":
        return True
    # A capitalised number word inside a sentence followed by a capitalised word is a name: "the Two Zones".
    if (surface[0].isupper() and not glued and before.strip(" \"“'‘")
            and not re.search(r"[.!?:]\s*[\"“'‘]?\s*$", before) and re.match(r"\s+[A-Z]", after)):
        return True
    if surface.lower() == "one":
        # "one of the", "no one", "one by one", "on the one hand": pronoun and idiom, not a count.
        return prev_word in EN_ONE_NOT_AFTER or next_word in EN_ONE_NOT_BEFORE or not next_word
    return False


def find_english_qualifier(text: str, fig: dict) -> str | None:
    """gt / gte / approx / lt from the words right before (or after) the number."""
    if (m := EN_QUALIFIER_BEFORE.search(text[:fig["start"]])):
        return lexicon.EN_QUALIFIERS_BEFORE[m.group("q").lower()]
    rest = text[fig["tail"]:]
    if fig["unit"] and rest.lstrip().startswith(fig["unit"]):
        rest = " " + rest.lstrip()[len(fig["unit"]):]  # "12 experts or more"
    if (m := EN_QUALIFIER_AFTER.match(rest)):
        return lexicon.EN_QUALIFIERS_AFTER[m.group("q").lower()]
    return None


def find_english_unit(text: str, fig: dict) -> str | None:
    """The noun phrase after the number ("video interviews"), else the one named before it ("number of X")."""
    return parse_english_unit_after(text[fig["tail"]:], fig["value"]) or parse_english_unit_before(
        text[:fig["start"]])


def parse_english_unit_after(tail: str, value) -> str | None:
    """'32 video interviews were submitted' -> 'video interviews'; stops at function words, verbs and commas."""
    tokens = EN_UNIT_TOKEN.findall(tail[:120])
    words = []
    i = 0
    while i < len(tokens) and len(words) < 7:
        tok = tokens[i]
        low = tok.lower()
        if not tok[0].isalpha() or EN_NUMBER_WORD.match(tok):
            break
        if not words and low in EN_UNIT_LEADING_DROP and i + 1 < len(tokens) and tokens[i + 1][0].isalpha():
            i += 1
            continue
        if low in EN_UNIT_STOP:
            break
        if words and re.search(r"[a-z]{2}ed$", low) and low not in EN_IRREGULAR_PLURALS:
            break  # a verb after the noun: "Five people alleviated"
        words.append(tok)
        i += 1
        if low in EN_IRREGULAR_PLURALS or EN_PLURAL.match(tok):
            nxt = tokens[i].lower() if i < len(tokens) else ""
            if nxt == "of" and low in EN_PARTITIVE_NOUNS:
                words.append("of")
                i += 1
            elif nxt == "and" and is_noun_conjunct(tokens[i + 1:i + 5]):
                words.append("and")
                i += 1
            else:
                break
    while words and words[-1].lower() in EN_UNIT_STOP:
        words.pop()
    return " ".join(words) or None


def is_noun_conjunct(tokens: list[str]) -> bool:
    """True when the words after "and" end in a plural noun: "conferences and training sessions were"."""
    words = []
    for tok in tokens:
        if not tok[0].isalpha() or tok.lower() in EN_UNIT_STOP or EN_NUMBER_WORD.match(tok):
            break
        words.append(tok)
    return bool(words) and bool(EN_PLURAL.match(words[-1]) or words[-1].lower() in EN_IRREGULAR_PLURALS)


def parse_english_unit_before(head: str) -> str | None:
    """'the number of intellectual property talents will exceed' -> 'intellectual property talents'."""
    matches = list(EN_UNIT_BEFORE.finditer(head))
    if not matches:
        return None
    np = re.sub(r"\s*\([^)]*\)", "", matches[-1].group("np"))
    np = re.sub(r"^(?:the\s+)?[A-Z][\w-]*['’]s\s+", "", np)
    return np.strip() or None


# ================================================================================== Chinese
def find_chinese_figures(text: str, tokenizer=None, words=None) -> list[dict]:
    """Quantities in Chinese text (Arabic or Chinese numerals), without kind and year."""
    matches = list(ZH_NUMBER.finditer(text)) if ZH_NUMBER_SCREEN.search(text) else ()
    if not matches:
        return []
    quoted = find_short_quotes(text)
    word_starts = WordStarts(text, tokenizer or get_tokenizer(), words)
    figures = []
    for m in matches:
        fig = parse_chinese_match(text, m, quoted, word_starts)
        if fig:
            figures.append(fig)
    figures = drop_overlaps(figures)

    def lone_one(fig):
        # 一项重要任务 is "an important task"; 一 counts only beside another number with the same measure word.
        return fig["surface"] == "一" and not any(
            o is not fig and o["classifier"] == fig["classifier"] for o in figures)
    return [f for f in figures if not lone_one(f)]


class WordStarts:
    """Where jieba's words start in a text: found in the words the caller has (the clause's text_seg), else
    segmented on first use. Only a Chinese numeral that passed every cheaper test needs them, and
    segmenting a clause a second time costs as much as the first."""

    def __init__(self, text, tokenizer, words=None):
        self.text, self.tokenizer, self.words, self._starts = text, tokenizer, words, None

    def __contains__(self, offset):
        if self._starts is None:
            self._starts = self._find() if self.words else {s for _, s, _ in self.tokenizer.spans(self.text)}
        return offset in self._starts

    def _find(self):
        # The words are the text's own substrings, in order, minus the white space between some of them.
        starts, at = set(), 0
        for word in self.words:
            at = self.text.index(word, at)
            starts.add(at)
            at += len(word)
        return starts


def parse_chinese_match(text: str, m: re.Match, quoted: list, word_starts) -> dict | None:
    """One ZH_NUMBER match as a figure, or None when it is not a count."""
    start, end = m.span()
    before, after = text[:start], text[end:]
    if m.group("pctwords"):
        return {"start": start, "end": end, "surface": m.group(0), "tail": end, "classifier": "%",
                "value": tidy(parse_chinese(m.group("pw"))), "unit": "percent",
                "qualifier": find_chinese_qualifier(before, after, "")}
    is_digits = bool(m.group("num"))
    numeral = m.group("num") or m.group("cn")
    scale = (m.group("scale") or "") if is_digits else (m.group("cnscale") or "")
    pct = m.group("pct") if is_digits else m.group("cnpct")
    if ZH_NOT_COUNT_BEFORE.search(before) or ZH_JOINED.match(after) or ZH_NOT_COUNT_AFTER.match(after):
        return None
    if start >= 2 and text[start - 1] in "-/–—:~～" and text[start - 2].isdigit():
        return None
    if not is_digits and (ZH_PLAN_ABBREVIATION.match(text[start:]) or ZH_IDIOM_AFTER.match(after)
                          or any(qs <= start and end <= qe for qs, qe in quoted)
                          or start not in word_starts):
        return None  # 十四五, 五位一体, “两区”, and numerals inside words: 统一, 进一步, 唯一
    if ZH_ENUMERATOR_AFTER.match(after) and (not before.strip() or before.rstrip()[-1:] in "(（，。；：、"):
        return None  # 一是, 二、, (三)
    if EN_LIST_NUMBER.match(text[:end + 2]) and not before.strip(" (（"):
        return None
    qualifier_after = re.match(r"[多余]", after) if not pct else None
    rest = after[qualifier_after.end():] if qualifier_after else after
    classifier = "%" if pct else match_chinese_classifier(rest)
    if not pct and not classifier and not is_digits and not re.search("[百千万亿]", numeral + scale):
        return None  # a bare 三 or 十 without a measure word is part of a word (三农, 十分)
    if is_digits and not scale and not pct and "," not in numeral and "." not in numeral:
        if len(numeral) >= 5 and not classifier:
            return None  # phone, postal and registration numbers
        if len(numeral) == 4 and 1900 <= int(numeral) <= 2100 and not classifier:
            return None  # a year
    value = parse_chinese(numeral.replace(",", "") + scale) if scale or not is_digits else parse_arabic(numeral)
    value *= lexicon.ZH_CLASSIFIER_SCALES.get(classifier or "", 1)
    tail = end + (qualifier_after.end() if qualifier_after else 0) + len(classifier or "")
    return {"start": start, "end": end, "surface": m.group(0), "tail": tail, "classifier": classifier,
            "value": tidy(value), "unit": "percent" if pct else find_chinese_unit(text, tail, classifier, word_starts.tokenizer),
            "qualifier": "gt" if m.group("more") or m.group("cnmore") else find_chinese_qualifier(
                before, after, classifier or "")}


def match_chinese_classifier(rest: str) -> str | None:
    """The measure word at the start of the text after a number: 名, 家, 人次, 个百分点."""
    for word in lexicon.ZH_CLASSIFIERS:
        if rest.startswith(word):
            if word == "人" and ZH_PERSON_NOUN_AFTER_REN.match(rest):
                return None  # 人才, 人员: a noun, not the measure word 人
            return word
    return None


def find_chinese_qualifier(before: str, after: str, classifier: str) -> str | None:
    """gt / gte / approx / lt from 超过/近/约 before the number or 余/多/以上/左右 after it."""
    for word in _ZH_QUALIFIERS_BEFORE:
        if before.rstrip().endswith(word):
            return lexicon.ZH_QUALIFIERS_BEFORE[word]
    if after[:1] in ("多", "余"):
        return "gt"
    rest = after[len(classifier):] if after.startswith(classifier) else after
    for word, qualifier in lexicon.ZH_QUALIFIERS_AFTER.items():
        if rest.startswith(word):
            return qualifier
    return None


def find_chinese_unit(text: str, tail: int, classifier: str | None, tokenizer) -> str | None:
    """The noun after the measure word (学员, 知识产权服务机构), else the measure word's own English name."""
    if classifier in lexicon.ZH_CLASSIFIER_UNITS and classifier not in ("名", "位"):
        return lexicon.ZH_CLASSIFIER_UNITS[classifier]  # 人 and 次 are what is counted: 1.5万人就业 counts people
    return parse_chinese_nouns(text[tail:], tokenizer) or lexicon.ZH_CLASSIFIER_UNITS.get(classifier)


def parse_chinese_nouns(tail: str, tokenizer) -> str | None:
    """The noun phrase at the start of tail, by jieba part of speech: adjectives then nouns."""
    clipped = re.split(r"[，。；：、,;:！？!?（）()“”\"\s]", tail[:30], maxsplit=1)[0]
    if not clipped:
        return None
    words, seen_noun = [], False
    for pair in tokenizer.tagged(clipped):
        flag = pair.flag
        if flag.startswith(ZH_NOUN_FLAGS) and not flag.startswith("nr"):
            words.append(pair.word)
            seen_noun = True
        elif not seen_noun and flag.startswith(ZH_ADJ_FLAGS):
            words.append(pair.word)
        else:
            break
    return "".join(words) if seen_noun else None


# ================================================================================== shared steps
def find_short_quotes(text: str, max_len: int = 40) -> list[tuple[int, int]]:
    """Spans of short quoted phrases ("Two Zones", “两区”): names and slogans whose number words are not counts."""
    spans = []
    for m in re.finditer(r"[“\"‘](?P<q>[^“”\"‘’]{1,%d})[”\"’]" % max_len, text):
        spans.append(m.span("q"))
    return spans


def drop_overlaps(figures: list[dict]) -> list[dict]:
    """Keep the first of any figures whose spans overlap (the scanners can both match '690 thousand')."""
    kept = []
    for fig in sorted(figures, key=lambda f: (f["start"], -f["end"])):
        if not kept or fig["start"] >= kept[-1]["end"]:
            kept.append(fig)
    return kept


def drop_lone_ones(figures: list[dict], is_one) -> list[dict]:
    """'one' is an indefinite article unless the clause counts other things too ("four ... and one ...")."""
    others = [f for f in figures if not is_one(f)]
    return [f for f in figures if not is_one(f) or others or f["qualifier"]]


def bind_year_mentions(text: str, figures: list[dict], mentions: list[dict], lang: str) -> dict:
    """{index of a date in mentions: the figure it directly qualifies}: in English the date follows the figure
    ("690,000 at the end of 2020"), in Chinese it comes before it, tied by 的 (2023年底的86万)."""
    bound = {}
    for i, mention in enumerate(mentions):
        if lang.startswith("zh"):
            later = [f for f in figures if f["start"] >= mention["end"]]
            if later and ZH_BOUND_GAP.match(text[mention["end"]:later[0]["start"]]):
                bound[i] = id(later[0])
        else:
            earlier = [f for f in figures if f["tail"] <= mention["start"]]
            if earlier and EN_BOUND_GAP.match(text[earlier[-1]["tail"]:mention["start"]]):
                bound[i] = id(earlier[-1])
    return bound


def decide_kind_and_year(fig: dict, kind: str, bound: dict, mentions: list[dict], doc_year: int | None,
                         target_year: int | None) -> tuple[str, int | None]:
    """The figure's kind and the year it is for: the year of the date bound to it, else of the nearest date in
    the clause bound to no other figure (as dates.as_of_year resolves it), else the document's target year for
    a target and the document's year otherwise. A year other than the document's settles the kind: no goal is
    set for a year already past."""
    candidates = [mentions[i] for i, figure in bound.items() if figure == id(fig)]
    if not candidates:
        free = [m for i, m in enumerate(mentions) if i not in bound]
        candidates = sorted(free, key=lambda m: min(abs(m["start"] - fig["end"]), abs(fig["start"] - m["end"])))
    for mention in candidates:
        year = as_of_year(mention, kind, doc_year)
        if year is not None:
            if doc_year is not None and year != doc_year:
                kind = "target" if year > doc_year else "reported"
            return kind, year
    if kind == "target" and target_year:
        return kind, target_year
    return kind, doc_year


def classify_kind(text: str, fig: dict, lang: str) -> str:
    """'target' when the clause states a goal for the figure (will, should, 力争, to be trained), else 'reported'."""
    before = re.split(r"[;；。]", text[:fig["start"]])[-1]
    if lang.startswith("zh"):
        return "target" if ZH_TARGET_BEFORE.search(before) else "reported"
    if EN_TARGET_BEFORE.search(before) or EN_TARGET_AFTER.match(text[fig["tail"]:]):
        return "target"
    return "target" if is_imperative(text) else "reported"


def is_imperative(text: str) -> bool:
    """A clause opening with a bare verb and a determiner ("Build a team", "Strengthen the training")."""
    m = re.match(r"\s*[\"“]?([A-Za-z]+)\s+([A-Za-z]+)", text)
    if not m:
        return False
    first, second = m.group(1), m.group(2).lower()
    return (first[0].isupper() and first.lower() not in EN_OPENING_FUNCTION_WORDS
            and not re.search(r"(?:ed|ing|s)$", first) and second in EN_DETERMINERS)
