"""The join storm (`--arrive N --within S`): N phones open the QR link within S seconds, before and after.

A phone's way in, `way`:
  light      what presenter mode's QR code opens now (core/join.py): GET /room and its four assets, POST
             /api/room/join (a new player token), POST /api/room/nickname, then the page's one-game view
             (live.js's board view of that game) and a first guess.
  streamlit  the old way (the Spectate session as the crowd bench models it): a Streamlit session on
             /Spectate?room=1 (the QR link), the board poll that shows its games, then /Spectate?game=ID
             ("Guess this one" opens a new page, a second session), its view and a first guess. The nickname is
             seeded, so its form's rerun is not counted: a lower bound.
The phone's view is pushed (`transport` push: /api/stream/board, an SSE stream, falling back to polling as
live.js does when the stream is refused) or polled (every 300 ms with If-None-Match). The drawers (one per
running game, a Streamlit play page each, its live view on the same transport) are on before the storm.

Ready: the first answer of the phone's view that shows its game, after the nickname was taken (the guess box is
drawn then). The drawer's lag: from the driver's guess write, or a phone's first guess sent, to the first
answer of the drawer's view that shows it (`measure.reflect`). After the storm, a hold window measures every
open view's lag and the server's CPU per watcher.
"""
from __future__ import annotations

import asyncio
import json
import random
import secrets
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path

from browser_common import load_average

from .clients import Clients, add_people, plan_people
from .driver import Driver, seed_guessers
from .measure import measure, percentile, reflect, sample
from .people import BOARD_EVERY
from .report import fmt
from .servers import start_servers

ASSETS = ("live.css", "room.css", "room.js", "live.js")
VIEW_QUERY = "words=0&guesses=6"  # the light page's one-game view (room.js: live.js's board view, 6 guesses)
JOIN_TIMEOUT = 120.0


def arrivals(n: int, within: float, jitter: bool, rng: random.Random) -> list[float]:
    """When each of `n` phones opens the link, in seconds from the storm's start: evenly spread, or uniform at
    random (seeded) over the same span."""
    if jitter:
        return sorted(rng.uniform(0, within) for _ in range(n))
    return [i * within / n for i in range(n)]


async def sse(http, url: str, on_data, on_open) -> int:
    """Read a Server-Sent Events stream, calling `on_data(text)` per event; its status when it ends (0: failed)."""
    import aiohttp
    try:
        async with http.get(url, headers={"Accept": "text/event-stream"},
                            timeout=aiohttp.ClientTimeout(total=None, sock_connect=30, sock_read=60)) as r:
            if r.status != 200:
                await r.read()
                return r.status
            on_open()
            data: list[str] = []
            while True:
                raw = await r.content.readline()
                if not raw:
                    return 200
                line = raw.decode().rstrip("\r\n")
                if not line:
                    if data:
                        on_data("\n".join(data))
                    data = []
                elif line.startswith("data:"):
                    data.append(line[5:].lstrip(" "))
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
        return 0


