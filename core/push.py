"""Live documents pushed to the views that watch them: one build per change, the same bytes to every subscriber.

A *topic* is what a crowd watches: a game (`("live", game_id)`, its documents for each kind of viewer)
or the board (`("board", words, guesses)`). While a topic has subscribers, one task per topic notices
changes and builds its documents once per change; every subscriber gets them through a one-slot
mailbox that keeps only the newest (a slow phone skips to the latest state, and never grows memory).
Nothing runs for a topic nobody watches, and an idle subscriber costs nothing between changes.

How a topic notices a change: a cheap version (core/store.py: a counter per game that the database's
triggers raise at each write a view shows, whichever process writes) compared every `check_s`; on
PostgreSQL the same triggers NOTIFY, and the hub's LISTEN wakes the topic at once (the comparison then
runs every `feed_check_s` as the backstop). A full rebuild every `rebuild_s` catches what no version
counts (who is thinking, from this process's pool, is read into the version as well).

The hub's `gate`, when given (SQLite), is one stamp for the whole process that moves whenever anything a version
reads may have changed: the file's own change counter (PRAGMA data_version) with the pool's revision, read on the
event loop in microseconds. One ticker reads it every `check_s` and wakes the topics only when it moved, so a topic
nothing changed in sleeps until its rebuild is due: no timer every 50 ms, no hop to a thread, no query (a drawer
alone with a still canvas cost 10-18 ms/s of server CPU in those, bench/view_cpu.py). A stamp that cannot be read
(None) wakes every topic, as polling did.

A crowded topic (`crowd` subscribers or more) is coalesced: after a new edition it waits `coalesce_s` before
looking again, then builds the newest state once (an edition is the whole state, so nothing is lost; a room of 500
guessing changed each game's topic at every 50 ms check, 20 editions a second each written to every phone). A change
after a quiet spell goes out at once, and a topic with few subscribers is never held back.

The hub's version checks and builds run on threads of its own (`HUB_THREADS`, an anyio CapacityLimiter),
so a change is noticed at once even while a burst of requests (a room fetching a new frame) fills the
request threads.

The routes (core/web.py) turn a subscription into a Server-Sent Events stream.
"""
from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from typing import Any, AsyncIterator, Callable, Hashable

import anyio

log = logging.getLogger(__name__)

CHECK_S = 0.05  # how often a watched topic compares its version (PUSH_CHECK_MS)
FEED_CHECK_S = 1.0  # ... while the database's feed (LISTEN) wakes it on each change
REBUILD_S = 5.0  # a watched topic is built again at least this often, changed or not (sent only if it differs)
FEED_RETRY_S = 2.0  # a dropped feed connection is opened again after this long
HUB_THREADS = 4  # the hub's own threads for its database checks and builds, apart from the request threads
COALESCE_S = 0.2  # a crowded topic sends at most one new edition this often (a room guessing changes it at every check)
COALESCE_CROWD = 20  # ...once it has this many subscribers (a drawer and a few watchers get each change at once)


@dataclass(frozen=True)
class Edition:
    """One build of a topic: its version, the bytes each kind of viewer is sent, and what the route checks
    before sending (the game row and whether a model declined it, for a game; None: no such game)."""

    version: str
    frames: dict[str, bytes]
    state: Any = None


class Mailbox:
    """One subscriber's slot: holds only the newest edition not yet taken."""

    def __init__(self) -> None:
        self._item: Edition | None = None
        self._ready = asyncio.Event()

    def put(self, item: Edition) -> None:
        """Leave the newest edition (an older one not yet taken is dropped)."""
        self._item = item
        self._ready.set()

    async def take(self, timeout: float) -> Edition | None:
        """The newest edition, waiting up to `timeout` seconds (None if nothing came)."""
        if self._item is None:
            try:
                await asyncio.wait_for(self._ready.wait(), timeout)
            except asyncio.TimeoutError:
                return None
        item, self._item = self._item, None
        self._ready.clear()
        return item


@dataclass
class Topic:
    """What one crowd watches: how to read its version and build it, its subscribers and newest edition."""

    key: tuple
    version: Callable[[], Hashable]
    build: Callable[[], Edition]
    subscribers: set = field(default_factory=set)
    latest: Edition | None = None
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    task: asyncio.Task | None = None


class Subscription:
    """One viewer's hold on a topic: `take` the newest edition; `close` when the viewer leaves."""

    def __init__(self, hub: "Hub", topic: Topic):
        self.hub = hub
        self.topic = topic
        self.mailbox = Mailbox()
        self.closed = False

    async def take(self, timeout: float) -> Edition | None:
        """The newest edition since the last one taken, or None after `timeout` seconds."""
        return await self.mailbox.take(timeout)

    def close(self) -> None:
        """Leave the topic (its task stops with its last subscriber)."""
        if not self.closed:
            self.closed = True
            self.hub._leave(self)


