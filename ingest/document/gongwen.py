"""The elements of an official document (公文, GB/T 9704): 发文字号, 主送机关 (addressee), and the closing block
after the text: 特此通知, 附件 (attachments), 署名 (signature), 成文日期 (date), contact line, 抄送 (copied to),
印发 (issued by and when). English translations print the same elements (Hereby notified., Attachments:, CC:).

The closing block belongs to the document, not to its last section: its lines are text (clauses) outside
every section, and its elements are fields of the document.
"""
import datetime
import re
from typing import NamedTuple

from .. import lexicon

_MONTH = lexicon.alternation(name.title() for name in lexicon.MONTHS)
_ZH_NUMERAL = "〇○零一二三四五六七八九十"
# A date alone on its line: a signature's date.
SIGNED_DATE = re.compile(
    r"^\s*(?:(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    rf"|(?P<zy>[{_ZH_NUMERAL}]{{4}})年(?P<zm>[{_ZH_NUMERAL}]{{1,2}})月(?P<zd>[{_ZH_NUMERAL}]{{1,3}})日"
    rf"|(?P<mon>{_MONTH})\.?\s+(?P<ed>\d{{1,2}}),?\s+(?P<ey>(?:19|20)\d\d)"
    rf"|(?P<ed2>\d{{1,2}})\s+(?P<mon2>{_MONTH})\.?,?\s+(?P<ey2>(?:19|20)\d\d))\s*$")
CLOSING_PHRASE = re.compile(r"^(?:特此(?:通知|函告|公告|通告|批复|报告)|hereby notified|this notice is hereby (?:issued|given))[。.]?$",
                            re.IGNORECASE)
ATTACHMENTS = re.compile(r"^(?:附件|attachments?|annex(?:es)?)\s*[:：]\s*", re.IGNORECASE)
COPIED_TO = re.compile(r"^(?:抄送|cc|copied to|copy to)\s*[:：]\s*", re.IGNORECASE)
CONTACT = re.compile(r"^[(（]?\s*(?:联系人|联系方式|联系电话|contact(?: person)?s?)\s*[:：]", re.IGNORECASE)
ISSUED_BY = re.compile(
    rf"^(?P<by>.+?)\s*(?P<date>(?:19|20)\d\d\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日)\s*印发$"
    rf"|^issued by (?:the )?(?P<en_by>.+?) on (?P<en_date>{_MONTH}\.? \d{{1,2}},? (?:19|20)\d\d)\.?$", re.IGNORECASE)
# 版头: the issuer's name and 文件 above the document number, often spaced out (国 家 知 识 产 权 局 文 件).
MASTHEAD = re.compile(r"^(?:\S\s*){2,30}文\s*件$")
# 附注: （此件主动公开）, and as translations print it: (This document is released to the public.)
NOTE = re.compile(r"^[(（](?:此件|本件|this document|this circular|this notice)[^)）]*[)）]$", re.IGNORECASE)
ADDRESSEE_END = re.compile(r"[:：]$")
_LIST_NUMBER = re.compile(r"^\s*(?:\d{1,2}\s*[．.、]|[（(]\d{1,2}[）)])\s*")
MAX_SIGNATURE = {"zh": 40, "en": 100}


class Closing(NamedTuple):
    start: int  # index of the closing block's first block (len(blocks) when there is none)
    elements: dict  # signatories, signed_date, attachments, cc, printed_by, printed_date, contact
    end: int | None = None  # index just past its last block: the end, or the title of what a cover notice issues


def parse_date(text):
    """The ISO date of a signature date line, or None."""
    m = SIGNED_DATE.match(text)
    if not m:
        return None
    try:
        if m["y"]:
            return datetime.date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
        if m["zy"]:
            year = int("".join(str(lexicon.ZH_DIGITS[c]) for c in m["zy"]))
            return datetime.date(year, _small(m["zm"]), _small(m["zd"])).isoformat()
        month = lexicon.MONTHS[(m["mon"] or m["mon2"]).rstrip(".").lower()]
        return datetime.date(int(m["ey"] or m["ey2"]), month, int(m["ed"] or m["ed2"])).isoformat()
    except (ValueError, KeyError):
        return None  # not a real day


def _small(numeral):
    """二十三 -> 23, 十 -> 10, 四 -> 4."""
    if "十" not in numeral:
        return lexicon.ZH_DIGITS[numeral]
    tens, _, ones = numeral.partition("十")
    return (lexicon.ZH_DIGITS[tens] if tens else 1) * 10 + (lexicon.ZH_DIGITS[ones] if ones else 0)


def _text(block):
    return block.line.text[block.start:block.end if block.end != -1 else None]


