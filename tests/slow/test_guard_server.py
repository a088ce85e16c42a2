"""The served site under hostile URLs, on 127.0.0.1 only: a URL that Datasette 0.65 would parse for seconds is
answered at once, and the event loop stays free for everyone else."""
import asyncio
import time
from urllib.parse import quote

import httpx

FLOOD = "&".join(f"a{i}=1" for i in range(2000))  # 15 KB, 2,000 parameters: held the event loop for 13 s


async def _timed(client, path):
    started = time.monotonic()
    r = await client.get(path)
    return r.status_code, time.monotonic() - started


async def _while_hostile(base, hostile, count=3):
    """(statuses and seconds of `count` hostile requests, those of /-/versions.json sent just after them)."""
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        attacks = [asyncio.create_task(_timed(client, hostile)) for _ in range(count)]
        await asyncio.sleep(0.05)
        other = await _timed(client, "/-/versions.json")
        return await asyncio.gather(*attacks), other


def test_a_flood_of_parameters_is_refused_at_once_and_others_are_served(server):
    assert server.startswith("http://127.0.0.1:")
    for hostile, status in ((f"/policy/clauses.json?{FLOOD}", 414),
                            ("/policy/clauses?" + "&".join(f"a{i}=1" for i in range(150)), 400)):
        attacks, (other_status, other_seconds) = asyncio.run(_while_hostile(server, hostile))
        assert all(s == status and seconds < 1 for s, seconds in attacks), attacks
        assert other_status == 200 and other_seconds < 1, other_seconds


def test_the_longest_query_string_taken_keeps_the_loop_free(server):
    hostile = "/policy/clauses?_search=" + quote("就业" * 450) + "&_facet=language&_facet=document_id"
    attacks, (other_status, other_seconds) = asyncio.run(_while_hostile(server, hostile, count=4))
    assert all(s == 200 for s, _ in attacks), attacks
    assert other_status == 200 and other_seconds < 1, other_seconds
