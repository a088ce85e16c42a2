"""Numbers as printed to numbers as values: 1,490; 69万; 690 thousand; nine; a hundred; 一百."""
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
    """Chinese numerals, alone or mixed with digits: 一百 -> 100, 69万 -> 690000, 1.5万 -> 15000."""
    import cn2an  # on first use: it takes 0.1 s to import, and most builds and every search never need it
    return float(cn2an.cn2an(surface, "smart"))


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