class Phone:
    """One phone of the storm: its way in, its view of one game, one guess."""

    def __init__(self, spec: dict, worker):
        self.spec = spec
        self.w = worker
        self.http = None
        self.pages: list = []
        self.tasks: list[asyncio.Task] = []
        self.game = ""
        self.token = spec.get("token", "")
        self.view = None
        self.first = asyncio.Event()  # the view's first answer that shows the game
        self.frames: dict[str, int] = {}
        self.fallback = False
        self.stream_status: Counter = Counter()

    async def _json(self, method: str, route: str, url: str, body: dict | None = None) -> tuple[int, dict]:
        t0 = time.monotonic()
        async with self.http.request(method, url, json=body) as r:
            data = await r.read()
            self.w.stats.rtt[route].append(time.monotonic() - t0)
            self.w.stats.status[f"{route} {r.status}"] += 1
            return r.status, (json.loads(data) if data[:1] in (b"{", b"[") else {})

    async def run(self, t0: float) -> dict:
        """Wait for this phone's moment, come in, watch, guess once; what it took."""
        import aiohttp
        await asyncio.sleep(max(0.0, t0 + self.spec["at"] - time.time()))
        opened = time.time()
        out = {"at": self.spec["at"], "opened": opened, "nick": None, "ready": None, "guess": None, "error": None}
        self.http = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=6), cookie_jar=aiohttp.CookieJar(unsafe=True),
            timeout=aiohttp.ClientTimeout(total=JOIN_TIMEOUT))
        try:
            await asyncio.wait_for(self.light() if self.spec["way"] == "light" else self.streamlit(), JOIN_TIMEOUT)
            out["nick"] = time.time() - opened
            await asyncio.wait_for(self.first.wait(), JOIN_TIMEOUT)
            out["ready"] = time.time() - opened
            out["guess"] = await self.guess()
            if self.spec.get("every"):  # the room guessing (--storm-guessing): on at this pace until the run ends
                self.tasks.append(asyncio.ensure_future(self.keep_guessing()))
        except Exception as exc:  # counted; the phone gives up as a person would
            out["error"] = f"{type(exc).__name__}: {exc}"[:160]
        out["fallback"] = self.fallback
        return out

    async def light(self) -> None:
        base = self.spec["base"]
        async with self.http.get(f"{base}/room") as r:
            await r.read()
            self.w.stats.status[f"room {r.status}"] += 1
        for name in ASSETS:  # the stylesheets, room.js, then the live.js it imports
            async with self.http.get(f"{base}/ui/{name}") as r:
                await r.read()
                self.w.stats.status[f"asset {r.status}"] += 1
        status, state = await self._json("POST", "join", f"{base}/api/room/join", {"player": None, "game": None})
        if status != 200:
            raise RuntimeError(f"join answered {status}")
        self.token = state["player"]
        if state.get("gate") == "nickname":
            nick = state.get("suggested") or f"Phone {self.spec['name']}"
            status, state = await self._json("POST", "nickname", f"{base}/api/room/nickname",
                                             {"player": self.token, "game": None, "nickname": nick})
        if state.get("gate") != "ok" or not state.get("game"):
            raise RuntimeError(f"gate {state.get('gate')!r}: {state.get('message')}")
        self.game = state["game"]
        self.watch()

    async def streamlit(self) -> None:
        from st_client import open_page
        base = self.spec["base"]
        page = await open_page(self.http, base, "Spectate", "room=1", timeout=JOIN_TIMEOUT)
        self.w.stats.visits.append(page.run_seconds)
        games = []
        while not games:  # the page's board view lists the running games; the person taps "Guess this one"
            status, board = await self._json("GET", "board", f"{base}/api/board?words=0&guesses=8")
            games = board.get("games", []) if status == 200 else []
            if not games:
                await asyncio.sleep(BOARD_EVERY)
        self.game = games[-1]["game"]  # the newest, as the light page picks
        await page.close()  # the tab goes to the game's page: a new session
        page = await open_page(self.http, base, "Spectate", f"game={self.game}&player={self.token}",
                               timeout=JOIN_TIMEOUT)
        self.w.stats.visits.append(page.run_seconds)
        self.pages.append(page)
        self.tasks.append(asyncio.ensure_future(page.idle()))
        self.watch()

    def watch(self) -> None:
        self.view = self.w.new_view("phone", ("game", self.game))
        self.tasks.append(asyncio.ensure_future(self.viewer()))

    def show(self, state: dict) -> None:
        """live.js's render of one board answer, on this phone's game only."""
        now = time.time()
        for g in state.get("games", []):
            if g["game"] != self.game:
                continue
            self.view.observe(g["game"], g.get("guesses", []), now)
            self.first.set()
            seq = g.get("frame") or 0
            if seq and self.frames.get(self.game) != seq:
                self.frames[self.game] = seq
                t = asyncio.ensure_future(self._get_frame(f"{self.spec['base']}/api/frame/{self.game}/{seq}"))
                self.tasks.append(t)
                t.add_done_callback(lambda task: self.tasks.remove(task) if task in self.tasks else None)

    async def _get_frame(self, url: str) -> None:
        t0 = time.monotonic()
        try:
            async with self.http.get(url) as r:
                body = await r.read()
                self.w.stats.status[f"frame {r.status}"] += 1
                self.w.stats.rtt["frame"].append(time.monotonic() - t0)
                self.w.stats.bytes_in += len(body)
        except Exception as exc:
            self.w.stats.errors[f"frame: {type(exc).__name__}"] += 1

    async def viewer(self) -> None:
        """The view: pushed (three failed streams in a row, or a refusal, and it polls, as live.js does) or polled."""
        base = self.spec["base"]
        if self.spec["transport"] == "push":
            failures = 0
            while failures < 3:
                status = await sse(self.http, f"{base}/api/stream/board?{VIEW_QUERY}",
                                   lambda text: self.show(json.loads(text) or {}),  # "gone": null
                                   lambda: self.w.stats.status.update(["stream 200"]))
                self.stream_status[status] += 1
                if status != 200:
                    self.w.stats.status[f"stream {status}"] += 1
                    failures += 1
                    if status in (503, 429):
                        break
                await asyncio.sleep(1.0)  # the stream's retry: 1000
            self.fallback = True
        etag = None
        while True:
            t0 = time.monotonic()
            try:
                async with self.http.get(f"{base}/api/board?{VIEW_QUERY}",
                                         headers={"If-None-Match": etag} if etag else None) as r:
                    body = await r.read()
                    self.w.stats.status[f"board {r.status}"] += 1
                    self.w.stats.rtt["board"].append(time.monotonic() - t0)
                    if r.status == 200:
                        etag = r.headers.get("ETag")
                        self.show(json.loads(body))
            except Exception as exc:
                self.w.stats.errors[f"board: {type(exc).__name__}"] += 1
            await asyncio.sleep(BOARD_EVERY)

    async def guess(self) -> dict:
        """The first guess: a tracer (every view of the game measures when it shows it)."""
        sent = time.time()
        gid = f"{self.spec['name']}.1"
        t0 = time.monotonic()
        status, _ = await self._json("POST", "guess", f"{self.spec['base']}/api/guess/{self.game}",
                                     {"player": self.token, "text": f"roomx#{gid}@{sent:.3f}"})
        answered = time.time()
        if status == 200:
            self.w.stats.tracers.append((self.game, gid, sent, answered))
        return {"status": status, "rtt": time.monotonic() - t0}

    async def keep_guessing(self) -> None:
        """A guess every `every` s (jittered 0.6-1.4x, at least a second apart: the box's button), as
        people.post_guesses does; a tracer's guesses are measured on every view of the game."""
        rng = random.Random(self.spec["name"])
        url = f"{self.spec['base']}/api/guess/{self.game}"
        n = 1
        while True:
            await asyncio.sleep(max(1.0, self.spec["every"] * rng.uniform(0.6, 1.4)))
            n += 1
            sent = time.time()
            gid = f"{self.spec['name']}.{n}"
            tracer = "x" if self.spec.get("tracer") else ""
            t0 = time.monotonic()
            try:
                async with self.http.post(url, json={"player": self.token, "text": f"room{tracer}#{gid}@{sent:.3f}"}) as r:
                    await r.read()
                    status = r.status
            except Exception as exc:  # counted as a failed request
                self.w.stats.errors[f"guess: {type(exc).__name__}"] += 1
                continue
            self.w.stats.rtt["guess"].append(time.monotonic() - t0)
            self.w.stats.status[f"guess {status}"] += 1
            if status == 200 and tracer:
                self.w.stats.tracers.append((self.game, gid, sent, time.time()))

    async def close(self) -> None:
        for t in list(self.tasks):
            t.cancel()
        if self.view is not None and not self.view.ended:
            self.view.ended = time.time()
        for page in self.pages:
            try:
                await asyncio.wait_for(page.close(), 5)
            except Exception:
                pass
        if self.http is not None:
            await self.http.close()


