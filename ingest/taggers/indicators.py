"""Which indicator of the registry (corpus/indicators.yml) a figure measures, and the date it is as of.

A figure is mapped to at most one indicator, and only when words near it say that it measures it: the value
never decides (86.5万 IP-services employees are not 86万 IP talents). For a figure in a clause:

1. The cues of every indicator are found in the clause (as for corpus/measures.yml: English cues are word
   prefixes, Chinese ones substrings, /patterns/ regular expressions, all on the normalised clause).
2. The figure's part of the clause (between commas, semicolons and colons) is searched first; the nearest cue
   wins. A part holding no cue at all takes the cues of the part before it, if that part states no figure of
   its own ("the talent team has grown rapidly, up to 690 thousand people"); a figure with no cue in any part
   before it takes those of the clause before it in the paragraph, under the same condition ("all localities
   have organized special recruitment activities. During 49 sessions, ...").
3. A candidate is dropped when a not-cue of its indicator is in the figure's part, when the figure's unit
   contradicts the indicator's (a percentage is no head count; jobs are not institutions), or when the scope
   does not fit: a national indicator takes no figure that its words give to one place or body (江苏省……,
   the province will provide ...), and a provincial or institution indicator takes a figure only when its
   place or body is named in the clause or earlier in the paragraph.

An indicator table's row maps by its name (the registry's table_rows). Each mapped figure has an as-of date:
the date in its sentence that its year came from (截至2020年底 -> 2020-12-31, By 2025 -> 2025, a period up to
the document's date for a running total), else for a target its year, else the document's date.

Pure functions of the clause, its dates and the registry; load_registry() reads the YAML once per build.
"""
import bisect
import functools
import re
from typing import NamedTuple

from .. import lexicon
from ..errors import CorpusError
from ..literals import LiteralSet
from ..manifest import LANGUAGES, URL_SAFE_ID, read_yaml
from ..normalise import normalise
from .dates import as_of_year, is_baseline
# The registry's cues are written as measures.yml's are, and compiled and matched by the same code.
from .measures import NO_CUES, _compile_cues, _indexed, clause_literals, find_cues

INDICATOR_FIELDS = ("id", "name_en", "name_zh", "definition", "unit", "scope", "where", "cues", "not_cues",
                    "table_rows")
SCOPES = ("national", "provincial", "institution")
# Where a clause's parts end: Chinese commas always, an English comma only before a non-digit (4,618).
PART_BREAK = re.compile(r"[，；;：:]|,(?!\d)")
# What may stand between a Chinese number and its measure word: 60余场, 3000多名, 40个左右.
ZH_MORE = re.compile(r"\s*[" + lexicon.ZH_MORE_AFTER + r"]?\s*")
ZH_MEASURE_WORD = re.compile(lexicon.alternation(lexicon.ZH_MEASURE_WORD_UNITS))
EN_WORD = re.compile(r"[A-Za-z][A-Za-z'’é-]*")


# ---------------------------------------------------------------------------------------------- the registry
def load_registry(path) -> dict:
    """corpus/indicators.yml as {'indicators': [...], 'by_table_row': {name: indicator}, 'literals': {lang:
    LiteralSet}}, cues compiled once. A CorpusError names the file and line of a bad entry."""
    raw = read_yaml(path)
    items = raw.get("indicators") if isinstance(raw, dict) else None
    if not isinstance(items, list):
        raise CorpusError(path, "the registry must be a mapping with a list 'indicators'")
    indicators, seen, by_row = [], {}, {}
    for item in items:
        ind = parse_indicator(item, path)
        if ind["id"] in seen:
            raise CorpusError(path, f"duplicate indicator id {ind['id']!r} (first at line {seen[ind['id']]})",
                              line=ind["line"])
        seen[ind["id"]] = ind["line"]
        for row in ind["table_rows"]:
            if row in by_row:
                raise CorpusError(path, f"table row {row!r} is given to {by_row[row]['id']!r} and {ind['id']!r}",
                                  line=ind["line"])
            by_row[row] = ind
        indicators.append(ind)
    literals = {}
    for ind in indicators:
        for cues in (ind["cues"], ind["not_cues"]):
            for lang, lang_cues in cues.items():
                for cue in lang_cues:
                    literals.setdefault(lang, set()).update(cue.screen or (), *cue.also)
    return {"indicators": indicators, "by_table_row": by_row,
            "literals": {lang: LiteralSet(words) for lang, words in literals.items()}}