def find_closing(blocks, lang) -> Closing:
    """The closing block: from 特此通知, the attachments or the signature, to the end; its elements."""
    lines = [i for i, b in enumerate(blocks) if b.kind in ("paragraph", "heading") and b.start == 0]
    dated = [i for i in lines if parse_date(_text(blocks[i]))]
    # The signature's date: the last date alone on its line, with text before it (not a date under a title).
    date_at = next((i for i in reversed(dated) if any(b.kind == "paragraph" for b in blocks[:i])
                    and all(_closing_line(_text(b)) for b in blocks[i + 1:_closing_end(blocks, i)]
                            if b.kind != "table_row")), None)
    if date_at is None:
        start = next((i for i in lines[-8:] if CLOSING_PHRASE.match(_text(blocks[i]))), len(blocks))
        return Closing(start, _elements(blocks[start:], None, [])) if start < len(blocks) else Closing(len(blocks), {})
    start, signatories = date_at, []
    while start - 1 >= 0 and _signature_line(blocks[start - 1], lang):
        start -= 1
        # Joint issuers may share one line, set apart by wide spaces: 陕西省人力资源和社会保障厅　　陕西省知识产权局.
        signatories[:0] = [name for name in re.split(r"\s{2,}|\u3000+", _text(blocks[start]).strip()) if name]
    start = _attachments_start(blocks, start)
    if start - 1 >= 0 and CLOSING_PHRASE.match(_text(blocks[start - 1])):
        start -= 1
    end = _closing_end(blocks, date_at)
    return Closing(start, _elements(blocks[start:end], _text(blocks[date_at]), signatories), end)


def _closing_end(blocks, date_at):
    """Where the closing block that holds the date at date_at ends: at the end of the document, or, in a
    cover notice with a 发文字号 that prints what it issues under its signature (国办发〔2024〕24号 … 2024年6月17日
    / the Measures' own title and chapters), at that second title."""
    if not any(b.kind == "doc_number" for b in blocks[:date_at]):
        return len(blocks)
    return next((i for i in range(date_at + 1, len(blocks)) if blocks[i].kind == "title"), len(blocks))


def _closing_line(text):
    return bool(CONTACT.match(text) or COPIED_TO.match(text) or ISSUED_BY.match(text) or NOTE.match(text))


def _signature_line(block, lang):
    text = _text(block)
    return (block.start == 0 and block.kind in ("paragraph", "heading") and len(text) <= MAX_SIGNATURE[lang]
            and not re.search(r"[。！？；;:：.!?]$", text) and not ATTACHMENTS.match(text) and not parse_date(text)
            and not _LIST_NUMBER.match(text))


def _attachments_start(blocks, start):
    """Move start up over an attachments line and the numbered lines that continue its list."""
    i = start
    while i - 1 >= 0 and blocks[i - 1].start == 0 and _LIST_NUMBER.match(_text(blocks[i - 1])) \
            and not ATTACHMENTS.match(_text(blocks[i - 1])):
        i -= 1
    if i - 1 >= 0 and ATTACHMENTS.match(_text(blocks[i - 1])):
        return i - 1
    return start


def _elements(blocks, date_text, signatories):
    elements = {"signatories": signatories, "signed_date": parse_date(date_text) if date_text else None,
                "attachments": [], "cc": None, "printed_by": None, "printed_date": None, "contact": None}
    in_attachments = False
    for block in blocks:
        text = _text(block).strip()
        if m := ATTACHMENTS.match(text):
            in_attachments = True
            elements["attachments"].append(_LIST_NUMBER.sub("", text[m.end():]).strip())
        elif in_attachments and _LIST_NUMBER.match(text):
            elements["attachments"].append(_LIST_NUMBER.sub("", text).strip())
        else:
            in_attachments = False
            if m := COPIED_TO.match(text):
                elements["cc"] = text[m.end():].rstrip("。.").strip()
            elif m := ISSUED_BY.match(text):
                elements["printed_by"] = (m["by"] or m["en_by"]).strip()
                elements["printed_date"] = parse_date(m["date"] or m["en_date"])
            elif CONTACT.match(text) and elements["contact"] is None:
                elements["contact"] = text
    elements["attachments"] = [a for a in elements["attachments"] if a]
    return elements


def find_addressee(blocks):
    """主送机关: the first line of text, before any heading, that ends with a colon and names the recipients."""
    for block in blocks:
        if block.kind == "heading":
            return None
        if block.kind != "paragraph":
            continue
        text = _text(block).strip()
        if ADDRESSEE_END.search(text) and len(text) <= 300 and re.search(r"[、，,]|各|all\b", text, re.IGNORECASE):
            return text[:-1].strip()
        return None
    return None
