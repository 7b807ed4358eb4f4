"""Several `streamlit run` processes on one database form one arena, on SQLite and on PostgreSQL."""
from __future__ import annotations

import json
import sqlite3
import time
import urllib.request
from pathlib import Path

import pytest
from browser_kit import canvas_ready, draw_mouse, drawing_word, ink_pixels, play, token_of
from conftest import vision_settings, wait_for
from harness import ENGINE_READY, AppServer, EventStream, app_env, shape

pytestmark = pytest.mark.browser
IDLE = 8


def seat(replica: AppServer, token: str) -> dict:
    """The player's seat as one process's /api/seat tells it (it counts as a heartbeat)."""
    req = urllib.request.Request(f"{replica.url}/api/seat", data=json.dumps({"player": token}).encode(),
                                 headers={"Content-Type": "application/json"}, method="POST")
    return json.loads(urllib.request.urlopen(req, timeout=5).read())


def process_of(replica: AppServer) -> str:
    """The lobby's process id of a replica (its /api/health says it)."""
    return json.loads(urllib.request.urlopen(f"{replica.url}/api/health", timeout=5).read())["process"]


@pytest.fixture(autouse=True)
def fresh_script(vision):
    """Each test starts on the default answer: answers one test scripted but did not use would otherwise
    name the word of a later test's game (in another arena) and end it."""
    vision.reset()
    yield
    vision.reset()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def arena(request, tmp_path_factory, vision):
    """Two app processes sharing one database (a SQLite file, or a PostgreSQL schema); one game at a time."""
    tmp = tmp_path_factory.mktemp(f"arena-{request.param}")
    (tmp / "words.txt").write_text("square\ncircle\ntriangle\n")
    env = app_env(tmp / "data", WORDS_FILE=str(tmp / "words.txt"), MAX_CONCURRENT_GAMES="1", GAME_SECONDS="120",
                  IDLE_SECONDS=str(IDLE), MIN_GUESS_INTERVAL="0.3", FRAME_INTERVAL="0.3", MAX_SEATS_PER_ADDRESS="0",
                  **vision_settings(vision))
    if request.param == "postgresql":
        env["DATABASE_URL"] = request.getfixturevalue("postgres").new_schema()
    replicas = [AppServer(env, tmp / f"{name}.log").start() for name in ("a", "b")]
    for r in replicas:
        r.wait_ready(ENGINE_READY)
    from core.store import Store
    store = Store(Path(env["PICTIONARY_DATA_DIR"]) / "pictionary.db", database_url=env.get("DATABASE_URL", ""))
    yield replicas, env, store
    store.shutdown()
    for r in replicas:
        r.stop()


@pytest.fixture
def both(arena):
    """Both processes up (a test before may have killed one) and an empty arena: no running game, nobody
    queued (ended through the store, as an admin would)."""
    replicas, env, store = arena
    for r in replicas:
        if r.proc.poll() is not None:
            r.start().wait_ready(ENGINE_READY)
    for g in store.active_games():
        store.end_game(g["id"], "quit", time.time())
    for q in store.queue_front(100):
        store.dequeue(q["player_id"])
    return replicas, env, store


def player(person, url: str):
    page = person(url)
    page.get_by_role("button", name="Play").wait_for(timeout=30_000)
    return page


def test_one_cap_and_one_fifo_queue_across_processes(both, person):
    (a, b), env, store = both
    p1, p2, p3 = player(person, a.url), player(person, b.url), player(person, a.url)
    play(p1)
    p2.get_by_role("button", name="Play").click()
    p2.get_by_text("You are in the queue").wait_for(timeout=20_000)
    p3.get_by_role("button", name="Play").click()
    p3.get_by_text("You are in the queue").wait_for(timeout=20_000)
    t2, t3 = token_of(p2), token_of(p3)
    for replica in (a, b):  # every process sees the same places and waits
        s2, s3 = seat(replica, t2), seat(replica, t3)
        assert (s2["state"], s2["position"], s3["position"], s3["queue"]) == ("queued", 1, 2, 2)
        assert s2["wait"] == pytest.approx(seat(a, t2)["wait"], abs=1.0)
    p3.get_by_text("2 of 2").wait_for(timeout=10_000)
    assert store.count_active() == 1
    p1.get_by_role("button", name="Give up").click()
    drawing_word(p2, 20_000)  # the next in line, on the other process
    p3.get_by_text("1 of 1").wait_for(timeout=10_000)
    games = store.active_games()
    assert len(games) == 1 and games[0]["owner"] and store.count_active() == 1
    assert seat(b, t2)["state"] == "playing"


def test_a_spectator_on_another_process_sees_the_game_live(both, person):
    (a, b), env, store = both
    p1 = player(person, a.url)
    word = play(p1)
    game_id = store.active_games()[0]["id"]
    spectator = person(b.url + "/Spectate")
    spectator.get_by_text("Game 1:").wait_for(timeout=20_000)
    spectator.evaluate("window.__samePage = true")
    canvas_ready(p1)
    draw_mouse(p1, shape(word)[:2])
    frame = spectator.locator("img.pa-frame").first
    frame.wait_for(timeout=10_000)
    assert wait_for(lambda: store.game_guesses(game_id), timeout=15), "process a's model guessed"
    spectator.get_by_text("Fake Vision").first.wait_for(timeout=10_000)  # b reads the guess from the database
    spectator.get_by_text("banana").first.wait_for(timeout=10_000)
    newest = store.latest_frame_meta(game_id)["seq"]
    assert wait_for(lambda: int(frame.get_attribute("data-seq") or 0) >= newest, timeout=10), "and the newest frame"
    assert spectator.evaluate("window.__samePage === true"), "live, without a reload"
    p1.get_by_role("button", name="Give up").click()
    p1.get_by_text("You gave up.").wait_for(timeout=15_000)