def parse_indicator(item, path) -> dict:
    """One registry entry, checked, with its cues compiled and its place names by language."""
    if not isinstance(item, dict):
        raise CorpusError(path, "each indicator must be a mapping of fields")
    line = item.get("__line__")
    ind_id = str(item.get("id") or "")
    if not URL_SAFE_ID.match(ind_id):
        raise CorpusError(path, f"indicator id {ind_id!r} is missing or not URL-safe", line=line)
    unknown = sorted(set(item) - set(INDICATOR_FIELDS) - {"__line__"})
    if unknown:
        raise CorpusError(path, f"indicator {ind_id!r} has unknown field(s): {', '.join(unknown)}", line=line)
    for field in ("name_en", "name_zh", "definition", "unit"):
        if not str(item.get(field) or "").strip():
            raise CorpusError(path, f"indicator {ind_id!r} has no {field}", line=line)
    scope = item.get("scope", "national")
    if scope not in SCOPES:
        raise CorpusError(path, f"indicator {ind_id!r}: scope must be one of {SCOPES}, not {scope!r}", line=line)
    where = _where(item.get("where"), path, line, ind_id)
    if scope != "national" and not where:
        raise CorpusError(path, f"indicator {ind_id!r} is {scope}: it needs 'where' (the place or body)", line=line)
    label = f"indicator {ind_id!r}"
    rows = item.get("table_rows") or []
    if not isinstance(rows, list) or not all(isinstance(r, str) and r.strip() for r in rows):
        raise CorpusError(path, f"{label}: table_rows must be a list of row names", line=line)
    return {
        "id": ind_id, "name_en": str(item["name_en"]).strip(), "name_zh": str(item["name_zh"]).strip(),
        "definition": " ".join(str(item["definition"]).split()), "unit": str(item["unit"]).strip(),
        "scope": scope, "where": where,
        "where_patterns": {lang: re.compile(lexicon.alternation(names), re.I if lang == "en" else 0)
                           for lang, names in where.items()},
        **_indexed("cues", _compile_cues(item.get("cues"), path, line, label)),
        **_indexed("not_cues", _compile_cues(item.get("not_cues"), path, line, label + " not_cues")),
        "table_rows": tuple(row_key(r) for r in rows),
        "line": line,
    }


def _where(raw, path, line, ind_id):
    """{lang: [names]} of a place or body: each language's value a name or a list of names."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise CorpusError(path, f"indicator {ind_id!r}: where must be a mapping of language to names", line=line)
    out = {}
    for lang, names in raw.items():
        if lang == "__line__":
            continue
        if lang not in LANGUAGES:
            raise CorpusError(path, f"indicator {ind_id!r}: unknown language {lang!r} in where", line=line)
        names = [names] if isinstance(names, str) else names
        if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
            raise CorpusError(path, f"indicator {ind_id!r}: where.{lang} must be a name or a list of names", line=line)
        out[lang] = tuple(normalise(n.strip()) for n in names)
    return out


def row_key(name: str) -> str:
    """An indicator-table row name as the registry's table_rows are matched: normalised, lower case, single spaces."""
    return " ".join(normalise(name).lower().split())


# ---------------------------------------------------------------------------------------------- units
def singular(word: str) -> str:
    """An English noun's singular, near enough for unit nouns: agencies -> agency, jobs -> job, classes stays."""
    w = word.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


