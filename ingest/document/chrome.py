"""Page chrome: the lines of a saved web page that are not the document.

The rules are data (corpus/chrome.yml): they name kinds of chrome (breadcrumbs, datelines, page tools, related
links), not documents, and match folded text (simplified, half-width, lower case), so they hold on pages from
sites nobody tuned them for. The source file keeps its chrome; the rules keep it out of clauses.
"""
import functools
import re
from typing import NamedTuple

from .. import lexicon
from ..errors import CorpusError
from ..literals import LiteralSet, pattern_screens
from ..manifest import read_yaml
from ..normalise import normalise

KINDS = ("line", "header_end", "footer_start", "related", "tools")
RULE_FIELDS = {"name", "kind", "patterns", "words", "published", "in_labels", "examples", "not", "__line__"}
# No line this long is chrome (footers and datelines are short): a paragraph is not tried against the rules.
MAX_CHROME_LINE = 300
# Link titles under a "Related" header: short lines that do not end a sentence.
MAX_LINK_LINE = 120
_SENTENCE_END = re.compile(r"[。！？!?；;]\s*[”\"’']?$|(?<![A-Z])\.\s*[”\"’']?$")
_FULL_STOP = re.compile(r"[。！？]\s*[”\"’']?$")
_MONTH = lexicon.alternation(lexicon.MONTHS)
_TOKEN = re.compile(r"[^\W_]+")


class Rule(NamedTuple):
    name: str
    kind: str
    patterns: tuple  # compiled, matched against the folded line
    published: bool  # the line dates the page (a dateline or byline)
    line: int  # where the rule is written in chrome.yml, for messages
    # Per pattern, words one of which every match holds (literals.pattern_screens), or None when there are none:
    # a line holding none of them is not tried against the pattern.
    screens: tuple = ()
    in_labels: bool = False  # text where it stands among the text's own label lines (chrome.yml)


class ChromeRules(NamedTuple):
    """The rules of corpus/chrome.yml, compiled; tools words apart."""
    rules: tuple
    tool_words: frozenset
    tool_name: str | None
    examples: tuple  # (rule name, line, should it match) for the tests
    screen_words: LiteralSet | None = None  # every screen's words, found in a line in one pass


def fold(text: str) -> str:
    """The form rules match: simplified, half-width, lower case, one kind of space."""
    return normalise(text).lower()


def load_chrome_rules(path) -> ChromeRules:
    """Read and compile corpus/chrome.yml; a CorpusError names the rule and its line."""
    raw = read_yaml(path)
    items = raw.get("rules") if isinstance(raw, dict) else None
    if not isinstance(items, list) or not items:
        raise CorpusError(path, "expected a mapping with a non-empty 'rules:' list")
    rules, tool_words, tool_name, examples = [], set(), None, []
    for item in items:
        line = item.get("__line__") if isinstance(item, dict) else None
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or item.get("kind") not in KINDS:
            raise CorpusError(path, f"each rule needs a name and a kind (one of {', '.join(KINDS)})", line=line)
        unknown = sorted(set(item) - RULE_FIELDS)
        if unknown:
            raise CorpusError(path, f"rule {item['name']!r} has unknown field(s): {', '.join(unknown)}", line=line)
        for field in ("examples", "not"):
            for example in item.get(field) or []:
                examples.append((item["name"], str(example), field == "examples"))
        if item["kind"] == "tools":
            words = item.get("words")
            if not isinstance(words, list) or not words:
                raise CorpusError(path, f"rule {item['name']!r}: a tools rule needs a list of words", line=line)
            tool_words.update(fold(str(w)) for w in words)
            tool_name = item["name"]
            continue
        patterns = item.get("patterns")
        if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) for p in patterns):
            raise CorpusError(path, f"rule {item['name']!r} needs a list of patterns", line=line)
        try:
            compiled = tuple(re.compile(_expand(p), re.IGNORECASE) for p in patterns)
        except re.error as e:
            raise CorpusError(path, f"rule {item['name']!r}: bad pattern: {e}", line=line)
        screens = tuple(next(iter(pattern_screens(p.pattern)), None) for p in compiled)
        rules.append(Rule(item["name"], item["kind"], compiled, bool(item.get("published")), line, screens,
                          bool(item.get("in_labels"))))
    words = {w for rule in rules for screen in rule.screens if screen for w in screen}
    return ChromeRules(tuple(rules), frozenset(tool_words), tool_name, tuple(examples), LiteralSet(words))


