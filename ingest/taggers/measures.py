"""Policy measures and modality of a clause, from the curated cues in corpus/measures.yml.

A clause may carry several measures (training, recruitment, reporting, ...) and has exactly one modality
(obligation, encouragement, target, reporting, fact). The cues are data: adding a category or a cue to
measures.yml changes the tags on the next build with no change here.
"""
import re
from typing import NamedTuple

from .. import lexicon
from ..errors import CorpusError
from ..literals import LiteralSet, pattern_screens
from ..manifest import LANGUAGES, URL_SAFE_ID, read_yaml
from ..normalise import normalise
from ..patterns import PatternError, compile_timed

INSTRUMENTS = ("supply", "environment", "demand")
# The modalities are a closed set because tag_modality's precedence rule names them.
MODALITIES = ("obligation", "encouragement", "target", "reporting", "fact")
CATEGORY_FIELDS = ("id", "name_zh", "name_en", "instrument", "definition", "cues", "not_cues")
MAX_REMEMBERED_HITS = 4096  # sets of screening words each CueIndex keeps the cues of
# A cue written /like this/ is a regular expression; anything else is a literal word or phrase.
PATTERN_CUE = re.compile(r"^/(?P<body>.+)/$", re.S)
# English cues are word prefixes: they start where a word starts (lexicon.EN_WORD_START).
# What may stand between "we will"/"要" and "encourage"/"鼓励" for the encouragement to be the main
# predicate: nothing, or one adverb ("We will actively support ...", "要积极引导 ...").
EN_MODAL_GAP = re.compile(r"^\s*(?:[A-Za-z]+ly\s+)?$")
ZH_MODAL_GAP = re.compile(r"^.{0,2}$")


class Cue(NamedTuple):
    """One compiled cue: the text as written in measures.yml, its regex, 'cue' or 'pattern', and its screen:
    lower-case substrings of which every match holds one (None when there is no simple one). When none of
    them is in a clause, as for most cues in most clauses, the regex is not run. A pattern may need more
    than one word ("(?:improv|enhanc)\\w* ... abilit"): also holds its other screens, each needed too."""
    text: str
    regex: re.Pattern
    method: str
    screen: frozenset | None = None
    also: tuple = ()

    def holds_words_for(self, present):
        """False when the clause lacks every word of one of the other screens, so the regex cannot match."""
        return all(not words.isdisjoint(present) for words in self.also)


class Match(NamedTuple):
    """Where a cue matched in a clause."""
    cue: Cue
    start: int
    end: int


# ---------------------------------------------------------------------------------------------- loading
def load_taxonomy(path) -> dict:
    """Parse measures.yml into {'version', 'categories': [...], 'modalities': {...}, 'literals': {lang: LiteralSet}}
    with cues compiled once; 'literals' holds every cue's screening substring, found in a clause in one pass."""
    raw = read_yaml(path)
    if not isinstance(raw, dict):
        raise CorpusError(path, "the taxonomy must be a mapping with 'categories' and 'modalities'")
    categories = raw.get("categories")
    if not isinstance(categories, list) or not categories:
        raise CorpusError(path, "'categories' must be a non-empty list", line=raw.get("__line__"))
    parsed, seen = [], {}
    for item in categories:
        category = _parse_category(item, path)
        if category["id"] in seen:
            raise CorpusError(
                path, f"duplicate category id {category['id']!r} (first at line {seen[category['id']]})",
                line=category["line"],
            )
        seen[category["id"]] = category["line"]
        parsed.append(category)
    modalities = _parse_modalities(raw.get("modalities"), path)
    return {
        "version": raw.get("version"),
        "categories": parsed,
        "modalities": modalities,
        "literals": _literal_sets([*parsed, *modalities.values()]),
        "routes": _category_routes(parsed),
    }


def _literal_sets(entries):
    """{lang: LiteralSet} of the screening words of all the entries' cues and not-cues."""
    literals = {}
    for entry in entries:
        for cues in (entry["cues"], entry["not_cues"]):
            for lang, lang_cues in cues.items():
                for cue in lang_cues:
                    literals.setdefault(lang, set()).update(cue.screen or (), *cue.also)
    return {lang: LiteralSet(found) for lang, found in literals.items()}


