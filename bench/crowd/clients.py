"""The client processes: many people on one asyncio loop each, driven from the bench's process over a pipe."""
from __future__ import annotations

import asyncio
import gc
import math
import multiprocessing as mp
import time
from collections import Counter

from .people import Person, PersonSpec, View, WorkerStats


class Worker:
    """One client process: many people on one asyncio loop, driven by commands over a pipe."""

    def __init__(self, conn, connect_concurrency: int):
        self.conn = conn
        self.people: list[Person] = []
        self.stats = WorkerStats()
        self.gate = asyncio.Semaphore(connect_concurrency)
        self.views: list[View] = []  # open views, and those closed since the window began
        self.phones: list = []  # the join storm's phones (bench/crowd/storm.py)
        self._gc_t0 = 0.0
        gc.callbacks.append(self._gc)

    def _gc(self, phase: str, info: dict) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            self._gc_t0 = time.perf_counter()
        else:
            self.stats.gc_pauses.append(time.perf_counter() - self._gc_t0)

    def new_view(self, kind: str, scope: tuple) -> View:
        v = View(kind, scope)
        self.views.append(v)
        return v

    async def ticker(self) -> None:
        """How late the event loop runs a 100 ms timer: a busy client shows here first."""
        while True:
            t0 = time.monotonic()
            await asyncio.sleep(0.1)
            self.stats.loop_late.append(time.monotonic() - t0 - 0.1)

    async def add(self, specs: list[PersonSpec]) -> dict:
        async def one(spec):
            p = Person(spec, self)
            async with self.gate:
                try:
                    await p.start()
                except Exception as exc:
                    await p.close()
                    return None, f"{type(exc).__name__}: {exc}"[:200]
            return p, None
        results = await asyncio.gather(*(one(s) for s in specs))
        failures = Counter(err for p, err in results if err)
        opened = [p for p, _ in results if p]
        self.people.extend(opened)
        # The people's long-lived objects (sessions, connections, sockets) leave the collector's view, as the
        # app does with its start-up objects: else a full collection walks them all, and the client's own
        # pauses (50-130 ms at 300 people) would count as the server's lag.
        gc.collect()
        gc.freeze()
        return {"opened": len(opened), "failures": dict(failures),
                "run": [p.page.run_seconds for p in opened], "connect": [p.page.connect_seconds for p in opened]}

    async def trim(self, k: int) -> dict:
        """Close the `k` people who came last (the planner puts players and presenters first)."""
        gone = self.people[len(self.people) - k:] if k > 0 else []
        self.people = self.people[:len(self.people) - len(gone)]
        await asyncio.gather(*(p.close() for p in gone))
        gc.collect()
        return {"closed": len(gone)}

    async def storm(self, arg) -> list[dict]:
        """The join storm's phones for this client: each comes in at its moment; what each took, once all tried."""
        from .storm import Phone
        specs, t0 = arg
        phones = [Phone(spec, self) for spec in specs]
        self.phones.extend(phones)
        results = await asyncio.gather(*(p.run(t0) for p in phones))
        gc.collect()
        gc.freeze()
        return results

    async def drop_all(self) -> dict:
        people, self.people = self.people, []
        phones, self.phones = self.phones, []
        await asyncio.gather(*(p.close() for p in people + phones))
        return {"closed": len(people) + len(phones)}

    def snapshot(self) -> dict:
        s = self.stats
        open_ws = sum(1 for p in self.people if p.page and not p.page.ws.closed)
        later = Counter()
        for p in self.people:
            later.update(p.page.later_kinds)
        return {"views": [v.report() for v in self.views], "tracers": s.tracers, "visits": s.visits,
                "switches": s.switches,
                "rtt": dict(s.rtt), "status": dict(s.status),
                "errors": dict(s.errors), "gaps": s.gaps, "loop_late": s.loop_late, "gc_pauses": s.gc_pauses,
                "bytes_in": s.bytes_in,
                "ws_open": open_ws, "ws_closed_by_server": sum(1 for p in self.people if p.page.closed_by_server),
                "later_msgs": dict(later), "people": dict(Counter(p.spec.kind for p in self.people))}

    async def serve(self) -> None:
        loop = asyncio.get_running_loop()
        tick = asyncio.ensure_future(self.ticker())
        while True:
            cmd, arg = await loop.run_in_executor(None, self.conn.recv)
            if cmd == "add":
                reply = await self.add(arg)
            elif cmd == "reset":
                self.stats = WorkerStats()
                self.views = [v for v in self.views if not v.ended]
                for v in self.views:
                    v.new_window()
                reply = {}
            elif cmd == "collect":
                reply = self.snapshot()
            elif cmd == "storm":
                reply = await self.storm(arg)
            elif cmd == "drop_all":
                reply = await self.drop_all()
            elif cmd == "trim":
                reply = await self.trim(arg)
            elif cmd == "stop":
                await self.drop_all()
                tick.cancel()
                self.conn.send({})
                return
            else:
                reply = {"error": f"unknown command {cmd}"}
            self.conn.send(reply)


