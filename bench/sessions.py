"""How many connected people one app process holds, and two processes on one SQLite file, side by side.

    python bench/sessions.py                                # 1 and 2 processes, the default ramp (10-14 min)
    python bench/sessions.py --processes 1 --max-people 400 --seconds 10
    python bench/sessions.py --people 50,100,200 --processes 2   # 100, 200 and 400 people on 2 processes
    python bench/sessions.py --root /tmp/arena-head         # another checkout's app (its own core/ seeds the data)
    python bench/sessions.py --processes 1 --people 400 --profile /tmp/prof --profile-at 400   # + py-spy
    python bench/sessions.py --processes 1 --guessing 0,1 --game-length 45   # watching only, then the room guessing
    python bench/sessions.py --processes 1 --guessing 0,1 --compare /tmp/arena-before:reload \
        --compare /tmp/arena-after:switch           # two snapshots, interleaved, one table

While others edit the tree, measure a snapshot: `git archive HEAD | tar -x -C /tmp/arena-head` (or a
copy of the working tree) and `--root /tmp/arena-head`; Streamlit also tells every open session when
a source file changes (a `session_event.script_changed_on_disk` in "Errors and surprises").
Needs `aiohttp` (requirements-dev.txt) and, for --profile, py-spy.

The ramp counts people PER PROCESS (10, 25, 50, 100, 200, 300, then +`--step` up to `--max-people`):
a configuration of P processes runs P times as many people at each step, so the rows of the two
configurations line up by the load each process carries. After the first step that fails, the
interval between it and the last step that held is halved `--refine` times (people leave or come).

A person is what a browser tab costs the server, without the browser:

  * a Streamlit page session: the websocket `/_stcore/stream` opened as the frontend opens it, one
    `rerun_script` BackMsg for the page, ForwardMsgs read until `script_finished`, then left idle
    (read, so pings are answered) for the rest of the run (`bench/st_client.py` documents the protocol);
  * the page's live view, done as `core/ui/live.js` does it:
      spectator  (/Spectate)            GET /api/board?words=0&guesses=8 every 300 ms after the last answer,
                                        with If-None-Match; a new `frame` seq of a game -> GET that frame
                                        once; a new finished game in the gallery -> GET its replay once
      presenter  (/Spectate?present=1)  GET /api/board?words=0&guesses=4 every 500 ms (+ the side panel's
                                        every 3 s), frames as above, no gallery
      player     (/?player=TOKEN)       GET /api/live/GAME?player=TOKEN every 250 ms with If-None-Match,
                                        POST /api/seat {"player": TOKEN} every 2 s
      guesser    (/Spectate?game=ID&player=TOKEN, the one-game page with the guess box)
                                        GET /api/board?words=0&guesses=6 every 300 ms (its game only: frames as
                                        above), POST /api/guess/ID {"player": TOKEN, "text": ...} every
                                        `--guessing-every` s (x0.6-1.4, never within a second of the last answer,
                                        as the box's button allows); when its game leaves the board the box
                                        closes and the poll goes on, each new answer (200) GETs /api/live/ID
                                        (the result) as live.js does, and after 2-6 s to read it the person
                                        goes on to the next game as `--next-game` says:
                                          switch (default; the page since dce9dd3): taps "Guess the next game":
                                            the same page and session show the first running game of the
                                            board's last answer (the oldest) and the box guesses it, the same
                                            poll goes on: no page load, no new Streamlit session
                                          reload (the page before dce9dd3, e.g. 875b850): "All live games" and
                                            a page visit (a new Streamlit session) to one of the other running
                                            games, picked at random
                                        (875b850's bench stopped the poll at the game's end and made one GET
                                        of the result: the reading is now as the page does it in both modes)
  The default mix per step: 2 players (one per running game), 1 presenter, the rest spectators; with
  `--guessing S` a share S of the spectators (spread evenly through the arrivals) are guessers instead.
  People are split evenly over the processes' ports (round robin).

A driver thread in this process keeps `--games` games running in the database through the checkout's
own `core.store.Store` (its public methods: touch_player, insert_game, insert_guesses, insert_frames,
end_game, save_replay): an active game row (owned by a player token the bench signed with the
PLAYER_SECRET it gives the servers), a guess row every `--guess-every` s and a frame (a real PNG of a
drawing that grows) every `--frame-every` s per game. A game ends as won after `--game-length` s
(guesses stop 2 s before, as a game ends on its winning guess), gets a small replay GIF, and the next
round of that slot starts at once: so a game holds about as many guesses as a real one and the
documents stay the size they are in play. The word is in no word list, so no guesser can win. The
lobby takes a game with no owner over when its player's heartbeat arrives and resumes its guessers from
the newest stored frame (the driver's later frames reach only the database, so they guess that one
frame): this measures the live views, the sessions and the room's guesses, not the models' guessing.

What a guessing person needs, and the bench gives honestly (core/audience.py, core/web.py take_guess):
a token signed with the servers' PLAYER_SECRET (`core.identity.new_player_token`, as the app makes one
for a new visitor), a player row with a nickname (`Store.touch_player` + `set_nickname`, what the
Spectate page's nickname form does; written before the ramp), not resting under the moderation rules,
not the game's drawer, and an active, public game row: the audience path reads the game from the
database and needs no pool (a game this process's pool does not run only skips `pool.add_past`). The
word is nobody's guess, so every guess is judged wrong, stored as a human guess row and shown on every
view of that game like a model's.

Each guess's text carries the time the driver wrote it ("bench#K@UNIX_TIME"); a person's carries when it
was sent ("room#ID@UNIX_TIME", "roomx#..." for the first `--tracers` guessers). The LAG of a view is,
for every driver guess K written while the person watches, the time from that write until the person's
first answer (200) that shows it, or shows a newer guess certainly stored after it (a later driver
guess, or a person's guess sent after K was stored: then K was in that answer's state, and the board's
last 8 had moved past it, as they do when the room guesses many times a second): the age of what the
screen shows. The same for the tracers' guesses, from their send time (so their POST's time counts),
with "stored" meaning their POST's answer. Views report only their running top per game
(`View`); the lags are worked out in this process (`reflect`), beside the driver's record of when it
wrote and stored each guess. A driver's guess a view has not shown `--lag-limit` s after it was written
is MISSED; a person's guess not shown in time counts in their lag with the time it went unshown (people
guess to a game's last second, and the board shows running games only: one sent less than the limit
before its game ended and never shown is counted apart; before issue 19 a driver's guess pushed off
the last 8 unseen was MISSED: it now counts with its lag, at least 8 s at one guess a second, so a
watching-only step fails as it did). A step HOLDS when the `--lag-quantile` (default
p99) lag over all views is at most `--lag-limit` (1.5 s) for the driver's guesses and for the
tracers', no guess was missed, fewer than 1% of requests failed (for guesses, 429 slow down and 409
game over are answers; 5xx and network failures are failures), and every session's script run
finished. The ramp of a configuration stops at its first step that does not hold, or when the client
itself is saturated (a client process above 0.9 core): then the number is the client's limit, not the
server's, and the table says so. A failing step is measured once more (`--retries`) when other
people's work took more than 0.25 core of the machine during it; a failure also names how late the
client's own event loop was (a 100 ms timer's lateness, p99), since a starved client adds to the lag.

CPU is utime+stime from /proc for each server process, each client process and this process (the
driver), over the step's window; "not ours" is the rest of the machine's busy time (other people's
work). RSS per server process at the end of each window. Each server also gets a `sitecustomize.py`
on its PYTHONPATH (written into the run's temp dir; it does nothing unless BENCH_GC_LOG is set) that
logs every full garbage collection's pause, since those pauses stop the server's event loop: the
tables show how many fell in each window and how long they were. The client processes freeze their
long-lived objects out of the collector after each arrival (else their own full collections, 50-130
ms at 300 people, would be counted as the server's lag) and report their own pauses too.
Before the ramp of the 1-process
configuration, `--idle-sessions` websocket sessions that ran Spectate once and never poll are held
for one window, to show what idle Streamlit sessions cost (CPU and memory) apart from the polling.

`--guessing 0,1` runs each process count once per share, fresh servers and data each time, the same
ramp: watching only and the whole room guessing, side by side. The guessing table adds the guesses
taken per second, the answers (200 / 429 / 409 / other), failed POSTs, the POST's round trip (p50 /
p99), the tracers' lag, and the guessers' page visits per second (each costs a script run; reload) or
switches to the next game per second (switch).

`--compare ROOT[:switch|reload]`, given twice or more (say a snapshot before a change and one after):
every configuration (process count x guessing share) runs on each checkout in turn, interleaved (before,
after, before, after...), as a child run of this bench each with that checkout's own core/ driving the
data and its guessers' `--next-game` (else `--next-game`'s); the tables carry each run's label (the
folder's name and the mode) and the capacity adds each checkout's number over the first's. It cannot
run two checkouts in one process: each brings its own `core` package. `--profile DIR --profile-at fail`
samples one more window with py-spy at each configuration's first failing step (the limit).
"""
from __future__ import annotations

