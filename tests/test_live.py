"""The live views' JSON routes through Starlette's TestClient (no socket) over a real engine on a temp database."""
from __future__ import annotations

import json
import random
import threading
import time

import pytest
from conftest import wait_for
from PIL import Image
from scripted import ScriptedGuesser
from seed import seed_games

from core.identity import host_token, new_player_token, player_from_token
from core.images import encode_png
from core.live import LiveCache

HIDDEN = f"{15:012x}"  # seed_games' hidden game: the fastest, but refused
WORDS = "square\ncircle\ntriangle\ncat\nhouse\ntree\n"


class SteppedClock:
    """Monotonic time a test can move on (past a cache's life) or hold still, instead of sleeping."""

    def __init__(self):
        self.offset = 0.0
        self.held: float | None = None

    def __call__(self) -> float:
        return self.held if self.held is not None else time.monotonic() + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += seconds
        if self.held is not None:
            self.held += seconds

    def hold(self) -> None:
        self.held = self()


@pytest.fixture
def api(make_engine, route_client):
    """The routes in a TestClient, over an engine whose only guesser always says banana; the live cache keeps
    documents 0.05 s on a clock the test can move."""
    return banana_routes(make_engine, route_client)


def banana_routes(make_engine, route_client):
    """The `api` fixture's value, for other modules' fixtures: (client, engine, cache)."""
    engine = make_engine([ScriptedGuesser("Banana bot", [(0.05, "banana")] * 50)], WORDS, rng=random.Random(3),
                         MIN_GUESS_INTERVAL=0, FRAME_INTERVAL=0, MAX_CONCURRENT_GAMES=3)
    cache = LiveCache(ttl=0.05, clock=SteppedClock())
    return route_client(engine, cache), engine, cache


