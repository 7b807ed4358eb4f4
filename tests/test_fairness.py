"""Fairness: until a game ends its word and aliases reach nobody but its drawer and a signed-in host.

A real game runs (a model behind a fake OpenAI-compatible server, through its real SDK, and people
guessing through the real route) with wrong guesses that name the word in every way they can: a
shotgun reply, an alias inside a longer reply, a right answer that came too late. Meanwhile an
anonymous visitor reads every public route and page and must never meet the word.
"""
from __future__ import annotations

import json
import random
import re
import time

import pytest
from apptest import open_page
from conftest import wait_for
from fake_providers import FakeProvider, drawing_png, ok

from core.identity import host_token, new_player_token, player_from_token
from core.wordbook import Choice

WORDS = "# pack: felines\ncat | kitty\n# pack: others\ndog\nsun\nhouse\n"
LEAK = re.compile(r"\b(cats?|kitty|kitties)\b", re.IGNORECASE)


def get(client, path: str) -> tuple[int, str]:
    r = client.get(path)
    return r.status_code, r.content.decode("utf-8", "replace")


def post(client, path: str, payload: dict) -> tuple[int, dict]:
    r = client.post(path, content=json.dumps(payload).encode(), headers={"Content-Type": "application/json"})
    return r.status_code, json.loads(r.content or b"{}")


def page_text(at) -> str:
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "success", "error", "warning", "code"):
        parts += [str(e.value) for e in getattr(at, kind)]
    for frame in at.dataframe:
        parts.append(frame.value.to_csv())
    return "\n".join(parts)


def _arena(streamlit_app, route_client, script: list, default):
    """The app's engine with one model that answers `script`, then `default`; its routes in a TestClient."""
    model = FakeProvider("openai", script=script, default=default)
    model.start()
    engine = streamlit_app(WORDS, SKETCH_ENABLED="false", WRITTEN_WORD_CHECK="false", OPENAI_COMPAT_MODEL="local-1",
                           OPENAI_COMPAT_BASE_URL=model.base_url, OPENAI_COMPAT_NAME="Local model",
                           MIN_GUESS_INTERVAL="0", FRAME_INTERVAL="0", FAST_GUESSES="50", GUESSES_PER_ADDRESS="0")
    yield route_client(engine), engine, model
    model.close()


@pytest.fixture
def arena(streamlit_app, route_client):
    """The app's engine with one model that keeps naming the word wrongly, its routes in a TestClient."""
    yield from _arena(streamlit_app, route_client, [ok("cat or dog"), ok("a kitty next to a house")], ok("dog"))


