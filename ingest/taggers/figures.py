"""Figures (quantities) in clause text, Chinese and English: 4,618 times; 69万人; more than 50%; nine academicians.

tag_figures() returns one dict per quantity (found by quantities.find_quantities), with offsets into the clause
text (like jieba.tokenize()), its kind (target or reported) and the year it is for, which comes from the
clause's dates as dates.as_of_year resolves them.
"""
import bisect
import re

from .. import lexicon
from ..normalise import normalise
from .dates import as_of_year, date_scope, is_baseline, parse_doc_date, tag_dates
from .quantities import WINDOW, find_quantities

# ================================================================================== kinds
# Lower case only: "the Five-Year Plan to 860,000" is a name, not "plan to".
EN_TARGET_BEFORE = re.compile(r"(?<![A-Za-z])(?:" + "|".join(lexicon.EN_TARGET_MARKERS) + r")(?![a-z])")
EN_TARGET_AFTER = re.compile(
    r"(?<![A-Za-z])(?:(?:is|are)\s+to\s+be|(?:will|shall|should|must)\s+be\s+[a-z]+ed)(?![a-z])", re.I)
SENTENCE_BREAK = re.compile(r"[;；。]")
ZH_TARGET_BEFORE = re.compile("|".join(lexicon.ZH_TARGET_MARKERS))
KIND_WINDOW = 200  # characters before a number in which a goal's wording is looked for

# ================================================================================== years
# Gap between a number and a year that belongs to it ("690,000 at the end of the 13th Five-Year Plan").
EN_BOUND_GAP = re.compile(r"[^,;:.!?]{0,60}")
EN_RESTATED = re.compile(r"\s*[(（]\s*(?:US\$|HK\$|[$€£¥￥])?\s*")
# Chinese puts the year before the figure, tied to it by 的: 2023年底的86万, “十三五”末的69万.
ZH_BOUND_GAP = re.compile(r"[”\"]?(?:年?(?:底|末|初|中|上半年|下半年))?(?:时|期间)?的")


# ================================================================================== public
def tag_figures(text: str, lang: str, doc_date, tokenizer=None, words=None, dates=None,
                target_year: int | None = None) -> list[dict]:
    """Every quantity in one clause: start, end, surface, value, value_high (a range's high bound, else None),
    unit, qualifier, kind, year (see module doc).
    doc_date: the document's date ('2020-04-23', '2020', 2020 or None). tokenizer: the corpus's jieba tokenizer
    (default: the repository corpus's). words: the clause's jieba words (its text_seg, split) when the caller
    has them already, so the clause is not segmented again. dates: the clause's tag_dates() when the caller
    has them. target_year: the year the document's own targets are for (a plan's "By 2025"), if any."""
    # Scan the folded text (full-width １００％ as 100%, same length), report surfaces from the original.
    folded = normalise(text)
    figures = find_quantities(folded, lang, tokenizer, words, original=text)
    if not figures:
        return []  # most clauses: years matter only to the figures they bind to
    doc_date = None if doc_date is None else str(doc_date)
    doc_year = parse_doc_date(doc_date)[0] if doc_date else None
    mentions = tag_dates(text, lang, doc_date) if dates is None else dates
    bound = bind_year_mentions(folded, figures, mentions, lang)
    governing = GoverningMentions(folded, mentions, bound)
    kinds = KindClassifier(folded, lang)
    out = []
    for i, fig in enumerate(figures):
        kind, year = decide_kind_and_year(
            fig, kinds.kind(fig), bound.get(i, ()) or governing.around(fig), doc_year, target_year)
        out.append({"start": fig["start"], "end": fig["end"], "surface": text[fig["start"]:fig["end"]],
                    "value": fig["value"], "value_high": fig["value_high"], "unit": fig["unit"],
                    "qualifier": fig["qualifier"], "kind": kind, "year": year})
    return out


# ================================================================================== years and kinds
def bind_year_mentions(text: str, figures: list[dict], mentions: list[dict], lang: str) -> dict:
    """{index of a figure: the dates in mentions that directly qualify it}: in English the date follows the
    figure ("690,000 at the end of 2020"), in Chinese it comes before it, tied by 的 (2023年底的86万). Figures
    and mentions are in text order, so each mention finds its figure by bisection."""
    bound = {}
    mentions = [m for m in mentions if not is_baseline(m, text)]  # "up 6.5 percent from a year earlier"
    if lang.startswith("zh"):
        starts = [f["start"] for f in figures]
        for mention in mentions:
            i = bisect.bisect_left(starts, mention["end"])
            if i < len(figures) and ZH_BOUND_GAP.fullmatch(text, mention["end"], figures[i]["start"]):
                bound.setdefault(i, []).append(mention)
    else:
        tails = [f["tail"] for f in figures]
        for mention in mentions:
            i = bisect.bisect_right(tails, mention["start"]) - 1
            if i >= 0 and mention["start"] - tails[i] <= 60 and EN_BOUND_GAP.fullmatch(
                    text, tails[i], mention["start"]):
                bound.setdefault(i, []).append(mention)
                # "9,800 yuan ($1,370) a month in 2022": the amount in brackets restates the one before it.
                if i > 0 and EN_RESTATED.fullmatch(text, tails[i - 1], figures[i]["start"]):
                    bound.setdefault(i - 1, []).append(mention)
    return bound