def worker_main(conn, connect_concurrency: int) -> None:
    """A client process's entry point."""
    asyncio.run(Worker(conn, connect_concurrency).serve())


class Clients:
    """The client processes, and commands to all of them at once."""

    def __init__(self, n: int, connect_concurrency: int):
        ctx = mp.get_context("spawn")
        self.conns, self.procs = [], []
        for _ in range(n):
            a, b = ctx.Pipe()
            p = ctx.Process(target=worker_main, args=(b, connect_concurrency), daemon=True)
            p.start()
            self.conns.append(a)
            self.procs.append(p)

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self.procs]

    def all(self, cmd: str, args: list | None = None) -> list[dict]:
        """Send a command to every client (args[i] to client i) and wait for every answer."""
        for i, c in enumerate(self.conns):
            c.send((cmd, args[i] if args is not None else None))
        return [c.recv() for c in self.conns]

    def stop(self) -> None:
        try:
            self.all("stop")
        except (OSError, EOFError):
            pass
        for p in self.procs:
            p.join(10)
            if p.is_alive():
                p.terminate()


def plan_people(start: int, stop: int, urls: list[str], n_clients: int, players: list[tuple[str, str]],
                run: str, presenters: int, guessing: float = 0.0, guessers: list[tuple[str, str]] = (),
                every: float = 0.0, tracers: int = 0, next_game: str = "switch") -> list[list[PersonSpec]]:
    """Persons start..stop-1 (people are numbered in arrival order), split over ports and client processes.

    The first arrivals are the players (one per game slot), then the presenters, then spectators, of
    whom a share `guessing` (spread evenly through the arrivals) guess: guesser j gets `guessers[j]`'s
    token, and the first `tracers` of them are tracers; at a game's end they go on as `next_game` says.
    """
    per_client: list[list[PersonSpec]] = [[] for _ in range(n_clients)]
    for i in range(start, stop):
        url = urls[i % len(urls)]
        j = i - len(players) - presenters  # the spectator's number
        if i < len(players):
            spec = PersonSpec("player", url, token=players[i][0], slot=i, run=run)
        elif i < len(players) + presenters:
            spec = PersonSpec("presenter", url)
        elif math.floor((j + 1) * guessing) > math.floor(j * guessing):
            g = math.floor((j + 1) * guessing) - 1
            spec = PersonSpec("guesser", url, token=guessers[g][0], name=f"{g:x}", tracer=g < tracers, every=every,
                              next_game=next_game)
        else:
            spec = PersonSpec("spectator", url)
        per_client[(i // len(urls)) % n_clients].append(spec)
    return per_client


def add_people(clients: Clients, specs: list[list[PersonSpec]]) -> dict:
    """Open these people on the clients (specs[i] on client i): how many opened, failures, script run times."""
    answers = clients.all("add", specs)
    failures = Counter()
    for a in answers:
        failures.update(a["failures"])
    return {"opened": sum(a["opened"] for a in answers), "failures": dict(failures),
            "run": [x for a in answers for x in a["run"]], "connect": [x for a in answers for x in a["connect"]]}