def test_no_public_route_or_page_names_a_running_games_word_but_its_drawer_and_a_host_see_it(arena):
    client, engine, model = arena
    rng = random.Random(7)
    drawer_token = new_player_token(engine.player_secret, rng)
    drawer = player_from_token(drawer_token, engine.player_secret)
    seat = engine.lobby.join(drawer, now=time.time(), choice=Choice(pack="felines"))
    assert seat.word == "cat"
    for k in range(3):  # three changed frames: the model answers each
        engine.pool.submit_frame(seat.game_id, drawing_png(box=(60, 140, 200 + 60 * k, 300)), ink=1000 + k)
        assert wait_for(lambda k=k: model.count >= k + 1, 10)
    people = [new_player_token(engine.player_secret, rng) for _ in range(2)]
    for n, token in enumerate(people):
        pid = player_from_token(token, engine.player_secret)
        engine.store.touch_player(pid, time.time())
        engine.store.set_nickname(pid, f"Guesser {n}")
    replies = [post(client, f"/api/guess/{seat.game_id}", {"player": people[0], "text": "dog kitty"}),
               post(client, f"/api/guess/{seat.game_id}", {"player": people[1], "text": "sun"})]
    assert [status for status, _ in replies] == [200, 200]
    assert "one guess, one answer" in replies[0][1]["message"] and not replies[0][1]["won"]
    engine.store.insert_guesses([{  # a model's right answer that came back after its timeout: it cannot win
        "game_id": seat.game_id, "frame_seq": 3, "guesser": "Local model", "model": "local-1", "text": "Kitty!",
        "normalized": "kitty", "correct": 1, "stale": 1, "reason": "names the alias 'kitty' (too late)",
        "created_at": time.time()}])
    assert wait_for(lambda: engine.recorder.flush(1) and len(engine.store.game_guesses(seat.game_id)) >= 6, 10)
    stored = " ".join(g["text"] or "" for g in engine.store.game_guesses(seat.game_id))
    assert "cat or dog" in stored and "kitty" in stored, "the guesses that name the word are really there"
    assert engine.store.get_game(seat.game_id)["status"] == "active", "and none of them won"

    stranger = new_player_token(engine.player_secret, rng)
    forged = f"h{int(time.time()) + 999}.{'0' * 32}"
    routes = [f"/api/live/{seat.game_id}", f"/api/live/{seat.game_id}?player={stranger}",
              f"/api/live/{seat.game_id}?player={people[0]}", f"/api/live/{seat.game_id}?host={forged}",
              "/api/board", "/api/board?words=1", "/api/board?guesses=4", "/api/board?words=1&guesses=4",
              f"/api/board?words=1&host={forged}", f"/api/replay/{seat.game_id}", f"/share/{seat.game_id}",
              f"/share/{seat.game_id}/card.png", "/api/health", f"/api/frame/{seat.game_id}/1"]
    for path in routes:
        status, body = get(client, path)
        assert not LEAK.search(body), f"{path} ({status}) names the word: {LEAK.search(body)}"
    board = json.loads(get(client, "/api/board")[1])
    assert any(g["text"] == "(withheld until the game ends)" for g in board["games"][0]["guesses"])
    assert any(g["text"] == "sun" for g in board["games"][0]["guesses"]), "wrong guesses that do not name it show"
    for _, answer in replies:
        assert not LEAK.search(answer["message"].replace("dog kitty", "")), answer

    pages = [("pages/1_Spectate.py", {}), ("pages/1_Spectate.py", {"game": seat.game_id, "player": stranger}),
             ("pages/1_Spectate.py", {"present": "1"}), ("pages/3_Game.py", {"game": seat.game_id}),
             ("pages/2_Leaderboard.py", {}), ("Home.py", {"player": stranger}), ("pages/4_Stats.py", {})]
    for script, query in pages:
        at = open_page(script, **query)
        assert not at.exception, (script, at.exception)
        text = page_text(at)
        assert not LEAK.search(text), f"{script} {query} names the word: {LEAK.search(text)}"

    mine = json.loads(get(client, f"/api/live/{seat.game_id}?player={drawer_token}")[1])
    assert mine["word"] == "cat" and any(g["text"] == "cat or dog" for g in mine["guesses"])
    host = host_token(engine.player_secret, time.time())
    hosted = json.loads(get(client, f"/api/live/{seat.game_id}?host={host}")[1])
    assert hosted["word"] == "cat" and any(g["text"] == "Kitty!" for g in hosted["guesses"])
    assert json.loads(get(client, f"/api/board?words=1&host={host}")[1])["games"][0]["word"] == "cat"
    assert "Draw: **cat**" in page_text(open_page("Home.py", player=drawer_token))

    engine.lobby.end_game(seat.game_id, "timeout", time.time())  # once it is over, everybody may read it
    over = json.loads(get(client, f"/api/live/{seat.game_id}")[1])
    assert over["word"] == "cat" and any(g["text"] == "cat or dog" for g in over["guesses"])


LEAK_DE = re.compile(r"\b(cats?|kitty|kitties|katzen?|kater|mieze)\b", re.IGNORECASE)


@pytest.fixture
def arena_de(streamlit_app, route_client):
    """The same arena for a game played in German: the model, asked in German, keeps naming the word wrongly in
    German and in English (the concept), which gives the word away as surely."""
    yield from _arena(streamlit_app, route_client,
                      [ok("Katze oder Hund"), ok("eine Mieze neben einem Haus"), ok("cat")], ok("Hund"))