_EN_UNIT_OF_NOUN = {noun: unit for unit, words in lexicon.UNIT_NOUNS.items() for noun in words["en"]}
_ZH_UNIT_NOUNS = sorted(((noun, unit) for unit, words in lexicon.UNIT_NOUNS.items() for noun in words["zh"]),
                        key=lambda p: -len(p[0]))


def figure_units(unit: str | None, surface: str, after: str, lang: str) -> frozenset | None:
    """The registry units a figure may count, from its unit (as the figure tagger named it), its surface and
    the text right after it (a Chinese measure word); None when nothing says."""
    if unit in lexicon.TAGGED_UNITS:
        return frozenset(lexicon.TAGGED_UNITS[unit])
    if unit == "times":  # 4,618 times counts visits; double, 翻一番, three times are multiples
        return frozenset(lexicon.OCCURRENCE_UNITS) if re.fullmatch(r"[\d,.\s]+", surface) else frozenset(("times",))
    if lang == "zh":
        m = ZH_MEASURE_WORD.match(after, ZH_MORE.match(after).end())
        if m and m.group() in lexicon.ZH_MEASURE_WORD_UNITS:
            return frozenset(lexicon.ZH_MEASURE_WORD_UNITS[m.group()])
        for noun, found in _ZH_UNIT_NOUNS:
            if unit and unit.endswith(noun):
                return frozenset((found,))
        return None
    words = EN_WORD.findall(unit or "")
    if words and (words[0].lower() in lexicon.EN_PARTITIVE_NOUNS or words[0].lower() + "s" in lexicon.EN_PARTITIVE_NOUNS):
        return None  # "19 types of international training sessions" counts types
    if words:
        found = _EN_UNIT_OF_NOUN.get(singular(words[-1]))
        if found:
            return frozenset((found,))
    return None


def unit_fits(indicator_unit: str, units: frozenset | None) -> bool:
    """Whether a figure that may count `units` (None: unknown) can be a value of an indicator counted in
    indicator_unit. A unit the registry names but the lexicon does not know is matched by name only."""
    return units is None or indicator_unit in units


# ---------------------------------------------------------------------------------------------- scope
class ScopeWords(NamedTuple):
    """The words of lexicon that say whose a figure is, by kind, found in one pass each (Aho–Corasick): names of
    places and of bodies as written (Jiangsu, Provincial, Group), other words in lower case (the province)."""
    names: LiteralSet  # matched as written
    words: LiteralSet  # matched in lower case
    kinds: dict  # literal -> 'local' or 'national'


@functools.lru_cache(maxsize=None)  # built on first use (four small automata), not at import
def scope_words(lang: str, bodies: bool = True) -> ScopeWords:
    """The scope words of a language; bodies=False leaves out the words of firms' names (Group, Ltd)."""
    if lang == "zh":
        local = lexicon.PROVINCES["zh"] + lexicon.CITIES["zh"] + lexicon.ZH_LOCAL_WORDS
        kinds = {**{w: "local" for w in local}, **{w: "national" for w in lexicon.ZH_NATIONAL_WORDS}}
        return ScopeWords(LiteralSet(kinds), LiteralSet(()), kinds)
    names = lexicon.PROVINCES["en"] + lexicon.CITIES["en"] + lexicon.EN_LOCAL_NAME_WORDS + (
        lexicon.EN_BODY_NAME_WORDS if bodies else ())
    national_names = tuple(w for w in lexicon.EN_NATIONAL_WORDS if w != w.lower())  # China, China's
    national_words = tuple(w.lower() for w in lexicon.EN_NATIONAL_WORDS if w == w.lower())
    kinds = {**{w: "local" for w in names}, **{w: "national" for w in national_names},
             **{w: "local" for w in lexicon.EN_LOCAL_WORDS}, **{w: "national" for w in national_words}}
    return ScopeWords(LiteralSet(names + national_names), LiteralSet(lexicon.EN_LOCAL_WORDS + national_words), kinds)


