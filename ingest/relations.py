"""Documents that know each other: what a document's text says about other documents, as relation rows.

Per document (a pure function of its clauses and manifest entry, so it runs in the workers):
- cites: every title in 《…》 (an inner 〈…〉 too) and every 发文字号 (国办发〔2020〕6号, Su Zhi Fa [2022] No. 15);
  in English, a quoted or capitalised title with a document word (Notice, Opinions, Plan, Outline …);
- implements / forwards / issues / supersedes, besides cites, where the words around the title say so
  (贯彻落实《…》, 转发, 印发, 《…》同时废止; implement, forward, issuing, repealed);
- reports_on (the manifest's about) and translates (its translation_of).
A clause that is nothing but a title is a title line (the document naming itself), not a citation.

Corpus-wide (builder/related.py): each cited title or number is resolved to a corpus document by its
number, else its normalised title (normalise_title, number_key); what no document matches stays an external
node, keyed by target_key.
"""
import re
import unicodedata

# Taggers return spans (start, end, kind, value), as jieba.tokenize() does.
TEXT_KINDS = ("cites", "implements", "forwards", "issues", "supersedes")
MANIFEST_KINDS = ("reports_on", "translates")

_BRACKETS = "〔\\[［(（"
_CLOSE = "〕\\]］)）"
DOC_NUMBER = re.compile(
    rf"(?P<agency>[\u4e00-\u9fff]{{2,16}})\s*[{_BRACKETS}](?P<year>(?:19|20)\d\d)[{_CLOSE}]\s*第?(?P<seq>\d{{1,5}})\s*号")
EN_DOC_NUMBER = re.compile(
    r"(?P<agency>(?:[A-Z][a-z]{0,9}\s){1,7})\[(?P<year>(?:19|20)\d\d)\]\s*No\.\s*(?P<seq>\d{1,5})")
# Words that end the text before a document number, never part of an issuing agency's code (为贯彻落实国办发〔…〕).
_ZH_BEFORE_NUMBER = ("贯彻落实", "贯彻执行", "落实", "贯彻", "根据", "按照", "依据", "参照", "执行", "转发", "印发", "废止",
                     "代替", "文件", "通知", "精神", "要求", "规定", "和", "及", "与", "为", "的", "见", "由", "按", "据")
_ZH_TITLE = re.compile(r"《([^《》]{2,120})》")
_ZH_INNER = re.compile(r"[〈<]([^〈〉<>]{2,120})[〉>]")
# The words that make a quoted or capitalised English phrase a document's title.
# (Not Program: a university's master's program is no document. Law counts only as a head: not in School of Law.)
EN_DOCUMENT_WORDS = ("Notice", "Circular", "Opinions", "Opinion", "Plan", "Outline", "Measures", "Regulations",
                     "Regulation", "Law", "Decision", "Guidelines", "Provisions", "Rules", "Scheme", "Strategy",
                     "Announcement")
_EN_SMALL = ("of", "on", "for", "and", "the", "to", "in", "with", "during", "about", "by", "a", "an", "at", "from")
_EN_CAPITAL = r"(?:[A-Z0-9][\w’'\-–]*|\(\d{4}[-–—]\d{4}\))"
# A run of capitalised words, with the small words between them, ending on a capitalised word.
_EN_RUN = re.compile(rf"{_EN_CAPITAL}(?:\s+(?:(?:{'|'.join(_EN_SMALL)})\s+)*{_EN_CAPITAL})*")
_EN_QUOTED = re.compile(r"[“\"]([^”\"]{6,300})[”\"]")
# A document word heading its phrase: not after a small word (the School of Law, a plan of the Party).
_EN_DOC_WORD = re.compile(r"(?<!\bof )(?<!\bfor )(?<!\bat )(?<!\bin )\b(?:" + "|".join(EN_DOCUMENT_WORDS) + r")\b")
# A Five-Year Plan named alone is a period (the 14th Five-Year Plan period), not a document.
_EN_PERIOD_NAME = re.compile(r"^(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\s+Five[- ]Year\s+Plan(?:\s+Period)?$", re.I)
# Two titles joined: '… (2021-2035) and the National Plan for …'.
_EN_JOINED = re.compile(r"\s+and\s+the\s+(?=[A-Z0-9])")

