"""Load: 20 concurrent clients for 60 seconds against `datasette serve`, on 127.0.0.1 only. Zero errors allowed."""
import asyncio
import random
import statistics
import time

import httpx

CLIENTS = 20
SECONDS = 60
PATHS = [
    "/policy/search.json?q=就业",
    "/policy/search.json?q=专利代理师&expand=both",
    "/policy/search?q=patent+attorney&expand=both",
    "/policy/search.json?q=training",
    "/policy/clauses.json?_search=高校毕业生",
    "/policy/find_figures.json?kind=target",
    "/policy/find_figures?unit=jobs",
    "/policy/figures.json?_facet=kind",
    "/policy/figure_mentions.json",
    "/policy/clauses/cnipa-2020-37-s2-p1-c4",
    "/policy/clauses/cnipa-2020-37-s2-p1-c4.json",
    "/policy/documents/ip-talent-plan-2021",
    "/policy/figures/news-2020-ip-services-employment-s1-p4-c10-f1",
    "/policy/dates.json?role=deadline",
    "/policy/clauses.csv?document_id=cnipa-2020-37",
]


async def _client(base, deadline, latencies, errors, seed):
    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        while time.monotonic() < deadline:
            path = rng.choice(PATHS)
            started = time.monotonic()
            try:
                r = await client.get(path)
                if r.status_code != 200:
                    errors.append((path, r.status_code))
            except httpx.HTTPError as e:
                errors.append((path, repr(e)))
            latencies.append(time.monotonic() - started)


def test_twenty_clients_for_sixty_seconds(server):
    assert server.startswith("http://127.0.0.1:")  # never anything but this machine
    latencies, errors = [], []
    deadline = time.monotonic() + SECONDS

    async def run():
        await asyncio.gather(*(_client(server, deadline, latencies, errors, i) for i in range(CLIENTS)))

    asyncio.run(run())
    quantiles = statistics.quantiles(latencies, n=100)
    print(f"\nload: {len(latencies)} requests in {SECONDS}s from {CLIENTS} clients, {len(latencies) / SECONDS:.0f} req/s, "
          f"p50 {quantiles[49] * 1000:.0f} ms, p95 {quantiles[94] * 1000:.0f} ms, errors {len(errors)}")
    assert errors == []
    assert len(latencies) > CLIENTS