def phone_specs(n: int, within: float, jitter: bool, way: str, transport: str, urls: list[str], n_clients: int,
                tokens: list[str], rng: random.Random, every: float = 0.0, tracers: int = 0) -> list[list[dict]]:
    """The storm's phones, split over the client processes (and the servers' ports, round robin); with `every`,
    each goes on guessing that often after its first guess, the first `tracers` of them measured as tracers."""
    per_client: list[list[dict]] = [[] for _ in range(n_clients)]
    for i, at in enumerate(arrivals(n, within, jitter, rng)):
        per_client[i % n_clients].append({"at": at, "way": way, "transport": transport, "base": urls[i % len(urls)],
                                          "name": f"{i:x}", "token": tokens[i] if tokens else "",
                                          "every": every, "tracer": i < tracers})
    return per_client


def summary(values: list[float]) -> dict:
    return {"n": len(values), "p50": percentile(values, 50), "p95": percentile(values, 95),
            "p99": percentile(values, 99), "max": max(values, default=float("nan"))}


def run_storm(way: str, transport: str, n: int, args, root: Path, log=print, label: str = "", processes: int = 1) -> dict:
    """One storm on fresh servers and data: the drawers on, the idle rate, N phones arriving, then a hold window."""
    from core.identity import new_player_token, player_from_token
    from core.store import Store
    secret = secrets.token_hex(32)
    rng = random.Random(args.seed)
    workdir = Path(tempfile.mkdtemp(prefix="bench-storm-"))
    data = workdir / "data"
    data.mkdir()
    env = {"GAME_SECONDS": str(args.game_seconds), "MAX_CONCURRENT_GAMES": "2", "PLAYER_SECRET": secret,
           "PUBLIC_URL": "https://arena.example.com", "MAX_SEATS_PER_ADDRESS": "0", "GUESSES_PER_ADDRESS": "0",
           "SKETCH_ENABLED": "false"}
    players = []
    for _ in range(args.games):
        token = new_player_token(secret.encode(), rng)
        players.append((token, player_from_token(token, secret.encode())))
    guessers = []  # the old way's phones: a token each with a nickname (the form's rerun is not counted)
    if way == "streamlit":
        for _ in range(n):
            token = new_player_token(secret.encode(), rng)
            guessers.append((token, player_from_token(token, secret.encode())))
    servers = start_servers(root, processes, data, env)
    urls = [s.url for s in servers]
    if guessers:
        seeder = Store(data / "pictionary.db")
        seed_guessers(seeder, guessers, time.time())
        seeder.close()
    run = secrets.token_hex(4)
    clients = Clients(args.clients, args.connect_concurrency)
    driver = Driver(data / "pictionary.db", run, players, args.guess_every, args.frame_every, args.game_length,
                    args.game_seconds, rng)
    out = {"label": label, "way": way, "transport": transport, "phones": n, "within": args.within, "jitter": args.jitter,
           "processes": len(servers), "load_before": load_average()}
    try:
        driver.start()
        time.sleep(2)
        specs = plan_people(0, len(players), urls, len(clients.conns), players, run, 0)
        for per in specs:
            for s in per:
                s.transport = transport
        drawers = add_people(clients, specs)
        if drawers["failures"]:
            out["drawer_failures"] = drawers["failures"]
        time.sleep(args.settle)
        idle = measure(servers, clients, driver, args.idle_seconds, args.lag_limit)
        out["idle_cores"] = sum(idle["cpu"]["servers"])
        # the storm
        clients.all("reset")
        w0 = time.time()
        t0 = w0 + 1.0
        a = sample(servers, clients)
        joined = clients.all("storm", [(per, t0) for per in phone_specs(
            n, args.within, args.jitter, way, transport, urls, len(clients.conns), [t for t, _ in guessers],
            random.Random(args.seed), args.storm_guessing, args.tracers if args.storm_guessing else 0)])
        left = t0 + args.within + args.storm_tail - time.time()
        if left > 0:
            time.sleep(left)
        b = sample(servers, clients)
        w1 = time.time()
        win = _window(clients, driver, w0, w1, args.lag_limit)
        rows = [r for per in joined for r in per]
        secs = b.at - a.at
        server_s = sum(y - x for x, y in zip(a.servers, b.servers))
        out["storm"] = {
            "seconds": secs, "opened": len(rows), "errors": Counter(r["error"].split(":")[0] for r in rows if r["error"]),
            "error_examples": sorted({r["error"] for r in rows if r["error"]})[:3],
            "ready": summary([r["ready"] for r in rows if r["ready"] is not None]),
            "nick": summary([r["nick"] for r in rows if r["nick"] is not None]),
            "guess_rtt": summary([r["guess"]["rtt"] for r in rows if r["guess"]]),
            "guess_status": dict(Counter(r["guess"]["status"] for r in rows if r["guess"])),
            "fallbacks": sum(1 for r in rows if r.get("fallback")),
            "drawer_lag": summary(win["lag"].get("player", [])), "drawer_missed": win["missed"].get("player", 0),
            "people_on_drawer": summary(win["drawer_human"]),
            "server_cores": server_s / secs, "client_cores": [(y - x) / secs for x, y in zip(a.clients, b.clients)],
            "machine": (b.busy - a.busy) / secs,
            "cpu_ms_per_join": 1000 * max(0.0, server_s - out["idle_cores"] * secs) / max(1, n),
            "status": win["status"],
        }
        # the hold: everyone who came in watches
        time.sleep(args.settle)
        hold = measure(servers, clients, driver, args.hold, args.lag_limit)
        phones_open = n - sum(out["storm"]["errors"].values())
        cores = sum(hold["cpu"]["servers"])
        out["hold"] = {
            "seconds": hold["seconds"], "watchers": phones_open,
            "lag": summary(hold["lag"].get("phone", [])), "missed": hold["missed"].get("phone", 0),
            "guess_rtt": summary(hold["rtt"].get("guess", [])),
            "guess_status": {k: v for k, v in hold["status"].items() if k.startswith("guess ")},
            "people_lag": summary(hold["human_lag"]),
            "drawer_lag": summary(hold["lag"].get("player", [])),
            "server_cores": cores, "client_cores": hold["cpu"]["clients"], "machine": hold["cpu"]["machine"],
            "not_ours": hold["cpu"]["not_ours"],
            "ms_s_per_watcher": 1000 * max(0.0, cores - out["idle_cores"]) / max(1, phones_open),
            "req_s": sum(hold["status"].values()) / hold["seconds"], "status": dict(hold["status"]),
            "errors": dict(hold["errors"]), "rss": hold["rss"], "tcp": hold["tcp"],
            "server_gc": [sorted(g) for g in hold["server_gc"]],
        }
    finally:
        clients.stop()
        driver.stop()
        for s in servers:
            s.stop()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    out["load_after"] = load_average()
    print_storm(out)
    return out