def test_a_german_games_word_its_aliases_and_its_english_concept_reach_no_anonymous_visitor(arena_de):
    client, engine, model = arena_de
    rng = random.Random(8)
    drawer_token = new_player_token(engine.player_secret, rng)
    drawer = player_from_token(drawer_token, engine.player_secret)
    seat = engine.lobby.join(drawer, now=time.time(), choice=Choice(pack="felines"), lang="de")
    assert (seat.word, engine.store.get_game(seat.game_id)["word"]) == ("Katze", "cat")
    for k in range(4):  # four changed frames: the model answers each, in German or not
        engine.pool.submit_frame(seat.game_id, drawing_png(box=(60, 140, 200 + 50 * k, 300)), ink=1000 + k)
        assert wait_for(lambda k=k: model.count >= k + 1, 10)
    assert "auf Deutsch" in model.last().texts()[-1], "the model was asked to answer in German"
    people = [new_player_token(engine.player_secret, rng) for _ in range(3)]
    for n, token in enumerate(people):
        pid = player_from_token(token, engine.player_secret)
        engine.store.touch_player(pid, time.time())
        engine.store.set_nickname(pid, f"Rater {n}")
    replies = [post(client, f"/api/guess/{seat.game_id}", {"player": people[0], "text": "Hund Mieze"}),
               post(client, f"/api/guess/{seat.game_id}", {"player": people[1], "text": "Sonne"}),
               post(client, f"/api/guess/{seat.game_id}", {"player": people[2], "text": "cat"})]
    assert [status for status, _ in replies] == [200, 200, 200]
    assert not any(answer["won"] for _, answer in replies), "the English concept does not win a German game"
    assert wait_for(lambda: engine.recorder.flush(1) and len(engine.store.game_guesses(seat.game_id)) >= 7, 10)
    stored = [g["text"] for g in engine.store.game_guesses(seat.game_id)]
    assert {"Katze oder Hund", "cat", "Hund Mieze"} <= set(stored), "the guesses that name the word are really there"
    assert engine.store.get_game(seat.game_id)["status"] == "active", "and none of them won"

    stranger = new_player_token(engine.player_secret, rng)
    routes = [f"/api/live/{seat.game_id}", f"/api/live/{seat.game_id}?player={stranger}",
              f"/api/live/{seat.game_id}?player={people[2]}", "/api/board", "/api/board?words=1",
              "/api/board?guesses=4", f"/api/replay/{seat.game_id}", f"/share/{seat.game_id}",
              f"/share/{seat.game_id}/card.png"]
    for path in routes:
        status, body = get(client, path)
        assert not LEAK_DE.search(body), f"{path} ({status}) names the word: {LEAK_DE.search(body)}"
    shown = [g["text"] for g in json.loads(get(client, "/api/board")[1])["games"][0]["guesses"]]
    assert shown.count("(withheld until the game ends)") >= 4 and "Sonne" in shown
    pages = [("pages/1_Spectate.py", {}), ("pages/1_Spectate.py", {"game": seat.game_id, "player": stranger}),
             ("pages/1_Spectate.py", {"present": "1"}), ("pages/3_Game.py", {"game": seat.game_id}),
             ("Home.py", {"player": stranger})]
    for script, query in pages:
        at = open_page(script, **query)
        assert not at.exception, (script, at.exception)
        assert not LEAK_DE.search(page_text(at)), f"{script} {query} names the word: {LEAK_DE.search(page_text(at))}"

    mine = json.loads(get(client, f"/api/live/{seat.game_id}?player={drawer_token}")[1])
    assert mine["word"] == "Katze" and "cat" in [g["text"] for g in mine["guesses"]]
    engine.lobby.end_game(seat.game_id, "timeout", time.time())  # once it is over, everybody may read it

    def over() -> dict:
        return json.loads(get(client, f"/api/live/{seat.game_id}")[1])
    assert wait_for(lambda: over()["status"] == "timeout", 5), "the live document is rebuilt within its short cache"
    assert over()["word"] == "Katze" and "Katze oder Hund" in [g["text"] for g in over()["guesses"]]
