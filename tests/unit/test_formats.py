"""Corpus files as people save them (ingest/formats/): every fixture in tests/fixtures/formats/docs/ read into the
TextModel and compared with its hand-written gold (tests/fixtures/formats/gold/, see the README there), the
contract's invariants, the same notice saved four ways, and files that are not documents.

Every expected value comes from the gold or from reading the fixture files, never from the readers' output."""
import functools
import io
import random
import re
import time
import zipfile
from pathlib import Path

import pytest
import yaml

from ingest.errors import CorpusError
from ingest.formats import KINDS, read_document, sniff_format

FORMATS_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "formats"
DOCS = FORMATS_DIR / "docs"
GOLD = FORMATS_DIR / "gold"
NAMES = sorted(p.name for p in DOCS.iterdir())
FORMAT_OF_SUFFIX = {".txt": "text", ".html": "html", ".pdf": "pdf", ".docx": "docx"}

# Lines that may hold a gold `not_text` string although they are neither the title nor the 发文字号: text
# printed once in the body of the first page, which no structure marks as furniture. The 公文 masthead (版头,
# red and large above the 发文字号) and the report's byline under its title are the document stage's to judge
# (GB/T 9704 elements, chrome rules); their running-header copies on later pages are left out by the reader.
KEPT_FOR_THE_DOCUMENT_STAGE = {
    "pdf-zh-notice.pdf": {"江苏省知识产权局文件"},
    "pdf-en-report.pdf": {"Eastern Region IP Services Association | Research Series No. 12 | June 2025"},
}

# Headings the fixtures mark up as headings (read from the files): <h1>-<h6> in HTML, Word's heading styles in
# .docx (the gold's level is the style's), and in PDFs the heading type (bold or larger than the text).
# same-notice.docx prints its headings as bold Normal paragraphs, and the other pages put them in <strong>.
HTML_HEADINGS = {"english-news.html": {"Exam numbers rise": 2}}
STYLED_DOCX = {"docx-zh-plan.docx", "docx-en-guidance.docx"}


@functools.cache
def gold(name):
    return yaml.safe_load((GOLD / f"{name}.yml").read_text(encoding="utf-8"))


@functools.cache
def model(name):
    return read_document(DOCS / name)


def line_texts(m):
    return [m.text[ln.start:ln.end] for ln in m.lines]


def cells(row):
    """A `cell | cell |` line's cells: drop the last bar, split at the others."""
    return [c.strip() for c in row.rstrip().removesuffix("|").split("|")]


def is_row(m, ln):
    return ln.kind == "table_row" if m.format != "text" else "|" in m.text[ln.start:ln.end]


# -- the contract --------------------------------------------------------------------------------------------

def test_every_fixture_has_gold():
    assert NAMES and sorted(p.name.removesuffix(".yml") for p in GOLD.iterdir()) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_the_format_is_recognised_from_the_content(name):
    assert model(name).format == FORMAT_OF_SUFFIX[Path(name).suffix]
    assert gold(name)["format"] == {"text": "txt"}.get(model(name).format, model(name).format)


@pytest.mark.parametrize("name", NAMES)
def test_lines_and_links_point_exactly_into_the_text(name):
    m = model(name)
    nonblank = [s.strip() for s in re.split(r"\r\n|\r|\n", m.text) if s.strip()]
    assert line_texts(m) == nonblank  # one LineInfo per line that holds text, in order
    previous_end = -1
    for ln in m.lines:
        text = m.text[ln.start:ln.end]
        assert text == text.strip() and text and "\n" not in text
        assert ln.start > previous_end
        previous_end = ln.end
        if m.format == "text":
            assert (ln.kind, ln.level, ln.page) == (None, None, None)
        else:
            assert ln.kind in KINDS
            assert ln.level is None or (ln.kind == "heading" and 1 <= ln.level <= 6)
            assert (ln.page is not None) == (m.format == "pdf")
            assert ln.page is None or ln.page >= 1
    spans = [(ln.start, ln.end) for ln in m.lines]
    for link in m.links:
        assert m.text[link.start:link.end] == link.text and link.text.strip() == link.text
        assert any(a <= link.start and link.end <= b for a, b in spans)
    assert [link.start for link in m.links] == sorted(link.start for link in m.links)


