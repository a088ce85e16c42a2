"""Tables printed as 'cell | cell | cell |' lines become data rows, not clauses."""
import re

from ..numbers import SCALES, parse_arabic, tidy

_ROW_NUMBER = re.compile(r"^(\d{1,2})[.．、]\s*")
_UNIT = re.compile(r"[(（]([^()（）]+)[)）]\s*$")
# A year column's header: 2025, 2025年, 2025年目标, 2025 target.
_YEAR = re.compile(r"^((?:19|20)\d{2})\s*(?:年|年目标值?|年预期值|target)?$", re.IGNORECASE)


def row_cells(text: str) -> list[str]:
    """Every cell of a '|' table line, empty ones included, without the rule at either end:
    '| 北部 | 310 | |' -> ['北部', '310', '']."""
    row = text.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") else row
    return [cell.strip() for cell in row.split("|")]


def split_cells(text: str):
    """The cells of a '|' table line with their offsets relative to the line."""
    cells = []
    for m in re.finditer(r"[^|]+", text):
        stripped = m.group(0).strip()
        if stripped:
            start = m.start() + m.group(0).index(stripped)
            cells.append((start, start + len(stripped), stripped))
    return cells


def parse_indicator_table(rows):
    """rows: Lines of one table, header first. Yields dicts for each data row.

    The header names the columns; a year column holds the target value for that year, so
    'Indicators | 2025 | Attribute' means each row's number is its 2025 target.
    """
    header = [c[2] for c in split_cells(rows[0].text)]
    year_col = next((i for i, h in enumerate(header) if _YEAR.match(h)), None)
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
        multiplier = SCALES.get((unit_text or "").lower(), 1)
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
