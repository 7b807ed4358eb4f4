"""A simulated person: one browser tab's Streamlit page session and its live view's polls, without the browser.

Each kind polls as `core/ui/live.js` does on its page; `View` keeps what one view's answers showed, from which
`measure.reflect` works out the lag (docs/PERFORMANCE.md, "How bench/sessions.py measures").
"""
from __future__ import annotations

import asyncio
import json
import random
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .driver import game_id_for

if TYPE_CHECKING:
    from .clients import Worker

GUESS_TEXT = re.compile(r"bench#(\d+)@(\d+\.\d+)")  # the driver's guesses (probes)
ROOM_TEXT = re.compile(r"room(x?)#([0-9a-z]+\.\d+)@(\d+\.\d+)")  # a guessing person's ("x": a tracer)
BOARD_EVERY = 0.3
PRESENT_EVERY = 0.5
SIDE_EVERY = 3.0
LIVE_EVERY = 0.25
SEAT_EVERY = 2.0


@dataclass
class PersonSpec:
    """Who a simulated person is and where they connect."""

    kind: str  # spectator | presenter | player | guesser | idle
    base_url: str
    token: str = ""  # players and guessers: their signed token
    slot: int = 0  # players: the game slot they play in
    run: str = ""  # players: the driver's run id (their game ids derive from it)
    name: str = ""  # guessers: a short id, in their guesses' texts
    tracer: bool = False  # guessers: their guesses' lag is measured on every view
    every: float = 0.0  # guessers: seconds between guesses (jittered)
    next_game: str = "switch"  # guessers, at their game's end: "switch" in the same page, or "reload" a new page
    transport: str = "poll"  # players: their live view polled, or pushed (the join storm's drawers, bench/crowd/storm.py)


@dataclass
class View:
    """What one live view's answers showed, for the lag (a guesser's visit to one game's page is one view).

    Per game only the running top is kept: the highest driver guess number shown and the newest send
    time of any guess shown (driver's or a person's), with each answer at which either grew. That is
    enough to tell when a guess was on screen or already pushed off it by newer ones (`reflect`)."""

    kind: str
    scope: tuple = ()  # (): every game on the board; ("slot", N): a player's games; ("game", ID): one game
    joined: float = 0.0  # wall time of the first answer: guesses written before it are not counted
    ended: float = 0.0  # when the view closed (0: still open)
    top: dict = field(default_factory=dict)  # game -> (highest driver guess k shown, newest send time shown)
    init: dict = field(default_factory=dict)  # `top` at the window's start
    env: dict = field(default_factory=dict)  # game -> [(answer time, k, send time)] each time either grew
    traced: dict = field(default_factory=dict)  # a tracer guess's id -> the first answer that showed it

    def observe(self, game: str, guesses: list, now: float) -> None:
        """Take one answer's guesses for one game."""
        if not self.joined:
            self.joined = now
        k0, s0 = self.top.get(game, (0, 0.0))
        k, t = k0, s0
        for g in guesses:
            text = g.get("text") or ""
            m = GUESS_TEXT.fullmatch(text)
            if m:
                k, t = max(k, int(m.group(1))), max(t, float(m.group(2)))
                continue
            m = ROOM_TEXT.fullmatch(text)
            if m:
                t = max(t, float(m.group(3)))
                if m.group(1):
                    self.traced.setdefault(m.group(2), now)
        if (k, t) != (k0, s0):
            self.top[game] = (k, t)
            self.env.setdefault(game, []).append((now, k, t))

    def new_window(self) -> None:
        self.init, self.env, self.traced = dict(self.top), {}, {}

    def report(self) -> dict:
        return {"kind": self.kind, "scope": self.scope, "joined": self.joined, "ended": self.ended,
                "init": self.init, "env": self.env, "traced": self.traced}


@dataclass
class WorkerStats:
    """What one client process saw during a window."""

    tracers: list = field(default_factory=list)  # (game, id, sent, answered) of tracers' guesses taken (200)
    visits: list = field(default_factory=list)  # guessers' later page visits: seconds their script run took
    switches: int = 0  # guessers who followed the room to the next game in the same page
    rtt: dict = field(default_factory=lambda: defaultdict(list))  # route -> seconds
    status: Counter = field(default_factory=Counter)  # "route status" -> count
    errors: Counter = field(default_factory=Counter)  # "route: error" -> count
    gaps: list = field(default_factory=list)  # seconds between a poller's successive answers
    loop_late: list = field(default_factory=list)  # how late a 100 ms tick of the event loop was
    gc_pauses: list = field(default_factory=list)  # seconds of each full (generation 2) collection
    bytes_in: int = 0