def get(client, url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    r = client.get(url, headers=headers)
    return r.status_code, dict(r.headers), r.content


def post(client, url: str, body: bytes) -> tuple[int, dict]:
    r = client.post(url, content=body, headers={"Content-Type": "application/json"})
    return r.status_code, json.loads(r.content or b"{}")


def token_for(engine) -> tuple[str, str]:
    token = new_player_token(engine.player_secret, random.Random(11))
    return token, player_from_token(token, engine.player_secret)


def drawing(marks: int) -> bytes:
    im = Image.new("L", (64, 64), 255)
    for i in range(marks):
        im.paste(0, (4 + 6 * i, 10, 7 + 6 * i, 50))
    return encode_png(im)




def test_a_running_games_word_is_only_for_its_player_and_guesses_arrive_live(api):
    client, engine, _ = api
    token, player = token_for(engine)
    seat = engine.lobby.join(player, now=time.time())
    engine.pool.submit_frame(seat.game_id, drawing(1))
    assert wait_for(lambda: engine.recorder.flush(1) and engine.store.game_guesses(seat.game_id))
    status, _, body = get(client, f"/api/live/{seat.game_id}")
    public = json.loads(body)
    assert status == 200 and public["status"] == "active" and "word" not in public
    assert public["guesses"][0]["who"] == "Banana bot" and public["guesses"][0]["text"] == "banana"
    assert public["frame"] == 1 and public["deadline"] == pytest.approx(seat.started_at + 60, abs=60)
    mine = json.loads(get(client, f"/api/live/{seat.game_id}?player={token}")[2])
    assert mine["word"] == seat.word
    stranger = new_player_token(engine.player_secret, random.Random(99))
    assert "word" not in json.loads(get(client, f"/api/live/{seat.game_id}?player={stranger}")[2])


def test_an_unchanged_game_answers_not_modified_and_a_change_gets_a_new_version(api):
    client, engine, cache = api
    seat = engine.lobby.join("watched-player", now=time.time())
    status, headers, body = get(client, f"/api/live/{seat.game_id}")
    etag = headers["etag"]
    builds = cache.builds
    cache.clock.advance(cache.ttl)  # past the cache's life: rebuilt, and still the same version
    assert get(client, f"/api/live/{seat.game_id}", {"If-None-Match": etag})[0] == 304
    assert cache.builds == builds + 1
    engine.pool.submit_frame(seat.game_id, drawing(2))
    assert wait_for(lambda: get(client, f"/api/live/{seat.game_id}", {"If-None-Match": etag})[0] == 200)


def test_a_crowd_polling_one_game_costs_one_build_per_cache_life(api):
    client, engine, cache = api
    seat = engine.lobby.join("crowded-player", now=time.time())

    def crowd() -> list[int]:  # eight people polling ten times each, at once
        statuses = []
        threads = [threading.Thread(target=lambda: statuses.extend(get(client, f"/api/live/{seat.game_id}")[0]
                                                                   for _ in range(10))) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return statuses

    cache.clock.hold()  # one cache life lasts the whole crowd
    before = cache.builds
    assert crowd() == [200] * 80
    assert cache.builds == before + 1, "eighty polls at once, one build"
    cache.clock.advance(cache.ttl)
    assert crowd() == [200] * 80
    assert cache.builds == before + 2, "and one more once it has expired"


def test_the_board_hides_words_and_hidden_games_and_lists_the_latest(api):
    client, engine, _ = api
    ids = seed_games(engine.store, now=time.time())
    seat = engine.lobby.join("board-player-1", now=time.time())
    board = json.loads(get(client, "/api/board")[2])
    assert [g["game"] for g in board["games"]] == [seat.game_id]
    assert board["games"][0]["word"] is None and board["games"][0]["letters"] == len(seat.word)
    assert json.loads(get(client, "/api/board?words=1")[2])["games"][0]["word"] is None, "while the room may guess"
    host = host_token(engine.player_secret, time.time())
    assert json.loads(get(client, f"/api/board?words=1&host={host}")[2])["games"][0]["word"] == seat.word
    assert json.loads(get(client, f"/api/board?words=1&host=h1.{'0' * 32}")[2])["games"][0]["word"] is None
    newest_first = sorted(ids, key=lambda i: -engine.store.get_game(i)["ended_at"])
    assert newest_first[0] == HIDDEN, "the hidden game is the newest, so it would lead the replays"
    assert [f["game"] for f in board["finished"]] == newest_first[1:9]
    assert HIDDEN not in json.dumps(board["winners"]) and board["winners"][0]["seconds"] == 15.0
    assert get(client, f"/api/replay/{HIDDEN}")[0] == 404
    status, headers, gif = get(client, f"/api/replay/{newest_first[1]}")
    assert status == 200 and headers["content-type"] == "image/gif" and gif[:6] in (b"GIF87a", b"GIF89a")


def test_frames_are_served_once_by_url_to_whoever_may_see_them(api):
    client, engine, cache = api
    token, player = token_for(engine)
    seat = engine.lobby.join(player, now=time.time())
    engine.pool.submit_frame(seat.game_id, drawing(3))
    assert wait_for(lambda: engine.recorder.flush(1) and engine.store.latest_frame_meta(seat.game_id))
    status, headers, png = get(client, f"/api/frame/{seat.game_id}/1")
    assert status == 200 and png[:8] == b"\x89PNG\r\n\x1a\n" and "immutable" in headers["cache-control"]
    assert get(client, f"/api/frame/{seat.game_id}/2")[0] == 404
    engine.store.flag_game(seat.game_id, 1)  # moderation hides it: only its player still sees it
    cache.clock.advance(cache.ttl)  # past the live cache's life
    assert get(client, f"/api/frame/{seat.game_id}/1")[0] == 404
    assert get(client, f"/api/live/{seat.game_id}")[0] == 404
    assert get(client, f"/api/live/{seat.game_id}?player={token}")[0] == 200
    assert get(client, f"/api/frame/{seat.game_id}/1?player={token}")[0] == 200


@pytest.fixture
def framed(make_engine):
    """The `api` fixture's routes with their frame cache in view: (client, engine, live cache, frame cache)."""
    from starlette.applications import Starlette
    from starlette.testclient import TestClient

    from core.web import FrameCache, api_routes
    engine = make_engine([ScriptedGuesser("Banana bot", [(0.05, "banana")] * 50)], WORDS, rng=random.Random(3),
                         MIN_GUESS_INTERVAL=0, FRAME_INTERVAL=0, MAX_CONCURRENT_GAMES=3)
    cache, frames = LiveCache(ttl=0.05, clock=SteppedClock()), FrameCache()
    app = Starlette(routes=api_routes(lambda: engine, cache, frames))
    with TestClient(app, client=("127.0.0.1", 50000)) as client:
        yield client, engine, cache, frames


def drawn_game(engine, player: str) -> str:
    """A game `player` is drawing, its first frame stored."""
    seat = engine.lobby.join(player, now=time.time())
    engine.pool.submit_frame(seat.game_id, drawing(3))
    assert wait_for(lambda: engine.recorder.flush(1) and engine.store.latest_frame_meta(seat.game_id))
    return seat.game_id


def test_a_crowd_fetching_a_new_frame_costs_one_database_read(framed):
    client, engine, cache, frames = framed
    token, player = token_for(engine)
    game_id = drawn_game(engine, player)
    answers: list[tuple[int, str, bytes]] = []

    def fetch() -> None:
        for _ in range(25):
            status, headers, png = get(client, f"/api/frame/{game_id}/1")
            answers.append((status, headers["cache-control"], png))

    threads = [threading.Thread(target=fetch) for _ in range(8)]  # two hundred fetches, at once
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert {a[:2] for a in answers} == {(200, "public, max-age=31536000, immutable")} and len(answers) == 200
    assert len({a[2] for a in answers}) == 1 and answers[0][2] == engine.store.frame_png(game_id, 1)
    assert frames.reads == 1, "two hundred fetches of one frame, one read"
    cache.clock.advance(cache.ttl)  # who may see it is read again; the frame is not
    status, headers, _ = get(client, f"/api/frame/{game_id}/1?player={token}")
    assert status == 200 and headers["cache-control"] == "private, max-age=31536000, immutable"
    assert get(client, f"/api/frame/{game_id}/2")[0] == 404, "a frame not stored yet is not kept as missing"
    assert frames.reads == 2


def test_a_cached_frame_stops_being_served_once_its_game_is_hidden_or_declined(framed):
    client, engine, cache, frames = framed
    token, player = token_for(engine)
    hidden, declined = drawn_game(engine, player), drawn_game(engine, "another-player")
    cache.clock.hold()
    assert [get(client, f"/api/frame/{g}/1")[0] for g in (hidden, declined)] == [200, 200]
    engine.store.hide_for_review(hidden, "a test hides it")
    engine.store.insert_guesses([{"game_id": declined, "guesser": "Test model", "model": "test", "text": "",
                                  "normalized": "", "refused": 1, "created_at": time.time()}])
    cache.clock.advance(cache.ttl)  # past the live cache's life
    assert [get(client, f"/api/frame/{g}/1")[0] for g in (hidden, declined)] == [404, 404]
    assert get(client, f"/api/frame/{hidden}/1?player={token}")[0] == 200, "its player still sees it"
    host = host_token(engine.player_secret, time.time())
    assert get(client, f"/api/frame/{declined}/1?host={host}")[0] == 200, "and a host"
    assert frames.reads == 2, "from the frame cache all along"


@pytest.mark.parametrize("path", ["/live/nope", "/live/0123456789ab", "/live/'; drop table games; --",
                                  "/frame/0123456789ab/1", "/frame/zz/1", "/frame/0123456789ab/x",
                                  "/replay/../../etc/passwd", "/replay/0123456789ab"])
def test_garbage_addresses_get_a_plain_not_found(api, path):
    client, _, _ = api
    status, headers, body = get(client, as_sent("/api" + path.replace(" ", "%20").replace("'", "%27").replace(";", "%3B")))
    assert status == 404 and b"Traceback" not in body


def test_the_seat_route_is_the_heartbeat_and_refuses_strangers(api):
    client, engine, _ = api
    token, player = token_for(engine)
    status, seat = post(client, "/api/seat", json.dumps({"player": token}).encode())
    assert status == 200 and seat["state"] == "none"
    engine.lobby.join(player, now=time.time())
    status, seat = post(client, "/api/seat", json.dumps({"player": token}).encode())
    assert status == 200 and seat["state"] == "playing" and seat["game"]
    assert post(client, "/api/seat", b'{"player": "forged.0123456789abcdef"}')[0] == 403
    assert post(client, "/api/seat", b"not json")[0] == 400
    assert post(client, "/api/seat", b"[1, 2]")[0] == 400
    assert post(client, "/api/seat", b"x" * 10_000)[0] == 413


def test_health_counts_games_and_the_queue(api):
    client, engine, _ = api
    engine.lobby.join("healthy-player", now=time.time())
    status, _, body = get(client, "/api/health")
    assert status == 200 and json.loads(body) == {"ok": True, "games": 1, "queue": 0,
                                                  "process": engine.lobby.process_id}


def as_sent(path: str) -> str:
    """`path` with its ../ kept: httpx would resolve it before sending, so its dots go percent-encoded, and the
    routes see the same decoded path a raw ../ on the wire gives them."""
    return path.replace(".", "%2E")


def post_png(client, url: str, body: bytes) -> int:
    return client.post(url, content=body, headers={"Content-Type": "image/png"}).status_code


def test_the_canvas_sends_the_stroke_being_drawn_only_for_its_own_running_game(api):
    client, engine, _ = api
    token, player = token_for(engine)
    seat = engine.lobby.join(player, now=time.time())
    url = f"/api/canvas/{seat.game_id}?player={token}"
    assert post_png(client, url, drawing(4)) == 204
    assert wait_for(lambda: engine.recorder.flush(1) and engine.store.latest_frame_meta(seat.game_id))
    stranger = new_player_token(engine.player_secret, random.Random(5))
    assert post_png(client, f"/api/canvas/{seat.game_id}?player={stranger}", drawing(5)) == 403
    assert post_png(client, url, b"not a png") == 400
    assert post(client, url, b"\x89PNG" + b"x" * (3 * 1024 * 1024))[0] == 413  # its declared length is past the cap
    assert post_png(client, f"/api/canvas/0123456789ab?player={token}", drawing(5)) in (403, 404)
    engine.lobby.quit(player, now=time.time())
    assert post_png(client, url, drawing(6)) == 409, "a game that is over takes no more frames"
    assert [f["seq"] for f in engine.store.game_frames(seat.game_id, with_png=False)] == [1]


def a_second_passes(engine, game_id: str) -> None:
    """The room's guesses in a game were made a second earlier (the one-a-second rule reads their stored times,
    once the writer has stored them)."""
    assert engine.recorder.flush(10)
    engine.store.execute("UPDATE guesses SET created_at = created_at - 1.05 WHERE game_id = ? AND human = 1",
                         [game_id])


def test_the_guess_route_judges_a_persons_guess_and_says_why_it_refuses_one(api):
    client, engine, _ = api
    _, drawer = token_for(engine)
    seat = engine.lobby.join(drawer, now=time.time())
    guesser = new_player_token(engine.player_secret, random.Random(12))
    who = player_from_token(guesser, engine.player_secret)
    say = lambda text, token=guesser: post(client, f"/api/guess/{seat.game_id}",  # noqa: E731
                                           json.dumps({"player": token, "text": text}).encode())
    status, answer = say("dog")
    assert status == 400 and "nickname" in answer["message"]
    engine.store.touch_player(who, time.time())
    engine.store.set_nickname(who, "Maya")
    status, answer = say("<b>dog</b>")
    assert status == 200 and not answer["won"] and answer["message"].startswith("“<b>dog</b>”")
    assert say("cat")[0] == 429  # one a second
    assert say("x" * 61)[0] == 400
    assert say("dog", token=new_player_token(engine.player_secret, random.Random(1)).split(".")[0] + ".x")[0] == 403
    assert post(client, f"/api/guess/{seat.game_id}", b"not json")[0] == 400
    assert post(client, "/api/guess/not-a-game", b"{}")[0] == 404
    a_second_passes(engine, seat.game_id)
    status, answer = say(seat.word)
    assert status == 200 and answer["won"] and "You got it in" in answer["message"]
    game = engine.store.get_game(seat.game_id)
    assert game["status"] == "won" and game["winner"] == "Maya" and game["winner_human"] == 1
    a_second_passes(engine, seat.game_id)
    status, answer = say("dog")
    assert status == 409 and answer["over"]
    assert engine.recorder.flush(10)
    rows = [g for g in engine.store.game_guesses(seat.game_id) if g["human"]]
    assert [(g["text"], g["won"], g["player_id"]) for g in rows] == [("<b>dog</b>", 0, who), (seat.word, 1, who)]


def test_a_room_guessing_hundreds_of_times_keeps_a_live_view_to_its_newest_guesses(api):
    from core.live import BOARD_GUESSES, LIVE_GUESSES
    client, engine, _ = api
    token, player = token_for(engine)
    game_id = engine.lobby.join(player, now=time.time()).game_id
    started = engine.store.get_game(game_id)["started_at"]
    engine.store.insert_guesses([{"game_id": game_id, "guesser": f"person {i}", "text": f"guess {i}", "human": 1,
                                  "created_at": started + 0.01 * i} for i in range(300)])
    _, _, body = get(client, f"/api/live/{game_id}?player={token}")
    shown = [g["text"] for g in json.loads(body)["guesses"]]
    assert shown == [f"guess {i}" for i in range(299, 299 - LIVE_GUESSES, -1)], "the newest, newest first"
    _, _, body = get(client, "/api/board")
    [board_game] = json.loads(body)["games"]
    assert [g["text"] for g in board_game["guesses"]] == [f"guess {i}" for i in range(299, 299 - BOARD_GUESSES, -1)]
