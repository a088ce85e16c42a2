"""Numbers as printed to numbers as values: 1,490; 69万; 690 thousand; nine; a hundred; 一百."""
import functools
import re

from . import lexicon

# Scale words, English and Chinese, to multipliers: a figure's scale word, a table's "(ten thousand)".
SCALES = {**lexicon.EN_UNIT_SCALES, **lexicon.ZH_SCALES}
_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")


def parse_arabic(surface: str) -> float:
    """'1,490' -> 1490, '2.5' -> 2.5."""
    if not _DIGITS.match(surface):
        raise ValueError(f"not a number: {surface!r}")
    return float(surface.replace(",", ""))


def parse_chinese(surface: str) -> float:
    """Chinese numerals, alone or mixed with digits: 一百 -> 100, 69万 -> 690000, 1.5万 -> 15000. ValueError for
    what is not one number: an approximate numeral (三四十, see parse_chinese_range) or digits read one by one."""
    low, high = parse_chinese_range(surface)
    if high is not None:
        raise ValueError(f"an approximate numeral, not one number: {surface!r}")
    return low


# Two digits side by side make an approximate numeral (概数) when they are neighbours (三四十, 两三千, 十五六, 一两百)
# or the idiomatic 三五 (三五百人, "three to five hundred").
_ZH_DIGIT_PAIR = re.compile("[" + "".join(d for d in lexicon.ZH_DIGITS if lexicon.ZH_DIGITS[d]) + "]{2}")
_ZH_APPROX_PAIRS = {(3, 5)}


def parse_chinese_range(surface: str) -> tuple[float, float | None]:
    """Chinese numerals as (value, None), or an approximate numeral as its bounds: 三四十 -> (30, 40), 两三千 ->
    (2000, 3000), 十五六 -> (15, 16), 二三十万 -> (200000, 300000), 约三五百 -> (300, 500). Each bound is the numeral
    without the other digit of the pair. ValueError for what is not a number, such as digits read one by one
    (三三, 一二三)."""
    pairs = list(_ZH_DIGIT_PAIR.finditer(surface))
    if not pairs:
        return _read_chinese(surface), None
    first, second = pairs[0].group()
    a, b = lexicon.ZH_DIGITS[first], lexicon.ZH_DIGITS[second]
    if len(pairs) > 1 or len(surface) > pairs[0].end() and surface[pairs[0].end()] in lexicon.ZH_DIGITS \
            or not (b == a + 1 or (a, b) in _ZH_APPROX_PAIRS):
        raise ValueError(f"not a number: {surface!r}")
    at = pairs[0].start()
    low = _read_chinese(surface[:at + 1] + surface[at + 2:])
    high = _read_chinese(surface[:at] + surface[at + 1:])
    return low, high


@functools.lru_cache(maxsize=4096)  # cn2an checks its input at length; a document repeats its numbers
def _read_chinese(surface: str) -> float:
    """One Chinese numeral, by cn2an; ValueError when it cannot read it."""
    import cn2an  # on first use: it takes 0.1 s to import, and most builds and every search never need it
    try:
        return float(cn2an.cn2an(surface, "smart"))
    except ValueError:
        raise
    except Exception as e:  # cn2an rejects some numerals with KeyError (〇亿〇), OverflowError or others
        raise ValueError(f"not a number: {surface!r}") from e


def parse_english_words(words: str) -> float:
    """'nine' -> 9, 'a hundred' -> 100, 'twenty-five' -> 25, 'two thousand' -> 2000, 'a dozen' -> 12."""
    total, current = 0, 0
    for w in re.split(r"[\s-]+", words.lower().strip()):
        if w in lexicon.EN_CARDINALS or w in lexicon.EN_ARTICLES:
            current += lexicon.EN_CARDINALS.get(w) or lexicon.EN_ARTICLES[w]
        elif w == "dozen":
            current = max(current, 1) * 12
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in lexicon.EN_SCALES:
            total += max(current, 1) * lexicon.EN_SCALES[w]
            current = 0
        elif w == "and":
            continue
        else:
            raise ValueError(f"not a number word: {w!r}")
    return float(total + current)


def tidy(value: float):
    """An int when the value is whole and a float holds it exactly, so 1490.0 is stored as 1490 (and 1e30
    stays a float: SQLite's integers stop at 2**63)."""
    return int(value) if float(value).is_integer() and abs(value) <= 2 ** 53 else value


_QUERY_ARABIC = re.compile(
    r"^(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<scale>ten thousand|[a-z]+)?$")
_QUERY_CHINESE = re.compile(r"^[\d.,零〇一二两三四五六七八九十百千万亿]+$")
_QUERY_WORDS = re.compile(r"^[a-z]+(?:[\s-]+[a-z]+)*$")


MAX_FIGURE = 10 ** 15  # larger numbers are codes, not quantities; SQLite's integers stop at 2**63 anyway


def parse_number_query(text: str):
    """The value of a search query that is a number, bounded (see _number_query)."""
    return _bounded(_number_query(text))


def _number_query(text: str):
    """The value of a search query that is a number in any printed form, else None: 860000, 860,000, 86万,
    八十六万, 1.5 million, 860 thousand, one hundred, 50% -> 860000, …, 1500000, 860000, 100, 50."""
    from .normalise import normalise
    query = " ".join(normalise(text or "").lower().split()).rstrip("%％ ")
    if not query or len(query) > 40:
        return None
    try:
        if m := _QUERY_ARABIC.match(query):
            scale = m["scale"]
            if scale and scale not in SCALES:
                return None
            return tidy(round(parse_arabic(m["num"]) * (SCALES[scale] if scale else 1), 6))  # 1.1 million, not …0002
        compact = query.replace(" ", "")
        if _QUERY_CHINESE.match(compact) and not compact.replace(".", "").replace(",", "").isdigit():
            return tidy(parse_chinese(compact.replace(",", "")))
        words = set(re.split(r"[\s-]+", query))
        if _QUERY_WORDS.match(query) and words - {"a", "an", "and"}:
            return tidy(parse_english_words(query))
    except (ValueError, OverflowError):  # cn2an and the word parser say "not a number" this way
        return None
    return None


def _bounded(value):
    """A value a figure could have (no quantity of a policy text is a quadrillion); None otherwise."""
    return value if value is not None and abs(value) < MAX_FIGURE else None
