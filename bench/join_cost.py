"""Server CPU per phone join: the old way in from the QR code (Streamlit's Spectate) against the light page (/room).

    python bench/join_cost.py [--phones 20] [--light 200]

Starts the app (no guesser) with one running game inserted into its database as the crowd bench does, then:
  streamlit  what a phone from the old QR code cost the server: a Streamlit session on /Spectate?room=1 (the QR
             link) and one on /Spectate?game=ID (its "Guess this one" link opens a new page), each opened and
             run once as a browser does (bench/st_client.py). Not counted: the nickname form's rerun and the
             frontend's static bundle, so this is a lower bound.
  light      what a phone costs now (core/join.py): GET /room and its four assets (core/ui), POST /api/room/join
             (a new player token and the gate), POST /api/room/nickname. Afterwards it polls like any viewer.
Server CPU is utime + stime of the `streamlit run` process from /proc, over the joins, less its idle rate
measured just before; divided by the joins. CONCURRENCY phones join at a time.
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
for p in (str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")):
    if p not in sys.path:
        sys.path.insert(0, p)

from browser_common import process_cpu  # noqa: E402
from harness import ENGINE_READY, start_app, temp_workdir  # noqa: E402
from st_client import open_page  # noqa: E402

from core.store import Store  # noqa: E402

GAME = "00000000beef"
IDLE_S = 3.0
CONCURRENCY = {"streamlit": 4, "light": 16}
ASSETS = ("live.css", "room.css", "room.js", "live.js")


async def streamlit_phone(base: str, n: int) -> float:
    """The old way in: the QR link's Spectate session, then the one-game page's; seconds taken."""
    t0 = time.monotonic()
    async with aiohttp.ClientSession() as http:
        for query in ("room=1", f"game={GAME}"):
            page = await open_page(http, base, "Spectate", query)
            await page.close()
    return time.monotonic() - t0


async def light_phone(base: str, n: int) -> float:
    """The light page: the page, its assets, a token and the gate, a nickname; seconds taken."""
    t0 = time.monotonic()
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{base}/room") as r:
            assert r.status == 200, r.status
            await r.read()
        for name in ASSETS:
            async with http.get(f"{base}/ui/{name}") as r:
                assert r.status == 200, (name, r.status)
                await r.read()
        async with http.post(f"{base}/api/room/join", json={"player": None, "game": None}) as r:
            state = await r.json()
        async with http.post(f"{base}/api/room/nickname",
                             json={"player": state["player"], "game": None, "nickname": f"Phone {n}"}) as r:
            state = await r.json()
        assert state["gate"] == "ok" and state["game"] == GAME, state
    return time.monotonic() - t0


async def storm(way, base: str, phones: int, concurrency: int) -> list[float]:
    """`phones` joins, `concurrency` at a time; each one's seconds."""
    gate = asyncio.Semaphore(concurrency)

    async def one(n: int) -> float:
        async with gate:
            return await way(base, n)

    return await asyncio.gather(*(one(n) for n in range(phones)))


def measure(name: str, way, base: str, pid: int, phones: int) -> dict:
    """Server CPU ms per join (less the idle rate) and the joins' wall times."""
    c0, t0 = process_cpu(pid), time.monotonic()
    time.sleep(IDLE_S)
    idle_rate = (process_cpu(pid) - c0) / (time.monotonic() - t0)
    c1, t1 = process_cpu(pid), time.monotonic()
    walls = asyncio.run(storm(way, base, phones, CONCURRENCY[name]))
    cpu, wall = process_cpu(pid) - c1, time.monotonic() - t1
    per = max(0.0, cpu - idle_rate * wall) / phones * 1000
    walls.sort()
    return {"way": name, "phones": phones, "cpu_ms": per, "median_s": statistics.median(walls),
            "p95_s": walls[min(len(walls) - 1, int(0.95 * len(walls)))], "idle_ms_s": idle_rate * 1000}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--phones", type=int, default=20, help="joins the old (Streamlit) way")
    ap.add_argument("--light", type=int, default=200, help="joins through the light page")
    args = ap.parse_args()
    server = start_app(temp_workdir(), {"SKETCH_ENABLED": "false", "PLAYER_SECRET": "join-cost-bench-secret" * 2,
                                        "MAX_SEATS_PER_ADDRESS": "0", "GUESSES_PER_ADDRESS": "0"},
                       words="apple\n", ready=ENGINE_READY, remove_on_stop=True)
    try:
        store = Store(server.db_path)
        store.touch_player("benchdrawer00000", time.time())
        store.insert_game({"id": GAME, "word": "benchword", "player_id": "benchdrawer00000", "status": "active",
                           "started_at": time.time(), "game_seconds": 3600, "hidden": 0})
        store.close()
        asyncio.run(storm(streamlit_phone, server.url, 2, 2))  # warm both paths up: the first runs compile and import
        asyncio.run(storm(light_phone, server.url, 2, 2))
        rows = [measure("streamlit", streamlit_phone, server.url, server.pid, args.phones),
                measure("light", light_phone, server.url, server.pid, args.light)]
    finally:
        server.stop()
    print(f"{'way':10} {'phones':>6} {'server CPU ms/join':>19} {'median s':>9} {'p95 s':>7} {'idle ms/s':>10}")
    for r in rows:
        print(f"{r['way']:10} {r['phones']:>6} {r['cpu_ms']:>19.1f} {r['median_s']:>9.3f} {r['p95_s']:>7.3f} "
              f"{r['idle_ms_s']:>10.1f}")
    print(f"light / streamlit: {rows[1]['cpu_ms'] / rows[0]['cpu_ms']:.3f}" if rows[0]["cpu_ms"] else "")


if __name__ == "__main__":
    main()