def test_a_text_file_is_the_decoded_file_unchanged():
    path = DOCS / "same-notice.txt"
    assert model("same-notice.txt").text == path.read_bytes().decode("utf-8")
    assert model("same-notice.txt").meta == {} and model("same-notice.txt").links == ()


@pytest.mark.parametrize("name", NAMES)
def test_no_markup_and_no_entities(name):
    text = model(name).text
    assert not re.search(r"<[A-Za-z/!?][^>]*>", text)
    assert not re.search(r"&(?:[A-Za-z]+|#\d+|#x[0-9a-fA-F]+);", text)


# -- against the gold ----------------------------------------------------------------------------------------

def locate(m, clauses):
    """The line of each clause, found in order: a clause lies inside one paragraph line (not a table row), after
    the clause before it."""
    paragraphs = [ln for ln in m.lines if not is_row(m, ln)]
    found, i, pos = [], 0, 0
    for clause in clauses:
        while i < len(paragraphs) and m.text[paragraphs[i].start:paragraphs[i].end].find(clause, pos) < 0:
            i, pos = i + 1, 0
        assert i < len(paragraphs), f"clause not found in order: {clause!r}"
        pos = m.text[paragraphs[i].start:paragraphs[i].end].find(clause, pos) + len(clause)
        found.append(paragraphs[i])
    return found


@pytest.mark.parametrize("name", NAMES)
def test_the_gold_clauses_are_in_the_paragraphs_in_order(name):
    assert len(locate(model(name), gold(name)["clauses"])) == len(gold(name)["clauses"])


@pytest.mark.parametrize("name", NAMES)
def test_pdf_lines_start_on_the_gold_pages(name):
    g = gold(name)
    if "pages" not in g:
        assert all(ln.page is None for ln in model(name).lines)
        return
    assert len(g["pages"]) == len(g["clauses"])
    # A line's page is the page its paragraph starts on; no gold clause starts on a later page than the
    # paragraph that holds it, so each clause's page is its line's.
    assert [ln.page for ln in locate(model(name), g["clauses"])] == g["pages"]


@pytest.mark.parametrize("name", NAMES)
def test_the_title_stands_on_a_line_of_its_own_before_the_text(name):
    m, g = model(name), gold(name)
    texts = line_texts(m)
    first_clause = next(i for i, t in enumerate(texts) if g["clauses"][0] in t)
    assert g["title"] in texts[:first_clause]
    if m.format != "pdf":
        assert texts[0] == g["title"]
    title_line = m.lines[texts.index(g["title"])]
    marked = m.format in ("html", "pdf") or name in STYLED_DOCX  # same-notice.docx: a bold Normal paragraph
    assert (title_line.kind == "heading") == marked


@pytest.mark.parametrize("name", NAMES)
def test_the_gold_headings_in_order(name):
    m, g = model(name), gold(name)
    texts = line_texts(m)
    i = 0
    for h in g["headings"]:
        # The marker as printed, then the heading (English markers are followed by a space: "I. Summary").
        printed = re.compile(re.escape(h["number"] or "") + r"\s?" + re.escape(h["text"]))
        while i < len(texts) and not printed.match(texts[i]):
            i += 1
        assert i < len(texts), f"heading not found in order: {printed.pattern!r}"
        ln, standalone = m.lines[i], printed.fullmatch(texts[i].rstrip("。.")) is not None
        if name in STYLED_DOCX:
            assert (ln.kind, ln.level) == ("heading", h["level"])
        elif name in HTML_HEADINGS:
            assert (ln.kind, ln.level) == ("heading", HTML_HEADINGS[name][h["text"]])
        elif m.format == "pdf":
            # Stand-alone headings are set in the heading type; run-in ones ((一)专利申请文件撰写。重点…) are not.
            assert (ln.kind, ln.level) == (("heading" if standalone else "paragraph"), None)
        elif m.format in ("html", "docx"):
            assert (ln.kind, ln.level) == ("paragraph", None)
        i += 1