class Routes(NamedTuple):
    """One language's categories by screening word: which of the twenty-odd categories a clause's words may
    tag, found in one step rather than by asking each in turn (most have none of their words in a clause)."""
    by_word: dict  # screening word -> positions in the category list
    always: frozenset  # positions of the categories with a cue that has no screen

    def categories(self, present):
        """Positions of the categories whose cues may match a clause holding the screening words `present`."""
        positions = set(self.always)
        for word in present:
            positions.update(self.by_word.get(word, ()))
        return sorted(positions)


def _category_routes(categories):
    """{lang: Routes} from the categories' cue indexes (their not-cues only ever remove a match)."""
    routes = {}
    for position, category in enumerate(categories):
        for lang, index in category["cues_index"].items():
            by_word, always = routes.setdefault(lang, ({}, set()))
            for word in index.words:
                by_word.setdefault(word, set()).add(position)
            if index.always:
                always.add(position)
    return {lang: Routes(by_word, frozenset(always)) for lang, (by_word, always) in routes.items()}


def _parse_category(item, path):
    if not isinstance(item, dict):
        raise CorpusError(path, "each category must be a mapping of fields")
    line = item.get("__line__")
    if not item.get("id"):
        raise CorpusError(path, "a category is missing its 'id'", line=line)
    category_id = str(item["id"])
    if not URL_SAFE_ID.match(category_id):
        raise CorpusError(path, f"category id {category_id!r} is not URL-safe", line=line)
    unknown = sorted(set(item) - set(CATEGORY_FIELDS) - {"__line__"})
    if unknown:
        raise CorpusError(path, f"category {category_id!r} has unknown field(s): {', '.join(unknown)}", line=line)
    if item.get("instrument") not in INSTRUMENTS:
        raise CorpusError(
            path, f"category {category_id!r}: instrument must be one of {INSTRUMENTS}, not {item.get('instrument')!r}",
            line=line,
        )
    where = f"category {category_id!r}"
    return {
        "id": category_id,
        "name_zh": item.get("name_zh"),
        "name_en": item.get("name_en"),
        "instrument": item["instrument"],
        "definition": (item.get("definition") or "").strip(),
        **_indexed("cues", _compile_cues(item.get("cues"), path, line, where)),
        **_indexed("not_cues", _compile_cues(item.get("not_cues"), path, line, where + " not_cues")),
        "line": line,
    }


def _parse_modalities(raw, path):
    if not isinstance(raw, dict):
        raise CorpusError(path, "'modalities' must be a mapping of modality name to definition and cues")
    line = raw.get("__line__")
    names = [k for k in raw if k != "__line__"]
    unknown = sorted(set(names) - set(MODALITIES))
    if unknown:
        raise CorpusError(path, f"unknown modality {', '.join(unknown)}: use {MODALITIES}", line=line)
    modalities = {}
    for name in MODALITIES:
        item = raw.get(name) or {}
        if not isinstance(item, dict):
            raise CorpusError(path, f"modality {name!r} must be a mapping", line=line)
        item_line = item.get("__line__", line)
        modalities[name] = {
            "definition": (item.get("definition") or "").strip(),
            **_indexed("cues", _compile_cues(item.get("cues"), path, item_line, f"modality {name!r}")),
            **_indexed("not_cues", _compile_cues(item.get("not_cues"), path, item_line, f"modality {name!r} not_cues")),
        }
    return modalities


class CueIndex(NamedTuple):
    """One language's cues of a category or modality, by screening word: the words a clause holds say which
    cues may match it, without a test of every cue. Most clauses hold none of a category's words."""
    cues: tuple
    words: frozenset
    by_word: dict  # screening word -> positions in cues
    unscreened: tuple  # positions of the cues without a screen: they are always run
    always: tuple  # those cues
    # Screened cues by the set of screening words a clause holds: clauses hold few distinct sets of an index's
    # words (about 400 over 300 documents, all indexes together), so each set's cues are looked up once.
    by_hits: dict

    def candidates(self, present):
        """The cues that may match a clause holding the screening words `present`, in the order written."""
        hits = self.words.intersection(present)
        if not hits:
            return self.always
        screened = self.by_hits.get(hits)
        if screened is None:
            if len(self.by_hits) >= MAX_REMEMBERED_HITS:  # a bound, whatever the corpus
                self.by_hits.clear()
            positions = set(self.unscreened)
            for word in hits:
                positions.update(self.by_word[word])
            screened = self.by_hits[hits] = tuple(map(self.cues.__getitem__, sorted(positions)))
        return [cue for cue in screened if not cue.also or cue.holds_words_for(present)]


NO_CUES = CueIndex((), frozenset(), {}, (), (), {})


