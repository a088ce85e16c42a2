"""Which clauses match a query, in what order, by which method, for a query with no filter.

FTS5's bm25() is computed for every row it ranks, at about a microsecond and a half a row, and it first counts
every match of each phrase for the phrase's IDF. Ranking a few thousand matches is cheap; ranking the 300,000
clauses of a million that hold 就业 takes half a second. So:

- up to EXACT_LIMIT matches, every match is ranked by bm25 (method "all");
- beyond it, bm25 ranks the WINDOW matches last in corpus reading order (the index knows clauses by their sort
  keys: these are the manifest's latest entries, the newest documents of a corpus that grows by appending),
  and the other matches follow them in reverse reading order (method "window"). The page says which method
  it used, and bench/ measures how much of the true top 20 it finds.

Either way a query of more than one term puts the clauses holding the whole query as one phrase first.
The count is exact up to EXACT_LIMIT; above it the page says "more than EXACT_LIMIT" unless the exact
count is asked for (the CSV of every match needs it).
"""
from dataclasses import dataclass

EXACT_LIMIT = 50_000  # at most this many matches are all ranked (≈ 70 ms at a million clauses)
WINDOW = 10_000  # the matches bm25 ranks when there are more


@dataclass
class Ranking:
    """How the matches of one query are ranked: found once, then read a page at a time with rows()."""
    match: str
    phrase: object  # the whole query as one FTS5 phrase, or None when every match holds it (one term)
    method: str  # "all" or "window"
    count: int  # exact, or EXACT_LIMIT + 1 meaning "more than EXACT_LIMIT"
    exact_count: bool
    ranked: int  # how many matches bm25 ranks
    low: object = None  # the lowest index rowid (clause sort key) in the window

    @property
    def params(self):
        return {"match": self.match, "phrase": self.phrase, "low": self.low}


def ranked_sql(phrase_first, bounded):
    """Matches in rank order: exact-phrase hits first (when the query has more than one term), then bm25,
    then rowid so that equal scores keep one order. SQLite's sorter with LIMIT keeps only the rows a page
    needs, and is faster here than FTS5's own ORDER BY rank."""
    window = " and rowid >= :low" if bounded else ""
    exact = (f"rowid in (select rowid from clauses_fts where clauses_fts match :phrase{window})" if phrase_first else "1")
    return (f"select rowid as rid, bm25(clauses_fts) as score, {exact} as exact_phrase from clauses_fts "
            f"where clauses_fts match :match{window} order by exact_phrase desc, score, rowid limit :limit offset :offset")


# The matches the window leaves out, in reverse reading order, after the ranked ones.
REST_SQL = ("select rowid as rid, null as score, 0 as exact_phrase from clauses_fts where clauses_fts match :match "
            "and rowid < :low order by rowid desc limit :limit offset :offset")


async def plan(db, match, phrase, exact_count=False):
    """The Ranking of the matches of match. phrase is the whole query as one FTS5 phrase, or None for a
    one-term query. exact_count: count every match even when there are more than EXACT_LIMIT."""
    params = {"match": match}
    capped = await _scalar(db, "select count(*) from (select 1 from clauses_fts where clauses_fts match :match limit :cap)",
                           {**params, "cap": EXACT_LIMIT + 1})
    if capped <= EXACT_LIMIT:
        return Ranking(match, phrase, "all", capped, True, capped)
    count = capped
    if exact_count:
        count = await _scalar(db, "select count(*) from clauses_fts where clauses_fts match :match", params)
    low = await _scalar(db, "select rowid from clauses_fts where clauses_fts match :match "
                            "order by rowid desc limit 1 offset :last", {**params, "last": WINDOW - 1})
    return Ranking(match, phrase, "window", count, exact_count, WINDOW, low)


async def rows(db, ranking, offset, limit):
    """[{"rid", "score", "exact_phrase"}] of ranks offset + 1 … offset + limit."""
    phrase_first = ranking.phrase is not None
    if ranking.method == "all":
        return await _rows(db, ranked_sql(phrase_first, False), {**ranking.params, "limit": limit, "offset": offset})
    found = []
    if offset < WINDOW:
        found = await _rows(db, ranked_sql(phrase_first, True),
                            {**ranking.params, "limit": min(limit, WINDOW - offset), "offset": offset})
    if len(found) < limit:
        found += await _rows(db, REST_SQL, {**ranking.params, "limit": limit - len(found), "offset": max(0, offset - WINDOW)})
    return found


async def _scalar(db, sql, params):
    found = (await db.execute(sql, params)).rows
    return found[0][0] if found else None


async def _rows(db, sql, params):
    return [dict(r) for r in (await db.execute(sql, params)).rows]
