"""Serving across rebuilds: 20 clients read pages while the corpus is rebuilt again and again. Every page is
consistent with one build, and after a build every request sees it within seconds, without a restart."""
import asyncio
import os
import re
import subprocess
import sys
import time

import httpx
import yaml

from conftest import serve
from support import ROOT

CLIENTS = 20
BUILDS = 5
DOC = "news-2021-beijing-overseas-talent"
MARK = re.compile(r"Marker (\d+)")


def _mark(corpus, n):
    """Put generation mark n in the document's title (documents table) and in its first sentence (clauses)."""
    manifest = yaml.safe_load((corpus / "manifest.yml").read_text(encoding="utf-8"))
    for entry in manifest:
        if entry["id"] == DOC:
            entry["title"] = f"Beijing upgrades IP service, Marker {n}"
    (corpus / "manifest.yml").write_text(yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False), encoding="utf-8")
    path = corpus / f"{DOC}.en.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[1] = re.sub(r"^(Marker \d+\. )?", f"Marker {n}. ", lines[1])
    path.write_text("\n".join(lines), encoding="utf-8")


def _build(corpus, db, quiet):
    env = {**os.environ, "POLICY_KB_QUIET_SECONDS": str(quiet)}
    subprocess.run([sys.executable, str(ROOT / "build.py"), "--corpus", str(corpus), "--db", str(db)],
                   check=True, capture_output=True, env=env, timeout=300)


async def _client(base, clause_id, stop, pages, seed):
    # Each build rewords the marked clause, which then takes a new id (an id names one text forever): its first
    # id redirects (301) to the clause's id in the build served, and the clients follow, as browsers do.
    async with httpx.AsyncClient(base_url=base, timeout=30, follow_redirects=True) as client:
        i = seed
        while not stop.is_set():
            i += 1
            if i % 2:  # a clause page: its text (one query), its document's title and citation (others)
                r = await client.get(f"/policy/clauses/{clause_id}")
                assert all(h.status_code == 301 for h in r.history)
            else:  # the document's row with its clauses, as JSON from one page's several queries
                r = await client.get(f"/policy/documents/{DOC}")
            pages.append((time.monotonic(), r.status_code, sorted(set(MARK.findall(r.text)))))


def test_pages_follow_rebuilds_one_build_at_a_time(corpus_copy, tmp_path):
    _mark(corpus_copy, 0)
    db = tmp_path / "policy.db"
    _build(corpus_copy, db, 0)
    import sqlite3
    conn = sqlite3.connect(db)
    clause_id = conn.execute("select id from clauses where document_id = ? and text like 'Marker 0.%'", [DOC]).fetchone()[0]
    conn.close()
    (tmp_path / "serve").mkdir()
    base, proc = serve(db, tmp_path / "serve")
    pages, built = [], []

    async def run():
        stop = asyncio.Event()
        clients = [asyncio.create_task(_client(base, clause_id, stop, pages, n)) for n in range(CLIENTS)]
        for n in range(1, BUILDS + 1):
            _mark(corpus_copy, n)
            await asyncio.get_running_loop().run_in_executor(None, _build, corpus_copy, db, 1)
            built.append((time.monotonic(), n))
            await asyncio.sleep(1.5)
        await asyncio.sleep(3)
        stop.set()
        await asyncio.gather(*clients)

    try:
        asyncio.run(run())
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert len(pages) > 200
    assert all(status == 200 for _, status, _ in pages), {s for _, s, _ in pages}
    mixed = [marks for _, _, marks in pages if len(marks) != 1]
    assert not mixed, f"{len(mixed)} pages mixed builds: {mixed[:5]}"
    # Within a few seconds of the last build every page shows it.
    last_built = built[-1][0]
    late = [marks for t, _, marks in pages if t > last_built + 2.5]
    assert late and all(marks == [str(BUILDS)] for marks in late), late[:5]
    # And the pages moved forward through the builds, never back.
    seen = [int(marks[0]) for _, _, marks in sorted(pages)]
    assert len(set(seen)) >= 3