class Person:
    """One simulated tab: its Streamlit session and its live view."""

    def __init__(self, spec: PersonSpec, worker: "Worker"):
        self.spec = spec
        self.w = worker
        self.http = None
        self.page = None
        self.tasks: list[asyncio.Task] = []
        self.view: View | None = None
        self.frames: dict[str, int] = {}  # game -> frame seq shown
        self.replays: set[str] = set()
        self.rng = random.Random(f"{spec.kind}:{spec.name}:{spec.token}")
        self.board_games: list[dict] = []  # a guesser: the running games of its last board answer
        self.last_state: dict | None = None  # a guesser: its board's last answer (what its page shows)
        self.only: str | None = None  # a guesser: the game its page shows and its box guesses
        self.over: asyncio.Event | None = None  # a guesser: its game left the board

    async def start(self) -> None:
        """Open the page session, then start the page's polling."""
        import aiohttp
        from st_client import open_page
        self.http = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=6), cookie_jar=aiohttp.CookieJar(unsafe=True),
            timeout=aiohttp.ClientTimeout(total=15))
        if self.spec.kind == "guesser":  # comes from /Spectate's board: picks a running game, opens its page
            game = await self.pick_game(None)
            self.page = await open_page(self.http, self.spec.base_url, "Spectate", self.guess_query(game))
            self.tasks.append(asyncio.ensure_future(self.guesser(game)))
            return
        page, query = {"spectator": ("Spectate", ""), "idle": ("Spectate", ""),
                       "presenter": ("Spectate", "present=1"),
                       "player": ("", f"player={self.spec.token}")}[self.spec.kind]
        self.page = await open_page(self.http, self.spec.base_url, page, query)
        self.tasks.append(asyncio.ensure_future(self.page.idle()))
        if self.spec.kind != "idle":
            self.view = self.w.new_view(self.spec.kind, ("slot", self.spec.slot) if self.spec.kind == "player" else ())
        self.tasks.extend(asyncio.ensure_future(b) for b in self.behaviours())

    def behaviours(self) -> list:
        """The page's live-view loops (one coroutine each): what live.js runs for this page."""
        k, api = self.spec.kind, self.spec.base_url + "/api"
        if k == "spectator":
            return [self.board_poller(f"{api}/board?words=0&guesses=8", BOARD_EVERY, gallery=True)]
        if k == "presenter":
            return [self.board_poller(f"{api}/board?words=0&guesses=4", PRESENT_EVERY, gallery=False),
                    self.board_poller(f"{api}/board?words=0&guesses=4", SIDE_EVERY, gallery=False, side=True)]
        if k == "player":
            return [self.live_streamer() if self.spec.transport == "push" else self.live_poller(), self.heart(SEAT_EVERY)]
        return []  # idle: a session that never polls

    async def close(self) -> None:
        """Close the tab: stop its loops, close the websocket and the connections."""
        for t in list(self.tasks):
            t.cancel()
        if self.view is not None and not self.view.ended:
            self.view.ended = time.time()
        if self.page is not None:
            try:
                await asyncio.wait_for(self.page.close(), 5)
            except Exception:
                pass
        if self.http is not None:
            await self.http.close()

    # -- what live.js does ---------------------------------------------------------------------------

    async def _get(self, route: str, url: str, headers: dict | None = None) -> tuple[int, bytes, dict]:
        t0 = time.monotonic()
        try:
            async with self.http.get(url, headers=headers) as r:
                body = await r.read()
                status, hdrs = r.status, r.headers
        except Exception as exc:  # counted, and the loop goes on as the browser's does
            self.w.stats.errors[f"{route}: {type(exc).__name__}"] += 1
            return 0, b"", {}
        self.w.stats.rtt[route].append(time.monotonic() - t0)
        self.w.stats.status[f"{route} {status}"] += 1
        self.w.stats.bytes_in += len(body)
        return status, body, hdrs

    async def board_poller(self, url: str, every: float, gallery: bool, side: bool = False,
                           one_game: bool = False) -> None:
        """GET the board every `every` s after the last answer, with If-None-Match; fetch what changed.
        `one_game`: the one-game page (/Spectate?game=ID) shows `self.only` alone (`show_board`)."""
        etag, last_ok = None, None
        route = "board-side" if side else "board"
        while True:
            status, body, hdrs = await self._get(route, url, {"If-None-Match": etag} if etag else None)
            now = time.time()
            if status in (200, 304):
                if last_ok is not None and not side:
                    self.w.stats.gaps.append(now - last_ok)
                last_ok = now
            if status == 200:
                etag = hdrs.get("ETag")
                if not side:
                    self.show_board(json.loads(body), now, gallery, one_game)
            await asyncio.sleep(every)

    def show_board(self, state: dict, now: float, gallery: bool, one_game: bool = False) -> None:
        """live.js's `render` of one board answer: the view's guesses, the frames and replays to load."""
        if not self.view.joined:
            self.view.joined = now
        games = state.get("games", [])
        if one_game:
            self.last_state, self.board_games = state, games
            games = [g for g in games if g["game"] == self.only]
            if not games:  # live.js: "This game is over (or hidden)": the box closes, and every answer drawn
                self.over.set()  # while it says so asks for the game's result once (a GET of /api/live)
                self.fetch(f"{self.spec.base_url}/api/live/{self.only}?player={self.spec.token}", "live-over")
                return
        for g in games:
            self.view.observe(g["game"], g.get("guesses", []), now)
            seq = g.get("frame") or 0
            if seq and self.frames.get(g["game"]) != seq:
                self.frames[g["game"]] = seq
                self.fetch(f"{self.spec.base_url}/api/frame/{g['game']}/{seq}", "frame")
        if gallery:
            for f in state.get("finished", []):
                if f["game"] not in self.replays:  # the browser caches replays (max-age 3600)
                    self.replays.add(f["game"])
                    self.fetch(f"{self.spec.base_url}/api/replay/{f['game']}", "replay")

    def fetch(self, url: str, route: str) -> None:
        """An <img> load: once, in the background."""
        t = asyncio.ensure_future(self._get(route, url))
        self.tasks.append(t)
        t.add_done_callback(lambda task: self.tasks.remove(task) if task in self.tasks else None)

    async def live_poller(self) -> None:
        """The play page's poll of its own game; the next round's game once this one has ended."""
        etag, last_ok, round_ = None, None, 0
        while True:
            game = game_id_for(self.spec.run, self.spec.slot, round_)
            url = f"{self.spec.base_url}/api/live/{game}?player={self.spec.token}"
            status, body, hdrs = await self._get("live", url, {"If-None-Match": etag} if etag else None)
            now = time.time()
            if status in (200, 304, 404):
                if last_ok is not None:
                    self.w.stats.gaps.append(now - last_ok)
                last_ok = now
            if status == 200:
                etag = hdrs.get("ETag")
                state = json.loads(body)
                if not self.view.joined:
                    self.view.joined = now
                self.view.observe(game, state.get("guesses", []), now)
                if state.get("status") != "active":  # the page shows the result; the player plays again
                    round_, etag = round_ + 1, None
                    continue
            await asyncio.sleep(LIVE_EVERY)

    async def live_streamer(self) -> None:
        """The play page's view pushed: /api/stream/live/GAME (Server-Sent Events); the next round's game at the end."""
        from .storm import sse
        round_ = 0
        while True:
            game = game_id_for(self.spec.run, self.spec.slot, round_)

            def on_data(text: str, game=game) -> None:
                state = json.loads(text) or {}
                now = time.time()
                self.view.observe(game, state.get("guesses", []), now)
                self.w.stats.status["live-push 200"] += 1

            status = await sse(self.http, f"{self.spec.base_url}/api/stream/live/{game}?player={self.spec.token}",
                               on_data, lambda: None)
            self.w.stats.status[f"live-stream {status}"] += 1
            if status == 404:
                round_ += 1
            await asyncio.sleep(1.0)  # the stream's retry: 1000

    async def heart(self, every: float) -> None:
        """POST /api/seat with the player's token every `every` s."""
        body = json.dumps({"player": self.spec.token})
        while True:
            t0 = time.monotonic()
            try:
                async with self.http.post(f"{self.spec.base_url}/api/seat", data=body,
                                          headers={"Content-Type": "application/json"}) as r:
                    await r.read()
                    self.w.stats.status[f"seat {r.status}"] += 1
                    self.w.stats.rtt["seat"].append(time.monotonic() - t0)
            except Exception as exc:
                self.w.stats.errors[f"seat: {type(exc).__name__}"] += 1
            await asyncio.sleep(every)

    # -- a person in the room who guesses ------------------------------------------------------------

    def guess_query(self, game: str) -> str:
        return f"game={game}&player={self.spec.token}"

    async def pick_game(self, left: str | None) -> str:
        """One of the running games but the one just left (each as likely), from the last board answer,
        else from the board asked again."""
        while True:
            games = [g for g in self.board_games if g["game"] != left]
            if games:
                return self.rng.choice(games)["game"]
            status, body, _ = await self._get("board", f"{self.spec.base_url}/api/board?words=0&guesses=8")
            if status == 200:
                self.board_games = json.loads(body).get("games", [])
                if any(g["game"] != left for g in self.board_games):
                    continue
            await asyncio.sleep(1.0)

    async def next_running(self) -> str:
        """The game behind live.js's "Guess the next game" button: the first running game of the board's last
        answer (the oldest; the button shows once an answer has one)."""
        while True:
            games = (self.last_state or {}).get("games", [])
            if games:
                return games[0]["game"]
            await asyncio.sleep(BOARD_EVERY)

    async def guesser(self, game: str) -> None:
        """/Spectate?game=ID with its guess box: the page's board poll of that game and a guess every `every` s
        (as the box allows, at most one a second) until the game leaves the board; then the box closes, the
        poll goes on (each new answer asks for the result: live.js) while the person reads it for 2-6 s, and
        the person goes on to the next game: `switch` taps "Guess the next game" (the same page and session
        show the board's first running game, live.js's button), `reload` opens another running game's page
        (a new Streamlit session, what the page made people do before the button)."""
        import aiohttp
        from st_client import open_page
        board = f"{self.spec.base_url}/api/board?words=0&guesses=6"
        self.only = game
        page_loops: list[asyncio.Task] = []  # this page's session and its board poll
        while True:
            self.view = self.w.new_view("guesser", ("game", game))
            self.over = asyncio.Event()
            if not page_loops:
                page_loops = [asyncio.ensure_future(self.page.idle()),
                              asyncio.ensure_future(self.board_poller(board, BOARD_EVERY, gallery=False, one_game=True))]
                self.tasks.extend(page_loops)
            elif self.last_state is not None:
                self.show_board(self.last_state, time.time(), False, one_game=True)  # the tap's render(state)
            box = asyncio.ensure_future(self.post_guesses(game))
            self.tasks.append(box)
            await self.over.wait()
            box.cancel()
            self.tasks.remove(box)
            self.view.ended = time.time()
            await asyncio.sleep(self.rng.uniform(2.0, 6.0))  # reads the result, taps a button
            if self.spec.next_game == "switch":
                game = self.only = await self.next_running()
                self.w.stats.switches += 1
                continue
            left, game = game, await self.pick_game(game)  # "All live games", then one of them
            page_loops[1].cancel()  # the tab goes: its poll stops, its websocket closes (the session's reader ends)
            try:
                await asyncio.wait_for(self.page.close(), 5)
            except Exception:
                pass
            for t in page_loops:
                t.cancel()
                self.tasks.remove(t)
            page_loops = []
            attempt = 0
            while True:  # a full page load: a new Streamlit session
                try:
                    self.page = await open_page(self.http, self.spec.base_url, "Spectate", self.guess_query(game))
                    self.w.stats.visits.append(self.page.run_seconds)
                    break
                except Exception as exc:
                    attempt += 1
                    if attempt == 1 and isinstance(exc, aiohttp.ClientConnectionError):
                        continue  # a keep-alive connection the server closed while the person read the result:
                        # a browser sends the request again on a new connection at once; so does this, once
                    self.w.stats.errors[f"visit: {type(exc).__name__}"] += 1
                    await asyncio.sleep(2.0)
                    attempt, game = 0, await self.pick_game(left)
            self.only, self.last_state = game, None

    async def post_guesses(self, game: str) -> None:
        """POST /api/guess/GAME {"player", "text"} every `every` s (jittered 0.6-1.4x), never sooner than a
        second after the last answer (the guess box's button); the text carries when it was sent."""
        url = f"{self.spec.base_url}/api/guess/{game}"
        n = 0
        await asyncio.sleep(self.rng.uniform(0.5, self.spec.every))  # reads the page, types
        while not self.over.is_set():
            n += 1
            sent = time.time()
            gid = f"{self.spec.name}.{n}"
            body = json.dumps({"player": self.spec.token, "text": f"room{'x' if self.spec.tracer else ''}#{gid}@{sent:.3f}"})
            t0 = time.monotonic()
            try:
                async with self.http.post(url, data=body, headers={"Content-Type": "application/json"}) as r:
                    await r.read()
                    status = r.status
            except Exception as exc:  # a network failure: counted as a failed request
                self.w.stats.errors[f"guess: {type(exc).__name__}"] += 1
                status = 0
            else:
                answered = time.time()
                self.w.stats.rtt["guess"].append(time.monotonic() - t0)
                self.w.stats.status[f"guess {status}"] += 1
                if status == 200 and self.spec.tracer:
                    self.w.stats.tracers.append((game, gid, sent, answered))
            if status == 409:  # game over: the box closes; the board poll sees it leave
                return
            await asyncio.sleep(max(1.0, self.spec.every * self.rng.uniform(0.6, 1.4)))
