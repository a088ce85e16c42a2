"""Split a decoded source into lines that remember their offsets."""
import re
from typing import NamedTuple

# The line breaks of the pipeline: \r\n, \r and \n. Not str.splitlines(), which also breaks at U+2028, U+0085,
# form feed and others, characters that stay inside a line here.
LINE_BREAK = re.compile(r"\r\n|\r|\n")


class Line(NamedTuple):
    number: int  # 1-based line number in the source
    start: int  # offset of the first character of the stripped text
    end: int  # offset just past its last character
    text: str  # the line without surrounding white space


def source_lines(source: str) -> list[str]:
    """Every line of the source as split_lines() counts them, blank ones included, without their breaks."""
    return LINE_BREAK.split(source)


def split_lines(source: str):
    """Every non-blank line with its offsets; leading and trailing white space is left out of the span."""
    lines = []
    number = 0
    for m in re.finditer(r"([^\r\n]*)(\r\n|\r|\n|$)", source):
        if m.start() == len(source) and not m.group(0):
            break
        number += 1
        raw = m.group(1)
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            start = m.start(1) + lead
            lines.append(Line(number, start, start + len(stripped), stripped))
    return lines