def _expand(pattern):
    """A pattern with its placeholders filled: {month} is any English month name or abbreviation (lexicon's)."""
    return pattern.replace("{month}", _MONTH)


def _is_tools_line(folded, tool_words):
    """True when the line holds words and every one of them is page-tool words, maybe glued (打印关闭, aaaprint)."""
    tokens = _TOKEN.findall(folded)
    # Most lines are text, whose first word starts with no tool word: one regex match says so.
    if not tokens or not _tool_word_start(tool_words).match(tokens[0]):
        return False
    return all(_made_of(token, tool_words) for token in tokens)


@functools.lru_cache(maxsize=4)
def _tool_word_start(tool_words):
    return re.compile("|".join(map(re.escape, sorted(tool_words, key=len, reverse=True))) or "(?!)")


def _made_of(token, words, limit=12):
    """True when token is one or more of the words, one after another."""
    if token in words:
        return True
    if limit == 0:
        return False
    return any(token.startswith(w) and _made_of(token[len(w):], words, limit - 1) for w in words if len(w) < len(token))


def line_rule(text: str, rules: ChromeRules) -> Rule | None:
    """The first rule that takes this line as chrome, or None. A tools line gives a Rule of kind 'tools'."""
    if len(text) > MAX_CHROME_LINE:
        return None
    folded = fold(text)
    sentence = _FULL_STOP.search(text) is not None
    present = rules.screen_words.present(folded) if rules.screen_words is not None else None
    for rule in rules.rules:
        # A line that dates the page is a label and a date; one that ends in a full stop is a sentence of the
        # text that happens to open with such a label (时间：2025年6月12日9:00—16:00。 in a notice).
        if rule.published and sentence:
            continue
        screens = rule.screens or (None,) * len(rule.patterns)
        if any((screen is None or present is None or not screen.isdisjoint(present)) and p.search(folded)
               for p, screen in zip(rule.patterns, screens)):
            return rule
    if rules.tool_words and _is_tools_line(folded, rules.tool_words):
        return Rule(rules.tool_name, "tools", (), False, 0)
    return None


def looks_like_link(text: str) -> bool:
    """A line that could be one link of a list: short, and no sentence."""
    return len(text) <= MAX_LINK_LINE and not _SENTENCE_END.search(text)


def ends_a_sentence(text: str) -> bool:
    return _SENTENCE_END.search(text) is not None


class LineChrome(NamedTuple):
    reason: str
    kind: str
    published: bool


def classify_lines(lines, rules: ChromeRules, strip_lines=()) -> dict:
    """{line index: LineChrome} for the lines the rules take as chrome on their own, and the lines under a
    'related links' header. Page zones (what lies above a breadcrumb or below the article) are layout's."""
    explicit = {s.strip() for s in strip_lines}
    found, in_related, in_labels = {}, False, set()
    for i, ln in enumerate(lines):
        if ln.text in explicit:
            found[i] = LineChrome("manifest strip_lines", "line", False)
            continue
        rule = line_rule(ln.text, rules)
        if rule is not None:
            found[i] = LineChrome(rule.name, rule.kind, rule.published)
            if rule.in_labels:
                in_labels.add(i)
            in_related = rule.kind == "related" or (in_related and rule.kind in ("line", "tools"))
        elif in_related and looks_like_link(ln.text):
            found[i] = LineChrome("related links", "related", False)
        else:
            in_related = False
    for i in _labels_of_the_text(lines, found, in_labels):
        del found[i]
    return found


_LABEL = re.compile(r"^[^:：]{1,20}[:：]\s*\S")  # Time: 9:30 am, 地点：人才市场


def _labels_of_the_text(lines, found, in_labels):
    """The in_labels lines that stand in a run of label lines right under the text, beside a label line no rule
    takes (Address: … / Time: 9:30 am-4 pm / Tel: … under an event's announcement): the text's own. A run
    under chrome (a footer) keeps them chrome."""
    kept, i = [], 0
    while i < len(lines):
        j = i
        while j < len(lines) and _LABEL.match(lines[j].text) and (j not in found or j in in_labels):
            j += 1
        run = range(i, j)
        if j > i and (i == 0 or i - 1 not in found) and any(k not in found for k in run) \
                and any(k in in_labels for k in run):
            kept += [k for k in run if k in in_labels]
        i = max(j, i + 1)
    return kept
