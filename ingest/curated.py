"""The curated data every document is processed with, loaded once into one frozen value."""
from dataclasses import dataclass
from pathlib import Path

from . import corpusfiles
from .document.chrome import load_chrome_rules
from .taggers.glossary import load_glossary
from .taggers.indicators import load_registry
from .taggers.measures import load_taxonomy
from .segment import read_userdict


@dataclass(frozen=True)
class Curated:
    """What researchers curate in corpus/, as the taggers take it. Sent once to each worker process."""
    userdict: tuple  # the user dictionary's (word, frequency, part of speech) entries
    glossary: tuple  # glossary terms: {"id", "zh": [...], "en": [...], "note"}
    taxonomy: dict  # the measure taxonomy, cues compiled (measures.load_taxonomy)
    chrome: object  # the page-chrome rules, compiled (document.chrome.load_chrome_rules)
    indicators: dict  # the indicator registry, cues compiled (taggers.indicators.load_registry)


def load_curated(corpus_dir) -> Curated:
    """Read and check the curated files of a corpus folder; a CorpusError names the file and line."""
    corpus_dir = Path(corpus_dir)
    return Curated(
        userdict=tuple(read_userdict(corpus_dir / corpusfiles.USERDICT)),
        glossary=tuple(load_glossary(corpus_dir / corpusfiles.GLOSSARY)),
        taxonomy=load_taxonomy(corpus_dir / corpusfiles.TAXONOMY),
        chrome=load_chrome_rules(corpus_dir / corpusfiles.CHROME),
        indicators=load_registry(corpus_dir / corpusfiles.INDICATORS),
    )


def curated_paths(corpus_dir) -> list[Path]:
    """The curated files of a corpus folder, in a fixed order (for hashing)."""
    return [Path(corpus_dir) / name for name in corpusfiles.CURATED]
