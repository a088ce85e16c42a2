"""Tables printed as 'cell | cell | cell |' lines become data rows, not clauses."""
import re

from .. import lexicon
from ..numbers import parse_arabic, tidy

_ROW_NUMBER = re.compile(r"^(\d{1,2})[.．、]\s*")
_UNIT = re.compile(r"[(（]([^()（）]+)[)）]\s*$")
# A year column's header: 2025, 2025年, 2025年目标, 2025 target.
_YEAR = re.compile(r"^((?:19|20)\d{2})\s*(?:年|年目标值?|年预期值|target)?$", re.IGNORECASE)


def row_cells(text: str) -> list[str]:
    """Every cell of a '|' table line, empty ones included, without the rule at either end:
    '| 北部 | 310 | |' -> ['北部', '310', '']."""
    return [cell for _, _, cell in cell_spans(text)]


def split_cells(text: str):
    """The cells of a '|' table line that hold something, with their offsets relative to the line."""
    return [span for span in cell_spans(text) if span[2]]


def cell_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of every cell of a '|' table line, empty ones included (as row_cells has them), with
    offsets into the line: a column's cells line up whether or not a cell before them is empty."""
    spans, at = [], 0
    body_start = len(text) - len(text.lstrip())
    body = text.strip()
    if body.startswith("|"):
        body, body_start = body[1:], body_start + 1
    if body.endswith("|"):
        body = body[:-1]
    for raw in body.split("|"):
        stripped = raw.strip()
        start = body_start + at + (raw.index(stripped) if stripped else 0)
        spans.append((start, start + len(stripped), stripped))
        at += len(raw) + 1
    return spans


_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?: \d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# A cell that is one number, as a table prints it: a qualifier symbol or word before or after it, a range, a
# percent sign; thousands grouped by commas or by spaces (1 020, as SI and Hong Kong tables print them).
_CELL_NUMBER = re.compile(
    r"^(?P<before>" + lexicon.alternation(lexicon.SYMBOL_QUALIFIERS) + r")?\s*"
    r"(?P<low>" + _NUMBER + r")(?:\s*" + lexicon.alternation(lexicon.ZH_RANGE_JOINERS) + r"\s*(?P<high>" + _NUMBER + "))?"
    r"\s*(?P<scale>" + lexicon.alternation(lexicon.ZH_LARGE_SCALES) + r")?\s*(?P<pct>[%％])?"
    r"\s*(?P<after>" + lexicon.alternation(lexicon.ZH_QUALIFIERS_AFTER) + r")?$")
_LEADING_ZERO = re.compile(r"0\d")  # 0571-8765 4321: a telephone number, not a range


def cell_number(text: str):
    """(value, high or None, qualifier or None, is a percentage) of a cell that is one number, else None."""
    m = _CELL_NUMBER.match(text)
    if not m or _LEADING_ZERO.match(m["low"]) or m["high"] and _LEADING_ZERO.match(m["high"]):
        return None
    scale = lexicon.ZH_LARGE_SCALES.get(m["scale"], 1) if m["scale"] else 1
    number = lambda s: float(s.replace(",", "").replace(" ", "")) * scale  # noqa: E731
    qualifier = (lexicon.SYMBOL_QUALIFIERS.get(m["before"]) if m["before"]
                 else lexicon.ZH_QUALIFIERS_AFTER.get(m["after"]) if m["after"] else None)
    return number(m["low"]), number(m["high"]) if m["high"] else None, qualifier, bool(m["pct"])


def _label_and_unit(text: str):
    """A header's or label's name and its multiplier and unit word: 'Annual enrolment (10,000 persons)' ->
    name, 10000; '从业人员（万人）' -> 从业人员, 10000; 'Monthly pay (yuan)' -> Monthly pay, 1, 'yuan'."""
    number = _ROW_NUMBER.match(text)
    unit = _UNIT.search(text)
    name = text[number.end() if number else 0: unit.start() if unit else len(text)].strip()
    if not unit:
        return name, 1, None
    word = unit.group(1).strip()
    return name, *_unit_scale(word)


_ZH_SCALE_RUN = re.compile("^[" + "".join(lexicon.ZH_SCALES) + "]+")
_COUNTED_UNIT = re.compile(r"(?P<n>\d+)(?:\s+(?P<scale>" + lexicon.alternation(lexicon.EN_UNIT_SCALES) + r"))?\b")


def _unit_scale(word: str):
    """(multiplier, unit word or None) of a table's unit: 万人 and 亿元 are a scale and a measure word;
    'ten thousand', 'million yuan' and '10,000 persons' a scale and a noun; anything else is the unit."""
    run = _ZH_SCALE_RUN.match(word)
    if run and any(c in lexicon.ZH_LARGE_SCALES for c in run.group()):  # not 百分比, 十分
        multiplier = 1
        for c in run.group():
            multiplier *= lexicon.ZH_SCALES[c]
        rest = word[run.end():]
        return multiplier, lexicon.ZH_CLASSIFIER_UNITS.get(rest) if rest else None
    folded = word.lower().replace(",", "")
    for scale in sorted(lexicon.EN_UNIT_SCALES, key=len, reverse=True):
        if folded == scale or folded.startswith(scale + " "):
            return lexicon.EN_UNIT_SCALES[scale], lexicon.EN_CURRENCY_AFTER.get(word[len(scale):].strip())
    counted = _COUNTED_UNIT.match(folded)  # '10,000 persons', '100 million yuan'
    if counted and int(counted["n"]) > 1:
        scale = lexicon.EN_UNIT_SCALES.get(counted["scale"], 1) if counted["scale"] else 1
        return int(counted["n"]) * scale, lexicon.EN_CURRENCY_AFTER.get(word[counted.end():].strip())
    return 1, word