@pytest.mark.parametrize("name", NAMES)
def test_tables_are_rows_with_the_right_cells(name):
    m = model(name)
    rows = [cells(m.text[ln.start:ln.end]) for ln in m.lines if is_row(m, ln)]
    expected = [row for table in gold(name)["tables"] for row in table]
    assert rows == expected
    for table in gold(name)["tables"]:  # each table's rows are consecutive lines, set off as one block
        first = next(i for i, ln in enumerate(m.lines) if is_row(m, ln)
                     and cells(m.text[ln.start:ln.end]) == table[0])
        block = m.lines[first:first + len(table)]
        assert [cells(m.text[ln.start:ln.end]) for ln in block] == table
        between = [m.text[a.end:b.start] for a, b in zip(block, block[1:])]
        assert all(gap == "\n" for gap in between)


@pytest.mark.parametrize("name", NAMES)
def test_links_are_the_gold_links(name):
    m = model(name)
    assert [{"text": link.text, "href": link.href} for link in m.links] == gold(name)["links"]


@pytest.mark.parametrize("name", NAMES)
def test_meta_is_what_the_file_says_of_itself(name):
    m, g = model(name), gold(name)["meta"]
    expected = {}
    if "title" in g:
        expected["title"] = g["title"]
    if "date" in g:
        expected["publication_date"] = str(g["date"])
    if "canonical" in g:
        expected["canonical_url"] = g["canonical"]
    assert m.meta == expected
    if "published_time" in g:
        assert g["published_time"].startswith(m.meta["publication_date"])


@pytest.mark.parametrize("name", NAMES)
def test_no_page_chrome_in_the_text(name):
    m, g = model(name), gold(name)
    allowed = {g["title"], g.get("doc_number")} | KEPT_FOR_THE_DOCUMENT_STAGE.get(name, set())
    for text in line_texts(m):
        if text in allowed:
            continue
        for chrome in g["not_text"]:
            assert chrome not in text, f"{chrome!r} in {text!r}"


def test_the_kept_lines_are_really_there():
    """The exceptions above are lines of the text as listed, so that the list cannot go stale."""
    for name, kept in KEPT_FOR_THE_DOCUMENT_STAGE.items():
        assert kept <= set(line_texts(model(name)))


@pytest.mark.parametrize("name", ["docx-zh-plan.docx", "docx-en-guidance.docx"])
def test_word_lists_are_list_items_without_their_numbers(name):
    m, g = model(name), gold(name)
    items = [m.text[ln.start:ln.end] for ln in m.lines if ln.kind == "list_item"]
    # Word draws the numbers and bullets; they are not in the text (a line "1. …" would read as a heading).
    assert items == [item["text"] for item in g["list_items"]]


# -- one notice, four formats ------------------------------------------------------------------------------

SAME_NOTICE = ["same-notice.txt", "same-notice.html", "same-notice.pdf", "same-notice.docx"]