# Cue words before (or after) a title that say what the document does with it.
_ZH_CUES = (
    ("supersedes", re.compile(r"(?:废止|代替|取代|替代)\S{0,4}$"), re.compile(r"^[^，。；]{0,24}?(?:同时废止|废止|停止执行|不再执行|同时失效)")),
    ("forwards", re.compile(r"转发\S{0,2}$"), re.compile(r"^[^，。；]{0,24}?转发给你们")),
    ("issues", re.compile(r"印发\S{0,2}$"), re.compile(r"^[^，。；]{0,24}?印发给你们")),
    ("implements", re.compile(r"(?:贯彻落实|贯彻执行|贯彻|落实|实施)\S{0,3}$"), None),
)
_EN_CUES = (
    ("supersedes", re.compile(r"(?:replaces?|supersedes?|repeals?|abolish(?:es)?)\s+(?:the\s+)?$", re.I),
     re.compile(r"^[^.;]{0,40}?\b(?:shall be|is hereby|are hereby|is|are)\s+(?:repealed|abolished|annulled|replaced)", re.I)),
    ("forwards", re.compile(r"(?:forward(?:s|ed|ing)?)\s+(?:the\s+)?$", re.I),
     re.compile(r"^[^.;]{0,40}?\b(?:is|are) hereby forwarded", re.I)),
    ("issues", re.compile(r"(?:on\s+issuing|issues?|issued|on\s+printing\s+and\s+distributing)\s+(?:the\s+)?$", re.I),
     re.compile(r"^[^.;]{0,40}?\b(?:is|are) hereby (?:printed and distributed|issued)", re.I)),
    ("implements", re.compile(r"(?:implement(?:s|ed|ing)?|carr(?:y|ies|ied|ying) out)\s+(?:the\s+)?$", re.I), None),
)
# Capitalised words that open a sentence or name a document, never part of a romanised agency code (See Yun Zhi Fa …).
_EN_NOT_AGENCY = frozenset("See In Under The Document Documents Notice Circular According Per As By And Of On To For "
                           "With From Refer Ref Also Under Pursuant".split())
# Titles that are not documents: newspapers and the like quoted in news reports.
_NOT_DOCUMENTS_ZH = re.compile(r"^\s*(?:人民日报|光明日报|经济日报|中国知识产权报|新华社|求是)\s*$")


_TITLE_QUOTES = re.compile(r"[《》〈〉“”\"'‘’「」『』]")
_TITLE_WORDS = re.compile(r"[a-z0-9]+|[\u4e00-\u9fff]+")


def normalise_title(title: str) -> str:
    """A title as compared across documents: NFKC, no quotes, brackets, punctuation or spaces, lower case,
    English articles dropped and plural s removed ('The 14th Five-Year Plan for IP Talents' and '14th Five-Year
    Plan for IP Talent' compare equal)."""
    text = unicodedata.normalize("NFKC", title or "").lower()
    # Compiled once: a build normalises every document's titles and every cited title.
    text = _TITLE_QUOTES.sub("", text)
    words = _TITLE_WORDS.findall(text)
    out = []
    for w in words:
        if w in ("the", "a", "an"):
            continue
        if w.isascii() and len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        if out and not (w.isascii() and out[-1][-1:].isascii()):
            out[-1] += w  # Chinese runs join their neighbours without a space
        else:
            out.append(w)
    return " ".join(out)


def number_key(agency, year, sequence) -> str | None:
    """'国知发运函字|2020|37' for a document number's parts (spaces and case dropped from the agency)."""
    if not agency or year is None or sequence is None:
        return None
    agency = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(agency))).lower()
    return f"{agency}|{int(year)}|{int(sequence)}"


