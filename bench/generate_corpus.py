"""Generate a synthetic corpus for benchmarks by recombining the clauses of the real corpus.

    python bench/generate_corpus.py --out DIR --documents N [--seed S] [--target-mb M]

The output is a corpus folder the build accepts as it is: DIR/manifest.yml, one DIR/<id>.<lang>.txt
per document and copies of the curated data files. The same seed and document count always give
byte-identical output: every random choice comes from random.Random(seed + document index).
"""
import argparse
import datetime
import json
import random
import re
import shutil
import sys
import time
from pathlib import Path
from typing import NamedTuple

from ingest.corpusfiles import CHROME, CURATED, MANIFEST, REPOSITORY_CORPUS
from ingest.document.chrome import line_rule, load_chrome_rules
from ingest.document.parse import parse_document, read_source
from ingest.errors import CorpusError
from ingest.manifest import load_manifest

CORPUS_DIR = Path(__file__).resolve().parent.parent / "corpus"
# The first line of every manifest this script writes; only a folder holding one may be overwritten.
MANIFEST_MARKER = "# Synthetic benchmark corpus written by bench/generate_corpus.py: safe to delete."
DOCUMENT_FILE = re.compile(r"^syn-\d+\.(zh|en)\.txt$")
DEFAULT_DOCUMENT_BYTES = 10_000
BYTES_PER_MB = 1_000_000
LANGUAGES = ("zh", "en")
DOC_TYPES = ("notice", "plan", "news")
MIN_YEAR, MAX_YEAR = 2015, 2030
# Years in seed clauses move by (document year - ANCHOR_YEAR), so a document's text stays near its own date.
ANCHOR_YEAR = 2021
CLAUSES_PER_SECTION = 10
MAX_SECTIONS = 20  # XX. is the last Roman numeral the heading rule ([IVX]{1,5}) is sure to read
CLAUSE_SEPARATOR = {"zh": "", "en": " "}
LINE_BREAK = {"zh": "\n\n", "en": "\n"}  # the real Chinese page has blank lines between paragraphs
TABLE_CHANCE = {"plan": 0.5, "notice": 0.1, "news": 0.1}

# A number as printed: 1,512 / 3.5 / 2020 / 010.
NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b")
# A clause that ends a sentence; others (signature lines, bare dates) read badly inside a paragraph.
SENTENCE_END = re.compile(r"[。！？；：.!?;:][”’\"'」』）)】]*$")
TRAILING_PUNCTUATION = re.compile(r"[。！？；：，.!?;:,\s]+$")
# A heading must be one sentence, or the structure finder reads it as a paragraph.
INNER_SENTENCE_END = re.compile(r"[。！？.!?]\s*\S")
DOC_NUMBER_PARTS = re.compile(r"^(\S+?)[〔\[［(（]\d{4}[〕\]］)）]\s*\d+\s*号$")

EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
ZH_DIGITS = "一二三四五六七八九"
# A day of the month follows a month name: April 22, Jul. 3.
EN_MONTH_BEFORE = re.compile(
    r"\b(?:" + "|".join(EN_MONTHS) + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+$"
)
ROMAN = (("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))

# Page chrome of the kinds the real saved pages carry, so the chrome stripper has work to do.
ZH_NAV = (
    ("政务", "概况 | 信息公开 | 新闻发布 | 代理管理 | 政策法规", "国际合作 | 执法维权 | 统计信息 | 文献服务"),
    ("互动", "局领导信箱 | 意见征求 | 访谈直播", "教育培训 | 网上信访 | 视频点播"),
    ("服务", "• 政务服务平台", "• 公共服务网"),
)
ZH_BREADCRUMB = {"notice": "您现在的位置：首页 > 工作通知", "plan": "您现在的位置：首页 > 政策法规",
                 "news": "您现在的位置：首页 > 新闻发布"}
ZH_PAGE_END = (("打印", "关闭窗口"), ("【打印本页】 【关闭窗口】",))
ZH_FOOTER = (
    "联系我们 | 网站地图 | 版权声明 | 信息量统计 |",
    "主办单位：国家知识产权局 | 网站管理：国家知识产权局办公室 | 网站维护：知识产权出版社",
    "版权所有：国家知识产权局 京ICP备05069085号 网站标识码：bm38000007",
    "微信二维码",
)
EN_FOOTER = (
    ("<< : No more!", ">> : {other} |", "Back to List |", "Website", "Wechat ID"),
    ("<< : No more!", "Back to List |"),
    ("(Source: {issuer})", "[ad_2]"),
    ("(Source: {issuer})", "(Edit: Jiang Shuo)"),
)


class OutputDirError(Exception):
    """The output folder cannot be written safely."""


class Template(NamedTuple):
    """A seed text cut at its numbers: literal pieces between (kind, printed) slots."""
    pieces: tuple  # literal strings, one more than slots
    slots: tuple  # ("year" | "month" | "day" | "number", printed number)


class Seeds(NamedTuple):
    """What the generator recombines, per language."""
    clauses: dict  # language -> [Template]
    headings: dict  # language -> [Template]: real section headings and short sentences
    titles: dict  # language -> [Template]: real section headings only, which read well in a title
    issuers: dict  # (language, "news" | "official") -> [str]
    doc_number_prefixes: dict  # language -> [str], e.g. 国知发运函字
    indicators: list  # (name, unit, value as printed, attribute, target year) from the real tables
    clause_bytes: dict  # language -> mean UTF-8 bytes of a clause with its separator


class Output(NamedTuple):
    """One generated document."""
    entry: dict
    text: str
    clauses: int
    tables: int


def parse_template(text: str) -> Template:
    """Cut a seed text at its numbers, classifying each as a year, month, day or plain quantity."""
    pieces, slots, last = [], [], 0
    for m in NUMBER.finditer(text):
        kind = classify_number(text, m)
        if kind is None:
            continue
        pieces.append(text[last:m.start()])
        slots.append((kind, m.group(0)))
        last = m.end()
    pieces.append(text[last:])
    return Template(tuple(pieces), tuple(slots))


def classify_number(text, m):
    """The kind of number a match is, or None to leave it as printed (ordinals: 14th Five-Year Plan)."""
    printed, after = m.group(0), text[m.end():]
    if ORDINAL_SUFFIX.match(after):
        return None
    if printed.isdigit() and len(printed) == 4 and 1980 <= int(printed) <= 2049:
        return "year"
    if after[:1] == "月" and printed.isdigit() and 1 <= int(printed) <= 12:
        return "month"
    if printed.isdigit() and int(printed) <= 31 and (after[:1] == "日" or EN_MONTH_BEFORE.search(text[:m.start()])):
        return "day"
    return "number"


def render_template(template: Template, rng, shift_year) -> str:
    """The seed text with its numbers varied: years shifted, other numbers redrawn to a similar size."""
    if not template.slots:
        return template.pieces[0]
    out = [template.pieces[0]]
    for (kind, printed), piece in zip(template.slots, template.pieces[1:]):
        out.append(vary_number(kind, printed, rng, shift_year))
        out.append(piece)
    return "".join(out)


def vary_number(kind, printed, rng, shift_year):
    """Another plausible number of the same kind, printed the same way (thousands separators, decimals)."""
    if kind == "year":
        return str(shift_year(int(printed)))
    if kind in ("month", "day"):
        value = rng.randint(1, 12 if kind == "month" else 28)
        return f"{value:02d}" if printed.startswith("0") else str(value)
    whole, _, fraction = printed.partition(".")
    digits = whole.replace(",", "")
    if len(digits) > 1 and digits.startswith("0"):
        # A code or telephone number: keep its length and leading zero.
        return "0" + "".join(str(rng.randrange(10)) for _ in digits[1:]) + (f".{fraction}" if fraction else "")
    value = float(printed.replace(",", ""))
    if value == 0:
        return printed
    new = max(10 ** -len(fraction) if fraction else 1, round(value * rng.uniform(0.5, 1.5), len(fraction)))
    separator = "," if "," in whole else ""
    return f"{new:{separator}.{len(fraction)}f}"


def year_shifter(document_year):
    """A function moving seed years by the same amount throughout one document, kept within 2015-2030.
    Clamping keeps ranges in order (2021-2035 never becomes 2027-2019)."""
    shift = document_year - ANCHOR_YEAR
    return lambda year: min(MAX_YEAR, max(MIN_YEAR, year + shift))


def strip_heading(text: str) -> str:
    """A clause made into a heading: no final punctuation."""
    return TRAILING_PUNCTUATION.sub("", text)


_CHROME_RULES = None


def chrome_reason(text: str):
    """The chrome rule the repository's rules would take this line by, or None."""
    global _CHROME_RULES
    if _CHROME_RULES is None:
        _CHROME_RULES = load_chrome_rules(REPOSITORY_CORPUS / CHROME)
    rule = line_rule(text, _CHROME_RULES)
    return rule and rule.name


def is_usable_clause(text: str) -> bool:
    """A seed clause that stays a clause wherever it is put: a full sentence, not chrome, not a table cell."""
    return bool(SENTENCE_END.search(text)) and "|" not in text and chrome_reason(text) is None


def is_usable_heading(text: str, lang: str) -> bool:
    """A heading the structure finder will read as one once it has a marker in front."""
    limit = 40 if lang == "zh" else 150
    return (
        0 < len(text) <= limit and "|" not in text and not INNER_SENTENCE_END.search(text)
        and chrome_reason(text) is None
    )


def is_short_sentence(text: str, lang: str) -> bool:
    """A sentence short enough to pass for a heading."""
    return len(text) <= 30 if lang == "zh" else len(text.split()) <= 12


def issuer_group(doc_type: str) -> str:
    """News is published by newspapers; everything else is issued by an administration."""
    return "news" if doc_type == "news" else "official"


def load_seeds(corpus_dir=CORPUS_DIR) -> Seeds:
    """Clauses, headings, issuers and indicator rows of the real corpus, grouped by language."""
    clauses = {lang: [] for lang in LANGUAGES}
    headings = {lang: [] for lang in LANGUAGES}
    sentences = {lang: [] for lang in LANGUAGES}
    issuers = {(lang, group): [] for lang in LANGUAGES for group in ("news", "official")}
    prefixes = {lang: [] for lang in LANGUAGES}
    indicators = []
    for entry in load_manifest(corpus_dir):
        lang = entry["language"]
        model, _ = read_source(entry)
        parsed = parse_document(entry, model.text, hints=model.lines)
        usable = [c["text"] for c in parsed["clauses"] if is_usable_clause(c["text"])]
        clauses[lang].extend(usable)
        headings[lang].extend(s["heading"] for s in parsed["sections"] if s["level"] > 0)
        sentences[lang].extend(t for t in usable if is_short_sentence(t, lang))
        issuers[lang, issuer_group(entry["type"])].append(entry["issuer"])
        if entry["doc_number"] and (m := DOC_NUMBER_PARTS.match(entry["doc_number"])):
            prefixes[lang].append(m.group(1))
        indicators.extend(
            (i["indicator"], i["unit_as_printed"], i["value_as_printed"], i["attribute"] or "Anticipation", i["target_year"])
            for i in parsed["indicators"]
        )
    for lang in LANGUAGES:
        if not clauses[lang]:
            raise CorpusError(corpus_dir, f"the corpus has no usable {lang} clauses to recombine")
        headings[lang] = unique_headings(headings[lang], lang)
        sentences[lang] = unique_headings(headings[lang] + sentences[lang], lang)
        if not headings[lang]:
            headings[lang] = sentences[lang]
        # A language with no newspaper (or no administration) in the corpus borrows the other group's issuers.
        for group, other in (("news", "official"), ("official", "news")):
            issuers[lang, group] = list(dict.fromkeys(issuers[lang, group] or issuers[lang, other]))
    return Seeds(
        clauses={lang: [parse_template(t) for t in clauses[lang]] for lang in LANGUAGES},
        headings={lang: [parse_template(t) for t in sentences[lang]] for lang in LANGUAGES},
        titles={lang: [parse_template(t) for t in headings[lang]] for lang in LANGUAGES},
        issuers=issuers,
        doc_number_prefixes={lang: list(dict.fromkeys(prefixes[lang])) for lang in LANGUAGES},
        indicators=indicators,
        clause_bytes={
            lang: sum(len(t.encode()) + len(CLAUSE_SEPARATOR[lang]) for t in clauses[lang]) / len(clauses[lang])
            for lang in LANGUAGES
        },
    )


def unique_headings(texts, lang):
    """Usable headings without final punctuation, each once, in corpus order."""
    return [h for h in dict.fromkeys(strip_heading(t) for t in texts) if is_usable_heading(h, lang)]


def zh_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十 (up to 99)."""
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else ZH_DIGITS[tens - 1] + "十")
    return head + (ZH_DIGITS[units - 1] if units else "")


def roman_numeral(n: int) -> str:
    """1 -> I, 4 -> IV, 19 -> XIX."""
    out = []
    for symbol, value in ROMAN:
        while n >= value:
            out.append(symbol)
            n -= value
    return "".join(out)


def section_marker(lang, level, n):
    """一、 / （一） in Chinese, I. / (1) in English."""
    if lang == "zh":
        return f"{zh_numeral(n)}、" if level == 1 else f"（{zh_numeral(n)}）"
    return f"{roman_numeral(n)}. " if level == 1 else f"({n}) "


def format_zh_date(date):
    """2020年4月23日."""
    return f"{date.year}年{date.month}月{date.day}日"


def format_en_date(date):
    """April 23, 2020."""
    return f"{EN_MONTHS[date.month - 1]} {date.day}, {date.year}"


def build_title(lang, doc_type, heading, issuer, year):
    """A title line in the style of the seed documents' titles."""
    if lang == "zh":
        return {
            "notice": f"{issuer}关于{heading}的通知",
            "plan": f"{heading}实施方案（{year}—{min(MAX_YEAR, year + 5)}年）",
            "news": heading,
        }[doc_type]
    return {
        "notice": f"Notice of the {issuer} on {heading}",
        "plan": f"Plan for {heading} ({year}-{min(MAX_YEAR, year + 5)})",
        "news": heading,
    }[doc_type]


def build_header(lang, doc_type, title, issuer, published, rng):
    """Chrome and title lines that open the page."""
    if lang == "zh":
        lines = [line for group in rng.sample(ZH_NAV, rng.randint(1, len(ZH_NAV))) for line in group]
        lines += [ZH_BREADCRUMB[doc_type], title, f"发布时间：{published.isoformat()}"]
        if rng.random() < 0.5:
            lines.append("大 中 小")
        return lines
    month = EN_MONTHS[published.month - 1][:3]
    return [f"Updated: {month} {published.day:02d},{published.year} Source:{issuer}", title]


def build_footer(lang, rng, issuer, other_title):
    """Chrome lines that close the page: print/close links, next-article links, copyright."""
    if lang == "zh":
        return [*rng.choice(ZH_PAGE_END), *rng.sample(ZH_FOOTER, rng.randint(1, len(ZH_FOOTER)))]
    return [line.format(issuer=issuer, other=other_title) for line in rng.choice(EN_FOOTER)]


def build_indicator_table(seeds, rng, shift_year):
    """An indicator table in the plan's format: a year header and numbered rows with units."""
    available = len(seeds.indicators)
    rows = sorted(rng.sample(range(available), rng.randint(min(3, available), available)))
    target_year = seeds.indicators[rows[0]][4] or ANCHOR_YEAR + 4
    lines = [f"Indicators | {shift_year(target_year)} | Attribute |"]
    for n, i in enumerate(rows, start=1):
        name, unit, value, attribute, _ = seeds.indicators[i]
        label = f"{name} ({unit})" if unit else name
        lines.append(f"{n}. {label} | {vary_number('number', value, rng, shift_year)} | {attribute} |")
    return lines


class BodyWriter:
    """Fills sections with paragraphs of seed clauses until a byte budget is spent."""

    def __init__(self, seeds, lang, rng, shift_year):
        self.seeds, self.lang, self.rng, self.shift_year = seeds, lang, rng, shift_year
        self.separator = CLAUSE_SEPARATOR[lang]
        self.line_break_bytes = len(LINE_BREAK[lang])
        self.lines, self.bytes, self.clauses = [], 0, 0

    def add_line(self, text):
        self.lines.append(text)
        self.bytes += len(text.encode()) + self.line_break_bytes

    def heading(self, level, n, used):
        """A numbered heading whose text is not already used in this document."""
        pool = self.seeds.headings[self.lang]
        template = self.rng.choice(pool)
        for _ in range(3):
            if template not in used:
                break
            template = self.rng.choice(pool)
        used.add(template)
        self.add_line(section_marker(self.lang, level, n) + render_template(template, self.rng, self.shift_year))

    def paragraphs(self, until_bytes):
        """Paragraphs of 2-5 clauses until the body reaches until_bytes (at least one clause)."""
        pool = self.seeds.clauses[self.lang]
        while True:
            size = self.rng.randint(2, 5)
            parts, paragraph_bytes = [], 0
            for _ in range(size):
                parts.append(render_template(self.rng.choice(pool), self.rng, self.shift_year))
                paragraph_bytes += len(parts[-1].encode()) + len(self.separator)
                self.clauses += 1
                if self.bytes + paragraph_bytes >= until_bytes:
                    break
            self.add_line(self.separator.join(parts))
            if self.bytes >= until_bytes:
                return


def build_body(seeds, lang, doc_type, budget, rng, shift_year):
    """Numbered sections and subsections of paragraphs, with the odd indicator table; (lines, clauses, tables)."""
    writer = BodyWriter(seeds, lang, rng, shift_year)
    estimated_clauses = max(1.0, budget / seeds.clause_bytes[lang])
    sections = max(1, min(MAX_SECTIONS, round(estimated_clauses / CLAUSES_PER_SECTION)))
    # Units are (section, subsection or 0); the budget is split evenly between them.
    units = []
    for s in range(1, sections + 1):
        subsections = rng.randint(2, 4) if rng.random() < 0.5 else 0
        units.extend((s, sub) for sub in (range(1, subsections + 1) if subsections else (0,)))
    table_unit = None
    if lang == "en" and seeds.indicators and rng.random() < TABLE_CHANCE[doc_type]:
        table_unit = rng.randrange(len(units))
    used_headings = set()
    for k, (s, sub) in enumerate(units):
        if sub <= 1:
            writer.heading(1, s, used_headings)
        if sub:
            writer.heading(2, sub, used_headings)
        target = budget * (k + 1) / len(units)
        if k == table_unit:
            writer.paragraphs(writer.bytes + 1)  # one short paragraph introduces the table
            for line in build_indicator_table(seeds, rng, shift_year):
                writer.add_line(line)
        writer.paragraphs(target)
    return writer.lines, writer.clauses, int(table_unit is not None)


def build_document(index, seeds, seed, document_bytes, id_width) -> Output:
    """The manifest entry and text of document number index (0-based); a pure function of its arguments."""
    rng = random.Random(seed + index)
    lang, doc_type = LANGUAGES[index % len(LANGUAGES)], DOC_TYPES[index % len(DOC_TYPES)]
    doc_id = f"syn-{index + 1:0{id_width}d}"
    year = rng.randint(MIN_YEAR, MAX_YEAR)
    issued = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
    published = min(issued + datetime.timedelta(days=rng.randint(0, 6)), datetime.date(MAX_YEAR, 12, 31))
    shift_year = year_shifter(year)
    issuer = rng.choice(seeds.issuers[lang, issuer_group(doc_type)])
    heading = render_template(rng.choice(seeds.titles[lang]), rng, shift_year)
    title = build_title(lang, doc_type, heading, issuer, year)
    other_title = render_template(rng.choice(seeds.titles[lang]), rng, shift_year)

    header = build_header(lang, doc_type, title, issuer, published, rng)
    doc_number = None
    if lang == "zh" and doc_type == "notice" and seeds.doc_number_prefixes[lang]:
        doc_number = f"{rng.choice(seeds.doc_number_prefixes[lang])}〔{year}〕{rng.randint(1, 300)}号"
        header.append(doc_number)
    signature = []
    if doc_type == "notice":
        signature = [issuer, format_zh_date(issued) if lang == "zh" else format_en_date(issued)]
    footer = build_footer(lang, rng, issuer, other_title)

    line_break = LINE_BREAK[lang]
    frame_bytes = sum(len(line.encode()) + len(line_break) for line in header + signature + footer)
    budget = max(1, document_bytes * rng.uniform(0.75, 1.25) - frame_bytes)
    body, clauses, tables = build_body(seeds, lang, doc_type, budget, rng, shift_year)
    text = line_break.join(header + body + signature + footer) + "\n"

    entry = {
        "id": doc_id,
        "file": f"{doc_id}.{lang}.txt",
        "title": title,
        "language": lang,
        "type": doc_type,
        "issuer": issuer,
        "doc_number": doc_number,
        "issue_date": issued.isoformat(),
        "publication_date": published.isoformat(),
        "source_name": "synthetic",
        "translation": "original",
    }
    return Output(entry, text, clauses, tables)


def format_entry(entry) -> str:
    """One manifest entry as YAML; strings are JSON-quoted, which YAML reads as double-quoted scalars."""
    lines = []
    for key, value in entry.items():
        if value is None:
            continue
        lines.append(f"{'- ' if not lines else '  '}{key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n\n"


def prepare_out_dir(out_dir: Path):
    """Make out_dir ready: refuse the real corpus and any non-empty folder this script did not write;
    clear the documents of an earlier run, so none is left unlisted."""
    out_dir = Path(out_dir)
    resolved = out_dir.resolve()
    if resolved == CORPUS_DIR or CORPUS_DIR in resolved.parents:
        raise OutputDirError(f"{out_dir} is the real corpus (or inside it): choose another folder")
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputDirError(f"{out_dir} exists and is not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()):
        manifest = out_dir / MANIFEST
        if not (manifest.is_file() and read_first_line(manifest) == MANIFEST_MARKER):
            raise OutputDirError(
                f"{out_dir} is not empty and holds no manifest written by this generator: "
                "refusing to write into it (choose an empty or new folder)"
            )
        for f in sorted(out_dir.iterdir()):
            if f.is_file() and DOCUMENT_FILE.match(f.name):
                f.unlink()
    out_dir.mkdir(parents=True, exist_ok=True)


def read_first_line(path: Path) -> str:
    """The first line of a text file, without its line break."""
    with path.open(encoding="utf-8", errors="replace") as f:
        return f.readline().rstrip("\r\n")


def generate(out_dir, documents, seed=0, target_mb=None) -> dict:
    """Write a synthetic corpus of `documents` documents into out_dir; returns counts and byte totals.

    target_mb: the documents' total size in MB (10^6 bytes); default 10 KB per document.
    """
    if documents < 1:
        raise ValueError("documents must be at least 1")
    out_dir = Path(out_dir)
    prepare_out_dir(out_dir)
    seeds = load_seeds()
    document_bytes = target_mb * BYTES_PER_MB / documents if target_mb else DEFAULT_DOCUMENT_BYTES
    id_width = max(6, len(str(documents)))
    counts = {"documents": documents, "zh": 0, "en": 0, "clauses": 0, "tables": 0, "document_bytes": 0}
    manifest_path = out_dir / MANIFEST
    with manifest_path.open("w", encoding="utf-8", newline="\n") as manifest:
        manifest.write(
            f"{MANIFEST_MARKER}\n# {documents} documents, seed {seed}, target "
            f"{f'{target_mb} MB' if target_mb else f'{DEFAULT_DOCUMENT_BYTES} bytes per document'}.\n\n"
        )
        for index in range(documents):
            doc = build_document(index, seeds, seed, document_bytes, id_width)
            data = doc.text.encode()
            (out_dir / doc.entry["file"]).write_bytes(data)
            manifest.write(format_entry(doc.entry))
            counts[doc.entry["language"]] += 1
            counts["clauses"] += doc.clauses
            counts["tables"] += doc.tables
            counts["document_bytes"] += len(data)
    for name in sorted(CURATED):
        if (CORPUS_DIR / name).is_file():
            shutil.copyfile(CORPUS_DIR / name, out_dir / name)
    counts["total_bytes"] = sum(f.stat().st_size for f in out_dir.iterdir() if f.is_file())
    return counts


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, type=Path, help="folder to write (new, empty, or an earlier output)")
    parser.add_argument("--documents", required=True, type=int, help="number of documents")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--target-mb", type=float, help="total size of the documents in MB (default: 10 KB each)")
    args = parser.parse_args(argv)
    if args.documents < 1:
        parser.error("--documents must be at least 1")
    if args.target_mb is not None and args.target_mb <= 0:
        parser.error("--target-mb must be positive")
    started = time.perf_counter()
    try:
        counts = generate(args.out, args.documents, seed=args.seed, target_mb=args.target_mb)
    except OutputDirError as e:
        print(f"generate_corpus.py: error: {e}", file=sys.stderr)
        return 2
    except CorpusError as e:
        print(f"generate_corpus.py: error reading the seed corpus: {e}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    print(
        f"wrote {counts['documents']} documents ({counts['zh']} zh, {counts['en']} en; "
        f"{counts['clauses']} clauses, {counts['tables']} indicator tables) to {args.out}: "
        f"{counts['document_bytes'] / BYTES_PER_MB:.1f} MB of documents, "
        f"{counts['total_bytes'] / BYTES_PER_MB:.1f} MB in all, in {elapsed:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
