"""The live views' JSON routes, served for real (uvicorn on 127.0.0.1) from a real engine on a temp database."""
from __future__ import annotations

import json
import random
import select
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from PIL import Image
from starlette.applications import Starlette

from core.identity import host_token, new_player_token, player_from_token
from core.images import encode_png
from core.live import LiveCache
from core.web import api_routes

from conftest import wait_for
from harness import serving
from scripted import ScriptedGuesser
from seed import seed_games

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
def api(make_engine):
    """The routes on a real HTTP server, over an engine whose only guesser always says banana; the live cache
    keeps documents 0.05 s on a clock the test can move."""
    engine = make_engine([ScriptedGuesser("Banana bot", [(0.05, "banana")] * 50)], WORDS, rng=random.Random(3),
                         MIN_GUESS_INTERVAL=0, FRAME_INTERVAL=0, MAX_CONCURRENT_GAMES=3)
    cache = LiveCache(ttl=0.05, clock=SteppedClock())
    with serving(Starlette(routes=api_routes(lambda: engine, cache))) as url:
        yield f"{url}/api", engine, cache


def get(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=5) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def post(url: str, body: bytes) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=5) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def token_for(engine) -> tuple[str, str]:
    token = new_player_token(engine.player_secret, random.Random(11))
    return token, player_from_token(token, engine.player_secret)


def drawing(marks: int) -> bytes:
    im = Image.new("L", (64, 64), 255)
    for i in range(marks):
        im.paste(0, (4 + 6 * i, 10, 7 + 6 * i, 50))
    return encode_png(im)




def test_a_running_games_word_is_only_for_its_player_and_guesses_arrive_live(api):
    base, engine, _ = api
    token, player = token_for(engine)
    seat = engine.lobby.join(player, now=time.time())
    engine.pool.submit_frame(seat.game_id, drawing(1))
    assert wait_for(lambda: engine.recorder.flush(1) and engine.store.game_guesses(seat.game_id))
    status, _, body = get(f"{base}/live/{seat.game_id}")
    public = json.loads(body)
    assert status == 200 and public["status"] == "active" and "word" not in public
    assert public["guesses"][0]["who"] == "Banana bot" and public["guesses"][0]["text"] == "banana"
    assert public["frame"] == 1 and public["deadline"] == pytest.approx(seat.started_at + 60, abs=60)
    mine = json.loads(get(f"{base}/live/{seat.game_id}?player={token}")[2])
    assert mine["word"] == seat.word
    stranger = new_player_token(engine.player_secret, random.Random(99))
    assert "word" not in json.loads(get(f"{base}/live/{seat.game_id}?player={stranger}")[2])


def test_an_unchanged_game_answers_not_modified_and_a_change_gets_a_new_version(api):
    base, engine, cache = api
    seat = engine.lobby.join("watched-player", now=time.time())
    status, headers, body = get(f"{base}/live/{seat.game_id}")
    etag = headers["etag"]
    builds = cache.builds
    cache.clock.advance(cache.ttl)  # past the cache's life: rebuilt, and still the same version
    assert get(f"{base}/live/{seat.game_id}", {"If-None-Match": etag})[0] == 304
    assert cache.builds == builds + 1
    engine.pool.submit_frame(seat.game_id, drawing(2))
    assert wait_for(lambda: get(f"{base}/live/{seat.game_id}", {"If-None-Match": etag})[0] == 200)