def test_the_same_notice_gives_the_same_lines_in_every_format():
    """Every format gives the same lines: title, 发文字号, paragraphs, table rows, signature and date.
    What the formats cannot all carry is exactly this: links (.txt and .pdf have none), page numbers (.pdf
    only), what a line is (a .txt says nothing; the .docx has no heading styles, so only its table rows are
    marked; the page marks its title as <h1>; the PDF sets title and headings in a heading type), and meta (the
    .txt says nothing of itself, the page gives its date)."""
    models = {name: model(name) for name in SAME_NOTICE}
    sequences = {name: line_texts(m) for name, m in models.items()}
    assert sequences["same-notice.html"] == sequences["same-notice.txt"]
    assert sequences["same-notice.pdf"] == sequences["same-notice.txt"]
    assert sequences["same-notice.docx"] == sequences["same-notice.txt"]

    link = [("广东省知识产权公共服务平台", "https://ggfw.gd.example.cn/train/2025/")]
    assert [(k.text, k.href) for k in models["same-notice.html"].links] == link
    assert [(k.text, k.href) for k in models["same-notice.docx"].links] == link
    assert models["same-notice.txt"].links == models["same-notice.pdf"].links == ()

    pages = [ln.page for ln in models["same-notice.pdf"].lines]
    assert pages == [1] * 14 + [2] * 5  # 联系人 opens page 2 (read from the PDF)
    for name in ("same-notice.txt", "same-notice.html", "same-notice.docx"):
        assert {ln.page for ln in models[name].lines} == {None}

    kinds = {name: [ln.kind for ln in m.lines] for name, m in models.items()}
    rows = ["table_row"] * 4
    assert kinds["same-notice.txt"] == [None] * 19
    assert kinds["same-notice.docx"] == ["paragraph"] * 8 + rows + ["paragraph"] * 7
    assert kinds["same-notice.html"] == ["heading"] + ["paragraph"] * 7 + rows + ["paragraph"] * 7
    heading, text = "heading", "paragraph"
    assert kinds["same-notice.pdf"] == [heading, text, text, text, heading, text, heading, text, *rows,
                                        heading, text, text, text, text, text, text]

    title = "广东省知识产权局关于举办2025年涉外专利代理人才英语实务培训班的通知"
    assert models["same-notice.txt"].meta == {}
    assert models["same-notice.html"].meta == {"title": title, "publication_date": "2025-08-08"}
    assert models["same-notice.pdf"].meta == models["same-notice.docx"].meta == {"title": title}


# -- recognising formats, and files that are not documents ----------------------------------------------------

def zip_bytes(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, content in members.items():
            z.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize("data, expected", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "pdf"),
    (b"junk before the header is allowed\n%PDF-1.4\n", "pdf"),
    (b"<!DOCTYPE html>\n<html><body>x</body></html>", "html"),
    (b"\xef\xbb\xbf\n  <HTML>\n<BODY>x</BODY></HTML>", "html"),
    (b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- saved -->\n<!doctype html><html>", "html"),
    ("\ufeff<html>".encode("utf-16-le").replace(b"\xff\xfe\xff\xfe", b"\xff\xfe"), "html"),
    ("关于<html>标签的说明：网页以 <html> 开头。".encode("utf-8"), "text"),
    (b"<htmlish>not a page", "text"),
    (b"Plain English text.", "text"),
    (zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}), "docx"),
])
def test_sniff_format(data, expected):
    assert sniff_format(data, "x") == expected