import argparse
import asyncio
import bisect
import gc
import hashlib
import io
import json
import math
import multiprocessing as mp
import os
import random
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from browser_common import REPO, free_port, load_average, machine_cpu, process_cpu, rss_mb  # noqa: E402

GUESS_TEXT = re.compile(r"bench#(\d+)@(\d+\.\d+)")  # the driver's guesses (probes)
ROOM_TEXT = re.compile(r"room(x?)#([0-9a-z]+\.\d+)@(\d+\.\d+)")  # a guessing person's ("x": a tracer)
BOARD_EVERY = 0.3
PRESENT_EVERY = 0.5
SIDE_EVERY = 3.0
LIVE_EVERY = 0.25
SEAT_EVERY = 2.0
QUIET_BEFORE_END = 2.0
DEFAULT_LADDER = (10, 25, 50, 100, 200, 300)
CLIENT_CPU_LIMIT = 0.9
CLIENT_LOOP_LIMIT = 0.2
OTHERS_LIMIT = 0.25  # cores of other people's work above which a failed step is measured once more
PROBES_BEFORE = 10.0  # s: the driver's guesses written this long before a window can still count in it
GUESS_OK = ("guess 200", "guess 429", "guess 409")  # slow down and game over are answers, not failures


def percentile(values, q: float) -> float:
    """Nearest-rank percentile (q in 0..100); NaN for no values."""
    if not values:
        return float("nan")
    s = sorted(values)
    return s[max(0, min(len(s) - 1, math.ceil(q / 100 * len(s)) - 1))]


def game_id_for(run: str, slot: int, round_: int) -> str:
    """The driver's game ids are derived, so a player knows its next game without asking anyone."""
    return hashlib.blake2b(f"{run}:{slot}:{round_}".encode(), digest_size=6).hexdigest()


# == the client: people, in worker processes =========================================================

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
            return [self.live_poller(), self.heart(SEAT_EVERY)]
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