def test_a_crowd_polling_one_game_costs_one_build_per_cache_life(api):
    base, engine, cache = api
    seat = engine.lobby.join("crowded-player", now=time.time())

    def crowd() -> list[int]:  # eight people polling ten times each, at once
        statuses = []
        threads = [threading.Thread(target=lambda: statuses.extend(get(f"{base}/live/{seat.game_id}")[0]
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
    base, engine, _ = api
    ids = seed_games(engine.store, now=time.time())
    seat = engine.lobby.join("board-player-1", now=time.time())
    board = json.loads(get(f"{base}/board")[2])
    assert [g["game"] for g in board["games"]] == [seat.game_id]
    assert board["games"][0]["word"] is None and board["games"][0]["letters"] == len(seat.word)
    assert json.loads(get(f"{base}/board?words=1")[2])["games"][0]["word"] is None, "while the room may guess"
    host = host_token(engine.player_secret, time.time())
    assert json.loads(get(f"{base}/board?words=1&host={host}")[2])["games"][0]["word"] == seat.word
    assert json.loads(get(f"{base}/board?words=1&host=h1.{'0' * 32}")[2])["games"][0]["word"] is None
    newest_first = sorted(ids, key=lambda i: -engine.store.get_game(i)["ended_at"])
    assert newest_first[0] == HIDDEN, "the hidden game is the newest, so it would lead the replays"
    assert [f["game"] for f in board["finished"]] == newest_first[1:9]
    assert HIDDEN not in json.dumps(board["winners"]) and board["winners"][0]["seconds"] == 15.0
    assert get(f"{base}/replay/{HIDDEN}")[0] == 404
    status, headers, gif = get(f"{base}/replay/{newest_first[1]}")
    assert status == 200 and headers["content-type"] == "image/gif" and gif[:6] in (b"GIF87a", b"GIF89a")


def test_frames_are_served_once_by_url_to_whoever_may_see_them(api):
    base, engine, cache = api
    token, player = token_for(engine)
    seat = engine.lobby.join(player, now=time.time())
    engine.pool.submit_frame(seat.game_id, drawing(3))
    assert wait_for(lambda: engine.recorder.flush(1) and engine.store.latest_frame_meta(seat.game_id))
    status, headers, png = get(f"{base}/frame/{seat.game_id}/1")
    assert status == 200 and png[:8] == b"\x89PNG\r\n\x1a\n" and "immutable" in headers["cache-control"]
    assert get(f"{base}/frame/{seat.game_id}/2")[0] == 404
    engine.store.flag_game(seat.game_id, 1)  # moderation hides it: only its player still sees it
    cache.clock.advance(cache.ttl)  # past the live cache's life
    assert get(f"{base}/frame/{seat.game_id}/1")[0] == 404
    assert get(f"{base}/live/{seat.game_id}")[0] == 404
    assert get(f"{base}/live/{seat.game_id}?player={token}")[0] == 200
    assert get(f"{base}/frame/{seat.game_id}/1?player={token}")[0] == 200


@pytest.mark.parametrize("path", ["/live/nope", "/live/0123456789ab", "/live/'; drop table games; --",
                                  "/frame/0123456789ab/1", "/frame/zz/1", "/frame/0123456789ab/x",
                                  "/replay/../../etc/passwd", "/replay/0123456789ab"])
def test_garbage_addresses_get_a_plain_not_found(api, path):
    base, _, _ = api
    status, headers, body = get(base + path.replace(" ", "%20").replace("'", "%27").replace(";", "%3B"))
    assert status == 404 and b"Traceback" not in body


def test_the_seat_route_is_the_heartbeat_and_refuses_strangers(api):
    base, engine, _ = api
    token, player = token_for(engine)
    status, seat = post(f"{base}/seat", json.dumps({"player": token}).encode())
    assert status == 200 and seat["state"] == "none"
    engine.lobby.join(player, now=time.time())
    status, seat = post(f"{base}/seat", json.dumps({"player": token}).encode())
    assert status == 200 and seat["state"] == "playing" and seat["game"]
    assert post(f"{base}/seat", b'{"player": "forged.0123456789abcdef"}')[0] == 403
    assert post(f"{base}/seat", b"not json")[0] == 400
    assert post(f"{base}/seat", b"[1, 2]")[0] == 400
    assert post(f"{base}/seat", b"x" * 10_000)[0] == 413


def test_health_counts_games_and_the_queue(api):
    base, engine, _ = api
    engine.lobby.join("healthy-player", now=time.time())
    status, _, body = get(f"{base}/health")
    assert status == 200 and json.loads(body) == {"ok": True, "games": 1, "queue": 0,
                                                  "process": engine.lobby.process_id}


def post_streamed(url: str, body: bytes, chunked: bool = True, piece: int = 65536) -> tuple[int, int]:
    """POST `body` piece by piece on a raw socket (chunked, or with its length), stopping as soon as the server
    answers: (the status, how many body bytes went out before it did)."""
    parts = urllib.parse.urlsplit(url)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=10)
    head = f"POST {parts.path}?{parts.query} HTTP/1.1\r\nHost: {parts.netloc}\r\nContent-Type: application/json\r\n"
    head += "Transfer-Encoding: chunked\r\n" if chunked else f"Content-Length: {len(body)}\r\n"
    sock.sendall((head + "\r\n").encode())
    sent = 0
    try:
        while sent < len(body):
            readable, _, _ = select.select([sock], [], [], 0)
            if readable:
                break
            chunk = body[sent:sent + piece]
            sock.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n" if chunked else chunk)
            sent += len(chunk)
        else:
            if chunked:
                sock.sendall(b"0\r\n\r\n")
    except OSError:  # the server answered and closed while we were still sending: that is the point
        pass
    reply = b""
    while b"\r\n" not in reply:
        data = sock.recv(4096)
        if not data:
            break
        reply += data
    sock.close()
    return int(reply.split(b" ")[1]), sent


def post_png(url: str, body: bytes) -> int:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "image/png"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=5) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def test_the_canvas_sends_the_stroke_being_drawn_only_for_its_own_running_game(api):
    base, engine, _ = api
    token, player = token_for(engine)
    seat = engine.lobby.join(player, now=time.time())
    url = f"{base}/canvas/{seat.game_id}?player={token}"
    assert post_png(url, drawing(4)) == 204
    assert wait_for(lambda: engine.recorder.flush(1) and engine.store.latest_frame_meta(seat.game_id))
    stranger = new_player_token(engine.player_secret, random.Random(5))
    assert post_png(f"{base}/canvas/{seat.game_id}?player={stranger}", drawing(5)) == 403
    assert post_png(url, b"not a png") == 400
    assert post_streamed(url, b"\x89PNG" + b"x" * (3 * 1024 * 1024), chunked=False)[0] == 413
    assert post_png(f"{base}/canvas/0123456789ab?player={token}", drawing(5)) in (403, 404)
    engine.lobby.quit(player, now=time.time())
    assert post_png(url, drawing(6)) == 409, "a game that is over takes no more frames"
    assert [f["seq"] for f in engine.store.game_frames(seat.game_id, with_png=False)] == [1]


def a_second_passes(engine, game_id: str) -> None:
    """The room's guesses in a game were made a second earlier (the one-a-second rule reads their stored times)."""
    engine.store.execute("UPDATE guesses SET created_at = created_at - 1.05 WHERE game_id = ? AND human = 1",
                         [game_id])


def test_the_guess_route_judges_a_persons_guess_and_says_why_it_refuses_one(api):
    base, engine, _ = api
    _, drawer = token_for(engine)
    seat = engine.lobby.join(drawer, now=time.time())
    guesser = new_player_token(engine.player_secret, random.Random(12))
    who = player_from_token(guesser, engine.player_secret)
    say = lambda text, token=guesser: post(f"{base}/guess/{seat.game_id}",  # noqa: E731
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
    assert post(f"{base}/guess/{seat.game_id}", b"not json")[0] == 400
    assert post(f"{base}/guess/not-a-game", b"{}")[0] == 404
    a_second_passes(engine, seat.game_id)
    status, answer = say(seat.word)
    assert status == 200 and answer["won"] and "You got it in" in answer["message"]
    game = engine.store.get_game(seat.game_id)
    assert game["status"] == "won" and game["winner"] == "Maya" and game["winner_human"] == 1
    a_second_passes(engine, seat.game_id)
    status, answer = say("dog")
    assert status == 409 and answer["over"]
    rows = [g for g in engine.store.game_guesses(seat.game_id) if g["human"]]
    assert [(g["text"], g["won"], g["player_id"]) for g in rows] == [("<b>dog</b>", 0, who), (seat.word, 1, who)]


def test_a_room_guessing_hundreds_of_times_keeps_a_live_view_to_its_newest_guesses(api):
    from core.live import BOARD_GUESSES, LIVE_GUESSES
    base, engine, _ = api
    token, player = token_for(engine)
    game_id = engine.lobby.join(player, now=time.time()).game_id
    started = engine.store.get_game(game_id)["started_at"]
    engine.store.insert_guesses([{"game_id": game_id, "guesser": f"person {i}", "text": f"guess {i}", "human": 1,
                                  "created_at": started + 0.01 * i} for i in range(300)])
    _, _, body = get(f"{base}/live/{game_id}?player={token}")
    shown = [g["text"] for g in json.loads(body)["guesses"]]
    assert shown == [f"guess {i}" for i in range(299, 299 - LIVE_GUESSES, -1)], "the newest, newest first"
    _, _, body = get(f"{base}/board")
    [board_game] = json.loads(body)["games"]
    assert [g["text"] for g in board_game["guesses"]] == [f"guess {i}" for i in range(299, 299 - BOARD_GUESSES, -1)]