def row_years(rows):
    """(index in rows, start, end, year) for each data row whose label (its first cell) is a year: 'Year |
    Trainees' tables give a year per row, and the row's figures are of that year."""
    for index, line in enumerate(rows[1:], start=1):
        cells = cell_spans(line.text)
        if len(cells) >= 2 and (year := _YEAR.match(cells[0][2])) and year.group(0) == year.group(1):
            yield index, line.start + cells[0][0], line.start + cells[0][1], int(year.group(1))


def table_figures(rows, doc_year=None):
    """Every cell of a table's data rows that is one number, as a figure: (row ordinal, cell span, value, high,
    qualifier, unit, year, kind). rows: the table's Lines, header first.

    The first column labels the row. A cell's unit is its column's header, or, under a column headed by a year
    (an indicator table: 'Indicator | 2021 | 2025'), its row's label. Its year is that column's year, else a
    row label that is a year, else None (the document's year is given by the caller). A value under a year
    after the document's year is a target; any other is reported."""
    header = cell_spans(rows[0].text)
    header_years = [_YEAR.match(h[2]) for h in header]
    for ordinal, line in enumerate(rows[1:], start=1):
        cells = cell_spans(line.text)
        if len(cells) < 2:
            continue
        label, label_multiplier, label_unit = _label_and_unit(cells[0][2])
        row_year = _YEAR.match(cells[0][2])
        for column, (start, end, text) in enumerate(cells[1:], start=1):
            found = cell_number(text)
            if found is None:
                continue
            value, high, qualifier, percent = found
            if lexicon.YEAR_RANGE[0] <= value <= lexicon.YEAR_RANGE[1] and value.is_integer() \
                    and not (high or qualifier or percent):
                continue  # a year (2015 under 'Founded'), as in running text, is a date, not a figure
            year_match = header_years[column] if column < len(header_years) else None
            if year_match:
                name, multiplier, unit_word = label, label_multiplier, label_unit
                year = int(year_match.group(1))
            else:
                heading = header[column][2] if column < len(header) else ""
                name, multiplier, unit_word = _label_and_unit(heading)
                year = int(row_year.group(1)) if row_year else None
            if percent or unit_word in ("%", "％"):
                unit, multiplier = "percent", 1
            else:
                unit = (lexicon.ZH_CLASSIFIER_UNITS.get(unit_word) or lexicon.EN_CURRENCY_AFTER.get(unit_word)
                        or unit_word or name or None)
            kind = "target" if year_match and doc_year and year > doc_year else "reported"
            yield {
                "ordinal": ordinal, "column": column, "line": line, "start": line.start + start,
                "end": line.start + end, "surface": text, "value": tidy(value * multiplier),
                "value_high": tidy(high * multiplier) if high is not None else None, "qualifier": qualifier,
                "unit": unit, "year": year, "kind": kind,
            }


def parse_indicator_table(rows):
    """rows: Lines of one table, header first. Yields dicts for each data row.

    The header names the columns; a year column holds the target value for that year, so
    'Indicators | 2025 | Attribute' means each row's number is its 2025 target.
    """
    header = [c[2] for c in split_cells(rows[0].text)]
    # The last year heading a column: a plan's table gives a baseline year, then the target year.
    year_col = next((i for i, h in reversed(list(enumerate(header))) if _YEAR.match(h)), None)
    for ordinal, line in enumerate(rows[1:], start=1):
        cells = split_cells(line.text)
        if len(cells) < 2:
            continue
        label = cells[0][2]
        value_idx = year_col if year_col is not None and year_col < len(cells) else 1
        vstart, vend, vtext = cells[value_idx]
        try:
            value = parse_arabic(vtext)
        except ValueError:
            continue
        number = _ROW_NUMBER.match(label)
        unit = _UNIT.search(label)
        unit_text = unit.group(1).strip() if unit else None
        multiplier = _unit_scale(unit_text)[0] if unit_text else 1  # (ten thousand), （万人）, (10,000 persons)
        name = label[number.end() if number else 0: unit.start() if unit else len(label)].strip()
        attribute = cells[value_idx + 1][2] if value_idx + 1 < len(cells) else None
        yield {
            "ordinal": ordinal,
            "number": number.group(1) if number else None,
            "indicator": name,
            "target_year": int(_YEAR.match(header[year_col]).group(1)) if year_col is not None else None,
            "value_as_printed": vtext,
            "unit_as_printed": unit_text,
            "value": tidy(value * multiplier),
            "attribute": attribute,
            "line": line,
            "value_start": line.start + vstart,
            "value_end": line.start + vend,
        }