def _window(clients: Clients, driver: Driver, w0: float, w1: float, limit: float) -> dict:
    """The storm window's views and guesses: the lag on the drawers' views, of the driver's and the phones' guesses."""
    snaps = clients.all("collect")
    views = [v for s in snaps for v in s["views"]]
    tracers = [t for s in snaps for t in s["tracers"]]
    status = Counter()
    for s in snaps:
        status.update(s["status"])
    drawers = [v for v in views if v["kind"] == "player"]
    res = reflect(drawers, driver.probes_between(w0 - 10, w1), tracers, w0, w1, limit, driver.ended_games())
    res["drawer_human"] = res["human_lag"]
    res["status"] = dict(status)
    return res


def print_storm(r: dict) -> None:
    """One storm's line as it ends."""
    s, h = r["storm"], r["hold"]
    print(f"  {r.get('label') or ''} {r['way']}/{r['transport']} N={r['phones']} in {r['within']:g} s: ready p50/p95/max "
          f"{fmt(s['ready']['p50'])}/{fmt(s['ready']['p95'])}/{fmt(s['ready']['max'])} s ({s['ready']['n']} ready, "
          f"errors {dict(s['errors']) or 'none'}); drawer lag p50/p95/max {fmt(s['drawer_lag']['p50'])}/"
          f"{fmt(s['drawer_lag']['p95'])}/{fmt(s['drawer_lag']['max'])} s; {fmt(s['cpu_ms_per_join'], 1)} ms CPU a join; "
          f"hold: {h['watchers']} watching, lag p50/p99 {fmt(h['lag']['p50'])}/{fmt(h['lag']['p99'])} s, "
          f"{fmt(h['ms_s_per_watcher'], 2)} ms/s each; guesses {h['guess_rtt']['n']}, reply p50/p99 "
          f"{fmt(h['guess_rtt']['p50'])}/{fmt(h['guess_rtt']['p99'])} s; load {r['load_before']} -> "
          f"{r['load_after']}", flush=True)


