"""The files of a corpus folder that are not documents, named once: the manifest and the curated data."""
from pathlib import Path

MANIFEST = "manifest.yml"
GLOSSARY = "glossary.yml"  # Chinese/English term pairs
USERDICT = "userdict.txt"  # jieba's user dictionary
TAXONOMY = "measures.yml"  # the policy-measure taxonomy
CHROME = "chrome.yml"  # the rules that tell page chrome from the document
INDICATORS = "indicators.yml"  # the indicator registry: what figures measure, followed over time
# Bilingual names of issuers and document-number prefixes, for citations: read when a page is served, not by
# the build, so it is not curated data a rebuild depends on.
NAMES = "names.yml"
# The curated files: what every document's rows depend on besides its own file and manifest entry.
CURATED = (GLOSSARY, USERDICT, TAXONOMY, CHROME, INDICATORS)
NOT_DOCUMENTS = frozenset((MANIFEST, *CURATED, NAMES))

# The repository's own corpus: the default for the build, and the user dictionary search segments with.
REPOSITORY_CORPUS = Path(__file__).resolve().parent.parent / "corpus"