ZH_VENUE_AFTER = re.compile(lexicon.alternation(lexicon.ZH_VENUE_AFTER))
EN_VENUE_BEFORE = re.compile(r"(?i:" + lexicon.alternation(lexicon.EN_VENUE_BEFORE)[3:] + r"\s+$")


def _is_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def scope_markers(text: str, lang: str, bodies: bool = True) -> list[tuple[int, str]]:
    """(offset, 'local' or 'national') of every word in the (normalised) text that says whose its figures are,
    in order. English words are whole words. A place named as a venue (在北京举行, a press conference in Beijing)
    says nothing of them."""
    zh = lang.startswith("zh")
    found_words = scope_words("zh" if zh else "en", bodies)
    found = []
    for literal_set, haystack in ((found_words.names, text), (found_words.words, text if zh else text.lower())):
        for last, literal in literal_set.matches(haystack):
            start, end = last - len(literal) + 1, last + 1
            kind = found_words.kinds[literal]
            if not zh:
                if _is_letter(text[start - 1:start]) or _is_letter(text[end:end + 1]) and not (
                        text[end - 1:end].islower() and text[end:end + 1].isupper()):
                    continue  # not a whole word (glued words, "recruitedFive", end where case changes)
                if kind == "local" and EN_VENUE_BEFORE.search(text, max(0, start - 30), start):
                    continue
            elif kind == "local" and ZH_VENUE_AFTER.match(text, end):
                continue
            found.append((start, kind))
    return sorted(found)


def document_scope(title: str | None, issuer: str | None) -> str:
    """Whose figures a document gives when its text does not say: 'local' when its issuer names a place (安徽省
    知识产权局, Shenzhen Daily) or its title names one and not the whole country (关于举办2023年无锡市……的通知);
    else 'national'. Firms' names do not count here: a law firm's newsletter reports the country's figures. Both
    languages' words are tried: an English title may head a Chinese text."""
    def kinds(text):
        text = normalise(text or "")
        return {kind for lang in LANGUAGES for _, kind in scope_markers(text, lang, bodies=False)}
    for text in (issuer, title):
        found = kinds(text)
        if found == {"local"}:
            return "local"
    return "national"


def figure_scope(markers: list, start: int, earlier, default: str = "national") -> str:
    """'local' or 'national' for a figure at `start` of its clause: the nearest scope word before it in the
    clause, else the last one of the nearest earlier clause of the paragraph that has one, else the document's
    default. markers: scope_markers() of the clause; earlier: those of the paragraph's earlier clauses, nearest
    first."""
    at = bisect.bisect_left(markers, (start, ""))
    if at:
        return markers[at - 1][1]
    for found in earlier:
        if found:
            return found[-1][1]
    return default


def _increment_patterns():
    before_en = r"(?i:" + lexicon.alternation(lexicon.EN_INCREMENT_BEFORE)[3:] + r"(?:\s+(?:some|about|nearly|over|more than))?\s+$"
    return {"zh": re.compile(lexicon.alternation(lexicon.ZH_INCREMENT_BEFORE)),
            "en_before": re.compile(lexicon.EN_WORD_START + before_en),
            "en_after": re.compile(r"\s+" + lexicon.alternation(lexicon.EN_INCREMENT_AFTER) + r"(?![a-z])(?!\s+than)")}


INCREMENT = _increment_patterns()


def increment_span(text: str, part_start: int, start: int, end: int, lang: str) -> tuple[int, int] | None:
    """Where the words that state the figure at [start, end) as a change are (see lexicon.ZH_INCREMENT_BEFORE),
    or None: in Chinese before it in its part, in English just before or just after it."""
    if lang.startswith("zh"):
        found = list(INCREMENT["zh"].finditer(text, part_start, start))
        return (found[-1].start(), found[-1].end()) if found else None
    m = INCREMENT["en_before"].search(text, max(part_start, start - 30), start)
    if m:
        return m.start(), m.end()
    m = INCREMENT["en_after"].match(text, end)
    return (m.start(), m.end()) if m else None


