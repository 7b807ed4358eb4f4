"""Live documents pushed (core/push.py, the /api/stream routes): one build per change for every subscriber, the
newest only for a slow one, the current document at once, and the same visibility rule as the polled routes."""
from __future__ import annotations

import asyncio
import json
import random
import threading
import time

import anyio
import pytest
from conftest import wait_for
from harness import EventStream as Stream
from harness import serving

from core.identity import host_token, new_player_token, player_from_token
from core.push import Edition, Hub

WORDS = "cat\n"
READ_S = 10.0  # the longest a test waits for one event


# -- the hub ------------------------------------------------------------------------------------------


class Counted:
    """A topic's version and build: the version the test sets, and how many builds were made."""

    def __init__(self):
        self.version = 0
        self.builds = 0

    def read(self) -> int:
        return self.version

    def build(self) -> Edition:
        self.builds += 1
        return Edition(str(self.version), {"all": f"v{self.version}".encode()})


def run(coro):
    return asyncio.run(asyncio.wait_for(coro, 30))


def test_a_crowd_on_one_topic_costs_one_build_per_change():
    source = Counted()

    async def main():
        hub = Hub(check_s=0.01, rebuild_s=3600)
        subs = [hub.subscribe(("live", "g"), source.read, source.build) for _ in range(200)]
        assert {(await s.take(READ_S)).version for s in subs} == {"0"}
        source.version = 1
        assert {(await s.take(READ_S)).version for s in subs} == {"1"}
        late = hub.subscribe(("live", "g"), source.read, source.build)
        assert (await late.take(READ_S)).version == "1", "a newcomer gets the newest at once, built already"
        for s in subs + [late]:
            s.close()
        assert not hub.topics, "nobody watches: nothing runs"

    run(main())
    assert source.builds == 2


def test_a_slow_subscriber_only_ever_gets_the_newest_document():
    source = Counted()

    async def main():
        hub = Hub(check_s=0.01, rebuild_s=3600)
        quick = hub.subscribe(("board", False, 8), source.read, source.build)
        slow = hub.subscribe(("board", False, 8), source.read, source.build)
        assert (await quick.take(READ_S)).version == "0"
        for v in (1, 2, 3):
            source.version = v
            assert (await quick.take(READ_S)).version == str(v)
        assert (await slow.take(READ_S)).version == "3", "the three before were replaced, not queued"
        assert await slow.take(0) is None
        quick.close()
        slow.close()

    run(main())


def test_a_version_that_did_not_move_builds_nothing_until_the_rebuild_is_due():
    source = Counted()

    async def main():
        hub = Hub(check_s=0.01, rebuild_s=3600)
        sub = hub.subscribe(("live", "g"), source.read, source.build)
        await sub.take(READ_S)
        for _ in range(5):  # woken five times, the version the same each time
            hub.wake("g")
            assert await sub.take(0.05) is None
        sub.close()

    run(main())
    assert source.builds == 1


def test_a_crowded_topic_changing_at_every_check_sends_its_newest_state_once_per_window():
    source = Counted()

    async def main():
        hub = Hub(check_s=0.01, rebuild_s=3600, coalesce_s=1.0, crowd=3)
        subs = [hub.subscribe(("live", "g"), source.read, source.build) for _ in range(3)]
        assert {(await s.take(READ_S)).version for s in subs} == {"0"}
        for v in range(1, 21):  # a room guessing: twenty changes, each waking the topic, inside one window
            source.version = v
            hub.wake("g")
            await asyncio.sleep(0)
        assert {(await s.take(READ_S)).version for s in subs} == {"20"}, "nothing lost: the newest state"
        for s in subs:
            s.close()

    run(main())
    assert source.builds == 2, "the twenty changes went out as one edition"


def test_a_topic_with_few_watchers_is_never_held_back():
    source = Counted()

    async def main():
        hub = Hub(check_s=0.01, rebuild_s=3600, coalesce_s=3600, crowd=3)
        subs = [hub.subscribe(("live", "g"), source.read, source.build) for _ in range(2)]
        for v in (1, 2, 3):
            assert {(await s.take(READ_S)).version for s in subs} == {str(v - 1)}
            source.version = v
        assert {(await s.take(READ_S)).version for s in subs} == {"3"}, "each change at once, no hour's wait"
        for s in subs:
            s.close()

    run(main())


def test_the_hub_notices_a_change_while_every_request_thread_is_busy():
    source = Counted()
    release = threading.Event()

    async def main():
        requests = anyio.to_thread.current_default_thread_limiter()
        requests.total_tokens = 1
        busy = asyncio.ensure_future(anyio.to_thread.run_sync(release.wait))  # a burst holds the request threads
        while requests.borrowed_tokens < 1:
            await asyncio.sleep(0)
        hub = Hub(check_s=0.01, rebuild_s=3600)
        sub = hub.subscribe(("live", "g"), source.read, source.build)
        try:
            assert (await sub.take(READ_S)).version == "0"
            source.version = 1
            assert (await sub.take(READ_S)).version == "1", "checked and built on the hub's own threads"
        finally:
            sub.close()
            release.set()
            await busy

    run(main())