def _cue_screen(text):
    """A plain cue's whole text, its words one space apart (clause_literals sees the clause that way), so
    the regex runs only where the phrase is. A ' matches ’ too: such a cue is screened by its longest piece
    between spaces and apostrophes (master's program by program)."""
    folded = normalise(text).lower()
    if "'" in folded:
        piece = max(re.split(r"[\s']+", folded), key=len)
        return frozenset({piece}) if piece else None
    return frozenset({" ".join(folded.split())})


def _indexed(name, cues):
    """{name: {lang: [Cue, ...]}, name + '_index': {lang: CueIndex}}."""
    index = {}
    for lang, lang_cues in cues.items():
        by_word = {}
        for position, cue in enumerate(lang_cues):
            for word in cue.screen or ():
                by_word.setdefault(word, []).append(position)
        unscreened = tuple(position for position, cue in enumerate(lang_cues) if not cue.screen)
        always = tuple(lang_cues[position] for position in unscreened)
        index[lang] = CueIndex(tuple(lang_cues), frozenset(by_word), by_word, unscreened, always, {})
    return {name: cues, name + "_index": index}


def _compile_cues(raw, path, line, where):
    """{lang: [Cue, ...]} from a YAML mapping of language to a list of cue strings."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise CorpusError(path, f"{where}: cues must be a mapping of language (zh, en) to a list", line=line)
    compiled = {}
    for lang, cues in raw.items():
        if lang == "__line__":
            continue
        if lang not in LANGUAGES:
            raise CorpusError(path, f"{where}: unknown cue language {lang!r}: use {LANGUAGES}", line=line)
        if not isinstance(cues, list) or not all(isinstance(c, str) and c.strip() for c in cues):
            raise CorpusError(path, f"{where}: {lang} cues must be a list of non-empty strings", line=line)
        # Each cue's own line where the YAML reader kept it (a list written over several lines).
        lines = getattr(cues, "lines", None) or [line] * len(cues)
        compiled[lang] = [_compile_cue(c, lang, path, cue_line, where) for c, cue_line in zip(cues, lines)]
    return compiled


def _compile_cue(text, lang, path, line, where):
    pattern = PATTERN_CUE.match(text)
    try:
        if pattern:
            # Written by hand: matched by the regex module with a time limit, so that a pattern that backtracks
            # without end fails the build, naming it, instead of hanging it. A plain cue cannot backtrack.
            body, method = _fold_pattern(pattern["body"]), "pattern"
            regex = compile_timed(body, lang == "en", text, path, line)
        else:
            body = _english_cue(normalise(text).split()) if lang == "en" else re.escape(normalise(text))
            method = "cue"
            regex = re.compile(body, re.IGNORECASE if lang == "en" else 0)
    except (re.error, PatternError) as e:
        raise CorpusError(path, f"{where}: bad pattern {text!r}: {e}", line=line)
    if method == "pattern":
        screens = pattern_screens(body)
        return Cue(text, regex, method, screens[0] if screens else None, screens[1:])
    return Cue(text, regex, method, _cue_screen(text))


def _english_cue(words):
    """Runs of spaces in the text match one space in the cue; ' matches the typographic ’ as well."""
    body = r"\s+".join(re.escape(w).replace("'", "['’]") for w in words)
    first = words[0][0]
    if not first.isalnum():  # re.escape leaves letters and digits as they are, so body starts with first
        return lexicon.EN_WORD_START + body
    return first + lexicon.en_word_started(first) + body[1:]


def _fold_pattern(body):
    """A pattern in the form normalise() gives the text: full-width punctuation (，；) becomes half-width,
    escaped where the half-width form is a regex operator (so （ stays a literal bracket)."""
    return "".join(re.escape(folded) if (folded := normalise(ch)) != ch else ch for ch in body)


# ---------------------------------------------------------------------------------------------- matching
def clause_literals(folded: str, lang: str, taxonomy: dict) -> frozenset:
    """The taxonomy's screening substrings that occur in the (normalised) clause, found in one pass."""
    literals = taxonomy["literals"].get(lang)
    if not literals:
        return frozenset()
    # A cue's words match across any run of white space, and its screen holds them one space apart (and no
    # space at either end): the clause is looked at with its words one space apart too.
    return frozenset(literals.present(" ".join(folded.lower().split())))


