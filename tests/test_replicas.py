"""Several `streamlit run` processes on one database form one arena, on SQLite and on PostgreSQL."""
from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from browser_kit import (ROOT, browser, draw_mouse, free_port, ink_pixels, playwright, shape,  # noqa: F401 - fixtures
                         sync_api)

pytestmark = pytest.mark.browser
WORD_AT = re.compile(r"Draw:\s*(\w+)")
IDLE = 8


class Replica:
    """One app process of the arena."""

    def __init__(self, tmp: Path, name: str, env: dict[str, str]):
        self.tmp, self.name, self.env = tmp, name, env
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = None
        self.log = None

    def start(self) -> "Replica":
        self.log = open(self.tmp / f"{self.name}.log", "a")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        return self

    def wait_ready(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if urllib.request.urlopen(f"{self.url}/api/health", timeout=2).status == 200:
                    return
            except OSError:
                pass
            if self.proc.poll() is not None:
                break
            time.sleep(0.2)
        raise RuntimeError((self.tmp / f"{self.name}.log").read_text()[-3000:])

    def stop(self, kill: bool = False) -> None:
        if self.proc and self.proc.poll() is None:
            if kill:
                os.kill(self.proc.pid, signal.SIGKILL)
            else:
                self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        if self.log:
            self.log.close()

    def seat(self, token: str) -> dict:
        req = urllib.request.Request(f"{self.url}/api/seat", data=json.dumps({"player": token}).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
        return json.loads(urllib.request.urlopen(req, timeout=5).read())

    def board(self) -> dict:
        return json.loads(urllib.request.urlopen(f"{self.url}/api/board?words=1", timeout=5).read())


@pytest.fixture(scope="module")
def vision():
    """One fake vision model on 127.0.0.1 for every process: it says banana unless a test scripts it."""
    from fake_providers import FakeProvider, ok
    with FakeProvider("openai", default=ok("banana", delay=0.2)) as fake:
        yield fake


@pytest.fixture(autouse=True)
def fresh_script(vision):
    """Each test starts on the default answer: answers one test scripted but did not use would otherwise
    name the word of a later test's game (in another arena) and end it."""
    vision.reset()
    yield
    vision.reset()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def arena(request, tmp_path_factory, vision):
    """Two app processes sharing one database (a SQLite file, or a PostgreSQL schema); shapes only."""
    tmp = tmp_path_factory.mktemp(f"arena-{request.param}")
    (tmp / "words.txt").write_text("square\ncircle\ntriangle\n")
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    env.update(PICTIONARY_DATA_DIR=str(tmp / "data"), WORDS_FILE=str(tmp / "words.txt"), MAX_CONCURRENT_GAMES="1",
               GAME_SECONDS="120", IDLE_SECONDS=str(IDLE), MIN_GUESS_INTERVAL="0.3", FRAME_INTERVAL="0.3",
               MAX_SEATS_PER_ADDRESS="0", SKETCH_ENABLED="false", OPENAI_COMPAT_BASE_URL=vision.base_url,
               OPENAI_COMPAT_MODEL="fake-vision", OPENAI_COMPAT_NAME="Fake Vision")
    if request.param == "postgresql":
        env["DATABASE_URL"] = request.getfixturevalue("postgres").new_schema()
    replicas = [Replica(tmp, name, env) for name in ("a", "b")]
    for r in replicas:
        r.start()
    for r in replicas:
        r.wait_ready()
    yield replicas, env
    for r in replicas:
        r.stop()


def database(env: dict):
    """A read connection to the arena's database, as the tests' own eyes."""
    from core.store import Store
    return Store(Path(env["PICTIONARY_DATA_DIR"]) / "pictionary.db", database_url=env.get("DATABASE_URL", ""))


def player(browser, url: str):
    page = browser.new_context(viewport={"width": 1300, "height": 900}).new_page()
    page.goto(url)
    page.get_by_role("button", name="Play").wait_for(timeout=30_000)
    return page


def token_of(page) -> str:
    return re.search(r"player=([^&]+)", page.url).group(1)


def play(page) -> str:
    page.get_by_role("button", name="Play").click()
    heading = page.locator("h2", has_text="Draw:")
    heading.wait_for(timeout=30_000)
    return WORD_AT.search(heading.inner_text()).group(1)


def give_up_everything(store) -> None:
    for g in store.active_games():
        store.end_game(g["id"], "quit", time.time())
    for q in store.queue_front(100):
        store.dequeue(q["player_id"])


def test_one_cap_and_one_fifo_queue_across_processes(arena, browser):
    (a, b), env = arena
    store = database(env)
    give_up_everything(store)
    p1, p2, p3 = player(browser, a.url), player(browser, b.url), player(browser, a.url)
    play(p1)
    p2.get_by_role("button", name="Play").click()
    p2.get_by_text("You are in the queue").wait_for(timeout=20_000)
    p3.get_by_role("button", name="Play").click()
    p3.get_by_text("You are in the queue").wait_for(timeout=20_000)
    t2, t3 = token_of(p2), token_of(p3)
    for replica in (a, b):  # every process sees the same places and waits
        s2, s3 = replica.seat(t2), replica.seat(t3)
        assert (s2["state"], s2["position"], s3["position"], s3["queue"]) == ("queued", 1, 2, 2)
        assert s2["wait"] == pytest.approx(a.seat(t2)["wait"], abs=1.0)
    p3.get_by_text("2 of 2").wait_for(timeout=10_000)
    assert store.count_active() == 1
    p1.get_by_role("button", name="Give up").click()
    p2.locator("h2", has_text="Draw:").wait_for(timeout=20_000)  # the next in line, on the other process
    p3.get_by_text("1 of 1").wait_for(timeout=10_000)
    games = store.active_games()
    assert len(games) == 1 and games[0]["owner"] and store.count_active() == 1
    assert b.seat(t2)["state"] == "playing"
    store.shutdown()


def test_a_spectator_on_another_process_sees_the_game_live(arena, browser):
    (a, b), env = arena
    store = database(env)
    give_up_everything(store)
    p1 = player(browser, a.url)
    word = play(p1)
    game_id = store.active_games()[0]["id"]
    spectator = browser.new_page()
    spectator.goto(b.url + "/Spectate")
    spectator.get_by_text("Game 1:").wait_for(timeout=20_000)
    p1.wait_for_timeout(800)
    draw_mouse(p1, shape(word)[:2])
    frame = spectator.locator("img.pa-frame").first
    frame.wait_for(timeout=10_000)
    deadline = time.monotonic() + 15
    while not store.game_guesses(game_id) and time.monotonic() < deadline:
        time.sleep(0.1)
    row = store.game_guesses(game_id)[0]
    spectator.get_by_text("Fake Vision").first.wait_for(timeout=2_000)
    assert time.time() - row["created_at"] < 2.0 + 0.5, "the guess shows on the other process within 2 s"
    newest = store.latest_frame_meta(game_id)["seq"]
    seq = lambda: int(frame.get_attribute("data-seq") or 0)  # noqa: E731
    deadline = time.monotonic() + 2.5
    while seq() < newest and time.monotonic() < deadline:
        time.sleep(0.1)
    assert seq() >= newest, "the newest frame, within 2 s"
    p1.get_by_role("button", name="Give up").click()
    store.shutdown()


def test_restarting_one_process_never_touches_another_processs_game(arena, browser):
    (a, b), env = arena
    store = database(env)
    give_up_everything(store)
    p1 = player(browser, a.url)
    play(p1)
    game = store.active_games()[0]
    b.stop()
    b.start()
    b.wait_ready()
    p1.wait_for_timeout(2000)
    after = store.get_game(game["id"])
    assert (after["status"], after["owner"]) == ("active", game["owner"])
    p1.get_by_role("button", name="Give up").click()
    p1.get_by_text("You gave up.").wait_for(timeout=15_000)
    store.shutdown()


def test_kill_9_of_the_process_running_a_game_resumes_it_on_another(arena, browser, vision):
    (a, b), env = arena
    store = database(env)
    give_up_everything(store)
    lost = player(browser, a.url)  # this player never comes back after the crash
    play(lost)
    lost_game = store.active_games()[0]["id"]
    store.end_game(lost_game, "quit", time.time())  # make room under the cap of one for the real game
    p1 = player(browser, a.url)
    word = play(p1)
    game = store.active_games()[0]
    assert game["owner"].split(":")[1] == str(a.proc.pid)
    p1.wait_for_timeout(800)
    draw_mouse(p1, shape(word)[:1])
    deadline = time.monotonic() + 10
    while '"objects":[{' not in (store.draft(game["id"]) or "") and time.monotonic() < deadline:
        time.sleep(0.1)
    frames_before = store.count("frames")
    assert store.draft(game["id"]) and frames_before >= 1

    a.stop(kill=True)
    token = token_of(p1)
    p1.goto(f"{b.url}/?player={token}")  # the balancer sends the player to a live process
    heading = p1.locator("h2", has_text="Draw:")
    heading.wait_for(timeout=30_000)
    assert WORD_AT.search(heading.inner_text()).group(1) == word, "the same game, the same word"
    p1.wait_for_timeout(1500)
    assert ink_pixels(p1) > 300, "with its drawing"
    deadline = time.monotonic() + 10  # the dead process's heartbeat stops: within a few seconds the game moves
    while store.get_game(game["id"])["owner"].split(":")[1] != str(b.proc.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    resumed = store.get_game(game["id"])
    assert resumed["status"] == "active" and resumed["owner"].split(":")[1] == str(b.proc.pid)
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
        except sync_api.TimeoutError:
            draw_mouse(p1, [[(30 + 7 * dot, 490), (33 + 7 * dot, 493)]])
    won.wait_for(timeout=5_000)
    assert vision.count > calls
    final = store.get_game(game["id"])
    assert final["status"] == "won" and final["ended_at"] > resumed["started_at"]
    assert store.integrity_check() == "ok"
    if env.get("DATABASE_URL", "") == "":
        with sqlite3.connect(Path(env["PICTIONARY_DATA_DIR"]) / "pictionary.db") as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    a.start()
    a.wait_ready()
    store.shutdown()


def test_a_game_whose_player_never_returns_after_a_crash_is_abandoned(arena, browser):
    (a, b), env = arena
    store = database(env)
    give_up_everything(store)
    p1 = player(browser, a.url)
    play(p1)
    game_id = store.active_games()[0]["id"]
    a.stop(kill=True)
    p1.context.close()  # the player closes the tab
    started = time.monotonic()
    while store.get_game(game_id)["status"] == "active" and time.monotonic() - started < IDLE + 10:
        time.sleep(0.2)
    game = store.get_game(game_id)
    assert game["status"] == "abandoned", "closed by the live process"
    assert time.monotonic() - started <= IDLE + 6
    a.start()
    a.wait_ready()
    store.shutdown()