# ---------------------------------------------------------------------------------------------- mapping
class Candidate(NamedTuple):
    indicator: dict
    match: object  # measures.Match
    distance: int  # characters between the cue and the figure (0 when they touch or overlap)
    method: str  # where the cue was: 'cue', 'cue in the part before', 'cue in the clause before'
    clause: dict  # the clause the cue is in


class ClauseView:
    """One clause as the mapper reads it: normalised text, its parts, the registry's cues found in it, the
    figures it states and the scope words in it. Made once per clause that has figures or precedes one."""

    def __init__(self, clause: dict, lang: str, registry: dict, figure_spans=()):
        self.clause = clause
        self.text = normalise(clause["text"])
        self.lang = lang
        self.breaks = [m.end() for m in PART_BREAK.finditer(self.text)]
        self.figure_starts = sorted(s for s, _ in figure_spans)
        present = clause_literals(self.text, lang, registry)
        self.matches = []  # (match, indicator), every indicator's cues (their not-cues applied as measures do)
        self.blocked = {}  # indicator id -> [(start, end)] of its not-cue matches
        for ind in registry["indicators"]:
            cues = ind["cues_index"].get(lang, NO_CUES)
            if cues.always or not cues.words.isdisjoint(present):
                self.matches += [(m, ind) for m in find_cues(self.text, present, cues)]
            not_cues = ind["not_cues_index"].get(lang, NO_CUES)
            if not_cues.always or not not_cues.words.isdisjoint(present):
                spans = [(m.start, m.end) for m in find_cues(self.text, present, not_cues)]
                if spans:
                    self.blocked[ind["id"]] = spans

    @functools.cached_property
    def scope(self) -> list:
        """scope_markers() of the clause, found when a figure of it or after it needs them."""
        return scope_markers(self.text, self.lang)

    def part(self, offset: int) -> tuple[int, int]:
        """The (start, end) of the part of the clause holding offset."""
        i = bisect.bisect_right(self.breaks, offset)
        return (self.breaks[i - 1] if i else 0), (self.breaks[i] if i < len(self.breaks) else len(self.text))

    def has_figure(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.figure_starts, start)
        return i < len(self.figure_starts) and self.figure_starts[i] < end

    def cues_in(self, start: int, end: int) -> list:
        """The cue matches that reach into [start, end) (a pattern may run on from the part before)."""
        return [(m, ind) for m, ind in self.matches if m.start < end and m.end > start]

    def places(self, ind: dict) -> str | None:
        """The name of the indicator's place or body where the clause names it, else None."""
        pattern = ind["where_patterns"].get("zh" if self.lang.startswith("zh") else "en")
        m = pattern.search(self.text) if pattern else None
        return self.clause["text"][m.start():m.end()] if m else None


def candidates(view: ClauseView, start: int, end: int, previous: ClauseView | None) -> list[Candidate]:
    """The cues that may say what the figure at [start, end) of the clause measures (see the module doc)."""
    part_start, part_end = view.part(start)
    found = view.cues_in(part_start, part_end)
    if found:
        return [Candidate(ind, m, _distance(m, start, end), "cue", view.clause) for m, ind in found]
    if part_start > 0:
        before_start, before_end = view.part(part_start - 1)
        if not view.has_figure(before_start, before_end):
            found = view.cues_in(before_start, before_end)
            if found:
                return [Candidate(ind, m, _distance(m, start, end), "cue in the part before", view.clause)
                        for m, ind in found]
    if previous is not None and not view.has_figure(0, start) and not view.cues_in(0, start) \
            and not previous.figure_starts and previous.matches:
        last = max(previous.matches, key=lambda mi: mi[0].end)[0].end
        return [Candidate(ind, m, start + len(previous.text) - m.end, "cue in the clause before", previous.clause)
                for m, ind in previous.matches if m.end == last or m.end >= last - 40]
    return []


