"""What the tests share that is not a fixture: paths, a Datasette configured as the README serves it, the
whole-database dump that equal builds must agree on, gold files."""
import json
import shutil
import sqlite3
from pathlib import Path

import yaml
from datasette.app import Datasette

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
TESTS = Path(__file__).resolve().parent
GOLD = TESTS / "gold"
FIXTURES = TESTS / "fixtures"
FIXTURE_CORPUS = FIXTURES / "corpus"


def make_datasette(db_path):
    """A Datasette configured exactly as the README's serve command configures it."""
    return Datasette(
        [],
        immutables=[str(db_path)],
        metadata=yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8")),
        plugins_dir=str(ROOT / "plugins"),
        template_dir=str(ROOT / "templates"),
        settings=json.loads((ROOT / "settings.json").read_text()),
    )


def copy_curated(folder, source=CORPUS):
    """Copy the curated files (glossary, taxonomy, chrome rules, ...) of the corpus folder source into folder."""
    from ingest.corpusfiles import CURATED
    for name in CURATED:
        shutil.copyfile(Path(source) / name, Path(folder) / name)


def one_document_corpus(folder, source, entry: str):
    """A corpus folder holding one document (a copy of source), the manifest entry given as YAML, and the
    repository's curated files: a document added as a researcher adds one."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, folder)
    (folder / "manifest.yml").write_text(entry, encoding="utf-8")
    copy_curated(folder)
    return folder


def built_one_document(base, source, entry: str):
    """A connection (rows by column name) to the database built from a one-document corpus in base."""
    from ingest.builder import build
    corpus = one_document_corpus(base / "corpus", source, entry)
    build(corpus, base / "policy.db", jobs=1)
    conn = sqlite3.connect(base / "policy.db")
    conn.row_factory = sqlite3.Row
    return conn


def loaded_plugin(file_name):
    """The module of one of plugins/ as the running Datasette loaded it: Datasette loads them from their files,
    not as importable modules, so the loaded one is found in its plugin manager."""
    from datasette.plugins import pm
    return next(p for p in pm.get_plugins() if (getattr(p, "__file__", None) or "").endswith(file_name))


def axe_and_overflow_problems(page, axe, paths, screenshot=None):
    """{page name: axe-core's critical and serious violations, or by how many pixels it overflows sideways}
    for each (name, path) visited with a Playwright page; screenshot(page, name) after each, when given."""
    problems = {}
    for name, path in paths.items():
        page.goto(path)
        page.wait_for_load_state()
        results = axe.run(page)
        serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]])
                   for v in results.response["violations"] if v["impact"] in ("critical", "serious")]
        if serious:
            problems[name] = serious
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            problems[f"{name} overflow"] = overflow
        if screenshot:
            screenshot(page, name)
    return problems


def corpus_lines():
    """(line, language) for every line of every corpus document, decoded as the build decodes it."""
    from ingest.document.decode import decode_bytes
    from ingest.manifest import load_manifest
    return [(line, entry["language"]) for entry in load_manifest(CORPUS)
            for line in decode_bytes(entry["path"].read_bytes(), entry["path"]).splitlines()]


# What builds did, not what they built: the build's record and the id history (the same corpus built with and
# without a database before it has the same rows, and a different history).
HISTORY_TABLES = ("build_info", "build_log", "id_aliases", "document_versions")


def dump_database(path):
    """Every row of every table but HISTORY_TABLES, order-free, plus the search index's tokens keyed by clause id
    (its keys, the clauses' sort keys, may differ between builds that are otherwise equal). documents.file_stat is left out: it records
    the files' times on this disk, not what was built from them."""
    conn = sqlite3.connect(path)
    tables = [t for (t,) in conn.execute(
        "select name from sqlite_master where type = 'table' and name not like 'clauses_fts%' "
        f"and name not in ({', '.join(repr(t) for t in HISTORY_TABLES)})")]

    def columns(table):
        return ", ".join(f"[{c}]" for (_, c, *_) in conn.execute(f"pragma table_info([{table}])")
                         if (table, c) != ("documents", "file_stat"))

    dump = {t: sorted(conn.execute(f"select {columns(t)} from [{t}]").fetchall(), key=repr) for t in tables}
    # Sort keys and bases are an order, not values: an incremental build may leave gaps a full build does not.
    for table, column in (("clauses", "sort_key"), ("documents", "sort_base")):
        if table in dump:
            names = [c for (_, c, *_) in conn.execute(f"pragma table_info([{table}])") if (table, c) != ("documents", "file_stat")]
            at = names.index(column)
            rank = {v: n for n, v in enumerate(sorted({row[at] for row in dump[table]}))}
            dump[table] = sorted((row[:at] + (rank[row[at]],) + row[at + 1:] for row in dump[table]), key=repr)
    # The index holds tokens, not text: every token of every entry, with its clause and place.
    conn.execute("create virtual table temp.fts_tokens using fts5vocab(main, clauses_fts, 'instance')")
    dump["fts"] = sorted(conn.execute(
        "select c.id, t.term, t.offset from temp.fts_tokens t join clauses c on c.sort_key = t.doc").fetchall())
    conn.close()
    return dump


def load_gold(name):
    return yaml.safe_load((GOLD / name).read_text(encoding="utf-8"))
