"""Numbers as printed to numbers as values: 1,490; 69万; 690 thousand; nine; a hundred; 一百."""
import re

WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "dozen": 12,
}
# Scale words, English and Chinese, to multipliers.
SCALES = {
    "hundred": 100, "thousand": 1_000, "ten thousand": 10_000, "million": 1_000_000,
    "billion": 1_000_000_000, "百": 100, "千": 1_000, "万": 10_000, "亿": 100_000_000,
}
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
    """'nine' -> 9, 'a hundred' -> 100, 'twenty-five' -> 25, 'two thousand' -> 2000."""
    total, current = 0, 0
    for w in re.split(r"[\s-]+", words.lower().strip()):
        if w in WORD_NUMBERS:
            current += WORD_NUMBERS[w]
        elif w in ("hundred",):
            current = max(current, 1) * 100
        elif w in SCALES:
            total += max(current, 1) * SCALES[w]
            current = 0
        elif w == "and":
            continue
        else:
            raise ValueError(f"not a number word: {w!r}")
    return float(total + current)


def tidy(value: float):
    """An int when the value is whole, so 1490.0 is stored as 1490."""
    return int(value) if float(value).is_integer() else value