def target_key(title, number) -> str:
    """Names an external node: its number where it has one, else its normalised title."""
    m = DOC_NUMBER.search(number or "") or EN_DOC_NUMBER.search(number or "")
    if m:
        return "number:" + number_key(m["agency"], m["year"], m["seq"])
    return "title:" + normalise_title(title)


def _cue(kind_cues, before, after):
    for kind, pattern_before, pattern_after in kind_cues:
        if pattern_before.search(before) or (pattern_after is not None and pattern_after.search(after)):
            return kind
    return None


def _agency_start(agency):
    """Where an agency's code begins in the Chinese characters before a document number's bracket: after the
    last word that cannot be part of one (为贯彻落实国知发运函字 -> 国知发运函字)."""
    cut = 0
    for word in _ZH_BEFORE_NUMBER:
        at = agency.rfind(word)
        if at >= 0 and at + len(word) <= len(agency) - 2:
            cut = max(cut, at + len(word))
    return cut


def find_citations_zh(text):
    """Spans (start, end, kind, value) of the documents a Chinese clause names: value {'title', 'number',
    'cue'}, kind one of TEXT_KINDS other than cites when the words around say what is done with it (each
    title is reported as cites too, by the caller)."""
    if "《" not in text and "号" not in text:  # no title, no document number: most clauses
        return []
    spans, covered = [], []
    for m in _ZH_TITLE.finditer(text):
        title = m.group(1).strip()
        if _NOT_DOCUMENTS_ZH.match(title):
            continue
        end = m.end()
        number = None
        after = DOC_NUMBER.match(text, end + 1) if end < len(text) and text[end] in "（(" else None
        if after and text[after.end():after.end() + 1] in "）)":
            number, end = after.group(0), after.end() + 1
        kind = _cue(_ZH_CUES, text[max(0, m.start() - 8):m.start()], text[end:end + 30])
        spans.append((m.start(), end, kind, {"title": title, "number": number}))
        covered.append((m.start(), end))
        inner = _ZH_INNER.search(title)
        if inner:  # 《关于转发〈X〉的通知》: the notice forwards (or issues) X
            inner_kind = _cue(_ZH_CUES, title[max(0, inner.start() - 8):inner.start()], "")
            start = m.start() + 1 + inner.start()
            spans.append((start, start + len(inner.group(0)), inner_kind, {"title": inner.group(1).strip(), "number": None}))
    for m in DOC_NUMBER.finditer(text):
        if any(a <= m.start() < b for a, b in covered):
            continue
        start = m.start() + _agency_start(m["agency"])
        kind = _cue(_ZH_CUES, text[max(0, start - 8):start], text[m.end():m.end() + 30])
        spans.append((start, m.end(), kind, {"title": None, "number": text[start:m.end()]}))
    return sorted(spans, key=lambda s: (s[0], s[1]))


def _title_case(phrase):
    """Most words that are not small words are capitalised, as in a title (not a quoted sentence)."""
    words = [w for w in re.findall(r"[A-Za-z][\w’'\-]*", phrase) if w.lower() not in _EN_SMALL]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _is_en_title(phrase):
    return (len(phrase.split()) >= 3 and _EN_DOC_WORD.search(phrase) is not None and _title_case(phrase)
            and not _EN_PERIOD_NAME.match(phrase) and not re.search(r"[.!?;]\s", phrase))


def _en_title_spans(text):
    """(start, end) of the document titles in an English clause: quoted phrases with a document word, and
    capitalised runs holding one (a leading 'The' is left out); two titles joined by 'and the' are two."""
    found = []
    for m in _EN_QUOTED.finditer(text):
        start, end = m.start(1), m.start(1) + len(m.group(1).rstrip())
        if _is_en_title(text[start:end]):
            found.append((start, end))
    for m in _EN_RUN.finditer(text):
        pieces, at = [], m.start()
        for joint in _EN_JOINED.finditer(m.group(0)):
            pieces.append((at, m.start() + joint.start()))
            at = m.start() + joint.end()
        pieces.append((at, m.end()))
        for start, end in pieces:
            lead = re.match(r"The\s+", text[start:end])
            if lead:
                start += lead.end()
            if not _is_en_title(text[start:end]):
                continue
            if any(a <= start < b or start <= a < end for a, b in found):
                continue
            found.append((start, end))
    return sorted(found)


