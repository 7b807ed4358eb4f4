"""Costly requests stay cheap: bodies capped while they stream, oversized pictures refused before decoding,
malformed JSON a 400, exports that no spreadsheet runs, and one visibility rule for every surface."""
from __future__ import annotations

import csv
import io
import json
import select
import socket
import struct
import time
import urllib.parse
import zlib

import pytest
from apptest import open_page
from conftest import wait_for
from harness import serving
from PIL import Image
from seed import seed_games
from starlette.applications import Starlette
from test_live import banana_routes, drawing, get, post, token_for

from core.export import rows_to_csv, table_csv
from core.images import BadImage, encode_png
from core.play import browser_frame
from core.web import api_routes

HIDDEN = f"{15:012x}"


@pytest.fixture
def api(make_engine, route_client):
    """The routes in a TestClient over an engine whose only guesser says banana (as in test_live)."""
    return banana_routes(make_engine, route_client)


def png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims a size; its few bytes of data would decode to far more."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(  # noqa: E731
        ">I", zlib.crc32(kind + data))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


@pytest.fixture
def wire(api):
    """The same engine's routes on a real uvicorn server: its base URL. Only a socket shows how much of a body
    went out before the answer came (Starlette's TestClient reads a body whole, a generator too, before the app
    sees any of it)."""
    _, engine, _ = api
    with serving(Starlette(routes=api_routes(lambda: engine))) as url:
        yield f"{url}/api", engine


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


def test_a_huge_chunked_guess_is_refused_while_it_streams_not_after(wire):
    base, engine = wire
    _, drawer = token_for(engine)
    seat = engine.lobby.join(drawer, now=time.time())
    status, sent = post_streamed(f"{base}/guess/{seat.game_id}", b"x" * (50 * 1024 * 1024), chunked=True)
    assert status == 413 and sent < 8 * 1024 * 1024, f"the server read {sent:,} bytes before it said no"
    status, sent = post_streamed(f"{base}/seat", b"{" + b" " * (10 * 1024 * 1024) + b"}", chunked=False)
    assert status == 413 and sent < 8 * 1024 * 1024, "a declared length past the cap is refused before reading"


@pytest.mark.parametrize("body", [b"[" * 2000 + b"]" * 2000, b'{"player":' + b"[" * 2000 + b"]" * 2000 + b"}",
                                  b"\xff\xfe not utf-8", b'"a string"', b"null", b"{\"player\": [1, 2]"])
def test_malformed_or_deeply_nested_json_is_a_plain_400(api, body):
    client, engine, _ = api
    _, drawer = token_for(engine)
    seat = engine.lobby.join(drawer, now=time.time())
    for path in (f"/guess/{seat.game_id}", "/seat"):
        status, answer = post(client, "/api" + path, body)
        assert status == 400 and "Traceback" not in json.dumps(answer), (path, status, answer)


def test_a_canvas_preview_larger_than_the_canvas_or_not_a_png_is_refused_before_decoding(api):
    client, engine, _ = api
    token, player = token_for(engine)
    seat = engine.lobby.join(player, now=time.time())
    url = f"/api/canvas/{seat.game_id}?player={token}"
    big = encode_png(Image.new("L", (1024, 1024), 255))
    for body in (png_header(4096, 4096), png_header(513, 100), big, b"GIF89a" + b"\x00" * 100, b""):
        assert post(client, url, body)[0] == 400
    assert post(client, url, drawing(3))[0] == 204
    assert wait_for(lambda: engine.recorder.flush(1) and engine.store.latest_frame_meta(seat.game_id))
    assert [f["width"] for f in engine.store.game_frames(seat.game_id, with_png=False)] == [64]


def test_a_picture_past_the_size_is_refused_from_its_header_alone():
    with pytest.raises(BadImage, match="larger than the 512 px canvas"):
        browser_frame(png_header(4096, 4096), max_side=512)


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralized(store):
    hostile = ["=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "fine", "-"]
    out = rows_to_csv([{"text": t, "n": -5} for t in hostile])
    cells = [r["text"] for r in csv.DictReader(io.StringIO(out.decode()))]
    assert cells[:6] == ["'" + t for t in hostile[:6]] and cells[6] == "fine"
    assert [r["n"] for r in csv.DictReader(io.StringIO(out.decode()))] == ["-5"] * 8, "numbers stay numbers"
    store.touch_player("player-csv01", 0)
    store.insert_game({"id": "00000000c5c5", "word": "cat", "player_id": "player-csv01", "status": "won",
                       "started_at": 0, "game_seconds": 45})
    store.insert_guesses([{"game_id": "00000000c5c5", "guesser": "=cmd|' /C calc'!A0", "text": "=1+1",
                           "human": 1, "created_at": 1.0}])
    row = next(csv.DictReader(io.StringIO(table_csv(store, "guesses").decode())))
    assert row["guesser"].startswith("'=") and row["text"] == "'=1+1"


@pytest.fixture
def app_env(streamlit_app):
    return streamlit_app("square\ncircle\ntriangle\ncat\nhouse\ntree\n", ADMIN_PASSWORD="correct horse")


def test_a_running_game_a_model_declined_is_not_found_on_the_game_page_until_approved(app_env):
    store = app_env.store
    seat = app_env.lobby.join("declined-0001", now=time.time())
    store.insert_guesses([{"game_id": seat.game_id, "guesser": "Claude", "refused": 1, "error": "refused: no",
                           "created_at": time.time()}])
    at = open_page("pages/3_Game.py", game=seat.game_id)
    assert not at.exception and "could not find that game" in at.info[0].value
    store.flag_game(seat.game_id, 1)
    store.moderate(seat.game_id, approve=True)
    at = open_page("pages/3_Game.py", game=seat.game_id)
    assert not at.exception and all("could not find" not in i.value for i in at.info)
    assert at.title[0].value == "The game is still running\\."


def test_every_surface_gives_one_answer_for_a_declined_then_approved_finished_game(api):
    client, engine, _ = api
    ids = seed_games(engine.store, now=time.time())
    game = ids[-1]  # the newest: it leads the board's finished games once it may be seen
    engine.store.insert_guesses([{"game_id": game, "guesser": "GPT", "refused": 1, "error": "refused: no",
                                  "created_at": time.time()}])
    surfaces = [f"/api/live/{game}", f"/api/frame/{game}/1", f"/api/replay/{game}", f"/share/{game}",
                f"/share/{game}/card.png"]
    statuses = lambda: [get(client, u)[0] for u in surfaces]  # noqa: E731
    assert wait_for(lambda: statuses() == [404] * 5, 2), "declined, not yet flagged: found nowhere"
    engine.store.flag_game(game, 1)
    assert statuses() == [404] * 5
    engine.store.moderate(game, approve=True)
    assert wait_for(lambda: statuses() == [200] * 5, 2), "approved: found everywhere"
    assert game in [g["game"] for g in json.loads(get(client, "/api/board")[2])["finished"]]
