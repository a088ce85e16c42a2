"""Corpus files as people save them (issue 25): plain text, web pages, PDF and Word files, all read into one
TextModel (see model.py) that the document parser takes from there.

The format is recognised from the bytes, never from the file name: a PDF starts with `%PDF-` (within its first
kilobyte, as readers allow), a .docx is a zip that holds word/document.xml, a web page starts with `<html` or
`<!doctype html` (after a byte-order mark, white space, an XML declaration or comments), and anything else is
read as text as the build always has (decode_bytes). Files of other kinds (a spreadsheet, an image, a legacy
.doc) and files a reader cannot read (encrypted, broken) raise a CorpusError that names the file.
"""
import io
import re
import zipfile
from pathlib import Path

from ..document.decode import MAX_DOCUMENT_BYTES
from ..errors import CorpusError
from .model import FORMATS, KINDS, LineInfo, Link, TextModel

__all__ = ["read_document", "sniff_format", "TextModel", "LineInfo", "Link", "FORMATS", "KINDS"]

_HTML_START = re.compile(rb"^(?:\s|<\?xml[^>]*>|<!--.*?-->)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)
# Kinds of file that are not documents, by their first bytes: named in the error.
_OTHER_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"BM", None),  # too short a signature to trust alone: left to the text decoder
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Office file (.doc, .xls, .wps): save it as .docx"),
    (b"{\\rtf", "an RTF file: save it as .docx"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x1f\x8b", "a gzip file"),
    (b"OggS", "an audio file"),
    (b"ID3", "an MP3 file"),
    (b"RIFF", "a RIFF file (WebP image, WAV or AVI)"),
)


def sniff_format(data: bytes, path) -> str:
    """text | html | pdf | docx, from the file's bytes; a CorpusError for any kind of file we do not read."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _sniff_zip(data, path)
    for magic, what in _OTHER_MAGIC:
        if what and data.startswith(magic):
            raise CorpusError(path, f"this is {what}, not a document the build reads (text, HTML, PDF, .docx)")
    head = data[:4096]
    for bom, encoding in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            head = head[2:].decode(encoding, "replace").encode("utf-8")
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if _HTML_START.match(head):
        return "html"
    return "text"


def _sniff_zip(data, path):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as e:
        raise CorpusError(path, f"a broken zip archive (a damaged .docx?): {e}") from None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        what = "an Excel workbook (.xlsx)"
    elif "ppt/presentation.xml" in names:
        what = "a PowerPoint file (.pptx)"
    elif "content.xml" in names:
        what = "an OpenDocument file (.odt, .ods): save it as .docx"
    else:
        what = "a zip archive"
    raise CorpusError(path, f"this is {what}, not a Word .docx (it holds no word/document.xml)")


def read_document(path, data: bytes | None = None) -> TextModel:
    """Read one corpus file (its bytes, when the caller has read them already) into a TextModel."""
    if data is None:
        try:
            data = Path(path).read_bytes()
        except OSError as e:
            raise CorpusError(path, f"cannot read the file: {e.strerror or e}") from None
    if len(data) > MAX_DOCUMENT_BYTES:
        raise CorpusError(path, f"the file is {len(data) / 1e6:.1f} MB; documents are limited to "
                                f"{MAX_DOCUMENT_BYTES / 1e6:.0f} MB")
    if not data.strip():
        raise CorpusError(path, "the file is empty")
    kind = sniff_format(data, path)
    if kind == "pdf":
        from .pdf import read_pdf
        return read_pdf(data, path)
    if kind == "docx":
        from .docx import read_docx
        return read_docx(data, path)
    if kind == "html":
        from .html import read_html
        return read_html(data, path)
    from .text import read_text
    return read_text(data, path)