def find_citations_en(text):
    """Spans (start, end, kind, value) of the documents an English clause names (see find_citations_zh)."""
    # Most clauses name no document: a screen of plain substring tests spares them the regexes.
    if "[" not in text and not any(word in text for word in EN_DOCUMENT_WORDS):
        return []
    spans, covered = [], []
    for start, end in _en_title_spans(text):
        title = text[start:end].strip(" ,;:")
        inner = re.search(r"\bon\s+(?:Issuing|Forwarding|Printing and Distributing)\s+(?:the\s+)?(?P<x>.+)$", title)
        kind = _cue(_EN_CUES, text[max(0, start - 30):start], text[end:end + 60])
        spans.append((start, end, kind, {"title": title, "number": None}))
        covered.append((start, end))
        if inner:  # Notice … on Issuing the X: the notice issues (or forwards) X
            inner_kind = "forwards" if "Forwarding" in title[:inner.start("x")] else "issues"
            a = start + inner.start("x")
            spans.append((a, a + len(inner["x"]), inner_kind, {"title": inner["x"], "number": None}))
    for m in EN_DOC_NUMBER.finditer(text):
        if any(a <= m.start() < b for a, b in covered):
            continue
        start = m.start()
        for word in m["agency"].split():
            if word not in _EN_NOT_AGENCY:
                break
            start = text.index(word, start) + len(word)
        while text[start].isspace():
            start += 1
        kind = _cue(_EN_CUES, text[max(0, start - 30):start], text[m.end():m.end() + 60])
        spans.append((start, m.end(), kind, {"title": None, "number": text[start:m.end()]}))
    return sorted(spans, key=lambda s: (s[0], s[1]))


def _is_title_line(clause_text, start, end):
    """The clause is the title and nothing else (perhaps with 'The' and quotes around it)."""
    rest = (clause_text[:start] + clause_text[end:]).strip(" \t“”\"《》.。:：")
    return rest in ("", "The", "the")


def relation_rows(entry, clauses):
    """Relation rows of one document: from its clauses' text, then from its manifest entry."""
    find = find_citations_zh if entry["language"] == "zh" else find_citations_en
    rows = []
    for clause in clauses:
        n = 0
        for start, end, kind, value in find(clause["text"]):
            if _is_title_line(clause["text"], start, end):
                continue
            for k in ("cites",) + ((kind,) if kind else ()):
                n += 1
                rows.append({
                    "id": f"{clause['id']}-r{n}", "document_id": entry["id"], "kind": k, "to_document_id": None,
                    "target_title": value["title"], "target_number": value["number"],
                    "target_key": target_key(value["title"], value["number"]),
                    "target_title_key": normalise_title(value["title"]) if value["title"] else None,
                    "evidence_clause_id": clause["id"], "evidence_start": clause["start"] + start,
                    "evidence_end": clause["start"] + end, "evidence_text": clause["text"][start:end],
                    "source": "text", "resolved_by": None,
                })
    targets = [("reports_on", other) for other in entry.get("about") or []]
    if entry.get("translation_of"):
        targets.append(("translates", entry["translation_of"]))
    for kind, other in targets:
        rows.append({
            "id": f"{entry['id']}--{kind}--{other}", "document_id": entry["id"], "kind": kind, "to_document_id": other,
            "target_title": None, "target_number": None, "target_key": f"document:{other}", "target_title_key": None,
            "evidence_clause_id": None, "evidence_start": None, "evidence_end": None, "evidence_text": None,
            "source": "manifest", "resolved_by": "manifest",
        })
    return rows
