"""The room's light way in (/room, core/join.py): its routes through Starlette's TestClient over a real engine, and
a phone that opens presenter mode's QR link in Chromium, picks a nickname and guesses while the drawer watches."""
from __future__ import annotations

import json
import random
import re
import time

import pytest
from scripted import ScriptedGuesser

from core.identity import new_player_token, player_from_token
from core.room import is_generated


@pytest.fixture
def room(make_engine, route_client):
    """(client, engine): the routes over an engine whose only guesser, "Banana bot", always says banana."""
    engine = make_engine([ScriptedGuesser("Banana bot", [(0.05, "banana")] * 50)], "cat\ntree\n",
                         MIN_GUESS_INTERVAL=0, FRAME_INTERVAL=0)
    return route_client(engine), engine


def ask(client, route: str, **body) -> tuple[int, dict]:
    r = client.post(f"/api/room/{route}", content=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    return r.status_code, r.json()


def a_drawer_plays(engine) -> str:
    drawer = player_from_token(new_player_token(engine.player_secret, random.Random(5)), engine.player_secret)
    return engine.lobby.join(drawer, now=time.time()).game_id


def test_a_new_phone_gets_a_token_then_a_nickname_then_the_newest_game(room):
    client, engine = room
    status, state = ask(client, "join")
    assert status == 200 and player_from_token(state["player"], engine.player_secret)
    assert (state["gate"], state["game"]) == ("nickname", None), "a name first, even before a game runs"
    token = state["player"]
    status, state = ask(client, "nickname", player=token, nickname="  Maya  ")
    assert status == 200 and (state["gate"], state["game"], state["nickname"]) == ("ok", None, "Maya")
    assert state["player"] == token, "the browser keeps the one it was given"
    game_id = a_drawer_plays(engine)
    assert ask(client, "join", player=token)[1]["game"] == game_id, "no game asked: the newest running one"
    assert ask(client, "join", player=token, game=game_id)[1]["gate"] == "ok"
    status, answer = ask(client, "join", player=token, game="000000000bad")
    assert status == 200 and answer["gate"] == "not-guessable" and answer["game"] is None


def test_the_nickname_route_keeps_the_rooms_name_rules_and_refuses_strangers(room):
    client, engine = room
    token = ask(client, "join")[1]["player"]
    status, answer = ask(client, "nickname", player=token, nickname="Banana bot")
    assert status == 400 and answer["message"], "no impostor of a guesser"
    assert ask(client, "nickname", player=token, nickname="")[0] == 400
    assert ask(client, "nickname", player="someone.0123456789abcdef", nickname="Maya")[0] == 403
    assert ask(client, "code", player=None, code="ABCD")[0] == 403, "only the first question hands out a player"
    engine.room.set_rules("host", time.time(), generated_names=True)
    state = ask(client, "join", player=token)[1]
    assert state["gate"] == "nickname" and state["generated"] and is_generated(state["suggested"])
    assert ask(client, "nickname", player=token, nickname="Maya")[0] == 400, "the host asks for generated names"
    state = ask(client, "nickname", player=token, nickname=state["suggested"])[1]
    assert state["gate"] == "ok"


def test_the_event_code_lets_a_person_in_and_the_host_can_take_them_out(room):
    client, engine = room
    engine.room.set_rules("host", time.time(), code="ABCDE")
    token = ask(client, "join")[1]["player"]
    state = ask(client, "join", player=token)[1]
    assert state["gate"] == "code" and "event code" in state["message"]
    status, answer = ask(client, "code", player=token, code="WRONG")
    assert status == 403 and "not this event's code" in answer["message"]
    status, state = ask(client, "code", player=token, code="abc-de")
    assert status == 200 and state["gate"] == "nickname"
    ask(client, "nickname", player=token, nickname="Maya")
    engine.room.set_standing("host", player_from_token(token, engine.player_secret), "removed", time.time())
    state = ask(client, "join", player=token)[1]
    assert state["gate"] == "removed" and "removed you" in state["message"]
    assert ask(client, "code", player=token, code="ABCDE")[0] == 403


def test_a_full_room_says_so_before_the_code_is_tried(room):
    client, engine = room
    engine.room.set_rules("host", time.time(), room_size=1)
    first = ask(client, "join")[1]["player"]
    ask(client, "nickname", player=first, nickname="Maya")
    game_id = a_drawer_plays(engine)
    assert client.post(f"/api/guess/{game_id}", json={"player": first, "text": "dog"}).status_code == 200
    second = ask(client, "join")[1]
    assert second["gate"] == "full" and "full" in second["message"]


def test_room_bodies_are_small_json_objects(room):
    client, _ = room
    big = json.dumps({"player": "x" * 5000}).encode()
    assert client.post("/api/room/join", content=big).status_code == 413
    assert client.post("/api/room/join", content=b"[1, 2]").status_code == 400
    assert client.post("/api/room/nickname", content=b"not json").status_code == 400
    assert client.get("/api/room/join").status_code == 405


def test_the_light_page_and_its_assets_are_served_with_versions(room):
    client, _ = room
    page = client.get("/room?game=000000000001&code=ABCDE")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<html lang="en">' in page.text and "<title>Guess the drawing" in page.text
    assert client.get("/room", headers={"If-None-Match": page.headers["etag"]}).status_code == 304
    script = client.get("/ui/room.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert 'from "./live.js"' in script.text and client.get("/ui/live.js").status_code == 200
    for name in ("web.py", "..%2Fweb.py", "nothing.js"):
        assert client.get(f"/ui/{name}").status_code == 404


# -- in Chromium: a phone from the QR code ---------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("transport", ["", "?transport=poll"], ids=["default", "poll"])
def test_a_phone_from_the_qr_link_picks_a_nickname_and_its_guess_reaches_the_drawer(vision_app, person, transport):
    """The phone's live view on live.js's default transport, and on the fallback a page forces with ?transport=poll."""
    from browser_kit import screenshot
    from test_room import start_drawing

    from core.share import room_url

    url = vision_app.url
    drawer = start_drawing(person, url)
    phone = person(room_url(url) + transport, device="iPhone 13")
    phone.get_by_label("Your nickname, so the room knows who guessed").fill("Maya")
    screenshot(phone, f"room-390-nickname{'-poll' if transport else ''}")
    phone.get_by_role("button", name="Start guessing").tap()
    box = phone.get_by_placeholder("Your guess")
    box.wait_for(timeout=20_000)
    box.fill("pear")
    box.press("Enter")
    phone.get_by_text("Keep guessing").wait_for(timeout=20_000)
    assert phone.get_by_text(re.compile("You guess as Maya")).is_visible()
    screenshot(phone, f"room-390-guessing{'-poll' if transport else ''}")
    drawer.get_by_text("👤 Maya").wait_for(timeout=10_000)
    assert "pear" in drawer.locator(".pa-live").inner_text()
