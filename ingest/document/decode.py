"""Bytes to text. Chinese government sites still serve GB18030/GBK, so UTF-8 is not assumed."""
import codecs
import re

from ..errors import CorpusError
from .lines import source_lines

# Limits that no policy document comes near; a file past them is a scrape gone wrong (a whole site, a
# minified page), and processing it would only stall the build.
MAX_DOCUMENT_BYTES = 10_000_000
MAX_LINE_CHARS = 100_000
# Control characters other than tab, LF, form feed and CR do not occur in prose; many of them mean binary input.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def decode_bytes(data: bytes, path) -> str:
    """Decode a document: BOM first, then strict UTF-8, then strict GB18030; otherwise a CorpusError."""
    if not data.strip():
        raise CorpusError(path, "the file is empty")
    if len(data) > MAX_DOCUMENT_BYTES:
        raise CorpusError(path, f"the file is {len(data) / 1e6:.1f} MB; documents are limited to {MAX_DOCUMENT_BYTES / 1e6:.0f} MB")
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return _check_text(_strict(data[len(bom):], encoding, path), path)
    for encoding in ("utf-8", "gb18030"):
        try:
            return _check_text(data.decode(encoding), path)
        except UnicodeDecodeError:
            continue
    raise CorpusError(path, "cannot decode: not UTF-8, UTF-16 with a BOM, or GB18030/GBK")


def _strict(data, encoding, path):
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise CorpusError(path, f"not valid {encoding} despite its byte-order mark (byte {e.start})")


def _check_text(text, path):
    first = _CONTROL.search(text)  # anywhere in the file: later stages take text to hold none
    if first:
        line = len(source_lines(text[: first.start()]))
        raise CorpusError(path, f"looks like a binary file ({len(_CONTROL.findall(text))} control characters)", line=line)
    if not text.strip():
        raise CorpusError(path, "the file has no text")
    # The lines the pipeline splits (at \r and \n only): a line that splitlines() would cut at U+2028 is one line there.
    for number, line in enumerate(source_lines(text), start=1):
        if len(line) > MAX_LINE_CHARS:
            raise CorpusError(path, f"line {number} is {len(line):,} characters long (the limit is {MAX_LINE_CHARS:,}): "
                                    "not prose, or not split into lines", line=number)
    return text