class Reads(Counted):
    """A Counted topic that also counts its version reads."""

    def __init__(self):
        super().__init__()
        self.reads = 0

    def read(self) -> int:
        self.reads += 1
        return self.version


def test_a_topic_reads_no_version_while_the_gate_stands_still():
    source = Reads()
    gate = [0]

    async def main():
        hub = Hub(check_s=0.01, rebuild_s=3600, gate=lambda: gate[0])
        sub = hub.subscribe(("live", "g"), source.read, source.build)
        assert (await sub.take(READ_S)).version == "0"
        await asyncio.sleep(0.1)  # the ticker's first look (its stamp is new to it) wakes the topic once
        settled = source.reads
        await asyncio.sleep(0.3)  # about 30 checks due
        assert source.reads == settled, "nothing moved the gate: no version read, no thread"
        source.version, gate[0] = 1, 1
        assert (await sub.take(READ_S)).version == "1", "the gate moved: the change goes out"
        sub.close()

    run(main())


def _broken_gate():
    raise OSError("the stamp's file went away")


@pytest.mark.parametrize("gate", [lambda: None, _broken_gate], ids=["unreadable", "raising"])
def test_a_gate_that_cannot_be_read_leaves_every_check_to_the_version(gate):
    source = Reads()

    async def main():
        hub = Hub(check_s=0.01, rebuild_s=3600, gate=gate)
        sub = hub.subscribe(("live", "g"), source.read, source.build)
        await sub.take(READ_S)
        await asyncio.sleep(0.1)
        source.version = 1  # a change the gate says nothing about
        assert (await sub.take(READ_S)).version == "1", "no gate, not a stuck view"
        sub.close()

    run(main())


def test_a_version_read_that_failed_is_tried_again_soon_while_the_gate_stands_still():
    source = Reads()
    blinks = [0]

    def flaky() -> int:
        if blinks[0]:
            blinks[0] -= 1
            raise OSError("database is locked")
        return source.read()

    async def main():
        hub = Hub(check_s=0.01, rebuild_s=3600, gate=lambda: 0)
        sub = hub.subscribe(("live", "g"), flaky, source.build)
        await sub.take(READ_S)
        await asyncio.sleep(0.1)  # the ticker's first look has come and gone
        source.version, blinks[0] = 1, 1
        hub.wake("g")  # the change is noticed, but its read fails; the gate never moves again
        assert (await sub.take(READ_S)).version == "1", "looked again in a check, not at the hour's rebuild"
        sub.close()

    run(main())


def test_a_wake_reads_the_version_even_while_the_gate_stands_still():
    source = Reads()

    async def main():
        hub = Hub(check_s=0.01, rebuild_s=3600, gate=lambda: 0)
        sub = hub.subscribe(("live", "g"), source.read, source.build)
        await sub.take(READ_S)
        source.version = 1
        hub.wake("g")  # a feed's NOTIFY, or a newcomer
        assert (await sub.take(READ_S)).version == "1"
        sub.close()

    run(main())


# -- the stream routes, on a real socket ------------------------------------------------------------------


@pytest.fixture
def served(make_engine):
    """The routes on a real uvicorn socket over an engine with no guessers (the test writes the guesses), one
    game running: (base url, engine, the game's id, its player's token)."""
    from starlette.applications import Starlette

    from core.web import api_routes
    engine = make_engine([], WORDS, rng=random.Random(5), MAX_CONCURRENT_GAMES=2, PUSH_MAX_STREAMS=3)
    token = new_player_token(engine.player_secret, random.Random(7))
    seat = engine.lobby.join(player_from_token(token, engine.player_secret), now=time.time())
    with serving(Starlette(routes=api_routes(lambda: engine))) as base:
        yield base, engine, seat.game_id, token
        while Stream.opened:  # every stream the test opened, passed or failed: the server then stops at once
            Stream.opened.pop().close()


def guess(engine, game_id: str, text: str, correct: bool = False) -> None:
    """A model's guess row, written as the recorder writes one."""
    engine.store.insert_guesses([{"game_id": game_id, "guesser": "Test model", "model": "test", "text": text,
                                  "normalized": text, "correct": int(correct), "created_at": time.time()}])


def texts(event: dict) -> list[str]:
    return [g["text"] for g in event["data"]["guesses"]]