def _distance(m, start, end):
    if m.end <= start:
        return start - m.end
    if m.start >= end:
        return m.start - end
    return 0


def choose(view: ClauseView, start: int, found: list, units, scope: str, earlier,
           increment=None) -> tuple[Candidate, str | None] | None:
    """The candidate the figure at `start` measures, with the place or body named for a scoped indicator, or
    None. units: figure_units(); scope: figure_scope(); earlier(): the views of the paragraph's earlier clauses,
    nearest first (called only for a scoped indicator); increment: increment_span()."""
    part_start, part_end = view.part(start)
    ranked = []
    for cand in found:
        ind = cand.indicator
        if any(part_start <= a and b <= part_end for a, b in view.blocked.get(ind["id"], ())):
            continue
        if increment and not (cand.clause is view.clause and cand.match.start <= increment[0]
                              and increment[1] <= cand.match.end):
            continue
        if not unit_fits(ind["unit"], units):
            continue
        place = None
        if ind["scope"] == "national":
            if scope != "national":
                continue
        else:
            place = view.places(ind) or next((p for v in earlier() if (p := v.places(ind))), None)
            if place is None:
                continue
        # Nearest first; then a scoped indicator whose place is named over a national one; then the longer cue.
        ranked.append(((cand.distance, ind["scope"] == "national", cand.match.start - cand.match.end), cand, place))
    if not ranked:
        return None
    ranked.sort(key=lambda r: r[0])
    return ranked[0][1], ranked[0][2]


