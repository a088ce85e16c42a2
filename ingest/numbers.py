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
    except KeyError as e:  # cn2an's way of rejecting some numerals (〇亿〇, 万3十8); ValueError for the rest
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
    """An int when the value is whole, so 1490.0 is stored as 1490."""
    return int(value) if float(value).is_integer() else value