def test_a_stream_sends_the_current_document_at_once_then_each_new_guess(served):
    base, engine, game_id, _ = served
    guess(engine, game_id, "dog")
    stream = Stream(base, f"/api/stream/live/{game_id}")
    assert stream.status == 200
    assert stream.response.getheader("Content-Type").startswith("text/event-stream")
    assert stream.response.getheader("Cache-Control") == "no-store"
    assert stream.response.getheader("X-Accel-Buffering") == "no"
    first = stream.next()
    assert texts(first) == ["dog"] and first["id"] == first["data"]["version"].strip('"')
    guess(engine, game_id, "cow")
    second = stream.next()
    assert texts(second) == ["cow", "dog"] and second["id"] != first["id"]
    stream.close()


def test_the_word_never_reaches_an_anonymous_stream_while_the_game_runs(served):
    base, engine, game_id, token = served
    word = engine.store.get_game(game_id)["word"]
    public = Stream(base, f"/api/stream/live/{game_id}")
    player = Stream(base, f"/api/stream/live/{game_id}?player={token}")
    host = Stream(base, f"/api/stream/live/{game_id}?host={host_token(engine.player_secret, time.time())}")
    for s in (public, player, host):
        s.next()
    guess(engine, game_id, word, correct=True)
    seen = public.next()
    assert "word" not in seen["data"] and word not in json.dumps(seen["data"]), "not the word, nor the right guess"
    assert player.next()["data"]["word"] == word and host.next()["data"]["word"] == word
    engine.lobby.quit(engine.store.get_game(game_id)["player_id"], time.time())
    assert public.next()["data"]["word"] == word, "once it is over, everyone may read it"
    for s in (public, player, host):
        s.close()


def test_a_game_hidden_while_watched_leaves_the_public_stream_but_not_its_player(served):
    base, engine, game_id, token = served
    public = Stream(base, f"/api/stream/live/{game_id}")
    player = Stream(base, f"/api/stream/live/{game_id}?player={token}")
    public.next()
    player.next()
    engine.store.hide_for_review(game_id, "a host hid it")
    assert public.next()["event"] == "gone"
    assert Stream(base, f"/api/stream/live/{game_id}").status == 404, "as the polled route answers"
    guess(engine, game_id, "dog")
    assert texts(player.next()) == ["dog"]
    public.close()
    player.close()


def test_a_dropped_stream_reconnects_to_the_newest_state(served):
    base, engine, game_id, _ = served
    stream = Stream(base, f"/api/stream/live/{game_id}")
    stream.next()
    stream.close()
    for text in ("dog", "cow", "pig"):  # while the phone was away
        guess(engine, game_id, text)
    again = Stream(base, f"/api/stream/live/{game_id}")
    seen = [texts(again.next())]  # at once what this process had, and anything newer right behind it
    while seen[-1] != ["pig", "cow", "dog"] and len(seen) < 3:
        seen.append(texts(again.next()))
    assert seen[-1] == ["pig", "cow", "dog"], f"caught up to the newest (newest first): {seen}"
    again.close()


class Resumed(Stream):
    """A stream opened again as EventSource reopens a dropped one: with the id of the last event it had."""

    def __init__(self, base: str, path: str, last_id: str):
        import http.client
        from urllib.parse import urlsplit
        Stream.opened.append(self)
        url = urlsplit(base)
        self.conn = http.client.HTTPConnection(url.hostname, url.port, timeout=READ_S)
        self.conn.request("GET", path, headers={"Accept": "text/event-stream", "Last-Event-ID": last_id})
        self.response = self.conn.getresponse()
        self.status = self.response.status
        self.comments = 0


def test_a_reconnect_with_the_newest_id_gets_nothing_until_something_newer(served):
    base, engine, game_id, _ = served
    guess(engine, game_id, "dog")
    had = Stream(base, f"/api/stream/live/{game_id}").next()
    again = Resumed(base, f"/api/stream/live/{game_id}", had["id"])
    assert again.status == 200
    guess(engine, game_id, "cow")
    newer = again.next()
    assert texts(newer) == ["cow", "dog"], "the document it had is not sent again: the first event is the newer one"
    assert newer["id"] != had["id"]
    again.close()


def test_a_reconnect_with_an_older_id_gets_the_newest_document_at_once(served):
    base, engine, game_id, _ = served
    old = Stream(base, f"/api/stream/live/{game_id}").next()
    guess(engine, game_id, "dog")
    board = Resumed(base, "/api/stream/board", "an-id-it-never-sent")
    assert [g["text"] for g in board.next()["data"]["games"][0]["guesses"]] == ["dog"]
    again = Resumed(base, f"/api/stream/live/{game_id}", old["id"])
    newest = again.next()
    while texts(newest) != ["dog"]:  # what this process had at once, and the guess right behind it
        assert newest["id"] != old["id"], "never the document it had"
        newest = again.next()
    board.close()
    again.close()