class GoverningMentions:
    """The clause's dates that speak of a figure: bound to no other figure, not the base of a comparison
    (比2022年底增加), and with the figure inside their part of the clause (dates.date_scope), nearest first."""
    SPAN = 400  # characters: a date's scope reaches no further (dates.SCOPE_BEFORE + SCOPE_AFTER)

    def __init__(self, text: str, mentions: list[dict], bound: dict):
        taken = {id(m) for ms in bound.values() for m in ms}
        self.free = [(m, date_scope(m, text)) for m in mentions if id(m) not in taken and not is_baseline(m, text)]
        self.starts = [m["start"] for m, _ in self.free]

    def around(self, fig: dict) -> list[dict]:
        """The nearest such date before the figure and the nearest after it, the nearer first."""
        at = bisect.bisect_left(self.starts, fig["start"])
        lo = bisect.bisect_left(self.starts, fig["start"] - self.SPAN)
        hi = bisect.bisect_right(self.starts, fig["end"] + self.SPAN)
        near = []
        for indexes in (range(at - 1, lo - 1, -1), range(at, hi)):
            for i in indexes:
                mention, (start, end) = self.free[i]
                if start <= fig["start"] and fig["end"] <= end:
                    near.append(mention)
                    break
        return sorted(near, key=lambda m: min(abs(m["start"] - fig["end"]), abs(fig["start"] - m["end"])))


def decide_kind_and_year(fig: dict, kind: str, candidates: list[dict], doc_year: int | None,
                         target_year: int | None) -> tuple[str, int | None]:
    """The figure's kind and the year it is for: the year of the date bound to it, else of the nearest date in
    the clause bound to no other figure (as dates.as_of_year resolves it), else the document's target year for
    a target and the document's year otherwise. A year other than the document's settles the kind: no goal is
    set for a year already past."""
    for mention in candidates:
        year = as_of_year(mention, kind, doc_year)
        if year is not None:
            if doc_year is not None and year != doc_year:
                kind = "target" if year > doc_year else "reported"
            return kind, year
    if kind == "target" and target_year:
        return kind, target_year
    return kind, doc_year


class KindClassifier:
    """'target' for a figure whose clause states a goal for it (will, should, 力争, to be trained), else
    'reported'. The goal's words and the sentence breaks are found once per clause; each figure then looks
    them up by bisection, in the KIND_WINDOW characters before it (and after it, for "is to be trained")."""

    def __init__(self, text: str, lang: str):
        self.zh = lang.startswith("zh")
        self.breaks = [m.start() for m in SENTENCE_BREAK.finditer(text)]
        self.before = [m.start() for m in (ZH_TARGET_BEFORE if self.zh else EN_TARGET_BEFORE).finditer(text)]
        self.after = [] if self.zh else [m.start() for m in EN_TARGET_AFTER.finditer(text)]
        self.semicolons = [] if self.zh else [m.start() for m in re.finditer(";", text)]
        self.imperative = not self.zh and is_imperative(text)

    def kind(self, fig: dict) -> str:
        start = fig["start"]
        i = bisect.bisect_left(self.breaks, start)
        sentence_start = max(self.breaks[i - 1] + 1 if i else 0, start - KIND_WINDOW)
        j = bisect.bisect_left(self.before, sentence_start)
        if j < len(self.before) and self.before[j] < start:
            return "target"
        if self.zh:
            return "reported"
        tail = fig["tail"]
        k = bisect.bisect_left(self.after, tail)
        if k < len(self.after) and self.after[k] < tail + KIND_WINDOW:
            semicolon = bisect.bisect_left(self.semicolons, tail)
            if semicolon == len(self.semicolons) or self.semicolons[semicolon] > self.after[k]:
                return "target"
        return "target" if self.imperative else "reported"


def classify_kind(text: str, fig: dict, lang: str) -> str:
    """'target' when the clause states a goal for the figure (will, should, 力争, to be trained), else 'reported'."""
    return KindClassifier(text, lang).kind(fig)


def is_imperative(text: str) -> bool:
    """A clause opening with a bare verb and a determiner ("Build a team", "Strengthen the training")."""
    m = re.match(r"\s*[\"“]?([A-Za-z]+)\s+([A-Za-z]+)", text[:WINDOW])
    if not m:
        return False
    first, second = m.group(1), m.group(2).lower()
    return (first[0].isupper() and first.lower() not in lexicon.EN_OPENING_FUNCTION_WORDS
            and not re.search(r"(?:ed|ing|s)$", first) and second in lexicon.EN_DETERMINERS)