class Hub:
    """The topics watched in this process, on the server's event loop; the database work runs on the hub's own
    threads (`limiter`)."""

    def __init__(self, feed: Callable[[], AsyncIterator[str | None] | None] | None = None, check_s: float = CHECK_S,
                 feed_check_s: float = FEED_CHECK_S, rebuild_s: float = REBUILD_S, coalesce_s: float = COALESCE_S,
                 crowd: int = COALESCE_CROWD, clock: Callable[[], float] = time.monotonic,
                 gate: Callable[[], Hashable | None] | None = None):
        self.feed = feed
        self.gate = gate
        self._tick_task: asyncio.Task | None = None
        self.check_s = check_s
        self.feed_check_s = feed_check_s
        self.rebuild_s = rebuild_s
        self.coalesce_s = coalesce_s
        self.crowd = crowd
        self.clock = clock
        self.topics: dict[tuple, Topic] = {}
        self.listening = False
        self.builds = 0
        self._feed_task: asyncio.Task | None = None
        self.limiter = anyio.CapacityLimiter(HUB_THREADS)

    def subscribe(self, key: tuple, version: Callable[[], Hashable], build: Callable[[], Edition]) -> Subscription:
        """Watch `key` (its version and build functions are used if nobody watches it yet); the newest edition
        waits in the mailbox at once when there is one."""
        topic = self.topics.get(key)
        if topic is None:
            topic = self.topics[key] = Topic(key, version, build)
            topic.task = asyncio.ensure_future(self._run(topic))
            if self.feed is not None and self._feed_task is None:
                self._feed_task = asyncio.ensure_future(self._listen())
            if self.gate is not None and self._tick_task is None:
                self._tick_task = asyncio.ensure_future(self._tick())
        sub = Subscription(self, topic)
        topic.subscribers.add(sub.mailbox)
        if topic.latest is not None:  # the newest this process has, at once; and a look now for anything newer
            sub.mailbox.put(topic.latest)
            topic.wake.set()
        return sub

    def watching(self) -> int:
        """How many subscribers all topics have."""
        return sum(len(t.subscribers) for t in self.topics.values())

    def wake(self, changed: str) -> None:
        """A game's version (or the board's, core.store.BOARD) changed: its topic and every board look at once."""
        for key, topic in self.topics.items():
            if key[0] == "board" or (key[0] == "live" and key[1] == changed):
                topic.wake.set()

    def _leave(self, sub: Subscription) -> None:
        topic = sub.topic
        topic.subscribers.discard(sub.mailbox)
        if topic.subscribers or self.topics.get(topic.key) is not topic:
            return
        del self.topics[topic.key]
        if topic.task is not None:
            topic.task.cancel()
        if not self.topics and self._feed_task is not None:
            self._feed_task.cancel()
            self._feed_task = None
            self.listening = False
        if not self.topics and self._tick_task is not None:
            self._tick_task.cancel()
            self._tick_task = None

    async def _tick(self) -> None:
        """With a gate: read it every `check_s` and wake every topic when it moved (or cannot be read)."""
        last: Hashable | None = object()
        while self.topics:
            try:
                stamp = self.gate()
            except Exception:
                log.warning("the push gate could not be read; topics read their versions", exc_info=True)
                stamp = None
            if stamp is None or stamp != last:  # read before the topics read their versions: a change after it
                for topic in self.topics.values():  # moves the stamp again by the next tick
                    topic.wake.set()
            last = stamp
            await asyncio.sleep(self.check_s)

    async def _run(self, topic: Topic) -> None:
        """Notice changes of one topic and build it once per change while anyone watches."""
        seen: Hashable = object()
        built_at = float("-inf")
        while topic.subscribers:
            topic.wake.clear()  # before reading: a change from here on wakes the next round
            sent = failed = False
            try:
                version = await anyio.to_thread.run_sync(topic.version, limiter=self.limiter)
                if version != seen or self.clock() - built_at >= self.rebuild_s:
                    edition = await anyio.to_thread.run_sync(topic.build, limiter=self.limiter)
                    self.builds += 1
                    seen, built_at = version, self.clock()
                    if topic.latest is None or edition.version != topic.latest.version:
                        topic.latest = edition
                        for box in topic.subscribers:
                            box.put(edition)
                        sent = True
            except Exception:  # the database blinked: the viewers keep their last state, and we look again
                log.warning("the live topic %s could not be read", topic.key, exc_info=True)
                failed = True
            if sent and self.coalesce_s > 0 and len(topic.subscribers) >= self.crowd:
                # a crowd: whatever changes meanwhile goes out together, as the newest state
                await asyncio.sleep(self.coalesce_s)
                continue
            if self.gate is not None and not failed:  # the ticker wakes it; the rebuild is due in any case
                wait = max(self.check_s, built_at + self.rebuild_s - self.clock())
            else:
                wait = self.feed_check_s if self.listening else self.check_s
            try:
                await asyncio.wait_for(topic.wake.wait(), wait)
            except asyncio.TimeoutError:
                pass

    async def _listen(self) -> None:
        """Wake topics from the database's feed of changes, opening it again whenever it drops."""
        while True:
            try:
                async for changed in self.feed():
                    if changed is None:  # listening now: whatever changed meanwhile is looked at
                        self.listening = True
                        for topic in self.topics.values():
                            topic.wake.set()
                    else:
                        self.wake(changed)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("the database's change feed dropped; live views compare versions meanwhile",
                            exc_info=True)
            self.listening = False
            await asyncio.sleep(FEED_RETRY_S)
