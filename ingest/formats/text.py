"""Plain-text files: decoded as the build always has, the text unchanged."""
from ..document.decode import decode_bytes
from ..document.lines import split_lines
from .model import LineInfo, TextModel


def read_text(data: bytes, path) -> TextModel:
    """The decoded file as it is; a line per non-blank line of the file, with nothing said of its kind."""
    text = decode_bytes(data, path)
    lines = tuple(LineInfo(ln.start, ln.end, None, None, None) for ln in split_lines(text))
    return TextModel(text, "text", lines, (), {})