def print_storm_tables(results: list[dict], args) -> None:
    """Before and after side by side: the storm, then the hold."""
    print(f"\n### Join storm: phones opening the QR link within {args.within:g} s "
          f"({'jittered' if args.jitter else 'evenly spread'}), one table\n")
    print("| (checkout /) way / view | phones | ready p50 / p95 / max s | nickname taken p50 / p95 s | failed | first guess "
          "200 / other, POST p50 / p99 ms | drawer's lag, driver's guesses p50 / p95 / max s (missed) | drawer's lag, "
          "phones' guesses p50 / p95 / max s | server cores | server CPU ms a join | machine busy | fell back to poll |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        s = r["storm"]
        other = sum(v for k, v in s["guess_status"].items() if k != 200)
        print(f"| {_name(r)} | {r['phones']} | {fmt(s['ready']['p50'])} / {fmt(s['ready']['p95'])} / "
              f"{fmt(s['ready']['max'])} | {fmt(s['nick']['p50'])} / {fmt(s['nick']['p95'])} "
              f"| {sum(s['errors'].values())} | {s['guess_status'].get(200, 0)} / {other}, "
              f"{fmt(1000 * s['guess_rtt']['p50'], 0)} / {fmt(1000 * s['guess_rtt']['p99'], 0)} "
              f"| {fmt(s['drawer_lag']['p50'])} / {fmt(s['drawer_lag']['p95'])} / {fmt(s['drawer_lag']['max'])} "
              f"({s['drawer_missed']}) | {fmt(s['people_on_drawer']['p50'])} / {fmt(s['people_on_drawer']['p95'])} / "
              f"{fmt(s['people_on_drawer']['max'])} | {fmt(s['server_cores'])} | {fmt(s['cpu_ms_per_join'], 1)} "
              f"| {fmt(s['machine'])} | {s['fallbacks']} |")
    print(f"\n### After the storm: everyone who came in watches ({args.hold:g} s window)\n")
    print("| (checkout /) way / view | watchers | lag of a new guess p50 / p99 / max s (missed) | drawer's lag p50 / p99 s "
          "| server cores | ms/s per watcher | requests/s | client cores | server full GCs, ms | load before / after |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        h = r["hold"]
        gcs = "; ".join(", ".join(f"{1000 * x:.0f}" for x in g) or "none" for g in h["server_gc"])
        print(f"| {_name(r)} | {h['watchers']} | {fmt(h['lag']['p50'])} / {fmt(h['lag']['p99'])} / "
              f"{fmt(h['lag']['max'])} ({h['missed']}) | {fmt(h['drawer_lag']['p50'])} / {fmt(h['drawer_lag']['p99'])} "
              f"| {fmt(h['server_cores'])} | {fmt(h['ms_s_per_watcher'], 2)} | {fmt(h['req_s'], 0)} "
              f"| {' + '.join(fmt(c) for c in h['client_cores'])} | {gcs} | {r['load_before']} / {r['load_after']} |")
    if args.storm_guessing:
        print(f"\n### The room guessing during the hold (a guess every {args.storm_guessing:g} s each, jittered)\n")
        print("| (checkout /) way / view | guessing | guesses/s | reply p50 / p95 / p99 / max s | statuses "
              "| people's guesses on the views p50 / p99 s | drawer's lag p50 / p99 s | server cores |")
        print("|---|---|---|---|---|---|---|---|")
        for r in results:
            h = r["hold"]
            g, p = h["guess_rtt"], h["people_lag"]
            print(f"| {_name(r)} | {h['watchers']} | {fmt(g['n'] / h['seconds'], 0)} | {fmt(g['p50'])} / {fmt(g['p95'])} / "
                  f"{fmt(g['p99'])} / {fmt(g['max'])} | {h['guess_status']} | {fmt(p['p50'])} / {fmt(p['p99'])} "
                  f"| {fmt(h['drawer_lag']['p50'])} / {fmt(h['drawer_lag']['p99'])} | {fmt(h['server_cores'])} |")
    bad = [(r["way"], r["transport"], r["phones"], r["storm"]["error_examples"], r["hold"]["errors"])
           for r in results if r["storm"]["error_examples"] or r["hold"]["errors"]]
    for b in bad:
        print(f"- {b[0]}/{b[1]} N={b[2]}: storm errors {b[3]}; hold errors {b[4]}")


def _name(r: dict) -> str:
    return f"{r['label'] + ' / ' if r.get('label') else ''}{r['way']} / {r['transport']}"


def run_storms(args, roots: list[tuple[str, Path]]) -> list[dict]:
    """Every size, each way in turn, each checkout (label, root) in turn: interleaved, so before and after share
    the same stretch of the machine's load."""
    results = []
    for _ in range(args.rounds):
        for n in args.arrive:
            for item in args.ways:
                way, _, transport = item.partition(":")
                for (label, root), procs in ((r, p) for p in args.storm_processes for r in roots):
                    if len(args.storm_processes) > 1:
                        label = f"{label + ', ' if label else ''}{procs} process{'es' if procs > 1 else ''}"
                    print(f"\n# {label + ': ' if label else ''}{way} / {transport or 'poll'}: {n} phones within "
                          f"{args.within:g} s", flush=True)
                    results.append(run_storm(way, transport or "poll", n, args, root, label=label, processes=procs))
    return results