def find_cues(text: str, present: set, cues: CueIndex, not_cues: CueIndex = NO_CUES) -> list:
    """Every match of the cues in the (normalised) text, minus those lying inside a match of a not-cue.
    present is clause_literals(text), found once per clause for all its cue tests."""
    candidates = cues.candidates(present)
    if not candidates:
        return []
    blocked = [(m.start(), m.end()) for c in not_cues.candidates(present) for m in c.regex.finditer(text)]
    found = []
    for cue in candidates:
        for m in cue.regex.finditer(text):
            if m.end() > m.start() and not any(a <= m.start() and m.end() <= b for a, b in blocked):
                found.append(Match(cue, m.start(), m.end()))
    if len(found) > 1:
        found.sort(key=_earliest_then_longest)
    return found


def _earliest_then_longest(m):
    return m.start, m.start - m.end


def _first_match(text, present, entry, lang):
    """The earliest (then longest) match of an entry's cues in the clause, or None."""
    found = _all_matches(text, present, entry, lang)
    return found[0] if found else None


def _all_matches(text, present, entry, lang):
    cues = entry["cues_index"].get(lang, NO_CUES)
    # Most entries have none of their words in a given clause: tested here, before any other work.
    if not cues.always and cues.words.isdisjoint(present):
        return []
    return find_cues(text, present, cues, entry["not_cues_index"].get(lang, NO_CUES))


def tag_clause(text: str, lang: str, taxonomy: dict, lead_in: str | None = None):
    """(measures, (modality, evidence)) of one clause: tag_measures() and tag_modality() with the clause
    normalised and screened once for both."""
    folded = normalise(text)
    present = clause_literals(folded, lang, taxonomy)
    return _measures(folded, present, lang, taxonomy), _modality(text, folded, present, lang, taxonomy, lead_in)


def tag_measures(text: str, lang: str, taxonomy: dict) -> list[dict]:
    """Measures in one clause, one per category: its cue that matched first in the text, with the offsets."""
    return tag_clause(text, lang, taxonomy)[0]


def _measures(folded, present, lang, taxonomy):
    routes = taxonomy["routes"].get(lang)
    tags = []
    for position in routes.categories(present) if routes else ():
        category = taxonomy["categories"][position]
        m = _first_match(folded, present, category, lang)
        if m:
            tags.append({
                "measure_id": category["id"], "cue": m.cue.text, "start": m.start, "end": m.end,
                "method": m.cue.method,
            })
    return sorted(tags, key=lambda t: t["start"])


def tag_modality(text: str, lang: str, taxonomy: dict, lead_in: str | None = None) -> tuple[str, str | None]:
    """(modality, evidence): reporting beats target beats the main predicate; evidence is the matched text,
    'lead-in' when the modality came from the list's lead-in clause, None for the default fact."""
    return tag_clause(text, lang, taxonomy, lead_in)[1]


def _modality(text, folded, present, lang, taxonomy, lead_in):
    modalities = taxonomy["modalities"]
    reporting = _first_match(folded, present, modalities["reporting"], lang)
    if reporting:
        return "reporting", text[reporting.start:reporting.end]
    main, evidence = _main_predicate(text, folded, present, lang, modalities)
    target = _first_match(folded, present, modalities["target"], lang)
    # A number in a statement of fact ("has reached 860,000") is an achievement, not a goal.
    if target and not (main == "fact" and evidence is not None):
        return "target", text[target.start:target.end]
    if main is None:
        return (lead_in, "lead-in") if lead_in else ("fact", None)
    return main, evidence


def _main_predicate(text, folded, present, lang, modalities):
    """The modality of the clause's first modal cue (obligation, encouragement or fact), or (None, None).
    An obligation cue directly followed by encouragement ("We will encourage", "要鼓励") is encouragement."""
    found = []
    for name in ("obligation", "encouragement", "fact"):
        found += [(m, name) for m in _all_matches(folded, present, modalities[name], lang)]
    if not found:
        return None, None
    found.sort(key=lambda f: _earliest_then_longest(f[0]))
    first, name = found[0]
    if name == "obligation":
        gap = EN_MODAL_GAP if lang == "en" else ZH_MODAL_GAP
        for m, other in found[1:]:
            if other == "encouragement" and m.start >= first.end and gap.match(folded[first.end:m.start]):
                return "encouragement", text[first.start:m.end]
    return name, text[first.start:first.end]


def carries_lead_in(text: str, lang: str) -> bool:
    """True when the clause ends with ； (or ;), so its modality carries to the next clause of the paragraph."""
    # rstrip() strips what \s matches; a regex ending in $ would be tried at every offset of the clause.
    return text.rstrip().endswith((";", "；"))
