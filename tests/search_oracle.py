"""What a search should find, worked out without FTS: the oracle the search tests compare with."""
import re

import Stemmer

from ingest.normalise import has_cjk, normalise
from ingest.segment import get_tokenizer

_STEM = Stemmer.Stemmer("porter")
_WORD = re.compile(r"[^\W_]+")

CHINESE_QUERIES = [
    "就", "业", "就业", "高校", "专利", "服务业", "吸纳就业", "应届毕业生", "专利代理师", "知识产权服务业",
    "先上岗", "再考证", "资格考试", "购买服务", "报送", "宣传", "招聘", "培训费用", "运用促进司", "统计表",
    "高校毕业生", "知识产权服务机构", "稳定和扩大就业", "专利代理师资格考试", "国家知识产权局", "6月30日",
    "服务 就业", "疫情影响", "万里行", "人才队伍素质",
]
TRADITIONAL_QUERIES = ["國家知識產權局", "專利代理師", "應屆畢業生", "就業", "知識產權服務業"]
ENGLISH_QUERIES = [
    "train", "training", "patent", "patent agents", "recruitment", "graduates", "Talent", "CNIPA", "think tanks",
    "job fair", "Beijing", "epidemic", "qualification", '"patent attorney"', '"intellectual property service industry"',
    '"job fairs"', "overseas talents", "universities", "ＣＮＩＰＡ",
]


def _words_of_query(query):
    """The oracle's reading of a query: quoted parts are phrases; other Chinese is cut by the same segmenter."""
    tokenizer = get_tokenizer()
    terms = []
    for quoted, text in re.findall(r'"([^"]*)"|([^"]+)', query):
        text = normalise(quoted or text)
        if quoted:
            terms.append(("phrase", text))
        elif has_cjk(text):
            terms.extend(("substring", w) for w in tokenizer.words(text) if _WORD.search(w))
        else:
            terms.extend(("stem", w) for w in _WORD.findall(text.lower()))
    return terms


def _stems(text):
    return [_STEM.stemWord(t) for t in _WORD.findall(normalise(text).lower())]


def _matches(term, text):
    kind, value = term
    norm = normalise(text)
    if kind == "substring":
        return value in norm
    if kind == "stem":
        return _STEM.stemWord(value) in _stems(norm)
    phrase = _stems(value)
    stems = _stems(norm)
    return any(stems[i:i + len(phrase)] == phrase for i in range(len(stems) - len(phrase) + 1))


def expected_ids(db, query):
    """Clause ids whose normalised text contains every term: computed without FTS."""
    terms = _words_of_query(query)
    return {r["id"] for r in db.execute("select id, text from clauses") if all(_matches(t, r["text"]) for t in terms)}