def test_the_board_is_pushed_with_the_same_rule_as_the_polled_board(served):
    base, engine, game_id, _ = served
    board = Stream(base, "/api/stream/board?words=1&guesses=4")
    first = board.next()["data"]
    assert [g["game"] for g in first["games"]] == [game_id] and first["games"][0]["word"] is None, \
        "words only for a host's screen while people guess"
    guess(engine, game_id, "dog")
    assert [g["text"] for g in board.next()["data"]["games"][0]["guesses"]] == ["dog"]
    board.close()


def test_streams_over_the_cap_are_refused_and_a_closed_one_frees_its_place(served):
    base, engine, game_id, _ = served
    streams = [Stream(base, f"/api/stream/live/{game_id}") for _ in range(3)]  # PUSH_MAX_STREAMS=3
    for s in streams:
        s.next()
    refused = Stream(base, "/api/stream/board")
    assert refused.status == 503, "the view polls instead"
    refused.close()
    streams.pop().close()

    def admitted() -> bool:
        s = Stream(base, "/api/stream/board")
        if s.status == 200:
            streams.append(s)
        else:
            s.close()
        return s.status == 200
    assert wait_for(admitted, timeout=10)
    for s in streams:
        s.close()


def test_pruning_forgets_the_versions_of_games_past_retention_and_of_games_gone(db_store):
    from core.store import BOARD
    db_store.touch_player("p", 0.0)
    for game_id, status, ended in (("000000000001", "won", 10.0), ("000000000002", "won", 2000.0),
                                   ("000000000003", "active", None)):
        db_store.insert_game({"id": game_id, "word": "cat", "player_id": "p", "status": status, "started_at": 0.0,
                              "ended_at": ended, "game_seconds": 45})
    db_store.execute("INSERT INTO versions (topic, n) VALUES (?, ?)", ["00000000gone", 4])
    assert db_store.game_version("00000000gone") == 4 and db_store.game_version("000000000001") > 0
    board = db_store.game_version(BOARD)
    db_store.prune_drawings(before=1000.0)
    assert db_store.game_version("000000000001") == 0, "ended before the retention's start"
    assert db_store.game_version("00000000gone") == 0, "no such game"
    assert db_store.game_version("000000000002") > 0 and db_store.game_version("000000000003") > 0
    assert db_store.game_version(BOARD) == board, "the board's own row stays"
    assert db_store.count("versions") == 3


def test_the_change_stamp_moves_at_every_commit_by_anyone_and_stands_still_otherwise(store, tmp_path):
    from core.store import Store
    first = store.change_stamp()
    assert isinstance(first, int) and store.change_stamp() == first, "nothing committed: it stands still"
    store.touch_player("p", 1.0)  # a write of this store, on this thread
    second = store.change_stamp()
    assert second != first
    threading.Thread(target=store.touch_player, args=("q", 2.0)).start()  # another thread's connection
    assert wait_for(lambda: store.change_stamp() != second, timeout=10)
    third = store.change_stamp()
    other = Store(tmp_path / "test.db")  # another process's store on the same file
    try:
        other.touch_player("r", 3.0)
    finally:
        other.close()
    assert store.change_stamp() != third


def test_postgresql_gives_no_change_stamp_so_live_views_read_their_versions(postgres, tmp_path):
    from core.store import Store
    store = Store(tmp_path / "unused.db", database_url=postgres.new_schema())
    try:
        store.touch_player("p", 1.0)
        assert store.change_stamp() is None
    finally:
        store.shutdown()


def test_on_postgresql_a_notify_wakes_the_topic_with_no_version_check_due(postgres, tmp_path):
    from core.store import Store
    store = Store(tmp_path / "unused.db", database_url=postgres.new_schema())
    store.touch_player("p", time.time())
    store.insert_game({"id": "0123456789ab", "word": "cat", "player_id": "p", "status": "active",
                       "started_at": time.time(), "game_seconds": 45})

    def build() -> Edition:
        return Edition(str(store.game_version("0123456789ab")), {})

    async def main():
        hub = Hub(feed=store.version_feed, check_s=3600, feed_check_s=3600, rebuild_s=3600)  # only a NOTIFY wakes
        sub = hub.subscribe(("live", "0123456789ab"), lambda: store.game_version("0123456789ab"), build)
        first = await sub.take(READ_S)
        while not hub.listening:
            await asyncio.sleep(0.01)
        while (newer := await sub.take(0.05)) is not None:  # the look taken once listening began
            first = newer
        await asyncio.to_thread(guess_row, store, "0123456789ab", "dog")
        assert int((await sub.take(READ_S)).version) > int(first.version)
        sub.close()

    try:
        run(main())
    finally:
        store.shutdown()


def guess_row(store, game_id: str, text: str) -> None:
    store.insert_guesses([{"game_id": game_id, "guesser": "Test model", "text": text, "created_at": time.time()}])