def pdf_bytes(objects, trailer_extra=b""):
    """A small PDF with a correct cross-reference table, from the objects' bodies (numbered from 1)."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer_extra, xref)
    return bytes(out)


ONE_PAGE = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R "
    b"/Resources << /Font << /F1 5 0 R >> >> >>",
    b"<< /Length 44 >>\nstream\nBT /F1 12 Tf 20 100 Td (A short text.) Tj ET\nendstream",
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
]
# Encrypted with the standard security handler; /U matches no password, so the file cannot be opened.
ENCRYPTED = pdf_bytes(ONE_PAGE + [b"<< /Filter /Standard /V 1 /R 2 /P -4 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >>"],
                      b"/Encrypt 6 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" \
      b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"


def bad_files():
    zh_pdf = (DOCS / "pdf-zh-notice.pdf").read_bytes()
    docx = (DOCS / "same-notice.docx").read_bytes()
    broken_docx = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(broken_docx, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            dst.writestr(item, body[: len(body) // 2] if item.filename == "word/document.xml" else body)
    return {
        "truncated.pdf": (zh_pdf[: len(zh_pdf) // 2], "truncated"),
        "random.pdf": (random.Random(25).randbytes(20_000), "cannot decode"),  # no %PDF-: read as text
        "header-only.pdf": (b"%PDF-1.7\n" + random.Random(7).randbytes(5_000) + b"\n%%EOF\n", "PDF"),
        "encrypted.pdf": (ENCRYPTED, "encrypted"),
        "spreadsheet.docx": (zip_bytes({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"}), "Excel"),
        "archive.docx": (zip_bytes({"notes.txt": "hello"}), "zip archive"),
        "broken.docx": (broken_docx.getvalue(), "Word document"),
        "cut.docx": (docx[: len(docx) // 2], "zip"),
        "image.png": (PNG, "PNG image"),
        "scan.pdf": (pdf_bytes(ONE_PAGE[:3] + [b"<< /Length 0 >>\nstream\n\nendstream"]), "no text layer"),
        "empty.html": (b"<!DOCTYPE html><html><head><title></title></head><body><nav>Home</nav></body></html>", "no text"),
        "old.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000), "legacy Office"),
        "empty.txt": (b" \n\n ", "empty"),
    }


@pytest.mark.parametrize("filename", list(bad_files()))
def test_a_file_that_is_not_a_readable_document_is_a_corpus_error_naming_it(tmp_path, filename):
    data, reason = bad_files()[filename]
    path = tmp_path / filename
    path.write_bytes(data)
    started = time.perf_counter()
    with pytest.raises(CorpusError) as error:
        read_document(path)
    assert time.perf_counter() - started < 5
    assert error.value.path == str(path) and str(path) in str(error.value)
    assert reason in error.value.message


def test_a_readable_small_pdf_is_read(tmp_path):
    """The hand-made PDF the bad files are cut from is itself a good file (so the errors above are the cuts')."""
    path = tmp_path / "good.pdf"
    path.write_bytes(pdf_bytes(ONE_PAGE))
    m = read_document(path)
    assert (m.text, m.format, [ln.page for ln in m.lines]) == ("A short text.", "pdf", [1])


# -- HTML: details the fixtures do not all show -------------------------------------------------------------

def read_html(tmp_path, data):
    path = tmp_path / "page.html"
    path.write_bytes(data)
    return read_document(path)


def test_html_charset_from_http_equiv_and_without_any_declaration(tmp_path):
    page = "<html><head><meta http-equiv='Content-Type' content='text/html; charset=GBK'></head>" \
           "<body><p>专利代理师“先上岗、再考证”。</p></body></html>"
    assert read_html(tmp_path, page.encode("gbk")).text == "专利代理师“先上岗、再考证”。"
    undeclared = "<html><body><p>知识产权服务业吸纳高校毕业生就业。</p></body></html>".encode("gb18030")
    assert read_html(tmp_path, undeclared).text == "知识产权服务业吸纳高校毕业生就业。"


def test_html_white_space_br_and_entities(tmp_path):
    page = ("<html><body><div class='content'><p>第一段落的文字\n在源文件里换行，\n"
            "English words\nwrapped&nbsp;too.</p><p>甲<br>乙 &amp;nbsp;丙&lt;丁&gt;</p>"
            "<p style='display:none'>隐藏的文字</p><p hidden>也隐藏</p></div></body></html>")
    m = read_html(tmp_path, page.encode("utf-8"))
    assert line_texts(m) == ["第一段落的文字在源文件里换行，English words wrapped too.", "甲", "乙 丙<丁>"]
    assert m.text.index("乙") - m.text.index("甲") == 2  # a <br> breaks the line inside one block


def test_html_tables_keep_cells_in_their_columns(tmp_path):
    page = ("<html><body><div><p>下表列出指标。</p><table>"
            "<tr><th>类别</th><th>指标</th><th>2025年</th></tr>"
            "<tr><td rowspan='2'>人才</td><td>专利代理师（人）</td><td>3000</td></tr>"
            "<tr><td>培训（万人次）</td><td><a href='/t'>10</a></td></tr>"
            "<tr><td colspan='2'>合计</td><td>a|b</td></tr></table></div></body></html>")
    m = read_html(tmp_path, page.encode("utf-8"))
    rows = [cells(t) for t in line_texts(m)[1:]]
    assert rows == [["类别", "指标", "2025年"], ["人才", "专利代理师（人）", "3000"], ["", "培训（万人次）", "10"],
                    ["合计", "", "a｜b"]]
    assert [(k.text, k.href) for k in m.links] == [("10", "/t")]


def test_html_deep_nesting_is_read_or_named(tmp_path):
    """libxml2 drops what is nested deeper than 255 elements unless told otherwise; deeper still than our
    reader can recurse, the page is a CorpusError, not a traceback."""
    deep = "<html><body>" + "<div>" * 300 + "<p>深层的文字。</p>" + "</div>" * 300 + "</body></html>"
    assert read_html(tmp_path, deep.encode("utf-8")).text == "深层的文字。"
    deeper = deep.replace("<div>" * 300, "<div>" * 3000).replace("</div>" * 300, "</div>" * 3000)
    with pytest.raises(CorpusError, match="too deeply"):
        read_html(tmp_path, deeper.encode("utf-8"))


def test_html_links_only_real_ones(tmp_path):
    page = ("<html><body><div><p>见<a href='javascript:void(0)'>这里</a>和<a href='#top'>顶部</a>，"
            "以及<a href=' https://example.cn/a '>《<b>办法</b>》</a>。</p></div></body></html>")
    m = read_html(tmp_path, page.encode("utf-8"))
    assert [(k.text, k.href) for k in m.links] == [("《办法》", "https://example.cn/a")]


# -- PDF: joining lines ------------------------------------------------------------------------------------

@pytest.mark.parametrize("left, right, joined", [
    ("recently hired gradu-", "ates.", "recently hired graduates."),
    ("in the full-", "time curricula", "in the full-time curricula"),
    ("from 2020-", "2025", "from 2020-2025"),
    ("a state-of-the-", "art method", "a state-of-the-art method"),
    ("Sino-", "European", "Sino-European"),
    ("帮助新", "入行的高校毕业生", "帮助新入行的高校毕业生"),
    ("现将有关事项通知", "如下：", "现将有关事项通知如下："),
    ("电子邮箱：", "pxb@example.gov.cn。", "电子邮箱：pxb@example.gov.cn。"),
    ("registered patent", "agents", "registered patent agents"),
    ("定于2025", "年9月", "定于2025年9月"),
])
def test_pdf_line_joins(left, right, joined):
    from ingest.formats.pdf import _join
    assert _join(left, right, vocabulary=set()) == joined


def test_pdf_the_document_spells_its_own_compounds():
    from ingest.formats.pdf import _join
    assert _join("the work-", "load", vocabulary={"work-load"}) == "the work-load"
    assert _join("a part-", "time job", vocabulary=set()) == "a part-time job"


# -- DOCX: what Word keeps outside plain runs ---------------------------------------------------------------

def test_docx_field_hyperlinks_tracked_changes_and_numbering(tmp_path):
    import docx
    from lxml import etree

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = docx.Document()
    paragraph = document.add_paragraph("见")
    runs = (f'<w:root xmlns:w="{w}"><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.cn/f" </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>办法全文</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            '<w:ins w:id="1" w:author="a"><w:r><w:t>（新增）</w:t></w:r></w:ins>'
            '<w:del w:id="2" w:author="a"><w:r><w:delText>删掉的</w:delText></w:r></w:del>'
            '<w:r><w:t>。</w:t></w:r></w:root>')
    for run in etree.fromstring(runs):
        paragraph._p.append(run)
    item = document.add_paragraph("第一项")
    item._p.get_or_add_pPr().append(etree.fromstring(
        f'<w:numPr xmlns:w="{w}"><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'))
    document.add_heading("章节", level=3)
    path = tmp_path / "made.docx"
    document.save(path)
    m = read_document(path)
    assert m.text == "见办法全文（新增）。\n\n第一项\n\n章节"
    assert [(ln.kind, ln.level) for ln in m.lines] == [("paragraph", None), ("list_item", None), ("heading", 3)]
    assert [(k.text, k.href) for k in m.links] == [("办法全文", "https://example.cn/f")]