def test_a_viewers_stream_on_one_process_is_pushed_the_guess_another_process_wrote(both, person):
    (a, b), env, store = both
    p1 = player(person, a.url)
    word = play(p1)
    game_id = store.active_games()[0]["id"]
    stream = EventStream(b.url, f"/api/stream/live/{game_id}")
    try:
        assert stream.status == 200 and stream.next()["data"]["guesses"] == [], "b pushes the game at once"
        canvas_ready(p1)
        draw_mouse(p1, shape(word)[:2])  # a runs the game: its model guesses, a writes the guess
        event = stream.next()
        while not event["data"]["guesses"]:  # a new frame first, perhaps
            event = stream.next()
        assert event["data"]["guesses"][0]["who"] == "Fake Vision" and "word" not in event["data"]
        assert store.get_game(game_id)["owner"].split(":")[1] == str(a.pid), "written by the other process"
    finally:
        stream.close()
    p1.get_by_role("button", name="Give up").click()
    p1.get_by_text("You gave up.").wait_for(timeout=15_000)


def test_restarting_one_process_never_touches_another_processs_game(both, person):
    (a, b), env, store = both
    p1 = player(person, a.url)
    play(p1)
    game = store.active_games()[0]
    b.restart(ENGINE_READY)  # /api/health: b has built its engine, which looks at the games left running
    restarted = process_of(b)
    for _ in range(2):  # a heartbeat opens each reaper pass: after the second, b has made a whole pass since
        since = time.time()
        assert wait_for(lambda: restarted in store.live_processes(since=since), timeout=10)
    after = store.get_game(game["id"])
    assert (after["status"], after["owner"]) == ("active", game["owner"])
    p1.get_by_role("button", name="Give up").click()
    p1.get_by_text("You gave up.").wait_for(timeout=15_000)


def test_kill_9_of_the_process_running_a_game_resumes_it_on_another(both, person, vision):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    (a, b), env, store = both
    lost = player(person, a.url)  # this player never comes back after the crash
    play(lost)
    lost_game = store.active_games()[0]["id"]
    store.end_game(lost_game, "quit", time.time())  # make room under the cap of one for the real game
    p1 = player(person, a.url)
    word = play(p1)
    game = store.active_games()[0]
    assert game["owner"].split(":")[1] == str(a.pid)
    canvas_ready(p1)
    draw_mouse(p1, shape(word)[:1])
    assert wait_for(lambda: '"objects":[{' in (store.draft(game["id"]) or ""), timeout=10), "the drawing is saved"
    assert wait_for(lambda: store.count("frames") >= 1, timeout=10), "the guessers saw it (frames are written in batches)"
    frames_before = store.count("frames")

    a.stop(kill=True)
    token = token_of(p1)
    p1.goto(f"{b.url}/?player={token}")  # the balancer sends the player to a live process
    assert drawing_word(p1) == word, "the same game, the same word"
    assert wait_for(lambda: ink_pixels(p1) > 300, timeout=10), "with its drawing"
    # The dead process's heartbeat stops: within a few seconds the game moves.
    assert wait_for(lambda: store.get_game(game["id"])["owner"].split(":")[1] == str(b.pid), timeout=10)
    resumed = store.get_game(game["id"])
    assert resumed["status"] == "active"
    p1.get_by_text("being drawn in another tab").wait_for(state="hidden", timeout=10_000)
    assert store.count("frames") >= frames_before, "nothing committed is lost"
    from fake_providers import ok
    calls = vision.count
    vision.push(*[ok(word)] * 5)  # from now on the model names the word
    draw_mouse(p1, shape(word)[1:])
    won = p1.get_by_text("Fake Vision got it in")
    for dot in range(10):  # the guessers carry on, on the new process, until one names the word
        try:
            won.wait_for(timeout=2_000)
            break
        except PlaywrightTimeout:
            draw_mouse(p1, [[(30 + 7 * dot, 490), (33 + 7 * dot, 493)]])
    won.wait_for(timeout=5_000)
    assert vision.count > calls
    final = store.get_game(game["id"])
    assert final["status"] == "won" and final["ended_at"] > resumed["started_at"]
    assert store.integrity_check() == "ok"
    if env.get("DATABASE_URL", "") == "":
        with sqlite3.connect(Path(env["PICTIONARY_DATA_DIR"]) / "pictionary.db") as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_game_whose_player_never_returns_after_a_crash_is_abandoned(both, person):
    (a, b), env, store = both
    p1 = player(person, a.url)
    play(p1)
    game_id = store.active_games()[0]["id"]
    a.stop(kill=True)
    p1.context.close()  # the player closes the tab
    # Time passes for the game: its player's last heartbeat is set IDLE + 1 s back, through the store.
    store.see_game(game_id, time.time() - IDLE - 1)
    assert wait_for(lambda: store.get_game(game_id)["status"] != "active", timeout=10), \
        "the live process's reaper closes a silent game it does not own"
    game = store.get_game(game_id)
    assert game["status"] == "abandoned", "closed for silence"
    assert game["ended_at"] < game["deadline"], "long before its time ran out"