# ---------------------------------------------------------------------------------------------- as-of dates
def _period_end(iso: str) -> str:
    """The last day of an ISO date at any precision: 2025 -> 2025-12-31, 2024-03 -> 2024-03-31."""
    if len(iso) == 4:
        return iso + "-12-31"
    if len(iso) == 7:
        y, m = int(iso[:4]), int(iso[5:7])
        days = 29 if m == 2 and (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else (
            28 if m == 2 else 30 if m in (4, 6, 9, 11) else 31)
        return f"{iso}-{days:02d}"
    return iso[:10]


CONTINUATION = {"zh": re.compile(r"\s*" + lexicon.alternation(lexicon.ZH_CONTINUATION_WORDS)),
                "en": re.compile(r"\s*(?i:" + lexicon.alternation(lexicon.EN_CONTINUATION_WORDS)[3:] + r"(?![a-z])")}


def continues(text: str, lang: str) -> bool:
    """Whether a clause opens by continuing the one before it (其中, Among them)."""
    return bool(CONTINUATION["zh" if lang.startswith("zh") else "en"].match(text))


def as_of(fig: dict, dates: list, fig_start: int, text: str, doc_date: str | None, part=None,
          carried=None) -> tuple[str | None, str, int | None]:
    """(as_of, basis, index of the date in `dates`) for a figure at fig_start of a clause with these dates
    (tag_dates() spans), in this order:
    1. 'date': the date its year came from (the nearest of the clause's dates with that year);
    2. 'date in its part': for a reported figure, the nearest day or month in its part of the clause (part:
       (start, end)): "4,720 patent agencies and about 36,000 licensed patent agents by the end of last year";
    3. 'sentence period': for a reported figure, the year or period the sentence is about, the nearest before
       it that ended before the document's date ("the goal set in the 13th Five-Year period, ... up to 690
       thousand people" is as of 2020-12-31);
    4. 'date in the clause before': carried, the as-of date of the clause a continuing clause (其中, Among
       them) follows, for a reported figure;
    5. the figure's year for a target ('target year'), or a year other than the document's ('year'), else the
       document's date ('document date').
    Dates are given at the precision the text gives them; a period ends where it ends (for a target, its
    year). A reported figure is never as of a day after its document ("今年……60余场" in May is as of the
    document's date)."""
    year, kind = fig["year"], fig["kind"]
    doc_year = int(doc_date[:4]) if doc_date else None
    doc_end = _period_end(doc_date) if doc_date else None
    usable = [(i, d) for i, d in enumerate(dates) if not is_baseline(d, text)]
    best = min(((abs(d["start"] - fig_start), i) for i, d in usable
                if year is not None and as_of_year(d, kind, doc_year) == year), default=None)
    basis = "date"
    if best is None and kind == "reported" and part:
        best = min(((abs(d["start"] - fig_start), i) for i, d in usable if part[0] <= d["start"] < part[1]
                    and d["precision"] in ("day", "month") and (not doc_end or d["date_end"] <= doc_end)), default=None)
        basis = "date in its part"
    if best is None and kind == "reported" and doc_end:
        best = max(((d["start"], i) for i, d in usable if d["start"] < fig_start
                    and d["precision"] in ("year", "period") and d["date_end"] < doc_end), default=None)
        basis = "sentence period"
    if best is not None:
        d = dates[best[1]]
        value = {"day": d["date_end"], "month": d["date_end"][:7]}.get(d["precision"], d["date_end"][:4])
        if d["precision"] == "period" and kind == "reported":
            value = doc_date if d.get("running") and doc_date else d["date_end"]  # a running total: the report's date
        if kind == "reported" and doc_end and _period_end(value) > doc_end:
            value = doc_date
        return value, basis, best[1]
    if carried and kind == "reported":
        return carried, "date in the clause before", None
    if year is None:
        return None, "none", None
    if kind == "target" or not doc_date or doc_date[:4] != str(year):
        return str(year), "target year" if kind == "target" else "year", None
    return doc_date, "document date", None


def clause_as_of(dates: list, text: str, doc_date: str | None) -> str | None:
    """The as-of date a clause states for what it reports (截至2023年底, At the end of 2022): its first day or
    month that is no baseline and not after the document's date, at its precision; None when it has none."""
    doc_end = _period_end(doc_date) if doc_date else None
    for d in dates:
        if d["precision"] in ("day", "month") and d["role"] not in ("published", "issued", "deadline") \
                and not is_baseline(d, text) and (not doc_end or d["date_end"] <= doc_end):
            return d["date_end"] if d["precision"] == "day" else d["date_end"][:7]
    return None


# ---------------------------------------------------------------------------------------------- documents
def map_figures(figures: list, clauses: list, clause_dates: dict, indicators: list, doc_date, lang: str,
                registry: dict, title: str | None = None, issuer: str | None = None) -> list[dict]:
    """figure_indicators rows for one document: each figure (a figures row) that measures an indicator of the
    registry. clauses: the document's clause rows in order; clause_dates: tag_dates() spans by clause id;
    indicators: its indicator-table rows; title and issuer say whose figures it gives (document_scope())."""
    if not registry["indicators"]:
        return []
    doc_date = None if doc_date is None else str(doc_date)
    mapper = DocumentMapper(figures, registry, lang, doc_date, document_scope(title, issuer))
    rows = []
    paragraph_key, paragraph = None, []  # the clauses of the paragraph before this one, nearest first
    carried = None  # the as-of date the clause before states, for a clause that continues it
    for clause in clauses:
        key = (clause["section_id"], clause["paragraph"])
        if key != paragraph_key:
            paragraph_key, paragraph, carried = key, [], None
        dates = clause_dates.get(clause["id"], [])
        if not (paragraph and (continues(clause["text"], lang) or paragraph[0]["text"].rstrip().endswith((";", "；")))):
            carried = None
        for fig in mapper.by_clause.get(clause["id"], ()):
            row = mapper.map_clause_figure(fig, clause, paragraph, dates, carried)
            if row:
                rows.append(row)
        carried = clause_as_of(dates, clause["text"], doc_date) or carried
        paragraph.insert(0, clause)
    table_rows = {ind["id"]: ind for ind in indicators}
    for fig in figures:
        if fig["indicator_id"] in table_rows:
            row = map_table_figure(fig, table_rows[fig["indicator_id"]], registry)
            if row:
                rows.append(row)
    return rows


class DocumentMapper:
    """The figures of one document and the clause views made for them, each made once and only when needed:
    the clauses with figures, and a paragraph's earlier clauses when a figure looks back into them."""

    def __init__(self, figures, registry, lang, doc_date, default_scope="national"):
        self.registry, self.lang, self.doc_date, self.default_scope = registry, lang, doc_date, default_scope
        self.by_clause = {}
        for f in figures:
            if f["clause_id"]:
                self.by_clause.setdefault(f["clause_id"], []).append(f)
        self.views = {}

    def view(self, clause) -> ClauseView:
        v = self.views.get(clause["id"])
        if v is None:
            spans = [(f["start"] - clause["start"], f["end"] - clause["start"]) for f in self.by_clause.get(clause["id"], ())]
            v = self.views[clause["id"]] = ClauseView(clause, self.lang, self.registry, spans)
        return v

    def map_clause_figure(self, fig, clause, paragraph, dates, carried=None):
        """The figure_indicators row of one figure of a clause, or None."""
        view = self.view(clause)
        start, end = fig["start"] - clause["start"], fig["end"] - clause["start"]
        if view.text[start - 1:start] == "[" and view.text[end:end + 1] == "]":
            return None  # a footnote's mark ("will need to restructure.[2]") counts nothing
        found = candidates(view, start, end, self.view(paragraph[0]) if paragraph else None)
        if not found:
            return None
        units = figure_units(fig["unit"], fig["surface"], view.text[end:end + 6], self.lang)
        earlier = (self.view(c).scope for c in paragraph)
        scope = figure_scope(view.scope, start, earlier, self.default_scope)
        increment = increment_span(view.text, view.part(start)[0], start, end, self.lang)
        chosen = choose(view, start, found, units, scope, lambda: (self.view(c) for c in paragraph), increment)
        if chosen is None:
            return None
        cand, place = chosen
        value, basis, date_index = as_of(fig, dates, start, clause["text"], self.doc_date, view.part(start), carried)
        m = cand.match
        return _row(fig, cand.indicator["id"], m.cue.text, cand.clause["text"][m.start:m.end],
                    cand.clause["start"] + m.start, cand.clause["start"] + m.end, cand.method, place, value, basis,
                    f"{clause['id']}-d{date_index + 1}" if date_index is not None else None)


def map_table_figure(fig, table_row, registry):
    """The figure_indicators row of an indicator table's value, mapped by the row's name, or None."""
    ind = registry["by_table_row"].get(row_key(table_row["indicator"]))
    if ind is None:
        return None
    unit = (table_row.get("unit_as_printed") or "").strip().lower()
    units = frozenset(("percent",)) if unit in ("%", "percent") else frozenset(("score",)) if unit == "score" else None
    if not unit_fits(ind["unit"], units):
        return None
    name = table_row["indicator"]
    at = max(table_row["row_text"].find(name), 0)
    year = fig["year"]
    return _row(fig, ind["id"], name, name, table_row["start"] + at, table_row["start"] + at + len(name),
                "table row", None, str(year) if year else None, "table header" if year else "none", None)


def _row(fig, indicator, cue, evidence, start, end, method, place, value, basis, date_id):
    return {
        "figure_id": fig["id"], "document_id": fig["document_id"], "indicator": indicator,
        "kind": fig["kind"], "as_of": value, "as_of_end": _period_end(value) if value else None,
        "deadline": _period_end(value) if value and fig["kind"] == "target" else None,
        "as_of_basis": basis, "as_of_date_id": date_id, "method": method, "cue": cue, "evidence": evidence,
        "evidence_start": start, "evidence_end": end, "place": place,
    }