class Worker:
    """One client process: many people on one asyncio loop, driven by commands over a pipe."""

    def __init__(self, conn, connect_concurrency: int):
        self.conn = conn
        self.people: list[Person] = []
        self.stats = WorkerStats()
        self.gate = asyncio.Semaphore(connect_concurrency)
        self.views: list[View] = []  # open views, and those closed since the window began
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

    async def drop_all(self) -> dict:
        people, self.people = self.people, []
        await asyncio.gather(*(p.close() for p in people))
        return {"closed": len(people)}

    def snapshot(self) -> dict:
        s = self.stats
        open_ws = sum(1 for p in self.people if p.page and not p.page.ws.closed)
        later = Counter()
        for p in self.people:
            later.update(p.page.later_kinds)
        return {"views": [v.report() for v in self.views], "tracers": s.tracers, "visits": s.visits,
                "switches": s.switches,
                "rtt": dict(s.rtt), "status": dict(s.status),
                "errors": dict(s.errors), "gaps": s.gaps, "loop_late": s.loop_late, "gc_pauses": s.gc_pauses, "bytes_in": s.bytes_in,
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


# == the driver: games that change like real ones ======================================================

def drawing_frames(n: int, rng: random.Random, size: int = 512) -> list[bytes]:
    """`n` PNGs of one drawing growing stroke by stroke, like a canvas's frames (5-20 kB each)."""
    from PIL import Image, ImageDraw
    img = Image.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(img)
    out = []
    x, y = size / 2, size / 2
    for _ in range(n):
        for _ in range(2):
            pts = [(x, y)]
            for _ in range(6):
                x = min(size - 20, max(20, x + rng.uniform(-70, 70)))
                y = min(size - 20, max(20, y + rng.uniform(-70, 70)))
                pts.append((x, y))
            draw.line(pts, fill="black", width=6, joint="curve")
        buf = io.BytesIO()
        img.convert("L").save(buf, "PNG", optimize=True)
        out.append(buf.getvalue())
    return out


def replay_gif(frames: list[bytes]) -> bytes:
    """A small animated GIF of some frames, as the app stores a replay."""
    from PIL import Image
    pics = [Image.open(io.BytesIO(f)).convert("L").resize((256, 256)) for f in frames[:: max(1, len(frames) // 6)]]
    buf = io.BytesIO()
    pics[0].save(buf, "GIF", save_all=True, append_images=pics[1:], duration=400, loop=0)
    return buf.getvalue()


class Driver:
    """Keeps `games` games running in the shared database: guesses, frames, ends, replays."""

    def __init__(self, db_path: Path, run: str, players: list[tuple[str, str]], guess_every: float,
                 frame_every: float, game_length: float, game_seconds: float, rng: random.Random):
        from core.store import Store  # the checkout's own store (sys.path points at --root)
        self.store = None
        self.store_cls = Store
        self.db_path = db_path
        self.run = run
        self.players = players  # (token, player_id) per slot
        self.guess_every, self.frame_every, self.game_length = guess_every, frame_every, game_length
        self.game_seconds = game_seconds
        self.frames = drawing_frames(int(game_length / frame_every) + 2, rng)
        self.rng = rng
        self.stop_event = threading.Event()
        self.thread = None
        self.lock = threading.Lock()
        self.write_s: list[float] = []
        self.errors: Counter = Counter()
        self.guesses = self.frames_written = self.games_started = 0
        self.probes: list[tuple] = []  # (game, slot, k, written, stored) of every guess, the last few minutes
        self.ended: dict[str, float] = {}  # game -> when the driver ended it

    def ended_games(self) -> dict[str, float]:
        with self.lock:
            return dict(self.ended)

    def probes_between(self, a: float, b: float) -> list[tuple]:
        """The guesses written between two wall times (and stored: a failed write has no entry)."""
        with self.lock:
            return [x for x in self.probes if a <= x[3] <= b]

    def start(self) -> None:
        self.thread = threading.Thread(target=self._run, name="bench-driver", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.stop_event.set()
        if self.thread:
            self.thread.join(10)

    def take_stats(self) -> dict:
        with self.lock:
            out = {"write_s": self.write_s, "errors": dict(self.errors), "guesses": self.guesses,
                   "frames": self.frames_written, "games": self.games_started}
            self.write_s, self.errors = [], Counter()
            self.guesses = self.frames_written = self.games_started = 0
        return out

    def _timed(self, what: str, fn, *args) -> bool:
        t0 = time.monotonic()
        try:
            fn(*args)
        except Exception as exc:  # the bench goes on; the table shows the count
            with self.lock:
                self.errors[f"{what}: {type(exc).__name__}: {exc}"[:160]] += 1
            return False
        with self.lock:
            self.write_s.append(time.monotonic() - t0)
        return True

    def _run(self) -> None:
        self.store = self.store_cls(self.db_path)
        slots = []
        t0 = time.time()
        for s in range(len(self.players)):  # staggered, so the slots do not end at the same moment
            slots.append(self._new_game(s, 0, t0 + (s + 1) * self.game_length / len(self.players)))
        while not self.stop_event.is_set():
            now = time.time()
            nxt = now + 1.0
            for i, g in enumerate(slots):
                if now >= g["ends"]:
                    self._end_game(g, now)
                    slots[i] = g = self._new_game(g["slot"], g["round"] + 1, now + self.game_length)
                if now >= g["next_guess"] and now < g["ends"] - QUIET_BEFORE_END:
                    g["k"] += 1
                    t = time.time()
                    row = {"game_id": g["id"], "frame_seq": g["seq"], "guesser": "Bench Guesser", "model": "bench",
                           "text": f"bench#{g['k']}@{t:.3f}", "normalized": f"bench {g['k']}", "correct": 0,
                           "created_at": t, "latency_ms": 600.0, "input_tokens": 0, "output_tokens": 0,
                           "cost_usd": 0.0, "requested_at": t - 0.6, "refused": 0, "stale": 0, "won": 0,
                           "reason": "not the word"}
                    if self._timed("guess", self.store.insert_guesses, [row]):
                        with self.lock:
                            self.guesses += 1
                            self.probes.append((g["id"], g["slot"], g["k"], t, time.time()))
                            if self.probes[0][3] < t - 300:
                                self.probes = [x for x in self.probes if x[3] >= t - 300]
                    g["next_guess"] += self.guess_every
                if now >= g["next_frame"] and g["seq"] < len(self.frames):
                    g["seq"] += 1
                    png = self.frames[g["seq"] - 1]
                    row = {"game_id": g["id"], "seq": g["seq"], "created_at": time.time(), "width": 512,
                           "height": 512, "png": png}
                    self._timed("frame", self.store.insert_frames, [row])
                    with self.lock:
                        self.frames_written += 1
                    g["next_frame"] += self.frame_every
                nxt = min(nxt, g["next_guess"], g["next_frame"], g["ends"])
            self.stop_event.wait(max(0.0, nxt - time.time()))
        for g in slots:
            self._end_game(g, time.time())
        self.store.close()

    def _new_game(self, slot: int, round_: int, ends: float) -> dict:
        token, player_id = self.players[slot]
        now = time.time()
        gid = game_id_for(self.run, slot, round_)
        self._timed("player", self.store.touch_player, player_id, now)
        self._timed("game", self.store.insert_game, {
            "id": gid, "word": "benchword",  # in no word list: no guesser that resumes the game can win it
            "player_id": player_id, "status": "active", "started_at": now, "game_seconds": self.game_seconds,
            "hidden": 0})
        with self.lock:
            self.games_started += 1
        first = now + self.rng.uniform(0.2, self.guess_every)
        return {"slot": slot, "round": round_, "id": gid, "ends": ends, "k": 0, "seq": 0,
                "next_guess": first, "next_frame": now + 0.5}

    def _end_game(self, g: dict, now: float) -> None:
        self._timed("end", self.store.end_game, g["id"], "won", now, "Bench Guesser")
        with self.lock:
            self.ended[g["id"]] = time.time()
        if g["seq"]:
            self._timed("replay", self.store.save_replay, g["id"], replay_gif(self.frames[:g["seq"]]), g["seq"], now)


# == servers and measurement =========================================================================

@dataclass
class Proc:
    """One `streamlit run app.py`."""

    url: str
    proc: subprocess.Popen
    log_path: Path
    port: int
    gc_log: Path

    @property
    def pid(self) -> int:
        return self.proc.pid

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


GC_PROBE = '''
# Written by bench/sessions.py for the servers it starts (on PYTHONPATH, only where BENCH_GC_LOG is set):
# log every full garbage collection's pause, so the bench can tell GC pauses from other waits.
import os
if os.environ.get("BENCH_GC_LOG"):
    import gc, time
    _log = open(os.environ["BENCH_GC_LOG"], "a", buffering=1)
    _t0 = [0.0]
    def _probe(phase, info):
        if info.get("generation") != 2:
            return
        if phase == "start":
            _t0[0] = time.perf_counter()
        else:
            _log.write(f"{time.time():.3f} {time.perf_counter() - _t0[0]:.6f} {info.get('collected', 0)}\\n")
    gc.callbacks.append(_probe)
'''


def gc_pauses(path: Path, since: float, until: float) -> list[float]:
    """A server's full-collection pauses (s) between two wall times, from its probe's log."""
    try:
        rows = [line.split() for line in path.read_text().splitlines()]
    except FileNotFoundError:
        return []
    return [float(r[1]) for r in rows if len(r) >= 2 and since <= float(r[0]) <= until]


def start_servers(root: Path, n: int, data_dir: Path, env_extra: dict, timeout: float = 120.0) -> list[Proc]:
    """`n` servers of `root` on free ports, all on one database file; each has built its engine when this returns."""
    import urllib.request
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    env.update(PICTIONARY_DATA_DIR=str(data_dir), PICTIONARY_DB=str(data_dir / "pictionary.db"), **env_extra)
    probe_dir = data_dir.parent / "gcprobe"
    probe_dir.mkdir(exist_ok=True)
    (probe_dir / "sitecustomize.py").write_text(GC_PROBE)
    env["PYTHONPATH"] = os.pathsep.join([str(probe_dir), *filter(None, [os.environ.get("PYTHONPATH")])])
    procs = []
    for i in range(n):
        port = free_port()
        log_path = data_dir.parent / f"streamlit-{i}.log"
        env["BENCH_GC_LOG"] = str(data_dir.parent / f"gc-{i}.log")
        log = open(log_path, "w")
        p = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(root / "app.py"), "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        procs.append(Proc(f"http://127.0.0.1:{port}", p, log_path, port, Path(env["BENCH_GC_LOG"])))
    deadline = time.monotonic() + timeout
    for p in procs:
        # /api/health builds the engine (the lobby closes games left active at that moment): before the driver starts
        while True:
            try:
                if json.loads(urllib.request.urlopen(f"{p.url}/api/health", timeout=5).read()).get("ok"):
                    break
            except (OSError, ValueError):
                pass
            if p.proc.poll() is not None or time.monotonic() > deadline:
                for q in procs:
                    q.stop()
                raise RuntimeError(f"server did not start:\n{p.log_path.read_text()[-3000:]}")
            time.sleep(0.3)
    return procs


def tcp_established(port: int) -> int:
    """Established TCP connections to a local port (websockets + keep-alive HTTP), from /proc/net/tcp."""
    n = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                next(f)
                for line in f:
                    parts = line.split()
                    if parts[3] == "01" and int(parts[1].rsplit(":", 1)[1], 16) == port:
                        n += 1
        except FileNotFoundError:
            pass
    return n


@dataclass
class Cpu:
    at: float
    servers: list[float]
    clients: list[float]
    me: float
    busy: float


def sample(servers: list[Proc], clients: Clients) -> Cpu:
    busy, _ = machine_cpu()
    return Cpu(time.monotonic(), [process_cpu(s.pid) for s in servers], [process_cpu(p) for p in clients.pids],
               process_cpu(os.getpid()), busy)


def cpu_rates(a: Cpu, b: Cpu) -> dict:
    secs = b.at - a.at
    servers = [(y - x) / secs for x, y in zip(a.servers, b.servers)]
    clients = [(y - x) / secs for x, y in zip(a.clients, b.clients)]
    me = (b.me - a.me) / secs
    machine = (b.busy - a.busy) / secs
    return {"servers": servers, "clients": clients, "driver": me, "machine": machine,
            "not_ours": max(0.0, machine - sum(servers) - sum(clients) - me)}


def merge(snaps: list[dict]) -> dict:
    """One window's numbers from every client process."""
    out = {"views": [], "tracers": [], "visits": [], "switches": 0, "rtt": defaultdict(list), "status": Counter(),
           "errors": Counter(), "gaps": [], "loop_late": [], "gc_pauses": [], "bytes_in": 0, "ws_open": 0, "ws_closed_by_server": 0,
           "later_msgs": Counter(), "people": Counter(), "loop_p99": []}
    for s in snaps:
        out["views"].extend(s["views"])
        out["tracers"].extend(s["tracers"])
        out["visits"].extend(s["visits"])
        out["switches"] += s["switches"]
        for k, v in s["rtt"].items():
            out["rtt"][k].extend(v)
        out["status"].update(s["status"])
        out["errors"].update(s["errors"])
        out["gaps"].extend(s["gaps"])
        out["loop_late"].extend(s["loop_late"])
        out["gc_pauses"].extend(s["gc_pauses"])
        out["loop_p99"].append(percentile(s["loop_late"], 99))
        out["bytes_in"] += s["bytes_in"]
        out["ws_open"] += s["ws_open"]
        out["ws_closed_by_server"] += s["ws_closed_by_server"]
        out["later_msgs"].update(s["later_msgs"])
        out["people"].update(s["people"])
    return out


def reflect(views: list[dict], probes: list[tuple], tracers: list[tuple], w0: float, w1: float,
            limit: float, ended: dict | None = None) -> dict:
    """The lag of every guess on every view that should show it, from what the views' answers showed.

    A guess is on a view's screen from the first answer that shows it, or that shows a newer guess
    whose row was certainly stored after it (then it was in that answer's state, and the board's last 8
    had moved past it): for the driver's guess K, a later driver guess of that game, or a person's guess
    sent after K was stored; for a person's guess, any guess of that game sent after its POST was
    answered. `probes`: the driver's (game, slot, k, written, stored); `tracers`: (game, id, sent,
    answered). A driver's guess a view has not shown `limit` s after it was written (by the window's end
    or the view's close, or the game's end: `ended`, game -> when) is MISSED; a person's guess not shown
    so counts in their lags with the time it was not shown for (a lower bound, over the limit), since
    people guess to a game's last second: one sent less than `limit` s before its game left the board
    (which shows running games only; the play page still shows it) is counted apart (`late`)."""
    ended = ended or {}
    by_game: dict[str, list] = defaultdict(list)
    slots: dict[int, set] = defaultdict(set)
    for game, slot, k, t, stored in probes:
        by_game[game].append((k, t, stored))
        slots[slot].add(game)
    traced: dict[str, list] = defaultdict(list)
    for game, gid, sent, answered in tracers:
        if sent >= w0:
            traced[game].append((gid, sent, answered))
    lag, missed, human, human_missed, late = defaultdict(list), Counter(), [], 0, 0
    for v in views:
        if not v["joined"]:
            continue
        end = v["ended"] or w1
        scope = v["scope"]
        if not scope:
            games = set(by_game) | set(traced)
        elif scope[0] == "slot":
            games = slots.get(scope[1], set())
        else:
            games = {scope[1]}
        for game in games:
            until = end if scope and scope[0] == "slot" else min(end, ended.get(game, end))
            env = v["env"].get(game, [])
            ks, ts = [e[1] for e in env], [e[2] for e in env]
            k0, t0 = v["init"].get(game, (0, 0.0))
            for k, t, stored in by_game.get(game, ()):
                if t < v["joined"] or t > end or k0 >= k or t0 >= stored:
                    continue  # written before the view came or after it went, or shown before the window
                i = min(bisect.bisect_left(ks, k), bisect.bisect_left(ts, stored))
                if i < len(env):
                    lag[v["kind"]].append(env[i][0] - t)
                elif until - t > limit:
                    missed[v["kind"]] += 1
            for gid, sent, answered in traced.get(game, ()):
                if sent < v["joined"] or answered > end:
                    continue
                i = bisect.bisect_left(ts, answered)
                seen = [x for x in (v["traced"].get(gid), env[i][0] if i < len(env) else None) if x is not None]
                if seen:
                    human.append(min(seen) - sent)
                elif until - sent > limit:  # not shown in time: its lag is at least this, and counts so
                    human.append(until - sent)
                    human_missed += 1
                elif end - sent > limit:
                    late += 1
    return {"lag": lag, "missed": missed, "human_lag": human, "human_missed": human_missed, "human_late": late}


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
    answers = clients.all("add", specs)
    failures = Counter()
    for a in answers:
        failures.update(a["failures"])
    return {"opened": sum(a["opened"] for a in answers), "failures": dict(failures),
            "run": [x for a in answers for x in a["run"]], "connect": [x for a in answers for x in a["connect"]]}


def measure(servers: list[Proc], clients: Clients, driver: Driver, seconds: float, lag_limit: float = 1.5) -> dict:
    w0 = time.time()
    clients.all("reset")
    driver.take_stats()
    a = sample(servers, clients)
    t0 = time.time()
    time.sleep(seconds)
    b = sample(servers, clients)
    t1 = time.time()
    snaps = clients.all("collect")
    win = merge(snaps)
    win.update(reflect(win.pop("views"), driver.probes_between(w0 - PROBES_BEFORE, t1), win["tracers"], w0, t1,
                       lag_limit, driver.ended_games()))
    win["cpu"] = cpu_rates(a, b)
    win["seconds"] = b.at - a.at
    win["driver"] = driver.take_stats()
    win["rss"] = [rss_mb(s.pid) for s in servers]
    win["tcp"] = [tcp_established(s.port) for s in servers]
    win["server_gc"] = [gc_pauses(s.gc_log, t0, t1) for s in servers]
    return win


def verdict(win: dict, opened: dict, args) -> tuple[bool, bool, str]:
    """(holds, client-bound, why) for one step."""
    lags = [x for v in win["lag"].values() for x in v]
    q = percentile(lags, args.lag_quantile)
    requests = sum(win["status"].values()) + sum(win["errors"].values())
    bad = sum(win["errors"].values()) + sum(n for k, n in win["status"].items() if not good_status(k))
    why = []
    if not lags:
        why.append("no guess reached any view")
    elif q > args.lag_limit:
        why.append(f"p{args.lag_quantile:g} lag {q:.2f} s > {args.lag_limit} s")
    hq = percentile(win["human_lag"], args.lag_quantile)
    if win["human_lag"] and hq > args.lag_limit:
        why.append(f"people's guesses: p{args.lag_quantile:g} lag {hq:.2f} s > {args.lag_limit} s")
    missed = sum(win["missed"].values())
    if missed:
        why.append(f"{missed} guesses missed")
    if requests and bad / requests > 0.01:
        why.append(f"{bad / requests:.1%} requests failed")
    if opened["failures"]:
        why.append(f"{sum(opened['failures'].values())} sessions failed to open")
    client_bound = max(win["cpu"]["clients"]) > CLIENT_CPU_LIMIT
    if why and max(win["loop_p99"], default=0) > CLIENT_LOOP_LIMIT:
        why.append(f"the client's own loop ran {max(win['loop_p99']) * 1000:.0f} ms late (p99)")
    if why and win["cpu"]["not_ours"] > OTHERS_LIMIT:
        why.append(f"other work on the machine took {win['cpu']['not_ours']:.2f} cores")
    return not why, client_bound, "; ".join(why) or "holds"


def good_status(key: str) -> bool:
    """A request that did what it should ("route status"): 2xx, 304, 404 (a game gone); 429 and 409 for guesses."""
    return key.endswith((" 200", " 304", " 404")) or key in GUESS_OK


def fmt(v: float, nd: int = 2) -> str:
    return "-" if v != v else f"{v:.{nd}f}"


def step_row(p: int, n: int, win: dict, opened_total: dict, ok: bool, client_bound: bool, why: str, args) -> dict:
    lags = [x for v in win["lag"].values() for x in v]
    secs = win["seconds"]
    requests = sum(win["status"].values())
    polls = sum(v for k, v in win["status"].items() if k.split()[0] in ("board", "live"))
    p304 = sum(v for k, v in win["status"].items() if k.split()[0] in ("board", "live") and k.endswith(" 304"))
    poll_rtt = win["rtt"].get("board", []) + win["rtt"].get("live", [])
    cpu = win["cpu"]
    return {
        "processes": p, "people": n, "ws_open": win["ws_open"], "ws_closed_by_server": win["ws_closed_by_server"],
        "mix": dict(win["people"]), "lag_n": len(lags),
        "lag_p50": percentile(lags, 50), "lag_p95": percentile(lags, 95), "lag_p99": percentile(lags, 99),
        "lag_max": max(lags, default=float("nan")),
        "lag_over": sum(1 for x in lags if x > args.lag_limit) / len(lags) if lags else float("nan"),
        "player_lag_p95": percentile(win["lag"].get("player", []), 95),
        "missed": sum(win["missed"].values()),
        "rtt_p50": percentile(poll_rtt, 50), "rtt_p95": percentile(poll_rtt, 95),
        "frame_rtt_p95": percentile(win["rtt"].get("frame", []), 95),
        "gap_p99": percentile(win["gaps"], 99), "gap_max": max(win["gaps"], default=float("nan")),
        "req_s": requests / secs, "share_304": p304 / polls if polls else float("nan"),
        "kB_s": win["bytes_in"] / secs / 1000, "errors": dict(win["errors"]),
        "bad_status": {k: v for k, v in win["status"].items() if not good_status(k)},
        "open_run_p50": percentile(opened_total["run"], 50), "open_run_p95": percentile(opened_total["run"], 95),
        "open_failures": opened_total["failures"], "opened": opened_total["opened"],
        "open_cpu_ms": (1000 * opened_total.get("server_cpu_s", 0) / opened_total["opened"]
                        if opened_total["opened"] else float("nan")),
        "open_s": opened_total.get("seconds", 0.0),
        "server_cpu": cpu["servers"], "client_cpu": cpu["clients"], "driver_cpu": cpu["driver"],
        "machine": cpu["machine"], "not_ours": cpu["not_ours"], "rss": win["rss"], "tcp": win["tcp"],
        "loop_p99": max(win["loop_p99"], default=float("nan")), "gc_pauses": win["gc_pauses"],
        "server_gc": win["server_gc"],
        "driver_write_p95_ms": percentile(win["driver"]["write_s"], 95) * 1000,
        "driver_write_max_ms": max(win["driver"]["write_s"], default=float("nan")) * 1000,
        "driver_errors": win["driver"]["errors"], "guesses_written": win["driver"]["guesses"],
        "later_msgs": dict(win["later_msgs"]), "holds": ok, "client_bound": client_bound, "why": why,
        "guessing": args.guessing_now, "guessers": win["people"].get("guesser", 0),
        "human_lag_n": len(win["human_lag"]), "human_lag_p50": percentile(win["human_lag"], 50),
        "human_lag_p99": percentile(win["human_lag"], 99), "human_missed": win["human_missed"],
        "human_late": win["human_late"],
        "guess_status": {k.split()[1]: v for k, v in win["status"].items() if k.startswith("guess ")},
        "guess_errors": sum(v for k, v in win["errors"].items() if k.startswith("guess:")),
        "guesses_s": win["status"].get("guess 200", 0) / secs, "probes_s": win["driver"]["guesses"] / secs,
        "guess_rtt_p50": percentile(win["rtt"].get("guess", []), 50),
        "guess_rtt_p99": percentile(win["rtt"].get("guess", []), 99),
        "visits_s": len(win["visits"]) / secs, "visit_run_p95": percentile(win["visits"], 95),
        "switches_s": win["switches"] / secs, "next_game": args.next_game, "label": args.label,
    }


def print_step(r: dict) -> None:
    srv = "+".join(fmt(c) for c in r["server_cpu"])
    cli = "+".join(fmt(c) for c in r["client_cpu"])
    print(f"  N={r['people']:4d} (+{r['opened']} opened in {r['open_s']:.1f} s) ws={r['ws_open']:4d} lag p50/p95/p99/max {fmt(r['lag_p50'])}/{fmt(r['lag_p95'])}/"
          f"{fmt(r['lag_p99'])}/{fmt(r['lag_max'])} s, missed {r['missed']}, server {srv} cores, client {cli}, "
          f"machine {fmt(r['machine'])}, not ours {fmt(r['not_ours'])}, RSS {'/'.join(fmt(x, 0) for x in r['rss'])} MB"
          f", server full GCs {' | '.join(gc_text(g) for g in r['server_gc'])}"
          + (f"; {r['guessers']} guessing: {fmt(r['guesses_s'], 1)} guesses/s taken, statuses {r['guess_status']}"
             f" (+{r['guess_errors']} failed), POST p50/p99 {fmt(1000 * r['guess_rtt_p50'], 0)}/"
             f"{fmt(1000 * r['guess_rtt_p99'], 0)} ms, their lag p50/p99 {fmt(r['human_lag_p50'])}/"
             f"{fmt(r['human_lag_p99'])} s (n={r['human_lag_n']}, of which {r['human_missed']} not shown in time; "
             f"{r['human_late']} apart: their game ended first), next game ({r['next_game']}): "
             f"{fmt(r['visits_s'], 1)} page visits/s, {fmt(r['switches_s'], 1)} switches/s"
             if r["guessers"] else "")
          + f" -> {r['why']}{' (client-bound)' if r['client_bound'] else ''}", flush=True)


def ladder(args, processes: int = 1) -> list[int]:
    """The steps, in people per process (a configuration of P processes runs P times as many people)."""
    if args.people:
        steps = sorted({int(x) for x in args.people.split(",")})
    else:
        steps = [n for n in DEFAULT_LADDER if n <= args.max_people]
        n = (steps[-1] if steps else 0) + args.step
        while n <= args.max_people:
            steps.append(n)
            n += args.step
    extras = args.players + args.presenters
    return [n * processes for n in steps if n * processes >= extras]


def idle_sessions_check(servers, clients, driver, args, urls) -> dict:
    """Server CPU and RSS with no one connected, then with `--idle-sessions` sessions that never poll."""
    base = measure(servers, clients, driver, args.seconds)
    per_client = [[] for _ in clients.conns]
    for i in range(args.idle_sessions):
        per_client[i % len(per_client)].append(PersonSpec("idle", urls[i % len(urls)]))
    a = sample(servers, clients)
    opened = add_people(clients, per_client)
    b = sample(servers, clients)
    time.sleep(args.settle)
    held = measure(servers, clients, driver, args.seconds)
    clients.all("drop_all")
    time.sleep(args.settle)
    after = [rss_mb(s.pid) for s in servers]
    return {"sessions": opened["opened"], "failures": opened["failures"], "run_p50": percentile(opened["run"], 50),
            "run_p95": percentile(opened["run"], 95), "cpu_base": sum(base["cpu"]["servers"]),
            "cpu_held": sum(held["cpu"]["servers"]), "rss_base": sum(base["rss"]), "rss_held": sum(held["rss"]),
            "rss_after_close": sum(after), "ws_open": held["ws_open"], "later_msgs": dict(held["later_msgs"]),
            "tcp": sum(held["tcp"]),
            "open_cpu_ms": 1000 * sum(y - x for x, y in zip(a.servers, b.servers)) / max(1, opened["opened"])}


LAYERS = [  # (name, regex on one frame "function (file:line)"): a sample goes to its leaf-most matching frame
    ("SQLite (sqlite3, sqlite_utils, core/store, core/dialect)",
     re.compile(r"\((sqlite3|sqlite_utils)/|\(core/(store|dialect)\.py")),
    ("JSON", re.compile(r"\(json/")),
    ("the app's routes and documents (core/)", re.compile(r"\(core/")),
    ("websocket frames", re.compile(r"\(websockets/|uvicorn/protocols/websockets")),
    ("Streamlit's HTTP middleware (gzip, path security, CORS)", re.compile(r"streamlit/web/server/starlette/")),
    ("Streamlit runtime (sessions, script runs, protobuf)", re.compile(r"\(streamlit/|protobuf|_pb2")),
    ("Starlette (routing, middleware, responses)", re.compile(r"\(starlette/")),
    ("HTTP/1.1 parsing (h11, uvicorn)", re.compile(r"\((h11|uvicorn)/")),
    ("threads (anyio workers, queues)", re.compile(r"\((anyio|concurrent)/|threading\.py")),
    ("asyncio event loop", re.compile(r"\(asyncio/|selectors\.py")),
]


def layers(path: Path, seconds: float, top: int = 12) -> str:
    """Where a py-spy raw profile's samples fall, by layer (leaf-most match) and by function (own time)."""
    by_layer: Counter = Counter()
    own: Counter = Counter()
    threads: Counter = Counter()
    total = 0
    for line in path.read_text().splitlines():
        stack_s, _, count_s = line.rpartition(" ")
        if not stack_s:
            continue
        count = int(count_s)
        frames = [f for f in stack_s.split(";") if not f.startswith("process ")]
        thread = frames[0] if frames and frames[0].startswith("thread (") else ""
        frames = frames[1:] if thread else frames
        total += count
        threads[re.sub(r"[\d_ -]+$", "", thread.split(": ", 1)[-1].rstrip(")")) or "?"] += count
        if frames:
            own[frames[-1]] += count
        layer = next((name for f in reversed(frames) for name, pat in LAYERS if pat.search(f)), "other")
        by_layer[layer] += count
    if not total:
        return "no samples"
    out = [f"{total} samples of the thread holding the GIL over {seconds:g} s ({total / seconds:.0f}/s; 100/s = the "
           f"GIL always held)", "", "| layer (leaf-most frame) | share |", "|---|---|"]
    out += [f"| {k} | {v / total:.0%} |" for k, v in by_layer.most_common()]
    out += ["", "| thread | share |", "|---|---|"] + [f"| {k} | {v / total:.0%} |" for k, v in threads.most_common(5)]
    out += ["", "| own time | function |", "|---|---|"] + [f"| {v / total:.1%} | `{k}` |" for k, v in own.most_common(top)]
    return "\n".join(out)


def profile(servers: list[Proc], args, n: int, p: int) -> None:
    """py-spy on every server for one more window at this step (not the measured one): where the time goes."""
    from view_cpu import py_spy  # the same sampling as bench/view_cpu.py: the GIL holder, 100 Hz, non-blocking
    args.profile.mkdir(parents=True, exist_ok=True)
    outs = [args.profile / f"{p}p-N{n}-server{i}.txt" for i in range(len(servers))]
    spies = [py_spy(s.pid, args.seconds, o) for s, o in zip(servers, outs)]
    for spy, out in zip(spies, outs):
        spy.wait()
        if spy.returncode:
            print(f"py-spy failed: {spy.stderr.read().decode()[-500:]}")
            continue
        print(f"\n#### py-spy, {p} process(es), N={n}: {out}\n")
        print(layers(out, args.seconds), flush=True)


def seed_guessers(store, guessers: list[tuple[str, str]], now: float) -> None:
    """Guessing people as the Spectate page leaves them once they picked a nickname: a player row with one."""
    for i, (_, player_id) in enumerate(guessers):
        store.touch_player(player_id, now)
        store.set_nickname(player_id, f"Room {i:x}")


def run_config(p: int, args, root: Path, secret: str, guessing: float = 0.0, log=print) -> dict:
    """One configuration: `p` server processes on one database file, a share `guessing` of the spectators
    guessing, the ramp, every step's numbers."""
    from core.identity import new_player_token, player_from_token
    from core.store import Store
    args.guessing_now = guessing
    rng = random.Random(args.seed + p)
    workdir = Path(tempfile.mkdtemp(prefix=f"bench-sessions-{p}p-"))
    data = workdir / "data"
    data.mkdir()
    env = {"GAME_SECONDS": str(args.game_seconds), "MAX_CONCURRENT_GAMES": "2", "PLAYER_SECRET": secret,
           "PUBLIC_URL": "https://arena.example.com"}
    run = secrets.token_hex(4)
    players = []
    for _ in range(args.games):
        token = new_player_token(secret.encode(), rng)
        players.append((token, player_from_token(token, secret.encode())))
    guessers = []  # every guessing person the ramp can reach, signed as the app signs a new visitor
    for _ in range(math.ceil(guessing * max(ladder(args, p), default=0))):
        token = new_player_token(secret.encode(), rng)
        guessers.append((token, player_from_token(token, secret.encode())))
    servers = start_servers(root, p, data, env)
    urls = [s.url for s in servers]
    if guessers:
        seeder = Store(data / "pictionary.db")
        seed_guessers(seeder, guessers, time.time())
        seeder.close()
    log(f"\n## {p} process{'es' if p > 1 else ''}, {guessing:.0%} of the spectators guessing"
        f"{f' (one guess each every {args.guessing_every:g} s)' if guessing else ''}: "
        f"{', '.join(urls)} on {data / 'pictionary.db'}")
    clients = Clients(args.clients, args.connect_concurrency)
    driver = Driver(data / "pictionary.db", run, players, args.guess_every, args.frame_every, args.game_length,
                    args.game_seconds, rng)
    out = {"processes": p, "guessing": guessing, "steps": [], "idle": None, "label": args.label,
           "next_game": args.next_game}
    try:
        driver.start()
        time.sleep(2)
        if p == 1 and args.idle_sessions and guessing == args.guessing[0]:
            out["idle"] = idle_sessions_check(servers, clients, driver, args, urls)
            i = out["idle"]
            log(f"  idle sessions: {i['sessions']} open, server {i['cpu_base']:.3f} -> {i['cpu_held']:.3f} cores, "
                f"RSS {i['rss_base']:.0f} -> {i['rss_held']:.0f} MB ({i['rss_after_close']:.0f} after closing)")
        have = 0
        started = time.monotonic()
        profiled: list[int] = []  # steps py-spy sampled ("--profile-at fail": the first that failed)

        def step(n: int, refine: bool = False) -> dict:
            nonlocal have
            if n > have:
                specs = plan_people(have, n, urls, len(clients.conns), players[:args.players], run, args.presenters,
                                    guessing, guessers, args.guessing_every, args.tracers, args.next_game)
                a = sample(servers, clients)
                opened = add_people(clients, specs)
                b = sample(servers, clients)
                opened["server_cpu_s"] = sum(y - x for x, y in zip(a.servers, b.servers))
                opened["seconds"] = b.at - a.at
            else:  # fewer people: the last arrivals leave
                clients.all("trim", [len(c) for c in plan_people(n, have, urls, len(clients.conns), [], run, 0)])
                opened = {"opened": 0, "failures": {}, "run": [], "connect": [], "server_cpu_s": 0.0, "seconds": 0.0}
            have = n
            time.sleep(args.settle)
            for attempt in range(args.retries + 1):
                win = measure(servers, clients, driver, args.seconds, args.lag_limit)
                ok, client_bound, why = verdict(win, opened, args)
                if ok or win["cpu"]["not_ours"] <= OTHERS_LIMIT or attempt == args.retries:
                    break
                log(f"  N={n}: {why}; measuring again")
            row = step_row(p, n, win, opened, ok, client_bound, why, args)
            row["retried"], row["refine"] = attempt, refine
            out["steps"].append(row)
            print_step(row)
            if args.profile and (n in args.profile_at or (args.profile_fail and not row["holds"] and not refine
                                                          and not profiled)):
                profiled.append(n)
                profile(servers, args, n, p)
            return row

        good, bad = 0, None
        for n in ladder(args, p):
            row = step(n)
            if row["client_bound"]:
                break
            if not row["holds"]:
                bad = n
                break
            good = n
            if time.monotonic() - started > args.budget:
                log(f"  (stopping: this configuration's time budget of {args.budget:.0f} s is spent)")
                break
        for _ in range(args.refine if bad else 0):  # halve the last interval: held at `good`, failed at `bad`
            mid = int(round((good + bad) / 2 / (10 * p)) * 10 * p)  # a multiple of 10 people per process
            if not good < mid < bad:
                break
            row = step(mid, refine=True)
            if row["client_bound"]:
                break
            if row["holds"]:
                good = mid
            else:
                bad = mid
        out["held"], out["failed_at"] = good, bad
    finally:
        clients.stop()
        driver.stop()
        for s in servers:
            s.stop()
        out["logs"] = {s.url: s.log_path.read_text()[-2000:] for s in servers}
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    return out


# == report =========================================================================================

def gc_text(pauses: list[float]) -> str:
    """'6 x 77 (max 83)': how many full collections, their median and longest pause in ms."""
    if not pauses:
        return "0"
    return f"{len(pauses)} x {1000 * percentile(pauses, 50):.0f} (max {1000 * max(pauses):.0f})"


def who(r: dict) -> str:
    """A configuration in the tables: its process count, and which app it ran when several were compared."""
    return f"{r['processes']}" + (f" ({r['label']})" if r.get("label") else "")


def print_tables(results: list[dict], args) -> None:
    print("\n### Lag of the live views per step\n")
    print(f"Lag: the driver's guess written -> first answer that shows it (or a newer guess stored after it), every "
          f"view (criterion p{args.lag_quantile:g} <= {args.lag_limit} s, also for the people's guesses when they "
          f"guess; no guess missed, < 1% failed requests).\n")
    print("| processes | guessing | people | ws sessions open | lag p50 s | p95 | p99 | max | > limit | player lag p95 "
          "| missed | poll RTT p50 / p95 ms | frame RTT p95 ms | poll gap p99 / max s | requests/s | 304 share | kB/s in "
          "| new sessions' script run p50 / p95 s | verdict |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for res in results:
        for r in res["steps"]:
            verdict_text = ("holds" if r["holds"] else f"**fails**: {r['why']}") + (" (client-bound)" if r["client_bound"] else "")
            label = f"{r['people']}" + (" (refine)" if r.get("refine") else "") + (" (re-measured)" if r.get("retried") else "")
            print(f"| {who(r)} | {r['guessing']:.0%} | {label} | {r['ws_open']} | {fmt(r['lag_p50'])} | {fmt(r['lag_p95'])} "
                  f"| {fmt(r['lag_p99'])} | {fmt(r['lag_max'])} | {fmt(100 * r['lag_over'], 1)}% "
                  f"| {fmt(r['player_lag_p95'])} | {r['missed']} "
                  f"| {fmt(1000 * r['rtt_p50'], 1)} / {fmt(1000 * r['rtt_p95'], 1)} | {fmt(1000 * r['frame_rtt_p95'], 1)} "
                  f"| {fmt(r['gap_p99'])} / {fmt(r['gap_max'])} | {fmt(r['req_s'], 0)} | {fmt(100 * r['share_304'], 0)}% "
                  f"| {fmt(r['kB_s'], 0)} | {fmt(r['open_run_p50'])} / {fmt(r['open_run_p95'])} | {verdict_text} |")
    if any(r["guessers"] for res in results for r in res["steps"]):
        print("\n### The room guessing, per step\n")
        print(f"Guessing people POST /api/guess/GAME about every {args.guessing_every:g} s (x0.6-1.4, never within "
              "a second of the last answer); at a game's end, after 2-6 s, they switch to the next running game in "
              "the same page (--next-game switch) or load another game's page, a new Streamlit session (reload). "
              "Their lag: sent -> "
              "first answer of every view of that game that shows it (or a newer guess), tracers' guesses only. "
              "429 (slow down) and 409 (game over) are answers; 5xx and network failures count as failed requests.\n")
        print("| processes | guessing | people | guessers | guesses/s taken | driver guesses/s | answers 200 / 429 / 409 "
              "/ other | failed | POST p50 / p99 ms | people's guesses' lag p50 / p99 s (n) | driver guesses' lag "
              "p50 / p99 s | server CPU cores | next game | page visits/s (run p95 s) | switches/s | verdict |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        for res in results:
            for r in res["steps"]:
                st_ = r["guess_status"]
                other = sum(v for k, v in st_.items() if k not in ("200", "429", "409"))
                verdict_text = "holds" if r["holds"] else f"**fails**: {r['why']}"
                print(f"| {who(r)} | {r['guessing']:.0%} | {r['people']} | {r['guessers']} "
                      f"| {fmt(r['guesses_s'], 1)} | {fmt(r['probes_s'], 1)} "
                      f"| {st_.get('200', 0)} / {st_.get('429', 0)} / {st_.get('409', 0)} / {other} "
                      f"| {r['guess_errors'] + sum(v for k, v in st_.items() if k.startswith('5'))} "
                      f"| {fmt(1000 * r['guess_rtt_p50'], 0)} / {fmt(1000 * r['guess_rtt_p99'], 0)} "
                      f"| {fmt(r['human_lag_p50'])} / {fmt(r['human_lag_p99'])} ({r['human_lag_n']}) "
                      f"| {fmt(r['lag_p50'])} / {fmt(r['lag_p99'])} | {fmt(sum(r['server_cpu']))} "
                      f"| {r.get('next_game', 'reload')} | {fmt(r['visits_s'], 1)} ({fmt(r['visit_run_p95'])}) "
                      f"| {fmt(r.get('switches_s', 0.0), 1)} | {verdict_text} |")
    print("\n### CPU, memory and connections per step\n")
    print("CPU in cores (1.0 = one core busy the whole window); the machine has "
          f"{os.cpu_count()} cores.\n")
    print("| processes | guessing | people | server CPU per process | server CPU total | ms/s per person "
          "| server RSS MB per process | TCP conns per process | server CPU per new session, ms "
          "| client CPU per client process | server full GCs per process: count x median ms (max) "
          "| client loop late p99 ms | client full GC max ms | driver CPU | driver write p95 / max ms | machine busy "
          "| not ours |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for res in results:
        for r in res["steps"]:
            total = sum(r["server_cpu"])
            print(f"| {who(r)} | {r['guessing']:.0%} | {r['people']} | {' / '.join(fmt(c) for c in r['server_cpu'])} | {fmt(total)} "
                  f"| {fmt(1000 * total / r['people'], 1)} | {' / '.join(fmt(x, 0) for x in r['rss'])} "
                  f"| {' / '.join(str(x) for x in r['tcp'])} | {fmt(r['open_cpu_ms'], 0)} "
                  f"| {' / '.join(fmt(c) for c in r['client_cpu'])} "
                  f"| {' / '.join(gc_text(g) for g in r['server_gc'])} "
                  f"| {fmt(1000 * r['loop_p99'], 0)} | {fmt(1000 * max(r['gc_pauses'], default=0), 0)} "
                  f"| {fmt(r['driver_cpu'])} "
                  f"| {fmt(r['driver_write_p95_ms'], 1)} / {fmt(r['driver_write_max_ms'], 1)} | {fmt(r['machine'])} "
                  f"| {fmt(r['not_ours'])} |")
    extras = [(who(r), r["people"], r["errors"], r["bad_status"], r["driver_errors"], r["later_msgs"],
               r["ws_closed_by_server"], r["open_failures"])
              for res in results for r in res["steps"]
              if r["errors"] or r["bad_status"] or r["driver_errors"] or r["later_msgs"] or r["ws_closed_by_server"]
              or r["open_failures"]]
    if extras:
        print("\nErrors and surprises (processes, people: client errors, bad statuses, driver errors, "
              "ForwardMsgs to idle pages, websockets the server closed, sessions that failed to open):\n")
        for e in extras:
            print(f"- {e[0]} p, N={e[1]}: {e[2]} {e[3]} {e[4]} {e[5]} closed={e[6]} {e[7]}")
    for res in results:
        i = res.get("idle")
        if i:
            n = max(1, i["sessions"])
            print(f"\n**Idle Streamlit sessions** (1 process; {i['sessions']} websocket sessions that ran Spectate once "
                  f"and never poll; the driver's games running): server CPU {i['cpu_base']:.3f} cores with nobody "
                  f"connected, {i['cpu_held']:.3f} with them: {1000 * (i['cpu_held'] - i['cpu_base']) / n:.2f} ms/s "
                  f"per idle session. RSS {i['rss_base']:.0f} -> {i['rss_held']:.0f} MB "
                  f"({(i['rss_held'] - i['rss_base']) / n:.2f} MB a session), {i['rss_after_close']:.0f} MB after they "
                  f"closed. Opening one cost the server {i['open_cpu_ms']:.0f} ms of CPU (its script run and "
                  f"handshake); the first script run took p50 {fmt(i['run_p50'])} s, p95 {fmt(i['run_p95'])} s; "
                  f"ForwardMsgs they got afterwards: {i['later_msgs'] or 'none'}; failures {i['failures'] or 'none'}.")
    print("\n### Capacity\n")
    held = {}
    for res in results:
        steps = res["steps"]
        best, bad = res.get("held", 0), res.get("failed_at")
        label = res.get("label", "")
        held[label, res["processes"], res["guessing"]] = best
        last = steps[-1] if steps else None
        failed = next((r for r in steps if r["people"] == bad and not r["holds"]), None)
        if last is None:
            end = "no step ran"
        elif last["client_bound"]:
            end = f"stopped at N={last['people']}: the client saturated, so this is a lower bound"
        elif bad is None:
            end = f"still holding at the last step (N={last['people']}): raise --max-people"
        else:
            end = f"fails at N={bad}: {failed['why'] if failed else '?'}"
            if failed:
                end += (f" (servers {' + '.join(fmt(c) for c in failed['server_cpu'])} cores, client "
                        f"{fmt(sum(failed['client_cpu']))}, machine {fmt(failed['machine'])} of {os.cpu_count()} busy)")
        p = res["processes"]
        print(f"- {f'{label}: ' if label else ''}{p} process{'es' if p > 1 else ''}, {res['guessing']:.0%} of the "
              f"spectators guessing: holds **{best}** people ({best / p:.0f} per process); {end}.")
    labels = list(dict.fromkeys(k[0] for k in held))
    for label in labels:
        name = f"{label}: " if label else ""
        for share in args.guessing:
            one, two = held.get((label, 1, share)), held.get((label, 2, share))
            if one and two is not None:
                print(f"- {name}{share:.0%} guessing, two processes / one: **{two / one:.2f}x** ({two} / {one}).")
        for p in sorted({k[1] for k in held if k[0] == label}):
            base = held.get((label, p, 0.0))
            for share in args.guessing:
                if share and base and (label, p, share) in held:
                    print(f"- {name}{p} process{'es' if p > 1 else ''}: {share:.0%} guessing / watching only: "
                          f"**{held[label, p, share] / base:.2f}x** ({held[label, p, share]} / {base}).")
    for label in labels[1:]:  # compared apps: each against the first
        for (first, p, share), base in held.items():
            if first == labels[0] and base and (label, p, share) in held:
                print(f"- {p} process{'es' if p > 1 else ''}, {share:.0%} guessing: {label} / {labels[0]}: "
                      f"**{held[label, p, share] / base:.2f}x** ({held[label, p, share]} / {base}).")


OWN_OPTIONS = ("--compare", "--root", "--processes", "--guessing", "--next-game", "--label", "--json", "--idle-sessions")


def without_options(argv: list[str], names: tuple) -> list[str]:
    """`argv` without these options (each takes one value, as "--x v" or "--x=v")."""
    out, skip = [], False
    for a in argv:
        if skip:
            skip = False
        elif a in names:
            skip = True
        elif not a.split("=", 1)[0] in names:
            out.append(a)
    return out


def compare(args, argv: list[str], configs: list[int]) -> list[dict]:
    """`--compare ROOT:MODE` given more than once: every configuration on each app in turn (a child run of this
    bench each, fresh servers and data), interleaved, so the apps share the same quiet period."""
    results = []
    common = without_options(argv, OWN_OPTIONS)
    tmp = Path(tempfile.mkdtemp(prefix="bench-sessions-compare-"))
    for p in configs:
        for share in args.guessing:
            for i, item in enumerate(args.compare):
                root, _, mode = item.rpartition(":") if item.endswith((":switch", ":reload")) else (item, "", "")
                mode = mode or args.next_game
                label = f"{Path(root).name} {mode}"
                out = tmp / f"{p}p-{share:g}-{i}.json"
                idle = args.idle_sessions if p == 1 and share == args.guessing[0] and i == 0 else 0
                cmd = [sys.executable, str(Path(__file__).resolve()), *common, "--root", root, "--processes", str(p),
                       "--guessing", f"{share:g}", "--next-game", mode, "--label", label, "--json", str(out),
                       "--idle-sessions", str(idle), "--no-tables"]
                print(f"\n# {label}: {p} process(es), {share:.0%} guessing", flush=True)
                subprocess.run(cmd, check=False)
                try:
                    results.extend(json.loads(out.read_text())["results"])
                except (OSError, ValueError) as exc:
                    print(f"(no results from {label}: {exc})", flush=True)
    shutil.rmtree(tmp, ignore_errors=True)
    return results


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", type=Path, default=REPO, help="the checkout to run (its app.py and core/)")
    ap.add_argument("--compare", action="append", default=[], metavar="ROOT[:switch|reload]",
                    help="run every configuration on each of these checkouts in turn (give it twice or more), each "
                    "with its guessers' --next-game; the tables put them side by side")
    ap.add_argument("--next-game", choices=("switch", "reload"), default="switch",
                    help="a guesser at its game's end: switch to the next running game in the same page (live.js's "
                    "'Guess the next game', since dce9dd3), or reload: open another game's page, a new session (before)")
    ap.add_argument("--label", default="", help="the name of this app in the tables (set by --compare)")
    ap.add_argument("--no-tables", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--processes", default="1,2", help="configurations to run, e.g. 1,2")
    ap.add_argument("--people", default="", help="explicit steps in people per process, e.g. 10,50,100 (else the ladder)")
    ap.add_argument("--max-people", type=int, default=600, help="the ladder's last step, people per process")
    ap.add_argument("--step", type=int, default=100, help="the ladder's increment after 10,25,50,100,200,300 (per process)")
    ap.add_argument("--seconds", type=float, default=12.0, help="measured window per step")
    ap.add_argument("--settle", type=float, default=4.0, help="seconds after new people connect, before measuring")
    ap.add_argument("--budget", type=float, default=400.0, help="seconds per configuration's ramp before it stops")
    ap.add_argument("--clients", type=int, default=2, help="client processes (asyncio + aiohttp each)")
    ap.add_argument("--connect-concurrency", type=int, default=4, help="sessions a client process opens at once")
    ap.add_argument("--games", type=int, default=2, help="games the driver keeps running")
    ap.add_argument("--players", type=int, default=2, help="players among the people (at most --games)")
    ap.add_argument("--presenters", type=int, default=1, help="presenter-mode screens among the people")
    ap.add_argument("--guess-every", type=float, default=1.0, help="a guess per game every this many s")
    ap.add_argument("--frame-every", type=float, default=2.0, help="a frame per game every this many s")
    ap.add_argument("--game-length", type=float, default=60.0, help="a driver game ends (won) after this many s")
    ap.add_argument("--game-seconds", type=float, default=3600.0, help="GAME_SECONDS given to the servers")
    ap.add_argument("--guessing", default="0", help="shares of the spectators who guess, a configuration each: "
                    "e.g. 0,1 runs every process count without and with the whole room guessing")
    ap.add_argument("--guessing-every", type=float, default=2.5, help="a guessing person's seconds between guesses "
                    "(jittered x0.6-1.4)")
    ap.add_argument("--tracers", type=int, default=12, help="guessing people whose guesses' lag every view measures")
    ap.add_argument("--idle-sessions", type=int, default=100, help="idle websocket sessions held before the 1-process ramp (0: skip)")
    ap.add_argument("--lag-limit", type=float, default=1.5)
    ap.add_argument("--lag-quantile", type=float, default=99.0)
    ap.add_argument("--refine", type=int, default=1, help="after the first failure, halve the interval this often")
    ap.add_argument("--retries", type=int, default=1, help="re-measure a failed step this often when others loaded the machine")
    ap.add_argument("--profile", type=Path, help="py-spy the servers into this folder for one extra window at --profile-at")
    ap.add_argument("--profile-at", default="", help="steps to profile, e.g. 200,400; 'fail': the first step that fails")
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--json", type=Path, help="also write every number to this file")
    ap.add_argument("--keep", action="store_true", help="keep the data dirs and server logs")
    argv = sys.argv[1:] if argv is None else list(argv)
    args = ap.parse_args(argv)
    args.players = min(args.players, args.games)
    args.profile_fail = "fail" in args.profile_at.split(",")
    args.profile_at = {int(x) for x in args.profile_at.split(",") if x and x != "fail"}
    args.guessing = [float(x) for x in args.guessing.split(",") if x] or [0.0]
    args.guessing_now = 0.0
    root = args.root.resolve()
    configs = [int(x) for x in args.processes.split(",")]
    if args.compare:
        print(f"# bench/sessions.py {time.strftime('%Y-%m-%d %H:%M')}, side by side: {', '.join(args.compare)}; "
              f"{os.cpu_count()} cores, load {load_average()}", flush=True)
        results = compare(args, argv, configs)
        print_tables(results, args)
        print(f"\nload average at the end: {load_average()}")
        if args.json:
            args.json.write_text(json.dumps({"args": {k: str(v) for k, v in vars(args).items()}, "results": results},
                                            indent=1, default=str))
        return
    sys.path.insert(0, str(root))  # the driver seeds data through this checkout's own core/
    try:
        commit = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True).stdout.strip() or "?"
        if commit != "?" and subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
                                            capture_output=True, text=True).stdout.strip():
            commit += " + uncommitted changes"
    except OSError:
        commit = "?"
    print(f"# bench/sessions.py {time.strftime('%Y-%m-%d %H:%M')} root {root} ({commit}), {os.cpu_count()} cores, "
          f"load {load_average()}")
    print(f"steps {ladder(args)} people per process, {args.seconds:g} s windows after {args.settle:g} s, {args.clients} client processes, "
          f"{args.games} games (a guess every {args.guess_every:g} s, a frame every {args.frame_every:g} s, "
          f"{args.game_length:g} s long), {args.players} players + {args.presenters} presenter(s), rest spectators; "
          f"guessing shares {', '.join(f'{g:.0%}' for g in args.guessing)} (a guess every {args.guessing_every:g} s "
          f"each, {args.tracers} tracers; next game: {args.next_game})", flush=True)
    secret = secrets.token_hex(32)
    results = [run_config(p, args, root, secret, g) for p in configs for g in args.guessing]
    if not args.no_tables:
        print_tables(results, args)
        print(f"\nload average at the end: {load_average()}")
    if args.json:
        for res in results:
            res.pop("logs", None)
        args.json.write_text(json.dumps({"args": {k: str(v) for k, v in vars(args).items()}, "results": results},
                                        indent=1, default=str))


if __name__ == "__main__":
    main()
